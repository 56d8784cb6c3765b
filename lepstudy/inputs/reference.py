"""The canonical list of local growth bodies (the 38 LEPs of 2019-20) and name matching.

The list comes from ``config/lep_reference.csv`` (checked in the tests against IoD2019 File 12,
the DfE code list and the 2021 boundaries), never from a hard-coded count, and its codes are the only codes
recognised. Another set of bodies brings its own list, district lookup and published figures (``docs/method.md``);
the curated public evidence is keyed to the LEPs' codes, so for other bodies it is all unknown.
"""

from __future__ import annotations

import difflib
import re
from functools import lru_cache
from pathlib import Path

import pandas as pd

from lepstudy.core.config import load_settings
from lepstudy.core.errors import Collector, DataError
from lepstudy.core.io import file_row, read_validated
from lepstudy.core.raw_schemas import LEP_PREDECESSORS, LEP_REFERENCE
from lepstudy.core.values import is_missing

_DROP_PHRASES = (
    "local enterprise partnership",
    "enterprise partnership",
    "lep area",
    "lep board",
    "lep",
    # company suffixes and the names successor bodies took on when LEP functions moved ("... Business Board")
    "limited",
    "ltd",
    "business board",
)
# words that many bodies' names share: matching ignores "the" and "and" anywhere, and suggestions for an unknown
# name are ranked on the other, distinctive words (so "... Combined Authority" is not offered every LEP alike)
_FILLER = {"the", "and", "of"}
_GENERIC = {"combined", "authority", "county", "council", "city", "region", "partnership", "growth", "board",
            "north", "south", "east", "west", "greater"}


def normalise_name(name: str) -> str:
    """Fold a body's name to a matching key: case, '&'/'and', 'the', punctuation, 'LEP', company suffixes
    ('Ltd', 'Limited'), successor suffixes ('Business Board') and spacing."""
    text = str(name).lower().strip()
    text = text.replace("&", " and ").replace("+", " and ")
    text = re.sub(r"[’'`]", "", text)
    text = re.sub(r"[^a-z0-9]+", " ", text)
    for phrase in _DROP_PHRASES:
        text = re.sub(rf"\b{phrase}\b", " ", text)
    words = [w for w in text.split() if w not in _FILLER]
    return " ".join(words)


def _distinctive(key: str) -> str:
    return " ".join(w for w in key.split() if w not in _GENERIC) or key


@lru_cache(maxsize=4)
def _load(path: str) -> pd.DataFrame:
    return read_validated(path, LEP_REFERENCE)


def load_reference(path: str | Path | None = None) -> pd.DataFrame:
    """The reference table: one row per body with LEP17/LEP20/LEP21 codes, names and aliases."""
    if path is None:

        path = load_settings().files["lep_reference"]
    return _load(str(Path(path).resolve())).copy()


def load_predecessors(path: str | Path | None = None) -> pd.DataFrame:
    """LEPs that merged into another before the study's codes (``config/lep_predecessors.csv``)."""

    if path is None:

        path = load_settings().files["lep_predecessors"]
    return read_validated(path, LEP_PREDECESSORS, allow_empty=True)      # a study may have no predecessors


def lep_codes(reference: pd.DataFrame | None = None) -> list[str]:
    """LEP17 codes of every body in the reference table, in code order."""
    ref = load_reference() if reference is None else reference
    return sorted(ref["lep17_code"])


def reference_codes(reference: pd.DataFrame) -> set[str]:
    """Every code the reference list gives its bodies (LEP17, LEP20 and LEP21 columns), as written."""
    return {str(c) for column in ("lep17_code", "lep20_code", "lep21_code") for c in reference[column]}


def alias_index(reference: pd.DataFrame) -> dict[str, str]:
    """Map every normalised name, short name, alias and code to its LEP17 code.

    Raises if one key would point at two bodies: an ambiguous alias is a reference-data bug.
    """
    index: dict[str, str] = {}
    codes = reference_codes(reference)
    for row in reference.itertuples(index=False):
        names = [row.lep17_code, row.lep20_code, row.lep21_code, row.canonical_name, row.short_name,
                 row.lep21_name]
        if isinstance(row.aliases, str):
            names += [a for a in row.aliases.split(";") if a.strip()]
        for name in names:
            key = str(name).lower() if str(name) in codes else normalise_name(name)
            if not key:
                continue
            previous = index.get(key)
            if previous is not None and previous != row.lep17_code:
                raise DataError(f"alias '{name}' names two bodies ({previous} and {row.lep17_code})",
                                column="aliases", expected="each alias used by one body only")
            index[key] = row.lep17_code
    return index


