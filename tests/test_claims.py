"""Claims both ways: on hand-made tables where each sentence is true its predicate holds, and on tables where the
sentence must not be made (a number changed, a wording no longer earned) the same predicate fails. The wording
a builder picks follows the tables (three verdicts of the record, conditions on unpublished quantities)."""

from __future__ import annotations

import pandas as pd
import pytest

from lepstudy.analysis import claims


def changed(tables: dict, name: str, **columns) -> dict:
    """A copy of the tables with some columns of one table replaced."""
    out = dict(tables)
    out[name] = tables[name].copy()
    for column, values in columns.items():
        out[name][column] = values
    return out


# --- the public record ------------------------------------------------------------------------------------

def board(seats=(True, True, None, None), dated=("around fieldwork", "after fieldwork only", None, None)):
    return {"board_evidence_public": pd.DataFrame({
        "lep17_code": [f"E{i}" for i in range(len(seats))],
        "main_board_vcs": pd.array(seats, dtype="boolean"), "main_board_seat_dated": list(dated)})}


def test_seats_on_record_both_ways():
    tables = board()
    claim = claims.seats_on_record(tables)
    assert claim.text == ("Public sources show a voluntary sector seat on 2 of 4 LEPs' main boards; for 1, the only "
                          "source is dated after NCVO's fieldwork. The other 2 are unknown.")
    assert claim.layer == "real" and claim.holds(tables)
    # a third seat found, or the late source redated: the sentence is no longer true
    assert not claim.holds(board(seats=(True, True, True, None), dated=("around fieldwork", "after fieldwork only",
                                                                        "around fieldwork", None)))
    assert not claim.holds(board(dated=("around fieldwork", "around fieldwork", None, None)))


# --- the reconstruction -----------------------------------------------------------------------------------

def bounds(free=(0, 10), best=(0, 6), worst=(10, 10), window=(6, 7), consistent=True):
    rows = [("best", *best), ("worst", *worst), ("free", *free)]
    return pd.DataFrame([{"feedback": f, "minimum": lo, "maximum": hi, "n": 10, "window_low": window[0],
                          "window_high": window[1], "consistent": consistent,
                          "conflicting_figures": "" if consistent else "a; b", "synthetic_inputs": False}
                         for f, lo, hi in rows])


@pytest.mark.parametrize("free, verdict", [((0, 10), "neither confirms nor rules out"), ((6, 7), "confirms"),
                                           ((0, 5), "rules out"), ((8, 10), "rules out")])
def test_record_allows_picks_the_verdict_the_bounds_earn(free, verdict):
    tables = {"reconstruction_bounds": bounds(free=free)}
    claim = claims.record_allows(tables)
    words = {"neither confirms nor rules out": "neither confirm nor rule out", "confirms": "confirm",
             "rules out": "rule out"}[verdict]
    assert f"anywhere from {free[0]} to {free[1]} of 10" in claim.text and f"so they {words} about" in claim.text
    assert claim.holds(tables)
    # the same sentence against bounds that earn another verdict fails
    other = (6, 7) if free != (6, 7) else (0, 10)
    assert not claim.holds({"reconstruction_bounds": bounds(free=other)})


@pytest.mark.parametrize("free, words", [((0, 10), "neither confirm nor rule out"), ((6, 7), "confirm NCVO"),
                                         ((0, 5), "rule out")])
def test_the_title_states_the_verdict_the_bounds_earn(free, words):
    tables = {"reconstruction_bounds": bounds(free=free)}
    title = claims.answer_title(tables)
    assert title.section == "title" and f"Public records {words}" in title.text and title.holds(tables)
    other = (6, 7) if free != (6, 7) else (0, 10)
    assert not title.holds({"reconstruction_bounds": bounds(free=other)})


