"""Sentence sentiment for en/de/fr/es/it, vectorised over a whole corpus.

Method
------
*English*: the VADER lexicon shipped in the ``vaderSentiment`` wheel (plus product words,
:data:`~seller_lab.text.lexicon.EN_EXTRA`), with VADER's rules approximated on token arrays:
boosters within 3 words (+/-0.293, damped 0.95/0.9 with distance), "but" (x0.5 before, x1.5
after), "!" emphasis (+0.292 each, max 4), compound = s / sqrt(s^2 + 15). Product-review
additions:

- negation (x -0.74 each) reaches ``text.negation_scope`` words (VADER: 3) within its clause and
  ends at "and" / "but" ("I never had a single problem", "no odor and easy to use");
- words VADER lacks ("flimsy", "laggy", "intuitive", "works" — "doesn't work" turns negative),
  and troubles a product is praised for not having ("no odor", "without a hitch");
- phrases whose meaning is not their words' sum (:data:`~seller_lab.text.lexicon.EN_PHRASES`:
  "could be better", "leaves a lot to be desired", "couldn't be happier", "a steal", "kind of");
- "too" before any positive word ("way too fast") and a hedge before an attribute adjective
  ("a bit heavy", :data:`~seller_lab.text.lexicon.HEDGE_WORDS`) are shortcomings, and "easily",
  "quickly", "fast", "easy" after a trouble take its sign ("scratches easily", "fall off very easy"; in the other
  languages "leicht", "schnell", "facilement", "vite", "fácilmente" ...: "verkratzt sehr schnell");
- a concessive clause ("although the photos are great, ...") counts x0.5, the rest of its
  sentence x1.5;
- letters repeated 3+ times ("sloooow") read as the word, and a clause that negates without any
  sentiment word ("it would not hang up on calls") adds ``text.negated_clause_valence``.

Every rule works on the sparse positions it concerns (negators, boosters, phrase starts, the
sentences with "but"), so scoring costs about as much as VADER's three-word rules did.

*German, French, Spanish, Italian*: a seed lexicon of 77-177 words per language (VADER scale, matched
on Snowball stems; function words whose stem is a seed's, "sich" ~ "sicher", are left out) with the
same negation/booster rules, plus "too + attribute" ("zu klein") and hedges ("etwas klein"). German
negators and French 'pas'/'jamais' also negate the words before them ("hält nicht", "ne fonctionne
pas"); a booster the seeds rate ('super') keeps its valence where it boosts no sentiment word ("Alles
super."). Measured on real Amazon reviews in docs/text_polarity.md.

*Star ratings as weak labels* (every language in ``text.model_languages``): when the mined
reviews carry at least ``text.model_min_reviews`` ratings of 1-2 or 4-5 stars in a language,
:func:`fit_rating_model` learns naive-Bayes log ratios of words and word pairs from them
(:class:`RatingModel`). A sentence the lexicon calls neutral (no sentiment word, |compound| <=
``text.neutral_band``) gets ``text.model_weight * tanh(margin / text.model_margin_scale)``; a
sentence with sentiment words keeps the lexicon's call (a weak lexicon call was right more often
than the model on every labelled set). With fewer ratings the lexicon alone scores.

*Rating-aware*: a review sentence the lexicon calls neutral is nudged by its review's stars,
``score += rating_weight * (stars - 3) / 2`` (clipped to [-1, 1]); a sentence with sentiment
words keeps its own polarity ("the lid cracked" stays negative in a 5-star review).

Accuracy on public labelled review sentences (``tests/text/test_polarity_real.py``; a line the
scorer calls neutral counts as wrong; the rating model is fitted on 1,243 real rated Amazon phone
reviews, never on the sentences scored; ``docs/text_polarity.md`` has the error analysis):

=====================================================  =======  ====================
set                                                    lexicon  + phone ratings
=====================================================  =======  ====================
UCI Amazon sentences (1,000)                           0.837    0.882
nine annotated products, opinion sentences (2,067)     0.737    0.817
Hu & Liu's five products (1,699)                       0.783    0.838
SemEval-2015 laptop sentences, one polarity (1,802)    0.752    0.833
=====================================================  =======  ====================

VADER scores 0.677 on the UCI sentences. :func:`vader_agreement` measures the approximation
against ``nltk``'s ``SentimentIntensityAnalyzer`` on a sample (pinned reference implementation).

Examples
--------
>>> df = sentence_polarity(["The lid broke after a week. I love the colour!"])
>>> df["polarity"].tolist()
['neg', 'pos']
>>> sentence_polarity(["Der Deckel ist leider zu klein. Sehr stabil und einfach aufzubauen."],
...                   language="de")["polarity"].tolist()
['neg', 'pos']
"""

from __future__ import annotations

import copy
import os
import re
from functools import lru_cache

import numpy as np
import pandas as pd
import vaderSentiment
from vaderSentiment.vaderSentiment import BOOSTER_DICT

from .common import (
    detect_complaints,
    in_words,
    language_words,
    ordered_map,
    release_memory,
    resolve_params,
    sentence_tokens,
    token_ranges,
)
from .lexicon import (
    BOOSTERS,
    BUT_WORDS,
    CONCESSIVE_WORDS,
    EN_EXTRA,
    EN_PHRASES,
    EXCESS_ADJECTIVES,
    EXCESS_VALENCE,
    HEDGE_WORDS,
    LANGUAGES,
    NEGATION_STOPS,
    NEGATORS,
    NEGATORS_AFTER,
    SEED_FALSE_FRIENDS,
    TOO_WORDS,
    TROUBLE_ADVERBS,
    TROUBLE_PARTICLES,
    TROUBLE_REACH,
    TROUBLE_TO,
    seed_lexicon,
)
from .preprocess import Corpus, build_corpus, corpus_languages, tokenize, vocab_stems
from .settings import text_settings

_RE_ELONGATED = re.compile(r"(\w)\1{2,}")
N_SCALAR = -0.74
B_INCR = 0.293
EXCL_INCR = 0.292
ALPHA = 15.0


def vader_lexicon_path() -> str:
    """Absolute path of the VADER lexicon inside the installed ``vaderSentiment`` package."""
    return os.path.join(os.path.dirname(vaderSentiment.__file__), "vader_lexicon.txt")


