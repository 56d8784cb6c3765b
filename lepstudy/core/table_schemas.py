"""pandera schemas of the processed tables: every table the pipeline writes is checked on write and on read.

Two processed tables keep the schema of the file they come from (``lep_responses``, ``published_figures``:
``core.raw_schemas``).
"""

from __future__ import annotations

from pandera.pandas import Check, Column, DataFrameSchema

from lepstudy.core.columns import choice_column, code_column, text_column
from lepstudy.core.vocabulary import ESIF_MEMBERSHIP, RATINGS, RATINGS_WITH_UNKNOWN, SEAT_TYPES

SOURCE_FLAGS = ["public", "synthetic", "private", "unknown"]


LEP_CONTEXT = DataFrameSchema(
    {
        "lep17_code": code_column(unique=True),
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

ENGAGEMENT_SCORES = DataFrameSchema(
    {
        "lep17_code": code_column(unique=True),
        "variant": Column(str, Check.isin(["public", "full"])),
        "total": Column(float, nullable=True),
        "min_total": Column(float, Check.ge(0), nullable=True),
        "max_total": Column(float, Check.ge(0), nullable=True),
        "rating": choice_column(RATINGS_WITH_UNKNOWN, nullable=True),
        "rating_best": choice_column(RATINGS, nullable=True),
        "rating_worst": choice_column(RATINGS, nullable=True),
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
        "category": choice_column(RATINGS_WITH_UNKNOWN + ["Requires improvement or Inadequate"], nullable=False),
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
        "kind": choice_column(["trivial", "count", "share", "consistency"], nullable=False),
        "full_status": choice_column(["reproduced", "differs", "matched by construction", "synthetic",
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
    {"id": Column(str, unique=True), "section": Column(str), "layer": choice_column(["real", "synthetic", "mixed"],
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
        "lep17_code": code_column(unique=True),
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

LEPS = DataFrameSchema({"lep17_code": code_column(unique=True), "canonical_name": Column(str, unique=True)},
                       name="leps")

LAD_LEP_TABLE = DataFrameSchema(
    {"lad19_code": Column(str), "lep17_code": code_column(), "shared": Column(bool), "partial": Column(bool)},
    name="lad_lep", unique=["lad19_code", "lep17_code"],
)

IMD_VALIDATION = DataFrameSchema(
    {"lep17_code": code_column(unique=True), "imd_file12": Column(float), "imd_recomputed": Column(float),
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
    {"lep17_code": code_column(unique=True), "board_coverage": Column(str),
     "main_board_vcs": Column("boolean", nullable=True),
     "main_board_seat_type": choice_column([*SEAT_TYPES, "unclear"]),
     "main_board_vcs_seats_min": Column(int, Check.ge(0)),
     "subgroup_vcs": Column("boolean", nullable=True), "esif_vcs_member": choice_column(ESIF_MEMBERSHIP)},
    name="board_evidence_public",
)

EVIDENCE_COVERAGE = DataFrameSchema(
    {"lep17_code": code_column(), "item": Column(str), "status": choice_column(SOURCE_FLAGS, nullable=False),
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
    {"lep17_code": code_column(), "layer": choice_column(["real", "demo"], nullable=False),
     "main_board_vcs": Column("boolean", nullable=True), "imd_avg_score": Column(float),
     "strategy_document": Column(str), "synthetic_inputs": FLAG},
    name="representation_measures", unique=["lep17_code", "layer"],
)

ORDINAL_LOGIT = DataFrameSchema(
    {"layer": choice_column(["real", "demo"], nullable=False), "term": Column(str),
     "odds_ratio": Column(float, Check.gt(0), nullable=True), "n": Column(int, Check.ge(0)), "synthetic_inputs": FLAG},
    name="ordinal_logit",
    checks=Check(lambda df: df["odds_ratio"].notna() | df["note"].str.startswith("not estimable"),
                 error="an odds ratio, or the reason there is none"),
)

STRATEGY_SCORES = DataFrameSchema(
    {"lep17_code": code_column(unique=True), "strategy_score": Column(float, Check.ge(0), nullable=True),
     "n_coders": Column(int, Check.ge(0)), "strategy_band": choice_column(["Weak", "Moderate", "Strong"]),
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
    {"variant": choice_column(["public", "full"], nullable=False), "choice": Column(str),
     "stage": choice_column(["rubric", "data"], nullable=False),
     "kind": choice_column(["arbitrary", "substantive"], nullable=False),
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
    {"lep17_code": code_column(), "topic": Column(str), "finding": Column(str), "evidence_date": text_column(),
     "dating": text_column(), "counted": Column("boolean", nullable=True), "source_urls": text_column(),
     "source_title": text_column(), "note": text_column()},
    name="lep_evidence",
)

RUBRIC_CRITERIA = DataFrameSchema(
    {"key": Column(str, unique=True), "label": Column(str), "field": Column(str), "public": Column(bool),
     "weight": Column(float, Check.ge(0)), "min_points": Column(float, Check.ge(0)),
     "max_points": Column(float, Check.ge(0)), "scored_by": Column(str, Check.isin(["category", "bands"]))},
    name="rubric_criteria",
)

LEP_BOUNDARIES = DataFrameSchema(
    {"lep21_code": code_column(), "lep21_name": text_column(), "ring": Column(int, Check.ge(0)),
     "point": Column(int, Check.ge(0)),
     "longitude": Column(float, Check.in_range(-7, 2)), "latitude": Column(float, Check.in_range(49, 56))},
    unique=["lep21_code", "ring", "point"],
    name="lep_boundaries",
)

RECONSTRUCTION_CONSTRAINTS = DataFrameSchema(
    {"figure_id": Column(str, unique=True), "quantity": Column(str), "value": Column(str), "field": Column(str),
     "values_counted": Column(str)},
    name="reconstruction_constraints",
)
