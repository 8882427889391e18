"""Message extraction and checks for the report catalogs (gettext through Babel).

Messages come from two places: ``_()``/``gettext()``/``ngettext()``/``N_()`` and a
translator's ``tr()`` calls in the library (with a context: ``pgettext()``, a translator's
``tr.pgettext()`` and ``NC_()``, gettext's ``msgctxt``), and the notebook templates (each markdown cell is one message; code cells are
searched like Python). ``extract_messages()`` collects them; ``catalog_problems()`` lists
every message id that a language's ``.po`` lacks, leaves empty or marks fuzzy — the test
suite fails on any. ``make messages`` writes the template (``seller_lab.pot``) and merges
it into each ``.po``; a translator then fills the new entries.

Examples
--------
>>> import io, json
>>> nb = {"cells": [{"cell_type": "code", "source": [], "metadata": {"tags": ["parameters"]}},
...                 {"cell_type": "markdown", "source": ["## Demand (R1.1)\\n"]},
...                 {"cell_type": "code", "source": ["print(_('Orders'))"]}]}
>>> [m[2] for m in extract_notebook(io.BytesIO(json.dumps(nb).encode()), ["_"], [], {})]
['## Demand (R1.1)', 'Orders']
"""

from __future__ import annotations

import copy
import io
import json
from collections.abc import Iterator
from pathlib import Path

import yaml
from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir, extract_python
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from .. import __version__
from ..sources.write import atomic_write_bytes
from . import DOMAIN, SUPPORTED_LANGUAGES, catalog_path, translator

#: Message functions: gettext's, plus a renderer's translator, named ``tr`` by
#: convention (``tr = translator(lang)``; ``tr("Orders in {month}", month=...)``).
KEYWORDS = {**DEFAULT_KEYWORDS, "tr": None, "NC_": ((1, "c"), 2)}
#: gettext's separator of a context and its message id in a compiled catalog; a message
#: with a context is keyed ``context + CONTEXT_SEP + msgid`` by :func:`extract_messages`.
CONTEXT_SEP = "\x04"

#: Where messages live, as Babel method maps (paths relative to the folder searched).
LIBRARY_METHODS = [("**.py", "python")]
NOTEBOOK_METHODS = [("*.ipynb", "seller_lab.i18n.catalog:extract_notebook")]
PARAMS_METHODS = [("defaults.yaml", "seller_lab.i18n.catalog:extract_params"),
                  ("categories/*.yaml", "seller_lab.i18n.catalog:extract_params"),
                  ("compliance/*.yaml", "seller_lab.i18n.catalog:extract_rules")]
#: Shipped params texts that a report shows (dotted sections; every text value under one is a
#: message), in the defaults and the shipped category files: a seller's own text in a category file of
#: their own is not in the catalog and is shown as written.
PARAMS_MESSAGES = ("research.differentiation",)
#: The texts of the shipped compliance rules files (``params/compliance/*.yaml``) that a report
#: shows, per section of a file; ``authority`` and ``citation`` name bodies and laws and stay as
#: written. A seller's own rules file is not in the catalog and is shown as written.
RULES_MESSAGES = {"rules": ("requirement", "notes"), "restricted": ("item", "notes")}


def _cell_text(cell: dict) -> str:
    src = cell.get("source", "")
    return ("".join(src) if isinstance(src, list) else str(src)).strip()


def is_report_template(nb: dict) -> bool:
    """A report template is run by papermill: it has a cell tagged ``parameters``."""
    return any("parameters" in (c.get("metadata") or {}).get("tags", []) for c in nb.get("cells", []))


def extract_notebook(fileobj, keywords, comment_tags, options) -> Iterator[tuple]:
    """Babel extractor for report templates: one message per markdown cell (its whole
    text), and the gettext calls of the code cells; other notebooks yield nothing. Yields ``(line, funcname, message,
    comments)`` where ``line`` is the cell's number (1-based)."""
    nb = json.load(fileobj)
    if not is_report_template(nb):
        return  # a scratch notebook for analysts (e.g. the quickstart) is not a report
    for number, cell in enumerate(nb.get("cells", []), start=1):
        text = _cell_text(cell)
        if not text:
            continue
        if cell.get("cell_type") == "markdown":
            yield number, None, text, [f"markdown cell {number}"]
        elif cell.get("cell_type") == "code":
            code = io.BytesIO(text.encode("utf-8"))
            for _line, func, message, comments in extract_python(code, keywords, comment_tags,
                                                                   options):
                yield number, func, message, comments


