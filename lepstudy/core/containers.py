"""Named bundles the inputs hand to the analysis: the curated board and strategy files, read once, and the rules
for reading the board rows. Frames and typed settings only, so the analysis never needs a path."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd


@dataclass(frozen=True)
class EvidenceRules:
    """How the curated board rows are read: which dating classes count as a seat held around NCVO's fieldwork,
    which organisation types are voluntary and community sector seats, and the seat type given to an organisation
    whose type the sources leave unclear (``unclear``: a seat of unknown type; or a type such as ``other_vcs``)."""

    counted_dating: frozenset[str]
    vcs_org_types: frozenset[str]
    unclear_seat_type: str = "unclear"
    redated_in_window: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class BoardSources:
    """The curated public board, board-summary and ESIF files, read once."""

    members: pd.DataFrame
    summary: pd.DataFrame
    esif: pd.DataFrame
    esif_members: pd.DataFrame


@dataclass(frozen=True)
class StrategySources:
    """The curated strategy evidence, read once per run: Local Industrial Strategy status, Annual Performance Review
    ratings and the Inclusive Growth Monitor's statements."""

    lis: pd.DataFrame
    apr: pd.DataFrame
    monitor: pd.DataFrame
