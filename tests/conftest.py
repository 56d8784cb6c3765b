"""Shared fixtures: settings for the repository, and small helpers to write bad input files."""

from __future__ import annotations

from pathlib import Path

import pytest

from lepstudy.config import load_settings
from lepstudy.reference import LepMatcher, load_reference

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def settings():
    return load_settings()


@pytest.fixture(scope="session")
def reference(settings):
    return load_reference(settings.files["lep_reference"])


@pytest.fixture(scope="session")
def matcher(reference):
    return LepMatcher(reference)


@pytest.fixture(scope="session")
def built(settings):
    """Processed tables built once per test session (the pipeline writes data/processed/)."""
    from lepstudy.pipeline import build_all

    return build_all(settings)
