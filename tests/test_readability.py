"""The bulletin in plain English, measured: sentences short on average and never long, jargon defined in the
glossary, no code, raw values, file names or LEP codes in the prose. The measures are checked on known answers."""

from __future__ import annotations

import statistics

import pytest
from readability import blocks, code_in_prose, main_text, sentences, undefined_jargon, words

PAGE = """<html><body><nav>Skip this</nav><main><h1>A title</h1>
<p>One short sentence here. Another one, with five words? Yes.</p>
<ul><li>The rubric gives points to each LEP in the study.</li><li>A code identifier like main_board_vcs leaks.</li></ul>
<section aria-labelledby="glossary"><dl><dt>Rubric</dt><dd>Scoring rules.</dd></dl></section>
</main></body></html>"""


def test_measures_on_a_known_page():
    text = blocks(main_text(PAGE))
    assert text[:3] == ["A title", "One short sentence here. Another one, with five words? Yes.",
                        "The rubric gives points to each LEP in the study."]
    found = sentences(text)
    assert found == ["One short sentence here.", "Another one, with five words?",
                     "The rubric gives points to each LEP in the study.",
                     "A code identifier like main_board_vcs leaks."]
    assert [words(s) for s in found] == [4, 5, 10, 6]
    assert undefined_jargon(PAGE) == []                                     # 'rubric' is in the glossary
    assert undefined_jargon(PAGE.replace("<dt>Rubric</dt>", "<dt>Other</dt>")) == ["rubric"]
    assert code_in_prose(PAGE) == ["main_board_vcs"]


@pytest.mark.slow
def test_the_bulletin_reads_plainly(settings, report):
    page = report.read_text(encoding="utf-8")
    found = sentences(blocks(main_text(page)))
    lengths = [words(s) for s in found]
    assert len(found) >= 30
    assert statistics.mean(lengths) <= 20, f"mean sentence length {statistics.mean(lengths):.1f} words"
    assert max(lengths) <= 35, [s for s in found if words(s) > 35]
    assert undefined_jargon(page) == []
    assert code_in_prose(page) == []


@pytest.mark.slow
def test_no_page_shows_code_names_or_raw_values(settings, report):
    """Every reader page (bulletin, annex, LEP pages, method, data log): no snake_case name or raw True/False in
    the text outside code spans (web addresses and file paths are addresses, not names)."""
    import html
    import re

    pages = sorted(settings.reports_dir.glob("*.html")) + sorted((settings.reports_dir / "leps").glob("*.html"))
    found = {}
    for page in pages:
        text = main_text(page.read_text(encoding="utf-8"))
        text = html.unescape(re.sub(r"<[^>]+>", " ", text))
        words = [w for w in text.split() if "/" not in w]
        hits = [w for w in words if re.search(r"\b[a-z]+(?:_[a-z0-9]+)+\b|\b(?:True|False)\b", w)]
        if hits:
            found[page.name] = hits[:5]
    assert len(pages) > 40 and found == {}
