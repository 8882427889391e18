"""R1.4 verdict combinations: the worst gate decides, missing inputs are 'unknown', never a guess."""

from __future__ import annotations

import pandas as pd
import pytest

from seller_lab.decisions import Decision
from seller_lab.params import load_params
from seller_lab.research import verdict as vd


def _g(rule, verdict, reason):
    return Decision("category", rule, rule, 1.0, "", verdict, reason)


def test_all_gates_pass_is_go_with_one_short_sentence():
    trend = Decision("category", "R1.1.trend", "growth", 0.2, ">= 0.1", "go", "interest is rising: long text",
                     inputs={"call": "rising"})
    comp = Decision("category", "R1.2.competitors_in_band", "n", 12, ">= 3", "pass", "12 of 40 listings ...")
    v = vd.combine([trend, comp])
    assert v.verdict == "go"
    assert v.reason == "go: every gate passes — interest rising (+20% vs a year ago); 12 comparable competitors."


def test_reject_beats_watch_and_the_reason_names_the_rejecting_gate():
    v = vd.combine([_g("R1.1.seasonality", "watch", "seasonal"), _g("R1.3.cert_cost_share", "reject", "cost 58 %"),
                    _g("R1.1.trend", "go", "rising")])
    assert v.verdict == "reject" and v.reason == "reject: cost 58 %."
    assert len(v.gates_frame()) == 3


def test_seasonal_demand_is_watch():
    v = vd.combine([_g("R1.1.trend", "watch", "flat"), _g("R1.1.seasonality", "watch", "seasonal, peak May–Jul"),
                    _g("R1.3.compliance", "pass", "ok")])
    assert v.verdict == "watch" and "seasonal" in v.reason


def test_unknown_gate_keeps_a_go_from_being_claimed():
    v = vd.combine([_g("R1.1.trend", "go", "rising"), vd.missing_gate("R1.2.entry_band", "price bands",
                                                                      "competitor listings export", "data/x")])
    assert v.verdict == "unknown" and "no competitor listings export in data/x" in v.reason


def test_compliance_reject_gate_decides_the_verdict():
    gates, res = vd.compliance_gates(load_params("kids-toy-us"))
    assert res.verdict == "reject"
    v = vd.combine([_g("R1.1.trend", "go", "rising"), *gates])
    assert v.verdict == "reject" and "30%" in v.reason and "certification" in v.reason


def test_unknown_market_gives_an_unknown_compliance_gate():
    p = load_params("kids-toy-us")
    p["category"]["market"] = "BR"
    gates, _ = vd.compliance_gates(p)
    v = vd.combine([_g("R1.1.trend", "go", "rising"), *gates])
    assert v.verdict == "unknown" and "no rule on file" in v.reason


def test_selling_points_proposed_from_gaps_pain_points_and_negatives():
    p = load_params("kitchen-organizer-de")
    gaps = pd.DataFrame({"theme": ["Voltzahl", "Teller · große · 30cm", "Farbe"],
                         "theme_key": ["power", "plate large", "colour"], "terms": [["Voltzahl"], ["Teller"], ["Farbe"]],
                         "gap": [True, True, False], "finding": ["asked 28 times; answered by 0 of 10 listings"] * 3})
    pains = pd.DataFrame({"theme": ["tropft · counter"], "terms": [["tropft", "counter"]], "statements": [40],
                          "quotes": [["Das Wasser tropft auf die Arbeitsplatte."]]})
    diff = pd.DataFrame({"reason": ["dünnes"], "concept": ["thin"], "negative_reviews": [30],
                         "suggestion": ["differentiate by thicker material (30 negative reviews mention “dünnes”)"]})
    sp = vd.propose_selling_points(pains, gaps, diff, p)
    assert sp["source"].tolist() == ["demand gap", "demand gap", "pain point", "competitor negatives"]
    text = " | ".join(sp["proposal"])
    assert "230 V" in text and "large plates" in text and "drip tray" in text and "thicker material" in text
    gate = vd.differentiation_gate(sp, p, have_text=True, missing_text=[])
    assert gate.verdict == "pass" and gate.value == 4


def test_no_text_inputs_make_differentiation_unknown():
    p = load_params("kitchen-organizer-de")
    gate = vd.differentiation_gate(pd.DataFrame(columns=vd.PROPOSAL_COLUMNS), p, have_text=False,
                                   missing_text=["posts", "Q&A", "reviews"])
    assert gate.verdict == "unknown" and "posts" in gate.reason


@pytest.mark.parametrize("n, verdict", [(0, "watch"), (1, "pass")])
def test_differentiation_threshold_from_params(n, verdict):
    p = load_params("kitchen-organizer-de")
    sp = pd.DataFrame({"source": ["demand gap"] * n, "evidence": ["x"] * n, "proposal": [f"p{i}" for i in range(n)]})
    assert vd.differentiation_gate(sp, p, have_text=True, missing_text=[]).verdict == verdict
