"""The inputs overview in the page's language (R7, issue 13): the importers' reasons for a
rejected row and the errors of a file that could not be loaded are phrases (template + values),
kept as such in the store, and said in Chinese on a Chinese page."""

from __future__ import annotations

import copy
import html
import json
import re
import shutil
from pathlib import Path

import pandas as pd

from seller_lab.i18n import translator
from seller_lab.i18n.phrase import Phrase, from_phrase_json
from seller_lab.report.sections import inputs_overview, rejected_rows
from seller_lab.sources import store
from seller_lab.sources.category import load_category
from seller_lab.sources.importers.rows import Reasons, rejected_frame

CJK = re.compile(r"[\u4e00-\u9fff]")
SHOWN = ["file", "row", "column", "value", "problem"]


def _text(fragment: str) -> str:
    """What a reader sees, every table cell between ``|``."""
    return re.sub(r"(?:\s*\|\s*)+", " | ", html.unescape(re.sub(r"<[^>]+>", " | ", fragment)))


def _name(path) -> str:
    return str(path).replace("\\", "/").rsplit("/", 1)[-1]


def _files(data) -> pd.DataFrame:
    return data.files.assign(name=data.files["file"].map(_name)).set_index("name")


def test_every_bad_row_is_rejected_with_a_phrased_reason(bad_inputs):
    _, data = bad_inputs
    rej = data.rejected.assign(name=data.rejected["file"].map(_name))
    got = {(n, int(r)): p for n, r, p in zip(rej["name"], rej["row"], rej["problem"], strict=True)}
    assert got == {
        ("erp_bestellungen_nachtrag.csv", 2): "not a whole number (text in the cell)",
        ("multiTimeline.csv", 6): "expected an interest value 0-100 or '<1'",
        ("reviews_competitors.jsonl", 1): "star rating is not a number (write it as a number, e.g. 5)",
        ("reviews_competitors.jsonl", 2): "star rating outside 1-5 (sources.rows.rating_min/rating_max)",
        ("reviews_competitors.jsonl", 3): "malformed ASIN (an ASIN is 10 letters or digits, e.g. B0DKR2T7Q1)",
        ("reviews_competitors.jsonl", 4): "empty or unreadable 'text'"}
    phrases = [from_phrase_json(j, "") for j in rej["phrase"]]
    assert all(isinstance(p, Phrase) for p in phrases)
    assert [str(p) for p in phrases] == rej["problem"].tolist()    # the phrase says the English reason
    outside = phrases[3]
    assert outside.template.startswith("star rating outside {lo:g}-{hi:g}") and outside.values == {"lo": 1.0, "hi": 5.0}


def test_rejected_rows_and_unloadable_files_read_in_chinese(bad_inputs):
    _, data = bad_inputs
    en, zh = _text(inputs_overview(data, "en").html), _text(inputs_overview(data, "zh").html)
    for english, chinese in [
            ("not a whole number (text in the cell)", "不是整数（单元格中有文字）"),
            ("star rating is not a number", "星级评分不是数字（请写成数字，例如 5）"),
            ("star rating outside 1-5", "星级评分不在 1–5 之间"),
            ("malformed ASIN", "ASIN 格式错误"),
            ("empty or unreadable 'text'", "「text」为空或无法读取"),
            ("expected an interest value 0-100", "应为 0–100 的热度值"),
            ("the file is empty (0 bytes or only blank lines). Fix: export the report again",
             "文件为空（0 字节或只有空行）。修正方法：重新导出报表"),
            ("the file is not text (binary content", "文件不是文本（开头是二进制内容）"),
            ("but required column(s) are missing: units (one of: quantity,", "但缺少必需的列：units（可用表头之一：quantity,"),
            ("the delimiter could not be detected", "无法识别分隔符")]:
        assert english in en and english not in zh, english
        assert chinese in zh, chinese
    assert "被拒绝的行（6）" in zh and "<th>原因</th>" in inputs_overview(data, "zh").html
    files = _files(data)
    assert files.loc["orders_download_failed.csv", "status"] == "failed"          # listed, not fatal
    assert files.loc["orders_export.csv", "status"] == "failed"
    assert files.loc["orders_missing_quantity.csv", "status"] == "not recognised"
    assert files.loc["orders_space_separated.csv", "status"] == "not recognised"
    assert "| 失败 |" in zh and "| 无法识别 |" in zh


