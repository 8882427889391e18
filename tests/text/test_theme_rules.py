"""Theme rules on small hand-written sets: what a question asks, names, words that name one part."""

from __future__ import annotations

import pandas as pd

from seller_lab import text
from seller_lab.text._core import analyse
from seller_lab.text.common import default_params
from seller_lab.text.themes import find_themes

COMPATIBLE = ["Does this fit the Holmes HM1845?", "Will it work with my Kenmore humidifier?",
              "Is this the same as BWF100P?", "Does it fit model HCM-710?",
              "Funktioniert das mit dem Bionaire BCM7009?", "Is this a replacement for filter 4396841?"]
PLATES = ["Passen große Teller rein?", "Do large plates fit?", "Passen auch große Teller in das Gestell?",
          "Will big plates fit in the slots?"]


def _questions(texts):
    return pd.DataFrame({"asin": "A1", "doc_id": [f"q{i}" for i in range(len(texts))], "answer": "", "text": texts})


def test_fit_work_with_and_same_as_questions_are_one_theme_and_plate_questions_stay_apart():
    q = _questions(COMPATIBLE + PLATES)
    th = text.question_themes(q, default_params(), min_theme_count=2)
    where = {d: t for t, ids in zip(th["theme_key"], th["doc_ids"]) for d in ids}
    compat = {where.get(f"q{i}") for i in range(len(COMPATIBLE))}
    plates = {where.get(f"q{i}") for i in range(len(COMPATIBLE), len(COMPATIBLE) + len(PLATES))}
    assert len(compat) == 1 and None not in compat, where
    # 'passen große Teller rein?' names a part: it asks about the plates, not about compatibility
    assert len(plates) == 1 and plates.pop().split()[0] == "plate", where


def test_a_model_number_written_apart_is_asked_like_one_written_whole():
    q = _questions(["Does this fit HCM-710?", "Does this fit hm 1745?", "Will it fit Model 1840?", "Fits HM1845?",
                    "How long does it last?", "How long do these last?", "How often should it be replaced, how long does it last?"])
    th = text.question_themes(q, default_params(), min_theme_count=2)
    where = {d: t for t, ids in zip(th["theme_key"], th["doc_ids"]) for d in ids}
    assert len({where.get(f"q{i}") for i in range(4)}) == 1 and "q0" in where, where
    assert where.get("q4") == where.get("q5") != where.get("q0")


def test_words_that_name_one_part_make_one_theme_and_a_brand_makes_none():
    texts = ["The display died after a week.", "Screen went black after a month.", "The monitor flickers all the time.",
             "My display has dead pixels.", "Die Tastatur klemmt.", "The keyboard stopped typing letters.",
             "Die Tastatur tippt doppelt.", "Keyboard is missing a key.",
             "I called Acer twice and nobody answered.", "Then Acer sent a refurbished unit.",
             "Finally Acer charged me for shipping."]
    a = analyse(texts, sentiment=False)
    th = find_themes(a, a.corpus.tok_doc, len(texts), product_words=["laptop"])
    assert len(set(th.assign[:4].tolist())) == 1 and th.assign[0] >= 0
    assert len(set(th.assign[4:8].tolist())) == 1 and th.assign[4] >= 0 and th.assign[4] != th.assign[0]
    # 'Acer' is capitalised wherever it stands: a name, never a theme of three unrelated complaints
    assert "acer" not in th.keys and not any("Acer" in lab for lab in th.labels), (th.keys, th.labels)


def test_a_label_may_say_what_stopword_lists_hold_last_long_keys():
    # stopword lists hold 'last', 'long', 'keys': the battery theme was labelled 'enabling the battery timer'
    texts = ["The battery does not last long.", "My battery does not last a day.", "Battery does not last an hour.",
             "The battery doesn't last long at all.",
             "The keys stick all the time.", "Two keys stick after a week.", "Several keys stick.", "The keys stick."]
    a = analyse(texts, sentiment=False)
    th = find_themes(a, a.corpus.tok_doc, len(texts), product_words=["laptop"])
    by_row = [th.labels[t] if t >= 0 else "" for t in th.assign]
    assert "last" in by_row[0].split() and by_row[0].lower().startswith("battery"), by_row
    assert by_row[4] != by_row[0] and "keys" in by_row[4].split(), by_row



def _theme_of(texts, **kw):
    th = text.question_themes(_questions(texts), default_params(), min_theme_count=2, **kw)
    return {d: key for key, ids in zip(th["theme_key"], th["doc_ids"]) for d in ids}


def test_a_size_word_next_to_another_part_asks_that_parts_size_not_the_products():
    size = ["What size is the filter?", "What are the dimensions of the filter?", "What are the measurements?",
            "What is the actual size of the filter?", "Welche Maße hat der Filter?", "Wie sind die genauen Maße?"]
    parts = ["What's the pipe size for this filter?", "What size tube does the filter need?",
             "What size halogen bulbs does it take?"]
    where = _theme_of(size + parts)
    keys = {where.get(f"q{i}") for i in range(len(size))}
    assert len(keys) == 1 and keys.pop().startswith("dimensions"), where
    assert not any(where.get(f"q{i}", "").startswith("dimensions") for i in range(len(size), len(size) + len(parts))), where


