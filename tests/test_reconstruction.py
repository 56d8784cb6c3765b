"""The reconstruction from published counts: the solver against brute-force enumeration on small made-up
cases (also with an unpublished quantity held to a range, and its sensitivity sweep), contradictions named, and
the tipping point's shape."""

from __future__ import annotations

import itertools
from dataclasses import replace

import numpy as np
import pandas as pd
import pytest
from scipy import sparse

from lepstudy.analysis import evidence, reconstruction
from lepstudy.core.catalogue import CATALOGUE
from lepstudy.core.io import validate
from lepstudy.core.store import read_processed
from lepstudy.inputs import sources
from lepstudy.inputs.evidence import evidence_rules, load_board_sources
from lepstudy.inputs.study_files import reconstruction_config
from lepstudy.pipeline.study import load_rubric

SPEC = {"constraints": {
    "n_leps_responded": {"field": "responded", "values": [True]},
    "n_main_board_vcs_rep": {"field": "main_board_seat_type", "values": ["single_issue", "other_vcs", "cvs"]},
    "n_main_board_rep_infrastructure": {"field": "main_board_seat_type", "values": ["cvs"]},
}}


@pytest.fixture(scope="module")
def rubric(settings):
    return load_rubric(settings.files["rubric"])


def made_up_public(rows: list[dict]) -> pd.DataFrame:
    """A small public-evidence table of made-up bodies (blank = unknown)."""
    base = {"board_coverage": "not_found", "main_board_vcs": pd.NA, "main_board_seat_type": pd.NA,
            "main_board_vcs_seats_min": 0, "subgroup_vcs": pd.NA, "esif_vcs_member": pd.NA}
    frame = pd.DataFrame([{**base, **row} for row in rows])
    frame["main_board_vcs"] = frame["main_board_vcs"].astype("boolean")
    frame["subgroup_vcs"] = frame["subgroup_vcs"].astype("boolean")
    return frame


def made_up_published(values: dict[str, int]) -> pd.DataFrame:
    return pd.DataFrame({"figure_id": list(values), "value": [str(v) for v in values.values()]})


def small_problem(rubric, published: dict[str, int], spec=SPEC):
    public = made_up_public([
        {"lep17_code": "X1", "esif_vcs_member": "current"},
        {"lep17_code": "X2", "esif_vcs_member": "none", "subgroup_vcs": True},
        {"lep17_code": "X3", "esif_vcs_member": "expired", "main_board_vcs": True, "main_board_seat_type": "unclear",
         "main_board_vcs_seats_min": 1},
    ])
    problem = reconstruction.build_problem(public, rubric, made_up_published(published), spec)
    for allowed in problem.allowed:           # keep the enumeration small: code of practice known "no"
        allowed["code_of_practice"] = [0]
    return problem


def brute_force(problem, feedback: list[int], poor_count: int | None = None) -> tuple[int, int] | None:
    """Fewest and most RI-or-Inadequate bodies over every combination of options, by enumeration."""
    per_body = []
    names = [*reconstruction.STRUCTURAL, "feedback"]
    for i in range(problem.n):
        allowed = problem.allowed[i]
        combos = [dict(zip(names, choice, strict=True))
                  for choice in itertools.product(*(allowed[n] for n in reconstruction.STRUCTURAL), feedback)]
        rows = []
        for combo in combos:
            row = {}
            for name, k in combo.items():
                row.update(problem.options[name][k])
            rows.append(row)
        ri = reconstruction.rate(problem, rows)
        per_body.append(list(zip(combos, ri, strict=True)))
    poor = set(problem.feedback_roles["poor"])
    found = []
    for pick in itertools.product(*per_body):
        ok = True
        for c in problem.constraints:
            name, wanted = problem.counted(c)
            if not c.admits(sum(combo[name] in wanted for combo, _ in pick)):
                ok = False
                break
        if ok and poor_count is not None and sum(combo["feedback"] in poor for combo, _ in pick) != poor_count:
            ok = False
        if ok:
            found.append(sum(int(r) for _, r in pick))
    return (min(found), max(found)) if found else None


@pytest.fixture(params=["relaxation first", "integer programme only"])
def solver_route(request, monkeypatch):
    """Both ways a bound is found: the linear relaxation when its vertex is whole, else the integer programme."""
    if request.param == "integer programme only":
        monkeypatch.setattr(reconstruction, "_is_whole_solution", lambda model, x: False)
    return request.param


