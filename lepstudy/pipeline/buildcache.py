"""A build that redoes only what changed: every stage keyed by content hashes.

``lepstudy data`` is keyed by the hashes of every input and config file it reads (the manifest's fingerprint) and
of the code (every file of the package and the versions of the installed packages): when the key is the one its
manifest records and the tables still match their checksums, the tables are reused. A notebook is keyed by its
source, the code, its parameters and the checksums of the tables it reads; the report by its notebooks' keys. A
stage's outputs are checked against the checksums recorded with its key, so a deleted or edited output is rebuilt.
A key is written after what it describes and removed before that is rebuilt: a killed run never leaves a key that
claims a complete output. ``--force`` (``make all FORCE=1``) rebuilds everything.
"""

from __future__ import annotations

import hashlib
import json
import sys
from functools import lru_cache
from pathlib import Path

from lepstudy.core.config import Settings
from lepstudy.core.errors import DataError
from lepstudy.core.records import MANIFEST_NAME, atomic_write_bytes, read_manifest, sha256_file
from lepstudy.pipeline.fingerprint import check_manifest, fingerprint, stale_reasons

PACKAGE = Path(__file__).resolve().parents[1]  # the whole lepstudy package
CODE_SUFFIXES = {".py", ".j2", ".css", ".js", ".html", ".json", ".yaml", ".yml", ".txt"}


def _hash(*parts: object) -> str:
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode("utf-8")).hexdigest()


@lru_cache(maxsize=1)
def code_hash() -> str:
    """The code a build runs: every file of the package and the name and version of every installed
    distribution."""
    files = sorted(path for path in PACKAGE.rglob("*") if path.suffix in CODE_SUFFIXES and path.is_file()
                   and "__pycache__" not in path.parts)
    # the installed distributions by their metadata folders, whose names carry name and version (reading each
    # one's metadata would take a fifth of a second)
    versions = sorted(str(folder) for entry in sys.path if entry and Path(entry).is_dir()
                      for folder in Path(entry).glob("*.dist-info"))
    return _hash([(str(path.relative_to(PACKAGE)), sha256_file(path)) for path in files], versions)


def data_key(prints: dict) -> str:
    """The key of ``lepstudy data``: its inputs and config as read (``manifest.fingerprint``) and the code."""
    return _hash(prints, code_hash())


def data_is_current(settings: Settings) -> bool:
    """Whether the processed tables were built by this code from these inputs and config and are unchanged."""
    if not (settings.processed_dir / MANIFEST_NAME).is_file():
        return False
    manifest = read_manifest(settings)
    claims_doc = settings.output_root / "docs" / "claims.md"
    now = fingerprint(settings)                    # every input hashed once for both questions
    return (manifest.get("build_key") == data_key(now) and claims_doc.is_file()
            and not stale_reasons(settings, manifest, now))


def _sums(root: Path, paths: list[Path]) -> dict[str, str]:
    """Checksums by path: relative to ``root`` where under it (a folder can move), else absolute (a figures folder
    configured elsewhere)."""
    return {str(path.relative_to(root) if path.is_relative_to(root) else path): sha256_file(path)
            for path in sorted(paths) if path.is_file()}


class Stage:
    """One keyed stage: its record (a JSON file holding the key and its outputs' checksums) under ``root``."""

    def __init__(self, record: Path, root: Path, key: str) -> None:
        self.record, self.root, self.key = record, root, key

    def is_current(self) -> bool:
        """The record holds this key and every output it lists is unchanged."""
        if not self.record.is_file():
            return False
        stored = json.loads(self.record.read_text(encoding="utf-8"))
        outputs = stored.get("outputs", {})
        return (stored.get("key") == self.key and bool(outputs) and
                all((self.root / name).is_file() and sha256_file(self.root / name) == digest
                    for name, digest in outputs.items()))

    def start(self) -> None:
        """Forget the old record before rebuilding: a run killed from here on leaves no key."""
        self.record.unlink(missing_ok=True)

    def finish(self, outputs: list[Path]) -> None:
        """Record the key with the checksums of what the stage wrote."""
        self.record.parent.mkdir(parents=True, exist_ok=True)
        record = {"key": self.key, "outputs": _sums(self.root, outputs)}
        atomic_write_bytes(self.record, (json.dumps(record, indent=1, sort_keys=True) + "\n").encode("utf-8"))


def notebook_sources(settings: Settings) -> list[Path]:
    """Notebook sources in run order (their file names start with a number)."""
    return sorted(settings.notebooks_dir.glob("[0-9][0-9]-*.py"))


def notebook_parameters(settings: Settings) -> dict:
    """The papermill parameters a build runs a notebook with: the run's data folder, outputs, config and rubric."""
    return {"data_dir": str(settings.private_data_dir) if settings.private_data_dir else None,
            "output_dir": str(settings.output_root), "config": str(settings.config_path),
            "rubric": str(settings.files["rubric"]), "write_figures": True}


def notebook_stage(settings: Settings, source: Path, manifest: dict, parameters: dict) -> Stage:
    """A notebook's stage: keyed by its source, the code, its parameters and the tables' checksums."""
    tables = {name: entry["sha256"] for name, entry in manifest.get("tables", {}).items()}
    key = _hash(sha256_file(source), code_hash(), parameters, tables, manifest.get("run_id"))
    return Stage(settings.reports_dir / "notebooks" / f"{source.stem}.build.json", settings.output_root, key)


def notebook_outputs(settings: Settings, source: Path) -> list[Path]:
    """What a notebook writes: its executed copy and its figures (named by the notebook's number)."""
    figures = [path for path in settings.figures_dir.rglob(f"{source.stem[:2]}_*") if path.is_file()]
    return [settings.reports_dir / "notebooks" / f"{source.stem}.ipynb", *figures]


def report_stage(settings: Settings, notebook_keys: list[str], manifest: dict) -> Stage:
    """The rendered pages' stage: keyed by the notebooks' keys, the code and the manifest they show."""
    return Stage(settings.reports_dir / ".build.json", settings.reports_dir,
                 _hash(notebook_keys, code_hash(), manifest))


def report_outputs(settings: Settings) -> list[Path]:
    """Every page and file the report writes (not the executed notebooks, screenshots or the long PDF)."""
    skip = {"notebooks", "screenshots"}
    return [path for path in settings.reports_dir.rglob("*") if path.is_file()
            and not skip & set(path.relative_to(settings.reports_dir).parts)
            and path.name not in {".build.json", "lepstudy-publication.pdf"}]


def report_stages(settings: Settings, manifest: dict) -> tuple[list[Stage], Stage]:
    """Every notebook's stage, in run order, and the pages' stage."""
    stages = [notebook_stage(settings, source, manifest, notebook_parameters(settings))
              for source in notebook_sources(settings)]
    return stages, report_stage(settings, [stage.key for stage in stages], manifest)


def report_is_current(settings: Settings) -> bool:
    """Whether every notebook and page of the report is that of these tables and this code (checked without
    loading the notebook tools, so an unchanged ``lepstudy report`` returns in about a second)."""
    try:
        manifest = check_manifest(settings)
    except DataError:
        return False
    stages, pages = report_stages(settings, manifest)
    return pages.is_current() and all(current_notebooks(stages))


def current_notebooks(stages: list[Stage]) -> list[bool]:
    """Which notebooks' stages are current (each record read and its outputs hashed once)."""
    return [stage.is_current() for stage in stages]
