"""LC403: a rendering the glossary forbids, wherever a version writes it."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import lru_cache

from langcheck.extract.terms import Rendering, rendering_of, stem_words
from langcheck.glossary import Glossary, GlossaryEntry
from langcheck.model import Fact, Finding, Group, Location, Severity
from langcheck.rules.base import Rule, RuleContext, paragraph_groups, rule

# The fact kinds a glossary match becomes (`langcheck.extract`): terms, organisations (acronym
# facts) and places and people (name facts).
# The facts a glossary match or a name becomes (LC404 reads the same ones).
GLOSSARY_KINDS = frozenset({"term", "acronym", "name"})


@rule("LC403", "forbidden-rendering", "term", Severity.ERROR)
def forbidden_rendering(self: Rule, ctx: RuleContext) -> Iterable[Finding]:
    """A version writes a rendering that the glossary forbids.

    **What it does.** A glossary entry may list, per language, the renderings the organisation
    has ruled out (`forbidden: {ru: [Белоруссия]}` in YAML; in TBX, terms whose
    `administrativeStatus` is deprecated or superseded). Every occurrence of such a form in a
    version is reported, inflection-aware as the glossary's agreed forms are matched
    (`Белоруссии` is the forbidden `Белоруссия`, `Weißrusslandpolitik` starts with the forbidden
    `Weißrussland`), with the agreed forms of that language in the message and the words as the
    finding's span. It needs no other version: a forbidden form is wrong even where every version
    writes its own.

    **Why it matters.** A ruled-out name of a country, an organisation or a concept is a
    political statement the office did not mean to make; a reader quotes it as the office's.

    **Example.** `ru writes Белоруссии, a rendering of Belarus the glossary forbids
    (Белоруссия): use Беларусь / Республика Беларусь`.

    **Limits.** Only the forms a glossary forbids are known; the shipped glossaries forbid none
    (which names are ruled out is each office's policy: add them in your own glossary). A
    forbidden form is found where the glossary matcher finds a form: whole words, a German
    compound only when it starts with a one-word form, an acronym only as written; by exact
    stems, so the forbidden `Белоруссия` does not find the adjective `белорусский`, except where
    the language's stemmer reads them alike (fr `biélorusse` is the forbidden `Biélorussie`, es
    `macedonios` the forbidden `Macedonia`). A person's
    forbidden form is compared by its surname, where the name reader recognises the person (a
    spelling close to an agreed one) or finds the word as a name. A forbidden form quoted on
    purpose (`the term Белоруссия is outdated`) is reported too: suppress it with
    `<!-- langcheck-ignore LC403 -->`. Always an error.
    """
    if ctx.glossary is None:
        return []
    ruled = _ruled_out(ctx.glossary)
    if not ruled.by_key:
        return []
    group_of = ctx.shared(paragraph_groups)
    findings: list[Finding] = []
    for lang in sorted(ctx.release.documents):
        surnames = ruled.surnames.get(lang, {})
        for paragraph in ctx.release.documents[lang].paragraphs:
            seen: set[tuple[int, int]] = set()
            for fact in ctx.facts.get((lang, paragraph.index), ()):
                if fact.kind not in GLOSSARY_KINDS or (fact.start, fact.end) in seen:
                    continue
                if fact.key not in ruled.by_key and not (surnames and fact.kind == "name"):
                    continue  # no entry with forbidden forms to read it as (most facts)
                entry, rendering = _forbidden_rendering(fact, lang, ruled.by_key, surnames)
                if entry is None or rendering is None:
                    continue
                seen.add((fact.start, fact.end))
                findings.append(_finding(self, ctx, lang, paragraph.index, fact, entry, rendering, group_of))
    return findings


def _forbidden_rendering(
    fact: Fact, lang: str, by_key: Mapping[str, GlossaryEntry], surnames: Mapping[str, GlossaryEntry]
) -> tuple[GlossaryEntry | None, Rendering | None]:
    """The entry and forbidden form `fact` reads as, or (None, None)."""
    entry = by_key.get(fact.key)
    if entry is None and fact.kind == "name" and surnames:
        # A person's forbidden spelling may be too far from the agreed ones for the name reader
        # to tie it to the person (`proper:` or `name:` instead of `person:`).

        stems = stem_words(fact.surface, lang)
        entry = surnames.get(stems[-1]) if len(stems) == 1 else None
    if entry is None or not entry.forbidden_in(lang):
        return None, None
    rendering = rendering_of(fact.surface, lang, entry)
    return (entry, rendering) if rendering is not None and rendering.forbidden else (None, None)


def _finding(
    self: Rule,
    ctx: RuleContext,
    lang: str,
    paragraph: int,
    fact: Fact,
    entry: GlossaryEntry,
    rendering: Rendering,
    group_of: Mapping[tuple[str, int], Group],
) -> Finding:
    agreed = entry.forms_in(lang)
    message = f"{lang} writes {fact.surface}, a rendering of {concept_name(entry, lang)} the glossary forbids"
    if rendering.form != fact.surface:
        message += f" ({rendering.form})"
    message += f": use {' / '.join(agreed)}" if agreed else f"; the glossary gives no agreed {lang} form"
    group = group_of.get((lang, paragraph))
    related: tuple[Location, ...] = ctx.related(group, exclude=[lang]) if group is not None else ()
    return self.finding(
        ctx, lang, paragraph, message,
        expected=" / ".join(agreed) if agreed else None,
        found=fact.surface,
        related=related,
        span=(fact.start, fact.end),
    )


def concept_name(entry: GlossaryEntry, lang: str) -> str:
    """The concept as the message names it: in the glossary's English, else in `lang`'s agreed
    form, else by its id."""
    for code in ("en", lang):
        forms = entry.forms_in(code)
        if forms:
            return forms[0]
    return entry.id


class _RuledOut:
    """The entries with forbidden forms: `by_key` (fact key -> entry), and `surnames[lang]`
    (the stem of a person's forbidden surname -> the person)."""

    def __init__(self, glossary: Glossary) -> None:

        self.by_key: dict[str, GlossaryEntry] = {e.key: e for e in glossary.entries if e.forbidden}
        self.surnames: dict[str, dict[str, GlossaryEntry]] = {}
        for entry in self.by_key.values():
            if entry.type != "person":
                continue
            for lang, forms in entry.forbidden:
                for form in forms:
                    stems = stem_words(form, lang)
                    if stems:
                        self.surnames.setdefault(lang, {})[stems[-1]] = entry


@lru_cache(maxsize=16)
def _ruled_out(glossary: Glossary) -> _RuledOut:
    return _RuledOut(glossary)
