"""LC4xx: organisation acronyms and glossary terms that differ between language versions."""

from __future__ import annotations

from typing import Iterable, Sequence

from langcheck.model import Fact, Finding, Severity
from langcheck.rules.base import Rule, RuleContext, rule
from langcheck.rules.fact_compare import Cluster, FactPolicy, check_groups, compare_group, shown_lang


@rule("LC401", "acronym-mismatch", "acronym", Severity.ERROR)
def acronym_mismatch(self: Rule, ctx: RuleContext) -> Iterable[Finding]:
    """An organisation named in most versions is missing from one, or replaced by another.

    **What it does.** Reads organisations through the glossary, by acronym or full name in each
    language (`UN` = `ООН` = `UNO` = `ONU` = `United Nations` = `Vereinte Nationen`), plus
    acronyms defined in the text (`Всемирная организация здравоохранения (ВОЗ)`), and compares
    them across versions.

    **Why it matters.** `NATO` for `OSCE`, or `EU` for `EAEU`, is a factual error a reader
    trusts because acronyms look authoritative.

    **Example.** `de says NATO where en, fr, ru say OSCE`.

    **Limits.** An acronym missing from the glossary is compared only where versions write it
    identically (`ASEAN`), and a version is only reported for leaving such an acronym out when all
    other versions (at least two) have it and it is written in the same script; so local acronyms
    (`NRO` / `ONG` / `НПО`) never raise alarms. Add organisations to `glossaries/` to check them.
    """
    return check_groups(self, ctx, ACRONYM_POLICY)


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


def _script(text: str) -> str:
    return "cyrillic" if any("\u0400" <= ch <= "\u04ff" for ch in text) else "latin"


def _acronym_present(cluster: Cluster, facts: Sequence[Fact], text: str) -> bool:
    # Written somewhere the extractor did not take it (e.g. next to a currency: "US-Dollar").
    return any(f.surface in text for f in cluster.facts() if len(f.surface) >= 2 and f.surface.isupper())


def _acronym_omission(cluster: Cluster, lang: str, present: Sequence[str], text: str) -> bool:
    key = cluster.facts()[0].key
    if not key.startswith("acr:"):
        return True
    others = set(present) - {lang}
    letters = [ch for ch in text if ch.isalpha()]
    text_script = "cyrillic" if sum("\u0400" <= ch <= "\u04ff" for ch in letters) * 2 > len(letters) else "latin"
    return len(others) >= 2 and cluster.holders >= others and _script(key[4:]) == text_script


ACRONYM_POLICY = FactPolicy(
    kind="acronym",
    present_in=_acronym_present,
    # Only glossary organisations stand in for each other; a local acronym is never "the wrong one".
    pairable=lambda cluster, fact: fact.key.startswith("org:") and cluster.facts()[0].key.startswith("org:"),
    report_omission=_acronym_omission,
)

TERM_POLICY = FactPolicy(kind="term", pairable=lambda cluster, fact: False)

