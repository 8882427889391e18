"""End to end on the bundled demo: the real templates run through papermill for the demo
categories, and each planted truth is visible on the rendered page where a manager looks.

One session-scoped project in a temp folder: a copy of params/, the real notebooks, the
demo generated into its data/demo (small scale to keep the suite fast), the store and
reports inside it. Marked slow (still part of ``make test``).
"""

from __future__ import annotations

import html as _html
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import matplotlib
import pytest
from PIL import Image, ImageChops  # matplotlib's own dependency

from seller_lab.report.batch import run_batch

pytestmark = pytest.mark.slow

SLUGS = ["kitchen-organizer-de", "camping-chair-de", "kids-toy-us"]


def _text(page: str) -> str:
    """Visible text of a report page (tags dropped, entities decoded, spaces collapsed)."""
    page = re.sub(r"<style.*?</style>", " ", page, flags=re.S)
    page = re.sub(r"<img[^>]*>", " [image] ", page)
    return re.sub(r"\s+", " ", _html.unescape(re.sub(r"<[^>]+>", " ", page)))


def _first_screen(page: str) -> str:
    """Text up to the first section heading after the title: what the boss reads."""
    body = page.split("<h2", 1)[0]
    return _text(body)


@pytest.fixture(scope="session")
def demo_project(tmp_path_factory, params_dir, project_root):
    from seller_lab import demo

    root = tmp_path_factory.mktemp("project")
    shutil.copytree(params_dir, root / "params")
    (root / "notebooks").symlink_to(project_root / "notebooks", target_is_directory=True)
    demo.generate(root / "data" / "demo", seed=7, scale=0.5)
    pdir = root / "params"
    research = run_batch("research", SLUGS, "2026-11", jobs=2, params_dir=pdir, progress=False)
    monthly_prev = run_batch("monthly", SLUGS, "2026-09", jobs=2, params_dir=pdir, progress=False)
    monthly = run_batch("monthly", SLUGS, "2026-10", jobs=2, params_dir=pdir, progress=False)
    # the month after the demo's data (one category: a papermill render costs seconds)
    empty = run_batch("monthly", SLUGS[:1], "2026-11", jobs=1, params_dir=pdir, progress=False)
    # one Chinese research report through the same runner (written beside the English one)
    research_zh = run_batch("research", SLUGS[:1], "2026-11", jobs=1, params_dir=pdir, progress=False, lang="zh")
    monthly_zh = run_batch("monthly", SLUGS[:1], "2026-10", jobs=1, params_dir=pdir, progress=False, lang="zh")
    return {"root": root, "research": {r.category: r for r in research},
            "research_zh": {r.category: r for r in research_zh},
            "monthly_zh": {r.category: r for r in monthly_zh},
            "monthly_prev": {r.category: r for r in monthly_prev},
            "monthly": {r.category: r for r in monthly},
            "monthly_empty": {r.category: r for r in empty}}


def _page(demo_project, kind: str, slug: str) -> str:
    r = demo_project[kind][slug]
    assert r.status == "ok", r.error
    return Path(r.html).read_text(encoding="utf-8")


@pytest.mark.parametrize("kind", ["research", "monthly"])
@pytest.mark.parametrize("slug", SLUGS)
def test_demo_report_is_one_offline_page_without_code(demo_project, kind, slug):
    page = _page(demo_project, kind, slug)
    assert "load_category(params" not in page and "from seller_lab" not in page   # no code cells
    assert "Traceback" not in page and "PapermillExecutionError" not in page
    assert page.count('src="data:image/png;base64,') >= 1                          # charts embedded
    assert "<script src=" not in page and "<link " not in page                     # opens offline
    assert not re.search(r"""src=["']https?://""", page)


def test_index_lists_every_demo_report_with_its_verdict(demo_project):
    root = demo_project["root"]
    manifest = json.loads((root / "reports" / "index.json").read_text(encoding="utf-8"))
    for slug in SLUGS:
        for key in (f"research/{slug}/2026-11", f"monthly/{slug}/2026-10"):
            assert manifest["reports"][key]["status"] == "ok", key
    index = _text((root / "reports" / "index.html").read_text(encoding="utf-8"))
    for verdict in ("go", "watch", "reject"):
        assert re.search(rf"\b{verdict}\b", index), verdict


@pytest.mark.parametrize("slug,verdict", [("kitchen-organizer-de", "go"),
                                          ("camping-chair-de", "watch"),
                                          ("kids-toy-us", "reject")])
