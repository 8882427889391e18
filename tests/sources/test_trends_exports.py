"""Google Trends exports from the web page in every UI language (issue 10, part A).

Real exports found in public repositories (tests/data/trends_exports/README.md) load with
the right dates, keywords, ISO region codes and values; generated variants of them
(Excel ';' re-save, CRLF, BOM, GBK, letter case, no preamble, full-width punctuation,
day-first dates) load to the same frame; files of other shapes are not taken for Trends.
"""

from __future__ import annotations

import codecs
import json
from pathlib import Path

import pandas as pd
import pytest

from seller_lab.cli import main
from seller_lab.errors import InputFileError
from seller_lab.sources import load_file
from seller_lab.sources.detect import detect
from seller_lab.sources.importers import trends

DATA = Path(__file__).resolve().parents[1] / "data" / "trends_exports"

# file -> (language, granularity, series unique_ids, first ds, last ds, {(uid, ds): y})
REAL = {
    "fr_month_dogecoin.csv": (
        "French", "M", ["Dogecoin|WORLD"], "2014-01-01", "2021-10-01",
        {("Dogecoin|WORLD", "2014-01-01"): 4.0, ("Dogecoin|WORLD", "2015-02-01"): 0.5,
         ("Dogecoin|WORLD", "2021-05-01"): 100.0}),
    "de_month_r_spss_stata.csv": (
        "German", "M", ["R|WORLD", "SPSS|WORLD", "Stata|WORLD"], "2004-01-01", "2020-02-01",
        {("R|WORLD", "2004-01-01"): 42.0, ("Stata|WORLD", "2004-01-01"): 7.0,
         ("R|WORLD", "2018-04-01"): 100.0}),
    "es_week_no_preamble.csv": (
        "Spanish", "W", ["C|WORLD", "python|WORLD", "R|WORLD", "C++|WORLD"], "2012-10-21",
        "2016-10-16", {("C|WORLD", "2012-10-21"): 100.0, ("C++|WORLD", "2012-10-21"): 68.0}),
    "ja_month_cupcake.csv": (
        "Japanese", "M", ["カップケーキ|WORLD"], "2004-01-01", "2022-07-01",
        {("カップケーキ|WORLD", "2013-03-01"): 100.0, ("カップケーキ|WORLD", "2004-03-01"): 4.0}),
    "zh-CN_month_wildlife_trade.csv": (
        "Chinese (Simplified)", "M", ["Wildlife Trade|US"], "2004-01-01", "2024-01-01",
        {("Wildlife Trade|US", "2004-03-01"): 47.0, ("Wildlife Trade|US", "2005-10-01"): 100.0}),
    "zh-TW_week_cold.csv": (
        "Chinese (Traditional)", "W", ["感冒|TW"], "2014-07-06", "2019-06-30",
        {("感冒|TW", "2014-07-06"): 28.0, ("感冒|TW", "2016-02-14"): 100.0}),
    "pt-BR_week_languages.csv": (
        "Portuguese", "W", ["python|BR", "html|BR", "java|BR", "Microsoft SQL Server|BR",
                            "Microsoft Excel|BR"], "2019-05-19", "2020-05-10",
        {("python|BR", "2019-05-19"): 26.0, ("Microsoft Excel|BR", "2019-08-25"): 100.0}),
    "ko_week_no_preamble.csv": (
        "Korean", "W", ["영화관|KR", "박물관|KR", "미술관|KR"], "2023-12-31", "2024-12-29",
        {("박물관|KR", "2024-11-24"): 100.0}),
    "zh-CN_fr_week_crlf_toilet_paper.csv": (
        "Chinese (Simplified)", "W", ["toilet paper|US"], "2020-02-09", "2022-04-10",
        {("toilet paper|US", "2020-03-15"): 100.0, ("toilet paper|US", "2022-04-10"): 0.0}),
    "it_month_quoted_keywords.csv": (
        "Italian", "M", ['"Allianz"|IT', '"Prima Assicurazioni"|IT'], "2020-01-01",
        "2025-06-01", {('"Allianz"|IT', "2025-05-01"): 100.0,
                       ('"Prima Assicurazioni"|IT', "2020-01-01"): 3.0}),
    # a region below country level keeps its name (there is no ISO country code for it)
    "it_day_region_sicilia.csv": (
        "Italian", "D", ["contatto positivo|Sicilia"], "2020-10-01", "2021-02-15",
        {("contatto positivo|Sicilia", "2020-11-13"): 100.0}),
    "ro_week_bitcoin.csv": (
        "Romanian", "W", ["bitcoin|WORLD"], "2020-03-29", "2025-03-23",
        {("bitcoin|WORLD", "2021-05-16"): 100.0}),
}


def _value(frame: pd.DataFrame, uid: str, ds: str) -> float:
    hit = frame[(frame["unique_id"] == uid) & (frame["ds"] == pd.Timestamp(ds))]
    assert len(hit) == 1, (uid, ds)
    return float(hit["y"].iloc[0])


