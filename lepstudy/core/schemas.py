"""pandera schemas for every raw and processed table.

Raw tables are read as text and coerced here, so a wrong type ("three", "N/A") is reported with its
row and column instead of silently becoming NaN. Blank stays blank (unknown) wherever evidence can
be missing.
"""

from __future__ import annotations

import pandera.pandas as pa
from pandera.pandas import Check, Column, DataFrameSchema

from lepstudy.core.vocabulary import (
    LIKERT_ITEMS,
    ORG_TYPES,
    RATINGS,
    RATINGS_WITH_UNKNOWN,
    RESPONDENT_ORG_TYPES,
    SEAT_TYPES,
)

# a body's code: whatever the reference list uses (LEPs: ONS LEP17 codes such as E37000001), upper-case letters and
# digits starting with a letter; which codes exist is the reference list's business (every loader checks it)
BODY_CODE = r"^[A-Z][A-Z0-9]{3,15}$"
LAD19 = r"^E0[6-9]\d{6}$"
APR_CATEGORIES = ["Exceptional", "Good", "Requires improvement", "Inadequate", "Met", "Not met"]
SOURCE_FLAGS = ["public", "synthetic", "private", "unknown"]


def _code(unique: bool = False, nullable: bool = False) -> Column:
    return Column(str, Check.str_matches(BODY_CODE, error="a body code like E37000001 (upper-case letters and digits)"),
                  unique=unique,
                  nullable=nullable)


def _text(nullable: bool = True) -> Column:
    return Column(str, nullable=nullable)


def _choice(values: list[str], nullable: bool = True) -> Column:
    return Column(str, Check.isin(values, error=f"one of: {', '.join(values)}"), nullable=nullable)


def _count(nullable: bool = True, minimum: int = 0) -> Column:
    return Column("Int64", Check.ge(minimum, error=f"a whole number >= {minimum}"), nullable=nullable, coerce=True)


def _likert() -> Column:
    return Column("Int64", Check.in_range(1, 5, error="a Likert answer from 1 to 5"), nullable=True, coerce=True)


LEP_REFERENCE = DataFrameSchema(
    {
        "lep17_code": _code(unique=True),
        "canonical_name": Column(str, unique=True),
        "short_name": Column(str),
        "lep20_code": _code(),
        "lep21_code": _code(),
        "lep21_name": Column(str),
        "aliases": _text(),
    },
    name="lep_reference",
    strict=True,
)

LEP_PREDECESSORS = DataFrameSchema(
    {"name": Column(str, unique=True), "merged_into": _code(), "year": Column(int, coerce=True), "note": _text()},
    name="lep_predecessors",
    strict=True,
)

LAD_LEP = DataFrameSchema(
    {
        "lad19_code": Column(str, Check.str_matches(LAD19, error="an English LAD 2019 code"), unique=True),
        "lad19_name": Column(str),
        "lep17_code_1": _code(),
        "lep17_name_1": Column(str),
        "lep17_code_2": _code(nullable=True),
        "lep17_name_2": _text(),
    },
    name="lad19_lep17",
    strict=True,
)

PARTIAL_MEMBERSHIPS = DataFrameSchema(
    {
        "lad19_code": Column(str, Check.str_matches(LAD19, error="an English LAD 2019 code")),
        "lad19_name": Column(str),
        "lep17_code": _code(),
        "lep17_name": Column(str),
        "note": Column(str),
        "source": Column(str),
    },
    name="partial_lad_memberships",
    unique=["lad19_code", "lep17_code"],
)

BOARD_SUMMARY = DataFrameSchema(
    {
        "lep17_code": _code(unique=True),
        "lep_name": Column(str),
        "main_board_size": _count(minimum=1),
        "main_board_vcs_seats": _count(),
        "main_board_vcs_org_types": _text(),
        "any_subgroup_vcs": _choice(["yes", "no"]),
        "evidence_date": _text(),
        "source_urls": _text(),
        "coverage": _choice(["full_list_seen", "partial", "not_found"], nullable=False),
        "note": _text(),
    },
    name="lep_board_summary",
)

BOARD_MEMBERS = DataFrameSchema(
    {
        "lep17_code": _code(),
        "lep_name": Column(str),
        "body": Column(str),
        "body_name": _text(),
        "organisation": Column(str),
        "org_type": _choice(ORG_TYPES, nullable=False),
        "role_in_org": _text(),
        "evidence_date": _text(),
        "source_url": Column(str),
        "source_title": _text(),
        "note": _text(),
    },
    name="board_members_vcs",
)

