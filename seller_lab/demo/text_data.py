"""Demo data, customer-text and competitor side: what a seller downloads about the market
(Reddit dumps, TikTok comments, a German forum, Amazon reviews and Q&A, a Helium 10 Black Box
export), written in the *real* export layouts so the demo goes through the same importers
as a seller's own files.

Files per category (``write_text``)
-----------------------------------
==============================  ===========================================================
file                            layout (``seller_lab.sources`` name)
==============================  ===========================================================
reddit_submissions.jsonl        Arctic-Shift / praw submissions (``reddit_submissions``),
                                a few ``[removed]`` rows (dropped by the importer)
reddit_comments.jsonl           Arctic-Shift comments (``reddit_comments``), some
                                ``[deleted]`` bodies
tiktok_comments.csv             TikTok comment CSV export (``tiktok_comments_csv``)
forum_posts.csv                 German forum scrape (``forum_posts``), .de categories only
reviews_competitors.jsonl       Amazon Reviews 2023 JSONL (``amazon_reviews_2023_jsonl``)
reviews_own.jsonl               the same layout for our own ASINs (``ops.SKUS``)
qa_competitors.jsonl            Amazon Q&A, ``questionText`` + ``answers`` list
                                (``amazon_qa_jsonl``) for the top-10 in-band competitors
qa_competitors_dictlines.json   McAuley Q&A, one Python dict literal per line
                                (``amazon_qa_dictlines``) for the other top sellers
helium10_blackbox.csv           Helium 10 Black Box export (BOM, ``Price  €``/``Price  $``,
                                quoted thousands), 40 rows
==============================  ===========================================================

German text for the .de categories (Reddit mixes English subreddits with r/de / r/Kochen),
English for kids-toy-us. Texts are built from phrase pools (each template expands its
``{a|b|c}`` alternatives) with numpy choices per slot, so a million reviews need no Python
loop per review; typos, lower-case chat style and mixed lengths are added the same way.

Planted truths (returned in ``truths``; copied into ``TRUTHS.md``)
-------------------------------------------------------------------
Competitors (Black Box, 40 rows per category):
  ``in_band_asins`` -- 11-13 listings with 100-500 reviews and 4.0-4.5 stars; the others are
  big brands (thousands of reviews), new listings (< 100 reviews), ratings < 4.0 or > 4.5.
  ``competitor_asins`` -- the top-10 in-band listings by ``ASIN Sales``;
  ``top10_overall_asins`` -- the top-10 of all 40 rows by sales (big brands included).
  ``price_band_in_band`` -- 25-75 % price quantiles of the in-band listings (seed 7: kitchen
  EUR 24.80-28.23, camping EUR 42.90-52.49, kids USD 23.20-26.95); ``price_band_all`` the same
  over all 40 rows (kids USD 22.80-31.47). Both kids bands lie below our KT-TILES-60 test price
  34.99 -> the kids pilot's cause reads "price". All prices: kitchen EUR 16-45, camping
  EUR 25-90, kids USD 15-60 (big brands highest).
Q&A (``qa_theme_counts`` on ``competitor_asins``, ``qa_theme_counts_top10_overall`` on the top-10
overall; Q&A is written for the union of both sets):
  kitchen-organizer-de: power "230 V / EU-Stecker / Steckdose / Volt" (~30) and large plates
  "große Teller, 30 cm" (~20), answers mostly missing or unsure; dishwasher-safe
  (spülmaschinenfest) and dimensions (Maße) asked too and answered by the listings.
  ``listing_mentions``: no listing title mentions voltage/plug or plates (0 / 0), several
  mention spülmaschinenfest and Maße -> power and plate are demand gaps.
  camping-chair-de: seat height, load (150 kg), weight/pack size; kids-toy-us: CPSC/ASTM
  certificate, magnets sealed, age, compatibility.
Posts (Reddit + TikTok + forum; ``pain_point_counts`` = posts planted per theme, seed 7: kitchen
plates 253 / rust 212 / water 205 of 940 posts; the rest is chatter):
  kitchen: large plates do not fit, rust after weeks, water drips onto the counter;
  camping: seam tears (Naht gerissen), too low to sit down / stand up, heavy;
  kids: magnets fall out, weak magnets.
Competitor reviews (``negative_reasons`` in planted order, ``negative_reason_counts``):
  kitchen: thin material / wobbly first, then rust (then water, plates); camping: seams,
  too low, heavy; kids: magnets fall out, weak magnets, cracked tiles.
  ``positive_keywords``: kitchen "einfach aufzubauen", "stabil"; camping "bequem", "stabil";
  kids "creative play", "sturdy". Ratings mostly 4-5 stars.
Our reviews (``our_reviews[sku]``; the pilot window is 2026-09-01 .. 2026-10-31 UTC):
  KO-RACK-2T (B0DKR2T7Q1) 100 reviews in the window (scale 1), 3 negative (<= 2 stars, about
  delivery / fan noise); every preset selling point (``category.selling_points``) is mentioned by
  >= 15 % of the positive reviews (``selling_point_share``, planted ~30-50 % each: "große Teller
  bis 30 cm", "Lüfter ... 230 V EU-Stecker", "dicker Edelstahl", "ohne Werkzeug aufgebaut").
  KT-TILES-60 (B0KT60M4R2) 60 in the window, 2 negative (<= 5 %), about price / delivery,
  never about the function (magnets, cracks). Older own reviews
  (from 2025) and the other own SKUs are written too.

Examples
--------
>>> import numpy as np, tempfile, pathlib
>>> from seller_lab.params import load_params
>>> out = pathlib.Path(tempfile.mkdtemp()) / "kids-toy-us"
>>> res = write_text(load_params("kids-toy-us"), out, np.random.default_rng(1), 0.2)
>>> sorted(pathlib.Path(f).name for f in res["files"])[:3]
['helium10_blackbox.csv', 'qa_competitors.jsonl', 'qa_competitors_dictlines.json']
>>> len(res["truths"]["competitor_asins"]), res["truths"]["price_band_in_band"][1] < 34.99
(10, True)
"""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import ParamsError
from .ops import SKUS

PILOT_START = pd.Timestamp("2026-09-01", tz="UTC")
PILOT_END = pd.Timestamp("2026-11-01", tz="UTC")      # exclusive: reviews through 2026-10-31
POSTS_END = pd.Timestamp("2026-11-20", tz="UTC")      # research period 2026-11
POSTS_DAYS = 730
REVIEWS_START = pd.Timestamp("2023-01-01", tz="UTC")
CHUNK_ROWS = 200_000

# volumes at scale 1 (per category)
_VOL = {"submissions": 170, "comments": 520, "tiktok": 160, "forum": 90, "reviews": 1400}
# own SKUs: (reviews in the pilot window, older reviews, negative share in the window)
_OWN = {
    "KO-RACK-2T": (100, 80, 0.03), "KO-RACK-1T": (0, 45, 0.06), "KO-DRAWER-S": (0, 35, 0.08),
    "CC-CHAIR-STD": (0, 70, 0.06), "CC-CHAIR-XL": (0, 25, 0.08),
    "KT-TILES-60": (60, 50, 0.03), "KT-TILES-100": (0, 35, 0.06),
}
_OWN_SKUS = {"kitchen-organizer-de": ["KO-RACK-2T", "KO-RACK-1T", "KO-DRAWER-S"],
             "camping-chair-de": ["CC-CHAIR-STD", "CC-CHAIR-XL"],
             "kids-toy-us": ["KT-TILES-60", "KT-TILES-100"]}
_GERMAN_SUBS = {"de", "kochen", "de_iama", "fragreddit", "camping_de"}

# ---------------------------------------------------------------------------------------
# phrase pools: "{a|b}" expands to every alternative (cartesian product)
# ---------------------------------------------------------------------------------------
_ALT = re.compile(r"\{([^{}]*)\}")


def _expand(template: str) -> list[str]:
    """All variants of a template with ``{a|b|c}`` alternatives.

    >>> _expand("{Sehr|Echt} stabil{.|!}")
    ['Sehr stabil.', 'Sehr stabil!', 'Echt stabil.', 'Echt stabil!']
    >>> _expand("auf{, in {fünf|zehn} Minuten|}")
    Traceback (most recent call last):
    ValueError: nested or unbalanced braces in demo template 'auf{, in {fünf|zehn} Minuten|}'
    """
    parts = _ALT.split(template)
    if any(c in p for p in parts[::2] for c in "{}"):
        raise ValueError(f"nested or unbalanced braces in demo template {template!r}")
    options = [[p] if i % 2 == 0 else p.split("|") for i, p in enumerate(parts)]
    return ["".join(c) for c in itertools.product(*options)]


def _pool(*templates: str) -> np.ndarray:
    variants = (re.sub(r" ([?.!,)])", r"\1", re.sub(r" {2,}", " ", v)).strip()
                for t in templates for v in _expand(t))
    out = list(dict.fromkeys(variants))
    return np.array(out, dtype=object)


def _pools(*templates: str) -> list[np.ndarray]:
    """One pool per template (so a text can take several *different* templates)."""
    return [_pool(t) for t in templates]


def _distinct(rng, pools: list[np.ndarray], k: np.ndarray, keep=None) -> list[np.ndarray]:
    """Columns of up to ``k`` phrases per row, each from a different template pool; with
    ``keep`` (bool per pool, or a (rows,) bool array per pool) only those pools' phrases stay."""
    n, kmax = k.size, int(min(k.max() if k.size else 0, len(pools)))
    order = np.argsort(rng.random((n, len(pools))), axis=1)[:, :kmax]
    cols = []
    for i in range(kmax):
        col = np.full(n, "", dtype=object)
        for t, pool in enumerate(pools):
            m = np.flatnonzero((order[:, i] == t) & (k > i) & (True if keep is None else keep[t]))
            if m.size:
                col[m] = _pick(rng, pool, m.size)
        cols.append(col)
    return cols


def _pick(rng: np.random.Generator, pool: np.ndarray, n: int) -> np.ndarray:
    return pool[rng.integers(0, len(pool), n)]


def _maybe(rng: np.random.Generator, pool: np.ndarray, n: int, p: float) -> np.ndarray:
    take = rng.random(n) < p
    out = np.full(n, "", dtype=object)
    out[take] = _pick(rng, pool, int(take.sum()))
    return out


def _join(*cols: np.ndarray, sep: str = " ") -> np.ndarray:
    """Element-wise join of object arrays, skipping empty strings.

    >>> _join(np.array(["a", "", "b"], dtype=object), np.array(["x", "y", ""], dtype=object)).tolist()
    ['a x', 'y', 'b']
    """
    out = np.asarray(cols[0], dtype=object).copy()
    filled = out != ""
    for c in cols[1:]:
        c = np.asarray(c, dtype=object)
        has = c != ""
        both = has & filled
        if both.any():
            out[both] = out[both] + sep + c[both]
        only = has & ~filled
        out[only] = c[only]
        filled |= has
    return out


def _by_class(rng, cls: np.ndarray, pools: dict, p: float = 1.0) -> np.ndarray:
    """One phrase per row from the pool of the row's class (loop over classes, not rows)."""
    out = np.full(cls.size, "", dtype=object)
    for key, pool in pools.items():
        m = np.flatnonzero(cls == key)
        if m.size:
            out[m] = _maybe(rng, pool, m.size, p) if p < 1 else _pick(rng, pool, m.size)
    return out


_TYPOS = {
    "de": [("wirklich", "wirklcih"), ("Material", "Matrial"), ("eigentlich", "eigendlich"),
           ("vielleicht", "vieleicht"), ("dass", "das"), ("Gestell", "Gestel"), ("nämlich", "nähmlich"),
           ("ziemlich", "zimlich"), ("Wochen", "wochen"), ("gekauft", "gekauf"), ("nicht", "nich"),
           ("Standard", "Standart"), ("aufgebaut", "aufgebaud"), ("bisschen", "bischen")],
    "en": [("definitely", "definately"), ("the ", "teh "), ("really", "realy"), ("because", "becuase"),
           ("their", "thier"), ("received", "recieved"), ("it's", "its"), ("separate", "seperate"),
           ("pieces", "peices"), ("though", "tho"), ("you", "u"), ("magnets", "magents")],
}


def _typos(rng, texts: np.ndarray, lang: str, rate: float) -> np.ndarray:
    s = pd.Series(texts, dtype=object)
    for right, wrong in _TYPOS[lang]:
        m = rng.random(len(s)) < rate
        if m.any():
            s[m] = s[m].str.replace(right, wrong, n=1, regex=False)
    low = rng.random(len(s)) < rate * 0.8   # chat style: all lower case
    s[low] = s[low].str.lower()
    return s.to_numpy(dtype=object)


