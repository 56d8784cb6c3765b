"""Build every processed table from the raw layer (and synthetic or private inputs).

``build_all`` (what ``lepstudy data`` and ``make all`` run) loads every input once (``StudyInputs``), runs the
steps in order, each receiving the inputs and the tables built before it, validates and writes each table
atomically under ``data/processed/`` (tables not for sharing under ``data/processed/private/``), and writes the
run manifest last. Nothing is ever written under ``data/raw/``. ``read_processed`` reads a table back typed.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from lepstudy.analysis.engagement import Rubric
from lepstudy.core.config import Settings, load_settings
from lepstudy.core.errors import DataError
from lepstudy.core.io import atomic_write_bytes, csv_bytes, remove_stale_temp_files, validate
from lepstudy.core.runlock import holding
from lepstudy.core.schemas import PROCESSED
from lepstudy.inputs import context
from lepstudy.inputs.confidential import Loaded
from lepstudy.inputs.evidence import BoardSources, public_assessment
from lepstudy.inputs.reference import LepMatcher, load_predecessors, load_reference
from lepstudy.inputs.sources import StrategySources
from lepstudy.pipeline.buildcache import data_key
from lepstudy.pipeline.manifest import build_manifest, fingerprint, read_manifest, sha256_file, write_manifest
from lepstudy.synthetic.generator import CONFIDENTIAL_INPUTS

if TYPE_CHECKING:                  # the codebook module imports statsmodels, which reading a table does not need
    from lepstudy.analysis.strategy import Codebook

log = logging.getLogger(__name__)


# row-level tables: one row per LEP of an input's answers. From a researcher's own file they are confidential,
# so they go to processed/private/ (not for sharing) instead of beside the shareable aggregates
ROW_LEVEL = {"lep_responses": "lep_responses.csv"}
# tables that keep values the small-cell rule removes from their shareable twin: always processed/private/
PRIVATE_TABLES = {"engagement_scores_full"}


Tables = dict[str, pd.DataFrame]


@dataclass
class StudyInputs:
    """Every input of a run, loaded and validated once and handed to each step (no step reads a file itself)."""

    reference: pd.DataFrame        # the bodies (config/lep_reference.csv)
    districts: context.Districts   # district lookup, IoD2019 Files 10 and 12, mid-2019 population
    board: BoardSources            # the curated public board, board-summary and ESIF files
    strategy: StrategySources      # Local Industrial Strategy status, APR ratings, Inclusive Growth Monitor
    published: pd.DataFrame        # NCVO's published figures
    public: pd.DataFrame           # public board, sub-group and ESIF evidence per body (configured rules)
    responses: Loaded              # lep_responses: the researcher's file or the synthetic stand-in
    feedback: Loaded               # sector_feedback
    ratings: Loaded                # holistic_ratings
    coding: Loaded                 # strategy_coding
    rubric: Rubric
    codebook: Codebook             # the strategy-coding codebook
    assessment: pd.DataFrame       # one row per body with every rubric field (responses + feedback means)


def load_study_inputs(settings: Settings, preloaded: dict[str, Loaded] | None = None) -> StudyInputs:
    """Load every input once, logging where each came from (``preloaded``: confidential inputs ``validate`` has
    read already, by file name)."""
    from lepstudy.analysis import engagement
    from lepstudy.analysis.strategy import load_codebook
    from lepstudy.inputs import confidential, evidence, sources

    reference = load_reference(settings.files["lep_reference"])
    matcher = LepMatcher(reference, load_predecessors(settings.files["lep_predecessors"]))
    codebook = load_codebook(settings.files["codebook"])
    preloaded = preloaded or {}
    loaded = {name: preloaded.get(name) or confidential.LOADERS[name](settings, matcher) for name in (LR, SF, HR)}
    loaded[SC] = preloaded.get(SC) or confidential.load_strategy_coding(settings, matcher, codebook)
    for name, item in loaded.items():
        log.info("input %s: %s (%s, %d rows)", name, item.path, "synthetic stand-in" if item.synthetic
                 else "real, private", len(item.frame))
    responses, feedback = loaded[LR], loaded[SF]
    board = evidence.load_board_sources(settings)
    return StudyInputs(
        reference=reference,
        districts=context.load_districts(settings.raw_dir, settings.files["partial_memberships"]),
        board=board,
        strategy=sources.load_strategy_sources(settings.raw_dir),
        published=sources.load_published_figures(settings.raw_dir),
        public=evidence.public_board_evidence(settings, sorted(reference["lep17_code"]), board=board),
        responses=responses, feedback=feedback, ratings=loaded[HR], coding=loaded[SC],
        rubric=engagement.load_rubric(settings.files["rubric"]), codebook=codebook,
        assessment=engagement.assessment_table(responses.frame, feedback.frame),
    )


def _write(settings: Settings, name: str, frame: pd.DataFrame) -> tuple[Path, str]:
    """Validate a processed table against its schema (where it has one), write it atomically, and return its path
    and the checksum of the bytes written (what the manifest records, never a later re-read of the folder)."""
    target = settings.processed_dir / f"{name}.csv"
    if name in PRIVATE_TABLES or (name in ROW_LEVEL and not settings.input_path(ROW_LEVEL[name])[1]):
        target = settings.processed_dir / "private" / f"{name}.csv"
    if name in PROCESSED:
        validate(frame, PROCESSED[name], target)
    if settings.raw_dir.resolve() in target.resolve().parents:
        raise RuntimeError(f"refusing to write under the raw data folder: {target}")
    data = csv_bytes(frame)
    return atomic_write_bytes(target, data), hashlib.sha256(data).hexdigest()


def build_reference_tables(settings: Settings, data: StudyInputs, built: Tables) -> Tables:
    """``leps``, ``lad_lep`` (long, with shared/partial flags), ``lep_context`` and the IMD check."""
    reference, districts = data.reference, data.districts
    return {
        "leps": reference,
        "lad_lep": districts.lookup,
        "lep_context": context.build_lep_context(districts, reference),
        "imd_validation": context.imd_validation(districts, settings.imd_tolerance, reference),
        "study_area": context.study_area(districts, reference),
    }


def build_evidence_tables(settings: Settings, data: StudyInputs, built: Tables) -> Tables:
    """Public board evidence, every public finding per body, the demonstration ``lep_responses`` and evidence
    coverage."""
    from lepstudy.analysis import coverage, profiles

    cover = coverage.evidence_coverage(data.reference, data.strategy, data.responses.frame, data.feedback.synthetic,
                                       data.responses.synthetic)
    public, responses = data.public, data.responses
    codes = sorted(data.reference["lep17_code"])
    return {
        "board_evidence_public": public,
        "lep_evidence": profiles.lep_evidence(settings, data.board, data.strategy, codes),
        "lep_responses": responses.frame,
        "evidence_coverage": cover,
    }


def suppress_small_counts(frame: pd.DataFrame, column: str, threshold: int,
                          derived: list[str] | None = None) -> pd.DataFrame:
    """Blank counts of respondents below ``threshold`` in a shared output, and every value ``derived`` from
    those respondents' answers on the same rows, and flag the rows (``<column>_suppressed``)."""
    out = frame.copy()
    small = out[column] < threshold
    out[f"{column}_suppressed"] = small
    out[column] = out[column].astype("Int64").mask(small)
    for name in derived or []:
        out[name] = out[name].astype(object).mask(small) if out[name].dtype == bool else out[name].mask(small)
    return out


