"""Every processed table has a schema, is validated on write and read back typed, and every table resting on a
synthetic input carries the flag that labels it."""

from lepstudy.pipeline import TABLE_INPUTS, read_processed
from lepstudy.schemas import PROCESSED


def test_every_processed_table_has_a_schema():
    assert sorted(set(TABLE_INPUTS) - set(PROCESSED)) == []


def test_every_table_resting_on_confidential_inputs_carries_the_flag(settings, built):
    for name, inputs in TABLE_INPUTS.items():
        if not inputs or name == "lep_responses":     # the input itself: each cell carries its *_source flag
            continue
        path = built[name]
        assert "synthetic_inputs" in path.read_text().splitlines()[0].split(","), name


def test_every_table_reads_back_typed_and_valid(settings, built):
    for name in TABLE_INPUTS:
        frame = read_processed(settings, name)
        assert len(frame.columns) > 0, name
