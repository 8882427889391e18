"""Live Google Trends client, offline: real recorded Google answers replayed with
``responses`` (tests/data/sources/cassettes, from the pytrends project), plus synthetic
429 / 400 / empty answers and multi-batch answers built from the recorded shapes."""

from __future__ import annotations

import gzip
import json
import random
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pandas as pd
import pytest
import requests
import responses
import yaml

from seller_lab import schemas
from seller_lab.errors import SourceUnavailableError
from seller_lab.params import load_params
from seller_lab.sources import live_trends
from seller_lab.sources.live_trends import TrendsClient, fetch_trends

CASSETTES = Path(__file__).resolve().parents[1] / "data" / "sources" / "cassettes"
COOKIE_URL = "https://trends.google.com/trends/explore/?geo=US"
EXPLORE_URL = "https://trends.google.com/trends/api/explore"
MULTILINE_URL = "https://trends.google.com/trends/api/widgetdata/multiline"


def cassette(name: str) -> list[dict]:
    """The recorded interactions: method, uri, status, headers (first value), body bytes."""
    doc = yaml.safe_load((CASSETTES / f"{name}.yaml").read_text(encoding="utf-8"))
    out = []
    for it in doc["interactions"]:
        resp = it["response"]
        body = resp["body"]["string"]
        body = body if isinstance(body, bytes) else body.encode("utf-8")
        headers = {k: v[0] for k, v in resp["headers"].items()
                   if k.lower() not in ("transfer-encoding", "content-length")}
        out.append({"method": it["request"]["method"], "uri": it["request"]["uri"],
                    "status": resp["status"]["code"], "headers": headers, "body": body})
    return out


def add_recorded(rsps, interaction, *, strict_query=True) -> None:
    """Register one recorded answer; with strict_query the request must carry exactly the
    recorded query string (so our client asks what pytrends asked in 2023)."""
    from responses import matchers

    url = interaction["uri"]
    base, query = url.split("?", 1)
    match = [matchers.query_string_matcher(query)] if strict_query else []
    rsps.add(interaction["method"], base, body=interaction["body"],
             status=interaction["status"], headers=interaction["headers"], match=match)


@pytest.fixture()
def params(tmp_path):
    p = load_params("kids-toy-us")
    p["live"].update({"cache_dir": str(tmp_path / "cache"), "trends_tz": 360,
                      "trends_hl": "en-US", "min_interval_s": 5.0, "max_tries": 3,
                      "backoff_base_s": 10.0, "backoff_max_s": 300.0, "jitter": 0.0,
                      "empty_retries": 1})
    p["category"]["data_dir"] = str(tmp_path / "kids-toy-us")
    return p


class FakeTime:
    """Clock that only moves when the client sleeps; records every wait."""

    def __init__(self):
        self.now = 1000.0
        self.waits: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, s: float) -> None:
        self.waits.append(round(s, 3))
        self.now += s


def client(params, t: FakeTime) -> TrendsClient:
    return TrendsClient(params, sleep=t.sleep, clock=t.clock, rng=random.Random(1))


def test_recorded_weekly_answer_becomes_canonical_trends_frame(params):
    t = FakeTime()
    with responses.RequestsMock(assert_all_requests_are_fired=True) as rsps:
        for it in cassette("test_interest_over_time_partial"):
            add_recorded(rsps, it)
        frame = client(params, t).interest_over_time(["pizza", "bagel"], geo="",
                                                     timeframe="today 5-y")
        assert len(rsps.calls) == 3  # cookie, tokens, timeline
    assert list(frame.columns) == schemas.columns("trends")
    assert frame.dtypes.astype(str).to_dict() == \
        schemas.empty_frame("trends").dtypes.astype(str).to_dict()
    pizza = frame[frame["keyword"] == "pizza"].reset_index(drop=True)
    assert len(pizza) == len(frame) // 2 > 250  # 5 years of weeks
    assert pizza["ds"].iloc[0] == pd.Timestamp("2018-04-01")  # a Sunday
    assert (pizza["ds"].dt.day_of_week == 6).all()
    assert pizza["y"].iloc[0] == 81 and pizza["y"].iloc[-1] == 58
    assert pizza["is_partial"].tolist()[-2:] == [False, True]
    assert set(frame["unique_id"]) == {"pizza|WORLD", "bagel|WORLD"}
    assert frame["y"].between(0, 100).all()
    # polite pacing: at least min_interval_s between the three requests
    assert t.waits == [5.0, 5.0]


