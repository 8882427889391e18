"""JSON / JSONL text exports: Amazon Reviews 2023 (and the 2018 layout), Amazon Q&A (one
Python dict literal per line, read with ``ast.literal_eval`` -- never ``eval`` -- or JSONL
with ``questionText`` and an ``answers`` list; a JSON line that writes an apostrophe as ``\\'``, as
public dumps of that data do, is read with the apostrophe and said in a note), Reddit (praw-shaped JSON/JSONL, Reddit API
listings, Arctic-Shift dumps ``.jsonl``/``.jsonl.gz``/``.zst``; submissions and comments;
``[deleted]``/``[removed]`` dropped) and TikTok comment exports.

JSONL is parsed by ``pandas.read_json(lines=True, chunksize=...)`` (C parser), so a million
reviews never pass through a per-row Python loop.

Examples
--------
>>> detect_json_layout({"rating": 5.0, "title": "ok", "text": "gut", "asin": "B0",
...                     "parent_asin": "B0", "timestamp": 1700000000000})
'amazon_reviews_2023_jsonl'
>>> detect_json_layout({"body": "meh", "link_id": "t3_x", "subreddit": "de"})
'reddit_comments'
"""

from __future__ import annotations

import ast
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

from ... import schemas
from ...errors import InputFileError
from ...i18n import N_
from ...i18n.phrase import Phrase
from .. import readers
from ..base import LoadResult
from . import parse, rows
from .tabular import conform, finish

CHUNK_ROWS = 200_000
REDDIT_URL = "https://www.reddit.com"
GONE = ["[deleted]", "[removed]"]

JSON_LAYOUTS = {
    "amazon_reviews_2023_jsonl": "reviews", "amazon_reviews_2018_jsonl": "reviews",
    "amazon_qa_jsonl": "questions", "amazon_qa_multi_jsonl": "questions",
    "amazon_qa_dictlines": "questions",
    "reddit_submissions": "posts", "reddit_comments": "posts", "tiktok_comments_json": "posts",
    "zendesk_tickets_json": "tickets",
}
#: keys only a Zendesk ticket (export, API answer, analytics dump) has next to id/created_at
_ZENDESK_KEYS = {"requester_id", "via", "via_channel", "satisfaction_rating", "metric_set",
                 "ticket_form_id", "first_reply_time_in_minutes", "assignee_id", "group_id"}
#: a ticket's own core fields: a bare export ({"tickets": [{"id", "created_at", "subject",
#: "description", "status"}]}) has two or more of them and none of the keys above
_TICKET_FIELDS = {"subject", "description", "status", "priority", "type", "tags"}


def detect_json_layout(rec: dict) -> str | None:
    """Layout of a JSON record from its keys.

    >>> detect_json_layout({"id": 7, "created_at": "2026-10-01T08:00:00Z", "subject": "Rost",
    ...                     "description": "rostet", "status": "open"})
    'zendesk_tickets_json'
    >>> detect_json_layout({"id": 7, "created_at": "2026-10-01T08:00:00Z", "title": "x"}) is None
    True
    """
    k = set(rec)
    if {"rating", "text", "asin"} <= k:
        return "amazon_reviews_2023_jsonl"
    if {"overall", "reviewText"} <= k or {"overall", "asin", "summary"} <= k:
        return "amazon_reviews_2018_jsonl"
    if "questions" in k and "asin" in k:
        return "amazon_qa_multi_jsonl"
    if "questionText" in k:
        return "amazon_qa_jsonl"
    if "question" in k and ("answer" in k or "questionType" in k):
        return "amazon_qa_dictlines"
    if "title" in k and ("selftext" in k or "subreddit" in k or "num_comments" in k):
        return "reddit_submissions"
    if "body" in k and ("link_id" in k or "parent_id" in k or "subreddit" in k):
        return "reddit_comments"
    if "text" in k and ({"cid", "aweme_id", "digg_count", "create_time"} & k
                        or {"video_id", "comment_id"} & k):
        return "tiktok_comments_json"
    if ({"id", "zendesk_id", "ticket_id"} & k) and "created_at" in k and \
            (_ZENDESK_KEYS & k or len(_TICKET_FIELDS & k) >= 2):
        return "zendesk_tickets_json"
    return None


