"""What notebooks 03 and 04 print around their tables: claims as tagged bullets, the demonstration caveat and the
notice naming the synthetic parts (hand-made tables)."""

import pandas as pd

from lepstudy.outputs.narrative import claims_markdown, demonstration_caveat, synthetic_parts_notice


def test_claims_markdown_lists_one_section_with_each_layer_tagged():
    claims = pd.DataFrame({"id": ["a.one", "a.two", "b.one"], "section": ["a", "a", "b"],
                           "layer": ["real", "synthetic", "mixed"], "text": ["First.", "Second.", "Other."],
                           "evidence": ["t.c"] * 3})
    assert claims_markdown(claims, "a") == "* First.\n* **[synthetic]** Second."
    assert claims_markdown(claims, "b") == "* **[mixed]** Other."
    assert claims_markdown(claims, "c") == ""


def test_demonstration_caveat_follows_the_flag():
    assert "is noise" in demonstration_caveat(True) and "minimum detectable" not in demonstration_caveat(True)
    assert "minimum detectable" in demonstration_caveat(False) and "noise" not in demonstration_caveat(False)


def test_synthetic_parts_notice_names_only_the_flagged_parts():
    flagged, clean = pd.DataFrame({"synthetic_inputs": [True]}), pd.DataFrame({"synthetic_inputs": [False]})
    assert synthetic_parts_notice({"curve": clean, "model": clean}) == ""
    assert "The model rests on synthetic stand-ins" in synthetic_parts_notice({"curve": clean, "model": flagged})
    assert "The curve, model and survey rest on" in synthetic_parts_notice(
        {"curve": flagged, "model": flagged, "survey": flagged})
