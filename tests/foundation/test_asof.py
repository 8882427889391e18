"""As-of cuts: a report for a period sees only what was knowable at its end (R1, R7)."""

from __future__ import annotations

import warnings
from dataclasses import replace

import pandas as pd
import pytest

from seller_lab.asof import DATE_COLUMNS, coverage, data_as_of, period_end, snapshot_date
from seller_lab.errors import SellerLabError
from seller_lab.sources.category import CategoryData

SLUG = "kitchen-organizer-de"


@pytest.fixture(scope="module")
def demo(demo_data):
    return demo_data(SLUG)[1]


def _day(frame, col):
    return pd.to_datetime(frame[col], utc=True).dt.tz_localize(None)


def test_a_post_dated_the_day_after_the_period_end_never_appears(demo):
    extra = demo.posts.iloc[:2].copy()
    extra["doc_id"] = ["last-minute", "next-morning"]
    extra["ds"] = pd.to_datetime(["2026-06-30 23:59:59", "2026-07-01 00:00:00"], utc=True)
    data = replace(demo, posts=pd.concat([demo.posts, extra], ignore_index=True))
    cut = data_as_of(data, "2026-06")
    assert "last-minute" in set(cut.posts["doc_id"]) and "next-morning" not in set(cut.posts["doc_id"])
    assert (_day(cut.posts, "ds") < pd.Timestamp("2026-07-01")).all()
    assert len(cut.posts) < len(data.posts)


def test_every_dated_kind_holds_nothing_after_the_end_day(demo):
    end = pd.Timestamp("2026-03-31")
    cut = data_as_of(demo, "2026-Q1")
    checked = 0
    for kind, col in DATE_COLUMNS.items():
        frame = getattr(cut, kind)
        if kind == "listings" or frame.empty:
            continue
        days = _day(frame, col).dropna()
        assert (days < end + pd.Timedelta(days=1)).all(), kind
        assert len(frame) <= len(getattr(demo, kind))
        checked += 1
    assert checked >= 6  # the demo has trends, posts, reviews, orders, tickets, returns ... before 2026-04


def test_the_trends_week_running_past_the_end_is_kept_as_partial(demo):
    cut = data_as_of(demo, "2026-06-30")
    last = cut.trends.sort_values("ds").groupby("unique_id").tail(1)
    assert (last["ds"] <= pd.Timestamp("2026-06-30")).all()
    assert last["is_partial"].all()  # the week of 2026-06-28 runs to 2026-07-04
    assert not cut.trends.loc[cut.trends["ds"] < pd.Timestamp("2026-06-24"), "is_partial"].any()


def test_a_period_before_any_data_gives_empty_frames_and_coverage_says_from_when_data_exists(demo):
    cut = data_as_of(demo, "2019-01")
    for kind in ("trends", "posts", "reviews", "questions", "orders", "tickets", "returns"):
        assert getattr(cut, kind).empty, kind
        assert list(getattr(cut, kind).columns) == list(getattr(demo, kind).columns)
    cov = coverage(demo, "2019-01").set_index("kind")
    first_order = _day(demo.orders, "ds").min().normalize()
    assert cov.loc["orders", "first"] == first_order and cov.loc["orders", "rows_as_of"] == 0
    assert cov.loc["orders", "note"] == f"no data up to 2019-01-31: it starts {first_order:%Y-%m-%d}"
    assert cov.loc["orders", "rows"] == len(demo.orders)


def test_coverage_of_a_month_after_the_data_says_where_the_data_ends(demo):
    cov = coverage(demo, "2026-11").set_index("kind")
    last_order = _day(demo.orders, "ds").max().normalize()
    assert last_order < pd.Timestamp("2026-11-01")
    assert cov.loc["orders", "note"].startswith(f"data through {last_order:%Y-%m-%d}")
    assert cov.loc["orders", "rows_as_of"] == len(demo.orders)


def test_rows_without_a_date_are_kept_and_counted(demo):
    undated = demo.reviews.iloc[:3].copy()
    undated["doc_id"] = ["u1", "u2", "u3"]
    undated["ds"] = pd.NaT
    data = replace(demo, reviews=pd.concat([demo.reviews, undated], ignore_index=True))
    cut = data_as_of(data, "2019-01")
    assert sorted(cut.reviews["doc_id"]) == ["u1", "u2", "u3"]
    cov = coverage(cut).set_index("kind")
    assert cov.loc["reviews", "undated"] == 3 and cov.loc["reviews", "rows"] == 3
    assert cov.loc["reviews", "note"] == "no dated rows (3 undated)"


