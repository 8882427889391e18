"""Demo data, operations side: the exports a seller's ERP, warehouse, Seller Central and
help desk produce (orders, stock, first-leg shipments, FBA returns, Zendesk tickets, SOP log).

Each category gets its files in a *real* export layout, so the demo goes through the same
importers as a seller's own files:

==========================  ==================================  =============================
category                    orders / stock                      shipments
==========================  ==================================  =============================
kitchen-organizer-de        Chinese ERP (店小秘 style), GBK,      XLSX, Chinese headers
                            comma, times in Beijing time
camping-chair-de            German ERP, UTF-8, ``;`` and         CSV ``;`` German headers
                            decimal commas, times Europe/Berlin
kids-toy-us                 English ERP, UTF-8 with BOM,         CSV English headers
                            times UTC
==========================  ==================================  =============================

Every category also gets ``fba_customer_returns.txt`` (Seller Central FBA customer returns
report: tab-separated, the 13 real columns) and ``zendesk_tickets_export.csv`` (Zendesk CSV
export headers, times UTC ``+0000``). The shared SOP completion log is written by
:func:`write_sop_log` (``write_ops`` calls it for ``kitchen-organizer-de`` into the parent of
the category folder, i.e. ``data/demo/sop_log.csv``).

The planted operations truths (turnover of KO-RACK-2T > 2/month and CC-CHAIR-XL < 1/month in
2026-10, 24 h breaches at the secondary warehouse, the TOO_SMALL week, the inbound bookings,
the ticket edge cases, KT-TILES-60 low at US-EAST / excess at US-WEST, the missing SOP entry)
are returned by :func:`write_ops` in ``truths`` and documented in ``TRUTHS.md``.

Everything is generated with numpy arrays (no loop over orders), so ``scale`` can reach
1M order rows; big files are written in chunks.

Examples
--------
>>> import numpy as np, tempfile, pathlib
>>> from seller_lab.params import load_params
>>> out = pathlib.Path(tempfile.mkdtemp()) / "camping-chair-de"
>>> res = write_ops(load_params("camping-chair-de"), out, np.random.default_rng(1), 0.2)
>>> sorted(p.name for p in map(pathlib.Path, res["files"]))[:3]
['erp_bestellungen.csv', 'erp_lagerbestand.csv', 'fba_customer_returns.txt']
>>> res["truths"]["turnover_2026_10"]["CC-CHAIR-XL"] < 1
True
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path

import holidays
import numpy as np
import pandas as pd
import yaml

from ..params import default_params_dir

# ---------------------------------------------------------------------------------------
# The demo world (operations side). These are the *world's* facts, not analysis thresholds.
# ---------------------------------------------------------------------------------------
START = pd.Timestamp("2024-11-01")
END = pd.Timestamp("2026-10-31")           # last day of orders / stock / returns (data end)
EXPORT_AT = pd.Timestamp("2026-11-01 01:00", tz="UTC")   # moment the exports were pulled
DAYS = pd.date_range(START, END, freq="D")
N_DAYS = len(DAYS)
HORIZON_DAYS = 160                          # demand is extended this far for planning stock
DEMO_MONTH = "2026-10"
TICKETS_START = pd.Timestamp("2026-01-01")
SOP_START = pd.Timestamp("2026-01-01")
CHUNK_ROWS = 200_000

# month-of-year multipliers
_FLAT = np.ones(12)
_CAMPING = np.array([0.15, 0.2, 0.4, 0.8, 1.6, 2.0, 2.0, 1.5, 0.6, 0.3, 0.2, 0.25])
_TOYS = np.array([0.8, 0.8, 0.85, 0.9, 0.9, 0.9, 0.9, 0.95, 1.0, 1.1, 1.4, 1.8])
_WEEKDAY_DE = np.array([1.1, 1.05, 1.0, 1.0, 0.95, 0.85, 1.05])   # Mon..Sun
_WEEKDAY_US = np.array([1.0, 1.0, 1.0, 1.0, 1.0, 1.05, 1.1])
# local hour-of-day order shares (evening peak)
_HOURS = np.array([1, .6, .4, .3, .3, .5, 1, 2, 3, 4, 4.5, 5, 5.5, 5, 4.8, 4.8, 5, 5.5,
                   6.5, 7.5, 8, 7, 5, 2.5])

SKUS = {
    # sku: (asin, fnsku, product name, price, base units/day at START, yearly growth,
    #       season, stock policy (cycle days, safety days), first-leg mode)
    "KO-RACK-2T": ("B0DKR2T7Q1", "X004KR2T01", "Geschirrabtropfgestell 2-stöckig Edelstahl",
                   29.90, 24.0, 0.20, _FLAT, (14, 3), "sea"),
    "KO-RACK-1T": ("B0DKR1T3M8", "X004KR1T02", "Abtropfgestell 1-stöckig mit Tropfschale",
                   22.90, 8.0, 0.18, _FLAT, (21, 11), "sea"),
    "KO-DRAWER-S": ("B0DKDRS5F4", "X004KDRS03", "Schubladeneinsatz Besteck klein 30 cm",
                    14.90, 5.0, 0.15, _FLAT, (21, 11), "sea"),
    "CC-CHAIR-STD": ("B0CCSTD2K9", "X003CSTD01", "Campingstuhl faltbar bis 150 kg",
                     39.90, 8.0, 0.0, _CAMPING, (21, 24), "sea"),
    "CC-CHAIR-XL": ("B0CCXLX8P3", "X003CCXL02", "Campingstuhl XL gepolstert mit Armlehnen",
                    54.90, 1.0, 0.0, _CAMPING, (60, 240), "sea"),
    "KT-TILES-60": ("B0KT60M4R2", "X005KT6001", "Magnetic Building Tiles 60 pcs STEM set",
                    34.99, 11.0, 0.08, _TOYS, (14, 5), "sea"),
    "KT-TILES-100": ("B0KT100Z7W", "X005KT1002", "Magnetic Building Tiles 100 pcs deluxe set",
                     49.99, 3.0, 0.08, _TOYS, (21, 11), "sea"),
}
_CN_NAMES = {"KO-RACK-2T": "双层不锈钢碗碟沥水架", "KO-RACK-1T": "单层沥水架带接水盘",
             "KO-DRAWER-S": "抽屉餐具收纳盒小号"}

_WORLD = {
    "kitchen-organizer-de": dict(
        prefix="KO", skus=["KO-RACK-2T", "KO-RACK-1T", "KO-DRAWER-S"],
        main="DE-FRA", secondary="FR-PAR",
        regions={"DE": 0.68, "AT": 0.10, "FR": 0.22},      # ship-to share
        secondary_share={"DE": 0.04, "AT": 0.0, "FR": 0.85},  # share served by secondary
        weekday=_WEEKDAY_DE, order_prefix=np.array(["302", "303", "304", "306", "028"]),
        return_rate=0.035, fcs=np.array(["FRA3", "LEJ1", "DTM2", "MUC3", "ORY4"]),
        tickets_per_day=4.0, ticket_base=4_100_000, language="de",
        layout="cn_erp", sec_seed=11,
        stockout=("KO-RACK-2T", "2026-10-07", "2026-10-09")),
    "camping-chair-de": dict(
        prefix="CC", skus=["CC-CHAIR-STD", "CC-CHAIR-XL"], main="DE-FRA", secondary="FR-PAR",
        regions={"DE": 0.75, "AT": 0.12, "FR": 0.13},
        secondary_share={"DE": 0.10, "AT": 0.0, "FR": 0.9},
        weekday=_WEEKDAY_DE, order_prefix=np.array(["302", "303", "304", "305", "028"]),
        return_rate=0.05, fcs=np.array(["FRA3", "LEJ1", "DTM2", "STR1"]),
        tickets_per_day=2.0, ticket_base=5_200_000, language="de",
        late_plan=[("secondary", "picking error", 2), ("main", "picking error", 1),
                   ("main", "", 1)],   # low season: few orders
        layout="de_erp", sec_seed=12,
        stockout=("CC-CHAIR-STD", "2026-10-02", "2026-10-16")),
    "kids-toy-us": dict(
        prefix="KT", skus=["KT-TILES-60", "KT-TILES-100"], main="US-WEST", secondary="US-EAST",
        regions={"US-West": 0.6, "US-East": 0.4},
        secondary_share={"US-West": 0.06, "US-East": 0.9},
        weekday=_WEEKDAY_US, order_prefix=np.array(["111", "112", "113", "114"]),
        return_rate=0.04, fcs=np.array(["ONT8", "PHX6", "ABE8", "BWI2"]),
        tickets_per_day=3.0, ticket_base=6_300_000, language="en",
        layout="en_erp", sec_seed=13,
        stockout=("KT-TILES-100", "2026-10-08", "2026-10-13")),
}

# Planted 24 h breaches in 2026-10 (per category, fixed counts, independent of scale):
# (warehouse role, canonical reason, count)
_LATE_PLAN = [("secondary", "picking error", 2), ("main", "picking error", 2),
              ("main", "", 1)]   # + the 'no stock' orders of the planted stock-out
_REASON_TEXT = {
    "cn_erp": {"no stock": "缺货", "picking error": "拣货错误", "address": "地址异常",
               "carrier": "物流商未揽收", "": ""},
    "de_erp": {"no stock": "Kein Bestand", "picking error": "Kommissionierfehler",
               "address": "Adressfehler", "carrier": "Abholung durch Spediteur verspätet", "": ""},
    "en_erp": {"no stock": "no stock", "picking error": "picking error",
               "address": "address issue", "carrier": "carrier missed pickup", "": ""},
}


# ---------------------------------------------------------------------------------------
# helpers
# ---------------------------------------------------------------------------------------
def _catalog(sku: str) -> dict:
    """ASIN/FNSKU/name/price of a SKU (``SKUS`` is the demo's one catalogue)."""
    asin, fnsku, name, price, *_ = SKUS[sku]
    return {"asin": asin, "fnsku": fnsku, "name": name, "price": price}


def _demand(sku: str, weekday_mult: np.ndarray, n_days: int) -> np.ndarray:
    """Expected units/day from START for n_days (trend x season x weekday)."""
    _, _, _, _, base, growth, season, _, _ = SKUS[sku]
    days = pd.date_range(START, periods=n_days, freq="D")
    years = np.arange(n_days) / 365.25
    lam = base * (1.0 + growth) ** years * season[days.month - 1] * weekday_mult[days.day_of_week]
    return lam


def _fmt_ts(ts: pd.Series | pd.DatetimeIndex, fmt: str) -> np.ndarray:
    """Format timestamps; NaT becomes ''."""
    s = pd.Series(ts)
    out = s.dt.strftime(fmt)
    return out.fillna("").to_numpy(dtype=object)


def _write_csv(frame: pd.DataFrame, path: Path, *, encoding: str, sep: str = ",",
               decimal: str = ".") -> None:
    """Write a CSV in chunks (1M-row frames stay cheap), CRLF like Windows tools."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding=encoding, newline="") as fh:
        for i, start in enumerate(range(0, max(len(frame), 1), CHUNK_ROWS)):
            frame.iloc[start:start + CHUNK_ROWS].to_csv(
                fh, sep=sep, decimal=decimal, index=False, header=(i == 0),
                lineterminator="\r\n", float_format="%.2f")


def _pick(rng: np.random.Generator, choices, p, size):
    p = np.asarray(p, dtype=float)
    return np.asarray(choices)[rng.choice(len(choices), size=size, p=p / p.sum())]


# ---------------------------------------------------------------------------------------
# orders
# ---------------------------------------------------------------------------------------
def _make_orders(world: dict, tz: str, rng: np.random.Generator, scale: float) -> pd.DataFrame:
    """Daily orders for every SKU of the category (canonical-ish columns, UTC)."""
    local_midnight = (pd.DatetimeIndex(DAYS).tz_localize(tz).tz_convert("UTC")
                      .as_unit("ns").asi8)
    parts = []
    for sku in world["skus"]:
        lam = _demand(sku, world["weekday"], N_DAYS) * scale
        counts = rng.poisson(lam)
        day_idx = np.repeat(np.arange(N_DAYS), counts)
        n = len(day_idx)
        hour = rng.choice(24, size=n, p=_HOURS / _HOURS.sum())
        secs = hour * 3600 + rng.integers(0, 3600, size=n)
        ds = local_midnight[day_idx] + secs.astype(np.int64) * 1_000_000_000
        units = rng.choice([1, 2, 3], size=n, p=[0.88, 0.10, 0.02])
        price = np.round(_catalog(sku)["price"] * rng.choice([1.0, 0.9, 0.85], size=n,
                                                              p=[0.85, 0.1, 0.05]), 2)
        parts.append(pd.DataFrame({"sku": sku, "ds_ns": ds, "day": day_idx, "units": units,
                                   "price": price}))
    orders = pd.concat(parts, ignore_index=True)
    n = len(orders)
    regions = list(world["regions"])
    region = _pick(rng, regions, list(world["regions"].values()), n)
    sec_p = pd.Series(world["secondary_share"]).reindex(region).to_numpy()
    secondary = rng.random(n) < sec_p
    orders["region"] = region
    orders["country"] = np.where(np.char.startswith(region.astype(str), "US-"), "US", region)
    orders["warehouse"] = np.where(secondary, world["secondary"], world["main"])
    # dispatch: within 24 h (1-22 h) unless late
    delay_h = np.clip(rng.lognormal(np.log(7.0), 0.6, size=n), 0.7, 22.0)
    reason = np.full(n, "", dtype=object)
    # background late dispatches outside the demo month (0.25 %)
    in_demo = (DAYS[orders["day"].to_numpy()].strftime("%Y-%m") == DEMO_MONTH)
    bg = (rng.random(n) < 0.0025) & ~in_demo
    delay_h[bg] = rng.uniform(25, 60, size=bg.sum())
    reason[bg] = _pick(rng, ["no stock", "picking error", "carrier", "address", ""],
                       [0.35, 0.2, 0.2, 0.1, 0.15], bg.sum())
    cancelled = rng.random(n) < 0.006
    orders = orders.assign(delay_h=delay_h, reason=reason, cancelled=cancelled)
    orders = orders.sort_values(["ds_ns", "sku"], kind="stable", ignore_index=True)
    orders = _plant_late(orders, world, rng)
    ds = pd.to_datetime(orders["ds_ns"].to_numpy(), utc=True)
    shipped = ds + pd.to_timedelta(orders["delay_h"].to_numpy() * 3600, unit="s").round("s")
    shipped = shipped.where(~orders["cancelled"].to_numpy() & (shipped <= EXPORT_AT))
    status = np.where(orders["cancelled"], "cancelled",
                      np.where(shipped.isna(), "pending", "shipped"))
    orders["ds"] = ds
    orders["shipped_at"] = shipped
    orders["status"] = status
    orders["order_id"] = _order_ids(world["order_prefix"], len(orders), rng)
    return orders.drop(columns=["ds_ns", "delay_h"])


def _plant_late(orders: pd.DataFrame, world: dict, rng: np.random.Generator) -> pd.DataFrame:
    """Plant the 2026-10 24 h breaches (fixed counts) on orders placed 1-27 Oct."""
    day_dates = DAYS[orders["day"].to_numpy()]
    cand = ((day_dates >= pd.Timestamp("2026-10-01")) & (day_dates <= pd.Timestamp("2026-10-27"))
            & ~orders["cancelled"].to_numpy())
    delay = orders["delay_h"].to_numpy().copy()
    reason = orders["reason"].to_numpy().copy()
    taken = np.zeros(len(orders), dtype=bool)
    for role, why, count in world.get("late_plan", _LATE_PLAN):
        wh = world[role]
        pool = np.flatnonzero(cand & ~taken & (orders["warehouse"].to_numpy() == wh))
        pick = rng.choice(pool, size=min(count, len(pool)), replace=False)
        taken[pick] = True
        delay[pick] = rng.uniform(27, 70, size=len(pick))
        reason[pick] = why
    return orders.assign(delay_h=delay, reason=reason, planted_late=taken)


def _order_ids(prefixes: np.ndarray, n: int, rng: np.random.Generator) -> np.ndarray:
    """Amazon-style order ids '302-1234567-1234567', unique."""
    a = rng.integers(1_000_000, 9_999_999, size=n)
    b = rng.integers(1_000_000, 9_999_999, size=n)
    pre = prefixes[rng.integers(0, len(prefixes), size=n)]
    ids = pd.Series(pre).str.cat([pd.Series(a).astype(str), pd.Series(b).astype(str)], sep="-")
    dup = ids.duplicated().to_numpy()
    while dup.any():  # astronomically rare; keeps ids unique
        ids[dup] = ids[dup] + "-" + pd.Series(np.flatnonzero(dup)).astype(str).to_numpy()
        dup = ids.duplicated().to_numpy()
    return ids.to_numpy(dtype=object)


# ---------------------------------------------------------------------------------------
# shipments + inventory (stock follows orders and arrivals)
# ---------------------------------------------------------------------------------------
def _stock(world: dict, orders: pd.DataFrame, rng: np.random.Generator, scale: float,
           slug: str) -> tuple[pd.DataFrame, pd.DataFrame, dict, pd.DataFrame]:
    """Plan first-leg arrivals per SKU x warehouse (order-up-to policy), then daily stock.

    The planted stock-out (``world['stockout']``) empties the secondary warehouse for one SKU
    until a late arrival; the orders waiting for it ship that evening with reason 'no stock'.
    Returns shipments, inventory, notes and the orders with those dispatches updated.
    """
    orders = orders.copy()
    shipped_day = ((orders["shipped_at"].dt.tz_convert(None).dt.normalize() - START)
                   .dt.days.fillna(N_DAYS + 1).to_numpy().astype(np.int64))
    ok = orders["shipped_at"].notna().to_numpy() & (shipped_day < N_DAYS)
    n_total = N_DAYS + HORIZON_DAYS
    ships, inv_parts, notes = [], [], {}
    sec_rng = np.random.default_rng(world["sec_seed"])  # shipment calendar: fixed per category
    for sku in world["skus"]:
        cycle, safety = SKUS[sku][7]
        lam = _demand(sku, world["weekday"], n_total) * scale * 1.14  # mean units/order
        for wh in (world["main"], world["secondary"]):
            share = float((orders.loc[orders["sku"] == sku, "warehouse"] == wh).mean() or 0.0)
            lam_w = lam * share
            m = ok & (orders["sku"].to_numpy() == sku) & (orders["warehouse"].to_numpy() == wh)
            out = np.bincount(shipped_day[m], weights=orders["units"].to_numpy()[m],
                              minlength=N_DAYS)[:N_DAYS]
            out_ext = np.concatenate([out, lam_w[N_DAYS:]])
            cum_out = np.cumsum(out_ext)
            first = int(sec_rng.integers(3, cycle + 1))
            arrive_days = np.arange(first, N_DAYS + 45, cycle)
            so = world.get("stockout")
            stockout = bool(so) and so[0] == sku and wh == world["secondary"]
            if stockout:
                d0, d1 = ((pd.Timestamp(d) - START).days for d in so[1:])
                nxt = np.flatnonzero(arrive_days >= d0)[0]
                arrive_days[nxt] = d1            # the replenishment arrives late
            init = float(lam_w[:first + safety].sum())
            qty = np.zeros(len(arrive_days))
            stock_in = init
            for k, a in enumerate(arrive_days):   # a few dozen arrivals per SKU x warehouse
                before = stock_in - cum_out[a - 1]
                target = lam_w[a:a + cycle + safety].sum()
                qty[k] = max(0.0, np.ceil(target - before))
                stock_in += qty[k]
            arrive_days, qty, init = _kt_transfer_story(slug, sku, wh, world, arrive_days,
                                                        qty, init, lam, notes)
            init, qty = _no_negative(init, arrive_days, qty, out)
            if stockout:
                init, qty, out = _empty_until(init, arrive_days, qty, out, d0, d1)
                init, qty = _no_negative(init, arrive_days, qty, out)
                wait = m & (shipped_day >= d0) & (shipped_day < d1)
                ship_at = (pd.Timestamp(DAYS[d1], tz="UTC") + pd.Timedelta(hours=17)
                           + pd.to_timedelta(rng.integers(0, 5 * 3600, size=wait.sum()),
                                             unit="s"))
                orders.loc[wait, "shipped_at"] = ship_at
                orders.loc[wait, "reason"] = "no stock"
                notes["stockout"] = {"sku": sku, "warehouse": wh, "first_day_empty":
                                     DAYS[d0 - 1].strftime("%Y-%m-%d"),
                                     "arrival_day": DAYS[d1].strftime("%Y-%m-%d"),
                                     "orders_waiting": int(wait.sum())}
            ships.append(pd.DataFrame({"sku": sku, "warehouse": wh,
                                       "arrive_day": arrive_days, "units": qty.astype(int)}))
            arr = np.bincount(arrive_days[arrive_days < N_DAYS],
                              weights=qty[arrive_days < N_DAYS], minlength=N_DAYS)[:N_DAYS]
            on_hand = np.round(init + np.cumsum(arr) - np.cumsum(out)).astype(int)
            inv_parts.append(pd.DataFrame({"ds": DAYS, "sku": sku, "warehouse": wh,
                                           "on_hand": on_hand}))
    shipments = _shipment_details(pd.concat(ships, ignore_index=True), world, sec_rng, slug)
    inventory = pd.concat(inv_parts, ignore_index=True)
    inventory["inbound"] = _in_transit(inventory, shipments)
    inventory["reserved"] = rng.binomial(np.maximum(inventory["on_hand"].to_numpy(), 0), 0.01)
    return shipments, inventory, notes, orders


def _empty_until(init, arrive_days, qty, out, d0, d1):
    """Stock reaches 0 at the end of day d0-1 and stays empty until the arrival on day d1;
    what would have shipped in between ships on day d1."""
    qty, out = qty.copy(), out.copy()
    arr = np.bincount(arrive_days[arrive_days < N_DAYS], weights=qty[arrive_days < N_DAYS],
                      minlength=N_DAYS)[:N_DAYS]
    left = float((init + np.cumsum(arr) - np.cumsum(out))[d0 - 1])
    prior = np.flatnonzero(arrive_days < d0)
    if len(prior):
        qty[prior[-1]] -= left
    else:
        init -= left
    qty[np.flatnonzero(arrive_days == d1)[0]] += left   # those units come with the late arrival
    out[d1] += out[d0:d1].sum()
    out[d0:d1] = 0
    return init, qty, out


def _kt_transfer_story(slug, sku, wh, world, arrive_days, qty, init, lam, notes):
    """kids-toy-us: the autumn KT-TILES-60 replenishment all went to US-WEST, so US-EAST runs
    low at the end of 2026-10 while US-WEST has excess (transfer suggestion)."""
    if slug != "kids-toy-us" or sku != "KT-TILES-60":
        return arrive_days, qty, init
    cut = (pd.Timestamp("2026-09-20") - START).days
    end_day = N_DAYS - 1
    if wh == world["secondary"]:
        keep = arrive_days <= cut
        last = np.flatnonzero(keep)[-1]
        # the last US-EAST arrival covers expected demand only until ~2026-10-28
        sec_share = world["secondary_share"]["US-East"] * world["regions"]["US-East"]
        lam_e = lam * (sec_share + world["secondary_share"]["US-West"]
                       * world["regions"]["US-West"])
        qty = qty.copy()
        qty[last] = np.ceil(lam_e[arrive_days[last]:end_day - 3].sum())
        notes["kt_east_cut_day"] = cut
        return arrive_days[keep], qty[keep], init
    extra_day = (pd.Timestamp("2026-10-28") - START).days
    extra = np.ceil(lam[extra_day:extra_day + 35].sum() * 0.9)
    order = np.argsort(np.append(arrive_days, extra_day), kind="stable")
    notes["kt_west_extra_units"] = int(extra)
    return np.append(arrive_days, extra_day)[order], np.append(qty, extra)[order], init


def _no_negative(init, arrive_days, qty, out):
    """Raise the last arrival before any stock-out so that on-hand never goes below 0."""
    qty = qty.copy()
    for _ in range(200):
        arr = np.bincount(arrive_days[arrive_days < N_DAYS],
                          weights=qty[arrive_days < N_DAYS], minlength=N_DAYS)[:N_DAYS]
        on_hand = init + np.cumsum(arr) - np.cumsum(out)
        neg = np.flatnonzero(on_hand < 0)
        if not len(neg):
            break
        t = neg[0]
        deficit = float(np.ceil(-on_hand[t])) + 2
        prior = np.flatnonzero(arrive_days <= t)
        if len(prior):
            qty[prior[-1]] += deficit
        else:
            init += deficit
    return init, qty


def _shipment_details(ships: pd.DataFrame, world: dict, rng: np.random.Generator,
                      slug: str) -> pd.DataFrame:
    """Departure, ETA, arrival, booking and label checks of each first-leg shipment."""
    ships = ships.sort_values(["arrive_day", "sku", "warehouse"], ignore_index=True)
    n = len(ships)
    air = rng.random(n) < 0.08
    transit = np.where(air, rng.integers(6, 11, size=n), rng.integers(30, 42, size=n))
    late = np.where(rng.random(n) < 0.3, rng.integers(1, 5, size=n), 0)
    late -= np.where(rng.random(n) < 0.15, 1, 0)
    arrive = START + pd.to_timedelta(ships["arrive_day"].to_numpy(), unit="D")
    arrived = arrive + pd.to_timedelta(rng.integers(9, 16, size=n), unit="h")
    eta = (arrive - pd.to_timedelta(late, unit="D")).normalize()
    departed = (arrive - pd.to_timedelta(transit + late, unit="D")) + pd.Timedelta(hours=6)
    lead = rng.integers(8, 22, size=n)
    booked = (eta - pd.to_timedelta(lead, unit="D")
              + pd.to_timedelta(rng.integers(8 * 60, 17 * 60, size=n), unit="m"))
    arrived_utc = arrived.tz_localize("UTC")
    not_yet = arrived_utc > EXPORT_AT
    booked_utc = booked.tz_localize("UTC")
    booked_utc = booked_utc.where(booked_utc <= EXPORT_AT)
    carton_ok = rng.random(n) > 0.03
    sku_ok = rng.random(n) > 0.03
    # shipment ids from the departure date: fixed per category (independent of the seed)
    dep_key = departed.strftime("%Y%m%d")
    seq = pd.Series(np.ones(n, dtype=int)).groupby(dep_key).cumsum().to_numpy()
    ids = [f"{world['prefix']}{d}-{s:02d}" for d, s in zip(dep_key, seq)]   # a few dozen
    frame = pd.DataFrame({
        "shipment_id": ids, "sku": ships["sku"], "units": ships["units"],
        "warehouse": ships["warehouse"], "mode": np.where(air, "air", "sea"),
        "departed_at": departed.tz_localize("UTC"), "eta": eta.tz_localize("UTC"),
        "arrived_at": arrived_utc.where(~not_yet), "appointment_booked_at": booked_utc,
        "carton_labels_ok": carton_ok, "sku_labels_ok": sku_ok,
        "arrive_day": ships["arrive_day"]})
    # drawn for every planned arrival first, so ids and dates do not depend on the seed
    frame = frame[(frame["units"] > 0) & (frame["departed_at"] <= EXPORT_AT)]
    frame = frame.reset_index(drop=True)
    return _plant_bookings(frame, world, slug)


def _plant_bookings(frame: pd.DataFrame, world: dict, slug: str) -> pd.DataFrame:
    """kitchen-organizer-de: one 2026-10 arrival booked 3 days before, one never booked."""
    frame = frame.copy()
    frame["planted"] = ""
    # no other shipment may look late-booked
    lead = (frame["arrived_at"].fillna(frame["eta"]) - frame["appointment_booked_at"]).dt.days
    bad = frame["appointment_booked_at"].notna() & (lead < 7)
    frame.loc[bad, "appointment_booked_at"] = (frame.loc[bad, "eta"] - pd.Timedelta(days=9)
                                               + pd.Timedelta(hours=10))
    if slug != "kitchen-organizer-de":
        return frame
    arr = frame["arrived_at"]
    octo = frame.index[(arr >= pd.Timestamp("2026-10-01", tz="UTC"))
                       & (arr < pd.Timestamp("2026-10-29", tz="UTC"))]
    first_2t = [i for i in octo if frame.at[i, "sku"] == "KO-RACK-2T"
                and frame.at[i, "warehouse"] == world["main"]][0]
    day = frame.at[first_2t, "arrived_at"].normalize()
    frame.at[first_2t, "appointment_booked_at"] = day - pd.Timedelta(days=3) + pd.Timedelta(
        hours=14, minutes=20)
    frame.at[first_2t, "planted"] = "booked_3_days_before"
    other = [i for i in octo if i != first_2t and frame.at[i, "sku"] != "KO-RACK-2T"]
    other = other[0] if other else [i for i in octo if i != first_2t][0]
    frame.at[other, "appointment_booked_at"] = pd.NaT
    frame.at[other, "planted"] = "not_booked"
    return frame


def _in_transit(inventory: pd.DataFrame, shipments: pd.DataFrame) -> np.ndarray:
    """Units departed but not yet arrived, per snapshot day x SKU x warehouse."""
    dep = ((shipments["departed_at"].dt.tz_convert(None).dt.normalize() - START).dt.days
           .to_numpy())
    arr = shipments["arrive_day"].to_numpy()
    out = np.zeros(len(inventory), dtype=np.int64)
    key_inv = inventory["sku"] + "|" + inventory["warehouse"]
    key_sh = (shipments["sku"] + "|" + shipments["warehouse"]).to_numpy()
    day_inv = (inventory["ds"] - START).dt.days.to_numpy()
    for key in np.unique(key_sh):   # one pass per SKU x warehouse
        m = key_sh == key
        diff = np.zeros(N_DAYS + 1)
        np.add.at(diff, np.clip(dep[m], 0, N_DAYS), shipments["units"].to_numpy()[m])
        np.add.at(diff, np.clip(arr[m], 0, N_DAYS), -shipments["units"].to_numpy()[m])
        transit = np.cumsum(diff)[:N_DAYS]
        rows = (key_inv == key).to_numpy()
        out[rows] = transit[day_inv[rows]].astype(np.int64)
    return out


# ---------------------------------------------------------------------------------------
# returns (FBA customer returns report)
# ---------------------------------------------------------------------------------------
FBA_RETURNS_COLUMNS = ["return-date", "order-id", "sku", "asin", "fnsku", "product-name",
                       "quantity", "fulfillment-center-id", "detailed-disposition", "reason",
                       "status", "license-plate-number", "customer-comments"]
TOO_SMALL_WEEK = pd.Timestamp("2026-10-12")   # ISO week 42, Monday
_REASONS = {   # reason code -> (share, disposition choices)
    "kitchen-organizer-de": {"DAMAGED_BY_CARRIER": 0.24, "DEFECTIVE": 0.22, "UNWANTED_ITEM": 0.17,
                             "QUALITY_UNACCEPTABLE": 0.14, "NOT_AS_DESCRIBED": 0.12,
                             "ORDERED_WRONG_ITEM": 0.06, "MISSING_PARTS": 0.05},
    "camping-chair-de": {"DEFECTIVE": 0.3, "NOT_AS_DESCRIBED": 0.2, "UNWANTED_ITEM": 0.18,
                         "DAMAGED_BY_CARRIER": 0.14, "QUALITY_UNACCEPTABLE": 0.12,
                         "FOUND_BETTER_PRICE": 0.06},
    "kids-toy-us": {"DEFECTIVE": 0.3, "MISSING_PARTS": 0.16, "UNWANTED_ITEM": 0.2,
                    "DAMAGED_BY_CARRIER": 0.12, "QUALITY_UNACCEPTABLE": 0.12,
                    "NOT_AS_DESCRIBED": 0.1},
}
_DISPOSITION = {"DEFECTIVE": "DEFECTIVE", "QUALITY_UNACCEPTABLE": "DEFECTIVE",
                "DAMAGED_BY_CARRIER": "CARRIER_DAMAGED", "MISSING_PARTS": "DEFECTIVE"}
_LOCALISED = {"DEFECTIVE": "DEFECTIVE(存在瑕疵)", "UNWANTED_ITEM": "UNWANTED_ITEM(不再需要)",
              "DAMAGED_BY_CARRIER": "DAMAGED_BY_CARRIER(承运人损坏)", "TOO_SMALL": "TOO_SMALL(尺寸太小)",
              "NOT_AS_DESCRIBED": "NOT_AS_DESCRIBED(与描述不符)",
              "QUALITY_UNACCEPTABLE": "QUALITY_UNACCEPTABLE(质量不可接受)",
              "MISSING_PARTS": "MISSING_PARTS(缺少部件)", "ORDERED_WRONG_ITEM": "ORDERED_WRONG_ITEM(买错了)",
              "FOUND_BETTER_PRICE": "FOUND_BETTER_PRICE(找到更优惠的价格)"}
_COMMENTS = {
    "kitchen-organizer-de": {
        "TOO_SMALL": ["zu klein", "viel kleiner als gedacht", "Passt nicht in meine Schublade, zu klein",
                      "Einsatz ist zu klein für unsere Schubladen", "leider zu kein",
                      "kleiner als auf den Fotos", "Maße stimmen nicht, viel zu klein",
                      "Zu klein – das Besteck passt nicht rein", "zu klein für normale Gabeln",
                      "Hätte ihn mir größer vorgestellt. Zu klein", "VIEL ZU KLEIN",
                      "die Fächer sind zu klein, Suppenlöffel passen nicht", "zu klein, 30 cm stimmt nicht",
                      "Kleiner als gedacht, passt nicht in die Schublade"],
        "DEFECTIVE": ["Rost nach zwei Wochen", "wackelt, eine Schraube fehlt",
                      "rostet schon nach dem ersten Spülen", "Gestell verbogen",
                      "Tropfschale ist undicht, Wasser läuft auf die Arbeitsplatte",
                      "Schweißnaht gebrochen", "Rostflecken an den Streben", "Ablauf tropft"],
        "DAMAGED_BY_CARRIER": ["Karton kaputt, Teile verbogen", "Paket war beschädigt",
                               "kam zerdrückt an", "Verpackung aufgerissen, Kratzer überall",
                               "DHL hat das Paket zerstört"],
        "UNWANTED_ITEM": ["Brauche ich nicht mehr", "doppelt bestellt", "gefällt mir doch nicht",
                          "Geschenk, wird nicht benötigt", "anders entschieden"],
        "NOT_AS_DESCRIBED": ["große Teller passen nicht rein", "Teller mit 28 cm passen nicht",
                             "anders als beschrieben", "Material dünner als auf den Bildern",
                             "Farbe anders als auf dem Bild", "kein Edelstahl, eher Blech"],
        "QUALITY_UNACCEPTABLE": ["sehr dünnes Material, wackelig", "billig verarbeitet",
                                 "wackelig und instabil", "dünnes Blech, verbiegt sich sofort",
                                 "scharfe Kanten"],
        "MISSING_PARTS": ["Schrauben fehlen", "Tropfschale fehlt", "Anleitung fehlt, Teile fehlen"],
        "ORDERED_WRONG_ITEM": ["falsche Größe bestellt", "aus Versehen bestellt",
                               "wollte die 1-stöckige"],
    },
    "camping-chair-de": {
        "DEFECTIVE": ["Naht gerissen nach 2x benutzen", "Naht am Sitz ist aufgerissen",
                      "Gestänge gebrochen", "Stoff am Rahmen ausgerissen", "Niete lose",
                      "Bein knickt ein"],
        "NOT_AS_DESCRIBED": ["viel zu niedrig, komme kaum hoch", "Sitzhöhe zu niedrig",
                             "schwerer als angegeben", "Packmaß größer als beschrieben",
                             "trägt keine 150 kg"],
        "UNWANTED_ITEM": ["Brauche ich nicht mehr", "Urlaub abgesagt", "doppelt bestellt",
                          "gefällt mir nicht"],
        "DAMAGED_BY_CARRIER": ["Karton kaputt", "Paket war nass", "kam beschädigt an",
                               "Tasche zerrissen angekommen"],
        "QUALITY_UNACCEPTABLE": ["Stoff wirkt billig", "wackelig", "zu schwer zum Tragen",
                                 "quietscht bei jeder Bewegung"],
        "FOUND_BETTER_PRICE": ["woanders günstiger gefunden", "im Angebot billiger gesehen"],
    },
    "kids-toy-us": {
        "DEFECTIVE": ["magnets fell out after a week", "magnet came loose - choking hazard!!",
                      "weak magnets, towers collapse", "two tiles cracked on day one",
                      "Magnets rattle inside, one fell out", "doesnt stick together anymore"],
        "MISSING_PARTS": ["missing 4 tiles", "box came with only 56 pieces",
                          "no storage bin in the box", "Missing the triangle pieces"],
        "UNWANTED_ITEM": ["gift, kid already has one", "no longer needed", "changed my mind",
                          "bought the bigger set instead"],
        "DAMAGED_BY_CARRIER": ["box crushed", "arrived broken, cracked tiles", "package was soaked",
                               "Box was ripped open"],
        "QUALITY_UNACCEPTABLE": ["cheap plastic, scratches easily",
                                 "magnets way weaker than Magna-Tiles", "feels flimsy"],
        "NOT_AS_DESCRIBED": ["colors not as pictured", "magnets weaker than advertised",
                             "not compatible with our other tiles"],
    },
}
_SUFFIX_DE = np.array(["", "", "", ".", "!", ". Leider.", ", schade.", "..", ". Bitte Erstattung.",
                       " :("])
_SUFFIX_EN = np.array(["", "", "", ".", "!", " :(", ". Disappointed.", "..", ". Please refund."])


def _make_returns(world: dict, slug: str, orders: pd.DataFrame, rng: np.random.Generator,
                  scale: float) -> pd.DataFrame:
    shipped = orders[orders["status"] == "shipped"]
    pick = rng.random(len(shipped)) < world["return_rate"]
    ret = shipped.loc[pick, ["order_id", "sku", "units", "shipped_at", "warehouse"]]
    ret = ret.reset_index(drop=True)
    n = len(ret)
    ret["ds"] = (ret["shipped_at"] + pd.to_timedelta(
        np.clip(rng.lognormal(np.log(10), 0.6, size=n), 2, 60) * 86400, unit="s")).dt.floor("s")
    ret = ret[ret["ds"] <= EXPORT_AT - pd.Timedelta(hours=2)].reset_index(drop=True)
    shares = _REASONS[slug]
    ret["reason"] = _pick(rng, list(shares), list(shares.values()), len(ret))
    if slug == "kitchen-organizer-de":
        drawer = (ret["sku"] == "KO-DRAWER-S").to_numpy()
        small = drawer & (rng.random(len(ret)) < 0.25)
        ret.loc[small, "reason"] = "TOO_SMALL"
        ret = _cap_too_small(ret)
        ret = pd.concat([ret, _too_small_week(orders, ret, rng, scale)], ignore_index=True)
    ret["quantity"] = np.minimum(ret["units"], rng.choice([1, 1, 1, 2], size=len(ret)))
    return ret.sort_values("ds", kind="stable", ignore_index=True)


def _cap_too_small(ret: pd.DataFrame) -> pd.DataFrame:
    """Outside the planted week TOO_SMALL never leads a week (relabel the excess)."""
    week = (ret["ds"].dt.tz_convert(None).dt.normalize()
            - pd.to_timedelta(ret["ds"].dt.day_of_week, unit="D"))
    counts = pd.crosstab(week, ret["reason"])
    if "TOO_SMALL" not in counts:
        return ret
    others = counts.drop(columns="TOO_SMALL").max(axis=1)
    allowed = np.maximum(others - 1, 0).reindex(week).to_numpy()
    rank = ret.assign(w=week).groupby(["w", "reason"]).cumcount().to_numpy()
    relabel = (ret["reason"] == "TOO_SMALL").to_numpy() & (rank >= allowed)
    ret = ret.copy()
    ret.loc[relabel, "reason"] = "NOT_AS_DESCRIBED"
    return ret


def _too_small_week(orders, ret, rng, scale) -> pd.DataFrame:
    """The planted week: KO-DRAWER-S returned as TOO_SMALL, Mon 2026-10-12 .. Sun 10-18."""
    n = max(10, int(round(10 * scale)))
    cand = orders[(orders["sku"] == "KO-DRAWER-S") & (orders["status"] == "shipped")
                  & (orders["shipped_at"] >= pd.Timestamp("2026-09-20", tz="UTC"))
                  & (orders["shipped_at"] < pd.Timestamp("2026-10-09", tz="UTC"))
                  & ~orders["order_id"].isin(ret["order_id"])]
    rows = cand.iloc[np.sort(rng.choice(len(cand), size=min(n, len(cand)), replace=False))]
    rows = rows[["order_id", "sku", "units", "shipped_at", "warehouse"]].reset_index(drop=True)
    rows["ds"] = (pd.Timestamp("2026-10-12 06:00", tz="UTC") + pd.to_timedelta(
        rng.integers(0, 6 * 86400 + 12 * 3600, size=len(rows)), unit="s"))
    rows["reason"] = "TOO_SMALL"
    return rows


def _returns_report(ret: pd.DataFrame, world: dict, rng: np.random.Generator) -> pd.DataFrame:
    """Frame in the FBA customer returns report layout (13 columns, exported text)."""
    n = len(ret)
    cat = {s: _catalog(s) for s in world["skus"]}
    reason = ret["reason"].to_numpy(dtype=object)
    raw = reason.copy()
    u = rng.random(n)
    loc = u < 0.08
    raw[loc] = pd.Series(reason[loc]).map(_LOCALISED).fillna(pd.Series(reason[loc])).to_numpy()
    cr = (u >= 0.08) & (u < 0.14)
    raw[cr] = "CR-" + reason[cr]
    disp = pd.Series(reason).map(_DISPOSITION).fillna("").to_numpy(dtype=object)
    sellable = disp == ""
    disp[sellable] = _pick(rng, ["SELLABLE", "CUSTOMER_DAMAGED"], [0.7, 0.3], sellable.sum())
    status = np.where(disp == "SELLABLE", "Unit returned to inventory",
                      _pick(rng, ["Reimbursed", "Unit returned to inventory",
                                  "Repackaged Successfully"], [0.5, 0.35, 0.15], n))
    comments = _comments(reason, world["slug"], world["language"], rng)
    lpn = pd.Series(rng.integers(10**8, 10**9 - 1, size=n)).astype(str)
    lpn = ("LPNRR" + lpn.str[:4] + pd.Series(_pick(rng, list("ABCDEFGHJKLMNPQRSTUVWXYZ"),
                                                    np.ones(24), n)) + lpn.str[4:]).to_numpy()
    return pd.DataFrame({
        "return-date": _fmt_ts(ret["ds"], "%Y-%m-%dT%H:%M:%S+00:00"),
        "order-id": ret["order_id"].to_numpy(),
        "sku": ret["sku"].to_numpy(),
        "asin": ret["sku"].map({s: c["asin"] for s, c in cat.items()}).to_numpy(),
        "fnsku": ret["sku"].map({s: c["fnsku"] for s, c in cat.items()}).to_numpy(),
        "product-name": ret["sku"].map({s: c["name"] for s, c in cat.items()}).to_numpy(),
        "quantity": ret["quantity"].to_numpy(),
        "fulfillment-center-id": world["fcs"][rng.integers(0, len(world["fcs"]), size=n)],
        "detailed-disposition": disp, "reason": raw, "status": status,
        "license-plate-number": lpn, "customer-comments": comments})


def _comments(reason: np.ndarray, slug: str, language: str,
              rng: np.random.Generator) -> np.ndarray:
    """Varied customer comments (German for .de, English for .com), ~45 % empty."""
    pools = _COMMENTS[slug]
    suffix = _SUFFIX_DE if language == "de" else _SUFFIX_EN
    out = np.full(len(reason), "", dtype=object)
    for code, pool in pools.items():   # one vectorised pass per reason code
        m = np.flatnonzero(reason == code)
        if not len(m):
            continue
        txt = np.asarray(pool, dtype=object)[rng.integers(0, len(pool), size=len(m))]
        txt = txt + suffix[rng.integers(0, len(suffix), size=len(m))]
        lower = rng.random(len(m)) < 0.2
        txt[lower] = pd.Series(txt[lower], dtype=object).str.lower().to_numpy()
        out[m] = txt
    empty = rng.random(len(reason)) < 0.45
    if language == "de":   # the planted week keeps its comments (the theme must be visible)
        empty &= reason != "TOO_SMALL"
    out[empty] = ""
    return out


# ---------------------------------------------------------------------------------------
# tickets (Zendesk CSV export)
# ---------------------------------------------------------------------------------------
ZENDESK_COLUMNS = ["Id", "Requester", "Requester id", "Requester email", "Submitter", "Assignee",
                   "Group", "Subject", "Tags", "Status", "Priority", "Via", "Ticket type",
                   "Created at", "Updated at", "Assigned at", "Solved at", "Satisfaction Score",
                   "Reopens", "Replies", "First reply time in minutes",
                   "First reply time in minutes within business hours",
                   "First resolution time in minutes", "Full resolution time in minutes",
                   "Requester wait time in minutes", "Product SKU [list]"]
TICKETS_PER_DAY_BLOCK = 50   # ids are numbered in blocks of 50 per UTC day (brand filter gaps)

# edge cases: (key, created local, first reply local, business minutes, breach, note)
_EDGE_DE = [
    ("friday_1750", "2026-10-16 17:50", "2026-10-19 09:20", 30, False,
     "Friday 17:50 answered Monday 09:20: 10 + 20 = 30 business minutes"),
    ("saturday", "2026-10-10 11:00", "2026-10-12 09:50", 50, False,
     "created on a Saturday, answered Monday 09:50 (clock starts Monday 09:00)"),
    ("dst_change", "2026-10-23 17:40", "2026-10-26 09:25", 45, False,
     "across the CEST->CET change on Sunday 2026-10-25: 20 + 25 minutes; a fixed +02:00 "
     "offset would give 105 minutes (false breach)"),
    ("holiday_unity_day", "2026-10-03 10:15", "2026-10-05 09:40", 40, False,
     "created on German Unity Day (Saturday 2026-10-03), answered Monday 09:40"),
    ("holiday_weekday", "2026-05-14 10:00", "2026-05-15 09:30", 30, False,
     "created on Ascension Day (Thursday, public holiday), answered Friday 09:30; counting "
     "the holiday would give 510 minutes (false breach)"),
    ("breach_business_hours", "2026-10-20 10:00", "2026-10-20 11:35", 95, True,
     "Tuesday 10:00 answered 11:35: 95 business minutes, breach"),
    ("breach_overnight", "2026-10-22 17:30", "2026-10-23 09:45", 75, True,
     "Thursday 17:30 answered Friday 09:45: 30 + 45 = 75 business minutes, breach"),
]
_EDGE_US = [
    ("friday_1750", "2026-10-16 17:50", "2026-10-19 09:20", 30, False,
     "Friday 17:50 answered Monday 09:20: 10 + 20 = 30 business minutes"),
    ("saturday", "2026-10-24 11:00", "2026-10-26 09:50", 50, False,
     "created on a Saturday, answered Monday 09:50"),
    ("dst_change", "2026-10-30 17:45", "2026-11-02 09:20", 35, False,
     "across the EDT->EST change on Sunday 2026-11-01: 15 + 20 minutes; a fixed -04:00 "
     "offset would give 95 minutes (false breach)"),
    ("holiday_columbus_day", "2026-10-12 10:00", "2026-10-13 09:40", 40, False,
     "created on Columbus Day (Monday, US federal holiday), answered Tuesday 09:40; counting "
     "the holiday would give 520 minutes (false breach)"),
    ("breach_business_hours", "2026-10-20 10:00", "2026-10-20 11:35", 95, True,
     "Tuesday 10:00 answered 11:35: 95 business minutes, breach"),
    ("breach_overnight", "2026-10-22 17:30", "2026-10-23 09:45", 75, True,
     "Thursday 17:30 answered Friday 09:45: 30 + 45 = 75 business minutes, breach"),
]
_SUBJECTS = {
    "kitchen-organizer-de": ["Wo bleibt meine Bestellung?", "Lieferung verspätet", "Rücksendung {sku}",
                             "Frage zu den Maßen", "Rost am Gestell", "Artikel beschädigt angekommen",
                             "Rechnung benötigt", "Passt ein 30 cm Teller?", "Schraube fehlt",
                             "Umtausch möglich?", "Reklamation {sku}", "Sendungsnummer?",
                             "AW: Ihre Bestellung", "falscher Artikel geliefert",
                             "Tropfschale undicht", "Ist das spülmaschinenfest?"],
    "camping-chair-de": ["Wo bleibt meine Bestellung?", "Lieferung verspätet", "Rücksendung {sku}",
                         "Naht gerissen", "Wie hoch ist die Sitzhöhe?", "Ersatzteil Fuß",
                         "Rechnung benötigt", "Reklamation {sku}", "Sendungsnummer?",
                         "AW: Ihre Bestellung", "Trägt der Stuhl 150 kg?", "Tasche fehlt"],
    "kids-toy-us": ["Where is my order?", "Missing tiles", "Magnet fell out", "Return request {sku}",
                    "Is this CPSC certified?", "Damaged box", "Wrong item received",
                    "RE: Your Amazon order", "Replacement tiles?", "Age recommendation?",
                    "Refund status", "magnets too weak"],
}
_NAMES_DE = ["Jonas Weber", "Anna Schmidt", "M. Becker", "Lena Hoffmann", "Thomas Müller",
             "Sabine Koch", "Kevin Schulz", "Julia Wagner", "Ahmet Yılmaz", "Claire Dubois",
             "Marie Fischer", "Stefan Braun", "Lukas Wolf", "Petra Neumann"]
_NAMES_US = ["Jessica Miller", "Mike Johnson", "Ashley Davis", "Chris Brown", "Sarah Wilson",
             "Jen Garcia", "David Martinez", "Amanda Taylor", "Kim Nguyen", "Brian Clark"]


def _business_grid(tz: str, market: str, start: pd.Timestamp, days: int, hours: tuple[str, str]):
    """UTC minute grid and exclusive prefix sum of business minutes (local hours, Mon-Fri,
    public holidays of the market excluded)."""
    grid = pd.date_range(start.tz_localize("UTC"), periods=days * 1440, freq="min")
    local = grid.tz_convert(tz)
    hol = holidays.country_holidays(market, years=sorted({start.year, start.year + 1}))
    hol_days = pd.DatetimeIndex(sorted(hol)).astype("datetime64[ns]")
    mins = local.hour * 60 + local.minute
    h0, m0 = map(int, hours[0].split(":"))
    h1, m1 = map(int, hours[1].split(":"))
    flag = ((local.day_of_week < 5) & (mins >= h0 * 60 + m0) & (mins < h1 * 60 + m1)
            & ~local.tz_localize(None).normalize().isin(hol_days))
    prefix = np.concatenate([[0], np.cumsum(flag)])
    return grid, prefix


def _make_tickets(world: dict, params: dict, rng: np.random.Generator) -> tuple[pd.DataFrame, dict]:
    tz = params["category"]["timezone"]
    market = params["category"]["market"]
    hours = (params["aftersales"]["business_hours_start"], params["aftersales"]["business_hours_end"])
    n_days = (END - TICKETS_START).days + 1
    grid, prefix = _business_grid(tz, market, TICKETS_START - pd.Timedelta(days=1), n_days + 14,
                                  hours)
    day_start = pd.date_range(TICKETS_START, periods=n_days, freq="D")
    lam = world["tickets_per_day"] * np.where(day_start.day_of_week < 5, 1.0, 0.6)
    if world["prefix"] == "CC":
        lam = lam * _CAMPING[day_start.month - 1]
    counts = np.minimum(rng.poisson(lam), TICKETS_PER_DAY_BLOCK - 5)
    day = np.repeat(np.arange(n_days), counts)
    n = len(day)
    local_midnight = pd.DatetimeIndex(day_start).tz_localize(tz).tz_convert("UTC")
    hour = rng.choice(24, size=n, p=np.array([.3, .2, .1, .1, .1, .2, .6, 1.2, 2, 2.5, 2.5, 2.3,
                                              2, 2.2, 2.3, 2.2, 2, 1.8, 1.4, 1.3, 1.2, 1, .8, .5])
                      / 30.8)
    created = (local_midnight[day] + pd.to_timedelta(hour * 60 + rng.integers(0, 60, size=n),
                                                     unit="m"))
    # business minutes to first reply: mostly quick, some breaches (more in the demo month)
    in_demo = created.strftime("%Y-%m") == DEMO_MONTH
    p_breach = np.where(in_demo, 0.12, 0.035)
    breach = rng.random(n) < p_breach
    minutes = np.where(breach, rng.integers(65, 420, size=n),
                       np.clip(rng.lognormal(np.log(18), 0.7, size=n), 2, 58).astype(int))
    frame = pd.DataFrame({"created": created, "bmin": minutes, "edge": ""})
    frame = _add_edge_tickets(frame, world, tz)
    i = ((frame["created"] - grid[0]) // pd.Timedelta(minutes=1)).to_numpy()
    target = prefix[i] + frame["bmin"].to_numpy()
    j = np.searchsorted(prefix, target, side="left")
    reply = grid[0] + pd.to_timedelta(j, unit="m")
    fixed = frame["edge"].to_numpy() != ""
    reply = pd.Series(reply).where(~fixed, frame["reply_fixed"]).to_numpy()
    frame["first_reply_at"] = pd.to_datetime(reply, utc=True)
    frame = frame.sort_values("created", kind="stable", ignore_index=True)
    # ids: blocks of 50 per UTC day, the last ticket of a day gets +49
    uday = (frame["created"].dt.tz_convert(None).dt.normalize() - TICKETS_START).dt.days
    from_end = frame.groupby(uday).cumcount(ascending=False).to_numpy()
    frame["id"] = (world["ticket_base"] + uday.to_numpy() * TICKETS_PER_DAY_BLOCK
                   + (TICKETS_PER_DAY_BLOCK - 1) - from_end)
    # the business minutes the file implies, recomputed from the minute grid
    ii = ((frame["created"] - grid[0]) // pd.Timedelta(minutes=1)).to_numpy()
    jj = ((frame["first_reply_at"] - grid[0]) // pd.Timedelta(minutes=1)).to_numpy()
    frame["business_minutes"] = prefix[jj] - prefix[ii]
    sla = params["aftersales"]["response_sla_minutes"]
    frame["breach"] = frame["business_minutes"] > sla
    edges = {r["edge"]: {"ticket_id": int(r["id"]),
                         "created_utc": r["created"].strftime("%Y-%m-%d %H:%M"),
                         "first_reply_utc": r["first_reply_at"].strftime("%Y-%m-%d %H:%M"),
                         "business_minutes": int(r["business_minutes"]),
                         "breach": bool(r["breach"])}
             for _, r in frame[frame["edge"] != ""].iterrows()}   # 6-7 edge rows
    return frame, edges


def _add_edge_tickets(frame: pd.DataFrame, world: dict, tz: str) -> pd.DataFrame:
    """Insert the documented edge cases; each is the last ticket of its UTC day."""
    edges = _EDGE_DE if world["language"] == "de" else _EDGE_US
    rows = []
    for key, created, reply, bmin, _, _ in edges:
        c = pd.Timestamp(created).tz_localize(tz).tz_convert("UTC")
        r = pd.Timestamp(reply).tz_localize(tz).tz_convert("UTC")
        later = ((frame["created"].dt.normalize() == c.normalize()) & (frame["created"] >= c))
        frame = frame[~later]
        rows.append({"created": c, "bmin": bmin, "edge": key, "reply_fixed": r})
    frame = frame.assign(reply_fixed=pd.NaT)
    frame["reply_fixed"] = pd.to_datetime(frame["reply_fixed"], utc=True)
    return pd.concat([frame, pd.DataFrame(rows)], ignore_index=True)


def _zendesk_export(t: pd.DataFrame, world: dict, rng: np.random.Generator) -> pd.DataFrame:
    n = len(t)
    de = world["language"] == "de"
    names = np.array(_NAMES_DE if de else _NAMES_US, dtype=object)
    subj = np.array(_SUBJECTS[world["slug"]], dtype=object)
    skus = np.array(world["skus"], dtype=object)
    sku = skus[rng.integers(0, len(skus), size=n)]
    raw_subject = subj[rng.integers(0, len(subj), size=n)]
    subject = pd.Series(raw_subject).str.replace(
        "{sku}", "", regex=False).str.strip().to_numpy(dtype=object)
    with_sku = pd.Series(raw_subject).str.contains("{sku}", regex=False).to_numpy()
    subject[with_sku] = subject[with_sku] + " " + sku[with_sku]
    requester = names[rng.integers(0, len(names), size=n)]
    req_id = rng.integers(10**11, 10**12, size=n)
    domain = "marketplace.amazon.de" if de else "marketplace.amazon.com"
    email = pd.Series(rng.integers(10**9, 10**10, size=n)).map(lambda v: f"{v:x}") + "@" + domain
    agents = np.array(["Lena Hoffmann", "Marco Rossi", "Yuki Tanaka"] if de else
                      ["Olivia Reed", "Sam Patel", "Yuki Tanaka"], dtype=object)
    assignee = agents[rng.integers(0, len(agents), size=n)]
    created, reply = t["created"], t["first_reply_at"]
    first_min = ((reply - created) // pd.Timedelta(minutes=1)).to_numpy()
    solve_extra = pd.to_timedelta(rng.integers(5, 3 * 1440, size=n), unit="m")
    solved = reply + solve_extra
    open_ = solved > EXPORT_AT
    solved = solved.where(~open_)
    status = np.where(open_, _pick(rng, ["Open", "Pending"], [0.5, 0.5], n),
                      _pick(rng, ["Solved", "Closed"], [0.4, 0.6], n))
    res_min = ((solved - created) // pd.Timedelta(minutes=1)).astype("Int64")
    sat = _pick(rng, ["Offered", "Good", "Bad", "Unoffered"], [0.45, 0.3, 0.07, 0.18], n)
    slow = t["breach"].to_numpy() & (rng.random(n) < 0.35)   # slow answers -> unhappy customers
    sat[slow] = "Bad"
    tag_base = np.array(["lieferung", "retoure", "reklamation", "frage_produkt", "rechnung"]
                        if de else ["shipping", "return", "defect", "product_question", "refund"],
                        dtype=object)
    tags = (pd.Series(sku).str.lower() + " " + tag_base[rng.integers(0, len(tag_base), size=n)]
            + np.where(rng.random(n) < 0.3, " amazon", "")).to_numpy(dtype=object)
    fmt = "%Y-%m-%d %H:%M:%S +0000"
    updated = solved.fillna(reply + pd.Timedelta(minutes=30))
    return pd.DataFrame({
        "Id": t["id"].to_numpy(), "Requester": requester, "Requester id": req_id,
        "Requester email": email.to_numpy(), "Submitter": requester, "Assignee": assignee,
        "Group": "Kundenservice DE" if de else "Customer Care US", "Subject": subject,
        "Tags": tags, "Status": status,
        "Priority": _pick(rng, ["Normal", "High", "Low", "Urgent"], [0.7, 0.15, 0.12, 0.03], n),
        "Via": _pick(rng, ["Mail", "Web form", "Chat"], [0.6, 0.25, 0.15], n),
        "Ticket type": _pick(rng, ["Question", "Problem", "Incident", ""], [0.4, 0.3, 0.2, 0.1], n),
        "Created at": _fmt_ts(created, fmt), "Updated at": _fmt_ts(updated, fmt),
        "Assigned at": _fmt_ts(created + pd.Timedelta(minutes=1), fmt),
        "Solved at": _fmt_ts(solved, fmt), "Satisfaction Score": sat,
        "Reopens": rng.choice([0, 0, 0, 0, 1], size=n), "Replies": rng.integers(1, 5, size=n),
        "First reply time in minutes": first_min,
        "First reply time in minutes within business hours": "",   # no schedule configured
        "First resolution time in minutes": res_min, "Full resolution time in minutes": res_min,
        "Requester wait time in minutes": res_min, "Product SKU [list]": sku})


# ---------------------------------------------------------------------------------------
# layouts of the ERP files
# ---------------------------------------------------------------------------------------
def _orders_file(orders: pd.DataFrame, world: dict, out_dir: Path) -> Path:
    layout = world["layout"]
    cat = {s: _catalog(s) for s in world["skus"]}
    reason = orders["reason"].where(orders["status"] == "shipped", "")
    late = orders["shipped_at"] - orders["ds"] > pd.Timedelta(hours=24)
    reason = reason.where(late, "")
    if layout == "cn_erp":
        tz = "Asia/Shanghai"   # Chinese ERPs show Beijing time
        fmt = "%Y-%m-%d %H:%M:%S"
        frame = pd.DataFrame({
            "订单号": orders["order_id"], "店铺": "DE-Store-01", "平台": "Amazon.de",
            "SKU": orders["sku"], "产品名称": orders["sku"].map(_CN_NAMES),
            "数量": orders["units"], "单价": orders["price"], "币种": "EUR",
            "付款时间": _fmt_ts(orders["ds"].dt.tz_convert(tz), fmt),
            "发货时间": _fmt_ts(orders["shipped_at"].dt.tz_convert(tz), fmt),
            "仓库": orders["warehouse"], "国家": orders["country"], "区域": orders["region"],
            "订单状态": orders["status"].map({"shipped": "已发货", "pending": "待发货",
                                          "cancelled": "已取消"}),
            "延迟原因": reason.map(_REASON_TEXT["cn_erp"])})
        path = out_dir / "erp_orders_dianxiaomi.csv"
        _write_csv(frame, path, encoding="gbk")
    elif layout == "de_erp":
        tz, fmt = "Europe/Berlin", "%d.%m.%Y %H:%M:%S"
        frame = pd.DataFrame({
            "Bestellnummer": orders["order_id"], "Artikelnummer": orders["sku"],
            "Artikelname": orders["sku"].map({s: c["name"] for s, c in cat.items()}),
            "Menge": orders["units"], "Einzelpreis": orders["price"], "Währung": "EUR",
            "Bestelldatum": _fmt_ts(orders["ds"].dt.tz_convert(tz), fmt),
            "Versanddatum": _fmt_ts(orders["shipped_at"].dt.tz_convert(tz), fmt),
            "Lager": orders["warehouse"], "Lieferland": orders["country"],
            "Region": orders["region"], "Kanal": "Amazon.de",
            "Status": orders["status"].map({"shipped": "Versendet", "pending": "Offen",
                                            "cancelled": "Storniert"}),
            "Verzögerungsgrund": reason.map(_REASON_TEXT["de_erp"])})
        path = out_dir / "erp_bestellungen.csv"
        _write_csv(frame, path, encoding="utf-8", sep=";", decimal=",")
    else:
        fmt = "%Y-%m-%d %H:%M:%S"
        frame = pd.DataFrame({
            "Order ID": orders["order_id"], "Sales Channel": "Amazon.com", "SKU": orders["sku"],
            "ASIN": orders["sku"].map({s: c["asin"] for s, c in cat.items()}),
            "Quantity": orders["units"], "Item Price": orders["price"], "Currency": "USD",
            "Purchase Date (UTC)": _fmt_ts(orders["ds"].dt.tz_convert("UTC"), fmt),
            "Ship Date (UTC)": _fmt_ts(orders["shipped_at"].dt.tz_convert("UTC"), fmt),
            "Warehouse": orders["warehouse"], "Ship Region": orders["region"],
            "Ship Country": orders["country"], "Order Status": orders["status"].str.title(),
            "Delay Reason": reason.map(_REASON_TEXT["en_erp"])})
        path = out_dir / "erp_orders_export.csv"
        _write_csv(frame, path, encoding="utf-8-sig")
    return path


def _inventory_file(inv: pd.DataFrame, world: dict, out_dir: Path) -> Path:
    layout = world["layout"]
    if layout == "cn_erp":
        frame = pd.DataFrame({"日期": inv["ds"].dt.strftime("%Y-%m-%d"), "SKU": inv["sku"],
                              "产品名称": inv["sku"].map(_CN_NAMES), "仓库": inv["warehouse"],
                              "可用库存": inv["on_hand"], "在途库存": inv["inbound"],
                              "不良品库存": inv["reserved"]})
        path = out_dir / "erp_stock_dianxiaomi.csv"
        _write_csv(frame, path, encoding="gbk")
    elif layout == "de_erp":
        frame = pd.DataFrame({"Datum": inv["ds"].dt.strftime("%d.%m.%Y"),
                              "Artikelnummer": inv["sku"], "Lager": inv["warehouse"],
                              "Verfügbar": inv["on_hand"], "Zulauf": inv["inbound"],
                              "Gesperrt": inv["reserved"]})
        path = out_dir / "erp_lagerbestand.csv"
        _write_csv(frame, path, encoding="utf-8", sep=";", decimal=",")
    else:
        frame = pd.DataFrame({"Snapshot Date": inv["ds"].dt.strftime("%Y-%m-%d"),
                              "SKU": inv["sku"], "Warehouse": inv["warehouse"],
                              "Available": inv["on_hand"], "Inbound": inv["inbound"],
                              "Reserved": inv["reserved"]})
        path = out_dir / "erp_inventory_snapshot.csv"
        _write_csv(frame, path, encoding="utf-8-sig")
    return path


def _shipments_file(sh: pd.DataFrame, world: dict, out_dir: Path) -> Path:
    layout = world["layout"]
    if layout == "cn_erp":
        bj = "Asia/Shanghai"

        def naive(s):
            return s.dt.tz_convert(bj).dt.tz_localize(None)
        frame = pd.DataFrame({
            "货件编号": sh["shipment_id"], "SKU": sh["sku"], "发货数量": sh["units"],
            "目的仓库": sh["warehouse"], "运输方式": sh["mode"].map({"sea": "海运", "air": "空运"}),
            "发货日期": naive(sh["departed_at"]).dt.normalize(),
            "预计到达": naive(sh["eta"]).dt.normalize(),
            "实际到达": naive(sh["arrived_at"]), "预约入库时间": naive(sh["appointment_booked_at"]),
            "箱唛检查": np.where(sh["carton_labels_ok"], "通过", "未通过"),
            "SKU标签检查": np.where(sh["sku_labels_ok"], "通过", "未通过")})
        path = out_dir / "first_leg_shipments.xlsx"
        _write_xlsx(frame, path, sheet="头程货件")
        return path
    if layout == "de_erp":
        tz, fmt = "Europe/Berlin", "%d.%m.%Y %H:%M"
        frame = pd.DataFrame({
            "Sendungsnummer": sh["shipment_id"], "Artikelnummer": sh["sku"], "Menge": sh["units"],
            "Ziellager": sh["warehouse"], "Transportart": sh["mode"].map({"sea": "See",
                                                                          "air": "Luft"}),
            "Abfahrt": _fmt_ts(sh["departed_at"].dt.tz_convert(tz), "%d.%m.%Y"),
            "ETA": _fmt_ts(sh["eta"].dt.tz_convert(tz), "%d.%m.%Y"),
            "Ankunft": _fmt_ts(sh["arrived_at"].dt.tz_convert(tz), fmt),
            "Termin gebucht am": _fmt_ts(sh["appointment_booked_at"].dt.tz_convert(tz), fmt),
            "Kartonetiketten OK": np.where(sh["carton_labels_ok"], "ja", "nein"),
            "SKU-Etiketten OK": np.where(sh["sku_labels_ok"], "ja", "nein")})
        path = out_dir / "first_leg_shipments.csv"
        _write_csv(frame, path, encoding="utf-8", sep=";", decimal=",")
        return path
    fmt = "%Y-%m-%dT%H:%M:%SZ"
    frame = pd.DataFrame({
        "Shipment ID": sh["shipment_id"], "SKU": sh["sku"], "Units": sh["units"],
        "Destination Warehouse": sh["warehouse"], "Mode": sh["mode"].str.upper(),
        "Departed": _fmt_ts(sh["departed_at"], fmt), "ETA": _fmt_ts(sh["eta"], "%Y-%m-%d"),
        "Arrived": _fmt_ts(sh["arrived_at"], fmt),
        "Appointment Booked At": _fmt_ts(sh["appointment_booked_at"], fmt),
        "Carton Labels OK": np.where(sh["carton_labels_ok"], "TRUE", "FALSE"),
        "SKU Labels OK": np.where(sh["sku_labels_ok"], "TRUE", "FALSE")})
    path = out_dir / "first_leg_shipments.csv"
    _write_csv(frame, path, encoding="utf-8-sig")
    return path


# Machine-readable description of the files written above (for importers and tests):
# file name, encoding, delimiter, decimal mark, time zone of naive timestamps, and
# canonical column (seller_lab.schemas) -> header in the file; `values` maps exported
# values to canonical ones.
_CN_STATUS = {"已发货": "shipped", "待发货": "pending", "已取消": "cancelled"}
_DE_STATUS = {"Versendet": "shipped", "Offen": "pending", "Storniert": "cancelled"}
OPS_LAYOUTS = {
    "cn_erp": {
        "orders": dict(file="erp_orders_dianxiaomi.csv", encoding="gbk", sep=",", decimal=".",
                       timezone="Asia/Shanghai", timestamp_format="%Y-%m-%d %H:%M:%S",
                       columns={"order_id": "订单号", "sku": "SKU", "units": "数量", "price": "单价",
                                "currency": "币种", "ds": "付款时间", "shipped_at": "发货时间",
                                "warehouse": "仓库", "country": "国家", "region": "区域",
                                "status": "订单状态", "delay_reason": "延迟原因", "channel": "平台"},
                       values={"status": _CN_STATUS,
                               "delay_reason": {v: k for k, v in _REASON_TEXT["cn_erp"].items()
                                                if k}}),
        "inventory": dict(file="erp_stock_dianxiaomi.csv", encoding="gbk", sep=",", decimal=".",
                          columns={"ds": "日期", "sku": "SKU", "warehouse": "仓库",
                                   "on_hand": "可用库存", "inbound": "在途库存",
                                   "reserved": "不良品库存"}),
        "shipments": dict(file="first_leg_shipments.xlsx", sheet="头程货件",
                          timezone="Asia/Shanghai",
                          columns={"shipment_id": "货件编号", "sku": "SKU", "units": "发货数量",
                                   "warehouse": "目的仓库", "mode": "运输方式",
                                   "departed_at": "发货日期", "eta": "预计到达",
                                   "arrived_at": "实际到达", "appointment_booked_at": "预约入库时间",
                                   "carton_labels_ok": "箱唛检查", "sku_labels_ok": "SKU标签检查"},
                          values={"mode": {"海运": "sea", "空运": "air"},
                                  "labels": {"通过": True, "未通过": False}}),
    },
    "de_erp": {
        "orders": dict(file="erp_bestellungen.csv", encoding="utf-8", sep=";", decimal=",",
                       timezone="Europe/Berlin", timestamp_format="%d.%m.%Y %H:%M:%S",
                       columns={"order_id": "Bestellnummer", "sku": "Artikelnummer",
                                "units": "Menge", "price": "Einzelpreis", "currency": "Währung",
                                "ds": "Bestelldatum", "shipped_at": "Versanddatum",
                                "warehouse": "Lager", "country": "Lieferland", "region": "Region",
                                "status": "Status", "delay_reason": "Verzögerungsgrund",
                                "channel": "Kanal"},
                       values={"status": _DE_STATUS,
                               "delay_reason": {v: k for k, v in _REASON_TEXT["de_erp"].items()
                                                if k}}),
        "inventory": dict(file="erp_lagerbestand.csv", encoding="utf-8", sep=";", decimal=",",
                          date_format="%d.%m.%Y",
                          columns={"ds": "Datum", "sku": "Artikelnummer", "warehouse": "Lager",
                                   "on_hand": "Verfügbar", "inbound": "Zulauf",
                                   "reserved": "Gesperrt"}),
        "shipments": dict(file="first_leg_shipments.csv", encoding="utf-8", sep=";", decimal=",",
                          timezone="Europe/Berlin", timestamp_format="%d.%m.%Y %H:%M",
                          date_format="%d.%m.%Y",
                          columns={"shipment_id": "Sendungsnummer", "sku": "Artikelnummer",
                                   "units": "Menge", "warehouse": "Ziellager",
                                   "mode": "Transportart", "departed_at": "Abfahrt", "eta": "ETA",
                                   "arrived_at": "Ankunft",
                                   "appointment_booked_at": "Termin gebucht am",
                                   "carton_labels_ok": "Kartonetiketten OK",
                                   "sku_labels_ok": "SKU-Etiketten OK"},
                          values={"mode": {"See": "sea", "Luft": "air"},
                                  "labels": {"ja": True, "nein": False}}),
    },
    "en_erp": {
        "orders": dict(file="erp_orders_export.csv", encoding="utf-8-sig", sep=",", decimal=".",
                       timezone="UTC", timestamp_format="%Y-%m-%d %H:%M:%S",
                       columns={"order_id": "Order ID", "sku": "SKU", "units": "Quantity",
                                "price": "Item Price", "currency": "Currency",
                                "ds": "Purchase Date (UTC)", "shipped_at": "Ship Date (UTC)",
                                "warehouse": "Warehouse", "region": "Ship Region",
                                "country": "Ship Country", "status": "Order Status",
                                "delay_reason": "Delay Reason", "channel": "Sales Channel"},
                       values={"status": {"Shipped": "shipped", "Pending": "pending",
                                          "Cancelled": "cancelled"}}),
        "inventory": dict(file="erp_inventory_snapshot.csv", encoding="utf-8-sig", sep=",",
                          decimal=".",
                          columns={"ds": "Snapshot Date", "sku": "SKU", "warehouse": "Warehouse",
                                   "on_hand": "Available", "inbound": "Inbound",
                                   "reserved": "Reserved"}),
        "shipments": dict(file="first_leg_shipments.csv", encoding="utf-8-sig", sep=",",
                          decimal=".", timezone="UTC",
                          columns={"shipment_id": "Shipment ID", "sku": "SKU", "units": "Units",
                                   "warehouse": "Destination Warehouse", "mode": "Mode",
                                   "departed_at": "Departed", "eta": "ETA", "arrived_at": "Arrived",
                                   "appointment_booked_at": "Appointment Booked At",
                                   "carton_labels_ok": "Carton Labels OK",
                                   "sku_labels_ok": "SKU Labels OK"},
                          values={"mode": {"SEA": "sea", "AIR": "air"},
                                  "labels": {"TRUE": True, "FALSE": False}}),
    },
    "all": {
        "returns": dict(file="fba_customer_returns.txt", encoding="utf-8", sep="\t",
                        timezone="UTC (ISO 8601 with +00:00)", columns=FBA_RETURNS_COLUMNS),
        "tickets": dict(file="zendesk_tickets_export.csv", encoding="utf-8", sep=",",
                        timezone="UTC ('%Y-%m-%d %H:%M:%S +0000')",
                        columns={"ticket_id": "Id", "created_at": "Created at",
                                 "first_reply_minutes": "First reply time in minutes",
                                 "channel": "Via", "subject": "Subject",
                                 "sku": "Product SKU [list]", "status": "Status",
                                 "satisfaction": "Satisfaction Score"}),
    },
}
LAYOUT_OF = {slug: w["layout"] for slug, w in _WORLD.items()}


_FIXED_ZIP_TIME = (2026, 11, 1, 8, 0, 0)


def _write_xlsx(frame: pd.DataFrame, path: Path, sheet: str) -> None:
    """XLSX with fixed document properties and zip timestamps (same seed -> same bytes)."""
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as xl:
        frame.to_excel(xl, sheet_name=sheet, index=False)
        props = xl.book.properties
        props.creator = "ERP export"
        props.created = props.modified = dt.datetime(2026, 11, 1, 8, 0, 0)
    src = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":   # openpyxl stamps 'modified' = now
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                              rb"\g<1>2026-11-01T08:00:00Z\g<2>", data)
            zi = zipfile.ZipInfo(info.filename, date_time=_FIXED_ZIP_TIME)
            zi.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(zi, data)


# ---------------------------------------------------------------------------------------
# SOP log (shared)
# ---------------------------------------------------------------------------------------
SOP_MISSING = ("aftersales_analysis", "2026-10-19")
_SOP_DONE_BY = {"research": "Mei Chen (product manager)",
                "aftersales_analysis": "Lena Hoffmann (CS lead)",
                "stock_review": "Tom Krüger (supply planner)",
                "inbound_booking_check": "Wang Lei (logistics coordinator)",
                "outbound_sla_check": "Wang Lei (logistics coordinator)",
                "monthly_review": "Sophie Wagner (operations manager)",
                "service_survey": "Lena Hoffmann (CS lead)"}


def _load_sop(sop_path: Path | None = None) -> dict:
    if sop_path is None:
        sop_path = default_params_dir() / "sop.yaml"
    return yaml.safe_load(Path(sop_path).read_text(encoding="utf-8"))


def _due_dates(rule: dict, start: pd.Timestamp, end: pd.Timestamp) -> list[tuple[str, pd.Timestamp]]:
    """(period label, due date) of a deadline rule between start and end."""
    weekdays = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
    if "weekly_on" in rule:
        wd = weekdays.index(str(rule["weekly_on"]).lower())
        days = pd.date_range(start, end, freq="D")
        days = days[days.day_of_week == wd]
        return [(f"{d.isocalendar().year}-W{d.isocalendar().week:02d}", d) for d in days]
    if "monthly_by_day" in rule:
        months = pd.period_range(start, end, freq="M")
        due = [(str(m), m.to_timestamp() + pd.Timedelta(days=int(rule["monthly_by_day"]) - 1))
               for m in months]
        return [(p, d) for p, d in due if start <= d <= end]
    if "quarterly_by_day" in rule:
        qs = pd.period_range(start, end, freq="Q")
        due = [(str(q), q.to_timestamp() + pd.Timedelta(days=int(rule["quarterly_by_day"]) - 1))
               for q in qs]
        return [(p, d) for p, d in due if start <= d <= end]
    raise ValueError(f"unknown deadline rule {rule!r}")


def write_sop_log(root_dir: Path, rng: np.random.Generator | None = None,
                  sop_path: Path | None = None) -> Path:
    """Write the shared SOP completion log ``<root_dir>/sop_log.csv``.

    One row per completed task instance (task, period, due_date, done_at UTC, by). Mostly on
    time, a few late; the after-sales analysis due Monday 2026-10-19 has no row (planted
    overdue task, ``SOP_MISSING``).

    Parameters
    ----------
    root_dir : folder of the demo (``data/demo``)
    rng : random generator (a fixed one is used when None)
    sop_path : ``params/sop.yaml`` (default: the project's)

    Returns
    -------
    Path of the written file.

    Examples
    --------
    >>> import tempfile, pathlib, pandas as pd
    >>> p = write_sop_log(pathlib.Path(tempfile.mkdtemp()))
    >>> log = pd.read_csv(p)
    >>> ((log.task == "aftersales_analysis") & (log.due_date == "2026-10-19")).any()
    np.False_
    """
    rng = rng if rng is not None else np.random.default_rng(7)
    sop = _load_sop(sop_path)
    rows = []
    for task in sop["tasks"]:
        for period, due in _due_dates(task["deadline"], SOP_START, END):
            rows.append((task["id"], period, due))
    log = pd.DataFrame(rows, columns=["task", "period", "due_date"])
    n = len(log)
    late = rng.random(n) < 0.06
    offset_days = np.where(late, rng.integers(1, 4, size=n), -rng.integers(0, 2, size=n))
    offset_days = np.where(log["task"].isin(["aftersales_analysis", "outbound_sla_check"]),
                           np.where(late, offset_days, 0), offset_days)
    done = (log["due_date"] + pd.to_timedelta(offset_days, unit="D")
            + pd.to_timedelta(rng.integers(8 * 60 + 30, 17 * 60, size=n), unit="m"))
    done = done.dt.tz_localize("Europe/Berlin", nonexistent="shift_forward",
                               ambiguous="NaT").dt.tz_convert("UTC")
    log["done_at"] = _fmt_ts(done, "%Y-%m-%dT%H:%M:%SZ")
    log["by"] = log["task"].map(_SOP_DONE_BY).fillna("Sophie Wagner (operations manager)")
    log["due_date"] = log["due_date"].dt.strftime("%Y-%m-%d")
    missing = (log["task"] == SOP_MISSING[0]) & (log["due_date"] == SOP_MISSING[1])
    future = done > EXPORT_AT
    log = log[~missing.to_numpy() & ~future.to_numpy()]
    log = log.sort_values(["due_date", "task"], kind="stable", ignore_index=True)
    path = Path(root_dir) / "sop_log.csv"
    _write_csv(log, path, encoding="utf-8")
    return path


# ---------------------------------------------------------------------------------------
# entry point
# ---------------------------------------------------------------------------------------
def write_ops(params: dict, out_dir: Path, rng: np.random.Generator, scale: float = 1.0) -> dict:
    """Write one category's operations exports and return the files and planted truths.

    Parameters
    ----------
    params : the category's params (``seller_lab.params.load_params``)
    out_dir : the category's demo folder (``data/demo/<slug>``)
    rng : numpy Generator (same state -> same bytes)
    scale : multiplies order volume (and what follows from it: stock, returns)

    Returns
    -------
    dict ``{"files": [paths...], "truths": {...}}``; truths hold the numbers planted
    (turnover per SKU in 2026-10, late orders, the TOO_SMALL week, shipment ids, ticket ids).

    Examples
    --------
    >>> import numpy as np, tempfile, pathlib
    >>> from seller_lab.params import load_params
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "kids-toy-us"
    >>> t = write_ops(load_params("kids-toy-us"), out, np.random.default_rng(3), 0.3)["truths"]
    >>> t["tickets"]["friday_1750"]["business_minutes"]
    30
    """
    slug = params["category"]["slug"]
    if slug not in _WORLD:
        return {"files": [], "truths": {}}
    world = {**_WORLD[slug], "slug": slug}
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    tz = params["category"]["timezone"]

    orders = _make_orders(world, tz, rng, scale)
    shipments, inventory, notes, orders = _stock(world, orders, rng, scale, slug)
    returns = _make_returns(world, slug, orders, rng, scale)
    tickets, edges = _make_tickets(world, params, rng)

    files = [_orders_file(orders, world, out_dir), _inventory_file(inventory, world, out_dir),
             _shipments_file(shipments, world, out_dir)]
    ret_path = out_dir / "fba_customer_returns.txt"
    _write_csv(_returns_report(returns, world, rng).astype(str), ret_path.with_suffix(".tmp"),
               encoding="utf-8")
    _to_tsv(ret_path.with_suffix(".tmp"), ret_path)
    files.append(ret_path)
    tk_path = out_dir / "zendesk_tickets_export.csv"
    _write_csv(_zendesk_export(tickets, world, rng), tk_path, encoding="utf-8")
    files.append(tk_path)
    if slug == "kitchen-organizer-de":
        files.append(write_sop_log(out_dir.parent, rng))

    truths = _truths(world, slug, orders, inventory, shipments, returns, tickets, edges, notes)
    return {"files": [str(p) for p in files], "truths": truths}


def _to_tsv(tmp: Path, path: Path) -> None:
    """Re-write the returns CSV as tab-separated text (Seller Central flat file, LF)."""
    frame = pd.read_csv(tmp, dtype=str, keep_default_na=False, encoding="utf-8")
    tmp.unlink()
    frame = frame.replace({"\t": " "}, regex=True)
    with open(path, "w", encoding="utf-8", newline="") as fh:
        frame.to_csv(fh, sep="\t", index=False, lineterminator="\n", quoting=3)


# ---------------------------------------------------------------------------------------
# truths (what the analysis must recover)
# ---------------------------------------------------------------------------------------
def turnover(orders: pd.DataFrame, inventory: pd.DataFrame, month: str) -> pd.Series:
    """Units sold in the month / average on-hand units in the month, per SKU.

    >>> o = pd.DataFrame({"sku": ["A"], "units": [60], "status": ["shipped"],
    ...                   "ds": pd.to_datetime(["2026-10-03"], utc=True)})
    >>> i = pd.DataFrame({"sku": ["A", "A"], "on_hand": [20, 40],
    ...                   "ds": pd.to_datetime(["2026-10-01", "2026-10-02"])})
    >>> float(turnover(o, i, "2026-10")["A"])
    2.0
    """
    o = orders[(orders["ds"].dt.tz_convert(None).dt.strftime("%Y-%m") == month)
               & (orders["status"] != "cancelled")]
    sold = o.groupby("sku")["units"].sum()
    inv = inventory[inventory["ds"].dt.strftime("%Y-%m") == month]
    avg = inv.groupby(["sku", "ds"])["on_hand"].sum().groupby("sku").mean()
    return (sold.reindex(avg.index, fill_value=0) / avg).dropna()


def _truths(world, slug, orders, inventory, shipments, returns, tickets, edges, notes) -> dict:
    oct_ = DAYS[orders["day"].to_numpy()].strftime("%Y-%m") == DEMO_MONTH
    o = orders[oct_ & (orders["status"] != "cancelled")]
    late = o[(o["shipped_at"] - o["ds"]) > pd.Timedelta(hours=24)]
    by_wh = late.groupby(["warehouse", "reason"]).size()
    tv = turnover(orders, inventory, DEMO_MONTH).round(2)
    last = inventory[inventory["ds"] == END].set_index(["sku", "warehouse"])["on_hand"]
    week = returns["ds"].dt.tz_convert(None).dt.normalize()
    week = week - pd.to_timedelta(week.dt.day_of_week, unit="D")
    top = (returns.groupby([week, "reason"]).size().rename("n").reset_index()
           .sort_values(["ds", "n"], ascending=[True, False]).drop_duplicates("ds"))
    t_oct = tickets[tickets["created"].dt.tz_convert(None).dt.strftime("%Y-%m") == DEMO_MONTH]
    truths = {
        "category": slug,
        "turnover_2026_10": {k: float(v) for k, v in tv.items()},
        "late_orders_2026_10": {f"{w}|{r or '(none)'}": int(n) for (w, r), n in by_wh.items()},
        "late_orders_2026_10_total": int(len(late)),
        "orders_2026_10": int(len(o)),
        "on_hand_2026_10_31": {f"{s}|{w}": int(v) for (s, w), v in last.items()},
        "weekly_top_return_reason": {d.strftime("%Y-%m-%d"): r for d, r in
                                     zip(top["ds"], top["reason"])},
        "tickets": edges,
        "tickets_2026_10": int(len(t_oct)),
        "ticket_breaches_2026_10": int(t_oct["breach"].sum()),
        "shipments_planted": {r["planted"]: r["shipment_id"] for _, r in
                              shipments[shipments["planted"] != ""].iterrows()},
        "shipments_planted_detail": {
            r["shipment_id"]: {"sku": r["sku"], "warehouse": r["warehouse"], "mode": r["mode"],
                               "eta": r["eta"].strftime("%Y-%m-%d"),
                               "arrived_utc": r["arrived_at"].strftime("%Y-%m-%d %H:%M"),
                               "booked_utc": ("" if pd.isna(r["appointment_booked_at"]) else
                                              r["appointment_booked_at"].strftime(
                                                  "%Y-%m-%d %H:%M"))}
            for _, r in shipments[shipments["planted"] != ""].iterrows()},
        "shipments_arrived_2026_10": sorted(shipments.loc[
            shipments["arrived_at"].dt.strftime("%Y-%m") == DEMO_MONTH, "shipment_id"]),
        "label_check_failed": sorted(shipments.loc[
            ~(shipments["carton_labels_ok"] & shipments["sku_labels_ok"]), "shipment_id"]),
    }
    if slug == "kitchen-organizer-de":
        wk = returns[week == TOO_SMALL_WEEK]
        truths["too_small_week"] = {"week_start": TOO_SMALL_WEEK.strftime("%Y-%m-%d"),
                                    "sku": "KO-DRAWER-S",
                                    "too_small_returns": int((wk["reason"] == "TOO_SMALL").sum()),
                                    "returns_in_week": int(len(wk)),
                                    "reasons": wk["reason"].value_counts().to_dict()}
        truths["sop_missing"] = {"task": SOP_MISSING[0], "due_date": SOP_MISSING[1]}
    truths.update({k: (int(v) if isinstance(v, (int, np.integer)) else v)
                   for k, v in notes.items()})
    return truths
