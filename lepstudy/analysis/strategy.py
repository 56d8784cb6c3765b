"""The inclusive growth strategy codebook: seven criteria scored 0/1/2 by two coders.

Score = sum of a coder's criterion scores (0-14); the LEP's score is the mean over coders; bands
come from ``config/codebook.yaml``. A LEP missing any criterion for a coder has no total for that
coder (never a partial sum treated as complete).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from lepstudy.analysis import agreement
from lepstudy.core.config_schema import CodebookConfig
from lepstudy.core.errors import DataError


@dataclass(frozen=True)
class Codebook:
    criteria: tuple[str, ...]
    labels: dict[str, str]
    bands: dict[str, float]   # band -> lower bound of the score, highest first

    @property
    def max_score(self) -> int:
        return 2 * len(self.criteria)

    def band(self, score: float) -> str | None:
        if score is None or np.isnan(score):
            return None
        for name, lower in self.bands.items():
            if score >= lower:
                return name
        return list(self.bands)[-1]


def codebook_from_config(spec: CodebookConfig) -> Codebook:
    """The strategy codebook, from its validated config (``inputs.study_files.codebook_config``)."""
    criteria = tuple(c.id for c in spec.criteria)
    labels = {c.id: c.label for c in spec.criteria}
    bands = dict(sorted(((k, float(v)) for k, v in spec.bands.items()), key=lambda kv: -kv[1]))
    return Codebook(criteria, labels, bands)


def check_criteria(coding: pd.DataFrame, codebook: Codebook, file: str | None = None) -> None:
    """Every criterion in the coding sheet must be in the codebook."""
    unknown = sorted(set(coding["criterion"]) - set(codebook.criteria))
    if unknown:
        raise DataError("criterion not in the codebook", file=file, column="criterion", value=unknown[0],
                        expected=f"one of {', '.join(codebook.criteria)}")


def coder_totals(coding: pd.DataFrame, codebook: Codebook) -> pd.DataFrame:
    """Per LEP and coder: total score (0-14) and how many criteria were coded."""
    check_criteria(coding, codebook)
    wide = coding.pivot_table(index=["lep17_code", "coder"], columns="criterion", values="score", aggfunc="first")
    wide = wide.reindex(columns=list(codebook.criteria))
    complete = wide.notna().all(axis=1)
    out = pd.DataFrame({"n_coded": wide.notna().sum(axis=1), "total": wide.sum(axis=1, min_count=1)})
    out.loc[~complete, "total"] = np.nan
    return out.reset_index()


def strategy_scores(coding: pd.DataFrame, codebook: Codebook) -> pd.DataFrame:
    """Per LEP: mean total over coders with complete coding, number of coders, band."""
    totals = coder_totals(coding, codebook)
    per_lep = totals.groupby("lep17_code").agg(strategy_score=("total", "mean"),
                                               n_coders=("total", lambda s: int(s.notna().sum())))
    per_lep["strategy_band"] = per_lep["strategy_score"].map(codebook.band)
    return per_lep.reset_index()


def coder_agreement(coding: pd.DataFrame, seed: int = 0) -> pd.DataFrame:
    """Agreement between coders on criterion scores: Krippendorff's alpha (ordinal) and weighted kappa."""
    coding = coding.assign(unit=coding["lep17_code"] + ":" + coding["criterion"])
    matrix = agreement.ratings_matrix(coding, "unit", "coder", "score")
    # a LEP's criterion scores come from one reading of one document: resample LEPs, not criterion-units
    units = sorted(coding["unit"].unique())
    alpha = agreement.krippendorff_alpha(matrix, "ordinal", n_boot=500, seed=seed,
                                         clusters=[u.split(":", 1)[0] for u in units])
    rows = [{"measure": "Krippendorff's alpha (ordinal), criterion scores, interval resampling LEPs",
             "value": alpha["alpha"], "ci_low": alpha["ci_low"], "ci_high": alpha["ci_high"],
             "n_units": alpha["n_units"], "note": f"{alpha['n_clusters']} LEPs resampled as clusters"}]
    totals = coding.groupby(["lep17_code", "coder"], as_index=False)["score"].sum()
    icc = agreement.icc_oneway(totals, "lep17_code", "coder", "score")
    rows.append({"measure": f"ICC(1,1), total strategy score, {icc['k']} coders", "value": icc["icc"],
                 "ci_low": icc["ci_low"], "ci_high": icc["ci_high"], "n_units": icc["n_units"], "note": icc["note"]})
    coders = sorted(coding["coder"].unique())
    if len(coders) >= 2:
        wide = coding.pivot(index="unit", columns="coder", values="score")
        kappa = agreement.weighted_kappa(wide[coders[0]], wide[coders[1]], [0, 1, 2])
        rows.append({"measure": f"Cohen's weighted kappa (linear), coders {coders[0]} vs {coders[1]}",
                     "value": kappa["kappa"], "ci_low": kappa["ci_low"], "ci_high": kappa["ci_high"],
                     "n_units": kappa["n"], "note": kappa["note"]})
    return pd.DataFrame(rows)
