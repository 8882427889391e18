"""Live Reddit search through praw, returning the canonical ``posts`` frame -- the same
frame the Reddit dump importers (praw-shaped JSON/JSONL, Arctic-Shift) return.

* Credentials come ONLY from the environment (``praw_client_id``,
  ``praw_client_secret``, optionally ``praw_user_agent``) or a ``praw.ini`` file -- never
  from params or notebooks. Without them :class:`SourceUnavailableError` names the
  offline route (Arctic-Shift dumps / JSONL in the category's data folder). Since
  November 2025 new Reddit API apps need approval, so the offline route is the main one.
* Each category subreddit is searched for the category keywords (one query, keywords
  joined with OR). A Reddit listing stops at ~1000 items, and the search API offers no
  date range, only Reddit's time windows (``t=all|year|month|week|day``). So the search
  runs as slices, widest window first (``live.reddit_time_filters``), each with the sort
  orders of ``live.reddit_sorts`` (every (window, sort) pair is its own listing with its
  own cap): as soon as one listing ends before its cap (or, sorted by new, reaches
  ``live.reddit_history_days``), everything in that window has been seen and the
  search stops; otherwise the next sort / narrower window adds what the capped listing
  hid. Items are de-duplicated by id. When even that cannot reach back far enough a
  warning says so: a complete history needs a dump.
* Submissions come with their comments (``live.reddit_comments``, at most
  ``live.reddit_comment_limit`` each, "load more" stubs are not expanded).
* Requests are paced (``live.min_interval_s``, on top of praw's own rate limiter), 429 /
  5xx back off exponentially with jitter (``live.max_tries``); a network that is down
  (connection error, timeout, DNS) gives up after ``live.network_tries`` quick tries; and
  every listing / comment page is cached on disk (``live.cache_dir``/reddit).
* ``[deleted]`` / ``[removed]`` comments are dropped; a submission whose body was
  removed keeps its title; deleted authors become ''.

Examples
--------
>>> rec = submission_record({"id": "1abc", "title": "Rust after 3 weeks",
...     "selftext": "[removed]", "author": None, "subreddit": "BuyItForLife",
...     "created_utc": 1761998400.0, "score": 12, "num_comments": 4,
...     "permalink": "/r/BuyItForLife/comments/1abc/rust/"})
>>> rec["doc_id"], rec["text"], rec["author"], rec["url"]
('t3_1abc', 'Rust after 3 weeks', '', 'https://www.reddit.com/r/BuyItForLife/comments/1abc/rust/')
"""

from __future__ import annotations

import json
import logging
import random
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pandas as pd
import requests

from .. import schemas
from ..errors import SourceUnavailableError
from ..params import resolve
from .live_common import (
    JsonCache,
    LiveSettings,
    NetworkUnreachable,
    Pacer,
    backoff_wait,
    pacer_for,
    retry_after_seconds,
    unreachable_message,
)
from .write import atomic_write_text

log = logging.getLogger("seller_lab.sources.live_reddit")

REDDIT_URL = "https://www.reddit.com"
GONE = ("[deleted]", "[removed]")
#: span of Reddit's search time filters in days ('all' has none)
WINDOW_DAYS = {"hour": 1 / 24, "day": 1.0, "week": 7.0, "month": 30.0, "year": 365.0,
               "all": float("inf")}


def fallback_message(data_dir: str = "<data_dir>") -> str:
    """The file-import twin of the live source."""
    return ("download the subreddits' submissions and comments as JSONL from Arctic-Shift "
            "(https://arctic-shift.photon-reddit.com/download-tool; .jsonl, .jsonl.gz or "
            f".zst dumps) or save praw-shaped JSON/JSONL, and drop them into {data_dir}; "
            "'seller-lab ingest' and load_category read them like the live answer")


def _name(author) -> str:
    if author is None:
        return ""
    name = author if isinstance(author, str) else str(author)
    return "" if name in GONE else str(name or "")


def _num(v) -> float:
    try:
        return float(v)
    except (TypeError, ValueError):
        return float("nan")


