"""Robustness of the two-thirds share: specification curve, bootstrap, non-response and rater agreement.

``build_robustness_tables`` is the pipeline step behind notebook 04; each table says whether it
rests on synthetic inputs.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from lepstudy import agreement, bootstrap, nonresponse, specification, stats
from lepstudy.config import Settings
from lepstudy.scoring import engagement

RATING_SCALE = ["Inadequate", "Requires improvement", "Good"]


def specification_tables(settings: Settings, data, window: tuple[int, int],
                         progress=None) -> dict[str, pd.DataFrame]:
    """The specification curve of the public-evidence variant and of the full one: every combination of the
    choices, the summary over the distinct specifications, the variance decomposition and the choices."""
    seat, response = specification.choice_targets(settings)
    inputs = specification.SpecificationInputs(settings, data.rubric, data.board, sorted(data.reference["lep17_code"]),
                                               data.responses.frame, data.feedback.frame, seat, response)
    choices = specification.load_choices(settings, data.rubric)
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


def bootstrap_table(assessment: pd.DataFrame, feedback: pd.DataFrame, rubric: engagement.Rubric,
                    scores: pd.DataFrame, seed: int, synthetic: bool, n_boot: int = 10_000) -> pd.DataFrame:
    n = len(scores)
    count = engagement.count_ri_or_inadequate(scores).point
    rows = [{"method": "Wilson interval (point estimate)", "estimate": count / n,
             "ci_low": stats.wilson(count, n)[0], "ci_high": stats.wilson(count, n)[1], "n_draws": 0}]
    for label, resample_leps in (("bootstrap: respondents within LEP", False),
                                 ("bootstrap: respondents within LEP, then LEPs", True)):
        draws = bootstrap.bootstrap_share(assessment, feedback, rubric, n_boot=n_boot, seed=seed,
                                          resample_leps=resample_leps)
        low, high = bootstrap.percentile_interval(draws)
        rows.append({"method": label, "estimate": float(np.mean(draws)), "ci_low": low, "ci_high": high,
                     "n_draws": n_boot})
    table = pd.DataFrame(rows)
    table["n"] = n
    table["synthetic_inputs"] = synthetic
    return table


def agreement_table(ratings: pd.DataFrame, seed: int, synthetic: bool) -> pd.DataFrame:
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
    table = pd.DataFrame(rows)
    table["synthetic_inputs"] = synthetic
    return table


def build_robustness_tables(settings: Settings, data, scores: pd.DataFrame, context: pd.DataFrame,
                            window: tuple[int, int], progress=None) -> dict[str, pd.DataFrame]:
    """The robustness step from the run's inputs (``pipeline.StudyInputs``), the full variant's scores and the
    LEP context, all built once by the earlier steps."""
    responses, feedback, ratings = data.responses, data.feedback, data.ratings
    assessment, rubric, public = data.assessment, data.rubric, data.public
    synthetic = responses.synthetic or feedback.synthetic
    tables = specification_tables(settings, data, window, progress)
    tables["bootstrap_share"] = bootstrap_table(assessment, feedback.frame, rubric, scores,
                                                settings.seeds["bootstrap"], synthetic)
    tests = nonresponse.compare_responders(responses.frame, public, context)
    tests["synthetic_inputs"] = responses.synthetic
    tables["nonresponse_tests"] = tests
    bounds = nonresponse.nonresponse_bounds(scores, responses.frame)
    tables["nonresponse_bounds"] = pd.DataFrame([{**bounds, "synthetic_inputs": synthetic}])
    tables["rater_agreement"] = agreement_table(ratings.frame, settings.seeds["bootstrap"], ratings.synthetic)
    return tables
