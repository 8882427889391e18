"""R1 product research and R2.1 test plan: demand (Google Trends), competition, compliance,
the go / watch / reject verdict and the small-batch test plan, plus the report sections.

Modules: :mod:`.trends` (R1.1), :mod:`.competition` (R1.2), :mod:`.compliance` (R1.3),
:mod:`.verdict` (R1.4), :mod:`.testplan` (R2.1), :mod:`.report` (notebook sections),
:mod:`.cli` (``seller-lab trends FILE``).

Examples
--------
>>> from seller_lab.research import testplan
>>> testplan.price_point(34.89, [0.90, 0.99])
34.9
"""
