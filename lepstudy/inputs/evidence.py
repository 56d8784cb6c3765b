"""The public board and ESIF evidence as the analysis receives it: the curated files read once, and the rules
for reading their rows as configured in ``study.yaml`` (``evidence:``)."""

from __future__ import annotations

from lepstudy.core.config import Settings
from lepstudy.core.containers import BoardSources, EvidenceRules
from lepstudy.inputs import sources


def evidence_rules(settings: Settings) -> EvidenceRules:
    """The rules configured in ``study.yaml`` (``evidence:``)."""
    evidence = settings.raw["evidence"]          # validated on load: every key is present
    return EvidenceRules(frozenset(evidence["counted_dating"]), frozenset(evidence["vcs_org_types"]),
                         redated_in_window=tuple((item["lep17_code"], item["organisation"])
                                                 for item in evidence["redated_in_window"]))


def load_board_sources(settings: Settings) -> BoardSources:
    raw = settings.raw_dir
    return BoardSources(sources.load_board_members(raw), sources.load_board_summary(raw),
                        sources.load_esif_summary(raw), sources.load_esif_members(raw))
