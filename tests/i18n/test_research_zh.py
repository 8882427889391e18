"""The research page in Chinese (R7) on the shared demo: rendered section by section from
``run_research`` (no papermill), compared with the English rendering of the same result."""

from __future__ import annotations

import copy
import html as _html
import re
import shutil
import warnings

import matplotlib
import pandas as pd
import pytest

from seller_lab.i18n import translator
from seller_lab.i18n.catalog import extract_messages
from seller_lab.params import load_params
from seller_lab.report import plots
from seller_lab.report.render import figure_html
from seller_lab.report.sections import inputs_overview, title
from seller_lab.report.sections import research as page
from seller_lab.research import competition as comp
from seller_lab.research.compliance import compliance_check
from seller_lab.research.phrase import say
from seller_lab.research.pipeline import run_research
from seller_lab.sources.category import CategoryData, load_category
from seller_lab.sources.rules import load_rule_set
from seller_lab.sources.store import ingest_category

SLUGS = ["kitchen-organizer-de", "camping-chair-de", "kids-toy-us"]
SECTIONS = ["trends", "pain_points", "questions", "competition", "compliance", "verdict", "test_plan"]
CJK = re.compile(r"[\u4e00-\u9fff]")
WORDS3 = re.compile(r"[A-Za-z][A-Za-z'’-]*(?:[ ,;:]+[A-Za-z][A-Za-z'’-]*){2,}")


@pytest.fixture(scope="module")
def research(demo_data):
    out = {}
    for slug in SLUGS:
        params, data = demo_data(slug)
        out[slug] = (params, run_research(data, params, "2026-11"))
    return out


@pytest.fixture(scope="module")
def pages(research):
    """``get(slug, lang)``: the whole research page of a demo category, rendered once."""
    cache: dict = {}

    def get(slug: str, lang: str) -> str:
        if (slug, lang) not in cache:
            params, r = research[slug]
            cache[slug, lang] = _whole_page(params, r, lang)
        return cache[slug, lang]

    return get


def _visible(fragment: str) -> str:
    """The words a reader sees: customer quotes (tagged with their language) and charts
    dropped, every tag a cell border (``|``) so that a run never spans two table cells."""
    fragment = re.sub(r"<q\b[^>]*>.*?</q>", " | ", fragment, flags=re.S)       # customer quotes
    fragment = re.sub(r'<span class="lang-tag".*?</span>', " | ", fragment, flags=re.S)
    fragment = re.sub(r"<img\b[^>]*>", " | ", fragment)
    return re.sub(r"\s+", " ", _html.unescape(re.sub(r"<[^>]+>", " | ", fragment)))


def _cells(frame, *columns) -> list[str]:
    if frame is None or not len(frame):
        return []
    return [str(x) for c in columns if c in frame for x in frame[c] if isinstance(x, str) and x]


def _data_words(r) -> list[str]:
    """Text the page shows that is data, not template, and so stays as written on a Chinese
    page: the category's name and keywords, customer words (theme labels, quotes, negative-
    review terms), competitors' listings (ASIN, brand, title), price bands, the names of bodies
    and laws in the compliance rules files (authority, citation: a shipped rule's requirement
    and item are report text, said through the catalog), the local brands written in params,
    the lexicon's concept keys, and the input files' names."""
    words = [r.display_name, r.data_dir, *map(str, r.pain_points["theme"]), *r.sources.values()]
    for quotes in r.pain_points.get("quotes", []):
        words += [str(q) for q in quotes]
    words += _cells(r.themes, "theme")
    if r.trends is not None:
        words += _cells(r.trends.frame, "keyword")
    if r.competition is not None:
        ca = r.competition
        words += _cells(ca.bands, "band")
        for frame in (ca.filter.kept, ca.filter.excluded):
            words += _cells(frame, "asin", "brand", "title")
        words += _cells(ca.selling_points, "selling_point", "concept", "example")
        words += _cells(ca.differentiation, "reason", "concept", "quote")
        words += _cells(ca.negatives_by_competitor, "negative_reasons")
    words += [str(x) for x in r.local_brands.to_numpy().ravel() if isinstance(x, str)]
    if r.compliance is not None:
        words += _cells(r.compliance.rules, "rule_id", "authority", "citation")
        words += _cells(r.compliance.prohibited, "rule_id", "keyword", "authority", "citation")
    return sorted({w for w in words if w.strip()}, key=len, reverse=True)


