"""``seller-lab ingest`` speaks the category's report language (``--lang`` overrides it);
``--json`` stays English. The data folder holds the real review dumps of
tests/data/review_exports/ (provenance in its README) and a supplier's price list that no
export layout matches."""

from __future__ import annotations

import argparse
import json
import shutil
import unicodedata
from pathlib import Path

import pandas as pd
import pytest
import yaml

from seller_lab.sources.ingest_cli import register_ingest, summary_text

DATA = Path(__file__).resolve().parents[1] / "data"
REVIEW_EXPORTS = ("amazon_customer_reviews_us.tsv", "amazon_fine_food_reviews_sample.csv")  # 9 and 49 reviews
PRICE_LIST = "Lieferant;Artikel;Einkaufspreis\nHaushaltwaren Nord;Tellerablage;7,90\n"
SLUG = "kitchen-organizer-de"


@pytest.fixture()
def project(tmp_path, params_dir):
    """A params folder with one category (report.language zh) whose data folder holds the
    two review dumps and the price list; the store lives in tmp."""
    pdir = tmp_path / "params"
    (pdir / "categories").mkdir(parents=True)
    shutil.copy(params_dir / "defaults.yaml", pdir / "defaults.yaml")
    cat = yaml.safe_load((params_dir / "categories" / f"{SLUG}.yaml").read_text("utf-8"))
    folder = tmp_path / "data" / SLUG
    folder.mkdir(parents=True)
    for name in REVIEW_EXPORTS:
        shutil.copy(DATA / "review_exports" / name, folder / name)
    (folder / "lieferanten_preisliste.csv").write_text(PRICE_LIST, encoding="utf-8")
    cat["category"]["data_dir"] = str(folder)
    cat["paths"] = {"store": str(tmp_path / "data" / "store.duckdb")}
    cat.setdefault("report", {})["language"] = "zh"
    (pdir / "categories" / f"{SLUG}.yaml").write_text(yaml.safe_dump(cat, allow_unicode=True), "utf-8")
    return tmp_path


def ingest(project, *flags) -> int:
    parser = argparse.ArgumentParser(prog="seller-lab")
    register_ingest(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["ingest", SLUG, "--params-dir", str(project / "params"), *flags])
    return args.func(args)


def cells(text: str) -> int:
    """Terminal cells of ``text`` (two for a wide CJK character), counted independently."""
    return sum(1 + (unicodedata.east_asian_width(c) in "WF") for c in text)


def test_summary_is_in_chinese_when_the_category_reports_in_chinese(project, capsys):
    assert ingest(project) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0] == f"数据库：{project / 'data' / 'store.duckdb'}"
    assert f"{SLUG}: 已导入 2 个、无法识别 1 个" in lines
    files = {line.rsplit("  ", 1)[-1]: line for line in lines if line.startswith("  ") and "行被拒绝" in line}
    assert set(files) == {*REVIEW_EXPORTS, "lieferanten_preisliste.csv"}
    tsv, food, prices = (files[n].split() for n in (*REVIEW_EXPORTS, "lieferanten_preisliste.csv"))
    assert tsv[:6] == ["已导入", "评论", "amazon_reviews_csv", "9", "行", "0"]
    assert food[:6] == ["已导入", "评论", "amazon_reviews_csv", "49", "行", "0"]  # one exact duplicate collapsed
    assert prices[:6] == ["无法识别", "-", "-", "0", "行", "0"]
    # why the price list was refused, in Chinese and naming its headers as written
    why = lines[lines.index(files["lieferanten_preisliste.csv"]) + 1]
    assert why.startswith(f"      {project / 'data' / SLUG / 'lieferanten_preisliste.csv'}：没有已知的导出格式")
    assert "'Lieferant', 'Artikel', 'Einkaufspreis'" in why and "修正方法" in why
    for english in ("loaded", "not recognised", " rows", "rejected", "store:", "Fix:"):
        assert english not in out
    # the columns line up in terminal cells although 无法识别 is longer than 已导入
    assert len({cells(line[:line.index(" 行 ")]) for line in files.values()}) == 1


