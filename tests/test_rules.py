"""Small rules that otherwise only run end to end: the small-cell rule at its boundary, the dating of board
evidence, the published "about two-thirds" window."""

import pandas as pd
import pytest

from lepstudy.analysis.disclosure import suppress_small_counts
from lepstudy.analysis.evidence import dating_class
from lepstudy.analysis.reconstruction import two_thirds_window


def test_small_cell_rule_at_its_boundary():
    """Threshold 5: a count of 5 is shown, 4 is blanked with every value derived from it, 0 is blanked too."""
    frame = pd.DataFrame({"lep17_code": list("abc"), "n_respondents": [5, 4, 0], "rating": ["Good", "RI", "RI"],
                          "gate_applied": [False, True, False]})
    out = suppress_small_counts(frame, "n_respondents", 5, ["rating", "gate_applied"])
    assert out["n_respondents"].tolist()[0] == 5 and out["n_respondents"].isna().tolist() == [False, True, True]
    assert out["n_respondents_suppressed"].tolist() == [False, True, True]
    assert out["rating"].isna().tolist() == [False, True, True]
    assert out["gate_applied"].isna().tolist() == [False, True, True]
    assert frame["n_respondents"].tolist() == [5, 4, 0]          # the input is not changed


@pytest.mark.parametrize("note, expected", [
    ("Board list [in window] minutes", "in_window"),
    ("[in window, early] agenda", "in_window"),
    ("[in window, 2018; INDICATIVE ONLY]", "indicative"),
    ("[after NCVO fieldwork] 2021 annual report", "after_fieldwork"),
    ("[probably in window, c.2020]", "probably_in_window"),
    ("[OUT OF WINDOW, 2015]", "out_of_window"),
    ("[UNDATED, probably c.2013-15]", "undated"),
    ("no tag at all", "undated"),
    (float("nan"), "undated"),
])
def test_dating_of_board_evidence(note, expected):
    assert dating_class(note) == expected


def test_published_window_hand_cases():
    """2/3 of 38 = 25.33: within 1.5 bodies, 24 to 26; within 0.5, 25 only; 2/3 of 9 = 6: 5 to 7 within 1."""
    published = pd.DataFrame({"figure_id": ["share"], "value": [2 / 3]})
    assert two_thirds_window(published, 38, "share", 1.5) == (24, 26)
    assert two_thirds_window(published, 38, "share", 0.5) == (25, 25)
    assert two_thirds_window(published, 9, "share", 1.0) == (5, 7)
