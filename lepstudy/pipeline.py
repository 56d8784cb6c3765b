"""Build every processed table from the raw layer (and synthetic or private inputs).

Each step reads validated inputs and writes a CSV atomically under ``data/processed/``; nothing is
ever written under ``data/raw/``. ``build_all`` is what ``lepstudy data`` and ``make all`` run.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from lepstudy import context
from lepstudy.config import Settings, load_settings
from lepstudy.io import write_csv
from lepstudy.reference import load_reference

log = logging.getLogger(__name__)


def _write(settings: Settings, name: str, frame: pd.DataFrame) -> Path:
    target = settings.processed_dir / f"{name}.csv"
    if settings.raw_dir.resolve() in target.resolve().parents:
        raise RuntimeError(f"refusing to write under the raw data folder: {target}")
    return write_csv(frame, target)


def build_reference_tables(settings: Settings) -> dict[str, pd.DataFrame]:
    """``leps``, ``lad_lep`` (long, with shared/partial flags), ``lep_context`` and the IMD check."""
    from lepstudy import sources

    reference = load_reference(settings.files["lep_reference"])
    partial = sources.load_partial_memberships(settings.files["partial_memberships"])
    lad_lep = context.lad_lep_long(sources.load_lad_lep(settings.raw_dir), partial)
    return {
        "leps": reference,
        "lad_lep": lad_lep,
        "lep_context": context.build_lep_context(settings.raw_dir, settings.files["partial_memberships"],
                                                 reference),
        "imd_validation": context.imd_validation(settings.raw_dir, settings.files["partial_memberships"],
                                                 settings.imd_tolerance),
    }


def build_evidence_tables(settings: Settings) -> dict[str, pd.DataFrame]:
    """Public board evidence, the demonstration ``lep_responses`` and evidence coverage."""
    from lepstudy import coverage, evidence, inputs

    reference = load_reference(settings.files["lep_reference"])
    public = evidence.public_board_evidence(settings, sorted(reference["lep17_code"]))
    responses = inputs.load_lep_responses(settings)
    feedback = inputs.load_sector_feedback(settings)
    cover = coverage.evidence_coverage(settings, reference, responses.frame, feedback.synthetic,
                                       responses.synthetic)
    return {
        "board_evidence_public": public,
        "lep_responses": responses.frame,
        "evidence_coverage": cover,
    }


STEPS: list[tuple[str, Callable[[Settings], dict[str, pd.DataFrame]]]] = [
    ("reference and context", build_reference_tables),
    ("evidence and coverage", build_evidence_tables),
]


def build_all(settings: Settings | None = None, progress: Callable[[str], None] | None = None) -> dict[str, Path]:
    """Run every step and write its tables; returns table name -> written path."""
    settings = settings or load_settings()
    written: dict[str, Path] = {}
    for label, step in STEPS:
        if progress:
            progress(label)
        for name, frame in step(settings).items():
            written[name] = _write(settings, name, frame)
            log.info("wrote %s (%d rows)", written[name], len(frame))
    return written
