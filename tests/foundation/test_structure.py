"""Static checks over the ``seller_lab`` package (AST only: nothing is imported or executed).

They keep the structure from growing back into what issue 14 took apart: thresholds come from
typed settings (no ``params.get("key", <number>)`` fallback, and the analysis steps below the
monthly review never index the params dict), no cache keyed by ``id(...)``, no
private name imported from another module, no import cycle among the package's modules, and
imports at the top of their files (a function-level import only for a heavy or optional
dependency, listed below with its reason).

Files still being restructured carry a few known hits; they sit on the short allowlists below,
each with its reason, so any NEW violation fails. An allowlist entry that no longer matches is
reported as a warning naming it: delete it, so the lists only shrink.
"""

from __future__ import annotations

import ast
import warnings
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "seller_lab"

NOT_A_THRESHOLD = "a count looked up with 0 for 'none yet', not a threshold; to be rewritten without .get"
CLI_ENTRY = "command-line entry: loads its step only when that command runs, so `seller-lab --help` stays fast"
NLTK = "nltk takes ~0.7-1.7 s to import; only the comparison with nltk's own VADER needs it"
SKLEARN = ("scikit-learn (with scipy.stats) takes ~1 s to import; only the themes need it, "
           "not the review mining that imports seller_lab.text")
OPTIONAL_LIVE = "optional live-data client, imported only when live fetching is asked for"

# file under seller_lab/ with id(...) calls still to be replaced.
ID_ALLOWED: dict[str, str] = {}

# (file under seller_lab/, key) of `.get("key", <number>)` still to be rewritten.
GET_FALLBACK_ALLOWED: dict[tuple[str, str], str] = {
    ("research/trends.py", "rising"): NOT_A_THRESHOLD,
    ("research/trends.py", "flat"): NOT_A_THRESHOLD,
    ("research/trends.py", "falling"): NOT_A_THRESHOLD,
    ("demo/cli.py", "seconds"): "timing of a generated category, always present; to be read directly",
}

# Step packages whose analysis functions read typed settings (``Section.of(params)``), never
# ``params[...]`` / ``params.get(...)``: the params are converted once at the edge. Their
# command-line modules are edges too (they load params for one command).
SETTINGS_ONLY_PACKAGES = ("fulfilment", "aftersales", "iteration", "review", "stock", "pilot")
SETTINGS_ONLY_EXEMPT = {"stock/cli.py": CLI_ENTRY}

# (file under seller_lab/, imported module) of function-level imports, each with its reason.
LOCAL_IMPORT_ALLOWED: dict[tuple[str, str], str] = {
    # heavy or optional dependencies: stay lazy
    ("text/sentiment.py", "nltk"): NLTK,
    ("text/sentiment.py", "nltk.sentiment.vader"): NLTK,
    ("research/trends.py", "statsmodels.tsa.seasonal"): "statsmodels adds ~0.3 s to every report kernel; "
                                                        "only the seasonal decomposition needs it",
    ("text/themes.py", "sklearn.cluster"): SKLEARN,
    ("text/themes.py", "sklearn.feature_extraction.text"): SKLEARN,
    ("schemas.py", "pandera.pandas"): "pandera takes ~1 s to import; only frame validation needs it",
    ("sources/validate.py", "pandera.pandas"): "pandera takes ~1 s to import; only frame validation needs it",
    ("report/batch.py", "distributed"): "optional extra (cluster): dask.distributed is not installed by default",
    ("report/kernel.py", "ipykernel.kernelspec"): "ipykernel is heavy and only needed to install the kernel spec",
    ("sources/live_reddit.py", "praw"): OPTIONAL_LIVE,
    ("sources/live_reddit.py", "prawcore"): OPTIONAL_LIVE,
    ("sources/live_reddit.py", "praw.exceptions"): OPTIONAL_LIVE,
    ("sources/live_trends.py", "pytrends.request"): OPTIONAL_LIVE,
    ("sources/live_trends.py", "pytrends"): OPTIONAL_LIVE,
    # command-line entries
    ("cli.py", "seller_lab"): CLI_ENTRY,
    ("cli.py", "seller_lab.review"): CLI_ENTRY,
    ("cli.py", "seller_lab.text"): CLI_ENTRY,
    ("demo/cli.py", "seller_lab.params"): CLI_ENTRY,
    ("demo/cli.py", "seller_lab.demo"): CLI_ENTRY,
    ("demo/cli.py", "openpyxl"): CLI_ENTRY,
    ("report/cli.py", "seller_lab.report.batch"): CLI_ENTRY,
    ("report/cli.py", "seller_lab.report.kernel"): CLI_ENTRY,
    ("report/cli.py", "seller_lab.i18n"): CLI_ENTRY,
    ("research/cli.py", "seller_lab.research.trends"): CLI_ENTRY,
    ("research/cli.py", "seller_lab.asof"): CLI_ENTRY,
    ("research/cli.py", "seller_lab.research.pipeline"): CLI_ENTRY,
    ("research/cli.py", "seller_lab.sources.category"): CLI_ENTRY,
    ("report/cli.py", "seller_lab.asof"): CLI_ENTRY,
    ("demo/cli.py", "seller_lab.report.batch"): CLI_ENTRY,
    ("sources/ingest_cli.py", "seller_lab.sources.store"): CLI_ENTRY,
}

