"""The rubric multiverse, evaluated vectorised over all LEPs and all variants at once (numpy).

A *variant* is one combination of the choices in ``config/multiverse.yaml``. Variants are numbered
0..N-1 (mixed-radix over the choice lists) and processed in chunks, so peak memory stays bounded
whatever N is. For every variant we compute each LEP's worst- and best-case totals (unknown criteria
at their minimum / maximum), the bands, the gate, and the share of LEPs rated Requires improvement or
Inadequate under the chosen treatment of ``Insufficient evidence``.

``reference_share`` computes the same share for one variant with the plain pandas scorer
(:func:`lepstudy.scoring.engagement.score`); the tests check that the two agree exactly.
"""

from __future__ import annotations

import itertools
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from lepstudy.scoring.engagement import Criterion, Rubric, count_ri_or_inadequate, score

CRITERIA = ["board_seat", "subgroup", "esif", "code_of_practice", "transparency", "feedback_overall",
            "feedback_inclusion"]
TREATMENTS = ["best", "worst", "exclude"]


# Order of the digits of a variant number, most significant first. The choices that change the
# points themselves or the gate come first, so consecutive variants share them and a chunk is
# processed as a few contiguous groups.
DIMENSIONS = (["cvs_seat_points", "feedback_lower_cut", "feedback_upper_cut", "gate", "insufficient_evidence",
               "good_min_share", "ri_min_share"] + [f"weight_{c}" for c in CRITERIA])
GROUP_DIMS = 4  # cvs_seat_points, feedback_lower_cut, feedback_upper_cut, gate
FEEDBACK_ONLY = {"feedback_lower_cut", "feedback_upper_cut", "gate", "weight_feedback_overall",
                 "weight_feedback_inclusion"}


