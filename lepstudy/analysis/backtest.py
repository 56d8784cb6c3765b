"""The back test: what the pipeline computes against each figure NCVO published.

For each ``figure_id`` the pipeline can compute, one row gives the published value; the lower and
upper bound from public evidence alone (unknown LEPs counted neither way / both ways) and whether
the published value lies inside; the value in the full dataset and its status:

* ``reproduced``: computed from public/private evidence only and equal to the published value;
* ``differs``: computed from public/private evidence only and not equal;
* ``matched by construction``: rests on synthetic fill that was calibrated to this published count;
* ``synthetic``: rests on synthetic inputs that were not calibrated to it.

Each row shows its ``bound_width`` (a bound as wide as the number of bodies cannot fail) and ``kind``:
``trivial`` for figures fixed by the reference list itself (the number of LEPs), ``count`` or ``share``
otherwise, and ``consistency`` for the reconstruction row: is about two-thirds reachable under the
configured rubric given *every* published count and public fact together?
"""

from __future__ import annotations

import re

import pandas as pd

from lepstudy.analysis.engagement import count_ri_or_inadequate
from lepstudy.core.vocabulary import NON_CVS_SEAT_TYPES

CALIBRATED = {"responded", "main_board_vcs", "main_board_seat_type", "main_board_vcs_seats", "subgroup_vcs",
              "esif_vcs_member"}


def _count(series: pd.Series, value=True) -> int:
    return int((series == value).fillna(False).sum())


def _status(fields: list[str], responses: pd.DataFrame, computed: float, published: float) -> tuple[str, str]:
    flags = set()
    for field in fields:
        flags |= set(responses[f"{field}_source"])
    if "synthetic" in flags:
        calibrated = all(f in CALIBRATED for f in fields)
        return ("matched by construction" if calibrated else "synthetic"), "public + synthetic fill"
    used = "private" if "private" in flags else "public"
    return ("reproduced" if abs(computed - published) < 1e-9 else "differs"), used


def _row(figure_id, published, low, high, full, status, inputs, note=""):
    return {"figure_id": figure_id, "published_value": published, "public_lower": low, "public_upper": high,
            "published_inside_public_bounds": bool(low <= published <= high) if low is not None else pd.NA,
            "full_value": full, "difference": full - published if full is not None else pd.NA,
            "full_status": status, "inputs": inputs, "note": note}


def backtest(published: pd.DataFrame, public: pd.DataFrame, responses: pd.DataFrame, scores_public: pd.DataFrame,
             scores_full: pd.DataFrame, feedback_synthetic: bool,
             reconstruction_bounds: pd.DataFrame | None = None) -> pd.DataFrame:
    """Build the back-test table (one row per computable figure_id, plus the reconstruction's consistency
    row when ``reconstruction_bounds`` is given)."""
    n = len(public)
    values = {fid: float(v) for fid, v in zip(published["figure_id"], published["value"], strict=True)
              if re.fullmatch(r"[0-9.]+", str(v))}
    pub = public.set_index("lep17_code")
    res = responses.set_index("lep17_code")
    rows = []

    def add(figure_id: str, low: float, high: float, full: float, fields: list[str], note: str) -> None:
        status, used = _status(fields, res, full, values[figure_id])
        rows.append(_row(figure_id, values[figure_id], low, high, full, status, used, note))

    rows.append(_row("n_leps", values["n_leps"], n, n, n, "reproduced" if n == values["n_leps"] else "differs",
                     "public", "count of bodies in the reference list"))
    responded = _count(res["responded"])
    add("n_leps_responded", 0, n, responded, ["responded"], "which LEPs answered NCVO is not public")
    add("n_leps_not_responded", 0, n, n - responded, ["responded"], "which LEPs answered NCVO is not public")

    seat = pub["main_board_vcs"]
    known_yes, known_no = _count(seat, True), _count(seat, False)
    full_yes = _count(res["main_board_vcs"], True)
    add("n_main_board_vcs_rep", known_yes, n - known_no, full_yes, ["main_board_vcs"],
        f"public: seat found for {known_yes}, absence shown for {known_no}, unknown for {n - known_yes - known_no}")
    add("n_main_board_no_vcs_rep", known_no, n - known_yes, n - full_yes, ["main_board_vcs"],
        "derived by NCVO as 38 - 19")

    types = pub["main_board_seat_type"]
    unknown_type = int(types.isna().sum() + (types == "unclear").sum())
    non_cvs_known = int(types.isin(NON_CVS_SEAT_TYPES).sum())
    cvs_known = int((types == "cvs").sum())
    full_types = res["main_board_seat_type"]
    add("n_main_board_rep_single_issue", non_cvs_known, non_cvs_known + unknown_type,
        int(full_types.isin(NON_CVS_SEAT_TYPES).sum()), ["main_board_seat_type"],
        "NCVO split seats two ways; our other_vcs seats (community foundation, social enterprise) count with "
        "single-issue")
    add("n_main_board_rep_infrastructure", cvs_known, cvs_known + unknown_type, int((full_types == "cvs").sum()),
        ["main_board_seat_type"], "both CVS seats found publicly are dated after NCVO's fieldwork")

    full_list = pub["board_coverage"] == "full_list_seen"
    two_seats = pub["main_board_vcs_seats_min"] >= 2
    add("n_main_board_two_reps", int(two_seats.sum()), int((~full_list).sum() + (full_list & two_seats).sum()),
        int((res["main_board_vcs_seats"] >= 2).sum()), ["main_board_vcs_seats"],
        "only a complete board list can rule out a second seat")

    sub = pub["subgroup_vcs"]
    add("n_subgroup_vcs_rep", _count(sub, True), n - _count(sub, False), _count(res["subgroup_vcs"], True),
        ["subgroup_vcs"], "sub-group memberships were not searched systematically")

    esif = pub["esif_vcs_member"]
    add("n_esif_no_vcs_rep", int((esif == "none").sum()), n - int((esif == "current").sum()),
        int((res["esif_vcs_member"] == "none").sum()), ["esif_vcs_member"],
        "no 2018-20 ESIF membership list could be read")

    public_count = count_ri_or_inadequate(scores_public)
    low, high = public_count.lower, public_count.upper
    ri_full = count_ri_or_inadequate(scores_full).point
    rows.append(_row("share_engagement_ri_or_inadequate", values["share_engagement_ri_or_inadequate"],
                     round(low / n, 4), round(high / n, 4), round(ri_full / n, 4),
                     "synthetic" if feedback_synthetic else "computed from private data",
                     "public + synthetic" if feedback_synthetic else "public + private",
                     f"published 'approximately two-thirds'{_window_text(reconstruction_bounds)}; full variant "
                     f"{ri_full} of {n}; public-only bounds {low} to {high} of {n}"))
    table = pd.DataFrame(rows)
    table["kind"] = ["trivial" if f == "n_leps" else "share" if f.startswith("share_") else "count"
                     for f in table["figure_id"]]
    meta = published.set_index("figure_id")[["quantity", "status", "source_url"]]
    table = table.join(meta, on="figure_id").rename(columns={"status": "published_status"})
    if reconstruction_bounds is not None:
        table = pd.concat([table, pd.DataFrame([_consistency_row(reconstruction_bounds, values, meta)])],
                          ignore_index=True)
    scale = table["kind"].map({"share": 1.0, "consistency": 1.0}).fillna(float(n))
    table["bound_width"] = table["public_upper"] - table["public_lower"]
    table["bound_width_share"] = (table["bound_width"] / scale).round(4)
    table["synthetic_inputs"] = table["full_status"].isin(["synthetic", "matched by construction"])
    return table


