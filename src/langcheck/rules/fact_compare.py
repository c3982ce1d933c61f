"""Compare one kind of fact across all versions of an aligned group at once.

Shared by the fact rules (LC201 numbers, LC202 dates, LC301 names, LC401 acronyms, LC402 terms);
each rule supplies a `FactPolicy` saying when two facts are the same and when a version that lacks
a value still has it in another shape. The algorithm, per group:

1. Cluster every version's facts of the kind with `policy.same`, keeping every occurrence: a
   value is a multiset member, so `20 ... 20` and `20 ... 21` differ.
2. Which clusters are *expected* (`expected_by`). Without a source, or where the source has no
   paragraph in the group, the majority decides: a cluster held by a strict majority of the
   present versions. With the source present, the source is the reference (as in a CAT tool's
   QA): a value the source and at least one other version hold is expected (with only one other
   version, the source alone decides); a value the source lacks is expected only when every
   other version (at least two) holds it, or a strict majority does and the source shares no
   value standing against it with another version - then the source is the odd one out and its
   finding says "check the source". A value only the source and a minority hold pairs with the value
   another version writes in its place, but its mere absence is not reported (three versions
   without it are too much counter-evidence). Its *expected count* is the largest count that a
   strict majority of the present versions reach (`expected_count`).
3. For every version: the expected clusters it lacks (unless `policy.present_in` finds them in
   another shape or in its raw text) are *missing*; its own clusters that are not expected are
   *extra* (unless `policy.explains` ties them to an expected one). A missing value is paired with
   an extra value of the same version into one mismatch (`de says A where en, ru say B`); unpaired
   missing values are omissions; unpaired extras are not reported (a translator may add context).
   An omission is *strong* (the rule's own severity, an error) when every other version states
   the value and at least three versions hold it; otherwise, or where `policy.weak_omission`
   says the version still holds a vaguer form of it, it is a warning.
   A version that holds an expected value fewer times than its expected count is *short*: that is
   reported only when an extra value of the same version pairs with it (the second of two `20`s
   changed to `21`), never as an omission, because translators often say a repeated figure once.
4. Without an expected value: an extra value that contradicts another version's value is reported once,
   on the side with fewer holders; on a tie the side holding the source language is trusted, and
   without a source the side holding the alphabetically first version is (severity warning, the
   message names both sides).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from functools import cached_property
from typing import Callable, NamedTuple, Sequence

from langcheck.model import Fact, Finding, Group, Location, Severity
from langcheck.rules.base import Rule, RuleContext, facts_by_kind, majority_holders

# A fact that every other version states is evidence enough for an error only when at least
# this many versions hold it (two versions against one is too easily a shared quirk).
STRONG_OMISSION_HOLDERS = 3


class Occurrence(NamedTuple):
    """A fact where it was found: `paragraph` is the document's paragraph index."""

    # A NamedTuple, not a frozen dataclass: one is made for every fact of a compared kind, and
    # the class is made at every import (a dataclass's generated methods cost ~0.5 ms there).

    lang: str
    paragraph: int
    fact: Fact


@dataclass
class Cluster:
    """One value as the versions write it: language -> its occurrences (first one first)."""

    members: dict[str, list[Occurrence]] = field(default_factory=dict)
    _holders: frozenset[str] = field(default=frozenset(), init=False, repr=False, compare=False)

    @property
    def holders(self) -> frozenset[str]:
        # Asked about a hundred thousand times per archive of thirty releases: kept, and made
        # again only when a language joined (members only ever gains languages).
        if len(self._holders) != len(self.members):
            self._holders = frozenset(self.members)
        return self._holders

    def first(self, lang: str) -> Occurrence:
        return self.members[lang][0]

    def facts(self) -> list[Fact]:
        return [o.fact for occs in self.members.values() for o in occs]


class Discrepancy(NamedTuple):
    """What a version gets wrong: `expected` is missing; `found` (if any) stands in its place."""

    lang: str
    expected: Cluster
    found: Occurrence | None
    trusted: bool  # a majority (or the source language) backs the expected value
    # An omission on weak evidence (not every other version states it, fewer than three hold it,
    # or the version writes a vaguer form): reported as a warning, not at the rule's severity.
    weak: bool = False


