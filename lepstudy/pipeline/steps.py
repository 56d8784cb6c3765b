"""Build every processed table from the raw layer (and synthetic or private inputs).

``build_all`` (what ``lepstudy data`` and ``make all`` run) loads every input once (``StudyInputs``), runs the
steps in order, each receiving the inputs and the tables built before it, validates and writes each table
atomically under ``data/processed/`` (tables not for sharing under ``data/processed/private/``), and writes the
run manifest last. Nothing is ever written under ``data/raw/``. ``core.store.read_processed`` reads a table back
typed.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from lepstudy.analysis import claims, coverage, engagement, profiles, reconstruction, stats
from lepstudy.analysis.backtest import backtest
from lepstudy.analysis.claims import markdown
from lepstudy.analysis.disclosure import suppress_small_counts
from lepstudy.analysis.engagement import Rubric
from lepstudy.analysis.evidence import public_assessment
from lepstudy.analysis.representation import build_representation_tables
from lepstudy.analysis.robustness import build_robustness_tables
from lepstudy.core import catalogue
from lepstudy.core.catalogue import goes_to_private_folder
from lepstudy.core.config import Settings, load_settings
from lepstudy.core.errors import DataError
from lepstudy.core.io import csv_bytes, validate
from lepstudy.core.records import atomic_write_bytes, remove_stale_temp_files
from lepstudy.core.runlock import holding
from lepstudy.inputs import context
from lepstudy.inputs.study_files import reconstruction_config
from lepstudy.pipeline.buildcache import data_key
from lepstudy.pipeline.fingerprint import fingerprint
from lepstudy.pipeline.manifest import build_manifest, write_manifest
from lepstudy.pipeline.study import StudyInputs, load_specifications, load_study_inputs

log = logging.getLogger(__name__)


Tables = dict[str, pd.DataFrame]


def _write(settings: Settings, name: str, frame: pd.DataFrame, is_stand_in: dict[str, bool]) -> tuple[Path, str]:
    """Validate a processed table against its catalogue entry (schema; for a shareable summary of confidential
    inputs, no count of fewer respondents than the study's minimum), write it atomically to the folder its
    sensitivity gives, and return its path and the checksum of the bytes written (what the manifest records, never a
    later re-read of the folder)."""
    entry = catalogue.table(name)
    private = goes_to_private_folder(entry, is_stand_in)
    target = (settings.processed_dir / "private" if private else settings.processed_dir) / f"{name}.csv"
    validate(frame, entry.schema, target)
    if entry.sensitivity == "aggregate":
        check_small_cells(frame, settings.min_cell_count, target)
    if settings.raw_dir.resolve() in target.resolve().parents:
        raise RuntimeError(f"refusing to write under the raw data folder: {target}")
    data = csv_bytes(frame, entry.float_format)
    return atomic_write_bytes(target, data), hashlib.sha256(data).hexdigest()


def check_small_cells(frame: pd.DataFrame, threshold: int, target: Path) -> None:
    """A shareable table with a count of respondents per body keeps no count below the study's minimum (the step
    blanks them with ``analysis.disclosure.suppress_small_counts``); a table that does is an error, never written."""
    if "lep17_code" not in frame or "n_respondents" not in frame:
        return
    counts = pd.to_numeric(frame["n_respondents"], errors="coerce")
    small = counts.between(1, threshold - 1)
    if small.any():
        row = int(small.to_numpy().nonzero()[0][0])
        raise DataError(f"a shareable table would show a count of respondents below {threshold}", file=target,
                        row=row + 2, column="n_respondents", value=int(counts.iloc[row]),
                        expected="counts below the minimum blanked (analysis.disclosure.suppress_small_counts)")


def build_reference_tables(settings: Settings, data: StudyInputs, built: Tables) -> Tables:
    """``leps``, ``lad_lep`` (long, with shared/partial flags), ``lep_context`` and the IMD check."""
    reference, districts = data.reference, data.districts
    return {
        "leps": reference,
        "lad_lep": districts.lookup,
        "lep_context": context.build_lep_context(districts, reference),
        "imd_validation": context.imd_validation(districts, settings.imd_tolerance, reference),
        "study_area": context.study_area(districts, reference),
        "lep_boundaries": data.boundaries,
        "published_figures": data.published,
    }


def build_evidence_tables(settings: Settings, data: StudyInputs, built: Tables) -> Tables:
    """Public board evidence, every public finding per body, the demonstration ``lep_responses`` and evidence
    coverage."""

    cover = coverage.evidence_coverage(data.reference, data.strategy, data.responses.frame, data.feedback.synthetic,
                                       data.responses.synthetic)
    public, responses = data.public, data.responses
    codes = sorted(data.reference["lep17_code"])
    return {
        "board_evidence_public": public,
        "lep_evidence": profiles.lep_evidence(data.rules, data.board, data.strategy, codes),
        "lep_responses": responses.frame,
        "evidence_coverage": cover,
    }


def feedback_derived_columns(scores: pd.DataFrame, rubric: Rubric) -> list[str]:
    """The per-LEP columns of a scores table that rest on sector feedback: the feedback criteria's points, the
    totals and ratings they enter, and the gate."""
    feedback = [f"pts_{c.key}" for c in rubric.criteria if c.cuts is not None]
    return [c for c in [*feedback, "total", "min_total", "max_total", "gate_applied", "rating", "rating_best",
                        "rating_worst"] if c in scores.columns]


def score_variant(data: StudyInputs, variant: str) -> pd.DataFrame:
    """One variant's engagement scores as the build computes them (``lepstudy score`` prints these): "public" from
    public evidence alone, whatever private files were given; "full" from every criterion."""

    if variant == "public":
        return engagement.score(public_assessment(data.public), data.rubric, public_only=True)
    return engagement.score(data.assessment, data.rubric, public_only=False)


def build_scoring_tables(settings: Settings, data: StudyInputs, built: Tables) -> Tables:
    """Engagement scores (public and full variants) and rating counts with their bounds (no interval: a census)."""

    public, responses, feedback = data.public, data.responses, data.feedback
    rubric, assessment = data.rubric, data.assessment
    scores_public = score_variant(data, "public").merge(
        public[["lep17_code", "board_coverage", "board_source_urls"]], on="lep17_code", how="left")
    scores_full = score_variant(data, "full")
    feedback_origin = "synthetic" if feedback.synthetic else "private"
    scores_full = scores_full.replace({c: {"sector feedback": feedback_origin} for c in scores_full
                                       if c.startswith("src_")})
    scores_full["evidence_sources"] = engagement.evidence_sources(scores_full)
    scores_full = scores_full.merge(assessment[["lep17_code", "n_respondents"]], on="lep17_code")
    full_private = scores_full.copy()
    scores_full = suppress_small_counts(scores_full, "n_respondents", settings.min_cell_count,
                                        feedback_derived_columns(scores_full, rubric))
    synthetic = feedback.synthetic or responses.synthetic
    scores_full["synthetic_inputs"] = synthetic
    full_private["synthetic_inputs"] = synthetic
    counts = []
    for name, table in (("public", scores_public), ("full", full_private)):
        c = stats.with_shares(engagement.rating_counts(table))
        c.insert(0, "variant", name)
        c["synthetic_inputs"] = synthetic if name == "full" else False
        counts.append(c)
    return {
        "engagement_scores_public": scores_public,
        "engagement_scores": scores_full,                 # shareable: small cells suppressed
        "engagement_scores_full": full_private,           # every LEP's scores, for the later steps; private/
        "rubric_criteria": engagement.criteria_table(rubric),
        "rating_counts": pd.concat(counts, ignore_index=True),
    }


def build_reconstruction(settings: Settings, data: StudyInputs, built: Tables) -> Tables:
    """What NCVO's published counts and the public facts allow (integer programming), the tipping point,
    and the back test that sets every computed figure beside the published one."""

    rubric, published = data.rubric, data.published
    spec = reconstruction_config(settings.files["reconstruction"])
    tables = reconstruction.reconstruction_tables(built["board_evidence_public"], rubric, published, spec)
    tables["reconstruction_constraints"] = reconstruction.published_constraints(published, spec)
    feedback_synthetic = data.feedback.synthetic
    tables["backtest"] = backtest(published, built["board_evidence_public"], built["lep_responses"],
                                  built["engagement_scores_public"], built["engagement_scores_full"],
                                  feedback_synthetic, tables["reconstruction_bounds"])
    return tables


def build_robustness(settings: Settings, data: StudyInputs, built: Tables) -> Tables:
    """Specification curve, feedback model, non-response and rater agreement (notebook 04)."""

    bounds = built["reconstruction_bounds"]
    window = (int(bounds["window_low"].iloc[0]), int(bounds["window_high"].iloc[0]))
    specs = load_specifications(settings, data.rubric)
    return build_robustness_tables(settings.study, specs, data, built["engagement_scores_full"], built["lep_context"],
                                   window)


def build_representation(settings: Settings, data: StudyInputs, built: Tables) -> Tables:
    """Representation and strategy quality (notebook 03)."""

    return build_representation_tables(settings.study, data, built["lep_context"])


def build_claims(settings: Settings, data: StudyInputs, built: Tables) -> Tables:
    """Every sentence the publication states about a number, composed from the tables and checked against them: a
    claim whose predicate fails stops the build with its id (``lepstudy.analysis.claims``)."""

    composed = claims.compose(built)
    claims.check(composed, built)
    return {"claims": claims.claims_table(composed)}


Step = Callable[[Settings, StudyInputs, Tables], Tables]

# each step receives the inputs (loaded once) and the tables it reads (``catalogue.STEPS``), and returns the tables
# the catalogue says it writes
STEP_FUNCTIONS: dict[str, Step] = {
    "reference": build_reference_tables,
    "evidence": build_evidence_tables,
    "scoring": build_scoring_tables,
    "reconstruction": build_reconstruction,
    "representation": build_representation,
    "robustness": build_robustness,
    "claims": build_claims,
}


def build_all(settings: Settings | None = None, progress: Callable[[str], None] | None = None) -> dict[str, Path]:
    """Run every step and write its tables; returns table name -> written path. Holds the processed folder for the
    whole run (``lepstudy.core.runlock``), so a second run into the same folder is refused instead of interleaved.
    Whether the tables could be reused instead is the caller's question (``buildcache.data_is_current``)."""
    settings = settings or load_settings()
    with holding(settings.processed_dir, "lepstudy data"):
        return _build_all(settings, progress)


