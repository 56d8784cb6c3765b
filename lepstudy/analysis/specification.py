"""The specification curve: the headline count under every combination of defensible analytic choices.

Following Simonsohn, Simmons & Nelson (2020) and Steegen et al. (2016), ``config/specifications.yaml`` lists
a few choices, each arbitrary or substantive (``docs/method.md`` section 7 says why), and every combination
is scored: rubric choices (a principled weighting scheme, the Good line, the CVS seat's points, the feedback
cut points, the gate, the response criterion in or out) and data-processing choices (which dated board
evidence counts, how unclear seat types and housing associations count, the fewest respondents a LEP's
feedback needs). Everything starts from the configured rubric and study settings, which are one option of
each choice.

The count is evaluated vectorised: one assessment table per combination of data choices, the criterion points
once per assessment, and every weighting, Good line and gate at once. ``reference_count`` computes the same
count for one specification the plain way (build its rubric, score with :func:`engagement.score`, count with
:func:`engagement.count_ri_or_inadequate`); the tests and ``make bench`` check that the two agree exactly.

Variance decomposition: the count of every combination of the choices (a balanced full factorial) is
decomposed into main effects and two-way interactions by ordinary least squares (statsmodels' ANOVA);
three-way and higher interactions are the remainder.
"""

from __future__ import annotations

import itertools
import time
from dataclasses import dataclass, field, replace
from functools import cached_property

import numpy as np
import pandas as pd

from lepstudy.analysis import evidence
from lepstudy.analysis.engagement import (
    PARTIAL_VALUES,
    RI,
    Criterion,
    RiCount,
    Rubric,
    assessment_table,
    count_ri_or_inadequate,
    rating_range,
    score,
)
from lepstudy.core.config_schema import SpecificationConfig
from lepstudy.core.containers import BoardSources, EvidenceRules
from lepstudy.core.errors import DataError

RUBRIC_CHOICES = ["weighting", "good_min_share", "seat_points", "feedback_band_shift", "gate", "response_criterion"]
DATA_CHOICES = ["seat_dating", "unclear_seat_types", "housing_associations", "min_respondents"]
CHOICES = RUBRIC_CHOICES + DATA_CHOICES
CONFIGURED_MIN_RESPONDENTS = 1   # the pipeline scores a LEP's feedback whenever it has any respondent
FEEDBACK_CHOICES = {"feedback_band_shift", "gate", "min_respondents"}


@dataclass(frozen=True)
class Choice:
    """One choice: its options (labels shown in outputs and the values they stand for) and which is configured."""

    name: str
    kind: str
    why: str
    labels: tuple[str, ...]
    values: tuple
    configured: int

    @property
    def stage(self) -> str:
        return "data" if self.name in DATA_CHOICES else "rubric"


def _label(value: object) -> str:
    return "off" if value is False else str(value)


@dataclass(frozen=True)
class Specifications:
    """``config/specifications.yaml``, read once: the choices, and the criteria two of them act on."""

    choices: list[Choice]
    seat_target: tuple[str, str]       # the criterion and category whose points the seat-points choice changes
    response_criterion: str            # the criterion the response choice (and the delta analysis) drops


