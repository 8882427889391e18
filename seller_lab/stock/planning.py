"""Stock planning (R3.1, R3.3, R3.4): first order, safety stock, peaks, reorder points,
warehouse split and cross-warehouse transfers.

The seed's first-order rule is ``daily sales x cover + safety stock`` with
``safety stock = daily sales x first-leg lead time``. Its example (5/day, 20 days by
sea) gives ``5 x 3 + 5 x 20 = 115``, yet it says the order "covers 3 months of sales",
which a cover of 3 days does not: the cover is therefore an explicit parameter in days
(``stock.cover_days``) and the report shows both readings (``stock.cover_days_alt``).

Examples
--------
>>> first_order_quantity(5, cover_days=3, lead_time_days=20)
115.0
>>> first_order_quantity(5, cover_days=90, lead_time_days=20)
550.0
"""

from __future__ import annotations

from statistics import NormalDist

import numpy as np
import pandas as pd

from ..decisions import Decision, Parts
from ..errors import ParamsError
from ..i18n import N_
from ..i18n.phrase import Phrase
from ..schemas import ORDER_CANCELLED
from ..settings import StockPlanSettings
from .frequency import describe, kind_of, period_days

#: The first order's readings of the seed formula (R3.1).
READING_SEED = N_("seed formula as written (cover {days:g} days)")
READING_3_MONTHS = N_("'covers 3 months of sales' (cover {days:g} days)")
READING_SERVICE = N_("service level {level:.0%} safety stock (cover {days:g} days)")
#: R3.4 and R3.3 decisions: metric names and reason templates (the report shows them
#: through the catalog; the English reason is the template filled in).
COVER_METRIC = N_("days of cover (on hand + inbound) / daily sales")
COVER_LOW = N_("{sku} at {warehouse}: {days:.0f} days of cover, less than the {lead:g}-day lead time: "
               "reorder now (reorder point {reorder_point:.0f} units)")
COVER_ENOUGH = N_("{sku} at {warehouse}: {days:.0f} days of cover, enough for the {lead:g}-day lead time")
COVER_NO_SALES = N_("{sku} at {warehouse}: no sales, unlimited of cover, enough for the {lead:g}-day lead time")
TRANSFER_METRIC = N_("units to move between warehouses")
#: The unit after the R3.3 threshold (``> 60 days of cover at source``).
TRANSFER_UNIT = N_("days of cover at source")
TRANSFER = N_("{sku}: move {units} units ({cartons} cartons) from {from_warehouse} ({from_days:.0f} days of "
              "cover) to {to_warehouse} ({to_days:.0f} days of cover)")
TRANSFER_FROM_NO_SALES = N_("{sku}: move {units} units ({cartons} cartons) from {from_warehouse} (no sales, "
                            "unlimited of cover) to {to_warehouse} ({to_days:.0f} days of cover)")

# ------------------------------------------------------------------------------------
# R3.1 first order and safety stock
# ------------------------------------------------------------------------------------


def first_order_quantity(daily_sales, *, cover_days, lead_time_days):
    """Seed rule: ``daily x cover_days + daily x lead_time_days`` (works on arrays).

    >>> first_order_quantity(np.array([5.0, 1.0]), cover_days=3, lead_time_days=20).tolist()
    [115.0, 23.0]
    """
    daily = np.asarray(daily_sales, dtype=float)
    out = daily * float(cover_days) + daily * np.asarray(lead_time_days, dtype=float)
    return float(out) if out.ndim == 0 else out


def service_level_safety_stock(error_sd, *, lead_time_days, service_level):
    """Safety stock ``z x sigma_daily x sqrt(lead time)`` for a cycle service level.

    >>> round(service_level_safety_stock(2.0, lead_time_days=16, service_level=0.95), 2)
    13.16
    """
    z = NormalDist().inv_cdf(float(service_level))
    out = z * np.asarray(error_sd, dtype=float) * np.sqrt(np.asarray(lead_time_days, dtype=float))
    return float(out) if out.ndim == 0 else out