# ---------------------------------------------------------------------------------------
# the text world per category
# ---------------------------------------------------------------------------------------
def _world_kitchen() -> dict:
    neg = {
        "thin": _pool(
            "Das Material ist {extrem|sehr|viel zu|leider} dünn{, das Gestell wackelt bei jeder Berührung|. Das ganze Gestell wackelt|, alles wackelig}.",
            "{Dünnes Material|Dünner Draht|Sehr dünnes Blech}, {das Ding|das Gestell|der Ständer} ist {total|extrem|ziemlich} wackelig{.|!|...}",
            "Die Streben sind so dünn, dass sie sich schon beim Einräumen {verbiegen|durchbiegen}.",
            "Wackelt {sobald|wenn} man {zwei|drei|ein paar} Töpfe reinstellt, {das Material ist einfach zu dünn|viel zu dünnes Material}.",
            "{Steht|Stand} von Anfang an {schief und wackelig|wackelig}, {dünnes Material|das Material wirkt billig und dünn}.",
            "Für den Preis hätte ich kein so dünnes Material erwartet{, es wackelt|, wackelig ohne Ende|}."),
        "rust": _pool(
            "Nach {zwei|drei|vier|sechs} Wochen rostet es an den {Schweißnähten|Füßen|Ecken|Streben}{.|!| schon.}",
            "Angeblich Edelstahl, aber es rostet {nach kurzer Zeit|nach einem Monat|nach wenigen Wochen}{ überall|}{.|!}",
            "{Leider|Tja,} rostet es an den {Schrauben|Verbindungen|unteren Streben}{ schon nach drei Wochen|}.",
            "Rostet{!| schon nach dem ersten Monat.| trotz Edelstahl-Versprechen.}",
            "Das Gestell rostet {an allen Schweißnähten|an den Füßen}{, überall Rostflecken|, jetzt sind Rostflecken auf der Arbeitsplatte|}."),
        "water": _pool(
            "Die Tropfschale läuft über und das Wasser {landet|tropft} auf der Arbeitsplatte.",
            "Das Wasser läuft {nicht ab|seitlich raus} und es {bildet sich eine Pfütze|tropft alles} auf die Arbeitsplatte.",
            "{Ständig|Jeden Abend} {eine Pfütze|nasse Arbeitsplatte}, weil die Ablaufrinne nicht {funktioniert|passt}."),
        "plate": _pool(
            "Große Teller {passen nicht|passen leider nicht rein|stehen schief}, {die Abstände sind zu eng|nur kleine Teller gehen}.",
            "Unsere Teller mit {27|28|30} cm passen nicht {hinein|in die Halterung}."),
        "other": _pool(
            "{Eine Schraube|Der Besteckkorb|Eine Halterung} {fehlte|hat gefehlt} im Paket.",
            "Die Anleitung ist {unverständlich|nur auf Englisch|ein Witz}{, der Aufbau hat ewig gedauert|}.",
            "Kam mit {verbogenen Streben|einer Delle} an, Paket war {beschädigt|eingedrückt}."),
    }
    pos = {
        "assembly": _pool(
            "{Sehr|Total|Wirklich|Super} einfach aufzubauen{, in fünf Minuten fertig|, in zehn Minuten fertig|, auch ohne Anleitung|}.",
            "Einfach aufzubauen und {steht sicher|passt perfekt neben die Spüle|sieht gut aus}.",
            "Der Aufbau {war|ist} {kinderleicht|ganz einfach|in wenigen Minuten erledigt}{.|!}",
            "{Schnell und einfach aufgebaut|In ein paar Minuten aufgebaut}, {alles passt zusammen|die Teile passen genau}."),
        "stable": _pool(
            "{Steht|Es steht} {sehr|absolut|richtig} stabil{, auch voll beladen|, nichts wackelt|}.",
            "{Sehr|Echt|Überraschend} stabil{ für den Preis| und wertig verarbeitet|}{.|!}",
            "Das Gestell ist stabil und {robust|solide|gut verarbeitet}.",
            "Stabil, {schick|platzsparend|leicht zu reinigen} und {praktisch|wertig}."),
        "looks": _pool(
            "Sieht {schick|modern|edel} aus und {spart Platz|passt gut in unsere kleine Küche}.",
            "Der Besteckkorb ist {praktisch|groß genug|gut durchdacht}.",
            "Lässt sich {gut|leicht} reinigen{, einfach kurz abspülen|}."),
        "steel": _pool("{Gute|Solide|Ordentliche} Verarbeitung, nach {Monaten|einem halben Jahr} {noch wie neu|alles einwandfrei}."),
    }
    return dict(
        lang="de", neg=neg, neg_p={"thin": 0.45, "rust": 0.33, "water": 0.09, "plate": 0.07, "other": 0.06},
        pos=pos, pos_p={"assembly": 0.55, "stable": 0.5, "looks": 0.35, "steel": 0.15},
        open_pos=_pool("{Ich bin|Wir sind} {sehr|total|rundum} zufrieden.", "Top Produkt!", "Klare Kaufempfehlung.",
                       "{Endlich|Nach langem Suchen} ein Abtropfgestell, das {passt|taugt}.", "Gekauft für unsere {kleine|neue} Küche."),
        open_neg=_pool("{Leider|Schade,} {ein Fehlkauf|enttäuscht}.", "Nicht zu empfehlen.", "{Ich bin|Wir sind} enttäuscht.",
                       "{Zurückgeschickt|Geht zurück}."),
        context=_pool("Wir haben {keine|nur eine kleine} Spülmaschine und spülen {viel|fast alles} von Hand.",
                      "Nach dem Umzug {brauchten wir|suchte ich} ein {neues|zweites} Abtropfgestell.",
                      "Unsere Küche ist {recht klein|eine Pantryküche|eng}, deshalb war {Platz|die Größe} wichtig.",
                      "{Bestellt|Geliefert} {am Montag|nach zwei Tagen|pünktlich}{, gut verpackt|}.",
                      "Das alte Gestell aus {Plastik|Bambus} war {schimmelig|hinüber|kaputt}.",
                      "Ich habe {lange|mehrere Modelle} verglichen, bevor ich bestellt habe."),
        detail=_pools("Die Tropfschale lässt sich {leicht|problemlos} herausnehmen{ und ausspülen|}.",
                     "Wir nutzen es {täglich|jeden Tag} für {Töpfe, Gläser und Besteck|das Geschirr einer vierköpfigen Familie}.",
                     "Die Lieferung kam {pünktlich|einen Tag früher als angekündigt}{, alles gut verpackt|}.",
                     "Im Vergleich zu unserem alten Gestell {ist es deutlich größer|hat es mehr Platz|wirkt es hochwertiger}.",
                     "Die Farbe {passt gut zu unserer Küche|ist ein schönes Mattschwarz|ist etwas heller als auf den Bildern}.",
                     "Es steht {neben der Spüle|auf der Arbeitsplatte|unter dem Hängeschrank} und {nimmt kaum Platz weg|passt genau in die Lücke}.",
                     "Für Gläser gibt es {eine eigene Halterung|seitliche Haken}, {das finde ich praktisch|sehr durchdacht}.",
                     "Mein {Mann|Sohn|Mitbewohner} hat es {aufgestellt|zusammengesteckt}, {ich hätte es aber auch alleine geschafft|ging schnell}.",
                     "Die Anleitung {besteht nur aus Bildern|ist übersichtlich}, {reicht aber völlig|man braucht sie kaum}.",
                     "Ob es langfristig hält, {wird sich zeigen|kann ich noch nicht sagen}{, bisher alles gut|}.",
                     "Ich habe {es|das Gestell} seit {zwei|drei|vier} Monaten im Einsatz.",
                     "Schneidebretter und Deckel haben {seitlich|hinten} Platz{, Töpfe passen auch|}.",
                     "{Abends|Nach dem Abwasch} {stelle ich alles rein|kommt alles drauf} und morgens {ist alles trocken|räume ich es weg}."),
        detail_neg=_pools("Ich habe {den Verkäufer angeschrieben|eine Reklamation gestartet}, {bisher keine Antwort|Ersatz wurde angeboten}.",
                          "Die Bilder sehen {deutlich|viel} hochwertiger aus als das, was ankam.",
                          "Schon beim Auspacken {war ich skeptisch|fiel mir die Verarbeitung auf}.",
                          "Ich habe es eine Weile {versucht|ausprobiert}, dann {ging es zurück|hatte ich genug}.",
                          "{Bei dem Preis|Für knapp 30 Euro} {hatte ich mehr erwartet|hätte ich mehr erwartet}.",
                          "Die Rücksendung lief {problemlos|über Amazon ohne Probleme}."),
        close_pos=_pool("{Würde ich wieder kaufen|Gerne wieder|Volle Punktzahl|Fünf Sterne}{.|!}", "Preis-Leistung passt."),
        close_neg=_pool("{Für den Preis|Für das Geld} erwarte ich mehr.", "Finger weg.", "Das war leider nichts.", "Nie wieder."),
        mid=_pool("{Ganz ok|Geht so|Mittelmäßig}, {für den Preis in Ordnung|hat Vor- und Nachteile}.",
                  "{Für den Preis|Im Großen und Ganzen} ok, {aber nicht perfekt|mit Abstrichen}."),
        title_pos=_pool("{Super|Sehr} stabil", "Einfach aufzubauen", "Top{!|}", "Praktisch und schick", "Gutes Abtropfgestell",
                        "Preis-Leistung {top|stimmt}", "Zufrieden", "Passt perfekt"),
        title_neg={"thin": _pool("Wackelig", "Dünnes Material", "{Sehr|Total} wackelig", "Instabil"),
                   "rust": _pool("Rostet", "Leider Rost", "Rost nach {wenigen|drei} Wochen"),
                   "water": _pool("Tropft", "Wasser auf der Arbeitsplatte"), "plate": _pool("Teller passen nicht"),
                   "generic": _pool("Enttäuschend", "Nicht empfehlenswert", "Fehlkauf", "Leider nicht gut")},
        title_mid=_pool("Ganz ok", "Geht so", "Mit Abstrichen", "Mittelmaß"),
    )


