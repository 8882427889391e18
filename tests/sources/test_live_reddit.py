"""Live Reddit client (praw), offline: ``responses`` fakes Reddit's OAuth token endpoint
and its JSON listing endpoints with payloads shaped like Reddit's (Listing / t3 / t1 /
more), incl. 429, 503 and empty listings."""

from __future__ import annotations

import json
import logging
import random
import re
from urllib.parse import parse_qs, urlsplit

import pandas as pd
import pytest
import responses

from seller_lab import schemas
from seller_lab.errors import SourceUnavailableError
from seller_lab.params import load_params
from seller_lab.sources.live_reddit import RedditClient, fetch_reddit

NOW = pd.Timestamp("2026-11-20 12:00", tz="UTC")
TOKEN_URL = "https://www.reddit.com/api/v1/access_token"
SEARCH_RE = re.compile(r"https://oauth\.reddit\.com/r/([^/]+)/search/")
COMMENTS_RE = re.compile(r"https://oauth\.reddit\.com/comments/([^/]+)/")
WINDOW_DAYS = {"hour": 1 / 24, "day": 1, "week": 7, "month": 30, "year": 365, "all": 1e9}


def t3(sid, sub, days_ago, score, num_comments, title, selftext="", author="kitchenfan"):
    created = (NOW - pd.Timedelta(days=days_ago)).timestamp()
    return {"kind": "t3", "data": {
        "approved_at_utc": None, "subreddit": sub, "selftext": selftext,
        "author_fullname": None if author is None else f"t2_{author[:6]}",
        "saved": False, "gilded": 0, "clicked": False, "title": title,
        "subreddit_name_prefixed": f"r/{sub}", "hidden": False, "pwls": 6,
        "link_flair_css_class": None, "downs": 0, "hide_score": False,
        "name": f"t3_{sid}", "quarantine": False, "upvote_ratio": 0.93,
        "subreddit_type": "public", "ups": score, "total_awards_received": 0,
        "is_self": True, "created": created, "domain": f"self.{sub}",
        "subreddit_id": "t5_2qh1i", "id": sid, "is_robot_indexable": True,
        "author": "[deleted]" if author is None else author, "num_comments": num_comments,
        "send_replies": True, "permalink": f"/r/{sub}/comments/{sid}/{title[:20].lower().replace(' ', '_')}/",
        "url": f"https://www.reddit.com/r/{sub}/comments/{sid}/", "subreddit_subscribers": 412345,
        "created_utc": created, "num_crossposts": 0, "media": None, "is_video": False,
        "score": score, "over_18": False, "stickied": False, "locked": False}}


def t1(cid, link, sub, days_ago, body, author="someone", replies=None):
    created = (NOW - pd.Timedelta(days=days_ago)).timestamp()
    return {"kind": "t1", "data": {
        "subreddit_id": "t5_2qh1i", "link_id": f"t3_{link}", "replies": replies or "",
        "id": cid, "author": author, "parent_id": f"t3_{link}", "score": 7, "body": body,
        "edited": False, "downs": 0, "is_submitter": False, "collapsed": False,
        "name": f"t1_{cid}", "created": created, "created_utc": created, "depth": 0,
        "permalink": f"/r/{sub}/comments/{link}/x/{cid}/", "subreddit": sub,
        "stickied": False, "ups": 7, "controversiality": 0}}


def listing(children, after=None):
    return {"kind": "Listing", "data": {"after": after, "dist": len(children),
                                        "modhash": None, "geo_filter": "",
                                        "children": children, "before": None}}


