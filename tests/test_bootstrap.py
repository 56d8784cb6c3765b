"""The bootstrap of the sector feedback and the non-response bounds: seeds, a degenerate case and hand cases."""

import numpy as np
import pytest

from lepstudy import bootstrap, inputs
from lepstudy.nonresponse import nonresponse_bounds
from lepstudy.scoring.engagement import assessment_table, count_ri_or_inadequate, load_rubric, score


@pytest.fixture(scope="module")
def assessment(settings):
    feedback = inputs.load_sector_feedback(settings).frame
    return assessment_table(inputs.load_lep_responses(settings).frame, feedback), feedback


@pytest.fixture(scope="module")
def rubric(settings):
    return load_rubric(settings.files["rubric"])



def test_bootstrap_is_reproducible_with_a_seed(assessment, rubric):
    frame, feedback = assessment
    first = bootstrap.bootstrap_share(frame, feedback, rubric, n_boot=500, seed=11)
    second = bootstrap.bootstrap_share(frame, feedback, rubric, n_boot=500, seed=11)
    other = bootstrap.bootstrap_share(frame, feedback, rubric, n_boot=500, seed=12)
    assert np.array_equal(first, second) and not np.array_equal(first, other)


def test_bootstrap_without_resampling_variation_returns_the_point_estimate(assessment, rubric):
    frame, feedback = assessment
    one_each = feedback.groupby("lep17_code").head(1)   # one respondent per LEP: resampling is the identity
    table = assessment_table(frame.drop(columns=["mean_overall_engagement", "mean_focus_social_inclusion",
                                                 "n_respondents"]), one_each)
    draws = bootstrap.bootstrap_share(table, one_each, rubric, n_boot=50, seed=0, resample_leps=False)
    point = count_ri_or_inadequate(score(table, rubric, public_only=False))
    point = point.point / point.n
    assert np.allclose(draws, point)


def test_nonresponse_bounds_hand_case():
    import pandas as pd

    ratings = ["Good", "Inadequate", "Requires improvement", "Good"]
    scores = pd.DataFrame({"lep17_code": list("abcd"), "rating": ratings, "rating_best": ratings,
                           "rating_worst": ratings})
    responses = pd.DataFrame({"lep17_code": list("abcd"), "responded": [True, True, False, False]})
    bounds = nonresponse_bounds(scores, responses)
    assert bounds["assessed"] == 0.5
    assert bounds["nonresponders_all_better"] == 0.25    # only b
    assert bounds["nonresponders_all_worse"] == 0.75     # b, c, d



def test_resampled_means_follow_the_respondent_bootstrap_distribution():
    """Two respondents answering 1 and 5: a resample of two gives mean 1, 3 or 5 with probabilities 1/4, 1/2,
    1/4 (hand calculation); a blank answer is ignored in the mean."""
    import pandas as pd

    from lepstudy.bootstrap import resampled_means

    rng = np.random.default_rng(0)
    means = resampled_means(pd.DataFrame({"item": [1.0, 5.0]}), 20_000, rng)["item"]
    for value, probability in ((1, 0.25), (3, 0.5), (5, 0.25)):
        assert np.mean(means == value) == pytest.approx(probability, abs=0.015)
    with_blank = resampled_means(pd.DataFrame({"item": [2.0, np.nan]}), 1000, rng)["item"]
    assert set(np.unique(with_blank[~np.isnan(with_blank)])) == {2.0}
    assert np.isnan(with_blank).any()            # a resample of two blanks has no mean