def same_key(a: Fact, b: Fact) -> bool:
    """The default sameness: equal keys (what `compare_group` already groups by)."""
    return a.key == b.key


def explains_nothing(fact: Fact, cluster: Cluster) -> bool:
    """The default `explains`: no extra value is another shape of an expected one."""
    return False


@dataclass(frozen=True)
class FactPolicy:
    """How one fact kind is compared (all callables are pure)."""

    kind: str
    same: Callable[[Fact, Fact], bool] = same_key
    # present_in(cluster, facts of every kind of one version in the group, its group text, its language)
    present_in: Callable[[Cluster, Sequence[Fact], str, str], bool] = lambda c, facts, text, lang: False
    # explains(extra fact, expected cluster): the extra is the expected value in another shape
    explains: Callable[[Fact, Cluster], bool] = explains_nothing
    pairable: Callable[[Cluster, Fact], bool] = lambda c, f: True
    # affinity(cluster, fact): higher pairs first (e.g. a percentage with a percentage)
    affinity: Callable[[Cluster, Fact], int] = lambda c, f: 0
    # report_omission(cluster, lang, present versions, lang text)
    report_omission: Callable[[Cluster, str, Sequence[str], str], bool] = lambda c, lang, present, text: True
    # weak_omission(cluster, facts of every kind of one version, its group text, its language):
    # the version says less rather than nothing (a month where the others give the day)
    weak_omission: Callable[[Cluster, Sequence[Fact], str, str], bool] = lambda c, facts, text, lang: False
    # same_among(fact, representatives): the cluster of the first (fact, cluster) pair whose fact
    # `same` finds the same as `fact` (a fact whose key is new to the group), or None; for a
    # policy that answers faster than `same` asked of each pair in turn (None: ask `same`).
    same_among: Callable[[Fact, Sequence[tuple[Fact, Cluster]]], Cluster | None] | None = None


def compare_group(ctx: RuleContext, group: Group, policy: FactPolicy) -> list[Discrepancy]:
    present = group.present()
    if len(present) < 2 or _same_keys_everywhere(ctx, group, present, policy.kind):
        return []
    clusters = _clusters(ctx, group, present, policy)
    if not clusters:
        return []  # no value of this kind in any version: nothing is missing, extra or short
    expected = [c for c in clusters if expected_by(c.holders, present, ctx.source) or _unopposed_majority(ctx, c, clusters, present, policy)]
    chosen = {id(c) for c in expected}
    others = [c for c in clusters if id(c) not in chosen]
    # The clusters each version holds among the others, in cluster order: one pass over their
    # members, not one over every cluster per version (most values are held by one or two).
    held_by: dict[str, list[Cluster]] = {}
    for c in others:
        for lang in c.members:
            held_by.setdefault(lang, []).append(c)
    ranks: dict[int, tuple[int, bool, bool]] | None = None
    counts: list[int] | None = None
    out: list[Discrepancy] = []
    explains = policy.explains is not explains_nothing
    for lang in present:
        # Each extra is the first occurrence of its own cluster (an occurrence is in one
        # cluster only: equal occurrences have equal keys, and a key has one cluster).
        own_cluster = {
            id(c.first(lang)): c
            for c in held_by.get(lang, ())
            if not (explains and any(policy.explains(o.fact, e) for e in expected for o in c.members[lang]))
        }
        extras = [c.first(lang) for c in own_cluster.values()]
        lacking = [c for c in expected if lang not in c.members]
        if not extras and not lacking:
            continue  # every expected value and nothing else: nothing can be missing, short or extra
        extras.sort(key=lambda o: (o.paragraph, o.fact.start))
        version = _Version(ctx, group, lang, policy)
        for cluster in lacking:
            # A value this version lacks is missing unless `present_in` finds it in another
            # shape; that test is the costliest, so it is made only where a missing value
            # would be reported: paired with an extra, or as an omission.
            candidates = [o for o in extras if policy.pairable(cluster, o.fact)]
            if not candidates:
                if not majority_holders(cluster.holders, present, ctx.source):
                    continue  # only the source and a minority hold it: see step 2
                if not policy.report_omission(cluster, lang, present, version.text):
                    continue
                if version.present(cluster):
                    continue
                weak = not strong_omission(cluster.holders, lang, present) or policy.weak_omission(
                    cluster, version.facts, version.text, lang
                )
                out.append(Discrepancy(lang, cluster, None, trusted=True, weak=weak))
                continue
            if version.present(cluster):
                continue
            out.append(Discrepancy(lang, cluster, _take_best(cluster, candidates, extras, policy), trusted=True))
        if not extras:
            continue  # a value said fewer times is reported only when an extra pairs with it
        if counts is None:
            counts = [expected_count(c, present) for c in expected]
        short = [c for c, count in zip(expected, counts) if lang in c.members and len(c.members[lang]) < count]
        for cluster in short:
            found = _pick(cluster, extras, policy)
            if found is not None:
                # The message names the versions that say the value in full, not this one.
                in_full = Cluster({k: v for k, v in cluster.members.items() if k != lang})
                out.append(Discrepancy(lang, in_full, found, trusted=True))
        if ranks is None:
            first = min(present)
            ranks = {id(c): _rank(c, ctx.source, first) for c in others}
        out.extend(_disagreements(ctx, lang, others, extras, own_cluster, version, policy, ranks))
    return out


