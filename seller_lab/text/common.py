"""The lowest floor of the text package: the default params, vocabulary helpers and complaint
detection, shared by sentiment, the document analysis (``_core``), pain points, Q&A and
matching. It imports nothing else from ``seller_lab.text`` except the word lists, so every
other module can import it at the top of its file without a cycle.

Examples
--------
>>> detect_complaints(["Ich suche ein Regal für große Teller", "Tolles Produkt"]).tolist()
[True, False]
"""

from __future__ import annotations

import copy
import ctypes
import re
import threading
import weakref
from collections import deque
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from functools import lru_cache

import numpy as np
import pandas as pd

from seller_lab.params import default_params_dir, read_yaml

from . import lexicon as lx


@lru_cache(maxsize=1)
def _default_params_cached() -> dict:
    return read_yaml(default_params_dir() / "defaults.yaml")


def default_params() -> dict:
    """A fresh copy of params/defaults.yaml."""
    return copy.deepcopy(_default_params_cached())


def resolve_params(params: dict | None) -> dict:
    """params as given, or the defaults."""
    return default_params() if params is None else params


def release_memory() -> None:
    """Give freed heap memory back to the OS (glibc ``malloc_trim``); no-op elsewhere.

    Large miners free many big temporaries; without this the process keeps them resident.
    """
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass


def _hugepage_switch():
    """numpy's switch of its transparent-huge-page hint (``_set_madvise_hugepage``, numpy >= 1.20 on
    Linux: set returns the setting before), or None."""
    core = getattr(np, "_core", None) or getattr(np, "core", None)
    return getattr(getattr(core, "multiarray", None), "_set_madvise_hugepage", None)


_PAGES_LOCK = threading.Lock()
_PAGES_USERS = [0, None]  # blocks inside small_pages on any thread, the setting to restore when the last leaves


@contextmanager
def small_pages():
    """Within the block, numpy does not mark its large arrays for transparent huge pages.

    Where the kernel serves such a mark by compacting memory on the spot (``defrag`` = ``madvise`` in
    ``/sys/kernel/mm/transparent_hugepage``), every fresh large temporary of a big corpus waits for it:
    mining a million real reviews spent 6.6-8.5 s in the kernel with the marks, 4.9-5.6 s without
    (docs/text_speed.md). numpy's setting is process-wide: the first block in (on any thread) turns
    the marks off, the last one out restores the setting from before. Nothing changes where numpy
    has no such switch.
    """
    switch = _hugepage_switch()
    if switch is None:
        yield
        return
    with _PAGES_LOCK:
        if _PAGES_USERS[0] == 0:
            _PAGES_USERS[1] = switch(False)
        _PAGES_USERS[0] += 1
    try:
        yield
    finally:
        with _PAGES_LOCK:
            _PAGES_USERS[0] -= 1
            if _PAGES_USERS[0] == 0:
                switch(_PAGES_USERS[1])


class Background:
    """``fn(*args, **kw)`` computed beside the caller's own work: on a second thread started now when
    ``n_jobs`` >= 2 (the text settings' ``text.n_jobs``), else in the calling thread when
    :meth:`result` is first called, exactly where a plain call would stand. Only for work that reads
    what it is given and writes nothing shared, so that the result never depends on the timing of
    the threads; numpy, pandas, scipy and zstandard release the GIL in their large operations, so two
    such stages share the machine's cores.

    >>> job = Background(sorted, [3, 1, 2], n_jobs=2)
    >>> job.result(), Background(sorted, [3, 1, 2], n_jobs=1).result()
    ([1, 2, 3], [1, 2, 3])
    >>> Background(int, "x", n_jobs=2).result()
    Traceback (most recent call last):
    ...
    ValueError: invalid literal for int() with base 10: 'x'
    """

    def __init__(self, fn, /, *args, n_jobs: int = 1, **kw):
        self._call = (fn, args, kw)
        self._future = None
        if n_jobs >= 2:
            pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="seller-lab-text")
            self._future = pool.submit(fn, *args, **kw)
            pool.shutdown(wait=False)  # the thread ends once the job is done; nothing waits for it here
            self._call = None

    def result(self):
        """The value, waited for (an exception of ``fn`` is raised here); any thread may ask, any
        number of times."""
        if self._future is not None:
            return self._future.result()
        if self._call is not None:
            fn, args, kw = self._call
            self._future = Future()
            self._call = None
            try:
                self._future.set_result(fn(*args, **kw))
            except BaseException as exc:
                self._future.set_exception(exc)
        return self._future.result()


