"""Aspect extraction on real annotated customer reviews, scored as a new user would run it.

Each product's annotated reviews (Hu & Liu's format, ``tests/data/annotated_reviews/``) are
converted to an Amazon Reviews 2023 JSONL file; ``seller-lab mine reviews FILE --json --top N``
mines it; the aspects are scored against the annotated explicit features. An annotated feature
counts as found when an aspect names it, its singular/plural, or (for a multi-word feature) its
head word, as in Hu & Liu (KDD 2004).
"""

from __future__ import annotations

import contextlib
import io
import json
import re
from pathlib import Path

import pandas as pd
import pytest

from seller_lab.cli import main
from seller_lab.text import stem
from seller_lab.text.aspects import review_aspects
from seller_lab.text.common import default_params

DATA = Path(__file__).resolve().parents[1] / "data" / "annotated_reviews"
PRODUCTS = sorted(p.stem for p in DATA.glob("*.txt"))
DATA_2004 = DATA / "hu_liu_2004"  # the five products Hu & Liu (KDD 2004) report their figures on
PRODUCTS_2004 = sorted(p.stem for p in DATA_2004.glob("*.txt"))
PRODUCT_NAMES = json.loads((DATA / "products.json").read_text(encoding="utf-8"))  # file -> catalogue name
# held out: SemEval-2014 Task 4 aspect terms (laptop and restaurant reviews), read for no rule
ABSA = DATA.parent / "absa_terms"
ABSA_SETS = {"laptops_test": "laptop", "restaurants_test": "restaurant"}  # file -> what the reviews are about
SENTENCES_PER_REVIEW = 10  # two files carry no review marks: their sentences are cut into reviews of 10
_TAG = re.compile(r"([^,\[\]]+)((?:\[[^\]]*\])*)")


def parse_annotated(path: Path) -> list[dict]:
    """Reviews of one annotated file: ``title``, ``sentences`` and per sentence its tags.

    A tag is ``(feature, score, explicit)``; explicit = the feature is named in the sentence
    (not marked ``[u]`` unnamed or ``[p]`` pronoun).
    """
    lines = path.read_bytes().decode("latin-1").replace("\x1a", " ").splitlines()
    marked = sum(line.startswith("[t]") for line in lines) > 1
    reviews: list[dict] = []
    current = None
    for line in lines:
        if line.startswith("[t]") and marked:
            current = {"title": line[3:].strip(), "sentences": [], "tags": []}
            reviews.append(current)
            continue
        if "##" not in line:
            continue
        tags_text, sentence = line.split("##", 1)
        # typos in the marks: 'design{+3]', 'highs[+2}' (brace for bracket), 'connection+3]' (no bracket)
        tags_text = re.sub(r"(?<=[a-z])([+-]\d\])", r"[\1", tags_text.replace("{", "[").replace("}", "]"))
        if current is None or (not marked and len(current["sentences"]) >= SENTENCES_PER_REVIEW):
            current = {"title": "", "sentences": [], "tags": []}
            reviews.append(current)
        tags = []
        named = set(_norm(sentence))
        for m in _TAG.finditer(tags_text):
            name, marks = m.group(1).strip().lower(), m.group(2)
            score = re.search(r"\[([+-]\d)\]", marks)
            if name:
                # explicit: not marked unnamed/pronoun, and the sentence names it (a tag the sentence does not
                # name is an implicit feature whose [u] was left out, 'weight' for 'it is heavy', or mistyped)
                explicit = "[u]" not in marks and "[p]" not in marks and set(_norm(name)) <= named
                tags.append((name, int(score.group(1)) if score else 0, explicit))
        current["sentences"].append(sentence.strip())
        current["tags"].append(tags)
    return [r for r in reviews if r["sentences"]]


def parse_absa(path: Path) -> list[dict]:
    """Reviews of a SemEval-2014 aspect-term file (``tests/data/absa_terms/``): the sentences of one review id,
    in file order; every annotated aspect term is an explicit tag (terms are spans of their sentence)."""
    frame = pd.read_csv(path, sep="\t", quoting=3, dtype=str, keep_default_na=False)
    reviews: dict[str, dict] = {}
    for review_id, terms, sentence in frame[["review_id", "terms", "sentence"]].itertuples(index=False):
        r = reviews.setdefault(review_id, {"title": "", "sentences": [], "tags": []})
        r["sentences"].append(sentence)
        r["tags"].append([(t.lower(), 0, True) for t in terms.split("|") if t])
    return list(reviews.values())


