"""The feedback model: REML against the ANOVA estimates of a balanced design, empirical-Bayes shrinkage and the
Poisson-binomial distribution against hand calculations, rating probabilities against the normal distribution."""

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from lepstudy.analysis import feedback_model as fm
from lepstudy.analysis.engagement import Criterion, Rubric, count_ri_or_inadequate, score


def test_reml_equals_the_anova_estimates_of_a_balanced_design():
    """Three LEPs, two answers each: 1, 2 | 4, 5 | 2, 3. Means 1.5, 4.5, 2.5, grand mean 17/6. Within: SS 1.5 on 3
    df, so sigma^2 = 0.5. Between: SS = 2 (16/9 + 25/9 + 1/9) = 28/3 on 2 df, MSB = 14/3, so tau^2 = (14/3 - 1/2)
    / 2 = 25/12. For a balanced design with a positive estimate REML gives exactly these."""
    feedback = pd.DataFrame({"lep17_code": list("AABBCC"), "overall_engagement": [1, 2, 4, 5, 2, 3.0]})
    fit = fm.fit_item(feedback, "overall_engagement")
    assert fit.mu == pytest.approx(17 / 6, abs=1e-4)
    assert fit.sigma2 == pytest.approx(0.5, rel=1e-3)
    assert fit.tau2 == pytest.approx(25 / 12, rel=1e-3)
    assert fit.icc == pytest.approx((25 / 12) / (25 / 12 + 0.5), rel=1e-3)
    assert fit.converged


def test_posterior_shrinkage_hand_case():
    """mu 3, tau^2 0.25, sigma^2 1. Four answers with mean 4: B = 0.25 / (0.25 + 1/4) = 0.5, so the posterior mean
    is 3.5 and its variance 0.5 x 1/4 = 0.125. Two answers with mean 1, partially pooled (no minimum):
    B = 0.25 / (0.25 + 1/2) = 1/3, mean 3 + (1 - 3)/3 = 7/3, variance 1/3 x 1/2 = 1/6. None: the population
    N(3, 0.25)."""
    fit = fm.ItemFit("overall_engagement", 3.0, 0.25, 1.0, 6, 2, True, ())
    feedback = pd.DataFrame({"lep17_code": list("AAAABB"), "overall_engagement": [3, 5, 4, 4, 1, 1.0]})
    out = fm.posterior(fit, feedback, ["A", "B", "C"]).set_index("lep17_code")
    assert out.at["A", "posterior_mean"] == pytest.approx(3.5)
    assert out.at["A", "posterior_sd"] == pytest.approx(np.sqrt(0.125))
    assert out.at["A", "shrinkage"] == pytest.approx(0.5)
    assert out.at["B", "posterior_mean"] == pytest.approx(7 / 3)
    assert out.at["B", "posterior_sd"] == pytest.approx(np.sqrt(1 / 6))
    assert out.at["B", "shrinkage"] == pytest.approx(2 / 3)
    assert out.at["C", "posterior_mean"] == 3.0 and out.at["C", "posterior_sd"] == pytest.approx(0.5)
    assert out.at["C", "shrinkage"] == 1.0


def test_the_pooling_weight_has_no_jump():
    """The weight given to a LEP's own mean rises smoothly with its answers: 1 - shrinkage for n = 1, 2, 3 is
    0.25/1.25, 0.25/0.75, 0.25/(0.25 + 1/3) (mu 3, tau^2 0.25, sigma^2 1)."""
    fit = fm.ItemFit("overall_engagement", 3.0, 0.25, 1.0, 6, 3, True, ())
    feedback = pd.DataFrame({"lep17_code": list("ABBCCC"), "overall_engagement": [4.0] * 6})
    weight = 1 - fm.posterior(fit, feedback, ["A", "B", "C"])["shrinkage"].to_numpy()
    assert weight == pytest.approx([0.2, 1 / 3, 0.25 / (0.25 + 1 / 3)])


def test_within_lep_correlation_from_the_respondents():
    """Deviations from the LEP's own mean: A answers (1, 2), (3, 4) -> (-1, -1), (1, 1); B answers (2, 4), (4, 4)
    -> (-1, 0), (1, 0). Cross products: aa = 4, bb = 2, ab = 2, so r = 2 / sqrt(8) = 0.7071. The LEP means
    (2, 3) and (3, 4) alone would say 1."""
    feedback = pd.DataFrame({"lep17_code": list("AABB"), "x": [1, 3, 2, 4.0], "y": [2, 4, 4, 4.0]})
    within = fm.within_correlation(feedback, ["x", "y"])
    assert within[0, 1] == pytest.approx(2 / np.sqrt(8)) and within[0, 0] == pytest.approx(1.0)


def test_anova_estimates_hand_case_for_every_replicate():
    """The balanced design of the REML test (1, 2 | 4, 5 | 2, 3): mu 17/6, tau^2 25/12, sigma^2 0.5; a second
    replicate with no between-LEP spread (1, 2 | 1, 2 | 1, 2) gives tau^2 0 (MSB 0 - 0.5, truncated)."""
    groups = np.array([0, 0, 1, 1, 2, 2])
    mu, tau2, sigma2 = fm.anova_estimates(groups, np.array([[1, 2, 4, 5, 2, 3.0], [1, 2, 1, 2, 1, 2.0]]))
    assert mu == pytest.approx([17 / 6, 1.5]) and sigma2 == pytest.approx([0.5, 0.5])
    assert tau2 == pytest.approx([25 / 12, 0.0])


