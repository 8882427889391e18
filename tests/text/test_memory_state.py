"""The lean state of an analysis (per-token values read through word tables, labels from counts,
chunked temporaries) gives exactly what the per-token arrays gave, on real review text."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from seller_lab.text import _core, aspects, common, sentiment
from seller_lab.text._core import analyse, surface_labels

DATA = Path(__file__).resolve().parents[1] / "data"


def _canon_sentences() -> list[str]:
    raw = (DATA / "annotated_reviews" / "Canon S100.txt").read_bytes().decode("latin-1")
    return [ln.split("##", 1)[1].strip() for ln in raw.splitlines() if "##" in ln]


def _german_statements() -> list[str]:
    demo = pd.read_csv(DATA / "demo_statements" / "kitchen_organizer_statements.tsv", sep="\t")
    return [s for s in demo["sentence"].astype(str) if any(w in s for w in (" ist ", " nicht ", " und "))]


def _mixed():
    """Real English review sentences with German statements in runs between them (the German ones
    in several places, so the tokens of the less common language come in several runs)."""
    en, de = _canon_sentences(), _german_statements()
    docs, langs = [], []
    for i in range(6):
        for lang, part in (("en", en[40 * i:40 * (i + 1)]), ("de", de[12 * i:12 * (i + 1)])):
            docs += part
            langs += [lang] * len(part)
    assert langs.count("en") == 240 and langs.count("de") == 72
    return docs, langs


@pytest.mark.parametrize("runs_one_by_one", [256, 0])  # languages in a few runs / mixed document by document
def test_per_token_values_of_a_mixed_corpus_are_those_of_each_language_analysed_alone(runs_one_by_one, monkeypatch):
    monkeypatch.setattr(_core, "_RUNS_ONE_BY_ONE", runs_one_by_one)
    docs, langs = _mixed()
    a = analyse(docs, language=langs, sentiment=False)
    n = a.corpus.tok_vid.size
    assert not any(isinstance(v, np.ndarray) and v.size == n for v in vars(a).values())  # nothing per token held
    assert a._other_runs[0].size >= 5  # the German statements come in several runs
    tok_doc = a.corpus.tok_doc
    for lang in ("en", "de"):
        pick = [i for i, x in enumerate(langs) if x == lang]
        alone = analyse([docs[i] for i in pick], language=lang, sentiment=False)
        sel = np.isin(tok_doc, pick)
        assert a.stems[a.tok_stem[sel]].tolist() == alone.stems[alone.tok_stem].tolist()
        concept = a.tok_concept[sel]
        assert np.array_equal(concept >= 0, alone.tok_concept >= 0)
        assert a.concepts[concept[concept >= 0]].tolist() == alone.concepts[alone.tok_concept[alone.tok_concept >= 0]].tolist()
        for name in ("tok_content", "tok_lex"):
            assert np.array_equal(getattr(a, name)[sel], getattr(alone, name)), (lang, name)
        assert (a.tok_li[sel] == _core.LANG_INDEX[lang]).all()
    assert a.tok_concept[tok_doc >= 40].max() >= 0 and a.tok_lex.sum() > 100  # concepts and lexicon words met
    # a slice across runs, a mask and positions read the same values as the whole array
    full = {name: a.token_values(name) for name in ("tok_li", "tok_stem", "tok_concept", "tok_content", "tok_lex")}
    mask = np.random.default_rng(5).random(n) < 0.3
    pos = np.flatnonzero(~mask)[::7]
    for name, values in full.items():
        for t0, t1 in ((0, n), (17, n - 3), (int(a._other_runs[0][1]) - 2, int(a._other_runs[0][3]) + 5)):
            assert np.array_equal(a.token_values(name, slice(t0, t1)), values[t0:t1]), (name, t0, t1)
        assert np.array_equal(a.token_values(name, mask), values[mask]), name
        assert np.array_equal(a.token_values(name, pos), values[pos]), name
        shuffled = np.random.default_rng(6).permutation(pos)  # positions in any order
        assert np.array_equal(a.token_values(name, shuffled), values[shuffled]), name
    flag = a.stems == "lid"
    assert np.array_equal(a.token_lookup(flag[a.word_stem]), flag[full["tok_stem"]])


def _reference_labels(a, key, kinds, wanted):
    """The labels as they were taken from the key of every token (before the mention counts)."""
    nc, ns = a.concepts.size, a.stems.size
    sel = np.isin(key, wanted)
    single = np.where(sel & (key < nc + ns), key, -1)
    labels = surface_labels(a, None, single)
    if len(kinds.get("_bigrams", [])):
        c = a.corpus
        pos = np.flatnonzero(sel[:-1] & (key[:-1] >= nc + ns))
        pos = pos[(key[pos] == key[pos + 1]) & (c.tok_sent[pos] == c.tok_sent[pos + 1])]
        df = pd.DataFrame({"k": key[pos], "w": c.vocab[c.tok_vid[pos]] + " " + c.vocab[c.tok_vid[pos + 1]]})
        top = df.groupby(["k", "w"]).size().reset_index(name="n").sort_values(["k", "n"], ascending=[True, False])
        for k, w in top.drop_duplicates("k")[["k", "w"]].itertuples(index=False):
            labels[int(k)] = w
    return labels


def test_aspect_labels_from_the_mention_counts_are_those_of_the_keys_of_every_token():
    docs = _canon_sentences() + _german_statements()[:200]
    a = aspects.analyse(docs, None)
    key, kinds = aspects.aspect_keys(a, 3, opinion_window=2, compound_min_df=2)
    m = aspects._Mentions(a, key)
    assert len(kinds["_bigrams"]) >= 3  # compounds among them ('lens cap')
    nc, ns = a.concepts.size, a.stems.size
    for wanted in (np.unique(m.keys), np.unique(m.keys)[::3], m.keys[m.keys >= nc + ns]):
        got = aspects._labels(a, m, kinds, wanted)
        assert got == _reference_labels(a, key, kinds, wanted)
    assert {"Rost", "Teller", "battery life", "optical zoom"} <= set(aspects._labels(a, m, kinds, np.unique(m.keys)).values())


def test_keyword_features_found_in_chunks_are_those_of_whole_corpus_masks():
    from seller_lab.text import lexicon as lx
    from seller_lab.text.common import in_words

    a = aspects.analyse(_canon_sentences() + _german_statements()[:200], None)
    c = a.corpus
    doc_mask = np.random.default_rng(2).random(c.n_docs) < 0.6
    keep_v = in_words(c.vocab, set(lx.TOO_WORDS).union(*lx.NEGATORS.values()))
    content = (a.tok_content | keep_v[c.tok_vid]) & ~in_words(c.vocab, aspects._NOT_KEYWORDS)[c.tok_vid]
    content &= doc_mask[c.tok_doc]
    idx = np.flatnonzero(content)
    same = np.r_[c.tok_sent[idx[:-1]] == c.tok_sent[idx[1:]], False]
    bi = np.flatnonzero(same)
    bi = bi[a.tok_content[idx[bi + 1]]]
    uni_ok = a.tok_content[idx]
    ref_t1 = np.concatenate([idx[uni_ok], idx[bi]])
    ref_t2 = np.concatenate([np.full(int(uni_ok.sum()), -1), idx[bi + 1]])
    for step in (4_000_000, 13):
        t1, t2, fid, codes = aspects._keyword_features(a, doc_mask, step=step)
        assert t1.dtype == np.int32 and fid.dtype == np.int32
        assert np.array_equal(t1, ref_t1) and np.array_equal(t2, ref_t2)
        stem = a.tok_stem
        ns = a.stems.size
        expect = np.where(t2 < 0, stem[t1], ns + stem[t1].astype(np.int64) * ns + stem[np.maximum(t2, 0)])
        assert np.array_equal(codes[fid], expect)


def test_sentence_scores_do_not_depend_on_how_many_sentences_are_finished_together(monkeypatch):
    docs = _canon_sentences()
    rating = np.where(np.arange(len(docs)) % 3 == 0, 1.0, 5.0)
    a = aspects.analyse(docs, None)
    model = sentiment.fit_rating_model(a.corpus, a.doc_lang, rating, None)
    whole = sentiment.corpus_sentiment(a.corpus, a.doc_lang, doc_rating=rating, model=model)
    monkeypatch.setattr(sentiment, "_SENTENCE_BLOCK", 7)
    blocks = sentiment.corpus_sentiment(a.corpus, a.doc_lang, doc_rating=rating, model=model)
    pd.testing.assert_frame_equal(whole, blocks)
    assert (whole["polarity"] == "neg").sum() > 50 and (whole["polarity"] == "pos").sum() > 50


def test_small_pages_turns_numpy_huge_page_marks_off_in_the_block_and_back_after():
    switch = common._hugepage_switch()
    if switch is None:
        pytest.skip("this numpy has no huge-page switch")
    before = switch(True)
    try:
        with common.small_pages():
            assert switch(False) is False  # off inside the block
        assert switch(True) is True  # the setting before the block is back
        with pytest.raises(ValueError), common.small_pages():
            raise ValueError
        assert switch(True) is True  # also after an error in the block
    finally:
        switch(before)