def submission_record(d: dict) -> dict:
    """One canonical ``posts`` row (as a dict, ``ds`` in epoch seconds) from a
    submission's raw fields."""
    title = str(d.get("title") or "")
    body = str(d.get("selftext") or "")
    text = title if body.strip() in GONE or not body.strip() else f"{title}\n\n{body}"
    sid = str(d.get("id") or "")
    return {"doc_id": f"t3_{sid}", "source": "reddit", "unique_id": str(d.get("subreddit") or ""),
            "ds": _num(d.get("created_utc")), "text": text, "rating": float("nan"),
            "url": REDDIT_URL + str(d.get("permalink") or "") if d.get("permalink") else "",
            "kind": "submission", "title": title, "author": _name(d.get("author")),
            "score": _num(d.get("score")), "num_comments": _num(d.get("num_comments")),
            "parent_id": ""}


def comment_record(d: dict) -> dict | None:
    """One canonical ``posts`` row from a comment's raw fields (None if deleted)."""
    body = str(d.get("body") or "")
    if body.strip() in GONE or not body.strip():
        return None
    link = str(d.get("link_id") or "")
    return {"doc_id": f"t1_{d.get('id')}", "source": "reddit",
            "unique_id": str(d.get("subreddit") or ""), "ds": _num(d.get("created_utc")),
            "text": body, "rating": float("nan"),
            "url": REDDIT_URL + str(d.get("permalink") or "") if d.get("permalink") else "",
            "kind": "comment", "title": "", "author": _name(d.get("author")),
            "score": _num(d.get("score")), "num_comments": float("nan"),
            "parent_id": link if link.startswith("t3_") or not link else f"t3_{link}"}


def records_to_frame(records: list[dict]) -> pd.DataFrame:
    """Canonical ``posts`` frame from record dicts (de-duplicated by doc_id, oldest first)."""
    template = schemas.empty_frame("posts")
    if not records:
        return template
    df = pd.DataFrame.from_records(records, columns=list(template.columns))
    df["ds"] = pd.to_datetime(df["ds"], unit="s", utc=True)
    df = df.drop_duplicates("doc_id", keep="first")
    df = df.sort_values(["ds", "doc_id"], kind="stable").reset_index(drop=True)
    return df.astype(template.dtypes.to_dict())[list(template.columns)]


def _raw(obj) -> dict:
    """Fields praw already holds for an object, without triggering a lazy fetch."""
    d = dict(obj.__dict__)
    for key in ("subreddit", "author"):
        v = d.get(key)
        if v is not None and not isinstance(v, str):
            # str() of a praw Subreddit/Redditor is its name; getattr could fetch lazily
            d[key] = str(v)
    return d


class _PacedSession(requests.Session):
    """A requests session that keeps the polite interval before every request praw makes,
    and gives up connecting after ``connect_timeout_s`` (praw passes one read timeout)."""

    def __init__(self, pacer: Pacer, connect_timeout_s: float | None = None):
        super().__init__()
        self._pacer = pacer
        self._connect_timeout_s = connect_timeout_s

    def request(self, *args, **kwargs):  # noqa: D401 - requests API
        self._pacer.wait()
        timeout = kwargs.get("timeout")
        if self._connect_timeout_s and isinstance(timeout, (int, float)):
            kwargs["timeout"] = (min(self._connect_timeout_s, timeout), timeout)
        try:
            return super().request(*args, **kwargs)
        except (requests.ConnectionError, requests.Timeout) as exc:
            # not one of prawcore's retry exceptions: it would retry with sleeps of its
            # own; the client gives up fast on a network that is down (live.network_tries)
            raise NetworkUnreachable(type(exc).__name__) from exc


def _default_reddit_factory(settings: LiveSettings, session: requests.Session):
    import praw

    return praw.Reddit(user_agent=settings.reddit_user_agent, check_for_async=False,
                       requestor_kwargs={"session": session}, timeout=settings.timeout_s)


class _Unreachable(Exception):
    """A subreddit/submission that is private, banned, quarantined or gone (403/404)."""


