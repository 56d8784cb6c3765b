"""The package's layout shows the flow, and the arrows run one way (an AST check of every module's imports).

inputs -> analysis (pure) -> pipeline (the only writer) -> outputs (read the store only); ``core`` is the shared
ground every stage stands on and imports no stage; ``synthetic`` sits beside the flow. ``cli`` and ``envfile``
are the commands on top.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "lepstudy"
STAGES = ("core", "inputs", "analysis", "synthetic", "pipeline", "outputs")
# what each stage may import from lepstudy (its own stage always)
MAY_IMPORT = {
    "core": {"core"},
    "inputs": {"core"},
    "analysis": {"core"},
    "synthetic": {"core", "inputs", "analysis"},
    "outputs": {"core"},
    "pipeline": {"core", "inputs", "analysis", "synthetic", "outputs"},
    "top": set(STAGES),
}
# pure analysis: no settings, no paths, no file reading or writing
ANALYSIS_FORBIDDEN_MODULES = {"lepstudy.core.config", "lepstudy.core.io", "lepstudy.core.runlog",
                              "lepstudy.core.runlock", "lepstudy.core.store", "pathlib", "yaml"}
FILE_CALLS = {"open", "read_csv", "read_text", "read_bytes", "write_text", "write_bytes", "to_csv", "load_config",
              "safe_load", "read_excel", "read_json"}
# outputs read the store only: never the raw data or the config files (they may write: figures, pages)
OUTPUTS_FORBIDDEN_MODULES = {"lepstudy.core.config_schema", "yaml"}
OUTPUTS_FORBIDDEN_NAMES = {"load_settings", "load_config", "read_yaml", "read_table", "read_validated", "raw_path"}


@dataclass(frozen=True)
class Import:
    module: str        # the imported lepstudy module (or a third-party package's top name)
    name: str          # the name imported from it
    line: int
    in_function: bool
    commented: bool    # a comment on its line or above its run of imports says why it is where it is


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def stage_of(module: str) -> str:
    """The stage package a module belongs to ("top" for the package itself and the commands beside the stages)."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in STAGES else "top"


def resolve(name: str) -> str | None:
    """The lepstudy module an imported dotted name refers to (a module, or an attribute of one)."""
    parts = name.split(".")
    while parts:
        if ".".join(parts) in MODULES:
            return ".".join(parts)
        parts = parts[:-1]
    return None


def _commented(lines: list[str], lineno: int) -> bool:
    """A comment on the import's line or on the line above the run of imports it belongs to."""
    if "#" in lines[lineno - 1]:
        return True
    above = lineno - 2
    while above >= 0 and lines[above].strip().startswith(("import ", "from ")):
        if "#" in lines[above]:
            return True
        above -= 1
    return above >= 0 and lines[above].strip().startswith("#")


