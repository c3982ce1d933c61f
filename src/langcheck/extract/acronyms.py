"""Organisation acronyms (and their full names), keyed language-independently.

- Glossary organisations, acronym or full name: `org:<id>` (`ООН` = `UN` = `Vereinte Nationen`).
- An acronym defined in the text, `Всемирной организацией здравоохранения (ВОЗ)`: when the phrase
  before the parentheses is a glossary organisation, the acronym gets that key too.
- Any other acronym: `acr:<TEXT>`, compared only where versions write it identically, so local
  acronyms (`NRO` / `НПО`) never raise alarms by themselves.

Roman numerals, all-capital headings and one-letter words are not acronyms.
"""

from __future__ import annotations

import re
from typing import Sequence

from langcheck.extract.terms import GlossaryMatch
from langcheck.model import Fact

# 2-8 capitals (Latin or Cyrillic), optionally with digits / a hyphen-number (COVID-19 -> COVID).
_ACRONYM = re.compile(r"(?<![\w-])(?P<acr>[A-ZА-ЯЁ][A-ZА-ЯЁ0-9]{1,7})(?![\w])")
# "US-Dollar", "долларов США": a currency, not the country; versions differ in writing it ($).
_CURRENCY = re.compile(r"(?i)dollar|доллар|dólar")
_ROMAN = re.compile(r"^[IVXLCDM]+$")
_DEFINITION = re.compile(r"\(\s*(?P<acr>[A-ZА-ЯЁ][A-ZА-ЯЁ0-9]{1,7})\s*\)")


def find_acronyms(text: str, lang: str, matches: Sequence[GlossaryMatch]) -> list[Fact]:
    """Acronym facts of one paragraph; `matches` are the paragraph's glossary matches."""
    facts: list[Fact] = []
    covered: list[tuple[int, int]] = []
    for m in matches:
        if m.entry.type == "organisation" and not _CURRENCY.search(text[max(0, m.start - 12) : m.end + 12]):
            facts.append(Fact("acronym", m.entry.key, text[m.start : m.end], m.start, m.end))
        covered.append((m.start, m.end))
    defined = _definitions(text, matches)
    if _mostly_capitals(text):
        return sorted(facts, key=lambda f: f.start)
    for m in _ACRONYM.finditer(text):
        start, end = m.span("acr")
        if any(s <= start and end <= e for s, e in covered):
            continue
        word = m.group("acr")
        if _CURRENCY.search(text[max(0, start - 12) : end + 12]):
            continue
        if _ROMAN.match(word) or sum(ch.isalpha() for ch in word) < 2:
            continue
        key = defined.get(word, f"acr:{word}")
        facts.append(Fact("acronym", key, word, start, end))
    return sorted(facts, key=lambda f: f.start)


def _definitions(text: str, matches: Sequence[GlossaryMatch]) -> dict[str, str]:
    """Acronyms defined right after a glossary organisation's full name: `... (ВОЗ)`."""
    out: dict[str, str] = {}
    for d in _DEFINITION.finditer(text):
        for m in matches:
            if m.entry.type == "organisation" and 0 <= d.start() - m.end <= 2:
                out[d.group("acr")] = m.entry.key
    return out


def _mostly_capitals(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) >= 12 and sum(ch.isupper() for ch in letters) > 0.6 * len(letters)
