"""Plain-English measures of a reader page: its sentences and their lengths, jargon outside the glossary, and code
leaking into prose. Used by the bulletin's readability test; tested on known answers in test_readability.py."""

from __future__ import annotations

import html
import re

# block elements whose text is read as its own unit (a list item or a cell never runs into the next)
BLOCKS = re.compile(r"<(p|li|dt|dd|h[1-6]|td|th|caption|summary)\b[^>]*>(.*?)</\1>", re.S)
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"“(])")

# terms a policy reader cannot be expected to know: each must be defined in the glossary or not used
JARGON = ("rubric", "specification", "consistent structures", "bounds", "lower cut", "band", "gate",
          "matched by construction", "random-intercept", "rank-biserial", "Holm", "Poisson-binomial",
          "good min share", "expired ESIF membership", "code of practice", "fall short", "about two-thirds")
CODE = (re.compile(r"\b[a-z]+(?:_[a-z0-9]+)+\b"),          # snake_case identifiers
        re.compile(r"\b(?:True|False|NaN|None)\b"),           # raw values
        re.compile(r"\b\w+\.(?:csv|py|yaml|json)\b"),          # file names
        re.compile(r"\bE37\d{6}\b"))                           # LEP codes where a name exists


def main_text(page: str) -> str:
    """The page's <main>, without the glossary's definitions list, code and the metadata block."""
    body = re.search(r"<main\b[^>]*>(.*?)</main>", page, re.S).group(1)
    return re.sub(r"<code>.*?</code>", "", body, flags=re.S)


def blocks(page_main: str) -> list[str]:
    """The plain text of each block element, tags removed, whitespace collapsed."""
    out = []
    for _, inner in BLOCKS.findall(page_main):
        text = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", inner)).split())
        if text:
            out.append(text)
    return out


def sentences(text_blocks: list[str]) -> list[str]:
    """Sentences of running text: blocks split at sentence ends; headings and labels without a verb-like length
    (three words or fewer) are not sentences."""
    found = [s.strip() for block in text_blocks for s in SENTENCE_END.split(block)]
    return [s for s in found if len(s.split()) > 3]


def words(sentence: str) -> int:
    return len(sentence.split())


def glossary_terms(page: str) -> set[str]:
    section = re.search(r'<section aria-labelledby="glossary">(.*?)</section>', page, re.S)
    return {html.unescape(t).strip().lower() for t in re.findall(r"<dt>(.*?)</dt>", section.group(1) if section
                                                                    else "", re.S)}


def undefined_jargon(page: str) -> list[str]:
    """Jargon used on the page but not defined in its glossary."""
    text = " ".join(blocks(main_text(page))).lower()
    defined = glossary_terms(page)
    return [term for term in JARGON if re.search(rf"\b{re.escape(term.lower())}\b", text) and term.lower() not in
            defined]


def code_in_prose(page: str) -> list[str]:
    text = " ".join(blocks(main_text(page)))
    return [hit for pattern in CODE for hit in pattern.findall(text)]
