"""Amazon Q&A (R1.1): recurring question themes on the top-N competitors, themes whose
answers are missing/uncertain/negative, and demand gaps — themes that the competitors'
listing titles and bullets do not answer ("asked 31 times; answered by 0 of 10 listings").

Questions are grouped by agglomerative clustering of concept/stem features (no number of themes
to choose). A listing *answers* a theme when one of its sentences (title, or one bullet) mentions
the theme's strongest centroid term, together with the second one when either is a size/amount
qualifier ('große Teller', 'Teller 30 cm'), as concepts shared across languages ("230v", "Volt",
"Stecker", "Steckdose" are all *power*).

Examples
--------
>>> import pandas as pd
>>> q = pd.DataFrame({"asin": "A1", "doc_id": [f"q{i}" for i in range(8)], "answer": "",
...     "text": ["Funktioniert das mit 230 V?", "Passt der Stecker in eine deutsche Steckdose?",
...              "Ist ein EU-Stecker dabei?", "Welche Voltzahl hat der Lüfter?",
...              "Ist es spülmaschinenfest?", "Kann man es in die Spülmaschine tun?",
...              "Ist das spülmaschinenfest?", "Spülmaschinenfest oder nicht?"]})
>>> listings = pd.DataFrame({"asin": ["A1", "A2"], "title": ["Abtropfgestell", "Geschirrständer"],
...     "bullets": ["Spülmaschinenfest | Edelstahl", "Rostfrei | einfach aufzubauen"]})
>>> gaps = demand_gaps(q, listings, min_theme_count=3)
>>> gaps[["theme_key", "questions", "listings_answering", "gap"]].values.tolist()
[['power compatible', 4, 0, True], ['dishwasher', 4, 1, False]]
"""

from __future__ import annotations

import re
from functools import lru_cache

import numpy as np
import pandas as pd

from . import lexicon as lx
from ._core import analyse, resolve_params
from .common import in_words
from .settings import QASettings
from .themes import feature_surface, find_themes, token_features


@lru_cache(maxsize=1)
def _uncertain_regex() -> re.Pattern:
    pats = [p for lang in lx.LANGUAGES for p in lx.UNCERTAIN_ANSWER_PATTERNS.get(lang, [])]
    return re.compile("|".join(f"(?:{p})" for p in pats), re.I)


def uncertain_answers(answers) -> pd.Series:
    """True where a question has no answer or an uncertain/negative one.

    >>> uncertain_answers(["", "Ja, 230 V", "Weiß ich nicht", "No, it does not."]).tolist()
    [True, False, True, True]
    """
    s = answers if isinstance(answers, pd.Series) else pd.Series(list(answers), dtype="str")
    s = s.fillna("").astype(str).str.replace("’", "'", regex=False)
    return (s.str.strip() == "") | s.str.contains(_uncertain_regex(), regex=True)


def top_competitors(listings: pd.DataFrame | None, questions: pd.DataFrame, n: int) -> list[str]:
    """ASINs of the top-n competitors: by estimated monthly sales, else review count, else Q&A volume."""
    if listings is not None and len(listings) and "asin" in listings:
        lst = listings.copy()
        for col in ("est_monthly_sales", "review_count"):
            if col in lst and pd.to_numeric(lst[col], errors="coerce").notna().any():
                lst = lst.assign(_k=pd.to_numeric(lst[col], errors="coerce")).sort_values("_k", ascending=False)
                break
        return lst["asin"].astype(str).drop_duplicates().head(n).tolist()
    return questions["asin"].astype(str).value_counts().head(n).index.tolist()


