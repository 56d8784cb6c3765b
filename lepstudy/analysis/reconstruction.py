"""Reconstruction: which RI-or-Inadequate counts the published record allows, and a tipping point.

NCVO published no per-LEP rating, but it did print counts of the structure behind them (LEPs that
answered, with a VCS main-board seat and of which type, with two seats, with a sub-group member, ESIF
committees without a VCS member). Together with the per-LEP public facts, those counts constrain every
unknown per-LEP structure. This module finds, under the configured rubric, the fewest and most LEPs
that could be rated Requires improvement or Inadequate over *all* structures consistent with every
published count and every public fact, by integer programming (``scipy.optimize.milp``, HiGHS).

The model. Each body takes exactly one option per attribute: answered the request (yes/no); main
board (no VCS seat, or a single-issue / other VCS / CVS seat, held once or twice); VCS member on a
sub-group (yes/no); ESIF sub-committee VCS member (none / expired / current); code of practice
(yes/no); and a sector-feedback state (the band of each feedback criterion, and whether the gate
applies). Public facts remove options; each published count is an equality on the number of bodies
taking options in a set. Each complete combination of options is rated by the ordinary scorer
(``engagement.score``), so the programme and the headline use one definition of a rating.

Unpublished quantities. Some scored attributes NCVO gave no count for: how many ESIF sub-committees
had a VCS membership that had *expired* (0 points, like none) rather than a current one, and how many
LEPs had a code of practice. Each is an explicit count with a configured range (default: any number,
the widest reading); ``sensitivity_table`` sweeps every number the published record allows, so a
conclusion that such a quantity decides is shown with its condition rather than settled silently.

Feedback is set three ways: *favourable everywhere* (top band of every feedback criterion, no gate),
*very poor everywhere* (bottom band, the gate applied) and free. The tipping point fixes the number
``q`` of areas whose feedback is *poor* (every feedback mean below the rubric's lower cut, the gate not
applied) with the others at a reference state (top band: *favourable*; the band holding the scale
midpoint 3: *neutral*), and reports from which ``q`` at least the lower end of "about two-thirds" is
certain and up to which ``q`` its upper end or fewer stays possible, under each configured reading of
the unpublished quantities.
"""

from __future__ import annotations

import itertools
import logging
import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd
from scipy import sparse
from scipy.optimize import Bounds, LinearConstraint, milp

from lepstudy.analysis.engagement import Rubric, gate_closes, is_ri_or_inadequate, score
from lepstudy.core.errors import DataError
from lepstudy.core.vocabulary import ESIF_MEMBERSHIP, LIKERT_RANGE, VCS_SEAT_TYPES

log = logging.getLogger(__name__)

SEAT_TYPES = VCS_SEAT_TYPES
FEEDBACK_MODES = ("best", "worst", "free")
REFERENCE_STATES = ("favourable", "neutral")
POOR_ROW = "areas with poor feedback"      # the programme's row fixing the number of poor-feedback areas


def _structural_options() -> dict[str, list[dict]]:
    """Every option of every structural attribute, as the field values it gives the assessment table."""
    board = [{"main_board_seat_type": "none", "main_board_vcs": False, "main_board_vcs_seats": 0}]
    board += [{"main_board_seat_type": kind, "main_board_vcs": True, "main_board_vcs_seats": seats}
              for kind in SEAT_TYPES for seats in (1, 2)]
    return {
        "responded": [{"responded": False}, {"responded": True}],
        "board": board,
        "subgroup": [{"subgroup_vcs": False}, {"subgroup_vcs": True}],
        "esif": [{"esif_vcs_member": v} for v in ESIF_MEMBERSHIP],
        "code_of_practice": [{"code_of_practice": False}, {"code_of_practice": True}],
    }


@dataclass(frozen=True)
class CountConstraint:
    """A count of bodies whose ``field`` takes one of ``values``: between ``low`` and ``high`` (equal for a
    published count; a range for an unpublished quantity such as expired ESIF memberships)."""

    figure_id: str
    field: str
    values: tuple
    low: int
    high: int

    @classmethod
    def exactly(cls, figure_id: str, field: str, values: tuple, value: int) -> CountConstraint:
        return cls(figure_id, field, values, value, value)

    def admits(self, count: int) -> bool:
        return self.low <= count <= self.high


