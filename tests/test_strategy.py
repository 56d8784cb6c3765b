"""Codebook scoring, the ordinal model on simulated data, and the small-n guards."""

import numpy as np
import pandas as pd
import pytest

from lepstudy.analysis.representation import compare_groups, ordinal_logit, trend_test, two_by_two
from lepstudy.analysis.strategy import coder_totals, strategy_scores
from lepstudy.core.errors import DataError
from lepstudy.pipeline.study import load_codebook


@pytest.fixture(scope="module")
def codebook(settings):
    return load_codebook(settings.files["codebook"])


def _sheet(codebook, lep, coder, scores):
    return pd.DataFrame({"lep17_code": lep, "coder": coder, "criterion": list(codebook.criteria), "score": scores})


def test_totals_bands_and_mean_over_coders(codebook):
    sheet = pd.concat([
        _sheet(codebook, "E37000001", "A", [2, 2, 2, 2, 2, 2, 2]),   # 14: maximum
        _sheet(codebook, "E37000001", "B", [2, 2, 2, 1, 1, 1, 1]),   # 10: lower edge of Strong
        _sheet(codebook, "E37000002", "A", [0, 0, 0, 0, 0, 0, 0]),   # 0
        _sheet(codebook, "E37000002", "B", [1, 1, 1, 1, 1, 0, 0]),   # 5: lower edge of Moderate
    ])
    scores = strategy_scores(sheet, codebook).set_index("lep17_code")
    assert codebook.max_score == 14
    assert scores.at["E37000001", "strategy_score"] == 12 and scores.at["E37000001", "strategy_band"] == "Strong"
    assert scores.at["E37000002", "strategy_score"] == 2.5 and scores.at["E37000002", "strategy_band"] == "Weak"
    assert codebook.band(10) == "Strong" and codebook.band(9.5) == "Moderate" and codebook.band(5) == "Moderate"
    assert codebook.band(4.5) == "Weak"


def test_incomplete_coding_gives_no_total(codebook):
    sheet = _sheet(codebook, "E37000001", "A", [2, 2, 2, 2, 2, 2, None])
    totals = coder_totals(sheet, codebook)
    assert np.isnan(totals.at[0, "total"]) and totals.at[0, "n_coded"] == 6
    both = pd.concat([sheet, _sheet(codebook, "E37000001", "B", [1] * 7)])
    scores = strategy_scores(both, codebook)
    assert scores.at[0, "strategy_score"] == 7 and scores.at[0, "n_coders"] == 1


def test_unknown_criterion_is_an_error(codebook):
    sheet = _sheet(codebook, "E37000001", "A", [1] * 7)
    sheet.loc[0, "criterion"] = "vibes"
    with pytest.raises(DataError, match="criterion not in the codebook.*'vibes'"):
        coder_totals(sheet, codebook)


def test_ordinal_logit_recovers_a_known_effect():
    # latent = 1.5 * seat + 0.0 * imd + logistic noise; cut-points at 0 and 2
    rng = np.random.default_rng(5)
    n = 2000
    seat = rng.integers(0, 2, n)
    imd = rng.normal(20, 5, n)
    latent = 1.5 * seat + rng.logistic(size=n)
    band = np.where(latent < 0, "Weak", np.where(latent < 2, "Moderate", "Strong"))
    frame = pd.DataFrame({"seat": seat, "imd": imd, "band": band})
    model = ordinal_logit(frame, "band", ["Weak", "Moderate", "Strong"], ["seat", "imd"]).set_index("term")
    assert np.log(model.at["seat", "odds_ratio"]) == pytest.approx(1.5, abs=0.2)
    assert model.at["seat", "ci_low"] < np.exp(1.5) < model.at["seat", "ci_high"]
    assert model.at["imd (per SD)", "ci_low"] < 1 < model.at["imd (per SD)", "ci_high"]


def test_ordinal_logit_refuses_more_than_two_predictors():
    frame = pd.DataFrame({"a": [0, 1] * 20, "b": range(40), "c": range(40), "y": ["x", "y"] * 20})
    with pytest.raises(ValueError, match="at most two predictors"):
        ordinal_logit(frame, "y", ["x", "y"], ["a", "b", "c"])