# ------------------------------------------------------------------ reading records
def first_record(path: Path, s: readers.Sniffed):
    """(record dict, 'jsonl' | 'json' | 'dictlines') of the first object, or None."""
    head = s.head.lstrip()
    if not head:
        return None
    if head[0] == "{" and "\n" not in head.strip():
        # the first record is longer than the sniffed head (or the only line): read it whole
        head = _first_line(path, s)
    if head[0] == "[" or (head[0] == "{" and "\n{" not in head[:200_000].strip()
                          and not _one_line_json(head)):
        try:
            with readers.open_text(path, s) as fh:
                data = json.load(fh)
        except (json.JSONDecodeError, UnicodeDecodeError):
            return None
        recs = _records_of(data)
        return (recs[0], "json") if recs else None
    line = head.splitlines()[0]
    try:
        rec = json.loads(line)
        if isinstance(rec, dict) and _is_container(rec):
            recs = _records_of(rec)
            return (recs[0], "json") if recs else None
        return (rec, "jsonl") if isinstance(rec, dict) else None
    except json.JSONDecodeError:
        pass
    try:
        rec = ast.literal_eval(line)
        return (rec, "dictlines") if isinstance(rec, dict) else None
    except (ValueError, SyntaxError, MemoryError, RecursionError):
        return None


def _first_line(path: Path, s: readers.Sniffed, limit: int = 64 * 2**20) -> str:
    """The first non-blank line of the (decompressed) text, however long (up to
    ``limit`` characters: a JSON document on one line is read whole later)."""
    with readers.open_text(path, s) as fh:
        for line in iter(lambda: fh.readline(limit), ""):
            if line.strip():
                return line.lstrip("\ufeff")
    return s.head


def _one_line_json(head: str) -> bool:
    line = head.splitlines()[0]
    try:
        json.loads(line)
        return True
    except json.JSONDecodeError:
        try:
            ast.literal_eval(line)
            return True
        except (ValueError, SyntaxError, MemoryError, RecursionError):
            return False


_CONTAINER_KEYS = ("comments", "data", "items", "records", "posts", "tickets", "results")


def _is_container(rec: dict) -> bool:
    """A JSON document holding records (Reddit listing, {'comments': [...]}), not a record."""
    if rec.get("kind") == "Listing":
        return True
    return any(isinstance(rec.get(k), list) and rec[k] and isinstance(rec[k][0], dict)
               for k in _CONTAINER_KEYS)


def _records_of(data) -> list:
    """Records from a JSON document: a list, a Reddit listing (or a list of listings as
    praw/the API return for a submission + its comments), or {'comments': [...]}."""
    if isinstance(data, dict):
        if data.get("kind") == "Listing" or "children" in data.get("data", {}):
            return [c.get("data", c) for c in data["data"]["children"]]
        for key in _CONTAINER_KEYS:
            if isinstance(data.get(key), list):
                return _records_of(data[key])
        return [data]
    if isinstance(data, list):
        out = []
        for item in data:
            if isinstance(item, dict) and (item.get("kind") == "Listing"):
                out.extend(_records_of(item))
            elif isinstance(item, dict) and item.get("kind") in ("t1", "t3") and "data" in item:
                out.append(item["data"])
            elif isinstance(item, dict):
                out.append(item)
        return out
    return []


def iter_frames(path: Path, s: readers.Sniffed, mode: str) -> Iterator[tuple[int, pd.DataFrame]]:
    """(first data row number, chunk frame) over the records of a JSON/JSONL file. A chunk
    read line by line after a broken line carries its line numbers in
    ``chunk.attrs['lines']``."""
    if mode == "json":
        with readers.open_text(path, s) as fh:
            try:
                data = json.load(fh)
            except json.JSONDecodeError as exc:
                raise InputFileError(path, Phrase(N_("the JSON document is broken at line {line}, column {column} "
                                                     "({detail})"), line=exc.lineno, column=exc.colno,
                                                  detail=exc.msg), row=exc.lineno,
                                     fix=Phrase(N_("export it again, or as JSON Lines (one object per line) so one "
                                                   "broken record does not stop the rest"))) from None
        yield 1, pd.DataFrame.from_records(_records_of(data))
        return
    if mode == "dictlines":
        yield from _dictlines(path, s)
        return
    row = 1
    with readers.open_text(path, s) as fh:
        try:
            reader = pd.read_json(fh, lines=True, chunksize=CHUNK_ROWS, dtype=False)
            for chunk in reader:
                yield row, chunk
                row += len(chunk)
        except ValueError:
            # a broken line somewhere: fall back to line-wise reading of what is left so
            # good lines load and the bad ones are reported
            yield from _lines_fallback(path, s, row)


