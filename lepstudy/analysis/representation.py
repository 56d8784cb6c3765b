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

from lepstudy.analysis import stats
from lepstudy.analysis.strategy import coder_agreement, strategy_scores
from lepstudy.core.config_schema import StudyConfig
from lepstudy.core.containers import StrategySources

MIN_N_ORDINAL = 20  # with two predictors and two cut-points, fewer LEPs cannot support the model
MIN_PER_BAND = 5    # nor can an outcome band with fewer LEPs than this (7/29/2 bands give no model)
SEAT_GROUPS = ["none", "single-issue or other VCS", "CVS"]
SEAT_GROUP_OF = {"none": "none", "single_issue": "single-issue or other VCS", "other_vcs": "single-issue or other VCS",
                 "cvs": "CVS"}

log = logging.getLogger(__name__)


def strategy_evidence(strategy: StrategySources, codes: list[str]) -> pd.DataFrame:
    """Real strategy evidence per LEP: APR 2018-19 strategy rating, LIS published, inclusive-growth content."""
    lis = strategy.lis.set_index("lep17_code")
    apr = strategy.apr
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
    # LEPs that share one strategy document (one West Midlands LIS covers three LEPs) form one cluster
    url = lis["lis_url"].reindex(out.index)
    out["strategy_document"] = url.where(url.notna() & (url.astype(str).str.strip() != ""), out.index.to_series())
    return out.reset_index()


APR_TOTALS = "apr_2018_19_strategy"


