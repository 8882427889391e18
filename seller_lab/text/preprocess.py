"""Preprocessing for en/de/fr/es/it: normalisation, language detection, sentences, tokens,
stopwords, Snowball stems and n-grams.

Two layers:

* small, per-text helpers for analysts (:func:`normalize_text`, :func:`split_sentences`,
  :func:`tokenize`, :func:`stem_tokens`, :func:`ngrams`): a word pattern, and the Snowball
  stemmers of PyStemmer (the Snowball project's own algorithms in C; nothing to download);
* :func:`build_corpus`, the vectorised engine every miner uses: many documents are joined
  into one UTF-8 byte buffer per chunk, and word boundaries, sentence boundaries, lower
  casing and a 64-bit polynomial hash of every token are computed with numpy array
  operations (no Python loop over tokens). Only the distinct words are decoded. Chunks run
  on both cores (threads).

Examples
--------
>>> c = build_corpus(["The lid broke. Great rack!", "Der Deckel ist zu klein."])
>>> c.n_docs, c.n_sentences
(2, 3)
>>> sorted(c.vocab[c.tok_vid[c.tok_doc == 1]])
['deckel', 'der', 'ist', 'klein', 'zu']
"""

from __future__ import annotations

import html
import re
import threading
from collections import deque
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
import pandas as pd
import Stemmer
import zstandard
from scipy import sparse

from .common import ordered_map, release_memory, small_pages
from .lexicon import LANGUAGES, SNOWBALL, all_stopwords, stopwords

# --- normalisation -------------------------------------------------------------------------
_EMOJI_WORDS = {"👍": " good ", "👎": " bad ", "❤": " love ", "❤️": " love ", "😍": " love ",
                "😡": " angry ", "😠": " angry ", "😞": " sad ", "😢": " sad ", "🙁": " sad ",
                "😊": " happy ", "🙂": " happy ", "😀": " happy "}
# none of these may match across a document separator (\x00 or \x01 in the joined text): a URL at the end of
# one review would otherwise swallow the next review
_RE_URL = re.compile(r"https?://[^\s\x00\x01]+|www\.[^\s\x00\x01]+")
_RE_MD_LINK = re.compile(r"\[([^\]\n\x00\x01]{0,200})\]\([^)\s\x00\x01]{0,500}\)")
_RE_TAG = re.compile(r"<br\s*/?>|</?p>", re.I)
_RE_MARKUP = re.compile(r"<[^<>\n\x00\x01]{1,200}>")
_RE_EMOJI = re.compile("[\U0001F000-\U0001FAFF\u2600-\u27BF\uFE0F\u200d]")
_RE_UNIT = re.compile(r"(\d) ?(v|volt|cm|mm|kg|w|ml|l)\b", re.I)
_RE_SPACE = re.compile(r"[ \t\r\f\v\u00a0]+")
_REPLACE = (("’", "'"), ("‘", "'"), ("`", "'"), ("*", " "), ("~", " "), ("#", " "), ("|", "\n"),
            ("\u00a0", " "), ("\t", " "), ("\r", " "))


def _normalize_joined(text: str, *, late: bool = True) -> str:
    """Normalise one (possibly joined) string; keeps '\\x01' separators and newlines.

    ``late=False`` leaves out the last two steps (emoji without a word, units), which
    :func:`_late_steps_utf8` does faster on the encoded text."""
    if "&" in text:
        text = html.unescape(text)
    for src, dst in _REPLACE:  # str.replace is C-fast; str.translate is slow on non-ASCII text
        if src in text:
            text = text.replace(src, dst)
    if "<" in text:
        text = _sub_at(_RE_TAG, "\n", text, "<")
        text = _sub_at(_RE_MARKUP, " ", text, "<")
    if "]" in text:  # a one-character search is ~30x faster than a two-character one ('](')
        text = _sub_at(_RE_MD_LINK, r"\1", text, "[")
    if "http" in text or "www." in text:
        text = _drop_urls(text)
    if not text.isascii():
        for emo, word in _EMOJI_WORDS.items():
            if emo in text:
                text = text.replace(emo, word)
        if late:
            text = _RE_EMOJI.sub(" ", text)
    return _RE_UNIT.sub(_unit, text) if late else text


def _late_steps(text: str) -> str:
    """The steps :func:`_normalize_joined` leaves out with ``late=False`` (as regexes)."""
    if not text.isascii():
        text = _RE_EMOJI.sub(" ", text)
    return _RE_UNIT.sub(_unit, text)


# _RE_UNIT's alternatives in the order the regex tries them (the first one followed by a word
# boundary wins: '5 volt' is 'volt', not 'v')
_UNITS = tuple(np.frombuffer(u.encode(), np.uint8) for u in ("v", "volt", "cm", "mm", "kg", "w", "ml", "l"))
_UNIT_FIRST = np.zeros(256, bool)
for _u in _UNITS:
    _UNIT_FIRST[[_u[0], _u[0] - 32]] = True
_ASCII_WORD = np.zeros(256, bool)  # what the regex module calls a word character, among ASCII bytes
for _c in b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_":
    _ASCII_WORD[_c] = True
_UTF8_MASK = np.array([0, 0xFF, 0xFFFF, 0xFFFFFF, 0xFFFFFFFF], np.uint32)


def _unaligned(a: np.ndarray, dtype: str, count: int) -> np.ndarray:
    """The ``count`` overlapping little-endian words of ``dtype`` starting at each byte of ``a``."""
    return np.ndarray((count,), dtype=dtype, buffer=a, strides=(1,))


