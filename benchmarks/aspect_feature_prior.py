"""How far a feature-word prior learnt from the other annotated products would move aspect precision / recall.

For each of the 14 annotated products (``tests/data/annotated_reviews``: the 9 products and Hu & Liu's 5), the
aspect rows of ``seller-lab mine reviews FILE --json --top 0`` as shipped, then the same rows plus every word of
the product's reviews that the annotators of the *other* 13 products tagged (the head word of a feature,
explicit or not) in at least ``share`` of the other products whose reviews hold the word (and in at least
``--min-products`` of them), written in at least ``--min-reviews`` reviews here. Scored as
``tests/text/test_aspects_real.py`` scores aspects (docs/text_aspects.md, "A feature-word prior ..."). A
measurement, not a feature of the miner.

Usage: python benchmarks/aspect_feature_prior.py [--shares 0 0.3 0.5 0.7] [--min-products 2] [--min-reviews 1 2]
"""

from __future__ import annotations

import argparse
import contextlib
import io
import re
import sys
import tempfile
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "text"))

import test_aspects_real as scoring  # noqa: E402  (the tests' reading and scoring of the annotated files)


def _products(tmp: Path) -> list[dict]:
    out = []
    for label, folder, names in (("9 products", scoring.DATA, scoring.PRODUCTS),
                                 ("Hu & Liu's 5 products", scoring.DATA_2004, scoring.PRODUCTS_2004)):
        for name in names:
            reviews = scoring.parse_annotated(folder / f"{name}.txt")
            names_ = scoring.name_words(reviews, name)
            path = scoring.to_jsonl(reviews, tmp / f"product{len(out)}.jsonl", asin=f"B0ANNOT{len(out):03d}")
            with contextlib.redirect_stdout(io.StringIO()):
                rows = scoring.mine_cli(path, 0)["aspects"]
            docs = [{scoring._norm(w) for s in r["sentences"] for w in re.findall(r"[a-z]+", s.lower())} - {()}
                    for r in reviews]
            surface: dict[tuple, str] = {}
            for r in reviews:
                for s in r["sentences"]:
                    for w in re.findall(r"[a-z]+", s.lower()):
                        surface.setdefault(scoring._norm(w), w)
            gold, annotated = scoring.gold_features(reviews, names_), scoring.annotated_features(reviews, names_)
            heads = {scoring._head(scoring._norm(g)) for g in gold} | {scoring._head(f) for f in annotated}
            out.append({"set": label, "rows": rows, "gold": gold, "annotated": annotated, "names": names_,
                        "docs": docs, "words": set().union(*docs), "heads": heads, "surface": surface})
    return out


def _added(products: list[dict], k: int, share: float, min_products: int, min_reviews: int) -> list[dict]:
    """Aspect rows the prior adds to product ``k``."""
    seen, tagged = Counter(), Counter()
    for j, q in enumerate(products):
        if j != k:
            seen.update(q["words"])
            tagged.update(h for h in q["heads"] if h in q["words"])
    p = products[k]
    df = Counter(w for d in p["docs"] for w in d
                 if seen[w] >= min_products and tagged[w] >= max(share * seen[w], 1) and not set(w) <= p["names"])
    have = {scoring._norm(r["aspect"]) for r in p["rows"]}
    return [{"aspect": p["surface"][w]} for w, n in df.items()
            if n >= min_reviews and w not in have and not any(scoring._head(h) == w for h in have)]


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shares", type=float, nargs="+", default=[0.0, 0.3, 0.5, 0.7])
    ap.add_argument("--min-products", type=int, default=2)
    ap.add_argument("--min-reviews", type=int, nargs="+", default=[1, 2])
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        products = _products(Path(tmp))
    sets = sorted({p["set"] for p in products}, key=lambda s: s[0] != "9")

    def line(label, scored):
        cells = []
        for s in sets:
            v = np.array([x for p, x in zip(products, scored) if p["set"] == s], float)
            cells.append(f"{s}: P / R {v[:, 0].mean():.3f} / {v[:, 1].mean():.3f}"
                         + (f", {v[:, 2].mean():.0f} rows added, precision {v[:, 3].mean():.3f}" if v.shape[1] > 2 else ""))
        print(f"{label:58s} " + " | ".join(cells))

    line("as shipped", [scoring.score_aspects(p["rows"], p["gold"], p["annotated"]) for p in products])
    for share in args.shares:
        for min_reviews in args.min_reviews:
            scored = []
            for k, p in enumerate(products):
                extra = _added(products, k, share, args.min_products if share > 0 else 1, min_reviews)
                both = scoring.score_aspects(p["rows"] + extra, p["gold"], p["annotated"])
                alone = scoring.score_aspects(extra, p["gold"], p["annotated"])[0] if extra else 0.0
                scored.append((*both, len(extra), alone))
            line(f"tagged in >= {share:.0%} of the other products, {min_reviews}+ reviews here", scored)


if __name__ == "__main__":
    main()
