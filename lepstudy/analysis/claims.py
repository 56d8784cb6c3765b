"""Claims: every sentence the publication states about a number or a comparison, as a checked object.

A claim is a sentence, the processed tables and columns it rests on, its layer (real, synthetic or mixed,
from those tables' own ``synthetic_inputs`` flags) and a truth predicate evaluated against those tables.
Wording follows the predicate: each builder picks the sentence whose predicate the tables satisfy ("at
least 24 becomes certain" and "about two-thirds becomes certain" are different claims), and the predicate
re-derives what the sentence asserts from the fuller table where there is one (the tipping sentence is
checked against every row of ``tipping_point``, not against the summary it was worded from).

The build composes every claim (``compose``), stops with the claim's id when a predicate fails
(``check``), and writes them to the ``claims`` table; the front page, the notebooks' conclusions and the
chart titles show claim texts only. The words "favourable", "poor" and "very poor" have one meaning
each (``FEEDBACK_WORDS``), shared by the pages, the charts and the glossary.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace

import pandas as pd

from lepstudy.core.errors import DataError
from lepstudy.core.vocabulary import VARIANT_NAMES, choice_words

Tables = Mapping[str, pd.DataFrame]

# one meaning per word: the glossary, the pages and the charts take these
SECTIONS = ("main", "can_say", "findings", "annex_02", "annex_03", "annex_04", "figure")


class ClaimFailed(DataError):
    """A sentence whose truth predicate the tables do not satisfy: publishing it would state something false."""

    def __init__(self, claim: Claim) -> None:
        super().__init__("this sentence does not hold against the tables it rests on, so it is not published: "
                         f"{claim.text!r}", key=claim.id, expected=f"a build in which {', '.join(claim.evidence)} "
                         "support it (a bug in lepstudy's claims: please report it)")
        self.claim = claim


@dataclass(frozen=True)
class Claim:
    """A sentence with its evidence (``table.column``), layer and truth predicate."""

    id: str
    section: str
    text: str
    layer: str
    evidence: tuple[str, ...]
    predicate: Callable[[Tables], bool]

    def holds(self, tables: Tables) -> bool:
        """Whether the predicate holds; a table or column it needs that is missing makes it fail."""
        try:
            return bool(self.predicate(tables))
        except (KeyError, IndexError, ValueError, TypeError, AttributeError):
            return False


def layer(tables: Tables, names: tuple[str, ...]) -> str:
    """'real', 'synthetic' or 'mixed', from the row-level ``synthetic_inputs`` flags of the tables a claim rests on
    (a table without the flag is public): every row synthetic, none, or some."""
    flags = [bool(flag) for name in names
             for flag in (tables[name]["synthetic_inputs"] if "synthetic_inputs" in tables[name] else [False])]
    return "synthetic" if all(flags) else "mixed" if any(flags) else "real"


def _claim(tables: Tables, claim_id: str, section: str, text: str, evidence: tuple[str, ...],
           predicate: Callable[[Tables], bool], synthetic: bool | None = None) -> Claim:
    """A claim whose layer comes from its tables' flags, or from ``synthetic`` where the sentence rests on one
    row of a table that mixes layers (``rating_counts``)."""
    names = tuple(dict.fromkeys(item.split(".")[0] for item in evidence))
    kind = layer(tables, names) if synthetic is None else ("synthetic" if synthetic else "real")
    return Claim(claim_id, section, text, kind, evidence, predicate)


def _of(count: int, n: int) -> str:
    return f"{count} of {n}"


# --- the public record ---------------------------------------------------------------------------------

def seats_on_record(t: Tables, section: str = "main") -> Claim:
    """Main-board seats public sources confirm, rule out and leave open, with the dating caveat."""
    board = t["board_evidence_public"]
    n, found = len(board), int(board["main_board_vcs"].eq(True).sum())
    ruled_out = int(board["main_board_vcs"].eq(False).sum())
    late = int(board["main_board_seat_dated"].eq("after fieldwork only").sum())
    text = f"Public sources show a voluntary sector seat on {_of(found, n)} LEPs' main boards"
    if ruled_out:
        text += f" and none on {ruled_out}"
    if late:
        text += f"; for {late}, the only source is dated after NCVO's fieldwork"
    text += f". The other {n - found - ruled_out} are unknown."

    def holds(t: Tables) -> bool:
        b = t["board_evidence_public"]
        seat = b["main_board_vcs"]
        return (len(b) == n and int(seat.eq(True).sum()) == found and int(seat.eq(False).sum()) == ruled_out
                and int((seat.eq(True) & b["main_board_seat_dated"].eq("after fieldwork only")).sum()) == late
                and int(seat.isna().sum()) == n - found - ruled_out)

    return _claim(t, f"{section}.seats_on_record", section, text,
                  ("board_evidence_public.main_board_vcs", "board_evidence_public.main_board_seat_dated"), holds)


# --- the reconstruction --------------------------------------------------------------------------------

def _window(row: pd.Series) -> tuple[int, int]:
    return int(row["window_low"]), int(row["window_high"])


def record_allows(t: Tables, section: str = "main") -> Claim:
    """What every published count and public fact allow with feedback free, and whether that settles
    'about two-thirds' (three wordings, each with its own predicate)."""
    free = t["reconstruction_bounds"].set_index("feedback").loc["free"]
    n, (low, high) = int(free["n"]), _window(free)
    if not bool(free["consistent"]):
        text = (f"NCVO's published counts cannot all be true together with the public facts: "
                f"{free['conflicting_figures']} contradict each other or the public record.")
        return _claim(t, f"{section}.record_allows", section, text, ("reconstruction_bounds.consistent",),
                      lambda t: not bool(t["reconstruction_bounds"].set_index("feedback").at["free", "consistent"]))
    least, most = int(free["minimum"]), int(free["maximum"])
    if low <= least and most <= high:
        verdict, kind = "so they confirm", "confirms"
    elif most < low or least > high:
        verdict, kind = "so they rule out", "rules out"
    else:
        verdict, kind = "so they neither confirm nor rule out", "open"
    text = (f"NCVO's published counts and the public facts allow anywhere from {least} to {most} of {n} LEPs to "
            f"fall short, {verdict} about two-thirds.")

    def holds(t: Tables) -> bool:
        row = t["reconstruction_bounds"].set_index("feedback").loc["free"]
        lo, hi = int(row["minimum"]), int(row["maximum"])
        w_lo, w_hi = _window(row)
        found = ("confirms" if w_lo <= lo and hi <= w_hi else "rules out" if hi < w_lo or lo > w_hi else "open")
        return (lo, hi, w_lo, w_hi, found) == (least, most, low, high, kind)

    return _claim(t, f"{section}.record_allows", section, text,
                  ("reconstruction_bounds.minimum", "reconstruction_bounds.maximum",
                   "reconstruction_bounds.window_low", "reconstruction_bounds.window_high"), holds)


TITLES = {"confirms": "Public records confirm NCVO's finding that about two-thirds of LEPs fell short",
          "rules out": "Public records rule out NCVO's finding that about two-thirds of LEPs fell short",
          "open": "Public records neither confirm nor rule out NCVO's finding that about two-thirds of LEPs fell "
                  "short"}


def answer_title(t: Tables) -> Claim:
    """The bulletin's title, which states the answer: the verdict of ``record_allows``, with its predicate."""
    base = record_allows(t, "title")
    verdict = next((kind for kind, words in (("open", "neither confirm nor rule out"), ("rules out", "rule out"),
                                             ("confirms", "confirm")) if f"so they {words} " in base.text), None)
    text = TITLES[verdict] if verdict else "NCVO's published counts contradict the public record"
    return replace(base, id="title.answer", text=text)


