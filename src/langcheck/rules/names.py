"""LC3xx: names of people and places that differ between language versions."""

from __future__ import annotations

from bisect import bisect_left
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING, Iterable, Sequence

from rapidfuzz import fuzz

from langcheck.extract import patterns
from langcheck.extract.names import coarse_fold, fold_name, name_context, same_name
from langcheck.extract.proper_names import is_title_word, well_known
from langcheck.extract.transliterate import name_skeletons, sound_heads, sounds_alike
from langcheck.model import Fact, Finding, Severity
from langcheck.rules.base import Rule, RuleContext, facts_by_kind, rule
from langcheck.rules.fact_compare import Cluster, FactPolicy, check_groups

if TYPE_CHECKING:
    from langcheck.glossary import Glossary

_WORD = patterns.compile(r"[^\W\d_]+(?:-[^\W\d_]+)?")
# How far (as a share of the paragraph's length) a replacement may stand from where the other
# versions write the name; translations keep names roughly in place.
POSITION_WINDOW = 0.2
# A name as frequent as this where it is expected (`Wales`, zipf 4.6) and one at least this
# frequent in its place (`Gales`, 3.6) are taken as one place under two names (see
# `langcheck.extract.proper_names.well_known`); invented or rare replacements stay below.
EXONYM_EXPECTED_ZIPF = 3.9
EXONYM_FOUND_ZIPF = 3.3
MISSPELLING_SIMILARITY = 70.0
_GLOSSARY_KINDS = {"person", "place"}
_CUED_KINDS = {"person", "place", "name"}
_WEAK_KINDS = {"capital", "lead"}
_CONTEXT_MARKS = {"title", "initials"}


@rule("LC301", "name-mismatch", "name", Severity.ERROR)
def name_mismatch(self: Rule, ctx: RuleContext) -> Iterable[Finding]:
    """A person or place named in most versions is missing from one, or replaced by another name.

    **What it does.** Every capitalised word that is not just a sentence start is a possible
    name (`langcheck.extract.proper_names`); a name is *expected* when most versions write it,
    matched across scripts, orthographies and Russian declension by sound (`Хамфриз` =
    `Humphreys`, `Уораллу` = `Worrall`, `Moskau` = `Moscú` = `Москве`) or by spelling folds
    (`Lukaschenko` = `Loukachenko`). A version that lacks an expected name is checked for it in any
    shape (an ordinary word: `presidente`; a compound: `Nordkoreas`) and otherwise is reported
    when a name-like word of its own stands in its place. People in the shipped glossary are
    matched through it.

    **Why it matters.** Naming the wrong minister or the wrong city, or dropping who said
    something, changes the meaning of a release.

    **Example.** `en says Lindqvist where de, es, fr, ru say Harris`; `es says Astaná where de,
    en, fr, ru say Moscow`.

    **Limits.** Precision first, so a replacement (error) needs all of: a value held by at
    least three versions (two if some version cues it as a person: glossary, initials, a known
    given name, a title); a word here that is name-like (not a German noun, a month or
    `President`: word frequencies, the Russian dictionary), new to the other versions, at about the
    same place in the paragraph (within 20% of its length), and not a misspelling-like variant
    of a household name (`Gales` for `Wales`, `Китай` for `China`: exonyms are translated, not
    transcribed); and the same company before it (the same given name, title or initials:
    `Chris Lindqvist` for `Chris Harris`) - or, without company (places), every other version
    agreeing, the word being rare and no other unmatched word standing nearer. A version that only
    lacks a name is reported for the glossary's people and places only (an error where every
    other version, three or more, names them, else a warning); any other name left out is not
    reported, since translators often use a pronoun or drop a first name. Two spellings that
    share their first sounds (`Депфорт` for `Deptford`) are not reported as a replacement when no
    company backs them. Misses: a name the faulty version still writes in another form (German
    genitive `Muellers`), names written the same in several versions with different sounds.
    """
    return check_groups(self, ctx, _policy(ctx))


def _policy(ctx: RuleContext) -> FactPolicy:
    names = _NamePolicy(ctx)
    return FactPolicy(kind="name", same=_same, present_in=names.present_in, pairable=names.pairable,
                      report_omission=names.report_omission, same_among=names.same_among)