def test_values_in_a_reason_stay_as_the_file_wrote_them(bad_inputs):
    """Values are data: the file's own headers and cells are shown as written inside the Chinese sentence."""
    _, data = bad_inputs
    zh = _text(inputs_overview(data, "zh").html)
    assert "找到的表头为 'Order ID', 'SKU', 'Purchase Date (UTC)'" in zh
    assert "| Menge | zwei | 不是整数（单元格中有文字） |" in zh
    assert "| rating | five | 星级评分不是数字" in zh


def test_a_reason_kept_as_text_only_is_shown_as_kept():
    rej = pd.DataFrame({"file": ["a.csv", "a.csv"], "row": [2, 3], "column": ["qty", "qty"], "value": ["x", "-1"],
                        "problem": ["an importer's own sentence", "negative quantity"], "phrase": ["", None]})
    shown = rejected_rows(rej, translator("zh"))
    assert shown["problem"].tolist() == ["an importer's own sentence", "negative quantity"]
    assert list(shown.columns) == SHOWN


def test_reasons_are_built_once_per_distinct_value_and_keep_row_order():
    n = 100_000
    found = pd.Series([5, 3] * (n // 2)).to_numpy()
    r = Reasons.of(n, "expected {expected} cells, found {found}", expected=4, found=found)
    assert len(set(r.phrase)) == 2 and r.text[0] == "expected 4 cells, found 5" and r.text[1].endswith("found 3")
    frame = rejected_frame(range(n), "", "", r)
    assert from_phrase_json(frame["phrase"].iloc[-1], "").values == {"expected": 4, "found": 3}


#: The files of the bad-inputs category a store test keeps: every one with a rejected row and
#: both that are not recognised (a failed file is never recorded in the store, so a report of a
#: folder holding one reads the files; the other exports only make the test slower).
STORED = ("reviews_competitors.jsonl", "multiTimeline.csv", "erp_bestellungen_nachtrag.csv",
          "orders_missing_quantity.csv", "orders_space_separated.csv")


def _stored_category(bad_inputs, tmp_path) -> dict:
    params, _ = bad_inputs
    params = copy.deepcopy(params)
    folder = tmp_path / "data"
    folder.mkdir()
    for name in STORED:
        shutil.copyfile(Path(params["category"]["data_dir"]) / name, folder / name)
    params["category"]["data_dir"] = str(folder)
    params["paths"]["store"] = str(tmp_path / "store.duckdb")
    return params


def test_reasons_and_file_errors_come_back_from_the_store_as_phrases(bad_inputs, tmp_path):
    params = _stored_category(bad_inputs, tmp_path)
    store.ingest_category(params)
    stored = load_category(params)
    direct = load_category(params, use_store=False)
    assert stored.origin == "store" and direct.origin == "files"
    pd.testing.assert_frame_equal(stored.rejected[SHOWN].astype(str), direct.rejected[SHOWN].astype(str))
    for a, b in zip(stored.rejected["phrase"], direct.rejected["phrase"], strict=True):
        pa, pb = from_phrase_json(a, ""), from_phrase_json(b, "")
        assert isinstance(pa, Phrase) and (pa.template, pa.values) == (pb.template, pb.values)
    message = _files(stored).loc["orders_missing_quantity.csv", "message"]
    assert isinstance(message, Phrase) and message.template == "column '{column}': {problem}. Fix: {fix}"
    tr = translator("zh")
    assert rejected_rows(stored.rejected, tr).equals(rejected_rows(direct.rejected, tr))
    zh = _text(inputs_overview(stored, "zh").html)
    assert "星级评分不是数字" in zh and "但缺少必需的列" in zh and "star rating" not in zh


def test_a_store_written_before_the_reasons_were_phrases_reloads_each_file_once(bad_inputs, tmp_path, monkeypatch):
    params = _stored_category(bad_inputs, tmp_path)
    with monkeypatch.context() as m:   # the store as the previous version wrote it
        m.setattr(store, "STORE_FORMAT", 2)
        store.ingest_category(params)
    con = store.open_store(params, read_only=False)
    con.execute('ALTER TABLE rejected DROP COLUMN "phrase"')
    con.close()
    con = store.open_store(params, read_only=True)
    old = store.read_rejected(con)
    con.close()
    assert len(old) == 6 and set(old["phrase"]) == {""}           # readable: reasons as kept, English
    assert load_category(params).origin == "files"                  # out of date: the files are read
    again = store.ingest_category(params)
    assert set(again["status"]) == {"replaced", "not recognised"}   # every file reloaded once ...
    assert set(store.ingest_category(params)["status"]) == {"unchanged"}   # ... and only once
    data = load_category(params)
    assert data.origin == "store"
    assert all(isinstance(from_phrase_json(j, ""), Phrase) for j in data.rejected["phrase"])
    assert "ASIN 格式错误" in _text(inputs_overview(data, "zh").html)


def test_every_file_of_the_folder_is_listed_even_when_none_loads(tmp_path):
    from seller_lab.params import load_params

    for name in ("empty.csv", "garbage.bin", "missing_column.csv"):
        shutil.copyfile(Path(__file__).resolve().parents[1] / "data" / "sources" / name, tmp_path / name)
    params = load_params("kitchen-organizer-de")
    params["category"]["data_dir"] = str(tmp_path)
    params["paths"]["store"] = str(tmp_path / "none.duckdb")
    data = load_category(params, use_store=False)
    assert sorted(data.files["status"]) == ["failed", "failed", "not recognised"]
    assert "orders" in data.missing
    zh = _text(inputs_overview(data, "zh").html)
    assert zh.count("修正方法") == 3 and len(CJK.findall(zh)) > 60
    # the missing kinds are named as the kind column names them, not as a run of English words
    missing = re.search(r"缺少的输入（需要它们的章节会注明）：([^|]*)", zh)
    assert missing and "订单、" in missing[1] and "评论" in missing[1]
    assert not re.search(r"[A-Za-z]+[ ,、]+[A-Za-z]", missing[1])     # ('listing' is the team's word)
    # a kind is named as a kind ('竞品', '买家问答'), not as the count its column header says ('listing 数')
    assert "竞品" in missing[1] and "买家问答" in missing[1] and "数" not in missing[1], missing[1]
    assert "trends, posts, reviews" in _text(inputs_overview(data, "en").html)


def test_a_file_refused_by_strict_mode_is_listed_with_its_first_bad_row_in_chinese(tmp_path):
    """``sources.on_bad_rows_by_kind.orders: strict`` refuses a file with a bad row: the file is
    listed as failed (the others still load) and says which row, column and value, in Chinese."""
    from seller_lab.params import load_params

    shutil.copyfile(Path(__file__).resolve().parents[1] / "data" / "sources" / "erp_bestellungen_bad_row.csv",
                    tmp_path / "erp_bestellungen.csv")
    params = load_params("camping-chair-de")
    params["category"]["data_dir"] = str(tmp_path)
    params["paths"]["store"] = str(tmp_path / "none.duckdb")
    params["sources"]["on_bad_rows_by_kind"] = {"orders": "strict"}
    data = load_category(params, use_store=False)
    assert data.files["status"].tolist() == ["failed"] and len(data.rejected) == 0
    en, zh = _text(inputs_overview(data, "en").html), _text(inputs_overview(data, "zh").html)
    assert ("row 2, column 'Menge': not a whole number (text in the cell) (found 'zwei'; 1 bad row(s) in total). "
            "Fix: correct the row(s) in the export") in en
    assert ("第 2 行，列「Menge」：不是整数（单元格中有文字）（发现 'zwei'；共 1 个错误行）。"
            "修正方法：在导出文件中修正这些行") in zh


def _bad_files(folder: Path) -> list[Path]:
    """Exports in real layouts with one bad row or cell of every kind an analyst meets."""
    orders = folder / "orders.csv"
    orders.write_text("Order ID,SKU,Quantity,Purchase Date (UTC),Item Price\n"
                      "111-1,KO,1,2026-10-01 10:00:00,29.90 €\n"
                      "111-2,KO,2 Stk,2026-10-01 10:00:00,29.90 €\n"      # text in a quantity
                      "111-3,KO,1e3,2026-10-01 10:00:00,29.90 €\n"        # exponent
                      "111-4,KO,3.7,2026-10-01 10:00:00,29.90 €\n"        # a fraction
                      "111-5,KO,-2,2026-10-01 10:00:00,29.90 €\n"         # negative
                      "111-6,KO,99999999999,2026-10-01 10:00:00,29.90 €\n"  # overflow
                      "111-7,KO,,2026-10-01 10:00:00,29.90 €\n"           # empty required value
                      "111-8,KO,1,2099-01-01 10:00:00,29.90 €\n"          # dated in the future
                      "111-9,KO,1,2026-10-01 10:00:00,£10.00\n"           # no GBP rate
                      "111-10,KO,1,5,2026-10-01 10:00:00,29.90 €\n"       # an unquoted delimiter
                      "111-11,KO,1,2026-10-02 10:00:00,29.90 €\n"
                      "111-12,KO,1", encoding="utf-8")                    # cut off inside the last row
    cny = folder / "erp.csv"
    cny.write_text("订单号,SKU,数量,单价,币种,付款时间\nA-1,KO,1,29.90,EUR,2026-10-01 09:00:00\n"
                   "A-2,KO,1,$29.90,EUR,2026-10-01 09:00:00\n"            # price and currency column disagree
                   "A-3,KO,1,29.90,EUR,gestern\n", encoding="utf-8")      # not a date
    reviews = folder / "reviews.jsonl"
    good = {"rating": 5.0, "title": "Stabil", "text": "Steht fest.", "images": [], "asin": "B0DKR2T7Q1",
            "parent_asin": "B0DKR2T7Q1", "user_id": "AG1", "timestamp": 1761998400000, "helpful_vote": 0,
            "verified_purchase": True}
    recs = [good, {**good, "rating": "five"}, {**good, "rating": 0}, {**good, "asin": "B0-SHORT"},
            {**good, "text": "", "rating": None}]
    reviews.write_text("".join(json.dumps(r) + "\n" for r in recs) + '{"rating": 5.0, "title": \n',
                       encoding="utf-8")                                  # a broken JSON line
    trends = folder / "multiTimeline.csv"
    trends.write_text("Category: All categories\n\nWeek,drying rack: (Germany)\n2026-09-06,40\n"
                      "2026-09-13,k.A.\nlast week,41\n2026-09-27,38,12\n2026-10-04,44\n", encoding="utf-8")
    return [orders, cny, reviews, trends]


def test_every_reason_an_importer_gives_is_a_catalog_phrase_said_in_chinese(tmp_path, project_root):
    from seller_lab.i18n.catalog import extract_messages
    from seller_lab.params import load_params
    from seller_lab.sources import load_file

    shipped = extract_messages(project_root / "seller_lab", project_root / "notebooks")
    params = load_params("kitchen-organizer-de")
    rejected = pd.concat([load_file(p, params=params).rejected for p in _bad_files(tmp_path)], ignore_index=True)
    zh = translator("zh")
    templates = set()
    for english, j in zip(rejected["problem"], rejected["phrase"], strict=True):
        p = from_phrase_json(j, "")
        assert isinstance(p, Phrase) and str(p) == english, english
        assert p.template in shipped, p.template                      # the catalog test covers it
        said = rejected_rows(pd.DataFrame({"problem": [english], "phrase": [j]}), zh)["problem"].iloc[0]
        assert CJK.search(said) and said != english, english
        templates.add(p.template)
    assert len(templates) >= 20, sorted(templates)
