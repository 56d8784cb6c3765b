"""``lep_context``: deprivation and population per LEP, and the check of the LAD->LEP lookup.

Population is summed from LADs with the lookup (a LAD in two LEPs counts in both, as ONS does).
The lookup is validated by recomputing each LEP's IMD average score as the population-weighted mean
of its LADs' scores and comparing with IoD2019 File 12. LADs only partly inside a LEP (Hampshire:
Solent, Enterprise M3) cannot be expressed at LAD level; for such LEPs we report the score with and
without the partial districts, and File 12 should fall between the two.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from lepstudy.core.io import validate
from lepstudy.core.table_schemas import LEP_CONTEXT
from lepstudy.inputs import sources


def lad_lep_long(lad_lep: pd.DataFrame, partial: pd.DataFrame | None = None) -> pd.DataFrame:
    """The lookup as one row per LAD x LEP membership, with ``shared`` and ``partial`` flags."""
    first = lad_lep[["lad19_code", "lad19_name", "lep17_code_1"]].rename(columns={"lep17_code_1": "lep17_code"})
    second = lad_lep.dropna(subset=["lep17_code_2"])[["lad19_code", "lad19_name", "lep17_code_2"]]
    second = second.rename(columns={"lep17_code_2": "lep17_code"})
    long = pd.concat([first, second], ignore_index=True)
    long["shared"] = long["lad19_code"].isin(second["lad19_code"])
    keys = set() if partial is None else set(zip(partial["lad19_code"], partial["lep17_code"], strict=True))
    long["partial"] = [(lad, lep) in keys for lad, lep in zip(long["lad19_code"], long["lep17_code"], strict=True)]
    return long.sort_values(["lep17_code", "lad19_code"]).reset_index(drop=True)


@dataclass(frozen=True)
class Districts:
    """The district-level public sources every context table is built from, read once per run."""

    lookup: pd.DataFrame        # one row per district x body membership (``lad_lep_long``)
    imd_lad: pd.DataFrame       # IoD2019 File 10: district deprivation
    imd_lep: pd.DataFrame       # IoD2019 File 12: LEP deprivation
    population: pd.DataFrame    # ONS mid-2019 population per district


def load_districts(raw_dir: Path, partial_path: Path) -> Districts:
    """Read the district lookup (with the partial memberships), File 10, File 12 and the population file."""
    return Districts(
        lookup=lad_lep_long(sources.load_lad_lep(raw_dir), sources.load_partial_memberships(partial_path)),
        imd_lad=sources.load_imd_lad(raw_dir),
        imd_lep=sources.load_imd_lep(raw_dir),
        population=sources.load_population(raw_dir),
    )


def _weighted_imd(members: pd.DataFrame) -> pd.Series:
    weights = members["population_mid2019"].astype(float)
    return (members["imd_avg_score"] * weights).groupby(members["lep17_code"]).sum() / weights.groupby(
        members["lep17_code"]).sum()


def imd_validation(districts: Districts, tolerance: float, reference: pd.DataFrame | None = None) -> pd.DataFrame:
    """Recomputed vs File 12 IMD average score per LEP, with bounds where memberships are partial: a check of the
    district lookup for the bodies File 12 covers (those of ``reference``, when given; none for other bodies).

    ``status``: ``ok`` (within tolerance), ``bounded`` (outside tolerance, but the LEP has partial
    districts and File 12 lies between the with- and without-partial estimates), ``fail`` otherwise.
    """
    lad = districts.imd_lad[["lad19_code", "imd_avg_score"]]
    pop = districts.population[["lad19_code", "population_mid2019"]]
    members = districts.lookup.merge(lad, on="lad19_code", how="left", validate="many_to_one").merge(
        pop, on="lad19_code", how="left", validate="many_to_one")
    if members[["imd_avg_score", "population_mid2019"]].isna().any().any():
        missing = members.loc[members["imd_avg_score"].isna() | members["population_mid2019"].isna(), "lad19_code"]
        raise ValueError(f"LADs in the lookup missing from File 10 or the population file: {sorted(set(missing))}")
    official = districts.imd_lep.set_index("lep17_code")
    if reference is not None:
        official = official[official.index.isin(reference["lep17_code"])]
    out = pd.DataFrame({
        "lep17_code": official.index,
        "lep17_name": official["lep17_name"].to_numpy(),
        "imd_file12": official["imd_avg_score"].to_numpy(),
    })
    all_lads = _weighted_imd(members)
    whole_only = _weighted_imd(members[~members["partial"]])
    out["imd_recomputed"] = out["lep17_code"].map(all_lads)
    out["imd_recomputed_whole_lads_only"] = out["lep17_code"].map(whole_only)
    out["abs_diff"] = (out["imd_recomputed"] - out["imd_file12"]).abs()
    out["has_partial_lads"] = out["lep17_code"].isin(members.loc[members["partial"], "lep17_code"])
    low = out[["imd_recomputed", "imd_recomputed_whole_lads_only"]].min(axis=1)
    high = out[["imd_recomputed", "imd_recomputed_whole_lads_only"]].max(axis=1)
    inside = (out["imd_file12"] >= low) & (out["imd_file12"] <= high)
    out["status"] = np.where(out["abs_diff"] <= tolerance, "ok",
                             np.where(out["has_partial_lads"] & inside, "bounded", "fail"))
    out["tolerance"] = tolerance
    return out.round(4)


IMD_COLUMNS = ["imd_avg_score", "imd_share_lsoas_most_deprived_10pct"]


def build_lep_context(districts: Districts, reference: pd.DataFrame) -> pd.DataFrame:
    """One row per body of the reference list, built from the district lookup: mid-2019 population and district
    counts summed over its districts; deprivation from IoD2019 File 12 where the body is a LEP that File 12
    covers, otherwise the population-weighted mean of its districts' File 10 scores (``imd_source`` says which);
    the rank of the average score is among the study's bodies (1 = most deprived). Nothing assumes LEPs: a body
    missing from the lookup is an error."""
    long = districts.lookup[districts.lookup["lep17_code"].isin(reference["lep17_code"])]
    absent = sorted(set(reference["lep17_code"]) - set(long["lep17_code"]))
    if absent:
        raise ValueError(f"bodies of the reference list with no district in the lookup: {absent}")
    pop = districts.population[["lad19_code", "population_mid2019"]]
    lad_imd = districts.imd_lad[["lad19_code", *IMD_COLUMNS]]
    members = long.merge(pop, on="lad19_code", how="left", validate="many_to_one").merge(
        lad_imd, on="lad19_code", how="left", validate="many_to_one")
    per_body = members.groupby("lep17_code").agg(
        population_mid2019=("population_mid2019", "sum"),
        n_lads=("lad19_code", "nunique"),
        shares_lads_with_other_lep=("shared", "any"),
        has_partial_lads=("partial", "any"),
    )
    weights = members["population_mid2019"].astype(float)
    from_districts = pd.DataFrame({column: (members[column] * weights).groupby(members["lep17_code"]).sum()
                                   / weights.groupby(members["lep17_code"]).sum() for column in IMD_COLUMNS})
    official = districts.imd_lep.set_index("lep17_code")[IMD_COLUMNS]
    in_file12 = from_districts.index.isin(official.index)
    imd = from_districts.copy()
    imd.loc[in_file12] = official.reindex(from_districts.index[in_file12]).to_numpy()
    imd["imd_source"] = np.where(in_file12, "File 12", "districts (File 10, population-weighted)")
    ref = reference.set_index("lep17_code")
    context = ref[["canonical_name"]].join(imd).join(per_body)
    context["imd_rank_avg_score"] = context["imd_avg_score"].rank(ascending=False, method="min").astype("int64")
    context = context.reset_index().sort_values("lep17_code").reset_index(drop=True)
    context["imd_share_lsoas_most_deprived_10pct"] = context["imd_share_lsoas_most_deprived_10pct"].round(4)
    context["population_mid2019"] = context["population_mid2019"].astype("int64")
    context["n_lads"] = context["n_lads"].astype("int64")
    context["shares_lads_with_other_lep"] = context["shares_lads_with_other_lep"].astype(bool)
    context["has_partial_lads"] = context["has_partial_lads"].astype(bool)
    columns = ["lep17_code", "canonical_name", "imd_avg_score", "imd_rank_avg_score",
               "imd_share_lsoas_most_deprived_10pct", "imd_source", "population_mid2019", "n_lads",
               "shares_lads_with_other_lep", "has_partial_lads"]
    return validate(context[columns], LEP_CONTEXT, "data/processed/lep_context.csv")


def study_area(districts: Districts, reference: pd.DataFrame) -> pd.DataFrame:
    """One row: the bodies, the districts they cover and the population of the study area with each district
    counted once (``population_mid2019``) beside the sum over bodies, which counts shared districts twice."""
    long = districts.lookup[districts.lookup["lep17_code"].isin(reference["lep17_code"])]
    pop = districts.population.set_index("lad19_code")["population_mid2019"]
    covered = long["lad19_code"].drop_duplicates()
    in_two = long.groupby("lad19_code")["lep17_code"].nunique().gt(1)
    return pd.DataFrame([{
        "n_bodies": int(reference["lep17_code"].nunique()),
        "n_districts": int(len(covered)),
        "n_districts_in_two_bodies": int(in_two.sum()),
        "population_mid2019": int(pop.reindex(covered).sum()),
        "population_sum_over_bodies": int(pop.reindex(long["lad19_code"]).sum()),
    }])
