"""Inbound (R4.1): first-leg shipments — ETA vs actual arrival, the warehouse
appointment booked at least ``fulfilment.inbound_booking_min_days`` before arrival, and
the inbound label checklist (``fulfilment.inbound_label_checklist`` names boolean
columns of the shipments frame).

Examples
--------
>>> import pandas as pd
>>> from seller_lab.params import load_params
>>> ts = lambda s: pd.to_datetime(s, utc=True)
>>> sh = pd.DataFrame({"shipment_id": ["S1", "S2"], "sku": ["A", "A"], "units": [100, 50],
...     "warehouse": ["DE-FRA", "DE-FRA"], "mode": ["sea", "sea"],
...     "departed_at": ts(["2026-09-01", "2026-09-05"]), "eta": ts(["2026-10-10", "2026-10-12"]),
...     "arrived_at": ts(["2026-10-10", "2026-10-15"]),
...     "appointment_booked_at": ts(["2026-09-20", "2026-10-12"]),
...     "carton_labels_ok": [True, True], "sku_labels_ok": [True, False]})
>>> t = inbound_shipments(sh, load_params(), "2026-10")
>>> t[["shipment_id", "booking_lead_days", "booking_ok", "labels_missing"]].values.tolist()
[['S1', 20.0, True, ''], ['S2', 3.0, False, 'sku_labels_ok']]
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..decisions import Decision
from ..i18n import N_
from ..i18n.phrase import Phrase
from ..periods import in_month, month_bounds, to_local
from ..settings import CategorySettings, FulfilmentSettings, SettingsGroup

DAY = pd.Timedelta(days=1)

INBOUND_COLUMNS = ["shipment_id", "skus", "units", "warehouse", "mode", "departed_at", "eta",
                   "arrived_at", "arrival_local", "status", "delay_days", "appointment_booked_at",
                   "booking_lead_days", "booking_ok", "booking", "labels_missing", "checklist_ok"]


def _join_unique(values: pd.Series) -> str:
    return ", ".join(sorted(set(values)))


def inbound_shipments(shipments: pd.DataFrame, params: dict | SettingsGroup, period: str | None = None, *,
                      as_of: pd.Timestamp | None = None) -> pd.DataFrame:
    """One row per first-leg shipment arriving (actual, else ETA) in ``period`` or still
    on the way at its end (label checks and bookings matter before arrival).

    Parameters
    ----------
    shipments : canonical ``shipments`` frame (one row per shipment and SKU)
    params : category params (``fulfilment``, ``category.timezone``), or settings built from
        them (e.g. MonthSettings)
    period : 'YYYY-MM' local month of arrival; None keeps every shipment
    as_of : what is known (default: the month's end, or the latest departure/arrival/
        booking if earlier); a shipment not arrived by then whose ETA passed is 'overdue';
        an unbooked one whose ETA is more than ``inbound_booking_min_days`` away is not
        late yet ('book by <date>')

    Returns
    -------
    DataFrame with :data:`INBOUND_COLUMNS`: ``status`` on time | late | in transit |
    overdue, ``delay_days`` (arrival - ETA), ``booking_lead_days`` (arrival or ETA -
    booking; NaN when not booked), ``booking_ok``, ``booking`` (ok | booked late | not
    booked | book by <date>), ``labels_missing`` (checklist items failed).
    """
    fp = FulfilmentSettings.of(params)
    tz = CategorySettings.of(params).timezone
    if shipments is None or shipments.empty:
        return pd.DataFrame(columns=INBOUND_COLUMNS)
    s = shipments.copy()
    for c in ("departed_at", "eta", "arrived_at", "appointment_booked_at"):
        s[c] = pd.to_datetime(s[c], utc=True)
    checklist = list(fp.inbound_label_checklist)
    for c in checklist:
        s[c] = s[c].fillna(False).astype(bool) if c in s else False
    s["units"] = pd.to_numeric(s["units"], errors="coerce").fillna(0)
    s["sku"] = s["sku"].astype("str")
    agg = {"skus": ("sku", _join_unique), "units": ("units", "sum"),
           "warehouse": ("warehouse", "first"), "mode": ("mode", "first"),
           "departed_at": ("departed_at", "min"), "eta": ("eta", "max"),
           "arrived_at": ("arrived_at", "max"),
           "appointment_booked_at": ("appointment_booked_at", "min")}
    agg.update({c: (c, "all") for c in checklist})
    g = s.groupby("shipment_id", sort=True).agg(**agg).reset_index()
    if as_of is None:  # what was known at the month's end (or the data end if earlier)
        as_of = pd.concat([g[c] for c in ("departed_at", "arrived_at", "appointment_booked_at")]).max()
        if period is not None:
            end_utc = month_bounds(period)[1].tz_localize(tz).tz_convert("UTC")
            as_of = min(as_of, end_utc) if pd.notna(as_of) else end_utc
    arrived = (g["arrived_at"].notna() & (g["arrived_at"] <= as_of)).to_numpy()
    booked_at = g["appointment_booked_at"].where(g["appointment_booked_at"] <= as_of)
    arrival = g["arrived_at"].where(arrived, g["eta"])
    g["arrival_local"] = to_local(arrival, tz)
    if period is not None:  # arriving this month, or still on the way at its end
        keep = in_month(g["arrival_local"], period).to_numpy() | (~arrived & (g["departed_at"] <= as_of).to_numpy())
        g, arrival, booked_at, arrived = (g[keep].reset_index(drop=True), arrival[keep].reset_index(drop=True),
                                          booked_at[keep].reset_index(drop=True), arrived[keep])
    g["delay_days"] = ((g["arrived_at"] - g["eta"]) / DAY).where(arrived)
    tol = fp.inbound_eta_tolerance_days
    g["status"] = np.select(
        [arrived & (g["delay_days"].to_numpy() > tol), arrived,
         ~arrived & (g["eta"] < as_of).to_numpy()],
        ["late", "on time", "overdue"], "in transit")
    min_days = float(fp.inbound_booking_min_days)
    g["appointment_booked_at"] = booked_at
    g["booking_lead_days"] = ((arrival - booked_at) / DAY).round(1)
    book_by = g["eta"] - pd.Timedelta(days=min_days)
    not_due = (~arrived & booked_at.isna() & (book_by > as_of)).to_numpy()
    g["booking_ok"] = ((g["booking_lead_days"] >= min_days).fillna(False).to_numpy(bool) | not_due)
    g["booking"] = np.select(
        [not_due, booked_at.isna().to_numpy(), g["booking_ok"].to_numpy()],
        ["book by " + to_local(book_by, tz).dt.strftime("%Y-%m-%d"), "not booked", "ok"], "booked late")
    missing = pd.Series("", index=g.index, dtype="str")
    for c in checklist:  # a few checklist columns, each vectorised over all shipments
        missing = missing + np.where(g[c].to_numpy(bool), "", f"{c}, ")
    g["labels_missing"] = missing.str.rstrip(", ").astype("str")
    g["checklist_ok"] = g["labels_missing"] == ""
    return g[INBOUND_COLUMNS].sort_values("arrival_local", kind="stable").reset_index(drop=True)


def inbound_decisions(inbound: pd.DataFrame, params: dict | SettingsGroup, *, category: str = "",
                      period: str = "", source_file: str = "") -> list[Decision]:
    """R4.1 alerts: one Decision per shipment for the appointment rule (alert when booked
    < ``inbound_booking_min_days`` before arrival or not at all), plus an alert per
    shipment that arrived late / is overdue or failed the label checklist.

    >>> from seller_lab.params import load_params
    >>> t = pd.DataFrame({"shipment_id": ["S9"], "booking_lead_days": [float("nan")],
    ...     "booking_ok": [False], "booking": ["not booked"], "status": ["on time"], "delay_days": [0.0],
    ...     "labels_missing": [""], "checklist_ok": [True], "skus": ["A"],
    ...     "warehouse": ["DE-FRA"], "arrival_local": [pd.Timestamp("2026-10-20")]})
    >>> [(d.rule, d.verdict) for d in inbound_decisions(t, load_params())]
    [('R4.1.appointment_booking', 'alert')]
    """
    fp = FulfilmentSettings.of(params)
    min_days = float(fp.inbound_booking_min_days)
    out: list[Decision] = []
    common = dict(category=category, period=period, source_file=source_file)
    for r in inbound.itertuples(index=False):  # one row per shipment: a handful a month
        lead = float(r.booking_lead_days)
        v = {"skus": str(r.skus), "warehouse": str(r.warehouse),
             "arrival": f"{pd.Timestamp(r.arrival_local):%Y-%m-%d}", "booking": str(r.booking), "lead": lead,
             "min_days": min_days}
        if str(r.booking).startswith("book by"):
            verdict, reason = "ok", Phrase(N_(
                "appointment not booked yet: {booking} ({skus} to {warehouse}, arriving {arrival})"), **v)
        elif np.isnan(lead):
            verdict, reason = "alert", Phrase(N_(
                "no warehouse appointment booked ({skus} to {warehouse}, arriving {arrival})"), **v)
        elif r.booking_ok:
            verdict, reason = "ok", Phrase(N_(
                "appointment booked {lead:.0f} days before arrival ({skus} to {warehouse}, arriving {arrival})"),
                **v)
        else:
            verdict, reason = "alert", Phrase(N_(
                "appointment booked only {lead:.0f} days before arrival, needs {min_days:.0f} ({skus} to "
                "{warehouse}, arriving {arrival})"), **v)
        out.append(Decision(unique_id=str(r.shipment_id), rule="R4.1.appointment_booking",
                            metric=N_("days between appointment booking and arrival"),
                            value=lead, threshold=f">= {min_days:g}", verdict=verdict,
                            reason=reason, params_key="fulfilment.inbound_booking_min_days",
                            **common))
        if r.status in ("late", "overdue"):
            delay = float(r.delay_days)
            text = (N_("arrived {delay:.1f} days after the ETA ({skus} to {warehouse}, arriving {arrival})")
                    if r.status == "late" else
                    N_("ETA passed and not arrived yet ({skus} to {warehouse}, arriving {arrival})"))
            out.append(Decision(unique_id=str(r.shipment_id), rule="R4.1.eta",
                                metric=N_("arrival - ETA (days)"), value=delay,
                                threshold=f"<= {fp.inbound_eta_tolerance_days:g}",
                                verdict="alert", reason=Phrase(text, **v, delay=delay),
                                params_key="fulfilment.inbound_eta_tolerance_days", **common))
        if not r.checklist_ok:
            out.append(Decision(unique_id=str(r.shipment_id), rule="R4.1.label_checklist",
                                metric=N_("inbound label checklist"), value=r.labels_missing,
                                threshold="all checked", verdict="alert",
                                reason=Phrase(N_("label check failed: {missing} ({skus} to {warehouse}, arriving "
                                                 "{arrival})"), **v, missing=str(r.labels_missing)),
                                params_key="fulfilment.inbound_label_checklist", **common))
    return out
