"""Review keywords on real rated reviews kept in the repository: a keyword says why reviews are negative or
positive, not what the buyer did (bought, sent back, waited weeks) nor how they wrote it ('ansonsten',
'tatsächlich'). Provenance of the data in each folder's README."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from seller_lab.text.aspects import mine_reviews
from seller_lab.text.common import default_params

DATA = Path(__file__).resolve().parents[1] / "data"


def _keywords(reviews: pd.DataFrame, side: str) -> list[str]:
    kw = mine_reviews(reviews, default_params(), top_n=40).keywords
    return kw.loc[kw["side"] == side, "keyword"].tolist()


def test_negative_keywords_of_real_phone_reviews_name_faults_not_the_purchase_story():
    # 1,919 real Amazon reviews of unlocked phones: 6 of the 20 negative keywords were 'return', 'money', 'months',
    # 'send', 'week', 'bought'
    r = pd.read_csv(DATA / "amazon_phone_reviews" / "reviews.csv.gz")
    neg = _keywords(r[["rating", "text"]], "negative")
    assert len(neg) == 20
    assert not {"return", "money", "months", "send", "week", "bought"} & set(neg), neg
    assert {"slow", "freezes", "charger", "stopped"} <= set(neg), neg


def test_negative_keywords_of_real_german_household_reviews_are_no_discourse_words():
    # 400 real Amazon.de reviews of thermal mugs and dishwasher tabs: 'ansonsten', 'tatsächlich', 'definitiv',
    # 'handelt' ('es handelt sich um') were negative keywords
    r = pd.read_csv(DATA / "de_household_reviews" / "reviews.tsv", sep="\t")
    neg = _keywords(pd.DataFrame({"rating": r["stars"], "text": r["text"]}), "negative")
    assert not {"ansonsten", "tatsächlich", "definitiv", "handelt", "sodass"} & set(neg), neg
    assert {"undicht", "kaputt", "geruch"} <= set(neg), neg


def test_complaint_and_downside_are_no_keywords_of_happy_reviews():
    # on 20,000 real English Amazon reviews (MARC, not redistributable) 'complaint' was a positive keyword of 73
    # reviews: happy buyers write "no complaints" and "my only complaint is ..."; neither says why they are happy.
    # The same shape here, on the real phone reviews' ratings and texts with such sentences added
    r = pd.read_csv(DATA / "amazon_phone_reviews" / "reviews.csv.gz")[["rating", "text"]]
    happy = r[r["rating"] >= 4].index[:300]
    said = ["No complaints so far.", "My only complaint is the short cable.", "Only downside: no case included.",
            "The one drawback is the weight."]
    r.loc[happy, "text"] = r.loc[happy, "text"] + " " + [said[i % len(said)] for i in range(len(happy))]
    pos = _keywords(r, "positive")
    assert not {"complaint", "complaints", "downside", "drawback"} & set(pos), pos
