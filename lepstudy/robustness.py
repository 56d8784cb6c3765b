"""Robustness of the two-thirds share: multiverse, bootstrap, non-response and rater agreement.

``build_robustness_tables`` is the pipeline step behind notebook 04; each table says whether it
rests on synthetic inputs.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from lepstudy import agreement, bootstrap, evidence, nonresponse, sensitivity, stats
from lepstudy.config import Settings
from lepstudy.scoring import engagement

RATING_SCALE = ["Inadequate", "Requires improvement", "Good"]


def multiverse_tables(assessment: pd.DataFrame, public: pd.DataFrame, settings: Settings, synthetic: bool,
                      progress=None) -> dict[str, pd.DataFrame]:
    """The multiverse of the public variant (on ``public``, the public-evidence assessment) and the full one."""
    grid = sensitivity.load_grid(settings.files["multiverse"])
    summaries, options, histograms = [], [], []
    for variant, public_only, table in (("public", True, public), ("full", False, assessment)):
        result = sensitivity.run_multiverse(sensitivity.lep_arrays(table, public_only), grid, public_only,
                                            progress=progress)
        summary = result.summary()
        summary.pop("seconds")
        summaries.append({"variant": variant, **summary, "synthetic_inputs": synthetic and not public_only})
        by_option = result.by_option.copy()
        by_option.insert(0, "variant", variant)
        by_option["synthetic_inputs"] = synthetic and not public_only
        options.append(by_option)
        histogram = result.histogram(len(assessment))
        histogram.insert(0, "variant", variant)
        histograms.append(histogram)
    return {"multiverse_summary": pd.DataFrame(summaries),
            "multiverse_by_option": pd.concat(options, ignore_index=True),
            "multiverse_histogram": pd.concat(histograms, ignore_index=True)}


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
                            progress=None) -> dict[str, pd.DataFrame]:
    """The robustness step from the run's inputs (``pipeline.StudyInputs``), the full variant's scores and the
    LEP context, all built once by the earlier steps."""
    responses, feedback, ratings = data.responses, data.feedback, data.ratings
    assessment, rubric, public = data.assessment, data.rubric, data.public
    synthetic = responses.synthetic or feedback.synthetic
    tables = multiverse_tables(assessment, evidence.public_assessment(public), settings, synthetic, progress)
    tables["bootstrap_share"] = bootstrap_table(assessment, feedback.frame, rubric, scores,
                                                settings.seeds["bootstrap"], synthetic)
    tests = nonresponse.compare_responders(responses.frame, public, context)
    tests["synthetic_inputs"] = responses.synthetic
    tables["nonresponse_tests"] = tests
    bounds = nonresponse.nonresponse_bounds(scores, responses.frame)
    tables["nonresponse_bounds"] = pd.DataFrame([{**bounds, "synthetic_inputs": synthetic}])
    tables["rater_agreement"] = agreement_table(ratings.frame, settings.seeds["bootstrap"], ratings.synthetic)
    return tables
