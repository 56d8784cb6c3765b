"""The ``lepstudy`` command: build data, validate a researcher's files, score, synthesise, report.

Every command takes ``--data-dir`` (or ``LEPSTUDY_DATA_DIR``) pointing at a private data folder. Each command
imports the stage it runs inside its function, so the command starts in a fraction of a second and ``make all`` with
nothing changed checks its records without loading the analysis stack.
"""

from __future__ import annotations

import csv
import sys
import tempfile
import traceback
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from lepstudy import __version__
from lepstudy.core.config import ENV_CONFIG, ENV_DATA_DIR, EXPERIMENTS_FOLDER, load_settings
from lepstudy.core.errors import DataError, DataErrors

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="Reproducible re-analysis of NCVO's 2020 study of LEPs and the voluntary sector.")


class Variant(StrEnum):
    """The two variants of the rubric: every criterion, or the public-evidence criteria alone."""

    full = "full"
    public = "public"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"lepstudy {__version__}")
        raise typer.Exit()


@app.callback()
def main(version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                               help="Print lepstudy's version and exit.")] = False) -> None:
    """Reproducible re-analysis of NCVO's 2020 study of LEPs and the voluntary sector."""

DataDir = Annotated[
    Path | None,
    typer.Option("--data-dir", envvar=ENV_DATA_DIR,
                 help="Folder with your own (confidential) input files; they replace the synthetic stand-ins."),
]

ConfigFile = Annotated[
    Path | None,
    typer.Option("--config", envvar=ENV_CONFIG, help="Another study YAML (default config/study.yaml)."),
]
RubricFile = Annotated[Path | None, typer.Option("--rubric", help="A rubric YAML (default: the study's rubric).")]
Force = Annotated[bool, typer.Option("--force", help="Rebuild even what is unchanged since the last run.")]


def _fail(exc: Exception) -> None:
    typer.secho(str(exc), fg=typer.colors.RED, err=True)
    raise typer.Exit(code=1)


def _settings(data_dir: Path | None, config: Path | None = None, rubric: Path | None = None):
    try:
        settings = load_settings(data_dir, config=config, rubric=rubric)
    except (DataError, DataErrors) as exc:
        _fail(exc)
    if settings.uses_private_data:
        typer.echo(f"private data from {settings.private_data_dir}: outputs go to {settings.output_root}")
    elif settings.output_root.parent == settings.root / EXPERIMENTS_FOLDER:
        typer.echo(f"outputs go to {settings.output_root} (the repository's figures/, docs/ and reports/ are left "
                   "as they are)")
    return settings


@app.command()
def data(data_dir: DataDir = None, config: ConfigFile = None, rubric: RubricFile = None, force: Force = False) -> None:
    """Build every table in data/processed/ (and its run manifest) from data/raw/ and the confidential inputs;
    reuses them when the inputs, config and code are those they were built from (--force rebuilds)."""
    # imported on use (the module's note)
    from lepstudy.pipeline.buildcache import data_is_current

    settings = _settings(data_dir, config, rubric)
    if not force and data_is_current(settings):       # checked before the analysis stack is imported (1 s)
        typer.echo(f"nothing changed: the tables in {settings.processed_dir} were built from these inputs, config "
                   "and code (--force rebuilds them)")
        return
    # imported on use (the module's note)
    from lepstudy.core.runlock import holding
    from lepstudy.core.runlog import start_run_log
    from lepstudy.pipeline.steps import build_all

    try:
        # the run log lives in the processed folder: hold the folder before replacing another run's log
        with holding(settings.processed_dir, "lepstudy data"):
            run_log = start_run_log(settings)
            written = build_all(settings, progress=lambda label: typer.echo(f"• {label}"))
    except (DataError, DataErrors) as exc:
        _fail(exc)
    tables = [name for name in written if not name.startswith("_")]
    typer.echo(f"{len(tables)} tables and their run manifest written to {settings.processed_dir} (run log: {run_log})")


