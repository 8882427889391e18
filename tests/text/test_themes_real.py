"""Themes against hand labels: the demo's pain-point statements (kitchen organizer) and questions,
real Amazon questions about filters (tests/data/qa_filters) and about other appliances
(tests/data/qa_appliances, held out), real laptop and restaurant complaint sentences
(tests/data/absa_laptops, tests/data/absa_restaurants; the latter held out). Purity = share of a theme's statements
that share its most common labelled problem; coverage = share of labelled problems in a theme."""

from __future__ import annotations

import copy
import html as _html
import re
from pathlib import Path

import pandas as pd
import pytest

from seller_lab import text
from seller_lab.report.sections import research as page
from seller_lab.research.pipeline import run_research
from seller_lab.text import lexicon as lx
from seller_lab.text._core import analyse
from seller_lab.text.common import default_params
from seller_lab.text.quality import theme_purity

DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.fixture(scope="module")
def ko_statements(demo_data):
    params, data = demo_data("kitchen-organizer-de")
    st = text.pain_point_statements(data.posts, params, reviews=data.reviews, questions=data.questions)
    labels = pd.read_csv(DATA / "demo_statements" / "kitchen_organizer_statements.tsv", sep="\t", dtype=str,
                         keep_default_na=False)
    joined = labels.merge(st.drop_duplicates(["doc_id", "sentence"]), on=["doc_id", "sentence"], how="left")
    return joined


@pytest.fixture(scope="module")
def filter_questions():
    q = pd.read_csv(DATA / "qa_filters" / "questions.tsv", sep="\t", dtype=str, keep_default_na=False)
    return q.rename(columns={"question": "text"}).assign(doc_id=[f"q{i}" for i in range(len(q))], answer="")


def test_demo_statements_are_found_and_themes_are_pure(ko_statements):
    assert ko_statements["theme"].notna().mean() >= 0.95  # the labelled statements are still produced
    r = theme_purity(ko_statements["theme"].fillna(""), ko_statements["problem"], none="none")
    # measured 0.934 / 0.978 (0.911 / 0.967 while 'Arbeitsplatte' and 'Platz' were one concept)
    assert r["purity"] >= 0.92 and r["coverage"] >= 0.95, r
    # 'wenig Platz neben der Spüle' (no room) is no puddle on the counter
    water = ko_statements.loc[ko_statements["problem"] == "water", "theme"].mode()[0]
    assert not (ko_statements.loc[ko_statements["problem"] == "space", "theme"] == water).any()


def test_demo_planted_problems_each_land_in_one_theme_across_languages(ko_statements):
    for problem in ("plates", "rust", "water", "thin"):
        rows = ko_statements[(ko_statements["problem"] == problem) & (ko_statements["theme"].fillna("") != "")]
        share = rows["theme"].value_counts(normalize=True)
        assert share.iloc[0] >= 0.85, (problem, share.head(3).to_dict())
    top = {p: ko_statements.loc[ko_statements["problem"] == p, "theme"].value_counts().index[0]
           for p in ("plates", "rust", "water", "thin")}
    assert len(set(top.values())) == 4, top  # four different themes
    english = ko_statements[ko_statements["sentence"].str.contains(r"\b(?:plates|rust\w*|drips)\b", regex=True)]
    german = ko_statements[ko_statements["sentence"].str.contains(r"\b(?:Teller|rostet|tropft)\b", regex=True)]
    assert len(english) >= 20 and len(german) >= 20
    for p in ("plates", "rust", "water"):  # English and German statements of one problem share its theme
        assert set(english.loc[english["problem"] == p, "theme"].mode()) == {top[p]}
        assert set(german.loc[german["problem"] == p, "theme"].mode()) == {top[p]}


_CONCEPT_WORDS = frozenset(w for by_lang in lx.CONCEPTS.values() for ws in by_lang.values() for w in ws)


def _readable(label: str, product_words=()) -> bool:
    """A phrase of 2+ words with 2+ words that are neither stopwords, judgements nor the product type
    (a lexicon concept word such as 'kleine' or 'große', or a word themes read as content such as
    'keys' or 'last', says something although stopword lists have it)."""
    words = label.rstrip("?").split()
    content = [w for w in words if w.lower() in _CONCEPT_WORDS | lx.THEME_CONTENT_WORDS
               or w.lower() not in lx.all_stopwords() | lx.EVALUATIVE | set(product_words)]
    return len(words) >= 2 and len(content) >= 2