@pytest.mark.parametrize("name", sorted(REAL))
def test_real_localized_export_loads_with_dates_keywords_iso_geo_and_values(name):
    lang, gran, uids, first, last, values = REAL[name]
    res = load_file(DATA / name)
    f = res.frame
    assert (res.kind, res.layout) == ("trends", trends.LAYOUT)
    assert len(res.rejected) == 0
    assert list(dict.fromkeys(f["unique_id"])) == uids
    assert f["ds"].min() == pd.Timestamp(first) and f["ds"].max() == pd.Timestamp(last)
    assert not f.duplicated(["unique_id", "ds"]).any()
    for (uid, ds), y in values.items():
        assert _value(f, uid, ds) == y
    # every row of the file is a point of every series
    n_rows = sum(1 for ln in (DATA / name).read_text("utf-8").splitlines()
                 if ln[:4].isdigit())
    assert len(f) == n_rows * len(uids)
    shape = trends.describe(DATA / name)
    assert (shape.language, shape.granularity) == (lang, gran)


def test_french_less_than_one_with_no_break_space_reads_as_half():
    raw = (DATA / "fr_month_dogecoin.csv").read_text("utf-8")
    assert "<\u00a01" in raw            # what the French page really writes
    f = load_file(DATA / "fr_month_dogecoin.csv").frame
    assert (f["y"] == 0.5).sum() == raw.count("<\u00a01")


# one generated export per UI language: (preamble, header line, language, granularity, uid)
UI_LANGUAGES = [
    ("Category: All categories", "Week,dish rack: (Worldwide)", "English", "W",
     "dish rack|WORLD"),
    ("Kategorie: Alle Kategorien", "Woche,abtropfgestell: (Deutschland)", "German", "W",
     "abtropfgestell|DE"),
    ("Catégorie\u00a0: Toutes catégories", "Jour,égouttoir: (France)", "French", "D",
     "égouttoir|FR"),
    ("Categoría: Todas las categorías", "Mes,escurreplatos: (España)", "Spanish", "M",
     "escurreplatos|ES"),
    ("Categoria: Tutte le categorie", "Settimana,scolapiatti: (Italia)", "Italian", "W",
     "scolapiatti|IT"),
    ("Categoria: Todas as categorias", "Mês,escorredor: (Portugal)", "Portuguese", "M",
     "escorredor|PT"),
    ("Categorie: Alle categorieën", "Week,afdruiprek: (Nederland)", "Dutch", "W",
     "afdruiprek|NL"),
    ("Kategoria: Wszystkie kategorie", "Tydzień,suszarka do naczyń: (Polska)", "Polish", "W",
     "suszarka do naczyń|PL"),
    ("カテゴリ: すべてのカテゴリ", "週,水切りラック: (日本)", "Japanese", "W", "水切りラック|JP"),
    ("카테고리: 모든 카테고리", "월,식기건조대: (대한민국)", "Korean", "M", "식기건조대|KR"),
    ("类别：所有类别", "日,沥水架: (全球)", "Chinese (Simplified)", "D", "沥水架|WORLD"),
    ("類別：所有類別", "週,碗盤架: (台灣)", "Chinese (Traditional)", "W", "碗盤架|TW"),
]


@pytest.mark.parametrize("preamble, header, language, gran, uid", UI_LANGUAGES,
                         ids=[u[2] for u in UI_LANGUAGES])
def test_every_ui_language_header_loads(tmp_path, preamble, header, language, gran, uid):
    ds = {"W": ["2026-11-01", "2026-11-08", "2026-11-15"], "D": ["2026-11-01", "2026-11-02",
          "2026-11-03"], "M": ["2026-09", "2026-10", "2026-11"]}[gran]
    body = "".join(f"{d},{v}\n" for d, v in zip(ds, ["<1", "100", "37"]))
    for i, text in enumerate([f"{preamble}\n\n{header}\n{body}", f"{header.upper()}\n{body}"]):
        p = tmp_path / f"multiTimeline{i}.csv"
        p.write_text(text, encoding="utf-8")
        res = load_file(p)
        assert res.frame["unique_id"].str.lower().unique().tolist() == [uid.lower()]
        assert res.frame["y"].tolist() == [0.5, 100.0, 37.0]
        assert res.frame["ds"].iloc[0] == pd.Timestamp(ds[0])
        assert trends.describe(p).granularity == gran
    assert language in trends.describe(tmp_path / "multiTimeline0.csv").language


