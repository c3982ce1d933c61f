"""The language identifier's prepared copy: same answers, read instead of decompressing."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from langcheck import language

TEXTS = [
    ("de", "Die Außenminister beider Länder erörterten die Lage in der Region ausführlich."),
    ("en", "The foreign ministers of both countries discussed the situation in the region at length."),
    ("es", "Los ministros de Asuntos Exteriores de ambos países analizaron la situación en la región."),
    ("fr", "Les ministres des Affaires étrangères des deux pays ont examiné la situation dans la région."),
    ("ru", "Министры иностранных дел обеих стран подробно обсудили ситуацию в регионе."),
]
LANGS = ("de", "en", "es", "fr", "ru")


@pytest.fixture(autouse=True)
def _package_model_after():
    yield
    language.use_prepared_dir(None)


def _answers() -> list[str | None]:
    return [language.identify_language(text, LANGS) for _, text in TEXTS]


def test_prepared_copy_gives_the_package_models_answers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    language.use_prepared_dir(None)
    from_package = _answers()
    assert from_package == [lang for lang, _ in TEXTS]
    language.use_prepared_dir(tmp_path)
    assert _answers() == from_package  # this load writes the copy
    assert (tmp_path / next(p.name for p in tmp_path.iterdir()) / "manifest.json").is_file()
    # A later process reads the copy: the package's compressed model is never opened.
    import py3langid.modelio

    def refuse(path):
        raise AssertionError(f"decompressed {path}")

    monkeypatch.setattr(py3langid.modelio, "load_model", refuse)
    monkeypatch.setattr(language, "_package_arrays", lambda: refuse("the package's model"))
    language.use_prepared_dir(None)
    language.use_prepared_dir(tmp_path)
    assert _answers() == from_package


def test_damaged_copy_is_ignored_with_a_warning(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    language.use_prepared_dir(tmp_path)
    _answers()
    (folder,) = [p for p in tmp_path.iterdir() if not p.name.startswith(".")]
    (folder / "ptc.npy").write_bytes(b"not an array")
    language.use_prepared_dir(None)
    language.use_prepared_dir(tmp_path)
    with caplog.at_level(logging.WARNING, logger="langcheck.language"):
        assert _answers() == [lang for lang, _ in TEXTS]
    assert "ignoring the prepared language identifier" in caplog.text


def test_unwritable_folder_still_identifies(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("a file where the folder should be")
    language.use_prepared_dir(blocker / "models")
    assert _answers() == [lang for lang, _ in TEXTS]
    assert not any(p.name.startswith(".py3langid") for p in tmp_path.iterdir())


# One-sentence paragraphs of a press release, in the five languages, and look-alikes that must
# give the same (low-confidence) answer: a dateline, names, a mixed line.
TABLE = [
    *(text for _, text in TEXTS),
    "Der Minister dankte der Regierung für die Gastfreundschaft und die offenen Gespräche.",
    "The talks will continue in Geneva next month, the spokesperson told reporters.",
    "La reunión concluyó con la firma de un memorando de entendimiento sobre cooperación.",
    "Le porte-parole a précisé que les consultations reprendront à Genève le mois prochain.",
    "Переговоры продолжатся в Женеве в следующем месяце, сообщил официальный представитель.",
    "Moscou, 26 novembre 2020",
    "Sergey Lavrov, Vladimir Makei, Minsk",
    "NATO, OSZE, UNO, EU: Pressemitteilung / press release / communiqué",
    "",
]


def _py3langid_over_our_arrays(languages: tuple[str, ...]):
    """py3langid's own class, given the arrays language.py reads (the prepared copy's views)."""
    from py3langid.langid import LanguageIdentifier

    _, _, _, nextmove, row, output = language._model()
    ptc, pc, labels = language._restricted(languages)
    return LanguageIdentifier(ptc, pc, labels, nextmove, output, norm_probs=True, tk_row=row)


@pytest.mark.parametrize("prepared", [False, True], ids=["package", "prepared-copy"])
def test_identifier_gives_py3langids_own_labels_and_probabilities(tmp_path: Path, prepared: bool) -> None:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    stock = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    stock.set_languages(LANGS)
    expected = [stock.classify(t) for t in TABLE]
    language.use_prepared_dir(tmp_path if prepared else None)
    for _ in range(2):  # the first load prepares the copy, the second reads it
        ours = _py3langid_over_our_arrays(LANGS)
        assert [ours.classify(t) for t in TABLE] == expected
        assert [ours.rank(t) for t in TABLE] == [stock.rank(t) for t in TABLE]
        # What language.py answers (its own arithmetic, language_features): classify's label
        # where classify is confident enough, with the letter floors on top.
        assert [language._classify(t, LANGS) for t in TABLE] == [
            lang if confidence >= language.MIN_CONFIDENCE else None for lang, confidence in expected]
        assert [language.identify_language(t, LANGS) for t in TABLE] == [
            lang if confidence >= language.MIN_CONFIDENCE and sum(c.isalpha() for c in t) >= language.MIN_LETTERS
            else None for t, (lang, confidence) in zip(TABLE, expected)]
        language.use_prepared_dir(None)
        language.use_prepared_dir(tmp_path if prepared else None)


def test_prepared_identifier_maps_its_tables_instead_of_copying_them(tmp_path: Path) -> None:
    import numpy as np

    language.use_prepared_dir(tmp_path)
    language._tables(LANGS)  # prepares the copy and the table for these languages
    language.use_prepared_dir(None)
    language.use_prepared_dir(tmp_path)
    tables = language._tables(LANGS)
    # The per-feature table of the five languages (a few hundred KB) is a file of its own:
    # nothing of the 142-column table is read or copied on a warm run.
    assert isinstance(tables.ptc.base, np.memmap) and tables.ptc.shape[1] == len(LANGS)
    assert str(tables.ptc.base.filename).endswith("ptc.de-en-es-fr-ru.npy")
    _, _, _, nextmove, _, output = language._model()
    assert isinstance(nextmove, memoryview) and isinstance(output, memoryview)
    assert np.shares_memory(tables.nextmove, np.asarray(nextmove)) and not tables.nextmove.flags.owndata


def test_loading_in_the_background_loads_once_and_answers_the_same(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    language.use_prepared_dir(None)
    expected = _answers()
    calls = []
    plain = language._package_arrays

    def counting():
        calls.append(1)
        return plain()

    monkeypatch.setattr(language, "_package_arrays", counting)
    language.use_prepared_dir(tmp_path)  # an empty cache: the cold case
    language.load_in_background()
    assert _answers() == expected  # waits for the thread instead of loading a second copy
    language.load_in_background()  # loaded already: nothing to do
    assert len(calls) == 1
    assert language._loading is None or not language._loading.is_alive()


def test_the_version_pass_also_waits_for_the_background_load(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    language.use_prepared_dir(None)
    paragraphs = [(text, (text,)) for _, text in TEXTS]
    expected = language.identify_version_languages(paragraphs, LANGS)
    calls = []
    plain = language._package_arrays

    def counting():
        calls.append(1)
        return plain()

    monkeypatch.setattr(language, "_package_arrays", counting)
    language.use_prepared_dir(tmp_path)  # an empty cache: the cold case
    language.load_in_background()
    assert language.identify_version_languages(paragraphs, LANGS) == expected
    assert expected[1] == [lang for lang, _ in TEXTS]
    assert len(calls) == 1


# The package's model read in one LZMA call: py3langid's own arrays, or py3langid's own loader.


def test_the_package_model_is_read_as_py3langid_reads_it() -> None:
    import numpy as np
    from py3langid.langid import MODEL_DIR, MODEL_FILE
    from py3langid.modelio import load_model

    ours = language._package_arrays()
    theirs = language._arrays_of(load_model(MODEL_DIR / MODEL_FILE))
    assert ours.keys() == theirs.keys() == set(language._ARRAYS)
    for name, value in theirs.items():
        assert (ours[name].dtype, ours[name].shape) == (value.dtype, value.shape), name
        assert np.array_equal(ours[name], value), name
    # Views of one buffer, read-only as the prepared copy's mapped arrays are.
    assert not any(a.flags.writeable or a.flags.owndata for a in ours.values())


def _npz(tmp_path: Path, compressed: bool = False, **arrays) -> bytes:
    import numpy as np

    path = tmp_path / "m.npz"
    (np.savez_compressed if compressed else np.savez)(path, **arrays)
    return path.read_bytes()


def test_a_stored_npz_is_read_into_views(tmp_path: Path) -> None:
    import numpy as np

    data = _npz(tmp_path, a=np.arange(12, dtype=np.uint16).reshape(3, 4), b=np.asfortranarray(np.eye(3, dtype=np.float16)),
                c=np.array(["de", "ru"]))
    arrays = language._stored_npz(data)
    assert np.array_equal(arrays["a"], np.arange(12).reshape(3, 4)) and arrays["a"].dtype == np.uint16
    assert arrays["b"].flags.f_contiguous and np.array_equal(arrays["b"], np.eye(3))
    assert arrays["c"].tolist() == ["de", "ru"]


@pytest.mark.parametrize("make", [
    pytest.param(lambda tmp, np: _npz(tmp, compressed=True, a=np.arange(10)), id="deflated"),
    pytest.param(lambda tmp, np: _npz(tmp, a=np.array([{"x": 1}], dtype=object)), id="object-member"),
])
def test_another_npz_layout_is_declined(tmp_path: Path, make) -> None:
    import numpy as np

    assert language._stored_npz(make(tmp_path, np)) is None


def test_a_member_cut_short_is_refused(tmp_path: Path) -> None:
    import zipfile

    import numpy as np

    data = bytearray(_npz(tmp_path, a=np.arange(1000, dtype=np.int32)))
    # The member's header says 1000 items; the central directory says fewer bytes are there.
    with zipfile.ZipFile(tmp_path / "m.npz") as archive:
        info = archive.getinfo("a.npy")
    header = bytes(data[info.header_offset + 30 + len("a.npy"):][:128])
    patched = header.replace(b"(1000,)", b"(1001,)")
    assert patched != header
    at = info.header_offset + 30 + len("a.npy")
    data[at:at + len(patched)] = patched
    assert language._stored_npz(bytes(data)) is None


def test_an_unexpected_package_layout_is_left_to_py3langid(monkeypatch: pytest.MonkeyPatch) -> None:
    import numpy as np
    import py3langid.modelio

    calls = []
    plain = py3langid.modelio.load_model

    def counting(path):
        calls.append(path)
        return plain(path)

    monkeypatch.setattr(py3langid.modelio, "load_model", counting)
    monkeypatch.setattr(language, "_stored_npz", lambda data: None)
    arrays = language._package_arrays()
    assert len(calls) == 1 and set(arrays) == set(language._ARRAYS)
    assert arrays["out_feat"].dtype == np.int32
