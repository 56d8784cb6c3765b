"""What counts as a cell with no value at all: the one test every stage uses (blank is unknown, never zero)."""

from __future__ import annotations

import math

import pandas as pd


def is_missing(value: object) -> bool:
    """None, pandas' NA or a float NaN: a cell with no value at all (blank text is checked separately)."""
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))