# ------------------------------------------------------------------ generated variants
def _variants(text: str) -> dict[str, tuple[bytes, str]]:
    lines = text.splitlines()
    header_at = next(i for i, ln in enumerate(lines) if ln and not ln[:1].isdigit()
                     and "," in ln)
    semi = "\n".join(ln.replace(",", ";") for ln in lines) + "\n"
    no_pre = "\n".join(lines[header_at:]) + "\n"
    upper = "\n".join(ln.upper() if i == header_at else ln for i, ln in enumerate(lines))
    lower = "\n".join(ln.lower() if i == header_at else ln for i, ln in enumerate(lines))
    return {
        "semicolon": (semi.encode("utf-8"), ";"),
        "crlf": (("\r\n".join(lines) + "\r\n").encode("utf-8"), ","),
        "bom": (b"\xef\xbb\xbf" + text.encode("utf-8"), ","),
        "no_preamble": (no_pre.encode("utf-8"), ","),
        "upper_case_period": (upper.encode("utf-8"), ","),
        "lower_case_period": (lower.encode("utf-8"), ","),
        "semicolon_crlf_bom": (b"\xef\xbb\xbf" + semi.replace("\n", "\r\n").encode("utf-8"),
                               ";"),
    }


@pytest.mark.parametrize("real", ["de_month_r_spss_stata.csv", "fr_month_dogecoin.csv",
                                  "zh-TW_week_cold.csv"])
@pytest.mark.parametrize("variant", ["semicolon", "crlf", "bom", "no_preamble",
                                     "upper_case_period", "lower_case_period",
                                     "semicolon_crlf_bom"])
def test_resaved_variants_of_real_exports_load_to_the_same_frame(tmp_path, real, variant):
    text = (DATA / real).read_text("utf-8")
    want = load_file(DATA / real).frame
    data, sep = _variants(text)[variant]
    p = tmp_path / "multiTimeline.csv"
    p.write_bytes(data)
    res = load_file(p)
    got = res.frame
    if variant.startswith(("upper", "lower")):   # the keyword case follows the header
        for f in (want, got):
            f["unique_id"] = f["unique_id"].str.lower()
            f["keyword"] = f["keyword"].str.lower()
    pd.testing.assert_frame_equal(got, want)
    assert trends.describe(p).sep == sep
    assert len(res.rejected) == 0


def test_gbk_chinese_export_loads_with_its_chinese_keyword_and_region(tmp_path):
    text = (DATA / "zh-CN_month_wildlife_trade.csv").read_text("utf-8")
    text = text.replace("Wildlife Trade", "野生动物贸易")
    p = tmp_path / "multiTimeline.csv"
    p.write_bytes(text.encode("gbk"))
    res = load_file(p)
    assert res.encoding == "gb18030"
    assert res.frame["unique_id"].unique().tolist() == ["野生动物贸易|US"]
    assert _value(res.frame, "野生动物贸易|US", "2005-10-01") == 100.0


@pytest.mark.parametrize("real, encoding", [
    ("zh-TW_week_cold.csv", "big5"),            # Excel on a Taiwanese Windows
    ("ja_month_cupcake.csv", "cp932"),          # Shift-JIS, Excel on a Japanese Windows
    ("ko_week_no_preamble.csv", "cp949"),       # Excel on a Korean Windows
    ("zh-CN_month_wildlife_trade.csv", "gbk"),
    ("fr_month_dogecoin.csv", "cp1252"),        # '<' no-break-space '1' as byte 0xA0
])
def test_legacy_encoding_resaves_load_with_their_own_words(tmp_path, real, encoding):
    """The byte guess alone reads Big5/Shift-JIS as GB18030 or cp1252 (mojibake keywords);
    the Trends words (period, region, preamble) pick the reading that makes sense."""
    want = load_file(DATA / real).frame
    p = tmp_path / "multiTimeline.csv"
    p.write_bytes((DATA / real).read_text("utf-8").encode(encoding))
    res = load_file(p)
    pd.testing.assert_frame_equal(res.frame, want)
    assert codecs_name(res.encoding) == codecs_name(encoding) or (
        encoding == "gbk" and res.encoding == "gb18030")
    assert trends.describe(p).language == REAL[real][0]


def codecs_name(enc: str) -> str:
    return codecs.lookup(enc).name


def test_fullwidth_colon_and_parentheses_in_value_headers(tmp_path):
    p = tmp_path / "multiTimeline.csv"
    p.write_text("类别：所有类别\n\n周,沥水架：（全球）,碗架：（德国）\n2026-11-01,<1,40\n"
                 "2026-11-08,100,38\n", encoding="utf-8")
    f = load_file(p).frame
    assert sorted(f["unique_id"].unique()) == ["沥水架|WORLD", "碗架|DE"]
    assert _value(f, "沥水架|WORLD", "2026-11-01") == 0.5


