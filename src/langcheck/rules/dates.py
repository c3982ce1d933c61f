"""LC202: dates that differ between language versions."""

from __future__ import annotations

from typing import Iterable, Sequence

from langcheck.extract import SUPPORTED_LANGUAGES
from langcheck.extract.dates import date_parts, dates_compatible, month_mentions, month_mentions_any
from langcheck.model import Fact, Finding, Severity
from langcheck.rules.base import Rule, RuleContext, rule
from langcheck.rules.fact_compare import Cluster, FactPolicy, check_groups


@rule("LC202", "date-mismatch", "date", Severity.ERROR)
def date_mismatch(self: Rule, ctx: RuleContext) -> Iterable[Finding]:
    """A date differs between versions, or one version leaves a dated day out.

    **What it does.** Reads dates with the month names of each language (CLDR, with
    abbreviations such as `Oct.`, `févr.`, `дек.`; Russian also in the prepositional `в ноябре`
    and as the adjective `ноябрьский`), day ranges and lists (`November 25-26` = `25-26 ноября` =
    `25./26. November` = `les 25 et 26 novembre` = `los días 25 y 26 de noviembre`; `between
    25 and 27 November` = `vom 25. bis zum 27. November`), ranges across months (`30 November -
    1 December` = `vom 30.11. bis 1.12.` = `entre el 30 de noviembre y el 1 de diciembre`), days
    in words (`el uno de octubre`, `первого октября`) and numeric dates (`14.10.2021`,
    `25./26.11.2021`), and compares them across versions like LC201.

    **Why it matters.** A wrong day or month changes what the release announces.

    **Example.** `fr says 24 et 26 novembre where en, ru say November 25-26`;
    `de says August where en, es, fr, ru say May` (`im August letzten Jahres`).

    **Limits.** The year is optional when comparing: `14 October` matches `14 October 2021`,
    because translations often drop a year the context makes clear. A dated day that every other
    version, three or more, states and one version leaves out is an error; where fewer versions
    state it, or the version gives only the month where the others give the day, the omission is
    a warning (the latter is not a mismatch either). A
    month without a day that one version leaves out is not reported at all: translators recast
    `last December` or `the June summit` freely, so its absence is weak evidence; a month
    *replaced* by another month is reported. Forms that are only probably a month (English `May`
    outside `in May last year`-like contexts, a bare `Oct.`, German compounds such as
    `Oktoberhälfte`) are never read as a date, but they confirm a month the others state, so they
    do not make a version look as if it changed it. Weekdays and relative dates ("yesterday") are
    not read.
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


def _date_present(cluster: Cluster, facts: Sequence[Fact], text: str, lang: str) -> bool:
    if any(f.kind == "date" and any(_date_same(f, c) for c in cluster.facts()) for f in facts):
        return True
    # A month-only value also counts as present when the text names that month in a form that is
    # only probably a month (English `May`, a bare `Oct.`, `Oktoberhälfte`): it confirms, it
    # cannot contradict. The forms are the version's own language's (Spanish `ago.` is August,
    # English `ago.` is not); a language without month tables tries every language's.
    months = _bare_months(cluster)
    if not months:
        return False
    known = lang.lower().split("-")[0].split("_")[0] in SUPPORTED_LANGUAGES
    return months <= (month_mentions(text, lang) if known else month_mentions_any(text))


def _bare_months(cluster: Cluster) -> frozenset[int]:
    """The months of a cluster whose values name no day; empty when any value names a day."""
    parts = [p for fact in cluster.facts() for p in date_parts(fact.key)]
    if any(day is not None for _, _, day in parts):
        return frozenset()
    return frozenset(month for _, month, _ in parts)


DATE_POLICY = FactPolicy(
    kind="date",
    same=_date_same,
    present_in=_date_present,
    explains=lambda fact, cluster: False,
    pairable=lambda cluster, fact: not _vaguer(fact, cluster),
    # A month without a day that one version leaves out is weak evidence (translators recast
    # "last December" as "recently"); a month replaced by another month is still reported.
    report_omission=lambda cluster, lang, present, text: not _bare_months(cluster),
    # `im November` where the others say `am 25. November`: the day is left out, the month kept.
    weak_omission=lambda cluster, facts, text, lang: any(f.kind == "date" and _vaguer(f, cluster) for f in facts),
)
