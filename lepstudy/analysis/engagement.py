"""The engagement rubric: points per criterion, bands, the gate, and missing evidence.

A criterion whose evidence is unknown contributes nothing to the point estimate and is carried into
a best case (maximum points) and a worst case (minimum points): every LEP has a rating *range*. A range
wholly inside Requires improvement / Inadequate is ``Inadequate to Requires improvement`` and counts as
RI or Inadequate; only a range that crosses the Good line is ``Insufficient evidence``.
``count_ri_or_inadequate`` is the one definition of the headline count and its bounds.

Two variants are scored on every run: ``public`` (public criteria only, public evidence only) and
``full`` (every criterion, the demonstration dataset or the researcher's real files).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from lepstudy.core.config_schema import RubricConfig, content_sha256
from lepstudy.core.errors import DataError
from lepstudy.core.vocabulary import RATINGS, VCS_SEAT_TYPES

RATING_ORDER = RATINGS[::-1]                         # worst first: a rating's index is its band
RI = RATING_ORDER.index("Requires improvement")      # rating index: below Good is <= RI
RI_OR_INADEQUATE = ("Requires improvement", "Inadequate")
RANGE_RI_OR_INADEQUATE = "Inadequate to Requires improvement"
INSUFFICIENT = "Insufficient evidence"
RI_CATEGORY = "Requires improvement or Inadequate"
# a cell that says which options it could take, not which one: a seat of unclear type is a voluntary sector seat of
# one of these types, so it scores between their fewest and most points (not between no seat's and a CVS seat's)
PARTIAL_VALUES: dict[str, tuple[str, ...]] = {"unclear": VCS_SEAT_TYPES}


@dataclass(frozen=True)
class Criterion:
    key: str
    label: str
    field: str
    public: bool
    points: dict[str, int] | None = None
    cuts: tuple[float, ...] | None = None
    band_points: tuple[int, ...] | None = None
    weight: float = 1.0

    @property
    def max_points(self) -> float:
        return self.weight * (max(self.points.values()) if self.points else max(self.band_points))

    @property
    def min_points(self) -> float:
        return self.weight * (min(self.points.values()) if self.points else min(self.band_points))

    def band_points_for(self, means: np.ndarray) -> np.ndarray:
        """Weighted band points for an array of means (NaN stays NaN). A mean exactly on the upper cut
        stays in the band below it: "2.5-3.5 -> 1"."""
        means = np.asarray(means, dtype=float)
        cuts = np.asarray(self.cuts)
        position = np.searchsorted(cuts, means, side="right")
        position = np.where(np.isclose(means, cuts[-1]), len(cuts) - 1, position)
        scored = np.asarray(self.band_points, dtype=float)[np.clip(position, 0, len(cuts))]
        return np.where(np.isnan(means), np.nan, scored * self.weight)

    def score(self, values: pd.Series) -> pd.Series:
        """Points for each value; NA where the evidence is unknown."""
        if self.points is not None:
            keys = values.map(lambda v: pd.NA if pd.isna(v) else str(v).strip().lower())
            keys = keys.mask(keys.isin(list(PARTIAL_VALUES)) & ~keys.isin(list(self.points)))
            unknown = keys.notna() & ~keys.isin(list(self.points))
            if unknown.any():
                bad = values[unknown].iloc[0]
                raise DataError(f"value not in the rubric for criterion '{self.key}'", column=self.field,
                                value=bad, expected=f"one of {', '.join(self.points)}")
            return keys.map(self.points).astype("Float64") * self.weight
        numeric = pd.to_numeric(values, errors="coerce").to_numpy(dtype=float)
        scored = self.band_points_for(numeric)
        return pd.Series(scored, index=values.index).astype("Float64")

    def range_for(self, values: pd.Series) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Each cell's points (NaN unless known) and the fewest and most weighted points it could give: its points
        where known, the criterion's range where unknown, and the range over the options a partial cell allows
        (``PARTIAL_VALUES``: a seat of unclear type scores as some voluntary sector seat)."""
        points = self.score(values).to_numpy(dtype=float, na_value=np.nan)
        low = np.where(np.isnan(points), self.min_points, points)
        high = np.where(np.isnan(points), self.max_points, points)
        if self.points is not None:
            keys = values.map(lambda v: None if pd.isna(v) else str(v).strip().lower()).to_numpy(dtype=object)
            for value, options in PARTIAL_VALUES.items():
                allowed = [self.points[o] * self.weight for o in options if o in self.points]
                partial = (keys == value) & np.isnan(points)
                if allowed and partial.any():
                    low[partial], high[partial] = min(allowed), max(allowed)
        return points, low, high


