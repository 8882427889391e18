"""Review aspects and keywords (R1.2 reasons for negative reviews, R5.2 positive keywords,
R6.1 negative themes), vectorised over the whole review frame.

Aspects are noun-ish words and compounds: German nouns by their capital letter, English by
excluding stopwords, sentiment words, verbs/adjectives (:data:`lexicon.EN_NOT_ASPECT`), plus a
shipped multilingual list of product-attribute concepts ("Aufbau"/"Montage"/"assembly" ->
*assembly*). Variants merge over Snowball stems and concepts. Each aspect gets mentions,
share of reviews, average rating, share of negative/positive mentioning sentences and
representative quotes; also per competitor (``asin``) and per month.

Keywords separating 1-2 star from 4-5 star reviews use weighted log-odds with an informative
Dirichlet prior (Monroe, Colaresi & Quinn 2008) over document frequencies of content-word
unigrams and bigrams ("dünnes Material", "zu klein", "easy to assemble" -> "easi assembl").

Examples
--------
>>> import pandas as pd
>>> reviews = pd.DataFrame({"doc_id": list("abcdef"), "asin": ["A1"] * 6, "rating": [1, 2, 5, 5, 4, 1],
...     "text": ["Der Deckel ist zu dünn. Leider wackelig.", "Dünnes Material, wackelig.",
...              "Stabil und einfach aufzubauen.", "Einfach aufzubauen, sehr stabil!",
...              "Der Deckel passt gut.", "Rost nach zwei Wochen."]})
>>> out = review_aspects(reviews, min_df=1)
>>> out.loc[out["aspect"] == "Deckel", ["reviews", "avg_rating"]].values.tolist()
[[2.0, 2.5]]
>>> sorted(negative_reasons(reviews, min_count=1)["keyword"].head(2))
['dünn', 'wackelig']
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from . import lexicon as lx
from ._core import Analysed, analyse, pick_quotes, resolve_params, surface_labels, text_params

_GENERIC = frozenset("""product item items thing set rack racks chair chairs tiles tile toy toys organizer
    produkt artikel ding teil teile gestell stuhl spielzeug bestellung sterne stern""".split())
_NOT_ASPECT_CONCEPTS = frozenset(c for c in lx.CONCEPTS if c not in lx.ASPECT_CONCEPTS)
_DETERMINERS = frozenset("""the a an my our your his her its their this that these those some any no every
    each all both le la les un une des du mon ma mes el los las una mi mis il lo gli uno una""".split())


def review_documents(reviews: pd.DataFrame) -> pd.Series:
    """Title + text of each review (title first, as its own sentence)."""
    text = reviews["text"].fillna("").astype(str) if "text" in reviews else pd.Series("", index=reviews.index)
    if "title" in reviews:
        title = reviews["title"].fillna("").astype(str)
        joined = title.str.cat(text, sep="\n")
        return joined.where(title.str.len() > 0, text)
    return text


def _noun_ish(a: Analysed, extra_exclude=()) -> np.ndarray:
    """Per-token flag: the token can be (part of) an aspect."""
    c = a.corpus
    ntok = c.tok_vid.size
    vocab = c.vocab
    excl = set(lx.EN_NOT_ASPECT) | set(lx.DE_NOT_ASPECT) | set(_GENERIC) | {w.lower() for w in extra_exclude}
    for lang in lx.LANGUAGES:
        excl |= set(lx.NEGATORS.get(lang, ()))
        excl |= set(lx.BOOSTERS.get(lang, {}))
    excl |= set(lx.TOO_WORDS)
    bad_v = np.array([(w in excl) or w.isdigit() or len(w) < 3 or not w[0].isalpha() for w in vocab], bool)
    first = np.ones(ntok, bool)
    first[1:] = c.tok_sent[1:] != c.tok_sent[:-1]
    # German: a noun is written with a capital letter (ignoring sentence starts)
    de = a.tok_li == 1
    inner = de & ~first
    nv = vocab.size
    cap_n = np.bincount(c.tok_vid[inner], weights=c.tok_cap[inner], minlength=nv)
    all_n = np.bincount(c.tok_vid[inner], minlength=nv)
    first_cap = np.bincount(c.tok_vid[de & first], minlength=nv)
    de_noun_v = np.where(all_n > 0, cap_n >= 0.5 * np.maximum(all_n, 1), first_cap > 0)
    en_like_v = np.array([not (w.endswith("ly") or w.endswith("ed")) for w in vocab], bool)
    # English/Romance: nouns follow a determiner ("the lid", "my little drawer") in a good share of uses
    det = np.isin(vocab, list(_DETERMINERS))[c.tok_vid]
    prev = np.zeros(ntok, bool)
    prev[1:] = det[:-1] & (c.tok_sent[1:] == c.tok_sent[:-1])
    prev[2:] |= det[:-2] & (c.tok_sent[2:] == c.tok_sent[:-2])
    nde = ~de
    det_n = np.bincount(c.tok_vid[nde], weights=prev[nde], minlength=nv)
    tot_n = np.bincount(c.tok_vid[nde], minlength=nv)
    en_like_v &= det_n >= 0.25 * np.maximum(tot_n, 1)
    ok = np.where(de, de_noun_v[c.tok_vid], en_like_v[c.tok_vid])
    ok &= ~bad_v[c.tok_vid] & a.tok_content & ~a.tok_lex
    judg = np.isin(a.tok_concept, [i for i, n in enumerate(a.concepts) if n in _NOT_ASPECT_CONCEPTS])
    return ok & ~judg


def _aspect_keys(a: Analysed, min_df: int, extra_exclude=()) -> tuple[np.ndarray, dict[int, str]]:
    """Aspect key per token (-1 = none) and key -> kind ('concept'/'word'/'bigram')."""
    c = a.corpus
    ntok = c.tok_vid.size
    cand = _noun_ish(a, extra_exclude)
    aspect_concepts = np.array([n in lx.ASPECT_CONCEPTS for n in a.concepts], bool)
    is_concept = (a.tok_concept >= 0)
    is_concept[is_concept] = aspect_concepts[a.tok_concept[is_concept]]
    ns = a.stems.size
    nc = a.concepts.size
    # key space: [0, nc) concepts, [nc, nc+ns) stems, beyond: bigrams
    key = np.full(ntok, -1, np.int64)
    key[cand] = nc + a.tok_stem[cand]
    if min_df > 1 and cand.any():  # a discovered word must occur in >= min_df documents
        dpairs = np.unique(np.column_stack([c.tok_doc[cand], a.tok_stem[cand]]), axis=0)
        sdf = np.bincount(dpairs[:, 1], minlength=ns)
        key[cand & (sdf[a.tok_stem] < min_df)] = -1
    key[is_concept & a.tok_content] = a.tok_concept[is_concept & a.tok_content]
    kinds: dict[int, str] = {}
    # English/Romance compound nouns: two consecutive candidate words ("cup holder", "drain tray")
    if ntok > 1:
        same = c.tok_sent[1:] == c.tok_sent[:-1]
        pair = same & cand[:-1] & cand[1:] & (a.tok_li[1:] != 1) & ~is_concept[:-1] & ~is_concept[1:]
        if pair.any():
            pi = np.flatnonzero(pair)
            code = a.tok_stem[pi].astype(np.int64) * ns + a.tok_stem[pi + 1]
            dcode = np.unique(np.column_stack([c.tok_doc[pi], code]), axis=0)
            uc, df = np.unique(dcode[:, 1], return_counts=True)
            # a bigram must be frequent and make up a good part of its words' uses
            wdf = np.bincount(np.unique(np.column_stack([c.tok_doc, a.tok_stem]), axis=0)[:, 1], minlength=ns)
            keep = uc[(df >= min_df) & (df >= 0.3 * np.minimum(wdf[uc // ns], wdf[uc % ns]))]
            hit = np.isin(code, keep)
            bkey = nc + ns + np.searchsorted(keep, code[hit])
            key[pi[hit]] = bkey
            key[pi[hit] + 1] = bkey
            for k in np.unique(bkey):
                kinds[int(k)] = "bigram"
            kinds["_bigrams"] = keep  # type: ignore[index]
    return key, kinds


def _labels(a: Analysed, key: np.ndarray, kinds: dict) -> dict[int, str]:
    nc, ns = a.concepts.size, a.stems.size
    single = np.where((key >= 0) & (key < nc + ns), key, -1)
    labels = surface_labels(a, np.unique(single[single >= 0]), single)
    bigram_keep = kinds.get("_bigrams")
    if bigram_keep is not None and len(bigram_keep):
        c = a.corpus
        pos = np.flatnonzero(key[:-1] >= nc + ns)
        pos = pos[(key[pos] == key[pos + 1]) & (c.tok_sent[pos] == c.tok_sent[pos + 1])]
        v1, v2 = c.tok_vid[pos], c.tok_vid[pos + 1]
        df = pd.DataFrame({"k": key[pos], "w": c.vocab[v1] + " " + c.vocab[v2]})
        top = df.groupby(["k", "w"]).size().reset_index(name="n").sort_values(["k", "n"], ascending=[True, False])
        for k, w in top.drop_duplicates("k")[["k", "w"]].itertuples(index=False):
            labels[int(k)] = w
    return labels


def _aspect_table(a: Analysed, key: np.ndarray, p: dict, *, min_df: int, top_n: int | None, doc_ids,
                  group: np.ndarray | None = None) -> pd.DataFrame:
    c = a.corpus
    sel = key >= 0
    n_docs = max(c.n_docs, 1)
    sk = np.unique(np.column_stack([c.tok_sent[sel], key[sel]]), axis=0) if sel.any() else np.zeros((0, 2), np.int64)
    s_idx, k_idx = sk[:, 0], sk[:, 1]
    pol = a.sentences["polarity"].to_numpy() if "polarity" in a.sentences else np.full(c.n_sentences, "neu")
    frame = pd.DataFrame({"key": k_idx, "sent": s_idx, "doc": c.sent_doc[s_idx],
                          "neg": pol[s_idx] == "neg", "pos": pol[s_idx] == "pos"})
    frame["rating"] = a.doc_rating[frame["doc"].to_numpy()] if len(frame) else []
    gcols = ["key"]
    if group is not None:
        frame["group"] = np.asarray(group)[frame["doc"].to_numpy()] if len(frame) else []
        gcols = ["group", "key"]
    per_doc = frame.drop_duplicates(gcols + ["doc"])
    agg = per_doc.groupby(gcols).agg(reviews=("doc", "size"), avg_rating=("rating", "mean"))
    sagg = frame.groupby(gcols).agg(mentions=("sent", "size"), share_negative=("neg", "mean"),
                                    share_positive=("pos", "mean"))
    out = agg.join(sagg).reset_index()
    if group is not None:
        gsize = pd.Series(np.asarray(group)).value_counts()
        out["share_of_reviews"] = out["reviews"] / out["group"].map(gsize).to_numpy()
    else:
        out["share_of_reviews"] = out["reviews"] / n_docs
    total_df = per_doc.groupby("key")["doc"].nunique() if group is not None else out.set_index("key")["reviews"]
    keep_keys = total_df[(total_df >= min_df) & (total_df / n_docs >= float(p.get("aspect_min_share", 0.0)))
                         & (total_df / n_docs <= float(p.get("aspect_max_share", 0.6)))].index
    out = out[out["key"].isin(keep_keys)]
    out = out.sort_values(gcols[:-1] + ["reviews", "mentions"], ascending=[True] * (len(gcols) - 1) + [False, False])
    if top_n:
        out = out.groupby(gcols[:-1], sort=False).head(top_n) if group is not None else out.head(top_n)
    return out, frame


def review_aspects(reviews: pd.DataFrame, params: dict | None = None, *, top_n: int | None = None,
                   min_df: int | None = None, by: str | None = None, _analysed: Analysed | None = None) -> pd.DataFrame:
    """Ranked review aspects with counts, ratings, negativity and quotes.

    Parameters
    ----------
    reviews : canonical reviews frame (``text``, ``rating``; ``title``, ``asin``, ``ds``, ``doc_id`` used when present)
    params : loaded params (``text`` section); defaults when ``None``
    top_n : keep the top N aspects (default ``text.aspect_top_n``; per group when ``by``)
    min_df : minimum number of reviews mentioning an aspect (default ``text.aspect_min_df``)
    by : ``None``, ``"asin"`` (per competitor) or ``"month"`` (per ``ds`` month)

    Returns
    -------
    DataFrame: ``[group,] aspect, kind, reviews, share_of_reviews, mentions, avg_rating,
    share_negative, share_positive, quotes, quote_doc_ids`` sorted by reviews.
    """
    params = resolve_params(params)
    p = text_params(params)
    min_df = int(p.get("aspect_min_df", 3) if min_df is None else min_df)
    top_n = int(p.get("aspect_top_n", 30) if top_n is None else top_n)
    a = _analysed or analyse(review_documents(reviews), params, ratings=reviews.get("rating"))
    key, kinds = _aspect_keys(a, min_df, (params.get("category", {}) or {}).get("keywords", []))
    doc_ids = reviews["doc_id"].astype(str).to_numpy() if "doc_id" in reviews else None
    group = _group_values(reviews, by)
    out, frame = _aspect_table(a, key, p, min_df=min_df, top_n=top_n, doc_ids=doc_ids, group=group)
    labels = _labels(a, key, kinds)
    nc, ns = a.concepts.size, a.stems.size
    out.insert(0 if by is None else 1, "aspect", [labels.get(int(k), str(k)) for k in out["key"]])
    out.insert(2 if by is not None else 1, "kind",
               np.where(out["key"] < nc, "concept", np.where(out["key"] < nc + ns, "word", "bigram")))
    out["concept"] = [a.concepts[k] if k < nc else "" for k in out["key"]]
    items = frame[frame["key"].isin(out["key"])]
    if by is not None:
        items = items.assign(item=items["group"].astype(str) + "\x1f" + items["key"].astype(str))
        out_item = out["group"].astype(str) + "\x1f" + out["key"].astype(str)
    else:
        items = items.assign(item=items["key"])
        out_item = out["key"]
    q = pick_quotes(a, items[["item", "sent"]], per_item=int(p.get("quotes_per_item", 3)),
                    max_chars=int(p.get("quote_max_chars", 220)), doc_ids=doc_ids)
    qmap = q.set_index("item")
    out["quotes"] = [qmap["quotes"].get(i, []) for i in out_item]
    out["quote_doc_ids"] = [qmap["quote_doc_ids"].get(i, []) for i in out_item]
    cols = ([] if by is None else ["group"]) + ["aspect", "kind", "concept", "reviews", "share_of_reviews",
                                                 "mentions", "avg_rating", "share_negative", "share_positive",
                                                 "quotes", "quote_doc_ids"]
    out = out[cols].reset_index(drop=True)
    if by is not None:
        out = out.rename(columns={"group": by})
    return out


def _group_values(reviews: pd.DataFrame, by: str | None):
    if by is None:
        return None
    if by == "month":
        ds = pd.to_datetime(reviews["ds"], utc=True, errors="coerce")
        return ds.dt.strftime("%Y-%m").fillna("unknown").to_numpy()
    return reviews[by].fillna("").astype(str).to_numpy()


# --- keywords: log-odds with informative Dirichlet prior -------------------------------------------
def _keyword_features(a: Analysed):
    """(doc, feature) pairs for content unigrams and bigrams; feature -> (stem tuple)."""
    c = a.corpus
    keepw = set(lx.TOO_WORDS).union(*lx.NEGATORS.values())
    keep_v = np.isin(c.vocab, list(keepw))
    content = a.tok_content | keep_v[c.tok_vid]
    idx = np.flatnonzero(content)
    ns = a.stems.size
    uni = a.tok_stem[idx].astype(np.int64)
    uni_ok = a.tok_content[idx]  # a unigram keyword must be a real content word
    same = np.zeros(idx.size, bool)
    if idx.size > 1:
        same[:-1] = c.tok_sent[idx[:-1]] == c.tok_sent[idx[1:]]
    bi_i = np.flatnonzero(same)
    # a bigram ends in a content word
    bi_i = bi_i[a.tok_content[idx[bi_i + 1]]]
    bi = ns + uni[bi_i] * ns + uni[bi_i + 1]
    docs = np.concatenate([c.tok_doc[idx][uni_ok], c.tok_doc[idx[bi_i]]])
    feats = np.concatenate([uni[uni_ok], bi])
    first_tok = np.concatenate([idx[uni_ok], idx[bi_i]])
    second_tok = np.concatenate([np.full(uni_ok.sum(), -1), idx[bi_i + 1]])
    return docs, feats, first_tok, second_tok


def _log_odds(y_neg: np.ndarray, y_pos: np.ndarray, prior_mass: float) -> np.ndarray:
    tot = y_neg + y_pos
    prior_mass = min(prior_mass, float(tot.sum()))  # the prior never outweighs the data
    alpha = prior_mass * tot / max(tot.sum(), 1)
    n_neg, n_pos = y_neg.sum(), y_pos.sum()
    a0 = alpha.sum()
    d = (np.log((y_neg + alpha) / np.maximum(n_neg + a0 - y_neg - alpha, 1e-9))
         - np.log((y_pos + alpha) / np.maximum(n_pos + a0 - y_pos - alpha, 1e-9)))
    var = 1.0 / (y_neg + alpha) + 1.0 / (y_pos + alpha)
    return d / np.sqrt(var)


def review_keywords(reviews: pd.DataFrame, params: dict | None = None, *, min_count: int | None = None,
                    top_n: int | None = None, _analysed: Analysed | None = None) -> pd.DataFrame:
    """Keywords that separate 1-2 star from 4-5 star reviews (both sides, one frame).

    Returns ``side ('negative'|'positive'), keyword, z, reviews_negative, reviews_positive,
    share_negative_reviews, share_positive_reviews, quotes, quote_doc_ids``; ``z`` is the
    log-odds z-score (positive = typical of negative reviews).
    """
    params = resolve_params(params)
    p = text_params(params)
    min_count = int(p.get("keyword_min_count", 3) if min_count is None else min_count)
    top_n = int(p.get("keyword_top_n", 20) if top_n is None else top_n)
    a = _analysed or analyse(review_documents(reviews), params, ratings=reviews.get("rating"))
    c = a.corpus
    rating = a.doc_rating
    neg_doc = rating <= float(p.get("negative_stars_max", 2))
    pos_doc = rating >= float(p.get("positive_stars_min", 4))
    docs, feats, t1, t2 = _keyword_features(a)
    pairs = pd.DataFrame({"doc": docs, "f": feats, "t1": t1, "t2": t2})
    dd = pairs.drop_duplicates(["doc", "f"])
    dd = dd[neg_doc[dd["doc"].to_numpy()] | pos_doc[dd["doc"].to_numpy()]]
    cnt = dd.assign(neg=neg_doc[dd["doc"].to_numpy()], pos=pos_doc[dd["doc"].to_numpy()]).groupby("f")[["neg", "pos"]].sum()
    cnt = cnt[(cnt["neg"] + cnt["pos"]) >= min_count]
    cols = ["side", "keyword", "z", "reviews_negative", "reviews_positive", "share_negative_reviews",
            "share_positive_reviews", "quotes", "quote_doc_ids"]
    if cnt.empty:
        return pd.DataFrame(columns=cols)
    z = _log_odds(cnt["neg"].to_numpy(float), cnt["pos"].to_numpy(float), float(p.get("keyword_prior_mass", 500.0)))
    cnt = cnt.assign(z=z)
    ns = a.stems.size
    doc_ids = reviews["doc_id"].astype(str).to_numpy() if "doc_id" in reviews else None
    out = []
    for side, sign, mask in (("negative", 1, neg_doc), ("positive", -1, pos_doc)):
        cand = cnt[cnt["z"] * sign > 0].copy()
        cand["zz"] = cand["z"] * sign
        cand = cand.sort_values("zz", ascending=False)
        chosen, seen_sets = [], []
        for f in cand.index.to_numpy()[: top_n * 4]:
            parts = {f} if f < ns else {(f - ns) // ns, (f - ns) % ns}
            if any(parts <= s or s <= parts for s in seen_sets):
                continue  # 'material' after 'dünnes material' adds nothing (and vice versa)
            seen_sets.append(parts)
            chosen.append(f)
            if len(chosen) >= top_n:
                break
        sel = cand.loc[chosen]
        occ = pairs[pairs["f"].isin(chosen) & mask[pairs["doc"].to_numpy()]]
        lab = occ.assign(w=np.where(occ["t2"] >= 0,
                                    c.vocab[c.tok_vid[occ["t1"].to_numpy()]] + " "
                                    + c.vocab[c.tok_vid[np.maximum(occ["t2"].to_numpy(), 0)]],
                                    c.vocab[c.tok_vid[occ["t1"].to_numpy()]]))
        labels = lab.groupby(["f", "w"]).size().reset_index(name="n").sort_values(["f", "n"], ascending=[True, False])
        labels = labels.drop_duplicates("f").set_index("f")["w"]
        q = pick_quotes(a, pd.DataFrame({"item": occ["f"].to_numpy(), "sent": c.tok_sent[occ["t1"].to_numpy()]}),
                        per_item=int(p.get("quotes_per_item", 3)), max_chars=int(p.get("quote_max_chars", 220)),
                        prefer="neg" if side == "negative" else "pos", doc_ids=doc_ids).set_index("item")
        n_neg, n_pos = max(int(neg_doc.sum()), 1), max(int(pos_doc.sum()), 1)
        out.append(pd.DataFrame({
            "side": side, "keyword": [labels.get(f, "") for f in sel.index],
            "z": sel["z"].to_numpy(), "reviews_negative": sel["neg"].astype(int).to_numpy(),
            "reviews_positive": sel["pos"].astype(int).to_numpy(),
            "share_negative_reviews": sel["neg"].to_numpy() / n_neg,
            "share_positive_reviews": sel["pos"].to_numpy() / n_pos,
            "quotes": [q["quotes"].get(f, []) for f in sel.index],
            "quote_doc_ids": [q["quote_doc_ids"].get(f, []) for f in sel.index]}))
    return pd.concat(out, ignore_index=True)[cols]


def negative_reasons(reviews: pd.DataFrame, params: dict | None = None, **kw) -> pd.DataFrame:
    """Reasons for negative reviews: keywords typical of 1-2 star vs 4-5 star reviews (R1.2, R6.1).

    See :func:`review_keywords`; returns its ``negative`` side ranked by z (strongest first).
    """
    k = review_keywords(reviews, params, **kw)
    return k[k["side"] == "negative"].drop(columns="side").reset_index(drop=True)


def positive_keywords(reviews: pd.DataFrame, params: dict | None = None, **kw) -> pd.DataFrame:
    """Keywords typical of 4-5 star reviews: selling points to keep and strengthen (R5.2).

    >>> import pandas as pd
    >>> r = pd.DataFrame({"rating": [5, 5, 1, 4], "text": ["Easy to assemble and sturdy.",
    ...     "Sturdy, easy to assemble!", "Rusty after a week.", "Very sturdy rack."]})
    >>> positive_keywords(r, min_count=1)["keyword"].iloc[0]
    'sturdy'
    """
    k = review_keywords(reviews, params, **kw)
    out = k[k["side"] == "positive"].drop(columns="side").reset_index(drop=True)
    out["z"] = -out["z"]
    return out


@dataclass
class ReviewMining:
    """Everything mined from one review frame with a single tokenisation."""

    aspects: pd.DataFrame
    keywords: pd.DataFrame
    aspects_by_asin: pd.DataFrame
    aspects_by_month: pd.DataFrame
    n_reviews: int
    languages: pd.Series


def mine_reviews(reviews: pd.DataFrame, params: dict | None = None) -> ReviewMining:
    """Full review mining of one category (aspects, keywords, per competitor and per month).

    >>> import pandas as pd
    >>> m = mine_reviews(pd.DataFrame({"rating": [1, 5, 5], "asin": ["A", "B", "B"],
    ...     "ds": pd.to_datetime(["2026-01-02", "2026-02-03", "2026-02-05"], utc=True),
    ...     "text": ["The lid broke.", "Sturdy rack, easy to assemble.", "Love the colour."]}), None)
    >>> "lid" in m.aspects["aspect"].tolist(), m.n_reviews
    (True, 3)
    """
    params = resolve_params(params)
    a = analyse(review_documents(reviews), params, ratings=reviews.get("rating"))
    min_df = min(int(text_params(params).get("aspect_min_df", 3)), max(1, len(reviews) // 3))
    aspects = review_aspects(reviews, params, _analysed=a, min_df=min_df)
    keywords = review_keywords(reviews, params, _analysed=a)
    by_asin = review_aspects(reviews, params, _analysed=a, by="asin", min_df=min_df) if "asin" in reviews else pd.DataFrame()
    by_month = review_aspects(reviews, params, _analysed=a, by="month", min_df=min_df) if "ds" in reviews else pd.DataFrame()
    return ReviewMining(aspects=aspects, keywords=keywords, aspects_by_asin=by_asin, aspects_by_month=by_month,
                        n_reviews=len(reviews), languages=pd.Series(a.doc_lang).value_counts())