def extract_params(fileobj, keywords, comment_tags, options) -> Iterator[tuple]:
    """Babel extractor for the shipped params (``params/defaults.yaml``): every text value
    under a section of :data:`PARAMS_MESSAGES`, with its line and dotted key."""
    root = yaml.compose(fileobj.read().decode("utf-8"), Loader=yaml.SafeLoader)
    for dotted in PARAMS_MESSAGES:
        node = root
        for part in dotted.split("."):
            node = next((v for k, v in getattr(node, "value", []) if isinstance(node, yaml.MappingNode)
                         and k.value == part), None)
        for key, value in node.value if isinstance(node, yaml.MappingNode) else []:
            if isinstance(value, yaml.ScalarNode) and value.tag.endswith(":str") and value.value.strip():
                yield value.start_mark.line + 1, None, value.value, [f"params {dotted}.{key.value}"]


def extract_rules(fileobj, keywords, comment_tags, options) -> Iterator[tuple]:
    """Babel extractor for the shipped compliance rules files: the :data:`RULES_MESSAGES`
    texts of every rule, with their line and a comment naming the file, the rule id and the key.

    >>> src = b"rules:\\n  - id: US-TOY-F963\\n    requirement: ' ASTM F963 test '\\n    citation: 16 CFR 1250\\n"
    >>> [(line, text, notes) for line, _, text, notes in extract_rules(io.BytesIO(src), [], [], {})]
    [(3, 'ASTM F963 test', ['params compliance/<file> US-TOY-F963 requirement'])]
    """
    name = Path(getattr(fileobj, "name", "") or "<file>").name
    root = yaml.compose(fileobj.read().decode("utf-8"), Loader=yaml.SafeLoader)
    sections = root.value if isinstance(root, yaml.MappingNode) else []
    for section, entries in sections:
        keys = RULES_MESSAGES.get(section.value, ())
        for entry in entries.value if keys and isinstance(entries, yaml.SequenceNode) else []:
            fields = {k.value: v for k, v in entry.value} if isinstance(entry, yaml.MappingNode) else {}
            rule_id = getattr(fields.get("id"), "value", "?")
            for key in keys:
                value = fields.get(key)
                if isinstance(value, yaml.ScalarNode) and value.tag.endswith(":str") and value.value.strip():
                    # the loader strips a rule's texts, so the message id is the stripped text
                    yield (value.start_mark.line + 1, None, value.value.strip(),
                           [f"params compliance/{name} {rule_id} {key}"])


def extract_messages(package_dir: str | Path, notebooks_dir: str | Path | None = None,
                     params_dir: str | Path | None = None) -> dict:
    """Every message id of the library (and the templates, and the shipped params texts of
    :data:`PARAMS_MESSAGES` and :data:`RULES_MESSAGES`; ``params_dir`` defaults to ``params/``
    beside the package): ``{msgid: [where, ...]}``. A plural message is keyed by its singular
    form, a message with a context by ``context + CONTEXT_SEP + msgid`` (one English word with
    two meanings is two entries)."""
    found: dict[str, list[str]] = {}
    for key, where, _comments in _extracted(package_dir, notebooks_dir, params_dir):
        found.setdefault(key, []).append(where)
    return found


def _extracted(package_dir, notebooks_dir, params_dir) -> Iterator[tuple[str, str, list[str]]]:
    """``(key, where, comments)`` of every message found (the extractors' comments say where
    a text comes from, e.g. the rules file and rule id, for the translator)."""
    sources = [(Path(package_dir), LIBRARY_METHODS)]
    if notebooks_dir is not None and Path(notebooks_dir).is_dir():
        sources.append((Path(notebooks_dir), NOTEBOOK_METHODS))
    params_dir = Path(params_dir) if params_dir is not None else Path(package_dir).resolve().parent / "params"
    if params_dir.is_dir():
        sources.append((params_dir, PARAMS_METHODS))
    for folder, methods in sources:
        for name, line, message, comments, context in extract_from_dir(
                folder, methods, keywords=KEYWORDS):
            msgid = message[0] if isinstance(message, tuple) else message
            if msgid:
                key = f"{context}{CONTEXT_SEP}{msgid}" if context else msgid
                yield key, f"{folder.name}/{name}:{line}", list(comments)


