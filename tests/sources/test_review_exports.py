"""The public Amazon review dumps analysts download (tests/data/review_exports/, real files):
they load as reviews with their stars, dates, titles and reviewers, not as TikTok comments."""

from __future__ import annotations

import contextlib
import csv
import io
import json
from pathlib import Path

import pandas as pd
import pytest

from seller_lab.cli import main
from seller_lab.sources import load_file

DATA = Path(__file__).resolve().parents[1] / "data" / "review_exports"
FINE_FOOD = DATA / "amazon_fine_food_reviews_sample.csv"
US_TSV = DATA / "amazon_customer_reviews_us.tsv"


def _rows(path: Path, delimiter: str) -> list[dict]:
    """The file read by the standard library, independently of the importer."""
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh, delimiter=delimiter, quoting=csv.QUOTE_MINIMAL if delimiter == ","
                                   else csv.QUOTE_NONE))


def test_fine_food_reviews_load_as_reviews_with_stars_dates_and_titles():
    res = load_file(FINE_FOOD)
    assert (res.kind, res.layout) == ("reviews", "amazon_reviews_csv")  # was: posts, tiktok_comments_csv
    raw = _rows(FINE_FOOD, ",")
    f = res.frame.set_index("doc_id")
    # Id 2335 and 2337 are one review twice (same user, product, time, text): counted once
    assert res.duplicates == 1 and len(f) == len(raw) - 1 == 49 and len(res.rejected) == 0
    assert "2337" not in f.index
    for r in raw:
        if r["Id"] == "2337":
            continue
        row = f.loc[r["Id"]]
        assert (row.asin, row.unique_id, row.user_id) == (r["ProductId"], r["ProductId"], r["UserId"])
        assert row.rating == float(r["Score"]) and row.helpful_vote == int(r["HelpfulnessNumerator"])
        assert row.ds == pd.Timestamp(int(r["Time"]), unit="s", tz="UTC")
        assert row.title == r["Summary"] and row.text == r["Text"]
    first = f.loc["1"]
    assert (first.asin, first.rating, str(first.ds.date())) == ("B001E4KFG0", 5.0, "2011-04-27")
    assert f.loc["3", "title"] == '"Delight" says it all'  # doubled quotes inside a quoted title
    # the same text by the same user on two product ids (variants) is two reviews, not a duplicate
    assert f.loc["11", "text"] == f.loc["30", "text"] and {f.loc["11", "asin"], f.loc["30", "asin"]} == {
        "B0001PB9FE", "B0001PB9FY"}


def test_amazon_customer_reviews_tsv_loads_with_verified_flags_and_review_ids():
    res = load_file(US_TSV)
    assert (res.kind, res.layout) == ("reviews", "amazon_reviews_csv")  # was refused: no 'rating' column
    raw = _rows(US_TSV, "\t")
    f = res.frame.set_index("doc_id")
    assert len(f) == len(raw) == 9 and len(res.rejected) == 0
    for r in raw:
        row = f.loc[r["review_id"]]
        assert (row.asin, row.user_id, row.rating) == (r["product_id"], r["customer_id"], float(r["star_rating"]))
        assert row.title == r["review_headline"] and row.text == r["review_body"]
        assert row.verified_purchase == (r["verified_purchase"] == "Y") and row.helpful_vote == int(r["helpful_votes"])
        assert str(row.ds.date()) == r["review_date"] == "2015-08-31"
    assert f.loc["R1UE3RPRGCOLD", "rating"] == 2.0 and f.loc["R1UE3RPRGCOLD", "text"] == "Cards are not as big as pictured."


@pytest.mark.parametrize("flag, expected", [("Y", True), ("N", False)])
def test_a_y_or_n_verified_purchase_flag_is_read_as_true_or_false(tmp_path, flag, expected):
    lines = US_TSV.read_text(encoding="utf-8").splitlines()
    head, first = lines[0], lines[1].split("\t")
    first[head.split("\t").index("verified_purchase")] = flag
    path = tmp_path / "one.tsv"
    path.write_text(head + "\n" + "\t".join(first) + "\n", encoding="utf-8")
    assert load_file(path).frame["verified_purchase"].tolist() == [expected]


def test_mine_reviews_reads_the_fine_food_dump_through_the_cli():
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["mine", "reviews", str(FINE_FOOD), "--json", "--top", "5"]) == 0
    got = json.loads(out.getvalue())
    assert (got["reviews"], got["duplicates_dropped"], got["rejected"]) == (49, 1, 0)
    assert got["aspects"] and all(1.0 <= a["avg_rating"] <= 5.0 for a in got["aspects"])


def test_reviews_without_an_asin_are_keyed_by_their_product_name():
    path = DATA / "amazon_in_reviews_no_asin.csv"   # PRODUCT NAME,REVIEW,RATING; BOM, CRLF
    res = load_file(path)
    assert (res.kind, res.layout, res.encoding) == ("reviews", "amazon_reviews_csv", "utf-8-sig")
    with open(path, newline="", encoding="utf-8-sig") as fh:
        raw = list(csv.DictReader(fh))
    f = res.frame
    assert len(f) == len(raw) - 1 == 99 and res.duplicates == 1 and len(res.rejected) == 0
    assert (f["asin"] == "").all()
    by_product = f.groupby("unique_id")["rating"].agg(["size", "mean"])
    want = pd.DataFrame(raw).astype({"RATING": float}).drop_duplicates().groupby("PRODUCT NAME")["RATING"]
    assert by_product["size"].to_dict() == want.size().to_dict()   # four products, 22-26 reviews each
    assert by_product["mean"].round(6).to_dict() == want.mean().round(6).to_dict()
    # the same short text on two products is two reviews, not a duplicate
    good = f[f["text"] == "Good product"]
    assert good["unique_id"].nunique() > 1 and good["doc_id"].is_unique
