"""Every config file is validated on load: plausible edits that used to change a result silently (or be
ignored) are each a clear error naming the file and the key."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml

from lepstudy.core.config import load_settings
from lepstudy.core.config_schema import (
    CodebookConfig,
    ReconstructionConfig,
    SpecificationConfig,
    SyntheticConfig,
    load_config,
)
from lepstudy.core.errors import DataError, DataErrors
from lepstudy.pipeline.study import load_rubric

ROOT = Path(__file__).resolve().parent.parent
RUBRIC = yaml.safe_load((ROOT / "config" / "rubric.yaml").read_text())
STUDY = yaml.safe_load((ROOT / "config" / "study.yaml").read_text())


def _edit(spec: dict, path: str, value=None, *, rename: str | None = None, delete: bool = False) -> dict:
    """A copy of ``spec`` with the dotted key ``path`` set, renamed or deleted."""
    out = copy.deepcopy(spec)
    *parents, last = path.split(".")
    node = out
    for key in parents:
        node = node[key]
    if rename:
        node[rename] = node.pop(last)
    elif delete:
        del node[last]
    else:
        node[last] = value
    return out


# (description, edited rubric, the key the error must name)
RUBRIC_EDITS = [
    ("typo in gate 'enabled'", _edit(RUBRIC, "gate.enabled", rename="enabeld"), "gate.enabeld"),
    ("'enabled: ture'", _edit(RUBRIC, "gate.enabled", "ture"), "gate.enabled"),
    ("typo in a field name", _edit(RUBRIC, "criteria.board_seat.field", "main_board_seat_typ"),
     "criteria.board_seat"),
    ("typo in the 'field' key", _edit(RUBRIC, "criteria.subgroup.field", rename="feild"), "criteria.subgroup"),
    ("good_min_share: 60", _edit(RUBRIC, "bands.good_min_share", 60), "bands.good_min_share"),
    ("inverted bands", _edit(_edit(RUBRIC, "bands.good_min_share", 0.3), "bands.ri_min_share", 0.6), "bands"),
    ("unsorted cuts", _edit(RUBRIC, "criteria.feedback_overall.bands.cuts", [3.5, 2.5]),
     "criteria.feedback_overall.bands"),
    ("'public: flase'", _edit(RUBRIC, "criteria.esif.public", "flase"), "criteria.esif.public"),
    ("misspelt category", _edit(RUBRIC, "criteria.board_seat.points",
                                {"none": 0, "single_isue": 1, "other_vcs": 1, "cvs": 2}), "criteria.board_seat"),
    ("band points do not fit the cuts", _edit(RUBRIC, "criteria.feedback_inclusion.bands.points", [0, 2]),
     "criteria.feedback_inclusion.bands"),
    ("a word for a weight", _edit(RUBRIC, "criteria.transparency.weight", "heavy"), "criteria.transparency.weight"),
    ("gate threshold off the 1-5 scale", _edit(RUBRIC, "gate.below", 20), "gate.below"),
    ("a feedback field that is not a mean", _edit(RUBRIC, "gate.field", "overall_engagement"), "gate.field"),
]


@pytest.mark.parametrize("description, spec, key", RUBRIC_EDITS, ids=[e[0] for e in RUBRIC_EDITS])
def test_each_plausible_rubric_edit_is_a_clear_error(tmp_path, description, spec, key):
    path = tmp_path / "rubric.yaml"
    path.write_text(yaml.safe_dump(spec))
    with pytest.raises((DataError, DataErrors)) as caught:
        load_rubric(path)
    message = str(caught.value)
    assert str(path) in message, description
    assert f"key '{key}" in message, (description, message)


def test_the_shipped_rubric_loads_with_the_documented_values():
    rubric = load_rubric(ROOT / "config" / "rubric.yaml")
    assert (rubric.good_min_share, rubric.ri_min_share) == (0.6, 0.3)
    assert rubric.gate_enabled and rubric.gate_below == 2.0
    assert sum(c.max_points for c in rubric.criteria) == 10


@pytest.mark.parametrize("spec, key", [
    (_edit(STUDY, "evidence", delete=True), "evidence"),
    (_edit(STUDY, "confidentiality.min_cell_count", rename="min_cel_count"), "confidentiality.min_cel_count"),
    (_edit(STUDY, "confidentiality.min_cell_count", 0), "confidentiality.min_cell_count"),
    (_edit(STUDY, "files.rubric", delete=True), "files.rubric"),
    (_edit(STUDY, "seeds.bootstrap", "abc"), "seeds.bootstrap"),
    (_edit(STUDY, "evidence.counted_dating", ["in_windw"]), "evidence.counted_dating.0"),
], ids=["no evidence section", "misspelt min_cell_count", "suppression switched off", "no rubric file",
        "a word for a seed", "unknown dating tag"])
def test_study_settings_errors_name_the_key(tmp_path, spec, key):
    path = tmp_path / "study.yaml"
    path.write_text(yaml.safe_dump(spec))
    with pytest.raises((DataError, DataErrors), match=f"key '{key.replace('.', '[.]')}"):
        load_settings(config=path)


@pytest.mark.parametrize("name, model", [("specifications", SpecificationConfig),
                                         ("reconstruction", ReconstructionConfig),
                                         ("synthetic", SyntheticConfig), ("codebook", CodebookConfig)])
def test_every_other_config_file_validates_and_refuses_unknown_keys(tmp_path, name, model):
    shipped = yaml.safe_load((ROOT / "config" / f"{name}.yaml").read_text())
    load_config(ROOT / "config" / f"{name}.yaml", model)
    path = tmp_path / f"{name}.yaml"
    path.write_text(yaml.safe_dump({**shipped, "sampels": 1}))
    with pytest.raises(DataError, match="key 'sampels': unknown key"):
        load_config(path, model)


def test_config_hash_covers_every_config_file(settings, tmp_path):
    named = {path.resolve() for path in settings.files.values()}
    for path in (ROOT / "config").glob("*"):
        if path.name != "study.yaml":
            assert path.resolve() in named, f"{path.name} is not named in study.yaml, so not in the config hash"
