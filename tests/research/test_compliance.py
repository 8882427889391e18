"""R1.3 compliance pre-check: the rules dataset, the cost-share rule, prohibited items, the section."""

from __future__ import annotations

import copy
import math
import shutil
from pathlib import Path

import pandas as pd
import pytest

from seller_lab.errors import ParamsError
from seller_lab.params import load_params
from seller_lab.report.sections.research import compliance_result
from seller_lab.research.compliance import NO_RULE, compliance_check, expected_profit
from seller_lab.sources.rules import load_rule_set, load_rules

RULES_DIR = Path(__file__).resolve().parents[2] / "params" / "compliance"
CURRENCY = {"US": "USD", "DE": "EUR", "FR": "EUR", "IT": "EUR", "ES": "EUR", "UK": "GBP", "JP": "JPY"}


@pytest.fixture(scope="module")
def rules() -> pd.DataFrame:
    return load_rules()


def _params(slug: str) -> dict:
    return copy.deepcopy(load_params(slug))


def _decision(result, rule: str):
    found = [d for d in result.decisions if d.rule == rule]
    assert found, f"no {rule} decision in {[d.rule for d in result.decisions]}"
    return found


# --- the dataset -------------------------------------------------------------------------------
def test_every_rule_cites_authority_and_citation_with_ordered_costs(rules):
    assert len(rules) > 100
    assert (rules["authority"].str.len() >= 3).all() and (rules["citation"].str.len() >= 3).all()
    req = rules[rules["record"] == "requirement"]
    assert (req["cost_low"] <= req["cost_high"]).all()
    assert (req["lead_time_days_low"] <= req["lead_time_days_high"]).all()
    # each market's costs are in its own currency (no silent mixing)
    assert (req["currency"] == req["market"].map(CURRENCY)).all()


def test_every_market_and_category_has_a_rule_of_its_own(rules):
    markets, categories = rules.attrs["markets"], rules.attrs["categories"]
    assert set(markets) >= {"US", "DE", "FR", "IT", "ES", "UK", "JP"}
    own = rules[(rules["record"] == "requirement") & (rules["scope"] == "category")]
    have = set(zip(own["market"], own["category"], strict=True))
    missing = [(m, c) for m in markets for c in categories if (m, c) not in have]
    assert not missing


def test_eu_rules_apply_to_all_four_markets_with_national_extras(rules):
    fcm = rules[(rules["category"] == "food_contact_kitchenware") & (rules["record"] == "requirement")]
    by_market = fcm.groupby("market")["rule_id"].apply(set)
    for m in ("DE", "FR", "IT", "ES"):
        assert {"EU-FCM-FRAMEWORK", "EU-FCM-PLASTICS", "EU-ALL-RESPONSIBLE-PERSON"} <= by_market[m]
    assert "DE-FCM-LFGB" in by_market["DE"] and "DE-FCM-LFGB" not in by_market["FR"]
    assert "DE-ALL-LUCID" in by_market["DE"] and "FR-ALL-TRIMAN" in by_market["FR"]


def test_restricted_items_have_keywords_and_a_verdict(rules):
    items = rules[rules["record"] == "restricted"]
    assert len(items) and items["keywords"].map(len).gt(0).all()
    assert set(items["verdict"]) <= {"reject", "watch"}
    assert {"US-RX-ALCOHOL-COSMETICS", "EU-RX-BPA-FCM", "EU-RX-PHTHALATES-TOYS", "US-RX-MAGNET-SETS",
            "EU-RX-LITHIUM"} <= set(items["rule_id"])


def _copy_rules(tmp_path: Path) -> Path:
    folder = tmp_path / "compliance"
    shutil.copytree(RULES_DIR, folder)
    return folder


def test_typo_in_a_rule_key_names_file_rule_key_and_closest_key(tmp_path):
    folder = _copy_rules(tmp_path)
    us = folder / "us.yaml"
    text = us.read_text(encoding="utf-8")
    first = text.index("citation:", text.index("- id: US-TOY-F963\n"))
    us.write_text(text[:first] + "citaton:" + text[first + len("citation:"):], encoding="utf-8")
    with pytest.raises(ParamsError) as err:
        load_rules(folder)
    msg = str(err.value)
    assert "us.yaml" in msg and "US-TOY-F963" in msg and "citaton" in msg and "did you mean 'citation'" in msg


