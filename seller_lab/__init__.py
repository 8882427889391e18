"""seller_lab: research -> small-batch test -> stocking -> fulfilment -> after-sales ->
iteration, on a cross-border seller's own data, with every threshold in params and every
verdict explained (see README.md and docs/architecture.md).

The front door — what an analyst needs, from one place::

    from seller_lab import load_params, load_category, run_research, sections

    params = load_params("kitchen-organizer-de")
    data = load_category(params)
    r = run_research(data, params, "2026-11")   # every analysis once; shows itself in JupyterLab
    sections.research.trends(r)                 # one section of the research page

Steps one by one: :func:`pain_points`, :func:`question_themes`, :func:`demand_gaps`,
:func:`filter_competitors`, :func:`compliance_check`, :func:`small_batch_plan`,
:func:`evaluate_pilot`, :func:`daily_series` and :func:`forecast`; the monthly review is
:func:`run_month`. Every seed rule comes back as a :class:`Decision`. Every function takes the
loaded ``params`` right after its data frames (first when it needs no data).

The package mirrors the loop: ``sources`` (all I/O), ``text`` (mining primitives),
``research``, ``pilot``, ``stock``, ``fulfilment``, ``aftersales``, ``iteration``,
``review``, ``report``; plus ``params``, ``settings``, ``schemas``, ``decisions`` and
``errors``.

Examples
--------
>>> import seller_lab
>>> seller_lab.load_params("kids-toy-us")["compliance"]["max_cert_cost_share_of_profit"]
0.3
>>> "run_research" in dir(seller_lab)
True
"""

from importlib import import_module

__version__ = "0.1.0"

# name -> module that defines it. The names are loaded on first use (PEP 562): the analysis
# modules pull in scipy, scikit-learn, nltk and matplotlib (~2 s), which the command line and
# the report workers must not pay for just by importing ``seller_lab.errors``.
_EXPORTS = {
    "load_params": "seller_lab.params",
    "load_category": "seller_lab.sources",
    "load_file": "seller_lab.sources",
    "load_rules": "seller_lab.sources.rules",
    "run_research": "seller_lab.research.pipeline",
    "Research": "seller_lab.research.pipeline",
    "run_month": "seller_lab.review",
    "pain_points": "seller_lab.text",
    "question_themes": "seller_lab.text",
    "demand_gaps": "seller_lab.text",
    "review_keywords": "seller_lab.text",
    "filter_competitors": "seller_lab.research.competition",
    "compliance_check": "seller_lab.research.compliance",
    "small_batch_plan": "seller_lab.research.testplan",
    "evaluate_pilot": "seller_lab.pilot.evaluate",
    "daily_series": "seller_lab.stock.forecast",
    "forecast": "seller_lab.stock.forecast",
    "Decision": "seller_lab.decisions",
    "decisions_frame": "seller_lab.decisions",
    "publish": "seller_lab.report.publish",
    "run_report": "seller_lab.report.runner",
    "run_batch": "seller_lab.report.batch",
    "sections": "seller_lab.report",
    "SellerLabError": "seller_lab.errors",
    "ParamsError": "seller_lab.errors",
}
_RENAMED = {"decisions_frame": "to_frame"}

__all__ = ["__version__", *_EXPORTS]


def __getattr__(name: str):
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'seller_lab' has no attribute '{name}'")
    if name == "sections":
        value = import_module("seller_lab.report.sections")
        import_module("seller_lab.report.sections.research")
    else:
        value = getattr(import_module(module), _RENAMED.get(name, name))
    globals()[name] = value
    return value


def __dir__():
    return sorted([*globals(), *_EXPORTS])
