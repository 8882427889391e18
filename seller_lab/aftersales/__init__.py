"""After-sales (R5): first response in local business hours, weekly return reasons with
the playbook's step and action, monthly positive-review keywords.

- :mod:`.business_time` vectorised business minutes (holidays package, DST-safe)
- :mod:`.response` first-response per ticket, share within 1 h, breaches (R5.1)
- :mod:`.returns` weekly top-3 return reasons -> responsible step + action (R5.2)
- :mod:`.reviews` monthly positive keywords -> selling points (R5.2)
"""

from .business_time import business_minutes, business_minutes_for
from .response import first_response, response_decisions, response_summary
from .returns import classify_returns, return_reason_summary, weekly_top_return_reasons
from .reviews import positive_keywords_month

__all__ = ["business_minutes", "business_minutes_for", "first_response", "response_summary",
           "response_decisions", "classify_returns", "weekly_top_return_reasons",
           "return_reason_summary", "positive_keywords_month"]