def _quantity_words(summary: pd.Series) -> tuple[str, str]:
    """How the condition on an unpublished quantity reads: the numbers that allow about two-thirds."""
    lo, hi = summary["reachable_k_from"], summary["reachable_k_to"]
    k_min, k_max = int(summary["k_min"]), int(summary["k_max"])
    if pd.isna(lo):
        return "never", "for no number of them"
    if int(lo) == k_min and int(hi) == k_max:
        return "always", "whatever their number"
    if int(lo) == k_min:
        return "at most", f"only if at most {int(hi)}"
    if int(hi) == k_max:
        return "at least", f"only if at least {int(lo)}"
    return "between", f"only if between {int(lo)} and {int(hi)}"


def favourable_condition(t: Tables, quantity: str, section: str = "main") -> Claim | None:
    """With favourable feedback everywhere, the condition an unpublished quantity sets on 'about two-thirds'
    (``reconstruction_sensitivity_summary``, checked against every row of ``reconstruction_sensitivity``)."""
    summaries = t.get("reconstruction_sensitivity_summary")
    if summaries is None or quantity not in set(summaries["quantity"]):
        return None
    row = summaries.set_index("quantity").loc[quantity]
    n, low = int(row["n"]), int(row["window_low"])
    kind, condition = _quantity_words(row)
    label = str(row["label"])
    if quantity == "esif_expired" and section == "main":
        memberships = "ESIF committees' voluntary sector memberships had expired"
        could = {"never": f"could never fall short, however many {memberships}",
                 "always": f"could fall short, however many {memberships}"}.get(kind, f"could fall short {condition} "
                                                                                  f"{memberships}")
        text = f"With favourable feedback everywhere, {low} or more LEPs {could}"
        text += (f"; with none expired, at most {int(row['favourable_max_at_k_min'])}." if kind != "never" else ".")
    elif quantity == "esif_expired":
        needs = {"never": "is out of reach however many had expired",
                 "always": "is within reach however many had expired"}.get(
            kind, f"needs {condition.removeprefix('only if ')} expired")
        text = (f"With favourable feedback everywhere, the answer turns on a number NCVO did not publish. That "
                f"number is how many of the {int(row['k_max'])} ESIF committees NCVO counted as having a voluntary "
                f"sector member had a membership that had expired. With none expired, at most "
                f"{int(row['favourable_max_at_k_min'])} LEPs could fall short. About two-thirds ({low} or more) "
                f"{needs}")
        text += (f"; the most, {int(row['favourable_max_overall'])}, needs {_fewest_for_max(t, quantity)} or more."
                 if kind != "never" else ".")
    else:
        number = condition.replace("only if ", f"only if the number of {label} was ")
        text = (f"With favourable feedback everywhere, {low} or more of {n} LEPs could fall short {number}."
                if kind not in ("never", "always") else
                f"With favourable feedback everywhere, {low} or more of {n} LEPs could "
                f"{'never' if kind == 'never' else 'always'} fall short, whatever the number of {label}.")
        text += " NCVO did not publish that number."
    lo, hi = row["reachable_k_from"], row["reachable_k_to"]

    def holds(t: Tables) -> bool:
        sweep = t["reconstruction_sensitivity"]
        part = sweep[(sweep["quantity"] == quantity) & sweep["consistent"]]
        reach = part.loc[part["favourable_maximum"] >= low, "k"]
        if pd.isna(lo):
            return reach.empty
        if list(reach) != list(range(int(lo), int(hi) + 1)):
            return False
        if quantity == "esif_expired" and kind != "never":
            first = part.iloc[0]
            return (int(first["k"]) == 0 and int(first["favourable_maximum"]) == int(row["favourable_max_at_k_min"])
                    and int(part["favourable_maximum"].max()) == int(row["favourable_max_overall"]))
        return True

    return _claim(t, f"{section}.favourable_{quantity}", section, text,
                  ("reconstruction_sensitivity.favourable_maximum", "reconstruction_sensitivity.k",
                   "reconstruction_sensitivity_summary.reachable_k_from"), holds)


def _fewest_for_max(t: Tables, quantity: str) -> int:
    sweep = t["reconstruction_sensitivity"]
    part = sweep[(sweep["quantity"] == quantity) & sweep["consistent"]]
    return int(part.loc[part["favourable_maximum"] == part["favourable_maximum"].max(), "k"].min())


def poor_everywhere(t: Tables, section: str = "main") -> Claim:
    """Very poor feedback everywhere against poor feedback everywhere: the two meanings kept apart."""
    worst = t["reconstruction_bounds"].set_index("feedback").loc["worst"]
    tipping = t["tipping_point"]
    first = tipping["reading"].iloc[0]
    all_poor = tipping[(tipping["reading"] == first) & (tipping["reference"] == "favourable")].iloc[-1]
    n = int(worst["n"])
    very = (f"all {n}" if int(worst["minimum"]) == n else
            f"{int(worst['minimum'])} to {int(worst['maximum'])} of {n}")
    text = (f"With very poor feedback everywhere, {very} LEPs would fall short; with poor feedback everywhere, "
            f"{int(all_poor['minimum'])} to {int(all_poor['maximum'])} would.")

    def holds(t: Tables) -> bool:
        w = t["reconstruction_bounds"].set_index("feedback").loc["worst"]
        tp = t["tipping_point"]
        part = tp[(tp["reading"] == first) & (tp["reference"] == "favourable")]
        last = part.loc[part["n_poor"].idxmax()]
        return (int(last["n_poor"]) == n and (int(w["minimum"]), int(w["maximum"])) ==
                (int(worst["minimum"]), int(worst["maximum"]))
                and (int(last["minimum"]), int(last["maximum"])) == (int(all_poor["minimum"]),
                                                                     int(all_poor["maximum"])))

    return _claim(t, f"{section}.poor_everywhere", section, text,
                  ("reconstruction_bounds.minimum", "tipping_point.minimum", "tipping_point.maximum"), holds)


def _tipping_pair(part: pd.DataFrame) -> tuple[int | None, int | None]:
    """From a reading's favourable rows of ``tipping_point``: the fewest poor areas from which the window's lower
    end is certain, and the most up to which its upper end or fewer stays possible."""
    forced = part.loc[part["minimum"] >= part["window_low"], "n_poor"]
    possible = part.loc[part["minimum"] <= part["window_high"], "n_poor"]
    return (int(forced.min()) if len(forced) else None, int(possible.max()) if len(possible) else None)