def apr_coverage(apr: pd.DataFrame, published: pd.DataFrame, codes: list[str]) -> pd.DataFrame:
    """Per-LEP APR 2018-19 strategy ratings (``apr``, the curated file) found for the study's bodies vs the published
    national totals (blank where the published figures hold none: the reviews were of LEPs only)."""
    apr = apr[apr["lep17_code"].isin(codes)]
    found = apr[apr["review_year"].str.startswith("2018-19")]["strategy"].value_counts()
    categories = ["Exceptional", "Good", "Requires improvement", "Inadequate"]
    totals = (_published_value(published, APR_TOTALS).split("/") if APR_TOTALS in set(published["figure_id"])
              else [None] * len(categories))
    return pd.DataFrame({"category": categories,
                         "national_total": pd.array([None if t is None else int(t) for t in totals], dtype="Int64"),
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
    # a column public evidence leaves blank throughout (bodies with no curated evidence) takes the other layer's type
    real = real.astype({c: demo[c].dtype for c in demo.columns if c in real and real[c].isna().all()})
    both = pd.concat([real, demo], ignore_index=True)
    both["seat_group"] = both["main_board_seat_type"].map(SEAT_GROUP_OF)
    both["vcs_share_of_board"] = pd.to_numeric(both["vcs_seats"], errors="coerce") / pd.to_numeric(
        both["main_board_size"], errors="coerce")
    both = both.merge(controls, on="lep17_code").merge(strategy, on="lep17_code")
    both = both.merge(scores[["lep17_code", "strategy_score", "strategy_band"]], on="lep17_code", how="left")
    # the coded strategy score exists only in the demonstration layer unless real coding is supplied
    return both


MIN_CLUSTERS = 10    # a cluster-robust model needs at least this many strategy documents


def _row(test_id: str, test: str, comparison: str, n: int, dropped: int, n_clusters: int) -> dict:
    return {"id": test_id, "test": test, "comparison": comparison, "n": n, "dropped": dropped,
            "n_clusters": n_clusters, "statistic": np.nan, "effect": np.nan, "effect_measure": "",
            "effect_ci_low": np.nan, "effect_ci_high": np.nan, "p_value": np.nan, "result": "", "mde_note": ""}


def _not_estimable(row: dict, reason: str) -> dict:
    return {**row, "result": f"not estimable: {reason}"}


def _clusters(data: pd.DataFrame) -> int:
    return int(data["strategy_document"].nunique()) if "strategy_document" in data else len(data)


def _mde_note(n_x: int, n_y: int, seed: int) -> str:
    mde = stats.mann_whitney_mde(n_x, n_y, n_sim=1000, seed=seed)
    if not np.isfinite(mde):
        return f"with groups of {n_x} and {n_y} LEPs this design cannot detect any plausible difference"
    return (f"with groups of {n_x} and {n_y} LEPs this design could only detect a difference of about {mde:.1f} "
            "standard deviations (80% power, 5% level)")


# outcomes measured per LEP; every other outcome is a property of a strategy document, which several LEPs may share
PER_LEP_OUTCOMES = {"imd_avg_score"}


def independent_units(data: pd.DataFrame, outcome: str) -> pd.DataFrame:
    """The units a rank or exact test may treat as independent: for an outcome of a strategy document, one LEP per
    document (the first in the table's order; the West Midlands' three LEPs share one strategy, so their outcome is
    one observation, not three); for an outcome measured per LEP, every LEP."""
    if outcome in PER_LEP_OUTCOMES or "strategy_document" not in data:
        return data
    return data.drop_duplicates(subset="strategy_document", keep="first")


def _split(frame: pd.DataFrame, outcome: str, group: str, units: bool = True,
           ) -> tuple[pd.DataFrame, pd.Series, pd.Series]:
    """The rows with both values (one per strategy document where ``units``), and the outcome with and without."""
    data = frame.dropna(subset=[outcome, group])
    if units:
        data = independent_units(data, outcome)
    yes = data.loc[data[group].astype(bool), outcome].astype(float)
    no = data.loc[~data[group].astype(bool), outcome].astype(float)
    return data, yes, no


def compare_groups(frame: pd.DataFrame, outcome: str, group: str, test_id: str = "", seed: int = 0) -> dict:
    """Mann-Whitney of ``outcome`` between True/False ``group``: rank-biserial correlation with its interval."""
    data, yes, no = _split(frame, outcome, group)
    row = _row(test_id, "Mann-Whitney", f"{outcome} by {group}", len(data), len(frame) - len(data), _clusters(data))
    reason = stats.why_not_estimable([yes, no])
    if reason:
        return _not_estimable(row, reason)
    mw = stats.mann_whitney(yes, no, seed=seed)
    return {**row, "statistic": mw["U"], "effect": mw["rank_biserial"], "effect_measure": "rank-biserial r",
            "effect_ci_low": mw["rb_ci_low"], "effect_ci_high": mw["rb_ci_high"], "p_value": mw["p_value"],
            "result": f"median {yes.median():.1f} with vs {no.median():.1f} without",
            "mde_note": "" if mw["p_value"] < 0.05 else _mde_note(len(yes), len(no), seed)}


def two_by_two(frame: pd.DataFrame, row_name: str, column: str, test_id: str = "") -> dict:
    """Boschloo's exact test (more powerful than Fisher's, reported beside it) on the 2x2 table of two boolean
    measures, with the conditional odds ratio and its exact interval."""
    data, yes, no = _split(frame, column, row_name)
    row = _row(test_id, "Boschloo exact", f"{column} by {row_name}", len(data), len(frame) - len(data),
               _clusters(data))
    reason = stats.why_not_estimable([yes, no])
    if reason:
        return _not_estimable(row, reason)
    table = pd.crosstab(data[row_name].astype(bool), data[column].astype(bool)).reindex(
        index=[True, False], columns=[True, False], fill_value=0)
    result = stats.boschloo(table.to_numpy())
    n_yes, n_no = int(table.loc[True].sum()), int(table.loc[False].sum())
    yes_rate = stats.x_of_n(int(table.loc[True, True]), n_yes)
    no_rate = stats.x_of_n(int(table.loc[False, True]), n_no)
    note = ""
    if not result["p_value"] < 0.05:
        base = float(table[True].sum() / table.to_numpy().sum())
        mde = stats.fisher_mde(n_yes, n_no, base)
        note = (f"with groups of {n_yes} and {n_no} LEPs this design could only detect a rise of about "
                f"{mde * 100:.0f} percentage points from a base rate of {base:.0%} (80% power, 5% level, Fisher)"
                if np.isfinite(mde) else
                f"with groups of {n_yes} and {n_no} LEPs this design cannot detect any rise from {base:.0%}")
    return {**row, "statistic": result["odds_ratio"], "effect": result["odds_ratio"],
            "effect_measure": "odds ratio (conditional MLE)", "effect_ci_low": result["or_ci_low"],
            "effect_ci_high": result["or_ci_high"], "p_value": result["p_value"],
            "result": f"{yes_rate} with vs {no_rate} without (Fisher p = {result['fisher_p_value']:.3f})",
            "mde_note": note}


def trend_test(frame: pd.DataFrame, outcome: str, test_id: str = "", seed: int = 0) -> dict:
    """Jonckheere-Terpstra for none < single-issue/other VCS < CVS, over the seat groups present."""
    data = independent_units(frame.dropna(subset=[outcome, "seat_group"]), outcome)
    groups = [data.loc[data["seat_group"] == g, outcome].astype(float).to_numpy() for g in SEAT_GROUPS]
    sizes = [len(g) for g in groups]
    present = [g for g in groups if len(g)]
    row = _row(test_id, "Jonckheere-Terpstra", f"{outcome}: none < single-issue or other VCS < CVS", len(data),
               len(frame) - len(data), _clusters(data))
    reason = stats.why_not_estimable(present)
    if reason:
        return _not_estimable(row, f"{reason} (none, single-issue or other VCS, CVS: {sizes})")
    result = stats.jonckheere_terpstra(present, n_perm=5000, seed=seed)
    pairs = sum(len(a) * len(b) for i, a in enumerate(present) for b in present[i + 1:])
    note = "" if result["p_value"] < 0.05 else (
        "comparing the two outermost groups, " + _mde_note(len(present[0]), len(present[-1]), seed))
    # effect: Kendall-type concordance of the ordered groups, 2 J / pairs - 1 (ties count half in J)
    return {**row, "statistic": result["J"], "effect": 2 * result["J"] / pairs - 1,
            "effect_measure": "concordance 2J/pairs - 1", "p_value": result["p_value"],
            "result": f"group sizes {sizes} ({result['method']} p)", "mde_note": note}


def adjusted_difference(frame: pd.DataFrame, outcome: str, group: str, test_id: str = "") -> dict:
    """The continuous outcome by ``group`` adjusted for deprivation (OLS, IMD per SD), with standard errors
    clustered by strategy document: LEPs that share one strategy are not independent observations."""
    # heavy: statsmodels adds about 1 s to an import; only the model fits load it
    import statsmodels.formula.api as smf

    data = frame.dropna(subset=[outcome, group, "imd_avg_score"]).copy()
    row = _row(test_id, "OLS, clustered by strategy document", f"{outcome} by {group}, adjusted for IMD",
               len(data), len(frame) - len(data), _clusters(data))
    _, yes, no = _split(data, outcome, group, units=False)       # the OLS keeps every LEP and clusters instead
    reason = stats.why_not_estimable([yes, no])
    if reason is None and row["n_clusters"] < MIN_CLUSTERS:
        reason = f"{row['n_clusters']} strategy documents: clustered errors need at least {MIN_CLUSTERS}"
    if reason:
        return _not_estimable(row, reason)
    data["x"] = data[group].astype(float)
    data["imd_sd"] = (data["imd_avg_score"] - data["imd_avg_score"].mean()) / data["imd_avg_score"].std()
    data["y"] = data[outcome].astype(float)
    groups = pd.factorize(data["strategy_document"])[0]
    # t reference values with (clusters - 1) degrees of freedom: with few clusters the normal ones are too narrow
    fit = smf.ols("y ~ x + imd_sd", data=data).fit(cov_type="cluster", cov_kwds={"groups": groups}, use_t=True)
    low, high = fit.conf_int().loc["x"]
    return {**row, "statistic": float(fit.tvalues["x"]), "effect": float(fit.params["x"]),
            "effect_measure": "difference in means, IMD-adjusted", "effect_ci_low": float(low),
            "effect_ci_high": float(high), "p_value": float(fit.pvalues["x"]),
            "result": f"{fit.params['x']:+.2f} points with a seat ({row['n_clusters']} documents)"}


def ordinal_logit(frame: pd.DataFrame, outcome: str, order: list, predictors: list[str]) -> pd.DataFrame:
    """Ordinal logit (statsmodels OrderedModel, logit link): odds ratios with 95% intervals.

    At most two predictors: with n <= 38 and three outcome bands, more would over-fit (roughly ten
    events per parameter is the usual floor). IMD is standardised so its odds ratio is per SD.
    """
    # heavy: statsmodels adds about 1 s to an import; only the model fits load it
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
    bands = y.value_counts().reindex(y.cat.categories, fill_value=0)
    if bands.min() < MIN_PER_BAND:
        return not_estimable(f"outcome bands of {'/'.join(str(int(v)) for v in bands)} LEPs: each needs at least "
                             f"{MIN_PER_BAND}")
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
    checks = proportional_odds_check(y, x)
    for term in x.columns:
        rows.append({"term": term, "odds_ratio": float(np.exp(fit.params[term])),
                     "ci_low": float(np.exp(ci.loc[term, 0])), "ci_high": float(np.exp(ci.loc[term, 1])),
                     "p_value": float(fit.pvalues[term]), "n": len(data), "note": note,
                     "proportional_odds": checks.get(term, "")})
    return pd.DataFrame(rows)


def proportional_odds_check(y: pd.Series, x: pd.DataFrame) -> dict[str, str]:
    """A Brant-style check of the proportional-odds assumption: one binary logit per cut (outcome above each
    band), and for each term whether its cut-specific log-odds differ by more than 1.96 combined standard errors."""
    # heavy: statsmodels adds about 1 s to an import; only the model fits load it
    import statsmodels.api as sm

    slopes = []
    for level in y.cat.categories[1:]:
        above = (y.cat.codes >= list(y.cat.categories).index(level)).astype(float)
        with warnings.catch_warnings(record=True):
            warnings.simplefilter("always")
            try:
                fit = sm.Logit(above, sm.add_constant(x)).fit(disp=False, maxiter=200)
            except Exception as exc:  # noqa: BLE001 - separation and singular fits are reported, not raised
                return {term: f"not checked: a cut-specific logit failed ({type(exc).__name__})" for term in x}
        slopes.append((fit.params, fit.bse))
    out = {}
    for term in x.columns:
        estimates = [float(params[term]) for params, _ in slopes]
        errors = [float(se[term]) for _, se in slopes]
        spread = max(estimates) - min(estimates)
        bound = 1.96 * np.sqrt(sum(e ** 2 for e in errors[:2]))
        verdict = "questionable" if not np.isfinite(bound) or spread > bound else "not contradicted"
        out[term] = (f"{verdict}: cut-specific log-odds " + ", ".join(f"{v:.2f}" for v in estimates)
                     + f" (difference {spread:.2f}, 1.96 combined SE {bound:.2f})")
    return out


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


def analyse_layer(frame: pd.DataFrame, layer: str, primary: str, family: list[str], seed: int = 0,
                  ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Every test and the ordinal model for one layer; returns (tests, model terms). The ``primary`` test keeps its
    own p-value; the tests in ``family`` are secondary and Holm-adjusted together; any other test (a
    covariate-balance check) is descriptive and has no adjusted p-value."""
    data = frame[frame["layer"] == layer].copy()
    known_type = data["seat_group"].notna()
    data["cvs_seat"] = pd.array(np.where(known_type, data["seat_group"] == "CVS", None), dtype="boolean")
    data["strong_strategy"] = pd.array(np.where(data["strategy_band"].notna(), data["strategy_band"] == "Strong",
                                                None), dtype="boolean")
    outcome = "strategy_score" if layer == "demo" else "lis_inclusion_index"
    tests = [
        two_by_two(data, "main_board_vcs", "lis_published", "lis_published_by_seat"),
        two_by_two(data, "cvs_seat", "lis_published", "lis_published_by_cvs_seat"),
        compare_groups(data, outcome, "main_board_vcs", "strategy_by_seat", seed),
        compare_groups(data, outcome, "cvs_seat", "strategy_by_cvs_seat", seed),
        compare_groups(data, "imd_avg_score", "main_board_vcs", "deprivation_by_seat", seed),
        trend_test(data, outcome, "strategy_trend_by_seat_type", seed),
        adjusted_difference(data, outcome, "main_board_vcs", "strategy_by_seat_adjusted"),
    ]
    if layer == "demo":
        tests.insert(1, two_by_two(data, "main_board_vcs", "strong_strategy", "strong_strategy_by_seat"))
    table = pd.DataFrame(tests)
    table.insert(0, "layer", layer)
    table.insert(2, "role", np.where(table["id"] == primary, "primary",
                                     np.where(table["id"].isin(family), "secondary", "descriptive")))
    secondary = table["role"] == "secondary"
    table["p_holm"] = np.nan
    table.loc[secondary, "p_holm"] = stats.holm(table.loc[secondary, "p_value"])
    if layer == "demo":
        model = ordinal_logit(data, "strategy_band", ["Weak", "Moderate", "Strong"],
                              ["main_board_vcs", "imd_avg_score"])
        model.insert(0, "outcome", "strategy band (coded, Weak < Moderate < Strong)")
    else:
        model = ordinal_logit(data, "lis_inclusion_index", [0.0, 1.0, 2.0], ["cvs_seat", "imd_avg_score"])
        model.insert(0, "outcome", "LIS index (0 none, 1 published, 2 with inclusive-growth content)")
    model.insert(0, "layer", layer)
    return table, model


def _published_value(published: pd.DataFrame, figure_id: str) -> str:
    """The printed value of one published figure."""
    match = published.loc[published["figure_id"] == figure_id, "value"]
    if match.empty:
        raise KeyError(f"figure_id {figure_id!r} is not in the published figures")
    return str(match.iloc[0])


def build_representation_tables(study: StudyConfig, data, context: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Pipeline step behind notebook 03, from the study's typed config (seeds, the preregistered tests), the run's
    inputs (``pipeline.study.StudyInputs``) and the LEP context."""

    codes = sorted(data.reference["lep17_code"])
    public, responses, coding = data.public, data.responses, data.coding
    scores = strategy_scores(coding.frame, data.codebook)
    strategy = strategy_evidence(data.strategy, codes)
    layers = representation_layers(public, responses.frame, context, strategy, scores)
    layers.loc[layers["layer"] == "real", ["strategy_score", "strategy_band"]] = np.nan if coding.synthetic else None
    seed = study.seeds.permutation
    primary = study.preregistration.primary_test
    family = study.preregistration.holm_family
    tests, models = zip(*(analyse_layer(layers, layer, primary, family, seed) for layer in ("real", "demo")),
                        strict=True)
    tests = pd.concat(tests, ignore_index=True)
    models = pd.concat(models, ignore_index=True)
    synthetic = {"real": False, "demo": responses.synthetic or coding.synthetic}
    for table in (tests, models, layers):
        table["synthetic_inputs"] = table["layer"].map(synthetic)
    agreement = coder_agreement(coding.frame, seed)
    agreement["synthetic_inputs"] = coding.synthetic
    scores["synthetic_inputs"] = coding.synthetic
    return {"representation_measures": layers, "strategy_scores": scores, "strategy_agreement": agreement,
            "apr_coverage": apr_coverage(data.strategy.apr, data.published, codes),
            "representation_tests": tests,
            "ordinal_logit": models}
