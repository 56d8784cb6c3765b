"""Synthetic second holistic rater and strategy coding sheets (seeded; parameters in config/synthetic.yaml).

Rater A's holistic band follows the LEP's mean overall sector feedback (>= 3.5 Good, < 2.5
Inadequate, else Requires improvement); rater B agrees with probability ``agreement_prob`` and
otherwise gives an adjacent band. Coder A draws each strategy criterion from the same distribution
for every LEP (no association with representation is built in); coder B agrees with probability
``coder_agreement_prob`` and otherwise moves one step.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from lepstudy.core.config import Settings
from lepstudy.inputs.study_files import codebook_config

BANDS = ["Inadequate", "Requires improvement", "Good"]


def _adjacent(index: int, top: int, rng: np.random.Generator) -> int:
    if index == 0:
        return 1
    if index == top:
        return top - 1
    return index + (1 if rng.random() < 0.5 else -1)


def holistic_ratings(settings: Settings, responses: pd.DataFrame, feedback: pd.DataFrame, params: dict,
                     rng: np.random.Generator) -> pd.DataFrame:
    mean = feedback.groupby("lep17_code")["overall_engagement"].mean().reindex(responses["lep17_code"])
    agree = params["second_rater"]["agreement_prob"]
    rows = []
    for code, value in mean.items():
        a = 2 if value >= 3.5 else (0 if value < 2.5 or pd.isna(value) else 1)
        b = a if rng.random() < agree else _adjacent(a, 2, rng)
        rows += [{"lep17_code": code, "rater": "A", "rating": BANDS[a]},
                 {"lep17_code": code, "rater": "B", "rating": BANDS[b]}]
    return pd.DataFrame(rows)


def strategy_coding(settings: Settings, codes: list[str], params: dict, rng: np.random.Generator) -> pd.DataFrame:
    p = params["strategy_coding"]
    probs = np.asarray(p["criterion_probs"], dtype=float)
    rows = []
    for code in codes:
        for criterion in (item.id for item in codebook_config(settings.files["codebook"]).criteria):
            a = int(rng.choice(3, p=probs / probs.sum()))
            b = a if rng.random() < p["coder_agreement_prob"] else _adjacent(a, 2, rng)
            rows += [{"lep17_code": code, "coder": "A", "criterion": criterion, "score": a},
                     {"lep17_code": code, "coder": "B", "criterion": criterion, "score": b}]
    return pd.DataFrame(rows)
