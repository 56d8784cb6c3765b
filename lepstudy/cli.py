"""The ``lepstudy`` command: build data, validate a researcher's files, score, synthesise, report."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from lepstudy.config import ENV_DATA_DIR, load_settings
from lepstudy.errors import DataError, DataErrors

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Reproducible re-analysis of NCVO's 2020 study of LEPs and the voluntary sector.")

DataDir = Annotated[
    Path | None,
    typer.Option("--data-dir", envvar=ENV_DATA_DIR,
                 help="Folder with your own (confidential) input files; they replace the synthetic stand-ins."),
]


def _fail(exc: Exception) -> None:
    typer.secho(str(exc), fg=typer.colors.RED, err=True)
    raise typer.Exit(code=1)


@app.command()
def data(data_dir: DataDir = None) -> None:
    """Build every table in data/processed/ from data/raw/ and the confidential inputs."""
    from lepstudy.pipeline import build_all

    try:
        settings = load_settings(data_dir)
        written = build_all(settings, progress=lambda label: typer.echo(f"• {label}"))
    except (DataError, DataErrors) as exc:
        _fail(exc)
    for name, path in sorted(written.items()):
        typer.echo(f"  {name:<24} {path.relative_to(settings.root)}")


@app.command()
def report(data_dir: DataDir = None) -> None:
    """Execute every notebook (papermill) and render reports/ with code hidden."""
    from lepstudy.report import build_report

    try:
        settings = load_settings(data_dir)
        index = build_report(settings)
    except (DataError, DataErrors) as exc:
        _fail(exc)
    typer.echo(f"report written: {index}")


if __name__ == "__main__":  # pragma: no cover
    app()
