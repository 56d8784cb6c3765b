"""pandera schemas of the files as read: reference lists, public sources, NCVO's published figures and the
confidential inputs.

Raw tables are read as text and coerced here, so a wrong type ("three", "N/A") is reported with its row and column
instead of silently becoming NaN. Blank stays blank (unknown) wherever evidence can be missing. The processed
tables' schemas are in ``core.table_schemas``; the catalogue says which table uses which.
"""

from __future__ import annotations

from pandera.pandas import Check, Column, DataFrameSchema

from lepstudy.core.columns import choice_column, code_column, count_column, likert_column, text_column
from lepstudy.core.vocabulary import ESIF_MEMBERSHIP, LIKERT_ITEMS, ORG_TYPES, RATINGS, RESPONDENT_ORG_TYPES, SEAT_TYPES

LAD19 = r"^E0[6-9]\d{6}$"
APR_CATEGORIES = ["Exceptional", "Good", "Requires improvement", "Inadequate", "Met", "Not met"]


LEP_REFERENCE = DataFrameSchema(
    {
        "lep17_code": code_column(unique=True),
        "canonical_name": Column(str, unique=True),
        "short_name": Column(str),
        "lep20_code": code_column(),
        "lep21_code": code_column(),
        "lep21_name": Column(str),
        "aliases": text_column(),
    },
    name="lep_reference",
    strict=True,
)

LEP_PREDECESSORS = DataFrameSchema(
    {"name": Column(str, unique=True), "merged_into": code_column(), "year": Column(int, coerce=True),
     "note": text_column()},
    name="lep_predecessors",
    strict=True,
)

LAD_LEP = DataFrameSchema(
    {
        "lad19_code": Column(str, Check.str_matches(LAD19, error="an English LAD 2019 code"), unique=True),
        "lad19_name": Column(str),
        "lep17_code_1": code_column(),
        "lep17_name_1": Column(str),
        "lep17_code_2": code_column(nullable=True),
        "lep17_name_2": text_column(),
    },
    name="lad19_lep17",
    strict=True,
)

PARTIAL_MEMBERSHIPS = DataFrameSchema(
    {
        "lad19_code": Column(str, Check.str_matches(LAD19, error="an English LAD 2019 code")),
        "lad19_name": Column(str),
        "lep17_code": code_column(),
        "lep17_name": Column(str),
        "note": Column(str),
        "source": Column(str),
    },
    name="partial_lad_memberships",
    unique=["lad19_code", "lep17_code"],
)

BOARD_SUMMARY = DataFrameSchema(
    {
        "lep17_code": code_column(unique=True),
        "lep_name": Column(str),
        "main_board_size": count_column(minimum=1),
        "main_board_vcs_seats": count_column(),
        "main_board_vcs_org_types": text_column(),
        "any_subgroup_vcs": choice_column(["yes", "no"]),
        "evidence_date": text_column(),
        "source_urls": text_column(),
        "coverage": choice_column(["full_list_seen", "partial", "not_found"], nullable=False),
        "note": text_column(),
    },
    name="lep_board_summary",
)

BOARD_MEMBERS = DataFrameSchema(
    {
        "lep17_code": code_column(),
        "lep_name": Column(str),
        "body": Column(str),
        "body_name": text_column(),
        "organisation": Column(str),
        "org_type": choice_column(ORG_TYPES, nullable=False),
        "role_in_org": text_column(),
        "evidence_date": text_column(),
        "source_url": Column(str),
        "source_title": text_column(),
        "note": text_column(),
    },
    name="board_members_vcs",
)

ESIF_SUMMARY = DataFrameSchema(
    {
        "lep17_code": code_column(unique=True),
        "lep_name": Column(str),
        "vcs_member": choice_column(["yes", "no", "expired"]),
        "evidence_date": text_column(),
        "source_urls": text_column(),
        "coverage": Column(str),
        "note": text_column(),
    },
    name="esif_summary",
)

APR_RATINGS = DataFrameSchema(
    {
        "lep17_code": code_column(),
        "lep_name": Column(str),
        "review_year": Column(str),
        "governance": choice_column(APR_CATEGORIES),
        "delivery": choice_column(APR_CATEGORIES),
        "strategy": choice_column(APR_CATEGORIES),
        "source_url": Column(str),
        "source_title": text_column(),
        "evidence_date": text_column(),
        "note": text_column(),
    },
    name="apr_ratings",
)