# (file under seller_lab/, private name) imported from another module, still to be made public.
PRIVATE_IMPORT_ALLOWED: dict[tuple[str, str], str] = {}


# --- the checks, on one parsed module -------------------------------------------------------

def module_name(path: Path) -> str:
    """Dotted name of a file under the package (``seller_lab/text/__init__.py`` -> ``seller_lab.text``)."""
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def absolute_module(module: str, is_package: bool, node: ast.ImportFrom) -> str:
    """The absolute module a ``from ... import`` inside ``module`` names."""
    if not node.level:
        return node.module or ""
    base = module.split(".") if is_package else module.split(".")[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def id_calls(tree: ast.AST) -> list[int]:
    """Lines calling the builtin ``id``."""
    return [n.lineno for n in ast.walk(tree)
            if isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == "id"]


def numeric_get_fallbacks(tree: ast.AST) -> list[tuple[str, int]]:
    """``(key, line)`` of every ``x.get("key", <number>)`` (a negative number too, never a bool)."""
    out = []
    for n in ast.walk(tree):
        if not (isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr == "get"
                and len(n.args) == 2 and isinstance(n.args[0], ast.Constant) and isinstance(n.args[0].value, str)):
            continue
        default = n.args[1]
        if isinstance(default, ast.UnaryOp) and isinstance(default.op, (ast.USub, ast.UAdd)):
            default = default.operand
        if (isinstance(default, ast.Constant) and isinstance(default.value, (int, float))
                and not isinstance(default.value, bool)):
            out.append((n.args[0].value, n.lineno))
    return out


def params_lookups(tree: ast.AST) -> list[int]:
    """Lines indexing a name ``params`` (``params["x"]``) or calling ``params.get(...)``."""
    out = []
    for n in ast.walk(tree):
        if isinstance(n, ast.Subscript) and isinstance(n.value, ast.Name) and n.value.id == "params":
            out.append(n.lineno)
        elif (isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr == "get"
              and isinstance(n.func.value, ast.Name) and n.func.value.id == "params"):
            out.append(n.lineno)
    return sorted(out)


def private_imports(module: str, is_package: bool, tree: ast.AST) -> list[str]:
    """Names starting with one underscore imported from another seller_lab module."""
    out = []
    for n in ast.walk(tree):
        if isinstance(n, ast.ImportFrom) and absolute_module(module, is_package, n).split(".")[0] == "seller_lab":
            out += [a.name for a in n.names if a.name.startswith("_") and not a.name.startswith("__")]
    return out


def function_level_imports(module: str, is_package: bool, tree: ast.AST) -> list[tuple[str, int]]:
    """``(imported module, line)`` of every import inside a function body."""
    out = []
    for fn in ast.walk(tree):
        if isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for n in ast.walk(fn):
                if isinstance(n, ast.Import):
                    out += [(a.name, n.lineno) for a in n.names]
                elif isinstance(n, ast.ImportFrom):
                    out.append((absolute_module(module, is_package, n), n.lineno))
    return sorted(set(out), key=lambda x: x[1])


def load_time_imports(tree: ast.Module):
    """Import statements run when the module loads (module body, ``if``/``try`` blocks included,
    ``if TYPE_CHECKING:`` excluded); never those inside functions or classes' methods."""
    todo = list(tree.body)
    while todo:
        node = todo.pop()
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            yield node
        elif isinstance(node, ast.If):
            if not (isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING"):
                todo += node.body + node.orelse
        elif isinstance(node, ast.Try):
            todo += node.body + node.orelse + node.finalbody + [s for h in node.handlers for s in h.body]


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle of a directed graph as ``[a, b, ..., a]``, or None."""
    colour: dict[str, int] = {}
    stack: list[str] = []

    def visit(m):
        colour[m] = 1
        stack.append(m)
        for t in sorted(graph.get(m, ())):
            if colour.get(t) == 1:
                return stack[stack.index(t):] + [t]
            if t not in colour:
                cycle = visit(t)
                if cycle:
                    return cycle
        colour[m] = 2
        stack.pop()
        return None

    for m in sorted(graph):
        if m not in colour:
            cycle = visit(m)
            if cycle:
                return cycle
    return None


# --- the package -------------------------------------------------------------------------------

def _parse_package() -> dict[str, tuple[str, bool, ast.Module]]:
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        out[module_name(path)] = (path.relative_to(PACKAGE).as_posix(), path.name == "__init__.py",
                                  ast.parse(path.read_text(encoding="utf-8"), filename=str(path)))
    return out


MODULES = _parse_package()


def _check_allowlist(found: dict, allowed: dict, what: str, fix: str) -> None:
    new = {k: v for k, v in sorted(found.items()) if k not in allowed}
    assert not new, f"{what} ({fix}): {new}"
    stale = sorted(set(allowed) - set(found))
    if stale:
        warnings.warn(f"allowlisted {what} that are gone, delete them from the allowlist: {stale}", stacklevel=2)


def test_no_cache_keyed_by_object_identity():
    found = {rel: lines for rel, _, tree in MODULES.values() if (lines := id_calls(tree))}
    _check_allowlist(found, ID_ALLOWED, "id(...) calls",
                     "an id() key is reused once its object is freed; key the cache by value or compute once")


def test_no_numeric_get_fallback_for_a_threshold():
    found: dict = {}
    for rel, _, tree in MODULES.values():
        for key, line in numeric_get_fallbacks(tree):
            found.setdefault((rel, key), []).append(line)
    _check_allowlist(found, GET_FALLBACK_ALLOWED, '.get("key", <number>) fallbacks',
                     "read the number from typed settings so params/defaults.yaml is its one source")


def test_analysis_steps_read_settings_not_the_params_dict():
    found = {}
    for rel, _, tree in MODULES.values():
        if rel.split("/")[0] in SETTINGS_ONLY_PACKAGES and (lines := params_lookups(tree)):
            found[rel] = lines
    _check_allowlist(found, SETTINGS_ONLY_EXEMPT, "params[...] lookups in analysis steps",
                     "read the value from the step's settings (e.g. FulfilmentSettings.of(params)); "
                     "add the key to the settings class if it is missing")


def test_no_private_name_imported_from_another_module():
    found = {(rel, name): True for mod, (rel, pkg, tree) in MODULES.items() for name in private_imports(mod, pkg, tree)}
    _check_allowlist(found, PRIVATE_IMPORT_ALLOWED, "private names imported across modules",
                     "make the name public with a docstring, or move it")


def test_imports_are_at_the_top_of_their_files():
    found: dict = {}
    for mod, (rel, pkg, tree) in MODULES.items():
        for target, line in function_level_imports(mod, pkg, tree):
            found.setdefault((rel, target), []).append(line)
    _check_allowlist(found, LOCAL_IMPORT_ALLOWED, "function-level imports",
                     "move them to the top; only a heavy or optional dependency stays lazy, listed with its reason")


def test_no_import_cycle_among_package_modules():
    graph: dict[str, set[str]] = {m: set() for m in MODULES}
    for mod, (_rel, pkg, tree) in MODULES.items():
        for node in load_time_imports(tree):
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            else:
                base = absolute_module(mod, pkg, node)
                targets = [base] + [f"{base}.{a.name}" for a in node.names if f"{base}.{a.name}" in MODULES]
            for target in targets:
                parts = target.split(".")
                for i in range(1, len(parts) + 1):   # importing a.b.c runs a and a.b first
                    t = ".".join(parts[:i])
                    if t in MODULES and t != mod and not mod.startswith(t + "."):
                        graph[mod].add(t)
    cycle = find_cycle(graph)
    assert cycle is None, f"import cycle at module load: {' -> '.join(cycle)} (import the shared part from a lower module)"


# --- the checks see what they should ------------------------------------------------------------

@pytest.mark.parametrize("source, expected", [
    ("def f(p):\n    return p.get('neutral_band', 0.05)\n", [("neutral_band", 2)]),
    ("def f(p):\n    return p['text'].get('gap', -1)\n", [("gap", 2)]),
    ("def f(p):\n    return p.get('neutral_band')\n", []),
    ("def f(p):\n    return p.get('vader_extra_words', True)\n", []),
    ("def f(p):\n    return p.get('language', 'en')\n", []),
])
def test_the_fallback_check_flags_numeric_defaults_only(source, expected):
    assert numeric_get_fallbacks(ast.parse(source)) == expected


def test_the_params_lookup_check_sees_indexing_and_get_only():
    tree = ast.parse("def f(params, s):\n    a = params['stock']['cover_days']\n"
                     "    b = params.get('stock')\n    c = s.cover_days\n    return FulfilmentSettings.of(params)\n")
    assert params_lookups(tree) == [2, 3]


def test_the_import_checks_resolve_relative_imports():
    tree = ast.parse("from ..aspects import _keys, public\nfrom . import lexicon\n"
                     "def f():\n    from .common import x\n    import numpy\n")
    assert private_imports("seller_lab.text.quality", False, tree) == ["_keys"]
    assert function_level_imports("seller_lab.text.quality", False, tree) == [
        ("seller_lab.text.common", 4), ("numpy", 5)]
    assert absolute_module("seller_lab.text", True, tree.body[1]) == "seller_lab.text"


def test_the_cycle_check_finds_a_hidden_cycle():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert find_cycle(graph) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_the_id_check_sees_an_identity_cache():
    assert id_calls(ast.parse("_C = {}\ndef f(x):\n    return _C.setdefault(id(x), len(x))\n")) == [3]
