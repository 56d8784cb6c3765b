"""Colours that carry a meaning, defined once: each colour means one thing on every chart and page.

From the UK Government Analysis Function's colour-blind-safe palette. A rating's colour is used for that rating
only; NCVO's published figures and the guide lines drawn for reference (a majority, the configured rubric) are
black; values from public evidence are dark blue; what unknown evidence allows is steel blue; what is not known is
grey, and a cell filled with synthetic stand-ins is grey with hatching (its real value is not known).
"""

from __future__ import annotations

PUBLIC = "#12436D"          # a value from public evidence (or the measured value of a single-series chart)
RANGE = "#6F8FAF"           # what unknown evidence allows: ranges, bounds, values outside an interval
UNKNOWN = "#949494"         # not known: unknown cells and points, and the rating "Insufficient evidence"
OWN_DATA = "#3D3D3D"        # a researcher's own files
REFERENCE = "#0B0C0C"       # NCVO's published figures and the guide lines drawn for reference
RATINGS = {
    "Good": "#28A197",
    "Requires improvement": "#F46A25",
    "Inadequate": "#801650",
    "Inadequate to Requires improvement": "#A285D1",
    "Insufficient evidence": UNKNOWN,
}
SYNTHETIC_HATCH = "///"     # over the unknown grey: a stand-in fills a value that is not known

# every colour with the one thing it means (a test checks no colour means two things)
MEANINGS = {
    PUBLIC: "a value from public evidence",
    RANGE: "what unknown evidence allows",
    UNKNOWN: "not known",
    OWN_DATA: "a researcher's own files",
    REFERENCE: "NCVO's published figures and reference lines",
    **{colour: f"the rating {rating}" for rating, colour in RATINGS.items() if colour != UNKNOWN},
}
# where an LEP page's map shows whether public sources confirm a voluntary sector seat (white: none on the list)
SEAT = {True: PUBLIC, False: "#FFFFFF", None: UNKNOWN}