def test_typo_in_a_nested_cost_key_and_reversed_range_are_refused(tmp_path):
    folder = _copy_rules(tmp_path)
    eu = folder / "eu.yaml"
    text = eu.read_text(encoding="utf-8")
    eu.write_text(text.replace("cost: {low: 250, high: 900, currency: EUR", "cost: {low: 250, hgih: 900, currency: EUR", 1),
                  encoding="utf-8")
    with pytest.raises(ParamsError, match=r"eu\.yaml.*cost\.hgih.*DE-FCM-LFGB.*did you mean 'high'"):
        load_rules(folder)
    eu.write_text(text.replace("cost: {low: 250, high: 900, currency: EUR", "cost: {low: 950, high: 900, currency: EUR", 1),
                  encoding="utf-8")
    with pytest.raises(ParamsError, match=r"DE-FCM-LFGB.*low 950 is above high 900"):
        load_rules(folder)


def test_unknown_category_key_in_a_rule_names_the_closest_category(tmp_path):
    folder = _copy_rules(tmp_path)
    jp = folder / "jp.yaml"
    text = jp.read_text(encoding="utf-8")
    start = text.index("- id: JP-TOY-FSA\n")
    jp.write_text(text[:start] + text[start:].replace("categories: [children_toys]", "categories: [children_toy]", 1),
                  encoding="utf-8")
    with pytest.raises(ParamsError, match=r"jp\.yaml.*JP-TOY-FSA.*unknown category 'children_toy'.*children_toys"):
        load_rules(folder)


# --- unit economics and the demo truths -----------------------------------------------------------
def test_expected_profit_shows_every_term():
    e = expected_profit(_params("kitchen-organizer-de"))
    net = 29.9 / 1.19
    assert e["price_net"] == pytest.approx(net)
    assert e["referral_fee_per_unit"] == pytest.approx(0.15 * 29.9)
    assert e["profit_per_unit"] == pytest.approx(net - 0.15 * 29.9 - 3.5 - 8.0)
    assert e["profit_per_year"] == pytest.approx(e["profit_per_unit"] * 3000)
    for term in ("29.90 price", "VAT (19 %)", "referral fee (15 % of 29.90)", "3.50 fulfilment", "8.00 landed cost",
                 "3,000 units"):
        assert term in e["formula"]


@pytest.mark.parametrize(("slug", "verdict"), [("kids-toy-us", "reject"), ("kitchen-organizer-de", "pass"),
                                               ("camping-chair-de", "pass")])
def test_demo_categories_give_their_planted_compliance_verdicts(slug, verdict):
    p = _params(slug)
    res = compliance_check(p)
    a = res.arithmetic
    mandatory = res.rules[res.rules["mandatory"]]
    assert a["cost_basis"] == p["compliance"]["cost_estimate"] == "high"
    assert a["cost_used"] == pytest.approx(mandatory["cost_high_cat"].sum())
    assert a["cost_low"] < a["cost_high"]
    assert a["expected_profit"] == pytest.approx(expected_profit(p)["profit_per_year"])
    assert a["share"] == pytest.approx(a["cost_used"] / a["expected_profit"])
    assert a["threshold"] == p["compliance"]["max_cert_cost_share_of_profit"] == 0.30
    (d,) = _decision(res, "R1.3.cert_cost_share")
    assert d.verdict == verdict and d.params_key == "compliance.max_cert_cost_share_of_profit"
    assert res.verdict == verdict
    assert (a["share"] > 0.30) == (verdict == "reject")
    assert f"→ {verdict}" in a["sentence"] and "(high estimate)" in a["sentence"]


def test_toy_rejects_because_us_toy_testing_costs_more_than_30_percent_of_7k_profit():
    res = compliance_check(_params("kids-toy-us"))
    a = res.arithmetic
    assert a["expected_profit"] == pytest.approx((24.99 - 0.15 * 24.99 - 5.0 - 9.0) * 1000)
    ids = set(res.rules["rule_id"])
    assert {"US-TOY-F963", "US-TOY-LEAD", "US-TOY-CPC", "US-TOY-MAGNETS"} <= ids  # magnets: 'magnetic tiles'
    assert a["cost_used"] > 0.30 * a["expected_profit"]
    assert "CPSC" in " ".join(res.rules["authority"])
    assert "$7,242" in a["sentence"] and "> 30%" in a["sentence"]


def test_cost_estimate_param_chooses_the_end_of_the_range():
    p = _params("kids-toy-us")
    high = compliance_check(p).arithmetic
    p["compliance"]["cost_estimate"] = "mid"
    mid = compliance_check(p)
    p["compliance"]["cost_estimate"] = "low"
    low = compliance_check(p)
    assert mid.arithmetic["cost_used"] == pytest.approx((high["cost_low"] + high["cost_high"]) / 2)
    assert low.arithmetic["cost_used"] == pytest.approx(high["cost_low"])
    assert mid.verdict == "reject"  # even the middle of the ranges is above 30 % of the toy's profit
    assert low.verdict == "pass"  # the cheapest quotes would pass: the choice is a documented param


