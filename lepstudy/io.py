"""Reading inputs safely and writing outputs atomically.

Every reader turns a problem into a :class:`~lepstudy.errors.DataError` that names the file, the
row (as a spreadsheet user counts it: header = row 1) and the column, and says what was expected.
Writers go through a temporary file and an atomic rename, so an interrupted run leaves either the
old file or the new one, never half of one.
"""

from __future__ import annotations

import io
import logging
import os
import re
import tempfile
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from pathlib import Path

import pandas as pd
import pandera.pandas as pa
from pandera.errors import SchemaError, SchemaErrors

from lepstudy.errors import DataError, DataErrors

log = logging.getLogger(__name__)

HTML_MARKERS = (b"<!doctype html", b"<html", b"<head", b"<body", b"<table")


def _decode(raw: bytes) -> str:
    """Decode bytes as UTF-16 when they start with its byte-order mark (Excel's "Unicode text"), else UTF-8 (BOM
    allowed), falling back to Windows-1252 for Latin-1 exports."""
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return raw.decode("utf-16")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252")
    except UnicodeDecodeError:  # the five bytes cp1252 leaves undefined: plain Latin-1 accepts them
        return raw.decode("latin-1")


def check_not_empty_or_html(raw: bytes, path: Path) -> None:
    """Reject files that are empty or are really a web page saved with a data extension."""
    if not raw.strip():
        raise DataError("the file is empty", file=path, expected="a header row and at least one data row")
    if raw[:4] == b"PK\x03\x04" and path.suffix.lower() not in {".xlsx", ".xlsm"}:
        raise DataError("the file is an Excel workbook with another extension", file=path,
                        expected=f"the name {path.stem}.xlsx (or the sheet saved as CSV)")
    if raw[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" and path.suffix.lower() != ".xls":
        raise DataError("the file is a password-protected workbook or an old .xls file", file=path,
                        expected="an unprotected .xlsx workbook or a CSV file")
    head = raw[:2048].lstrip().lower()
    if any(head.startswith(m) or m in head[:512] for m in HTML_MARKERS):
        raise DataError(
            "the file is an HTML page, not a data file (was it saved from a browser?)",
            file=path,
            expected="a CSV or Excel file",
        )


def read_table(path: str | Path, required_columns: Iterable[str] = (), sheet: str | int = 0,
               normalise_headers: bool = False, allow_empty: bool = False) -> pd.DataFrame:
    """Read a CSV or Excel file as text columns, tolerating BOMs, CRLF, Latin-1 and title rows.

    Cells are read as strings (blank -> NaN) so that types are checked by the schema, not guessed.
    ``normalise_headers`` (a researcher's files) matches headers ignoring case, spacing and hyphens.
    ``allow_empty``: a header without rows is a valid (empty) table, for lists that may have no entries.
    For Excel files, rows above the real header (a title, a note) are skipped when ``required_columns``
    are given: the header is the first row that holds all of them.
    """
    path = Path(path)
    if not path.is_file():
        raise DataError("the file does not exist", file=path)
    raw = path.read_bytes()
    check_not_empty_or_html(raw, path)
    required = [c for c in required_columns]
    header = header_key if normalise_headers else _stripped
    if path.suffix.lower() in {".xlsx", ".xls", ".xlsm"}:
        frame = _read_excel(path, sheet, required, header)
    else:
        text = _decode(raw)
        first = text.split("\n", 1)[0]
        separator = "\t" if first.count("\t") > first.count(",") else ","    # Excel's "Unicode text" is tab-separated
        _check_field_counts(text, path, separator)
        try:
            # blank lines are kept (then dropped below without renumbering) so row numbers stay the file's lines
            frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False, na_values=[""],
                                skip_blank_lines=False, sep=separator)
        except pd.errors.EmptyDataError as exc:
            raise DataError("the file has no header row", file=path) from exc
        except pd.errors.ParserError as exc:
            raise DataError(f"the file is not valid CSV: {exc}", file=path) from exc
    frame.columns = [header(c) for c in frame.columns]
    frame = frame.dropna(how="all")          # the index keeps each row's position in the file (``file_row``)
    if frame.empty and not allow_empty:
        raise DataError("the file has a header but no data rows", file=path, expected="at least one data row")
    missing = [c for c in required if c not in frame.columns]
    if missing:
        raise DataError(
            f"missing column(s) {', '.join(repr(m) for m in missing)}",
            file=path,
            column=missing[0],
            expected=f"columns {', '.join(required)}; found {', '.join(map(str, frame.columns))}",
        )
    frame.attrs["source_file"] = str(path)
    frame.attrs["header_offset"] = frame.attrs.get("header_offset", 0)
    log.info("read %s (%d rows)", path, len(frame))
    return frame


