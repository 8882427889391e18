"""Sentence polarity on real labelled review sentences nobody here wrote.

Four labelled sets: 1,000 UCI Amazon phone-review sentences, the 2,067 opinion sentences of the
nine annotated products (``annotated_reviews/``, label = sign of the sentence's summed opinion
scores), the 1,699 opinion sentences of Hu & Liu's five KDD-2004 products (``hu_liu_2004/``, same
labels) and 1,802 SemEval-2015 laptop-review sentences whose opinions share one polarity
(``absa_laptops/``). The word lists and rules were developed on the nine products' sentences;
the other three sets were only measured. With star ratings as weak labels, the rating model is
always fitted on *other* reviews than the ones scored: real rated Amazon phone reviews
(``tests/data/amazon_phone_reviews/``), the other eight annotated products (leave one product
out), or the other annotation set's products.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from seller_lab.text import sentence_polarity
from seller_lab.text.aspects import review_aspects
from seller_lab.text.common import resolve_params
from seller_lab.text.quality import polarity_accuracy
from seller_lab.text.sentiment import nltk_vader, rating_model_from_texts

DATA = Path(__file__).resolve().parents[1] / "data"
SENTENCES_PER_REVIEW = 10  # two annotated files carry no review marks: cut into reviews of 10 sentences


@pytest.fixture(scope="module")
def amazon_sentences() -> pd.DataFrame:
    return pd.read_csv(DATA / "uci_sentences" / "amazon_cells_labelled.txt", sep="\t", header=None,
                       names=["text", "label"], quoting=3, dtype={"text": str, "label": int})


def read_annotated(folder: Path) -> pd.DataFrame:
    """One row per annotated sentence: product, review number, text, summed opinion score."""
    rows = []
    for path in sorted(folder.glob("*.txt")):
        lines = path.read_bytes().decode("latin-1").replace("\x1a", " ").splitlines()
        marked = sum(line.startswith("[t]") for line in lines) > 1
        review, in_review = -1, SENTENCES_PER_REVIEW
        for line in lines:
            if marked and line.startswith("[t]"):
                review, in_review = review + 1, 0
            elif "##" in line:
                if not marked and in_review >= SENTENCES_PER_REVIEW:
                    review, in_review = review + 1, 0
                tags, text = line.split("##", 1)
                rows.append({"product": path.stem, "review": max(review, 0), "text": text.strip(),
                             "score": sum(int(x) for x in re.findall(r"\[([+-]\d)\]", tags))})
                in_review += 1
    return pd.DataFrame(rows)


def review_stars(sentences: pd.DataFrame) -> pd.DataFrame:
    """The annotated reviews with 1-5 stars from the sum of their opinion scores."""
    reviews = sentences.groupby(["product", "review"]).agg(text=("text", " ".join), score=("score", "sum")).reset_index()
    reviews["stars"] = np.select([reviews["score"] >= 3, reviews["score"] > 0, reviews["score"] == 0,
                                  reviews["score"] > -3], [5, 4, 3, 2], 1)
    return reviews


@pytest.fixture(scope="module")
def hu_liu() -> pd.DataFrame:
    """The nine annotated products' sentences."""
    return read_annotated(DATA / "annotated_reviews")


@pytest.fixture(scope="module")
def hu_liu_2004() -> pd.DataFrame:
    """The five products of Hu & Liu (KDD 2004): lower-cased, tokenised text."""
    return read_annotated(DATA / "annotated_reviews" / "hu_liu_2004")


@pytest.fixture(scope="module")
def laptop_sentences() -> pd.DataFrame:
    return pd.read_csv(DATA / "absa_laptops" / "polarity_sentences.tsv", sep="\t", quoting=3)


@pytest.fixture(scope="module")
def phone_model():
    """The rating model of a seller whose category has 1,919 real rated Amazon phone reviews."""
    reviews = pd.read_csv(DATA / "amazon_phone_reviews" / "reviews.csv.gz").drop_duplicates("text")  # as mining does
    return rating_model_from_texts(reviews["text"], reviews["rating"], language="en")


