"""The publication shell: the index page (main points, what we can and cannot say, release metadata, glossary,
accessibility statement) and the method and data-log documents as pages, rendered with lepstudy's own Jinja2
templates (``templates/publication``). Every sentence comes from the processed tables (``lepstudy.summary``)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import jinja2

from lepstudy.config import Settings
from lepstudy.summary import _read, input_words, rubric_notice, summary_sentences, synthetic_notice

TEMPLATES = Path(__file__).resolve().parent / "templates" / "publication"
TITLE = "LEPs and the voluntary sector: reproducible re-analysis"
MAIN_POINTS = 4
LEP_INDEX = "leps/index.html"
DOCUMENTS = {"method.html": ("docs/method.md", "Method"), "data_log.html": ("docs/data_log.md", "Data log")}


def environment() -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True, keep_trailing_newline=True)


def commit_date(root: Path) -> str:
    """The date of the checked-out commit (the same on every rerun of it), or 'unknown' outside git."""
    try:
        return subprocess.run(["git", "log", "-1", "--format=%cs"], cwd=root, capture_output=True, text=True,
                              check=True).stdout.strip() or "unknown"
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def can_and_cannot_say(settings: Settings, manifest: dict) -> list[str]:
    """The box that replaces a list of input files: what the real evidence supports, what it cannot settle, and
    what rests on stand-ins, each computed from the tables and the manifest."""
    lines = []
    board = _read(settings, "board_evidence_public")
    if board is not None:
        found = int(board["main_board_vcs"].eq(True).sum())
        lines.append(f"We can say from public sources alone that {found} of {len(board)} LEPs had a voluntary sector "
                     "seat on the main board.")
    bounds = _read(settings, "reconstruction_bounds")
    if bounds is not None:
        free = bounds.set_index("feedback").loc["free"]
        if bool(free["consistent"]):
            lines.append(f"We can say that NCVO's published counts are consistent with one another and with the public "
                         f"record; we cannot say from public evidence how many LEPs were Requires improvement or "
                         f"Inadequate: anywhere from {int(free['minimum'])} to {int(free['maximum'])} of "
                         f"{int(free['n'])}.")
        else:
            lines.append(f"We cannot reconcile NCVO's published counts with the public record: "
                         f"{free['conflicting_figures']} contradict it.")
    if manifest["synthetic_inputs"]:
        stand_ins = input_words(manifest["synthetic_inputs"])
        lines.append(f"We cannot say anything about LEPs from results that use {stand_ins}: NCVO published none of "
                     "them, so they are synthetic stand-ins that show the method, marked [synthetic].")
    else:
        lines.append("Results marked with the researcher's own files rest on confidential inputs; only aggregates "
                     "are shown and small counts are suppressed.")
    return lines


def render_index(settings: Settings, pages: list[tuple[str, str]], footer: str, manifest: dict) -> str:
    sentences = summary_sentences(settings)
    published = _read_published(settings)
    return environment().get_template("index.html.j2").render(
        title=TITLE, navigation=navigation(pages), footer=footer, version=manifest["version"],
        commit=manifest["git_commit"][:12], commit_date=commit_date(settings.root),
        status=settings.raw["publication"]["status"], contact=settings.raw["publication"]["contact"],
        ncvo_url=published, notices=synthetic_notice(manifest) + rubric_notice(manifest),
        main_points=sentences[:MAIN_POINTS], findings=sentences[MAIN_POINTS:],
        can_say=can_and_cannot_say(settings, manifest), pages=navigation(pages)[1:])


def _read_published(settings: Settings) -> str:
    from lepstudy.sources import load_published_figures

    figures = load_published_figures(settings.raw_dir).set_index("figure_id")
    return str(figures.at["share_engagement_ri_or_inadequate", "source_url"])


def navigation(pages: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Every page of the publication, in reading order, by its full title."""
    return [("index.html", "Summary"), *pages, (LEP_INDEX, "LEP by LEP"),
            *((h, t) for h, (_, t) in DOCUMENTS.items())]


def scrollable_tables(body: str, title: str) -> str:
    """Each table of a rendered document inside a box that scrolls on a narrow screen and takes keyboard focus."""
    import itertools
    import re

    numbers = itertools.count(1)
    body = re.sub(r"<table>", lambda _: f'<div class="table-wrap" role="region" aria-label="{title}, table '
                                        f'{next(numbers)}" tabindex="0"><table>', body)
    return body.replace("</table>", "</table></div>")


def render_documents(settings: Settings, pages: list[tuple[str, str]], footer: str) -> dict[str, str]:
    """``docs/method.md`` and ``docs/data_log.md`` as pages of the publication (markdown-it, tables enabled)."""
    from markdown_it import MarkdownIt

    markdown = MarkdownIt("commonmark", {"html": False}).enable("table")
    out = {}
    for name, (source, title) in DOCUMENTS.items():
        text = (settings.root / source).read_text(encoding="utf-8")
        out[name] = environment().get_template("document.html.j2").render(
            title=f"{title} — {TITLE}", navigation=navigation(pages), footer=footer,
            body=scrollable_tables(markdown.render(text), title))
    return out
