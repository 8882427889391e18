"""Load, deep-merge and validate params (kedro style: parameters live in YAML).

``params/defaults.yaml`` holds every seed number and doubles as the schema: a key that
is not in the defaults is unknown (the error names the closest valid key), a value must
have the default's type. ``params/categories/<slug>.yaml`` overrides any key. papermill
only *logs* an unknown parameter and its ``-f`` merge is shallow, so reports inject just
the category slug and load params here.

Examples
--------
>>> base = {"pilot": {"conversion_pass": 0.02}, "free": {}}
>>> deep_merge(base, {"pilot": {"conversion_pass": 0.03}})
{'pilot': {'conversion_pass': 0.03}, 'free': {}}
>>> validate({"pilot": {"conversion_pas": 0.03}}, base, "x.yaml")
Traceback (most recent call last):
...
seller_lab.errors.ParamsError: x.yaml, key 'pilot.conversion_pas': unknown key. Fix: did you mean 'pilot.conversion_pass'?
"""

from __future__ import annotations

import copy
import datetime as _dt
import difflib
import fnmatch
import math
import re
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml

from .errors import ParamsError

DEFAULTS_FILE = "defaults.yaml"
CATEGORIES_DIR = "categories"
REQUIRED_CATEGORY_KEYS = ("display_name", "market", "currency", "timezone", "data_dir")


def default_params_dir() -> Path:
    """The ``params`` folder of the project (cwd first, then the source checkout)."""
    here = Path.cwd() / "params"
    if (here / DEFAULTS_FILE).exists():
        return here
    return Path(__file__).resolve().parent.parent / "params"


#: libyaml's safe loader when PyYAML was built with it (~10x faster, same results)
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml(path: str | Path) -> dict:
    """Read one YAML mapping; a missing, unreadable or non-mapping file is a ParamsError."""
    path = Path(path)
    if not path.exists():
        raise ParamsError(path, None, "file not found",
                          fix="check the path, or copy an existing file under params/categories/")
    try:
        text = path.read_text(encoding="utf-8-sig")
        check_yaml_is_data(text, path)
        data = yaml.load(text, Loader=_LOADER)   # a safe loader (no Python objects)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        raise ParamsError(path, None, f"not valid YAML{line}: {getattr(exc, 'problem', exc)}",
                          fix="fix the indentation/quoting there") from None
    except UnicodeDecodeError:
        raise ParamsError(path, None, "not UTF-8 text", fix="save the file as UTF-8") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ParamsError(path, None, f"expected a mapping of keys, got {type(data).__name__}",
                          fix="start the file with 'key: value' lines")
    return _stringify_dates(data)


#: a params file has no use for more anchors than this (billion-laughs files use thousands)
MAX_YAML_ALIASES = 100
#: nodes the document would have with every alias expanded (defaults.yaml has ~600)
MAX_YAML_NODES = 100_000
_PLAIN_TAGS = {None, "!"} | {f"tag:yaml.org,2002:{t}" for t in (
    "str", "int", "float", "bool", "null", "seq", "map", "timestamp")}


