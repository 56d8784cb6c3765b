"""Every item of public evidence about each LEP, in one long table (``lep_evidence``): one row per finding, with
its topic, date, whether the configured rules count it, and its sources. The LEP pages of the publication are
built from this table; nothing in it rests on a confidential or synthetic input."""

from __future__ import annotations

import pandas as pd

from lepstudy.analysis.evidence import board_members
from lepstudy.core.containers import BoardSources, EvidenceRules, StrategySources

TOPICS = ["Main board", "Sub-boards and advisory groups", "ESIF sub-committee", "Local Industrial Strategy",
          "Annual Performance Review", "Inclusive Growth Monitor"]
COLUMNS = ["lep17_code", "topic", "finding", "evidence_date", "dating", "counted", "source_urls", "source_title",
           "note"]

ORG_TYPE_WORDS = {
    "local_infrastructure_cvs": "local infrastructure body (CVS)",
    "single_issue_charity": "single-issue charity",
    "social_enterprise": "social enterprise",
    "housing_association": "housing association",
    "other_vcs": "other voluntary or community organisation",
    "unclear": "organisation whose type the source leaves unclear",
}
DATING_WORDS = {
    "in_window": "around NCVO's fieldwork",
    "probably_in_window": "probably around NCVO's fieldwork",
    "after_fieldwork": "after NCVO's fieldwork",
    "out_of_window": "outside NCVO's fieldwork window",
    "indicative": "indicative only",
    "undated": "undated",
}
BODY_TOPIC = {"main_board": TOPICS[0], "sub_board": TOPICS[1], "advisory_group": TOPICS[1],
              "esif_subcommittee": TOPICS[2]}
COVERAGE_WORDS = {"full_list_seen": "the full board list was seen", "partial": "only part of the board list was seen",
                  "not_found": "no board member list was found"}
ESIF_WORDS = {"yes": "a VCS member is recorded", "no": "no VCS member is recorded",
              "expired": "a VCS membership is recorded but had expired"}


def _first(urls: object) -> str | None:
    return str(urls) if isinstance(urls, str) and urls.strip() else None


def _sourced(item, topic: str, finding: str, **extra) -> dict:
    """A finding from a curated row that names its own source (URL, title, date and note)."""
    return {"lep17_code": item.lep17_code, "topic": topic, "finding": finding, "evidence_date": item.evidence_date,
            "source_urls": item.source_url, "source_title": item.source_title, "note": item.note, **extra}


def _board_rows(rules: EvidenceRules, board: BoardSources) -> list[dict]:
    rows = []
    for item in board.summary.itertuples():
        size = f"; {int(item.main_board_size)} members" if pd.notna(item.main_board_size) else ""
        seats = (f", {int(item.main_board_vcs_seats)} of them from the voluntary sector"
                 if pd.notna(item.main_board_vcs_seats) and size else "")
        rows.append({"lep17_code": item.lep17_code, "topic": TOPICS[0],
                     "finding": f"Coverage: {COVERAGE_WORDS[item.coverage]}{size}{seats}",
                     "evidence_date": item.evidence_date, "source_urls": _first(item.source_urls), "note": item.note})
    for item in board_members(rules, board).itertuples():
        counted = "counted" if item.counts else "not counted"
        rows.append(_sourced(item, BODY_TOPIC.get(item.body, TOPICS[1]),
                             f"{item.organisation}: {ORG_TYPE_WORDS.get(item.org_type, item.org_type)} "
                             f"({counted} as a voluntary sector seat by the configured rules)",
                             dating=DATING_WORDS[item.dating], counted=bool(item.counts)))
    return rows


def _esif_rows(board: BoardSources) -> list[dict]:
    rows = [{"lep17_code": item.lep17_code, "topic": TOPICS[2],
             "finding": f"Sub-committee: {ESIF_WORDS.get(item.vcs_member, 'no membership evidence was found')}",
             "evidence_date": item.evidence_date, "source_urls": _first(item.source_urls), "note": item.note}
            for item in board.esif.itertuples()]
    for item in board.esif_members.itertuples():
        rows.append(_sourced(item, TOPICS[2], f"{item.organisation}: {ORG_TYPE_WORDS.get(item.org_type, item.org_type)}"
                                              f" ({item.member_role}, {item.membership_status})"))
    return rows


def _strategy_rows(strategy: StrategySources) -> list[dict]:
    rows = []
    for item in strategy.lis.itertuples():
        published = {"yes": "published", "no": "not published"}.get(item.lis_published, "status unknown")
        urls = "; ".join(u for u in (_first(item.lis_url), _first(item.source_urls)) if u) or None
        rows.append({"lep17_code": item.lep17_code, "topic": TOPICS[3],
                     "finding": f"Local Industrial Strategy {published}: {item.lis_stage}"
                     if isinstance(item.lis_stage, str) else f"Local Industrial Strategy {published}",
                     "evidence_date": item.lis_date, "source_urls": urls, "note": item.note})
        if isinstance(item.inclusive_growth_body_or_framework, str):
            rows.append({"lep17_code": item.lep17_code, "topic": TOPICS[3],
                         "finding": f"Inclusive growth body or framework: {item.inclusive_growth_body_or_framework}",
                         "evidence_date": item.lis_date, "source_urls": urls})
    for item in strategy.apr.itertuples():
        themes = [f"{theme} {rating}" for theme, rating in (("governance", item.governance),
                                                             ("delivery", item.delivery),
                                                             ("strategy", item.strategy)) if isinstance(rating, str)]
        rows.append(_sourced(item, TOPICS[4],
                             f"Review {item.review_year}: " + (", ".join(themes) or "no theme rating stated")))
    for item in strategy.monitor.itertuples():
        rows.append(_sourced(item, TOPICS[5], f"{item.dimension.capitalize()}: {item.finding} ({item.period_measured}; "
                                              f"{item.monitor_edition.split(' (')[0]} edition)"))
    return rows


def lep_evidence(rules: EvidenceRules, board: BoardSources, strategy: StrategySources,
                 codes: list[str]) -> pd.DataFrame:
    """Every public finding about each body in ``codes``, ordered by body and topic (rows about other bodies in
    the curated files are left out)."""
    frame = pd.DataFrame(_board_rows(rules, board) + _esif_rows(board) + _strategy_rows(strategy),
                         columns=COLUMNS)
    frame = frame[frame["lep17_code"].isin(codes)].copy()
    frame["counted"] = frame["counted"].astype("boolean")
    frame["topic_order"] = frame["topic"].map(TOPICS.index)
    frame = frame.sort_values(["lep17_code", "topic_order"], kind="stable").drop(columns="topic_order")
    return frame.reset_index(drop=True)