@pytest.mark.parametrize("dates, want", [
    (["15.11.2026", "22.11.2026", "29.11.2026"], ["2026-11-15", "2026-11-22", "2026-11-29"]),
    (["11/15/2026", "11/22/2026", "11/29/2026"], ["2026-11-15", "2026-11-22", "2026-11-29"]),
    # no field above 12: the evenly spaced reading wins (weekly -> day-first here)
    (["01/11/2026", "08/11/2026", "15/11/2026"], ["2026-11-01", "2026-11-08", "2026-11-15"]),
    (["01/02/2026", "01/09/2026", "01/16/2026"], ["2026-01-02", "2026-01-09", "2026-01-16"]),
])
def test_excel_resaved_dates_are_read_day_or_month_first_by_the_whole_column(tmp_path,
                                                                           dates, want):
    p = tmp_path / "multiTimeline.csv"
    rows = "".join(f"{d};{v}\r\n" for d, v in zip(dates, ["3", "<1", "100"]))
    p.write_text("Woche;abtropfgestell: (Deutschland)\r\n" + rows, encoding="cp1252")
    f = load_file(p).frame
    assert f["ds"].dt.strftime("%Y-%m-%d").tolist() == want
    assert f["y"].tolist() == [3.0, 0.5, 100.0]


def test_saved_pytrends_frame_loads_with_its_partial_flags(tmp_path):
    p = tmp_path / "trends_live.csv"
    p.write_text("date,abtropfgestell,dish rack,isPartial\n2026-11-15,12,40,False\n"
                 "2026-11-22,100,<1,False\n2026-11-29,55,20,True\n", encoding="utf-8")
    res = load_file(p, params={"category": {"trends_geo": "de"}})
    f = res.frame
    assert res.layout == trends.PYTRENDS_LAYOUT
    assert trends.describe(p).granularity == "W"     # from the spacing of the dates
    assert sorted(f["unique_id"].unique()) == ["abtropfgestell|DE", "dish rack|DE"]
    assert f.loc[f["is_partial"], "ds"].unique().tolist() == [pd.Timestamp("2026-11-29")]
    assert _value(f, "dish rack|DE", "2026-11-22") == 0.5


def test_bad_cell_is_rejected_with_row_and_column_and_the_rest_loads(tmp_path):
    p = tmp_path / "multiTimeline.csv"
    p.write_text("Category: All categories\n\nWeek,dish rack: (United States)\n"
                 "2026-11-01,40\n2026-11-08,n/a\n2026-11-15,100\n", encoding="utf-8")
    res = load_file(p)
    assert res.frame["y"].tolist() == [40.0, 100.0]
    r = res.rejected.iloc[0]
    assert (int(r["row"]), r["column"], r["value"]) == (2, "dish rack: (United States)", "n/a")
    assert "0-100" in r["problem"]


@pytest.mark.parametrize("name, code", [
    ("Worldwide", "WORLD"), ("Weltweit", "WORLD"), ("Dans tous les pays", "WORLD"),
    ("Todo el mundo", "WORLD"), ("Tutto il mondo", "WORLD"), ("Todo o mundo", "WORLD"),
    ("Wereldwijd", "WORLD"), ("Cały świat", "WORLD"), ("すべての国", "WORLD"),
    ("전 세계", "WORLD"), ("全球", "WORLD"),
    ("États-Unis", "US"), ("Estados Unidos", "US"), ("Stati Uniti", "US"),
    ("Verenigde Staten", "US"), ("Stany Zjednoczone", "US"), ("アメリカ合衆国", "US"),
    ("미국", "US"), ("美国", "US"), ("美國", "US"),
    ("Allemagne", "DE"), ("Alemania", "DE"), ("Niemcy", "DE"), ("ドイツ", "DE"),
    ("德国", "DE"), ("Japon", "JP"), ("日本", "JP"), ("Royaume-Uni", "GB"),
    ("台灣", "TW"), ("대한민국", "KR"), ("Brasil", "BR"), ("fr", "FR"),
])
def test_region_names_of_every_ui_language_map_to_iso_codes(name, code):
    assert trends.geo_code(name) == code


@pytest.mark.parametrize("text", [
    # Seller Central style daily traffic: a date column and small numbers, plain headers
    "day,sessions,orders\n2026-11-01,40,2\n2026-11-02,38,1\n",
    # orders with a date first and text cells
    "date,sku,qty\n2026-11-01,KO-RACK-2T,2\n",
    # numbers above 100
    "Woche,abtropfgestell: (Deutschland)\n2026-11-01,250\n",
])
def test_files_of_other_shapes_are_not_taken_for_trends(tmp_path, text):
    p = tmp_path / "export.csv"
    p.write_text(text, encoding="utf-8")
    assert trends.sniff_shape(text) is None
    with pytest.raises(InputFileError, match="Google Trends"):
        load_file(p, kind="trends")


def test_unknown_kind_names_the_valid_kinds(tmp_path):
    p = tmp_path / "x.csv"
    p.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(InputFileError, match="unknown kind 'bogus'.*orders.*trends"):
        detect(p, kind="bogus")


