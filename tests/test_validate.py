"""`lepstudy validate` as a pre-flight: one pass finds every problem in every file, with exact rows, no
tracebacks, "did you mean" for misnamed files, and a closing table of what a run would use."""

import shutil
import zipfile

import pandas as pd
import pytest
from typer.testing import CliRunner

from lepstudy.cli import app
from lepstudy.core.config import load_settings
from lepstudy.core.errors import DataError
from lepstudy.inputs.confidential import load_lep_responses, load_sector_feedback
from lepstudy.pipeline.validation import validate_folder


def _feedback_rows(synthetic_dir) -> pd.DataFrame:
    return pd.read_csv(synthetic_dir / "sector_feedback.csv", dtype=str).head(6)


@pytest.fixture()
def messy_folder(tmp_path, settings):
    """A folder with one problem of each kind in each file (and a few harmless variants)."""
    folder = tmp_path / "mine"
    folder.mkdir()
    feedback = _feedback_rows(settings.synthetic_dir)
    feedback = feedback.rename(columns={"overall_engagement": "Overall Engagement"})    # header case: harmless
    feedback.loc[0, "lep17_code"] = "Northern Powerhouse"                              # unknown name
    feedback.loc[1, "lep17_code"] = ""                                                 # blank name
    feedback.loc[2, "Overall Engagement"] = "3-4"                                      # a range
    feedback.loc[3, "focus_social_inclusion"] = "2 - Strongly agree"                   # number vs label
    feedback.loc[4, "respondent_id"] = feedback.loc[5, "respondent_id"].lower() + " "  # near-duplicate id
    feedback.loc[5, "other_channels"] = "Don’t know"                                   # curly apostrophe: harmless
    text = feedback.to_csv(index=False).split("\n")
    text.insert(3, "")                                    # a blank line: row numbers must still be the file's
    (folder / "sector_feedback.csv").write_text("\n".join(text))
    responses = pd.read_csv(settings.synthetic_dir / "lep_responses.csv", dtype=str)
    responses = responses[[c for c in responses.columns if not c.endswith("_source") and c != "board_source_urls"]]
    responses.loc[0, ["main_board_seat_type", "main_board_vcs_seats", "main_board_vcs"]] = ["none", "3", "no"]
    responses.loc[1, ["main_board_vcs_seats", "main_board_size"]] = ["9", "4"]
    responses.loc[2, ["main_board_vcs", "main_board_seat_type", "main_board_vcs_seats"]] = ["no", "cvs", "0"]
    responses.loc[3, "main_board_size"] = "17.0"                                       # whole-number float: harmless
    responses.to_csv(folder / "lep_responses.csv", index=False)
    ratings = pd.read_csv(settings.synthetic_dir / "holistic_ratings.csv", dtype=str)
    ratings["rater"] = ratings["rater"].map({"A": "JS", "B": "RW"})
    ratings.loc[1, "rater"] = "js "                                                    # near-duplicate rater
    ratings.to_csv(folder / "holistic_ratings.csv", index=False)
    shutil.copy(settings.synthetic_dir / "strategy_coding.csv", folder / "strategy_coding (1).csv")   # misnamed
    (folder / "notes.xlsx").write_bytes(b"PK\x03\x04 truncated")                       # not an input
    return folder