def catalog_problems(lang: str, messages: dict) -> list[str]:
    """One line per message id that ``lang``'s catalog is missing, leaves untranslated or
    marks fuzzy (English needs no catalog: its message ids are the text)."""
    if lang == "en":
        return []
    path = catalog_path(lang)
    if not path.is_file():
        return [f"{path.name} for {lang!r} does not exist; run make messages"]
    with path.open("rb") as fh:
        catalog = read_po(fh, locale=lang, domain=DOMAIN)
    problems = []
    for key, where in sorted(messages.items()):
        context, msgid = split_context(key)
        entry = catalog.get(msgid, context=context)
        label = f"{msgid!r} [{context}]" if context else repr(msgid)
        text = entry.string if entry is not None else None
        if isinstance(text, tuple):
            text = text[0] if all(text) else ""
        if entry is None:
            problems.append(f"missing: {label} ({where[0]})")
        elif not text:
            problems.append(f"untranslated: {label} ({where[0]})")
        elif entry.fuzzy:
            problems.append(f"fuzzy: {label} ({where[0]})")
    return problems


def split_context(key: str) -> tuple[str | None, str]:
    """``(context, msgid)`` of a key of :func:`extract_messages` (context None when it has none).

    >>> split_context("stock status" + CONTEXT_SEP + "low"), split_context("low")
    (('stock status', 'low'), (None, 'low'))
    """
    context, sep, msgid = key.rpartition(CONTEXT_SEP)
    return (context, msgid) if sep else (None, key)


def translate_notebook(nb: dict, lang: str) -> dict:
    """A copy of a template whose markdown cells are in ``lang`` (code cells untouched);
    the runner executes this copy, so the template itself stays one English file."""
    if lang not in SUPPORTED_LANGUAGES:
        raise ValueError(f"unsupported report language {lang!r}")
    out = copy.deepcopy(nb)
    t = translator(lang)
    for cell in out.get("cells", []):
        if cell.get("cell_type") == "markdown" and _cell_text(cell):
            cell["source"] = t(_cell_text(cell))
    return out


def catalog_template(package_dir: str | Path, notebooks_dir: str | Path | None = None):
    """The ``.pot`` catalog of every message id, with where each one is used."""
    template = Catalog(domain=DOMAIN, project="seller_lab", fuzzy=False)
    found: dict[str, tuple[list, list]] = {}
    for key, where, comments in _extracted(package_dir, notebooks_dir, None):
        locations, notes = found.setdefault(key, ([], []))
        locations.append((where.rsplit(":", 1)[0], int(where.rsplit(":", 1)[1])))
        notes.extend(c for c in comments if c not in notes)
    for key, (locations, notes) in found.items():
        context, msgid = split_context(key)
        template.add(msgid, context=context, locations=locations, auto_comments=notes)
    return template


def update_catalogs(package_dir: str | Path, notebooks_dir: str | Path | None = None) -> dict:
    """Merge the current message ids into every language's ``.po`` (new ids come in empty,
    changed ones fuzzy, unused ones are dropped); returns ``{lang: problems}``."""
    template = catalog_template(package_dir, notebooks_dir)
    messages = {(f"{m.context}{CONTEXT_SEP}{m.id}" if m.context else m.id): [f"{f}:{n}" for f, n in m.locations]
                for m in template if m.id}
    out = {}
    for lang in SUPPORTED_LANGUAGES:
        path = catalog_path(lang)
        if lang == "en" or not path.is_file():
            continue
        with path.open("rb") as fh:
            catalog = read_po(fh, locale=lang, domain=DOMAIN)
        template.creation_date = catalog.creation_date  # no date churn in git: history says when
        catalog.update(template, no_fuzzy_matching=False)
        catalog.project, catalog.version = "seller_lab", __version__
        catalog.last_translator = catalog.language_team = f"seller_lab <{lang}>"
        catalog.revision_date = catalog.creation_date
        catalog.obsolete.clear()
        atomic_write_bytes(path, _po_bytes(catalog))
        out[lang] = catalog_problems(lang, messages)
    return out


def compile_catalogs() -> list[Path]:
    """Compile every ``.po`` to its ``.mo`` (done at install; the runtime compiles a missing
    or stale one in memory)."""
    written = []
    for lang in SUPPORTED_LANGUAGES:
        po = catalog_path(lang)
        if not po.is_file():
            continue
        with po.open("rb") as fh:
            catalog = read_po(fh, locale=lang, domain=DOMAIN)
        buf = io.BytesIO()
        write_mo(buf, catalog, use_fuzzy=False)
        atomic_write_bytes(catalog_path(lang, ".mo"), buf.getvalue())
        written.append(catalog_path(lang, ".mo"))
    return written


def _po_bytes(catalog) -> bytes:
    buf = io.BytesIO()
    write_po(buf, catalog, width=100, sort_output=False, omit_header=False)
    return buf.getvalue()

