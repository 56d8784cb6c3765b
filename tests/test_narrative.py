"""The sentences notebooks 03 and 04 print, on small hand-made tables (known answers)."""

import numpy as np
import pandas as pd

from lepstudy.narrative import real_evidence_bullets, representation_conclusion, synthetic_parts_notice


def measures() -> pd.DataFrame:
    return pd.DataFrame({
        "layer": ["real"] * 4 + ["demo"] * 4,
        "main_board_vcs": pd.array([True, True, pd.NA, False, True, False, True, False], dtype="boolean"),
        "seat_group": ["CVS", None, None, "none", "CVS", "none", "CVS", "none"],
        "lis_published": ["yes", "no", None, None, "yes", "no", "yes", "no"],
        "ig_content_seen": pd.array([True, pd.NA, pd.NA, False] * 2, dtype="boolean"),
    })


def apr(totals=(6, 26, 5, 0)) -> pd.DataFrame:
    return pd.DataFrame({"category": ["Exceptional", "Good", "Requires improvement", "Inadequate"],
                         "national_total": pd.array(totals, dtype="Int64"), "per_lep_ratings_found": [1, 0, 0, 0]})


def planned_tests(synthetic: bool) -> pd.DataFrame:
    return pd.DataFrame({
        "layer": ["real", "real", "demo", "demo", "demo"], "role": ["primary", "secondary", "primary", "secondary",
                                                                   "secondary"],
        "test": ["Mann-Whitney", "Fisher", "Mann-Whitney", "Fisher", "Boschloo"],
        "comparison": ["strategy_by_seat"] * 5,
        "result": ["not estimable: one group", "no difference", "no difference", "difference", "no difference"],
        "effect_measure": ["rank-biserial"] * 5, "effect": [np.nan, 0.1, 0.2, 0.5, 0.3],
        "effect_ci_low": [np.nan, -0.5, -0.3, 0.1, -0.2], "effect_ci_high": [np.nan, 0.6, 0.6, 0.8, 0.7],
        "p_value": [np.nan, 0.8, 0.41, 0.01, 0.3], "p_holm": [np.nan, np.nan, np.nan, 0.02, 0.3],
        "n": [4, 4, 8, 8, 8], "mde_note": [None, None, "with groups of 4 and 4 this design could detect only large "
                                                      "effects", None, None],
        "synthetic_inputs": [False, False, synthetic, synthetic, synthetic]})


def test_real_evidence_bullets_count_what_is_known():
    text = real_evidence_bullets(measures(), apr())
    assert "for **3 of 4** bodies (2 with a seat, 1 shown without)" in text
    assert "Seat type known (not 'unclear') for 2 of 4" in text
    assert "status known for 2 of 4; inclusive-growth content seen for 1 of 4" in text
    assert "found for 1 of them against national totals of 37" in text
    assert "no national totals published" in real_evidence_bullets(measures(), apr((None,) * 4))


def test_conclusion_names_its_inputs_and_the_holm_count():
    synthetic = representation_conclusion(planned_tests(True), measures(), apr(), pd.DataFrame({"value": [0.71]}))
    assert "Of 2 planned tests on public evidence alone, 1 could be estimated" in synthetic
    assert "2 bodies with a VCS seat and 1 without" in synthetic
    assert "**Demonstration (synthetic).**" in synthetic and "noise" in synthetic
    assert "(rank-biserial 0.20, 95% interval -0.30 to 0.60; p = 0.41, n = 8)" in synthetic
    assert "With groups of 4 and 4 this design could detect only large effects." in synthetic
    assert "After Holm adjustment, 1 of 2 tests of this layer are below 5%" in synthetic
    assert "Krippendorff's alpha 0.71" in synthetic
    real = representation_conclusion(planned_tests(False), measures(), apr(), pd.DataFrame({"value": [0.71]}))
    assert "**Your data.**" in real and "synthetic" not in real.lower()


def test_synthetic_parts_notice_names_only_the_flagged_parts():
    flagged, clean = pd.DataFrame({"synthetic_inputs": [True]}), pd.DataFrame({"synthetic_inputs": [False]})
    assert synthetic_parts_notice({"curve": clean, "model": clean}) == ""
    assert "The model rests on synthetic stand-ins" in synthetic_parts_notice({"curve": clean, "model": flagged})
    assert "The curve, model and survey rest on" in synthetic_parts_notice(
        {"curve": flagged, "model": flagged, "survey": flagged})


def test_robustness_conclusion_reads_every_number_from_its_tables():
    from lepstudy.narrative import robustness_conclusion

    common = {"n_leps": 38, "share_determined": 1.0, "window_low": 24, "window_high": 26,
              "share_majority_point": 0.5, "share_in_window": 0.25}
    summary = pd.DataFrame([{**common, "variant": "full", "n_distinct": 7128, "count_min": 7, "count_max": 33,
                             "synthetic_inputs": True},
                            {**common, "variant": "public", "n_distinct": 324, "count_min": 0, "count_max": 5,
                             "synthetic_inputs": False}])
    variance = pd.DataFrame({"variant": ["full", "full"], "term": ["good_min_share", "gate"], "share": [0.66, 0.1]})
    uncertainty = pd.DataFrame({"count": [19, 20.7], "level": [np.nan, 0.9], "interval_low": [np.nan, 18],
                                "interval_high": [np.nan, 23], "p_majority": [np.nan, 0.77],
                                "p_in_window": [np.nan, 0.05]})
    bounds = pd.Series({"n": 38, "n_responders": 23, "nonresponders_all_better": 0.26, "nonresponders_all_worse": 0.66,
                        "response_criterion_dropped": "transparency", "delta_to_window": 0.0, "window_low": 24,
                        "synthetic_inputs": True})
    agreement = pd.DataFrame({"value": [0.61], "ci_low": [0.4], "ci_high": [0.82]})
    text = robustness_conclusion(summary, variance, uncertainty, bounds, agreement)
    assert text.startswith("Across 7,128 distinct specifications on synthetic demonstration data, the analysis gives "
                           "7 to 33 of 38 LEPs rated RI or Inadequate; a majority in 50% of them")
    assert "**where Good starts** (66% of the variance)" in text           # the choice in plain English
    assert "With public evidence alone it gives 0 to 5 of 38" in text
    assert "The plug-in count is 19 of 38" in text and "expected count is 20.7 (90% interval 18 to 23)" in text
    assert "majority of LEPs is RI or Inadequate is 77% and that the count is about two-thirds 5%" in text
    assert "the count reaches NCVO's 24 without any shift" in text
    assert text.endswith("Two raters agree with weighted kappa 0.61 (0.40 to 0.82).")
