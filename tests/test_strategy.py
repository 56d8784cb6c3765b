"""Codebook scoring, the ordinal model on simulated data, and the small-n guards."""

import numpy as np
import pandas as pd
import pytest

from lepstudy.errors import DataError
from lepstudy.representation import compare_groups, fisher_table, ordinal_logit, trend_test
from lepstudy.scoring.strategy import coder_totals, load_codebook, strategy_scores


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
    result = compare_groups(frame, "score", "seat", "Mann-Whitney")
    assert result["result"].startswith("not estimable") and result["n"] == 5 and result["dropped"] == 3
    assert fisher_table(frame, "seat", "lis")["result"].startswith("not estimable: a margin is empty")
    assert trend_test(frame, "score")["result"].startswith("not estimable")
    tiny = pd.DataFrame({"seat": [0, 1, 0, 1], "imd": [1, 2, 3, 4], "y": ["a", "b", "a", "b"]})
    assert ordinal_logit(tiny, "y", ["a", "b"], ["seat", "imd"]).at[0, "note"].startswith("not estimable: n = 4")


def test_mde_note_accompanies_non_significant_results():
    rng = np.random.default_rng(1)
    frame = pd.DataFrame({"seat": pd.array([True, False] * 15, dtype="boolean"), "score": rng.normal(size=30)})
    result = compare_groups(frame, "score", "seat", "Mann-Whitney")
    assert result["p_value"] >= 0.05
    assert "with groups of 15 and 15 LEPs this design could only detect a difference of about" in result["mde_note"]


def test_apr_coverage_against_national_totals(settings):
    from lepstudy.representation import apr_coverage
    from lepstudy.sources import load_published_figures

    table = apr_coverage(settings, load_published_figures(settings.raw_dir)).set_index("category")
    assert table["national_total"].tolist() == [6, 26, 5, 0]
    assert (table["per_lep_ratings_found"] <= table["national_total"]).all()
    assert table.at["Exceptional", "per_lep_ratings_found"] == 1   # Enterprise M3, 2018-19


def test_descriptives_use_x_of_n_for_yes_no_outcomes_read_from_csv(tmp_path):
    from lepstudy.representation import descriptives

    frame = pd.DataFrame({"seat": [True, True, True, False], "lis": [True, False, None, True],
                          "score": [1.0, 2.0, 3.0, 4.0]})
    frame.to_csv(tmp_path / "m.csv", index=False)
    read = pd.read_csv(tmp_path / "m.csv")            # booleans with blanks come back as objects
    table = descriptives(read, "lis", "seat").set_index("group")
    assert table.at["seat = True", "summary"] == "1 of 2 (50%)"
    assert table.at["seat = True", "n_leps"] == 3 and table.at["seat = True", "n_with_evidence"] == 2
    assert descriptives(read, "score", "seat").set_index("group").at["seat = False", "summary"] == "median 4.0 (n = 1)"
