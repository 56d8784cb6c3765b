"""The run manifest, written by ``lepstudy data`` beside the tables it describes (``_manifest.json``): package
version, git commit, run id, a hash of every config file and input, which inputs were public, private or
synthetic, and per processed table its checksum and the synthetic inputs it rests on. The report reads it
and refuses to render tables that no longer match the current inputs or config."""

from __future__ import annotations

import hashlib
import json
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING

from lepstudy import __version__
from lepstudy.core import catalogue
from lepstudy.core.config import Settings, load_settings
from lepstudy.core.errors import DataError
from lepstudy.core.records import MANIFEST_NAME, atomic_write_bytes, read_manifest, sha256_file
from lepstudy.inputs.study_files import rubric_fingerprint
from lepstudy.pipeline.fingerprint import fingerprint, relative_path, stale_reasons

if TYPE_CHECKING:
    from lepstudy.analysis.engagement import Rubric


def git_commit(root: Path) -> str:
    """The checked-out commit, with '-dirty' when tracked files changed; 'unknown' outside git."""
    try:
        commit = subprocess.run(["git", "rev-parse", "HEAD"], cwd=root, capture_output=True, text=True,
                                check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=root,
                               capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return commit + ("-dirty" if dirty else "")


def rubric_status(settings: Settings, rubric: Rubric | None = None) -> dict:
    """The rubric of the run (``rubric``, when the run has read it already), and whether it is the default rubric
    fixed before any result was computed."""

    content = rubric.content_sha256 if rubric is not None else rubric_fingerprint(settings.files["rubric"])
    return {"file": relative_path(settings.files["rubric"], settings.root), "content_sha256": content,
            "preregistered": content == settings.raw["preregistration"]["rubric_sha256"]}


def build_manifest(settings: Settings, tables: dict[str, Path] | None = None,
                   dtypes: dict[str, dict[str, str]] | None = None, rubric: Rubric | None = None,
                   checksums: dict[str, str] | None = None, prints: dict | None = None) -> dict:
    """The provenance of one ``lepstudy data`` run: code version, config and input hashes, which inputs were
    public, private or synthetic, and for each processed table its checksum, the synthetic inputs it rests on and
    its sensitivity (both from the table catalogue).
    ``checksums`` are those of the bytes the run wrote and ``prints`` the inputs' hashes as it read them (the files
    on disk when omitted), so the manifest describes this run even if the folder changed under it. The run id is a
    hash of the config and inputs, so the same inputs give the same id."""
    prints = prints or fingerprint(settings)
    synthetic = {name.split("/", 1)[1] for name, origin in prints["input_origin"].items() if origin == "synthetic"}
    manifest = {
        "package": "lepstudy",
        "version": __version__,
        "git_commit": git_commit(settings.root),
        "run_id": hashlib.sha256(json.dumps(prints, sort_keys=True).encode()).hexdigest()[:16],
        **prints,
        "synthetic_inputs": sorted(name for name, origin in prints["input_origin"].items() if origin == "synthetic"),
        "uses_private_data": settings.uses_private_data,
        "rubric": rubric_status(settings, rubric),
        "min_cell_count": settings.min_cell_count,
    }
    if tables is not None:
        manifest["tables"] = {
            name: {"file": relative_path(path, settings.processed_dir),
                   "sha256": (checksums or {}).get(name) or sha256_file(path),
                   "synthetic_inputs": sorted(set(catalogue.CATALOGUE[name].inputs) & synthetic),
                   "sensitivity": catalogue.CATALOGUE[name].sensitivity,
                   "dtypes": (dtypes or {}).get(name, {})}
            for name, path in sorted(tables.items())}
    return manifest


def write_manifest(settings: Settings, manifest: dict) -> Path:
    target = settings.processed_dir / MANIFEST_NAME
    atomic_write_bytes(target, (json.dumps(manifest, indent=2, sort_keys=True) + "\n").encode("utf-8"))
    return target


class NotebookInputsDiffer(DataError):
    """A notebook's parameters (rubric, config, data folder) are not those of the tables it would read. Shown in
    Jupyter as its one sentence, without a traceback (IPython's ``_render_traceback_``)."""

    def _render_traceback_(self) -> list[str]:
        return [str(self)]


def notebook_settings(data_dir: str | Path | None, config: str | Path | None, output_dir: str | Path | None,
                      rubric: str | Path | None, write_figures: bool) -> tuple[Settings, Path | None]:
    """The settings a notebook runs with (its papermill parameters), checked against the run manifest of the tables
    it reads, and where it may write figures: the figures folder when the build runs it, None (show only) when a
    person opens it. Parameters that differ from the tables' (another rubric, config or data folder) stop the
    notebook in its first cell with what differs and the command that builds matching tables."""
    settings = load_settings(data_dir, config=config, output_dir=output_dir, rubric=rubric)
    options = " ".join(f"--{name} {value}" for name, value in (("data-dir", data_dir), ("config", config),
                                                                 ("rubric", rubric)) if value is not None)
    command = f"`lepstudy data {options}`" if options else "`lepstudy data` (or `make data`)"
    try:
        manifest = read_manifest(settings)
    except DataError:
        raise NotebookInputsDiffer(f"no tables have been built for this notebook's parameters in "
                                   f"{settings.processed_dir}: run {command} first, then run the notebook "
                                   "again") from None
    reasons = stale_reasons(settings, manifest)
    if reasons:
        raise NotebookInputsDiffer(f"this notebook's parameters differ from those of the tables it reads ("
                                   f"{'; '.join(reasons)}): run {command} first, or reset the parameters")
    return settings, settings.figures_dir if write_figures else None