class _NamePolicy:
    """LC301's tests for one release. What they derive from a cluster alone (its facts, its
    surnames, where its occurrences stand) is worked out once per cluster: a group asks about
    each cluster for every word that might replace it. The memo holds each cluster it describes,
    so no other cluster can take its id while the release is checked."""

    def __init__(self, ctx: RuleContext) -> None:
        self.ctx = ctx
        self.where = {id(f): key for key, facts in ctx.shared(facts_by_kind).get("name", {}).items() for f in facts}
        self.glossary_surnames = _glossary_surnames(ctx.glossary) if ctx.glossary is not None else {}
        self.described: dict[int, tuple[Cluster, _ClusterView]] = {}
        self.tokens: dict[int, tuple[Fact, bool, str]] = {}
        # The representatives list of the group being clustered, and (glossary, surname) of
        # each of its facts so far: `same_among` is asked once per new key of a group, against
        # every earlier one, and the list only grows while its group is clustered.
        self.parts_of: tuple[Sequence[tuple[Fact, Cluster]], list[tuple[bool, str, Cluster]]] | None = None

    def token(self, fact: Fact) -> tuple[Fact, bool, str]:
        """(the fact, whether it is a glossary person or place, its surname): all `_same` reads
        of a fact besides its key."""
        # The table holds each fact it describes, so no other fact can take its id.
        known = self.tokens.get(id(fact))
        if known is None:
            known = self.tokens[id(fact)] = (fact, fact.key.split(":")[0] in _GLOSSARY_KINDS, _surname(fact))
        return known

    def same_among(self, fact: Fact, representatives: Sequence[tuple[Fact, Cluster]]) -> Cluster | None:
        """`_same` asked of each representative in turn, for a fact whose key none of them has."""
        _, glossary, surname = self.token(fact)
        # `_same_parts` written out: two glossary entries are never one name.
        for other_glossary, other_surname, cluster in self._parts(representatives):
            if not (glossary and other_glossary) and _same_surface(surname, other_surname):
                return cluster
        return None

    def _parts(self, representatives: Sequence[tuple[Fact, Cluster]]) -> list[tuple[bool, str, Cluster]]:
        """(glossary, surname, cluster) of each representative, in order: kept for the list last
        asked about and extended by what was appended to it since (a new list starts afresh)."""
        known = self.parts_of
        if known is None or known[0] is not representatives or len(known[1]) > len(representatives):
            known = self.parts_of = (representatives, [])
        parts = known[1]
        for other, cluster in representatives[len(parts):]:
            _, glossary, surname = self.token(other)
            parts.append((glossary, surname, cluster))
        return parts

    def view(self, cluster: Cluster) -> _ClusterView:
        known = self.described.get(id(cluster))
        if known is None or known[0] is not cluster:
            known = self.described[id(cluster)] = (cluster, _ClusterView(cluster, self))
        return known[1]

    def text(self, lang: str, paragraph: int) -> str:
        return self.ctx.release.paragraph(lang, paragraph).text

    def position(self, lang: str, paragraph: int, fact: Fact) -> float:
        return fact.start / max(1, len(self.text(lang, paragraph)))

    def context(self, lang: str, paragraph_text: str, start: int) -> tuple[str, bool] | None:
        word = name_context(paragraph_text, start)
        if word is None:
            return None
        # A title in words (`Father`, `Père`, `Vater`) is translated, not transcribed.
        return word, word == "title" or (word not in _CONTEXT_MARKS and is_title_word(word, lang))

    def present_in(self, cluster: Cluster, facts: Sequence[Fact], text: str, lang: str) -> bool:
        return _written_in(self.view(cluster).surnames, text)

    def report_omission(self, cluster: Cluster, lang: str, present: Sequence[str], text: str) -> bool:
        # Translators often say "he" or "the minister" instead of repeating a name: a name only
        # left out is reported for the glossary's people and places, whose absence is news.
        return self.view(cluster).in_glossary

    def pairable(self, cluster: Cluster, fact: Fact) -> bool:
        # Only a name-like word can stand for a replaced name (not a German noun or `January`).
        if fact.key.split(":")[0] in _WEAK_KINDS:
            return False
        ctx = self.ctx
        view = self.view(cluster)
        if not _pairable(view, fact):
            return False
        # A replacement stands where the name stood: about the same place in the paragraph.
        home = self.where.get(id(fact))
        if home is None:
            return True
        lang = home[0]
        position = self.position
        # Every place this version writes the word counts (the first one may be a mention the
        # others also have further on).
        own = [position(*home, f) for f in ctx.facts.get(home, ()) if f.key == fact.key] or [position(*home, fact)]
        theirs = view.positions
        if not any(abs(x - y) <= POSITION_WINDOW for x in own for y in theirs):
            return False
        if _same_thing_translated(view, fact, lang):
            return False
        if fact.key.split(":")[0] != "proper":
            return True
        # An uncued word stands for the missing name only when it is new to the release's other
        # versions here and keeps the name's company: the same given name, title or initials
        # before it (`Chris Lindqvist` where the others say `Chris Harris`).
        others = view.paragraphs
        if any(_written_in(frozenset({fact.surface}), self.text(*where_)) for where_ in others):
            return False
        mine = {self.context(home[0], self.text(*home), f.start) for f in ctx.facts.get(home, ()) if f.key == fact.key}
        if any(_same_context(a, b) for a in mine if a for b in view.contexts if b):
            return True
        # Without that company (places: `travelled to Omsk`), only when every other version names
        # the value, the word here is rare, and it is not a misspelling of the value (`Депфорт`
        # for `Deptford`, `Célèbes` for `Sulawesi`: same first sounds).
        unanimous = len(cluster.holders) >= 3 and len(cluster.holders) == len(ctx.release.documents) - 1
        if not unanimous or well_known(fact.surface, home[0], EXONYM_FOUND_ZIPF) or _misspelt(view, fact):
            return False
        # ... and no other unmatched capitalised word stands nearer (`Griechenland`, an exonym
        # not recognised as `Greece`, is nearer than `Nordmazedonien`).
        nearest = min(theirs, key=lambda y: min(abs(x - y) for x in own))
        mine_distance = min(abs(x - nearest) for x in own)
        for other in ctx.facts.get(home, ()):
            if other.kind != "name" or other.key == fact.key or other.key.split(":")[0] == "person":
                continue
            if abs(position(*home, other) - nearest) < mine_distance and not any(
                _written_in(frozenset({other.surface}), self.text(*where_)) for where_ in others
            ):
                return False
        return True


