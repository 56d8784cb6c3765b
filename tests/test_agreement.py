"""Agreement measures against published and hand-worked examples."""

import numpy as np
import pandas as pd
import pytest

from lepstudy.analysis.agreement import krippendorff_alpha, ratings_matrix, weighted_kappa


def _from_table(table):
    a, b = [], []
    for i, row in enumerate(table):
        for j, count in enumerate(row):
            a += [i] * count
            b += [j] * count
    return pd.Series(a), pd.Series(b)


def test_kappa_two_categories_textbook():
    # Cohen's kappa textbook example (yes/no: 20, 5 / 10, 15): po = 0.7, pe = 0.5, kappa = 0.4
    a, b = _from_table([[20, 5], [10, 15]])
    assert weighted_kappa(a, b, [0, 1])["kappa"] == pytest.approx(0.4)


def test_linear_weighted_kappa_hand_worked():
    # 3x3 table; disagreement weights |i-j|. Observed sum w*o = 11, expected sum w*r_i*c_j/N = 36.1
    # (rows 12, 13, 15; columns 14, 12, 14; N = 40), so kappa_w = 1 - 11/36.1 = 0.695291
    a, b = _from_table([[10, 2, 0], [3, 8, 2], [1, 2, 12]])
    result = weighted_kappa(a, b, [0, 1, 2])
    assert result["kappa"] == pytest.approx(1 - 11 / 36.1, abs=1e-9)
    assert result["ci_low"] < result["kappa"] < result["ci_high"]
    assert result["n"] == 40


def test_krippendorff_alpha_published_example():
    # Krippendorff (2011), "Computing Krippendorff's alpha-reliability", 4 coders x 12 units with
    # missing values: nominal 0.743, ordinal 0.815, interval 0.849.
    nan = np.nan
    data = [[1, 2, 3, 3, 2, 1, 4, 1, 2, nan, nan, nan],
            [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, nan, 3],
            [nan, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, nan],
            [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, nan]]
    ordinal = krippendorff_alpha(np.array(data), "ordinal", n_boot=200, seed=1)
    assert ordinal["alpha"] == pytest.approx(0.815, abs=5e-4)
    assert ordinal["ci_low"] <= ordinal["alpha"] <= ordinal["ci_high"]
    assert krippendorff_alpha(np.array(data), "nominal", n_boot=10)["alpha"] == pytest.approx(0.743, abs=5e-4)


def test_ratings_matrix_orders_labels():
    long = pd.DataFrame({"lep": ["a", "a", "b", "b"], "rater": ["A", "B", "A", "B"],
                         "rating": ["Good", "Inadequate", "Requires improvement", "Good"]})
    matrix = ratings_matrix(long, "lep", "rater", "rating", ["Inadequate", "Requires improvement", "Good"])
    assert matrix.tolist() == [[2.0, 1.0], [0.0, 2.0]]


def test_kappa_pairs_raters_by_lep_not_by_position():
    import pandas as pd

    from lepstudy.analysis.agreement import weighted_kappa

    a = pd.Series([0, 1, 1, 0], index=["L1", "L2", "L3", "L4"])
    b = pd.Series([0, 1, 0, 0], index=["L1", "L2", "L3", "L4"])
    shuffled = b.loc[["L4", "L3", "L2", "L1"]]
    assert weighted_kappa(a, shuffled, [0, 1])["kappa"] == pytest.approx(weighted_kappa(a, b, [0, 1])["kappa"])


def test_kappa_says_why_it_is_undefined():
    import math

    import pandas as pd

    from lepstudy.analysis.agreement import weighted_kappa

    same = pd.Series(["Good"] * 3, index=["L1", "L2", "L3"])
    result = weighted_kappa(same, same, ["Inadequate", "Requires improvement", "Good"])
    assert math.isnan(result["kappa"]) and "one and the same category" in result["note"]
    apart = weighted_kappa(same.iloc[:1], same.iloc[1:], ["Good"])
    assert math.isnan(apart["kappa"]) and "no unit was rated by both" in apart["note"]


def test_icc_matches_shrout_and_fleiss():
    """Shrout & Fleiss (1979), Table 2: six targets rated by four judges; ICC(1,1) = 0.17."""
    from lepstudy.analysis.agreement import icc_oneway

    ratings = [[9, 2, 5, 8], [6, 1, 3, 2], [8, 4, 6, 8], [7, 1, 2, 6], [10, 5, 6, 9], [6, 2, 4, 7]]
    long = pd.DataFrame([{"target": t, "judge": j, "score": s} for t, row in enumerate(ratings)
                         for j, s in enumerate(row)])
    result = icc_oneway(long, "target", "judge", "score")
    assert result["icc"] == pytest.approx(0.17, abs=0.005)
    assert result["ci_low"] < result["icc"] < result["ci_high"] and result["k"] == 4 and result["n_units"] == 6
    partial = long.drop(index=[0])      # one rating missing: that target is left out and counted
    assert icc_oneway(partial, "target", "judge", "score")["note"].startswith("1 units rated fewer than 4")


def test_alpha_bootstrap_resamples_whole_clusters():
    """Ten distinct units, each copied five times: treating the 50 copies as independent understates the
    uncertainty; resampling the ten clusters gives a wider interval. Singleton clusters equal no clusters."""
    from lepstudy.analysis.agreement import krippendorff_alpha

    rng = np.random.default_rng(0)
    base = rng.integers(0, 3, size=(2, 10)).astype(float)
    base[1] = np.where(rng.random(10) < 0.7, base[0], rng.integers(0, 3, 10))
    copies = np.repeat(base, 5, axis=1)
    clusters = np.repeat(np.arange(10), 5)
    naive = krippendorff_alpha(copies, n_boot=400, seed=1)
    clustered = krippendorff_alpha(copies, n_boot=400, seed=1, clusters=clusters)
    assert clustered["alpha"] == naive["alpha"] and clustered["n_clusters"] == 10
    assert clustered["ci_high"] - clustered["ci_low"] > naive["ci_high"] - naive["ci_low"]
    same = krippendorff_alpha(copies, n_boot=50, seed=3, clusters=np.arange(50))
    assert same == {**krippendorff_alpha(copies, n_boot=50, seed=3), "n_clusters": 50}
