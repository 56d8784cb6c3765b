"""The pipeline as a graph: one run reads every input once and hands it to each step."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path


def _reads(messages: list[str]) -> Counter:
    """Files read (CSV, spreadsheet, YAML) per path, from the run's log lines ``read <path>[ (<n> rows)]``."""
    reads = Counter()
    for message in messages:
        match = re.fullmatch(r"read (.+?)(?: \(\d+ rows\))?", message)
        if match:
            reads[Path(match.group(1)).resolve()] += 1
    return reads


def test_one_run_reads_every_input_once(settings, built, build_log):
    reads = _reads(build_log)
    assert reads, "the build logged no reads"
    repeated = {str(path): n for path, n in reads.items() if n > 1}
    assert not repeated, f"read more than once in one run: {repeated}"
    names = {path.name for path in reads}
    # the four confidential inputs, the curated public evidence, the official spreadsheets and every config file
    assert {"lep_responses.csv", "sector_feedback.csv", "holistic_ratings.csv", "strategy_coding.csv"} <= names
    assert {"lis_status.csv", "apr_ratings.csv", "lad19_lep17.csv", "board_members_vcs.csv",
            "ncvo2020_published_figures.csv", "partial_lad_memberships.csv"} <= names
    assert {"study.yaml", "rubric.yaml", "codebook.yaml", "specifications.yaml", "reconstruction.yaml"} - names \
        == {"study.yaml"}                       # the settings are read before the run starts
    assert sum(path.suffix in {".xls", ".xlsx"} for path in reads) == 3


def test_reads_are_counted_from_the_log_lines():
    messages = ["read /a/b.csv (3 rows)", "read /a/b.csv (3 rows)", "read /c/d.yaml", "wrote /a/e.csv (2 rows)",
                "step 'x' took 0.1 s"]
    reads = _reads(messages)
    assert reads[Path("/a/b.csv")] == 2 and reads[Path("/c/d.yaml")] == 1 and len(reads) == 2
