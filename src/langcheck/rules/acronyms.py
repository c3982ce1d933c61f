"""LC401: organisation acronyms that differ between language versions."""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from functools import lru_cache
from typing import Iterable, Iterator, Mapping, Sequence

from langcheck.extract import patterns
from langcheck.extract.terms import is_acronym_form, organisation_relatives
from langcheck.glossary import Glossary
from langcheck.model import Finding, Group, Severity
from langcheck.rules.base import (
    Rule,
    RuleContext,
    facts_by_kind,
    majority_holders,
    rule,
)
from langcheck.rules.fact_compare import (
    Cluster,
    Discrepancy,
    Occurrence,
    discrepancy_finding,
    expected_by,
    strong_omission,
)


@rule("LC401", "acronym-mismatch", "acronym", Severity.ERROR)
def acronym_mismatch(self: Rule, ctx: RuleContext) -> Iterable[Finding]:
    """An organisation named in most versions is missing from one, or replaced by another.

    **What it does.** Reads organisations through the glossary, by acronym, dotted acronym, full
    name or (for countries) adjective in each language (`UN` = `U.N.` = `ООН` = `ONU` = `Vereinte
    Nationen`; `US` = `EE. UU.` = `É.-U.` = `США` = `américain`), plus acronyms defined in the text
    (`Всемирная организация здравоохранения (ВОЗ)`) and acronyms the glossary does not know, and
    compares them across the versions of each aligned group. A version is reported when it
    - writes another glossary organisation, as an acronym that no other version has, where the
      majority name one (error: `de says NATO where en, es, fr, ru say OSCE`), also where it still
      names the expected one but fewer times than most versions do (the replaced mention);
    - writes such an acronym where no value has a majority but two or more other versions write
      one it lacks (warning, weaker evidence: `no majority: de says IWF where en, es say ECD`);
    - leaves out an organisation the majority name: an error where every other version, three or
      more, names it (`en omits CSTO (de, es, fr, ru)`), a warning where fewer do, and for a
      country (a glossary organisation with an adjective form, such as `US`/`américain`),
      which the context often names anyway (`Washington`, `the Trump administration`).

    An acronym the glossary does not know is paired across versions from the release itself: in a
    group where one version lacks the acronym the majority write and has exactly one acronym of
    its own that no other version writes (`ФБР` where the others write `FBI`, `CPF` for `FWC`),
    the two are the same organisation throughout that release (most such pairings win).

    **Why it matters.** `NATO` for `OSCE`, or `EU` for `EAEU`, is a factual error a reader
    trusts because acronyms look authoritative.

    **Example.** `de says NATO where en, fr, ru say OSCE`.

    **Limits.** Evidence is weak where translators legitimately differ, so these are not reported:
    - a version naming a larger or smaller body of the same organisation (`UN-Generalversammlung`
      where the others say `United Nations`; `General Assembly` where some say `UN General
      Assembly`: the glossary's names tell which contains which), unless all other versions name
      the one it leaves out;
    - a version writing an unknown acronym of its own in place of the majority's (a localised
      acronym), or spelling it out (capitalised words whose initials are the acronym's letters, in
      any order: `National Republican Campaign Committee` for `NRCC`; for three letters or more
      also lower-case words: `arts martiaux mixtes` for `MMA`), unless the versions that write
      the acronym spell it out as well;
    - an organisation left out where no version writes it as an acronym (names and adjectives
      are rephrased freely: `the American` may become `he`);
    - an unknown acronym left out unless all other versions (at least two) write it, in the
      script of the version that lacks it (Russian keeps or transliterates Latin acronyms freely);
    - a replacement by a full name or by an unknown acronym (only a glossary acronym no other
      version writes counts as a replacement; otherwise the omission is what is reported);
    - other values without a majority (two versions without `--source`, or a tie).
    With `--source`, the source's organisation is the reference, as for LC201.
    Add organisations to `glossaries/` to check them in every language.
    """
    paired = _pair_unknown_acronyms(ctx)
    relatives = _Relatives(ctx.glossary) if ctx.glossary is not None else {}
    countries = _countries(ctx)
    findings: list[Finding] = []
    for group in paired.groups:
        for d in _compare(paired, group, relatives):
            if d.found is None and d.expected.facts()[0].key in countries:
                d = d._replace(weak=True)
            findings.append(discrepancy_finding(self, paired, group, d))
    return findings