def _check_field_counts(text: str, path: Path, separator: str = ",") -> None:
    """Every row must have as many fields as the header: pandas would otherwise shift a row with an
    unquoted comma into the index and read every value one column off, without a word."""
    import csv

    reader = csv.reader(io.StringIO(text), delimiter=separator)
    header = next(reader, [])
    for line_number, fields in enumerate(reader, start=2):
        if fields and len(fields) != len(header) and any(f.strip() for f in fields):
            raise DataError(f"row has {len(fields)} fields but the header has {len(header)} "
                            "(an unquoted comma inside a value?)", file=path, row=line_number,
                            expected="values containing commas to be quoted, e.g. \"Bristol, Bath\"")


# python-calamine (Rust) reads .xlsx and .xls to the same text as openpyxl and xlrd, 5-15 times faster
EXCEL_ENGINE = "calamine"


def _read_excel(path: Path, sheet: str | int, required: list[str], header) -> pd.DataFrame:
    try:
        grid = pd.read_excel(path, sheet_name=sheet, header=None, dtype=str, engine=EXCEL_ENGINE)
    except Exception as exc:  # noqa: BLE001 - truncated, corrupt or protected workbooks fail in many ways
        raise DataError(f"cannot read the workbook ({type(exc).__name__}: {exc})", file=path,
                        expected="a complete, unprotected .xlsx workbook") from exc
    header_row = 0
    if required:
        # the header is the first row holding most of the required columns (whatever their case or spacing), so a
        # misspelt header below a title row is reported as that column missing, not as every column missing
        best = 0
        for i in range(min(len(grid), 20)):
            hits = len({header(v) for v in grid.iloc[i].tolist()} & set(required))
            if hits > best:
                best, header_row = hits, i
            if hits == len(required):
                break
        if best < len(required):
            _other_sheet_hint(path, sheet, required, header)
    frame = grid.iloc[header_row + 1 :].copy()
    frame.columns = [header(v) for v in grid.iloc[header_row].tolist()]
    frame = frame.map(lambda v: v.strip() if isinstance(v, str) else v)
    frame = frame.replace({"": pd.NA, "nan": pd.NA})
    frame.index = frame.index - header_row - 1          # position below the header, as for a CSV
    frame.attrs["header_offset"] = header_row
    return frame


def _other_sheet_hint(path: Path, sheet: str | int, required: list[str], header) -> None:
    """When the sheet read lacks the columns but another sheet of the workbook holds them all, say so (a
    workbook whose first sheet is a cover note) instead of reporting the columns missing."""
    workbook = pd.ExcelFile(path, engine=EXCEL_ENGINE)
    for name in workbook.sheet_names:
        if name == sheet or workbook.sheet_names.index(name) == sheet:
            continue
        grid = workbook.parse(name, header=None, dtype=str, nrows=20)
        if any(set(required) <= {header(v) for v in grid.iloc[i].tolist()} for i in range(len(grid))):
            raise DataError(f"the columns are on sheet '{name}', not on the sheet read", file=path,
                            expected="the data on the first sheet (move that sheet first) or saved as CSV")


def _stripped(name: object) -> str:
    return str(name).strip()


def header_key(name: object) -> str:
    """A column header as lepstudy names it: case, surrounding spaces and inner spaces or hyphens ignored
    ("Overall Engagement" and "overall-engagement" are ``overall_engagement``)."""
    return re.sub(r"[\s\-]+", "_", str(name).strip().lower())


def file_row(frame: pd.DataFrame, index: object) -> int | None:
    """1-based row number in the source file for a frame index (header = row 1)."""
    try:
        return int(index) + 2 + int(frame.attrs.get("header_offset", 0))
    except (TypeError, ValueError):
        return None


def validate(frame: pd.DataFrame, schema: pa.DataFrameSchema, path: str | Path | None = None) -> pd.DataFrame:
    """Validate ``frame`` with ``schema``; on failure raise :class:`DataErrors` listing every problem."""
    path = path or frame.attrs.get("source_file") or schema.name
    try:
        out = schema.validate(frame, lazy=True)
    except SchemaErrors as exc:
        raise DataErrors(_schema_failures(exc.failure_cases, frame, schema, path)) from None
    except SchemaError as exc:  # pragma: no cover - lazy=True normally collects
        raise DataError(str(exc), file=path) from None
    out.attrs.update(frame.attrs)
    return out


