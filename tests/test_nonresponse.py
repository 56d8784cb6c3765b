"""Non-response: the extreme bounds on a hand case."""

import pandas as pd

from lepstudy.nonresponse import nonresponse_bounds


def test_nonresponse_bounds_hand_case():
    ratings = ["Good", "Inadequate", "Requires improvement", "Good"]
    scores = pd.DataFrame({"lep17_code": list("abcd"), "rating": ratings, "rating_best": ratings,
                           "rating_worst": ratings})
    responses = pd.DataFrame({"lep17_code": list("abcd"), "responded": [True, True, False, False]})
    bounds = nonresponse_bounds(scores, responses)
    assert bounds["assessed"] == 0.5
    assert bounds["nonresponders_all_better"] == 0.25    # only b
    assert bounds["nonresponders_all_worse"] == 0.75     # b, c, d