#: English runs a Chinese research page may show, each with the reason it is not a sentence
#: of the page (a product or brand name, a unit). Empty today: the tool names on the page
#: ("Helium 10 / Jungle Scout", "Google Trends", "Mann–Kendall") are broken into runs of fewer
#: than 3 words by numbers and punctuation, and data (listings, customer words, rules-file
#: texts, params text) is taken out by ``_data_words``.
ALLOWED_RUNS: dict[str, str] = {}


def _english_runs(text: str, data: list[str]) -> set[str]:
    for w in data:
        text = text.replace(w, " | ")
    return {m.group(0).strip(" ,;:") for m in WORDS3.finditer(text)} - set(ALLOWED_RUNS)


def _whole_page(params, r, lang: str) -> str:
    return title(params, "research", "2026-11", lang=lang).html + page.page(r, lang=lang).html


@pytest.mark.parametrize("slug", SLUGS)
def test_chinese_research_page_has_no_english_sentence_of_the_english_page(research, pages, slug):
    """Every section of the page (not only the first screen): a run of 3+ English words on the
    Chinese page that the English page also shows is an untranslated template text."""
    params, r = research[slug]
    data = _data_words(r)
    en_runs = _english_runs(_visible(pages(slug, "en")), data)
    assert len(en_runs) >= 50  # the English page really has template sentences to compare
    zh_text = _visible(pages(slug, "zh"))
    leaked = sorted(run for run in en_runs if run in zh_text)
    assert leaked == []
    first = _visible(title(params, "research", "2026-11", lang="zh").html + page.first_screen(r, lang="zh").html)
    assert "选品调研结论" in first and "风险" in first
    assert len(CJK.findall(zh_text)) > 1000


def _no_english_sentence(params, r) -> list[str]:
    data = _data_words(r)
    en_runs = _english_runs(_visible(_whole_page(params, r, "en")), data)
    assert len(en_runs) >= 10, en_runs
    zh_text = _visible(_whole_page(params, r, "zh"))
    return sorted(run for run in en_runs if run in zh_text)


def test_chinese_page_without_any_input_says_what_is_missing_in_chinese(tmp_path):
    params = load_params("camping-chair-de")
    params["category"]["data_dir"] = str(tmp_path)
    r = run_research(CategoryData(params=params), params, "2026-11")
    assert _no_english_sentence(params, r) == []
    zh = page.verdict(r, lang="zh").html
    assert "无法判断搜索热度趋势" in zh and "无法判断价格带" in zh
    assert r.verdict.reason.startswith("unknown: no Google Trends export")   # the stored English reason


def test_chinese_page_of_a_period_before_the_data_says_from_when_it_exists(demo_data):
    params, data = demo_data("kids-toy-us")
    r = run_research(data, params, "2019-01")
    assert r.no_data
    assert _no_english_sentence(params, r) == []
    zh = _visible(page.page(r, lang="zh").html)
    assert "截至 2019-01-31 没有选品调研数据" in zh and "没有日期，因此不用于" in zh


def test_prohibited_item_and_rules_on_file_reasons_are_said_in_chinese():
    params = load_params("kitchen-organizer-de")
    res = compliance_check(params, listings=["Geschirrständer aus Polycarbonat", "Abtropfgestell Edelstahl"])
    item = next(d for d in res.decisions if d.rule == "R1.3.prohibited")
    assert item.verdict == "reject"
    assert item.reason.startswith("prohibited in DE × food_contact_kitchenware: ")  # English kept for the store
    en = _visible(page.compliance_result(res, with_listings=True).html)
    zh = _visible(page.compliance_result(res, with_listings=True, lang="zh").html)
    assert "matched 'polycarbonat' in listing" in en and "禁止物品 EU-RX-BPA-FCM" in zh
    assert "在listing“Geschirrständer aus Polycarbonat”中命中“polycarbonat”" in zh
    assert "已收录 8 条规则（7 条强制，计入费用）" in zh
    for english in ("matched", "rules on file", "mandatory, costed", "product text or", "listing titles",
                    "prohibited item", "compliance rules"):
        assert english not in zh, english
    params["category"]["compliance_category"] = "garden_tools"
    res = compliance_check(params)
    zh = _visible(page.compliance_result(res, with_listings=False, lang="zh").html)
    assert "没有在册规则 — 采购前请核实：DE × garden_tools" in zh and "rule on file" not in zh
    assert res.reason == "no rule on file — check before sourcing: DE × garden_tools"


