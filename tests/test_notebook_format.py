"""The notebooks' jupytext sources keep one format: opening a .py as a notebook and saving it unchanged (what
JupyterLab's jupytext does, with the repository's jupytext.toml) leaves the file byte-identical, even when the
kernel adds its own metadata; and JupyterLab opens .py files as notebooks (the shipped default viewer)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jupytext
import pytest
from jupytext.config import find_jupytext_configuration_file, load_jupytext_configuration_file

ROOT = Path(__file__).resolve().parent.parent
SOURCES = sorted((ROOT / "notebooks").glob("*.py"))


@pytest.mark.parametrize("source", SOURCES, ids=[s.name for s in SOURCES])
def test_saving_an_unchanged_notebook_leaves_its_source_byte_identical(source):
    config = load_jupytext_configuration_file(find_jupytext_configuration_file(str(source.parent)))
    text = source.read_text(encoding="utf-8")
    notebook = jupytext.reads(text, fmt="py:percent")
    # what a JupyterLab session adds before saving
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
    notebook.metadata.setdefault("jupytext", {})["text_representation"] = {"jupytext_version": "1.99.0"}
    assert jupytext.writes(notebook, fmt="py:percent", config=config) == text
    # the parameters cell keeps its tag (papermill needs it)
    assert any("parameters" in cell.metadata.get("tags", []) for cell in notebook.cells)


def test_jupyterlab_opens_py_files_as_notebooks():
    settings = ROOT / ".jupyter/lab/user-settings/@jupyterlab/docmanager-extension/plugin.jupyterlab-settings"
    text = re.sub(r"^\s*//.*$", "", settings.read_text(encoding="utf-8"), flags=re.M)    # JSON5 comments
    assert json.loads(text)["defaultViewers"]["python"] == "Jupytext Notebook"
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "JUPYTERLAB_SETTINGS_DIR=$(CURDIR)/.jupyter/lab/user-settings" in makefile
