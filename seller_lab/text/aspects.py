"""Review aspects and keywords (R1.2 reasons for negative reviews, R5.2 positive keywords,
R6.1 negative themes), vectorised over the whole review frame.

Aspects follow Hu & Liu (KDD 2004) without a POS tagger: frequent nouns and compounds, then the
infrequent features that opinion words modify. German nouns are told by their capital letter;
in en/fr/es/it a word is a noun when it follows a determiner, is the subject of a verb ('the
zoom is') or follows an opinion adjective ('poor signal'), and is rarely used after 'is'/'very'
(adjectives) or after 'to', a modal or a subject pronoun (verbs: 'to install', 'it plays').
Brand/product names (capitalised inside ordinary sentences, 'iPod', 'S100'), discourse nouns
('reason', 'customer'), stopwords (except part names such as 'case', 'system') and pure opinion
words are never aspects; adjective-like modifiers open compounds ('optical zoom', 'battery life'
stays whole) but are no aspect alone. A shipped multilingual list of product-attribute concepts
merges synonyms ("Aufbau"/"Montage"/"assembly" -> *assembly*). Which English words in two or more
reviews are frequent aspects a logistic score of their evidence decides (reviews, contexts, opinion
words on them; ``text.aspect_score_min``); in the other languages a word in ``text.aspect_min_df``
reviews (and ``text.aspect_min_share``) is frequent. A word not frequent counts only where an opinion word
stands just before it ('slow autofocus') or it is the subject of one ('the autofocus is slow')
in a sentence naming no frequent aspect, an opinion word being one that modifies a frequent
aspect elsewhere in the reviews. A few English verbs name features too: what is easy or hard to do
('easy to use', 'hard to install') and how the product looks, works or feels when an opinion word
follows ('looks great', 'works very well'). Exact duplicate reviews count once. Each aspect gets mentions, share
of reviews, average rating, share of negative/positive mentioning sentences and representative
quotes; also per competitor (``asin``) and per month.

Keywords separating 1-2 star from 4-5 star reviews use weighted log-odds with an informative
Dirichlet prior (Monroe, Colaresi & Quinn 2008) over document frequencies of content-word
unigrams and bigrams ("dünnes Material", "zu klein", "easy to assemble" -> "easi assembl").

Examples
--------
>>> import pandas as pd
>>> reviews = pd.DataFrame({"doc_id": list("abcdef"), "asin": ["A1"] * 6, "rating": [1, 2, 5, 5, 4, 1],
...     "text": ["Der Deckel ist zu dünn. Leider wackelig.", "Dünnes Material, wackelig.",
...              "Stabil und einfach aufzubauen.", "Einfach aufzubauen, sehr stabil!",
...              "Der Deckel passt gut.", "Rost nach zwei Wochen."]})
>>> out = review_aspects(reviews, min_df=1)
>>> out.loc[out["aspect"] == "Deckel", ["reviews", "avg_rating"]].values.tolist()
[[2.0, 2.5]]
>>> sorted(negative_reasons(reviews, min_count=1)["keyword"].head(2))
['dünn', 'wackelig']
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from . import lexicon as lx
from ._core import (
    Analysed,
    PackedColumns,
    acronym_words,
    analyse,
    pick_quotes,
    polarity_flags,
    release_memory,
    resolve_params,
    sentence_scores_beside,
    surface_choice,
    surface_counts,
    text_chunks,
    text_corpus,
    unique_pairs,
)
from .common import Background, in_words, sentence_tokens
from .preprocess import drop_duplicate_documents
from .sentiment import booster_words
from .settings import TextSettings, text_settings

_GENERIC = frozenset("""product item items thing set rack racks chair chairs tiles tile toy toys organizer
    produkt artikel ding teil teile gestell stuhl spielzeug bestellung sterne stern""".split())
_NOT_ASPECT_CONCEPTS = frozenset(c for c in lx.CONCEPTS if c not in lx.ASPECT_CONCEPTS)
_DETERMINERS = frozenset("""the a an my our your his her its their this that these those some any no every
    each all both le la les un une des du mon ma mes el los las una mi mis il lo gli uno una""".split())


def review_documents(reviews: pd.DataFrame) -> pd.Series:
    """Title + text of each review (title first, as its own sentence)."""
    text = reviews["text"].fillna("").astype(str) if "text" in reviews else pd.Series("", index=reviews.index)
    if "title" in reviews:
        title = reviews["title"].fillna("").astype(str)
        joined = title.str.cat(text, sep="\n")
        return joined.where(title.str.len() > 0, text)
    return text


def analyse_reviews(reviews: pd.DataFrame, params: dict | None = None) -> Analysed:
    """The shared analysis of a review frame (tokens, languages, stems, concepts, sentence
    sentiment; titles joined as first line), to pass as ``analysed=`` to :func:`review_aspects`,
    :func:`review_keywords` and :func:`keywords_by` so several tables of the same reviews
    tokenise them once. Drop exact duplicates first
    (:func:`~seller_lab.text.preprocess.drop_duplicate_documents`) and pass those same rows.
    """
    params = resolve_params(params)
    text = reviews["text"] if "text" in reviews else pd.Series("", index=reviews.index)
    return analyse(text, params, ratings=reviews.get("rating"), prefix=reviews.get("title"))


# nouns of the English stopwords-iso list that name product parts and features ('the case', 'the
# operating system', 'the keys'): aspects although the keyword tables leave them out as stopwords
_EN_STOPWORD_NOUNS = frozenset("""case cases system systems keys site sites website page pages text length
    bottom index""".split())
# words that follow a subject noun ('the zoom is', 'the lid broke', 'le couvercle est')
_SUBJECT_NEXT = frozenset("""is are was were has have had does did seems seem seemed works worked broke breaks
    gets got comes came looks feels felt makes made keeps kept takes took lasts lasted isn aren wasn doesn didn
    est sont était étaient a ont es son era eran tiene è sono era erano ha hanno
    bent broken fell fallen tore torn wore worn stuck shrank shrunk sank sunk blew blown froze frozen grew grown
    hung shook shaken spun stank stunk swung""".split())
# nouns of discourse, people, trade and quantity: never a product aspect, whatever the product
_DISCOURSE_NOUNS = frozenset("""reason reasons choice decision opinion advice idea experience experiences question
    questions answer answers fact point purpose situation example deal job difference result results matter
    chance mistake hassle thanks help trouble kind sort type types part parts end while rest plus minus
    pros cons con pro market company companies brand brands dollars dollar bucks money purchase purchases
    customer customers user users owner owners person persons guy guys reviewer reviewers cousin brother sister
    dad mom mother father baby babies child children kid girlfriend boyfriend husband wife friends parents
    couple dozen piece pieces pair bunch half total number world everything anything something nothing
    today tomorrow christmas birthday gift present model models version versions unit units device devices
    complaint complaints issue issues ability abilities doubt downside factors flaw flaws negatives positives limitations bonus factor promise thousands hundreds percent attempt attempts
    method condition title community fans pain head eye eyes hand hands finger fingers fingertips nose
    pocket pockets wallet purse shirt gym shop box
    beginner beginners buyer buyers fan fans lover lovers traveler travelers traveller amateur amateurs novice
    novices expert experts newbie photographer photographers audiophile audiophiles
    lack drawback drawbacks disappointment improvement improvements compromise advantage advantages disadvantage
    disadvantages addition combination mind future habit business vacation budget""".split())
# words before an adjective or adverb ('is great', 'very easy', 'too loud')
_PREDICATE_PREV = frozenset("""is are was were be been being am very so too really pretty quite extremely not
    more most less least rather fairly incredibly super
    très assez plutôt vraiment muy realmente molto davvero""".split())  # (not those also before nouns: 'troppo rumore', English 'tan')
_ADJ_SUFFIXES = ("al", "ic", "ive", "ous", "ful", "less", "able", "ible", "ary")
# words before a verb: infinitive 'to', modals and auxiliaries, subject pronouns ('to install', 'will start',
# 'i prefer', 'they offer'; 'je trouve', 'il marche'); a word mostly found here is a verb, not an aspect
_VERB_PREV = frozenset("""to will would can could should must might may shall cannot don didn doesn won i you
    we they he she it which who please also just never always often usually easily even actually simply
    je tu nous vous ils elles ne se si""".split())
# French, Spanish, Italian: object pronouns that are also articles ('no lo recomiendo', 'je le recommande',
# 'la devolví'), and the words a verb follows there that the English lists do not hold or hold as a
# determiner ('no funciona', 'me gusta', 'non lo consiglio'): after one of these, or after a pronoun-article
# that follows one, a word is a verb, not the noun an article announces
_ROMANCE_CLITICS = frozenset("lo la los las le les".split())
_ROMANCE_VERB_PREV = frozenset("no non ne me te se si nos os ti ci vi je nous vous ils elles".split())
# French, Spanish, Italian: words of the determiner list that announce no noun there: 'a' is a preposition
# or a verb ('a volver', 'il a'); French 'il' a pronoun ('il faut'), Spanish 'lo' an object pronoun or the
# article of an adjective ('lo recomiendo', 'lo único'), Italian 'mi' a pronoun ('mi piace')
_ROMANCE_NOT_DET = {"fr": frozenset(["a", "il"]), "es": frozenset(["a", "lo"]), "it": frozenset(["a", "mi"])}
# French, Spanish, Italian: the copulas and intensifiers an adjective follows ('la comida es cara', 'le
# service est lent', 'trop cher', 'bien emballé'), as English 'is' and 'too' (_PREDICATE_PREV)
_ROMANCE_PRED_PREV = {
    "fr": frozenset("est sont était étaient fut semble trop bien mal".split()),
    "es": frozenset("es son era eran está están estaba estaban fue fueron sea parece resulta demasiado tan bastante bien mal".split()),
    "it": frozenset("è sono era erano sembra troppo così bene male".split())}
# French, Spanish, Italian: prepositions a noun follows without an article ('una botella de agua', 'avec
# frites', 'senza glutine'); the noun evidence an article gives
_ROMANCE_NOUN_PREP = frozenset("de con sin avec sans di senza".split())
# infinitive endings, with the pronouns Spanish and Italian attach to them ('usarlo', 'comprarlos'; not
# 'la', 'le', 'me', 'te', 'se': 'carte', 'perle', 'charme' are nouns)
_ROMANCE_INFINITIVE = ("are", "ere", "ire") + tuple(v + c for v in ("ar", "er", "ir")
                                                 for c in ("", "lo", "los", "las", "les", "nos", "li"))
# French, Spanish, Italian adjectives and quantifiers written before their noun ('la première utilisation',
# 'el otro lado', 'les deux poignées'): between an article and a noun like an opinion word ('la buena calidad')
_ROMANCE_PRENOMINAL = frozenset("""premier première premiers premières dernier dernière derniers dernières seul seule
    seuls seules autre autres même mêmes nouveau nouvel nouvelle nouveaux nouvelles petit petite petits petites
    grand grande grands grandes gros grosse vieux vieil vieille beau bel belle beaux belles jeune deuxième second
    seconde double demi vrai vraie plusieurs quelques deux trois
    primer primera primeros primeras último última últimos últimas otro otra otros otras mismo misma mismos
    mismas nuevo nueva nuevos nuevas pequeño pequeña pequeños pequeñas gran viejo vieja segundo segunda doble
    medio media único única varios varias muchos muchas pocos pocas algunos algunas dos tres
    primo prima primi prime ultimo ultima ultimi ultime altro altra altri altre stesso stessa nuovo nuova nuovi
    nuove piccolo piccola piccoli piccole grosso grossa vecchio vecchia bel bello bella secondo seconda doppio
    mezzo mezza unico unica vari varie molti molte pochi poche alcuni alcune due tre""".split())
# words after the head of a noun phrase: prepositions, conjunctions ('the zoom of', 'the lid and'); with the
# verbs of _SUBJECT_NEXT and a clause end, the word before them heads its phrase (a noun, not a modifier)
_HEAD_NEXT = frozenset("""of for with in on at to from and or but than that which because
    de du des pour avec dans sur et ou mais que del con en para por y o pero di per con su e ma che""".split())


# French, Spanish, Italian compounds of a noun and the adjective after it ('plat principal', 'menú degustación',
# 'verre trempé'), where the adjective is no candidate noun. The second word: after a copula or 'très'/'muy' in
# at most a tenth of its uses (opinion adjectives are written there: 'es caro', 'très aimable'), in a verb's
# context (after a pronoun or negator, before an article) in at most a fifth, before an adverb in at most 0.15
# ('queda bien', 'chauffe vite', 'ne ferme pas': a verb); the pair in at least half of the reviews that write the
# second word (a free adjective follows many nouns), closing its clause in fewer than three quarters of its uses
# (a pair that does is a statement: 'Servicio impecable.', 'accueil glacial'). Chosen on the SemEval-2016
# training files and Amazon reviews: docs/text_aspects.md
_POSTNOMINAL_MAX_PRED = 0.1
_POSTNOMINAL_MAX_VERB = 0.2
_POSTNOMINAL_MAX_ADVERB = 0.15
_POSTNOMINAL_MIN_SHARE = 0.5
_POSTNOMINAL_MAX_END = 0.75
# French, Spanish, Italian adverbs that follow a verb ('funciona bien', 'chauffe vite', 'ne ferme pas', 'queda
# muy justa') and hardly ever an adjective after its noun
_ROMANCE_VERB_NEXT = frozenset("""bien mal vite pas plus jamais trop très assez beaucoup peu rien muy mucho poco nada
    bastante demasiado nunca molto bene male troppo niente mai più""".split())
_ROMANCE_LANGUAGES = tuple(lx.LANGUAGES.index(x) for x in ("fr", "es", "it"))

# tokens per chunk of the aspect-key passes (cut where a document starts): 250k took 20-30 % less CPU than 1M
# (a chunk's arrays stay in the CPU's caches), 62.5k no less
_KEY_CHUNK = 250_000
_TABLE_BYTES = 16_000_000  # the joint count tables of _WordCounts hold at most this many bytes together


def _doc_spans(tok_sent: np.ndarray, sent_doc: np.ndarray, step: int) -> list[tuple[int, int]]:
    """Token ranges ``(t0, t1)`` of about ``step`` tokens each, cut where a document starts: a sentence or
    a document never spans two ranges (tokens are in text order, documents and sentences ascending).

    >>> _doc_spans(np.array([0, 0, 1, 1, 2, 3]), np.array([0, 0, 1, 1]), 3)
    [(0, 4), (4, 6)]
    """
    ntok = tok_sent.size
    spans = []
    t0 = 0
    while t0 < ntok:
        t1 = t0 + step
        if t1 < ntok:  # back to the start of the document of token t1, or on to its end when it started at t0
            # (the values searched for in the arrays' own dtype: a wider one would convert the whole array)
            d = sent_doc[tok_sent[t1]]
            t1 = int(np.searchsorted(tok_sent, tok_sent.dtype.type(np.searchsorted(sent_doc, d, "left"))))
            if t1 <= t0:
                t1 = int(np.searchsorted(tok_sent, tok_sent.dtype.type(np.searchsorted(sent_doc, d, "right"))))
        t1 = min(t1, ntok)
        spans.append((t0, t1))
        t0 = t1
    return spans


class _WordCounts:
    """Per word, how many tokens have each of several flags, counted chunk by chunk: a token's flags
    are packed into a few bits and one ``np.add.at`` per group of bits counts (word, bits) cells of a
    table: 1.5-3 ms per million tokens for up to 6 flags, where a masked ``np.bincount`` takes ~4 ms for
    each flag (compressing the mask is most of it).
    The tables hold at most ``_TABLE_BYTES`` together; their cells are int32 (a chunk's counts are added
    in place, ``np.add.at`` of an int32 one). On a large vocabulary (a real million reviews has hundreds of
    thousands of words, most of them rare) that would leave one bit per group, one pass over the tokens
    per flag: given ``word_tokens`` (tokens per word), the most frequent words then get the packed tables
    and the tokens of the others (a few per cent) are kept with their flags and counted per flag at the end.
    Given ``word_tokens``, a flag true for most tokens is counted where it is false; tokens with no flag
    of a group set are not counted at all.

    >>> wc = _WordCounts(3, 2)
    >>> wc.add(np.array([0, 2, 2, 1]), [np.array([True, True, False, True]), np.array([False, True, True, False])])
    >>> [x.tolist() for x in wc.counts()]
    [[1, 1, 1], [0, 0, 2]]
    >>> wc = _WordCounts(3, 2, word_tokens=np.array([1, 1, 2]), table_bytes=16)  # word 2 packed, 0 and 1 apart
    >>> wc.add(np.array([0, 2, 2, 1]), [np.array([True, True, False, True]), np.array([False, True, True, False])])
    >>> [x.tolist() for x in wc.counts()], wc.hot_id.tolist()
    ([[1, 1, 1], [0, 0, 2]], [-1, -1, 0])
    """

    def __init__(self, n_words: int, n_flags: int, n_tokens: int = 0, word_tokens: np.ndarray | None = None,
                 table_bytes: int = 0):
        self.n_words = n_words
        # int32 cells while no word can have 2**31 tokens
        self.dtype = np.int32 if n_tokens < 2 ** 31 else np.int64
        size = np.dtype(self.dtype).itemsize
        limit = table_bytes or _TABLE_BYTES

        def nbytes(k: int, n: int) -> int:
            return _WordCounts.table_bytes(n, n_flags, k, size)

        self.hot_id = None  # per word: its row in the packed tables, -1 = counted apart (None: every word packed)
        n_hot = n_words
        if word_tokens is not None and _WordCounts.packs_few(n_words, n_flags, limit):
            n_hot = max(1, min(n_words, limit // nbytes(min(n_flags, 6), 1)))
            order = np.argsort(-np.asarray(word_tokens), kind="stable")
            self.hot_id = np.full(n_words, -1, np.int32)
            self.hot_id[order[:n_hot]] = np.arange(n_hot, dtype=np.int32)
            self.cold = np.flatnonzero(self.hot_id < 0)
            self.cold_id = np.full(n_words, -1, np.int64)
            self.cold_id[self.cold] = np.arange(self.cold.size)
            # the tokens of the words apart, kept per chunk as (word, flag bits) and counted per flag at the end:
            # one np.bincount per flag over all of them, where an np.add.at per flag and chunk cost ~1.4 s of
            # CPU on a million reviews with 395k words (they are a few per cent of the tokens: a few MB)
            self.cold_parts: list[tuple[np.ndarray, np.ndarray]] = []
            self.cold_bits = next(t for t in (np.uint8, np.uint16, np.uint32, np.uint64) if n_flags <= 8 * np.dtype(t).itemsize)
        k = 1
        while k < 6 and nbytes(k + 1, n_hot) <= limit:
            k += 1
        # given the tokens of each word, a flag true for most tokens is counted where it is false and
        # subtracted: most cells of a group are then 0, and those tokens are not counted at all (decided on
        # the first chunk; ``np.add.at`` is most of the counting time)
        self.totals = None if word_tokens is None else np.asarray(word_tokens, np.int64)
        self.invert: list[bool] | None = None
        self.n_rows = n_hot + (self.hot_id is not None)  # (a last row collects the tokens counted apart)
        self.groups = [list(range(i, min(i + k, n_flags))) for i in range(0, n_flags, k)]
        self.tables = [np.zeros(self.n_rows << len(g), self.dtype) for g in self.groups]

    @staticmethod
    def table_bytes(n_words: int, n_flags: int, k: int, size: int = 4) -> int:
        """Bytes of all the tables of ``n_words`` words with ``k`` flags per group (cells of ``size`` bytes)."""
        return -(-n_flags // k) * (n_words << k) * size

    @staticmethod
    def packs_few(n_words: int, n_flags: int, table_bytes: int = 0) -> bool:
        """Whether the tables of every word would pack fewer than all (or 6) flags per group: then
        counting the frequent words apart pays (``word_tokens``)."""
        return n_flags > 1 and _WordCounts.table_bytes(n_words, n_flags, min(n_flags, 6)) > (table_bytes or _TABLE_BYTES)

    def add(self, words: np.ndarray, flags: list[np.ndarray]) -> None:
        """Count the tokens of ``words`` (intp word ids) by their ``flags`` (bool per token, one array per flag).
        With ``word_tokens`` given, every token of each word must be added once, in all."""
        if self.invert is None:
            self.invert = [self.totals is not None and 2 * int(np.count_nonzero(f)) > f.size for f in flags]
        flags = [~f if inv else f for f, inv in zip(flags, self.invert)]
        if self.hot_id is not None:
            rows = self.hot_id[words]
            apart = np.flatnonzero(rows < 0)
            if apart.size:
                bits = np.zeros(apart.size, self.cold_bits)
                for j, f in enumerate(flags):
                    bits |= f[apart].astype(self.cold_bits) << self.cold_bits(j)
                self.cold_parts.append((self.cold_id[words[apart]].astype(np.int32), bits))
                rows[apart] = self.n_rows - 1
            words = rows.astype(np.intp)
        shifted = {}  # the word ids shifted once per group width
        one = self.dtype(1)  # (of the tables' type: np.add.at's fast path)
        for g, table in zip(self.groups, self.tables):
            cell = flags[g[0]].view(np.uint8).copy()
            part = np.empty_like(cell)
            for j, f in enumerate(g[1:], 1):  # (a multiplication: numpy's shifts of bytes are ~8x slower)
                np.multiply(flags[f].view(np.uint8), np.uint8(1 << j), out=part)
                cell |= part
            has = cell != 0  # (positions found in a bool array: ~8x faster than in the uint8 cells)
            if 2 * np.count_nonzero(has) < cell.size:  # mostly 0 (no flag of the group): only the others are counted
                nz = np.flatnonzero(has)
                np.add.at(table, (words[nz] << len(g)) | cell[nz], one)
                continue
            if len(g) not in shifted:
                shifted[len(g)] = words * (1 << len(g))
            np.add.at(table, shifted[len(g)] | cell, one)

    def counts(self) -> list[np.ndarray]:
        """Per flag, the number of its tokens per word (int64)."""
        out = []
        for g, table in zip(self.groups, self.tables):
            cells = table.reshape(self.n_rows, 1 << len(g))
            bits = np.arange(1 << len(g))
            out += [cells[:, (bits >> j) & 1 == 1].sum(axis=1, dtype=np.int64) for j in range(len(g))]
        if self.hot_id is None:
            return self._inverted_back(out)
        full = []
        hot = self.hot_id
        packed = hot >= 0
        cold = np.concatenate([c for c, _ in self.cold_parts]) if self.cold_parts else np.zeros(0, np.int32)
        bits = np.concatenate([b for _, b in self.cold_parts]) if self.cold_parts else np.zeros(0, self.cold_bits)
        for j, n in enumerate(out):
            x = np.zeros(self.n_words, np.int64)
            x[packed] = n[hot[packed]]
            x[self.cold] = np.bincount(cold[(bits >> self.cold_bits(j)) & 1 == 1], minlength=self.cold.size)
            full.append(x)
        return self._inverted_back(full)

    def _inverted_back(self, out: list[np.ndarray]) -> list[np.ndarray]:
        """The counts of the flags counted where false turned back into counts where true."""
        return [self.totals - n if inv else n for n, inv in zip(out, self.invert or [False] * len(out))]


# word roles for the noun tests (bit flags per word of the vocabulary)
_R_DET, _R_THIS, _R_PRED, _R_VERB, _R_SUBJ, _R_DIGIT, _R_HEAD, _R_THIRD = 1, 2, 4, 8, 16, 32, 64, 128
# the noun tests' verdicts per word (bit flags)
_V_DE_NOUN, _V_OK, _V_FIRST, _V_STOP_NOUN, _V_BAD, _V_POSTNOMINAL = 1, 2, 4, 8, 16, 32
# what the aspect keys read of a (language, word) (bit flags): a candidate, the first word of a compound,
# an aspect concept's word, a rare candidate, a frequent aspect, a candidate in several reviews, the product, an
# aspect concept's content word (keyed by its concept)
_K_OK, _K_FIRST, _K_CONCEPT, _K_RARE, _K_FREQUENT, _K_MULTI, _K_PRODUCT, _K_CONC = 1, 2, 4, 8, 16, 32, 64, 128


class _TokenLookup:
    """One per-token value of the analysis (language, stem, concept, content or lexicon flag) read
    for the tokens a slice, mask or position array selects (:meth:`Analysed.token_values`): the
    analysis derives these from per-word tables, so no array of every token is held."""

    def __init__(self, a: Analysed, name: str):
        self.a, self.name = a, name
        self.dtype = a.token_values(name, slice(0, 0)).dtype

    def __getitem__(self, where) -> np.ndarray:
        return self.a.token_values(self.name, where)


@dataclass
class _Tokens:
    """The per-token arrays the aspect keys read (the corpus's, each read once; the analysis's derived
    values through :class:`_TokenLookup`, for the tokens of a chunk or a position array at a time), and
    the token ranges of whole documents the passes walk."""

    vid: np.ndarray
    sent: np.ndarray
    cap: np.ndarray
    clause_start: np.ndarray | None
    li: _TokenLookup
    stem: _TokenLookup
    concept: _TokenLookup
    content: _TokenLookup
    lex: _TokenLookup
    sent_doc: np.ndarray
    spans: list
    ids: Callable[[int, int], np.ndarray]  # the word ids of a range of tokens as intp (Analysed.word_ids)

    @classmethod
    def of(cls, a: Analysed) -> _Tokens:
        c = a.corpus
        sent, sent_doc = c.tok_sent, c.sent_doc
        return cls(c.tok_vid, sent, c.tok_cap, c.tok_clause_start,
                   *(_TokenLookup(a, f"tok_{n}") for n in ("li", "stem", "concept", "content", "lex")),
                   sent_doc, _doc_spans(sent, sent_doc, _KEY_CHUNK), a.word_ids)

    def docs(self, pos: np.ndarray) -> np.ndarray:
        """The document of each token position."""
        return self.sent_doc[self.sent[pos]]


def _doc_freq(docs: np.ndarray, ids: np.ndarray, n_ids: int, step: int = 1_000_000) -> np.ndarray:
    """Per id, in how many documents it occurs (``docs`` ascending, one entry per occurrence): the
    (document, id) pairs sorted as one int64 code, ``step`` entries at a time cut where a document
    starts (a sort of int64 codes is several times faster than scipy's matrix of ``unique_pairs``).

    >>> _doc_freq(np.array([0, 0, 1, 1, 1, 2]), np.array([1, 1, 0, 1, 1, 2]), 3, step=2).tolist()
    [1, 2, 1]
    """
    out = np.zeros(n_ids, np.int64)
    n = docs.size
    t0 = 0
    while t0 < n:
        t1 = min(t0 + step, n)
        if t1 < n:  # back to the start of the document at t1, or on to its end
            t1 = int(np.searchsorted(docs, docs[t1], "left"))
            if t1 <= t0:
                t1 = int(np.searchsorted(docs, docs[t0], "right"))
        d = docs[t0:t1]
        # int32 codes where they fit (a range of a few thousand documents): numpy sorts them ~1.7x faster
        ctype = np.int32 if (int(d[-1]) - int(d[0]) + 1) * n_ids < 2 ** 31 else np.int64
        code = np.sort((d - d[0]).astype(ctype) * ctype(n_ids) + ids[t0:t1].astype(ctype, copy=False))
        first = np.ones(code.size, bool)
        np.not_equal(code[1:], code[:-1], out=first[1:])
        np.add.at(out, code[first] % n_ids, 1)  # (no table of n_ids per chunk: large vocabularies)
        t0 = t1
    return out


class _Nouns:
    """The noun tests of :func:`_noun_ish`, decided per word (a verdict per vocabulary entry), and what
    they make of each (language, word): the token can be (part of) an aspect (``ok``); it can open a
    compound ('optical' zoom, ``first``); in French, Spanish and Italian it can close a compound after its
    noun ('plat principal', ``postnominal``; ``None`` when no word can). All depend on the word and its
    language only, so the passes over the tokens read them from these tables (:meth:`Analysed.token_lookup`)."""

    def __init__(self, a: Analysed, tk: _Tokens, extra_exclude=(), head_min_share: float = 0.0):
        self.verdict_v, self.evidence = _noun_ish(a, tk, extra_exclude, head_min_share)
        # concepts that are never aspects, as a lookup per concept id (the last entry stands for -1, no concept)
        not_aspect_c = np.zeros(a.concepts.size + 1, bool)
        not_aspect_c[[i for i, n in enumerate(a.concepts) if n in _NOT_ASPECT_CONCEPTS]] = True
        verdict = self.verdict_v[None, :]
        li = np.arange(a.word_stem.shape[0])[:, None]  # one row per language
        de = li == 1
        fine = (verdict & _V_STOP_NOUN).astype(bool) & (li == 0)
        fine = fine | a.word_content
        fine &= ~(verdict & _V_BAD).astype(bool)
        fine &= ~not_aspect_c[a.word_concept]
        ok = np.where(de, (verdict & _V_DE_NOUN).astype(bool) & ~a.word_lex, (verdict & _V_OK).astype(bool))
        self.ok = ok & fine
        self.first = (verdict & _V_FIRST).astype(bool) & ~de & fine
        # no candidate itself, no opinion word of the lexicon ('comida buena'), no concept's word ('tapa rota')
        self.postnominal = None
        if (self.verdict_v & _V_POSTNOMINAL).any():
            post = (verdict & _V_POSTNOMINAL).astype(bool) & np.isin(li, _ROMANCE_LANGUAGES)
            post &= fine & ~self.ok & ~a.word_lex & (a.word_concept < 0)
            self.postnominal = post if post.any() else None


def _noun_ish(a: Analysed, tk: _Tokens, extra_exclude=(), head_min_share: float = 0.0) -> tuple[np.ndarray, dict]:
    """Per word of the vocabulary (``_V_*`` bit flags): the word can be (part of) an aspect; it can open
    a compound ('optical' zoom). Also the evidence the aspect scorer reads (:func:`_stem_evidence`): the
    English candidate words and their context counts.

    German nouns are written with a capital letter. In the other languages a noun follows a
    determiner or possessive ('the lid', 'its zoom') or is followed by a verb of which it is the
    subject ('the software is'); words mostly written with a capital inside sentences are
    brand/product names ('Canon', 'Symantec') and words with digits model numbers ('S100'), both
    left out; an adjective-like word mostly used before a noun ('digital camera') is a modifier,
    kept only as part of its compound. Sentiment words are aspects only when used like nouns
    ('the support is'). :class:`_Nouns` applies the verdicts to the tokens.

    Every test is a ratio of per-word counts: the tokens are walked in chunks (whole documents) and
    the contexts of each token counted per word (:class:`_WordCounts`), then decided per word.
    """
    c = a.corpus
    vocab = c.vocab
    tok_vid, tok_sent, tok_li, tok_cap, tok_lex, tok_clause_start = tk.vid, tk.sent, tk.li, tk.cap, tk.lex, tk.clause_start
    excl = (set(lx.NOT_ASPECT) | set(_GENERIC) | set(_DISCOURSE_NOUNS) | set(_SUBJECT_NEXT)
            | {w.lower() for w in extra_exclude})
    for lang in lx.LANGUAGES:
        excl |= set(lx.NEGATORS.get(lang, ()))
        excl |= set(lx.BOOSTERS.get(lang, {}))
    excl |= set(lx.TOO_WORDS)
    bad_v = np.array([(w in excl) or len(w) < 3 or not w.isalpha() for w in vocab], bool)
    nv = vocab.size
    det_v = in_words(vocab, _DETERMINERS)
    # 'that continues', 'this applies': after a singular 'this'/'that' a word in -s is a verb (a relative
    # clause), not a noun
    third = np.array([w.endswith("s") and not w.endswith(("ss", "us", "is", "ns")) for w in vocab], bool)
    digit_v = np.array([not w.isalpha() and any(ch.isdigit() for ch in w) for w in vocab], bool)
    clitic_v = in_words(vocab, _ROMANCE_CLITICS)
    rverb_prev_v = in_words(vocab, _ROMANCE_VERB_PREV)
    romance_li = np.array([li in (lx.LANGUAGES.index("fr"), lx.LANGUAGES.index("es"), lx.LANGUAGES.index("it"))
                           for li in range(len(lx.LANGUAGES))])
    # per (language, word): no determiner there; an adjective follows
    not_det_lv = np.zeros((len(lx.LANGUAGES), nv), bool)
    rpred_lv = np.zeros((len(lx.LANGUAGES), nv), bool)
    for lang, words in _ROMANCE_NOT_DET.items():
        not_det_lv[lx.LANGUAGES.index(lang)] = in_words(vocab, words)
    for lang, words in _ROMANCE_PRED_PREV.items():
        rpred_lv[lx.LANGUAGES.index(lang)] = in_words(vocab, words)
    rprep_v = in_words(vocab, _ROMANCE_NOUN_PREP)
    prenominal_v = in_words(vocab, _ROMANCE_PRENOMINAL) | digit_v
    role_v = np.zeros(nv, np.uint8)
    for flag, v in ((_R_DET, det_v), (_R_THIS, in_words(vocab, ("this", "that"))),
                    (_R_PRED, in_words(vocab, _PREDICATE_PREV)), (_R_VERB, in_words(vocab, _VERB_PREV)),
                    (_R_SUBJ, in_words(vocab, _SUBJECT_NEXT)), (_R_DIGIT, digit_v),
                    (_R_HEAD, in_words(vocab, _HEAD_NEXT | _SUBJECT_NEXT)), (_R_THIRD, third)):
        role_v[v] |= flag

    def chunk(t0: int, t1: int):  # word ids (intp), same sentence as the token before, language flags
        vid = tk.ids(t0, t1)
        ts = tok_sent[t0:t1]
        same1 = np.zeros(t1 - t0, bool)
        np.equal(ts[1:], ts[:-1], out=same1[1:])
        li = tok_li[t0:t1]
        return vid, ts, same1, li == 1, li

    # pass 1: the contexts of every token, counted per word
    # the English uses of each word are counted only when some sentences are in another language
    mixed = bool((a.sent_li != 0).any())
    n_flags = 18 + mixed
    # tokens per word (counted while the corpus was built): a large vocabulary's frequent words get the packed
    # tables, and flags true for most tokens are counted where false
    word_tokens = c.vocab_tokens
    if word_tokens is None and _WordCounts.packs_few(nv, n_flags):
        word_tokens = np.zeros(nv, np.int64)
        for t0 in range(0, tok_vid.size, 4_000_000):
            word_tokens += np.bincount(tok_vid[t0:t0 + 4_000_000], minlength=nv)
    wc = _WordCounts(nv, n_flags, tok_vid.size, word_tokens)
    del word_tokens
    any_rom = False  # some French, Spanish or Italian sentence
    for t0, t1 in tk.spans:
        vid, ts, same1, de, li = chunk(t0, t1)
        n = t1 - t0
        nde = ~de
        cap, lex = tok_cap[t0:t1], tok_lex[t0:t1]
        role = role_v[vid]
        prev = np.zeros(n, np.uint8)  # the role of the word before, in the same sentence
        np.multiply(role[:-1], same1[1:], out=prev[1:])
        nxt = np.zeros(n, np.uint8)  # the role of the word after, in the same sentence
        np.multiply(role[1:], same1[1:], out=nxt[:-1])
        # German: a noun is written with a capital letter (ignoring sentence starts)
        inner_de = de & same1
        # English/Romance: after a determiner ('the zoom'), not a verb after 'this'/'that'
        rel_verb = (prev & _R_THIS).astype(bool) & (role & _R_THIRD).astype(bool) & nde
        # French/Spanish/Italian: a verb after a negator or pronoun ('no funciona'), or after a pronoun-article
        # that follows one ('no lo recomiendo', 'je le recommande')
        vp = rverb_prev_v[vid]
        r_verb = np.zeros(n, bool)
        r_verb[1:] = vp[:-1] & same1[1:]
        r_verb[2:] |= clitic_v[vid[1:-1]] & vp[:-2] & same1[1:-1] & same1[2:]
        rom = romance_li[li]
        r_verb &= rom
        det = (role & _R_DET).astype(bool)  # the token is a determiner
        rom_any = bool(rom.any())
        any_rom |= rom_any
        if rom_any:
            det &= ~not_det_lv[li, vid]
        prev1 = np.zeros(n, bool)
        np.logical_and(det[:-1], same1[1:], out=prev1[1:])
        prev1 &= nde & ~rel_verb & ~r_verb
        prev2 = prev1.copy()  # 'the great zoom', 'my memory card'
        two = det[:-2] & (ts[2:] == ts[:-2]) & nde[2:]
        if rom_any:
            # French, Spanish, Italian put adjectives after the noun ('la comida inmejorable', 'le service
            # est lent'): two words after a determiner there stands a noun only after an opinion word or
            # an adjective written before its noun ('la buena comida', 'la première utilisation')
            two &= ~rom[2:] | lex[1:-1] | prenominal_v[vid[1:-1]]
        prev2[2:] |= two
        if rom_any:  # 'de agua', 'avec frites'
            pp = rprep_v[vid]
            prev2[1:] |= pp[:-1] & same1[1:] & rom[1:] & ~det[1:]
        prev2 &= ~r_verb
        subj = (nxt & _R_SUBJ).astype(bool) & nde  # 'the software is'
        # after an opinion adjective ('great zoom', 'poor signal'): the noun an opinion is about (Hu & Liu 2004)
        op = np.zeros(n, bool)
        op[1:] = lex[:-1] & same1[1:] & ~lex[1:]
        op &= ~prev2 & nde
        pred = (prev & _R_PRED).astype(bool) & nde  # 'is great', 'very easy': adjectives
        if rom_any:  # 'es caro', 'trop cher', 'bien emballé'
            pred[1:] |= rpred_lv[li[:-1], vid[:-1]] & same1[1:]
        verb1 = ((prev & _R_VERB).astype(bool) | r_verb) & nde  # 'to install', 'i prefer': verbs
        # a word followed by a determiner takes an object ('it offers a'): a verb or a preposition
        verb2 = ((nxt & _R_DET).astype(bool) | rel_verb) & nde
        inner = nde & same1
        # a title or a shouted sentence ('Tiny Buttons, Great Zoom') says nothing about names where the
        # word is also written in ordinary sentences
        starts = np.flatnonzero(~same1)  # the chunk's sentences, as runs of tokens
        sent_len = np.diff(np.append(starts, n))
        sent_caps = np.add.reduceat(cap.view(np.uint8), starts, dtype=np.int64)
        plain = inner & ~np.repeat((sent_caps >= 0.5 * sent_len) & (sent_len >= 3), sent_len)
        model = (nxt & _R_DIGIT).astype(bool) & nde  # 'nikon 4300'
        # heads: the word ends its phrase (clause end, or a preposition/conjunction/verb follows)
        head = np.ones(n, bool)
        head[:-1] = (role[1:] & _R_HEAD).astype(bool) | ~same1[1:]
        if tok_clause_start is not None:
            head[:-1] |= tok_clause_start[t0 + 1:t1]
        if rom_any:
            # French, Spanish, Italian nouns come first in their phrase, before their adjectives ('la poignée
            # reste froide', 'la jarra inmejorable'): the word right after an article heads it
            head |= prev1 & rom
        head &= nde
        # the subject of an opinion ('the zoom is great')
        opsubj = np.zeros(n, bool)
        opsubj[:-2] = subj[:-2] & lex[2:] & same1[2:]
        wc.add(vid, [inner_de, inner_de & cap, prev1, prev2, subj, op, pred, verb1, verb2, nde, inner, inner & cap,
                     plain, plain & cap, model, head, nde & lex, opsubj] + ([li == 0] if mixed else []))
    (all_n, decap_n, det1_n, det_n, subj_n, op_n, pred_n, verb1_n, verb2_n, tot_n, in_n, incap_n, plain_n, plaincap_n,
     model_n, head_n, lex_n, opsubj_n, *en_n) = wc.counts()
    del wc
    # words seen only at sentence starts ('Insgesamt', 'Leider') are not taken for nouns
    de_noun_v = (all_n > 0) & (decap_n >= 0.5 * np.maximum(all_n, 1))
    verb_n = verb1_n + verb2_n
    nt = np.maximum(tot_n, 1)
    # adverbs, participles and superlatives ('-ly', '-ed', '-est') are nouns only right after a determiner
    # ('the speed', 'the assembly', 'the test'); a gerund after one ('the setting', 'the metal housing')
    shape = np.array([not w.endswith(("ly", "ed", "est")) for w in vocab], bool) | ((det1_n >= 0.5 * nt) & (det1_n >= 2))
    if mixed:
        # French, Spanish, Italian infinitives ('volver', 'recommander', 'provare', 'usarlo') and Spanish and
        # Italian adverbs ('vivamente', 'realmente') likewise, in words used mostly outside English sentences
        # ('charger' and 'speaker' are English nouns): 'el lugar', 'le clavier'
        other = np.flatnonzero(en_n[0] < 0.5 * nt)
        inf = other[np.array([w.endswith(_ROMANCE_INFINITIVE + ("mente",)) for w in vocab[other]], bool)]
        shape[inf] &= (det1_n[inf] >= 0.5 * nt[inf]) & (det1_n[inf] >= 2)
    ing = np.array([w.endswith("ing") for w in vocab], bool)
    en_noun_v = (((det_n + subj_n + op_n) >= 0.25 * nt) & (pred_n < 0.2 * nt) & shape & (verb_n <= det_n + subj_n + op_n)
                 & (~ing | (det_n >= 0.5 * nt)))
    # brand and product names: capitalised inside sentences, not an acronym ('LCD'), or 'iPod'
    in_n = np.where(plain_n > 0, plain_n, in_n)
    incap_n = np.where(plain_n > 0, plaincap_n, incap_n)
    upper_n = c.vocab_upper if c.vocab_upper is not None else np.zeros(nv, np.int64)
    name_v = (in_n > 0) & (incap_n >= 0.5 * in_n) & (upper_n < 0.5 * np.maximum(incap_n, 1))
    if c.vocab_camel is not None:
        name_v |= c.vocab_camel >= 0.3 * nt
    # a brand or line is written before its model number ('nikon 4300', 'canon g3'), also in lower case
    name_v |= (model_n >= 2) & (model_n >= 0.2 * nt) & (upper_n < 0.5 * np.maximum(in_n, 1))  # not 'USB 2.0'
    # pass 2, modifiers: used before another noun-like word ('digital camera')
    content_v = ~in_words(vocab, lx.all_stopwords()) | in_words(vocab, _EN_STOPWORD_NOUNS)
    noun_next_v = en_noun_v & ~det_v & content_v
    wc = _WordCounts(nv, 1, tok_vid.size)
    for t0, t1 in tk.spans:
        vid, _, same1, de, _ = chunk(t0, t1)
        nxt_noun = np.zeros(t1 - t0, bool)
        nxt_noun[:-1] = noun_next_v[vid[1:]] & same1[1:]
        nxt_noun &= ~de
        wc.add(vid, [nxt_noun])
    mod_n = wc.counts()[0]
    del wc
    lex_v = (lex_n > 0.5 * tot_n) & ~in_words(vocab, lx.EN_RATED_FEATURE_NOUNS)  # 'the support'
    # adjective endings, participles and superlatives ('included', 'biggest'; not 'speed', 'chest')
    adj_like = np.array([w.endswith(_ADJ_SUFFIXES) or (len(w) > 5 and w.endswith(("ed", "est")) and not w.endswith("eed"))
                         for w in vocab], bool)
    modifier_v = ((adj_like & (mod_n >= 0.4 * nt)) | (lex_v & (mod_n >= 0.2 * nt))
                  | ((mod_n >= 0.5 * nt) & (head_n < 0.25 * nt) & adj_like))
    lex_noun_v = lex_v & ((det_n + subj_n) >= 0.3 * nt) & (mod_n < 0.2 * nt) & (pred_n < 0.1 * nt)
    # a word that (almost) never ends its phrase stands before nouns ('the main menu', 'the entire
    # collection', 'the scroll wheel'): a modifier, part of compounds but no aspect of its own
    headless_v = head_n < head_min_share * nt
    en_ok_v = en_noun_v & ~name_v & ~modifier_v & (~lex_v | lex_noun_v) & ~headless_v
    first_v = (modifier_v | (headless_v & en_noun_v)) & ~lex_v & ~name_v  # 'optical zoom', 'scroll wheel'
    # French, Spanish, Italian: the words that may follow their noun in a compound ('plat principal', 'verre
    # trempé'), no opinion adjectives ('es caro', 'très aimable'), verbs, names, evaluative words or adverbs in
    # -ment/-mente ('plats typiquement'); :class:`_Nouns` keeps those of these languages that are no candidate
    postnominal_v = np.zeros(nv, bool)
    if any_rom:
        rom_v = (a.word_used[list(_ROMANCE_LANGUAGES)].any(axis=0) if a.word_used is not None
                 else np.ones(nv, bool))  # (the words of those sentences)
        post = np.flatnonzero(rom_v & content_v & ~bad_v & ~name_v & ~digit_v & (tot_n > 0)
                              & (pred_n <= _POSTNOMINAL_MAX_PRED * nt) & (verb_n <= _POSTNOMINAL_MAX_VERB * nt)
                              & ~in_words(vocab, lx.EVALUATIVE))
        postnominal_v[post[np.array([not w.endswith(("ment", "mente")) for w in vocab[post]], bool)]] = True
    verdict_v = np.zeros(nv, np.uint8)
    for flag, v in ((_V_DE_NOUN, de_noun_v), (_V_OK, en_ok_v), (_V_FIRST, first_v),
                    (_V_STOP_NOUN, in_words(vocab, _EN_STOPWORD_NOUNS)), (_V_BAD, bad_v),
                    (_V_POSTNOMINAL, postnominal_v)):
        verdict_v[v] |= flag
    # what the aspect scorer reads of the English candidate words (candidates used mostly in English
    # sentences): their context counts (per word of ``words``)
    words = np.flatnonzero(en_ok_v & (en_n[0] >= 0.5 * nt) if mixed else en_ok_v)
    evidence = {"words": words, **{k: v[words] for k, v in (
        ("tokens", tot_n), ("det", det_n), ("subj", subj_n), ("op", op_n), ("pred", pred_n), ("verb", verb_n),
        ("head", head_n), ("mod", mod_n), ("lex", lex_n), ("model", model_n), ("opsubj", opsubj_n))}}
    return verdict_v, evidence


# stopwords that never name a feature after 'easy to' ('easy to get', 'hard to find'); 'use' does ('easy to use')
_EASE_STOPWORDS = lx.all_stopwords() - {"use"}
# word roles for the verb features (bit flags): an ease word, 'to', a manner verb, a booster ('very'), and a
# word that is no opinion after a manner verb (a negator, or 'like': 'looks like a toy' compares)
_EASE, _TO, _MANNER, _BOOST, _NOT_OPINION = 1, 2, 4, 8, 16


def _verb_roles() -> dict[str, int]:
    roles: dict[str, int] = {}
    for words, flag in ((lx.EASE_WORDS, _EASE), (["to"], _TO), (lx.MANNER_VERBS, _MANNER), (_PREDICATE_PREV, _BOOST),
                        (set().union(*lx.NEGATORS.values()) | {"like"}, _NOT_OPINION)):
        for w in words:
            roles[w] = roles.get(w, 0) | flag
    return roles


_VERB_ROLES = _verb_roles()


# the opinion step's word roles (bit flags per word): a negator, a verb its subject comes before, a booster
_O_NEG, _O_VERB, _O_BOOST = 1, 2, 4


class _Opinions:
    """The infrequent-feature step's opinion tests on a range of tokens (whole documents): an opinion word
    stands up to ``window`` words before a token in the same clause ('great zoom', 'poor signal strength')
    - the opinion word modifies it - or the token is the subject of one ('the autofocus is slow', 'the
    helpline was very good').

    Opinion words are sentiment-lexicon words other than negators ('no trick' is no opinion); once
    :meth:`add_modifiers` has seen the frequent aspect tokens of every range, only those that modify a
    frequent aspect somewhere in the corpus, as Hu & Liu (2004) take the adjectives next to frequent
    features for the opinion words ('sharp pictures' makes 'sharp' one; 'better hurry' does not make
    'hurry' a feature).
    """

    def __init__(self, a: Analysed, tk: _Tokens, window: int):
        vocab = a.corpus.vocab
        self.tk = tk
        # the word's roles as bits (_O_*), read with one gather per range of tokens
        self.role_v = np.zeros(vocab.size, np.uint8)
        for bit, v in ((_O_NEG, in_words(vocab, set().union(*lx.NEGATORS.values()))), (_O_VERB, in_words(vocab, _SUBJECT_NEXT)),
                       (_O_BOOST, in_words(vocab, _PREDICATE_PREV))):
            self.role_v[v] |= bit
        self.w = max(min(window, tk.vid.size - 1), 0)
        self.modifies_v = np.zeros(vocab.size, bool)

    def _span(self, t0: int, t1: int):  # word ids, word roles, opinion flags and 'same clause' of tokens t0..t1-1
        tk = self.tk
        vid = tk.ids(t0, t1)
        # token i + 1 is in the clause of token i (a clause starts every sentence; no clause numbers needed)
        same = ~tk.clause_start[t0 + 1:t1] if tk.clause_start is not None else tk.sent[t0 + 1:t1] == tk.sent[t0:t1 - 1]
        role = self.role_v[vid]
        return vid, role, tk.lex[t0:t1] & ((role & _O_NEG) == 0), same

    def _same_within(self, same: np.ndarray):  # (d, tokens i and i + d share a clause) for d = 1 .. window
        within = same
        for d in range(1, self.w + 1):
            if d > 1:
                within = within[:-1] & same[d - 1:]
            yield d, within

    def add_modifiers(self, t0: int, t1: int, frequent: np.ndarray) -> None:
        """Mark the opinion words of ``t0 .. t1-1`` that modify one of its ``frequent`` aspect tokens."""
        vid, _, opinion, same = self._span(t0, t1)
        mod = np.zeros(t1 - t0, bool)
        for d, within in self._same_within(same):
            mod[:-d] |= opinion[:-d] & frequent[d:] & within
        self.modifies_v[vid[mod]] = True

    def targets(self, t0: int, t1: int) -> np.ndarray:
        """Per token of ``t0 .. t1-1``: an opinion word is about it."""
        vid, role, opinion, same = self._span(t0, t1)
        opinion &= self.modifies_v[vid]
        o = np.zeros(t1 - t0, bool)
        for d, within in self._same_within(same):
            o[d:] |= opinion[:-d] & within
        # the subject of an opinion ('the autofocus is slow', 'the helpline was great')
        if self.tk.vid.size > 3:
            verb, boost = (role & _O_VERB) > 0, (role & _O_BOOST) > 0
            o[:-2] |= verb[1:-1] & same[:-1] & opinion[2:] & same[1:]
            o[:-3] |= verb[1:-2] & same[:-2] & boost[2:-1] & same[1:-1] & opinion[3:] & same[2:]
        return o


def _verb_features(a: Analysed, tk: _Tokens, key: np.ndarray, aspect_concepts: np.ndarray, min_df: int) -> np.ndarray:
    """Positions of English verbs that name a feature, in >= ``min_df`` reviews and no aspect yet, although a
    verb is no aspect elsewhere: after an ease word and 'to' ('easy to use', 'hard to install'; Hu & Liu's
    'ease of use'; stopwords left out, 'easy to get', except 'use'; a concept word counts when its concept
    is an aspect, 'easy to install' -> assembly), and a verb of :data:`lexicon.MANNER_VERBS` an opinion
    word follows ('looks great', 'works very well', 'feels cheap')."""
    vocab, vid, sent = a.corpus.vocab, tk.vid, tk.sent
    ntok = vid.size
    # one pass over the vocabulary for the word roles, then sparse positions: small and quick on millions of reviews
    role_v = np.fromiter((_VERB_ROLES.get(w, 0) for w in vocab), np.uint8, count=len(vocab))
    parts = []
    for t0, t1 in tk.spans:
        parts.append(np.flatnonzero(role_v[tk.ids(t0, t1)] & (_TO | _MANNER)) + t0)
    found = np.concatenate(parts) if parts else np.zeros(0, np.intp)
    del parts
    role = role_v[vid[found]]
    pos, manner = found[(role & _TO) > 0], found[(role & _MANNER) > 0]
    del found, role
    pos = pos[(pos >= 1) & (pos + 1 < ntok)]
    pos = pos[(role_v[vid[pos - 1]] & _EASE > 0) & (sent[pos - 1] == sent[pos + 1])] + 1
    u, inv = np.unique(vid[pos], return_inverse=True)
    word_u = np.array([vocab[i].isalpha() and len(vocab[i]) >= 3 and vocab[i] not in _EASE_STOPWORDS for i in u], bool)
    pos = pos[word_u[inv]] if pos.size else pos
    manner = manner[manner + 1 < ntok]
    nxt = manner + 1  # the opinion word, or a booster and then the opinion word ('works very well')
    boosted = (role_v[vid[nxt]] & _BOOST > 0) & (nxt + 1 < ntok)
    nxt[boosted] += 1
    manner = manner[tk.lex[nxt] & (role_v[vid[nxt]] & _NOT_OPINION == 0) & (sent[nxt] == sent[manner])]
    pos = np.union1d(pos, manner)
    concept = tk.concept[pos]
    pos = pos[(tk.li[pos] == 0) & (key[pos] < 0) & ((concept < 0) | aspect_concepts[np.maximum(concept, 0)])]
    if pos.size:
        stem = tk.stem[pos]
        pos = pos[(_doc_freq(tk.docs(pos), stem, a.stems.size) >= min_df)[stem]]
    return pos


# The aspect scorer (English: candidate words used mostly in English sentences): which candidate words in
# ``aspect_compound_min_df`` or more reviews are frequent aspects, in place of the rule "in ``aspect_min_df``
# or more reviews", which the other languages keep. A logistic regression
# over the evidence of each candidate stem (its English candidate words' contexts summed), one weight per
# feature of _SCORE_FEATURES on the raw feature, and _SCORE_BIAS. Fitted by benchmarks/fit_aspect_scorer.py
# on the 14 annotated products of tests/data/annotated_reviews (9 + Hu & Liu's 5; every English candidate
# word in 2 or more reviews, labelled by whether it names a feature the annotators tagged: 1,313 words,
# 553 of them features), features standardised, L2 penalty C = 1, the weights then scaled back to the raw
# features. The held-out SemEval-2014 reviews were read for nothing. The figures are in docs/text_aspects.md.
_SCORE_FEATURES = (
    "log_reviews",          # log(reviews / aspect_min_df)
    "after_determiner",     # share of its uses after a determiner ('the zoom', 'my memory card')
    "subject",              # ... as the subject of a verb ('the zoom is')
    "after_opinion",        # ... right after an opinion word ('great zoom')
    "predicate",            # ... after 'is' / 'very' (adjectives)
    "verb_context",         # ... in a verb's context ('to install', 'it offers a')
    "head",                 # ... ending its noun phrase
    "modifier",             # ... before another noun
    "rated",                # ... rated by the sentiment lexicon
    "concept",              # a word of an aspect concept of the lexicon
    "log_uses_per_review",  # log(uses / reviews)
    "model_number",         # share of its uses before a model number ('nikon 4300')
    "opinion_subject",      # share of its uses as the subject of an opinion ('the zoom is great')
)
_SCORE_WEIGHTS = (1.190, -0.386, 1.616, 0.652, -2.231, -0.904, 0.300, -0.322, -0.627, 0.931, 0.980, -0.454, 3.392)
_SCORE_BIAS = -1.174


def _stem_evidence(a: Analysed, ev: dict, ok_en: np.ndarray, sdf: np.ndarray, min_df: int):
    """(stems, features): the stems of the English candidate words (``ok_en`` per vocabulary word) and per
    stem the features of :data:`_SCORE_FEATURES`, its words' counts summed (``ev``: the words of
    :func:`_noun_ish`'s evidence and their counts); ``sdf``: reviews per stem. Work per vocabulary word only."""
    sel = ok_en[ev["words"]]
    v = ev["words"][sel]
    stems, inv = np.unique(a.word_stem[0][v], return_inverse=True)
    tot = {k: np.bincount(inv, weights=c[sel], minlength=stems.size) for k, c in ev.items() if k != "words"}
    nt = np.maximum(tot["tokens"], 1)
    concept = np.bincount(inv, weights=a.word_concept[0][v] >= 0, minlength=stems.size) > 0
    d = np.maximum(sdf[stems], 1).astype(float)
    x = np.column_stack([np.log(d / min_df), tot["det"] / nt, tot["subj"] / nt, tot["op"] / nt, tot["pred"] / nt,
                         tot["verb"] / nt, tot["head"] / nt, tot["mod"] / nt, tot["lex"] / nt, concept,
                         np.log(nt / d), tot["model"] / nt, tot["opsubj"] / nt])
    return stems, x


def _frequent_by_score(a: Analysed, nouns: _Nouns, namer: np.ndarray, product: np.ndarray | None, sdf: np.ndarray,
                       min_df: int, cmin: int, score_min: float) -> tuple[np.ndarray, np.ndarray]:
    """(stems, frequent): the English candidate stems in ``cmin`` or more reviews (not the product) and
    whether the aspect scorer's probability reaches ``score_min`` for each."""
    stems, x = _stem_evidence(a, nouns.evidence, nouns.ok[0] & ~namer[a.word_stem[0]], sdf, min_df)
    cand = sdf[stems] >= cmin
    if product is not None:
        cand &= ~product[stems]
    stems, x = stems[cand], x[cand]
    if score_min <= 0:
        return stems, np.ones(stems.size, bool)
    if score_min >= 1:
        return stems, np.zeros(stems.size, bool)
    z = x @ np.asarray(_SCORE_WEIGHTS, float) + _SCORE_BIAS
    return stems, z >= np.log(score_min / (1 - score_min))


def aspect_keys(a: Analysed, min_df: int, extra_exclude=(), *, opinion_window: int = 0,
                compound_min_df: int | None = None, head_min_share: float = 0.0,
                product_share: float | None = None, score_min: float | None = None) -> tuple[np.ndarray, dict]:
    """Aspect key per token (-1 = none): concept id, nc + stem id, or nc + ns + bigram id.

    A compound ('lens cap') is an aspect in >= ``compound_min_df`` reviews (default ``min_df``), also
    when its words are rarer than ``min_df`` on their own: two nouns written together again and again
    are a name for one thing. In French, Spanish and Italian so is a noun and the adjective after it
    when that adjective is mostly written after that noun ('plat principal', 'verre trempé'), not an
    opinion or a verb (``_POSTNOMINAL_*``).

    ``score_min``: an English candidate word in ``compound_min_df`` or more reviews is frequent when the
    aspect scorer's probability (:func:`_frequent_by_score`) reaches it, instead of needing ``min_df``
    reviews (``None``: the review count rule). A discovered word not frequent is an aspect only where an opinion word
    stands up to ``opinion_window`` words before it or it is the subject of one, in a sentence that
    names no frequent aspect (the infrequent-feature step of Hu & Liu 2004) unless the word is named
    in several reviews; ``opinion_window=0`` drops such words.

    ``head_min_share``: a word that ends its noun phrase in fewer of its uses is a modifier, kept
    only in compounds. ``product_share``: the noun in most reviews, when in more than this share of
    them, is the product itself: it heads no compound ('digital camera') and a word written right
    before it in many of its uses names a brand or kind ('nokia phone'), no aspect alone. English verbs
    that name features ('easy to use', 'looks great': :func:`_verb_features`) need ``compound_min_df``
    reviews.

    The tokens are walked in chunks of whole documents (``_KEY_CHUNK`` tokens or so), several times:
    the noun tests count per word, the document frequencies per stem, the opinion words per word, and a
    last pass writes the keys; the only whole-corpus array built is the key itself.
    """
    tk = _Tokens.of(a)
    ntok = tk.vid.size
    ns, nc = a.stems.size, a.concepts.size
    n_docs = a.corpus.n_docs
    cmin = min_df if compound_min_df is None else compound_min_df
    nouns = _Nouns(a, tk, extra_exclude, head_min_share)
    # per stem: in how many reviews it is a candidate (and outside German: the product test)
    sdf = np.zeros(ns, np.int64)
    pdf = np.zeros(ns, np.int64) if product_share is not None else None
    for t0, t1 in tk.spans:
        pos = np.flatnonzero(a.token_lookup(nouns.ok, slice(t0, t1))) + t0
        docs, stem = tk.docs(pos), tk.stem[pos]
        df = _doc_freq(docs, stem, ns)
        sdf += df
        if pdf is not None:
            nde = tk.li[pos] != 1
            # (a range without German candidates counts the same documents again: ~0.7 s a million English reviews)
            pdf += df if nde.all() else _doc_freq(docs[nde], stem[nde], ns)
    # the product itself: the noun in most reviews, when in more than product_share of them ('camera')
    product = None
    namer = np.zeros(ns, bool)
    if pdf is not None:
        product = np.zeros(ns, bool)
        if pdf.size and pdf.max() > product_share * max(n_docs, 1):
            product[int(np.argmax(pdf))] = True
    del pdf
    if product is not None and product.any():
        # a word written right before the product word in many of its uses names a brand or a kind of the
        # product ('nokia phone', 'digital camera'): no aspect; nor is a compound the product word heads
        p = tk.stem.dtype.type(np.flatnonzero(product)[0])
        nb, nall = np.zeros(ns, np.int64), np.zeros(ns, np.int64)
        # a product name with a letter before a hyphen ('K-cups', 'S-hooks', 'O-rings') reads as two words: the
        # word before the letter stands before the product word ('disposable K-cups')
        for t0, t1 in tk.spans:
            stem = tk.stem[t0:t1].astype(np.intp)
            np.add.at(nall, stem, 1)
            q = np.flatnonzero(stem[1:] == p)
            q = q[tk.sent[t0 + q] == tk.sent[t0 + q + 1]]
            np.add.at(nb, stem[q], 1)
            letter = np.fromiter((len(x) == 1 and x.isalpha() for x in map(str, a.stems[stem[q]])), bool,
                                 count=q.size)  # the words before the product word only: a few per review
            q = q[(q > 0) & letter] - 1
            q = q[tk.sent[t0 + q] == tk.sent[t0 + q + 1]]
            np.add.at(nb, stem[q], 1)
        namer = (nb >= 2) & (nb >= 0.3 * nall) & ~product  # it may still open a compound ('digital zoom')
        sdf[namer] = 0
    aspect_concepts = np.array([n in lx.ASPECT_CONCEPTS for n in a.concepts], bool)
    concept_ok = np.append(aspect_concepts, False)  # per concept id, the last entry for -1 (no concept)
    # a discovered word must occur in >= min_df documents; a rarer one (rare) counts only through the opinion step
    rare_s = (sdf < min_df) if min_df > 1 and (sdf > 0).any() else np.zeros(ns, bool)
    if score_min is not None and min_df > 1:  # English: the aspect scorer decides the words in cmin+ reviews
        stems_e, frequent_e = _frequent_by_score(a, nouns, namer, product, sdf, min_df, cmin, score_min)
        rare_s[stems_e] = ~frequent_e
    opinions = (_Opinions(a, tk, opinion_window) if opinion_window > 0 and (rare_s & (sdf > 0)).any() else None)
    # what the passes below read of each token depends on its word and language only: one table of flags
    # and one of keys per (language, word), read per range of tokens (no per-token stems or concepts)
    stem_lw = a.word_stem
    ok = nouns.ok & ~namer[stem_lw]
    is_concept = concept_ok[a.word_concept]
    is_concept &= ok | (np.arange(stem_lw.shape[0]) == 1)[:, None]  # outside German, where used as a noun
    rare = ok & rare_s[stem_lw]
    conc = is_concept & a.word_content
    flags_lw = np.zeros(stem_lw.shape, np.uint8)
    for bit, v in ((_K_OK, ok), (_K_FIRST, nouns.first), (_K_CONCEPT, is_concept), (_K_RARE, rare),
                   (_K_FREQUENT, conc | (ok & ~rare)), (_K_MULTI, (sdf > 1)[stem_lw]),
                   (_K_PRODUCT, np.zeros(stem_lw.shape, bool) if product is None else product[stem_lw]),
                   (_K_CONC, conc)):
        flags_lw[v] |= bit
    # the key a token gets when it is kept: its aspect concept, else its stem
    key_lw = np.where(conc, a.word_concept, nc + stem_lw).astype(np.int32)
    post_lw = nouns.postnominal  # French, Spanish, Italian: may follow a candidate noun in a compound
    del ok, is_concept, rare, conc, nouns

    if opinions is not None:  # the opinion words: those that modify a frequent aspect somewhere
        for t0, t1 in tk.spans:
            opinions.add_modifiers(t0, t1, (a.token_lookup(flags_lw, slice(t0, t1)) & _K_FREQUENT) > 0)
    key = np.empty(ntok, np.int32)
    pairs = []  # positions of compound candidates: two consecutive candidate words ("cup holder")
    pairs_post = []  # ... a candidate noun and a word that may follow it ('plat principal')
    pos_type = np.int32 if ntok < 2 ** 31 else np.int64  # (4 bytes a position on any corpus that fits in memory)
    word_sel = []  # per range, packed: the candidates and first words a compound's words are counted on
    for t0, t1 in tk.spans:
        f = a.token_lookup(flags_lw, slice(t0, t1))
        cand_all = (f & _K_OK) > 0
        first = (f & _K_FIRST) > 0
        is_concept = (f & _K_CONCEPT) > 0
        rare = (f & _K_RARE) > 0
        kept = cand_all & ~rare
        cand = cand_all  # the candidates the compounds' words are counted on
        if opinions is not None:
            # a noun of a single review counts only in a sentence naming no frequent aspect (Hu & Liu); one
            # named in several reviews wherever an opinion is about it ('the user interface is awesome')
            frequent = (f & _K_FREQUENT) > 0
            ls = (tk.sent[t0:t1] - tk.sent[t0]).astype(np.intp)
            sent_freq = np.zeros(int(ls[-1]) + 1, bool)
            sent_freq[ls[frequent]] = True
            alone = ~sent_freq[ls]
            alone |= (f & _K_MULTI) > 0
            keep = opinions.targets(t0, t1)
            keep &= rare
            keep &= alone
            kept |= keep
            cand = kept  # the rare words left are no candidates for the compounds' word counts either
        # (a new array: with the opinion step, cand is kept itself) an aspect concept's word is an aspect too
        keyed = kept | ((f & _K_CONC) > 0)
        key[t0:t1] = np.where(keyed, a.token_lookup(key_lw, slice(t0, t1)), -1)
        word_sel.append(np.packbits(cand | first))
        # English/Romance compound nouns of every candidate (rare ones too), not headed by the product word
        # ('digital camera', 'flip phone')
        if t1 - t0 > 1:
            pair = cand_all[:-1] | first[:-1]
            pair &= tk.sent[t0 + 1:t1] == tk.sent[t0:t1 - 1]
            pair &= cand_all[1:]
            pair &= tk.li[t0 + 1:t1] != 1
            pair &= ~is_concept[:-1]
            pair &= ~is_concept[1:]
            pair &= (f[1:] & _K_PRODUCT) == 0
            pairs.append((np.flatnonzero(pair) + t0).astype(pos_type))
            if post_lw is not None:  # headed by their first word: not by the product word ('téléphone portable')
                post = a.token_lookup(post_lw, slice(t0 + 1, t1))
                post &= cand_all[:-1]
                post &= tk.sent[t0 + 1:t1] == tk.sent[t0:t1 - 1]
                post &= ~is_concept[:-1]
                post &= (f[:-1] & _K_PRODUCT) == 0
                pairs_post.append((np.flatnonzero(post) + t0).astype(pos_type))
    verbs = _verb_features(a, tk, key, aspect_concepts, cmin)
    concept = tk.concept[verbs]
    key[verbs] = np.where(concept >= 0, concept, nc + tk.stem[verbs])
    del verbs, concept
    kinds: dict = {}
    pi = np.concatenate(pairs) if pairs else np.zeros(0, pos_type)
    del pairs
    pp = np.concatenate(pairs_post) if pairs_post else np.zeros(0, pos_type)
    del pairs_post
    is_post = None
    if pp.size:  # one array of both kinds, in text order (the document counts read it so)
        order = np.argsort(np.concatenate([pi, pp]), kind="stable")
        is_post = order >= pi.size
        pi = np.concatenate([pi, pp])[order]
        del order
    del pp
    if pi.size:
        code = tk.stem[pi].astype(np.int64) * ns + tk.stem[pi + 1]
        codes, uniq = pd.factorize(code)
        del code
        codes = codes.astype(np.int32) if uniq.size < 2 ** 31 else codes
        df = _doc_freq(tk.docs(pi), codes, uniq.size)
        good = df >= cmin
        post_code = None
        if is_post is not None:  # a noun and the word after it, where never two candidates
            post_code = np.zeros(uniq.size, bool)
            post_code[codes[is_post]] = True
            post_code[codes[~is_post]] = False
            and_v = in_words(a.corpus.vocab, lx.NEGATION_STOPS)
            good &= ~post_code | _postnominal_pairs(tk, and_v, pi[is_post], codes[is_post], uniq.size)
        # a bigram must also make up a good part of its words' uses
        involved = np.zeros(ns, bool)
        involved[uniq[good] // ns] = True
        involved[uniq[good] % ns] = True
        wdf = np.zeros(ns, np.int64)
        if post_code is not None:  # the second word of a noun and its adjective: each of its uses counts
            second = np.zeros(ns, bool)
            second[uniq[good & post_code] % ns] = True
            wdf2 = np.zeros(ns, np.int64)
            uses2, adv2 = np.zeros(ns, np.int64), np.zeros(ns, np.int64)  # its uses, those before an adverb
            verb_next_v = in_words(a.corpus.vocab, _ROMANCE_VERB_NEXT)
        for (t0, t1), bits in zip(tk.spans, word_sel):
            sel = np.unpackbits(bits, count=t1 - t0).view(bool)
            stem = tk.stem[t0:t1]
            sel &= involved[stem]
            pos = np.flatnonzero(sel) + t0
            wdf += _doc_freq(tk.docs(pos), tk.stem[pos], ns)
            if post_code is not None:
                pos = np.flatnonzero(second[stem]) + t0
                st2 = tk.stem[pos]
                wdf2 += _doc_freq(tk.docs(pos), st2, ns)
                np.add.at(uses2, st2, 1)
                nxt = np.minimum(pos + 1, t1 - 1)
                np.add.at(adv2, st2[verb_next_v[tk.vid[nxt]] & (tk.sent[nxt] == tk.sent[pos]) & (nxt > pos)], 1)
        if post_code is None:
            good &= df >= 0.3 * np.minimum(wdf[uniq // ns], wdf[uniq % ns])
        else:  # 'plat principal': in at least half of the reviews writing 'principal'
            second_ok = (wdf2 > 0) & (adv2 <= _POSTNOMINAL_MAX_ADVERB * uses2)  # 'queda bien', 'chauffe vite'
            good &= np.where(post_code, (df >= _POSTNOMINAL_MIN_SHARE * wdf2[uniq % ns]) & second_ok[uniq % ns],
                             df >= 0.3 * np.minimum(wdf[uniq // ns], wdf[uniq % ns]))
        keep_ids = np.flatnonzero(good)
        hit = good[codes]
        remap = np.full(uniq.size, -1, np.int64)
        remap[keep_ids] = np.arange(keep_ids.size)
        bkey = nc + ns + remap[codes[hit]]
        key[pi[hit]] = bkey
        key[pi[hit] + 1] = bkey
        kinds["_bigrams"] = uniq[keep_ids]
    return key, kinds


def _postnominal_pairs(tk: _Tokens, and_v: np.ndarray, pos: np.ndarray, codes: np.ndarray, n_codes: int) -> np.ndarray:
    """Per pair code: whether its pairs of a noun and the word after it (first tokens at ``pos``, pair codes
    ``codes``) close their clause - a clause or sentence end, or 'and'/'but' (``and_v`` per word) next - in
    fewer than ``_POSTNOMINAL_MAX_END`` of their uses. A pair that mostly does states an opinion ('Servicio
    impecable.', 'comida deliciosa y abundante'); a compound is written inside sentences ('el menú
    degustación es', 'le plat principal était').

    >>> from types import SimpleNamespace
    >>> tk = SimpleNamespace(vid=np.array([0, 1, 2, 0, 1, 0, 1, 3, 2]), sent=np.array([0, 0, 0, 1, 1, 2, 2, 2, 2]),
    ...                      clause_start=None)
    >>> _postnominal_pairs(tk, np.array([False, False, False, True]), np.array([0, 3, 5]), np.array([0, 1, 1]), 2).tolist()
    [True, False]
    """
    nxt = pos.astype(np.int64) + 2
    end = np.ones(pos.size, bool)
    inside = np.flatnonzero(nxt < tk.sent.size)
    q = nxt[inside]
    e = tk.sent[q] != tk.sent[q - 2]
    if tk.clause_start is not None:
        e |= tk.clause_start[q]
    e |= and_v[tk.vid[q]]
    end[inside] = e
    return np.bincount(codes[end], minlength=n_codes) < _POSTNOMINAL_MAX_END * np.bincount(codes, minlength=n_codes)


def _labels(a: Analysed, m: _Mentions, kinds: dict, wanted: np.ndarray) -> dict[int, str]:
    """Label of each wanted aspect key: its most frequent surface word, or for a compound its most
    frequent two words (from the counts :class:`_Mentions` keeps: no per-token array is read)."""
    nc, ns = a.concepts.size, a.stems.size
    vocab = a.corpus.vocab
    uc, cnt, capn = m.surface
    keep = np.isin(uc // (vocab.size + 1), wanted)
    labels = surface_choice(vocab, (uc[keep], cnt[keep], capn[keep]))
    bigram_keep = kinds.get("_bigrams")
    if bigram_keep is not None and len(bigram_keep) and (wanted >= nc + ns).any():
        k, v1, v2, n = m.bigram_words
        keep = np.isin(k, wanted)
        # as a group-by of the (key, words) of every token pair would give: sorted by key, then words
        top = pd.DataFrame({"k": k[keep], "w": vocab[v1[keep]] + " " + vocab[v2[keep]], "n": n[keep]})
        top = top.sort_values(["k", "w"]).reset_index(drop=True).sort_values(["k", "n"], ascending=[True, False])
        for kk, w in top.drop_duplicates("k")[["k", "w"]].itertuples(index=False):
            labels[int(kk)] = w
    return labels


def _in_capitals(a: Analysed, labels: dict[int, str]) -> dict[int, str]:
    """``labels`` with each acronym most writers spell in capitals in capitals ('USB cable', not 'Usb' from a
    sentence start: :func:`~._core.acronym_words`)."""
    acronym = acronym_words(a.corpus)
    if not acronym.any():
        return labels
    upper = {str(w) for w in a.corpus.vocab[acronym]}
    return {k: " ".join(w.upper() if w.lower() in upper else w for w in lab.split(" ")) for k, lab in labels.items()}


class _Mentions:
    """Distinct (sentence, aspect) and (review, aspect) pairs of one analysed review set, and what the
    labels need of the per-token keys (``surface``: :func:`~._core.surface_counts` of the word and
    concept keys; ``bigram_words``: key, first and second word id and count of each compound's word
    pairs), so that the keys per token and the capitals can be freed once these are counted.
    ``sentences_ready``: for sentences still being scored, called (once) after the pairs are counted and
    before their polarity is read; it must attach the scores to ``a``."""

    def __init__(self, a: Analysed, key: np.ndarray, sentences_ready=None):
        c = a.corpus
        sel = key >= 0
        found = key[sel]
        rows = c.tok_sent[sel]  # the sentence of each mention (the mask is not held while the pairs are counted)
        del sel
        # compact aspect ids in order of first mention (as pd.factorize numbers them), through a table
        # over the keys: 4 bytes per mention instead of factorize's 8, held only while the pairs are counted
        self.keys = np.asarray(pd.unique(found), dtype=np.int64)
        k = self.keys.size
        table = np.zeros(int(self.keys.max()) + 1 if k else 1, np.int32)
        table[self.keys] = np.arange(k, dtype=np.int32)
        codes = table[found]
        del found
        self.s_sent, self.s_key = unique_pairs(rows, codes, c.n_sentences, k)
        del codes, rows
        # a review mentions an aspect when one of its sentences does: its pairs come from the sentences'
        self.d_doc, self.d_key = unique_pairs(c.sent_doc[self.s_sent], self.s_key, c.n_docs, k)
        if sentences_ready is not None:
            sentences_ready()
        neg, pos = polarity_flags(a)
        self.s_neg = neg[self.s_sent]
        self.s_pos = pos[self.s_sent]
        self.n_keys = k
        nc_ns = a.concepts.size + a.stems.size
        self.surface = surface_counts(a, key, below=nc_ns)
        self.bigram_words = _bigram_words(c, key, nc_ns)


def _bigram_words(c, key: np.ndarray, first_bigram: int, step: int = 4_000_000):
    """(key, first word id, second word id, count) of the distinct word pairs written for each
    compound key (>= ``first_bigram``): two adjacent tokens of one sentence with the same key."""
    parts = []
    n = key.size
    for t0 in range(0, n - 1, step):
        t1 = min(t0 + step, n - 1)  # pairs (t, t + 1) for t in t0..t1-1
        k = key[t0:t1 + 1]
        pos = np.flatnonzero((k[:-1] >= first_bigram) & (k[:-1] == k[1:])
                             & (c.tok_sent[t0:t1] == c.tok_sent[t0 + 1:t1 + 1]))
        if pos.size:
            parts.append(pd.DataFrame({"k": k[pos], "v1": c.tok_vid[t0 + pos], "v2": c.tok_vid[t0 + pos + 1]})
                         .value_counts(sort=False).reset_index(name="n"))
    if not parts:
        z = np.zeros(0, np.int64)
        return z, z, z, z
    g = pd.concat(parts, ignore_index=True).groupby(["k", "v1", "v2"], sort=False)["n"].sum().reset_index()
    return tuple(g[col].to_numpy() for col in ("k", "v1", "v2", "n"))


def _aspect_stats(a: Analysed, m: _Mentions, group: np.ndarray | None, keys_wanted: np.ndarray | None):
    """Per (group,) aspect: reviews, mentions, avg rating, share negative/positive (bincounts)."""
    c = a.corpus
    k = m.n_keys
    rating = np.nan_to_num(a.doc_rating, nan=0.0)
    rated = ~np.isnan(a.doc_rating)
    if group is None:
        g_doc = np.zeros(c.n_docs, np.int64)
        g_names = np.array([""], dtype=object)
    else:
        g_doc, g_names = pd.factorize(pd.Series(group))
        g_names = np.asarray(g_names, dtype=object)
    kmask = np.ones(k, bool) if keys_wanted is None else np.isin(np.arange(k), keys_wanted)
    ng = g_names.size
    dsel = kmask[m.d_key]
    dcode = g_doc[m.d_doc[dsel]] * k + m.d_key[dsel]
    ssel = kmask[m.s_key]
    scode = g_doc[c.sent_doc[m.s_sent[ssel]]] * k + m.s_key[ssel]
    size = ng * k
    if size > 50_000_000:
        raise ValueError("too many groups x aspects")
    reviews = np.bincount(dcode, minlength=size)
    nrated = np.bincount(dcode, weights=rated[m.d_doc[dsel]], minlength=size)
    rsum = np.bincount(dcode, weights=rating[m.d_doc[dsel]], minlength=size)
    mentions = np.bincount(scode, minlength=size)
    neg = np.bincount(scode, weights=m.s_neg[ssel], minlength=size)
    pos = np.bincount(scode, weights=m.s_pos[ssel], minlength=size)
    idx = np.flatnonzero(reviews > 0)
    gsize = np.bincount(g_doc, minlength=ng)
    with np.errstate(invalid="ignore", divide="ignore"):
        out = pd.DataFrame({"group": g_names[idx // k], "kid": idx % k, "reviews": reviews[idx],
                            "share_of_reviews": reviews[idx] / np.maximum(gsize[idx // k], 1),
                            "mentions": mentions[idx], "avg_rating": rsum[idx] / nrated[idx],
                            "share_negative": neg[idx] / np.maximum(mentions[idx], 1),
                            "share_positive": pos[idx] / np.maximum(mentions[idx], 1)})
    return out


def _quotes_for(a: Analysed, m: _Mentions, items: pd.DataFrame, p: TextSettings, doc_ids, group=None) -> pd.DataFrame:
    """Quotes per (group,) aspect row of ``items`` (columns group, kid); index = group code * K + kid."""
    c = a.corpus
    keep = np.isin(m.s_key, items["kid"].unique())
    sent, kid = m.s_sent[keep], m.s_key[keep].astype(np.int64)
    k = m.n_keys
    if group is not None:
        g_doc, g_names = pd.factorize(pd.Series(group).astype(str))
        gmap = {g: i for i, g in enumerate(g_names)}
        item = g_doc[c.sent_doc[sent]].astype(np.int64) * k + kid
        wanted = np.array([gmap.get(str(g), -1) * k + kk for g, kk in zip(items["group"], items["kid"])], np.int64)
        ok = np.isin(item, wanted)
        frame = pd.DataFrame({"item": item[ok], "sent": sent[ok]})
    else:
        frame = pd.DataFrame({"item": kid, "sent": sent})
    q = pick_quotes(a, frame, per_item=p.quotes_per_item,
                    max_chars=p.quote_max_chars, doc_ids=doc_ids).set_index("item")
    if group is not None:
        q.index = [f"{g_names[i // k]}\x1f{i % k}" for i in q.index]
    else:
        q.index = [str(i) for i in q.index]
    return q


def _aspect_floors(p: TextSettings, n_docs: int, min_df: int) -> tuple[int, int, int]:
    """(reviews a frequent aspect needs, reviews an infrequent one needs, reviews a compound needs) for
    ``n_docs`` reviews."""
    share = int(np.ceil(p.aspect_min_share * n_docs))
    frequent = max(min_df, share)
    rare = max(p.aspect_infrequent_min_df,
               int(np.ceil(p.aspect_infrequent_min_share * n_docs)))
    compound = min(frequent, max(p.aspect_compound_min_df, share))
    return frequent, min(rare, frequent), compound


def _select_aspects(st: pd.DataFrame, m: _Mentions, a: Analysed, p: TextSettings, floor: int, top_n: int) -> pd.DataFrame:
    """Aspects above the floor, ranked by reviews then mentions; ``top_n`` = 0 keeps all.

    The discovered word or compound in most reviews, when in more than ``text.aspect_max_share`` of
    them, is the product itself ('camera' in camera reviews); other words that frequent are features
    ('picture'), and lexicon concepts are attributes and stay.
    """
    share = st["reviews"] / max(a.n_docs, 1)
    concept = m.keys[st["kid"].to_numpy()] < a.concepts.size
    product = (~concept) & (share > p.aspect_max_share)
    if product.any():  # the one in most reviews; other words that frequent are features ('picture', 'zoom')
        product &= st["reviews"].to_numpy() == st["reviews"].to_numpy()[product].max()
    st = st[(st["reviews"] >= floor) & ~product]
    st = st.sort_values(["reviews", "mentions"], ascending=False)
    return st.head(top_n) if top_n else st


def _keys_for(a: Analysed, params: dict, min_df: int):
    p = text_settings(params)
    frequent, rare, compound = _aspect_floors(p, a.n_docs, min_df)
    window = p.aspect_opinion_window
    key, kinds = aspect_keys(a, frequent, (params.get("category", {}) or {}).get("keywords", []),
                              opinion_window=window if rare < frequent else 0, compound_min_df=compound,
                              head_min_share=p.aspect_head_min_share, product_share=p.aspect_max_share,
                              score_min=p.aspect_score_min)
    return key, kinds, rare


def _aspect_frame(a: Analysed, kinds: dict, m: _Mentions, params: dict, *, min_df: int,
                  top_n: int, by: str | None, group, doc_ids, overall: pd.DataFrame | None = None,
                  labels: dict | None = None) -> pd.DataFrame:
    p = text_settings(params)
    nc, ns = a.concepts.size, a.stems.size
    if overall is None:
        overall = _select_aspects(_aspect_stats(a, m, None, None), m, a, p, min_df, top_n)
    if by is None:
        out = overall.copy()
    else:
        out = _aspect_stats(a, m, group, overall["kid"].to_numpy())
        out = out.sort_values(["group", "reviews", "mentions"], ascending=[True, False, False])
        out = out.groupby("group", sort=False).head(top_n or len(out))
    keys = m.keys[out["kid"].to_numpy()]
    if labels is None:
        labels = _in_capitals(a, _labels(a, m, kinds, np.unique(keys)))
    out.insert(1, "aspect", [labels.get(int(k), str(k)) for k in keys])
    out.insert(2, "kind", np.where(keys < nc, "concept", np.where(keys < nc + ns, "word", "bigram")))
    out.insert(3, "concept", [a.concepts[k] if k < nc else "" for k in keys])
    q = _quotes_for(a, m, out, p, doc_ids, group if by is not None else None)
    item = (out["group"].astype(str) + "\x1f" + out["kid"].astype(str)) if by is not None else out["kid"].astype(str)
    out["quotes"] = [q["quotes"].get(i, []) for i in item]
    out["quote_doc_ids"] = [q["quote_doc_ids"].get(i, []) for i in item]
    cols = ["aspect", "kind", "concept", "reviews", "share_of_reviews", "mentions", "avg_rating", "share_negative",
            "share_positive", "quotes", "quote_doc_ids"]
    if by is not None:
        out = out.rename(columns={"group": by})
        cols = [by] + cols
    return out[cols].reset_index(drop=True)


def review_aspects(reviews: pd.DataFrame, params: dict | None = None, *, top_n: int | None = None,
                   min_df: int | None = None, by: str | None = None, analysed: Analysed | None = None) -> pd.DataFrame:
    """Ranked review aspects with counts, ratings, negativity and quotes.

    Parameters
    ----------
    reviews : canonical reviews frame (``text``, ``rating``; ``title``, ``asin``, ``ds``, ``doc_id`` used when present)
    params : loaded params (``text`` section); defaults when ``None``
    top_n : keep the top N aspects (default ``text.aspect_top_n``; per group when ``by``)
    min_df : minimum number of reviews mentioning an aspect (default ``text.aspect_min_df``)
    by : ``None``, ``"asin"`` (per competitor) or ``"month"`` (per ``ds`` month); the breakdown
        covers the overall top aspects
    analysed : :func:`analyse_reviews` of these same (de-duplicated) rows, to share one
        tokenisation between several tables; ``None`` de-duplicates and analyses here

    Returns
    -------
    DataFrame: ``[asin|month,] aspect, kind, concept, reviews, share_of_reviews, mentions,
    avg_rating, share_negative, share_positive, quotes, quote_doc_ids`` sorted by reviews.
    """
    params = resolve_params(params)
    p = text_settings(params)
    min_df = p.aspect_min_df if min_df is None else int(min_df)
    top_n = p.aspect_top_n if top_n is None else int(top_n)
    if analysed is None:
        reviews, _ = drop_duplicate_documents(reviews)
    a = analysed or analyse_reviews(reviews, params)
    key, kinds, floor = _keys_for(a, params, min_df)
    m = _Mentions(a, key)
    del key
    doc_ids = reviews["doc_id"].astype(str).to_numpy() if "doc_id" in reviews else None
    return _aspect_frame(a, kinds, m, params, min_df=floor, top_n=top_n, by=by,
                         group=_group_values(reviews, by), doc_ids=doc_ids)


def _group_values(reviews: pd.DataFrame, by: str | None):
    if by is None:
        return None
    if by == "month":
        ds = pd.to_datetime(reviews["ds"], utc=True, errors="coerce")
        ym = (ds.dt.year * 100 + ds.dt.month).fillna(0).astype(int).to_numpy()
        codes, uniq = pd.factorize(ym)  # format the distinct months only
        names = np.array([f"{u // 100:04d}-{u % 100:02d}" if u else "unknown" for u in uniq], dtype=object)
        return names[codes]
    return reviews[by].fillna("").astype(str).to_numpy()


# --- keywords: log-odds with informative Dirichlet prior -------------------------------------------
# words that are never keywords: 'leider' says that a review is negative, not why; 'a bit' says nothing; nor do the
# words that carry no theme (the purchase story, time, money: on 20,000 real English Amazon reviews, MARC, 7 of the 20
# negative keywords were 'return', 'money', 'months', 'week', 'item', 'send', 'started')
_NOT_KEYWORDS = lx.EVALUATIVE | lx.KEYWORD_FILLERS | lx.THEME_FILLERS


def _keyword_features(a: Analysed, doc_mask: np.ndarray | None = None, step: int = 4_000_000):
    """Token positions of content unigrams and bigrams with a compact feature id each.

    Returns ``(tok_first, tok_second (-1 for unigrams), feature id, feature codes)``; a code is a
    stem id (< ns) or ``ns + stem1 * ns + stem2`` for a bigram. Positions and feature ids are int32
    when the corpus fits; the content tokens are found ``step`` tokens at a time (no whole-corpus
    masks).
    """
    c = a.corpus
    keepw = set(lx.TOO_WORDS).union(*lx.NEGATORS.values())
    evaluative = in_words(c.vocab, _NOT_KEYWORDS)
    word_ok = in_words(c.vocab, keepw) & ~evaluative  # 'too' and negators count as content
    pos_t = np.int32 if c.tok_vid.size < 2 ** 31 else np.int64
    if doc_mask is None:
        found = []
        for t0 in range(0, c.tok_vid.size, step):
            vid = c.tok_vid[t0:t0 + step]
            content = a.token_values("tok_content", slice(t0, t0 + step))
            content &= ~evaluative[vid]
            content |= word_ok[vid]
            found.append((np.flatnonzero(content) + t0).astype(pos_t))
        idx = np.concatenate(found) if found else np.zeros(0, pos_t)
        del found
    else:  # only the tokens of the chosen documents' sentences (tokens are in sentence order)
        pos = sentence_tokens(c.tok_sent, np.flatnonzero(doc_mask[c.sent_doc]))[0].astype(pos_t)
        vid = c.tok_vid[pos]
        idx = pos[(a.token_values("tok_content", pos) & ~evaluative[vid]) | word_ok[vid]]
        del pos
    ns = a.stems.size
    uni = a.token_values("tok_stem", idx).astype(np.int64)
    uni_ok = a.token_values("tok_content", idx)  # a unigram keyword must be a real content word
    same = np.zeros(idx.size, bool)
    if idx.size > 1:
        same[:-1] = c.tok_sent[idx[:-1]] == c.tok_sent[idx[1:]]
    bi_i = np.flatnonzero(same)
    bi_i = bi_i[uni_ok[bi_i + 1]]  # a bigram ends in a content word
    code = np.concatenate([uni[uni_ok], ns + uni[bi_i] * ns + uni[bi_i + 1]])
    t1 = np.concatenate([idx[uni_ok], idx[bi_i]])
    t2 = np.concatenate([np.full(int(uni_ok.sum()), -1, pos_t), idx[bi_i + 1]])
    del idx, uni, uni_ok, same, bi_i
    fid, fcodes = pd.factorize(code)
    del code
    return t1, t2, fid.astype(np.int32 if fcodes.size < 2 ** 31 else np.int64), np.asarray(fcodes, dtype=np.int64)


def _never_alone_stems(a: Analysed) -> set[int]:
    """Stem ids of the negators and boosters that are content words ('jamais', 'nunca', 'absolut'): in a
    bigram a keyword says what did not happen or how much ('jamais reçu', 'absolut dicht'), alone it names
    no reason (on real French Amazon reviews 'jamais' stood third among the negative keywords; 'absolut'
    among the positive ones of German thermal mugs)."""
    out: set[int] = set()
    for li, lang in enumerate(lx.LANGUAGES):
        words = set(lx.NEGATORS.get(lang, ())) | set(booster_words(lang))
        vids = np.flatnonzero(in_words(a.corpus.vocab, words) & a.word_content[li])
        out.update(a.word_stem[li, vids].tolist())
    return out


def _log_odds(y_neg: np.ndarray, y_pos: np.ndarray, prior_mass: float) -> np.ndarray:
    tot = y_neg + y_pos
    prior_mass = min(prior_mass, float(tot.sum()))  # the prior never outweighs the data
    alpha = prior_mass * tot / max(tot.sum(), 1)
    n_neg, n_pos = y_neg.sum(), y_pos.sum()
    a0 = alpha.sum()
    with np.errstate(divide="ignore", invalid="ignore"):
        d = (np.log((y_neg + alpha) / np.maximum(n_neg + a0 - y_neg - alpha, 1e-9))
             - np.log((y_pos + alpha) / np.maximum(n_pos + a0 - y_pos - alpha, 1e-9)))
        var = 1.0 / (y_neg + alpha) + 1.0 / (y_pos + alpha)
        return np.nan_to_num(d / np.sqrt(var))


_KW_COLS = ["side", "keyword", "z", "reviews_negative", "reviews_positive", "share_negative_reviews",
            "share_positive_reviews", "quotes", "quote_doc_ids"]


def review_keywords(reviews: pd.DataFrame, params: dict | None = None, *, min_count: int | None = None,
                    top_n: int | None = None, analysed: Analysed | None = None,
                    sides: tuple[str, ...] = ("negative", "positive"),
                    _doc_mask: np.ndarray | None = None, _quotes: bool = True,
                    _sentences=None, _doc_ids=None) -> pd.DataFrame:
    """Keywords that separate 1-2 star from 4-5 star reviews (both sides, one frame).

    Document frequencies of content unigrams and bigrams (Snowball stems) in negative vs
    positive reviews, scored by weighted log-odds with an informative Dirichlet prior
    (Monroe et al. 2008; prior mass ``text.keyword_prior_mass`` spread by overall frequency).
    A keyword contained in a stronger one is dropped ('material' after 'dünnes material');
    purely evaluative words ('leider', 'great', :data:`lexicon.EVALUATIVE`) are left out, so the
    keywords say *why* reviews are negative or positive.

    Returns ``side ('negative'|'positive'), keyword, z, reviews_negative, reviews_positive,
    share_negative_reviews, share_positive_reviews, quotes, quote_doc_ids``; ``z`` is the
    log-odds z-score (positive = typical of negative reviews). ``analysed``: as in
    :func:`review_aspects`; ``sides``: the sides to return (``("negative",)`` skips choosing and
    quoting the positive keywords; the negative ones are the same either way). ``_sentences``: for
    an analysis whose sentences are still being scored, a function that waits for and returns them
    (called at the first quote); ``_doc_ids``: the review ids per document when ``reviews`` holds
    them elsewhere (:class:`~._core.PackedStrings`).
    """
    unknown = set(sides) - {"negative", "positive"}
    if unknown:
        raise ValueError(f"sides must be 'negative' and/or 'positive', got {sorted(unknown)}")
    params = resolve_params(params)
    p = text_settings(params)
    min_count = p.keyword_min_count if min_count is None else int(min_count)
    top_n = p.keyword_top_n if top_n is None else int(top_n)
    if analysed is None:
        reviews, _ = drop_duplicate_documents(reviews)
    a = analysed or analyse_reviews(reviews, params)
    c = a.corpus
    rating = a.doc_rating
    neg_doc = rating <= p.negative_stars_max
    pos_doc = rating >= p.positive_stars_min
    if _doc_mask is not None:
        neg_doc, pos_doc = neg_doc & _doc_mask, pos_doc & _doc_mask
    max_docs = p.keyword_max_docs
    doc_mask = None
    if int(neg_doc.sum() + pos_doc.sum()) > max_docs:  # a random sample estimates the log-odds ranking
        rng = np.random.default_rng(p.random_state)
        half = max_docs // 2
        neg_i, pos_i = np.flatnonzero(neg_doc), np.flatnonzero(pos_doc)
        n_neg_s = min(neg_i.size, max(half, max_docs - pos_i.size))
        n_pos_s = min(pos_i.size, max_docs - n_neg_s)
        doc_mask = np.zeros(c.n_docs, bool)
        doc_mask[rng.choice(neg_i, n_neg_s, replace=False)] = True
        doc_mask[rng.choice(pos_i, n_pos_s, replace=False)] = True
        neg_doc = neg_doc & doc_mask
        pos_doc = pos_doc & doc_mask
    if doc_mask is None and _doc_mask is not None:
        doc_mask = _doc_mask
    t1, t2, fid, fcodes = _keyword_features(a, doc_mask)
    nf = fcodes.size
    if nf == 0:
        return pd.DataFrame(columns=_KW_COLS)
    tok_doc1 = c.sent_doc[c.tok_sent[t1]]
    d_doc, d_f = unique_pairs(tok_doc1, fid, c.n_docs, nf)
    # reviews per feature on each side: counts of the side's pairs (no float64 weight per pair), as floats
    y_neg = np.bincount(d_f[neg_doc[d_doc]], minlength=nf).astype(np.float64)
    y_pos = np.bincount(d_f[pos_doc[d_doc]], minlength=nf).astype(np.float64)
    del d_doc, d_f
    release_memory()  # the pairs' temporaries, before the quotes (a million reviews: ~0.1 GB)
    ok = (y_neg + y_pos) >= min_count
    if not ok.any():
        return pd.DataFrame(columns=_KW_COLS)
    z = np.zeros(nf)
    z[ok] = _log_odds(y_neg[ok], y_pos[ok], p.keyword_prior_mass)
    ns = a.stems.size
    doc_ids = _doc_ids if _doc_ids is not None else reviews["doc_id"].astype(str).to_numpy() if "doc_id" in reviews else None
    n_neg, n_pos = max(int(neg_doc.sum()), 1), max(int(pos_doc.sum()), 1)
    out = []
    quoted = a  # the analysis the quotes read (its sentence scores)
    never_alone = _never_alone_stems(a)
    for side, sign, mask in (("negative", 1, neg_doc), ("positive", -1, pos_doc)):
        if side not in sides:
            continue
        cand = np.flatnonzero(ok & (z * sign > 0))
        cand = cand[np.argsort(-(z[cand] * sign), kind="stable")]
        chosen, seen_sets = [], []
        for f in cand[: top_n * 6].tolist():
            code = int(fcodes[f])
            if code in never_alone:
                continue
            parts = {code} if code < ns else {(code - ns) // ns, (code - ns) % ns}
            if any(parts <= s_ or s_ <= parts for s_ in seen_sets):
                continue  # 'material' after 'dünnes material' adds nothing (and vice versa)
            seen_sets.append(parts)
            chosen.append(f)
            if len(chosen) >= top_n:
                break
        chosen = np.array(chosen, dtype=np.int64)
        is_chosen = np.zeros(nf, bool)
        is_chosen[chosen] = True
        occ = np.flatnonzero(is_chosen[fid] & mask[tok_doc1])
        o1, o2 = t1[occ], t2[occ]
        # the words of each occurrence (second word -1 for a unigram) counted per feature as word ids;
        # the label strings are made for the distinct (feature, words) only
        by_words = pd.DataFrame({"f": fid[occ], "v1": c.tok_vid[o1],
                                 "v2": np.where(o2 >= 0, c.tok_vid[np.maximum(o2, 0)], -1)})
        by_words = by_words.groupby(["f", "v1", "v2"]).size().reset_index(name="n")
        words = c.vocab[by_words["v1"].to_numpy()]
        v2 = by_words["v2"].to_numpy()
        lab = pd.DataFrame({"f": by_words["f"].to_numpy(), "n": by_words["n"].to_numpy(),
                            "w": np.where(v2 >= 0, words + " " + c.vocab[np.maximum(v2, 0)], words)})
        labels = (lab.groupby(["f", "w"])["n"].sum().reset_index(name="n")
                  .sort_values(["f", "n"], ascending=[True, False]))
        labels = labels.drop_duplicates("f").set_index("f")["w"]
        if _sentences is not None and quoted is a:  # sentences scored beside: wait for them here, at the first quote
            quoted = replace(a, sentences=_sentences())
        q = (pick_quotes(quoted, pd.DataFrame({"item": fid[occ], "sent": c.tok_sent[o1]}),
                         per_item=p.quotes_per_item, max_chars=p.quote_max_chars,
                         prefer="neg" if side == "negative" else "pos", doc_ids=doc_ids)
             if _quotes else pd.DataFrame({"item": [], "quotes": [], "quote_doc_ids": []})).set_index("item")
        out.append(pd.DataFrame({
            "side": side, "keyword": [labels.get(f, "") for f in chosen], "z": z[chosen],
            "reviews_negative": y_neg[chosen].astype(int), "reviews_positive": y_pos[chosen].astype(int),
            "share_negative_reviews": y_neg[chosen] / n_neg, "share_positive_reviews": y_pos[chosen] / n_pos,
            "quotes": [q["quotes"].get(f, []) for f in chosen],
            "quote_doc_ids": [q["quote_doc_ids"].get(f, []) for f in chosen]}))
    return pd.concat(out, ignore_index=True)[_KW_COLS] if out else pd.DataFrame(columns=_KW_COLS)


def keywords_by(reviews: pd.DataFrame, params: dict | None = None, *, by: str = "asin", top_n: int = 5,
                min_count: int | None = None, analysed: Analysed | None = None,
                sides: tuple[str, ...] = ("negative", "positive"), quotes: bool = True) -> pd.DataFrame:
    """:func:`review_keywords` per competitor (``by="asin"``) or per month (``by="month"``).

    One analysis of all reviews (``analysed``, as in :func:`review_aspects`, shares it with other
    tables); each group's 1-2 vs 4-5 star contrast is scored on its own reviews; ``sides`` as in
    :func:`review_keywords`. Returns ``<by>, side, keyword, z, reviews_negative, reviews_positive, quotes, …``.
    ``quotes=False`` leaves ``quotes`` and ``quote_doc_ids`` empty (choosing quotes is most of the
    time per group; a table that shows only the keywords skips it, the keywords are the same).

    >>> import pandas as pd
    >>> r = pd.DataFrame({"asin": ["A"] * 4 + ["B"] * 4, "rating": [1, 1, 5, 5] * 2,
    ...     "text": ["Rost am Rahmen.", "Rost überall.", "Sehr stabil.", "Stabil und schön."] * 2})
    >>> keywords_by(r, by="asin", min_count=2).groupby("asin")["keyword"].first().tolist()
    ['rost', 'rost']
    """
    params = resolve_params(params)
    if analysed is None:
        reviews, _ = drop_duplicate_documents(reviews)
    a = analysed or analyse_reviews(reviews, params)
    groups = _group_values(reviews, by)
    out = []
    for g in pd.unique(groups):
        k = review_keywords(reviews, params, min_count=min_count, top_n=top_n, analysed=a, sides=sides,
                            _doc_mask=np.asarray(groups == g), _quotes=quotes)
        if len(k):
            out.append(k.assign(**{by: g}))
    if not out:
        return pd.DataFrame(columns=[by, *_KW_COLS])
    res = pd.concat(out, ignore_index=True)
    return res[[by, *_KW_COLS]]


def negative_reasons(reviews: pd.DataFrame, params: dict | None = None, **kw) -> pd.DataFrame:
    """Reasons for negative reviews: keywords typical of 1-2 star vs 4-5 star reviews (R1.2, R6.1).

    See :func:`review_keywords`; returns its ``negative`` side ranked by z (strongest first).
    """
    k = review_keywords(reviews, params, sides=("negative",), **kw)
    return k[k["side"] == "negative"].drop(columns="side").reset_index(drop=True)


def positive_keywords(reviews: pd.DataFrame, params: dict | None = None, **kw) -> pd.DataFrame:
    """Keywords typical of 4-5 star reviews: selling points to keep and strengthen (R5.2).

    >>> import pandas as pd
    >>> r = pd.DataFrame({"rating": [5, 5, 1, 4], "text": ["Easy to assemble and sturdy.",
    ...     "Sturdy, easy to assemble!", "Rusty after a week.", "Very sturdy rack."]})
    >>> positive_keywords(r, min_count=1)["keyword"].iloc[0]
    'sturdy'
    """
    k = review_keywords(reviews, params, sides=("positive",), **kw)
    out = k[k["side"] == "positive"].drop(columns="side").reset_index(drop=True)
    out["z"] = -out["z"]
    return out


@dataclass
class ReviewMining:
    """Everything mined from one review frame with a single tokenisation."""

    aspects: pd.DataFrame
    keywords: pd.DataFrame
    aspects_by_asin: pd.DataFrame
    aspects_by_month: pd.DataFrame
    n_reviews: int
    languages: pd.Series
    duplicates_dropped: int = 0


def mine_reviews(reviews: pd.DataFrame, params: dict | None = None, *, top_n: int | None = None,
                 breakdowns: bool = True) -> ReviewMining:
    """Full review mining of one category (aspects, keywords, per competitor and per month).

    One tokenisation, one sentiment pass, one aspect mention table shared by all outputs.
    Exact duplicate reviews are counted once (:func:`~seller_lab.text.preprocess.drop_duplicate_documents`):
    ``n_reviews`` counts distinct reviews and ``duplicates_dropped`` the copies left out.
    ``top_n``: aspects kept (default ``text.aspect_top_n``; 0 = every aspect above the floors);
    ``breakdowns=False`` skips the per competitor / per month tables (left empty).

    >>> import pandas as pd
    >>> m = mine_reviews(pd.DataFrame({"rating": [1, 5, 5, 5], "asin": ["A", "B", "B", "B"],
    ...     "ds": pd.to_datetime(["2026-01-02", "2026-02-03", "2026-02-05", "2026-02-05"], utc=True),
    ...     "text": ["The lid broke.", "Sturdy rack, easy to assemble.", "Love the colour.", "Love the colour."]}), None)
    >>> "lid" in m.aspects["aspect"].tolist(), m.n_reviews, m.duplicates_dropped
    (True, 3, 1)
    """
    params = resolve_params(params)
    p = text_settings(params)
    reviews, n_dup = drop_duplicate_documents(reviews)
    ratings = reviews.get("rating")
    chunks = text_chunks(reviews["text"] if "text" in reviews else pd.Series("", index=reviews.index), params,
                         prefix=reviews.get("title"))
    # keep only the columns read below, joined while the texts are freed and as fresh strings after: the
    # review texts and the frame's other strings (~1 GB a million reviews) go back to the OS, each chunk
    # of texts once it is tokenised, unless the caller still holds the frame
    kept = PackedColumns(reviews, ("doc_id", "asin", "ds") if breakdowns else ("doc_id",))
    reviews = None
    corpus = text_corpus(chunks, params)
    del chunks
    release_memory()
    # With text.n_jobs >= 2 a second thread scores the sentences while this one finds the aspect keys (the
    # keys read no sentence score), and up to text.parallel_max_tokens tokens a third chooses the keywords
    # (their quotes wait for the scores; the keywords read no aspect). Above that limit the keywords come
    # after the aspects: next to the keys' temporaries, theirs would raise the peak memory. The sentence
    # scoring reads the word and sentence ids and the clause starts, the keywords the stems, content flags,
    # word and sentence ids and the scores: nothing below may drop or change those before their results
    # are taken.
    beside = p.n_jobs >= 2
    keywords_beside = beside and corpus.tok_vid.size <= p.parallel_max_tokens
    # the review ids stay joined in one string: the quotes read a few dozen of them (~50 MB less a million)
    doc_ids = kept.strings("doc_id")
    reviews = kept.frame()
    del kept
    a = analyse(corpus, params, ratings=ratings, sentiment=not beside)
    if beside:
        sentences_job = sentence_scores_beside(corpus, a.doc_lang, None if ratings is None else a.doc_rating, params,
                                               a.word_used)
    keywords_job = (Background(review_keywords, reviews, params, analysed=a, _sentences=sentences_job.result,
                               _doc_ids=doc_ids, n_jobs=p.n_jobs) if keywords_beside
                    # else computed where its result is asked, after the aspects
                    else Background(review_keywords, reviews, params, analysed=a, _doc_ids=doc_ids))
    min_df = min(p.aspect_min_df, max(1, len(reviews) // 3))
    default_top = p.aspect_top_n
    top_n = default_top if top_n is None else int(top_n)
    key, kinds, floor = _keys_for(a, params, min_df)
    # nothing below reads these per-token arrays: a million reviews' worth (~0.2 GB) goes back to the OS
    a.drop_token_arrays("tok_li", "tok_concept", "tok_lex")

    def sentences_ready():
        if beside:
            a.sentences = sentences_job.result()
        # the sentence scoring reads the clause starts chunk by chunk: dropped only once the scores are in
        a.drop_token_arrays("tok_clause_start")

    # the mention pairs are counted while the sentences may still be scored; their polarity waits for them
    m = _Mentions(a, key, sentences_ready)
    # the labels, quotes, breakdowns and keywords below read neither the aspect key per token nor the capitals
    del key
    a.drop_token_arrays("tok_cap")
    # the per competitor / per month breakdowns cover at most text.aspect_top_n aspects
    kw = dict(min_df=floor, top_n=min(top_n or default_top, default_top), doc_ids=doc_ids)
    overall = _select_aspects(_aspect_stats(a, m, None, None), m, a, p, floor, top_n)
    kw["labels"] = _in_capitals(a, _labels(a, m, kinds, np.unique(m.keys[overall["kid"].to_numpy()])))
    aspects = _aspect_frame(a, kinds, m, params, by=None, group=None, overall=overall, **kw)
    head = overall.head(kw["top_n"])
    by_asin = (_aspect_frame(a, kinds, m, params, by="asin", group=_group_values(reviews, "asin"),
                             overall=head, **kw) if breakdowns and "asin" in reviews else pd.DataFrame())
    by_month = (_aspect_frame(a, kinds, m, params, by="month", group=_group_values(reviews, "month"),
                              overall=head, **kw) if breakdowns and "ds" in reviews else pd.DataFrame())
    release_memory()
    keywords = keywords_job.result()
    release_memory()
    return ReviewMining(aspects=aspects, keywords=keywords, aspects_by_asin=by_asin, aspects_by_month=by_month,
                        n_reviews=len(reviews), languages=pd.Series(a.doc_lang).value_counts(),
                        duplicates_dropped=n_dup)
