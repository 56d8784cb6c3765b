"""Disclosure control: small counts of respondents, and what rests on them, blanked before a table is shared."""

from __future__ import annotations

import pandas as pd


def suppress_small_counts(frame: pd.DataFrame, column: str, threshold: int,
                          derived: list[str] | None = None) -> pd.DataFrame:
    """Blank counts of respondents below ``threshold`` in a shared output, and every value ``derived`` from
    those respondents' answers on the same rows, and flag the rows (``<column>_suppressed``)."""
    out = frame.copy()
    small = out[column] < threshold
    out[f"{column}_suppressed"] = small
    out[column] = out[column].astype("Int64").mask(small)
    for name in derived or []:
        out[name] = out[name].astype(object).mask(small) if out[name].dtype == bool else out[name].mask(small)
    return out
