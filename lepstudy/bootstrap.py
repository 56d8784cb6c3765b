"""Seeded bootstrap of the share rated Requires improvement or Inadequate (full rubric).

Two levels, both vectorised: respondents are resampled within each LEP (which moves the
feedback-based criteria), then LEPs are resampled. Resampling a LEP's respondents is drawn as a
multinomial over their distinct answer patterns, so a million respondents need no more memory than
a hundred. The percentile interval is compared with the
Wilson interval of the point estimate in notebook 04.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from lepstudy.scoring.engagement import Rubric, rating_from_total


def bootstrap_share(assessment: pd.DataFrame, feedback: pd.DataFrame, rubric: Rubric, n_boot: int = 10_000,
                    seed: int = 0, resample_leps: bool = True) -> np.ndarray:
    """Bootstrap distribution (length ``n_boot``) of the share of LEPs rated RI or Inadequate."""
    rng = np.random.default_rng(seed)
    codes = assessment["lep17_code"].to_numpy()
    n = len(codes)
    structural = [c for c in rubric.criteria if c.points is not None]
    feedback_criteria = [c for c in rubric.criteria if c.points is None]
    low = np.zeros(n)
    high = np.zeros(n)
    for c in structural:
        pts = c.score(assessment[c.field]).to_numpy(dtype=float, na_value=np.nan)
        low += np.where(np.isnan(pts), c.min_points, pts)
        high += np.where(np.isnan(pts), c.max_points, pts)
    max_total = sum(c.max_points for c in rubric.criteria)
    # resample respondents within each LEP: means of each feedback item, shape (n_boot, n)
    items = {c.field: c.field.removeprefix("mean_") for c in feedback_criteria}
    if rubric.gate_enabled:
        items.setdefault(rubric.gate_field, rubric.gate_field.removeprefix("mean_"))
    means = {field: np.full((n_boot, n), np.nan) for field in items}
    grouped = dict(tuple(feedback.groupby("lep17_code")))
    columns = list(dict.fromkeys(items.values()))
    for j, code in enumerate(codes):
        answers = grouped.get(code)
        if answers is None or len(answers) == 0:
            continue
        resampled = resampled_means(answers[columns], n_boot, rng)
        for field, item in items.items():
            means[field][:, j] = resampled[item]
    worst_total = np.broadcast_to(low, (n_boot, n)).copy()
    best_total = np.broadcast_to(high, (n_boot, n)).copy()
    for c in feedback_criteria:
        pts = c.band_points_for(means[c.field])
        worst_total += np.where(np.isnan(pts), c.min_points, pts)
        best_total += np.where(np.isnan(pts), c.max_points, pts)
    worst = rating_from_total(worst_total, max_total, rubric.good_min_share, rubric.ri_min_share)
    best = rating_from_total(best_total, max_total, rubric.good_min_share, rubric.ri_min_share)
    if rubric.gate_enabled:
        gate = means[rubric.gate_field]
        with np.errstate(invalid="ignore"):
            gated = gate < rubric.gate_below
        worst = np.where(gated | np.isnan(gate), np.minimum(worst, 1), worst)
        best = np.where(gated, np.minimum(best, 1), best)
    ri = best <= 1   # RI or Inadequate in every case: the lower-bound definition of count_ri_or_inadequate
    if resample_leps:
        picks = rng.integers(0, n, size=(n_boot, n))
        ri = np.take_along_axis(ri, picks, axis=1)
    return ri.mean(axis=1)


def resampled_means(answers: pd.DataFrame, n_boot: int, rng: np.random.Generator) -> dict[str, np.ndarray]:
    """Means of each column over ``n_boot`` resamples (with replacement) of the rows, blanks ignored.

    Resampling m rows is a multinomial draw of m over the distinct rows (answer patterns) with their observed
    frequencies: the same distribution, in memory and time that depend on the number of patterns only."""
    values = answers.to_numpy(dtype=float, na_value=np.nan)
    patterns, counts = np.unique(np.nan_to_num(values, nan=-1.0), axis=0, return_counts=True)
    draws = rng.multinomial(len(values), counts / counts.sum(), size=n_boot)     # (n_boot, n_patterns)
    out = {}
    for k, column in enumerate(answers.columns):
        answered = patterns[:, k] >= 0
        sums = draws @ np.where(answered, patterns[:, k], 0.0)
        seen = draws @ answered.astype(float)
        with np.errstate(invalid="ignore", divide="ignore"):
            out[column] = np.where(seen > 0, sums / np.maximum(seen, 1), np.nan)
    return out


def percentile_interval(draws: np.ndarray, level: float = 0.95) -> tuple[float, float]:
    tail = (1 - level) / 2 * 100
    low, high = np.percentile(draws, [tail, 100 - tail])
    return float(low), float(high)