def ordered_map(fn, items, n_jobs: int = 1):
    """``fn(item)`` of each item, yielded in the items' order, computed on ``n_jobs`` threads with at
    most ``n_jobs`` items in flight (so at most that many items' temporaries at once); ``n_jobs`` <= 1
    is a plain loop. As :class:`Background`, for functions that only read shared data.

    >>> list(ordered_map(lambda x: x * x, range(5), n_jobs=2)), list(ordered_map(abs, [-1, 2]))
    ([0, 1, 4, 9, 16], [1, 2])
    """
    if n_jobs <= 1:
        for item in items:
            yield fn(item)
        return
    pending: deque = deque()
    with ThreadPoolExecutor(max_workers=n_jobs, thread_name_prefix="seller-lab-text") as pool:
        for item in items:
            pending.append(pool.submit(fn, item))
            if len(pending) >= n_jobs:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


def token_ranges(lo: np.ndarray, size: np.ndarray) -> np.ndarray:
    """``concatenate([arange(l, l + s) for l, s in zip(lo, size)])`` without a Python loop (int64).

    >>> token_ranges(np.array([2, 10, 7]), np.array([3, 0, 2])).tolist()
    [2, 3, 4, 7, 8]
    """
    keep = size > 0
    lo, size = lo[keep].astype(np.int64), size[keep].astype(np.int64)
    if lo.size == 0:
        return np.zeros(0, np.int64)
    step = np.ones(int(size.sum()), np.int64)
    step[0] = lo[0]
    step[(np.cumsum(size) - size)[1:]] = lo[1:] - (lo[:-1] + size[:-1] - 1)  # jump to the next run
    return np.cumsum(step)


NEGATION_REACH = 3  # words after a negator, in its sentence, that it negates (VADER's window)


def after_negator(negator: np.ndarray, group: np.ndarray, reach: int = NEGATION_REACH) -> np.ndarray:
    """Per position: one of the ``reach`` positions before it holds a negator (``negator``, bool per
    position) of the same ``group`` (the sentence of each position).

    >>> after_negator(np.array([True, False, False, False, False, True, False]),
    ...               np.array([0, 0, 0, 0, 0, 1, 1])).astype(int).tolist()
    [0, 1, 1, 1, 0, 0, 1]
    """
    out = np.zeros(negator.size, bool)
    for k in range(1, reach + 1):
        out[k:] |= negator[:-k] & (group[k:] == group[:-k])
    return out


def sentence_tokens(tok_sent: np.ndarray, sentences) -> tuple[np.ndarray, np.ndarray]:
    """(positions of the tokens of ``sentences``, token count per sentence): ``tok_sent`` is the
    ascending sentence id of each token (a corpus's, or a chunk's), ``sentences`` ascending ids. The
    ids are searched in ``tok_sent``'s own dtype (numpy would otherwise convert the whole array).

    >>> pos, n = sentence_tokens(np.array([0, 0, 1, 3, 3, 3], np.int32), [0, 2, 3])
    >>> pos.tolist(), n.tolist()
    ([0, 1, 3, 4, 5], [2, 0, 3])
    """
    sentences = np.asarray(sentences).astype(tok_sent.dtype)
    lo = np.searchsorted(tok_sent, sentences, side="left")
    size = np.searchsorted(tok_sent, sentences, side="right") - lo
    return token_ranges(lo, size), size


# above this many runs of sentences in another language than the most common one, the per-token work
# treats the languages as mixed document by document (each token's language read) instead of walking
# the runs (a Python loop over them)
MAX_LANGUAGE_RUNS = 256


def language_runs(tok_sent: np.ndarray, sent_li: np.ndarray, main: int) -> tuple[np.ndarray, np.ndarray]:
    """(first token, token count) of each run of consecutive sentences in another language than
    ``main`` (``sent_li``: language index per sentence; sentences and tokens in document order).

    >>> [x.tolist() for x in language_runs(np.array([0, 0, 1, 2, 2, 3]), np.array([0, 1, 1, 0]), 0)]
    [[2], [3]]
    """
    other = np.flatnonzero(sent_li != main)
    if other.size == 0:
        z = np.zeros(0, np.int64)
        return z, z
    brk = np.flatnonzero(np.diff(other) != 1)
    first = other[np.r_[0, brk + 1]]
    last = other[np.r_[brk, other.size - 1]]
    # (the values in the array's own dtype: numpy would otherwise convert the whole per-token array)
    t0 = np.searchsorted(tok_sent, first.astype(tok_sent.dtype), side="left").astype(np.int64)
    t1 = np.searchsorted(tok_sent, last.astype(tok_sent.dtype), side="right").astype(np.int64)
    keep = t1 > t0
    return t0[keep], (t1 - t0)[keep]


