"""`make clean` removes every generated file git ignores and keeps .venv: after it, `git status --ignored` of a
clone shows only .venv."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.skipif(shutil.which("make") is None or shutil.which("git") is None, reason="needs make and git")
def test_make_clean_leaves_only_the_virtual_environment(tmp_path):
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True)
    generated = [".venv/bin/python", "data/processed/leps.csv", "data/processed/private/lep_responses.csv",
                 "data/processed/_manifest.json", "reports/index.html", "reports/leps/index.html",
                 "reports/lepstudy-publication.pdf", "reports/notebooks/01-data-overview.ipynb",
                 "notebooks/01-data-overview.ipynb", "benchmarks/results.json", "outputs/half/figures/a.png",
                 "lepstudy/__pycache__/config.cpython-311.pyc", ".pytest_cache/v/cache/nodeids"]
    for name in generated:
        (clone / name).parent.mkdir(parents=True, exist_ok=True)
        (clone / name).write_text("generated\n")
    subprocess.run(["make", "-s", "clean"], cwd=clone, check=True, capture_output=True)
    status = subprocess.run(["git", "status", "--ignored", "--porcelain"], cwd=clone, check=True,
                            capture_output=True, text=True).stdout.splitlines()
    assert status == ["!! .venv/"]
    assert (clone / ".venv/bin/python").is_file() and (clone / "data/processed/.gitkeep").is_file()