ESIF_SUMMARY = DataFrameSchema(
    {
        "lep17_code": _code(unique=True),
        "lep_name": Column(str),
        "vcs_member": _choice(["yes", "no", "expired"]),
        "evidence_date": _text(),
        "source_urls": _text(),
        "coverage": Column(str),
        "note": _text(),
    },
    name="esif_summary",
)

APR_RATINGS = DataFrameSchema(
    {
        "lep17_code": _code(),
        "lep_name": Column(str),
        "review_year": Column(str),
        "governance": _choice(APR_CATEGORIES),
        "delivery": _choice(APR_CATEGORIES),
        "strategy": _choice(APR_CATEGORIES),
        "source_url": Column(str),
        "source_title": _text(),
        "evidence_date": _text(),
        "note": _text(),
    },
    name="apr_ratings",
)

LIS_STATUS = DataFrameSchema(
    {
        "lep17_code": _code(unique=True),
        "lep_name": Column(str),
        "lis_published": _choice(["yes", "no"]),
        "lis_stage": _text(),
        "lis_date": _text(),
        "lis_url": _text(),
        "inclusive_growth_body_or_framework": _text(),
        "source_urls": _text(),
        "note": _text(),
    },
    name="lis_status",
)

INCLUSIVE_GROWTH_MONITOR = DataFrameSchema(
    {
        "lep17_code": _code(),
        "lep_name": Column(str),
        "monitor_edition": Column(str),
        "period_measured": _text(),
        "dimension": Column(str),
        "finding": Column(str),
        "source_url": Column(str),
        "source_title": _text(),
        "evidence_date": _text(),
        "note": _text(),
    },
    name="inclusive_growth_monitor",
)

ESIF_MEMBERS = DataFrameSchema(
    {
        "lep17_code": _code(),
        "lep_name": Column(str),
        "organisation": Column(str),
        "org_type": _choice(ORG_TYPES, nullable=False),
        "member_role": _text(),
        "membership_status": _text(),
        "evidence_date": _text(),
        "source_url": Column(str),
        "source_title": _text(),
        "note": _text(),
    },
    name="esif_vcs_members",
)

PUBLISHED_FIGURES = DataFrameSchema(
    {
        "figure_id": Column(str, unique=True),
        "quantity": Column(str),
        "value": Column(str),
        "unit": Column(str),
        "denominator": _count(),
        "status": Column(str),
        "source_url": _text(),
        "note": _text(),
    },
    name="ncvo2020_published_figures",
)

LEP_CONTEXT = DataFrameSchema(
    {
        "lep17_code": _code(unique=True),
        "canonical_name": Column(str),
        "imd_avg_score": Column(float, Check.in_range(0, 100)),
        "imd_rank_avg_score": Column(int, Check.ge(1)),
        "imd_share_lsoas_most_deprived_10pct": Column(float, Check.in_range(0, 1)),
        "imd_source": Column(str),
        "population_mid2019": Column(int, Check.gt(0)),
        "n_lads": Column(int, Check.ge(1)),
        "shares_lads_with_other_lep": Column(bool),
        "has_partial_lads": Column(bool),
    },
    name="lep_context",
    strict=True,
)

SECTOR_FEEDBACK = DataFrameSchema(
    {
        "respondent_id": Column(str, unique=True),
        "lep17_code": _code(),
        "org_type": _choice(RESPONDENT_ORG_TYPES, nullable=False),
        **{item: _likert() for item in LIKERT_ITEMS},
        "free_text": _text(),
    },
    name="sector_feedback",
    strict=True,
)

LEP_RESPONSES = DataFrameSchema(
    {
        "lep17_code": _code(unique=True),
        "responded": Column("boolean", nullable=True, coerce=True),
        "main_board_size": _count(minimum=1),
        "main_board_vcs_seats": _count(),
        "main_board_seat_type": _choice(SEAT_TYPES),
        "subgroup_vcs": Column("boolean", nullable=True, coerce=True),
        "esif_vcs_member": _choice(["current", "expired", "none"]),
        "code_of_practice": Column("boolean", nullable=True, coerce=True),
    },
    name="lep_responses",
)