def _same_keys_everywhere(ctx: RuleContext, group: Group, present: Sequence[str], kind: str) -> bool:
    """Whether every present version holds the same set of keys of `kind` in the group (none
    at all included): then nothing can be reported, so the group is not clustered.

    Why that cannot change a finding: `_cluster` puts every key in one cluster, so each cluster
    is held by every version that holds one of its keys - here by all present versions. A
    cluster held by all is expected (`expected_by`: a majority of all, or the source with at
    least one other), so no version lacks an expected value and none has an extra (a cluster
    that is not expected); `compare_group` reports only from those two (a short count is looked
    at only where an extra could pair with it)."""
    of_kind = ctx.shared(facts_by_kind).get(kind)
    if of_kind is None:
        return True
    first: set[str] | None = None
    for lang in present:
        keys = {f.key for paragraph in group.paragraphs.get(lang, ()) for f in of_kind.get((lang, paragraph), ())}
        if first is None:
            first = keys
        elif keys != first:
            return False
    return True


def _clusters(ctx: RuleContext, group: Group, present: Sequence[str], policy: FactPolicy) -> list[Cluster]:
    """The group's values of the policy's kind, clustered with its sameness (step 1), in the
    order they are first met. Kept per context: two policies of one kind and sameness (LC201's
    main and small-figure passes) read the same clusters, and nothing changes them."""
    memo = ctx.shared(_cluster_memo)
    key = (id(group), policy.kind, policy.same, policy.same_among)
    known = memo.get(key)
    if known is None or known[0] is not group:
        known = memo[key] = (group, _cluster(ctx, group, present, policy))
    return known[1]


def _cluster_memo(ctx: RuleContext) -> dict[tuple[object, ...], tuple[Group, list[Cluster]]]:
    return {}


def _cluster(ctx: RuleContext, group: Group, present: Sequence[str], policy: FactPolicy) -> list[Cluster]:
    order = sorted(present, key=lambda lang: (lang != ctx.source, lang))
    clusters: list[Cluster] = []
    # One representative fact per distinct key and cluster: equal keys are the same value, so a
    # paragraph repeating one value thousands of times costs one comparison per repeat, not a
    # comparison with every earlier repeat.
    by_key: dict[str, Cluster] = {}
    representatives: list[tuple[Fact, Cluster]] = []
    by_key_only = policy.same is same_key
    of_kind = ctx.shared(facts_by_kind).get(policy.kind, {})
    for lang in order:
        for paragraph in group.paragraphs.get(lang, ()):
            for fact in of_kind.get((lang, paragraph), ()):
                occurrence = Occurrence(lang, paragraph, fact)
                home = by_key.get(fact.key)
                if home is None:
                    # With sameness by key, a new key is the same as no earlier fact.
                    if by_key_only:
                        home = None
                    elif policy.same_among is not None:
                        home = policy.same_among(fact, representatives)
                    else:
                        home = next((c for f, c in representatives if policy.same(fact, f)), None)
                    if home is None:
                        home = Cluster({})
                        clusters.append(home)
                    by_key[fact.key] = home
                    representatives.append((fact, home))
                home.members.setdefault(lang, []).append(occurrence)
    return clusters