def test_record_allows_names_contradictions():
    tables = {"reconstruction_bounds": bounds(consistent=False)}
    claim = claims.record_allows(tables)
    assert "cannot all be true" in claim.text and "a; b" in claim.text and claim.holds(tables)
    assert not claim.holds({"reconstruction_bounds": bounds()})


def sensitivity(maxima: list[int | None], quantity="esif_expired", window=(6, 7)) -> dict:
    """A sweep of one unpublished quantity: the favourable maximum at k = 0, 1, ... (None: inconsistent)."""
    n = 10
    rows = [{"quantity": quantity, "label": "things", "k": k, "n": n, "window_low": window[0],
             "window_high": window[1], "favourable_minimum": 0 if m is not None else None, "favourable_maximum": m,
             "very_poor_minimum": n if m is not None else None, "very_poor_maximum": n if m is not None else None,
             "consistent": m is not None, "favourable_reaches_two_thirds": m is not None and m >= window[0],
             "synthetic_inputs": False} for k, m in enumerate(maxima)]
    sweep = pd.DataFrame(rows).astype({c: "Int64" for c in ("favourable_minimum", "favourable_maximum",
                                                            "very_poor_minimum", "very_poor_maximum")})
    from lepstudy.analysis.reconstruction import sensitivity_summary

    summary = sensitivity_summary(sweep)
    summary["synthetic_inputs"] = False
    return {"reconstruction_sensitivity": sweep, "reconstruction_sensitivity_summary": summary}


def test_sensitivity_summary_known_answer():
    # favourable maximum 4, 5, 6, 7, 8, 8 at k = 0..5, then inconsistent: reachable (>= 6) from k = 2
    summary = sensitivity([4, 5, 6, 7, 8, 8, None])["reconstruction_sensitivity_summary"].iloc[0]
    assert (summary["k_min"], summary["k_max"]) == (0, 5)
    assert (summary["reachable_k_from"], summary["reachable_k_to"]) == (2, 5)
    assert (summary["favourable_max_at_k_min"], summary["favourable_max_overall"]) == (4, 8)
    assert summary["moves"] == "favourable: most; favourable: two-thirds reachable"


def test_esif_condition_both_ways():
    tables = sensitivity([4, 5, 6, 7, 8, 8, None])
    claim = claims.favourable_condition(tables, "esif_expired", "findings")
    assert "how many of the 5 ESIF committees NCVO counted as having a voluntary sector member" in claim.text
    assert ("With none expired, at most 4 LEPs could fall short. About two-thirds (6 or more) needs at least 2 "
            "expired; the most, 8, needs 4 or more.") in claim.text
    assert claim.holds(tables)
    short = claims.favourable_condition(tables, "esif_expired", "main")       # the main point: the same, shorter
    assert short.text == ("With favourable feedback everywhere, 6 or more LEPs could fall short only if at least 2 "
                          "ESIF committees' voluntary sector memberships had expired; with none expired, at most 4.")
    assert short.holds(tables) and len(short.text.split()) <= claims.MAIN_POINT_WORDS
    # a sweep in which one expired membership already suffices: "at least 2" is no longer the condition
    assert not claim.holds(changed(tables, "reconstruction_sensitivity", favourable_maximum=pd.array(
        [4, 6, 6, 7, 8, 8, None], dtype="Int64")))


@pytest.mark.parametrize("maxima, words", [([8, 7, 6, 5, 4], "was at most 2"), ([4, 4, 4], "could never fall short"),
                                           ([7, 7, 7], "could always fall short")])
def test_other_quantity_conditions_follow_the_sweep(maxima, words):
    tables = sensitivity(maxima, quantity="code_of_practice")
    claim = claims.favourable_condition(tables, "code_of_practice")
    assert words in claim.text and claim.holds(tables)
    flipped = list(reversed(maxima)) if maxima[0] != maxima[-1] else [m + (3 if maxima[0] < 6 else -3)
                                                                     for m in maxima]
    assert not claim.holds(changed(tables, "reconstruction_sensitivity",
                                   favourable_maximum=pd.array(flipped, dtype="Int64")))


