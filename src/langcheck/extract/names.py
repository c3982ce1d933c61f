"""Person names across scripts and Russian declension.

A name is reduced to its surname, *folded*: Russian case endings stripped (`Макеем` -> `Макe`),
transliterated with anyascii, lower-cased and spelled the same way in every Latin orthography
(`sch`->`sh`, `w`->`v`, `j`/`y`->`i`, `ou`->`u`, `x`->`ks`, ...). Two folded surnames are the same
person when `rapidfuzz.fuzz.ratio >= NAME_SIMILARITY`.

Detection is deliberately conservative, because a name only one language can see (German nouns,
English adjectives of nationality) would be a false alarm:

- a surname of the people glossary anywhere in the text -> `person:<id>`;
- otherwise a capitalised word right after initials (`С.В.Лавров`, `S. Lavrov`), after a known
  given name (`Vladimir Makei`, `Сергей Рябков`) or after an honorific (`Mr`, `г-н`, `Herr`,
  `M.`, `Sr.`) -> `name:<folded surname>` (a *cued* name);
- every other capitalised word that is not a sentence start (`langcheck.extract.proper_names`)
  -> `proper:<folded>` when it is name-like, `lead:<folded>` when it leads a longer name (a
  given name: `Chris` in `Chris Harris`), `capital:<folded>` when it is an ordinary word of the
  language that happens to be capitalised (German nouns, `January`, `President`).

Uncued words are evidence only through cross-version agreement: `langcheck.rules.names` takes a
value as expected only when most versions write it (in some transcription), and only a
`proper:` word may stand for a replaced name. A glossary surname is matched fuzzily only in a
word that is not an ordinary word of the language (`Make America` is not `Makei`).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Sequence

from anyascii import anyascii
from rapidfuzz import fuzz, process

from langcheck.extract.proper_names import find_name_candidates, is_common_word
from langcheck.extract.terms import GlossaryMatch
from langcheck.extract.transliterate import is_cyrillic
from langcheck.glossary import Glossary
from langcheck.model import Fact

NAME_SIMILARITY = 85.0
_LATIN_LANGS = ("de", "en", "es", "fr")
# A capitalised word not after a letter, digit or hyphen; the look-behind follows the capital
# (`X(?<![\w-].)` is `(?<![\w-])X`) so the engine skips to the next capital in C (8.5 -> 3.5 us).
_CAPITALISED = re.compile(r"[A-ZА-ЯЁÀ-ÖØ-Þ](?<![\w-].)[a-zа-яёß-öø-ÿ]+(?:-[A-ZА-ЯЁ][a-zа-яёß-öø-ÿ]+)?(?![\w])")
_INITIALS = re.compile(r"(?<![\w.])(?:[A-ZА-ЯЁ]\.[\s\u00a0]?){1,2}$")
_NOT_INITIALS = {"U.S.", "U.K.", "U.N.", "E.U.", "U. S.", "U. K."}
_HONORIFICS = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Herrn?|Frau|Mme|Mlle|Sr|Sra|Srta|Señora?|Monsieur|Madame)\.?"
    r"|(?<![\w])M\.|(?<![\w])г-(?:н|на|ну|ном|же|жа|жи|жу|жой)|\b[Гг]осподин[а-я]*)[\s\u00a0]+$"
)
# Initials end the text before a name: at most `A. B. ` and a line break (search the last 8 characters).
_INITIALS_REACH = 8
# The word before a name; a match never starts after a letter (one starting a letter earlier
# would match too, and the search takes the leftmost), so the lookbehind changes no result and
# saves retrying every letter of every word.
_PREVIOUS_WORD = re.compile(r"(?<![^\W\d_])([^\W\d_]+(?:-[^\W\d_]+)?)[\s\u00a0]+$")
# Russian patronymic endings (`Викторович`, `Сергеевна`); the words tested are single words.
_PATRONYMIC_ENDINGS = ("вич", "вна", "ична", "вича", "вичу", "вичем", "вны", "вной")
# Given names (any spelling folds to one of these); glossary people's given names are added.
_GIVEN_NAMES = """
sergei sergey serguei aleksandr alexander aleksandre alexandre alexandr vladimir maria mariia
dmitri dmitrii dmitry mihail mikhail mijail antonio antoniu andrei andrey nikolai yuri iuri igor
viktor victor aleksei alexei alexey ivan pavel oleg evgeni evgenii yevgeny anatoli anatoly boris
mikhail valentina tatiana olga elena yelena irina anna natalia svetlana galina lyudmila ludmila
vasili vasilii vassily vasily grigori georgi konstantin kirill maksim maxim roman denis artem
emmanuel angela olaf joe joseph josep jens ursula charles antony antonyi recep xi narendra jair
kassym-jomart ilham nikol alexandar ali mohammed muhammad abdullah
""".split()
_STOP_SURNAMES = {
    "president", "minister", "ministry", "government", "army", "federation", "republic", "union",
    "state", "states", "council", "secretary", "ambassador", "press", "foreign", "affairs",
}


@lru_cache(maxsize=65536)
def fold_name(word: str) -> str:
    """A surname as a language-independent string: `Макеем` -> `make`, `Lawrow` -> `lavrov`."""
    word = word.strip()
    if is_cyrillic(word):
        word = _strip_russian_ending(word)
    folded = anyascii(word).lower()
    for old, new in _FOLDS:
        folded = folded.replace(old, new)
    return re.sub(r"(.)\1+", r"\1", re.sub(r"[^a-z]", "", folded))


@lru_cache(maxsize=65536)
def coarse_fold(word: str) -> str:
    """A looser fold for finding a name again (never for telling names apart): every sibilant
    spelling is `s`, so `Schdanow` (de) = `Zhdanov` (en) = `Jdanov` (fr)."""
    word = word.strip()
    if is_cyrillic(word):
        word = _strip_russian_ending(word)
    folded = anyascii(word).lower()
    folded = re.sub(r"tsch|tch|sch|zh|sh|ch|^j(?=[^aeiouy])|z", "s", folded)
    for old, new in _FOLDS:
        folded = folded.replace(old, new)
    return re.sub(r"(.)\1+", r"\1", re.sub(r"[^a-z]", "", folded))


def same_name(a: str, b: str) -> bool:
    """Whether two folded surnames are the same person."""
    if a == b:
        return True
    if min(len(a), len(b)) < 3:
        return False
    return fuzz.ratio(a, b) >= NAME_SIMILARITY


def find_names(
    text: str,
    lang: str,
    glossary: Glossary,
    covered: Sequence[GlossaryMatch] = (),
    skip: Sequence[tuple[int, int]] = (),
) -> list[Fact]:
    """Name facts of one paragraph (one word each); `covered` are other glossary matches, `skip`
    other spans that are not names (dates)."""
    people = _people(glossary)
    taken = [(m.start, m.end) for m in covered]
    inside: set[int] = set()  # every offset of a glossary match: one look-up per word
    for s, e in taken:
        inside.update(range(s, e))
    facts: list[Fact] = [
        Fact("name", m.entry.key, text[m.start : m.end], m.start, m.end) for m in covered if m.entry.type == "place"
    ]
    named: set[int] = set()
    for m in _CAPITALISED.finditer(text):
        start = m.start()
        if start in inside:
            continue
        word = m.group()
        verdict, value = _word_verdict(word, lang, people)
        if verdict is _NAMED:
            named.add(start)
        elif verdict is _PERSON:
            facts.append(Fact("name", value, word, start, m.end()))
            named.add(start)
        elif verdict is _IF_CUED and _cued(text, start, people.given):
            facts.append(Fact("name", value, word, start, m.end()))
            named.add(start)
    for c in find_name_candidates(text, lang, skip=[*taken, *skip]):
        if c.start in named or c.word.endswith(_PATRONYMIC_ENDINGS):
            continue
        folded = fold_name(c.word)
        if len(folded) < 2 or len(c.word) < 3:  # `Lee` folds to `le`
            continue
        grade = "lead" if c.leads else "capital" if c.common else "proper"
        facts.append(Fact("name", f"{grade}:{folded}", c.word, c.start, c.end))
    return sorted(facts, key=lambda f: f.start)


def name_context(text: str, start: int) -> str | None:
    """What stands right before the name at `start`: `"title"` (an honorific: `Mr`, `г-н`),
    `"initials"` (`С.В.`), the capitalised word before it (a given name, `Chris`), or None.

    The three patterns end at the end of the 40 characters before the name, so each is searched
    only in the tail that can hold it (a search tries every start: over all 40 characters it cost
    more than the rest of name finding): initials fit in the last 8 characters; a title and the
    word before end at trailing white space and hold none, so they lie in the last word."""
    before = text[max(0, start - 40) : start]
    reach = before[-_INITIALS_REACH:]
    if "." in reach:  # (initials hold one; most words follow none)
        initials = _INITIALS.search(reach)
        if initials and initials.group().strip() not in _NOT_INITIALS:
            return "initials"
    stripped = before.rstrip()  # str.isspace is what \s matches
    if len(stripped) == len(before):
        return None  # both need white space before the name
    word_start = len(stripped) - len(stripped.rsplit(None, 1)[-1]) if stripped else 0
    # One character more for the lookbehinds (`\b`, `(?<![\w])`) of the title pattern.
    return _word_cue(before[max(0, word_start - 1) :], word_start > 0)


# Memoised by the last word and the white space after it: the same few words (`said`, `of`,
# `Mr`, given names) stand before most capitalised words.
@lru_cache(maxsize=65536)
def _word_cue(tail: str, led: bool) -> str | None:
    """`name_context`'s title or previous word, from the text's last word, its trailing white
    space and (when `led`) the one character before the word."""
    if _HONORIFICS.search(tail):
        return "title"
    previous = _PREVIOUS_WORD.search(tail[1:] if led else tail)
    if previous and previous.group(1)[:1].isupper():
        return previous.group(1)
    return None


# --- helpers ------------------------------------------------------------------------------------

_FOLDS = (
    ("zh", "j"),  # Жданов: Zhdanov (en, es) = Jdanov (fr)
    ("tsch", "ch"), ("sch", "sh"), ("kh", "h"), ("ck", "k"), ("ph", "f"), ("w", "v"), ("ou", "u"),
    ("j", "i"), ("y", "i"), ("x", "ks"), ("ii", "i"), ("ie", "i"),
)
_RU_ENDINGS = ("ыми", "ого", "ому", "ым", "ом", "ем", "ой", "ою", "ую", "а", "у", "е", "ы", "я", "ю")


def _strip_russian_ending(word: str) -> str:
    for ending in _RU_ENDINGS:
        if word.lower().endswith(ending) and len(word) - len(ending) >= 3:
            return word[: -len(ending)]
    return word


class _People:
    def __init__(self, surnames: dict[str, str], given: frozenset[str]) -> None:
        self.surnames = surnames  # folded surname -> person id
        self.choices = list(surnames)
        self.given = given


@lru_cache(maxsize=16)
def _people(glossary: Glossary) -> _People:
    surnames: dict[str, str] = {}
    given = {fold_name(g) for g in _GIVEN_NAMES}
    for entry in glossary.of_type("person"):
        for _, forms in entry.forms:
            for form in forms:
                words = re.findall(r"[^\W\d_]+", form.replace("«", "").replace("»", ""))
                words = [w for w in words if len(w) > 1 and not w.endswith(_PATRONYMIC_ENDINGS)]
                if not words:
                    continue
                surnames.setdefault(fold_name(words[-1]), entry.id)
                given.update(fold_name(w) for w in words[:-1])
    return _People(surnames, frozenset(given))


@lru_cache(maxsize=65536)
def _ordinary(word: str, lang: str) -> bool:
    """An ordinary word of `lang` or of any Latin-script language (an English slogan quoted in
    Spanish): such a word is only a glossary surname when spelt exactly so."""
    return is_common_word(word, lang) or any(is_common_word(word, other) for other in _LATIN_LANGS)


# What a capitalised word is on its own (`_word_verdict`): taken as named but no fact (a
# patronymic), a glossary person (value: the fact's key), a surname only when cued (value: the
# key it gets), or nothing.
_NAMED, _PERSON, _IF_CUED, _NOTHING = "named", "person", "if cued", "nothing"


# Memoised: the same words recur in every paragraph and every version (names above all), and
# the verdict depends on the word, the language and the glossary's people only; `_people` keeps
# one `_People` per glossary, so the key holds no more than those.
@lru_cache(maxsize=65536)
def _word_verdict(word: str, lang: str, people: _People) -> tuple[str, str | None]:
    """(verdict, fact key) of one capitalised word of find_names' first pass, before its context."""
    if word.endswith(_PATRONYMIC_ENDINGS):
        return _NAMED, None
    folded = fold_name(word)
    if len(folded) < 3:
        return _NOTHING, None
    person = _glossary_person(folded, people, fuzzy=not _ordinary(word, lang))
    if person is not None:
        return _PERSON, f"person:{person}"
    if folded in _STOP_SURNAMES or folded in people.given:
        return _NOTHING, None
    return _IF_CUED, f"name:{folded}"


def _glossary_person(folded: str, people: _People, fuzzy: bool = True) -> str | None:
    if folded in people.surnames:
        return people.surnames[folded]
    if not fuzzy or len(folded) < 4 or not people.choices:
        return None
    best = process.extractOne(folded, people.choices, scorer=fuzz.ratio, score_cutoff=NAME_SIMILARITY + 3)
    return people.surnames[best[0]] if best else None


def _cued(text: str, start: int, given: frozenset[str]) -> bool:
    """Whether the text right before a capitalised word marks it as a surname."""
    context = name_context(text, start)
    if context in ("initials", "title"):
        return True
    return context is not None and (fold_name(context) in given or context.endswith(_PATRONYMIC_ENDINGS))
