"""The LEP-by-LEP pages: the public evidence table behind them, their content, the sort orders of the index and
the map, on made-up bodies (rules) and on the shipped data (end to end)."""

import html
import json
import re

import numpy as np
import pandas as pd
import pytest

from lepstudy.inputs.geometry import boundary_rings
from lepstudy.outputs import colours
from lepstudy.outputs.lep_pages import SORTS, _area_centroid, map_shapes, profiles, slug, sorted_profiles

CRITERIA = [("board_seat", "Main-board VCS seat"), ("esif", "ESIF sub-committee VCS member")]


def made_up_tables() -> dict[str, pd.DataFrame]:
    """Two invented bodies: Aston Vale (a seat confirmed, more deprived, smaller) and Brook Moor (nothing known)."""
    codes = ["E37900001", "E37900002"]
    return {
        "leps": pd.DataFrame({"lep17_code": codes, "canonical_name": ["Brook Moor", "Aston Vale"],
                              "lep21_code": ["X1", "X2"], "lep21_name": ["Brook Moor", "Aston Vale"]}),
        "lep_context": pd.DataFrame({"lep17_code": codes, "population_mid2019": [900_000, 100_000], "n_lads": [3, 1],
                                     "shares_lads_with_other_lep": [False, True], "imd_avg_score": [12.0, 31.5],
                                     "imd_rank_avg_score": [2, 1], "imd_share_lsoas_most_deprived_10pct": [0.0, 0.25]}),
        "engagement_scores_public": pd.DataFrame({
            "lep17_code": codes, "pts_board_seat": [np.nan, 2.0], "src_board_seat": ["unknown", "public"],
            "pts_esif": [np.nan, np.nan], "src_esif": ["unknown", "unknown"], "rating_worst": ["Inadequate"] * 2,
            "rating_best": ["Good", "Good"], "min_total": [0.0, 2.0], "max_total": [3.0, 3.0],
            "max_possible": [3.0, 3.0]}),
        "board_evidence_public": pd.DataFrame({"lep17_code": codes, "main_board_vcs": pd.array([pd.NA, True],
                                                                                                dtype="boolean"),
                                               "main_board_seat_type": [None, "cvs"]}),
        "lep_evidence": pd.DataFrame({
            "lep17_code": ["E37900002"] * 2, "topic": ["Main board", "Inclusive Growth Monitor"],
            "finding": ["Aston CVS: local infrastructure body (CVS)", "Inclusion: bottom half"],
            "evidence_date": ["2019-11-01", None], "dating": ["around NCVO's fieldwork", None],
            "counted": pd.array([True, pd.NA], dtype="boolean"),
            "source_urls": ["https://example.org/minutes", "https://a.example/x; https://b.example/y"],
            "source_title": ["Board minutes, November 2019", None], "note": [None, None]}),
    }


def test_profiles_say_what_public_evidence_shows_and_nothing_more():
    items = profiles(made_up_tables(), CRITERIA)
    assert [p["name"] for p in items] == ["Aston Vale", "Brook Moor"]          # numbered in name order
    aston, brook = items
    assert aston["number"] == 1 and aston["href"] == "aston-vale.html"
    assert aston["seat_words"] == "confirmed by a public source" and aston["seat_type"] == "cvs"
    assert brook["seat_words"] == "not known" and brook["seat_type"] is None    # unknown, never "no"
    assert [c["points"] for c in aston["criteria"]] == ["2", "—"] and [c["known"] for c in aston["criteria"]] == [
        True, False]
    assert (aston["min_total"], aston["max_total"], aston["max_possible"]) == ("2", "3", "3")
    topics = dict(aston["topics"])
    assert list(topics) == ["Main board", "Inclusive Growth Monitor"] and brook["topics"] == []
    assert topics["Main board"][0]["sources"] == [("https://example.org/minutes",
                                                   "Board minutes, November 2019 (example.org)")]
    # several links without one title: each named by the words of its address and its site
    sources = topics["Inclusive Growth Monitor"][0]["sources"]
    assert [label for _, label in sources] == ["X (a.example)", "Y (b.example)"]


def test_sort_orders():
    items = profiles(made_up_tables(), CRITERIA)
    orders = {order.file: [p["name"] for p in sorted_profiles(items, order)] for order in SORTS}
    assert orders["index.html"] == ["Aston Vale", "Brook Moor"]
    assert orders["by-population.html"] == ["Brook Moor", "Aston Vale"]       # largest first
    assert orders["by-deprivation.html"] == ["Aston Vale", "Brook Moor"]      # most deprived first
    assert orders["by-seat.html"] == ["Aston Vale", "Brook Moor"]             # confirmed seats first


def test_slug():
    assert slug("Derby, Derbyshire, Nottingham and Nottinghamshire") == (
        "derby-derbyshire-nottingham-and-nottinghamshire")
    assert slug("Cornwall & Isles of Scilly") == "cornwall-isles-of-scilly"


