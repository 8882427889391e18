"""Outbound (R4.2): every order not shipped within ``fulfilment.outbound_sla_hours`` of
being placed, with the ERP's reason where known, and the late share by warehouse and
ISO week (local calendar of the market).

The 24 h clock is elapsed time (UTC arithmetic), so a DST change never adds or removes
an hour; the week and month an order belongs to are taken in the market's local time.

Examples
--------
>>> import pandas as pd
>>> from seller_lab.params import load_params
>>> ts = lambda s: pd.to_datetime(s, utc=True)
>>> o = pd.DataFrame({"order_id": ["1", "2", "3"], "sku": ["A", "A", "B"], "units": [1, 2, 1],
...     "ds": ts(["2026-10-05 08:00", "2026-10-05 09:00", "2026-10-06 10:00"]),
...     "warehouse": ["DE-FRA", "FR-PAR", "FR-PAR"],
...     "shipped_at": ts(["2026-10-05 20:00", "2026-10-07 09:00", "2026-10-07 09:59"]),
...     "status": ["shipped"] * 3, "delay_reason": ["", "no stock", ""]})
>>> late = outbound_sla_breaches(o, load_params(), "2026-10")
>>> late[["order_id", "hours_to_ship", "reason"]].values.tolist()
[['2', 48.0, 'no stock']]
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..decisions import Decision
from ..i18n import N_
from ..i18n.phrase import Phrase
from ..periods import in_month, to_local, week_start
from ..schemas import ORDER_CANCELLED
from ..settings import CategorySettings, FulfilmentSettings, ReviewTargets, SettingsGroup

HOUR = pd.Timedelta(hours=1)
#: Statuses of an order that has left: the canonical 'shipped' (sources/aliases.yaml: status) and what
#: exports write beside it ('Shipped - Delivered to Buyer' in Amazon.in's order report, 'delivered', 'completed').
_SHIPPED = r"^(?:shipped|delivered|completed?)\b"
#: What a report calls the orders of an orders file that names no warehouse for them.
NO_WAREHOUSE = N_("orders without a warehouse")


def warehouse_named(warehouse) -> bool:
    """A warehouse value that names one ('' or blanks: the orders file gave none).

    >>> warehouse_named("DE-FRA"), warehouse_named(" ")
    (True, False)
    """
    return bool(str(warehouse).strip())


def warehouses_named(dispatch: pd.DataFrame) -> bool:
    """Some order of :func:`order_dispatch` names its warehouse: the 24 h rule is judged per warehouse
    (else on the category's rate)."""
    return len(dispatch) > 0 and bool(dispatch["warehouse"].astype("str").str.strip().ne("").any())

DISPATCH_COLUMNS = ["order_id", "skus", "units", "warehouse", "placed_at", "placed_local", "week",
                    "shipped_at", "hours_to_ship", "shipped", "late", "reason"]


def canonical_delay_reason(reasons: pd.Series, params: dict | FulfilmentSettings) -> pd.Series:
    """ERP delay texts (Chinese/German/English) -> canonical reasons via
    ``fulfilment.delay_reason_aliases``; unknown texts are kept as exported.

    >>> from seller_lab.params import load_params
    >>> canonical_delay_reason(pd.Series(["缺货", "Kommissionierfehler", "", "Zoll"]), load_params()).tolist()
    ['no stock', 'picking error', '', 'Zoll']
    """
    lookup = {}
    for canonical, aliases in FulfilmentSettings.of(params).delay_reason_aliases.items():
        for text in [canonical, *aliases]:
            lookup[str(text).strip().lower()] = str(canonical)
    raw = reasons.fillna("").astype("str").str.strip()
    return raw.str.lower().map(lookup).fillna(raw).astype("str")


def ship_times_known(orders: pd.DataFrame | None) -> bool:
    """The orders file says when orders left the warehouse: a ship time on some line, or, with no ship
    time anywhere, an order status that says every order is still waiting (an export of open orders: each
    one late once 24 h have passed). A file with neither (a shop's invoice lines, a sales export mapped by
    order, SKU, date and quantity) says nothing about dispatch: its orders are not 'not shipped yet'. Nor
    does one whose orders are marked shipped without a ship time (Amazon's All Orders report): when they
    left cannot be told, and judging only the orders still waiting would make them the whole month.

    >>> ship_times_known(pd.DataFrame({"shipped_at": [pd.NaT, pd.NaT], "status": ["", ""]}))
    False
    >>> ship_times_known(pd.DataFrame({"shipped_at": [pd.NaT], "status": ["Pending"]}))
    True
    >>> ship_times_known(pd.DataFrame({"shipped_at": [pd.NaT, pd.NaT], "status": ["shipped", "pending"]}))
    False
    >>> ship_times_known(pd.DataFrame({"shipped_at": [pd.NaT], "status": ["shipped - delivered to buyer"]}))
    False
    """
    if orders is None or orders.empty:
        return False
    if "shipped_at" in orders and pd.to_datetime(orders["shipped_at"], utc=True).notna().any():
        return True
    if "status" not in orders:
        return False
    status = orders["status"].astype("str").str.strip().str.lower()
    status = status[~status.isin(["", "nan", "none", "<na>", *ORDER_CANCELLED])]
    return len(status) > 0 and not status.str.contains(_SHIPPED, regex=True).any()


def order_dispatch(orders: pd.DataFrame, params: dict | SettingsGroup, period: str | None = None, *,
                   as_of: pd.Timestamp | None = None) -> pd.DataFrame:
    """One row per order placed in ``period`` (local month): hours from purchase to
    dispatch and whether it missed the SLA. Cancelled orders are left out; no row at all when the
    file carries no ship times nor order status (:func:`ship_times_known`).

    An order not shipped yet counts its hours up to ``as_of`` (default: the latest
    timestamp in ``orders``) and is late once that exceeds the SLA. ``params``: the loaded
    params, or settings built from them (``fulfilment`` and ``category``, e.g. MonthSettings).
    """
    fs = FulfilmentSettings.of(params)
    sla, tz = fs.outbound_sla_hours, CategorySettings.of(params).timezone
    if orders is None or orders.empty:
        return pd.DataFrame(columns=DISPATCH_COLUMNS)
    o = orders.copy()
    o["shipped_at"] = pd.to_datetime(o["shipped_at"], utc=True)
    if not ship_times_known(o):
        return pd.DataFrame(columns=DISPATCH_COLUMNS)
    o["ds"] = pd.to_datetime(o["ds"], utc=True)
    if "status" in o:
        o = o[~o["status"].astype("str").str.lower().isin(ORDER_CANCELLED)]
        # an order marked shipped on every line but with no ship time (a file that has them for other orders):
        # when it left cannot be told, so it is not judged either way
        shipped = o["status"].astype("str").str.lower().str.contains(_SHIPPED, regex=True)
        untimed = (shipped & o["shipped_at"].isna()).groupby(o["order_id"]).transform("all")
        o = o[~untimed]
    o["delay_reason"] = (o["delay_reason"].astype("str").fillna("").str.strip()
                         if "delay_reason" in o else "")
    o["delay_reason"] = canonical_delay_reason(
        o["delay_reason"].where(o["delay_reason"].ne("nan"), ""), fs)
    o["sku"] = o["sku"].astype("str")
    o["units"] = pd.to_numeric(o["units"], errors="coerce").fillna(0)
    if as_of is None:
        as_of = pd.concat([o["ds"], o["shipped_at"]]).max()
    if period is not None:
        o = o[in_month(to_local(o["ds"], tz), period)]
    # lines with a delay reason first, so 'first' picks the reason (string min/max is slow)
    o = o.sort_values(["delay_reason", "sku"], ascending=[False, True], kind="stable")
    g = (o.groupby("order_id", sort=True)
         .agg(sku=("sku", "first"), n_skus=("sku", "nunique"), units=("units", "sum"),
              warehouse=("warehouse", "first"), placed_at=("ds", "min"),
              shipped_at=("shipped_at", "max"), reason=("delay_reason", "first"))
         .reset_index())
    more = g["n_skus"].sub(1).clip(lower=0)
    g["skus"] = g["sku"].astype("str") + np.where(more > 0, " +" + more.astype("str"), "")
    g["placed_local"] = to_local(g["placed_at"], tz)
    g["week"] = week_start(g["placed_local"])
    g["shipped"] = g["shipped_at"].notna()
    end = g["shipped_at"].where(g["shipped"], as_of)
    g["hours_to_ship"] = ((end - g["placed_at"]) / HOUR).round(2)
    g["late"] = g["hours_to_ship"] > sla
    g["reason"] = np.where(g["reason"].astype("str") != "", g["reason"].astype("str"),
                           np.where(g["shipped"], "unknown", "not shipped yet"))
    g["reason"] = g["reason"].astype("str")
    return g[DISPATCH_COLUMNS]


def outbound_sla_breaches(orders: pd.DataFrame, params: dict | SettingsGroup, period: str | None = None, *,
                          as_of: pd.Timestamp | None = None) -> pd.DataFrame:
    """Every order of ``period`` not shipped within the SLA (late orders of
    :func:`order_dispatch`, slowest first)."""
    d = order_dispatch(orders, params, period, as_of=as_of)
    return (d[d["late"]].sort_values(["hours_to_ship", "order_id"], ascending=[False, True])
            .reset_index(drop=True))


def outbound_late_share(dispatch: pd.DataFrame, by=("warehouse", "week")) -> pd.DataFrame:
    """Orders, late orders and late share per group (default warehouse x ISO week).

    >>> d = pd.DataFrame({"warehouse": ["A", "A", "B"], "week": pd.to_datetime(["2026-10-05"] * 3),
    ...                   "late": [True, False, False], "order_id": ["1", "2", "3"]})
    >>> outbound_late_share(d)[["warehouse", "orders", "late", "late_share"]].values.tolist()
    [['A', 2, 1, 0.5], ['B', 1, 0, 0.0]]
    """
    by = list(by)
    if dispatch.empty:
        return pd.DataFrame(columns=[*by, "orders", "late", "late_share"])
    g = dispatch.groupby(by, sort=True).agg(orders=("order_id", "size"), late=("late", "sum"))
    g["late"] = g["late"].astype(int)
    g["late_share"] = g["late"] / g["orders"]
    return g.reset_index()


def outbound_decisions(dispatch: pd.DataFrame, params: dict | SettingsGroup, *, category: str = "",
                       period: str = "", source_file: str = "") -> list[Decision]:
    """R4.2 alerts: one Decision per late order (the seed wants every one), and one
    summary Decision per warehouse for the month's late share against
    ``review.targets.outbound_24h_breach_rate_max``.

    >>> from seller_lab.params import load_params
    >>> d = pd.DataFrame({"order_id": ["7"], "skus": ["A"], "warehouse": ["FR-PAR"],
    ...     "placed_local": [pd.Timestamp("2026-10-05 10:00")], "hours_to_ship": [30.0],
    ...     "late": [True], "reason": ["picking error"]})
    >>> [(x.unique_id, x.verdict) for x in outbound_decisions(d, load_params())]
    [('7', 'alert'), ('FR-PAR', 'alert')]
    """
    sla = FulfilmentSettings.of(params).outbound_sla_hours
    target = ReviewTargets.of(params).outbound_24h_breach_rate_max
    common = dict(category=category, period=period, source_file=source_file)
    out: list[Decision] = []
    late = dispatch[dispatch["late"]]
    for r in late.itertuples(index=False):  # alerts: one per late order, by design
        out.append(Decision(
            unique_id=str(r.order_id), rule="R4.2.outbound_24h",
            metric=N_("hours from purchase to dispatch"), value=float(r.hours_to_ship),
            threshold=f"<= {sla:g}", verdict="alert",
            reason=Phrase(N_("order {order} ({skus}) placed {placed} shipped after {hours:.0f} h from {warehouse}: "
                             "{reason}"), order=str(r.order_id), skus=str(r.skus),
                          placed=f"{pd.Timestamp(r.placed_local):%Y-%m-%d %H:%M}", hours=float(r.hours_to_ship),
                          warehouse=str(r.warehouse), reason=str(r.reason)),
            params_key="fulfilment.outbound_sla_hours", **common))
    share = outbound_late_share(dispatch, by=("warehouse",))
    for r in share.itertuples(index=False):
        ok = r.late_share <= target
        out.append(Decision(
            unique_id=str(r.warehouse), rule="R4.2.outbound_late_share",
            metric=N_("share of orders not shipped within 24 h"), value=round(float(r.late_share), 4),
            threshold=f"<= {target:g}", verdict="ok" if ok else "alert",
            reason=Phrase(N_("{late} of {orders} orders from {warehouse} shipped later than {sla:g} h ({share:.1%})"),
                          late=r.late, orders=r.orders, warehouse=str(r.warehouse), sla=sla,
                          share=float(r.late_share)),
            params_key="review.targets.outbound_24h_breach_rate_max", **common))
    return out
