"""A category whose data folder holds what an analyst really meets: exports with bad rows and
files that cannot be loaded, for the whole-page tests of both report languages."""

from __future__ import annotations

import copy
import json
import shutil
from pathlib import Path

import pytest

from seller_lab.i18n.phrase import Phrase, from_phrase_json
from seller_lab.params import load_params
from seller_lab.sources.category import load_category

SOURCES = Path(__file__).resolve().parents[1] / "data" / "sources"
BAD_SLUG = "camping-chair-de"


def _break_reviews(path: Path) -> None:
    """Four reviews of the category's own competitor export broken as exports break them:
    a star rating written as a word, one out of range, a malformed ASIN, a review with
    neither text nor rating."""
    lines = path.read_text(encoding="utf-8").splitlines()
    recs = [json.loads(x) for x in lines[:4]]
    recs[0]["rating"] = "five"
    recs[1]["rating"] = 9
    recs[2]["asin"] = recs[2]["parent_asin"] = "B0-KQ5ZV3"
    recs[3]["text"], recs[3]["rating"] = "", None
    path.write_text("\n".join([*(json.dumps(r, ensure_ascii=False) for r in recs), *lines[4:]]) + "\n",
                    encoding="utf-8")


def _break_trends(path: Path) -> None:
    """The Trends export with one interest cell that is not a number ('k.A.')."""
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    first = next(i for i, x in enumerate(lines) if x[:4].isdigit())
    cells = lines[first + 5].split(",")
    cells[1] = "k.A."
    lines[first + 5] = ",".join(cells)
    path.write_text("\ufeff" + "\n".join(lines) + "\n", encoding="utf-8")


@pytest.fixture(scope="session")
def bad_inputs(demo_root, tmp_path_factory):
    """``(params, data)`` of the demo camping chair category plus bad inputs: its competitor
    reviews and Trends export with broken rows, a German ERP orders export whose quantity
    reads 'zwei' (``tests/data/sources``), an orders export missing its quantity column and
    one with an undetectable delimiter (not recognised), an empty file and a binary file
    (failed). Shared read-only: copy before changing."""
    folder = tmp_path_factory.mktemp("bad_inputs") / BAD_SLUG
    shutil.copytree(demo_root / BAD_SLUG, folder)
    _break_reviews(folder / "reviews_competitors.jsonl")
    _break_trends(folder / "multiTimeline.csv")
    for name, as_name in [("erp_bestellungen_bad_row.csv", "erp_bestellungen_nachtrag.csv"),
                          ("missing_column.csv", "orders_missing_quantity.csv"),
                          ("wrong_delimiter.csv", "orders_space_separated.csv"),
                          ("empty.csv", "orders_download_failed.csv"),
                          ("garbage.bin", "orders_export.csv")]:
        shutil.copyfile(SOURCES / name, folder / as_name)
    params = load_params(BAD_SLUG)
    params["category"]["data_dir"] = str(folder)
    params["paths"]["store"] = str(folder.parent / "none.duckdb")
    return params, load_category(copy.deepcopy(params), use_store=False)


def _values(v) -> list[str]:
    """The values a phrase was filled with, at any depth (its templates are the page's text)."""
    if isinstance(v, Phrase):
        return [x for val in v.values.values() for x in _values(val)]
    if isinstance(v, list | tuple):
        return [x for val in v for x in _values(val)]
    return [str(v)] if isinstance(v, str) else []


@pytest.fixture(scope="session")
def input_words():
    """``words(data)``: what the inputs overview shows that is data and stays as written on a
    Chinese page: file paths, layouts, encodings, the rejected rows' columns and values, and the
    values inside the importers' sentences (a file's headers, a delimiter, the parser's words)."""

    def words(data) -> list[str]:
        files, rej = data.files, data.rejected
        out = [*map(str, files["file"]), *map(str, files["layout"]), *map(str, files["encoding"])]
        out += [*map(str, rej["column"]), *map(str, rej["value"])]
        for message in files["message"]:
            out += _values(message)
        for j in rej["phrase"]:
            out += _values(from_phrase_json(j, ""))
        # one word alone cannot make an English run (a table cell or a phrase's punctuation
        # bounds it), and taking it out of the page would cut the sentences around it
        return sorted({w.strip() for w in out if " " in w.strip()}, key=len, reverse=True)

    return words
