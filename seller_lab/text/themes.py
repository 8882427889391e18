"""Themes from short statements: TF-IDF over concept/stem features + NMF (scikit-learn).

Features are content words mapped to a shared multilingual concept when one exists
("Stecker", "Steckdose", "230v", "plug" -> *power*; "Teller", "plates" -> *plate*) and to
their Snowball stem otherwise, so one theme collects its variants across languages.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.cluster import AgglomerativeClustering
from sklearn.decomposition import NMF
from sklearn.feature_extraction.text import TfidfTransformer

from . import lexicon as lx
from ._core import Analysed

_GENERIC_CONCEPTS = frozenset({"fit"})


def token_features(a: Analysed, extra_exclude=()) -> tuple[np.ndarray, np.ndarray]:
    """Feature id per token (-1 for stopwords) and the feature names (concept or stem)."""
    nc = a.concepts.size
    feat = np.where(a.tok_concept >= 0, a.tok_concept, nc + a.tok_stem).astype(np.int64)
    feat[~a.tok_content] = -1
    generic = [i for i, name in enumerate(a.concepts) if name in _GENERIC_CONCEPTS]
    feat[np.isin(a.tok_concept, generic)] = -1  # 'passt', 'fits' start half of all questions
    fillers = np.isin(a.corpus.vocab, list(lx.THEME_FILLERS | set(extra_exclude)))
    feat[fillers[a.corpus.tok_vid]] = -1
    names = np.concatenate([a.concepts, a.stems])
    return feat, names


def row_matrix(a: Analysed, tok_row: np.ndarray, n_rows: int):
    """Binary sparse matrix rows x features from a row id per token (-1 = not used)."""
    feat, names = token_features(a)
    sel = (tok_row >= 0) & (feat >= 0)
    x = sparse.csr_matrix((np.ones(int(sel.sum()), np.float32), (tok_row[sel], feat[sel])),
                          shape=(n_rows, names.size))
    x.data[:] = 1.0
    return x, names


def nmf_themes(x, *, k: int, random_state: int = 7, min_df: int = 2):
    """TF-IDF + NMF on a binary row x feature matrix.

    Returns ``(assignment per row (-1 = none), H (themes x features), kept feature columns,
    W (rows x themes))``.
    """
    df = np.asarray((x > 0).sum(axis=0)).ravel()
    cols = np.flatnonzero(df >= min_df)
    n = x.shape[0]
    if cols.size == 0 or n == 0:
        return np.full(n, -1), np.zeros((0, 0)), cols, np.zeros((n, 0))
    xs = x[:, cols]
    tf = TfidfTransformer(sublinear_tf=True).fit_transform(xs)
    k = int(max(1, min(k, cols.size, n)))
    model = NMF(n_components=k, init="nndsvda", random_state=random_state, max_iter=400)
    w = model.fit_transform(tf)
    h = model.components_
    assign = np.where(w.max(axis=1) > 1e-9, w.argmax(axis=1), -1)
    return assign, h, cols, w


def cluster_themes(x, *, distance_threshold: float = 0.75, max_fit_rows: int = 3000, min_df: int = 2,
                   random_state: int = 7):
    """Group short texts into themes without choosing their number in advance.

    TF-IDF (sublinear, l2) on binary concept/stem features, then scikit-learn's
    ``AgglomerativeClustering`` (cosine distance, average linkage, cut at
    ``distance_threshold``) on up to ``max_fit_rows`` rows (a random sample when there are more);
    every row is then assigned to the most similar cluster centroid (sparse matrix product), or
    -1 when its similarity is below ``1 - distance_threshold``.

    Returns ``(assignment per row, centroids (themes x kept features), kept feature columns)``;
    themes are numbered by size, largest first.
    """
    n = x.shape[0]
    df = np.asarray((x > 0).sum(axis=0)).ravel()
    cols = np.flatnonzero(df >= min_df)
    if cols.size == 0 or n < 2:
        return np.full(n, -1), np.zeros((0, cols.size)), cols
    tf = TfidfTransformer(sublinear_tf=True).fit_transform(x[:, cols]).tocsr()
    has = np.asarray(tf.getnnz(axis=1)).ravel() > 0
    rows = np.flatnonzero(has)
    if rows.size < 2:
        return np.full(n, -1), np.zeros((0, cols.size)), cols
    if rows.size > max_fit_rows:
        rng = np.random.default_rng(random_state)
        rows = np.sort(rng.choice(rows, max_fit_rows, replace=False))
    fit = tf[rows].toarray()
    labels = AgglomerativeClustering(n_clusters=None, distance_threshold=distance_threshold, metric="cosine",
                                     linkage="average").fit_predict(fit)
    k = labels.max() + 1
    cent = np.zeros((k, cols.size))
    np.add.at(cent, labels, fit)
    cent /= np.maximum(np.linalg.norm(cent, axis=1, keepdims=True), 1e-12)
    sim = np.asarray(tf @ cent.T)
    best = sim.argmax(axis=1)
    ok = has & (sim[np.arange(n), best] >= 1.0 - distance_threshold)
    assign = np.where(ok, best, -1)
    # renumber by size
    sizes = np.bincount(assign[assign >= 0], minlength=k)
    order = np.argsort(-sizes, kind="stable")
    rank = np.empty(k, int)
    rank[order] = np.arange(k)
    assign = np.where(assign >= 0, rank[np.maximum(assign, 0)], -1)
    return assign, cent[order], cols


def merge_same_top(assign: np.ndarray, terms: list[list[int]], h: np.ndarray | None = None,
                   min_cosine: float = 0.3, w: np.ndarray | None = None) -> tuple[np.ndarray, list[list[int]]]:
    """Merge themes that share their leading term (one's top term is among the other's top two).

    NMF is run with more components than expected themes and over-splits on purpose; this puts
    'große Teller' and 'Teller 30 cm' back together. The merged theme keeps the terms of its
    first (strongest) member. With ``h`` (NMF components), themes whose component vectors have
    cosine similarity >= ``min_cosine`` merge too, and with ``w`` (row weights) themes that half of
    the smaller one's rows also load on ('Teller · groß' and '30 cm').
    """
    parent = list(range(len(terms)))
    cos = None
    if h is not None and h.size:
        hn = h / np.maximum(np.linalg.norm(h, axis=1, keepdims=True), 1e-12)
        cos = hn @ hn.T
    co = None
    if w is not None and w.size:
        mem = w >= 0.3 * np.maximum(w.max(axis=1, keepdims=True), 1e-12)
        mem &= w > 1e-9
        co = mem.T.astype(np.int64) @ mem.astype(np.int64)

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, ti in enumerate(terms):
        for j in range(i):
            tj = terms[j]
            shared = co is not None and co[i, j] >= max(1, 0.5 * min(co[i, i], co[j, j]))
            if (ti and tj and (ti[0] in tj[:2] or tj[0] in ti[:2])) or (cos is not None and cos[i, j] >= min_cosine) \
                    or shared:
                parent[find(i)] = find(j)
    remap = np.array([find(t) for t in range(len(terms))]) if terms else np.zeros(0, int)
    new_assign = np.where(assign >= 0, remap[np.maximum(assign, 0)] if remap.size else -1, -1)
    return new_assign, terms


def theme_terms(h: np.ndarray, cols: np.ndarray, names: np.ndarray, *, top: int = 4,
                rel: float = 0.5) -> list[list[int]]:
    """Top feature ids per theme (weight >= rel x the theme's strongest)."""
    out = []
    for row in h:
        order = np.argsort(-row)[:top]
        keep = [int(cols[i]) for i in order if row[i] > 0 and row[i] >= rel * row[order[0]]]
        out.append(keep)
    return out


def feature_surface(a: Analysed, rows_tok: np.ndarray) -> dict[int, str]:
    """Most frequent surface word per feature among the given tokens."""
    feat, _ = token_features(a)
    sel = rows_tok & (feat >= 0)
    if not sel.any():
        return {}
    df = pd.DataFrame({"f": feat[sel], "v": a.corpus.tok_vid[sel], "cap": a.corpus.tok_cap[sel]})
    g = df.groupby(["f", "v"]).agg(n=("cap", "size"), cap=("cap", "mean")).reset_index()
    g = g.sort_values(["f", "n"], ascending=[True, False]).drop_duplicates("f")
    out = {}
    for f, v, cap in g[["f", "v", "cap"]].itertuples(index=False):
        w = a.corpus.vocab[v]
        out[int(f)] = (w[:1].upper() + w[1:]) if cap > 0.6 else w
    return out


def auto_k(n: int, per_theme: int, max_themes: int) -> int:
    """Number of themes for n statements: n / per_theme clipped to [2, max_themes]."""
    return int(np.clip(round(n / max(per_theme, 1)), 2, max_themes))
