"""Sound-alike keys for proper names across Latin orthographies and Cyrillic transcription.

A name travels between the versions of a release by transcription, not translation: `Humphreys`
is `Хамфриз`, `Worrall` is `Уоррал`, `Jinping` is `Цзиньпин`, `Moscow` is `Moskau`, `Moscú` and
`Москва`. Spelling-based folds miss these, because the two scripts write the same sounds with
different letters and Russian declines the name (`Уораллу`). A *consonant skeleton* survives all
of that:

- letters are mapped to sound classes (`s z c(e) sh ch zh j ts tz x` and `с з ц ч ш щ ж дж` are
  one sibilant class `S`; `c q ck` are `k`; `w` and `v` are `v`; `ph` is `f`; ...);
- vowels, `h`/`х` (often silent or dropped) and `й ь ъ` are left out; doubled classes collapse;
- Russian `у` before a vowel is English `w` (`Уоррал`, `Уильям`);
- a Russian case ending is stripped (`Хамфризом` -> `Хамфриз`), trying every ending that fits;
- letters whose sound depends on the source language give variants (`ch`: `S` in English,
  silent in German `Bach`, `k` in Italian; `g` before e/i: `g` or `S`; `j`: `S` or a vowel).

Two words *sound alike* when some pair of their skeletons is equal (at least 3 classes; across
scripts 2, or 1 for words of up to 6 letters: `Мэй` = `May`) or one extends the other by one
class (at least 3 classes: `Хамфри` ~ `Humphreys`, `Moscú` ~ `Moscow`; across scripts also a
silent French final `d t s`: `Азар` = `Hazard`). Within one script, short names are told apart by
the spelling folds instead (`Chris` is not `Harris`). This is a *finding-again*
test (is the name there in some shape?), deliberately loose; telling two names apart is done with
the stricter folds of `langcheck.extract.names`.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import product

from anyascii import anyascii

__all__ = ["is_cyrillic", "name_skeletons", "russian_stems", "sound_heads", "sounds_alike"]

MAX_VARIANTS = 16

_RU_ENDINGS = ("ыми", "ими", "ого", "его", "ому", "ему", "ым", "им", "ом", "ем", "ой", "ей", "ою", "ую",
               "ий", "ый", "а", "у", "е", "ы", "я", "ю", "и")
_RU_VOWELS = "аеёиоуыэюя"
_SILENT_FINALS = "dtS"  # French final consonants that are not pronounced (Hazard, Renault, Dumas)
_RU_ADJECTIVE = re.compile(r"(?:ий|ы|и)?ск(?:ий|ая|ое|ие|ого|ому|ом|ой|ую|их|им|ими|ая)$")
# Cyrillic letters by sound class ("" = left out of the skeleton).
_CYRILLIC = {
    "б": "b", "в": "v", "г": "g", "д": "d", "ж": "S", "з": "S", "к": "k", "л": "l", "м": "m", "н": "n",
    "п": "p", "р": "r", "с": "S", "т": "t", "ф": "f", "х": "", "ц": "S", "ч": "S", "ш": "S", "щ": "S",
    "w": "v",
}
# Latin spellings by sound class, longest first; a tuple gives the variants.
_LATIN_MULTI: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("tsch", ("S",)), ("sch", ("S",)), ("tch", ("S",)), ("wh", ("v", "")), ("dzh", ("S",)), ("zh", ("S",)), ("sh", ("S",)),
    ("kh", ("",)), ("ch", ("S", "", "k")), ("ph", ("f",)), ("th", ("t", "S")), ("ck", ("k",)), ("qu", ("kv", "k")),
    ("gh", ("", "g")), ("dg", ("S",)), ("dj", ("S",)), ("ts", ("S",)), ("tz", ("S",)), ("cz", ("S",)),
    ("x", ("kS",)), ("ge", ("ge", "Se")), ("gi", ("gi", "Si")), ("gy", ("gy", "Sy")),
    ("ce", ("Se", "ke")), ("ci", ("Si", "ki")), ("cy", ("Sy",)),
    ("nge", ("nSe", "nge", "ne")), ("ngi", ("nSi", "ngi", "ni")), ("ng", ("ng", "n")), ("tio", ("to", "So")), ("tia", ("ta", "Sa")),  # Пхеньян, Нэшионалс
    ("eu", ("e", "ev")), ("au", ("a", "av")),  # Europe = Европа, Australia = Австралия
)
_LATIN_SINGLE = {
    "b": "b", "c": "k", "d": "d", "f": "f", "g": "g", "h": "", "j": "S", "k": "k", "l": "l", "m": "m",
    "n": "n", "p": "p", "q": "k", "r": "r", "s": "S", "t": "t", "w": "v", "z": "S",
}
_LATIN_VARIANT_J = ("S", "")  # English James (Джеймс) vs German/Spanish Jürgen, José
_WORD_CHARS = re.compile(r"[^\w]|[\d_]")


def sounds_alike(a: str, b: str) -> bool:
    """Whether two written words can be the same name (any script, Russian declension); a
    hyphenated word also matches through any of its parts (`Нью-Йорку` ~ `York`)."""
    if a == b:
        return True
    parts_a = [p for p in a.split("-") if len(p) > 1] if "-" in a else []
    parts_b = [p for p in b.split("-") if len(p) > 1] if "-" in b else []
    return any(_word_alike(x, y) for x in [a, *parts_a] for y in [b, *parts_b])


@lru_cache(maxsize=65536)
def sound_heads(word: str) -> frozenset[str]:
    """The first sound class of every skeleton of `word` and of the parts `sounds_alike` tries:
    two different words sound alike only if their heads meet (every match `_word_alike` accepts
    is two skeletons that are equal or one a prefix of the other, so they begin alike). A test
    that costs two look-ups, for callers that ask about many pairs of words."""
    parts = [p for p in word.split("-") if len(p) > 1] if "-" in word else []
    return frozenset(sk[0] for w in (word, *parts) for sk in name_skeletons(w))


def _word_alike(a: str, b: str) -> bool:
    ska, skb = name_skeletons(a), name_skeletons(b)
    cross = is_cyrillic(a) != is_cyrillic(b)
    if not ska or not skb:
        return False
    for x in ska:
        for y in skb:
            if x == y:
                # Spellings cannot be compared across scripts: there the skeleton decides.
                if len(x) >= 3 or (len(x) == 2 and cross):
                    return True
                if len(x) == 1 and cross and max(len(_spelled(a)), len(_spelled(b))) <= 6:
                    return True  # May = Мэй, Lee = Ли, Xi = Си (in one script the folds decide)
            elif abs(len(x) - len(y)) == 1 and (x.startswith(y) or y.startswith(x)):
                if min(len(x), len(y)) >= 3:
                    return True  # Хамфри ~ Humphreys, Moscú ~ Moscow
                # A letter the Latin spelling does not pronounce: Азар = Hazard, Рено = Renault.
                latin = x if not is_cyrillic(a) else y
                if cross and min(len(x), len(y)) == 2 and len(latin) == 3 and latin[-1] in _SILENT_FINALS:
                    return True
    return False


@lru_cache(maxsize=65536)
def name_skeletons(word: str) -> frozenset[str]:
    """The consonant-class skeletons of one word (a few variants), e.g. `Хамфризом` -> {`mfrS`}."""
    word = word.strip().lower().replace("’", "'")
    if not word:
        return frozenset()
    if is_cyrillic(word):
        out = {sk for stem in russian_stems(word) for sk in _cyrillic_skeletons(stem)}
    else:
        out = set(_latin_skeletons(anyascii(word).lower()))
    return frozenset(s for s in out if s)


@lru_cache(maxsize=65536)
def russian_stems(word: str) -> tuple[str, ...]:
    """A Russian word and every stem left by stripping a case ending (stem of at least 3 letters)."""
    low = word.lower()
    stems = [low]
    for ending in _RU_ENDINGS:
        if low.endswith(ending) and len(low) - len(ending) >= 3:
            stems.append(low[: -len(ending)])
    # An adjective made from a name: Гарвардском -> Гарвард, Капитолийской -> Капитол.
    adjective = _RU_ADJECTIVE.sub("", low)
    if adjective != low and len(adjective) >= 3:
        stems.append(adjective)
    return tuple(dict.fromkeys(stems))


# --- helpers ------------------------------------------------------------------------------------


def is_cyrillic(word: str) -> bool:
    """Whether a word has any Cyrillic letter."""
    return any("\u0400" <= ch <= "\u04ff" for ch in word)


def _cyrillic_skeletons(word: str) -> set[str]:
    word = word.replace("дж", "ж").replace("ё", "е").replace("тс", "ц").replace("тч", "ч")
    # у before a vowel at the start of a word or a syllable is English w (Уоррал, Уильям, Уэльс).
    word = re.sub(rf"(^|[{_RU_VOWELS}ьъ-])у(?=[оиэаеі])", r"\1w", word)
    out = set()
    # ... or a plain vowel (Уилинг = Wheeling, whose wh the Latin side may drop); г also writes
    # a Latin h (Гарвард = Harvard, Гамбург = Hamburg), which the Latin side drops.
    for w_class in ("v", "") if "w" in word else ("v",):
        for g_class in ("g", "") if "г" in word else ("g",):
            table = {**_CYRILLIC, "w": w_class, "г": g_class}
            out.add(_collapse("".join(table.get(ch, "") for ch in word)))
    return out


def _latin_skeletons(word: str) -> list[str]:
    word = _WORD_CHARS.sub("", word)
    # Silent initial letters of English spellings (Knight, Wright, Pshenichny stays).
    word = re.sub(r"^(k(?=n)|w(?=r)|p(?=s[aeiou]))", "", word)
    pieces: list[tuple[str, ...]] = []
    i = 0
    while i < len(word):
        if word[i] == "w":  # Russian writes English w as a vowel (Уоррал, Коуни), German W as в
            pieces.append(("v", "") if word[i + 1 : i + 2] in ("a", "e", "i", "o", "u", "y") else ("",))
            i += 1
            continue
        for spelling, variants in _LATIN_MULTI:
            if word.startswith(spelling, i):
                if spelling == "ch" and i == 0:
                    variants = ("S", "k")  # a silent ch is German and final (Bach), never initial
                pieces.append(variants)
                i += len(spelling)
                break
        else:
            ch = word[i]
            if ch == "v":
                pieces.append(("v", "f"))  # German V is Ф (Vettel = Феттель)
            else:
                pieces.append(_LATIN_VARIANT_J if ch == "j" else (_LATIN_SINGLE.get(ch, ""),))
            i += 1
    varying = [k for k, p in enumerate(pieces) if len(p) > 1][:4]
    out: list[str] = []
    for combo in product(*[pieces[k] for k in varying]):
        letters = [p[0] for p in pieces]
        for k, choice in zip(varying, combo):
            letters[k] = choice
        out.append(_collapse(re.sub(r"[aeiouy]", "", "".join(letters))))
        if len(out) >= MAX_VARIANTS:
            break
    return list(dict.fromkeys(out))


def _collapse(classes: str) -> str:
    # m before b/p is how some languages write n there (Oremburgo = Orenburg).
    return re.sub(r"m(?=[bp])", "n", re.sub(r"(.)\1+", r"\1", classes))


@lru_cache(maxsize=65536)
def _spelled(word: str) -> str:
    word = word.lower()
    if is_cyrillic(word):
        word = russian_stems(word)[-1]
    return re.sub(r"[^a-z]", "", anyascii(word).lower())