def stars(reviews: list[dict]) -> list[int]:
    """A 1-5 star rating per review from the sum of its annotated opinion scores."""
    out = []
    for r in reviews:
        s = sum(score for tags in r["tags"] for _, score, _ in tags)
        out.append(5 if s >= 3 else 4 if s > 0 else 3 if s == 0 else 2 if s > -3 else 1)
    return out


def to_jsonl(reviews: list[dict], path: Path, asin: str) -> Path:
    """Amazon Reviews 2023 JSONL (one object per review)."""
    rows = []
    for i, (r, rating) in enumerate(zip(reviews, stars(reviews))):
        rows.append({"rating": float(rating), "title": r["title"], "text": " ".join(r["sentences"]), "images": [],
                     "asin": asin, "parent_asin": asin, "user_id": f"U{i:04d}", "timestamp": 1600000000000 + i * 60000,
                     "helpful_vote": 0, "verified_purchase": True})
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return path


def gold_features(reviews: list[dict], names: set[str] = frozenset()) -> set[str]:
    """The annotated explicit features of a product, one per feature up to singular/plural
    ('picture' and 'pictures' are one feature); a tag made of ``names`` only (:func:`name_words`:
    'Canon', 'Linksys WRT54G') names a product or brand, which is never an aspect, not a feature."""
    names = sorted({name for r in reviews for tags in r["tags"] for name, _, explicit in tags
                    if explicit and not set(_norm(name)) <= names}, key=lambda n: (len(n), n))  # shortest form first
    first: dict[tuple[str, ...], str] = {}
    for n in names:
        if _norm(n):
            first.setdefault(_norm(n), n)
    return set(first.values())


def name_words(reviews: list[dict], product: str, catalogue: str | None = None) -> set[str]:
    """Words that name a product or a brand, never a feature: the words of the product's catalogue name
    (``products.json``: brand, line, model, product type), numbers and model numbers ('6600', 'T610'), and
    words written with a capital inside ordinary sentences in most of their uses ('Sony', 'iTunes'; not
    acronyms such as 'LCD', nor words of title-case sentences)."""
    names = set(_norm(PRODUCT_NAMES[product] if catalogue is None else catalogue))
    caps: dict[str, list[int]] = {}
    for r in reviews:
        for sentence in r["sentences"]:
            words = re.findall(r"[A-Za-z0-9][A-Za-z0-9-]*", sentence)
            if sum(w[0].isupper() for w in words) * 2 >= len(words):
                continue  # a title-case or shouted sentence says nothing about names
            for w in words[1:]:
                if any(ch.isdigit() for ch in w):
                    if w.isdigit() or w.isupper():
                        names.update(_norm(w))
                    continue
                n = caps.setdefault(stem(w.lower(), "en"), [0, 0])
                n[0] += 1
                n[1] += not w.isupper() and any(ch.isupper() for ch in w)
    return names | {w for w, (n, cap) in caps.items() if cap * 2 >= n}


def annotated_features(reviews: list[dict], names: set[str] = frozenset()) -> set[tuple[str, ...]]:
    """Every feature the annotators tagged, named in its sentence or not ('price[u]' for 'too expensive'),
    up to singular/plural and except names: an aspect naming one of them names a feature of the product."""
    return {_norm(name) for r in reviews for tags in r["tags"] for name, _, _ in tags
            if _norm(name) and not set(_norm(name)) <= names}


def _norm(phrase: str) -> tuple[str, ...]:
    return tuple(stem(w, "en") for w in re.findall(r"[a-z0-9]+", phrase.lower()))


def _head(words: tuple[str, ...]) -> tuple[str, ...]:
    """The head word of a phrase: the last word, or the word before 'of' ('quality of audio')."""
    return words[words.index("of") - 1:words.index("of")] if "of" in words[1:] else words[-1:]


def names_feature(aspect: str, feature: str) -> bool:
    """The aspect names the feature: same words up to singular/plural, or the feature's head word."""
    a, f = _norm(aspect), _norm(feature)
    return bool(a) and bool(f) and (a == f or (len(f) > 1 and a == _head(f)) or (len(a) > 1 and _head(a) == f))


