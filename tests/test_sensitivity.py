"""The vectorised multiverse agrees exactly with the straightforward pandas scorer."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from lepstudy import bootstrap, inputs, sensitivity
from lepstudy.nonresponse import nonresponse_bounds
from lepstudy.scoring.engagement import assessment_table, count_ri_or_inadequate, load_rubric, score


@pytest.fixture(scope="module")
def assessment(settings):
    feedback = inputs.load_sector_feedback(settings).frame
    return assessment_table(inputs.load_lep_responses(settings).frame, feedback), feedback


@pytest.fixture(scope="module")
def grid(settings):
    return sensitivity.load_grid(settings.root / "config" / "multiverse.yaml")


@pytest.fixture(scope="module")
def rubric(settings):
    return load_rubric(settings.files["rubric"])


@hsettings(max_examples=60, deadline=None)
@given(index=st.integers(min_value=0, max_value=11_809_799), public_only=st.booleans(),
       hide=st.lists(st.integers(0, 37), max_size=10))
def test_vectorised_equals_reference_on_random_rubrics(assessment, grid, rubric, index, public_only, hide):
    frame, _ = assessment
    frame = frame.copy()
    # random unknown cells too, so best/worst handling is exercised
    frame.loc[hide, "code_of_practice"] = None
    frame.loc[hide[::2], "mean_overall_engagement"] = np.nan
    index = index % grid.n_variants
    vectorised = sensitivity.evaluate(sensitivity.lep_arrays(frame, public_only), grid, public_only,
                                      indices=np.array([index]))[0]
    reference = sensitivity.reference_share(frame, rubric, grid, index, public_only)
    assert vectorised == pytest.approx(reference, nan_ok=True)


def test_default_rubric_is_a_variant_of_the_grid(assessment, grid, rubric):
    frame, _ = assessment
    decoded = {d: grid.options(d) for d in sensitivity.DIMENSIONS}
    digits = [decoded[d].index(v) for d, v in [("cvs_seat_points", 2), ("feedback_lower_cut", 2.5),
                                                 ("feedback_upper_cut", 3.5), ("gate", 2.0),
                                                 ("insufficient_evidence", "best"), ("good_min_share", 0.6),
                                                 ("ri_min_share", 0.3)]] + [decoded["weight_board_seat"].index(1.0)] * 7
    index = int(np.ravel_multi_index(digits, grid.sizes))
    share = sensitivity.evaluate(sensitivity.lep_arrays(frame, False), grid, False, indices=np.array([index]))[0]
    scores = score(frame, rubric, public_only=False)
    assert share == pytest.approx(count_ri_or_inadequate(scores).point / len(scores))


def test_multiverse_streaming_summaries(assessment, grid):
    frame, _ = assessment
    small = sensitivity.Grid((0.6,), (0.3,), (1, 2), (1.0, 0.5), (np.nan,), (2.5,), (3.5,), ("best",))
    result = sensitivity.run_multiverse(sensitivity.lep_arrays(frame, False), small, False, chunk_size=7,
                                        keep_shares=True)
    assert len(result.shares) == small.n_variants == 2 * 2**7
    direct = sensitivity.evaluate(sensitivity.lep_arrays(frame, False), small, False)
    assert np.array_equal(result.shares, direct)
    # the summary from exact value counts equals numpy on the expanded shares
    summary = result.summary()
    assert summary["median"] == pytest.approx(np.median(direct))
    assert summary["p05"] == pytest.approx(np.percentile(direct, 5))
    assert summary["p95"] == pytest.approx(np.percentile(direct, 95))
    assert result.counts.sum() == len(direct) and set(result.values) == set(direct)
    cvs = result.by_option[result.by_option.choice == "cvs_seat_points"].set_index("option")["mean_share"]
    half = small.n_variants // 2
    assert cvs["1"] == pytest.approx(direct[:half].mean()) and cvs["2"] == pytest.approx(direct[half:].mean())


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


def test_public_multiverse_shortcut_equals_direct_evaluation(assessment, grid):
    """The public variant scores each combination of non-feedback choices once; spot-check every
    997th variant against direct evaluation."""
    frame, _ = assessment
    leps = sensitivity.lep_arrays(frame, public_only=True)
    result = sensitivity.run_multiverse(leps, grid, public_only=True, keep_shares=True)
    sample = np.arange(0, grid.n_variants, 997)
    direct = sensitivity.evaluate(leps, grid, True, indices=sample)
    assert np.array_equal(result.shares[sample], direct, equal_nan=True)


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
