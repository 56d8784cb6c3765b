"""Non-response: the extreme bounds on a hand case."""

import pandas as pd

from lepstudy.analysis.nonresponse import nonresponse_bounds


def test_nonresponse_bounds_hand_case():
    ratings = ["Good", "Inadequate", "Requires improvement", "Good"]
    scores = pd.DataFrame({"lep17_code": list("abcd"), "rating": ratings, "rating_best": ratings,
                           "rating_worst": ratings})
    responses = pd.DataFrame({"lep17_code": list("abcd"), "responded": [True, True, False, False]})
    bounds = nonresponse_bounds(scores, responses)
    assert bounds["assessed"] == 0.5
    assert bounds["nonresponders_all_better"] == 0.25    # only b
    assert bounds["nonresponders_all_worse"] == 0.75     # b, c, d


def test_delta_analysis_hand_case():
    """Two criteria, code of practice (0/1) and the response criterion (0/1); Good from 0.6 of the maximum, RI from
    0.3. The delta analysis drops the response criterion (maximum 1): A (code, answered) Good; B (no code,
    answered) Inadequate; C (code, silent) Good, but with the response criterion in, C would get 1 of 2 = RI just
    for not answering; D (no code, silent) Inadequate. Shifting silent LEPs by -0.5 makes C RI (3 LEPs); by +0.5
    makes D RI (B and D stay below Good: 2); by +0.7, D is Good (1)."""
    import numpy as np

    from lepstudy.analysis.engagement import Criterion, Rubric, count_ri_or_inadequate, score
    from lepstudy.analysis.nonresponse import delta_analysis, tipping_delta

    flags = {"false": 0, "true": 1}
    rubric = Rubric("test", (Criterion("code", "code", "code_of_practice", True, points=flags),
                             Criterion("transparency", "answered", "responded", True, points=flags)),
                    good_min_share=0.6, ri_min_share=0.3, gate_enabled=False, gate_field="mean_overall_engagement",
                    gate_below=2.0)
    assessment = pd.DataFrame({"lep17_code": list("ABCD"), "code_of_practice": [True, False, True, False],
                               "responded": [True, True, False, False]})
    assert count_ri_or_inadequate(score(assessment, rubric, public_only=False)).point == 3   # C penalised
    table = delta_analysis(assessment, assessment, rubric, "transparency", np.array([-0.5, 0.0, 0.5, 0.7]))
    assert table["lower"].tolist() == [3, 2, 2, 1]
    assert (table["n_nonresponders"] == 2).all() and table["delta_points"].tolist() == [-0.5, 0.0, 0.5, 0.7]
    assert tipping_delta(table, 3) == -0.5 and tipping_delta(table, 2) == 0.0 and np.isnan(tipping_delta(table, 4))
