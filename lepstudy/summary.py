"""The report's index page: an executive summary whose every number comes from processed tables."""

from __future__ import annotations

import html
from pathlib import Path

import pandas as pd

from lepstudy.config import Settings
from lepstudy.specification import curve_words
from lepstudy.stats import x_of_n


def _read(settings: Settings, name: str) -> pd.DataFrame | None:
    """A processed table, typed and checked against the run manifest (None where the run did not build it)."""
    from lepstudy.manifest import read_manifest
    from lepstudy.pipeline import read_processed

    return read_processed(settings, name) if name in read_manifest(settings).get("tables", {}) else None


def count_sentence(row: pd.Series, variant: str) -> str:
    """The headline count of one variant in words: bounds where the evidence leaves it open, else the
    count with its Wilson interval."""
    evidence = {"public": "Public evidence alone"}.get(variant, "The full rubric")
    inputs = (" on synthetic demonstration data" if bool(row.get("synthetic_inputs", False)) else "")
    n = int(row["n"])
    if not bool(row["determined"]):
        return (f"{evidence}{inputs} leaves the number of LEPs rated Requires improvement or Inadequate open: "
                f"at least {x_of_n(int(row['lower']), n)}, at most {x_of_n(int(row['upper']), n)} "
                f"({int(row['upper']) - int(row['lower'])} LEPs could be rated either side of Good). No interval "
                "is given for a count the evidence does not determine.")
    return (f"{evidence}{inputs} rates {row['text']} LEPs Requires improvement or Inadequate (95% Wilson "
            f"interval {row['ci_low']:.0%} to {row['ci_high']:.0%}), against NCVO's 'approximately two-thirds'.")


def inputs_tag(synthetic: bool) -> str:
    """How a sentence's inputs are labelled, from the table's own ``synthetic_inputs`` flag."""
    return ("[synthetic: rests on synthetic stand-ins]" if synthetic
            else "[real: public evidence and NCVO's published counts only]")


def public_record_sentence(board: pd.DataFrame) -> str:
    """What the public record itself says about main-board seats (``board_evidence_public``): the one finding that
    rests on real evidence alone."""
    n = len(board)
    found = int(board["main_board_vcs"].eq(True).sum())
    ruled_out = int(board["main_board_vcs"].eq(False).sum())
    late = int(board["main_board_seat_dated"].eq("after fieldwork only").sum())
    later = (f"; for {late} of the {found} the only source dates from after NCVO's fieldwork" if late else "")
    return (f"Public sources confirm a voluntary and community sector seat on the main board of {found} of {n} LEPs "
            f"and rule it out for {ruled_out or 'none'}{later}; for the other {n - found - ruled_out} the public "
            f"record is silent. {inputs_tag(False)}")


def reconstruction_answer(bounds: pd.DataFrame, tipping: pd.DataFrame, samples: pd.DataFrame) -> list[str]:
    """The plain answer to 'is two-thirds right, and what would have to be true?', every number read from
    the reconstruction tables (``reconstruction_bounds``, ``tipping_summary``, ``reconstruction_samples``)."""
    b = bounds.set_index("feedback")
    free, best, worst = b.loc["free"], b.loc["best"], b.loc["worst"]
    n, low, high = int(free["n"]), int(free["window_low"]), int(free["window_high"])
    tag = inputs_tag(bool(bounds["synthetic_inputs"].any()))
    rubric = f"lepstudy's '{free['rubric']}' rubric"
    if not bool(free["consistent"]):
        return [f"NCVO's published counts cannot all be true together with the public facts: "
                f"{free['conflicting_figures']} contradict each other or what public sources show. {tag}"]
    out = [f"What the public record forces: given every count NCVO published and every public fact about each LEP, "
           f"under {rubric} anywhere from {int(free['minimum'])} to {int(free['maximum'])} of {n} LEPs could be rated "
           f"Requires improvement or Inadequate. The published record alone neither confirms nor rules out "
           f"'about two-thirds' ({low} to {high} of {n}). {tag}"]
    reachable = "still reachable" if bool(best["two_thirds_reachable"]) else "out of reach"
    out.append(f"What it leaves open: had sector feedback been favourable in every area, at most "
               f"{int(best['maximum'])} of {n} LEPs could be Requires improvement or Inadequate (two-thirds "
               f"{reachable}); had it been poor everywhere, {int(worst['minimum'])} of {n} would be. {tag}")
    t = tipping.set_index("reference")
    if "favourable" in t.index and pd.notna(t.at["favourable", "reach_from"]):
        row = t.loc["favourable"]
        forced = (f"; it is certain only once feedback was poor in at least {int(row['forced_from'])} of {n} areas"
                  if pd.notna(row["forced_from"]) else "")
        out.append(f"What the sector feedback would have had to say: with feedback poor (means below the rubric's "
                   f"lower cut) in {int(row['reach_from'])} to {int(row['reach_to'])} of {n} LEP areas and favourable "
                   f"elsewhere, about two-thirds is possible{forced}. NCVO's finding therefore rests on its "
                   f"unpublished assessment of sector feedback. {tag}")
    if len(samples):
        medians = samples.groupby("feedback")["ri_or_inadequate"].median()
        draws = samples["sample"].nunique()
        out.append(f"Across {draws} consistent structures drawn at random, the median count is "
                   f"{medians.get('best', float('nan')):.0f} of {n} with favourable feedback everywhere and "
                   f"{medians.get('neutral', float('nan')):.0f} of {n} with middling feedback (means in the band "
                   f"holding 3 on the 1-5 scale). {tag}")
    return out


