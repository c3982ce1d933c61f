"""LC402: glossary terms that a version does not render as agreed."""

from __future__ import annotations

from typing import Iterable

from langcheck.model import Finding, Severity
from langcheck.rules.base import Rule, RuleContext, rule
from langcheck.rules.fact_compare import FactPolicy, compare_group, shown_lang


@rule("LC402", "term-mismatch", "term", Severity.WARNING)
def term_mismatch(self: Rule, ctx: RuleContext) -> Iterable[Finding]:
    """A version does not use the glossary's rendering of a term the others use.

    **What it does.** Finds glossary terms in every version, inflection-aware (`Союзного
    государства` matches `Союзное государство`, `Unionsstaates` matches `Unionsstaat`). When most
    versions use a term's agreed form, a version that renders the concept some other way is
    reported with the form the glossary expects in its language.

    **Why it matters.** Terms of art (`Union State`, `strategic stability`) carry political
    meaning; an ad-hoc rendering reads as a different concept.

    **Example.** `de does not use the glossary form of Union State (en, fr, ru): expected Unionsstaat`.

    **Limits.** Only terms in the glossary are checked. German compounds are matched when they
    start with a one-word form (`Rüstungskontrollabkommen`). Always a warning.
    """
    findings: list[Finding] = []
    glossary = ctx.glossary.by_key() if ctx.glossary is not None else {}
    for group in ctx.groups:
        for d in compare_group(ctx, group, TERM_POLICY):
            shown = d.expected.first(shown_lang(ctx, d.expected.holders)).fact.surface
            entry = glossary.get(d.expected.facts()[0].key)
            forms = entry.forms_in(d.lang) if entry is not None else ()
            holders = ", ".join(sorted(d.expected.holders))
            message = f"{d.lang} does not use the glossary form of {shown} ({holders})"
            if forms:
                message += f": expected {' / '.join(forms)}"
            findings.append(
                self.finding(
                    ctx,
                    d.lang,
                    group.paragraphs[d.lang][0],
                    message,
                    expected=" / ".join(forms) if forms else shown,
                    related=ctx.related(group, exclude=[d.lang]),
                )
            )
    return findings


# --- policies -----------------------------------------------------------------------------------


TERM_POLICY = FactPolicy(kind="term", pairable=lambda cluster, fact: False)

