"""The rubric on hand-worked LEPs: band edges, the gate, missing evidence."""

import numpy as np
import pandas as pd
import pytest

from lepstudy.analysis.engagement import count_ri_or_inadequate, rating_counts, score
from lepstudy.core.errors import DataError, DataErrors
from lepstudy.pipeline.study import load_rubric

FIELDS = ["main_board_seat_type", "subgroup_vcs", "esif_vcs_member", "code_of_practice", "responded",
          "mean_overall_engagement", "mean_focus_social_inclusion"]


@pytest.fixture(scope="module")
def rubric(settings):
    return load_rubric(settings.files["rubric"])


def lep(code, seat, sub, esif, cop, resp, overall, inclusion, source="public"):
    row = dict(zip(FIELDS, [seat, sub, esif, cop, resp, overall, inclusion], strict=True))
    row["lep17_code"] = code
    for f in FIELDS[:5]:
        row[f"{f}_source"] = source
    return row


def scored(rubric, rows, public_only=False):
    frame = pd.DataFrame(rows)
    for col in ("subgroup_vcs", "code_of_practice", "responded"):
        frame[col] = frame[col].astype("boolean")
    return score(frame, rubric, public_only=public_only).set_index("lep17_code")


def test_hand_worked_totals_and_band_edges(rubric):
    # max 10 points: Good >= 6, Requires improvement >= 3, Inadequate below
    rows = [
        lep("E37000001", "cvs", True, "current", True, True, 4.0, 3.0),          # 2+1+1+1+1+2+1 = 9
        lep("E37000002", "single_issue", True, "current", False, True, 3.0, 2.0),  # 1+1+1+0+1+1+0 = 5
        lep("E37000003", "none", False, "expired", False, True, 3.5, 3.51),        # 0+0+0+0+1+1+2 = 4
        lep("E37000004", "cvs", False, "none", False, False, 2.5, 3.6),            # 2+0+0+0+0+1+2 = 5
        lep("E37000005", "none", False, "none", False, True, 2.49, 3.0),           # 0+0+0+0+1+0+1 = 2
        lep("E37000006", "cvs", True, "current", False, False, 3.0, 2.4),          # 2+1+1+0+0+1+0 = 5
        lep("E37000007", "cvs", True, "current", True, False, 3.0, 2.4),           # 6 -> Good (edge)
        lep("E37000008", "none", False, "none", True, True, 3.0, 2.0),             # 3 -> RI (edge)
    ]
    out = scored(rubric, rows)
    assert list(out["total"]) == [9, 5, 4, 5, 2, 5, 6, 3]
    assert list(out["rating"]) == ["Good", "Requires improvement", "Requires improvement", "Requires improvement",
                                   "Inadequate", "Requires improvement", "Good", "Requires improvement"]


def test_gate_caps_very_poor_feedback_at_requires_improvement(rubric):
    rows = [lep("E37000001", "cvs", True, "current", True, True, 1.8, 4.0)]  # 2+1+1+1+1+0+2 = 8
    out = scored(rubric, rows)
    assert out.at["E37000001", "total"] == 8
    assert out.at["E37000001", "rating"] == "Requires improvement"
    assert bool(out.at["E37000001", "gate_applied"])


def test_missing_evidence_that_could_cross_a_band_is_insufficient(rubric):
    rows = [
        lep("E37000001", "single_issue", True, "current", None, True, 3.0, 2.0),   # 5 known + cop 0/1
        lep("E37000002", "cvs", True, "current", None, True, 3.0, 2.0),            # 6 known + cop -> Good either way
    ]
    out = scored(rubric, rows)
    first = out.loc["E37000001"]
    assert (first.min_total, first.max_total) == (5, 6)
    assert np.isnan(first.total)
    assert first.rating == "Insufficient evidence"
    assert (first.rating_worst, first.rating_best) == ("Requires improvement", "Good")
    assert out.at["E37000002", "rating"] == "Good"
    count = count_ri_or_inadequate(out.reset_index())
    assert (count.point, count.lower, count.upper) == (0, 0, 1)