def test_kitchen_top_three_pain_points_are_three_problems_with_readable_labels(demo_data):
    params, data = demo_data("kitchen-organizer-de")
    pp = text.pain_points(data.posts, params, reviews=data.reviews, questions=data.questions)
    top = pp.head(3)
    joined = " | ".join(top["theme"]).lower()
    assert ("teller" in joined or "plates" in joined) and ("rost" in joined or "rust" in joined)
    assert any(w in joined for w in ("wasser", "water", "tropf", "drip", "pfütze", "puddle", "arbeitsplatte", "counter"))
    assert top["theme"].nunique() == 3
    assert all(_readable(t, {"gestell", "abtropfgestell", "rack"}) for t in top["theme"]), list(top["theme"])
    assert all(" · " not in t for t in pp["theme"])  # phrases, not token bags


def test_pain_point_quotes_state_the_problem_of_their_theme(demo_data):
    params, data = demo_data("kitchen-organizer-de")
    pp = text.pain_points(data.posts, params, reviews=data.reviews, questions=data.questions)
    needles = {"teller": ("teller", "plate"), "rost": ("rost", "rust"), "pfütze": ("tropf", "pfütze", "wasser", "drip", "water")}
    for theme, quotes in zip(pp["theme"].head(3), pp["quotes"].head(3)):
        key = next(k for k in needles if k in theme.lower() or any(n in theme.lower() for n in needles[k]))
        assert quotes and all(any(n in q.lower() for n in needles[key]) for q in quotes), (theme, quotes)


def test_review_aspect_quotes_carry_the_aspect_polarity(demo_data):
    params, data = demo_data("kitchen-organizer-de")
    asp = text.review_aspects(data.reviews, params)
    praised = asp[asp["share_positive"] >= 0.8]
    assert len(praised) >= 3
    pol = text.sentence_polarity([q for qs in praised["quotes"] for q in qs], language="de", params=params)
    assert (pol["score"] >= 0).all(), pol[pol["score"] < 0][["sentence", "score"]]


@pytest.fixture(scope="module")
def filter_question_themes(filter_questions):
    return text.question_themes(filter_questions, default_params(), asins=sorted(filter_questions["asin"].unique()))


def test_real_question_themes_are_mostly_pure_with_question_labels(filter_questions, filter_question_themes):
    th = filter_question_themes
    where = {d: t for t, ids in zip(th["theme"], th["doc_ids"]) for d in ids}
    r = theme_purity([where.get(d, "") for d in filter_questions["doc_id"]], filter_questions["problem"])
    # measured 0.921 purity / 0.842 coverage (248 questions, 119 products). Before: 0.880 / 0.837 while
    # 'pipe size', 'what size tube?' asked for the product's size, 'Brand new' for its brand, 'the last time I
    # bought' how long it lasts, 'official H65-C' nothing and 'how do you remove the old filter' what it
    # filters out, and 'does it produce ozone? … as much as the FS8088?' sat with the fit questions; 'does this filter connect to this faucet?' (labelled install) now asks compatibility, as 'do they
    # connect to Magna-Tiles?' does; 0.845 / 0.712 before fit, 'work with', 'same as', 'when to change' and split model numbers
    # said what is asked; floors a little below
    assert r["purity"] >= 0.91 and r["coverage"] >= 0.82, r
    fit = th.iloc[0]
    members = filter_questions.set_index("doc_id").loc[fit["doc_ids"], "problem"]
    assert (members == "fit").mean() >= 0.9  # 'does this filter fit model X?' whatever X is
    # ... and one theme holds them: 'fits HM1845', 'works with Kenmore humidifiers', 'same as BWF100P',
    # 'compatible with HCM-710' used to be five themes
    fit_ids = filter_questions.loc[filter_questions["problem"] == "fit", "doc_id"]
    assert fit_ids.isin(fit["doc_ids"]).mean() >= 0.88
    assert th["theme"].str.endswith("?").mean() >= 0.8
    assert all(len(t.split()) >= 2 for t in th["theme"])


