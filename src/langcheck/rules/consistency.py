"""LC404: one glossary concept or one name rendered two ways inside the same version."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from typing import NamedTuple

from rapidfuzz.distance import Levenshtein

from langcheck.extract.names import same_name
from langcheck.extract.terms import fold, is_acronym_form, rendering_of, stem_words, stems_equal, tokenize
from langcheck.glossary import GlossaryEntry
from langcheck.model import Fact, Finding, Group, Severity, paragraph_number
from langcheck.rules.base import Rule, RuleContext, paragraph_groups, rule
from langcheck.rules.forbidden import GLOSSARY_KINDS as _KINDS, concept_name  # the facts a glossary match or a name becomes

# Endings a word of each language changes by declension or number, beyond what the Snowball
# stemmer removes: two spellings differing only by them are one word inflected (`Rosenbergs` /
# `Rosenberg`, `collegia` / `collegium`, `Менге` / `Менга`), never two renderings. Grammar, not
# vocabulary: the same table serves every text.
_ENDINGS: Mapping[str, frozenset[str]] = {
    "de": frozenset({"", "s", "es", "e", "n", "en", "er", "em", "ern", "ens"}),
    "en": frozenset({"", "s", "es", "um", "a", "us", "i", "is", "on"}),
    "es": frozenset({"", "s", "es", "o", "a", "os", "as"}),
    "fr": frozenset({"", "s", "e", "es", "x"}),
    "ru": frozenset({"", "а", "я", "у", "ю", "е", "и", "ы", "о", "ом", "ем", "ём", "ой", "ей", "ою", "ею",
                     "ов", "ев", "ам", "ям", "ах", "ях", "ами", "ями", "ий", "ый", "ая", "яя", "ое", "ее", "й",
                     "ого", "его", "ому", "ему", "ым", "им", "ую", "юю", "ые", "ие", "ых", "их", "ь"}),
}
_PREFIX = 3  # letters two inflected spellings share at least before their endings
# Two spellings are variants of one rendering (a transliteration, a typo) when they differ by
# at most one edit per this many letters of the shorter (at least one edit).
_LETTERS_PER_EDIT = 5
_BUCKET = 64  # known spellings a new one is compared with (see `_Names`)
_RENDERINGS = 8  # renderings kept per identity and version
_NAME_GRADES = ("name", "proper")


@rule("LC404", "inconsistent-form", "term", Severity.WARNING)
def inconsistent_rendering(self: Rule, ctx: RuleContext) -> Iterable[Finding]:
    """One glossary concept or one name written two ways inside the same version.

    **What it does.** Reads every version on its own, as Xbench's "inconsistency in target"
    does: the glossary forms each occurrence of an entry reads as (`langcheck.extract.terms`),
    and the spellings of each person's surname (glossary people, and names found by cue or shape,
    grouped when they are `same_name`). When a version uses two of them, the one used less
    (else the later) is reported, naming the other and where it stands. Inflection never counts
    as a second rendering: the Snowball stemmer and a table of each language's case and number
    endings tell `Lukaschenkos`, `Лукашенко`/`Лукашенка` (ru), `Менге`/`Менга`, `collegia`/
    `collegium` apart from a second spelling. Nor do a short form and its full form (`Security
    Council` / `UN Security Council`, `Guterres` / `António Guterres`), or an acronym and its
    expansion (`EU` / `European Union`). A form the glossary forbids is LC403's, not counted here.

    **Why it matters.** A reader takes two renderings for two things: `maîtrise des armements`
    and `contrôle des armements` in one French release, `Lukaschenko` and `Lukaschenka` in one
    German one. A glossary that allows both forms cannot say which one a release should keep.

    **Severity.** A warning only when the evidence is strong: two different non-inflectional
    forms of the same glossary key, each spelled out (no acronym), that differ by a spelling
    (`colour revolution` / `color revolution`, `Lukaschenko` / `Lukaschenka`: a few letters) or,
    for a term, by wording (`maîtrise` / `contrôle des armements`), while no other version of the
    release varies the same way (where the original varies, the translation follows it: info).
    Info for the weaker cases: spellings that differ only in case, accents or punctuation
    (`NATO` / `Nato`), two acronyms (`UN` / `UNO`), and a name outside the glossary (the two
    spellings are grouped by similarity only, so they may be two people). A name outside the
    glossary is not reported at all when another version also spells it two ways.

    **Example.** `de renders Alexander Lukashenko two ways: Lukaschenka here, Lukaschenko in ¶2`
    (the message names the concept in the glossary's English; `de spells one name two ways: ...`
    for a name outside the glossary).

    **Limits.** Two official names of one state or organisation (`United Kingdom` / `Great
    Britain`, `Евросоюз` / `Европейский союз`) are ordinary variation and are not reported; only
    their spellings are. Names outside the glossary are compared within one script and only
    where the spellings are close (one edit per five letters); a second spelling that the
    name reader does not take for a name is not seen. The ending table treats every listed
    ending as inflection, so `Alexandra` / `Alexandr` (en) is not reported.
    """
    glossary = ctx.glossary.by_key() if ctx.glossary is not None else {}
    versions = {lang: _Version.read(ctx, lang, glossary) for lang in sorted(ctx.release.documents)}
    group_of = ctx.shared(paragraph_groups)
    findings: list[Finding] = []
    for lang, version in versions.items():
        others = [v for other, v in versions.items() if other != lang]
        for identity, uses in version.identities.items():
            entry = glossary.get(identity) if not identity.startswith("~") else None
            for major, minor, strength in _divergent(uses, lang, entry):
                if entry is None and any(o.varies_like(uses) for o in others):
                    continue  # a name the other versions also spell two ways: two people, or the original's
                severity = Severity.INFO
                if strength == "strong" and not any(o.strongly_varies(identity) for o in others):
                    severity = Severity.WARNING
                findings.append(_finding(self, ctx, lang, identity, entry, major, minor, severity, group_of))
    return findings


def _finding(
    self: Rule,
    ctx: RuleContext,
    lang: str,
    identity: str,
    entry: GlossaryEntry | None,
    major: _Rendering,
    minor: _Rendering,
    severity: Severity,
    group_of: Mapping[tuple[str, int], Group],
) -> Finding:
    use = minor.uses[0]
    numbers = sorted({paragraph_number(u.paragraph) for u in major.uses})
    where = ", ".join(f"¶{n}" for n in numbers[:3]) + (" and more" if len(numbers) > 3 else "")
    expected = major.uses[0].fact.surface
    if entry is not None:
        concept = concept_name(entry, lang)
        message = f"{lang} renders {concept} two ways: {use.fact.surface} here, {expected} in {where}"
    else:
        message = f"{lang} spells one name two ways: {use.fact.surface} here, {expected} in {where}"
    group = group_of.get((lang, use.paragraph))
    return self.finding(
        ctx, lang, use.paragraph, message,
        expected=expected, found=use.fact.surface,
        related=ctx.related(group, exclude=[lang]) if group is not None else (),
        span=(use.fact.start, use.fact.end), severity=severity,
    )


# --- one version's renderings -------------------------------------------------------------------


class _Use(NamedTuple):
    # A tuple: one is made for every glossary match and name of a version.
    paragraph: int
    fact: Fact


class _Rendering:
    """One way a version writes an identity: `text` (the glossary form, or the spelling of a
    name) and its uses in text order."""

    # Plain classes, not dataclasses: nothing compares them, and a dataclass's generated
    # methods cost every import (~0.3 ms each).
    __slots__ = ("text", "uses")

    def __init__(self, text: str) -> None:
        self.text = text
        self.uses: list[_Use] = []


class _Version:
    """What one version writes for each identity: a glossary key (`term:…`, `org:…`,
    `place:…`, `person:…`) or `~<folded surname>` for a name outside the glossary (the first
    spelling of a `same_name` cluster), mapped to its renderings (inflected forms merged)."""

    __slots__ = ("lang", "identities", "glossary")

    def __init__(self, lang: str, identities: dict[str, list[_Rendering]], glossary: Mapping[str, GlossaryEntry]) -> None:
        self.lang, self.identities, self.glossary = lang, identities, glossary

    @classmethod
    def read(cls, ctx: RuleContext, lang: str, glossary: Mapping[str, GlossaryEntry]) -> _Version:
        identities: dict[str, list[_Rendering]] = {}
        names = _Names()
        # A version writes the same name or term many times: each (kind, key, surface) is read
        # once (`_Names` gives a spelling the identity it gave it first), and its rendering is
        # found once: an identity's renderings only gain members at their end, so the first
        # that takes a spelling stays the first (and a full list stays full: None).
        chosen: dict[tuple[str, str, str], _Rendering | None] = {}
        for paragraph in ctx.release.documents[lang].paragraphs:
            for fact in ctx.facts.get((lang, paragraph.index), ()):
                if fact.kind not in _KINDS:
                    continue  # numbers and dates, most of the facts
                seen = (fact.kind, fact.key, fact.surface)
                if seen in chosen:
                    same = chosen[seen]
                else:
                    same = chosen[seen] = _rendering(identities, *_identity(fact, lang, glossary, names), lang)
                if same is not None:
                    same.uses.append(_Use(paragraph.index, fact))
        return cls(lang, {k: v for k, v in identities.items() if len(v) >= 2}, glossary)

    def strongly_varies(self, identity: str) -> bool:
        """Whether this version, too, renders the glossary key two ways by strong evidence."""
        uses = self.identities.get(identity)
        entry = self.glossary.get(identity)
        return bool(uses) and any(s == "strong" for _, _, s in _divergent(uses, self.lang, entry))

    def varies_like(self, renderings: Sequence[_Rendering]) -> bool:
        """Whether this version spells two ways a name that some spelling of `renderings` is."""
        folded = [r.uses[0].fact.key.split(":", 1)[1] for r in renderings]
        for identity, uses in self.identities.items():
            if identity.startswith("~") and any(
                same_name(r.uses[0].fact.key.split(":", 1)[1], f) for r in uses for f in folded
            ) and any(True for _ in _divergent(uses, self.lang, None)):
                return True
        return False


def _rendering(identities: dict[str, list[_Rendering]], identity: str | None, text: str, lang: str) -> _Rendering | None:
    """The rendering of `identity` that `text` is (made and kept in `identities` when it is the
    first of its kind), or None: a fact that names nothing, or one spelling too many."""
    if identity is None:
        return None
    renderings = identities.setdefault(identity, [])
    same = next((r for r in renderings if r.text == text or _inflected(r.text, text, lang)), None)
    if same is None:
        if len(renderings) >= _RENDERINGS:
            return None  # no name is spelt this many ways: a hostile or generated text
        same = _Rendering(text)
        renderings.append(same)
    return same


def _identity(fact: Fact, lang: str, glossary: Mapping[str, GlossaryEntry], names: _Names) -> tuple[str | None, str]:
    """(identity, rendering text) of a fact, or (None, "") for a fact that names nothing."""
    entry = glossary.get(fact.key)
    if entry is not None:
        found = rendering_of(fact.surface, lang, entry)
        if found is not None and found.forbidden:
            return None, ""  # LC403's error already: not a second rendering besides it
        if entry.type == "person":
            return fact.key, fact.surface
        return (fact.key, found.form) if found is not None else (None, "")
    grade, _, folded = fact.key.partition(":")
    if fact.kind != "name" or grade not in _NAME_GRADES or not folded:
        return None, ""
    return names.identity(folded), fact.surface


class _Names:
    """Folded surnames of one version grouped by `same_name`: folded -> the identity of its group.

    A new spelling is compared only with the known ones that begin with its first two letters
    (a second spelling of one name rarely differs there), at most `_BUCKET` of them, so a
    hostile document of thousands of names costs linear time, not quadratic."""

    def __init__(self) -> None:
        self.known: dict[str, str] = {}
        self.buckets: dict[str, list[str]] = {}

    def identity(self, folded: str) -> str:
        found = self.known.get(folded)
        if found is None:
            bucket = self.buckets.setdefault(folded[:2], [])
            found = next((self.known[k] for k in bucket if same_name(k, folded)), f"~{folded}")
            self.known[folded] = found
            if len(bucket) < _BUCKET:
                bucket.append(folded)
        return found


def _divergent(
    renderings: Sequence[_Rendering], lang: str, entry: GlossaryEntry | None
) -> Iterable[tuple[_Rendering, _Rendering, str]]:
    """(the rendering used most, another one, "strong" or "weak") for each other rendering that
    counts as a second one (see the rule's docstring)."""
    major = max(renderings, key=lambda r: (len(r.uses), *(-n for n in _order(r))))
    for other in renderings:
        if other is major:
            continue
        strength = _strength(major.text, other.text, lang, entry.type if entry is not None else None)
        if strength is not None:
            yield major, other, strength


def _order(rendering: _Rendering) -> tuple[int, int]:
    first = rendering.uses[0]
    return first.paragraph, first.fact.start


@lru_cache(maxsize=8192)
def _strength(a: str, b: str, lang: str, entry_type: str | None) -> str | None:
    """How strongly `a` and `b` are two renderings of one identity of `entry_type` (None: a name
    outside the glossary): "strong", "weak", or None (one rendering, or no evidence)."""
    if _inflected(a, b, lang):
        return None
    if _plain(a) == _plain(b):
        return "weak"  # case, accents, punctuation
    acronyms = is_acronym_form(a) + is_acronym_form(b)
    if acronyms == 1 or _short_form(a, b, lang):
        return None  # an acronym and its expansion, a short form and the full one
    close = Levenshtein.distance(_plain(a), _plain(b)) <= max(1, min(len(_plain(a)), len(_plain(b))) // _LETTERS_PER_EDIT)
    if entry_type is None:
        return "weak" if close else None
    if acronyms == 2:
        return "weak"
    if close:
        return "strong"
    return "strong" if entry_type == "term" else None


@lru_cache(maxsize=8192)
def _inflected(a: str, b: str, lang: str) -> bool:
    """Whether `a` and `b` are the same words, inflected (stems, or endings of `_ENDINGS`); an
    acronym and a word written in small letters never are (`NATO` / `Nato`)."""
    if is_acronym_form(a) != is_acronym_form(b):
        return False
    wa = [fold(t.text) for t in tokenize(a, lang)]
    wb = [fold(t.text) for t in tokenize(b, lang)]
    if len(wa) != len(wb) or not wa:
        return False
    sa, sb = stem_words(a, lang), stem_words(b, lang)
    return all(x == y or stems_equal(p, q) or _ending_alternation(x, y, lang) for x, y, p, q in zip(wa, wb, sa, sb))


def _ending_alternation(a: str, b: str, lang: str) -> bool:
    k = 0
    for x, y in zip(a, b):
        if x != y:
            break
        k += 1
    endings = _ENDINGS.get(lang, frozenset({""}))
    return k >= _PREFIX and a[k:] in endings and b[k:] in endings


def _short_form(a: str, b: str, lang: str) -> bool:
    """Whether the words of one are a run of the other's (`Security Council` in `UN Security
    Council`)."""
    sa, sb = stem_words(a, lang), stem_words(b, lang)
    short, long = (sa, sb) if len(sa) < len(sb) else (sb, sa)
    n = len(short)
    return 0 < n < len(long) and any(long[i : i + n] == short for i in range(len(long) - n + 1))


@lru_cache(maxsize=8192)
def _plain(text: str) -> str:
    """Letters and digits only, case and accents dropped, ё as е: `Nato` = `NATO`, `U.S.` = `US`."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().replace("ё", "е"))
    return "".join(ch for ch in decomposed if ch.isalnum())