class FakeReddit:
    """Reddit's search listing: time window, sort, pages via ``after``, a listing cap."""

    def __init__(self, posts: dict[str, list[dict]], comments=None, cap=1000, page=100):
        self.posts, self.comments = posts, comments or {}
        self.cap, self.page = cap, page
        self.searches: list[dict] = []
        self.failures: list[tuple[int, dict]] = []  # answers to give before the real ones

    def install(self, rsps):
        rsps.add(responses.POST, TOKEN_URL, json={
            "access_token": "eyJhbGciOiJSUzI1NiIsImtpZCI6IlNIQTI1NjpzS3dsMnlsV0VtMjVmcXhwTU40cWY4MXE2OWFFdWFyMnpLMUdhVGxjdWNZIiwidHlwIjoiSldUIn0.fake",
            "token_type": "bearer", "expires_in": 86400, "scope": "*"})
        rsps.add_callback(responses.GET, SEARCH_RE, callback=self._search)
        rsps.add_callback(responses.GET, COMMENTS_RE, callback=self._comments)

    def _fail(self):
        if self.failures:
            status, body = self.failures.pop(0)
            return status, {"Content-Type": "application/json; charset=UTF-8"}, json.dumps(body)
        return None

    def _search(self, request):
        if (f := self._fail()) is not None:
            return f
        url = urlsplit(request.url)
        q = {k: v[0] for k, v in parse_qs(url.query).items()}
        sub = SEARCH_RE.match(request.url).group(1)
        self.searches.append({"sub": sub, **q})
        terms = [t.strip('"').lower() for t in q["q"].split(" OR ")]
        limit_from = NOW.timestamp() - WINDOW_DAYS[q["t"]] * 86400
        items = [p for p in self.posts.get(sub, [])
                 if p["data"]["created_utc"] >= limit_from
                 and any(t in (p["data"]["title"] + " " + p["data"]["selftext"]).lower()
                         for t in terms)]
        key = {"new": lambda p: -p["data"]["created_utc"], "top": lambda p: -p["data"]["score"],
               "comments": lambda p: -p["data"]["num_comments"],
               "relevance": lambda p: p["data"]["id"]}[q["sort"]]
        items = sorted(items, key=key)[: self.cap]
        start = 0
        if "after" in q:
            start = next(i for i, p in enumerate(items) if p["data"]["name"] == q["after"]) + 1
        size = min(int(q["limit"]), self.page)
        page = items[start: start + size]
        after = page[-1]["data"]["name"] if start + size < len(items) and page else None
        return 200, {"Content-Type": "application/json; charset=UTF-8"}, json.dumps(
            listing(page, after))

    def _comments(self, request):
        if (f := self._fail()) is not None:
            return f
        sid = COMMENTS_RE.match(request.url).group(1)
        post = next(p for ps in self.posts.values() for p in ps if p["data"]["id"] == sid)
        return 200, {"Content-Type": "application/json; charset=UTF-8"}, json.dumps(
            [listing([post]), listing(self.comments.get(sid, []))])