def _world_camping() -> dict:
    neg = {
        "seam": _pool(
            "Nach {dem zweiten|dem dritten|wenigen} {Ausflug|Campingwochenende|Einsätzen} ist die Naht {am Sitz|an der Lehne|seitlich} gerissen.",
            "{Die Naht reißt|Die Nähte reißen|Die Nähte sind} {schon|bereits} nach {zwei|drei} Wochen {auf|ein}{.|!}",
            "Naht gerissen, {der Stoff|das Gewebe} {hängt durch|löst sich}{.|...}"),
        "low": _pool(
            "Der Stuhl ist {viel zu|sehr|extrem} niedrig{, man kommt kaum wieder hoch|, ohne Hilfe komme ich nicht hoch|}.",
            "Zu niedrig zum {bequemen Sitzen|Aufstehen|Essen am Campingtisch}{, die Knie sind fast auf Kinnhöhe|}.",
            "Die Sitzhöhe ist {zu niedrig|viel niedriger als gedacht}, für ältere Leute ungeeignet."),
        "heavy": _pool(
            "{Viel zu|Sehr|Ziemlich} schwer zum Tragen{, fast 4 kg|, nichts für Wanderungen|}.",
            "Für einen {Faltstuhl|Campingstuhl} {zu schwer|viel zu schwer}, das Packmaß ist auch riesig."),
        "other": _pool("Die Armlehne ist {abgebrochen|locker|wackelig}.", "Der Getränkehalter {fehlt|ist gerissen|ist zu klein}.",
                       "Die Tasche ist {zu eng|gerissen}, der Stuhl passt kaum rein."),
    }
    pos = {
        "comfort": _pool("{Sehr|Richtig|Wirklich} bequem{, auch nach Stunden|, man sitzt gut|}.",
                         "Bequem und {leicht zu tragen|schnell aufgeklappt}{.|!}"),
        "stable": _pool("{Steht|Sitzt sich} {sehr|absolut} stabil{, auch auf unebenem Boden|}.", "Stabil und {robust|solide} verarbeitet."),
        "pack": _pool("{Klein verpackt|Kompakt zusammengefaltet} passt er {in jeden Kofferraum|in den Rucksack}.",
                      "Schnell {aufgebaut|aufgeklappt} und {wieder verstaut|verpackt}."),
    }
    return dict(
        lang="de", neg=neg, neg_p={"seam": 0.4, "low": 0.3, "heavy": 0.2, "other": 0.1},
        pos=pos, pos_p={"comfort": 0.6, "stable": 0.45, "pack": 0.35},
        open_pos=_pool("{Bin|Wir sind} {sehr|total} zufrieden.", "Top Campingstuhl!", "Klare Kaufempfehlung."),
        open_neg=_pool("{Leider|Schade,} {enttäuscht|ein Fehlkauf}.", "Nicht zu empfehlen.", "Geht zurück."),
        context=_pool("Gekauft für {unseren Campingurlaub|das Festival|den Garten|Angeltouren}.",
                      "Wir {campen|zelten} {oft|jedes Wochenende} {an der Ostsee|in den Alpen|am See}.",
                      "Ich {wiege|habe} {95|100|110} kg{ und bin 1,90 groß|}."),
        detail=_pools("Wir haben ihn {am See|auf dem Festival|im Garten|beim Angeln} {mehrere Tage|ein ganzes Wochenende} benutzt.",
                     "Der Stoff {trocknet schnell|ist leicht abwischbar|fühlt sich robust an}.",
                     "Die Tragetasche {hat einen Schultergurt|ist praktisch|passt gerade so}.",
                     "Aufklappen geht {mit einem Handgriff|in Sekunden|ohne Fummelei}.",
                     "Im Vergleich zu {unserem alten Stuhl|den Stühlen vom Discounter} {sitzt man deutlich besser|ist er hochwertiger}.",
                     "Die Armlehnen {sind gepolstert|haben eine angenehme Höhe|sind aus Holz}.",
                     "Im Kofferraum {nimmt er kaum Platz weg|liegt er flach neben dem Zelt}.",
                     "Bei {Regen|Tau am Morgen} {einfach abwischen|war er schnell wieder trocken}.",
                     "Die Farbe {ist schöner als auf den Bildern|passt zu unserem Zelt}.",
                     "Ich {nutze|benutze} ihn {seit dem Frühjahr|seit letztem Sommer|seit drei Monaten}.",
                     "{Mein Mann|Meine Frau|Unser Sohn} hat {gleich|direkt} einen zweiten bestellt."),
        detail_neg=_pools("Ich habe {den Verkäufer angeschrieben|eine Reklamation gestartet}, {bisher keine Antwort|Ersatz wurde angeboten}.",
                          "Auf den Bildern sieht er {deutlich|viel} wertiger aus.",
                          "{Beim ersten|Schon beim ersten} Ausflug {war ich skeptisch|fiel mir die Verarbeitung auf}.",
                          "Wir waren {eine Woche|zehn Tage} {an der Ostsee|in Südtirol|auf dem Campingplatz} damit.",
                          "Die Rücksendung lief {problemlos|über Amazon ohne Probleme}.",
                          "{Unser alter Stuhl|Der Stuhl vom Discounter} hat {Jahre|mehrere Sommer} gehalten."),
        close_pos=_pool("{Gerne wieder|Würde ich wieder kaufen|Fünf Sterne}{.|!}"),
        close_neg=_pool("Für das Geld erwarte ich mehr.", "Finger weg."),
        mid=_pool("{Ganz ok|Geht so}, {für den Preis in Ordnung|mit Abstrichen}."),
        title_pos=_pool("Sehr bequem", "Stabil und bequem", "Top{!|}", "Guter Campingstuhl", "Zufrieden"),
        title_neg={"seam": _pool("Naht gerissen", "Nähte {halten nicht|aufgegangen}"), "low": _pool("Zu niedrig", "Viel zu tief"),
                   "heavy": _pool("Zu schwer", "Viel zu schwer"), "generic": _pool("Enttäuschend", "Fehlkauf", "Nicht empfehlenswert")},
        title_mid=_pool("Ganz ok", "Geht so", "Mittelmaß"),
    )


def _world_kids() -> dict:
    neg = {
        "fallout": _pool(
            "{The|A couple of|Two of the|Several} magnets {fell out|popped out|came loose} after {two days|a week|a few days of play}{.|!}",
            "Magnets fall out of the tiles{, which is a choking hazard|, super dangerous with a toddler|}.",
            "{One tile|Two tiles|Three tiles} cracked and the magnets {fell out|came out}{.|, we threw them away.}"),
        "weak": _pool(
            "{The|These} magnets are {really|way too|super} weak{, towers collapse after two levels|, nothing stays together|}.",
            "Weak magnets{, my son gave up building|, the pieces slide apart|}{.|!}",
            "{Much|Way} weaker than {Magna-Tiles|the brand we had before}{, walls keep falling down|}."),
        "crack": _pool("The plastic {cracked|chipped} {within a week|the first time it fell off the table}.",
                       "Edges are {sharp|rough} where the plastic {cracked|split}."),
        "other": _pool("{Only|We got only} {52|54|58} pieces instead of 60.", "Box arrived {crushed|damaged}, pieces missing."),
    }
    pos = {
        "creative": _pool("{My kids|Our twins} {play with them|build with these} {every day|for hours}{.|!}",
                          "{My son|Our daughter} {plays with them|builds with these} {every day|for hours}{.|!}",
                          "Great for creative play{, they build castles and rockets|, endless ideas|}.",
                          "Creative play for hours{, best gift this year|}."),
        "sturdy": _pool("The tiles are {sturdy|solid|thick} and {survived|handled} {a lot of drops|our toddler}.",
                        "{Sturdy|Solid} tiles with bright colors{.|!}"),
        "gift": _pool("{Bought|Got} {it|these} as a {birthday|Christmas} gift{ for my nephew| for a 4 year old|}.",
                      "{Great|Perfect} gift{ for a 3 year old| for preschoolers|}."),
    }
    return dict(
        lang="en", neg=neg, neg_p={"fallout": 0.42, "weak": 0.33, "crack": 0.15, "other": 0.10},
        pos=pos, pos_p={"creative": 0.6, "sturdy": 0.45, "gift": 0.3},
        open_pos=_pool("{Love|Loved} {these|this set}!", "Five stars.", "{Highly|Definitely} recommend."),
        open_neg=_pool("{Very|Really} disappointed.", "Would not recommend.", "Returning {these|this}."),
        context=_pool("We {already|also} have {Magna-Tiles|a bigger set} at {grandma's|home}.",
                      "My {son|daughter} is {3|4|5} and {loves building|is into STEM toys}.",
                      "{Arrived|Shipped} {in two days|on time|quickly}{, nicely packed|}."),
        detail=_pools("We {mostly|usually} build {houses|rockets|garages for toy cars|marble runs} on the {floor|kitchen table}.",
                     "The colors are {bright|vivid|pretty} and the light shines through {nicely|on the window}.",
                     "Cleanup takes {a minute|no time} because {they stack flat|the tiles snap together}.",
                     "{It|The set} came with {an idea booklet|a few idea cards}{ that my son copies|}.",
                     "Compared to {the name brand|Magna-Tiles|our older set} the tiles feel {about the same|a bit lighter|slightly thinner}.",
                     "{We|I} {mix|combine} them with {our other set|the wooden blocks} {and they connect fine|without issues}.",
                     "My {4|5} year old {builds|spent the whole afternoon building} {a castle|a tower taller than her|a house for her dolls}.",
                     "Grandparents {bought|gave us} {a second box|the bigger set} after seeing how {much|long} {they play|she plays}.",
                     "We've had them for {two|three|six} months now.",
                     "{Honestly|To be fair}, {this keeps them busy|it buys me an hour of quiet} on rainy days.",
                     "The box is {sturdy|nice} and works for keeping everything together."),
        detail_neg=_pools("I contacted the seller {and got a partial refund|but never heard back}.",
                          "For a toy meant for toddlers this {is unacceptable|should not happen}.",
                          "The pictures make them look much {better|nicer} than {the real thing|they are}.",
                          "We {tried|gave it} {a week|two weeks} before giving up.",
                          "Return was {easy|painless} through Amazon{ at least|}.",
                          "We {ended up buying|went back to} the name brand."),
        close_pos=_pool("{Would buy again|Worth the money|Great value}{.|!}"),
        close_neg=_pool("Not worth the money.", "Save your money."),
        mid=_pool("{It's ok|Decent}, {but not as good as the name brand|fine for the price}."),
        title_pos=_pool("Great set", "Kids love it", "Sturdy tiles", "Perfect gift", "Five stars"),
        title_neg={"fallout": _pool("Magnets fall out", "Not safe", "Magnets came out"), "weak": _pool("Weak magnets", "Towers collapse"),
                   "crack": _pool("Cracked", "Cracked after a week"), "generic": _pool("Disappointed", "Would not buy again")},
        title_mid=_pool("Just ok", "Decent", "Meh"),
    )


_WORLDS = {"kitchen-organizer-de": _world_kitchen, "camping-chair-de": _world_camping,
           "kids-toy-us": _world_kids}


# our own SKUs: selling-point sentences (one pool per preset selling point, in params order)
_OWN_POS = {
    "kitchen-organizer-de": [
        _pool("{Auch|Sogar|Endlich passen} große Teller {bis|mit} 30 cm {passen problemlos rein|stehen sicher|gehen locker rein}.",
              "Große Teller {mit|bis} 30 cm {passen|haben Platz}, {das war mir wichtig|das kann kaum ein anderes Gestell}."),
        _pool("Der Lüfter läuft {am normalen|mit dem} 230 V EU-Stecker und {trocknet schnell|alles ist in einer Stunde trocken}.",
              "{Praktisch|Super}: der Trocknungslüfter mit EU-Stecker für 230 V {trocknet alles|ist leise}."),
        _pool("{Dicker|Massiver|Schön dicker} Edelstahl, {nichts biegt sich|fühlt sich wertig an|sehr wertig}.",
              "Der Edelstahl ist {dick|massiv} und {sauber verarbeitet|hochwertig}."),
        _pool("Ohne Werkzeug in {fünf|zehn} Minuten {aufgebaut|montiert}, {ganz|super|wirklich} einfach.",
              "{Einfach|Kinderleicht} ohne Werkzeug {aufzubauen|zu montieren}{.|!}"),
    ],
    "camping-chair-de": [
        _pool("Trägt {problemlos|locker} {meine 110 kg|auch 150 kg|meinen Mann mit 120 kg}{.|!}"),
        _pool("{Wiegt unter 1 kg|Unter 1 kg leicht} und {passt klein verpackt in den Rucksack|lässt sich klein verstauen}."),
        _pool("{Getränkehalter und Seitentasche|Der Becherhalter und die Seitentasche} sind {praktisch|super}."),
    ],
    "kids-toy-us": [
        _pool("{Strong|Really strong} magnets{, the kids build tall towers| that hold tall towers}{.|!}"),
        _pool("{Rounded|Smooth rounded} edges, {safe for our toddler|safe for little hands}."),
        _pool("The storage bin {included|that comes with it} is {handy|great for cleanup}."),
    ],
}
_OWN_NEG = {
    "de": _pool("{Leider|Schade:} {der Lüfter ist ziemlich laut|das Paket kam beschädigt an|die Lieferung hat zwei Wochen gedauert}.",
                "{Paket|Karton} war {eingedrückt|nass}, {eine Ecke verkratzt|Umtausch lief aber gut}."),
    "en": _pool("{Nice tiles|Good set} but {$35|35 dollars} for 60 pieces is {too much|overpriced|way too pricey}.",
                "{Shipping took|It took} {two|almost three} weeks{ to arrive|}, {box was crushed|annoying}.",
                "{Cheaper|Same sets are cheaper} elsewhere, {not worth the price|returned for a better price}."),
}

