"""Glossary forms in running text, inflection-aware, multi-word.

Every word is lower-cased and stemmed with Snowball (PyStemmer when installed), so
`Союзного государства` matches the form `Союзное государство` and `Unionsstaates` matches
`Unionsstaat`. Forms without lower-case letters (`UN`, `ООН`, `EE.UU.`) are acronyms: they match
the written tokens exactly, case included, so `US` never matches the pronoun `us`.
Abbreviations written with dots or spaces are one word, read without them: `U.S.` is `US`,
`EE. UU.` is `EEUU`, `С.Ш.А.` is `США`, `É.-U.` is `ÉU` (so it never reads as `EU`).
The longest form wins and a word belongs to at most one match, so `UN Security Council` is the
Security Council; `organisation_parts` tells that it names the UN as well.

This module finds every glossary type; `extract_facts` turns term matches into `term:<id>` facts,
organisations into acronym facts (`org:<id>`) and places into name facts (`place:<id>`).
An entry's forbidden forms (`GlossaryEntry.forbidden`) are matched as the entry too, so a
version writing one still names the concept; `rendering_of` tells which form a match reads as.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import accumulate, compress, repeat
from operator import itemgetter, or_
from typing import NamedTuple, Sequence

import snowballstemmer

from langcheck.glossary import Glossary, GlossaryEntry
from langcheck.model import Fact

_STEMMER_NAMES = {"de": "german", "en": "english", "es": "spanish", "fr": "french", "ru": "russian"}
# Words: letters/digits, with inner hyphens kept apart so "UN-Sicherheitsrat" is two words.
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_WORD_SPLIT = re.compile(f"({_WORD.pattern})")  # the same words, kept by re.split
_JOINERS = frozenset(" \u00a0\u202f-‐–'’./«»\"")
_UPPER = "A-ZÀ-ÖØ-ÞА-ЯЁ"
# Dotted abbreviations: pieces of one or two capitals, each closed by a dot, joined by nothing, a
# space or a hyphen (`U.S.`, `EE. UU.`, `É.-U.`); a last piece right after a dot may lack its own
# (`EE.UU,`), but `Plan B. A new` is two words. The look-behind follows the first capital
# (`X(?<![\w.].)` is `(?<![\w.])X`, and `XX?` is `X{1,2}`) so that the engine skips to the next
# capital in C rather than trying it at every position (9.3 -> 2.6 us a paragraph).
DOTTED = re.compile(
    rf"[{_UPPER}](?<![\w.].)[{_UPPER}]?\.(?:[ \u00a0]?[-‐–]?[ \u00a0]?[{_UPPER}]{{1,2}}\.)*"
    rf"(?:[-‐–]?[{_UPPER}]{{1,2}}(?![\w.]))?"
)


class Token(NamedTuple):
    text: str
    stem: str
    start: int
    end: int


_Form = tuple[tuple[str, ...], int, GlossaryEntry]  # (words, how compared: _STEM/_EXACT/_STRICT, entry)
_Index = dict[tuple[str, str], list[_Form]]


class GlossaryMatch(NamedTuple):
    entry: GlossaryEntry
    start: int
    end: int


def find_terms(text: str, lang: str, glossary: Glossary, matches: Sequence[GlossaryMatch] | None = None) -> list[Fact]:
    """`term:<id>` facts for glossary entries of type term (`matches`: from `match_glossary`)."""
    if matches is None:
        matches = match_glossary(text, lang, glossary)
    return [Fact("term", m.entry.key, text[m.start : m.end], m.start, m.end) for m in matches if m.entry.type == "term"]


def match_glossary(text: str, lang: str, glossary: Glossary) -> list[GlossaryMatch]:
    """All non-overlapping glossary matches of every type in one paragraph, in text order."""
    index = _index(glossary, lang)
    if not index:
        return []
    texts, starts, ends = _words(text)
    if not texts:
        return []
    stems = _stems(texts, lang)
    # Most words open no form. The ones that may (a form's first stem or acronym, or a long
    # German word that may be a compound) are picked out by C-level maps, not a Python loop.
    stem_heads, exact_heads = _heads(glossary, lang)
    opens = map(or_, map(stem_heads.__contains__, map(_HEAD, stems)), map(exact_heads.__contains__, texts))
    if lang == "de":
        opens = map(or_, opens, map(_COMPOUND_LENGTH.__le__, map(len, texts)))
    matches: list[GlossaryMatch] = []
    free = 0  # the first word after the last match: a word belongs to one match at most
    for i in compress(range(len(texts)), opens):
        if i < free:
            continue
        candidates = _candidates(index, Token(texts[i], stems[i], starts[i], ends[i]), lang)
        if not candidates:
            continue
        # How many words from this one on are joined as one form's words are (`_joins`),
        # walked once for all candidates, up to the longest of them.
        reach, limit = 1, min(max(len(c[0]) for c in candidates), len(texts) - i)
        while reach < limit and _joins(text[ends[i + reach - 1] : starts[i + reach]]):
            reach += 1
        best: tuple[int, GlossaryEntry] | None = None
        for words, exact, entry in candidates:
            n = len(words)
            if (best is not None and n <= best[0]) or n > reach:
                continue
            if n == 1 or _rest_equal(texts, stems, i, words, exact):
                best = (n, entry)
        if best is None:
            continue
        n, entry = best
        matches.append(GlossaryMatch(entry, starts[i], ends[i + n - 1]))
        free = i + n
    return matches


def tokenize(text: str, lang: str) -> list[Token]:
    """The words of `text` with their stems (see `_words`), in text order."""
    texts, starts, ends = _words(text)
    if not texts:
        return []
    return list(map(_new_token, repeat(Token), zip(texts, _stems(texts, lang), starts, ends)))


def _stems(texts: list[str], lang: str) -> list[str]:
    """The stems of folded words. Folded in one call: words hold no NUL, and NUL stops lower()'s
    look at the neighbours (final sigma) as a string's end does, so each word folds as `fold`
    would fold it alone."""
    return _stemmer(lang).stemWords(fold("\x00".join(texts)).split("\x00"))


_new_token = tuple.__new__  # what Token._make does, without its Python-level call per word


def _words(text: str) -> tuple[list[str], list[int], list[int]]:
    """(words, starts, ends); a dotted abbreviation is one word of its letters (`U.S.` -> `US`).

    The words come from one `split` (gaps and words alternate; positions are the running sum of
    their lengths), not one match object per word."""
    parts = _WORD_SPLIT.split(text)
    n = len(parts) // 2
    offsets = list(accumulate(map(len, parts), initial=0))
    texts, starts, ends = parts[1::2], offsets[1 : 2 * n : 2], offsets[2::2]
    if "." not in text:
        return texts, starts, ends
    spans = [(m.start(), m.end()) for m in DOTTED.finditer(text) if _pieces(m.group()) >= 2]
    if not spans:
        return texts, starts, ends
    out: list[tuple[str, int, int]] = []
    k = 0
    for word in zip(texts, starts, ends):
        while k < len(spans) and spans[k][1] <= word[1]:
            k += 1
        if k < len(spans) and spans[k][0] <= word[1] < spans[k][1]:
            start, end = spans[k]
            if not out or out[-1][1] != start:
                out.append((abbreviation_letters(text[start:end]), start, end))
            continue
        out.append(word)
    return [w for w, _, _ in out], [s for _, s, _ in out], [e for _, _, e in out]


def _pieces(abbreviation: str) -> int:
    return len(_WORD.findall(abbreviation))


def abbreviation_letters(abbreviation: str) -> str:
    """`EE. UU.` -> `EEUU`: the letters of an abbreviation without dots, spaces or hyphens."""
    return "".join(ch for ch in abbreviation if ch.isalnum())


def stem_words(phrase: str, lang: str) -> tuple[str, ...]:
    return tuple(t.stem for t in tokenize(phrase, lang))


def _many_words(phrases: Sequence[str], lang: str) -> list[tuple[list[str], list[str]]]:
    """(words, stems) of each phrase, as `tokenize` reads them: the tables' thousands of glossary
    forms stemmed in one call rather than one each (~3x faster; stems do not depend on the
    neighbouring words). Kept per phrase and language (`_PHRASES`): the containment table, the
    match index and the forms' words ask for the same glossary forms (read once, not three times)."""
    known = _PHRASES.setdefault(lang, {})
    missing = list(dict.fromkeys(p for p in phrases if p not in known))
    if missing:
        if sum(map(len, _PHRASES.values())) + len(missing) > _PHRASES_KEPT:
            _PHRASES.clear()  # (many glossaries in one process: start again rather than grow)
            known = _PHRASES.setdefault(lang, {})
        texts = [_words(phrase)[0] for phrase in missing]
        flat = [w for words in texts for w in words]
        stems = _stems(flat, lang) if flat else []
        at = 0
        for phrase, words in zip(missing, texts):
            known[phrase] = (words, stems[at : at + len(words)])
            at += len(words)
    return [known[p] for p in phrases]


