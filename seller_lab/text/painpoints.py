"""Pain points (R1.1): complaint and wish statements in posts (Reddit, TikTok, forums) and
negative review sentences, grouped into themes, ranked by frequency x engagement x recency,
with quotes and links; a theme is *confirmed* when at least ``pain_points.confirm_min_sources``
kinds of source (reddit, tiktok, forum, review, qa) mention it.

Examples
--------
>>> import pandas as pd
>>> posts = pd.DataFrame({"doc_id": ["p1", "p2", "p3", "p4"], "source": "reddit",
...     "text": ["I wish my dish rack held large plates.", "Big plates don't fit in any rack I tried.",
...              "The rack rusted after a few weeks.", "Rust everywhere after two weeks, annoying."],
...     "score": [50, 10, 5, 3], "ds": pd.Timestamp("2026-10-01", tz="UTC"), "url": ""})
>>> detect_complaints(posts["text"]).tolist()
[True, True, True, True]
>>> pp = pain_points(posts, min_theme_size=2)
>>> len(pp), pp["statements"].tolist()
(2, [2, 2])
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from ._core import analyse, pick_quotes, resolve_params
from .aspects import review_documents
from .common import detect_complaints, is_complaint
from .preprocess import drop_duplicate_documents
from .settings import PainPointSettings, text_settings
from .themes import feature_surface, find_themes, token_features


def _column(frame: pd.DataFrame, name: str, missing) -> pd.Series:
    """``frame[name]`` as numbers, or ``missing`` on every row when the column is absent."""
    if name not in frame.columns:
        return pd.Series(missing, index=frame.index, dtype=float)
    return pd.to_numeric(frame[name], errors="coerce")


def _documents(posts, reviews, questions, pp: PainPointSettings):
    """One row per document; exact duplicate posts and reviews (the same writer, the same text)
    count once, so a post scraped twice is not two mentions."""
    frames = []
    if posts is not None and len(posts):
        posts, _ = drop_duplicate_documents(posts)
        f = pd.DataFrame({"doc_id": posts.get("doc_id", pd.Series(range(len(posts)))).astype(str).to_numpy(),
                          "source": posts.get("source", pd.Series("post", index=posts.index)).fillna("post").astype(str).to_numpy(),
                          "text": posts["text"].fillna("").astype(str).to_numpy(),
                          "engagement": _column(posts, "score", 0.0),
                          "ds": pd.to_datetime(posts.get("ds"), utc=True, errors="coerce"),
                          "url": posts.get("url", pd.Series("", index=posts.index)).fillna("").astype(str).to_numpy(),
                          "role": "statement"})
        frames.append(f)
    if reviews is not None and len(reviews):
        reviews, _ = drop_duplicate_documents(reviews)
        r = reviews[pd.to_numeric(reviews["rating"], errors="coerce") <= pp.negative_review_max_stars]
        if len(r):
            frames.append(pd.DataFrame({
                "doc_id": r.get("doc_id", pd.Series(range(len(r)), index=r.index)).astype(str).to_numpy(),
                "source": "review", "text": review_documents(r).to_numpy(),
                "engagement": _column(r, "helpful_vote", 0.0),
                "ds": pd.to_datetime(r.get("ds"), utc=True, errors="coerce"),
                "url": r.get("url", pd.Series("", index=r.index)).fillna("").astype(str).to_numpy(),
                "role": "statement"}))
    if questions is not None and len(questions):
        frames.append(pd.DataFrame({
            "doc_id": questions.get("doc_id", pd.Series(range(len(questions)), index=questions.index)).astype(str).to_numpy(),
            "source": "qa", "text": questions["text"].fillna("").astype(str).to_numpy(), "engagement": 0.0,
            "ds": pd.to_datetime(questions.get("ds"), utc=True, errors="coerce"),
            "url": questions.get("url", pd.Series("", index=questions.index)).fillna("").astype(str).to_numpy(),
            "role": "confirm"}))
    if not frames:
        return pd.DataFrame(columns=["doc_id", "source", "text", "engagement", "ds", "url", "role"])
    docs = pd.concat(frames, ignore_index=True)
    docs["engagement"] = pd.to_numeric(docs["engagement"], errors="coerce").fillna(0.0).clip(lower=0.0)
    docs["ds"] = pd.to_datetime(docs["ds"], utc=True, errors="coerce")
    return docs


__all__ = ["detect_complaints", "is_complaint", "pain_point_statements", "pain_points"]

_COLUMNS = ["rank", "theme", "terms", "statements", "documents", "sources", "source_kinds", "confirmed",
            "wish_share", "engagement", "recency", "score", "quotes", "quote_doc_ids", "quote_urls", "concept_zh"]
_WISH = re.compile(r"\bi wish\b|\bwish (?:it|they|there)\b|\bif only\b|\blooking for\b|\bcan'?t find\b|"
                   r"\bwould (?:be|have been) (?:nice|great|better)\b|\bich suche\b|\bsuche (?:ein|eine|einen|nach)\b|"
                   r"\bhätte (?:ich )?gerne?\b|\bwünsch\w* (?:mir|ich)\b|\bwäre (?:schön|toll|besser|gut|super|praktisch)\b|"
                   r"\bje cherche\b|\bj'aimerais\b|\bbusco\b|\bojalá\b|\bme gustaría\b|\bcerco\b|\bvorrei\b", re.I)


def _themed_statements(posts, reviews, questions, params: dict, min_size: int):
    """(documents, analysis, sentences, statement sentence ids, themes) or None when too few statements."""
    pp = PainPointSettings.from_params(params)
    docs = _documents(posts, reviews, questions, pp)
    if docs.empty:
        return None
    a = analyse(docs["text"], params)
    c = a.corpus
    sent = pd.DataFrame({"doc": c.sent_doc, "text": c.sentence_text(np.arange(c.n_sentences))})
    role = docs["role"].to_numpy()[sent["doc"].to_numpy()]
    pol = a.sentences["polarity"].astype(str).to_numpy()
    lang_of_sent = a.doc_lang[sent["doc"].to_numpy()]
    is_stmt = (role == "statement") & is_complaint(sent["text"], pol, lang_of_sent).to_numpy()
    stmt_idx = np.flatnonzero(is_stmt)
    if stmt_idx.size < min_size:
        return None
    row_of_sent = np.full(c.n_sentences, -1, np.int64)
    row_of_sent[stmt_idx] = np.arange(stmt_idx.size)
    product_words = (params.get("category", {}) or {}).get("keywords", []) or []
    th = find_themes(a, row_of_sent[c.tok_sent], stmt_idx.size, params,
                     distance_threshold=pp.theme_distance, random_state=pp.random_state,
                     product_words=product_words, sign=-1)
    if th.n_themes == 0:
        return None
    return docs, a, sent, stmt_idx, th


def pain_point_statements(posts: pd.DataFrame | None, params: dict | None = None, *,
                          reviews: pd.DataFrame | None = None, questions: pd.DataFrame | None = None,
                          min_theme_size: int | None = None) -> pd.DataFrame:
    """Every complaint/wish statement behind :func:`pain_points` with the theme it joined.

    Returns ``doc_id, source, sentence, theme`` (the theme's label, '' when the statement is in no
    reported theme), one row per statement sentence, in document order — to read all statements
    of a theme, or to check the themes against hand labels.
    """
    params = resolve_params(params)
    pp = PainPointSettings.from_params(params)
    min_size = pp.min_theme_size if min_theme_size is None else int(min_theme_size)
    found = _themed_statements(posts, reviews, questions, params, min_size)
    cols = ["doc_id", "source", "sentence", "theme"]
    if found is None:
        return pd.DataFrame(columns=cols)
    docs, a, sent, stmt_idx, th = found
    size = np.bincount(th.assign[th.assign >= 0], minlength=th.n_themes)
    label = np.array([lab if n >= min_size else "" for lab, n in zip(th.labels, size)] + [""], dtype=object)
    doc = sent["doc"].to_numpy()[stmt_idx]
    return pd.DataFrame({"doc_id": docs["doc_id"].to_numpy()[doc], "source": docs["source"].to_numpy()[doc],
                         "sentence": sent["text"].to_numpy()[stmt_idx],
                         "theme": label[np.where(th.assign >= 0, th.assign, th.n_themes)]})[cols]


def pain_points(posts: pd.DataFrame | None, params: dict | None = None, *, reviews: pd.DataFrame | None = None,
                questions: pd.DataFrame | None = None, top_n: int | None = None,
                min_theme_size: int | None = None) -> pd.DataFrame:
    """Ranked pain-point themes with quotes and links.

    Parameters
    ----------
    posts : canonical posts frame (``text``, ``source``, ``score``, ``ds``, ``url``, ``doc_id``)
    params : loaded params (``pain_points`` section); defaults when ``None``
    reviews : optional canonical reviews; sentences of 1-2 star reviews join the statements
    questions : optional canonical questions; only used to confirm themes (source kind 'qa')
    top_n, min_theme_size : override ``pain_points.top_n`` / ``pain_points.min_theme_size``

    Returns
    -------
    DataFrame ``rank, theme, terms, statements, documents, sources, source_kinds, confirmed,
    wish_share, engagement, recency, score, quotes, quote_doc_ids, quote_urls, concept_zh``
    (``concept_zh``: Chinese name of the lexicon concept the label says, '' none); ``score`` =
    sum over statements of (1 + log1p(engagement)) x 0.5^(age / half-life), age counted back
    from the newest statement (so a re-run on the same data gives the same ranking).
    """
    params = resolve_params(params)
    pp = PainPointSettings.from_params(params)
    top_n = pp.top_n if top_n is None else int(top_n)
    min_size = pp.min_theme_size if min_theme_size is None else int(min_theme_size)
    found = _themed_statements(posts, reviews, questions, params, min_size)
    if found is None:
        return pd.DataFrame(columns=_COLUMNS)
    docs, a, sent, stmt_idx, th = found
    c = a.corpus
    assign, terms, names = th.assign, th.terms, th.names
    st = pd.DataFrame({"sent": stmt_idx, "theme": assign})
    st = st[st["theme"] >= 0]
    st["doc"] = c.sent_doc[st["sent"].to_numpy()]
    st["source"] = docs["source"].to_numpy()[st["doc"].to_numpy()]
    st["engagement"] = docs["engagement"].to_numpy()[st["doc"].to_numpy()]
    ds = docs["ds"]
    newest = ds.max()
    age = ((newest - ds).dt.total_seconds() / 86400.0).fillna(0.0).to_numpy() if pd.notna(newest) else np.zeros(len(docs))
    half = pp.recency_half_life_days
    st["recency"] = 0.5 ** (age[st["doc"].to_numpy()] / half)
    st["weight"] = (1.0 + np.log1p(st["engagement"])) * st["recency"]
    st["wish"] = sent["text"].to_numpy()[st["sent"].to_numpy()]
    st["wish"] = st["wish"].str.contains(_WISH, regex=True)
    # confirmation by questions: a question mentioning the theme's top-2 features
    feat, _ = token_features(a)
    q_docs = np.flatnonzero(docs["role"].to_numpy() == "confirm")
    qa_hits = {}
    if q_docs.size:
        tok_doc = c.tok_doc  # (derived on each read: read once)
        qtok = np.isin(tok_doc, q_docs) & (feat >= 0)
        qpairs = pd.DataFrame({"doc": tok_doc[qtok], "f": feat[qtok]}).drop_duplicates()
        for t, tt in enumerate(terms):
            need = tt[:2]
            if not need:
                continue
            hit = qpairs[qpairs["f"].isin(need)].groupby("doc")["f"].nunique()
            qa_hits[t] = int((hit >= len(need)).sum())
    stmt_tok = np.isin(c.tok_sent, stmt_idx)
    surf = feature_surface(a, stmt_tok)
    g = st.groupby("theme")
    out = pd.DataFrame({
        "statements": g.size(), "documents": g["doc"].nunique(), "engagement": g["engagement"].sum(),
        "recency": g["recency"].mean(), "score": g["weight"].sum(), "wish_share": g["wish"].mean(),
        "sources": g["source"].agg(lambda s: sorted(set(s)))}).reset_index()
    out["sources"] = [sorted(set(s) | ({"qa"} if qa_hits.get(t, 0) > 0 else set()))
                      for t, s in zip(out["theme"], out["sources"])]
    out["source_kinds"] = out["sources"].map(len)
    out["confirmed"] = out["source_kinds"] >= pp.confirm_min_sources
    out["terms"] = [[surf.get(f, str(names[f])) for f in terms[t]] for t in out["theme"]]
    out["theme_label"] = [th.labels[t] for t in out["theme"]]
    out["concept_zh"] = [th.concept_zh[t] for t in out["theme"]]
    # a theme without a readable phrase ('Ugh', 'Zurückgeschickt') names no problem
    out = out[(out["statements"] >= min_size) & (out["theme_label"] != "")].sort_values(["score", "statements"], ascending=False).head(top_n)
    # quotes: strongest engagement, then most negative, one per document
    sel = st[st["theme"].isin(out["theme"])].sort_values("weight", ascending=False)
    q = pick_quotes(a, pd.DataFrame({"item": sel["theme"], "sent": sel["sent"]}),
                    per_item=pp.quotes_per_theme, max_chars=text_settings(params).quote_max_chars,
                    prefer="neg", doc_ids=docs["doc_id"].to_numpy()).set_index("item")
    url_of = dict(zip(docs["doc_id"], docs["url"]))
    out["quotes"] = [q["quotes"].get(t, []) for t in out["theme"]]
    out["quote_doc_ids"] = [q["quote_doc_ids"].get(t, []) for t in out["theme"]]
    out["quote_urls"] = [[url_of.get(d, "") for d in ids] for ids in out["quote_doc_ids"]]
    out["rank"] = np.arange(1, len(out) + 1)
    out = out.drop(columns="theme").rename(columns={"theme_label": "theme"})
    return out[_COLUMNS].reset_index(drop=True)
