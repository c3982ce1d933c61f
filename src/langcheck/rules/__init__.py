"""Compare stage: every rule, found by its code.

Codes by family: LC1xx structure, LC2xx numbers and dates, LC3xx names, LC4xx acronyms and
glossary terms, LC5xx language, LC6xx QA checks (LC601 links and contact details compared
across versions; LC61x typography of each version by its language's conventions, info by
default). A rule is one decorated function; adding one means adding it
to its family module and to `ALL_RULES` below.
"""

from __future__ import annotations

from langcheck.rules.acronyms import acronym_mismatch
from langcheck.rules.base import Rule, RuleContext
from langcheck.rules.consistency import inconsistent_rendering
from langcheck.rules.dates import date_mismatch
from langcheck.rules.forbidden import forbidden_rendering
from langcheck.rules.furniture import missing_version, page_furniture, publication_date_mismatch
from langcheck.rules.language import stray_sentence, untranslated, wrong_language
from langcheck.rules.links import link_mismatch
from langcheck.rules.names import name_mismatch
from langcheck.rules.numbers import number_mismatch
from langcheck.rules.order import paragraph_order
from langcheck.rules.structure import (
    extra_paragraph,
    missing_paragraph,
    partial_addition,
    partial_omission,
)
from langcheck.rules.terms import term_mismatch
from langcheck.rules.typography import (
    doubled_space,
    doubled_word,
    french_spacing,
    quote_mix,
    quote_style,
    spanish_opening_mark,
    unbalanced_pair,
)

ALL_RULES: tuple[Rule, ...] = (
    missing_paragraph,
    extra_paragraph,
    partial_omission,
    partial_addition,
    missing_version,
    paragraph_order,
    page_furniture,
    publication_date_mismatch,
    number_mismatch,
    date_mismatch,
    name_mismatch,
    acronym_mismatch,
    term_mismatch,
    forbidden_rendering,
    inconsistent_rendering,
    untranslated,
    wrong_language,
    stray_sentence,
    link_mismatch,
    french_spacing,
    quote_style,
    spanish_opening_mark,
    unbalanced_pair,
    doubled_space,
    doubled_word,
    quote_mix,
)

__all__ = ["ALL_RULES", "Rule", "RuleContext", "rule_by_code"]


def rule_by_code(code_or_name: str) -> Rule | None:
    """The rule with this code (`LC201`) or name (`number-mismatch`), or None."""
    for candidate in ALL_RULES:
        if code_or_name.upper() == candidate.code or code_or_name == candidate.name:
            return candidate
    return None
