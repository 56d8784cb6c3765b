"""Phone renders: the same chart redrawn narrow, with text a reader can read on a 375 px screen.

A desktop chart is 7-9 inches wide with 7-10 pt text; shown 343 px wide on a phone its text falls to about 5 px.
``redraw_for_phone`` takes the drawn figure and lays it out again in one column ``PHONE_WIDTH_INCHES`` wide, every
text at least ``SMALLEST_POINTS``: panels side by side go one above the other, legends beside the plot go above the
figure, long category names wrap, crowded x labels turn, point labels are placed again. ``smallest_text_points``
and ``overlapping_texts`` describe the result, so the page test can check its text where a browser lays it out.
"""

from __future__ import annotations

import textwrap
import warnings

import matplotlib.pyplot as plt
from matplotlib.gridspec import GridSpec
from matplotlib.text import Annotation, Text
from matplotlib.ticker import FixedLocator, MaxNLocator, NullFormatter

from lepstudy.outputs.chart_labels import place_labels

PHONE_WIDTH_INCHES = 4.0
SMALLEST_POINTS = 10.0           # 10 pt in a 4-inch chart shown 343 px wide is 11.9 px
PHONE_SCREEN_PX = 343            # the width a chart gets on a 375 px phone, inside the page's margins
SMALLEST_PLOT_INCHES = 1.25     # no plot narrower than this: a chart is narrowed to fit a phone, or widened, to keep it
READABLE_PX = 11                 # the smallest text a phone reader is asked to read
WRAP_CHARACTERS = 22             # a category name longer than this wraps onto a second line...
LEGEND_CHARACTERS = 34           # a legend entry longer than this wraps
MANY_ROWS = 12                   # ...unless the axis has more rows than this (38 LEPs keep a row each)


def _panels(fig: plt.Figure) -> list[plt.Axes]:
    """The figure's plotting axes in reading order (colour bars are not panels)."""
    return [ax for ax in fig.axes if not hasattr(ax, "_colorbar")]


def _stack_panels(fig: plt.Figure) -> int:
    """Put panels that sit side by side in one row one above the other; returns how many were stacked (1 if
    none were)."""
    panels = [ax for ax in _panels(fig) if ax.get_subplotspec() is not None]
    rows = {ax.get_subplotspec().rowspan.start for ax in panels}
    if len(panels) < 2 or len(rows) > 1:
        return 1
    grid = GridSpec(len(panels), 1, figure=fig)
    for row, ax in enumerate(panels):
        ax.set_subplotspec(grid[row, 0])
        ax.tick_params(axis="y", labelleft=True)       # a shared axis shown on each panel, now one per row
    return len(panels)


def _enlarge_text(fig: plt.Figure) -> None:
    for text in fig.findobj(Text):
        if text.get_fontsize() < SMALLEST_POINTS:
            text.set_fontsize(SMALLEST_POINTS)
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            size = max(SMALLEST_POINTS, *(label.get_fontsize() for label in axis.get_ticklabels()), 0)
            ax.tick_params(axis="x" if axis is ax.xaxis else "y", which="both", labelsize=size)


def _names_categories(axis) -> bool:
    """Whether an axis's ticks name categories (fixed ticks labelled in words) rather than mark numbers."""
    return isinstance(axis.get_major_locator(), FixedLocator) and any(
        character.isalpha() for label in axis.get_ticklabels() for character in label.get_text())


def _wrap_categories(fig: plt.Figure) -> int:
    """Wrap long category tick labels; returns the most lines any y label takes."""
    most = 1
    for ax in _panels(fig):
        for axis, width in ((ax.yaxis, WRAP_CHARACTERS), (ax.xaxis, 12)):
            if not _names_categories(axis) or (axis is ax.yaxis and len(axis.get_ticklocs()) > MANY_ROWS):
                continue
            labels = [label.get_text() for label in axis.get_ticklabels()]
            wrapped = ["\n".join(textwrap.wrap(" ".join(label.split()), width, break_on_hyphens=False,
                                              break_long_words=False)) or label
                       for label in labels]
            axis.set_ticklabels(wrapped)
            if axis is ax.yaxis:
                most = max(most, *(w.count("\n") + 1 for w in wrapped), 1)
    return most


