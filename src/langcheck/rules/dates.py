"""LC202: dates that differ between language versions."""

from __future__ import annotations

from typing import Iterable, Sequence

from langcheck.extract.dates import date_parts, dates_compatible
from langcheck.model import Fact, Finding, Severity
from langcheck.rules.base import Rule, RuleContext, rule
from langcheck.rules.fact_compare import Cluster, FactPolicy, check_groups


@rule("LC202", "date-mismatch", "date", Severity.ERROR)
def date_mismatch(self: Rule, ctx: RuleContext) -> Iterable[Finding]:
    """A date differs between versions, or one version leaves it out.

    **What it does.** Reads dates with the month names of each language (CLDR; Russian also in
    the prepositional `в ноябре`), day ranges and pairs (`November 25-26` = `25-26 ноября` =
    `25. und 26. November` = `les 25 et 26 novembre` = `los días 25 y 26 de noviembre`) and
    numeric dates (`14.10.2021`), and compares them across versions like LC201.

    **Why it matters.** A wrong day or month changes what the release announces.

    **Example.** `fr says 24 et 26 novembre where en, ru say November 25-26`.

    **Limits.** The year is optional when comparing: `14 October` matches `14 October 2021`,
    because translations often drop a year the context makes clear. A version that gives only the
    month where others give the day is reported as an omission (warning), not as a mismatch.
    Weekdays and relative dates ("yesterday") are not read.
    """
    return check_groups(self, ctx, DATE_POLICY)


# --- dates --------------------------------------------------------------------------------------


def _date_same(a: Fact, b: Fact) -> bool:
    return dates_compatible(a.key, b.key)


def _vaguer(fact: Fact, cluster: Cluster) -> bool:
    """`November` where the others say `November 25-26`: less said, nothing contradicted."""
    mine = date_parts(fact.key)
    if any(day is not None for _, _, day in mine):
        return False
    months = {(y, m) for y, m, _ in mine}
    for other in cluster.facts():
        theirs = date_parts(other.key)
        if all(any(m == tm and (y is None or ty is None or y == ty) for y, m in months) for ty, tm, _ in theirs):
            return True
    return False


def _date_present(cluster: Cluster, facts: Sequence[Fact], text: str) -> bool:
    return any(f.kind == "date" and any(_date_same(f, c) for c in cluster.facts()) for f in facts)


DATE_POLICY = FactPolicy(
    kind="date",
    same=_date_same,
    present_in=_date_present,
    explains=lambda fact, cluster: False,
    pairable=lambda cluster, fact: not _vaguer(fact, cluster),
)