def _opinion_sentences(hu_liu: pd.DataFrame) -> pd.DataFrame:
    return hu_liu[hu_liu["score"] != 0]


def test_polarity_of_real_amazon_review_sentences_reaches_080(amazon_sentences):
    r = polarity_accuracy(amazon_sentences["text"], amazon_sentences["label"], language="en")
    assert r["n"] == 1000
    assert r["accuracy"] >= 0.82, r  # measured 0.837 (neutral calls 8 %, counted as errors); 0.821 before the phrase and scope rules


def test_polarity_beats_vader_on_the_same_sentences(amazon_sentences):
    ours = polarity_accuracy(amazon_sentences["text"], amazon_sentences["label"], language="en")["accuracy"]
    sia = nltk_vader()
    v = np.array([sia.polarity_scores(t)["compound"] for t in amazon_sentences["text"]])
    vader = float((np.where(v >= 0.05, 1, np.where(v <= -0.05, 0, -1)) == amazon_sentences["label"]).mean())
    assert vader < 0.72 and ours >= vader + 0.1, (ours, vader)  # VADER measured 0.677


def test_star_ratings_of_other_phone_reviews_lift_uci_sentence_polarity(amazon_sentences, phone_model):
    lexicon = polarity_accuracy(amazon_sentences["text"], amazon_sentences["label"], language="en")
    weak = polarity_accuracy(amazon_sentences["text"], amazon_sentences["label"], language="en", model=phone_model)
    assert phone_model.n_reviews_["en"] == 1243  # 1-2 and 4-5 star reviews (3 stars and repeated texts left out)
    assert weak["accuracy"] >= 0.87, weak  # measured 0.882 (lexicon alone 0.837)
    assert weak["neutral_share"] < 0.3 * lexicon["neutral_share"], (weak, lexicon)  # measured 1.3 % vs 8.1 %


def test_most_sentences_the_lexicon_calls_neutral_get_their_polarity_from_the_ratings(amazon_sentences, phone_model):
    texts = amazon_sentences["text"].tolist()
    lex = sentence_polarity(texts, language="en")
    best = lex.assign(a=lex["score"].abs()).sort_values("a").drop_duplicates("doc", keep="last").set_index("doc")
    neutral = np.flatnonzero(best["score"].reindex(range(len(texts))).abs().to_numpy() <= 0.05)
    assert neutral.size >= 50
    sub = amazon_sentences.iloc[neutral]
    r = polarity_accuracy(sub["text"], sub["label"], language="en", model=phone_model)
    assert r["accuracy"] >= 0.55 and r["neutral_share"] <= 0.2, r  # measured 0.58 right, 0.16 still neutral (81)


def test_hu_liu_opinion_sentences_lexicon_alone(hu_liu):
    s = _opinion_sentences(hu_liu)
    r = polarity_accuracy(s["text"], s["score"] > 0, language="en")
    assert r["n"] == 2067
    # measured 0.737 (0.705 before the negation-scope, phrase and concessive rules): 12 % are called
    # neutral (no sentiment word: "the battery has a long life")
    assert r["accuracy"] >= 0.73, r


def test_hu_liu_opinion_sentences_with_ratings_of_real_phone_reviews(hu_liu, phone_model):
    s = _opinion_sentences(hu_liu)
    r = polarity_accuracy(s["text"], s["score"] > 0, language="en", model=phone_model)
    assert r["accuracy"] >= 0.80, r  # measured 0.817 (lexicon alone 0.737; 0.776 before this change)


