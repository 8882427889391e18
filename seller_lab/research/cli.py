"""``seller-lab trends FILE [--json] [--params CATEGORY]``: the R1.1 call and the numbers
behind it (growth, Theil–Sen slope, Mann–Kendall p, seasonal strength, peak months) per
keyword for any Google Trends export (CSV from the web UI or a saved pytrends frame).

``seller-lab verdicts CATEGORY PERIOD [PERIOD ...] [--json]``: the verdict backtest — the
research verdict and its key numbers as of the end of each period
(:func:`seller_lab.research.pipeline.verdict_history`)."""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

from ..errors import InputFileError
from ..params import load_params
from ..sources import load_file

__all__ = ["register"]


def _num(x, fmt: str) -> str:
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "n/a"
    return format(x, fmt)


def _clean(obj):
    """JSON-safe: NaN -> null, numpy scalars -> Python."""
    if isinstance(obj, dict):
        return {k: _clean(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_clean(v) for v in obj]
    if hasattr(obj, "item") and not isinstance(obj, (str, bytes)):
        try:
            obj = obj.item()
        except (ValueError, AttributeError):
            return str(obj)
    if isinstance(obj, float) and math.isnan(obj):
        return None
    return obj


def _trends(args) -> int:
    # the analysis pulls in scipy/statsmodels: loaded when the command runs, not when any
    # `seller-lab` command starts
    from .trends import analyse_trends, category_summary

    path = Path(args.file)
    if not path.exists():
        raise InputFileError(str(path), "file not found", fix="check the path of the Trends export")
    params = load_params(args.params)  # None -> the shipped defaults only
    res = load_file(path, kind="trends", params=params)
    a = analyse_trends(res.frame, params, category=(args.params or ""), source_file=str(path))
    if args.json:
        rows = a.frame.assign(first=a.frame["first"].astype(str), last=a.frame["last"].astype(str))
        out = {"file": str(path), "series": rows.to_dict(orient="records"), "category": category_summary(a),
               "decisions": [d.as_row() for d in a.decisions]}
        json.dump(_clean(out), sys.stdout, ensure_ascii=False, indent=1, default=str)
        print()
        return 0
    print(f"{path.name}: {len(a.frame)} series ({res.layout})")
    for r in a.frame.itertuples(index=False):
        print(f"\n{r.keyword} [{r.geo}] — {r.call}")
        print(f"  {r.frequency}, {r.periods} periods {str(r.first)[:10]} .. {str(r.last)[:10]} ({r.years:.1f} years); "
              f"gaps {r.gaps}, partial rows dropped {r.dropped_partial}")
        print(f"  12-month growth {_num(r.growth, '+.1%')} (recent mean {_num(r.recent_mean, '.1f')} vs "
              f"{_num(r.year_ago_mean, '.1f')} a year earlier)")
        print(f"  Theil–Sen slope {_num(r.slope_pct_per_year, '+.1%')} of the mean level per year, "
              f"Mann–Kendall tau {_num(r.mk_tau, '.2f')} p {_num(r.mk_p, '.3g')}")
        peaks = ", ".join(r.peak_months) if len(r.peak_months) else "-"
        print(f"  seasonal swing {_num(r.seasonal_swing, '+.0%')}, STL seasonal strength "
              f"{_num(r.seasonal_strength, '.2f')} (0-1), peak months {peaks}")
        if r.seasonal_why:
            print(f"  {r.seasonal_call}: {r.seasonal_why}")
        if r.note:
            print(f"  note: {r.note}")
    return 0


def _verdicts(args) -> int:
    # the research stack loads when the command runs, not when any `seller-lab` command starts
    from ..asof import period_end
    from ..sources.category import load_category
    from .pipeline import verdict_history

    for period in args.periods:
        period_end(period)  # a label that is no period fails before any data is read
    params = load_params(args.category, args.params_dir)
    h = verdict_history(load_category(params), params, args.periods)
    if args.json:
        rows = h.assign(as_of=h["as_of"].dt.strftime("%Y-%m-%d")).to_dict(orient="records")
        json.dump(_clean(rows), sys.stdout, ensure_ascii=False, indent=1)
        print()
        return 0
    print(f"{args.category}: research verdict as of each period's end")
    for r in h.itertuples(index=False):
        print(f"\n{r.period} (data as of {r.as_of:%Y-%m-%d}): {r.verdict.upper()}")
        print(f"  trend {r.trend_call}, 12-month growth {_num(r.growth, '+.0%')}; comparable competitors "
              f"{_num(r.competitors_in_band, '.0f')}; pain points {r.pain_points}, demand gaps {r.demand_gaps}, "
              f"differentiators {r.differentiators}")
        print(f"  rows knowable then: trends {r.trends_rows}, posts {r.posts_rows}, reviews {r.reviews_rows}, "
              f"Q&A {r.questions_rows}")
        print(f"  {r.reason}")
    return 0


def register(subparsers) -> None:
    """Add ``seller-lab trends`` to the main command line."""
    p = subparsers.add_parser("trends", help="rising/flat/falling x seasonal call for a Google Trends export (R1.1)")
    p.add_argument("file", help="Google Trends CSV export (multiTimeline.csv) or saved pytrends frame")
    p.add_argument("--json", action="store_true", help="print JSON instead of text")
    p.add_argument("--params", metavar="CATEGORY", default=None,
                   help="category slug whose params (thresholds, geo) to use; default: shipped defaults")
    p.set_defaults(func=_trends)
    v = subparsers.add_parser("verdicts", help="research verdict as of each period's end (verdict backtest, R1)")
    v.add_argument("category", metavar="CATEGORY")
    v.add_argument("periods", nargs="+", metavar="PERIOD", help="YYYY-MM, YYYY-Qn or YYYY, e.g. 2024-06 2025-06")
    v.add_argument("--json", action="store_true", help="print JSON instead of text")
    v.add_argument("--params-dir", default=None)
    v.set_defaults(func=_verdicts)
