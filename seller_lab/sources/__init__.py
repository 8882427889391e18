"""Data sources: every real export a seller has, read into canonical frames.

Public API
----------
- :func:`load_file` (``seller_lab.sources.load``) -- one file, layout detected from its
  header/shape -> ``LoadResult``
- :func:`seller_lab.sources.detect.detect` -- only the layout
- :func:`seller_lab.sources.validate.validate_frame` -- pandera check of a canonical frame
- ``load_category`` (``seller_lab.sources.category``) -- every file of a category

Examples
--------
>>> import tempfile, pathlib
>>> p = pathlib.Path(tempfile.mkdtemp()) / "orders.csv"
>>> _ = p.write_text("订单号,SKU,数量,付款时间\\nA-1,KO-RACK-2T,2,2026-10-01 09:00:00\\n",
...                  encoding="gbk")
>>> res = load_file(p)
>>> res.layout, res.encoding, res.frame.loc[0, "ds"].isoformat()
('erp_orders_cn', 'gb18030', '2026-10-01T01:00:00+00:00')
"""

from __future__ import annotations

from .base import LoadResult
from .category import load_category
from .load import apply_row_rules, load_file

__all__ = ["LoadResult", "apply_row_rules", "load_file", "load_category"]
