"""Fixtures for the text-mining tests: the labelled development set."""

from pathlib import Path

import pandas as pd
import pytest

DATA = Path(__file__).resolve().parents[1] / "data" / "text"


@pytest.fixture(scope="session")
def devset() -> pd.DataFrame:
    return pd.read_csv(DATA / "devset.tsv", sep="\t", keep_default_na=False, dtype=str)


@pytest.fixture(scope="session")
def devset_scores(devset):
    from seller_lab.text.quality import evaluate

    return evaluate(devset)