@pytest.mark.parametrize("published", [
    {"n_leps_responded": 2, "n_main_board_vcs_rep": 1, "n_main_board_rep_infrastructure": 1},
    {"n_leps_responded": 1, "n_main_board_vcs_rep": 2, "n_main_board_rep_infrastructure": 0},
    {"n_leps_responded": 3, "n_main_board_vcs_rep": 3, "n_main_board_rep_infrastructure": 2},
])
@pytest.mark.parametrize("good_min_share", [0.6, 0.45])
def test_solver_bounds_equal_brute_force(rubric, published, good_min_share, solver_route):
    problem = small_problem(replace(rubric, good_min_share=good_min_share), published)
    for mode in ("best", "worst"):
        feedback = problem.feedback_roles[mode]
        expected = brute_force(problem, feedback)
        got = reconstruction.count_bounds(problem, feedback)
        assert (got.minimum, got.maximum) == expected, mode
    # two feedback states at once, with a fixed number of poor areas (the tipping point's programme)
    states = sorted(set(problem.feedback_roles["poor"]) | set(problem.feedback_roles["favourable"]))
    for q in range(problem.n + 1):
        got = reconstruction.count_bounds(problem, states, poor_count=q)
        expected = brute_force(problem, states, poor_count=q)
        assert ((got.minimum, got.maximum) if got.feasible else None) == expected, q


def test_structures_reaching_the_bounds_are_consistent_and_score_as_claimed(rubric, solver_route):
    problem = small_problem(rubric, {"n_leps_responded": 2, "n_main_board_vcs_rep": 2,
                                     "n_main_board_rep_infrastructure": 1})
    for mode in ("best", "worst"):
        state = problem.feedback_roles[mode][0]
        got = reconstruction.count_bounds(problem, [state])
        assert reconstruction.violations(problem, got.structure_min) == []
        assert reconstruction.violations(problem, got.structure_max) == []
        assert [structure_count(problem, got.structure_min, state),
                structure_count(problem, got.structure_max, state)] == [got.minimum, got.maximum]


@pytest.mark.parametrize("published", [
    {"n_leps_responded": 2, "n_main_board_vcs_rep": 1, "n_main_board_rep_infrastructure": 1},
    {"n_leps_responded": 3, "n_main_board_vcs_rep": 3, "n_main_board_rep_infrastructure": 2},
])
def test_a_whole_structure_at_the_bound_exists_at_the_optimum_and_never_beyond(rubric, published):
    """The second route: a whole structure whose count is exactly a given bound. At the brute-force fewest and most
    it meets every row with that count, when found; one fewer than the fewest (or one more than the most) has none."""
    problem = small_problem(rubric, published)
    reached = 0
    for mode in ("best", "worst"):
        feedback = problem.feedback_roles[mode]
        fewest, most = brute_force(problem, feedback)
        model = reconstruction._aggregate(problem, feedback, problem.constraints)
        for cost, best in ((model.ri, fewest), (-model.ri, -most)):
            found = reconstruction._whole_at_bound(model, cost, best)
            if found is not None:
                assert int(cost @ found) == best
                assert reconstruction._is_whole_solution(model, found.astype(float))
                reached += 1
            assert reconstruction._whole_at_bound(model, cost, best - 1) is None
    assert reached >= 1          # the route is taken, not only refused


def test_a_relaxed_solution_counts_only_when_whole_and_within_every_row():
    one_body = reconstruction.Aggregate(classes=[[0]], combos=[(0, {}), (0, {})], ri=np.array([1.0, 0.0]),
                                        matrix=sparse.csr_array(np.array([[1.0, 1.0]])), lower=np.array([1.0]),
                                        upper=np.array([1.0]), labels=["class 0"])
    assert reconstruction._is_whole_solution(one_body, np.array([1.0, 0.0]))
    assert reconstruction._is_whole_solution(one_body, np.array([1e-9, 1.0]))      # solver round-off
    assert not reconstruction._is_whole_solution(one_body, np.array([0.5, 0.5]))   # a fractional vertex
    assert not reconstruction._is_whole_solution(one_body, np.array([1.0, 1.0]))   # breaks the class row


def structure_count(problem, structure, state: int) -> int:
    """RI-or-Inadequate bodies of one structure under one feedback state, by the ordinary scorer."""
    rows = []
    for chosen in structure:
        row = {}
        for name, k in {**chosen, "feedback": state}.items():
            row.update(problem.options[name][k])
        rows.append(row)
    return int(reconstruction.rate(problem, rows).sum())