@app.command()
def validate(path: Annotated[Path, typer.Argument(help="A folder of input files, or one file.")],
             data_dir: DataDir = None) -> None:
    """Pre-flight your own files: every problem in every file in one pass (exit code 1 if any), then, for each
    input, whether a run would use your file or the synthetic stand-in."""
    # imported on use (the module's note)
    from lepstudy.pipeline.validation import validate_folder

    if not path.exists():
        _fail(DataError("no such file or folder", file=path))
    report = validate_folder(path)
    for line in report.lines:
        colour = {"✓": typer.colors.GREEN, "✗": typer.colors.RED, "?": typer.colors.YELLOW}.get(line[:1])
        typer.secho(line, fg=colour)
    if report.problems:
        typer.secho(f"{report.problems} problem(s) found", fg=typer.colors.RED)
        raise typer.Exit(code=1)
    typer.secho("no problems found", fg=typer.colors.GREEN)


@app.command()
def score(data_dir: DataDir = None, config: ConfigFile = None, rubric: RubricFile = None,
          variant: Annotated[Variant, typer.Option(help="Every criterion, or public evidence alone.")] = Variant.full,
          ) -> None:
    """Print the engagement rating of every LEP under a rubric."""
    # imported on use (the module's note)
    from lepstudy.analysis import engagement
    from lepstudy.analysis.stats import with_shares
    from lepstudy.pipeline.steps import score_variant
    from lepstudy.pipeline.study import load_study_inputs

    variant = variant.value
    settings = _settings(data_dir, config, rubric)
    try:
        data = load_study_inputs(settings)
    except (DataError, DataErrors) as exc:
        _fail(exc)
    table = score_variant(data, variant)              # the build's own scoring, not a second implementation
    names = data.reference.set_index("lep17_code")["canonical_name"]
    synthetic = variant == "full" and (data.responses.synthetic or data.feedback.synthetic)
    if synthetic:
        typer.secho("SYNTHETIC DATA: ratings rest on synthetic stand-ins, not NCVO's data.", fg=typer.colors.YELLOW)
    typer.echo(f"{'LEP':<52} {'total':>6} {'range':>9}  rating")
    for row in table.itertuples():
        total = "" if row.total != row.total else f"{row.total:g}"
        typer.echo(f"{names[row.lep17_code]:<52} {total:>6} {row.min_total:>4g}-{row.max_total:<4g}  {row.rating}")
    counts = with_shares(engagement.rating_counts(table))
    typer.echo("")
    for row in counts.itertuples():
        spread = "" if row.determined else f"undetermined: {row.lower} to {row.upper} of {row.n}"
        typer.echo(f"{row.category:<36} {row.text:>16}   {spread}")


@app.command()
def synth(seed: Annotated[int | None, typer.Option(help="Random seed (default: config/study.yaml)")] = None,
          out: Annotated[Path | None, typer.Option(help="Output folder (default data/synthetic/)")] = None,
          config: ConfigFile = None) -> None:
    """Regenerate the synthetic stand-ins for the confidential inputs (for the bodies of the config's reference
    list)."""
    # imported on use (the module's note)
    from lepstudy.synthetic.generator import generate

    settings = _settings(None, config)
    written = generate(settings, seed=seed, out_dir=out)
    used = settings.seeds["synthetic"] if seed is None else seed
    typer.echo(f"synthetic inputs written with seed {used}:")
    for name, path in written.items():
        typer.echo(f"  {name:<24} {path}")
    if seed is not None and seed != settings.seeds["synthetic"] and out is None:
        typer.secho("note: the shipped copy now differs from config/study.yaml's seed; tests compare against it.",
                    fg=typer.colors.YELLOW)


@app.command()
def template(folder: Annotated[Path, typer.Argument(help="Folder for the workbooks (created if needed).")],
             config: ConfigFile = None) -> None:
    """Write an empty, ready-to-fill workbook for each confidential input (drop-down lists for body names, Likert
    answers, yes/no and coded values; an instructions sheet), which `lepstudy validate` accepts once filled."""
    # imported on use (the module's note)
    from lepstudy.inputs.reference import load_reference
    from lepstudy.inputs.templates import write_templates
    from lepstudy.pipeline.study import load_codebook

    settings = _settings(None, config)
    try:
        names = list(load_reference(settings.files["lep_reference"])["canonical_name"])
        written = write_templates(folder, names, list(load_codebook(settings.files["codebook"]).criteria))
    except (DataError, DataErrors) as exc:
        _fail(exc)
    except OSError as exc:
        _fail(DataError(f"the folder could not be written ({exc.strerror})", file=folder,
                        expected="a folder you can write to"))
    for path in written:
        typer.echo(f"  {path}")
    typer.echo(f"fill the first sheet of each, then check them with `lepstudy validate {folder}`")


