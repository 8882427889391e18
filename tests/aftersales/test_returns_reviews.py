"""R5.2 weekly top return reasons -> step/action; monthly positive keywords."""

from __future__ import annotations

import pandas as pd

from seller_lab.aftersales import positive_keywords_month, weekly_top_return_reasons
from seller_lab.aftersales.returns import return_reason_summary
from seller_lab.params import load_params


def _returns(rows):
    df = pd.DataFrame(rows, columns=["ds", "sku", "quantity", "reason", "customer_comments"])
    df["ds"] = pd.to_datetime(df["ds"], utc=True)
    df["order_id"] = [f"O{i}" for i in range(len(df))]
    for c in ("asin", "product_name", "fulfillment_center_id", "detailed_disposition",
              "reason_raw", "status"):
        df[c] = ""
    return df


def test_too_small_week_leads_with_size_action_and_other_week_packaging():
    p = load_params("kitchen-organizer-de")
    r = _returns([
        ("2026-10-12 10:00", "KO-DRAWER-S", 3, "TOO_SMALL", "zu klein für meine Schublade"),
        ("2026-10-13 10:00", "KO-DRAWER-S", 1, "NO_REASON_GIVEN", "Leider viel zu klein"),
        ("2026-10-14 10:00", "KO-RACK-2T", 1, "DEFECTIVE", "Rost nach zwei Wochen"),
        ("2026-10-15 10:00", "KO-RACK-2T", 1, "DAMAGED_BY_CARRIER", ""),
        ("2026-10-16 10:00", "KO-RACK-1T", 1, "UNWANTED_ITEM", ""),
        ("2026-10-20 10:00", "KO-RACK-2T", 2, "DAMAGED_BY_CARRIER", "Karton eingedrückt"),
        ("2026-10-21 10:00", "KO-RACK-1T", 1, "DEFECTIVE", ""),
        ("2026-09-28 10:00", "KO-RACK-1T", 9, "DEFECTIVE", ""),      # September: not counted
    ])
    top = weekly_top_return_reasons(r, p, "2026-10")
    wk12 = top[top["week"] == pd.Timestamp("2026-10-12")]
    assert len(wk12) == 3                                          # top 3 of 4 reasons
    first = wk12.iloc[0]
    assert (first["reason"], first["units"], first["skus"]) == ("TOO_SMALL", 4, "KO-DRAWER-S")
    assert first["source"] == "FBA code + comments"                # comment filled the blank code
    assert first["step"] == "listing & product" and "size" in first["action"]
    wk19 = top[top["week"] == pd.Timestamp("2026-10-19")].iloc[0]
    assert wk19["reason"] == "DAMAGED_BY_CARRIER" and "packaging" in wk19["action"]
    month = return_reason_summary(r, p, "2026-10")
    assert month["reason"].iloc[0] == "TOO_SMALL"


def test_unknown_reason_says_where_to_add_it_and_extra_playbook_wins():
    p = load_params("kitchen-organizer-de")
    r = _returns([("2026-10-12 10:00", "X", 1, "SMELLS_BAD", "")])
    top = weekly_top_return_reasons(r, p, "2026-10")
    assert top["step"].iloc[0] == "unassigned"
    assert "return_playbook_extra" in top["action"].iloc[0]
    p["aftersales"]["return_playbook_extra"] = {"smells bad": {"step": "product", "action": "odour-free material"}}
    top = weekly_top_return_reasons(r, p, "2026-10")
    assert (top["step"].iloc[0], top["action"].iloc[0]) == ("product", "odour-free material")


def test_positive_keywords_split_into_strengthen_and_research():
    p = load_params("kitchen-organizer-de")
    texts = ["Super stabil und einfach aufzubauen", "Einfach aufzubauen, sehr stabil",
             "Stabil, passt gut", "Rutschfeste Füße, einfach aufzubauen", "Rostet nach 2 Wochen"]
    rv = pd.DataFrame({"ds": pd.to_datetime(["2026-10-05"] * 5, utc=True),
                       "rating": [5.0, 5.0, 4.0, 5.0, 1.0], "asin": "B0OWN", "text": texts})
    kw = positive_keywords_month(rv, p, "2026-10")
    assert "einfach aufzubauen" in set(kw["keyword"])         # a phrase from the reviews, not a lone adjective
    assert all(len(k.split()) >= 2 for k in kw["keyword"])
    assert not any("rostet" in k for k in kw["keyword"])       # the 1-star review is not positive
    assert set(kw["suggestion"]) <= {"strengthen this selling point on the listing",
                                     "carry into the next research round (customers value it)"}
    assert positive_keywords_month(rv, p, "2026-11").empty
