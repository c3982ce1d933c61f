"""language_features: py3langid's walk, counts and probabilities for many texts at once, equal
to py3langid's own, bit for bit, and the letter counts equal to the letter pattern's."""

from __future__ import annotations

import math
import re
from collections import Counter

import numpy as np
import pytest

from langcheck import language
from langcheck import language_features as lf

LANGS = ("de", "en", "es", "fr", "ru")
TEXTS = [
    "Die Außenminister beider Länder erörterten die Lage in der Region ausführlich.",
    "The foreign ministers of both countries discussed the situation in the region at length.",
    "Los ministros de Asuntos Exteriores de ambos países analizaron la situación en la región.",
    "Les ministres des Affaires étrangères des deux pays ont examiné la situation dans la région.",
    "Министры иностранных дел обеих стран подробно обсудили ситуацию в регионе.",
    "Der Minister dankte der Regierung. The talks will continue in Geneva next month.",
    "La reunión concluyó con la firma de un memorando. Le porte-parole a précisé la date.",
    "ПРЕСС-РЕЛИЗ МИНИСТЕРСТВА",
    "Moscou, 26 novembre 2020",
    "Sergey Lavrov, Vladimir Makei, Minsk",
    "NATO, OSZE, UNO, EU: Pressemitteilung / press release / communiqué",
    "a",
    "12.5 % – 3,4 Mrd. €",
    "",
]


@pytest.fixture(autouse=True)
def _package_model() -> None:
    language.use_prepared_dir(None)


def _py3langid(languages: tuple[str, ...]):
    """py3langid's own class over the arrays language.py reads: the reference."""
    from py3langid.langid import LanguageIdentifier

    _, _, _, nextmove, row, output = language._model()
    ptc, pc, labels = language._restricted(languages)
    return LanguageIdentifier(ptc, pc, labels, nextmove, output, norm_probs=True, tk_row=row)


def _py3langid_walk(identifier, encoded: bytes) -> list[int]:
    """py3langid's visit_counts, without the counting: the features in reading order."""
    nm, rowbase, out = identifier.tk_nextmove, identifier._rowbase, identifier.tk_output
    state, found = 0, []
    for letter in encoded:
        state = nm[rowbase[state] + letter]
        if out[state] >= 0:
            found.append(out[state])
    return found


def _pieces(texts: list[str]) -> tuple[np.ndarray, np.ndarray, list[bytes]]:
    encoded = [_py3langid(LANGS)._encode(t) for t in texts]
    lengths = np.array([len(e) for e in encoded], dtype=np.int64)
    starts = np.cumsum(lengths) - lengths
    return np.frombuffer(b"".join(encoded), dtype=np.uint8), np.unique(starts[lengths > 0]), encoded


@pytest.mark.parametrize("texts", [TEXTS, TEXTS[::-1], ["", "x", "", "Ein Satz."], [" ".join(TEXTS) * 3]],
                         ids=["five-languages", "reversed", "empty-and-one-byte", "one-long-piece"])
def test_walk_gives_py3langids_features_in_reading_order(texts: list[str]) -> None:
    identifier = _py3langid(LANGS)
    tables = language._tables(LANGS)
    data, starts, encoded = _pieces(texts)
    emitted = tables.output[lf.walk_states(tables, data, starts)]
    assert emitted[emitted >= 0].tolist() == [f for e in encoded for f in _py3langid_walk(identifier, e)]


def _parity_tables() -> lf.Tables:
    """An automaton that never forgets: its state is the parity of the odd bytes read so far."""
    nextmove = np.array([s ^ (b & 1) for s in (0, 1) for b in range(256)], dtype=np.uint32)
    return lf.Tables(nextmove=nextmove, rowbase=np.array([0, 256], dtype=np.int64),
                     output=np.array([-1, 0], dtype=np.int32), ptc=np.zeros((1, 1), np.float16),
                     pc=np.zeros(1, np.float32), labels=("xx",), alias_pairs=())


@pytest.mark.parametrize("length", [1, 5, lf.MAX_ROUNDS - 1, lf.MAX_ROUNDS + 1, 200])
def test_walk_is_exact_for_an_automaton_that_never_forgets(length: int) -> None:
    rng = np.random.default_rng(length)
    data = rng.integers(0, 256, length * 3, dtype=np.uint8)
    starts = np.array([0, length, 2 * length], dtype=np.int64)
    expected, state = [], 0
    for i, byte in enumerate(data.tolist()):
        state = (0 if i in (0, length, 2 * length) else state) ^ (byte & 1)
        expected.append(state)
    assert lf.walk_states(_parity_tables(), data, starts).tolist() == expected


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_first_seen_counts_are_counters_keys_and_values_in_order(seed: int) -> None:
    rng = np.random.default_rng(seed)
    features = rng.zipf(1.5, 400).astype(np.int64) % 50
    group = np.sort(rng.integers(0, 6, 400)).astype(np.int64)
    distinct, counts, bounds = lf.first_seen_counts(features, group, 7, 50)
    for g in range(7):
        expected = Counter(features[group == g].tolist())
        lo, hi = bounds[g], bounds[g + 1]
        assert distinct[lo:hi].tolist() == list(expected)
        assert counts[lo:hi].tolist() == [float(c) for c in expected.values()]


@pytest.mark.parametrize("languages", [LANGS, ("de", "en", "fr", "ru"), ("bs", "de", "hr", "sr")],
                         ids=["five", "four", "with-aliased-labels"])