def test_the_hyperparameter_bootstrap_widens_but_keeps_the_centre():
    """With many respondents per LEP the hyperparameters are well estimated: the widened distribution keeps the
    conditional one's mean; with two answers per LEP it is at least as wide."""
    rubric = _one_criterion_rubric()
    rng = np.random.default_rng(3)
    means = rng.normal(3.4, 0.5, 12)
    for per_lep in (2, 60):
        rows = [{"lep17_code": f"L{j}", "overall_engagement": float(np.clip(round(rng.normal(m, 1.0)), 1, 5))}
                for j, m in enumerate(means) for _ in range(per_lep)]
        feedback = pd.DataFrame(rows)
        sample = feedback.groupby("lep17_code", sort=False)["overall_engagement"].agg(["mean", "size"])
        assessment = pd.DataFrame({"lep17_code": sample.index, "mean_overall_engagement": sample["mean"].to_numpy(),
                                   "n_respondents": sample["size"].to_numpy()})
        result = fm.feedback_model(assessment, feedback, rubric, draws=2000, seed=0)
        widened = fm.hyperparameter_bootstrap(assessment, feedback, rubric, result.fits, 100, 200, seed=1)
        assert widened["probability"].sum() == pytest.approx(1.0)
        centre = (result.distribution["count"] * result.distribution["probability"]).sum()
        wide_centre = (widened["count"] * widened["probability"]).sum()
        low, high = fm.central_interval(result.distribution, 0.9)
        wide_low, wide_high = fm.central_interval(widened, 0.9)
        assert wide_high - wide_low >= high - low
        if per_lep == 60:
            assert wide_centre == pytest.approx(centre, abs=0.5)


def test_poisson_binomial_hand_case():
    """p = 0.2, 0.5, 0.9: P(0) = .8 x .5 x .1 = .04; P(1) = .01 + .04 + .36 = .41; P(2) = .01 + .09 + .36 = .46;
    P(3) = .2 x .5 x .9 = .09."""
    dist = fm.count_distribution(np.array([0.2, 0.5, 0.9]))
    assert dist["probability"].to_numpy() == pytest.approx([0.04, 0.41, 0.46, 0.09])
    # equal tails of 5%: cumulative .04, .45, .91, 1 -> from 1 (first >= .05) to 3 (first >= .95)
    assert fm.central_interval(dist, 0.9) == (1, 3)


def _one_criterion_rubric() -> Rubric:
    feedback = Criterion("feedback", "feedback", "mean_overall_engagement", public=False, cuts=(2.5, 3.5),
                         band_points=(0, 1, 2))
    return Rubric("test", (feedback,), good_min_share=0.6, ri_min_share=0.3, gate_enabled=False,
                  gate_field="mean_overall_engagement", gate_below=2.0)


def test_rating_probability_matches_the_normal_distribution():
    """One banded criterion, Good needs 2 of 2 points, i.e. a mean above 3.5: for theta ~ N(3.3, 0.4^2),
    P(RI or Inadequate) = Phi((3.5 - 3.3) / 0.4) = 0.6915."""
    rng = np.random.default_rng(0)
    theta = rng.normal(3.3, 0.4, size=(200_000, 1))
    assessment = pd.DataFrame({"lep17_code": ["A"], "mean_overall_engagement": [3.3]})
    worst, best = fm.ratings_given_means(assessment, _one_criterion_rubric(), {"mean_overall_engagement": theta})
    assert (best <= 1).mean() == pytest.approx(stats.norm.cdf(0.5), abs=0.005)
    assert np.array_equal(worst, best)


def test_with_many_respondents_the_model_gives_the_plug_in_rating():
    """200 respondents per LEP: the posterior is tight, so each LEP's probability is 0 or 1 and agrees with the
    plain scorer on the sample means."""
    rubric = _one_criterion_rubric()
    means = {"A": 2.2, "B": 3.0, "C": 4.2, "D": 3.9}
    rng = np.random.default_rng(1)
    rows = [{"lep17_code": code, "overall_engagement": float(np.clip(round(rng.normal(m, 0.3)), 1, 5))}
            for code, m in means.items() for _ in range(200)]
    feedback = pd.DataFrame(rows)
    sample = feedback.groupby("lep17_code")["overall_engagement"].agg(["mean", "size"])
    assessment = pd.DataFrame({"lep17_code": list(means), "mean_overall_engagement": sample["mean"].to_numpy(),
                               "n_respondents": sample["size"].to_numpy()})
    result = fm.feedback_model(assessment, feedback, rubric, draws=2000, seed=0)
    plain = score(assessment, rubric, public_only=False)
    expected = plain["rating_best"].isin(["Requires improvement", "Inadequate"]).to_numpy(dtype=float)
    assert result.leps["p_ri_or_inadequate"].to_numpy() == pytest.approx(expected, abs=0.02)
    mean_count = (result.distribution["count"] * result.distribution["probability"]).sum()
    assert mean_count == pytest.approx(count_ri_or_inadequate(plain).point, abs=0.1)


def test_a_single_lep_is_refused():
    with pytest.raises(ValueError, match="at least two LEPs"):
        fm.fit_item(pd.DataFrame({"lep17_code": ["A", "A"], "overall_engagement": [1.0, 2.0]}), "overall_engagement")