def row_names(row: dict) -> list[str]:
    """What an aspect row names: its label, and its concept when it merges several words ('odor' ~ smell)."""
    return [row["aspect"]] + ([row["concept"]] if row.get("concept") else [])


def score_aspects(rows: list[dict], gold: set[str], annotated: set[tuple[str, ...]] = frozenset()) -> tuple[float, float]:
    """(precision, recall) of extracted aspect rows: recall over the gold (explicit) features, precision
    the share of rows that name a gold feature or another annotated feature of the product."""
    hits = [{g for g in gold if any(names_feature(n, g) for n in row_names(r))} for r in rows]
    found = set().union(*hits) if hits else set()
    right = [bool(h) or any(names_feature(n, " ".join(f)) for n in row_names(r) for f in annotated)
             for r, h in zip(rows, hits)]
    return sum(right) / max(len(rows), 1), len(found) / max(len(gold), 1)


def mine_cli(path: Path, top: int) -> dict:
    """``seller-lab mine reviews FILE --json --top N`` as a user runs it."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["mine", "reviews", str(path), "--json", "--top", str(top)]) == 0
    return json.loads(out.getvalue())


def _mine_set(tmp: Path, folder: Path, products: list[str]) -> dict:
    out = {}
    for i, name in enumerate(products):
        reviews = parse_annotated(folder / f"{name}.txt")
        path = to_jsonl(reviews, tmp / f"product{i}.jsonl", asin=f"B0ANNOT{i:03d}")
        names = name_words(reviews, name)
        out[name] = (mine_cli(path, 0)["aspects"], gold_features(reviews, names), annotated_features(reviews, names))
    return out


def _mine_absa(tmp: Path) -> dict:
    out = {}
    for i, (name, about) in enumerate(ABSA_SETS.items()):
        reviews = parse_absa(ABSA / f"{name}.tsv")
        path = to_jsonl(reviews, tmp / f"semeval{i}.jsonl", asin=f"B0SEMEV{i:03d}")
        names = name_words(reviews, name, about)
        out[name] = (mine_cli(path, 0)["aspects"], gold_features(reviews, names), annotated_features(reviews, names))
    return out


@pytest.fixture(scope="module")
def mined(tmp_path_factory) -> dict:
    """Per product: (every aspect above the floors as the CLI prints them, the gold features, every
    annotated feature)."""
    return _mine_set(tmp_path_factory.mktemp("annotated"), DATA, PRODUCTS)


@pytest.fixture(scope="module")
def mined_2004(tmp_path_factory) -> dict:
    """The same for the five products of Hu & Liu's paper."""
    return _mine_set(tmp_path_factory.mktemp("annotated2004"), DATA_2004, PRODUCTS_2004)


@pytest.fixture(scope="module")
def mined_semeval(tmp_path_factory) -> dict:
    """The same for the held-out SemEval-2014 laptop and restaurant reviews (aspect terms)."""
    return _mine_absa(tmp_path_factory.mktemp("semeval"))


def _average(mined, top: int | None) -> tuple[float, float, dict]:
    scores = {name: score_aspects(rows[:top], gold, annotated) for name, (rows, gold, annotated) in mined.items()}
    return (sum(s[0] for s in scores.values()) / len(scores), sum(s[1] for s in scores.values()) / len(scores),
            scores)


def test_annotated_reviews_convert_with_ratings_from_the_opinion_scores():
    reviews = parse_annotated(DATA / "Canon S100.txt")
    assert len(reviews) == 51 and reviews[0]["title"] == ""
    gold = gold_features(reviews)
    assert {"battery", "zoom", "picture quality", "lcd"} <= gold and "camera" in gold and "s100" in gold
    # a feature marked [u] (not named in the sentence) is not gold unless it is also named somewhere
    tags = [t for rv in reviews for sent in rv["tags"] for t in sent]
    assert any(not explicit for _, _, explicit in tags)
    explicit_names = {name for name, _, explicit in tags if explicit}
    assert gold <= explicit_names and {_norm(g) for g in gold} == {_norm(n) for n in explicit_names}
    assert len({_norm(g) for g in gold}) == len(gold)  # 'picture' and 'pictures' count once
    # a brace typed for a bracket ('design{+3]') is read as the mark, not as part of the feature
    assert not any("{" in g or "}" in g or "+" in g for rv in map(gold_features, map(parse_annotated, DATA.glob("*.txt")))
                   for g in rv)
    r = stars(reviews)
    assert set(r) <= {1, 2, 3, 4, 5} and min(r) <= 2 and max(r) == 5


