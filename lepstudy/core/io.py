"""Reading inputs safely and writing outputs atomically.

Every reader turns a problem into a :class:`~lepstudy.core.errors.DataError` that names the file, the
row (as a spreadsheet user counts it: header = row 1) and the column, and says what was expected.
Writers go through a temporary file and an atomic rename, so an interrupted run leaves either the
old file or the new one, never half of one.
"""

from __future__ import annotations

import csv
import io
import logging
import re
from collections.abc import Iterable
from pathlib import Path

import pandas as pd
import pandera.pandas as pa
from pandera.errors import SchemaError, SchemaErrors

from lepstudy.core.errors import DataError, DataErrors
from lepstudy.core.records import atomic_write_bytes
from lepstudy.core.spreadsheets import HEADER_ROWS, check_formula_values, choose_sheet

log = logging.getLogger(__name__)

HTML_MARKERS = (b"<!doctype html", b"<html", b"<head", b"<body", b"<table")


# a valid multi-byte UTF-8 sequence: a file holding some is UTF-8, so a byte outside them is an error, not Latin-1
UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
SEPARATORS = {",": "comma", ";": "semicolon", "\t": "tab", "|": "vertical bar"}


def _decode(raw: bytes, path: Path | None = None) -> str:
    """Decode bytes as UTF-16 when they start with its byte-order mark (Excel's "Unicode text"), else UTF-8 (BOM
    allowed), falling back to Windows-1252 for Latin-1 exports. A file that is UTF-8 but for some bytes (a cell
    pasted from another program) is an error naming the row of the first bad byte: decoding it all as Latin-1
    would garble every correct cell."""
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return raw.decode("utf-16")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if UTF8_MULTIBYTE.search(raw):
            raise DataError(f"byte 0x{raw[exc.start]:02x} is not UTF-8, though the rest of the file is",
                            file=path, row=raw.count(b"\n", 0, exc.start) + 1,
                            expected="one encoding for the whole file: retype the character on that row, or save "
                                     "the file again as CSV UTF-8") from None
    try:
        return raw.decode("cp1252")
    except UnicodeDecodeError:  # the five bytes cp1252 leaves undefined: plain Latin-1 accepts them
        return raw.decode("latin-1")


def _plain_text(text: str, path: Path) -> str:
    """Line endings as LF (Windows CRLF and old-Mac CR alike) and NUL padding at the end of a damaged copy dropped;
    a NUL inside the data is an error naming its row."""
    text = text.rstrip("\x00")
    if "\x00" in text:
        raise DataError("the file holds a NUL byte (a damaged copy, or not a text file)", file=path,
                        row=text.count("\n", 0, text.index("\x00")) + 1,
                        expected="a CSV file saved again from the program that made it")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _separator(header_line: str) -> str:
    """The separator the header uses: comma, semicolon (European Excel), tab (Excel's "Unicode text") or bar."""
    counts = {separator: header_line.count(separator) for separator in SEPARATORS}
    best = max(counts, key=lambda separator: counts[separator])
    return best if counts[best] > counts[","] else ","


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
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise DataError(f"the file cannot be read ({exc.strerror or exc})", file=path,
                        expected="a file your user may read (check its permissions, or copy it somewhere local)"
                        ) from None
    check_not_empty_or_html(raw, path)
    required = [c for c in required_columns]
    header = header_key if normalise_headers else _stripped
    if path.suffix.lower() in {".xlsx", ".xls", ".xlsm"}:
        frame = _read_excel(path, sheet, required, header)
    else:
        text = _plain_text(_decode(raw, path), path)
        separator = _separator(text.split("\n", 1)[0])
        if separator != ",":
            log.info("%s: read as %s-separated", path, SEPARATORS[separator])
        names = _check_field_counts(text, path, separator)
        try:
            # blank lines are kept (then dropped below without renumbering) so row numbers stay the file's lines
            frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False, na_values=[""],
                                skip_blank_lines=False, sep=separator)
        except pd.errors.EmptyDataError as exc:
            raise DataError("the file has no header row", file=path) from exc
        except pd.errors.ParserError as exc:
            raise DataError(f"the file is not valid CSV: {exc}", file=path) from exc
        frame.columns = names                # as written: pandas would rename a repeated header 'x.1'
    frame.columns = [header(c) for c in frame.columns]
    _check_unique_header(list(frame.columns), path, frame.attrs.get("header_offset", 0) + 1)
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