def _window_text(bounds: pd.DataFrame | None) -> str:
    """' (24-26 of 38)': the whole counts the published share allows, from the reconstruction's window."""
    if bounds is None or bounds.empty:
        return ""
    row = bounds.iloc[0]
    return f" ({int(row['window_low'])}-{int(row['window_high'])} of {int(row['n'])})"


def _consistency_row(bounds: pd.DataFrame, values: dict[str, float], meta: pd.DataFrame) -> dict:
    """Is about two-thirds reachable given every published count and public fact (feedback free)?"""
    free = bounds.set_index("feedback").loc["free"]
    n = int(free["n"])
    share_id = "share_engagement_ri_or_inadequate"
    if not bool(free["consistent"]):
        note = f"the published counts contradict each other or the public facts: {free['conflicting_figures']}"
        low = high = float("nan")
    else:
        low, high = round(int(free["minimum"]) / n, 4), round(int(free["maximum"]) / n, 4)
        note = (f"over every per-LEP structure consistent with all of NCVO's published counts and the public facts, "
                f"with sector feedback free, {int(free['minimum'])} to {int(free['maximum'])} of {n} LEPs can be RI or "
                f"Inadequate; 'approximately two-thirds' is {int(free['window_low'])}-{int(free['window_high'])}")
    row = _row("reconstruction_two_thirds_reachable", values[share_id], low, high, None, "consistency check",
               "public + NCVO published counts", note)
    row["published_inside_public_bounds"] = bool(free["two_thirds_reachable"])
    row["full_value"] = float("nan")
    row["difference"] = float("nan")
    row["kind"] = "consistency"
    row.update({"quantity": "Is about two-thirds RI or Inadequate reachable given every published count?",
                "published_status": meta.at[share_id, "status"], "source_url": meta.at[share_id, "source_url"]})
    return row


def _in_units(value: object, kind: str, difference: bool = False) -> object:
    if pd.isna(value):
        return pd.NA
    if kind in {"share", "consistency"}:
        return f"{100 * float(value):+.1f} percentage points" if difference else f"{100 * float(value):.1f}%"
    return f"{int(value):+d}" if difference else f"{int(value)}"


def display_table(table: pd.DataFrame) -> pd.DataFrame:
    """The back test as readers see it: counts as whole numbers, shares in %, and a difference of shares in
    percentage points (never a bare -0.167 beside counts)."""
    columns = ["figure_id", "kind", "published_value", "public_lower", "public_upper", "bound_width",
               "published_inside_public_bounds", "full_value", "difference", "full_status"]
    out = table[columns].copy()
    for column in ("published_value", "public_lower", "public_upper", "full_value"):
        out[column] = [_in_units(v, k) for v, k in zip(table[column], table["kind"], strict=True)]
    out["bound_width"] = [str(_in_units(v, k, difference=True)).lstrip("+")
                          for v, k in zip(table["bound_width"], table["kind"], strict=True)]
    out["difference"] = [_in_units(v, k, difference=True) for v, k in zip(table["difference"], table["kind"],
                                                                          strict=True)]
    return out
