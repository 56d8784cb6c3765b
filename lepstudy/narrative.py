"""The sentences notebooks 03 and 04 print about their tables, computed here (and tested) rather than in the
notebooks: what real evidence exists on representation, the conclusions of the representation and robustness
analyses, and which parts of a page rest on synthetic inputs."""

from __future__ import annotations

import pandas as pd

from lepstudy.specification import choice_words, curve_words
from lepstudy.summary import estimable_tests, holm_count, nonresponse_sentence, primary_test_name


def real_evidence_bullets(measures: pd.DataFrame, apr: pd.DataFrame) -> str:
    """What public evidence holds on representation and strategy (the ``real`` layer of
    ``representation_measures``) and how many per-body APR strategy ratings were found (``apr_coverage``)."""
    real = measures[measures["layer"] == "real"]
    n = len(real)
    seat = real["main_board_vcs"]
    totals = apr["national_total"].dropna()
    national = f" against national totals of {int(totals.sum())}" if len(totals) else " (no national totals published)"
    return (f"* Main-board VCS seat known from public evidence for **{int(seat.notna().sum())} of {n}** bodies "
            f"({int(seat.eq(True).sum())} with a seat, {int(seat.eq(False).sum())} shown without).\n"
            f"* Seat type known (not 'unclear') for {int(real['seat_group'].notna().sum())} of {n}.\n"
            f"* Local Industrial Strategy status known for {int(real['lis_published'].notna().sum())} of {n}; "
            f"inclusive-growth content seen for {int(real['ig_content_seen'].eq(True).sum())} of {n}.\n"
            f"* Annual performance review strategy ratings (2018-19) found for "
            f"{int(apr['per_lep_ratings_found'].sum())} of them{national}.")


def representation_conclusion(tests: pd.DataFrame, measures: pd.DataFrame, apr: pd.DataFrame,
                              agreement: pd.DataFrame) -> str:
    """The conclusion of notebook 03: what real evidence can say, then the primary test of the second layer with
    its effect, interval and minimum detectable effect, the Holm-adjusted count and the coders' agreement, with
    the caveat its inputs call for."""
    real_tests = tests[tests["layer"] == "real"]
    seat = measures.loc[measures["layer"] == "real", "main_board_vcs"]
    text = (f"**Real evidence.** Of {len(real_tests)} planned tests on public evidence alone, "
            f"{estimable_tests(real_tests)} could be estimated: public sources show {int(seat.eq(True).sum())} "
            f"bodies with a VCS seat and {int(seat.eq(False).sum())} without one, so a with-versus-without "
            f"comparison is impossible, and per-body strategy ratings exist for only "
            f"{int(apr['per_lep_ratings_found'].sum())}. Real evidence cannot answer the question either way.")
    demo = tests[tests["layer"] == "demo"]
    primary = demo[demo["role"] == "primary"]
    if primary.empty:
        return text
    row = primary.iloc[0]
    synthetic = bool(demo["synthetic_inputs"].any())
    text += ("\n\n**Demonstration (synthetic).** On the demonstration dataset" if synthetic else
             "\n\n**Your data.** On the data supplied")
    text += f", {primary_test_name(row)} gives: {row['result']}"
    if pd.notna(row["effect"]):
        text += (f" ({row['effect_measure']} {row['effect']:.2f}, 95% interval {row['effect_ci_low']:.2f} to "
                 f"{row['effect_ci_high']:.2f}; p = {row['p_value']:.2f}, n = {int(row['n'])})")
    text += ". "
    if isinstance(row["mde_note"], str) and row["mde_note"]:
        text += f"{row['mde_note'][0].upper()}{row['mde_note'][1:]}. "
    significant, adjusted = holm_count(demo)
    text += f"After Holm adjustment, {significant} of {adjusted} tests of this layer are below 5%. "
    if len(agreement):
        text += f"Coders agree with Krippendorff's alpha {agreement['value'].iloc[0]:.2f}. "
    return text + ("The synthetic coding was generated with no association to representation, and representation "
                   "is partly a random fill, so any apparent association here (including the exact tests) is noise: "
                   "these numbers show what the analysis will report once real coding sheets are supplied."
                   if synthetic else "These results rest on the coding sheets and answers supplied; read them with "
                   "the minimum detectable effects above.")


def robustness_conclusion(summary: pd.DataFrame, variance: pd.DataFrame, uncertainty: pd.DataFrame,
                          bounds: pd.Series, agreement: pd.DataFrame) -> str:
    """Notebook 04 in plain words: the specification curve in each variant (``specification_summary``) and its
    largest variance term, the plug-in count and the feedback model (``count_uncertainty``), non-response
    (a ``nonresponse_bounds`` row) and the raters' agreement (``rater_agreement``)."""
    variants = summary.set_index("variant")
    full, public = variants.loc["full"], variants.loc["public"]
    top = variance[variance["variant"] == "full"].iloc[0]
    plug_in, model = uncertainty.iloc[0], uncertainty.iloc[1]
    kappa = agreement.iloc[0]
    label = "synthetic demonstration data" if bool(full["synthetic_inputs"]) else "the data supplied"
    return (
        f"Across {int(full['n_distinct']):,} distinct specifications on {label}, the analysis gives "
        f"{curve_words(full)}. The choice that matters most is **{choice_words(top['term'])}** ({top['share']:.0%} "
        f"of the variance). With public evidence alone it gives {curve_words(public)}: public evidence cannot settle "
        f"the headline. The plug-in count is {int(plug_in['count'])} of {int(bounds['n'])}. With small-sample "
        f"feedback shrunk toward the overall mean, the expected count is {model['count']:.1f} "
        f"({model['level']:.0%} interval {int(model['interval_low'])} to {int(model['interval_high'])}); the "
        f"probability that a majority of LEPs is RI or Inadequate is {model['p_majority']:.0%} and that the count "
        f"is about two-thirds {model['p_in_window']:.0%}. This is the part of the uncertainty that comes from which "
        f"sector organisations answered. {nonresponse_sentence(bounds)} Two raters agree with weighted kappa "
        f"{kappa['value']:.2f} ({kappa['ci_low']:.2f} to {kappa['ci_high']:.2f}).")


def synthetic_parts_notice(parts: dict[str, pd.DataFrame]) -> str:
    """A page's notice naming the parts whose tables rest on synthetic inputs (their ``synthetic_inputs`` flags);
    empty when none does."""
    resting = [name for name, table in parts.items() if bool(table["synthetic_inputs"].any())]
    if not resting:
        return ""
    names = resting[0] if len(resting) == 1 else ", ".join(resting[:-1]) + " and " + resting[-1]
    verb = "rests" if len(resting) == 1 else "rest"
    return (f"> **SYNTHETIC DATA.** The {names} {verb} on synthetic stand-ins; "
            "they demonstrate the method and are not NCVO's findings.")
