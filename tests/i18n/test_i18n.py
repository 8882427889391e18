"""Report languages (R7): complete Chinese catalog, glossary wording, locale formats, the
CJK chart font, and translated template narratives."""

from __future__ import annotations

import csv
import json
import re
import shutil
import warnings

import pandas as pd
import pytest
from babel.messages.pofile import read_po

import seller_lab.i18n as i18n
from seller_lab.decisions import (
    Decision,
    Month,
    Parts,
    Tally,
    When,
    encode_values,
    stored_reason,
)
from seller_lab.errors import ParamsError
from seller_lab.i18n import N_, catalog_path, report_language, translations, translator
from seller_lab.i18n.catalog import (
    catalog_problems,
    catalog_template,
    extract_messages,
    translate_notebook,
)
from seller_lab.i18n.fonts import register_cjk_font
from seller_lab.i18n.phrase import Phrase, from_phrase_json, phrase_json, say

CJK = re.compile(r"[\u4e00-\u9fff]")
PLACEHOLDER = re.compile(r"\{[a-z_][a-z0-9_]*(?:[:!][^}]*)?\}")


@pytest.fixture(scope="module")
def messages(project_root):
    return extract_messages(project_root / "seller_lab", project_root / "notebooks")


@pytest.fixture(scope="module")
def zh_catalog():
    with catalog_path("zh").open("rb") as fh:
        return read_po(fh, locale="zh", domain="seller_lab")


def test_every_message_of_library_and_templates_has_a_chinese_translation(messages):
    assert messages, "no message ids were extracted from the library and the templates"
    assert catalog_problems("zh", messages) == []


def test_the_extractor_finds_every_literal_message_of_the_library(project_root, messages):
    # Babel's extractor silently skips a call whose arguments hold a nested keyword call: tr("Missing inputs …:
    # {inputs}", inputs=sep.join(tr.pgettext(…) for k in missing)) was left out of the catalog (and so shown in
    # English) while the check above passed; every literal first argument of tr / t / _ / N_ must be extracted
    import ast

    skipped = []
    for path in sorted((project_root / "seller_lab").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant)):
                continue
            name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", None)
            text = node.args[0].value
            if name in ("tr", "t", "_", "N_") and isinstance(text, str) and text and text not in messages:
                skipped.append(f"{path.relative_to(project_root)}:{node.lineno}: {text[:60]!r}")
    assert skipped == [], skipped


def test_a_new_untranslated_message_is_reported(messages):
    problems = catalog_problems("zh", {**messages, "Orders shipped late": ["x.py:1"]})
    assert problems == ["missing: 'Orders shipped late' (x.py:1)"]


def test_translations_keep_the_placeholders_of_their_message(zh_catalog):
    for entry in zh_catalog:
        if entry.id and entry.string:
            ids = entry.id if isinstance(entry.id, tuple) else (entry.id,)
            strings = entry.string if isinstance(entry.string, tuple) else (entry.string,)
            want = set(PLACEHOLDER.findall(ids[0]))
            for text in strings:
                assert set(PLACEHOLDER.findall(text)) == want, entry.id


def _norm(text: str) -> str:
    return re.sub(r"[-_\s]+", " ", text.lower())


#: Glossary words that a message uses in another sense (the team's word would be wrong there),
#: each matched by the phrase that shows the other sense, with the reason.
GLOSSARY_OTHER_SENSE = {
    "transfer": (r"transfer constituents|taste transfer|the transfer stopped",
                 "a substance passing into food (迁移) or a file download (传输), not a stock transfer"),
    "turnover": (r"turnover thresholds", "a company's sales (营业额), not stock turnover"),
}


def test_chinese_wording_follows_the_team_glossary(zh_catalog):
    glossary_file = i18n.LOCALE_DIR.parent / "i18n" / "glossary.csv"
    rows = list(csv.DictReader(glossary_file.open(encoding="utf-8")))
    assert {"小批量测试", "海外仓", "头程", "周转率", "复盘", "选品调研"} <= {r["zh"] for r in rows}
    checked = 0
    for entry in zh_catalog:
        if not entry.id or not entry.string:
            continue
        msgid = _norm(entry.id if isinstance(entry.id, str) else entry.id[0])
        text = entry.string if isinstance(entry.string, str) else entry.string[0]
        for row in rows:
            other = GLOSSARY_OTHER_SENSE.get(row["en"])
            if other and re.search(other[0], msgid):
                continue
            if re.search(rf"\b{re.escape(_norm(row['en']))}(s|es)?\b", msgid):
                checked += 1
                assert row["zh"] in text, (row["en"], row["zh"], text)
    assert checked >= 10  # the glossary really meets the catalog


