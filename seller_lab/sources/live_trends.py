"""Live Google Trends (interest over time) through pytrends, returning the canonical
``trends`` frame -- the same frame the ``multiTimeline.csv`` importer returns.

pytrends is unmaintained (last release April 2023) and Google answers bots with waves of
HTTP 429, 400 for more than 5 keywords, and intermittently empty answers (PITFALLS). So:

* pytrends does the cookie handshake and the token request (``build_payload``); the
  timeline answer is parsed here (pytrends' own frame building relies on pandas
  behaviour that changed in pandas 2/3, and drops the ``<1`` marker);
* pytrends' urllib3 ``Retry`` is never used (it passes ``method_whitelist``, which
  urllib3 2 removed): retries are ours -- exponential backoff with jitter on 429/5xx,
  bounded by ``live.max_tries``, a fresh cookie after each 429; a connection error,
  timeout or DNS failure is no rate limit: ``live.network_tries`` tries
  ``live.network_wait_s`` apart, then a one-line error (seconds, not minutes);
* requests are paced (``live.min_interval_s`` between two requests);
* every answer is cached on disk (``live.cache_dir``/trends/<hash>.json, keyed by
  keywords, geo, timeframe, language, tz) and reused for ``live.cache_max_age_hours``;
* more than 5 keywords are split into batches of ``live.trends_batch_size`` that all
  contain one anchor keyword (``live.trends_anchor``, default the first keyword); each
  batch is rescaled so the anchor matches its values in the first batch, then all series
  are rescaled so the overall peak is 100. Without a usable anchor (all zero) the batch
  keeps its own 0-100 scale and a warning is logged;
* when Google keeps refusing, :class:`SourceUnavailableError` names the fallback: export
  ``multiTimeline.csv`` from trends.google.com into the category's data folder.

Examples
--------
>>> payload = {"timelineData": [
...     {"time": "1679184000", "value": [58, 0], "formattedValue": ["58", "<1"],
...      "hasData": [True, True], "isPartial": True}]}
>>> timeline_to_frame(payload, ["pizza", "bagel"], "US")[["unique_id", "ds", "y", "is_partial"]]
  unique_id         ds     y  is_partial
0  pizza|US 2023-03-19  58.0        True
1  bagel|US 2023-03-19   0.5        True
"""

from __future__ import annotations

import json
import logging
import random
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
import requests

from .. import schemas
from ..errors import SourceUnavailableError
from ..params import resolve
from .live_common import (
    JsonCache,
    LiveSettings,
    backoff_wait,
    pacer_for,
    retry_after_seconds,
    unreachable_message,
)
from .write import atomic_write_text, csv_text

log = logging.getLogger("seller_lab.sources.live_trends")

INTEREST_OVER_TIME_URL = "https://trends.google.com/trends/api/widgetdata/multiline"
LESS_THAN_ONE = 0.5  # the canonical reading of Google's '<1' (schemas.TRENDS 'y')


def fallback_message(data_dir: str = "<data_dir>") -> str:
    """The file-import twin of the live source."""
    return (f"Export multiTimeline.csv from trends.google.com (Explore -> the keywords -> "
            f"'Interest over time' -> download) and drop it into {data_dir}; "
            "'seller-lab ingest' and load_category read it like the live answer")


class _Retryable(Exception):
    def __init__(self, what: str, retry_after: float | None = None, new_session=False,
                 network=False):
        super().__init__(what)
        self.what, self.retry_after, self.new_session = what, retry_after, new_session
        self.network = network   # never reached Google: give up fast, no 429 backoff


def _default_trendreq_factory(settings: LiveSettings):
    from pytrends.request import TrendReq

    # retries=0/backoff_factor=0: pytrends' Retry(method_whitelist=...) breaks on urllib3 2
    return TrendReq(hl=settings.trends_hl, tz=settings.trends_tz,
                    timeout=(settings.connect_timeout_s, settings.timeout_s), retries=0,
                    backoff_factor=0)


