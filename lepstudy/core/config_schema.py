"""Typed, validated config files (pydantic): a misspelt key, a value out of range or of the wrong type is
an error naming the file and the key, never a silent default.

Each model mirrors one YAML file under ``config/``. Every key is required unless the shipped file omits
it and the default below is the value the shipped file means (for example a criterion's ``weight`` 1).
"""

from __future__ import annotations

import hashlib
import json
import logging
from pathlib import Path
from typing import Annotated, Any, Literal, TypeVar

import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    ValidationError,
    field_validator,
    model_validator,
)

from lepstudy.core.errors import DataError, DataErrors
from lepstudy.core.vocabulary import ESIF_MEMBERSHIP, ORG_TYPES, RESPONDENT_ORG_TYPES, SEAT_TYPES

log = logging.getLogger(__name__)

# the smallest respondent count a shared output may show; lower thresholds are refused (docs/data_safety.md)
MIN_CELL_COUNT_FLOOR = 3

# the fields an engagement criterion may score, with the values each can take (the assessment table)
CATEGORICAL_FIELDS: dict[str, set[str]] = {
    "main_board_seat_type": set(SEAT_TYPES),
    "esif_vcs_member": set(ESIF_MEMBERSHIP),
    "subgroup_vcs": {"false", "true"},
    "code_of_practice": {"false", "true"},
    "responded": {"false", "true"},
    "main_board_vcs": {"false", "true"},
}
FEEDBACK_FIELDS = ("mean_overall_engagement", "mean_focus_social_inclusion")
LIKERT_MIN, LIKERT_MAX = 1.0, 5.0

Share = Annotated[float, Field(gt=0, le=1)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# --- study.yaml ----------------------------------------------------------------------------------

class Paths(Strict):
    raw: str
    processed: str
    figures: str
    reports: str
    notebooks: str
    synthetic: str
    private_data_dir: str | None


class Files(Strict):
    lep_reference: str
    lep_predecessors: str
    partial_memberships: str
    org_overrides: str
    rubric: str
    codebook: str
    reconstruction: str
    specifications: str
    synthetic: str


class Seeds(Strict):
    synthetic: Annotated[int, Field(ge=0)]
    bootstrap: Annotated[int, Field(ge=0)]
    permutation: Annotated[int, Field(ge=0)]
    feedback_model: Annotated[int, Field(ge=0)]


class Confidentiality(Strict):
    min_cell_count: Annotated[int, Field(ge=MIN_CELL_COUNT_FLOOR)]


class Validation(Strict):
    imd_tolerance: Annotated[float, Field(gt=0)]


class Redating(Strict):
    lep17_code: str
    organisation: str
    reason: str


class Evidence(Strict):
    counted_dating: list[Literal["in_window", "after_fieldwork", "probably_in_window", "out_of_window",
                                 "indicative", "undated"]]
    redated_in_window: list[Redating]
    vcs_org_types: list[Literal[tuple(ORG_TYPES)]]  # type: ignore[valid-type]


# the representation tests of one layer, by id (analysis.representation.analyse_layer); study.yaml names the one
# primary test, fixed before results, and the family of secondary tests Holm-adjusted together within a layer
# (the primary test and covariate-balance checks stay outside it)
TEST_IDS = ("lis_published_by_seat", "lis_published_by_cvs_seat", "strong_strategy_by_seat", "strategy_by_seat",
            "strategy_by_cvs_seat", "deprivation_by_seat", "strategy_trend_by_seat_type", "strategy_by_seat_adjusted")


class Preregistration(Strict):
    rubric_sha256: Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]
    primary_test: Literal[TEST_IDS]
    holm_family: list[Literal[TEST_IDS]]  # type: ignore[valid-type]

    @model_validator(mode="after")
    def _primary_outside_family(self) -> Preregistration:
        if self.primary_test in self.holm_family:
            raise ValueError(f"holm_family must not contain the primary test ({self.primary_test}): it keeps its own "
                             "p-value")
        if len(set(self.holm_family)) != len(self.holm_family):
            raise ValueError("holm_family names a test twice")
        return self


class FeedbackModelConfig(Strict):
    bootstrap_replicates: Annotated[int, Field(ge=20)]
    bootstrap_draws: Annotated[int, Field(ge=50)]
    draws: Annotated[int, Field(ge=100)]
    interval: Annotated[float, Field(gt=0, lt=1)]


