"""End to end: notebooks execute, figures are written with their data, the report is complete."""

import json
import re

import nbformat
import pytest

from lepstudy.pipeline.report import notebook_sources

pytestmark = pytest.mark.slow
NOTEBOOKS = ["01-data-overview", "02-two-thirds", "03-representation-strategy", "04-robustness"]


def test_every_notebook_source_is_listed(settings):
    assert [p.stem for p in notebook_sources(settings)] == NOTEBOOKS


@pytest.mark.parametrize("stem", NOTEBOOKS)
def test_notebook_executes_without_error(settings, report, stem):
    executed = settings.reports_dir / "notebooks" / f"{stem}.ipynb"
    notebook = nbformat.read(executed, as_version=4)
    errors = [o for c in notebook.cells if c.cell_type == "code" for o in c.get("outputs", [])
              if o.get("output_type") == "error"]
    assert not errors
    figures = sorted(settings.figures_dir.glob(f"{stem[:2]}_*.svg"))
    assert figures, "notebook wrote no figures"
    for svg in figures:
        assert (settings.figures_dir / "data" / f"{svg.stem}.csv").stat().st_size > 0
        assert (settings.figures_dir / f"{svg.stem}.png").stat().st_size > 0
        assert len((settings.figures_dir / f"{svg.stem}.txt").read_text().strip()) > 40


def test_report_pages_nav_and_manifest(settings, report):
    index = report.read_text()
    for stem in NOTEBOOKS:
        page = (settings.reports_dir / f"{stem}.html").read_text()
        assert '<nav aria-label="Publication pages">' in page and 'href="index.html"' in page
        assert 'class="lepstudy-manifest"' in page and "config hash" in page
        assert not re.search(r'class="[^"]*(jp-InputArea-editor|jp-CodeMirrorEditor)', page), "code input is visible"
        assert "from lepstudy" not in page and "load_settings(" not in page, "code input is visible"
        assert "data:image/png;base64" in page, "figures are not embedded"
        assert f'href="{stem}.html"' in index
    manifest = json.loads((settings.reports_dir / "run_manifest.json").read_text())
    assert manifest["version"] and manifest["git_commit"] and len(manifest["config_hash"]) == 64
    assert "raw/imd2019-lep-summaries/File_12_-_IoD2019_Local_Enterprise_Partnership__LEP__Summaries.xlsx" in \
        manifest["inputs"]
    assert "synthetic/sector_feedback.csv" in manifest["synthetic_inputs"]
    assert all(re.fullmatch(r"[0-9a-f]{64}", v) for v in manifest["inputs"].values())


def test_executive_summary_numbers_come_from_tables(settings, report):
    import html

    import pandas as pd

    index = html.unescape(report.read_text())
    assert "SYNTHETIC DATA" not in index                 # the bulletin carries real findings only
    counts = pd.read_csv(settings.processed_dir / "rating_counts.csv")
    full = counts[(counts.variant == "full") & (counts.category == "Requires improvement or Inadequate")].iloc[0]
    assert f"rates {full['count']} of {full['n']} LEPs" not in index          # a stand-in result: in the annex
    # every real main point and finding is on the page, word for word; no result on stand-ins is
    claims = pd.read_csv(settings.processed_dir / "claims.csv")
    shown = claims[claims["section"].isin(["main", "findings"])]
    for text, layer in shown[["text", "layer"]].itertuples(index=False):
        assert (text in index) == (layer == "real"), text
    demonstrations = int((shown["layer"] != "real").sum())
    assert f"It also holds {demonstrations} results on synthetic stand-ins" in " ".join(index.split())


def test_every_chart_title_with_a_number_is_a_checked_claim(settings, report):
    """The <title> of every chart that states a number is the text of a figure claim of the build."""
    import re

    import pandas as pd

    claims = pd.read_csv(settings.processed_dir / "claims.csv")
    texts = [" ".join(t.split()) for t in claims.loc[claims["section"] == "figure", "text"]]
    for svg in sorted(settings.figures_dir.glob("*.svg")):
        title = re.search(r"<title>([^<]*)</title>", svg.read_text())
        words = " ".join(title.group(1).split()) if title else ""
        if re.search(r"\d", words):
            assert any(words.startswith(text.rstrip(".")) for text in texts), (svg.name, words)