@dataclass(frozen=True)
class Rubric:
    name: str
    criteria: tuple[Criterion, ...]
    good_min_share: float
    ri_min_share: float
    gate_enabled: bool
    gate_field: str
    gate_below: float
    content_sha256: str = ""     # ``config_schema.content_sha256`` of the config it was made from

    def variant(self, public_only: bool) -> tuple[Criterion, ...]:
        return tuple(c for c in self.criteria if c.public or not public_only)


def rubric_from_config(spec: RubricConfig) -> Rubric:
    """The rubric as the scorer uses it, from its validated config (``inputs.study_files.rubric_config`` reads and
    checks the file: a misspelt key, a value out of range, good below RI or unsorted cuts is an error there)."""
    criteria = []
    for key, item in spec.criteria.items():
        if item.points is not None:
            criteria.append(Criterion(key, item.label, item.field, item.public, points=dict(item.points),
                                      weight=item.weight))
        else:
            criteria.append(Criterion(key, item.label, item.field, item.public, cuts=tuple(item.bands.cuts),
                                      band_points=tuple(item.bands.points), weight=item.weight))
    return Rubric(name=spec.name, criteria=tuple(criteria), good_min_share=spec.bands.good_min_share,
                  ri_min_share=spec.bands.ri_min_share, gate_enabled=spec.gate.enabled, gate_field=spec.gate.field,
                  gate_below=spec.gate.below, content_sha256=content_sha256(spec))


def criteria_table(rubric: Rubric) -> pd.DataFrame:
    """The rubric in use, one row per criterion: what the pages and notebooks name and how it scores."""
    return pd.DataFrame([{"key": c.key, "label": c.label, "field": c.field, "public": c.public,
                          "weight": float(c.weight), "min_points": float(c.min_points),
                          "max_points": float(c.max_points),
                          "scored_by": "category" if c.points is not None else "bands"} for c in rubric.criteria])


def rating_range(low_total, high_total, max_total, good_share, ri_share, gate_values=None,
                 gate_below: float = np.nan) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The rating rule, once: criterion totals (with unknowns carried as a lowest and a highest total) to a rating
    range and the gate.

    Every caller (the scorer, the specification curve, the feedback model, the non-response analysis and, through
    the scorer, the reconstruction) rates with this function. All arguments broadcast, so one call rates every
    LEP of every specification.

    Parameters
    ----------
    low_total, high_total : array_like
        Lowest and highest total points the evidence allows (equal where every criterion is known).
    max_total : array_like
        The most points the rubric gives.
    good_share, ri_share : array_like
        The share of ``max_total`` at which Good and Requires improvement start.
    gate_values : array_like, optional
        The gate's field (mean feedback); NaN where unknown. ``None``: no gate.
    gate_below : float
        Feedback below this caps the rating at Requires improvement; unknown feedback caps only the worst case
        (it could have been that low).

    Returns
    -------
    worst, best : numpy.ndarray
        Rating index (0 Inadequate, 1 Requires improvement, 2 Good) of the lowest and the highest total.
    gated : numpy.ndarray
        Where known feedback closed the gate.
    """
    worst = _band(low_total, max_total, good_share, ri_share)
    best = _band(high_total, max_total, good_share, ri_share)
    if gate_values is None:
        return worst, best, np.zeros(np.shape(worst), dtype=bool)
    gate_values = np.asarray(gate_values, dtype=float)
    gated = gate_closes(gate_values, gate_below)
    worst = np.where(gated | np.isnan(gate_values), np.minimum(worst, RI), worst)
    return worst, np.where(gated, np.minimum(best, RI), best), np.broadcast_to(gated, np.shape(worst))


def gate_closes(gate_values, gate_below: float) -> np.ndarray:
    """Where known feedback is below the gate's line (unknown feedback does not close it)."""
    with np.errstate(invalid="ignore"):
        return np.asarray(gate_values, dtype=float) < gate_below


