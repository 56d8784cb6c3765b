"""The malformed-input corpus (tests/data/bad/): every file gives a clean result or a clear error.

EXPECTED.csv says, for each file, which loader reads it, whether the outcome is a clean result
(a harmless, documented variant) or an error, and a part of the exact message.
"""

import csv
import shutil
from pathlib import Path

import pytest

from lepstudy import inputs
from lepstudy.config import load_settings
from lepstudy.errors import DataError, DataErrors

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
    loader = inputs.LOADERS[f"{case['loader']}.csv"]
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
            inputs.LOADERS[f"{case['loader']}.csv"](load_settings(data_dir=folder))
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
            "number 0 or more, or blank for unknown") in text


def test_clean_variants_keep_values(tmp_path):
    shutil.copyfile(BAD / "sf_likert_text.csv", tmp_path / "sector_feedback.csv")
    frame = inputs.load_sector_feedback(load_settings(data_dir=tmp_path)).frame
    first = frame.iloc[0]
    assert [first.board_rep_representative, first.other_channels, first.focus_social_inclusion,
            first.ukspf_readiness, first.overall_engagement] == [5, 4, 3, 2, 5]
    shutil.copyfile(BAD / "sf_likert_na.csv", tmp_path / "sector_feedback.csv")
    frame = inputs.load_sector_feedback(load_settings(data_dir=tmp_path)).frame
    assert frame["board_rep_representative"].isna().sum() == 1   # missing, never 0
    (tmp_path / "sector_feedback.csv").unlink()
    shutil.copyfile(BAD / "sf_title_row.xlsx", tmp_path / "sector_feedback.xlsx")
    assert len(inputs.load_sector_feedback(load_settings(data_dir=tmp_path)).frame) == 6
