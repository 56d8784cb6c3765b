"""Ready-to-fill workbooks for the confidential inputs (``lepstudy template DIR``).

A researcher rerunning NCVO's information request, survey, ratings or strategy coding gets one ``.xlsx`` per
input: the data sheet first (the sheet a run reads), with the columns the loaders expect, drop-down lists for
the body names, Likert answers, yes/no and every coded value, and the bodies pre-filled where the input has one
row per body; an "instructions" sheet from the data dictionary; and a hidden "lists" sheet behind the drop-downs.
A filled template passes ``lepstudy validate`` and plugs into a run unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.datavalidation import DataValidation

from lepstudy.core.errors import DataError
from lepstudy.core.vocabulary import LIKERT_ITEMS, RATINGS, RESPONDENT_ORG_TYPES, SEAT_TYPES

YES_NO = ["yes", "no"]
ESIF = ["current", "expired", "none"]
LIKERT = ["1", "2", "3", "4", "5"]
ROWS = 1000          # rows a drop-down covers below the header


@dataclass(frozen=True)
class Column:
    """One column of a template: its header, what it holds, and the list its cells are chosen from (if any)."""

    name: str
    meaning: str
    choices: str | None = None          # the name of a list on the "lists" sheet


def _columns(criteria: list[str]) -> dict[str, list[Column]]:
    likert = [Column(item, f"answer to NCVO's prompt '{item.replace('_', ' ')}', 1 (worst) to 5 (best); blank = no "
                           "answer", "likert") for item in LIKERT_ITEMS]
    return {
        "lep_responses": [
            Column("lep", "the LEP (pre-filled, one row each)", "leps"),
            Column("responded", "answered the information request", "yes_no"),
            Column("main_board_size", "members of the main board (a whole number)"),
            Column("main_board_vcs_seats", "voluntary sector members of the main board (a whole number)"),
            Column("main_board_seat_type", "type of the voluntary sector seat", "seat_types"),
            Column("subgroup_vcs", "a voluntary sector member on at least one sub-group (ESIF excluded)", "yes_no"),
            Column("esif_vcs_member", "voluntary sector member of the ESIF sub-committee", "esif"),
            Column("code_of_practice", "a published code of practice for community engagement", "yes_no"),
        ],
        "sector_feedback": [
            Column("respondent_id", "a unique id per respondent (never an e-mail or a name)"),
            Column("lep", "the LEP area the respondent answers about", "leps"),
            Column("org_type", "the respondent's organisation type", "org_types"),
            *likert,
        ],
        "holistic_ratings": [
            Column("lep", "the LEP rated", "leps"),
            Column("rater", "the rater's initials or code"),
            Column("rating", "the rater's overall judgement", "ratings"),
        ],
        "strategy_coding": [
            Column("lep", "the LEP whose strategy is coded", "leps"),
            Column("coder", "the coder's initials or code"),
            Column("criterion", f"the codebook criterion ({', '.join(criteria)})", "criteria"),
            Column("score", "0 absent, 1 partial, 2 clear", "scores"),
        ],
    }


def write_templates(folder: Path, body_names: list[str], criteria: list[str]) -> list[Path]:
    """One workbook per confidential input in ``folder`` (created if needed); an existing file is never
    overwritten (an error names it)."""
    lists = {"leps": body_names, "yes_no": YES_NO, "seat_types": SEAT_TYPES, "esif": ESIF, "likert": LIKERT,
             "org_types": RESPONDENT_ORG_TYPES, "ratings": RATINGS, "criteria": criteria,
             "scores": ["0", "1", "2"]}
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, columns in _columns(criteria).items():
        target = folder / f"{name}.xlsx"
        if target.exists():
            raise DataError("a file of this name is already there; templates never overwrite", file=target,
                            expected="an empty folder, or move the file first")
        workbook = _workbook(columns, lists, prefill=body_names if name == "lep_responses" else None)
        workbook.save(target)
        written.append(target)
    return written


def _workbook(columns: list[Column], lists: dict[str, list[str]], prefill: list[str] | None) -> Workbook:
    workbook = Workbook()
    data = workbook.active
    data.title = "data"
    data.append([column.name for column in columns])
    for cell in data[1]:
        cell.font = Font(bold=True)
    data.freeze_panes = "A2"
    for name in prefill or []:
        data.append([name])
    values = workbook.create_sheet("lists")
    for k, (list_name, items) in enumerate(lists.items(), start=1):
        values.cell(row=1, column=k, value=list_name)
        for row, item in enumerate(items, start=2):
            values.cell(row=row, column=k, value=item)
    values.sheet_state = "hidden"
    for k, column in enumerate(columns, start=1):
        data.column_dimensions[data.cell(row=1, column=k).column_letter].width = max(14, len(column.name) + 2)
        if column.choices is None:
            continue
        position = list(lists).index(column.choices) + 1
        letter = values.cell(row=1, column=position).column_letter
        count = len(lists[column.choices])
        rule = DataValidation(type="list", formula1=f"=lists!${letter}$2:${letter}${count + 1}", allow_blank=True,
                              showErrorMessage=True, errorTitle=column.name,
                              error=f"Choose one of the listed values for {column.name} (or leave it blank).")
        target = data.cell(row=2, column=k).column_letter
        rule.add(f"{target}2:{target}{ROWS + 1}")
        data.add_data_validation(rule)
    guide = workbook.create_sheet("instructions")
    guide.append(["column", "what it holds", "allowed values"])
    for cell in guide[1]:
        cell.font = Font(bold=True)
    for column in columns:
        allowed = ", ".join(lists[column.choices][:12]) + (" …" if column.choices and len(lists[column.choices]) > 12
                                                          else "") if column.choices else "free"
        guide.append([column.name, column.meaning, allowed])
    guide.append([])
    guide.append(["Fill the first sheet only; a blank cell means unknown (never zero). Check the folder with "
                  "`lepstudy validate <folder>` before a run."])
    guide.column_dimensions["B"].width = 70
    guide.column_dimensions["C"].width = 50
    workbook.active = 0
    return workbook
