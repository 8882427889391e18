"""The vectorised tokeniser (``preprocess.build_corpus``) against a plain per-character reference on
real review text: sentences, clauses, documents, '!' and '?' counts, sentence texts, acronym and
camel-case counts; and the helpers its speed rests on."""

from __future__ import annotations

import random
from collections import Counter
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from seller_lab.text import common, preprocess

TRICKY = ["Ça coûte 5€, très «bien» – naïve Übergröße STRASSE ÄÖÜ", "30.5 cm × 20 cm ÷ 2; l'eau don't 'quoted'",
          "!!! What? Works (mostly): yes; no [really]. \"Fine\" ok?!", "end?! yes?? … “fine” — ok", "iPod USB LCD eBay ÉCOLE Élan A",
          "Ωμέγα Привет 日本語テキスト 中文 ok 👍 ✓ done.", "v1.2.3 costs 4.50. Next line\nnew line; last", "", "?", "é'x x'é ÄB",
          "Mr. X said: (a) yes, [b] no\n\nc", "It's 3.5\" wide.Really!"]


def _real_docs(texts: dict[str, list[str]]) -> list[str]:
    docs = texts["annotated"][:300] + texts["uci"] + texts["demo"]
    # several sentences per document, as in reviews (the annotated files hold one sentence a line)
    merged = [" ".join(docs[i:i + 3]) for i in range(0, len(docs), 3)]
    return merged[:150] + TRICKY + merged[150:]


def _is_word(text: str, i: int) -> bool:
    """The tokeniser's word characters, read per character: ASCII letters and digits, letters of 2-byte
    UTF-8 characters from U+00C0 (not × or ÷), 3-byte characters outside U+2000-2FFF (punctuation,
    arrows, symbols); an apostrophe between two ASCII letters or digits."""
    ch = text[i]
    o = ord(ch)
    if ch == "'":
        return 0 < i < len(text) - 1 and _ascii_alnum(text[i - 1]) and _ascii_alnum(text[i + 1])
    if o < 0x80:
        return _ascii_alnum(ch)
    if o < 0x800:
        return o >= 0xC0 and ch not in "×÷"
    return o < 0x10000 and not 0x2000 <= o < 0x3000


