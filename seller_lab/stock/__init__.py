"""Overseas-warehouse stocking (R3) and the turnover rules of iteration (R6.2).

- :mod:`.forecast` SKU forecasts with a backtest per SKU, at the data's own frequency (R3.2)
- :mod:`.frequency` daily / weekly / monthly / quarterly calendars inferred from the dates
- :mod:`.planning` first order, safety stock, peaks, reorder points, warehouse split,
  transfers (R3.1, R3.3, R3.4)
- :mod:`.turnover` monthly inventory turnover and its order decisions (R6.2)
- :mod:`.simulate` replay of the history under a stocking policy
- :mod:`.report` the monthly report's stock sections
"""