class _ClusterView:
    """What LC301 reads off one cluster (the cluster does not change once its group is
    clustered, and the policy is asked only after that); each part made on first use."""

    def __init__(self, cluster: Cluster, policy: _NamePolicy) -> None:
        self.cluster = cluster
        self.policy = policy
        self.facts = cluster.facts()
        self.occurrences = [o for occs in cluster.members.values() for o in occs]
        grades = [f.key.split(":")[0] for f in self.facts]
        # A value no version writes as a name of its own - only as the first word of a longer
        # name, or as an ordinary capitalised word - is not one a replacement is reported for.
        self.only_weak = all(g in _WEAK_KINDS for g in grades)
        self.place = self.facts[0].key.startswith("place:") if self.facts else False
        # Some version marks the value as a name (glossary, initials, given name, title).
        self.cued = any(g in _CUED_KINDS for g in grades)
        self.in_glossary = any(g in _GLOSSARY_KINDS for g in grades)

    @cached_property
    def surnames(self) -> frozenset[str]:
        raw = {_surname(f) for f in self.facts}
        for key in {f.key for f in self.facts}:
            raw.update(self.policy.glossary_surnames.get(key, ()))
        return frozenset(w for w in raw if w)

    @cached_property
    def positions(self) -> list[float]:
        return [self.policy.position(o.lang, o.paragraph, o.fact) for o in self.occurrences]

    @cached_property
    def paragraphs(self) -> set[tuple[str, int]]:
        return {(o.lang, o.paragraph) for o in self.occurrences}

    @cached_property
    def contexts(self) -> set[tuple[str, bool] | None]:
        policy = self.policy
        return {policy.context(o.lang, policy.text(o.lang, o.paragraph), o.fact.start) for o in self.occurrences}

    @cached_property
    def well_known_here(self) -> bool:
        """Whether some version writes the value as a household name (see `_same_thing_translated`)."""
        return any(well_known(o.fact.surface, o.lang, EXONYM_EXPECTED_ZIPF) for o in self.occurrences)

    @cached_property
    def skeleton_heads(self) -> set[str]:
        return {sk[:2] for f in self.facts for sk in name_skeletons(_surname(f))}

    @cached_property
    def folded_surnames(self) -> list[str]:
        return [fold_name(_surname(f)) for f in self.facts]


