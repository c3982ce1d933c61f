"""What a rule is, and the read-only context every rule gets.

A rule is a plain function from a `RuleContext` to findings, wrapped by `@rule` with its code,
name, category and default severity. Its docstring is its documentation (`langcheck rules`).
Rules are pure: no I/O, no model calls; everything they need is in the context.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import (
    TYPE_CHECKING,
    Protocol,
    TypeVar,
    runtime_checkable,
)

import numpy as np

from langcheck.model import Fact, Finding, Group, Location, Release, Severity, paragraph_number

if TYPE_CHECKING:
    from langcheck.glossary import Glossary

T = TypeVar("T")


# A group's paragraphs are read as one text, joined by a blank line.
GROUP_SEPARATOR = "\n\n"


@dataclass(frozen=True)
class RuleContext:
    """Everything the rules may look at for one release.

    `facts[(lang, paragraph_index)]` holds the facts of one paragraph.
    `paragraph_language[(lang, paragraph_index)]` is the identified language of that paragraph,
    or None where the identifier abstained (short or mixed text).
    `document_language[lang]` is the same for the whole version.
    `sentence_language[(lang, paragraph_index)]` is the identified language of each sentence
    (None where unsure or too short), for paragraphs of two sentences or more only.
    `sentence_embeddings[(lang, paragraph_index)]` is an array of shape (n_sentences, dim),
    L2-normalised, in the paragraph's sentence order.
    `glossary` is the glossary the facts were extracted with (the fact rules show its forms).
    `required_languages` are the versions the release must have (LC105), and `required_by` says
    who requires them: "languages" (the setting) or "tree" (most other releases of the tree).
    """

    release: Release
    groups: tuple[Group, ...]
    source: str | None = None
    facts: Mapping[tuple[str, int], tuple[Fact, ...]] = field(default_factory=dict)
    paragraph_language: Mapping[tuple[str, int], str | None] = field(default_factory=dict)
    document_language: Mapping[str, str | None] = field(default_factory=dict)
    sentence_embeddings: Mapping[tuple[str, int], np.ndarray] = field(default_factory=dict)
    glossary: Glossary | None = None
    required_languages: tuple[str, ...] = ()
    required_by: str = "languages"
    sentence_language: Mapping[tuple[str, int], tuple[str | None, ...]] = field(default_factory=dict)

    def group_text(self, group: Group, lang: str) -> str:
        return GROUP_SEPARATOR.join(self.release.paragraph(lang, i).text for i in group.paragraphs.get(lang, ()))

    def group_text_length(self, group: Group, lang: str) -> int:
        """`len(self.group_text(group, lang))`, counted without building the text."""
        lengths = [len(self.release.paragraph(lang, i).text) for i in group.paragraphs.get(lang, ())]
        return sum(lengths) + len(GROUP_SEPARATOR) * max(len(lengths) - 1, 0)

    def group_facts(self, group: Group, lang: str) -> tuple[Fact, ...]:
        out: list[Fact] = []
        for i in group.paragraphs.get(lang, ()):
            out.extend(self.facts.get((lang, i), ()))
        return tuple(out)

    def location(self, lang: str, paragraph: int | None) -> Location:
        """Where `lang` has its paragraph of 0-based index `paragraph` (numbered from 1 in the Location)."""
        doc = self.release.documents[lang]
        found = doc.paragraphs[paragraph] if paragraph is not None else None
        return Location(lang=lang, file=doc.path, paragraph_number=paragraph_number(paragraph),
                        line=found.line if found else None, anchor=(found.anchor or None) if found else None)

    def shared(self, compute: Callable[[RuleContext], T]) -> T:
        """`compute(self)`, worked out once per context: for what several rules need (LC103 and
        LC104 read the same sentence alignments). Kept on this context only, so it goes with it."""
        # A frozen dataclass refuses attribute assignment, not its own __dict__; the memo is not
        # a field, so it never takes part in equality or repr.
        memo = self.__dict__.setdefault("_shared", {})
        if compute not in memo:
            memo[compute] = compute(self)
        return memo[compute]

    def related(self, group: Group, exclude: Iterable[str]) -> tuple[Location, ...]:
        """The first paragraph of the group in every version not excluded."""
        skip = set(exclude)
        return tuple(
            self.location(lang, idx[0])
            for lang, idx in sorted(group.paragraphs.items())
            if lang not in skip and idx
        )


def paragraph_groups(ctx: RuleContext) -> dict[tuple[str, int], Group]:
    """The group each paragraph is in, by (lang, paragraph index): for rules that start from a
    paragraph's facts and then need its counterparts. Use as `ctx.shared(paragraph_groups)`,
    so it is built once per release for all of them."""
    return {(lang, i): group for group in ctx.groups for lang, indexes in group.paragraphs.items() for i in indexes}


def facts_by_kind(ctx: RuleContext) -> dict[str, dict[tuple[str, int], tuple[Fact, ...]]]:
    """`ctx.facts` split by kind: kind -> (lang, paragraph index) -> that paragraph's facts of the
    kind, in their order. Use as `ctx.shared(facts_by_kind)`: each fact rule reads one kind, and
    most of a paragraph's facts are of another."""
    out: dict[str, dict[tuple[str, int], list[Fact]]] = {}
    for where, facts in ctx.facts.items():
        for fact in facts:
            out.setdefault(fact.kind, {}).setdefault(where, []).append(fact)
    return {kind: {where: tuple(facts) for where, facts in by_place.items()} for kind, by_place in out.items()}


