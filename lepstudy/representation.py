"""Representation and inclusive growth strategy quality (study question 2; notebook 03).

Two layers, side by side:

* ``real``: public evidence only — board representation from the curated files, strategy evidence
  from the Local Industrial Strategy (LIS) file. Unknown stays unknown; every analysis says n and
  how many LEPs were dropped.
* ``demo``: the full demonstration dataset — representation with synthetic fill and the synthetic
  strategy coding. It shows the method end to end; a researcher's real files replace it.

Every test guards against empty groups and says "not estimable" with the reason rather than
producing a number from nothing.
"""

from __future__ import annotations

import logging
import warnings

import numpy as np
import pandas as pd

from lepstudy import sources, stats
from lepstudy.config import Settings

MIN_N_ORDINAL = 20  # with two predictors and two cut-points, fewer LEPs cannot support the model
SEAT_GROUPS = ["none", "single-issue or other VCS", "CVS"]
SEAT_GROUP_OF = {"none": "none", "single_issue": "single-issue or other VCS", "other_vcs": "single-issue or other VCS",
                 "cvs": "CVS"}

log = logging.getLogger(__name__)


def strategy_evidence(settings: Settings, codes: list[str]) -> pd.DataFrame:
    """Real strategy evidence per LEP: APR 2018-19 strategy rating, LIS published, inclusive-growth content."""
    lis = sources.load_lis_status(settings.raw_dir).set_index("lep17_code")
    apr = sources.load_apr_ratings(settings.raw_dir)
    apr = apr[apr["review_year"].str.startswith("2018-19")].set_index("lep17_code")
    out = pd.DataFrame(index=pd.Index(codes, name="lep17_code"))
    out["apr_strategy_2018_19"] = apr["strategy"].reindex(out.index)
    out["lis_published"] = lis["lis_published"].reindex(out.index).map({"yes": True, "no": False}).astype("boolean")
    # a filled cell records inclusive-growth content seen; a blank is unknown, never "no"
    seen = lis["inclusive_growth_body_or_framework"].reindex(out.index).notna()
    out["ig_content_seen"] = pd.array(np.where(seen, True, None), dtype="boolean")
    # our ordinal index of real evidence: 0 no LIS; 1 LIS published; 2 LIS published with inclusive-growth content
    index = np.where(out["lis_published"].isna(), np.nan,
                     np.where(~out["lis_published"].fillna(False), 0, np.where(seen, 2, 1)))
    out["lis_inclusion_index"] = index
    return out.reset_index()


def apr_coverage(settings: Settings, published: pd.DataFrame) -> pd.DataFrame:
    """Per-LEP APR 2018-19 strategy ratings found vs the published national totals."""
    apr = sources.load_apr_ratings(settings.raw_dir)
    found = apr[apr["review_year"].str.startswith("2018-19")]["strategy"].value_counts()
    totals = sources.published_value(published, "apr_2018_19_strategy").split("/")
    categories = ["Exceptional", "Good", "Requires improvement", "Inadequate"]
    return pd.DataFrame({"category": categories, "national_total": [int(t) for t in totals],
                         "per_lep_ratings_found": [int(found.get(c, 0)) for c in categories]})


def representation_layers(public: pd.DataFrame, responses: pd.DataFrame, context: pd.DataFrame,
                          strategy: pd.DataFrame, scores: pd.DataFrame) -> pd.DataFrame:
    """Long table: one row per LEP per layer with representation, strategy measures and controls."""
    controls = context[["lep17_code", "canonical_name", "imd_avg_score", "population_mid2019"]]
    real = public[["lep17_code", "main_board_vcs", "main_board_seat_type", "main_board_vcs_seats_min",
                   "main_board_size", "subgroup_vcs"]].rename(columns={"main_board_vcs_seats_min": "vcs_seats"})
    real = real.assign(layer="real")
    real.loc[real["main_board_vcs"].isna(), "vcs_seats"] = np.nan
    demo = responses[["lep17_code", "main_board_vcs", "main_board_seat_type", "main_board_vcs_seats",
                      "main_board_size", "subgroup_vcs"]].rename(columns={"main_board_vcs_seats": "vcs_seats"})
    demo = demo.assign(layer="demo")
    both = pd.concat([real, demo], ignore_index=True)
    both["seat_group"] = both["main_board_seat_type"].map(SEAT_GROUP_OF)
    both["vcs_share_of_board"] = pd.to_numeric(both["vcs_seats"], errors="coerce") / pd.to_numeric(
        both["main_board_size"], errors="coerce")
    both = both.merge(controls, on="lep17_code").merge(strategy, on="lep17_code")
    both = both.merge(scores[["lep17_code", "strategy_score", "strategy_band"]], on="lep17_code", how="left")
    # the coded strategy score exists only in the demonstration layer unless real coding is supplied
    return both


