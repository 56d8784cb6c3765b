"""Write ``environment.yml`` (conda users) from the pinned ``requirements-lab.lock``: every package of every
set (the run, the tests, JupyterLab), as a conda user setting up to work on the study wants them.

Run ``python -m lepstudy.envfile > environment.yml``; a test fails if the committed file drifts.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

PIN = re.compile(r"^([A-Za-z0-9_.\-\[\]]+)==([^\s;]+)")


def read_pins(lock: Path) -> dict[str, str]:
    """Package -> pinned version from a pip-compile style lock file."""
    pins: dict[str, str] = {}
    for line in lock.read_text(encoding="utf-8").splitlines():
        match = PIN.match(line.strip())
        if match:
            pins[match.group(1).lower()] = match.group(2)
    return pins


def render(pins: dict[str, str]) -> str:
    lines = [
        "# Generated from requirements-lab.lock by `make environment`; do not edit by hand.",
        "# conda users: conda env create -f environment.yml && conda activate lepstudy",
        "name: lepstudy",
        "channels:",
        "  - conda-forge",
        "dependencies:",
        "  - python=3.11",
        "  - pip",
        "  - pip:",
    ]
    lines += [f"      - {name}=={version}" for name, version in sorted(pins.items())]
    lines.append("      - -e .")
    return "\n".join(lines) + "\n"


def main() -> None:
    root = Path(__file__).resolve().parent.parent
    sys.stdout.write(render(read_pins(root / "requirements-lab.lock")))


if __name__ == "__main__":
    main()