def test_area_centroid_by_hand():
    square = np.array([[0, 0], [2, 0], [2, 2], [0, 2]], dtype=float)
    area, centre = _area_centroid(square)
    assert area == 4 and centre.tolist() == [1, 1]
    triangle = np.array([[0, 0], [3, 0], [0, 3]], dtype=float)       # centroid at the mean of the corners
    area, centre = _area_centroid(triangle)
    assert area == 4.5 and np.allclose(centre, [1, 1])


def test_map_joins_2021_areas_to_the_bodies_and_names_the_missing(tmp_path):
    square = [[[0, 50], [1, 50], [1, 51], [0, 51], [0, 50]]]
    geojson = tmp_path / "areas.geojson"
    geojson.write_text(json.dumps({"features": [
        {"properties": {"LEP21CD": "X2"}, "geometry": {"type": "Polygon", "coordinates": square}},
        {"properties": {"LEP21CD": "Z9"}, "geometry": {"type": "Polygon", "coordinates": square}}]}))
    tables = made_up_tables()
    shapes = map_shapes(boundary_rings(geojson), tables["leps"], profiles(tables, CRITERIA))
    assert [s["name"] for s in shapes["shapes"]] == ["Aston Vale"] and shapes["missing"] == ["Brook Moor"]
    shape = shapes["shapes"][0]
    assert shape["href"] == "aston-vale.html" and shape["fill"] == colours.PUBLIC
    assert shape["path"].startswith("M0.0,") and shape["path"].endswith("Z")


@pytest.mark.slow
def test_lep_evidence_holds_every_public_finding(settings, built):
    from lepstudy.core.store import read_processed
    from lepstudy.inputs import sources

    evidence = read_processed(settings, "lep_evidence")
    assert evidence["lep17_code"].nunique() == 38
    monitor = sources.load_inclusive_growth_monitor(settings.raw_dir)
    assert (evidence["topic"] == "Inclusive Growth Monitor").sum() == len(monitor)
    assert (evidence["topic"] == "Annual Performance Review").sum() == len(sources.load_apr_ratings(settings.raw_dir))
    assert evidence["counted"].notna().sum() == len(sources.load_board_members(settings.raw_dir))
    urls = evidence["source_urls"].dropna().str.split(";").explode().str.strip()
    assert urls.str.match(r"^https?://").all()


@pytest.mark.slow
def test_a_page_per_lep_and_an_index_sorted_without_javascript(settings, report):
    folder = settings.reports_dir / "leps"
    leps = pd.read_csv(settings.processed_dir / "leps.csv")
    pages = {p.name for p in folder.glob("*.html")} - {order.file for order in SORTS}
    assert len(pages) == len(leps) == 38
    index = " ".join(html.unescape((folder / "index.html").read_text()).split())
    assert set(re.findall(r'<th scope="row"><a href="([^"]+)"', index)) == pages
    areas = re.findall(r'<a href="([^"]+\.html)" aria-label="(\d+)\. ', index)
    assert len(areas) >= 36                                                                 # the map's areas
    # the same areas as a list of links a finger can tap (the map's numbers are small on a phone)
    listed = re.findall(r'<li value="(\d+)"><a href="([^"]+)">', index.split('class="map-numbers"')[1])
    assert sorted((number, href) for href, number in areas) == sorted(listed)
    assert "Contains OS data © Crown copyright" in index and "<script" not in index
    for order in SORTS:
        text = (folder / order.file).read_text()
        assert text.count("aria-sort=") == 1
        others = [o.file for o in SORTS if o is not order]
        assert all(f'href="{file}"' in text for file in others)
    page = html.unescape((folder / "greater-manchester.html").read_text())
    assert "<h1>Greater Manchester LEP: the public evidence</h1>" in page
    assert "Ratings public evidence allows:" in page and "Inclusive Growth Monitor" in page
    assert re.search(r'<a href="https?://[^"]+">', page) and 'href="../index.html"' in page
    assert "synthetic" not in page.split('<main id="main">')[1].split("</main>")[0].lower()   # public evidence only


def test_source_links_say_what_the_source_is_and_mark_copies():
    """Link text names the document (its title, or the words of its address) and its site, never the host alone,
    and a document-sharing site is marked as a third-party copy (WCAG 2.4.4)."""
    from lepstudy.outputs.lep_pages import source_label

    assert source_label("https://docslib.org/doc/1/board-meeting-21st-october-2019", None) == \
        "Board meeting 21st october 2019 (docslib.org, a third-party copy)"
    assert source_label("https://www.jrf.org.uk/report/x", "JRF report (2019)") == "JRF report (2019) (jrf.org.uk)"
    assert source_label("https://hansard.parliament.uk/Commons/2019/LocalEnterprisePartnerships", None) == \
        "Local Enterprise Partnerships (hansard.parliament.uk)"
    assert source_label("https://www.marcheslep.org.uk/", None) == "Home page of marcheslep.org.uk"
    assert source_label("https://example.org/files/2019.pdf", None) == "A page at example.org"
