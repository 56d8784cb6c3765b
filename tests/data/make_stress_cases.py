"""Add the stress cases of a researcher's own files (separators, encodings, NULs, line endings, long cells,
repeated headers, huge numbers, hidden sheets, unsaved formulas) to tests/data/bad/ and EXPECTED.csv.

Run from the repository root; rerunning replaces these cases (their files and rows), never duplicates them.
"""

import csv
from pathlib import Path

import pandas as pd
from feedback_rows import GOOD, HEADER
from openpyxl import Workbook

OUT = Path("tests/data/bad")
cases: list[tuple[str, str, str, str, str]] = []


def case(name: str, loader: str, outcome: str, expect: str, note: str, data: bytes | None = None) -> None:
    if data is not None:
        (OUT / name).write_bytes(data)
    cases.append((name, loader, outcome, expect, note))


def feedback_text(lines: list[str], header: str = HEADER, newline: str = "\n") -> str:
    return newline.join([header, *lines]) + newline


def feedback_frame() -> pd.DataFrame:
    return pd.DataFrame([line.split(",") for line in GOOD], columns=HEADER.split(","))


def workbook(name: str, sheets: list[tuple[str, pd.DataFrame, str]], active: int) -> None:
    """An .xlsx of (title, frame, state) sheets, opening on sheet ``active``."""
    book = Workbook()
    book.remove(book.active)
    for title, frame, state in sheets:
        sheet = book.create_sheet(title)
        sheet.append(list(frame.columns))
        for row in frame.itertuples(index=False):
            sheet.append(list(row))
        sheet.sheet_state = state
    book.active = active
    book.save(OUT / name)


# separators, encodings, line endings, NULs and long cells
case("sf_semicolons.csv", "sector_feedback", "clean", "", "European CSV with semicolons, read as such")
semicolons = feedback_text([line.replace(",", ";") for line in GOOD], HEADER.replace(",", ";"))
case("sf_semicolons_comma_in_text.csv", "sector_feedback", "clean", "", "semicolon-separated, a comma inside free text",
     semicolons.replace("Helpful officers", "Helpful, prompt").encode())
mixed = feedback_text([GOOD[0].replace("Helpful officers", "Très utile"), *GOOD[1:]]).encode("utf-8").replace(
    b"R4,Tees Valley,other,1,2,2,1,1,", b"R4,Tees Valley,other,1,2,2,1,1,Don\x92t know")
case("sf_mixed_encoding.csv", "sector_feedback", "error",
     "row 5: byte 0x92 is not UTF-8, though the rest of the file is", "UTF-8 but for one Windows-1252 byte", mixed)
case("sf_nul_padding.csv", "sector_feedback", "clean", "", "NUL padding after the data (a damaged copy)",
     feedback_text(GOOD).encode() + b"\x00" * 512)
case("sf_nul_inside.csv", "sector_feedback", "error", "row 4: the file holds a NUL byte", "a NUL byte inside a row",
     feedback_text(GOOD).encode().replace(b"R3,", b"R3\x00,"))
case("sf_cr_only.csv", "sector_feedback", "clean", "", "old Mac line endings (CR only)",
     feedback_text(GOOD, newline="\r").encode())
case("sf_long_cell.csv", "sector_feedback", "clean", "", "a 1 MB free-text cell",
     feedback_text([GOOD[0].replace("Helpful officers", '"' + "word, " * 174_763 + '"'), *GOOD[1:]]).encode())
repeated = HEADER + ",overall_engagement"
case("sf_duplicate_header.csv", "sector_feedback", "error",
     "row 1, column 'overall_engagement': the header names column 'overall_engagement' twice (columns H and J)",
     "a column named twice", feedback_text([line + ",3" for line in GOOD], repeated).encode())

# workbooks: the sheet Excel shows, never a hidden one; unsaved formulas
frame = feedback_frame()
twice = frame.copy()
twice.insert(len(twice.columns), "overall_engagement ", twice["overall_engagement"])
workbook("sf_duplicate_header.xlsx", [("Responses", twice, "visible")], 0)
case("sf_duplicate_header.xlsx", "sector_feedback", "error",
     "column 'overall_engagement': the header names column 'overall_engagement' twice (columns H and J)",
     "a column named twice in a workbook")
stale = frame.assign(lep="Northern Powerhouse")
workbook("sf_hidden_stale_sheet.xlsx", [("old", stale, "hidden"), ("Responses", frame, "visible")], 1)
case("sf_hidden_stale_sheet.xlsx", "sector_feedback", "clean", "",
     "a hidden first sheet of stale data: the visible sheet is read")
workbook("sf_two_visible_sheets.xlsx", [("March", frame, "visible"), ("April", frame, "visible")], 1)
case("sf_two_visible_sheets.xlsx", "sector_feedback", "error",
     "several visible sheets hold the columns: 'March', 'April'", "two visible sheets that could hold the data")
notes = pd.DataFrame({"About this file": ["Survey export, March 2020"]})
workbook("sf_hidden_only.xlsx", [("Notes", notes, "visible"), ("Responses", frame, "hidden")], 0)
case("sf_hidden_only.xlsx", "sector_feedback", "error", "the columns are only on hidden sheet 'Responses'",
     "the data only on a hidden sheet")
formulas = frame.copy().astype(object)
formulas.loc[1, "overall_engagement"] = "=1+1"
workbook("sf_formula_no_value.xlsx", [("Responses", formulas, "visible")], 0)
case("sf_formula_no_value.xlsx", "sector_feedback", "error",
     "row 3: cell H3 of sheet 'Responses' holds a formula saved without its value",
     "a formula saved without its value (as scripts write workbooks)")
case("sf_other_sheet.xlsx", "sector_feedback", "clean", "",
     "a cover sheet before the data: the one visible sheet with the columns is read")

# numbers too large for a count
responses = pd.read_csv(OUT / "lr_count_float.csv", dtype=str, keep_default_na=False)
responses.loc[2, "main_board_size"] = "123456789012345678901234"
responses.to_csv(OUT / "lr_huge_number.csv", index=False, lineterminator="\n")
case("lr_huge_number.csv", "lep_responses", "error",
     "row 4, column 'main_board_size': too large for a count (found '123456789012345678901234')",
     "a 24-digit number where a count belongs")
case("sc_huge_score.csv", "strategy_coding", "error", "row 2, column 'score': too large for a count",
     "a 24-digit score", b"lep,coder,criterion,score\nCumbria,A,ig_objective,123456789012345678901234\n")
case("sc_score_word.csv", "strategy_coding", "error", "row 2, column 'score': not a whole number (found 'two')",
     "score typed as a word")

with open(OUT / "EXPECTED.csv", newline="") as handle:
    rows = list(csv.reader(handle))
mine = {name for name, *_ in cases}
rows = [row for row in rows if row[0] not in mine] + [list(row) for row in cases]
with open(OUT / "EXPECTED.csv", "w", newline="") as handle:
    csv.writer(handle, lineterminator="\n").writerows(rows)
print(f"{len(cases)} stress cases written")