def _themes(questions: pd.DataFrame, listings: pd.DataFrame | None, params: dict, asins, min_count: int | None):
    qp = QASettings.from_params(params)
    min_count = qp.min_theme_count if min_count is None else int(min_count)
    n_top = qp.top_competitors
    if asins is None:
        asins = top_competitors(listings, questions, n_top)
    q = questions[questions["asin"].astype(str).isin(asins)] if "asin" in questions else questions
    q = q.reset_index(drop=True)
    lst = pd.DataFrame(columns=["asin", "title", "bullets"])
    if listings is not None and len(listings):
        lst = listings[listings["asin"].astype(str).isin(asins)].drop_duplicates("asin").reset_index(drop=True)
    texts = pd.concat([q["text"].fillna("").astype(str),
                       lst.get("title", pd.Series(dtype="str")).fillna("").astype(str).str.cat(
                           lst.get("bullets", pd.Series("", index=lst.index)).fillna("").astype(str), sep="\n")],
                      ignore_index=True)
    a = analyse(texts, params, sentiment=False)
    c = a.corpus
    nq = len(q)
    tok_doc = c.tok_doc  # (derived on each read: read once)
    tok_row = np.where(tok_doc < nq, tok_doc, -1)
    product_words = (params.get("category", {}) or {}).get("keywords", []) or []
    th = find_themes(a, tok_row, nq, params, distance_threshold=qp.theme_distance,
                     random_state=qp.random_state, question=True, product_words=product_words,
                     max_terms=qp.theme_terms)
    return q, lst, a, th, min_count, asins


_QUALIFIERS = frozenset({"large", "small", "dimensions", "thick", "thin", "weight", "height", "capacity"})


def _is_qualifier(name: str) -> bool:
    """A size/amount qualifier concept or a number with a unit ('30cm', '5kg')."""
    name = str(name)
    return name in _QUALIFIERS or (name[:1].isdigit() and any(ch.isalpha() for ch in name))


def _answered_by(a, nq: int, terms: list[list[int]]) -> list[list[int]]:
    """Listing indices (0-based among listings) that answer each theme."""
    c = a.corpus
    feat, names = token_features(a)
    # a colour name alone in a listing ('schwarz | weiß') answers 'gibt es das auch in Schwarz?'
    colour = [i for i, name in enumerate(a.concepts) if name == "colour"]
    tok_doc = c.tok_doc  # (derived on each read: read once)
    if colour:
        named = in_words(c.vocab, {w for ws in lx.COLOUR_NAMES.values() for w in ws})[c.tok_vid]
        feat = np.where(named & (tok_doc >= nq), colour[0], feat)
    sel = (tok_doc >= nq) & (feat >= 0)
    pairs = pd.DataFrame({"sent": c.tok_sent[sel], "doc": tok_doc[sel] - nq, "f": feat[sel]}).drop_duplicates()
    out = []
    for tt in terms:
        # the strongest term; with a size/amount qualifier ('große Teller', 'Teller 30 cm') both must appear
        need = tt[:1]
        if len(tt) > 1 and (_is_qualifier(names[tt[0]]) or _is_qualifier(names[tt[1]])):
            need = tt[:2]
        if not need:
            out.append([])
            continue
        hit = pairs[pairs["f"].isin(need)].groupby(["doc", "sent"])["f"].nunique()
        docs = sorted({int(d) for (d, _s), n in hit.items() if n >= len(need)})
        out.append(docs)
    return out


def question_themes(questions: pd.DataFrame, params: dict | None = None, *, listings: pd.DataFrame | None = None,
                    asins: list[str] | None = None, min_theme_count: int | None = None) -> pd.DataFrame:
    """Recurring question themes on the top-N competitors, with counts and answer quality.

    Parameters
    ----------
    questions : canonical questions frame (``asin``, ``text``, ``answer``, ``doc_id``)
    params : loaded params (``qa`` section); defaults when ``None``
    listings : canonical listings (used to pick the top-N competitors and to check gaps)
    asins : explicit competitor ASINs (overrides the top-N choice)
    min_theme_count : drop themes asked fewer times (default ``qa.min_theme_count``)

    Returns
    -------
    DataFrame ``theme, theme_key, terms, questions, asins, share_uncertain_answers,
    uncertain_answers (flag), example_questions, example_doc_ids, doc_ids, concept_zh`` sorted by
    questions (``doc_ids``: every question of the theme; ``concept_zh``: Chinese name of the lexicon
    concept or question intent the label says, '' none).
    """
    params = resolve_params(params)
    q, lst, a, th, min_count, asins = _themes(questions, listings, params, asins, min_theme_count)
    return _theme_table(q, lst, a, th, min_count, params, with_gaps=False)