def test_magnet_tests_only_apply_when_the_product_has_magnets():
    p = _params("kids-toy-us")
    p["category"].update(display_name="Wooden stacking blocks", keywords=["wooden blocks"], selling_points=[])
    res = compliance_check(p)
    assert "US-TOY-MAGNETS" not in set(res.rules["rule_id"])
    assert res.arithmetic["cost_high"] < compliance_check(_params("kids-toy-us")).arithmetic["cost_high"]


def test_costs_in_another_currency_are_converted_with_the_fx_param():
    p = _params("kids-toy-us")
    usd = compliance_check(p).arithmetic["cost_used"]
    p["category"]["currency"] = "EUR"
    eur = compliance_check(p).arithmetic["cost_used"]
    rates = p["compliance"]["fx_to_usd"]
    assert eur == pytest.approx(usd * rates["USD"] / rates["EUR"])
    p["category"]["currency"] = "CHF"
    with pytest.raises(ParamsError, match="compliance.fx_to_usd.CHF"):
        compliance_check(p)


def test_negative_profit_rejects_and_missing_unit_economics_is_unknown():
    p = _params("camping-chair-de")
    p["category"]["unit_economics"]["landed_cost"] = 40.0
    (d,) = _decision(compliance_check(p), "R1.3.cert_cost_share")
    assert d.verdict == "reject" and "not positive" in d.reason
    p["category"]["unit_economics"]["expected_units_first_year"] = 0
    (d,) = _decision(compliance_check(p), "R1.3.cert_cost_share")
    assert d.verdict == "unknown" and "unit economics" in d.reason


# --- no rule on file -----------------------------------------------------------------------------
@pytest.mark.parametrize(("market", "category"), [("DE", "garden_tools"), ("CA", "children_toys"), ("US", "")])
def test_unknown_market_or_category_is_unknown_never_a_silent_pass(market, category):
    p = _params("kids-toy-us")
    p["category"].update(market=market, compliance_category=category)
    res = compliance_check(p)
    assert res.verdict == "unknown" and NO_RULE in res.reason
    (d,) = _decision(res, "R1.3.rules_on_file")
    assert d.verdict == "unknown" and "no rule on file" in d.reason
    assert all(x.verdict != "pass" for x in res.decisions)
    assert math.isnan(res.arithmetic["share"])


def test_category_aliases_resolve_to_the_dataset_keys():
    p = _params("kitchen-organizer-de")
    base = compliance_check(p)
    p["category"]["compliance_category"] = "food_contact"
    alias = compliance_check(p)
    assert alias.category == "food_contact_kitchenware"
    assert alias.arithmetic["cost_used"] == pytest.approx(base.arithmetic["cost_used"])


# --- prohibited / restricted items ----------------------------------------------------------------
def _us_cosmetic(name: str) -> dict:
    p = _params("kids-toy-us")
    p["category"].update(display_name=name, compliance_category="cosmetics", keywords=[], selling_points=[])
    p["category"]["unit_economics"].update(planned_price=40.0, landed_cost=4.0, expected_units_first_year=20000)
    return p


def test_us_cosmetic_with_alcohol_rejects_with_the_rule_cited():
    res = compliance_check(_us_cosmetic("Rose body mist with alcohol denat."))
    hits = [d for d in _decision(res, "R1.3.prohibited") if d.verdict == "reject"]
    assert hits and res.verdict == "reject"
    assert "US-RX-ALCOHOL-COSMETICS" in set(res.prohibited["rule_id"])
    assert "49 CFR 173" in hits[0].reason and "matched 'alcohol" in hits[0].reason


def test_alcohol_free_and_fatty_alcohols_do_not_match():
    res = compliance_check(_us_cosmetic("Alcohol-free toner with cetyl alcohol"))
    assert res.prohibited.empty
    (d,) = _decision(res, "R1.3.prohibited")
    assert d.verdict == "pass"


def test_a_competitor_listing_title_matching_a_prohibited_item_rejects():
    p = _params("kitchen-organizer-de")
    listings = pd.DataFrame({"asin": ["B0PC000001", "B0OK000002"],
                             "title": ["Abtropfgestell aus Polycarbonat, 2 Etagen", "Geschirrständer Edelstahl BPA-frei"]})
    res = compliance_check(p, listings=listings)
    assert res.verdict == "reject"
    row = res.prohibited.set_index("rule_id").loc["EU-RX-BPA-FCM"]
    assert row["listing_hits"] == 1 and "B0PC000001" in row["matched_in"]
    (d,) = [d for d in res.decisions if d.rule == "R1.3.prohibited"]
    assert "2024/3190" in d.reason
    # 'BPA-frei' is an exclusion, not a hit
    assert compliance_check(p, listings=listings.iloc[[1]]).verdict == "pass"