def test_every_lexicon_concept_and_question_intent_has_a_chinese_name():
    names = set(lx.CONCEPTS) | set(lx.QUESTION_INTENTS)
    assert names <= set(lx.CONCEPT_ZH), sorted(names - set(lx.CONCEPT_ZH))
    assert all(re.fullmatch(r"[\u4e00-\u9fff]{1,6}", zh) for zh in lx.CONCEPT_ZH.values()), lx.CONCEPT_ZH


def test_zh_research_pain_points_show_the_chinese_concept_name_after_the_customer_phrase(demo_data):
    params, data = demo_data("kitchen-organizer-de")
    r = run_research(data, params, "2026-11")
    top = r.pain_points.head(3)
    assert dict(zip(top["theme"], top["concept_zh"])) == {
        "große Teller passen nicht": "盘子", "rostet nach drei Wochen": "生锈", "Pfütze auf der Arbeitsplatte": "漏水积水"}
    zh, en = (_html.unescape(str(page.pain_points(r, lang))) for lang in ("zh", "en"))
    first_zh = _html.unescape(str(page.first_screen(r, "zh")))
    for p in top.itertuples(index=False):
        assert f"{p.theme} ({p.concept_zh})" in zh and f"{p.theme} ({p.concept_zh})" in first_zh
        assert p.theme in en and p.concept_zh not in en  # the English page shows the phrase alone


def _labelled_question_themes(folder: str):
    """(questions, their themes, purity figures) of a labelled real Q&A set (``asin``, ``problem``, ``question``)."""
    q = pd.read_csv(DATA / folder / "questions.tsv", sep="\t", dtype=str, keep_default_na=False)
    q = q.rename(columns={"question": "text"}).assign(doc_id=[f"q{i}" for i in range(len(q))], answer="")
    th = text.question_themes(q, default_params(), asins=sorted(q["asin"].unique()))
    where = {d: t for t, ids in zip(th["theme"], th["doc_ids"]) for d in ids}
    return q, th, theme_purity([where.get(d, "") for d in q["doc_id"]], q["problem"])


def test_real_appliance_questions_held_out_group_into_themes_most_of_which_share_their_question():
    _q, _th, r = _labelled_question_themes("qa_appliances")
    # held out (200 questions on 27 appliances, read for no rule): measured 0.745 purity / 0.596 coverage
    # (0.701 / 0.588 before the rules the filter questions led to; 0.712 / 0.618 while a question's later
    # '?' sentences counted as much as its first); below the filter questions' 0.92, since topic words shared by
    # unrelated questions ('hot', 'water valve', 'box') still make small themes
    assert r["purity"] >= 0.73 and r["coverage"] >= 0.58, r


def test_real_appliance_questions_of_the_development_set_group_by_what_they_ask_with_labels_as_asked():
    q, th, r = _labelled_question_themes("qa_appliances_dev")
    # 250 questions on 33 appliances: measured 0.699 purity / 0.563 coverage (0.688 / 0.572 while 'Are the drip pans
    # and trim rings two separate pieces?' keyed a theme on leaks); topic words shared by unrelated questions
    # ('water', 'power cord', 'wash') still make mixed themes, and the fit questions are split between the model
    # numbers and the fans a speed control works with
    assert r["purity"] >= 0.68 and r["coverage"] >= 0.55, r
    fit = th.iloc[0]
    members = q.set_index("doc_id").loc[fit["doc_ids"], "problem"]
    assert (members == "fit").mean() >= 0.8 and len(members) >= 40, fit
    # a label is a question as its customer wrote it: 'Thermador (OEM: Bosch)', 'below 16%', not '3 4 hp'
    asked = q["text"].str.lower().str.split().str.join(" ")
    questions = [t for t in th["theme"] if t.endswith("?")]
    assert len(questions) >= 0.8 * len(th)
    assert all(asked.str.contains(t.lower().rstrip(" ?"), regex=False).any() for t in questions), questions


def test_a_word_in_most_questions_is_their_subject_and_makes_no_theme(filter_questions, filter_question_themes):
    # 'filter' is in 60 % of the questions: a theme keyed on it mixed fit, install, lifetime and origin questions
    assert (filter_questions["text"].str.contains("filter", case=False)).mean() > 0.5
    assert not any(key.split()[0].startswith("filter") for key in filter_question_themes["theme_key"])


