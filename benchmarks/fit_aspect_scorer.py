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

``--mentions MODE`` fits and measures the mention scorer of ``aspects.py`` instead (an experiment, off in the
miner): a logistic regression per use of an English candidate word (``_MENTION_FEATURES``), labelled 1 when a
tag of the annotated sentence the use is in names the word. Each product's uses are recorded with aspect scorer
weights fitted without it; for the fold of a product, the other products' uses with weights fitted without
both (no label of the product scored reaches its mention weights). The held-out SemEval-2014 reviews are mined
with the shipped aspect scorer and mention weights fitted on all 14 products, only to report them.

Usage: python benchmarks/fit_aspect_scorer.py [--thresholds 0.25 0.27 0.3] [--c 1.0] [--drop FEATURE ...]
       python benchmarks/fit_aspect_scorer.py --mentions add [--only FEATURE ...] [--thresholds 0.2 0.3] [--semeval]
"""

from __future__ import annotations

import argparse
import re
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
        # per review, its annotated sentences' words and tags (what labels a use for the mention scorer)
        self.sentences = [[(set(re.findall(r"[a-z0-9]+", s.lower())), tags) for s, tags in zip(r["sentences"], r["tags"])]
                          for r in reviews]


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


def _mention_labels(product: _Product, a, pos: np.ndarray) -> np.ndarray:
    """Per use (token position of the analysis ``a``): a tag of its annotated sentence names its word. The
    annotated sentence of a use is one of its review's sentences that holds the word and half the words of
    the use's sentence as the miner cut it."""
    c = a.corpus
    sent = c.tok_sent[pos]
    doc = c.sent_doc[sent]
    words = c.vocab[c.tok_vid[pos]]
    starts, ends = np.searchsorted(c.tok_sent, sent, "left"), np.searchsorted(c.tok_sent, sent, "right")
    y = np.zeros(pos.size, bool)
    names: dict = {}
    for i in range(pos.size):
        w = str(words[i]).lower()
        said = {str(v).lower() for v in c.vocab[c.tok_vid[starts[i]:ends[i]]]}
        for held, tags in product.sentences[int(doc[i])]:
            if w in held and len(said & held) >= 0.5 * len(said):
                y[i] |= any(names.setdefault((w, t), scoring.names_feature(w, t)) for t, _, _ in tags)
    return y


def _mentions(product: _Product, params: dict, word_weights: tuple, mode: str) -> tuple[np.ndarray, np.ndarray]:
    """(features, labels) of the uses the mention scorer decides, the product mined with ``word_weights``
    for the aspect scorer (the uses decided do not depend on the mention weights)."""
    seen = []
    evidence = aspects._mention_evidence

    def record(ctx, t0, t1, q, targets, alone, f):
        x = evidence(ctx, t0, t1, q, targets, alone, f)
        seen.append((ctx.a, q + t0, x))
        return x

    saved = (aspects._SCORE_WEIGHTS, aspects._SCORE_BIAS, aspects._MENTION_MIN, aspects._MENTION_MODE)
    aspects._SCORE_WEIGHTS, aspects._SCORE_BIAS = word_weights
    aspects._MENTION_MIN, aspects._MENTION_MODE = 0.5, "all" if mode == "all" else "add"
    aspects._mention_evidence = record
    try:
        _mine(product, params)
    finally:
        aspects._mention_evidence = evidence
        aspects._SCORE_WEIGHTS, aspects._SCORE_BIAS, aspects._MENTION_MIN, aspects._MENTION_MODE = saved
    if not seen:
        return np.zeros((0, len(aspects._MENTION_FEATURES))), np.zeros(0, bool)
    pos = np.concatenate([s[1] for s in seen])
    return np.vstack([s[2] for s in seen]), _mention_labels(product, seen[0][0], pos)


def _scored_mentions(items: list, params: dict, word: dict, mention: dict | None, threshold: float | None,
                     mode: str) -> tuple[float, float]:
    """(precision, recall) averaged over ``items``, each mined with its own aspect scorer and mention weights."""
    saved = (aspects._SCORE_WEIGHTS, aspects._SCORE_BIAS, aspects._MENTION_WEIGHTS, aspects._MENTION_BIAS,
             aspects._MENTION_MIN, aspects._MENTION_MODE)
    scores = []
    try:
        for p in items:
            aspects._SCORE_WEIGHTS, aspects._SCORE_BIAS = word[p.name]
            aspects._MENTION_MIN, aspects._MENTION_MODE = threshold, mode
            if mention is not None:
                aspects._MENTION_WEIGHTS, aspects._MENTION_BIAS = mention[p.name]
            scores.append(scoring.score_aspects(_mine(p, params), p.gold, p.annotated))
    finally:
        (aspects._SCORE_WEIGHTS, aspects._SCORE_BIAS, aspects._MENTION_WEIGHTS, aspects._MENTION_BIAS,
         aspects._MENTION_MIN, aspects._MENTION_MODE) = saved
    return tuple(float(np.mean([s[i] for s in scores])) for i in (0, 1))


