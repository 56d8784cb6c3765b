"""Cleaning: organisation types, rating labels and Likert answers.

Anything not recognised is an error that names the file, row and value; nothing is guessed silently.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import pandas as pd

from lepstudy.core.config import load_settings
from lepstudy.core.errors import Collector, DataError
from lepstudy.core.io import file_row, read_table
from lepstudy.core.values import is_missing

# --- organisations -------------------------------------------------------------------------------

ORG_RULES: list[tuple[str, str]] = [
    (r"social enterprise|\bcic\b|community interest company", "social_enterprise"),
    (r"^not printed", "unclear"),
    (r"\bhousing\b|\bhomes\b|housing association", "housing_association"),
    (r"council for voluntary service|\bcvs\b|voluntary action|voluntary service council|\bbvsc\b|"
     r"community foundation|voluntary organisations?'? network|\bvonne\b|action with communities|"
     r"community first|rural community council|voluntary sector (forum|network|council)|\bforum\b|"
     r"infrastructure|\bcavs?\b|\bvcse? (network|alliance|assembly)", "local_infrastructure_cvs"),
    (r"\bchurch\b|\bdiocese\b|\bmosque\b|\bsynagogue\b|\btemple\b|\bgurdwara\b|\bfaith\b|"
     r"residents'? association|tenants'? association|community group", "faith_or_community_group"),
    (r"\buniversity\b|\bcollege\b|\bschool\b|\bacademy\b", "education"),
    (r"\bcouncil\b|\bnhs\b|\bpolice\b|combined authority|\bauthority\b|\bdepartment\b|\bgovernment\b",
     "public_body"),
    (r"\bcharity\b|\bcharitable\b|\bsociety\b|\btrust\b|\bproject\b|\bfoundation\b|\bhospice\b|"
     r"\bage uk\b|\bmind\b|\bscope\b|\bbarnardo|\bmencap\b|\brspb\b|wildlife", "single_issue_charity"),
    (r"\bltd\b|\blimited\b|\bplc\b|\bllp\b|\bbank\b|\bgroup\b|\bholdings\b|\bconsult", "business"),
]


@lru_cache(maxsize=4)
def _overrides(path: str) -> dict[str, str]:
    table = read_table(path, ["organisation", "org_type"])
    return {_org_key(o): t for o, t in zip(table["organisation"], table["org_type"], strict=True)}


def _org_key(name: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"\(.*?\)", "", str(name))).strip().lower()


def classify_organisation(name: str, overrides: str | Path | None = None) -> str:
    """Organisation name -> org type (see ``schemas.ORG_TYPES``): override table first, then rules.

    Names the rules cannot place are ``unclear`` rather than a guess.
    """
    if overrides is None:

        overrides = load_settings().files["org_overrides"]
    table = _overrides(str(overrides))
    key = _org_key(name)
    if key in table:
        return table[key]
    text = str(name).lower()
    for pattern, org_type in ORG_RULES:
        if re.search(pattern, text):
            return org_type
    return "unclear"


# --- rating labels ------------------------------------------------------------------------------

RATING_VARIANTS = {
    "good": "Good",
    "g": "Good",
    "requires improvement": "Requires improvement",
    "requires improvement to be good": "Requires improvement",
    "requires improvements": "Requires improvement",
    "require improvement": "Requires improvement",
    "req improvement": "Requires improvement",
    "ri": "Requires improvement",
    "inadequate": "Inadequate",
    "i": "Inadequate",
    "insufficient evidence": "Insufficient evidence",
}


def normalise_rating(value: object, *, file: str | Path | None = None, row: int | None = None,
                     column: str | None = None, allow_insufficient: bool = False) -> str:
    """Map the variants people type ("RI", "requires improvement to be good", "Good ") to a label."""
    key = re.sub(r"[^a-z ]+", " ", str(value).lower())
    key = re.sub(r"\s+", " ", key).strip()
    label = RATING_VARIANTS.get(key)
    if label is None or (label == "Insufficient evidence" and not allow_insufficient):
        allowed = "Good, Requires improvement (RI) or Inadequate"
        raise DataError("unrecognised rating label", file=file, row=row, column=column, value=value,
                        expected=allowed)
    return label


def _normalise_column(frame: pd.DataFrame, column: str, normalise, file: str | Path | None,
                      dtype: str | None = None) -> pd.Series:
    """Apply a cell normaliser down a column, collecting every bad cell (with its row) before raising. Each
    distinct value is normalised once, so a million rows cost what their few distinct answers cost."""
    file = file or frame.attrs.get("source_file")
    cells = frame[column].astype(object).where(frame[column].notna(), None)
    meaning: dict = {}
    for value in pd.unique(cells.to_numpy()):
        try:
            meaning[value] = (normalise(value, file=file, column=column), None)
        except DataError:
            meaning[value] = (None, value)
    collector = Collector()
    for index in cells.index[cells.map(lambda v: meaning[v][1] is not None).to_numpy(dtype=bool)]:
        collector.attempt(normalise, cells[index], file=file, row=file_row(frame, index), column=column)
    collector.raise_if_any()
    return pd.Series(cells.map(lambda v: meaning[v][0]).to_numpy(), index=frame.index, name=column, dtype=dtype)


def normalise_rating_column(frame: pd.DataFrame, column: str, file: str | Path | None = None) -> pd.Series:
    """Rating labels of a whole column; every unrecognised label is reported."""
    return _normalise_column(frame, column, normalise_rating, file)


# --- Likert answers -----------------------------------------------------------------------------

LIKERT_TEXT = {
    "strongly disagree": 1, "disagree": 2, "neither agree nor disagree": 3, "neutral": 3, "agree": 4,
    "strongly agree": 5, "very poor": 1, "poor": 2, "fair": 3, "adequate": 3, "good": 4, "very good": 5,
}
LIKERT_MISSING = {"", "-", "n/a", "na", "don't know", "dont know", "not applicable", "no answer",
                  "prefer not to say"}


def normalise_likert(value: object, *, file: str | Path | None = None, row: int | None = None,
                     column: str | None = None) -> int | None:
    """A Likert answer from 1-5 given as a number or text; None for a deliberate non-answer.

    "N/A", "-", "don't know" and blanks are non-answers (missing, never 0). Anything else that is not
    1-5 or a known phrase is an error.
    """
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA:
        return None
    text = plain_text(value)
    if text in LIKERT_MISSING:
        return None
    if text in LIKERT_TEXT:
        return LIKERT_TEXT[text]
    if re.fullmatch(r"[1-5](?:\.0+)?\s*(?:-|–|—|to)\s*[1-5](?:\.0+)?", text):
        raise DataError("a range, not one Likert answer", file=file, row=row, column=column, value=value,
                        expected="one whole number 1-5 per respondent")
    match = re.fullmatch(r"([1-5])(?:\.0+)?(?:\s*[-–—:)]\s*([a-z].*))?", text)
    if match:
        number, label = int(match.group(1)), (match.group(2) or "").strip()
        if label and LIKERT_TEXT.get(label, number) != number:
            raise DataError("the number and the label of a Likert answer disagree", file=file, row=row,
                            column=column, value=value,
                            expected=f"'{label}' is {LIKERT_TEXT[label]} on the 1-5 scale, not {number}")
        return number
    raise DataError("unrecognised Likert answer", file=file, row=row, column=column, value=value,
                    expected="a whole number 1-5, a phrase such as 'agree' or 'very poor', or blank/N/A")


def _text_or_none(value: object) -> str | None:
    """A cell as plain text, or None when it is missing or blank (blank is unknown, never zero)."""
    return None if is_missing(value) else plain_text(value) or None


def plain_text(value: object) -> str:
    """A cell as lower-case text with curly quotes straightened and runs of spaces collapsed, so "Don’t know"
    reads as "don't know"."""
    text = str(value).strip().lower().translate(str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'}))
    return re.sub(r"\s+", " ", text)


def normalise_likert_column(frame: pd.DataFrame, column: str, file: str | Path | None = None) -> pd.Series:
    """Likert answers of a whole column as Int64 (missing stays missing); every bad answer is reported."""
    return _normalise_column(frame, column, normalise_likert, file, dtype="Int64")


# --- yes/no answers -----------------------------------------------------------------------------

TRUE_WORDS = {"true", "yes", "y", "1"}
FALSE_WORDS = {"false", "no", "n", "0"}


def normalise_yes_no(value: object, *, file: str | Path | None = None, row: int | None = None,
                     column: str | None = None) -> bool | None:
    """yes/no, true/false, y/n or 1/0 in any case; blank is unknown (None); anything else an error."""
    text = _text_or_none(value)
    if text is None:
        return None
    if text in TRUE_WORDS:
        return True
    if text in FALSE_WORDS:
        return False
    raise DataError("not a yes/no value", file=file, row=row, column=column, value=value,
                    expected="yes/no, true/false, 1/0, or blank for unknown")


def normalise_yes_no_column(frame: pd.DataFrame, column: str, file: str | Path | None = None) -> pd.Series:
    """yes/no answers of a whole column as a nullable boolean; every bad cell is reported."""
    return _normalise_column(frame, column, normalise_yes_no, file, dtype="boolean")


# --- counts -------------------------------------------------------------------------------------

MAX_COUNT_DIGITS = 9         # a count of board members or answers; a longer number is a pasted id, not a count


def normalise_count(value: object, *, file: str | Path | None = None, row: int | None = None,
                    column: str | None = None) -> int | None:
    """A whole count: "17" or a spreadsheet's "17.0"; blank is unknown (None); "17.5", "-1" or "three" an error."""
    text = _text_or_none(value)
    if text is None:
        return None
    match = re.fullmatch(rf"0*(\d{{1,{MAX_COUNT_DIGITS}}})(?:\.0+)?", text)
    if match is None:
        problem = "too large for a count" if re.fullmatch(r"\d+(?:\.0+)?", text) else "not a whole number"
        raise DataError(problem, file=file, row=row, column=column, value=value,
                        expected=f"a whole number 0 or more (at most {MAX_COUNT_DIGITS} digits), or blank for unknown")
    return int(match.group(1))


def normalise_count_column(frame: pd.DataFrame, column: str, file: str | Path | None = None) -> pd.Series:
    """Whole counts of a column as Int64 (blank stays blank); every bad cell is reported."""
    return _normalise_column(frame, column, normalise_count, file, dtype="Int64")