def specification_sentence(row: pd.Series, largest: pd.Series | None) -> str:
    """The specification curve of one variant in words (``specification_summary`` row; ``largest``: the first row
    of its ``specification_variance``)."""
    evidence = {"public": "On public evidence alone"}.get(row["variant"], "With the full rubric")
    text = (f"{evidence}, {int(row['n_distinct']):,} distinct specifications of the analysis (rubric and "
            f"data-processing choices) give {curve_words(row)}")
    if largest is not None:
        text += f"; {str(largest['term']).replace('_', ' ')} explains the most variance ({largest['share']:.0%})"
    return f"{text}. {inputs_tag(bool(row['synthetic_inputs']))}"


def uncertainty_sentence(model: pd.Series) -> str:
    """The feedback model's distribution of the count in words (the model row of ``count_uncertainty``)."""
    return (f"With means of few sector respondents shrunk toward the overall mean (a random-intercept model; "
            f"respondents taken as a sample of each area's organisations), the expected count is "
            f"{model['count']:.1f} of {int(model['n'])} ({model['level']:.0%} interval {int(model['interval_low'])} "
            f"to {int(model['interval_high'])}); a majority has probability {model['p_majority']:.0%}, about "
            f"two-thirds ({int(model['window_low'])}-{int(model['window_high'])}) {model['p_in_window']:.0%}. "
            f"{inputs_tag(bool(model['synthetic_inputs']))}")


def estimable_tests(tests: pd.DataFrame) -> int:
    """How many rows of ``representation_tests`` could be estimated (the others say why not in ``result``)."""
    return int((~tests["result"].str.startswith("not estimable")).sum())


def primary_test_name(row: pd.Series) -> str:
    """'the primary test (<test>, <comparison>)' for the primary row of ``representation_tests``."""
    return f"the primary test ({row['test']}, {str(row['comparison']).replace('_', ' ')})"


def holm_count(tests: pd.DataFrame) -> tuple[int, int]:
    """Tests below 5% after Holm adjustment, and how many were adjusted."""
    return int((tests["p_holm"] < 0.05).sum()), int(tests["p_holm"].notna().sum())


def representation_sentence(tests: pd.DataFrame) -> str:
    """How many planned tests public evidence allows, and the primary test of the second layer with its effect and
    interval (``representation_tests``)."""
    real = tests[tests.layer == "real"]
    text = (f"Representation and strategy quality: {estimable_tests(real)} of {len(real)} planned tests can be "
            "estimated on public evidence alone, which cannot answer the question.")
    demo = tests[tests.layer == "demo"]
    primary = demo[demo.role == "primary"]
    if len(primary):
        row = primary.iloc[0]
        where = "On the demonstration data" if bool(row["synthetic_inputs"]) else "On the data supplied"
        if str(row["result"]).startswith("not estimable"):
            text += f" {where} the primary test is {row['result']}."
        else:
            significant, adjusted = holm_count(demo)
            text += (f" {where} {primary_test_name(row)} gives {row['effect_measure']} {row['effect']:.2f} (95% "
                     f"interval {row['effect_ci_low']:.2f} to {row['effect_ci_high']:.2f}, p = "
                     f"{row['p_value']:.2f}); {significant} of {adjusted} tests stay below 5% after Holm adjustment.")
    return f"{text} {inputs_tag(bool(tests['synthetic_inputs'].any()))}"