class _Relatives(Mapping[str, frozenset[str]]):
    """`organisation_relatives` of a glossary, made on the first look-up: for the shipped
    glossary that is about 40 ms once per process (the containment of every organisation's
    forms), and a release is asked only where a version lacks or swaps an expected organisation
    (with its facts from the fact memo, a clean release then loads none of it)."""

    def __init__(self, glossary: Glossary) -> None:
        self.glossary = glossary

    def _known(self) -> Mapping[str, frozenset[str]]:
        return organisation_relatives(self.glossary)  # lru_cached per glossary

    def __getitem__(self, key: str) -> frozenset[str]:
        return self._known()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._known())

    def __len__(self) -> int:
        return len(self._known())


def _countries(ctx: RuleContext) -> frozenset[str]:
    """Keys of the glossary organisations that are countries: those with an adjective form (a
    form in lower case: `américain`, `estadounidense`). A country left out is weak evidence: the
    context names it anyway (its capital, its president: `Washington`, `the Trump
    administration`), so translators drop the attributive `US` of `US President` freely."""
    return _country_keys(ctx.glossary) if ctx.glossary is not None else frozenset()


@lru_cache(maxsize=8)
def _country_keys(glossary: Glossary) -> frozenset[str]:
    return frozenset(
        e.key for e in glossary.entries
        if e.type == "organisation" and any(form[:1].islower() for _, forms in e.forms for form in forms)
    )


# --- comparison ---------------------------------------------------------------------------------


def _clusters(ctx: RuleContext, group: Group) -> dict[str, Cluster]:
    """Acronym key -> its occurrences per version in the group (every mention kept, for counts).
    Made once per context and group: the pairing of unknown acronyms and the comparison read the
    same clusters (where the pairing renames facts, its context is a new one), and neither
    changes them."""
    memo = ctx.shared(_cluster_memo)
    known = memo.get(id(group))
    if known is None or known[0] is not group:
        known = memo[id(group)] = (group, _cluster(ctx, group))
    return known[1]


def _cluster_memo(ctx: RuleContext) -> dict[int, tuple[Group, dict[str, Cluster]]]:
    return {}


def _cluster(ctx: RuleContext, group: Group) -> dict[str, Cluster]:
    out: dict[str, Cluster] = {}
    order = sorted(group.present(), key=lambda lang: (lang != ctx.source, lang))
    acronyms = ctx.shared(facts_by_kind).get("acronym", {})
    for lang in order:
        for paragraph in group.paragraphs.get(lang, ()):
            for fact in acronyms.get((lang, paragraph), ()):
                out.setdefault(fact.key, Cluster({})).members.setdefault(lang, []).append(
                    Occurrence(lang, paragraph, fact)
                )
    return out


def _expected(
    ctx: RuleContext, clusters: Mapping[str, Cluster], present: Sequence[str], *, by_majority: bool = False
) -> list[str]:
    """The keys of the expected organisations (`expected_by`; `by_majority`: the majority's only,
    whatever the source says - the release's own evidence for pairing unknown acronyms)."""
    least = 2 if len(present) >= 3 else 1
    decides = majority_holders if by_majority else expected_by
    return [
        k for k, c in clusters.items()
        if len(c.holders) >= least and (decides(c.holders, present, ctx.source) or _unopposed(ctx, c, clusters, present))
    ]


def _unopposed(ctx: RuleContext, cluster: Cluster, clusters: Mapping[str, Cluster], present: Sequence[str]) -> bool:
    """With the source present: an organisation a strict majority names and the source does not,
    where the source names no other one together with another version (the source alone wrote
    another: it is the odd one out)."""
    source = ctx.source
    if source is None or source not in present or source in cluster.holders:
        return False
    if not majority_holders(cluster.holders, present, source):
        return False
    return not any(o is not cluster and source in o.holders and len(o.holders) >= 2 for o in clusters.values())


