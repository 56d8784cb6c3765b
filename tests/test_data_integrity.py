"""Raw data is immutable: checksums, no writes, provenance for every source."""

import hashlib
from pathlib import Path

RAW = Path(__file__).resolve().parent.parent / "data" / "raw"


def _sums() -> dict[str, str]:
    lines = (RAW / "SHA256SUMS").read_text().splitlines()
    return {line.split(maxsplit=1)[1].strip(): line.split()[0] for line in lines if line.strip()}


def test_every_raw_file_matches_its_checksum():
    for name, digest in _sums().items():
        assert hashlib.sha256((RAW / name).read_bytes()).hexdigest() == digest, f"{name} changed"


def test_every_raw_file_is_listed():
    listed = set(_sums())
    present = {str(p.relative_to(RAW)) for p in RAW.rglob("*") if p.is_file()} - {"SHA256SUMS", "README.md"}
    assert present == listed


def test_every_source_has_provenance():
    for folder in (p for p in RAW.iterdir() if p.is_dir()):
        assert (folder / "PROVENANCE.md").is_file(), folder.name


def test_checksum_test_would_catch_a_change(tmp_path):
    changed = tmp_path / "f.csv"
    changed.write_bytes((RAW / "lep-codes-dfe" / "leps.csv").read_bytes() + b"\n")
    assert hashlib.sha256(changed.read_bytes()).hexdigest() != _sums()["lep-codes-dfe/leps.csv"]
