"""Stocking iteration (R6.2): the stock step's turnover Decisions for the month.

Thin adapter: :mod:`seller_lab.stock.turnover` owns the rule (turnover > 2/month ->
+30 % and a 2-month cycle; < 1/month -> -50 % and bundles); this module only calls it
with the category's frames, time zone and labels.

Examples
--------
>>> import pandas as pd
>>> from seller_lab.params import load_params
>>> o = pd.DataFrame({"order_id": ["1"], "sku": ["A"], "units": [30], "status": ["shipped"],
...                   "ds": pd.to_datetime(["2026-10-05"], utc=True)})
>>> inv = pd.DataFrame({"ds": pd.to_datetime(["2026-10-01", "2026-10-31"]), "sku": "A",
...                     "warehouse": "W", "on_hand": [12, 8], "inbound": 0, "reserved": 0})
>>> t, ds = turnover_review(o, inv, load_params(), "2026-10")
>>> ds[0].verdict
'increase'
"""

from __future__ import annotations

import pandas as pd

from ..settings import CategorySettings, SettingsGroup
from ..stock.settings import IterationSettings
from ..stock.turnover import monthly_turnover, turnover_decisions


def turnover_review(orders: pd.DataFrame, inventory: pd.DataFrame, params: dict | SettingsGroup, period: str, *,
                    source_file: str = ""):
    """(turnover table, Decisions) of ``seller_lab.stock.turnover`` for ``period``."""
    cat = CategorySettings.of(params)
    t = monthly_turnover(orders, inventory, period, timezone=cat.timezone)
    return turnover_decisions(t, IterationSettings.of(params), orders=orders, category=cat.slug,
                              period=period, source_file=source_file)
