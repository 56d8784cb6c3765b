"""Execute the jupytext notebooks with papermill and render them to HTML with code hidden.

Notebook sources are ``notebooks/NN-*.py`` (jupytext percent format). Each is converted to
``.ipynb`` (a build product), executed in place with the repository root as working directory, then
rendered to ``reports/NN-*.html`` without input cells. ``reports/index.html`` links the pages.
"""

from __future__ import annotations

import json
import logging
from concurrent.futures import ThreadPoolExecutor, as_completed
from pathlib import Path

import jupytext
import nbformat
import papermill
from tqdm import tqdm

from lepstudy.core.config import Settings
from lepstudy.core.records import atomic_write_bytes
from lepstudy.core.runlock import holding
from lepstudy.outputs.lep_pages import render_lep_pages
from lepstudy.outputs.pdf import print_bulletin, remove_stale_pdf
from lepstudy.outputs.publication import BULLETIN_PDF, TITLE, environment, navigation, render_documents, render_index
from lepstudy.outputs.summary import manifest_footer, rubric_notice, synthetic_notice
from lepstudy.pipeline.buildcache import (
    Stage,
    current_notebooks,
    notebook_outputs,
    notebook_parameters,
    notebook_sources,
    report_outputs,
    report_stages,
)
from lepstudy.pipeline.fingerprint import check_manifest

log = logging.getLogger(__name__)


# jupyter_client picks a kernel's TCP ports before the kernel binds them; when another process takes one in between
# the kernel dies at start ("Address already in use"). That race, not the notebook, is retried.
KERNEL_DIED = "Kernel died before replying to kernel_info"
KERNEL_START_ATTEMPTS = 3


def execute_notebook(source: Path, settings: Settings, parameters: dict | None = None) -> Path:
    """Convert a jupytext source to .ipynb and execute it with papermill; returns the executed path.

    The executed notebook is written beside the reports (``reports/notebooks/``), a build product.
    """
    notebook = jupytext.read(source)
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    target = settings.reports_dir / "notebooks" / f"{source.stem}.ipynb"
    target.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook, target)
    parameters = {**notebook_parameters(settings), **(parameters or {})}
    for attempt in range(1, KERNEL_START_ATTEMPTS + 1):
        try:
            papermill.execute_notebook(
                str(target), str(target), parameters=parameters or {}, cwd=str(settings.root),
                kernel_name="python3", progress_bar=False, log_output=False,
                # the kernel's own log at ERROR: its warning that loopback TCP is unencrypted breaks the progress bar
                # and asks nothing of the user (the kernel listens on 127.0.0.1 only)
                extra_arguments=["--IPKernelApp.log_level=ERROR"],
            )
            break
        except RuntimeError as exc:           # a notebook's own error is a PapermillExecutionError, never retried
            if KERNEL_DIED not in str(exc) or attempt == KERNEL_START_ATTEMPTS:
                raise
            log.warning("the kernel for %s died while starting (%s); starting another", source.name, exc)
    executed = nbformat.read(target, as_version=4)
    for number, cell in enumerate(executed.cells):    # fixed cell ids (jupytext and papermill draw random ones),
        cell["id"] = f"cell-{number}"                 # so a rerun gives byte-identical pages
    nbformat.write(executed, target)
    return target


def _title(notebook: nbformat.NotebookNode, fallback: str) -> str:
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return fallback


def render_html(notebook: nbformat.NotebookNode, pages: list[tuple[str, str]], footer: str, notice: str = "") -> str:
    """Render an executed notebook as a page of the technical annex: its outputs and text without code, in the
    publication's own page (the same menu, type and style sheet as the bulletin; nothing fetched from the internet)."""
    # heavy: the notebook tools take about 1.8 s to import; only rendering loads them
    from nbconvert import HTMLExporter


    exporter = HTMLExporter(template_name="basic")          # the cells only: the page around them is lepstudy's
    exporter.exclude_input = True
    exporter.exclude_input_prompt = True
    exporter.exclude_output_prompt = True
    body, _ = exporter.from_notebook_node(notebook)
    title = _title(notebook, "lepstudy")
    return environment().get_template("annex.html.j2").render(
        title=f"{title} — {TITLE}", navigation=navigation(pages), footer=footer, notice=notice, body=body)