def _semeval_statements(folder: str, keywords: list[str]) -> pd.DataFrame:
    """A SemEval-2015 set's negative sentences (one aspect category each), each fed as a review post:
    the sentences with ``found`` (taken as a complaint statement) and the ``theme`` it joined."""
    d = pd.read_csv(DATA / folder / "negative_sentences.tsv", sep="\t", dtype=str, keep_default_na=False, quoting=3)
    params = copy.deepcopy(default_params())
    params["category"] = {**(params.get("category") or {}), "keywords": keywords}
    posts = pd.DataFrame({"doc_id": d["split"] + ":" + d["sentence_id"], "source": "review", "text": d["sentence"],
                          "score": 0, "ds": pd.Timestamp("2015-01-01", tz="UTC"), "url": ""})
    st = text.pain_point_statements(posts, params)
    theme = st.groupby("doc_id")["theme"].agg(lambda s: next((x for x in s if x), ""))
    return d.assign(doc_id=posts["doc_id"], found=posts["doc_id"].isin(st["doc_id"]),
                    theme=posts["doc_id"].map(theme).fillna(""))


@pytest.fixture(scope="module")
def laptop_statements():
    """SemEval-2015 laptop sentences (negative, one aspect category), each fed as a review post."""
    return _semeval_statements("absa_laptops", ["laptop", "notebook", "computer"])


def test_real_laptop_complaints_group_into_themes_of_one_problem_more_often_than_not(laptop_statements):
    d = laptop_statements
    assert d["found"].mean() >= 0.6  # most negative sentences are taken as complaint statements
    found = d[d["found"]]
    r = theme_purity(found["theme"], found["problem"], none="none")
    # measured 0.684 purity / 0.528 coverage of the 407 statements found (0.678 / 0.537 while 'hangs' and 'freezing'
    # meant a slow device: in home goods they mostly hang a rack or freeze food, and "Keeps freezing", "Firefox hangs"
    # left the slowness theme; 0.685 / 0.537 before 'low settings' and 'not
    # made for gaming', labelled none, joined the gaming theme; 0.676 / 0.531 before the 'missing' and 'screws'
    # concepts and negated 'stable'; 0.629 / 0.502 while 'money', 'issue',
    # 'a bit' and swear words keyed themes, 'mains' made 'the main issue' a power complaint, 'plugged in' and
    # 'pops up' meant power and falling out, and 'customer service' and 'tech support' keyed on 'customer' and
    # 'tech'; 0.61 / 0.47 before); the organisers' labels name the part (support, battery, display …), so
    # 'broke' across parts counts as impure
    assert r["purity"] >= 0.68 and r["coverage"] >= 0.52, r
    battery = found[found["problem"] == "battery"]["theme"]
    assert battery[battery != ""].value_counts(normalize=True).iloc[0] >= 0.7  # one battery theme


def test_a_brand_named_in_many_complaints_is_no_theme_and_no_label_word(laptop_statements):
    # 'HP' is in complaints about support, the company, a dead laptop: a theme keyed on it mixed them
    d = laptop_statements
    assert d["sentence"].str.contains(r"\bHP\b").sum() >= 10
    labels = {t for t in d["theme"] if t}
    assert not [t for t in labels if re.search(r"\b(?:HP|Hp|hp|Toshiba|Dell|Acer)\b", t)], sorted(labels)


@pytest.fixture(scope="module")
def restaurant_statements():
    """SemEval-2015 restaurant sentences (negative, one aspect category): a held-out set, read for no rule."""
    return _semeval_statements("absa_restaurants", ["restaurant", "place"])


def test_real_restaurant_complaints_held_out_group_into_mostly_pure_themes(restaurant_statements):
    d = restaurant_statements
    assert d["found"].mean() >= 0.55
    found = d[d["found"]]
    r = theme_purity(found["theme"], found["problem"], none="none")
    # measured 0.798 purity / 0.575 coverage of the 237 statements found (0.793 / 0.558 before a negator and its key
    # word could label a theme: 'no apology'; 0.800 / 0.552 before the 'missing' concept, 0.785 / 0.536 before the
    # rules the laptop and question sets led to)
    assert r["purity"] >= 0.79 and r["coverage"] >= 0.53, r