def test_brand_new_and_the_last_time_ask_nothing_about_the_brand_or_how_long_it_lasts():
    asks = ["How long does the filter last?", "How long do these filters last?", "How long will it last?",
            "Is this a genuine Honeywell filter?", "Is this filter an original?", "Is this a genuine part?"]
    other = ["The last time I bought a filter it had a blue knob. Does this one?",
             "Brand new filter and it is already brown?"]
    where = _theme_of(asks + other)
    assert where.get("q0") == where.get("q1") == where.get("q2") and where["q0"].startswith("lifetime"), where
    assert where.get("q3") == where.get("q5") and where["q3"].startswith("origin"), where
    assert where.get("q6", "") not in (where["q0"], where["q3"]) and where.get("q7", "") not in (where["q0"], where["q3"])


def test_taking_the_product_out_asks_how_to_install_it_but_removing_lead_asks_what_it_filters():
    install = ["How do you install the filter?", "How do I mount the filter?", "How do you remove the old filter?",
               "Do I turn off the water before replacing the filter?"]
    removes = ["Does this filter remove lead?", "Will the filter remove chlorine?", "Does it reduce fluoride?"]
    compat = ["Will this replace my old filter HWF-65?"]
    where = _theme_of(install + removes + compat)
    keys = {where.get(f"q{i}") for i in range(4)}
    assert len(keys) == 1 and keys.pop().startswith("assembly"), where
    assert {where.get(f"q{i}") for i in range(4, 7)} == {where["q4"]} and where["q4"].startswith("filtration"), where
    assert where.get("q7") != where["q0"], where  # the product is the subject: does it fit?


def test_customer_service_and_tech_support_are_one_theme_and_plugged_in_headphones_no_power_complaint():
    texts = ["Customer service was useless.", "Tech support never called back.", "Customer support hung up on me.",
             "The tech support agent was rude.", "Customer service kept me on hold for an hour.",
             "The power adapter died.", "The plug came loose after a month.", "The power cord frayed.",
             "The headphones crackle when plugged in.", "My phone is not charging when plugged into the USB port.",
             "The headphones crackle all the time."]
    a = analyse(texts, sentiment=False)
    th = find_themes(a, a.corpus.tok_doc, len(texts), product_words=["laptop"])
    assert len(set(th.assign[:5].tolist())) == 1 and th.assign[0] >= 0, th.assign
    power = th.assign[5]
    assert power >= 0 and th.assign[6] == th.assign[7] == power and th.assign[0] != power, th.assign
    assert th.assign[8] != power and th.assign[9] != power, (th.assign, th.keys)


def test_a_label_keeps_the_capitals_of_an_acronym_but_not_of_a_shouted_word():
    th = text.question_themes(_questions(["Is this CPSC certified?", "Are these CPSC certified?", "Is it CPSC certified?",
                                          "Was it tested to ASTM F963?"]), default_params(), min_theme_count=2)
    assert "CPSC" in th["theme"].iloc[0], th["theme"].tolist()
    texts = ["The power supply died after a week.", "HOW DOES THE POWER SUPPLY NOT WORK!!!",
             "My power supply went bad.", "The power supply whines.", "The keys stick all the time.",
             "Two keys stick after a week.", "Several keys stick.", "The keys stick."]
    a = analyse(texts, sentiment=False)
    th = find_themes(a, a.corpus.tok_doc, len(texts), product_words=["laptop"])
    supply = th.labels[th.assign[0]]
    assert "supply" in supply.lower() and "SUPPLY" not in supply, th.labels


def test_colour_questions_are_one_theme_answered_by_a_listing_that_names_a_colour():
    q = _questions(["Gibt es das auch in Schwarz?", "Gibt es das auch in Weiß?", "Gibt es das in Schwarz?",
                    "Hat der Knopf einen blauen Ring?"])
    listings = pd.DataFrame({"asin": ["A1", "A2"], "title": ["Abtropfgestell", "Geschirrständer"],
                             "bullets": ["Edelstahl | schwarz", "Edelstahl | rostfrei"]})
    gaps = text.demand_gaps(q, listings, default_params(), asins=["A1", "A2"], min_theme_count=2)
    colour = gaps[gaps["theme_key"].str.startswith("colour")]
    assert len(colour) == 1 and colour.iloc[0]["questions"] == 3, gaps[["theme_key", "questions"]]
    assert colour.iloc[0]["listings_answering"] == 1 and not colour.iloc[0]["gap"]


def test_a_label_never_runs_across_a_judgement():
    texts = ["They have the worlds very worst repair service.", "They would repair one thing and send it back.",
             "I had to pay for the repair twice.", "The keys stick all the time.", "Two keys stick after a week.",
             "Several keys stick."]
    a = analyse(texts, sentiment=False)
    th = find_themes(a, a.corpus.tok_doc, len(texts), product_words=["laptop"])
    repair = th.labels[th.assign[0]]
    assert "repair" in repair and "worst" not in repair, th.labels