@app.command()
def report(data_dir: DataDir = None, config: ConfigFile = None, rubric: RubricFile = None,
           force: Force = False) -> None:
    """Execute every notebook (papermill, with a progress bar) and render reports/ with code hidden; a notebook
    whose source, tables and code are unchanged is not run again, nor are unchanged pages rendered (--force).

    Refuses when data/processed/ was built from other inputs or config than those given now."""
    # imported on use (the module's note)
    from lepstudy.pipeline.buildcache import report_is_current

    settings = _settings(data_dir, config, rubric)
    if not force and report_is_current(settings):
        typer.echo("nothing changed: the notebooks and pages were built from these tables and code (--force "
                   "rebuilds them)")
        index = settings.reports_dir / "index.html"
    else:
        from lepstudy.pipeline.report import build_report  # the notebook tools take 1.5 s to import: only when needed

        try:
            index = build_report(settings, force=force)
        except (DataError, DataErrors) as exc:
            _fail(exc)
    for line in answer_lines(settings, index):
        typer.echo(line)


def answer_lines(settings, index: Path) -> list[str]:
    """What a build ends with: the headline claims with their layer, and where the bulletin is."""
    with open(settings.processed_dir / "claims.csv", encoding="utf-8", newline="") as handle:   # the report checked it
        claims = {row["id"]: row for row in csv.DictReader(handle)}
    lines = [f"[{claims[claim_id]['layer']}] {claims[claim_id]['text']}"
             for claim_id in ("main.record_allows", "main.favourable_esif_expired") if claim_id in claims]
    return [*lines, f"The bulletin: {index}"]


@app.command()
def pdf(data_dir: DataDir = None, config: ConfigFile = None, output: Annotated[
        Path | None, typer.Option("--output", help="Where to write the PDF (default reports/lepstudy-publication.pdf).")
        ] = None) -> None:
    """Print the whole rendered publication to one PDF through headless Chromium (run `lepstudy report` first)."""
    # imported on use (the module's note)
    from tqdm import tqdm

    # imported on use (the module's note)
    from lepstudy.outputs.pdf import print_publication

    settings = _settings(data_dir, config)
    try:
        printed = print_publication(settings, output, progress=lambda pages: tqdm(pages, desc="printing",
                                                                                  unit="page"))
    except (FileNotFoundError, RuntimeError) as exc:
        _fail(exc)
    total = sum(p.pdf_pages for p in printed.pages)
    typer.echo(f"PDF written: {printed.path} ({len(printed.pages)} pages of the publication, {total} printed pages)")
    for page, table in printed.clipped:
        typer.secho(f"warning: {page}: a table is wider than the printed page: {table}", fg=typer.colors.YELLOW,
                    err=True)


def run() -> None:
    """The ``lepstudy`` command: every expected failure (bad input, a file or folder that cannot be read or written)
    is one message and exit code 1; an unexpected error says it is a bug and where its traceback was written."""

    try:
        app()
    except (DataError, DataErrors) as exc:
        _message_and_exit(str(exc))
    except OSError as exc:
        where = f"{exc.filename}: " if exc.filename else ""
        _message_and_exit(f"{where}{exc.strerror or exc}; expected a file or folder lepstudy can read and write "
                          "(check the path, its permissions and the free disk space)")
    except Exception:  # noqa: BLE001 - the one place an unexpected error becomes a bug report, not a traceback
        with tempfile.NamedTemporaryFile("w", prefix="lepstudy-error-", suffix=".log", delete=False) as log_file:
            log_file.write(f"lepstudy {__version__}, command: {' '.join(sys.argv)}\n\n{traceback.format_exc()}")
        kind, error = sys.exc_info()[:2]
        _message_and_exit(f"lepstudy hit an unexpected error, which is a bug ({kind.__name__}: {error}). The "
                          f"traceback is in {log_file.name}; please report it with that file.")


def _message_and_exit(message: str) -> None:
    typer.secho(message, fg=typer.colors.RED, err=True)
    raise SystemExit(1)


if __name__ == "__main__":  # pragma: no cover
    run()
