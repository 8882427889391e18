"""Sentence polarity on real labelled review sentences nobody here wrote (held out: the word lists
and rules were tuned on the Hu & Liu annotated reviews, never on this file)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from seller_lab.text.quality import polarity_accuracy
from seller_lab.text.sentiment import nltk_vader

DATA = Path(__file__).resolve().parents[1] / "data" / "uci_sentences"


@pytest.fixture(scope="module")
def amazon_sentences() -> pd.DataFrame:
    return pd.read_csv(DATA / "amazon_cells_labelled.txt", sep="\t", header=None, names=["text", "label"],
                       quoting=3, dtype={"text": str, "label": int})


def test_polarity_of_real_amazon_review_sentences_reaches_080(amazon_sentences):
    r = polarity_accuracy(amazon_sentences["text"], amazon_sentences["label"], language="en")
    assert r["n"] == 1000
    assert r["accuracy"] >= 0.80, r  # measured 0.821 (neutral calls 8 %, counted as errors)


def test_polarity_beats_vader_on_the_same_sentences(amazon_sentences):
    ours = polarity_accuracy(amazon_sentences["text"], amazon_sentences["label"], language="en")["accuracy"]
    sia = nltk_vader()
    v = np.array([sia.polarity_scores(t)["compound"] for t in amazon_sentences["text"]])
    vader = float((np.where(v >= 0.05, 1, np.where(v <= -0.05, 0, -1)) == amazon_sentences["label"]).mean())
    assert vader < 0.72 and ours >= vader + 0.1, (ours, vader)  # VADER measured 0.677


def test_negated_function_and_unmet_expectation_are_negative():
    from seller_lab.text import sentence_polarity

    pol = sentence_polarity(["It would not hang up on calls.", "Performed well below my expectations.",
                             "Works great.", "It doesn't work at all."], language="en")
    assert pol["polarity"].tolist() == ["neg", "neg", "pos", "neg"]
