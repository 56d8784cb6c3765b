"""The table catalogue: every processed table is declared once (schema, step, confidential inputs, sensitivity), the
build writes exactly what it declares, and a made-up confidential input and table reach the manifest, the right
folder and a typed read without touching anything but the catalogue, the input's name and loader, and the step."""

from __future__ import annotations

import pandas as pd
import pytest
from pandera.pandas import Column, DataFrameSchema

from lepstudy.core import catalogue, vocabulary
from lepstudy.core.catalogue import CATALOGUE, SENSITIVITIES, Step, Table, goes_to_private_folder
from lepstudy.core.config import load_settings
from lepstudy.core.errors import DataError
from lepstudy.core.records import read_manifest
from lepstudy.core.store import read_processed
from lepstudy.inputs import confidential
from lepstudy.inputs.confidential import LOADERS, Loaded
from lepstudy.pipeline import steps


def test_the_build_writes_exactly_the_catalogued_tables(settings, built):
    written = {name for name in built if not name.startswith("_")}
    assert sorted(written ^ set(CATALOGUE)) == []
    assert {t.step for t in CATALOGUE.values()} == {s.key for s in catalogue.STEPS} == set(steps.STEP_FUNCTIONS)


def test_every_confidential_input_has_a_loader():
    assert list(LOADERS) == list(vocabulary.CONFIDENTIAL_INPUTS)


def test_every_entry_is_consistent():
    for entry in CATALOGUE.values():
        assert entry.sensitivity in SENSITIVITIES, entry.name
        assert set(entry.inputs) <= set(LOADERS), entry.name                # only inputs the pipeline loads
        assert (entry.sensitivity == "public") == (not entry.inputs), entry.name  # public <=> no confidential input
    earlier: set[str] = set()
    for step in catalogue.STEPS:               # a step reads only tables of the steps before it
        assert step.reads is None or set(step.reads) <= earlier, step.key
        earlier |= {t.name for t in catalogue.tables_of(step.key)}


def test_the_manifest_takes_flags_and_sensitivity_from_the_catalogue(settings, built):
    tables = read_manifest(settings)["tables"]
    synthetic = set(read_manifest(settings)["synthetic_inputs"])
    for name, entry in CATALOGUE.items():
        assert tables[name]["sensitivity"] == entry.sensitivity
        assert tables[name]["synthetic_inputs"] == sorted(f for f in entry.inputs if f"synthetic/{f}" in synthetic)
        if entry.inputs and entry.sensitivity != "row_level":    # the input itself flags each cell's *_source
            assert "synthetic_inputs" in built[name].read_text().splitlines()[0].split(","), name


def test_every_table_reads_back_typed_and_valid(settings, built):
    """Each table reads back with the columns and dtypes its run wrote (the manifest's record), not merely some."""
    manifest = read_manifest(settings)
    for name in CATALOGUE:
        frame = read_processed(settings, name)
        # nullable floats come back as plain floats (a blank is NaN either way): the one documented change
        written = {column: "float64" if dtype == "Float64" else dtype
                   for column, dtype in manifest["tables"][name]["dtypes"].items()}
        assert {column: str(dtype) for column, dtype in frame.dtypes.items()} == written, name


def test_private_and_row_level_tables_go_to_the_private_folder_by_their_inputs():
    row_level = Table("answers", DataFrameSchema({}), "evidence", ("a.csv",), "row_level")
    assert goes_to_private_folder(row_level, {"a.csv": False})          # a researcher's own file
    assert not goes_to_private_folder(row_level, {"a.csv": True})       # the shipped stand-in
    assert goes_to_private_folder(Table("x", DataFrameSchema({}), "s", ("a.csv",), "private"), {"a.csv": True})
    assert not goes_to_private_folder(Table("x", DataFrameSchema({}), "s", ("a.csv",), "aggregate"), {})


def test_a_shareable_summary_with_a_small_count_is_refused(tmp_path):
    frame = pd.DataFrame({"lep17_code": ["E1", "E2", "E3"], "n_respondents": [12, 0, 3]})
    with pytest.raises(DataError) as error:
        steps.check_small_cells(frame, 5, tmp_path / "t.csv")
    assert error.value.row == 4 and error.value.column == "n_respondents"      # the third data row, under a header
    steps.check_small_cells(frame.assign(n_respondents=[12, 0, pd.NA]), 5, tmp_path / "t.csv")   # blanked: fine


@pytest.mark.slow
def test_a_made_up_input_and_tables_need_only_their_entries_and_step(tmp_path, monkeypatch):
    """A new confidential input (its name and loader registered) and two tables of a new step: the build loads the
    input, writes the row-level copy to private/ (the input is a researcher's own file) and the summary beside the
    others, and the manifest flags the summary as resting on the synthetic stand-in it also uses."""
    private = tmp_path / "private"
    private.mkdir()
    (private / "made_up.csv").write_text("lep17_code,answer\nE37000001,yes\n")

    def load_made_up(settings, matcher):
        path, synthetic = settings.input_path("made_up.csv")
        return Loaded(pd.read_csv(path), path, synthetic)

    def build_made_up(settings, data, built):
        answers = data.confidential["made_up.csv"].frame
        summary = pd.DataFrame({"answers": [len(answers)], "responses": [len(data.responses.frame)],
                                "synthetic_inputs": [data.responses.synthetic]})
        return {"made_up_answers": answers, "made_up_summary": summary}

    answers = DataFrameSchema({"lep17_code": Column(str), "answer": Column(str)}, name="made_up_answers")
    summary = DataFrameSchema({"answers": Column(int), "responses": Column(int), "synthetic_inputs": Column(bool)},
                              name="made_up_summary")
    made_up = {"made_up_answers": Table("made_up_answers", answers, "made_up", ("made_up.csv",), "row_level"),
               "made_up_summary": Table("made_up_summary", summary, "made_up", ("made_up.csv", "lep_responses.csv"),
                                        "aggregate")}
    monkeypatch.setattr(vocabulary, "CONFIDENTIAL_INPUTS", [*vocabulary.CONFIDENTIAL_INPUTS, "made_up.csv"])
    monkeypatch.setitem(confidential.LOADERS, "made_up.csv", load_made_up)
    monkeypatch.setattr(catalogue, "CATALOGUE", made_up)
    monkeypatch.setattr(catalogue, "STEPS", (Step("made_up", "a made-up step"),))
    monkeypatch.setitem(steps.STEP_FUNCTIONS, "made_up", build_made_up)

    settings = load_settings(data_dir=private, output_dir=tmp_path / "out")
    written = steps.build_all(settings)
    assert written["made_up_answers"].parent.name == "private"
    assert written["made_up_summary"].parent == settings.processed_dir
    tables = read_manifest(settings)["tables"]
    assert tables["made_up_summary"]["synthetic_inputs"] == ["lep_responses.csv"]
    assert tables["made_up_answers"] == {**tables["made_up_answers"], "synthetic_inputs": [],
                                         "sensitivity": "row_level"}
    assert read_processed(settings, "made_up_summary").at[0, "answers"] == 1
    assert "private/made_up.csv" in read_manifest(settings)["input_origin"]