class RedditClient:
    """Search subreddits for keywords; canonical ``posts`` frame out.

    Parameters
    ----------
    params : params (``live`` section; ``category.data_dir`` for the fallback message)
    reddit_factory : ``f(settings, session) -> praw.Reddit`` (tests may inject)
    sleep, clock, rng, now : injectable for tests
    """

    def __init__(self, params: dict, *, reddit_factory: Callable | None = None,
                 sleep: Callable[[float], None] = time.sleep,
                 clock: Callable[[], float] = time.monotonic,
                 rng: random.Random | None = None, now: pd.Timestamp | None = None):
        self.params = params
        self.settings = LiveSettings.from_params(params)
        self.sleep = sleep
        self.rng = rng or random.Random()
        self.now = pd.Timestamp(now) if now is not None else pd.Timestamp.now(tz="UTC")
        self.pacer = pacer_for("reddit", self.settings.min_interval_s, clock=clock, sleep=sleep)
        self.cache = JsonCache(self.settings.cache_path(params) / "reddit",
                               self.settings.cache_max_age_hours)
        self._factory = reddit_factory or _default_reddit_factory
        self._reddit = None
        self.coverage: list[dict] = []  # one row per listing: what each slice returned

    # -- public ----------------------------------------------------------------------
    def search(self, subreddits: list[str], keywords: list[str]) -> pd.DataFrame:
        """Submissions (and their comments) matching ``keywords`` in ``subreddits``."""
        kws = [k.strip() for k in keywords if k and k.strip()]
        subs = [s.strip().removeprefix("r/") for s in subreddits if s and s.strip()]
        if not kws or not subs:
            return schemas.empty_frame("posts")
        query = " OR ".join(f'"{k}"' if " " in k else k for k in kws)
        since = (self.now - pd.Timedelta(days=self.settings.reddit_history_days)).timestamp()
        records: list[dict] = []
        for sub in subs:
            subs_found = self._search_subreddit(sub, query, since)
            records.extend(subs_found)
            if self.settings.reddit_comments:
                for rec in subs_found:
                    records.extend(self._comments(rec["doc_id"][3:]))
        frame = records_to_frame(records)
        return frame[frame["ds"] >= pd.Timestamp(since, unit="s", tz="UTC")].reset_index(
            drop=True)

    # -- slices ----------------------------------------------------------------------
    def _search_subreddit(self, sub: str, query: str, since: float) -> list[dict]:
        seen: dict[str, dict] = {}
        cap = int(self.settings.reddit_limit_per_window)
        complete = stop = False
        oldest = None
        for window in self.settings.reddit_time_filters:
            for sort in self.settings.reddit_sorts:
                try:
                    items, capped, reached_since = self._listing(sub, query, sort, window,
                                                                 since)
                except _Unreachable as exc:
                    log.warning("r/%s skipped: private, banned or not found (%s)", sub, exc)
                    self.coverage.append({"subreddit": sub, "time_filter": window,
                                          "sort": sort, "items": 0, "capped": False,
                                          "error": str(exc)})
                    return list(seen.values())
                for rec in items:
                    seen.setdefault(rec["doc_id"], rec)
                self.coverage.append({"subreddit": sub, "time_filter": window, "sort": sort,
                                      "items": len(items), "capped": capped})
                if items:
                    o = min(r["ds"] for r in items)
                    oldest = o if oldest is None else min(oldest, o)
                if not capped or reached_since:
                    # this window was listed in full (or down to the history start); the
                    # next windows are narrower, so nothing more to gain
                    span = WINDOW_DAYS.get(window, 0.0)
                    complete = reached_since or span >= self.settings.reddit_history_days
                    stop = True
                    break
            if stop:
                break
        if not complete:
            when = (pd.Timestamp(oldest, unit="s", tz="UTC").date().isoformat()
                    if oldest else "?")
            log.warning("r/%s: every listing hit Reddit's %d-item cap; posts older than %s "
                        "may be missing. For the full history: %s", sub, cap, when,
                        fallback_message(self._data_dir()))
        return list(seen.values())

    def _listing(self, sub, query, sort, window, since) -> tuple[list[dict], bool, bool]:
        cap = int(self.settings.reddit_limit_per_window)
        desc = {"service": "reddit.search", "subreddit": sub, "q": query, "sort": sort,
                "t": window, "limit": cap,
                "since_day": pd.Timestamp(since, unit="s").date().isoformat()}
        cached = self.cache.get(desc)
        if cached is not None:
            return cached["items"], cached["capped"], cached["reached_since"]
        reddit = self._client()
        gen = reddit.subreddit(sub).search(query, sort=sort, time_filter=window, limit=cap,
                                           request_limit=min(100, cap))
        items, reached_since = [], False
        for obj in self._retrying(gen, f"searching r/{sub}"):
            rec = submission_record(_raw(obj))
            if sort == "new" and rec["ds"] < since:
                reached_since = True  # sorted by new: everything further is older
                break
            items.append(rec)
        capped = gen.yielded >= cap and not reached_since
        self.cache.put(desc, {"items": items, "capped": capped, "reached_since": reached_since})
        return items, capped, reached_since

    def _comments(self, submission_id: str) -> list[dict]:
        limit = int(self.settings.reddit_comment_limit)
        desc = {"service": "reddit.comments", "id": submission_id, "limit": limit}
        cached = self.cache.get(desc)
        if cached is not None:
            return cached
        reddit = self._client()
        submission = reddit.submission(id=submission_id)
        submission.comment_sort = "top"
        submission.comment_limit = limit
        attempt = 0
        while True:
            try:
                forest = submission.comments
                forest.replace_more(limit=0)
                comments = forest.list()[:limit]
                break
            except _retryable_errors() as exc:
                attempt += 1
                self._backoff(exc, attempt, f"comments of {submission_id}")
            except _unreachable_errors():
                log.warning("comments of %s not available (removed?)", submission_id)
                return []
        out = [r for r in (comment_record(_raw(c)) for c in comments) if r is not None]
        self.cache.put(desc, out)
        return out

    # -- plumbing --------------------------------------------------------------------
    def _data_dir(self) -> str:
        return self.params.get("category", {}).get("data_dir") or "<data_dir>"

    def _client(self):
        if self._reddit is None:
            try:
                from praw.exceptions import MissingRequiredAttributeException
            except ImportError:  # pragma: no cover - praw is a dependency
                raise SourceUnavailableError("praw is not installed. Fix: "
                                             + fallback_message(self._data_dir())) from None
            try:
                session = _PacedSession(self.pacer, self.settings.connect_timeout_s)
                reddit = self._factory(self.settings, session)
            except MissingRequiredAttributeException:
                reddit = None
            if reddit is None or not getattr(reddit.config, "client_id", None):
                raise SourceUnavailableError(
                    "no Reddit API credentials configured (praw found no client_id). Fix: "
                    "set the environment variables praw_client_id and praw_client_secret "
                    "(or a praw.ini file) -- never put them in params or notebooks; new "
                    "Reddit API apps need approval since Nov 2025, so the offline route is: "
                    + fallback_message(self._data_dir()))
            self._reddit = reddit
        return self._reddit

    def _backoff(self, exc: Exception, attempt: int, what: str) -> None:
        status = getattr(getattr(exc, "response", None), "status_code", None)
        label = f"HTTP {status}" if status else type(exc).__name__
        down = getattr(exc, "original_exception", None)
        if isinstance(down, NetworkUnreachable):
            if attempt >= self.settings.network_tries:
                raise SourceUnavailableError(unreachable_message(
                    "Reddit", "www.reddit.com", f"{down} while {what}", attempt,
                    fallback_message(self._data_dir()))) from None
            log.warning("Reddit: %s while %s; trying again in %.0f s", down, what,
                        self.settings.network_wait_s)
            self.sleep(self.settings.network_wait_s)
            return
        if attempt >= self.settings.max_tries:
            raise SourceUnavailableError(
                f"Reddit kept refusing while {what} ({label}) after {attempt} tries. Fix: try "
                f"again later, or {fallback_message(self._data_dir())}") from None
        headers = getattr(getattr(exc, "response", None), "headers", None)
        wait = backoff_wait(self.settings, attempt, self.rng, retry_after_seconds(headers))
        log.warning("Reddit: %s while %s; waiting %.0f s (try %d of %d)", label, what, wait,
                    attempt, self.settings.max_tries)
        self.sleep(wait)

    def _retrying(self, gen, what: str) -> Iterator:
        attempt = 0
        while True:
            try:
                item = next(gen)
            except StopIteration:
                return
            except _retryable_errors() as exc:
                attempt += 1
                self._backoff(exc, attempt, what)
                continue
            except _unreachable_errors() as exc:
                raise _Unreachable(f"{what}: {type(exc).__name__}") from None
            except _auth_errors() as exc:
                raise SourceUnavailableError(
                    f"Reddit refused the credentials ({exc}). Fix: check praw_client_id / "
                    "praw_client_secret (environment or praw.ini), or "
                    + fallback_message(self._data_dir())) from None
            attempt = 0
            yield item