def canonical_geo(geo: str) -> str:
    """Google's '' (worldwide) is 'WORLD' in the canonical frame.

    >>> canonical_geo(""), canonical_geo("de")
    ('WORLD', 'DE')
    """
    return (geo or "").strip().upper() or "WORLD"


def timeline_to_frame(payload: dict, keywords: list[str], geo: str) -> pd.DataFrame:
    """Canonical ``trends`` rows from one ``widgetdata/multiline`` answer (``default``).

    Values come in the order of ``keywords``; ``formattedValue == '<1'`` reads as 0.5,
    a period Google marks ``isPartial`` keeps ``is_partial=True``; ``ds`` is the UTC
    calendar date of the period start (Sunday for weekly data).
    """
    rows = payload.get("timelineData") or []
    if not rows:
        return schemas.empty_frame("trends")
    n_kw = len(keywords)
    t = pd.to_numeric(pd.Series([r.get("time") for r in rows]), errors="coerce")
    ds = pd.to_datetime(t, unit="s", utc=True).dt.tz_convert(None).dt.normalize()
    values = np.array([(list(r.get("value") or []) + [np.nan] * n_kw)[:n_kw] for r in rows],
                      dtype="float64")
    fmt = np.array([(list(r.get("formattedValue") or []) + [""] * n_kw)[:n_kw] for r in rows],
                   dtype=object)
    values = np.where(fmt == "<1", LESS_THAN_ONE, values)
    partial = np.array([bool(r.get("isPartial", False)) for r in rows])
    g = canonical_geo(geo)
    frame = pd.DataFrame({
        "unique_id": np.repeat([f"{k}|{g}" for k in keywords], len(rows)),
        "keyword": np.repeat(keywords, len(rows)),
        "geo": g,
        "ds": np.tile(ds.to_numpy(), n_kw),
        "y": values.T.reshape(-1),
        "is_partial": np.tile(partial, n_kw),
    })
    template = schemas.empty_frame("trends")
    return frame.astype(template.dtypes.to_dict())[list(template.columns)]


def make_batches(keywords: list[str], size: int, anchor: str = "") -> list[list[str]]:
    """Split keywords into requests of at most ``size``; with more than one batch, every
    batch starts with the anchor so the batches can be put on one scale.

    >>> make_batches(list("abcdefg"), 5)
    [['a', 'b', 'c', 'd', 'e'], ['a', 'f', 'g']]
    >>> make_batches(["x", "y"], 5)
    [['x', 'y']]
    """
    kws = list(dict.fromkeys(k.strip() for k in keywords if k and k.strip()))
    if len(kws) <= size:
        return [kws] if kws else []
    if size < 2:
        raise SourceUnavailableError("live.trends_batch_size must be at least 2 to split "
                                     "keywords around an anchor")
    anchor = anchor.strip() or kws[0]
    rest = [k for k in kws if k != anchor]
    first = [anchor] + rest[: size - 1]
    out = [first]
    rest = rest[size - 1:]
    for i in range(0, len(rest), size - 1):
        out.append([anchor] + rest[i: i + size - 1])
    return out


def rescale_batches(frames: list[pd.DataFrame], anchor: str) -> pd.DataFrame:
    """Put batch frames on the first batch's scale via the anchor, then peak = 100.

    >>> d = pd.to_datetime(["2026-01-04", "2026-01-11"])
    >>> f0 = pd.DataFrame({"keyword": ["a", "a", "b", "b"], "ds": list(d) * 2, "y": [50., 100, 20, 40]})
    >>> f1 = pd.DataFrame({"keyword": ["a", "a", "c", "c"], "ds": list(d) * 2, "y": [25., 50, 100, 50]})
    >>> out = rescale_batches([f0, f1], "a")
    >>> out.set_index(["keyword", "ds"])["y"].round(1).tolist()
    [25.0, 50.0, 10.0, 20.0, 100.0, 50.0]
    """
    if not frames:
        return schemas.empty_frame("trends")
    if len(frames) == 1:
        return frames[0].reset_index(drop=True)
    base = frames[0]
    ref = base.loc[base["keyword"] == anchor].set_index("ds")["y"]
    parts = [base]
    for f in frames[1:]:
        cur = f.loc[f["keyword"] == anchor].set_index("ds")["y"]
        common = ref.index.intersection(cur.index)
        denom = cur.loc[common].sum()
        f = f.loc[f["keyword"] != anchor].copy()
        if denom > 0:
            f["y"] = f["y"] * (ref.loc[common].sum() / denom)
        else:
            log.warning("anchor '%s' is all zero in a batch: that batch keeps its own scale",
                        anchor)
        parts.append(f)
    out = pd.concat(parts, ignore_index=True)
    peak = out["y"].max()
    if peak and peak > 0:
        out["y"] = out["y"] * (100.0 / peak)
    return out