def test_a_problem_said_with_a_negated_opposite_is_one_theme_with_it():
    # real German mug reviews say a leak as 'undicht' and as 'nicht dicht' (tests/data/de_household_reviews)
    bad = ["Der Becher ist undicht.", "Becher leider undicht, alles nass.", "Der Deckel ist undicht.",
           "Der Becher ist nicht dicht.", "Leider nie dicht, der Becher.", "Deckel nicht dicht, Kaffee läuft aus."]
    reviews = pd.DataFrame({"text": bad, "rating": [1.0] * len(bad)})
    de = {**default_params(), "category": {"language": "de"}}
    themes = text.review_themes(reviews, de, positive=False, top_n=10, min_reviews=1)
    assert len(themes) == 1, themes[["theme", "reviews"]].to_dict("records")
    quotes = themes["quotes"].iloc[0]
    assert themes["reviews"].iloc[0] >= 5  # (3 before: the 'nicht dicht' reviews made no theme)
    assert any("undicht" in q for q in quotes) and any("nicht dicht" in q for q in quotes), quotes


def _theme_keys(texts) -> list[str]:
    """The key of the theme each text (one statement each) joins, '' for none."""
    a = analyse(texts, sentiment=False)
    th = find_themes(a, a.corpus.tok_doc, len(texts))
    return [th.keys[t] if t >= 0 else "" for t in th.assign]


def _pain_points(texts, keywords):
    posts = pd.DataFrame({"doc_id": [f"p{i}" for i in range(len(texts))], "source": "review", "text": texts,
                          "score": 0, "ds": pd.Timestamp("2026-10-01", tz="UTC"), "url": ""})
    params = {**default_params(), "category": {"keywords": keywords}}
    return text.pain_point_statements(posts, params, min_theme_size=2)


def test_statements_naming_only_the_product_and_its_fault_keep_their_theme_with_the_product_in_the_label():
    # on real German Amazon reviews (MARC, not redistributable) 'wackelig' statements are mostly 'Das Regal ist
    # wackelig.': product word + adjective, no phrase of two content words; the theme got no label and was dropped
    wobbly = ["Das Regal ist wackelig.", "Das Regal ist sehr wackelig, leider.", "Regal wackelig, zurückgeschickt.",
              "Leider ist das Regal total wackelig.", "The shelf is wobbly.", "Very wobbly shelf, disappointed.",
              "Das Regal ist instabil.", "Nicht stabil genug.", "The shelf is not sturdy at all."]
    other = ["Rostet nach drei Wochen.", "Nach zwei Wochen rostet es.", "It rusts after a few weeks.",
             "Rust after two weeks, annoying."]
    st = _pain_points(wobbly + other, ["Regal", "shelf"])
    themes = st.set_index("sentence")["theme"]
    label = themes[wobbly[0]]
    assert label and (themes[wobbly] == label).all(), themes.to_dict()  # 'nicht stabil', 'not sturdy': wobbly
    words = label.lower().split()
    assert any(w in words for w in ("wackelig", "wobbly")) and len(words) >= 2, label  # never the product alone
    assert (themes[other] != label).all() and themes[other].nunique() == 1


def test_parts_missing_from_the_box_are_one_theme_across_languages_and_missed_is_not_missing():
    missing = ["Die Schrauben fehlen.", "Es fehlten zwei Schrauben.", "Screws were missing.",
               "Two screws missing from the box.", "Il manque des vis dans le carton.",
               "Me llegó el paquete y faltan tornillos, no se puede montar."]
    other = ["I missed the return window.", "Missed the return window by a day.", "I really miss the old design.",
             "I miss the old design."]
    st = _pain_points(missing + other, ["shelf", "Regal"])
    themes = st.set_index("sentence")["theme"]
    label = themes[missing[0]]
    assert label and (themes[missing] == label).all(), themes.to_dict()
    assert (themes[other] != label).all(), themes.to_dict()


def test_judgements_star_counts_and_intensifiers_key_no_theme_and_a_word_keeps_its_sense_in_context():
    # from the largest themes of 4,000 real 1-2-star German and English Amazon reviews (MARC): 'Stern geben' (25
    # statements), 'Klebepads absoluter' (29), 'Wippe ist echt billig' keyed on 'echt', 'lässt sich schwer' keyed
    # on the weight, 'low quality' on the height
    texts = ["Leider nur 1 Stern, da gibt es bessere Produkte.", "Am liebsten hätte ich keinen Stern gegeben.",
             "Ich würde null Sterne geben.", "Absoluter Schrott.", "Leider absoluter Fehlkauf!", "Absoluter Müll.",
             "Der Deckel lässt sich schwer öffnen.", "Die Schublade lässt sich schwer herausziehen.",
             "Die Anleitung ist schwer zu lesen.", "Es ist einfach zu schwer.", "Viel zu schwer zum Tragen.",
             "Very low quality.", "These are really low quality.", "The seat is too low.", "The table is too low for us."]
    keys = dict(zip(texts, _theme_keys(texts)))
    assert not {keys[t] for t in texts[:6]} & {"stern", "absolut", "echt"}, keys
    assert keys["Es ist einfach zu schwer."] == keys["Viel zu schwer zum Tragen."] == "weight", keys
    assert "weight" not in {keys[t] for t in texts[6:9]}, keys
    assert keys["The seat is too low."] == keys["The table is too low for us."] == "height", keys
    assert "height" not in {keys["Very low quality."], keys["These are really low quality."]}, keys