# lang -> phrase -> (words, stems): glossary forms as `_many_words` read them. The lists are
# shared by every caller, who must not change them.
_PHRASES: dict[str, dict[str, tuple[list[str], list[str]]]] = {}
_PHRASES_KEPT = 65536


def _candidates(index: _Index, token: Token, lang: str) -> list[_Form]:
    """Forms whose first word is this token (by stem, exactly for acronyms, or as the head of a
    German compound such as `Rüstungskontrollabkommen`)."""
    found = [f for f in index.get(("stem", token.stem[:4]), ()) if _word_equal(token, f[0][0], f[1])]
    found.extend(index.get(("exact", token.text), ()))
    if lang == "de" and len(token.text) >= _COMPOUND_LENGTH:
        lower = fold(token.text)
        found.extend(f for f in index.get(("prefix", lower[:6]), ()) if lower.startswith(f[0][0]))
    return found


# --- helpers ------------------------------------------------------------------------------------


def fold(word: str) -> str:
    """A word as forms are compared: lower case, ё as е."""
    return word.lower().replace("ё", "е")


def _mode(form: str, forbidden: bool) -> int:
    """How a form's words are compared with tokens: an acronym exactly, a forbidden form by its
    exact stems (no one-letter slack: `белорусский` is not a forbidden `Белоруссия`), an agreed
    form by stems."""
    return _EXACT if is_acronym_form(form) else _STRICT if forbidden else _STEM