def test_shipped_rules_texts_are_catalog_messages_said_in_chinese(project_root):
    shipped = extract_messages(project_root / "seller_lab", project_root / "notebooks")
    rules = load_rule_set().frame
    notes = [n for n in rules["notes"] if n.strip()]
    assert len(rules) > 100 and len(notes) > 10
    assert all(text in shipped for text in [*rules["requirement"], *notes])   # requirement and item
    assert not any(text in shipped for text in rules["authority"])            # names of bodies: as written
    res = compliance_check(load_params("kids-toy-us"), listings=["Magnet Balls 216 pcs desk toy"])
    zh = _visible(page.compliance_result(res, with_listings=True, lang="zh").html)
    assert "强制性玩具标准 ASTM F963-23" in zh                       # a requirement, standard number kept
    assert "基材总铅 <= 100 ppm" in zh and "<= 90 ppm" in zh
    assert "由散装小颗粒强力磁铁组成的磁铁套装" in zh                  # the item, in the table and the reason
    assert "Third-party testing" not in zh and "Magnet sets of small" not in zh
    assert "CPSC" in zh and "16 CFR 1262" in zh                       # authority and citation as written
    en = _visible(page.compliance_result(res, with_listings=True).html)
    assert "Third-party testing by a CPSC-accepted lab" in en and "Magnet sets of small loose" in en
    item = next(d for d in res.decisions if d.rule == "R1.3.prohibited")
    assert "Magnet sets of small loose high-powered magnets" in item.reason  # the stored reason stays English


def test_a_sellers_own_rules_file_text_is_shown_as_written_on_a_chinese_page(project_root, tmp_path):
    folder = shutil.copytree(project_root / "params" / "compliance", tmp_path / "compliance")
    us = (folder / "us.yaml").read_text(encoding="utf-8")
    own_req = "Drop test from 1.5 m and seam pull test on every batch by our Dongguan lab"
    own_item = "Loose magnet sets of any size (our buyer at Target refuses them)"
    us = us.replace("Third-party testing by a CPSC-accepted lab to the mandatory toy standard ASTM F963-23 "
                    "(mechanical/physical incl. small parts, sharp edges and points, use-and-abuse; "
                    "flammability; heavy metals in surface coatings and accessible substrates)", own_req)
    us = us.replace("Magnet sets of small loose high-powered magnets (magnet balls/cubes, 'desk toys'), "
                    "and toys with loose hazardous magnets", own_item)
    (folder / "us.yaml").write_text(us, encoding="utf-8")
    res = compliance_check(load_params("kids-toy-us"), listings=["Magnet Balls 216 pcs desk toy"],
                           rules=load_rule_set(compliance_dir=folder))
    assert own_req in set(res.rules["requirement"]) and own_item in set(res.prohibited["item"])
    zh = _visible(page.compliance_result(res, with_listings=True, lang="zh").html)
    assert own_req in zh                                    # the seller's requirement, as written
    assert zh.count(own_item) == 2                          # in the items table and in the reason
    assert "基材总铅 <= 100 ppm" in zh                       # the shipped rules beside it: in Chinese
    assert "禁止物品 US-RX-MAGNET-SETS" in zh


def test_months_in_reasons_are_named_as_the_chinese_locale_names_them(research, pages):
    _, r = research["camping-chair-de"]              # seasonal May–Jul in the demo
    gate = next(d for d in r.verdict.gates if d.rule == "R1.1.seasonality")
    assert "May–Jul" in gate.reason                   # the English reason is unchanged
    zh = _visible(page.verdict(r, lang="zh").html)
    assert "5月–7月" in zh and "旺季 5月–7月" in zh
    _, r = research["kitchen-organizer-de"]          # not seasonal: the highest month is named with its year
    gate = next(d for d in r.verdict.gates if d.rule == "R1.1.seasonality")
    month = re.search(r"highest month (\w{3}) (\d{4}) at", gate.reason)
    assert month, gate.reason
    number = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"].index(month[1]) + 1
    zh = _visible(page.verdict(r, lang="zh").html)
    assert f"最高月份 {month[2]}年{number}月为趋势的" in zh
    for slug in SLUGS:
        zh_page = _visible(pages(slug, "zh"))
        for w in _data_words(research[slug][1]):
            zh_page = zh_page.replace(w, " ")
        assert not re.search(r"\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b", zh_page)


