"""`seller-lab mine …` on export files, and the star-rating sentiment model for German."""

import json

import numpy as np
import pandas as pd

from seller_lab.cli import main
from seller_lab.text.sentiment import sentence_polarity


def _reviews_jsonl(path):
    rows = []
    texts = [("Leider wackelig und das Material ist dünn.", 1), ("Dünnes Material, sehr wackelig.", 2),
             ("Einfach aufzubauen und stabil.", 5), ("Stabil, einfach aufzubauen, top!", 5),
             ("Der Deckel passt gut, stabil.", 4), ("Rost nach zwei Wochen, leider.", 1)]
    for i, (t, r) in enumerate(texts * 3):
        rows.append({"rating": r, "title": "", "text": t, "asin": "B0AAAAAAAA", "parent_asin": "B0AAAAAAAA",
                     "user_id": f"u{i}", "timestamp": 1760000000000 + i, "helpful_vote": 0,
                     "verified_purchase": True})
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    return path


def test_mine_reviews_cli_prints_ranked_aspects_and_keywords(tmp_path, capsys):
    f = _reviews_jsonl(tmp_path / "reviews.jsonl")
    assert main(["mine", "reviews", str(f), "--top", "5", "--category", "kitchen-organizer-de"]) == 0
    out = capsys.readouterr().out
    assert "18 reviews" in out and "Material" in out and "Keywords of 1-2 star reviews" in out
    assert main(["mine", "reviews", str(f), "--json", "--category", "kitchen-organizer-de"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["reviews"] == 18 and data["aspects"] and data["keywords"]


def test_mine_posts_cli_prints_themes(tmp_path, capsys):
    posts = [{"id": f"p{i}", "title": "", "selftext": t, "score": s, "created_utc": 1760000000 + i,
              "subreddit": "de", "permalink": f"/r/de/comments/p{i}"}
             for i, (t, s) in enumerate([("Große Teller passen in kein Gestell.", 50),
                                         ("Ich suche ein Gestell für große Teller.", 20),
                                         ("Große Teller passen leider nicht rein.", 5),
                                         ("Rost nach zwei Wochen.", 3), ("Schon wieder Rost am Gestell.", 8),
                                         ("Rost überall, nervig.", 1)])]
    f = tmp_path / "posts.jsonl"
    f.write_text("\n".join(json.dumps(p, ensure_ascii=False) for p in posts), encoding="utf-8")
    frame = pd.DataFrame({"text": [p["selftext"] for p in posts], "score": [p["score"] for p in posts]})
    csv = tmp_path / "posts.csv"
    frame.to_csv(csv, index=False)
    assert main(["mine", "posts", str(csv), "--category", "kitchen-organizer-de"]) == 0
    out = capsys.readouterr().out
    assert "pain-point themes" in out and "Teller" in out


def test_missing_file_is_a_clear_error(capsys):
    assert main(["mine", "reviews", "/nonexistent/reviews.jsonl"]) == 2
    assert "not found" in capsys.readouterr().err


def test_german_rating_model_learns_words_outside_the_seed_lexicon():
    rng = np.random.default_rng(0)
    good = ["Das Gestell ist formschön.", "Formschön und durchdacht.", "Sieht formschön aus."]
    bad = ["Totale Fehlkonstruktion.", "Eine Fehlkonstruktion, der Boden.", "Fehlkonstruktion am Boden."]
    texts, ratings = [], []
    for _ in range(300):
        if rng.random() < 0.5:
            texts.append(good[rng.integers(3)] + " Der Boden ist aus Metall.")
            ratings.append(5.0)
        else:
            texts.append(bad[rng.integers(3)] + " Der Boden ist aus Metall.")
            ratings.append(1.0)
    probe = ["Eine Fehlkonstruktion.", "Formschön."]
    df = sentence_polarity(texts + probe, language="de", ratings=ratings + [np.nan, np.nan])
    last = df[df["doc"] >= 300]
    assert last["polarity"].tolist() == ["neg", "pos"]


def test_exact_duplicate_reviews_count_once_and_the_json_says_how_many(tmp_path, capsys):
    f = _reviews_jsonl(tmp_path / "reviews.jsonl")
    rows = f.read_text(encoding="utf-8").splitlines()
    f.write_text("\n".join(rows + rows[:4] * 3), encoding="utf-8")  # 12 copies of 4 reviews
    assert main(["mine", "reviews", str(f), "--json", "--category", "kitchen-organizer-de"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["reviews"] == 18 and data["duplicates_dropped"] == 12
    material = next(a for a in data["aspects"] if a["aspect"] == "Material")
    assert material["reviews"] == 6  # 2 distinct texts x 3 reviewers, copies not counted


def test_same_text_by_different_reviewers_is_not_a_duplicate():
    from seller_lab.text import mine_reviews

    r = pd.DataFrame({"user_id": ["u1", "u2", "u1"], "asin": "B01", "parent_asin": ["P1", "P1", "P1"],
                      "rating": [1.0, 1.0, 1.0], "text": ["The lid broke after a week."] * 3})
    m = mine_reviews(r, None)
    assert m.n_reviews == 2 and m.duplicates_dropped == 1


def test_top_n_returns_up_to_n_aspects_and_zero_returns_all(tmp_path, capsys):
    words = ["lid", "handle", "hinge", "drawer", "shelf", "tray", "basket", "hook", "rail", "frame", "foot",
             "grip", "panel", "divider", "clip", "board", "pole", "base", "bracket", "latch", "knob", "nozzle",
             "edge", "spout", "slot", "rod", "mat", "strap", "wheel", "spring", "bar", "cap", "plug", "flap",
             "tube", "tab", "pad", "buckle", "pin", "bolt"]
    rows = [{"rating": 2.0 + i % 3, "title": "", "text": f"The {w} broke. The {w} is weak and my {w} bent.",
             "asin": "B0AAAAAAAA", "user_id": f"u{w}{i}", "timestamp": 1760000000000 + i}
            for w in words for i in range(3)]
    f = tmp_path / "reviews.jsonl"
    f.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    n = {}
    for top in (5, 35, 0):
        assert main(["mine", "reviews", str(f), "--json", "--top", str(top)]) == 0
        n[top] = len(json.loads(capsys.readouterr().out)["aspects"])
    assert n[5] == 5 and n[35] == 35 and n[0] == len(words)


def test_mine_posts_json_counts_duplicate_posts_once(tmp_path, capsys):
    posts = [{"id": f"p{i}", "author": "anna" if i < 3 else f"user{i}", "title": "",
              "selftext": "Große Teller passen in kein Gestell.", "score": 5, "created_utc": 1760000000 + i,
              "subreddit": "de", "permalink": f"/r/de/comments/p{i}"} for i in range(5)]
    f = tmp_path / "posts.jsonl"
    f.write_text("\n".join(json.dumps(p, ensure_ascii=False) for p in posts), encoding="utf-8")
    assert main(["mine", "posts", str(f), "--json", "--category", "kitchen-organizer-de"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["posts"] == 3 and data["duplicates_dropped"] == 2


def _phone_review(asin: str, user: str, stars: float, text: str) -> str:
    return json.dumps({"rating": stars, "title": "", "text": text, "asin": asin, "parent_asin": asin,
                       "user_id": user, "timestamp": 1588687728923, "verified_purchase": True,
                       "helpful_vote": 0})


def test_mine_reviews_says_on_stderr_which_rows_were_rejected(tmp_path, capsys):
    f = tmp_path / "reviews.jsonl"
    f.write_text("\n".join([_phone_review("B0DKR2T7Q1", "u1", 5, "The battery lasts two days."),
                            _phone_review("B0PHONE", "u2", 1, "The screen cracked."),
                            _phone_review("B0DKR2T7Q1", "u3", 1, "The screen cracked after a week.")]) + "\n",
                 encoding="utf-8")
    assert main(["mine", "reviews", str(f), "--json"]) == 0
    cap = capsys.readouterr()
    data = json.loads(cap.out)                   # stdout stays JSON only
    assert (data["reviews"], data["rejected"]) == (2, 1)
    assert "1 row(s) rejected, e.g. row 2, column asin: malformed ASIN" in cap.err and "B0PHONE" in cap.err


def test_mine_reviews_of_a_file_without_one_readable_row_is_an_error_naming_row_and_column(tmp_path, capsys):
    f = tmp_path / "reviews.jsonl"
    f.write_text(_phone_review("B0PHONE", "u1", 5, "Great phone.") + "\n", encoding="utf-8")
    assert main(["mine", "reviews", str(f)]) == 2
    err = capsys.readouterr().err
    assert "row 1, column 'asin'" in err and "no row could be read" in err and "seller-lab inspect" in err


def test_duplicates_are_the_rows_a_full_comparison_marks_with_variants_missing_writers_and_repeated_index():
    from seller_lab.text.preprocess import drop_duplicate_documents

    rng = np.random.default_rng(3)
    n = 3000
    texts = np.array(["The lid broke after a week.", "Sturdy rack, easy to assemble.", "Rusts after a month.",
                      "Große Teller passen nicht.", "Works fine.", None], dtype=object)
    users = np.array([f"u{i}" for i in range(400)] + [None, ""], dtype=object)
    r = pd.DataFrame({"user_id": users[rng.integers(0, users.size, n)],
                      "doc_id": np.array([f"R{i % 2500}" for i in range(n)], dtype=object),
                      "asin": np.array(["B01", "B02", None], dtype=object)[rng.integers(0, 3, n)],
                      "parent_asin": np.array(["P1", "", None], dtype=object)[rng.integers(0, 3, n)],
                      "rating": rng.choice([1.0, 5.0, np.nan], n),
                      "text": texts[rng.integers(0, texts.size, n)]},
                     index=rng.integers(0, 50, n))  # a repeated index, as after a concat
    out, dropped = drop_duplicate_documents(r)
    # reference: every row keyed by (product, stars, text, writer), compared in full
    product = r["parent_asin"].fillna("").astype(str)
    writer = r["user_id"].fillna("").astype(str)
    writer = writer.where(writer != "", "\x00" + r["doc_id"].fillna("").astype(str))
    key = pd.DataFrame({"asin": product.where(product != "", r["asin"].fillna("").astype(str)).to_numpy(),
                        "rating": r["rating"].to_numpy(), "text": r["text"].to_numpy(), "w": writer.to_numpy()})
    expected = key.duplicated().to_numpy()
    assert 0 < dropped == int(expected.sum()) < n
    pd.testing.assert_frame_equal(out, r[~expected])
    # without any writer column every row is compared; with only distinct writers none is
    assert drop_duplicate_documents(r.drop(columns=["user_id", "doc_id"]))[1] == int(key.drop(columns="w").duplicated().sum())
    r["user_id"] = [f"x{i}" for i in range(n)]
    same, none = drop_duplicate_documents(r)
    assert none == 0 and same is r