def test_research_verdict_is_on_the_first_screen(demo_project, slug, verdict):
    r = demo_project["research"][slug]
    assert r.record["verdict"] == verdict, r.record.get("headline")
    first = _first_screen(_page(demo_project, "research", slug)).lower()
    assert verdict in first


def test_research_first_screens_name_the_planted_reasons(demo_project):
    ko = _first_screen(_page(demo_project, "research", "kitchen-organizer-de")).lower()
    assert "230" in ko or "volt" in ko or "steckdose" in ko or "stecker" in ko
    assert "teller" in ko or "plate" in ko
    cc = _first_screen(_page(demo_project, "research", "camping-chair-de")).lower()
    assert "season" in cc
    kt = _first_screen(_page(demo_project, "research", "kids-toy-us")).lower()
    assert "certif" in kt or "compliance" in kt
    assert "30%" in kt or "30 %" in kt


def test_camping_chair_research_shows_the_test_plan_without_pilot(demo_project):
    page = _text(_page(demo_project, "research", "camping-chair-de")).lower()
    assert "test plan" in page


def test_monthly_pages_show_the_planted_operations_events(demo_project):
    ko = _first_screen(_page(demo_project, "monthly", "kitchen-organizer-de"))
    assert "24 h" in ko and "1 business hour" in ko                      # SLA breaches up front
    assert "After-sales analysis" in ko and "2026-10-19" in ko           # the overdue SOP task
    assert "KO-RACK-2T" in ko and "+30%" in ko                           # fast mover
    page = _text(_page(demo_project, "monthly", "kitchen-organizer-de"))
    assert "TOO_SMALL" in page and "2026-10-12" in page                  # the 'too small' week
    cc = _text(_page(demo_project, "monthly", "camping-chair-de"))
    assert "CC-CHAIR-XL" in cc and "-50%" in cc                          # slow mover
    kt = _text(_page(demo_project, "monthly", "kids-toy-us"))
    assert re.search(r"KT-TILES-60: move \d+ units \(\d+ cartons\) from US-WEST .* to US-EAST", kt)


def test_monthly_review_compares_last_months_decisions(demo_project):
    page = _text(_page(demo_project, "monthly", "kitchen-organizer-de"))
    assert "Decisions of 2026-09 and what happened in 2026-10" in page


def test_month_after_the_demo_data_renders_a_page_that_says_what_data_exists(demo_project):
    r = demo_project["monthly_empty"]["kitchen-organizer-de"]
    assert r.status == "ok", r.error
    assert r.record["verdict"] == "unknown" and r.record["kpis"] == {}
    page = _text(_page(demo_project, "monthly_empty", "kitchen-organizer-de"))
    first = _first_screen(_page(demo_project, "monthly_empty", "kitchen-organizer-de"))
    assert "no orders in 2026-11; data runs to 2026-10-31" in first
    assert "orders 20" in first and "to 2026-10-31" in first                 # the data on file, per input
    assert "the 24 h dispatch rule cannot be checked" in page
    assert "Traceback" not in page
    # the index keeps October's figures for the portfolio and labels them with their month
    index = _text((demo_project["root"] / "reports" / "index.html").read_text(encoding="utf-8"))
    assert "(2026-10, stale: newest is 2026-11)" in index


def test_chinese_research_report_is_written_beside_the_english_one(demo_project):
    r = demo_project["research_zh"]["kitchen-organizer-de"]
    assert r.status == "ok", r.error
    assert r.lang == "zh" and Path(r.html).name == "2026-11.zh.html"
    english = demo_project["research"]["kitchen-organizer-de"]
    assert Path(english.html).name == "2026-11.html" and Path(english.html).exists()   # links stay stable
    page = Path(r.html).read_text(encoding="utf-8")
    assert '<html lang="zh">' in page
    headings = re.findall(r"<h2[^>]*>(.*?)</h2>", page, flags=re.S)
    assert any("需求：搜索热度" in h for h in headings) and any("合规预检" in h for h in headings)
    first = _first_screen(page)
    assert "选品调研结论" in first and "推进" in first and "风险" in first
    assert page.count('src="data:image/png;base64,') >= 4                         # charts embedded
    assert "<script src=" not in page and "<link " not in page and "@font-face" not in page
    assert not re.search(r"""src=["']https?://|url\(["']?https?://""", page)        # links to sources only
    assert r.record["verdict"] == english.record["verdict"] == "go"
    assert r.record["headline"] == english.record["headline"]                     # the store keeps English