def tipping(minima_by_reading: dict[str, list[int]], n=10, window=(6, 7)) -> dict:
    """``tipping_point`` (favourable reference) from the minimum at q = 0..n for each reading, and its summary."""
    from lepstudy.analysis.reconstruction import tipping_summary

    rows = [{"reading": reading, "reference": "favourable", "n_poor": q, "share_poor": q / n, "minimum": m,
             "maximum": n, "n": n, "window_low": window[0], "window_high": window[1],
             "reaches_two_thirds": m <= window[1], "synthetic_inputs": False}
            for reading, minima in minima_by_reading.items() for q, m in enumerate(minima)]
    point = pd.DataFrame(rows).astype({"minimum": "Int64", "maximum": "Int64"})
    summary = tipping_summary(point)
    summary["synthetic_inputs"] = False
    return {"tipping_point": point, "tipping_summary": summary}


MINIMA = [0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9]       # at least 6 from q = 7; 7 or fewer possible up to q = 8


def test_tipping_states_the_two_informative_numbers_both_ways():
    tables = tipping({"any number expired": MINIMA, "none expired": MINIMA})
    claim = claims.tipping(tables)
    assert claim.text == ("6 or more LEPs are certain to fall short only once feedback is poor in 7 or more areas "
                          "(favourable elsewhere); up to 8, 7 or fewer stays possible.")
    assert claim.holds(tables)          # the same numbers under every reading: the sentence needs no condition
    # the old false wording ("about two-thirds is certain") cannot be made: the minimum at q = 7 is 6, and the
    # predicate checks every row, so a table in which 6 comes one area earlier refutes the sentence
    earlier = [0, 0, 1, 2, 3, 4, 6, 6, 7, 8, 9]
    assert not claim.holds(tipping({"any number expired": earlier, "none expired": earlier}))
    # a reading under which the numbers differ refutes "holds whether or not"
    assert not claim.holds(tipping({"any number expired": MINIMA, "none expired": earlier}))


def test_tipping_says_when_readings_differ():
    tables = tipping({"any number expired": MINIMA, "none expired": [0, 0, 1, 2, 3, 4, 6, 6, 7, 8, 9]})
    claim = claims.tipping(tables)
    assert "they differ under the others" in claim.text and claim.holds(tables)


def test_poor_everywhere_keeps_poor_and_very_poor_apart():
    tables = {"reconstruction_bounds": bounds(worst=(10, 10)), **tipping({"any": MINIMA})}
    claim = claims.poor_everywhere(tables)
    assert claim.text == ("With very poor feedback everywhere, all 10 LEPs would fall short; with poor feedback "
                          "everywhere, 9 to 10 would.")
    assert claim.holds(tables)
    assert not claim.holds({**tables, "reconstruction_bounds": bounds(worst=(9, 10))})
    assert not claim.holds({**tables, **tipping({"any": MINIMA[:-1] + [10]})})


# --- counts, robustness and the rest ---------------------------------------------------------------------

def scored(worst: list[str], best: list[str]) -> pd.DataFrame:
    return pd.DataFrame({"rating_worst": worst, "rating_best": best})


def test_rating_count_gives_bounds_never_an_interval():
    scores = scored(["Inadequate", "Inadequate", "Requires improvement", "Good"],
                    ["Good", "Inadequate", "Good", "Good"])
    counts = pd.DataFrame([{"variant": "public", "category": "Requires improvement or Inadequate", "count": 1, "n": 4,
                            "lower": 1, "upper": 3, "determined": False, "synthetic_inputs": False}])
    tables = {"rating_counts": counts, "engagement_scores_public": scores}
    claim = claims.rating_count(tables, "public")
    assert claim.text.endswith("open: at least 1, at most 3 of 4.") and "interval" not in claim.text
    assert claim.layer == "real" and claim.holds(tables)
    assert not claim.holds({**tables, "engagement_scores_public": scored(["Inadequate"] * 4, ["Good"] * 4)})