STRATEGY_CODING = DataFrameSchema(
    {
        "lep17_code": _code(),
        "coder": Column(str),
        "criterion": Column(str),
        "score": Column("Int64", Check.isin([0, 1, 2], error="0 (absent), 1 (partial) or 2 (clear)"),
                        coerce=True, nullable=True),
    },
    name="strategy_coding",
    unique=["lep17_code", "coder", "criterion"],
)

HOLISTIC_RATINGS = DataFrameSchema(
    {
        "lep17_code": _code(),
        "rater": Column(str),
        "rating": _choice(RATINGS),
    },
    name="holistic_ratings",
    unique=["lep17_code", "rater"],
)

ENGAGEMENT_SCORES = DataFrameSchema(
    {
        "lep17_code": _code(unique=True),
        "variant": Column(str, Check.isin(["public", "full"])),
        "total": Column(float, nullable=True),
        "min_total": Column(float, Check.ge(0), nullable=True),
        "max_total": Column(float, Check.ge(0), nullable=True),
        "rating": _choice(RATINGS_WITH_UNKNOWN, nullable=True),
        "rating_best": _choice(RATINGS, nullable=True),
        "rating_worst": _choice(RATINGS, nullable=True),
    },
    name="engagement_scores",
    checks=[Check(lambda df: (df["min_total"] <= df["max_total"]) | df["min_total"].isna(),
                  error="min_total <= max_total"),
            # a rating may be blank only where the small-cell rule suppressed the row
            Check(lambda df: df["rating"].notna() | (df["n_respondents_suppressed"].astype(bool)
                                                     if "n_respondents_suppressed" in df else False),
                  error="a rating is blank only on a suppressed row")],
)

RATING_COUNTS = DataFrameSchema(
    {
        "variant": Column(str),
        "category": _choice(RATINGS_WITH_UNKNOWN + ["Requires improvement or Inadequate"], nullable=False),
        "count": Column(int, Check.ge(0)),
        "n": Column(int, Check.gt(0)),
        "lower": Column(int, Check.ge(0)),
        "upper": Column(int, Check.ge(0)),
        "determined": Column(bool),
    },
    name="rating_counts",
    unique=["variant", "category"],
    checks=[Check(lambda df: (df["lower"] <= df["count"]) & (df["count"] <= df["upper"]),
                  error="lower <= count <= upper"),
            Check(lambda df: ~df.columns.isin(["ci_low", "ci_high"]).any(),
                  error="no interval on a count of the LEPs: they are a census")],
)

BACKTEST = DataFrameSchema(
    {
        "figure_id": Column(str, unique=True),
        "published_value": Column(float),
        "public_lower": Column(float, nullable=True),
        "public_upper": Column(float, nullable=True),
        "bound_width": Column(float, Check.ge(0), nullable=True),
        "kind": _choice(["trivial", "count", "share", "consistency"], nullable=False),
        "full_status": _choice(["reproduced", "differs", "matched by construction", "synthetic",
                                "computed from private data", "consistency check"], nullable=False),
    },
    name="backtest",
    checks=Check(lambda df: (df["public_lower"] <= df["public_upper"]) | df["public_lower"].isna(),
                 error="public_lower <= public_upper"),
)

RECONSTRUCTION_BOUNDS = DataFrameSchema(
    {
        "feedback": Column(str, Check.isin(["best", "worst", "free"]), unique=True),
        "minimum": Column("Int64", Check.ge(0), nullable=True, coerce=True),
        "maximum": Column("Int64", Check.ge(0), nullable=True, coerce=True),
        "n": Column(int, Check.gt(0)),
        "window_low": Column(int),
        "window_high": Column(int),
        "two_thirds_reachable": Column(bool),
        "consistent": Column(bool),
        "synthetic_inputs": Column(bool),
    },
    name="reconstruction_bounds",
    checks=Check(lambda df: df["minimum"].isna() | (df["minimum"] <= df["maximum"]), error="minimum <= maximum"),
)

_COUNT = Column("Int64", Check.ge(0), nullable=True, coerce=True)

RECONSTRUCTION_SENSITIVITY = DataFrameSchema(
    {
        "quantity": Column(str), "label": Column(str), "k": Column(int, Check.ge(0)), "n": Column(int, Check.gt(0)),
        **{f"{mode}_{end}": _COUNT for mode in ("favourable", "very_poor") for end in ("minimum", "maximum")},
        "consistent": Column(bool), "favourable_reaches_two_thirds": Column(bool), "synthetic_inputs": Column(bool),
    },
    name="reconstruction_sensitivity",
    unique=["quantity", "k"],
    checks=Check(lambda df: df["favourable_minimum"].isna() | (df["favourable_maximum"] <= df["very_poor_maximum"]),
                 error="most with favourable feedback <= most with very poor feedback"),
)

