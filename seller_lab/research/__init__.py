"""R1 product research and R2.1 test plan: demand (Google Trends), competition, compliance,
the go / watch / reject verdict and the small-batch test plan.

Modules: :mod:`.pipeline` (:func:`~seller_lab.research.pipeline.run_research`, the whole step
in one pure call returning a frozen ``Research``), :mod:`.trends` (R1.1), :mod:`.competition`
(R1.2), :mod:`.compliance` (R1.3), :mod:`.verdict` (R1.4), :mod:`.testplan` (R2.1), :mod:`.cli`
(``seller-lab trends FILE``). The page's sections render a ``Research`` in
:mod:`seller_lab.report.sections.research`; the front door is ``from seller_lab import
run_research``. This package file imports nothing, so the steps' modules load independently.

Examples
--------
>>> from seller_lab.research import testplan
>>> testplan.price_point(34.89, [0.90, 0.99])
34.9
"""

__all__ = ["cli", "competition", "compliance", "pipeline", "testplan", "trends", "verdict"]