def test_a_complaint_theme_is_not_labelled_with_praise_said_beside_the_complaint():
    # on 4,000 real 1-2-star German and Spanish Amazon reviews (MARC) the delivery complaints were labelled
    # 'schnelle Lieferung' (118 statements), the installation ones 'instalación es fácil'
    texts = ["Schnelle Lieferung, aber das Glas war gesprungen.", "Sehr schnelle Lieferung, aber leider beschädigt geliefert.",
             "Schnelle Lieferung, doch die Ware kam beschädigt an.", "Schnelle Lieferung, aber der Deckel war zerkratzt.",
             "Schnelle Lieferung, aber beschädigt angekommen.", "Beschädigt geliefert, sehr ärgerlich.",
             "Die Lieferung dauerte drei Wochen."]
    st = _pain_points(texts, ["Wasserkocher"])
    labels = set(st["theme"]) - {""}
    assert labels and not any("schnell" in t.lower() for t in labels), labels  # 'schnelle Lieferung' before
    assert any("beschädigt" in t.lower() for t in labels), labels


def test_french_spanish_italian_problem_words_key_their_concept_in_every_gender_and_number():
    # on 4,000 real 1-2-star French and Spanish Amazon reviews (MARC) 'arrivée cassée' (20 statements) and 'rompieron
    # esquinas' (36) were themes apart from the broken one: the concept lists held only 'cassé', 'roto', 'rota'
    texts = ["Arrivée cassée, très déçu.", "Le couvercle est cassé.", "Les pieds sont cassés après une semaine.",
             "Llegó roto, una pena.", "Se rompió la tapa al segundo día.", "Las patas de la mesa llegaron rotas, qué pena.",
             "Il tavolo è arrivato rotto, che peccato.", "Le gambe del tavolo sono rotte.", "Tombé en panne après deux mois.",
             "Produit bas de gamme.", "Produit mal fini.", "Reçu fin mars, en retard.", "Tee-shirt trop fin.",
             "Le coton est très fin."]
    keys = _theme_keys(texts)
    assert keys[:8] == ["broken"] * 8, dict(zip(texts, keys))
    assert keys[8] != "falls out" and keys[9] != "height", dict(zip(texts, keys))
    # French 'fin' is thin ('trop fin') and the end ('fin mars', 'à la fin'); 'fini' is finished: the thin theme of
    # the MARC French reviews (57 statements) was labelled 'fin mars'
    assert keys[12] == keys[13] == "thin" and "thin" not in keys[10:12], dict(zip(texts, keys))


def test_german_sicher_nicht_says_certainly_not_and_nothing_about_safety():
    # on 4,000 real 1-2-star German Amazon reviews (MARC) the safety theme (30 statements) was labelled 'Fehler tritt
    # sicher nicht' and held "sicher nicht gesund", "Das Gerät wurde sicher nicht für guten Klang konzipiert"
    texts = ["Der Fehler tritt sicher nicht immer auf.", "Das Gerät wurde sicher nicht für guten Klang konzipiert.",
             "Das ist sicher kein Silikon.", "Der Deckel sitzt nicht sicher.", "Die Halterung hält das Handy nicht sicher.",
             "Die Verpackung war nicht sicher."]
    keys = _theme_keys(texts)
    assert "safe" not in keys[:3] and keys[3:] == ["safe"] * 3, dict(zip(texts, keys))


def test_german_haengt_and_so_langsam_say_nothing_about_a_slow_device():
    # on 4,000 real 1-2-star German Amazon reviews (MARC) 9 of the 20 statements of the slowness theme said that
    # something hangs ('hängt lose', 'hängt wie ein Sack durch') or happens gradually ('so langsam')
    texts = ["Die Tasche hängt wie ein Sack durch.", "Hängt lose in der Halterung.", "Es entstehen so langsam Löcher.",
             "Der Computer ist sehr langsam.", "Das Gerät ist viel zu langsam.", "Die Software ruckelt ständig."]
    keys = _theme_keys(texts)
    assert "slow" not in keys[:3] and keys[3:] == ["slow"] * 3, dict(zip(texts, keys))


def _labels(texts, keywords=("Artikel",)) -> dict[str, str]:
    st = _pain_points(texts, list(keywords))
    return st.set_index("sentence")["theme"].to_dict()