def test_committed_figures_are_not_stale(settings, report):
    """The figures committed under figures/ must match what the notebooks produce now."""
    from conftest import ROOT

    committed = {p.name: p.read_bytes() for p in (ROOT / "figures" / "data").glob("*.csv")}
    fresh = {p.name: p.read_bytes() for p in (settings.figures_dir / "data").glob("*.csv")}
    assert set(committed) == set(fresh), "run `make all` and commit figures/"
    stale = sorted(name for name in fresh if fresh[name] != committed[name])
    assert not stale, f"committed figure data is stale, run `make all` and commit: {stale}"
    for name in fresh:
        stem = name[:-4]
        for kind in ("svg", "txt"):
            committed_file = (ROOT / "figures" / f"{stem}.{kind}").read_bytes()
            assert committed_file == (settings.figures_dir / f"{stem}.{kind}").read_bytes(), f"{stem}.{kind} is stale"


def test_synthetic_figures_carry_the_mark(settings, report):
    for svg in settings.figures_dir.glob("*.svg"):
        alt = (settings.figures_dir / f"{svg.stem}.txt").read_text()
        text = svg.read_text()
        if "Synthetic inputs" in alt:
            assert "SYNTHETIC DATA" in text, svg.name


def test_figures_are_byte_identical_across_two_renders(settings, built, tmp_path):
    """Fixed SVG hash salt and no dates in metadata: the same data give the same bytes."""
    from lepstudy.core.store import read_processed
    from lepstudy.outputs import plots

    context, counts = read_processed(settings, "lep_context"), read_processed(settings, "rating_counts")
    reference, boundaries = read_processed(settings, "leps"), read_processed(settings, "lep_boundaries")
    makers = [lambda: plots.context_figure(context, "A checked title"),
              lambda: plots.map_figure(boundaries, context, reference, "A title"),
              lambda: plots.rating_distribution_figure(counts, "A checked title")]
    for make in makers:
        paths = [plots.save_figure(make(), tmp_path / str(run)) for run in (0, 1)]
        for kind in ("svg", "png", "csv", "alt"):
            assert paths[0][kind].read_bytes() == paths[1][kind].read_bytes(), (paths[0][kind].name, kind)
        assert b"<dc:date>" not in paths[0]["svg"].read_bytes()


def test_a_notebook_opened_by_hand_writes_no_figures(settings, report):
    """Without the build's write_figures=True a notebook shows its figures but writes nothing under figures/."""
    from lepstudy.pipeline.report import execute_notebook, notebook_sources

    before = {p: p.stat().st_mtime_ns for p in settings.figures_dir.rglob("*") if p.is_file()}
    # the shortest notebook with figures
    source = next(s for s in notebook_sources(settings) if s.name.startswith("03-"))
    executed = execute_notebook(source, settings, parameters={"write_figures": False})
    after = {p: p.stat().st_mtime_ns for p in settings.figures_dir.rglob("*") if p.is_file()}
    assert after == before
    assert "data:image/png;base64" in executed.read_text()      # the figures were still shown


def test_every_figure_resting_on_synthetic_data_is_labelled(settings, report):
    """Shipped stand-ins: a figure whose data carries a true synthetic flag has the mark and says so in its alt
    text; the reconstruction figures, which rest on public evidence only, have neither."""
    import pandas as pd

    flagged = set()
    for csv in (settings.figures_dir / "data").glob("*.csv"):
        data = pd.read_csv(csv)
        assert "synthetic_inputs" in data, f"{csv.name} has no synthetic_inputs flag"
        if data["synthetic_inputs"].astype(bool).any():
            flagged.add(csv.stem)
            assert "SYNTHETIC DATA" in (settings.figures_dir / f"{csv.stem}.svg").read_text(), csv.stem
            assert "Synthetic inputs" in (settings.figures_dir / f"{csv.stem}.txt").read_text(), csv.stem
    assert {"02_rating_distribution", "04_specification_curve_full", "04_specification_variance_full"} <= flagged
    for public in ("02_reconstruction", "02_tipping_point", "04_specification_curve_public"):
        assert "SYNTHETIC" not in (settings.figures_dir / f"{public}.svg").read_text()


def test_a_mix_of_inputs_names_which_are_synthetic(settings, tmp_path):
    """One private file, three stand-ins: the manifest and the banner name exactly the three synthetic ones."""
    import shutil

    from lepstudy.core.config import load_settings
    from lepstudy.outputs.summary import synthetic_notice
    from lepstudy.pipeline.manifest import build_manifest

    private = tmp_path / "private"
    private.mkdir()
    shutil.copy(settings.synthetic_dir / "sector_feedback.csv", private / "sector_feedback.csv")
    manifest = build_manifest(load_settings(data_dir=private, output_dir=tmp_path / "out"))
    assert manifest["synthetic_inputs"] == ["synthetic/holistic_ratings.csv", "synthetic/lep_responses.csv",
                                            "synthetic/strategy_coding.csv"]
    notice = synthetic_notice(manifest)
    import html

    assert ("stand-ins for the holistic ratings, the LEPs' answers to NCVO's information request and the strategy "
            "coding and demonstrate") in html.unescape(notice)


