"""Column builders and patterns shared by the raw and the processed schemas: a body code, free text, a choice,
a count, a Likert answer, each with the error a reader sees when a value does not fit."""

from __future__ import annotations

from pandera.pandas import Check, Column

from lepstudy.core.vocabulary import LIKERT_RANGE

# a body's code: whatever the reference list uses (LEPs: ONS LEP17 codes such as E37000001), upper-case letters and
# digits starting with a letter; which codes exist is the reference list's business (every loader checks it)
BODY_CODE = r"^[A-Z][A-Z0-9]{3,15}$"


def code_column(unique: bool = False, nullable: bool = False) -> Column:
    return Column(str, Check.str_matches(BODY_CODE, error="a body code like E37000001 (upper-case letters and digits)"),
                  unique=unique,
                  nullable=nullable)


def text_column(nullable: bool = True) -> Column:
    return Column(str, nullable=nullable)


def choice_column(values: list[str], nullable: bool = True) -> Column:
    return Column(str, Check.isin(values, error=f"one of: {', '.join(values)}"), nullable=nullable)


def count_column(nullable: bool = True, minimum: int = 0) -> Column:
    return Column("Int64", Check.ge(minimum, error=f"a whole number >= {minimum}"), nullable=nullable, coerce=True)


def likert_column() -> Column:
    low, high = LIKERT_RANGE
    return Column("Int64", Check.in_range(low, high, error=f"a Likert answer from {low} to {high}"), nullable=True,
                  coerce=True)