def test_a_range_wholly_below_good_counts_in_the_lower_bound(rubric):
    # single-issue seat 1 + subgroup 0 + ESIF 0 + responded 1 = 2 known; code of practice unknown (0..1);
    # feedback 3.0/3.0 = 1 + 1 -> total 4 or 5 of 10: worst RI, best RI. With feedback 2.0/2.4 (0 + 0, gated)
    # and the code unknown: total 2 or 3 -> Inadequate..RI, which must count as RI or Inadequate.
    rows = [
        lep("E37000001", "single_issue", False, "none", None, True, 3.0, 3.0),
        lep("E37000002", "single_issue", False, "none", None, True, 2.2, 2.4),
    ]
    out = scored(rubric, rows)
    assert out.at["E37000001", "rating"] == "Requires improvement"
    assert (out.at["E37000002", "rating_worst"], out.at["E37000002", "rating_best"]) == (
        "Inadequate", "Requires improvement")
    assert out.at["E37000002", "rating"] == "Inadequate to Requires improvement"
    count = count_ri_or_inadequate(out.reset_index())
    assert (count.point, count.lower, count.upper) == (2, 2, 2)
    assert count.determined
    table = rating_counts(out.reset_index()).set_index("category")
    assert table.at["Requires improvement or Inadequate", "count"] == 2
    assert table.at["Inadequate to Requires improvement", "count"] == 1
    assert not table.at["Inadequate", "determined"]      # the ranged LEP could be either


def test_unknown_feedback_keeps_the_gate_open_in_the_worst_case(rubric):
    rows = [lep("E37000001", "cvs", True, "current", True, True, None, None)]  # 6 known, feedback 0..4
    out = scored(rubric, rows)
    assert out.at["E37000001", "rating_worst"] == "Requires improvement"  # gate could apply
    assert out.at["E37000001", "rating_best"] == "Good"


def test_public_variant_ignores_synthetic_cells(rubric):
    rows = [lep("E37000001", "cvs", True, "current", True, True, 4.0, 4.0, source="synthetic")]
    out = scored(rubric, rows, public_only=True)
    assert out.at["E37000001", "n_known"] == 0
    assert out.at["E37000001", "rating"] == "Insufficient evidence"
    assert out.at["E37000001", "max_possible"] == 6


def test_unknown_category_is_an_error(rubric):
    rows = [lep("E37000001", "trustee", True, "current", True, True, 4.0, 4.0)]
    with pytest.raises(DataError, match="criterion 'board_seat'.*found 'trustee'"):
        scored(rubric, rows)


def test_rating_counts_include_combined_category(rubric):
    rows = [lep("E37000001", "none", False, "none", False, False, 1.0, 1.0),
            lep("E37000002", "cvs", True, "current", True, True, 4.0, 4.0)]
    counts = rating_counts(scored(rubric, rows).reset_index()).set_index("category")["count"]
    assert counts["Requires improvement or Inadequate"] == 1 and counts["Good"] == 1


def test_malformed_rubric_names_the_file(tmp_path):
    bad = tmp_path / "rubric.yaml"
    bad.write_text("criteria: {}\n")
    with pytest.raises(DataErrors, match="rubric.yaml, key 'bands': required key is missing"):
        load_rubric(bad)


def test_sources_per_criterion(rubric):
    rows = [lep("E37000001", "cvs", True, "current", None, True, 4.0, 4.0)]
    frame = pd.DataFrame(rows)
    frame["code_of_practice"] = frame["code_of_practice"].astype("boolean")
    frame["subgroup_vcs_source"] = "synthetic"
    out = score(frame, rubric, public_only=False).iloc[0]
    assert out.src_board_seat == "public" and out.src_subgroup == "synthetic"
    assert out.src_code_of_practice == "unknown" and out.src_feedback_overall == "sector feedback"
    assert out.evidence_sources == "public;sector feedback;synthetic"


def test_a_seat_of_unclear_type_scores_as_some_voluntary_sector_seat(rubric):
    """Hand-worked: seat of unclear type 1..2 (single-issue or CVS), sub-group 1, ESIF current 1, code 1,
    answered 1, feedback 3.0/3.0 = 1 + 1: total 7 or 8 of 10, Good either way. Had the type been blanked (the old
    reading, 0..2) the worst case would be 6."""
    rows = [lep("E37000001", "unclear", True, "current", True, True, 3.0, 3.0),
            lep("E37000002", None, True, "current", True, True, 3.0, 3.0)]
    out = scored(rubric, rows)
    assert (out.at["E37000001", "min_total"], out.at["E37000001", "max_total"]) == (7, 8)
    assert pd.isna(out.at["E37000001", "pts_board_seat"]) and out.at["E37000001", "rating"] == "Good"
    assert (out.at["E37000002", "min_total"], out.at["E37000002", "max_total"]) == (6, 8)