UNPUBLISHED = {**SPEC, "unpublished": {"esif_expired": {"label": "expired", "field": "esif_vcs_member",
                                                        "values": ["expired"], "range": [0, None]}}}


def esif_problem(rubric, expired_range):
    """Three bodies whose ESIF membership is unknown, one seat in all and two that answered."""
    spec = {**UNPUBLISHED, "unpublished": {"esif_expired": {**UNPUBLISHED["unpublished"]["esif_expired"],
                                                            "range": expired_range}}}
    public = made_up_public([{"lep17_code": f"Y{i}"} for i in range(3)])
    problem = reconstruction.build_problem(public, rubric, made_up_published(
        {"n_leps_responded": 2, "n_main_board_vcs_rep": 1, "n_main_board_rep_infrastructure": 0}), spec)
    for allowed in problem.allowed:
        allowed["code_of_practice"] = [0]
        allowed["subgroup"] = [0]
    return problem


@pytest.mark.parametrize("expired_range", [[0, None], [0, 0], [1, 2], [3, 3]])
def test_an_unpublished_range_matches_brute_force(rubric, expired_range):
    problem = esif_problem(rubric, expired_range)
    for mode in ("best", "worst"):
        feedback = problem.feedback_roles[mode]
        got = reconstruction.count_bounds(problem, feedback)
        assert ((got.minimum, got.maximum) if got.feasible else None) == brute_force(problem, feedback), mode


def test_the_sensitivity_sweep_matches_brute_force_at_every_number(rubric):
    problem = esif_problem(rubric, [0, None])
    table = reconstruction.sensitivity_table(problem, (1, 2), {"esif_expired": {"label": "expired"}})
    assert list(table["k"]) == [0, 1, 2, 3]
    for row in table.itertuples():
        fixed = esif_problem(rubric, [row.k, row.k])
        best = brute_force(fixed, fixed.feedback_roles["best"])
        worst = brute_force(fixed, fixed.feedback_roles["worst"])
        assert (row.favourable_minimum, row.favourable_maximum) == best, row.k
        assert (row.very_poor_minimum, row.very_poor_maximum) == worst, row.k
    # more expired memberships can only raise the most that could be RI or Inadequate
    assert table["favourable_maximum"].is_monotonic_increasing


def test_contradictory_counts_are_named(rubric):
    # body X3 has a public seat, so "no body has a seat" contradicts the public facts by itself
    problem = small_problem(rubric, {"n_leps_responded": 2, "n_main_board_vcs_rep": 0,
                                     "n_main_board_rep_infrastructure": 0})
    assert reconstruction.find_conflicts(problem) == ["n_main_board_vcs_rep"]
    # one seat in all, but two CVS seats: the two counts contradict each other
    problem = small_problem(rubric, {"n_leps_responded": 2, "n_main_board_vcs_rep": 1,
                                     "n_main_board_rep_infrastructure": 2})
    assert sorted(reconstruction.find_conflicts(problem)) == ["n_main_board_rep_infrastructure",
                                                              "n_main_board_vcs_rep"]
    table = reconstruction.bounds_table(problem, (1, 2), reconstruction.find_conflicts(problem))
    assert not table["consistent"].any()
    assert table["conflicting_figures"].str.contains("n_main_board_vcs_rep").all()


def test_feedback_states_of_the_default_rubric(rubric):
    """Hand-derived: cuts 2.5/3.5 and a gate below 2.0 split the overall item into four intervals and the
    inclusion item into three; best is top band on both, worst is gated, poor is below 2.5 but not gated."""
    states = reconstruction._feedback_states(rubric)
    assert len(states) == 4 * 3
    problem = small_problem(rubric, {"n_leps_responded": 1, "n_main_board_vcs_rep": 1,
                                     "n_main_board_rep_infrastructure": 0})
    roles = problem.feedback_roles
    best = states[roles["best"][0]]
    assert best["mean_overall_engagement"] > 3.5 and best["mean_focus_social_inclusion"] > 3.5
    worst = states[roles["worst"][0]]
    assert worst["mean_overall_engagement"] < 2.0 and worst["mean_focus_social_inclusion"] < 2.5
    poor = states[roles["poor"][0]]
    assert 2.0 <= poor["mean_overall_engagement"] < 2.5 and poor["mean_focus_social_inclusion"] < 2.5
    neutral = states[roles["neutral"][0]]
    assert 2.5 <= neutral["mean_overall_engagement"] <= 3.5


