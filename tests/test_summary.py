"""Each summary sentence on small hand-made tables: every number comes from the table, labels from its flags."""

import pandas as pd

from lepstudy import summary


def test_study_area_sentence_counts_districts_once():
    area = pd.Series({"n_bodies": 3, "n_districts": 10, "n_districts_in_two_bodies": 2,
                      "population_mid2019": 1_000_000, "population_sum_over_bodies": 1_150_000})
    text = summary.study_area_sentence(area)
    assert text == ("The study covers 3 LEPs and 1,000,000 residents (ONS mid-2019, 10 districts; 2 districts sat "
                    "in two LEPs and are counted once).")


def test_count_sentence_gives_bounds_not_an_interval_when_undetermined():
    open_row = pd.Series({"n": 10, "lower": 2, "upper": 7, "determined": False, "text": "2 of 10 (20%)",
                          "ci_low": float("nan"), "ci_high": float("nan"), "synthetic_inputs": False})
    text = summary.count_sentence(open_row, "public")
    assert "at least 2 of 10 (20%), at most 7 of 10 (70%)" in text and "5 LEPs could be rated" in text
    assert "interval" in text and "Wilson" not in text and "synthetic" not in text
    fixed = pd.Series({"n": 10, "lower": 4, "upper": 4, "determined": True, "text": "4 of 10 (40%)",
                       "ci_low": 0.168, "ci_high": 0.687, "synthetic_inputs": True})
    text = summary.count_sentence(fixed, "full")
    assert "on synthetic demonstration data rates 4 of 10 (40%)" in text and "17% to 69%" in text


def _bounds(consistent=True, synthetic=False):
    rows = [("best", 0, 6), ("worst", 10, 10), ("free", 0, 10)]
    return pd.DataFrame([{"feedback": f, "rubric": "default", "minimum": lo, "maximum": hi, "n": 10,
                          "window_low": 6, "window_high": 7, "two_thirds_reachable": lo <= 7 and hi >= 6,
                          "consistent": consistent, "conflicting_figures": "" if consistent else "a; b",
                          "synthetic_inputs": synthetic} for f, lo, hi in rows])


def test_reconstruction_answer_reads_every_number_and_tags_the_inputs():
    tipping = pd.DataFrame([{"reference": "favourable", "reach_from": 1, "reach_to": 8, "forced_from": 7}])
    samples = pd.DataFrame({"sample": [0, 0, 1, 1], "feedback": ["best", "neutral", "best", "neutral"],
                            "ri_or_inadequate": [2, 7, 4, 9]})
    text = summary.reconstruction_answer(_bounds(), tipping, samples)
    assert "anywhere from 0 to 10 of 10" in text[0] and "(6 to 7 of 10)" in text[0]
    assert "at most 6 of 10" in text[1] and "still reachable" in text[1] and "10 of 10 would be" in text[1]
    assert "in 1 to 8 of 10 LEP areas" in text[2] and "at least 7 of 10 areas" in text[2]
    assert "median count is 3 of 10" in text[3] and "8 of 10 with middling" in text[3]
    assert all(t.endswith("[real: public evidence and NCVO's published counts only]") for t in text)
    assert summary.reconstruction_answer(_bounds(synthetic=True), tipping, samples)[0].endswith(
        "[synthetic: rests on synthetic stand-ins]")


def test_reconstruction_answer_names_contradictions():
    text = summary.reconstruction_answer(_bounds(consistent=False), pd.DataFrame(
        [{"reference": "favourable", "reach_from": pd.NA, "reach_to": pd.NA, "forced_from": pd.NA}]), pd.DataFrame())
    assert len(text) == 1 and "cannot all be true" in text[0] and "a; b" in text[0]


def test_backtest_sentence_counts_every_status_and_wide_bounds():
    table = pd.DataFrame([
        {"figure_id": "n_leps", "kind": "trivial", "published_value": 10, "bound_width": 0,
         "published_inside_public_bounds": True, "full_status": "reproduced"},
        {"figure_id": "a", "kind": "count", "published_value": 4, "bound_width": 8,
         "published_inside_public_bounds": True, "full_status": "matched by construction"},
        {"figure_id": "b", "kind": "count", "published_value": 4, "bound_width": 2,
         "published_inside_public_bounds": False, "full_status": "differs"},
        {"figure_id": "reconstruction_two_thirds_reachable", "kind": "consistency", "published_value": 0.67,
         "bound_width": 1, "published_inside_public_bounds": False, "full_status": "consistency check"},
    ])
    text = summary.backtest_sentence(table)
    assert "2 of 3 published figures lie within" in text
    assert "1 of the 2 count bounds are at least half the 10 LEPs wide" in text
    assert "1 reproduced" in text and "1 matched by construction" in text and "1 differs" in text
    assert "NOT reachable" in text


