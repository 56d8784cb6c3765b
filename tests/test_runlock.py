"""One run per output folder (issue 25, item 1): a second process is refused naming the holder, a killed holder
frees the folder, and the manifest records the checksums of the bytes its run wrote, so a folder changed under
it is refused by the report."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from madeup import build_madeup_study

from lepstudy.core.config import load_settings
from lepstudy.core.records import read_manifest
from lepstudy.core.runlock import HOLDER_NAME, FolderInUse, holding
from lepstudy.pipeline.fingerprint import check_manifest, stale_reasons
from lepstudy.pipeline.manifest import build_manifest
from lepstudy.synthetic import generator

HOLD = """
import sys
from lepstudy.core.runlock import holding
with holding(sys.argv[1], "lepstudy data"):
    print("held", flush=True)
    sys.stdin.readline()
"""


def _holder(folder: Path) -> subprocess.Popen:
    process = subprocess.Popen([sys.executable, "-c", HOLD, str(folder)], stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, text=True)
    assert process.stdout.readline().strip() == "held"
    return process


def test_a_second_process_is_refused_naming_the_holder(tmp_path):
    holder = _holder(tmp_path)
    try:
        with pytest.raises(FolderInUse) as refused, holding(tmp_path, "lepstudy report"):
            pass
        message = str(refused.value)
        assert f"process {holder.pid}" in message and "`lepstudy data`" in message
        assert str(tmp_path.resolve()) in message and "LEPSTUDY_OUTPUT_DIR" in message
    finally:
        holder.communicate("\n")
    with holding(tmp_path, "lepstudy report"):     # free again once the holder has finished
        assert json.loads((tmp_path / HOLDER_NAME).read_text())["command"] == "lepstudy report"
    assert not (tmp_path / HOLDER_NAME).exists()


def test_a_killed_holder_never_leaves_the_folder_locked(tmp_path):
    holder = _holder(tmp_path)
    holder.kill()
    holder.wait()
    assert (tmp_path / HOLDER_NAME).exists()       # its note is left behind, but the OS released the lock
    with holding(tmp_path, "lepstudy data"):
        assert json.loads((tmp_path / HOLDER_NAME).read_text())["pid"] == os.getpid()


def test_a_command_that_holds_the_folder_can_run_steps_that_hold_it(tmp_path):
    with holding(tmp_path, "lepstudy data"), holding(tmp_path, "lepstudy data"):
        pass
    assert not (tmp_path / HOLDER_NAME).exists()


def test_the_manifest_records_what_its_run_wrote_not_what_is_on_disk_later(settings, built):
    """A table replaced after its run wrote it keeps the run's checksum in the manifest, and the check refuses."""
    tables = {name: path for name, path in built.items() if not name.startswith("_")}
    written = read_manifest(settings)["tables"]
    manifest = build_manifest(settings, tables, checksums={name: entry["sha256"] for name, entry in written.items()})
    assert {name: entry["sha256"] for name, entry in manifest["tables"].items()} == \
        {name: entry["sha256"] for name, entry in written.items()}
    target = tables["rating_counts"]
    original = target.read_bytes()
    try:
        assert stale_reasons(settings, manifest) == []
        target.write_bytes(original + b"\n")              # another run's bytes
        assert "rating_counts" in " ".join(stale_reasons(settings, manifest))
    finally:
        target.write_bytes(original)


@pytest.mark.slow
def test_two_data_runs_into_one_folder_never_interleave(tmp_path):
    """Two real `lepstudy data` processes on other inputs into one folder, the first paused mid-run: the second is
    refused in one message naming the first, and the first, resumed, leaves a folder that passes the check."""
    output = tmp_path / "out"
    other_inputs = tmp_path / "mine"
    other_inputs.mkdir()
    config = build_madeup_study(tmp_path / "study")            # six bodies: the same steps, a quarter of the time
    settings = load_settings(config=config, output_dir=output)
    generator.generate(settings)
    (other_inputs / "sector_feedback.csv").write_bytes((settings.synthetic_dir / "sector_feedback.csv").read_bytes())
    environment = {**os.environ, "LEPSTUDY_OUTPUT_DIR": str(output)}
    command = [str(Path(sys.executable).with_name("lepstudy")), "data", "--config", str(config)]
    first = subprocess.Popen(command, env=environment, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 120
        while not (settings.processed_dir / HOLDER_NAME).exists():
            assert first.poll() is None and time.monotonic() < deadline, "the first run never took the folder"
            time.sleep(0.05)
        while not any(settings.processed_dir.glob("*.csv")) and time.monotonic() < deadline:
            time.sleep(0.05)                                     # pause it once it has written a table
        first.send_signal(signal.SIGSTOP)
        second = subprocess.run([*command, "--data-dir", str(other_inputs)], env=environment, capture_output=True,
                                text=True, timeout=120)
        assert second.returncode == 1 and "Traceback" not in second.stderr
        assert f"another lepstudy run is using this output folder (`lepstudy data`, process {first.pid}" in \
            " ".join(second.stderr.split())
    finally:
        first.send_signal(signal.SIGCONT)
    out, err = first.communicate(timeout=300)
    assert first.returncode == 0, err
    manifest = check_manifest(settings)
    assert not manifest["uses_private_data"]                      # the first run's inputs, its own tables
    assert not any(name.startswith("private/") for name in manifest["inputs"])
