"""Research decisions whose reasons a report shows in its own language (R7): the sentence
types themselves (:class:`Phrase`, :class:`Months`, :func:`say`) live in
:mod:`seller_lab.i18n.phrase`, which the importers and the as-of notes use too.
"""

from __future__ import annotations

import math
from dataclasses import replace

from ..i18n.phrase import Months, Phrase, said, say

__all__ = ["Months", "Phrase", "gate_reason", "phrased", "said", "say"]


def gate_reason(d) -> str:
    """The reason of a Decision as a :class:`Phrase` when it is structured (a research
    phrase, or a rule that keeps its template and values), else its English text."""
    if isinstance(d.reason, Phrase):
        return d.reason
    template, values = getattr(d, "template", ""), getattr(d, "values", None)
    if template and values is not None:
        try:
            return Phrase(template, **values)
        except (KeyError, IndexError, ValueError):
            return d.reason
    return d.reason


def phrased(d, threshold, *templates):
    """``d`` with its reason as a :class:`Phrase` of whichever ``templates`` produced it
    (a :func:`seller_lab.decisions.threshold_rule` result: value, threshold, metric and
    inputs fill the template); ``d`` unchanged when none matches."""
    value = d.value
    if value is None or (isinstance(value, float) and math.isnan(value)):
        value = float("nan")
    values = {"value": value, "threshold": threshold, "metric": d.metric, **(d.inputs or {})}
    for template in templates:
        try:
            if template and template.format(**values) == d.reason:
                return replace(d, reason=Phrase(template, **values))
        except (KeyError, IndexError, ValueError):
            continue
    return d