@pytest.fixture()
def params(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # no stray praw.ini
    monkeypatch.setenv("praw_client_id", "fake-client-id")
    monkeypatch.setenv("praw_client_secret", "fake-client-secret")
    import prawcore.sessions

    # prawcore retries 5xx twice with real sleeps of a few seconds: not in a unit test
    monkeypatch.setattr(prawcore.sessions.FiniteRetryStrategy, "_sleep_seconds",
                        lambda self: None)
    p = load_params("kitchen-organizer-de")
    p["live"].update({"cache_dir": str(tmp_path / "cache"), "min_interval_s": 1.0,
                      "max_tries": 3, "backoff_base_s": 10.0, "jitter": 0.0,
                      "reddit_history_days": 365, "reddit_comment_limit": 50})
    p["category"]["data_dir"] = str(tmp_path / "kitchen-organizer-de")
    return p


class FakeTime:
    def __init__(self):
        self.now, self.waits = 0.0, []

    def clock(self):
        return self.now

    def sleep(self, s):
        self.waits.append(round(s, 3))
        self.now += s


def client(params, t):
    return RedditClient(params, sleep=t.sleep, clock=t.clock, rng=random.Random(0), now=NOW)


KOCHEN = [
    t3("1ab001", "Kochen", 2, 40, 12, "Geschirrabtropfgestell rostet nach 3 Wochen",
       "Mein Geschirrabtropfgestell aus Edelstahl hat schon Rost. Jemand Tipps?"),
    t3("1ab002", "Kochen", 12, 15, 3, "Große Teller passen nicht ins Abtropfgestell",
       "Suche ein Geschirrabtropfgestell für 30 cm Teller"),
    t3("1ab003", "Kochen", 35, 5, 30, "Küchen Organizer für kleine Küche?", "[removed]"),
    t3("1ab004", "Kochen", 50, 2, 1, "geschirrabtropfgestell tropft", "Wasser läuft auf die "
       "Arbeitsplatte", author=None),
    t3("1ab005", "Kochen", 120, 90, 8, "Bestes Geschirrabtropfgestell 2026", ""),
    t3("1ab006", "Kochen", 200, 100, 2, "Geschirrabtropfgestell wackelt", "dünnes Material"),
    t3("1ab007", "Kochen", 500, 80, 4, "Geschirrabtropfgestell Empfehlung (alt)", ""),
    t3("1ab008", "Kochen", 3, 10, 0, "Was kocht ihr heute?", "Pasta"),  # no keyword
]


def test_search_with_comments_gives_canonical_posts(params):
    comments = {"1ab001": [
        t1("c01", "1ab001", "Kochen", 1.5, "Essig und Backpulver hilft gegen den Rost",
           replies=listing([t1("c02", "1ab001", "Kochen", 1.0, "Danke, probiere ich!")])),
        t1("c03", "1ab001", "Kochen", 1.2, "[deleted]", author="[deleted]"),
        {"kind": "more", "data": {"count": 4, "name": "t1_c09", "id": "c09",
                                  "parent_id": "t3_1ab001", "depth": 0, "children": ["c09"]}},
    ]}
    fake = FakeReddit({"Kochen": KOCHEN[:2], "de": []}, comments)
    t = FakeTime()
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        fake.install(rsps)
        frame = client(params, t).search(["r/Kochen", "de"], ["geschirrabtropfgestell"])
    assert list(frame.columns) == schemas.columns("posts")
    assert frame.dtypes.astype(str).to_dict() == \
        schemas.empty_frame("posts").dtypes.astype(str).to_dict()
    subs = frame[frame["kind"] == "submission"].set_index("doc_id")
    assert sorted(subs.index) == ["t3_1ab001", "t3_1ab002"]
    rust = subs.loc["t3_1ab001"]
    assert rust["text"].startswith("Geschirrabtropfgestell rostet nach 3 Wochen\n\nMein")
    assert rust["url"] == "https://www.reddit.com/r/Kochen/comments/1ab001/geschirrabtropfgeste/"
    assert rust["unique_id"] == "Kochen" and rust["source"] == "reddit"
    assert rust["score"] == 40 and rust["num_comments"] == 12 and rust["parent_id"] == ""
    assert rust["ds"] == NOW - pd.Timedelta(days=2)
    com = frame[frame["kind"] == "comment"].set_index("doc_id")
    assert sorted(com.index) == ["t1_c01", "t1_c02"]  # [deleted] dropped, 'more' not expanded
    assert set(com["parent_id"]) == {"t3_1ab001"} and (com["title"] == "").all()
    assert com["num_comments"].isna().all() and com["rating"].isna().all()
    assert frame["ds"].is_monotonic_increasing
    # both subreddits searched once (no cap hit), with our user agent, paced
    assert [s["sub"] for s in fake.searches] == ["Kochen", "de"]
    assert all(s["restrict_sr"] in ("on", "True", "1") for s in fake.searches)
    assert t.waits and all(w <= 1.0 for w in t.waits)


def test_listing_cap_is_worked_around_with_time_window_and_sort_slices(params, caplog):
    params["live"].update({"reddit_limit_per_window": 3, "reddit_comments": False,
                           "reddit_time_filters": ["all", "year", "month"],
                           "reddit_sorts": ["new", "top"]})
    fake = FakeReddit({"Kochen": KOCHEN}, cap=3, page=2)
    t = FakeTime()
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps, caplog.at_level(logging.WARNING):
        fake.install(rsps)
        c = client(params, t)
        frame = c.search(["Kochen"], ["geschirrabtropfgestell", "küchen organizer"])
    got = set(frame["doc_id"])
    # new/all gives the 3 newest; top/all adds the best-scored; year/new and year/top are
    # capped too; month/new ends below the cap -> stop. 1ab007 is older than the history.
    assert {"t3_1ab001", "t3_1ab002", "t3_1ab003", "t3_1ab005", "t3_1ab006"} <= got
    assert "t3_1ab007" not in got and "t3_1ab008" not in got
    slices = [(s["t"], s["sort"]) for s in fake.searches if "after" not in s]
    assert slices == [("all", "new"), ("all", "top"), ("year", "new"), ("year", "top"),
                      ("month", "new")]
    assert any(s.get("after") for s in fake.searches)  # pages followed via 'after'
    assert [r["capped"] for r in c.coverage] == [True, True, True, True, False]
    assert "cap" in caplog.text and "Arctic-Shift" in caplog.text
    removed = frame.set_index("doc_id").loc["t3_1ab003"]
    assert removed["text"] == "Küchen Organizer für kleine Küche?"  # [removed] body dropped


def test_sorted_by_new_stops_at_the_history_start(params):
    params["live"].update({"reddit_history_days": 60, "reddit_comments": False,
                           "reddit_limit_per_window": 1000})
    fake = FakeReddit({"Kochen": KOCHEN}, page=2)
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        fake.install(rsps)
        frame = client(params, FakeTime()).search(["Kochen"], ["geschirrabtropfgestell"])
    assert sorted(frame["doc_id"]) == ["t3_1ab001", "t3_1ab002", "t3_1ab004"]
    assert frame.set_index("doc_id").loc["t3_1ab004", "author"] == ""  # deleted author
    assert len(fake.searches) == 2  # page 3 (older than 60 days) was never requested


def test_429_and_503_back_off_then_succeed(params):
    params["live"]["reddit_comments"] = False
    fake = FakeReddit({"Kochen": KOCHEN[:3]})
    fake.failures = [(429, {"message": "Too Many Requests", "error": 429}),
                     (503, {"message": "Service Unavailable", "error": 503}),
                     (503, {"message": "Service Unavailable", "error": 503}),
                     (503, {"message": "Service Unavailable", "error": 503})]
    t = FakeTime()
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        fake.install(rsps)
        frame = client(params, t).search(["Kochen"], ["geschirrabtropfgestell"])
    assert len(frame) == 2
    assert [w for w in t.waits if w >= 10] == [10.0, 20.0]  # 429, then 503 x3 (prawcore x2)


def test_reddit_keeps_refusing_names_the_dump_route(params):
    params["live"]["reddit_comments"] = False
    fake = FakeReddit({"Kochen": KOCHEN})
    fake.failures = [(429, {"message": "Too Many Requests", "error": 429})] * 10
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        fake.install(rsps)
        with pytest.raises(SourceUnavailableError) as err:
            client(params, FakeTime()).search(["Kochen"], ["geschirrabtropfgestell"])
    msg = str(err.value)
    assert "HTTP 429" in msg and "after 3 tries" in msg and "Arctic-Shift" in msg
    assert params["category"]["data_dir"] in msg


def test_empty_listing_gives_an_empty_canonical_frame(params):
    fake = FakeReddit({"Kochen": []})
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        fake.install(rsps)
        frame = fetch_reddit(params, subreddits=["Kochen"], sleep=lambda s: None, now=NOW)
    assert frame.empty and list(frame.columns) == schemas.columns("posts")
    assert len(fake.searches) == 1


def test_no_credentials_names_env_vars_and_offline_route(params, monkeypatch):
    monkeypatch.delenv("praw_client_id")
    monkeypatch.delenv("praw_client_secret")
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        with pytest.raises(SourceUnavailableError) as err:
            client(params, FakeTime()).search(["Kochen"], ["geschirrabtropfgestell"])
        assert len(rsps.calls) == 0
    msg = str(err.value)
    assert "praw_client_id" in msg and "never put them in params" in msg
    assert "Arctic-Shift" in msg and params["category"]["data_dir"] in msg


def test_credentials_are_not_a_params_key():
    from seller_lab.errors import ParamsError
    from seller_lab.params import load_defaults, validate

    with pytest.raises(ParamsError, match="unknown key"):
        validate({"live": {"client_secret": "x"}}, load_defaults(), "cat.yaml")


def test_answers_are_cached(params):
    fake = FakeReddit({"Kochen": KOCHEN[:2]}, {"1ab001": [t1("c01", "1ab001", "Kochen", 1,
                                                             "Essig hilft")]})
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        fake.install(rsps)
        first = client(params, FakeTime()).search(["Kochen"], ["geschirrabtropfgestell"])
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:  # nothing registered: any request would fail
        again = client(params, FakeTime()).search(["Kochen"], ["geschirrabtropfgestell"])
        assert len(rsps.calls) == 0
    pd.testing.assert_frame_equal(first, again)
    assert len(first) == 3


def test_private_or_missing_subreddit_is_skipped_not_fatal(params, caplog):
    params["live"]["reddit_comments"] = False
    fake = FakeReddit({"Kochen": KOCHEN[:2]})
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        rsps.add(responses.GET, "https://oauth.reddit.com/r/geheim/search/", status=403,
                 json={"reason": "private", "message": "Forbidden", "error": 403})
        fake.install(rsps)
        with caplog.at_level(logging.WARNING):
            c = client(params, FakeTime())
            frame = c.search(["geheim", "Kochen"], ["geschirrabtropfgestell"])
    assert sorted(frame["doc_id"]) == ["t3_1ab001", "t3_1ab002"]
    assert "r/geheim skipped" in caplog.text
    assert c.coverage[0]["subreddit"] == "geheim" and "error" in c.coverage[0]


def test_rejected_credentials_are_a_clear_error(params):
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        rsps.add(responses.POST, TOKEN_URL, status=401, json={"message": "Unauthorized",
                                                               "error": 401})
        with pytest.raises(SourceUnavailableError, match="refused the credentials"):
            client(params, FakeTime()).search(["Kochen"], ["geschirrabtropfgestell"])


def test_live_answer_saved_as_dump_jsonl(params):
    from pathlib import Path

    from seller_lab.sources.live_reddit import save_reddit_jsonl

    fake = FakeReddit({"Kochen": KOCHEN[:2]}, {"1ab001": [
        t1("c01", "1ab001", "Kochen", 1.5, "Essig hilft gegen Rost")]})
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        fake.install(rsps)
        frame = client(params, FakeTime()).search(["Kochen"], ["geschirrabtropfgestell"])
    paths = save_reddit_jsonl(params, frame)
    assert [Path(p).name.split("_")[-1] for p in paths] == ["submissions.jsonl",
                                                           "comments.jsonl"]
    subs = [json.loads(line) for line in Path(paths[0]).read_text("utf-8").splitlines()]
    coms = [json.loads(line) for line in Path(paths[1]).read_text("utf-8").splitlines()]
    first = next(s for s in subs if s["id"] == "1ab001")
    assert first["title"] == "Geschirrabtropfgestell rostet nach 3 Wochen"
    assert first["selftext"].startswith("Mein Geschirrabtropfgestell")
    assert first["created_utc"] == int((NOW - pd.Timedelta(days=2)).timestamp())
    assert first["permalink"].startswith("/r/Kochen/comments/1ab001/")
    assert coms == [{"id": "c01", "name": "t1_c01", "subreddit": "Kochen",
                     "author": "someone", "created_utc": coms[0]["created_utc"], "score": 7,
                     "permalink": "/r/Kochen/comments/1ab001/x/c01/",
                     "body": "Essig hilft gegen Rost", "link_id": "t3_1ab001",
                     "parent_id": "t3_1ab001"}]


def test_live_frame_equals_the_dump_importers_frame(params):
    """Saved as JSONL, the live answer loads back through the importers unchanged."""
    from seller_lab.sources import load_file
    from seller_lab.sources.live_reddit import save_reddit_jsonl

    fake = FakeReddit({"Kochen": KOCHEN[:4]}, {"1ab001": [
        t1("c01", "1ab001", "Kochen", 1.5, "Essig hilft gegen Rost",
           replies=listing([t1("c02", "1ab001", "Kochen", 1.0, "Danke!")]))]})
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        fake.install(rsps)
        live = client(params, FakeTime()).search(["Kochen"], ["geschirrabtropfgestell",
                                                              "küchen organizer"])
    frames = [load_file(p, params=params).frame for p in save_reddit_jsonl(params, live)]
    back = (pd.concat(frames, ignore_index=True)
            .sort_values(["ds", "doc_id"], kind="stable").reset_index(drop=True))
    assert len(live) == 6
    pd.testing.assert_frame_equal(back, live)


def test_network_down_gives_up_after_network_tries_without_the_429_backoff(params):
    params["live"]["reddit_comments"] = False
    t = FakeTime()
    with responses.RequestsMock() as rsps:  # nothing registered -> ConnectionError
        with pytest.raises(SourceUnavailableError, match="Reddit cannot be reached") as err:
            client(params, t).search(["Kochen"], ["geschirrabtropfgestell"])
        # prawcore's own connection retries are bypassed: one request per try
        assert len(rsps.calls) == params["live"]["network_tries"]
    msg = str(err.value)
    assert "\n" not in msg and "Arctic-Shift" in msg
    assert t.waits == [params["live"]["network_wait_s"]]


def test_requests_get_the_short_connect_timeout_beside_prawcores_read_timeout(params):
    params["live"]["reddit_comments"] = False
    fake = FakeReddit({"Kochen": KOCHEN[:2]})
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        fake.install(rsps)
        client(params, FakeTime()).search(["Kochen"], ["geschirrabtropfgestell"])
        seen = [c.request.req_kwargs["timeout"] for c in rsps.calls]
    assert seen and all(t[0] == params["live"]["connect_timeout_s"] for t in seen)