def _retryable_errors() -> tuple:
    from prawcore import exceptions as pc

    return (pc.TooManyRequests, pc.ServerError, pc.RequestException)


def _unreachable_errors() -> tuple:
    from prawcore import exceptions as pc

    return (pc.Forbidden, pc.NotFound, pc.Redirect, pc.UnavailableForLegalReasons)


def _auth_errors() -> tuple:
    from prawcore import exceptions as pc

    return (pc.OAuthException, pc.ResponseException, pc.Forbidden)


def fetch_reddit(params: dict, subreddits: list[str] | None = None,
                 keywords: list[str] | None = None, **client_kwargs) -> pd.DataFrame:
    """Live Reddit posts for a category (subreddits and keywords from its params).

    Parameters
    ----------
    params : ``load_params(slug)``; ``category.subreddits``, ``category.keywords``, ``live.*``
    subreddits, keywords : override the params
    client_kwargs : passed to :class:`RedditClient`

    Returns
    -------
    DataFrame
        canonical ``posts`` frame (``seller_lab.schemas.POSTS``): submissions and comments

    Raises
    ------
    SourceUnavailableError
        no credentials, or Reddit kept refusing; the message names the dump fallback.
    """
    cat = params.get("category", {})
    subs = list(subreddits if subreddits is not None else cat.get("subreddits", []))
    kws = list(keywords if keywords is not None else cat.get("keywords", []))
    return RedditClient(params, **client_kwargs).search(subs, kws)