def test_probabilities_are_py3langids_to_the_last_bit(languages: tuple[str, ...]) -> None:
    identifier = _py3langid(languages)
    tables = language._tables(languages)
    texts = [t for t in TEXTS if t]
    encoded = [identifier._encode(t) for t in texts]
    ranges = [(i, i + 1) for i in range(len(texts))] + [(0, len(texts))]
    sizes = [len(e) for e in encoded] + [sum(len(e) for e in encoded)]
    captured: list[np.ndarray] = []
    real = lf.probabilities

    def keep(*args):
        captured.append(real(*args))
        return captured[-1]

    lf.probabilities = keep
    try:
        found = lf.judge(tables, encoded, ranges, sizes, language.MIN_CONFIDENCE)
    finally:
        lf.probabilities = real
    (scores,) = captured
    for i, text in enumerate(texts):
        assert scores[i].tobytes() == identifier._decide(text).tobytes(), text
    # The whole: py3langid's arithmetic on the summed counts, as the version pass before did it.
    counts = Counter(f for e in encoded for f in _py3langid_walk(identifier, e))
    whole = identifier._sparse_score(counts, identifier.nb_ptc) * (1.0 / math.sqrt(sizes[-1]))
    whole = np.exp(whole - whole.max())
    whole /= whole.sum()
    for i, j in identifier._alias_pairs:
        whole[i] += whole[j]
        whole[j] = 0.0
    assert scores[-1].tobytes() == whole.tobytes()
    assert found[:-1] == [lang if conf >= language.MIN_CONFIDENCE else None
                          for lang, conf in map(identifier.classify, texts)]


def test_tables_from_the_model_are_the_identifiers_own() -> None:
    for languages in (LANGS, ("bs", "de", "hr", "sr"), ("xx",)):
        identifier = _py3langid(languages)
        direct, built = language._tables(languages), lf.tables_of(identifier)
        assert direct.labels == built.labels and direct.alias_pairs == built.alias_pairs
        # Both sides go through tables_from: hold its derived tables to py3langid's own too.
        assert [tuple(pair) for pair in identifier._alias_pairs] == list(direct.alias_pairs)
        assert direct.rowbase.tolist() == list(identifier._rowbase)
        for name in ("nextmove", "rowbase", "output", "ptc", "pc"):
            assert np.array_equal(getattr(direct, name), getattr(built, name)), name
    assert language._tables(("bs", "de", "hr", "sr")).alias_pairs  # sr is two columns of the model


LETTER_CASES = [
    "Die Außenminister erörterten",
    "Министры иностранных дел",
    "12 345,67 € – 3 Mrd.",
    "snake_case and __dunder__",
    "x² + ½ = Ⅻ",  # numeric characters that are not decimal digits count as letters for \w
    "e\u0301te\u0301",  # combining accents are not letters
    "١٢٣ ٤٥ abc",  # Arabic-Indic digits are digits
    "emoji 🙂 and 𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
    "lone \udcff surrogate",
    "",
]


def test_letter_counts_are_the_patterns_own() -> None:
    assert lf.letter_counts(LETTER_CASES, language._LETTER) == [len(language._LETTER.findall(t)) for t in LETTER_CASES]
    # Asked again, from the table filled by the first call.
    assert lf.letter_counts(LETTER_CASES[::-1], language._LETTER) == [
        len(language._LETTER.findall(t)) for t in LETTER_CASES[::-1]]
    other = re.compile(r"[a-z]")
    assert lf.letter_counts(LETTER_CASES, other) == [len(other.findall(t)) for t in LETTER_CASES]


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        ([], (None, [], [])),
        ([("", ())], (None, [None], [()])),
        ([("Kurz.", ("Kurz.",)), ("12 345", ())], (None, [None, None], [(), ()])),
    ],
    ids=["no-paragraphs", "empty-paragraph", "too-few-letters"],
)
def test_version_without_enough_text_is_not_judged(paragraphs, expected) -> None:
    assert language.identify_version_languages(paragraphs, LANGS) == expected


def test_first_seen_counts_of_nothing_are_empty_groups() -> None:
    distinct, counts, bounds = lf.first_seen_counts(np.zeros(0, np.int64), np.zeros(0, np.int64), 3, 0)
    assert distinct.tolist() == [] and counts.tolist() == [] and bounds.tolist() == [0, 0, 0, 0]


def test_the_real_models_walk_settles_without_the_byte_by_byte_rest(monkeypatch: pytest.MonkeyPatch) -> None:
    # py3langid 0.4.0's automaton forgets all but 6 bytes (module docstring): the first round and
    # 6 more, the last of which changes nothing. A model that needs more is still read exactly,
    # only slower; this test says when that happens.
    def refuse(*args):
        raise AssertionError("the walk did not settle")

    monkeypatch.setattr(lf, "MAX_ROUNDS", 6)
    monkeypatch.setattr(lf, "_walk_bytes", refuse)
    data, starts, _ = _pieces(TEXTS * 3)
    assert lf.walk_states(language._tables(LANGS), data, starts).shape == data.shape


def test_identifying_a_version_does_not_load_numpy_ma() -> None:
    """np.unique and np.median import numpy.ma on first use (numpy 2.x, some 8 ms a process):
    a check must not pay for that through the identifier."""
    import subprocess
    import sys

    probe = (
        "import sys, numpy\n"
        "if 'numpy.ma' in sys.modules: print('preloaded'); raise SystemExit\n"
        "from langcheck import language\n"
        f"language.identify_version_languages([(t, (t,)) for t in {TEXTS!r}], {LANGS!r})\n"
        "print('numpy.ma' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout.strip()
    if out == "preloaded":
        pytest.skip("this numpy imports numpy.ma with numpy itself")
    assert out == "False"
