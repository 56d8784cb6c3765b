"""The run manifest is written with the data, says which tables rest on synthetic inputs, and the report
refuses tables that no longer match the current inputs or config."""

from __future__ import annotations

import json
import shutil

import pytest
from typer.testing import CliRunner

from lepstudy.cli import app
from lepstudy.core.config import load_settings
from lepstudy.core.errors import DataError
from lepstudy.core.records import MANIFEST_NAME
from lepstudy.pipeline.fingerprint import check_manifest, stale_reasons
from lepstudy.pipeline.manifest import build_manifest

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def manifest(settings, built):
    return json.loads((settings.processed_dir / MANIFEST_NAME).read_text())


def test_manifest_is_written_with_the_tables(manifest, built):
    tables = {name for name in built if not name.startswith("_")}
    assert set(manifest["tables"]) == tables
    assert len(manifest["run_id"]) == 16 and len(manifest["config_hash"]) == 64
    # every config file is hashed, including the two that used to be read from fixed paths
    assert {key.split(":")[0] for key in manifest["config_files"]} >= {"study", "rubric", "specifications", "synthetic",
                                                                         "reconstruction", "codebook"}
    assert manifest["input_origin"]["synthetic/sector_feedback.csv"] == "synthetic"
    assert all(origin == "public" for name, origin in manifest["input_origin"].items() if name.startswith("raw/"))


def test_per_table_synthetic_dependence(manifest):
    tables = manifest["tables"]
    assert tables["engagement_scores"]["synthetic_inputs"] == ["lep_responses.csv", "sector_feedback.csv"]
    assert tables["strategy_agreement"]["synthetic_inputs"] == ["strategy_coding.csv"]
    # the rubric is compared with the holistic raters, so their agreement rests on the rubric's inputs too
    assert tables["rater_agreement"]["synthetic_inputs"] == ["holistic_ratings.csv", "lep_responses.csv",
                                                             "sector_feedback.csv"]
    for public in ("engagement_scores_public", "reconstruction_bounds", "tipping_point", "lep_context"):
        assert tables[public]["synthetic_inputs"] == [], public


def test_the_default_rubric_is_marked_preregistered(manifest):
    assert manifest["rubric"]["preregistered"] is True


def test_another_rubric_is_flagged_but_comments_are_not(settings, tmp_path):
    from lepstudy.outputs.summary import rubric_notice
    from lepstudy.pipeline.manifest import rubric_status

    commented = tmp_path / "commented.yaml"
    commented.write_text("# a note\n" + settings.files["rubric"].read_text())
    assert rubric_status(load_settings(rubric=commented))["preregistered"] is True
    edited = tmp_path / "edited.yaml"
    edited.write_text(settings.files["rubric"].read_text().replace("good_min_share: 0.6", "good_min_share: 0.5")
                      .replace("name: default", "name: edited"))
    status = rubric_status(load_settings(rubric=edited))
    assert status["preregistered"] is False
    assert "edited.yaml" in rubric_notice({"rubric": status})
    assert rubric_notice({"rubric": {"preregistered": True}}) == ""


def test_same_inputs_give_the_same_run_id(settings, manifest):
    assert build_manifest(settings)["run_id"] == manifest["run_id"]


def test_current_tables_pass_the_check(settings, built):
    assert stale_reasons(settings, check_manifest(settings)) == []


def test_another_rubric_is_refused_with_the_reason(settings, built, tmp_path):
    rubric = tmp_path / "rubric.yaml"
    rubric.write_text(settings.files["rubric"].read_text() + "\n# an edit\n")
    other = load_settings(rubric=rubric)
    with pytest.raises(DataError, match=r"config files changed: rubric: .*run `lepstudy data`"):
        check_manifest(other)


def test_private_inputs_not_used_for_the_tables_are_refused(settings, built, tmp_path):
    private = tmp_path / "private"
    private.mkdir()
    shutil.copy(settings.synthetic_dir / "sector_feedback.csv", private / "sector_feedback.csv")
    other = load_settings(data_dir=private)
    reasons = stale_reasons(other, json.loads((settings.processed_dir / MANIFEST_NAME).read_text()))
    assert any("inputs changed" in r and "private/sector_feedback.csv" in r for r in reasons)


@pytest.fixture
def copied_run(settings, built, tmp_path):
    """Settings pointing at a copy of the session's processed tables (safe to alter)."""
    copy = tmp_path / "out"
    shutil.copytree(settings.processed_dir, copy / "data" / "processed")
    return load_settings(output_dir=copy)


def test_a_half_rewritten_processed_folder_is_refused(copied_run):
    other = copied_run
    table = other.processed_dir / "backtest.csv"
    table.write_text(table.read_text().replace("matched by construction", "reproduced"))
    with pytest.raises(DataError, match="processed tables differ from the run that wrote the manifest: backtest"):
        check_manifest(other)


def test_report_command_refuses_in_one_line(settings, built, tmp_path):
    rubric = tmp_path / "rubric.yaml"
    rubric.write_text(settings.files["rubric"].read_text().replace("good_min_share: 0.6", "good_min_share: 0.7")
                      .replace("name: default", "name: strict"))
    result = CliRunner().invoke(app, ["report", "--rubric", str(rubric)])
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and "run `lepstudy data`" in lines[0]


def test_tables_are_read_back_typed(settings, built):
    from lepstudy.core.store import read_processed

    scores = read_processed(settings, "engagement_scores")
    assert scores["n_respondents_suppressed"].dtype == bool
    assert str(scores["n_respondents"].dtype) == "Int64" and scores["n_respondents"].isna().any()
    counts = read_processed(settings, "rating_counts")
    assert counts["determined"].dtype == bool and counts["count"].dtype.kind == "i"
    public = read_processed(settings, "board_evidence_public")
    assert str(public["main_board_vcs"].dtype) == "boolean"        # True / False / unknown
    assert public["main_board_vcs"].eq(True).sum() == 11


def test_reading_an_altered_table_is_refused(copied_run):
    from lepstudy.core.store import read_processed

    other = copied_run
    path = other.processed_dir / "rating_counts.csv"
    path.write_text(path.read_text().replace("True", "False"))
    with pytest.raises(DataError, match="differs from the run that wrote the manifest"):
        read_processed(other, "rating_counts")
