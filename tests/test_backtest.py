import pandas as pd
import pytest

pytestmark = pytest.mark.slow


def test_backtest_shape_and_provenance(settings, built):
    table = pd.read_csv(built["backtest"])
    published = pd.read_csv(settings.raw_dir / "ncvo2020-published/ncvo2020_published_figures.csv")
    required = {"n_main_board_vcs_rep", "n_main_board_rep_single_issue", "n_main_board_rep_infrastructure",
                "n_subgroup_vcs_rep", "n_esif_no_vcs_rep", "n_leps_responded", "n_leps_not_responded",
                "share_engagement_ri_or_inadequate"}
    assert required <= set(table.figure_id)
    consistency = table[table.kind == "consistency"]
    table = table[table.kind != "consistency"]
    assert set(table.figure_id) <= set(published.figure_id)
    assert table.figure_id.is_unique
    for column in ("published_value", "public_lower", "public_upper", "published_inside_public_bounds",
                   "full_value", "difference", "full_status", "inputs", "source_url"):
        assert column in table
    assert set(table.full_status) <= {"reproduced", "differs", "matched by construction", "synthetic",
                                      "computed from private data"}
    assert (table.public_lower <= table.public_upper).all()
    # the headline is never calibrated: with synthetic inputs it must say so
    share = table.set_index("figure_id").loc["share_engagement_ri_or_inadequate"]
    assert share.full_status == "synthetic"
    # public evidence confirms the 11 dated main-board seats in the curated data
    assert table.set_index("figure_id").at["n_main_board_vcs_rep", "public_lower"] == 11
    # every row shows its bound width; the number of LEPs is the one trivial row
    assert (table.bound_width == table.public_upper - table.public_lower).all()
    assert list(table.loc[table.kind == "trivial", "figure_id"]) == ["n_leps"]
    # the reconstruction's consistency row: published share, reachable range from public facts + counts
    assert len(consistency) == 1
    row = consistency.iloc[0]
    assert row.full_status == "consistency check" and row.inputs == "public + NCVO published counts"
    assert row.public_lower <= row.published_value <= row.public_upper
    assert bool(row.published_inside_public_bounds)


def test_backtest_consistency_row_follows_the_reconstruction(settings, built):
    bounds = pd.read_csv(built["reconstruction_bounds"]).set_index("feedback")
    row = pd.read_csv(built["backtest"]).set_index("figure_id").loc["reconstruction_two_thirds_reachable"]
    n = int(bounds.at["free", "n"])
    assert row.public_lower == pytest.approx(bounds.at["free", "minimum"] / n, abs=1e-4)
    assert row.public_upper == pytest.approx(bounds.at["free", "maximum"] / n, abs=1e-4)
    assert bool(row.published_inside_public_bounds) == bool(bounds.at["free", "two_thirds_reachable"])


def test_published_values_come_from_the_reference_file(built, settings):
    table = pd.read_csv(built["backtest"])
    table = table[table.kind != "consistency"].set_index("figure_id")
    published = pd.read_csv(settings.raw_dir / "ncvo2020-published/ncvo2020_published_figures.csv").set_index(
        "figure_id")
    for fid in table.index:
        assert float(table.at[fid, "published_value"]) == float(published.at[fid, "value"])


def test_display_puts_shares_in_percent_and_their_difference_in_percentage_points():
    from lepstudy.analysis.backtest import display_table

    table = pd.DataFrame({"figure_id": ["n_x", "share_x"], "kind": ["count", "share"],
                          "published_value": [19.0, 2 / 3], "public_lower": [11.0, 0.25],
                          "public_upper": [38.0, 0.75], "bound_width": [27.0, 0.5],
                          "published_inside_public_bounds": [True, True], "full_value": [22.0, 0.5],
                          "difference": [3.0, 0.5 - 2 / 3], "full_status": ["reproduced", "synthetic"]})
    shown = display_table(table).set_index("figure_id")
    assert shown.loc["n_x", ["published_value", "difference", "bound_width"]].tolist() == ["19", "+3", "27"]
    assert shown.loc["share_x", ["published_value", "full_value"]].tolist() == ["66.7%", "50.0%"]
    assert shown.at["share_x", "difference"] == "-16.7 percentage points"
    assert shown.at["share_x", "bound_width"] == "50.0 percentage points"
