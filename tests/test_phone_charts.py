"""Phone renders: the layout rules on small made-up figures, and the density a page serves them at, by hand."""

import struct

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

from lepstudy.outputs import (
    phone_charts,
    plots,  # noqa: E402
)


def test_panels_side_by_side_are_stacked_and_each_shows_its_scale():
    fig, axes = plt.subplots(1, 2, figsize=(9, 4), sharey=True)
    for ax in axes:
        ax.bar(["Good", "Requires improvement", "Inadequate"], [1, 2, 3])
    phone_charts.redraw_for_phone(fig)
    first, second = (ax.get_position() for ax in axes)
    assert first.y0 > second.y1                                    # one above the other
    assert abs(first.x0 - second.x0) < 0.02
    fig.canvas.draw()
    tick = axes[1].yaxis.get_major_ticks()[1]
    assert tick.label1.get_visible() and tick.label1.get_text()      # the shared scale shown on the lower panel
    assert fig.get_figwidth() <= phone_charts.PHONE_WIDTH_INCHES
    plt.close(fig)


def test_text_is_never_smaller_than_ten_points_and_a_side_legend_goes_above():
    fig, ax = plt.subplots(figsize=(8, 4))
    ax.plot([0, 1], [0, 1], label="a line")
    ax.set_xticks([0, 1], ["nought", "one"], fontsize=6)
    ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1))
    phone_charts.redraw_for_phone(fig)
    assert phone_charts.smallest_text_points(fig) == phone_charts.SMALLEST_POINTS == 10
    assert ax.get_legend() is None and len(fig.legends) == 1
    assert fig.legends[0].get_window_extent().y0 >= fig.bbox.y1 - 1          # above the figure, not beside it
    plt.close(fig)


def test_a_labelled_scatter_keeps_only_labels_that_fit():
    fig, ax = plt.subplots(figsize=(8, 6))
    points = [(x, 0.0, f"a rather long place name {x}") for x in range(8)]       # all on one line: crowded
    ax.scatter([x for x, _, _ in points], [0] * 8)
    plots.place_labels(ax, points)
    phone_charts.redraw_for_phone(fig)
    labels = [text for text in ax.texts if text.get_text().startswith("a rather")]
    assert 0 < len(labels) < 8
    assert phone_charts.overlapping_texts(fig) == []
    plt.close(fig)


def test_overlapping_texts_by_known_answer():
    fig = plt.figure(figsize=(4, 3))
    fig.text(0.1, 0.5, "first words")
    fig.text(0.12, 0.5, "second words")                  # starts inside the first: they overlap
    fig.text(0.1, 0.1, "far below")
    assert phone_charts.overlapping_texts(fig) == [("first words", "second words")]
    plt.close(fig)


def _png_of_width(width: int) -> bytes:
    return b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + b"IHDR" + struct.pack(">II", width, 100) + b"\0" * 5


@pytest.mark.parametrize(("width", "smallest", "density", "boxed"), [
    (600, 20.83, 600 / 343, False),       # 20.83 / 1.749 = 11.9 px: fills the phone's width
    (954, 20.83, 20.83 / 11.5, True),     # filling 343 px would make it 7.5 px: shown at 11.5 px, in a scroll box
])
def test_the_phone_render_is_served_at_a_readable_density(width, smallest, density, boxed):
    published = plots.Published(b"desktop", _png_of_width(width), smallest, "chart.csv", "Alt text.")
    assert published.phone_density() == pytest.approx(density)
    html = published._repr_html_()
    assert ('class="table-wrap chart-wide"' in html) is boxed
    assert f"{density:.3f}x" in html and 'media="(max-width: 600px)"' in html
