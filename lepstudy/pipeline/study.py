"""Every input of a run, read and validated once (``StudyInputs``), with the rubric and codebook made the typed
objects the analysis takes: the one place where the inputs stage and the analysis meet before the steps run."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from lepstudy.analysis import specification
from lepstudy.analysis.engagement import Rubric, assessment_table, rubric_from_config
from lepstudy.analysis.evidence import public_board_evidence
from lepstudy.analysis.specification import Specifications
from lepstudy.analysis.strategy import Codebook, codebook_from_config
from lepstudy.core.config import Settings
from lepstudy.core.containers import BoardSources, EvidenceRules, StrategySources
from lepstudy.core.vocabulary import CONFIDENTIAL_INPUTS
from lepstudy.inputs import confidential, context, sources
from lepstudy.inputs.confidential import Loaded
from lepstudy.inputs.evidence import evidence_rules, load_board_sources
from lepstudy.inputs.reference import LepMatcher, load_predecessors, load_reference
from lepstudy.inputs.study_files import codebook_config, rubric_config, specification_config

log = logging.getLogger(__name__)
LR, SF, HR, SC = CONFIDENTIAL_INPUTS


def load_rubric(path: str | Path) -> Rubric:
    """A rubric file, validated and made the scorer's ``Rubric``."""
    return rubric_from_config(rubric_config(path))


def load_specifications(settings: Settings, rubric: Rubric) -> Specifications:
    """The specification curve's choices (``config/specifications.yaml``), checked against the rubric, with the
    configured evidence rules as one option of each data choice."""
    path = settings.files["specifications"]
    return specification.load_specifications(specification_config(path), rubric, evidence_rules(settings), str(path))


def load_codebook(path: str | Path) -> Codebook:
    """The strategy codebook file, validated and made the ``Codebook`` the coder totals use."""
    return codebook_from_config(codebook_config(path))


@dataclass
class StudyInputs:
    """Every input of a run, loaded and validated once and handed to each step (no step reads a file itself)."""

    reference: pd.DataFrame        # the bodies (config/lep_reference.csv)
    districts: context.Districts   # district lookup, IoD2019 Files 10 and 12, mid-2019 population
    board: BoardSources            # the curated public board, board-summary and ESIF files
    strategy: StrategySources      # Local Industrial Strategy status, APR ratings, Inclusive Growth Monitor
    published: pd.DataFrame        # NCVO's published figures
    boundaries: pd.DataFrame       # the LEP areas of May 2021: one row per vertex of each outer ring
    rules: EvidenceRules           # how the curated board rows are read (study.yaml, evidence:)
    public: pd.DataFrame           # public board, sub-group and ESIF evidence per body (configured rules)
    confidential: dict[str, Loaded]  # each confidential input by file name: the researcher's file or the stand-in
    rubric: Rubric
    codebook: Codebook             # the strategy-coding codebook
    assessment: pd.DataFrame       # one row per body with every rubric field (responses + feedback means)

    @property
    def responses(self) -> Loaded:
        """lep_responses: the information-request answers."""
        return self.confidential[LR]

    @property
    def feedback(self) -> Loaded:
        """sector_feedback: the voluntary sector's answers about each LEP."""
        return self.confidential[SF]

    @property
    def ratings(self) -> Loaded:
        """holistic_ratings: the raters' overall ratings."""
        return self.confidential[HR]

    @property
    def coding(self) -> Loaded:
        """strategy_coding: the coders' scores of each strategy."""
        return self.confidential[SC]


def load_study_inputs(settings: Settings, preloaded: dict[str, Loaded] | None = None) -> StudyInputs:
    """Load every input once, logging where each came from (``preloaded``: confidential inputs ``validate`` has
    read already, by file name)."""
    reference = load_reference(settings.files["lep_reference"])
    matcher = LepMatcher(reference, load_predecessors(settings.files["lep_predecessors"]))
    codebook = load_codebook(settings.files["codebook"])
    preloaded = preloaded or {}
    options = {SC: {"criteria": codebook.criteria}}    # the coding sheet is checked against the codebook read here
    loaded = {name: preloaded.get(name) or load(settings, matcher, **options.get(name, {}))
              for name, load in confidential.LOADERS.items()}
    for name, item in loaded.items():
        log.info("input %s: %s (%s, %d rows)", name, item.path, "synthetic stand-in" if item.synthetic
                 else "real, private", len(item.frame))
    responses, feedback = loaded[LR], loaded[SF]
    board = load_board_sources(settings)
    rules = evidence_rules(settings)
    return StudyInputs(
        reference=reference,
        districts=context.load_districts(settings.raw_dir, settings.files["partial_memberships"]),
        board=board,
        strategy=sources.load_strategy_sources(settings.raw_dir),
        published=sources.load_published_figures(settings.raw_dir),
        boundaries=sources.load_boundaries(settings.raw_dir),
        rules=rules,
        public=public_board_evidence(sorted(reference["lep17_code"]), rules, board),
        confidential=loaded,
        rubric=load_rubric(settings.files["rubric"]), codebook=codebook,
        assessment=assessment_table(responses.frame, feedback.frame),
    )
