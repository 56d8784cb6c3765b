"""The canonical list of local growth bodies (the 38 LEPs of 2019-20) and name matching.

The list comes from ``config/lep_reference.csv`` (checked in the tests against IoD2019 File 12,
the DfE code list and the 2021 boundaries), never from a hard-coded count, so the same study can be
run on another set of bodies by swapping that file.
"""

from __future__ import annotations

import difflib
import re
from functools import lru_cache
from pathlib import Path

import pandas as pd

from lepstudy.errors import Collector, DataError
from lepstudy.io import file_row, read_validated
from lepstudy.schemas import LEP_REFERENCE

_DROP_PHRASES = (
    "local enterprise partnership",
    "enterprise partnership",
    "lep area",
    "lep board",
    "lep",
)


def normalise_name(name: str) -> str:
    """Fold a body's name to a matching key: case, '&'/'and', punctuation, 'LEP' and spacing."""
    text = str(name).lower().strip()
    text = text.replace("&", " and ").replace("+", " and ")
    text = re.sub(r"[’'`]", "", text)
    text = re.sub(r"[^a-z0-9]+", " ", text)
    for phrase in _DROP_PHRASES:
        text = re.sub(rf"\b{phrase}\b", " ", text)
    text = re.sub(r"^(the\s+)+", "", text.strip())
    return re.sub(r"\s+", " ", text).strip()


@lru_cache(maxsize=4)
def _load(path: str) -> pd.DataFrame:
    return read_validated(path, LEP_REFERENCE)


def load_reference(path: str | Path | None = None) -> pd.DataFrame:
    """The reference table: one row per body with LEP17/LEP20/LEP21 codes, names and aliases."""
    if path is None:
        from lepstudy.config import load_settings

        path = load_settings().files["lep_reference"]
    return _load(str(Path(path).resolve())).copy()


def lep_codes(reference: pd.DataFrame | None = None) -> list[str]:
    """LEP17 codes of every body in the reference table, in code order."""
    ref = load_reference() if reference is None else reference
    return sorted(ref["lep17_code"])


def alias_index(reference: pd.DataFrame) -> dict[str, str]:
    """Map every normalised name, short name, alias and code to its LEP17 code.

    Raises if one key would point at two bodies: an ambiguous alias is a reference-data bug.
    """
    index: dict[str, str] = {}
    for row in reference.itertuples(index=False):
        names = [row.lep17_code, row.lep20_code, row.lep21_code, row.canonical_name, row.short_name,
                 row.lep21_name]
        if isinstance(row.aliases, str):
            names += [a for a in row.aliases.split(";") if a.strip()]
        for name in names:
            key = normalise_name(name) if not re.fullmatch(r"E37\d{6}", str(name)) else str(name).lower()
            if not key:
                continue
            previous = index.get(key)
            if previous is not None and previous != row.lep17_code:
                raise DataError(f"alias '{name}' names two bodies ({previous} and {row.lep17_code})",
                                column="aliases", expected="each alias used by one body only")
            index[key] = row.lep17_code
    return index


class LepMatcher:
    """Resolve the names sources use for a LEP to its LEP17 code, or fail loudly."""

    def __init__(self, reference: pd.DataFrame | None = None) -> None:
        self.reference = load_reference() if reference is None else reference
        self.index = alias_index(self.reference)
        self.names = dict(zip(self.reference["lep17_code"], self.reference["canonical_name"], strict=True))

    def match(self, name: str) -> str | None:
        """LEP17 code for ``name``, or None when nothing matches."""
        if name is None or (isinstance(name, float) and pd.isna(name)):
            return None
        raw = str(name).strip()
        if re.fullmatch(r"(?i)E37\d{6}", raw):
            return self.index.get(raw.lower())
        key = normalise_name(raw)
        if key in self.index:
            return self.index[key]
        # "Gloucestershire (GFirst)", "London (LEAP)": try outside and inside the brackets
        outside = normalise_name(re.sub(r"\(.*?\)", " ", raw))
        inside = [normalise_name(p) for p in re.findall(r"\((.*?)\)", raw)]
        for candidate in (outside, *inside):
            if candidate and candidate in self.index:
                return self.index[candidate]
        return None

    def closest(self, name: str, n: int = 3) -> list[str]:
        """Canonical names closest to ``name``, for error messages."""
        key = normalise_name(name)
        keys = difflib.get_close_matches(key, list(self.index), n=n * 3, cutoff=0.5)
        out: list[str] = []
        for k in keys:
            canonical = self.names[self.index[k]]
            if canonical not in out:
                out.append(canonical)
        return out[:n]

    def resolve(self, name: str, *, file: str | Path | None = None, row: int | None = None,
                column: str | None = None) -> str:
        """LEP17 code for ``name``; an unknown name raises an error naming it and the closest names."""
        code = self.match(name)
        if code is None:
            near = self.closest(str(name))
            hint = f"a known LEP name or code; closest: {', '.join(near)}" if near else "a known LEP name or code"
            raise DataError("unknown LEP name", file=file, row=row, column=column, value=name, expected=hint)
        return code

    def resolve_column(self, frame: pd.DataFrame, column: str, file: str | Path | None = None) -> pd.Series:
        """Resolve a whole column; every unknown name is reported with its file row."""
        file = file or frame.attrs.get("source_file")
        collector = Collector()
        codes = [collector.attempt(self.resolve, value, file=file, row=file_row(frame, index), column=column)
                 for index, value in frame[column].items()]
        collector.raise_if_any()
        return pd.Series(codes, index=frame.index, name="lep17_code")