@dataclass
class Problem:
    """Options per attribute, the options each body may take, the published counts and the rubric."""

    codes: list[str]
    options: dict[str, list[dict]]
    allowed: list[dict[str, list[int]]]
    constraints: list[CountConstraint]
    rubric: Rubric
    feedback_roles: dict[str, list[int]] = field(default_factory=dict)   # best / worst / poor / neutral ...

    @property
    def n(self) -> int:
        return len(self.codes)

    def counted(self, constraint: CountConstraint) -> tuple[str, frozenset[int]]:
        """The attribute a published count is about, and the options of it that the count counts."""
        for attribute, opts in self.options.items():
            if any(constraint.field in opt for opt in opts):
                wanted = {str(v).lower() for v in constraint.values}
                return attribute, frozenset(k for k, opt in enumerate(opts)
                                            if str(opt.get(constraint.field)).lower() in wanted)
        fields = sorted({f for opts in self.options.values() for opt in opts for f in opt})
        raise DataError("a published count refers to a field the reconstruction does not model",
                        column=constraint.field, expected=f"one of {', '.join(fields)}")


# --- feedback states from the rubric -------------------------------------------------------------

def _feedback_states(rubric: Rubric) -> list[dict]:
    """The distinct sector-feedback states the rubric can tell apart: one representative mean per
    feedback field (the middle of an interval between cuts, the gate threshold and the Likert ends)."""
    banded = [c for c in rubric.criteria if c.cuts is not None]
    fields = list(dict.fromkeys(c.field for c in banded))
    if rubric.gate_enabled and rubric.gate_field not in fields:
        fields.append(rubric.gate_field)
    per_field = []
    for name in fields:
        edges = {*LIKERT_RANGE}
        for c in banded:
            if c.field == name:
                edges |= {float(x) for x in c.cuts if LIKERT_RANGE[0] < x < LIKERT_RANGE[1]}
        if rubric.gate_enabled and rubric.gate_field == name and LIKERT_RANGE[0] < rubric.gate_below < LIKERT_RANGE[1]:
            edges.add(float(rubric.gate_below))
        edges = sorted(edges)
        per_field.append([(lo + hi) / 2 for lo, hi in itertools.pairwise(edges)])
    return [dict(zip(fields, means, strict=True)) for means in itertools.product(*per_field)]


def _state_points(rubric: Rubric, state: dict) -> float:
    return float(sum(c.band_points_for(np.array([state[c.field]]))[0] for c in rubric.criteria
                     if c.cuts is not None))


def _state_gated(rubric: Rubric, state: dict) -> bool:
    return bool(rubric.gate_enabled and gate_closes(state.get(rubric.gate_field, np.inf), rubric.gate_below))


def _feedback_roles(rubric: Rubric, states: list[dict], points: np.ndarray, gated: np.ndarray) -> dict[str, list[int]]:
    """Which feedback states are 'best', 'worst', 'poor', 'favourable' and 'neutral' (see module doc)."""
    banded = [c for c in rubric.criteria if c.cuts is not None]
    ungated = [k for k in range(len(states)) if not gated[k]]
    best = [k for k in ungated if points[k] == max(points[j] for j in ungated)]
    lowest = min(points)
    worst = [k for k in range(len(states)) if points[k] == lowest and (gated[k] or not gated.any())]
    below_lower_cut = [k for k in ungated
                       if all(states[k][c.field] < min(c.cuts) for c in banded)]
    neutral = [k for k in ungated
               if all(min(c.cuts) <= 3.0 <= max(c.cuts) and
                      c.band_points_for(np.array([states[k][c.field]]))[0] == c.band_points_for(np.array([3.0]))[0]
                      for c in banded)]
    return {"best": best, "worst": worst, "free": list(range(len(states))), "poor": below_lower_cut or worst,
            "favourable": best, "neutral": neutral or best}


# --- building the problem ------------------------------------------------------------------------