def check_yaml_is_data(text: str, file: str | Path = "<params>") -> None:
    """Refuse YAML that is not plain data, BEFORE anything is constructed: language tags
    (``!!python/object/apply:...``, custom ``!tags``), more than ``MAX_YAML_ALIASES``
    aliases, or aliases that would expand to more than ``MAX_YAML_NODES`` nodes (an
    anchor bomb). Only the event stream is read, so a bomb costs no memory.

    >>> check_yaml_is_data("a: &x [1, 2]\\nb: *x\\n")
    >>> check_yaml_is_data("a: !!python/object/apply:os.system [ls]", "x.yaml")
    Traceback (most recent call last):
    ...
    seller_lab.errors.ParamsError: x.yaml: line 1: tag '!!python/object/apply:os.system' is not allowed (params files are data, not code). Fix: write the plain value (text, number, list or mapping)
    """
    aliases = 0
    anchors: dict[str, int] = {}
    stack: list[list] = [[0, None]]            # [expanded size, anchor] per open collection
    for ev in yaml.parse(text, Loader=_LOADER):
        tag = getattr(ev, "tag", None)
        if tag not in _PLAIN_TAGS and not isinstance(ev, yaml.events.AliasEvent):
            shown = tag.replace("tag:yaml.org,2002:", "!!")
            raise ParamsError(file, None, f"line {ev.start_mark.line + 1}: tag '{shown}' is "
                              "not allowed (params files are data, not code)",
                              fix="write the plain value (text, number, list or mapping)")
        if isinstance(ev, yaml.events.AliasEvent):
            aliases += 1
            if aliases > MAX_YAML_ALIASES:
                raise ParamsError(file, None, f"more than {MAX_YAML_ALIASES} YAML aliases "
                                  "(*name): refused, it looks like an alias bomb",
                                  fix="write the values out instead of repeating anchors")
            size = anchors.get(ev.anchor, 1)
        elif isinstance(ev, (yaml.events.MappingStartEvent, yaml.events.SequenceStartEvent)):
            stack.append([1, ev.anchor])
            continue
        elif isinstance(ev, (yaml.events.MappingEndEvent, yaml.events.SequenceEndEvent)):
            size, anchor = stack.pop()
            if anchor:
                anchors[anchor] = size
        elif isinstance(ev, yaml.events.ScalarEvent):
            size = 1
            if ev.anchor:
                anchors[ev.anchor] = 1
        else:
            continue
        stack[-1][0] += size
        if stack[-1][0] > MAX_YAML_NODES:
            raise ParamsError(file, None, f"line {ev.start_mark.line + 1}: the YAML aliases "
                              f"expand to more than {MAX_YAML_NODES:,} values: refused as an "
                              "alias bomb", fix="write the values out instead of nesting "
                              "anchors")