class TrendsClient:
    """Interest over time from Google Trends, cached, paced, with backoff.

    Parameters
    ----------
    params : params (``live`` section; ``category.data_dir`` for the fallback message)
    trendreq_factory : ``f(settings) -> pytrends.request.TrendReq`` (tests inject)
    sleep, clock, rng : injectable for tests (no real waiting)
    """

    def __init__(self, params: dict, *, trendreq_factory: Callable | None = None,
                 sleep: Callable[[float], None] = time.sleep,
                 clock: Callable[[], float] = time.monotonic,
                 rng: random.Random | None = None):
        self.params = params
        self.settings = LiveSettings.from_params(params)
        self.factory = trendreq_factory or _default_trendreq_factory
        self.sleep = sleep
        self.rng = rng or random.Random()
        self.pacer = pacer_for("google_trends", self.settings.min_interval_s, clock=clock, sleep=sleep)
        self.cache = JsonCache(self.settings.cache_path(params) / "trends",
                               self.settings.cache_max_age_hours)
        self._req = None
        self.requests_made = 0

    # -- public ----------------------------------------------------------------------
    def interest_over_time(self, keywords: list[str], geo: str = "",
                           timeframe: str | None = None) -> pd.DataFrame:
        """Canonical ``trends`` frame for ``keywords`` in ``geo`` ('' = worldwide)."""
        timeframe = timeframe or self.settings.trends_timeframe
        batches = make_batches(keywords, self.settings.trends_batch_size,
                               self.settings.trends_anchor)
        if not batches:
            return schemas.empty_frame("trends")
        frames = [timeline_to_frame(self._batch(b, geo, timeframe), b, geo) for b in batches]
        anchor = batches[0][0]
        non_empty = [f for f in frames if len(f)]
        if len(non_empty) < len(frames):
            log.warning("Google Trends sent no data for %d of %d keyword batches",
                        len(frames) - len(non_empty), len(frames))
        out = rescale_batches(non_empty, anchor) if len(batches) > 1 else non_empty[0] \
            if non_empty else schemas.empty_frame("trends")
        template = schemas.empty_frame("trends")
        return out.astype(template.dtypes.to_dict())[list(template.columns)].reset_index(
            drop=True)

    # -- one request (cached) ------------------------------------------------------------
    def _request_desc(self, batch, geo, timeframe) -> dict:
        s = self.settings
        return {"service": "google_trends.interest_over_time", "keywords": list(batch),
                "geo": geo or "", "timeframe": timeframe, "hl": s.trends_hl, "tz": s.trends_tz,
                "cat": 0, "gprop": ""}

    def _batch(self, batch, geo, timeframe) -> dict:
        desc = self._request_desc(batch, geo, timeframe)
        cached = self.cache.get(desc)
        if cached is not None:
            return cached
        empties = 0
        attempt = 0
        while True:
            attempt += 1
            try:
                payload = self._fetch(batch, geo, timeframe)
            except _Retryable as exc:
                if exc.network and attempt >= self.settings.network_tries:
                    data_dir = self.params.get("category", {}).get("data_dir") or "<data_dir>"
                    raise SourceUnavailableError(unreachable_message(
                        "Google Trends", "trends.google.com", exc.what, attempt,
                        fallback_message(data_dir))) from None
                if attempt >= self.settings.max_tries:
                    raise self._unavailable(
                        f"Google Trends kept refusing ({exc.what}) after {attempt} tries") \
                        from None
                if exc.new_session:
                    self._req = None
                wait = (self.settings.network_wait_s if exc.network else
                        backoff_wait(self.settings, attempt, self.rng, exc.retry_after))
                log.warning("Google Trends: %s; waiting %.0f s (try %d of %d)", exc.what,
                            wait, attempt, self.settings.max_tries)
                self.sleep(wait)
                continue
            if not payload.get("timelineData"):
                # Google intermittently answers with no rows: try again, then accept
                if empties < self.settings.empty_retries and attempt < self.settings.max_tries:
                    empties += 1
                    self.sleep(backoff_wait(self.settings, attempt, self.rng))
                    continue
                return payload  # not cached: next run asks again
            self.cache.put(desc, payload)
            return payload

    def _unavailable(self, why: str) -> SourceUnavailableError:
        data_dir = self.params.get("category", {}).get("data_dir") or "<data_dir>"
        return SourceUnavailableError(f"{why}. Fix: {fallback_message(data_dir)}")

    def _session(self):
        if self._req is None:
            self.pacer.wait()
            self.requests_made += 1
            try:
                self._req = self.factory(self.settings)
            except (requests.ConnectionError, requests.Timeout) as exc:
                raise _Retryable(f"cookie request failed: {type(exc).__name__}",
                                 network=True) from None
            except requests.RequestException as exc:
                raise _Retryable(f"cookie request failed: {type(exc).__name__}") from None
        return self._req

    def _fetch(self, batch, geo, timeframe) -> dict:
        from pytrends import exceptions as pt_exc

        req = self._session()
        try:
            self.pacer.wait()
            self.requests_made += 1
            req.build_payload(list(batch), cat=0, timeframe=timeframe, geo=geo or "")
            widget = req.interest_over_time_widget
            if not widget:
                raise _Retryable("no interest-over-time widget in Google's answer")
            self.pacer.wait()
            self.requests_made += 1
            doc = req._get_data(
                url=INTEREST_OVER_TIME_URL, method="get", trim_chars=5,
                params={"req": _dumps(widget["request"]), "token": widget["token"],
                        "tz": self.settings.trends_tz})
        except pt_exc.TooManyRequestsError as exc:
            raise _Retryable("HTTP 429 Too Many Requests",
                             retry_after_seconds(exc.response.headers),
                             new_session=True) from None
        except pt_exc.ResponseError as exc:
            code = exc.response.status_code
            if code >= 500 or code in (200, 408):  # 200 = an HTML 'unusual traffic' page
                raise _Retryable(f"HTTP {code} (not a JSON answer)" if code == 200
                                 else f"HTTP {code}", new_session=code == 200) from None
            raise self._unavailable(
                f"Google Trends answered HTTP {code} for keywords {list(batch)}, geo "
                f"'{geo}', timeframe '{timeframe}' (Google refuses more than 5 keywords and "
                "some timeframes)") from None
        except (requests.ConnectionError, requests.Timeout) as exc:
            raise _Retryable(f"network error {type(exc).__name__}", network=True) from None
        except ValueError as exc:  # not JSON (an HTML 'unusual traffic' page)
            raise _Retryable(f"answer was not JSON ({exc})", new_session=True) from None
        return (doc or {}).get("default") or {}