def language_words(tok_vid: np.ndarray, tok_sent: np.ndarray, sent_li: np.ndarray, n_languages: int,
                   n_words: int, *, main: int | None = None, runs=None, max_runs: int = MAX_LANGUAGE_RUNS,
                   step: int = 8_000_000) -> np.ndarray:
    """Per (language, word id): the word occurs in a sentence of that language (``sent_li``: the
    language index of each sentence). The most common language's row (``main``) is marked from the
    word ids of the tokens between the runs of other-language sentences (:func:`language_runs`), the
    runs by (language, word); with more than ``max_runs`` runs (languages mixed document by document)
    every token by (language, word), ``step`` tokens at a time.

    >>> language_words(np.array([2, 0, 1, 2]), np.array([0, 0, 1, 2]), np.array([0, 1, 0]), 2, 3).astype(int).tolist()
    [[1, 0, 1], [0, 1, 0]]
    """
    used = np.zeros((n_languages, n_words), bool)
    ntok = tok_vid.size
    if ntok == 0:
        return used
    if main is None:
        main = int(np.argmax(np.bincount(sent_li, minlength=n_languages)))
    starts, sizes = language_runs(tok_sent, sent_li, main) if runs is None else runs
    if starts.size > max_runs:
        for t0 in range(0, ntok, step):
            used[sent_li[tok_sent[t0:t0 + step]], tok_vid[t0:t0 + step]] = True
        return used
    done = 0
    for r0, n in zip(starts.tolist() + [ntok], sizes.tolist() + [0]):
        for t0 in range(done, r0, step):
            used[main, tok_vid[t0:min(t0 + step, r0)]] = True
        if n:
            used[sent_li[tok_sent[r0:r0 + n]], tok_vid[r0:r0 + n]] = True
        done = r0 + n
    return used


def count_ids(ids: np.ndarray, minlength: int, mask: np.ndarray | None = None, step: int = 4_000_000) -> np.ndarray:
    """``np.bincount(ids[mask], minlength=minlength)``, ``step`` entries at a time: ``np.bincount``
    converts its input to int64, so on tens of millions of int32 token ids one call would copy
    them twice (the masked ids, then 8 bytes each).

    >>> count_ids(np.array([3, 1, 3, 0], np.int32), 5, np.array([True, True, True, False]), step=2).tolist()
    [0, 1, 0, 2, 0]
    """
    out = np.zeros(max(minlength, 0), np.int64)
    for t0 in range(0, ids.size, step):
        part = ids[t0:t0 + step] if mask is None else ids[t0:t0 + step][mask[t0:t0 + step]]
        got = np.bincount(part, minlength=out.size)
        if got.size > out.size:  # an id beyond minlength: the result grows as np.bincount's would
            got[:out.size] += out
            out = got
        else:
            out += got
    return out


def distinct(values) -> np.ndarray:
    """Sorted distinct values, as ``np.unique(values)``, by one sort and a neighbour test: with
    numpy 2.4, ``np.unique`` without ``return_counts``/``return_inverse`` is ~50x slower on
    millions of integers than this.

    >>> distinct(np.array([3, 1, 3, 0, 1])).tolist()
    [0, 1, 3]
    >>> distinct(np.array([], np.int32)).size
    0
    """
    s = np.sort(np.asarray(values).ravel())
    if s.size < 2:
        return s
    keep = np.empty(s.size, bool)
    keep[0] = True
    np.not_equal(s[1:], s[:-1], out=keep[1:])
    return s[keep]


_INDEX_MIN_WORDS = 20_000  # vocabularies from this size on are looked up through an index of their words
# big vocabulary arrays seen: [weak reference, size, index of its words or None while seen only once];
# found by identity of the live array (a freed array's entry is dropped, never matched by address)
_SEEN_VOCABS: list[list] = []