def test_missing_or_stale_compiled_catalog_is_compiled_from_the_po(tmp_path, monkeypatch):
    (tmp_path / "zh" / "LC_MESSAGES").mkdir(parents=True)
    shutil.copy(catalog_path("zh"), tmp_path / "zh" / "LC_MESSAGES" / "seller_lab.po")
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path)
    translations.cache_clear()
    try:
        text = translations("zh").gettext("## Verdict and every gate (R1.4)")
    finally:
        translations.cache_clear()
    assert text == "## 结论与各项关卡（R1.4）"
    assert not (tmp_path / "zh" / "LC_MESSAGES" / "seller_lab.mo").exists()


def test_report_language_comes_from_params_or_override_and_unknown_is_refused():
    assert report_language({"report": {"language": "zh"}}) == "zh"
    assert report_language({"report": {"language": "zh"}}, "en") == "en"
    assert report_language({}) == "en"
    with pytest.raises(ParamsError, match="report.language.*is .de.*en or zh"):
        report_language({"report": {"language": "de"}})


def test_numbers_money_and_dates_follow_the_report_locale():
    en, zh = translator("en"), translator("zh")
    assert (en.month("2026-10"), zh.month("2026-10")) == ("October 2026", "2026年10月")
    assert (en.date("2026-10-31"), zh.date("2026-10-31")) == ("Oct 31, 2026", "2026年10月31日")
    assert en.money(45716.4, "EUR") == "€45,716"
    assert zh.money(45716.4, "CNY") == "¥45,716"
    assert en.money(45716.4, "CNY") == "CN¥45,716"
    assert en.money(12.5, "USD") == "$12.50"
    assert en.number(1234567.891, 2) == "1,234,567.89"
    assert (en.percent(0.0234), zh.percent(0.0234)) == ("2.3%", "2.3%")


def test_message_placeholders_are_filled_after_translation():
    t = translator("en")
    assert t("Orders in {month}", month="October 2026") == "Orders in October 2026"
    assert t.plural("{n} order", "{n} orders", 1) == "1 order"
    assert t.plural("{n} order", "{n} orders", 3) == "3 orders"


def _glyph_warnings(family: list[str]) -> list[str]:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    with warnings.catch_warnings(record=True) as caught, \
            matplotlib.rc_context({"font.family": family}):
        warnings.simplefilter("always")
        fig, ax = plt.subplots(figsize=(4, 2))
        ax.plot([1, 2, 3], [3, 1, 2])
        ax.set_title("月度复盘：头程与海外仓周转率")
        ax.set_xlabel("月份")
        fig.canvas.draw()
        plt.close(fig)
    return [str(w.message) for w in caught if "missing from font" in str(w.message)]


def test_chinese_chart_text_has_no_missing_glyphs_with_the_shipped_font():
    assert _glyph_warnings(["DejaVu Sans"]), "control: DejaVu alone must miss CJK glyphs"
    cjk = register_cjk_font()
    assert cjk == "Noto Sans CJK SC"
    assert _glyph_warnings(["DejaVu Sans", cjk]) == []


@pytest.mark.parametrize("template", ["category_research.ipynb", "monthly_review.ipynb"])
def test_template_narratives_are_translated_and_code_is_untouched(project_root, template):
    nb = json.loads((project_root / "notebooks" / template).read_text(encoding="utf-8"))
    zh = translate_notebook(nb, "zh")
    for before, after in zip(nb["cells"], zh["cells"], strict=True):
        if before["cell_type"] == "markdown":
            assert CJK.search("".join(after["source"])), before["source"]
        else:
            assert after["source"] == before["source"]
    en = translate_notebook(nb, "en")
    assert ["".join(c["source"]).strip() for c in en["cells"]] == \
        ["".join(c["source"]).strip() for c in nb["cells"]]


def test_one_english_word_with_two_meanings_has_one_catalog_entry_per_context(messages, zh_catalog):
    zh = translator("zh")
    # a warehouse's stock status and a cost estimate are both 'low' in English
    assert zh.pgettext("stock status", "low") == "偏低"
    assert zh("low") == "低"
    assert translator("en").pgettext("stock status", "low") == "low"
    # the service-level stocking rule is not the service column of the benchmark
    assert zh.pgettext("stocking rule", "service") != zh("service")
    assert "stock status\x04low" in messages and "low" in messages
    assert zh_catalog.get("low", context="stock status").string == "偏低"