def nonresponse_sentence(bounds: pd.Series) -> str:
    """The extreme non-response bounds and the tipping point of the delta analysis (``nonresponse_bounds`` row)."""
    n = int(bounds["n"])
    silent = n - int(bounds["n_responders"])
    text = (f"If every one of the {silent} LEPs that did not answer NCVO were better than assessed, the share RI or "
            f"Inadequate would be {bounds['nonresponders_all_better']:.0%}; if all were worse, "
            f"{bounds['nonresponders_all_worse']:.0%}. With the response criterion "
            f"({bounds['response_criterion_dropped']}) taken out, ")
    shift = bounds["delta_to_window"]
    if pd.isna(shift):
        text += (f"no shift of non-responders' totals within half the maximum points brings the count to NCVO's "
                 f"{int(bounds['window_low'])}.")
    elif shift == 0:
        text += f"the count reaches NCVO's {int(bounds['window_low'])} without any shift."
    else:
        text += (f"the count reaches NCVO's {int(bounds['window_low'])} only if non-responders were "
                 f"{'worse' if shift < 0 else 'better'} than assessed by {abs(shift):.1%} of the maximum points.")
    return f"{text} {inputs_tag(bool(bounds['synthetic_inputs']))}"


def study_area_sentence(area: pd.Series) -> str:
    """Bodies and residents, each district counted once (a district in two LEPs is one place)."""
    shared = int(area["n_districts_in_two_bodies"])
    overlap = (f"; {shared} districts sat in two LEPs and are counted once" if shared else "")
    return (f"The study covers {int(area['n_bodies'])} LEPs and {int(area['population_mid2019']):,} residents "
            f"(ONS mid-2019, {int(area['n_districts'])} districts{overlap}).")


def summary_sentences(settings: Settings) -> list[str]:
    """Plain-language findings computed from data/processed/ (tables that do not exist are skipped)."""
    out: list[str] = []
    board = _read(settings, "board_evidence_public")
    if board is not None:
        out.append(public_record_sentence(board))
    bounds, tipping = _read(settings, "reconstruction_bounds"), _read(settings, "tipping_summary")
    if bounds is not None and tipping is not None:
        samples = _read(settings, "reconstruction_samples")
        out += reconstruction_answer(bounds, tipping, samples if samples is not None else pd.DataFrame())
    area = _read(settings, "study_area")
    if area is not None:
        out.append(study_area_sentence(area.iloc[0]))
    counts = _read(settings, "rating_counts")
    if counts is not None:
        pick = counts[counts.category == "Requires improvement or Inadequate"].set_index("variant")
        for variant in pick.index:
            out.append(count_sentence(pick.loc[variant], variant))
    backtest = _read(settings, "backtest")
    if backtest is not None:
        out.append(backtest_sentence(backtest))
    curves = _read(settings, "specification_summary")
    if curves is not None:
        variance = _read(settings, "specification_variance")
        for _, row in curves.iterrows():
            part = variance[variance.variant == row["variant"]] if variance is not None else pd.DataFrame()
            out.append(specification_sentence(row, part.iloc[0] if len(part) else None))
    uncertainty = _read(settings, "count_uncertainty")
    if uncertainty is not None and len(uncertainty) > 1:
        out.append(uncertainty_sentence(uncertainty.iloc[1]))
    nonresponse = _read(settings, "nonresponse_bounds")
    if nonresponse is not None and "delta_to_window" in nonresponse:
        out.append(nonresponse_sentence(nonresponse.iloc[0]))
    tests = _read(settings, "representation_tests")
    if tests is not None:
        out.append(representation_sentence(tests))
    validation, area = _read(settings, "imd_validation"), _read(settings, "study_area")
    if validation is not None and area is not None:
        out.append(imd_validation_sentence(validation, int(area["n_bodies"].iloc[0])))
    return out