def first_order_readings(daily_sales: float, params: dict, *,
                         lead_time_days: float | None = None,
                         error_sd: float | None = None) -> pd.DataFrame:
    """The seed formula read both ways (and the service-level alternative when the
    daily forecast error is known), with the cover as an explicit number of days. A
    reading's name is a :class:`~seller_lab.decisions.Parts` a report translates.

    >>> from seller_lab.params import load_params
    >>> t = first_order_readings(5, load_params())
    >>> t[["cover_days", "cycle_stock", "safety_stock", "order_qty"]].values.tolist()
    [[3.0, 15.0, 100.0, 115.0], [90.0, 450.0, 100.0, 550.0]]
    >>> [str(r) for r in t["reading"]]
    ['seed formula as written (cover 3 days)', "'covers 3 months of sales' (cover 90 days)"]
    """
    st = StockPlanSettings.of(params)
    lead = float(st.safety_stock_lead_time_days if lead_time_days is None else lead_time_days)
    rows = []
    for label, cover in ((READING_SEED, st.cover_days), (READING_3_MONTHS, st.cover_days_alt)):
        ss = daily_sales * lead
        rows.append({"reading": Parts.of(label, days=float(cover)), "daily_sales": float(daily_sales),
                     "cover_days": float(cover), "lead_time_days": lead,
                     "cycle_stock": daily_sales * float(cover), "safety_stock": ss,
                     "order_qty": first_order_quantity(daily_sales, cover_days=cover,
                                                       lead_time_days=lead)})
    if error_sd is not None and np.isfinite(error_sd):
        ss = service_level_safety_stock(error_sd, lead_time_days=lead,
                                        service_level=st.service_level)
        cover = float(st.cover_days_alt)
        rows.append({"reading": Parts.of(READING_SERVICE, level=float(st.service_level), days=cover),
                     "daily_sales": float(daily_sales), "cover_days": cover,
                     "lead_time_days": lead, "cycle_stock": daily_sales * cover,
                     "safety_stock": ss, "order_qty": daily_sales * cover + ss})
    return pd.DataFrame(rows)


def daily_rate(units_per_period, freq: str, *, period_dates=None):
    """Units per period of ``freq`` -> units per calendar day, and a sentence saying how.

    Stock rules (cover days, lead time days, safety stock) are in days, whatever the
    frequency of the sales file: a weekly rate is divided by 7, a monthly one by the real
    days of ``period_dates`` (or 365.25 / 12 when not given), a quarterly one by ~91.3.

    >>> daily_rate(14.0, "W-SUN")
    (2.0, 'weekly (dated on Sundays) rate / 7 days per week')
    >>> r, why = daily_rate(56.0, "MS", period_dates=pd.DatetimeIndex(["2026-02-01"]))
    >>> r, why
    (2.0, 'monthly (dated on the 1st) rate / 28 days per month')
    """
    k = kind_of(freq)
    if k == "D":
        return units_per_period, "daily rate (no conversion)"
    if period_dates is not None and len(period_dates):
        days = float(np.mean(period_days(pd.DatetimeIndex(period_dates), freq)))
    else:
        days = {"W": 7.0, "M": 365.25 / 12, "Q": 365.25 / 4, "Y": 365.25}[k]
    unit = {"W": "week", "M": "month", "Q": "quarter", "Y": "year"}[k]
    rate = np.asarray(units_per_period, dtype=float) / days
    return (float(rate) if rate.ndim == 0 else rate), f"{describe(freq)} rate / {days:g} days per {unit}"