def test_two_thirds_window_from_the_published_share():
    published = made_up_published({"share_engagement_ri_or_inadequate": 0.6667})
    assert reconstruction.two_thirds_window(published, 38, "share_engagement_ri_or_inadequate", 1.5) == (24, 26)
    # 0.6667 x 12 = 8.0004; within 1 body: 7.0004 to 9.0004 -> whole counts 8 and 9
    assert reconstruction.two_thirds_window(published, 12, "share_engagement_ri_or_inadequate", 1.0) == (8, 9)


@pytest.fixture(scope="module")
def real_problem(settings, reference, rubric):
    public = evidence.public_board_evidence(sorted(reference["lep17_code"]), evidence_rules(settings),
                                             load_board_sources(settings))
    published = sources.load_published_figures(settings.raw_dir)
    spec = reconstruction_config(settings.files["reconstruction"])
    return reconstruction.build_problem(public, rubric, published, spec)


def test_public_facts_are_kept(real_problem, settings, reference):
    public = evidence.public_board_evidence(sorted(reference["lep17_code"]), evidence_rules(settings),
                                             load_board_sources(settings))
    seat = public["main_board_vcs"].fillna(False).to_numpy(dtype=bool)
    for i in np.flatnonzero(seat):
        options = [real_problem.options["board"][k] for k in real_problem.allowed[i]["board"]]
        assert all(o["main_board_vcs"] for o in options)


def test_tipping_point_is_monotone(settings, built):
    """On the build's own tables (the tipping point is about 10 s of integer programmes; the solver itself is checked
    against brute force above)."""
    table = read_processed(settings, "tipping_point")
    assert set(table["reading"]) == {"any number expired", "none expired"}
    for _, part in table.groupby(["reading", "reference"]):
        assert part["minimum"].is_monotonic_increasing
        assert part["maximum"].is_monotonic_increasing
        assert (part["minimum"] <= part["maximum"]).all()
    summary = read_processed(settings, "tipping_summary")
    assert (summary["forced_from"] <= summary["possible_to"]).all()
    # the referee figures: at least 24 forced from 30 poor areas, 26 or fewer possible up to 32, under
    # both readings of the expired ESIF memberships
    assert set(zip(summary["forced_from"], summary["possible_to"], strict=True)) == {(30, 32)}


def test_expired_memberships_decide_two_thirds_under_favourable_feedback(real_problem):
    """The referee's re-derivation: with favourable feedback everywhere the most RI or Inadequate is 21 with no
    expired memberships, 23 with 6, 24 with 8, 26 with 14 and 28 with 20 or more (of 30 possible)."""
    table = reconstruction.sensitivity_table(real_problem, (24, 26), {"esif_expired": {"label": "expired"}})
    most = table.set_index("k")["favourable_maximum"]
    assert [most[k] for k in (0, 6, 8, 14, 20, 30)] == [21, 23, 24, 26, 28, 28]
    assert table.loc[table["consistent"], "k"].max() == 30
    summary = reconstruction.sensitivity_summary(table).iloc[0]
    assert (summary["reachable_k_from"], summary["favourable_max_overall"]) == (8, 28)


def test_published_constraints_list_what_ncvo_printed(settings):
    published = sources.load_published_figures(settings.raw_dir)
    spec = reconstruction_config(settings.files["reconstruction"])
    table = reconstruction.published_constraints(published, spec)
    assert list(table["figure_id"]) == list(spec["constraints"])
    printed = published.set_index("figure_id")["value"]
    assert (table.set_index("figure_id")["value"] == printed.reindex(table["figure_id"])).all()


def test_no_unpublished_quantity_gives_empty_typed_sweeps(rubric):
    """A study that configures no unpublished quantity still writes both tables, empty and schema-valid."""

    problem = small_problem(rubric, {"n_leps_responded": 2, "n_main_board_vcs_rep": 1,
                                     "n_main_board_rep_infrastructure": 1})
    sweep = reconstruction.sensitivity_table(problem, (1, 2), {})
    summary = reconstruction.sensitivity_summary(sweep)
    assert sweep.empty and summary.empty
    for name, table in (("reconstruction_sensitivity", sweep), ("reconstruction_sensitivity_summary", summary)):
        validate(table.assign(synthetic_inputs=pd.Series(dtype=bool)), CATALOGUE[name].schema, f"{name}.csv")