def _ascii_alnum(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def _lower(word: str) -> str:
    return "".join(chr(ord(c) + 32) if "A" <= c <= "Z" or (0xC0 <= ord(c) <= 0xDE and c != "×") else c for c in word)


def _reference(docs: list[str], chunk_docs: int) -> dict:
    """Sentences the slow way: walk the characters of each chunk of documents (joined by separators)."""
    out = {"tok_sent": [], "clause": [], "word": [], "cap": [], "sent_doc": [], "excl": [], "quest": [], "text": [],
           "upper": Counter(), "camel": Counter()}
    for c0 in range(0, len(docs), chunk_docs):
        last_tok_sent = -1  # the sentence of the last token so far in this chunk ('!' after it counts there)
        for d in range(c0, min(c0 + chunk_docs, len(docs))):
            text = docs[d]
            boundary, clause = True, True  # a separator (or the chunk's start) before each document
            i, sent_span = 0, None
            while i < len(text):
                if _is_word(text, i):
                    j = i
                    while j < len(text) and _is_word(text, j):
                        j += 1
                    word = text[i:j]
                    if boundary:
                        if sent_span:
                            out["text"].append(_sentence_text(text, *sent_span))
                        out["sent_doc"].append(d)
                        out["excl"].append(0)
                        out["quest"].append(0)
                        sent_span = [i, j]
                    sent_span[1] = j
                    last_tok_sent = len(out["sent_doc"]) - 1
                    out["tok_sent"].append(last_tok_sent)
                    out["clause"].append(boundary or clause)
                    out["word"].append(_lower(word))
                    cap = "A" <= word[0] <= "Z" or 0xC0 <= ord(word[0]) <= 0xDE
                    out["cap"].append(cap)
                    raw = word.encode()
                    if len(raw) >= 2 and 65 <= raw[1] <= 90:  # the second byte is a capital A-Z
                        if cap:
                            out["upper"][_lower(word)] += 1  # 'USB'
                        elif len(raw) >= 3:
                            out["camel"][_lower(word)] += 1  # 'iPod'
                    boundary = clause = False
                    i = j
                    continue
                ch = text[i]
                decimal = ch == "." and 0 < i < len(text) - 1 and text[i - 1] in "0123456789" and text[i + 1] in "0123456789"
                if ch in ".!?\n;" and not decimal:
                    boundary = True
                if ch in ',:()[]"':
                    clause = True
                if ch in "!?" and last_tok_sent >= 0:
                    out["excl" if ch == "!" else "quest"][last_tok_sent] += 1
                i += 1
            if sent_span:
                out["text"].append(_sentence_text(text, *sent_span))
    return out


def _sentence_text(text: str, start: int, end: int) -> str:
    """A sentence's text: its first token to its last, then the marks that close it ('%', '€', a quote or a
    bracket it opened; a currency or percent sign also after one space: 'worth the $$') up to its '.', '!' or '?';
    the marks alone where the text ends or a space follows them."""
    body = text[start:end]
    closing = set("%€$£°”’»")
    closing |= {q for q in "'\"" if body.startswith(q) or f" {q}" in body or f"({q}" in body}
    closing |= {b for a, b in ("()", "[]") if body.count(a) > body.count(b)}
    k = end + 1 if text[end:end + 1] == " " and text[end + 1:end + 2] in ("%", "€", "$", "£") else end
    while k < len(text) and text[k] in closing:
        k += 1
    if k < len(text) and text[k] in ".!?":
        return (body + text[end:k + 1]).strip()
    if k == len(text) or (k > end and not text[k].isalnum()):
        return (body + text[end:k]).strip()
    return body.strip()


@pytest.mark.parametrize("chunk_docs,n_jobs", [(97, 2), (10_000, 1)])
def test_sentences_clauses_and_marks_match_a_per_character_reference_on_real_text(chunk_docs, n_jobs,
                                                                                  tokeniser_texts):
    docs = _real_docs(tokeniser_texts)
    c = preprocess.build_corpus(docs, normalize=False, chunk_docs=chunk_docs, n_jobs=n_jobs)
    ref = _reference(docs, chunk_docs)
    assert c.vocab[c.tok_vid].tolist() == ref["word"] and c.tok_cap.tolist() == ref["cap"]
    assert c.tok_sent.tolist() == ref["tok_sent"]
    assert c.sent_doc.tolist() == ref["sent_doc"]
    assert c.tok_clause_start.tolist() == ref["clause"]
    assert c.sent_excl.tolist() == ref["excl"] and c.sent_quest.tolist() == ref["quest"]
    assert c.sentence_text(np.arange(c.n_sentences)) == ref["text"]
    assert dict(zip(c.vocab[c.vocab_upper > 0], c.vocab_upper[c.vocab_upper > 0].tolist())) == dict(ref["upper"])
    assert dict(zip(c.vocab[c.vocab_camel > 0], c.vocab_camel[c.vocab_camel > 0].tolist())) == dict(ref["camel"])
    # the real text has all of it: several sentences a review, clauses, '!', '?', acronyms
    assert c.n_sentences > 1.5 * len(docs) and c.tok_clause_start.sum() > c.n_sentences
    assert c.sent_excl.sum() > 20 and c.sent_quest.sum() > 5 and ref["upper"]["usb"] >= 1


def test_markup_and_links_found_from_their_first_character_match_the_plain_regex(monkeypatch, tokeniser_texts):
    docs = _real_docs(tokeniser_texts)
    rng = random.Random(5)
    bits = ["<br>", "<BR />", "</p>", "<p>", "<b>", "<i>x</i>", "<", ">", "[", "]", "(", ")", "[see](http://a.b/c)",
            "[x](y z)", "[](u)", "\n", "\x01", "<a href='x'>", "[[x](y)](z)"]
    texts = []
    for doc in docs[:200]:
        words = doc.split(" ")
        for _ in range(4):
            words.insert(rng.randrange(len(words) + 1), rng.choice(bits))
        texts.append(" ".join(words))
    joined = "\x01".join(texts)
    cases = [(preprocess._RE_TAG, "\n", "<"), (preprocess._RE_MARKUP, " ", "<"), (preprocess._RE_MD_LINK, r"\1", "[")]
    for loop in (preprocess._MARKER_LOOP, 3):  # 3: the regex takes over the rest of the text
        monkeypatch.setattr(preprocess, "_MARKER_LOOP", loop)
        for pattern, repl, marker in cases:
            got = preprocess._sub_at(pattern, repl, joined, marker)
            assert got == pattern.sub(repl, joined)
            assert got != joined  # something was replaced
        for short in texts[:50]:
            for pattern, repl, marker in cases:
                assert preprocess._sub_at(pattern, repl, short, marker) == pattern.sub(repl, short)


def test_numpy_huge_pages_are_off_while_tokenising_and_restored_after(monkeypatch, tokeniser_texts):
    setting = common._hugepage_switch()
    if setting is None:
        pytest.skip("this numpy has no switch for huge pages")
    seen = []
    real = preprocess._chunk_arrays

    def watching(*args):
        now = setting(False)  # reading the switch sets it: put it back
        setting(now)
        seen.append(now)
        return real(*args)

    monkeypatch.setattr(preprocess, "_chunk_arrays", watching)
    before = setting(True)
    try:
        c = preprocess.build_corpus(_real_docs(tokeniser_texts)[:300], chunk_docs=50, n_jobs=2)
        assert c.n_docs == 300 and seen == [False] * 6
        assert setting(False) is True  # the setting from before the call is back
        seen.clear()
        preprocess.build_corpus(["Zu klein!"])  # ... whatever it was
        assert seen == [False] and setting(before) is False
    finally:
        setting(before)


def test_german_words_typed_without_umlauts_share_the_stem_of_their_umlaut_spelling():
    # keyboards without umlauts: 'Groesse', 'schraeg' are the same words as 'Größe', 'schräg'
    for typed, written in [("groesse", "größe"), ("schraeg", "schräg"), ("koerbe", "körbe"), ("fuesse", "füße")]:
        assert preprocess.stem(typed, "de") == preprocess.stem(written, "de"), (typed, written)
    assert preprocess.stem("added", "en") == preprocess.stem("adding", "en") == "add"
    assert preprocess.stem("organic", "en") != preprocess.stem("organization", "en")


def test_mining_reviews_never_imports_nltk():
    """nltk's import runs its whole package (0.7-1.7 s); the miners stem and tokenise without it."""
    import subprocess
    import sys

    code = ("import sys, pandas as pd; from seller_lab.text import mine_reviews\n"
            "m = mine_reviews(pd.DataFrame({'rating': [1, 5, 2], 'asin': ['A', 'A', 'B'], 'text': ["
            "'The lid broke after a week.', 'Sturdy rack, easy to assemble.', 'Der Deckel ist zu klein.']}), None)\n"
            "print(len(m.aspects) > 0, 'nltk' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["True", "False"], out.stderr[-2000:]


def test_a_currency_sign_written_apart_ends_the_sentence_of_a_real_review_title():
    # a real K-cup filter review (tests/data/kcup_reviews) is titled "Made my brewer worth the $$": its quote ended
    # "Made my brewer worth the"
    rows = pd.read_csv(Path(__file__).resolve().parents[1] / "data" / "kcup_reviews" / "Reviews.csv")
    titles = [t for t in rows["Summary"].astype(str) if t.endswith("$$")]
    c = preprocess.build_corpus(titles, normalize=False)
    assert titles and c.sentence_text(np.arange(c.n_sentences)) == titles
