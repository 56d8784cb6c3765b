"""Confidential inputs: extra columns never leave the raw layer, private blanks stay unknown, the public
variant stays public whatever private files are given, and a private run never writes tracked paths."""

from __future__ import annotations

import hashlib

import pandas as pd
import pytest

from lepstudy.core.config import ENV_OUTPUT_DIR, PRIVATE_OUTPUT_FOLDER, load_settings
from lepstudy.inputs import confidential
from lepstudy.pipeline import steps
from lepstudy.pipeline.study import load_study_inputs

MARKER = "ZZRESEARCHERNOTEZZ"


@pytest.fixture
def private_responses(settings, tmp_path):
    """A researcher's lep_responses: the stand-in's values, a free-text note column, one blank cell."""
    frame = pd.read_csv(settings.synthetic_dir / "lep_responses.csv", dtype=str)
    frame = frame[[c for c in frame.columns if not c.endswith("_source") and c != "board_source_urls"]]
    frame["researcher_note"] = f"{MARKER} rang the chief executive"
    frame.loc[0, "code_of_practice"] = ""
    folder = tmp_path / "private"
    folder.mkdir()
    frame.to_csv(folder / "lep_responses.csv", index=False)
    return folder


def test_extra_columns_are_not_read_and_blanks_stay_unknown(settings, private_responses, tmp_path):
    private = load_settings(data_dir=private_responses, output_dir=tmp_path / "out")
    loaded = confidential.load_lep_responses(private)
    assert not loaded.synthetic
    assert "researcher_note" not in loaded.frame.columns
    assert not loaded.frame.astype(str).apply(lambda c: c.str.contains(MARKER)).any().any()
    first = loaded.frame.iloc[0]
    assert pd.isna(first["code_of_practice"]) and first["code_of_practice_source"] == "unknown"
    assert loaded.frame.loc[1:, "code_of_practice_source"].eq("private").all()


def test_public_variant_is_the_same_whatever_private_files_are_given(settings, private_responses, tmp_path):
    def public_scores(run_settings) -> pd.DataFrame:
        built: dict[str, pd.DataFrame] = {}
        data = load_study_inputs(run_settings)
        for step in (steps.build_reference_tables, steps.build_evidence_tables, steps.build_scoring_tables):
            built.update(step(run_settings, data, built))
        return built["engagement_scores_public"]

    shipped = public_scores(settings)
    private = public_scores(load_settings(data_dir=private_responses, output_dir=tmp_path / "out"))
    pd.testing.assert_frame_equal(shipped, private)
    assert shipped["n_known"].sum() > 0          # public evidence scores some criteria


def test_a_private_run_writes_beside_the_private_files(settings, private_responses, monkeypatch):
    monkeypatch.delenv(ENV_OUTPUT_DIR, raising=False)
    private = load_settings(data_dir=private_responses)
    assert private.output_root == private_responses / PRIVATE_OUTPUT_FOLDER
    for folder in (private.processed_dir, private.figures_dir, private.reports_dir):
        assert settings.root not in folder.parents, folder


def test_row_level_answers_from_private_files_are_kept_apart(settings, private_responses, tmp_path):
    private = load_settings(data_dir=private_responses, output_dir=tmp_path / "out")
    frame = confidential.load_lep_responses(private).frame
    written, checksum = steps._write(private, "lep_responses", frame, {"lep_responses.csv": False})
    assert written == private.processed_dir / "private" / "lep_responses.csv"
    assert checksum == hashlib.sha256(written.read_bytes()).hexdigest()
    shipped, _ = steps._write(settings, "lep_responses", confidential.load_lep_responses(settings).frame,
                              {"lep_responses.csv": True})
    assert shipped == settings.processed_dir / "lep_responses.csv"