def imd_validation_sentence(validation: pd.DataFrame, n_bodies: int) -> str:
    """How well the district lookup reproduces IoD2019 File 12 for the bodies File 12 covers (``imd_validation``),
    or why it cannot be checked."""
    if validation.empty:
        return (f"None of the study's {n_bodies} bodies is in IoD2019 File 12, so the district lookup cannot be "
                "checked against it; each body's deprivation is the population-weighted mean of its districts' "
                "scores (File 10).")
    ok = validation[validation.status == "ok"]
    text = (f"The district lookup reproduces IoD2019 File 12 deprivation scores within "
            f"{validation.tolerance.iloc[0]} points for {len(ok)} of {len(validation)} bodies")
    text += f" (largest difference {ok['abs_diff'].max():.3f})" if len(ok) else ""
    bounded = validation.loc[validation.status == "bounded", "lep17_name"].tolist()
    if bounded:
        text += (f"; {', '.join(bounded)}, which covered parts of districts, "
                 f"{'is' if len(bounded) == 1 else 'are'} bounded instead")
    failed = int((validation.status == "fail").sum())
    return text + (f"; {failed} failed." if failed else ".")


def backtest_sentence(backtest: pd.DataFrame) -> str:
    """Every back-test status counted, with how many bounds are too wide to fail."""
    figures = backtest[backtest["kind"] != "consistency"]
    inside = int(figures["published_inside_public_bounds"].astype(bool).sum())
    statuses = figures["full_status"].value_counts()
    trivial = int((figures["kind"] == "trivial").sum())
    counts = figures[figures["kind"] == "count"]
    n = int(figures.loc[figures["figure_id"] == "n_leps", "published_value"].iloc[0]) if trivial else None
    wide = int((counts["bound_width"] >= (n or 0) / 2).sum()) if n else 0
    parts = [f"Back test: {inside} of {len(figures)} published figures lie within the bounds public evidence "
             f"allows, but {wide} of the {len(counts)} count bounds are at least half the {n} LEPs wide, so they "
             f"could hardly fail, and {trivial} row (the number of LEPs) is trivial."]
    parts.append("Statuses: " + ", ".join(f"{count} {status}" for status, count in statuses.items()) + ".")
    consistency = backtest[backtest["kind"] == "consistency"]
    if len(consistency):
        reachable = bool(consistency["published_inside_public_bounds"].astype(bool).iloc[0])
        parts.append("Given every published count together, about two-thirds is "
                     + ("reachable under the rubric." if reachable else "NOT reachable under the rubric."))
    return " ".join(parts)


def synthetic_notice(manifest: dict) -> str:
    """The banner every report page shows when any input is synthetic (empty otherwise)."""
    if not manifest["synthetic_inputs"]:
        return ""
    return (
        '<p class="synthetic-notice" style="background:#FBE3D6;border-left:6px solid #801650;padding:8px;'
        'font-family:sans-serif"><strong>SYNTHETIC DATA.</strong> NCVO published no per-LEP ratings and none of '
        "its sector feedback. Results that depend on them use seeded synthetic stand-ins for "
        f"{html.escape(input_words(manifest['synthetic_inputs']))} and demonstrate the method; they are not "
        "NCVO's findings.</p>")


# the confidential inputs in words a reader knows (the manifest names their files)
INPUT_WORDS = {"lep_responses": "the LEPs' answers to NCVO's information request",
               "sector_feedback": "the sector feedback", "holistic_ratings": "the holistic ratings",
               "strategy_coding": "the strategy coding"}


def input_words(names: list[str]) -> str:
    """'synthetic/sector_feedback.csv', ... as 'the sector feedback and ...'."""
    words = [INPUT_WORDS.get(Path(name).stem, Path(name).stem.replace("_", " ")) for name in names]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def rubric_notice(manifest: dict) -> str:
    """A notice on every page when the run's rubric is not the default fixed before any result (empty otherwise)."""
    rubric = manifest.get("rubric", {})
    if rubric.get("preregistered", True):
        return ""
    return ('<p class="rubric-notice" style="background:#FFF4CC;border-left:6px solid #F46A25;padding:8px;'
            'font-family:sans-serif"><strong>Another rubric.</strong> This run uses '
            f"{html.escape(str(rubric.get('file')))}, not the default rubric fixed before any result was computed; "
            "its figures are an alternative specification, not the study's pre-specified one.</p>")