def tipping(t: Tables, section: str = "main") -> Claim | None:
    """From how many poor-feedback areas at least the window's lower end is certain, and up to how many its upper
    end or fewer stays possible (favourable feedback elsewhere), and whether that holds under every reading of the
    unpublished quantities."""
    summary = t["tipping_summary"]
    favourable = summary[summary["reference"] == "favourable"]
    if favourable.empty:
        return None
    row = favourable.iloc[0]
    low, high = int(row["window_low"]), int(row["window_high"])
    pairs = {(None if pd.isna(r["forced_from"]) else int(r["forced_from"]),
              None if pd.isna(r["possible_to"]) else int(r["possible_to"])) for _, r in favourable.iterrows()}
    forced, possible = next(iter(pairs)) if len(pairs) == 1 else (row["forced_from"], row["possible_to"])
    forced = None if pd.isna(forced) else int(forced)
    possible = None if pd.isna(possible) else int(possible)
    first = (f"{low} or more LEPs are certain to fall short only once feedback is poor in {forced} or more areas"
             if forced is not None else f"{low} or more LEPs are never certain to fall short, however many areas "
                                        "had poor feedback")
    second = (f"up to {possible}, {high} or fewer stays possible" if possible is not None
              else f"{high} or fewer is never possible")
    text = f"{first} (favourable elsewhere); {second}."
    readings = list(favourable["reading"])
    if len(readings) > 1 and len(pairs) > 1:       # the numbers hold under every reading, or the sentence says not
        text += f" These numbers are for the reading '{readings[0]}'; they differ under the others."

    def holds(t: Tables) -> bool:
        tp = t["tipping_point"]
        part = tp[(tp["reference"] == "favourable") & (tp["reading"] == readings[0])].sort_values("n_poor")
        found = {_tipping_pair(tp[(tp["reference"] == "favourable") & (tp["reading"] == r)]) for r in readings}
        return _tipping_pair(part) == (forced, possible) and (len(found) == 1) == (len(pairs) == 1)

    return _claim(t, f"{section}.tipping", section, text,
                  ("tipping_point.minimum", "tipping_point.n_poor", "tipping_point.reading"), holds)


# --- scoring, robustness and the rest ----------------------------------------------------------------------

def rating_count(t: Tables, variant: str, section: str = "findings") -> Claim:
    """One variant's count of LEPs rated RI or Inadequate: bounds where the evidence leaves it open, else the count
    (never an interval: the 38 LEPs are a census)."""
    counts = t["rating_counts"]
    row = counts[(counts["variant"] == variant) & (counts["category"] == "Requires improvement or Inadequate")].iloc[0]
    n, lower, upper = int(row["n"]), int(row["lower"]), int(row["upper"])
    data = "the demonstration data" if bool(row["synthetic_inputs"]) else "the data supplied"
    evidence = "Public evidence alone" if variant == "public" else f"The full rubric on {data}"
    if bool(row["determined"]):
        text = f"{evidence} rates {_of(int(row['count']), n)} LEPs Requires improvement or Inadequate."
    else:
        text = (f"{evidence} leaves the number of LEPs rated Requires improvement or Inadequate open: at least "
                f"{lower}, at most {upper} of {n}.")

    def holds(t: Tables) -> bool:
        c = t["rating_counts"]
        r = c[(c["variant"] == variant) & (c["category"] == "Requires improvement or Inadequate")].iloc[0]
        scores = t["engagement_scores_public" if variant == "public" else "engagement_scores_full"]
        worst_ri = scores["rating_worst"].isin(["Requires improvement", "Inadequate"])
        best_ri = scores["rating_best"].isin(["Requires improvement", "Inadequate"])
        return (int(r["lower"]), int(r["upper"]), bool(r["determined"])) == (lower, upper, bool(row["determined"])) \
            and int(best_ri.sum()) == lower and int(worst_ri.sum()) == upper and len(scores) == n

    return _claim(t, f"{section}.count_{variant}", section, text,
                  ("rating_counts.lower", "rating_counts.upper",
                   f"engagement_scores_{'public' if variant == 'public' else 'full'}.rating_best"), holds,
                  synthetic=bool(row["synthetic_inputs"]))


def study_area(t: Tables, section: str = "findings") -> Claim:
    """Bodies and residents, each district counted once."""
    area = t["study_area"].iloc[0]
    shared = int(area["n_districts_in_two_bodies"])
    overlap = f" {shared} districts sat in two LEPs; their residents are counted once." if shared else ""
    text = (f"The study covers {int(area['n_bodies'])} LEPs, {int(area['n_districts'])} districts and "
            f"{int(area['population_mid2019']):,} residents (ONS, mid-2019).{overlap}")

    def holds(t: Tables) -> bool:
        a = t["study_area"].iloc[0]
        return (int(a["n_bodies"]) == len(t["leps"]) == int(area["n_bodies"])
                and int(a["n_districts"]) == t["lad_lep"]["lad19_code"].nunique() == int(area["n_districts"])
                and int(a["population_mid2019"]) == int(area["population_mid2019"]))

    return _claim(t, f"{section}.study_area", section, text,
                  ("study_area.n_bodies", "study_area.population_mid2019", "leps.lep17_code", "lad_lep.lad19_code"),
                  holds)


def imd_check(t: Tables, section: str = "findings") -> Claim:
    """How well the district lookup reproduces IoD2019 File 12 (``imd_validation``), or why it cannot be checked."""
    validation, n_bodies = t["imd_validation"], int(t["study_area"]["n_bodies"].iloc[0])
    if validation.empty:
        text = (f"None of the study's {n_bodies} bodies is in IoD2019 File 12, so the district lookup cannot be "
                "checked against it; each body's deprivation is the population-weighted mean of its districts' "
                "scores (File 10).")
        return _claim(t, f"{section}.imd_check", section, text, ("imd_validation.status",),
                      lambda t: t["imd_validation"].empty)
    ok = validation[validation.status == "ok"]
    tolerance = float(validation["tolerance"].iloc[0])
    text = (f"Deprivation scores built up from districts match the government's published scores within "
            f"{tolerance:g} points for {len(ok)} of {len(validation)} LEPs")
    text += f" (largest difference {ok['abs_diff'].max():.3f})." if len(ok) else "."
    bounded = validation.loc[validation.status == "bounded", "lep17_name"].tolist()
    if bounded:
        subject = "it gets" if len(bounded) == 1 else "they get"
        text += f" {', '.join(bounded)} covered parts of districts, so {subject} a range instead."
    failed = int((validation.status == "fail").sum())
    text += f" {failed} did not match." if failed else ""

    def holds(t: Tables) -> bool:
        v = t["imd_validation"]
        good = v[v["status"] == "ok"]
        return (len(good) == len(ok) and bool((good["abs_diff"] <= good["tolerance"]).all())
                and int((v["status"] == "fail").sum()) == failed and len(v) == len(validation))

    return _claim(t, f"{section}.imd_check", section, text, ("imd_validation.abs_diff", "imd_validation.status"),
                  holds)


