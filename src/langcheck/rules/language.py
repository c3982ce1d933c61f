"""LC5xx: language. Text left in another language, or a whole version in the wrong one.

Every finding names the file and a line: the paragraph's (LC501), the sentence's paragraph
(LC503), or the first line of the version's text (LC502, which is about the whole file).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Iterator

from langcheck.extract import patterns
from langcheck.model import Finding, Severity
from langcheck.rules.base import Rule, RuleContext, rule

# A quotation: the words inside may be kept in the language they were spoken in.
_QUOTED = patterns.compile(r"«[^»]*»|“[^”]*”|„[^“”]*[“”]|\"[^\"]*\"|‹[^›]*›")
_LETTER = patterns.compile(r"[^\W\d_]")
_WORD = patterns.compile(r"[^\W\d_][^\W_]*(?:[-'’][^\W_]+)*")
# A sentence whose words are mostly capitalised is a list of names, titles or organisations,
# which read alike in every language.
_NAMES_SHARE = 0.7


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
    reported paragraph by paragraph. A paragraph that has a sentence in its own language and
    others in another is `stray-sentence` (LC503), sentence by sentence, whichever language
    the whole paragraph leans to.
    """
    for lang, document in sorted(ctx.release.documents.items()):
        if _wrong_document_language(ctx, lang):
            continue
        for paragraph in document.paragraphs:
            found = ctx.paragraph_language.get((lang, paragraph.index))
            if found is None or found == lang or _mixed(ctx, lang, paragraph.index):
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

    **Limits.** Needs a few sentences of text to identify the language with confidence. A
    version with a paragraph or sentence in its own language is not reported as a whole, even
    when most of its text is in another: its untranslated paragraphs are (LC501, LC503).
    """
    for lang, document in sorted(ctx.release.documents.items()):
        found = ctx.document_language.get(lang)
        if _wrong_document_language(ctx, lang):
            finding = self.finding(
                ctx, lang, None,
                f"{document.file_name} is written in {found}, not {lang}",
                expected=lang, found=found,
            )
            # The whole file is the finding's place: it points at the file's first line of text.
            yield replace(finding, line=document.paragraphs[0].line if document.paragraphs else 1)


@rule("LC503", "stray-sentence", "untranslated", Severity.ERROR)
def stray_sentence(self: Rule, ctx: RuleContext) -> Iterator[Finding]:
    """A sentence in another language inside a paragraph otherwise in this version's language.

    **What it does.** Where a paragraph has two sentences or more, identifies the language of
    each sentence (py3langid, limited to the configured languages, confidence 0.9 or more) and
    reports a sentence confidently in another language when the paragraph is otherwise in the
    version's own: another of its sentences, or the paragraph as a whole, is identified as it.
    The finding points at the sentence (its span in the paragraph).

    **Why it matters.** A sentence pasted from the source and never translated hides inside a
    paragraph that reads right at a glance; the paragraph as a whole still looks French, so
    `untranslated` (LC501) does not see it.

    **Example.** In fr.txt, paragraph 3 reads `Les parties ont évoqué la coopération
    régionale. The ministers also discussed the preparations for the joint board meeting.` →
    `this fr paragraph has a sentence in en: “The ministers also discussed…”`.

    **Limits.** Sentences under 30 letters (about six words) are not judged: too little text
    to tell languages apart. Not reported either: a sentence mostly inside quotation marks (a
    quote may be kept in the language it was spoken in), one whose words are mostly
    capitalised (names, titles, organisations), and one that two or more other versions also
    carry word for word (kept in the original on purpose). A paragraph in another language as a
    whole is LC501's, a whole version LC502's. A sentence the segmenter did not split off (no
    sentence-final punctuation) is judged with its neighbour.
    """
    for lang, document in sorted(ctx.release.documents.items()):
        if _wrong_document_language(ctx, lang):
            continue
        for paragraph in document.paragraphs:
            in_paragraph = ctx.paragraph_language.get((lang, paragraph.index))
            found = ctx.sentence_language.get((lang, paragraph.index), ())
            if not (lang in found or (in_paragraph == lang and found)):
                continue
            start = 0
            for sentence, other in zip(paragraph.sentences, found):
                at = paragraph.text.find(sentence, start)
                if at >= 0:
                    start = at + len(sentence)
                if other is None or other == lang or not _stray(ctx, lang, sentence):
                    continue
                excerpt = sentence if len(sentence) <= 60 else sentence[:57].rstrip() + "…"
                yield self.finding(
                    ctx, lang, paragraph.index,
                    f"this {lang} paragraph has a sentence in {other}: “{excerpt}”",
                    expected=lang, found=other,
                    related=_counterparts(ctx, lang, paragraph.index),
                    span=(at, at + len(sentence)) if at >= 0 else None,
                )


def _stray(ctx: RuleContext, lang: str, sentence: str) -> bool:
    """Whether a sentence identified as another language is no quote, name list or text that
    the other versions keep in the original too."""
    letters = len(_LETTER.findall(sentence))
    quoted = sum(len(_LETTER.findall(q)) for q in _QUOTED.findall(sentence))
    if 2 * quoted >= letters:
        return False
    words = _WORD.findall(sentence)
    if words and sum(w[0].isupper() for w in words) >= _NAMES_SHARE * len(words):
        return False
    folded = " ".join(sentence.split()).casefold()
    kept = sum(
        folded in " ".join(" ".join(p.text for p in doc.paragraphs).split()).casefold()
        for other, doc in ctx.release.documents.items() if other != lang
    )
    return kept < 2


def _mixed(ctx: RuleContext, lang: str, index: int) -> bool:
    """Whether the paragraph has a sentence in its own language and one in another (LC503's)."""
    found = ctx.sentence_language.get((lang, index), ())
    return lang in found and any(other not in (None, lang) for other in found)


def _wrong_document_language(ctx: RuleContext, lang: str) -> bool:
    """The version as a whole is in another language, and none of it in its own: a paragraph
    or sentence identified as its own language makes the rest untranslated text (LC501,
    LC503), not a wrong file, however much of the text that is."""
    found = ctx.document_language.get(lang)
    if found is None or found == lang:
        return False
    document = ctx.release.documents[lang]
    return not any(
        ctx.paragraph_language.get((lang, p.index)) == lang or lang in ctx.sentence_language.get((lang, p.index), ())
        for p in document.paragraphs
    )


def _counterparts(ctx: RuleContext, lang: str, index: int):
    for group in ctx.groups:
        if index in group.paragraphs.get(lang, ()):
            return ctx.related(group, exclude=[lang])
    return ()