def test_lang_en_gives_the_english_summary(project, capsys):
    assert ingest(project, "--lang", "en") == 0
    folder = project / "data" / SLUG
    assert capsys.readouterr().out == (
        f"store: {project / 'data' / 'store.duckdb'}\n"
        "\n"
        f"{SLUG}: 2 loaded, 1 not recognised\n"
        "  loaded          reviews    amazon_reviews_csv                   9 rows       0 rejected  "
        "amazon_customer_reviews_us.tsv\n"
        "  loaded          reviews    amazon_reviews_csv                  49 rows       0 rejected  "
        "amazon_fine_food_reviews_sample.csv\n"
        "      1 exact duplicate record(s) (same author, product, time and text) collapsed into one "
        "(sources.rows.drop_duplicates)\n"
        "  not recognised  -          -                                    0 rows       0 rejected  "
        "lieferanten_preisliste.csv\n"
        f"      {folder / 'lieferanten_preisliste.csv'}: no known export layout has these headers: "
        "'Lieferant', 'Artikel', 'Einkaufspreis' (the file was read as UTF-8). Fix: check that this is one "
        "of the supported exports (see `seller-lab inspect --help`) or map your headers in params under "
        "sources.columns.<kind>; if those headers look garbled, the file is not in UTF-8: save it again as "
        "CSV UTF-8\n")


