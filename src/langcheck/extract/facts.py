"""`extract_facts`: every extractor over one paragraph, in the order the package docstring gives.

Its own module so that importing one extractor (`langcheck.extract.patterns`, the rules' helpers)
does not import all of them: a check whose facts all come from the fact memo needs none of the
extractors the rules do not call (`langcheck.extract` resolves `extract_facts` on first use).
"""

from __future__ import annotations

from langcheck.extract import SUPPORTED_LANGUAGES
from langcheck.extract.acronyms import find_acronyms
from langcheck.extract.dates import find_dates
from langcheck.extract.names import find_names
from langcheck.extract.numbers import find_numbers
from langcheck.extract.terms import find_terms, match_glossary
from langcheck.glossary import Glossary
from langcheck.model import Fact

__all__ = ["extract_facts"]
_EMPTY = Glossary()


def extract_facts(text: str, lang: str, glossary: Glossary = _EMPTY) -> tuple[Fact, ...]:
    """All facts of one paragraph, sorted by position.

    `lang` is one of SUPPORTED_LANGUAGES; for any other language only language-neutral facts are
    read (digits with English conventions, acronyms written in capitals, glossary acronyms).
    """
    if not text or not text.strip():
        return ()
    lang = lang.lower().split("-")[0].split("_")[0]
    if lang not in SUPPORTED_LANGUAGES:
        lang = "en"
    dates = find_dates(text, lang)
    numbers = find_numbers(text, lang, skip=[(d.start, d.end) for d in dates])
    matches = match_glossary(text, lang, glossary)
    facts = [
        *dates,
        *numbers,
        *find_acronyms(text, lang, matches, glossary),
        *find_terms(text, lang, glossary, matches),
        *find_names(text, lang, glossary, covered=matches, skip=[(d.start, d.end) for d in dates]),
    ]
    return tuple(sorted(facts, key=lambda f: (f.start, f.kind)))
