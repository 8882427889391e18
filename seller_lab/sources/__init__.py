"""Data sources: every real export a seller has, read into canonical frames.

Public API
----------
- :func:`load_file` (``seller_lab.sources.load``) -- one file, layout detected from its
  header/shape -> ``LoadResult``
- :func:`seller_lab.sources.detect.detect` -- only the layout
- :func:`seller_lab.sources.validate.validate_frame` -- pandera check of a canonical frame
- ``load_category`` (``seller_lab.sources.category``) -- every file of a category

Example: see :mod:`seller_lab.sources.load` (a GBK export of a Chinese ERP read into the
canonical orders frame).
"""

from __future__ import annotations

from .base import LoadResult
from .category import load_category
from .load import apply_row_rules, load_file

__all__ = ["LoadResult", "apply_row_rules", "load_file", "load_category"]