def test_pages_are_accessible_and_self_contained(settings, report):
    """Real titles, a viewport, tables with a caption, header scopes and no pandas index, no 'NaN', and nothing
    fetched from the internet (no require.js, MathJax or fonts from a CDN)."""
    import re

    pages = sorted(settings.reports_dir.glob("*.html"))
    assert len(pages) == len(NOTEBOOKS) + 3          # the notebooks, the front page, the method and data log
    for page in pages:
        text = page.read_text()
        title = re.search(r"<title>(.*?)</title>", text).group(1)
        assert title and title != "Notebook", page.name
        assert 'name="viewport"' in text or "name='viewport'" in text, page.name
        assert not re.search(r'<(script|link)[^>]+(src|href)="https?://', text), page.name
        assert ">NaN<" not in text and ">nan<" not in text, page.name
        assert 'class="dataframe"' not in text, page.name
        for table in re.findall(r'<table class="lepstudy-table">.*?</table>', text, flags=re.S):
            assert "<caption>" in table
            head = re.search(r"<thead>(.*?)</thead>", table, flags=re.S).group(1)
            assert head.count("<th") == head.count('scope="col"')


def test_a_rerun_gives_the_same_pages(settings, report):
    """Cell ids are fixed after execution, so rendering is a function of the notebook's content."""
    import nbformat

    from lepstudy.pipeline.report import render_html

    for path in sorted((settings.reports_dir / "notebooks").glob("*.ipynb")):
        notebook = nbformat.read(path, as_version=4)
        assert [cell["id"] for cell in notebook.cells] == [f"cell-{i}" for i in range(len(notebook.cells))]
        assert render_html(notebook, [], "") == render_html(nbformat.read(path, as_version=4), [], "")


def test_the_publication_front_page(settings, report):
    """Main points first (leading with the public record, at most five, real findings only), things you need to
    know, release metadata from the config and the manifest, a link to NCVO's study, a glossary with one meaning per
    feedback word, an accessibility statement, landmarks and a skip link; the method and data log are pages of the
    publication."""
    import html
    import re

    text = html.unescape((settings.reports_dir / "index.html").read_text())
    assert '<a class="skip-link" href="#main">' in text and '<main id="main">' in text and "<nav aria-label" in text
    points = re.search(r'<h2 id="main-points">Main points</h2>.*?<ul>(.*?)</ul>', text, flags=re.S).group(1)
    items = re.findall(r"<li>(.*?)</li>", points, flags=re.S)
    assert 3 <= len(items) <= 5 and items[0].startswith("Public sources show")
    assert not any("[synthetic" in item or "[mixed" in item for item in items)
    assert "only if at least" in items[2] and "expired" in items[2]      # the ESIF condition, stated
    assert "Things you need to know" in text and "published no rubric" in text
    assert '<h2 id="cite">How to cite</h2>' in text and "MIT licence" in text and "Open Government Licence v3.0" in text
    assert "Wilson" not in text
    assert settings.raw["publication"]["status"] in text and settings.raw["publication"]["contact"] in text
    assert 'href="https://www.ncvo.org.uk/' in text
    for term in ("LEP", "VCS", "CVS", "ESIF", "IMD", "RI", "Favourable feedback", "Poor feedback",
                 "Very poor feedback", "About two-thirds"):
        assert f"<dt>{term}</dt>" in text, term
    assert '<h2 id="accessibility">Accessibility</h2>' in text
    for name in ("method.html", "data_log.html"):
        page = (settings.reports_dir / name).read_text()
        assert "<table>" in page and "<h1>" in page and 'href="index.html"' in page


def test_charts_carry_source_title_desc_and_a_data_link(settings, report):
    """Every chart: a Source line, selectable SVG text with <title> and <desc>; on the pages the alt text is said once
    and the caption links the data behind the chart."""
    import re

    svgs = sorted(settings.figures_dir.glob("*.svg"))
    assert len(svgs) >= 10
    for svg in svgs:
        text = svg.read_text()
        assert re.search(r"<svg[^>]*>\s*<title>[^<]+</title>\s*<desc>[^<]+</desc>", text), svg.name
        assert "Source:" in text and "<text" in text, svg.name
    if (settings.figures_dir / "01_map_imd.svg").exists():
        assert "Contains OS data © Crown copyright" in (settings.figures_dir / "01_map_imd.svg").read_text()
    page = (settings.reports_dir / "04-robustness.html").read_text()
    assert page.count("Download the data (CSV)") >= 5
    for alt in re.findall(r'<img src="data:image/png;base64,[^"]*" alt="([^"]+)"', page):
        assert page.count(alt) == 1


