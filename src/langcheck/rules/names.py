"""LC3xx: names of people that differ between language versions."""

from __future__ import annotations

import re
from typing import Iterable, Sequence

from langcheck.extract.names import coarse_fold, fold_name, same_name
from langcheck.model import Fact, Finding, Severity
from langcheck.rules.base import Rule, RuleContext, rule
from langcheck.rules.fact_compare import Cluster, FactPolicy, check_groups

_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)?")


@rule("LC301", "name-mismatch", "name", Severity.ERROR)
def name_mismatch(self: Rule, ctx: RuleContext) -> Iterable[Finding]:
    """A person named in most versions is missing from one, or replaced by another name.

    **What it does.** Compares surnames across scripts and Russian declension: `Лукашенко` =
    `Lukashenko` = `Lukaschenko` = `Loukachenko`; `Макеем` = `Makei` = `Makej` = `Makeï`;
    `С.В.Лавров` = `Sergey Lavrov` = `Sergej Lawrow`. People in the shipped glossary are matched
    through it; other names are transliterated, folded and compared with a fuzzy ratio (>= 85).

    **Why it matters.** Naming the wrong minister, or dropping who said something, changes the
    meaning of a release.

    **Example.** `de says Makarow where en, ru say Makei`.

    **Limits.** To avoid false alarms, a name is only taken where it is clearly a name (glossary,
    after initials, a known given name or an honorific), and a version is only reported when a
    majority of versions name the person and its aligned text contains no word that matches the
    surname anywhere (raw text, folded). A version that says "the minister" instead of the name
    gets a warning.
    """
    return check_groups(self, ctx, _policy(ctx))


def _policy(ctx: RuleContext) -> FactPolicy:
    def surnames(cluster: Cluster) -> set[str]:
        raw = {_surname(f) for f in cluster.facts()}
        if ctx.glossary is not None:
            keys = {f.key for f in cluster.facts()}
            for entry in ctx.glossary.entries:
                if entry.key in keys:
                    raw.update(form.split()[-1] for _, forms in entry.forms for form in forms)
        return {coarse_fold(w) for w in raw if w} | {fold_name(w) for w in raw if w}

    def present_in(cluster: Cluster, facts: Sequence[Fact], text: str) -> bool:
        wanted = surnames(cluster)
        words = {w for w in _WORD.findall(text) if w[:1].isupper()}
        folded = {fold_name(w) for w in words} | {coarse_fold(w) for w in words}
        return any(same_name(w, s) for w in folded for s in wanted)

    return FactPolicy(kind="name", same=_same, present_in=present_in, pairable=_pairable)


def _surname(fact: Fact) -> str:
    words = fact.surface.split()
    return words[-1] if words else ""


def _same(a: Fact, b: Fact) -> bool:
    if a.key == b.key:
        return True
    if a.key.startswith("name:") or b.key.startswith("name:"):
        x, y = _surname(a), _surname(b)
        return same_name(fold_name(x), fold_name(y)) or same_name(coarse_fold(x), coarse_fold(y))
    return False


def _pairable(cluster: Cluster, fact: Fact) -> bool:
    # Places and people are not interchangeable.
    place = lambda key: key.startswith("place:")  # noqa: E731
    return place(fact.key) == place(cluster.facts()[0].key)