def test_small_or_empty_groups_are_not_estimable():
    frame = pd.DataFrame({"seat": pd.array([True] * 5 + [None] * 3, dtype="boolean"),
                          "score": [5, 6, 7, 8, 9, 1, 2, 3], "lis": pd.array([True, False] * 4, dtype="boolean"),
                          "seat_group": ["CVS"] * 5 + [None] * 3})
    result = compare_groups(frame, "score", "seat")
    assert result["result"].startswith("not estimable") and result["n"] == 5 and result["dropped"] == 3
    assert two_by_two(frame, "seat", "lis")["result"].startswith("not estimable: group sizes [5, 0]")
    assert trend_test(frame, "score")["result"].startswith("not estimable")
    tiny = pd.DataFrame({"seat": [0, 1, 0, 1], "imd": [1, 2, 3, 4], "y": ["a", "b", "a", "b"]})
    assert ordinal_logit(tiny, "y", ["a", "b"], ["seat", "imd"]).at[0, "note"].startswith("not estimable: n = 4")


def test_mde_note_accompanies_non_significant_results():
    rng = np.random.default_rng(1)
    frame = pd.DataFrame({"seat": pd.array([True, False] * 15, dtype="boolean"), "score": rng.normal(size=30)})
    result = compare_groups(frame, "score", "seat")
    assert result["p_value"] >= 0.05
    assert "with groups of 15 and 15 LEPs this design could only detect a difference of about" in result["mde_note"]


def test_apr_coverage_against_national_totals(settings):
    from lepstudy.analysis.representation import apr_coverage
    from lepstudy.inputs.sources import load_apr_ratings, load_published_figures

    published, apr = load_published_figures(settings.raw_dir), load_apr_ratings(settings.raw_dir)
    codes = list(pd.read_csv(settings.files["lep_reference"])["lep17_code"])
    table = apr_coverage(apr, published, codes).set_index("category")
    assert table["national_total"].tolist() == [6, 26, 5, 0]
    assert (table["per_lep_ratings_found"] <= table["national_total"]).all()
    assert table.at["Exceptional", "per_lep_ratings_found"] == 1   # Enterprise M3, 2018-19
    # another set of bodies: no APR rows of its own and no published totals -> blank totals, nothing found
    other = apr_coverage(apr, published[published["figure_id"] != "apr_2018_19_strategy"], ["E47900001"])
    assert other["national_total"].isna().all() and (other["per_lep_ratings_found"] == 0).all()


def test_descriptives_use_x_of_n_for_yes_no_outcomes_read_from_csv(tmp_path):
    from lepstudy.analysis.representation import descriptives

    frame = pd.DataFrame({"seat": [True, True, True, False], "lis": [True, False, None, True],
                          "score": [1.0, 2.0, 3.0, 4.0]})
    frame.to_csv(tmp_path / "m.csv", index=False)
    read = pd.read_csv(tmp_path / "m.csv")            # booleans with blanks come back as objects
    table = descriptives(read, "lis", "seat").set_index("group")
    assert table.at["seat = True", "summary"] == "1 of 2 (50%)"
    assert table.at["seat = True", "n_leps"] == 3 and table.at["seat = True", "n_with_evidence"] == 2
    assert descriptives(read, "score", "seat").set_index("group").at["seat = False", "summary"] == "median 4.0 (n = 1)"


def _layer_frame(n: int = 30, seed: int = 2) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    seat = rng.integers(0, 2, n).astype(bool)
    return pd.DataFrame({
        "lep17_code": [f"E37{i:06d}" for i in range(n)], "layer": "demo",
        "main_board_vcs": pd.array(seat, dtype="boolean"),
        "seat_group": np.where(seat, np.where(rng.random(n) < 0.4, "CVS", "single-issue or other VCS"), "none"),
        "strategy_score": rng.normal(7, 2, n).round(), "strategy_band": rng.choice(["Weak", "Moderate", "Strong"], n),
        "lis_published": pd.array(rng.random(n) < 0.5, dtype="boolean"), "imd_avg_score": rng.normal(20, 5, n),
        "lis_inclusion_index": rng.integers(0, 3, n).astype(float),
        # three LEPs share one strategy document, as the West Midlands LEPs do
        "strategy_document": ["shared"] * 3 + [f"own-{i}" for i in range(3, n)],
    })