def load_specifications(spec: SpecificationConfig, rubric: Rubric, rules: EvidenceRules,
                        path: str = "config/specifications.yaml") -> Specifications:
    """The choices of the specification config (validated), each with the configured study's own option (added
    where the list leaves it out), the configured evidence ``rules`` among them; a criterion the rubric lacks is an
    error naming the config file (``path``, for the message) and key."""
    keys = {c.key: c for c in rubric.criteria}
    for name in ("seat_points", "response_criterion"):
        criterion = getattr(spec, name).criterion
        if criterion not in keys:
            raise DataError("no such criterion in the rubric", file=path, key=f"{name}.criterion", value=criterion,
                            expected=f"one of {', '.join(keys)}")
    seat = spec.seat_points
    if keys[seat.criterion].points is None or seat.category not in keys[seat.criterion].points:
        raise DataError("the criterion has no such category", file=path, key="seat_points.category",
                        value=seat.category, expected="a category of the criterion's points")
    dating = {name: frozenset(classes) for name, classes in spec.seat_dating.options.items()}
    configured = {
        "weighting": "configured",
        "good_min_share": rubric.good_min_share,
        "seat_points": keys[seat.criterion].points[seat.category],
        "feedback_band_shift": 0.0,
        "gate": "configured",
        "response_criterion": "in",
        "seat_dating": next((name for name, classes in dating.items() if classes == rules.counted_dating),
                            "configured"),
        "unclear_seat_types": "type_unknown" if "unclear" in rules.vcs_org_types else "not_vcs",
        "housing_associations": "vcs" if "housing_association" in rules.vcs_org_types else "not_vcs",
        "min_respondents": CONFIGURED_MIN_RESPONDENTS,
    }
    choices = []
    for name in CHOICES:
        item = getattr(spec, name)
        if name == "seat_dating":
            labels = list(dating)
            values = [dating[label] for label in labels]
            if configured[name] == "configured":
                labels.append("configured")
                values.append(rules.counted_dating)
        else:
            values = ["off" if option is False else option for option in item.options]
            if configured[name] not in values:
                values.append(configured[name])
            labels = [_label(v) for v in values]
        position = labels.index(_label(configured[name])) if name != "seat_dating" else labels.index(configured[name])
        choices.append(Choice(name, item.kind, item.why, tuple(labels), tuple(values), position))
    return Specifications(choices, (seat.criterion, seat.category), spec.response_criterion.criterion)


# --- one specification's rubric and assessment ------------------------------------------------------

def scheme_weights(criteria: tuple[Criterion, ...], scheme: str) -> list[float]:
    """Weights of a principled scheme for the given criteria (whose points may already be changed).

    ``configured``: the rubric's weights. ``equal_criteria``: every criterion has the same maximum.
    ``equal_domains``: the public structural criteria together and the sector-feedback criteria together each
    carry half of the maximum, the rubric's weights kept within each domain (one domain: as configured).
    """
    raw_max = [c.max_points / c.weight if c.weight else 0.0 for c in criteria]
    if scheme == "configured":
        return [c.weight for c in criteria]
    if scheme == "equal_criteria":
        return [1.0 / m if m else 0.0 for m in raw_max]
    if scheme == "equal_domains":
        domain_max = {public: sum(c.max_points for c in criteria if c.public == public) for public in (True, False)}
        present = [d for d, m in domain_max.items() if m > 0]
        if len(present) < 2:
            return [c.weight for c in criteria]
        return [c.weight / domain_max[c.public] for c in criteria]
    raise ValueError(f"unknown weighting scheme {scheme!r}")


@dataclass(frozen=True)
class RubricShape:
    """The choices that change a rubric's criteria (not their weights): the seat points, the band shift and
    whether the response criterion is in."""

    seat_points: int
    band_shift: float
    response_in: bool


def shaped_criteria(rubric: Rubric, shape: RubricShape, seat: tuple[str, str], response: str,
                    public_only: bool) -> tuple[Criterion, ...]:
    """The variant's criteria with the shape's points, cuts and response criterion (weights as configured)."""
    seat_key, category = seat
    out = []
    for c in rubric.variant(public_only):
        if c.key == response and not shape.response_in:
            continue
        if c.key == seat_key:
            c = replace(c, points=dict(c.points, **{category: shape.seat_points}))
        if c.cuts is not None and shape.band_shift:
            c = replace(c, cuts=tuple(cut + shape.band_shift for cut in c.cuts))
        out.append(c)
    return tuple(out)


def specification_rubric(rubric: Rubric, spec: dict, seat: tuple[str, str], response: str,
                         public_only: bool) -> Rubric:
    """The rubric of one specification (``spec``: choice name -> value), for the plain pandas scorer."""
    shape = RubricShape(int(spec["seat_points"]), float(spec["feedback_band_shift"]),
                        spec["response_criterion"] == "in")
    criteria = shaped_criteria(rubric, shape, seat, response, public_only)
    weights = scheme_weights(criteria, spec["weighting"])
    criteria = tuple(replace(c, weight=w) for c, w in zip(criteria, weights, strict=True))
    gate = spec["gate"]
    gate_enabled = rubric.gate_enabled if gate == "configured" else gate != "off"
    gate_below = rubric.gate_below if gate in ("configured", "off") else float(gate)
    return replace(rubric, criteria=criteria, good_min_share=float(spec["good_min_share"]), gate_enabled=gate_enabled,
                   gate_below=gate_below)