RuleCheck = Callable[[RuleContext], Iterable[Finding]]


@runtime_checkable
class RuleLike(Protocol):
    """What the pipeline needs of a rule: its code and name (for `ignore` and `severity` in the
    config), its default severity, and `check(ctx)`, the findings for one release. `Rule` below
    is the one implementation; a plug-in may bring its own class."""

    @property
    def code(self) -> str: ...

    @property
    def name(self) -> str: ...

    @property
    def severity(self) -> Severity: ...

    def check(self, ctx: RuleContext) -> Iterable[Finding]: ...


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    category: str
    severity: Severity
    check_fn: RuleCheck = field(repr=False, compare=False)

    @property
    def doc(self) -> str:
        return inspect.cleandoc(self.check_fn.__doc__ or "")

    @property
    def summary(self) -> str:
        return self.doc.split("\n", 1)[0]

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        yield from self.check_fn(ctx)

    def finding(
        self,
        ctx: RuleContext,
        lang: str,
        paragraph: int | None,
        message: str,
        *,
        expected: str | None = None,
        found: str | None = None,
        related: tuple[Location, ...] = (),
        span: tuple[int, int] | None = None,
        severity: Severity | None = None,
    ) -> Finding:
        """A finding of this rule on `lang`'s paragraph of 0-based index `paragraph` (None: no
        paragraph); the Finding numbers it from 1 (`paragraph_number`), as reports show it."""
        loc = ctx.location(lang, paragraph)
        return Finding(
            rule=self.code,
            name=self.name,
            category=self.category,
            severity=severity or self.severity,
            lang=lang,
            file=loc.file,
            paragraph_number=loc.paragraph_number,
            line=loc.line,
            message=message,
            expected=expected,
            found=found,
            related=related,
            span=span,
            anchor=loc.anchor,
        )


def rule(code: str, name: str, category: str, severity: Severity) -> Callable[[RuleCheck], Rule]:
    """Declare a rule: `@rule("LC201", "number-mismatch", "number", Severity.ERROR)`.

    The decorated function receives the `Rule` itself as its first argument so that it can build
    findings with `self.finding(...)`.
    """

    def wrap(fn: Callable[..., Iterable[Finding]]) -> Rule:
        holder: list[Rule] = []

        def check_fn(ctx: RuleContext) -> Iterable[Finding]:
            return fn(holder[0], ctx)

        check_fn.__doc__ = fn.__doc__
        check_fn.__name__ = fn.__name__
        made = Rule(code, name, category, severity, check_fn)
        holder.append(made)
        return made

    return wrap


def majority_holders(
    holders: Iterable[str], present: Iterable[str], source: str | None
) -> bool:
    """Whether the versions in `holders` are the ones to trust among `present` versions.

    A strict majority wins; on a tie the configured source language decides; with no source, a
    tie is not a majority (the caller then reports both sides).
    """
    holders_set, present_set = set(holders), set(present)
    n_hold, n_all = len(holders_set & present_set), len(present_set)
    if 2 * n_hold > n_all:
        return True
    if 2 * n_hold == n_all and source is not None and source in present_set:
        return source in holders_set
    return False