FAMILY = ["lis_published_by_seat", "lis_published_by_cvs_seat", "strong_strategy_by_seat", "strategy_by_cvs_seat",
          "strategy_trend_by_seat_type", "strategy_by_seat_adjusted"]


def test_one_primary_test_and_holm_across_the_declared_family_only():
    from lepstudy.analysis.representation import analyse_layer
    from lepstudy.analysis.stats import holm

    tests, _ = analyse_layer(_layer_frame(), "demo", primary="strategy_by_seat", family=FAMILY, seed=1)
    assert (tests["role"] == "primary").sum() == 1
    primary = tests[tests["role"] == "primary"].iloc[0]
    # the primary test and the balance check stay outside the Holm family: no adjusted p-value
    assert primary["id"] == "strategy_by_seat" and pd.isna(primary["p_holm"])
    balance = tests.set_index("id").loc["deprivation_by_seat"]
    assert balance["role"] == "descriptive" and pd.isna(balance["p_holm"])
    secondary = tests[tests["role"] == "secondary"]
    assert sorted(secondary["id"]) == sorted(FAMILY)
    assert secondary["p_holm"].to_numpy() == pytest.approx(holm(secondary["p_value"]), nan_ok=True)
    assert (secondary["p_holm"].dropna() >= secondary["p_value"].dropna()).all()
    # every estimable test reports an effect size; the shared document is one unit of a rank or exact test of a
    # strategy outcome, and one cluster of the OLS and of the per-LEP deprivation check
    estimable = tests[~tests["result"].str.startswith("not estimable")].set_index("id")
    assert estimable["effect"].notna().all()
    per_lep = ["strategy_by_seat_adjusted", "deprivation_by_seat"]
    assert (estimable.loc[per_lep, "n_clusters"] == estimable.loc[per_lep, "n"] - 2).all()
    units = estimable.drop(index=per_lep)
    assert (units["n_clusters"] == units["n"]).all() and (units["n"] == 28).all()


def test_every_test_id_can_be_declared_primary():
    """The ids the config accepts are exactly the tests the analysis runs."""
    from lepstudy.analysis.representation import analyse_layer
    from lepstudy.core.config_schema import TEST_IDS

    tests, _ = analyse_layer(_layer_frame(), "demo", primary="strategy_by_seat", family=FAMILY, seed=1)
    assert set(tests["id"]) == set(TEST_IDS)


def test_the_one_not_estimable_rule_applies_to_every_test():
    """A single LEP without a seat: every two-group test says so in the same words, none returns a number."""
    from lepstudy.analysis.representation import adjusted_difference
    from lepstudy.analysis.stats import why_not_estimable

    frame = _layer_frame()
    frame["main_board_vcs"] = pd.array([False] + [True] * (len(frame) - 1), dtype="boolean")
    # 30 LEPs, three sharing one strategy: 28 units for a rank or exact test, every LEP for the clustered OLS
    for result, sizes in ((compare_groups(frame, "strategy_score", "main_board_vcs"), "[27, 1]"),
                          (two_by_two(frame, "main_board_vcs", "lis_published"), "[27, 1]"),
                          (adjusted_difference(frame, "strategy_score", "main_board_vcs"), "[29, 1]")):
        reason = f"group sizes {sizes}: each compared group needs at least 2 LEPs"
        assert result["result"] == f"not estimable: {reason}" and np.isnan(result["p_value"])
    assert why_not_estimable([pd.Series([3.0, 3.0]), pd.Series([3.0, 3.0])]).startswith("no variation")
    assert why_not_estimable([pd.Series([1.0, 2.0]), pd.Series([3.0, 4.0])]) is None


def test_clustered_errors_differ_from_independent_ones():
    """Errors clustered by strategy document: with every LEP its own document they equal the HC1 errors; with
    documents shared they change."""
    import statsmodels.formula.api as smf

    from lepstudy.analysis.representation import adjusted_difference

    frame = _layer_frame(40, seed=4)
    frame["strategy_document"] = frame["lep17_code"]
    own = adjusted_difference(frame, "strategy_score", "main_board_vcs")
    data = frame.assign(x=frame["main_board_vcs"].astype(float), y=frame["strategy_score"],
                        imd_sd=(frame["imd_avg_score"] - frame["imd_avg_score"].mean()) / frame["imd_avg_score"].std())
    hc1 = smf.ols("y ~ x + imd_sd", data=data).fit(cov_type="HC1")
    assert own["effect"] == pytest.approx(hc1.params["x"])
    assert own["effect_ci_high"] - own["effect_ci_low"] == pytest.approx(
        float(np.diff(hc1.conf_int().loc["x"])[0]), rel=0.05)
    shared = frame.assign(strategy_document=[f"doc-{i // 4}" for i in range(40)])
    clustered = adjusted_difference(shared, "strategy_score", "main_board_vcs")
    assert clustered["n_clusters"] == 10 and clustered["effect"] == pytest.approx(own["effect"])
    assert clustered["effect_ci_low"] != pytest.approx(own["effect_ci_low"])