def test_chinese_monthly_report_speaks_chinese_from_the_first_screen(demo_project):
    r = demo_project["monthly_zh"]["kitchen-organizer-de"]
    assert r.status == "ok", r.error
    assert Path(r.html).name == "2026-10.zh.html"
    page = Path(r.html).read_text(encoding="utf-8")
    first = _first_screen(page)
    assert "月度复盘" in first and "2026年10月" in first and "下月改进计划" in first
    english = _first_screen(_page(demo_project, "monthly", "kitchen-organizer-de"))
    for sentence in ("Next month's improvement plan", "vs last month", "Monthly review"):
        assert sentence in english and sentence not in first


_BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def _browser() -> str:
    browser = next((shutil.which(b) for b in _BROWSERS if shutil.which(b)), None)
    if browser is None:
        pytest.skip("no headless browser (chromium / google-chrome) on this machine; "
                    "`.ci/run` installs Debian's chromium where it can")
    return browser


def _screenshot(browser: str, page: Path, size: str, env: dict | None = None):
    """The browser's rendering of ``page`` as a grey-scale image."""
    shot = page.with_suffix(".png")
    subprocess.run([browser, "--headless", "--disable-gpu", "--no-sandbox", f"--screenshot={shot}",
                    f"--window-size={size}", page.resolve().as_uri()],
                   check=True, capture_output=True, timeout=120, env=env)
    with Image.open(shot) as img:
        return img.convert("L")


def _cjk_as_unknown(text: str) -> str:
    """Every CJK ideograph replaced by a private-use code point: a browser with no glyph for
    either draws the same empty box for both."""
    return "".join("\ue000" if "\u4e00" <= c <= "\u9fff" else c for c in text)


def test_headless_browser_screenshot_of_a_chinese_report(demo_project, tmp_path):
    """The Chinese research page as a browser shows it: the page is drawn (text and charts), and
    its title is drawn in Chinese glyphs, not in the empty boxes of a missing font. The proof
    compares the title with the same title whose ideographs are replaced by code points no font
    has; a control run with only matplotlib's Latin fonts visible shows the comparison does see
    missing glyphs (the two renderings are then identical)."""
    browser = _browser()
    if not subprocess.run(["fc-list", ":lang=zh", "family"], capture_output=True,
                          text=True).stdout.strip():
        pytest.skip("no Chinese system font: a browser here would draw Chinese headings as boxes "
                    "(install fonts-noto-cjk; Windows and macOS ship one)")
    r = demo_project["research_zh"]["kitchen-organizer-de"]
    assert r.status == "ok", r.error
    page = Path(r.html).read_text(encoding="utf-8")
    whole = _screenshot(browser, Path(r.html), "1200,1600")
    assert len(whole.getcolors(maxcolors=1 << 16) or []) > 20     # text and charts drawn

    style = re.search(r"<style.*?</style>", page, re.S).group(0)
    title = _html.unescape(re.sub(r"<[^>]+>", "", re.search(r"<h1[^>]*>(.*?)</h1>", page, re.S)[1]))
    assert re.search(r"[\u4e00-\u9fff]", title), title

    def draw(text: str, name: str, env: dict | None = None):
        html_file = tmp_path / f"{name}.html"
        html_file.write_text(f"<!doctype html><meta charset=utf-8>{style}<h1>{_html.escape(text)}</h1>",
                             encoding="utf-8")
        return _screenshot(browser, html_file, "900,160", env)

    assert ImageChops.difference(draw(title, "title"), draw(_cjk_as_unknown(title), "boxes")).getbbox()

    latin = Path(matplotlib.get_data_path())   # its bundled DejaVu: no Chinese glyph / "fonts" / "ttf"
    conf = tmp_path / "fonts.conf"
    conf.write_text(f'<?xml version="1.0"?><fontconfig><dir>{latin}</dir>'
                    f'<cachedir>{tmp_path / "fc-cache"}</cachedir></fontconfig>', encoding="utf-8")
    env = {**os.environ, "FONTCONFIG_FILE": str(conf)}
    control = ImageChops.difference(draw(title, "title-latin", env), draw(_cjk_as_unknown(title), "boxes-latin", env))
    assert control.getbbox() is None