def test_explicit_features_are_named_in_their_sentence_and_are_not_names():
    """A tag its sentence does not name is an implicit feature whose [u] mark was left out ('weight' for
    'it is heavy') or a mistyped tag; a tag made only of product or brand names is no feature."""
    explicit = 0
    for path in DATA.glob("*.txt"):
        for rv in parse_annotated(path):
            for sentence, tags in zip(rv["sentences"], rv["tags"]):
                for name, _, is_explicit in tags:
                    if is_explicit:
                        explicit += 1
                        assert set(_norm(name)) <= set(_norm(sentence)), (path.name, name, sentence)
    assert explicit > 1500
    # 'smell[+3],ease of use[+3],garbage bags[+3][u]##No smell, easy to use with one hand free, ...'
    champ = parse_annotated(DATA / "Diaper Champ.txt")
    tags = [t for rv in champ for sentence, ts in zip(rv["sentences"], rv["tags"]) if sentence.startswith("No smell, easy")
            for t in ts]
    assert [(name, explicit) for name, _, explicit in tags] == [("smell", True), ("ease of use", False),
                                                                 ("garbage bags", False)]
    assert "ease of use" not in gold_features(champ) and ("eas", "of", "use") in annotated_features(champ)
    reviews = parse_annotated(DATA / "Canon S100.txt")
    names = name_words(reviews, "Canon S100")
    gold = gold_features(reviews, names)
    assert {"canon", "s100", "camera"} <= names and not {"battery", "zoom", "lcd"} & names
    assert {"battery", "zoom", "lcd"} <= gold and not {"s100", "canon s100", "camera"} & gold
    # capitalised inside ordinary sentences in other files: brands and other products
    assert set(_norm("Sony T610 Verizon")) <= name_words(parse_annotated(DATA / "Nokia 6600.txt"), "Nokia 6600")


def test_scoring_counts_plural_and_head_word_as_found():
    assert names_feature("batteries", "battery") and names_feature("life", "battery life")
    assert names_feature("lens cap", "cap") and not names_feature("lens", "lens cap")
    assert names_feature("quality", "quality of audio") and not names_feature("audio", "quality of audio")
    assert score_aspects([{"aspect": "zoom", "concept": ""}, {"aspect": "Odor", "concept": "smell"},
                          {"aspect": "pocket", "concept": ""}], {"zoom", "smell", "weight"}) == (2 / 3, 2 / 3)
    # a row naming a feature tagged only as implicit ('price[u]') is right, but finds no explicit feature
    rows = [{"aspect": "zoom", "concept": ""}, {"aspect": "price", "concept": ""}, {"aspect": "strap", "concept": ""}]
    assert score_aspects(rows, {"zoom", "lcd"}, {("zoom",), ("lcd",), ("price",)}) == (2 / 3, 1 / 2)


def test_aspects_of_real_annotated_reviews_reach_the_precision_and_recall_floors(mined):
    """Every aspect above the floors (--top 0) against the annotated explicit features, averaged over
    9 products: P 0.618, R 0.518 on this commit (0.602 / 0.512 before the aspect scorer; 0.583 / 0.467 before
    the verb features 'easy to use' and 'looks great' and the noun 'support'; 0.516 / 0.478 before the modifier,
    product-word, model-number, discourse-noun and verb rules, scored the same way). Each product scored with
    scorer weights fitted without it: 0.623 / 0.517. Hu & Liu 2004 report P 0.72, R 0.80 on their
    own five products against their own feature list (see the next test)."""
    p, r, scores = _average(mined, None)
    assert p >= 0.60 and r >= 0.50, scores
    assert min(s[1] for s in scores.values()) >= 0.36, scores  # no product left behind


