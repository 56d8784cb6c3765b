"""Robustness of the two-thirds share: specification curve, feedback model, non-response and rater agreement.

``build_robustness_tables`` is the pipeline step behind notebook 04; each table says whether it
rests on synthetic inputs.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from lepstudy.analysis import agreement, engagement, feedback_model, nonresponse, specification
from lepstudy.analysis.disclosure import suppress_small_counts
from lepstudy.core.config_schema import StudyConfig

RATING_SCALE = ["Inadequate", "Requires improvement", "Good"]


def specification_tables(data, specs: specification.Specifications, window: tuple[int, int],
                         progress=None) -> dict[str, pd.DataFrame]:
    """The specification curve of the public-evidence variant and of the full one: every combination of the
    choices, the summary over the distinct specifications, the variance decomposition and the choices."""
    inputs = specification.SpecificationInputs(data.rules, data.rubric, data.board,
                                               sorted(data.reference["lep17_code"]),
                                               data.responses.frame, data.feedback.frame, specs.seat_target,
                                               specs.response_criterion)
    choices = specs.choices
    synthetic = data.responses.synthetic or data.feedback.synthetic
    curves = [specification.run_specification_curve(inputs, choices, public_only, progress)
              for public_only in (True, False)]
    tables, summaries, variances = [], [], []
    for curve in curves:
        flag = synthetic and curve.variant == "full"
        table = curve.table.copy()
        table.insert(0, "variant", curve.variant)
        table["n"] = curve.n
        table["synthetic_inputs"] = flag
        tables.append(table)
        summaries.append({**specification.curve_summary(curve, window), "synthetic_inputs": flag})
        variance = specification.variance_decomposition(curve)
        variance["synthetic_inputs"] = flag
        variances.append(variance)
    return {"specification_curve": pd.concat(tables, ignore_index=True),
            "specification_summary": pd.DataFrame(summaries),
            "specification_variance": pd.concat(variances, ignore_index=True),
            "specification_choices": specification.choices_table(curves)}


def uncertainty_tables(study: StudyConfig, data, scores: pd.DataFrame,
                       window: tuple[int, int]) -> dict[str, pd.DataFrame]:
    """The feedback model (``analysis.feedback_model``): its fit per item, each LEP's rating probabilities (small
    cells suppressed), the count's Poisson-binomial distribution, and the count's uncertainty beside the plug-in
    count (which has no interval: the LEPs are a census)."""
    options = study.feedback_model
    synthetic = data.responses.synthetic or data.feedback.synthetic
    result = feedback_model.feedback_model(data.assessment, data.feedback.frame, data.rubric, options.draws,
                                           study.seeds.feedback_model)
    fits = pd.DataFrame([{"item": f.item, "mu": f.mu, "tau2": f.tau2, "sigma2": f.sigma2, "icc": f.icc,
                          "n_respondents": f.n_respondents, "n_leps": f.n_leps, "converged": f.converged,
                          "warnings": "; ".join(f.warnings), "within_correlation": result.within,
                          "between_correlation": result.between} for f in result.fits])
    fits["synthetic_inputs"] = data.feedback.synthetic
    leps = result.leps.copy()
    leps["synthetic_inputs"] = synthetic
    derived = [c for c in leps.columns if c not in {"lep17_code", "n_respondents", "synthetic_inputs"}]
    leps = suppress_small_counts(leps, "n_respondents", study.confidentiality.min_cell_count, derived)
    n = len(scores)
    point = engagement.count_ri_or_inadequate(scores)
    low, high = feedback_model.central_interval(result.distribution, options.interval)
    counts, probability = result.distribution["count"], result.distribution["probability"]
    widened = feedback_model.hyperparameter_bootstrap(data.assessment, data.feedback.frame, data.rubric, result.fits,
                                                      options.bootstrap_replicates, options.bootstrap_draws,
                                                      study.seeds.feedback_model)
    wide_low, wide_high = feedback_model.central_interval(widened, options.interval)
    wide_counts, wide_probability = widened["count"], widened["probability"]
    distribution = result.distribution.assign(probability_widened=wide_probability.to_numpy(),
                                              cumulative_widened=widened["cumulative"].to_numpy(),
                                              synthetic_inputs=synthetic)
    uncertainty = pd.DataFrame([
        {"method": "plug-in: each LEP's sample means as they are", "count": float(point.point),
         "interval_low": float("nan"), "interval_high": float("nan"), "level": float("nan"),
         "p_majority": float("nan"), "p_in_window": float("nan"),
         "note": "no interval: the 38 LEPs are a census; sampling uncertainty is in the feedback model's row"},
        {"method": "feedback model: shrunk LEP means (empirical Bayes)",
         "count": float((counts * probability).sum()), "interval_low": float(low), "interval_high": float(high),
         "level": options.interval, "p_majority": float(probability[counts > n / 2].sum()),
         "p_in_window": float(probability[counts.between(*window)].sum()),
         "note": "expected count and central interval of its Poisson-binomial distribution, given the fitted "
                 "hyperparameters"},
        {"method": "feedback model with hyperparameter uncertainty (parametric bootstrap)",
         "count": float((wide_counts * wide_probability).sum()), "interval_low": float(wide_low),
         "interval_high": float(wide_high), "level": options.interval,
         "p_majority": float(wide_probability[wide_counts > n / 2].sum()),
         "p_in_window": float(wide_probability[wide_counts.between(*window)].sum()),
         "note": f"average of {options.bootstrap_replicates} parametric-bootstrap re-estimates of mu, tau and "
                 "sigma, each scored on the real answers"},
    ])
    uncertainty["n"] = n
    uncertainty["window_low"], uncertainty["window_high"] = window
    uncertainty["synthetic_inputs"] = synthetic
    return {"feedback_model_fit": fits, "rating_probabilities": leps, "count_distribution": distribution,
            "count_uncertainty": uncertainty}


def agreement_table(ratings: pd.DataFrame, scores: pd.DataFrame, seed: int, synthetic: bool) -> pd.DataFrame:
    """Agreement between the holistic raters (weighted kappa, ordinal alpha) and between the rubric and each rater
    (the rubric's rating where the evidence determines it)."""
    wide = ratings.pivot(index="lep17_code", columns="rater", values="rating")
    raters = list(wide.columns)
    rows = []
    if len(raters) >= 2:
        kappa = agreement.weighted_kappa(wide[raters[0]], wide[raters[1]], RATING_SCALE)
        rows.append({"measure": f"Cohen's weighted kappa (linear), raters {raters[0]} vs {raters[1]}",
                     "value": kappa["kappa"], "ci_low": kappa["ci_low"], "ci_high": kappa["ci_high"],
                     "n_leps": kappa["n"], "note": kappa["note"]})
    matrix = agreement.ratings_matrix(ratings, "lep17_code", "rater", "rating", RATING_SCALE)
    alpha = agreement.krippendorff_alpha(matrix, "ordinal", n_boot=1000, seed=seed)
    rows.append({"measure": f"Krippendorff's alpha (ordinal), {len(raters)} raters", "value": alpha["alpha"],
                 "ci_low": alpha["ci_low"], "ci_high": alpha["ci_high"], "n_leps": alpha["n_units"], "note": ""})
    rubric = scores.set_index("lep17_code")["rating"].where(lambda r: r.isin(RATING_SCALE))
    for rater in raters:
        kappa = agreement.weighted_kappa(rubric, wide[rater], RATING_SCALE)
        rows.append({"measure": f"Cohen's weighted kappa (linear), the rubric vs rater {rater}",
                     "value": kappa["kappa"], "ci_low": kappa["ci_low"], "ci_high": kappa["ci_high"],
                     "n_leps": kappa["n"], "note": kappa["note"] or "LEPs whose rubric rating is determined"})
    table = pd.DataFrame(rows)
    table["synthetic_inputs"] = synthetic
    return table


def build_robustness_tables(study: StudyConfig, specs: specification.Specifications, data, scores: pd.DataFrame,
                            context: pd.DataFrame, window: tuple[int, int], progress=None) -> dict[str, pd.DataFrame]:
    """The robustness step from the study's typed config, the specification choices, the run's inputs
    (``pipeline.study.StudyInputs``), the full variant's scores and the LEP context, all built once by the earlier
    steps."""
    responses, feedback, ratings, public = data.responses, data.feedback, data.ratings, data.public
    synthetic = responses.synthetic or feedback.synthetic
    tables = specification_tables(data, specs, window, progress)
    tables.update(uncertainty_tables(study, data, scores, window))
    tests = nonresponse.compare_responders(responses.frame, public, context)
    tests["synthetic_inputs"] = responses.synthetic
    tables["nonresponse_tests"] = tests
    bounds = nonresponse.nonresponse_bounds(scores, responses.frame)
    tables["nonresponse_bounds"] = pd.DataFrame([{**bounds, "synthetic_inputs": synthetic}])
    tables["rater_agreement"] = agreement_table(ratings.frame, scores, study.seeds.bootstrap,
                                                ratings.synthetic or synthetic)
    deltas = np.round(np.arange(-0.5, 0.5001, 0.025), 3)
    response = specs.response_criterion
    delta = nonresponse.delta_analysis(data.assessment, responses.frame, data.rubric, response, deltas)
    delta["synthetic_inputs"] = synthetic
    tables["nonresponse_delta"] = delta
    majority = len(scores) // 2 + 1
    tables["nonresponse_bounds"] = tables["nonresponse_bounds"].assign(
        response_criterion_dropped=response, window_low=window[0],
        delta_to_window=nonresponse.tipping_delta(delta, window[0]),
        delta_to_majority=nonresponse.tipping_delta(delta, majority))
    return tables
