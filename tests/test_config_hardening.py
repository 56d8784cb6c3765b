"""Config that cannot mean two things (issue 25, item 4): duplicate keys, non-UTF-8 files, unknown vocabulary,
points that cannot score and outputs inside the raw data are refused when the file is read, naming the file and
the key (and the lines or byte), before any table is written."""

from __future__ import annotations

import pytest

from lepstudy.core.config import load_settings
from lepstudy.core.config_schema import RubricConfig, StudyConfig, load_config
from lepstudy.core.errors import DataError, DataErrors


def _study(settings, tmp_path, old: str, new: str):
    text = settings.config_path.read_text()
    assert old in text
    path = tmp_path / "study.yaml"
    path.write_text(text.replace(old, new).replace("config/", f"{settings.root}/config/")
                    .replace(" data/", f" {settings.root}/data/"))
    return path


def _rubric(settings, tmp_path, old: str, new: str):
    text = settings.files["rubric"].read_text()
    assert old in text
    path = tmp_path / "rubric.yaml"
    path.write_text(text.replace(old, new))
    return path


def test_a_duplicated_criterion_is_refused_with_both_lines(settings, tmp_path):
    text = settings.files["rubric"].read_text()
    path = tmp_path / "rubric.yaml"
    path.write_text(text.replace("  esif:\n", "  subgroup:\n", 1))
    with pytest.raises(DataError) as failed:
        load_config(path, RubricConfig)
    message = str(failed.value)
    first = text.splitlines().index("  subgroup:") + 1
    second = text.splitlines().index("  esif:") + 1
    assert f"key 'subgroup' is given twice in one block (lines {first} and {second})" in message
    assert str(path) in message


def test_two_confidentiality_blocks_are_refused(settings, tmp_path):
    path = _study(settings, tmp_path, "confidentiality:\n", "confidentiality:\n  min_cell_count: 10\n"
                  "confidentiality:\n")
    with pytest.raises(DataError, match=r"key 'confidentiality' is given twice"):
        load_config(path, StudyConfig)


def test_a_non_utf8_rubric_names_the_byte(settings, tmp_path):
    path = tmp_path / "rubric.yaml"
    bad = bytes([0x92])                                   # a cp1252 apostrophe
    data = settings.files["rubric"].read_bytes().replace(b"lepstudy's own rubric", b"lepstudy" + bad + b"s own rubric")
    path.write_bytes(data)
    with pytest.raises(DataError) as failed:
        load_config(path, RubricConfig)
    position = data.index(bad)
    line = data[:position].count(b"\n") + 1
    assert f"byte {position} (line {line}) is {bad!r}" in str(failed.value) and "UTF-8" in str(failed.value)


def test_an_unknown_organisation_type_is_refused_with_the_known_ones(settings, tmp_path):
    path = _study(settings, tmp_path, "single_issue_charity, social_enterprise",
                  "single_issue_charty, social_enterprise")
    with pytest.raises(DataError) as failed:
        load_config(path, StudyConfig)
    message = str(failed.value)
    assert "evidence.vcs_org_types" in message and "single_issue_charty" in message
    assert "single_issue_charity" in message and "local_infrastructure_cvs" in message


@pytest.mark.parametrize("old, new, key", [
    ("points: {none: 0, single_issue: 1, other_vcs: 1, cvs: 2}", "points: {none: -1, single_issue: 1, other_vcs: 1, "
     "cvs: 2}", "criteria.board_seat.points.none"),
    ("bands: {cuts: [2.5, 3.5], points: [0, 1, 2]}   # < 2.5", "bands: {cuts: [2.5, 3.5], points: [0, -1, 2]}   # <",
     "criteria.feedback_overall.bands.points.1"),
    ("    field: subgroup_vcs\n", "    field: subgroup_vcs\n    weight: .inf\n", "criteria.subgroup.weight"),
])
def test_points_that_cannot_score_are_refused_at_load(settings, tmp_path, old, new, key):
    path = _rubric(settings, tmp_path, old, new)
    with pytest.raises((DataError, DataErrors)) as failed:
        load_config(path, RubricConfig)
    assert f"key '{key}'" in str(failed.value) and str(path) in str(failed.value)


def test_a_rubric_whose_every_criterion_gives_zero_is_refused(settings, tmp_path):
    import yaml

    spec = yaml.safe_load(settings.files["rubric"].read_text())
    for criterion in spec["criteria"].values():
        criterion["weight"] = 0
    path = tmp_path / "rubric.yaml"
    path.write_text(yaml.safe_dump(spec))
    with pytest.raises(DataError, match=r"key 'criteria'.*every criterion gives 0 points at most"):
        load_config(path, RubricConfig)


def test_outputs_inside_the_raw_data_are_refused_before_anything_is_written(settings, tmp_path, monkeypatch):
    monkeypatch.delenv("LEPSTUDY_OUTPUT_DIR", raising=False)
    path = _study(settings, tmp_path, "processed: data/processed", "processed: data/raw/processed")
    raw = settings.root / "data" / "raw"
    before = sorted(p.name for p in raw.iterdir())
    with pytest.raises(DataError) as failed:
        load_settings(config=path)
    assert "key 'paths.processed'" in str(failed.value) and "inside the raw data folder" in str(failed.value)
    assert sorted(p.name for p in raw.iterdir()) == before
