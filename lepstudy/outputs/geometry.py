"""The outer rings of GeoJSON polygons, the one piece of geometry the map figure and the LEP index's map share."""

from __future__ import annotations

import numpy as np


def outer_rings(geometry: dict) -> list[np.ndarray]:
    """The outer ring of each polygon of a GeoJSON ``Polygon`` or ``MultiPolygon`` (holes are not drawn: LEP areas
    have none that show at this scale), as (longitude, latitude) arrays."""
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    return [np.asarray(polygon[0], dtype=float) for polygon in polygons]