def test_the_listings_snapshot_nearest_before_the_end_is_kept():
    files = ["exports/blackbox_2025-05-31.csv", "exports/blackbox_20250630.csv", "exports/blackbox_2025_07.csv",
             "exports/blackbox.csv"]
    listings = pd.DataFrame({"asin": [f"B0{i}" for i in range(8)], "source_file": [f for f in files for _ in (0, 1)]})
    data = CategoryData(listings=listings)
    assert set(data_as_of(data, "2025-06").listings["source_file"]) == {files[1], files[3]}
    assert set(data_as_of(data, "2025-06-15").listings["source_file"]) == {files[0], files[3]}
    assert set(data_as_of(data, "2025").listings["source_file"]) == {files[2], files[3]}
    assert set(data_as_of(data, "2025-05-01").listings["source_file"]) == {files[3]}  # undated kept
    assert coverage(data).set_index("kind").loc["listings", "undated"] == 2


def test_events_after_the_end_on_earlier_rows_are_not_yet_known(demo):
    orders = demo.orders.copy()
    i = orders.index[0]
    orders.loc[i, "ds"] = pd.Timestamp("2026-06-30 20:00", tz="UTC")
    orders.loc[i, "shipped_at"] = pd.Timestamp("2026-07-01 09:00", tz="UTC")
    questions = demo.questions.iloc[:1].copy()
    questions["ds"] = pd.Timestamp("2026-06-01", tz="UTC")
    questions["answer_ds"] = pd.Timestamp("2026-07-02", tz="UTC")
    questions["answer"] = "Yes, 230 V."
    cut = data_as_of(replace(demo, orders=orders, questions=questions), "2026-06")
    assert pd.isna(cut.orders.loc[i, "shipped_at"])
    assert pd.notna(orders.loc[i, "shipped_at"])  # the input is not changed
    assert cut.questions["answer"].tolist() == [""] and cut.questions["answer_ds"].isna().all()


def test_the_input_data_is_never_changed(demo):
    before = {k: len(getattr(demo, k)) for k in DATE_COLUMNS}
    data_as_of(demo, "2025-01")
    assert {k: len(getattr(demo, k)) for k in DATE_COLUMNS} == before


@pytest.mark.parametrize("label, day", [("2025-06", "2025-06-30"), ("2024-02", "2024-02-29"), ("2025-Q2", "2025-06-30"),
                                        ("2025-q4", "2025-12-31"), ("2025", "2025-12-31"), ("2025-06-15", "2025-06-15")])
def test_period_labels_end_on_their_last_day(label, day):
    assert period_end(label) == pd.Timestamp(day)


@pytest.mark.parametrize("label", ["June 2025", "2025-13", "2025-Q5", "2025-02-30", ""])
def test_a_bad_period_label_is_an_error_that_names_it_and_the_accepted_forms(label):
    with pytest.raises(SellerLabError) as err:
        period_end(label)
    assert f"'{label}'" in str(err.value) and "YYYY-MM (2025-06)" in str(err.value)


def test_snapshot_dates_are_read_from_file_names_only_when_present():
    assert snapshot_date("x/helium10_2025-06-30_DE.csv") == pd.Timestamp("2025-06-30")
    assert snapshot_date("js_20251101.xlsx") == pd.Timestamp("2025-11-01")
    assert pd.isna(snapshot_date("helium10_blackbox.csv")) and pd.isna(snapshot_date("asin_12345678.csv"))


def test_a_monthly_series_and_a_one_row_series_get_their_own_period_length_under_repeated_index_labels():
    trends = pd.DataFrame({
        "unique_id": ["m|DE", "m|DE", "m|DE", "one|DE"], "keyword": ["m", "m", "m", "one"], "geo": "DE",
        "ds": pd.to_datetime(["2025-04-01", "2025-06-01", "2025-05-01", "2025-06-10"]),
        "y": [10.0, 12.0, 11.0, 5.0], "is_partial": False}, index=[0, 0, 1, 1])  # e.g. two concatenated exports
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        cut = data_as_of(CategoryData(trends=trends), "2025-06-15").trends
    part = dict(zip(cut["unique_id"] + " " + cut["ds"].dt.strftime("%Y-%m-%d"), cut["is_partial"]))
    # June runs to 2025-06-30, past the end, May does not; a lone day is its own period
    assert part == {"m|DE 2025-04-01": False, "m|DE 2025-06-01": True, "m|DE 2025-05-01": False,
                    "one|DE 2025-06-10": False}