def test_answers_are_cached_on_disk_by_request(params):
    t = FakeTime()
    with responses.RequestsMock() as rsps:
        for it in cassette("test_interest_over_time_partial"):
            add_recorded(rsps, it)
        first = client(params, t).interest_over_time(["pizza", "bagel"])
    files = list((Path(params["live"]["cache_dir"]) / "trends").glob("*.json"))
    assert len(files) == 1
    cached = json.loads(files[0].read_text(encoding="utf-8"))
    assert cached["request"]["keywords"] == ["pizza", "bagel"]
    with responses.RequestsMock() as rsps:  # nothing registered: any HTTP call would fail
        again = client(params, t).interest_over_time(["pizza", "bagel"])
        assert len(rsps.calls) == 0
    pd.testing.assert_frame_equal(first, again)
    # a different request is a different cache entry (and would go to the network)
    with responses.RequestsMock() as rsps, pytest.raises(SourceUnavailableError):
        client(params, t).interest_over_time(["pizza", "bagel"], geo="DE")


def test_recorded_daily_answer(params):
    t = FakeTime()
    with responses.RequestsMock(assert_all_requests_are_fired=True) as rsps:
        for it in cassette("test_interest_over_time_ok"):
            add_recorded(rsps, it)
        frame = client(params, t).interest_over_time(["pizza", "bagel"],
                                                     timeframe="2021-01-01 2021-01-05")
    pizza = frame[frame["keyword"] == "pizza"]
    assert pizza["ds"].dt.strftime("%Y-%m-%d").tolist() == [
        "2021-01-01", "2021-01-02", "2021-01-03", "2021-01-04", "2021-01-05"]
    assert pizza["y"].tolist()[:3] == [100, 83, 78]
    assert not frame["is_partial"].any()


def _html_429() -> dict:
    return {"status": 429, "body": b"<html><title>Error 429 (Too Many Requests)!!1</title>",
            "headers": {"Content-Type": "text/html; charset=UTF-8"}}


def test_429_backs_off_exponentially_with_a_fresh_cookie_then_succeeds(params):
    rec = cassette("test_interest_over_time_partial")
    cookie, tokens, timeline = rec
    t = FakeTime()
    with responses.RequestsMock() as rsps:
        add_recorded(rsps, cookie)
        rsps.add("POST", EXPLORE_URL, **_html_429())
        rsps.add("POST", EXPLORE_URL, **_html_429())
        add_recorded(rsps, tokens)
        add_recorded(rsps, timeline)
        frame = client(params | {"live": params["live"] | {"max_tries": 4}}, t) \
            .interest_over_time(["pizza", "bagel"])
        cookie_calls = [c for c in rsps.calls if "/trends/explore/" in c.request.url]
    assert len(frame) > 500
    assert len(cookie_calls) == 3  # a new session (cookie) after each 429
    backoffs = [w for w in t.waits if w >= 10]
    assert backoffs[:2] == [10.0, 20.0]  # exponential (jitter 0 here)


def test_backoff_has_jitter_and_honours_retry_after(params):
    from seller_lab.sources.live_common import LiveSettings, backoff_wait

    s = LiveSettings(backoff_base_s=10, backoff_max_s=300, jitter=0.5)
    rng = random.Random(3)
    waits = [backoff_wait(s, 1, rng) for _ in range(50)]
    assert min(waits) >= 5 and max(waits) <= 15 and len(set(waits)) > 40
    assert backoff_wait(s, 1, rng, retry_after=120) == 120
    assert backoff_wait(s, 10, rng) <= 450  # capped at backoff_max_s (+ jitter)


def test_google_keeps_refusing_names_the_csv_fallback(params):
    rec = cassette("test_interest_over_time_partial")
    t = FakeTime()
    with responses.RequestsMock() as rsps:
        add_recorded(rsps, rec[0])
        rsps.add("POST", EXPLORE_URL, **_html_429())  # repeats for every try
        with pytest.raises(SourceUnavailableError) as err:
            client(params, t).interest_over_time(["pizza", "bagel"])
        posts = [c for c in rsps.calls if c.request.method == "POST"]
    msg = str(err.value)
    assert "429" in msg and "after 3 tries" in msg
    assert "Export multiTimeline.csv from trends.google.com" in msg
    assert params["category"]["data_dir"] in msg
    assert len(posts) == params["live"]["max_tries"]