@dataclass
class SpecificationInputs:
    """What every specification starts from: the run's rubric, evidence rules, curated board files, the bodies,
    and (for the full variant) the information-request answers and the sector feedback."""

    rules: EvidenceRules               # the configured rules: the data choices vary them
    rubric: Rubric
    board: BoardSources
    codes: list[str]
    responses: pd.DataFrame
    feedback: pd.DataFrame
    seat: tuple[str, str]
    response: str
    _public_cache: dict = field(default_factory=dict)

    def public_evidence(self, dating: frozenset, unclear: str, housing: str) -> pd.DataFrame:
        """Public board evidence under the given data-processing choices (computed once per combination)."""
        key = (dating, unclear, housing)
        if key not in self._public_cache:
            configured = self.rules
            vcs = set(configured.vcs_org_types) - {"unclear", "housing_association"}
            if unclear != "not_vcs":
                vcs.add("unclear")
            if housing == "vcs":
                vcs.add("housing_association")
            rules = replace(configured, counted_dating=frozenset(dating), vcs_org_types=frozenset(vcs),
                            unclear_seat_type="other_vcs" if unclear == "other_vcs" else "unclear")
            self._public_cache[key] = evidence.public_board_evidence(self.codes, rules, self.board)
        return self._public_cache[key]

    @cached_property
    def _feedback_assessment(self) -> pd.DataFrame:
        return assessment_table(self.responses, self.feedback)

    def _evidence_assessment(self, dating: frozenset, unclear: str, housing: str, public_only: bool) -> pd.DataFrame:
        key = ("assessment", dating, unclear, housing, public_only)
        if key not in self._public_cache:
            public = evidence.public_assessment(self.public_evidence(dating, unclear, housing))
            self._public_cache[key] = public if public_only else with_public_evidence(self._feedback_assessment,
                                                                                      public)
        return self._public_cache[key]

    def assessment(self, spec: dict, public_only: bool) -> pd.DataFrame:
        """The assessment table of one combination of data choices (``spec``: choice name -> value)."""
        table = self._evidence_assessment(spec["seat_dating"], spec["unclear_seat_types"],
                                          spec["housing_associations"], public_only).copy()
        if public_only:
            return table
        few = table["n_respondents"] < int(spec["min_respondents"])
        for column in ("mean_overall_engagement", "mean_focus_social_inclusion"):
            table[column] = table[column].mask(few)
        return table


def with_public_evidence(assessment: pd.DataFrame, public: pd.DataFrame) -> pd.DataFrame:
    """The full variant's assessment with the public facts of a specification: where public evidence under its
    rules is known, it replaces a public or synthetic cell; a cell that was public and is now unknown becomes
    unknown. A researcher's private answers are never replaced."""
    out = assessment.copy()
    facts = public.set_index("lep17_code").reindex(out["lep17_code"])
    for column in evidence.PUBLIC_FIELDS:
        source = f"{column}_source"
        if column not in out or source not in out:
            continue
        known = (facts[f"{column}_source"] == "public").to_numpy()
        replaceable = out[source].isin(["public", "synthetic"]).to_numpy()
        was_public = (out[source] == "public").to_numpy()
        values = out[column].astype(object).to_numpy()
        new_values = facts[column].astype(object).to_numpy()
        # a partial fact (a seat of unclear type) does not replace a cell that already says which type it is
        partial = facts[column].isin(list(PARTIAL_VALUES)).to_numpy() & pd.notna(values)
        take = known & replaceable & ~partial
        values = np.where(take, new_values, np.where(was_public & ~known, None, values))
        out[column] = pd.Series(values, index=out.index).astype(out[column].dtype)
        out[source] = np.where(take, "public", np.where(was_public & ~known, "unknown", out[source]))
    return out


# --- evaluation ----------------------------------------------------------------------------------

@dataclass
class SpecificationCurve:
    """Every combination of the choices for one variant: the options chosen and the count with its bounds."""

    variant: str
    choices: list[Choice]          # the choices that can touch this variant
    table: pd.DataFrame            # one row per combination
    n: int
    seconds: float

    @property
    def n_combinations(self) -> int:
        return len(self.table)

    @property
    def n_distinct(self) -> int:
        return int(self.table["distinct"].sum())


