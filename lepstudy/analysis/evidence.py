"""Public evidence per LEP from the curated board, ESIF and strategy files (real data only).

Every value is True/False/a type only when a dated, sourced row supports it; otherwise it is
missing (unknown). Absence is recorded only where a complete board list was seen.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from lepstudy.core.containers import BoardSources, EvidenceRules
from lepstudy.core.vocabulary import NON_CVS_SEAT_TYPES, seat_type_from_org_type

SEAT_ORDER = ["cvs", *NON_CVS_SEAT_TYPES, "unclear"]      # which seat a board with several counts as


def dating_class(note: str | float) -> str:
    """Classify a curated row's dating tag: in_window, after_fieldwork, probably_in_window, ..."""
    text = str(note) if isinstance(note, str) else ""
    tag = re.search(r"\[([^\]]*)\]", text)
    label = tag.group(1).lower() if tag else ""
    if "indicative" in label:
        return "indicative"
    if label.startswith("in window"):
        return "in_window"
    if label.startswith("after ncvo fieldwork"):
        return "after_fieldwork"
    if label.startswith("probably in window"):
        return "probably_in_window"
    if label.startswith("out of window"):
        return "out_of_window"
    return "undated"


def board_members(rules: EvidenceRules, board: BoardSources) -> pd.DataFrame:
    """Curated VCS-type seats with a dating class, whether they count, and the seat type."""
    members = board.members.copy()
    members["dating"] = members["note"].map(dating_class)
    for code, organisation in rules.redated_in_window:
        hit = (members["lep17_code"] == code) & members["organisation"].str.contains(organisation, regex=False)
        members.loc[hit, "dating"] = "in_window"
    members["is_vcs"] = members["org_type"].isin(rules.vcs_org_types)
    members["counts"] = members["dating"].isin(rules.counted_dating) & members["is_vcs"]
    seat_type = members["org_type"].map(seat_type_from_org_type)
    seat_type = seat_type.mask(members["org_type"] == "unclear", rules.unclear_seat_type)
    # an organisation type the rules count as VCS without a seat type of its own (housing associations, when
    # counted) holds an other-VCS seat
    members["seat_type"] = seat_type.where(seat_type.notna() | ~members["is_vcs"], "other_vcs")
    return members


def _best_seat(types: pd.Series) -> str:
    present = set(types)
    return next(t for t in SEAT_ORDER if t in present)


def public_board_evidence(codes: list[str], rules: EvidenceRules, board: BoardSources) -> pd.DataFrame:
    """Per LEP: main-board VCS seat (True/False/NA), seat type, seat count, sub-group seat, ESIF, sources, read
    from the curated ``board`` files under ``rules``."""
    summary = board.summary.set_index("lep17_code")
    members = board_members(rules, board)
    counted = members[members["counts"]]
    main = counted[counted["body"] == "main_board"]
    sub = counted[counted["body"].isin(["sub_board", "advisory_group"])]
    out = pd.DataFrame({"lep17_code": codes}).set_index("lep17_code")
    out["board_coverage"] = summary["coverage"].reindex(out.index).fillna("not_found")
    full_list = out["board_coverage"] == "full_list_seen"
    has_main = out.index.isin(main["lep17_code"])
    out["main_board_vcs"] = pd.array(np.where(has_main, True, np.where(full_list, False, None)),
                                     dtype="boolean")
    seat = main.groupby("lep17_code")["seat_type"].agg(_best_seat)
    out["main_board_seat_type"] = seat.reindex(out.index)
    out.loc[out["main_board_vcs"].eq(False).fillna(False).to_numpy(), "main_board_seat_type"] = "none"
    out["main_board_vcs_seats_min"] = main.groupby("lep17_code").size().reindex(out.index).fillna(0).astype(int)
    # when the seat is dated: around NCVO's fieldwork, or only by a source from after it
    timely = main.groupby("lep17_code")["dating"].agg(lambda d: bool(set(d) & {"in_window", "probably_in_window"}))
    out["main_board_seat_dated"] = timely.reindex(out.index).map({True: "around fieldwork",
                                                                   False: "after fieldwork only"})
    out["main_board_size"] = summary["main_board_size"].reindex(out.index)
    has_sub = out.index.isin(sub["lep17_code"])
    out["subgroup_vcs"] = pd.array(np.where(has_sub, True, None), dtype="boolean")
    esif = board.esif.set_index("lep17_code")["vcs_member"].reindex(out.index)
    out["esif_vcs_member"] = esif.map({"yes": "current", "no": "none", "expired": "expired"})
    urls = counted.groupby("lep17_code")["source_url"].agg(lambda s: "; ".join(sorted(set(s))))
    out["board_source_urls"] = urls.reindex(out.index)
    return out.reset_index()


PUBLIC_FIELDS = ("main_board_seat_type", "main_board_vcs", "subgroup_vcs", "esif_vcs_member")


def public_assessment(public: pd.DataFrame) -> pd.DataFrame:
    """The assessment table of the public-evidence variant, from public evidence alone: what public sources show
    is flagged ``public``, everything else is unknown, whatever private or synthetic files were given."""
    # a seat whose type the sources leave unclear stays "unclear": the seat is known (it scores as some voluntary
    # sector seat, ``engagement.PARTIAL_VALUES``), its type is not
    out = public[["lep17_code", *PUBLIC_FIELDS]].copy()
    for column in PUBLIC_FIELDS:
        out[f"{column}_source"] = out[column].notna().map({True: "public", False: "unknown"})
    for column in ("code_of_practice", "responded"):
        out[column] = pd.array([pd.NA] * len(out), dtype="boolean")
        out[f"{column}_source"] = "unknown"
    out["mean_overall_engagement"] = np.nan
    out["mean_focus_social_inclusion"] = np.nan
    out["n_respondents"] = 0
    return out
