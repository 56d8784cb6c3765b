"""Each lepstudy command on fixtures: exit codes and messages."""

import shutil
from pathlib import Path

from typer.testing import CliRunner

from lepstudy.cli import app

runner = CliRunner()
BAD = Path(__file__).resolve().parent / "data" / "bad"


def test_help_for_every_command():
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for command in ("data", "validate", "score", "synth", "report"):
        assert command in result.output
        sub = runner.invoke(app, [command, "--help"])
        assert sub.exit_code == 0 and "--data-dir" in sub.output or command == "synth"


def test_validate_good_folder(settings):
    result = runner.invoke(app, ["validate", str(settings.synthetic_dir)])
    assert result.exit_code == 0, result.output
    assert "✓ sector_feedback.csv" in result.output and "✓ lep_responses.csv" in result.output


def test_validate_reports_every_problem_and_exits_1(tmp_path):
    shutil.copyfile(BAD / "sf_many_errors.csv", tmp_path / "sector_feedback.csv")
    shutil.copyfile(BAD / "hr_unknown_label.csv", tmp_path / "holistic_ratings.csv")
    (tmp_path / "notes.csv").write_text("a\n1\n")
    result = runner.invoke(app, ["validate", str(tmp_path)])
    assert result.exit_code == 1
    assert "✗ sector_feedback.csv: 3 problem(s)" in result.output
    assert "column 'lep': unknown LEP name (found 'Cumbira')" in result.output
    assert "column 'overall_engagement'" not in result.output or "found '9'" in result.output
    assert "✗ holistic_ratings.csv: 1 problem" in result.output
    assert "? notes.csv: not a lepstudy input" in result.output


def test_validate_missing_path_and_empty_folder(tmp_path):
    assert runner.invoke(app, ["validate", str(tmp_path / "nope")]).exit_code == 1
    result = runner.invoke(app, ["validate", str(tmp_path)])
    assert result.exit_code == 1 and "no lepstudy input files found" in result.output


def test_score_prints_ratings_and_counts():
    result = runner.invoke(app, ["score"])
    assert result.exit_code == 0, result.output
    assert "SYNTHETIC DATA" in result.output
    assert "Cumbria" in result.output and "Requires improvement or Inadequate" in result.output
    public = runner.invoke(app, ["score", "--variant", "public"])
    assert public.exit_code == 0 and "Insufficient evidence" in public.output
    assert "SYNTHETIC DATA" not in public.output


def test_score_with_a_custom_rubric(settings, tmp_path):
    text = settings.files["rubric"].read_text().replace("good_min_share: 0.6", "good_min_share: 0.99").replace(
        "name: default", "name: strict")
    (tmp_path / "strict.yaml").write_text(text)
    import re

    def ri_count(output: str) -> int:
        return int(re.search(r"Requires improvement or Inadequate\s+(\d+) of 38", output).group(1))

    result = runner.invoke(app, ["score", "--rubric", str(tmp_path / "strict.yaml")])
    assert result.exit_code == 0
    assert ri_count(result.output) > ri_count(runner.invoke(app, ["score"]).output)
    bad = tmp_path / "bad.yaml"
    bad.write_text("criteria: {}\n")
    failed = runner.invoke(app, ["score", "--rubric", str(bad)])
    assert failed.exit_code == 1 and "key 'bands': required key is missing" in failed.output


def test_score_rejects_unknown_variant_and_help_lists_the_choices():
    result = runner.invoke(app, ["score", "--variant", "best"])
    text = " ".join(result.output.replace("│", " ").split())          # typer boxes its error message
    assert result.exit_code == 2 and "'best' is not one of 'full', 'public'" in text
    assert "full|public" in runner.invoke(app, ["score", "--help"]).output


def test_an_edited_copy_of_the_rubric_needs_its_own_name(settings, tmp_path):
    copy = tmp_path / "half.yaml"
    copy.write_text(settings.files["rubric"].read_text().replace("good_min_share: 0.6", "good_min_share: 0.5"))
    result = runner.invoke(app, ["score", "--rubric", str(copy)])
    text = " ".join(result.output.split())
    assert result.exit_code == 1 and "key 'name'" in text and "half.yaml" in text and "a name of its own" in text


def test_version():
    from lepstudy import __version__

    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.output.strip() == f"lepstudy {__version__}"


def test_a_wrong_rubric_path_is_blamed_on_the_option(tmp_path):
    result = runner.invoke(app, ["score", "--rubric", str(tmp_path / "missing.yaml")])
    assert result.exit_code == 1
    text = " ".join(result.output.split())
    assert "the rubric given with --rubric" in text and "files.rubric" not in text and "missing.yaml" in text


