"""R5.1 first response in local business hours: weekends, holidays, DST, 17:50 Friday."""

from __future__ import annotations

import pandas as pd
import pytest

from seller_lab.aftersales import business_minutes_for, first_response, response_summary
from seller_lab.aftersales.response import response_decisions
from seller_lab.params import load_params


def _utc(values):
    return pd.Series(pd.to_datetime(values, utc=True))


def _local(values, tz):
    return pd.Series(pd.to_datetime(values).tz_localize(tz).tz_convert("UTC"))


@pytest.fixture(scope="module")
def de():
    return load_params("kitchen-organizer-de")


@pytest.fixture(scope="module")
def us():
    return load_params("kids-toy-us")


def test_friday_1750_answered_monday_0920_is_30_business_minutes(de):
    # 2026-10-16 is a normal Friday (no DST change that weekend)
    got = business_minutes_for(de, _local(["2026-10-16 17:50"], "Europe/Berlin"),
                               _local(["2026-10-19 09:20"], "Europe/Berlin"))
    assert got.tolist() == [30.0]


def test_weekend_ticket_clock_starts_monday_0900(de):
    got = business_minutes_for(de, _local(["2026-10-17 11:00"], "Europe/Berlin"),   # Saturday
                               _local(["2026-10-19 10:05"], "Europe/Berlin"))       # Monday
    assert got.tolist() == [65.0]


def test_german_unity_day_is_not_a_business_day(de):
    # Friday 2026-10-02 17:30 -> Monday 2026-10-05 09:10; Sat 3 Oct is a holiday and a weekend day
    got = business_minutes_for(de, _local(["2026-10-02 17:30"], "Europe/Berlin"),
                               _local(["2026-10-05 09:10"], "Europe/Berlin"))
    assert got.tolist() == [40.0]


def test_holiday_on_a_weekday_counts_nothing():
    # 2026-10-03 falls on a Saturday; check a weekday holiday: 2025-10-03 (Friday)
    p = load_params("kitchen-organizer-de")
    got = business_minutes_for(p, _local(["2025-10-02 17:00"], "Europe/Berlin"),
                               _local(["2025-10-06 09:30"], "Europe/Berlin"))
    assert got.tolist() == [90.0]   # 60 on Thursday + 30 on Monday, Friday the 3rd excluded


def test_dst_end_berlin_2026_10_25(de):
    # Friday 17:50 CEST (UTC+2) -> Monday 09:20 CET (UTC+1): wall clock, not +1 h
    got = business_minutes_for(de, _utc(["2026-10-23 15:50"]), _utc(["2026-10-26 08:20"]))
    assert got.tolist() == [30.0]


def test_dst_end_new_york_2026_11_01(us):
    # Friday 2026-10-30 17:30 EDT -> Monday 2026-11-02 09:15 EST
    got = business_minutes_for(us, _utc(["2026-10-30 21:30"]), _utc(["2026-11-02 14:15"]))
    assert got.tolist() == [45.0]


def test_same_day_and_after_hours(us):
    got = business_minutes_for(us, _local(["2026-10-14 10:00", "2026-10-14 19:00", "2026-10-14 08:00"],
                                          "America/New_York"),
                               _local(["2026-10-14 11:30", "2026-10-15 09:45", "2026-10-14 09:30"],
                                      "America/New_York"))
    assert got.tolist() == [90.0, 45.0, 30.0]


def test_columbus_day_is_a_us_holiday(us):
    # Friday 2026-10-09 17:30 -> Tuesday 2026-10-13 09:10 (Monday 12 Oct Columbus Day)
    got = business_minutes_for(us, _local(["2026-10-09 17:30"], "America/New_York"),
                               _local(["2026-10-13 09:10"], "America/New_York"))
    assert got.tolist() == [40.0]


def test_missing_reply_is_nan(de):
    got = business_minutes_for(de, _utc(["2026-10-14 08:00"]), _utc([None]))
    assert got.isna().all()


def _tickets(created, replied, minutes=None):
    n = len(created)
    return pd.DataFrame({
        "ticket_id": [f"T{i}" for i in range(n)], "created_at": _utc(created),
        "first_reply_minutes": minutes if minutes is not None else [float("nan")] * n,
        "first_reply_at": _utc(replied), "channel": "email", "subject": "Frage", "sku": "",
        "status": "solved", "satisfaction": ""})


def test_first_response_breaches_share_and_decisions(de):
    t = _tickets(["2026-10-16 15:50", "2026-10-14 08:00", "2026-10-14 09:00", "2026-09-30 09:00"],
                 ["2026-10-19 07:20", "2026-10-14 08:30", "2026-10-14 12:00", "2026-09-30 09:10"])
    r = first_response(t, de, "2026-10")
    assert r["ticket_id"].tolist() == ["T0", "T1", "T2"]           # September ticket left out
    assert r["business_minutes"].tolist() == [30.0, 30.0, 180.0]
    assert r["breach"].tolist() == [False, False, True]
    s = response_summary(r)
    assert s["breaches"].iloc[0] == 1
    assert s["share_within_sla"].iloc[0] == pytest.approx(2 / 3)
    ds = response_decisions(r, de, category="kitchen-organizer-de", period="2026-10")
    assert [(d.unique_id, d.verdict) for d in ds] == [("T2", "alert"),
                                                      ("kitchen-organizer-de", "alert")]


def test_reply_time_from_minutes_column_and_unanswered_ticket(de):
    t = _tickets(["2026-10-14 08:00", "2026-10-14 09:00", "2026-10-14 12:00"],
                 [None, None, "2026-10-14 12:10"], minutes=[45.0, float("nan"), 10.0])
    r = first_response(t, de, "2026-10")
    assert r["business_minutes"].tolist()[0] == 45.0
    assert r["status"].tolist() == ["answered", "no reply", "answered"]   # T1 open 190 min
    assert r["breach"].tolist() == [False, True, False]
