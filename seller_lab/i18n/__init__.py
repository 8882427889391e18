"""Report languages (R7): message catalogs, locale formats and the CJK chart font.

Every fixed text a report shows is an English message id in the library or a template,
looked up in a gettext catalog (``seller_lab/locale/<lang>/LC_MESSAGES/seller_lab.po``,
kept in git, compiled to ``.mo`` at install; a missing or stale ``.mo`` is compiled in
memory from the ``.po``). Numbers, percentages, money and dates follow the report's
locale through Babel. The Chinese wording follows the team's glossary
(``seller_lab/i18n/glossary.csv``: 选品, 小批量测试, 海外仓, 头程, 周转率, 复盘, …).

Customer text (reviews, posts, questions, tickets) is never translated: it is quoted in
its own language and marked with it (there is no machine translation offline).

Examples
--------
>>> t = translator("zh")
>>> t.month("2026-10"), translator("en").month("2026-10")
('2026年10月', 'October 2026')
>>> translator("en").money(45716, "EUR"), t.money(45716, "CNY")
('€45,716', '¥45,716')
>>> translator("en").percent(0.0234)
'2.3%'
"""

from __future__ import annotations

import datetime as dt
import gettext as _gettext
import io
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd
from babel.dates import format_date as _babel_date
from babel.dates import format_skeleton
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_currency, format_decimal
from babel.numbers import format_percent as _babel_percent

from ..errors import ParamsError
from .fonts import CJK_FAMILY, cjk_font_path, register_cjk_font

__all__ = [
    "CJK_FAMILY", "DOMAIN", "LOCALE_DIR", "SUPPORTED_LANGUAGES", "Translator", "N_", "NC_",
    "catalog_path", "cjk_font_path", "register_cjk_font", "report_language", "translations",
    "translator",
]

#: Languages a report can be written in, and the Babel locale each one formats with.
SUPPORTED_LANGUAGES: dict[str, str] = {"en": "en_US", "zh": "zh_Hans_CN"}
#: A day within a month on a chart axis, per language (CLDR patterns).
SHORT_DAY_PATTERNS: dict[str, str] = {"en": "dd MMM", "zh": "M月d日"}
#: A report month in titles and sentences, per language (CLDR patterns): the English
#: pages keep the ISO month they always showed.
PERIOD_PATTERNS: dict[str, str] = {"en": "yyyy-MM", "zh": "y年M月"}
#: A day with its weekday (SOP due dates, ticket times), per language (CLDR patterns).
WEEKDAY_DATE_PATTERNS: dict[str, str] = {"en": "EEE yyyy-MM-dd", "zh": "yyyy-MM-dd EEE"}
#: gettext domain and the folder of the catalogs.
DOMAIN = "seller_lab"
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"


def N_(message: str) -> str:
    """Mark a message for extraction without translating it yet (a rule's reason
    template, a table header kept in a constant); translate it when it is rendered."""
    return message


def NC_(context: str, message: str) -> str:
    """Mark a message that needs a context (one English word, two meanings: a stock
    status 'low' and a cost estimate 'low'); render it with ``tr.pgettext(context, message)``.

    >>> NC_("stock status", "low")
    'low'
    """
    return message


def report_language(params: dict | None, override: str | None = None) -> str:
    """The language a report is written in: ``override`` (``--lang``), else the
    category's ``report.language``, else ``en``.

    >>> report_language({"report": {"language": "zh"}}), report_language({}, "en")
    ('zh', 'en')
    """
    lang = override or ((params or {}).get("report") or {}).get("language") or "en"
    lang = str(lang).strip().lower()
    if lang not in SUPPORTED_LANGUAGES:
        raise ParamsError("params", "report.language",
                          f"is {lang!r}; reports are written in {' or '.join(SUPPORTED_LANGUAGES)}",
                          fix="set report.language to one of them (or pass --lang)")
    return lang


def catalog_path(lang: str, suffix: str = ".po") -> Path:
    """``seller_lab/locale/<lang>/LC_MESSAGES/seller_lab<suffix>``."""
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}{suffix}"


@cache
def translations(lang: str) -> _gettext.NullTranslations:
    """The compiled catalog of ``lang`` (English message ids need none)."""
    if lang not in SUPPORTED_LANGUAGES:
        raise ParamsError("params", "report.language", f"no report language {lang!r}",
                          fix=f"use one of {', '.join(SUPPORTED_LANGUAGES)}")
    po, mo = catalog_path(lang), catalog_path(lang, ".mo")
    if lang == "en" or not po.is_file():
        return _gettext.NullTranslations()
    if mo.is_file() and mo.stat().st_mtime >= po.stat().st_mtime:
        with mo.open("rb") as fh:
            return _gettext.GNUTranslations(fh)
    with po.open("rb") as fh:  # no (fresh) .mo: compile the catalog in memory
        catalog = read_po(fh, locale=lang, domain=DOMAIN)
    buf = io.BytesIO()
    write_mo(buf, catalog, use_fuzzy=False)
    buf.seek(0)
    return _gettext.GNUTranslations(buf)


def _as_date(value) -> dt.date:
    return pd.Timestamp(value).date()


def _missing(value) -> bool:
    """None or NaN (a float or numpy scalar)."""
    return value is None or (isinstance(value, (float, np.floating)) and math.isnan(value))


