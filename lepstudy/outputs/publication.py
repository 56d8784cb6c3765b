"""The publication shell: the index page (main points, things you need to know, release metadata, glossary,
accessibility statement) and the method and data-log documents as pages, rendered with lepstudy's own Jinja2
templates (``templates/publication``). Every sentence that states a number is a checked claim of the build
(``lepstudy.analysis.claims``)."""

from __future__ import annotations

import datetime
import itertools
import re
import subprocess
from pathlib import Path

import jinja2
from markdown_it import MarkdownIt

from lepstudy.core.config import Settings
from lepstudy.core.store import read_processed
from lepstudy.core.vocabulary import FEEDBACK_WORDS
from lepstudy.outputs.present import human
from lepstudy.outputs.summary import _read, input_words, rubric_notice, texts

TEMPLATES = Path(__file__).resolve().parent / "templates" / "publication"
TITLE = "LEPs and the voluntary sector: reproducible re-analysis"
LEP_INDEX = "leps/index.html"
BULLETIN_PDF = "lepstudy-bulletin.pdf"
# the findings that say what unpublished numbers would have had to be for about two-thirds
CONDITIONS = ("findings.favourable_esif_expired", "findings.favourable_code_of_practice")
DOCUMENTS = {"method.html": ("docs/method.md", "Method"), "data_log.html": ("docs/data_log.md", "Data log")}


def environment() -> jinja2.Environment:
    """The publication's templates, with ``human`` (code names in words) as a filter for curated text."""

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True, keep_trailing_newline=True)
    env.filters["human"] = human
    return env


def commit_date(root: Path) -> str:
    """The date of the checked-out commit (the same on every rerun of it), or 'unknown' outside git."""
    try:
        return subprocess.run(["git", "log", "-1", "--format=%cs"], cwd=root, capture_output=True, text=True,
                              check=True).stdout.strip() or "unknown"
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def things_to_know(manifest: dict) -> list[str]:
    """What a reader needs before the numbers: what NCVO published, what lepstudy's rubric is, and what rests on
    stand-ins (from the manifest)."""
    lines = ["NCVO published counts of LEPs' structures, such as board seats and committee members, and the headline "
             "share. It published no rubric, no rating of any LEP and none of the sector feedback.",
             "lepstudy rates each LEP with its own written rubric. It gives points for voluntary sector seats and "
             "members, a code of practice, answering NCVO, and sector feedback. Missing evidence stays unknown, so "
             "a LEP can have a range of possible ratings."]
    if manifest["synthetic_inputs"]:
        lines.append(f"NCVO's confidential inputs are replaced by synthetic stand-ins for "
                     f"{input_words(manifest['synthetic_inputs'])}. Results that use them show the method only. "
                     "They are in the technical annex, marked synthetic, and none is in this bulletin.")
    else:
        lines.append("This run uses the researcher's own confidential files; only aggregates are shown and small "
                     "counts are suppressed.")
    return lines


def render_index(settings: Settings, pages: list[tuple[str, str]], footer: str, manifest: dict,
                 pdf: bool = True) -> str:
    """The front page: every sentence with a number is a claim of the build (the ``claims`` table); ``pdf``: link
    the bulletin's PDF (printed after the page, when Chromium is there to print it)."""
    table = _read(settings, "claims")
    bounds = _read(settings, "reconstruction_bounds").iloc[0]
    window = f"{int(bounds['window_low'])} to {int(bounds['window_high'])} of {int(bounds['n'])}"
    # the bulletin carries real findings only: results on stand-ins demonstrate the method in the technical annex
    findings = table.loc[table["section"] == "findings", ["id", "text", "layer"]]
    demonstrations = int(findings["layer"].ne("real").sum())
    real = findings[findings["layer"].eq("real")]
    condition = real["id"].isin(CONDITIONS)
    titles = texts(table, "title")
    return environment().get_template("index.html.j2").render(
        title=titles[0] if titles else TITLE, series=TITLE, navigation=navigation(pages), footer=footer,
        version=manifest["version"], commit=manifest["git_commit"][:12], released=release_date(settings.root),
        status=settings.raw["publication"]["status"], contact=settings.raw["publication"]["contact"],
        contact_url=settings.raw["publication"]["contact_url"],
        repository_url=settings.raw["publication"]["repository_url"],
        ncvo_url=_read_published(settings), notices=rubric_notice(manifest),
        main_points=texts(table, "main"), findings=list(real.loc[~condition, "text"]),
        conditions=list(real.loc[condition, "text"]), demonstrations=demonstrations, annex=pages,
        lep_index=LEP_INDEX, pdf_name=BULLETIN_PDF if pdf else None, know=things_to_know(manifest),
        feedback_words=FEEDBACK_WORDS, window=window, stand_ins=bool(manifest["synthetic_inputs"]))


def release_date(root: Path) -> str:
    """The release date in words ("5 December 2026"): the date of the checked-out commit, the same on every rerun."""

    day = commit_date(root)
    try:
        date = datetime.date.fromisoformat(day)
    except ValueError:
        return day
    return f"{date.day} {date:%B %Y}"


def _read_published(settings: Settings) -> str:
    """Where NCVO published the two-thirds share (the ``published_figures`` table of the store)."""
    figures = read_processed(settings, "published_figures").set_index("figure_id")
    return str(figures.at["share_engagement_ri_or_inadequate", "source_url"])


def navigation(pages: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Every page of the publication, in reading order, by its full title."""
    return [("index.html", "Bulletin"), *pages, (LEP_INDEX, "LEP by LEP"),
            *((h, t) for h, (_, t) in DOCUMENTS.items())]


def scrollable_tables(body: str, title: str) -> str:
    """Each table of a rendered document inside a box that scrolls on a narrow screen and takes keyboard focus."""

    numbers = itertools.count(1)
    body = re.sub(r"<table>", lambda _: f'<div class="table-wrap" role="region" aria-label="{title}, table '
                                        f'{next(numbers)}" tabindex="0"><table>', body)
    return body.replace("</table>", "</table></div>")


def render_documents(settings: Settings, pages: list[tuple[str, str]], footer: str) -> dict[str, str]:
    """``docs/method.md`` and ``docs/data_log.md`` as pages of the publication (markdown-it, tables enabled)."""

    markdown = MarkdownIt("commonmark", {"html": False}).enable("table")
    out = {}
    for name, (source, title) in DOCUMENTS.items():
        text = (settings.root / source).read_text(encoding="utf-8")
        out[name] = environment().get_template("document.html.j2").render(
            title=f"{title} — {TITLE}", navigation=navigation(pages), footer=footer,
            body=scrollable_tables(markdown.render(text), title))
    return out