FIELD_LIMIT = 1 << 30          # a cell of free text may be long (the csv module's default limit is 128 KiB)


def _check_field_counts(text: str, path: Path, separator: str = ",") -> list[str]:
    """Every row must have as many fields as the header: pandas would otherwise shift a row with an
    unquoted comma into the index and read every value one column off, without a word. Returns the header."""

    csv.field_size_limit(FIELD_LIMIT)
    reader = csv.reader(io.StringIO(text), delimiter=separator)
    header = next(reader, [])
    name = SEPARATORS[separator]
    for fields in reader:
        if fields and len(fields) != len(header) and any(f.strip() for f in fields):
            raise DataError(f"row has {len(fields)} fields but the header has {len(header)}, separated by "
                            f"{name}s (an unquoted {name} inside a value?)", file=path, row=reader.line_num,
                            expected=f"values containing {name}s to be quoted, e.g. \"Bristol{separator} Bath\"")
    return header


def _check_unique_header(names: list[str], path: Path, header_row: int) -> None:
    """A column named twice is refused: which of the two holds the answers is not for lepstudy to guess."""
    seen: dict[str, int] = {}
    for position, name in enumerate(names, start=1):
        if not name or name.lower() in {"nan", "none"} or name.startswith("Unnamed:"):
            continue                 # blank header cells (an empty column at the edge) are not names
        if name in seen:
            from openpyxl.utils import get_column_letter  # only on this error: openpyxl takes 0.5 s to import

            raise DataError(f"the header names column '{name}' twice (columns {get_column_letter(seen[name])} "
                            f"and {get_column_letter(position)})", file=path, row=header_row, column=name,
                            expected="each column once: delete or rename one of the two")
        seen[name] = position



# python-calamine (Rust) reads .xlsx and .xls to the same text as openpyxl and xlrd, 5-15 times faster
EXCEL_ENGINE = "calamine"


def _read_excel(path: Path, sheet: str | int, required: list[str], header) -> pd.DataFrame:
    try:
        if sheet == 0:          # a researcher's workbook: the sheet Excel shows with the data, never a hidden one
            sheet = choose_sheet(path, required, header)
        grid = pd.read_excel(path, sheet_name=sheet, header=None, dtype=str, engine=EXCEL_ENGINE)
        if isinstance(sheet, str):
            check_formula_values(path, sheet)
    except DataError:
        raise
    except Exception as exc:  # noqa: BLE001 - truncated, corrupt or protected workbooks fail in many ways
        raise DataError(f"cannot read the workbook ({type(exc).__name__}: {exc})", file=path,
                        expected="a complete, unprotected .xlsx workbook") from exc
    header_row = 0
    if required:
        # the header is the first row holding most of the required columns (whatever their case or spacing), so a
        # misspelt header below a title row is reported as that column missing, not as every column missing
        best = 0
        for i in range(min(len(grid), HEADER_ROWS)):
            hits = len({header(v) for v in grid.iloc[i].tolist()} & set(required))
            if hits > best:
                best, header_row = hits, i
            if hits == len(required):
                break
    frame = grid.iloc[header_row + 1 :].copy()
    frame.columns = [header(v) for v in grid.iloc[header_row].tolist()]
    frame = frame.map(lambda v: v.strip() if isinstance(v, str) else v)
    frame = frame.replace({"": pd.NA, "nan": pd.NA})
    frame.index = frame.index - header_row - 1          # position below the header, as for a CSV
    frame.attrs["header_offset"] = header_row
    return frame


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


def csv_bytes(frame: pd.DataFrame, float_format: str | None = "%.6g") -> bytes:
    """A table as deterministic CSV bytes (UTF-8, LF endings, fixed float format, no index; ``None``: the shortest
    text that reads back as the same float)."""
    return frame.to_csv(index=False, lineterminator="\n", float_format=float_format).encode("utf-8")


def write_csv(frame: pd.DataFrame, target: str | Path, float_format: str = "%.6g") -> Path:
    """Write a CSV deterministically (``csv_bytes``) and atomically."""
    return atomic_write_bytes(target, csv_bytes(frame, float_format))