def _compare(ctx: RuleContext, group: Group, relatives: Mapping[str, frozenset[str]]) -> list[Discrepancy]:
    present = group.present()
    if len(present) < 2:
        return []
    clusters = _clusters(ctx, group)
    if not clusters:
        return []  # no organisation in any version: nothing is missing or replaced
    expected = _expected(ctx, clusters, present)
    out: list[Discrepancy] = []
    texts = _Texts(ctx, group)
    for lang in present:
        own = {k for k, c in clusters.items() if lang in c.holders}
        unique = sorted(
            (c.first(lang) for k, c in clusters.items() if c.holders == {lang}),
            key=lambda o: (o.paragraph, o.fact.start),
        )
        swaps = [o for o in unique if o.fact.key.startswith("org:") and is_acronym_form(o.fact.surface)]
        local = [o for o in unique if o.fact.key.startswith("acr:")]
        for key in expected:
            cluster = clusters[key]
            if lang in cluster.holders or _written(cluster, texts[lang]):
                continue
            kin = relatives.get(key, frozenset())
            found = next((o for o in swaps if o.fact.key not in kin), None)
            if found is not None:
                swaps.remove(found)
                out.append(Discrepancy(lang, cluster, found, trusted=True))
            elif majority_holders(cluster.holders, present, ctx.source) and _report_omission(
                key, cluster, lang, present, own, kin, bool(local), texts
            ):
                weak = not strong_omission(cluster.holders, lang, present)
                out.append(Discrepancy(lang, cluster, None, trusted=True, weak=weak))
        for found in swaps:
            kin = relatives.get(found.fact.key, frozenset())
            fewer = _fewer_mentions(clusters, expected, lang, kin)
            if fewer is not None:
                out.append(Discrepancy(lang, fewer, found, trusted=True))
                continue
            rival = _rival(clusters, expected, lang, kin, texts[lang])
            if rival is not None:
                out.append(Discrepancy(lang, rival, found, trusted=False))
    return out


class _Texts(Mapping[str, str]):
    """The group's text of each version, joined on first use (most versions need none)."""

    def __init__(self, ctx: RuleContext, group: Group) -> None:
        self.ctx, self.group, self.present = ctx, group, group.present()
        self.known: dict[str, str] = {}

    def __getitem__(self, lang: str) -> str:
        text = self.known.get(lang)
        if text is None:
            if lang not in self.present:
                raise KeyError(lang)
            text = self.known[lang] = self.ctx.group_text(self.group, lang)
        return text

    def __iter__(self) -> Iterator[str]:
        return iter(self.present)

    def __len__(self) -> int:
        return len(self.present)


def _rival(
    clusters: Mapping[str, Cluster], expected: Sequence[str], lang: str, kin: frozenset[str], text: str
) -> Cluster | None:
    """For a glossary acronym only this version writes: the value at least two other versions
    write, without a majority, that this version lacks (the one it most likely replaced)."""
    lacking = [
        c for k, c in clusters.items()
        if k not in expected and k not in kin and lang not in c.holders and len(c.holders) >= 2 and not _written(c, text)
        and any(is_acronym_form(f.surface) for f in c.facts())
    ]
    if not lacking:
        return None
    best = max(len(c.holders) for c in lacking)
    top = [c for c in lacking if len(c.holders) == best]
    return top[0] if len(top) == 1 else None


def _written(cluster: Cluster, text: str) -> bool:
    """An acronym of the cluster written where the extractor did not take it (`US-Dollar`)."""
    surfaces = {f.surface for f in cluster.facts() if len(f.surface) >= 2 and is_acronym_form(f.surface)}
    return any(re.search(rf"(?<!\w){re.escape(s)}s?(?!\w)", text) for s in surfaces)


def _report_omission(
    key: str,
    cluster: Cluster,
    lang: str,
    present: Sequence[str],
    own: set[str],
    kin: frozenset[str],
    has_local: bool,
    texts: Mapping[str, str],
) -> bool:
    """Whether leaving out `cluster` is worth a warning (see the rule's Limits)."""
    text = texts[lang]
    others = set(present) - {lang}
    if own & kin and not cluster.holders >= others:
        return False  # a part or the whole of the same organisation (General Assembly / UN)
    if not any(is_acronym_form(f.surface) for f in cluster.facts()):
        return False  # nobody wrote an acronym: names and adjectives are rephrased too freely
    if key.startswith("org:"):
        return True
    if not (len(others) >= 2 and cluster.holders >= others):
        return False
    if has_local:
        return False
    if _spelled_out(key[4:], text) and not any(_spelled_out(key[4:], texts[h]) for h in cluster.holders):
        return False  # spelled out here only; where the others spell it out too, they also abbreviate
    return _script(key[4:]) == _script(text)