def test_bad_request_is_not_retried(params):
    rec = cassette("test_interest_over_time_partial")
    t = FakeTime()
    with responses.RequestsMock() as rsps:
        add_recorded(rsps, rec[0])
        rsps.add("POST", EXPLORE_URL, status=400, body=b"<html>400</html>",
                 headers={"Content-Type": "text/html"})
        with pytest.raises(SourceUnavailableError, match="HTTP 400.*multiTimeline.csv"):
            client(params, t).interest_over_time(["pizza", "bagel"])
        assert len([c for c in rsps.calls if c.request.method == "POST"]) == 1


def test_empty_answer_is_retried_once_then_returned_empty_and_not_cached(params):
    cookie, tokens, timeline = cassette("test_interest_over_time_partial")
    empty = dict(timeline, body=gzip.compress(b')]}\',\n{"default":{"timelineData":[],'
                                              b'"averages":[]}}'))
    t = FakeTime()
    with responses.RequestsMock() as rsps:
        add_recorded(rsps, cookie)
        add_recorded(rsps, tokens)
        add_recorded(rsps, empty)
        frame = client(params, t).interest_over_time(["pizza", "bagel"])
        timeline_calls = [c for c in rsps.calls if "multiline" in c.request.url]
    assert frame.empty and list(frame.columns) == schemas.columns("trends")
    assert len(timeline_calls) == 2  # one retry
    assert not list((Path(params["live"]["cache_dir"]) / "trends").glob("*.json"))


# --- more than 5 keywords: a fake Google built from the recorded answer shapes --------------
TRUE_INTEREST = {  # the 'true' relative interest the fake Google normalises per request
    "magnetic tiles": [40, 42, 44, 46], "magnet tiles": [20, 21, 23, 24],
    "building tiles": [10, 10, 11, 12], "kids magnets": [5, 6, 5, 7],
    "stem toys": [80, 70, 60, 90], "magnetic blocks": [30, 35, 30, 36],
    "tile set": [2, 2, 3, 3],
}
WEEKS = [1761436800, 1762041600, 1762646400, 1763251200]  # Sundays, Oct 26 - Nov 16 2025


def _fake_google(rsps, seen: list[list[str]]):
    cookie, tokens, timeline = cassette("test_interest_over_time_partial")
    token_doc = json.loads(gzip.decompress(tokens["body"])[5:] if gzip.decompress(
        tokens["body"]).startswith(b")]}',") else gzip.decompress(tokens["body"])[4:])
    ts_widget = next(w for w in token_doc["widgets"] if w["id"] == "TIMESERIES")

    def explore(request):
        req = json.loads(parse_qs(urlsplit(request.url).query)["req"][0])
        kws = [c["keyword"] for c in req["comparisonItem"]]
        seen.append(kws)
        if len(kws) > 5:
            return 400, {"Content-Type": "text/html"}, b"<html>400</html>"
        widget = json.loads(json.dumps(ts_widget))
        widget["request"]["comparisonItem"] = [
            {"geo": {"country": "US"}, "complexKeywordsRestriction": {
                "keyword": [{"type": "BROAD", "value": k}]}} for k in kws]
        body = ")]}'\n" + json.dumps({"widgets": [widget]})
        return 200, {"Content-Type": "application/json; charset=utf-8"}, body

    def multiline(request):
        req = json.loads(parse_qs(urlsplit(request.url).query)["req"][0])
        kws = [c["complexKeywordsRestriction"]["keyword"][0]["value"]
               for c in req["comparisonItem"]]
        peak = max(max(TRUE_INTEREST[k]) for k in kws)
        rows = []
        for i, ts in enumerate(WEEKS):
            vals = [round(TRUE_INTEREST[k][i] * 100 / peak) for k in kws]
            rows.append({"time": str(ts), "formattedTime": "", "value": vals,
                         "hasData": [True] * len(kws),
                         "formattedValue": ["<1" if v == 0 else str(v) for v in vals]})
        rows[-1]["isPartial"] = True
        body = ")]}',\n" + json.dumps({"default": {"timelineData": rows, "averages": []}})
        return 200, {"Content-Type": "application/json; charset=UTF-8"}, body

    add_recorded(rsps, cookie, strict_query=False)
    rsps.add_callback("POST", EXPLORE_URL, callback=explore)
    rsps.add_callback("GET", MULTILINE_URL, callback=multiline)