def test_a_failing_notebook_leaves_no_pages(settings, built, tmp_path):
    """The pages that rest on no notebook are rendered while the kernels run, but nothing under reports/ (except the
    executed notebooks) is written until every notebook has run: a failing notebook leaves no new pages."""
    from dataclasses import replace

    from papermill.exceptions import PapermillExecutionError

    from lepstudy.pipeline.report import build_report

    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    (notebooks / "01-fails.py").write_text('# %% [markdown]\n# # Fails\n\n# %%\nraise RuntimeError("planted")\n')
    (notebooks / "02-runs.py").write_text("# %% [markdown]\n# # Runs\n\n# %%\nprint('ran')\n")
    reports = tmp_path / "reports"
    with pytest.raises(PapermillExecutionError, match="planted"):
        build_report(replace(settings, notebooks_dir=notebooks, reports_dir=reports), show_progress=False)
    written = sorted(str(p.relative_to(reports)) for p in reports.rglob("*") if p.is_file())
    # the notebook that ran keeps its build record; the failed one has none, so the next run executes it again
    assert written == ["notebooks/01-fails.ipynb", "notebooks/02-runs.build.json", "notebooks/02-runs.ipynb"]


def _changed_parameter(settings, folder, parameter: str):
    """Another rubric, config or data folder than the tables were built with, and the option that builds for it."""
    import shutil

    other = folder / "other"
    other.mkdir()
    if parameter == "rubric":
        value = other / "rubric_half.yaml"
        value.write_text(settings.files["rubric"].read_text().replace("good_min_share: 0.6", "good_min_share: 0.5")
                         .replace("name: default", "name: half"))
        return value, "--rubric"
    if parameter == "config":
        value = other / "study.yaml"
        value.write_text(settings.config_path.read_text().replace("min_cell_count: 5", "min_cell_count: 6"))
        # relative paths in the copy resolve against the repository; output_dir re-roots the tables' folder
        return value, "--config"
    shutil.copyfile(settings.synthetic_dir / "sector_feedback.csv", other / "sector_feedback.csv")
    return other, "--data-dir"


@pytest.mark.slow
def test_a_notebook_stops_when_its_parameters_differ_from_the_tables(settings, built, tmp_path):
    """Editing a notebook's rubric without rebuilding stops it in its first cell with what differs and the command
    to run, in one sentence, instead of mixing a new rubric's labels with the old rubric's tables (the same check
    for the config and the data folder, without a kernel, below)."""
    import jupytext
    import nbformat
    import papermill
    from papermill.exceptions import PapermillExecutionError

    from lepstudy.pipeline.report import notebook_sources

    value, option = _changed_parameter(settings, tmp_path, "rubric")
    source = next(s for s in notebook_sources(settings) if s.name.startswith("01-"))
    target = tmp_path / "01.ipynb"
    notebook = jupytext.read(source)
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(notebook, target)
    with pytest.raises(PapermillExecutionError) as failed:
        papermill.execute_notebook(str(target), str(target), parameters={
            "rubric": str(value), "output_dir": str(settings.output_root)}, cwd=str(settings.root),
            kernel_name="python3", progress_bar=False, log_output=False)
    message = " ".join(str(failed.value.evalue).split())
    assert failed.value.ename == "NotebookInputsDiffer"
    assert "parameters differ from those of the tables" in message and f"lepstudy data {option}" in message
    executed = nbformat.read(target, as_version=4)
    errors = [o for cell in executed.cells for o in cell.get("outputs", []) if o.get("output_type") == "error"]
    assert len(errors) == 1 and len(errors[0]["traceback"]) == 1      # one sentence, no traceback


@pytest.mark.parametrize("parameter", ["rubric", "config", "data_dir"])
def test_notebook_settings_refuse_parameters_that_differ_from_the_tables(settings, built, tmp_path, parameter):
    """What a notebook's first cell calls: another rubric, config or data folder than the tables' is refused with
    what differs and the command that builds matching tables."""
    from lepstudy.pipeline.manifest import NotebookInputsDiffer, notebook_settings

    value, option = _changed_parameter(settings, tmp_path, parameter)
    parameters = {"data_dir": None, "config": None, "rubric": None, parameter: str(value)}
    with pytest.raises(NotebookInputsDiffer) as refused:
        notebook_settings(parameters["data_dir"], parameters["config"], settings.output_root, parameters["rubric"],
                          write_figures=False)
    message = " ".join(str(refused.value).split())
    assert "parameters differ from those of the tables" in message and f"lepstudy data {option}" in message
