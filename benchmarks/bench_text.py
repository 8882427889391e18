"""Text-mining benchmark (issue 4): speed of the full review mining of one category on
10k, 100k and 1M reviews (reviews/s, peak memory), YAKE's per-document rate on a sample
(when ``yake`` is importable), the vectorised VADER's agreement with nltk's VADER, and the
quality scores on the labelled development set (tests/data/text/devset.tsv).

Reviews come from the demo generator's review writer when it is installed
(``seller_lab.demo``), else from a local generator of realistic German/English reviews of
20-150 words (sentence bank x slot words x a Zipf long tail of rare words, so that the
vocabulary grows like real text). Each size runs in its own process so that peak memory is
that run's own.

Issue 12's targets (``--targets``): ``seller-lab mine reviews FILE --json`` on 1M reviews in a
child process (wall time including reading the file, peak RSS; target <= 30 s, < 2 GB) and
``mine_reviews`` vs scikit-learn's 1-3-gram ``TfidfVectorizer`` on the same 100k texts (target
>= 2x faster), each on the demo corpus, on English reviews resampled from the real annotated
review sentences in tests/data/annotated_reviews, and on the same with a growing vocabulary
('typos': a letter inserted into 4 % of the words, :func:`with_typos`).

``--stages``: where the CPU goes, stage by stage (reading, duplicates, tokenising, languages,
sentiment, aspect keys, labels, keywords, quotes), on the same three corpora. ``--memory``: where
the resident memory goes (highest RSS between the start and end of each stage), through the CLI.

Usage: python benchmarks/bench_text.py [--sizes 10000 100000 1000000] [--quick]
       python benchmarks/bench_text.py --stemmers [200000]
       python benchmarks/bench_text.py --targets [--cli-sizes 1000000] [--tfidf-size 100000] [--n-jobs N]
       python benchmarks/bench_text.py --stages [100000 1000000]
       python benchmarks/bench_text.py --memory [100000 1000000]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

_DE = {
    "pos": ["Der {part} ist {adj_pos} und {adj_pos2}.", "Einfach aufzubauen, in {n} Minuten fertig.",
            "Sehr stabil, auch mit vielen Tellern.", "Für den Preis bin ich sehr zufrieden.",
            "Meine {person} findet es {adj_pos}.", "Das {mat} wirkt {adj_pos} und hält gut.",
            "Ohne Werkzeug montiert, super praktisch.", "Würde ich jederzeit wieder kaufen.",
            "Insgesamt ein tolles Produkt."],
    "neg": ["Leider ist das {mat} sehr dünn und wackelig.", "Nach {n} Wochen zeigt sich Rost an den {part_pl}.",
            "Große Teller passen leider nicht hinein.", "Das Wasser tropft auf die Arbeitsplatte.",
            "Der {part} passt nicht richtig und fällt ab.", "Die Verarbeitung könnte besser sein.",
            "Die Anleitung ist {anl}.", "Nach dem ersten Spülen schon {defect}.",
            "Der {part} aus {mat2} ist {adj_neg}.", "Insgesamt ein enttäuschendes Produkt."],
    "neu": ["Die Lieferung kam nach {n} Tagen.", "Ich habe es für unsere {room} gekauft.",
            "Wir nutzen es seit {n} Wochen."],
}
_EN = {
    "pos": ["The {part_en} is {adj_pos_en} and {adj_pos_en2}.", "Easy to assemble, took {n} minutes.",
            "Very sturdy even with a full load of plates.", "For the price I am very happy.",
            "My {person_en} thinks it is {adj_pos_en}.", "The {mat_en} feels {adj_pos_en} and holds up well.",
            "No tools needed, very practical.", "Would definitely buy again.", "Overall a great product."],
    "neg": ["Unfortunately the {mat_en} is really thin and wobbly.", "After {n} weeks the {part_en} started to rust.",
            "Large plates do not fit, which is annoying.", "Water drips onto the counter every time.",
            "The {part_en} does not fit properly and falls off.", "The build quality could be better.",
            "The instructions were {instr}.", "Already {defect_en} after the first wash.",
            "The {part_en} made of {mat_en} is {adj_neg_en}.", "Overall a disappointing product."],
    "neu": ["Delivery took {n} days.", "I bought it for our {room_en}.", "We have used it for {n} weeks."],
}
_SLOTS = {
    "part": ["Deckel", "Besteckkorb", "Boden", "Rahmen", "Griff", "Abtropfschale", "Einsatz", "Haken"],
    "part_pl": ["Schweißnähten", "Streben", "Ecken", "Füßen"],
    "adj_pos": ["stabil", "schön", "praktisch", "robust", "hochwertig", "gut"],
    "adj_pos2": ["leicht zu reinigen", "platzsparend", "gut verarbeitet", "standfest"],
    "adj_neg": ["zu dünn", "wackelig", "schnell verbogen", "enttäuschend"],
    "mat": ["Material", "Metall", "Plastik", "Blech"], "mat2": ["Edelstahl", "Kunststoff", "Bambus"],
    "zufrieden": ["sehr zufrieden", "zufrieden", "nicht zufrieden", "enttäuscht"],
    "person": ["Frau", "Mutter", "Tochter", "Oma"], "room": ["Küche", "Ferienwohnung", "Gartenlaube"],
    "anl": ["verständlich", "unverständlich", "gut bebildert", "kaum lesbar"],
    "defect": ["verrostet", "verbogen", "kaputt", "rissig"], "wieder": ["sofort wieder", "nicht wieder", "jederzeit wieder"],
    "gesamt": ["gutes", "solides", "enttäuschendes", "tolles"],
    "part_en": ["lid", "cutlery basket", "base", "frame", "handle", "drip tray", "insert", "hook"],
    "adj_pos_en": ["sturdy", "nice", "practical", "solid", "great", "good"],
    "adj_pos_en2": ["easy to clean", "compact", "well made", "stable"],
    "adj_neg_en": ["too thin", "wobbly", "bent quickly", "disappointing"],
    "mat_en": ["material", "metal", "plastic", "steel"],
    "happy": ["very happy", "happy", "not happy", "disappointed"],
    "person_en": ["wife", "mom", "daughter", "grandma"], "room_en": ["kitchen", "cabin", "camper"],
    "instr": ["clear", "confusing", "well illustrated", "hard to read"],
    "defect_en": ["rusty", "bent", "broken", "cracked"], "again": ["definitely", "never", "happily"],
    "overall": ["good", "solid", "disappointing", "great"],
}


def _fill(template: str, rng: np.random.Generator) -> str:
    out = template
    while "{" in out:
        a = out.index("{")
        b = out.index("}", a)
        key = out[a + 1:b]
        val = str(rng.integers(2, 12)) if key == "n" else _SLOTS[key][rng.integers(len(_SLOTS[key]))]
        out = out[:a] + val + out[b + 1:]
    return out


def generate_reviews(n: int, seed: int = 7) -> pd.DataFrame:
    """Realistic-length German/English reviews (20-150 words), vectorised over a sentence bank."""
    rng = np.random.default_rng(seed)
    banks = {lang: {k: [_fill(t, rng) for t in ts for _ in range(40)] for k, ts in src.items()}
             for lang, src in (("de", _DE), ("en", _EN))}
    # a Zipf long tail of rare words (names, typos, model numbers) grows the vocabulary like real text
    syll = np.array(["ka", "lo", "mi", "ter", "st", "ra", "ne", "bu", "x", "qu", "ze", "fo", "dri", "pla", "ng"])
    tail = ["".join(syll[rng.integers(0, len(syll), 3 + i % 3)]) + str(i % 97) for i in range(200_000)]
    is_de = rng.random(n) < 0.7
    # skewed like real reviews: median ~7 sentences (~50 words), 3-21 sentences (~20-150 words)
    n_sent = np.clip(np.round(rng.lognormal(np.log(7), 0.55, n)), 3, 21).astype(int)
    rating = rng.choice([1, 2, 3, 4, 5], n, p=[0.08, 0.07, 0.1, 0.25, 0.5])
    p_neg = np.array([0.0, 0.75, 0.6, 0.4, 0.15, 0.05])[rating]  # share of negative sentences by stars
    texts = []
    zipf = np.minimum(rng.zipf(1.3, n) - 1, len(tail) - 1)
    kinds = rng.random(int(n_sent.sum()))
    off = 0
    for i in range(n):
        b = banks["de" if is_de[i] else "en"]
        k = n_sent[i]
        u = kinds[off:off + k]
        off += k
        sents = [b["neg"][rng.integers(len(b["neg"]))] if x < p_neg[i]
                 else (b["neu"][rng.integers(len(b["neu"]))] if x > 0.9 else b["pos"][rng.integers(len(b["pos"]))])
                 for x in u]
        sents[0] = sents[0][:-1] + " " + tail[zipf[i]] + "."
        texts.append(" ".join(sents))
    asins = np.array([f"B0{k:08d}" for k in range(40)])
    ds = pd.Timestamp("2024-01-01", tz="UTC") + pd.to_timedelta(rng.integers(0, 1000, n), unit="D")
    return pd.DataFrame({"doc_id": [f"R{i}" for i in range(n)], "source": "review",
                         "unique_id": asins[rng.integers(0, 40, n)], "ds": ds, "text": texts,
                         "rating": rating.astype(float), "url": "", "title": "",
                         "asin": asins[rng.integers(0, 40, n)]})


def demo_reviews(n: int) -> pd.DataFrame | None:
    """``n`` competitor reviews of the kitchen-organizer demo, written by the demo generator at
    scale (``seller_lab.demo.text_data.write_text``) and read back through the importer."""
    import tempfile

    try:
        from seller_lab.demo import category_rngs
        from seller_lab.demo.text_data import write_text
    except ImportError:
        return None
    from seller_lab.params import load_params
    from seller_lab.sources import load_file

    params = load_params("kitchen-organizer-de")
    per_scale = 1400  # competitor reviews at scale 1 (seller_lab/demo/TRUTHS.md)
    with tempfile.TemporaryDirectory(prefix="bench_text_") as tmp:
        rng = category_rngs(7, "kitchen-organizer-de")["text"]
        write_text(params, Path(tmp), rng, scale=max(n / per_scale, 0.01) * 1.01)
        frame = load_file(Path(tmp) / "reviews_competitors.jsonl").frame
    return frame.head(n).reset_index(drop=True)


def run_one(n: int) -> dict:
    from seller_lab.params import load_params
    from seller_lab.text import mine_reviews

    t0 = time.perf_counter()
    reviews = demo_reviews(n)
    source = "demo generator"
    if reviews is None:
        reviews = generate_reviews(n)
        source = "bench generator"
    t_gen = time.perf_counter() - t0
    words = int(reviews["text"].str.count(" ").sum() + len(reviews))
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    params = load_params("kitchen-organizer-de")
    t1 = time.perf_counter()
    m = mine_reviews(reviews, params)
    secs = time.perf_counter() - t1
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"n": n, "source": source, "words": words, "generate_s": round(t_gen, 1), "mine_s": round(secs, 2),
            "reviews_per_s": round(n / secs), "peak_mb": round(peak), "input_mb": round(rss_before),
            "top_aspects": m.aspects["aspect"].head(5).tolist(),
            "top_negative": m.keywords.loc[m.keywords["side"] == "negative", "keyword"].head(3).tolist()}


# --- through the CLI, on the demo corpus and on real English review sentences ---------------------
ANNOTATED = ROOT / "tests" / "data" / "annotated_reviews"


def real_sentence_reviews(n: int, seed: int = 11) -> pd.DataFrame:
    """``n`` English reviews resampled from the real sentences of the annotated review files
    (Hu & Liu's nine products): 1-12 sentences each (median 3), drawn from one product, stars from
    the sentences' annotated opinion scores."""
    rng = np.random.default_rng(seed)
    pools = []
    for f in sorted(ANNOTATED.glob("*.txt")):
        sents, scores = [], []
        for line in f.read_bytes().decode("latin-1").replace("\x1a", " ").splitlines():
            if "##" in line:
                tags, text = line.split("##", 1)
                sents.append(text.strip())
                scores.append(sum(int(x) for x in __import__("re").findall(r"\[([+-]\d)\]", tags)))
        pools.append((np.array(sents, dtype=object), np.array(scores)))
    # the annotated sentences are long (~18 words): 1-12 of them, median 3 (~55 words, like Amazon reviews)
    n_sent = np.clip(np.round(rng.lognormal(np.log(3), 0.6, n)), 1, 12).astype(int)
    prod = rng.integers(0, len(pools), n)
    texts, ratings = [], np.empty(n)
    for i in range(n):
        sents, scores = pools[prod[i]]
        idx = rng.integers(0, sents.size, n_sent[i])
        texts.append(" ".join(sents[idx]))
        s = scores[idx].sum()
        ratings[i] = 5 if s >= 3 else 4 if s > 0 else 3 if s == 0 else 2 if s > -3 else 1
    asins = np.array([f"B0REAL{k:04d}" for k in range(len(pools))])
    ts = 1_600_000_000_000 + rng.integers(0, 10**11, n)
    return pd.DataFrame({"rating": ratings, "title": "", "text": texts, "asin": asins[prod], "parent_asin": asins[prod],
                         "user_id": [f"U{i}" for i in range(n)], "timestamp": ts})


def with_typos(reviews: pd.DataFrame, share: float = 0.04, seed: int = 13) -> pd.DataFrame:
    """The reviews with one random letter inserted into ``share`` of their words of 3+ letters. The
    resampled sentences hold 7,712 distinct words however many reviews are drawn, where the vocabulary
    of real reviews keeps growing with their number, mostly through rare words and misspellings; the
    per-word work of the miner shows only on such a vocabulary (~395k words at 1M reviews here)."""
    import re

    rng = np.random.default_rng(seed)
    letters = np.array(list("abcdefghijklmnopqrstuvwxyz"))
    word = re.compile(r"[A-Za-z]{3,}")

    def typo(m):
        w = m.group(0)
        if rng.random() >= share:
            return w
        i = int(rng.integers(0, len(w) + 1))
        return w[:i] + letters[rng.integers(0, 26)] + w[i:]

    out = reviews.copy()
    out["text"] = [word.sub(typo, t) for t in out["text"].tolist()]
    return out


def write_corpus(corpus: str, n: int, folder: Path) -> Path:
    """An Amazon Reviews 2023 JSONL file of ``n`` reviews: 'demo' (the demo generator's competitor
    reviews of the kitchen organizer), 'real' (resampled annotated English review sentences) or
    'typos' (the same with a growing vocabulary: :func:`with_typos`).
    With ``BENCH_TEXT_CACHE`` set to a folder, a file written once is reused."""
    cache = os.environ.get("BENCH_TEXT_CACHE")
    if cache:
        cached = Path(cache) / f"{corpus}_{n}.jsonl"
        if not cached.exists():
            Path(cache).mkdir(parents=True, exist_ok=True)
            tmp = Path(cache) / f"{corpus}_{n}"
            tmp.mkdir(exist_ok=True)
            os.environ.pop("BENCH_TEXT_CACHE")
            try:
                write_corpus(corpus, n, tmp).rename(cached)
            finally:
                os.environ["BENCH_TEXT_CACHE"] = cache
        return cached
    if corpus == "demo":
        from seller_lab.demo import category_rngs
        from seller_lab.demo.text_data import write_text
        from seller_lab.params import load_params

        params = load_params("kitchen-organizer-de")
        rng = category_rngs(7, "kitchen-organizer-de")["text"]
        write_text(params, folder, rng, scale=max(n / 1400, 0.01) * 1.01)
        path = folder / "reviews_competitors.jsonl"
        with open(path, "rb") as src, open(folder / "reviews.jsonl", "wb") as dst:
            for i, line in enumerate(src):
                if i >= n:
                    break
                dst.write(line)
        return folder / "reviews.jsonl"
    path = folder / "reviews.jsonl"
    reviews = real_sentence_reviews(n)
    if corpus == "typos":
        reviews = with_typos(reviews)
    reviews.to_json(path, orient="records", lines=True, force_ascii=False)
    return path


def run_cli(corpus: str, n: int) -> dict:
    """``seller-lab mine reviews FILE --json`` on ``n`` reviews in a child process: wall seconds and
    the child's peak resident memory."""
    import tempfile

    with tempfile.TemporaryDirectory(prefix="bench_text_cli_") as tmp:
        path = write_corpus(corpus, n, Path(tmp))
        # the child reports its own peak (VmHWM of its address space): ru_maxrss survives exec, so a
        # child started from this process right after it built a corpus would report that corpus' peak
        code = ("import atexit, re, sys; from seller_lab.cli import main; "
                "atexit.register(lambda: sys.stderr.write('PEAK_KIB %s\\n' % re.search("
                "r'VmHWM:\\s+(\\d+)', open('/proc/self/status').read()).group(1))); "
                "raise SystemExit(main(sys.argv[1:]))")
        t0 = time.perf_counter()
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        out = subprocess.run([sys.executable, "-c", code, "mine", "reviews", str(path), "--json", "--top", "30"],
                             capture_output=True, text=True)
        secs = time.perf_counter() - t0
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
        if out.returncode != 0:
            raise RuntimeError(out.stderr.strip().splitlines()[-1] if out.stderr else "failed")
        peak_kib = int(re.findall(r"^PEAK_KIB (\d+)$", out.stderr, re.M)[-1])  # Linux: KiB
        start = out.stdout.find("{\n")  # versions before the fix let DuckDB's progress bar into stdout
        try:
            data = json.loads(out.stdout[max(start, 0):])
        except json.JSONDecodeError as exc:
            raise RuntimeError(f"CLI output is not JSON ({exc}): {out.stdout[:200]!r}") from exc
    return {"corpus": corpus, "n": n, "cli_s": round(secs, 2), "cpu_s": round(cpu, 2),
            "peak_gb": round(peak_kib * 1024 / 1e9, 3),
            "clean_json": start == 0,
            "reviews": data["reviews"], "duplicates_dropped": data.get("duplicates_dropped", 0),
            "aspects": [a["aspect"] for a in data["aspects"][:8]]}


def versus_tfidf(corpus: str, n: int, n_jobs: int | None = None) -> dict:
    """``mine_reviews`` as the CLI runs it (aspects and keywords with quotes, no per competitor /
    month breakdowns) vs scikit-learn's 1-3-gram TfidfVectorizer fitted on the same texts, in one
    process. ``n_jobs``: the miner's threads (``text.n_jobs``; None = params/defaults.yaml)."""
    import tempfile

    # the miner imports nltk's stemmer lazily: imported here, its import is outside the clock like scikit-learn's
    from nltk.stem.snowball import SnowballStemmer  # noqa: F401
    from sklearn.feature_extraction.text import TfidfVectorizer

    from seller_lab.sources import load_file
    from seller_lab.text import mine_reviews
    from seller_lab.text.common import default_params

    with tempfile.TemporaryDirectory(prefix="bench_text_tfidf_") as tmp:
        frame = load_file(write_corpus(corpus, n, Path(tmp)), kind="reviews").frame
    t0, c0 = time.perf_counter(), time.process_time()
    params = default_params()  # read inside the clock, as mine_reviews(frame, None) reads it
    if n_jobs is not None:
        params["text"]["n_jobs"] = n_jobs
    mine_reviews(frame, params, breakdowns=False)
    ours, ours_cpu = time.perf_counter() - t0, time.process_time() - c0
    texts = (frame["title"].fillna("") + "\n" + frame["text"].fillna("")).tolist()
    t0, c0 = time.perf_counter(), time.process_time()
    TfidfVectorizer(ngram_range=(1, 3)).fit_transform(texts)
    tfidf, tfidf_cpu = time.perf_counter() - t0, time.process_time() - c0
    # CPU seconds too: wall time depends on what else runs on the machine, CPU time much less
    return {"corpus": corpus, "n": n, "ours_s": round(ours, 2), "tfidf_s": round(tfidf, 2),
            "speedup": round(tfidf / ours, 2), "ours_cpu_s": round(ours_cpu, 2), "tfidf_cpu_s": round(tfidf_cpu, 2),
            "cpu_speedup": round(tfidf_cpu / ours_cpu, 2), "n_jobs": params["text"]["n_jobs"]}


# the stages of `mine reviews` (function names as the profiler sees them), in pipeline order
STAGES = (("read the file (load_file)", "load_file"), ("drop exact duplicates", "drop_duplicate_documents"),
          ("tokenise (build_corpus, worker threads included)", "build_corpus"),
          ("detect languages", "language_scores"), ("fit the star-rating model", "fit_rating_model"),
          ("sentence sentiment", "corpus_sentiment"), ("analyse (tokenise .. sentiment, with stems)", "analyse"),
          ("aspect keys (noun tests, compounds)", "aspect_keys"), ("  distinct (row, key) pairs", "unique_pairs"),
          ("aspect labels", "_labels"), ("keywords (log-odds)", "review_keywords"),
          ("quotes (aspects + keywords)", "pick_quotes"), ("whole miner (mine_reviews)", "mine_reviews"))


def stages(corpus: str, n: int) -> dict:
    """CPU seconds of each stage of reading + ``mine_reviews`` (as the CLI runs it) on ``n`` reviews,
    from cProfile with a CPU-time clock (stable when other processes share the cores), plus wall time
    and peak RSS of the whole run. The miner runs with ``text.n_jobs`` = 1 here: the profiler sees the
    calling thread only, so stages run beside others on a second thread would not be counted (the
    tokeniser's and sentence scorer's own worker threads would count in the stage that waits for them)."""
    import cProfile
    import pstats
    import tempfile

    from seller_lab.sources import load_file
    from seller_lab.text import mine_reviews
    from seller_lab.text.common import default_params, small_pages

    params = default_params()
    params["text"]["n_jobs"] = 1

    with tempfile.TemporaryDirectory(prefix="bench_text_stages_") as tmp:
        path = write_corpus(corpus, n, Path(tmp))
        prof = cProfile.Profile(time.process_time)
        t0, c0 = time.perf_counter(), time.process_time()
        prof.enable()
        with small_pages():  # as `mine reviews` runs
            frame = load_file(path, kind="reviews").frame
            mine_reviews(frame, params, top_n=30, breakdowns=False)
        prof.disable()
        wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    cum: dict[str, float] = {}
    for (_file, _line, name), (_cc, _nc, _tt, ct, _callers) in pstats.Stats(prof).stats.items():
        cum[name] = cum.get(name, 0.0) + ct  # recursive or same-named functions: summed
    return {"corpus": corpus, "n": n, "wall_s": round(wall, 2), "cpu_s": round(cpu, 2),
            "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
            "stages": [(label, round(cum.get(name, 0.0), 2)) for label, name in STAGES]}


# the stages of `mine reviews` whose memory --memory reports: (module, function), in pipeline order
MEMORY_STAGES = (("seller_lab.text.cli", "_mined_reviews"), ("seller_lab.text.aspects", "drop_duplicate_documents"),
                 ("seller_lab.text.aspects", "PackedColumns"), ("seller_lab.text._core", "build_corpus"),
                 ("seller_lab.text._core", "language_scores"), ("seller_lab.text._core", "fit_rating_model"),
                 ("seller_lab.text._core", "corpus_sentiment"), ("seller_lab.text.aspects", "analyse"),
                 ("seller_lab.text.aspects", "_keys_for"), ("seller_lab.text.aspects", "_Mentions"),
                 ("seller_lab.text.aspects", "_labels"), ("seller_lab.text.aspects", "_aspect_frame"),
                 ("seller_lab.text.aspects", "review_keywords"))


# the stages of `mine reviews` whose wall-clock start and end --timeline reports, on whichever thread runs them
TIMELINE_STAGES = (("seller_lab.text.cli", "load_file"), ("seller_lab.text.aspects", "drop_duplicate_documents"),
                   ("seller_lab.text.aspects", "text_corpus"), ("seller_lab.text.aspects", "analyse"),
                   ("seller_lab.text._core", "language_scores"), ("seller_lab.text._core", "_sentiment_trimmed"),
                   ("seller_lab.text.aspects", "_keys_for"), ("seller_lab.text.aspects", "_Mentions"),
                   ("seller_lab.text.aspects", "_aspect_frame"), ("seller_lab.text.aspects", "review_keywords"))


def _watch_stages(stages, before, after) -> None:
    """Wrap each (module, function) of ``stages`` in this process: ``before(name)`` and ``after(name)``
    run at its start and end (a stage this version does not have is skipped)."""
    import functools
    import importlib

    for mod, name in stages:
        module = importlib.import_module(mod)
        func = getattr(module, name, None)
        if func is None:
            continue

        def watched(*args, _func=func, _name=name, **kw):
            before(_name)
            try:
                return _func(*args, **kw)
            finally:
                after(_name)

        setattr(module, name, functools.wraps(func)(watched))


def _cli_quietly(path: Path) -> None:
    """``seller-lab mine reviews PATH --json --top 30`` in this process, its output discarded."""
    import contextlib
    import io

    from seller_lab.cli import main as cli_main

    with contextlib.redirect_stdout(io.StringIO()):
        cli_main(["mine", "reviews", str(path), "--json", "--top", "30"])


def timeline(corpus: str, n: int) -> dict:
    """Wall-clock seconds at which each stage of ``seller-lab mine reviews FILE --json`` on ``n`` reviews
    starts and ends, and on which thread (the sentences are scored beside the aspect keys): where the
    critical path runs. The stamps are kept in a list (nothing printed from the threads); the peak RSS
    of this run is not the CLI's (use --targets or /usr/bin/time for that)."""
    import tempfile
    import threading

    t_start = time.perf_counter()
    events: list[tuple[float, str, str]] = []

    def stamp(mark: str):
        return lambda name: events.append((time.perf_counter() - t_start, threading.current_thread().name,
                                           f"{mark} {name}"))

    _watch_stages(TIMELINE_STAGES, stamp("start"), stamp("end  "))
    with tempfile.TemporaryDirectory(prefix="bench_text_timeline_") as tmp:
        path = write_corpus(corpus, n, Path(tmp))
        t_start = time.perf_counter()  # from the CLI's start (the corpus written first is not counted)
        _cli_quietly(path)
        wall = time.perf_counter() - t_start
    return {"corpus": corpus, "n": n, "wall_s": round(wall, 1), "cpu_s": round(time.process_time(), 1),
            "events": [(round(t, 2), th, e) for t, th, e in events]}


def memory_profile(corpus: str, n: int) -> dict:
    """Resident memory of ``seller-lab mine reviews FILE --json`` on ``n`` reviews, stage by stage:
    at the start and end of each stage (MEMORY_STAGES, wrapped in this process) the kernel's
    high-water mark of resident memory (VmHWM) is read and reset (/proc/self/clear_refs), so each
    line gives the highest RSS since the previous line and the RSS at that point. No sampling
    thread: a second thread would change how glibc places the memory."""
    import tempfile

    def status() -> tuple[float, float]:
        v = {}
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith(("VmHWM", "VmRSS")):
                    key, val = line.split(":")
                    v[key] = int(val.split()[0]) / 1e6  # kB -> GB
        return v["VmHWM"], v["VmRSS"]

    def reset() -> None:
        with open("/proc/self/clear_refs", "w") as fh:
            fh.write("5")

    events: list[tuple[str, float, float]] = []

    def mark(what: str):
        def at(name: str) -> None:
            events.append((f"{what} {name}", *status()))
            reset()
        return at

    _watch_stages(MEMORY_STAGES, mark("start"), mark("end  "))
    with tempfile.TemporaryDirectory(prefix="bench_text_mem_") as tmp:
        path = write_corpus(corpus, n, Path(tmp))
        t0 = time.perf_counter()
        reset()
        _cli_quietly(path)
        wall = time.perf_counter() - t0
    return {"corpus": corpus, "n": n, "wall_s": round(wall, 1), "cpu_s": round(time.process_time(), 1),
            # the resets clear ru_maxrss too: the peak is the highest of the marks read
            "peak_gb": round(max((h for _, h, _ in events), default=0.0), 2),
            "events": [(e, round(h, 2), round(r, 2)) for e, h, r in events]}


def _child_runs(flag: str, sizes: list[int]):
    """(corpus, size, result) of one child run per corpus and size, between two load-average lines."""
    print(f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    for corpus in ("demo", "real", "typos"):
        for n in sizes:
            r = _child(flag, corpus, n)
            if r:
                yield corpus, n, r
    print(f"load average at end: {os.getloadavg()[0]:.2f}")


def print_memory(sizes: list[int]) -> None:
    for corpus, n, r in _child_runs("--memory-one", sizes):
        print(f"== {corpus} corpus, {n} reviews: wall {r['wall_s']} s, CPU {r['cpu_s']} s, "
              f"peak RSS {r['peak_gb']} GB ==")
        print(f"  {'stage':36} {'highest GB since the line before':>32} {'GB now':>7}")
        for event, hwm, now in r["events"]:
            print(f"  {event:36} {hwm:32.2f} {now:7.2f}")


def print_timeline(sizes: list[int]) -> None:
    for corpus, n, r in _child_runs("--timeline-one", sizes):
        print(f"== {corpus} corpus, {n} reviews through the CLI: wall {r['wall_s']} s, CPU {r['cpu_s']} s "
              "(stage functions wrapped with a clock) ==")
        for t, thread, event in r["events"]:
            print(f"  {t:7.2f} s  {thread[:24]:24}  {event}")


def print_stages(sizes: list[int]) -> None:
    for corpus, n, r in _child_runs("--stages-one", sizes):
        print(f"== {corpus} corpus, {n} reviews: wall {r['wall_s']:.1f} s (under the profiler), "
              f"CPU {r['cpu_s']:.1f} s, peak RSS {r['peak_mb']} MB ==")
        for label, secs in r["stages"]:
            print(f"  {label:48} {secs:7.2f} s CPU  {secs / max(r['cpu_s'], 1e-9):5.0%}")


def yake_rate(sample: pd.DataFrame) -> float | None:
    try:
        import yake
    except ImportError:
        return None
    kw = yake.KeywordExtractor(lan="de", n=2, top=10)
    texts = sample["text"].tolist()
    t0 = time.perf_counter()
    for t in texts:
        kw.extract_keywords(t)
    return len(texts) / (time.perf_counter() - t0)


def quality() -> dict:
    from seller_lab.text.quality import evaluate
    from seller_lab.text.sentiment import vader_agreement

    dev = pd.read_csv(ROOT / "tests" / "data" / "text" / "devset.tsv", sep="\t", keep_default_na=False, dtype=str)
    hold = pd.read_csv(ROOT / "tests" / "data" / "text" / "holdout.tsv", sep="\t", keep_default_na=False, dtype=str)
    r = evaluate(dev)
    r_hold = evaluate(hold)
    en = dev.loc[dev["lang"] == "en", "text"].tolist()
    sample = generate_reviews(400, seed=3)
    en_bench = sample.loc[sample["text"].str.contains(" the ", regex=False), "text"].head(200).tolist()
    return {"dev": r, "holdout": r_hold, "vader_dev": vader_agreement(en), "vader_bench": vader_agreement(en_bench)}


def stemmers(n_words: int = 200_000) -> None:
    """nltk's Snowball port against PyStemmer (the miner's stemmer) on a vocabulary of ``n_words``: the
    annotated reviews' words and one-letter misspellings of them, as a real corpus's vocabulary is mostly
    rare words. CPU seconds per language, the words stemmed differently, and nltk's import in a fresh
    interpreter (the miner no longer pays it)."""
    import re

    import Stemmer
    from nltk.stem.snowball import SnowballStemmer

    words = set()
    for f in sorted(ANNOTATED.rglob("*.txt")):
        words |= set(re.findall(r"[a-z]+", f.read_bytes().decode("latin-1").lower()))
    base = sorted(words)
    rng = np.random.default_rng(0)
    vocab = set(base)
    while len(vocab) < n_words:
        w = base[rng.integers(len(base))]
        i = int(rng.integers(len(w) + 1))
        vocab.add(w[:i] + "abcdefghijklmnopqrstuvwxyz"[rng.integers(26)] + w[i:])
    vocab = sorted(vocab)
    code = ("import time; t = time.process_time(); from nltk.stem.snowball import SnowballStemmer; "
            "print(time.process_time() - t)")
    imports = [float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                    check=True).stdout) for _ in range(2)]
    print(f"== Snowball stems of {len(vocab):,} words ({len(base):,} annotated-review words and misspellings), "
          "CPU seconds ==")
    print(f"{'language':>9} {'nltk':>7} {'PyStemmer':>10} {'faster':>7} {'differ':>8}")
    for lang in ("english", "german", "french", "spanish", "italian"):
        st = SnowballStemmer(lang).stem
        t = time.process_time()
        a = [st(w) for w in vocab]
        t_nltk = time.process_time() - t
        t = time.process_time()
        b = Stemmer.Stemmer(lang).stemWords(vocab)
        t_py = time.process_time() - t
        print(f"{lang:>9} {t_nltk:7.2f} {t_py:10.2f} {t_nltk / max(t_py, 1e-9):6.1f}x "
              f"{sum(x != y for x, y in zip(a, b)):8,d}")
    print(f"importing nltk.stem.snowball in a fresh interpreter: {' / '.join(f'{x:.2f}' for x in imports)} s CPU")
    import tracemalloc

    tracemalloc.start()
    kept = dict(zip(vocab, Stemmer.Stemmer("english").stemWords(vocab)))
    held = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    print(f"keeping the English stems of these words (what vocab_stems keeps up to _STEM_CACHE_WORDS): "
          f"{held / 1e6:.0f} MB for {len(kept):,} words")


