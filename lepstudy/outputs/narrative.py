"""What the notebooks print around their tables: their conclusions as the build's checked claims (the ``claims``
table, one bullet per claim with its layer), the caveat the demonstration data calls for, and which parts of a
page rest on synthetic inputs."""

from __future__ import annotations

import pandas as pd

LAYER_TAGS = {"real": "", "synthetic": "**[synthetic]** ", "mixed": "**[mixed]** "}


def claims_markdown(claims: pd.DataFrame, section: str) -> str:
    """The claims of one section of the ``claims`` table as Markdown bullets, each tagged with its layer."""
    part = claims[claims["section"] == section]
    return "\n".join(f"* {LAYER_TAGS[row.layer]}{row.text}" for row in part.itertuples())


def demonstration_caveat(synthetic: bool) -> str:
    """How to read notebook 03's second layer: noise by construction on stand-ins, or the researcher's data."""
    if synthetic:
        return ("The synthetic coding was generated with no association to representation, and representation is "
                "partly a random fill, so any apparent association here (including the exact tests) is noise: these "
                "numbers show what the analysis will report once real coding sheets are supplied.")
    return ("These results rest on the coding sheets and answers supplied; read them with the minimum detectable "
            "effects above.")


def synthetic_parts_notice(parts: dict[str, pd.DataFrame]) -> str:
    """A page's notice naming the parts whose tables rest on synthetic inputs (their ``synthetic_inputs`` flags);
    empty when none does."""
    resting = [name for name, table in parts.items() if bool(table["synthetic_inputs"].any())]
    if not resting:
        return ""
    names = resting[0] if len(resting) == 1 else ", ".join(resting[:-1]) + " and " + resting[-1]
    verb = "rests" if len(resting) == 1 else "rest"
    return (f"> **SYNTHETIC DATA.** The {names} {verb} on synthetic stand-ins; "
            "they demonstrate the method and are not NCVO's findings.")