def _legends_above(fig: plt.Figure) -> None:
    """A legend anchored beside the plot goes above the figure, in one column, from its left edge (not the plot's)
    so a long entry has the whole width; the layout leaves it out and the heading goes above it."""
    for ax in fig.axes:
        legend = ax.get_legend()
        if legend is None:
            continue
        anchor = legend.get_bbox_to_anchor().transformed(ax.transAxes.inverted())
        if anchor.x0 < 1:
            continue
        handles = legend.legend_handles
        labels = ["\n".join(textwrap.wrap(text.get_text(), LEGEND_CHARACTERS)) for text in legend.get_texts()]
        legend.remove()
        fig.legend(handles, labels, loc="lower left", bbox_to_anchor=(0.01, 1.0), frameon=False,
                   fontsize=SMALLEST_POINTS, ncols=1)


def _overlap(labels) -> bool:
    renderer = labels[0].figure.canvas.get_renderer() if labels else None
    boxes = [label.get_window_extent(renderer) for label in labels if label.get_text()]
    return any(a.x1 > b.x0 for a, b in zip(boxes, boxes[1:], strict=False))


def _turn_crowded_x_labels(fig: plt.Figure) -> None:
    """Crowded category names turn upright on one line (two if long); crowded numbers thin out."""
    for ax in _panels(fig):
        if not _names_categories(ax.xaxis):          # numbers: drop the minor labels (0.5, 2, 3 on a log scale)
            ax.xaxis.set_minor_formatter(NullFormatter())
            if _overlap(ax.get_xticklabels()):
                ax.xaxis.set_major_locator(MaxNLocator(nbins=2))
            continue
        if _overlap(ax.get_xticklabels()):
            names = [" ".join(label.get_text().split()) for label in ax.get_xticklabels()]
            ax.xaxis.set_ticklabels(["\n".join(textwrap.wrap(name, WRAP_CHARACTERS)) for name in names],
                                    rotation=90)
            if _overlap(ax.get_xticklabels()):         # still crowded: one line each, as narrow as text goes
                ax.xaxis.set_ticklabels(names, rotation=90)


def _point_labels(ax: plt.Axes) -> list[Annotation]:
    return [text for text in ax.texts if isinstance(text, Annotation) and text.arrow_patch is None]


def _take_point_labels(fig: plt.Figure) -> list[tuple[plt.Axes, list]]:
    """Remove the point labels of every labelled scatter (five labels or more; a few direct labels stay), to be
    placed again once the phone layout is final; returns them by axes as (x, y, text)."""
    taken = []
    for ax in _panels(fig):
        labels = _point_labels(ax)
        if len(labels) >= 5:
            taken.append((ax, [(*label.xy, label.get_text()) for label in labels]))
            for label in labels:
                label.remove()
    return taken


def wrap_to_fit(text: Text, limit: float, along: int = 0, step: float = 0.85, shortest: int = 10) -> None:
    """Wrap ``text`` until its extent along x (``along=0``) or y (1) is at most ``limit`` pixels, shortening the
    lines by ``step`` at a time and never below ``shortest`` characters."""
    renderer = text.figure.canvas.get_renderer()

    def extent() -> float:
        box = text.get_window_extent(renderer)
        return (box.width, box.height)[along]

    one_line = " ".join(text.get_text().split())
    characters = len(one_line)
    while characters > shortest and extent() > limit:
        characters = int(characters * step)
        text.set_text("\n".join(textwrap.wrap(one_line, characters, break_on_hyphens=False)))


def _wrap_free_text(fig: plt.Figure) -> None:
    """Titles, notes and axis labels written for a wide figure wrap to the phone's width (an axis label to its
    axes' length)."""
    renderer = fig.canvas.get_renderer()
    for text in fig.findobj(Text):
        if text.get_text() and text.get_visible() and not text.get_rotation():
            left = text.get_window_extent(renderer).x0 if text.get_horizontalalignment() == "left" else 0
            wrap_to_fit(text, 0.98 * fig.bbox.width - max(0, left))    # a direct label ends at the figure's edge
    for ax in _panels(fig):
        box = ax.get_window_extent(renderer)
        wrap_to_fit(ax.xaxis.label, max(box.width, 0.6 * fig.bbox.width))
        wrap_to_fit(ax.yaxis.label, max(box.height, 150), along=1)


def redraw_for_phone(fig: plt.Figure) -> None:
    """Lay the figure out again for a phone (see the module's docstring); call once, after the desktop save."""
    with warnings.catch_warnings():       # a layout tried and bettered on the way is no news to the reader
        warnings.filterwarnings("ignore", "Tight layout not applied", UserWarning)
        _redraw_for_phone(fig)