def test_a_label_ends_on_a_negator_only_where_it_negates_what_came_before():
    # on 4,000 real 1-2-star French Amazon reviews (MARC) labels ended on a negator that belonged to the next words:
    # 'article non reçu pas' ("... pas de remboursement"), 'taille très petit pas' ("... pas conforme")
    texts = ["Article non reçu pas de remboursement.", "Article non reçu, pas de réponse.",
             "Article non reçu pas de nouvelles.", "Article non reçu pas de suivi.",
             "Le couvercle ne ferme pas.", "Couvercle ne ferme pas, dommage.", "Le couvercle ne ferme pas bien.",
             "Der Deckel passt nicht.", "Deckel passt nicht, schade.", "Leider passt der Deckel nicht."]
    labels = _labels(texts)
    assert labels[texts[0]] and not labels[texts[0]].endswith("pas"), labels
    # where the negation closes its clause, or follows 'ne', it says the problem (one lid theme in both languages)
    assert labels[texts[5]] == labels[texts[7]] and labels[texts[7]].split()[-1] in ("pas", "nicht"), labels


def test_a_number_stands_in_a_label_only_with_what_it_counts_or_names():
    # the tokens lose '%' and '€': on real MARC reviews labels read 'screws will 100 not fit' ("100% not") and
    # 'jeter 14 a la poubelle' ("14€ à la poubelle"); 'leaked after 6 months' and 'Windows 8' keep their number
    texts = ["The screws will 100% not fit.", "These screws will 100% not fit the holes.", "Screws will 100% not fit.",
             "The screws did not fit.", "Screws don't fit the holes.",
             "It leaked after 6 months.", "Leaked after 6 months of use.", "The lid leaked after 6 months.",
             "Windows 8 is not supported.", "Sadly Windows 8 is not supported.", "Windows 8 is not supported at all."]
    labels = _labels(texts, ["laptop", "bottle"])
    assert not any("100" in lab for lab in labels.values()), labels
    assert "6 months" in labels[texts[5]], labels
    assert "Windows 8" in labels[texts[8]], labels


def test_a_battery_charge_is_no_load_capacity_and_a_loose_contact_no_wobbly_shelf():
    # on 4,000 real 1-2-star French, Spanish and German Amazon reviews (MARC) 'batterie ne se chargeant pas' (36
    # statements) and 'carga no era muy rápida' (21) keyed the load-capacity theme, 'Wackelkontakt am Kabel' (50) the
    # wobbly one
    texts = ["La batterie ne se charge pas.", "Le chargeur ne charge plus.", "La carga no es rápida.",
             "El cable de carga no funciona.", "Wackelkontakt am Kabel.", "Das Kabel hat einen Wackelkontakt.",
             "Capacité trop faible pour mes casseroles.", "Das Regal ist wackelig."]
    keys = dict(zip(texts, _theme_keys(texts)))
    assert "capacity" not in {keys[t] for t in texts[:4]}, keys
    assert "wobbly" not in {keys[t] for t in texts[4:6]}, keys


def test_german_missing_parts_are_labelled_with_the_parts_not_the_delivery():
    # on 4,000 real 1-2-star German Amazon reviews (MARC) the missing-parts theme (63 statements) was labelled
    # 'Lieferung fehlten' ("Bei der Lieferung fehlten ..."): 'Teile' was a filler word like 'Teil' ('das Teil')
    texts = ["Bei der Lieferung fehlten zwei Teile.", "Leider fehlen Teile.", "Es fehlen Teile, Aufbau unmöglich.",
             "Teile fehlten, sehr ärgerlich.", "Falsche Lieferung, Kissen fehlten.",
             "Rostet nach drei Wochen.", "Nach zwei Wochen rostet es.", "Das Regal rostet schon.",
             "Der Lack blättert ab.", "Der Lack blättert nach einer Woche ab.", "Die Lieferung kam zu spät.",
             "Lieferung dauerte drei Wochen."]
    labels = _labels(texts, ["Regal"])
    missing = labels[texts[1]]
    assert "Teile" in missing.split() and "Lieferung" not in missing, labels


def test_hanging_a_rack_and_freezing_food_say_nothing_about_a_slow_device():
    # on 4,000 real 1-2-star English Amazon reviews (MARC) 14 of the 30 statements of the slowness theme hung
    # something ('hangs way too low on the thigh', 'a good place to hang this rack'), froze food ('tried freezing
    # it', 'two cubes per freezing') or crashed otherwise ('a crashing noise from my bathroom')
    texts = ["It hangs way too low on the thigh.", "There is no good place to hang this rack.",
             "I tried freezing it but it stayed cold for minutes.", "I heard a crashing noise from the bathroom.",
             "The tablet is very slow.", "Movie freezes up.", "The app crashes right away.", "Works really slow."]
    keys = _theme_keys(texts)
    assert "slow" not in keys[:4] and keys[4:] == ["slow"] * 4, dict(zip(texts, keys))


