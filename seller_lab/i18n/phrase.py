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

from . import month_range

__all__ = ["Months", "Phrase", "from_phrase_json", "joined", "phrase_json", "said", "say"]

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


def _say_value(v, t, sep: str):
    if isinstance(v, Phrase):
        return say(v, t)
    if isinstance(v, Months):
        return v.said(t)
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


def _to_data(v):
    if isinstance(v, Phrase):
        return {"t": v.template, "v": {k: _to_data(x) for k, x in v.values.items()}}
    if isinstance(v, Months):
        return {"m": list(v.months), "y": v.year}
    if isinstance(v, list | tuple):
        return [_to_data(x) for x in v]
    if v is None or isinstance(v, str | int | float | bool):
        return str(v) if isinstance(v, str) else v
    raise TypeError(type(v).__name__)


def _from_data(v):
    if isinstance(v, dict) and "t" in v:
        return Phrase(v["t"], **{k: _from_data(x) for k, x in v["v"].items()}) if v["v"] else Phrase(v["t"])
    if isinstance(v, dict) and "m" in v:
        return Months(v["m"], year=v["y"])
    if isinstance(v, list):
        return [_from_data(x) for x in v]
    return v


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
        return json.dumps(_to_data(text), ensure_ascii=False)
    except (TypeError, ValueError):
        return ""


def from_phrase_json(data: str, text: str) -> Phrase | str:
    """The phrase :func:`phrase_json` wrote, or ``text`` as kept when there is none."""
    if not data:
        return text
    try:
        return _from_data(json.loads(data))
    except (ValueError, KeyError, TypeError):
        return text
