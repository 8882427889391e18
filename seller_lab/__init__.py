"""seller_lab: research -> small-batch test -> stocking -> fulfilment -> after-sales ->
iteration, on a cross-border seller's own data, with every threshold in params and every
verdict explained (see README.md).

The package mirrors the loop: ``sources`` (all I/O), ``text`` (mining primitives),
``research``, ``pilot``, ``stock``, ``fulfilment``, ``aftersales``, ``iteration``,
``review``, ``report``; plus ``params``, ``schemas``, ``decisions`` and ``errors``.
"""

__version__ = "0.1.0"