def test_hu_liu_leave_one_product_out_with_the_other_products_ratings(hu_liu):
    """Each product's sentences scored by a model fitted on the other eight products' reviews
    (stars from their annotated opinion scores): held out by product."""
    reviews = review_stars(hu_liu)
    sentences = _opinion_sentences(hu_liu)
    right = 0
    for product, test in sentences.groupby("product"):
        train = reviews[reviews["product"] != product]
        model = rating_model_from_texts(train["text"], train["stars"], language="en")
        assert model is not None and model.n_reviews_["en"] >= 200
        right += polarity_accuracy(test["text"], test["score"] > 0, language="en", model=model)["accuracy"] * len(test)
    assert right / len(sentences) >= 0.78, right / len(sentences)  # measured 0.792 (lexicon alone 0.737; 0.752 before)


def test_hu_liu_2004_products_with_a_model_of_the_nine_other_products(hu_liu, hu_liu_2004):
    """Other products, other annotators' files, lower-cased tokenised text: measured only."""
    s = _opinion_sentences(hu_liu_2004)
    lexicon = polarity_accuracy(s["text"], s["score"] > 0, language="en")
    train = review_stars(hu_liu)
    model = rating_model_from_texts(train["text"], train["stars"], language="en")
    weak = polarity_accuracy(s["text"], s["score"] > 0, language="en", model=model)
    assert lexicon["n"] == 1699
    assert lexicon["accuracy"] >= 0.77, lexicon  # measured 0.783 (0.769 before)
    assert weak["accuracy"] >= 0.83, weak  # measured 0.842 (0.823 before)


def test_semeval_laptop_sentences(laptop_sentences, phone_model):
    """SemEval-2015 laptop-review sentences whose annotated opinions are all positive or all negative."""
    lexicon = polarity_accuracy(laptop_sentences["sentence"], laptop_sentences["polarity"], language="en")
    weak = polarity_accuracy(laptop_sentences["sentence"], laptop_sentences["polarity"], language="en", model=phone_model)
    assert lexicon["n"] == 1802
    assert lexicon["accuracy"] >= 0.74, lexicon  # measured 0.752 (0.746 before)
    assert weak["accuracy"] >= 0.82, weak  # measured 0.832 with the phone reviews' ratings (0.820 before)


def test_a_sentence_against_its_reviews_stars_keeps_its_own_polarity(hu_liu, phone_model):
    """Mined reviews carry stars: a complaint in a 4-5 star review stays negative, praise in a
    1-2 star review positive (the stars decide only sentences without a sentiment word)."""
    s = _opinion_sentences(hu_liu).reset_index(drop=True)
    stars = review_stars(hu_liu).set_index(["product", "review"])["stars"]
    rating = stars.reindex(pd.MultiIndex.from_frame(s[["product", "review"]])).to_numpy()
    pol = sentence_polarity(s["text"], language="en", ratings=rating, model=phone_model)
    best = pol.assign(a=pol["score"].abs()).sort_values("a", ascending=False).drop_duplicates("doc").set_index("doc")
    score = best["score"].reindex(range(len(s))).to_numpy()
    right = np.sign(score) == np.sign(s["score"].to_numpy())
    against = ((s["score"] > 0) & (rating <= 2)) | ((s["score"] < 0) & (rating >= 4))
    assert against.sum() == 387
    assert right[against.to_numpy()].mean() >= 0.6, right[against.to_numpy()].mean()  # measured 0.66 (0.23 when stars nudged every sentence)
    assert right.mean() >= 0.82, right.mean()  # measured 0.832