RECONSTRUCTION_SENSITIVITY_SUMMARY = DataFrameSchema(
    {"quantity": Column(str, unique=True), "k_min": Column(int, Check.ge(0)), "k_max": Column(int, Check.ge(0)),
     "favourable_max_at_k_min": Column(int), "favourable_max_at_k_max": Column(int),
     "favourable_max_overall": Column(int), "reachable_k_from": Column("Int64", nullable=True, coerce=True),
     "reachable_k_to": Column("Int64", nullable=True, coerce=True),
     "moves": Column(str, nullable=True), "synthetic_inputs": Column(bool)},
    name="reconstruction_sensitivity_summary",
    checks=Check(lambda df: df["k_min"] <= df["k_max"], error="k_min <= k_max"),
)

CLAIMS = DataFrameSchema(
    {"id": Column(str, unique=True), "section": Column(str), "layer": _choice(["real", "synthetic", "mixed"],
                                                                               nullable=False),
     "text": Column(str), "evidence": Column(str)},
    name="claims",
)

TIPPING_POINT = DataFrameSchema(
    {
        "reading": Column(str),
        "reference": Column(str, Check.isin(["favourable", "neutral"])),
        "n_poor": Column(int, Check.ge(0)),
        "share_poor": Column(float, Check.in_range(0, 1)),
        "minimum": Column("Int64", Check.ge(0), nullable=True, coerce=True),
        "maximum": Column("Int64", Check.ge(0), nullable=True, coerce=True),
        "reaches_two_thirds": Column(bool),
    },
    name="tipping_point",
    unique=["reading", "reference", "n_poor"],
)

SPECIFICATION_CURVE = DataFrameSchema(
    {
        "variant": Column(str, Check.isin(["public", "full"])),
        "count": Column(int, Check.ge(0)),
        "lower": Column(int, Check.ge(0)),
        "upper": Column(int, Check.ge(0)),
        "n": Column(int, Check.gt(0)),
        "specification": Column(int, Check.ge(0)),
        "distinct": Column(bool),
        "configured": Column(bool),
        "synthetic_inputs": Column(bool),
    },
    name="specification_curve",
    checks=[Check(lambda df: (df["lower"] <= df["count"]) & (df["count"] <= df["upper"]) & (df["upper"] <= df["n"]),
                  error="lower <= count <= upper <= n"),
            Check(lambda df: df.groupby("variant")["configured"].sum() == 1,
                  error="exactly one configured specification per variant")],
)

SPECIFICATION_SUMMARY = DataFrameSchema(
    {
        "variant": Column(str, Check.isin(["public", "full"]), unique=True),
        "n_combinations": Column(int, Check.gt(0)),
        "n_distinct": Column(int, Check.gt(0)),
        "lower_min": Column(int, Check.ge(0)),
        "lower_max": Column(int, Check.ge(0)),
        "upper_min": Column(int, Check.ge(0)),
        "upper_max": Column(int, Check.ge(0)),
        "share_majority_certain": Column(float, Check.in_range(0, 1)),
        "share_majority_possible": Column(float, Check.in_range(0, 1)),
        "share_in_window": Column(float, Check.in_range(0, 1)),
        "share_in_window_possible": Column(float, Check.in_range(0, 1)),
        "synthetic_inputs": Column(bool),
    },
    name="specification_summary",
    checks=[Check(lambda df: df["n_distinct"] <= df["n_combinations"], error="distinct <= combinations"),
            Check(lambda df: (df["lower_min"] <= df["lower_max"]) & (df["lower_min"] <= df["upper_min"])
                  & (df["lower_max"] <= df["upper_max"]), error="lower and upper bounds ordered")],
)

SPECIFICATION_VARIANCE = DataFrameSchema(
    {
        "variant": Column(str, Check.isin(["public", "full"])),
        "term": Column(str),
        "order": Column(int, Check.isin([1, 2, 3])),
        "sum_sq": Column(float, Check.ge(-1e-6)),
        "share": Column(float, Check.in_range(-1e-9, 1 + 1e-9)),
        "synthetic_inputs": Column(bool),
    },
    name="specification_variance",
    unique=["variant", "term"],
)