def stems_equal(a: str, b: str) -> bool:
    """Equal stems, or one a stem longer by one letter (Snowball: ассамблея -> ассамбле,
    ассамблеи -> ассамбл)."""
    if a == b:
        return True
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return len(short) >= 5 and len(long) - len(short) == 1 and long.startswith(short)


# How a form's word is compared with a token (the `exact` of an index entry): by stem, one letter
# of slack allowed; as written (acronyms); by stem exactly (forbidden forms, so that the
# forbidden `Белоруссия`, stem `белорусс`, never finds the adjective `белорусский`, `белорусск`).
_STEM, _EXACT, _STRICT = 0, 1, 2


def _word_equal(token: Token, word: str, mode: int) -> bool:
    if mode == _EXACT:
        return token.text == word
    return token.stem == word if mode == _STRICT else stems_equal(token.stem, word)


def _joins(gap: str) -> bool:
    """Words of one form are separated by spaces, hyphens, apostrophes or abbreviation dots only."""
    return len(gap) <= 3 and all(ch in _JOINERS for ch in gap)


def _rest_equal(texts: list[str], stems: list[str], i: int, words: tuple[str, ...], mode: int) -> bool:
    """Whether the words after the `i`-th are a form's `words` after its first (`_word_equal`)."""
    n = len(words)
    if mode == _EXACT:
        return tuple(texts[i + 1 : i + n]) == words[1:]
    if mode == _STRICT:
        return tuple(stems[i + 1 : i + n]) == words[1:]
    return all(map(stems_equal, stems[i + 1 : i + n], words[1:]))


@lru_cache(maxsize=None)
def _stemmer(lang: str):  # type: ignore[no-untyped-def]
    return snowballstemmer.stemmer(_STEMMER_NAMES.get(lang, "english"))


# Memoised: the glossary tables ask it of every form in every language (~3,700 calls to build
# them), the acronym rules of every surface they compare.
@lru_cache(maxsize=65536)
def is_acronym_form(form: str) -> bool:
    """Whether a form is written without small letters (`UN`, `ООН`, `EE.UU.`): it has a letter
    and none of its letters is a small one."""
    letters = list(filter(str.isalpha, form))
    return bool(letters) and not any(map(str.islower, letters))


_HEAD = itemgetter(slice(0, 4))  # a stem's first four letters: how the index files stem forms
_COMPOUND_LENGTH = 10  # a German word this long may begin with a glossary form (`_candidates`)


@lru_cache(maxsize=64)
def _heads(glossary: Glossary, lang: str) -> tuple[frozenset[str], frozenset[str]]:
    """The index's stem heads and exact first words: what a word must be to open a form."""
    index = _index(glossary, lang)
    return (frozenset(head for kind, head in index if kind == "stem"),
            frozenset(head for kind, head in index if kind == "exact"))