def test_shipped_differentiation_proposals_are_translated_and_a_sellers_own_text_is_shown_as_written(
        project_root):
    shipped = extract_messages(project_root / "seller_lab", project_root / "notebooks")
    defaults = load_params()["research"]["differentiation"]
    assert all(text in shipped for text in defaults.values())      # so the catalog test covers them
    params = load_params("kitchen-organizer-de")
    params["research"]["differentiation"]["wobbly"] = "Querstreben {aus Stahl} wie bei WMF"  # the seller's own
    reasons = pd.DataFrame({"keyword": ["rostet", "wackelig"], "reviews_negative": [12, 9],
                            "share_negative_reviews": [0.3, 0.2],
                            "quotes": [["Nach drei Wochen rostet es."], ["Alles wackelig."]]})
    out = comp.differentiation(reasons, params, top_n=5)
    assert list(out["concept"]) == ["rust", "wobbly"]
    assert out["suggestion"].tolist() == [
        "differentiate by rust-proof material (stainless steel 304 or powder coating) (12 negative reviews "
        "mention “rostet”)",
        "differentiate by Querstreben {aus Stahl} wie bei WMF (9 negative reviews mention “wackelig”)"]
    zh = [say(s, translator("zh")) for s in out["suggestion"]]
    assert zh == ["差异化方向：防锈材料（304 不锈钢或粉末喷涂）（12 条差评提到“rostet”）",
                  "差异化方向：Querstreben {aus Stahl} wie bei WMF（9 条差评提到“wackelig”）"]


def test_chinese_test_plan_shows_the_same_arithmetic(research):
    _, r = research["kitchen-organizer-de"]
    zh = _visible(page.test_plan(r, lang="zh").html)
    assert "总预算 = 24,000.00 EUR（到岸成本 8.00 × 预期首年销量 3,000 件）" in zh
    assert "样品成本 = 200 × 8.00 = 1,600.00 EUR，占预算 6.7%" in zh
    assert "测试价格 = 29.90 × (1 + 16.7%) = 34.89 → 价格点 34.90 EUR" in zh
    assert "200 件测试品费用 1,600 EUR，占预算 6.7%（<= 10%）" in zh
    assert r.plan.arithmetic[0] == "total budget = 24,000.00 EUR (landed cost 8.00 × 3,000 expected first-year units)"


def test_customer_quotes_stay_in_their_language_and_are_tagged(research):
    _, r = research["kitchen-organizer-de"]
    zh = page.first_screen(r, lang="zh").html
    quotes = re.findall(r'<q lang="(\w+)">(.*?)</q>', zh)
    assert quotes, "the first screen quotes buyers"
    assert {lang for lang, _ in quotes} == {"de"}
    for _, q in quotes:
        assert not CJK.search(q)                     # never translated
        assert _html.unescape(q) in " ".join(str(x) for p in r.pain_points["quotes"] for x in p) + " ".join(
            str(x) for p in r.gaps["example_questions"] for x in p)
    assert zh.count('class="lang-tag"') == len(quotes)


def test_numbers_months_and_money_follow_the_chinese_locale(research):
    params, r = research["camping-chair-de"]
    head = title(params, "research", "2026-11", lang="zh").html
    assert "2026年11月" in head
    plan = page.test_plan(r, lang="zh").html
    assert f"€{r.plan.test_price:,.2f}" in plan and "测试价格" in plan
    trends = page.trends(r, lang="zh").html
    assert r.trend_row["peak_months"], "the demo's camping chair is seasonal"
    assert re.search(r"<td>\d{1,2}月(, \d{1,2}月)*</td>", trends)   # peak months as the locale names them
    assert re.search(r"<td>[+−]\d+%</td>", trends)                   # growth with its sign


def test_every_research_section_renders_in_chinese_with_translated_headers(research):
    _, r = research["kids-toy-us"]
    for name in SECTIONS:
        zh = getattr(page, name)(r, lang="zh").html
        assert CJK.search(_visible(zh)), name
    verdict = page.verdict(r, lang="zh").html
    assert "<th>规则</th>" in verdict and "<th>原因</th>" in verdict and "放弃" in verdict
    # the English reason kept for the store is untouched
    assert r.verdict.reason.startswith("reject: certification")