@pytest.mark.parametrize("which", ["demo", "questions", "laptops", "restaurants"])
def test_theme_labels_on_real_and_demo_sets_are_readable_phrases(which, ko_statements, filter_question_themes,
                                                                 laptop_statements, restaurant_statements):
    labels = {"demo": ko_statements["theme"], "questions": filter_question_themes["theme"],
              "laptops": laptop_statements["theme"], "restaurants": restaurant_statements["theme"]}[which]
    labels = sorted({t for t in labels.fillna("") if t})
    product = {"gestell", "abtropfgestell", "rack", "filter", "filters", "laptop", "notebook", "computer", "restaurant",
               "place"}
    assert len(labels) >= 5
    def readable(t, product):  # a theme no short question names gets a phrase of its questions
        return _readable_question(t, product) if t.endswith("?") else _readable(t, product)
    assert all(readable(t, product) for t in labels), [t for t in labels if not readable(t, product)]


def _readable_question(label: str, product_words=()) -> bool:
    """A whole question of 3+ words with a content word beyond the product type, not a fragment
    that starts on 'or'/'and'."""
    words = label.rstrip("?").lower().split()
    content = [w for w in words if w not in lx.all_stopwords() | lx.EVALUATIVE | set(product_words)]
    return label.endswith("?") and len(words) >= 3 and bool(content) and words[0] not in {"or", "and", "but"}


@pytest.mark.parametrize("slug", ["kitchen-organizer-de", "camping-chair-de", "kids-toy-us"])
def test_demo_question_themes_hold_one_planted_question_kind_each(slug, demo_data):
    params, data = demo_data(slug)
    kinds = pd.read_csv(DATA / "demo_statements" / "question_kinds.tsv", sep="\t", dtype=str, keep_default_na=False)
    kind_of = dict(zip(kinds.loc[kinds["category"] == slug, "question"].str.lower(),
                       kinds.loc[kinds["category"] == slug, "problem"]))
    q = data.questions.reset_index(drop=True)
    problem = q["text"].str.lower().map(kind_of)
    assert problem.notna().mean() >= 0.95  # the questions are the generator's
    th = text.question_themes(q, params, asins=sorted(q["asin"].astype(str).unique()))
    where = {d: t for t, ids in zip(th["theme"], th["doc_ids"]) for d in ids}
    r = theme_purity([where.get(str(d), "") for d in q["doc_id"]], problem.fillna("none"), none="none")
    # measured: kitchen 0.988 / 1.0, camping 1.0 / 0.947, kids 1.0 / 1.0 (kids 0.884 / 0.821 while 'tested to
    # ASTM F963' read as a model number and 'ok for a 3 year old?' asked nothing; camping coverage 0.904 while
    # 'für große Menschen zu niedrig?' found no height theme)
    assert r["purity"] >= 0.97 and r["coverage"] >= 0.93, r


def test_demo_question_themes_carry_the_chinese_name_of_what_they_ask(demo_data):
    params, data = demo_data("kitchen-organizer-de")
    th = text.question_themes(data.questions, params)
    zh = dict(zip(th["theme_key"].str.split().str[0], th["concept_zh"]))
    # 'kann man die Tropfschale in die Spülmaschine tun?' asks about the dishwasher, not about dripping water
    assert {"power": "电源电压", "plate": "盘子", "dishwasher": "洗碗机"}.items() <= zh.items(), zh


