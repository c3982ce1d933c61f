"""Compare one kind of fact across all versions of an aligned group at once.

Shared by the fact rules (LC201 numbers, LC202 dates, LC301 names, LC401 acronyms, LC402 terms);
each rule supplies a `FactPolicy` saying when two facts are the same and when a version that lacks
a value still has it in another shape. The algorithm, per group:

1. Cluster every version's facts of the kind with `policy.same`, keeping every occurrence: a
   value is a multiset member, so `20 ... 20` and `20 ... 21` differ.
2. A cluster held by a majority of the present versions is *expected* (`majority_holders`: a
   strict majority, or the source language on a tie). Its *expected count* is the largest count
   that a strict majority of the present versions reach (`expected_count`).
3. For every version: the expected clusters it lacks (unless `policy.present_in` finds them in
   another shape or in its raw text) are *missing*; its own clusters that are not expected are
   *extra* (unless `policy.explains` ties them to an expected one). A missing value is paired with
   an extra value of the same version into one mismatch (`de says A where en, ru say B`); unpaired
   missing values are omissions; unpaired extras are not reported (a translator may add context).
   A version that holds an expected value fewer times than its expected count is *short*: that is
   reported only when an extra value of the same version pairs with it (the second of two `20`s
   changed to `21`), never as an omission, because translators often say a repeated figure once.
4. Without a majority: an extra value that contradicts another version's value is reported once,
   on the side with fewer holders; on a tie the side holding the source language is trusted, and
   without a source the side holding the alphabetically first version is (severity warning, the
   message names both sides).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Sequence

from langcheck.model import Fact, Finding, Group, Severity
from langcheck.rules.base import Rule, RuleContext, majority_holders


@dataclass(frozen=True)
class Occurrence:
    """A fact where it was found: `paragraph` is the document's paragraph index."""

    lang: str
    paragraph: int
    fact: Fact


@dataclass
class Cluster:
    """One value as the versions write it: language -> its occurrences (first one first)."""

    members: dict[str, list[Occurrence]] = field(default_factory=dict)

    @property
    def holders(self) -> frozenset[str]:
        return frozenset(self.members)

    def first(self, lang: str) -> Occurrence:
        return self.members[lang][0]

    def facts(self) -> list[Fact]:
        return [o.fact for occs in self.members.values() for o in occs]


@dataclass(frozen=True)
class Discrepancy:
    """What a version gets wrong: `expected` is missing; `found` (if any) stands in its place."""

    lang: str
    expected: Cluster
    found: Occurrence | None
    trusted: bool  # a majority (or the source language) backs the expected value


@dataclass(frozen=True)
class FactPolicy:
    """How one fact kind is compared (all callables are pure)."""

    kind: str
    same: Callable[[Fact, Fact], bool] = lambda a, b: a.key == b.key
    # present_in(cluster, facts of every kind of one version in the group, its group text, its language)
    present_in: Callable[[Cluster, Sequence[Fact], str, str], bool] = lambda c, facts, text, lang: False
    # explains(extra fact, expected cluster): the extra is the expected value in another shape
    explains: Callable[[Fact, Cluster], bool] = lambda f, c: False
    pairable: Callable[[Cluster, Fact], bool] = lambda c, f: True
    # affinity(cluster, fact): higher pairs first (e.g. a percentage with a percentage)
    affinity: Callable[[Cluster, Fact], int] = lambda c, f: 0
    # report_omission(cluster, lang, present versions, lang text)
    report_omission: Callable[[Cluster, str, Sequence[str], str], bool] = lambda c, lang, present, text: True


def compare_group(ctx: RuleContext, group: Group, policy: FactPolicy) -> list[Discrepancy]:
    present = group.present()
    if len(present) < 2:
        return []
    order = sorted(present, key=lambda lang: (lang != ctx.source, lang))
    clusters: list[Cluster] = []
    # One representative fact per distinct key and cluster: equal keys are the same value, so a
    # paragraph repeating one value thousands of times costs one comparison per repeat, not a
    # comparison with every earlier repeat.
    by_key: dict[str, Cluster] = {}
    representatives: list[tuple[Fact, Cluster]] = []
    for lang in order:
        for paragraph in group.paragraphs.get(lang, ()):
            for fact in ctx.facts.get((lang, paragraph), ()):
                if fact.kind != policy.kind:
                    continue
                occurrence = Occurrence(lang, paragraph, fact)
                home = by_key.get(fact.key)
                if home is None:
                    home = next((c for f, c in representatives if policy.same(fact, f)), None)
                    if home is None:
                        home = Cluster({})
                        clusters.append(home)
                    by_key[fact.key] = home
                    representatives.append((fact, home))
                home.members.setdefault(lang, []).append(occurrence)
    expected = [c for c in clusters if majority_holders(c.holders, present, ctx.source)]
    others = [c for c in clusters if not any(c is e for e in expected)]
    out: list[Discrepancy] = []
    for lang in present:
        facts = ctx.group_facts(group, lang)
        text = ctx.group_text(group, lang)
        missing = [c for c in expected if lang not in c.holders and not policy.present_in(c, facts, text, lang)]
        extras = [
            c.first(lang)
            for c in others
            if lang in c.holders and not any(policy.explains(o.fact, e) for e in expected for o in c.members[lang])
        ]
        extras.sort(key=lambda o: (o.paragraph, o.fact.start))
        for cluster in missing:
            found = _pick(cluster, extras, policy)
            if found is None and not policy.report_omission(cluster, lang, present, text):
                continue
            out.append(Discrepancy(lang, cluster, found, trusted=True))
        short = [c for c in expected if lang in c.holders and len(c.members[lang]) < expected_count(c, present)]
        for cluster in short:
            found = _pick(cluster, extras, policy)
            if found is not None:
                # The message names the versions that say the value in full, not this one.
                in_full = Cluster({k: v for k, v in cluster.members.items() if k != lang})
                out.append(Discrepancy(lang, in_full, found, trusted=True))
        out.extend(_disagreements(ctx, lang, present, others, extras, facts, text, policy))
    return out