# ---------------------------------------------------------------------------------------
# posts: (lang, theme) -> (titles, sentences)
# ---------------------------------------------------------------------------------------
_POSTS = {
    "kitchen-organizer-de": {
        ("de", "plate"): (
            _pool("{Abtropfgestell|Geschirrständer} für große Teller?", "Große Teller passen in kein Abtropfgestell",
                  "Suche Abtropfgestell für {28|30|31} cm Teller"),
            _pools("{Unsere|Meine} {großen|neuen} Teller ({28|30|31} cm) passen in kein {Abtropfgestell|Gestell} rein{, die Abstände sind zu eng|}.",
                  "Ich suche ein Abtropfgestell, in das große Teller passen{, gibt es sowas?|.}",
                  "Bei {uns|mir} passen die großen Teller {einfach nicht|leider nicht} in die Halterung{, nur die kleinen|}.",
                  "{Die|Unsere} Speiseteller stehen {schief|quer} und fallen {fast|ständig} raus, zu groß für das Gestell.")),
        ("de", "rust"): (
            _pool("Abtropfgestell {rostet|rostet nach wenigen Wochen}", "Edelstahl-Gestell mit Rost?", "Rost am Geschirrständer"),
            _pools("{Mein|Unser} {angebliches Edelstahl-|neues }Abtropfgestell rostet nach {drei|vier|sechs} Wochen{ an den Schweißnähten| an den Füßen|}.",
                  "Nach {ein paar|wenigen} Wochen {überall Rost|Roststellen an den Streben}{, ist das normal?|.}",
                  "{Das dritte|Schon wieder ein} Gestell, das nach {kurzer Zeit|einem Monat} rostet{.|!}")),
        ("de", "water"): (
            _pool("Abtropfgestell tropft auf die Arbeitsplatte", "Wasser läuft unter dem Gestell raus",
                  "{Pfütze|Wasserlache} auf der Arbeitsplatte"),
            _pools("Das Wasser {läuft|tropft} {ständig|jedes Mal} auf die Arbeitsplatte{, die Tropfschale ist zu klein|}.",
                  "{Jeden Abend|Nach jedem Abwasch} eine Pfütze auf der Arbeitsplatte, {die Ablaufrinne taugt nichts|weil nichts abläuft}.",
                  "Die Tropfschale läuft über und {das Wasser|alles} tropft {auf die Arbeitsplatte|über den Rand}.")),
        ("de", "chat"): (
            _pool("Welches Abtropfgestell {nutzt ihr|könnt ihr empfehlen}?", "Kleine Küche, {wohin mit dem Geschirr|wenig Platz}?"),
            _pools("{Welche Marke|Welches Modell} {könnt ihr empfehlen|habt ihr}?", "Wir spülen {fast alles|viel} von Hand.",
                  "{Danke für die Tipps|Danke euch}{!|.}", "{Ich hab|Wir haben} eins von {IKEA|WMF|Amazon}{, reicht|, ganz ok}.",
                  "Platz neben der Spüle ist {knapp|sehr begrenzt}.")),
        ("en", "plate"): (
            _pool("Dish rack that fits {large|big|12 inch} plates?", "{Why do|Do} no dish racks fit dinner plates?"),
            _pools("Our {large|big} dinner plates don't fit in {any|the} dish rack{ we tried|, the slots are too narrow|}.",
                  "I wish {someone|a brand} made a rack where {large|big} plates {actually fit|don't fall over}.",
                  "Big plates {don't fit|won't fit|tip over} in mine{, only salad plates work|}.")),
        ("en", "rust"): (
            _pool("Dish rack that doesn't rust?", "{Stainless|\"Stainless\"} dish rack rusted after {3|4|6} weeks"),
            _pools("Mine rusted after {three|four|six} weeks{ at the welds| on the feet|}.",
                  "{Every|Each} rack I buy {starts to rust|rusts} within {a month|a few weeks}{, so annoying|}.",
                  "Rust spots everywhere after {a month|two months}{, and it was sold as stainless|}.")),
        ("en", "water"): (
            _pool("Dish rack {drips|leaks} onto counter", "{Water|Puddles} on the counter from the dish rack"),
            _pools("The drip tray {overflows|leaks} and water {drips onto|pools on} the counter{ every night|}.",
                  "Water drips {onto the counter|under the rack} {no matter how I angle it|all the time}.",
                  "{Constant|Annoying} puddles on the counter{, the spout doesn't reach the sink|}.")),
        ("en", "chat"): (
            _pool("Best dish rack {for a small kitchen|that lasts}?", "BIFL dish drying rack?"),
            _pools("{Thanks|Thank you}{, ordered one|!|, great tips}.", "We hand wash {most|all} dishes.",
                  "{Simplehuman|OXO} has been fine for {me|us}{ so far|}.", "Counter space is {tight|limited} here.")),
    },
    "camping-chair-de": {
        ("de", "seam"): (
            _pool("Campingstuhl Naht gerissen", "{Nähte|Naht} am Klappstuhl {gerissen|aufgegangen}"),
            _pools("Bei {meinem|unserem} Campingstuhl ist nach {zwei|drei} Wochen die Naht gerissen{.|!}",
                  "Die Nähte am Sitz sind {aufgegangen|gerissen}, {der Stoff hängt durch|jetzt ist er hinüber}.",
                  "{Wieder|Schon wieder} Naht gerissen{, das ist der zweite Stuhl|}.")),
        ("de", "low"): (
            _pool("Campingstuhl zu niedrig", "Hoher Campingstuhl gesucht"),
            _pools("Man kommt kaum hoch, {viel zu niedrig|der Stuhl ist zu niedrig}{.|!}",
                  "Der Stuhl ist {zu niedrig|sehr niedrig}, {meine Knie machen das nicht mit|für Oma ungeeignet}.",
                  "Ich suche einen Campingstuhl, der nicht so niedrig ist{, zum Aufstehen|}.")),
        ("de", "heavy"): (
            _pool("Leichter Campingstuhl gesucht", "Campingstuhl zu schwer"),
            _pools("{Mein|Unser} Campingstuhl ist {viel zu|sehr} schwer{, fast 5 kg|}.",
                  "Zu schwer {zum Tragen|für Wanderungen}, {ich suche was Leichtes|lieber leichter}.")),
        ("de", "chat"): (
            _pool("Welchen Campingstuhl habt ihr?", "Campingstuhl Empfehlung?"),
            _pools("{Danke|Danke euch}{!|.}", "Wir {campen|fahren} {oft|jedes Jahr} {an die Ostsee|nach Holland}.",
                  "{Helinox|Outwell} ist {super|teuer, aber gut}.")),
        ("en", "seam"): (
            _pool("Camp chair seam ripped", "{Seams|Stitching} {tore|ripped} on my camp chair"),
            _pools("The seam {tore|ripped|split} after {two|three} trips{.|!}",
                  "Seams on the seat {came apart|tore} within {a month|one season}{, junk|}.",
                  "My chair's stitching {ripped|tore} at the corner{, second one this year|}.")),
        ("en", "low"): (
            _pool("Camp chair too low?", "Taller camp chair recommendations"),
            _pools("The chair is {way too|really} low{, hard to stand up|, my knees hate it|}.",
                  "{Too low|So low} to sit down and get up{ for my dad|}.")),
        ("en", "heavy"): (
            _pool("Lightweight camp chair?", "Camp chair too heavy for backpacking"),
            _pools("{Way too|Too} heavy for backpacking{, over 4 lbs|}.", "Mine is heavy{ and bulky|}{, looking for lighter|}.")),
        ("en", "chat"): (
            _pool("Favorite camp chair?", "Chair for car camping?"),
            _pools("{Thanks|Thank you}{!|.}", "Helinox {is great|has been solid} for {me|us}.", "We car camp {mostly|a lot}.")),
    },
    "kids-toy-us": {
        ("en", "fallout"): (
            _pool("Magnets falling out of {tiles|magnetic tiles}", "{Cheap|Off-brand} magnet tiles - magnets fell out"),
            _pools("The magnets fell out of {two|three|several} tiles after {a week|a few days}{, scary with a toddler|}.",
                  "{Our|My} {off-brand|cheap} tiles {cracked and the magnets came out|lose magnets}{.|!}",
                  "Magnets {pop|fall} out when {the tiles drop|they step on them}{, had to throw them out|}.")),
        ("en", "weak"): (
            _pool("Weak magnets in {cheap|knockoff} tiles?", "{Towers|Builds} keep collapsing"),
            _pools("The magnets are {so|really|way too} weak{, towers fall over|, nothing holds|}.",
                  "Weak magnets{, my kid gets frustrated|, walls slide apart} {every time|constantly}.",
                  "{Cheaper sets|Knockoffs} have weak magnets{, not worth it|}.")),
        ("en", "chat"): (
            _pool("Best STEM toys for a {3|4} year old?", "Magnetic tiles worth it?"),
            _pools("{Thanks|Thank you}{!|.}", "Magna-Tiles {are pricey|are great} but {last forever|hold up}.",
                  "{My|Our} {son|daughter} {loves|is obsessed with} building.", "We have {two|three} sets now.")),
    },
}
_POST_MIX = {   # share of posts per theme
    "kitchen-organizer-de": {"plate": 0.27, "rust": 0.24, "water": 0.21, "chat": 0.28},
    "camping-chair-de": {"seam": 0.26, "low": 0.24, "heavy": 0.2, "chat": 0.3},
    "kids-toy-us": {"fallout": 0.36, "weak": 0.32, "chat": 0.32},
}
_TIKTOK = {
    "kitchen-organizer-de": {
        "plate": _pool("{bei mir|bei uns} passen die großen teller {nicht|nie} rein{ 😩|}", "große teller passen nicht {😭|lol|}"),
        "rust": _pool("meins rostet nach {2|3} wochen{ 🙄|}", "rostet das nicht{?|??}", "{rost|rost!!} nach einem monat"),
        "water": _pool("{und das wasser läuft|bei mir tropft es} auf die arbeitsplatte{ 😅|}", "das tropft doch alles auf die arbeitsplatte"),
        "chat": _pool("{link|Link} {bitte|pls}{ 🙏|}", "wo gibt's das{?|??}", "sieht {mega|richtig} {gut|ordentlich} aus{ 😍|}", "brauch ich{!|}"),
    },
    "camping-chair-de": {
        "seam": _pool("{bei mir|meiner} ist die naht {nach 2 wochen|sofort} gerissen", "naht gerissen{ 😤|}"),
        "low": _pool("viel zu niedrig{, komm nicht mehr hoch 😂|}", "zu niedrig für {mich|opa}"),
        "heavy": _pool("{der|das ding} ist {mega|viel zu} schwer", "zu schwer zum tragen{ 😮‍💨|}"),
        "chat": _pool("{link|Link} {bitte|pls}", "welcher ist das{?|??}", "{brauch ich|will ich} {!|😍}"),
    },
    "kids-toy-us": {
        "fallout": _pool("{ours|mine} had magnets fall out {after 2 days|in a week}{ 😬|}", "the magnets fell out {lol|😭|}"),
        "weak": _pool("weak magnets {tbh|ngl}", "{the|those} magnets are so weak{ 😤|}"),
        "chat": _pool("{link|Link} {pls|please}{ 🙏|}", "my kids {love|are obsessed with} these{ 😍|}", "which brand is this{?|??}"),
    },
}
_PREFIX = {
    "de": _pool("{Geht mir genauso|Kenne ich|Same}{.|!}", "{Ehrlich gesagt|Ganz ehrlich}:", "Update:", "Bei uns auch.",
                "{Hatte|Habe} {das gleiche Problem|dasselbe Problem}.", "{Moin|Hallo zusammen}!", "Kurze Frage:"),
    "en": _pool("{Same|Same here|This}{.|!}", "Honestly?", "Update:", "{Had|Have} the same problem.",
                "{+1|Yep.|Yeah.}", "Not OP but same.", "Quick question:", "{Ugh|Oof}."),
}
_FORUMS = {"kitchen-organizer-de": ["chefkoch.de", "gutefrage.net", "haushaltsforum.de"],
           "camping-chair-de": ["outdoorseiten.net", "gutefrage.net", "campingforum.de"]}

# ---------------------------------------------------------------------------------------
# Q&A: theme -> (questions, answers); target questions per 10 ASINs at scale 1
# ---------------------------------------------------------------------------------------
_UNSURE_DE = _pool("", "", "Weiß ich nicht.", "Keine Ahnung, steht nicht in der Beschreibung.",
                   "Ich glaube {ja|schon}, bin mir aber nicht sicher.", "Kann ich nicht sagen, bitte den Verkäufer fragen.",
                   "Keine Angabe dazu gefunden.")
_UNSURE_EN = _pool("", "", "Not sure.", "I don't know, it doesn't say.", "Maybe? Contact the seller.",
                   "I think so but not sure.")
