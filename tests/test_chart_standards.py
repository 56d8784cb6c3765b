"""Charts to the Analysis Function standard: a title that states the message, a subtitle that says what, where and
when (with the SYNTHETIC DATA line in it where it applies), plain-English labels, and marks with at least 3:1
contrast against the white background."""

import re
from pathlib import Path

import matplotlib.pyplot as plt
import pytest

from lepstudy.core.vocabulary import choice_words
from lepstudy.outputs import colours as colours_module
from lepstudy.outputs import plots


def contrast_with_white(colour: str) -> float:
    """WCAG 2 contrast ratio of a hex colour against white (relative luminance, sRGB)."""
    channels = [int(colour.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    return 1.05 / (luminance + 0.05)


def test_contrast_formula_by_known_answers():
    assert contrast_with_white("#000000") == pytest.approx(21)
    assert contrast_with_white("#767676") == pytest.approx(4.54, abs=0.01)     # the WCAG 'AA' grey on white
    assert contrast_with_white("#BFBFBF") < 3                                     # the grey the charts used


def test_every_colour_that_carries_data_has_3_to_1_contrast():
    colours = list(colours_module.MEANINGS)
    assert all(contrast_with_white(c) >= 3 for c in colours), [c for c in colours if contrast_with_white(c) < 3]


def test_no_colour_means_two_things():
    """Each colour in the registry has one meaning, and the charts and pages use no colour outside it: the two
    clashes of the old palette (orange for Requires improvement and for synthetic cells; plum for Inadequate and
    for NCVO's figures) cannot come back."""
    meanings = colours_module.MEANINGS
    ratings = colours_module.RATINGS
    assert len({colour.upper() for colour in meanings}) == len(meanings)
    assert plots.STATUS_COLOURS["synthetic"] not in set(ratings.values()) - {colours_module.UNKNOWN}
    assert colours_module.REFERENCE not in ratings.values() and colours_module.PUBLIC not in ratings.values()
    assert colours_module.SEAT[True] == colours_module.PUBLIC and colours_module.SEAT[None] == colours_module.UNKNOWN
    source = Path(plots.__file__).read_text(encoding="utf-8")
    hex_codes = set(re.findall(r'"(#[0-9A-Fa-f]{6})"', source)) - {"#FFFFFF", "#0B0C0C", "#3D3D3D"}   # white, ink
    assert hex_codes == set(), f"plots.py draws colours outside lepstudy/outputs/colours.py: {sorted(hex_codes)}"


def _drawn_colours(fig) -> set[str]:
    from matplotlib.colors import to_hex

    found = set()
    for artist in fig.findobj():
        for getter in ("get_facecolor", "get_edgecolor", "get_color"):
            try:
                value = getattr(artist, getter)()
            except (AttributeError, TypeError):
                continue
            for colour in ([value] if isinstance(value, str) or getattr(value, "ndim", 1) == 1 else list(value)):
                try:
                    if len(colour) == 4 and float(colour[3]) < 1:
                        continue                            # a tint (a band at 12%) is not a colour of its own
                    found.add(to_hex(colour).upper())
                except (ValueError, TypeError):
                    continue
    return found


def test_the_rating_chart_and_the_board_chart_keep_rating_colours_apart():
    """Drawn, not declared: NCVO's diamonds are not a rating's colour, and the rating bars use only rating colours."""
    import pandas as pd

    counts = pd.DataFrame({"variant": "full", "category": [*colours_module.RATINGS, "Requires improvement or "
                           "Inadequate"], "share": [0.5, 0.3, 0.1, 0.0, 0.1, 0.4], "n": 38, "determined": True,
                           "lower": 15, "upper": 15, "text": "15 of 38", "synthetic_inputs": False})
    figure = plots.rating_distribution_figure(counts, "A checked title")
    bars = {colour for colour in _drawn_colours(figure.fig) if colour in {c.upper() for c in colours_module.MEANINGS}}
    assert bars <= {c.upper() for c in colours_module.RATINGS.values()}
    plt.close(figure.fig)


def _heading_texts(fig):
    return sorted(((t.get_transform().transform((0, 1))[1], t.get_text()) for t in fig.texts), reverse=True)


@pytest.mark.parametrize("synthetic", [True, False])
def test_heading_title_then_subtitle_then_the_synthetic_line(synthetic):
    fig, ax = plt.subplots()
    ax.plot([0, 1], [0, 1])
    ax.set_title("three in four areas are unknown", loc="left")
    title = plots.take_title(fig)
    plots.add_heading(fig, title, "Evidence by LEP: 38 LEPs in England, 2019-20", synthetic)
    assert title == "Three in four areas are unknown" and ax.get_title(loc="left") == ""
    texts = [text for _, text in _heading_texts(fig)]           # top to bottom
    expected = ["Three in four areas are unknown", "Evidence by LEP: 38 LEPs in England, 2019-20"]
    assert texts == expected + ([plots.SYNTHETIC_LINE] if synthetic else [])
    plt.close(fig)


def test_a_suptitle_is_the_message_of_a_figure_with_panels():
    fig, axes = plt.subplots(1, 2)
    axes[0].set_title("left panel", loc="left")
    fig.suptitle("both panels agree")
    assert plots.take_title(fig) == "Both panels agree"
    assert axes[0].get_title(loc="left") == "left panel"             # panel titles stay
    plt.close(fig)


def test_choices_in_plain_english():
    assert choice_words("good_min_share") == "where Good starts"
    assert choice_words("good_min_share x seat_points") == "where Good starts × points for a CVS seat"
    assert choice_words("three-way and higher interactions") == "three-way and higher interactions"


@pytest.mark.slow
def test_every_chart_has_a_subtitle_and_no_legend_over_the_board_counts(settings, report):
    import pandas as pd

    svgs = sorted(settings.figures_dir.glob("*.svg"))
    for svg in svgs:
        text = svg.read_text()
        assert "England" in text, f"{svg.name}: no subtitle saying where"
    backtest = pd.read_csv(settings.processed_dir / "backtest.csv")
    figure = plots.board_representation_figure(backtest, "A checked title")
    assert figure.fig.axes[0].get_legend() is None          # labelled directly
    plt.close(figure.fig)


@pytest.mark.slow
def test_stand_ins_are_named_where_a_chart_uses_them_and_only_there(settings, report):
    """Both ways: a chart stamped SYNTHETIC names the stand-ins in its Source line and draws no NCVO band over them;
    a chart whose message (its title's claim) is real is not stamped, and its data rests on no stand-in."""
    import html
    import re

    import pandas as pd

    from lepstudy.core.store import read_processed

    claims = read_processed(settings, "claims")
    layer_of = {text[:1].upper() + text[1:]: layer for text, layer in claims[["text", "layer"]].itertuples(index=False)}
    checked = 0
    for svg in sorted(settings.figures_dir.glob("*.svg")):
        text = html.unescape(svg.read_text())
        title = re.search(r"<title>(.*?)</title>", text, re.S).group(1)
        stamped = "SYNTHETIC DATA" in text
        data = pd.read_csv(settings.figures_dir / "data" / f"{svg.stem}.csv")
        if stamped:
            assert "Synthetic stand-ins:" in text, f"{svg.name}: the Source line does not name the stand-ins"
            assert "NCVO: about two-thirds" not in text, f"{svg.name}: NCVO's band drawn over stand-in results"
            assert "about two-thirds" not in title, f"{svg.name}: a stand-in result set beside NCVO's figure"
        else:
            assert not data["synthetic_inputs"].astype(str).eq("True").any(), f"{svg.name}: unstamped stand-ins"
        layers = [layer for claim, layer in layer_of.items() if " ".join(title.split()).startswith(claim)]
        if layers == ["real"]:
            assert not stamped, f"{svg.name}: a real message stamped synthetic"
            checked += 1
    assert checked >= 10


@pytest.mark.slow
def test_no_phone_render_has_text_over_text(settings, report):
    """Every chart's phone render, measured on the figure as drawn (the desktop SVGs are measured in the browser):
    no label, title or legend entry covers another."""
    import json

    facts = {path.name: json.loads(path.read_text()) for path in sorted(settings.figures_dir.glob("*.phone.json"))}
    assert len(facts) >= 16
    assert {name: fact["overlapping_texts"] for name, fact in facts.items() if fact["overlapping_texts"]} == {}
    assert min(fact["smallest_text_px"] for fact in facts.values()) >= 20        # 10 pt at 150 dpi is 20.8 px
