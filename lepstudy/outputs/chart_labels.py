"""Point labels that do not cover each other, a point or the axes' edge (used at desktop and phone sizes)."""

from __future__ import annotations

import matplotlib.pyplot as plt
from matplotlib.transforms import Bbox

# where a point's label may go, in turn: beside it, above or below it, then further out (points, alignment)
LABEL_OFFSETS = [(4, 2, "left", "bottom"), (4, -2, "left", "top"), (-4, 2, "right", "bottom"),
                 (-4, -2, "right", "top"), (0, 6, "center", "bottom"), (0, -6, "center", "top"),
                 (4, 10, "left", "bottom"), (4, -10, "left", "top"), (-4, 10, "right", "bottom"),
                 (-4, -10, "right", "top"), (0, 16, "center", "bottom"), (0, -16, "center", "top")]


def place_labels(ax: plt.Axes, points, fontsize: float = 7, leave_off_crowded: bool = False) -> int:
    """Label each (x, y, text) point without covering another label, a point or the axes' edge: the first place
    in ``LABEL_OFFSETS`` that is free, else the least crowded one, or none with ``leave_off_crowded`` (a phone
    chart labels what fits; its data file names every point). Returns how many labels were left off. Call after
    the layout is final."""
    renderer = ax.figure.canvas.get_renderer()
    inside = ax.get_window_extent(renderer)
    points = list(points)
    radius = 4 * ax.figure.dpi / 72                       # a marker's half-width, and a little room, in pixels
    dots = [Bbox.from_extents(px - radius, py - radius, px + radius, py + radius)
            for px, py in ax.transData.transform([(x, y) for x, y, _ in points])]
    placed: list = []
    left_off = 0
    for index, (x, y, text) in enumerate(points):
        others = placed + dots[:index] + dots[index + 1:]  # labels keep off every other point and each other
        best = None
        for dx, dy, ha, va in LABEL_OFFSETS:
            label = ax.annotate(text, (x, y), xytext=(dx, dy), textcoords="offset points", ha=ha, va=va,
                                fontsize=fontsize, color="#3D3D3D")
            box = label.get_window_extent(renderer)
            clashes = sum(box.overlaps(other) for other in others) + (0 if inside.contains(box.x0, box.y0) and
                                                                      inside.contains(box.x1, box.y1) else 1)
            if best is None or clashes < best[0]:
                if best is not None:
                    best[1].remove()
                best = (clashes, label, box)
            else:
                label.remove()
            if clashes == 0:
                break
        if best[0] and leave_off_crowded:
            best[1].remove()
            left_off += 1
            continue
        placed.append(best[2])
    return left_off