def test_too_few_rated_reviews_leave_the_lexicon_alone():
    params = resolve_params(None)
    texts = ["The shelf wobbles.", "Sturdy shelf, love it."] * (params["text"]["model_min_reviews"] // 2 - 1)
    assert rating_model_from_texts(texts, [1, 5] * (len(texts) // 2), language="en") is None
    rated = sentence_polarity(texts[:2], language="en", ratings=[np.nan, np.nan])
    plain = sentence_polarity(texts[:2], language="en")
    assert rated["score"].tolist() == plain["score"].tolist()


def test_rating_model_learns_product_words_the_lexicon_lacks():
    rng = np.random.default_rng(3)
    good = ["The lid seals tight.", "Seals tight, keeps the coffee hot.", "Lid seals tight every time."]
    bad = ["The lid pops off.", "It pops off in the bag.", "Pops off and rattles."]
    texts, ratings = [], []
    for _ in range(300):
        side = rng.random() < 0.6
        texts.append(rng.choice(good if side else bad) + " I use it in the car.")
        ratings.append(5.0 if side else 1.0)
    model = rating_model_from_texts(texts, ratings, language="en")
    probe = ["The lid pops off.", "It seals tight.", "I use it in the car."]
    assert sentence_polarity(probe, language="en")["polarity"].tolist() == ["neu", "neu", "neu"]
    assert sentence_polarity(probe, language="en", model=model)["polarity"].tolist() == ["neg", "pos", "neu"]


def test_rating_model_keeps_a_negated_word_apart_from_the_word():
    texts = ["Very sturdy shelf.", "Sturdy and solid."] * 60 + ["The shelf is not sturdy.", "Not sturdy at all."] * 60
    model = rating_model_from_texts(texts, [5] * 120 + [1] * 120, language="en")
    words, negated = model.words_["en"]
    weight = dict(zip(zip(words.tolist(), negated.tolist()), model.word_weights_["en"].tolist()))
    assert weight[("sturdy", False)] > 1 and weight[("sturdy", True)] < -1, weight
    pol = sentence_polarity(["It isn't sturdy.", "Sturdy enough."], language="en", model=model)
    assert pol["polarity"].tolist() == ["neg", "pos"]


def test_negated_function_and_unmet_expectation_are_negative():
    pol = sentence_polarity(["It would not hang up on calls.", "Performed well below my expectations.",
                             "Works great.", "It doesn't work at all."], language="en")
    assert pol["polarity"].tolist() == ["neg", "neg", "pos", "neg"]


def test_negation_reaches_past_three_words_within_its_clause():
    pol = sentence_polarity(["I never had a single problem.", "We have never had any problems, great buy.",
                             "It is not at all a good fit for big pans."], language="en")
    assert pol["polarity"].tolist() == ["pos", "pos", "neg"]


def test_too_before_a_positive_word_and_a_hedged_attribute_are_shortcomings():
    pol = sentence_polarity(["Even with newborn diapers it filled way too fast.", "It is a bit heavy for hand held work.",
                             "The keys are rather small.", "It is a little bit better than the old one."], language="en")
    assert pol["polarity"].tolist() == ["neg", "neg", "neg", "pos"]


def test_phrases_whose_meaning_is_not_their_words_sum():
    pol = sentence_polarity(["Screen resolution could be better.", "The battery life leaves a lot to be desired.",
                             "I couldn't be happier with it.", "At $160 this router is an absolute steal.",
                             "The headphones are mediocre at best.", "No need for special bags."], language="en")
    assert pol["polarity"].tolist() == ["neg", "neg", "pos", "pos", "neg", "pos"]


def test_praise_for_a_missing_trouble_is_positive():
    pol = sentence_polarity(["No vibration!", "There is no odor and it is easy to use.",
                             "It ran all night without a hitch.", "I notice an odor every time I open the lid."], language="en")
    assert pol["polarity"].tolist() == ["pos", "pos", "pos", "neg"]


def test_the_clause_after_although_counts_less_than_the_main_clause():
    pol = sentence_polarity(["Although the photos are great, the screen scratches and the buttons stick badly.",
                             "Although the images are not the best, it is very handy and fun to use."], language="en")
    assert pol["polarity"].tolist() == ["neg", "pos"]


def test_stars_decide_only_sentences_without_sentiment_words():
    texts = ["The lid cracked after a week. It holds ten pans.", "I love the color. It holds ten pans."]
    pol = sentence_polarity(texts, language="en", ratings=[5, 1])
    assert pol["polarity"].tolist() == ["neg", "pos", "pos", "neg"]


def _norm(text: str) -> str:
    return re.sub(r"\W+", " ", text.lower()).strip()


def test_quotes_of_mined_aspects_rarely_contradict_the_annotated_opinion(hu_liu):
    """Mine each annotated product (stars from its annotations) and check every quote of every
    aspect against the annotators' opinion on that sentence: a quote of a mostly positive aspect
    should not be a sentence the annotators marked negative, and the other way round."""
    agree = contradict = 0
    reviews = review_stars(hu_liu)
    gold = {}
    for text, score in zip(hu_liu["text"], hu_liu["score"]):
        gold.setdefault(_norm(text), score)
    for _, rows in reviews.groupby("product"):
        aspects = review_aspects(pd.DataFrame({"text": rows["text"], "rating": rows["stars"].astype(float)}), top_n=0)
        for neg, pos, quotes in zip(aspects["share_negative"], aspects["share_positive"], aspects["quotes"]):
            for q in quotes:
                score = gold.get(_norm(q.rstrip("…")))
                if score:
                    agree += (score > 0) == (pos >= neg)
                    contradict += (score > 0) != (pos >= neg)
    # about 690 quotes can be checked (fewer aspects since modifiers and product words are none)
    assert agree + contradict >= 650, (agree, contradict)
    # measured 107 of 787 (13.6 %), 99 of 691 (14.3 %) with the stricter aspects; 158 of 784 (20.2 %) when the stars of a review overrode its
    # sentences' sentiment words and quotes did not prefer sentences whose own words carry the polarity; 98 of 715
    # (13.7 %) before and 90 of 714 (12.6 %) after mixed sentences (words of both signs) came after the others
    assert contradict / (agree + contradict) <= 0.135, (agree, contradict)


def test_an_adverb_after_a_trouble_takes_its_sign():
    pol = sentence_polarity(["It really does scratch easily.", "The lid breaks easily.", "It installs easily.",
                             "The battery dies fast.", "It charges fast."], language="en")
    assert pol["polarity"].tolist() == ["neg", "neg", "pos", "neg", "pos"]


def test_break_and_fall_off_are_troubles_praised_when_negated():
    # in 3,000 real 4-5-star English Amazon reviews (MARC) "They break easily though" and "the rubber stoppers fall off
    # very easy" read as praise (the adverb's own valence) and "They don't fall off." as a complaint (a clause that
    # negates no sentiment word); scored as sentences of 5-star reviews, like those
    texts = ["They break easily though.", "Works well but the stoppers fall off very easy.", "The tip falls apart quickly.",
             "They don't fall off.", "It does not break easily.", "Didn't break the bank.",
             # the adverb takes the sign only across boosters and particles (the second from the SemEval laptop
             # sentences), and 'easy' not before 'to'
             "Cuts are easy and smooth.", "all my questions or problems have been quickly and satisfactorily resolved .",
             "The cracked one was easy to replace."]
    pol = sentence_polarity(texts, language="en", ratings=[5.0] * len(texts))
    assert pol["polarity"].tolist() == ["neg", "neg", "neg", "pos", "pos", "pos", "pos", "pos", "pos"], \
        dict(zip(texts, pol["polarity"]))


def test_quickly_and_easily_after_a_trouble_are_complaints_in_every_language():
    # "verkratzt sehr schnell", "se raye facilement", "se raya fácilmente" read as praise (the adverb's own valence);
    # "leicht zu reinigen" and "se nettoie facilement" stay praise
    cases = {"de": (["Verkratzt sehr schnell.", "Reißt leicht.", "Die Farbe blättert schnell ab."],
                    ["Lässt sich leicht reinigen.", "Schnell geliefert."]),
             "fr": (["Se raye facilement.", "Se déchire vite."], ["Se nettoie facilement."]),
             "es": (["Se raya fácilmente.", "Se oxida rápido."], ["Se limpia fácilmente."])}
    for lang, (bad, good) in cases.items():
        pol = sentence_polarity(bad + good, language=lang)["polarity"].tolist()
        assert pol == ["neg"] * len(bad) + ["pos"] * len(good), (lang, dict(zip(bad + good, pol)))


def test_a_trouble_said_to_be_absent_is_no_complaint_on_real_reviews(hu_liu, hu_liu_2004):
    """'no problems', 'without any issues': the annotators call 65 of 72 such sentences praise; the
    complaint patterns took 19 of those 65 for complaints when they matched 'problem' whatever came
    before it."""
    from seller_lab.text import lexicon as lx
    from seller_lab.text.common import detect_complaints

    both = pd.concat([hu_liu, hu_liu_2004])
    said_absent = both[both["text"].str.contains(lx.NEGATED_TROUBLE["en"], case=False, regex=True)
                       & (both["score"] != 0)]
    praised = said_absent[said_absent["score"] > 0]
    assert len(said_absent) >= 60 and len(praised) >= 0.8 * len(said_absent)
    assert detect_complaints(praised["text"]).sum() <= 0.05 * len(praised)
    # a complaint beside it still counts: 'No problems so far, but it rusts.'
    assert detect_complaints(["No problems so far, but the lid cracked.", "Ohne Probleme, aber es rostet."]).all()


def test_a_return_that_went_without_problems_is_no_pain_point_of_the_kitchen_demo(demo_data):
    from seller_lab import text

    params, data = demo_data("kitchen-organizer-de")
    pp = text.pain_points(data.posts, params, reviews=data.reviews, questions=data.questions)
    assert not pp["theme"].str.contains("ohne Probleme", case=False).any(), pp["theme"].tolist()
    assert all(len(q) > 0 for q in pp["quotes"])  # every pain point is illustrated by a complaint


def test_sentence_scores_do_not_depend_on_how_the_tokens_are_chunked(hu_liu):
    from seller_lab.text.preprocess import build_corpus, corpus_languages
    from seller_lab.text.sentiment import corpus_sentiment, fit_rating_model

    reviews = review_stars(hu_liu)
    demo = pd.read_csv(DATA / "demo_statements" / "kitchen_organizer_statements.tsv", sep="\t")["sentence"].astype(str)
    texts = pd.concat([reviews["text"], demo], ignore_index=True)  # English reviews, German and English statements
    stars = np.r_[reviews["stars"].to_numpy(float), np.full(len(demo), np.nan)]
    corpus = build_corpus(texts)
    langs = corpus_languages(corpus, default="en")
    model = fit_rating_model(corpus, langs, stars)
    assert model is not None and set(langs) >= {"en", "de"}
    one = corpus_sentiment(corpus, langs, doc_rating=stars, model=model, chunk_tokens=10**9)
    for chunk in (3_000, 997):  # chunks end on sentence ends, anywhere else
        many = corpus_sentiment(corpus, langs, doc_rating=stars, model=model, chunk_tokens=chunk)
        pd.testing.assert_frame_equal(one, many)
    assert (one["polarity"] == "neg").mean() > 0.1 and (one["polarity"] == "pos").mean() > 0.3


def test_german_household_reviews_nobody_here_wrote_read_right_by_the_seed_lexicon():
    """400 real Amazon.de reviews of thermal mugs, dishwasher tablets and washing powder (held out:
    tests/data/de_household_reviews/README.md): the sign of a review's summed sentence scores, lexicon only,
    against its 1-2 or 4-5 stars."""
    df = pd.read_csv(DATA / "de_household_reviews" / "reviews.tsv", sep="\t")
    assert len(df) == 400 and set(df["stars"]) <= {1, 2, 4, 5}
    pol = sentence_polarity(df["text"].tolist())
    assert set(pol["language"]) == {"de"}
    total = pol.groupby("doc")["score"].sum().reindex(range(len(df)), fill_value=0.0).to_numpy()
    positive = df["stars"].to_numpy() >= 4
    accuracy = ((positive & (total > 0)) | (~positive & (total < 0))).mean()
    # measured 0.740 before the German seeds, 'nix', 'super' alone and the complaint patterns of
    # docs/text_polarity.md; 0.780 after
    assert accuracy >= 0.77, accuracy
