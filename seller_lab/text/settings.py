"""Typed, frozen settings of the text step (params ``text``, ``pain_points``, ``qa``).

Every threshold the text analysis reads comes from one of these objects, built from the
validated params; ``params/defaults.yaml`` is their one source (no numbers in code). A missing
key or a wrong type raises :class:`seller_lab.errors.ParamsError` naming the dotted key.
``params=None`` means the shipped defaults, as everywhere in the text step.

Examples
--------
>>> text_settings(None).neutral_band, text_settings(None).theme_weights["stems"]
(0.05, 0.6)
>>> PainPointSettings.from_params(None).confirm_min_sources
2
>>> QASettings.from_params({"qa": {"top_competitors": 10}})
Traceback (most recent call last):
...
seller_lab.errors.ParamsError: params, key 'qa.min_theme_count': missing. Fix: add it (see params/defaults.yaml)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from seller_lab.errors import ParamsError
from seller_lab.settings import Settings

from .common import resolve_params

__all__ = ["PainPointSettings", "QASettings", "TextSettings", "text_settings"]

_THEME_WEIGHTS = ("concepts", "stems", "char_ngrams")


class _TextStepSettings(Settings):
    """``from_params(None)`` reads params/defaults.yaml (the text step's convention)."""

    @classmethod
    def from_params(cls, params: dict | None):
        return super().from_params(resolve_params(params))


@dataclass(frozen=True)
class TextSettings(_TextStepSettings):
    """Language detection, sentiment, aspects, keywords, themes and quotes (params ``text``)."""

    SECTION: ClassVar[str] = "text"
    languages: tuple
    min_language_hits: float
    neutral_band: float
    vader_extra_words: bool
    rating_weight: float
    question_weight: float
    complaint_shift: float
    negated_clause_valence: float
    negation_scope: int
    theme_weights: dict
    theme_key_share: float
    theme_subject_share: float
    theme_name_share: float
    theme_word_min_share: float
    theme_label_max_words: int
    theme_label_length_bonus: float
    theme_question_max_words: int
    negative_stars_max: float
    positive_stars_min: float
    model_languages: tuple
    model_min_reviews: int
    model_max_docs: int
    model_min_df: int
    model_alpha: float
    model_margin_scale: float
    model_weight: float
    aspect_min_df: int
    aspect_min_share: float
    aspect_max_share: float
    aspect_top_n: int
    aspect_opinion_window: int
    aspect_infrequent_min_df: int
    aspect_infrequent_min_share: float
    aspect_compound_min_df: int
    aspect_head_min_share: float
    aspect_score_min: float
    quotes_per_item: int
    quote_max_chars: int
    keyword_prior_mass: float
    keyword_min_count: int
    keyword_max_docs: int
    keyword_top_n: int
    selling_point_min_overlap: float
    chunk_docs: int
    n_jobs: int
    parallel_max_tokens: int
    beside_chunk_tokens: int
    random_state: int

    def check(self) -> None:
        missing = [k for k in _THEME_WEIGHTS if not isinstance(self.theme_weights.get(k), (int, float))]
        if missing:
            raise ParamsError("params", f"text.theme_weights.{missing[0]}", "missing or not a number",
                              fix="give concepts, stems and char_ngrams a weight (see params/defaults.yaml)")


@dataclass(frozen=True)
class PainPointSettings(_TextStepSettings):
    """R1.4 pain-point themes from posts and low-star reviews (params ``pain_points``)."""

    SECTION: ClassVar[str] = "pain_points"
    min_theme_size: int
    top_n: int
    recency_half_life_days: float
    theme_distance: float
    confirm_min_sources: int
    quotes_per_theme: int
    negative_review_max_stars: float
    random_state: int


@dataclass(frozen=True)
class QASettings(_TextStepSettings):
    """Customer-question themes and answer gaps (params ``qa``)."""

    SECTION: ClassVar[str] = "qa"
    top_competitors: int
    min_theme_count: int
    theme_distance: float
    uncertain_answer_share: float
    gap_max_listings: int
    theme_terms: int
    random_state: int


def text_settings(params: dict | None) -> TextSettings:
    """The ``text`` settings of validated params (the defaults when ``params`` is None)."""
    return TextSettings.from_params(params)