class _Version:
    """One version of one group as a policy sees it: its facts of every kind and its text, each
    made on first use (most versions need neither), and `present(cluster)`: `policy.present_in`
    asked once per cluster (the policy is pure, and the clusters do not change once the group
    is clustered)."""

    def __init__(self, ctx: RuleContext, group: Group, lang: str, policy: FactPolicy) -> None:
        self.ctx, self.group, self.lang, self.policy = ctx, group, lang, policy
        self.known: dict[int, bool] = {}

    @cached_property
    def facts(self) -> tuple[Fact, ...]:
        return self.ctx.group_facts(self.group, self.lang)

    @cached_property
    def text(self) -> str:
        return self.ctx.group_text(self.group, self.lang)

    def present(self, cluster: Cluster) -> bool:
        found = self.known.get(id(cluster))
        if found is None:
            found = self.known[id(cluster)] = self.policy.present_in(cluster, self.facts, self.text, self.lang)
        return found


def expected_by(holders: frozenset[str], present: Sequence[str], source: str | None) -> bool:
    """Whether the versions in `holders` state the reference value among the `present` ones.

    Without a source (or with the source absent from the group) the majority decides
    (`majority_holders`). With the source present the source decides: a value it holds with at
    least one other version (or against the one other version there is), and a value it lacks
    only when all the other versions, at least two, hold it (the source is then the odd one out).
    """
    if source is None or source not in present:
        return majority_holders(holders, present, source)
    others = set(present) - {source}
    mine = set(holders) & set(present)
    if source in mine:
        return len(others) == 1 or len(mine) >= 2
    return len(others) >= 2 and mine >= others


def _unopposed_majority(ctx: RuleContext, cluster: Cluster, clusters: Sequence[Cluster], present: Sequence[str], policy: FactPolicy) -> bool:
    """With the source present: a value a strict majority holds, the source lacks, and no value
    the source shares with another version stands against (the source alone wrote another
    value: it is the odd one out, even where not all the others agree)."""
    if ctx.source is None or ctx.source not in present or ctx.source in cluster.holders:
        return False
    if not majority_holders(cluster.holders, present, ctx.source):
        return False
    return not any(
        o is not cluster and ctx.source in o.holders and len(o.holders & set(present)) >= 2 and policy.pairable(cluster, o.facts()[0])
        for o in clusters
    )


def strong_omission(holders: frozenset[str], lang: str, present: Sequence[str]) -> bool:
    """Whether leaving a value out is an error: every other version states it, three or more do."""
    others = set(present) - {lang}
    return len(holders) >= STRONG_OMISSION_HOLDERS and set(holders) >= others


