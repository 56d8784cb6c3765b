"""How to cite and whom to contact: CITATION.cff agrees with the package and the study config, and the front page
links the contact and the repository once the config names them."""

from __future__ import annotations

import tomllib
from pathlib import Path

import yaml

from lepstudy.core.config_schema import StudyConfig, load_config
from lepstudy.outputs.publication import environment

ROOT = Path(__file__).resolve().parents[1]


def test_citation_names_the_package_version_licence_and_the_configured_repository():
    citation = yaml.safe_load((ROOT / "CITATION.cff").read_text())
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert citation["version"] == project["version"] and citation["license"] == project["license"] == "MIT"
    publication = load_config(ROOT / "config" / "study.yaml", StudyConfig).publication
    # one place says where the code lives: CITATION.cff's repository-code is the config's repository_url
    assert citation.get("repository-code") == publication.repository_url


def test_the_contact_and_repository_are_links_once_configured():
    page = environment().get_template("index.html.j2")
    words = {"favourable": "", "poor": "", "very poor": ""}
    context = {"released": "5 December 2026", "window": "", "feedback_words": words, "main_points": [],
               "findings": [], "know": [], "annex": []}
    linked = page.render(contact="The maintainers", contact_url="https://example.org/lepstudy/issues",
                         repository_url="https://example.org/lepstudy", **context)
    assert '<a href="https://example.org/lepstudy/issues">The maintainers</a>' in linked
    assert '<a href="https://example.org/lepstudy">https://example.org/lepstudy</a>' in linked
    plain = page.render(contact="The maintainers", **context)
    assert "<dd>The maintainers</dd>" in plain