def published_constraints(published: pd.DataFrame, spec: dict) -> pd.DataFrame:
    """The published counts the reconstruction uses: figure, what NCVO printed, value and the field counted."""
    table = published.set_index("figure_id")
    rows = [{"figure_id": figure_id, "quantity": table.at[figure_id, "quantity"], "value": table.at[figure_id, "value"],
             "field": item["field"], "values_counted": ", ".join(str(v) for v in item["values"])}
            for figure_id, item in spec.get("constraints", {}).items() if figure_id in table.index]
    return pd.DataFrame(rows)


def public_allowed(public: pd.DataFrame, options: dict[str, list[dict]]) -> list[dict[str, list[int]]]:
    """For each body, the options its public facts leave open (a blank fact leaves every option)."""
    out = []
    for row in public.itertuples(index=False):
        allowed = {name: list(range(len(opts))) for name, opts in options.items()}
        board = options["board"]
        seat = row.main_board_vcs
        kind = row.main_board_seat_type
        full_list = row.board_coverage == "full_list_seen"
        seats_min = int(row.main_board_vcs_seats_min) if pd.notna(row.main_board_vcs_seats_min) else 0

        def board_ok(opt: dict, seat=seat, kind=kind, full_list=full_list, seats_min=seats_min) -> bool:
            if pd.notna(seat) and bool(seat):
                if not opt["main_board_vcs"]:
                    return False
                if pd.notna(kind) and kind in SEAT_TYPES and opt["main_board_seat_type"] != kind:
                    return False
                if opt["main_board_vcs_seats"] < min(seats_min, 2):
                    return False
                return not (full_list and opt["main_board_vcs_seats"] != min(max(seats_min, 1), 2))
            if pd.notna(seat) and not bool(seat):
                return not opt["main_board_vcs"]
            return True

        allowed["board"] = [k for k, opt in enumerate(board) if board_ok(opt)]
        if pd.notna(row.subgroup_vcs):
            allowed["subgroup"] = [k for k, opt in enumerate(options["subgroup"])
                                   if opt["subgroup_vcs"] == bool(row.subgroup_vcs)]
        if pd.notna(row.esif_vcs_member):
            allowed["esif"] = [k for k, opt in enumerate(options["esif"])
                               if opt["esif_vcs_member"] == row.esif_vcs_member]
        out.append(allowed)
    return out


def build_problem(public: pd.DataFrame, rubric: Rubric, published: pd.DataFrame, spec: dict) -> Problem:
    """The integer programme's ingredients from public facts, the rubric and NCVO's published counts."""
    options = _structural_options()
    states = _feedback_states(rubric)
    options["feedback"] = states
    structural_fields = {f for name, opts in options.items() if name != "feedback" for opt in opts for f in opt}
    for c in rubric.criteria:
        if c.cuts is None and c.field not in structural_fields:
            raise DataError(f"the reconstruction cannot model rubric criterion '{c.key}'", column=c.field,
                            expected=f"a field among {', '.join(sorted(structural_fields))}")
    points = np.array([_state_points(rubric, s) for s in states])
    gated = np.array([_state_gated(rubric, s) for s in states])
    values = dict(zip(published["figure_id"], published["value"], strict=True))
    constraints = []
    for figure_id, item in spec.get("constraints", {}).items():
        if figure_id not in values:
            raise DataError("the reconstruction names a figure that is not in the published figures",
                            column=figure_id, expected=", ".join(values))
        constraints.append(CountConstraint.exactly(figure_id, item["field"], tuple(item["values"]),
                                                   int(float(values[figure_id]))))
    n = len(public)
    unpublished = [CountConstraint(name, item["field"], tuple(item["values"]), int(item["range"][0]),
                                   n if item["range"][1] is None else int(item["range"][1]))
                   for name, item in spec.get("unpublished", {}).items()]
    problem = Problem(codes=list(public["lep17_code"]), options=options,
                      allowed=public_allowed(public, options), constraints=constraints + unpublished, rubric=rubric)
    problem.feedback_roles = _feedback_roles(rubric, states, points, gated)
    for c in constraints:
        problem.counted(c)          # a count about a field the model lacks fails here, by name
    return problem


# --- the integer programme -----------------------------------------------------------------------
#
# Bodies whose public facts leave the same options are exchangeable, so the programme counts bodies per
# (class of bodies, complete combination of options): n[c, k] is the number of bodies of class c taking
# combination k. Each combination's rating comes from the ordinary scorer (``engagement.score``), so the
# programme needs no threshold arithmetic of its own. Combinations with the same rows and rating are merged
# (``_merge_twins``), and linear programmes settle almost every bound before the integer programme is needed
# (``_solve_counts``).

