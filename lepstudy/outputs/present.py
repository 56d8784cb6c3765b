"""Tables as readers see them on the rendered pages: a caption, column (and row) headers with ``scope``, no
pandas index column, numbers rounded, nothing truncated, and "—" with a footnote where a value is missing.
Notebooks show every table through :func:`table`, so the pages are accessible and read the same way."""

from __future__ import annotations

import html
import re

import numpy as np
import pandas as pd
from IPython.display import HTML

from lepstudy.core.values import is_missing
from lepstudy.core.vocabulary import LABELS

MISSING = "—"
FOOTNOTE = f"{MISSING} not available: the evidence is unknown, the value is suppressed, or it does not apply."


def table_html(frame: pd.DataFrame, caption: str, row_labels: bool = False, digits: int = 3) -> str:
    """An accessible HTML table: ``<caption>``, ``<th scope="col">`` (and ``scope="row"`` for the index when
    ``row_labels``), values rounded to ``digits``, missing values as "—" followed by a footnote saying so."""
    shown = frame if row_labels else frame.reset_index(drop=True)
    columns = [_sentence_case(human(str(c))) for c in shown.columns]
    head = "".join(f'<th scope="col">{html.escape(c)}</th>' for c in columns)
    if row_labels:
        head = f'<th scope="col">{html.escape(_sentence_case(human(str(shown.index.name or "item"))))}</th>' + head
    body, missing = [], False
    for label, *row in shown.itertuples(index=True, name=None):      # keeps each column's own type
        cells = []
        for value in row:
            text = _cell(value, digits)
            missing |= text == MISSING
            cells.append(f"<td>{html.escape(text)}</td>")
        lead = f'<th scope="row">{html.escape(human(str(label)))}</th>' if row_labels else ""
        body.append(f"<tr>{lead}{''.join(cells)}</tr>")
    note = f'<p class="table-note">{html.escape(FOOTNOTE)}</p>' if missing else ""
    # a wide table scrolls inside its own box on a phone; the box takes keyboard focus so it can be scrolled
    return (f'<div class="table-wrap" role="region" aria-label="{html.escape(caption, quote=True)}" tabindex="0">'
            f'<table class="lepstudy-table"><caption>{html.escape(caption)}</caption><thead><tr>{head}</tr></thead>'
            f"<tbody>{''.join(body)}</tbody></table></div>{note}")


# a name as code writes it: lower case words joined by underscores
IDENTIFIER = re.compile(r"\b[a-z]+(?:_[a-z0-9]+)+\b")
RAW_TRUTH = re.compile(r"\b(?:True|False)\b")


def human(text: str) -> str:
    """Every code name in ``text`` as a reader's words (``lepstudy.core.vocabulary.LABELS``, else its words), and raw
    True/False as yes/no; web addresses and file paths are left as they are."""
    if len(text) > 2 and text in LABELS:        # "n" alone is a letter, not a field
        return LABELS[text]
    return " ".join(token if "/" in token else _words(token) for token in text.split(" "))


def _words(token: str) -> str:
    token = IDENTIFIER.sub(lambda match: LABELS.get(match.group(), match.group().replace("_", " ")), token)
    return RAW_TRUTH.sub(lambda match: "yes" if match.group() == "True" else "no", token)


def _sentence_case(text: str) -> str:
    return text[:1].upper() + text[1:]


def _cell(value: object, digits: int) -> str:
    if is_missing(value):
        return MISSING
    if isinstance(value, bool | np.bool_):
        return "yes" if value else "no"
    if isinstance(value, str):                 # "True"/"False" written as text become yes/no here too
        return human(value)
    if isinstance(value, float | np.floating) and not float(value).is_integer():
        return f"{value:,.{digits}f}".rstrip("0").rstrip(".")
    if isinstance(value, int | np.integer | float | np.floating):
        whole = int(value)
        return f"{whole:,}" if abs(whole) >= 10_000 else str(whole)     # years and small counts without commas
    return str(value)


def table(frame: pd.DataFrame, caption: str, row_labels: bool = False, digits: int = 3):
    """The table for display in a notebook (an IPython HTML object)."""

    return HTML(table_html(frame, caption, row_labels, digits))