def expected_count(cluster: Cluster, present: Sequence[str]) -> int:
    """How many times the versions say this value: the largest count a strict majority reaches.

    `20 ... 20` in en, de, fr and `20 ... 21` in es: the count is 2, and es is one short.
    """
    counts = sorted((len(cluster.members.get(lang, ())) for lang in present), reverse=True)
    return counts[len(counts) // 2] if counts else 0


# How a value reads: (its value in plain digits, the digits its writing shows). Two writings
# with the same digits and different values (`1,200` = 1200 in English, `1,200` = 1.2 in
# German) are shown with their values.
Meaning = Callable[[Fact], tuple[str, str]]


def discrepancy_finding(
    rule: Rule,
    ctx: RuleContext,
    group: Group,
    d: Discrepancy,
    *,
    name: Callable[[Fact], str] | None = None,
    meaning: Meaning | None = None,
) -> Finding:
    """The finding for one discrepancy, with the shared message shapes.

    The expected value is quoted from a version a reader can use (`preferred_langs`); every
    other version's own writing of it is kept in `related[].form`. With `meaning`, a writing
    that shows the same digits as the other side's but means another value is followed by its
    value, and the other side by all its writings: `de says 1,200 (= 1.2) where en, es, fr, ru
    say 1,200 / 1.200 / 1 200 (= 1200)`.
    """
    show = name or (lambda f: f.surface)
    holders = sorted(d.expected.holders)
    who = ", ".join(f"{h} (source)" if h == ctx.source else h for h in holders)
    me = f"{d.lang} (source)" if d.lang == ctx.source else d.lang
    # All the others agree against the source: the source is the odd one out.
    check_source = d.trusted and ctx.source is not None and d.lang == ctx.source and ctx.source not in d.expected.holders
    tail = ": check the source" if check_source else ""
    verb = "says" if len(holders) == 1 else "say"
    related = _related_forms(ctx, group, d, show)
    if d.found is None:
        own = _own_form(ctx, d)
        order = preferred_langs(ctx, d.expected.holders, d.lang)
        expected = own or show(d.expected.first(order[0]).fact)
        shown = expected
        message = f"{me} omits {shown} ({who}){tail}"
        severity = Severity.WARNING if d.weak else rule.severity
        paragraph = group.paragraphs[d.lang][0]
        return rule.finding(ctx, d.lang, paragraph, message, expected=expected, related=related, severity=severity)
    order = preferred_langs(ctx, d.expected.holders, d.lang)
    own = None if any(lang in d.expected.holders for lang in (ctx.source, "en")) else _own_form(ctx, d, show)
    expected = own or show(d.expected.first(order[0]).fact)
    found = show(d.found.fact)
    found_text, expected_text = found, expected
    if meaning is not None:
        value, digits = meaning(d.found.fact)
        if digits and any(meaning(o.fact)[1] == digits for occs in d.expected.members.values() for o in occs):
            found_text = f"{found} (= {value})"
            expected_text = _expected_text(d, order, show, meaning)
    message = f"{me} says {found_text} where {who} {verb} {expected_text}{tail}"
    severity = rule.severity if d.trusted else Severity.WARNING
    if not d.trusted:
        message = "no majority: " + message
    span = (d.found.fact.start, d.found.fact.end)
    return rule.finding(
        ctx, d.lang, d.found.paragraph, message, expected=expected, found=found, related=related, span=span, severity=severity
    )


def _expected_text(d: Discrepancy, order: Sequence[str], show: Callable[[Fact], str], meaning: Meaning) -> str:
    """Every distinct writing of the expected value, in preference order, and its value."""
    facts = [d.expected.first(lang).fact for lang in order]
    forms = list(dict.fromkeys(show(f) for f in facts))
    return f"{' / '.join(forms)} (= {meaning(facts[0])[0]})"


def _related_forms(ctx: RuleContext, group: Group, d: Discrepancy, show: Callable[[Fact], str]) -> tuple[Location, ...]:
    """Every other version's paragraph, with its own writing of the expected value where it has one."""
    out: list[Location] = []
    for loc in ctx.related(group, exclude=[d.lang]):
        occurrences = d.expected.members.get(loc.lang)
        if occurrences:
            first = occurrences[0]
            loc = dataclasses.replace(ctx.location(loc.lang, first.paragraph), form=show(first.fact))
        out.append(loc)
    return tuple(out)


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
    return _take_best(cluster, candidates, extras, policy)


def _take_best(cluster: Cluster, candidates: list[Occurrence], extras: list[Occurrence], policy: FactPolicy) -> Occurrence:
    """The candidate (extras pairable with `cluster`) of highest affinity, taken out of `extras`."""
    best = max(candidates, key=lambda o: policy.affinity(cluster, o.fact))
    extras.remove(best)
    return best


def _disagreements(
    ctx: RuleContext,
    lang: str,
    others: list[Cluster],
    extras: list[Occurrence],
    own_cluster: dict[int, Cluster],
    version: _Version,
    policy: FactPolicy,
    ranks: dict[int, tuple[int, bool, bool]],
) -> list[Discrepancy]:
    """Values no majority backs: this version's extra against another version's value.
    `own_cluster[id(extra)]` is the cluster an extra is the first occurrence of; `ranks[id(c)]`
    how much a cluster is trusted (`_rank`)."""
    out: list[Discrepancy] = []
    rank = lambda c: ranks[id(c)]  # noqa: E731
    # The clusters this version does not hold are the possible rivals of its extras; a rival
    # ranked no higher than the extra's own value is never taken, so none is tested.
    foreign = [(rank(c), c) for c in others if lang not in c.members]
    for extra in list(extras):
        own = own_cluster[id(extra)]
        mine = rank(own)
        rivals = [
            c
            for ranked, c in foreign
            if ranked > mine
            and c.holders.isdisjoint(own.holders)
            and policy.pairable(c, extra.fact)
            and not version.present(c)
        ]
        if not rivals:
            continue
        rival = max(rivals, key=lambda c: (rank(c), policy.affinity(c, extra.fact)))
        trusted = ctx.source is not None and ctx.source in rival.holders and len(rival.holders) >= len(own.holders)
        extras.remove(extra)
        out.append(Discrepancy(lang, rival, extra, trusted=trusted))
    return out


def _rank(cluster: Cluster, source: str | None, first: str) -> tuple[int, bool, bool]:
    """How far a value without a majority is trusted: its holders, then whether the source
    holds it, then whether the alphabetically first present version does."""
    return len(cluster.holders), source in cluster.holders, first in cluster.holders


def _own_form(ctx: RuleContext, d: Discrepancy, show: Callable[[Fact], str] | None = None) -> str | None:
    """For a glossary value, how the faulty version's own language writes it (`en omits CSTO`).

    With `show` (a replacement, named as written: `Putin`), a person the other versions name by
    surname is named by the surname of the glossary's form (`Lukashenko`)."""
    if ctx.glossary is None:
        return None
    fact = d.expected.facts()[0]
    entry = ctx.glossary.by_key().get(fact.key)
    forms = entry.forms_in(d.lang) if entry is not None else ()
    if not forms:
        return None
    form = forms[0]
    if show is not None and fact.key.startswith("person:") and all(len(show(f).split()) == 1 for f in d.expected.facts()):
        return form.split()[-1]
    return form


def preferred_langs(ctx: RuleContext, holders: frozenset[str], lang: str | None = None) -> list[str]:
    """The holders, in the order a reader of version `lang` can best use their writing: the
    source, English, versions in the same script as `lang` (Latin or Cyrillic), then the rest
    alphabetically."""
    script = _script(ctx, lang) if lang is not None else None
    return sorted(holders, key=lambda h: (h != ctx.source, h != "en", script is not None and _script(ctx, h) != script, h))


def _script(ctx: RuleContext, lang: str) -> str:
    """`cyrillic` or `latin`: the script most letters of the version's first paragraphs are in.
    Read once per version and context: every finding's message orders its holders by it, and
    the documents do not change while the context is checked."""
    scripts = ctx.shared(_script_memo)
    known = scripts.get(lang)
    if known is None:
        known = scripts[lang] = _read_script(ctx, lang)
    return known


def _script_memo(ctx: RuleContext) -> dict[str, str]:
    return {}


def _read_script(ctx: RuleContext, lang: str) -> str:
    doc = ctx.release.documents.get(lang)
    text = " ".join(p.text for p in doc.paragraphs[:3]) if doc is not None else ""
    letters = [ch for ch in text[:2000] if ch.isalpha()]
    cyrillic = sum("\u0400" <= ch <= "\u04ff" for ch in letters)
    return "cyrillic" if letters and 2 * cyrillic > len(letters) else "latin"


def shown_lang(ctx: RuleContext, holders: frozenset[str], lang: str | None = None) -> str:
    """Whose writing of the expected value the message shows (the first of `preferred_langs`)."""
    return preferred_langs(ctx, holders, lang)[0]
