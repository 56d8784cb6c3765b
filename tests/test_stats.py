import pytest

from lepstudy.stats import wilson, x_of_n


def test_wilson_against_hand_computation():
    # 25 of 38, z = 1.959964: centre (p + z^2/2n)/(1 + z^2/n) = 0.643398,
    # half-width z*sqrt(p(1-p)/n + z^2/4n^2)/(1 + z^2/n) = 0.144476 (worked by hand)
    low, high = wilson(25, 38)
    assert low == pytest.approx(0.498922, abs=5e-5)
    assert high == pytest.approx(0.787874, abs=5e-5)


def test_wilson_edges():
    low, high = wilson(0, 38)
    assert low == pytest.approx(0, abs=1e-12) and 0.09 < high < 0.1   # 3.84/(38+3.84) = 0.0918
    with pytest.raises(ValueError):
        wilson(1, 0)


def test_x_of_n():
    assert x_of_n(25, 38) == "25 of 38 (66%)"
