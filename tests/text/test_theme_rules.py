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