def _dumps(obj) -> str:
    return json.dumps(obj)


def fetch_trends(params: dict, keywords: list[str] | None = None, geo: str | None = None,
                 timeframe: str | None = None, **client_kwargs) -> pd.DataFrame:
    """Live interest over time for a category (keywords and geo from its params).

    Parameters
    ----------
    params : ``load_params(slug)``; ``category.keywords``, ``category.trends_geo``, ``live.*``
    keywords, geo, timeframe : override the params
    client_kwargs : passed to :class:`TrendsClient` (tests inject fakes)

    Returns
    -------
    DataFrame
        canonical ``trends`` frame (``seller_lab.schemas.TRENDS``)

    Raises
    ------
    SourceUnavailableError
        Google kept refusing; the message names the multiTimeline.csv fallback.
    """
    cat = params.get("category", {})
    keywords = list(keywords if keywords is not None else cat.get("keywords", []))
    geo = cat.get("trends_geo", "") if geo is None else geo
    client = TrendsClient(params, **client_kwargs)
    return client.interest_over_time(keywords, geo=geo, timeframe=timeframe)


# --------------------------------------------------------------------------------------
# the file twin: write a live answer as Google's own export, so it lands in the data folder
# --------------------------------------------------------------------------------------
#: English names Google Trends shows in multiTimeline.csv headers ('<keyword>: (<name>)')
GEO_NAMES = {"WORLD": "Worldwide", "US": "United States", "DE": "Germany", "FR": "France",
             "IT": "Italy", "ES": "Spain", "GB": "United Kingdom", "UK": "United Kingdom",
             "JP": "Japan", "CA": "Canada", "MX": "Mexico", "NL": "Netherlands",
             "PL": "Poland", "SE": "Sweden", "BE": "Belgium", "AT": "Austria",
             "CH": "Switzerland", "AU": "Australia", "IN": "India", "BR": "Brazil",
             "CN": "China", "AE": "United Arab Emirates", "SA": "Saudi Arabia",
             "SG": "Singapore", "TR": "Turkey", "IE": "Ireland"}


