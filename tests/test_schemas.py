"""Schemas reject bad files with messages that name file, row and column."""

import pandas as pd
import pytest

from lepstudy.core.config import load_settings
from lepstudy.core.errors import DataError, DataErrors
from lepstudy.core.io import read_validated
from lepstudy.core.raw_schemas import BOARD_SUMMARY
from lepstudy.core.table_schemas import LEP_CONTEXT
from lepstudy.inputs import confidential


def _private(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return load_settings(data_dir=tmp_path), path


def _responses(settings, **changes):
    frame = pd.read_csv(settings.synthetic_dir / "lep_responses.csv", dtype=str)
    for key, value in changes.items():
        frame[key] = value
    return frame


def test_missing_column(settings, tmp_path):
    frame = _responses(settings).drop(columns="esif_vcs_member")
    s, path = _private(tmp_path, "lep_responses.csv", frame.to_csv(index=False))
    with pytest.raises(DataError) as info:
        confidential.load_lep_responses(s)
    assert f"file {path}" in str(info.value) and "column 'esif_vcs_member'" in str(info.value)
    assert "missing column" in str(info.value)


def test_wrong_type_names_row_and_column(settings, tmp_path):
    frame = _responses(settings)
    frame.loc[3, "main_board_size"] = "three"
    s, path = _private(tmp_path, "lep_responses.csv", frame.to_csv(index=False))
    with pytest.raises((DataError, DataErrors)) as info:
        confidential.load_lep_responses(s)
    message = str(info.value)
    assert f"file {path}, row 5, column 'main_board_size': not a whole number (found 'three')" in message


def test_duplicate_lep(settings, tmp_path):
    frame = _responses(settings)
    frame.loc[5, "lep17_code"] = frame.loc[4, "lep17_code"]
    s, path = _private(tmp_path, "lep_responses.csv", frame.to_csv(index=False))
    with pytest.raises(DataError, match=r"row 7, column 'lep17_code': duplicate row"):
        confidential.load_lep_responses(s)


def test_unknown_lep(settings, tmp_path):
    frame = _responses(settings).rename(columns={"lep17_code": "lep"})
    frame.loc[0, "lep"] = "Black Countree"
    s, path = _private(tmp_path, "lep_responses.csv", frame.to_csv(index=False))
    with pytest.raises(DataError, match=r"row 2, column 'lep': unknown LEP name .*closest: Black Country"):
        confidential.load_lep_responses(s)


def test_empty_file(tmp_path):
    s, path = _private(tmp_path, "lep_responses.csv", "")
    with pytest.raises(DataError, match=r"the file is empty"):
        confidential.load_lep_responses(s)


def test_raw_schema_rejects_bad_coverage_value(settings, tmp_path):
    frame = pd.read_csv(settings.raw_dir / "lep-board-vcs-evidence/lep_board_summary.csv", dtype=str)
    frame.loc[2, "coverage"] = "seen"
    path = tmp_path / "summary.csv"
    frame.to_csv(path, index=False)
    with pytest.raises(DataErrors, match=r"row 4, column 'coverage'.*one of: full_list_seen"):
        read_validated(path, BOARD_SUMMARY)


def test_processed_schema_is_strict():
    frame = pd.DataFrame({"lep17_code": ["E37000001"], "canonical_name": ["Black Country"]})
    with pytest.raises(DataErrors, match="missing column"):
        from lepstudy.core.io import validate

        validate(frame, LEP_CONTEXT, "lep_context.csv")
