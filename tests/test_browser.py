"""Open the rendered report in a real headless browser (Debian's chromium + chromedriver).

.ci/run installs chromium when it is absent; elsewhere the test is skipped with the reason.
A screenshot of each page is saved under reports/screenshots/ for review.
"""

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    if not (CHROMIUM and DRIVER):
        pytest.skip("chromium and chromedriver are not installed (apt-get install chromium chromium-driver)")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--window-size=1280,1600", f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(executable_path=DRIVER), options=options)
    driver.set_page_load_timeout(60)
    yield driver
    driver.quit()


def test_report_renders_in_a_real_browser(settings, report, browser):
    from selenium.webdriver.common.by import By

    shots = settings.reports_dir / "screenshots"
    shots.mkdir(exist_ok=True)
    pages = ["index.html"] + sorted(p.name for p in settings.reports_dir.glob("0*.html"))
    assert len(pages) == 5          # the front page and the four notebook pages
    for name in pages:
        browser.get((settings.reports_dir / name).as_uri())
        images = browser.find_elements(By.TAG_NAME, "img")
        broken = browser.execute_script(
            "return Array.from(document.images).filter(i => !(i.complete && i.naturalWidth > 0)).length")
        assert broken == 0, f"{name}: {broken} image(s) failed to load"
        if name != "index.html":
            assert len(images) >= 1, f"{name} shows no figure"
        body = browser.find_element(By.TAG_NAME, "body").text
        assert "import " not in body and "load_settings(" not in body, f"{name}: code is visible"
        assert "Run manifest" in body
        if name == "index.html":        # the bulletin carries real findings only; the annex pages demonstrate
            assert "SYNTHETIC DATA" not in body, "the bulletin shows a synthetic-data banner"
        else:
            assert "SYNTHETIC DATA" in body, f"{name}: the synthetic-data notice is missing"
        browser.save_screenshot(str(shots / f"{name[:-5]}.png"))
    assert (shots / "index.png").stat().st_size > 0


AXE = Path(__file__).resolve().parent / "vendor" / "axe-core" / "axe.min.js"


def _serious_violations(browser, page: Path) -> list:
    """axe-core's violations of serious or critical impact on one page, as [rule, impact, nodes] (axe-core is loaded
    into every page by ``_with_axe``)."""
    browser.get(page.as_uri())
    violations = browser.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {resultTypes: ['violations']})"
        ".then(r => done(r.violations.map(v => [v.id, v.impact, v.nodes.length])));")
    return [v for v in violations if v[1] in ("serious", "critical")]


def test_axe_core_finds_no_serious_or_critical_violations(settings, report, browser):
    """Every page of the publication, checked by axe-core (vendored, pinned) in headless Chromium: no violation of
    serious or critical impact (landmarks, contrast, target size, table headers, names of controls); and every page
    again at phone width, where wide tables scroll inside a focusable box."""
    browser.set_script_timeout(120)
    pages = sorted(settings.reports_dir.glob("*.html")) + sorted((settings.reports_dir / "leps").glob("*.html"))
    with _with_axe(browser):
        found = {str(page.relative_to(settings.reports_dir)): _serious_violations(browser, page) for page in pages}
        assert len(found) >= 7 + 38 + 4          # the publication, a page per LEP and the index in four sort orders
        browser.set_window_size(375, 812)
        try:
            for page in pages:
                name = str(page.relative_to(settings.reports_dir))
                found[f"{name} (phone width)"] = _serious_violations(browser, page)
        finally:
            browser.set_window_size(1280, 1600)
    assert all(not bad for bad in found.values()), {k: v for k, v in found.items() if v}


def test_axe_core_finds_a_planted_violation(browser, tmp_path):
    """The harness can fail: a page with an unlabelled image and a nameless button shows both violations."""
    page = tmp_path / "bad.html"
    page.write_text('<!doctype html><html lang="en"><head><title>bad</title></head><body><main>'
                    '<img src="x.png"><button></button></main></body></html>', encoding="utf-8")
    with _with_axe(browser):
        found = {rule for rule, _, _ in _serious_violations(browser, page)}
    assert {"image-alt", "button-name"} <= found


@contextmanager
def _with_axe(browser) -> Iterator[None]:
    """axe-core added to every page the browser opens while the block runs: sent to the browser once, not once per
    page (half a megabyte each time)."""
    added = browser.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument",
                                    {"source": AXE.read_text(encoding="utf-8")})
    try:
        yield
    finally:
        browser.execute_cdp_cmd("Page.removeScriptToEvaluateOnNewDocument", {"identifier": added["identifier"]})