def test_a_low_price_volume_or_rating_and_spanish_bajo_as_under_say_nothing_about_the_height():
    # on 4,000 real 1-2-star English and Spanish Amazon reviews (MARC) the height themes held 'quality is too low',
    # 'the price was incredibly low', 'a low rating', 'el volumen es muy bajo', 'bajo ningún concepto' (under no
    # circumstances), 'bajo mi punto de vista'
    texts = ["Nice style, but quality is too low!", "The price was incredibly low so I figured why not.",
             "I hate to give nice glasses a low rating.", "El volumen es muy bajo.", "No lo recomiendo bajo ningún concepto.",
             "El producto bajo mi punto de vista no sirve.",
             "The table is too low for us.", "The seat is way too low.", "La mesa es demasiado baja, y el banco muy bajo.",
             "El asiento es muy bajo."]
    keys = _theme_keys(texts)
    assert "height" not in keys[:6], dict(zip(texts, keys))
    assert keys[6] == keys[7] == keys[9] == "height", dict(zip(texts, keys))


def test_a_star_taken_off_is_no_praise_theme():
    # on 3,000 real 4-5-star German Amazon reviews (MARC) 'Punkt Abzug' was a praise theme of 32 reviews: "Ein Stern
    # Abzug, da es etwas schneller aufwärmen könnte", "Ein (halber) Stern Abzug, weil sie sehr leicht brechen"
    good = ["Super Becher, hält lange warm.", "Toller Becher, hält den Kaffee lange warm.", "Hält lange warm, sehr zufrieden.",
            "Schönes Design und hält warm.", "Sehr schön, hält warm."]
    deduction = ["Einen Stern Abzug, weil der Deckel schwer aufgeht.", "Ein Stern Abzug, da der Deckel klemmt.",
                 "Einen Punkt Abzug für den Deckel.", "Ein Punkt Abzug, weil er nicht in den Halter passt."]
    reviews = pd.DataFrame({"rating": 4.0, "text": [g + " " + d for g, d in zip(good, [*deduction, ""])]})
    de = {**default_params(), "category": {"language": "de"}}
    themes = text.review_themes(reviews, de, positive=True, top_n=10, min_reviews=2)
    quoted = [q for qs in themes["quotes"] for q in qs]
    assert not any("Abzug" in q for q in quoted) and not any("Abzug" in t for t in themes["theme"]), themes


def test_an_unstable_radio_link_is_no_wobbly_shelf_and_german_faellt_aus_runs_small():
    # on 4,000 real 1-2-star German Amazon reviews (MARC) the wobbly theme was labelled 'Verbindung ist sehr instabil'
    # and half of the falls-out theme's 35 statements said a size ('fällt eher klein aus'), a fee ('fallen Gebühren
    # an') or that something is noticed ('fällt sofort auf')
    texts = ["Die Verbindung ist sehr instabil.", "Leider keine stabile Verbindung zum Handy.", "Unstable wifi connection.",
             "Das Regal ist wackelig.", "Das Regal ist instabil.", "Nicht stabil genug.",
             "Fällt eher klein aus.", "Die Schuhe fallen sehr klein aus.", "Bei der Rücksendung fallen Gebühren an.",
             "Die Haken fallen ab.", "Der Deckel fällt ständig ab.", "Die Magnete fallen heraus."]
    keys = _theme_keys(texts)
    assert "wobbly" not in keys[:3] and keys[3:6] == ["wobbly"] * 3, dict(zip(texts, keys))
    assert "falls out" not in keys[6:9] and keys[9:] == ["falls out"] * 3, dict(zip(texts, keys))


def test_a_downside_in_a_happy_review_is_no_praise_theme_but_a_trouble_it_never_had_is():
    # on 3,000 real 4-5-star English Amazon reviews (MARC) praise themes were labelled 'break easily' ("They break easily
    # though and when they do, it smells."), 'fall off very easy' and 'pretty thin' ("They work but are thin.")
    praise = ["Great brush, cleans the grill well.", "Cleans the grill well and is very sturdy.",
              "Love it, cleans well.", "Cleans the grill grate well.", "Cleans well, love it."]
    downsides = ["The bristles fall off very easy.", "They break easily though.", "The handle is thin.",
                 "One of the bristles did fall off.", "Compared to the old one the bristles feel slightly thinner."]
    never = ["The bristles don't fall off.", "The bristles never fall off.", "No bristles fall off.",
             "It doesn't break easily."]
    reviews = pd.DataFrame({"rating": 5.0, "text": [p + " " + d for p, d in zip(praise, downsides)] + never})
    themes = text.review_themes(reviews, default_params(), positive=True, top_n=10, min_reviews=2)
    quoted = [q for qs in themes["quotes"] for q in qs]
    assert not any(d in quoted for d in downsides), themes[["theme", "quotes"]].to_dict("records")
    assert not any(w in t for t in themes["theme"] for w in ("easy", "thin", "did fall")), themes["theme"].tolist()
    # what they praise stays: cleaning, and bristles that do not fall off
    assert any("leans" in q for q in quoted) and any(q in never for q in quoted), themes[["theme", "quotes"]]


