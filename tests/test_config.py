import pytest

from lepstudy.config import ENV_DATA_DIR, load_settings
from lepstudy.errors import DataError


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
