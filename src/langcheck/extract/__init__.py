"""Extract stage: the checkable facts of one paragraph (numbers, dates, names, acronyms, terms).

`extract_facts(text, lang, glossary)` is pure and cached per language and glossary (compiled
patterns, stem indexes); it runs for every paragraph of every version. Order of work:
dates first (their numbers are not separate facts), then numbers outside dates, then glossary
matches (shared by acronyms, terms and place names), then person names.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the signature for type checkers; at run time resolved on first use (below)
    from langcheck.extract.facts import extract_facts

__all__ = ["SUPPORTED_LANGUAGES", "extract_facts"]

SUPPORTED_LANGUAGES = ("de", "en", "es", "fr", "ru")


def __getattr__(name: str) -> Any:
    # `extract_facts` imports every extractor; resolved here on first use (then a plain attribute),
    # so that `from langcheck.extract import patterns` costs that module only.
    if name == "extract_facts":
        from langcheck.extract.facts import extract_facts

        globals()["extract_facts"] = extract_facts
        return extract_facts
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
