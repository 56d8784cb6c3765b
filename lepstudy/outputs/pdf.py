"""Print the whole publication to one PDF through headless Chromium (``make pdf``, ``lepstudy pdf``).

Each page of ``reports/`` is opened in Chromium (Debian's ``chromium`` and ``chromedriver``, driven by Selenium),
checked for tables wider than an A4 page under the print style sheet, printed with Chromium's own PDF printer
(DevTools ``Page.printToPDF``), and the pages are joined in reading order with pypdf, one bookmark per page."""

from __future__ import annotations

import base64
import io
import logging
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from lepstudy.core.config import Settings
from lepstudy.core.records import atomic_write_bytes
from lepstudy.outputs.lep_pages import FOLDER, SORTS
from lepstudy.outputs.publication import BULLETIN_PDF

log = logging.getLogger(__name__)

A4_INCHES = (8.27, 11.69)
MARGIN_INCHES = 0.5
CSS_PX_PER_INCH = 96
PRINTABLE_WIDTH_PX = round((A4_INCHES[0] - 2 * MARGIN_INCHES) * CSS_PX_PER_INCH)
PDF_NAME = "lepstudy-publication.pdf"
# Chromium's printToPDF options for an A4 page with the publication's margins and its coloured boxes
A4_PRINT = {"paperWidth": A4_INCHES[0], "paperHeight": A4_INCHES[1], "marginTop": MARGIN_INCHES,
            "marginBottom": MARGIN_INCHES, "marginLeft": MARGIN_INCHES, "marginRight": MARGIN_INCHES,
            "printBackground": True}

# tables (or their cells) that reach past the printable width, under the print style sheet
CLIPPED_TABLES_JS = """
const width = document.documentElement.clientWidth;
return Array.from(document.querySelectorAll('table')).filter(t => {
  const box = t.getBoundingClientRect();
  return box.right > width + 1 || t.scrollWidth > Math.ceil(box.width) + 1;
}).map(t => (t.caption ? t.caption.textContent : t.textContent).trim().slice(0, 80));
"""


@dataclass(frozen=True)
class PrintedPage:
    page: str            # path under reports/
    title: str
    pdf_pages: int
    clipped_tables: tuple[str, ...]


@dataclass(frozen=True)
class PrintedPublication:
    path: Path
    pages: list[PrintedPage]

    @property
    def clipped(self) -> list[tuple[str, str]]:
        return [(p.page, table) for p in self.pages for table in p.clipped_tables]


def publication_pages(reports_dir: Path) -> list[Path]:
    """Every page of the publication in reading order: the summary, the notebook pages, the LEP index and the
    LEP pages (in the index's order), then the method and data log."""

    leps = reports_dir / FOLDER
    sorted_copies = {order.file for order in SORTS[1:]}
    lep_pages = sorted(p for p in leps.glob("*.html") if p.name not in sorted_copies | {SORTS[0].file})
    pages = [reports_dir / "index.html", *sorted(reports_dir.glob("[0-9][0-9]-*.html")), leps / SORTS[0].file,
             *lep_pages, reports_dir / "method.html", reports_dir / "data_log.html"]
    missing = [p for p in pages if not p.is_file()]
    if missing or not lep_pages:
        raise FileNotFoundError(f"the publication is incomplete ({', '.join(str(p) for p in missing) or 'no LEP pages'}"
                                "): run `make all` (or `lepstudy report`) first")
    return pages


@contextmanager
def chromium() -> Iterator[object]:
    """A headless Chromium session; a clear error naming the packages when Chromium is not installed."""
    binary = shutil.which("chromium") or shutil.which("chromium-browser")
    driver_path = shutil.which("chromedriver")
    if not (binary and driver_path):
        raise RuntimeError("printing needs Chromium and its driver: apt-get install chromium chromium-driver")
    # optional (the pdf extra): only printing needs the browser driver
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-sync",
                 "--disable-background-networking", "--disable-component-update"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(executable_path=driver_path), options=options)
    driver.set_page_load_timeout(120)
    try:
        yield driver
    finally:
        driver.quit()


def print_page(driver, page: Path) -> tuple[bytes, str, list[str]]:
    """One page as PDF bytes, with its title and the captions of any table wider than the printable width."""
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": PRINTABLE_WIDTH_PX, "height": 1000, "deviceScaleFactor": 1, "mobile": False})
    driver.get(page.as_uri())
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    clipped = driver.execute_script(CLIPPED_TABLES_JS)
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    printed = driver.execute_cdp_cmd("Page.printToPDF", A4_PRINT)
    return base64.b64decode(printed["data"]), driver.title, clipped


def print_bulletin(settings: Settings) -> Path:
    """The bulletin (``reports/index.html``) alone as a short, tagged PDF (Chromium's tagged printing: structure
    tree, language, title and a document outline from the headings), beside the page that links it."""

    with chromium() as driver:
        driver.get((settings.reports_dir / "index.html").as_uri())
        printed = driver.execute_cdp_cmd("Page.printToPDF", {**A4_PRINT, "generateTaggedPDF": True,
                                                              "generateDocumentOutline": True})
    return atomic_write_bytes(settings.reports_dir / BULLETIN_PDF, base64.b64decode(printed["data"]))


def remove_stale_pdf(reports_dir: Path) -> Path | None:
    """Remove the publication's PDF when the pages are rendered again: it printed the previous build's pages, so
    it is stale (``make pdf`` prints a new one). Returns the removed path, or None when there was none."""
    target = reports_dir / PDF_NAME
    if not target.is_file():
        return None
    target.unlink()
    return target


def print_publication(settings: Settings, target: Path | None = None, progress=None) -> PrintedPublication:
    """Print every page of ``reports/`` into one PDF (``reports/lepstudy-publication.pdf`` by default), with a
    bookmark per page; returns what was printed, incl. any clipped table (logged as a warning)."""
    # optional (the pdf extra): only printing joins PDFs
    from pypdf import PdfReader, PdfWriter

    pages = publication_pages(settings.reports_dir)
    writer = PdfWriter()
    printed = []
    with chromium() as driver:
        for page in progress(pages) if progress else pages:
            data, title, clipped = print_page(driver, page)
            reader = PdfReader(io.BytesIO(data))
            writer.append(reader, outline_item=title)
            name = str(page.relative_to(settings.reports_dir))
            printed.append(PrintedPage(name, title, len(reader.pages), tuple(clipped)))
            for table in clipped:
                log.warning("%s: a table is wider than the printed page: %s", name, table)
    writer.add_metadata({"/Title": "LEPs and the voluntary sector: reproducible re-analysis", "/Creator": "lepstudy"})
    buffer = io.BytesIO()
    writer.write(buffer)
    target = target or settings.reports_dir / PDF_NAME
    atomic_write_bytes(target, buffer.getvalue())
    return PrintedPublication(target, printed)