@lru_cache(maxsize=64)
def _index(glossary: Glossary, lang: str) -> _Index:
    """(match mode, first word) -> [(words, how compared, entry)], longest forms first.
    An entry's forbidden forms are its forms too (compared by exact stems, `_STRICT`)."""
    index: _Index = {}
    entries = [entry for entry in glossary.entries if entry.type != "person"]  # people: by surname in names.py
    form_words = _forms_words([f for e in entries for f in (*e.forms_in(lang), *e.forbidden_in(lang))], lang)
    for entry in entries:
        forbidden = entry.forbidden_in(lang)
        for form in (*entry.forms_in(lang), *forbidden):
            mode = _mode(form, form in forbidden)
            words = form_words[form]
            if not words:
                continue
            exact = mode == _EXACT
            head = words[0] if exact else words[0][:4]
            index.setdefault(("exact" if exact else "stem", head), []).append((words, mode, entry))
            if lang == "de" and not exact and len(words) == 1 and len(words[0]) >= 8:
                # The stem of a German one-word form may open a compound (Rüstungskontroll-abkommen).
                index.setdefault(("prefix", fold(form)[:6]), []).append(((fold(form)[:-1],), mode, entry))
    for candidates in index.values():
        candidates.sort(key=lambda c: -len(c[0]))
    return index


def organisation_parts(text: str, lang: str, glossary: Glossary, match: GlossaryMatch) -> list[GlossaryMatch]:
    """The other organisations a matched organisation's name spells out inside it:
    `UN-Generalversammlung` and `Совет Безопасности ООН` name the UN too, `OSCE/ODIHR` the OSCE.

    Spans are positions in `text`; the whole match itself is not returned."""
    parts = _parts(glossary, lang).get(match.entry.key)
    if not parts:
        return []
    tokens = tokenize(text[match.start : match.end], lang)
    found: list[GlossaryMatch] = []
    for words, exact, parent in parts:
        n = len(words)
        for i in range(len(tokens) - n + 1):
            window = tokens[i : i + n]
            if all(_word_equal(t, w, exact) for t, w in zip(window, words)):
                found.append(GlossaryMatch(parent, match.start + window[0].start, match.start + window[-1].end))
                break
    return found


@lru_cache(maxsize=64)
def _parts(glossary: Glossary, lang: str) -> dict[str, tuple[_Form, ...]]:
    """Organisation key -> forms (in `lang`) of the other organisations it contains."""
    by_key = glossary.by_key()
    return {
        child: tuple(
            (words, is_acronym_form(form), by_key[parent])
            for parent in sorted(parents)
            for form in by_key[parent].forms_in(lang)
            if (words := _form_words(form, lang))
        )
        for child, parents in _containment(glossary).items()
    }


@lru_cache(maxsize=16)
def _containment(glossary: Glossary) -> dict[str, frozenset[str]]:
    """`_contained_organisations(glossary)`, from its prepared copy where the pipeline keeps one
    (`langcheck.extract.containment_copy`: ~10 ms of every process otherwise)."""
    from langcheck.extract.containment_copy import kept_containment

    return kept_containment(glossary, _contained_organisations)


def _contained_organisations(glossary: Glossary) -> dict[str, frozenset[str]]:
    """Organisation key -> the other organisations its forms contain as whole words in at least
    two languages (`UN General Assembly`, `Генассамблея ООН`: the UN). Only acronyms and names
    of two words or more count as contained, so `Organization of American States` does not
    contain the US, and one language's wording (`Europäischer Gerichtshof für Menschenrechte`)
    makes no relation alone."""
    orgs = glossary.of_type("organisation")
    forms = [(entry.key, code, form) for entry in orgs for code in entry.languages for form in entry.forms_in(code)]
    by_language: dict[str, dict[str, tuple[str, ...]]] = {}
    for code in {code for _, code, _ in forms}:
        bare = sorted({_bare(form) for _, c, form in forms if c == code})
        by_language[code] = {b: tuple(st) for b, (_, st) in zip(bare, _many_words(bare, code))}
    stems = [(key, code, by_language[code][_bare(form)], is_acronym_form(form)) for key, code, form in forms]
    owners: dict[tuple[str, tuple[str, ...]], set[str]] = {}
    for key, code, words, acronym in stems:
        if acronym or len(words) >= 2:
            owners.setdefault((code, words), set()).add(key)
    # Every run of whole words of a form but the form itself (words[i:j], j - i >= 1) that is
    # another organisation's form, tried only for the lengths of the forms that begin with its
    # first word, shortest first: the runs the loop over every (i, j) would find, in its order.
    firsts: dict[tuple[str, str], set[int]] = {}
    for code, words in owners:
        firsts.setdefault((code, words[0]), set()).add(len(words))  # (an owner has a word)
    lengths = {first: sorted(sizes) for first, sizes in firsts.items()}
    found: dict[tuple[str, str], set[str]] = {}
    for key, code, words, _ in stems:
        last = len(words)
        for i, word in enumerate(words):
            for n in lengths.get((code, word), ()):
                j = i + n
                if j > last or (i == 0 and j == last):
                    continue
                for parent in owners.get((code, words[i:j]), ()):
                    if parent != key:
                        found.setdefault((key, parent), set()).add(code)
    out: dict[str, set[str]] = {}
    for (key, parent), codes in found.items():
        if len(codes) >= 2:
            out.setdefault(key, set()).add(parent)
    return {key: frozenset(parents) for key, parents in out.items()}