STRUCTURAL = ("responded", "board", "subgroup", "esif", "code_of_practice")


@dataclass
class Aggregate:
    """The counting programme for one set of allowed feedback states."""

    classes: list[list[int]]            # body indices per class
    combos: list[tuple[int, dict[str, int]]]   # (class, option per attribute) per variable
    ri: np.ndarray                      # 1 where the combination is rated RI or Inadequate
    matrix: sparse.csr_array
    lower: np.ndarray
    upper: np.ndarray
    labels: list[str]

    @property
    def most_per_variable(self) -> np.ndarray:
        """Each variable's upper bound: the number of bodies in its class."""
        return np.array([len(self.classes[c]) for c, _ in self.combos], dtype=float)


def _classes(problem: Problem) -> list[list[int]]:
    groups: dict[tuple, list[int]] = {}
    for i, allowed in enumerate(problem.allowed):
        key = tuple((name, tuple(allowed[name])) for name in STRUCTURAL)
        groups.setdefault(key, []).append(i)
    return list(groups.values())


def _aggregate(problem: Problem, feedback: list[int], constraints: list[CountConstraint],
               poor_count: int | None = None) -> Aggregate:
    classes = _classes(problem)
    combos: list[tuple[int, dict[str, int]]] = []
    for c, members in enumerate(classes):
        allowed = problem.allowed[members[0]]
        for choice in itertools.product(*(allowed[name] for name in STRUCTURAL), feedback):
            combos.append((c, dict(zip((*STRUCTURAL, "feedback"), choice, strict=True))))
    ri = rate(problem, [_combo_fields(problem, combo) for _, combo in combos]).astype(float)
    rows: list[np.ndarray] = []
    lower: list[float] = []
    labels: list[str] = []
    class_of = np.array([c for c, _ in combos])
    for c, members in enumerate(classes):
        rows.append((class_of == c).astype(float))
        lower.append(len(members))
        labels.append(f"class {c}")
    upper = list(lower)
    for constraint in constraints:
        name, wanted = problem.counted(constraint)
        rows.append(np.array([float(combo[name] in wanted) for _, combo in combos]))
        lower.append(constraint.low)
        upper.append(constraint.high)
        labels.append(constraint.figure_id)
    if poor_count is not None:
        poor = set(problem.feedback_roles["poor"])
        rows.append(np.array([float(combo["feedback"] in poor) for _, combo in combos]))
        lower.append(poor_count)
        upper.append(poor_count)
        labels.append(POOR_ROW)
    matrix, keep = _merge_twins(np.vstack(rows), ri)
    return Aggregate(classes, [combos[k] for k in keep], ri[keep], sparse.csr_array(matrix),
                     np.array(lower, dtype=float), np.array(upper, dtype=float), labels)