PROBABILITY = Check.in_range(0, 1)

FEEDBACK_MODEL_FIT = DataFrameSchema(
    {
        "item": Column(str, unique=True),
        "mu": Column(float),
        "tau2": Column(float, Check.ge(0)),
        "sigma2": Column(float, Check.ge(0)),
        "icc": Column(float, PROBABILITY, nullable=True),
        "n_respondents": Column(int, Check.gt(0)),
        "n_leps": Column(int, Check.ge(2)),
        "converged": Column(bool),
        "within_correlation": Column(float, Check.in_range(-1, 1), nullable=True),
        "between_correlation": Column(float, Check.in_range(-1, 1), nullable=True),
        "synthetic_inputs": Column(bool),
    },
    name="feedback_model_fit",
)

RATING_PROBABILITIES = DataFrameSchema(
    {
        "lep17_code": _code(unique=True),
        "p_inadequate": Column(float, PROBABILITY, nullable=True),
        "p_requires_improvement": Column(float, PROBABILITY, nullable=True),
        "p_good": Column(float, PROBABILITY, nullable=True),
        "p_ri_or_inadequate": Column(float, PROBABILITY, nullable=True),
        "p_ri_or_inadequate_possible": Column(float, PROBABILITY, nullable=True),
        "n_respondents_suppressed": Column(bool),
        "synthetic_inputs": Column(bool),
    },
    name="rating_probabilities",
    checks=[Check(lambda df: df["p_ri_or_inadequate"].isna() | (df["p_ri_or_inadequate"]
                                                                 <= df["p_ri_or_inadequate_possible"] + 1e-12),
                  error="certain <= possible"),
            # values from fewer respondents than the confidentiality threshold are blank in this shareable table
            Check(lambda df: df["p_ri_or_inadequate"].isna() == df["n_respondents_suppressed"].astype(bool),
                  error="blank exactly where the small-cell rule applies")],
)

COUNT_DISTRIBUTION = DataFrameSchema(
    {
        "count": Column(int, Check.ge(0), unique=True),
        "probability": Column(float, PROBABILITY),
        "cumulative": Column(float, Check.in_range(0, 1 + 1e-9)),
        "probability_widened": Column(float, PROBABILITY),
        "cumulative_widened": Column(float, Check.in_range(0, 1 + 1e-9)),
        "synthetic_inputs": Column(bool),
    },
    name="count_distribution",
    # tables are written to six significant digits, so the sum is 1 to about 1e-6
    checks=Check(lambda df: abs(df["probability"].sum() - 1) < 1e-4, error="probabilities sum to 1"),
)

COUNT_UNCERTAINTY = DataFrameSchema(
    {
        "method": Column(str, unique=True),
        "count": Column(float, Check.ge(0)),
        "interval_low": Column(float, nullable=True),
        "interval_high": Column(float, nullable=True),
        "level": Column(float, Check.in_range(0, 1), nullable=True),
        "p_majority": Column(float, PROBABILITY, nullable=True),
        "p_in_window": Column(float, PROBABILITY, nullable=True),
        "n": Column(int, Check.gt(0)),
        "synthetic_inputs": Column(bool),
    },
    name="count_uncertainty",
    checks=Check(lambda df: df["interval_low"].isna() | (df["interval_low"] <= df["interval_high"]),
                 error="interval_low <= interval_high"),
)

REPRESENTATION_TESTS = DataFrameSchema(
    {
        "layer": Column(str, Check.isin(["real", "demo"])),
        "id": Column(str),
        "role": Column(str, Check.isin(["primary", "secondary", "descriptive"])),
        "n": Column(int, Check.ge(0)),
        "dropped": Column(int, Check.ge(0)),
        "n_clusters": Column(int, Check.ge(0)),
        "p_value": Column(float, PROBABILITY, nullable=True),
        "p_holm": Column(float, PROBABILITY, nullable=True),
        "result": Column(str),
        "synthetic_inputs": Column(bool),
    },
    name="representation_tests",
    unique=["layer", "id"],
    checks=[Check(lambda df: df.groupby("layer")["role"].apply(lambda r: (r == "primary").sum() == 1),
                  error="exactly one primary test per layer"),
            # one rule: a test that could not be run says why and carries no p-value
            Check(lambda df: df["p_value"].isna() == df["result"].str.startswith("not estimable"),
                  error="no p-value exactly where the test is not estimable"),
            Check(lambda df: df["n_clusters"] <= df["n"], error="clusters <= LEPs")],
)