def _late_steps_utf8(raw: bytes) -> bytes | None:
    """:func:`_late_steps` on UTF-8 bytes with numpy: emoji (``_RE_EMOJI``) become a space, then a
    unit after a number is glued to it and lower-cased (``_RE_UNIT``: '230 V' -> '230v').

    The regexes scan every character of a chunk (a quarter of the tokeniser's time); here only
    the digits and the bytes of characters from U+0660 up are looked at. Returns ``None`` when
    the text has a character on which the regexes' Unicode rules differ from the byte rules
    used here (a non-ASCII decimal digit, which ``\\d`` matches, or the Kelvin sign, which
    ``re.I`` reads as 'k'): the caller then runs the regexes.
    """
    b = np.frombuffer(raw, np.uint8)
    n = b.size
    pad = np.zeros(n + 8, np.uint8)  # room to read a few bytes past any position
    pad[:n] = b
    hi = np.flatnonzero(b >= 0xD9)  # lead bytes of U+0660 and up (no continuation byte is >= 0xC0)
    if hi.size:
        b0, b1, b2 = b[hi], pad[hi + 1], pad[hi + 2]
        size = np.where(b0 >= 0xF0, 4, np.where(b0 >= 0xE0, 3, 2))
        chars = np.unique(_unaligned(pad, "<u4", n + 1)[hi] & _UTF8_MASK[size])
        for c in chars.tolist():
            ch = c.to_bytes(4, "little").rstrip(b"\x00").decode("utf-8", "replace")
            if ch.isdecimal() or ch == "\u212a":
                return None
        emoji = (((b0 == 0xF0) & (b1 == 0x9F) & (b2 >= 0x80) & (b2 <= 0xAB))  # U+1F000-1FAFF
                 | ((b0 == 0xE2) & (b1 >= 0x98) & (b1 <= 0x9E))  # U+2600-27BF
                 | ((b0 == 0xEF) & (b1 == 0xB8) & (b2 == 0x8F))  # U+FE0F
                 | ((b0 == 0xE2) & (b1 == 0x80) & (b2 == 0x8D)))  # U+200D
        if emoji.any():
            at, size = hi[emoji], size[emoji]
            keep = np.ones(n, bool)
            for k in (1, 2, 3):
                keep[at[size > k] + k] = False
            pad[at] = 0x20
            b = pad[:n][keep]
            n = b.size
            pad = np.zeros(n + 8, np.uint8)
            pad[:n] = b
    digit = np.flatnonzero(b - np.uint8(48) < 10)
    start = digit + 1 + (pad[digit + 1] == 0x20)  # the unit starts after the digit, or after one space
    ok = _UNIT_FIRST[pad[start]]
    digit, start = digit[ok], start[ok]
    if digit.size == 0:
        return raw if n == len(raw) else pad[:n].tobytes()  # no emoji removed: the text as it came
    length = np.zeros(digit.size, np.int64)  # of the unit found, 0 = none
    for unit in _UNITS:
        todo = np.flatnonzero(length == 0)
        s = start[todo]
        hit = np.ones(todo.size, bool)
        for j, c in enumerate(unit.tolist()):
            hit &= (pad[s + j] | np.uint8(0x20)) == c
        after = pad[s + unit.size]
        hit &= ~_ASCII_WORD[after]
        for i in np.flatnonzero(hit & (after >= 0x80)):  # a non-ASCII character after: is it a letter?
            q = int(s[i] + unit.size)
            ch = pad[q:q + 4].tobytes().decode("utf-8", "ignore")[:1]
            hit[i] = not (ch.isalnum() or ch == "_")
        length[todo[hit]] = unit.size
    found = length > 0
    digit, start, length = digit[found], start[found], length[found]
    if digit.size == 0:
        return raw if n == len(raw) else pad[:n].tobytes()
    for j in range(4):  # lower case
        at = start[length > j] + j
        pad[at] |= np.uint8(0x20)
    volt = start[length == 4]
    # the bytes dropped (the space, 'olt' of 'volt') are few: the text is joined from the runs between them
    drop = np.sort(np.concatenate([digit[start > digit + 1] + 1, volt + 1, volt + 2, volt + 3]))
    cuts = np.concatenate([[0], drop + 1]).tolist(), np.concatenate([drop, [n]]).tolist()
    view = memoryview(pad)
    return b"".join([view[a:b] for a, b in zip(*cuts)])


_MARKER_LOOP = 2000  # markers tried one by one; a text with more of them is left to the regex


def _sub_at(pattern: re.Pattern, repl: str, text: str, marker: str) -> str:
    """``pattern.sub(repl, text)`` for a pattern whose every match starts with the character ``marker``
    and that reads nothing before its match (no lookbehind, anchor or word boundary). The pattern is
    tried only where ``str.find`` (a fast scan) finds the marker, instead of the regex engine
    stepping through every character of a long joined text. After ``_MARKER_LOOP`` markers, the rest
    of the text goes to ``pattern.sub`` (a text full of markers would make the loop slow).

    >>> _sub_at(_RE_MARKUP, " ", "a <b>bold</b> <x", "<")
    'a  bold  <x'
    """
    out, done = [], 0
    i = text.find(marker)
    for _ in range(_MARKER_LOOP):
        if i < 0:
            break
        m = pattern.match(text, i)
        if m:
            out.append(text[done:i])
            out.append(m.expand(repl))
            done = m.end()
        i = text.find(marker, max(done, i + 1))
    else:
        if i >= 0:  # markers left: the regex from where the loop stopped (no match starts before it)
            out.append(text[done:i])
            out.append(pattern.sub(repl, text[i:]))
            return "".join(out)
    if not out:
        return text
    out.append(text[done:])
    return "".join(out)


def _drop_urls(text: str) -> str:
    """``_RE_URL.sub(" ", text)``, trying the pattern only where 'http' or 'www.' starts (a URL can
    start nowhere else; scanning a long joined text with the pattern itself is several times slower)."""
    starts = []
    for marker in ("http", "www."):
        i = text.find(marker)
        while i >= 0:
            starts.append(i)
            i = text.find(marker, i + 1)
    out, done = [], 0
    for i in sorted(starts):
        if i < done:
            continue  # inside the URL just removed
        m = _RE_URL.match(text, i)
        if m:
            out.append(text[done:i])
            out.append(" ")
            done = m.end()
    out.append(text[done:])
    return "".join(out)


def _unit(m: re.Match) -> str:
    u = m.group(2).lower()
    return m.group(1) + ("v" if u == "volt" else u)


def normalize_text(texts) -> pd.Series:
    """Normalise texts: HTML entities and tags, markdown, URLs, emoji, units ("230 V" -> "230v").

    Emoji with a clear sentiment become words ("👍" -> "good"); other emoji are dropped.
    Case is kept (German nouns are recognised by their capital letter).

    Parameters
    ----------
    texts : sequence of str or pandas.Series

    Returns
    -------
    pandas.Series of str, same index as ``texts`` when it is a Series.

    Examples
    --------
    >>> normalize_text(["Works with 230 V &amp; fits <b>30 cm</b> plates 👍 https://x.y/z"]).iloc[0]
    'Works with 230v & fits 30cm plates good'
    """
    s = texts if isinstance(texts, pd.Series) else pd.Series(list(texts), dtype="str")
    s = s.fillna("").astype(str)
    if len(s) == 0:
        return s
    joined = _normalize_joined("\x01".join(s.str.replace("\x01", " ", regex=False).tolist()))
    out = pd.Series(joined.split("\x01"), index=s.index, dtype="str")
    return out.str.replace(r"[ \t]{2,}", " ", regex=True).str.strip()


# --- small per-text helpers (nothing to download) ------------------------------------------------
_SENT_SPLIT = re.compile(r"(?<=[.!?])\s+(?=\S)|\n+")


def split_sentences(text: str) -> list[str]:
    """Split one text into sentences (punctuation or line breaks; decimals stay whole).

    >>> split_sentences("Passt nicht. Zu klein! 30.5 cm are fine?")
    ['Passt nicht.', 'Zu klein!', '30.5 cm are fine?']
    """
    return [p.strip() for p in _SENT_SPLIT.split(text or "") if p and p.strip()]


_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)?")  # letters and digits, one inner apostrophe ("don't")