# ------------------------------------------------------------------------------------
# inputs: lead times, sales rates, stock on hand
# ------------------------------------------------------------------------------------
def lead_times(shipments: pd.DataFrame | None, params: dict) -> pd.DataFrame:
    """Median first-leg lead time (days, departed -> arrived) per warehouse.

    Falls back to ``stock.safety_stock_lead_time_days`` when no arrived shipment is
    known or ``stock.lead_time_from_shipments`` is off (``source`` says which).

    >>> s = pd.DataFrame({"warehouse": ["W", "W"],
    ...     "departed_at": pd.to_datetime(["2026-01-01", "2026-02-01"], utc=True),
    ...     "arrived_at": pd.to_datetime(["2026-01-31", "2026-02-25"], utc=True)})
    >>> from seller_lab.params import load_params
    >>> lead_times(s, load_params())[["warehouse", "lead_time_days"]].values.tolist()
    [['W', 27.0]]
    """
    st = StockPlanSettings.of(params)
    cols = ["warehouse", "lead_time_days", "shipments", "source"]
    if (shipments is None or len(shipments) == 0 or not st.lead_time_from_shipments
            or not {"departed_at", "arrived_at", "warehouse"} <= set(shipments.columns)):
        return pd.DataFrame(columns=cols)
    s = shipments.dropna(subset=["departed_at", "arrived_at"])
    days = (pd.to_datetime(s["arrived_at"], utc=True)
            - pd.to_datetime(s["departed_at"], utc=True)).dt.total_seconds() / 86400
    t = (pd.DataFrame({"warehouse": s["warehouse"].astype("str"), "d": days})
         .query("d > 0").groupby("warehouse")["d"].agg(["median", "size"]).reset_index())
    t.columns = ["warehouse", "lead_time_days", "shipments"]
    t["lead_time_days"] = t["lead_time_days"].round()
    t["source"] = "measured"
    return t[cols]


def _lead_for(warehouses: pd.Series, lt: pd.DataFrame, params: dict) -> np.ndarray:
    default = float(StockPlanSettings.of(params).safety_stock_lead_time_days)
    m = dict(zip(lt["warehouse"], lt["lead_time_days"])) if len(lt) else {}
    return warehouses.map(m).astype(float).fillna(default).to_numpy()


def _as_of(orders: pd.DataFrame, as_of) -> pd.Timestamp:
    if as_of is not None:
        return pd.Timestamp(as_of).normalize()
    return pd.to_datetime(orders["ds"], utc=True).max().tz_localize(None).normalize()


def warehouse_sales(orders: pd.DataFrame, params: dict, *, as_of=None,
                    window_days: int | None = None) -> pd.DataFrame:
    """Units per SKU x warehouse over the trailing window, the daily rate and each
    warehouse's share of the SKU's sales.

    >>> o = pd.DataFrame({"sku": ["A", "A", "A"], "warehouse": ["W", "W", "E"], "units": [3, 3, 2],
    ...     "ds": pd.to_datetime(["2026-10-30", "2026-10-31", "2026-10-31"], utc=True)})
    >>> from seller_lab.params import load_params
    >>> warehouse_sales(o, load_params(), window_days=2)[["warehouse", "daily", "share"]].values.tolist()
    [['E', 1.0, 0.25], ['W', 3.0, 0.75]]
    """
    window = int(window_days or StockPlanSettings.of(params).sales_window_days)
    end = _as_of(orders, as_of)
    ts = pd.to_datetime(orders["ds"], utc=True).dt.tz_localize(None)
    keep = (ts < end + pd.Timedelta(days=1)) & (ts >= end - pd.Timedelta(days=window - 1))
    if "status" in orders.columns:
        keep &= ~orders["status"].astype("str").str.lower().isin(ORDER_CANCELLED)
    o = orders.loc[keep]
    g = (pd.DataFrame({"sku": o["sku"].astype("str"), "warehouse": o["warehouse"].astype("str"),
                       "units": pd.to_numeric(o["units"], errors="coerce").fillna(0)})
         .groupby(["sku", "warehouse"], as_index=False)["units"].sum())
    g["daily"] = g["units"] / window
    g["share"] = g["units"] / g.groupby("sku")["units"].transform("sum")
    return g


def stock_on_hand(inventory: pd.DataFrame, *, as_of=None) -> pd.DataFrame:
    """Latest snapshot on or before ``as_of`` per SKU x warehouse (on_hand, inbound).

    >>> inv = pd.DataFrame({"ds": pd.to_datetime(["2026-10-30", "2026-10-31"]), "sku": "A",
    ...     "warehouse": "W", "on_hand": [5, 4], "inbound": [0, 10], "reserved": 0})
    >>> stock_on_hand(inv)[["on_hand", "inbound"]].values.tolist()
    [[4, 10]]
    """
    if inventory is None or len(inventory) == 0:
        return pd.DataFrame(columns=["sku", "warehouse", "ds", "on_hand", "inbound"])
    inv = inventory
    if as_of is not None:
        inv = inv[pd.to_datetime(inv["ds"]) <= pd.Timestamp(as_of)]
    inv = inv.sort_values("ds")
    last = inv.groupby(["sku", "warehouse"], as_index=False).tail(1)
    return last[["sku", "warehouse", "ds", "on_hand", "inbound"]].reset_index(drop=True)


