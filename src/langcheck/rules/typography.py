"""LC61x: typography of each version by the conventions of its language (info by default).

Each rule reads the paragraphs of every version on its own, without the other versions: these
are the checks of a translator's QA tool, not comparisons. One finding per paragraph and rule,
its span on the first place, its message counting the places, so a version typed without
no-break spaces gives one line per paragraph, not one per colon. A paragraph the identifier
reads as another language than its version's (an untranslated paragraph, LC501) is left to
that rule by the checks of one language's conventions.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence

from langcheck.extract import patterns
from langcheck.model import Document, Finding, Severity
from langcheck.rules.base import Rule, RuleContext, rule

_NO_BREAK = "\u00a0\u202f"

# French: `;:!?` after a word with a plain space or none, where a no-break space belongs. Not
# after a digit (`10:30`, `2:1`), nor where the sign is followed by a word character (`http://`,
# `?lang=`), nor the second of `?!`.
_FRENCH_SIGN = patterns.compile(r"[;:!?](?=[\s»)\]”’\"]|$)")
_AFTER_WORD = patterns.compile(r"[^\W\d_]|[»)\]”’]")
_GUILLEMET = patterns.compile(r"[«»]")
# Quotation marks of another language: English “…” (opening U+201C closed by U+201D) and the
# German low opening mark closed by an English one (`„…”`).
_ENGLISH_PAIR = patterns.compile(r"“[^“”„«»\n]{1,400}”")
_LOW_ENGLISH_PAIR = patterns.compile(r"„[^“”„«»\n]{1,400}”")
_GUILLEMET_SPAN = patterns.compile(r"«[^«»]*»")
_EXPECTED_QUOTES = {"de": "„…“ (or »…«)", "ru": "«…» („…“ inside)", "fr": "« … » (“…” inside)"}

# Spanish: a question or exclamation whose opening sign is missing (looked for back to the
# previous `?` or `!`).
_SPANISH_END = patterns.compile(r"[?!]+(?![\w=/&])")
_SPANISH_OPENING = {"?": "¿", "!": "¡"}
_QUESTION_END = patterns.compile(r"[?!]")

_BRACKETS = (("(", ")"), ("[", "]"), ("{", "}"))
_BRACKET = patterns.compile(r"[()\[\]{}]")
_OPENER = {closer: opener for opener, closer in _BRACKETS}
# `1)`, `a)`, `iv)` open a list item; `:)` is a smiley: closers without an opener, not faults
# (`(category 1)` closes its bracket: a closer is only taken for a mark where nothing is open).
_LIST_MARK = patterns.compile(r"(?:(?<=\s)|^)(?:\w{1,3}|[:;]-?)\)")
_CURLY_DOUBLE = "„“”"
# A quotation left open in one paragraph may close this many paragraphs later.
QUOTE_SPAN_PARAGRAPHS = 3
_STRAIGHT_QUOTE = patterns.compile(r'"(?<![\d′″]")')  # not an inch mark (`5'10"`)

_DOUBLED_SPACE = patterns.compile(r"(?<=\S) {2,}(?=\S)")
# Searched in the text after a space (the paragraph is given one in front): a pattern that starts
# with a literal is scanned for in C, one that starts with a lookbehind is tried everywhere.
# (`\w` is scanned faster than `[^\W\d_]`: numbers are dropped after the match.)
_DOUBLED_WORD = patterns.compile(r" (\w++)\s+(\1)(?![\w'’-])", re.IGNORECASE)
# Words a sentence of the language may legitimately write twice in a row: French reflexive
# `nous nous`, `vous vous`; German article and relative pronoun (`die die`, `das das`), object
# pronoun after subject (`dass sie sie sah`); English `had had`, `that that`.
_GRAMMATICAL_DOUBLES = {
    "fr": frozenset({"nous", "vous"}),
    "de": frozenset({"der", "die", "das", "den", "dem", "des", "sie", "ihr", "es"}),
    "en": frozenset({"had", "that"}),
    "es": frozenset(),
    "ru": frozenset(),
}
_TYPOGRAPHIC_QUOTES = "“”„«»"


@rule("LC610", "french-spacing", "typography", Severity.INFO)
def french_spacing(self: Rule, ctx: RuleContext) -> Iterable[Finding]:
    """French text lacks the no-break space before `; : ! ?` or inside `« »`.

    **What it does.** In the fr version, finds `;`, `:`, `!` and `?` after a word with a plain
    space or none before them, and `«` or `»` without a no-break space (U+00A0 or the narrow
    U+202F) on their inner side.

    **Why it matters.** French typography puts a no-break space there; with a plain space the
    sign wraps to the next line alone, without one the text reads as a careless copy.

    **Example.** `fr: no no-break space before : (2 places)` for `déclaré : « Nous »`.

    **Limits.** Info. Not after a digit (`10:30`, `2:1`) nor where a word follows the sign
    without a space (`http://`, `?lang=fr`); the second sign of `?!` is not checked. Swiss
    French, which writes no space before `; ! ?`, gets these findings too: set the rule to
    `ignore` for such releases.
    """
    for doc in _documents(ctx, "fr"):
        for index, text in _own_language_paragraphs(ctx, doc):
            places = [(m.start(), m.end(), m.group()) for m in _FRENCH_SIGN.finditer(text) if _bare_sign(text, m.start())]
            places += [(m.start(), m.end(), m.group()) for m in _GUILLEMET.finditer(text) if _bare_guillemet(text, m.start())]
            if places:
                places.sort()
                signs = " ".join(dict.fromkeys(p[2] for p in places))
                yield _once(self, ctx, doc, index, places, f"fr: no no-break space at {signs}",
                            expected="no-break space (U+00A0 or U+202F)")


@rule("LC611", "quote-style", "typography", Severity.INFO)
def quote_style(self: Rule, ctx: RuleContext) -> Iterable[Finding]:
    """A version quotes with the quotation marks of another language.

    **What it does.** Finds English quotation marks `“…”` in the de, fr and ru versions (in
    fr not inside `« »`, where they are the inner quotes) and a German low mark closed by an
    English one (`„…”`) in de and ru.

    **Why it matters.** German quotes `„…“` (or `»…«`), Russian `«…»` with `„…“` inside, French
    `« … »`: English marks left from the source show a translation that was not proofread.

    **Example.** `de: quotes “…” where de writes „…“ (or »…«)`.

    **Limits.** Info. Straight quotes `"…"` are left to LC616 (a version typed on a plain
    keyboard is consistent, not wrong). `«…»` in German is accepted (Swiss German). Spanish
    accepts `«…»`, `“…”` and `‘…’`, English `“…”`, `‘…’` and `"…"`: those versions are not checked.
    """
    for lang in ("de", "fr", "ru"):
        for doc in _documents(ctx, lang):
            for index, text in _own_language_paragraphs(ctx, doc):
                inner = [(m.start(), m.end()) for m in _GUILLEMET_SPAN.finditer(text)] if lang != "de" else []
                places = [(m.start(), m.end(), "“…”") for m in _ENGLISH_PAIR.finditer(text)
                          if not any(s < m.start() and m.end() <= e for s, e in inner)]
                if lang in ("de", "ru"):
                    places += [(m.start(), m.end(), "„…”") for m in _LOW_ENGLISH_PAIR.finditer(text)]
                if places:
                    places.sort()
                    used = " ".join(dict.fromkeys(p[2] for p in places))
                    yield _once(self, ctx, doc, index, places, f"{lang}: quotes {used} where {lang} writes {_EXPECTED_QUOTES[lang]}",
                                expected=_EXPECTED_QUOTES[lang])


@rule("LC612", "spanish-opening-mark", "typography", Severity.INFO)
def spanish_opening_mark(self: Rule, ctx: RuleContext) -> Iterable[Finding]:
    """A Spanish question or exclamation lacks its opening `¿` or `¡`.

    **What it does.** In the es version, finds each `?` and `!` whose sentence (from the last
    `. ! ? … ;` before it) holds no `¿` or `¡`.

    **Why it matters.** Spanish opens a question with `¿` and an exclamation with `¡`; a missing
    one is the mark of an English sentence pattern carried over.

    **Example.** `es: no opening ¿ for ?` in `Preguntó: qué hará el Gobierno?`.

    **Limits.** Info. A sign followed by a word character (`?lang=es`) and `(?)` are not read;
    either opening sign is accepted for either closing one (Spanish allows `¡Qué dices?`). A
    full stop does not end the search (abbreviations: `EE. UU.`), so a question without its
    sign after a sentence that opened one is missed. A question quoted in another language is
    reported too.
    """
    for doc in _documents(ctx, "es"):
        for index, text in _own_language_paragraphs(ctx, doc):
            places = []
            for m in _SPANISH_END.finditer(text):
                if m.start() > 0 and text[m.start() - 1] in "(¿¡?!":
                    continue  # `(?)`, or the rest of `?!!`
                opened = text[_sentence_start(text, m.start()) : m.start()]
                if "¿" not in opened and "¡" not in opened:
                    wanted = "".join(dict.fromkeys(_SPANISH_OPENING[sign] for sign in m.group()))
                    places.append((m.start(), m.end(), wanted))
            if places:
                signs = " ".join(dict.fromkeys(p[2] for p in places))
                yield _once(self, ctx, doc, index, places, f"es: no opening {signs}", expected=signs)


@rule("LC613", "unbalanced-pair", "typography", Severity.INFO)
def unbalanced_pair(self: Rule, ctx: RuleContext) -> Iterable[Finding]:
    """A bracket or quotation mark of a paragraph is not closed, or closes what was not opened.

    **What it does.** In every version, counts per paragraph `( )`, `[ ]`, `{ }` (a closer before
    its opener is unbalanced too), `« »` (either direction, for German `»…«`), the curly double
    quotes `„ “ ”` (a pair is two marks in every language's style, so an odd number is
    unbalanced) and straight double quotes `"`.

    **Why it matters.** A quotation left open or a bracket never closed changes who says what; it
    is the trace of an edit that cut a sentence in half.

    **Example.** `en: ( not closed` for `The ministers (in Astana agreed.`.

    **Limits.** Info. A quotation may run over paragraphs: a quote left open where one of the
    next three paragraphs closes one, or where the next paragraph opens with a quotation mark
    (the English convention for quotes of several paragraphs), is not reported. List markers (`1)`, `a)`) and smileys are not
    closing brackets; a straight quote after a digit is an inch mark. Apostrophes and single
    quotes are not counted (`’` is both).
    """
    for doc in _documents(ctx, None):
        paragraphs = [p.text for p in doc.paragraphs]
        quotes = [_quote_balance(text) for text in paragraphs]
        running = _running_quotes(paragraphs, quotes)
        for index, text in enumerate(paragraphs):
            places: list[tuple[int, int, str]] = list(_bracket_faults(text))
            for kind, (balance, at) in quotes[index].items():
                if (index, kind) not in running:
                    places.append((at, at + 1, text[at]))
            if places:
                places.sort()
                marks = " ".join(dict.fromkeys(p[2] for p in places))
                yield _once(self, ctx, doc, index, places, f"{doc.lang}: unbalanced {marks}")


@rule("LC614", "doubled-space", "typography", Severity.INFO)
def doubled_space(self: Rule, ctx: RuleContext) -> Iterable[Finding]:
    """Two or more spaces in a row between words.

    **What it does.** Finds runs of spaces inside a paragraph of a plain-text version.

    **Why it matters.** A doubled space is where a word was deleted or pasted; in a CMS it can
    show as a gap, and it breaks search for the phrase.

    **Example.** `de: doubled space (2 places)`, found `Minister  sagte` (the span takes in
    the words on either side).

    **Limits.** Info. Only plain-text versions are checked: the Markdown, HTML, Word and XLIFF
    readers collapse runs of spaces as those formats render them (a browser does too), so their
    text no longer holds any. Indentation and line ends are not inside a paragraph's text.
    """
    for doc in _documents(ctx, None):
        if doc.format != "text":
            continue
        for paragraph in doc.paragraphs:
            if "  " not in paragraph.text:
                continue
            text = paragraph.text
            places = [_with_neighbours(text, m.start(), m.end()) for m in _DOUBLED_SPACE.finditer(text)]
            if places:
                yield _once(self, ctx, doc, paragraph.index, places, f"{doc.lang}: doubled space", expected="one space")


@rule("LC615", "doubled-word", "typography", Severity.INFO)
def doubled_word(self: Rule, ctx: RuleContext) -> Iterable[Finding]:
    """The same word twice in a row (`the the`).

    **What it does.** Finds a word repeated with only spaces between, in any case (`Die die`),
    where the first stands after a space or at the start of the paragraph.

    **Why it matters.** A doubled word is the commonest slip of an edit and the hardest to see
    when reading for sense.

    **Example.** `en: doubled word the the`.

    **Limits.** Info. Not reported: numbers; a word twice with both capitalised (a name: `Bora
    Bora`); hyphenated words (`что-то`); doublings the grammar allows: French reflexive `nous
    nous`, `vous vous`; German article or pronoun before a relative pronoun or object (`die die`,
    `dass sie sie sah`); English `had had`, `that that`. Words across punctuation (`die, die`)
    are not doubled.
    """
    for doc in _documents(ctx, None):
        allowed = _GRAMMATICAL_DOUBLES.get(doc.lang.split("-")[0], frozenset())
        for index, text in _own_language_paragraphs(ctx, doc):
            places = []
            for m in _DOUBLED_WORD.finditer(" " + text):
                first, second = m.group(1), m.group(2)
                if not first.isalpha() or first.casefold() in allowed or (first[0].isupper() and second[0].isupper()):
                    continue
                places.append((m.start(1) - 1, m.end(2) - 1, text[m.start(1) - 1 : m.end(2) - 1]))
            if places:
                words = ", ".join(dict.fromkeys(p[2] for p in places))
                yield _once(self, ctx, doc, index, places, f"{doc.lang}: doubled word {words}")


@rule("LC616", "quote-mix", "typography", Severity.INFO)
def quote_mix(self: Rule, ctx: RuleContext) -> Iterable[Finding]:
    """A version quotes with straight quotes `"` in some places and typographic ones in others.

    **What it does.** In every version, finds straight double quotes where the same version
    also writes typographic double quotes (`“ ” „ « »`): one finding per version, at the first
    paragraph with a straight quote.

    **Why it matters.** Mixed quotes show pasted text that nobody went over; a house style
    uses one kind.

    **Example.** `en: straight quotes " in 2 paragraphs, typographic quotes in 5`.

    **Limits.** Info. Single quotes and apostrophes are not counted; a straight quote after a
    digit is an inch mark.
    """
    for doc in _documents(ctx, None):
        straight = [(p.index, m.start()) for p in doc.paragraphs if '"' in p.text for m in _STRAIGHT_QUOTE.finditer(p.text)]
        typographic = {p.index for p in doc.paragraphs if any(ch in p.text for ch in _TYPOGRAPHIC_QUOTES)}
        if not straight or not typographic:
            continue
        index, at = straight[0]
        n_straight = len({i for i, _ in straight})
        message = (f"{doc.lang}: straight quotes \" in {_paragraphs(n_straight)}, "
                   f"typographic quotes in {_paragraphs(len(typographic))}")
        yield self.finding(ctx, doc.lang, index, message, expected="“…” / „…“ / «…»", found='"', span=(at, at + 1))


# --- helpers ------------------------------------------------------------------------------------


def _documents(ctx: RuleContext, lang: str | None) -> Iterator[Document]:
    """The versions in language `lang` (its code before any region: `fr`, `fr-CH`), or all."""
    for code, doc in sorted(ctx.release.documents.items()):
        if lang is None or code.split("-")[0].split("_")[0].lower() == lang:
            yield doc


def _own_language_paragraphs(ctx: RuleContext, doc: Document) -> Iterator[tuple[int, str]]:
    """Index and text of the version's paragraphs not identified as another language."""
    own = doc.lang.split("-")[0].split("_")[0].lower()
    for paragraph in doc.paragraphs:
        identified = ctx.paragraph_language.get((doc.lang, paragraph.index))
        if identified is None or identified == own:
            yield paragraph.index, paragraph.text


