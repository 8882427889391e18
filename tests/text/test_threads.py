"""The text miners' faster paths give exactly what the plain ones give: on two threads
(``text.n_jobs``) what they give on one, keywords of a sample the sampled reviews' features."""

import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from seller_lab.text import mine_reviews
from seller_lab.text._core import analyse
from seller_lab.text.aspects import _keyword_features, analyse_reviews
from seller_lab.text.common import Background, default_params
from seller_lab.text.preprocess import build_corpus, language_scores
from seller_lab.text.sentiment import corpus_sentiment

DATA = Path(__file__).resolve().parents[1] / "data"


def _annotated_reviews() -> pd.DataFrame:
    """The nine annotated products' reviews (real text, ``[t]`` starts a review), stars from the
    annotated opinion scores of their sentences."""
    rows = []
    for f in sorted((DATA / "annotated_reviews").glob("*.txt")):
        review, score = [], 0
        for line in f.read_bytes().decode("latin-1").replace("\x1a", " ").splitlines() + ["[t]"]:
            if line.startswith("[t]"):
                if review:
                    stars = 5 if score >= 3 else 4 if score > 0 else 3 if score == 0 else 2 if score > -3 else 1
                    rows.append({"doc_id": f"{f.stem}-{len(rows)}", "asin": f.stem, "rating": float(stars),
                                 "title": "", "text": " ".join(review)})
                review, score = [], 0
            elif "##" in line:
                tags, sentence = line.split("##", 1)
                review.append(sentence.strip())
                score += sum(int(x) for x in re.findall(r"\[([+-]\d)\]", tags))
    return pd.DataFrame(rows)


@pytest.fixture(scope="module")
def reviews():
    r = _annotated_reviews()
    assert len(r) > 300 and r["rating"].nunique() == 5
    return r


def _params(n_jobs: int) -> dict:
    p = default_params()
    p["text"].update(n_jobs=n_jobs, chunk_docs=60)  # several tokenising chunks
    return p


def test_mining_real_reviews_on_two_threads_gives_the_same_tables_as_on_one(reviews):
    one = mine_reviews(reviews, _params(1), top_n=0, breakdowns=False)
    two = mine_reviews(reviews, _params(2), top_n=0, breakdowns=False)
    assert len(one.aspects) > 20 and len(one.keywords) > 10
    pd.testing.assert_frame_equal(two.aspects, one.aspects)
    pd.testing.assert_frame_equal(two.keywords, one.keywords)
    pd.testing.assert_series_equal(two.languages, one.languages)


def test_keywords_after_the_aspects_above_the_token_limit_equal_those_beside_them(reviews):
    beside = mine_reviews(reviews, _params(2), breakdowns=False)
    p = _params(2)
    p["text"]["parallel_max_tokens"] = 0
    after = mine_reviews(reviews, p, breakdowns=False)
    pd.testing.assert_frame_equal(after.keywords, beside.keywords)
    pd.testing.assert_frame_equal(after.aspects, beside.aspects)


def test_sentence_scores_and_language_scores_of_many_chunks_do_not_depend_on_the_threads(reviews):
    texts = pd.concat([reviews["text"], pd.Series(["Das Gestell rostet leider schon nach zwei Wochen.",
                                                   "Le couvercle est trop petit, dommage."] * 40)])
    corpus = build_corpus(texts.tolist(), chunk_docs=100, n_jobs=2)
    # the tokens per word, counted chunk by chunk while the corpus is built, are the corpus's own
    assert np.array_equal(corpus.vocab_tokens, np.bincount(corpus.tok_vid, minlength=corpus.vocab.size))
    a = analyse(corpus, default_params(), sentiment=False)
    assert set(a.doc_lang) >= {"en", "de", "fr"}
    rating = np.resize([1.0, 5.0, 4.0, np.nan], corpus.n_docs)
    frames = [corpus_sentiment(corpus, a.doc_lang, doc_rating=rating, params=_params(n), chunk_tokens=900)
              for n in (1, 2)]
    assert frames[0]["polarity"].nunique() == 3
    pd.testing.assert_frame_equal(frames[1], frames[0])
    # the chunks fix the order of the sums; the threads do not change it
    one, two = (language_scores(corpus, n_jobs=n, chunk_tokens=1000) for n in (1, 2))
    assert np.array_equal(one, two) and (one.argmax(axis=1) > 0).any()