def test_validate_calls_the_shipped_stand_ins_stand_ins(settings):
    result = runner.invoke(app, ["validate", str(settings.synthetic_dir)])
    assert "the shipped synthetic stand-in, not real data" in result.output and "your file" not in result.output


def test_bad_data_dir_fails_every_command(tmp_path):
    for command in (["data"], ["score"], ["report"]):
        result = runner.invoke(app, [*command, "--data-dir", str(tmp_path / "missing")])
        assert result.exit_code == 1, command
        assert "private data directory does not exist" in result.output


def test_data_stops_with_a_clear_error_on_a_bad_private_file(tmp_path):
    shutil.copyfile(BAD / "sf_unknown_lep.csv", tmp_path / "sector_feedback.csv")
    result = runner.invoke(app, ["data", "--data-dir", str(tmp_path)])
    assert result.exit_code == 1
    assert "unknown LEP name (found 'Northern Powerhouse')" in result.output


def test_synth_is_seeded_and_reproduces_the_shipped_copy(settings, tmp_path):
    result = runner.invoke(app, ["synth", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    for name in ("lep_responses.csv", "sector_feedback.csv", "holistic_ratings.csv", "strategy_coding.csv"):
        assert (tmp_path / name).read_bytes() == (settings.synthetic_dir / name).read_bytes(), name
    other = tmp_path / "other"
    assert runner.invoke(app, ["synth", "--seed", "1", "--out", str(other)]).exit_code == 0
    assert (other / "sector_feedback.csv").read_bytes() != (tmp_path / "sector_feedback.csv").read_bytes()


def test_validate_accepts_excel_inputs(tmp_path):
    shutil.copyfile(BAD / "sf_title_row.xlsx", tmp_path / "sector_feedback.xlsx")
    result = runner.invoke(app, ["validate", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "✓ sector_feedback.xlsx: 6 rows valid" in result.output


def test_a_blocked_output_folder_is_one_message_not_a_traceback(tmp_path):
    """An output path blocked by a file (a filesystem error) is an expected failure: one message naming the path,
    exit code 1, no traceback; the real command line is run in a subprocess."""
    import os
    import subprocess
    import sys

    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the outputs should go\n")
    env = {**os.environ, "LEPSTUDY_OUTPUT_DIR": str(blocker)}
    result = subprocess.run([sys.executable, "-m", "lepstudy.cli", "data"], env=env, capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert str(blocker) in result.stderr and "Not a directory" in result.stderr


def test_an_unexpected_error_says_it_is_a_bug_and_where_the_traceback_is(monkeypatch, capsys):
    import sys

    import lepstudy.pipeline.steps
    from lepstudy.cli import run

    def broken(*args, **kwargs):
        raise ZeroDivisionError("a planted bug")

    monkeypatch.setattr(lepstudy.pipeline.steps, "build_all", broken)
    monkeypatch.setattr(sys, "argv", ["lepstudy", "data", "--force"])
    try:
        run()
    except SystemExit as exit_:
        assert exit_.code == 1
    else:
        raise AssertionError("run() returned without exiting")
    err = capsys.readouterr().err
    assert "which is a bug (ZeroDivisionError: a planted bug)" in err and "Traceback" not in err
    log = err.split("The traceback is in ")[1].split(";")[0]
    with open(log, encoding="utf-8") as handle:
        assert "ZeroDivisionError: a planted bug" in handle.read()


def test_score_public_prints_the_builds_public_ratings_whatever_private_files_are_given(settings, built, tmp_path):
    """`lepstudy score --variant public` on a researcher's own responses gives the build's public ratings (public
    evidence alone), not a second scoring of the researcher's answers."""
    import pandas as pd

    from lepstudy.core.store import read_processed

    responses = pd.read_csv(settings.synthetic_dir / "lep_responses.csv", dtype=str, keep_default_na=False)
    responses["main_board_vcs"] = "no"
    responses["main_board_vcs_seats"] = "0"
    responses["main_board_seat_type"] = "none"
    responses.to_csv(tmp_path / "lep_responses.csv", index=False)
    result = runner.invoke(app, ["score", "--variant", "public", "--data-dir", str(tmp_path)])
    assert result.exit_code == 0, result.output
    public = read_processed(settings, "engagement_scores_public").merge(
        read_processed(settings, "leps")[["lep17_code", "canonical_name"]], on="lep17_code")
    lines = result.output.splitlines()
    first = next(i for i, line in enumerate(lines) if line.startswith("LEP ")) + 1
    printed = {line[:52].strip(): " ".join(line[52:].split()) for line in lines[first:first + 38]}
    expected = {row.canonical_name: " ".join(f"{'' if row.total != row.total else f'{row.total:g}'} "
                                             f"{row.min_total:g}-{row.max_total:g} {row.rating}".split())
                for row in public.itertuples()}
    assert printed == expected
