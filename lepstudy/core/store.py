"""The store: data/processed/ as the pipeline wrote it, read back. Every later stage (notebooks, pages, the
report) reads tables through here: the checksum checked against the run manifest, each column in the type it was
written with, and its schema checked."""

from __future__ import annotations

import pandas as pd

from lepstudy.core import catalogue
from lepstudy.core.config import Settings
from lepstudy.core.errors import DataError
from lepstudy.core.io import validate
from lepstudy.core.records import read_manifest, sha256_file


def read_processed(settings: Settings, name: str) -> pd.DataFrame:
    """A processed table read back as it was written: the checksum checked against the run manifest, each column
    in its recorded type (booleans as booleans, counts with blanks as nullable integers), and its schema checked.
    Notebooks and the report read tables this way, never by parsing display strings."""
    entry = read_manifest(settings).get("tables", {}).get(name)
    if entry is None:
        raise DataError(f"no processed table '{name}' in the run manifest", file=settings.processed_dir,
                        expected="run `lepstudy data` first")
    path = settings.processed_dir / entry["file"]
    if not path.is_file() or sha256_file(path) != entry["sha256"]:
        raise DataError("the processed table differs from the run that wrote the manifest", file=path,
                        expected="run `lepstudy data` again")
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""])
    for column, dtype in entry.get("dtypes", {}).items():
        if column in frame:
            frame[column] = _as_type(frame[column], dtype)
    if name in catalogue.CATALOGUE:
        validate(frame, catalogue.CATALOGUE[name].schema, path)
    return frame


def _as_type(values: pd.Series, dtype: str) -> pd.Series:
    if dtype in {"bool", "boolean"}:
        typed = values.map({"True": True, "False": False}).astype("boolean")
        return typed.astype(bool) if dtype == "bool" and not typed.isna().any() else typed
    if dtype.lower().startswith("int"):
        numbers = pd.to_numeric(values)
        return numbers.astype("Int64") if numbers.isna().any() or dtype == "Int64" else numbers.astype(dtype)
    if dtype.lower().startswith("float"):
        return pd.to_numeric(values).astype(float)
    return values