def test_study_area_both_ways():
    tables = {"study_area": pd.DataFrame([{"n_bodies": 2, "n_districts": 3, "n_districts_in_two_bodies": 1,
                                           "population_mid2019": 1000}]),
              "leps": pd.DataFrame({"lep17_code": ["A", "B"]}),
              "lad_lep": pd.DataFrame({"lad19_code": ["x", "y", "z", "z"]})}
    claim = claims.study_area(tables)
    assert claim.text == ("The study covers 2 LEPs, 3 districts and 1,000 residents (ONS, mid-2019). 1 districts sat "
                          "in two LEPs; their residents are counted once.")
    assert claim.holds(tables)
    assert not claim.holds({**tables, "lad_lep": pd.DataFrame({"lad19_code": ["x", "y", "z", "w"]})})


def test_backtest_counts_wide_bounds_from_the_bounds_themselves():
    table = pd.DataFrame([
        {"kind": "trivial", "published_value": 4, "public_lower": 4, "public_upper": 4, "bound_width": 0,
         "published_inside_public_bounds": True},
        {"kind": "count", "published_value": 2, "public_lower": 0, "public_upper": 4, "bound_width": 4,
         "published_inside_public_bounds": True},
        {"kind": "count", "published_value": 1, "public_lower": 1, "public_upper": 2, "bound_width": 1,
         "published_inside_public_bounds": True},
        {"kind": "consistency", "published_value": 0, "public_lower": 0, "public_upper": 0, "bound_width": 0,
         "published_inside_public_bounds": True}])
    tables = {"backtest": table, "leps": pd.DataFrame({"lep17_code": list("ABCD")})}
    claim = claims.backtest(tables)
    assert claim.text.startswith("Checked against public evidence, 3 of NCVO's 3 published figures lie within")
    assert "for 1 of the 2 counts the evidence allows a range at least half the 4 LEPs wide" in claim.text
    assert claim.layer == "real" and claim.holds(tables)
    # a bound that no longer contains its published value refutes "3 of 3"
    assert not claim.holds(changed(tables, "backtest", public_upper=[4, 1, 2, 0]))


def curve_tables(lowers=(1, 2, 3), uppers=(4, 5, 6)) -> dict:
    curve = pd.DataFrame({"variant": "full", "lower": list(lowers) + [lowers[0]],
                          "upper": list(uppers) + [uppers[0]], "distinct": [True] * len(lowers) + [False]})
    summary = pd.DataFrame([{"variant": "full", "n_leps": 10, "n_distinct": len(lowers), "lower_min": min(lowers),
                             "lower_max": max(lowers), "upper_min": min(uppers), "upper_max": max(uppers),
                             "share_determined": 0.0, "share_majority_certain": 0.0, "share_majority_possible": 1 / 3,
                             "share_in_window": 0.0, "share_in_window_possible": 1.0, "window_low": 6,
                             "window_high": 7, "synthetic_inputs": True}])
    variance = pd.DataFrame([{"variant": "full", "term": "good_min_share", "share": 0.5}])
    return {"specification_curve": curve, "specification_summary": summary, "specification_variance": variance}


def test_specification_states_intervals_and_distinct_rating_vectors():
    tables = curve_tables()
    claim = claims.specification(tables, "full")
    assert "gives 3 versions that rate LEPs differently" in claim.text
    assert "1 to 3 of 10 LEPs certainly fall short and 4 to 6 possibly do" in claim.text
    assert "where Good starts moves the certain count most (50% of its variation)" in claim.text
    assert claim.layer == "synthetic" and claim.holds(tables)
    # a curve whose duplicate row is counted as distinct refutes "3 distinct"
    assert not claim.holds(changed(tables, "specification_curve", distinct=[True] * 4))