def _band(total, max_points, good_share, ri_share) -> np.ndarray:
    """Band index (0 Inadequate, 1 RI, 2 Good) for totals, by share of the maximum points."""
    share = np.asarray(total, dtype=float) / max_points
    return np.where(share >= good_share - 1e-12, 2, np.where(share >= ri_share - 1e-12, 1, 0))


def assessment_table(responses: pd.DataFrame, feedback: pd.DataFrame | None) -> pd.DataFrame:
    """One row per LEP with every rubric field: structural evidence plus feedback means."""
    table = responses.copy()
    if feedback is not None and len(feedback):
        means = feedback.groupby("lep17_code")[["overall_engagement", "focus_social_inclusion"]].mean()
        counts = feedback.groupby("lep17_code").size().rename("n_respondents")
        means.columns = [f"mean_{c}" for c in means.columns]
        table = table.merge(means, left_on="lep17_code", right_index=True, how="left")
        table = table.merge(counts, left_on="lep17_code", right_index=True, how="left")
        table["n_respondents"] = table["n_respondents"].fillna(0).astype(int)
    else:
        table["mean_overall_engagement"] = np.nan
        table["mean_focus_social_inclusion"] = np.nan
        table["n_respondents"] = 0
    return table


def score(assessment: pd.DataFrame, rubric: Rubric, public_only: bool, variant_name: str | None = None) -> pd.DataFrame:
    """Score every LEP: points per criterion, total, best/worst totals, rating and evidence coverage."""
    criteria = rubric.variant(public_only)
    out = pd.DataFrame({"lep17_code": assessment["lep17_code"].to_numpy()})
    out["variant"] = variant_name or ("public" if public_only else "full")
    points = pd.DataFrame(index=assessment.index)
    max_total = float(sum(c.max_points for c in criteria))
    low = np.zeros(len(assessment))
    high = np.zeros(len(assessment))
    for c in criteria:
        values = assessment[c.field] if c.field in assessment else pd.Series(pd.NA, index=assessment.index)
        if public_only and f"{c.field}_source" in assessment:
            values = values.where(assessment[f"{c.field}_source"] == "public")
        pts, least, most = c.range_for(values)
        points[c.key] = pd.array(pts, dtype="Float64")
        low += least
        high += most
    for key in points:
        out[f"pts_{key}"] = points[key].to_numpy()
    known_mask = points.notna()
    out["n_criteria"] = len(criteria)
    out["n_known"] = known_mask.sum(axis=1).to_numpy()
    keys = list(points.columns)
    out["criteria_known"] = [";".join(k for k, known in zip(keys, row, strict=True) if known)
                             for row in known_mask.to_numpy(dtype=bool)]
    out["min_total"] = low
    out["max_total"] = high
    out["max_possible"] = max_total
    out["total"] = np.where(low == high, low, np.nan)
    gate_values = (pd.to_numeric(assessment.get(rubric.gate_field), errors="coerce").to_numpy(dtype=float)
                   if rubric.gate_enabled and not public_only else None)
    worst, best, out["gate_applied"] = rating_range(low, high, max_total, rubric.good_min_share, rubric.ri_min_share,
                                                    gate_values, rubric.gate_below)
    out["rating_worst"] = [RATING_ORDER[i] for i in worst]
    out["rating_best"] = [RATING_ORDER[i] for i in best]
    out["rating"] = np.where(worst == best, out["rating_worst"],
                             np.where(best <= 1, RANGE_RI_OR_INADEQUATE, INSUFFICIENT))
    # where each criterion's evidence came from: the cell's flag (public / synthetic / private),
    # "sector feedback" for feedback criteria, "unknown" where the criterion could not be scored
    for c in criteria:
        flag_column = f"{c.field}_source"
        if flag_column in assessment:
            origin = assessment[flag_column].astype(object)
        else:
            origin = pd.Series("public" if c.public else "sector feedback", index=assessment.index, dtype=object)
        out[f"src_{c.key}"] = np.where(points[c.key].notna().to_numpy(), origin.to_numpy(), "unknown")
    out["evidence_sources"] = evidence_sources(out)
    return out


