"""Data safety and confidentiality, end to end (see docs/data_safety.md).

* the whole pipeline never writes under data/raw/ (run with the raw files made read-only; the
  checksums and the file list are compared afterwards);
* processed files are written atomically: an interrupted write leaves the old file, never half;
* marker strings planted in respondent ids, free text and an extra column of every confidential input never
  reach processed tables, figures or reports; respondent counts below the threshold are suppressed;
* with all four confidential inputs given as private files, no output carries a synthetic label;
* the pipeline run twice from a clean state gives byte-identical processed tables;
* .gitignore keeps real data folders out of git.
"""

import hashlib
import os
import shutil
import stat
import subprocess
from pathlib import Path

import pandas as pd
import pytest

from lepstudy.core.config import load_settings
from lepstudy.core.io import write_csv
from lepstudy.core.records import write_with

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parent.parent
ID_MARKER = "ZZSECRETIDZZ"
TEXT_MARKER = "ZZFREETEXTLEAKZZ"


def _tree_digest(folder: Path) -> dict[str, tuple[str, float]]:
    return {str(p.relative_to(folder)): (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime)
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def marked_run(tmp_path_factory, settings):
    """Pipeline + report on all four confidential inputs as private files with planted markers, with data/raw
    made read-only."""
    private = tmp_path_factory.mktemp("private")
    feedback = pd.read_csv(settings.synthetic_dir / "sector_feedback.csv", dtype=str)
    feedback["respondent_id"] = [f"{ID_MARKER}-{i}" for i in range(len(feedback))]
    feedback["free_text"] = [f"{TEXT_MARKER} said something about the LEP" for _ in range(len(feedback))]
    feedback.to_csv(private / "sector_feedback.csv", index=False)
    # the other three confidential inputs as a researcher would hold them, each with a notes column
    for name in ("lep_responses.csv", "holistic_ratings.csv", "strategy_coding.csv"):
        frame = pd.read_csv(settings.synthetic_dir / name, dtype=str)
        frame = frame[[c for c in frame.columns if not c.endswith("_source") and c != "board_source_urls"]]
        frame["researcher_note"] = f"{TEXT_MARKER} note on {name}"
        frame.to_csv(private / name, index=False)
    out = tmp_path_factory.mktemp("marked-outputs")
    raw = settings.raw_dir
    before = _tree_digest(raw)
    modes = {p: p.stat().st_mode for p in [raw, *raw.rglob("*")]}
    for path in modes:
        path.chmod(modes[path] & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))
    try:
        marked = load_settings(data_dir=private, output_dir=out)
        from lepstudy.pipeline.report import build_report
        from lepstudy.pipeline.steps import build_all

        build_all(marked)
        build_report(marked, show_progress=False)
    finally:
        for path, mode in modes.items():
            path.chmod(mode)
    return {"settings": marked, "before": before, "after": _tree_digest(raw), "out": out}


def test_pipeline_never_writes_under_raw(marked_run):
    assert marked_run["after"] == marked_run["before"]
    sums = (ROOT / "data" / "raw" / "SHA256SUMS").read_text()
    for line in sums.splitlines():
        digest, name = line.split(maxsplit=1)
        assert marked_run["after"][name.strip()][0] == digest


def test_planted_markers_never_reach_shared_outputs(marked_run):
    settings = marked_run["settings"]
    checked = 0
    for folder in (settings.processed_dir, settings.figures_dir, settings.reports_dir):
        for path in folder.rglob("*"):
            if path.is_file():
                data = path.read_bytes()
                assert ID_MARKER.encode() not in data, f"respondent id leaked into {path}"
                assert TEXT_MARKER.encode() not in data, f"free text leaked into {path}"
                checked += 1
    assert checked > 50
    manifest = (settings.reports_dir / "run_manifest.json").read_text()
    assert "private/sector_feedback.csv" in manifest


