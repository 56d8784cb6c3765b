"""requirements.lock, pyproject.toml and environment.yml must not drift apart."""

import tomllib
from pathlib import Path

from packaging.requirements import Requirement

from lepstudy.envfile import read_pins, render

ROOT = Path(__file__).resolve().parent.parent


def test_environment_yml_mirrors_the_lock():
    expected = render(read_pins(ROOT / "requirements.lock"))
    assert (ROOT / "environment.yml").read_text() == expected, "run `make environment`"


def test_lock_satisfies_pyproject_ranges():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    pins = read_pins(ROOT / "requirements.lock")
    wanted = project["dependencies"] + project["optional-dependencies"]["dev"]
    for spec in wanted:
        req = Requirement(spec)
        name = req.name.lower()
        assert name in pins, f"{name} is in pyproject.toml but not pinned in requirements.lock"
        assert req.specifier.contains(pins[name], prereleases=True), f"{name}=={pins[name]} violates {req.specifier}"


def test_core_packages_are_declared():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    names = {Requirement(s).name for s in project["dependencies"]}
    for core in ("pandas", "numpy", "matplotlib", "seaborn", "statsmodels", "scipy", "pandera", "pyyaml",
                 "typer", "papermill", "jupytext", "nbconvert", "ipykernel"):
        assert core in names
    dev = {Requirement(s).name for s in project["optional-dependencies"]["dev"]}
    assert {"pytest", "hypothesis", "ruff", "jupyterlab"} <= dev