# --------------------------------------------------------------------------------------
# the file twin: write a live answer as Arctic-Shift-style JSONL into the data folder
# --------------------------------------------------------------------------------------
def to_dump_records(frame: pd.DataFrame) -> tuple[list[dict], list[dict]]:
    """Canonical ``posts`` rows back to Reddit's own field names, one dict per line of an
    Arctic-Shift dump: (submissions, comments).

    >>> rec = submission_record({"id": "1abc", "title": "Rust", "selftext": "after 3 weeks",
    ...     "author": "a", "subreddit": "Kochen", "created_utc": 1761998400.0, "score": 3,
    ...     "num_comments": 1, "permalink": "/r/Kochen/comments/1abc/rust/"})
    >>> subs, comments = to_dump_records(records_to_frame([rec]))
    >>> subs[0]["id"], subs[0]["selftext"], subs[0]["created_utc"], comments
    ('1abc', 'after 3 weeks', 1761998400, [])
    """
    subs, comments = [], []
    for row in frame.to_dict(orient="records"):
        base = {"id": str(row["doc_id"])[3:], "name": str(row["doc_id"]),
                "subreddit": row["unique_id"], "author": row["author"] or "[deleted]",
                "created_utc": int(pd.Timestamp(row["ds"]).timestamp()),
                "score": None if pd.isna(row["score"]) else int(row["score"]),
                "permalink": str(row["url"]).removeprefix(REDDIT_URL)}
        if row["kind"] == "submission":
            title, text = str(row["title"]), str(row["text"])
            body = text[len(title) + 2:] if text.startswith(title + "\n\n") else ""
            subs.append({**base, "title": title, "selftext": body,
                         "num_comments": None if pd.isna(row["num_comments"])
                         else int(row["num_comments"]),
                         "url": str(row["url"])})
        else:
            comments.append({**base, "body": row["text"], "link_id": row["parent_id"],
                             "parent_id": row["parent_id"]})
    return subs, comments


def save_reddit_jsonl(params: dict, frame: pd.DataFrame) -> list:
    """Write a live answer into the category's data folder as Arctic-Shift-style JSONL
    (``reddit_live_<date>_submissions.jsonl`` / ``..._comments.jsonl``); returns paths."""
    folder = Path(resolve(params, params["category"]["data_dir"]))
    folder.mkdir(parents=True, exist_ok=True)
    stamp = pd.Timestamp.now(tz="UTC").strftime("%Y%m%d")
    out = []
    for part, rows in zip(("submissions", "comments"), to_dump_records(frame)):
        if not rows:
            continue
        path = folder / f"reddit_live_{stamp}_{part}.jsonl"
        atomic_write_text(path, "".join(json.dumps(r, ensure_ascii=False) + "\n"
                                        for r in rows))
        out.append(path)
    return out


__all__ = ["RedditClient", "fetch_reddit", "submission_record", "comment_record",
           "records_to_frame", "fallback_message", "to_dump_records", "save_reddit_jsonl"]
