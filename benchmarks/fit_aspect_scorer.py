"""Fit the aspect scorer of ``seller_lab/text/aspects.py`` and print its cross-validated figures.

The scorer decides which English candidate words in ``text.aspect_compound_min_df`` or more reviews are
frequent aspects (docs/text_aspects.md, step 5). It is a logistic regression over the evidence
``_stem_evidence`` computes per candidate stem, fitted on the 14 annotated products of
``tests/data/annotated_reviews`` (the 9 products and Hu & Liu's 5): a candidate is labelled 1 when it
names a feature the annotators tagged, scored as ``tests/text/test_aspects_real.py`` scores an aspect
row. The held-out SemEval-2014 reviews are not read here.

Printed: the weights fitted on all 14 products (to paste into ``_SCORE_WEIGHTS`` / ``_SCORE_BIAS``), and
per threshold the leave-one-product-out precision and recall averaged over each product set (each
product mined with weights fitted without it), next to the rule the scorer replaces (a word in
``text.aspect_min_df`` or more reviews is frequent).

Usage: python benchmarks/fit_aspect_scorer.py [--thresholds 0.25 0.27 0.3] [--c 1.0] [--drop FEATURE ...]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "text"))

import test_aspects_real as scoring  # noqa: E402  (the tests' reading and scoring of the annotated files)
from sklearn.linear_model import LogisticRegression  # noqa: E402
from sklearn.preprocessing import StandardScaler  # noqa: E402

from seller_lab.text import aspects  # noqa: E402
from seller_lab.text.aspects import mine_reviews  # noqa: E402
from seller_lab.text.cli import _mined_reviews  # noqa: E402
from seller_lab.text.common import default_params  # noqa: E402

SETS = {"9 products": (scoring.DATA, scoring.PRODUCTS), "Hu & Liu's 5 products": (scoring.DATA_2004, scoring.PRODUCTS_2004)}


class _Product:
    """One annotated product: its reviews as a JSONL file, its gold and annotated features."""

    def __init__(self, folder: Path, name: str, path: Path, asin: str):
        reviews = scoring.parse_annotated(folder / f"{name}.txt")
        self.name, self.path = name, scoring.to_jsonl(reviews, path, asin=asin)
        names = scoring.name_words(reviews, name)
        self.gold = scoring.gold_features(reviews, names)
        self.annotated = scoring.annotated_features(reviews, names)


def _mine(product: _Product, params: dict) -> list[dict]:
    """The aspect rows of ``seller-lab mine reviews FILE --json --top 0`` under ``params``."""
    m = mine_reviews(_mined_reviews(str(product.path), params, {}), params, top_n=0, breakdowns=False)
    return m.aspects.to_dict(orient="records")


def _candidates(product: _Product, params: dict) -> tuple[np.ndarray, np.ndarray]:
    """(features, labels) of the product's candidate stems: the features the miner computes, recorded
    while it runs; a stem is named by its English candidate word with the most uses."""
    seen = []
    evidence = aspects._stem_evidence

    def record(a, ev, ok_en, sdf, min_df):
        stems, x = evidence(a, ev, ok_en, sdf, min_df)
        sel = ok_en[ev["words"]]
        v, uses = ev["words"][sel], ev["tokens"][sel]
        v = v[np.lexsort((-uses, a.word_stem[0][v]))]  # by stem, most used word first
        first = np.r_[True, a.word_stem[0][v][1:] != a.word_stem[0][v][:-1]]
        word = dict(zip(a.word_stem[0][v][first].tolist(), a.corpus.vocab[v[first]]))
        seen.append((stems, x, [word[s] for s in stems.tolist()], sdf[stems]))
        return stems, x

    aspects._stem_evidence = record
    try:
        _mine(product, params)
    finally:
        aspects._stem_evidence = evidence
    stems, x, words, sdf = seen[-1]
    cmin = params["text"]["aspect_compound_min_df"]
    keep = sdf >= cmin
    labels = np.array([any(scoring.names_feature(w, " ".join(f)) for f in product.annotated) for w in words], bool)
    return x[keep], labels[keep]


def fit(x: np.ndarray, y: np.ndarray, c: float, used: np.ndarray) -> tuple[np.ndarray, float]:
    """Weights and bias on the raw features of a logistic regression fitted on standardised ones (the
    features ``used``; the others get weight 0)."""
    scale = StandardScaler().fit(x[:, used])
    scale.scale_[scale.scale_ == 0] = 1.0
    model = LogisticRegression(C=c, max_iter=2000).fit(scale.transform(x[:, used]), y)
    w = np.zeros(x.shape[1])
    w[used] = model.coef_[0] / scale.scale_
    return w, float(model.intercept_[0] - (w[used] * scale.mean_).sum())


def _scored(products: dict, params: dict, weights: dict) -> dict:
    """Per product set, (precision, recall) averaged over its products, each mined with its own weights."""
    out = {}
    for set_name, items in products.items():
        scores = []
        for p in items:
            aspects._SCORE_WEIGHTS, aspects._SCORE_BIAS = weights[p.name]
            scores.append(scoring.score_aspects(_mine(p, params), p.gold, p.annotated))
        out[set_name] = tuple(float(np.mean([s[i] for s in scores])) for i in (0, 1))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--thresholds", type=float, nargs="+", default=None,
                    help="scorer probabilities to try (default: text.aspect_score_min)")
    ap.add_argument("--c", type=float, default=1.0, help="inverse L2 penalty of the logistic regression")
    ap.add_argument("--drop", nargs="+", default=[], choices=aspects._SCORE_FEATURES, help="features left out")
    args = ap.parse_args()
    used = np.array([n not in args.drop for n in aspects._SCORE_FEATURES])
    params = default_params()
    thresholds = args.thresholds or [params["text"]["aspect_score_min"]]
    shipped = aspects._SCORE_WEIGHTS, aspects._SCORE_BIAS
    with tempfile.TemporaryDirectory() as tmp:
        products = {s: [_Product(folder, name, Path(tmp) / f"{i}_{j}.jsonl", f"B0ANNOT{i}{j:02d}")
                        for j, name in enumerate(names)] for i, (s, (folder, names)) in enumerate(SETS.items())}
        every = [p for items in products.values() for p in items]
        data = {p.name: _candidates(p, params) for p in every}
        x = np.vstack([data[p.name][0] for p in every])
        y = np.concatenate([data[p.name][1] for p in every])
        w, b = fit(x, y, args.c, used)
        print(f"{len(y)} candidate words of {len(every)} products, {int(y.sum())} of them features")
        print("weights fitted on all products:")
        for name, v in zip(aspects._SCORE_FEATURES, w):
            print(f"  {name:<22} {v:8.3f}")
        print(f"  {'bias':<22} {b:8.3f}")
        print(f"_SCORE_WEIGHTS = ({', '.join(f'{v:.3f}' for v in w)})\n_SCORE_BIAS = {b:.3f}")
        folds = {}
        for p in every:
            rest = [q for q in every if q is not p]
            folds[p.name] = fit(np.vstack([data[q.name][0] for q in rest]),
                                np.concatenate([data[q.name][1] for q in rest]), args.c, used)
        # the rule the scorer replaces: frequent in aspect_min_df or more reviews (log_reviews >= 0)
        rule = (tuple(float(n == "log_reviews") for n in aspects._SCORE_FEATURES), 0.0)
        params["text"]["aspect_score_min"] = 0.5
        base = _scored(products, params, {p.name: rule for p in every})
        print("\nleave-one-product-out, averaged over products: precision / recall")
        print(f"  {'rule: aspect_min_df reviews':<30} " + "   ".join(f"{s} {v[0]:.3f} / {v[1]:.3f}" for s, v in base.items()))
        for t in thresholds:
            params["text"]["aspect_score_min"] = t
            res = _scored(products, params, folds)
            print(f"  {f'scorer, probability >= {t:g}':<30} "
                  + "   ".join(f"{s} {v[0]:.3f} / {v[1]:.3f}" for s, v in res.items()))
    aspects._SCORE_WEIGHTS, aspects._SCORE_BIAS = shipped


if __name__ == "__main__":
    main()