def tokenize(text: str, *, lower: bool = True, drop_stopwords: bool = False,
             lang: str = "en") -> list[str]:
    """Tokenise one document: its words of letters and digits (per document, never one huge text).

    >>> tokenize("Der Deckel passt nicht!", drop_stopwords=True, lang="de")
    ['deckel', 'passt']
    """
    toks = _WORD.findall(text.lower() if lower else text)
    if drop_stopwords:
        sw = stopwords(lang)
        toks = [t for t in toks if t not in sw]
    return toks


_STEMMERS = threading.local()


def _stemmer(lang: str):
    """This thread's Snowball stemmer of ``lang`` (PyStemmer: the Snowball project's own algorithms
    compiled to C, 2-8x faster than nltk's Python port on a big vocabulary; one object per thread, as a
    stemmer object is not safe to share between threads)."""
    found = getattr(_STEMMERS, "by_lang", None)
    if found is None:
        found = _STEMMERS.by_lang = {}
    st = found.get(lang)
    if st is None:
        st = found[lang] = Stemmer.Stemmer(SNOWBALL.get(lang, "english"))
    return st


@lru_cache(maxsize=200_000)
def stem(word: str, lang: str = "en") -> str:
    """Snowball stem of one lower-case word.

    >>> stem("aufzubauen", "de"), stem("plates", "en")
    ('aufzubau', 'plate')
    """
    return _stemmer(lang).stemWord(word)


def stem_tokens(tokens: list[str], lang: str = "en") -> list[str]:
    """Snowball stems of a token list.

    >>> stem_tokens(["teller", "tellern"], "de")
    ['tell', 'tell']
    """
    return [stem(t, lang) for t in tokens]


def ngrams(tokens: list[str], n: int = 2) -> list[str]:
    """Space-joined n-grams of a token list.

    >>> ngrams(["suction", "cup", "fell"], 2)
    ['suction cup', 'cup fell']
    """
    return [" ".join(tokens[i:i + n]) for i in range(len(tokens) - n + 1)]


# --- the vectorised corpus engine ----------------------------------------------------------------
_P = np.uint64(1099511628211)
_PINV = np.uint64(pow(1099511628211, -1, 2 ** 64))
_MIX = np.uint64(0x9E3779B97F4A7C15)
_ALNUM = np.zeros(256, bool)
for _c in b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789":
    _ALNUM[_c] = True
_BOUNDARY = np.zeros(256, bool)
for _c in b".!?\n\x00;":
    _BOUNDARY[_c] = True
_CLAUSE = np.zeros(256, bool)
for _c in b",:()[]\"":
    _CLAUSE[_c] = True
_DIGIT = np.zeros(256, bool)
_DIGIT[48:58] = True
_SPECIAL = _BOUNDARY | _CLAUSE
_SPECIAL[[0x21, 0x27, 0x3F]] = True  # '!', apostrophe, '?'


@dataclass
class Corpus:
    """Tokens of many documents as flat arrays (one row per token, in text order).

    Attributes
    ----------
    vocab : numpy array of str, lower-case distinct words
    tok_vid, tok_sent : int32 arrays, word id / sentence index per token
    tok_doc : int32 array, document index per token (derived from ``sent_doc`` on each access)
    tok_cap : bool array, the token started with a capital letter in the text
    sent_doc : int32 array, document index of each sentence
    n_docs : number of documents
    """

    vocab: np.ndarray
    tok_vid: np.ndarray
    tok_sent: np.ndarray
    tok_cap: np.ndarray
    sent_doc: np.ndarray
    sent_excl: np.ndarray
    n_docs: int
    sent_quest: np.ndarray = None  # number of '?' closing each sentence
    tok_clause_start: np.ndarray = None  # the token starts a clause (sentence, or after , : ( ) ")
    vocab_upper: np.ndarray = None  # per word: tokens written with two capitals first ('LCD', 'USB')
    vocab_camel: np.ndarray = None  # per word: tokens written lower-then-upper ('iPod', 'eBay')
    vocab_tokens: np.ndarray = None  # per word: its tokens in the corpus
    _buffers: list = field(default_factory=list, repr=False)  # per chunk: its normalised text, packed (_pack_text)
    _sent_span: np.ndarray = field(default=None, repr=False)  # (start, end) per sentence, in its chunk's text
    _chunk_sent: np.ndarray = field(default=None, repr=False)  # first sentence of each chunk, then n_sentences

    @property
    def n_sentences(self) -> int:
        return len(self.sent_doc)

    @property
    def tok_doc(self) -> np.ndarray:
        """Document index of every token (int32), gathered from the document of its sentence:
        not stored, so a million reviews' corpus holds 4 bytes per token less (0.15-0.25 GB).
        Code that walks the tokens in chunks reads ``sent_doc[tok_sent[t0:t1]]`` instead."""
        return self.sent_doc[self.tok_sent]

    def sentence_text(self, idx) -> list[str]:
        """Original text (normalised, case kept) of the given sentences."""
        out = []
        blocks: dict = {}  # the blocks unpacked for this call
        idx = np.asarray(idx, dtype=np.int64)
        idx = np.where(idx < 0, idx + self.n_sentences, idx)
        chunk = np.searchsorted(self._chunk_sent, idx, side="right") - 1
        for i, ch in zip(idx.tolist(), chunk.tolist()):
            s, e = (int(x) for x in self._sent_span[i])
            seg = _unpack_text(self._buffers[ch], s, e + _TAIL_BYTES, blocks, ch)
            after = seg[e - s:e - s + 1]  # the byte after its last word: '.', '!' or '?' mostly, or a space
            if after in _ENDS:
                out.append((seg[:e - s + 1]).decode("utf-8", "replace").strip())
            elif not after or (after[0] not in _TAIL_LEAD
                               and (after != b" " or seg[e - s + 1:e - s + 2] not in _SPACED_LEAD)):
                out.append(seg[:e - s].decode("utf-8", "replace").strip())
            else:  # '%', '€', a quote or a bracket first: what closes it ('below 16%?')
                body = seg[:e - s].decode("utf-8", "replace")
                out.append((body + _sentence_tail(body, seg[e - s:].decode("utf-8", "ignore"))).strip())
        return out

    def sentence_frame(self) -> pd.DataFrame:
        """doc index and text of every sentence (decodes all sentences: for small corpora)."""
        return pd.DataFrame({"doc": self.sent_doc, "sentence": self.sentence_text(np.arange(self.n_sentences))})


_TAIL_BYTES = 12  # how far past its last word a sentence's closing marks are looked for
_CLOSING = frozenset("%€$£°”’»")
_QUOTES = frozenset("'\"")
_ENDS = frozenset((b".", b"!", b"?"))
# first bytes of the marks that may close a sentence before its end (UTF-8: '€', '”', '’' start with 0xE2; '£', '°',
# '»' with 0xC2)
_TAIL_LEAD = frozenset(b"%$'\")]\xe2\xc2")
# ... and after a space, the first bytes of a currency or percent sign written apart ('worth the $$', '20 €')
_SPACED_LEAD = frozenset((b"$", b"%", b"\xe2", b"\xc2"))
_SPACED = frozenset("%€$£")


