"""Research sentences that a report can show in its own language (R7).

A :class:`Phrase` *is* the English sentence (a ``str``: stored, compared and printed as
today) and also keeps the ``N_``-marked template and the values that fill it, so the
research page renders it through the report's catalog: :func:`say`. A value that is itself
a :class:`Phrase` (or a list of them) is said in the same language.

Examples
--------
>>> from seller_lab.i18n import translator
>>> p = Phrase("{n} of {total} listings", n=3, total=10)
>>> p, p.template
('3 of 10 listings', '{n} of {total} listings')
>>> say("plain text", translator("zh"))
'plain text'
"""

from __future__ import annotations

import math
from dataclasses import replace

__all__ = ["Phrase", "gate_reason", "phrased", "say"]


class Phrase(str):
    """An English sentence built from a template and values (see the module docstring)."""

    template: str
    values: dict

    def __new__(cls, template: str, **values):
        english = {k: "; ".join(map(str, v)) if isinstance(v, (list, tuple)) else v for k, v in values.items()}
        obj = super().__new__(cls, template.format(**english) if values else template)
        obj.template, obj.values = template, values
        return obj

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)

    def __reduce__(self):  # pickles across report workers with its template
        return (_rebuild, (self.template, self.values))


def _rebuild(template: str, values: dict) -> Phrase:
    return Phrase(template, **values)


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


def _say_value(v, t, sep: str):
    if isinstance(v, Phrase):
        return say(v, t)
    if isinstance(v, (list, tuple)) and v:
        return sep.join(say(x, t) for x in v)
    return v


def say(text, t) -> str:
    """``text`` in the language of the translator ``t``: a :class:`Phrase` through the
    catalog (the English sentence when the catalog lacks its template), anything else as is."""
    template = getattr(text, "template", "")
    if not template:
        return str(text)
    translated = t(template)
    if translated == template and getattr(t, "lang", "en") != "en":
        return str(text)
    sep = "；" if getattr(t, "lang", "en") == "zh" else "; "
    return translated.format(**{k: _say_value(v, t, sep) for k, v in text.values.items()})
