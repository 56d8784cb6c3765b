"""Every processed table has a schema, is validated on write and read back typed, and every table resting on a
synthetic input carries the flag that labels it."""

from lepstudy.core.schemas import PROCESSED
from lepstudy.core.store import read_manifest, read_processed
from lepstudy.pipeline.steps import TABLE_INPUTS


def test_every_processed_table_has_a_schema():
    # both ways: no table without a schema, and no schema left for a table the pipeline no longer writes
    assert sorted(set(TABLE_INPUTS) ^ set(PROCESSED)) == []


def test_every_table_resting_on_confidential_inputs_carries_the_flag(settings, built):
    for name, inputs in TABLE_INPUTS.items():
        if not inputs or name == "lep_responses":     # the input itself: each cell carries its *_source flag
            continue
        path = built[name]
        assert "synthetic_inputs" in path.read_text().splitlines()[0].split(","), name


def test_every_table_reads_back_typed_and_valid(settings, built):
    """Each table reads back with the columns and dtypes its run wrote (the manifest's record), not merely some."""
    manifest = read_manifest(settings)
    for name in TABLE_INPUTS:
        frame = read_processed(settings, name)
        # nullable floats come back as plain floats (a blank is NaN either way): the one documented change
        written = {column: "float64" if dtype == "Float64" else dtype
                   for column, dtype in manifest["tables"][name]["dtypes"].items()}
        assert {column: str(dtype) for column, dtype in frame.dtypes.items()} == written, name
