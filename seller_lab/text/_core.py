"""Shared analysis of a set of documents: corpus, languages, stems, concepts, content flags,
sentence sentiment — computed once and used by aspects, pain points, Q&A and matching."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

import numpy as np
import pandas as pd
from scipy import sparse

from . import lexicon as lx
from .common import (
    MAX_LANGUAGE_RUNS,
    Background,
    after_negator,
    distinct,
    in_words,
    language_runs,
    language_words,
    release_memory,
    resolve_params,
    sentence_tokens,
    token_ranges,
)
from .preprocess import (
    Corpus,
    TextChunks,
    build_corpus,
    corpus_languages,
    language_scores,
    vocab_stems,
)
from .sentiment import corpus_sentiment, fit_rating_model, token_valences, vader_valences
from .settings import text_settings

LANG_INDEX = {lang: i for i, lang in enumerate(lx.LANGUAGES)}


@lru_cache(maxsize=8)
def _concept_stems(lang: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for concept, by_lang in lx.CONCEPTS.items():
        words = by_lang.get(lang, [])
        for w, s in zip(words, vocab_stems(words, lang)):
            out.setdefault(w, concept)
            # short German stems collide ('halt': Halter / halten); some English ones too ('missed the
            # return window', 'screwed up')
            if (len(s) >= 5 or lang == "en") and w not in lx.CONCEPT_WORDS_EXACT:
                out.setdefault(s, concept)
    return out


class PackedColumns:
    """Some columns of a frame, their strings joined into one string per column until
    :meth:`frame` makes them a frame again.

    Python keeps small strings in shared memory arenas; strings copied while a big frame is alive
    (the review ids next to a million review texts) fill holes all over those arenas and keep
    them resident after the texts are gone (~0.15 GB for a million reviews). Held joined while the
    texts are freed, the strings come back as fresh, densely packed objects.

    >>> f = pd.DataFrame({"doc_id": ["r1", None, "r-ü3"], "rating": [5.0, 1.0, 2.0]})
    >>> out = PackedColumns(f, ["doc_id", "rating", "asin"]).frame()
    >>> list(out.columns), out["doc_id"].tolist(), out["doc_id"].iloc[0] is f["doc_id"].iloc[0]
    (['doc_id', 'rating'], ['r1', nan, 'r-ü3'], False)
    """

    def __init__(self, frame: pd.DataFrame, columns):
        self.index = frame.index
        self.columns: dict = {}
        for col in columns:
            if col not in frame.columns:
                continue
            s = frame[col]
            if s.dtype == object or isinstance(s.dtype, pd.StringDtype):
                vals = s.to_numpy(dtype=object)
                is_str = np.fromiter((isinstance(v, str) for v in vals), bool, vals.size)
                strs = vals[is_str].tolist()
                lengths = np.fromiter((len(v) for v in strs), np.int64, len(strs))
                self.columns[col] = (s.dtype, is_str, "".join(strs), lengths, vals[~is_str])
            else:
                self.columns[col] = s

    def strings(self, col: str) -> PackedStrings | None:
        """Column ``col`` taken out of the held columns as :class:`PackedStrings` (its values as
        ``astype(str)`` gives them), None when it is not held."""
        held = self.columns.pop(col, None)
        if held is None:
            return None
        if isinstance(held, pd.Series):
            held = PackedColumns(pd.DataFrame({col: held.astype(str).astype(object)}), [col]).columns[col]
        return PackedStrings(*held[1:])

    def frame(self) -> pd.DataFrame:
        """The columns as a frame of fresh strings (this object keeps nothing afterwards)."""
        out = {}
        for col, held in self.columns.items():
            if isinstance(held, pd.Series):
                out[col] = held
                continue
            dtype, is_str, joined, lengths, others = held
            vals = np.empty(is_str.size, object)
            ends = np.cumsum(lengths).tolist()
            vals[is_str] = [joined[e - n:e] for e, n in zip(ends, lengths.tolist())]
            vals[~is_str] = others
            out[col] = pd.Series(vals, index=self.index, dtype=dtype, name=col)
        self.columns = {}
        return pd.DataFrame(out, index=self.index)


class PackedStrings:
    """A column of strings joined into one string, read by position: ``packed[positions]`` gives the
    values at those positions as an object array. A million review ids of 27 characters held this way
    take 40 MB instead of 89 MB as Python strings (tracemalloc), for the few the quotes name.

    >>> ids = PackedColumns(pd.DataFrame({"doc_id": ["r1", None, "r-ü3", 7]}), ["doc_id"]).strings("doc_id")
    >>> len(ids), ids[np.array([2, 0, 1, 3])].tolist()
    (4, ['r-ü3', 'r1', nan, '7'])
    """

    def __init__(self, is_str: np.ndarray, joined: str, lengths: np.ndarray, others: np.ndarray):
        self._joined = joined
        full = np.zeros(is_str.size, np.int64)
        full[is_str] = lengths
        self._ends = np.cumsum(full)  # per position: the end of its string in ``joined`` (a non-string: 0 long)
        # position -> its value when not a string, as ``astype(str)`` gives it (missing: NaN)
        self._others = {p: np.nan if pd.isna(v) else str(v) for p, v in zip(np.flatnonzero(~is_str).tolist(), others.tolist())}

    def __len__(self) -> int:
        return self._ends.size

    def __getitem__(self, positions) -> np.ndarray:
        pos = np.asarray(positions, dtype=np.int64).ravel()
        ends = self._ends[pos].tolist()
        starts = np.where(pos > 0, self._ends[np.maximum(pos - 1, 0)], 0).tolist()
        out = np.empty(pos.size, object)
        out[:] = [self._others[p] if p in self._others else self._joined[s:e]
                  for p, s, e in zip(pos.tolist(), starts, ends)]
        return out


def _csr_pairs(rows: np.ndarray, cols: np.ndarray, n_cols: int, dtype=np.int64) -> tuple[np.ndarray, np.ndarray]:
    """Distinct (row, col) pairs, sorted by row then column, via one scipy CSR matrix over the rows
    the input spans (non-empty input)."""
    r0, r1 = int(rows.min()), int(rows.max())
    m = sparse.csr_matrix((np.ones(rows.size, np.float32), (rows - r0 if r0 else rows, cols)),
                          shape=(r1 - r0 + 1, n_cols))
    m.sum_duplicates()
    return (np.repeat(np.arange(r0, r1 + 1, dtype=dtype), np.diff(m.indptr)), m.indices.astype(dtype))


def _concat(parts: list, dtype) -> np.ndarray:
    """The arrays of ``parts`` end to end as ``dtype``, each part freed once copied."""
    out = np.empty(sum(p.size for p in parts), dtype)
    at = 0
    while parts:
        p = parts.pop(0)
        out[at:at + p.size] = p
        at += p.size
    return out


def unique_pairs(rows: np.ndarray, cols: np.ndarray, n_rows: int, n_cols: int,
                 step: int = 1_000_000) -> tuple[np.ndarray, np.ndarray]:
    """Distinct (row, col) pairs, sorted by row then column (duplicates summed in C by scipy's CSR
    matrix, no Python loop). ``n_rows``: rows are below it. The pairs come as int32 arrays when
    ``n_rows`` and ``n_cols`` fit (they index; combine them in int64), else int64.

    Inputs longer than ``step`` go through in chunks, so that the matrix's temporaries (ones,
    int64 indices, a second copy while converting) cover one chunk, not tens of millions of
    pairs: rows in ascending order (tokens of documents or sentences) are cut at row boundaries
    and the chunks' pairs concatenated; otherwise the distinct pairs of each chunk go through a
    final matrix together.

    >>> [x.tolist() for x in unique_pairs(np.array([0, 0, 2, 0]), np.array([1, 1, 0, 3]), 3, 4)]
    [[0, 0, 2], [1, 3, 0]]
    >>> [x.tolist() for x in unique_pairs(np.array([0, 0, 1, 1, 1, 2]), np.array([1, 1, 0, 0, 2, 0]), 3, 3, step=2)]
    [[0, 1, 1, 2], [1, 0, 2, 0]]
    >>> [x.tolist() for x in unique_pairs(np.array([0, 0, 1, 1, 2]), np.array([1, 1, 0, 0, 2]), 3, 3, step=2)]
    [[0, 1, 2], [1, 0, 2]]
    >>> [x.tolist() for x in unique_pairs(np.array([2, 0, 2, 0, 1]), np.array([0, 1, 0, 1, 1]), 3, 2, step=2)]
    [[0, 1, 2], [1, 1, 0]]
    """
    n = rows.size
    small = np.int32 if max(n_rows, n_cols) < 2 ** 31 else np.int64
    if n == 0:
        return np.zeros(0, small), np.zeros(0, small)
    if n <= step:
        return _csr_pairs(rows, cols, n_cols, small)
    ascending = all(bool(np.all(rows[i + 1:min(i + step, n - 1) + 1] >= rows[i:min(i + step, n - 1)]))
                    for i in range(0, n - 1, step))
    if ascending:  # cut where a row starts: each chunk's pairs are distinct from the others'
        cuts = [0]
        while cuts[-1] + step < n:
            cut = int(np.searchsorted(rows, rows[cuts[-1] + step], side="left"))
            cuts.append(cut if cut > cuts[-1] else int(np.searchsorted(rows, rows[cuts[-1]], side="right")))
        cuts.append(n)
        parts = [_csr_pairs(rows[a:b], cols[a:b], n_cols, small) for a, b in zip(cuts[:-1], cuts[1:]) if b > a]
        rs, cs = [r for r, _ in parts], [c for _, c in parts]
        del parts
        return _concat(rs, small), _concat(cs, small)
    parts = [_csr_pairs(rows[i:i + step], cols[i:i + step], n_cols, small) for i in range(0, n, step)]
    rs, cs = [r for r, _ in parts], [c for _, c in parts]
    del parts
    r, c = _concat(rs, small), _concat(cs, small)
    return _csr_pairs(r, c, n_cols, small)


@lru_cache(maxsize=1)
def _compound_heads():
    cmap = _concept_stems("de")
    words = sorted((w for w in cmap if len(w) >= 5 and w.isalpha()), key=len, reverse=True)
    return re.compile("(" + "|".join(map(re.escape, words)) + ")")


# above this many runs of tokens in another language than the most common one, a lookup per token reads
# the (language, word) of every token instead of patching run by run (a Python loop over the runs)
_RUNS_ONE_BY_ONE = MAX_LANGUAGE_RUNS
_IDS_KEPT_MAX = 1_000_000  # Analysed.word_ids keeps the ids of the last range up to this many tokens (8 MB)
# the per-token values of an analysis that are lookups of (language of the token, word id) in a table
_WORD_TABLES = {"tok_stem": "word_stem", "tok_concept": "word_concept", "tok_content": "word_content",
                "tok_lex": "word_lex"}


@dataclass
class Analysed:
    """One analysed document set (see :func:`analyse`).

    The language, stem, concept, content and lexicon flag of each token are not stored: each is a
    lookup of (language of the token's sentence, word id) in a table over the vocabulary, gathered
    on each read of ``tok_li``, ``tok_stem``, ``tok_concept``, ``tok_content``, ``tok_lex`` (a
    million reviews hold 9 bytes per token less, ~0.5 GB). Read each once per function (a read in a
    loop gathers every token again) and :meth:`token_values` for some of the tokens.
    """

    corpus: Corpus
    doc_lang: np.ndarray       # language per document
    sent_li: np.ndarray        # language index per sentence (int8; the language of its document)
    stems: np.ndarray          # stem strings (lang-independent ids)
    concepts: np.ndarray       # concept names
    sentences: pd.DataFrame    # doc, compound, score, polarity per sentence
    doc_rating: np.ndarray
    word_stem: np.ndarray      # (language, word): global stem id (int32)
    word_concept: np.ndarray   # (language, word): concept id, -1 none (int16)
    word_content: np.ndarray   # (language, word): a content word (not a stopword/number) or a concept word
    word_lex: np.ndarray       # (language, word): carries sentiment in the lexicon of the language
    word_used: np.ndarray | None = field(default=None, repr=False)  # (language, word): in a sentence of that language
    dropped: set = field(default_factory=set)  # per-token values no longer read (drop_token_arrays)
    # tokens of sentences in another language than the most common one: (first token, token count) per run
    _main_li: int = 0
    _other_runs: tuple = field(default=(np.zeros(0, np.int64), np.zeros(0, np.int64)), repr=False)
    _ids_kept: tuple | None = field(default=None, repr=False)  # (t0, t1, word ids) of the last range read

    @property
    def n_docs(self) -> int:
        return self.corpus.n_docs

    tok_li = property(lambda self: self.token_values("tok_li"), doc="language index per token (int8)")
    tok_stem = property(lambda self: self.token_values("tok_stem"), doc="global stem id per token (int32)")
    tok_concept = property(lambda self: self.token_values("tok_concept"), doc="concept id per token (-1 none)")
    tok_content = property(lambda self: self.token_values("tok_content"),
                           doc="the token is a content word (not a stopword/number) or names a concept")
    tok_lex = property(lambda self: self.token_values("tok_lex"),
                       doc="the token carries sentiment in the lexicon of its language")

    def token_values(self, name: str, where=None) -> np.ndarray | None:
        """``tok_li``, ``tok_stem``, ``tok_concept``, ``tok_content`` or ``tok_lex`` of every token
        (``where`` None), of a slice of the tokens, of the tokens a boolean mask selects or of
        token positions; None once dropped (:meth:`drop_token_arrays`).

        >>> a = analyse(["Der Deckel ist zu dünn.", "The lid broke."], sentiment=False)
        >>> a.token_values("tok_li").tolist(), a.stems[a.token_values("tok_stem", [1, 6])].tolist()
        ([1, 1, 1, 1, 1, 0, 0, 0], ['deckel', 'lid'])
        >>> bool(np.array_equal(a.token_values("tok_content", slice(2, 7)), a.tok_content[2:7]))
        True
        """
        if name in self.dropped:
            return None
        if name == "tok_li":
            return self.token_lookup(self._language_table, where)
        if name not in _WORD_TABLES:
            raise ValueError(f"{name!r} is no per-token value of an analysis")
        return self.token_lookup(getattr(self, _WORD_TABLES[name]), where)

    @cached_property
    def _language_table(self) -> np.ndarray:
        """The language itself as a (language, word) table (int8), for :meth:`token_lookup`."""
        nl, nv = self.word_stem.shape
        return np.repeat(np.arange(nl, dtype=np.int8)[:, None], nv, axis=1)

    def word_ids(self, t0: int, t1: int) -> np.ndarray:
        """The word ids of tokens ``t0 .. t1-1`` as numpy's index type (read-only).

        A gather with the corpus's int32 ids converts them first (~3x slower than with intp ids), and
        the passes over a corpus read several values of each range of tokens in turn: the last range
        of at most ``_IDS_KEPT_MAX`` tokens is kept for the next read.

        >>> a = analyse(["The lid broke."], sentiment=False)
        >>> ids = a.word_ids(1, 3)
        >>> a.corpus.vocab[ids].tolist(), ids.dtype == np.intp, a.word_ids(1, 3) is ids
        (['lid', 'broke'], True, True)
        """
        kept = self._ids_kept  # (one tuple: a read on another thread sees a whole entry or the one before)
        if kept is not None and kept[0] == t0 and kept[1] == t1:
            return kept[2]
        ids = self.corpus.tok_vid[t0:t1].astype(np.intp)
        ids.flags.writeable = False
        if t1 - t0 <= _IDS_KEPT_MAX:
            self._ids_kept = (t0, t1, ids)
        return ids

    def token_lookup(self, table: np.ndarray, where=None) -> np.ndarray:
        """``table[language of the token, word id]`` for the tokens (``where`` as in
        :meth:`token_values`); ``table`` has one row per language and one column per word, e.g. a
        per-stem flag ``flag`` read per token as ``token_lookup(flag[a.word_stem])``, without the
        stem of every token.

        >>> a = analyse(["The lid broke.", "The lid is fine."], sentiment=False)
        >>> a.token_lookup(a.stems[a.word_stem] == "lid").tolist()
        [False, True, False, False, True, False, False]
        """
        c = self.corpus
        if where is not None and not isinstance(where, slice):
            where = np.asarray(where)
            pos = np.flatnonzero(where) if where.dtype == bool else where
            starts, sizes = self._other_runs
            if starts.size > _RUNS_ONE_BY_ONE:  # languages mixed document by document: (language, word) of each
                li = self.sent_li[c.tok_sent[pos]]
                return table.ravel()[li.astype(np.int64) * table.shape[1] + c.tok_vid[pos]]
            vid = c.tok_vid[pos]
            out = (np.full(pos.size, self._main_li, table.dtype) if table is self._language_table
                   else table[self._main_li][vid.astype(np.intp)])  # the most common language's row
            if starts.size and pos.size:  # the positions inside a run of another language
                # run starts and ends in turn, in the positions' dtype (the other way round numpy would convert
                # every position)
                bounds = np.column_stack([starts, starts + sizes]).ravel().astype(pos.dtype)
                if where.dtype == bool or bool((pos[1:] >= pos[:-1]).all()):  # ascending: each run's positions
                    cut = np.searchsorted(pos, bounds).reshape(-1, 2)
                    # (no Python loop over the runs: the passes over a corpus read positions chunk by chunk, and
                    # beside the sentence scoring every small call waits for the GIL)
                    q = token_ranges(cut[:, 0], cut[:, 1] - cut[:, 0])
                else:  # a position inside a run has an odd number of bounds at or before it
                    q = np.flatnonzero(np.searchsorted(bounds, pos, side="right") & 1)
                li = self.sent_li[c.tok_sent[pos[q]]]
                out[q] = table.ravel()[li.astype(np.int64) * table.shape[1] + vid[q]]
            return out
        t0, t1, _ = (slice(None) if where is None else where).indices(c.tok_vid.size)
        t1 = max(t0, t1)
        starts, sizes = self._other_runs  # tokens of sentences in another language than the most common one
        lo = np.searchsorted(starts + sizes, t0, side="right")
        hi = np.searchsorted(starts, t1, side="left")
        flat = table.ravel()
        if hi - lo > _RUNS_ONE_BY_ONE:  # languages mixed document by document: (language, word) of every token
            out = np.empty(t1 - t0, table.dtype)
            for a in range(t0, t1, 4_000_000):
                b = min(a + 4_000_000, t1)
                np.take(flat, self.sent_li[c.tok_sent[a:b]].astype(np.int64) * table.shape[1] + c.tok_vid[a:b],
                        out=out[a - t0:b - t0])
            return out
        if table is self._language_table:  # the language itself: the most common one but in the runs
            out = np.full(t1 - t0, self._main_li, table.dtype)
        else:  # tokens of the most common language: one lookup
            out = table[self._main_li][self.word_ids(t0, t1)]
        for r0, n in zip(starts[lo:hi].tolist(), sizes[lo:hi].tolist()):  # the others run by run
            a, b = max(r0, t0), min(r0 + n, t1)
            out[a - t0:b - t0] = flat[self.sent_li[c.tok_sent[a:b]].astype(np.int64) * table.shape[1] + c.tok_vid[a:b]]
        return out

    def drop_token_arrays(self, *names: str) -> None:
        """Free per-token arrays (of this analysis or of its corpus) that the caller reads no more:
        a long pipeline gives their memory back before its next stages allocate. A dropped array
        reads as None afterwards, so a later use fails loudly instead of reading stale data.

        >>> a = analyse(["The lid broke."], sentiment=False)
        >>> a.drop_token_arrays("tok_lex", "tok_cap"); a.tok_lex is None, a.corpus.tok_cap is None
        (True, True)
        """
        for name in names:
            if name == "tok_li" or name in _WORD_TABLES:
                self.dropped.add(name)
                continue
            if name not in self.corpus.__dataclass_fields__ or not name.startswith("tok_"):
                raise ValueError(f"{name!r} is no per-token array of an analysis or its corpus")
            setattr(self.corpus, name, None)
        release_memory()


def text_chunks(texts, params: dict | None = None, *, prefix=None) -> TextChunks:
    """``texts`` (and ``prefix``, e.g. titles) cut into the chunks of the text settings
    (``text.chunk_docs``), for :func:`text_corpus` to consume: once the caller drops its own
    references to the texts, each chunk's strings are freed as soon as it is tokenised."""
    return TextChunks(texts, prefix, text_settings(resolve_params(params)).chunk_docs)


def text_corpus(texts, params: dict | None = None, *, prefix=None) -> Corpus:
    """:func:`~seller_lab.text.preprocess.build_corpus` of ``texts`` (or of the :func:`text_chunks`
    of them, consumed) with the chunk size and threads of the text settings (``text.chunk_docs``,
    ``text.n_jobs``); ``prefix``: titles put first."""
    ts = text_settings(resolve_params(params))
    return build_corpus(texts, chunk_docs=ts.chunk_docs, n_jobs=ts.n_jobs, prefix=prefix)


def sentence_scores(corpus: Corpus, doc_lang: np.ndarray, doc_rating: np.ndarray | None = None,
                    params: dict | None = None, used: np.ndarray | None = None) -> pd.DataFrame:
    """The sentences of :func:`analyse` scored: the star-rating model fitted on ``doc_rating`` (stars
    per document, None = no ratings), then :func:`~seller_lab.text.sentiment.corpus_sentiment`. Reads
    the corpus and the languages only (``used``: the words of each language, :attr:`Analysed.word_used`,
    when already known).

    >>> c = text_corpus(["The lid broke.", "Great rack!"])
    >>> sentence_scores(c, np.array(["en", "en"]))["polarity"].tolist()
    ['neg', 'pos']
    """
    model = fit_rating_model(corpus, doc_lang, doc_rating, params) if doc_rating is not None else None
    return corpus_sentiment(corpus, doc_lang, doc_rating=doc_rating, params=params, model=model, used=used)


# the scoring thread beside the aspect keys trims the heap after every this many chunks: on a million real
# reviews the run peaked at 1.83-1.88 GB against 1.94-2.01 GB untrimmed (three runs each way), same wall time
_BESIDE_TRIM_CHUNKS = 4


def sentence_scores_beside(corpus: Corpus, doc_lang: np.ndarray, doc_rating: np.ndarray | None = None,
                           params: dict | None = None, used: np.ndarray | None = None) -> Background:
    """:func:`sentence_scores` computed beside the caller's next stage (``text.n_jobs`` >= 2): the
    star-rating model is fitted here, on the calling thread (its temporaries never sit next to the
    caller's), then the sentences are scored on a second thread, one chunk of
    ``text.beside_chunk_tokens`` tokens at a time (a thread keeps its chunks' freed memory in its own
    glibc arena: small chunks, and a trim every ``_BESIDE_TRIM_CHUNKS`` chunks, keep that small). The scores equal :func:`sentence_scores`' (each
    chunk's sentences are its own). With ``text.n_jobs`` 1 they are computed where the result is asked.

    >>> c = text_corpus(["The lid broke.", "Great rack!"])
    >>> sentence_scores_beside(c, np.array(["en", "en"]), np.array([1.0, 5.0])).result()["polarity"].tolist()
    ['neg', 'pos']
    """
    params = resolve_params(params)
    ts = text_settings(params)
    model = fit_rating_model(corpus, doc_lang, doc_rating, params) if doc_rating is not None else None
    release_memory()
    one_thread = {**params, "text": {**params["text"], "n_jobs": 1}}  # the second thread scores on its own
    return Background(_sentiment_trimmed, corpus, doc_lang, doc_rating=doc_rating, params=one_thread, model=model,
                      chunk_tokens=ts.beside_chunk_tokens, trim_every=_BESIDE_TRIM_CHUNKS, used=used,
                      n_jobs=ts.n_jobs)


def _sentiment_trimmed(*args, **kw) -> pd.DataFrame:
    """:func:`~seller_lab.text.sentiment.corpus_sentiment`, then the heap trimmed: the scoring thread's
    freed chunks would otherwise stay resident in its glibc arena while the caller's stage goes on."""
    out = corpus_sentiment(*args, **kw)
    release_memory()
    return out


def analyse(texts, params: dict | None = None, *, ratings=None, language=None,
            sentiment: bool = True, prefix=None) -> Analysed:
    """Tokenise, detect languages, stem, map concepts and score sentences of many texts.

    ``texts``: the texts, or their :class:`~seller_lab.text.preprocess.Corpus` already built
    (:func:`text_corpus`; the caller can then free the texts before the analysis allocates its
    arrays). ``language``: None (detect per text), one code for all, or a sequence with one code
    per text.
    """
    params = resolve_params(params)
    ts = text_settings(params)
    default_lang = (params.get("category", {}) or {}).get("language") or "en"
    corpus = texts if isinstance(texts, Corpus) else text_corpus(texts, params, prefix=prefix)
    if language is not None and not isinstance(language, str):
        doc_lang = np.asarray(list(language), dtype=object)
    elif language:
        doc_lang = np.full(corpus.n_docs, language, dtype=object)
    else:
        min_hits = ts.min_language_hits
        scores = language_scores(corpus, ts.n_jobs)
        if not (params.get("category", {}) or {}).get("slug"):
            # no category: texts without stopword evidence take the corpus's main language
            found = corpus_languages(corpus, default="", min_hits=min_hits, scores=scores)
            known = found[found != ""]
            default_lang = pd.Series(known).mode().iloc[0] if known.size else "en"
        doc_lang = corpus_languages(corpus, default=default_lang, min_hits=min_hits, scores=scores)
        del scores
    lang_code, lang_names = pd.factorize(np.asarray(doc_lang, dtype=object))  # a handful of distinct codes
    doc_li = np.array([LANG_INDEX.get(x, 0) for x in lang_names] + [0], np.int8)[lang_code]  # missing (-1) -> 0
    sent_li = doc_li[corpus.sent_doc]
    stem_ids: dict[str, int] = {}
    concepts = np.array(list(lx.CONCEPTS), dtype=object)
    concept_ids = {c: i for i, c in enumerate(concepts)}
    sw = set().union(*(lx.stopwords(lang) for lang in lx.LANGUAGES))
    vocab = corpus.vocab
    nv, nl = vocab.size, len(LANG_INDEX)
    content_v = np.array([(w not in sw) and not w.isdigit() and len(w) > 1 for w in vocab], dtype=bool)
    # per-language word tables over the vocabulary, gathered per token afterwards
    stem_tab = np.zeros((nl, nv), np.int32)
    concept_tab = np.full((nl, nv), -1, np.int16)
    lex_tab = np.zeros((nl, nv), bool)
    main_li = int(np.argmax(np.bincount(sent_li, minlength=nl))) if sent_li.size else 0
    other_runs = language_runs(corpus.tok_sent, sent_li, main_li)
    used = language_words(corpus.tok_vid, corpus.tok_sent, sent_li, nl, nv, main=main_li, runs=other_runs,
                          max_runs=_RUNS_ONE_BY_ONE)
    for lang, li in LANG_INDEX.items():
        vids = np.flatnonzero(used[li])
        if vids.size == 0:
            continue
        words = vocab[vids]
        st = vocab_stems(words, lang)
        stem_tab[li, vids] = [stem_ids.setdefault(s, len(stem_ids)) for s in st]
        cmap = _concept_stems(lang)
        cid = np.array([concept_ids[cmap[w]] if w in cmap else
                        (concept_ids[cmap[s]] if s in cmap and s not in lx.CONCEPT_WORDS_EXACT else -1)
                        for w, s in zip(words, st)], np.int16)
        if lang == "de":  # German compounds: 'Steckdosenleiste' -> power, 'Edelstahlgestell' -> steel
            heads = _compound_heads()
            for i in np.flatnonzero(cid < 0):
                w = words[i]
                if len(w) >= 8:
                    m = heads.match(w)
                    if m:
                        cid[i] = concept_ids[cmap[m.group(1)]]
        concept_tab[li, vids] = cid
        if lang == "en":
            lex = vader_valences()
            lex_tab[li, vids] = [lex.get(w, 0.0) != 0.0 for w in words]
        else:
            seed = {s for s in vocab_stems(list(lx.seed_lexicon(lang)), lang)}
            lex_tab[li, vids] = [s in seed for s in st]
    stems = np.empty(len(stem_ids), dtype=object)
    for s, i in stem_ids.items():
        stems[i] = s
    content_lv = np.broadcast_to(content_v, (nl, nv)) | (concept_tab >= 0)
    for lang, words in lx.CONTENT_DESPITE_STOPWORDS.items():
        content_lv[LANG_INDEX[lang]] |= in_words(vocab, words)
    rating = (np.full(corpus.n_docs, np.nan) if ratings is None
              else pd.to_numeric(pd.Series(list(ratings)), errors="coerce").to_numpy(float))
    release_memory()
    # the sentence scoring reads the corpus only; the per-token stems, concepts and flags are read through
    # the word tables (Analysed.token_values), never held for every token
    if sentiment:
        sentences = sentence_scores(corpus, doc_lang, None if ratings is None else rating, params, used)
    else:
        sentences = pd.DataFrame({"doc": corpus.sent_doc})
    release_memory()
    return Analysed(corpus=corpus, doc_lang=doc_lang, sent_li=sent_li, stems=stems, concepts=concepts,
                    sentences=sentences, doc_rating=rating, word_stem=stem_tab, word_concept=concept_tab,
                    word_content=content_lv, word_lex=lex_tab, word_used=used,
                    _main_li=main_li, _other_runs=other_runs)


def polarity_flags(a: Analysed) -> tuple[np.ndarray, np.ndarray]:
    """(negative, positive) flag per sentence."""
    if "polarity" not in a.sentences:
        z = np.zeros(a.corpus.n_sentences, bool)
        return z, z
    pol = a.sentences["polarity"]
    if isinstance(pol.dtype, pd.CategoricalDtype):
        codes = pol.cat.codes.to_numpy()
        cats = list(pol.cat.categories)
        return codes == cats.index("neg"), codes == cats.index("pos")
    arr = pol.astype(str).to_numpy()
    return arr == "neg", arr == "pos"


def surface_counts(a: Analysed, tok_key: np.ndarray, *, below: int | None = None,
                   step: int = 4_000_000) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The (key, word) pairs of the tokens with a key (``tok_key`` >= 0, and < ``below`` if given):
    their codes ``key * (vocabulary size + 1) + word id`` (sorted, distinct), how many tokens carry
    each and how many of those were capitalised. Counted ``step`` tokens at a time, so the result
    (a few entries per key) can outlive the per-token keys; :func:`surface_choice` labels from it.

    >>> a = analyse(["Lid broke. The lid, the LID."], sentiment=False)
    >>> key = np.where(a.corpus.vocab[a.corpus.tok_vid] == "lid", 3, -1)
    >>> [x.tolist() for x in surface_counts(a, key)][1:]  # three tokens of one word, two capitalised
    [[3], [2.0]]
    """
    nv1 = a.corpus.vocab.size + 1
    parts = []
    for t0 in range(0, tok_key.size, step):
        k = tok_key[t0:t0 + step]
        sel = (k >= 0) if below is None else ((k >= 0) & (k < below))
        if not sel.any():
            continue
        # the capital in the lowest bit: one sort counts the tokens of each code with and without it
        code = (k[sel].astype(np.int64) * nv1 + a.corpus.tok_vid[t0:t0 + step][sel]) * 2
        code += a.corpus.tok_cap[t0:t0 + step][sel]
        u2, n2 = np.unique(code, return_counts=True)
        del code
        u = u2 >> 1
        new = np.ones(u.size, bool)
        np.not_equal(u[1:], u[:-1], out=new[1:])
        at = np.cumsum(new) - 1
        parts.append((u[new], np.bincount(at, weights=n2), np.bincount(at, weights=n2 * (u2 & 1))))
    if not parts:
        return np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0)
    uc, inv = np.unique(np.concatenate([u for u, _, _ in parts]), return_inverse=True)
    cnt = np.bincount(inv, weights=np.concatenate([n for _, n, _ in parts]), minlength=uc.size).astype(np.int64)
    capn = np.bincount(inv, weights=np.concatenate([c for _, _, c in parts]), minlength=uc.size)
    return uc, cnt, capn


def surface_choice(vocab: np.ndarray, counts: tuple[np.ndarray, np.ndarray, np.ndarray], *,
                   capitalise: bool = True) -> dict[int, str]:
    """Most frequent surface word per key from :func:`surface_counts` (German nouns keep their
    capital); each key's label depends on its own entries only, so a subset of the entries labels
    a subset of the keys alike.

    >>> vocab = np.array(["gusta", "gustarme", "aufbau", "aufzubauen"], dtype=object)
    >>> nv1 = vocab.size + 1  # codes: key * (vocabulary size + 1) + word id
    >>> surface_choice(vocab, (np.array([0, 1, nv1 + 2, nv1 + 3]), np.array([40, 1, 30, 50]),
    ...                        np.array([0.0, 1.0, 30.0, 0.0])))
    {0: 'gusta', 1: 'Aufbau'}
    """
    uc, cnt, capn = counts
    if uc.size == 0:
        return {}
    kk = uc // (vocab.size + 1)
    vv = uc % (vocab.size + 1)
    # prefer the noun form (mostly capitalised: 'Aufbau' over 'aufzubauen') when it is written at least a
    # tenth as often as the key's most frequent form (not a form seen once at a sentence start: 'Gustarme'
    # for a Spanish aspect of 775 reviews); among forms used at least half as often as the most frequent
    # one, the shortest ('Teller' over 'Tellern'), then the most frequent
    top = np.zeros(int(kk.max()) + 1 if kk.size else 1)
    np.maximum.at(top, kk, cnt)
    is_noun = ((capn > 0.6 * cnt) & (cnt >= 0.1 * top[kk])).astype(int)
    kmax = np.zeros(int(kk.max()) + 1 if kk.size else 1)
    np.maximum.at(kmax, kk, cnt * (1 + is_noun))
    common = (cnt * (1 + is_noun) >= 0.5 * kmax[kk]).astype(int)
    length = np.array([len(vocab[x]) for x in vv])
    order = np.lexsort((-cnt, length, -common, -is_noun, kk))
    first = np.ones(order.size, bool)
    first[1:] = kk[order][1:] != kk[order][:-1]
    out = {}
    for i in order[first]:
        w = vocab[vv[i]]
        if capitalise and capn[i] > 0.6 * cnt[i]:
            w = w[:1].upper() + w[1:]
        out[int(kk[i])] = w
    return out


#: 'CPSC', 'ASTM': a longer word written in capitals without a digit is shouted, no acronym
ACRONYM_MAX_LETTERS = 5


def acronym_words(corpus: Corpus) -> np.ndarray:
    """Per vocabulary word: an acronym or model number most writers spell in capitals ('USB', 'OS',
    'MF12665XEM'), which a label keeps in capitals; a longer word without a digit in capitals is shouted
    ('HOW DOES THE POWER SUPPLY NOT WORK').

    >>> c = analyse(["The USB port died.", "USB cable, usb hub. DISAPPOINTING PURCHASE."], sentiment=False).corpus
    >>> c.vocab[acronym_words(c)].tolist()
    ['usb']
    """
    c = corpus
    out = np.zeros(c.vocab.size, bool)
    if c.vocab_upper is None:
        return out
    n = c.vocab_tokens if c.vocab_tokens is not None else np.bincount(c.tok_vid, minlength=c.vocab.size)
    cand = np.flatnonzero(c.vocab_upper >= 0.5 * np.maximum(n, 1))  # a few words: the string tests on them only
    out[cand] = [len(w) <= ACRONYM_MAX_LETTERS or any(ch.isdigit() for ch in w) for w in c.vocab[cand].astype(str)]
    return out


def surface_labels(a: Analysed, keys: np.ndarray, tok_key: np.ndarray, *, capitalise: bool = True) -> dict[int, str]:
    """Most frequent surface word per key (German nouns keep their capital)."""
    return surface_choice(a.corpus.vocab, surface_counts(a, tok_key), capitalise=capitalise)


def item_polarity(a: Analysed, item_sent: pd.DataFrame) -> pd.Series:
    """+1 / -1 per item: the sign most of the item's scored sentences carry (ties: +1)."""
    sc = a.sentences["score"].to_numpy() if "score" in a.sentences else np.zeros(a.corpus.n_sentences)
    sign = np.nan_to_num(np.sign(np.asarray(sc, dtype=np.float64)[item_sent["sent"].to_numpy()]))
    codes, items = pd.factorize(item_sent["item"].to_numpy(), sort=True)
    total = np.bincount(codes, weights=sign, minlength=items.size)  # one pass, no grouped Series per mention
    return pd.Series(np.where(total < 0, -1, 1), index=items)


def quote_typicality(a: Analysed, items: np.ndarray, sents: np.ndarray) -> np.ndarray:
    """Per (item, sentence): the mean share of the item's candidate sentences that use each of the
    sentence's content words (stems) — a sentence in the item's common words is typical of it."""
    if sents.size == 0:
        return np.zeros(0)
    c = a.corpus
    tok, length = sentence_tokens(c.tok_sent, sents)
    row = np.repeat(np.arange(sents.size), length)
    keep = a.token_values("tok_content", tok)
    f = pd.DataFrame({"row": row[keep], "item": np.asarray(items)[row[keep]], "stem": a.token_values("tok_stem", tok[keep])})
    f = f.drop_duplicates(["row", "stem"])
    n_rows = pd.Series(np.asarray(items)).value_counts()
    f["share"] = f.groupby(["item", "stem"])["row"].transform("size") / f["item"].map(n_rows).to_numpy()
    out = np.zeros(sents.size)
    mean = f.groupby("row")["share"].mean()
    out[mean.index.to_numpy()] = mean.to_numpy()
    return out


def sentence_lengths(corpus: Corpus, sents: np.ndarray) -> np.ndarray:
    """Number of tokens of each given sentence (tokens are in sentence order: two binary searches
    per sentence instead of a count over every token).

    >>> from seller_lab.text.preprocess import build_corpus
    >>> sentence_lengths(build_corpus(["The lid broke. Great rack, sturdy!"]), np.array([1, 0])).tolist()
    [3, 3]
    """
    sents = np.asarray(sents).astype(corpus.tok_sent.dtype)  # else numpy converts every token's sentence id
    return (np.searchsorted(corpus.tok_sent, sents, side="right")
            - np.searchsorted(corpus.tok_sent, sents, side="left"))


def _mixed_sentences(a: Analysed, sents: np.ndarray, want: np.ndarray) -> np.ndarray:
    """Per (sentence, wanted sign): the sentence also holds a lexicon word of the other sign (a word after a
    negator up to three words before it in its sentence counts with the opposite sign: 'not bad')."""
    out = np.zeros(sents.size, bool)
    if sents.size == 0:
        return out
    c = a.corpus
    uniq = distinct(sents)
    pos, n = sentence_tokens(c.tok_sent, uniq)
    val, negator = token_valences(c.vocab, c.tok_vid[pos], np.repeat(np.asarray(a.sent_li)[uniq], n))
    row = np.repeat(np.arange(uniq.size), n)
    val = np.where(after_negator(negator, row), -val, val)
    has_pos = np.bincount(row[val > 0], minlength=uniq.size) > 0
    has_neg = np.bincount(row[val < 0], minlength=uniq.size) > 0
    at = np.searchsorted(uniq, sents)
    return np.where(np.asarray(want) > 0, has_neg[at], has_pos[at])


def pick_quotes(a: Analysed, item_sent: pd.DataFrame, *, per_item: int, max_chars: int,
                prefer: str | None = None, doc_ids=None) -> pd.DataFrame:
    """Choose up to ``per_item`` representative sentences per item.

    ``item_sent`` has columns ``item`` and ``sent``. Prefers sentences of 5-40 words with the
    item's polarity (``prefer``: 'neg' or 'pos'; None = the sign most of the item's sentences
    carry; a sentence of the opposite sign is never chosen), then the most typical of the item
    (:func:`quote_typicality`), then the strongest score, one per document. Returns ``item,
    quotes (list), quote_doc_ids (list)``.
    """
    if item_sent.empty:
        return pd.DataFrame({"item": [], "quotes": [], "quote_doc_ids": []})
    own = item_polarity(a, item_sent) if prefer is None else None
    cap = 64
    per_item_rows = 400
    if len(item_sent) > 20 * per_item_rows:  # a random sample of each item's mentions is as representative
        icode, _ = pd.factorize(item_sent["item"])
        size = np.bincount(icode)
        keep_p = np.minimum(1.0, per_item_rows / np.maximum(size, 1))
        rng = np.random.default_rng(7)
        step = 4_000_000  # the same random draws as one call, without two float64 arrays per mention
        keep = np.concatenate([np.flatnonzero(rng.random(min(step, icode.size - i)) < keep_p[icode[i:i + step]]) + i
                               for i in range(0, icode.size, step)])
        item_sent = item_sent.iloc[keep]
    if len(item_sent) > 20 * cap:  # keep the best `cap` candidates per item with one numpy sort
        icode, _ = pd.factorize(item_sent["item"])
        sent_a = item_sent["sent"].to_numpy()
        sc_all = a.sentences["score"].to_numpy() if "score" in a.sentences else np.zeros(a.corpus.n_sentences)
        sc_all = np.asarray(sc_all, dtype=np.float64)[sent_a]
        st = -sc_all if prefer == "neg" else (sc_all if prefer == "pos" else np.abs(sc_all))
        nt = sentence_lengths(a.corpus, sent_a)
        bad = ((nt < 5) | (nt > 40)).astype(np.float64)
        order = np.lexsort((-st, bad, icode))
        ic = icode[order]
        first = np.ones(ic.size, bool)
        first[1:] = ic[1:] != ic[:-1]
        start = np.maximum.accumulate(np.where(first, np.arange(ic.size), 0))
        keep = order[(np.arange(ic.size) - start) < cap]
        item_sent = item_sent.iloc[np.sort(keep)]
    df = item_sent.drop_duplicates(["item", "sent"]).copy()
    sc = a.sentences["score"].to_numpy() if "score" in a.sentences else np.zeros(a.corpus.n_sentences)
    df["score"] = sc[df["sent"].to_numpy()]
    df["ntok"] = sentence_lengths(a.corpus, df["sent"].to_numpy())
    df["doc"] = a.corpus.sent_doc[df["sent"].to_numpy()]
    good_len = (df["ntok"] >= 5) & (df["ntok"] <= 40)
    if prefer == "neg":
        strength = -df["score"]
    elif prefer == "pos":
        strength = df["score"]
    else:
        strength = df["score"].abs()
    df["rank"] = np.where(good_len, 0, 1)
    df["strength"] = strength
    # the row's own polarity: never a quote that says the opposite of the row (no 'Worst shampoo I've
    # ever used' for an aspect most reviews praise); first sentences whose own words say it (lexicon),
    # then those that get it from the ratings only, then neutral ones. A sentence whose words say
    # the opposite is never chosen, whatever its review's stars.
    sign = np.sign(df["score"].to_numpy())
    want = own.reindex(df["item"]).to_numpy() if own is not None else np.where(prefer == "neg", -1, 1)
    if "compound" in a.sentences:
        lex = np.sign(np.asarray(a.sentences["compound"].to_numpy(), dtype=np.float64)[df["sent"].to_numpy()])
        agree = np.where(lex == want, 0, np.where(lex != 0, 3, np.where(sign == want, 1, np.where(sign == 0, 2, 3))))
        # a sentence whose words say both signs ('useless for my scooter - the seller's service TOP!') comes
        # after the sentences whose words say only the row's sign
        mixed = _mixed_sentences(a, df["sent"].to_numpy(), np.broadcast_to(want, agree.shape))
        df["agree"] = np.where((agree == 0) & mixed, 0.5, agree)
    else:
        df["agree"] = np.where(sign == want, 0, np.where(sign == 0, 2, 3))
    df = df[df["agree"] < 3]
    df["typical"] = quote_typicality(a, df["item"].to_numpy(), df["sent"].to_numpy())
    df = df.sort_values(["item", "rank", "agree", "typical", "strength", "sent"],
                        ascending=[True, True, True, False, False, True])
    df = df.drop_duplicates(["item", "doc"]).groupby("item", sort=False).head(per_item * 8)
    texts = a.corpus.sentence_text(df["sent"].to_numpy())
    df["quote"] = pd.Series([t if len(t) <= max_chars else t[: max_chars - 1].rstrip() + "…"
                             for t in texts], index=df.index, dtype=object)
    df["_k"] = df["quote"].astype(str).str.lower().str.replace(r"\W+", " ", regex=True).str.strip()
    df = df.drop_duplicates(["item", "_k"]).groupby("item", sort=False).head(per_item)  # no repeated quotes
    ids = (doc_ids if isinstance(doc_ids, PackedStrings) else np.asarray(doc_ids) if doc_ids is not None
           else np.arange(a.n_docs).astype(str))
    df["doc_id"] = ids[df["doc"].to_numpy()]
    g = df.groupby("item", sort=False)
    return pd.DataFrame({"item": list(g.groups), "quotes": g["quote"].agg(list).tolist(),
                         "quote_doc_ids": g["doc_id"].agg(list).tolist()})