def backtest(t: Tables, section: str = "findings") -> Claim:
    """Every back-test status counted, with how many bounds are too wide to fail (``backtest``)."""
    table = t["backtest"]
    figures = table[table["kind"] != "consistency"]
    inside = int(figures["published_inside_public_bounds"].astype(bool).sum())
    counts = figures[figures["kind"] == "count"]
    trivial = int((figures["kind"] == "trivial").sum())
    n = int(t["leps"].shape[0])
    wide = int((counts["bound_width"] >= n / 2).sum())
    text = (f"Checked against public evidence, {inside} of NCVO's {len(figures)} published figures lie within "
            f"what it allows. But for {wide} of the {len(counts)} counts the evidence allows a range at least half "
            f"the {n} LEPs wide, so the check could hardly fail. One more figure, the number of LEPs, checks "
            f"nothing." if trivial == 1 else
            f"Checked against public evidence, {inside} of NCVO's {len(figures)} published figures lie within "
            f"what it allows. But for {wide} of the {len(counts)} counts the evidence allows a range at least half "
            f"the {n} LEPs wide, so the check could hardly fail.")

    def holds(t: Tables) -> bool:
        b = t["backtest"]
        f = b[b["kind"] != "consistency"]
        c = f[f["kind"] == "count"]
        within = ((f["public_lower"] <= f["published_value"]) & (f["published_value"] <= f["public_upper"]))
        return (int(within.sum()) == inside == int(f["published_inside_public_bounds"].astype(bool).sum())
                and int(((c["public_upper"] - c["public_lower"]) >= n / 2).sum()) == wide and len(f) == len(figures))

    # the sentence reads the public-evidence bounds and NCVO's published values only, never ``full_value`` (the
    # column the table's synthetic flag is about), so its layer is that of the public evidence
    return _claim(t, f"{section}.backtest", section, text,
                  ("backtest.public_lower", "backtest.public_upper", "backtest.published_value"), holds,
                  synthetic=False)


def _term_words(term: str) -> str:
    """A term of the variance decomposition in plain English: a choice, two choices together, or the rest."""

    if term.startswith("three-way"):
        return "combining three or more choices"
    parts = [choice_words(part) for part in term.split(" x ")]
    return parts[0] if len(parts) == 1 else f"{parts[0]} together with {parts[1]}"


def specification(t: Tables, variant: str, section: str = "findings") -> Claim:
    """A variant's specification curve in words: how many distinct specifications (different rating vectors), the
    range of their lower and upper bounds, and the choice that explains the most variance."""
    summary = t["specification_summary"].set_index("variant").loc[variant]
    variance = t["specification_variance"]
    part = variance[variance["variant"] == variant]
    data = "the demonstration data" if bool(summary["synthetic_inputs"]) else "the data supplied"
    evidence = "On public evidence alone" if variant == "public" else f"With the full rubric on {data}"
    n, low, high = int(summary["n_leps"]), int(summary["lower_min"]), int(summary["lower_max"])
    window = f"About two-thirds ({int(summary['window_low'])} to {int(summary['window_high'])})"
    text = (f"{evidence}, changing the rubric's choices gives {int(summary['n_distinct']):,} versions that rate "
            f"LEPs differently.")
    if float(summary["share_determined"]) == 1.0:
        text += (f" They find {low} to {high} of {n} LEPs fall short. {window} comes out in "
                 f"{summary['share_in_window']:.0%} of them.")
    else:
        text += (f" In them, {low} to {high} of {n} LEPs certainly fall short and {int(summary['upper_min'])} to "
                 f"{int(summary['upper_max'])} possibly do. {window} is certain in "
                 f"{summary['share_in_window']:.0%} of them and possible in {summary['share_in_window_possible']:.0%}.")
    if len(part):
        text += (f" Of the choices, {_term_words(part.iloc[0]['term'])} moves the certain count most "
                 f"({part.iloc[0]['share']:.0%} of its variation).")

    def holds(t: Tables) -> bool:
        curve = t["specification_curve"]
        c = curve[curve["variant"] == variant]
        distinct = c[c["distinct"]]
        row = t["specification_summary"].set_index("variant").loc[variant]
        return (len(distinct) == int(summary["n_distinct"]) == int(row["n_distinct"])
                and int(distinct["lower"].min()) == int(row["lower_min"])
                and int(distinct["upper"].max()) == int(row["upper_max"])
                and int(distinct["lower"].max()) == int(row["lower_max"]))

    return _claim(t, f"{section}.specification_{variant}", section, text,
                  ("specification_curve.distinct", "specification_curve.lower", "specification_curve.upper",
                   "specification_variance.share"), holds, synthetic=bool(summary["synthetic_inputs"]))


