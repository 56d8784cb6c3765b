"""The domain's words, defined once: ratings, seat and organisation types, the feedback items and their scale
(config validation, the table schemas, the loaders, the scorer and the stand-in generator all read them here;
config validation must not load the schema library), and the plain-English label of every field, figure and value
name a reader may meet in a table."""

from __future__ import annotations

RATINGS = ["Good", "Requires improvement", "Inadequate"]
RATINGS_WITH_UNKNOWN = RATINGS + ["Inadequate to Requires improvement", "Insufficient evidence"]
# a main-board seat: none, or the type of voluntary sector organisation holding it
SEAT_TYPES = ["none", "single_issue", "cvs", "other_vcs"]
VCS_SEAT_TYPES = ("single_issue", "other_vcs", "cvs")
NON_CVS_SEAT_TYPES = ("single_issue", "other_vcs")       # a voluntary sector seat held by other than a CVS
ESIF_MEMBERSHIP = ["none", "expired", "current"]
# the sector feedback survey: who answered, the items asked, and the scale every item is answered on
RESPONDENT_ORG_TYPES = ["cvs", "single_issue", "social_enterprise", "other"]
LIKERT_ITEMS = [
    "board_rep_representative",
    "other_channels",
    "focus_social_inclusion",
    "ukspf_readiness",
    "overall_engagement",
]
LIKERT_RANGE = (1, 5)

ORG_TYPES = [
    "local_infrastructure_cvs",
    "single_issue_charity",
    "social_enterprise",
    "housing_association",
    "faith_or_community_group",
    "other_vcs",
    "business",
    "public_body",
    "education",
    "unclear",
]

# what readers see for a field, published figure or coded value (``lepstudy.outputs.present`` turns any other snake_case
# name into words, so no identifier reaches a page)
# the two variants of the rubric, as a chart panel or a sentence names them
VARIANT_NAMES = {"full": "Full rubric", "public": "Public evidence"}

LABELS = {
    "lep17_code": "LEP code", "canonical_name": "LEP", "lep_name": "LEP", "lep17_name": "LEP", "n": "LEPs",
    "n_leps": "LEPs", "n_leps_responded": "LEPs that answered NCVO", "n_leps_not_responded": "LEPs that did not answer",
    "n_main_board_vcs_rep": "LEPs with a VCS seat on the main board",
    "n_main_board_no_vcs_rep": "LEPs with no VCS seat on the main board",
    "n_main_board_rep_single_issue": "LEPs whose VCS seat is single-issue or other VCS",
    "n_main_board_rep_infrastructure": "LEPs whose VCS seat is local infrastructure (CVS)",
    "n_main_board_two_reps": "LEPs with two VCS seats", "n_subgroup_vcs_rep": "LEPs with VCS on a sub-group",
    "n_esif_no_vcs_rep": "ESIF committees with no VCS member",
    "share_engagement_ri_or_inadequate": "share of LEPs rated RI or Inadequate",
    "reconstruction_two_thirds_reachable": "two-thirds reachable",
    "main_board_vcs": "VCS seat on the main board", "main_board_vcs_seats": "VCS seats on the main board",
    "main_board_seat_type": "type of main-board VCS seat", "main_board_size": "main board members",
    "subgroup_vcs": "VCS on a sub-group", "esif_vcs_member": "VCS member on the ESIF committee",
    "code_of_practice": "code of practice", "responded": "answered NCVO",
    "single_issue": "single-issue charity", "other_vcs": "other VCS", "not_vcs": "not VCS", "cvs": "CVS",
    "type_unknown": "type unknown", "cvs_seat": "CVS seat", "seat_group": "seat group",
    "imd_avg_score": "IMD average score", "lis_published": "Local Industrial Strategy published",
    "lis_inclusion_index": "strategy inclusion index", "strategy_score": "strategy score",
    "strong_strategy": "strong strategy", "overall_engagement": "overall engagement",
    "focus_social_inclusion": "focus on social inclusion", "p_value": "p", "p_holm": "p (Holm-adjusted)",
    "n_clusters": "independent units", "effect_ci_low": "effect, 95% interval from",
    "effect_ci_high": "effect, 95% interval to", "mde_note": "smallest detectable effect",
    "synthetic_inputs": "rests on synthetic stand-ins", "figure_id": "figure",
}


# the rubric's seat type of each voluntary sector organisation type (other types hold no voluntary sector seat)
SEAT_TYPE_OF_ORG = {
    "local_infrastructure_cvs": "cvs",
    "single_issue_charity": "single_issue",
    "social_enterprise": "other_vcs",
    "other_vcs": "other_vcs",
    "faith_or_community_group": "other_vcs",
    "unclear": "unclear",
}


def seat_type_from_org_type(org_type: str) -> str | None:
    """Rubric seat type for an org type; None for non-VCS organisations."""
    return SEAT_TYPE_OF_ORG.get(org_type)


# the confidential inputs, by file name (a researcher's own file, or the seeded stand-in), and the answers of
# lep_responses that describe a LEP's structure
CONFIDENTIAL_INPUTS = ["lep_responses.csv", "sector_feedback.csv", "holistic_ratings.csv", "strategy_coding.csv"]
STRUCTURAL_FIELDS = ["responded", "main_board_vcs", "main_board_seat_type", "main_board_vcs_seats",
                     "main_board_size", "subgroup_vcs", "esif_vcs_member", "code_of_practice"]


# the specification curve's choices in plain English
CHOICE_WORDS = {
    "weighting": "criterion weights", "good_min_share": "where Good starts", "seat_points": "points for a CVS seat",
    "feedback_band_shift": "feedback cut points", "gate": "cap for very poor feedback",
    "response_criterion": "information-request criterion", "seat_dating": "which dated seats count",
    "unclear_seat_types": "seats of unclear type", "housing_associations": "housing associations",
    "min_respondents": "minimum respondents",
}


def choice_words(term: str) -> str:
    """A specification choice (or an interaction "a x b") in plain English."""
    return " × ".join(CHOICE_WORDS.get(part, part.replace("_", " ")) for part in term.split(" x "))


# the feedback settings the reconstruction sweeps, in words (pages, charts and the glossary)
FEEDBACK_WORDS = {
    "favourable": "Sector feedback averaging above 3.5 out of 5 on every feedback question (the default rubric's "
                  "line for the top score)",
    "poor": "Sector feedback averaging below 2.5 out of 5 on every feedback question (the default rubric's line "
            "for the lowest score), but not so low that it caps the rating",
    "very poor": "Sector feedback averaging below 2 out of 5 on overall engagement and below 2.5 on every other "
                 "question. Under the default rubric that caps a LEP's rating at Requires improvement, whatever "
                 "else it scores",
}
