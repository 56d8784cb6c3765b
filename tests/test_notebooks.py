"""End-to-end: every notebook executes against freshly built data and writes its figures."""

import pytest

from lepstudy.report import execute_notebook, notebook_sources


@pytest.mark.slow
@pytest.mark.parametrize("stem", ["01-data-overview", "02-two-thirds", "03-representation-strategy", "04-robustness"])
def test_notebook_executes(settings, built, stem):
    source = next(p for p in notebook_sources(settings) if p.stem == stem)
    executed = execute_notebook(source, settings)
    import nbformat

    notebook = nbformat.read(executed, as_version=4)
    errors = [o for c in notebook.cells if c.cell_type == "code" for o in c.get("outputs", [])
              if o.get("output_type") == "error"]
    assert not errors
    prefix = stem[:2]
    figures = sorted(settings.figures_dir.glob(f"{prefix}_*.svg"))
    assert figures, "notebook wrote no figures"
    for svg in figures:
        assert (settings.figures_dir / "data" / f"{svg.stem}.csv").is_file()
        assert (settings.figures_dir / f"{svg.stem}.txt").read_text().strip()