def test_specification_sentence_reads_the_summary_and_tags_the_inputs():
    row = pd.Series({"variant": "full", "n_leps": 38, "n_distinct": 1234, "count_min": 7, "count_max": 33,
                     "share_majority_point": 0.52, "share_in_window": 0.2, "window_low": 24, "window_high": 26,
                     "synthetic_inputs": True, "share_determined": 1.0, "upper_max": 33,
                     "share_majority_certain": 0.52, "share_majority_possible": 0.52,
                     "share_in_window_possible": 0.2})
    largest = pd.Series({"term": "good_min_share", "share": 0.66})
    text = summary.specification_sentence(row, largest)
    for part in ("1,234 distinct specifications", "give 7 to 33 of 38", "majority in 52% of them", "(24-26) in 20%",
                 "good min share explains the most variance (66%)", "[synthetic"):
        assert part in text, part
    public = summary.specification_sentence(pd.Series({**row, "variant": "public", "synthetic_inputs": False,
                                                       "count_min": 0, "count_max": 5, "share_determined": 0.0,
                                                       "upper_max": 38, "share_majority_certain": 0.0,
                                                       "share_majority_possible": 1.0}), None)
    assert public.startswith("On public evidence alone") and "[real" in public and "variance" not in public
    assert "at least 0 to 5 of 38" in public
    assert ("up to 38 as the unknown evidence allows; a majority certain in 0% of them and possible in 100%, about "
            "two-thirds (24-26) certain in 20% and possible in 20%") in public


def test_uncertainty_sentence_reads_the_model_row():
    model = pd.Series({"count": 20.72, "n": 38, "level": 0.9, "interval_low": 18.0, "interval_high": 23.0,
                       "p_majority": 0.77, "p_in_window": 0.05, "window_low": 24, "window_high": 26,
                       "synthetic_inputs": False})
    text = summary.uncertainty_sentence(model)
    for part in ("expected count is 20.7 of 38", "90% interval 18 to 23", "majority has probability 77%",
                 "(24-26) 5%", "[real"):
        assert part in text, part


def test_representation_sentence_reports_the_primary_test():
    tests = pd.DataFrame([
        {"layer": "real", "role": "primary", "result": "not estimable: group sizes [10, 0]", "synthetic_inputs": False,
         "p_holm": float("nan")},
        {"layer": "real", "role": "secondary", "result": "3 of 5 with vs 1 of 4 without", "synthetic_inputs": False,
         "p_holm": 0.4},
        {"layer": "demo", "role": "primary", "result": "median 6.5 with vs 7.5 without", "test": "Mann-Whitney",
         "comparison": "strategy_score by main_board_vcs", "effect_measure": "rank-biserial r", "effect": -0.25,
         "effect_ci_low": -0.59, "effect_ci_high": 0.14, "p_value": 0.2, "p_holm": 0.2, "synthetic_inputs": True},
        {"layer": "demo", "role": "secondary", "result": "x", "p_value": 0.03, "p_holm": 0.22,
         "synthetic_inputs": True},
    ])
    text = summary.representation_sentence(tests)
    for part in ("1 of 2 planned tests can be estimated", "On the demonstration data the primary test (Mann-Whitney, "
                 "strategy score by main board vcs) gives rank-biserial r -0.25 (95% interval -0.59 to 0.14, p = "
                 "0.20); 0 of 2 tests stay below 5% after Holm adjustment", "[synthetic"):
        assert part in text, part


def test_nonresponse_sentence_states_the_tipping_shift():
    bounds = pd.Series({"n": 38, "n_responders": 23, "nonresponders_all_better": 0.26, "nonresponders_all_worse": 0.66,
                        "response_criterion_dropped": "transparency", "window_low": 24, "delta_to_window": -0.05,
                        "synthetic_inputs": True})
    text = summary.nonresponse_sentence(bounds)
    assert "15 LEPs that did not answer" in text and "26%" in text and "66%" in text
    assert "only if non-responders were worse than assessed by 5.0% of the maximum points" in text
    assert "without any shift" in summary.nonresponse_sentence(bounds.copy().replace(-0.05, 0.0))
    assert "no shift" in summary.nonresponse_sentence(pd.Series({**bounds, "delta_to_window": float("nan")}))


def test_public_record_sentence_counts_seats_and_late_sources():
    board = pd.DataFrame({"main_board_vcs": pd.array([True, True, True, False, None], dtype="boolean"),
                          "main_board_seat_dated": ["around fieldwork", "after fieldwork only", "around fieldwork",
                                                    None, None]})
    text = summary.public_record_sentence(board)
    assert text.startswith("Public sources confirm a voluntary and community sector seat on the main board of 3 of 5 "
                           "LEPs and rule it out for 1; for 1 of the 3 the only source dates from after NCVO's "
                           "fieldwork; for the other 1 the public record is silent.")
    assert "[real" in text