@lru_cache(maxsize=8)
def _glossary_surnames(glossary: Glossary) -> dict[str, tuple[str, ...]]:
    """Glossary key -> the last word of each of its forms in every language (the surname of a
    person), for finding a glossary name again in a version that lacks its fact."""
    out: dict[str, list[str]] = {}
    for entry in glossary.entries:
        out.setdefault(entry.key, []).extend(form.split()[-1] for _, forms in entry.forms for form in forms if form.split())
    return {key: tuple(words) for key, words in out.items()}


def _surname(fact: Fact) -> str:
    words = fact.surface.split()
    return words[-1] if words else ""


@lru_cache(maxsize=262144)
def _same_surface(x: str, y: str) -> bool:
    # Most pairs asked begin with other sounds: `sound_heads` rules them out before the pair test.
    if x == y or (not sound_heads(x).isdisjoint(sound_heads(y)) and sounds_alike(x, y)):
        return True
    return same_name(fold_name(x), fold_name(y)) or same_name(coarse_fold(x), coarse_fold(y))


# Pair decisions by (key, surface) of both facts: a group's clustering asks about each new name
# against every earlier one, and a release asks about the same pairs again in every group
# (about 1,600 questions per release, most of them repeats).
_SAME_MEMO: dict[tuple[str, str, str, str], bool] = {}
_SAME_MEMO_SIZE = 262144


def _same(a: Fact, b: Fact) -> bool:
    if a.key == b.key:
        return True
    pair = (a.key, a.surface, b.key, b.surface)
    known = _SAME_MEMO.get(pair)
    if known is None:
        if len(_SAME_MEMO) >= _SAME_MEMO_SIZE:
            _SAME_MEMO.clear()
        known = _SAME_MEMO[pair] = _same_names(a, b)
    return known


def _same_names(a: Fact, b: Fact) -> bool:
    return _same_parts(a.key.split(":")[0] in _GLOSSARY_KINDS, _surname(a), b.key.split(":")[0] in _GLOSSARY_KINDS,
                       _surname(b))


def _same_parts(a_in_glossary: bool, a_surname: str, b_in_glossary: bool, b_surname: str) -> bool:
    """Whether two names are one (`_same_names`; `_NamePolicy.same_among` makes this test inline)."""
    if a_in_glossary and b_in_glossary:
        return False  # two different glossary entries
    return _same_surface(a_surname, b_surname)


def _pairable(view: _ClusterView, fact: Fact) -> bool:
    """Whether a name-like word (see `_NamePolicy.pairable`) may stand for the cluster's value."""
    # A value no version writes as a name of its own - only as the first word of a longer name
    # (a given name: translators drop and change those) or as an ordinary capitalised word
    # (`International Organisations`) - is not one a replacement is reported for.
    if view.only_weak:
        return False
    # Places and people are not interchangeable.
    if fact.key.startswith("place:") != view.place:
        return False
    # An uncued value is evidence only when at least three versions agree on it: two versions
    # writing the same capitalised word is too often a shared loan word or a shared title.
    return len(view.cluster.holders) >= (2 if view.cued else 3)


def _misspelt(view: _ClusterView, fact: Fact) -> bool:
    """Whether `fact` reads like another spelling of the cluster's name: the same first two
    sounds, or folds at least MISSPELLING_SIMILARITY alike."""
    heads = {sk[:2] for sk in name_skeletons(fact.surface) if len(sk) >= 2}
    if not heads.isdisjoint(view.skeleton_heads):
        return True
    folded = fold_name(fact.surface)
    return any(fuzz.ratio(folded, other) >= MISSPELLING_SIMILARITY for other in view.folded_surnames)