def _sentence_tail(body: str, after: str) -> str:
    """What of the text ``after`` a sentence's last word still belongs to it: its '.', '!' or '?' and the
    marks written before that ('below 16%?', 'a 'water softener'?', '20€?'), a closing quote or bracket only
    where the sentence opened one; '' when a word follows first.

    >>> _sentence_tail("below 16", "%? Next"), _sentence_tail("Is this a 'water softener", "'?")
    ('%?', "'?")
    >>> _sentence_tail("Ball park", ")"), _sentence_tail("(Ball park", ")"), _sentence_tail("It's great", "'s fine")
    ('', ')', '')
    >>> _sentence_tail("Made my brewer worth the", " $$"), _sentence_tail("It costs 20", " €. Next"), _sentence_tail("a", " ”x")
    (' $$', ' €.', '')
    """
    opened = {q for q in _QUOTES if body.startswith(q) or any(sp + q in body for sp in " (")}
    opened |= {close for op, close in ("()", "[]") if body.count(op) > body.count(close)}
    k = 0
    if after[:1] == " " and after[1:2] in _SPACED:  # a sign written apart: 'worth the $$', '20 €.'
        k = 1
    while k < len(after) and (after[k] in _CLOSING or after[k] in opened):
        k += 1
    if k < len(after) and after[k] in ".!?":
        return after[:k + 1]
    return after[:k] if k == len(after) or not after[k].isalnum() else ""


def _token_keys(lb: np.ndarray, starts: np.ndarray, lens: np.ndarray) -> np.ndarray:
    """64-bit polynomial hash of every token (Horner over byte positions, longest first).

    The hash decides the order of the vocabulary, so it must not change; :func:`_token_codes`
    calls this only once per distinct word of a chunk."""
    order = np.argsort(-lens, kind="stable")
    slen = lens[order]
    spos = starts[order].astype(np.int64)
    h = np.zeros(order.size, np.uint64)
    maxlen = int(slen[0]) if slen.size else 0
    # number of tokens longer than k, for each k (tokens are sorted by length, descending)
    counts = np.searchsorted(-slen, -np.arange(1, maxlen + 1), side="right")
    with np.errstate(over="ignore"):
        for k in range(maxlen):
            m = counts[k]
            h[:m] = h[:m] * _P + lb[spos[:m] + k]
        h ^= slen.astype(np.uint64) * _MIX
    out = np.empty_like(h)
    out[order] = h
    return out


_WORD_MASK = np.array([(1 << (8 * k)) - 1 for k in range(8)] + [2 ** 64 - 1], np.uint64)