def test_isnt_and_doesnt_negate_a_concept_word_like_not():
    keys = _theme_keys(["The bottle is not waterproof.", "The bottle isn't waterproof.", "The bottle leaks.",
                        "The shelf is not sturdy.", "The shelf isn't sturdy.", "The shelf wobbles."])
    assert keys == ["water"] * 3 + ["wobbly"] * 3, keys


def test_a_warning_idiom_keys_no_theme_but_the_fingers_it_pinches_do():
    # on 4,000 real 1-2-star German Amazon reviews (MARC) 31 statements, most of them 'Finger weg!' (stay away),
    # made a theme labelled 'dampfen Finger'
    warnings = ["Finger weg!", "FINGER WEG!", "Finger weg davon.", "Also besser Finger weg.", "Lasst die Finger davon.",
                "Stay away from this one.", "Stay away.", "Steer clear."]
    keys = _theme_keys(warnings + ["Der Deckel ist undicht.", "Deckel undicht."])
    assert keys[:len(warnings)] == [""] * len(warnings) and keys[-1] == "water", dict(zip(warnings, keys))
    pinch = ["Man klemmt sich die Finger ein.", "Die Finger klemmt man sich ein.", "Klemmt die Finger im Scharnier ein."]
    keys = _theme_keys(warnings[:3] + pinch)
    assert keys[:3] == [""] * 3 and len(set(keys[3:])) == 1 and keys[3] != "", dict(zip(warnings[:3] + pinch, keys))


def test_a_theme_of_things_never_received_is_labelled_never_received():
    # on 4,000 real 1-2-star English Amazon reviews (MARC) the 74 statements "Never received item.", "I did not receive
    # this order." ... were labelled 'received was a boot leg', the one phrase of two content words among them
    said = ["Never received item.", "I never received this item.", "Never received product.", "I did not receive this order.",
            "Never received it!", "Product was never received.", "I have not received my order yet!",
            "Never received the item.", "Still haven't received the item!", "The plush I received was a boot leg."]
    other = ["The lid cracked after a week.", "Lid cracked in the dishwasher.", "The handle is wobbly.", "Wobbly handle.",
             "The paint peels off.", "Paint peeling after a month.", "It smells of chemicals.", "Strong chemical smell.",
             "The hinge snapped.", "Hinge snapped off.", "Too small for my plates.", "Way too small."]
    reviews = pd.DataFrame({"text": said + other, "rating": 1.0})
    themes = text.review_themes(reviews, default_params(), positive=False, top_n=10, min_reviews=2)
    assert "never received" in themes["theme"].tolist(), themes[["theme", "reviews"]].to_dict("records")


def test_a_hyphenated_concept_word_keys_its_concept_though_the_tokeniser_splits_it():
    # 'lave-vaisselle' is listed as a dishwasher word, but the tokeniser splits words at hyphens: French dishwasher
    # complaints never joined the German and English ones ('le couvercle ... lave-vaisselle' keyed the lid)
    texts = ["Le couvercle ne passe pas au lave-vaisselle.", "Pas compatible lave vaisselle.",
             "Nicht spülmaschinenfest, der Deckel.", "Not dishwasher safe.",
             "Kein EU-Stecker dabei.", "Der Stecker passt nicht in die Steckdose."]
    keys = _theme_keys(texts)
    assert keys[:4] == ["dishwasher"] * 4 and keys[4:] == ["power"] * 2, dict(zip(texts, keys))


def test_buying_again_or_not_is_no_theme_in_spanish_and_french_as_in_english():
    # on 4,000 real 1-2-star Spanish Amazon reviews (MARC) 70 statements made a theme 'compra de Amazon' ('no volveré a
    # comprar', 'mi primera compra en Amazon'), on the French ones "déconseil l'achat"; English 'buy', 'purchase' key none
    texts = ["No volveré a comprar.", "No lo vuelvo a comprar.", "Mi primera compra en Amazon y mala.", "No volveré a comprar aquí.",
             "Je déconseille l'achat.", "Achat à éviter.", "Je ne rachèterai pas, mauvais achat.",
             "La tapa se rompió.", "Se rompió la tapa.", "Le couvercle fuit.", "Le couvercle fuit beaucoup."]
    keys = _theme_keys(texts)
    assert keys[:7] == [""] * 7 and keys[7] == keys[8] != "", dict(zip(texts, keys))


def test_a_question_label_is_written_as_the_customer_asked_it():
    # real appliance questions (tests/data/qa_appliances_dev): a label spelled from the words read '3/4 hp' as
    # '3 4 hp', 'model 596.79872990' as 'model 596 79872990', 'below 16%?' as 'below 16?'
    qs = ["Will this fit a 3/4 hp disposal?", "Will this fit a 3/4 hp disposal?", "Will it fit my 1/2 hp disposal?",
          "Does it fit model 596.79872990?", "Does this fit model 596.79872990?"]
    th = text.question_themes(_questions(qs), default_params(), min_theme_count=2)
    assert th["theme"].tolist() == ["will this fit a 3/4 hp disposal?"], th["theme"].tolist()
    # ... what closes a sentence stays with it
    th = text.question_themes(_questions(["Is it 'dishwasher safe'?", "Is it 'dishwasher safe'?",
                                          "Can it go in the dishwasher?", "IS IT DISHWASHER SAFE?", "What size is it?",
                                          "Does it come with screws?", "What is included?"]),
                              default_params(), min_theme_count=2)
    assert th["theme"].iloc[0] == "is it 'dishwasher safe'?", th["theme"].tolist()
    a = analyse(["Does it read humidity below 16%? (Or 20%)", "Costs 20€. Fine"], sentiment=False)
    assert a.corpus.sentence_text([0, 1, 2, 3]) == ["Does it read humidity below 16%?", "Or 20%", "Costs 20€.",
                                                      "Fine"]