@lru_cache(maxsize=2)
def vader_valences(extra: bool = True) -> dict[str, float]:
    """VADER valence per word (the shipped lexicon, plus :data:`EN_EXTRA` when ``extra``)."""
    lex: dict[str, float] = {}
    with open(vader_lexicon_path(), encoding="utf-8") as fh:
        for line in fh:
            parts = line.rstrip("\n").split("\t")
            if len(parts) >= 2:
                try:
                    lex[parts[0]] = float(parts[1])
                except ValueError:
                    continue
    if extra:
        lex.update(EN_EXTRA)
    return lex


@lru_cache(maxsize=8)
def booster_words(lang: str) -> dict[str, float]:
    """Booster words of ``lang`` and their increments: VADER's for English, :data:`~.lexicon.BOOSTERS`
    for the others (the scores, the keywords and the theme labels read the same lists).

    >>> booster_words("en")["extremely"], booster_words("de")["etwas"]
    (0.293, -0.293)
    """
    return dict(BOOSTER_DICT) if lang == "en" else dict(BOOSTERS.get(lang, {}))


@lru_cache(maxsize=1)
def nltk_vader():
    """nltk's VADER with the shipped lexicon (PITFALL: its folder must be on nltk.data.path)."""
    # nltk is imported here only: it is slow to import and only the reference comparison needs it
    import nltk
    from nltk.sentiment.vader import SentimentIntensityAnalyzer

    folder = os.path.dirname(vader_lexicon_path())
    if folder not in nltk.data.path:
        nltk.data.path.append(folder)
    return SentimentIntensityAnalyzer(lexicon_file="file:" + vader_lexicon_path())


def _elongated_words(words) -> np.ndarray:
    """Positions of the words with a character written three or more times in a row ('sloooow'), found
    in one pass over the joined words (a real vocabulary has hundreds of thousands, few of them elongated).

    >>> _elongated_words(["slow", "sloooow", "ok", "greaaat"]).tolist()
    [1, 3]
    """
    if len(words) == 0:
        return np.zeros(0, np.intp)
    ends = np.cumsum(np.fromiter((len(w) + 1 for w in words), np.int64, count=len(words)))
    starts = [m.start() for m in _RE_ELONGATED.finditer("\n".join(words))]
    return np.unique(np.searchsorted(ends, starts, side="right"))


def _lang_tables(vocab: np.ndarray, lang: str, vids: np.ndarray, extra: bool = True) -> dict[str, np.ndarray]:
    """valence / negator / booster / but / too / excess flags for the words `vids` of one language."""
    words = vocab[vids]
    nv = vids.size
    val = np.zeros(nv, np.float32)
    if lang == "en":
        lex = vader_valences(extra)
        boost = booster_words(lang)
        val[:] = [lex.get(w, 0.0) for w in words]
        # 'sloooow', 'greaaat': a letter repeated 3+ times counts as the word
        for i in _elongated_words(words).tolist():
            if words[i] not in lex:
                val[i] = lex.get(_RE_ELONGATED.sub(r"\1", words[i]), 0.0)
        bst = np.array([boost.get(w, 0.0) for w in words], np.float32)
        neg = np.array([(w in NEGATORS["en"]) or ("n't" in w) for w in words], bool)
        exc = in_words(words, EXCESS_ADJECTIVES["en"])
    else:
        stems = vocab_stems(words, lang)
        seed = {}
        for w, v in seed_lexicon(lang).items():
            seed.setdefault(vocab_stems([w], lang)[0], v)
        val[:] = [seed.get(s, 0.0) for s in stems]
        val[in_words(words, SEED_FALSE_FRIENDS.get(lang, ()))] = 0.0
        boost = booster_words(lang)
        bst = np.array([boost.get(w, 0.0) for w in words], np.float32)
        neg = in_words(words, NEGATORS.get(lang, ()))
        exc_stems = set(vocab_stems(EXCESS_ADJECTIVES.get(lang, []), lang))
        exc = np.array([s in exc_stems for s in stems], bool)
    if lang == "en":
        val[bst != 0] = 0.0  # a booster word carries no valence of its own (as in VADER)
    # elsewhere a booster the seed lexicon rates ('super') keeps it where no sentiment word follows it in its
    # clause ('Alles super.'): _score_tokens
    val[neg] = 0.0
    too = in_words(words, TOO_WORDS)
    but = in_words(words, BUT_WORDS)
    hedge = in_words(words, HEDGE_WORDS.get(lang, ()))
    conc = in_words(words, CONCESSIVE_WORDS)
    stop = in_words(words, NEGATION_STOPS)
    adv = in_words(words, TROUBLE_ADVERBS.get(lang, ()))
    to = in_words(words, TROUBLE_TO.get(lang, ()))
    particle = in_words(words, TROUBLE_PARTICLES.get(lang, ()))
    back = neg & in_words(words, NEGATORS_AFTER[lang]) if lang in NEGATORS_AFTER else np.zeros(nv, bool)
    return dict(val=val, bst=bst, neg=neg, exc=exc, too=too, but=but, hedge=hedge, conc=conc, stop=stop, adv=adv,
                back=back, to=to, particle=particle)


def word_valences(vocab: np.ndarray, lang: str, vids: np.ndarray) -> np.ndarray:
    """The lexicon valence of the words ``vids`` of ``vocab`` in ``lang`` (VADER scale; 0 for boosters in
    English, for negators and for words the lexicon does not rate), as the sentence scores read them.

    >>> word_valences(np.array(["lid", "great", "broken", "not"], dtype=object), "en", np.arange(4)).tolist()
    [0.0, 3.0999999046325684, -2.0999999046325684, 0.0]
    """
    return _lang_tables(vocab, lang, np.asarray(vids, np.intp))["val"]


