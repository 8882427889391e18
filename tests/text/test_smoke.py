"""Fast behaviour tests of the text API on small realistic frames."""

import pandas as pd

from seller_lab import text


def test_complaints_detected_in_en_and_de_but_not_praise():
    s = ["I wish it held large plates", "Passt leider nicht in meine Schublade",
         "Love it, works great", "Sehr stabil und schön"]
    assert text.detect_complaints(s).tolist() == [True, True, False, False]


def test_return_comments_map_to_fba_codes():
    r = pd.DataFrame({"customer_comments": ["zu klein für normale Gabeln", "box crushed", "Schrauben fehlen"],
                      "reason": ["TOO_SMALL", "DAMAGED_BY_CARRIER", "MISSING_PARTS"]})
    out = text.classify_return_comments(r)
    assert out["comment_reason"].tolist() == ["TOO_SMALL", "DAMAGED_BY_CARRIER", "MISSING_PARTS"]
    assert out["agrees_with_code"].tolist() == [True, True, True]
    assert "customer_comments" in out and len(r.columns) == 2  # input not mutated