def build_report(settings: Settings, show_progress: bool = True, force: bool = True) -> Path:
    """Execute every notebook, render each to HTML, and write the index, the document and LEP pages and a copy of
    the run manifest. The pages that rest on no notebook are rendered while the kernels run; nothing is written
    under reports/ (but the executed notebooks) until every notebook has run.

    Refuses (``DataError``) when the processed tables no longer match the current inputs or config, and when
    another run holds the processed folder (``lepstudy.core.runlock``): the pages must be those of one run's tables.

    Without ``force``, a notebook whose source, parameters, tables and code are those of its last run is not run
    again, and when none is, unchanged pages are not rendered again (``lepstudy.pipeline.buildcache``)."""
    with holding(settings.processed_dir, "lepstudy report"):
        return _build_report(settings, show_progress, force)


def _run_notebook(stage: Stage, source: Path, settings: Settings, reuse: bool) -> Path:
    """Execute a notebook unless its stage is current (``reuse``); record its key with what it wrote."""
    if reuse:
        return settings.reports_dir / "notebooks" / f"{source.stem}.ipynb"
    stage.start()
    executed = execute_notebook(source, settings)
    stage.finish(notebook_outputs(settings, source))
    return executed


def _build_report(settings: Settings, show_progress: bool, force: bool) -> Path:
    manifest = check_manifest(settings)
    settings.reports_dir.mkdir(parents=True, exist_ok=True)
    sources = notebook_sources(settings)
    stages, pages_stage = report_stages(settings, manifest)
    reuse = [False] * len(stages) if force else current_notebooks(stages)
    if all(reuse) and pages_stage.is_current():
        log.info("nothing changed since the last report: its notebooks and pages are reused")
        return settings.reports_dir / "index.html"
    pages_stage.start()
    # each notebook runs in its own kernel process, so two at a time use both cores
    pool = ThreadPoolExecutor(max_workers=2)
    futures = [pool.submit(_run_notebook, stage, source, settings, current)
               for stage, source, current in zip(stages, sources, reuse, strict=True)]
    try:
        pages = [(f"{source.stem}.html", _title(jupytext.read(source), source.stem)) for source in sources]
        footer = manifest_footer(manifest)
        other_pages = _pages_without_notebooks(settings, pages, footer, manifest)
        for _ in tqdm(as_completed(futures), total=len(futures), desc="executing notebooks", unit="notebook",
                      disable=not show_progress):
            pass
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)    # Ctrl-C: queued notebooks never start
        raise
    pool.shutdown()
    executed = [future.result() for future in futures]
    atomic_write_bytes(settings.reports_dir / "run_manifest.json",
                       (json.dumps(manifest, indent=2, sort_keys=True) + "\n").encode())

    for path in executed:
        page = render_html(nbformat.read(path, as_version=4), pages, footer,
                           synthetic_notice(manifest) + rubric_notice(manifest))
        atomic_write_bytes(settings.reports_dir / f"{path.stem}.html", page.encode("utf-8"))
    for name, page in other_pages.items():
        target = settings.reports_dir / name
        target.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(target, page.encode("utf-8"))
    removed = remove_stale_pdf(settings.reports_dir)
    if removed is not None:
        log.warning("removed %s: it printed the previous build's pages; run `make pdf` to print these", removed)
    _bulletin_pdf(settings, pages, footer, manifest)
    pages_stage.finish(report_outputs(settings))
    return settings.reports_dir / "index.html"


def _bulletin_pdf(settings: Settings, pages: list[tuple[str, str]], footer: str, manifest: dict) -> None:
    """Print the bulletin to its PDF; without Chromium, say so and render the bulletin again without the link."""

    try:
        print_bulletin(settings)
    except RuntimeError as exc:         # Chromium is not installed: no PDF, so no link to one
        (settings.reports_dir / BULLETIN_PDF).unlink(missing_ok=True)
        log.warning("the bulletin's PDF was not printed (%s); the bulletin does not link it", exc)
        atomic_write_bytes(settings.reports_dir / "index.html",
                           render_index(settings, pages, footer, manifest, pdf=False).encode("utf-8"))


def _pages_without_notebooks(settings: Settings, pages: list[tuple[str, str]], footer: str,
                             manifest: dict) -> dict[str, str]:
    """The front page, the method and data-log pages and the LEP pages, by file name under reports/."""

    return {"index.html": render_index(settings, pages, footer, manifest),
            **render_documents(settings, pages, footer), **render_lep_pages(settings, pages, manifest)}