def _same_context(a: tuple[str, bool], b: tuple[str, bool]) -> bool:
    """Whether two names are preceded alike: (word or mark, whether it is a title)."""
    (x, x_title), (y, y_title) = a, b
    if x_title and y_title:
        return True
    if "initials" in (x, y):
        return True  # initials stand for a given name: С.В. Лавров = Sergey Lavrov
    return x not in _CONTEXT_MARKS and y not in _CONTEXT_MARKS and _same_surface(x, y)


def _same_thing_translated(view: _ClusterView, fact: Fact, lang: str) -> bool:
    """A household name the others write (`China`) and a household name here (`Китай`) are
    most likely one place under its local name (an exonym), not a replacement."""
    if not well_known(fact.surface, lang, EXONYM_FOUND_ZIPF):
        return False
    return view.well_known_here


def _written_in(wanted: frozenset[str], text: str) -> bool:
    """Whether `text` writes one of the `wanted` words in some shape: a capitalised word that
    sounds alike or folds alike, an ordinary word with the same skeleton of 4+ sound classes
    (`presidente`), a word beginning like it (`russische`) or a compound holding it (`Nordkoreas`)."""
    index = _text_index(text)
    for want in wanted:
        for sk in name_skeletons(want):
            if len(sk) >= 3 and (sk in index.skeletons or sk in index.one_shorter or sk[:-1] in index.skeletons):
                return True
            if len(sk) >= 4 and sk in index.lowercase_skeletons:
                return True
        if any(_same_surface(want, w) for w in index.capitalised):
            return True
        folded = fold_name(want)
        if len(folded) >= 4 and _begins_one(index.folded, folded[: max(4, len(folded) - 3)]):
            return True
        # A capitalised word beginning alike: the local form of a place (Russia, Russland).
        if len(folded) >= 5 and _begins_one(index.capital_folded, folded[: max(3, len(folded) - 3)]):
            return True
        # Inside a compound: Nordkoreas, Lateinamerikas.
        if len(folded) >= 5 and _loose(folded) in index.joined:
            return True
    return False


class _TextIndex:
    """The words of one text, looked up by `_written_in`. Each table is built on first use:
    `_written_in` stops at the first shape that finds the name, so most texts never need the
    costlier ones (every prefix of every word)."""

    def __init__(self, text: str) -> None:
        words = set(_WORD.findall(text))
        words.update(part for w in list(words) if "-" in w for part in w.split("-") if len(part) > 1)
        self.words = words
        self.capitalised = [w for w in words if w[:1].isupper()]

    @cached_property
    def skeletons(self) -> set[str]:
        out: set[str] = set()
        for w in self.capitalised:
            out.update(sk for sk in name_skeletons(w) if len(sk) >= 3)
        return out

    @cached_property
    def lowercase_skeletons(self) -> set[str]:
        # An ordinary word must sound exactly like the name (`presidente` = `President`): too
        # many words are one sound away from some name (`falsch` ~ `Fleischer`).
        out: set[str] = set()
        for w in self.words:
            if not w[:1].isupper():
                out.update(sk for sk in name_skeletons(w) if len(sk) >= 4)
        return out

    @cached_property
    def one_shorter(self) -> set[str]:
        return {sk[:-1] for sk in self.skeletons if len(sk) >= 4}

    @cached_property
    def folded(self) -> list[str]:
        # Every word folded, sorted: for word beginnings (`Russia` -> `russische`), found by
        # bisection instead of a set of every prefix of every word.
        return sorted({fold_name(w) for w in self.words})

    @cached_property
    def joined(self) -> str:
        return " ".join(_loose(fold_name(w)) for w in self.words)

    @cached_property
    def capital_folded(self) -> list[str]:
        return sorted({fold_name(w) for w in self.capitalised})


def _begins_one(folded: list[str], start: str) -> bool:
    """Whether a word of the sorted list `folded` begins with `start`: the first word not
    sorting before `start` is the one to look at (all words beginning with it sort together)."""
    at = bisect_left(folded, start)
    return at < len(folded) and folded[at].startswith(start)


def _loose(folded: str) -> str:
    return folded.replace("c", "k")


@lru_cache(maxsize=256)
def _text_index(text: str) -> _TextIndex:
    return _TextIndex(text)
