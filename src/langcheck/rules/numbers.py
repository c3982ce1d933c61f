"""LC201: numbers that differ between language versions."""

from __future__ import annotations

from typing import Iterable, Sequence

from langcheck.extract.dates import date_parts
from langcheck.extract.numbers import number_endpoints, number_value
from langcheck.model import Fact, Finding, Severity
from langcheck.rules.base import Rule, RuleContext, rule
from langcheck.rules.fact_compare import Cluster, FactPolicy, check_groups

# Integers up to this are often written as words ("three", "drei", "трёх"), which we do not read.
SMALL_INTEGER = 10


@rule("LC201", "number-mismatch", "number", Severity.ERROR)
def number_mismatch(self: Rule, ctx: RuleContext) -> Iterable[Finding]:
    """A number or quantity differs between versions, or one version leaves it out.

    **What it does.** Reads every number by value in each language's own writing (`1,200` =
    `1.200` = `1 200`; `16.2 billion` = `16,2 млрд` = `16.200 millones`; `35 percent` = `35 %`;
    `14th` = `14-й` = `14.` = `14e`; ranges `2020-2021`) and compares the values of aligned
    paragraphs across all versions. The value most versions give is expected; a version giving
    another value gets an error naming both, a version leaving it out gets a warning.

    **Why it matters.** A wrong figure in one language (millions for billions, a swapped digit) is
    the most damaging translation error and the hardest to see by eye.

    **Example.** `de says 16,2 Millionen where en, es, fr, ru say 16.2 billion`.

    **Limits.** Numbers written as words are not read, so small integers (up to 10) are never
    reported as missing. Ordinal and cardinal forms of a value count as the same value
    (`75th anniversary` = `75-летие` = `75 aniversario`). A year mentioned alone is a number; a
    year that is part of a date is checked by LC202 instead.
    """
    return check_groups(self, ctx, NUMBER_POLICY)


# --- numbers ------------------------------------------------------------------------------------


def _number_same(a: Fact, b: Fact) -> bool:
    return number_value(a.key) == number_value(b.key)


def _is_year(value: str) -> bool:
    return value.isdigit() and 1900 <= int(value) <= 2100


def _number_present(cluster: Cluster, facts: Sequence[Fact], text: str) -> bool:
    value = number_value(next(iter(cluster.facts())).key)
    if value.isdigit() and int(value) <= SMALL_INTEGER:
        return True
    have: set[str] = set()
    years: set[str] = set()
    for fact in facts:
        if fact.kind == "number":
            have.update(number_endpoints(fact.key))
            have.add(number_value(fact.key))
        elif fact.kind == "date":
            years.update(str(y) for y, _, _ in date_parts(fact.key) if y is not None)
    if value in have or (_is_year(value) and value in years):
        return True
    ends = number_endpoints(value)
    return len(ends) > 1 and all(e in have or e in years for e in ends)


def _number_explains(fact: Fact, cluster: Cluster) -> bool:
    mine = set(number_endpoints(fact.key))
    return any(len(number_endpoints(f.key)) > 1 and mine <= set(number_endpoints(f.key)) for f in cluster.facts())


def _number_affinity(cluster: Cluster, fact: Fact) -> int:
    other = cluster.facts()[0].key
    shape = lambda key: (key.endswith("%"), ".." in key, _is_year(number_value(key)))  # noqa: E731
    return sum(x == y for x, y in zip(shape(other), shape(fact.key)))


NUMBER_POLICY = FactPolicy(
    kind="number",
    same=_number_same,
    present_in=_number_present,
    explains=_number_explains,
    affinity=_number_affinity,
)