# ------------------------------------------------------------------------------------
# R3.1 / R3.4 plan per SKU, alerts
# ------------------------------------------------------------------------------------
def stock_plan(chosen: pd.DataFrame, params: dict, *, inventory: pd.DataFrame | None = None,
               shipments: pd.DataFrame | None = None, as_of=None) -> pd.DataFrame:
    """Order quantities per SKU under both cover readings and the service-level rule,
    the reorder point and the days of cover of the stock on hand.

    Parameters
    ----------
    chosen : DataFrame
        ``ForecastResult.chosen`` (``unique_id, method, daily_mean, error_sd``; from a
        weekly or monthly forecast these are already per calendar day and ``rate_basis``
        says how they were converted; a frame with only ``period_mean`` and ``freq`` is
        converted here with :func:`daily_rate`).
    inventory, shipments : DataFrame, optional
        Canonical frames; stock on hand (all warehouses) and measured lead time.

    The plan's ``rate_basis`` column states the conversion used for every SKU.

    >>> from seller_lab.params import load_params
    >>> c = pd.DataFrame({"unique_id": ["A"], "method": ["SES"], "daily_mean": [5.0],
    ...                   "error_sd": [2.0], "mase": [0.9]})
    >>> stock_plan(c, load_params())[["order_qty_seed", "order_qty_3_months"]].values.tolist()
    [[115.0, 550.0]]
    """
    st = StockPlanSettings.of(params)
    lt = lead_times(shipments, params)
    lead = float(lt["lead_time_days"].max()) if len(lt) else float(st.safety_stock_lead_time_days)
    if "daily_mean" in chosen:
        daily = chosen["daily_mean"].to_numpy(float)
        basis = (chosen["rate_basis"].astype("str").to_numpy() if "rate_basis" in chosen
                 else np.full(len(chosen), "daily rate (no conversion)", dtype=object))
        sd = chosen["error_sd"].to_numpy(float) if "error_sd" in chosen else np.full(len(chosen), np.nan)
    else:                      # per-period figures: convert explicitly, per frequency
        daily = np.zeros(len(chosen))
        sd = np.full(len(chosen), np.nan)
        basis = np.empty(len(chosen), dtype=object)
        for f, idx in chosen.groupby("freq").indices.items():       # one group per frequency
            daily[idx], basis[idx] = daily_rate(chosen["period_mean"].to_numpy(float)[idx], f)
            if "error_sd_period" in chosen:
                per = float(daily_rate(1.0, f)[0])
                sd[idx] = chosen["error_sd_period"].to_numpy(float)[idx] * np.sqrt(per)
    plan = pd.DataFrame({"sku": chosen["unique_id"].astype("str"),
                         "method": chosen.get("method", pd.Series([""] * len(chosen))).astype("str"),
                         "daily_forecast": daily, "lead_time_days": lead,
                         "rate_basis": basis})
    plan["safety_stock_seed"] = daily * lead
    plan["order_qty_seed"] = first_order_quantity(daily, cover_days=st.cover_days,
                                                  lead_time_days=lead)
    plan["order_qty_3_months"] = first_order_quantity(daily, cover_days=st.cover_days_alt,
                                                      lead_time_days=lead)
    plan["safety_stock_service"] = service_level_safety_stock(
        np.nan_to_num(sd, nan=0.0), lead_time_days=lead, service_level=st.service_level)
    plan["order_qty_service"] = daily * float(st.cover_days_alt) + plan["safety_stock_service"]
    plan["reorder_point"] = daily * lead + plan["safety_stock_seed"]
    if inventory is not None and len(inventory):
        soh = stock_on_hand(inventory, as_of=as_of).groupby("sku")[["on_hand", "inbound"]].sum()
        plan = plan.merge(soh, left_on="sku", right_index=True, how="left")
        plan[["on_hand", "inbound"]] = plan[["on_hand", "inbound"]].fillna(0)
        with np.errstate(divide="ignore", invalid="ignore"):
            plan["days_of_cover"] = np.where(daily > 0, (plan["on_hand"] + plan["inbound"]) / daily,
                                             np.inf)
        plan["reorder_now"] = (plan["on_hand"] + plan["inbound"]) <= plan["reorder_point"]
    return plan


