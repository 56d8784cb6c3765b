"""Figure labels follow the data's own flags: the same function stamps a synthetic table and leaves a real one
unstamped, with no 'synthetic' in its alt text."""

import pandas as pd
import pytest

from lepstudy.outputs import plots

pytestmark = pytest.mark.slow


def _as_real_backtest(backtest: pd.DataFrame) -> pd.DataFrame:
    out = backtest.copy()
    out["full_status"] = out["full_status"].replace({"matched by construction": "reproduced",
                                                     "synthetic": "computed from private data"})
    return out


def _as_real_measures(measures: pd.DataFrame) -> pd.DataFrame:
    return measures.assign(synthetic_inputs=False)


@pytest.mark.parametrize("make, table, to_real", [
    (lambda table: plots.strategy_by_representation_figure(table, "A checked title"), "representation_measures",
     _as_real_measures),
    (lambda counts: plots.rating_distribution_figure(counts, "A checked title"), "rating_counts", _as_real_measures),
])
def test_synthetic_label_comes_from_the_table(built, make, table, to_real):
    shipped = pd.read_csv(built[table])
    figure = make(shipped)
    assert figure.synthetic                     # the shipped stand-ins are synthetic
    real = make(to_real(shipped))
    assert not real.synthetic
    assert "synthetic" not in real.alt_text.lower()
    assert all("synthetic" not in t.get_text().lower() for t in real.fig.findobj(lambda a: hasattr(a, "get_text")))
    assert all("demonstration" not in t.get_text().lower()
               for t in real.fig.findobj(lambda a: hasattr(a, "get_text")))


@pytest.mark.parametrize("make, table, to_real", [
    (lambda table: plots.board_representation_figure(table, "A checked title"), "backtest", _as_real_backtest),
    (lambda table: plots.representation_vs_imd_figure(table, "A checked title"), "representation_measures",
     _as_real_measures),
])
def test_charts_with_a_real_message_draw_stand_ins_never_and_own_data_always(built, make, table, to_real):
    """The board and seat-by-deprivation charts: with the shipped stand-ins they draw public evidence (and NCVO's
    figures) only and carry no stamp; with a researcher's own data they add it, labelled "your data"."""
    def texts(figure):
        return " ".join(t.get_text() for t in figure.fig.findobj(lambda a: hasattr(a, "get_text"))).lower()

    shipped = make(pd.read_csv(built[table]))
    assert not shipped.synthetic and "demonstration" not in texts(shipped) and "your data" not in texts(shipped)
    assert not shipped.data.get("synthetic_inputs", pd.Series([False])).astype(bool).any()
    own = make(to_real(pd.read_csv(built[table])))
    assert not own.synthetic and "your data" in texts(own) and "synthetic" not in own.alt_text.lower()


def test_coverage_caption_names_only_the_origins_present():
    shipped = pd.DataFrame({"status": ["public", "synthetic", "unknown"]})
    private = pd.DataFrame({"status": ["public", "private", "unknown"]})
    assert plots.coverage_caption(shipped) == ("Dark blue cells are real public evidence; hatched grey cells are "
                                               "synthetic demonstration values; plain grey cells are unknown.")
    assert "synthetic" not in plots.coverage_caption(private)
    assert "dark grey cells are the researcher's own files" in plots.coverage_caption(private)