@pytest.mark.parametrize("name, language", [
    ("zh-CN_month_wildlife_trade.csv", "Chinese (Simplified)"),
    ("zh-TW_week_cold.csv", "Chinese (Traditional)"),
    ("fr_month_dogecoin.csv", "French"), ("de_month_r_spss_stata.csv", "German"),
    ("ja_month_cupcake.csv", "Japanese"), ("es_week_no_preamble.csv", "Spanish"),
])
def test_inspect_recognises_real_exports_and_names_the_ui_language(capsys, name, language):
    assert main(["inspect", str(DATA / name)]) == 0
    out = capsys.readouterr().out
    assert f"layout:    google_trends_multitimeline ({language} UI" in out
    assert main(["inspect", "--json", str(DATA / name)]) == 0
    info = json.loads(capsys.readouterr().out)
    assert (info["kind"], info["ui_language"], info["rows_rejected"]) == ("trends", language, 0)


def test_inspect_kind_bogus_lists_the_valid_kinds(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["inspect", "--kind", "bogus", str(DATA / "ja_month_cupcake.csv")])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert "invalid choice: 'bogus'" in err and "'trends'" in err and "'orders'" in err


def test_hourly_export_with_a_cut_row_loads_the_other_hours(tmp_path):
    p = tmp_path / "multiTimeline.csv"
    p.write_text("Category: All categories\n\nTime,dish rack: (Germany),drying mat: (Germany)\n"
                 "2026-11-15T14,3,<1\n2026-11-15T15,4\n2026-11-15T16,100,12\n", encoding="utf-8")
    res = load_file(p)
    assert trends.describe(p).granularity == "H"
    assert res.frame.loc[res.frame["keyword"] == "dish rack", "ds"].tolist() == [
        pd.Timestamp("2026-11-15 14:00"), pd.Timestamp("2026-11-15 16:00")]
    r = res.rejected.iloc[0]
    assert (int(r["row"]), r["problem"]) == (2, "expected 3 cells, found 2")


def test_cut_off_download_with_only_the_header_says_so(tmp_path):
    p = tmp_path / "multiTimeline.csv"
    p.write_text("Catégorie : Toutes catégories\n\nSemaine,égouttoir: (France)\n", "utf-8")
    with pytest.raises(InputFileError, match=r"Google Trends export without data rows.*line 3"):
        load_file(p)


def test_same_keyword_and_region_twice_is_an_error_naming_both_columns(tmp_path):
    p = tmp_path / "multiTimeline.csv"
    p.write_text("Woche,abtropfgestell: (Deutschland),abtropfgestell: (Germany)\n"
                 "2026-11-15,1,2\n2026-11-22,3,4\n", "utf-8")
    with pytest.raises(InputFileError) as err:
        load_file(p)
    msg = str(err.value)
    assert "'abtropfgestell: (Deutschland)'" in msg and "'abtropfgestell: (Germany)'" in msg


def test_excel_month_names_of_a_resaved_monthly_export(tmp_path):
    p = tmp_path / "multiTimeline.csv"
    p.write_text("Month;dish rack: (Germany)\nNov-25;3\nDec-25;<1\nJan-26;100\n", "utf-8")
    f = load_file(p).frame
    assert f["ds"].dt.strftime("%Y-%m-%d").tolist() == ["2025-11-01", "2025-12-01", "2026-01-01"]
    assert f["y"].tolist() == [3.0, 0.5, 100.0]