def _token_codes(lb: np.ndarray, starts: np.ndarray, lens: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Distinct tokens of a chunk: (code per token, in order of first occurrence; position of each
    code's first token; :func:`_token_keys` hash of each code's word).

    ``lb``: the lower-cased bytes followed by at least 8 zero bytes. A token of up to 8 bytes is
    told apart by its bytes read as one little-endian word (no zero byte occurs inside a token);
    longer tokens, rare, by a hash of their 8-byte words. Grouping the tokens this way takes a
    few numpy passes; the polynomial hash, one pass per byte position, is computed for the
    distinct words only."""
    words = _unaligned(lb, "<u8", lb.size - 7)
    key = words[starts]
    key &= _WORD_MASK.take(lens, mode="clip")  # 'clip': tokens of 8 bytes or more keep all 8
    long_ = np.flatnonzero(lens > 8)
    if long_.size:
        h = key[long_]
        pos, rest = starts[long_], lens[long_]
        sel = np.arange(long_.size)
        with np.errstate(over="ignore"):
            for w in range(1, int(rest.max() + 7) // 8):
                sel = sel[rest[sel] > 8 * w]
                part = words[pos[sel] + 8 * w] & _WORD_MASK[np.minimum(rest[sel] - 8 * w, 8)]
                h[sel] = (h[sel] ^ part) * _P
            key[long_] = h ^ (rest.astype(np.uint64) * _MIX)
    # a chunk has far fewer distinct words than tokens: a table of at most 32k slots stays in cache (the
    # default, one slot per token, took 2-5x longer)
    codes, uniq = pd.factorize(key, size_hint=min(key.size, 1 << 15))
    first = np.empty(uniq.size, np.int32)  # int32: half the bytes to write (positions in a chunk are small)
    first[codes[::-1]] = np.arange(codes.size - 1, -1, -1, dtype=np.int32)
    return codes, first, _token_keys(lb, starts[first], lens[first])


def _chunk_arrays(texts: list[str], normalize: bool = True, prefix: list[str] | None = None):
    """Tokenise one chunk of texts with numpy; returns arrays + the chunk's distinct words."""
    if prefix is not None:  # e.g. review titles: '<title>\n<text>' built per chunk, not for the whole frame
        texts = [f"{p_}\n{t}" if p_ else t for p_, t in zip(prefix, texts)]
    joined = "\x00".join(texts) + "\x00"
    if joined.count("\x00") != len(texts):  # a text held the separator itself: blank it out
        joined = "\x00".join(t.replace("\x00", " ") for t in texts) + "\x00"
    if normalize:
        joined = _normalize_joined(joined, late=False)
    raw = joined.encode("utf-8", "replace")
    if normalize:
        late = _late_steps_utf8(raw)
        raw = late if late is not None else _late_steps(joined).encode("utf-8", "replace")
    del joined
    b = np.frombuffer(raw, np.uint8)
    n = b.size  # >= 1: the text ends with the document separator
    # one byte of padding on each side: bp[i] is the byte before b[i], bp[i + 2] the byte after
    bp = np.zeros(n + 2, np.uint8)
    bp[1:-1] = b
    # byte classes by arithmetic on uint8 (wrapping), several times faster than a 256-entry table
    word = np.zeros(n + 2, bool)  # padded like bp, so that word runs start and end inside it
    np.less((b | np.uint8(0x20)) - np.uint8(97), 26, out=word[1:-1])  # a-z, A-Z
    word[1:-1] |= b - np.uint8(48) < 10  # 0-9
    lb = np.zeros(n + 8, np.uint8)  # lower-case bytes, then room to read 8 bytes from any token start
    isup = b - np.uint8(65) < 26  # A-Z
    np.add(b, isup.view(np.uint8) * np.uint8(32), out=lb[:n])  # (a uint8 shift is ~8x slower than a product)
    lat_cap = na = np.flatnonzero(b >= 0x80)
    # bytes >= 0x80 (letters of 2-3 byte UTF-8 characters) are rare: classify only those positions
    if na.size:
        bn = b[na]
        lead_ok = ((bn >= 0xC3) & (bn <= 0xDF)) | ((bn >= 0xE0) & (bn <= 0xEF) & (bn != 0xE2))
        lead_ok &= ~((bn == 0xC3) & ((bp[na + 2] == 0x97) | (bp[na + 2] == 0xB7)))  # × and ÷
        cont = (bn & 0xC0) == 0x80
        # continuation bytes take their lead byte's class (chars of 2-4 bytes); the bytes before a
        # continuation byte are themselves >= 0x80, so they are the preceding entries of `na`
        w_na = lead_ok.copy()
        for k in (1, 2, 3):
            if na.size > k:
                run = na[k:] - na[:-k] == k  # the k bytes before are consecutive non-ASCII bytes
                ok = run & lead_ok[:-k] & cont[k:]
                for j in range(1, k):
                    ok &= cont[j:na.size - k + j]
                w_na[k:] |= ok
        word[na + 1] = w_na
        # lower case of Latin-1 capitals (C3 80..9E)
        up2 = (bn >= 0x80) & (bn <= 0x9E) & (bn != 0x97) & (bp[na] == 0xC3)
        lb[na[up2]] += np.uint8(0x20)
        lat_cap = na[up2] - 1  # their lead bytes
    # special bytes (sentence ends, clause marks, apostrophes, '!' '?', document ends) in one pass
    spec = np.flatnonzero(~word[1:-1] & (b != 0x20))  # special bytes are among the other bytes
    spec = spec[_SPECIAL[b[spec]]]
    sb = b[spec]
    # apostrophe inside a word (don't, l'eau)
    ap = spec[sb == 0x27]
    word[ap + 1] = _ALNUM[bp[ap]] & _ALNUM[bp[ap + 2]]
    # token spans
    edges = np.flatnonzero(word[1:] != word[:-1])
    starts = edges[0::2]
    ends = edges[1::2]
    del word, edges
    # sentence, document and clause boundaries: each special byte marks the token after it
    bmask = _BOUNDARY[sb]
    bidx = np.flatnonzero(bmask)
    bpos = spec[bidx]
    decimal = (sb[bidx] == 0x2E) & _DIGIT[bp[bpos]] & _DIGIT[bp[bpos + 2]]  # '30.5' ends no sentence
    bmask[bidx[decimal]] = False
    nt = starts.size
    after = np.searchsorted(starts, spec)  # the token after each special byte (nt: none)
    first_tok = np.zeros(nt + 1, bool)  # the token starts a sentence (a boundary before it, or the first)
    first_tok[0] = True
    first_tok[after[bmask]] = True
    # clauses: sentences cut at commas, colons, dashes, parentheses (negation does not cross them)
    clause_start = first_tok.copy()
    clause_start[after[_CLAUSE[sb]]] = True
    first_tok, clause_start = first_tok[:nt], clause_start[:nt]
    tok_sent = np.cumsum(first_tok, dtype=np.int32)
    tok_sent -= 1
    first_at = np.flatnonzero(first_tok)
    ns = first_at.size
    # the document of a sentence: the separators before its first token
    sent_doc = np.searchsorted(after[sb == 0], first_at, side="right").astype(np.int32)
    lens = ends - starts
    inverse, first, uniq = _token_codes(lb, starts, lens)
    lbytes = lb[:n].tobytes()
    words = [lbytes[s:e].decode("utf-8", "replace") for s, e in zip(starts[first].tolist(), ends[first].tolist())]
    cap = isup[starts]  # the first letter is a capital: A-Z, or a Latin-1 capital (C3 80..9E)
    at = np.searchsorted(starts, lat_cap)
    ok = at < nt
    at, lat_cap = at[ok], lat_cap[ok]
    cap[at[starts[at] == lat_cap]] = True
    up2 = np.flatnonzero(isup[1:][starts])  # second byte A-Z (a token ends before the final separator): rare
    cap2, len2 = cap[up2], lens[up2]
    upper = up2[cap2 & (len2 >= 2)]  # 'LCD', 'USB': acronyms, not names
    n_upper = np.bincount(inverse[upper], minlength=uniq.size).astype(np.int32)
    camel = up2[~cap2 & (len2 >= 3)]  # 'iPod', 'eBay': names
    n_camel = np.bincount(inverse[camel], minlength=uniq.size).astype(np.int32)
    # sentence spans; '!' and '?' count for the sentence of the last token before them
    s_start = starts[first_at]
    s_end = ends[np.append(first_at[1:] - 1, nt - 1)] if ns else ends[:0]  # the last token of each sentence
    ex = after[sb == 0x21] - 1
    excl = np.bincount(tok_sent[ex[ex >= 0]], minlength=ns).astype(np.int16)
    qm = after[sb == 0x3F] - 1
    quest = np.bincount(tok_sent[qm[qm >= 0]], minlength=ns).astype(np.int16)
    return dict(uniq=uniq, words=words, vid=inverse.astype(np.int32), sent=tok_sent,
                cap=cap, n_upper=n_upper, n_camel=n_camel, sent_doc=sent_doc, s_start=s_start, s_end=s_end, excl=excl, quest=quest,
                clause=clause_start, raw=raw,
                n_docs=len(texts))


def _plain_strings(values) -> list[str]:
    """Values as a list of str ('' for missing), as every tokeniser input is read."""
    s = values if isinstance(values, pd.Series) else pd.Series(list(values), dtype="str")
    return s.fillna("").astype(str).to_numpy(dtype=object).tolist()


class TextChunks:
    """Texts (and optional prefixes, e.g. review titles) cut into the chunks :func:`build_corpus`
    tokenises, for a caller that wants each chunk's strings freed as soon as it is tokenised.

    ``build_corpus`` takes the chunks out one by one: once the caller has dropped its own
    references to the texts (the frame they came from), a million reviews' strings (~0.9 GB) are
    never held next to the whole tokenised corpus. The object is empty afterwards.

    >>> ch = TextChunks(["Zu klein!", None, "ok"], prefix=["Titel", "", None], chunk_docs=2)
    >>> ch.n_docs, len(ch.chunks), ch.chunks[0]
    (3, 2, (['Zu klein!', ''], ['Titel', '']))
    >>> c = build_corpus(ch); c.n_docs, c.n_sentences, ch.chunks
    (3, 3, [])
    """

    def __init__(self, texts, prefix=None, chunk_docs: int = 20000):
        s = texts if isinstance(texts, pd.Series) else pd.Series(list(texts), dtype="str")
        pre = (None if prefix is None
               else prefix if isinstance(prefix, pd.Series) else pd.Series(list(prefix), dtype="str"))
        self.n_docs = len(s)
        self.chunk_docs = chunk_docs
        self.chunks: list[tuple[list[str], list[str] | None]] = [
            (_plain_strings(s.iloc[i:i + chunk_docs]),
             None if pre is None else _plain_strings(pre.iloc[i:i + chunk_docs]))
            for i in range(0, len(s), chunk_docs)] or [([], None)]

    def take(self):
        """Yield the chunks in order, each removed from this object as it is handed out."""
        while self.chunks:
            yield self.chunks.pop(0)


_TEXT_BLOCK = 1 << 16  # bytes of normalised text compressed together: a quote unpacks one or two blocks


class PackedText:
    """A chunk's normalised text packed by :func:`_pack_text`: Zstandard blocks stored end to end in
    one bytes object; ``packed[k]`` is block ``k`` (a view), ``len(packed)`` the number of blocks."""

    __slots__ = ("data", "ends")

    def __init__(self, data: bytes, ends: list[int]):
        self.data = data
        self.ends = ends

    def __len__(self) -> int:
        return len(self.ends)

    def __getitem__(self, k: int) -> memoryview:
        return memoryview(self.data)[self.ends[k - 1] if k else 0:self.ends[k]]


def _pack_text(raw: bytes) -> PackedText:
    """A chunk's normalised text as Zstandard blocks of ``_TEXT_BLOCK`` bytes (level 1: ~0.2 GB less
    per million reviews, read back only for the few sentences shown as quotes; 3x faster to pack
    than zlib at level 1, and smaller).

    The blocks go end to end into one buffer as they are made: kept as separate bytes objects, each
    would stay where the compressor allocated room for a whole uncompressed block and shrank it,
    leaving the rest of that room to the heap in pieces too small for the next block (+0.25 GB
    resident at 1M demo reviews).

    >>> _unpack_text(_pack_text(b"abc" * 40000), 65530, 65540, {}, 0)
    b'bcabcabcab'
    """
    pack = zstandard.ZstdCompressor(level=1).compress  # one per call: a compressor is not shared by threads
    out = bytearray()
    ends = []
    view = memoryview(raw)
    for i in range(0, len(raw), _TEXT_BLOCK):
        out += pack(view[i:i + _TEXT_BLOCK])
        ends.append(len(out))
    return PackedText(bytes(out), ends)


def _unpack_text(packed: PackedText, start: int, end: int, cache: dict, chunk: int) -> bytes:
    """Bytes ``start:end`` of a text packed by :func:`_pack_text` (clipped to its length); ``cache``
    (one per caller and thread) keeps the blocks unpacked so far, keyed by (``chunk``, block)."""
    out = []
    for k in range(start // _TEXT_BLOCK, min((max(end, start + 1) - 1) // _TEXT_BLOCK + 1, len(packed))):
        blk = cache.get((chunk, k))
        if blk is None:
            unpack = cache.get("unpack")
            if unpack is None:
                unpack = cache["unpack"] = zstandard.ZstdDecompressor().decompress
            blk = cache[(chunk, k)] = unpack(packed[k])
        out.append(blk[max(start - k * _TEXT_BLOCK, 0):max(end - k * _TEXT_BLOCK, 0)])
    return b"".join(out)


def _tokenise_packed(texts: list[str], normalize: bool, prefix: list[str] | None) -> dict:
    """:func:`_chunk_arrays` of one chunk, its normalised text packed (:func:`_pack_text`)."""
    part = _chunk_arrays(texts, normalize, prefix)
    part["packed"] = _pack_text(part.pop("raw"))
    # the chunk's distinct words as one string until the vocabulary is built: thousands of small strings
    # kept per chunk would land in the memory the freed texts leave and keep it resident
    part["words"] = "\x00".join(part["words"])
    return part


def _tokenise_chunks(chunks, normalize: bool, n_jobs: int) -> list[dict]:
    """:func:`_tokenise_packed` of each (texts, prefixes) chunk, in order, on ``n_jobs`` threads; at most
    two chunks per thread are waiting, and a chunk's strings are released once it is tokenised."""
    if n_jobs <= 1:
        return [_tokenise_packed(t, normalize, pr) for t, pr in chunks]
    parts: list[dict] = []
    pending: deque = deque()
    with ThreadPoolExecutor(max_workers=n_jobs) as pool:
        for t, pr in chunks:
            pending.append(pool.submit(_tokenise_packed, t, normalize, pr))
            del t, pr
            if len(pending) >= 2 * n_jobs:
                parts.append(pending.popleft().result())
                if len(parts) % 8 == 0:  # the texts tokenised so far go back to the OS (every trim costs system time)
                    release_memory()
        while pending:
            parts.append(pending.popleft().result())
    return parts


def build_corpus(texts, *, normalize: bool = True, chunk_docs: int = 20000, n_jobs: int = 1,
                 prefix=None) -> Corpus:
    """Tokenise many documents at once into a :class:`Corpus` (vectorised, chunked, parallel).

    Parameters
    ----------
    texts : sequence of str or pandas.Series, or :class:`TextChunks` (consumed: each chunk's
        strings are released once tokenised; ``chunk_docs`` and ``prefix`` are then its own)
    normalize : apply :func:`normalize_text` first (HTML, URLs, emoji, units)
    chunk_docs : documents per chunk (bounds memory: ~40 bytes per input byte per chunk)
    n_jobs : worker threads when there is more than one chunk
    prefix : optional texts put before each text on their own line (review titles)

    Examples
    --------
    >>> c = build_corpus(["Zu klein!!", "ok"])
    >>> c.n_sentences, int(c.sent_excl[0])
    (2, 2)
    """
    chunks = texts if isinstance(texts, TextChunks) else TextChunks(texts, prefix, chunk_docs)
    # a chunk's temporaries are a few MB each and live for milliseconds: faulted in as huge pages they
    # cost ~2 s of system CPU per million real reviews, against ~1 s as 4 KB pages
    with small_pages():
        return _corpus_of(chunks, normalize, n_jobs)


def _corpus_of(chunks: TextChunks, normalize: bool, n_jobs: int) -> Corpus:
    """:func:`build_corpus` of its chunks: each tokenised, then the parts copied into the corpus arrays."""
    n_docs = chunks.n_docs
    parts = _tokenise_chunks(chunks.take(), normalize, n_jobs if len(chunks.chunks) > 1 else 1)
    all_uniq = np.concatenate([p["uniq"] for p in parts])
    g_uniq, g_first, g_inv = np.unique(all_uniq, return_index=True, return_inverse=True)
    words = np.array([w for p in parts for w in (p["words"].split("\x00") if p["words"] else [])], dtype=object)
    # the vocabulary as fresh strings, made while the parts' words still fill their memory: side by side,
    # not scattered over the holes of every part's words. Every later pass over the vocabulary in Python
    # reads them in order: 3-4x faster on a million reviews' 395k words (0.10-0.15 s -> 0.03 s a pass)
    vocab = words[g_first]
    if vocab.size:
        vocab = np.array("\x00".join(vocab.tolist()).split("\x00"), dtype=object)
    del words
    g_vid = g_inv.astype(np.int32)  # word id of each part's codes, parts end to end
    # fill preallocated arrays part by part and free each part once copied (flat memory)
    ntok = sum(p["vid"].size for p in parts)
    nsent = sum(p["sent_doc"].size for p in parts)
    tok_vid = np.empty(ntok, np.int32)
    tok_sent = np.empty(ntok, np.int32)
    tok_cap = np.empty(ntok, bool)
    tok_cls = np.empty(ntok, bool)
    vocab_upper = np.zeros(vocab.size, np.int32)
    vocab_camel = np.zeros(vocab.size, np.int32)
    vocab_tokens = np.zeros(vocab.size, np.int64)
    sent_doc = np.empty(nsent, np.int32)
    sent_excl = np.empty(nsent, np.int16)
    sent_quest = np.empty(nsent, np.int16)
    span = np.empty((nsent, 2), np.int32)  # start, end in the chunk's text (chunk buffers are small)
    # where each part goes: (distinct words, tokens, sentences, documents) before it
    offsets = np.zeros((len(parts) + 1, 4), np.int64)
    np.cumsum([(p["uniq"].size, p["vid"].size, p["sent_doc"].size, p["n_docs"]) for p in parts], axis=0,
              out=offsets[1:])

    def copy_part(ci: int) -> int:
        """Part ``ci`` copied into its own slices of the corpus arrays (parts never share a slice)."""
        p = parts[ci]
        off_u, off_t, off_s, off_d = (int(x) for x in offsets[ci])
        nu, nt, ns_ = p["uniq"].size, p["vid"].size, p["sent_doc"].size
        sl, ss = slice(off_t, off_t + nt), slice(off_s, off_s + ns_)
        # into the slices directly (no temporaries); `take` of an int32 table ~3x faster than a fancy index
        np.take(g_vid[off_u:off_u + nu], p["vid"], out=tok_vid[sl], mode="clip")  # every code is in range
        np.add(p["sent"], np.int32(off_s), out=tok_sent[sl])
        tok_cap[sl] = p["cap"]
        tok_cls[sl] = p["clause"]
        np.add(p["sent_doc"], np.int32(off_d), out=sent_doc[ss])
        sent_excl[ss] = p["excl"]
        sent_quest[ss] = p["quest"]
        span[ss, 0] = p["s_start"]
        span[ss, 1] = p["s_end"]
        p["n_tokens"] = np.bincount(p["vid"], minlength=nu)  # tokens per distinct word of the part
        return ci

    # the copies on n_jobs threads (disjoint slices); the per-word counts, shared, in part order here
    buffers = []
    for ci in ordered_map(copy_part, range(len(parts)), n_jobs if len(parts) > 1 else 1):
        p = parts[ci]
        nu, off_u = p["uniq"].size, int(offsets[ci, 0])
        vocab_upper[g_inv[off_u:off_u + nu]] += p["n_upper"]  # distinct words within a chunk
        vocab_tokens[g_inv[off_u:off_u + nu]] += p["n_tokens"]
        vocab_camel[g_inv[off_u:off_u + nu]] += p["n_camel"]
        buffers.append(p["packed"])
        p.clear()  # free each part as it is copied (flat memory)
        if ci % 4 == 3:  # the parts copied so far go back to the OS: the corpus is not held twice
            release_memory()
    return Corpus(vocab=vocab, tok_vid=tok_vid, tok_sent=tok_sent, tok_cap=tok_cap,
                  sent_doc=sent_doc, sent_excl=sent_excl, n_docs=n_docs, sent_quest=sent_quest,
                  tok_clause_start=tok_cls, vocab_upper=vocab_upper, vocab_camel=vocab_camel, vocab_tokens=vocab_tokens,
                  _buffers=buffers, _sent_span=span,
                  _chunk_sent=offsets[:, 2].copy())


_LANG_LETTERS = {"de": set("ßäöü"), "es": set("ñáíóú"), "fr": set("çêœâîôû"), "it": set("ìòù")}

# --- language detection ------------------------------------------------------------------------
@lru_cache(maxsize=1)
def _stopword_table() -> tuple[dict[str, int], np.ndarray]:
    words = sorted(set().union(*(stopwords(lang) for lang in LANGUAGES)))
    index = {w: i for i, w in enumerate(words)}
    table = np.zeros((len(words), len(LANGUAGES)), np.float32)
    for j, lang in enumerate(LANGUAGES):
        for w in stopwords(lang):
            table[index[w], j] = 1.0
    table /= table.sum(axis=1, keepdims=True)  # a word in several lists counts less
    return index, table


def corpus_languages(corpus: Corpus, *, default: str = "en", min_hits: float = 1.0,
                     scores: np.ndarray | None = None) -> np.ndarray:
    """Language code per document of a corpus by weighted stopword hits (vectorised). A document whose
    hits tie between languages ('Producto de la marca de la tienda': 'de' and 'la' are French and
    Spanish alike) takes the corpus's main language when it is one of them (else the first in
    :data:`LANGUAGES` order, as ``argmax`` gives it).

    ``scores``: :func:`language_scores` of the corpus when already computed.

    >>> corpus_languages(build_corpus(["La tapa no cierra bien.", "Producto de la marca de la tienda.",
    ...                                "Muy buena calidad, lo recomiendo."])).tolist()
    ['es', 'es', 'es']
    """
    if scores is None:
        scores = language_scores(corpus)
    best = scores.argmax(axis=1)
    top = scores.max(axis=1)
    sure = top >= min_hits
    if sure.any():  # ties go to the main language of the documents with evidence
        main = int(np.bincount(best[sure], minlength=len(LANGUAGES)).argmax())
        best[sure & (best != main) & (scores[:, main] == top)] = main
    langs = np.array(LANGUAGES, dtype=object)[best]
    langs[~sure] = default
    return langs


def language_scores(corpus: Corpus, n_jobs: int = 1, chunk_tokens: int = 8_000_000) -> np.ndarray:
    """Weighted stopword (and language-specific letter) hits per document and language (docs x LANGUAGES).

    Tokens are counted ``chunk_tokens`` at a time (small temporaries; the chunks fix the order of the
    sums) on ``n_jobs`` threads, the chunks' partial sums added in chunk order: the same scores for
    any number of threads."""
    index, table = _stopword_table()
    vmap = np.array([index.get(w, -1) if len(w) > 1 else -1 for w in corpus.vocab], dtype=np.int64)
    wv = np.zeros((corpus.vocab.size, len(LANGUAGES)), np.float32)
    wv[vmap >= 0] = table[vmap[vmap >= 0]]
    # letters only one language uses (ß ä ö ü -> de, ñ á í ó ú -> es, ç è ê œ -> fr, ì ò ù -> it)
    non_ascii = np.flatnonzero(np.fromiter((not w.isascii() for w in corpus.vocab), bool, count=corpus.vocab.size))
    for j, lang in enumerate(LANGUAGES):
        letters = _LANG_LETTERS.get(lang)
        if letters:
            hit = np.fromiter((any(ch in letters for ch in w) for w in corpus.vocab[non_ascii]), bool,
                              count=non_ascii.size)
            wv[non_ascii[hit], j] += 1.0
    # (documents x stopwords) hit counts as a sparse matrix, times (stopwords x languages) weights
    sw_ids = np.flatnonzero(wv.sum(axis=1) > 0)
    compact = np.full(corpus.vocab.size, -1, np.int32)
    compact[sw_ids] = np.arange(sw_ids.size, dtype=np.int32)
    w_sw = wv[sw_ids].astype(np.float64)
    scores = np.zeros((corpus.n_docs, len(LANGUAGES)))
    step = chunk_tokens

    def chunk_scores(t0: int) -> np.ndarray:
        col = compact[corpus.tok_vid[t0:t0 + step]]
        keep = col >= 0
        doc = corpus.sent_doc[corpus.tok_sent[t0:t0 + step][keep]]  # tokens are in document order: rows are built directly
        indptr = np.zeros(corpus.n_docs + 1, np.int64)
        np.cumsum(np.bincount(doc.astype(np.intp), minlength=corpus.n_docs), out=indptr[1:])  # intp counts faster
        hits = sparse.csr_matrix((np.ones(doc.size), col[keep], indptr), shape=(corpus.n_docs, sw_ids.size))
        return hits @ w_sw

    for part in ordered_map(chunk_scores, range(0, corpus.tok_vid.size, step), n_jobs):
        scores += part
    return scores


def detect_language(texts, *, default: str = "en", min_hits: float = 1.0) -> pd.Series:
    """Language (en/de/fr/es/it) of each text by stopword-ratio scoring.

    Vectorised: one pass of :func:`build_corpus`, then a weighted count of each language's
    stopwords (stopwords-iso lists; a word on several lists is shared between them). Texts
    with fewer than ``min_hits`` weighted hits get ``default`` (the category's language).

    Examples
    --------
    >>> detect_language(["Der Deckel passt leider nicht auf die Schüssel",
    ...                  "The lid does not fit the bowl", "Le couvercle est trop petit",
    ...                  "La tapa es muy pequeña para el bol", "Il coperchio è troppo piccolo", "12345"],
    ...                 default="de").tolist()
    ['de', 'en', 'fr', 'es', 'it', 'de']
    """
    s = texts if isinstance(texts, pd.Series) else pd.Series(list(texts), dtype="str")
    corpus = build_corpus(s)
    return pd.Series(corpus_languages(corpus, default=default, min_hits=min_hits), index=s.index,
                     dtype="str", name="language")


# --- stems on a vocabulary ---------------------------------------------------------------------
_STEM_CACHE: dict[str, dict[str, str]] = {}
# words whose stems are kept per language: the small vocabularies of reports and notebooks are stemmed
# once; a big one (a real million reviews: hundreds of thousands of words, ~95 bytes each kept) is
# stemmed without keeping its stems (0.46 s for 200k English words), which would hold ~37 MB through the mining
_STEM_CACHE_WORDS = 100_000


def vocab_stems(vocab, lang: str) -> np.ndarray:
    """Snowball stems of the given words (loop over the vocabulary, not the tokens; the stems of
    small vocabularies are kept for the next call).

    >>> vocab_stems(["plates", "plate", "rusting"], "en").tolist()
    ['plate', 'plate', 'rust']
    """
    cache = _STEM_CACHE.setdefault(lang, {})
    words = list(vocab)
    new = [w for w in dict.fromkeys(words) if w not in cache]
    if not new:
        return np.array([cache[w] for w in words], dtype=object)
    stems = dict(zip(new, _stemmer(lang).stemWords(new)))
    if len(cache) + len(stems) <= _STEM_CACHE_WORDS:
        cache.update(stems)
    return np.array([cache[w] if w in cache else stems[w] for w in words], dtype=object)


def content_mask(vocab) -> np.ndarray:
    """True for words that are neither stopwords (any language) nor numbers-only."""
    sw = all_stopwords()
    return np.array([(w not in sw) and not w.isdigit() and len(w) > 1 for w in vocab], dtype=bool)


# --- exact duplicates --------------------------------------------------------------------------
DUPLICATE_KEYS = ("parent_asin", "asin", "rating", "title", "text")
_WRITER_KEYS = ("user_id", "author")


def drop_duplicate_documents(frame: pd.DataFrame, keys=DUPLICATE_KEYS) -> tuple[pd.DataFrame, int]:
    """Keep the first copy of each exact duplicate document; return ``(distinct frame, n dropped)``.

    Public review dumps repeat the same review several times, and a post can be scraped twice;
    each copy would count as another mention. Two documents are duplicates when the same writer
    (``user_id`` / ``author``; where that is unknown, the same ``doc_id``) wrote the same ``keys``
    (product, stars, title, text, as far as the frame has them). ``parent_asin`` stands in for
    ``asin`` when filled, so a review shown under several variants counts once. Texts are compared
    as written: the same words from two reviewers are two statements.

    >>> import pandas as pd
    >>> r = pd.DataFrame({"user_id": ["u1", "u1", "u2"], "asin": "B01", "rating": [1.0, 1.0, 1.0],
    ...                   "text": ["Rusts after a week.", "Rusts after a week.", "Rusts after a week."]})
    >>> out, dropped = drop_duplicate_documents(r)
    >>> len(out), dropped
    (2, 1)
    """
    cols = [c for c in keys if c in frame.columns]
    if not cols or frame.empty:
        return frame, 0
    writer = None
    for c in _WRITER_KEYS:
        if c in frame.columns:
            v = frame[c].fillna("").astype(str)
            writer = v if writer is None else writer.where(writer != "", v)
    if "doc_id" in frame.columns:
        v = "\x00" + frame["doc_id"].fillna("").astype(str)
        writer = v if writer is None else writer.where(writer != "", v)
    # a copy has the same writer as an earlier row, so only the rows whose writer occurs more than
    # once are compared in full (all rows when no writer is known): on a million reviews by distinct
    # writers that skips hashing every text. The rows marked are those key.duplicated() marks on
    # all rows. Exact comparison, about twice as fast as hashing the rows first.
    cand = (np.ones(len(frame), bool) if writer is None
            else writer.duplicated(keep=False).to_numpy())
    if not cand.any():
        return frame, 0
    every = bool(cand.all())
    key = frame[cols].copy() if every else frame.loc[cand, cols]
    if "parent_asin" in cols and "asin" in cols:  # the variant does not make a review another statement
        product = key["parent_asin"].fillna("").astype(str)
        key["asin"] = product.where(product != "", key["asin"].fillna("").astype(str))
        key = key.drop(columns="parent_asin")
    key["_writer"] = "" if writer is None else writer.to_numpy()[cand]
    dup = np.zeros(len(frame), bool)
    dup[cand] = key.duplicated().to_numpy()
    n = int(dup.sum())
    return (frame.loc[~dup] if n else frame), n
