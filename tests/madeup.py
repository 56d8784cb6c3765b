"""A small made-up study: six invented bodies with their own codes, their own district lookup (real districts of
England, so deprivation and population are real), their own 'published' figures and synthetic inputs generated
for them. Used to show that nothing in the pipeline assumes LEPs or 38 of them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import yaml

ROOT = Path(__file__).resolve().parents[1]
BODIES = [("E47900001", "North Vale"), ("E47900002", "East Fen"), ("E47900003", "South Downs and Weald"),
          ("E47900004", "West Moor"), ("E47900005", "Midland Plain"), ("E47900006", "Coast and Harbour")]
# published figures of the made-up study, in NCVO's layout (the ids the reconstruction and back test read)
PUBLISHED = {"n_leps": 6, "n_leps_responded": 4, "n_leps_not_responded": 2, "share_engagement_ri_or_inadequate": 0.5,
             "n_main_board_vcs_rep": 3, "n_main_board_rep_single_issue": 2, "n_main_board_rep_infrastructure": 1,
             "n_main_board_two_reps": 0, "n_main_board_no_vcs_rep": 3, "n_subgroup_vcs_rep": 2,
             "n_esif_no_vcs_rep": 1}
REPLACED = {"lad19-lep17-lookup", "ncvo2020-published"}


def build_madeup_study(folder: Path) -> Path:
    """Write the made-up study under ``folder`` and return its study YAML (every path absolute)."""
    raw = folder / "raw"
    raw.mkdir(parents=True)
    for source in (ROOT / "data" / "raw").iterdir():
        if source.is_dir() and source.name not in REPLACED:
            (raw / source.name).symlink_to(source, target_is_directory=True)
    codes = [code for code, _ in BODIES]
    lookup = pd.read_csv(ROOT / "data/raw/lad19-lep17-lookup/lad19_lep17.csv", dtype=str)
    lookup = lookup.sort_values("lad19_code").head(30).reset_index(drop=True)
    lookup["lep17_code_1"] = [codes[i % len(codes)] for i in range(len(lookup))]
    lookup["lep17_name_1"] = lookup["lep17_code_1"].map(dict(BODIES))
    lookup["lep17_code_2"] = [codes[(i + 1) % len(codes)] if i < 2 else None for i in range(len(lookup))]
    lookup["lep17_name_2"] = lookup["lep17_code_2"].map(dict(BODIES))
    (raw / "lad19-lep17-lookup").mkdir()
    lookup.to_csv(raw / "lad19-lep17-lookup" / "lad19_lep17.csv", index=False)
    published = pd.read_csv(ROOT / "data/raw/ncvo2020-published/ncvo2020_published_figures.csv", dtype=str)
    published = published[published["figure_id"].isin(PUBLISHED)].copy()
    published["value"] = published["figure_id"].map(PUBLISHED).astype(str)
    published.loc[published["denominator"].notna(), "denominator"] = str(len(BODIES))
    (raw / "ncvo2020-published").mkdir()
    published.to_csv(raw / "ncvo2020-published" / "ncvo2020_published_figures.csv", index=False)

    config = folder / "config"
    config.mkdir()
    pd.DataFrame({"lep17_code": codes, "canonical_name": [name for _, name in BODIES],
                  "short_name": [name for _, name in BODIES], "lep20_code": codes, "lep21_code": codes,
                  "lep21_name": [name for _, name in BODIES], "aliases": ""}).to_csv(config / "bodies.csv",
                                                                                      index=False)
    pd.DataFrame(columns=["name", "merged_into", "year", "note"]).to_csv(config / "predecessors.csv", index=False)
    pd.DataFrame(columns=["lad19_code", "lad19_name", "lep17_code", "lep17_name", "note", "source"]).to_csv(
        config / "partial.csv", index=False)
    study = yaml.safe_load((ROOT / "config" / "study.yaml").read_text(encoding="utf-8"))
    study["paths"].update({"raw": str(raw), "processed": str(folder / "processed"), "figures": str(folder / "figures"),
                           "reports": str(folder / "reports"), "synthetic": str(folder / "synthetic")})
    for key, path in study["files"].items():
        study["files"][key] = str(ROOT / path)
    study["files"].update({"lep_reference": str(config / "bodies.csv"),
                           "lep_predecessors": str(config / "predecessors.csv"),
                           "partial_memberships": str(config / "partial.csv")})
    target = config / "study.yaml"
    target.write_text(yaml.safe_dump(study, sort_keys=False), encoding="utf-8")
    return target


def clean(folder: Path) -> None:
    shutil.rmtree(folder, ignore_errors=True)
