"""Loading the confidential inputs (real files from the private data directory, else synthetic).

Real and synthetic files go through the same cleaning and the same schemas. LEPs may be given by
code or by any name the reference matcher knows; an unknown name is an error with the closest names.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from lepstudy.clean import normalise_likert_column, normalise_rating_column, normalise_yes_no_column
from lepstudy.config import Settings
from lepstudy.errors import Collector, DataError
from lepstudy.io import file_row, read_table, validate
from lepstudy.reference import LepMatcher
from lepstudy.schemas import (
    HOLISTIC_RATINGS,
    LEP_RESPONSES,
    LIKERT_ITEMS,
    RESPONDENT_ORG_TYPES,
    SECTOR_FEEDBACK,
    STRATEGY_CODING,
)
from lepstudy.synthetic import STRUCTURAL_FIELDS

log = logging.getLogger(__name__)

ORG_TYPE_VARIANTS = {
    "cvs": "cvs", "council for voluntary service": "cvs", "infrastructure": "cvs",
    "local infrastructure body": "cvs", "single issue": "single_issue", "single_issue": "single_issue",
    "single-issue charity": "single_issue", "single issue charity": "single_issue", "charity": "single_issue",
    "social enterprise": "social_enterprise", "social_enterprise": "social_enterprise", "other": "other",
}


@dataclass
class Loaded:
    """A validated input table, where it came from, and whether it is synthetic."""

    frame: pd.DataFrame
    path: Path
    synthetic: bool


def _resolve_leps(frame: pd.DataFrame, path: Path, matcher: LepMatcher) -> pd.DataFrame:
    column = "lep17_code" if "lep17_code" in frame.columns else "lep"
    if column not in frame.columns:
        raise DataError("missing column", file=path, column="lep17_code",
                        expected="a column 'lep17_code' (or 'lep') naming each LEP")
    frame = frame.copy()
    frame["lep17_code"] = matcher.resolve_column(frame, column, path).to_numpy()
    if column == "lep":
        frame = frame.drop(columns="lep")
    return frame


def _check_duplicates(frame: pd.DataFrame, keys: list[str], path: Path) -> None:
    dup = frame.duplicated(subset=keys, keep="first")
    if dup.any():
        index = dup.idxmax()
        value = ", ".join(str(frame.at[index, k]) for k in keys)
        raise DataError("duplicate row", file=path, row=file_row(frame, index), column=keys[0], value=value,
                        expected=f"one row per {' x '.join(keys)}")


def load_sector_feedback(settings: Settings, matcher: LepMatcher | None = None) -> Loaded:
    """Sector feedback: one row per respondent, Likert answers as numbers or text."""
    path, synthetic = settings.input_path("sector_feedback.csv")
    matcher = matcher or LepMatcher()
    frame = read_table(path, ["respondent_id", "org_type", *LIKERT_ITEMS])
    collector = Collector()
    resolved = collector.attempt(_resolve_leps, frame, path, matcher)
    for item in LIKERT_ITEMS:
        frame[item] = collector.attempt(normalise_likert_column, frame, item, path)
    org = frame["org_type"].astype(str).str.strip().str.lower()
    for index in org.index[~org.isin(ORG_TYPE_VARIANTS)]:
        collector.errors.append(DataError("unrecognised organisation type", file=path, row=file_row(frame, index),
                                          column="org_type", value=frame.at[index, "org_type"],
                                          expected=f"one of {', '.join(RESPONDENT_ORG_TYPES)}"))
    collector.raise_if_any()
    frame = resolved.assign(**{item: frame[item] for item in LIKERT_ITEMS})
    frame["org_type"] = org.map(ORG_TYPE_VARIANTS)
    if "free_text" not in frame.columns:
        frame["free_text"] = pd.NA
    _check_duplicates(frame, ["respondent_id"], path)
    frame = frame[list(SECTOR_FEEDBACK.columns)]
    return Loaded(validate(frame, SECTOR_FEEDBACK, path), path, synthetic)


def load_lep_responses(settings: Settings, matcher: LepMatcher | None = None) -> Loaded:
    """Information-request responses and structural evidence per LEP, with per-cell source flags."""
    path, synthetic = settings.input_path("lep_responses.csv")
    matcher = matcher or LepMatcher()
    required = [c for c in LEP_RESPONSES.columns if c != "lep17_code"]
    frame = read_table(path, required)
    frame = _resolve_leps(frame, path, matcher)
    _check_duplicates(frame, ["lep17_code"], path)
    for column in ("responded", "subgroup_vcs", "code_of_practice", "main_board_vcs"):
        if column in frame.columns:
            frame[column] = normalise_yes_no_column(frame, column, path)
    validated = validate(frame, LEP_RESPONSES, path)
    # project to the schema: a researcher's extra columns (notes, free text) never leave the raw layer
    keep = [*LEP_RESPONSES.columns, "main_board_vcs"]
    if synthetic:                           # the stand-in carries each cell's origin and public source pages
        keep += [f"{c}_source" for c in STRUCTURAL_FIELDS] + ["board_source_urls"]
    dropped = sorted(set(validated.columns) - set(keep))
    if dropped:
        log.info("%s: columns not in the schema are not read: %s", path, ", ".join(dropped))
    validated = validated[[c for c in validated.columns if c in keep]].copy()
    for column in STRUCTURAL_FIELDS:
        flag = f"{column}_source"
        if not synthetic and column in validated.columns:
            # a researcher's own file: a filled cell is theirs (private); a blank cell stays unknown
            validated[flag] = validated[column].notna().map({True: "private", False: "unknown"})
        elif flag not in validated.columns:
            validated[flag] = "unknown"
    if "main_board_vcs" not in validated.columns:
        validated["main_board_vcs"] = validated["main_board_seat_type"].map(
            lambda t: pd.NA if pd.isna(t) else t != "none").astype("boolean")
        validated["main_board_vcs_source"] = validated["main_board_seat_type_source"]
    missing = sorted(set(matcher.reference["lep17_code"]) - set(validated["lep17_code"]))
    if missing:
        raise DataError(f"no row for {len(missing)} LEP(s): {', '.join(missing[:5])}", file=path,
                        column="lep17_code", expected="one row per LEP in the reference list (blank cells = unknown)")
    return Loaded(validated.sort_values("lep17_code").reset_index(drop=True), path, synthetic)


def load_holistic_ratings(settings: Settings, matcher: LepMatcher | None = None) -> Loaded:
    """Two or more independent holistic ratings per LEP (rating labels normalised)."""
    path, synthetic = settings.input_path("holistic_ratings.csv")
    matcher = matcher or LepMatcher()
    frame = _resolve_leps(read_table(path, ["rater", "rating"]), path, matcher)
    frame["rating"] = normalise_rating_column(frame, "rating", path)
    _check_duplicates(frame, ["lep17_code", "rater"], path)
    return Loaded(validate(frame[["lep17_code", "rater", "rating"]], HOLISTIC_RATINGS, path), path, synthetic)


def load_strategy_coding(settings: Settings, matcher: LepMatcher | None = None) -> Loaded:
    """Strategy coding sheets: LEP x coder x criterion, scores 0/1/2."""
    path, synthetic = settings.input_path("strategy_coding.csv")
    matcher = matcher or LepMatcher()
    frame = _resolve_leps(read_table(path, ["coder", "criterion", "score"]), path, matcher)
    _check_duplicates(frame, ["lep17_code", "coder", "criterion"], path)
    from lepstudy.scoring.strategy import load_codebook

    codebook = load_codebook(settings.files["codebook"])
    for index in frame.index[~frame["criterion"].isin(codebook.criteria)]:
        raise DataError("criterion not in the codebook", file=path, row=file_row(frame, index), column="criterion",
                        value=frame.at[index, "criterion"], expected=f"one of {', '.join(codebook.criteria)}")
    frame = frame[["lep17_code", "coder", "criterion", "score"]]
    return Loaded(validate(frame, STRATEGY_CODING, path), path, synthetic)


LOADERS = {
    "lep_responses.csv": load_lep_responses,
    "sector_feedback.csv": load_sector_feedback,
    "holistic_ratings.csv": load_holistic_ratings,
    "strategy_coding.csv": load_strategy_coding,
}
