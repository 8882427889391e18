"""What both live clients share: settings, polite pacing, backoff with jitter, a disk cache.

Examples
--------
>>> import random
>>> s = LiveSettings(max_tries=4, backoff_base_s=10, backoff_max_s=25, jitter=0.0)
>>> backoff_wait(s, 1, random.Random(0)), backoff_wait(s, 2, random.Random(0)), backoff_wait(s, 3, random.Random(0))
(10.0, 20.0, 25.0)
>>> request_key({"kw": ["a", "b"], "geo": "DE"}) == request_key({"geo": "DE", "kw": ["a", "b"]})
True
"""

from __future__ import annotations

import hashlib
import json
import logging
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from pathlib import Path

import pandas as pd

from ..params import resolve

log = logging.getLogger("seller_lab.sources.live")


@dataclass
class LiveSettings:
    """The ``live:`` section of params (see params/defaults.yaml for each meaning)."""

    cache_dir: str = "data/cache"
    cache_max_age_hours: float = 24.0
    min_interval_s: float = 5.0
    max_tries: int = 5
    backoff_base_s: float = 10.0
    backoff_max_s: float = 300.0
    jitter: float = 0.5
    timeout_s: float = 30.0
    connect_timeout_s: float = 5.0
    network_tries: int = 2
    network_wait_s: float = 1.0
    empty_retries: int = 1
    trends_timeframe: str = "today 5-y"
    trends_hl: str = "en-US"
    trends_tz: int = 0
    trends_batch_size: int = 5
    trends_anchor: str = ""
    reddit_user_agent: str = "python:seller_lab:0.1 (by /u/your_reddit_username)"
    reddit_time_filters: list = field(default_factory=lambda: ["all", "year", "month", "week"])
    reddit_sorts: list = field(default_factory=lambda: ["new", "top", "comments", "relevance"])
    reddit_history_days: int = 365
    reddit_limit_per_window: int = 1000
    reddit_comments: bool = True
    reddit_comment_limit: int = 200

    @classmethod
    def from_params(cls, params: dict) -> LiveSettings:
        live = dict(params.get("live") or {})
        names = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in live.items() if k in names})

    def cache_path(self, params: dict) -> Path:
        if Path(self.cache_dir).is_absolute() or "paths" not in params:
            return Path(self.cache_dir)
        return resolve(params, self.cache_dir)


class Pacer:
    """Keep at least ``min_interval_s`` between two requests to one service.

    >>> t = [0.0]; waits = []
    >>> p = Pacer(5.0, clock=lambda: t[0], sleep=waits.append)
    >>> p.wait(); t[0] = 2.0; p.wait(); waits
    [3.0]
    """

    def __init__(self, min_interval_s: float, *, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep):
        self.min_interval_s = float(min_interval_s)
        self.clock, self.sleep = clock, sleep
        self._last: float | None = None

    def wait(self) -> None:
        now = self.clock()
        if self._last is not None:
            gap = self.min_interval_s - (now - self._last)
            if gap > 0:
                self.sleep(gap)
                now += gap
        self._last = now


_SHARED_PACERS: dict[str, Pacer] = {}


def pacer_for(service: str, min_interval_s: float, *, clock=time.monotonic,
              sleep=time.sleep) -> Pacer:
    """The process-wide pacer of a service (so two clients in one notebook still keep the
    interval between them); injected clock/sleep (tests) get a private one.

    >>> pacer_for("x", 1.0) is pacer_for("x", 1.0)
    True
    """
    if clock is not time.monotonic or sleep is not time.sleep:
        return Pacer(min_interval_s, clock=clock, sleep=sleep)
    pacer = _SHARED_PACERS.setdefault(service, Pacer(min_interval_s))
    pacer.min_interval_s = float(min_interval_s)
    return pacer


def backoff_wait(settings: LiveSettings, attempt: int, rng: random.Random,
                 retry_after: float | None = None) -> float:
    """Seconds to wait after failed try number ``attempt`` (1-based): exponential, capped,
    with multiplicative jitter; never shorter than a server's ``Retry-After``."""
    base = min(settings.backoff_max_s, settings.backoff_base_s * 2 ** (attempt - 1))
    j = max(0.0, min(settings.jitter, 1.0))
    wait = base * (1.0 + rng.uniform(-j, j)) if j else base
    if retry_after is not None:
        wait = max(wait, retry_after)
    return float(wait)


def retry_after_seconds(headers) -> float | None:
    """A numeric ``Retry-After`` header in seconds (None if absent or a date)."""
    if not headers:
        return None
    value = headers.get("Retry-After") or headers.get("retry-after")
    try:
        return float(value) if value is not None else None
    except (TypeError, ValueError):
        return None


class NetworkUnreachable(OSError):
    """The service could not be reached at all (no network, DNS failure, connection refused
    or timed out): not a rate limit, so it is retried ``live.network_tries`` times after
    ``live.network_wait_s``, not with the long 429 backoff."""


def unreachable_message(service: str, host: str, detail: str, tries: int,
                        fallback: str) -> str:
    """One line for a service that cannot be reached, naming the offline route.

    >>> unreachable_message("Google Trends", "trends.google.com", "ConnectionError", 2, "use X")
    'Google Trends cannot be reached (ConnectionError after 2 tries): no network, DNS failure, or a proxy/firewall blocks trends.google.com. Fix: check the connection, or use X'
    """
    return (f"{service} cannot be reached ({detail} after {tries} tries): no network, DNS "
            f"failure, or a proxy/firewall blocks {host}. Fix: check the connection, or "
            f"{fallback}")


def request_key(request: dict) -> str:
    """Stable hash of a request description (the cache key)."""
    blob = json.dumps(request, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:32]


class JsonCache:
    """Answers kept on disk as JSON, one file per request: ``<dir>/<key>.json`` holding
    ``{"request": ..., "fetched_at": ISO UTC, "payload": ...}``.

    >>> import tempfile
    >>> c = JsonCache(tempfile.mkdtemp(), max_age_hours=24)
    >>> c.get({"q": 1}) is None
    True
    >>> _ = c.put({"q": 1}, {"rows": [1, 2]}); c.get({"q": 1})
    {'rows': [1, 2]}
    """

    def __init__(self, folder: str | Path, max_age_hours: float):
        self.folder = Path(folder)
        self.max_age_hours = float(max_age_hours)

    def path(self, request: dict) -> Path:
        return self.folder / f"{request_key(request)}.json"

    def get(self, request: dict):
        if self.max_age_hours <= 0:
            return None
        path = self.path(request)
        if not path.exists():
            return None
        try:
            doc = json.loads(path.read_text(encoding="utf-8"))
            fetched = pd.Timestamp(doc["fetched_at"])
        except (ValueError, KeyError, TypeError):
            log.warning("ignoring unreadable cache file %s", path)
            return None
        age_h = (pd.Timestamp.now(tz="UTC") - fetched).total_seconds() / 3600
        if age_h > self.max_age_hours:
            return None
        return doc["payload"]

    def put(self, request: dict, payload) -> Path:
        self.folder.mkdir(parents=True, exist_ok=True)
        path = self.path(request)
        doc = {"request": request, "fetched_at": pd.Timestamp.now(tz="UTC").isoformat(),
               "payload": payload}
        tmp = path.with_suffix(".json.tmp")
        tmp.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
        tmp.replace(path)  # atomic: a killed fetch never leaves half a cache file
        return path
