"""One rating rule: the kernel by hand, and every caller agreeing with it on random rubrics and evidence."""

from dataclasses import replace

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from lepstudy.analysis import specification
from lepstudy.analysis.engagement import (
    RATING_ORDER,
    assessment_table,
    count_ri_or_inadequate,
    rating_range,
    score,
)
from lepstudy.analysis.feedback_model import ratings_given_means
from lepstudy.analysis.nonresponse import delta_analysis
from lepstudy.pipeline.study import load_rubric
from tests.test_properties import _prepare, feedback_strategy, responses_strategy

SETTINGS = hsettings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def test_the_kernel_by_hand():
    # 10 points at most; Good from 60%, RI from 40%: totals 3, 5 and 7 are Inadequate, RI and Good
    worst, best, gated = rating_range(np.array([3, 5, 7, 3]), np.array([3, 5, 7, 7]), 10, 0.6, 0.4)
    assert worst.tolist() == [0, 1, 2, 0] and best.tolist() == [0, 1, 2, 2] and not gated.any()
    # the gate at 2.0: feedback 1.5 caps both ends at RI; unknown feedback caps only the worst end
    worst, best, gated = rating_range(np.array([7, 7, 7]), np.array([7, 7, 9]), 10, 0.6, 0.4,
                                      np.array([1.5, np.nan, 3.0]), 2.0)
    assert worst.tolist() == [1, 1, 2] and best.tolist() == [1, 2, 2] and gated.tolist() == [True, False, False]
    # exactly on a cut is the higher band (the 1e-12 tolerance keeps 0.6 * 10 / 10 on the line)
    assert rating_range(6, 6, 10, 0.6, 0.4)[0] == 2
    # broadcasting: two Good lines against three LEPs
    assert rating_range(np.array([[5, 6, 7]]), np.array([[5, 6, 7]]), 10, np.array([[0.5], [0.7]]), 0.4)[0].tolist() \
        == [[2, 2, 2], [1, 1, 2]]


@pytest.fixture(scope="module")
def shipped_rubric(settings):
    return load_rubric(settings.files["rubric"])


@pytest.fixture(scope="module")
def codes(reference):
    return sorted(reference["lep17_code"])[:12]


rubric_changes = st.fixed_dictionaries({
    "ri_min_share": st.floats(0.2, 0.5), "good_gap": st.floats(0.05, 0.4), "gate_enabled": st.booleans(),
    "gate_below": st.sampled_from([1.5, 2.0, 2.5, 3.0, 3.5])})


def _rubric(shipped, changes):
    return replace(shipped, ri_min_share=changes["ri_min_share"],
                   good_min_share=min(0.95, changes["ri_min_share"] + changes["good_gap"]),
                   gate_enabled=changes["gate_enabled"], gate_below=changes["gate_below"])


@SETTINGS
@given(data=st.data(), changes=rubric_changes)
def test_every_caller_rates_as_the_kernel_does(shipped_rubric, codes, data, changes):
    """The scorer, the specification curve's batch rating, the feedback model and the non-response analysis give
    the kernel's ratings on the same rubric and evidence."""
    rubric = _rubric(shipped_rubric, changes)
    responses = _prepare(data.draw(responses_strategy(codes)))
    feedback = data.draw(feedback_strategy(codes))
    for column in feedback.columns[1:]:
        feedback[column] = pd.to_numeric(feedback[column]).astype("Float64")
    assessment = assessment_table(responses, feedback).reset_index(drop=True)
    scores = score(assessment, rubric, public_only=False)
    gate = (pd.to_numeric(assessment[rubric.gate_field], errors="coerce").to_numpy(dtype=float)
            if rubric.gate_enabled else None)
    worst, best, _ = rating_range(scores["min_total"].to_numpy(), scores["max_total"].to_numpy(),
                                  scores["max_possible"].iloc[0], rubric.good_min_share, rubric.ri_min_share, gate,
                                  rubric.gate_below)
    # the scorer
    assert scores["rating_worst"].tolist() == [RATING_ORDER[k] for k in worst]
    assert scores["rating_best"].tolist() == [RATING_ORDER[k] for k in best]
    # the feedback model, given the feedback means the assessment has
    means = {c.field: assessment[c.field].to_numpy(dtype=float, na_value=np.nan)[None, :]
             for c in rubric.criteria if c.cuts is not None}
    model_worst, model_best = ratings_given_means(assessment, rubric, means)
    assert model_worst[0].tolist() == worst.tolist() and model_best[0].tolist() == best.tolist()
    # the specification curve's batch rating, with the rubric's own weights, Good line and gate
    scored = tuple(np.vstack(part) for part in zip(*(c.range_for(assessment[c.field]) for c in rubric.criteria),
                                                   strict=True))
    weights = np.array([[c.weight for c in rubric.criteria]])
    counts, ratings = specification._counts(rubric.criteria, weights, scored, np.array([rubric.good_min_share]),
                                            rubric.ri_min_share, [(rubric.gate_enabled, rubric.gate_below)],
                                            pd.to_numeric(assessment[rubric.gate_field], errors="coerce")
                                            .to_numpy(dtype=float))
    assert ratings[0, 0, 0, 0].tolist() == worst.tolist() and ratings[0, 0, 0, 1].tolist() == best.tolist()
    count = count_ri_or_inadequate(scores)
    assert counts[0, 0, 0].tolist() == [count.lower, count.lower, count.upper]
    # the non-response analysis at delta 0: the kernel on the rubric without the response criterion
    response = next(c.key for c in rubric.criteria if c.field == "responded")
    reduced = replace(rubric, criteria=tuple(c for c in rubric.criteria if c.key != response))
    without = count_ri_or_inadequate(score(assessment, reduced, public_only=False))
    row = delta_analysis(assessment, responses[["lep17_code", "responded"]], rubric, response, np.array([0.0]))
    assert (int(row["lower"].iloc[0]), int(row["upper"].iloc[0])) == (without.lower, without.upper)
