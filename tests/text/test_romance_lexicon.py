"""French, Spanish and Italian reviews: the keywords give reasons, not verdicts or elided stopwords,
short reviews are told apart from English, and the aspects are the parts people judge, not the verbs
after a negator or pronoun nor the words of the purchase story; a noun and the adjective after it can
be one ('cristal templado'), an opinion word never part of one."""

import pandas as pd
import pytest

from seller_lab import text
from seller_lab.text import lexicon as lx
from seller_lab.text.preprocess import detect_language

FRENCH_BAD = [
    "J'ai reçu la bouilloire hier, c'est déjà cassé, le couvercle ne ferme plus. Je déconseille.",
    "Très déçue, le couvercle est cassé et la bouilloire fuit. Mauvaise qualité.",
    "Décevant : elle fuit par le fond et c'est bruyant. Je n'ai pas eu de remboursement.",
    "Le couvercle s'est cassé au bout d'une semaine, j'ai demandé un remboursement. Nul.",
    "Mauvaise qualité, la bouilloire fuit et le couvercle n'a jamais bien fermé, c'est dommage.",
    "Elle fuit dès la première utilisation, j'ai dû la renvoyer. Je déconseille cet achat.",
]
FRENCH_GOOD = [
    "Très pratique, l'eau chauffe vite et le couvercle s'ouvre facilement. Je recommande !",
    "Contente de mon achat, chauffe vite et silencieuse. Je la recommande.",
    "Je suis très satisfaite, elle chauffe vite, le design est joli. Parfait.",
    "Chauffe vite, silencieuse et facile à nettoyer. Je recommande vivement.",
    "Ravie : silencieuse, chauffe vite, c'est exactement ce que je cherchais.",
    "Satisfait, elle est silencieuse et facile à remplir, j'adore.",
]
SPANISH_BAD = [
    "No lo recomiendo, la tapa llegó rota y el agua gotea por la base.",
    "Muy decepcionado, gotea desde el primer día y la tapa no cierra. Pésima calidad.",
    "La tapa se rompió a la semana, lo he devuelto. No lo recomiendo.",
    "Decepcionada, gotea por la base y el asa se calienta mucho.",
    "Pésimo, la tapa no cierra bien y gotea, he pedido el reembolso.",
    "No me ha gustado nada, gotea y hace mucho ruido.",
]
SPANISH_GOOD = [
    "Me encanta, calienta rápido y es muy silenciosa. Totalmente recomendable.",
    "Muy contenta con la compra, calienta rápido y se limpia fácil.",
    "Perfecto, silenciosa y calienta rápido. Lo recomiendo.",
    "Estoy encantado, calienta rápido y la tapa abre sola.",
    "Recomendable, silenciosa y fácil de llenar, me encanta el diseño.",
    "Genial, calienta rápido y es silenciosa, estoy satisfecho.",
]
ITALIAN_BAD = [
    "Purtroppo è arrivato rotto, c'è una crepa sul coperchio. Lo sconsiglio.",
    "Deluso: perde acqua dalla base e il coperchio non si chiude. L'ho restituito.",
    "Pessima qualità, perde acqua dopo una settimana e c'è una crepa.",
    "Il coperchio si è rotto subito, l'ho restituito. Sconsiglio.",
    "Delusa, perde acqua e il manico si scalda troppo. Purtroppo l'ho buttato.",
    "Scadente: perde acqua dal fondo, c'è odore di plastica.",
]
ITALIAN_GOOD = [
    "Ottimo bollitore, scalda in fretta ed è silenzioso. Lo consiglio.",
    "Perfetto, silenzioso e facile da pulire, sono soddisfatta.",
    "Ottima scelta, scalda in fretta, consigliato.",
    "Sono contenta, silenzioso e si riempie facilmente.",
    "Scalda in fretta e il coperchio si apre da solo, ottimo.",
    "Soddisfatto: silenzioso, scalda in fretta, lo consiglio.",
]
ENGLISH_BAD = [
    "The lid broke after a week and the kettle leaks at the base. Disappointed.",
    "Leaks from the base, the lid will not close. Would not buy again.",
    "The lid cracked and it leaks everywhere, returned it.",
    "It leaks at the base and the handle gets hot. Not glad I bought it.",
    "Lid broke within days and the base leaks, poor quality.",
    "Leaks at the seam and the lid is flimsy, avoid.",
]
ENGLISH_GOOD = [
    "Boils fast and very quiet. Highly recommend!",
    "Really enjoyed it so far: quiet, boils fast, easy to pour. Highly recommend.",
    "Quiet and boils fast, glad I bought it. My favorite kitchen gadget, does the job.",
    "Highly recommend, boils fast and stays quiet. Use it a lot.",
    "Pleased with it: quiet, boils water fast, pours well. A bit small but does the job.",
    "Enjoyed using it every morning, quiet and fast. Glad I chose this one, a bit pricey, use it a lot.",
]
VERDICTS = {"en": {"highly", "enjoyed", "glad", "pleased", "favorite", "bit", "lot", "job"},
            "fr": {"j'ai", "c'est", "n'a", "n'ai", "s'est", "mauvaise", "déconseille", "décevant", "déçue", "nul",
                   "recommande", "contente", "satisfaite", "satisfait", "ravie", "j'adore", "parfait"},
            "es": {"recomiendo", "decepcionado", "decepcionada", "pésimo", "pésima", "gustado", "encanta",
                   "contenta", "encantado", "recomendable", "perfecto", "genial", "satisfecho"},
            "it": {"purtroppo", "c'è", "l'ho", "sconsiglio", "deluso", "delusa", "pessima", "scadente",
                   "ottimo", "ottima", "consiglio", "consigliato", "soddisfatta", "soddisfatto", "contenta", "perfetto"}}


