"""The monthly page in the report language (R7, issue 13): a Chinese first screen with no
English template sentence left, Chinese chart text without missing glyphs, Decision
reasons rendered from their templates, the English page as before, the index per language."""

from __future__ import annotations

import copy
import dataclasses
import html
import re
import warnings

import pandas as pd
import pytest
import yaml

from seller_lab.decisions import (
    Decision,
    localized_metric,
    localized_reason,
    stored_reason,
    to_frame,
)
from seller_lab.errors import ParamsError
from seller_lab.i18n import translations, translator
from seller_lab.i18n.phrase import Phrase
from seller_lab.pilot.report import run_pilot
from seller_lab.report import plots
from seller_lab.report.index import update_index
from seller_lab.report.runner import ReportResult
from seller_lab.report.sections import inputs_overview, monthly, title
from seller_lab.report.sections.pilot import pilot_section
from seller_lab.review import run_month
from seller_lab.review.settings import MonthSettings
from seller_lab.schemas import columns
from seller_lab.sources.store import read_decisions, save_decisions

CJK = re.compile(r"[\u4e00-\u9fff]")
# three or more lower-case English words in a row: a sentence (fragment) of the template;
# SKUs, warehouse and reason codes (KO-RACK-2T, FR-PAR, DAMAGED_BY_CARRIER), rule keys and
# file names are not lower-case words, so they may stay
ENGLISH_RUN = re.compile(r"\b[a-z][a-z'-]+(?: [a-z][a-z'-]+){2,}\b")
SLUGS = ["kitchen-organizer-de", "camping-chair-de", "kids-toy-us"]
PERIOD = "2026-10"


def _text(fragment: str) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", fragment)))


#: A customer's words on a page: quoted in their own language and tagged with it.
QUOTE = re.compile(r'<q lang="(?P<lang>[a-z]{2})">(?P<text>.*?)</q> <span class="lang-tag"[^>]*>(?P<tag>[A-Z]{2})</span>',
                   re.S)


def _page_text(page: str, m) -> str:
    """What a reader sees of a page, without what stays in its own words by design:
    embedded images, customer quotes (tagged with their language), and the category's
    own params text the team wrote (allowlisted below with the reason)."""
    text = _text(QUOTE.sub(" ", re.sub(r'src="data:[^"]+"', "", page)))
    for phrase in _params_text(m):
        text = text.replace(phrase, " ")
    return text


def _params_text(m) -> list[str]:
    """Allowlist, each with its reason:
    - the service benchmark's descriptions of competitors (``iteration.service_benchmark``):
      the team's notes on named local brands, shown as written;
    - the category's preset selling points (``category.selling_points``): the listing's
      claims in the market's language, matched against reviews word for word."""
    service = m.service[m.service["brand"] != "ours"][["design", "packaging", "service"]]
    cells = [html.unescape(str(c)) for c in service.astype("str").stack() if str(c)]
    points = m.selling_points["selling_point"].astype("str").tolist() if len(m.selling_points) else []
    points += m.keywords["selling_point"].astype("str").tolist() if len(m.keywords) else []
    return sorted({p for p in cells + points if p}, key=len, reverse=True)


def _shingles(text: str) -> set[str]:
    out = set()
    for run in ENGLISH_RUN.findall(text):
        words = run.split()
        out |= {" ".join(words[i:i + 3]) for i in range(len(words) - 2)}
    return out


def _in_chinese(m):
    cat = dataclasses.replace(m.settings.category, report_language="zh")
    return dataclasses.replace(m, settings=dataclasses.replace(m.settings, category=cat))


def _params_in(tmp, demo_root, params: dict) -> dict:
    """The demo params with every path the monthly review reads or writes in a temp folder
    or the demo world (not in the work tree: the SOP log in data/demo may or may not exist)."""
    params = copy.deepcopy(params)
    params["paths"].update(store=str(tmp / "store.duckdb"), data_root=str(tmp / "data"),
                           reports_root=str(tmp / "reports"))
    params["review"]["sop_log"] = str(demo_root / "sop_log.csv")
    return params