_QA = {
    "kitchen-organizer-de": {
        "power": (30, _pool(
            "Funktioniert der {Lüfter|Trockner|Trocknungslüfter} mit 230 V?",
            "Hat {das Gerät|der Trockner|es} einen EU-Stecker{ für die Steckdose|}?",
            "Passt der Stecker in eine {deutsche|normale} Steckdose?",
            "Welche Voltzahl {braucht|hat} {der Lüfter|das Netzteil}{, 230 oder 110 Volt|}?",
            "Braucht man einen Adapter für die {Steckdose|deutsche Steckdose}?",
            "Läuft {das|der Lüfter} mit 230 Volt oder nur mit 110 Volt?",
            "Ist {ein EU-Stecker|ein Netzstecker für Deutschland} dabei?"), _UNSURE_DE),
        "plate": (20, _pool(
            "Passen große Teller mit {28|30|31} cm {hinein|rein}?",
            "Passen {auch |}große {Speiseteller|Teller} (30 cm) in die {Halterung|Tellerhalterung}?",
            "Wie groß dürfen die Teller sein{? Unsere haben| bei} 30 cm{?|}",
            "Kann man große Teller mit 30 cm {hineinstellen|einstellen}?"),
            _pool("Nein, {nur|höchstens} bis {26|27} cm.", "Leider nicht, große Teller stehen schief.", "", "Weiß ich nicht.",
                  "Vielleicht, meine haben nur 26 cm.")),
        "dishwasher": (14, _pool(
            "Ist {das Gestell|die Tropfschale|der Besteckkorb} spülmaschinenfest?",
            "Kann man {es|die Tropfschale} in die Spülmaschine {tun|stellen}?"),
            _pool("Ja, {spülmaschinenfest|steht auch so in der Beschreibung}.", "Ja, {problemlos|mache ich jede Woche}.")),
        "dimensions": (14, _pool(
            "Welche Maße hat {das Gestell|es} {genau|insgesamt|}?",
            "Wie sind die {genauen|} Maße{ (Breite x Tiefe x Höhe)|}?",
            "Welche Abmessungen hat {das Gestell|der Ständer}?"),
            _pool("{50 x 30 x 38|42 x 31 x 36|55 x 32 x 40} cm, steht in der Beschreibung.", "Die Maße stehen im Titel.")),
        "cutlery": (6, _pool("Ist ein Besteckkorb dabei?", "Hat es einen Besteckkorb?"),
                    _pool("Ja, {ist dabei|ein kleiner Besteckkorb ist dabei}.", "Ja.")),
        "colour": (5, _pool("Gibt es das auch in {Schwarz|Weiß}?"),
                   _pool("Ja, {in Schwarz und Silber|in Weiß und Schwarz}.", "Nein, nur in Silber.")),
        "rustfree": (6, _pool("Ist der Edelstahl {wirklich |}rostfrei?", "Rostet das Gestell {mit der Zeit|irgendwann}?"),
                     _pool("Bei mir bisher kein Rost.", "", "Nach einem Jahr noch rostfrei.", "Weiß ich nicht.")),
    },
    "camping-chair-de": {
        "height": (16, _pool("Wie hoch ist die Sitzfläche{ vom Boden|}?", "Welche Sitzhöhe hat der Stuhl?",
                             "Ist der Stuhl für große Menschen {zu niedrig|geeignet}?"),
                   _pool("{32|35|38} cm, eher niedrig.", "", "Weiß ich nicht.", "Ziemlich niedrig, ich komme schwer hoch.",
                         "Vielleicht 40 cm, eher niedrig.")),
        "load": (14, _pool("Trägt der Stuhl {wirklich|} 150 kg?", "Wie belastbar ist der Stuhl{, ich wiege 120 kg|}?"),
                 _pool("Laut Hersteller {120|150} kg.", "Bei mir ({95|110} kg) hält er.", "")),
        "weight": (12, _pool("Wie schwer ist der Stuhl{ genau|}?", "Welches Packmaß hat er?"),
                   _pool("{1,1|2,3|3,5} kg.", "Ca. {55|60} cm lang verpackt.")),
        "bag": (6, _pool("Gibt es eine Tasche dazu?", "Ist eine Tragetasche dabei?"),
                _pool("Ja, {ist dabei|mit Schultergurt}.", "Ja.")),
        "cup": (6, _pool("Hat er einen Getränkehalter?", "Passt eine Flasche in den Getränkehalter?"),
                _pool("Ja, {eine 0,5 l Flasche passt|für Dosen und Becher}.", "Ja.")),
    },
    "kids-toy-us": {
        "certificate": (14, _pool("{Is|Are} {this|these} CPSC certified?", "Is this set tested to ASTM F963{ by a lab|}?",
                                  "Does it come with a {CPC|Children's Product Certificate}?"), _UNSURE_EN),
        "sealed": (14, _pool("Are the magnets {sealed|welded|glued} inside the tiles?", "Can the magnets come out{ if a tile cracks|}?"),
                   _pool("They are glued{, mine fell out|}.", "Ultrasonic welded{ I think|}.", "", "Not sure.")),
        "age": (12, _pool("What age is this {for|good for}?", "Is it ok for a {2|3} year old?"),
                _pool("3+.", "Ages 3 and up{, my 2 year old plays supervised|}.")),
        "compat": (12, _pool("{Are these|Is it} compatible with Magna-Tiles?", "Do they connect to {Magna-Tiles|Picasso Tiles}?"),
                   _pool("Yes, they connect.", "Yes{, but a bit weaker|}.", "Mostly yes.")),
    },
}
_QA_PLANTED = {"kitchen-organizer-de": ["power", "plate", "dishwasher", "dimensions"],
               "camping-chair-de": ["height", "load", "weight"], "kids-toy-us": ["certificate", "sealed", "age", "compat"]}

# ---------------------------------------------------------------------------------------
# competitor listings (Helium 10 Black Box)
# ---------------------------------------------------------------------------------------
_LISTING = {
    "kitchen-organizer-de": dict(
        currency="€", market="amazon.de", category="Küche, Haushalt & Wohnen",
        brands=["Küchenfreund", "Spülwerk", "Haushaltsheld", "Tropfmeister", "Edelform", "Lindholm Home",
                "Casaro", "Nordkrone", "Vantora", "Modulix", "Brava Living", "Kochliebe", "Hausfein", "Grafenau",
                "Steelwell", "Orvino", "Zentrum Home", "Tidyra", "Alvaro", "Hellmann & Sohn"],
        base=["Geschirrabtropfgestell 2 Etagen", "Abtropfgestell Edelstahl", "Geschirrständer {2-stöckig|1-stöckig}",
              "Abtropfständer für die Küche", "Geschirrtrockner Edelstahl", "Abtropfgestell {ausziehbar|faltbar}"],
        answer_facts=["spülmaschinenfest", "Maße {50 x 30 x 38|42 x 31 x 36|55 x 32 x 40} cm", "rostfrei", "mit Besteckkorb"],
        other_facts=["mit Tropfschale", "platzsparend", "{schwarz|weiß|silber}",
                     "mit Ablaufrinne", "für kleine Küchen", "Gläserhalter", "Schneidbretthalter"],
        price_in=(22.0, 30.5, 16.0, 45.0), price_out=(16.0, 40.0), price_big=(28.0, 45.0)),
    "camping-chair-de": dict(
        currency="€", market="amazon.de", category="Sport & Freizeit",
        brands=["Waldläufer", "Campora", "Alpenzelt", "Seeblick Outdoor", "Trailmark", "Feldberg", "Nordpfad",
                "Lagerfeuer Co", "Kiesel", "Hochland", "Skandi Camp", "Wanderlust Gear", "Fjellto", "Bergholz",
                "Outvista", "Rastplatz", "Sonnenhang", "Talwind", "Moosgrund", "Kraxler"],
        base=["Campingstuhl faltbar", "Klappstuhl Camping", "Anglerstuhl", "Faltstuhl Outdoor", "Campingsessel gepolstert"],
        answer_facts=["bis {120|150} kg belastbar", "mit Getränkehalter"],
        other_facts=["mit Tragetasche", "leicht", "Seitentasche", "Armlehnen", "{blau|grün|schwarz|grau}", "Aluminium"],
        price_in=(35.0, 55.0, 25.0, 90.0), price_out=(25.0, 75.0), price_big=(45.0, 90.0)),
    "kids-toy-us": dict(
        currency="$", market="amazon.com", category="Toys & Games",
        brands=["TileJoy", "MagBuild", "BrightBlocks", "Stemly", "KiddoMag", "Tinker Tots", "MagnaPlay Pro",
                "Builderoo", "ClickTiles", "Playform", "Glowstack", "WonderMag", "Tot Tiles", "Shapeshift",
                "MagMakers", "Little Architects", "Prism Play", "BlockBeam", "Snapwise", "Cubbyland"],
        base=["Magnetic Tiles {60|64|80|100} PCS", "Magnet Building Blocks Set", "Magnetic Building Tiles for Kids",
              "3D Magnetic Blocks STEM Toy"],
        answer_facts=["Ages 3+", "Compatible with Major Brands"],
        other_facts=["STEM Toys", "Birthday Gift for Boys and Girls", "with Storage Bag", "Clear Colors",
                     "Montessori Toys", "Educational"],
        price_in=(20.0, 30.0, 15.0, 40.0), price_out=(15.0, 33.0), price_big=(38.0, 59.0)),
}
# segment plan: (name, rows, review range, rating range, sales range)
_SEGMENTS = {
    "kitchen-organizer-de": [("in_band", 12), ("big_brand", 8), ("new", 10), ("low_rating", 6), ("high_rating", 4)],
    "camping-chair-de": [("in_band", 13), ("big_brand", 8), ("new", 9), ("low_rating", 6), ("high_rating", 4)],
    "kids-toy-us": [("in_band", 11), ("big_brand", 8), ("new", 11), ("low_rating", 6), ("high_rating", 4)],
}
_SEG_RANGES = {  # reviews, rating, monthly sales
    "in_band": ((110, 490), (4.0, 4.5), (250, 1100)),
    "big_brand": ((1800, 24000), (4.2, 4.7), (900, 3200)),
    "new": ((3, 95), (3.6, 4.9), (15, 160)),
    "low_rating": ((120, 480), (3.3, 3.9), (40, 260)),
    "high_rating": ((130, 460), (4.6, 4.8), (60, 240)),
}

