"""The monthly report's stock step, computed once: plan, alerts, turnover decisions and
forecast accuracy for one category and month (R3, R6.2).

:func:`run_stock` is pure (frames and settings in, one frozen :class:`StockReview` out); the
renderers in :mod:`seller_lab.report.sections.stock` only read it. Stock is judged as of
the month's last day, or as of the last order day when the data stops inside the month.

Examples
--------
>>> as_of_date("2026-10")
Timestamp('2026-10-31 00:00:00')
>>> from types import SimpleNamespace
>>> from seller_lab.params import load_params
>>> from seller_lab import schemas
>>> empty = SimpleNamespace(orders=schemas.empty_frame("orders"), inventory=schemas.empty_frame("inventory"),
...                         shipments=schemas.empty_frame("shipments"))
>>> s = run_stock(empty, load_params("kitchen-organizer-de"), "2026-10")
>>> s.missing_orders != "", s.decisions_frame().empty
(True, True)
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..decisions import Decision, to_frame
from ..i18n import N_
from ..report.render import join
from ..report.sections import source_files
from ..report.sections import stock as stock_sections
from ..settings import CategorySettings
from .forecast import ForecastResult, accuracy_summary, daily_series, forecast
from .planning import (
    low_stock_alerts,
    peak_plan,
    stock_plan,
    transfer_suggestions,
    warehouse_sales,
    warehouse_split,
)
from .settings import StockSettings
from .simulate import compare_policies
from .turnover import monthly_turnover, turnover_decisions

TURNOVER_PARTIAL = N_("turnover is judged per whole month and the data stops on {day}: the R6.2 rule is "
                      "not evaluated for a partial month")
NO_ORDERS = N_("No orders export in this category's data folder: nothing to compute {what} from (it "
               "needs daily sales per SKU: an ERP or Seller Central orders file).")


def as_of_date(period: str | None, orders: pd.DataFrame | None = None) -> pd.Timestamp:
    """Last day of the period (YYYY-MM or YYYY-MM-DD), else the last order day."""
    if period:
        p = str(period)
        if len(p) == 7:
            return (pd.Timestamp(f"{p}-01") + pd.offsets.MonthEnd(0)).normalize()
        return pd.Timestamp(p).normalize()
    if orders is not None and len(orders):
        return pd.to_datetime(orders["ds"], utc=True).max().tz_localize(None).normalize()
    return pd.Timestamp.today().normalize()


def history(data, params: dict | StockSettings, period: str | None = None, *,
            as_of: pd.Timestamp | None = None) -> pd.DataFrame:
    """Daily units per SKU up to ``as_of`` (default: the period's last day; market time zone).
    ``params``: the loaded params, or settings built from them."""
    orders = data.orders
    end = as_of if as_of is not None else as_of_date(period, orders)
    tz = CategorySettings.of(params).timezone
    if orders is None or len(orders) == 0:
        return daily_series(orders)
    ts = pd.to_datetime(orders["ds"], utc=True).dt.tz_convert(tz).dt.tz_localize(None)
    return daily_series(orders[ts < end + pd.Timedelta(days=1)], timezone=tz, end=end)


@dataclass(frozen=True)
class StockReview:
    """Every frame and Decision the monthly page's stock sections show.

    ``missing_orders`` / ``missing_inventory`` / ``skipped`` are the sentences shown instead
    of a section when its input is absent ('' when present). ``turnover_skipped`` says why
    the R6.2 rule was not evaluated (a partial month), '' when it was.
    """

    period: str
    as_of: pd.Timestamp
    settings: StockSettings
    missing_orders: str = ""
    missing_inventory: str = ""
    skipped: str = ""
    turnover_skipped: str = ""
    #: ``skipped`` / ``turnover_skipped`` as N_-marked templates and values (report language, R7)
    skipped_template: str = ""
    skipped_values: dict = field(default_factory=dict)
    turnover_skipped_template: str = ""
    turnover_skipped_values: dict = field(default_factory=dict)
    source_orders: str = ""
    source_inventory: str = ""
    history: pd.DataFrame = field(default_factory=pd.DataFrame)
    forecast: ForecastResult | None = None
    plan: pd.DataFrame = field(default_factory=pd.DataFrame)
    lead_time_days: float = float("nan")
    lead_time_source: str = ""
    split: pd.DataFrame = field(default_factory=pd.DataFrame)
    peaks: pd.DataFrame = field(default_factory=pd.DataFrame)
    policies: pd.DataFrame = field(default_factory=pd.DataFrame)
    alerts: pd.DataFrame = field(default_factory=pd.DataFrame)
    alert_decisions: tuple[Decision, ...] = ()
    transfers: pd.DataFrame = field(default_factory=pd.DataFrame)
    transfer_decisions: tuple[Decision, ...] = ()
    turnover: pd.DataFrame = field(default_factory=pd.DataFrame)
    turnover_decisions: tuple[Decision, ...] = ()
    chosen: pd.DataFrame = field(default_factory=pd.DataFrame)
    accuracy: pd.DataFrame = field(default_factory=pd.DataFrame)

    @property
    def decisions(self) -> list[Decision]:
        """Turnover (R6.2), low-stock alerts (R3.4, alerts only) and transfers (R3.3)."""
        return ([*self.turnover_decisions] + [d for d in self.alert_decisions if d.verdict == "alert"]
                + [*self.transfer_decisions])

    def decisions_frame(self) -> pd.DataFrame:
        return to_frame(self.decisions)

    def _repr_html_(self) -> str:
        return join(stock_sections.stock_plan_section(self), stock_sections.stock_alerts_section(self),
                    stock_sections.turnover_section(self), stock_sections.forecast_accuracy_section(self)).html


def run_stock(data, params: dict | StockSettings, period: str, *, as_of: pd.Timestamp | None = None,
              skip: str = "", skip_values: dict | None = None, whole_month: bool = True) -> StockReview:
    """The stock step for ``period`` ('YYYY-MM'), computed once.

    Parameters
    ----------
    data : category data (``orders``, ``inventory``, ``shipments``, ``files``)
    params : the loaded params, or the StockSettings (or MonthSettings) built from them
    as_of : judge stock as of this day (default: the month's last day)
    skip : a sentence saying why the month has no sales to plan from (e.g. the month lies
        after the data); every section then shows it and nothing is computed
    whole_month : False when the data stops inside the month: the R6.2 turnover rule is
        per whole month, so it is not evaluated (and the sentence says so)
    """
    period = str(period)[:7]
    settings = StockSettings.of(params)
    st = settings.plan
    as_of = as_of if as_of is not None else as_of_date(period)
    base = dict(period=period, as_of=as_of, settings=settings,
                source_orders=source_files(data, "orders"), source_inventory=source_files(data, "inventory"))
    orders, inventory = data.orders, data.inventory
    if orders is None or len(orders) == 0:
        return StockReview(**base, missing_orders=NO_ORDERS)
    if skip:
        return StockReview(**base, skipped=skip.format(**skip_values) if skip_values else skip,
                           skipped_template=skip, skipped_values=dict(skip_values or {}))
    slug, tz = settings.category.slug, settings.category.timezone
    has_inventory = inventory is not None and len(inventory) > 0
    missing_inventory = "" if has_inventory else "No inventory export"
    hist = history(data, settings, period, as_of=as_of)
    res = forecast(hist, settings.forecast) if len(hist) else None
    turnover, tdec, turnover_skipped, turnover_skipped_values = pd.DataFrame(), [], "", {}
    if has_inventory and whole_month:
        t = monthly_turnover(orders, inventory, period, timezone=tz)
        turnover, tdec = turnover_decisions(t, settings.iteration, orders=orders, category=slug, period=period,
                                            source_file=base["source_inventory"] or "inventory")
    elif has_inventory:
        turnover_skipped_values = {"day": f"{as_of:%Y-%m-%d}"}
        turnover_skipped = TURNOVER_PARTIAL.format(**turnover_skipped_values)
    plan, lead, lead_src, split, peaks, policies = (pd.DataFrame(), float("nan"), "", pd.DataFrame(),
                                                    pd.DataFrame(), pd.DataFrame())
    chosen, accuracy = pd.DataFrame(), pd.DataFrame()
    if res is not None:
        plan = stock_plan(res.chosen, st, inventory=inventory, shipments=data.shipments, as_of=as_of)
        lead = float(plan["lead_time_days"].iloc[0])
        lead_src = ("measured from first-leg shipments" if (
            data.shipments is not None and len(data.shipments) and st.lead_time_from_shipments
            and lead != st.safety_stock_lead_time_days) else "stock.safety_stock_lead_time_days")
        # R6.2: the turnover rule's order change applied to the '3 months' order
        change = (plan["sku"].map(dict(zip(turnover["sku"], turnover["order_change"]))).fillna(0.0)
                  if len(turnover) else 0.0)
        plan = plan.assign(next_order_r62=np.ceil(plan["order_qty_3_months"] * (1 + change))
                           if len(turnover) else plan["order_qty_3_months"])
        shares = warehouse_sales(orders, st, as_of=as_of, window_days=st.share_window_days)
        shares = shares[shares["warehouse"].astype("str") != ""]
        if len(shares):
            split = warehouse_split(plan[["sku"]].assign(order_qty=plan["next_order_r62"]), shares, st)
        peaks = peak_plan(hist, res.chosen, st, as_of=as_of, marketplace=settings.category.marketplace)
        policies = compare_policies(hist, st, lead_time_days=lead)
        chosen, accuracy = res.chosen, accuracy_summary(res)
    alerts, adec, moves, mdec = pd.DataFrame(), [], pd.DataFrame(), []
    if has_inventory:
        alerts, adec = low_stock_alerts(orders, inventory, st, shipments=data.shipments, as_of=as_of,
                                        category=slug, period=period)
        moves, mdec = transfer_suggestions(alerts, st, category=slug, period=period)
    return StockReview(**base, missing_inventory=missing_inventory, turnover_skipped=turnover_skipped,
                       turnover_skipped_template=TURNOVER_PARTIAL if turnover_skipped else "",
                       turnover_skipped_values=turnover_skipped_values,
                       history=hist, forecast=res, plan=plan, lead_time_days=lead, lead_time_source=lead_src,
                       split=split, peaks=peaks, policies=policies, alerts=alerts, alert_decisions=tuple(adec),
                       transfers=moves, transfer_decisions=tuple(mdec), turnover=turnover,
                       turnover_decisions=tuple(tdec), chosen=chosen, accuracy=accuracy)