def test_chinese_charts_render_without_missing_glyphs(research):
    _, r = research["kitchen-organizer-de"]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        html = "".join(getattr(page, name)(r, lang="zh").html for name in ("trends", "pain_points", "questions",
                                                                          "competition"))
    assert html.count("data:image/png;base64,") >= 4
    glyphs = [str(w.message) for w in caught if "Glyph" in str(w.message)]
    assert glyphs == []


def test_without_the_cjk_font_the_same_chart_would_miss_glyphs():
    """The check above can fail: DejaVu alone has no Chinese glyphs."""
    with matplotlib.rc_context({"font.family": ["DejaVu Sans"]}), warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig, ax = plots.new_figure()
        ax.plot([1, 2])
        plots.finish(ax, title="搜索热度上升")
        figure_html(fig)
    assert any("Glyph" in str(w.message) and "missing" in str(w.message) for w in caught)


@pytest.mark.parametrize("slug", SLUGS)
def test_inputs_overview_says_the_importers_notes_in_chinese(demo_data, slug):
    """The input-files table shared by both templates: kinds, statuses and the importers'
    notes ("column 'Datum': read as day/month …") in the page's language; file paths, layouts
    and encodings are data."""
    params, data = demo_data(slug)
    files = data.files
    skip = [*map(str, files["file"]), *map(str, files["layout"]), *map(str, files["encoding"])]
    en = _visible(inputs_overview(data, "en").html)
    zh = _visible(inputs_overview(data, "zh").html)
    notes = [str(m) for m in files["message"] if str(m)]
    assert notes and all(n in en for n in notes)          # the English page as before
    leaked = sorted(run for run in _english_runs(en, skip) if run in zh)
    assert leaked == []
    assert "读取" in zh and "说明" in zh


def test_coverage_notes_of_a_period_after_the_data_read_in_chinese(demo_data):
    """The coverage table of a period after the data ends: "data through … (nothing after it
    up to …)", "no dated rows" — the as-of notes in the page's language."""
    params, data = demo_data("kitchen-organizer-de")
    r = run_research(data, params, "2027-03")
    en = _visible(page.coverage_table(r, "en").html)
    zh = _visible(page.coverage_table(r, "zh").html)
    assert "data through 2026-10-31 (nothing after it up to 2027-03-31)" in en and "no dated rows" in en
    assert "数据截至 2026-10-31（此后到 2027-03-31 没有数据）" in zh and "没有带日期的行" in zh
    assert "data through" not in zh and "no dated rows" not in zh


def test_importer_notes_kept_in_the_store_are_said_in_chinese(demo_data, tmp_path):
    """Reports read a category from the store once it is ingested: the notes come back as
    phrases, so the inputs overview still reads in the page's language."""
    params, _ = demo_data("kitchen-organizer-de")
    params = copy.deepcopy(params)
    params["paths"]["store"] = str(tmp_path / "store.duckdb")
    ingest_category(params)
    data = load_category(params)
    assert data.origin == "store"
    notes = [m for m in data.files["message"] if str(m)]
    assert notes and all(hasattr(m, "template") for m in notes)
    zh = _visible(inputs_overview(data, "zh").html)
    assert "按日/月读取" in zh and "read as day/month" not in zh
    assert "read as day/month" in _visible(inputs_overview(data, "en").html)


def test_chinese_research_page_with_rejected_rows_and_unloadable_files_has_no_english_sentence(
        bad_inputs, input_words):
    """The whole page as the template renders it (title, inputs overview, every section) of a
    category whose exports have bad rows and whose folder holds files that cannot be loaded:
    the rejected rows' reasons and the files' errors read in Chinese too."""
    params, data = bad_inputs
    r = run_research(data, params, "2026-11")

    def whole(lang: str) -> str:
        return _visible(title(params, "research", "2026-11", lang=lang).html + inputs_overview(data, lang).html
                        + page.page(r, lang=lang).html)

    words = [*input_words(data), *_data_words(r)]
    en, zh = whole("en"), whole("zh")
    assert "star rating is not a number" in en and "the file is empty" in en
    en_runs = _english_runs(en, words)
    assert len(en_runs) >= 50
    assert sorted(run for run in en_runs if run in zh) == []
    assert "星级评分不是数字" in zh and "文件为空" in zh and "但缺少必需的列" in zh
