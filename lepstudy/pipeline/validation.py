"""``lepstudy validate``: a pre-flight of a researcher's folder that reports every problem in every file at once.

Each input file is loaded by the same loader a run uses (so what passes here is what a run reads); a problem
is reported with file, row and column; a file that cannot be read at all (corrupt, protected, mis-encoded)
gets a message naming it and the rest of the folder is still checked. Files that look like a misnamed input
get a "did you mean". A closing table says, for each input, whether a run would read the researcher's file
or the synthetic stand-in.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path

from lepstudy.core.config import file_key, load_settings, private_input
from lepstudy.core.errors import DataError, DataErrors
from lepstudy.inputs.confidential import LOADERS
from lepstudy.pipeline.study import load_study_inputs

INPUT_SUFFIXES = {".csv", ".xlsx", ".xls", ".xlsm", ".txt"}


@dataclass
class ValidationReport:
    lines: list[str] = field(default_factory=list)
    problems: int = 0

    def problem(self, heading: str, errors: list) -> None:
        self.problems += len(errors)
        self.lines.append(f"✗ {heading}: {len(errors)} problem(s)")
        self.lines += [f"    {error}" for error in errors]


def validate_folder(path: Path) -> ValidationReport:
    """Check every lepstudy input in ``path`` (a folder, or one file and its folder)."""

    folder = path if path.is_dir() else path.parent
    report = ValidationReport()
    settings = load_settings(folder)
    used: dict[str, str] = {}
    claimed: set[Path] = set()
    read: dict = {}
    for name, loader in LOADERS.items():
        try:
            found = private_input(folder, name)
        except DataError as exc:
            report.problem(Path(name).stem, [exc])
            used[name] = "not usable until the problem above is fixed"
            continue
        if found is None or (path.is_file() and found.resolve() != path.resolve()):
            used[name] = "synthetic stand-in (no file of yours)"
            continue
        claimed.add(found.resolve())
        try:
            loaded = loader(settings)
        except DataErrors as exc:
            report.problem(found.name, exc.errors)
            used[name] = f"not usable until the problems above are fixed ({found})"
            continue
        except DataError as exc:
            report.problem(found.name, [exc])
            used[name] = f"not usable until the problem above is fixed ({found})"
            continue
        except Exception as exc:  # noqa: BLE001 - a file no reader understands is reported, never a traceback
            report.problem(found.name, [DataError(f"the file could not be read ({type(exc).__name__}: {exc})",
                                                  file=found)])
            used[name] = f"not usable until the problem above is fixed ({found})"
            continue
        read[name] = loaded
        report.lines.append(f"✓ {found.name}: {len(loaded.frame)} rows valid")
        shipped = found.resolve().parent == settings.synthetic_dir.resolve()
        used[name] = (f"the shipped synthetic stand-in, not real data ({found})" if shipped
                      else f"your file, from {found}")
    if claimed and report.problems == 0:
        _check_together(settings, report, read)
    stems = [Path(n).stem for n in LOADERS]
    others = [p for p in sorted(folder.iterdir()) if p.is_file() and p.resolve() not in claimed
              and p.suffix.lower() in INPUT_SUFFIXES and (path.is_dir() or p.resolve() == path.resolve())
              and file_key(p) not in stems]                 # a near miss is already reported above
    for other in others:
        near = difflib.get_close_matches(other.stem.lower(), stems, n=1, cutoff=0.6)
        hint = f" (did you mean {near[0]}.csv?)" if near else ""
        report.lines.append(f"? {other.name}: not a lepstudy input{hint}; inputs are {', '.join(sorted(LOADERS))}")
    if not claimed and report.problems == 0:
        report.problem(str(folder), [DataError("no lepstudy input files found", file=folder,
                                               expected=f"one of {', '.join(sorted(LOADERS))}")])
    report.lines.append("")
    report.lines.append("What a run would use:")
    report.lines += [f"  {Path(name).stem:<18} {origin}" for name, origin in used.items()]
    return report


def _check_together(settings, report: ValidationReport, read: dict) -> None:
    """Load every input as a run does (the researcher's files with the public evidence and the config), so that a
    folder validate accepts is one a run reads: a problem only the inputs together show is reported here."""

    try:
        load_study_inputs(settings, preloaded=read)
    except DataErrors as exc:
        report.problem("the inputs together", exc.errors)
    except DataError as exc:
        report.problem("the inputs together", [exc])
