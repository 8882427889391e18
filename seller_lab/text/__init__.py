"""Text mining for seller_lab (R1.1 pain points and Q&A gaps, R1.2 negative-review reasons,
R2.2/R5.2 selling points and positive keywords, R5.2 return reasons, R6.1 negative themes).

Pure functions on the canonical frames (``seller_lab.schemas``): frames + params in, frames out.
Languages: en, de, fr, es, it. Nothing needs ``nltk.download()``. Large inputs are processed
vectorised (numpy token arrays, scipy sparse matrices, scikit-learn), see ``preprocess``.

Public API (stable names)
-------------------------
Preprocessing: :func:`normalize_text`, :func:`detect_language`, :func:`split_sentences`,
:func:`tokenize`, :func:`stem`, :func:`ngrams`.
Sentiment: :func:`sentence_polarity`, :func:`vader_agreement`.
Reviews: :func:`mine_reviews`, :func:`review_aspects`, :func:`review_keywords`,
:func:`negative_reasons`, :func:`positive_keywords`, :func:`keywords_by` (per competitor / month);
:func:`analyse_reviews` tokenises a review frame once for several of them (``analysed=``).
Pain points: :func:`detect_complaints`, :func:`pain_points`, :func:`pain_point_statements`.
Q&A: :func:`question_themes`, :func:`demand_gaps`, :func:`uncertain_answers`.
Matching: :func:`match_selling_points`, :func:`classify_return_comments`, :func:`review_themes`.

Examples
--------
>>> from seller_lab import text
>>> text.detect_language(["Passt leider nicht in die Schublade"]).tolist()
['de']
"""

from .aspects import (
    ReviewMining,
    analyse_reviews,
    keywords_by,
    mine_reviews,
    negative_reasons,
    positive_keywords,
    review_aspects,
    review_keywords,
)
from .matching import REASON_STEP, classify_return_comments, match_selling_points, review_themes
from .painpoints import detect_complaints, pain_point_statements, pain_points
from .preprocess import detect_language, ngrams, normalize_text, split_sentences, stem, tokenize
from .qa import demand_gaps, question_themes, uncertain_answers
from .sentiment import sentence_polarity, vader_agreement

__all__ = [
    "REASON_STEP", "ReviewMining", "analyse_reviews", "classify_return_comments", "demand_gaps", "detect_complaints",
    "detect_language", "keywords_by", "match_selling_points", "mine_reviews", "negative_reasons", "ngrams",
    "normalize_text", "pain_point_statements", "pain_points", "positive_keywords", "question_themes", "review_aspects",
    "review_keywords", "review_themes", "sentence_polarity", "split_sentences", "stem", "tokenize", "uncertain_answers",
    "vader_agreement",
]
