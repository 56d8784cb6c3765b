"""Shared fixtures. Generated outputs of the test session go to a temporary folder (via
LEPSTUDY_OUTPUT_DIR), never to the repository's data/processed, figures or reports."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import pytest

from lepstudy.core.config import ENV_DATA_DIR, ENV_OUTPUT_DIR, load_settings
from lepstudy.inputs.reference import LepMatcher, load_reference

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session", autouse=True)
def isolated_outputs(tmp_path_factory):
    """Point every output of the session at a temporary folder; ignore a user's private data dir."""
    out = tmp_path_factory.mktemp("outputs")
    saved = {k: os.environ.get(k) for k in (ENV_OUTPUT_DIR, ENV_DATA_DIR)}
    os.environ[ENV_OUTPUT_DIR] = str(out)
    os.environ.pop(ENV_DATA_DIR, None)
    yield out
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


@pytest.fixture(scope="session")
def settings(isolated_outputs):
    return load_settings()


@pytest.fixture(scope="session")
def reference(settings):
    return load_reference(settings.files["lep_reference"])


@pytest.fixture(scope="session")
def matcher(reference):
    return LepMatcher(reference)


class _Recorder(logging.Handler):
    def __init__(self, messages: list[str]) -> None:
        super().__init__(logging.INFO)
        self.messages = messages

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@pytest.fixture(scope="session")
def build_log() -> list[str]:
    """The log messages of the session's build (``built``): what it read, wrote and how long each step took."""
    return []


@pytest.fixture(scope="session")
def built(settings, build_log):
    """Processed tables built once per test session."""
    from lepstudy.pipeline.steps import build_all

    logger = logging.getLogger("lepstudy")
    recorder, level = _Recorder(build_log), logger.level
    logger.addHandler(recorder)
    logger.setLevel(logging.INFO)
    try:
        return build_all(settings)
    finally:
        logger.removeHandler(recorder)
        logger.setLevel(level)


@pytest.fixture(scope="session")
def report(settings, built):
    """Every notebook executed and the HTML report rendered, once per session."""
    from lepstudy.pipeline.report import build_report

    return build_report(settings, show_progress=False)
