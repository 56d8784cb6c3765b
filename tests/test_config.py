import pytest

from lepstudy.core.config import ENV_DATA_DIR, load_settings
from lepstudy.core.errors import DataError


def test_defaults_use_synthetic_inputs(monkeypatch):
    monkeypatch.delenv(ENV_DATA_DIR, raising=False)
    settings = load_settings()
    path, synthetic = settings.input_path("sector_feedback.csv")
    assert synthetic and path.parent == settings.synthetic_dir
    assert settings.min_cell_count == 5


def test_env_var_points_at_private_directory(monkeypatch, tmp_path):
    (tmp_path / "sector_feedback.csv").write_text("respondent_id\n")
    monkeypatch.setenv(ENV_DATA_DIR, str(tmp_path))
    settings = load_settings()
    assert settings.private_data_dir == tmp_path
    path, synthetic = settings.input_path("sector_feedback.csv")
    assert path == tmp_path / "sector_feedback.csv" and not synthetic
    # a file the researcher did not supply falls back to the synthetic stand-in
    assert settings.input_path("strategy_coding.csv")[1] is True


def test_argument_beats_env_var(monkeypatch, tmp_path):
    other = tmp_path / "other"
    other.mkdir()
    monkeypatch.setenv(ENV_DATA_DIR, str(tmp_path))
    assert load_settings(data_dir=other).private_data_dir == other


def test_missing_private_directory_is_a_clear_error(monkeypatch, tmp_path):
    monkeypatch.setenv(ENV_DATA_DIR, str(tmp_path / "nope"))
    with pytest.raises(DataError, match="private data directory does not exist"):
        load_settings()


def test_an_experiment_writes_under_its_own_output_folder(settings, monkeypatch, tmp_path):
    """Another rubric or config sends every output to outputs/<name>/ (ignored by git), never to the committed
    figures, docs or pages; the shipped defaults, even named explicitly, keep the repository as the output root."""
    from lepstudy.core.config import EXPERIMENTS_FOLDER, load_settings

    monkeypatch.delenv("LEPSTUDY_OUTPUT_DIR", raising=False)
    rubric = tmp_path / "half.yaml"
    rubric.write_text(settings.files["rubric"].read_text().replace("good_min_share: 0.6", "good_min_share: 0.5")
                      .replace("name: default", "name: half"))
    other = load_settings(rubric=rubric)
    assert other.output_root == settings.root / EXPERIMENTS_FOLDER / "half"
    assert other.figures_dir.is_relative_to(other.output_root) and other.reports_dir.is_relative_to(other.output_root)
    same = load_settings(config=settings.config_path, rubric=settings.root / "config" / "rubric.yaml")
    assert same.output_root == settings.root


@pytest.mark.slow
def test_a_rubric_experiment_leaves_git_status_clean(settings, monkeypatch, tmp_path):
    import subprocess

    from typer.testing import CliRunner

    from lepstudy.cli import app

    monkeypatch.delenv("LEPSTUDY_OUTPUT_DIR", raising=False)
    rubric = tmp_path / "half.yaml"
    rubric.write_text(settings.files["rubric"].read_text().replace("good_min_share: 0.6", "good_min_share: 0.5")
                      .replace("name: default", "name: test-experiment"))
    status = ["git", "status", "--porcelain", "--untracked-files=all"]
    before = subprocess.run(status, cwd=settings.root, capture_output=True, text=True).stdout
    try:
        result = CliRunner().invoke(app, ["data", "--rubric", str(rubric)])
        assert result.exit_code == 0, result.output
        assert "outputs go to" in result.output
        after = subprocess.run(status, cwd=settings.root, capture_output=True, text=True).stdout
        assert after == before
        assert (settings.root / "outputs" / "half" / "docs" / "claims.md").is_file()
    finally:
        import shutil

        shutil.rmtree(settings.root / "outputs" / "half", ignore_errors=True)
