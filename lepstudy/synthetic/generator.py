"""Seeded generator of the synthetic stand-ins for confidential inputs.

NCVO published no per-LEP data, so the shipped copies of the information-request responses, the
sector feedback, a second holistic rater and the strategy coding are synthetic. The generator:

* keeps every public fact (a curated board seat stays, with its source);
* fills only *unknown* structural cells, drawn so the totals agree with NCVO's published structural
  counts where that is possible (reported as "matched by construction", never "reproduced");
* draws sector feedback from a documented latent-variable model whose parameters are in
  ``config/synthetic.yaml`` and are not tuned to any headline.

Every cell carries a ``*_source`` flag: ``public``, ``synthetic`` or ``private``.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from lepstudy.analysis.evidence import public_board_evidence
from lepstudy.core.config import Settings
from lepstudy.core.config_schema import SyntheticConfig, load_config
from lepstudy.core.io import write_csv
from lepstudy.core.vocabulary import LIKERT_ITEMS, LIKERT_RANGE, NON_CVS_SEAT_TYPES, SEAT_TYPES
from lepstudy.inputs.evidence import evidence_rules, load_board_sources
from lepstudy.inputs.reference import lep_codes, load_reference
from lepstudy.synthetic.raters import holistic_ratings, strategy_coding

FREE_TEXT = [
    "The LEP rarely asks us for views.",
    "Our representative is well connected but reports back infrequently.",
    "Consultation happens late in the process.",
    "We were invited to a skills sub-group and found it useful.",
    "Little sign that social inclusion shapes the strategy.",
    "Good informal relationships with LEP officers.",
]


def load_parameters(settings: Settings) -> dict:
    """The generator's parameters from the configured file, validated (``config_schema.SyntheticConfig``)."""

    return load_config(settings.files["synthetic"], SyntheticConfig).model_dump()


def _fill_binary(known: pd.Series, target: int | None, prior: float, rng: np.random.Generator) -> pd.Series:
    """Fill NA cells of a boolean series: to reach ``target`` Trues where possible, else by ``prior``."""
    out = known.copy().astype("boolean")
    unknown = out.index[out.isna()]
    if target is None:
        out.loc[unknown] = rng.random(len(unknown)) < prior
        return out
    need = int(np.clip(target - int(out.fillna(False).sum()), 0, len(unknown)))
    chosen = rng.choice(unknown, size=need, replace=False) if need else []
    out.loc[unknown] = False
    out.loc[list(chosen)] = True
    return out


def fill_structure(public: pd.DataFrame, params: dict, rng: np.random.Generator) -> pd.DataFrame:
    """The demonstration ``lep_responses``: public evidence kept, unknown cells filled and flagged."""
    targets = params["structural_targets"]
    priors = params["structural_priors"]
    frame = public.set_index("lep17_code")
    out = pd.DataFrame(index=frame.index)

    def flag(column: str, known_mask: pd.Series) -> None:
        out[f"{column}_source"] = np.where(known_mask, "public", "synthetic")

    # information request: which LEPs answered is unpublished
    responded_known = pd.Series(pd.NA, index=frame.index, dtype="boolean")
    out["responded"] = _fill_binary(responded_known, targets["responded"], 0.5, rng)
    flag("responded", responded_known.notna())

    # main-board seat: keep public seats; fill unknown LEPs to the published total
    seat_known = frame["main_board_vcs"].astype("boolean")
    out["main_board_vcs"] = _fill_binary(seat_known, targets["main_board_vcs"], 0.5, rng)
    flag("main_board_vcs", seat_known.notna())

    seat_type = frame["main_board_seat_type"].where(seat_known.notna())
    type_known = seat_type.isin(SEAT_TYPES)
    seat_type = seat_type.where(type_known)
    seat_type[out["main_board_vcs"].eq(False)] = "none"
    to_type = seat_type.index[seat_type.isna() & out["main_board_vcs"]]
    need_cvs = int(np.clip(targets["main_board_cvs"] - int((seat_type == "cvs").sum()), 0, len(to_type)))
    cvs = set(rng.choice(to_type, size=need_cvs, replace=False)) if need_cvs else set()
    for code in to_type:
        seat_type[code] = "cvs" if code in cvs else "single_issue"
    out["main_board_seat_type"] = seat_type
    flag("main_board_seat_type", type_known)

    seats = frame["main_board_vcs_seats_min"].where(seat_known.eq(True).fillna(False)).astype("Int64")
    seats[out["main_board_vcs"].eq(False)] = 0
    with_seat = seats.index[out["main_board_vcs"] & seats.isna().to_numpy()]
    seats[with_seat] = 1
    extra = min(targets["main_board_two_seats"], len(with_seat))
    for code in rng.choice(with_seat, size=extra, replace=False) if extra else []:
        seats[code] = 2
    out["main_board_vcs_seats"] = seats.astype("Int64")
    flag("main_board_vcs_seats", seat_known.eq(True).fillna(False) | seat_known.eq(False).fillna(False))

    size = frame["main_board_size"].astype("Int64")
    low, high = priors["board_size_range"]
    missing_size = size.isna()
    size[missing_size] = rng.integers(low, high + 1, size=int(missing_size.sum()))
    out["main_board_size"] = size
    flag("main_board_size", ~missing_size)

    sub_known = frame["subgroup_vcs"].astype("boolean")
    out["subgroup_vcs"] = _fill_binary(sub_known, targets["subgroup_vcs"], 0.5, rng)
    flag("subgroup_vcs", sub_known.notna())

    esif = frame["esif_vcs_member"]
    esif_known = esif.notna()
    none_known = pd.Series(esif.map({"none": True, "current": False, "expired": False}), dtype="boolean")
    is_none = _fill_binary(none_known, targets["esif_none"], 0.5, rng)
    expired = rng.random(len(esif)) < priors["esif_expired_share"]
    out["esif_vcs_member"] = np.where(esif_known, esif,
                                      np.where(is_none, "none", np.where(expired, "expired", "current")))
    flag("esif_vcs_member", esif_known)

    cop_known = pd.Series(pd.NA, index=frame.index, dtype="boolean")
    out["code_of_practice"] = _fill_binary(cop_known, None, priors["code_of_practice"], rng)
    flag("code_of_practice", cop_known.notna())
    out["board_source_urls"] = frame["board_source_urls"]
    return out.reset_index()