def test_a_missing_message_with_a_context_is_reported_with_it(messages):
    problems = catalog_problems("zh", {**messages, "stock status\x04frozen": ["x.py:1"]})
    assert problems == ["missing: 'frozen' [stock status] (x.py:1)"]


def test_contexts_are_extracted_from_pgettext_calls_and_markers(tmp_path):
    (tmp_path / "mod.py").write_text(
        'from seller_lab.i18n import NC_\n'
        'WORDS = [NC_("stock status", "low")]\n'
        'def show(tr):\n'
        '    return tr.pgettext("cost estimate", "low"), tr("low")\n', encoding="utf-8")
    found = extract_messages(tmp_path)
    assert set(found) == {"stock status\x04low", "cost estimate\x04low", "low"}


def test_a_rules_file_text_is_a_message_that_names_its_file_and_rule(tmp_path):
    (tmp_path / "pkg").mkdir()
    (tmp_path / "params" / "compliance").mkdir(parents=True)
    (tmp_path / "params" / "compliance" / "xx.yaml").write_text(
        "rules:\n"
        "  - id: XX-TOY-TEST\n"
        "    requirement: \"Lab test to EN 71-3\"\n"
        "    authority: \"Market surveillance\"\n"
        "    citation: \"Toy Safety Directive\"\n"
        "    notes: \"Per colour\"\n"
        "restricted:\n"
        "  - id: XX-RX-MAGNETS\n"
        "    item: \"Loose magnets\"\n"
        "    keywords: [magnet]\n", encoding="utf-8")
    template = catalog_template(tmp_path / "pkg")
    found = {m.id: (m.auto_comments, m.locations) for m in template if m.id}
    assert set(found) == {"Lab test to EN 71-3", "Per colour", "Loose magnets"}   # not authority/citation
    assert found["Lab test to EN 71-3"] == (["params compliance/xx.yaml XX-TOY-TEST requirement"],
                                            [("params/compliance/xx.yaml", 3)])
    assert found["Loose magnets"][0] == ["params compliance/xx.yaml XX-RX-MAGNETS item"]


def test_weekday_dates_follow_the_report_locale():
    en, zh = translator("en"), translator("zh")
    assert (en.weekday_date("2026-10-19"), zh.weekday_date("2026-10-19")) == ("Mon 2026-10-19", "2026-10-19 周一")
    assert zh.weekday_time("2026-10-31 15:55") == "2026-10-31 周六 15:55"
    assert en.weekday_date(float("nan")) == ""


def test_a_sentence_with_decision_values_round_trips_through_the_stored_form_and_reads_in_chinese():
    """One stored form for every sentence: a phrase holding a decision's value types (parts,
    a day, a report month, a tally) comes back from its JSON and is said in Chinese the way
    the decision's reason is; the same values keep the same JSON in a decision's row."""
    days = Parts(((N_("{warehouse} {days} days"), {"warehouse": "DE-FRA", "days": 3}),), sep=", ")
    values = {"sku": "KO-1", "days": 4.0, "at": Parts.of(N_(" ({where})"), where=days)}
    template = N_("{sku}: {days:.0f} stock-out days{at} and no inbound order on record")
    phrase = Phrase(template, **values)
    back = from_phrase_json(phrase_json(phrase), "")
    zh = translator("zh")
    assert back == phrase == "KO-1: 4 stock-out days (DE-FRA 3 days) and no inbound order on record"
    assert say(back, zh) == say(phrase, zh) != str(phrase)
    assert "DE-FRA 3 天" in say(back, zh) or "DE-FRA 3天" in say(back, zh)
    row = Decision("KO-1", "R7.3", "m", 4.0, "", "alert", Phrase(template, **values)).as_row()
    assert stored_reason(row["reason"], row["reason_template"], row["reason_values"], zh) == say(phrase, zh)
    assert phrase_json(Phrase("{v}", v=Month("2026-10"))) == '{"t": "{v}", "v": ' + encode_values({"v": Month("2026-10")}) + "}"
    due = Phrase(N_("'{task}' due {due:%a %Y-%m-%d} ({owner}) has no completion"),
                 task="label check", due=When(pd.Timestamp("2026-10-19")), owner="ops")
    assert "周一" in say(from_phrase_json(phrase_json(due), ""), zh)
    tally = from_phrase_json(phrase_json(Phrase("{why}", why=Tally({"no stock": 2}))), "")
    assert tally == "2 no stock" and isinstance(tally.values["why"], Tally)
