"""Nothing assumes LEPs or 38 of them: the whole pipeline and the publication on six made-up bodies with their own
codes, their own district lookup, their own published figures and synthetic inputs generated for them."""

import json

import pandas as pd
import pytest
from madeup import BODIES, PUBLISHED, build_madeup_study

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def madeup(tmp_path_factory):
    from lepstudy.core.config import load_settings
    from lepstudy.pipeline.steps import build_all
    from lepstudy.synthetic import generator

    config = build_madeup_study(tmp_path_factory.mktemp("madeup"))
    settings = load_settings(config=config, output_dir=config.parent.parent / "out")
    generator.generate(settings)
    build_all(settings)
    return settings


def test_the_bodies_and_their_number_come_from_the_reference_list(madeup):
    from lepstudy.core.store import read_processed

    assert read_processed(madeup, "leps")["lep17_code"].tolist() == [code for code, _ in BODIES]
    counts = read_processed(madeup, "rating_counts")
    assert set(counts["n"]) == {len(BODIES)}
    assert int(read_processed(madeup, "study_area").at[0, "n_bodies"]) == len(BODIES)


def test_context_is_built_from_the_bodies_district_lookup(madeup):
    from lepstudy.core.store import read_processed
    from lepstudy.inputs import sources

    context = read_processed(madeup, "lep_context").set_index("lep17_code")
    lookup = pd.read_csv(madeup.raw_dir / "lad19-lep17-lookup" / "lad19_lep17.csv", dtype=str)
    population = sources.load_population(madeup.raw_dir).set_index("lad19_code")["population_mid2019"]
    code = BODIES[0][0]
    districts = lookup.loc[(lookup["lep17_code_1"] == code) | (lookup["lep17_code_2"] == code), "lad19_code"]
    assert context.at[code, "population_mid2019"] == population.reindex(districts).sum()     # summed by hand
    assert context.at[code, "n_lads"] == len(districts)
    assert set(context["imd_source"]) == {"districts (File 10, population-weighted)"}    # none is in File 12
    assert sorted(context["imd_rank_avg_score"]) == list(range(1, len(BODIES) + 1))
    assert read_processed(madeup, "imd_validation").empty


def test_the_two_thirds_window_comes_from_the_published_figures(madeup):
    from lepstudy.core.store import read_processed

    bounds = read_processed(madeup, "reconstruction_bounds")
    n, share = PUBLISHED["n_leps"], PUBLISHED["share_engagement_ri_or_inadequate"]
    assert set(bounds["n"]) == {n}
    low, high = int(bounds["window_low"].iloc[0]), int(bounds["window_high"].iloc[0])
    assert low <= share * n <= high and high - low < n       # a window around the published share of these bodies


def test_a_second_run_through_the_command_gives_byte_identical_tables(madeup):
    """Determinism, checked on the small study (the same code paths as the full one, a quarter of the time): the
    tables of the first run, then a forced, clean `lepstudy data` over them, byte for byte."""
    from typer.testing import CliRunner

    from lepstudy.cli import app

    first = {p.relative_to(madeup.processed_dir): p.read_bytes() for p in madeup.processed_dir.rglob("*.csv")}
    result = CliRunner().invoke(app, ["data", "--config", str(madeup.config_path), "--force"])
    assert result.exit_code == 0, result.output
    assert "tables and their run manifest written" in result.output             # rebuilt, not reused
    second = {p.relative_to(madeup.processed_dir): p.read_bytes() for p in madeup.processed_dir.rglob("*.csv")}
    assert set(first) == set(second) and len(first) > 40
    assert [str(name) for name in first if first[name] != second[name]] == []


def test_inputs_are_labelled_synthetic_and_the_manifest_names_them(madeup):
    manifest = json.loads((madeup.processed_dir / "_manifest.json").read_text())
    assert len(manifest["synthetic_inputs"]) == 4
    responses = pd.read_csv(madeup.processed_dir / "engagement_scores.csv")
    assert responses["synthetic_inputs"].all() and set(responses["lep17_code"]) == {c for c, _ in BODIES}


def test_the_publication_renders_for_the_made_up_bodies(madeup):
    from lepstudy.pipeline.report import build_report

    index = build_report(madeup, show_progress=False)
    assert index.is_file()
    pages = {p.name for p in (madeup.reports_dir / "leps").glob("*.html")}
    assert {"north-vale.html", "coast-and-harbour.html"} <= pages and len(pages) == len(BODIES) + 4
    front = index.read_text()
    assert "None of the study&#39;s 6 bodies is in IoD2019 File 12" in front or "None of the study's 6" in front
    assert "of 6 LEPs" in front or "of 6 " in front