#: Why a record is rejected (message ids: a report says them in its own language); the
#: parser's own words in ``detail`` stay as it wrote them.
NOT_JSON = N_("not a JSON object ({detail})")
NOT_DICT = N_("not a Python dict literal ({detail})")
EMPTY_FIELD = N_("empty or unreadable '{field}'")
EMPTY_POST = N_("empty or unreadable '{field}' ([deleted]/[removed])")
RATING_NOT_A_NUMBER = N_("star rating is not a number (write it as a number, e.g. 5)")


class BadLines(list):
    """(line, problem) of JSON lines that could not be parsed."""


_BAD: dict[str, BadLines] = {}


#: Lines read once ``\'`` (no JSON escape) was taken for the apostrophe it stands for, per file
_QUOTE_ESCAPES: dict[str, int] = {}
# a backslash before an apostrophe, not itself escaped ('it\'s'; not 'C:\\' before a quote)
_QUOTE_ESCAPE = re.compile(r"(?<!\\)((?:\\\\)*)\\'")
QUOTE_ESCAPES_READ = N_("{n} line(s) wrote an apostrophe as \\' (a Python escape, not JSON): read as '")


def _json_line(line: str, path: Path):
    r"""The JSON value of one line; a line whose only fault is ``\'`` for an apostrophe (real Amazon Q&A dumps:
    382 of 9,011 lines of one) is read with the apostrophe, and counted for the file's note.

    >>> _json_line(r'{"q": "it\'s 1/2\" wide"}', Path("x"))["q"]
    'it\'s 1/2" wide'
    """
    try:
        return json.loads(line)
    except json.JSONDecodeError as exc:
        if "\\'" not in line or "escape" not in exc.msg:
            raise
        rec = json.loads(_QUOTE_ESCAPE.sub(r"\1'", line))
        _QUOTE_ESCAPES[str(path)] = _QUOTE_ESCAPES.get(str(path), 0) + 1
        return rec


def _lines_fallback(path: Path, s, start_row: int):
    bad = _BAD.setdefault(str(path), BadLines())
    good, numbers = [], []
    with readers.open_text(path, s) as fh:
        for i, line in enumerate(fh, start=1):
            if i < start_row or not line.strip():
                continue
            try:
                rec = _json_line(line, path)
                if not isinstance(rec, dict):
                    raise ValueError("not an object")
                good.append(rec)
                numbers.append(i)
            except ValueError as exc:
                bad.append((i, Phrase(NOT_JSON, detail=str(exc)[:60]), line[:80]))
    frame = pd.DataFrame.from_records(good)
    frame.attrs["lines"] = np.array(numbers, dtype="int64")
    yield start_row, frame.reset_index(drop=True)


def _dictlines(path: Path, s) -> Iterator[tuple[int, pd.DataFrame]]:
    # Q&A dumps are small (thousands of lines); literal_eval is safe (no code execution)
    bad = _BAD.setdefault(str(path), BadLines())
    recs = []
    with readers.open_text(path, s) as fh:
        for i, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                rec = ast.literal_eval(line.strip())
                if not isinstance(rec, dict):
                    raise ValueError("not a dict literal")
                recs.append(rec)
            except (ValueError, SyntaxError, MemoryError, RecursionError) as exc:
                bad.append((i, Phrase(NOT_DICT, detail=str(exc)[:60]), line[:80]))
    yield 1, pd.DataFrame.from_records(recs)


# ------------------------------------------------------------------ converters
def _col(df: pd.DataFrame, *names, default="") -> pd.Series:
    for n in names:
        if n in df:
            return df[n]
    return pd.Series(default, index=df.index)