def _stringify_dates(obj):
    if isinstance(obj, dict):
        return {str(k): _stringify_dates(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [_stringify_dates(v) for v in obj]
    if isinstance(obj, (_dt.date, _dt.datetime)):
        return obj.isoformat()
    return obj


def deep_merge(base: dict, override: dict) -> dict:
    """Return a new dict: ``override`` merged into ``base`` key by key, recursively."""
    out = copy.deepcopy(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict) and out[key]:
            out[key] = deep_merge(out[key], value)
        else:
            out[key] = copy.deepcopy(value)
    return out


_TYPE_NAMES = {bool: "true/false", int: "a whole number", float: "a number",
               str: "text", list: "a list", dict: "a mapping"}


def _type_ok(value, default) -> bool:
    if default is None or value is None and not isinstance(default, (dict, list)):
        return True
    if isinstance(default, bool):
        return isinstance(value, bool)
    if isinstance(default, int):
        return (isinstance(value, int) and not isinstance(value, bool)) or (
            isinstance(value, float) and value.is_integer())
    if isinstance(default, float):
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if isinstance(default, str):
        return isinstance(value, str)
    if isinstance(default, list):
        return isinstance(value, list)
    if isinstance(default, dict):
        return isinstance(value, dict)
    return True


def validate(values: dict, schema: dict, file: str | Path, _prefix: str = "") -> None:
    """Check every key of ``values`` exists in ``schema`` with a compatible type.

    A ``{}`` default is free-form. Raises ParamsError naming the file, the dotted key,
    what was expected and the closest valid key for a typo.
    """
    for key, value in values.items():
        dotted = f"{_prefix}{key}"
        if key not in schema:
            close = difflib.get_close_matches(key, list(schema), n=1, cutoff=0.6)
            fix = (f"did you mean '{_prefix}{close[0]}'?" if close else
                   f"valid keys here: {', '.join(sorted(schema))}")
            raise ParamsError(file, dotted, "unknown key", fix=fix)
        default = schema[key]
        if not _type_ok(value, default):
            want = _TYPE_NAMES.get(type(default), type(default).__name__)
            raise ParamsError(file, dotted, f"expected {want}, got {value!r}",
                              fix=f"write it like the default in params/{DEFAULTS_FILE}: {default!r}")
        if isinstance(default, dict) and default and isinstance(value, dict):
            validate(value, default, file, dotted + ".")
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            check_range(dotted, value, default, file)


#: numbers that are shares of a whole (0 <= value <= 1), as dotted-key patterns
SHARE_KEYS = ("*_share", "*_share_*", "*_rate", "*_rate_*", "*.jitter", "*_p_max",
              "*strength_min", "pilot.conversion_*", "pilot.confidence", "pilot.power",
              "*.service_level", "*_min_overlap", "*_confirmed_min")
#: numbers that may be negative (changes, growth, offsets); every other number is a count,
#: a duration, an amount or a threshold of one and must be >= 0
SIGNED_KEYS = ("*growth*", "*_change*", "*_shift", "*.trends_tz")


def check_range(key: str, value: float, default=None, file: str | Path = "<params>") -> None:
    """Refuse a number outside its meaning, naming the key and the allowed range: NaN or
    infinite anywhere, a share outside 0-1, a negative count/duration/amount/threshold.

    >>> check_range("pilot.conversion_pass", 0.03)
    >>> check_range("trends.growth_falling_max", -0.2)
    >>> check_range("stock.cover_days", -3, 3, "x.yaml")
    Traceback (most recent call last):
    ...
    seller_lab.errors.ParamsError: x.yaml, key 'stock.cover_days': -3 is negative. Fix: write a number >= 0 (it is a count, duration, amount or threshold) (the default is 3)
    """
    was = f" (the default is {default!r})" if default is not None else ""
    if not math.isfinite(value):
        raise ParamsError(file, key, f"{value!r} is not a number",
                          fix=f"write a finite number{was}")
    if any(fnmatch.fnmatchcase(key, pat) for pat in SHARE_KEYS):
        if not 0 <= value <= 1:
            raise ParamsError(file, key, f"{value!r} is outside 0-1 (it is a share)",
                              fix=f"write a share from 0 to 1, e.g. 0.05 for 5 %{was}")
        return
    signed = any(fnmatch.fnmatchcase(key, pat) for pat in SIGNED_KEYS) or (
        isinstance(default, (int, float)) and default < 0)
    if value < 0 and not signed:
        raise ParamsError(file, key, f"{value!r} is negative",
                          fix=f"write a number >= 0 (it is a count, duration, amount or "
                          f"threshold){was}")


def load_defaults(params_dir: str | Path | None = None) -> dict:
    """The validated defaults alone."""
    params_dir = Path(params_dir) if params_dir else default_params_dir()
    return read_yaml(params_dir / DEFAULTS_FILE)


def category_file(category: str, params_dir: str | Path | None = None) -> Path:
    """Path of a category's params file; a missing one names the closest existing slug."""
    params_dir = Path(params_dir) if params_dir else default_params_dir()
    path = params_dir / CATEGORIES_DIR / f"{category}.yaml"
    if not path.exists():
        known = list_categories(params_dir)
        close = difflib.get_close_matches(category, known, n=1)
        fix = (f"did you mean '{close[0]}'?" if close else
               f"known categories: {', '.join(known) or 'none'}; copy one of "
               f"{params_dir / CATEGORIES_DIR}/*.yaml to add a category")
        raise ParamsError(path, None, f"no params file for category '{category}'", fix=fix)
    return path


def list_categories(params_dir: str | Path | None = None) -> list[str]:
    """Slugs of every category with a params file, sorted."""
    params_dir = Path(params_dir) if params_dir else default_params_dir()
    return sorted(p.stem for p in (params_dir / CATEGORIES_DIR).glob("*.yaml"))


def load_params(category: str | None = None, params_dir: str | Path | None = None) -> dict:
    """Defaults deep-merged with one category's file, validated.

    Also sets ``category.slug`` from the file name and ``paths.project_root`` (the
    folder above ``params/``), against which relative paths (``data_dir``, ``paths.*``)
    are resolved by :func:`resolve`.

    >>> p = load_params("kitchen-organizer-de")
    >>> p["competition"]["review_count_min"], p["category"]["market"]
    (100, 'DE')
    """
    params_dir = Path(params_dir) if params_dir else default_params_dir()
    defaults_path = params_dir / DEFAULTS_FILE
    if not defaults_path.exists():  # a params folder of one's own ('--params-dir my_params') needs the defaults too
        shipped = Path(__file__).resolve().parent.parent / "params" / DEFAULTS_FILE
        raise ParamsError(defaults_path, None, "file not found (every params folder holds the defaults and "
                          f"{CATEGORIES_DIR}/<category>.yaml)",
                          fix=f"copy {shipped} into {params_dir}" if shipped.exists() and shipped != defaults_path
                          else f"point --params-dir at the folder that holds {DEFAULTS_FILE}")
    defaults = read_yaml(defaults_path)
    validate(defaults, defaults, defaults_path)   # ranges of the shipped numbers too
    merged = copy.deepcopy(defaults)
    if category is not None:
        path = category_file(category, params_dir)
        values = read_yaml(path)
        validate(values, defaults, path)
        merged = deep_merge(defaults, values)
        cat = merged["category"]
        if cat.get("slug") and cat["slug"] != category:
            raise ParamsError(path, "category.slug",
                              f"slug '{cat['slug']}' differs from the file name '{category}'",
                              fix="rename the file or remove the slug line")
        cat["slug"] = category
        for key in REQUIRED_CATEGORY_KEYS:
            if cat.get(key) in ("", None):
                raise ParamsError(path, f"category.{key}", "missing or empty",
                                  fix=f"set category.{key} (see params/{DEFAULTS_FILE})")
        _check_timezone(path, cat["timezone"])
    check_source_rows(merged["sources"]["rows"],
                      path if category is not None else defaults_path)
    merged["paths"]["project_root"] = str(params_dir.resolve().parent)
    merged["paths"]["params_dir"] = str(params_dir.resolve())
    return merged


_FX_PAIR = re.compile(r"^[A-Z]{3}/[A-Z]{3}$")


def check_source_rows(rows: dict, file: str | Path = "<params>") -> None:
    """Ranges of the row checks (R7.1, ``sources.rows``) that one key alone cannot say:
    ``rating_min <= rating_max``, ``max_quantity > 0``, ``future_days >= 0`` and every
    ``fx_rates`` entry a ``'USD/EUR'`` pair with a rate > 0.

    >>> check_source_rows({"rating_min": 1, "rating_max": 5, "fx_rates": {"USD/EUR": 0.92}})
    >>> check_source_rows({"rating_min": 5, "rating_max": 1}, "x.yaml")
    Traceback (most recent call last):
    ...
    seller_lab.errors.ParamsError: x.yaml, key 'sources.rows.rating_min': 5 is above sources.rows.rating_max (1). Fix: write rating_min <= rating_max, e.g. 1 and 5 for a five-star scale
    """
    key = "sources.rows."
    lo, hi = rows.get("rating_min"), rows.get("rating_max")
    if lo is not None and hi is not None and lo > hi:
        raise ParamsError(file, key + "rating_min", f"{lo!r} is above {key}rating_max ({hi!r})",
                          fix="write rating_min <= rating_max, e.g. 1 and 5 for a five-star "
                          "scale")
    cap = rows.get("max_quantity")
    if cap is not None and not cap > 0:
        raise ParamsError(file, key + "max_quantity", f"{cap!r} is not above 0 (every "
                          "quantity would be rejected)",
                          fix="write a whole number > 0, e.g. 10000000")
    days = rows.get("future_days")
    if days is not None and not days >= 0:
        raise ParamsError(file, key + "future_days", f"{days!r} is negative (today's rows "
                          "would be rejected)", fix="write a number of days >= 0, e.g. 1")
    for pair, rate in (rows.get("fx_rates") or {}).items():
        name = f"{key}fx_rates.{pair}"
        if not _FX_PAIR.match(str(pair).upper().replace(" ", "")):
            raise ParamsError(file, name, f"'{pair}' is not a currency pair",
                              fix="write the pair as FROM/TO ISO codes, e.g. 'USD/EUR': 0.92")
        if isinstance(rate, bool) or not isinstance(rate, (int, float)) or \
                not math.isfinite(rate) or rate <= 0:
            raise ParamsError(file, name, f"rate {rate!r} is not a number above 0",
                              fix=f"write how many {str(pair)[-3:].upper()} one "
                              f"{str(pair)[:3].upper()} buys, a number > 0 (e.g. 0.92)")


def _check_timezone(path, tz: str) -> None:

    try:
        ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError):
        raise ParamsError(path, "category.timezone", f"unknown time zone '{tz}'",
                          fix="use an IANA name such as 'Europe/Berlin' or 'America/New_York'") from None


def resolve(params: dict, relative: str | Path) -> Path:
    """Resolve a path from params against the project root (absolute paths pass)."""
    rel = Path(relative)
    if rel.is_absolute():
        return rel
    return Path(params["paths"]["project_root"]) / rel


def get(params: dict, dotted: str) -> Any:
    """Value of a dotted key, e.g. ``get(p, 'pilot.conversion_pass')``.

    >>> get({"a": {"b": 1}}, "a.b")
    1
    """
    node: Any = params
    for part in dotted.split("."):
        node = node[part]
    return node


def check_all(params_dir: str | Path | None = None) -> list[str]:
    """Load every category; return the list of slugs that loaded (raise on the first bad)."""
    ok = []
    for slug in list_categories(params_dir):
        load_params(slug, params_dir)
        ok.append(slug)
    return ok