class Publication(Strict):
    status: Annotated[str, Field(min_length=1)]
    contact: Annotated[str, Field(min_length=1)]
    # where readers reach the contact (an issue tracker, a mailto: address) and where the code lives; blank until the
    # repository is published, when the pages show them as links and CITATION.cff must name the same repository
    contact_url: Annotated[str, Field(pattern=r"^(https://|mailto:)\S+$")] | None = None
    repository_url: Annotated[str, Field(pattern=r"^https://\S+$")] | None = None


class StudyConfig(Strict):
    paths: Paths
    files: Files
    seeds: Seeds
    confidentiality: Confidentiality
    validation: Validation
    evidence: Evidence
    feedback_model: FeedbackModelConfig
    publication: Publication
    preregistration: Preregistration


# --- rubric.yaml ---------------------------------------------------------------------------------

class Bands(Strict):
    cuts: list[float]
    points: list[Annotated[int, Field(ge=0)]]

    @model_validator(mode="after")
    def _ordered(self) -> Bands:
        if any(b <= a for a, b in zip(self.cuts, self.cuts[1:], strict=False)):
            raise ValueError(f"cuts must increase strictly, found {self.cuts}")
        if any(not LIKERT_MIN <= c <= LIKERT_MAX for c in self.cuts):
            raise ValueError(f"cuts must lie on the 1-5 scale, found {self.cuts}")
        if len(self.points) != len(self.cuts) + 1:
            raise ValueError(f"bands need one more points value than cuts ({len(self.cuts)} cuts, "
                             f"{len(self.points)} points)")
        return self


class CriterionSpec(Strict):
    label: str
    field: str
    public: StrictBool
    weight: Annotated[float, Field(ge=0, allow_inf_nan=False)] = 1.0
    points: dict[str, Annotated[int, Field(ge=0)]] | None = None
    bands: Bands | None = None

    @field_validator("points", mode="before")
    @classmethod
    def _keys_as_text(cls, value: Any) -> Any:
        # YAML reads `false:` / `true:` keys as booleans; the assessment compares lower-case text
        return {str(k).lower(): v for k, v in value.items()} if isinstance(value, dict) else value

    @model_validator(mode="after")
    def _scores_its_field(self) -> CriterionSpec:
        if (self.points is None) == (self.bands is None):
            raise ValueError("give exactly one of 'points' (a categorical field) or 'bands' (a feedback mean)")
        if self.points is not None:
            if self.field not in CATEGORICAL_FIELDS:
                raise ValueError(f"field '{self.field}' is not a categorical field of the assessment table; "
                                 f"expected one of {', '.join(CATEGORICAL_FIELDS)}")
            values = CATEGORICAL_FIELDS[self.field]
            if set(self.points) != values:
                raise ValueError(f"points for '{self.field}' must name exactly {', '.join(sorted(values))}; "
                                 f"found {', '.join(sorted(self.points))}")
        elif self.field not in FEEDBACK_FIELDS:
            raise ValueError(f"field '{self.field}' is not a feedback mean; "
                             f"expected one of {', '.join(FEEDBACK_FIELDS)}")
        return self


class RubricBands(Strict):
    good_min_share: Share
    ri_min_share: Share

    @model_validator(mode="after")
    def _good_above_ri(self) -> RubricBands:
        if self.good_min_share <= self.ri_min_share:
            raise ValueError(f"good_min_share ({self.good_min_share}) must be above ri_min_share ({self.ri_min_share})")
        return self


class Gate(Strict):
    enabled: StrictBool
    field: Literal[FEEDBACK_FIELDS]  # type: ignore[valid-type]
    below: Annotated[float, Field(ge=LIKERT_MIN, le=LIKERT_MAX)]


class RubricConfig(Strict):
    name: str
    criteria: dict[str, CriterionSpec]
    bands: RubricBands
    gate: Gate

    @field_validator("criteria")
    @classmethod
    def _some(cls, value: dict) -> dict:
        if not value:
            raise ValueError("a rubric needs at least one criterion")
        most = sum(c.weight * max(c.points.values() if c.points else c.bands.points) for c in value.values())
        if most <= 0:
            raise ValueError("every criterion gives 0 points at most, so every LEP would score 0 of 0: give some "
                             "criterion points above 0 (and a weight above 0)")
        return value


# --- reconstruction.yaml, specifications.yaml, synthetic.yaml, codebook.yaml ------------------------------