def _once(
    self: Rule, ctx: RuleContext, doc: Document, index: int, places: Sequence[tuple[int, int, str]], message: str,
    *, expected: str | None = None,
) -> Finding:
    """One finding for every place of a paragraph: the span of the first, the count in the message."""
    start, end, _ = places[0]
    if len(places) > 1:
        message += f" ({len(places)} places)"
    text = doc.paragraphs[index].text
    return self.finding(ctx, doc.lang, index, message, expected=expected, found=text[start:end], span=(start, end))


def _bare_sign(text: str, at: int) -> bool:
    """Whether the sign at `at` follows a word with a plain space or none (see LC610)."""
    before = at - 1 if at > 0 and text[at - 1] == " " else at
    return before > 0 and _AFTER_WORD.match(text, before - 1) is not None


def _bare_guillemet(text: str, at: int) -> bool:
    """Whether the guillemet at `at` lacks its no-break space on the inner side (a guillemet at
    the edge of the paragraph on its outer side counts as well)."""
    inner = at + 1 if text[at] == "«" else at - 1
    return 0 <= inner < len(text) and text[inner] not in _NO_BREAK


def _with_neighbours(text: str, start: int, end: int) -> tuple[int, int, str]:
    """The run of spaces at `start:end` with the words on either side (`on  for`): a span a
    reader can see."""
    left = text.rfind(" ", 0, start) + 1
    right = text.find(" ", end)
    right = len(text) if right < 0 else right
    return (left, right, text[left:right])