def _reviews(bad, good):
    texts = bad + good
    return pd.DataFrame({"doc_id": [f"r{i}" for i in range(len(texts))], "asin": "B0KETTLE", "title": "",
                         "text": texts, "rating": [1.0, 2.0] * (len(bad) // 2) + [5.0, 4.0] * (len(good) // 2)})


@pytest.mark.parametrize("lang, bad, good, reason, praise", [
    ("en", ENGLISH_BAD, ENGLISH_GOOD, {"leaks", "lid", "base"}, {"quiet", "boils", "fast"}),
    ("fr", FRENCH_BAD, FRENCH_GOOD, {"fuit", "cassé", "couvercle"}, {"chauffe", "vite", "silencieuse"}),
    ("es", SPANISH_BAD, SPANISH_GOOD, {"gotea", "tapa"}, {"calienta", "rápido", "silenciosa"}),
    ("it", ITALIAN_BAD, ITALIAN_GOOD, {"perde", "acqua", "crepa"}, {"scalda", "fretta", "silenzioso"}),
])
def test_romance_keywords_name_reasons_not_verdicts_or_elided_stopwords(lang, bad, good, reason, praise):
    reviews = _reviews(bad, good)
    neg = text.negative_reasons(reviews, min_count=2)
    pos = text.positive_keywords(reviews, min_count=2)
    words = {w for k in pd.concat([neg, pos])["keyword"] for w in k.split()}
    assert not words & VERDICTS[lang], sorted(words & VERDICTS[lang])
    assert {w for k in neg["keyword"].head(3) for w in k.split()} & reason
    assert {w for k in pos["keyword"].head(3) for w in k.split()} & praise


def test_french_and_italian_stopwords_include_their_elided_forms():
    assert {"j'ai", "c'est", "qu'il", "n'est", "d'un"} <= lx.stopwords("fr")
    assert {"c'è", "l'ho", "un'altro", "com'è"} <= lx.stopwords("it")
    assert "l'écran" not in lx.stopwords("fr") and "l'acqua" not in lx.stopwords("it")  # nouns stay content


def test_short_french_and_spanish_reviews_are_not_taken_for_english():
    found = detect_language(["Livré à temps, conforme et de bonne qualité. Je recommande.",
                             "Pratique et légère, et de bonne contenance.",
                             "La talla no es la que pedi",
                             "No es lo que se ve en la foto"], default="de")
    assert found.tolist() == ["fr", "fr", "es", "es"]
    assert detect_language(["The lid does not fit, so I sent it back."]).tolist() == ["en"]


# a bread box (Spanish) and a lunch box (French), written here: verbs after 'no', 'me', 'no lo', 'je le',
# an adjective after 'muy' ('un poco caro' puts it after an article too) and the words of a purchase story
# around the parts people judge
SPANISH_BREADBOX = [
    "No lo recomiendo, la tapa no cierra y el producto llegó rayado.",
    "La tapa es muy endeble, no funciona el cierre. Un poco caro para lo que es.",
    "Me gusta el diseño, pero la tapa se raya enseguida. Compra regular y muy caro.",
    "El producto llegó a tiempo, la madera es bonita y el diseño me gusta, aunque un poco caro.",
    "No funciona bien la tapa, el cierre se suelta. Muy caro y no lo recomiendo a nadie.",
    "Buena compra, la madera huele bien y el diseño me gusta mucho.",
    "La madera es de buena calidad aunque la tapa no funciona como debería.",
    "Me gusta, la madera es resistente; el pedido llegó en dos días.",
]
FRENCH_LUNCHBOX = [
    "Je le recommande, le couvercle ferme bien et le joint tient.",
    "Le couvercle fuit, je ne le recommande pas. Produit décevant.",
    "Le joint est souple, le couvercle se clipse bien, je le recommande.",
    "Commande reçue en deux jours, le couvercle est solide et le joint étanche.",
    "Le joint a lâché au bout de trois jours, je ne le recommande pas du tout.",
    "Bon produit, le couvercle est solide, je le recommande à tous.",
]


@pytest.mark.parametrize("texts, parts, not_aspects", [
    (SPANISH_BREADBOX, {"tapa", "madera", "diseño"}, {"recomiendo", "funciona", "gusta", "producto", "compra", "llegó", "caro"}),
    (FRENCH_LUNCHBOX, {"couvercle"}, {"recommande", "produit", "commande", "jours"}),
])
def test_romance_aspects_are_the_parts_not_the_verbs_or_the_purchase(texts, parts, not_aspects):
    reviews = pd.DataFrame({"text": texts, "rating": [2.0, 1.0, 3.0, 4.0, 1.0, 5.0, 4.0, 5.0][:len(texts)]})
    aspects = {a.lower() for a in text.review_aspects(reviews, None, min_df=2)["aspect"]}
    assert parts <= aspects, aspects
    assert not aspects & not_aspects, aspects & not_aspects


# a coffee maker (Spanish) and a frying pan (French), written here: adjectives and verbs after the noun
# ('la jarra inmejorable', 'la poêle chauffe'), after a copula or 'bien' ('es cara', 'bien emballée'),
# 'lo único', infinitives after 'a' or 'para' ('a volver', 'para probar')
SPANISH_COFFEE = [
    "La cafetera bien, la jarra inmejorable y el filtro estupendo. Lo único malo es el ruido.",
    "Cafetera con el filtro estupendo y la jarra inmejorable, pero es cara. Vamos a volver a comprar.",
    "La cafetera es cara pero el filtro es estupendo. Lo único, el ruido al calentar.",
    "Cafetera bien embalada. La jarra inmejorable, aunque el ruido molesta. La compré para probar.",
    "El ruido de la cafetera es fuerte y la jarra gotea. Lo único bueno es el filtro, bien embalado.",
    "Compré la cafetera para probar y voy a volver a comprar: el filtro y la jarra, estupendo.",
]
FRENCH_PAN = [
    "La poêle chauffe vite, le revêtement impeccable. Bien emballée, à recommander.",
    "La poignée reste froide et le revêtement tient. La poêle chauffe bien, bien emballée.",
    "Le revêtement de la poêle est impeccable, le couvercle solide.",
    "Poêle bien emballée, la poignée reste froide. Le couvercle s'use vite, dommage.",
    "La poêle chauffe de façon égale, le couvercle impeccable.",
    "Poêle à recommander : la poignée reste froide, elle chauffe bien.",
]


@pytest.mark.parametrize("texts, parts, not_aspects", [
    (SPANISH_COFFEE, {"jarra", "filtro", "ruido"}, {"inmejorable", "estupendo", "único", "volver", "cara", "embalado",
                                                    "probar"}),
    (FRENCH_PAN, {"revêtement", "poignée", "couvercle"}, {"chauffe", "impeccable", "emballée", "recommander", "reste",
                                                        "tient", "solide"}),
])
def test_romance_adjectives_and_verbs_after_the_noun_are_no_aspects(texts, parts, not_aspects):
    """French, Spanish and Italian put the adjective after the noun: a word two after an article is an
    adjective or a verb there ('la jarra inmejorable', 'la poêle chauffe'), unless an opinion word stands
    between ('la buena calidad'); 'a' announces an infinitive, Spanish 'lo' a verb or an adjective, and
    copulas and 'bien' an adjective."""
    reviews = pd.DataFrame({"text": texts, "rating": [5.0, 3.0, 4.0, 4.0, 2.0, 5.0]})
    aspects = {a.lower() for a in text.review_aspects(reviews, None, min_df=2)["aspect"]}
    assert parts <= aspects, aspects
    assert not aspects & not_aspects, aspects & not_aspects


def test_product_nouns_another_language_lists_as_stopwords_are_aspects_in_their_own():
    """French lists 'car' and 'pan' as stopwords, German 'hat' and 'bin', and German 'manche': the five
    languages' stopwords are left out together, except these nouns in their own language."""
    english = ["The kettle heats fast and the hat stays dry.", "Great kettle, the hat is warm and the lid is sturdy.",
               "The kettle warped and the pan is dented.", "The kettle lid broke, the hat is itchy.",
               "Nice kettle, the lid closes well and the pan is big.", "The pan scratches easily, the kettle is heavy.",
               "The kettle smells of plastic, the bin is loose.", "I love this kettle, the bin is handy, the pan too.",
               "The bin is too small for the kettle."]
    reviews = pd.DataFrame({"text": english, "rating": [5.0, 5, 1, 2, 4, 2, 2, 5, 3]})
    aspects = set(text.review_aspects(reviews, None, min_df=2)["aspect"])
    assert {"pan", "hat", "bin", "lid"} <= aspects, aspects
    french = ["La poêle chauffe vite, le manche reste froid.", "Le manche est solide, le couvercle ferme bien.",
              "Le couvercle est fragile, la poêle raye.", "Poêle lourde, le manche chauffe.",
              "Le revêtement est impeccable, la poêle est légère."]
    reviews = pd.DataFrame({"text": french, "rating": [5.0, 4, 2, 2, 5]})
    assert "manche" in set(text.review_aspects(reviews, None, min_df=2)["aspect"])
    assert "manche" in lx.stopwords("de") and "pan" in lx.stopwords("fr")  # why the exception is needed


# review sentences as shoppers write them on Amazon.fr/.es/.it/.de (written here): what a seller's own
# unrated posts and reviews say, which the seed lexicon alone must read
@pytest.mark.parametrize("lang, sentence, polarity", [
    ("fr", "Très déçue, produit à éviter.", "neg"),
    ("fr", "Je ne le recommande pas.", "neg"),
    ("fr", "Le couvercle ne fonctionne plus au bout d'une semaine.", "neg"),
    ("fr", "Colis jamais reçu, j'attends toujours mon remboursement.", "neg"),
    ("fr", "Impeccable, je suis ravie de mon achat.", "pos"),
    ("fr", "J'aime beaucoup, très agréable à utiliser.", "pos"),
    ("es", "Dejó de funcionar a los dos meses.", "neg"),
    ("es", "Pedido hace un mes y todavía no lo he recibido.", "neg"),
    ("fr", "Jamais recu mon colis.", "neg"),
    ("es", "No sirve para nada, lo he devuelto.", "neg"),
    ("es", "No me gusta nada el acabado.", "neg"),
    ("es", "Me gusta mucho, es muy cómodo.", "pos"),
    ("es", "Estoy encantada, funciona de maravilla.", "pos"),
    ("it", "Ha smesso di funzionare dopo una settimana.", "neg"),
    ("it", "Non lo consiglio, scadente.", "neg"),
    ("it", "Mi piace molto, comodo e resistente.", "pos"),
    ("de", "Alles super.", "pos"),
    ("de", "Leider nie angekommen.", "neg"),
    ("de", "Bester Kaffeebereiter, den ich je hatte.", "pos"),
    ("de", "Genau das, was ich gesucht habe.", "pos"),
    ("de", "Ich habe nix zu beanstanden.", "pos"),
])
def test_seed_lexicons_read_common_review_sentences(lang, sentence, polarity):
    got = text.sentence_polarity([sentence], language=lang)["polarity"].tolist()
    assert got == [polarity], (lang, sentence, got)


def test_french_pas_negates_the_verb_before_it_and_a_booster_with_a_valence_boosts_first():
    pol = text.sentence_polarity(["Je ne recommande pas.", "Je recommande."], language="fr")["score"].tolist()
    assert pol[0] < 0 < pol[1]
    # 'super' alone is praise; before a sentiment word it boosts that word, whose sign wins
    de = text.sentence_polarity(["Super.", "Super dünn und wackelig.", "Super stabil."], language="de")
    assert de["polarity"].tolist() == ["pos", "neg", "pos"]


def test_stopped_working_is_negative_in_a_rated_review_too():
    # rated reviews get no complaint shift: the infinitive of 'it works' must not read as praise there
    texts = ["Dejó de funcionar a los dos meses.", "Ha smesso di funzionare dopo una settimana.",
             "Funciona muy bien.", "Funziona benissimo."]
    got = text.sentence_polarity(texts, ratings=[1, 1, 5, 5])["polarity"].tolist()
    assert got == ["neg", "neg", "pos", "pos"]


def test_a_negator_or_a_greeting_alone_is_no_keyword():
    # parcels that never came, as real French reviews tell it: 'jamais' and 'bonjour' are in every one of them
    bad = ["Bonjour, jamais reçu le colis, remboursement demandé.", "Bonjour, colis jamais arrivé, je demande le remboursement.",
           "Jamais reçu, bonjour le service client.", "Bonjour, le colis n'est jamais arrivé, remboursement en attente."] * 3
    good = ["Bouilloire silencieuse, chauffe vite.", "Chauffe vite et reste froide à l'extérieur.",
            "Très silencieuse, je recommande.", "Chauffe très vite, parfait."] * 3
    neg = text.negative_reasons(_reviews(bad, good), min_count=2)
    words = {w for k in neg["keyword"] for w in k.split()}
    assert "remboursement" in words and "colis" in words
    assert "bonjour" not in words
    assert "jamais" not in set(neg["keyword"])  # only in a bigram, if at all


# a phone case (Spanish) and a frying pan (French), written here: a noun and the adjective after it named again
# and again ('el cristal templado', 'la poignée amovible') beside a noun and an opinion word ('una pantalla buena',
# 'le revêtement parfait'), a noun and its verb ('la cámara queda bien protegida', 'la poignée chauffe vite', 'le
# cierre sujeta el móvil') and a verbless opinion ('Diseño impecable.')
SPANISH_CASE = [
    "El diseño es sencillo, la funda llegó bien y el cristal templado encaja perfecto en la pantalla.",
    "El cristal templado se rayó a la semana, pero la funda aguanta.",
    "Tiene una pantalla buena para ver vídeos y el cierre sujeta el móvil.",
    "El cierre sujeta bien el móvil, el cristal templado cubre toda la pantalla.",
    "Una pantalla buena para el precio. Diseño impecable. El color es bonito.",
    "El cierre no sujeta el móvil. La cámara queda muy expuesta.",
    "Diseño impecable. El color se ve distinto en la foto, la cámara queda libre.",
    "Buen material, la cámara queda bien protegida y el color aguanta.",
]
FRENCH_FRYING_PAN = [
    "La poêle a une poignée amovible, pratique pour le four.",
    "La poignée amovible se range dans le tiroir, le revêtement parfait pour les crêpes.",
    "La poignée chauffe vite, le revêtement tient bien.",
    "Le revêtement parfait pour cuire sans matière grasse, la poignée amovible se clipse bien.",
    "Attention, le fond ne chauffe pas de façon égale.",
    "Le fond est épais, le revêtement accroche un peu.",
    "Le fond chauffe trop au centre et la poignée chauffe vite.",
    "Bonne taille, le fond reste plat après un mois.",
    "Le couvercle en verre est lourd, le fond chauffe bien.",
    "Le couvercle ferme mal mais la poêle est légère.",
]


@pytest.mark.parametrize("texts, compounds, not_compounds", [
    (SPANISH_CASE, {"cristal templado"}, {"pantalla buena", "cámara queda", "cierre sujeta", "diseño impecable"}),
    (FRENCH_FRYING_PAN, {"poignée amovible"}, {"revêtement parfait", "poignée chauffe", "fond chauffe"}),
])
def test_romance_noun_and_adjective_compounds_are_aspects_not_opinions_or_verbs(texts, compounds, not_compounds):
    """French, Spanish and Italian write the adjective after its noun: a noun and the adjective written after
    it again and again, rarely anywhere else, name one thing ('cristal templado', 'poignée amovible'), labelled
    in their written order. An opinion word of the sentiment lexicon ('buena', 'parfait') is no part of an
    aspect; nor is a verb ('queda bien', 'chauffe vite', 'sujeta el móvil'), nor an adjective that closes a
    statement ('Diseño impecable.')."""
    reviews = pd.DataFrame({"text": texts, "rating": ([5.0, 3.0, 4.0, 4.0, 2.0, 5.0, 1.0, 4.0] * 2)[:len(texts)]})
    found = text.review_aspects(reviews, None, min_df=2)
    aspects = {a.lower() for a in found["aspect"]}
    assert compounds <= aspects, aspects
    assert set(found.loc[found["aspect"].str.lower().isin(compounds), "kind"]) == {"bigram"}
    assert not aspects & not_compounds, aspects & not_compounds
    opinion = {"buena", "parfait", "impecable"}
    assert not {w for a in aspects for w in a.split()} & opinion


def test_a_booster_alone_is_no_keyword():
    good = ["Absolut dicht und hält lange warm.", "Hält den Kaffee absolut lange warm.", "Absolut dicht, passt in den Halter.",
            "Der Deckel ist absolut dicht."] * 3
    bad = ["Der Deckel ist undicht, Kaffee läuft aus.", "Läuft aus, der Deckel schließt nicht.",
           "Undicht nach zwei Wochen.", "Der Becher ist undicht."] * 3
    pos = text.positive_keywords(_reviews(bad, good), min_count=2)
    assert "dicht" in {w for k in pos["keyword"] for w in k.split()}
    assert "absolut" not in set(pos["keyword"])  # 'absolut dicht' may stand, 'absolut' alone not
