"""LC401: organisation acronyms that differ between language versions."""

from __future__ import annotations

from typing import Iterable, Sequence

from langcheck.model import Fact, Finding, Severity
from langcheck.rules.base import Rule, RuleContext, rule
from langcheck.rules.fact_compare import Cluster, FactPolicy, check_groups


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


# --- policy -------------------------------------------------------------------------------------


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
