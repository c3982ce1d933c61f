"""Checks of your own (X001...): the `checks:` of the config, made rules.

Two kinds, after Vale's `existence` and `consistency` checks:
- **never-match**: the pattern must match nowhere; a match in a paragraph of a version the
  check reads is a finding at the match (its span is highlighted), once per paragraph for
  the same text.
- **must-match**: where the pattern matches in the reference version of an aligned group, it must
  match in every other version's paragraph(s) of that group. The reference is the configured
  source where it is in the group, else the versions that match when they are a majority of the
  group's versions; a tie (two of four) is reported at info; a minority that matches is not
  reported (they may carry something the others leave out, which LC104 judges). With `value:`,
  the text of that group must also be the same as the reference's (the same set of values where
  it matches several times); without a source, the value most matching versions hold is the
  reference, and there is none on a tie.

Every check is a `Rule` with its own code, so `ignore:`, `severity:` and `langcheck-ignore` apply
to it like to any rule, and reports show it like one; its category is "custom".

A pattern runs on each paragraph's text (whitespace squeezed to single spaces: `^` and `$` are
the paragraph's start and end; a pattern does not span paragraphs). Patterns are compiled once
per process. A config comes with a pull request, so matching is bounded: each check has
`BUDGET_S` seconds of matching per release (plus `PER_CHAR_S` a character), and the `regex`
module stops a match past it; the run then stops with a config error naming the check's line
(a gate that gives up on a check must not pass silently). Measured: `(a|aa)+$` on 41
characters runs for minutes in `re`; here the run stops after about 1.7 s (regex checks its
clock coarsely: a timeout of 0.5 s ends after 1.5-2 s).
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterator, Sequence
from functools import lru_cache
from typing import Any

from langcheck.model import Finding, Severity
from langcheck.rules.base import Rule, RuleContext, rule
from langcheck.rules.custom_definitions import CheckDefinition, compile_pattern

CATEGORY = "custom"
# Matching time one check may take on one release: BUDGET_S, plus PER_CHAR_S for each character
# it reads (a simple pattern takes about 0.03 µs a character, so a large release is no trap).
BUDGET_S = 0.5
PER_CHAR_S = 2e-6
SHOWN_CHARS = 60  # a match quoted in a message is cut here: `.*` may match a whole paragraph

DEFAULT_MESSAGES = {
    "never-match": "'{match}' should not appear ({name})",
    "must-match": "{lang} lacks '{expected}' that {reference} have ({name})",
    "must-match-value": "{lang} has '{match}' where {reference} have '{expected}' ({name})",
}


def custom_rules(checks: Sequence[CheckDefinition]) -> tuple[Rule, ...]:
    """One rule per check, its patterns compiled (once per process for the same checks)."""
    return _rules(tuple(checks))


@lru_cache(maxsize=8)
def _rules(checks: tuple[CheckDefinition, ...]) -> tuple[Rule, ...]:
    return tuple(_rule(check) for check in checks)


def _rule(check: CheckDefinition) -> Rule:
    compiled = {lang: compile_pattern(pattern, check.ignorecase) for lang, pattern in check.patterns}

    def run(self: Rule, ctx: RuleContext) -> Iterator[Finding]:
        read = sum(len(p.text) for lang, doc in ctx.release.documents.items() if lang in compiled for p in doc.paragraphs)
        matcher = _Matcher(check, compiled, BUDGET_S + PER_CHAR_S * read)
        if check.kind == "never-match":
            yield from _never_match(self, check, matcher, ctx)
        else:
            yield from _must_match(self, check, matcher, ctx)

    # The same declaration as a built-in rule's, with the check's own documentation.
    run.__doc__ = _documentation(check)
    run.__name__ = check.name.replace("-", "_")
    return rule(check.code, check.name, CATEGORY, check.severity)(run)


class _Matcher:
    """The check's matches in one paragraph, within the release's time budget."""

    def __init__(self, check: CheckDefinition, compiled: dict[str, Any], budget: float) -> None:
        self.check = check
        self.compiled = compiled
        self.budget = budget
        self.deadline = time.perf_counter() + budget

    def matches(self, ctx: RuleContext, lang: str, index: int) -> list[Any]:
        paragraph = ctx.release.paragraph(lang, index)
        left = self.deadline - time.perf_counter()
        try:
            if left <= 0:
                raise TimeoutError
            found = list(self.compiled[lang].finditer(paragraph.text, timeout=left))
        except TimeoutError:
            from langcheck.config import ConfigError

            doc = ctx.release.documents[lang]
            raise ConfigError(
                f"{self.check.where}.pattern: gave up after {self.budget:.2g} s of matching on {doc.path} "
                f"(line {paragraph.line}): the {lang} pattern backtracks too much (nested repeats such as (a+)+?)"
            ) from None
        return [m for m in found if m.end() > m.start()]


def _never_match(rule: Rule, check: CheckDefinition, matcher: _Matcher, ctx: RuleContext) -> Iterator[Finding]:
    for lang in ctx.release.languages:
        if lang not in matcher.compiled:
            continue
        for paragraph in ctx.release.documents[lang].paragraphs:
            seen: set[str] = set()
            for match in matcher.matches(ctx, lang, paragraph.index):
                text = _shown(match.group(0))
                if text in seen:  # the same text again in this paragraph: one finding says it
                    continue
                seen.add(text)
                message = _message(check, "never-match", match=text, lang=lang)
                yield rule.finding(ctx, lang, paragraph.index, message, found=match.group(0),
                                   span=(match.start(), match.end()))


def _must_match(rule: Rule, check: CheckDefinition, matcher: _Matcher, ctx: RuleContext) -> Iterator[Finding]:
    read = [lang for lang in ctx.release.languages if lang in matcher.compiled]
    for group in ctx.groups:
        present = [lang for lang in read if group.paragraphs.get(lang)]
        if len(present) < 2:
            continue
        # lang -> [(paragraph index, match)] over the group's paragraphs of that version
        found = {lang: [(i, m) for i in group.paragraphs[lang] for m in matcher.matches(ctx, lang, i)] for lang in present}
        holders = [lang for lang in present if found[lang]]
        reference, tie = _reference(holders, present, ctx.source)
        if not reference:
            continue
        shown_by = _shown_by(reference, ctx.source)
        expected = _shown(found[shown_by][0][1].group(0))
        names = _reference_names(reference, ctx.source)
        related = tuple(ctx.location(lang, found[lang][0][0]) for lang in reference)
        for lang in present:
            if lang in reference:
                continue
            if not found[lang]:
                message = _message(check, "must-match", expected=expected, lang=lang, reference=names, match="")
                yield rule.finding(ctx, lang, group.paragraphs[lang][0], message, expected=found[shown_by][0][1].group(0),
                                   related=related, severity=Severity.INFO if tie else None)
        if check.value is not None:
            yield from _value_mismatches(rule, check, ctx, found, reference, holders, related)


def _value_mismatches(rule: Rule, check: CheckDefinition, ctx: RuleContext, found: dict[str, list],
                      reference: list[str], holders: list[str], related: tuple) -> Iterator[Finding]:
    """Versions whose values (the `value` group's texts) differ from the reference's."""
    values = {lang: frozenset(_value(m, check.value) for _, m in found[lang]) for lang in holders}
    if ctx.source in reference:
        expected_values, agreeing = values[ctx.source], [ctx.source]
    else:
        counts = Counter(values[lang] for lang in reference)
        expected_values, n = counts.most_common(1)[0]
        if 2 * n <= len(holders):  # no value most versions hold: nothing to trust
            return
        agreeing = [lang for lang in reference if values[lang] == expected_values]
    shown_by = _shown_by(agreeing, ctx.source)
    expected = _shown(found[shown_by][0][1].group(0))
    names = _reference_names(agreeing, ctx.source)
    related = tuple(loc for loc in related if loc.lang in agreeing)
    for lang in holders:
        if values[lang] == expected_values:
            continue
        index, match = next((i, m) for i, m in found[lang] if _value(m, check.value) not in expected_values)
        message = _message(check, "must-match-value", match=_shown(match.group(0)), expected=expected,
                           lang=lang, reference=names)
        yield rule.finding(ctx, lang, index, message, expected=" · ".join(sorted(expected_values)),
                           found=" · ".join(sorted(values[lang])), related=related,
                           span=(match.start(), match.end()))


def _reference(holders: list[str], present: list[str], source: str | None) -> tuple[list[str], bool]:
    """The versions the others are held to, and whether they are only a tie."""
    if source in present:
        return ([source] if source in holders else []), False
    if 2 * len(holders) > len(present):
        return holders, False
    if 2 * len(holders) == len(present):
        return holders, True
    return [], False


def _shown_by(reference: list[str], source: str | None) -> str:
    """The version whose match a message quotes: the source, else English, else the first."""
    for lang in (source, "en"):
        if lang in reference:
            return lang
    return reference[0]


def _reference_names(reference: list[str], source: str | None) -> str:
    return ", ".join(f"{lang} (source)" if lang == source else lang for lang in reference)


def _value(match: Any, group: int | str | None) -> str:
    return " ".join((match.group(group) or "").split())


def _message(check: CheckDefinition, case: str, **values: str) -> str:
    template = check.message or DEFAULT_MESSAGES[case]
    # The template's placeholders are plain names (checked when the config was read).
    return template.format_map({**values, "code": check.code, "name": check.name})


def _shown(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= SHOWN_CHARS else text[: SHOWN_CHARS - 1] + "…"


def _documentation(check: CheckDefinition) -> str:
    """The rule's docstring: a summary line (for `langcheck rules`), then what it reads."""
    if check.kind == "never-match":
        what = "must match nowhere"
    else:
        what = "must match in every version where it matches in the reference" + (
            f", with the same group {check.value!r}" if check.value is not None else "")
    summary = check.description or f"{check.kind} check from {check.file}:{check.line}"
    if check.message:
        message = check.message
    elif check.value is not None:
        message = f"{DEFAULT_MESSAGES['must-match']} | {DEFAULT_MESSAGES['must-match-value']}"
    else:
        message = DEFAULT_MESSAGES[check.kind]
    lines = [f"{summary}; message: {message}", "",
             f"A check of your own ({check.kind}), defined at {check.where}: the pattern {what}.", ""]
    lines += [f"{lang}: {pattern}" for lang, pattern in check.patterns]
    if check.ignorecase:
        lines.append("(case is ignored)")
    return "\n".join(lines)