# ------------------------------------------------------------------ the sweep of real exports
# More real exports (tests/data/trends_exports/README.md, "The sweep"): languages, code
# pages and shapes the first twelve did not have. Per file: encoding read, UI language,
# granularity, data rows (counted in the file), series, first and last ds, and cells read
# off the file ({(uid, ds): y}).
SWEEP = {
    # Excel re-save on a Turkish Windows: cp1254, CRLF, preamble gone ('iþkur' in cp1252)
    "tr_month_cp1254_excel.csv": (
        "cp1254", "Turkish", "M", 220, ["işkur|TR", "zam|TR"], "2004-01-01", "2022-04-01",
        {("işkur|TR", "2004-01-01"): 4.0, ("zam|TR", "2004-01-01"): 2.0,
         ("işkur|TR", "2022-03-01"): 100.0, ("zam|TR", "2022-04-01"): 24.0}),
    "tr_week_worldwide.csv": (
        "utf-8", "Turkish", "W", 261, ["Turkey Hotels|WORLD"], "2017-04-16", "2022-04-10",
        {("Turkey Hotels|WORLD", "2017-04-16"): 39.0, ("Turkey Hotels|WORLD", "2019-06-23"): 100.0,
         ("Turkey Hotels|WORLD", "2022-04-10"): 81.0}),
    "uk_week_ukraine.csv": (
        "utf-8", "Ukrainian", "W", 52, ["как выйти замуж|UA"], "2020-01-05", "2020-12-27",
        {("как выйти замуж|UA", "2020-01-05"): 23.0, ("как выйти замуж|UA", "2020-11-29"): 100.0,
         ("как выйти замуж|UA", "2020-12-27"): 24.0}),
    # a category chosen ('Категория: Покупки'), four keywords, worldwide in Russian
    "ru_week_shopping_category.csv": (
        "utf-8", "Russian", "W", 104,
        ["купить кроссовки|WORLD", "купить ботинки|WORLD", "купить кеды|WORLD",
         "купить туфли|WORLD"], "2020-12-06", "2022-11-27",
        {("купить кроссовки|WORLD", "2020-12-06"): 44.0, ("купить туфли|WORLD", "2020-12-06"): 4.0,
         ("купить кроссовки|WORLD", "2021-03-28"): 100.0, ("купить кеды|WORLD", "2022-11-27"): 6.0}),
    # 'past day': 8-minute steps with the browser's offset (+07:00), read as UTC
    "id_8min_past_day_offset.csv": (
        "utf-8", "Indonesian", "H", 181,
        ["Mitsubishi Pajero Sport|ID", "Toyota Fortuner|ID", "Lexus LX570|ID"],
        "2024-10-21 01:28", "2024-10-22 01:28",
        {("Toyota Fortuner|ID", "2024-10-21 01:28"): 36.0,
         ("Toyota Fortuner|ID", "2024-10-21 19:28"): 100.0,
         ("Toyota Fortuner|ID", "2024-10-22 01:28"): 47.0}),
    # 'past 7 days': hourly '2021-06-02T13', region 'Hoa Kỳ'
    "vi_hour_past_week.csv": (
        "utf-8", "Vietnamese", "H", 168, ["Taylor Swift|US", "Selena Gomez|US"],
        "2021-06-02 13:00", "2021-06-09 12:00",
        {("Taylor Swift|US", "2021-06-02 13:00"): 45.0, ("Selena Gomez|US", "2021-06-02 13:00"): 17.0,
         ("Taylor Swift|US", "2021-06-03 05:00"): 100.0, ("Selena Gomez|US", "2021-06-09 12:00"): 18.0}),
    # preamble and region trimmed by its author (a blank first line is left)
    "vi_month_region_less_header.csv": (
        "utf-8", "Vietnamese", "M", 263, ["Vn-Index|WORLD"], "2004-01-01", "2025-11-01",
        {("Vn-Index|WORLD", "2004-01-01"): 0.0, ("Vn-Index|WORLD", "2025-11-01"): 9.0}),
    # a category explored without a search term: 'Geo: <region>' column, keyword = category
    "ko_month_category_geo_only.csv": (
        "utf-8", "Korean", "M", 213, ["게임|KR"], "2008-04-01", "2025-12-01",
        {("게임|KR", "2008-04-01"): 17.0, ("게임|KR", "2025-02-01"): 100.0,
         ("게임|KR", "2025-12-01"): 76.0}),
    "da_month_usa.csv": (
        "utf-8", "Danish or Norwegian", "M", 192, ["bitcoins|US"], "2004-01-01", "2019-12-01",
        {("bitcoins|US", "2019-11-01"): 5.0, ("bitcoins|US", "2019-12-01"): 6.0}),
    "nb_month_no_preamble.csv": (
        "utf-8", "Danish or Norwegian", "M", 156, ["Natural gas|DE"], "2010-10-01", "2023-09-01",
        {("Natural gas|DE", "2010-10-01"): 100.0, ("Natural gas|DE", "2023-09-01"): 44.0}),
    "pl_month_worldwide.csv": (
        "utf-8", "Polish", "M", 153,
        ["Big data|WORLD", "Uczenie maszynowe|WORLD", "Danologia|WORLD",
         "Sztuczna inteligencja|WORLD"], "2008-01-01", "2020-09-01",
        {("Big data|WORLD", "2008-01-01"): 1.0, ("Danologia|WORLD", "2008-01-01"): 0.5,
         ("Sztuczna inteligencja|WORLD", "2008-01-01"): 57.0,
         ("Sztuczna inteligencja|WORLD", "2020-09-01"): 97.0}),
    # a metro area below country level keeps its name
    "sv_month_metro_region.csv": (
        "utf-8", "Swedish", "M", 137, ["crime|San Francisco-Oakland-San Jose CA"],
        "2004-01-01", "2015-05-01",
        {("crime|San Francisco-Oakland-San Jose CA", "2004-01-01"): 93.0,
         ("crime|San Francisco-Oakland-San Jose CA", "2015-03-01"): 100.0}),
    # Excel re-save with yyyy/m/d dates, CRLF, region trimmed (was taken for a business report)
    "en_day_excel_slash_dates.csv": (
        "utf-8", "English", "D", 212, ["MJ|WORLD"], "2009-06-01", "2009-12-29",
        {("MJ|WORLD", "2009-06-26"): 100.0, ("MJ|WORLD", "2009-12-29"): 2.0}),
    # Excel re-save with dd-mm-yy dates, regions trimmed
    "en_week_dashed_dmy_dates.csv": (
        "utf-8", "English or Dutch", "W", 261, ["cement|WORLD", "Iron|WORLD"],
        "2018-12-16", "2023-12-10",
        {("cement|WORLD", "2018-12-16"): 0.0, ("Iron|WORLD", "2018-12-16"): 9.0,
         ("Iron|WORLD", "2023-05-14"): 100.0, ("Iron|WORLD", "2023-12-10"): 16.0}),
    # 'Category: Finance': English by the preamble's label, not its whole line
    "en_week_finance_category.csv": (
        "utf-8", "English", "W", 262,
        ["kartu kredit|ID", "pinjaman online|ID", "pinjaman tanpa kartu kredit|ID",
         "pinjaman cepat online|ID"], "2020-12-27", "2025-12-28",
        {("kartu kredit|ID", "2020-12-27"): 90.0, ("pinjaman cepat online|ID", "2020-12-27"): 7.0,
         ("pinjaman tanpa kartu kredit|ID", "2025-12-21"): 0.5,
         ("pinjaman online|ID", "2025-12-28"): 26.0}),
    "en_week_region_less_header.csv": (
        "utf-8", "English or Dutch", "W", 126, ["PulauPari|WORLD"], "2022-03-27", "2024-08-18",
        {("PulauPari|WORLD", "2022-03-27"): 16.0, ("PulauPari|WORLD", "2024-08-18"): 29.0}),
}


