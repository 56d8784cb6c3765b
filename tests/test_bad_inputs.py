"""The malformed-input corpus (tests/data/bad/): every file gives a clean result or a clear error.

EXPECTED.csv says, for each file, which loader reads it, whether the outcome is a clean result
(a harmless, documented variant) or an error, and a part of the exact message.
"""

import csv
import shutil
from pathlib import Path

import pytest

from lepstudy.core.config import load_settings
from lepstudy.core.errors import DataError, DataErrors
from lepstudy.inputs import confidential

BAD = Path(__file__).resolve().parent / "data" / "bad"
with open(BAD / "EXPECTED.csv", newline="") as handle:
    CASES = list(csv.DictReader(handle))


def test_corpus_is_large_enough_and_complete():
    assert len(CASES) >= 30
    listed = {c["file"] for c in CASES}
    present = {p.name for p in BAD.iterdir() if p.name != "EXPECTED.csv"}
    assert listed == present
    assert {c["outcome"] for c in CASES} == {"error", "clean"}


@pytest.mark.parametrize("case", CASES, ids=[c["file"] for c in CASES])
def test_bad_input(tmp_path, case):
    suffix = Path(case["file"]).suffix
    target = tmp_path / f"{case['loader']}{suffix}"
    shutil.copyfile(BAD / case["file"], target)
    settings = load_settings(data_dir=tmp_path)
    loader = confidential.LOADERS[f"{case['loader']}.csv"]
    if case["outcome"] == "clean":
        loaded = loader(settings)
        assert not loaded.synthetic and loaded.path == target
        assert len(loaded.frame) > 0
        assert loaded.frame["lep17_code"].str.match(r"^E37\d{6}$").all()
        return
    with pytest.raises((DataError, DataErrors)) as info:
        loader(settings)
    message = str(info.value)
    assert case["message_contains"] in message
    assert f"file {target}" in message, "the error must name the file"


def test_exact_messages_for_a_sample(tmp_path):
    """A few messages in full, so their wording is a tested interface."""
    def message(name):
        folder = tmp_path / name
        folder.mkdir()
        case = next(c for c in CASES if c["file"] == name)
        target = folder / f"{case['loader']}{Path(name).suffix}"
        shutil.copyfile(BAD / name, target)
        with pytest.raises((DataError, DataErrors)) as info:
            confidential.LOADERS[f"{case['loader']}.csv"](load_settings(data_dir=folder))
        return str(info.value), target

    text, path = message("sf_misspelt_lep.csv")
    assert text == (f"file {path}, row 2, column 'lep': unknown LEP name (found 'Cumbira'); "
                    "expected a known LEP name or code; closest: Cumbria; Humber")
    text, path = message("sf_likert_six.csv")
    assert text == (f"file {path}, row 2, column 'board_rep_representative': unrecognised Likert answer "
                    "(found '6'); expected a whole number 1-5, a phrase such as 'agree' or 'very poor', or blank/N/A")
    text, path = message("sf_empty.csv")
    assert text == f"file {path}: the file is empty; expected a header row and at least one data row"
    text, path = message("lr_wrong_type.csv")
    assert (f"file {path}, row 5, column 'main_board_size': not a whole number (found 'three'); expected a whole "
            "number 0 or more (at most 9 digits), or blank for unknown") in text
    text, path = message("sf_mixed_encoding.csv")
    assert text == (f"file {path}, row 5: byte 0x92 is not UTF-8, though the rest of the file is; expected one "
                    "encoding for the whole file: retype the character on that row, or save the file again as CSV "
                    "UTF-8")
    text, path = message("sf_hidden_only.xlsx")
    assert text == (f"file {path}: the columns are only on hidden sheet 'Responses'; expected the data on a visible "
                    "sheet (in Excel: right-click a sheet tab, Unhide), so that what is read is what you see")
    text, path = message("sf_formula_no_value.xlsx")
    assert text == (f"file {path}, row 3: cell H3 of sheet 'Responses' holds a formula saved without its value, "
                    "which would read as blank; expected values, not unsaved formulas: open the workbook in Excel or "
                    "LibreOffice and save it (that stores each formula's value), or copy the sheet and paste as "
                    "values")


def test_the_hidden_sheet_is_never_read_and_odd_text_files_keep_their_values(tmp_path):
    """The visible sheet's answers, not the hidden stale sheet's; semicolons, CR-only endings, NUL padding and a
    1 MB cell read to the same answers as the plain comma-separated file."""
    def answers(name):
        folder = tmp_path / name
        folder.mkdir(exist_ok=True)
        shutil.copyfile(BAD / name, folder / f"sector_feedback{Path(name).suffix}")
        frame = confidential.load_sector_feedback(load_settings(data_dir=folder)).frame
        return frame.drop(columns=["free_text"], errors="ignore").reset_index(drop=True)

    plain = answers("sf_crlf.csv")
    assert set(plain["lep17_code"]) == set(answers("sf_hidden_stale_sheet.xlsx")["lep17_code"])
    for name in ("sf_semicolons.csv", "sf_semicolons_comma_in_text.csv", "sf_cr_only.csv", "sf_nul_padding.csv",
                 "sf_long_cell.csv", "sf_hidden_stale_sheet.xlsx"):
        assert answers(name).astype(str).equals(plain.astype(str)), name


@pytest.mark.parametrize("case", CASES, ids=[c["file"] for c in CASES])
def test_validate_agrees_with_the_run(tmp_path, case):
    """What `lepstudy validate` accepts, a run reads; what a run refuses, validate refuses with the same message."""
    from lepstudy.pipeline.validation import validate_folder

    target = tmp_path / f"{case['loader']}{Path(case['file']).suffix}"
    shutil.copyfile(BAD / case["file"], target)
    try:
        confidential.LOADERS[f"{case['loader']}.csv"](load_settings(data_dir=tmp_path))
        run_messages = []
    except DataErrors as refused:
        run_messages = [str(error) for error in refused.errors]
    except DataError as refused:
        run_messages = [str(refused)]
    report = validate_folder(tmp_path)
    assert (report.problems == 0) == (not run_messages) == (case["outcome"] == "clean")
    shown = [line.strip() for line in report.lines]
    assert all(message in shown for message in run_messages)


def test_a_data_folder_that_is_a_file_is_called_a_file(tmp_path):
    (tmp_path / "mine").write_text("not a folder")
    with pytest.raises(DataError, match="the private data directory is a file, not a folder"):
        load_settings(data_dir=tmp_path / "mine")


def test_clean_variants_keep_values(tmp_path):
    shutil.copyfile(BAD / "sf_likert_text.csv", tmp_path / "sector_feedback.csv")
    frame = confidential.load_sector_feedback(load_settings(data_dir=tmp_path)).frame
    first = frame.iloc[0]
    assert [first.board_rep_representative, first.other_channels, first.focus_social_inclusion,
            first.ukspf_readiness, first.overall_engagement] == [5, 4, 3, 2, 5]
    shutil.copyfile(BAD / "sf_likert_na.csv", tmp_path / "sector_feedback.csv")
    frame = confidential.load_sector_feedback(load_settings(data_dir=tmp_path)).frame
    assert frame["board_rep_representative"].isna().sum() == 1   # missing, never 0
    (tmp_path / "sector_feedback.csv").unlink()
    shutil.copyfile(BAD / "sf_title_row.xlsx", tmp_path / "sector_feedback.xlsx")
    assert len(confidential.load_sector_feedback(load_settings(data_dir=tmp_path)).frame) == 6
