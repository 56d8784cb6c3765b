"""The build redoes only what changed: stage records by hand, and the data and report keys on the session's build."""

import json

import pytest

from lepstudy.core.config import load_settings
from lepstudy.pipeline import buildcache
from lepstudy.pipeline.buildcache import Stage, data_is_current, report_is_current


@pytest.fixture
def outputs(tmp_path):
    (tmp_path / "figure.png").write_bytes(b"a chart")
    (tmp_path / "page.html").write_bytes(b"a page")
    return tmp_path


def test_a_stage_is_current_only_with_its_key_and_unchanged_outputs(outputs):
    record = outputs / "stage.build.json"
    stage = Stage(record, outputs, "key-1")
    assert not stage.is_current()                                   # never built
    stage.finish([outputs / "figure.png", outputs / "page.html"])
    assert stage.is_current()
    assert json.loads(record.read_text())["outputs"].keys() == {"figure.png", "page.html"}
    assert not Stage(record, outputs, "key-2").is_current()         # another key: an input, the code or config moved
    (outputs / "figure.png").write_bytes(b"an edited chart")
    assert not stage.is_current()                                   # an output changed since
    (outputs / "figure.png").write_bytes(b"a chart")
    (outputs / "page.html").unlink()
    assert not stage.is_current()                                   # an output is gone


def test_a_killed_rebuild_leaves_no_record_that_claims_completion(outputs):
    stage = Stage(outputs / "stage.build.json", outputs, "key-1")
    stage.finish([outputs / "figure.png"])
    stage.start()                       # a rebuild begins with the same key...
    (outputs / "figure.png").write_bytes(b"half a ch")               # ...and is killed halfway through writing
    assert not (outputs / "stage.build.json").exists() and not stage.is_current()


@pytest.mark.slow
def test_the_tables_are_reused_only_for_the_same_inputs_config_and_code(settings, built, tmp_path, monkeypatch):
    assert data_is_current(settings)
    rubric = tmp_path / "rubric.yaml"
    text = settings.files["rubric"].read_text(encoding="utf-8")
    rubric.write_text(text.replace("good_min_share: 0.6", "good_min_share: 0.65").replace("name: default",
                                                                                       "name: good-from-65"),
                      encoding="utf-8")
    assert rubric.read_text() != text, "the edit must change the rubric"
    assert not data_is_current(load_settings(rubric=rubric))        # one threshold edited: rebuild
    monkeypatch.setattr(buildcache, "code_hash", lambda: "other code")
    assert not data_is_current(settings)                            # the code changed: rebuild


@pytest.mark.slow
def test_the_report_is_reused_only_for_the_same_tables_and_code(settings, report, monkeypatch):
    assert report_is_current(settings)
    monkeypatch.setattr(buildcache, "code_hash", lambda: "other code")
    assert not report_is_current(settings)


def test_outputs_outside_the_stage_folder_are_recorded_by_their_full_path(outputs, tmp_path_factory):
    elsewhere = tmp_path_factory.mktemp("figures") / "chart.png"
    elsewhere.write_bytes(b"a chart kept elsewhere")
    stage = Stage(outputs / "stage.build.json", outputs, "key-1")
    stage.finish([outputs / "page.html", elsewhere])
    assert stage.is_current()
    elsewhere.write_bytes(b"changed")
    assert not stage.is_current()