def test_the_summary_says_which_rows_were_rejected_and_why(project, capsys):
    # the real US review dump with a rating written out, an impossible date, a rating of 9 and an empty rating: each
    # row is rejected and the summary names its row, column, value and reason (the report's inputs overview and
    # 'seller-lab inspect' list them all); before, it printed only '4 rejected' and loaded the bad date as no date
    folder = project / "data" / SLUG
    for name in (*REVIEW_EXPORTS, "lieferanten_preisliste.csv"):
        (folder / name).unlink()
    lines = (DATA / "review_exports" / REVIEW_EXPORTS[0]).read_text("utf-8").splitlines()
    header = lines[0].split("\t")
    for line_no, column, value in ((3, "star_rating", "five"), (5, "review_date", "2015-13-45"),
                                   (6, "star_rating", "9"), (7, "star_rating", "")):
        cells = lines[line_no].split("\t")
        cells[header.index(column)] = value
        lines[line_no] = "\t".join(cells)
    (folder / "reviews_us.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert ingest(project, "--lang", "en") == 0
    out = capsys.readouterr().out.splitlines()
    at = next(i for i, line in enumerate(out) if line.endswith("reviews_us.tsv"))
    assert out[at].split()[3:6] == ["5", "rows", "4"], out[at]
    assert out[at + 1:at + 5] == [
        "      data row 3, column 'star_rating' 'five': expected a number",
        "      data row 5, column 'review_date' '2015-13-45': expected a date/time",
        "      data row 6, column 'star_rating' '9': star rating outside 1-5 (sources.rows.rating_min/rating_max)",
        f"      ... and 1 more rejected row(s): 'seller-lab inspect {folder / 'reviews_us.tsv'} --category {SLUG} "
        "--max-rejected 4' lists them all"]
    assert ingest(project, "--lang", "zh", "--force") == 0
    out = capsys.readouterr().out.splitlines()
    at = next(i for i, line in enumerate(out) if line.endswith("reviews_us.tsv"))
    assert out[at + 1] == "      第 3 行数据、列「star_rating」 'five'：应为数字", out[at + 1]
    assert out[at + 4].startswith("      ……另有 1 行被拒绝：")


def test_json_is_the_same_english_in_every_language(project, capsys):
    assert ingest(project) == 0   # --force below: each run re-loads, so each says 'replaced'
    capsys.readouterr()
    outputs = []
    for flags in ((), ("--lang", "zh"), ("--lang", "en")):
        assert ingest(project, "--json", "--force", *flags) == 0
        outputs.append(capsys.readouterr().out)
    assert outputs[0] == outputs[1] == outputs[2]
    rows = {Path(r["file"]).name: r for r in json.loads(outputs[0])}
    assert [list(r) for r in rows.values()] == [["category", "file", "kind", "layout", "status", "rows",
                                                 "rejected", "sha256", "message"]] * 3
    assert {n: (r["status"], r["rows"]) for n, r in rows.items()} == {
        "amazon_customer_reviews_us.tsv": ("replaced", 9), "amazon_fine_food_reviews_sample.csv": ("replaced", 49),
        "lieferanten_preisliste.csv": ("not recognised", 0)}
    assert rows["amazon_fine_food_reviews_sample.csv"]["message"].startswith("1 exact duplicate record(s)")
    assert rows["lieferanten_preisliste.csv"]["message"].startswith(
        f"{project / 'data' / SLUG / 'lieferanten_preisliste.csv'}: no known export layout")


def test_the_closing_error_line_follows_the_language(project, capsys):
    shutil.copy(DATA / "sources" / "empty.csv", project / "data" / SLUG / "bestellungen_leer.csv")
    assert ingest(project) == 1
    zh = capsys.readouterr()
    assert zh.err == "错误：1 个文件未能导入（保留其原有数据行）；请查看上方的说明\n"
    assert f"{SLUG}: 已导入 2 个、导入失败 1 个、无法识别 1 个" in zh.out
    assert "：文件为空（0 字节或只有空行）。修正方法：" in zh.out
    assert ingest(project, "--lang", "en") == 1
    en = capsys.readouterr()
    assert en.err == ("error: 1 file(s) could not be loaded (their previous rows are kept); "
                      "see the messages above\n")
    assert f"{SLUG}: 3 unchanged, 1 error" in en.out


def test_summary_pads_chinese_statuses_and_kinds_by_terminal_cells():
    summary = pd.DataFrame({"category": ["toy-us"] * 3, "file": ["/d/a.csv", "/d/b.csv", "/d/c.csv"],
                            "kind": ["orders", "listings", ""], "layout": ["erp_orders", "helium10_xray", ""],
                            "status": ["replaced", "unchanged", "error"], "rows": [1234567, 12, 0],
                            "rejected": [3, 0, 0], "message": ["", "", "plain text kept as written"]})
    lines = summary_text(summary, "s.duckdb", lang="zh").splitlines()
    assert lines[2] == "toy-us: 已更新 1 个、未变更 1 个、导入失败 1 个"
    assert lines[3].split()[:5] == ["已更新", "订单", "erp_orders", "1,234,567", "行"]
    assert lines[-1] == "      plain text kept as written"   # a message kept as text only: as is
    assert len({cells(line[:line.index(" 行 ")]) for line in lines[3:6]}) == 1


def test_an_error_raised_while_reading_a_file_is_said_in_chinese(project, capsys):
    # the real US review dump with its rating column twice (two exports pasted side by side): the error was English
    # text under a Chinese summary
    folder = project / "data" / SLUG
    for name in (*REVIEW_EXPORTS, "lieferanten_preisliste.csv"):
        (folder / name).unlink()
    lines = (DATA / "review_exports" / REVIEW_EXPORTS[0]).read_text("utf-8").splitlines()
    (folder / "reviews_twice.tsv").write_text("\n".join(f"{line}\t{line.split(chr(9))[7]}" for line in lines) + "\n",
                                              encoding="utf-8")
    assert ingest(project) == 1
    out = capsys.readouterr().out
    assert ("列「star_rating」：两列都对应字段「rating」：'star_rating'（第 8 列）和 'star_rating'（第 16 列）。修正方法："
            "在导出文件中删除或重命名其中一列") in out, out
    assert "two columns" not in out
