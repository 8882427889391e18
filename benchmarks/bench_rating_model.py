"""What the star-rating polarity model adds to the text step (issue 12: < 1 s at 100k reviews).

English reviews resampled from the real annotated review sentences (``bench_text.real_sentence_reviews``,
stars from their opinion scores) are tokenised once; then, per repeat, the model is fitted
(:func:`seller_lab.text.sentiment.fit_rating_model`) and the corpus's sentence sentiment is
computed without and with it. Prints wall and CPU seconds (CPU time is the steadier figure on a
shared machine) and the load average.

Usage: python benchmarks/bench_rating_model.py [--sizes 10000 100000] [--repeats 3]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_text import real_sentence_reviews  # noqa: E402

from seller_lab.text.preprocess import build_corpus  # noqa: E402
from seller_lab.text.sentiment import corpus_sentiment, fit_rating_model  # noqa: E402


def _timed(fn):
    w, c = time.perf_counter(), time.process_time()
    out = fn()
    return out, time.perf_counter() - w, time.process_time() - c


def run(n: int, repeats: int) -> list[dict]:
    reviews = real_sentence_reviews(n)
    corpus = build_corpus(reviews["text"], n_jobs=2)
    langs = np.full(corpus.n_docs, "en", dtype=object)
    rating = reviews["rating"].to_numpy(float)
    fit_rating_model(corpus, langs, rating)  # warm-up
    rows = []
    for _ in range(repeats):
        model, fit_wall, fit_cpu = _timed(lambda: fit_rating_model(corpus, langs, rating))
        _, plain_wall, plain_cpu = _timed(lambda: corpus_sentiment(corpus, langs, doc_rating=rating))
        _, with_wall, with_cpu = _timed(lambda m=model: corpus_sentiment(corpus, langs, doc_rating=rating, model=m))
        rows.append({"fit_wall": fit_wall, "fit_cpu": fit_cpu, "added_wall": fit_wall + with_wall - plain_wall,
                     "added_cpu": fit_cpu + with_cpu - plain_cpu, "sentiment_cpu": plain_cpu})
    return rows, corpus.tok_vid.size, model.n_reviews_["en"]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    ap.add_argument("--repeats", type=int, default=3)
    args = ap.parse_args()
    for n in args.sizes:
        rows, ntok, trained = run(n, args.repeats)
        med = {k: float(np.median([r[k] for r in rows])) for k in rows[0]}
        print(f"{n:>8} reviews ({ntok:,} tokens, model trained on {trained:,}): fit {med['fit_cpu']:.2f} s CPU "
              f"({med['fit_wall']:.2f} s wall); fit + scoring add {med['added_cpu']:.2f} s CPU "
              f"({med['added_wall']:.2f} s wall) to sentiment's {med['sentiment_cpu']:.2f} s CPU; "
              f"load {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