@pytest.fixture(scope="module")
def months(demo_data, demo_root, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("monthly_zh")
    return {slug: run_month(demo_data(slug)[1], _params_in(tmp, demo_root, demo_data(slug)[0]), PERIOD)
            for slug in SLUGS}


@pytest.mark.parametrize("slug", SLUGS)
def test_chinese_first_screen_has_no_english_sentence_of_the_english_page(months, slug):
    m = months[slug]
    en, zh = _text(monthly.first_screen(m).html), _text(monthly.first_screen(m, "zh").html)
    english = _shingles(en)
    assert len(english) > 50  # the English page really has sentences to compare with
    left = sorted(s for s in english if re.search(rf"\b{re.escape(s)}\b", zh))
    assert left == []
    assert "2026年10月：问题出在" in zh and "下月改进计划" in zh
    assert "断货" in zh and "预警" in zh


@pytest.mark.parametrize("slug", SLUGS)
def test_every_rule_that_fired_is_rendered_from_its_template_in_chinese(months, slug):
    zh, en = translator("zh"), translator("en")
    for d in months[slug].problems:
        assert d.template, d.rule
        assert d.template.format(**d.values) == d.reason
        assert localized_reason(d, en) == d.reason
        assert CJK.search(localized_reason(d, zh)), d.reason


def test_a_rule_without_a_known_template_shows_its_english_reason():
    zh = translator("zh")
    plain = Decision("KO-1", "R1.x", "m", 1, "", "alert", "an old rule's reason")
    unknown = dataclasses.replace(plain, reason=Phrase("a rule {n} the catalog does not know", n=1))
    assert localized_reason(plain, zh) == "an old rule's reason"
    assert localized_reason(unknown, zh) == "a rule 1 the catalog does not know"


def test_structured_reasons_leave_the_store_frame_unchanged(months):
    frame = to_frame(months["kitchen-organizer-de"].decisions)
    assert frame.columns.tolist() == columns("decisions")
    assert frame["reason"].str.contains("stock-out days").any()


def test_report_language_comes_from_params_and_is_validated(demo_data):
    params = copy.deepcopy(demo_data("kids-toy-us")[0])
    assert MonthSettings.from_params(params).category.report_language == "en"
    params["report"]["language"] = "zh"
    s = MonthSettings.from_params(params)
    assert (s.category.report_language, s.stock.report_language, s.pilot.report_language) == ("zh", "zh", "zh")
    params["report"]["language"] = "fr"
    with pytest.raises(ParamsError, match="report.language.*'fr'"):
        MonthSettings.from_params(params)


def test_page_language_follows_settings_and_lang_overrides_it(months):
    m = months["kids-toy-us"]
    zh_m = _in_chinese(m)
    assert monthly.first_screen(zh_m).html == monthly.first_screen(m, "zh").html
    assert monthly.first_screen(zh_m, "en").html == monthly.first_screen(m).html
    assert "went wrong in" in monthly.summary(m)["headline"]
    assert "问题出在" in monthly.summary(zh_m)["headline"]
    assert list(monthly.summary(zh_m)["kpis"])[0] == "销售额"


def test_chinese_page_charts_carry_chinese_text_without_missing_glyphs(months, monkeypatch):
    texts = []
    finish = plots.finish

    def recording(ax, **kw):
        texts.extend(kw.get(k, "") for k in ("title", "xlabel", "ylabel"))
        finish(ax, **kw)

    monkeypatch.setattr(plots, "finish", recording)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        page = monthly.render_month(months["kitchen-organizer-de"], "zh").html
    assert page.count("data:image/png") >= 4
    assert len(texts) >= 12 and all(CJK.search(x) for x in texts if x), texts
    assert [str(w.message) for w in caught if "missing from font" in str(w.message)] == []


def test_default_params_words_shown_on_the_page_are_in_the_catalog(project_root):
    zh = translations("zh")
    defaults = yaml.safe_load((project_root / "params" / "defaults.yaml").read_text(encoding="utf-8"))
    sop = yaml.safe_load((project_root / "params" / "sop.yaml").read_text(encoding="utf-8"))
    words = set(defaults["review"]["step_owners"]) | set(defaults["review"]["step_owners"].values())
    words |= {v for rule in defaults["aftersales"]["return_playbook"].values() for v in rule.values()}
    words |= set(defaults["iteration"]["theme_actions"].values()) - {"add {n} locally popular colours ({colours})"}
    words |= set(defaults["fulfilment"]["delay_reason_aliases"]) | set(defaults["aftersales"]["business_weekdays"])
    words |= {t[k] for t in sop["tasks"] for k in ("task", "owner_role", "step")}
    untranslated = sorted(w for w in words if zh.gettext(w) == w)
    assert untranslated == []


def test_index_has_a_chinese_page_beside_the_english_one(tmp_path):
    def result(lang):
        page = tmp_path / "monthly" / "alpha" / f"2026-10.{lang}.html"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text("<html></html>", encoding="utf-8")
        headline = {"en": "went wrong in stock; 3 actions planned", "zh": "问题出在备货；计划 3 项措施"}[lang]
        kpis = {"en": {"Sales": "1,000 EUR"}, "zh": {"销售额": "1,000 EUR"}}[lang]
        return ReportResult("monthly", "alpha", "2026-10", status="ok", html=str(page),
                            record={"verdict": "alert", "headline": headline, "kpis": kpis})

    en_page = update_index(tmp_path, [result("en")]).read_text(encoding="utf-8")
    zh_page = update_index(tmp_path, [result("zh")], lang="zh").read_text(encoding="utf-8")
    assert (tmp_path / "index.html").read_text(encoding="utf-8").count("2026-10.en.html") == 1
    assert "Monthly reviews" in en_page and 'href="index.zh.html"' in en_page
    assert "2026-10.zh.html" not in (tmp_path / "index.html").read_text(encoding="utf-8")
    assert "月度复盘" in zh_page and "预警" in zh_page and "2026年10月" in zh_page
    assert "问题出在备货" in zh_page and "2026-10.en.html" not in zh_page
    assert not _shingles(_text(zh_page))


@pytest.mark.parametrize("slug", SLUGS)
def test_rules_of_the_monthly_page_render_their_reasons_in_chinese(months, slug):
    m = months[slug]
    zh = translator("zh")
    shown = list(m.decisions) + list(m.stock.turnover_decisions)
    rules = {d.rule.rsplit(".", 1)[0] for d in shown}
    assert {"R4.2", "R5.1", "R6.2", "R7.3"} <= rules
    for d in shown:
        assert d.template, d.rule
        assert d.template.format(**d.values) == d.reason
        assert CJK.search(localized_reason(d, zh)), (d.rule, d.reason)


def test_chinese_page_of_a_month_after_the_data_has_no_english_sentence(demo_data):
    params, data = demo_data("kids-toy-us")
    m = run_month(data, params, "2026-12")
    page = _text(re.sub(r'src="data:[^"]+"', "", monthly.render_month(m, "zh").html))
    assert "2026年12月：没有订单" in page and "数据截至 2026-10-31" in page
    # the category's own description of its competitors (params data) is shown as written
    for cell in m.service.astype("str").stack():
        page = page.replace(html.unescape(str(cell)), "")
    assert ENGLISH_RUN.findall(page) == []


ENGLISH_WEEKDAY = re.compile(r"\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)\b")
ENGLISH_MONTH = re.compile(r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\b")


def _no_english_left(m, en_page: str, zh_page: str) -> list[str]:
    en, zh = _page_text(en_page, m), _page_text(zh_page, m)
    return sorted(s for s in _shingles(en) if re.search(rf"\b{re.escape(s)}\b", zh))


@pytest.mark.parametrize("slug", SLUGS)
def test_whole_chinese_monthly_page_has_no_english_sentence_of_the_english_page(months, slug):
    m = months[slug]
    en_page, zh_page = monthly.render_month(m, "en").html, monthly.render_month(m, "zh").html
    assert len(_shingles(_page_text(en_page, m))) > 200  # the English page really has sentences
    assert _no_english_left(m, en_page, zh_page) == []
    assert ENGLISH_WEEKDAY.findall(_page_text(zh_page, m)) == []
    assert ENGLISH_MONTH.findall(_page_text(zh_page, m)) == []
    # every column header is Chinese, or a code a Chinese reader uses as it is
    headers = {h for h in re.findall(r"<th[^>]*>([^<]*)</th>", zh_page) if h and not CJK.search(h)}
    assert headers <= {"SKU", "MASE", "RMSSE"}
    # the stocking rules' words in their stock meaning: a low warehouse is 偏低
    assert ("偏低" in zh_page) == bool((m.stock.alerts["status"] == "low").any())


def test_customer_words_keep_their_language_and_are_tagged_with_it(months):
    m = months["kitchen-organizer-de"]
    quotes = QUOTE.findall(monthly.render_month(m, "zh").html)
    assert len(quotes) >= 10
    assert all(lang.upper() == tag for lang, _text, tag in quotes)
    german = [text for lang, text, _tag in quotes if lang == "de"]
    assert any("Leider" in t or "passt nicht" in t for t in german)
    examples = set(m.top_returns["example_comment"].dropna().astype("str"))
    assert examples & {html.unescape(t) for _lang, t, _tag in quotes}


def test_chinese_page_of_a_partial_month_has_no_english_sentence(months, demo_data, demo_root, tmp_path):
    params, data = demo_data("kitchen-organizer-de")
    end = pd.Timestamp("2026-10-16", tz="UTC")
    cut = dataclasses.replace(
        data, orders=data.orders[data.orders["ds"] < end],
        inventory=data.inventory[pd.to_datetime(data.inventory["ds"]) < end.tz_localize(None)],
        returns=data.returns[data.returns["ds"] < end], tickets=data.tickets[data.tickets["created_at"] < end],
        reviews=data.reviews[data.reviews["ds"] < end])
    m = run_month(cut, _params_in(tmp_path, demo_root, params), PERIOD)
    assert m.coverage.status == "partial"
    zh_page = monthly.render_month(m, "zh").html
    assert _no_english_left(m, monthly.render_month(m, "en").html, zh_page) == []
    assert "2026-10-15" in _text(zh_page) and ENGLISH_WEEKDAY.findall(_page_text(zh_page, m)) == []


def test_chinese_page_of_a_month_without_data_has_no_english_sentence(demo_data, demo_root, tmp_path):
    params, data = demo_data("camping-chair-de")
    m = run_month(data, _params_in(tmp_path, demo_root, params), "2027-01")
    zh_page = monthly.render_month(m, "zh").html
    assert "2027年1月：没有订单" in _text(zh_page)
    assert _no_english_left(m, monthly.render_month(m, "en").html, zh_page) == []
    assert ENGLISH_RUN.findall(_page_text(zh_page, m)) == []


@pytest.mark.parametrize("slug", ["kitchen-organizer-de", "kids-toy-us"])
def test_chinese_pilot_page_has_no_english_sentence_of_the_english_page(demo_data, slug):
    params, data = demo_data(slug)
    p = run_pilot(data, params, PERIOD)
    assert p.result is not None
    en, zh = _text(pilot_section(p, "en").html), _text(pilot_section(p, "zh").html)
    # allowlisted: the category's preset selling points (params, the listing's own claims)
    for point in sorted(params["category"]["selling_points"], key=len, reverse=True):
        en, zh = en.replace(point, " "), zh.replace(point, " ")
    assert len(_shingles(en)) > 30
    assert sorted(s for s in _shingles(en) if re.search(rf"\b{re.escape(s)}\b", zh)) == []
    assert "小批量测试" in zh
    headers = {h for h in re.findall(r"<th[^>]*>([^<]*)</th>", pilot_section(p, "zh").html) if not CJK.search(h)}
    assert headers <= {"SKU"}


@pytest.mark.parametrize("slug", SLUGS)
def test_every_decision_metric_of_the_month_has_a_chinese_name(months, slug):
    m = months[slug]
    zh = translator("zh")
    shown = [*m.decisions, *m.stock.alert_decisions, *m.stock.transfer_decisions, *m.stock.turnover_decisions]
    assert len(shown) > 10
    untranslated = sorted({d.metric for d in shown if not CJK.search(localized_metric(d, zh))})
    assert untranslated == []


def test_last_months_decisions_and_what_happened_read_in_chinese(demo_data, demo_root, tmp_path):
    params, data = demo_data("kitchen-organizer-de")
    params = _params_in(tmp_path, demo_root, params)
    kept = to_frame(run_month(data, params, "2026-09").decisions)
    m = run_month(data, params, PERIOD, previous_decisions=kept)
    out = m.last_month.outcomes
    assert len(out) > 3
    zh_page = monthly.last_month_section(m, "zh").html
    rows = re.findall(r"<tr>(.*?)</tr>", zh_page, re.S)  # data rows (the header row has a style)
    cells = [[_text(c).strip() for c in re.findall(r"<td>(.*?)</td>", row, re.S)] for row in rows]
    assert len(cells) == min(len(out), 40)
    for row in cells:  # unique_id, rule, verdict, value, reason (from its stored template), outcome, held
        assert CJK.search(row[4]) and CJK.search(row[5]) and CJK.search(row[6]), row
        assert ENGLISH_RUN.findall(row[4] + " " + row[5] + " " + row[6]) == [], row
    en_page = _text(monthly.last_month_section(m).html)  # the English page as before
    assert "did not hold" in en_page and all(o in en_page for o in out["outcome"].head(40))


def test_a_reason_kept_in_the_store_is_read_back_in_the_pages_language(demo_data, demo_root, tmp_path):
    """Through the real store: last month's reasons keep their template and values, so the
    next month's Chinese page re-renders them; a row stored before templates were kept (no
    template) shows its English text as kept."""
    params, data = demo_data("kitchen-organizer-de")
    params = _params_in(tmp_path, demo_root, params)
    frame = to_frame(run_month(data, params, "2026-09").decisions)
    frame.loc[0, ["reason_template", "reason_values"]] = ""      # as an older store row
    save_decisions(params, frame, report_kind="monthly", period="2026-09")
    kept = read_decisions(params, category="kitchen-organizer-de", report_kind="monthly")
    assert (kept["reason_template"] != "").sum() == len(frame) - 1
    zh = translator("zh")
    shown = [stored_reason(r.reason, r.reason_template, r.reason_values, zh) for r in kept.itertuples()]
    assert sum(bool(CJK.search(x)) for x in shown) == len(frame) - 1
    old = kept["reason_template"] == ""
    assert [x for x, o in zip(shown, old, strict=True) if o] == kept.loc[old, "reason"].tolist()
    en = translator("en")
    assert [stored_reason(r.reason, r.reason_template, r.reason_values, en)
            for r in kept.itertuples()] == kept["reason"].tolist()


def test_whole_chinese_monthly_page_with_rejected_rows_and_unloadable_files_has_no_english_sentence(
        bad_inputs, input_words, demo_root, tmp_path):
    """Title, inputs overview and every section of the month of a category whose exports have
    bad rows (an ERP order whose quantity reads 'zwei', broken reviews) and whose folder holds
    files that cannot be loaded."""
    params, data = bad_inputs
    m = run_month(data, _params_in(tmp_path, demo_root, params), PERIOD)

    def whole(lang: str) -> str:
        page = (title(params, "monthly", PERIOD, lang=lang).html + inputs_overview(data, lang).html
                + monthly.render_month(m, lang).html)
        page = _page_text(page, m)
        for w in input_words(data):
            page = page.replace(w, " | ")
        return page

    en, zh = whole("en"), whole("zh")
    assert "not a whole number (text in the cell)" in en and "required column(s) are missing" in en
    english = _shingles(en)
    assert len(english) > 200
    assert sorted(s for s in english if re.search(rf"\b{re.escape(s)}\b", zh)) == []
    assert "不是整数（单元格中有文字）" in zh and "文件不是文本" in zh and "无法识别分隔符" in zh
