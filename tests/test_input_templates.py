"""`lepstudy template`: empty workbooks a researcher fills, which validate and plug into a run unchanged."""

from __future__ import annotations

import itertools

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from lepstudy.cli import app
from lepstudy.pipeline.study import load_codebook

runner = CliRunner()


def _fill(path, rows):
    workbook = load_workbook(path)
    sheet = workbook["data"]
    for row in rows:
        sheet.append(row)
    workbook.save(path)


def test_templates_have_the_loaders_columns_lists_and_instructions(tmp_path, reference):
    result = runner.invoke(app, ["template", str(tmp_path)])
    assert result.exit_code == 0, result.output
    responses = load_workbook(tmp_path / "lep_responses.xlsx")
    assert responses.sheetnames == ["data", "lists", "instructions"] and responses.active.title == "data"
    assert responses["lists"].sheet_state == "hidden"
    data = responses["data"]
    assert [c.value for c in data[1]] == ["lep", "responded", "main_board_size", "main_board_vcs_seats",
                                         "main_board_seat_type", "subgroup_vcs", "esif_vcs_member", "code_of_practice"]
    assert [data.cell(row=r, column=1).value for r in range(2, data.max_row + 1)] == list(reference["canonical_name"])
    lists = {str(rule.sqref)[0]: rule.formula1 for rule in data.data_validations.dataValidation}
    assert set(lists) == {"A", "B", "E", "F", "G", "H"}                    # every coded column has a drop-down
    feedback = load_workbook(tmp_path / "sector_feedback.xlsx")
    assert "free_text" not in [c.value for c in feedback["data"][1]]      # free text is not asked for
    again = runner.invoke(app, ["template", str(tmp_path)])
    assert again.exit_code == 1 and "never overwrite" in again.output


@pytest.mark.slow
def test_a_filled_template_validates_and_runs(tmp_path, settings, reference):
    from lepstudy.core.config import load_settings
    from lepstudy.core.store import read_processed
    from lepstudy.pipeline.steps import build_all

    folder = tmp_path / "ncvo"
    assert runner.invoke(app, ["template", str(folder)]).exit_code == 0
    names = list(reference["canonical_name"])
    responses = load_workbook(folder / "lep_responses.xlsx")
    sheet = responses["data"]
    seat = itertools.cycle(["none", "single_issue", "cvs", "other_vcs"])
    for row, _ in enumerate(names, start=2):
        kind = next(seat)
        values = ["yes" if row % 3 else "no", 12, 0 if kind == "none" else 1, kind, "yes" if row % 2 else "no",
                  ["current", "expired", "none"][row % 3], "no"]
        for column, value in enumerate(values, start=2):
            sheet.cell(row=row, column=column, value=value)
    responses.save(folder / "lep_responses.xlsx")
    _fill(folder / "sector_feedback.xlsx",
          [[f"R{k:04d}-{j}", name, "cvs" if j else "single_issue", *[str(1 + (k + j + m) % 5) for m in range(5)]]
           for k, name in enumerate(names) for j in range(3)])
    _fill(folder / "holistic_ratings.xlsx", [[name, rater, ["Good", "Requires improvement", "Inadequate"][k % 3]]
                                             for k, name in enumerate(names) for rater in ("A", "B")])
    criteria = load_codebook(settings.files["codebook"]).criteria
    _fill(folder / "strategy_coding.xlsx", [[name, coder, criterion, str((k + len(coder) + m) % 3)]
                                            for k, name in enumerate(names) for coder in ("A", "BB")
                                            for m, criterion in enumerate(criteria)])
    checked = runner.invoke(app, ["validate", str(folder)])
    assert checked.exit_code == 0, checked.output
    assert checked.output.count("your file, from") == 4
    private = load_settings(folder, output_dir=tmp_path / "out")
    build_all(private)
    manifest_inputs = read_processed(private, "rating_counts")
    assert not manifest_inputs["synthetic_inputs"].any()
