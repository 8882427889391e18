"""Themes from short statements (pain points, questions): one theme per underlying problem
across word forms, synonyms and the five languages, with a readable label.

How
---
1. **Features** per statement (no embeddings): the shared multilingual *concepts* of
   :data:`~seller_lab.text.lexicon.CONCEPTS` ("Stecker", "Steckdose", "230v", "plug" ->
   *power*; "Teller", "plates" -> *plate*), the question intents of
   :data:`~seller_lab.text.lexicon.QUESTION_INTENTS` (how long it lasts, what is included, model
   numbers …; for questions only), the Snowball stems of the other content words, and character
   4-grams of the content words ("Roststellen" and "rostet" share "rost"). A stem in more than
   ``text.theme_subject_share`` of the statements is what they are all about ('filter' in filter
   questions) and counts as the product type (:func:`subject_mask`). A word keeps only the sense
   its context gives it (:func:`context_features`): 'pipe size' asks the pipe's size, 'Brand
   new' nothing about the brand, 'how do you remove the old filter?' how to install it.
   Each block is TF-IDF weighted (sublinear, l2) and the blocks are weighted by
   ``text.theme_weights`` (concepts count most).
2. **Clusters**: scikit-learn ``AgglomerativeClustering`` (cosine distance, average linkage,
   cut at ``theme_distance``) on up to ``max_fit_rows`` statements; every statement then joins
   the most similar cluster centroid, or none when the similarity is below
   ``1 - theme_distance``.
3. **One theme per problem**: clusters whose *key* (a concept, else a stem, shared by at least
   ``text.theme_key_share`` of the cluster's statements; size/ease qualifiers such as *large*
   never count) is the same merge, so the German and English statements of one problem end
   in one theme ('große Teller passen nicht' and 'big plates don't fit' share *plate*).
   Questions key on their intent first, and a question asking for an intent leaves a topic
   theme for its intent's theme (:func:`_to_intent_themes`).
4. **Label**: the most frequent word sequence (2-5 words) of the theme's statements that
   contains a key word, starts and ends on a content word (a negation may end it: 'passen
   nicht') and has at least two content words — "rostet nach wenigen Wochen", "großen Teller
   passen" — never a lone adjective, a filler or a product-type word. Questions get a "?".
5. **Concept**: the lexicon concept a label says and its Chinese name
   (:attr:`Themes.concept_zh`: 'rostet nach wenigen Wochen' -> '生锈'), shown next to the
   customer's phrase in Chinese reports.

Examples
--------
>>> from seller_lab.text._core import analyse
>>> import numpy as np
>>> texts = ["The rack rusted after a few weeks.", "Rust spots after a few weeks, annoying.",
...          "Rostet nach wenigen Wochen.", "Es rostet nach wenigen Wochen an den Streben.",
...          "Big plates don't fit in the rack.", "Our big plates don't fit, slots too narrow.",
...          "Große Teller passen nicht.", "Meine großen Teller passen nicht rein."]
>>> a = analyse(texts, sentiment=False)
>>> th = find_themes(a, a.corpus.tok_doc, len(texts), product_words=["rack"])
>>> th.assign.tolist()
[0, 0, 0, 0, 1, 1, 1, 1]
>>> [th.keys[0], th.keys[1]]
['rust', 'plate']
>>> th.concept_zh
['生锈', '盘子']
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
import pandas as pd
from scipy import sparse

from . import lexicon as lx
from ._core import Analysed, acronym_words
from .common import after_negator, in_words, sentence_tokens
from .sentiment import booster_words, negator_words, token_valences
from .settings import text_settings

_GENERIC_CONCEPTS = frozenset({"fit"})
# concepts that qualify a problem ('große Teller', 'easy to fit') but are not one: never a theme key
_QUALIFIER_CONCEPTS = frozenset({"large", "small", "easy", "fit", "strong"})


def _token_keys(a: Analysed, intents: bool = True, ask: bool = False) -> np.ndarray:
    """Concept, question intent or stem id per token (the feature numbering of :func:`token_features`);
    without ``intents`` an intent word keeps its stem ('the return window closed last week' asks
    nothing about how long it lasts). With ``ask`` (questions), the intent phrases of
    :data:`~seller_lab.text.lexicon.INTENT_PHRASES` ('work with', 'same as') and the words of the
    *fit* concept ask whether it is compatible."""
    nc, ni = a.concepts.size, len(lx.QUESTION_INTENTS)
    intent = _intent_of_vocab(a.corpus.vocab)[a.corpus.tok_vid]
    other_sense = _other_sense(a)
    intent[other_sense] = -1
    concept = _negated_concepts(a, np.where(other_sense, -1, a.tok_concept), keep=other_sense)
    compound = _hyphen_concepts(a)
    concept = np.where(compound >= 0, compound, concept)
    separable = _separable_concepts(a)[0]
    concept = np.where(separable >= 0, separable, concept)
    insulation = np.flatnonzero(a.concepts == "insulation")
    if insulation.size:  # 'hält nicht lange heiß', 'keeps coffee hot'
        concept = np.where(_kept_warm(a), insulation[0], concept)
    if not intents:
        intent[:] = -1
    elif ask:
        intent = np.where(intent >= 0, intent, _phrase_intents(a))
        concept = np.where(concept >= 0, concept, _phrase_concepts(a))
        fit = [i for i, name in enumerate(a.concepts) if name in _GENERIC_CONCEPTS]
        is_fit = np.isin(concept, fit)
        intent[is_fit] = list(lx.QUESTION_INTENTS).index("compatible")
        concept = np.where(is_fit, -1, concept)
    return np.where(concept >= 0, concept,
                    np.where(intent >= 0, nc + intent, nc + ni + _theme_stems(a))).astype(np.int64)


def _negated_concepts(a: Analysed, concept: np.ndarray, keep: np.ndarray | None = None) -> np.ndarray:
    """``concept`` (per token) with the words of :data:`~seller_lab.text.lexicon.NEGATED_CONCEPT_WORDS` after a
    negator keyed by their concept ('nicht dicht', 'not waterproof': *water*; 'nicht stabil': *wobbly*, not
    *stable*), so that a problem said both ways is one theme ('Becher undicht', 'Becher nie dicht'); not the tokens
    ``keep`` marks (a word in another sense: 'keine stabile Verbindung')."""
    c = a.corpus
    ids = {str(name): i for i, name in enumerate(a.concepts)}
    words = {dst: {w for ws in by_lang.values() for w in ws} for dst, by_lang in lx.NEGATED_CONCEPT_WORDS.items()
             if dst in ids}
    if c.tok_vid.size < 2 or not words:
        return concept
    neg = negator_words(c.vocab)[c.tok_vid]  # also 'isn't', 'doesn't'
    # 'nicht nur stabil', 'not only sturdy' negate nothing
    neg[:-1] &= ~(in_words(c.vocab, _NOT_ONLY)[c.tok_vid[1:]] & (c.tok_sent[1:] == c.tok_sent[:-1]))
    after = after_negator(neg, c.tok_sent)
    if keep is not None:
        after &= ~keep
    out = concept.copy()
    for dst, ws in words.items():
        out[after & in_words(c.vocab, ws)[c.tok_vid]] = ids[dst]
    return out


def downside_sentences(a: Analysed, sents: np.ndarray) -> np.ndarray:
    """Per sentence of ``sents`` (ascending ids; praise: positive sentences of 4-5-star reviews): it states a
    downside, a word of a problem concept (:data:`~seller_lab.text.lexicon.PROBLEM_CONCEPTS`, in that sense) in
    a clause with neither a negator ('less' too) nor a positive word ('They work but are thin.', 'one of the flowers did
    fall off', 'the heart popped out after dropping once but everything else was fine'); not 'They don't fall
    off', 'no smell', 'less mess', 'it smells nice'. Praise themes leave these out: on 3,000 real 4-5-star English Amazon
    reviews (MARC) they made praise themes labelled 'break easily', 'fall off very easy' and 'pretty thin'.

    >>> from seller_lab.text._core import analyse
    >>> a = analyse(["They work but are thin.", "They don't fall off.", "Smells nice.", "Great lid."], language="en")
    >>> downside_sentences(a, np.arange(4)).tolist()
    [True, False, False, False]
    """
    c = a.corpus
    sents = np.asarray(sents, np.int64)
    out = np.zeros(sents.size, bool)
    tok, n_tok = sentence_tokens(c.tok_sent, sents)
    problem = np.flatnonzero(np.isin(a.concepts.astype(str), list(lx.PROBLEM_CONCEPTS)))
    if tok.size == 0 or problem.size == 0:
        return out
    vid = c.tok_vid[tok]
    li = a.token_values("tok_li", tok)
    is_problem = np.isin(a.token_values("tok_concept", tok), problem) & ~_other_sense(a)[tok]
    if not is_problem.any():
        return out
    val, negator = token_valences(c.vocab, vid, li)
    row = np.repeat(np.arange(sents.size), n_tok)
    starts = c.tok_clause_start[tok] if c.tok_clause_start is not None else np.zeros(tok.size, bool)
    breaks = starts | in_words(c.vocab, lx.BUT_WORDS)[vid] | np.r_[True, row[1:] != row[:-1]]
    clause = np.cumsum(breaks) - 1
    n_cl = int(clause[-1]) + 1
    said = np.bincount(clause, weights=is_problem, minlength=n_cl) > 0
    less = in_words(c.vocab, _LESS_WORDS)[vid]  # 'less mess'; not 'less than a week' ('broke in less than a week')
    less[:-1] &= ~in_words(c.vocab, _THAN_WORDS)[vid[1:]]
    softened = np.bincount(clause, weights=negator | less | (val > 0), minlength=n_cl) > 0
    bad = said & ~softened
    out[np.unique(row[bad[clause]])] = True
    return out


# intensifiers ('echt billig', 'really cheap') and discourse words ('eigentlich', 'pourtant') of every language: never a
# theme's feature nor a label's content (on 4,000 real 1-2-star German Amazon reviews, MARC, 'echt' and 'eigentlich' keyed
# themes of 24 and 23 statements)
_BOOSTERS = frozenset({w for lang in lx.LANGUAGES for w in booster_words(lang)} | lx.KEYWORD_FILLERS)
_NOT_ONLY = frozenset("nur only just merely seulement solo sólo solamente soltanto".split())


def _other_sense(a: Analysed) -> np.ndarray:
    """Per token: a concept or intent word that the next word of its sentence gives another sense
    (:data:`~seller_lab.text.lexicon.SENSE_CANCELLED_BY_NEXT`: 'Brand new', 'the last time I
    bought', 'plugged in', 'pops up', 'low quality'), the word before it
    (:data:`~seller_lab.text.lexicon.SENSE_CANCELLED_BY_PREV`: 'lässt sich schwer öffnen'), a word a few words
    before it in its clause (:data:`~seller_lab.text.lexicon.SENSE_CANCELLED_BY_EARLIER`: 'the price was incredibly
    low') or the last word of its clause (:data:`~seller_lab.text.lexicon.SENSE_CANCELLED_BY_CLAUSE_END`: 'fällt
    eher klein aus'): it keeps only its stem."""
    c = a.corpus
    n_tok = c.tok_vid.size
    out = np.zeros(n_tok, bool)
    if n_tok < 2:
        return out
    clause_id = _clause_ids(c)
    for table, offsets, group in ((lx.SENSE_CANCELLED_BY_NEXT, (1,), c.tok_sent),
                                  (lx.SENSE_CANCELLED_BY_PREV, (-1,), c.tok_sent),
                                  (lx.SENSE_CANCELLED_BY_EARLIER, range(-1, -lx.SENSE_EARLIER_WINDOW - 1, -1), clause_id)):
        out |= _context_pairs(a, _table_pairs(table), offsets, group)[0] >= 0
    # the last word of the clause: one position per token, not an offset
    table = lx.SENSE_CANCELLED_BY_CLAUSE_END
    index = _vocab_index(c.vocab, set(table) | {x for xs in table.values() for x in xs})
    pairs = np.array([index[w] * c.vocab.size + index[x] for w, xs in table.items() if w in index
                      for x in xs if x in index], np.int64)
    if pairs.size:
        clause_last = np.r_[np.flatnonzero(np.diff(clause_id)), n_tok - 1]
        at = np.flatnonzero(np.isin(c.tok_vid, np.unique(pairs // c.vocab.size)))
        last = clause_last[clause_id[at] - 1]
        ok = last > at
        out[at[ok][np.isin(c.tok_vid[at[ok]].astype(np.int64) * c.vocab.size + c.tok_vid[last[ok]], pairs)]] = True
    return out


def _table_pairs(table: dict[str, frozenset[str]]) -> dict[tuple[str, str], int]:
    """A word -> context words table as the (word, context word) pairs of :func:`_context_pairs`."""
    return {(w, x): 1 for w, xs in table.items() for x in xs}


def _clause_ids(c) -> np.ndarray:
    """Clause number per token (a clause starts at a sentence or after , : ( ) "): tokens of one clause share it."""
    n_tok = c.tok_vid.size
    start = np.r_[True, c.tok_sent[1:] != c.tok_sent[:-1]]
    if c.tok_clause_start is not None:
        start = start | c.tok_clause_start
    return np.cumsum(start, dtype=np.int32 if n_tok < 2 ** 31 else np.int64)


def _context_pairs(a: Analysed, pairs: dict[tuple[str, str], int], offsets, group: np.ndarray
                   ) -> tuple[np.ndarray, np.ndarray]:
    """(value, position) per token, -1 where none: for a token whose word is the first of a pair of ``pairs``
    ((word, context word) -> value), the value of the first of ``offsets`` (positions relative to the token, in
    the order given) holding that pair's context word in the token's ``group`` (its sentence or clause number
    per token), and that position. Pairs are matched as one int64 code each; only the tokens of the pairs'
    first words are looked at.

    >>> from seller_lab.text._core import analyse
    >>> a = analyse(["Der Becher läuft ständig aus."], sentiment=False)
    >>> v, at = _context_pairs(a, {("läuft", "aus"): 7}, range(1, 4), a.corpus.tok_sent)
    >>> v.tolist(), at.tolist()
    ([-1, -1, 7, -1, -1], [-1, -1, 4, -1, -1])
    """
    c = a.corpus
    n, nv = c.tok_vid.size, c.vocab.size
    value = np.full(n, -1, np.int64)
    where = np.full(n, -1, np.int64)
    index = _vocab_index(c.vocab, {w for pair in pairs for w in pair})
    codes = {index[w] * nv + index[x]: v for (w, x), v in pairs.items() if w in index and x in index}
    if not codes or n < 2:
        return value, where
    known = np.array(sorted(codes), np.int64)
    values = np.array([codes[int(k)] for k in known], np.int64)
    at = np.flatnonzero(np.isin(c.tok_vid, np.unique(known // nv)))
    word = c.tok_vid[at].astype(np.int64) * nv
    for k in offsets:
        j = np.clip(at + k, 0, n - 1)
        code = word + c.tok_vid[j]
        hit = (at + k >= 0) & (at + k < n) & (group[j] == group[at]) & (where[at] < 0) & np.isin(code, known)
        where[at[hit]] = j[hit]
        value[at[hit]] = values[np.searchsorted(known, code[hit])]
    return value, where


def _theme_stems(a: Analysed) -> np.ndarray:
    """Stem id per token, the words of one :data:`~seller_lab.text.lexicon.THEME_SYNONYMS` group
    sharing the stem of the group's first word in the text ('display', 'monitor' -> 'screen')."""
    c = a.corpus
    index = _vocab_index(c.vocab, _SYNONYM_WORDS)
    stem = a.tok_stem  # (derived on each read: read once)
    if len(index) < 2:
        return stem
    stem_of = np.full(c.vocab.size, -1, np.int64)
    stem_of[c.tok_vid] = stem
    canon = np.full(c.vocab.size, -1, np.int64)
    for group in lx.THEME_SYNONYMS:
        present = [index[w] for w in group if w in index and stem_of[index[w]] >= 0]
        if len(present) > 1:
            canon[present] = stem_of[present[0]]
    mapped = canon[c.tok_vid]
    return np.where(mapped >= 0, mapped, stem)


_SYNONYM_WORDS = frozenset(w for group in lx.THEME_SYNONYMS for w in group)


def _synonym_features(a: Analysed) -> np.ndarray:
    """Feature ids (stems, numbered as in :func:`token_features`) of the words of
    :data:`~seller_lab.text.lexicon.THEME_SYNONYMS` in the text: parts, like concepts."""
    is_syn = in_words(a.corpus.vocab, _SYNONYM_WORDS)[a.corpus.tok_vid] & (a.tok_concept < 0)
    return np.unique(n_concept_features(a) + _theme_stems(a)[is_syn])


def _vocab_index(vocab: np.ndarray, words) -> dict[str, int]:
    """Vocabulary id of each of ``words`` that is in the vocabulary."""
    ids = np.flatnonzero(in_words(vocab, words))
    return {str(vocab[i]): int(i) for i in ids}


def _theme_content(a: Analysed) -> np.ndarray:
    """Per token: a content word for themes (the analysis' content words and
    :data:`~seller_lab.text.lexicon.THEME_CONTENT_WORDS`: 'last', 'turn', 'keys' …)."""
    return a.tok_content | in_words(a.corpus.vocab, lx.THEME_CONTENT_WORDS)[a.corpus.tok_vid]


def _phrase_hits(a: Analysed, phrases: dict[str, list[tuple[str, str]]]) -> list[tuple[int, int, str]]:
    """(first token, second token, name) of each two-word phrase of ``phrases`` (name -> word pairs) in
    the text: the second word follows the first in the same sentence, next to it or after up to two
    pronouns or adverbs ('funktioniert das mit', 'works well with', 'how do you replace'; never a
    preposition: 'made of … in' says nothing about the origin)."""
    c = a.corpus
    if c.tok_vid.size < 2:
        return []
    index = _vocab_index(c.vocab, {w for pairs in phrases.values() for pair in pairs for w in pair})
    pair_name = {(index[w], index[n]): name for name, pairs in phrases.items() for w, n in pairs
                 if w in index and n in index}
    if not pair_name:
        return []
    first = {f for f, _ in pair_name}
    gap = in_words(c.vocab, _PHRASE_GAP)
    n = c.tok_vid.size
    hits = []
    for i in np.flatnonzero(in_words(c.vocab, {str(c.vocab[f]) for f in first})[c.tok_vid]).tolist():
        for j in range(i + 1, min(i + 4, n)):
            if c.tok_sent[j] != c.tok_sent[i]:
                break
            name = pair_name.get((int(c.tok_vid[i]), int(c.tok_vid[j])))
            if name is not None:
                hits.append((i, j, name))
                break
            if not gap[c.tok_vid[j]]:
                break
    return hits


# concept words written with a hyphen, which the tokeniser splits ('lave-vaisselle', 'heavy-duty', 'EU-Stecker'):
# their two words side by side key the concept (name -> word pairs)
_HYPHEN_CONCEPTS = {name: [tuple(w.split("-", 1)) for ws in by_lang.values() for w in ws if "-" in w]
                    for name, by_lang in lx.CONCEPTS.items()}


def _adjacent_pairs(a: Analysed, pairs: dict[tuple[str, str], int]) -> tuple[np.ndarray, np.ndarray]:
    """(position of the first word, value) of each place where a word pair of ``pairs`` ((first, second) word ->
    value) stands side by side in one sentence."""
    value, _ = _context_pairs(a, pairs, (1,), a.corpus.tok_sent)
    at = np.flatnonzero(value >= 0)
    return at, value[at]


def _hyphen_concepts(a: Analysed) -> np.ndarray:
    """Concept id per token (-1: none) of the words of a hyphenated concept word written side by side in one
    sentence ('lave-vaisselle', 'lave vaisselle': *dishwasher*; 'EU-Stecker': *power*)."""
    out = np.full(a.corpus.tok_vid.size, -1, np.int64)
    ids = {str(name): i for i, name in enumerate(a.concepts)}
    at, concept = _adjacent_pairs(a, {pair: ids[name] for name, pairs in _HYPHEN_CONCEPTS.items() if name in ids
                                      for pair in pairs})
    out[at] = concept
    out[at + 1] = concept
    return out


def _separable_concepts(a: Analysed) -> tuple[np.ndarray, np.ndarray]:
    """(concept id, position of its particle) per token, -1 where none: a German separable verb whose particle
    follows later in its clause (:data:`~seller_lab.text.lexicon.SEPARABLE_CONCEPTS`: 'der Becher läuft ständig
    aus' -> *water*, 'die Beschichtung löst sich ab' -> *peeling*; not 'löst sich nicht auf'), on the verb;
    German tokens only."""
    ids = {str(name): i for i, name in enumerate(a.concepts)}
    pairs = {(w, x): ids[name] for name, verbs in lx.SEPARABLE_CONCEPTS.items() if name in ids
             for w, parts in verbs.items() for x in parts}
    concept, particle = _context_pairs(a, pairs, range(1, lx.SEPARABLE_WINDOW + 1), _clause_ids(a.corpus))
    at = np.flatnonzero(concept >= 0)
    other = at[a.token_values("tok_li", at) != lx.LANGUAGES.index("de")] if at.size else at
    concept[other] = particle[other] = -1
    return concept, particle


def _kept_warm(a: Analysed) -> np.ndarray:
    """Per token: a temperature word next to a word that keeps it so, in its clause
    (:data:`~seller_lab.text.lexicon.INSULATION_AFTER`: 'hält nicht lange heiß', 'keeps coffee hot'; in German
    also after it: 'lange heiß hält er nicht'; within ``lexicon.INSULATION_WINDOW`` words): it says how well the
    product insulates, not that it overheats."""
    w = lx.INSULATION_WINDOW
    offsets = [*range(-1, -w - 1, -1), *range(1, w + 1)]
    return _context_pairs(a, _table_pairs(lx.INSULATION_AFTER), offsets, _clause_ids(a.corpus))[0] >= 0


def _phrase_intents(a: Analysed) -> np.ndarray:
    """Question intent per token from :data:`~seller_lab.text.lexicon.INTENT_PHRASES` (-1: none), on
    the first word of the phrase (:func:`_phrase_hits`); and model numbers written apart."""
    c = a.corpus
    out = np.full(c.tok_vid.size, -1, np.int64)
    if c.tok_vid.size < 2:
        return out
    intent_ids = {name: i for i, name in enumerate(lx.QUESTION_INTENTS)}
    for i, _j, name in _phrase_hits(a, lx.INTENT_PHRASES):
        out[i] = intent_ids[name]
    v, nxt = c.tok_vid[:-1], c.tok_vid[1:]
    same = c.tok_sent[:-1] == c.tok_sent[1:]
    words = c.vocab.astype(str)
    stop = in_words(words, lx.all_stopwords())
    # a model number written apart ('HCM-710', 'hm 1745', 'Model 1840'): a number of 2+ digits after a
    # short word that is no stopword, or after 'model'/'part'
    digits = np.char.isdigit(words) & (np.char.str_len(words) >= 2)
    code = (np.char.isalpha(words) & (np.char.str_len(words) <= 5) & ~stop) | in_words(words, _MODEL_WORDS)
    out[1:][same & digits[nxt] & code[v] & (out[1:] < 0)] = list(lx.QUESTION_INTENTS).index("model number")
    return out


def _phrase_concepts(a: Analysed) -> np.ndarray:
    """Concept id per token from :data:`~seller_lab.text.lexicon.QUESTION_CONCEPT_PHRASES` (-1: none),
    on the second word of the phrase: in a question, 'how do you replace …?' asks how to install it."""
    out = np.full(a.corpus.tok_vid.size, -1, np.int64)
    ids = {str(name): i for i, name in enumerate(a.concepts)}
    for _i, j, name in _phrase_hits(a, lx.QUESTION_CONCEPT_PHRASES):
        if name in ids:
            out[j] = ids[name]
    return out


# words that may stand inside an intent phrase
_PHRASE_GAP = frozenset("""it this that these those they well fine properly correctly also really still
    to do does should i we you
    das es der die dem den diese dieser auch gut richtig man muss zu ça cela ce bien esto eso questo quello bene""".split())
_MODEL_WORDS = frozenset("model models part modell teil modèle modelo modello".split())


def _bound_size_words(a: Analysed, excluded_vid: np.ndarray) -> np.ndarray:
    """Per token: a size word (*dimensions* concept) right next to a word naming another part
    ('the pipe size', 'what size tube?', 'what size halogen bulbs'): it gives the size of that
    part, not of the product, so it keys no size theme there. A neighbour is a part when it is a
    content word, no concept, no name or product-type word (``excluded_vid``), no number and no
    word that is never an aspect ('the actual size', 'same size'); in German a noun ('die genauen
    Maße' asks the product's size)."""
    c = a.corpus
    out = np.zeros(c.tok_vid.size, bool)
    dims = [i for i, name in enumerate(a.concepts) if name == "dimensions"]
    if c.tok_vid.size < 2 or not dims:
        return out
    not_part = (in_words(c.vocab, lx.NOT_ASPECT | lx.EVALUATIVE | lx.THEME_FILLERS)
                | excluded_vid | np.array([bool(_NUM.search(str(w))) for w in c.vocab], bool))
    concept = a.tok_concept  # (derived on each read: read once)
    part = a.tok_content & (concept < 0) & ~not_part[c.tok_vid] & ~token_stopwords(a)
    part &= (a.tok_li != lx.LANGUAGES.index("de")) | (c.tok_cap > 0)  # a German part is a noun: 'die genauen Maße'
    size = concept == dims[0]
    same = c.tok_sent[:-1] == c.tok_sent[1:]
    out[:-1] |= size[:-1] & same & part[1:]
    out[1:] |= size[1:] & same & part[:-1]
    return out


def _idiom_words(a: Analysed) -> np.ndarray:
    """Per token: a word of an idiom of :data:`~seller_lab.text.lexicon.IDIOM_NEXT` (it and the next word
    of its sentence; matched in lower case: 'FINGER WEG!')."""
    out = np.zeros(a.corpus.tok_vid.size, bool)
    at, _ = _adjacent_pairs(a, {(w, x): 1 for w, xs in lx.IDIOM_NEXT.items() for x in xs})
    out[at] = True
    out[at + 1] = True
    return out


def _product_objects(a: Analysed, product_vid: np.ndarray, verbs) -> np.ndarray:
    """Per token: one of ``verbs`` whose object is the product itself ('how do you remove the old
    filter?', 'before replacing the filter', 'remove it'; ``product_vid``: the product-type and
    subject words). The object is the first word within three after the verb that is neither a
    stopword nor a word that is never an aspect ('the', 'old'); 'it'/'them' there is the product
    too. Not when the product is the subject ('will this replace my old filter?' asks whether it
    is compatible) or the object is another one ('replace that filter')."""
    c = a.corpus
    out = np.zeros(c.tok_vid.size, bool)
    at = np.flatnonzero(in_words(c.vocab, verbs)[c.tok_vid])
    if at.size == 0:
        return out
    pronoun = in_words(c.vocab, _OBJECT_PRONOUNS)
    other = in_words(c.vocab, _OTHER_DETERMINERS)
    subject = in_words(c.vocab, _PRODUCT_SUBJECTS)
    skip = in_words(c.vocab, lx.all_stopwords() | lx.EN_NOT_ASPECT) & ~pronoun & ~other
    n = c.tok_vid.size
    for i in at.tolist():
        if any(c.tok_sent[k] == c.tok_sent[i] and subject[c.tok_vid[k]] for k in range(max(i - 2, 0), i)):
            continue
        for j in range(i + 1, min(i + 4, n)):
            v = c.tok_vid[j]
            if c.tok_sent[j] != c.tok_sent[i] or other[v]:
                break
            if product_vid[v] or pronoun[v]:
                out[i] = True
                break
            if not skip[v]:
                break
    return out


_OBJECT_PRONOUNS = frozenset("it them".split())
_OTHER_DETERMINERS = frozenset("that those another other".split())
_PRODUCT_SUBJECTS = frozenset("this it these they".split())
KEEP = -2  # in a recode array: the token keeps its feature


def context_features(a: Analysed, product_vid: np.ndarray, question: bool) -> np.ndarray:
    """Per token: the feature it has in its context instead of its own (``KEEP``: its own; -1: none).

    - A size word next to another part ('the pipe size', 'what size tube?') gives that part's size,
      not the product's: no feature (:func:`_bound_size_words`).
    - In a question, a verb of :data:`~seller_lab.text.lexicon.PRODUCT_OBJECT_VERBS` whose object is
      the product itself ('how do you remove the old filter?', 'before replacing the filter') asks
      how to take it out or put it in: the *assembly* concept, not what it filters or a stem.
    - The words of an idiom that warns but names nothing (:data:`~seller_lab.text.lexicon.IDIOM_NEXT`:
      'Finger weg!', 'stay away'): no feature.
    """
    out = np.full(a.corpus.tok_vid.size, KEEP, np.int64)
    out[_bound_size_words(a, product_vid)] = -1
    out[_idiom_words(a)] = -1
    ids = {str(name): i for i, name in enumerate(a.concepts)}
    if question and "assembly" in ids:
        out[_product_objects(a, product_vid, lx.PRODUCT_OBJECT_VERBS)] = ids["assembly"]
    return out


def n_concept_features(a: Analysed) -> int:
    """Number of concept-like features (concepts, then question intents) before the stems."""
    return a.concepts.size + len(lx.QUESTION_INTENTS)


def token_features(a: Analysed, extra_exclude=(), intents: bool = True,
                   ask: bool = False, recode: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Feature id per token (-1 for stopwords and fillers) and the feature names: the concepts,
    the question intents (:data:`~seller_lab.text.lexicon.QUESTION_INTENTS`; used only with
    ``intents``, with their phrases when ``ask``: see :func:`_token_keys`), then the stems."""
    feat = _token_keys(a, intents, ask)
    nc = n_concept_features(a)
    is_intent = (feat >= a.concepts.size) & (feat < nc)
    is_intent |= (_separable_concepts(a)[0] >= 0) | _kept_warm(a)  # stopword lists may hold 'läuft', 'kalt'…
    if intents and ask:  # a phrase's concept stands on a word stopword lists may hold ('wie hoch', 'how high')
        is_intent |= _phrase_concepts(a) >= 0
    feat[~_theme_content(a) & ~is_intent] = -1
    generic = [i for i, name in enumerate(a.concepts) if name in _GENERIC_CONCEPTS]
    if not (intents and ask):  # 'passt', 'fits' start half of all questions; in a question they ask for compatibility
        feat[np.isin(a.tok_concept, generic)] = -1
    fillers = in_words(a.corpus.vocab, lx.THEME_FILLERS | lx.EVALUATIVE | _BOOSTERS | set(extra_exclude))
    feat[fillers[a.corpus.tok_vid] & ~is_intent] = -1
    if recode is not None:  # tokens that say something else in their context (:func:`context_features`)
        feat = np.where(recode == KEEP, feat, recode)
    names = np.concatenate([a.concepts, np.array(list(lx.QUESTION_INTENTS), dtype=object), a.stems])
    return feat, names


def _intent_of_vocab(vocab: np.ndarray) -> np.ndarray:
    """Question-intent index per vocabulary word (-1: none); model numbers get 'model number'."""
    word_intent = {w: i for i, words in enumerate(lx.QUESTION_INTENTS.values()) for w in words.split()}
    model = list(lx.QUESTION_INTENTS).index("model number")
    out = np.array([word_intent.get(str(w), -1) for w in vocab], np.int64)
    is_model = np.array([bool(_MODEL_NUMBER.match(str(w))) and not _MEASURE.match(str(w)) for w in vocab], bool)
    out[(out < 0) & is_model] = model
    return out


# a model or part number: letters and at least 3 digits ('hm1845', 'wrx735sdbm00'), or 4+ digits,
# or 6+ characters mixing digits and letters ('pfe28rshss', 'cscp5ugxcfss'); not a measure
# ('30cm', '150kg', '2000w')
_MODEL_NUMBER = re.compile(r"^(?:(?=(?:\D*\d){3})[a-z0-9][a-z0-9./-]{3,}|(?=.*\d)(?=(?:.*[a-z]){2})[a-z0-9][a-z0-9./-]{5,})$")
_UNITS = r"(?:mm|cm|m|kg|g|v|w|kw|l|ml|lbs?|in|inch|ft|oz|gal|mah|h|min|s|€|eur|usd|microns?)"
_MEASURE = re.compile(rf"^\d+(?:[.,]\d+)?(?:(?:x\d+(?:[.,]\d+)?)+{_UNITS}?|{_UNITS})$")  # '30cm', '100x50cm', '30x40'


def row_matrix(a: Analysed, tok_row: np.ndarray, n_rows: int, extra_exclude=(), intents: bool = True,
               ask: bool = False, recode: np.ndarray | None = None):
    """Binary sparse matrix rows x features from a row id per token (-1 = not used; ``recode``:
    see :func:`token_features`)."""
    feat, names = token_features(a, extra_exclude, intents, ask, recode)
    sel = (tok_row >= 0) & (feat >= 0)
    x = sparse.csr_matrix((np.ones(int(sel.sum()), np.float32), (tok_row[sel], feat[sel])),
                          shape=(n_rows, names.size))
    x.data[:] = 1.0
    return x, names


def product_type_mask(vocab: np.ndarray, product_words=()) -> np.ndarray:
    """True for words naming the product type itself ('rack', 'Abtropfgestell', the words of the
    category's keywords and compounds ending in one of them): they say what was bought, not what
    is wrong. A keyword word that is a product-attribute concept ('magnet' in 'magnet building
    blocks') stays a theme word."""
    concept_words = {w for by_lang in lx.CONCEPTS.values() for ws in by_lang.values() for w in ws}
    words = {w.lower() for p in product_words for w in re.findall(r"\w+", str(p)) if len(w) >= 3}
    words = (words - concept_words) | set(lx.PRODUCT_TYPE_WORDS)
    rx = re.compile(r"(?:" + "|".join(map(re.escape, sorted(words, key=len, reverse=True))) + r")s?$")
    return np.array([bool(rx.search(str(w))) and str(w) not in concept_words for w in vocab], bool)


def subject_mask(a: Analysed, tok_row: np.ndarray, n_rows: int, max_share: float, intents: bool = True,
                 ask: bool = False) -> np.ndarray:
    """True for vocabulary words whose stem is in more than ``max_share`` of the rows: what the
    whole set is about ('filter' in questions about filters), which cannot tell its themes apart;
    treated like the product type. Concepts ('magnet' in complaints about magnet blocks) and
    question intents ('model number') never are: they name the part or the question."""
    feat = _token_keys(a, intents, ask)
    sel = (tok_row >= 0) & _theme_content(a) & (feat >= n_concept_features(a))
    out = np.zeros(a.corpus.vocab.size, bool)
    if n_rows < 2 or not sel.any():
        return out
    f = feat[sel].astype(np.int64)
    pairs = np.unique(f * n_rows + tok_row[sel])  # one (feature, row) pair per row that has it
    share = np.bincount(pairs // n_rows, minlength=int(f.max()) + 1) / n_rows
    out[np.unique(a.corpus.tok_vid[sel][share[feat[sel]] > max_share])] = True
    return out


def name_mask(a: Analysed, tok_row: np.ndarray, min_share: float, min_count: int = 2) -> np.ndarray:
    """True for vocabulary words used as names: capitalised in at least ``min_share`` of their
    (at least ``min_count``) uses inside a sentence of the rows ('HP', 'Toshiba', 'Kenmore',
    'Citysearch'). A brand or a shop says whom the statement is about, not what is wrong: it keys
    no theme and is no label word. German tokens (nouns are capitalised), sentences mostly in
    capitals (titles, shouting), stopwords ('I') and concepts never count.

    >>> from seller_lab.text._core import analyse
    >>> a = analyse(["I will never buy from HP again.", "Dealing with HP support was painful.",
    ...              "The hinge broke and HP did not fix it.", "The hinge broke after a week."], sentiment=False)
    >>> sorted(a.corpus.vocab[name_mask(a, a.corpus.tok_doc, 0.8)].tolist())
    ['hp']
    """
    c = a.corpus
    n_vocab = c.vocab.size
    if c.tok_vid.size < 2:
        return np.zeros(n_vocab, bool)
    mid = np.zeros(c.tok_vid.size, bool)
    mid[1:] = c.tok_sent[1:] == c.tok_sent[:-1]
    cap = c.tok_cap.astype(np.float64)
    sent_cap = np.bincount(c.tok_sent, weights=cap, minlength=c.n_sentences) / np.maximum(
        np.bincount(c.tok_sent, minlength=c.n_sentences), 1)
    stop = in_words(c.vocab, lx.all_stopwords())
    sel = (mid & (tok_row >= 0) & (a.tok_li != lx.LANGUAGES.index("de")) & (sent_cap[c.tok_sent] <= 0.5)
           & (a.tok_concept < 0) & ~stop[c.tok_vid])
    n_use = np.bincount(c.tok_vid[sel], minlength=n_vocab)
    n_cap = np.bincount(c.tok_vid[sel], weights=cap[sel], minlength=n_vocab)
    return (n_use >= min_count) & (n_cap >= min_share * n_use)


@dataclass(frozen=True)
class Themes:
    """Themes of a set of rows (see :func:`find_themes`)."""

    assign: np.ndarray          # theme per row (-1: none), themes numbered by size, largest first
    terms: list[list[int]]      # feature ids per theme, the key first
    keys: list[str]             # key feature name per theme ('rust', 'plate', or a stem)
    labels: list[str]           # readable phrase per theme
    names: np.ndarray           # feature names (concepts, then stems)
    label_concepts: list[str] = field(default_factory=list)  # lexicon concept (or question intent) a label says, '' none

    @property
    def n_themes(self) -> int:
        return len(self.terms)

    @property
    def concept_zh(self) -> list[str]:
        """Chinese name of the concept each label comes from ('rostet nach drei Wochen' -> '生锈'),
        '' where the label comes from no lexicon concept (:data:`~seller_lab.text.lexicon.CONCEPT_ZH`)."""
        return [lx.CONCEPT_ZH.get(c, "") for c in self.label_concepts]


def _tfidf_rows(m) -> sparse.csr_matrix:
    if m.shape[1] == 0:
        return sparse.csr_matrix(m.shape, dtype=np.float64)
    from sklearn.feature_extraction.text import TfidfTransformer  # lazy: see _cluster

    return TfidfTransformer(sublinear_tf=True).fit_transform(m).tocsr()


def _char_matrix(a: Analysed, tok_row: np.ndarray, n_rows: int, tok_ok: np.ndarray) -> sparse.csr_matrix:
    """Character 4-gram TF-IDF of each row's content words."""
    sel = (tok_row >= 0) & tok_ok
    if not sel.any():
        return sparse.csr_matrix((n_rows, 0))
    words = pd.Series(a.corpus.vocab[a.corpus.tok_vid[sel]], dtype="str")
    joined = words.groupby(tok_row[sel]).agg(" ".join)
    docs = np.full(n_rows, "", dtype=object)
    docs[joined.index.to_numpy()] = joined.to_numpy()
    from sklearn.feature_extraction.text import TfidfVectorizer  # lazy: see _cluster

    try:
        return TfidfVectorizer(analyzer="char_wb", ngram_range=(4, 4), min_df=2, sublinear_tf=True,
                               max_features=20000, dtype=np.float32).fit_transform(docs).tocsr()
    except ValueError:  # no n-gram in two rows
        return sparse.csr_matrix((n_rows, 0))


def _normalise_rows(m: sparse.csr_matrix) -> sparse.csr_matrix:
    norm = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
    return sparse.diags(1.0 / np.maximum(norm, 1e-12)) @ m


def _cluster(m: sparse.csr_matrix, distance_threshold: float, max_fit_rows: int, random_state: int) -> np.ndarray:
    """Agglomerative clusters on a sample, every row to its nearest centroid (-1: too far)."""
    n = m.shape[0]
    has = np.asarray(m.getnnz(axis=1)).ravel() > 0
    rows = np.flatnonzero(has)
    if rows.size < 2:
        return np.where(has, 0, -1)
    if rows.size > max_fit_rows:
        rng = np.random.default_rng(random_state)
        rows = np.sort(rng.choice(rows, max_fit_rows, replace=False))
    fit = m[rows]
    dist = np.clip(1.0 - (fit @ fit.T).toarray(), 0.0, 2.0)
    np.fill_diagonal(dist, 0.0)
    # scikit-learn (with scipy.stats) takes ~1 s to import: only the themes need it, not the review
    # mining that `seller_lab.text` also serves
    from sklearn.cluster import AgglomerativeClustering

    labels = AgglomerativeClustering(n_clusters=None, distance_threshold=distance_threshold, metric="precomputed",
                                     linkage="average").fit_predict(dist)
    k = int(labels.max()) + 1
    member = sparse.csr_matrix((np.ones(rows.size), (labels, np.arange(rows.size))), shape=(k, rows.size))
    cent = _normalise_rows((member @ fit).tocsr())
    sim = (m @ cent.T).toarray()
    best = sim.argmax(axis=1)
    ok = has & (sim[np.arange(n), best] >= 1.0 - distance_threshold)
    return np.where(ok, best, -1)


def _merge_by_key(assign: np.ndarray, x: sparse.csr_matrix, names: np.ndarray, n_concepts: int,
                  key_share: float, problem_first: bool = True,
                  part_stems: np.ndarray | None = None) -> tuple[np.ndarray, dict[int, list[int]]]:
    """Union clusters that share a key; returns the new assignment and the keys per theme.

    A cluster's keys are the *problem* concepts (:data:`~seller_lab.text.lexicon.PROBLEM_CONCEPTS`:
    rust, water, broken …) shared by at least ``key_share`` of its rows; without one, the other
    concepts so shared (the part: plate, magnet …); without those, the stems. Clusters with a
    common key merge; a part-only theme then absorbs the problem theme of its part when exactly
    one exists ('große Teller passen nicht' and 'Speiseteller fallen raus, zu groß'), while
    'magnets fall out' and 'weak magnets' stay two themes. Without ``problem_first`` (questions)
    the question intents (how long it lasts, what it removes, model number …) come first, then
    any shared concept ('Kann die Tropfschale in die Spülmaschine?' asks about the dishwasher),
    then the stems; no theme absorbs another. Of the stems, those of ``part_stems`` (feature ids of the
    parts :data:`~seller_lab.text.lexicon.THEME_SYNONYMS` names: 'support', 'screen') come first,
    so 'customer service' and 'tech support' clusters both key on the support.
    """
    k = int(assign.max()) + 1 if (assign >= 0).any() else 0
    if k == 0:
        return assign, {}
    sel = assign >= 0
    member = sparse.csr_matrix((np.ones(int(sel.sum())), (assign[sel], np.flatnonzero(sel))), shape=(k, x.shape[0]))
    size = np.asarray(member.sum(axis=1)).ravel()
    share = (member @ x).toarray() / np.maximum(size, 1)[:, None]
    df = np.asarray(x.sum(axis=0)).ravel()
    banned = np.array([str(nm) in _QUALIFIER_CONCEPTS for nm in names[:n_concepts]] + [False] * (names.size - n_concepts))
    share[:, banned] = 0.0
    if problem_first:
        problem = np.array([str(nm) in lx.PROBLEM_CONCEPTS for nm in names[:n_concepts]], bool)
    else:  # a question's intent (how long it lasts, what it filters …) is what it asks about
        problem = np.array([str(nm) in lx.QUESTION_INTENTS and str(nm) not in lx.WEAK_INTENTS
                            for nm in names[:n_concepts]], bool)
    # 'does it fit model X?': weaker than a part the question names ('passen große Teller rein?'), one key
    weak = np.array([not problem_first and str(nm) in lx.WEAK_INTENTS for nm in names[:n_concepts]], bool)
    same_key = {int(f): int(np.flatnonzero(weak)[0]) for f in np.flatnonzero(weak)}
    keys: dict[int, list[int]] = {}
    parts: dict[int, set[int]] = {}
    for c in range(k):
        conc = np.flatnonzero(share[c, :n_concepts] >= key_share)
        prob = conc[problem[conc]]
        parts[c] = set(conc[~problem[conc] & ~weak[conc]].tolist())
        other, weak_c = conc[~problem[conc] & ~weak[conc]], conc[weak[conc]]
        stems = n_concepts + np.flatnonzero(share[c, n_concepts:] >= key_share)
        named = stems[np.isin(stems, part_stems if part_stems is not None else [])]  # 'support', 'technician'
        cand = next((x for x in (prob, other, weak_c, named) if x.size), stems)
        # one key (no chains through two); of keys all rows share, the most common in the whole set, so
        # clusters of 'hard drive failed' and 'hard drive replaced' pick the same one
        keys[c] = sorted(cand.tolist(), key=lambda f: (-share[c, f], -df[f]))[:1]
    parent = list(range(k))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[int, int] = {}
    for c in sorted(range(k), key=lambda c: -size[c]):
        for f in keys[c]:
            f = same_key.get(f, f)
            if f in owner:
                parent[find(c)] = find(owner[f])
            else:
                owner[f] = c
    is_problem = {find(c) for c in range(k) if any(problem[f] for f in keys[c] if f < n_concepts)}
    for c in range(k):
        r = find(c)
        if not problem_first or r in is_problem or not keys[c] or keys[c][0] >= n_concepts:
            continue
        part = keys[c][0]
        with_part = {find(d) for d in range(k) if find(d) in is_problem and part in parts[d]}
        if len(with_part) == 1:
            parent[find(with_part.pop())] = r
    root = np.array([find(c) for c in range(k)])
    new = np.where(sel, root[np.maximum(assign, 0)], -1)
    # renumber by size
    sizes = np.bincount(new[new >= 0], minlength=k)
    order = np.argsort(-sizes, kind="stable")
    order = order[sizes[order] > 0]
    rank = np.full(k, -1)
    rank[order] = np.arange(order.size)
    new = np.where(new >= 0, rank[np.maximum(new, 0)], -1)
    merged_keys: dict[int, list[int]] = {}
    for c in sorted(range(k), key=lambda c: -size[c]):
        r = int(rank[find(c)])
        for f in keys[c]:
            if f not in merged_keys.setdefault(r, []):
                merged_keys[r].append(f)
    return new, merged_keys


def _asked(a: Analysed, tok_row: np.ndarray, n_rows: int, x: sparse.csr_matrix, excluded,
           recode: np.ndarray | None = None) -> sparse.csr_matrix:
    """Features of what each question asks: those of its first sentence that ends on '?' and has
    a feature, when there is one ('What is the actual size? I have a Bissel 3910 …' asks for the
    size, not about model 3910), else all of its features ('I have a Holmes HWF-65T. Does this
    filter fit?')."""
    c = a.corpus
    if c.sent_quest is None:
        return x
    in_q = np.where((c.sent_quest[c.tok_sent] > 0) & (tok_row >= 0), tok_row, -1)
    # the first such sentence that has a feature: 'Does this unit produce ozone? … Does it make as much as the
    # FS8088?' asks about ozone, the later question follows it up
    feat, _ = token_features(a, excluded, intents=True, ask=True, recode=recode)
    has = (in_q >= 0) & (feat >= 0)
    first = np.full(n_rows, np.iinfo(np.int64).max, np.int64)
    np.minimum.at(first, in_q[has], c.tok_sent[has].astype(np.int64))
    in_q = np.where((in_q >= 0) & (c.tok_sent == first[np.maximum(in_q, 0)]), in_q, -1)
    xq, _ = row_matrix(a, in_q, n_rows, excluded, intents=True, ask=True, recode=recode)
    has_q = np.asarray(xq.getnnz(axis=1)).ravel() > 0
    return (sparse.diags(has_q.astype(np.float32)) @ xq + sparse.diags((~has_q).astype(np.float32)) @ x).tocsr()


def _to_intent_themes(assign: np.ndarray, x: sparse.csr_matrix, keys: dict[int, list[int]], intents: np.ndarray,
                      weak: frozenset = frozenset(), n_concepts: int = 0, qualifiers: frozenset = frozenset()) -> np.ndarray:
    """A question that asks for an intent (how long it lasts, what it removes …) belongs to that
    intent's theme, not to a theme of a topic word it happens to mention ('will water stop coming
    through after five years?' is no 'water' question): it moves to the theme keyed on its intent,
    or to none when no theme is. A *weak* intent (``weak``: compatible, model number) moves a
    question only out of a theme keyed on a stem ('will it work with GE refrigerators?' is no
    'refrigerator' question); a part concept keeps it ('passt der Stecker in eine EU-Steckdose?')."""
    intent_set = set(intents.tolist())
    owner: dict[int, int] = {}
    for t in sorted(keys, key=lambda t: -int((assign == t).sum())):
        for f in keys[t][:1]:
            if f in intent_set:
                for g in (weak if f in weak else {f}):
                    owner.setdefault(g, t)
    n_t = int(assign.max()) + 1
    key0 = np.array([keys[t][0] if keys.get(t) else -1 for t in range(n_t)], np.int64)
    topic = ~np.isin(key0, list(intent_set))
    stem_topic = topic & ((key0 >= n_concepts) | (key0 < 0))  # a cluster without a key has no topic either
    new = assign.copy()
    xi = x[:, intents].tocsr()
    n_parts = n_concepts - intents.size
    concept_owner = {int(key0[t]): t for t in range(n_t) if 0 <= key0[t] < n_parts}
    xc = x[:, :n_parts].tocsr()
    for r in range(assign.size):
        t = int(assign[r])
        asked = intents[xi[r].indices].tolist()
        strong = [f for f in asked if f not in weak]
        parts = [f for f in xc[r].indices.tolist() if f not in qualifiers]
        if strong and (t < 0 or topic[t]):
            new[r] = next((owner[f] for f in strong if f in owner), -1)
        elif parts and (t < 0 or key0[t] in weak):
            # a question that names a part ('whats the warranty on the Holmes HAP756?') asks about the part
            new[r] = next((concept_owner[f] for f in parts if f in concept_owner), -1)
        elif asked and not strong and (t < 0 or stem_topic[t] or not x[r, keys.get(t, [])].nnz):
            # (a question that does not even name its theme's key would leave it anyway)
            new[r] = next((owner[f] for f in asked if f in owner), -1)
    return new


def _keep_key_holders(assign: np.ndarray, x: sparse.csr_matrix, keys: dict[int, list[int]]):
    """A theme keeps the rows that mention one of its keys; a theme without a key (nothing most of
    its rows share) is no theme. Themes are renumbered by their new size."""
    k = int(assign.max()) + 1 if (assign >= 0).any() else 0
    if k == 0:
        return assign, keys
    key_mat = sparse.csr_matrix((np.ones(sum(len(v) for v in keys.values())),
                                 ([t for t in range(k) for _ in keys.get(t, [])],
                                  [f for t in range(k) for f in keys.get(t, [])])), shape=(k, x.shape[1]))
    rows = np.flatnonzero(assign >= 0)
    holds = np.asarray((x[rows].multiply(key_mat[assign[rows]]) > 0).sum(axis=1)).ravel() > 0
    new = assign.copy()
    new[rows[~holds]] = -1
    sizes = np.bincount(new[new >= 0], minlength=k)
    order = np.argsort(-sizes, kind="stable")
    order = order[sizes[order] > 0]
    rank = np.full(k, -1)
    rank[order] = np.arange(order.size)
    new = np.where(new >= 0, rank[np.maximum(new, 0)], -1)
    return new, {int(rank[t]): keys[t] for t in order}


def _join_by_concept_key(assign: np.ndarray, x: sparse.csr_matrix, keys: dict[int, list[int]],
                         n_concepts: int) -> np.ndarray:
    """A row in no theme that names the concept (or intent) key of exactly one theme joins it: 'ist der
    Stuhl für große Menschen zu niedrig?' met only questions that share no key ('große Menschen'), and
    asks about the height all the same."""
    owner: dict[int, int] = {}
    for t, ks in keys.items():
        for f in ks[:1]:
            if f < n_concepts:
                owner.setdefault(f, t)
    if not owner:
        return assign
    new = assign.copy()
    xc = x[:, :n_concepts].tocsr()
    for r in np.flatnonzero(assign < 0).tolist():
        hits = {owner[f] for f in xc[r].indices.tolist() if f in owner}
        if len(hits) == 1:
            new[r] = hits.pop()
    return new


def _drop_background_words(assign: np.ndarray, x: sparse.csr_matrix, keys: dict[int, list[int]], n_concepts: int,
                           min_share: float) -> tuple[np.ndarray, dict[int, list[int]]]:
    """A theme keyed on a word (no concept, no intent) that holds fewer than ``min_share`` of the
    rows using the word is no theme: the word is common ground ('water' in questions about water
    filters) and the few rows that met on it ask different things. Themes are renumbered by size."""
    k = int(assign.max()) + 1 if (assign >= 0).any() else 0
    if k == 0 or min_share <= 0:
        return assign, keys
    df = np.asarray((x > 0).sum(axis=0)).ravel()
    size = np.bincount(assign[assign >= 0], minlength=k)
    drop = [t for t in range(k) if keys.get(t) and keys[t][0] >= n_concepts and size[t] < min_share * df[keys[t][0]]]
    if not drop:
        return assign, keys
    new = np.where(np.isin(assign, drop), -1, assign)
    sizes = np.bincount(new[new >= 0], minlength=k)
    order = np.argsort(-sizes, kind="stable")
    order = order[sizes[order] > 0]
    rank = np.full(k, -1)
    rank[order] = np.arange(order.size)
    return np.where(new >= 0, rank[np.maximum(new, 0)], -1), {int(rank[t]): keys[t] for t in order}


def _theme_terms(assign: np.ndarray, x: sparse.csr_matrix, keys: dict[int, list[int]], n_themes: int,
                 top: int, rel: float = 0.5) -> list[list[int]]:
    """Key features first, then the features most typical of the theme (share x idf >= ``rel`` x
    the theme's strongest)."""
    if n_themes == 0:
        return []
    sel = assign >= 0
    member = sparse.csr_matrix((np.ones(int(sel.sum())), (assign[sel], np.flatnonzero(sel))), shape=(n_themes, x.shape[0]))
    size = np.asarray(member.sum(axis=1)).ravel()
    share = (member @ x).toarray() / np.maximum(size, 1)[:, None]
    df = np.asarray(x.sum(axis=0)).ravel()
    idf = np.log((1.0 + x.shape[0]) / (1.0 + df)) + 1.0
    out = []
    for t in range(n_themes):
        score = share[t] * idf
        best = score.max() if score.size else 0.0
        order = [int(f) for f in np.argsort(-score)[:top * 2] if share[t, f] >= 0.15 and score[f] >= rel * best]
        tt = sorted(keys.get(t, []), key=lambda f: -share[t, f])  # the key most of the theme's rows share first
        for f in order:
            if f not in tt:
                tt.append(f)
        out.append(tt[:top])
    return out


_NUM = re.compile(r"\d")
# a complaint theme whose best phrase of two content words is said by no more than this share of its statements is
# labelled by a negator and its key word instead ('never received') when at least the second share of its
# statements say those two words
_NEGATED_KEY_OVER = 0.1
_NEGATED_KEY_MIN = 0.3
# a label may end on these stopwords: 'passen nicht', 'magnets fall out', 'fällt auseinander'
_END_WORDS = frozenset("nicht nie pas out off apart down up raus ab auseinander".split())
# ... the negators only where they negate what comes before: not before a content word they negate ('Preis nicht
# wert', 'pas conforme'), and French 'pas' only after 'ne'/"n'" in its clause or at the clause's end ('ne ferme pas',
# 'marche pas.'; not 'non reçu pas de remboursement')
_END_NEGATORS = frozenset("nicht nie pas".split())
# a label never starts right after these, which turn the next word around ('a less expensive method' is no
# 'expensive method'), and may start on them ('less expensive method to have coffee')
_LESS_WORDS = frozenset("less fewer weniger moins menos meno".split())
_THAN_WORDS = frozenset("than als que de di del".split())  # ... in a comparison: 'less than a week'
# a label never runs across these (they join two clauses): 'cracked and the magnets'
_JOIN_WORDS = frozenset("and und et y e or oder ou o".split())
# nor across a subject pronoun, which starts the next clause: 'software installed I plugged'
_SUBJECT_PRONOUNS = frozenset("i we they you he she ich wir du er je nous ils elles tu yo nosotros ellos io noi".split())


@lru_cache(maxsize=1)
def _weak_words() -> frozenset[str]:
    """Words that never count as the content of a label: fillers, judgements, 'but', boosters."""
    return frozenset((lx.THEME_FILLERS - _TIME_WORDS) | lx.EVALUATIVE | lx.BUT_WORDS | _BOOSTERS)


# time words are fillers for grouping but tell the reader something in a label ('rostet nach wenigen Wochen')
_TIME_WORDS = frozenset("""woche wochen tag tage tagen monat monate monaten week weeks day days month months
    jahr jahre year years anfang start beginning""".split())


def phrase_labels(a: Analysed, tok_row: np.ndarray, assign: np.ndarray, key_words: list[set[int]], *,
                  tok_stop: np.ndarray, product_vid: np.ndarray, question: bool = False, max_words: int = 5,
                  sample: int = 300, random_state: int = 7, length_bonus: float = 0.4,
                  max_question_words: int = 8, need_concept: bool = False, sign: int = 0,
                  reseed: bool = False) -> list[str]:
    """A short readable phrase per theme taken from its rows (see the module docstring).

    Candidates are word sequences of one sentence (2-``max_words`` words) that contain one of
    ``key_words[t]`` (the vocabulary ids carrying theme ``t``'s key), start on a content word and
    end on one (or on 'nicht'). A candidate's support is the number of the theme's rows that
    contain all its content words as concepts/stems, in any order and language ('Wasser tropft auf
    die Arbeitsplatte' is supported by 'water drips onto the counter'); support x (1 + bonus per
    content word beyond two) picks the phrase, shown in its most frequent spelling. Returns '' for
    a theme where no phrase qualifies. With ``question``, candidates are the theme's whole questions
    of at most ``max_question_words`` words instead. With ``need_concept``, a candidate needs a word of a
    lexicon concept ('wackelig': *wobbly*). ``sign`` (-1: complaints, 1: praise, 0: either): a phrase with a
    sentiment word of the other sign, not negated inside the phrase, is a label only when no other
    phrase qualifies ('schnelle Lieferung' from "schnelle Lieferung, aber das Glas war gesprungen" never
    names a complaint theme while 'Glas gesprungen' can). A complaint theme (``sign`` -1) whose best phrase is
    supported by at most ``_NEGATED_KEY_OVER`` of its rows is labelled by a negator and its key word when at
    least ``_NEGATED_KEY_MIN`` of them say that pair ('never received'). The rows of a theme of more than ``sample`` are
    sampled with one random stream over the themes in order, or with ``reseed`` one stream per theme (as if
    each theme were labelled alone).
    """
    c = a.corpus
    n_themes = len(key_words)
    if n_themes == 0:
        return []
    n_concepts = a.concepts.size
    rng = np.random.default_rng(random_state)
    tok_idx = np.flatnonzero(tok_row >= 0)
    rows_of_tok = tok_row[tok_idx]
    order = np.argsort(rows_of_tok, kind="stable")
    tok_idx, rows_of_tok = tok_idx[order], rows_of_tok[order]
    starts = np.searchsorted(rows_of_tok, np.arange(assign.size + 1))
    # capitalisation of each word in the middle of sentences (German nouns keep their capital)
    mid = np.zeros(c.tok_sent.size, bool)
    mid[1:] = c.tok_sent[1:] == c.tok_sent[:-1]
    cap_rate = np.bincount(c.tok_vid[mid], weights=c.tok_cap[mid], minlength=c.vocab.size) / np.maximum(
        np.bincount(c.tok_vid[mid], minlength=c.vocab.size), 1)
    neg_vid = in_words(c.vocab, _END_WORDS)
    end_neg = in_words(c.vocab, _END_NEGATORS)
    pas_vid = in_words(c.vocab, {"pas"})
    ne_vid = np.array([w == "ne" or w.startswith("n'") for w in c.vocab.astype(str)], bool)
    any_neg = negator_words(c.vocab)
    neg_after = in_words(c.vocab, set().union(*lx.NEGATORS_AFTER.values()))  # 'hält nicht', 'ne ferme pas'
    too_vid = in_words(c.vocab, lx.TOO_WORDS)
    less_vid = in_words(c.vocab, _LESS_WORDS)
    weak = in_words(c.vocab, _weak_words())
    judge = in_words(c.vocab, lx.EVALUATIVE)
    time_vid = in_words(c.vocab, _TIME_WORDS)
    but_vid = in_words(c.vocab, lx.BUT_WORDS | _JOIN_WORDS | _SUBJECT_PRONOUNS)
    num_vid = np.array([bool(_NUM.search(str(w))) for w in c.vocab], bool)
    acronym = acronym_words(c)  # 'CPSC', 'OS', 'MF12665XEM' keep their capitals; a shouted word does not
    clause = c.tok_clause_start if c.tok_clause_start is not None else np.zeros(c.tok_vid.size, bool)
    sent_len = np.bincount(c.tok_sent, minlength=c.n_sentences)
    sent_quest = (c.sent_quest > 0) if c.sent_quest is not None else np.ones(c.n_sentences, bool)
    vocab_stop = in_words(c.vocab, lx.all_stopwords())
    tok_key = _token_keys(a, intents=question, ask=question)
    # a German separable verb read as its concept ('läuft ... aus'): a phrase that holds it runs to its particle
    particle_at = _separable_concepts(a)[1]
    verb_at = np.full(particle_at.size, -1, np.int64)  # ... and its particle ends no phrase without it
    verb_at[particle_at[particle_at >= 0]] = np.flatnonzero(particle_at >= 0)
    # the lexicon's valence of each row token in its own language (0: not rated)
    tok_val = token_valences(c.vocab, c.tok_vid[tok_idx], a.token_values("tok_li", tok_idx))[0] if sign else None
    # per row token (in ``tok_idx`` order): where a phrase breaks (a clause starts, 'but', 'and', a subject
    # pronoun), whether its clause holds a negation (a phrase from it must carry the negation: 'passen in kein
    # Gestell' never gives 'große Teller passen'), whether the clause goes on after it with a content word (a number
    # needs one, or a name before it: '6 months', 'Windows 8'; not the '100' of '100% not' or the '14' of '14€ à la
    # poubelle') and whether a negator may end a phrase there
    all_vid, all_sent = c.tok_vid[tok_idx], c.tok_sent[tok_idx]
    all_breaks = clause[tok_idx] | but_vid[all_vid]
    same = (all_sent[1:] == all_sent[:-1]) & (rows_of_tok[1:] == rows_of_tok[:-1])
    all_clause = np.cumsum(all_breaks | np.r_[True, ~same])
    all_negated = (np.bincount(all_clause, weights=any_neg[all_vid]) > 0)[all_clause]
    goes_on = np.r_[same & ~all_breaks[1:], False]
    all_next_content = goes_on & np.r_[~tok_stop[tok_idx[1:]], False]
    ne_prior = np.cumsum(ne_vid[all_vid]) - ne_vid[all_vid]  # the 'ne' before each token
    ne_before = ne_prior > ne_prior[np.searchsorted(all_clause, all_clause, side="left")]  # ... in its clause
    all_end_ok = ~end_neg[all_vid] | (~all_next_content & (~pas_vid[all_vid] | ~goes_on | ne_before))
    labels = []
    for t in range(n_themes):
        key_vid = np.zeros(c.vocab.size, bool)   # the theme's key words as a vocabulary mask
        key_vid[np.fromiter(key_words[t], dtype=np.int64, count=len(key_words[t]))] = True
        rows = np.flatnonzero(assign == t)
        if reseed:
            rng = np.random.default_rng(random_state)
        if rows.size > sample:
            rows = np.sort(rng.choice(rows, sample, replace=False))
        row_keys: list[set] = []
        spelled: dict[frozenset, Counter] = {}
        asked_in: dict[tuple, int] = {}  # a question label's spelling -> the first sentence that says it
        contrary: dict[frozenset, Counter] = {}  # phrases that say the other sign ('schnelle Lieferung' in a complaint)
        negated_key: dict[frozenset, Counter] = {}  # a negator and a key word: 'never received', 'nie angekommen'
        for r in rows:
            toks = tok_idx[starts[r]:starts[r + 1]]
            vals = tok_val[starts[r]:starts[r + 1]] if sign else None
            vids = c.tok_vid[toks]
            sents = c.tok_sent[toks]
            stops = tok_stop[toks]
            keys = tok_key[toks]
            here = slice(starts[r], starts[r + 1])
            breaks, negated = all_breaks[here], all_negated[here]
            next_content, end_ok = all_next_content[here], all_end_ok[here]
            is_content = ~stops & ~weak[vids] & ~num_vid[vids] & ~product_vid[vids]
            is_content |= particle_at[toks] >= 0  # 'geht ... ab': stopword lists hold 'geht'
            row_keys.append(set(keys[is_content].tolist()))
            keyv = key_vid[vids]
            if question:  # a short question is its own best label ('Funktioniert das mit 230V?')
                for i in np.flatnonzero(np.r_[True, sents[1:] != sents[:-1]]):
                    j = i + int(sent_len[sents[i]])
                    if (3 <= j - i <= max_question_words and keyv[i:j].any() and j <= vids.size
                            and sent_quest[sents[i]] and not but_vid[vids[i]]):  # 'or 5 micron?' is a fragment
                        content = frozenset(keys[i:j][is_content[i:j]].tolist())
                        if content:
                            spelling = tuple(vids[i:j].tolist())
                            spelled.setdefault(content, Counter())[spelling] += 1
                            asked_in.setdefault(spelling, int(sents[i]))
                continue
            if sign:  # per word: valence, negator ('less' too), negated by the next word ('hält nicht'), 'too'/'zu'
                r_val, r_neg = vals.tolist(), (any_neg[vids] | less_vid[vids]).tolist()
                r_next = np.r_[neg_after[vids[1:]], False].tolist()
                r_too = too_vid[vids].tolist()
            for i in range(vids.size):
                if (sign < 0 and any_neg[vids[i]] and i + 1 < vids.size and keyv[i + 1] and is_content[i + 1]
                        and sents[i + 1] == sents[i] and not breaks[i + 1]):
                    negated_key.setdefault(frozenset({int(keys[i + 1])}), Counter())[(int(vids[i]), int(vids[i + 1]))] += 1
                if ((stops[i] and not less_vid[vids[i]]) or product_vid[vids[i]] or num_vid[vids[i]] or time_vid[vids[i]]
                        or (weak[vids[i]] and not question and not less_vid[vids[i]])
                        or (i > 0 and less_vid[vids[i - 1]] and sents[i - 1] == sents[i])):
                    continue  # a phrase starts on a content word ('works on 230v?' may start on a filler) or 'less'
                content: set = set()
                has_key = False
                said, seen_neg = 0.0, False  # the phrase's summed valence so far, a negator in it so far
                until = -1  # the particle the phrase must reach ('läuft ständig aus', never 'schon läuft')
                for j in range(i, min(i + max_words, vids.size)):
                    v = vids[j]
                    until = max(until, int(particle_at[toks[j]]))
                    if sents[j] != sents[i] or product_vid[v] or (j > i and (breaks[j] or judge[v])):
                        break  # nor across a judgement ('worlds very worst repair service')
                    if sign:
                        # a word after a negator in the phrase, or right before a German or French one, counts
                        # with the opposite sign ('nicht so schön', 'hält nicht'); one after 'too' as a complaint
                        x = -r_val[j] if seen_neg or r_next[j] else r_val[j]
                        said += min(x, lx.EXCESS_VALENCE) if j > i and r_too[j - 1] else x
                        seen_neg = seen_neg or r_neg[j]
                    if num_vid[v] and not next_content[j] and cap_rate[vids[j - 1]] <= 0.6:
                        break  # a version after a name stays ('Windows 8 is not supported')
                    if is_content[j]:
                        content.add(int(keys[j]))
                    has_key |= bool(keyv[j])
                    if j > i and (not stops[j] or (neg_vid[v] and end_ok[j]) or toks[j] == until) and has_key \
                            and len(content) >= 2 and toks[j] >= until and not 0 <= verb_at[toks[j]] < toks[i] \
                            and (not negated[i] or any_neg[vids[i:j + 1]].any()) \
                            and (not need_concept or min(content) < n_concepts):
                        to = contrary if said * sign < 0 else spelled
                        to.setdefault(frozenset(content), Counter())[tuple(vids[i:j + 1].tolist())] += 1
        spelled = spelled or contrary
        if not spelled and not negated_key:
            labels.append("")
            continue
        all_keys = {k: i for i, k in enumerate(set().union(*row_keys))}
        rk = sparse.csr_matrix((np.ones(sum(len(x) for x in row_keys)),
                                ([i for i, x in enumerate(row_keys) for _ in x], [all_keys[k] for x in row_keys for k in x])),
                               shape=(len(row_keys), len(all_keys)))
        cands = list(spelled)
        if cands:
            support = _phrase_support(cands, all_keys, rk)
            need = np.array([len(x) for x in cands])
            score = support * (1.0 + length_bonus * (need - (1 if question else 2)))
            freq = np.array([spelled[x].most_common(1)[0][1] for x in cands])
            n_tok = np.array([len(spelled[x].most_common(1)[0][0]) for x in cands])
            best = int(np.lexsort((-n_tok, freq, score))[-1])
        if negated_key and (not cands or support[best] <= _NEGATED_KEY_OVER * len(rows)):
            # no phrase of two content words speaks for the theme ('received was a boot leg', 2 of 74 statements):
            # a key word its statements negate does, when a good share of them negate it ('never received')
            nk = list(negated_key)
            said_negated = np.array([sum(negated_key[x].values()) for x in nk])
            if said_negated.max() >= _NEGATED_KEY_MIN * len(rows):
                spelled, cands, best = negated_key, nk, int(np.argmax(said_negated))
        if not cands:
            labels.append("")
            continue
        spellings = spelled[cands[best]].most_common()
        # the longest spelling nearly as frequent as the most frequent one ('magnets fell out' over 'magnets fell')
        # and with the fewest stopwords inside ('große Teller passen' over 'passen die großen Teller')
        # a spelling with a negation counts from 20 % (it states the problem: 'big plates won't fit' over
        # 'große Teller passen' from 'ich suche ein Gestell, in das große Teller passen'), one that ends on
        # a particle from 40 % ('magnets fell out')
        top = spellings[0][1]
        has_neg = {sp: bool(any_neg[list(sp)].any()) for sp, _ in spellings}
        spelling = max((sp for sp, n in spellings if n >= 0.8 * top or (neg_vid[sp[-1]] and n >= 0.4 * top)
                        or (has_neg[sp] and n >= 0.2 * top)),
                       key=lambda sp: (has_neg[sp], bool(neg_vid[sp[-1]]), -int(vocab_stop[list(sp[:-1])].sum()),
                                       len(sp)))
        words = []
        for x in spelling:
            w = str(c.vocab[x])
            words.append(w.upper() if acronym[x] else w[:1].upper() + w[1:] if cap_rate[x] > 0.6 else w)
        said = _as_asked(c, asked_in[spelling], words[0]) if question and spelling in asked_in else ""
        labels.append(said or " ".join(words) + ("?" if question else ""))
    return labels


def _as_asked(c, sent: int, first_word: str) -> str:
    """A question label as its customer wrote it (sentence ``sent``): the words re-spelled from tokens lose what
    tells sizes and part numbers apart ('3/4 hp' read '3 4 hp', 'model 596.79872990' read 'model 596 79872990',
    'P/N'); its first word as the label would spell it (``first_word``: 'will it fit mine?'). '' for a shouted
    question ('WILL THIS WORK ON MY INSINKERATOR'), which the tokens spell better."""
    text = " ".join(c.sentence_text([sent])[0].split())
    letters = [ch for ch in text if ch.isalpha()]
    if not letters or sum(ch.isupper() for ch in letters) > 0.5 * len(letters):
        return ""
    if text[:len(first_word)].lower() == first_word.lower():
        text = first_word + text[len(first_word):]
    return text.rstrip(" ?") + "?"


def _phrase_support(cands: list[frozenset], all_keys: dict, rk: sparse.csr_matrix) -> np.ndarray:
    """Per candidate phrase (its content keys): the rows (``rk``: rows x keys numbered by ``all_keys``) holding
    every one of its keys."""
    ck = sparse.csr_matrix((np.ones(sum(len(x) for x in cands)),
                            ([i for i, x in enumerate(cands) for _ in x], [all_keys[k] for x in cands for k in x])),
                           shape=(len(cands), len(all_keys)))
    need = np.array([len(x) for x in cands])
    return ((ck @ rk.T).toarray() >= need[:, None] - 0.5).sum(axis=1)


def find_themes(a: Analysed, tok_row: np.ndarray, n_rows: int, params: dict | None = None, *,
                distance_threshold: float = 0.75, random_state: int = 7, question: bool = False,
                product_words=(), max_terms: int = 4, max_fit_rows: int = 3000, sign: int = 0) -> Themes:
    """Group rows (statements or questions; ``tok_row`` = row id per token, -1 = not used) into
    themes, one per underlying problem, each with key features, terms and a readable label.

    ``params``: the ``text`` section is read for ``theme_weights`` (concepts, stems, character
    n-grams) and ``theme_key_share``; ``product_words`` (e.g. the category keywords) never make a
    theme or a label. ``sign``: the rows are complaints (-1) or praise (1); a label then says that sign
    (see :func:`phrase_labels`).
    """
    conf = text_settings(params)
    w_concept, w_stem, w_char = (float(conf.theme_weights[k]) for k in ("concepts", "stems", "char_ngrams"))
    key_share = conf.theme_key_share
    vocab = a.corpus.vocab
    nc = n_concept_features(a)
    prod_v = product_type_mask(vocab, product_words) | subject_mask(a, tok_row, n_rows, conf.theme_subject_share,
                                                                   intents=question, ask=question)
    recode = context_features(a, prod_v, question)
    brand_v = name_mask(a, tok_row, conf.theme_name_share)
    prod_v = prod_v | brand_v
    excluded = vocab[prod_v].tolist()
    x, names = row_matrix(a, tok_row, n_rows, excluded, intents=question, ask=question, recode=recode)
    df = np.asarray((x > 0).sum(axis=0)).ravel()
    cols = np.flatnonzero(df >= 2)
    if cols.size == 0 or n_rows < 2:
        return Themes(np.full(n_rows, -1), [], [], [], names)
    xc = x[:, cols]
    is_concept = cols < nc
    tc = _tfidf_rows(xc[:, np.flatnonzero(is_concept)])
    ts = _tfidf_rows(xc[:, np.flatnonzero(~is_concept)])
    feat, _ = token_features(a, excluded, intents=question, ask=question, recode=recode)
    tg = _char_matrix(a, tok_row, n_rows, feat >= nc)  # character n-grams of the words outside concepts
    m = _normalise_rows(sparse.hstack([w_concept * tc, w_stem * ts, w_char * tg]).tocsr())
    assign = _cluster(m, distance_threshold, max_fit_rows, random_state)
    assign, keys = _merge_by_key(assign, x, names, nc, key_share, problem_first=not question,
                                 part_stems=_synonym_features(a))
    x_hold = x
    if question:
        x_hold = _asked(a, tok_row, n_rows, x, excluded, recode)
        weak = frozenset(a.concepts.size + i for i, nm in enumerate(lx.QUESTION_INTENTS) if nm in lx.WEAK_INTENTS)
        qualifiers = frozenset(i for i, nm in enumerate(a.concepts) if nm in _QUALIFIER_CONCEPTS)
        assign = _to_intent_themes(assign, x_hold, keys, np.arange(a.concepts.size, nc), weak, nc, qualifiers)
    assign, keys = _keep_key_holders(assign, x_hold, keys)
    if question:
        assign = _join_by_concept_key(assign, x_hold, keys, nc)
    assign, keys = _drop_background_words(assign, x_hold, keys, nc, conf.theme_word_min_share)
    n_themes = int(assign.max()) + 1 if (assign >= 0).any() else 0
    terms = _theme_terms(assign, x, keys, n_themes, max_terms)
    # vocabulary ids that carry each theme's key / leading features
    sel = (tok_row >= 0) & (feat >= 0)
    pairs = pd.DataFrame({"t": assign[tok_row[sel]], "f": feat[sel], "v": a.corpus.tok_vid[sel]})
    pairs = pairs[pairs["t"] >= 0].drop_duplicates()
    key_words = [set(pairs.loc[(pairs["t"] == t) & pairs["f"].isin(set(keys.get(t, [])) | set(terms[t][:2])), "v"].tolist())
                 for t in range(n_themes)]
    tok_stop = token_stopwords(a)
    label_kw = dict(max_words=conf.theme_label_max_words, length_bonus=conf.theme_label_length_bonus,
                    max_question_words=conf.theme_question_max_words, random_state=random_state, sign=sign)
    labels = phrase_labels(a, tok_row, assign, key_words, tok_stop=tok_stop, product_vid=prod_v, question=question,
                           **label_kw)

    def relabel(words_of, **kw) -> None:
        """Label the themes still without one, in one pass, with the key words ``words_of(t)``."""
        todo = np.flatnonzero([not lab for lab in labels])
        if todo.size == 0:
            return
        sub = np.full(n_themes, -1)
        sub[todo] = np.arange(todo.size)
        found = phrase_labels(a, tok_row, np.where(assign >= 0, sub[np.maximum(assign, 0)], -1),
                              [words_of(t) for t in todo], tok_stop=tok_stop, reseed=True, **label_kw, **kw)
        for t, lab in zip(todo, found):
            labels[t] = lab

    if question:  # no short question names the theme: a phrase of its questions
        relabel(lambda t: key_words[t], product_vid=prod_v)
    # no phrase around the key: try the second term
    relabel(lambda t: set(pairs.loc[(pairs["t"] == t) & pairs["f"].isin(terms[t][:2]), "v"].tolist()),
            product_vid=prod_v)
    # statements that name only the product and what is wrong with it ('Das Regal ist wackelig.', 'wobbly shelf'):
    # the product word may stand in the label beside a concept word ('Regal wackelig'), never alone, a brand never
    relabel(lambda t: key_words[t], product_vid=brand_v, need_concept=True)
    key_names = [str(names[terms[t][0]]) if terms[t] else "" for t in range(n_themes)]
    return Themes(assign=assign, terms=terms, keys=key_names, labels=labels, names=names,
                  label_concepts=label_concepts(a, labels, key_names, intents=question))


def label_concepts(a: Analysed, labels: list[str], keys: list[str], intents: bool = False) -> list[str]:
    """The lexicon concept (with ``intents``, for questions, also the question intent) each label
    says: a problem concept of the label ('Pfütze auf der Arbeitsplatte' -> *water*, not *space*),
    for questions an intent instead, else the theme's key when a word of the label carries it, else the first concept
    of the label that is not a mere qualifier ('große Teller passen nicht' -> *plate*, not
    *large*); '' when the label has no concept word.

    >>> from seller_lab.text._core import analyse
    >>> a = analyse(["Rostet nach drei Wochen.", "Große Teller passen nicht.", "Pfütze auf der Arbeitsplatte."],
    ...             sentiment=False)
    >>> label_concepts(a, ["rostet nach drei Wochen", "große Teller passen nicht", "Pfütze auf der Arbeitsplatte",
    ...                    "Ugh"], ["rust", "", "space", ""])
    ['rust', 'plate', 'water', '']
    """
    c = a.corpus
    feat = _token_keys(a, intents, ask=intents)
    names = np.concatenate([a.concepts, np.array(list(lx.QUESTION_INTENTS), dtype=object)])
    is_named = (feat >= 0) & (feat < names.size)
    # the most frequent concept of each vocabulary word (a word may be a concept in one language only)
    counts = pd.DataFrame({"v": c.tok_vid[is_named], "f": feat[is_named]}).value_counts().reset_index()
    top = counts.sort_values(["v", "count"], ascending=[True, False], kind="stable").drop_duplicates("v")
    word_concept = {str(c.vocab[v]): str(names[f]) for v, f in zip(top["v"], top["f"])}
    out = []
    for label, key in zip(labels, keys):
        # (the words as the tokeniser splits them: a question label is written as asked, 'EU-Stecker')
        said = [word_concept[w] for w in re.findall(r"[\w']+", label.lower()) if w in word_concept]
        first = [x for x in said if (x in lx.QUESTION_INTENTS if intents else x in lx.PROBLEM_CONCEPTS)]
        out.append(first[0] if first else key if key in said else
                   next((x for x in said if x not in _QUALIFIER_CONCEPTS), ""))
    return out


def token_stopwords(a: Analysed) -> np.ndarray:
    """Per token: a stopword of the token's own language (a concept word never is: 'großen',
    'EU'), or a lone character."""
    c = a.corpus
    out = np.zeros(c.tok_vid.size, bool)
    lone = np.array([len(w) <= 1 for w in c.vocab], bool)
    tok_li = a.tok_li  # (derived on each read: read once)
    for li, lang in enumerate(lx.LANGUAGES):
        sel = tok_li == li
        if sel.any():
            table = in_words(c.vocab, lx.stopwords(lang)) | lone
            out[sel] = table[c.tok_vid[sel]]
    return out & (a.tok_concept < 0) & ~in_words(c.vocab, lx.THEME_CONTENT_WORDS)[c.tok_vid]


def feature_surface(a: Analysed, rows_tok: np.ndarray) -> dict[int, str]:
    """Most frequent surface word per feature among the given tokens."""
    feat, _ = token_features(a)
    sel = rows_tok & (feat >= 0)
    if not sel.any():
        return {}
    df = pd.DataFrame({"f": feat[sel], "v": a.corpus.tok_vid[sel], "cap": a.corpus.tok_cap[sel]})
    g = df.groupby(["f", "v"]).agg(n=("cap", "size"), cap=("cap", "mean")).reset_index()
    g = g.sort_values(["f", "n"], ascending=[True, False]).drop_duplicates("f")
    out = {}
    for f, v, cap in g[["f", "v", "cap"]].itertuples(index=False):
        w = a.corpus.vocab[v]
        out[int(f)] = (w[:1].upper() + w[1:]) if cap > 0.6 else w
    return out
