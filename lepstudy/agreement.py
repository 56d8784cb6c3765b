"""Agreement between raters or coders: Cohen's weighted kappa and Krippendorff's alpha (ordinal).

Kappa comes from statsmodels (with its asymptotic 95% interval); alpha from the ``krippendorff``
package, with a seeded bootstrap interval over units (LEPs).
"""

from __future__ import annotations

import krippendorff
import numpy as np
import pandas as pd
from statsmodels.stats.inter_rater import cohens_kappa


def weighted_kappa(a: pd.Series, b: pd.Series, categories: list, weights: str = "linear") -> dict:
    """Cohen's kappa with linear (default) or quadratic weights for two raters on ordered categories.

    The two raters are paired by index (the LEP), not by position. Where kappa is undefined (no unit rated by
    both, or both raters used one and the same category, so chance agreement is 1) it is NaN and ``note`` says
    why."""
    a, b = a.align(b, join="inner")
    codes_a = pd.Categorical(a, categories=categories, ordered=True).codes
    codes_b = pd.Categorical(b, categories=categories, ordered=True).codes
    keep = (codes_a >= 0) & (codes_b >= 0)
    undefined = {"kappa": np.nan, "ci_low": np.nan, "ci_high": np.nan, "n": int(keep.sum())}
    if not keep.any():
        return {**undefined, "note": "undefined: no unit was rated by both raters"}
    if len(set(codes_a[keep]) | set(codes_b[keep])) == 1:
        return {**undefined, "note": "undefined: both raters used one and the same category, so chance agreement "
                                     "is 1 and kappa is 0/0"}
    k = len(categories)
    table = np.zeros((k, k))
    np.add.at(table, (codes_a[keep], codes_b[keep]), 1)
    result = cohens_kappa(table, wt=weights)
    return {"kappa": float(result.kappa), "ci_low": float(result.kappa_low), "ci_high": float(result.kappa_upp),
            "n": int(keep.sum()), "note": ""}


def krippendorff_alpha(matrix: np.ndarray, level: str = "ordinal", n_boot: int = 1000,
                       seed: int = 0) -> dict[str, float]:
    """Alpha for a raters x units matrix (NaN = not rated), with a percentile bootstrap over units."""
    matrix = np.asarray(matrix, dtype=float)
    alpha = float(krippendorff.alpha(reliability_data=matrix, level_of_measurement=level))
    rng = np.random.default_rng(seed)
    units = matrix.shape[1]
    draws = []
    value_domain = np.unique(matrix[~np.isnan(matrix)])
    for _ in range(n_boot):
        sample = matrix[:, rng.integers(0, units, units)]
        if len(np.unique(sample[~np.isnan(sample)])) < 2:
            continue
        draws.append(krippendorff.alpha(reliability_data=sample, level_of_measurement=level,
                                        value_domain=value_domain))
    low, high = np.percentile(draws, [2.5, 97.5]) if draws else (np.nan, np.nan)
    return {"alpha": alpha, "ci_low": float(low), "ci_high": float(high), "n_units": units, "n_boot": len(draws)}


def ratings_matrix(long: pd.DataFrame, unit: str, rater: str, value: str, order: list | None = None) -> np.ndarray:
    """Raters x units matrix from a long table; ordered labels become 0..k-1."""
    wide = long.pivot(index=rater, columns=unit, values=value)
    if order is not None:
        wide = wide.apply(lambda col: pd.Categorical(col, categories=order, ordered=True).codes).replace(-1, np.nan)
    return wide.to_numpy(dtype=float)