def test_aspects_of_the_papers_own_five_products_reach_the_floors(mined_2004):
    """Hu & Liu's own five products (the data of their P 0.72 / R 0.80), scored against every distinct
    explicit tag: P 0.591, R 0.618 on this commit (0.573 / 0.609 before the aspect scorer, 0.587 / 0.616 with
    weights fitted without the product scored; 0.562 / 0.573 before the verb features; 0.473 / 0.585
    before the modifier, product-word, model-number, discourse-noun and verb rules); the top 20: P 0.88,
    R 0.309 (0.84 / 0.301 before those rules).
    Their text is lower case: a brand not written before a model number ('apex') cannot be told."""
    p, r, scores = _average(mined_2004, None)
    assert p >= 0.57 and r >= 0.60, scores
    p20, r20, scores20 = _average(mined_2004, 20)
    assert p20 >= 0.86 and r20 >= 0.29, scores20


def test_top_aspects_of_real_reviews_are_mostly_annotated_features(mined):
    """The 20 top-ranked aspects (what a manager reads first): P 0.756, R 0.260 on this commit (0.75 / 0.258
    before the aspect scorer; 0.733 / 0.250 before the verb features; 0.722 / 0.244 before the modifier,
    product-word, model-number, discourse-noun and verb rules)."""
    p, r, scores = _average(mined, 20)
    assert p >= 0.73 and r >= 0.24, scores


def test_brand_names_and_model_numbers_are_never_aspects(mined, mined_2004):
    """Names are told by their capital letter inside sentences or inside the word ('iPod'); a brand
    written in lower case half the time, like 'netgear' in one router file, still slips through.
    In lower-case text a brand or line is told by the model number after it ('nikon 4300')."""
    names = {"canon", "nokia", "linksys", "hitachi", "norton", "symantec", "ipod", "s100", "sd500", "6600", "elph",
             "creative", "apple", "sony", "bosch", "zen", "t610"}
    for rows, _, _ in mined.values():
        words = {w for a in rows for w in a["aspect"].lower().split()}
        assert not words & names, words & names
    lower = {w for rows, _, _ in mined_2004.values() for a in rows for w in a["aspect"].split()}
    assert not lower & {"nikon", "coolpix", "canon", "nokia", "g3", "4300"}, lower & {"nikon", "coolpix", "canon", "nokia"}


def test_compounds_stay_whole_and_opinion_words_are_never_aspects(mined):
    rows = [a for rows, _, _ in mined.values() for a in rows]
    labels = {a["aspect"].lower() for a in rows}
    assert sum(a["kind"] == "bigram" for a in rows) >= 20
    assert {"battery life", "picture quality"} & labels
    assert not labels & {"great", "good", "excellent", "bad", "poor", "perfect", "terrible", "nice", "love"}


def test_part_nouns_compounds_and_infrequent_features_follow_the_rules():
    """'case' is a stopword for keywords but a part here; a compound named in two reviews is an aspect;
    a rare noun counts after an opinion word that modifies a frequent aspect elsewhere ('great battery'
    makes 'great zoom' count) but not after one that does not ('good pictures'); 'install' after 'to'/'I'
    is a verb."""
    texts = ["The case is sturdy and the lens cap stays on.", "Easy to install. The case feels solid.",
             "I install it in minutes; the case is great.", "We install updates weekly and the lens cap is handy.",
             "You can install it anywhere.", "The battery is weak.", "The battery lasts a day.",
             "Great battery.", "Great zoom.", "Good pictures."]
    out = review_aspects(pd.DataFrame({"rating": [5, 4, 5, 4, 5, 2, 4, 5, 5, 5], "text": texts}), top_n=0)
    rows = dict(zip(out["aspect"], out["reviews"]))
    assert rows.get("case") == 3 and rows.get("lens cap") == 2 and rows.get("battery") == 3
    assert rows.get("zoom") == 1 and "pictures" not in rows and "install" not in rows