def test_feedback_model_is_checked_against_its_distribution():
    distribution = pd.DataFrame({"count": [0, 1, 2, 3], "probability": [0.1, 0.4, 0.4, 0.1],
                                 "probability_widened": [0.25, 0.25, 0.25, 0.25]})
    distribution["cumulative"] = distribution["probability"].cumsum()
    distribution["cumulative_widened"] = distribution["probability_widened"].cumsum()
    common = {"level": 0.9, "n": 4, "window_low": 3, "window_high": 3, "synthetic_inputs": True}
    uncertainty = pd.DataFrame([
        {"method": "feedback model: shrunk LEP means", "count": 1.5, "interval_low": 0, "interval_high": 3,
         "p_majority": 0.1, "p_in_window": 0.1, **common},
        {"method": "feedback model with hyperparameter uncertainty", "count": 1.5, "interval_low": 0,
         "interval_high": 3, "p_majority": 0.25, "p_in_window": 0.25, **common}])
    tables = {"count_uncertainty": uncertainty, "count_distribution": distribution}
    claim = claims.feedback_model(tables)
    assert "expected count is 1.5 of 4 (90% interval 0 to 3 given the model's fitted spread; 0 to 3 allowing" \
        in claim.text and claim.holds(tables)
    # the widened row no longer matches its distribution
    assert not claim.holds({**tables, "count_distribution": distribution.assign(
        probability_widened=[0.1, 0.4, 0.4, 0.1], cumulative_widened=[0.1, 0.5, 0.9, 1.0])})
    skewed = distribution.assign(probability=[0.0, 0.5, 0.4, 0.1])
    assert not claim.holds({**tables, "count_distribution": skewed.assign(cumulative=skewed["probability"].cumsum())})


def test_nonresponse_shift_is_checked_against_the_delta_table():
    b = pd.DataFrame([{"n": 10, "n_responders": 6, "nonresponders_all_better": 0.2, "nonresponders_all_worse": 0.6,
                       "window_low": 6, "delta_to_window": -0.1, "synthetic_inputs": True}])
    delta = pd.DataFrame({"delta": [-0.2, -0.1, 0.0, 0.1], "lower": [7, 6, 5, 4]})
    tables = {"nonresponse_bounds": b, "nonresponse_delta": delta}
    claim = claims.nonresponse(tables)
    assert "2 of 10 would be rated" in claim.text and "worse than assessed by 10.0%" in claim.text
    assert claim.holds(tables)
    assert not claim.holds({**tables, "nonresponse_delta": delta.assign(lower=[7, 5, 5, 4])})


def representation_tests(p_holm=(None, 0.01, 0.3, None), roles=("primary", "secondary", "secondary", "descriptive")):
    return {"representation_tests": pd.DataFrame({
        "layer": ["real", "demo", "demo", "demo", "demo"],
        "role": ["primary", *roles], "id": ["a", "a", "b", "c", "d"],
        "test": ["Mann-Whitney"] * 5, "comparison": ["strategy_by_seat"] * 5,
        "result": ["not estimable: one group", "r = 0.1", "p", "p", "p"],
        "effect": [None, 0.1, 0.2, 0.3, 0.4], "effect_measure": ["r"] * 5, "effect_ci_low": [None, -0.2, 0, 0, 0],
        "effect_ci_high": [None, 0.4, 1, 1, 1], "p_value": [None, 0.04, 0.01, 0.2, 0.03],
        "p_holm": [None, *p_holm], "synthetic_inputs": [False] + [True] * 4})}


def test_representation_counts_the_declared_holm_family_only():
    tables = representation_tests()
    claim = claims.representation(tables)
    assert "0 of 1 planned tests can be estimated" in claim.text
    assert "1 of the 2 secondary tests stay below 5% after Holm" in claim.text and claim.holds(tables)
    assert claim.layer == "mixed"
    # the primary test inside the adjusted family (the old count) refutes the sentence
    assert not claim.holds(representation_tests(p_holm=(0.04, 0.02, 0.3, None)))