def low_stock_alerts(orders: pd.DataFrame, inventory: pd.DataFrame, params: dict, *,
                     shipments: pd.DataFrame | None = None, as_of=None,
                     category: str = "", period: str = "") -> tuple[pd.DataFrame, list[Decision]]:
    """Days of cover per SKU x warehouse against that warehouse's lead time (R3.4).

    A warehouse is low when ``(on_hand + inbound) / daily sales < lead time +
    stock.low_stock_cover_days``; it has excess above ``stock.transfer_excess_days``.
    Returns the table and one Decision per SKU x warehouse.
    """
    st = StockPlanSettings.of(params)
    soh = stock_on_hand(inventory, as_of=as_of)
    ws = warehouse_sales(orders, params, as_of=as_of)
    t = soh.merge(ws[["sku", "warehouse", "daily", "share"]], on=["sku", "warehouse"], how="outer")
    t[["on_hand", "inbound", "daily", "share"]] = (
        t[["on_hand", "inbound", "daily", "share"]].astype(float).fillna(0.0))
    lt = lead_times(shipments, params)
    t["lead_time_days"] = _lead_for(t["warehouse"], lt, params)
    pos = t["on_hand"] + t["inbound"]
    with np.errstate(divide="ignore", invalid="ignore"):
        t["days_of_cover"] = np.where(t["daily"] > 0, pos / t["daily"], np.inf)
    t["alert_below_days"] = t["lead_time_days"] + float(st.low_stock_cover_days)
    t["reorder_point"] = t["daily"] * t["lead_time_days"] * 2     # lead-time demand + seed safety stock
    t["status"] = np.select(
        [t["days_of_cover"] < t["alert_below_days"], t["days_of_cover"] > float(st.transfer_excess_days)],
        ["low", "excess"], "ok")
    t = t.sort_values(["sku", "warehouse"]).reset_index(drop=True)
    decisions = [
        Decision(unique_id=f"{r.sku}@{r.warehouse}", rule="R3.4.days_of_cover",
                 metric=COVER_METRIC,
                 value=round(float(r.days_of_cover), 1) if np.isfinite(r.days_of_cover) else float("nan"),
                 threshold=f">= {r.alert_below_days:g}",
                 verdict="alert" if r.status == "low" else "ok",
                 reason=_cover_reason(r),
                 category=category, period=period, params_key="stock.low_stock_cover_days",
                 inputs={"on_hand": r.on_hand, "inbound": r.inbound, "daily": r.daily})
        for r in t.itertuples(index=False)]
    return t, decisions


def _cover_reason(r) -> Phrase:
    """The R3.4 reason of one row of the cover table (a :class:`~seller_lab.i18n.phrase.Phrase`)."""
    where = {"sku": r.sku, "warehouse": r.warehouse, "lead": float(r.lead_time_days)}
    if r.status == "low":
        return Phrase(COVER_LOW, **where, days=float(r.days_of_cover), reorder_point=float(r.reorder_point))
    if not np.isfinite(r.days_of_cover):
        return Phrase(COVER_NO_SALES, **where)
    return Phrase(COVER_ENOUGH, **where, days=float(r.days_of_cover))


