"""Measured quality of the text miners on a labelled development set
(``tests/data/text/devset.tsv``; columns ``lang, source, rating, polarity, complaint, aspects, text``).

:func:`evaluate` returns precision/recall/F1 of aspect extraction and complaint detection,
polarity accuracy (3 classes: pos/neg/neu) and language-detection accuracy, overall and per
language. The benchmark prints them; tests hold floors so quality cannot silently regress.

Examples
--------
>>> import pandas as pd
>>> dev = pd.DataFrame({"lang": ["en", "de"], "source": ["review", "post"], "rating": [1, None],
...     "polarity": ["neg", "neg"], "complaint": [1, 1], "aspects": ["lid", "Teller"],
...     "text": ["The lid cracked after a week.", "Ich suche ein Gestell, in das große Teller passen."]})
>>> r = evaluate(dev)
>>> r["overall"]["polarity_accuracy"], r["overall"]["complaint_f1"], r["overall"]["aspect_f1"]
(1.0, 1.0, 1.0)
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ._core import analyse, resolve_params
from .aspects import aspect_keys
from .common import is_complaint
from .preprocess import build_corpus, corpus_languages
from .sentiment import sentence_polarity, with_complaint_shift
from .settings import text_settings


def _prf(tp: int, fp: int, fn: int) -> dict:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f}


def _token_aspect_sets(a, key: np.ndarray, n_docs: int) -> list[set]:
    """Per document: concept or stem of every token that is part of an aspect."""
    nc = a.concepts.size
    concept = a.tok_concept  # (derived on each read: read once)
    tokkey = np.where(concept >= 0, concept, nc + a.tok_stem)
    sel = key >= 0
    out = [set() for _ in range(n_docs)]
    for d, k in zip(a.corpus.tok_doc[sel].tolist(), tokkey[sel].tolist()):
        out[d].add(k)
    return out


def polarity_accuracy(texts, labels, params: dict | None = None, *, language: str | None = None,
                      model=None) -> dict:
    """Accuracy of :func:`~seller_lab.text.sentence_polarity` on labelled lines (pos/neg).

    Each line gets the polarity of its strongest sentence; a line called neutral counts as wrong
    (the labels are binary, so this is the strict reading). ``labels``: 1/0, 'pos'/'neg' or
    True/False; ``model``: a :class:`~seller_lab.text.sentiment.RatingModel` fitted on other,
    rated reviews (``None``: the lexicon alone). Returns ``{"n", "accuracy", "neutral_share"}``.

    >>> polarity_accuracy(["Works great!", "It broke after a week.", "Arrived Monday."], [1, 0, 1])["accuracy"]
    0.6666666666666666
    """
    params = resolve_params(params)
    s = pd.Series(list(texts), dtype="str").reset_index(drop=True)
    y = pd.Series(list(labels)).map(lambda v: 1 if v in (1, "1", "pos", True) else 0).to_numpy()
    df = sentence_polarity(s, language=language, params=params, model=model)
    best = df.assign(a=df["score"].abs()).sort_values("a", ascending=False).drop_duplicates("doc").set_index("doc")
    score = best["score"].reindex(range(len(s))).fillna(0.0).to_numpy()
    band = text_settings(params).neutral_band
    pred = np.where(score > band, 1, np.where(score < -band, 0, -1))
    return {"n": int(len(s)), "accuracy": float((pred == y).mean()) if len(s) else 0.0,
            "neutral_share": float((pred == -1).mean()) if len(s) else 0.0}


def theme_purity(themes, problems, *, none: str = "other") -> dict:
    """Purity and coverage of themes against hand-labelled problems.

    ``themes``: theme per statement ('' or None = in no reported theme); ``problems``: the labelled
    problem per statement (``none`` = names no recurring problem). *Purity* is the share of the
    themed statements whose problem is their theme's most common problem (a ``none`` statement
    never counts as sharing it); *coverage* is the share of statements with a problem that land in
    a theme; *split* is the mean number of themes a problem's themed statements spread over
    (1.0 = one theme per problem).

    >>> r = theme_purity(["rust", "rust", "plates", "plates", ""], ["rust", "rust", "plate", "rust", "plate"])
    >>> r["purity"], r["coverage"], r["themes"]
    (0.75, 0.8, 2)
    """
    df = pd.DataFrame({"theme": pd.Series(list(themes), dtype=object).fillna("").astype(str),
                       "problem": pd.Series(list(problems), dtype=object).fillna(none).astype(str)})
    themed = df[df["theme"] != ""]
    real = themed[themed["problem"] != none]
    majority = real.groupby("theme")["problem"].agg(lambda s: s.value_counts().index[0])
    hit = themed["problem"].to_numpy() == themed["theme"].map(majority).fillna("\0").to_numpy()
    with_problem = df["problem"] != none
    spread = real.groupby("problem")["theme"].nunique()
    return {"purity": float(hit.mean()) if len(themed) else 0.0,
            "coverage": float((with_problem & (df["theme"] != "")).sum() / max(int(with_problem.sum()), 1)),
            "themes": int(themed["theme"].nunique()), "statements": int(len(df)),
            "split": float(spread.mean()) if len(spread) else 0.0}


def evaluate(dev: pd.DataFrame, params: dict | None = None, *, aspect_min_df: int = 2) -> dict:
    """Score polarity, complaint detection, aspect extraction and language detection on ``dev``.

    Returns ``{"overall": {...}, "by_lang": {lang: {...}}, "n": int}`` with keys
    ``polarity_accuracy, complaint_precision/recall/f1, aspect_precision/recall/f1,
    language_accuracy``.
    """
    params = resolve_params(params)
    dev = dev.reset_index(drop=True)
    n = len(dev)
    texts = dev["text"].astype(str)
    gold_terms = dev["aspects"].fillna("").astype(str).str.split(";").map(lambda xs: [x.strip() for x in xs if x.strip()])
    term_rows = [(i, t) for i, ts in enumerate(gold_terms) for t in ts]
    all_texts = pd.concat([texts, pd.Series([t for _, t in term_rows], dtype="str")], ignore_index=True)
    rating = pd.to_numeric(dev["rating"], errors="coerce").to_numpy(float)
    # sentences: detected language; gold terms: the line's language
    detected = corpus_languages(build_corpus(texts), default="en")
    langs = np.concatenate([detected, dev["lang"].to_numpy(object)[[i for i, _ in term_rows]]]).astype(object)
    a = analyse(all_texts, params, ratings=np.concatenate([rating, np.full(len(term_rows), np.nan)]), language=langs)
    # polarity per line: the sentence with the strongest score decides
    s = a.sentences
    s = s[s["doc"] < n]
    sent_text = a.corpus.sentence_text(np.flatnonzero(a.corpus.sent_doc < n))
    s = with_complaint_shift(s, sent_text, a.doc_rating, params, languages=a.doc_lang[s["doc"].to_numpy()])
    idx = s.assign(abs=s["score"].abs()).sort_values("abs", ascending=False).drop_duplicates("doc")
    score = np.zeros(n)
    score[idx["doc"].to_numpy()] = idx["score"].to_numpy()
    band = text_settings(params).neutral_band
    pred_pol = np.where(score > band, "pos", np.where(score < -band, "neg", "neu"))
    pred_cmp = is_complaint(texts, pd.Series(pred_pol), detected).to_numpy()
    # aspects
    key, _ = aspect_keys(a, aspect_min_df)
    pred_sets = _token_aspect_sets(a, key, len(all_texts))[:n]
    nc = a.concepts.size
    concept = a.tok_concept  # (derived on each read: read once)
    tokkey = np.where(concept >= 0, concept, nc + a.tok_stem)
    gold_sets = [set() for _ in range(n)]
    tok_doc = a.corpus.tok_doc  # (derived on each read: read once)
    sel = (tok_doc >= n) & a.tok_content
    for d, k in zip(tok_doc[sel].tolist(), tokkey[sel].tolist()):
        gold_sets[term_rows[d - n][0]].add(k)
    gold_pol = dev["polarity"].astype(str).to_numpy()
    gold_cmp = dev["complaint"].astype(int).to_numpy().astype(bool)

    def scores(mask: np.ndarray) -> dict:
        tp = sum(len(pred_sets[i] & gold_sets[i]) for i in np.flatnonzero(mask))
        fp = sum(len(pred_sets[i] - gold_sets[i]) for i in np.flatnonzero(mask))
        fn = sum(len(gold_sets[i] - pred_sets[i]) for i in np.flatnonzero(mask))
        asp = _prf(tp, fp, fn)
        c = _prf(int((pred_cmp & gold_cmp & mask).sum()), int((pred_cmp & ~gold_cmp & mask).sum()),
                 int((~pred_cmp & gold_cmp & mask).sum()))
        return {"n": int(mask.sum()),
                "polarity_accuracy": float((pred_pol[mask] == gold_pol[mask]).mean()) if mask.any() else 0.0,
                "complaint_precision": c["precision"], "complaint_recall": c["recall"], "complaint_f1": c["f1"],
                "aspect_precision": asp["precision"], "aspect_recall": asp["recall"], "aspect_f1": asp["f1"],
                "language_accuracy": float((detected[mask] == dev["lang"].to_numpy()[mask]).mean()) if mask.any() else 0.0}

    overall = scores(np.ones(n, bool))
    by_lang = {lang: scores(dev["lang"].to_numpy() == lang) for lang in sorted(dev["lang"].unique())}
    by_source = {src: scores(dev["source"].to_numpy() == src) for src in sorted(dev["source"].unique())}
    errors = dev.assign(pred_polarity=pred_pol, pred_complaint=pred_cmp.astype(int),
                        pred_aspects=[sorted(str(k) for k in p_) for p_ in pred_sets])
    return {"n": n, "overall": overall, "by_lang": by_lang, "by_source": by_source, "predictions": errors}