def evidence_sources(scores: pd.DataFrame) -> list[str]:
    """Per LEP, the distinct origins of its known criteria (from the ``src_*`` columns)."""
    src = scores[[c for c in scores.columns if c.startswith("src_")]]
    return [";".join(sorted(set(row) - {"unknown"})) for row in src.itertuples(index=False)]


@dataclass(frozen=True)
class RiCount:
    """The headline count: LEPs rated RI or Inadequate, with the bounds the unknown evidence allows.

    ``lower`` counts LEPs that are RI or Inadequate in every case (their best rating is below Good);
    ``upper`` adds the LEPs whose range crosses the Good line. ``point`` counts the LEPs whose rating is
    determined to be RI or Inadequate, so ``lower <= point <= upper`` always holds.
    """

    point: int
    lower: int
    upper: int
    n: int

    @property
    def determined(self) -> bool:
        return self.lower == self.upper


def count_ri_or_inadequate(scores: pd.DataFrame) -> RiCount:
    """The one definition of the RI-or-Inadequate count used by every module (scores from ``score``)."""
    best_ri = scores["rating_best"].isin(RI_OR_INADEQUATE)
    worst_ri = scores["rating_worst"].isin(RI_OR_INADEQUATE)
    point = scores["rating"].isin([*RI_OR_INADEQUATE, RANGE_RI_OR_INADEQUATE])
    return RiCount(int(point.sum()), int(best_ri.sum()), int(worst_ri.sum()), len(scores))


def is_ri_or_inadequate(scores: pd.DataFrame) -> pd.Series:
    """Per LEP: True where the rating is RI or Inadequate in every case, False where Good in every case,
    NA where the evidence leaves it open (``Insufficient evidence``)."""
    out = pd.Series(pd.NA, index=scores.index, dtype="boolean")
    out[scores["rating_best"].isin(RI_OR_INADEQUATE)] = True
    out[~scores["rating_worst"].isin(RI_OR_INADEQUATE)] = False
    return out


def rating_counts(scores: pd.DataFrame) -> pd.DataFrame:
    """Counts per rating, including the range 'Inadequate to RI' and the headline category with its bounds.

    ``lower``/``upper`` are the bounds the unknown evidence allows; ``determined`` is False where they
    differ (then no confidence interval should be shown for the count).
    """
    n = len(scores)
    labels = RATING_ORDER[::-1] + [RANGE_RI_OR_INADEQUATE, INSUFFICIENT]
    counts = scores["rating"].value_counts().reindex(labels, fill_value=0)
    worst = scores["rating_worst"].map(RATING_ORDER.index).to_numpy()
    best = scores["rating_best"].map(RATING_ORDER.index).to_numpy()
    rows = []
    for label in labels:
        if label in RATING_ORDER:       # a single rating: certain where the range is that rating alone
            k = RATING_ORDER.index(label)
            lower, upper = int(((worst == k) & (best == k)).sum()), int(((worst <= k) & (k <= best)).sum())
        else:                           # a label of the evidence itself, not of the LEP's true rating
            lower = upper = int(counts[label])
        rows.append((label, int(counts[label]), n, lower, upper))
    headline = count_ri_or_inadequate(scores)
    rows.append((RI_CATEGORY, headline.point, n, headline.lower, headline.upper))
    table = pd.DataFrame(rows, columns=["category", "count", "n", "lower", "upper"])
    table["determined"] = table["lower"] == table["upper"]
    return table
