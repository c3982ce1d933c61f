"""LC402: glossary terms that a version does not render as agreed."""

from __future__ import annotations

from difflib import SequenceMatcher
from typing import Iterable, NamedTuple, Sequence

from rapidfuzz import fuzz

from langcheck.extract import patterns
from langcheck.model import Finding, Group, Severity
from langcheck.rules.base import Rule, RuleContext, rule
from langcheck.rules.fact_compare import (
    Discrepancy,
    FactPolicy,
    compare_group,
    shown_lang,
)

# A span is named as the rendering used instead of a term only when it reads like the term's
# agreed form (rapidfuzz ratio, casefolded) at least this much, shares a content word stem with
# it (`Bundesstaates` ~ `Unionsstaat`: `staat`), and stands about where the other versions
# write the term (within this share of the paragraph's length).
RENDERING_SIMILARITY = 45.0
RENDERING_POSITION = 0.3
_STEM = 4  # letters two content words must share in a row to count as one stem
_WORD = patterns.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")  # `l’État` is two words, `Nord-Süd` one


@rule("LC402", "term-mismatch", "term", Severity.WARNING)
def term_mismatch(self: Rule, ctx: RuleContext) -> Iterable[Finding]:
    """A version does not use the glossary's rendering of a term the others use.

    **What it does.** Finds glossary terms in every version, inflection-aware (`Союзного
    государства` matches `Союзное государство`, `Unionsstaates` matches `Unionsstaat`). When most
    versions use a term's agreed form, a version that renders the concept some other way is
    reported with the form the glossary expects in its language.

    **Why it matters.** Terms of art (`Union State`, `strategic stability`) carry political
    meaning; an ad-hoc rendering reads as a different concept.

    The finding names what the version writes instead when it can be found: the words at about
    the place where the other versions write the term that read like the agreed form and share
    a word stem with it (`Bundesstaates` for `Unionsstaat`, `État fédéral` for `État de
    l'Union`). Where nothing qualifies, the message says the rendering was not found.

    **Example.** `de does not use the glossary form of Union State (en, fr, ru): expected
    Unionsstaat, found Bundesstaates`.

    **Limits.** Only terms in the glossary are checked. German compounds are matched when they
    start with a one-word form (`Rüstungskontrollabkommen`). The rendering used instead is only
    named when it shares a stem with the agreed form; a free paraphrase (`the alliance of the two
    countries`) is reported as not found. Always a warning.
    """
    findings: list[Finding] = []
    glossary = ctx.glossary.by_key() if ctx.glossary is not None else {}
    for group in ctx.groups:
        for d in compare_group(ctx, group, TERM_POLICY):
            entry = glossary.get(d.expected.facts()[0].key)
            shown = _concept_name(ctx, d, entry.forms_in("en") if entry is not None else ())
            forms = entry.forms_in(d.lang) if entry is not None else ()
            holders = ", ".join(sorted(d.expected.holders))
            message = f"{d.lang} does not use the glossary form of {shown} ({holders})"
            if forms:
                message += f": expected {' / '.join(forms)}"
            used = _rendering_used(ctx, group, d, forms or (shown,))
            if used is not None:
                message += f", found {used.text}"
            else:
                message += f"; what {d.lang} writes instead was not found"
            findings.append(
                self.finding(
                    ctx,
                    d.lang,
                    used.paragraph if used is not None else group.paragraphs[d.lang][0],
                    message,
                    expected=" / ".join(forms) if forms else shown,
                    found=used.text if used is not None else None,
                    related=ctx.related(group, exclude=[d.lang]),
                    span=(used.start, used.end) if used is not None else None,
                )
            )
    return findings


def _concept_name(ctx: RuleContext, d: Discrepancy, english: Sequence[str]) -> str:
    """The term as the message names it: as the source writes it, else in the glossary's English,
    else as the version a reader can best use writes it."""
    if ctx.source in d.expected.holders or not english:
        return d.expected.first(shown_lang(ctx, d.expected.holders, d.lang)).fact.surface
    return english[0]


# --- the rendering used instead -----------------------------------------------------------------


class Rendering(NamedTuple):
    """Words of one paragraph (`paragraph` index, character `start`/`end`) standing for a term."""

    paragraph: int
    start: int
    end: int
    text: str


def _rendering_used(ctx: RuleContext, group: Group, d: Discrepancy, forms: Sequence[str]) -> Rendering | None:
    """The span of the faulty version that most likely renders the term (see the docstring)."""
    places = [o.fact.start / max(1, len(ctx.release.paragraph(o.lang, o.paragraph).text))
              for occs in d.expected.members.values() for o in occs]
    taken = {(p, f.start, f.end) for p in group.paragraphs.get(d.lang, ()) for f in ctx.facts.get((d.lang, p), ()) if f.kind == "term"}
    best: tuple[tuple[float, float, float], Rendering] | None = None
    for paragraph in group.paragraphs.get(d.lang, ()):
        text = ctx.release.paragraph(d.lang, paragraph).text
        words = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]
        for form in forms:
            form_words = [w.casefold() for w in _WORD.findall(form)]
            content = [w for w in form_words if len(w) >= _STEM]
            k = len(form_words)
            for n in range(1, k + 2):
                for i in range(len(words) - n + 1):
                    window = words[i : i + n]
                    if len(window[0][2]) < _STEM or len(window[-1][2]) < _STEM:
                        continue  # a span starts and ends with a content word, not `the`, `des`
                    start, end = window[0][0], window[-1][1]
                    if any(s < end and start < e for p, s, e in taken if p == paragraph):
                        continue  # another glossary term
                    where = start / max(1, len(text))
                    distance = min((abs(where - p) for p in places), default=0.0)
                    if distance > RENDERING_POSITION:
                        continue
                    span = text[start:end]
                    score = fuzz.ratio(span.casefold(), form.casefold())
                    if score < RENDERING_SIMILARITY or not _shares_stem([w[2].casefold() for w in window], content):
                        continue
                    # A rendering has as many content words as the form (`Federal State` for
                    # `Union State`, not just `State`), then reads most like it.
                    words_off = abs(sum(len(w[2]) >= _STEM for w in window) - len(content))
                    rank = (-words_off, score, -distance)
                    if best is None or rank > best[0]:
                        best = (rank, Rendering(paragraph, start, end, span))
    return best[1] if best is not None else None


def _shares_stem(words: Sequence[str], content: Sequence[str]) -> bool:
    """Whether a word of the span and a content word of the form share `_STEM` letters in a row
    (`bundesstaates`/`unionsstaat`: `staat`; `государства`/`государство`)."""
    for w in words:
        for c in content:
            match = SequenceMatcher(None, w, c, autojunk=False).find_longest_match(0, len(w), 0, len(c))
            if match.size >= _STEM:
                return True
    return False


# --- policies -----------------------------------------------------------------------------------


TERM_POLICY = FactPolicy(kind="term", pairable=lambda cluster, fact: False)