def _schema_failures(cases: pd.DataFrame, frame: pd.DataFrame, schema: pa.DataFrameSchema, path) -> list[DataError]:
    errors: list[DataError] = []
    for case in cases.itertuples(index=False):
        check = str(case.check)
        column = None if pd.isna(case.column) else str(case.column)
        if check == "column_in_dataframe":
            errors.append(DataError("missing column", file=path, column=str(case.failure_case),
                                    expected=f"columns {', '.join(schema.columns)}"))
            continue
        if check == "column_in_schema":
            errors.append(DataError("unexpected column", file=path, column=str(case.failure_case),
                                    expected=f"only columns {', '.join(schema.columns)}"))
            continue
        row = None if pd.isna(case.index) else file_row(frame, case.index)
        expected = _describe_check(check, schema, column)
        problem = "value does not pass the check"
        if check.startswith("coerce_dtype") or check.startswith("dtype"):
            problem = "wrong type"
        elif check == "not_nullable":
            problem = "blank value where one is required"
        elif check == "field_uniqueness" or check.startswith("unique") or "duplicate" in check:
            problem = "duplicate value"
        value = None if check == "not_nullable" else case.failure_case
        errors.append(DataError(problem, file=path, row=row, column=column, expected=expected, value=value))
    return errors


def _describe_check(check: str, schema: pa.DataFrameSchema, column: str | None) -> str:
    col = schema.columns.get(column) if column else None
    if check.startswith("coerce_dtype") or check.startswith("dtype"):
        return f"a value of type {col.dtype if col is not None else check}"
    if check == "not_nullable":
        return "a value (blank means unknown only in optional columns)"
    if check == "field_uniqueness":
        return "each value once"
    if col is not None:
        for c in col.checks:
            if c.name in check or (c.error and c.error in check):
                return c.error or check
    return check


def read_validated(path: str | Path, schema: pa.DataFrameSchema, sheet: str | int = 0,
                   allow_empty: bool = False) -> pd.DataFrame:
    """Read a table and validate it with ``schema`` in one step (``allow_empty``: see ``read_table``)."""
    required = [name for name, col in schema.columns.items() if col.required]
    return validate(read_table(path, required, sheet=sheet, allow_empty=allow_empty), schema, path)


def _umask() -> int:
    """The process umask (read by setting and restoring it: there is no other portable way)."""
    mask = os.umask(0)
    os.umask(mask)
    return mask


def remove_stale_temp_files(folder: Path) -> list[Path]:
    """Delete temporary files an interrupted atomic write left behind (``.<name>.*.tmp``)."""
    stale = [p for p in Path(folder).rglob(".*.tmp") if p.is_file()] if Path(folder).is_dir() else []
    for path in stale:
        path.unlink(missing_ok=True)
    return stale


@contextmanager
def atomic_path(target: str | Path):
    """Yield a temporary path beside ``target``; on success rename it over ``target`` atomically."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    try:
        yield Path(tmp)
        os.chmod(tmp, 0o666 & ~_umask())   # mkstemp makes 0600; the result follows the umask like any new file
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def atomic_write_bytes(target: str | Path, data: bytes) -> Path:
    """Write bytes atomically (temp file + fsync + rename)."""
    with atomic_path(target) as tmp:
        with open(tmp, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    return Path(target)


def csv_bytes(frame: pd.DataFrame, float_format: str = "%.6g") -> bytes:
    """A table as deterministic CSV bytes (UTF-8, LF endings, fixed float format, no index)."""
    return frame.to_csv(index=False, lineterminator="\n", float_format=float_format).encode("utf-8")


def write_csv(frame: pd.DataFrame, target: str | Path, float_format: str = "%.6g") -> Path:
    """Write a CSV deterministically (``csv_bytes``) and atomically."""
    return atomic_write_bytes(target, csv_bytes(frame, float_format))


def write_with(target: str | Path, writer: Callable[[Path], None]) -> Path:
    """Let ``writer`` write to a temporary path, then move the result into place atomically."""
    with atomic_path(target) as tmp:
        writer(tmp)
    return Path(target)
