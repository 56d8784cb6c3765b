"""Agreement between raters or coders: Cohen's weighted kappa and Krippendorff's alpha (ordinal).

Kappa comes from statsmodels (with its asymptotic 95% interval); alpha from the ``krippendorff``
package, with a seeded bootstrap interval over units (LEPs).
"""

from __future__ import annotations

import logging
import warnings

import krippendorff
import numpy as np
import pandas as pd

log = logging.getLogger(__name__)


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
    # heavy: statsmodels and scipy.stats add about 0.8 s to an import; only a kappa loads them
    from statsmodels.stats.inter_rater import cohens_kappa

    k = len(categories)
    table = np.zeros((k, k))
    np.add.at(table, (codes_a[keep], codes_b[keep]), 1)
    with warnings.catch_warnings(record=True) as caught:      # logged, never silenced
        warnings.simplefilter("always")
        result = cohens_kappa(table, wt=weights)
    for warning in caught:      # statsmodels divides by a zero null variance for its unused z-test
        log.warning("kappa on %d units: %s: %s", int(keep.sum()), warning.category.__name__, warning.message)
    return {"kappa": float(result.kappa), "ci_low": float(result.kappa_low), "ci_high": float(result.kappa_upp),
            "n": int(keep.sum()), "note": ""}


def krippendorff_alpha(matrix: np.ndarray, level: str = "ordinal", n_boot: int = 1000, seed: int = 0,
                       clusters=None) -> dict[str, float]:
    """Alpha for a raters x units matrix (NaN = not rated), with a percentile bootstrap. Units that belong together
    (the criterion scores of one LEP) are resampled as whole ``clusters`` (one label per unit), since they are not
    independent; without clusters each unit is resampled on its own."""
    matrix = np.asarray(matrix, dtype=float)
    alpha = float(krippendorff.alpha(reliability_data=matrix, level_of_measurement=level))
    rng = np.random.default_rng(seed)
    units = matrix.shape[1]
    labels = np.arange(units) if clusters is None else pd.factorize(np.asarray(clusters))[0]
    members = [np.flatnonzero(labels == k) for k in range(labels.max() + 1)]
    draws = []
    value_domain = np.unique(matrix[~np.isnan(matrix)])
    for _ in range(n_boot):
        picked = rng.integers(0, len(members), len(members))
        sample = matrix[:, np.concatenate([members[k] for k in picked])]
        if len(np.unique(sample[~np.isnan(sample)])) < 2:
            continue
        draws.append(krippendorff.alpha(reliability_data=sample, level_of_measurement=level,
                                        value_domain=value_domain))
    low, high = np.percentile(draws, [2.5, 97.5]) if draws else (np.nan, np.nan)
    return {"alpha": alpha, "ci_low": float(low), "ci_high": float(high), "n_units": units, "n_boot": len(draws),
            "n_clusters": len(members)}


def icc_oneway(long: pd.DataFrame, unit: str, rater: str, value: str, level: float = 0.95) -> dict[str, float]:
    """ICC(1,1) of Shrout & Fleiss (1979), one-way random effects, single rater: (MSB - MSW) / (MSB + (k - 1) MSW),
    with its exact F-based interval; the mean squares from statsmodels' ANOVA. Needs every unit rated by the same
    number k >= 2 of raters (units rated fewer times are left out and counted)."""
    # heavy: statsmodels adds about 1 s to an import; only the model fits load it
    import statsmodels.formula.api as smf
    from scipy import stats as scipy_stats
    from statsmodels.stats.anova import anova_lm

    data = long[[unit, rater, value]].dropna()
    counts = data.groupby(unit)[value].size()
    k = int(counts.max()) if len(counts) else 0
    complete = counts[counts == k].index
    data = data[data[unit].isin(complete)].rename(columns={unit: "unit", value: "value"})
    n = len(complete)
    if k < 2 or n < 2:
        return {"icc": np.nan, "ci_low": np.nan, "ci_high": np.nan, "n_units": n, "k": k,
                "note": "undefined: needs at least two units each rated by at least two raters"}
    table = anova_lm(smf.ols("value ~ C(unit)", data=data.astype({"value": float})).fit())
    msb, msw = table.loc["C(unit)", "mean_sq"], table.loc["Residual", "mean_sq"]
    icc = (msb - msw) / (msb + (k - 1) * msw)
    f = msb / msw
    tail = (1 + level) / 2
    f_low = f / scipy_stats.f.ppf(tail, n - 1, n * (k - 1))
    f_high = f * scipy_stats.f.ppf(tail, n * (k - 1), n - 1)
    return {"icc": float(icc), "ci_low": float((f_low - 1) / (f_low + k - 1)),
            "ci_high": float((f_high - 1) / (f_high + k - 1)), "n_units": n, "k": k,
            "note": f"{int((counts < k).sum())} units rated fewer than {k} times left out" if (counts < k).any()
            else ""}


def ratings_matrix(long: pd.DataFrame, unit: str, rater: str, value: str, order: list | None = None) -> np.ndarray:
    """Raters x units matrix from a long table; ordered labels become 0..k-1."""
    wide = long.pivot(index=rater, columns=unit, values=value)
    if order is not None:
        wide = wide.apply(lambda col: pd.Categorical(col, categories=order, ordered=True).codes).replace(-1, np.nan)
    return wide.to_numpy(dtype=float)