def _not_estimable(test: str, comparison: str, n: int, dropped: int, reason: str) -> dict:
    return {"test": test, "comparison": comparison, "n": n, "dropped": dropped, "statistic": np.nan,
            "effect": np.nan, "effect_ci": "", "p_value": np.nan, "result": f"not estimable: {reason}",
            "mde_note": ""}


def _mde_note(n_x: int, n_y: int, seed: int) -> str:
    mde = stats.mann_whitney_mde(n_x, n_y, n_sim=1000, seed=seed)
    if not np.isfinite(mde):
        return f"with groups of {n_x} and {n_y} LEPs this design cannot detect any plausible difference"
    return (f"with groups of {n_x} and {n_y} LEPs this design could only detect a difference of about {mde:.1f} "
            "standard deviations (80% power, 5% level)")


def compare_groups(frame: pd.DataFrame, outcome: str, group: str, test_name: str, seed: int = 0) -> dict:
    """Mann-Whitney (rank-biserial with interval) of ``outcome`` between True/False ``group``."""
    data = frame.dropna(subset=[outcome, group])
    dropped = len(frame) - len(data)
    yes = data.loc[data[group].astype(bool), outcome].astype(float)
    no = data.loc[~data[group].astype(bool), outcome].astype(float)
    comparison = f"{outcome} by {group}"
    if len(yes) < 2 or len(no) < 2:
        return _not_estimable(test_name, comparison, len(data), dropped,
                              f"groups of {len(yes)} (yes) and {len(no)} (no) LEPs")
    mw = stats.mann_whitney(yes, no, seed=seed)
    significant = mw["p_value"] < 0.05
    return {"test": test_name, "comparison": comparison, "n": len(data), "dropped": dropped, "statistic": mw["U"],
            "effect": mw["rank_biserial"], "effect_ci": f"{mw['rb_ci_low']:.2f} to {mw['rb_ci_high']:.2f}",
            "p_value": mw["p_value"],
            "result": f"median {yes.median():.1f} with vs {no.median():.1f} without",
            "mde_note": "" if significant else _mde_note(len(yes), len(no), seed)}


def fisher_table(frame: pd.DataFrame, row: str, column: str) -> dict:
    """Fisher's exact test on the 2x2 table of two boolean measures."""
    data = frame.dropna(subset=[row, column])
    dropped = len(frame) - len(data)
    comparison = f"{column} by {row}"
    table = pd.crosstab(data[row].astype(bool), data[column].astype(bool)).reindex(
        index=[True, False], columns=[True, False], fill_value=0)
    if (table.sum(axis=1) == 0).any() or (table.sum(axis=0) == 0).any():
        return _not_estimable("Fisher exact", comparison, len(data), dropped,
                              f"a margin is empty (table {table.to_numpy().tolist()})")
    result = stats.fisher_exact(table.to_numpy())
    n_yes, n_no = int(table.loc[True].sum()), int(table.loc[False].sum())
    yes_rate = stats.x_of_n(int(table.loc[True, True]), n_yes)
    no_rate = stats.x_of_n(int(table.loc[False, True]), n_no)
    note = ""
    if not result["p_value"] < 0.05:
        base = float(table[True].sum() / table.to_numpy().sum())
        mde = stats.fisher_mde(n_yes, n_no, base)
        note = (f"with groups of {n_yes} and {n_no} LEPs this design could only detect a rise of about "
                f"{mde * 100:.0f} percentage points from a base rate of {base:.0%} (80% power, 5% level)"
                if np.isfinite(mde) else
                f"with groups of {n_yes} and {n_no} LEPs this design cannot detect any rise from {base:.0%}")
    return {"test": "Fisher exact", "comparison": comparison, "n": len(data), "dropped": dropped,
            "statistic": result["odds_ratio"], "effect": result["odds_ratio"], "effect_ci": "",
            "p_value": result["p_value"], "result": f"{yes_rate} with vs {no_rate} without", "mde_note": note}