def _fewer_mentions(
    clusters: Mapping[str, Cluster], expected: Sequence[str], lang: str, kin: frozenset[str]
) -> Cluster | None:
    """The expected organisation this version names fewer times than most other versions do
    (one mention replaced by an acronym nobody else writes), if exactly one is."""
    short: list[Cluster] = []
    for key in expected:
        cluster = clusters[key]
        if lang not in cluster.holders or key in kin:
            continue
        mine = len(cluster.members[lang])
        more = sum(len(occs) > mine for other, occs in cluster.members.items() if other != lang)
        if 2 * more > len(cluster.holders) - 1:
            # The message names the versions that keep every mention, not this one.
            short.append(Cluster({other: occs for other, occs in cluster.members.items() if other != lang}))
    return short[0] if len(short) == 1 else None


# --- evidence of a spelled-out acronym ----------------------------------------------------------

_CAPITALISED = patterns.compile(r"(?<!\w)[A-ZÀ-ÖØ-ÞА-ЯЁ][\w'’-]*")
_LONG_WORD = patterns.compile(r"(?<!\w)[^\W\d_]{4,}")
_SMALL_WORD = patterns.compile(r"(?<!\w)[^\W\d_]{1,3}(?!\w)")


def _spelled_out(acronym: str, text: str) -> bool:
    """Whether words next to each other (short function words may sit between) have the
    acronym's letters as initials, in any order: capitalised words (`Democratic Campaign
    Congressional Committee` for `DCCC`), or, for three letters or more, words of four letters or more in any case
    (`arts martiaux mixtes` for `MMA`)."""
    letters = Counter(ch for ch in acronym.upper() if ch.isalpha())
    n = sum(letters.values())
    if n < 2:
        return False
    patterns = (_CAPITALISED, _LONG_WORD) if n >= 3 else (_CAPITALISED,)
    return any(_initials_match(pattern, text, letters, n) for pattern in patterns)


def _initials_match(pattern: re.Pattern[str], text: str, letters: Counter[str], n: int) -> bool:
    runs: list[list[str]] = [[]]
    pos = 0
    for m in pattern.finditer(text):
        if runs[-1] and not _only_small_words(text[pos : m.start()]):
            runs.append([])
        runs[-1].append(m.group()[0].upper())
        pos = m.end()
    return any(Counter(run[i : i + n]) == letters for run in runs for i in range(len(run) - n + 1))


def _only_small_words(gap: str) -> bool:
    rest = _SMALL_WORD.sub("", gap)
    return len(gap) <= 20 and all(not ch.isalnum() and ch not in ".,;:!?()" for ch in rest)


def _script(text: str) -> str:
    letters = [ch for ch in text if ch.isalpha()]
    cyrillic = sum("\u0400" <= ch <= "\u04ff" for ch in letters)
    return "cyrillic" if cyrillic * 2 > len(letters) else "latin"


# --- unknown acronyms paired across versions -----------------------------------------------------


def _pair_unknown_acronyms(ctx: RuleContext) -> RuleContext:
    """The context with each version's own writing of an unknown acronym keyed as the majority's
    (`acr:ФБР` -> `acr:FBI` in ru), where the groups of the release pair them (see the docstring)."""
    votes: dict[tuple[str, str], Counter[str]] = {}
    for group in ctx.groups:
        present = group.present()
        if len(present) < 3:
            continue
        clusters = {k: c for k, c in _clusters(ctx, group).items() if k.startswith("acr:")}
        expected = _expected(ctx, clusters, present, by_majority=True)
        for lang in present:
            missing = [k for k in expected if lang not in clusters[k].holders]
            own = [k for k, c in clusters.items() if c.holders == {lang}]
            if len(missing) == 1 and len(own) == 1:
                votes.setdefault((lang, own[0]), Counter())[missing[0]] += 1
    renames: dict[tuple[str, str], str] = {}
    for (lang, key), counter in votes.items():
        ranked = counter.most_common(2)
        if len(ranked) == 1 or ranked[0][1] > ranked[1][1]:
            renames[(lang, key)] = ranked[0][0]
    if not renames:
        return ctx
    facts = {
        (lang, paragraph): tuple(
            dataclasses.replace(f, key=renames[(lang, f.key)]) if f.kind == "acronym" and (lang, f.key) in renames else f
            for f in paragraph_facts
        )
        for (lang, paragraph), paragraph_facts in ctx.facts.items()
    }
    return dataclasses.replace(ctx, facts=facts)