def test_more_than_five_keywords_are_batched_around_an_anchor_and_rescaled(params):
    params["category"]["keywords"] = list(TRUE_INTEREST)
    params["category"]["trends_geo"] = "US"
    params["live"]["trends_anchor"] = "magnetic tiles"
    seen: list[list[str]] = []
    t = FakeTime()
    with responses.RequestsMock() as rsps:
        _fake_google(rsps, seen)
        frame = fetch_trends(params, sleep=t.sleep, clock=t.clock, rng=random.Random(0))
    assert all(len(kws) <= 5 for kws in seen) and len(seen) == 2
    assert all(kws[0] == "magnetic tiles" for kws in seen)
    assert sorted(frame["keyword"].unique()) == sorted(TRUE_INTEREST)
    assert set(frame["geo"]) == {"US"} and len(frame) == 7 * 4
    # after rescaling every keyword is on one scale: the true series / overall peak * 100
    overall = max(max(v) for v in TRUE_INTEREST.values())
    got = frame.pivot(index="ds", columns="keyword", values="y")
    for kw, vals in TRUE_INTEREST.items():
        expected = [v * 100 / overall for v in vals]
        assert got[kw].tolist() == pytest.approx(expected, abs=2.5), kw
    assert frame["y"].max() == pytest.approx(100)
    assert frame.groupby("keyword")["is_partial"].sum().eq(1).all()


def test_keywords_default_from_params_and_dedupe():
    assert live_trends.make_batches(["a", "a ", "b", ""], 5) == [["a", "b"]]
    assert live_trends.make_batches(list("abcdefghij"), 5, anchor="j") == [
        ["j", "a", "b", "c", "d"], ["j", "e", "f", "g", "h"], ["j", "i"]]


def test_network_down_gives_up_after_network_tries_without_the_429_backoff(params):
    t = FakeTime()
    with responses.RequestsMock() as rsps:  # nothing registered -> ConnectionError
        with pytest.raises(SourceUnavailableError, match="cannot be reached") as err:
            client(params, t).interest_over_time(["pizza"])
        assert len(rsps.calls) == params["live"]["network_tries"]
    assert "\n" not in str(err.value) and "multiTimeline.csv" in str(err.value)
    # the pause between the two tries is network_wait_s (paced to min_interval_s), never
    # the 10 s+ rate-limit backoff
    assert sum(t.waits) <= params["live"]["min_interval_s"]


def test_connection_error_mid_request_gives_up_fast_but_429_still_backs_off(params):
    cookie, tokens, timeline = cassette("test_interest_over_time_partial")
    t = FakeTime()
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        add_recorded(rsps, cookie)
        rsps.add("POST", EXPLORE_URL, body=requests.ConnectionError("DNS lookup failed"))
        with pytest.raises(SourceUnavailableError, match="ConnectionError after 2 tries"):
            client(params, t).interest_over_time(["pizza"])
    assert max(t.waits) < params["live"]["backoff_base_s"]


def test_html_instead_of_json_is_retried_with_a_new_session(params):
    cookie, tokens, timeline = cassette("test_interest_over_time_partial")
    t = FakeTime()
    with responses.RequestsMock() as rsps:
        add_recorded(rsps, cookie)
        rsps.add("POST", EXPLORE_URL, status=200, body=b"<html>unusual traffic</html>",
                 headers={"Content-Type": "text/html; charset=UTF-8"})
        add_recorded(rsps, tokens)
        add_recorded(rsps, timeline)
        frame = client(params, t).interest_over_time(["pizza", "bagel"])
        cookie_calls = [c for c in rsps.calls if "/trends/explore/" in c.request.url]
    assert len(frame) > 500 and len(cookie_calls) == 2


def test_live_frame_equals_the_csv_importers_frame(params, tmp_path):
    """The live answer saved as Google's export loads back to the same canonical frame."""
    from seller_lab.sources import load_file
    from seller_lab.sources.live_trends import save_trends_csv

    t = FakeTime()
    with responses.RequestsMock() as rsps:
        for it in cassette("test_interest_over_time_partial"):
            add_recorded(rsps, it)
        live = client(params, t).interest_over_time(["pizza", "bagel"], geo="")
    path = save_trends_csv(params, live, name="multiTimeline.csv")
    res = load_file(path, params=params)
    assert (res.kind, res.layout) == ("trends", "google_trends_multitimeline")
    pd.testing.assert_frame_equal(res.frame, live)
