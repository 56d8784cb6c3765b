"""The three locks, pyproject.toml and environment.yml must not drift apart."""

import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement

from lepstudy.envfile import read_pins, render

ROOT = Path(__file__).resolve().parent.parent
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
EXTRAS = PROJECT["optional-dependencies"]
# each lock: the requirement sets it must satisfy, and what it must not hold
LOCKS = {
    "requirements.lock": (PROJECT["dependencies"] + EXTRAS["pdf"], EXTRAS["dev"] + EXTRAS["lab"]),
    "requirements-dev.lock": (PROJECT["dependencies"] + EXTRAS["pdf"] + EXTRAS["dev"], EXTRAS["lab"]),
    "requirements-lab.lock": (PROJECT["dependencies"] + EXTRAS["pdf"] + EXTRAS["dev"] + EXTRAS["lab"], []),
}


def test_environment_yml_mirrors_the_complete_lock():
    expected = render(read_pins(ROOT / "requirements-lab.lock"))
    assert (ROOT / "environment.yml").read_text() == expected, "run `make environment`"


@pytest.mark.parametrize("lock", LOCKS)
def test_each_lock_satisfies_its_ranges_and_holds_nothing_more(lock):
    pins = read_pins(ROOT / lock)
    wanted, unwanted = LOCKS[lock]
    for spec in wanted:
        req = Requirement(spec)
        name = req.name.lower()
        assert name in pins, f"{name} is in pyproject.toml but not pinned in {lock}"
        assert req.specifier.contains(pins[name], prereleases=True), f"{name}=={pins[name]} violates {req.specifier}"
    assert not {Requirement(spec).name.lower() for spec in unwanted} & set(pins), f"{lock} holds another set's tools"


def test_the_locks_nest_with_the_same_versions():
    """``make all`` installs the first lock, ``make test`` the second on top, ``make lab`` the third: each holds the
    one before it at the same versions, so adding a set never changes a package the run uses."""
    run, dev, lab = (read_pins(ROOT / lock) for lock in LOCKS)
    assert run.items() <= dev.items() <= lab.items()
    assert len(run) < len(dev) < len(lab)


def test_core_packages_are_declared():
    names = {Requirement(s).name for s in PROJECT["dependencies"]}
    for core in ("pandas", "numpy", "matplotlib", "statsmodels", "scipy", "pandera", "pyyaml",
                 "typer", "papermill", "jupytext", "nbconvert", "ipykernel", "openpyxl"):
        assert core in names
    assert {"selenium", "pypdf"} == {Requirement(s).name for s in EXTRAS["pdf"]}
    assert {"pytest", "hypothesis", "ruff", "seaborn"} <= {Requirement(s).name for s in EXTRAS["dev"]}
    assert {"jupyterlab"} == {Requirement(s).name for s in EXTRAS["lab"]}