def _bare(form: str) -> str:
    return form.replace("«", "").replace("»", "")


@lru_cache(maxsize=8192)
def _form_words(form: str, lang: str) -> tuple[str, ...]:
    """How `match_glossary` compares a form: its written words (acronyms) or their stems."""
    ((words, stems),) = _many_words([_bare(form)], lang)  # (the tables have read most forms)
    return tuple(words if is_acronym_form(form) else stems)


def _forms_words(forms: Sequence[str], lang: str) -> dict[str, tuple[str, ...]]:
    """`_form_words` of many forms at once (`_many_words`)."""
    unique = list(dict.fromkeys(forms))
    read = _many_words([_bare(form) for form in unique], lang)
    return {form: tuple(words if is_acronym_form(form) else stems) for form, (words, stems) in zip(unique, read)}


@lru_cache(maxsize=16)
def organisation_relatives(glossary: Glossary) -> dict[str, frozenset[str]]:
    """Organisation key -> the keys it is part of or that are part of it (`org:unga` <->
    `org:un`): a version naming one where the others name the other has simplified, not erred."""
    out: dict[str, set[str]] = {}
    for child, parents in _containment(glossary).items():
        for parent in parents:
            out.setdefault(child, set()).add(parent)
            out.setdefault(parent, set()).add(child)
    return {key: frozenset(keys) for key, keys in out.items()}


# --- which form a match reads as ----------------------------------------------------------------


class Rendering(NamedTuple):
    """The form of an entry that a matched text reads as; `forbidden`: one of its ruled-out forms."""

    form: str
    forbidden: bool


@lru_cache(maxsize=8192)
def rendering_of(surface: str, lang: str, entry: GlossaryEntry) -> Rendering | None:
    """The agreed or forbidden form of `entry` in `lang` that the matched text `surface` reads
    as, compared as `match_glossary` compares (inflection-aware; acronyms exactly; a German
    compound by the form it starts with); None when it reads as none of them.

    For a person, `surface` is the surname as `langcheck.extract.names` finds it, compared with
    the last word of each form."""
    tokens = tokenize(_bare(surface), lang)
    if not tokens:
        return None
    candidates = [(form, False) for form in entry.forms_in(lang)] + [(form, True) for form in entry.forbidden_in(lang)]
    for form, forbidden in candidates:
        words = _form_words(form, lang)
        if entry.type == "person":
            words = words[-1:]
        mode = _mode(form, forbidden)
        if len(words) == len(tokens) and all(_word_equal(t, w, mode) for t, w in zip(tokens, words)):
            return Rendering(form, forbidden)
    if lang == "de" and len(tokens) == 1 and len(tokens[0].text) >= 10:
        lower = fold(tokens[0].text)
        heads = [(form, forbidden) for form, forbidden in candidates
                 if len(_form_words(form, lang)) == 1 and len(form) >= 8 and lower.startswith(fold(form)[:-1])]
        if heads:
            return Rendering(*max(heads, key=lambda h: len(h[0])))
    return None


def reads_as(form: str, agreed: str, lang: str) -> bool:
    """Whether every text the matcher reads as `form` also reads as the `agreed` form (same
    words once inflection and case are ignored; an acronym only as the same acronym), so that
    `rendering_of` could never tell `form` from it."""
    if is_acronym_form(agreed):
        return is_acronym_form(form) and _form_words(form, lang) == _form_words(agreed, lang)
    wa, wb = stem_words(_bare(form), lang), _form_words(agreed, lang)
    return len(wa) == len(wb) and all(stems_equal(x, y) for x, y in zip(wa, wb))
