"""Sentences that a report can show in its own language (R7).

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
>>> m = Phrase("peak {span}", span=Months([11, 12, 1]))
>>> m, say(m, translator("en"))
('peak Nov–Jan', 'peak Nov–Jan')
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from . import month_range

__all__ = ["Month", "Months", "Parts", "Phrase", "Tally", "When", "from_phrase_json", "joined", "phrase_json",
           "said", "say", "translated_values", "value_data", "value_from_data"]

_PLACEHOLDER = re.compile(r"\{[^{}]*\}")


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


class Months(str):
    """Months inside a sentence: the English abbreviations (``Nov–Jan``, or ``Apr 2024`` with
    a year) as the text, and the month numbers, so a report names them as its locale does
    (``11月–1月``, ``2024年4月``) through :func:`seller_lab.i18n.month_range`.

    >>> from seller_lab.i18n import translator
    >>> m = Months([4], year=2024)
    >>> m, m.said(translator("zh"))
    ('Apr 2024', '2024年4月')
    """

    months: tuple
    year: int | None

    def __new__(cls, months, year: int | None = None):
        obj = super().__new__(cls, month_range(months, year=year))
        obj.months, obj.year = tuple(int(m) for m in months), year
        return obj

    def said(self, t) -> str:
        return month_range(self.months, year=self.year, lang=getattr(t, "lang", "en"))

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)

    def __reduce__(self):
        return (Months, (self.months, self.year))


class Tally(dict):
    """Counts per label as a reason value: ``12 no stock, 2 picking error``; a report
    translates the labels (see :func:`seller_lab.decisions.localized_reason`).

    >>> f"{Tally({'no stock': 12, 'picking error': 2})}"
    '12 no stock, 2 picking error'
    """

    sep = ", "

    def __format__(self, spec: str) -> str:
        return self.sep.join(f"{n} {label}" for label, n in self.items())

    def translated(self, t) -> Tally:
        """The labels through the catalog, joined the way the language lists things."""
        out = Tally({t(str(label)): n for label, n in self.items()})
        out.sep = t(", ")
        return out


@dataclass(frozen=True)
class Parts:
    """A reason value composed of ``N_``-marked parts, each a template and its values,
    joined by ``sep`` (a pilot's 'price and function', its list of changes); a report
    translates each part and the separator (see :func:`seller_lab.decisions.localized_reason`).

    >>> cause = Parts((("price", {}), ("sample size", {})), sep=" and ")
    >>> f"not yet decided ({cause})"
    'not yet decided (price and sample size)'
    >>> f"{Parts.of('keep the test running: ~{more:.0f} more sessions', more=120.4)}"
    'keep the test running: ~120 more sessions'
    """

    parts: tuple = ()
    sep: str = "; "

    @classmethod
    def of(cls, template: str, **values) -> Parts:
        """One part."""
        return cls(((template, values),))

    def __add__(self, other: Parts) -> Parts:
        return Parts(self.parts + other.parts, self.sep)

    def __bool__(self) -> bool:
        return bool(self.parts)

    def __format__(self, spec: str) -> str:
        return self.sep.join(template.format(**values) for template, values in self.parts)

    def __str__(self) -> str:
        return format(self)

    def translated(self, t) -> str:
        """The parts in the language of ``t``: each template through the catalog (an
        unknown one stays English), filled with its translated values."""
        return t(self.sep).join(t(template).format(**translated_values(values, t))
                                for template, values in self.parts)


@dataclass(frozen=True)
class When:
    """A day or a time as a reason value: the template's strftime spec writes it in English
    (``{due:%a %Y-%m-%d}``); a report writes it the locale's way (weekday names by Babel).

    >>> import pandas as pd
    >>> f"{When(pd.Timestamp('2026-10-19 14:05')):%a %Y-%m-%d %H:%M}"
    'Mon 2026-10-19 14:05'
    >>> from seller_lab.i18n import translator
    >>> f"{When(pd.Timestamp('2026-10-19')).translated(translator('zh')):%a %Y-%m-%d}"
    '2026-10-19 周一'
    """

    at: Any

    def __format__(self, spec: str) -> str:
        return format(self.at, spec)

    def translated(self, t) -> LocalWhen:
        return LocalWhen(self.at, t)


@dataclass(frozen=True)
class LocalWhen:
    """A :class:`When` in a translator's locale: a spec with a weekday (``%a``) becomes the
    locale's weekday date (and time when the spec has ``%H``); other specs stay strftime."""

    at: Any
    t: Any

    def __format__(self, spec: str) -> str:
        if "%a" not in spec:
            return format(self.at, spec)
        return self.t.weekday_time(self.at) if "%H" in spec else self.t.weekday_date(self.at)


@dataclass(frozen=True)
class Month:
    """A report month (``YYYY-MM``) as a reason value: the English text keeps the ISO
    month; a report writes it the locale's way (``2027年1月``).

    >>> from seller_lab.i18n import translator
    >>> m = Month("2027-01")
    >>> f"no orders in {m}", m.translated(translator("zh"))
    ('no orders in 2027-01', '2027年1月')
    """

    period: str

    def __format__(self, spec: str) -> str:
        return format(self.period, spec)

    def __str__(self) -> str:
        return self.period

    def translated(self, t) -> str:
        return t.period(self.period)


def translated_values(values: dict, t) -> dict:
    """Values for a translated template: a phrase or months said in ``t``'s language, text
    values through the catalog (a step, a delay reason; unknown text stays), a
    :class:`Tally`'s labels, :class:`Parts`, :class:`When` and :class:`Month` the locale's
    way, numbers as they are."""
    return {k: (say(v, t) if isinstance(v, Phrase | Months) else t(v) if isinstance(v, str) and v else
                v.translated(t) if isinstance(v, Tally | Parts | When | Month) else v)
            for k, v in values.items()}


def _say_value(v, t, sep: str):
    if isinstance(v, Phrase):
        return say(v, t)
    if isinstance(v, Months):
        return v.said(t)
    if isinstance(v, Tally | Parts | When | Month):
        return v.translated(t)
    if isinstance(v, (list, tuple)) and v:
        return sep.join(say(x, t) for x in v)
    return v


def say(text, t) -> str:
    """``text`` in the language of the translator ``t``: a :class:`Phrase` through the
    catalog (the English sentence when the catalog lacks its template), anything else as is."""
    if isinstance(text, Months):
        return text.said(t)
    template = getattr(text, "template", "")
    if not template:
        return str(text)
    translated = t(template)
    if (translated == template and getattr(t, "lang", "en") != "en"
            and re.search("[A-Za-z]", _PLACEHOLDER.sub("", template))):
        return str(text)  # not in the catalog (a seller's own text from params): as written
    if not text.values:
        return translated
    sep = "；" if getattr(t, "lang", "en") == "zh" else "; "
    return translated.format(**{k: _say_value(v, t, sep) for k, v in text.values.items()})


def said(values, t) -> list:
    """Each value of a table column in the language of ``t`` (:func:`say` for a phrase or
    months, anything else as is), e.g. ``frame[c] = said(frame[c], tr)``."""
    return [say(v, t) if isinstance(v, (Phrase, Months)) else v for v in values]


def joined(notes) -> Phrase | str:
    """Several sentences as one ('; '-joined in English) that a report says in its own
    language; '' for none.

    >>> from seller_lab.i18n import translator
    >>> joined([Phrase("{n} rows", n=2), "as written"]), joined([])
    ('2 rows; as written', '')
    """
    notes = list(notes or [])
    return Phrase("{notes}", notes=notes) if notes else ""


def value_data(v):
    """A sentence or one of its values as JSON data, the one form the store keeps (a phrase's
    ``phrase`` column and a decision's ``reason_values``): a tagged object for a phrase, months
    and the value types above; raises TypeError for a value with no JSON form.

    >>> value_data(Phrase("{n} late in {m}", n=np.int64(2), m=Month("2026-10")))
    {'t': '{n} late in {m}', 'v': {'n': 2, 'm': {'month': '2026-10'}}}
    >>> value_from_data(value_data(Parts.of("{w} {d} days", w="DE", d=3)))
    Parts(parts=(('{w} {d} days', {'w': 'DE', 'd': 3}),), sep='; ')
    """
    if isinstance(v, Phrase):
        return {"t": v.template, "v": {k: value_data(x) for k, x in v.values.items()}}
    if isinstance(v, Months):
        return {"m": list(v.months), "y": v.year}
    if v is None or isinstance(v, bool | int | str):
        return str(v) if isinstance(v, str) else v
    if isinstance(v, float | np.floating):
        return float(v)
    if isinstance(v, np.integer):
        return int(v)
    if isinstance(v, Tally):
        return {"tally": [[str(k), value_data(n)] for k, n in v.items()], "sep": v.sep}
    if isinstance(v, Parts):
        return {"parts": [[t, {k: value_data(x) for k, x in vals.items()}] for t, vals in v.parts], "sep": v.sep}
    if isinstance(v, When):
        return {"when": pd.Timestamp(v.at).isoformat()}
    if isinstance(v, Month):
        return {"month": v.period}
    if isinstance(v, list | tuple):
        return [value_data(x) for x in v]
    raise TypeError(type(v).__name__)


def value_from_data(v):
    """The sentence or value :func:`value_data` wrote."""
    if isinstance(v, list):
        return [value_from_data(x) for x in v]
    if not isinstance(v, dict):
        return v
    if "t" in v:
        return Phrase(v["t"], **{k: value_from_data(x) for k, x in v["v"].items()}) if v["v"] else Phrase(v["t"])
    if "m" in v:
        return Months(v["m"], year=v["y"])
    if "tally" in v:
        out = Tally({k: value_from_data(n) for k, n in v["tally"]})
        out.sep = v["sep"]
        return out
    if "parts" in v:
        return Parts(tuple((t, {k: value_from_data(x) for k, x in vals.items()}) for t, vals in v["parts"]), v["sep"])
    if "when" in v:
        return When(pd.Timestamp(v["when"]))
    return Month(v["month"])


def phrase_json(text) -> str:
    """A phrase as JSON text for a store column ('' for plain text or a value with no JSON
    form): :func:`from_phrase_json` gives the phrase back, so a later report says it in its
    own language.

    >>> p = joined([Phrase("column '{src}': read as day/month", src="Datum")])
    >>> q = from_phrase_json(phrase_json(p), "")
    >>> q == p, q.values["notes"][0].template
    (True, "column '{src}': read as day/month")
    """
    if not isinstance(text, Phrase):
        return ""
    try:
        return json.dumps(value_data(text), ensure_ascii=False)
    except (TypeError, ValueError):
        return ""


def from_phrase_json(data: str, text: str) -> Phrase | str:
    """The phrase :func:`phrase_json` wrote, or ``text`` as kept when there is none."""
    if not data:
        return text
    try:
        return value_from_data(json.loads(data))
    except (ValueError, KeyError, TypeError):
        return text