def sector_feedback(responses: pd.DataFrame, params: dict, rng: np.random.Generator) -> pd.DataFrame:
    """Respondent-level Likert answers from the latent model in ``config/synthetic.yaml``."""
    p = params["sector_feedback"]
    effects = p["effects"]
    org_types = list(p["org_type_probs"])
    org_probs = np.array([p["org_type_probs"][k] for k in org_types], dtype=float)
    rows = []
    counter = 0
    for lep in responses.itertuples(index=False):
        structure = (
            effects["cvs_seat"] * (lep.main_board_seat_type == "cvs")
            + effects["other_vcs_seat"] * (lep.main_board_seat_type in NON_CVS_SEAT_TYPES)
            + effects["subgroup_vcs"] * bool(lep.subgroup_vcs)
            + effects["code_of_practice"] * bool(lep.code_of_practice)
            + effects["responded"] * bool(lep.responded)
        )
        latent = p["intercept"] + structure + rng.normal(0, p["lep_sd"])
        n = 1 + rng.poisson(p["respondents_mean"] - 1)
        for _ in range(n):
            counter += 1
            row = {"respondent_id": f"SYN-{counter:04d}", "lep17_code": lep.lep17_code,
                   "org_type": org_types[rng.choice(len(org_types), p=org_probs / org_probs.sum())]}
            person = latent + rng.normal(0, p["respondent_sd"])
            for item in LIKERT_ITEMS:
                value = int(np.clip(np.rint(person + p["item_offsets"][item] + rng.normal(0, 0.5)), *LIKERT_RANGE))
                row[item] = pd.NA if rng.random() < p["item_missing_prob"] else value
            row["free_text"] = FREE_TEXT[rng.integers(len(FREE_TEXT))]
            rows.append(row)
    frame = pd.DataFrame(rows)
    for item in LIKERT_ITEMS:
        frame[item] = frame[item].astype("Int64")
    return frame


def generate(settings: Settings, seed: int | None = None, out_dir: Path | None = None) -> dict[str, Path]:
    """Write every synthetic stand-in under ``out_dir`` (default ``data/synthetic``)."""

    seed = settings.seeds["synthetic"] if seed is None else seed
    params = load_parameters(settings)
    out_dir = Path(out_dir or settings.synthetic_dir)
    codes = lep_codes(load_reference(settings.files["lep_reference"]))
    rng = np.random.default_rng(seed)
    responses = fill_structure(public_board_evidence(codes, evidence_rules(settings), load_board_sources(settings)),
                               params, rng)
    feedback = sector_feedback(responses, params, rng)

    tables = {
        "lep_responses.csv": responses,
        "sector_feedback.csv": feedback,
        "holistic_ratings.csv": holistic_ratings(settings, responses, feedback, params, rng),
        "strategy_coding.csv": strategy_coding(settings, codes, params, rng),
    }
    return {name: write_csv(frame, out_dir / name) for name, frame in tables.items()}
