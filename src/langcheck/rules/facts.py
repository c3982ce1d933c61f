"""The fact rules: numbers and dates (LC2xx), names (LC3xx), acronyms and terms (LC4xx).

Each compares the facts of aligned paragraphs (`RuleContext.facts`, from `langcheck.extract`)
across all versions at once; see `langcheck.rules.fact_compare` for the shared algorithm.
"""

from __future__ import annotations

from langcheck.rules.acronyms import acronym_mismatch
from langcheck.rules.base import Rule
from langcheck.rules.consistency import inconsistent_rendering
from langcheck.rules.dates import date_mismatch
from langcheck.rules.forbidden import forbidden_rendering
from langcheck.rules.names import name_mismatch
from langcheck.rules.numbers import number_mismatch
from langcheck.rules.terms import term_mismatch

FACT_RULES: tuple[Rule, ...] = (number_mismatch, date_mismatch, name_mismatch, acronym_mismatch, term_mismatch,
                                forbidden_rendering, inconsistent_rendering)

__all__ = ["FACT_RULES"]