def _str(s: pd.Series) -> pd.Series:
    return s.where(s.notna(), "").astype(str)


def reviews_2023(df: pd.DataFrame) -> pd.DataFrame:
    asin = _str(_col(df, "asin"))
    user = _str(_col(df, "user_id"))
    ts = parse.parse_ts(_col(df, "timestamp", default=np.nan))
    return pd.DataFrame({
        "doc_id": user + "_" + asin + "_" + _str(_col(df, "timestamp")),
        "source": "review", "unique_id": asin, "ds": ts,
        "text": _str(_col(df, "text")), "rating": parse.parse_number(_col(df, "rating",
                                                                          default=np.nan)),
        "url": "", "asin": asin, "parent_asin": _str(_col(df, "parent_asin")),
        "title": _str(_col(df, "title")), "user_id": user,
        "helpful_vote": parse.parse_number(_col(df, "helpful_vote", default=0)),
        "verified_purchase": _col(df, "verified_purchase", default=False).fillna(False)
        .astype(str).str.lower().isin(["true", "1", "yes"])})


def reviews_2018(df: pd.DataFrame) -> pd.DataFrame:
    asin = _str(_col(df, "asin"))
    user = _str(_col(df, "reviewerID"))
    return pd.DataFrame({
        "doc_id": user + "_" + asin + "_" + _str(_col(df, "unixReviewTime")),
        "source": "review", "unique_id": asin,
        "ds": parse.parse_ts(_col(df, "unixReviewTime", default=np.nan)),
        "text": _str(_col(df, "reviewText")),
        "rating": parse.parse_number(_col(df, "overall", default=np.nan)),
        "url": "", "asin": asin, "parent_asin": "", "title": _str(_col(df, "summary")),
        "user_id": user, "helpful_vote": parse.parse_number(_str(_col(df, "vote"))),
        "verified_purchase": _col(df, "verified", default=False).fillna(False).astype(bool)})