# --- composing and checking -------------------------------------------------------------------------------

def test_check_stops_with_the_failing_claims_id():
    tables = board()
    claim = claims.seats_on_record(tables)
    claims.check([claim], tables)
    with pytest.raises(claims.ClaimFailed) as failed:
        claims.check([claim], board(seats=(False, True, None, None)))
    assert failed.value.key == "main.seats_on_record" and "main.seats_on_record" in str(failed.value)


def test_a_missing_column_makes_a_predicate_fail_rather_than_crash():
    tables = board()
    claim = claims.seats_on_record(tables)
    assert not claim.holds({"board_evidence_public": tables["board_evidence_public"].drop(
        columns=["main_board_seat_dated"])})


def test_main_points_must_be_real_and_at_most_five():
    tables = board()
    real = claims.seats_on_record(tables)
    synthetic = claims.Claim("main.x", "main", "A synthetic sentence.", "synthetic", ("t.c",), lambda t: True)
    with pytest.raises(claims.DataError, match="main points"):
        claims.check([real, synthetic], tables)
    with pytest.raises(claims.DataError, match="main points"):
        claims.check([real] * 6, tables)
    long = claims.Claim("main.long", "main", " ".join(["word"] * 31) + ".", "real", ("t.c",), lambda t: True)
    with pytest.raises(claims.DataError, match="main points longer than 30 words: main.long"):
        claims.check([real, long], tables)
    claims.check([real, claims.Claim("main.ok", "main", " ".join(["word"] * 30), "real", ("t.c",), lambda t: True)],
                 tables)
    assert claims.title_words("RI or Inadequate: 0 to 38 on public evidence, 19 with the full rubric") == 11
    wordy = claims.Claim("figure.x", "figure", " ".join(["word"] * 15), "real", ("t.c",), lambda t: True)
    with pytest.raises(claims.DataError, match="chart titles longer than 14 words: figure.x"):
        claims.check([real, wordy], tables)


def test_layer_comes_from_the_tables_flags():
    tables = {"a": pd.DataFrame({"synthetic_inputs": [False]}), "b": pd.DataFrame({"synthetic_inputs": [True]}),
              "c": pd.DataFrame({"x": [1]}), "d": pd.DataFrame({"synthetic_inputs": [False, True]})}
    assert claims.layer(tables, ("a", "c")) == "real"
    assert claims.layer(tables, ("b",)) == "synthetic"
    assert claims.layer(tables, ("a", "b")) == "mixed"
    assert claims.layer(tables, ("d",)) == "mixed"


def test_claims_table_and_markdown_list_every_claim_with_its_evidence():
    tables = board()
    table = claims.claims_table([claims.seats_on_record(tables)])
    assert list(table.columns) == ["id", "section", "layer", "text", "evidence", "synthetic_inputs"]
    assert not table["synthetic_inputs"].any()
    text = claims.markdown(table)
    assert "`main.seats_on_record`" in text and "board_evidence_public.main_board_vcs" in text


# --- chart titles -------------------------------------------------------------------------------------------

def test_deprivation_title_both_ways():
    context = pd.DataFrame({"canonical_name": ["A", "B", "C"], "imd_avg_score": [10.04, 20.0, 34.91]})
    tables = {"lep_context": context}
    claim = claims.deprivation_title(tables)
    assert claim.text == "Deprivation ranges from 10.0 (A) to 34.9 (C)" and claim.holds(tables)
    assert not claim.holds({"lep_context": context.assign(imd_avg_score=[10.04, 36.0, 34.91])})


def test_heatmap_title_counts_known_cells_both_ways():
    scores = pd.DataFrame({"pts_a": [1.0, None], "pts_b": [None, None], "n_known": [1, 0]})
    tables = {"engagement_scores_public": scores}
    claim = claims.heatmap_title(tables)
    assert claim.text == "Public evidence fills 1 of 4 rubric cells" and claim.holds(tables)
    assert not claim.holds({"engagement_scores_public": scores.assign(pts_b=[2.0, None], n_known=[2, 0])})