def test_a_drip_pan_or_tray_is_a_part_and_no_leak():
    # real appliance questions (tests/data/qa_appliances_dev): 'Are the drip pans and trim rings two separate
    # pieces?' keyed a theme on *water* (leaks) with questions about leaking humidifiers
    texts = ["The drip pans are too small for my stove.", "The drip tray is hard to clean.",
             "The drip pans rust after a month.", "Drip coffee tastes burnt.",
             "The tray drips onto the counter.", "Water drips everywhere.", "It drips all over the floor.",
             "The lid leaks and drips."]
    keys = _theme_keys(texts)
    assert "water" not in keys[:4] and keys[4:] == ["water"] * 4, dict(zip(texts, keys))


def test_german_separable_verbs_and_keeping_warm_key_what_they_say():
    # real German thermal-mug reviews (tests/data/de_household_pain_points): 'der Becher läuft ständig aus' leaks,
    # 'die Beschichtung löst sich ab' peels ('der Tab löst sich nicht auf' does not), 'hält nicht lange heiß' is
    # about keeping warm, 'wird sehr heiß' about overheating
    texts = ["Der Becher läuft ständig aus.", "Leider laufen die Becher aus.", "Der Becher ist undicht.",
             "Schon nach zwei Wochen undicht.",
             "Die Beschichtung löst sich ab.", "Leider geht die Farbe nach zwei Wochen ab.", "Die Farbe blättert ab.",
             "Der Tab löst sich nicht auf.", "Der Tab löst sich leider nicht auf.",
             "Lange heiß hält er leider nicht.", "Er hält den Kaffee nicht lange heiß.", "Hält nicht lange warm.",
             "Nach einer Stunde nur noch lauwarm.",
             "Das Netzteil wird sehr heiß.", "Der Akku wird heiß.", "Das Ladegerät wird extrem heiß."]
    keys = _theme_keys(texts)
    assert keys[:4] == ["water"] * 4 and keys[4:7] == ["peeling"] * 3, dict(zip(texts, keys))
    assert "peeling" not in keys[7:9] and keys[9:13] == ["insulation"] * 4, dict(zip(texts, keys))
    assert keys[13:] == ["hot"] * 3, dict(zip(texts, keys))
    a = analyse(texts[:4], sentiment=False)
    label = find_themes(a, a.corpus.tok_doc, 4, product_words=["becher"], sign=-1).labels[0]
    assert label.endswith("aus") or "undicht" in label, label  # never 'ständig läuft' without its particle


def test_an_order_that_never_came_is_one_theme_whatever_the_verb_and_language():
    # on 4,000 real 1-2-star German Amazon reviews (MARC) 'Ware nicht erhalten', 'Ware nie angekommen' and 'Ware nicht
    # bekommen' were three themes of 97 statements, the last also holding 'einen Ausschlag bekommen'
    texts = ["Habe die Ware bis heute nicht erhalten.", "Leider ist die Ware nie angekommen.",
             "Hab das Paket nie bekommen.", "Never delivered to my address.", "Je n'ai jamais reçu le colis.",
             "Todavía no me ha llegado.",
             "Ware erhalten, aber der Deckel war kaputt.", "Mein Sohn hat davon Ausschlag bekommen.",
             "Leider bekomme ich sie nicht mehr sauber."]
    keys = _theme_keys(texts)
    assert keys[:6] == ["not received"] * 6 and "not received" not in keys[6:], dict(zip(texts, keys))


def test_monday_and_a_connection_set_up_are_no_assembly():
    # on 4,000 real 1-2-star German Amazon reviews (MARC) the assembly theme held 'ein Montagsexemplar', 'Montag-Bank'
    # ('Montag' shares the stem of 'Montage') and 'es wird keine Verbindung mehr aufgebaut'
    texts = ["Vielleicht habe ich nur ein Montagsexemplar erwischt.", "Am Montag kam das Paket kaputt an.",
             "Es wird keine Verbindung mehr aufgebaut.",
             "Die Montage ist sehr kompliziert.", "Die Montage dauert ewig.", "Der Aufbau ist sehr kompliziert.",
             "Der Aufbau dauert Stunden."]
    keys = _theme_keys(texts)
    assert "assembly" not in keys[:3] and keys[3:] == ["assembly"] * 4, dict(zip(texts, keys))