def feedback_derived_columns(scores: pd.DataFrame, rubric: Rubric) -> list[str]:
    """The per-LEP columns of a scores table that rest on sector feedback: the feedback criteria's points, the
    totals and ratings they enter, and the gate."""
    feedback = [f"pts_{c.key}" for c in rubric.criteria if c.cuts is not None]
    return [c for c in [*feedback, "total", "min_total", "max_total", "gate_applied", "rating", "rating_best",
                        "rating_worst"] if c in scores.columns]


def score_variant(data: StudyInputs, variant: str) -> pd.DataFrame:
    """One variant's engagement scores as the build computes them (``lepstudy score`` prints these): "public" from
    public evidence alone, whatever private files were given; "full" from every criterion."""
    from lepstudy.analysis import engagement

    if variant == "public":
        return engagement.score(public_assessment(data.public), data.rubric, public_only=True)
    return engagement.score(data.assessment, data.rubric, public_only=False)


def build_scoring_tables(settings: Settings, data: StudyInputs, built: Tables) -> Tables:
    """Engagement scores (public and full variants) and rating counts with their bounds (no interval: a census)."""
    from lepstudy.analysis import engagement, stats

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
        "rating_counts": pd.concat(counts, ignore_index=True),
    }


def build_reconstruction(settings: Settings, data: StudyInputs, built: Tables) -> Tables:
    """What NCVO's published counts and the public facts allow (integer programming), the tipping point,
    and the back test that sets every computed figure beside the published one."""
    from lepstudy.analysis import reconstruction
    from lepstudy.analysis.backtest import backtest

    rubric, published = data.rubric, data.published
    spec = reconstruction.load_spec(settings.files["reconstruction"])
    tables = reconstruction.reconstruction_tables(built["board_evidence_public"], rubric, published, spec)
    feedback_synthetic = data.feedback.synthetic
    tables["backtest"] = backtest(published, built["board_evidence_public"], built["lep_responses"],
                                  built["engagement_scores_public"], built["engagement_scores_full"],
                                  feedback_synthetic, tables["reconstruction_bounds"])
    return tables