def test_strategy_title_uses_the_tables_primary_test_both_ways():
    tables = representation_tests()
    tables["representation_tests"]["n"] = 10
    claim = claims.strategy_title(tables)
    assert claim.text == "A difference in strategy score with and without a board seat (p = 0.04, n = 10)"
    assert claim.holds(tables)
    # a p-value on the other side of 5% (the chart's own test differing from the table's) refutes the title
    assert not claim.holds(changed(tables, "representation_tests", p_value=[None, 0.2, 0.01, 0.2, 0.03]))


def test_variance_title_names_the_largest_term_both_ways():
    variance = pd.DataFrame({"variant": "full", "term": ["good_min_share", "gate"], "share": [0.6, 0.1],
                             "synthetic_inputs": True})
    claim = claims.variance_title({"specification_variance": variance}, "full")
    assert claim.text == "Full rubric: where Good starts explains 60% of the certain count's variation"
    assert claim.holds({"specification_variance": variance})
    assert not claim.holds({"specification_variance": variance.assign(share=[0.1, 0.6])})


def test_curve_title_adds_the_configured_specification_both_ways():
    tables = curve_tables()
    tables["specification_curve"]["configured"] = [False, True, False, False]
    tables["specification_summary"]["configured_lower"] = 2
    tables["specification_summary"]["configured_upper"] = 5
    claim = claims.curve_title(tables, "full")
    assert claim.id == "figure.curve_full" and claim.text.endswith("the configured one, 2 to 5")
    assert claim.holds(tables)
    assert not claim.holds(changed(tables, "specification_curve", configured=[True, False, False, False]))


def test_ordinal_title_says_why_nothing_was_fitted():
    models = pd.DataFrame({"layer": ["real"], "odds_ratio": [None], "ci_low": [None], "ci_high": [None], "n": [6],
                           "note": ["not estimable: n = 6 is below 20"], "synthetic_inputs": [False]})
    claim = claims.ordinal_title({"ordinal_logit": models})
    assert claim.text == "No ordinal model could be fitted"
    assert claim.holds({"ordinal_logit": models})
    assert not claim.holds({"ordinal_logit": models.assign(odds_ratio=[1.2], ci_low=[0.5], ci_high=[3.0])})


@pytest.mark.parametrize("maxima, words", [([4, 5, 6, 7, 8, None], "needs at least 2 expired"),
                                           ([8, 7, 6, 5, 4], "needs at most 2 expired"),
                                           ([4, 6, 7, 5], "needs 1 to 2 expired"),
                                           ([4, 4, 4], "out of reach"), ([7, 7, 7], "stays reachable")])
def test_esif_title_for_every_shape_of_the_sweep(maxima, words):
    tables = sensitivity(maxima)
    claim = claims.esif_title(tables)
    assert words in claim.text and claim.holds(tables)


def test_imd_check_both_ways():
    validation = pd.DataFrame({"lep17_name": ["A", "B", "C"], "status": ["ok", "ok", "bounded"],
                               "abs_diff": [0.01, 0.1, 0.5], "tolerance": [0.15] * 3})
    tables = {"imd_validation": validation, "study_area": pd.DataFrame({"n_bodies": [3]})}
    claim = claims.imd_check(tables)
    assert claim.text == ("Deprivation scores built up from districts match the government's published scores within "
                          "0.15 points for 2 of 3 LEPs (largest difference 0.100). C covered parts of districts, so it "
                          "gets a range instead.")
    assert claim.holds(tables)
    assert not claim.holds({**tables, "imd_validation": validation.assign(abs_diff=[0.01, 0.2, 0.5])})