def test_one_lep_per_shared_strategy_in_rank_tests():
    """The West Midlands' shared strategy is one observation: the first LEP of a shared document is kept, the others
    count as dropped; a per-LEP outcome (deprivation) keeps every LEP."""
    from lepstudy.analysis.representation import independent_units

    frame = pd.DataFrame({"strategy_document": ["wm", "wm", "wm", "a", "b"], "strategy_score": [5, 5, 5, 1, 2],
                          "imd_avg_score": [30, 31, 32, 10, 20], "main_board_vcs": [True, False, False, True, False]})
    kept = independent_units(frame, "strategy_score")
    assert list(kept.index) == [0, 3, 4]
    assert list(independent_units(frame, "imd_avg_score").index) == [0, 1, 2, 3, 4]
    result = compare_groups(frame, "strategy_score", "main_board_vcs")
    assert (result["n"], result["dropped"]) == (3, 2)


def test_clustered_ols_uses_t_with_clusters_minus_one_degrees_of_freedom():
    """Known answer by hand: the CR1 sandwich, c = G/(G-1) (N-1)/(N-K), and t with G - 1 degrees of freedom."""
    from scipy import stats as sps

    from lepstudy.analysis.representation import adjusted_difference

    frame = _layer_frame(36, seed=7)
    frame["strategy_document"] = [f"doc-{i // 3}" for i in range(36)]          # 12 clusters of three
    got = adjusted_difference(frame, "strategy_score", "main_board_vcs")
    imd = frame["imd_avg_score"].to_numpy(float)
    x = np.column_stack([np.ones(36), frame["main_board_vcs"].astype(float), (imd - imd.mean()) / imd.std(ddof=1)])
    y = frame["strategy_score"].to_numpy(float)
    bread = np.linalg.inv(x.T @ x)
    beta = bread @ x.T @ y
    resid = y - x @ beta
    meat = np.zeros((3, 3))
    for g in range(12):
        score = x[3 * g:3 * g + 3].T @ resid[3 * g:3 * g + 3]
        meat += np.outer(score, score)
    c = 12 / 11 * 35 / 33
    se = np.sqrt(c * (bread @ meat @ bread)[1, 1])
    t_crit = sps.t.ppf(0.975, 11)
    assert got["effect"] == pytest.approx(beta[1])
    assert got["p_value"] == pytest.approx(2 * sps.t.sf(abs(beta[1] / se), 11), rel=1e-6)
    assert (got["effect_ci_low"], got["effect_ci_high"]) == pytest.approx((beta[1] - t_crit * se,
                                                                           beta[1] + t_crit * se), rel=1e-6)


def test_ordinal_logit_needs_every_band_and_checks_proportional_odds():
    rng = np.random.default_rng(5)
    n = 400
    seat = rng.integers(0, 2, n)
    latent = 1.0 * seat + rng.logistic(size=n)
    frame = pd.DataFrame({"seat": seat, "imd": rng.normal(20, 5, n),
                          "band": np.where(latent < 0, "Weak", np.where(latent < 2, "Moderate", "Strong"))})
    model = ordinal_logit(frame, "band", ["Weak", "Moderate", "Strong"], ["seat", "imd"]).set_index("term")
    assert model.at["seat", "proportional_odds"].startswith("not contradicted")
    sparse = frame.copy()
    sparse.loc[sparse.index[(sparse["band"] == "Strong").to_numpy()][3:], "band"] = "Moderate"
    note = ordinal_logit(sparse, "band", ["Weak", "Moderate", "Strong"], ["seat", "imd"]).at[0, "note"]
    assert note.startswith("not estimable: outcome bands of") and note.endswith("each needs at least 5")