def _paragraphs(n: int) -> str:
    return "1 paragraph" if n == 1 else f"{n} paragraphs"


def _sentence_start(text: str, end: int) -> int:
    """Where the question or exclamation that ends at `end` may start: after the last `?` or `!`
    before it (a full stop is no bound: `¿Qué harán los EE. UU. ahora?`)."""
    start = 0
    for m in _QUESTION_END.finditer(text, 0, end):
        start = m.end()
    return start


def _bracket_faults(text: str) -> Iterator[tuple[int, int, str]]:
    """Brackets never closed, and closers without an opener (unless a list marker or smiley)."""
    stacks: dict[str, list[int]] = {opener: [] for opener, _ in _BRACKETS}
    marks: set[int] | None = None
    for m in _BRACKET.finditer(text):
        ch, i = m.group(), m.start()
        if ch in stacks:
            stacks[ch].append(i)
            continue
        stack = stacks[_OPENER[ch]]
        if stack:
            stack.pop()
            continue
        if marks is None:
            marks = {mark.end() - 1 for mark in _LIST_MARK.finditer(text)}
        if i not in marks:
            yield (i, i + 1, ch)
    for stack in stacks.values():
        for i in stack:
            yield (i, i + 1, text[i])


def _quote_balance(text: str) -> dict[str, tuple[int, int]]:
    """Per kind of double quote (`guillemet`, `curly`, `straight`): how far from balanced the
    paragraph is (openers minus closers for guillemets; 1 for an odd count of the others) and
    where its last mark of that kind stands."""
    out: dict[str, tuple[int, int]] = {}
    opening, closing = text.count("«"), text.count("»")
    if opening != closing:
        # German `»…«` opens with `»`: the sign says which way it leans, not how it opens.
        out["guillemet"] = (opening - closing, max(text.rfind("«"), text.rfind("»")))
    if sum(text.count(ch) for ch in _CURLY_DOUBLE) % 2:
        out["curly"] = (1, max(text.rfind(ch) for ch in _CURLY_DOUBLE))
    if '"' in text:
        straight = [m.start() for m in _STRAIGHT_QUOTE.finditer(text)]
        if len(straight) % 2:
            out["straight"] = (1, straight[-1])
    return out


def _running_quotes(paragraphs: Sequence[str], quotes: Sequence[dict[str, tuple[int, int]]]) -> set[tuple[int, str]]:
    """The (paragraph index, kind) of unbalanced quotes that are a quotation running over
    paragraphs: one paragraph leaves a quote open and a later one, at most
    `QUOTE_SPAN_PARAGRAPHS` on, closes one (for guillemets: leans the other way); or the next
    paragraph opens with a quotation mark (each paragraph of a long quotation reopens it)."""
    out: set[tuple[int, str]] = set()
    for index, found in enumerate(quotes):
        for kind, (balance, _) in found.items():
            following = paragraphs[index + 1].lstrip()[:1] if index + 1 < len(paragraphs) else ""
            if following and following in "«»„“\"" and balance > 0:
                out.add((index, kind))
            if balance < 0:
                continue  # a guillemet closed without an opener pairs with an earlier paragraph only
            for later in range(index + 1, min(len(quotes), index + 1 + QUOTE_SPAN_PARAGRAPHS)):
                if kind in quotes[later] and (later, kind) not in out:
                    if kind != "guillemet" or (quotes[later][kind][0] > 0) != (balance > 0):
                        out.update({(index, kind), (later, kind)})
                    break
    return out