def test_real_evidence_both_ways():
    measures = pd.DataFrame({"layer": ["real"] * 3 + ["demo"] * 3,
                             "main_board_vcs": pd.array([True, None, None, True, False, True], dtype="boolean"),
                             "seat_group": ["CVS", None, None, "CVS", "none", "CVS"],
                             "lis_published": [True, None, False] * 2, "synthetic_inputs": [False] * 3 + [True] * 3})
    tables = {"representation_measures": measures, "apr_coverage": pd.DataFrame({"per_lep_ratings_found": [1, 0]}),
              **board(seats=(True, None, None), dated=("around fieldwork", None, None))}
    claim = claims.real_evidence(tables)
    assert "for 1 of 3 bodies (1 with one, 0 without)" in claim.text and "impossible on real evidence" in claim.text
    assert claim.layer == "real" and claim.holds(tables)
    assert not claim.holds({**tables, **board(seats=(True, True, None), dated=("around fieldwork",) * 2 + (None,))})


def test_agreement_both_ways():
    table = pd.DataFrame([{"measure": "Cohen's weighted kappa", "value": 0.4, "ci_low": 0.2, "ci_high": 0.6,
                           "synthetic_inputs": True}])
    claim = claims.agreement({"rater_agreement": table}, "rater_agreement", "annex_04")
    assert claim.text == "The two raters agree with Cohen's weighted kappa 0.40 (95% interval 0.20 to 0.60)."
    assert claim.holds({"rater_agreement": table})
    assert not claim.holds({"rater_agreement": table.assign(value=0.7)})


def test_coverage_and_seat_titles_both_ways():
    coverage = pd.DataFrame({"lep17_code": ["E0", "E1", "E2", "E3"], "item": "main board VCS seat",
                             "status": ["public", "public", "unknown", "unknown"]})
    tables = {"evidence_coverage": coverage, **board()}
    claim = claims.coverage_title(tables)
    assert claim.text == "Public sources show a main-board voluntary sector seat for 2 of 4 LEPs"
    assert claim.holds(tables)
    assert not claim.holds({**tables, "evidence_coverage": coverage.assign(status=["public"] * 3 + ["unknown"])})
    measures = pd.DataFrame({"layer": "real", "main_board_vcs": pd.array([True, True, None, None], dtype="boolean")})
    seat_tables = {"representation_measures": measures, **board()}
    seat = claims.seat_evidence_title(seat_tables)
    assert seat.text == "Public evidence shows 2 LEPs with a voluntary sector seat and 0 without"
    assert seat.holds(seat_tables)
    assert not seat.holds({**seat_tables, **board(seats=(True, False, None, None))})


def test_board_title_both_ways():
    rows = pd.DataFrame({"figure_id": ["n_main_board_vcs_rep", "n_subgroup_vcs_rep", "n_main_board_no_vcs_rep"],
                         "published_value": [19, 16, 19], "public_lower": [11, 0, 0], "public_upper": [38, 38, 27]})
    claim = claims.board_title({"backtest": rows})
    assert claim.text == "Public sources confirm 11 main-board seats to NCVO's 19; all NCVO's counts fit the evidence"
    assert claim.layer == "real" and claim.holds({"backtest": rows})
    assert not claim.holds({"backtest": rows.assign(public_upper=[38, 10, 27])})


def test_titles_that_reuse_a_claim_keep_its_predicate():
    tables = {"reconstruction_bounds": bounds()}
    title = claims.reconstruction_title(tables)
    assert title.text.startswith("NCVO's counts allow 0 to 10 of 10") and title.holds(tables)
    assert not title.holds({"reconstruction_bounds": bounds(free=(6, 7))})
    tipping_tables = tipping({"any": MINIMA})
    assert claims.tipping_title(tipping_tables).text == "At least 6 of 10 is certain only from 7 poor-feedback areas"
    assert not claims.tipping_title(tipping_tables).holds(tipping({"any": [0, 0, 1, 2, 3, 4, 6, 6, 7, 8, 9]}))
