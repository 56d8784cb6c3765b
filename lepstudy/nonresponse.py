"""Non-response: did the LEPs that answered NCVO differ from those assessed from their websites?

Responders and non-responders are compared on public evidence (main-board VCS seat, IMD, population)
with exact or rank tests, and the share rated RI or Inadequate is bounded by assuming every
non-responder was better (none RI/Inadequate) or worse (all RI/Inadequate) than assessed.
Which LEPs answered is not public, so with the shipped data these comparisons are synthetic.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from lepstudy import stats
from lepstudy.scoring.engagement import is_ri_or_inadequate


def compare_responders(responses: pd.DataFrame, public: pd.DataFrame, context: pd.DataFrame) -> pd.DataFrame:
    """One row per public measure: responders vs non-responders, test, p-value and n."""
    data = responses[["lep17_code", "responded"]].merge(public[["lep17_code", "main_board_vcs"]], on="lep17_code")
    data = data.merge(context[["lep17_code", "imd_avg_score", "population_mid2019"]], on="lep17_code")
    yes = data["responded"].astype(bool)
    rows = []
    seat = data.dropna(subset=["main_board_vcs"])
    table = pd.crosstab(seat["responded"].astype(bool), seat["main_board_vcs"].astype(bool)).reindex(
        index=[True, False], columns=[True, False], fill_value=0)
    fisher = stats.fisher_exact(table.to_numpy())
    rows.append({"measure": "main-board VCS seat (where publicly known)", "test": "Fisher exact",
                 "responders": f"{int(table.loc[True, True])} of {int(table.loc[True].sum())}",
                 "non_responders": f"{int(table.loc[False, True])} of {int(table.loc[False].sum())}",
                 "effect": fisher["odds_ratio"], "p_value": fisher["p_value"], "n": fisher["n"]})
    for column, label in (("imd_avg_score", "IMD 2019 average score"), ("population_mid2019", "population mid-2019")):
        mw = stats.mann_whitney(data.loc[yes, column], data.loc[~yes, column])
        rows.append({"measure": label, "test": "Mann-Whitney (effect: rank-biserial)",
                     "responders": f"median {data.loc[yes, column].median():,.1f}",
                     "non_responders": f"median {data.loc[~yes, column].median():,.1f}",
                     "effect": mw["rank_biserial"], "p_value": mw["p_value"], "n": mw["n_x"] + mw["n_y"]})
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