@pytest.mark.parametrize("name", sorted(SWEEP))
def test_swept_real_export_loads_with_its_rows_dates_series_and_values(name):
    encoding, lang, gran, rows, uids, first, last, values = SWEEP[name]
    res = load_file(DATA / name)
    f = res.frame
    assert (res.kind, res.layout, res.encoding) == ("trends", trends.LAYOUT, encoding)
    assert len(res.rejected) == 0
    assert list(dict.fromkeys(f["unique_id"])) == uids
    assert f.groupby("unique_id").size().tolist() == [rows] * len(uids)
    assert f["ds"].min() == pd.Timestamp(first) and f["ds"].max() == pd.Timestamp(last)
    assert not f.duplicated(["unique_id", "ds"]).any()
    for (uid, ds), y in values.items():
        assert _value(f, uid, ds) == y
    # every '<1' of the file is a 0.5, and only those
    raw = (DATA / name).read_bytes()
    assert (f["y"] == 0.5).sum() == raw.count(b"<1")
    # Google's last period is the running one
    assert f.loc[f["is_partial"], "ds"].unique().tolist() == [pd.Timestamp(last)]
    shape = trends.describe(DATA / name)
    assert (shape.language, shape.granularity) == (lang, gran)


def test_turkish_excel_resave_is_read_as_cp1254_not_cp1252():
    """'Ay' and 'Türkiye' read alike in cp1252 and cp1254; the Turkish words pick cp1254,
    so the keyword is 'işkur', not 'iþkur'."""
    raw = (DATA / "tr_month_cp1254_excel.csv").read_bytes()
    assert b"i\xfekur" in raw
    res = load_file(DATA / "tr_month_cp1254_excel.csv")
    assert res.frame["keyword"].unique().tolist() == ["işkur", "zam"]


def test_region_less_headers_take_the_params_region_and_say_so(tmp_path):
    res = load_file(DATA / "en_week_region_less_header.csv",
                    params={"category": {"trends_geo": "id"}})
    assert res.frame["unique_id"].unique().tolist() == ["PulauPari|ID"]
    assert any("'PulauPari'" in str(n) and "ID" in str(n) for n in res.notes)
    # a Google export with regions in its headers has no such note
    assert load_file(DATA / "tr_week_worldwide.csv").notes == []


def test_region_less_headers_whose_values_do_not_peak_at_100_are_not_trends(tmp_path):
    text = "Week,visits\n2026-11-01,40\n2026-11-08,38\n2026-11-15,41\n"
    assert trends.sniff_shape(text) is None


@pytest.mark.parametrize("encoding", ["cp1251", "utf-8-sig"])
def test_russian_export_resaved_in_cp1251_loads_the_same(tmp_path, encoding):
    want = load_file(DATA / "ru_week_shopping_category.csv").frame
    p = tmp_path / "multiTimeline.csv"
    p.write_bytes((DATA / "ru_week_shopping_category.csv").read_text("utf-8").encode(encoding))
    res = load_file(p)
    pd.testing.assert_frame_equal(res.frame, want)
    assert trends.describe(p).language == "Russian"