def test_complaint_themes_of_real_german_reviews_are_not_labelled_with_praise():
    # 400 real Amazon.de household reviews (tests/data/de_household_reviews): read by the sentence scorer, 4 of the 37
    # pain-point labels said praise ('ansonsten schöner Thermobecher', 'lange heiß hält', 'schöne Farbe löst sich
    # ruckzuck', 'schön schäbig') before labels took the sign of their theme; 'schön schäbig' ("schön" as an
    # intensifier) still does
    rv = pd.read_csv(DATA / "de_household_reviews" / "reviews.tsv", sep="\t", dtype=str, keep_default_na=False)
    labels = []
    for cat, g in rv.groupby("category"):
        params = copy.deepcopy(default_params())
        params["category"] = {**(params.get("category") or {}), "keywords": [cat.replace("_", " ")], "language": "de"}
        reviews = pd.DataFrame({"doc_id": [f"r{i}" for i in range(len(g))], "asin": g["asin"].to_numpy(),
                                "rating": g["stars"].astype(int).to_numpy(), "text": g["text"].to_numpy(), "title": "",
                                "ds": pd.Timestamp("2020-01-01", tz="UTC")})
        labels += list(text.pain_points(None, params, reviews=reviews, top_n=50, min_theme_size=2)["theme"])
    assert len(labels) >= 30
    polarity = analyse(labels, language="de").sentences["polarity"].astype(str)
    # the sentence scorer damps a word after 'weniger' (as VADER does 'less') instead of turning it: it reads the
    # complaint 'deutlich weniger hochwertig' as praise (turning it measured slightly worse on the labelled polarity
    # sets: UCI phone sentences 0.882 -> 0.881, the nine products 0.817 -> 0.815, these reviews 0.780 -> 0.777)
    praise = [lab for lab, p in zip(labels, polarity) if p == "pos" and not re.search(r"\bweniger\b", lab)]
    assert len(praise) <= 1, praise


def test_real_german_household_complaints_group_by_problem_leaks_and_warmth_each_one_theme():
    # the 200 1-2-star reviews of tests/data/de_household_reviews, statements labelled by problem by reading them
    # (tests/data/de_household_pain_points). Measured 0.773 purity / 0.716 coverage, 1.60 themes per problem;
    # 0.795 / 0.673 and 2.07 before 'läuft ... aus', 'ausläuft', 'rinnt' keyed the leak, 'hält nicht warm',
    # 'lauwarm', 'lange heiß hält' the insulation and 'löst sich ... ab' the peeling coating: leaks sat in four
    # themes ('Gebrauch schon undicht', 'Deckels Flüssigkeit', 'läuft die Flüssigkeit', 'Wärme nicht lange'),
    # warmth in two. Purity fell where lid statements ('Deckel klappert', 'mühsam den Deckel drauf zu schrauben')
    # now join 'Deckel kaputt' by their part instead of a theme of the word 'Flüssigkeit'
    rv = pd.read_csv(DATA / "de_household_reviews" / "reviews.tsv", sep="\t", dtype=str, keep_default_na=False)
    neg = rv[rv["stars"].astype(int) <= 2].reset_index(drop=True)
    posts = pd.DataFrame({"doc_id": [f"r{i}" for i in range(len(neg))], "source": "review", "text": neg["text"],
                          "score": 0, "ds": pd.Timestamp("2022-06-01", tz="UTC"), "url": ""})
    params = copy.deepcopy(default_params())
    params["category"] = {**(params.get("category") or {}), "language": "de",
                          "keywords": ["Thermobecher", "Becher", "Spülmaschinentabs", "Tabs", "Waschmittel"]}
    st = text.pain_point_statements(posts, params)
    gold = pd.read_csv(DATA / "de_household_pain_points" / "statements.tsv", sep="\t", dtype=str,
                       keep_default_na=False)
    st = st.merge(gold, on=["doc_id", "sentence"], how="left")
    assert st["problem"].notna().mean() >= 0.95, st[st["problem"].isna()]  # the labelled statements are found
    st = st[st["problem"].notna()]
    r = theme_purity(st["theme"], st["problem"])
    assert r["purity"] >= 0.76 and r["coverage"] >= 0.70 and r["split"] <= 1.7, r
    # (measured: 29 of the 37 themed leak statements in one theme, the others say warmth or the lid too; all 15
    # themed warmth ones)
    for problem, words in (("leak", ("undicht", "läuft", "dicht")), ("warm", ("warm", "heiß"))):
        themed = st[(st["problem"] == problem) & (st["theme"] != "")]
        top = themed["theme"].value_counts()
        assert top.iloc[0] >= 0.75 * len(themed) and any(w in top.index[0] for w in words), (problem, top)
    peeling = st[(st["problem"] == "coating") & st["sentence"].str.contains(r"\bab\b")]
    assert peeling["theme"].nunique() == 1 and "ab" in peeling["theme"].iloc[0].split(), peeling