@dataclass(frozen=True)
class Grid:
    """The choice lists; ``sizes`` gives the radix of each digit of the variant number."""

    good_min_share: tuple[float, ...]
    ri_min_share: tuple[float, ...]
    cvs_seat_points: tuple[int, ...]
    criterion_weights: tuple[float, ...]
    gate: tuple[float, ...]          # np.nan = gate off
    feedback_lower_cut: tuple[float, ...]
    feedback_upper_cut: tuple[float, ...]
    insufficient_evidence: tuple[str, ...]

    def options(self, dimension: str) -> tuple:
        if dimension.startswith("weight_"):
            return self.criterion_weights
        return getattr(self, dimension)

    @property
    def sizes(self) -> list[int]:
        return [len(self.options(d)) for d in DIMENSIONS]

    @property
    def n_variants(self) -> int:
        return int(np.prod(self.sizes, dtype=np.int64))

    @property
    def group_size(self) -> int:
        """Number of consecutive variants that share the point-changing choices and the gate."""
        return int(np.prod(self.sizes[GROUP_DIMS:], dtype=np.int64))

    def decode(self, index: np.ndarray) -> dict[str, np.ndarray]:
        """Choice values for an array of variant numbers (mixed radix, DIMENSIONS order)."""
        index = np.asarray(index, dtype=np.int64)
        sizes = self.sizes
        strides = np.cumprod([1] + sizes[::-1][:-1])[::-1]

        def digit(name: str) -> np.ndarray:
            d = DIMENSIONS.index(name)
            return (index // strides[d]) % sizes[d]

        def values(name: str) -> np.ndarray:
            return np.asarray(self.options(name), dtype=float)[digit(name)]

        n_weights = len(CRITERIA)
        weight_block = index % int(np.prod(sizes[-n_weights:]))
        treatment_codes = np.asarray([TREATMENTS.index(t) for t in self.insufficient_evidence])
        return {
            "good_min_share": values("good_min_share"),
            "ri_min_share": values("ri_min_share"),
            "cvs_seat_points": values("cvs_seat_points"),
            "weights": self._weight_table()[weight_block],
            "gate": values("gate"),
            "feedback_lower_cut": values("feedback_lower_cut"),
            "feedback_upper_cut": values("feedback_upper_cut"),
            "treatment": treatment_codes[digit("insufficient_evidence")],
            "group": index // self.group_size,
        }

    def _weight_table(self) -> np.ndarray:
        return _weight_table(tuple(self.criterion_weights), len(CRITERIA))


@lru_cache(maxsize=8)
def _weight_table(options: tuple[float, ...], n_criteria: int) -> np.ndarray:
    """Every combination of criterion weights, in variant-number order: shape (k**n, n)."""
    return np.asarray(list(itertools.product(options, repeat=n_criteria)), dtype=float)


def load_grid(path: str | Path) -> Grid:
    """The multiverse's choice lists, validated (``config_schema.MultiverseConfig``)."""
    from lepstudy.config_schema import MultiverseConfig, load_config

    spec = load_config(path, MultiverseConfig).model_dump()
    gate = tuple(np.nan if str(g).lower() in {"off", "false", "none"} else float(g) for g in spec["gate"])
    return Grid(tuple(spec["good_min_share"]), tuple(spec["ri_min_share"]), tuple(spec["cvs_seat_points"]),
                tuple(spec["criterion_weights"]), gate, tuple(spec["feedback_lower_cut"]),
                tuple(spec["feedback_upper_cut"]), tuple(spec["insufficient_evidence"]))


@dataclass(frozen=True)
class LepArrays:
    """Per-LEP inputs as arrays; NaN marks unknown evidence."""

    seat: np.ndarray          # 0 none, 1 single-issue/other VCS, 2 CVS, nan unknown
    structural: np.ndarray    # (4, L): subgroup, esif, code_of_practice, transparency points (0/1/nan)
    mean_overall: np.ndarray
    mean_inclusion: np.ndarray

    @property
    def n(self) -> int:
        return len(self.seat)


def lep_arrays(assessment: pd.DataFrame, public_only: bool) -> LepArrays:
    """Turn the assessment table into arrays (public-only hides non-public cells and feedback)."""
    def field(name: str) -> pd.Series:
        values = assessment[name]
        if public_only and f"{name}_source" in assessment:
            values = values.where(assessment[f"{name}_source"] == "public")
        return values

    seat = field("main_board_seat_type").map({"none": 0, "single_issue": 1, "other_vcs": 1, "cvs": 2})
    flags = [field("subgroup_vcs").astype("boolean"),
             field("esif_vcs_member").map({"current": True, "expired": False, "none": False}).astype("boolean"),
             field("code_of_practice").astype("boolean"),
             field("responded").astype("boolean")]
    structural = np.stack([f.astype("Float64").to_numpy(dtype=float, na_value=np.nan) for f in flags])
    nan = np.full(len(assessment), np.nan)
    overall = nan if public_only else assessment["mean_overall_engagement"].to_numpy(dtype=float)
    inclusion = nan if public_only else assessment["mean_focus_social_inclusion"].to_numpy(dtype=float)
    return LepArrays(seat.to_numpy(dtype=float, na_value=np.nan), structural, overall, inclusion)


def _feedback_band(means: np.ndarray, lower: float, upper: float) -> np.ndarray:
    """Band points 0/1/2 for feedback means (NaN where unknown), by the rubric's own banding rule."""
    banding = Criterion("feedback", "", "", public=False, cuts=(lower, upper), band_points=(0, 1, 2))
    return banding.band_points_for(means)


def _group_tables(leps: LepArrays, grid: Grid, public_only: bool) -> dict[str, np.ndarray]:
    """Per group of point-changing choices (CVS points x lower cut x upper cut x gate): known points
    (zero where unknown), the points an unknown criterion could add, criterion maxima and gate masks."""
    n_crit = 5 if public_only else 7
    groups = list(itertools.product(*(range(n) for n in grid.sizes[:GROUP_DIMS])))
    known = np.zeros((len(groups), n_crit, leps.n))
    could_add = np.zeros((len(groups), n_crit, leps.n))
    maxima = np.zeros((len(groups), n_crit))
    gated = np.zeros((len(groups), leps.n), dtype=bool)
    gate_unknown = np.zeros((len(groups), leps.n), dtype=bool)
    for k, (cvs_i, low_i, up_i, gate_i) in enumerate(groups):
        cvs = float(grid.cvs_seat_points[cvs_i])
        parts = [np.where(leps.seat == 2, cvs, leps.seat)] + [leps.structural[i] for i in range(4)]
        tops = [cvs, 1.0, 1.0, 1.0, 1.0]
        if not public_only:
            lower, upper = grid.feedback_lower_cut[low_i], grid.feedback_upper_cut[up_i]
            parts += [_feedback_band(leps.mean_overall, lower, upper),
                      _feedback_band(leps.mean_inclusion, lower, upper)]
            tops += [2.0, 2.0]
            threshold = float(grid.gate[gate_i])
            if not np.isnan(threshold):
                with np.errstate(invalid="ignore"):
                    gated[k] = leps.mean_overall < threshold
                gate_unknown[k] = np.isnan(leps.mean_overall)
        for c in range(n_crit):
            known[k, c] = np.nan_to_num(parts[c], nan=0.0)
            could_add[k, c] = np.where(np.isnan(parts[c]), tops[c], 0.0)
            maxima[k, c] = tops[c]
    return {"known": known.astype(np.float32), "could_add": could_add.astype(np.float32),
            "maxima": maxima.astype(np.float32), "gated": gated, "gate_unknown": gate_unknown}


def evaluate_chunk(leps: LepArrays, choices: dict[str, np.ndarray], tables: dict[str, np.ndarray]) -> np.ndarray:
    """Share of LEPs rated RI or Inadequate for each variant in the chunk (NaN if no LEP is determinate).

    Totals are matrix products of the variants' weights with per-criterion points; the chunk is split
    into runs of consecutive variants that share the point-changing choices and the gate.
    """
    n_crit = tables["known"].shape[1]
    group = choices["group"]
    weights = choices["weights"][:, :n_crit].astype(np.float32)
    eps = 1e-4  # totals are sums of multiples of the weights; float32 is exact for them
    shares = np.empty(len(group))
    starts = np.concatenate(([0], np.flatnonzero(np.diff(group)) + 1, [len(group)]))
    for a, b in zip(starts[:-1], starts[1:], strict=True):
        k = group[a]
        w = weights[a:b]
        low = w @ tables["known"][k]
        high = low + w @ tables["could_add"][k]
        max_total = w @ tables["maxima"][k]
        good_cut = (choices["good_min_share"][a:b] * max_total - eps).astype(np.float32)[:, None]
        ri_cut = (choices["ri_min_share"][a:b] * max_total - eps).astype(np.float32)[:, None]
        # ratings 0 Inadequate, 1 RI, 2 Good; the gate caps at RI
        worst = (low >= ri_cut).view(np.int8) + (low >= good_cut).view(np.int8)
        best = (high >= ri_cut).view(np.int8) + (high >= good_cut).view(np.int8)
        if tables["gated"][k].any() or tables["gate_unknown"][k].any():
            worst = np.where(tables["gated"][k] | tables["gate_unknown"][k], np.minimum(worst, 1), worst)
            best = np.where(tables["gated"][k], np.minimum(best, 1), best)
        ri_worst = (worst <= 1).sum(axis=1)
        ri_best = (best <= 1).sum(axis=1)
        # a LEP is determinate for the count when its whole range is on one side of the Good line
        determinate = (worst <= 1) == (best <= 1)
        n_det = determinate.sum(axis=1)
        ri_det = (determinate & (best <= 1)).sum(axis=1)
        treatment = choices["treatment"][a:b]
        with np.errstate(invalid="ignore", divide="ignore"):
            shares[a:b] = np.where(treatment == 0, ri_best / leps.n,
                                   np.where(treatment == 1, ri_worst / leps.n, ri_det / n_det))
    return shares


def evaluate(leps: LepArrays, grid: Grid, public_only: bool, chunk_size: int = 100_000,
             indices: np.ndarray | None = None, progress=None) -> np.ndarray:
    """Share per variant over the whole grid (or the given variant numbers), chunk by chunk."""
    total = grid.n_variants if indices is None else len(indices)
    out = np.empty(total, dtype=np.float64)
    tables = _group_tables(leps, grid, public_only)
    for start in range(0, total, chunk_size):
        stop = min(start + chunk_size, total)
        idx = np.arange(start, stop, dtype=np.int64) if indices is None else indices[start:stop]
        out[start:stop] = evaluate_chunk(leps, grid.decode(idx), tables)
        if progress:
            progress(stop - start)
    return out


def variant_rubric(base: Rubric, grid: Grid, index: int) -> tuple[Rubric, str]:
    """The pandas-scorer rubric for one variant, and its Insufficient-evidence treatment."""
    c = {k: v[0] for k, v in grid.decode(np.array([index])).items()}
    criteria = []
    for crit in base.criteria:
        weight = float(c["weights"][CRITERIA.index(crit.key)])
        if crit.key == "board_seat":
            points = dict(crit.points, cvs=int(c["cvs_seat_points"]))
            criteria.append(replace(crit, points=points, weight=weight))
        elif crit.cuts is not None:
            criteria.append(replace(crit, cuts=(float(c["feedback_lower_cut"]), float(c["feedback_upper_cut"])),
                                    weight=weight))
        else:
            criteria.append(replace(crit, weight=weight))
    gate = float(c["gate"])
    rubric = replace(base, criteria=tuple(criteria), good_min_share=float(c["good_min_share"]),
                     ri_min_share=float(c["ri_min_share"]), gate_enabled=not np.isnan(gate),
                     gate_below=0.0 if np.isnan(gate) else gate)
    return rubric, TREATMENTS[int(c["treatment"])]


def reference_share(assessment: pd.DataFrame, base: Rubric, grid: Grid, index: int, public_only: bool) -> float:
    """The same share for one variant, computed the straightforward way with the pandas scorer."""
    rubric, treatment = variant_rubric(base, grid, index)
    scores = score(assessment, rubric, public_only=public_only)
    count = count_ri_or_inadequate(scores)
    if treatment == "best":
        return count.lower / count.n
    if treatment == "worst":
        return count.upper / count.n
    n = count.n - (count.upper - count.lower)
    return count.point / n if n else float("nan")


# NCVO printed "approximately two-thirds" of its 38 LEPs; the published-figures file reads that as
# 24 to 26 LEPs (2/3 of 38 = 25.3). A variant's share is consistent with it inside that range.
CONSISTENT_COUNTS = (24, 26)
PUBLISHED_N = 38


def in_published_range(shares: np.ndarray) -> np.ndarray:
    """Whether a share is consistent with 'approximately two-thirds' (24 to 26 of 38 LEPs)."""
    low, high = (count / PUBLISHED_N for count in CONSISTENT_COUNTS)
    return (shares >= low - 1e-9) & (shares <= high + 1e-9)


@dataclass
class MultiverseResult:
    """The distribution of the share over all variants, kept as exact value counts (a share is a ratio
    of two small whole numbers, so there are only a few hundred distinct values however many variants
    there are), plus streaming summaries per choice option. ``shares`` (one per variant) is kept only
    when asked for, so memory does not grow with the size of the grid."""

    values: np.ndarray          # distinct defined shares, ascending
    counts: np.ndarray          # how many variants gave each
    n_variants: int
    by_option: pd.DataFrame
    seconds: float
    shares: np.ndarray | None = None

    def percentile(self, q: float) -> float:
        """numpy's default (linear) percentile of the expanded distribution, from the counts."""
        total = int(self.counts.sum())
        if total == 0:
            return float("nan")
        position = (total - 1) * q / 100
        cumulative = np.cumsum(self.counts)
        low_rank, high_rank = int(np.floor(position)), int(np.ceil(position))
        low = self.values[np.searchsorted(cumulative, low_rank, side="right")]
        high = self.values[np.searchsorted(cumulative, high_rank, side="right")]
        return float(low + (position - low_rank) * (high - low))

    def summary(self) -> dict[str, float]:
        defined = int(self.counts.sum())
        inside = int(self.counts[in_published_range(self.values)].sum())
        return {
            "n_variants": self.n_variants,
            "n_defined": defined,
            "median": self.percentile(50),
            "p05": self.percentile(5),
            "p95": self.percentile(95),
            "share_of_variants_24_to_26": inside / defined if defined else 0.0,
            "seconds": self.seconds,
        }

    def histogram(self, n_leps: int = PUBLISHED_N) -> pd.DataFrame:
        """Variants by the number of LEPs rated RI or Inadequate (shares rescaled to n_leps)."""
        counts = np.bincount(np.rint(self.values * n_leps).astype(int), weights=self.counts, minlength=n_leps + 1)
        return pd.DataFrame({"ri_or_inadequate": np.arange(n_leps + 1), "share": np.arange(n_leps + 1) / n_leps,
                             "n_variants": counts[: n_leps + 1].astype(np.int64)})


def run_multiverse(leps: LepArrays, grid: Grid, public_only: bool, chunk_size: int = 100_000,
                   progress=None, workers: int = 2, keep_shares: bool = False) -> MultiverseResult:
    """Evaluate every variant of the grid, streaming per-option means of the share and of the
    'consistent with two-thirds' indicator (so no per-variant digit table is ever held)."""
    import time

    start_time = time.perf_counter()
    total = grid.n_variants
    shares = np.empty(total, dtype=np.float64) if keep_shares else None
    distribution: dict[float, int] = {}
    tables = _group_tables(leps, grid, public_only)
    sizes = grid.sizes
    strides = np.cumprod([1] + sizes[::-1][:-1])[::-1]
    sums = [np.zeros(n) for n in sizes]
    hits = [np.zeros(n) for n in sizes]
    counts = [np.zeros(n) for n in sizes]
    relevant = [d for d, name in enumerate(DIMENSIONS) if not (public_only and name in FEEDBACK_ONLY)]
    if len(relevant) < len(DIMENSIONS):
        # choices that only touch feedback cannot change a public-evidence rating: score each distinct
        # combination of the other choices once and copy the result to every variant that shares it
        reduced_sizes = [sizes[d] for d in relevant]
        reduced = np.arange(int(np.prod(reduced_sizes)), dtype=np.int64)
        digits = np.unravel_index(reduced, reduced_sizes)
        full_digits = [np.zeros_like(reduced) for _ in sizes]
        for position, d in enumerate(relevant):
            full_digits[d] = digits[position]
        reduced_shares = evaluate(leps, grid, public_only, chunk_size,
                                  indices=np.ravel_multi_index(full_digits, sizes))
        reduced_strides = np.cumprod([1] + reduced_sizes[::-1][:-1])[::-1]

    def work(begin: int) -> tuple[np.ndarray, np.ndarray]:
        idx = np.arange(begin, min(begin + chunk_size, total), dtype=np.int64)
        if len(relevant) == len(DIMENSIONS):
            return idx, evaluate_chunk(leps, grid.decode(idx), tables)
        position = sum(((idx // strides[d]) % sizes[d]) * reduced_strides[k] for k, d in enumerate(relevant))
        return idx, reduced_shares[position]

    # numpy releases the GIL in the heavy array work, so threads use both cores
    with ThreadPoolExecutor(max_workers=workers) as pool:
        for idx, chunk in pool.map(work, range(0, total, chunk_size)):
            if shares is not None:
                shares[idx[0]:idx[-1] + 1] = chunk
            defined = np.isfinite(chunk)
            for value, count in zip(*np.unique(chunk[defined], return_counts=True), strict=True):
                distribution[float(value)] = distribution.get(float(value), 0) + int(count)
            values = np.where(defined, chunk, 0.0)
            inside = in_published_range(np.where(defined, chunk, -1.0)).astype(float)
            for d, size in enumerate(sizes):
                digit = (idx // strides[d]) % size
                sums[d] += np.bincount(digit, weights=values, minlength=size)
                hits[d] += np.bincount(digit, weights=inside, minlength=size)
                counts[d] += np.bincount(digit, weights=defined.astype(float), minlength=size)
            if progress:
                progress(len(idx))
    rows = []
    for d, name in enumerate(DIMENSIONS):
        for k, option in enumerate(grid.options(name)):
            label = "off" if name == "gate" and np.isnan(option) else option
            n_def = counts[d][k]
            rows.append({"choice": name, "option": str(label),
                         "mean_share": sums[d][k] / n_def if n_def else np.nan,
                         "share_of_variants_24_to_26": hits[d][k] / n_def if n_def else np.nan})
    by_option = pd.DataFrame(rows)
    spread = by_option.groupby("choice")["mean_share"].agg(lambda s: s.max() - s.min()).rename("range")
    by_option = by_option.merge(spread, on="choice").sort_values(["range", "choice"], ascending=[False, True],
                                                               kind="stable")
    values = np.array(sorted(distribution), dtype=float)
    counts = np.array([distribution[v] for v in values], dtype=np.int64)
    return MultiverseResult(values, counts, total, by_option.reset_index(drop=True),
                            time.perf_counter() - start_time, shares)