NONRESPONSE_DELTA = DataFrameSchema(
    {
        "delta": Column(float, unique=True),
        "delta_points": Column(float),
        "lower": Column(int, Check.ge(0)),
        "upper": Column(int, Check.ge(0)),
        "n_nonresponders": Column(int, Check.ge(0)),
        "n": Column(int, Check.gt(0)),
        "synthetic_inputs": Column(bool),
    },
    name="nonresponse_delta",
    checks=[Check(lambda df: (df["lower"] <= df["upper"]) & (df["upper"] <= df["n"]), error="lower <= upper <= n"),
            # non-responders judged worse can only add LEPs RI or Inadequate
            Check(lambda df: df.sort_values("delta")["lower"].is_monotonic_decreasing,
                  error="the count falls as non-responders are judged better")],
)

FLAG = Column(bool)      # synthetic_inputs: whether the row rests on a synthetic stand-in

LEPS = DataFrameSchema({"lep17_code": _code(unique=True), "canonical_name": Column(str, unique=True)}, name="leps")

LAD_LEP_TABLE = DataFrameSchema(
    {"lad19_code": Column(str), "lep17_code": _code(), "shared": Column(bool), "partial": Column(bool)},
    name="lad_lep", unique=["lad19_code", "lep17_code"],
)

IMD_VALIDATION = DataFrameSchema(
    {"lep17_code": _code(unique=True), "imd_file12": Column(float), "imd_recomputed": Column(float),
     "abs_diff": Column(float, Check.ge(0)), "status": Column(str), "tolerance": Column(float, Check.ge(0))},
    name="imd_validation",
)

STUDY_AREA = DataFrameSchema(
    {"n_bodies": Column(int, Check.gt(0)), "n_districts": Column(int, Check.gt(0)),
     "n_districts_in_two_bodies": Column(int, Check.ge(0)), "population_mid2019": Column(int, Check.gt(0)),
     "population_sum_over_bodies": Column(int, Check.gt(0))},
    name="study_area",
    checks=Check(lambda df: df["population_mid2019"] <= df["population_sum_over_bodies"],
                 error="a district in two bodies is counted once"),
)

BOARD_EVIDENCE_PUBLIC = DataFrameSchema(
    {"lep17_code": _code(unique=True), "board_coverage": Column(str),
     "main_board_vcs": Column("boolean", nullable=True),
     "main_board_seat_type": _choice([*SEAT_TYPES, "unclear"]),
     "main_board_vcs_seats_min": Column(int, Check.ge(0)),
     "subgroup_vcs": Column("boolean", nullable=True), "esif_vcs_member": _choice(["current", "expired", "none"])},
    name="board_evidence_public",
)

EVIDENCE_COVERAGE = DataFrameSchema(
    {"lep17_code": _code(), "item": Column(str), "status": _choice(SOURCE_FLAGS, nullable=False),
     "synthetic_inputs": FLAG},
    name="evidence_coverage", unique=["lep17_code", "item"],
)

TIPPING_SUMMARY = DataFrameSchema(
    {"reading": Column(str), "reference": Column(str), "n": Column(int, Check.gt(0)),
     "forced_from": Column("Int64", nullable=True, coerce=True),
     "possible_to": Column("Int64", nullable=True, coerce=True), "synthetic_inputs": FLAG},
    name="tipping_summary", unique=["reading", "reference"],
)

REPRESENTATION_MEASURES = DataFrameSchema(
    {"lep17_code": _code(), "layer": _choice(["real", "demo"], nullable=False),
     "main_board_vcs": Column("boolean", nullable=True), "imd_avg_score": Column(float),
     "strategy_document": Column(str), "synthetic_inputs": FLAG},
    name="representation_measures", unique=["lep17_code", "layer"],
)

ORDINAL_LOGIT = DataFrameSchema(
    {"layer": _choice(["real", "demo"], nullable=False), "term": Column(str),
     "odds_ratio": Column(float, Check.gt(0), nullable=True), "n": Column(int, Check.ge(0)), "synthetic_inputs": FLAG},
    name="ordinal_logit",
    checks=Check(lambda df: df["odds_ratio"].notna() | df["note"].str.startswith("not estimable"),
                 error="an odds ratio, or the reason there is none"),
)

