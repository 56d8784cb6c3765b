"""Study settings from ``config/study.yaml``, with the private data directory override.

The data directory for confidential inputs is chosen, first match wins, from: an explicit
``data_dir`` argument (the CLI's ``--data-dir``), the ``LEPSTUDY_DATA_DIR`` environment variable,
``paths.private_data_dir`` in the YAML, and finally the shipped synthetic stand-ins.

``LEPSTUDY_OUTPUT_DIR`` (or ``output_dir``) sends every generated file (processed tables, figures,
reports) under another folder. A run on private files without one writes under
``<private data dir>/lepstudy-outputs``, never into the repository's tracked ``figures/`` or ``reports/``.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lepstudy.core.config_schema import RubricConfig, StudyConfig, load_config
from lepstudy.core.errors import DataError

ENV_DATA_DIR = "LEPSTUDY_DATA_DIR"
ENV_CONFIG = "LEPSTUDY_CONFIG"
ENV_OUTPUT_DIR = "LEPSTUDY_OUTPUT_DIR"
PRIVATE_OUTPUT_FOLDER = "lepstudy-outputs"
EXPERIMENTS_FOLDER = "outputs"          # under the repository, ignored by git: runs with another config or rubric


def repo_root() -> Path:
    """The project root: the folder holding ``config/study.yaml`` (found upwards from cwd or package)."""
    for start in (Path.cwd(), Path(__file__).resolve().parent):
        for folder in (start, *start.parents):
            if (folder / "config" / "study.yaml").is_file():
                return folder
    raise FileNotFoundError("could not find config/study.yaml above the working directory or package")


@dataclass(frozen=True)
class Settings:
    """Resolved study settings. Paths are absolute."""

    root: Path
    raw_dir: Path
    processed_dir: Path
    figures_dir: Path
    reports_dir: Path
    notebooks_dir: Path
    synthetic_dir: Path
    private_data_dir: Path | None
    files: dict[str, Path]
    seeds: dict[str, int]
    min_cell_count: int
    imd_tolerance: float
    config_path: Path
    output_root: Path
    raw: dict[str, Any] = field(repr=False, default_factory=dict)
    study: StudyConfig | None = field(repr=False, default=None)   # the validated study.yaml, typed

    @property
    def uses_private_data(self) -> bool:
        return self.private_data_dir is not None

    def input_path(self, name: str) -> tuple[Path, bool]:
        """Path of confidential input ``name`` and whether it is synthetic.

        A file of that name in the private data directory wins (an Excel workbook with the same stem,
        ``.xlsx``, is accepted too); otherwise the shipped synthetic copy.
        """
        if self.private_data_dir is not None:
            found = private_input(self.private_data_dir, name)
            if found is not None:
                return found, False
        return self.synthetic_dir / name, True

    def config_hash(self) -> str:
        """sha256 of the study YAML and every file it names (rubric, codebook, reconstruction, specifications,
        synthetic parameters, reference lists): every config file that can change a result."""
        digest = hashlib.sha256(self.config_path.read_bytes())
        for key in sorted(self.files):
            path = self.files[key]
            if path.is_file():
                digest.update(path.read_bytes())
        return digest.hexdigest()


def file_key(path: Path) -> str:
    """A file's stem as a user may have mangled it: case, a browser's " (1)" copy suffix, spaces and hyphens."""
    stem = re.sub(r"\s*\(\d+\)$", "", path.stem.strip())
    return re.sub(r"[\s\-]+", "_", stem).lower()


def private_input(folder: Path, name: str) -> Path | None:
    """The researcher's file for input ``name`` (``sector_feedback.csv``) in ``folder``: the CSV or an .xlsx
    workbook of that name, in any case. Two candidates, or only a near miss (``sector_feedback (1).xlsx``, an old
    ``.xls``, ``Sector Feedback.csv``), are errors saying which file to rename, never a silent fall-back to the
    synthetic stand-in."""
    stem = Path(name).stem
    entries = sorted(folder.iterdir())
    not_files = [p for p in entries if not p.is_file() and p.name.lower() in {f"{stem}.csv", f"{stem}.xlsx"}]
    if not_files:
        raise DataError(f"{not_files[0].name} is a folder or other non-file where the {stem} input is expected",
                        file=not_files[0], expected=f"a file {stem}.csv or {stem}.xlsx")
    files = [p for p in entries if p.is_file()]
    exact = [p for p in files if p.name.lower() in {f"{stem}.csv", f"{stem}.xlsx"}]
    if len(exact) > 1:
        raise DataError(f"two files for the {stem} input: {', '.join(p.name for p in exact)}", file=folder,
                        expected="one file per input (remove or rename the other)")
    if exact:
        return exact[0]
    near = [p for p in files if file_key(p) == stem
            and p.suffix.lower() in {".csv", ".xlsx", ".xls", ".xlsm", ".txt", ".ods"}]
    if near:
        advice = ("save it as .xlsx or .csv" if near[0].suffix.lower() in {".xls", ".ods"}
                  else f"rename it {stem}{'.xlsx' if near[0].suffix.lower().startswith('.xls') else '.csv'}")
        raise DataError(f"did you mean {near[0].name} for the {stem} input? {advice}", file=folder,
                        expected=f"{stem}.csv or {stem}.xlsx")
    return None


def _check_rubric_name(rubric: Path, default: Path) -> None:
    """Another rubric keeps its own ``name:`` (pages and the manifest name the rubric in use by it): an edited copy
    of the study's rubric that still carries its name is an error naming the file and key (an unedited copy, say
    with other comments, is the same rubric)."""
    if rubric.resolve() == default.resolve():
        return
    copy, original = load_config(rubric, RubricConfig), load_config(default, RubricConfig)
    name = copy.name
    if name == original.name and copy.model_dump() != original.model_dump():     # same content: the same rubric
        raise DataError(f"this rubric has the name of the study's own rubric ('{name}')", file=rubric, key="name",
                        expected="a name of its own for the copy (for example name: half-good-line), so that pages "
                                 "and the run manifest can tell the two rubrics apart")


def load_settings(data_dir: str | Path | None = None, config: str | Path | None = None,
                  output_dir: str | Path | None = None, rubric: str | Path | None = None) -> Settings:
    """Read and validate the study YAML (``config`` or ``LEPSTUDY_CONFIG``, else ``config/study.yaml``) and
    resolve every path; ``rubric`` replaces the rubric file it names. A bad data directory, config file or
    rubric path is a clear error."""
    root = repo_root()
    config_path = Path(config or os.environ.get(ENV_CONFIG) or root / "config" / "study.yaml")
    if not config_path.is_absolute():
        config_path = root / config_path
    study = load_config(config_path, StudyConfig)
    raw = study.model_dump()

    def resolve(value: str | Path) -> Path:
        path = Path(value).expanduser()
        return path if path.is_absolute() else root / path

    paths = raw["paths"]
    chosen = data_dir or os.environ.get(ENV_DATA_DIR) or paths["private_data_dir"]
    private = resolve(chosen) if chosen else None
    if private is not None and not private.is_dir():
        raise DataError(
            "the private data directory is a file, not a folder" if private.exists()
            else "the private data directory does not exist",
            file=private,
            expected=f"a folder given by --data-dir or {ENV_DATA_DIR} (the folder that holds your files)",
        )
    output = output_dir or os.environ.get(ENV_OUTPUT_DIR)
    default_config = (root / "config" / "study.yaml").resolve()
    experiment = [path for path, default in ((config_path, default_config),
                                             (rubric, resolve(raw["files"]["rubric"]).resolve()))
                  if path is not None and resolve(path).resolve() != default]
    if output:
        out_root = resolve(output)
    elif private is not None:
        # a run on private files never writes into the repository's tracked folders (figures/, reports/):
        # unless told otherwise its outputs go beside the private files
        out_root = private / PRIVATE_OUTPUT_FOLDER
    elif experiment:
        # an experiment with another config or rubric never touches the committed figures, docs or pages: its
        # outputs go to outputs/<config>-<rubric>/ (ignored by git)
        out_root = root / EXPERIMENTS_FOLDER / "-".join(Path(path).stem for path in experiment)
    else:
        out_root = root

    def output_path(key: str) -> Path:
        value = Path(paths[key])
        return value if value.is_absolute() else out_root / value

    raw_dir = resolve(paths["raw"]).resolve()
    for key in ("processed", "figures", "reports"):
        target = output_path(key).resolve()
        if target == raw_dir or raw_dir in target.parents:
            raise DataError(f"the {key} folder lies inside the raw data folder, which is never written to",
                            file=config_path, key=f"paths.{key}", value=str(target),
                            expected=f"a folder outside {raw_dir}")
    files = {k: resolve(v) for k, v in raw["files"].items()}
    if rubric is not None:
        files["rubric"] = resolve(rubric)
        if not files["rubric"].is_file():
            raise DataError("the rubric given with --rubric (or RUBRIC=) does not exist", file=files["rubric"],
                            expected="a rubric YAML: copy config/rubric.yaml, give the copy its own name: and pass it")
        _check_rubric_name(files["rubric"], resolve(raw["files"]["rubric"]))
    for key, path in files.items():
        if not path.is_file():
            raise DataError("a config file named in the study settings does not exist", file=path,
                            key=f"files.{key}", expected=f"a file (set in {config_path})")
    return Settings(
        root=root,
        raw_dir=resolve(paths["raw"]),
        processed_dir=output_path("processed"),
        figures_dir=output_path("figures"),
        reports_dir=output_path("reports"),
        notebooks_dir=resolve(paths["notebooks"]),
        synthetic_dir=resolve(paths["synthetic"]),
        private_data_dir=private,
        files=files,
        seeds=dict(raw["seeds"]),
        min_cell_count=study.confidentiality.min_cell_count,
        imd_tolerance=study.validation.imd_tolerance,
        config_path=config_path,
        output_root=out_root,
        raw=raw,
        study=study,
    )