def build_robustness(settings: Settings, data: StudyInputs, built: Tables) -> Tables:
    """Specification curve, feedback model, non-response and rater agreement (notebook 04)."""
    from lepstudy.analysis.robustness import build_robustness_tables

    bounds = built["reconstruction_bounds"]
    window = (int(bounds["window_low"].iloc[0]), int(bounds["window_high"].iloc[0]))
    return build_robustness_tables(settings, data, built["engagement_scores_full"], built["lep_context"], window)


def build_representation(settings: Settings, data: StudyInputs, built: Tables) -> Tables:
    """Representation and strategy quality (notebook 03)."""
    from lepstudy.analysis.representation import build_representation_tables

    return build_representation_tables(settings, data, built["lep_context"])


def build_claims(settings: Settings, data: StudyInputs, built: Tables) -> Tables:
    """Every sentence the publication states about a number, composed from the tables and checked against them: a
    claim whose predicate fails stops the build with its id (``lepstudy.analysis.claims``)."""
    from lepstudy.analysis import claims

    composed = claims.compose(built)
    claims.check(composed, built)
    return {"claims": claims.claims_table(composed)}


Step = Callable[[Settings, StudyInputs, dict[str, pd.DataFrame]], dict[str, pd.DataFrame]]

# each step receives the inputs (loaded once) and the tables the steps before it built, and returns its own
STEPS: list[tuple[str, Step]] = [
    ("reference and context", build_reference_tables),
    ("evidence and coverage", build_evidence_tables),
    ("engagement scoring", build_scoring_tables),
    ("reconstruction from NCVO's published counts, tipping point and back test", build_reconstruction),
    ("representation and strategy quality", build_representation),
    ("robustness (specification curve, feedback model, non-response, agreement)", build_robustness),
    ("claims: every sentence checked against the tables", build_claims),
]


LR, SF, HR, SC = CONFIDENTIAL_INPUTS