LIS_STATUS = DataFrameSchema(
    {
        "lep17_code": code_column(unique=True),
        "lep_name": Column(str),
        "lis_published": choice_column(["yes", "no"]),
        "lis_stage": text_column(),
        "lis_date": text_column(),
        "lis_url": text_column(),
        "inclusive_growth_body_or_framework": text_column(),
        "source_urls": text_column(),
        "note": text_column(),
    },
    name="lis_status",
)

INCLUSIVE_GROWTH_MONITOR = DataFrameSchema(
    {
        "lep17_code": code_column(),
        "lep_name": Column(str),
        "monitor_edition": Column(str),
        "period_measured": text_column(),
        "dimension": Column(str),
        "finding": Column(str),
        "source_url": Column(str),
        "source_title": text_column(),
        "evidence_date": text_column(),
        "note": text_column(),
    },
    name="inclusive_growth_monitor",
)

ESIF_MEMBERS = DataFrameSchema(
    {
        "lep17_code": code_column(),
        "lep_name": Column(str),
        "organisation": Column(str),
        "org_type": choice_column(ORG_TYPES, nullable=False),
        "member_role": text_column(),
        "membership_status": text_column(),
        "evidence_date": text_column(),
        "source_url": Column(str),
        "source_title": text_column(),
        "note": text_column(),
    },
    name="esif_vcs_members",
)

PUBLISHED_FIGURES = DataFrameSchema(
    {
        "figure_id": Column(str, unique=True),
        "quantity": Column(str),
        "value": Column(str),
        "unit": Column(str),
        "denominator": count_column(),
        "status": Column(str),
        "source_url": text_column(),
        "note": text_column(),
    },
    name="ncvo2020_published_figures",
)

SECTOR_FEEDBACK = DataFrameSchema(
    {
        "respondent_id": Column(str, unique=True),
        "lep17_code": code_column(),
        "org_type": choice_column(RESPONDENT_ORG_TYPES, nullable=False),
        **{item: likert_column() for item in LIKERT_ITEMS},
        "free_text": text_column(),
    },
    name="sector_feedback",
    strict=True,
)

LEP_RESPONSES = DataFrameSchema(
    {
        "lep17_code": code_column(unique=True),
        "responded": Column("boolean", nullable=True, coerce=True),
        "main_board_size": count_column(minimum=1),
        "main_board_vcs_seats": count_column(),
        "main_board_seat_type": choice_column(SEAT_TYPES),
        "subgroup_vcs": Column("boolean", nullable=True, coerce=True),
        "esif_vcs_member": choice_column(ESIF_MEMBERSHIP),
        "code_of_practice": Column("boolean", nullable=True, coerce=True),
    },
    name="lep_responses",
)

STRATEGY_CODING = DataFrameSchema(
    {
        "lep17_code": code_column(),
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
        "lep17_code": code_column(),
        "rater": Column(str),
        "rating": choice_column(RATINGS),
    },
    name="holistic_ratings",
    unique=["lep17_code", "rater"],
)

# the deprivation (IoD2019 Files 12 and 10) and population (ONS mid-2019) extracts, as the loaders reshape them
IMD_LEP = DataFrameSchema(
    {
        "lep17_code": Column(str, Check.str_matches(r"^E37\d{6}$"), unique=True),
        "lep17_name": Column(str),
        "imd_avg_score": Column(float, Check.in_range(0, 100), coerce=True),
        "imd_rank_avg_score": Column(int, Check.ge(1), coerce=True),
        "imd_share_lsoas_most_deprived_10pct": Column(float, Check.in_range(0, 1), coerce=True),
    },
    name="IoD2019 File 12 (IMD sheet)",
)
IMD_LAD = IMD_LEP.remove_columns(["lep17_code", "lep17_name"]).add_columns(
    {
        "lad19_code": Column(str, Check.str_matches(LAD19), unique=True),
        "lad19_name": Column(str),
    }
)
POPULATION = DataFrameSchema(
    {
        "lad19_code": Column(str, unique=True),
        "lad19_name": Column(str),
        "population_mid2019": Column(int, Check.gt(0), coerce=True),
    },
    name="ONS mid-2019 population (MYE2 - Persons)",
)
