"""First-response time of support tickets in local business time (R5.1).

Examples
--------
>>> import pandas as pd
>>> from seller_lab.params import load_params
>>> ts = lambda s: pd.to_datetime(s, utc=True)
>>> t = pd.DataFrame({"ticket_id": ["1", "2"], "created_at": ts(["2026-10-23 15:50", "2026-10-21 08:00"]),
...     "first_reply_minutes": [float("nan")] * 2,
...     "first_reply_at": ts(["2026-10-26 08:20", "2026-10-21 10:00"]),
...     "channel": "email", "subject": "x", "sku": "", "status": "solved", "satisfaction": ""})
>>> r = first_response(t, load_params("kitchen-organizer-de"), "2026-10")
>>> r[["ticket_id", "business_minutes", "breach"]].values.tolist()
[['1', 30.0, False], ['2', 120.0, True]]
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..decisions import Decision, When
from ..i18n import N_
from ..i18n.phrase import Phrase
from ..periods import in_month, to_local, week_start
from ..settings import AftersalesSettings, CategorySettings, ReviewTargets, SettingsGroup
from .business_time import business_minutes_for

MINUTE = pd.Timedelta(minutes=1)

RESPONSE_COLUMNS = ["ticket_id", "channel", "subject", "sku", "created_at", "created_local", "week",
                    "first_reply_at", "replied_local", "calendar_minutes", "business_minutes",
                    "status", "within_sla", "breach"]


def first_response(tickets: pd.DataFrame, params: dict | SettingsGroup, period: str | None = None, *,
                   as_of: pd.Timestamp | None = None) -> pd.DataFrame:
    """Per ticket created in ``period`` (local month): business minutes to the first reply.

    Parameters
    ----------
    tickets : canonical ``tickets`` frame; ``first_reply_at`` (else ``created_at +
        first_reply_minutes``) is the first reply
    params : category params (``aftersales`` hours/calendar, ``category.timezone``), or
        settings built from them (e.g. MonthSettings)
    period : 'YYYY-MM' or None for every ticket
    as_of : data end for unanswered tickets (default: latest timestamp in ``tickets``)

    Returns
    -------
    DataFrame with :data:`RESPONSE_COLUMNS`. ``status`` is answered | no reply |
    waiting (unanswered but still inside the SLA at ``as_of``); ``breach`` is True when
    the first reply took (or is taking) more than ``aftersales.response_sla_minutes``
    business minutes; ``within_sla`` when answered within it.
    """
    sla = AftersalesSettings.of(params).response_sla_minutes
    tz = CategorySettings.of(params).timezone
    if tickets is None or tickets.empty:
        return pd.DataFrame(columns=RESPONSE_COLUMNS)
    t = tickets.copy()
    t["created_at"] = pd.to_datetime(t["created_at"], utc=True)
    reply = pd.to_datetime(t["first_reply_at"], utc=True)
    mins = pd.to_numeric(t.get("first_reply_minutes"), errors="coerce")
    t["first_reply_at"] = reply.fillna(t["created_at"] + pd.to_timedelta(mins, unit="min"))
    t = t[t["created_at"].notna()]
    if as_of is None:  # the data end of the whole export, not of the month
        as_of = pd.concat([t["created_at"], t["first_reply_at"]]).max()
    t["created_local"] = to_local(t["created_at"], tz)
    if period is not None:
        t = t[in_month(t["created_local"], period)]
    t = t.reset_index(drop=True)
    answered = t["first_reply_at"].notna()
    end = t["first_reply_at"].where(answered, as_of)
    t["replied_local"] = to_local(t["first_reply_at"], tz)
    t["week"] = week_start(t["created_local"])
    t["calendar_minutes"] = ((t["first_reply_at"] - t["created_at"]) / MINUTE).round(1)
    t["business_minutes"] = business_minutes_for(params, t["created_at"], end).round(1)
    t["breach"] = t["business_minutes"] > sla
    t["within_sla"] = answered & ~t["breach"]
    t["status"] = np.select([answered, t["breach"]], ["answered", "no reply"], "waiting")
    for c in ("channel", "subject", "sku", "ticket_id"):
        t[c] = t[c].astype("str") if c in t else ""
    return t[RESPONSE_COLUMNS]


def response_summary(response: pd.DataFrame, by=None) -> pd.DataFrame:
    """Tickets, answered, within SLA, breaches, share within SLA and median business
    minutes — overall (``by=None``) or per group (e.g. ``"week"``).

    Tickets still waiting inside the SLA are left out of the share.

    >>> r = pd.DataFrame({"ticket_id": ["1", "2", "3"], "status": ["answered", "answered", "no reply"],
    ...     "within_sla": [True, False, False], "breach": [False, True, True],
    ...     "business_minutes": [10.0, 90.0, 200.0]})
    >>> response_summary(r)[["tickets", "breaches"]].values.tolist()
    [[3, 2]]
    >>> round(float(response_summary(r)["share_within_sla"].iloc[0]), 3)
    0.333
    """
    judged = response[response["status"] != "waiting"] if len(response) else response
    keys = [by] if isinstance(by, str) else list(by or [])
    cols = [*keys, "tickets", "answered", "within_sla", "breaches", "share_within_sla",
            "median_business_minutes"]
    if judged.empty:
        if keys:
            return pd.DataFrame(columns=cols)
        return pd.DataFrame([{"tickets": 0, "answered": 0, "within_sla": 0, "breaches": 0,
                              "share_within_sla": np.nan, "median_business_minutes": np.nan}])
    j = judged.assign(_one=1, _answered=(judged["status"] == "answered").astype(int),
                      _ok=judged["within_sla"].astype(int), _breach=judged["breach"].astype(int),
                      _bm=judged["business_minutes"].where(judged["status"] == "answered"))
    grouped = j.groupby(keys, sort=True) if keys else j.groupby(lambda _: 0)
    s = grouped.agg(tickets=("_one", "sum"), answered=("_answered", "sum"),
                    within_sla=("_ok", "sum"), breaches=("_breach", "sum"),
                    median_business_minutes=("_bm", "median"))
    s["share_within_sla"] = s["within_sla"] / s["tickets"]
    s = s.reset_index() if keys else s.reset_index(drop=True)
    return s[cols]


def response_decisions(response: pd.DataFrame, params: dict | SettingsGroup, *, category: str = "",
                       period: str = "", source_file: str = "") -> list[Decision]:
    """R5.1 alerts: one Decision per ticket whose first reply breached the 1 h business
    SLA, and one for the month's share within 1 h against
    ``review.targets.response_1h_rate_min``."""
    sla = AftersalesSettings.of(params).response_sla_minutes
    target = ReviewTargets.of(params).response_1h_rate_min
    common = dict(category=category, period=period, source_file=source_file)
    out: list[Decision] = []
    for r in response[response["breach"]].itertuples(index=False):  # alerts, one per breach
        what = (N_("ticket {ticket} created {created:%a %Y-%m-%d %H:%M} local: first reply after {minutes:.0f} "
                   "business minutes")
                if r.status == "answered" else
                N_("ticket {ticket} created {created:%a %Y-%m-%d %H:%M} local: no reply yet after {minutes:.0f} "
                   "business minutes"))
        out.append(Decision(
            unique_id=str(r.ticket_id), rule="R5.1.first_response_1h",
            metric=N_("business minutes to first reply"), value=float(r.business_minutes),
            threshold=f"<= {sla:g}", verdict="alert",
            reason=Phrase(what, ticket=str(r.ticket_id), created=When(pd.Timestamp(r.created_local)),
                          minutes=float(r.business_minutes)),
            params_key="aftersales.response_sla_minutes", **common))
    s = response_summary(response)
    if len(s) and s["tickets"].iloc[0] > 0:
        row = s.iloc[0]
        share = float(row["share_within_sla"])
        out.append(Decision(
            unique_id=category or "tickets", rule="R5.1.response_1h_rate",
            metric=N_("share of tickets answered within 1 business hour"), value=round(share, 4),
            threshold=f">= {target:g}", verdict="ok" if share >= target else "alert",
            reason=Phrase(N_("{within} of {tickets} tickets answered within {sla:g} business minutes ({share:.0%}); "
                             "{breaches} breaches"), within=int(row["within_sla"]), tickets=int(row["tickets"]),
                          sla=sla, share=share, breaches=int(row["breaches"])),
            params_key="review.targets.response_1h_rate_min", **common))
    return out