def _answers(answers: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Joined answer texts and first answer time from a column of answer lists."""
    ex = answers.explode()
    ex = ex[ex.apply(lambda a: isinstance(a, dict))] if len(ex) else ex
    if not len(ex):
        return pd.Series("", index=answers.index), pd.Series(pd.NaT, index=answers.index)
    flat = pd.DataFrame.from_records(ex.tolist(), index=ex.index)
    txt = _str(_col(flat, "answerText", "text")).str.strip()
    joined = txt[txt != ""].groupby(level=0).agg(" || ".join)
    first_t = _str(_col(flat, "answerTime")).groupby(level=0).first()
    return (joined.reindex(answers.index, fill_value="").astype(str),
            first_t.reindex(answers.index, fill_value=""))


def qa_jsonl(df: pd.DataFrame) -> pd.DataFrame:
    answer, answer_t = _answers(_col(df, "answers", default=None))
    q_ts = _col(df, "questionTime", "unixTime", default="")
    asin = _str(_col(df, "asin"))
    text = _str(_col(df, "questionText"))
    return _qa_frame(asin, text, answer, parse.parse_ts(_str(q_ts)),
                     parse.parse_ts(_str(answer_t)), _str(_col(df, "questionType")))


def qa_multi(df: pd.DataFrame) -> pd.DataFrame:
    q = df[["asin", "questions"]].explode("questions").dropna(subset=["questions"])
    flat = pd.DataFrame.from_records(q["questions"].tolist())
    flat["asin"] = q["asin"].to_numpy()
    return qa_jsonl(flat)


def qa_dictlines(df: pd.DataFrame) -> pd.DataFrame:
    ans_t = parse.parse_ts(_col(df, "unixTime", default=np.nan)) if "unixTime" in df else \
        parse.parse_ts(_str(_col(df, "answerTime")))
    return _qa_frame(_str(_col(df, "asin")), _str(_col(df, "question")),
                     _str(_col(df, "answer")), ans_t, ans_t, _str(_col(df, "questionType")))


def _qa_frame(asin, text, answer, ds, answer_ds, qtype) -> pd.DataFrame:
    key = pd.util.hash_pandas_object(asin + "|" + text, index=False).astype(str)
    return pd.DataFrame({
        "doc_id": "qa_" + key, "source": "qa", "unique_id": asin, "ds": ds, "text": text,
        "rating": np.nan, "url": "", "asin": asin, "answer": answer, "answer_ds": answer_ds,
        "question_type": qtype})


def _reddit_common(df: pd.DataFrame, prefix: str) -> dict:
    ident = _str(_col(df, "id"))
    name = _str(_col(df, "name"))
    name = name.where(name != "", prefix + ident)
    author = _str(_col(df, "author"))
    link = _str(_col(df, "permalink"))
    url = link.where(~link.str.startswith("/"), REDDIT_URL + link)
    return {"doc_id": name, "source": "reddit", "unique_id": _str(_col(df, "subreddit")),
            "ds": parse.parse_ts(_col(df, "created_utc", "created", default=np.nan)),
            "rating": np.nan, "url": url, "author": author.where(~author.isin(GONE), ""),
            "score": parse.parse_number(_col(df, "score", default=np.nan))}


def reddit_submissions(df: pd.DataFrame) -> pd.DataFrame:
    title = _str(_col(df, "title"))
    body = _str(_col(df, "selftext"))
    body = body.where(~body.isin(GONE), "")
    text = title.where(body == "", title + "\n\n" + body)
    text = text.where(~title.isin(GONE), "")   # removed submission: dropped below
    return pd.DataFrame({**_reddit_common(df, "t3_"), "text": text, "kind": "submission",
                         "title": title,
                         "num_comments": parse.parse_number(_col(df, "num_comments",
                                                                 default=np.nan)),
                         "parent_id": ""})


def reddit_comments(df: pd.DataFrame) -> pd.DataFrame:
    body = _str(_col(df, "body"))
    body = body.where(~body.isin(GONE), "")   # dropped below (empty text)
    return pd.DataFrame({**_reddit_common(df, "t1_"), "text": body, "kind": "comment",
                         "title": "", "num_comments": np.nan,
                         "parent_id": _str(_col(df, "link_id", "parent_id"))})


def tiktok_json(df: pd.DataFrame) -> pd.DataFrame:
    user = _col(df, "user", default=None)
    author = _str(_col(df, "author", "username", "unique_id", "nickname"))
    if user.notna().any():
        nick = user.apply(lambda u: (u.get("unique_id") or u.get("nickname") or "")
                          if isinstance(u, dict) else "")
        author = author.where(author != "", nick)
    video = _str(_col(df, "aweme_id", "video_id"))
    return pd.DataFrame({
        "doc_id": "tt_" + _str(_col(df, "cid", "comment_id", "id")), "source": "tiktok",
        "unique_id": video, "ds": parse.parse_ts(_col(df, "create_time", "createTime",
                                                      default=np.nan)),
        "text": _str(_col(df, "text", "comment")), "rating": np.nan,
        "url": _str(_col(df, "video_url", "share_url")), "kind": "video_comment",
        "title": "", "author": author,
        "score": parse.parse_number(_col(df, "digg_count", "likes", default=np.nan)),
        "num_comments": parse.parse_number(_col(df, "reply_comment_total", default=np.nan)),
        "parent_id": video})


def _nested(df: pd.DataFrame, col: str, *path: str) -> pd.Series:
    """A value inside dict cells ('via' -> 'channel'); '' / NaN where absent."""
    if col not in df:
        return pd.Series(np.nan, index=df.index, dtype="object")

    def get(v):
        for p in path:
            v = v.get(p) if isinstance(v, dict) else None
        return v
    return df[col].map(get)


def zendesk_json(df: pd.DataFrame) -> pd.DataFrame:
    """Zendesk tickets as JSON: the account export (one ticket per line), API answers
    ({'tickets': [...]}, with ``metric_set`` side-loaded) and flat analytics dumps."""
    via = _nested(df, "via", "channel")
    via = via.where(via.notna(), _col(df, "via_channel", "via", "channel", default=""))
    reply = _col(df, "first_reply_time_in_minutes", default=np.nan)
    if isinstance(reply.dropna().iloc[0] if reply.notna().any() else None, dict):
        reply = reply.map(lambda v: v.get("calendar") if isinstance(v, dict) else v)
    for path in (("reply_time_in_minutes", "calendar"),
                 ("first_reply_time_in_minutes", "calendar")):
        reply = reply.where(reply.notna(), _nested(df, "metric_set", *path))
    sat = _nested(df, "satisfaction_rating", "score")
    sat = sat.where(sat.notna(), _col(df, "satisfaction_score", "satisfaction", default=""))
    frame = pd.DataFrame({
        "ticket_id": _str(_col(df, "zendesk_id", "id", "ticket_id")),
        "created_at": parse.parse_ts(_col(df, "created_at", default="")),
        "first_reply_minutes": parse.parse_number(reply.astype(object)),
        "first_reply_at": pd.NaT, "channel": _str(via).str.lower(),
        "subject": _str(_col(df, "subject", "raw_subject")),
        "sku": "", "status": _str(_col(df, "status")), "satisfaction": _str(sat)})
    return finish("tickets", frame, pd.DataFrame(index=df.index), {})


CONVERTERS = {
    "amazon_reviews_2023_jsonl": reviews_2023, "amazon_reviews_2018_jsonl": reviews_2018,
    "amazon_qa_jsonl": qa_jsonl, "amazon_qa_multi_jsonl": qa_multi,
    "amazon_qa_dictlines": qa_dictlines, "reddit_submissions": reddit_submissions,
    "reddit_comments": reddit_comments, "tiktok_comments_json": tiktok_json,
    "zendesk_tickets_json": zendesk_json,
}

#: canonical column -> key in the file (how a rejected row names its column)
JSON_NAMES = {
    "amazon_reviews_2023_jsonl": {"rating": "rating", "asin": "asin",
                                  "parent_asin": "parent_asin", "ds": "timestamp"},
    "amazon_reviews_2018_jsonl": {"rating": "overall", "asin": "asin", "ds": "unixReviewTime"},
    "amazon_qa_jsonl": {"asin": "asin", "ds": "questionTime"},
    "amazon_qa_multi_jsonl": {"asin": "asin", "ds": "questionTime"},
    "amazon_qa_dictlines": {"asin": "asin", "ds": "unixTime"},
    "reddit_submissions": {"ds": "created_utc"}, "reddit_comments": {"ds": "created_utc"},
    "tiktok_comments_json": {"ds": "create_time"},
    "zendesk_tickets_json": {"created_at": "created_at", "ticket_id": "id"},
}

# rows without these are rejected (per kind)
_REQUIRED = {"reviews": ("text", "ds"), "questions": ("text",), "posts": ("text", "ds"),
             "tickets": ("ticket_id", "created_at")}


_R23_COLUMNS = {"rating": "DOUBLE", "title": "VARCHAR", "text": "VARCHAR", "asin": "VARCHAR",
                "parent_asin": "VARCHAR", "user_id": "VARCHAR", "timestamp": "BIGINT",
                "helpful_vote": "BIGINT", "verified_purchase": "BOOLEAN"}
_R23_SQL = """
select row_number() over () as _row,
       coalesce(user_id, '') || '_' || coalesce(asin, '') || '_'
         || coalesce(cast("timestamp" as varchar), '') as doc_id,
       make_timestamp(case when abs("timestamp") > 100000000000 then "timestamp" * 1000
                           else "timestamp" * 1000000 end) at time zone 'UTC' as ds,
       coalesce(text, '') as text, rating, coalesce(asin, '') as asin,
       coalesce(parent_asin, '') as parent_asin, coalesce(title, '') as title,
       coalesce(user_id, '') as user_id, coalesce(helpful_vote, 0) as helpful_vote,
       coalesce(verified_purchase, false) as verified_purchase
from read_json(?, format = 'newline_delimited', columns = ?, compression = ?)
"""


def quiet(con) -> None:
    """No DuckDB progress bar on the user's terminal while it reads a big file. (Inside
    Jupyter DuckDB refuses to change the setting without ipywidgets; nothing prints
    to a terminal there anyway.)"""
    try:
        con.execute("SET enable_progress_bar = false")
    except duckdb.Error:
        pass


def _reviews_2023_fast(path: Path, s) -> LoadResult | None:
    """Amazon Reviews 2023 JSONL through DuckDB's parallel JSON reader (5-10x faster than
    a Python JSON parser on a million reviews). None when the file needs the careful path
    (a malformed line, a compression DuckDB cannot read)."""
    comp = {"text": "none", "gzip": "gzip", "zstd": "zstd"}.get(s.container)
    if comp is None or s.encoding not in ("utf-8", "utf-8-sig"):
        return None
    readers.verify_complete(path, s.container)   # DuckDB may stop quietly at a cut
    con = duckdb.connect()
    quiet(con)
    try:
        con.execute("SET enable_progress_bar = false")  # its bar would land in `--json` output on big files
        con.execute("SET TimeZone = 'UTC'")
        df = con.execute(_R23_SQL, [str(path), _R23_COLUMNS, comp]).df()
    except duckdb.Error:
        return None
    finally:
        con.close()
    # a rating-only review (no text) still counts for ratings and negative rates
    bad = (((df["text"] == "") & df["rating"].isna()) | df["ds"].isna()).to_numpy()
    no_text = df["text"].to_numpy()[bad] == ""
    rej = rows.rejected_frame(
        df["_row"].to_numpy()[bad], np.where(no_text, "text", "timestamp"), "",
        rows.Reasons.choose(no_text, rows.Reasons.of(len(no_text), EMPTY_FIELD, field="text"),
                            rows.Reasons.of(len(no_text), EMPTY_FIELD, field="ds")))
    if bad.any():
        df = df[~bad]
    row_numbers = df["_row"].to_numpy(dtype="int64")
    df = df.drop(columns="_row")
    df["ds"] = df["ds"].astype("datetime64[ns, UTC]")
    df["source"] = "review"
    df["unique_id"] = df["asin"]
    df["url"] = ""
    kind = "reviews"
    return LoadResult(conform(kind, df), kind, "amazon_reviews_2023_jsonl", str(path),
                      s.encoding, rej if len(rej) else rows.empty_rejected(),
                      row_numbers=row_numbers,
                      source_columns=JSON_NAMES["amazon_reviews_2023_jsonl"])


# keys read by DuckDB for the big JSONL layouts (others keys of a dump are ignored)
_FAST_KEYS = {
    "reddit_submissions": ["id", "name", "subreddit", "author", "title", "selftext",
                           "created_utc", "score", "num_comments", "permalink"],
    "reddit_comments": ["id", "name", "subreddit", "author", "body", "created_utc", "score",
                        "link_id", "parent_id", "permalink"],
    "amazon_reviews_2018_jsonl": ["asin", "reviewerID", "unixReviewTime", "reviewText",
                                  "overall", "summary", "vote", "verified"],
}


def _duckdb_jsonl(path: Path, s, keys: list[str]) -> pd.DataFrame | None:
    """Selected keys of a JSONL file as text columns via DuckDB's parallel reader; None
    when DuckDB cannot read it (the careful pandas path then reports bad lines)."""
    comp = {"text": "none", "gzip": "gzip", "zstd": "zstd"}.get(s.container)
    if comp is None or s.encoding not in ("utf-8", "utf-8-sig"):
        return None
    readers.verify_complete(path, s.container)   # DuckDB may stop quietly at a cut
    con = duckdb.connect()
    quiet(con)
    try:
        con.execute("SET enable_progress_bar = false")  # its bar would land in `--json` output on big files
        sel = ", ".join(f'"{k}"' for k in keys)
        df = con.execute(f"select {sel} from read_json(?, format = 'newline_delimited', "
                         "columns = ?, compression = ?)",
                         [str(path), {k: "VARCHAR" for k in keys}, comp]).df()
    except duckdb.Error:
        return None
    finally:
        con.close()
    return df.astype({k: "str" for k in keys}).where(df.notna(), None)


def _unreadable_ratings(raw: pd.DataFrame, frame: pd.DataFrame, layout: str) -> np.ndarray:
    """Rows whose star rating was written but is not a number ('five', '4 Sterne').

    >>> raw = pd.DataFrame({"rating": [5, "five", None, "4.0"]})
    >>> _unreadable_ratings(raw, pd.DataFrame({"rating": [5.0, np.nan, np.nan, 4.0]}),
    ...                     "amazon_reviews_2023_jsonl").tolist()
    [False, True, False, False]
    """
    key = JSON_NAMES.get(layout, {}).get("rating")
    if key is None or key not in raw or "rating" not in frame or len(raw) != len(frame):
        return np.zeros(len(frame), dtype=bool)
    written = raw[key].notna().to_numpy() & (raw[key].astype(str).str.strip() != "").to_numpy()
    return written & frame["rating"].isna().to_numpy()


def load_json(path, layout: str, mode: str, sniffed, params=None) -> LoadResult:
    """Read a JSON/JSONL file of a known layout into its canonical frame."""
    path = Path(path)
    kind = JSON_LAYOUTS[layout]
    if layout == "amazon_reviews_2023_jsonl" and mode == "jsonl":
        fast = _reviews_2023_fast(path, sniffed)
        if fast is not None:
            return fast
    conv = CONVERTERS[layout]
    _BAD.pop(str(path), None)
    _QUOTE_ESCAPES.pop(str(path), None)
    parts, rejected = [], []
    chunks = None
    if mode == "jsonl" and layout in _FAST_KEYS:
        fast = _duckdb_jsonl(path, sniffed, _FAST_KEYS[layout])
        chunks = [(1, fast)] if fast is not None else None
    row_parts = []
    for start, chunk in chunks or iter_frames(path, sniffed, mode):
        if not len(chunk):
            continue
        lines = chunk.attrs.get("lines")
        lines = lines if lines is not None else np.arange(start, start + len(chunk))
        f = conv(chunk)
        if len(f) != len(lines):   # one record became several (Q&A with a questions list)
            lines = np.arange(start, start + len(f))
        bad = pd.Series(False, index=f.index)
        missing = rows.filled(len(f), "")   # the first required field missing
        for col in _REQUIRED[kind]:
            miss = (f[col] == "") if f[col].dtype != "datetime64[ns, UTC]" else f[col].isna()
            if kind == "reviews" and col == "text":   # rating-only reviews are real reviews
                miss = miss & f["rating"].isna()
            miss = miss & ~bad
            missing[miss.to_numpy()] = col
            bad = bad | miss
        if bad.any():
            picked = missing[bad.to_numpy()]
            said = rows.Reasons.of(len(picked), EMPTY_FIELD, field=picked)
            if kind == "posts":
                said = rows.Reasons.choose(picked == "text", rows.Reasons.of(
                    len(picked), EMPTY_POST, field="text"), said)
            rejected.append(rows.rejected_frame(lines[bad.to_numpy()], "", "", said))
        unreadable = _unreadable_ratings(chunk, f, layout) & ~bad.to_numpy()
        if unreadable.any():   # 'five': rejected here, where the cell as written is still known
            key = JSON_NAMES[layout]["rating"]
            rejected.append(rows.rejected_frame(
                lines[unreadable], key, chunk[key].to_numpy()[unreadable].astype(str),
                Phrase(RATING_NOT_A_NUMBER)))
            bad = bad | unreadable
        parts.append(f[~bad.to_numpy()])
        row_parts.append(lines[~bad.to_numpy()])
    for line, problem, value in _BAD.pop(str(path), []):
        rejected.append(rows.rejected_frame([line], "", [value], [problem]))
    frame = (pd.concat(parts, ignore_index=True) if parts
             else schemas.empty_frame(kind))
    rej = pd.concat(rejected, ignore_index=True) if rejected else rows.empty_rejected()
    if kind == "posts" and len(rej):
        # [deleted]/[removed] posts are expected in every Reddit dump: not an input error
        gone = rej["problem"] == str(Phrase(EMPTY_POST, field="text"))
        rej = rej[~gone].reset_index(drop=True)
    escapes = _QUOTE_ESCAPES.pop(str(path), 0)
    return LoadResult(conform(kind, frame), kind, layout, str(path), sniffed.encoding, rej,
                      notes=[Phrase(QUOTE_ESCAPES_READ, n=escapes)] if escapes else [],
                      row_numbers=(np.concatenate(row_parts) if row_parts
                                   else np.zeros(0, dtype="int64")),
                      source_columns=JSON_NAMES.get(layout, {}))


def read_json_document(path: Path, s) -> object:
    with readers.open_text(path, s) as fh:
        return json.load(io.StringIO(fh.read()))