def test_listing_hits_below_the_min_listings_param_do_not_count():
    p = _params("kitchen-organizer-de")
    p["compliance"]["prohibited_min_listings"] = 2
    res = compliance_check(p, listings=["Abtropfgestell aus Polycarbonat"])
    assert res.verdict == "pass" and res.prohibited.empty


def test_a_restricted_item_allowed_with_paperwork_gives_watch():
    p = _params("camping-chair-de")
    p["category"]["selling_points"] = [*p["category"]["selling_points"], "heated seat with USB power bank"]
    res = compliance_check(p)
    assert res.verdict == "watch"
    assert set(res.prohibited["rule_id"]) == {"EU-RX-LITHIUM"}


def test_magnet_sets_match_but_magnetic_tiles_do_not():
    p = _params("kids-toy-us")
    assert compliance_check(p, listings=["Magnetic Tiles 100 pcs STEM building set"]).prohibited.empty
    res = compliance_check(p, listings=["216 Neodymium Magnet Set magnetic balls desk toy"])
    assert "US-RX-MAGNET-SETS" in set(res.prohibited["rule_id"])
    assert "16 CFR 1262" in res.prohibited["citation"].iloc[0]


# --- the report section ----------------------------------------------------------------------------
def test_section_shows_table_sentence_and_decisions_and_escapes_yaml_text(tmp_path):
    folder = _copy_rules(tmp_path)
    us = folder / "us.yaml"
    text = us.read_text(encoding="utf-8")
    us.write_text(text.replace('authority: "CPSC (U.S. Consumer Product Safety Commission)"',
                               'authority: "CPSC <script>alert(1)</script>"', 1), encoding="utf-8")
    p = _params("kids-toy-us")
    p["compliance"]["rules_dir"] = str(folder)
    out = compliance_result(compliance_check(p, listings=["<b>Magnet balls</b> 216 pcs"]), with_listings=True).html
    assert "<script>" not in out and "&lt;script&gt;" in out
    assert "<b>Magnet" not in out and "&lt;b&gt;Magnet" in out
    assert "ASTM F963" in out and "16 CFR 1110" in out
    assert "$4,200 (high estimate) / expected first-year profit $7,242" in out
    assert "estimates" in out and "R1.3.cert_cost_share" in out and "R1.3.prohibited" in out
    assert "16 CFR 1262" in out  # the matched prohibited item is cited


# --- the demo world's competitor listings ------------------------------------------------------------
@pytest.fixture(scope="module")
def demo_listings(demo_root):
    """The competitor listings export of each category of the shared demo (tests/conftest.py)."""
    from seller_lab.sources import load_file

    slugs = ("kids-toy-us", "kitchen-organizer-de", "camping-chair-de")
    return {slug: load_file(demo_root / slug / "helium10_blackbox.csv", kind="listings").frame for slug in slugs}


@pytest.mark.parametrize(("slug", "verdict"), [("kids-toy-us", "reject"), ("kitchen-organizer-de", "pass"),
                                               ("camping-chair-de", "pass")])
def test_demo_competitor_titles_raise_no_false_prohibited_item(demo_listings, slug, verdict):
    listings = demo_listings[slug]
    assert len(listings) >= 30
    res = compliance_check(_params(slug), listings=listings)
    assert res.prohibited.empty  # 'Magnetic Tiles', 'spülmaschinenfest' ... are not prohibited items
    assert res.verdict == verdict
    (d,) = _decision(res, "R1.3.prohibited")
    assert d.verdict == "pass" and f"{len(listings)} listing titles" in d.reason


def test_decisions_carry_slug_period_and_render_as_the_canonical_frame():
    from seller_lab.decisions import to_frame
    from seller_lab.schemas import columns

    res = compliance_check(_params("kitchen-organizer-de"), period="2026-11")
    frame = to_frame(res.decisions)
    assert list(frame.columns) == columns("decisions")
    assert set(frame["category"]) == {"kitchen-organizer-de"} and set(frame["period"]) == {"2026-11"}
    assert set(frame["rule"]) == {"R1.3.rules_on_file", "R1.3.cert_cost_share", "R1.3.prohibited"}


def test_the_check_judges_the_rule_set_it_is_given_without_reading_files():
    import dataclasses

    full = load_rule_set()
    assert compliance_check(_params("kids-toy-us"), rules=full).verdict == "reject"
    empty = dataclasses.replace(full, frame=full.frame.iloc[0:0])
    res = compliance_check(_params("kids-toy-us"), rules=empty)
    assert res.verdict == "unknown" and res.reason.startswith(NO_RULE)
