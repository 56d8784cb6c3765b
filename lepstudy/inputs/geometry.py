"""The LEP boundaries as a table of outer rings: what both maps (notebook 01's and the LEP index's) draw."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd


def outer_rings(geometry: dict) -> list[np.ndarray]:
    """The outer ring of each polygon of a GeoJSON ``Polygon`` or ``MultiPolygon`` (holes are not drawn: LEP areas
    have none that show at this scale), as (longitude, latitude) arrays."""
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    return [np.asarray(polygon[0], dtype=float) for polygon in polygons]


def boundary_rings(geojson: Path) -> pd.DataFrame:
    """Every LEP area's outer rings, one row per vertex (``lep21_code``, ``lep21_name``, ``ring``, ``point``,
    ``longitude``, ``latitude``) in the file's order, so the maps read the processed store, not the raw file."""
    rows = []
    for feature in json.loads(Path(geojson).read_text(encoding="utf-8"))["features"]:
        code, name = feature["properties"]["LEP21CD"], feature["properties"].get("LEP21NM", "")
        for ring_number, ring in enumerate(outer_rings(feature["geometry"])):
            rows.extend((code, name, ring_number, point, x, y) for point, (x, y) in enumerate(ring))
    return pd.DataFrame(rows, columns=["lep21_code", "lep21_name", "ring", "point", "longitude", "latitude"])