@dataclass(frozen=True)
class Translator:
    """Messages and formats of one report language; a renderer takes one of these.

    ``t("Orders in {month}", month=...)`` translates, then fills the placeholders, so a
    translation may reorder them. Money, numbers, percentages and dates follow the locale.
    """

    lang: str
    locale: str

    def __call__(self, message: str, /, **values) -> str:
        text = translations(self.lang).gettext(message)
        return text.format(**values) if values else text

    def pgettext(self, context: str, message: str, /, **values) -> str:
        """``message`` in one of its meanings (gettext's ``msgctxt``): ``tr.pgettext("stock
        status", "low")`` is 偏低 where a cost estimate's 'low' is another entry."""
        text = translations(self.lang).pgettext(context, message)
        return text.format(**values) if values else text

    def plural(self, singular: str, plural: str, n: int, /, **values) -> str:
        text = translations(self.lang).ngettext(singular, plural, n)
        return text.format(n=n, **values)

    def number(self, value: float, digits: int = 0) -> str:
        """A number in the locale; 'n/a' for a missing one (NaN, None), never 'NaN'."""
        if _missing(value):
            return self("n/a")
        pattern = "#,##0" + ("." + "0" * digits if digits > 0 else "")
        return format_decimal(value, format=pattern, locale=self.locale)

    def percent(self, share: float, digits: int = 1) -> str:
        if _missing(share):
            return self("n/a")
        pattern = "#,##0" + ("." + "0" * digits if digits > 0 else "") + "%"
        return _babel_percent(share, format=pattern, locale=self.locale)

    def money(self, amount: float, currency: str, digits: int | None = None) -> str:
        """``€45,716`` / ``¥45,716``: whole units from 100 up, cents below (unless ``digits``); 'n/a' for a
        missing amount (a price a new category has not set: never '$NaN.00')."""
        if _missing(amount):
            return self("n/a")
        if digits is None:
            digits = 0 if abs(amount) >= 100 else 2
        pattern = "¤#,##0" + ("." + "0" * digits if digits > 0 else "")
        return format_currency(amount, currency, format=pattern, locale=self.locale,
                               currency_digits=False)

    def month(self, period) -> str:
        """A month (``2026-10``, a date or a Timestamp) as the locale writes it."""
        day = pd.Period(period[:7], "M").start_time if isinstance(period, str) else period
        return format_skeleton("yMMMM", _as_date(day), locale=self.locale)

    def period(self, period) -> str:
        """A report month in a page's titles: ``2026-10`` / ``2026年10月``."""
        day = pd.Period(period[:7], "M").start_time if isinstance(period, str) else period
        return _babel_date(_as_date(day), format=PERIOD_PATTERNS[self.lang], locale=self.locale)

    def month_name(self, value) -> str:
        """A month's short name: ``Jun`` / ``6月``."""
        return _babel_date(_as_date(value), format="MMM", locale=self.locale)

    def day_month(self, value) -> str:
        """A day on a chart axis: ``05 Oct`` / ``10月5日``."""
        return _babel_date(_as_date(value), format=SHORT_DAY_PATTERNS[self.lang], locale=self.locale)

    def weekday_date(self, value) -> str:
        """A due date with its weekday: ``Mon 2026-10-19`` / ``2026-10-19 周一`` ('' for none)."""
        if pd.isna(value):
            return ""
        return _babel_date(_as_date(value), format=WEEKDAY_DATE_PATTERNS[self.lang], locale=self.locale)

    def weekday_time(self, value) -> str:
        """A local time with its weekday: ``Mon 2026-10-19 14:05`` / ``2026-10-19 周一 14:05``."""
        if pd.isna(value):
            return ""
        stamp = pd.Timestamp(value)
        return f"{self.weekday_date(stamp)} {stamp:%H:%M}"

    def date(self, value) -> str:
        """A day: ``Oct 31, 2026`` / ``2026年10月31日``."""
        return _babel_date(_as_date(value), format="medium", locale=self.locale)


@cache
def translator(lang: str = "en") -> Translator:
    """The :class:`Translator` of a supported report language."""
    if lang not in SUPPORTED_LANGUAGES:
        raise ParamsError("params", "report.language", f"no report language {lang!r}",
                          fix=f"use one of {', '.join(SUPPORTED_LANGUAGES)}")
    return Translator(lang, SUPPORTED_LANGUAGES[lang])


def month_range(months, *, year: int | None = None, lang: str = "en") -> str:
    """A run of months (numbers 1-12, in order; a run may wrap over the new year) as the
    report's locale abbreviates them: its first and last month, or one month of ``year``.

    >>> month_range([11, 12, 1]), month_range([11, 12, 1], lang="zh")
    ('Nov–Jan', '11月–1月')
    >>> month_range([4], year=2024), month_range([4], year=2024, lang="zh")
    ('Apr 2024', '2024年4月')
    """
    locale = SUPPORTED_LANGUAGES[lang]
    run = [int(m) for m in months]
    if not run:
        return ""
    if year is not None and len(run) == 1:
        return format_skeleton("yMMM", dt.date(int(year), run[0], 1), locale=locale)
    names = [_babel_date(dt.date(2000, m, 1), format="MMM", locale=locale) for m in (run[0], run[-1])]
    return names[0] if len(run) == 1 else f"{names[0]}–{names[1]}"