def test_one_pass_reports_every_problem(messy_folder):
    report = validate_folder(messy_folder)
    text = "\n".join(report.lines)
    expected = [
        "row 2, column 'lep17_code': unknown LEP name (found 'Northern Powerhouse')",
        "row 3, column 'lep17_code': missing LEP name",
        "row 5, column 'overall_engagement': a range, not one Likert answer (found '3-4')",     # after the blank line
        "row 6, column 'focus_social_inclusion': the number and the label of a Likert answer disagree",
        "column 'respondent_id': values that differ only in case, spaces or dots",
        "row 2, column 'main_board_seat_type': seat type 'none' but VCS seats given",
        "row 3, column 'main_board_vcs_seats': more VCS seats than board members",
        "row 4, column 'main_board_vcs': no VCS seat, but a VCS seat type",
        "column 'rater': values that differ only in case, spaces or dots (found 'JS; js ')",
        "did you mean strategy_coding (1).csv for the strategy_coding input? rename it strategy_coding.csv",
        "? notes.xlsx: not a lepstudy input",
    ]
    for part in expected:
        assert part in text, part
    assert "Don’t know" not in text and "17.0" not in text and "Overall Engagement" not in text
    assert "Traceback" not in text
    assert "strategy_coding    not usable until the problem above is fixed" in text
    assert report.problems >= 10


def test_the_command_prints_the_closing_table_and_fails(messy_folder, tmp_path):
    result = CliRunner().invoke(app, ["validate", str(messy_folder)], env={"LEPSTUDY_OUTPUT_DIR": str(tmp_path)})
    assert result.exit_code == 1
    assert "What a run would use:" in result.output and "problem(s) found" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_a_clean_folder_names_real_and_synthetic_inputs(tmp_path, settings):
    shutil.copy(settings.synthetic_dir / "holistic_ratings.csv", tmp_path / "holistic_ratings.csv")
    report = validate_folder(tmp_path)
    text = "\n".join(report.lines)
    assert report.problems == 0
    assert f"holistic_ratings   your file, from {tmp_path / 'holistic_ratings.csv'}" in text
    assert "sector_feedback    synthetic stand-in (no file of yours)" in text


def test_two_files_for_one_input_are_refused(tmp_path, settings):
    shutil.copy(settings.synthetic_dir / "sector_feedback.csv", tmp_path / "sector_feedback.csv")
    (tmp_path / "sector_feedback.xlsx").write_bytes(b"PK\x03\x04")
    with pytest.raises(DataError, match="two files for the sector_feedback input"):
        load_settings(data_dir=tmp_path).input_path("sector_feedback.csv")


def test_an_upper_case_extension_is_read(tmp_path, settings):
    feedback = _feedback_rows(settings.synthetic_dir)
    feedback.to_excel(tmp_path / "sector_feedback.XLSX", index=False)
    loaded = load_sector_feedback(load_settings(data_dir=tmp_path))
    assert not loaded.synthetic and len(loaded.frame) == 6


def test_utf16_unicode_text_export_is_read(tmp_path, settings):
    """Excel's "Unicode text" export: UTF-16 with a byte-order mark, tab-separated."""
    feedback = _feedback_rows(settings.synthetic_dir)
    (tmp_path / "sector_feedback.csv").write_bytes(feedback.to_csv(index=False, sep="\t").encode("utf-16"))
    loaded = load_sector_feedback(load_settings(data_dir=tmp_path))
    assert len(loaded.frame) == 6 and loaded.frame["respondent_id"].tolist() == feedback["respondent_id"].tolist()


@pytest.mark.parametrize("content, message", [
    (b"PK\x03\x04" + b"\x00" * 40, "an Excel workbook with another extension"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 40, "password-protected workbook or an old .xls"),
])
def test_workbooks_in_disguise_get_a_message(tmp_path, content, message):
    (tmp_path / "sector_feedback.csv").write_bytes(content)
    with pytest.raises(DataError, match=message):
        load_sector_feedback(load_settings(data_dir=tmp_path))


