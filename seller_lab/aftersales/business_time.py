"""Business minutes between two instants in the market's local business hours (R5.1).

Vectorised: every timestamp is mapped to a "business-minute clock" — business days
before its local date (``numpy.busday_count`` with the market's weekmask and public
holidays from the ``holidays`` package) times the length of a business day, plus the
minutes already worked on its own date — and the elapsed business time is the
difference of two clocks. Local wall-clock times are used, so a DST change (which falls
at night, outside business hours) neither adds nor removes business minutes.

Examples
--------
Friday 2026-10-23 17:50 Berlin -> Monday 2026-10-26 09:20 Berlin (DST ended on Sunday):

>>> import pandas as pd
>>> a = pd.Series(pd.to_datetime(["2026-10-23 15:50"], utc=True))   # 17:50 CEST
>>> b = pd.Series(pd.to_datetime(["2026-10-26 08:20"], utc=True))   # 09:20 CET
>>> business_minutes(a, b, timezone="Europe/Berlin", hours_start="09:00", hours_end="18:00",
...                  country="DE").tolist()
[30.0]
"""

from __future__ import annotations

import holidays
import numpy as np
import pandas as pd

from ..settings import AftersalesSettings, CategorySettings, SettingsGroup

WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]


def _hhmm_to_minutes(text: str) -> int:
    hh, mm = str(text).split(":")
    return int(hh) * 60 + int(mm)


def weekmask(days) -> str:
    """numpy weekmask ('1111100') from day names.

    >>> weekmask(["Mon", "Tue", "Wed", "Thu", "Fri"])
    '1111100'
    """
    wanted = {str(d)[:3].title() for d in days}
    return "".join("1" if d in wanted else "0" for d in WEEKDAYS)


def public_holidays(country: str, years, subdiv: str = "") -> np.ndarray:
    """Public holidays of a market (``holidays`` package) as ``datetime64[D]``.

    >>> "2026-10-03" in public_holidays("DE", [2026]).astype(str)
    True
    """

    years = sorted({int(y) for y in years})
    if not country or not years:
        return np.array([], dtype="datetime64[D]")
    cal = holidays.country_holidays(country, subdiv=subdiv or None, years=years)
    return np.array(sorted(cal.keys()), dtype="datetime64[D]")


def business_clock(local: pd.Series, *, start_min: int, end_min: int, mask: str,
                   holidays: np.ndarray) -> np.ndarray:
    """Business minutes since an arbitrary origin for naive local times (NaN for NaT)."""
    vals = pd.to_datetime(local).to_numpy("datetime64[m]")
    nat = np.isnat(vals)
    safe = np.where(nat, np.datetime64("2000-01-03T00:00", "m"), vals)
    day = safe.astype("datetime64[D]")
    minute = (safe - day.astype("datetime64[m]")).astype(np.int64)
    cal = np.busdaycalendar(weekmask=mask, holidays=holidays)
    before = np.busday_count(np.datetime64("2000-01-03", "D"), day, busdaycal=cal)
    open_today = np.is_busday(day, busdaycal=cal)
    length = end_min - start_min
    worked = np.clip(minute - start_min, 0, length) * open_today
    clock = (before * length + worked).astype(float)
    clock[nat] = np.nan
    return clock


def business_minutes(begin: pd.Series, finish: pd.Series, *, timezone: str,
                     hours_start: str = "09:00", hours_end: str = "18:00", country: str = "",
                     subdiv: str = "", weekdays=("Mon", "Tue", "Wed", "Thu", "Fri")) -> pd.Series:
    """Business minutes from ``begin`` to ``finish`` (UTC instants), judged in ``timezone``.

    Weekends (days outside ``weekdays``) and public holidays of ``country`` (and
    ``subdiv``) do not count; nor do minutes outside [``hours_start``, ``hours_end``)
    local time. NaT in either input gives NaN.

    >>> a = pd.Series(pd.to_datetime(["2026-10-02 15:00"], utc=True))  # Fri 17:00 CEST
    >>> b = pd.Series(pd.to_datetime(["2026-10-05 07:30"], utc=True))  # Mon 09:30 (Sat 3rd = holiday anyway)
    >>> business_minutes(a, b, timezone="Europe/Berlin", country="DE").tolist()
    [90.0]
    """
    b_local = pd.Series(pd.to_datetime(begin, utc=True)).dt.tz_convert(timezone).dt.tz_localize(None)
    f_local = pd.Series(pd.to_datetime(finish, utc=True)).dt.tz_convert(timezone).dt.tz_localize(None)
    years = pd.concat([b_local, f_local]).dropna().dt.year
    hol = public_holidays(country, range(int(years.min()), int(years.max()) + 1), subdiv) \
        if len(years) else np.array([], dtype="datetime64[D]")
    kw = dict(start_min=_hhmm_to_minutes(hours_start), end_min=_hhmm_to_minutes(hours_end),
              mask=weekmask(weekdays), holidays=hol)
    out = business_clock(f_local, **kw) - business_clock(b_local, **kw)
    return pd.Series(out, index=pd.Series(begin).index, name="business_minutes")


def business_minutes_for(params: dict | SettingsGroup, begin: pd.Series, finish: pd.Series) -> pd.Series:
    """:func:`business_minutes` with the market's settings from params (``aftersales``
    hours/weekdays/holiday calendar, ``category.timezone``, ``category.market``), or from
    settings built from them (e.g. MonthSettings).

    >>> from seller_lab.params import load_params
    >>> p = load_params("kids-toy-us")
    >>> a = pd.Series(pd.to_datetime(["2026-10-30 21:30"], utc=True))  # Fri 17:30 EDT
    >>> b = pd.Series(pd.to_datetime(["2026-11-02 14:15"], utc=True))  # Mon 09:15 EST
    >>> business_minutes_for(p, a, b).tolist()
    [45.0]
    """
    a = AftersalesSettings.of(params)
    return business_minutes(begin, finish, timezone=CategorySettings.of(params).timezone,
                            hours_start=a.business_hours_start, hours_end=a.business_hours_end,
                            country=a.holidays_country, subdiv=a.holidays_subdiv,
                            weekdays=list(a.business_weekdays))