def _evidence_columns(assessment: pd.DataFrame, fields: set[str], public_only: bool) -> dict[str, tuple]:
    """Each rubric field's evidence as ``engagement.score`` reads it (non-public cells hidden in the public
    variant), as a hashable tuple with None for unknown."""
    out = {}
    for name in fields:
        values = assessment[name] if name in assessment else pd.Series(pd.NA, index=assessment.index)
        if public_only and f"{name}_source" in assessment:
            values = values.where(assessment[f"{name}_source"] == "public")
        array = values.to_numpy(dtype=object)
        out[name] = tuple(None if pd.isna(v) else v for v in array)
    return out


def _points(criteria: tuple[Criterion, ...], columns: dict[str, tuple], cache: dict,
            ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Unweighted points (NaN unless known) and the fewest and most each cell could give, each criteria x LEPs
    (``Criterion.range_for``); a criterion is scored once per distinct column."""
    rows = []
    for c in criteria:
        key = (c.key, repr(c.points), c.cuts, columns[c.field])
        if key not in cache:
            cache[key] = replace(c, weight=1.0).range_for(pd.Series(columns[c.field], dtype=object))
        rows.append(cache[key])
    return tuple(np.vstack([row[part] for row in rows]) for part in range(3))


def _counts(criteria: tuple[Criterion, ...], weights: np.ndarray, scored: tuple[np.ndarray, np.ndarray, np.ndarray],
            good: np.ndarray, ri_share: float, gates: list[tuple[bool, float]], gate_values: np.ndarray,
            ) -> tuple[np.ndarray, np.ndarray]:
    """(point, lower, upper) counts, shape (schemes, Good lines, gates, 3), for weights of shape (schemes,
    criteria), and every LEP's worst and best rating, shape (schemes, Good lines, gates, 2, LEPs): two
    specifications with the same ratings are one. The arithmetic of ``engagement.score`` in the same order, so
    the totals are identical floats."""
    points, least, most = scored
    raw_max = np.array([c.max_points / c.weight if c.weight else 0.0 for c in criteria])
    schemes, leps = len(weights), points.shape[1]
    low, high, max_total = np.zeros((schemes, leps)), np.zeros((schemes, leps)), np.zeros(schemes)
    for k in range(len(criteria)):
        w = weights[:, k:k + 1]
        low += least[k] * w
        high += most[k] * w
        max_total += weights[:, k] * raw_max[k]
    out = np.empty((schemes, len(good), len(gates), 3), dtype=np.int64)
    ratings = np.empty((schemes, len(good), len(gates), 2, leps), dtype=np.int8)
    for j, (enabled, below) in enumerate(gates):
        # every LEP of every scheme and Good line at once: shape (schemes, Good lines, LEPs)
        w, b, _ = rating_range(low[:, None, :], high[:, None, :], max_total[:, None, None], good[None, :, None],
                               ri_share, gate_values if enabled else None, below)
        # count_ri_or_inadequate: the point count is RI, Inadequate or the range between them, i.e. best below
        # Good, which is also the lower bound; the upper bound is worst below Good
        below_good = (b <= RI).sum(axis=-1)
        out[:, :, j] = np.stack([below_good, below_good, (w <= RI).sum(axis=-1)], axis=-1)
        ratings[:, :, j] = np.stack([w, b], axis=-2)
    return out, ratings


def applicable_choices(choices: list[Choice], rubric: Rubric, public_only: bool) -> list[Choice]:
    """The choices that can touch the variant: feedback choices only where feedback is scored; weighting schemes
    that would repeat another scheme's relative weights for this variant are dropped."""
    out = []
    for choice in choices:
        if public_only and choice.name in FEEDBACK_CHOICES:
            continue
        if choice.name == "weighting":
            criteria = rubric.variant(public_only)
            seen, keep = [], []
            for k, scheme in enumerate(choice.values):
                weights = np.asarray(scheme_weights(criteria, scheme))
                maxima = np.asarray([c.max_points / c.weight if c.weight else 0.0 for c in criteria])
                relative = np.round(weights * maxima / max((weights * maxima).sum(), 1e-12), 12)
                if any(np.array_equal(relative, other) for other in seen) and k != choice.configured:
                    continue
                seen.append(relative)
                keep.append(k)
            choice = replace(choice, labels=tuple(choice.labels[k] for k in keep),
                             values=tuple(choice.values[k] for k in keep), configured=keep.index(choice.configured))
        out.append(choice)
    return out


def run_specification_curve(inputs: SpecificationInputs, choices: list[Choice], public_only: bool,
                            progress=None) -> SpecificationCurve:
    """The count under every combination of the choices that can touch the variant."""
    started = time.perf_counter()
    rubric = inputs.rubric
    active = applicable_choices(choices, rubric, public_only)
    by_name = {c.name: c for c in active}
    configured = {c.name: c.values[c.configured] for c in choices}

    def options(name: str) -> list:
        return list(by_name[name].values) if name in by_name else [configured[name]]

    good_options, gate_options, schemes = options("good_min_share"), options("gate"), options("weighting")
    good = np.asarray(good_options, dtype=float)
    gates = [(rubric.gate_enabled and not public_only, rubric.gate_below) if g == "configured"
             else (False, 0.0) if g == "off" else (not public_only, float(g)) for g in gate_options]
    data_names = [n for n in DATA_CHOICES if n in by_name]
    data_combos = list(itertools.product(*(by_name[n].values for n in data_names)))
    shapes = list(itertools.product(options("seat_points"), options("feedback_band_shift"),
                                    options("response_criterion")))
    points_cache: dict = {}
    fields = {c.field for c in rubric.variant(public_only)}
    blocks, rating_blocks = [], []
    for position, data_values in enumerate(data_combos):
        spec = {**configured, **dict(zip(data_names, data_values, strict=True))}
        assessment = inputs.assessment(spec, public_only)
        columns = _evidence_columns(assessment, fields, public_only)
        gate_values = pd.to_numeric(assessment[rubric.gate_field], errors="coerce").to_numpy(dtype=float) \
            if rubric.gate_field in assessment else np.full(len(assessment), np.nan)
        for seat_points, shift, response in shapes:
            shape = RubricShape(int(seat_points), float(shift), response == "in")
            criteria = shaped_criteria(rubric, shape, inputs.seat, inputs.response, public_only)
            scored = _points(criteria, columns, points_cache)
            weights = np.array([scheme_weights(criteria, scheme) for scheme in schemes], dtype=float)
            counts_block, ratings_block = _counts(criteria, weights, scored, good, rubric.ri_min_share, gates,
                                                  gate_values)
            blocks.append(counts_block)
            rating_blocks.append(ratings_block.reshape(-1, 2 * len(inputs.codes)))
        if progress:
            progress(position + 1, len(data_combos))
    counts = np.concatenate([block.reshape(-1, 3) for block in blocks])
    # one row per combination, in the loop order: data choices, shape, scheme, Good line, gate
    grid = itertools.product(data_combos, shapes, schemes, good_options, gate_options)
    labels = [dict(zip(data_names, d, strict=True)) | {"seat_points": sh[0], "feedback_band_shift": sh[1],
                                                       "response_criterion": sh[2], "weighting": w,
                                                       "good_min_share": g, "gate": gt}
              for d, sh, w, g, gt in grid]
    table = pd.DataFrame({c.name: [_label_for(c, row[c.name]) for row in labels] for c in active})
    table["count"], table["lower"], table["upper"] = counts[:, 0], counts[:, 1], counts[:, 2]
    # two combinations are one distinct specification when they give every LEP the same worst and best rating
    # (different option labels that change no rating, such as a gate no LEP's feedback reaches, are one)
    ratings = np.concatenate(rating_blocks)
    ids, _ = pd.factorize(pd.Series([row.tobytes() for row in ratings]))
    table["specification"] = ids
    table["distinct"] = ~pd.Series(ids).duplicated().to_numpy()
    table["configured"] = np.logical_and.reduce([table[c.name] == c.labels[c.configured] for c in active])
    return SpecificationCurve("public" if public_only else "full", active, table, len(inputs.codes),
                              time.perf_counter() - started)


def _label_for(choice: Choice, value) -> str:
    return choice.labels[choice.values.index(value)]


def spec_values(choices: list[Choice], labels: dict[str, str]) -> dict:
    """Choice name -> value for one specification given by its option labels (configured where not given)."""
    out = {"min_respondents": CONFIGURED_MIN_RESPONDENTS, "weighting": "configured", "feedback_band_shift": 0.0,
           "gate": "configured", "response_criterion": "in"}
    for choice in choices:
        label = str(labels.get(choice.name, choice.labels[choice.configured]))
        out[choice.name] = choice.values[choice.labels.index(label)]
    return out


def reference_count(inputs: SpecificationInputs, choices: list[Choice], labels: dict[str, str],
                    public_only: bool) -> RiCount:
    """One specification's count the plain way: its assessment and rubric, the pandas scorer, the one count."""
    spec = spec_values(choices, labels)
    assessment = inputs.assessment(spec, public_only)
    rubric = specification_rubric(inputs.rubric, spec, inputs.seat, inputs.response, public_only)
    return count_ri_or_inadequate(score(assessment, rubric, public_only=public_only))


# --- summaries ----------------------------------------------------------------------------------

def variance_decomposition(curve: SpecificationCurve) -> pd.DataFrame:
    """Share of the variance of the count over all combinations explained by each choice and each pair of
    choices (ANOVA sums of squares of a balanced full factorial); the rest is higher-order interaction."""
    # heavy: statsmodels adds about 1 s to an import; only the model fits load it
    import statsmodels.formula.api as smf
    from statsmodels.stats.anova import anova_lm

    varying = [c.name for c in curve.choices if curve.table[c.name].nunique() > 1]
    frame = curve.table[varying + ["count"]].astype({name: str for name in varying})
    frame["count"] = frame["count"].astype(float)
    total = float(((frame["count"] - frame["count"].mean()) ** 2).sum())
    rows = []
    if varying and total > 0:
        terms = [f"C({n})" for n in varying] + [f"C({a}):C({b})" for a, b in itertools.combinations(varying, 2)]
        fit = smf.ols("count ~ " + " + ".join(terms), data=frame).fit()
        table = anova_lm(fit, typ=1)
        for term, row in table.iterrows():
            names = [part[2:-1] for part in str(term).split(":")] if term != "Residual" else []
            rows.append({"term": " x ".join(names) if names else "three-way and higher interactions",
                         "order": len(names) if names else 3, "sum_sq": float(row["sum_sq"]),
                         "share": float(row["sum_sq"]) / total})
    # typed even when empty (no choice moves the count: nothing to decompose)
    out = pd.DataFrame(rows, columns=["term", "order", "sum_sq", "share"]).astype(
        {"term": str, "order": "int64", "sum_sq": float, "share": float})
    out.insert(0, "variant", curve.variant)
    return out.sort_values(["share", "term"], ascending=[False, True], kind="stable").reset_index(drop=True)


def curve_summary(curve: SpecificationCurve, window: tuple[int, int]) -> dict:
    """The qualitative summary over the distinct specifications (different rating vectors): the range of their
    lower and of their upper bounds, the share where a majority of LEPs is certainly / possibly RI or Inadequate,
    and the share where the count is certainly / possibly inside NCVO's window. No point count: where evidence
    is unknown, the scorer's count is the lower bound by construction."""
    distinct = curve.table[curve.table["distinct"]]
    majority = curve.n / 2
    configured = curve.table[curve.table["configured"]].iloc[0]
    low, high = window
    return {
        "variant": curve.variant, "n_leps": curve.n, "n_choices": len(curve.choices),
        "n_combinations": curve.n_combinations, "n_distinct": curve.n_distinct,
        "lower_min": int(distinct["lower"].min()), "lower_max": int(distinct["lower"].max()),
        "upper_min": int(distinct["upper"].min()), "upper_max": int(distinct["upper"].max()),
        "share_determined": float((distinct["lower"] == distinct["upper"]).mean()),
        "share_majority_certain": float((distinct["lower"] > majority).mean()),
        "share_majority_possible": float((distinct["upper"] > majority).mean()),
        "share_in_window": float(((distinct["lower"] >= low) & (distinct["upper"] <= high)).mean()),
        "share_in_window_possible": float(((distinct["lower"] <= high) & (distinct["upper"] >= low)).mean()),
        "window_low": low, "window_high": high,
        "configured_lower": int(configured["lower"]),
        "configured_upper": int(configured["upper"]),
    }


# the choices in plain English, for charts and sentences
def choices_table(curves: list[SpecificationCurve]) -> pd.DataFrame:
    """Each choice of each variant: kind, reason, options and the configured option."""
    rows = []
    for curve in curves:
        for c in curve.choices:
            rows.append({"variant": curve.variant, "choice": c.name, "stage": c.stage, "kind": c.kind,
                         "options": "; ".join(c.labels), "configured": c.labels[c.configured], "why": c.why})
    return pd.DataFrame(rows)