class CountedField(Strict):
    field: str
    values: list[Any]


class UnpublishedQuantity(CountedField):
    """A scored quantity NCVO gave no count for, with the range the main bounds allow it."""

    label: Annotated[str, Field(min_length=1)]
    range: tuple[Annotated[int, Field(ge=0)], Annotated[int, Field(ge=0)] | None]

    @field_validator("range")
    @classmethod
    def _ordered(cls, value: tuple) -> tuple:
        if value[1] is not None and value[1] < value[0]:
            raise ValueError("range is [low, high] with low <= high (high null: any number)")
        return value


class ReconstructionConfig(Strict):
    constraints: dict[str, CountedField]
    unpublished: dict[str, UnpublishedQuantity] = {}
    readings: dict[str, dict[str, tuple[Annotated[int, Field(ge=0)], Annotated[int, Field(ge=0)] | None]]] = {}
    share_figure: str
    window_tolerance: Annotated[float, Field(ge=0)]

    @model_validator(mode="after")
    def _readings_name_quantities(self) -> ReconstructionConfig:
        for reading, ranges in self.readings.items():
            unknown = sorted(set(ranges) - set(self.unpublished))
            if unknown:
                raise ValueError(f"reading '{reading}' names {', '.join(unknown)}, which is not under unpublished "
                                 f"(known: {', '.join(self.unpublished) or 'none'})")
        return self


DatingClass = Literal["in_window", "after_fieldwork", "probably_in_window", "out_of_window", "indicative", "undated"]
Likert = Annotated[float, Field(ge=LIKERT_MIN, le=LIKERT_MAX)]


class Choice(Strict):
    """One choice of the specification curve: whether it is arbitrary (no principled reason to prefer one option)
    or substantive (the options answer different questions), a one-line reason, and its options."""

    kind: Literal["arbitrary", "substantive"]
    why: Annotated[str, Field(min_length=1)]


class WeightingChoice(Choice):
    options: Annotated[list[Literal["configured", "equal_criteria", "equal_domains"]], Field(min_length=1)]


class ShareChoice(Choice):
    options: Annotated[list[Share], Field(min_length=1)]


class PointsChoice(Choice):
    criterion: str
    category: str
    options: Annotated[list[Annotated[int, Field(ge=0)]], Field(min_length=1)]


class ShiftChoice(Choice):
    options: Annotated[list[Annotated[float, Field(ge=-1, le=1)]], Field(min_length=1)]


class GateChoice(Choice):
    # `off` (YAML reads a bare off as false), `configured` (the rubric's gate) or the mean below which it caps
    options: Annotated[list[Literal[False, "off", "configured"] | Likert], Field(min_length=1)]


class InOutChoice(Choice):
    criterion: str
    options: Annotated[list[Literal["in", "out"]], Field(min_length=1)]


class DatingChoice(Choice):
    options: Annotated[dict[str, Annotated[list[DatingClass], Field(min_length=1)]], Field(min_length=1)]


class UnclearChoice(Choice):
    options: Annotated[list[Literal["type_unknown", "other_vcs", "not_vcs"]], Field(min_length=1)]


class HousingChoice(Choice):
    options: Annotated[list[Literal["not_vcs", "vcs"]], Field(min_length=1)]


class MinRespondentsChoice(Choice):
    options: Annotated[list[Annotated[int, Field(ge=1)]], Field(min_length=1)]


class SpecificationConfig(Strict):
    weighting: WeightingChoice
    good_min_share: ShareChoice
    seat_points: PointsChoice
    feedback_band_shift: ShiftChoice
    gate: GateChoice
    response_criterion: InOutChoice
    seat_dating: DatingChoice
    unclear_seat_types: UnclearChoice
    housing_associations: HousingChoice
    min_respondents: MinRespondentsChoice


Probability = Annotated[float, Field(ge=0, le=1)]


class StructuralTargets(Strict):
    responded: Annotated[int, Field(ge=0)]
    main_board_vcs: Annotated[int, Field(ge=0)]
    main_board_cvs: Annotated[int, Field(ge=0)]
    main_board_two_seats: Annotated[int, Field(ge=0)]
    subgroup_vcs: Annotated[int, Field(ge=0)]
    esif_none: Annotated[int, Field(ge=0)]


