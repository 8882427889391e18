"""Pain-point themes (``text.pain_points``): time on real reviews, beside a plain clustering peer.

Corpora:
- ``household``: the 400 real Amazon.de household reviews of ``tests/data/de_household_reviews``
  (three categories, all stars; the 1-2-star ones make the statements);
- ``real``: N English reviews resampled from the real annotated review sentences
  (``bench_text.real_sentence_reviews``), all stars.

Per corpus it prints the statements found, the themes reported, the wall time of ``pain_points``, and
the peer measured in the same run on the same statement sentences: scikit-learn's ``TfidfVectorizer``
(1-2-grams) and ``AgglomerativeClustering`` (cosine, average linkage, cut at the same
``pain_points.theme_distance``) on at most 3,000 of them, which groups by shared words and names
nothing. Not a timed test: figures depend on the machine and its load.

Usage: python benchmarks/bench_painpoints.py [--real-sizes 20000 60000]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_text import real_sentence_reviews  # noqa: E402

from seller_lab import text  # noqa: E402
from seller_lab.text.common import default_params  # noqa: E402
from seller_lab.text.settings import PainPointSettings  # noqa: E402

HOUSEHOLD = ROOT / "tests" / "data" / "de_household_reviews" / "reviews.tsv"
PEER_MAX = 3000


def _reviews(texts, ratings, asins) -> pd.DataFrame:
    return pd.DataFrame({"doc_id": [f"r{i}" for i in range(len(texts))], "asin": list(asins),
                         "rating": pd.to_numeric(pd.Series(list(ratings))).astype(int).to_numpy(),
                         "text": list(texts), "title": "", "ds": pd.Timestamp("2020-01-01", tz="UTC")})


def corpora(real_sizes: list[int]):
    """(name, keywords, reviews) per corpus."""
    hh = pd.read_csv(HOUSEHOLD, sep="\t", dtype=str, keep_default_na=False)
    for cat, g in hh.groupby("category"):
        yield f"household {cat}", [cat.replace("_", " ")], _reviews(g["text"], g["stars"], g["asin"])
    for n in real_sizes:
        r = real_sentence_reviews(n)
        yield f"real {n}", [], _reviews(r["text"], r["rating"], r["asin"])


def peer_seconds(sentences: list[str], distance: float) -> tuple[float, int]:
    """(seconds, clusters) of TF-IDF + agglomerative clustering of up to PEER_MAX sentences."""
    from sklearn.cluster import AgglomerativeClustering
    from sklearn.feature_extraction.text import TfidfVectorizer

    sample = sentences[:PEER_MAX]
    if len(sample) < 2:
        return 0.0, 0
    t = time.perf_counter()
    x = TfidfVectorizer(ngram_range=(1, 2), min_df=2).fit_transform(sample).toarray()
    x = x[x.any(axis=1)]  # a sentence sharing no word with another has no vector to compare
    if len(x) < 2:
        return time.perf_counter() - t, 0
    labels = AgglomerativeClustering(n_clusters=None, distance_threshold=distance, metric="cosine",
                                     linkage="average").fit_predict(x)
    return time.perf_counter() - t, int(labels.max()) + 1


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--real-sizes", type=int, nargs="*", default=[20000])
    args = ap.parse_args()
    base = default_params()
    distance = PainPointSettings.from_params(base).theme_distance
    print(f"{'corpus':<28} {'reviews':>8} {'statements':>10} {'themes':>6} {'pain_points s':>13}   "
          f"peer: TF-IDF + agglomerative on <= {PEER_MAX} statements (s, clusters)")
    for name, keywords, reviews in corpora(args.real_sizes):
        params = {**base, "category": {**(base.get("category") or {}), "keywords": keywords}}
        t = time.perf_counter()
        pp = text.pain_points(None, params, reviews=reviews)
        took = time.perf_counter() - t
        statements = text.pain_point_statements(None, params, reviews=reviews)["sentence"].tolist()
        peer, clusters = peer_seconds(statements, distance)
        print(f"{name:<28} {len(reviews):>8,} {len(statements):>10,} {len(pp):>6} {took:>13.2f}   "
              f"{peer:.2f} s, {clusters} clusters")
        print(f"{'':<28} top themes: " + " | ".join(f"{t} ({n})" for t, n in zip(pp['theme'][:4], pp['statements'][:4])))


if __name__ == "__main__":
    main()
