"""Fulfilment control (R4): inbound first-leg shipments and outbound dispatch.

- :mod:`.inbound` ETA vs actual, appointment booked >= 7 days before arrival, label
  checklist (R4.1)
- :mod:`.outbound` every order not shipped within 24 h, with its reason, and the late
  share by warehouse and week (R4.2)
"""

from .inbound import inbound_decisions, inbound_shipments
from .outbound import (
    order_dispatch,
    outbound_decisions,
    outbound_late_share,
    outbound_sla_breaches,
    ship_times_known,
)

__all__ = ["inbound_shipments", "inbound_decisions", "order_dispatch", "outbound_sla_breaches", "ship_times_known",
           "outbound_late_share", "outbound_decisions"]
