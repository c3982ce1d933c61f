"""LC5xx: language. Text left in another language, or a whole version in the wrong one."""

from __future__ import annotations

from typing import Iterator

from langcheck.model import Finding, Severity
from langcheck.rules.base import Rule, RuleContext, rule


@rule("LC501", "untranslated", "untranslated", Severity.ERROR)
def untranslated(self: Rule, ctx: RuleContext) -> Iterator[Finding]:
    """A paragraph of this version is written in another language: it was left untranslated.

    **What it does.** Identifies the language of every paragraph (py3langid, limited to the
    configured languages) and reports paragraphs whose language is confidently another one.

    **Why it matters.** A paragraph pasted from the source and never translated is published
    as is, in the wrong language.

    **Example.** In fr.txt, the fourth paragraph is still the English text.

    **Limits.** Paragraphs under 25 letters (datelines, names, acronym lists) are not judged:
    they look alike in every language. A version reported by `wrong-language` as a whole is not
    reported paragraph by paragraph.
    """
    for lang, document in sorted(ctx.release.documents.items()):
        if _wrong_document_language(ctx, lang):
            continue
        for paragraph in document.paragraphs:
            found = ctx.paragraph_language.get((lang, paragraph.index))
            if found is None or found == lang:
                continue
            yield self.finding(
                ctx, lang, paragraph.index,
                f"this {lang} paragraph is written in {found}",
                expected=lang, found=found,
                related=_counterparts(ctx, lang, paragraph.index),
                span=(0, len(paragraph.text)),
            )


@rule("LC502", "wrong-language", "wrong-language", Severity.ERROR)
def wrong_language(self: Rule, ctx: RuleContext) -> Iterator[Finding]:
    """The whole file is in another language than its name (or the release) says.

    **What it does.** Identifies the language of each version's full text and compares it with
    the language the file name declares.

    **Why it matters.** A file saved under the wrong name publishes, for example, the Spanish
    text on the French page.

    **Example.** `fr.txt` contains the Spanish version → `fr.txt is written in es, not fr`.

    **Limits.** Needs a few sentences of text to identify the language with confidence.
    """
    for lang, document in sorted(ctx.release.documents.items()):
        found = ctx.document_language.get(lang)
        if _wrong_document_language(ctx, lang):
            yield self.finding(
                ctx, lang, None,
                f"{document.file_name} is written in {found}, not {lang}",
                expected=lang, found=found,
            )


def _wrong_document_language(ctx: RuleContext, lang: str) -> bool:
    found = ctx.document_language.get(lang)
    return found is not None and found != lang


def _counterparts(ctx: RuleContext, lang: str, index: int):
    for group in ctx.groups:
        if index in group.paragraphs.get(lang, ()):
            return ctx.related(group, exclude=[lang])
    return ()