def test_modifiers_kinds_of_the_product_and_people_are_never_aspects(mined, mined_2004):
    """Words that stand before nouns and never end a phrase ('the main menu', 'the entire collection'),
    compounds headed by the product word ('digital camera', 'cell phone': kinds of the product), people
    and words about the opinion ('beginner', 'lack') are no aspects."""
    per_product = {name: {a["aspect"].lower() for a in rows} for m in (mined, mined_2004)
                   for name, (rows, _, _) in m.items()}
    labels = set().union(*per_product.values())
    assert not labels & {"main", "entire", "regular", "minor", "biggest", "included", "external",
                         "beginner", "buyers", "photographer", "fan", "lack", "drawback"}
    for name in ("Canon PowerShot SD500", "Canon S100", "Canon G3", "Nikon coolpix 4300"):
        assert "digital camera" not in per_product[name]
    for name in ("Nokia 6600", "Nokia 6610"):
        assert not per_product[name] & {"cell phone", "flip phones", "camera phone"}
    # the modifier still opens its compound, the product word's own features stay
    assert {"scroll wheel", "battery life", "digital zoom"} <= labels
    texts = ["The main menu is clear and the zoom works.", "The main screen is bright; my camera is fine.",
             "A great camera, the zoom is sharp.", "Love the camera. The zoom is quick.",
             "The entire menu is slow and the camera is heavy.", "The menu is easy. A camera for a beginner.",
             "This camera: the main button sticks.", "The entire body of the camera is plastic.",
             "My camera broke, the screen too.", "The screen is dim and the menu confusing."]
    out = review_aspects(pd.DataFrame({"rating": [5, 4, 5, 5, 2, 4, 3, 3, 1, 2], "text": texts}), top_n=0)
    assert {"menu", "zoom"} <= set(out["aspect"]) and not {"main", "entire", "camera", "beginner"} & set(out["aspect"])


def test_semeval_aspect_terms_group_into_reviews_and_are_spans_of_their_sentence():
    laptops = parse_absa(ABSA / "laptops_test.tsv")
    restaurants = parse_absa(ABSA / "restaurants_test.tsv")
    assert (len(laptops), sum(len(r["sentences"]) for r in laptops)) == (570, 800)
    assert (len(restaurants), sum(len(r["sentences"]) for r in restaurants)) == (279, 800)
    tags = [(name, sentence) for r in laptops + restaurants for sentence, ts in zip(r["sentences"], r["tags"])
            for name, _, _ in ts]
    assert len(tags) == 654 + 1134 and all(name in sentence.lower() for name, sentence in tags)
    # 'Windows 8', 'Mac OS' are names: never aspects, so not scored as features; the laptop itself is never a term
    names = name_words(laptops, "laptops_test", ABSA_SETS["laptops_test"])
    gold = gold_features(laptops, names)
    assert {"battery life", "keyboard", "screen"} <= gold and not {"windows 8", "windows", "laptop"} & gold


def test_aspects_of_held_out_semeval_reviews_reach_the_floors(mined_semeval):
    """Held out (no rule or threshold chosen on it): SemEval-2014 Task 4 laptop and restaurant test reviews,
    scored against their aspect terms like the annotated products: P 0.780, R 0.472 on this commit (0.748 /
    0.473 before the aspect scorer, whose weights were fitted on the annotated products only; 0.742 / 0.459
    before the verb features); the top 20: P 0.875 (0.85). Most terms are written in a single review."""
    p, r, scores = _average(mined_semeval, None)
    assert p >= 0.76 and r >= 0.45, scores
    p20, _, scores20 = _average(mined_semeval, 20)
    assert p20 >= 0.85, scores20


def test_what_is_easy_or_hard_to_do_is_a_feature():
    """'easy to use', 'hard to install': the verb names a feature (Hu & Liu's ease of use) in two or more
    reviews; stopword verbs ('easy to get') and a verb written so once are none, nor is 'use' elsewhere."""
    texts = ["Very easy to use and the zoom is sharp.", "The menu is simple to use.", "Hard to use with gloves on.",
             "Difficult to calibrate, the zoom is slow.", "Easy to get, the zoom is great.", "Easy to get here.",
             "I use it daily; the menu is clear.", "We use the zoom a lot.", "Great zoom."]
    out = review_aspects(pd.DataFrame({"rating": [5, 4, 2, 2, 5, 4, 5, 4, 5], "text": texts}), top_n=0)
    rows = dict(zip(out["aspect"], out["reviews"]))
    assert rows.get("use") == 3 and "calibrate" not in rows and "get" not in rows
    assert rows.get("zoom") == 5