def test_a_truncated_workbook_gets_a_message_not_a_traceback(tmp_path, settings):
    feedback = _feedback_rows(settings.synthetic_dir)
    feedback.to_excel(tmp_path / "whole.xlsx", index=False)
    data = (tmp_path / "whole.xlsx").read_bytes()
    (tmp_path / "sector_feedback.xlsx").write_bytes(data[: len(data) // 2])
    (tmp_path / "whole.xlsx").unlink()
    with pytest.raises(DataError, match="cannot read the workbook"):
        load_sector_feedback(load_settings(data_dir=tmp_path))
    assert zipfile.is_zipfile(tmp_path / "sector_feedback.xlsx") is False


def test_contradictions_and_counts_in_lep_responses(tmp_path, settings):
    responses = pd.read_csv(settings.synthetic_dir / "lep_responses.csv", dtype=str)
    responses = responses[[c for c in responses.columns if not c.endswith("_source") and c != "board_source_urls"]]
    responses.loc[0, "main_board_size"] = "17.0"
    responses.loc[1, "main_board_size"] = "17.5"
    responses.to_csv(tmp_path / "lep_responses.csv", index=False)
    with pytest.raises(DataError, match=r"row 3, column 'main_board_size': not a whole number \(found '17.5'\)"):
        load_lep_responses(load_settings(data_dir=tmp_path))
    responses.loc[1, "main_board_size"] = "12"
    responses.to_csv(tmp_path / "lep_responses.csv", index=False)
    loaded = load_lep_responses(load_settings(data_dir=tmp_path)).frame.set_index("lep17_code")
    assert loaded.at[responses.loc[0, "lep17_code"], "main_board_size"] == 17


def test_the_visible_sheet_with_the_columns_is_read_after_a_cover_note(tmp_path, settings):
    feedback = _feedback_rows(settings.synthetic_dir)
    with pd.ExcelWriter(tmp_path / "sector_feedback.xlsx") as writer:
        pd.DataFrame({"About this file": ["Survey export, March 2020"]}).to_excel(writer, sheet_name="Notes",
                                                                                  index=False)
        feedback.to_excel(writer, sheet_name="Responses", index=False)
    loaded = load_sector_feedback(load_settings(data_dir=tmp_path)).frame
    assert len(loaded) == len(feedback) and list(loaded["respondent_id"]) == list(feedback["respondent_id"])


def test_a_misspelt_header_below_a_title_row_names_that_column(tmp_path, settings):
    """A workbook with a title row and one misspelt header: the real header row is found, and only the misspelt
    column is reported missing (not every column, 'found <the title>')."""
    feedback = _feedback_rows(settings.synthetic_dir).rename(columns={"overall_engagement": "overal engagement"})
    with pd.ExcelWriter(tmp_path / "sector_feedback.xlsx") as writer:
        pd.DataFrame([["NCVO sector survey 2020"]]).to_excel(writer, index=False, header=False, startrow=0)
        feedback.to_excel(writer, index=False, startrow=2)
    with pytest.raises(DataError) as info:
        load_sector_feedback(load_settings(data_dir=tmp_path))
    message = str(info.value)
    assert "missing column(s) 'overall_engagement'" in message and "'respondent_id'" not in message.split(";")[0]
    assert "overal_engagement" in message          # the header it found instead


def test_a_folder_or_an_ods_file_where_an_input_is_expected_is_never_the_stand_in(tmp_path):
    """A folder named like an input, or an OpenDocument sheet, is refused naming it; validate never falls back to
    the synthetic stand-in for them (issue 25, item 2)."""
    from typer.testing import CliRunner

    from lepstudy.cli import app

    (tmp_path / "sector_feedback.csv").mkdir()
    result = CliRunner().invoke(app, ["validate", str(tmp_path)])
    text = " ".join(result.output.split())
    assert result.exit_code == 1 and "sector_feedback.csv is a folder or other non-file" in text
    assert "sector_feedback synthetic stand-in" not in text
    other = tmp_path / "ods"
    other.mkdir()
    (other / "holistic_ratings.ods").write_bytes(b"PK\x03\x04 not really a sheet")
    result = CliRunner().invoke(app, ["validate", str(other)])
    text = " ".join(result.output.split())
    assert result.exit_code == 1 and "did you mean holistic_ratings.ods" in text and "save it as .xlsx or .csv" in text