def test_the_first_phone_screen_holds_the_answer_and_the_first_main_point(settings, report, browser):
    """At 375 x 667 px (a small phone) the bulletin's title and its first main point are on the first screen; the
    screenshot is kept for review."""
    from selenium.webdriver.common.by import By

    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": 375, "height": 667,
                                                                      "deviceScaleFactor": 2, "mobile": True})
    try:
        browser.get((settings.reports_dir / "index.html").as_uri())
        height = browser.execute_script("return window.innerHeight")
        first = browser.find_element(By.CSS_SELECTOR, ".main-points li")
        bottom = browser.execute_script("return arguments[0].getBoundingClientRect().top + 24", first)
        assert bottom <= height, f"the first main point starts {bottom - 24:.0f} px down a {height} px screen"
        assert browser.find_element(By.TAG_NAME, "h1").rect["y"] < height / 2
        width = browser.execute_script("return document.documentElement.scrollWidth")
        assert width <= 375, f"the page scrolls sideways ({width} px wide)"
        shots = settings.reports_dir / "screenshots"
        shots.mkdir(exist_ok=True)
        browser.save_screenshot(str(shots / "index-phone.png"))
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def test_lep_pages_keep_labels_to_a_third_of_a_phone_screen(settings, report, browser):
    """At 375 px a LEP page's label column (its facts' names) takes at most a third of the width."""
    from selenium.webdriver.common.by import By

    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": 375, "height": 667,
                                                                      "deviceScaleFactor": 2, "mobile": True})
    try:
        browser.get((settings.reports_dir / "leps" / "greater-manchester.html").as_uri())
        listing = browser.find_element(By.CSS_SELECTOR, "dl.metadata")
        label = listing.find_element(By.TAG_NAME, "dt")
        assert label.rect["width"] <= listing.rect["width"] / 3 + 1
        assert browser.execute_script("return document.documentElement.scrollWidth") <= 375
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


# every pair of chart texts whose boxes overlap by more than a pixel each way (rotated tick labels, whose upright
# boxes overlap while their letters do not, are left out)
OVERLAPS_JS = """
const texts = Array.from(document.querySelectorAll('text')).filter(
  t => t.textContent.trim() && !/rotate\\((?!-?0[ ,)])/.test(t.getAttribute('transform') || ''));
const boxes = texts.map(t => { const r = t.getBoundingClientRect();
                               return [r.left, r.top, r.right, r.bottom, t.textContent.trim()]; });
const hits = [];
for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
  const a = boxes[i], b = boxes[j];
  const w = Math.min(a[2], b[2]) - Math.max(a[0], b[0]), h = Math.min(a[3], b[3]) - Math.max(a[1], b[1]);
  if (w > 1 && h > 1) hits.push([a[4], b[4]]);
}
return hits;
"""


def test_no_chart_text_overlaps_another(settings, report, browser):
    """Every chart's labels, titles and annotations, measured in the browser on the SVG as drawn: none covers
    another."""
    found = {}
    for svg in sorted(settings.figures_dir.glob("*.svg")):
        browser.get(svg.resolve().as_uri())
        hits = browser.execute_script(OVERLAPS_JS)
        if hits:
            found[svg.name] = hits[:3]
    assert len(list(settings.figures_dir.glob("*.svg"))) >= 16 and found == {}


# each chart as a 375 px phone shows it: which render it drew, how wide, and the size its smallest text then has
PHONE_CHARTS_JS = """
return Array.from(document.querySelectorAll('figure.chart img')).map(img => {
  const source = img.parentElement.querySelector('source');
  const box = img.closest('.chart-wide') || img.closest('figure');
  const width = img.getBoundingClientRect().width;
  return {phone: img.currentSrc === source.srcset.split(' ')[0], width: width, natural: img.naturalWidth,
          left: img.getBoundingClientRect().left,
          smallest: parseFloat(img.dataset.phoneSmallestPx) * width / img.naturalWidth,
          scrolls: box.scrollWidth > box.clientWidth + 1, boxed: img.closest('.chart-wide') !== null,
          alt: img.alt.slice(0, 60)};
});
"""


def test_phone_charts_keep_their_smallest_text_at_11_px(settings, report, browser):
    """At 375 px every chart of the technical annex is drawn from its phone render, and its smallest text (tick
    labels included) is at least 11 px as the browser lays it out; a chart wider than the screen scrolls inside
    its own box (with the tables' scroll cue), never the page. A screenshot of each chart is taken and must be as
    wide as its layout; they are kept under reports/screenshots/phone-charts/ for review."""
    import base64
    import struct

    shots = settings.reports_dir / "screenshots" / "phone-charts"
    shots.mkdir(parents=True, exist_ok=True)
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": 375, "height": 812,
                                                                      "deviceScaleFactor": 1, "mobile": True})
    try:
        seen = 0
        for page in sorted(settings.reports_dir.glob("0*.html")):
            browser.get(page.as_uri())
            browser.execute_script("return Promise.all(Array.from(document.images).map(i => i.decode()))")
            charts = browser.execute_script(PHONE_CHARTS_JS)
            assert browser.execute_script("return document.documentElement.scrollWidth") <= 375, page.name
            for index, chart in enumerate(charts):
                where = f"{page.name} chart {index + 1} ({chart['alt']}...)"
                assert chart["phone"], f"{where}: the desktop render is shown on a phone"
                assert chart["smallest"] >= 11, f"{where}: smallest text {chart['smallest']:.1f} px"
                assert chart["boxed"] or not chart["scrolls"], where
                element = browser.execute_script(
                    "return document.querySelectorAll('figure.chart img')[arguments[0]]", index)
                browser.execute_script("arguments[0].scrollIntoView()", element)
                png = base64.b64decode(element.screenshot_as_base64)
                (shots / f"{page.stem}-{index + 1}.png").write_bytes(png)
                shot_width = struct.unpack(">I", png[16:20])[0]
                visible = min(chart["width"], 375 - chart["left"])      # a boxed chart's shot ends at the screen
                assert abs(shot_width - visible) <= 2, f"{where}: screenshot {shot_width} px, laid out {visible:.0f}"
            seen += len(charts)
        assert seen >= 16
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