def _child(flag: str, *values) -> dict | None:
    out = subprocess.run([sys.executable, __file__, flag, *map(str, values)], capture_output=True, text=True)
    if out.returncode != 0:
        print(f"  FAILED: {out.stderr.strip().splitlines()[-1] if out.stderr else '?'}")
        return None
    return json.loads(out.stdout.strip().splitlines()[-1])


def targets(cli_sizes: list[int], tfidf_size: int, n_jobs: int | None = None) -> None:
    """Issue 12's speed/memory targets, each measurement in its own process."""
    print(f"load average at start: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} {os.getloadavg()[2]:.2f}")
    print("== seller-lab mine reviews FILE --json (child process: wall time incl. reading the file, peak RSS) ==")
    print(f"{'corpus':>7} {'reviews':>9} {'seconds':>8} {'CPU s':>8} {'peak GB':>8}  top aspects  (GB = 10^9 bytes)")
    for corpus in ("demo", "real", "typos"):
        for n in cli_sizes:
            r = _child("--cli", corpus, n)
            if r:
                note = "" if r["clean_json"] else "  (stdout had text before the JSON)"
                print(f"{corpus:>7} {n:9d} {r['cli_s']:8.1f} {r['cpu_s']:8.1f} {r['peak_gb']:8.3f}  "
                      f"{', '.join(r['aspects'][:6])}{note}")
                if n >= 1_000_000:
                    print(f"        target 1M <= 30 s: {'met' if r['cli_s'] <= 30 else 'MISSED'}; "
                          f"< 2 GB: {'met' if r['peak_gb'] < 2 else 'MISSED'}")
    print(f"== mine_reviews vs scikit-learn TfidfVectorizer(ngram_range=(1, 3)) on the same {tfidf_size} texts ==")
    for corpus in ("demo", "real", "typos"):
        r = _child("--tfidf", corpus, tfidf_size, *([] if n_jobs is None else ["--n-jobs", n_jobs]))
        if r:
            print(f"{corpus:>7}: ours {r['ours_s']:.1f} s ({r['n_jobs']} thread(s)), TF-IDF {r['tfidf_s']:.1f} s -> {r['speedup']:.2f}x "
                  f"(target >= 2x: {'met' if r['speedup'] >= 2 else 'MISSED'}); CPU ours {r['ours_cpu_s']:.1f} s, "
                  f"TF-IDF {r['tfidf_cpu_s']:.1f} s -> {r['cpu_speedup']:.2f}x")
    print(f"load average at end: {os.getloadavg()[0]:.2f}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="*", default=[10_000, 100_000, 1_000_000])
    ap.add_argument("--one", type=int, default=None, help=argparse.SUPPRESS)
    ap.add_argument("--cli", nargs=2, default=None, help=argparse.SUPPRESS)
    ap.add_argument("--tfidf", nargs=2, default=None, help=argparse.SUPPRESS)
    ap.add_argument("--n-jobs", type=int, default=None,
                    help="the miner's threads against TF-IDF (text.n_jobs; default: params/defaults.yaml)")
    ap.add_argument("--stages-one", nargs=2, default=None, help=argparse.SUPPRESS)
    ap.add_argument("--memory-one", nargs=2, default=None, help=argparse.SUPPRESS)
    ap.add_argument("--timeline-one", nargs=2, default=None, help=argparse.SUPPRESS)
    ap.add_argument("--timeline", type=int, nargs="*", default=None,
                    help="wall-clock start and end of each stage of `mine reviews` on N reviews (default 1000000), "
                         "with the thread that runs it, demo and real corpora")
    ap.add_argument("--stemmers", type=int, nargs="?", const=200_000, default=None,
                    help="nltk's Snowball port vs PyStemmer on a vocabulary of N words (default 200000)")
    ap.add_argument("--memory", type=int, nargs="*", default=None,
                    help="resident memory per stage of `mine reviews` on N reviews (default 100000), demo and real corpora")
    ap.add_argument("--stages", type=int, nargs="*", default=None,
                    help="CPU seconds per stage of reading + mining N reviews (default 100000), demo and real corpora")
    ap.add_argument("--quick", action="store_true", help="10k and 100k only")
    ap.add_argument("--targets", action="store_true",
                    help="only issue 12's targets: CLI at 1M reviews, vs TF-IDF at 100k, demo and real corpora")
    ap.add_argument("--cli-sizes", type=int, nargs="*", default=[1_000_000])
    ap.add_argument("--tfidf-size", type=int, default=100_000)
    args = ap.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one)))
        return
    if args.cli:
        print(json.dumps(run_cli(args.cli[0], int(args.cli[1]))))
        return
    if args.tfidf:
        print(json.dumps(versus_tfidf(args.tfidf[0], int(args.tfidf[1]), args.n_jobs)))
        return
    if args.stages_one:
        print(json.dumps(stages(args.stages_one[0], int(args.stages_one[1]))))
        return
    if args.memory_one:
        print(json.dumps(memory_profile(args.memory_one[0], int(args.memory_one[1]))))
        return
    if args.timeline_one:
        print(json.dumps(timeline(args.timeline_one[0], int(args.timeline_one[1]))))
        return
    if args.stemmers is not None:
        stemmers(args.stemmers)
        return
    if args.memory is not None:
        print_memory(args.memory or [100_000])
        return
    if args.timeline is not None:
        print_timeline(args.timeline or [1_000_000])
        return
    if args.stages is not None:
        print_stages(args.stages or [100_000])
        return
    if args.targets:
        targets(args.cli_sizes, args.tfidf_size, args.n_jobs)
        return
    sizes = [10_000, 100_000] if args.quick else args.sizes
    print("== text mining: quality on the labelled sets (tests/data/text/) ==")
    q = quality()
    dev, hold = q["dev"], q["holdout"]
    print(f"dev set: {dev['n']} sentences (rules were tuned on it); hold-out: {hold['n']} sentences written after "
          "tuning (never tuned on)")
    print(f"{'subset':14} {'n':>4} {'aspect P/R/F1':>18} {'complaint P/R/F1':>18} {'polarity acc':>12} {'lang acc':>8}")
    rows = {"dev all": dev["overall"], **{f"dev {k}": v for k, v in {**dev["by_lang"], **dev["by_source"]}.items()},
            "holdout all": hold["overall"], **{f"holdout {k}": v for k, v in hold["by_lang"].items()}}
    for name, m in rows.items():
        print(f"{name:14} {m['n']:4d} {m['aspect_precision']:.2f}/{m['aspect_recall']:.2f}/{m['aspect_f1']:.2f}"
              f"     {m['complaint_precision']:.2f}/{m['complaint_recall']:.2f}/{m['complaint_f1']:.2f}"
              f"     {m['polarity_accuracy']:12.2f} {m['language_accuracy']:8.2f}")
    print("floors: aspect F1 >= 0.60, polarity accuracy >= 0.80, complaint F1 >= 0.70")
    for k in ("vader_dev", "vader_bench"):
        v = q[k]
        print(f"vectorised VADER vs nltk VADER ({k.split('_')[1]} sentences, n={v['n']}): "
              f"pearson r {v['pearson_r']:.3f}, same label {v['label_agreement']:.1%}")
    print("\n== text mining: speed (full mine_reviews of one category, 2 cores) ==")
    print(f"{'reviews':>9} {'source':>16} {'words':>11} {'seconds':>8} {'reviews/s':>10} {'peak MB':>8}")
    results = []
    for n in sizes:
        env = dict(os.environ)
        out = subprocess.run([sys.executable, __file__, "--one", str(n)], capture_output=True, text=True, env=env)
        if out.returncode != 0:
            print(f"{n:9d} FAILED: {out.stderr.strip().splitlines()[-1] if out.stderr else '?'}")
            continue
        r = json.loads(out.stdout.strip().splitlines()[-1])
        results.append(r)
        print(f"{r['n']:9d} {r['source']:>16} {r['words']:11d} {r['mine_s']:8.1f} {r['reviews_per_s']:10d} {r['peak_mb']:8d}")
    if results:
        print(f"top aspects ({results[-1]['n']} reviews): {results[-1]['top_aspects']}; "
              f"top negative keywords: {results[-1]['top_negative']}")
    big = [r for r in results if r["n"] >= 1_000_000]
    if big:
        r = big[0]
        print(f"targets: 1M reviews <= 60 s -> {r['mine_s']:.1f} s ({'met' if r['mine_s'] <= 60 else 'MISSED'}); "
              f"< 4 GB -> {r['peak_mb'] / 1024:.2f} GB ({'met' if r['peak_mb'] < 4096 else 'MISSED'})")
    rate = yake_rate(generate_reviews(300, seed=5))
    if rate is None:
        print("YAKE not importable (pip install yake into .venv to compare); skipped")
    elif results:
        ours = results[-1]["reviews_per_s"]
        print(f"YAKE: {rate:.0f} docs/s on 300 reviews; ours {ours} reviews/s -> {ours / rate:.0f}x "
              f"(target >= 40x: {'met' if ours / rate >= 40 else 'MISSED'})")


if __name__ == "__main__":
    main()