def trend_test(frame: pd.DataFrame, outcome: str, seed: int = 0) -> dict:
    """Jonckheere-Terpstra for none < single-issue/other VCS < CVS."""
    data = frame.dropna(subset=[outcome, "seat_group"])
    groups = [data.loc[data["seat_group"] == g, outcome].astype(float).to_numpy() for g in SEAT_GROUPS]
    comparison = f"{outcome}: none < single-issue or other VCS < CVS"
    sizes = [len(g) for g in groups]
    if sum(s > 0 for s in sizes) < 2:
        return _not_estimable("Jonckheere-Terpstra", comparison, len(data), len(frame) - len(data),
                              f"group sizes {sizes}")
    result = stats.jonckheere_terpstra([g for g in groups if len(g)], n_perm=5000, seed=seed)
    present = [g for g in groups if len(g)]
    note = "" if result["p_value"] < 0.05 else (
        "comparing the two outermost groups, " + _mde_note(len(present[0]), len(present[-1]), seed))
    return {"test": "Jonckheere-Terpstra", "comparison": comparison, "n": len(data),
            "dropped": len(frame) - len(data), "statistic": result["J"], "effect": np.nan, "effect_ci": "",
            "p_value": result["p_value"], "result": f"group sizes {sizes} ({result['method']} p)", "mde_note": note}


def permutation_test(frame: pd.DataFrame, outcome: str, group: str, seed: int = 0) -> dict:
    data = frame.dropna(subset=[outcome, group])
    yes = data.loc[data[group].astype(bool), outcome].astype(float)
    no = data.loc[~data[group].astype(bool), outcome].astype(float)
    comparison = f"{outcome} by {group} (difference in means)"
    if len(yes) < 2 or len(no) < 2:
        return _not_estimable("Permutation", comparison, len(data), len(frame) - len(data),
                              f"groups of {len(yes)} and {len(no)} LEPs")
    result = stats.permutation_mean_difference(yes, no, n_perm=10_000, seed=seed)
    return {"test": "Permutation", "comparison": comparison, "n": len(data), "dropped": len(frame) - len(data),
            "statistic": result["difference"], "effect": result["difference"], "effect_ci": "",
            "p_value": result["p_value"], "result": f"mean difference {result['difference']:.2f}",
            "mde_note": "" if result["p_value"] < 0.05 else _mde_note(len(yes), len(no), seed)}


def ordinal_logit(frame: pd.DataFrame, outcome: str, order: list, predictors: list[str]) -> pd.DataFrame:
    """Ordinal logit (statsmodels OrderedModel, logit link): odds ratios with 95% intervals.

    At most two predictors: with n <= 38 and three outcome bands, more would over-fit (roughly ten
    events per parameter is the usual floor). IMD is standardised so its odds ratio is per SD.
    """
    from statsmodels.miscmodels.ordinal_model import OrderedModel

    if len(predictors) > 2:
        raise ValueError("at most two predictors with n <= 38 (see docs/method.md)")
    data = frame.dropna(subset=[outcome, *predictors]).copy()
    y = pd.Series(pd.Categorical(data[outcome], categories=order, ordered=True), index=data.index)
    y = y.cat.remove_unused_categories()
    x = pd.DataFrame(index=data.index)
    for p in predictors:
        values = data[p].astype(float)
        binary = set(values.unique()) <= {0.0, 1.0}
        x[p if binary else f"{p} (per SD)"] = values if binary else (values - values.mean()) / values.std()
    rows = []

    def not_estimable(reason: str) -> pd.DataFrame:
        return pd.DataFrame([{"term": ", ".join(x.columns), "odds_ratio": np.nan, "ci_low": np.nan,
                              "ci_high": np.nan, "p_value": np.nan, "n": len(data),
                              "note": f"not estimable: {reason}"}])

    if len(data) < MIN_N_ORDINAL:
        return not_estimable(f"n = {len(data)} is below {MIN_N_ORDINAL}, too few LEPs for an ordinal model")
    if y.nunique() < 2 or any(x[c].nunique() < 2 for c in x):
        return not_estimable("no variation in the outcome or a predictor")
    # statistical warnings are recorded, logged and reported beside the estimates, never silenced
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fit = OrderedModel(y, x, distr="logit").fit(method="bfgs", disp=False, maxiter=500)
    messages = sorted({f"{w.category.__name__}: {w.message}" for w in caught})
    for message in messages:
        log.warning("ordinal logit (%s): %s", ", ".join(x.columns), message)
    if not fit.mle_retvals.get("converged", True):
        return not_estimable("the optimiser did not converge")
    ci = fit.conf_int()
    if not np.isfinite(ci.loc[list(x.columns)].to_numpy()).all():
        return not_estimable("the fit did not converge to finite intervals (separation)")
    note = ("warnings: " + "; ".join(messages)) if messages else ""
    for term in x.columns:
        rows.append({"term": term, "odds_ratio": float(np.exp(fit.params[term])),
                     "ci_low": float(np.exp(ci.loc[term, 0])), "ci_high": float(np.exp(ci.loc[term, 1])),
                     "p_value": float(fit.pvalues[term]), "n": len(data), "note": note})
    return pd.DataFrame(rows)