def to_multitimeline_csv(frame: pd.DataFrame) -> str:
    """The canonical ``trends`` frame as Google's ``multiTimeline.csv`` export text
    (English UI): 'Category: All categories', a blank line, then ``Week``/``Day``/
    ``Month`` and one ``<keyword>: (<region>)`` column per series; values are whole
    numbers, ``<1`` for values below 1 but above 0 (as Google writes them); a keyword a
    spreadsheet would run as a formula is neutralised (``'=...``).

    >>> f = pd.DataFrame({"unique_id": ["a|DE"] * 2, "keyword": "a", "geo": "DE",
    ...     "ds": pd.to_datetime(["2026-11-15", "2026-11-22"]), "y": [0.5, 100.0],
    ...     "is_partial": [False, True]})
    >>> print(to_multitimeline_csv(f))
    Category: All categories
    <BLANKLINE>
    Week,a: (Germany)
    2026-11-15,<1
    2026-11-22,100
    <BLANKLINE>
    """
    if frame.empty:
        raise SourceUnavailableError("no Google Trends rows to write")
    ds = pd.to_datetime(frame["ds"])
    days = pd.Series(ds.drop_duplicates().sort_values()).diff().dt.days.dropna()
    step = float(days.median()) if len(days) else 7.0
    label, fmt = (("Day", "%Y-%m-%d") if step < 2 else ("Week", "%Y-%m-%d") if step < 20
                  else ("Month", "%Y-%m"))
    y = frame["y"].astype("float64")
    text = np.where((y > 0) & (y < 1), "<1", y.round().astype("Int64").astype("str"))
    headers = (frame["keyword"].astype(str) + ": ("
               + frame["geo"].astype(str).str.upper().map(lambda g: GEO_NAMES.get(g, g))
               + ")")
    wide = pd.DataFrame({"h": headers.to_numpy(), "ds": ds.dt.strftime(fmt).to_numpy(),
                         "v": text}).pivot_table(index="ds", columns="h", values="v",
                                                  aggfunc="first", sort=False)
    order = list(dict.fromkeys(headers))
    wide = wide.reindex(columns=order).sort_index()
    wide.index.name = label
    return "Category: All categories\n\n" + csv_text(wide.reset_index())


def save_trends_csv(params: dict, frame: pd.DataFrame, name: str | None = None):
    """Write a live answer into the category's data folder as ``multiTimeline.csv``
    layout (``multiTimeline_live_<date>.csv``); returns the path."""
    folder = resolve(params, params["category"]["data_dir"])
    folder.mkdir(parents=True, exist_ok=True)
    stamp = pd.Timestamp.now(tz="UTC").strftime("%Y%m%d")
    path = Path(folder) / (name or f"multiTimeline_live_{stamp}.csv")
    return atomic_write_text(path, to_multitimeline_csv(frame))
