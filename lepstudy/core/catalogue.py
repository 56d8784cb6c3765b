"""The table catalogue: one entry per processed table with its schema, the pipeline step that writes it, the
confidential inputs it rests on and how it may be shared; and one entry per step with the tables it reads.

Everything that needs to know about a table derives from here: the writer (schema, folder, the small-cell
guard), the run manifest (checksum, synthetic inputs, sensitivity), ``core.store.read_processed`` (schema) and the
pages' SYNTHETIC labels (the manifest's per-table synthetic inputs). Adding a table means an entry here and the
step that returns it, nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from pandera.pandas import DataFrameSchema

from lepstudy.core import raw_schemas as raw
from lepstudy.core import table_schemas as s
from lepstudy.core.vocabulary import CONFIDENTIAL_INPUTS

# public: rests on public sources and NCVO's published figures only. aggregate: summarises confidential inputs;
# shareable once counts of fewer respondents than the study's minimum are blanked (checked on write). row_level:
# one row per body of a confidential input's answers; kept in processed/private/ when the input is a researcher's
# own file. private: keeps what the small-cell rule removes from a shareable twin; always processed/private/.
Sensitivity = Literal["public", "aggregate", "row_level", "private"]
SENSITIVITIES: tuple[str, ...] = ("public", "aggregate", "row_level", "private")


@dataclass(frozen=True)
class Step:
    """A pipeline step: its label in progress and logs, and the processed tables it reads (``None``: every table
    the steps before it wrote)."""

    key: str
    label: str
    reads: tuple[str, ...] | None = ()


@dataclass(frozen=True)
class Table:
    """One processed table: its schema, the step that writes it, the confidential inputs it rests on (by file
    name: its rows are flagged synthetic when any of them is a stand-in), its sensitivity and how its decimals are
    written (six significant figures; ``None``: every digit, for coordinates that must come back exactly)."""

    name: str
    schema: DataFrameSchema
    step: str
    inputs: tuple[str, ...] = ()
    sensitivity: Sensitivity = "public"
    float_format: str | None = "%.6g"


LR, SF, HR, SC = CONFIDENTIAL_INPUTS

STEPS: tuple[Step, ...] = (
    Step("reference", "reference and context"),
    Step("evidence", "evidence and coverage"),
    Step("scoring", "engagement scoring"),
    Step("reconstruction", "reconstruction from NCVO's published counts, tipping point and back test",
         ("board_evidence_public", "lep_responses", "engagement_scores_public", "engagement_scores_full")),
    Step("representation", "representation and strategy quality", ("lep_context",)),
    Step("robustness", "robustness (specification curve, feedback model, non-response, agreement)",
         ("engagement_scores_full", "lep_context", "reconstruction_bounds")),
    Step("claims", "claims: every sentence checked against the tables", None),
)


def _tables(step: str, *entries: tuple) -> list[Table]:
    return [Table(name, schema, step, *rest) for name, schema, *rest in entries]


TABLES: tuple[Table, ...] = (
    *_tables("reference",
             ("leps", s.LEPS), ("lad_lep", s.LAD_LEP_TABLE), ("lep_context", s.LEP_CONTEXT),
             ("imd_validation", s.IMD_VALIDATION), ("study_area", s.STUDY_AREA),
             ("lep_boundaries", s.LEP_BOUNDARIES, (), "public", None), ("published_figures", raw.PUBLISHED_FIGURES)),
    *_tables("evidence",
             ("board_evidence_public", s.BOARD_EVIDENCE_PUBLIC), ("lep_evidence", s.LEP_EVIDENCE),
             ("lep_responses", raw.LEP_RESPONSES, (LR,), "row_level"),
             ("evidence_coverage", s.EVIDENCE_COVERAGE, (LR, SF), "aggregate")),
    *_tables("scoring",
             ("engagement_scores_public", s.ENGAGEMENT_SCORES),
             ("engagement_scores", s.ENGAGEMENT_SCORES, (LR, SF), "aggregate"),
             ("engagement_scores_full", s.ENGAGEMENT_SCORES, (LR, SF), "private"),
             ("rating_counts", s.RATING_COUNTS, (LR, SF), "aggregate"),
             ("rubric_criteria", s.RUBRIC_CRITERIA)),
    *_tables("reconstruction",
             ("reconstruction_bounds", s.RECONSTRUCTION_BOUNDS),
             ("reconstruction_constraints", s.RECONSTRUCTION_CONSTRAINTS),
             ("reconstruction_sensitivity", s.RECONSTRUCTION_SENSITIVITY),
             ("reconstruction_sensitivity_summary", s.RECONSTRUCTION_SENSITIVITY_SUMMARY),
             ("tipping_point", s.TIPPING_POINT), ("tipping_summary", s.TIPPING_SUMMARY),
             ("backtest", s.BACKTEST, (LR, SF), "aggregate")),
    *_tables("representation",
             ("representation_measures", s.REPRESENTATION_MEASURES, (LR, SC), "aggregate"),
             ("representation_tests", s.REPRESENTATION_TESTS, (LR, SC), "aggregate"),
             ("ordinal_logit", s.ORDINAL_LOGIT, (LR, SC), "aggregate"),
             ("strategy_scores", s.STRATEGY_SCORES, (SC,), "aggregate"),
             ("strategy_agreement", s.AGREEMENT, (SC,), "aggregate"),
             ("apr_coverage", s.APR_COVERAGE)),
    *_tables("robustness",
             ("specification_curve", s.SPECIFICATION_CURVE, (LR, SF), "aggregate"),
             ("specification_summary", s.SPECIFICATION_SUMMARY, (LR, SF), "aggregate"),
             ("specification_variance", s.SPECIFICATION_VARIANCE, (LR, SF), "aggregate"),
             ("specification_choices", s.SPECIFICATION_CHOICES),
             ("feedback_model_fit", s.FEEDBACK_MODEL_FIT, (SF,), "aggregate"),
             ("rating_probabilities", s.RATING_PROBABILITIES, (LR, SF), "aggregate"),
             ("count_distribution", s.COUNT_DISTRIBUTION, (LR, SF), "aggregate"),
             ("count_uncertainty", s.COUNT_UNCERTAINTY, (LR, SF), "aggregate"),
             ("nonresponse_tests", s.NONRESPONSE_TESTS, (LR,), "aggregate"),
             ("nonresponse_bounds", s.NONRESPONSE_BOUNDS, (LR, SF), "aggregate"),
             ("nonresponse_delta", s.NONRESPONSE_DELTA, (LR, SF), "aggregate"),
             ("rater_agreement", s.AGREEMENT, (HR, LR, SF), "aggregate")),
    *_tables("claims",
             ("claims", s.CLAIMS, (LR, SF, HR, SC), "aggregate")),
)

CATALOGUE: dict[str, Table] = {table.name: table for table in TABLES}


def table(name: str) -> Table:
    """The catalogue entry of a processed table; an error naming the table when it has none."""
    if name not in CATALOGUE:
        raise KeyError(f"processed table {name!r} is not in the table catalogue (lepstudy.core.catalogue): add an "
                       "entry with its schema, step, inputs and sensitivity")
    return CATALOGUE[name]


def tables_of(step: str) -> list[Table]:
    """The tables one step writes, in catalogue order."""
    return [t for t in CATALOGUE.values() if t.step == step]


def goes_to_private_folder(entry: Table, is_stand_in: dict[str, bool]) -> bool:
    """Whether a table goes to processed/private/: always for a private table; for a row-level table when an input
    it copies is a researcher's own file (``is_stand_in``: confidential input -> a synthetic stand-in)."""
    if entry.sensitivity == "private":
        return True
    return entry.sensitivity == "row_level" and not all(is_stand_in.get(name, True) for name in entry.inputs)
