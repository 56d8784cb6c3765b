"""The domain's words, defined once: the organisation types a curated board or ESIF member can have. Config
validation and the table schemas both read them here (config validation must not load the schema library)."""

from __future__ import annotations

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
