"""Organisation acronyms (and their full names), keyed language-independently.

- Glossary organisations, acronym or full name: `org:<id>` (`ООН` = `UN` = `U.N.` = `Vereinte
  Nationen`). A name that spells out another organisation inside it names that one too:
  `UN-Generalversammlung` is `org:unga` and `org:un`, `Совет Безопасности ООН` is `org:unsc` and
  `org:un` (the second fact spans the inner words).
- An acronym defined in the text, `Всемирной организацией здравоохранения (ВОЗ)`: when the phrase
  before the parentheses is a glossary organisation, the acronym gets that key too.
- Any other acronym: `acr:<LETTERS>`, dotted or not (`F.B.I.` and `FBI` are `acr:FBI`). Versions
  that write an unknown acronym differently (`FBI` / `ФБР`) are paired per release by LC401.

Not acronyms: Roman numerals, one-letter words, all-capital headings, shouted phrases (three or more
capitalised words in a row: `THANK YOU FOR STANDING UP`), a currency's country (`US-Dollar`,
`долларов США`), and initials before a name (`J. R. Smith`).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple, Sequence

from langcheck.extract import patterns
from langcheck.extract.terms import DOTTED, GlossaryMatch, abbreviation_letters, organisation_parts
from langcheck.glossary import Glossary
from langcheck.model import Fact

# 2-8 capitals (Latin or Cyrillic), optionally with digits / a hyphen-number (COVID-19 -> COVID).
# An English plural `s` stays outside the acronym (`MWPs`, `NGOs`).
# Capitals include accented ones (`ÖVP`, `ÖBB`).
# The look-behind comes after the first capital (`X(?<![\w-].)` is `(?<![\w-])X`): a pattern
# that opens with a character set lets the engine skip to the next capital in C instead of
# trying the look-behind at every position (acronyms 7.1 -> 2.0 us a paragraph, shouting 8.0 -> 3.0).
_ACRONYM = r"(?P<acr>[A-ZÀ-ÖØ-ÞА-ЯЁ](?<![\w-].)[A-ZÀ-ÖØ-ÞА-ЯЁ0-9]{1,7})s?(?![\w])"
# "US-Dollar", "долларов США": a currency, not the country; versions differ in writing it ($).
_CURRENCY = r"(?i)dollar|доллар|dólar"
_ROMAN = r"^[IVXLCDM]+$"
_DEFINITION = r"\(\s*(?P<acr>[A-ZÀ-ÖØ-ÞА-ЯЁ][A-ZÀ-ÖØ-ÞА-ЯЁ0-9]{1,7})\s*\)"
# Three or more words in capitals in a row, spaces between: shouting (a list "NATO, OSCE, UN" is not).
# Words may carry accents and elisions (`MERCI D'AVOIR TENU TÊTE À LA FOULE`).
_SHOUT_WORD = r"[A-ZÀ-ÖØ-ÞА-ЯЁ]+(?:['’][A-ZÀ-ÖØ-ÞА-ЯЁ]+)?"
_SHOUT = rf"[A-ZÀ-ÖØ-ÞА-ЯЁ](?<!\w.)[A-ZÀ-ÖØ-ÞА-ЯЁ]*(?:['’][A-ZÀ-ÖØ-ÞА-ЯЁ]+)?(?:[ \u00a0]+{_SHOUT_WORD}){{2,}}(?!\w)"
# A dotted abbreviation followed by a capitalised word is a person's initials (`J. R. Smith`).
_PIECE = r"[^\W\d_]+"
_INITIALS_BEFORE = r"[ \u00a0]*[A-ZА-ЯЁ][a-zа-яё]"


class _Patterns(NamedTuple):
    """The compiled patterns (their texts are the module's `_ACRONYM`, `_CURRENCY`, ...)."""

    acronym: re.Pattern[str]
    currency: re.Pattern[str]
    roman: re.Pattern[str]
    definition: re.Pattern[str]
    shout: re.Pattern[str]
    piece: re.Pattern[str]
    initials_before: re.Pattern[str]


@lru_cache(maxsize=1)
def _patterns() -> _Patterns:
    # Compiled on the first paragraph, not at import, through `patterns.compile`: from the
    # prepared copy where the pipeline keeps one.
    return patterns.compiled_table(
        _Patterns,
        acronym=_ACRONYM,
        currency=_CURRENCY,
        roman=_ROMAN,
        definition=_DEFINITION,
        shout=_SHOUT,
        piece=_PIECE,
        initials_before=_INITIALS_BEFORE,
    )


def find_acronyms(
    text: str, lang: str, matches: Sequence[GlossaryMatch], glossary: Glossary | None = None
) -> list[Fact]:
    """Acronym facts of one paragraph; `matches` are the paragraph's glossary matches (of
    `glossary`, which tells the organisations named inside other names)."""
    rx = _patterns()
    facts: list[Fact] = []
    covered: list[tuple[int, int]] = []
    for m in matches:
        if m.entry.type == "organisation" and not rx.currency.search(text[max(0, m.start - 12) : m.end + 12]):
            facts.append(Fact("acronym", m.entry.key, text[m.start : m.end], m.start, m.end))
            if glossary is not None:
                for part in organisation_parts(text, lang, glossary, m):
                    facts.append(Fact("acronym", part.entry.key, text[part.start : part.end], part.start, part.end))
        covered.append((m.start, m.end))
    defined = _definitions(text, matches)
    if _mostly_capitals(text):
        return sorted(facts, key=lambda f: f.start)
    covered.extend(m.span() for m in rx.shout.finditer(text))
    for start, end, word in _candidates(text):
        if any(s <= start and end <= e for s, e in covered):
            continue
        if rx.currency.search(text[max(0, start - 12) : end + 12]):
            continue
        if rx.roman.match(word) or sum(ch.isalpha() for ch in word) < 2:
            continue
        key = defined.get(word, f"acr:{word}")
        facts.append(Fact("acronym", key, text[start:end], start, end))
    return sorted(facts, key=lambda f: f.start)


def _candidates(text: str) -> list[tuple[int, int, str]]:
    """(start, end, letters) of every acronym-shaped word: `NATO`, and `F.B.I.` as `FBI`."""
    rx = _patterns()
    out = [(*m.span("acr"), m.group("acr")) for m in rx.acronym.finditer(text)]
    if "." in text:
        for m in DOTTED.finditer(text):
            piece = m.group()
            if " " in piece or "\u00a0" in piece or not piece.endswith(".") or len(rx.piece.findall(piece)) < 2:
                continue  # `EE. UU.` only through the glossary; `Plan B.` is no acronym
            if rx.initials_before.match(text, m.end()) or len(abbreviation_letters(piece)) < 2:
                continue
            out.append((m.start(), m.end(), abbreviation_letters(piece)))
    return sorted(out)


def _definitions(text: str, matches: Sequence[GlossaryMatch]) -> dict[str, str]:
    """Acronyms defined right after a glossary organisation's full name: `... (ВОЗ)`."""
    out: dict[str, str] = {}
    for d in _patterns().definition.finditer(text):
        for m in matches:
            if m.entry.type == "organisation" and 0 <= d.start() - m.end <= 2:
                out[d.group("acr")] = m.entry.key
    return out


def _mostly_capitals(text: str) -> bool:
    # Counted by the str methods (C), not a loop over characters: this runs on every paragraph.
    letters = "".join(filter(str.isalpha, text))
    return len(letters) >= 12 and sum(map(str.isupper, letters)) > 0.6 * len(letters)