def expected_count(cluster: Cluster, present: Sequence[str]) -> int:
    """How many times the versions say this value: the largest count a strict majority reaches.

    `20 ... 20` in en, de, fr and `20 ... 21` in es: the count is 2, and es is one short.
    """
    counts = sorted((len(cluster.members.get(lang, ())) for lang in present), reverse=True)
    return counts[len(counts) // 2] if counts else 0


def discrepancy_finding(rule: Rule, ctx: RuleContext, group: Group, d: Discrepancy, *, name: Callable[[Fact], str] | None = None) -> Finding:
    """The finding for one discrepancy, with the shared message shapes."""
    show = name or (lambda f: f.surface)
    holders = sorted(d.expected.holders)
    expected_lang = shown_lang(ctx, d.expected.holders)
    expected = show(d.expected.first(expected_lang).fact)
    verb = "says" if len(holders) == 1 else "say"
    related = ctx.related(group, exclude=[d.lang])
    if d.found is None:
        paragraph = group.paragraphs[d.lang][0]
        expected = _own_form(ctx, d) or expected
        message = f"{d.lang} omits {expected} ({', '.join(holders)})"
        return rule.finding(ctx, d.lang, paragraph, message, expected=expected, related=related, severity=Severity.WARNING)
    found = show(d.found.fact)
    message = f"{d.lang} says {found} where {', '.join(holders)} {verb} {expected}"
    severity = rule.severity if d.trusted else Severity.WARNING
    if not d.trusted:
        message = "no majority: " + message
    span = (d.found.fact.start, d.found.fact.end)
    return rule.finding(
        ctx, d.lang, d.found.paragraph, message, expected=expected, found=found, related=related, span=span, severity=severity
    )


def check_groups(rule: Rule, ctx: RuleContext, policy: FactPolicy, *, name: Callable[[Fact], str] | None = None) -> list[Finding]:
    """Every discrepancy of one kind in the release, as findings, in group order."""
    findings: list[Finding] = []
    for group in ctx.groups:
        for d in compare_group(ctx, group, policy):
            findings.append(discrepancy_finding(rule, ctx, group, d, name=name))
    return findings


# --- helpers ------------------------------------------------------------------------------------


def _pick(cluster: Cluster, extras: list[Occurrence], policy: FactPolicy) -> Occurrence | None:
    """The extra value standing where the missing one should be (consumed once picked)."""
    candidates = [o for o in extras if policy.pairable(cluster, o.fact)]
    if not candidates:
        return None
    best = max(candidates, key=lambda o: policy.affinity(cluster, o.fact))
    extras.remove(best)
    return best


def _disagreements(
    ctx: RuleContext,
    lang: str,
    present: Sequence[str],
    others: list[Cluster],
    extras: list[Occurrence],
    facts: Sequence[Fact],
    text: str,
    policy: FactPolicy,
) -> list[Discrepancy]:
    """Values no majority backs: this version's extra against another version's value."""
    out: list[Discrepancy] = []
    first = min(present)
    for extra in list(extras):
        own = next(c for c in others if lang in c.holders and extra in c.members[lang])
        rivals = [
            c
            for c in others
            if lang not in c.holders
            and not (c.holders & own.holders)
            and policy.pairable(c, extra.fact)
            and not policy.present_in(c, facts, text, lang)
        ]
        if not rivals:
            continue
        rank = lambda c: (len(c.holders), ctx.source in c.holders, first in c.holders)  # noqa: E731
        rival = max(rivals, key=lambda c: (rank(c), policy.affinity(c, extra.fact)))
        if rank(rival) <= rank(own):
            continue
        trusted = ctx.source is not None and ctx.source in rival.holders and len(rival.holders) >= len(own.holders)
        extras.remove(extra)
        out.append(Discrepancy(lang, rival, extra, trusted=trusted))
    return out


def _own_form(ctx: RuleContext, d: Discrepancy) -> str | None:
    """For a glossary value, how the faulty version's own language writes it (`en omits CSTO`)."""
    if ctx.glossary is None:
        return None
    entry = ctx.glossary.by_key().get(d.expected.facts()[0].key)
    forms = entry.forms_in(d.lang) if entry is not None else ()
    return forms[0] if forms else None


def shown_lang(ctx: RuleContext, holders: frozenset[str]) -> str:
    """Whose writing of the expected value the message shows: source, else English, else first."""
    for lang in (ctx.source, "en"):
        if lang in holders:
            return lang
    return min(holders)