def test_a_background_job_with_one_thread_runs_where_its_result_is_taken():
    calls = []
    job = Background(calls.append, "keywords", n_jobs=1)
    calls.append("aspects")
    job.result()
    assert calls == ["aspects", "keywords"]


def test_keyword_features_of_a_sample_are_the_full_features_of_the_sampled_reviews(reviews):
    a = analyse_reviews(reviews, default_params())
    sample = np.random.default_rng(5).random(a.n_docs) < 0.3
    t1, t2, fid, codes = _keyword_features(a)
    s1, s2, sfid, scodes = _keyword_features(a, sample)
    keep = sample[a.corpus.sent_doc[a.corpus.tok_sent[t1]]]
    assert 0 < keep.sum() < keep.size
    assert np.array_equal(s1, t1[keep]) and np.array_equal(s2, t2[keep])
    assert np.array_equal(scodes[sfid], codes[fid][keep])


def _with_typos(reviews: pd.DataFrame, share: float = 0.2) -> pd.DataFrame:
    """The reviews with one letter inserted into ``share`` of their words: a vocabulary that grows like
    that of many real reviews (rare words and misspellings), past the sizes the big-vocabulary paths
    start at."""
    rng = np.random.default_rng(3)

    def typo(m):
        w = m.group(0)
        if rng.random() >= share:
            return w
        i = int(rng.integers(0, len(w) + 1))
        return w[:i] + "abcdefghijklmnopqrstuvwxyz"[rng.integers(0, 26)] + w[i:]

    out = pd.concat([reviews, reviews.assign(doc_id=reviews["doc_id"] + "-t")], ignore_index=True)
    out["text"] = [re.sub(r"[A-Za-z]{3,}", typo, t) for t in out["text"]]
    return out


def test_a_big_vocabulary_counts_and_looks_up_words_as_a_small_one_does(reviews, monkeypatch):
    """Past ``_TABLE_BYTES`` the frequent words get the packed count tables and the rest is counted apart;
    a big vocabulary asked about twice is looked up through an index of its words. Both give exactly
    what the plain paths give."""
    from seller_lab.text import aspects, common
    from seller_lab.text.lexicon import all_stopwords

    big = _with_typos(reviews)
    a = analyse_reviews(big, default_params())
    vocab = a.corpus.vocab
    assert vocab.size > common._INDEX_MIN_WORDS
    for words in (all_stopwords(), {"battery", "zoom", "nichtda"}, set(vocab[:50].tolist())):
        plain = np.fromiter((w in words for w in vocab), bool, count=vocab.size)
        assert np.array_equal(common.in_words(vocab, words), plain)  # first call: remembered only
        assert np.array_equal(common.in_words(vocab, words), plain)  # then through the index
    assert common._vocab_index(vocab) is not None
    counted = []  # the per-word counts of every _WordCounts of a run

    class Recording(aspects._WordCounts):
        def counts(self):
            out = super().counts()
            counted[-1].append((self.hot_id is not None, out))
            return out

    monkeypatch.setattr(aspects, "_WordCounts", Recording)
    runs = []
    for table_bytes in (aspects._TABLE_BYTES, 10 ** 12):  # then every word in the packed tables
        monkeypatch.setattr(aspects, "_TABLE_BYTES", table_bytes)
        counted.append([])
        runs.append(mine_reviews(big, _params(1), top_n=0, breakdowns=False))
    (split, plain), (split_counts, plain_counts) = runs, counted
    assert split_counts[0][0] and not plain_counts[0][0]  # the context counts: frequent words apart, then not
    for (_, x), (_, y) in zip(split_counts, plain_counts, strict=True):
        assert len(x) == len(y) > 0 and all(np.array_equal(u, v) for u, v in zip(x, y))
    assert len(plain.aspects) > 20
    pd.testing.assert_frame_equal(split.aspects, plain.aspects)
    pd.testing.assert_frame_equal(split.keywords, plain.keywords)