# the confidential inputs each processed table rests on (the public variant and the reconstruction use public
# cells and published figures only); a table missing here is an error, so a new table must declare them
TABLE_INPUTS: dict[str, tuple[str, ...]] = {
    "leps": (), "lad_lep": (), "lep_context": (), "imd_validation": (), "study_area": (),
    "board_evidence_public": (), "lep_evidence": (),
    "lep_responses": (LR,), "evidence_coverage": (LR, SF),
    "engagement_scores_public": (), "engagement_scores": (LR, SF), "engagement_scores_full": (LR, SF),
    "rating_counts": (LR, SF),
    "reconstruction_bounds": (), "reconstruction_sensitivity": (), "reconstruction_sensitivity_summary": (),
    "tipping_point": (), "tipping_summary": (),
    "backtest": (LR, SF),
    "representation_measures": (LR, SC), "representation_tests": (LR, SC), "ordinal_logit": (LR, SC),
    "strategy_scores": (SC,), "strategy_agreement": (SC,), "apr_coverage": (),
    "specification_curve": (LR, SF), "specification_summary": (LR, SF), "specification_variance": (LR, SF),
    "specification_choices": (),
    "feedback_model_fit": (SF,), "rating_probabilities": (LR, SF), "count_distribution": (LR, SF),
    "count_uncertainty": (LR, SF), "nonresponse_tests": (LR,), "nonresponse_bounds": (LR, SF),
    "nonresponse_delta": (LR, SF),
    "rater_agreement": (HR, LR, SF),
    "claims": (LR, SF, HR, SC),
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
    for label, step in STEPS:
        if progress:
            progress(label)
        started = time.perf_counter()
        for name, frame in step(settings, data, built).items():
            if name not in TABLE_INPUTS:
                raise RuntimeError(f"processed table {name!r} does not declare its inputs in TABLE_INPUTS")
            written[name], checksums[name] = _write(settings, name, frame)
            built[name] = frame
            log.info("wrote %s (%d rows)", written[name], len(frame))
        log.info("step '%s' took %.1f s", label, time.perf_counter() - started)
    log.info("wrote %s", write_claims_doc(settings, built["claims"]))
    dtypes = {name: {column: str(dtype) for column, dtype in frame.dtypes.items()} for name, frame in built.items()}
    manifest = build_manifest(settings, written, TABLE_INPUTS, dtypes, data.rubric, checksums=checksums,
                              prints=inputs_read)
    manifest["build_key"] = data_key(inputs_read)    # what a later run compares to reuse these tables
    written["_manifest"] = write_manifest(settings, manifest)
    return written


def write_claims_doc(settings: Settings, claims_table: pd.DataFrame) -> Path:
    """``docs/claims.md`` under the output root (the repository's own for the default build)."""
    from lepstudy.analysis.claims import markdown

    return atomic_write_bytes(settings.output_root / "docs" / "claims.md", markdown(claims_table).encode("utf-8"))


def read_processed(settings: Settings, name: str) -> pd.DataFrame:
    """A processed table read back as it was written: the checksum checked against the run manifest, each column
    in its recorded type (booleans as booleans, counts with blanks as nullable integers), and its schema checked.
    Notebooks and the report read tables this way, never by parsing display strings."""
    entry = read_manifest(settings).get("tables", {}).get(name)
    if entry is None:
        raise DataError(f"no processed table '{name}' in the run manifest", file=settings.processed_dir,
                        expected="run `lepstudy data` first")
    path = settings.processed_dir / entry["file"]
    if not path.is_file() or sha256_file(path) != entry["sha256"]:
        raise DataError("the processed table differs from the run that wrote the manifest", file=path,
                        expected="run `lepstudy data` again")
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""])
    for column, dtype in entry.get("dtypes", {}).items():
        if column in frame:
            frame[column] = _as_type(frame[column], dtype)
    if name in PROCESSED:
        validate(frame, PROCESSED[name], path)
    return frame


def _as_type(values: pd.Series, dtype: str) -> pd.Series:
    if dtype in {"bool", "boolean"}:
        typed = values.map({"True": True, "False": False}).astype("boolean")
        return typed.astype(bool) if dtype == "bool" and not typed.isna().any() else typed
    if dtype.lower().startswith("int"):
        numbers = pd.to_numeric(values)
        return numbers.astype("Int64") if numbers.isna().any() or dtype == "Int64" else numbers.astype(dtype)
    if dtype.lower().startswith("float"):
        return pd.to_numeric(values).astype(float)
    return values