def descriptives(frame: pd.DataFrame, outcome: str, group: str) -> pd.DataFrame:
    """'X of N (p%)' of a boolean outcome, or median score, by representation group."""
    rows = []
    for value, part in frame.dropna(subset=[group]).groupby(group, sort=False):
        known = part[outcome].dropna()
        if len(known) and known.map(lambda v: isinstance(v, bool | np.bool_) or v in ("True", "False")).all():
            known = known.map(lambda v: v is True or v == "True" or (isinstance(v, np.bool_) and bool(v)))
            text = stats.x_of_n(int(known.sum()), len(known))
        else:
            text = f"median {known.median():.1f} (n = {len(known)})" if len(known) else "no evidence"
        rows.append({"group": f"{group} = {value}", "outcome": outcome, "n_leps": len(part),
                     "n_with_evidence": len(known), "summary": text})
    return pd.DataFrame(rows)


def analyse_layer(frame: pd.DataFrame, layer: str, seed: int = 0) -> tuple[pd.DataFrame, pd.DataFrame]:
    """All tests and the ordinal model for one layer; returns (tests, model terms)."""
    data = frame[frame["layer"] == layer].copy()
    known_type = data["seat_group"].notna()
    data["cvs_seat"] = pd.array(np.where(known_type, data["seat_group"] == "CVS", None), dtype="boolean")
    data["strong_strategy"] = pd.array(np.where(data["strategy_band"].notna(), data["strategy_band"] == "Strong",
                                                None), dtype="boolean")
    outcome = "strategy_score" if layer == "demo" else "lis_inclusion_index"
    tests = [
        fisher_table(data, "main_board_vcs", "lis_published"),
        fisher_table(data, "cvs_seat", "lis_published"),
        compare_groups(data, outcome, "main_board_vcs", "Mann-Whitney", seed),
        compare_groups(data, outcome, "cvs_seat", "Mann-Whitney", seed),
        compare_groups(data, "imd_avg_score", "main_board_vcs", "Mann-Whitney", seed),
        trend_test(data, outcome, seed),
        permutation_test(data, outcome, "main_board_vcs", seed),
    ]
    if layer == "demo":
        tests.insert(1, fisher_table(data, "main_board_vcs", "strong_strategy"))
    table = pd.DataFrame(tests)
    table.insert(0, "layer", layer)
    if layer == "demo":
        model = ordinal_logit(data, "strategy_band", ["Weak", "Moderate", "Strong"],
                              ["main_board_vcs", "imd_avg_score"])
        model.insert(0, "outcome", "strategy band (coded, Weak < Moderate < Strong)")
    else:
        model = ordinal_logit(data, "lis_inclusion_index", [0.0, 1.0, 2.0], ["cvs_seat", "imd_avg_score"])
        model.insert(0, "outcome", "LIS index (0 none, 1 published, 2 with inclusive-growth content)")
    model.insert(0, "layer", layer)
    return table, model


def build_representation_tables(settings: Settings, data, context: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Pipeline step behind notebook 03, from the run's inputs (``pipeline.StudyInputs``) and the LEP context."""
    from lepstudy.scoring.strategy import coder_agreement, load_codebook, strategy_scores

    codes = sorted(data.reference["lep17_code"])
    public, responses, coding = data.public, data.responses, data.coding
    codebook = load_codebook(settings.files["codebook"])
    scores = strategy_scores(coding.frame, codebook)
    strategy = strategy_evidence(settings, codes)
    layers = representation_layers(public, responses.frame, context, strategy, scores)
    layers.loc[layers["layer"] == "real", ["strategy_score", "strategy_band"]] = np.nan if coding.synthetic else None
    seed = settings.seeds["permutation"]
    tests, models = zip(*(analyse_layer(layers, layer, seed) for layer in ("real", "demo")), strict=True)
    tests = pd.concat(tests, ignore_index=True)
    models = pd.concat(models, ignore_index=True)
    synthetic = {"real": False, "demo": responses.synthetic or coding.synthetic}
    for table in (tests, models, layers):
        table["synthetic_inputs"] = table["layer"].map(synthetic)
    agreement = coder_agreement(coding.frame, seed)
    agreement["synthetic_inputs"] = coding.synthetic
    scores["synthetic_inputs"] = coding.synthetic
    published = sources.load_published_figures(settings.raw_dir)
    return {"representation_measures": layers, "strategy_scores": scores, "strategy_agreement": agreement,
            "apr_coverage": apr_coverage(settings, published), "representation_tests": tests,
            "ordinal_logit": models}
