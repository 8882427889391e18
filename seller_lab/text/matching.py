"""Matching (R2.2, R5.2): preset selling points -> how often positive reviews confirm them;
return comments -> a reason taxonomy aligned with FBA customer-return reason codes.

Selling points may be written in another language than the reviews ("easy to install
without tools" vs "einfach aufzubauen"): both sides are mapped to the shared concepts of
:data:`seller_lab.text.lexicon.CONCEPTS` (plus Snowball stems for other words). A review
*confirms* a selling point when one of its non-negative sentences mentions at least
``text.selling_point_min_overlap`` of the selling point's key terms.

Examples
--------
>>> import pandas as pd
>>> r = pd.DataFrame({"rating": [5, 5, 4, 1], "doc_id": list("abcd"),
...     "text": ["Sehr einfach aufzubauen, ohne Werkzeug.", "Stabil und schön.",
...              "Große Teller passen problemlos hinein.", "Rostet nach zwei Wochen."]})
>>> m = match_selling_points(r, ["easy to install without tools", "holds large plates up to 30 cm"])
>>> m[["selling_point", "confirming_reviews", "positive_reviews"]].values.tolist()
[['easy to install without tools', 1, 3], ['holds large plates up to 30 cm', 1, 3]]
>>> classify_return_comments(pd.DataFrame({"customer_comments": ["leider zu klein", "Paket war beschädigt", ""],
...     "reason": ["TOO_SMALL", "DEFECTIVE", "UNWANTED_ITEM"]}))[["comment_reason", "agrees_with_code"]].values.tolist()
[['TOO_SMALL', True], ['DAMAGED_BY_CARRIER', False], ['', None]]
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from . import lexicon as lx
from ._core import analyse, pick_quotes, resolve_params
from .aspects import review_documents
from .common import distinct
from .preprocess import detect_language
from .settings import PainPointSettings, text_settings
from .themes import downside_sentences, find_themes, token_features

# FBA reason code -> the step responsible (R5.2), used by after-sales reports
REASON_STEP = {
    "TOO_SMALL": "listing size info / product size", "TOO_LARGE": "listing size info / product size",
    "DAMAGED_BY_CARRIER": "packaging / carrier", "DEFECTIVE": "supplier quality control",
    "QUALITY_UNACCEPTABLE": "supplier quality / material", "NOT_AS_DESCRIBED": "listing text and images",
    "MISSING_PARTS": "packing / supplier", "UNWANTED_ITEM": "customer decision",
    "ORDERED_WRONG_ITEM": "listing clarity (variants)", "FOUND_BETTER_PRICE": "pricing",
    "ARRIVED_LATE": "fulfilment / carrier",
}


def selling_point_languages(selling_points, params: dict | None = None) -> list[str]:
    """The language each preset selling point is read in: the one whose lexicon maps most of
    its words to concepts (ties: the category's language, then English).

    Stopword counting misreads a few words ("storage bin included" looks German because of
    'bin', "EU 230V drying fan" French), and a selling point is often written in English for
    a German category; the concept hits decide instead.

    >>> from seller_lab.text.common import default_params
    >>> de = {**default_params(), "category": {"language": "de"}}  # the defaults, a German category
    >>> selling_point_languages(["storage bin included", "einfach aufzubauen"], de)
    ['en', 'de']
    """
    params = resolve_params(params)
    sps = [str(x) for x in selling_points]
    if not sps:
        return []
    default_lang = (params.get("category", {}) or {}).get("language") or "en"
    order = [default_lang] + [x for x in ["en", *lx.LANGUAGES] if x != default_lang]
    order = list(dict.fromkeys(order))
    hits = np.zeros((len(order), len(sps)))
    for j, lang in enumerate(order):  # a handful of short texts per language
        a = analyse(sps, params, language=lang, sentiment=False)
        found = a.tok_concept >= 0
        hits[j] = np.bincount(a.corpus.tok_doc[found], minlength=len(sps))[:len(sps)]
    return [order[int(np.argmax(hits[:, i]))] for i in range(len(sps))]  # argmax: first best wins


def match_selling_points(reviews: pd.DataFrame, selling_points=None, params: dict | None = None) -> pd.DataFrame:
    """Share of positive reviews that confirm each preset selling point.

    Parameters
    ----------
    reviews : canonical reviews frame (``text``, ``rating``; ``title``, ``doc_id`` when present)
    selling_points : list of str; default ``params['category']['selling_points']``
    params : loaded params; defaults when ``None``

    Returns
    -------
    DataFrame ``selling_point, key_terms, positive_reviews, confirming_reviews, share_confirming,
    negative_reviews_mentioning, quotes, quote_doc_ids`` in the given order.
    """
    params = resolve_params(params)
    p = text_settings(params)
    if selling_points is None:
        selling_points = (params.get("category", {}) or {}).get("selling_points", []) or []
    sps = [str(s) for s in selling_points]
    cols = ["selling_point", "key_terms", "positive_reviews", "confirming_reviews", "share_confirming",
            "negative_reviews_mentioning", "quotes", "quote_doc_ids"]
    if not sps:
        return pd.DataFrame(columns=cols)
    review_docs = review_documents(reviews).reset_index(drop=True)
    docs = pd.concat([pd.Series(sps, dtype="str"), review_docs], ignore_index=True)
    rating = np.concatenate([np.full(len(sps), np.nan), pd.to_numeric(reviews["rating"], errors="coerce").to_numpy(float)])
    default_lang = (params.get("category", {}) or {}).get("language") or "en"
    review_lang = detect_language(review_docs, default=default_lang,
                                  min_hits=p.min_language_hits).tolist()
    a = analyse(docs, params, ratings=rating, language=selling_point_languages(sps, params) + review_lang)
    c = a.corpus
    feat, names = token_features(a)
    nsp = len(sps)
    pos_doc = rating >= p.positive_stars_min
    neg_doc = rating <= p.negative_stars_max
    sel = feat >= 0
    tok_doc = c.tok_doc  # (derived on each read: read once)
    pairs = pd.DataFrame({"doc": tok_doc[sel], "sent": c.tok_sent[sel], "f": feat[sel]}).drop_duplicates(["sent", "f"])
    sp_pairs = pairs[pairs["doc"] < nsp]
    rv = pairs[pairs["doc"] >= nsp]
    pol = a.sentences["polarity"].astype(str).to_numpy()
    min_overlap = p.selling_point_min_overlap
    surf = {}
    for f, v in zip(feat[tok_doc < nsp], c.tok_vid[tok_doc < nsp]):
        surf.setdefault(int(f), c.vocab[v])
    doc_ids = np.concatenate([np.array([f"sp{i}" for i in range(nsp)], dtype=object),
                              reviews["doc_id"].astype(str).to_numpy() if "doc_id" in reviews
                              else np.arange(len(reviews)).astype(str)])
    rows, items = [], []
    n_pos = int(pos_doc[nsp:].sum())
    for i, sp in enumerate(sps):
        keys = sorted(set(sp_pairs.loc[sp_pairs["doc"] == i, "f"]))
        need = max(1, int(np.ceil(min_overlap * len(keys)))) if keys else 1
        hit = rv[rv["f"].isin(keys)].groupby("sent")["f"].nunique()
        hit_sents = hit[hit >= need].index.to_numpy()
        ok_sents = hit_sents[pol[hit_sents] != "neg"] if hit_sents.size else hit_sents
        conf_docs = distinct(c.sent_doc[ok_sents]) if ok_sents.size else np.array([], int)
        conf_docs = conf_docs[pos_doc[conf_docs]]
        neg_sents = hit_sents[pol[hit_sents] == "neg"] if hit_sents.size else hit_sents
        neg_docs = distinct(c.sent_doc[neg_sents]) if neg_sents.size else np.array([], int)
        rows.append({"selling_point": sp, "key_terms": [surf.get(k, str(names[k])) for k in keys],
                     "positive_reviews": n_pos, "confirming_reviews": int(conf_docs.size),
                     "share_confirming": conf_docs.size / n_pos if n_pos else 0.0,
                     "negative_reviews_mentioning": int(neg_docs[neg_doc[neg_docs]].size)})
        good = ok_sents[pos_doc[c.sent_doc[ok_sents]]] if ok_sents.size else ok_sents
        items.append(pd.DataFrame({"item": i, "sent": good}))
    out = pd.DataFrame(rows)
    q = pick_quotes(a, pd.concat(items, ignore_index=True), per_item=p.quotes_per_item,
                    max_chars=p.quote_max_chars, prefer="pos", doc_ids=doc_ids).set_index("item")
    out["quotes"] = [q["quotes"].get(i, []) for i in range(nsp)]
    out["quote_doc_ids"] = [q["quote_doc_ids"].get(i, []) for i in range(nsp)]
    return out[cols]


def phrases_to_selling_points(phrases, selling_points, params: dict | None = None, *,
                               min_overlap: float | None = None) -> list[str]:
    """The preset selling point each phrase confirms ('' when none), across languages.

    A phrase confirms a selling point when at least ``text.selling_point_min_overlap`` of the
    phrase's concepts are concepts of the selling point ("einfach aufzubauen" -> *easy*, *assembly*
    -> "easy to install without tools"); without concepts, when they share a word stem. Ties go to
    the selling point with the larger overlap, then the first listed.

    >>> from seller_lab.text.common import default_params
    >>> de = {**default_params(), "category": {"language": "de"}}  # the defaults, a German category
    >>> phrases_to_selling_points(["einfach aufzubauen", "überraschend stabil"],
    ...     ["thick stainless steel", "easy to install without tools"], de)
    ['easy to install without tools', '']
    """
    params = resolve_params(params)
    phrases = [str(x) for x in phrases]
    sps = [str(x) for x in selling_points]
    if not phrases or not sps:
        return [""] * len(phrases)
    need = text_settings(params).selling_point_min_overlap if min_overlap is None else float(min_overlap)
    default_lang = (params.get("category", {}) or {}).get("language") or "en"
    langs = [default_lang] * len(phrases) + selling_point_languages(sps, params)
    a = analyse(phrases + sps, params, language=langs, sentiment=False)
    feat, _ = token_features(a)
    keys: list[set] = [set() for _ in range(len(phrases) + len(sps))]
    for d, f, k in zip(a.corpus.tok_doc.tolist(), feat.tolist(), a.tok_concept.tolist()):
        if f >= 0:
            keys[d].add(("c", k) if k >= 0 else ("s", f))
    out = []
    for i in range(len(phrases)):
        mine = {k for k in keys[i] if k[0] == "c"} or keys[i]
        best, best_n = "", 0
        for j, sp in enumerate(sps):
            n = len(mine & keys[len(phrases) + j])
            if mine and n / len(mine) >= need and n > best_n:
                best, best_n = sp, n
        out.append(best)
    return out


def review_themes(reviews: pd.DataFrame, params: dict | None = None, *, positive: bool = True,
                  top_n: int | None = None, min_reviews: int = 2) -> pd.DataFrame:
    """What positive (or negative) reviews say, as themes with readable phrase labels.

    The sentences of the 4-5 star reviews (``positive``; else of the 1-2 star reviews) that carry
    that polarity are grouped with :func:`~seller_lab.text.themes.find_themes` (concepts, stems,
    character n-grams; the category keywords are the product type). Each theme is named by a
    phrase from its sentences ("einfach aufzubauen", "steht sehr stabil"), never a lone word.

    Returns ``theme, terms, reviews, share_of_reviews, quotes, quote_doc_ids`` — ``reviews``:
    distinct reviews with a sentence in the theme, ``share_of_reviews``: of the positive (negative)
    reviews — most reviews first, themes of fewer than ``min_reviews`` reviews left out.

    >>> r = pd.DataFrame({"rating": [5, 5, 4, 5, 1], "text": ["Super stabil und einfach aufzubauen.",
    ...     "Einfach aufzubauen, sehr stabil.", "Stabil und sehr einfach aufzubauen.",
    ...     "Rutschfeste Füße, einfach aufzubauen.", "Rostet nach 2 Wochen."]})
    >>> from seller_lab.text.common import default_params
    >>> de = {**default_params(), "category": {"language": "de"}}  # the defaults, a German category
    >>> review_themes(r, de)[["theme", "reviews"]].values.tolist()
    [['einfach aufzubauen', 4]]
    """
    params = resolve_params(params)
    p = text_settings(params)
    cols = ["theme", "terms", "reviews", "share_of_reviews", "quotes", "quote_doc_ids"]
    top_n = p.keyword_top_n if top_n is None else int(top_n)
    rating = pd.to_numeric(reviews["rating"], errors="coerce") if "rating" in reviews else pd.Series(dtype=float)
    sel = rating >= p.positive_stars_min if positive else rating <= p.negative_stars_max
    r = reviews[sel.to_numpy()] if len(reviews) else reviews
    if len(r) < min_reviews:
        return pd.DataFrame(columns=cols)
    a = analyse(review_documents(r).reset_index(drop=True), params, ratings=rating[sel].to_numpy())
    c = a.corpus
    pol = a.sentences["polarity"].astype(str).to_numpy()
    rows = np.flatnonzero(pol == ("pos" if positive else "neg"))
    if positive:  # a downside in a happy review ('They work but are thin.') is no praise
        rows = rows[~downside_sentences(a, rows)]
    row_of_sent = np.full(c.n_sentences, -1, np.int64)
    row_of_sent[rows] = np.arange(rows.size)
    product_words = (params.get("category", {}) or {}).get("keywords", []) or []
    th = find_themes(a, row_of_sent[c.tok_sent], rows.size, params, product_words=product_words,
                     distance_threshold=PainPointSettings.from_params(params).theme_distance, sign=1 if positive else -1)
    if th.n_themes == 0:
        return pd.DataFrame(columns=cols)
    st = pd.DataFrame({"sent": rows, "theme": th.assign})
    st = st[st["theme"] >= 0]
    st["doc"] = c.sent_doc[st["sent"].to_numpy()]
    g = st.groupby("theme")
    out = pd.DataFrame({"reviews": g["doc"].nunique()}).reset_index()
    out["theme_label"] = [th.labels[t] for t in out["theme"]]
    out = out[(out["reviews"] >= min_reviews) & (out["theme_label"] != "")]
    out = out.sort_values(["reviews", "theme"], ascending=[False, True]).head(top_n)
    out["share_of_reviews"] = out["reviews"] / len(r)
    out["terms"] = [[str(th.names[f]) for f in th.terms[t]] for t in out["theme"]]
    doc_ids = r["doc_id"].astype(str).to_numpy() if "doc_id" in r else np.arange(len(r)).astype(str)
    q = pick_quotes(a, st[st["theme"].isin(out["theme"])].rename(columns={"theme": "item"})[["item", "sent"]],
                    per_item=p.quotes_per_item, max_chars=p.quote_max_chars,
                    prefer="pos" if positive else "neg", doc_ids=doc_ids).set_index("item")
    out["quotes"] = [q["quotes"].get(t, []) for t in out["theme"]]
    out["quote_doc_ids"] = [q["quote_doc_ids"].get(t, []) for t in out["theme"]]
    return out.drop(columns="theme").rename(columns={"theme_label": "theme"})[cols].reset_index(drop=True)


def classify_return_comments(returns: pd.DataFrame, params: dict | None = None, *,
                             column: str = "customer_comments") -> pd.DataFrame:
    """Map free-text return comments to FBA-aligned reason codes.

    Adds ``comment_reason`` (code or '' when nothing matched), ``comment_match`` (the phrase that
    matched), ``responsible_step`` and ``agrees_with_code`` (comment reason == exported ``reason``;
    ``None`` when either is missing) to a copy of ``returns``. Reasons are tried in the order of
    :data:`seller_lab.text.lexicon.RETURN_REASONS` (carrier damage and missing parts first).
    """
    out = returns.copy()
    text = out[column].fillna("").astype(str).str.lower().str.replace("’", "'", regex=False) if column in out \
        else pd.Series([""] * len(out), index=out.index)
    reason = pd.Series([""] * len(out), index=out.index, dtype="str")
    match = pd.Series([""] * len(out), index=out.index, dtype="str")
    for code, pats in lx.RETURN_REASONS.items():
        rx = re.compile("(" + "|".join(f"(?:{p})" for p in pats) + ")", re.I)
        found = text.str.extract(rx, expand=False).fillna("")
        new = (reason == "") & (found != "")
        reason = reason.mask(new, code)
        match = match.mask(new, found)
    out["comment_reason"] = reason
    out["comment_match"] = match
    out["responsible_step"] = reason.map(REASON_STEP).fillna("")
    if "reason" in out:
        given = out["reason"].fillna("").astype(str)
        agree = (given == reason).astype(object)
        agree[(given == "") | (reason == "")] = None
        out["agrees_with_code"] = agree
    else:
        out["agrees_with_code"] = None
    return out
