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


@pytest.fixture(scope="session")
def tokeniser_texts() -> dict[str, list[str]]:
    """Texts the tokeniser tests read: the Canon S100 review sentences of Hu & Liu's annotated set,
    300 Amazon sentences of the UCI labelled set, and 300 labelled demo statements (German, English)."""
    data = DATA.parent
    annotated = [line.split("##", 1)[1].strip()
                 for line in (data / "annotated_reviews" / "Canon S100.txt").read_bytes().decode("latin-1").splitlines()
                 if "##" in line]
    uci = [line.rsplit("\t", 1)[0] for line in
           (data / "uci_sentences" / "amazon_cells_labelled.txt").read_text(encoding="utf-8").splitlines()[:300]]
    demo = pd.read_csv(data / "demo_statements" / "kitchen_organizer_statements.tsv", sep="\t")
    return {"annotated": annotated, "uci": uci, "demo": demo["sentence"].astype(str).tolist()[:300]}