def test_how_the_product_looks_works_or_feels_is_a_feature_when_an_opinion_follows():
    """'looks great', 'works very well': how it looks or works is a feature in two or more reviews (annotators tag
    'looks', 'work'); 'looks like' or 'works with' carry no opinion, and a verb so judged once is none."""
    texts = ["It looks great and the zoom is fast.", "Looks really sleek.", "The zoom works very well.",
             "It works well with my laptop.", "Looks like a toy, the zoom is slow.", "It feels cheap.",
             "Great zoom.", "It works with any charger."]
    out = review_aspects(pd.DataFrame({"rating": [5, 5, 4, 5, 2, 2, 5, 4], "text": texts}), top_n=0)
    rows = dict(zip(out["aspect"].str.lower(), out["reviews"]))
    assert rows.get("looks") == 2 and rows.get("works") == 2 and "feels" not in rows and "feel" not in rows


def test_support_is_a_feature_although_the_sentiment_lexicon_rates_it():
    """VADER rates 'support' (the verb); in reviews it names the after-sales service, which annotators tag."""
    texts = ["The support was useless and the zoom is slow.", "Tech support never called back.",
             "Their support fixed it in a day.", "Great zoom.", "The zoom is sharp."]
    out = review_aspects(pd.DataFrame({"rating": [1, 1, 4, 5, 5], "text": texts}), top_n=0)
    assert dict(zip(out["aspect"], out["reviews"])).get("support") == 3


def test_the_aspect_scorer_decides_which_words_in_two_or_more_reviews_are_frequent():
    """A noun in two reviews that is the subject of a verb each time ('the strap came off') is an aspect,
    though in fewer than ``aspect_min_df`` reviews and with no opinion word on it; a noun in three reviews
    only ever written after a preposition and a determiner ('in the basement') is none: the annotators tag
    what reviews judge. ``text.aspect_score_min`` 1 makes no English word frequent, 0 every word in two
    or more reviews."""
    texts = ["The zoom is sharp. The strap came off after a week.", "The strap came loose on day two; the zoom is fine.",
             "Great zoom.", "I keep it in the basement and the zoom is great.", "Bought it for the basement.",
             "It sits in the basement, the menu is slow.", "The zoom is quick.", "The menu is clear.", "Love the menu.",
             "Works."]
    reviews = pd.DataFrame({"rating": [2, 3, 5, 5, 4, 3, 5, 4, 5, 4], "text": texts})

    def found(score_min=None):
        params = default_params()
        if score_min is not None:
            params["text"]["aspect_score_min"] = score_min
        out = review_aspects(reviews, params, top_n=0)
        return dict(zip(out["aspect"], out["reviews"]))

    assert found() == {"zoom": 5, "menu": 3, "strap": 2}
    assert found(0.0) == {"zoom": 5, "basement": 3, "menu": 3, "strap": 2}
    assert not {"zoom", "menu", "strap"} & set(found(1.0))


def test_the_aspect_scorer_is_english_only():
    """Fitted on English reviews, the scorer decides for words used mostly in English sentences: French
    words still need ``aspect_min_df`` reviews (or an opinion word on them), whatever the setting."""
    texts = ["L'écran est superbe et la batterie tient deux jours.", "Le zoom est lent, l'écran est lumineux.",
             "La batterie est faible.", "Le zoom fonctionne bien.", "Le son est correct, la batterie aussi.",
             "Le menu est clair.", "Le menu est lent.", "Très bon produit."]
    reviews = pd.DataFrame({"rating": [5, 3, 2, 4, 4, 4, 2, 5], "text": texts})
    for score_min in (0.0, 0.27, 1.0):
        params = default_params()
        params["text"]["aspect_score_min"] = score_min
        out = review_aspects(reviews, params, top_n=0)
        assert dict(zip(out["aspect"], out["reviews"])) == {"batterie": 3}, score_min


def test_a_kind_of_the_product_written_with_a_hyphenated_letter_is_no_aspect():
    # the 198 real reviews of one K-cup filter (tests/data/kcup_reviews): 'disposable' (46 reviews) and 'prefilled'
    # stood among the aspects, from 'disposable K-cups', which the tokeniser reads 'disposable k cups'; 'pre' from
    # 'pre-filled', 'pre-made'
    rows = mine_cli(DATA.parent / "kcup_reviews" / "Reviews.csv", 0)["aspects"]
    names = [r["aspect"] for r in rows]
    assert not {"disposable", "prefilled", "pre"} & set(names), names
    assert {"lid", "filter", "coffee grounds", "seal"} <= set(names), names
