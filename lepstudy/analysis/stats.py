"""Statistics for small n: 'X of N (p%)' wording (no interval on a count of the LEPs, a census), exact and
permutation tests, Holm adjustment."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pandas as pd


def x_of_n(count: int, n: int) -> str:
    """'X of N (p%)' wording used in every table and sentence."""
    return f"{count} of {n} ({100 * count / n:.0f}%)"


def with_shares(counts: pd.DataFrame, count_col: str = "count", n_col: str = "n") -> pd.DataFrame:
    """Add the share and 'X of N (p%)' text to a table of counts of the LEPs. No interval: the LEPs are a census,
    and a count the evidence leaves open is shown by its ``lower``/``upper`` bounds instead."""
    out = counts.copy()
    out["share"] = out[count_col] / out[n_col]
    out["text"] = [x_of_n(int(c), int(n)) for c, n in zip(out[count_col], out[n_col], strict=True)]
    return out


# --- tests for small n ----------------------------------------------------------------------------

MIN_GROUP = 2   # the one "not estimable" rule: every compared group holds at least this many LEPs


def why_not_estimable(groups: list, minimum: int = MIN_GROUP) -> str | None:
    """The one rule for every test: at least two groups, each with ``minimum`` LEPs, and an outcome that varies.
    Returns the reason a test cannot be run, or None."""
    sizes = [len(g) for g in groups]
    if len(groups) < 2 or min(sizes) < minimum:
        return f"group sizes {sizes}: each compared group needs at least {minimum} LEPs"
    values = pd.concat([pd.Series(np.asarray(g, dtype=float)) for g in groups])
    if values.nunique() < 2:
        return f"no variation in the outcome (every LEP has {values.iloc[0]:g})"
    return None



def fisher_exact(table, alternative: str = "two-sided") -> dict[str, float]:
    """Fisher's exact test on a 2x2 table of counts (scipy), with the sample odds ratio; ``alternative`` is
    "two-sided", "greater" (odds ratio above 1) or "less"."""
    # heavy: scipy.stats adds about 0.9 s to an import; only the tests that use it load it
    from scipy.stats import fisher_exact as _fisher

    cells = np.asarray(table, dtype=float)
    if cells.shape != (2, 2) or (cells < 0).any() or not np.all(np.mod(cells, 1) == 0):
        raise ValueError(f"Fisher's test needs a 2x2 table of whole counts, got {np.asarray(table).tolist()}")
    if alternative not in {"two-sided", "greater", "less"}:
        raise ValueError(f"alternative must be two-sided, greater or less, got {alternative!r}")
    cells = cells.astype(int)
    result = _fisher(cells, alternative=alternative)
    return {"odds_ratio": float(result.statistic), "p_value": float(result.pvalue), "n": int(cells.sum()),
            "alternative": alternative}


def boschloo(table, alternative: str = "two-sided") -> dict[str, float]:
    """Boschloo's exact test on a 2x2 table of counts (scipy): uniformly more powerful than Fisher's, whose p-value
    is its statistic. With the conditional maximum-likelihood odds ratio and its exact 95% interval."""
    # heavy: scipy.stats adds about 0.9 s to an import; only the tests that use it load it
    from scipy.stats import boschloo_exact
    from scipy.stats.contingency import odds_ratio

    fisher = fisher_exact(table, alternative)          # validates the table and the alternative
    cells = np.asarray(table, dtype=int)
    result = boschloo_exact(cells, alternative=alternative)
    ratio = odds_ratio(cells, kind="conditional")
    interval = ratio.confidence_interval(0.95)
    return {"p_value": float(result.pvalue), "fisher_p_value": fisher["p_value"],
            "odds_ratio": float(ratio.statistic), "or_ci_low": float(interval.low),
            "or_ci_high": float(interval.high), "n": fisher["n"], "alternative": alternative}


def holm(p_values) -> np.ndarray:
    """Holm-adjusted p-values (statsmodels ``multipletests``); NaN (a test that could not be run) stays NaN and
    does not count as a test."""
    # heavy: statsmodels adds about 1 s to an import; only the model fits load it
    from statsmodels.stats.multitest import multipletests

    values = np.asarray(p_values, dtype=float)
    out = np.full(len(values), np.nan)
    run = np.isfinite(values)
    if run.any():
        out[run] = multipletests(values[run], method="holm")[1]
    return out


def mann_whitney(x, y, n_boot: int = 2000, seed: int = 0) -> dict[str, float]:
    """Mann-Whitney U (scipy; exact when there are no ties and n is small), with the rank-biserial
    correlation r = 2*U_x/(n_x*n_y) - 1 and a seeded percentile bootstrap interval for r."""
    # heavy: scipy.stats adds about 0.9 s to an import; only the tests that use it load it
    from scipy.stats import mannwhitneyu

    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    x, y = x[~np.isnan(x)], y[~np.isnan(y)]
    result = mannwhitneyu(x, y, alternative="two-sided", method="auto")
    r = 2 * result.statistic / (len(x) * len(y)) - 1
    rng = np.random.default_rng(seed)
    bx = x[rng.integers(0, len(x), (n_boot, len(x)))]
    by = y[rng.integers(0, len(y), (n_boot, len(y)))]
    u = mannwhitneyu(bx, by, axis=1, alternative="two-sided", method="asymptotic").statistic
    rb = 2 * u / (len(x) * len(y)) - 1
    low, high = np.percentile(rb, [2.5, 97.5])
    return {"U": float(result.statistic), "p_value": float(result.pvalue), "rank_biserial": float(r),
            "rb_ci_low": float(low), "rb_ci_high": float(high), "n_x": len(x), "n_y": len(y)}


def jonckheere_statistic(groups) -> float:
    """Jonckheere-Terpstra J: over ordered pairs of groups i < j, count pairs x_i < x_j (ties 1/2)."""
    groups = [np.asarray(g, dtype=float) for g in groups]
    pooled = np.concatenate(groups)
    labels = np.repeat(np.arange(len(groups)), [len(g) for g in groups])
    return float(_jonckheere_for_labels(pooled, labels[None, :], len(groups))[0])


def _jonckheere_for_labels(pooled: np.ndarray, labels: np.ndarray, k: int) -> np.ndarray:
    """J for many assignments at once: ``labels`` (m x n) gives each pooled value's group in each assignment.
    J = sum over value pairs (p, q) in groups g < h of [x_p < x_q] + 1/2 [x_p = x_q]."""
    wins = (pooled[:, None] < pooled[None, :]) + 0.5 * (pooled[:, None] == pooled[None, :])
    onehot = [(labels == g).astype(float) for g in range(k)]
    total = np.zeros(len(labels))
    for g in range(k):
        below = onehot[g] @ wins                      # for each value, how many group-g values it beats
        for h in range(g + 1, k):
            total += (below * onehot[h]).sum(axis=1)
    return total


def _distinct_assignments(sizes: list[int]) -> np.ndarray:
    """Every distinct assignment of n positions to groups of the given sizes (the multinomial coefficient of
    them, not n! orderings), as an (m x n) label matrix."""

    n = sum(sizes)
    rows: list[np.ndarray] = []

    def fill(labels: np.ndarray, free: tuple[int, ...], group: int) -> None:
        if group == len(sizes) - 1:
            labels = labels.copy()
            labels[list(free)] = group
            rows.append(labels)
            return
        for chosen in itertools.combinations(free, sizes[group]):
            taken = labels.copy()
            taken[list(chosen)] = group
            fill(taken, tuple(i for i in free if i not in chosen), group + 1)

    fill(np.zeros(n, dtype=np.int8), tuple(range(n)), 0)
    return np.asarray(rows)


def jonckheere_terpstra(groups, n_perm: int = 20_000, seed: int = 0, exact_limit: int = 100_000) -> dict[str, float]:
    """Jonckheere-Terpstra test for an increasing trend across ordered groups (one-sided).

    Exact over the *distinct* assignments of the pooled values to groups (the multinomial coefficient, not n!)
    when there are at most ``exact_limit`` of them; otherwise a seeded Monte Carlo with ``n_perm`` draws,
    p = (count + 1) / (n_perm + 1). J is evaluated for all assignments at once, so the cost is bounded and the
    test always returns. P = share of assignments with J >= observed. Groups of one value are allowed.
    """

    groups = [np.asarray(g, dtype=float) for g in groups]
    sizes = [len(g) for g in groups]
    if len(groups) < 2 or min(sizes) < 1:
        raise ValueError(f"the trend test needs at least two non-empty groups, got sizes {sizes}")
    pooled = np.concatenate(groups)
    observed = jonckheere_statistic(groups)
    n_assign = math.factorial(sum(sizes)) // math.prod(math.factorial(n) for n in sizes)
    base = np.repeat(np.arange(len(sizes)), sizes).astype(np.int8)
    if n_assign <= exact_limit:
        stats_ = _jonckheere_for_labels(pooled, _distinct_assignments(sizes), len(sizes))
        p_value = float(np.mean(stats_ >= observed - 1e-9))
        method = "exact"
    else:
        rng = np.random.default_rng(seed)
        count = 0
        for start in range(0, n_perm, 5_000):
            draws = rng.permuted(np.tile(base, (min(5_000, n_perm - start), 1)), axis=1)
            count += int((_jonckheere_for_labels(pooled, draws, len(sizes)) >= observed - 1e-9).sum())
        p_value = (count + 1) / (n_perm + 1)
        method = "monte carlo"
    return {"J": observed, "p_value": p_value, "method": method, "n": int(sum(sizes))}


def mann_whitney_mde(n_x: int, n_y: int, power: float = 0.8, alpha: float = 0.05, n_sim: int = 2000,
                     seed: int = 0) -> float:
    """Smallest normal location shift (in SD units) a two-sided Mann-Whitney test detects with the
    given power at these group sizes, by seeded simulation over a grid of shifts (0.05 steps)."""
    # heavy: scipy.stats adds about 0.9 s to an import; only the tests that use it load it
    from scipy.stats import mannwhitneyu

    if min(n_x, n_y) < 2:
        return float("nan")
    rng = np.random.default_rng(seed)
    base_x = rng.standard_normal((n_sim, n_x))
    base_y = rng.standard_normal((n_sim, n_y))
    for shift in np.arange(0.05, 4.01, 0.05):
        p = mannwhitneyu(base_x + shift, base_y, axis=1, method="asymptotic").pvalue
        if np.mean(p < alpha) >= power:
            return float(round(shift, 2))
    return float("inf")


def fisher_rejection_table(n_x: int, n_y: int, alpha: float = 0.05):
    """Boolean table [a, b]: does the two-sided Fisher test reject for a of n_x and b of n_y successes?

    Computed for all tables at once from the hypergeometric distribution given the margins, with the
    same rule as scipy (sum the probabilities of tables no more likely than the observed one)."""
    # heavy: scipy.stats adds about 0.9 s to an import; only the tests that use it load it
    from scipy.stats import hypergeom

    a = np.arange(n_x + 1)[:, None]
    b = np.arange(n_y + 1)[None, :]
    total = a + b                                   # successes in the two groups together
    reject = np.zeros((n_x + 1, n_y + 1), dtype=bool)
    for t in range(n_x + n_y + 1):
        support = np.arange(max(0, t - n_y), min(t, n_x) + 1)
        pmf = hypergeom.pmf(support, n_x + n_y, t, n_x)
        p_values = np.array([pmf[pmf <= value * (1 + 1e-7)].sum() for value in pmf])
        cells = total == t
        reject[cells] = p_values[np.broadcast_to(a, total.shape)[cells] - support[0]] < alpha
    return reject


def fisher_mde(n_x: int, n_y: int, base_rate: float, power: float = 0.8, alpha: float = 0.05) -> float:
    """Smallest rise in a proportion, from ``base_rate`` in group y to group x, that a two-sided Fisher
    test detects with the given power at these group sizes. Exact: p-values for every possible table
    are computed once, then power is summed over binomial probabilities on a 0.01 grid."""
    # heavy: scipy.stats adds about 0.9 s to an import; only the tests that use it load it
    from scipy.stats import binom

    if min(n_x, n_y) < 1:
        return float("nan")
    reject = fisher_rejection_table(n_x, n_y, alpha)
    prob_y = binom.pmf(np.arange(n_y + 1), n_y, base_rate)
    for p_x in np.arange(base_rate + 0.01, 1.0001, 0.01):
        prob_x = binom.pmf(np.arange(n_x + 1), n_x, min(p_x, 1.0))
        if float(prob_x @ reject @ prob_y) >= power:
            return float(round(p_x - base_rate, 2))
    return float("inf")
