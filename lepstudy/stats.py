"""Statistics for small n (DESIGN §6): proportions with Wilson intervals, and 'X of N (p%)' wording."""

from __future__ import annotations

import pandas as pd
from statsmodels.stats.proportion import proportion_confint


def wilson(count: int, n: int, alpha: float = 0.05) -> tuple[float, float]:
    """Wilson score interval for count/n (statsmodels)."""
    if n <= 0:
        raise ValueError("n must be positive")
    low, high = proportion_confint(count, n, alpha=alpha, method="wilson")
    return float(low), float(high)


def x_of_n(count: int, n: int) -> str:
    """'X of N (p%)' wording used in every table and sentence."""
    return f"{count} of {n} ({100 * count / n:.0f}%)"


def with_wilson(counts: pd.DataFrame, count_col: str = "count", n_col: str = "n") -> pd.DataFrame:
    """Add share, Wilson 95% interval and 'X of N (p%)' text to a table of counts."""
    out = counts.copy()
    out["share"] = out[count_col] / out[n_col]
    intervals = [wilson(int(c), int(n)) for c, n in zip(out[count_col], out[n_col], strict=True)]
    out["ci_low"] = [i[0] for i in intervals]
    out["ci_high"] = [i[1] for i in intervals]
    out["text"] = [x_of_n(int(c), int(n)) for c, n in zip(out[count_col], out[n_col], strict=True)]
    return out
