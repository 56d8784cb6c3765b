"""Property-based tests of cleaning and scoring (hypothesis)."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from lepstudy.analysis.engagement import assessment_table, score
from lepstudy.core.vocabulary import LIKERT_ITEMS
from lepstudy.inputs.clean import normalise_likert, normalise_rating
from lepstudy.pipeline.study import load_rubric

SLOW = hsettings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def rubric(settings):
    return load_rubric(settings.files["rubric"])


@pytest.fixture(scope="module")
def codes(reference):
    return sorted(reference["lep17_code"])


likert = st.one_of(st.none(), st.integers(1, 5))
seat = st.one_of(st.none(), st.sampled_from(["none", "single_issue", "other_vcs", "cvs"]))
flag = st.one_of(st.none(), st.booleans())
esif = st.one_of(st.none(), st.sampled_from(["none", "expired", "current"]))


def responses_strategy(codes):
    row = st.fixed_dictionaries({"main_board_seat_type": seat, "subgroup_vcs": flag, "esif_vcs_member": esif,
                                 "code_of_practice": flag, "responded": flag})
    return st.lists(row, min_size=len(codes), max_size=len(codes)).map(
        lambda rows: pd.DataFrame(rows).assign(lep17_code=codes))


def feedback_strategy(codes):
    row = st.fixed_dictionaries({"lep17_code": st.sampled_from(codes), **{item: likert for item in LIKERT_ITEMS}})
    return st.lists(row, min_size=0, max_size=60).map(
        lambda rows: pd.DataFrame(rows, columns=["lep17_code", *LIKERT_ITEMS]))


def _prepare(responses: pd.DataFrame) -> pd.DataFrame:
    out = responses.copy()
    for column in ("subgroup_vcs", "code_of_practice", "responded"):
        out[column] = out[column].astype("boolean")
    for column in ("main_board_seat_type", "subgroup_vcs", "esif_vcs_member", "code_of_practice", "responded"):
        out[f"{column}_source"] = "public"
    return out


def _scores(responses, feedback, rubric, public_only=False):
    for item in LIKERT_ITEMS:
        feedback[item] = pd.to_numeric(feedback[item]).astype("Float64")
    table = score(assessment_table(_prepare(responses), feedback), rubric, public_only)
    return table.sort_values("lep17_code").reset_index(drop=True)


@SLOW
@given(data=st.data())
def test_random_valid_inputs_never_crash(rubric, codes, data):
    responses = data.draw(responses_strategy(codes))
    feedback = data.draw(feedback_strategy(codes))
    for public_only in (False, True):
        out = _scores(responses, feedback.copy(), rubric, public_only)
        assert len(out) == len(codes)
        assert set(out["rating"]) <= {"Good", "Requires improvement", "Inadequate",
                                      "Inadequate to Requires improvement", "Insufficient evidence"}
        assert (out["min_total"] <= out["max_total"]).all()
        single = out["rating"].isin(["Good", "Requires improvement", "Inadequate"])
        assert (out.loc[single, "rating_best"] == out.loc[single, "rating_worst"]).all()


def random_rubric(base, data):
    """A rubric with random weights, thresholds (good above RI) and gate."""
    from dataclasses import replace

    weights = data.draw(st.lists(st.sampled_from([0.5, 1.0, 1.5, 2.0]), min_size=len(base.criteria),
                                 max_size=len(base.criteria)))
    ri = data.draw(st.sampled_from([0.1, 0.2, 0.3, 0.4]))
    good = data.draw(st.sampled_from([0.45, 0.5, 0.6, 0.7, 0.8]))
    gate = data.draw(st.one_of(st.none(), st.sampled_from([1.5, 2.0, 2.5, 3.0])))
    criteria = tuple(replace(c, weight=w) for c, w in zip(base.criteria, weights, strict=True))
    return replace(base, criteria=criteria, good_min_share=good, ri_min_share=ri, gate_enabled=gate is not None,
                   gate_below=gate or 0.0)


@hsettings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_point_estimate_always_within_its_bounds(rubric, codes, data):
    """On random rubrics with random unknowns the headline count lies in [lower, upper], and a LEP whose
    whole range is below Good is in the lower bound."""
    from lepstudy.analysis.engagement import count_ri_or_inadequate, rating_counts

    variant = random_rubric(rubric, data)
    responses = data.draw(responses_strategy(codes))
    feedback = data.draw(feedback_strategy(codes))
    for public_only in (False, True):
        out = _scores(responses, feedback.copy(), variant, public_only)
        count = count_ri_or_inadequate(out)
        assert count.lower <= count.point <= count.upper <= count.n
        below_good = out["rating_best"].isin(["Requires improvement", "Inadequate"])
        assert count.lower == int(below_good.sum())
        headline = rating_counts(out).set_index("category").loc["Requires improvement or Inadequate"]
        assert headline["lower"] <= headline["count"] <= headline["upper"]


@SLOW
@given(data=st.data(), seed=st.integers(0, 2**32 - 1))
def test_scores_are_invariant_to_row_order(rubric, codes, data, seed):
    responses = data.draw(responses_strategy(codes))
    feedback = data.draw(feedback_strategy(codes))
    rng = np.random.default_rng(seed)
    shuffled_responses = responses.iloc[rng.permutation(len(responses))].reset_index(drop=True)
    shuffled_feedback = feedback.iloc[rng.permutation(len(feedback))].reset_index(drop=True)
    pd.testing.assert_frame_equal(_scores(responses, feedback.copy(), rubric),
                                  _scores(shuffled_responses, shuffled_feedback.copy(), rubric))


@SLOW
@given(data=st.data())
def test_adding_a_respondent_changes_only_its_lep(rubric, codes, data):
    responses = data.draw(responses_strategy(codes))
    feedback = data.draw(feedback_strategy(codes))
    new = data.draw(feedback_strategy(codes).filter(lambda f: len(f) > 0)).iloc[[0]]
    before = _scores(responses, feedback.copy(), rubric)
    after = _scores(responses, pd.concat([feedback.astype(object), new.astype(object)], ignore_index=True), rubric)
    others = before["lep17_code"] != new["lep17_code"].iloc[0]
    pd.testing.assert_frame_equal(before[others], after[others])


@given(st.integers(1, 5), st.sampled_from(["", " ", ".0", "  "]))
def test_likert_numbers_in_any_form(value, suffix):
    assert normalise_likert(f"{value}{suffix}") == value


@given(st.sampled_from(["Good", "Requires improvement", "Inadequate"]), st.data())
def test_rating_labels_in_any_case_and_spacing(label, data):
    typed = "".join(c.upper() if data.draw(st.booleans()) else c.lower() for c in label)
    typed = data.draw(st.sampled_from(["", " ", "  "])) + typed.replace(" ", data.draw(st.sampled_from([" ", "  "])))
    assert normalise_rating(typed + data.draw(st.sampled_from(["", " ", "\t"]))) == label
