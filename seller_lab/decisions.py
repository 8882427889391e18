"""Every seed rule is a Decision: inputs, threshold (from params), outcome, reason.

One mechanism, used everywhere: research gates, pilot verdicts, turnover rules, SLA
alerts. Reports render the records; the store keeps them; next month's review compares
them with what happened.

Examples
--------
>>> p = {"compliance": {"max_cert_cost_share_of_profit": 0.30}}
>>> d = threshold_rule(
...     "toy-us", "R1.3.cert_cost_share", "certification cost / expected profit",
...     value=0.42, params=p, key="compliance.max_cert_cost_share_of_profit", op="<=",
...     ok_verdict="pass", bad_verdict="reject",
...     reason_ok="certification costs {value:.0%} of expected profit, within {threshold:.0%}",
...     reason_bad="certification costs {value:.0%} of expected profit, above {threshold:.0%}")
>>> d.verdict, d.reason
('reject', 'certification costs 42% of expected profit, above 30%')
>>> to_frame([d])[["rule", "value", "threshold", "verdict"]].iloc[0].tolist()
['R1.3.cert_cost_share', '0.42', '<= 0.3', 'reject']

A reason is also kept structured (its ``N_``-marked template and the values that fill
it) so a report shows it in its own language; the English ``reason`` is what the store
keeps. A rule without a template, or whose template the report's catalog lacks, shows
its English reason:

>>> d = Decision("KO-1", "R9.x", "m", 3, "", "alert", Phrase("{sku}: {n} days", sku="KO-1", n=3))
>>> d.reason, d.template
('KO-1: 3 days', '{sku}: {n} days')
>>> localized_reason(d, lambda msg, **v: msg.replace("days", "天").format(**v) if v else msg.replace("days", "天"))
'KO-1: 3 天'
>>> from seller_lab.i18n import translator
>>> localized_reason(d, translator("zh"))  # a template the catalog does not know
'KO-1: 3 days'
"""

from __future__ import annotations

import json
import math
import operator
from dataclasses import asdict, dataclass, field
from typing import Any

import pandas as pd

from .i18n.phrase import (
    Month,
    Parts,
    Phrase,
    Tally,
    When,
    translated_values,
    value_data,
    value_from_data,
)
from .schemas import columns

__all__ = ["Decision", "Month", "Parts", "Tally", "When", "compare", "decode_values", "encode_values",
           "localized_metric", "localized_reason", "localized_threshold",
           "stored_reason", "threshold_rule", "to_frame", "translated_values", "worst"]

_OPS = {"<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge,
        "==": operator.eq, "!=": operator.ne}


@dataclass(frozen=True)
class Decision:
    """One evaluated rule. ``value``/``threshold`` keep their Python values; the frame
    form (:func:`to_frame`) renders them as text so one table holds every rule."""

    unique_id: str
    rule: str
    #: What is measured; a :class:`~seller_lab.i18n.phrase.Phrase` when it names a value
    #: (``positive reviews confirming '{point}'``).
    metric: str
    value: Any
    #: The threshold; a :class:`~seller_lab.i18n.phrase.Phrase` when it has words
    #: (``<= {max:g} (stop > {stop:g})``).
    threshold: Any
    verdict: str
    #: The English sentence; a :class:`~seller_lab.i18n.phrase.Phrase` (its ``N_``-marked
    #: template and values, see :attr:`template`) when a report can say it in its own language.
    reason: str
    source_file: str = ""
    category: str = ""
    period: str = ""
    params_key: str = ""
    inputs: dict = field(default_factory=dict)

    @property
    def template(self) -> str:
        """The reason's ``N_``-marked English template ('' for a rule that keeps text only)."""
        return getattr(self.reason, "template", "")

    @property
    def values(self) -> dict:
        """The values that fill :attr:`template` (``reason == template.format(**values)``)."""
        return getattr(self.reason, "values", {})

    def as_row(self) -> dict:
        row = asdict(self)
        row.pop("inputs")
        row["value"] = _fmt(self.value)
        row["threshold"] = _fmt(self.threshold)
        values = encode_values(self.values) if self.template else None
        row["reason_template"] = self.template if values is not None else ""
        row["reason_values"] = values or ""
        return row


def _fmt(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, float):
        if math.isnan(v):
            return "n/a"
        return f"{v:.4g}"
    return str(v)


def encode_values(values: dict) -> str | None:
    """A reason's values as JSON text for the store, or None when one of them has no JSON
    form (the stored reason then stays the English text).

    >>> s = encode_values({"n": 3, "share": 0.25, "why": Tally({"no stock": 2}), "m": Month("2026-10")})
    >>> decode_values(s)["why"], decode_values(s)["m"], decode_values(s)["share"]
    ({'no stock': 2}, Month(period='2026-10'), 0.25)
    >>> encode_values({"x": object()}) is None
    True
    """
    try:
        return json.dumps({k: value_data(v) for k, v in values.items()}, ensure_ascii=False)
    except (TypeError, ValueError):
        return None