def _theme_table(q, lst, a, th, min_count, params, with_gaps: bool) -> pd.DataFrame:
    qp = QASettings.from_params(params)
    nq = len(q)
    cols = ["theme", "theme_key", "terms", "questions", "asins", "share_uncertain_answers", "uncertain_answers",
            "example_questions", "example_doc_ids", "doc_ids", "concept_zh"]
    if with_gaps:
        cols += ["listings_checked", "listings_answering", "answering_asins", "gap", "finding"]
    if nq == 0 or th.n_themes == 0:
        return pd.DataFrame(columns=cols)
    assign, terms, names = th.assign, th.terms, th.names
    unc = uncertain_answers(q["answer"] if "answer" in q else pd.Series([""] * nq)).to_numpy()
    df = pd.DataFrame({"theme": assign, "unc": unc, "asin": q.get("asin", pd.Series([""] * nq)).astype(str),
                       "text": q["text"].astype(str), "doc_id": q.get("doc_id", pd.Series(range(nq))).astype(str)})
    df = df[df["theme"] >= 0]
    g = df.groupby("theme")
    out = pd.DataFrame({"questions": g.size(), "asins": g["asin"].nunique(),
                        "share_uncertain_answers": g["unc"].mean()}).reset_index()
    out = out[out["questions"] >= min_count]
    surf = feature_surface(a, a.corpus.tok_doc < nq)
    out["terms"] = [[surf.get(f, str(names[f])) for f in terms[t]] for t in out["theme"]]
    out["theme_key"] = [" ".join(str(names[f]) for f in terms[t][:2]) for t in out["theme"]]
    out["theme_label"] = [th.labels[t] for t in out["theme"]]
    out["concept_zh"] = [th.concept_zh[t] for t in out["theme"]]
    out = out[out["theme_label"] != ""]  # no question of the theme names it
    out["uncertain_answers"] = out["share_uncertain_answers"] >= qp.uncertain_answer_share
    ex = df.sort_values(["theme", "unc"], ascending=[True, False]).groupby("theme").head(3).groupby("theme")
    exq, exid = ex["text"].agg(list), ex["doc_id"].agg(list)
    out["example_questions"] = [exq.get(t, []) for t in out["theme"]]
    out["example_doc_ids"] = [exid.get(t, []) for t in out["theme"]]
    every = df.groupby("theme")["doc_id"].agg(list)
    out["doc_ids"] = [every.get(t, []) for t in out["theme"]]
    if with_gaps:
        answered = _answered_by(a, nq, terms)
        n_list = len(lst)
        lasins = lst["asin"].astype(str).to_numpy() if n_list else np.array([], dtype=object)
        out["listings_checked"] = n_list
        out["listings_answering"] = [len(answered[t]) for t in out["theme"]]
        out["answering_asins"] = [[lasins[i] for i in answered[t]] for t in out["theme"]]
        out["gap"] = (out["listings_answering"] <= qp.gap_max_listings) & (n_list > 0)
        out["finding"] = [f"asked {n} times; answered by {m} of {n_list} listings"
                          for n, m in zip(out["questions"], out["listings_answering"])]
    out = out.sort_values("questions", ascending=False).drop(columns="theme").rename(columns={"theme_label": "theme"})
    return out[cols].reset_index(drop=True)


def demand_gaps(questions: pd.DataFrame, listings: pd.DataFrame | None, params: dict | None = None, *,
                asins: list[str] | None = None, min_theme_count: int | None = None,
                only_gaps: bool = False) -> pd.DataFrame:
    """Question themes checked against competitor listing text (titles, bullets).

    Returns the :func:`question_themes` columns plus ``listings_checked, listings_answering,
    answering_asins, gap, finding`` ("asked 31 times; answered by 0 of 10 listings"); gaps first
    when ``only_gaps`` is False, only the gaps when True.
    """
    params = resolve_params(params)
    q, lst, a, th, min_count, asins = _themes(questions, listings, params, asins, min_theme_count)
    out = _theme_table(q, lst, a, th, min_count, params, with_gaps=True)
    if only_gaps:
        out = out[out["gap"]]
    return out.reset_index(drop=True)