def _semeval(tmp: Path) -> list:
    """The held-out SemEval-2014 sets as products to mine and score (read here only to report them)."""
    out = []
    for i, (name, about) in enumerate(scoring.ABSA_SETS.items()):
        p = _Product.__new__(_Product)
        reviews = scoring.parse_absa(scoring.ABSA / f"{name}.tsv")
        p.name, p.path = name, scoring.to_jsonl(reviews, tmp / f"semeval{i}.jsonl", asin=f"B0SEMEV{i:03d}")
        names = scoring.name_words(reviews, name, about)
        p.gold, p.annotated = scoring.gold_features(reviews, names), scoring.annotated_features(reviews, names)
        out.append(p)
    return out


def mentions_main(args, products: dict, every: list, data: dict, params: dict, tmp: Path) -> None:
    """Fit the mention scorer and print its leave-one-product-out figures (module docstring)."""
    used = np.ones(len(aspects._SCORE_FEATURES), bool)

    def word_fit(left_out: set) -> tuple:
        rest = [q for q in every if q.name not in left_out]
        return fit(np.vstack([data[q.name][0] for q in rest]), np.concatenate([data[q.name][1] for q in rest]), 1.0, used)

    word = {p.name: word_fit({p.name}) for p in every}
    uses = {(p.name, None): _mentions(p, params, word[p.name], args.mentions) for p in every}
    for q in every:
        for p in every:
            if p is not q:
                uses[(p.name, q.name)] = _mentions(p, params, word_fit({p.name, q.name}), args.mentions)
    n = sum(uses[(p.name, None)][0].shape[0] for p in every)
    print(f"{n} uses decided in {len(every)} products, {sum(int(uses[(p.name, None)][1].sum()) for p in every)} tagged")
    kept = np.array([args.only is None or f in args.only for f in aspects._MENTION_FEATURES])

    def mention_fit(keys: list) -> tuple:
        w, b = fit(np.vstack([uses[k][0] for k in keys]), np.concatenate([uses[k][1] for k in keys]), args.c, kept)
        return tuple(float(v) for v in w), b

    folds = {q.name: mention_fit([(p.name, q.name) for p in every if p is not q]) for q in every}
    shipped = mention_fit([(p.name, None) for p in every])
    print("mention weights fitted on all products:")
    for name, v in zip(aspects._MENTION_FEATURES, shipped[0]):
        print(f"  {name:<22} {v:8.3f}")
    print(f"  {'bias':<22} {shipped[1]:8.3f}")
    print(f"\nleave-one-product-out, averaged over products: precision / recall (mode {args.mentions})")
    base = {s: _scored_mentions(items, params, word, None, None, args.mentions) for s, items in products.items()}
    print(f"  {'no mention scorer':<30} " + "   ".join(f"{s} {v[0]:.3f} / {v[1]:.3f}" for s, v in base.items()))
    sem = _semeval(tmp) if args.semeval else []
    sem_word = {p.name: (aspects._SCORE_WEIGHTS, aspects._SCORE_BIAS) for p in sem}
    if sem:
        res = _scored_mentions(sem, params, sem_word, None, None, "add")
        print(f"  {'held out, no mention scorer':<30} {res[0]:.3f} / {res[1]:.3f}")
    for t in args.thresholds or [0.3]:
        res = {s: _scored_mentions(items, params, word, folds, t, args.mentions) for s, items in products.items()}
        print(f"  {f'mentions >= {t:g}':<30} " + "   ".join(f"{s} {v[0]:.3f} / {v[1]:.3f}" for s, v in res.items()))
        if sem:
            res = _scored_mentions(sem, params, sem_word, {p.name: shipped for p in sem}, t, args.mentions)
            print(f"  {f'held out, mentions >= {t:g}':<30} {res[0]:.3f} / {res[1]:.3f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--thresholds", type=float, nargs="+", default=None,
                    help="scorer probabilities to try (default: text.aspect_score_min)")
    ap.add_argument("--c", type=float, default=1.0, help="inverse L2 penalty of the logistic regression")
    ap.add_argument("--drop", nargs="+", default=[], choices=aspects._SCORE_FEATURES, help="features left out")
    ap.add_argument("--mentions", choices=("add", "replace", "filter", "all"), default=None,
                    help="fit and measure the mention scorer in this mode instead")
    ap.add_argument("--only", nargs="+", default=None, choices=aspects._MENTION_FEATURES,
                    help="the mention scorer's features used (default: all)")
    ap.add_argument("--semeval", action="store_true", help="also report the held-out set (mention scorer)")
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
        if args.mentions:
            mentions_main(args, products, every, data, params, Path(tmp))
            return
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
