"""Quality floors on the hand-labelled development set (issue 4: aspect F1 >= 0.6,
polarity accuracy >= 0.8, complaint F1 >= 0.7), overall and for each language."""

import pytest


def test_devset_is_large_and_bilingual(devset):
    assert len(devset) >= 300
    assert set(devset["lang"]) == {"en", "de"}
    assert set(devset["source"]) == {"review", "post", "question"}
    assert (devset.groupby("lang").size() >= 150).all()


@pytest.mark.parametrize("metric,floor", [("aspect_f1", 0.6), ("polarity_accuracy", 0.8), ("complaint_f1", 0.7)])
def test_quality_floor_overall(devset_scores, metric, floor):
    assert devset_scores["overall"][metric] >= floor


@pytest.mark.parametrize("lang", ["en", "de"])
@pytest.mark.parametrize("metric,floor", [("aspect_f1", 0.6), ("polarity_accuracy", 0.8), ("complaint_f1", 0.7)])
def test_quality_floor_per_language(devset_scores, lang, metric, floor):
    assert devset_scores["by_lang"][lang][metric] >= floor


def test_language_detection_on_single_sentences(devset_scores):
    assert devset_scores["overall"]["language_accuracy"] >= 0.97