# ------------------------------------------------------------------------------------
# R3.3 warehouse split and transfers
# ------------------------------------------------------------------------------------
def warehouse_split(quantities: pd.DataFrame, shares: pd.DataFrame, params: dict) -> pd.DataFrame:
    """Split each SKU's order over warehouses by sales share, in whole cartons.

    The warehouse with the largest share is the main one and gets at least
    ``stock.main_warehouse_share_min``; the total is rounded up to cartons of
    ``stock.carton_qty`` and cartons are handed out by largest remainder.

    Parameters
    ----------
    quantities : DataFrame ``sku, order_qty``
    shares : DataFrame ``sku, warehouse, share`` (e.g. from :func:`warehouse_sales`)

    >>> from seller_lab.params import load_params
    >>> q = pd.DataFrame({"sku": ["A"], "order_qty": [550.0]})
    >>> sh = pd.DataFrame({"sku": ["A", "A"], "warehouse": ["DE-FRA", "FR-PAR"], "share": [0.8, 0.2]})
    >>> warehouse_split(q, sh, load_params())[["warehouse", "units", "cartons", "role"]].values.tolist()
    [['DE-FRA', 440, 22, 'main'], ['FR-PAR', 120, 6, 'secondary']]
    """
    st = StockPlanSettings.of(params)
    carton = int(st.carton_qty)
    t = shares[["sku", "warehouse", "share"]].merge(quantities[["sku", "order_qty"]], on="sku")
    t = t.sort_values(["sku", "share", "warehouse"], ascending=[True, False, True]).reset_index(drop=True)
    main = ~t["sku"].duplicated()
    share = t["share"].astype(float).to_numpy()
    # raise the main warehouse to its minimum share, scale the others down
    total_share = t.groupby("sku")["share"].transform("sum").to_numpy()
    share = share / np.where(total_share > 0, total_share, 1.0)
    main_share = pd.Series(np.where(main, share, 0.0)).groupby(t["sku"]).transform("sum").to_numpy()
    floor = float(st.main_warehouse_share_min)
    new_main = np.maximum(main_share, floor)
    rest = 1.0 - main_share
    share = np.where(main, new_main,
                     np.where(rest > 0, share * (1.0 - new_main) / np.where(rest > 0, rest, 1.0), 0.0))
    total_cartons = np.ceil(t["order_qty"].to_numpy(float) / carton)
    exact = share * total_cartons
    base = np.floor(exact)
    missing = (total_cartons - pd.Series(base).groupby(t["sku"]).transform("sum")).to_numpy()
    rank = pd.Series(exact - base).groupby(t["sku"]).rank(method="first", ascending=False).to_numpy()
    cartons = (base + (rank <= missing)).astype(int)
    out = pd.DataFrame({"sku": t["sku"], "warehouse": t["warehouse"], "share": share,
                        "cartons": cartons, "units": cartons * carton,
                        "role": np.where(main, "main", "secondary")})
    return out[["sku", "warehouse", "role", "share", "units", "cartons"]]


def transfer_suggestions(alerts: pd.DataFrame, params: dict, *, category: str = "",
                         period: str = "") -> tuple[pd.DataFrame, list[Decision]]:
    """Move stock from a warehouse with excess to one of the same SKU that runs low.

    ``alerts`` is the table of :func:`low_stock_alerts`. The low warehouse is topped up
    to its lead time + buffer of cover; the source keeps ``stock.transfer_excess_days``
    of its own sales. Quantities are whole cartons.
    """
    st = StockPlanSettings.of(params)
    carton = int(st.carton_qty)
    cols = ["sku", "from_warehouse", "to_warehouse", "units", "cartons",
            "to_days_of_cover", "from_days_of_cover"]
    low = alerts[alerts["status"] == "low"]
    exc = alerts[alerts["status"] == "excess"]
    pairs = low.merge(exc, on="sku", suffixes=("_to", "_from"))
    if pairs.empty:
        return pd.DataFrame(columns=cols), []
    need = (pairs["daily_to"] * pairs["alert_below_days_to"]
            - (pairs["on_hand_to"] + pairs["inbound_to"])).clip(lower=0)
    spare_days = np.where(np.isfinite(pairs["days_of_cover_from"]),
                          pairs["daily_from"] * float(st.transfer_excess_days), 0.0)
    available = (pairs["on_hand_from"] - spare_days).clip(lower=0)
    cartons = np.minimum(np.ceil(need / carton), np.floor(available / carton)).astype(int)
    pairs = pairs.assign(cartons=cartons, units=cartons * carton)
    pairs = (pairs[pairs["cartons"] > 0].sort_values("units", ascending=False)
             .drop_duplicates(["sku", "warehouse_to"]))
    out = pd.DataFrame({"sku": pairs["sku"], "from_warehouse": pairs["warehouse_from"],
                        "to_warehouse": pairs["warehouse_to"], "units": pairs["units"],
                        "cartons": pairs["cartons"],
                        "to_days_of_cover": pairs["days_of_cover_to"],
                        "from_days_of_cover": pairs["days_of_cover_from"]}).reset_index(drop=True)
    decisions = [
        Decision(unique_id=r.sku, rule="R3.3.transfer", metric=TRANSFER_METRIC,
                 value=int(r.units), threshold=f"> {st.transfer_excess_days} {TRANSFER_UNIT}",
                 verdict="alert",
                 reason=_transfer_reason(r),
                 category=category, period=period, params_key="stock.transfer_excess_days")
        for r in out.itertuples(index=False)]
    return out, decisions