def imports_of(path: Path) -> list[Import]:
    source = path.read_text(encoding="utf-8")
    lines = source.splitlines()
    tree = ast.parse(source)
    inside: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            inside.update(id(n) for n in ast.walk(node) if n is not node)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [(alias.name, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names = [(f"{node.module}.{alias.name}", alias.name) for alias in node.names]
        else:
            continue
        for dotted, name in names:
            module = resolve(dotted) if dotted.startswith("lepstudy") else dotted.split(".")[0]
            if module and module != "lepstudy":
                found.append(Import(module, name, node.lineno, id(node) in inside, _commented(lines, node.lineno)))
    return found


GRAPH = {name: imports_of(path) for name, path in MODULES.items()}


def test_every_module_belongs_to_a_stage_or_is_a_command():
    loose = [m for m in MODULES if stage_of(m) == "top" and m not in {"lepstudy", "lepstudy.cli", "lepstudy.envfile"}]
    assert loose == [], f"modules outside the stage packages: {loose}"


@pytest.mark.parametrize("module", sorted(MODULES))
def test_imports_run_one_way(module):
    stage = stage_of(module)
    allowed = MAY_IMPORT[stage] | {stage}
    wrong = [f"{module}:{i.line} imports {i.module}" for i in GRAPH[module]
             if i.module.startswith("lepstudy.") and stage_of(i.module) not in allowed]
    assert wrong == [], f"{stage} may import only {sorted(allowed)}: " + "; ".join(wrong)


@pytest.mark.parametrize("module", sorted(m for m in MODULES if stage_of(m) == "analysis"))
def test_analysis_reads_no_file_and_no_settings(module):
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    wrong = [f"line {i.line}: imports {i.module}" for i in GRAPH[module] if i.module in ANALYSIS_FORBIDDEN_MODULES]
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if name in FILE_CALLS:
                wrong.append(f"line {node.lineno}: calls {name}")
        if isinstance(node, ast.Name) and node.id == "Settings":
            wrong.append(f"line {node.lineno}: uses Settings")
    assert wrong == [], f"{module} is not pure: " + "; ".join(wrong)


@pytest.mark.parametrize("module", sorted(m for m in MODULES if stage_of(m) == "outputs"))
def test_outputs_read_neither_raw_data_nor_config(module):
    wrong = [f"line {i.line}: imports {i.name} from {i.module}" for i in GRAPH[module]
             if i.module in OUTPUTS_FORBIDDEN_MODULES or i.name in OUTPUTS_FORBIDDEN_NAMES]
    assert wrong == [], f"{module} reads raw data or config: " + "; ".join(wrong)


NOTEBOOKS = sorted((PACKAGE.parent / "notebooks").glob("*.py"))


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda path: path.name)
def test_notebooks_read_the_store_only(notebook):
    """The notebooks are outputs too: they read processed tables, never the raw files or the config files."""
    wrong = [f"line {i.line}: imports {i.name} from {i.module}" for i in imports_of(notebook)
             if stage_of(i.module) in {"inputs", "synthetic"} or i.module in OUTPUTS_FORBIDDEN_MODULES
             or i.name in OUTPUTS_FORBIDDEN_NAMES | {"load_rubric", "load_codebook", "load_study_inputs"}]
    source = notebook.read_text(encoding="utf-8")
    wrong += [f"reads settings.{attribute}" for attribute in ("raw_dir", "files") if f"settings.{attribute}" in source]
    assert wrong == [], f"{notebook.name} reads raw data or config: " + "; ".join(wrong)


def test_no_import_cycles():
    edges = {m: {i.module for i in GRAPH[m] if i.module in MODULES and i.module != m} for m in MODULES}
    state: dict[str, int] = {}
    cycles = []

    def visit(node, trail):
        state[node] = 1
        for nxt in sorted(edges[node]):
            if state.get(nxt) == 1:
                cycles.append(" -> ".join([*trail[trail.index(nxt):], nxt]))
            elif nxt not in state:
                visit(nxt, [*trail, nxt])
        state[node] = 2

    for m in sorted(MODULES):
        if m not in state:
            visit(m, [m])
    assert cycles == []


@pytest.mark.parametrize("module", sorted(MODULES))
def test_imports_sit_at_the_top_unless_a_comment_says_why(module):
    """Inside a function only a heavy or optional package, with the reason beside it; and lepstudy's own modules
    only in the commands, which import the stage they run (so a command starts fast)."""
    wrong = [f"line {i.line}: {i.module}" for i in GRAPH[module] if i.in_function and
             (not i.commented or (i.module.startswith("lepstudy") and stage_of(module) != "top"))]
    assert wrong == [], f"{module} imports inside functions: " + "; ".join(wrong)


def test_the_architecture_page_names_every_module():
    page = (PACKAGE.parent / "docs" / "architecture.md").read_text(encoding="utf-8")
    missing = [m for m in MODULES if m != "lepstudy" and f"`{m.removeprefix('lepstudy.')}`" not in page]
    assert missing == [], f"docs/architecture.md does not list: {missing}"


def test_the_no_op_check_loads_no_analysis_stack():
    """`make all` with nothing changed asks the build records before anything heavy is imported (0.5 s, not 2 s):
    importing the command and the build records must not import pandas, pandera or the stages that need them."""
    import subprocess
    import sys

    probe = ("import sys, lepstudy.cli, lepstudy.pipeline.buildcache; "
             "print(' '.join(m for m in ('pandas', 'pandera', 'scipy', 'lepstudy.inputs.confidential') "
             "if m in sys.modules))")
    loaded = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout.split()
    assert loaded == []