def decode_values(text: str) -> dict:
    """The values :func:`encode_values` wrote ('' or invalid JSON: no values)."""
    try:
        data = json.loads(text) if text else {}
    except ValueError:
        return {}
    return {k: value_from_data(v) for k, v in data.items()} if isinstance(data, dict) else {}


def stored_reason(reason: str, template: str, values: str, t) -> str:
    """A reason kept in the store in the language of ``t``: its template through the
    catalog, filled with the stored values; the English ``reason`` as kept when the row has
    no template (a decision stored before templates were kept) or the values do not fill it.

    >>> from seller_lab.i18n import translator
    >>> d = Decision("KO-1", "R3.3", "m", 3, "", "alert", Phrase(
    ...     "{sku}: no inbound for {days} days", sku="KO-1", days=3))
    >>> row = d.as_row()
    >>> stored_reason(row["reason"], row["reason_template"], row["reason_values"], translator("en"))
    'KO-1: no inbound for 3 days'
    >>> stored_reason("as kept", "", "", translator("zh"))
    'as kept'
    """
    try:
        return _said(reason, template, decode_values(values), t)
    except (KeyError, IndexError, ValueError, TypeError):
        return reason


def _said(english: str, template: str, values: dict, t) -> str:
    """``template`` through the catalog of ``t`` filled with the translated values; the
    ``english`` text when there is no template or the catalog does not know it."""
    text = t(template) if template else ""
    if not text or (text == template and getattr(t, "lang", "en") != "en"):
        return english
    return text.format(**translated_values(values, t))


def localized_metric(d: Decision, t) -> str:
    """The metric of ``d`` in the language of ``t``: its template filled with translated
    values, or the plain metric through the catalog (unknown text stays English)."""
    m = d.metric
    return _said(m, m.template, m.values, t) if isinstance(m, Phrase) else t(m)


def localized_threshold(d: Decision, t) -> str | None:
    """The threshold of ``d`` in the language of ``t`` when it has words (a Phrase), else None."""
    x = d.threshold
    return _said(str(x), x.template, x.values, t) if isinstance(x, Phrase) else None


def localized_reason(d: Decision, t) -> str:
    """The reason of ``d`` in the language of the translator ``t`` (a
    :class:`seller_lab.i18n.Translator` or any ``t(msgid, **values)``): the translated
    template filled with the values, each text value translated too when the catalog
    knows it (a step, a delay reason); the English ``reason`` when the rule has no
    template or the catalog does not know it (rules not converted yet)."""
    return _said(d.reason, d.template, d.values, t)


def compare(value: float, op: str, threshold: float) -> bool:
    """``value <op> threshold`` for op in <, <=, >, >=, ==, !=.

    >>> compare(0.03, ">=", 0.02)
    True
    """
    return _OPS[op](value, threshold)


def _lookup(params: dict, key: str):
    node = params
    for part in key.split("."):
        node = node[part]
    return node


def threshold_rule(unique_id: str, rule: str, metric: str, *, value: float, params: dict,
                   key: str, op: str, ok_verdict: str, bad_verdict: str,
                   reason_ok: str, reason_bad: str, missing_verdict: str = "unknown",
                   reason_missing: str = "not enough data to judge {metric}",
                   source_file: str = "", category: str = "", period: str = "",
                   inputs: dict | None = None) -> Decision:
    """Evaluate ``value <op> params[key]``; reasons are format strings that may use
    ``{value}``, ``{threshold}``, ``{metric}`` and any name in ``inputs``.

    A missing value (None/NaN) yields ``missing_verdict`` instead of a guess.
    """
    threshold = _lookup(params, key)
    inputs = dict(inputs or {})
    fmt = {"value": value, "threshold": threshold, "metric": metric, **inputs}
    if value is None or (isinstance(value, float) and math.isnan(value)):
        verdict, template, fmt = missing_verdict, reason_missing, {**fmt, "value": float("nan")}
    elif compare(value, op, threshold):
        verdict, template = ok_verdict, reason_ok
    else:
        verdict, template = bad_verdict, reason_bad
    return Decision(unique_id=unique_id, rule=rule, metric=metric, value=value,
                    threshold=f"{op} {_fmt(threshold)}", verdict=verdict,
                    reason=Phrase(template, **fmt),
                    source_file=source_file, category=category, period=period,
                    params_key=key, inputs=inputs)


def to_frame(decisions):
    """Decisions -> the canonical ``decisions`` frame (schemas.DECISIONS columns)."""

    rows = [d.as_row() for d in decisions]
    return pd.DataFrame(rows, columns=columns("decisions"))


# Order of severity when several gates are combined into one verdict.
SEVERITY = {"reject": 3, "stop": 3, "fail": 3, "watch": 2, "iterate": 2, "alert": 2,
            "unknown": 1, "go": 0, "pass": 0, "ok": 0}


def worst(verdicts) -> str:
    """The most severe verdict of a list (reject > watch > unknown > go).

    >>> worst(["pass", "watch", "pass"])
    'watch'
    """
    verdicts = list(verdicts)
    if not verdicts:
        return "unknown"
    return max(verdicts, key=lambda v: SEVERITY.get(v, 1))