def _transfer_reason(r) -> Phrase:
    """The R3.3 reason of one transfer (the source may have no sales: unlimited cover)."""
    move = {"sku": r.sku, "units": int(r.units), "cartons": int(r.cartons), "from_warehouse": r.from_warehouse,
            "to_warehouse": r.to_warehouse, "to_days": float(r.to_days_of_cover)}
    if not np.isfinite(r.from_days_of_cover):
        return Phrase(TRANSFER_FROM_NO_SALES, **move)
    return Phrase(TRANSFER, **move, from_days=float(r.from_days_of_cover))


# ------------------------------------------------------------------------------------
# R3.1 peaks and ship-by dates
# ------------------------------------------------------------------------------------
def _black_friday(year: int) -> pd.Timestamp:
    nov1 = pd.Timestamp(year=year, month=11, day=1)
    first_thu = nov1 + pd.Timedelta(days=(3 - nov1.weekday()) % 7)
    return first_thu + pd.Timedelta(days=22)


def event_date(event: dict, year: int) -> pd.Timestamp:
    """Start of a peak event in ``year`` (``rule: black_friday`` or ``month``/``day``; an event
    written with a month only starts on the first of that month).

    >>> str(event_date({"rule": "black_friday"}, 2026).date())
    '2026-11-27'
    >>> str(event_date({"month": 12}, 2026).date())
    '2026-12-01'
    """
    if event.get("rule") == "black_friday":
        return _black_friday(year)
    return pd.Timestamp(year=year, month=int(event["month"]), day=int(event["day"]) if "day" in event else 1)


def event_applies(event: dict, marketplace: str) -> bool:
    """Whether a peak event is one of the category's marketplace: an event with ``marketplaces`` (words, any
    letter case) counts only where the category's ``marketplace`` names one of them (Prime Day is Amazon's, not
    a web shop's); an event without that list, or a category whose marketplace is not given, counts everywhere.

    >>> prime = {"name": "Prime Day", "month": 7, "day": 8, "days": 4, "marketplaces": ["amazon"]}
    >>> event_applies(prime, "Amazon.de"), event_applies(prime, "own web shop"), event_applies(prime, "")
    (True, False, True)
    """
    names = event.get("marketplaces") or ()
    market = str(marketplace or "").strip().lower()
    return not names or not market or any(str(n).strip().lower() in market for n in names)


def event_days(event: dict, index: int) -> int:
    """How many days the ``index``-th ``stock.peak_events`` entry lasts (its ``days``, required).

    >>> event_days({"name": "Prime Day", "month": 7, "day": 8}, 0)
    Traceback (most recent call last):
    ...
    seller_lab.errors.ParamsError: params, key 'stock.peak_events[0].days': missing. Fix: give every peak event its length in days, e.g. days: 4
    """
    if "days" not in event:
        raise ParamsError("params", f"stock.peak_events[{index}].days", "missing",
                          fix="give every peak event its length in days, e.g. days: 4")
    return int(event["days"])


def season_peak(series: pd.DataFrame, params: dict) -> dict | None:
    """The category's own selling season from the daily sales of all its SKUs.

    Uses ``stock.season_peak_months`` when set, else detects it: months whose mean
    daily sales are >= ``stock.season_peak_min_ratio`` x the yearly mean, from at least
    ``stock.season_min_history_days`` of history. Returns ``{months, start_month,
    index}`` (index = mean daily sales per calendar month / yearly mean) or None.
    """
    st = StockPlanSettings.of(params)
    if series is None or len(series) == 0:
        return None
    total = series.groupby("ds")["y"].sum()
    by_month = total.groupby(total.index.month).mean()
    index = by_month / total.mean() if total.mean() > 0 else by_month * 0
    months = [int(m) for m in st.season_peak_months]
    if not months:
        if (total.index.max() - total.index.min()).days + 1 < int(st.season_min_history_days):
            return None
        peak = index[index >= float(st.season_peak_min_ratio)]
        if peak.empty:
            return None
        top = int(index.idxmax())
        months = [top]
        m = top
        while ((m - 2) % 12) + 1 in peak.index and len(months) < 12:    # walk back to the run's start
            m = ((m - 2) % 12) + 1
            months.insert(0, m)
        m = top
        while (m % 12) + 1 in peak.index and len(months) < 12:
            m = (m % 12) + 1
            months.append(m)
    return {"months": months, "start_month": months[0], "index": index}


