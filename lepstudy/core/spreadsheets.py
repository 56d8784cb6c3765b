"""Which sheet of a workbook holds the data, and whether its cells hold what Excel shows.

A researcher's workbook is read as Excel shows it: never a hidden sheet; the one visible sheet that holds the
required columns (a cover note or an instructions sheet beside it is fine); an error when several visible sheets
could hold the data. A formula cell saved without its value (workbooks written by scripts, or some exports) would
read as blank, a silent non-answer; it is refused with its cell address and the remedy.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from pathlib import Path, PurePosixPath
from xml.etree import ElementTree

from python_calamine import CalamineWorkbook, SheetTypeEnum, SheetVisibleEnum

from lepstudy.core.errors import DataError

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
RELATION = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
PACKAGE = "{http://schemas.openxmlformats.org/package/2006/relationships}"
HEADER_ROWS = 20                        # a header is looked for in a sheet's first rows (below a title or a note)
OPEN_XML = {".xlsx", ".xlsm"}


def choose_sheet(path: Path, required: list[str], header: Callable[[object], str]) -> str:
    """The name of the sheet to read: the only visible worksheet holding every ``required`` column; with none, the
    active visible sheet (whose missing columns are then reported). Several visible candidates, or the columns
    only on a hidden sheet, are errors naming the sheets and what to do."""
    workbook = CalamineWorkbook.from_path(str(path))
    sheets = [meta for meta in workbook.sheets_metadata if meta.typ == SheetTypeEnum.WorkSheet]
    visible = [meta.name for meta in sheets if meta.visible == SheetVisibleEnum.Visible]
    if not visible:
        raise DataError("the workbook has no visible sheet", file=path, expected="the data on a visible sheet")
    if required:
        holding = [meta.name for meta in sheets if _holds(workbook, meta.name, required, header)]
        shown = [name for name in holding if name in visible]
        if len(shown) > 1:
            raise DataError(f"several visible sheets hold the columns: {', '.join(repr(s) for s in shown)}",
                            file=path, expected="one sheet of data: delete or hide the others, or save the sheet "
                                                "to use as CSV")
        if shown:
            return shown[0]
        if holding:
            raise DataError(f"the columns are only on hidden sheet '{holding[0]}'", file=path,
                            expected="the data on a visible sheet (in Excel: right-click a sheet tab, Unhide), so "
                                     "that what is read is what you see")
    active = active_sheet(path)
    return active if active in visible else visible[0]


def _holds(workbook: CalamineWorkbook, name: str, required: list[str], header: Callable[[object], str]) -> bool:
    rows = workbook.get_sheet_by_name(name).to_python(nrows=HEADER_ROWS)
    return any(set(required) <= {header(value) for value in row} for row in rows)


def active_sheet(path: Path) -> str | None:
    """The sheet a workbook opens on (``activeTab`` of an .xlsx), or None when the file does not say."""
    if path.suffix.lower() not in OPEN_XML:
        return None
    with zipfile.ZipFile(path) as archive:
        book = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    view = book.find(f"{MAIN}bookViews/{MAIN}workbookView")
    names = [sheet.get("name") for sheet in book.iter(f"{MAIN}sheet")]
    index = int(view.get("activeTab", "0")) if view is not None else 0
    return names[index] if 0 <= index < len(names) else None


# a cell element with its body: <c r="B7" ...>...</c>, with or without a namespace prefix
CELL = re.compile(rb'<(?:\w+:)?c\s[^>]*?\br="([A-Z]+)([0-9]+)"[^>]*?(?<!/)>(.*?)</(?:\w+:)?c>', re.S)
FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")
CACHED_VALUE = re.compile(rb"<(?:\w+:)?v>[^<]")


def formula_cells_without_values(path: Path, sheet: str) -> list[tuple[str, int]]:
    """(column letter, row) of every formula cell in ``sheet`` saved without a value (empty for other formats)."""
    if path.suffix.lower() not in OPEN_XML:
        return []
    with zipfile.ZipFile(path) as archive:
        xml = archive.read(_sheet_part(archive, sheet))
    if not FORMULA.search(xml):
        return []
    return [(column.decode(), int(row)) for column, row, body in CELL.findall(xml)
            if FORMULA.search(body) and not CACHED_VALUE.search(body)]


def _sheet_part(archive: zipfile.ZipFile, sheet: str) -> str:
    book = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    relation = next(item.get(RELATION) for item in book.iter(f"{MAIN}sheet") if item.get("name") == sheet)
    links = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    target = next(link.get("Target") for link in links.iter(f"{PACKAGE}Relationship") if link.get("Id") == relation)
    return target.lstrip("/") if target.startswith("/") else str(PurePosixPath("xl") / target)


def check_formula_values(path: Path, sheet: str) -> None:
    """Refuse formula cells saved without their value, naming the first cell and the remedy."""
    missing = formula_cells_without_values(path, sheet)
    if missing:
        column, row = missing[0]
        more = f" and {len(missing) - 1} more" if len(missing) > 1 else ""
        raise DataError(f"cell {column}{row} of sheet '{sheet}'{more} holds a formula saved without its value, "
                        "which would read as blank", file=path, row=row,
                        expected="values, not unsaved formulas: open the workbook in Excel or LibreOffice and save "
                                 "it (that stores each formula's value), or copy the sheet and paste as values")
