"""The languages memo (langcheck.fact_cache, `FactMemo.languages`): a hit is what
`identify_version_languages` says of every version of every sample; a changed paragraph
identifies its version only; each input of the identification changes the key; a damaged or
hostile stored value is a miss, identified and replaced, never a crash or another verdict.

A fake embedder stands in for the model where a whole check runs (languages need none).
"""

from __future__ import annotations

import importlib.util
import shutil
import sqlite3
from pathlib import Path

import pytest

from langcheck import pipeline, result_cache
from langcheck.config import Config
from langcheck.embed.cache import DB_NAME
from langcheck.fact_cache import Unstorable, decode_languages, encode_languages
from langcheck.language import identify_version_languages

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
ALL_SAMPLES = sorted([p for p in SAMPLES.iterdir() if p.is_dir() and p.name not in ("defects", "variants")]
                     + [p for kind in ("defects", "variants") for p in (SAMPLES / kind).iterdir() if p.is_dir()])
RELEASE = SAMPLES / "lavrov-belarus-2020"

_spec = importlib.util.spec_from_file_location("fake_embedder", Path(__file__).parent / "fake_embedder.py")
_fake = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_fake)


class Identified:
    """How many versions `identify_version_languages` was asked for."""

    count = 0


@pytest.fixture(autouse=True)
def fake_model(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import langcheck.language

    real = langcheck.language.identify_version_languages

    def counted(*args, **kwargs):
        Identified.count += 1
        return real(*args, **kwargs)

    monkeypatch.setattr(langcheck.language, "identify_version_languages", counted)
    Identified.count = 0
    _fake.use_in_sessions(monkeypatch, tmp_path)


def _session(folder: Path, **config) -> pipeline.Session:
    return pipeline.Session(Config(cache_dir=str(folder), **config))


def _languages(session: pipeline.Session, folder: Path) -> dict:
    """What check_release would identify for `folder`, through the session's memo."""
    release = session._load(folder, folder)
    return session._identify(release, release.languages)


def _plain(folder: Path) -> dict:
    """What identify_version_languages says of each version, without any memo."""
    session = _session(folder, cache=False)  # (a folder it neither reads nor writes)
    release = session._load(folder, folder)
    session.close()
    return {lang: identify_version_languages([(p.text, p.sentences) for p in doc.paragraphs], release.languages)
            for lang, doc in release.documents.items()}


def test_a_hit_is_what_the_identifier_says_of_every_version_of_every_sample(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    session = _session(cache)
    try:
        missed = [_languages(session, folder) for folder in ALL_SAMPLES]
        # (the defects share most versions with the release they were made from: hits already)
        memo = session._facts
        assert memo.language_misses > 0 and memo.language_hits + memo.language_misses == sum(map(len, missed))
    finally:
        session.close()
    session = _session(cache)
    try:
        for folder, miss in zip(ALL_SAMPLES, missed):
            hit = _languages(session, folder)
            # repr shows every type (tuples of sentences, lists of paragraphs) and the order.
            assert repr(hit) == repr(miss) == repr(_plain(folder)), folder.name
        assert session._facts.language_misses == 0 and session._facts.language_hits == sum(map(len, missed))
    finally:
        session.close()
    # Some sample says something of a paragraph, of a sentence and of a whole version, and
    # some sample abstains somewhere: the stored values are not all alike.
    values = [v for m in missed for v in m.values()]
    assert any(whole for whole, _, _ in values) and any(None in paragraphs for _, paragraphs, _ in values)
    assert any(s for _, _, sentences in values for s in sentences)


def test_a_changed_paragraph_identifies_its_version_only(tmp_path: Path) -> None:
    folder = tmp_path / "release"
    shutil.copytree(RELEASE, folder)
    session = _session(tmp_path / "cache")
    try:
        first = _languages(session, folder)
        ru = next(folder.glob("ru.*"))
        ru.write_text(ru.read_text(encoding="utf-8").replace("Белоруссии", "Белоруссии,", 1), encoding="utf-8")
        Identified.count = 0
        second = _languages(session, folder)
    finally:
        session.close()
    assert Identified.count == 1
    assert session._facts.language_misses == len(first) + 1
    assert repr(second) == repr(_plain(folder))


def test_a_whole_check_finds_the_same_with_and_without_the_memo(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    # Releases whose findings come from the identifier: a version in another language, an
    # untranslated paragraph and sentence.
    wrong = [p for p in (SAMPLES / "defects").iterdir() if p.is_dir() and ("language" in p.name or "untranslated" in p.name)]
    assert wrong
    for folder in [RELEASE, *wrong]:
        plain = _session(tmp_path / "unused", cache=False)
        try:
            expected = plain.check_folder(folder, root=folder)
        finally:
            plain.close()
        for _ in range(2):  # a miss, then a hit of every version (the result table emptied)
            session = _session(cache)
            try:
                report = session.check_folder(folder, root=folder)
            finally:
                session.close()
            with sqlite3.connect(cache / DB_NAME) as db:
                db.execute("DELETE FROM result")
            assert repr(report) == repr(expected), folder.name
        assert session._facts.language_hits > 0 and session._facts.language_misses == 0


PARAGRAPHS = [("Lavrov met Guterres in New York. They discussed Syria.", ("Lavrov met Guterres in New York.", "They discussed Syria.")),
              ("Moscow, 12 May", ("Moscow, 12 May",)),
              ("Привет.", ())]
LANGS = ("de", "en", "es", "fr", "ru")
FOUND = ("en", ["en", None, None], [("en", None), (), ()])


def _key(cache: Path, paragraphs=PARAGRAPHS, languages=LANGS, **config) -> bytes:
    session = _session(cache, **config)
    try:
        return session._facts.languages_key(paragraphs, languages)
    finally:
        session.close()


def test_each_input_of_the_identification_changes_the_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "cache"
    base = _key(cache)
    assert _key(cache) == base
    assert _key(cache, languages=("de", "en", "fr", "ru")) != base  # the identifier chooses among these
    assert _key(cache, paragraphs=[(PARAGRAPHS[0][0] + " ", PARAGRAPHS[0][1]), *PARAGRAPHS[1:]]) != base
    # The same text split otherwise: its sentences are judged on their own (LC503).
    assert _key(cache, paragraphs=[(PARAGRAPHS[0][0], (PARAGRAPHS[0][0],)), *PARAGRAPHS[1:]]) != base
    assert _key(cache, paragraphs=PARAGRAPHS[::-1]) != base
    assert _key(cache, paragraphs=PARAGRAPHS[:2]) != base
    # A fact key of the same text never equals it (another layout).
    session = _session(cache)
    try:
        assert session._facts.key(PARAGRAPHS[0][0], "en") != _key(cache, paragraphs=PARAGRAPHS[:1])
    finally:
        session.close()
    monkeypatch.setattr(result_cache, "code_fingerprint", lambda: "another langcheck")
    assert _key(cache) != base


def test_a_key_does_not_depend_on_the_glossary_or_the_rules(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    assert _key(cache, default_glossaries=False, ignore=("LC501",), source="en") == _key(cache)


def test_the_codec_gives_back_what_it_stored() -> None:
    assert decode_languages(encode_languages(PARAGRAPHS, LANGS, FOUND), PARAGRAPHS, LANGS) == FOUND
    nothing = (None, [None, None, None], [(None, None), (), ()])
    assert decode_languages(encode_languages(PARAGRAPHS, LANGS, nothing), PARAGRAPHS, LANGS) == nothing
    assert decode_languages(encode_languages([], LANGS, (None, [], [])), [], LANGS) == (None, [], [])


@pytest.mark.parametrize("found", [
    ("it", ["en", None, None], [("en", None), (), ()]),  # a language not chosen among
    ("en", ["en", None], [("en", None), (), ()]),  # a paragraph short
    ("en", ["en", None, None], [("en",), (), ()]),  # a sentence short
    ("en", ["en", None, None], [("en", None), ("en",), ()]),  # sentences of a paragraph of one
    ("en", ["en", None, 3], [("en", None), (), ()]),  # type: ignore[list-item]
])
def test_languages_the_layout_cannot_hold_are_not_stored(found) -> None:
    with pytest.raises(Unstorable):
        encode_languages(PARAGRAPHS, LANGS, found)


HOSTILE = [
    b"not json", b"", b"null", b"{}", b"[]", b'"en"', b"[null]", b"[null,[],[]]",
    b'["en",["en",null,null],[["en",null],[],[]],1]',
    b'["EN",["en",null,null],[["en",null],[],[]]]', b'["it",["en",null,null],[["en",null],[],[]]]',
    b'[1,["en",null,null],[["en",null],[],[]]]', b'[true,["en",null,null],[["en",null],[],[]]]',
    b'["en",["en",null],[["en",null],[],[]]]', b'["en",["en",null,null,null],[["en",null],[],[]]]',
    b'["en",["en",null,null],[["en",null],[]]]', b'["en",["en",null,null],[["en"],[],[]]]',
    b'["en",["en",null,null],[["en",null],["ru"],[]]]', b'["en",["en",null,NaN],[["en",null],[],[]]]',
    b'["en",{"0":"en"},[["en",null],[],[]]]', b'["en",["en",null,null],[{"en":null},[],[]]]',
    b'["en",["en",null,null],[["en",["en"]],[],[]]]',
    b"[" * 100_000 + b"]" * 100_000, b"\xff\xfe",
    b'["en",["en",null,null],[["en",null],[],[]]]' + b" " * (2 << 20),
]


@pytest.mark.parametrize("value", HOSTILE, ids=range(len(HOSTILE)))
def test_a_hostile_value_is_no_languages(value: bytes) -> None:
    assert decode_languages(value, PARAGRAPHS, LANGS) is None


@pytest.mark.parametrize("value", [*HOSTILE[:12], 17, 1.5, "[]", "\0" + "x" * (2 << 20)], ids=range(16))
def test_a_hostile_row_is_a_miss_identified_and_replaced(value, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    session = _session(cache)
    try:
        expected = _languages(session, RELEASE)
        release = session._load(RELEASE, RELEASE)
        doc = release.documents["fr"]
        victim = session._facts.languages_key([(p.text, p.sentences) for p in doc.paragraphs], release.languages)
    finally:
        session.close()
    with sqlite3.connect(cache / DB_NAME) as db:
        stored = db.execute("SELECT value FROM facts WHERE key = ?", (victim,)).fetchone()[0]
        db.execute("UPDATE facts SET value = ? WHERE key = ?", (value, victim))
    Identified.count = 0
    session = _session(cache)
    try:
        again = _languages(session, RELEASE)
    finally:
        session.close()
    assert repr(again) == repr(expected)
    assert Identified.count == 1  # that version only, and its row is whole again
    with sqlite3.connect(cache / DB_NAME) as db:
        assert db.execute("SELECT value FROM facts WHERE key = ?", (victim,)).fetchone()[0] == stored


def test_no_cache_identifies_every_version(tmp_path: Path) -> None:
    session = _session(tmp_path / "cache", cache=False)
    try:
        assert session._facts is None
        for _ in range(2):
            Identified.count = 0
            _languages(session, RELEASE)
            assert Identified.count == 5
    finally:
        session.close()
    assert not (tmp_path / "cache" / DB_NAME).exists()


def test_a_database_error_mid_run_disables_the_memo_not_the_check(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    session = _session(tmp_path / "cache")
    try:
        def broken(*args, **kwargs):
            raise sqlite3.DatabaseError("database disk image is malformed")

        monkeypatch.setattr(session._cache, "get_facts", broken)
        found = _languages(session, RELEASE)
        assert session._facts.cache is None
        assert repr(found) == repr(_plain(RELEASE))
    finally:
        session.close()