# ---------------------------------------------------------------------------------------
# small vectorised helpers
# ---------------------------------------------------------------------------------------
_B36 = np.array(list("0123456789abcdefghijklmnopqrstuvwxyz"))
_UPPER = np.array([ord(c) for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"], dtype="<u4")
_ASIN_CH = np.array([ord(c) for c in "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789"], dtype="<u4")
_MONTHS = np.array(["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"], dtype=object)
_HANDLE_A = np.array("quiet happy tiny urban lazy sunny grumpy salty cozy wild rusty lucky busy sleepy".split(), dtype=object)
_HANDLE_B = np.array("fox panda kitchen camper otter raccoon owl badger mom dad chef hiker builder lama".split(), dtype=object)


def _base36(values: np.ndarray, width: int) -> np.ndarray:
    """Fixed-width base-36 strings of non-negative integers (vectorised)."""
    v = np.asarray(values, dtype=np.int64).copy()
    digits = np.empty((v.size, width), dtype="<U1")
    for i in range(width - 1, -1, -1):
        digits[:, i] = _B36[v % 36]
        v //= 36
    return np.ascontiguousarray(digits).view(f"<U{width}").ravel().astype(object)


def _rank(values: np.ndarray) -> np.ndarray:
    """0-based rank of each value (stable)."""
    r = np.empty(values.size, np.int64)
    r[np.argsort(values, kind="stable")] = np.arange(values.size)
    return r


def _codes(rng, alphabet: np.ndarray, n: int, width: int) -> np.ndarray:
    """n random strings of ``width`` characters from ``alphabet`` (unicode code points)."""
    arr = alphabet[rng.integers(0, alphabet.size, (n, width))].astype("<u4")
    return np.ascontiguousarray(arr).view(f"<U{width}").ravel().astype(object)


def _handles(rng, n: int) -> np.ndarray:
    a, b = _pick(rng, _HANDLE_A, n), _pick(rng, _HANDLE_B, n)
    num = rng.integers(0, 1000, n).astype(str).astype(object)
    sep = _pick(rng, np.array(["_", "", ".", "-"], dtype=object), n)
    return np.where(rng.random(n) < 0.3, a + sep + b, a + sep + b + num)


def _times(rng, n: int, start: pd.Timestamp, end: pd.Timestamp, recent: float = 1.0) -> np.ndarray:
    """Unix seconds in [start, end); ``recent`` > 1 puts more mass near ``end``."""
    u = rng.random(n) ** (1.0 / recent)
    s0, s1 = start.value // 10**9, end.value // 10**9
    return (s0 + u * (s1 - s0 - 1)).astype(np.int64)


def _amazon_date(unix: np.ndarray) -> np.ndarray:
    d = pd.to_datetime(unix, unit="s")
    return (_MONTHS[d.month.to_numpy() - 1] + " " + d.day.astype(str).to_numpy(dtype=object)
            + ", " + d.year.astype(str).to_numpy(dtype=object))


_JSON_ESC = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r"})
_PY_ESC = str.maketrans({"\\": "\\\\", "'": "\\'", "\n": "\\n"})


def _jstr(values, safe: bool = False) -> np.ndarray:
    """JSON string literals (UTF-8, not ASCII-escaped) of a column; ``safe`` skips escaping
    (ids, handles, dates that cannot hold quotes or backslashes)."""
    s = pd.Series(np.asarray(values, dtype=object), dtype=object)
    if not safe:
        need = s.str.contains('["\\\\\n\t\r]', regex=True).to_numpy(bool)
        if need.any():
            s[need] = s[need].str.translate(_JSON_ESC)
    return ('"' + s + '"').to_numpy(dtype=object)


def _pystr(values) -> np.ndarray:
    """Python string literals (single quotes) for the dict-per-line Q&A layout."""
    s = pd.Series(np.asarray(values, dtype=object), dtype=object).str.translate(_PY_ESC)
    return ("'" + s + "'").to_numpy(dtype=object)


def _num(values) -> np.ndarray:
    return np.asarray(values).astype(str).astype(object)


def _bool(values) -> np.ndarray:
    return np.where(np.asarray(values, bool), "true", "false").astype(object)


def _records(fields: list[tuple[str, np.ndarray]], open_="{", kq='"') -> np.ndarray:
    """One JSON (or dict-literal) object per row from pre-rendered value columns (one C-level
    ``str.join`` per row instead of a concatenation per field)."""
    parts = []
    for i, (key, val) in enumerate(fields):
        parts.append(itertools.repeat((open_ if i == 0 else ", ") + kq + key + kq + ": "))
        parts.append(np.asarray(val, dtype=object))
    parts.append(itertools.repeat("}"))
    return np.array(list(map("".join, zip(*parts))), dtype=object)


def _append_lines(path: Path, lines: np.ndarray, first: bool) -> None:
    with open(path, "w" if first else "a", encoding="utf-8", newline="\n") as fh:
        if len(lines):
            fh.write("\n".join(lines.tolist()))
            fh.write("\n")


def _csv(frame: pd.DataFrame, path: Path, bom: bool = False) -> None:
    frame.to_csv(path, index=False, encoding="utf-8-sig" if bom else "utf-8", lineterminator="\n")


def _scaled(n: float, scale: float, lo: int = 1) -> int:
    return max(lo, int(round(n * scale)))


# ---------------------------------------------------------------------------------------
# competitor listings
# ---------------------------------------------------------------------------------------
def _title(rng, spec: dict, n: int, answer_p: float) -> tuple[np.ndarray, np.ndarray]:
    """Listing titles (base + facts) and a (n, n_answer_facts) flag array of facts used."""
    base = _pick(rng, _pool(*spec["base"]), n)
    flags = rng.random((n, len(spec["answer_facts"]))) < answer_p
    parts = [base]
    for j, fact in enumerate(spec["answer_facts"]):
        pool = _pool(fact)
        col = np.full(n, "", dtype=object)
        col[flags[:, j]] = _pick(rng, pool, int(flags[:, j].sum()))
        parts.append(col)
    others = _pool(*spec["other_facts"])
    first, second = _maybe(rng, others, n, 0.6), _maybe(rng, others, n, 0.6)
    second = np.where(second == first, "", second)   # a title names a feature once
    parts += [first, second]
    return _join(*parts, sep=", "), flags


def _listings(slug: str, rng) -> pd.DataFrame:
    spec = _LISTING[slug]
    rows = []
    for seg, n in _SEGMENTS[slug]:
        (r0, r1), (s0, s1), (q0, q1) = _SEG_RANGES[seg]
        reviews = rng.integers(r0, r1 + 1, n)
        rating = np.round(rng.uniform(s0, s1, n), 1)
        sales = rng.integers(q0, q1 + 1, n)
        if seg == "in_band":
            p_lo, p_hi, x_lo, x_hi = spec["price_in"]
            price = rng.uniform(p_lo, p_hi, n)
            price[:2] = [x_lo + (p_lo - x_lo) * rng.random(), p_hi + (x_hi - p_hi) * rng.random()]
        else:   # big brands price higher (Magna-Tiles style); the rest spread over the category
            price = rng.uniform(*spec["price_big" if seg == "big_brand" else "price_out"], n)
        price = np.floor(price) + _pick(rng, np.array([0.99, 0.95, 0.49, 0.9, 0.0]), n)
        title, flags = _title(rng, spec, n, 0.65 if seg in ("in_band", "big_brand") else 0.4)
        rows.append(pd.DataFrame({"segment": seg, "reviews": reviews, "rating": rating, "sales": sales,
                                  "price": np.round(price, 2), "title": title,
                                  **{f"fact{j}": flags[:, j] for j in range(flags.shape[1])}}))
    df = pd.concat(rows, ignore_index=True)
    n = len(df)
    df["asin"] = "B0" + _codes(rng, _ASIN_CH, n, 8)
    df["brand"] = np.array(spec["brands"], dtype=object)[rng.permutation(len(spec["brands"]))[:n] % len(spec["brands"])] \
        if n <= len(spec["brands"]) else _pick(rng, np.array(spec["brands"], dtype=object), n)
    df = df.sort_values("sales", ascending=False, kind="stable").reset_index(drop=True)
    # the best sellers of each group answer the listing themes (spülmaschinenfest, Maße ...)
    for seg in ("in_band", "big_brand"):
        idx = df.index[df["segment"] == seg][:3]
        for j, fact in enumerate(spec["answer_facts"]):
            missing = [i for i in idx if not df.at[i, f"fact{j}"]]
            if missing:
                extra = _pick(rng, _pool(fact), len(missing))
                df.loc[missing, "title"] = df.loc[missing, "title"] + ", " + extra
                df.loc[missing, f"fact{j}"] = True
    return df


def _write_blackbox(df: pd.DataFrame, slug: str, path: Path, rng) -> None:
    spec = _LISTING[slug]
    cur = spec["currency"]
    n = len(df)
    revenue = df["sales"] * df["price"]
    parent_extra = np.where(rng.random(n) < 0.3, rng.integers(5, 200, n), 0)
    created = pd.Timestamp("2026-11-01") - pd.to_timedelta(
        np.where(df["segment"] == "new", rng.integers(20, 200, n), rng.integers(400, 2600, n)), unit="D")

    def money(x):
        return [f"{cur}{v:,.2f}" for v in x]

    def thousands(x):
        return [f"{int(v):,}" for v in x]

    out = pd.DataFrame({
        "Product Details": df["title"],
        "ASIN": df["asin"],
        "URL": "https://www." + spec["market"] + "/dp/" + df["asin"],
        "Image URL": "https://m.media-amazon.com/images/I/" + _codes(rng, _ASIN_CH, n, 11) + "._AC_SL1500_.jpg",
        "Brand": df["brand"],
        "Category": spec["category"],
        f"Price  {cur}": money(df["price"]),
        "ASIN Sales": thousands(df["sales"]),
        "ASIN Revenue": money(revenue),
        "Parent Level Sales": thousands(df["sales"] + parent_extra),
        "Parent Level Revenue": money((df["sales"] + parent_extra) * df["price"]),
        "Review Count": thousands(df["reviews"]),
        "Reviews Rating": [f"{v:.1f}" for v in df["rating"]],
        "BSR": thousands(np.sort(rng.integers(300, 90000, n))),
        "Number of Active Sellers": rng.integers(1, 6, n),
        "Fulfillment": _pick(rng, np.array(["FBA", "FBA", "FBA", "AMZ", "FBM"], dtype=object), n),
        "Creation Date": created.strftime("%m/%d/%Y"),
    })
    _csv(out, path, bom=True)


# ---------------------------------------------------------------------------------------
# reviews
# ---------------------------------------------------------------------------------------
_RATING_P = np.array([0.07, 0.05, 0.08, 0.22, 0.58])


def _compose_reviews(w: dict, rng, rating: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(title, text, negative reason class) of competitor reviews with the given ratings."""
    n = rating.size
    neg, mid = rating <= 2, rating == 3
    nk, npr = list(w["neg_p"]), np.array(list(w["neg_p"].values()))
    reason = np.where(neg | mid, np.array(nk, dtype=object)[rng.choice(len(nk), n, p=npr / npr.sum())], "")
    reason2 = np.array(nk, dtype=object)[rng.choice(len(nk), n, p=npr / npr.sum())]
    pk = list(w["pos"])
    ppr = np.array([w["pos_p"][k] for k in pk])
    p1 = np.array(pk, dtype=object)[rng.choice(len(pk), n, p=ppr / ppr.sum())]
    p2 = np.array(pk, dtype=object)[rng.choice(len(pk), n, p=ppr / ppr.sum())]
    p3 = np.array(pk, dtype=object)[rng.choice(len(pk), n, p=ppr / ppr.sum())]
    ctx = w["context"]
    k = rng.choice(6, n, p=[0.22, 0.28, 0.22, 0.14, 0.08, 0.06]) + np.where(rng.random(n) < 0.07, 4, 0)
    det = _distinct(rng, w["detail"], k)
    # negative reviews keep only the neutral details, at the same rate as positive ones, so
    # those words do not separate negative from positive reviews
    neutral = np.zeros(len(w["detail"]), bool)
    neutral[list(w["detail_neutral"])] = True
    det_neu = _distinct(rng, w["detail"], k, keep=neutral)
    det_neg = _distinct(rng, w["detail_neg"], (k > 1).astype(int) + (k > 3))
    neg_text = _join(_maybe(rng, w["open_neg"], n, 0.45), _maybe(rng, ctx, n, 0.35), _by_class(rng, reason, w["neg"]),
                     np.where(reason2 != reason, _by_class(rng, reason2, w["neg"], 0.3), ""),
                     _by_class(rng, reason, w["neg"], 0.25), *det_neu, *det_neg, _maybe(rng, ctx, n, 0.2),
                     _maybe(rng, w["close_neg"], n, 0.4))
    mid_text = _join(_maybe(rng, ctx, n, 0.5), _by_class(rng, p1, w["pos"]), *det[:3], _pick(rng, w["mid"], n),
                     _by_class(rng, reason, w["neg"], 0.8))
    pos_text = _join(_maybe(rng, w["open_pos"], n, 0.45), _maybe(rng, ctx, n, 0.45), _by_class(rng, p1, w["pos"]),
                     np.where(p2 != p1, _by_class(rng, p2, w["pos"], 0.6), ""),
                     np.where((p3 != p1) & (p3 != p2), _by_class(rng, p3, w["pos"], 0.3), ""),
                     *det, _maybe(rng, ctx, n, 0.25), _maybe(rng, w["close_pos"], n, 0.45))
    text = np.where(neg, neg_text, np.where(mid, mid_text, pos_text))
    neg_title = np.where(rng.random(n) < 0.65, _by_class(rng, reason, w["title_neg"]), "")
    neg_title = np.where(neg_title == "", _pick(rng, w["title_neg"]["generic"], n), neg_title)
    title = np.where(neg, neg_title, np.where(mid, _pick(rng, w["title_mid"], n), _pick(rng, w["title_pos"], n)))
    title = np.where(rng.random(n) < 0.06, "", title)
    return title, _typos(rng, text, w["lang"], 0.05), np.where(neg, reason, "")


def _review_lines(rng, asin, rating, title, text, ts_ms) -> np.ndarray:
    n = len(asin)
    imgs = np.where(rng.random(n) < 0.07,
                    '[{"small_image_url": "https://m.media-amazon.com/images/I/'
                    + _codes(rng, _ASIN_CH, n, 11) + '._SL256_.jpg"}]', "[]").astype(object)
    user = _pick(rng, np.array(["AE", "AF", "AG", "AH"], dtype=object), n) + _codes(rng, _UPPER, n, 26)
    helpful = np.minimum(rng.geometric(0.45, n) - 1, 400)
    verified = rng.random(n) < 0.9
    return _records([("rating", np.char.mod("%.1f", rating).astype(object)), ("title", _jstr(title)),
                     ("text", _jstr(text)), ("images", imgs), ("asin", _jstr(asin, True)),
                     ("parent_asin", _jstr(asin, True)), ("user_id", _jstr(user, True)), ("timestamp", _num(ts_ms)),
                     ("helpful_vote", _num(helpful)), ("verified_purchase", _bool(verified))])


def _competitor_reviews(slug, w, rng, listings: pd.DataFrame, n_total: int, path: Path) -> dict:
    wgt = np.sqrt(listings["reviews"].to_numpy(float))
    wgt /= wgt.sum()
    asins = listings["asin"].to_numpy(dtype=object)
    counts = {k: 0 for k in w["neg_p"]}
    ratings = np.zeros(5, np.int64)
    texts_seen = 0
    first = True
    for start in range(0, n_total, CHUNK_ROWS):
        n = min(CHUNK_ROWS, n_total - start)
        a = asins[rng.choice(asins.size, n, p=wgt)]
        rating = rng.choice(5, n, p=_RATING_P) + 1.0
        title, text, reason = _compose_reviews(w, rng, rating)
        ts = _times(rng, n, REVIEWS_START, PILOT_END, recent=1.6) * 1000 + rng.integers(0, 1000, n)
        _append_lines(path, _review_lines(rng, a, rating, title, text, ts), first)
        first = False
        for k in counts:
            counts[k] += int((reason == k).sum())
        ratings += np.bincount(rating.astype(int) - 1, minlength=5)
        texts_seen += n
    order = sorted(counts, key=lambda k: (-counts[k], k))
    return {"reviews": texts_seen, "rating_counts": {str(i + 1): int(ratings[i]) for i in range(5)},
            "negative_reason_counts": counts, "negative_reasons": [k for k in order if k != "other"]}


def _own_reviews(slug, w, rng, params, scale: float, path: Path) -> dict:
    lang = w["lang"]
    points = list(params["category"].get("selling_points") or [])
    sp_pools = _OWN_POS[slug]
    frames, truths = [], {}
    for sku in _OWN_SKUS[slug]:
        asin = SKUS[sku][0]
        n_win, n_old, neg_share = _OWN[sku]
        n_win, n_old = (_scaled(n_win, scale) if n_win else 0), _scaled(n_old, scale)
        for period, n in (("window", n_win), ("older", n_old)):
            if n == 0:
                continue
            k_neg = int(round(neg_share * n))
            rating = np.concatenate([np.full(k_neg, 1.0) + (rng.random(k_neg) < 0.5),
                                     np.where(rng.random(n - k_neg) < 0.06, 3.0,
                                              np.where(rng.random(n - k_neg) < 0.3, 4.0, 5.0))])
            rating = rating[rng.permutation(n)]
            pos = rating >= 4
            sp_hit = rng.random((n, len(sp_pools))) < 0.34
            none = ~sp_hit.any(axis=1)
            sp_hit[none, rng.integers(0, len(sp_pools), int(none.sum()))] = True
            sp_hit &= (pos | (rating == 3))[:, None]
            sp_cols = []
            for j, pool in enumerate(sp_pools):
                col = np.full(n, "", dtype=object)
                col[sp_hit[:, j]] = _pick(rng, pool, int(sp_hit[:, j].sum()))
                sp_cols.append(col)
            generic = _by_class(rng, np.array(list(w["pos"]), dtype=object)[rng.integers(0, len(w["pos"]), n)],
                                w["pos"], 0.4)
            body_pos = _join(_maybe(rng, w["open_pos"], n, 0.4), _maybe(rng, w["context"], n, 0.4), *sp_cols,
                             generic, *_distinct(rng, w["detail"], rng.choice(3, n, p=[0.35, 0.4, 0.25])),
                             _maybe(rng, w["close_pos"], n, 0.4))
            body_neg = _join(_pick(rng, _OWN_NEG[lang], n), _maybe(rng, w["context"], n, 0.3))
            text = np.where(rating <= 2, body_neg,
                            np.where(rating == 3, _join(_pick(rng, w["mid"], n), body_pos), body_pos))
            title = np.where(rating <= 2, _pick(rng, w["title_mid"], n), _pick(rng, w["title_pos"], n))
            t0, t1 = (PILOT_START, PILOT_END) if period == "window" else \
                (pd.Timestamp("2025-01-15", tz="UTC"), PILOT_START)
            ts = _times(rng, n, t0, t1) * 1000 + rng.integers(0, 1000, n)
            frames.append(_review_lines(rng, np.full(n, asin, dtype=object), rating, title,
                                        _typos(rng, text, lang, 0.04), ts))
            if period == "window":
                n_pos = int(pos.sum())
                truths[sku] = {
                    "asin": asin, "pilot_window": [str(PILOT_START.date()), "2026-10-31"],
                    "reviews_in_window": int(n), "negative_in_window": int(k_neg),
                    "negative_rate": round(k_neg / n, 4), "positive_in_window": n_pos,
                    "selling_point_share": {p: round(float(sp_hit[pos, j].mean()) if n_pos else 0.0, 3)
                                            for j, p in enumerate(points[:len(sp_pools)])},
                    "negative_topics": "delivery / noise" if lang == "de" else "price / delivery (not function)"}
            truths.setdefault("_counts", {}).setdefault(sku, 0)
            truths["_counts"][sku] += int(n)
    _append_lines(path, np.concatenate(frames), True)
    counts = truths.pop("_counts")
    return {"our_reviews": truths, "our_review_counts": counts}


# ---------------------------------------------------------------------------------------
# Q&A
# ---------------------------------------------------------------------------------------
def _questions(slug, rng, asins: list[str], scale: float) -> pd.DataFrame:
    """Questions per ASIN and theme: ~target/10 per ASIN so every set of 10 gets ~target."""
    parts = []
    themes = list(_QA[slug])
    per = np.array([_QA[slug][t][0] for t in themes]) * scale / 10.0
    k = (np.floor(per)[:, None] + (rng.random((len(themes), len(asins))) < (per - np.floor(per))[:, None])).astype(int)
    empty = np.flatnonzero(k.sum(axis=0) == 0)     # tiny scales: every ASIN keeps one question
    k[rng.integers(0, len(themes), empty.size), empty] = 1
    for ti, theme in enumerate(themes):
        _target, qpool, apool = _QA[slug][theme]
        a = np.repeat(np.array(asins, dtype=object), k[ti])
        m = a.size
        if not m:
            continue
        ans1, ans2 = _pick(rng, apool, m), _maybe(rng, apool, m, 0.35)
        parts.append(pd.DataFrame({"asin": a, "theme": theme, "text": _pick(rng, qpool, m),
                                   "answer1": ans1, "answer2": np.where(ans2 == ans1, "", ans2)}))
    q = pd.concat(parts, ignore_index=True)
    q = q.iloc[rng.permutation(len(q))].reset_index(drop=True)
    n = len(q)
    q["qtime"] = _times(rng, n, pd.Timestamp("2023-06-01", tz="UTC"), pd.Timestamp("2026-10-25", tz="UTC"), 1.3)
    q["atime"] = q["qtime"] + rng.integers(3600, 40 * 86400, n)
    q["yesno"] = q["text"].str.match(r"^(Ist|Hat|Passt|Passen|Kann|Läuft|Braucht|Gibt|Gehört|Rostet|Trägt|Is|Are|Does|Can|Do)\b")
    return q


def _write_qa_jsonl(q: pd.DataFrame, rng, path: Path) -> None:
    n = len(q)
    qtype = np.where(q["yesno"], '"yes/no"', '"open-ended"').astype(object)

    def answer_obj(text, t):
        return ('{"answerText": ' + _jstr(text) + ', "answererID": "A' + _codes(rng, _UPPER, n, 13)
                + '", "answerTime": ' + _jstr(_amazon_date(t), True) + ', "helpful": [' + _num(rng.integers(0, 6, n))
                + ", " + _num(rng.integers(6, 12, n)) + "]}")

    a1 = q["answer1"].to_numpy(dtype=object)
    a2 = q["answer2"].to_numpy(dtype=object)
    o1, o2 = answer_obj(a1, q["atime"].to_numpy()), answer_obj(a2, q["atime"].to_numpy() + 86400 * 9)
    answers = np.where(a1 != "", np.where(a2 != "", "[" + o1 + ", " + o2 + "]", "[" + o1 + "]"),
                       np.where(a2 != "", "[" + o2 + "]", "[]")).astype(object)
    lines = _records([("asin", _jstr(q["asin"], True)), ("questionType", qtype),
                      ("askerID", '"A' + _codes(rng, _UPPER, n, 13) + '"'),
                      ("questionTime", _jstr(_amazon_date(q["qtime"].to_numpy()), True)),
                      ("questionText", _jstr(q["text"])), ("answers", answers)])
    _append_lines(path, lines, True)


def _write_qa_dictlines(q: pd.DataFrame, path: Path, fallback: str) -> None:
    ans = q["answer1"].where(q["answer1"] != "", q["answer2"]).where(lambda s: s != "", fallback)
    qtype = np.where(q["yesno"], "'yes/no'", "'open-ended'").astype(object)
    atype = np.where(q["yesno"], np.where(ans.str.match(r"^(Nein|No|Leider)"), "'N'", "'Y'"), "'?'").astype(object)
    lines = _records([("questionType", qtype), ("asin", _pystr(q["asin"])),
                      ("answerTime", _pystr(_amazon_date(q["atime"].to_numpy()))),
                      ("unixTime", _num(q["atime"])), ("question", _pystr(q["text"])),
                      ("answerType", atype), ("answer", _pystr(ans))], kq="'")
    _append_lines(path, lines, True)


# ---------------------------------------------------------------------------------------
# posts: Reddit, TikTok, forum
# ---------------------------------------------------------------------------------------
def _themes_for(slug, rng, n: int) -> np.ndarray:
    mix = _POST_MIX[slug]
    keys = np.array(list(mix), dtype=object)
    p = np.array(list(mix.values()))
    return keys[rng.choice(keys.size, n, p=p / p.sum())]


def _post_text(slug, rng, lang: np.ndarray, theme: np.ndarray, k_max: int) -> tuple[np.ndarray, np.ndarray]:
    """(title, body) per row from the (language, theme) pools; body has 1..k_max sentences."""
    n = lang.size
    title = np.full(n, "", dtype=object)
    body_parts = [np.full(n, "", dtype=object) for _ in range(k_max + 1)]
    for (lg, th), (tpool, spool) in _POSTS[slug].items():
        m = np.flatnonzero((lang == lg) & (theme == th))
        if not m.size:
            continue
        title[m] = _pick(rng, tpool, m.size)
        k = 1 + sum((rng.random(m.size) < 0.35 / i).astype(int) for i in range(1, k_max))
        for i, col in enumerate(_distinct(rng, spool, k)):
            body_parts[i][m] = col
        if th != "chat":
            chat = _POSTS[slug][(lg, "chat")][1]
            extra = _distinct(rng, chat, (rng.random(m.size) < 0.4).astype(int))
            if extra:
                body_parts[k_max][m] = extra[0]
    body = _join(*body_parts)
    pre = np.full(n, "", dtype=object)
    for lg, pool in _PREFIX.items():
        m = np.flatnonzero(lang == lg)
        pre[m] = _maybe(rng, pool, m.size, 0.3)
    return title, _join(pre, body)


def _permalink(sub: np.ndarray, ident: np.ndarray, title: np.ndarray) -> np.ndarray:
    slug = (pd.Series(title, dtype=object).str.lower().str.replace(r"[^a-z0-9äöüß]+", "_", regex=True)
            .str.strip("_").str.slice(0, 40))
    return ("/r/" + sub + "/comments/" + ident + "/" + slug.to_numpy(dtype=object) + "/").astype(object)


def _reddit(slug, params, rng, scale: float, out: Path) -> tuple[list[str], dict]:
    subs = np.array(list(params["category"].get("subreddits") or ["all"]), dtype=object)
    german = np.array([s.lower() in _GERMAN_SUBS for s in subs])
    ns, nc = _scaled(_VOL["submissions"], scale, 5), _scaled(_VOL["comments"], scale, 5)
    sub_w = np.where(german, 0.3, 0.4)
    sub = subs[rng.choice(subs.size, ns, p=sub_w / sub_w.sum())]
    lang = np.where(np.isin(sub, subs[german]), "de", "en").astype(object)
    theme = _themes_for(slug, rng, ns)
    title, body = _post_text(slug, rng, lang, theme, 3)
    body = np.where(rng.random(ns) < 0.15, "", body)
    body = np.where(lang == "de", _typos(rng, body, "de", 0.04), _typos(rng, body, "en", 0.04))
    created = _times(rng, ns, POSTS_END - pd.Timedelta(days=POSTS_DAYS), POSTS_END, 1.4)
    ident = _base36(int("1g00000", 36) + _rank(created) * 37 + rng.integers(0, 30, ns), 7)   # ids grow with time
    score = np.round(rng.lognormal(2.2 + 0.9 * (theme != "chat"), 1.2, ns)).astype(np.int64)
    author = _handles(rng, ns)
    removed = rng.random(ns) < 0.03
    # comments: more under high-score submissions
    parent = rng.choice(ns, nc, p=(score + 1) / (score + 1).sum())
    c_theme = np.where(rng.random(nc) < 0.55, theme[parent], _themes_for(slug, rng, nc))
    c_lang = lang[parent]
    _t, c_body = _post_text(slug, rng, c_lang, c_theme, 2)
    c_body = np.where(c_lang == "de", _typos(rng, c_body, "de", 0.05), _typos(rng, c_body, "en", 0.05))
    c_created = created[parent] + np.round(rng.exponential(8 * 3600, nc)).astype(np.int64) + 60
    c_created = np.minimum(c_created, POSTS_END.value // 10**9 - 1)
    c_id = _base36(int("lq00000", 36) + _rank(c_created) * 13 + rng.integers(0, 12, nc), 7)
    c_score = np.round(rng.lognormal(1.2 + 0.7 * (c_theme != "chat"), 1.1, nc)).astype(np.int64) - 1
    deleted = rng.random(nc) < 0.04
    c_author = np.where(deleted, "[deleted]", _handles(rng, nc))
    c_body = np.where(deleted, "[deleted]", c_body)
    n_com = np.bincount(parent, minlength=ns)
    link = _permalink(sub, ident, title)
    s_title = np.where(removed, "[removed]", title)
    s_body = np.where(removed, "[removed]", body)
    lines = _records([("id", _jstr(ident, True)), ("name", _jstr("t3_" + ident, True)), ("subreddit", _jstr(sub, True)),
                      ("author", _jstr(np.where(removed, "[deleted]", author), True)), ("title", _jstr(s_title)),
                      ("selftext", _jstr(s_body)), ("created_utc", _num(created)), ("score", _num(score)),
                      ("num_comments", _num(n_com)), ("permalink", _jstr(link, True))])
    # a fifth of the comments answer another comment of the same thread
    parent_id = ("t3_" + ident[parent]).astype(object)
    prev_same = np.zeros(nc, bool)
    order = np.argsort(parent, kind="stable")
    same = np.zeros(nc, bool)
    same[1:] = parent[order][1:] == parent[order][:-1]
    prev_same[order] = same
    prev_id = np.empty(nc, dtype=object)
    prev_id[order] = np.concatenate([[""], c_id[order][:-1]])
    reply = prev_same & (rng.random(nc) < 0.2)
    parent_id = np.where(reply, "t1_" + prev_id, parent_id)
    c_lines = _records([("id", _jstr(c_id, True)), ("name", _jstr("t1_" + c_id, True)), ("subreddit", _jstr(sub[parent], True)),
                        ("author", _jstr(c_author, True)), ("body", _jstr(c_body)), ("created_utc", _num(c_created)),
                        ("score", _num(c_score)), ("link_id", _jstr("t3_" + ident[parent], True)),
                        ("parent_id", _jstr(parent_id, True)),
                        ("permalink", _jstr(link[parent] + c_id + "/", True))])
    p_sub, p_com = out / "reddit_submissions.jsonl", out / "reddit_comments.jsonl"
    _append_lines(p_sub, lines[np.argsort(created, kind="stable")], True)
    _append_lines(p_com, c_lines[np.argsort(c_created, kind="stable")], True)
    kept_s, kept_c = ~removed, ~deleted
    themes = np.concatenate([theme[kept_s], c_theme[kept_c]])
    return [str(p_sub), str(p_com)], {
        "submissions": int(ns), "submissions_removed": int(removed.sum()), "comments": int(nc),
        "comments_deleted": int(deleted.sum()), "themes": themes,
        "german_share": round(float(np.mean(np.concatenate([lang[kept_s], c_lang[kept_c]]) == "de")), 3)}


def _tiktok(slug, rng, scale: float, path: Path) -> np.ndarray:
    n = _scaled(_VOL["tiktok"], scale, 5)
    videos = np.array([str(7300000000000000000 + int(v)) for v in rng.integers(10**14, 10**15, 6)], dtype=object)
    creators = _handles(rng, 6)
    pick = rng.choice(6, n, p=[0.3, 0.22, 0.18, 0.12, 0.1, 0.08])   # a few viral videos carry most comments
    vid = videos[pick]
    theme = _themes_for(slug, rng, n)
    text = _by_class(rng, theme, _TIKTOK[slug])
    cid = (7310000000000000000 + np.sort(rng.choice(10**15, n, replace=False))).astype(str).astype(object)
    created = _times(rng, n, POSTS_END - pd.Timedelta(days=240), POSTS_END, 1.2)
    likes = np.round(rng.lognormal(3.0 + 0.8 * (theme != "chat"), 1.4, n)).astype(np.int64)
    _csv(pd.DataFrame({"comment_id": cid, "video_id": vid, "username": _handles(rng, n), "text": text,
                       "create_time": created, "digg_count": likes,
                       "reply_comment_total": rng.poisson(np.sqrt(likes) / 3),
                       "video_url": "https://www.tiktok.com/@" + creators[pick] + "/video/" + vid}), path)
    return theme


def _forum(slug, rng, scale: float, path: Path) -> np.ndarray:
    n = _scaled(_VOL["forum"], scale, 5)
    theme = _themes_for(slug, rng, n)
    lang = np.full(n, "de", dtype=object)
    title, body = _post_text(slug, rng, lang, theme, 3)
    body = _typos(rng, body, "de", 0.05)
    reply = rng.random(n) < 0.55       # replies repeat the thread title with "Re: "
    title = np.where(reply, "Re: " + title, title)
    ts = pd.to_datetime(_times(rng, n, POSTS_END - pd.Timedelta(days=900), POSTS_END, 1.2), unit="s")
    _csv(pd.DataFrame({"post_id": "p" + pd.Series(np.arange(1, n + 1) * 7 + 100000).astype(str),
                       "forum": _pick(rng, np.array(_FORUMS[slug], dtype=object), n),
                       "thread title": title, "author": _handles(rng, n),
                       "date": ts.strftime("%Y-%m-%d %H:%M"), "text": body,
                       "likes": rng.poisson(2.0 + 3.0 * (theme != "chat"))}), path)
    return theme


# ---------------------------------------------------------------------------------------
# the entry point called by seller_lab.demo.generate
# ---------------------------------------------------------------------------------------
_PAIN_NAMES = {
    "kitchen-organizer-de": {"plate": "large plates do not fit (große Teller passen nicht)",
                             "rust": "rust after weeks (rostet nach Wochen)",
                             "water": "water drips onto the counter (Wasser tropft auf die Arbeitsplatte)"},
    "camping-chair-de": {"seam": "seam tears (Naht gerissen)", "low": "too low to sit down / stand up (zu niedrig)",
                         "heavy": "heavy (zu schwer)"},
    "kids-toy-us": {"fallout": "magnets fall out", "weak": "weak magnets"},
}
_NEG_NAMES = {"thin": "thin material / wobbly (dünnes Material, wackelig)", "rust": "rust (Rost)",
              "water": "water on the counter (tropft)", "plate": "large plates do not fit",
              "seam": "seam tears (Naht gerissen)", "low": "too low (zu niedrig)", "heavy": "heavy (zu schwer)",
              "fallout": "magnets fall out", "weak": "weak magnets", "crack": "tiles crack"}
# detail templates (indices into the world's ``detail``) that say nothing good or bad: negative
# reviews take these, so their words do not become reasons for negative reviews
_NEUTRAL_DETAILS = {"kitchen-organizer-de": (1, 2, 7, 8, 10, 12), "camping-chair-de": (0, 2, 9),
                    "kids-toy-us": (0, 3, 4, 6, 8)}
_POS_KEYWORDS = {"kitchen-organizer-de": ["einfach aufzubauen", "stabil"], "camping-chair-de": ["bequem", "stabil"],
                 "kids-toy-us": ["creative play", "sturdy"]}


def write_text(params: dict, out_dir: Path, rng: np.random.Generator, scale: float = 1.0) -> dict:
    """Write one category's customer-text and competitor exports in their real layouts.

    Parameters
    ----------
    params : dict
        ``load_params(slug)`` of one of the three demo categories (slug, subreddits,
        selling points are read from ``category``).
    out_dir : Path
        The category's data folder (created).
    rng : numpy.random.Generator
        All randomness comes from it: the same seed gives the same bytes.
    scale : float
        Multiplies the text volumes (posts, reviews, Q&A); the 40 Black Box rows stay.

    Returns
    -------
    dict
        ``{"files": [paths written], "truths": {...}}`` -- the planted truths described in
        the module docstring.

    Examples
    --------
    >>> import numpy as np, tempfile, pathlib
    >>> from seller_lab.params import load_params
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "kitchen-organizer-de"
    >>> res = write_text(load_params("kitchen-organizer-de"), out, np.random.default_rng(3), 0.3)
    >>> res["truths"]["listing_mentions"]["power"], res["truths"]["listing_mentions"]["plate"]
    (0, 0)
    >>> res["truths"]["negative_reasons"][:2]
    ['thin', 'rust']
    """
    slug = params["category"]["slug"]
    if slug not in _WORLDS:
        raise ParamsError(f"params/categories/{slug}.yaml", "category.slug",
                          f"the demo has no customer-text world for category '{slug}'",
                          fix=f"generate one of {', '.join(sorted(_WORLDS))}")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    w = _WORLDS[slug]()
    w["detail_neutral"] = _NEUTRAL_DETAILS[slug]
    files: list[str] = []
    truths: dict = {"category": slug, "language": w["lang"]}

    # competitors
    lst = _listings(slug, rng)
    p_bb = out / "helium10_blackbox.csv"
    _write_blackbox(lst, slug, p_bb, rng)
    files.append(str(p_bb))
    band = lst[lst["segment"] == "in_band"]
    top_band = band["asin"].head(10).tolist()
    top_all = lst["asin"].head(10).tolist()
    titles = lst["title"].str.lower()
    truths.update({
        "listings": int(len(lst)), "in_band_asins": band["asin"].tolist(),
        "competitor_asins": top_band, "top10_overall_asins": top_all,
        "segments": {k: int(v) for k, v in lst["segment"].value_counts().sort_index().items()},
        "price_band_in_band": [round(float(band["price"].quantile(q)), 2) for q in (0.25, 0.75)],
        "price_band_all": [round(float(lst["price"].quantile(q)), 2) for q in (0.25, 0.75)],
        "listing_mentions": {
            "power": int(titles.str.contains(r"volt|230|stecker|steckdose|strom|plug|adapter", regex=True).sum()),
            "plate": int(titles.str.contains(r"teller|plate", regex=True).sum()),
            "dishwasher": int(titles.str.contains("spülmaschinenfest", regex=False).sum()),
            "dimensions": int(titles.str.contains("maße", regex=False).sum())},
    })

    # reviews (competitors, then ours)
    p_rev = out / "reviews_competitors.jsonl"
    rev = _competitor_reviews(slug, w, rng, lst, _scaled(_VOL["reviews"], scale, 10), p_rev)
    p_own = out / "reviews_own.jsonl"
    own = _own_reviews(slug, w, rng, params, scale, p_own)
    files += [str(p_rev), str(p_own)]
    truths.update({"competitor_reviews": rev["reviews"], "rating_counts": rev["rating_counts"],
                   "negative_reasons": rev["negative_reasons"],
                   "negative_reason_counts": rev["negative_reason_counts"],
                   "negative_reason_names": {k: _NEG_NAMES[k] for k in rev["negative_reasons"]},
                   "positive_keywords": _POS_KEYWORDS[slug], **own})

    # Q&A on the union of the in-band top-10 and the overall top-10
    qa_asins = list(dict.fromkeys(top_band + top_all))
    q = _questions(slug, rng, qa_asins, scale)
    in_jsonl = q["asin"].isin(top_band)
    p_qa, p_qd = out / "qa_competitors.jsonl", out / "qa_competitors_dictlines.json"
    _write_qa_jsonl(q[in_jsonl].reset_index(drop=True), rng, p_qa)
    _write_qa_dictlines(q[~in_jsonl].reset_index(drop=True), p_qd,
                        "Weiß ich nicht." if w["lang"] == "de" else "Not sure.")
    files += [str(p_qa), str(p_qd)]
    planted = _QA_PLANTED[slug]
    truths["qa_questions"] = int(len(q))
    truths["qa_theme_counts"] = {t: int(((q["theme"] == t) & q["asin"].isin(top_band)).sum()) for t in planted}
    truths["qa_theme_counts_top10_overall"] = {t: int(((q["theme"] == t) & q["asin"].isin(top_all)).sum())
                                               for t in planted}
    if slug == "kitchen-organizer-de":
        truths["qa_gaps"] = ["power", "plate"]
        truths["qa_answered_by_listings"] = ["dishwasher", "dimensions"]

    # posts
    rfiles, red = _reddit(slug, params, rng, scale, out)
    files += rfiles
    p_tt = out / "tiktok_comments.csv"
    themes = [red.pop("themes"), _tiktok(slug, rng, scale, p_tt)]
    files.append(str(p_tt))
    if params["category"].get("language") == "de":
        p_fo = out / "forum_posts.csv"
        themes.append(_forum(slug, rng, scale, p_fo))
        files.append(str(p_fo))
    allt = np.concatenate(themes)
    truths["posts"] = {**red, "tiktok": int(themes[1].size), "forum": int(themes[2].size) if len(themes) > 2 else 0}
    truths["pain_points"] = list(_PAIN_NAMES[slug])
    truths["pain_point_names"] = _PAIN_NAMES[slug]
    truths["pain_point_counts"] = {k: int((allt == k).sum()) for k in _PAIN_NAMES[slug]}
    return {"files": files, "truths": truths}