STRATEGY_SCORES = DataFrameSchema(
    {"lep17_code": _code(unique=True), "strategy_score": Column(float, Check.ge(0), nullable=True),
     "n_coders": Column(int, Check.ge(0)), "strategy_band": _choice(["Weak", "Moderate", "Strong"]),
     "synthetic_inputs": FLAG},
    name="strategy_scores",
)

AGREEMENT = DataFrameSchema(
    {"measure": Column(str, unique=True), "value": Column(float, Check.in_range(-1, 1), nullable=True),
     "synthetic_inputs": FLAG},
    name="agreement",
    checks=Check(lambda df: df["value"].notna() | df["note"].fillna("").str.startswith("undefined"),
                 error="a value, or why it is undefined"),
)

APR_COVERAGE = DataFrameSchema(
    {"category": Column(str, unique=True), "national_total": Column("Int64", Check.ge(0), nullable=True),
     "per_lep_ratings_found": Column(int, Check.ge(0))},
    name="apr_coverage",
    checks=Check(lambda df: (df["per_lep_ratings_found"] <= df["national_total"]).fillna(True),
                 error="found <= national total"),
)

SPECIFICATION_CHOICES = DataFrameSchema(
    {"variant": _choice(["public", "full"], nullable=False), "choice": Column(str),
     "stage": _choice(["rubric", "data"], nullable=False),
     "kind": _choice(["arbitrary", "substantive"], nullable=False),
     "options": Column(str), "configured": Column(str), "why": Column(str)},
    name="specification_choices", unique=["variant", "choice"],
)

NONRESPONSE_TESTS = DataFrameSchema(
    {"measure": Column(str, unique=True), "p_value": Column(float, PROBABILITY, nullable=True),
     "n": Column(int, Check.ge(0)), "synthetic_inputs": FLAG},
    name="nonresponse_tests",
    checks=Check(lambda df: df["p_value"].notna() | df["note"].fillna("").str.startswith("not estimable"),
                 error="a p-value, or why the test could not be run"),
)

NONRESPONSE_BOUNDS = DataFrameSchema(
    {"n": Column(int, Check.gt(0)), "n_responders": Column(int, Check.ge(0)),
     "assessed": Column(float, PROBABILITY), "nonresponders_all_better": Column(float, PROBABILITY),
     "nonresponders_all_worse": Column(float, PROBABILITY), "delta_to_window": Column(float, nullable=True),
     "synthetic_inputs": FLAG},
    name="nonresponse_bounds",
    checks=Check(lambda df: (df["nonresponders_all_better"] <= df["assessed"] + 1e-12)
                 & (df["assessed"] <= df["nonresponders_all_worse"] + 1e-12), error="better <= assessed <= worse"),
)

# processed tables validated before they are written (pipeline._write)
LEP_EVIDENCE = DataFrameSchema(
    {"lep17_code": _code(), "topic": Column(str), "finding": Column(str), "evidence_date": _text(),
     "dating": _text(), "counted": Column("boolean", nullable=True), "source_urls": _text(),
     "source_title": _text(), "note": _text()},
    name="lep_evidence",
)

RUBRIC_CRITERIA = DataFrameSchema(
    {"key": Column(str, unique=True), "label": Column(str), "field": Column(str), "public": Column(bool),
     "weight": Column(float, Check.ge(0)), "min_points": Column(float, Check.ge(0)),
     "max_points": Column(float, Check.ge(0)), "scored_by": Column(str, Check.isin(["category", "bands"]))},
    name="rubric_criteria",
)

LEP_BOUNDARIES = DataFrameSchema(
    {"lep21_code": _code(), "lep21_name": _text(), "ring": Column(int, Check.ge(0)), "point": Column(int, Check.ge(0)),
     "longitude": Column(float, Check.in_range(-7, 2)), "latitude": Column(float, Check.in_range(49, 56))},
    unique=["lep21_code", "ring", "point"],
    name="lep_boundaries",
)

RECONSTRUCTION_CONSTRAINTS = DataFrameSchema(
    {"figure_id": Column(str, unique=True), "quantity": Column(str), "value": Column(str), "field": Column(str),
     "values_counted": Column(str)},
    name="reconstruction_constraints",
)

__all__ = [name for name in dir() if name.isupper()] + ["pa"]