def _redraw_for_phone(fig: plt.Figure) -> None:
    point_labels = _take_point_labels(fig)
    stacked = _stack_panels(fig)
    _enlarge_text(fig)
    lines = _wrap_categories(fig)
    height = fig.get_figheight()
    line = SMALLEST_POINTS * 1.3 / 72                                  # inches a line of text takes
    # each category row and each labelled point its own room, in the share of the height its panel has
    rows = [len(ax.get_yticks()) * lines * line / ax.get_position().height for ax in _panels(fig)
            if _names_categories(ax.yaxis)]
    points = [len(labels) * line / ax.get_position().height for ax, labels in point_labels]
    fig.set_size_inches(PHONE_WIDTH_INCHES, max(height * stacked, 1.15 * max([0, *rows, *points]) + 1))
    _legends_above(fig)
    fig.tight_layout()
    _turn_crowded_x_labels(fig)
    _wrap_free_text(fig)
    fig.tight_layout()
    _narrow_to_fit(fig)
    _widen_while_cramped(fig)
    for ax, points in point_labels:
        place_labels(ax, points, fontsize=SMALLEST_POINTS, leave_off_crowded=True)


def _narrowest_plot(fig: plt.Figure) -> float:
    """The width of the narrowest panel, in inches."""
    return min(ax.get_position().width for ax in _panels(fig)) * fig.get_figwidth()


def _cramped(fig: plt.Figure) -> bool:
    """A plot narrower than ``SMALLEST_PLOT_INCHES``, or x tick labels that collide."""
    return _narrowest_plot(fig) < SMALLEST_PLOT_INCHES or any(_overlap(ax.get_xticklabels()) for ax in _panels(fig))


def _widen_while_cramped(fig: plt.Figure, widest: float = 8.0) -> None:
    """Long category names beside a plot (the specification curve's options) or many across it (eleven evidence
    items under a heatmap) leave too little room at phone width: widen the figure until the plot has room and the
    names clear each other (it is then shown in a box that scrolls sideways)."""
    while fig.get_figwidth() < widest and _cramped(fig):
        fig.set_figwidth(fig.get_figwidth() + 0.25)
        fig.tight_layout()


def _narrow_to_fit(fig: plt.Figure, attempts: int = 4) -> None:
    """Narrow the figure while what it draws (labels, legends) spills past ``PHONE_WIDTH_INCHES``, keeping the
    plot at least ``SMALLEST_PLOT_INCHES`` wide; what still spills is shown on a phone with a sideways scroll."""
    renderer = fig.canvas.get_renderer()
    for _ in range(attempts):
        spill = fig.get_tightbbox(renderer).width - PHONE_WIDTH_INCHES
        if spill <= 0.02 or _narrowest_plot(fig) - spill < SMALLEST_PLOT_INCHES:
            return
        fig.set_figwidth(fig.get_figwidth() - spill)
        fig.tight_layout()


def smallest_text_points(fig: plt.Figure) -> float:
    """The size of the smallest visible text in the figure (tick labels included: they are the axes' children), in
    points."""
    return min(text.get_fontsize() for text in fig.findobj(Text) if text.get_visible() and text.get_text().strip())


def _drawn(ax: plt.Axes, axis, tick) -> bool:
    """Whether a tick's label is drawn: its axes shows axes and the tick lies inside the view (matplotlib keeps
    labels of ticks it does not draw)."""
    low, high = sorted(axis.get_view_interval())
    return ax.axison and low - 1e-9 * abs(high - low) <= tick.get_loc() <= high + 1e-9 * abs(high - low)


def overlapping_texts(fig: plt.Figure) -> list[tuple[str, str]]:
    """Every pair of texts (titles, labels, tick labels, legend entries) whose boxes overlap by more than a pixel
    each way, as drawn; texts turned by an angle other than 0 or 90 degrees are left out (their upright boxes
    overlap while their letters do not)."""
    renderer = fig.canvas.get_renderer()
    fig.draw_without_rendering()          # lay out every text where it is drawn, without rasterising
    ticks = {id(label): (ax, axis, tick) for ax in fig.axes for axis in (ax.xaxis, ax.yaxis)
             for tick in axis.get_major_ticks() + axis.get_minor_ticks() for label in (tick.label1, tick.label2)}
    boxes = [(text.get_window_extent(renderer), " ".join(text.get_text().split())) for text in fig.findobj(Text)
             if text.get_visible() and text.get_text().strip() and not text.get_rotation() % 90
             and (id(text) not in ticks or _drawn(*ticks[id(text)]))]
    found = []
    for index, (a, a_text) in enumerate(boxes):
        for b, b_text in boxes[index + 1:]:
            if min(a.x1, b.x1) - max(a.x0, b.x0) > 1 and min(a.y1, b.y1) - max(a.y0, b.y0) > 1 and a_text != b_text:
                found.append((a_text, b_text))
    return found
