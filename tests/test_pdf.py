"""`make pdf`: the whole publication printed to one PDF through headless Chromium."""

import dataclasses
import shutil

import pytest

from lepstudy.outputs.pdf import publication_pages


def test_an_unrendered_publication_is_refused_with_the_command_to_run(tmp_path):
    (tmp_path / "index.html").write_text("<html></html>")
    with pytest.raises(FileNotFoundError, match="run `make all`"):
        publication_pages(tmp_path)


@pytest.mark.slow
def test_the_pdf_has_every_page_and_no_clipped_table(settings, report, tmp_path):
    if not ((shutil.which("chromium") or shutil.which("chromium-browser")) and shutil.which("chromedriver")):
        pytest.skip("chromium and chromedriver are not installed (apt-get install chromium chromium-driver)")
    from pypdf import PdfReader

    from lepstudy.outputs.pdf import print_publication

    pages = publication_pages(settings.reports_dir)
    assert len(pages) == 1 + 4 + 1 + 38 + 2      # summary, notebooks, LEP index, a page per LEP, method, data log
    printed = print_publication(settings, tmp_path / "publication.pdf")
    assert printed.clipped == []
    reader = PdfReader(printed.path)
    assert [item.title for item in reader.outline] == [p.title for p in printed.pages]
    assert len(printed.pages) == len(pages) and all(p.pdf_pages >= 1 for p in printed.pages)
    assert len(reader.pages) == sum(p.pdf_pages for p in printed.pages)
    first = 0
    for page in printed.pages:      # every page's heading is on the first PDF page printed from it
        heading = page.title.split(" — ")[0].split(":")[0][:40]
        assert heading in reader.pages[first].extract_text(), page.page
        first += page.pdf_pages


def test_rendering_the_pages_again_removes_the_stale_pdf(tmp_path):
    """A PDF printed from the previous build's pages is removed when the pages are rendered again (and `make clean`
    removes it too), so no stale PDF sits beside new pages."""
    from lepstudy.outputs.pdf import PDF_NAME, remove_stale_pdf

    assert remove_stale_pdf(tmp_path) is None
    (tmp_path / PDF_NAME).write_bytes(b"%PDF-1.7 old")
    assert remove_stale_pdf(tmp_path) == tmp_path / PDF_NAME and not (tmp_path / PDF_NAME).exists()


@pytest.mark.slow
def test_the_bulletin_pdf_is_short_tagged_and_linked(settings, report):
    """The report prints the bulletin alone to a tagged PDF (structure tree, marked content, language, title from
    the page) of a few pages, linked from the bulletin; its text carries the first main point."""
    if not ((shutil.which("chromium") or shutil.which("chromium-browser")) and shutil.which("chromedriver")):
        pytest.skip("chromium and chromedriver are not installed (apt-get install chromium chromium-driver)")
    import html
    import re

    from pypdf import PdfReader

    from lepstudy.outputs.publication import BULLETIN_PDF

    page = html.unescape((settings.reports_dir / "index.html").read_text(encoding="utf-8"))
    assert f'href="{BULLETIN_PDF}"' in page
    reader = PdfReader(settings.reports_dir / BULLETIN_PDF)
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"] and root["/Lang"] == "en"
    title = re.search(r"<h1>(.*?)</h1>", page, re.S).group(1)
    assert reader.metadata["/Title"] == title
    assert 2 <= len(reader.pages) <= 8
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    first = re.search(r'<section class="main-points".*?<li>(.*?)</li>', page, re.S).group(1)
    assert " ".join(first.split())[:60] in text


def test_without_chromium_the_bulletin_does_not_link_a_pdf(settings, built, tmp_path, monkeypatch):
    """No Chromium: the report warns and renders the bulletin without a link to a PDF it could not print."""
    from lepstudy.outputs import pdf, publication
    from lepstudy.pipeline.report import _bulletin_pdf

    monkeypatch.setattr(pdf.shutil, "which", lambda name: None)
    monkeypatch.setattr(publication, "commit_date", lambda root: "2026-12-05")
    other = dataclasses.replace(settings, reports_dir=tmp_path)
    manifest = {"version": "0", "git_commit": "abc", "synthetic_inputs": [], "rubric": {"preregistered": True}}
    _bulletin_pdf(other, [], "", manifest)
    page = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert "<h1>" in page and publication.BULLETIN_PDF not in page