def _vocab_index(vocab) -> dict | None:
    """Word -> position of a big vocabulary array asked about a second time (the first time it is
    only remembered: a throwaway array would not repay its index), None otherwise or when its words
    are not distinct. Held while the array lives (weakly referenced, checked by identity and size)."""
    if not isinstance(vocab, np.ndarray) or vocab.ndim != 1 or vocab.size < _INDEX_MIN_WORDS:
        return None
    _SEEN_VOCABS[:] = [e for e in _SEEN_VOCABS if e[0]() is not None][-8:]
    held = next((e for e in _SEEN_VOCABS if e[0]() is vocab and e[1] == vocab.size), None)
    if held is None:
        _SEEN_VOCABS.append([weakref.ref(vocab), vocab.size, None])
        return None
    if held[2] is None:
        index = {w: i for i, w in enumerate(vocab.tolist())}
        held[2] = index if len(index) == vocab.size else {}  # repeated words: an index would name one position
    return held[2] or None


def in_words(vocab, words) -> np.ndarray:
    """Per entry of ``vocab`` (an array of words): is it one of ``words``? As ``np.isin(vocab,
    list(words))``, by one set lookup per entry: ``np.isin`` sorts both sides, which on arrays of
    Python strings costs milliseconds per call (hundreds of calls per report). A big vocabulary
    asked about again (a real million reviews has hundreds of thousands of words, mostly rare) is
    answered by one lookup per listed word in an index of its words.

    >>> in_words(np.array(["the", "lid", "cracked"], dtype=object), {"lid", "handle"}).tolist()
    [False, True, False]
    """
    words = words if isinstance(words, (set, frozenset, dict)) else set(words)
    if len(words) * 4 < len(vocab):
        index = _vocab_index(vocab)
        if index is not None:
            out = np.zeros(vocab.size, bool)
            out[[index[w] for w in words if w in index]] = True
            return out
    return np.fromiter((w in words for w in vocab), bool, count=len(vocab))


@lru_cache(maxsize=8)
def _complaint_regex(lang: str | None = None) -> re.Pattern:
    langs = lx.LANGUAGES if lang is None else (lang,)
    pats = [p for lg in langs for p in lx.COMPLAINT_PATTERNS.get(lg, [])]
    return re.compile("|".join(f"(?:{p})" for p in pats), re.I)


@lru_cache(maxsize=8)
def _negated_trouble_regex(lang: str | None = None) -> re.Pattern:
    langs = lx.LANGUAGES if lang is None else (lang,)
    return re.compile("|".join(f"(?:{lx.NEGATED_TROUBLE[lg]})" for lg in langs if lg in lx.NEGATED_TROUBLE), re.I)


def detect_complaints(sentences, languages=None) -> pd.Series:
    """True for complaint or wish statements ('I wish', 'too small for', 'passt nicht', 'ich suche' …).

    Pattern lists per language live in :data:`seller_lab.text.lexicon.COMPLAINT_PATTERNS`
    (matched case-insensitively with pandas string methods).

    A trouble the sentence says was absent is no complaint (:data:`~seller_lab.text.lexicon.NEGATED_TROUBLE`:
    'kein Problem', 'never had an issue with it').

    >>> detect_complaints(["Ich suche ein Regal für große Teller", "Tolles Produkt", "too small for my sink"]).tolist()
    [True, False, True]
    >>> detect_complaints(["Die Rücksendung lief ohne Probleme.", "Das Problem ist der Rost.",
    ...                    "I never had an issue with it.", "No problems so far, but it rusts."]).tolist()
    [False, True, False, True]
    """
    s = sentences if isinstance(sentences, pd.Series) else pd.Series(list(sentences), dtype="str")
    s = s.fillna("").astype(str).str.replace("’", "'", regex=False)
    if languages is None:
        return s.str.replace(_negated_trouble_regex(), " ", regex=True).str.contains(_complaint_regex(), regex=True)
    langs = pd.Series(np.asarray(list(languages), dtype=object), index=s.index)
    out = pd.Series(False, index=s.index)
    for lang in langs.unique():
        m = (langs == lang).to_numpy()
        lg = lang if lang in lx.COMPLAINT_PATTERNS else None
        out[m] = s[m].str.replace(_negated_trouble_regex(lg), " ", regex=True).str.contains(_complaint_regex(lg),
                                                                                           regex=True)
    return out


def is_complaint(sentences, polarity, languages=None) -> pd.Series:
    """A pain-point statement: a complaint/wish pattern, or a negative sentence.

    >>> is_complaint(["The hinge snapped.", "Arrived Monday."], ["neg", "neu"]).tolist()
    [True, False]
    """
    pol = pd.Series(list(polarity), dtype="str")
    return pd.Series(detect_complaints(sentences, languages).to_numpy() | (pol.to_numpy() == "neg"))