def token_valences(vocab: np.ndarray, vid: np.ndarray, li: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(valence, negator) per token: the :func:`word_valences` of each token's word ``vid`` in its language
    (``li``: index into ``lexicon.LANGUAGES``), and whether the word is a negator of that language.

    >>> v, n = token_valences(np.array(["great", "nicht", "gut"], dtype=object), np.array([0, 1, 2]), np.array([0, 1, 1]))
    >>> (v > 0).tolist(), n.tolist()
    ([True, False, True], [False, True, False])
    """
    vid = np.asarray(vid, np.intp)
    li = np.asarray(li)
    val = np.zeros(vid.size, np.float32)
    negator = np.zeros(vid.size, bool)
    for i in np.unique(li).tolist():
        at = np.flatnonzero(li == i)
        words = np.unique(vid[at])
        where = np.searchsorted(words, vid[at])
        val[at] = word_valences(vocab, LANGUAGES[i], words)[where]
        negator[at] = _negator_words(vocab[words], LANGUAGES[i])[where]
    return val, negator


_SENTENCE_BLOCK = 250_000  # sentences whose scores are finished together


def corpus_sentiment(corpus: Corpus, doc_lang: np.ndarray, *, doc_rating=None, params: dict | None = None,
                     model: RatingModel | None = None, chunk_tokens: int = 4_000_000,
                     trim_every: int = 0, used: np.ndarray | None = None) -> pd.DataFrame:
    """Sentence-level sentiment of a whole corpus (vectorised; see the module docstring).

    Word tables (valence, negator, booster, "but", "too", excess adjective) are built once per
    language over the vocabulary; tokens are then scored in chunks of whole sentences so that
    memory stays flat on millions of reviews.

    With a fitted :class:`RatingModel`, ``score`` adds ``text.model_weight * tanh(margin /
    text.model_margin_scale)`` of the model's sentence margin to the lexicon's ``compound`` of the
    sentences the lexicon calls neutral; ``doc_rating`` nudges those same sentences.

    Returns a frame with one row per sentence: ``doc``, ``compound`` (lexicon, -1..1), ``score``
    (lexicon + rating model, rating-aware, -1..1) and ``polarity`` (pos / neg / neu, by
    ``text.neutral_band``). ``trim_every`` > 0: the heap is trimmed (:func:`~.common.release_memory`)
    after every that many chunks, so that a thread scoring beside other work does not keep its
    freed chunks resident. ``used``: per (language, word), the word occurs in a sentence of that
    language (:func:`~.common.language_words`; ``Analysed.word_used``), when the caller has it.
    """
    ts = text_settings(params)
    band, rating_weight, model_weight = ts.neutral_band, ts.rating_weight, ts.model_weight
    ntok = corpus.tok_vid.size
    nv = corpus.vocab.size
    lang_codes = {lang: i for i, lang in enumerate(LANGUAGES)}
    codes, names = pd.factorize(np.asarray(doc_lang, dtype=object))  # a handful of distinct codes
    doc_li = np.array([lang_codes.get(x, 0) for x in names] + [0], np.int8)[codes]  # missing (-1) -> 0
    ns_ = corpus.n_sentences
    sent_li = doc_li[corpus.sent_doc] if ns_ else np.zeros(0, np.int8)
    nl = len(LANGUAGES)
    if used is None:  # (analyse has them: Analysed.word_used)
        used = language_words(corpus.tok_vid, corpus.tok_sent, sent_li, nl, nv)
    tval = np.zeros((nl, nv), np.float32)
    tbst = np.zeros((nl, nv), np.float32)
    tflag = np.zeros((nl, nv), np.uint16)  # bits: see _score_tokens
    for lang, li in lang_codes.items():
        vids = np.flatnonzero(used[li])
        if vids.size == 0:
            continue
        t = _lang_tables(corpus.vocab, lang, vids, ts.vader_extra_words)
        tval[li, vids] = t["val"]
        tbst[li, vids] = t["bst"]
        tflag[li, vids] = t["neg"] * 1 + t["exc"] * 2 + t["too"] * 4 + t["but"] * 8 + t["hedge"] * 16 + t["conc"] * 32 + t["stop"] * 64 + t["adv"] * 128 + (t["bst"] != 0) * 256 + t["back"] * 1024 + t["to"] * 2048 + t["particle"] * 4096
    del used
    s = np.zeros(ns_, np.float64)
    # chunk boundaries on sentence starts
    bounds = [0]
    # on n_jobs threads, chunks of chunk_tokens / (4 n_jobs): each thread keeps its chunks' temporaries in
    # its own glibc arena, and small chunks keep this stage's peak near the later stages' (docs/text_speed.md)
    step = chunk_tokens if ts.n_jobs <= 1 else max(chunk_tokens // (4 * ts.n_jobs), 1)
    while bounds[-1] < ntok:
        e = min(bounds[-1] + step, ntok)
        while e < ntok and corpus.tok_sent[e] == corpus.tok_sent[e - 1]:
            e += 1
        bounds.append(e)
    tables = model.tables(corpus) if model is not None else None
    phrases = phrase_ids(corpus.vocab) if "en" in lang_codes else []
    for ids, _ in phrases:  # an English word that starts a phrase
        tflag[lang_codes["en"], ids[0]] |= 512
    margin = np.zeros(ns_, np.float64)

    def part(t0: int, t1: int):
        """(first sentence, lexicon sums, model margins) of the whole sentences in tokens t0..t1"""
        s0 = int(corpus.tok_sent[t0])
        n_s = int(corpus.tok_sent[t1 - 1]) + 1 - s0
        li = sent_li[corpus.tok_sent[t0:t1]]
        lex = _score_tokens(corpus, t0, t1, sent_li, tval, tbst, tflag, n_s,
                            en_li=lang_codes["en"], negated_clause=ts.negated_clause_valence,
                            scope=ts.negation_scope, phrases=phrases, li=li, s0=s0)
        return s0, lex, None if tables is None else _model_margins(corpus, t0, t1, sent_li, tables, n_s, li=li, s0=s0)

    # chunks on text.n_jobs threads (numpy releases the GIL in their large operations); each chunk's
    # sentences are its own, so the sums do not depend on which thread scores which chunk
    for i, (s0, lex, mar) in enumerate(ordered_map(lambda span: part(*span), zip(bounds[:-1], bounds[1:]), ts.n_jobs), 1):
        s[s0:s0 + lex.size] += lex
        if mar is not None:
            margin[s0:s0 + mar.size] += mar
        if trim_every and i % trim_every == 0:
            release_memory()
    if trim_every:  # (the last chunks' temporaries too, before the sentences' blocks below)
        release_memory()
    rating = None if doc_rating is None else np.asarray(doc_rating, dtype=float)
    compound_out = np.empty(ns_, np.float32)
    score_out = np.empty(ns_, np.float32)
    codes = np.empty(ns_, np.int8)
    for a in range(0, ns_, _SENTENCE_BLOCK):  # a dozen float64 temporaries per sentence otherwise
        b = min(a + _SENTENCE_BLOCK, ns_)
        sa = s[a:b]
        excl = np.minimum(corpus.sent_excl[a:b], 4) * EXCL_INCR
        sa = np.where(sa > 0, sa + excl, np.where(sa < 0, sa - excl, sa))
        compound = sa / np.sqrt(sa * sa + ALPHA)
        # the lexicon decides where it finds sentiment, the ratings where it finds none (within the
        # neutral band): on the labelled sets a weak lexicon call is right more often than the model
        model_part = np.where(np.abs(compound) <= band, model_weight * np.tanh(margin[a:b] / ts.model_margin_scale), 0.0)
        score = np.clip(compound + model_part, -1.0, 1.0)
        if corpus.sent_quest is not None:  # a question asks, it does not judge
            score = np.where(corpus.sent_quest[a:b] > 0, score * ts.question_weight, score)
        if rating is not None:
            r = rating[corpus.sent_doc[a:b]]
            # only where the lexicon finds no sentiment: "the lid cracked" stays negative in a 5-star review
            nudge = np.where(np.isnan(r) | (np.abs(compound) > band), 0.0, rating_weight * (r - 3.0) / 2.0)
            score = np.clip(score + nudge, -1.0, 1.0)
        codes[a:b] = np.where(score > band, 2, np.where(score < -band, 0, 1))
        compound_out[a:b] = compound
        score_out[a:b] = score
    del s, margin
    polarity = pd.Categorical.from_codes(codes, categories=["neg", "neu", "pos"])
    return pd.DataFrame({"doc": corpus.sent_doc, "compound": compound_out, "score": score_out, "polarity": polarity})


@lru_cache(maxsize=1)
def _phrase_words() -> tuple[tuple[tuple[str, ...], float], ...]:
    return tuple((tuple(tokenize(p)), v) for p, v in EN_PHRASES.items())


def phrase_ids(vocab: np.ndarray) -> list[tuple[np.ndarray, float]]:
    """:data:`~seller_lab.text.lexicon.EN_PHRASES` as word ids of ``vocab`` (phrases with a word
    the vocabulary lacks cannot occur and are left out)."""
    index = pd.Index(vocab)
    out = []
    for words, v in _phrase_words():
        ids = index.get_indexer(list(words))
        if ids.size >= 2 and (ids >= 0).all():
            out.append((ids, v))
    return out


def _match_phrases(vid: np.ndarray, sent: np.ndarray, li: np.ndarray, en_li: int,
                   phrases, cand: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """English phrase matches among tokens: (positions inside a phrase, positions of a phrase's
    last word, that phrase's valence). ``cand``: the English tokens whose word starts a phrase,
    when the caller knows them."""
    n = vid.size
    none = np.zeros(0, np.int64)
    if n < 2:
        return none, none, np.zeros(0, np.float32)
    # only the tokens whose word and next word start some phrase are looked at
    nv = int(max(vid.max(), max(int(ids.max()) for ids, _ in phrases))) + 1
    if cand is None:
        first = np.zeros(nv, bool)
        first[[int(ids[0]) for ids, _ in phrases]] = True
        cand = np.flatnonzero(first[vid[:-1]])
    else:
        cand = cand[cand < n - 1]
    keys = np.array([int(ids[0]) * nv + int(ids[1]) for ids, _ in phrases], np.int64)  # each phrase's first two words
    starts = np.unique(keys)
    pair = vid[cand].astype(np.int64) * nv + vid[cand + 1]
    hit = starts[np.minimum(np.searchsorted(starts, pair), starts.size - 1)] == pair
    cand, pair = cand[hit], pair[hit]
    # the candidates grouped by their first two words (a stable sort keeps text order in a group)
    order = np.argsort(pair, kind="stable")
    cand, pair = cand[order], pair[order]
    inside, last, value = [none], [none], [np.zeros(0, np.float32)]
    # each phrase's candidates, found for all phrases at once: only the phrases with some are looked at (two
    # searches per phrase and chunk were ~19,000 small calls on a million reviews, each taking the GIL)
    lo, hi = np.searchsorted(pair, keys, side="left"), np.searchsorted(pair, keys, side="right")
    for p in np.flatnonzero(hi > lo).tolist():
        ids, v = phrases[p]
        k = ids.size
        at = cand[lo[p]:hi[p]]
        at = at[at <= n - k]
        for j in range(2, k):
            at = at[vid[at + j] == ids[j]]
        at = at[(sent[at + k - 1] == sent[at]) & (li[at] == en_li)]
        if at.size:
            inside.extend(at + j for j in range(k))
            last.append(at + k - 1)
            value.append(np.full(at.size, v, np.float32))
    return np.concatenate(inside), np.concatenate(last), np.concatenate(value)


def _sorted_distinct(x: np.ndarray) -> np.ndarray:
    """Distinct values of a sorted array."""
    keep = np.ones(x.size, bool)
    np.not_equal(x[1:], x[:-1], out=keep[1:])
    return x[keep]


def _gather_rows(tabs, row: np.ndarray, col: np.ndarray) -> list[np.ndarray]:
    """``[t[row, col] for t in tabs]`` (tables of one shape), without a flat int64 index when all
    tokens share a row (a corpus in one language)."""
    if row.size and row.min() == row.max():
        r = int(row[0])
        return [t[r].take(col) for t in tabs]
    flat = row.astype(np.intp) * tabs[0].shape[1] + col
    return [t.ravel().take(flat) for t in tabs]


def _no_start_within(first: np.ndarray, j: np.ndarray, k: int) -> np.ndarray:
    """Per position ``j``: no clause starts at ``j + 1 .. j + k`` (``j`` and ``j + k`` share a
    clause); ``first``: clause starts; all ``j + k`` must be inside the array."""
    ok = ~first[j + 1]
    for d in range(2, k + 1):
        ok &= ~first[j + d]
    return ok


def _score_tokens(corpus: Corpus, t0: int, t1: int, sent_li, tval, tbst, tflag, ns_: int,
                  en_li: int = 0, negated_clause: float = 0.0, scope: int = 3, phrases=(), li=None,
                  s0: int = 0) -> np.ndarray:
    """Sum of rule-adjusted valences per sentence for tokens t0..t1 (whole sentences): an array of
    ``ns_`` sentences from sentence ``s0`` on.

    Every rule works on the positions it concerns: the word flags (``tflag``: bit 1 negator, 2
    excess adjective, 4 too, 8 but, 16 hedge, 32 concessive, 64 ends a negation, 128 trouble
    adverb, 256 booster, 512 starts an English phrase, 1024 also negates the words before it, 2048 'to' after a
    trouble adverb ('zu', 'à' ...), 4096 particle after a trouble: 'off', 'apart') are read once per token, and 'same
    clause' is tested on the clause starts between two positions, so no rule makes a pass over
    all tokens. ``li``: language index per token when the caller has it."""
    sent = corpus.tok_sent[t0:t1]
    vid = corpus.tok_vid[t0:t1]
    if li is None:
        li = sent_li[sent]
    n = sent.size
    val, flag = _gather_rows((tval, tflag), li, vid)
    fpos = np.flatnonzero(flag)
    fbits = flag[fpos]
    if corpus.tok_clause_start is not None:
        # the clause starts; position 0 starts one whatever this says, and no test below reads it
        # (sentence starts are clause starts: build_corpus counts them in)
        first = corpus.tok_clause_start[t0:t1]
    else:
        first = np.ones(n, bool)
        first[1:] = sent[1:] != sent[:-1]
    # "too small" / "zu klein" / "a bit heavy"; English "too" also before a positive word ("way too fast")
    tpos = fpos[(fbits & (4 | 16)) != 0]
    for k in (1, 2):
        t = tpos + k
        ok = t < n
        j, t = tpos[ok], t[ok]
        ok = _no_start_within(first, j, k)
        j, t = j[ok], t[ok]
        vt = val[t]
        hit = ((((flag[t] & 2) != 0) | (((flag[j] & 4) != 0) & (li[j] == en_li) & (vt > 0))) & (vt >= 0))
        val[t[hit]] = EXCESS_VALENCE
    npos = fpos[(fbits & 1) != 0]
    bpos = fpos[(fbits & 256) != 0]
    if len(phrases):  # the phrase's valence on its last word; its words are no booster or negator
        inside, last, value = _match_phrases(vid, sent, li, en_li, phrases, cand=fpos[(fbits & 512) != 0])
        val[inside] = 0.0
        if inside.size:
            in_phrase = np.zeros(n, bool)
            in_phrase[inside] = True
            npos = npos[~in_phrase[npos]]
            bpos = bpos[~in_phrase[bpos]]
        val[last] = value
    # a booster with a valence of its own ('super', not English) says it only where it boosts no sentiment word
    # of its clause: 'Alles super.' (+), 'super schnell' (the booster on 'schnell')
    rated_bst = bpos[val[bpos] != 0]
    if rated_bst.size:
        boosts = np.zeros(rated_bst.size, bool)
        for k in (1, 2, 3):
            t = rated_bst + k
            ok = t < n
            hit = np.zeros(rated_bst.size, bool)
            hit[ok] = _no_start_within(first, rated_bst[ok], k) & (val[t[ok]] != 0)
            boosts |= hit
        val[rated_bst[boosts]] = 0.0
    # "scratches easily", "fall off very easy": the adverb takes the sign of a trouble word a few words before it
    apos = fpos[(fbits & 128) != 0]
    apos = apos[(apos + 1 >= n) | ((flag[np.minimum(apos + 1, n - 1)] & 2048) == 0)]  # not 'easy to replace'
    between_ok = np.ones(apos.size, bool)  # the words between the trouble and the adverb: boosters, particles
    for k in range(1, TROUBLE_REACH + 1):
        if k > 1:
            gap = np.maximum(apos - k + 1, 0)
            between_ok &= (apos - k + 1 >= 0) & ((flag[gap] & (256 | 4096)) != 0)
        j = apos - k
        ok = (j >= 0) & between_ok
        a_, j = apos[ok], j[ok]
        hit = _no_start_within(first, j, k) & (val[j] < 0) & (val[a_] > 0)
        val[a_[hit]] = -val[a_[hit]]
    has_val = np.flatnonzero(val)
    touched = []
    # boosters within 3 words before a sentiment word (same clause)
    damp = (1.0, 0.95, 0.9)
    add = np.zeros(n, np.float32)
    bst = tbst.ravel().take(li[bpos].astype(np.intp) * tbst.shape[1] + vid[bpos])
    for k in (1, 2, 3):
        t = bpos + k
        ok = t < n
        j, t, bj = bpos[ok], t[ok], bst[ok]
        ok = _no_start_within(first, j, k)
        np.add.at(add, t[ok], bj[ok] * np.float32(damp[k - 1]))
        touched.append(t[ok])
    # negators among the `scope` words before each word, within its clause up to "and" / "but"
    mult = np.ones(n, np.float32)
    live = npos
    for k in range(1, scope + 1):
        t = live + k
        ok = t < n
        live, t = live[ok], t[ok]
        ok = ~first[t] & ((flag[t] & 64) == 0)  # a clause start or a stop word ends the scope
        live, t = live[ok], t[ok]
        np.multiply.at(mult, t, np.float32(N_SCALAR))
        touched.append(t)
    # German puts the negation after the verb ("hält nicht", "passt leider nicht"), French 'pas' after it
    # ("ne fonctionne pas", "je ne le recommande pas"): lexicon.NEGATORS_AFTER
    back_neg = npos[(flag[npos] & 1024) != 0] if npos.size else npos
    if back_neg.size:
        fwd = []
        for k in (1, 2, 3):
            t = back_neg - k
            ok = t >= 0
            j, t = back_neg[ok], t[ok]
            ok = _no_start_within(first, t, k)
            fwd.append(t[ok][li[t[ok]] == li[j[ok]]])
        fwd = np.concatenate(fwd)  # a position twice gets the same value twice
        fwd = fwd[mult[fwd] > 0]
        mult[fwd] = mult[fwd] * np.float32(N_SCALAR)
        touched.append(fwd)
    # only where a booster or a negator reached: (val + sign(val) * add) * mult (elsewhere that is val)
    idx = np.concatenate(touched)  # a position twice gets the same value twice
    v = val[idx]
    val[idx] = np.where(v != 0, (v + np.sign(v) * add[idx]) * mult[idx], np.float32(0.0))
    del add, mult
    # "but": x0.5 before the first but of a sentence, x1.5 after it (only the sentences with a "but")
    but_pos = fpos[(fbits & 8) != 0]
    if but_pos.size:
        idx = sentence_tokens(sent, _sorted_distinct(sent[but_pos]))[0]
        sb, bb = sent[idx], (flag[idx] & 8) != 0
        fb = np.ones(idx.size, bool)
        fb[1:] = sb[1:] != sb[:-1]
        seen = _after_negator(bb, fb)  # a "but" stands before it in its sentence
        v = val[idx]
        val[idx] = np.where(seen & ~bb, v * 1.5, np.where(seen | bb, v, v * 0.5))
    conc_pos = fpos[(fbits & 32) != 0]
    if conc_pos.size:  # only the sentences with a concessive word
        idx = sentence_tokens(sent, _sorted_distinct(sent[conc_pos]))[0]
        cstart = first[idx]  # the tokens of whole sentences: each run starts a clause
        cstart[0] = True
        conc = (flag[idx] & 32) != 0
        after = _after_negator(conc, cstart)  # after a concessive word, in its clause
        s_sub = sent[idx]
        s_has = np.zeros(int(sent[-1]) + 1 - int(sent[0]), bool)
        s_has[s_sub[after] - sent[0]] = True
        v = val[idx]
        val[idx] = np.where(after, v * 0.5, np.where(s_has[s_sub - sent[0]] & ~conc, v * 1.5, v))
    # zeros add nothing to a sum: only the tokens that had a valence are summed
    score = np.bincount(sent[has_val].astype(np.intp) - s0, weights=val[has_val], minlength=ns_)
    if negated_clause:
        # an English clause that negates without any sentiment word ("it would not hang up on calls",
        # "I couldn't change the speed") states something the product fails to do
        en_neg = npos[li[npos] == en_li]
        if en_neg.size:
            starts = np.flatnonzero(first)
            if starts.size == 0 or starts[0] != 0:
                starts = np.r_[0, starts]
            cl = _sorted_distinct(np.searchsorted(starts, en_neg, side="right") - 1)
            c_end = np.append(starts, n)[cl + 1]
            c_val = np.searchsorted(has_val, c_end) > np.searchsorted(has_val, starts[cl])
            hit = cl[~c_val]
            if hit.size:
                return score + np.bincount(sent[starts[hit]].astype(np.intp) - s0, minlength=ns_) * negated_clause
    return score


def with_complaint_shift(sentences: pd.DataFrame, texts, doc_rating=None, params: dict | None = None,
                         languages=None) -> pd.DataFrame:
    """Shift unrated sentences that state a complaint or wish towards negative.

    Posts and questions have no star rating; "I wish it held big plates" carries no lexicon
    sentiment but is an unmet need. ``score -= text.complaint_shift`` for such sentences.
    """
    ts = text_settings(params)
    out = sentences.copy()
    hit = detect_complaints(pd.Series(list(texts), dtype="str"), languages=languages).to_numpy()
    unrated = np.ones(len(out), bool)
    if doc_rating is not None:
        unrated = np.isnan(np.asarray(doc_rating, dtype=float)[out["doc"].to_numpy()])
    shift = ts.complaint_shift
    out["score"] = np.where(hit & unrated, np.clip(out["score"] - shift, -1, 1), out["score"])
    band = ts.neutral_band
    out["polarity"] = np.where(out["score"] > band, "pos", np.where(out["score"] < -band, "neg", "neu"))
    return out


class RatingModel:
    """Word and word-pair polarity learned from a category's own star ratings (weak labels).

    Naive-Bayes log ratios of binary features in reviews with <= ``text.negative_stars_max`` stars
    (negative) against reviews with >= ``text.positive_stars_min`` stars (positive), per language:
    ``log(p_f) - log(q_f)``, ``p_f``/``q_f`` = the smoothed share of positive/negative reviews that
    use feature ``f`` (shares of reviews, not of words, so the longer negative reviews do not make
    every common word negative). Features are the words (a word after a negator in its clause is
    a separate feature: "not sturdy" is not "sturdy", Das & Chen 2001) and adjacent word pairs of
    one sentence. A sentence's *margin* is the sum of its features' ratios; :func:`corpus_sentiment`
    adds ``text.model_weight * tanh(margin / text.model_margin_scale)`` to the lexicon score of a
    sentence the lexicon calls neutral, so the lexicon decides where it finds sentiment words and
    the ratings decide where it finds none ("the battery lasts two days"). Features are kept as words, so a model fitted on one corpus
    applies to another (a seller's rated reviews -> posts and questions).

    Fit with :func:`fit_rating_model`. Attributes (per language): ``words_`` (word, negated)
    with ``word_weights_``; ``pairs_`` (first, second word) with ``pair_weights_``;
    ``n_reviews_`` = training reviews used.
    """

    def __init__(self) -> None:
        self.words_: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        self.word_weights_: dict[str, np.ndarray] = {}
        self.pairs_: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        self.pair_weights_: dict[str, np.ndarray] = {}
        self.n_reviews_: dict[str, int] = {}

    @property
    def languages_(self) -> tuple[str, ...]:
        return tuple(self.words_)

    def tables(self, corpus: Corpus) -> tuple[np.ndarray, np.ndarray, pd.Index, np.ndarray, np.ndarray]:
        """The model in ``corpus`` word ids: the table row of each language (languages without a
        model share a row of zeros), word weight per row x (vocab id + n_vocab if negated), pair
        keys ``(language * n_vocab + first) * n_vocab + second`` (an index), pair weights, and
        the negator flag per row x vocab id."""
        nv = corpus.vocab.size
        index = pd.Index(corpus.vocab)
        row_of = np.full(len(LANGUAGES), len(self.words_), np.int8)
        uni = np.zeros((len(self.words_) + 1, 2 * nv), np.float32)
        negator = np.zeros((len(self.words_) + 1, nv), bool)
        keys, weights = [], []
        for row, lang in enumerate(self.words_):
            li = LANGUAGES.index(lang)
            row_of[li] = row
            negator[row] = _negator_words(corpus.vocab, lang)
            words, negated = self.words_[lang]
            vid = index.get_indexer(words)
            ok = vid >= 0
            uni[row, vid[ok] + nv * negated[ok]] = self.word_weights_[lang][ok]
            a, b = self.pairs_[lang]
            va, vb = index.get_indexer(a), index.get_indexer(b)
            ok = (va >= 0) & (vb >= 0)
            keys.append((li * nv + va[ok].astype(np.int64)) * nv + vb[ok])
            weights.append(self.pair_weights_[lang][ok])
        key = np.concatenate(keys) if keys else np.zeros(0, np.int64)
        w = np.concatenate(weights).astype(np.float32) if weights else np.zeros(0, np.float32)
        return row_of, uni, pd.Index(key), w, negator  # a hash index: one lookup per word pair of the corpus


def _negator_words(vocab: np.ndarray, lang: str | None) -> np.ndarray:
    """Per vocabulary word: a negator of ``lang`` ("not", "never", "don't", "nicht" ...; None: of any language).

    >>> _negator_words(np.array(["isn't", "nicht", "lid"], dtype=object), None).tolist()
    [True, True, False]
    """
    neg = in_words(vocab, NEGATORS.get(lang, ()) if lang else set().union(*NEGATORS.values()))
    if lang in ("en", None):  # no fixed-width str copy of the vocabulary: one long token would size every row
        neg |= np.fromiter(("n't" in w for w in vocab), bool, count=vocab.size)
    return neg


def negator_words(vocab: np.ndarray) -> np.ndarray:
    """Per vocabulary word: a negator of any of the five languages ('isn't', 'nicht', 'jamais' ...)."""
    return _negator_words(vocab, None)


def _after_negator(neg: np.ndarray, clause_start: np.ndarray) -> np.ndarray:
    """Per token (whole clauses, in text order): a negator stands before it in its clause."""
    before = np.cumsum(neg, dtype=np.int32) - neg  # negators before each token
    at_start = np.where(clause_start, before, 0)
    return before > np.maximum.accumulate(at_start)  # ... minus those before its clause


def _model_margins(corpus: Corpus, t0: int, t1: int, sent_li: np.ndarray, tables, ns_: int,
                   li: np.ndarray | None = None, s0: int = 0) -> np.ndarray:
    """Sum of the rating model's word and pair weights per sentence, tokens t0..t1 (whole sentences):
    an array of ``ns_`` sentences from sentence ``s0`` on. ``li``: language index per token when
    the caller has it."""
    row_of, uni, key, w, negator = tables
    nv = corpus.vocab.size
    sent = corpus.tok_sent[t0:t1]
    vid = corpus.tok_vid[t0:t1]
    if li is None:
        li = sent_li[sent]
    row = row_of[li]
    n = vid.size
    # the words after a negator in its clause read as their negated feature (vocab id + n_vocab)
    weight, is_neg = _gather_rows((uni[:, :nv], negator), row, vid)
    negated = _after_negator_at(np.flatnonzero(is_neg), sent, corpus.tok_clause_start, t0, n)
    if negated.size:
        weight[negated] = uni[row[negated], vid[negated] + nv]
    # with weights, np.bincount is 2.6-3.2x slower on int32 indices than on intp: one intp copy for both sums
    local = sent.astype(np.intp)
    if s0:
        local -= s0
    m = np.bincount(local, weights=weight, minlength=ns_)
    if len(key) and sent.size > 1:
        pair = vid[:-1].astype(np.int64) * nv + vid[1:]
        other = np.flatnonzero(li[:-1])  # tokens not in language 0
        pair[other] += li[other].astype(np.int64) * nv * nv
        wt = np.append(w, np.float32(0.0))[key.get_indexer(pair)]  # -1 (not a model pair) -> 0
        wt[sent[1:] != sent[:-1]] = 0.0  # pairs across a sentence end
        m += np.bincount(local[:-1], weights=wt, minlength=ns_)
    return m


def _after_negator_at(neg: np.ndarray, sent: np.ndarray, clause_start: np.ndarray | None, t0: int,
                      n: int) -> np.ndarray:
    """Positions (some may be listed twice) of the tokens with a negator before them in their
    clause (clauses end at a sentence end or a clause start), given the negators' positions ``neg`` among the ``n``
    tokens from ``t0`` on: what :func:`_after_negator` gives for the clause starts and sentence
    starts, found from the negators alone."""
    if neg.size == 0:
        return neg
    end = np.searchsorted(sent, sent[neg], side="right")  # the end of each negator's sentence
    if clause_start is not None:
        starts = np.flatnonzero(clause_start[t0:t0 + n])
        nxt = np.searchsorted(starts, neg, side="right")
        end = np.minimum(end, np.append(starts, n)[nxt])
    return token_ranges(neg + 1, end - neg - 1)  # two negators in a clause: positions listed twice


def fit_rating_model(corpus: Corpus, doc_lang: np.ndarray, doc_rating, params: dict | None = None) -> RatingModel | None:
    """Learn sentence polarity from the star ratings of the reviews in ``corpus`` (weak labels).

    Per language in ``text.model_languages`` with at least ``text.model_min_reviews`` reviews of
    1-2 or 4-5 stars, both sides present (at most ``text.model_max_docs`` of them, a random
    sample, are used): every word (negated or not) and adjacent word pair in at least
    ``text.model_min_df`` of those reviews gets the log ratio of the shares of positive and
    negative reviews using it (smoothed by ``text.model_alpha``), see :class:`RatingModel`.
    Returns ``None`` when no language qualifies (then the lexicon alone scores every sentence).

    Vectorised: one sort of (feature, review) keys per language. At 100k reviews (6M tokens) the
    fit takes 0.2 s CPU and fit + scoring add 0.55 s CPU to the text step
    (``benchmarks/bench_rating_model.py``, measured on a loaded 2-core machine).
    """
    ts = text_settings(params)
    neg_max, pos_min, alpha = ts.negative_stars_max, ts.positive_stars_min, ts.model_alpha
    rating = np.asarray(doc_rating, dtype=float)
    langs = np.asarray(doc_lang, dtype=object)
    rng = np.random.default_rng(ts.random_state)
    nv = corpus.vocab.size
    model = RatingModel()
    for lang in ts.model_languages:
        docs = np.flatnonzero((langs == lang) & ((rating <= neg_max) | (rating >= pos_min)))
        if docs.size < ts.model_min_reviews:
            continue
        if docs.size > ts.model_max_docs:
            docs = np.sort(rng.choice(docs, ts.model_max_docs, replace=False))
        y = rating[docs] >= pos_min
        if y.all() or (~y).all():
            continue
        # the chosen reviews' tokens (tokens are in document order) and each one's review row
        # (through the sentences, which are in document order too: no per-token document array is built)
        sents = [np.searchsorted(corpus.sent_doc, docs.astype(corpus.sent_doc.dtype), side=side)
                 for side in ("left", "right")]
        lo, hi = (np.searchsorted(corpus.tok_sent, s.astype(corpus.tok_sent.dtype), side="left") for s in sents)
        size = hi - lo
        tok = token_ranges(lo, size)
        tok_row = np.repeat(np.arange(docs.size), size)
        vid = corpus.tok_vid[tok].astype(np.int64)
        sent = corpus.tok_sent[tok]
        first = np.ones(tok.size, bool)
        first[1:] = sent[1:] != sent[:-1]
        if corpus.tok_clause_start is not None:
            first |= corpus.tok_clause_start[tok]
        negated = _after_negator(_negator_words(corpus.vocab, lang)[vid], first)
        at = np.flatnonzero(sent[1:] == sent[:-1])  # adjacent words of one sentence
        feat = np.concatenate([vid + nv * negated, 2 * nv + vid[at] * nv + vid[at + 1]])
        doc = np.concatenate([tok_row, tok_row[at]])
        # each feature once per review (binary), grouped by feature: one sort (numpy 2.4's plain
        # np.unique hashes, ~50x slower than a sort on millions of distinct int64 keys); the review
        # row takes the low bits (a shift and a mask instead of an integer division)
        bits = max(1, int(docs.size - 1).bit_length())
        code = np.sort((feat << bits) | doc)
        code = code[np.r_[True, code[1:] != code[:-1]]]
        feat, doc = code >> bits, code & ((1 << bits) - 1)
        first = np.r_[True, feat[1:] != feat[:-1]]
        uf, inv = feat[first], np.cumsum(first) - 1
        n_pos = np.bincount(inv, weights=y[doc], minlength=uf.size)
        n_all = np.bincount(inv, minlength=uf.size)
        keep = n_all >= ts.model_min_df
        uf, n_pos, n_neg = uf[keep], n_pos[keep], (n_all - n_pos)[keep]
        if uf.size == 0:
            continue
        n_p = int(y.sum())
        ratio = (np.log((n_pos + alpha) / (n_p + 2 * alpha))
                 - np.log((n_neg + alpha) / (y.size - n_p + 2 * alpha))).astype(np.float32)
        is_word = uf < 2 * nv
        model.words_[lang] = (corpus.vocab[uf[is_word] % nv], uf[is_word] >= nv)
        model.word_weights_[lang] = ratio[is_word]
        pk = uf[~is_word] - 2 * nv
        model.pairs_[lang] = (corpus.vocab[pk // nv], corpus.vocab[pk % nv])
        model.pair_weights_[lang] = ratio[~is_word]
        model.n_reviews_[lang] = int(docs.size)
    return model if model.words_ else None


def rating_model_from_texts(texts, ratings, *, language: str | None = None, params: dict | None = None) -> RatingModel | None:
    """:func:`fit_rating_model` on raw review texts and their star ratings (e.g. a seller's own
    rated reviews, to score posts or questions of the same category with ``model=``).

    >>> good = ["Sturdy and well made, the shelf holds everything.", "Holds all my pans, well made."]
    >>> bad = ["The shelf wobbles and the screws came loose.", "Screws came loose after a week."]
    >>> m = rating_model_from_texts(good * 100 + bad * 100, [5] * 200 + [1] * 200, language="en")
    >>> m.languages_, m.n_reviews_["en"]
    (('en',), 400)
    """
    params = resolve_params(params)
    s = texts if isinstance(texts, pd.Series) else pd.Series(list(texts), dtype="str")
    corpus = build_corpus(s)
    langs = _languages(corpus, language, params)
    rating = pd.to_numeric(pd.Series(list(ratings)), errors="coerce").to_numpy(float)
    return fit_rating_model(corpus, langs, rating, params)


def _languages(corpus: Corpus, language: str | None, params: dict) -> np.ndarray:
    if language:
        return np.full(corpus.n_docs, language, dtype=object)
    default = ((params or {}).get("category", {}) or {}).get("language", "en") or "en"
    return corpus_languages(corpus, default=default)


def sentence_polarity(texts, *, language: str | None = None, ratings=None, params: dict | None = None,
                      model: RatingModel | None = None) -> pd.DataFrame:
    """Split texts into sentences and score each (pos / neg / neu).

    Parameters
    ----------
    texts : sequence of str or pandas.Series
    language : force one language (en/de/fr/es/it); ``None`` detects it per text
    ratings : optional star ratings per text: each rated sentence without a sentiment word is
        nudged by its stars (``text.rating_weight``) and, unless ``model`` is given, a :class:`RatingModel` is fitted
        on them (:func:`fit_rating_model`; the lexicon alone when there are too few)
    params : loaded params (``text`` section); defaults are used when ``None``
    model : a fitted :class:`RatingModel` (e.g. from :func:`rating_model_from_texts` on other,
        rated reviews of the category) to score these texts with

    Returns
    -------
    DataFrame with ``doc`` (position of the text), ``sentence``, ``language``, ``compound``,
    ``score``, ``polarity``.

    Examples
    --------
    >>> sentence_polarity(["Not sturdy at all.", "Works great, no complaints."])["polarity"].tolist()
    ['neg', 'pos']
    """
    params = resolve_params(params)
    s = texts if isinstance(texts, pd.Series) else pd.Series(list(texts), dtype="str")
    corpus = build_corpus(s)
    langs = _languages(corpus, language, params)
    rating = None if ratings is None else pd.to_numeric(pd.Series(list(ratings)), errors="coerce").to_numpy(float)
    if model is None and rating is not None:
        model = fit_rating_model(corpus, langs, rating, params)
    df = corpus_sentiment(corpus, langs, doc_rating=rating, params=params, model=model)
    sent_text = corpus.sentence_text(np.arange(corpus.n_sentences))
    df = with_complaint_shift(df, sent_text, rating, params, languages=langs[df["doc"].to_numpy()] if len(df) else None)
    df.insert(1, "sentence", sent_text)
    df.insert(2, "language", langs[df["doc"].to_numpy()] if len(df) else [])
    return df


def vader_agreement(texts, params: dict | None = None) -> dict:
    """Compare the vectorised English scorer with nltk's VADER on the same sentences.

    Both use the VADER lexicon alone (the product words of ``EN_EXTRA`` are switched off), so
    the figures measure how well the vectorised rules approximate VADER's. Returns ``{"n", "pearson_r", "label_agreement"}`` (labels pos/neg/neu at +/-0.05).

    >>> r = vader_agreement(["This rack is great!", "The lid is not good.", "It arrived on Monday."])
    >>> r["label_agreement"]
    1.0
    """
    params = copy.deepcopy(resolve_params(params))
    params.setdefault("text", {})["vader_extra_words"] = False  # compare the rules, same lexicon
    df = sentence_polarity(texts, language="en", params=params)
    sia = nltk_vader()
    ref = np.array([sia.polarity_scores(t)["compound"] for t in df["sentence"]])
    ours = df["compound"].to_numpy()
    lab = lambda x: np.where(x >= 0.05, 1, np.where(x <= -0.05, -1, 0))  # noqa: E731
    r = float(np.corrcoef(ours, ref)[0, 1]) if len(df) > 2 and ref.std() > 0 and ours.std() > 0 else float("nan")
    return {"n": int(len(df)), "pearson_r": r, "label_agreement": float((lab(ours) == lab(ref)).mean())}
