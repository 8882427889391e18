"""A CJK font for charts, on a fresh machine, without web fonts (R7).

matplotlib's default DejaVu Sans has no Chinese glyphs, so a Chinese chart title prints
as empty boxes with a "Glyph ... missing from font(s) DejaVu Sans" warning. The font
comes from the ``mplfonts`` package on the package index (it ships Noto Sans CJK SC,
SIL Open Font License); it is registered with matplotlib by file, so nothing is
installed into matplotlib's own folders and no font cache needs rebuilding.

Examples
--------
>>> name = register_cjk_font()
>>> name
'Noto Sans CJK SC'
>>> register_cjk_font() == name  # idempotent
True
"""

from __future__ import annotations

import importlib.util
from functools import lru_cache
from pathlib import Path

from matplotlib import font_manager

from ..errors import SellerLabError

#: The one CJK family the reports use, and its file inside the ``mplfonts`` wheel.
CJK_FAMILY = "Noto Sans CJK SC"
_CJK_FILE = "fonts/NotoSansCJKsc-Regular.otf"


def cjk_font_path() -> Path:
    """Path of the shipped Noto Sans CJK SC file (found without importing ``mplfonts``).

    Raises
    ------
    SellerLabError
        When the ``mplfonts`` package is not installed (it is a dependency of seller_lab).
    """
    spec = importlib.util.find_spec("mplfonts")
    if spec is None or not spec.submodule_search_locations:
        raise SellerLabError("The CJK chart font is missing: the 'mplfonts' package is not "
                             "installed. Fix: pip install mplfonts (or reinstall seller_lab).")
    path = Path(next(iter(spec.submodule_search_locations))) / _CJK_FILE
    if not path.is_file():
        raise SellerLabError(f"The CJK chart font file {path.name} is not in the installed "
                             "'mplfonts' package. Fix: pip install --force-reinstall mplfonts.")
    return path


@lru_cache(maxsize=1)
def register_cjk_font() -> str:
    """Register Noto Sans CJK SC with matplotlib (once per process); returns its family name.

    Put the name after the Latin font in ``font.family`` (matplotlib falls back glyph by
    glyph along that list), so Latin text keeps its look and Chinese text gets real glyphs.
    """
    path = cjk_font_path()
    font_manager.fontManager.addfont(str(path))
    return font_manager.FontProperties(fname=str(path)).get_name()