@pytest.mark.parametrize("name, code", [
    ("Türkiye", "TR"), ("Dünya Genelinde", "WORLD"), ("Україна", "UA"), ("По всему миру", "WORLD"),
    ("Hoa Kỳ", "US"), ("Tyskland", "DE"), ("Cały świat", "WORLD"), ("Indonesia", "ID"),
    ("Chile", "CL"), ("Colombia", "CO"), ("Honduras", "HN"), ("Malaysia", "MY"),
    ("Finland", "FI"), ("Norway", "NO"), ("Israel", "IL"), ("Singapore", "SG"),
    ("Bosnia and Herzegovina", "BA"), ("Ελλάδα", "GR"), ("ישראל", "IL"), ("ประเทศไทย", "TH"),
    ("Česko", "CZ"), ("Magyarország", "HU"), ("مصر", "EG"),
    ("San Francisco-Oakland-San Jose CA", "San Francisco-Oakland-San Jose CA"),
])
def test_country_names_of_any_ui_language_map_to_iso_codes_through_cldr(name, code):
    assert trends.geo_code(name) == code


# generated: UI languages no real export of the sweep was in (Google's wording, unverified)
MORE_UI_LANGUAGES = [
    ("Kategorie: Všechny kategorie", "Týden,sušák na nádobí: (Česko)", "Czech", "sušák na nádobí|CZ"),
    ("Κατηγορία: Όλες οι κατηγορίες", "Εβδομάδα,στεγνωτήρας: (Ελλάδα)", "Greek", "στεγνωτήρας|GR"),
    ("קטגוריה: כל הקטגוריות", "שבוע,מתקן ייבוש: (ישראל)", "Hebrew", "מתקן ייבוש|IL"),
    ("الفئة: كل الفئات", "الأسبوع,رف تجفيف: (مصر)", "Arabic", "رف تجفيف|EG"),
    ("หมวดหมู่: ทุกหมวดหมู่", "สัปดาห์,ที่คว่ำจาน: (ทั่วโลก)", "Thai", "ที่คว่ำจาน|WORLD"),
    ("श्रेणी: सभी श्रेणियां", "सप्ताह,डिश रैक: (भारत)", "Hindi", "डिश रैक|IN"),
]


@pytest.mark.parametrize("preamble, header, language, uid", MORE_UI_LANGUAGES,
                         ids=[u[2] for u in MORE_UI_LANGUAGES])
def test_more_ui_languages_load_with_language_and_iso_region(tmp_path, preamble, header,
                                                              language, uid):
    p = tmp_path / "multiTimeline.csv"
    p.write_text(f"{preamble}\n\n{header}\n2026-11-01,<1\n2026-11-08,100\n2026-11-15,37\n",
                 encoding="utf-8")
    res = load_file(p)
    assert res.frame["unique_id"].unique().tolist() == [uid]
    assert res.frame["y"].tolist() == [0.5, 100.0, 37.0]
    shape = trends.describe(p)
    assert (shape.language, shape.granularity) == (language, "W")


def test_a_bad_cell_in_a_region_less_export_is_rejected_not_the_file(tmp_path):
    lines = (DATA / "en_week_region_less_header.csv").read_text("utf-8").splitlines()
    lines[10] = lines[10].split(",")[0] + ",150"          # data row 10
    p = tmp_path / "multiTimeline.csv"
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    res = load_file(p)
    assert len(res.frame) == 125
    r = res.rejected.iloc[0]
    assert (int(r["row"]), r["column"], r["value"]) == (10, "PulauPari", "150")
    assert "0-100" in r["problem"]


# ------------------------------------------------------------------ files that still fail
# Real files of the sweep that are not Trends exports as the page writes them: the error
# names the file, the row and column where it can, and the fix.
def test_export_with_values_edited_to_decimals_names_the_cell_and_the_fix(capsys):
    path = DATA / "fails_en_week_decimal_values.csv"
    with pytest.raises(InputFileError) as err:
        load_file(path, kind="trends")
    e = err.value
    assert (e.row, e.column) == (1, "covid booster")
    assert "'0.1' is not an interest value" in str(e) and str(path) in str(e)
    assert "do not edit its values" in str(e.fix)
    assert main(["trends", str(path)]) == 2
    assert "row 1, column 'covid booster'" in capsys.readouterr().err


def test_export_whose_header_line_was_deleted_says_so():
    with pytest.raises(InputFileError) as err:
        load_file(DATA / "fails_fr_week_header_deleted.csv", kind="trends")
    assert "no header line (line 1 is already data: '2020-01-05,0')" in str(err.value)
    assert "put back the header line" in str(err.value.fix)


def test_renamed_period_header_without_regions_names_the_column_and_the_fix(tmp_path):
    p = tmp_path / "multiTimeline.csv"
    p.write_text("weeks,bitcoin\n2014-05-04,2\n2014-05-11,100\n2014-05-18,3\n", "utf-8")
    with pytest.raises(InputFileError) as err:
        load_file(p, kind="trends")
    assert err.value.column == "weeks"
    assert "'bitcoin' name no region" in str(err.value)
    assert "rename the first column to 'Week'" in str(err.value.fix)