def _merge_twins(matrix: np.ndarray, ri: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """One variable per group of combinations that no row and no rating tells apart, the first of each.

    Such combinations are interchangeable in every programme built on these rows (same class, same counts,
    same rating), so the optimum is unchanged; most differ only in a feedback state the rows do not count.
    Merging them cuts the variables about eightfold (7,632 to 955 in the shipped study's free-feedback programme).
    """
    _, keep = np.unique(np.vstack([matrix, ri]).T, axis=0, return_index=True)
    keep = np.sort(keep)
    return matrix[:, keep], keep


def _combo_fields(problem: Problem, combo: dict[str, int]) -> dict:
    row: dict = {}
    for name, k in combo.items():
        row.update(problem.options[name][k])
    return row


def rate(problem: Problem, rows: list[dict]) -> np.ndarray:
    """Whether each fully specified row (every field known) is RI or Inadequate, by the ordinary scorer."""
    frame = pd.DataFrame(rows)
    if "lep17_code" not in frame:
        frame.insert(0, "lep17_code", [f"row{k}" for k in range(len(frame))])
    for column in ("responded", "subgroup_vcs", "code_of_practice", "main_board_vcs"):
        frame[column] = frame[column].astype("boolean")
    return is_ri_or_inadequate(score(frame, problem.rubric, public_only=False)).to_numpy(dtype=bool)


def _solve_counts(model: Aggregate, cost: np.ndarray) -> np.ndarray | None:
    """Whole counts per variable at the optimum, or None when no structure satisfies the rows.

    Linear programmes settle most programmes exactly, each a tenth of an integer programme's time: the relaxation,
    when its optimal vertex is whole; otherwise a whole structure at the relaxation's bound rounded up, which is
    then optimal too (no whole structure can do better than the relaxation). The integer programme solves the rest.
    """
    upper = model.most_per_variable
    rows = LinearConstraint(model.matrix, model.lower, model.upper)
    relaxed = milp(cost, integrality=np.zeros(len(cost)), bounds=Bounds(0, upper), constraints=rows)
    if relaxed.status == 2:
        return None                  # the relaxation is infeasible, so is every whole-number structure
    if relaxed.x is not None and _is_whole_solution(model, relaxed.x):
        return np.round(relaxed.x).astype(int)
    if relaxed.x is not None:
        at_bound = _whole_at_bound(model, cost, int(np.ceil(relaxed.fun - 1e-6)))
        if at_bound is not None:
            return at_bound
    result = milp(cost, integrality=np.ones(len(cost)), bounds=Bounds(0, upper), constraints=rows,
                  options={"time_limit": 60})
    if result.status == 2:
        return None
    if result.x is None:
        raise RuntimeError(f"the integer programme did not solve: {result.message}")
    return np.round(result.x).astype(int)


def _whole_at_bound(model: Aggregate, cost: np.ndarray, bound: int) -> np.ndarray | None:
    """A whole structure whose cost is exactly ``bound`` (the relaxation's optimum rounded up), looked for among the
    vertices of that face with two tie-breaking orders; None when neither gives one."""
    rows = LinearConstraint(sparse.vstack([model.matrix, sparse.csr_array(cost.reshape(1, -1))]),
                            np.r_[model.lower, bound], np.r_[model.upper, bound])
    order = np.arange(len(cost), dtype=float)
    for tie_break in (order, -order):
        found = milp(tie_break, integrality=np.zeros(len(cost)), bounds=Bounds(0, model.most_per_variable),
                     constraints=rows)
        if found.x is not None and _is_whole_solution(model, found.x):
            counts = np.round(found.x).astype(int)
            if int(np.round(cost @ counts)) == bound:
                return counts
    return None


def _is_whole_solution(model: Aggregate, x: np.ndarray) -> bool:
    """Whether a relaxed solution is whole and, rounded, meets every row exactly (checked in integers)."""
    counts = np.round(x)
    if np.abs(x - counts).max(initial=0.0) > 1e-6:
        return False
    totals = model.matrix @ counts
    return bool(np.all(counts >= 0) and np.all(totals >= model.lower) and np.all(totals <= model.upper))


def _expand(problem: Problem, model: Aggregate, counts: np.ndarray) -> list[dict[str, int]]:
    """One structure (option per attribute per body) from counts per class and combination."""
    structure: list[dict[str, int]] = [{} for _ in range(problem.n)]
    queues = [list(members) for members in model.classes]
    for (c, combo), count in zip(model.combos, counts, strict=True):
        for _ in range(int(count)):
            structure[queues[c].pop(0)] = dict(combo)
    return structure


@dataclass(frozen=True)
class CountRange:
    """The fewest and most bodies RI or Inadequate over every consistent structure (None: infeasible)."""

    minimum: int | None
    maximum: int | None
    structure_min: list[dict[str, int]] | None = None
    structure_max: list[dict[str, int]] | None = None

    @property
    def feasible(self) -> bool:
        return self.minimum is not None


def count_bounds(problem: Problem, feedback: list[int], constraints: list[CountConstraint] | None = None,
                 poor_count: int | None = None, model: Aggregate | None = None) -> CountRange:
    """Minimum and maximum RI-or-Inadequate count over every structure consistent with the published
    counts and public facts, each body's feedback in ``feedback``, with the structures that reach them."""
    if model is None:
        model = _aggregate(problem, feedback, problem.constraints if constraints is None else constraints,
                           poor_count)
    least = _solve_counts(model, model.ri)
    if least is None:
        return CountRange(None, None)
    most = _solve_counts(model, -model.ri)
    return CountRange(int(model.ri @ least), int(model.ri @ most), _expand(problem, model, least),
                      _expand(problem, model, most))


def find_conflicts(problem: Problem) -> list[str]:
    """Published counts that cannot all hold with the public facts: an irreducible set (deletion filter).

    Empty when the published record is consistent. A single figure listed alone contradicts the public
    facts by itself.
    """
    free = problem.feedback_roles["best"]        # feasibility does not depend on feedback
    if count_bounds(problem, free).feasible:
        return []
    kept = list(problem.constraints)
    for c in list(kept):
        trial = [k for k in kept if k is not c]
        if not count_bounds(problem, free, trial).feasible:
            kept = trial
    return [c.figure_id for c in kept]


def _in_parallel(work, items: list) -> list:
    """``work`` on every item, in order, on a few threads: HiGHS releases the interpreter lock while it solves,
    so independent integer programmes use every core; each result is the same as solved alone."""


    with ThreadPoolExecutor(max_workers=min(4, os.cpu_count() or 1)) as pool:
        return list(pool.map(work, items))


# --- checking a structure --------------------------------------------------------------------------

def violations(problem: Problem, structure: list[dict[str, int]]) -> list[str]:
    """Published counts and public facts a structure breaks (empty when it is consistent)."""
    broken = []
    for i, chosen in enumerate(structure):
        for name, k in chosen.items():
            if name != "feedback" and k not in problem.allowed[i][name]:
                broken.append(f"public fact: {problem.codes[i]} {name}")
    for c in problem.constraints:
        name, wanted = problem.counted(c)
        got = sum(1 for chosen in structure if chosen[name] in wanted)
        if not c.admits(got):
            broken.append(f"{c.figure_id}: {got} not in {c.low}-{c.high}")
    return broken


# --- the tables ----------------------------------------------------------------------------------

def two_thirds_window(published: pd.DataFrame, n: int, figure_id: str, tolerance: float) -> tuple[int, int]:
    """Whole counts consistent with a published approximate share: within ``tolerance`` bodies of share x n."""
    share = float(published.set_index("figure_id").at[figure_id, "value"])
    target = share * n
    return int(np.ceil(target - tolerance)), int(np.floor(target + tolerance))


FEEDBACK_LABELS = {"best": "favourable everywhere", "worst": "very poor everywhere", "free": "any feedback"}


def _fixed_row(model: Aggregate, label: str, value: int) -> Aggregate:
    """The same programme with one counted row (by its label) held at exactly ``value``."""
    fixed = replace(model, lower=model.lower.copy(), upper=model.upper.copy())
    row = model.labels.index(label)
    fixed.lower[row] = fixed.upper[row] = value
    return fixed


def bounds_table(problem: Problem, window: tuple[int, int], conflicts: list[str]) -> pd.DataFrame:
    """The fewest and most bodies RI or Inadequate with feedback favourable everywhere, very poor everywhere
    and free (see the module doc for the three settings)."""
    rows = []
    for mode in FEEDBACK_MODES:
        result = count_bounds(problem, problem.feedback_roles[mode])
        rows.append({"feedback": mode, "feedback_label": FEEDBACK_LABELS[mode], "rubric": problem.rubric.name,
                     "minimum": result.minimum, "maximum": result.maximum, "n": problem.n,
                     "window_low": window[0], "window_high": window[1],
                     "two_thirds_reachable": _reaches(result, window), "consistent": result.feasible,
                     "conflicting_figures": "; ".join(conflicts)})
    return pd.DataFrame(rows)


def _reaches(result: CountRange, window: tuple[int, int]) -> bool:
    return bool(result.feasible and result.minimum <= window[1] and result.maximum >= window[0])


def with_reading(problem: Problem, reading: dict[str, list]) -> Problem:
    """The problem with some unpublished quantities held to another range (``{name: [low, high]}``)."""
    constraints = [replace(c, low=int(reading[c.figure_id][0]),
                           high=problem.n if reading[c.figure_id][1] is None else int(reading[c.figure_id][1]))
                   if c.figure_id in reading else c for c in problem.constraints]
    return replace(problem, constraints=constraints)


def tipping_table(problem: Problem, window: tuple[int, int],
                  readings: dict[str, dict[str, list]] | None = None) -> pd.DataFrame:
    """For each reading of the unpublished quantities, each reference state and each number q of areas with
    poor feedback (the others at the reference state): the count's range."""
    tasks = []
    for reading, ranges in (readings or {"as configured": {}}).items():
        read = with_reading(problem, ranges)
        for reference in REFERENCE_STATES:
            states = sorted(set(read.feedback_roles["poor"]) | set(read.feedback_roles[reference]))
            model = _aggregate(read, states, read.constraints, poor_count=0)
            for q in range(read.n + 1):
                tasks.append((reading, reference, q, states, _fixed_row(model, POOR_ROW, q)))
    results = _in_parallel(lambda task: count_bounds(problem, task[3], model=task[4]), tasks)
    rows = []
    for (reading, reference, q, _, _), result in zip(tasks, results, strict=True):
        rows.append({"reading": reading, "reference": reference, "n_poor": q, "share_poor": q / problem.n,
                     "minimum": result.minimum, "maximum": result.maximum, "n": problem.n,
                     "window_low": window[0], "window_high": window[1],
                     "reaches_two_thirds": _reaches(result, window)})
    return pd.DataFrame(rows)


def tipping_summary(tipping: pd.DataFrame) -> pd.DataFrame:
    """Per reading and reference state, the two numbers of poor-feedback areas that carry information:
    ``forced_from``, the fewest from which at least the window's lower end (24 of 38) is certain whatever the
    unknown structure, and ``possible_to``, the most up to which the window's upper end or fewer (26) stays
    possible."""
    rows = []
    for (reading, reference), part in tipping.groupby(["reading", "reference"], sort=False):
        forced = part[part["minimum"] >= part["window_low"]]
        possible = part[part["minimum"] <= part["window_high"]]
        rows.append({"reading": reading, "reference": reference, "n": int(part["n"].iloc[0]),
                     "window_low": int(part["window_low"].iloc[0]), "window_high": int(part["window_high"].iloc[0]),
                     "forced_from": int(forced["n_poor"].min()) if len(forced) else pd.NA,
                     "possible_to": int(possible["n_poor"].max()) if len(possible) else pd.NA})
    return pd.DataFrame(rows).astype({"forced_from": "Int64", "possible_to": "Int64"})


SENSITIVITY_MODES = {"best": "favourable", "worst": "very_poor"}


def sensitivity_table(problem: Problem, window: tuple[int, int], quantities: dict[str, dict]) -> pd.DataFrame:
    """For each unpublished quantity (``{name: {"label": ...}}``) and every number k of bodies it could count:
    whether k is consistent with the published record, and the count's range with feedback favourable
    everywhere and very poor everywhere. With feedback free the range runs from the favourable minimum to the
    very-poor maximum (each body's best and worst feedback states dominate every other), so it needs no
    programme of its own. One programme per feedback setting, its quantity's row re-bounded for each k."""
    models = {mode: _aggregate(problem, problem.feedback_roles[mode], problem.constraints)
              for mode in SENSITIVITY_MODES}
    tasks = [(name, k, mode) for name in quantities for k in range(problem.n + 1) for mode in SENSITIVITY_MODES]

    def solve(task: tuple[str, int, str]) -> CountRange:
        name, k, mode = task
        return count_bounds(problem, problem.feedback_roles[mode], model=_fixed_row(models[mode], name, k))

    results = dict(zip(tasks, _in_parallel(solve, tasks), strict=True))
    rows = []
    for name in quantities:
        for k in range(problem.n + 1):
            row: dict = {"quantity": name, "label": quantities[name]["label"], "k": k, "n": problem.n,
                         "window_low": window[0], "window_high": window[1]}
            for mode, word in SENSITIVITY_MODES.items():
                result = results[(name, k, mode)]
                row[f"{word}_minimum"], row[f"{word}_maximum"] = result.minimum, result.maximum
            row["consistent"] = results[(name, k, "best")].feasible
            row["favourable_reaches_two_thirds"] = _reaches(results[(name, k, "best")], window)
            rows.append(row)
    counts = [f"{word}_{end}" for word in SENSITIVITY_MODES.values() for end in ("minimum", "maximum")]
    columns = ["quantity", "label", "k", "n", "window_low", "window_high", *counts, "consistent",
               "favourable_reaches_two_thirds"]
    types = {**dict.fromkeys(counts, "Int64"), **dict.fromkeys(["k", "n", "window_low", "window_high"], int),
             "quantity": str, "label": str, "consistent": bool, "favourable_reaches_two_thirds": bool}
    return pd.DataFrame(rows, columns=columns).astype(types)


def sensitivity_summary(sensitivity: pd.DataFrame) -> pd.DataFrame:
    """Per unpublished quantity: the numbers consistent with the record; the most RI or Inadequate with
    favourable feedback at the fewest and at the most of them and overall; the numbers for which about
    two-thirds is reachable with favourable feedback; and which conclusions the quantity can move."""
    rows = []
    for name, part in sensitivity.groupby("quantity", sort=False):
        ok = part[part["consistent"]]
        reach = ok[ok["favourable_reaches_two_thirds"]]
        moves = [label for label, column in (("favourable: fewest", "favourable_minimum"),
                                             ("favourable: most", "favourable_maximum"),
                                             ("very poor: fewest", "very_poor_minimum"),
                                             ("very poor: most", "very_poor_maximum"),
                                             ("favourable: two-thirds reachable", "favourable_reaches_two_thirds"))
                 if ok[column].nunique() > 1]
        rows.append({"quantity": name, "label": part["label"].iloc[0], "n": int(part["n"].iloc[0]),
                     "window_low": int(part["window_low"].iloc[0]),
                     "k_min": int(ok["k"].min()), "k_max": int(ok["k"].max()),
                     "favourable_max_at_k_min": int(ok["favourable_maximum"].iloc[0]),
                     "favourable_max_at_k_max": int(ok["favourable_maximum"].iloc[-1]),
                     "favourable_max_overall": int(ok["favourable_maximum"].max()),
                     "reachable_k_from": int(reach["k"].min()) if len(reach) else pd.NA,
                     "reachable_k_to": int(reach["k"].max()) if len(reach) else pd.NA,
                     "moves": "; ".join(moves)})
    columns = ["quantity", "label", "n", "window_low", "k_min", "k_max", "favourable_max_at_k_min",
               "favourable_max_at_k_max", "favourable_max_overall", "reachable_k_from", "reachable_k_to", "moves"]
    types = {**dict.fromkeys(["n", "window_low", "k_min", "k_max", "favourable_max_at_k_min", "favourable_max_at_k_max",
                              "favourable_max_overall"], int), "reachable_k_from": "Int64", "reachable_k_to": "Int64",
             "quantity": str, "label": str, "moves": str}
    return pd.DataFrame(rows, columns=columns).astype(types)


def reconstruction_tables(public: pd.DataFrame, rubric: Rubric, published: pd.DataFrame,
                          spec: dict) -> dict[str, pd.DataFrame]:
    """``reconstruction_bounds``, ``reconstruction_sensitivity`` (+ ``_summary``), ``tipping_point`` and
    ``tipping_summary``.

    Only public facts and NCVO's published counts go in: no synthetic or private input is used. ``spec`` is the
    validated reconstruction config (``inputs.study_files.reconstruction_config``), every key present.
    """
    problem = build_problem(public, rubric, published, spec)
    window = two_thirds_window(published, problem.n, spec["share_figure"], float(spec["window_tolerance"]))
    conflicts = find_conflicts(problem)
    if conflicts:
        log.warning("published counts contradict each other or the public facts: %s", ", ".join(conflicts))
    # with no unpublished quantity configured, or a record that contradicts itself, the sweep is empty
    sensitivity = sensitivity_table(problem, window, {} if conflicts else spec["unpublished"])
    tipping = tipping_table(problem, window, spec["readings"])
    tables = {
        "reconstruction_bounds": bounds_table(problem, window, conflicts),
        "reconstruction_sensitivity": sensitivity,
        "reconstruction_sensitivity_summary": sensitivity_summary(sensitivity),
        "tipping_point": tipping,
        "tipping_summary": tipping_summary(tipping),
    }
    for table in tables.values():
        table["synthetic_inputs"] = False
    return tables
