"""The research page in Chinese (R7) on the shared demo: rendered section by section from
``run_research`` (no papermill), compared with the English rendering of the same result."""

from __future__ import annotations

import html as _html
import re
import warnings

import matplotlib
import pytest

from seller_lab.report import plots
from seller_lab.report.render import figure_html
from seller_lab.report.sections import research as page
from seller_lab.report.sections import title
from seller_lab.research.pipeline import run_research

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
    review terms), competitors' listings (ASIN, brand, title), price bands, the compliance rules
    files' own words (requirement, authority, citation), the local brands written in params,
    the lexicon's concept keys, and the input files' names."""
    words = [r.display_name, *map(str, r.pain_points["theme"]), *r.sources.values()]
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
        words += _cells(r.compliance.rules, "rule_id", "requirement", "authority", "citation")
        words += _cells(r.compliance.prohibited, "rule_id", "item", "keyword", "authority", "citation")
    return sorted({w for w in words if w.strip()}, key=len, reverse=True)


#: English runs a Chinese research page may show, each with its reason (product and brand
#: names, units and identifiers are not sentences of the page).
ALLOWED_RUNS = {
}


def _english_runs(text: str, data: list[str]) -> set[str]:
    for w in data:
        text = text.replace(w, " | ")
    return {m.group(0).strip(" ,;:") for m in WORDS3.finditer(text)} - set(ALLOWED_RUNS)


def _whole_page(params, r, lang: str) -> str:
    return title(params, "research", "2026-11", lang=lang).html + page.page(r, lang=lang).html


@pytest.mark.parametrize("slug", SLUGS)
def test_chinese_research_page_has_no_english_sentence_of_the_english_page(research, slug):
    """Every section of the page (not only the first screen): a run of 3+ English words on the
    Chinese page that the English page also shows is an untranslated template text."""
    params, r = research[slug]
    data = _data_words(r)
    en_runs = _english_runs(_visible(_whole_page(params, r, "en")), data)
    assert len(en_runs) >= 50  # the English page really has template sentences to compare
    zh_text = _visible(_whole_page(params, r, "zh"))
    leaked = sorted(run for run in en_runs if run in zh_text)
    assert leaked == []
    first = _visible(title(params, "research", "2026-11", lang="zh").html + page.first_screen(r, lang="zh").html)
    assert "选品调研结论" in first and "风险" in first
    assert len(CJK.findall(zh_text)) > 1000


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
