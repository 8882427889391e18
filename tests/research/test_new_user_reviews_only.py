"""A new user's project folder holding one real export only: the 198 Amazon reviews of one kitchen accessory
(tests/data/kcup_reviews), params as `params/defaults.yaml` leaves them (no unit economics, no compliance
category). Both pages render and say what they cannot judge; none shows 'NaN', a '?', a plan of zeros, "on track"
or a decision from a later period."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

DATA = Path(__file__).resolve().parents[1] / "data" / "kcup_reviews"
SLUG = "kcup-us"
CATEGORY = """category:
  display_name: "Disposable K-cup filters (Amazon.com)"
  market: US
  marketplace: amazon.com
  language: en
  currency: USD
  keywords: [k cup filters]
  data_dir: data/kcup
"""


@pytest.fixture()
def project(new_project):
    folder = new_project("kcup", [DATA / "Reviews.csv"])
    (folder / "params" / "categories" / f"{SLUG}.yaml").write_text(CATEGORY, encoding="utf-8")
    return folder


def test_research_page_without_unit_economics_says_what_to_set_instead_of_zeros_and_nan(project, page_text):
    from seller_lab.cli import main

    assert main(["research", SLUG, "--period", "2012-09", "--params-dir", str(project / "params")]) == 0
    page = page_text((project / "reports" / "research" / SLUG / "2012-09.html").read_text(encoding="utf-8"))
    # before: "Test price $NaN.00", "NaN.0% of budget", "200 units at NaN.00 USD (planned 0.00)", an expected profit
    # of "0.00 price − … = 0 per year" and "no rule on file — check before sourcing: US × ?"
    assert "NaN" not in page and "× ?" not in page and "= 0 per year" not in page
    assert "Expected profit not computable: set category.unit_economics" in page
    assert "The test units and their cost not planned: set category.unit_economics.landed_cost" in page
    assert "no test plan: set category.unit_economics.landed_cost" in page
    assert "US × category.compliance_category not set" in page
    # the verdict's reason names each missing export once, with what it cannot judge
    assert "cannot judge the trend of search interest and seasonality" in page
    assert "cannot judge competitors in the review/rating band and price bands" in page
    # no compliance category: said once on the first screen (it was three reasons and three risks), with the
    # categories the rules know
    first = page.split("Demand: search interest", 1)[0]
    assert first.count("no rule on file") == 2, first  # the verdict's reason and one risk
    assert "certification cost unknown" not in first and "(the rules know: " in first
    assert "food_contact_kitchenware" in first
    # a leaking filter cup is offered a tested seal, not the dish rack's "drip tray that keeps the counter dry"
    assert "a leak-proof seal" in page and "drip tray" not in page
    # the reviews are read: the top complaints of the real buyers are on the page
    assert "198" in page and "lids" in page.lower()


def test_monthly_page_of_a_month_with_reviews_only_judges_nothing_and_claims_nothing(project, page_text):
    from seller_lab.cli import main

    pdir = str(project / "params")
    # a research page of a later period first: its pilot gate (R2.1) is no decision June 2012 could have followed
    assert main(["research", SLUG, "--period", "2012-09", "--params-dir", pdir]) == 0
    assert main(["monthly", SLUG, "--month", "2012-06", "--params-dir", pdir]) == 0
    page = (project / "reports" / "monthly" / SLUG / "2012-06.html").read_text(encoding="utf-8")
    first = page_text(page.split("<h2", 1)[0])
    # before: "2012-06: on track (no orders file)", "No rule fired: every step ran within its targets.",
    # "No improvement action needed from this month's data."
    assert "2012-06: not judged (no orders file)" in first or "June 2012: not judged (no orders file)" in first, first
    assert "No rule could be checked this month" in first and "No improvement plan" in first
    assert "on track" not in first and "within their targets" not in first
    whole = page_text(page)
    assert "R2.1.sample_budget_share" not in whole and "NaN" not in whole
    # the month's praise keywords keep the 'less' of "a less expensive method to have coffee"
    reviews = pd.read_csv(DATA / "Reviews.csv")
    june = reviews[pd.to_datetime(reviews["Time"], unit="s").dt.strftime("%Y-%m") == "2012-06"]
    said = " ".join(june["Text"]).lower()
    section = whole.split("Positive-review keywords", 1)[1].split("Iteration", 1)[0]
    assert "expensive method" not in section or "less expensive method" in section, section
    assert "less expensive method to have coffee" in said


def test_a_steep_price_in_a_happy_review_is_no_praise_keyword():
    # January 2012's praise keywords said 'price is a little steep' (a 4-star review: "The price is a little
    # steep for me but much less than buying the already filled K-kups"); 'steep' is no lexicon word (tea steeps)
    from seller_lab.aftersales.reviews import positive_keywords_month
    from seller_lab.params import load_params
    from seller_lab.sources import load_file

    reviews = load_file(DATA / "Reviews.csv").frame
    january = reviews[reviews["ds"].dt.strftime("%Y-%m") == "2012-01"]
    assert january["text"].str.contains("price is a little steep").sum() == 1
    kw = positive_keywords_month(reviews, load_params(), "2012-01")
    assert len(kw) >= 5 and not kw["keyword"].str.contains("steep").any(), kw["keyword"].tolist()