def feedback_model(t: Tables, section: str = "findings") -> Claim | None:
    """The feedback model's distribution of the count (the model row of ``count_uncertainty``, checked against
    ``count_distribution``)."""
    rows = t["count_uncertainty"]
    model = rows[rows["method"].str.startswith("feedback model")]
    if model.empty:
        return None
    m = model.iloc[0]
    n = int(m["n"])
    text = (f"If the sector organisations that answered are taken as a sample of each area's organisations, with "
            f"the means of areas with few answers pulled toward the overall mean, the expected count is "
            f"{m['count']:.1f} of {n} ({m['level']:.0%} interval {int(m['interval_low'])} to "
            f"{int(m['interval_high'])} given the model's fitted spread")
    widened = model.iloc[1] if len(model) > 1 else None
    if widened is not None:
        text += (f"; {int(widened['interval_low'])} to {int(widened['interval_high'])} allowing for the uncertainty "
                 "of the spread itself")
    text += (f"); a majority has probability {m['p_majority']:.0%} and about two-thirds ({int(m['window_low'])} to "
             f"{int(m['window_high'])}) {m['p_in_window']:.0%}.")

    def agrees(row: pd.Series, d: pd.DataFrame, probability: str, cumulative: str) -> bool:
        """The row's mean, central interval and probabilities are those of one distribution of the table."""
        mean = float((d["count"] * d[probability]).sum())
        tail = (1 - float(row["level"])) / 2
        low = int(d.loc[d[cumulative] >= tail - 1e-12, "count"].min())
        high = int(d.loc[d[cumulative] >= 1 - tail - 1e-12, "count"].min())
        majority = float(d.loc[d["count"] >= n // 2 + 1, probability].sum())
        window = float(d.loc[d["count"].between(int(row["window_low"]), int(row["window_high"])), probability].sum())
        return (abs(mean - float(row["count"])) < 0.05 and (low, high) == (int(row["interval_low"]),
                                                                           int(row["interval_high"]))
                and abs(majority - float(row["p_majority"])) < 0.005
                and abs(window - float(row["p_in_window"])) < 0.005)

    def holds(t: Tables) -> bool:
        d = t["count_distribution"]
        return agrees(m, d, "probability", "cumulative") and (
            widened is None or agrees(widened, d, "probability_widened", "cumulative_widened"))

    return _claim(t, f"{section}.feedback_model", section, text,
                  ("count_uncertainty.count", "count_uncertainty.interval_low", "count_distribution.probability",
                   "count_distribution.probability_widened"), holds)


def nonresponse(t: Tables, section: str = "findings") -> Claim:
    """The extreme non-response bounds and the shift of non-responders' totals that reaches the window's lower end
    (``nonresponse_bounds``, checked against ``nonresponse_delta``)."""
    b = t["nonresponse_bounds"].iloc[0]
    n, silent = int(b["n"]), int(b["n"]) - int(b["n_responders"])
    text = (f"If every one of the {silent} LEPs that did not answer NCVO were better than assessed, "
            f"{round(b['nonresponders_all_better'] * n)} of {n} would be rated Requires improvement or Inadequate; "
            f"if all were worse, {round(b['nonresponders_all_worse'] * n)}. With the response criterion taken out, ")
    shift = b["delta_to_window"]
    if pd.isna(shift):
        text += f"no shift of non-responders' totals within half the maximum points reaches {int(b['window_low'])}."
    elif shift == 0:
        text += f"the count reaches {int(b['window_low'])} without any shift."
    else:
        text += (f"the count reaches {int(b['window_low'])} only if non-responders were "
                 f"{'worse' if shift < 0 else 'better'} than assessed by {abs(shift):.1%} of the maximum points.")

    def holds(t: Tables) -> bool:
        d = t["nonresponse_delta"]
        target = int(b["window_low"])
        reached = d.loc[d["lower"] >= target, "delta"]
        if pd.isna(shift):
            return reached.empty
        nearest = float(reached.loc[reached.abs().idxmin()])
        return abs(nearest - float(shift)) < 1e-9 and int(t["nonresponse_bounds"]["n"].iloc[0]) == n

    return _claim(t, f"{section}.nonresponse", section, text,
                  ("nonresponse_bounds.nonresponders_all_better", "nonresponse_delta.lower"), holds)


def _estimable(tests: pd.DataFrame) -> pd.Series:
    return ~tests["result"].str.startswith("not estimable")


def representation(t: Tables, section: str = "findings") -> Claim:
    """How many planned tests public evidence allows, and the primary test of the second layer with its effect and
    interval and the Holm-adjusted family (``representation_tests``)."""
    tests = t["representation_tests"]
    real = tests[tests["layer"] == "real"]
    estimable = int(_estimable(real).sum())
    text = (f"Representation and strategy quality: {estimable} of {len(real)} planned tests can be estimated on "
            "public evidence alone, which cannot answer the question.")
    demo = tests[tests["layer"] == "demo"]
    primary = demo[demo["role"] == "primary"]
    family = demo[demo["p_holm"].notna()]
    significant = int((family["p_holm"] < 0.05).sum())
    if len(primary):
        row = primary.iloc[0]
        where = "On the demonstration data" if bool(row["synthetic_inputs"]) else "On the data supplied"
        if str(row["result"]).startswith("not estimable"):
            text += f" {where} the primary test is {row['result']}."
        else:
            text += (f" {where} the primary test ({row['test']}, {str(row['comparison']).replace('_', ' ')}) gives "
                     f"{row['effect_measure']} {row['effect']:.2f} (95% interval {row['effect_ci_low']:.2f} to "
                     f"{row['effect_ci_high']:.2f}, p = {row['p_value']:.2f}); {significant} of the {len(family)} "
                     f"secondary tests stay below 5% after Holm adjustment.")

    def holds(t: Tables) -> bool:
        tt = t["representation_tests"]
        r, d = tt[tt["layer"] == "real"], tt[tt["layer"] == "demo"]
        fam = d[d["p_holm"].notna()]
        return (int(_estimable(r).sum()) == estimable and len(r) == len(real)
                and int((fam["p_holm"] < 0.05).sum()) == significant
                and not bool((fam["role"] == "primary").any()))

    return _claim(t, f"{section}.representation", section, text,
                  ("representation_tests.result", "representation_tests.p_holm", "representation_tests.role"), holds)


def real_evidence(t: Tables, section: str = "annex_03") -> Claim:
    """What public evidence holds on representation and strategy (the real layer of ``representation_measures``)
    and how many per-body annual performance review ratings were found (``apr_coverage``)."""
    measures, apr = t["representation_measures"], t["apr_coverage"]
    real = measures[measures["layer"] == "real"]
    n, seat = len(real), real["main_board_vcs"]
    known, with_seat, without = int(seat.notna().sum()), int(seat.eq(True).sum()), int(seat.eq(False).sum())
    typed = int(real["seat_group"].notna().sum())
    lis = int(real["lis_published"].notna().sum())
    ratings = int(apr["per_lep_ratings_found"].sum())
    text = (f"Public evidence shows whether there was a voluntary sector main-board seat for {known} of {n} bodies "
            f"({with_seat} with one, {without} without); the seat's type is known for {typed}; Local Industrial "
            f"Strategy status is known for {lis}; annual performance review strategy ratings were found for "
            f"{ratings}. With no body shown without a seat, a with-versus-without comparison is impossible on real "
            f"evidence." if without == 0 else
            f"Public evidence shows whether there was a voluntary sector main-board seat for {known} of {n} bodies "
            f"({with_seat} with one, {without} without); the seat's type is known for {typed}; Local Industrial "
            f"Strategy status is known for {lis}; annual performance review strategy ratings were found for "
            f"{ratings}.")

    def holds(t: Tables) -> bool:
        m = t["representation_measures"]
        r = m[m["layer"] == "real"]
        b = t["board_evidence_public"]
        return (len(r) == n and int(r["main_board_vcs"].eq(True).sum()) == with_seat
                == int(b["main_board_vcs"].eq(True).sum()) and int(r["main_board_vcs"].eq(False).sum()) == without
                and int(t["apr_coverage"]["per_lep_ratings_found"].sum()) == ratings)

    return _claim(t, f"{section}.real_evidence", section, text,
                  ("representation_measures.main_board_vcs", "board_evidence_public.main_board_vcs",
                   "apr_coverage.per_lep_ratings_found"), holds, synthetic=bool(real["synthetic_inputs"].any()))


def agreement(t: Tables, table: str, section: str) -> Claim | None:
    """The first agreement measure of ``rater_agreement`` or ``strategy_agreement`` with its interval."""
    rows = t[table]
    if rows.empty or pd.isna(rows["value"].iloc[0]):
        return None
    row = rows.iloc[0]
    who = "The two raters" if table == "rater_agreement" else "The two strategy coders"
    text = (f"{who} agree with {row['measure']} {row['value']:.2f} (95% interval {row['ci_low']:.2f} to "
            f"{row['ci_high']:.2f}).")

    def holds(t: Tables) -> bool:
        r = t[table].iloc[0]
        return (r["measure"] == row["measure"] and abs(float(r["value"]) - float(row["value"])) < 1e-9
                and float(r["ci_low"]) <= float(r["value"]) <= float(r["ci_high"]))

    return _claim(t, f"{section}.{table}", section, text, (f"{table}.value", f"{table}.ci_low"), holds)


# --- chart titles -------------------------------------------------------------------------------------------

def reconstruction_title(t: Tables) -> Claim:
    """The reconstruction chart's title: what the published record allows with feedback free."""
    free = t["reconstruction_bounds"].set_index("feedback").loc["free"]
    base = record_allows(t, "figure")
    text = (f"NCVO's counts allow {int(free['minimum'])} to {int(free['maximum'])} of {int(free['n'])} LEPs rated "
            "RI or Inadequate")
    return Claim("figure.reconstruction", "figure", text, base.layer, base.evidence, base.predicate)


def tipping_title(t: Tables) -> Claim:
    """The tipping chart's title: from how many poor-feedback areas at least the window's lower end is certain."""
    base = tipping(t, "figure")
    row = t["tipping_summary"]
    row = row[row["reference"] == "favourable"].iloc[0]
    text = (f"At least {int(row['window_low'])} of {int(row['n'])} is certain only from {int(row['forced_from'])} "
            "poor-feedback areas" if pd.notna(row["forced_from"]) else
            f"At least {int(row['window_low'])} of {int(row['n'])} is never certain")
    return Claim("figure.tipping", "figure", text, base.layer, base.evidence, base.predicate)


def esif_title(t: Tables) -> Claim | None:
    """The ESIF sensitivity chart's title: the condition on expired memberships (favourable feedback)."""
    base = favourable_condition(t, "esif_expired", "figure")
    if base is None:
        return None
    row = t["reconstruction_sensitivity_summary"].set_index("quantity").loc["esif_expired"]
    kind, condition = _quantity_words(row)
    if kind == "never":
        text = "About two-thirds is out of reach with favourable feedback, however many memberships expired"
    elif kind == "always":
        text = "About two-thirds stays reachable with favourable feedback, however many memberships expired"
    elif kind == "between":
        text = (f"With favourable feedback, about two-thirds needs {int(row['reachable_k_from'])} to "
                f"{int(row['reachable_k_to'])} expired ESIF memberships")
    else:
        number = int(row["reachable_k_from"] if kind == "at least" else row["reachable_k_to"])
        text = f"With favourable feedback, about two-thirds needs {kind} {number} expired ESIF memberships"
    return Claim("figure.esif", "figure", text, base.layer, base.evidence, base.predicate)


def deprivation_title(t: Tables) -> Claim:
    """The deprivation chart's title: the least and most deprived body (``lep_context``)."""
    context = t["lep_context"]
    least, most = context.loc[context["imd_avg_score"].idxmin()], context.loc[context["imd_avg_score"].idxmax()]
    text = (f"Deprivation ranges from {least['imd_avg_score']:.1f} ({least['canonical_name']}) to "
            f"{most['imd_avg_score']:.1f} ({most['canonical_name']})")

    def holds(t: Tables) -> bool:
        c = t["lep_context"]
        lowest, highest = c.loc[c["imd_avg_score"].idxmin()], c.loc[c["imd_avg_score"].idxmax()]
        return (len(c) == len(context) and lowest["canonical_name"] == least["canonical_name"]
                and highest["canonical_name"] == most["canonical_name"]
                and f"{c['imd_avg_score'].min():.1f}" == f"{least['imd_avg_score']:.1f}"
                and f"{c['imd_avg_score'].max():.1f}" == f"{most['imd_avg_score']:.1f}")

    return _claim(t, "figure.deprivation", "figure", text, ("lep_context.imd_avg_score",), holds)


def coverage_title(t: Tables) -> Claim:
    """The coverage chart's title: how many bodies public sources show a main-board seat status for."""
    coverage = t["evidence_coverage"]
    n = coverage["lep17_code"].nunique()
    seat = coverage[coverage["item"] == "main board VCS seat"]
    known = int((seat["status"] == "public").sum())
    text = f"Public sources show a main-board voluntary sector seat for {known} of {n} LEPs"

    def holds(t: Tables) -> bool:
        c = t["evidence_coverage"]
        part = c[c["item"] == "main board VCS seat"]
        board = t["board_evidence_public"]
        # a cell shown as public is one public sources settle (a researcher's own answers may replace others)
        return (int((part["status"] == "public").sum()) == known <= int(board["main_board_vcs"].notna().sum())
                and c["lep17_code"].nunique() == n)

    return _claim(t, "figure.coverage", "figure", text,
                  ("evidence_coverage.status", "board_evidence_public.main_board_vcs"), holds, synthetic=False)


def heatmap_title(t: Tables) -> Claim:
    """The public criterion heatmap's title: how many rubric cells public evidence fills."""
    scores = t["engagement_scores_public"]
    columns = [c for c in scores.columns if c.startswith("pts_")]
    known, cells = int(scores[columns].notna().to_numpy().sum()), len(scores) * len(columns)
    text = f"Public evidence fills {known} of {cells} rubric cells"

    def holds(t: Tables) -> bool:
        s = t["engagement_scores_public"]
        return (int(s[columns].notna().to_numpy().sum()) == known and len(s) * len(columns) == cells
                and int(s["n_known"].sum()) == known)

    return _claim(t, "figure.criterion_heatmap", "figure", text,
                  ("engagement_scores_public.pts_*", "engagement_scores_public.n_known"), holds)


def _board_rows(backtest: pd.DataFrame) -> pd.DataFrame:
    return backtest[backtest["figure_id"].str.startswith(("n_main_board", "n_subgroup", "n_esif"))
                    & (backtest["figure_id"] != "n_main_board_no_vcs_rep")]


def board_title(t: Tables) -> Claim:
    """The board chart's title: whether every published board count lies within the public bounds, and whether
    public evidence confirms fewer than NCVO counted for most of them."""
    rows = _board_rows(t["backtest"])
    inside = (rows["published_value"] >= rows["public_lower"]) & (rows["published_value"] <= rows["public_upper"])
    seats = rows.set_index("figure_id").loc["n_main_board_vcs_rep"]
    fit = ("all NCVO's counts fit the evidence" if inside.all() else
           f"{int((~inside).sum())} of NCVO's counts do not fit it")
    text = (f"Public sources confirm {int(seats['public_lower'])} main-board seats to NCVO's "
            f"{int(seats['published_value'])}; {fit}")

    def holds(t: Tables) -> bool:
        r = _board_rows(t["backtest"])
        ok = (r["published_value"] >= r["public_lower"]) & (r["published_value"] <= r["public_upper"])
        row = r.set_index("figure_id").loc["n_main_board_vcs_rep"]
        return (bool(ok.all()) == bool(inside.all()) and int((~ok).sum()) == int((~inside).sum())
                and (int(row["public_lower"]), int(row["published_value"])) == (int(seats["public_lower"]),
                                                                                 int(seats["published_value"])))

    # the title reads the public bounds and NCVO's values only, never the demonstration column
    return _claim(t, "figure.board", "figure", text,
                  ("backtest.public_lower", "backtest.public_upper", "backtest.published_value"), holds,
                  synthetic=False)


def rating_title(t: Tables) -> Claim:
    """The rating chart's title: each variant's count of RI or Inadequate, with the predicates of its claims."""
    parts = [rating_count(t, variant) for variant in ("public", "full")]
    words = []
    for variant, where in (("public", "on public evidence"), ("full", "with the full rubric")):
        c = t["rating_counts"]
        row = c[(c["variant"] == variant) & (c["category"] == "Requires improvement or Inadequate")].iloc[0]
        held = (f"{int(row['count'])}" if bool(row["determined"]) else f"{int(row['lower'])} to {int(row['upper'])}")
        words.append(f"{held} {where}")
    text = f"RI or Inadequate: {words[0]}, {words[1]}, of {int(row['n'])} LEPs"
    layers = {p.layer for p in parts}
    kind = layers.pop() if len(layers) == 1 else "mixed"
    return Claim("figure.rating_distribution", "figure", text, kind, tuple(e for p in parts for e in p.evidence),
                 lambda t: all(p.holds(t) for p in parts))


def seat_evidence_title(t: Tables) -> Claim:
    """The representation-by-deprivation chart's title: seats shown and ruled out in the real layer."""
    real = t["representation_measures"]
    real = real[real["layer"] == "real"]
    with_seat, without = int(real["main_board_vcs"].eq(True).sum()), int(real["main_board_vcs"].eq(False).sum())
    text = f"Public evidence shows {with_seat} LEPs with a voluntary sector seat and {without} without"

    def holds(t: Tables) -> bool:
        m = t["representation_measures"]
        r = m[m["layer"] == "real"]
        b = t["board_evidence_public"]
        return (int(r["main_board_vcs"].eq(True).sum()) == with_seat == int(b["main_board_vcs"].eq(True).sum())
                and int(r["main_board_vcs"].eq(False).sum()) == without)

    return _claim(t, "figure.seat_evidence", "figure", text,
                  ("representation_measures.main_board_vcs", "board_evidence_public.main_board_vcs"), holds,
                  synthetic=False)


def strategy_title(t: Tables) -> Claim | None:
    """The strategy chart's title: the second layer's primary test, as ``representation_tests`` gives it."""
    tests = t["representation_tests"]
    primary = tests[(tests["layer"] == "demo") & (tests["role"] == "primary")]
    if primary.empty:
        return None
    row = primary.iloc[0]
    if pd.isna(row["p_value"]):
        text = "The primary test of strategy score by board seat could not be run"     # why: in the table
    else:
        finding = "No clear difference" if row["p_value"] >= 0.05 else "A difference"
        text = (f"{finding} in strategy score with and without a board seat (p = {row['p_value']:.2f}, "
                f"n = {int(row['n'])})")

    def holds(t: Tables) -> bool:
        tt = t["representation_tests"]
        r = tt[(tt["layer"] == "demo") & (tt["role"] == "primary")].iloc[0]
        return (r["id"] == row["id"] and (pd.isna(r["p_value"]) == pd.isna(row["p_value"]))
                and (pd.isna(r["p_value"]) or (f"{r['p_value']:.2f}" == f"{row['p_value']:.2f}"
                                               and (r["p_value"] >= 0.05) == (row["p_value"] >= 0.05))))

    return _claim(t, "figure.strategy", "figure", text, ("representation_tests.p_value",), holds,
                  synthetic=bool(row["synthetic_inputs"]))


def ordinal_title(t: Tables) -> Claim:
    """The ordinal model chart's title: whether any layer could be fitted and, if so, whether every interval
    spans 1."""
    models = t["ordinal_logit"]
    fitted = models.dropna(subset=["odds_ratio"])
    if fitted.empty:        # the chart and the table beside it give the reasons, layer by layer
        text = "No ordinal model could be fitted"
    else:
        spans = bool(((fitted["ci_low"] <= 1) & (fitted["ci_high"] >= 1)).all())
        text = (("Every interval spans 1: no detectable association" if spans else
                 "At least one interval excludes 1") + f" (ordinal logit, n = {int(fitted['n'].max())})")

    def holds(t: Tables) -> bool:
        m = t["ordinal_logit"]
        f = m.dropna(subset=["odds_ratio"])
        if fitted.empty:
            return f.empty and list(m["note"]) == list(models["note"])
        return (not f.empty and bool(((f["ci_low"] <= 1) & (f["ci_high"] >= 1)).all()) == spans
                and int(f["n"].max()) == int(fitted["n"].max()))

    return _claim(t, "figure.ordinal", "figure", text, ("ordinal_logit.odds_ratio", "ordinal_logit.note"), holds)




def variance_title(t: Tables, variant: str) -> Claim | None:
    """A variance chart's title: the choice that accounts for the largest share of the lower bound's variance."""

    variance = t["specification_variance"]
    part = variance[variance["variant"] == variant]
    if part.empty:
        return None
    top = part.loc[part["share"].idxmax()]
    what = "combining three or more choices" if str(top["term"]).startswith("three-way") else choice_words(top["term"])
    text = (f"{VARIANT_NAMES[variant]}: {what} explains {top['share']:.0%} of the certain count's "
            "variation")

    def holds(t: Tables) -> bool:
        v = t["specification_variance"]
        p = v[v["variant"] == variant]
        best = p.loc[p["share"].idxmax()]
        return best["term"] == top["term"] and f"{best['share']:.0%}" == f"{top['share']:.0%}"

    return _claim(t, f"figure.variance_{variant}", "figure", text, ("specification_variance.share",), holds,
                  synthetic=bool(part["synthetic_inputs"].any()))


def curve_title(t: Tables, variant: str) -> Claim:
    """A specification curve's title: the variant's specification claim."""
    base = specification(t, variant, "figure")
    row = t["specification_summary"].set_index("variant").loc[variant]
    low, high = int(row["configured_lower"]), int(row["configured_upper"])
    configured = f"{low}" if low == high else f"{low} to {high}"

    def holds(t: Tables) -> bool:
        curve = t["specification_curve"]
        c = curve[(curve["variant"] == variant) & curve["configured"]].iloc[0]
        return base.holds(t) and (int(c["lower"]), int(c["upper"])) == (low, high)

    text = (f"{int(row['n_distinct']):,} rubric versions: {int(row['lower_min'])} to {int(row['lower_max'])} "
            f"certainly RI or Inadequate; the configured one, {configured}")
    return replace(base, id=f"figure.curve_{variant}", predicate=holds, text=text,
                   evidence=(*base.evidence, "specification_curve.configured"))


def count_distribution_title(t: Tables) -> Claim | None:
    """The count-distribution chart's title: the feedback model's interval and, over a researcher's own feedback
    (never over stand-ins, which are not comparable with NCVO's figure), the chance of about two-thirds."""
    base = feedback_model(t, "figure")
    if base is None:
        return None
    rows = t["count_uncertainty"]
    m = rows[rows["method"].str.startswith("feedback model")].iloc[0]
    text = (f"Under the feedback model the count is {int(m['interval_low'])} to {int(m['interval_high'])} "
            f"({m['level']:.0%})")
    if base.layer == "real":
        text += f"; about two-thirds has probability {m['p_in_window']:.0%}"
    return replace(base, id="figure.count_distribution", text=text)


# --- composing and checking ---------------------------------------------------------------------------------

Builder = Callable[[Tables], "Claim | None"]

# (builder, tables it needs), in reading order within each section
BUILDERS: list[tuple[Builder, tuple[str, ...]]] = [
    (answer_title, ("reconstruction_bounds",)),
    (lambda t: seats_on_record(t, "main"), ("board_evidence_public",)),
    (lambda t: record_allows(t, "main"), ("reconstruction_bounds",)),
    (lambda t: favourable_condition(t, "esif_expired", "main"), ("reconstruction_sensitivity_summary",)),
    (lambda t: poor_everywhere(t, "main"), ("reconstruction_bounds", "tipping_point")),
    (lambda t: tipping(t, "main"), ("tipping_summary", "tipping_point")),
    (lambda t: favourable_condition(t, "esif_expired", "findings"), ("reconstruction_sensitivity_summary",)),
    (lambda t: favourable_condition(t, "code_of_practice", "findings"), ("reconstruction_sensitivity_summary",)),
    (lambda t: study_area(t), ("study_area", "leps", "lad_lep")),
    (lambda t: rating_count(t, "public"), ("rating_counts", "engagement_scores_public")),
    (lambda t: rating_count(t, "full"), ("rating_counts", "engagement_scores_full")),
    (lambda t: backtest(t), ("backtest", "leps")),
    (lambda t: specification(t, "public"), ("specification_summary", "specification_curve", "specification_variance")),
    (lambda t: specification(t, "full"), ("specification_summary", "specification_curve", "specification_variance")),
    (lambda t: feedback_model(t), ("count_uncertainty", "count_distribution")),
    (lambda t: nonresponse(t), ("nonresponse_bounds", "nonresponse_delta")),
    (lambda t: representation(t), ("representation_tests",)),
    (lambda t: imd_check(t), ("imd_validation", "study_area")),
    (lambda t: real_evidence(t, "annex_03"), ("representation_measures", "apr_coverage", "board_evidence_public")),
    (lambda t: representation(t, "annex_03"), ("representation_tests",)),
    (lambda t: agreement(t, "strategy_agreement", "annex_03"), ("strategy_agreement",)),
    (lambda t: specification(t, "full", "annex_04"), ("specification_summary", "specification_curve",
                                                      "specification_variance")),
    (lambda t: specification(t, "public", "annex_04"), ("specification_summary", "specification_curve",
                                                        "specification_variance")),
    (lambda t: feedback_model(t, "annex_04"), ("count_uncertainty", "count_distribution")),
    (lambda t: nonresponse(t, "annex_04"), ("nonresponse_bounds", "nonresponse_delta")),
    (lambda t: agreement(t, "rater_agreement", "annex_04"), ("rater_agreement",)),
    (reconstruction_title, ("reconstruction_bounds",)),
    (deprivation_title, ("lep_context",)),
    (coverage_title, ("evidence_coverage", "board_evidence_public")),
    (heatmap_title, ("engagement_scores_public",)),
    (board_title, ("backtest",)),
    (rating_title, ("rating_counts", "engagement_scores_public", "engagement_scores_full")),
    (seat_evidence_title, ("representation_measures", "board_evidence_public")),
    (strategy_title, ("representation_tests",)),
    (ordinal_title, ("ordinal_logit",)),
    (lambda t: variance_title(t, "full"), ("specification_variance",)),
    (lambda t: variance_title(t, "public"), ("specification_variance",)),
    (lambda t: curve_title(t, "full"), ("specification_summary", "specification_curve", "specification_variance")),
    (lambda t: curve_title(t, "public"), ("specification_summary", "specification_curve",
                                          "specification_variance")),
    (count_distribution_title, ("count_uncertainty", "count_distribution")),
    (tipping_title, ("tipping_summary", "tipping_point")),
    (esif_title, ("reconstruction_sensitivity_summary", "reconstruction_sensitivity")),
]

MAIN_POINTS = 5
MAIN_POINT_WORDS = 30       # the bulletin's main points: at most five, each at most 30 words
TITLE_WORDS = 14            # a chart title: about 12 words, not counting numbers


def title_words(text: str) -> int:
    """The words of a title, numbers and symbols not counted ("0 to 38 of 38 LEPs" is four words)."""
    return sum(1 for word in text.split() if any(ch.isalpha() for ch in word))


def compose(tables: Tables) -> list[Claim]:
    """Every claim the tables allow (a builder whose tables the run did not build is skipped)."""
    out = []
    for builder, needs in BUILDERS:
        if all(name in tables for name in needs):
            claim = builder(tables)
            if claim is not None:
                out.append(claim)
    return out


def check(claims: list[Claim], tables: Tables) -> None:
    """Stop at the first claim whose predicate fails, naming it; main points are at most five and real."""
    for claim in claims:
        if not claim.holds(tables):
            raise ClaimFailed(claim)
    main = [c for c in claims if c.section == "main"]
    if len(main) > MAIN_POINTS or any(c.layer != "real" for c in main):
        raise DataError("the main points must be at most five real findings", key="main",
                        expected=f"{MAIN_POINTS} or fewer claims resting on public evidence only")
    titles = [c.id for c in claims if c.section == "figure" and title_words(c.text) > TITLE_WORDS]
    if titles:
        raise DataError(f"chart titles longer than {TITLE_WORDS} words: {', '.join(titles)}", key="figure",
                        expected="a title that states the chart's message in about 12 words (numbers not counted)")
    long = [c.id for c in main if len(c.text.split()) > MAIN_POINT_WORDS]
    if long:
        raise DataError(f"main points longer than {MAIN_POINT_WORDS} words: {', '.join(long)}", key="main",
                        expected="main points a policy reader takes in at a glance (the detail goes in the findings)")


def claims_table(claims: list[Claim]) -> pd.DataFrame:
    """One row per claim: id, section, layer, the sentence and the ``table.column`` evidence it rests on, and the
    row's ``synthetic_inputs`` flag (any layer but real)."""
    table = pd.DataFrame([{"id": c.id, "section": c.section, "layer": c.layer, "text": c.text,
                           "evidence": "; ".join(c.evidence)} for c in claims],
                         columns=["id", "section", "layer", "text", "evidence"])
    table["synthetic_inputs"] = table["layer"] != "real"
    return table


def markdown(claims: pd.DataFrame) -> str:
    """``docs/claims.md``: every claim of the default build with its layer and evidence."""
    lines = ["# Claims", "",
             "Generated by `lepstudy data` from the `claims` table; do not edit. Every sentence below is checked "
             "against the tables it names in every build: a build whose claim does not hold stops with the claim's "
             "id. Layer: *real* rests on public evidence and NCVO's published counts only; *synthetic* on the "
             "synthetic stand-ins; *mixed* on both.", ""]
    for section, part in claims.groupby("section", sort=False):
        lines += [f"## {section}", "", "| id | layer | claim | evidence |", "|---|---|---|---|"]
        lines += [f"| `{row.id}` | {row.layer} | {row.text.replace('|', '/')} | {row.evidence.replace('; ', '<br>')} |"
                  for row in part.itertuples()]
        lines.append("")
    return "\n".join(lines)
