"""Loaders for the real public sources in ``data/raw/`` (read-only), each validated on load.

Column names of the official spreadsheets are mapped to the study's short names here, in one place.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from lepstudy.core.containers import StrategySources
from lepstudy.core.errors import DataError
from lepstudy.core.io import read_table, read_validated, validate
from lepstudy.core.raw_schemas import (
    APR_RATINGS,
    BOARD_MEMBERS,
    BOARD_SUMMARY,
    ESIF_MEMBERS,
    ESIF_SUMMARY,
    IMD_LAD,
    IMD_LEP,
    INCLUSIVE_GROWTH_MONITOR,
    LAD_LEP,
    LIS_STATUS,
    PARTIAL_MEMBERSHIPS,
    POPULATION,
    PUBLISHED_FIGURES,
)
from lepstudy.inputs.geometry import boundary_rings

RAW_FILES = {
    "file12": "imd2019-lep-summaries/File_12_-_IoD2019_Local_Enterprise_Partnership__LEP__Summaries.xlsx",
    "file10": "imd2019-lad-summaries/File_10_-_IoD2019_Local_Authority_District_Summaries__lower-tier__.xlsx",
    "mye2019": "ons-mye-2019-lad/ukmidyearestimates20192019ladcodes.xls",
    "lad_lep": "lad19-lep17-lookup/lad19_lep17.csv",
    "lep_codes": "lep-codes-dfe/leps.csv",
    "boundaries": "lep-boundaries-2021-buc/Local_Enterprise_Partnerships_(May_2021)_EN_BUC.geojson",
    "board_summary": "lep-board-vcs-evidence/lep_board_summary.csv",
    "board_members": "lep-board-vcs-evidence/board_members_vcs.csv",
    "esif_summary": "esif-subcommittee-evidence/esif_summary.csv",
    "esif_members": "esif-subcommittee-evidence/esif_vcs_members.csv",
    "apr_ratings": "lep-strategy-evidence/apr_ratings.csv",
    "lis_status": "lep-strategy-evidence/lis_status.csv",
    "ig_monitor": "lep-strategy-evidence/inclusive_growth_monitor.csv",
    "published": "ncvo2020-published/ncvo2020_published_figures.csv",
}

IMD_COLUMNS = {
    "IMD - Average score": "imd_avg_score",
    "IMD - Rank of average score": "imd_rank_avg_score",
    "IMD - Proportion of LSOAs in most deprived 10% nationally": "imd_share_lsoas_most_deprived_10pct",
}

def raw_path(raw_dir: Path, key: str) -> Path:
    """Path of a named raw source; a missing file is a clear error."""
    path = Path(raw_dir) / RAW_FILES[key]
    if not path.is_file():
        raise DataError("raw source file is missing (restore data/raw from git)", file=path)
    return path


def _imd_sheet(path: Path, code_col: str, name_col: str, codes: tuple[str, str]) -> pd.DataFrame:
    frame = read_table(path, [code_col, name_col], sheet="IMD")
    frame.columns = [c.strip() for c in frame.columns]
    frame = frame.rename(columns={code_col: codes[0], name_col: codes[1], **IMD_COLUMNS})
    return frame[[codes[0], codes[1], *IMD_COLUMNS.values()]]


def load_imd_lep(raw_dir: Path) -> pd.DataFrame:
    """IoD2019 File 12: IMD average score, rank and share of LSOAs in the most deprived 10% per LEP17."""
    path = raw_path(raw_dir, "file12")
    frame = _imd_sheet(path, "Local Enterprise Partnership Code (2017)", "Local Enterprise Partnership Name (2017)",
                       ("lep17_code", "lep17_name"))
    return validate(frame, IMD_LEP, path)


def load_imd_lad(raw_dir: Path) -> pd.DataFrame:
    """IoD2019 File 10: IMD average score per LAD (April 2019 codes)."""
    path = raw_path(raw_dir, "file10")
    frame = _imd_sheet(path, "Local Authority District code (2019)", "Local Authority District name (2019)",
                       ("lad19_code", "lad19_name"))
    return validate(frame, IMD_LAD, path)


def load_population(raw_dir: Path) -> pd.DataFrame:
    """ONS mid-2019 population for the English LADs (E06/E07/E08/E09)."""
    path = raw_path(raw_dir, "mye2019")
    frame = read_table(path, ["Code", "Name", "All ages"], sheet="MYE2 - Persons")
    frame = frame[frame["Code"].astype(str).str.match(r"^E0[6-9]\d{6}$")]
    frame = frame.rename(columns={"Code": "lad19_code", "Name": "lad19_name", "All ages": "population_mid2019"})
    frame = frame[["lad19_code", "lad19_name", "population_mid2019"]].reset_index(drop=True)
    frame["population_mid2019"] = pd.to_numeric(frame["population_mid2019"]).round().astype("int64")
    return validate(frame, POPULATION, path)


def load_lad_lep(raw_dir: Path) -> pd.DataFrame:
    """The compiled LAD(2019)->LEP(2017) lookup, wide (one row per LAD, up to two LEPs)."""
    return read_validated(raw_path(raw_dir, "lad_lep"), LAD_LEP)


def load_partial_memberships(path: Path) -> pd.DataFrame:
    """LAD-LEP memberships that cover only part of the district (curated, config/)."""
    return read_validated(path, PARTIAL_MEMBERSHIPS, allow_empty=True)   # every district may be whole


def load_board_summary(raw_dir: Path) -> pd.DataFrame:
    return read_validated(raw_path(raw_dir, "board_summary"), BOARD_SUMMARY)


def load_board_members(raw_dir: Path) -> pd.DataFrame:
    return read_validated(raw_path(raw_dir, "board_members"), BOARD_MEMBERS)


def load_esif_summary(raw_dir: Path) -> pd.DataFrame:
    return read_validated(raw_path(raw_dir, "esif_summary"), ESIF_SUMMARY)


def load_esif_members(raw_dir: Path) -> pd.DataFrame:
    return read_validated(raw_path(raw_dir, "esif_members"), ESIF_MEMBERS)


def load_inclusive_growth_monitor(raw_dir: Path) -> pd.DataFrame:
    """Statements about LEPs from the JRF Inclusive Growth Monitor (2016 and 2017 editions), as published."""
    return read_validated(raw_path(raw_dir, "ig_monitor"), INCLUSIVE_GROWTH_MONITOR)


def load_apr_ratings(raw_dir: Path) -> pd.DataFrame:
    return read_validated(raw_path(raw_dir, "apr_ratings"), APR_RATINGS)


def load_lis_status(raw_dir: Path) -> pd.DataFrame:
    return read_validated(raw_path(raw_dir, "lis_status"), LIS_STATUS)


def load_strategy_sources(raw_dir: Path) -> StrategySources:
    return StrategySources(load_lis_status(raw_dir), load_apr_ratings(raw_dir), load_inclusive_growth_monitor(raw_dir))


def load_boundaries(raw_dir: Path) -> pd.DataFrame:
    """The LEP areas of May 2021 (ONS boundaries, clipped to the coastline) as a table of outer rings."""
    return boundary_rings(raw_path(raw_dir, "boundaries"))


def load_published_figures(raw_dir: Path) -> pd.DataFrame:
    """NCVO's published figures, one row per ``figure_id`` (values kept as printed text)."""
    return read_validated(raw_path(raw_dir, "published"), PUBLISHED_FIGURES)