def _blank(name: object) -> bool:
    return is_missing(name) or not str(name).strip()


class LepMatcher:
    """Resolve the names sources use for a LEP to its LEP17 code, or fail loudly."""

    def __init__(self, reference: pd.DataFrame | None = None, predecessors: pd.DataFrame | None = None) -> None:
        self.reference = load_reference() if reference is None else reference
        self.index = alias_index(self.reference)
        self.names = dict(zip(self.reference["lep17_code"], self.reference["canonical_name"], strict=True))
        self.codes = {code.lower() for code in reference_codes(self.reference)}
        predecessors = load_predecessors() if predecessors is None else predecessors
        self.merged = {normalise_name(row.name): row for row in predecessors.itertuples(index=False)
                       if row.merged_into in self.names}

    def candidates(self, name: str) -> list[str]:
        """Every LEP17 code ``name`` could mean: the whole name, and the parts outside and inside brackets
        ("Gloucestershire (GFirst)", "London (LEAP)"). More than one is ambiguous."""
        raw = str(name).strip()
        if raw.lower() in self.codes:           # a code of the reference list, in any case
            return [self.index[raw.lower()]]
        key = normalise_name(raw)
        if key in self.index:
            return [self.index[key]]
        outside = normalise_name(re.sub(r"\(.*?\)", " ", raw))
        inside = [normalise_name(p) for p in re.findall(r"\((.*?)\)", raw)]
        return list(dict.fromkeys(self.index[k] for k in (outside, *inside) if k and k in self.index))

    def match(self, name: str) -> str | None:
        """LEP17 code for ``name``, or None when nothing (or more than one body) matches."""
        if _blank(name):
            return None
        found = self.candidates(name)
        return found[0] if len(found) == 1 else None

    def closest(self, name: str, n: int = 3) -> list[str]:
        """Canonical names closest to ``name`` on their distinctive words, for error messages."""
        key = _distinctive(normalise_name(name))
        keys = {_distinctive(k): k for k in self.index if not re.fullmatch(r"e37\d{6}", k)}
        near = difflib.get_close_matches(key, list(keys), n=n * 3, cutoff=0.5)
        out: list[str] = []
        for k in near:
            canonical = self.names[self.index[keys[k]]]
            if canonical not in out:
                out.append(canonical)
        return out[:n]

    def resolve(self, name: str, *, file: str | Path | None = None, row: int | None = None,
                column: str | None = None) -> str:
        """LEP17 code for ``name``; a blank, ambiguous or unknown name raises an error saying which, with the
        candidates or the closest names (separated by semicolons, since names can hold commas)."""
        if _blank(name):
            raise DataError("missing LEP name", file=file, row=row, column=column,
                            expected="a LEP name or code in every row")
        found = self.candidates(name)
        if len(found) > 1:
            names = "; ".join(self.names[c] for c in found)
            raise DataError("ambiguous LEP name", file=file, row=row, column=column, value=name,
                            expected=f"a name that fits one LEP; it fits {names}")
        merged = self.merged.get(normalise_name(str(name)))
        if not found and merged is not None:
            into = self.names[merged.merged_into]
            raise DataError(f"a former LEP: it merged into {into} in {merged.year}", file=file, row=row, column=column,
                            value=name, expected=f"{into} ({merged.merged_into}), if the row is about that area")
        if not found:
            near = self.closest(str(name))
            hint = f"a known LEP name or code; closest: {'; '.join(near)}" if near else "a known LEP name or code"
            raise DataError("unknown LEP name", file=file, row=row, column=column, value=name, expected=hint)
        return found[0]

    def resolve_column(self, frame: pd.DataFrame, column: str, file: str | Path | None = None) -> pd.Series:
        """Resolve a whole column; every unknown name is reported with its file row."""
        file = file or frame.attrs.get("source_file")
        collector = Collector()
        codes = [collector.attempt(self.resolve, value, file=file, row=file_row(frame, index), column=column)
                 for index, value in frame[column].items()]
        collector.raise_if_any()
        return pd.Series(codes, index=frame.index, name="lep17_code")
