import numpy as np
import pytest

from lepstudy.analysis.stats import x_of_n


def test_x_of_n():
    assert x_of_n(25, 38) == "25 of 38 (66%)"


def test_mann_whitney_published_example():
    # scipy / Wikipedia example: U for the first sample = 17, exact two-sided p = 0.1111
    from lepstudy.analysis.stats import mann_whitney

    result = mann_whitney([19, 22, 16, 29, 24], [20, 11, 17, 12])
    assert result["U"] == 17
    assert result["p_value"] == pytest.approx(0.111111, abs=1e-5)
    assert result["rank_biserial"] == pytest.approx(2 * 17 / 20 - 1)


def test_fisher_lady_tasting_tea():
    # Fisher's tea-tasting table [[3, 1], [1, 3]]: two-sided p = 34/70
    from lepstudy.analysis.stats import fisher_exact

    assert fisher_exact([[3, 1], [1, 3]])["p_value"] == pytest.approx(34 / 70)


def test_jonckheere_terpstra_exact_small_case():
    # fully ordered groups: J = 3 pairs of groups x 4 = 12, the maximum; exactly 1 of the
    # 6!/(2!2!2!) = 90 distinct assignments reaches it, so p = 1/90
    from lepstudy.analysis.stats import jonckheere_statistic, jonckheere_terpstra

    result = jonckheere_terpstra([[1, 2], [3, 4], [5, 6]])
    assert result["J"] == 12 and result["method"] == "exact"
    assert result["p_value"] == pytest.approx(1 / 90)
    assert jonckheere_statistic([[1, 2], [2, 3]]) == 3.5  # ties count one half


def test_jonckheere_terpstra_monte_carlo_agrees_with_exact():
    from lepstudy.analysis.stats import jonckheere_terpstra

    groups = [[1, 3, 2], [2, 5, 4], [6, 4, 7]]
    exact = jonckheere_terpstra(groups)
    approx = jonckheere_terpstra(groups, exact_limit=0, n_perm=4000, seed=3)
    assert exact["method"] == "exact" and approx["method"] == "monte carlo"
    assert approx["p_value"] == pytest.approx(exact["p_value"], abs=0.02)


def test_minimum_detectable_effect_shrinks_with_n():
    from lepstudy.analysis.stats import mann_whitney_mde

    small, large = mann_whitney_mde(10, 10, n_sim=800), mann_whitney_mde(40, 40, n_sim=800)
    assert large < small
    assert 0.5 < large < 0.8 < small < 1.6  # normal theory: 2.8/sqrt(n/2) * ~1.05 for Mann-Whitney


def test_fisher_mde_known_case():
    # 19 vs 19 LEPs from a 50% base rate: by exact enumeration a rise to ~95% is needed for 80%
    # power; with 100 per group a much smaller rise suffices
    from lepstudy.analysis.stats import fisher_mde

    small = fisher_mde(19, 19, 0.5)
    assert 0.35 <= small <= 0.5
    assert fisher_mde(100, 100, 0.5) < 0.25 < small
    assert fisher_mde(1, 1, 0.5) == float("inf")


def test_fisher_rejection_table_agrees_with_scipy():
    from scipy.stats import fisher_exact as scipy_fisher

    from lepstudy.analysis.stats import fisher_rejection_table

    table = fisher_rejection_table(7, 9)
    for a in range(8):
        for b in range(10):
            assert table[a, b] == (scipy_fisher([[a, 7 - a], [b, 9 - b]]).pvalue < 0.05), (a, b)


@pytest.mark.parametrize("sizes", [[10, 3], [36, 2], [2, 5, 7]])
def test_jonckheere_terpstra_returns_exact_where_it_used_to_hang(sizes):
    """These group sizes enumerated n! orderings before; now distinct assignments (at most C(38,2) = 703 for
    [36, 2] and 72,072 for [2, 5, 7]). With two groups J is the Mann-Whitney U of the later group, so the
    exact p must equal scipy's exact one-sided Mann-Whitney p (an independent implementation)."""
    from scipy.stats import mannwhitneyu

    from lepstudy.analysis.stats import jonckheere_terpstra

    rng = np.random.default_rng(7)
    groups = [rng.normal(0.3 * i, 1, n) for i, n in enumerate(sizes)]
    result = jonckheere_terpstra(groups)
    assert result["method"] == "exact" and result["n"] == sum(sizes)
    if len(sizes) == 2:
        expected = mannwhitneyu(groups[1], groups[0], alternative="greater", method="exact").pvalue
        assert result["p_value"] == pytest.approx(expected)


def test_jonckheere_terpstra_refuses_an_empty_group():
    from lepstudy.analysis.stats import jonckheere_terpstra

    with pytest.raises(ValueError, match="non-empty groups"):
        jonckheere_terpstra([[1, 2], []])


def test_jonckheere_terpstra_with_groups_of_one():
    # one value per group, values in order: 1 of the 3! = 6 assignments reaches J = 3, so p = 1/6
    from lepstudy.analysis.stats import jonckheere_terpstra

    result = jonckheere_terpstra([[1], [2], [3]])
    assert (result["J"], result["method"]) == (3, "exact")
    assert result["p_value"] == pytest.approx(1 / 6)


def test_fisher_one_sided_known_answer():
    # [[3, 0], [0, 3]]: the most extreme of the C(6,3) = 20 tables with these margins, probability 1/20;
    # one-sided p = 1/20, two-sided adds the mirror table: 2/20
    from lepstudy.analysis.stats import fisher_exact

    assert fisher_exact([[3, 0], [0, 3]], alternative="greater")["p_value"] == pytest.approx(1 / 20)
    assert fisher_exact([[3, 0], [0, 3]], alternative="less")["p_value"] == pytest.approx(1.0)
    assert fisher_exact([[3, 0], [0, 3]])["p_value"] == pytest.approx(2 / 20)
    with pytest.raises(ValueError, match="2x2 table of whole counts"):
        fisher_exact([[3, -1], [0, 3]])


def test_boschloo_matches_the_published_example():
    """SciPy's documented example of Boschloo's test (alternative 'greater'): Fisher statistic 0.0483, p = 0.0355;
    conditional odds ratio 1.77 (exact 95% interval 0.91 to 3.46)."""
    from lepstudy.analysis.stats import boschloo

    result = boschloo([[74, 31], [43, 32]], alternative="greater")
    assert result["fisher_p_value"] == pytest.approx(0.0483, abs=1e-4)
    assert result["p_value"] == pytest.approx(0.0355, abs=1e-4)
    assert result["p_value"] <= result["fisher_p_value"]          # never less powerful than Fisher
    assert result["odds_ratio"] == pytest.approx(1.77, abs=0.01)
    assert result["or_ci_low"] < 1 < result["or_ci_high"]
    with pytest.raises(ValueError, match="2x2 table of whole counts"):
        boschloo([[1, 2, 3], [4, 5, 6]])


def test_holm_hand_case():
    """p = .01, .04, .03: sorted .01 x 3 = .03, .03 x 2 = .06, .04 x 1 = .04 -> running maximum .03, .06, .06; a test
    that could not be run (NaN) is not counted."""
    from lepstudy.analysis.stats import holm

    assert holm([0.01, 0.04, 0.03]) == pytest.approx([0.03, 0.06, 0.06])
    out = holm([0.01, np.nan, 0.04])
    assert np.isnan(out[1]) and out[[0, 2]] == pytest.approx([0.02, 0.04])