def peak_plan(series: pd.DataFrame, chosen: pd.DataFrame, params: dict, *, as_of,
              horizon_days: int = 365, marketplace: str = "") -> pd.DataFrame:
    """Upcoming peaks per SKU with extra units and the ship window (2-3 months ahead).

    Named events (``stock.peak_events``) get ``stock.peak_uplift_min..max`` on the
    SKU's daily forecast for the event's days; the category's own season (see
    :func:`season_peak`) gets the SKU's average daily sales in those months of history.
    ``ship_from`` / ``ship_by`` = event start minus ``peak_ship_ahead_months_max`` /
    ``_min`` months; ``late`` when ``ship_by`` is already past ``as_of``. An event of other marketplaces than the
    category's ``marketplace`` (:func:`event_applies`) is left out.
    """
    st = StockPlanSettings.of(params)
    as_of = pd.Timestamp(as_of).normalize()
    end = as_of + pd.Timedelta(days=horizon_days)
    rows = []
    daily = dict(zip(chosen["unique_id"].astype("str"), chosen["daily_mean"].astype(float)))
    events = []
    for i, ev in enumerate(st.peak_events):
        if not event_applies(ev, marketplace):
            continue
        for year in (as_of.year, as_of.year + 1):
            start = event_date(ev, year)
            if as_of <= start <= end:
                events.append((ev["name"], start, event_days(ev, i), "event"))
    season = season_peak(series, params)
    if season is not None:
        for year in (as_of.year, as_of.year + 1):
            start = pd.Timestamp(year=year, month=season["start_month"], day=1)
            if as_of <= start <= end:
                last_m = season["months"][-1]
                last_y = year + (1 if last_m < season["start_month"] else 0)
                stop = pd.Timestamp(year=last_y, month=last_m, day=1) + pd.offsets.MonthEnd(0)
                events.append(("Season peak", start, int((stop - start).days) + 1, "season"))
    if not events:
        return pd.DataFrame(columns=["event", "sku", "start", "days", "uplift_min", "uplift_max",
                                     "extra_units_min", "extra_units_max", "ship_from",
                                     "ship_by", "status"])
    skus = list(daily)
    season_daily = {}
    if season is not None:
        s = series[series["ds"].dt.month.isin(season["months"])]
        season_daily = s.groupby("unique_id")["y"].mean().to_dict()
        all_daily = series.groupby("unique_id")["y"].mean().to_dict()
    for name, start, days, kind in events:
        for sku in skus:
            base = daily[sku]
            if kind == "season":
                sd_ = season_daily.get(sku, base)
                up = sd_ / all_daily[sku] - 1 if all_daily.get(sku, 0) > 0 else 0.0
                extra_min = extra_max = max(sd_ - base, 0.0) * days
                up_min = up_max = up
            else:
                up_min, up_max = float(st.peak_uplift_min), float(st.peak_uplift_max)
                extra_min, extra_max = base * days * up_min, base * days * up_max
            rows.append({"event": name, "sku": sku, "start": start, "days": days,
                         "uplift_min": up_min, "uplift_max": up_max,
                         "extra_units_min": float(np.ceil(extra_min)),
                         "extra_units_max": float(np.ceil(extra_max)),
                         "ship_from": start - pd.DateOffset(months=int(st.peak_ship_ahead_months_max)),
                         "ship_by": start - pd.DateOffset(months=int(st.peak_ship_ahead_months_min))})
    out = pd.DataFrame(rows)
    out["status"] = np.where(out["ship_by"] < as_of, "late: ship now (air) or skip",
                             np.where(out["ship_from"] <= as_of, "ship now", "planned"))
    return out.sort_values(["start", "sku"]).reset_index(drop=True)
