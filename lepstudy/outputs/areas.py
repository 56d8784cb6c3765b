"""The LEP areas' outer rings read back from the processed boundaries table (``lep_boundaries``): what both maps
draw (notebook 01's and the LEP index's)."""

from __future__ import annotations

import numpy as np
import pandas as pd


def rings_by_area(boundaries: pd.DataFrame) -> dict[str, list[np.ndarray]]:
    """The ``boundary_rings`` table back as each area's rings, areas in the table's order."""
    areas: dict[str, list[np.ndarray]] = {}
    for (code, _), ring in boundaries.groupby(["lep21_code", "ring"], sort=False):
        areas.setdefault(code, []).append(ring[["longitude", "latitude"]].to_numpy(dtype=float))
    return areas