class StructuralPriors(Strict):
    code_of_practice: Probability
    esif_expired_share: Probability
    board_size_range: Annotated[list[Annotated[int, Field(gt=0)]], Field(min_length=2, max_length=2)]


class SectorFeedback(Strict):
    respondents_mean: Annotated[float, Field(gt=0)]
    org_type_probs: dict[Literal[tuple(RESPONDENT_ORG_TYPES)], Probability]
    intercept: Annotated[float, Field(ge=LIKERT_MIN, le=LIKERT_MAX)]
    lep_sd: Annotated[float, Field(ge=0)]
    respondent_sd: Annotated[float, Field(ge=0)]
    effects: dict[Literal["cvs_seat", "other_vcs_seat", "subgroup_vcs", "code_of_practice", "responded"], float]
    item_offsets: dict[Literal["board_rep_representative", "other_channels", "focus_social_inclusion",
                               "ukspf_readiness", "overall_engagement"], float]
    item_missing_prob: Probability


class SecondRater(Strict):
    agreement_prob: Probability


class StrategyCodingSynthetic(Strict):
    coder_agreement_prob: Probability
    criterion_probs: Annotated[list[Probability], Field(min_length=3, max_length=3)]


class SyntheticConfig(Strict):
    structural_targets: StructuralTargets
    structural_priors: StructuralPriors
    sector_feedback: SectorFeedback
    second_rater: SecondRater
    strategy_coding: StrategyCodingSynthetic


class CodebookCriterion(Strict):
    id: str
    label: str


class CodebookConfig(Strict):
    scale: dict[str, int]
    criteria: list[CodebookCriterion]
    bands: dict[str, int]


# --- loading -------------------------------------------------------------------------------------

Model = TypeVar("Model", bound=BaseModel)


class _UniqueKeyLoader(yaml.SafeLoader):
    """A safe YAML loader that refuses a key given twice in one mapping (plain YAML keeps the last silently, so a
    duplicated criterion or confidentiality block would replace the first without a word)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict:
        seen: dict[Any, int] = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            line = key_node.start_mark.line + 1
            if key in seen:
                raise DataError(f"key '{key}' is given twice in one block (lines {seen[key]} and {line})",
                                file=self.name, key=str(key), expected="each key once: remove or rename one of them")
            seen[key] = line
        return super().construct_mapping(node, deep=deep)


def read_yaml(path: str | Path) -> Any:
    """A YAML file's content; an unreadable, non-UTF-8 or malformed file, or one with a key given twice, is an
    error naming it (and the line, key or byte where there is one)."""
    path = Path(path)
    log.info("read %s", path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DataError(f"cannot read the config file: {exc.strerror}", file=path) from exc
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        bad = data[exc.start:exc.start + 1]
        raise DataError(f"the file is not UTF-8 text: byte {exc.start} (line {line}) is {bad!r}",
                        file=path, expected="the file saved as UTF-8 (most editors: Save with encoding UTF-8)") from exc
    loader = _UniqueKeyLoader(text)
    loader.name = str(path)
    try:
        return loader.get_single_data()
    except yaml.YAMLError as exc:
        raise DataError(f"not valid YAML: {exc}", file=path) from exc
    finally:
        loader.dispose()


def load_config(path: str | Path, model: type[Model]) -> Model:
    """Read and validate one config file; every problem is reported with the file and the dotted key."""
    content = read_yaml(path)
    if not isinstance(content, dict):
        raise DataError("the config file is empty or not a mapping of keys", file=path,
                        expected=f"the keys of {model.__name__}")
    try:
        return model.model_validate(content)
    except ValidationError as exc:
        errors = [DataError(_message(error), file=path, key=".".join(str(p) for p in error["loc"]) or None,
                            value=_found(error)) for error in exc.errors()]
        if len(errors) == 1:
            raise errors[0] from exc
        raise DataErrors(errors) from exc


def _message(error: dict) -> str:
    if error["type"] == "extra_forbidden":
        return "unknown key (misspelt?)"
    if error["type"] == "missing":
        return "required key is missing"
    return error["msg"].removeprefix("Value error, ")


def _found(error: dict) -> object:
    return None if error["type"] in {"missing", "model_type"} else error.get("input")


def content_sha256(spec: BaseModel) -> str:
    """sha256 of a validated config's content: comments, key order and layout of its file do not count."""
    return hashlib.sha256(json.dumps(spec.model_dump(mode="json"), sort_keys=True).encode()).hexdigest()
