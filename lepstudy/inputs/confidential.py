"""Loading the confidential inputs (real files from the private data directory, else synthetic).

Real and synthetic files go through the same cleaning and the same schemas. LEPs may be given by
code or by any name the reference matcher knows; an unknown name is an error with the closest names.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from lepstudy.core.config import Settings
from lepstudy.core.errors import Collector, DataError
from lepstudy.core.io import file_row, read_table, validate
from lepstudy.core.raw_schemas import (
    HOLISTIC_RATINGS,
    LEP_RESPONSES,
    SECTOR_FEEDBACK,
    STRATEGY_CODING,
)
from lepstudy.core.vocabulary import LIKERT_ITEMS, RESPONDENT_ORG_TYPES, STRUCTURAL_FIELDS
from lepstudy.inputs.clean import (
    normalise_count_column,
    normalise_likert_column,
    normalise_rating_column,
    normalise_yes_no_column,
    plain_text,
)
from lepstudy.inputs.reference import LepMatcher
from lepstudy.inputs.study_files import codebook_config

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


def _duplicates(frame: pd.DataFrame, keys: list[str], path: Path) -> list[DataError]:
    """Every repeated row (the second and later copies), and keys that differ only in case, spaces or dots
    ("R12" and "r12 ", "JS" and "J.S."): near-duplicates a reader would take for one respondent or rater."""
    errors = []
    folded = frame[keys].apply(lambda column: column.astype(str).str.replace(r"[\s.]+", "", regex=True).str.casefold())
    for index in frame.index[frame.duplicated(subset=keys, keep="first")]:
        value = ", ".join(str(frame.at[index, k]) for k in keys)
        errors.append(DataError("duplicate row", file=path, row=file_row(frame, index), column=keys[0], value=value,
                                expected=f"one row per {' x '.join(keys)}"))
    for key in keys:
        values = frame[key].dropna().astype(str)
        repeated = folded.loc[values.index, key].duplicated(keep=False)      # only keys seen more than once
        spellings = values[repeated].groupby(folded.loc[values.index, key][repeated]).unique()
        for variants in spellings[spellings.map(len) > 1]:
            errors.append(DataError("values that differ only in case, spaces or dots", file=path, column=key,
                                    value="; ".join(sorted(variants)),
                                    expected="one spelling for one respondent, rater or coder"))
    return errors


def _check_duplicates(frame: pd.DataFrame, keys: list[str], path: Path) -> None:
    collector = Collector()
    collector.errors.extend(_duplicates(frame, keys, path))
    collector.raise_if_any()


def load_sector_feedback(settings: Settings, matcher: LepMatcher | None = None) -> Loaded:
    """Sector feedback: one row per respondent, Likert answers as numbers or text. Every problem in the file
    (names, answers, organisation types, duplicates) is reported in one pass."""
    path, synthetic = settings.input_path("sector_feedback.csv")
    matcher = matcher or LepMatcher()
    frame = read_table(path, ["respondent_id", "org_type", *LIKERT_ITEMS], normalise_headers=True)
    collector = Collector()
    resolved = collector.attempt(_resolve_leps, frame, path, matcher)
    for item in LIKERT_ITEMS:
        frame[item] = collector.attempt(normalise_likert_column, frame, item, path)
    org = frame["org_type"].map(lambda v: plain_text(v) if isinstance(v, str) else "")
    for index in org.index[~org.isin(ORG_TYPE_VARIANTS)]:
        collector.errors.append(DataError("unrecognised organisation type", file=path, row=file_row(frame, index),
                                          column="org_type", value=frame.at[index, "org_type"],
                                          expected=f"one of {', '.join(RESPONDENT_ORG_TYPES)}"))
    collector.errors.extend(_duplicates(frame, ["respondent_id"], path))
    collector.raise_if_any()
    frame = resolved.assign(**{item: frame[item] for item in LIKERT_ITEMS})
    frame["org_type"] = org.map(ORG_TYPE_VARIANTS)
    if "free_text" not in frame.columns:
        frame["free_text"] = pd.NA
    frame = frame[list(SECTOR_FEEDBACK.columns)]
    return Loaded(validate(frame, SECTOR_FEEDBACK, path), path, synthetic)


COUNT_COLUMNS = ("main_board_size", "main_board_vcs_seats")


def structural_contradictions(frame: pd.DataFrame, path: Path) -> list[DataError]:
    """Answers about one LEP's board that cannot all be true: no VCS seat type with VCS seats, more VCS seats
    than board members, or a yes/no seat answer that contradicts the seat type or the seat count."""
    errors = []
    seats = pd.to_numeric(frame.get("main_board_vcs_seats"), errors="coerce")
    size = pd.to_numeric(frame.get("main_board_size"), errors="coerce")
    seat_type = frame.get("main_board_seat_type")
    has_seat = frame.get("main_board_vcs")
    checks = []
    if seat_type is not None:
        checks.append(((seat_type == "none") & (seats > 0), "main_board_seat_type",
                       "seat type 'none' but VCS seats given", "seat type none with 0 seats, or a VCS seat type"))
    checks.append(((seats > size), "main_board_vcs_seats", "more VCS seats than board members",
                   "VCS seats <= main_board_size"))
    if has_seat is not None:
        known = has_seat.astype("boolean")
        if seat_type is not None:
            checks.append(((known == False) & seat_type.notna() & (seat_type != "none"), "main_board_vcs",  # noqa: E712
                           "no VCS seat, but a VCS seat type", "main_board_vcs yes, or seat type none"))
            checks.append(((known == True) & (seat_type == "none"), "main_board_vcs",  # noqa: E712
                           "a VCS seat, but seat type 'none'", "a VCS seat type, or main_board_vcs no"))
        checks.append(((known == False) & (seats > 0), "main_board_vcs",  # noqa: E712
                       "no VCS seat, but VCS seats given", "main_board_vcs yes, or 0 seats"))
    for mask, column, problem, expected in checks:
        for index in frame.index[mask.fillna(False).to_numpy(dtype=bool)]:
            errors.append(DataError(problem, file=path, row=file_row(frame, index), column=column,
                                    value=frame.at[index, column] if column in frame else None,
                                    expected=expected))
    return errors


def load_lep_responses(settings: Settings, matcher: LepMatcher | None = None) -> Loaded:
    """Information-request responses and structural evidence per LEP, with per-cell source flags. Every problem
    (names, yes/no answers, counts, contradictions, duplicates) is reported in one pass."""
    path, synthetic = settings.input_path("lep_responses.csv")
    matcher = matcher or LepMatcher()
    required = [c for c in LEP_RESPONSES.columns if c != "lep17_code"]
    frame = read_table(path, required, normalise_headers=True)
    collector = Collector()
    resolved = collector.attempt(_resolve_leps, frame, path, matcher)
    for column in ("responded", "subgroup_vcs", "code_of_practice", "main_board_vcs"):
        if column in frame.columns:
            frame[column] = collector.attempt(normalise_yes_no_column, frame, column, path)
    for column in COUNT_COLUMNS:
        frame[column] = collector.attempt(normalise_count_column, frame, column, path)
    if "main_board_seat_type" in frame:
        frame["main_board_seat_type"] = frame["main_board_seat_type"].map(
            lambda v: plain_text(v).replace(" ", "_").replace("-", "_") if isinstance(v, str) else v)
    collector.errors.extend(structural_contradictions(frame, path))
    if resolved is not None:
        collector.errors.extend(_duplicates(resolved, ["lep17_code"], path))
    collector.raise_if_any()
    frame = resolved.assign(**{c: frame[c] for c in frame.columns if c not in ("lep", "lep17_code")})
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
    """Two or more independent holistic ratings per LEP (rating labels normalised); every problem in one pass."""
    path, synthetic = settings.input_path("holistic_ratings.csv")
    matcher = matcher or LepMatcher()
    frame = read_table(path, ["rater", "rating"], normalise_headers=True)
    collector = Collector()
    resolved = collector.attempt(_resolve_leps, frame, path, matcher)
    ratings = collector.attempt(normalise_rating_column, frame, "rating", path)
    if resolved is not None:
        collector.errors.extend(_duplicates(resolved, ["lep17_code", "rater"], path))
    collector.raise_if_any()
    resolved["rating"] = ratings
    return Loaded(validate(resolved[["lep17_code", "rater", "rating"]], HOLISTIC_RATINGS, path), path, synthetic)


def load_strategy_coding(settings: Settings, matcher: LepMatcher | None = None,
                         criteria: tuple[str, ...] | None = None) -> Loaded:
    """Strategy coding sheets: LEP x coder x criterion, scores 0/1/2 (``criteria``: the codebook's, read from the
    configured codebook when not given); every problem in one pass."""

    path, synthetic = settings.input_path("strategy_coding.csv")
    matcher = matcher or LepMatcher()
    frame = read_table(path, ["coder", "criterion", "score"], normalise_headers=True)
    collector = Collector()
    frame["score"] = collector.attempt(normalise_count_column, frame, "score", path)
    resolved = collector.attempt(_resolve_leps, frame, path, matcher)
    criteria = criteria or tuple(item.id for item in codebook_config(settings.files["codebook"]).criteria)
    for index in frame.index[~frame["criterion"].isin(criteria)]:
        collector.errors.append(DataError("criterion not in the codebook", file=path, row=file_row(frame, index),
                                          column="criterion", value=frame.at[index, "criterion"],
                                          expected=f"one of {', '.join(criteria)}"))
    if resolved is not None:
        collector.errors.extend(_duplicates(resolved, ["lep17_code", "coder", "criterion"], path))
    collector.raise_if_any()
    return Loaded(validate(resolved[["lep17_code", "coder", "criterion", "score"]], STRATEGY_CODING, path), path,
                  synthetic)


# each confidential input of ``vocabulary.CONFIDENTIAL_INPUTS`` (the names the run manifest records the origin of)
# with its loader (settings, matcher -> Loaded): the pipeline loads every input listed here
LOADERS = {
    "lep_responses.csv": load_lep_responses,
    "sector_feedback.csv": load_sector_feedback,
    "holistic_ratings.csv": load_holistic_ratings,
    "strategy_coding.csv": load_strategy_coding,
}