def _build_all(settings: Settings, progress: Callable[[str], None] | None) -> dict[str, Path]:
    for folder in (settings.processed_dir, settings.figures_dir, settings.reports_dir):
        for path in remove_stale_temp_files(folder):
            log.warning("removed a temporary file an interrupted run left: %s", path)
    log.info("config %s; rubric %s; outputs under %s", settings.config_path, settings.files["rubric"],
             settings.output_root)
    inputs_read = fingerprint(settings)         # the inputs and config as this run reads them
    data = load_study_inputs(settings)
    written: dict[str, Path] = {}
    checksums: dict[str, str] = {}
    built: dict[str, pd.DataFrame] = {}
    is_stand_in = {name: item.synthetic for name, item in data.confidential.items()}
    for step in catalogue.STEPS:
        if progress:
            progress(step.label)
        started = time.perf_counter()
        readable = built if step.reads is None else {name: built[name] for name in step.reads}
        tables = STEP_FUNCTIONS[step.key](settings, data, readable)
        declared = [entry.name for entry in catalogue.tables_of(step.key)]
        if sorted(tables) != sorted(declared):
            raise RuntimeError(f"step {step.key!r} wrote {sorted(tables)}; the table catalogue lists {declared}")
        for name, frame in tables.items():
            written[name], checksums[name] = _write(settings, name, frame, is_stand_in)
            built[name] = frame
            log.info("wrote %s (%d rows)", written[name], len(frame))
        log.info("step '%s' took %.1f s", step.label, time.perf_counter() - started)
    if "claims" in built:                       # the claims table has a page for people: docs/claims.md
        log.info("wrote %s", write_claims_doc(settings, built["claims"]))
    dtypes = {name: {column: str(dtype) for column, dtype in frame.dtypes.items()} for name, frame in built.items()}
    manifest = build_manifest(settings, written, dtypes, data.rubric, checksums=checksums,
                              prints=inputs_read)
    manifest["build_key"] = data_key(inputs_read)    # what a later run compares to reuse these tables
    written["_manifest"] = write_manifest(settings, manifest)
    return written


def write_claims_doc(settings: Settings, claims_table: pd.DataFrame) -> Path:
    """``docs/claims.md`` under the output root (the repository's own for the default build)."""

    return atomic_write_bytes(settings.output_root / "docs" / "claims.md", markdown(claims_table).encode("utf-8"))