def test_all_private_inputs_give_no_synthetic_label(marked_run):
    """Labels are computed: with every confidential input real, no stamp, title, alt text, banner or summary
    sentence says synthetic (the footer's 'Synthetic inputs: none' is the manifest speaking)."""
    import json
    import re

    settings = marked_run["settings"]
    manifest = json.loads((settings.processed_dir / "_manifest.json").read_text())
    assert manifest["synthetic_inputs"] == []
    assert all(not entry["synthetic_inputs"] for entry in manifest["tables"].values())
    for path in [*settings.figures_dir.glob("*.svg"), *settings.figures_dir.glob("*.txt")]:
        assert "synthetic" not in path.read_text().lower(), path.name
    from lepstudy.outputs.publication import DOCUMENTS

    for page in settings.reports_dir.glob("*.html"):
        if page.name in DOCUMENTS:          # the method and data log describe the stand-ins whatever the run used
            continue
        html = page.read_text()
        assert "SYNTHETIC" not in html and "[synthetic" not in html, page.name     # banners, stamps, tags
        if page.name == "index.html":                    # the main points: no sentence may say synthetic
            text = re.sub(r"<[^>]+>", " ", html)
            text = re.sub(r"Synthetic inputs\s*:\s*none", "", text)
            text = text.replace("what is synthetic", "")             # a page title naming its subject
            hits = re.findall(r".{0,40}synthetic.{0,40}", text, flags=re.I)
            assert hits == [], hits[:3]


def test_small_respondent_counts_are_suppressed(marked_run):
    settings = marked_run["settings"]
    scores = pd.read_csv(settings.processed_dir / "engagement_scores.csv")
    counts = pd.read_csv(settings.private_data_dir / "sector_feedback.csv").groupby("lep17_code").size()
    small = counts[counts < settings.min_cell_count].index
    assert len(small) > 0, "the fixture should include LEPs with few respondents"
    rows = scores.set_index("lep17_code")
    assert rows.loc[small, "n_respondents"].isna().all()
    assert rows.loc[small, "n_respondents_suppressed"].all()
    shown = rows["n_respondents"].dropna()
    assert (shown >= settings.min_cell_count).all()
    # every per-LEP value derived from those few respondents is blank too; the full table is kept apart
    for column in ("pts_feedback_overall", "pts_feedback_inclusion", "total", "rating", "gate_applied"):
        assert rows.loc[small, column].isna().all(), column
    full = pd.read_csv(settings.processed_dir / "private" / "engagement_scores_full.csv").set_index("lep17_code")
    assert full.loc[small, "rating"].notna().all()


def test_interrupted_write_leaves_the_old_file(tmp_path):
    target = tmp_path / "table.csv"
    write_csv(pd.DataFrame({"a": [1, 2]}), target)
    original = target.read_bytes()

    def half_then_crash(path: Path) -> None:
        path.write_text("a\n1\n")   # half of the new content
        raise KeyboardInterrupt     # the user presses Ctrl-C

    with pytest.raises(KeyboardInterrupt):
        write_with(target, half_then_crash)
    assert target.read_bytes() == original
    assert [p.name for p in tmp_path.iterdir()] == ["table.csv"], "temporary file left behind"


def test_gitignore_keeps_real_data_out():
    if not (ROOT / ".git").exists() or shutil.which("git") is None:
        pytest.skip("not a git checkout")
    for path in ("data/private/responses.csv", "real_data/sector_feedback.csv", "private/x.xlsx",
                 "feedback.private.csv", "data/processed/engagement_scores.csv", "reports/index.html",
                 "notebooks/02-two-thirds.ipynb"):
        result = subprocess.run(["git", "check-ignore", "-q", path], cwd=ROOT)
        assert result.returncode == 0, f"{path} is not ignored"
    result = subprocess.run(["git", "check-ignore", "-q", "data/raw/lep-codes-dfe/leps.csv"], cwd=ROOT)
    assert result.returncode == 1, "raw public data must stay tracked"


def test_written_files_follow_the_umask(tmp_path):
    """Atomic writes used to leave every output 0600; a shared drive or web server must be able to read them."""
    previous = os.umask(0o022)
    try:
        path = write_csv(pd.DataFrame({"a": [1]}), tmp_path / "shared.csv")
        assert stat.S_IMODE(path.stat().st_mode) == 0o644
        os.umask(0o077)
        private = write_csv(pd.DataFrame({"a": [1]}), tmp_path / "private.csv")
        assert stat.S_IMODE(private.stat().st_mode) == 0o600
    finally:
        os.umask(previous)


def test_stale_temporary_files_are_removed(tmp_path):
    from lepstudy.core.records import remove_stale_temp_files

    (tmp_path / "sub").mkdir()
    left = [tmp_path / ".backtest.csv.abc123.tmp", tmp_path / "sub" / ".fig.png.x.tmp"]
    for path in left:
        path.write_text("half")
    keep = tmp_path / "backtest.csv"
    keep.write_text("a\n")
    assert sorted(remove_stale_temp_files(tmp_path)) == sorted(left)
    assert [p.name for p in tmp_path.rglob("*") if p.is_file()] == ["backtest.csv"]
