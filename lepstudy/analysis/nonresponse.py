"""Non-response: did the LEPs that answered NCVO differ from those assessed from their websites?

Responders and non-responders are compared on public evidence (main-board VCS seat, IMD, population)
with exact or rank tests; the share rated RI or Inadequate is bounded by assuming every non-responder was
better (none RI/Inadequate) or worse (all RI/Inadequate) than assessed (the extreme, Manski-type bounds); and a
tipping-point (delta) analysis shifts non-responders' totals by a stated amount, with the response criterion
taken out of the rubric so that not answering does not lower a rating by construction.
Which LEPs answered is not public, so with the shipped data these comparisons are synthetic.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd

from lepstudy.analysis import stats
from lepstudy.analysis.engagement import Rubric, is_ri_or_inadequate, rating_range, score


def compare_responders(responses: pd.DataFrame, public: pd.DataFrame, context: pd.DataFrame) -> pd.DataFrame:
    """One row per public measure: responders vs non-responders, test, p-value and n."""
    data = responses[["lep17_code", "responded"]].merge(public[["lep17_code", "main_board_vcs"]], on="lep17_code")
    data = data.merge(context[["lep17_code", "imd_avg_score", "population_mid2019"]], on="lep17_code")
    yes = data["responded"].astype(bool)
    rows = []
    seat = data.dropna(subset=["main_board_vcs"])
    table = pd.crosstab(seat["responded"].astype(bool), seat["main_board_vcs"].astype(bool)).reindex(
        index=[True, False], columns=[True, False], fill_value=0)
    row = {"measure": "main-board VCS seat (where publicly known)", "test": "Boschloo exact (effect: odds ratio)",
           "responders": f"{int(table.loc[True, True])} of {int(table.loc[True].sum())}",
           "non_responders": f"{int(table.loc[False, True])} of {int(table.loc[False].sum())}",
           "effect": np.nan, "p_value": np.nan, "n": len(seat), "note": ""}
    responded = seat["responded"].astype(bool)
    reason = stats.why_not_estimable([seat.loc[responded, "main_board_vcs"], seat.loc[~responded, "main_board_vcs"]])
    if reason:
        row["note"] = f"not estimable: {reason}"
    else:
        exact = stats.boschloo(table.to_numpy())
        row.update(effect=exact["odds_ratio"], p_value=exact["p_value"])
    rows.append(row)
    for column, label in (("imd_avg_score", "IMD 2019 average score"), ("population_mid2019", "population mid-2019")):
        row = {"measure": label, "test": "Mann-Whitney (effect: rank-biserial)",
               "responders": f"median {data.loc[yes, column].median():,.1f}",
               "non_responders": f"median {data.loc[~yes, column].median():,.1f}",
               "effect": np.nan, "p_value": np.nan, "n": len(data), "note": ""}
        reason = stats.why_not_estimable([data.loc[yes, column], data.loc[~yes, column]])
        if reason:
            row["note"] = f"not estimable: {reason}"
        else:
            mw = stats.mann_whitney(data.loc[yes, column], data.loc[~yes, column])
            row.update(effect=mw["rank_biserial"], p_value=mw["p_value"])
        rows.append(row)
    return pd.DataFrame(rows)


def nonresponse_bounds(scores: pd.DataFrame, responses: pd.DataFrame) -> dict[str, float]:
    """Share RI or Inadequate as assessed, and if every non-responder were better / worse than assessed."""
    data = scores[["lep17_code", "rating", "rating_best", "rating_worst"]].merge(
        responses[["lep17_code", "responded"]], on="lep17_code")
    ri = is_ri_or_inadequate(data).fillna(False).to_numpy(dtype=bool)
    responded = data["responded"].astype(bool).to_numpy()
    n = len(data)
    return {
        "n": n,
        "n_responders": int(responded.sum()),
        "assessed": float(ri.mean()),
        "nonresponders_all_better": float((ri & responded).sum() / n),
        "nonresponders_all_worse": float(((ri & responded) | ~responded).sum() / n),
        "ri_among_responders": float(ri[responded].mean()) if responded.any() else np.nan,
        "ri_among_nonresponders": float(ri[~responded].mean()) if (~responded).any() else np.nan,
    }


def delta_analysis(assessment: pd.DataFrame, responses: pd.DataFrame, rubric: Rubric, response_criterion: str,
                   deltas: np.ndarray) -> pd.DataFrame:
    """Tipping-point (delta) analysis of non-response: with the response criterion taken out of the rubric (so
    not answering no longer costs points by construction), every non-responder's total is shifted by ``delta``
    times the maximum points, and the count of LEPs RI or Inadequate is recomputed with its bounds. Delta 0 is
    the count without the response criterion; negative deltas say non-responders were worse than assessed."""
    criteria = tuple(c for c in rubric.criteria if c.key != response_criterion)
    reduced = replace(rubric, criteria=criteria)
    scores = score(assessment, reduced, public_only=False)
    answered = assessment[["lep17_code"]].merge(responses[["lep17_code", "responded"]], on="lep17_code", how="left")
    silent = ~answered["responded"].astype("boolean").fillna(False).to_numpy(dtype=bool)
    max_total = float(scores["max_possible"].iloc[0])
    gate = (pd.to_numeric(assessment[rubric.gate_field], errors="coerce").to_numpy(dtype=float)
            if rubric.gate_enabled and rubric.gate_field in assessment else None)
    rows = []
    for delta in deltas:
        shift = np.where(silent, delta * max_total, 0.0)
        worst, best, _ = rating_range(scores["min_total"].to_numpy() + shift, scores["max_total"].to_numpy() + shift,
                                      max_total, reduced.good_min_share, reduced.ri_min_share, gate,
                                      reduced.gate_below)
        rows.append({"delta": float(delta), "delta_points": float(delta * max_total),
                     "lower": int((best <= 1).sum()), "upper": int((worst <= 1).sum()),
                     "n_nonresponders": int(silent.sum()), "n": len(scores)})
    return pd.DataFrame(rows)


def tipping_delta(table: pd.DataFrame, target: int) -> float:
    """The delta closest to 0 at which the count (lower bound) reaches ``target`` (NaN if no delta does)."""
    reached = table[table["lower"] >= target]
    if reached.empty:
        return float("nan")
    return float(reached.loc[reached["delta"].abs().idxmin(), "delta"])
