"""The fact memo (langcheck.fact_cache): a hit is the miss on every paragraph of every sample;
each input extraction depends on changes the key; a damaged or hostile stored row is a miss,
computed and replaced, never a crash; `--no-cache` neither reads nor writes it and
`cache clear` empties it.

A fake embedder stands in for the model where a whole check runs (the facts need none).
"""

from __future__ import annotations

import importlib.util
import shutil
import sqlite3
from pathlib import Path

import pytest

from langcheck import fact_cache, pipeline, result_cache
from langcheck.config import Config
from langcheck.embed.cache import DB_NAME, clear_cache, open_cache
from langcheck.fact_cache import decode_facts, encode_facts
from langcheck.model import Fact

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
ALL_SAMPLES = sorted([p for p in SAMPLES.iterdir() if p.is_dir() and p.name not in ("defects", "variants")]
                     + [p for kind in ("defects", "variants") for p in (SAMPLES / kind).iterdir() if p.is_dir()])
RELEASE = SAMPLES / "lavrov-belarus-2020"

_spec = importlib.util.spec_from_file_location("fake_embedder", Path(__file__).parent / "fake_embedder.py")
_fake = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_fake)


class Extracted:
    """How many paragraphs `langcheck.extract.extract_facts` was asked for."""

    count = 0


@pytest.fixture(autouse=True)
def fake_model(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import langcheck.extract

    real = langcheck.extract.extract_facts

    def counted(*args, **kwargs):
        Extracted.count += 1
        return real(*args, **kwargs)

    monkeypatch.setattr(langcheck.extract, "extract_facts", counted)
    Extracted.count = 0
    _fake.use_in_sessions(monkeypatch, tmp_path)


def _session(folder: Path, **config) -> pipeline.Session:
    return pipeline.Session(Config(cache_dir=str(folder), **config))


def _facts(session: pipeline.Session, folder: Path) -> dict:
    """What check_release would extract for `folder`, through the session's memo."""
    return session._extract(session._load(folder, folder), session.glossary)


def _fact_rows(cache: Path) -> list[tuple]:
    with sqlite3.connect(cache / DB_NAME) as db:
        return db.execute("SELECT key, code, value FROM facts").fetchall()


def test_a_hit_is_the_miss_on_every_paragraph_of_every_sample(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    computed = []
    session = _session(cache)
    try:
        for folder in ALL_SAMPLES:
            computed.append(_facts(session, folder))
        assert session._facts.misses > 0
    finally:
        session.close()
    Extracted.count = 0
    session = _session(cache)
    try:
        for folder, miss in zip(ALL_SAMPLES, computed):
            release = session._load(folder, folder)
            plain = pipeline._extract(release, session.glossary)
            hit = session._extract(release, session.glossary)
            # repr shows every type and the order of the mapping, as the rules iterate it.
            assert repr(list(hit.items())) == repr(list(miss.items())) == repr(list(plain.items())), folder.name
        assert session._facts.misses == 0 and session._facts.hits == sum(len(c) for c in computed)
    finally:
        session.close()
    assert Extracted.count == sum(len(c) for c in computed)  # only the plain _extract above ran


def test_a_changed_paragraph_is_the_only_one_extracted(tmp_path: Path) -> None:
    folder = tmp_path / "release"
    shutil.copytree(RELEASE, folder)
    cache = tmp_path / "cache"
    session = _session(cache)
    try:
        first = _facts(session, folder)
        en = next(folder.glob("en.*"))
        en.write_text(en.read_text(encoding="utf-8").replace("Belarus", "Belarus,", 1), encoding="utf-8")
        Extracted.count = 0
        second = _facts(session, folder)
    finally:
        session.close()
    assert Extracted.count == 1
    assert session._facts.misses == len(first) + 1 and session._facts.hits == len(first) - 1
    assert list(second) == list(first)


def test_a_whole_check_finds_the_same_with_and_without_the_memo(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    for folder in [RELEASE, *(SAMPLES / "defects" / name for name in ("number-fr", "name-ru", "term-de", "date-ru"))]:
        plain = _session(tmp_path / "unused", cache=False)
        try:
            expected = plain.check_folder(folder, root=folder)
        finally:
            plain.close()
        for _ in range(2):  # a miss, then a hit of every paragraph (the result table emptied)
            session = _session(cache)
            try:
                report = session.check_folder(folder, root=folder)
            finally:
                session.close()
            with sqlite3.connect(cache / DB_NAME) as db:
                db.execute("DELETE FROM result")
            assert repr(report) == repr(expected)
        assert session._facts.hits > 0 and session._facts.misses == 0


def _memo_key(cache: Path, text: str = "Am 3. Mai kamen 12 Minister nach Minsk.", lang: str = "de", **config) -> bytes:
    session = _session(cache, **config)
    try:
        return session._facts.key(text, lang)
    finally:
        session.close()


def _glossary(path: Path, form: str) -> Path:
    path.write_text(f"terms:\n  - id: union-state\n    en: [Union State]\n    ru: [{form}]\n", encoding="utf-8")
    return path


def test_each_input_of_the_extraction_changes_the_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "cache"
    base = _memo_key(cache)
    assert _memo_key(cache) == base  # the same inputs, the same key (across sessions)
    assert _memo_key(cache, text="Am 4. Mai kamen 12 Minister nach Minsk.") != base
    assert _memo_key(cache, lang="en") != base
    assert _memo_key(cache, lang="de-AT") != base  # the language as passed, before extract_facts folds it
    assert _memo_key(cache, default_glossaries=False) != base
    user = _glossary(tmp_path / "terms.yaml", "Союзное государство")
    with_user = _memo_key(cache, glossaries=(str(user),))
    assert with_user != base
    _glossary(user, "Союзного государства")  # the same file, other bytes
    assert _memo_key(cache, glossaries=(str(user),)) not in (base, with_user)
    monkeypatch.setattr(result_cache, "code_fingerprint", lambda: "another langcheck")
    assert _memo_key(cache) != base


def test_a_key_does_not_depend_on_options_extraction_ignores(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    base = _memo_key(cache)
    # The rules' options change a release's result, never a paragraph's facts.
    assert _memo_key(cache, ignore=("LC201",), source="en", furniture="keep") == base


TEXT = "Am 3. Mai kamen 12 Minister nach Minsk."
FACTS = (Fact("date", "2020-05-03", "3. Mai", 3, 9), Fact("number", "12", "12", 16, 18))
assert all(TEXT[f.start:f.end] == f.surface for f in FACTS)


def test_the_codec_gives_back_what_it_stored() -> None:
    assert decode_facts(encode_facts(TEXT, FACTS), TEXT) == FACTS
    assert decode_facts(encode_facts(TEXT, ()), TEXT) == ()
    odd = "Der \ud800 Preis: 5 €"  # a lone surrogate survives, as the result cache keeps it
    assert decode_facts(encode_facts(odd, (Fact("number", "5", "5", 13, 14),)), odd) == (Fact("number", "5", "5", 13, 14),)


def test_a_decoded_fact_is_the_constructors_in_every_respect() -> None:
    import dataclasses
    import pickle

    # (the memo fills a Fact's fields directly: it must be what Fact(...) makes)
    for decoded, made in zip(decode_facts(encode_facts(TEXT, FACTS), TEXT), FACTS):
        assert type(decoded) is Fact and decoded == made and hash(decoded) == hash(made)
        assert repr(decoded) == repr(made) and list(vars(decoded).items()) == list(vars(made).items())
        assert pickle.loads(pickle.dumps(decoded)) == made
        assert dataclasses.replace(decoded, key="13") == dataclasses.replace(made, key="13")
        with pytest.raises(dataclasses.FrozenInstanceError):
            decoded.key = "13"


@pytest.mark.parametrize("fact", [
    Fact("link", "url:example.org", "example.org", 0, 11),  # a kind extract_facts does not make
    Fact("number", "12", "twelve", 16, 18),  # a surface that is not the text at its offsets
    Fact("number", "12", "12", 16, 99),
    Fact("number", "12", "12", -1, 18),
    Fact("number", 12, "12", 16, 18),  # type: ignore[arg-type]
])
def test_facts_the_layout_cannot_hold_exactly_are_not_stored(fact: Fact) -> None:
    with pytest.raises(fact_cache.Unstorable):
        encode_facts(TEXT, (fact,))


HOSTILE = [
    b"not json", b"", b"null", b"{}", b'"facts"', b"[1]", b"[[]]", b"[null]",
    b'[["number","12",15]]', b'[["number","12",15,17,0]]',
    b'[["colour","12",15,17]]', b'[["NUMBER","12",15,17]]',
    b'[["number",12,15,17]]', b'[["number",null,15,17]]',
    b'[["number","12",15.0,17]]', b'[["number","12",true,17]]', b'[["number","12","15",17]]',
    b'[["number","12",NaN,17]]', b'[["number","12",15,Infinity]]', b'[["number","12",1e999,17]]',
    b'[["number","12",17,15]]', b'[["number","12",-1,17]]', b'[["number","12",15,40]]',
    b'[["number","12",15,' + b"9" * 5000 + b"]]", b'[["number","12",15,' + b"9" * 40 + b"]]",
    b"[" * 100_000 + b"]" * 100_000, b"\xff\xfe", b'[["number","12",15,17]]' + b" " * (2 << 20),
    # well-formed, but nothing extract_facts gives: an empty fact, a wrong order, a fact twice,
    # and more facts than the text has room for (rules compare facts pairwise: a run took hours)
    b'[["number","12",15,15]]', b'[["number","12",15,17],["date","2020",0,4]]',
    b'[["number","12",15,17],["number","12",15,17]]',
    b"[" + b",".join(b'["number","%d",15,17]' % k for k in range(2000)) + b"]",
]


@pytest.mark.parametrize("value", HOSTILE, ids=range(len(HOSTILE)))
def test_a_hostile_value_is_no_facts(value: bytes) -> None:
    assert decode_facts(value, TEXT) is None


@pytest.mark.parametrize("value", [*HOSTILE[:12], 17, 1.5, "[]", b"[]" + b" " * (2 << 20), HOSTILE[-1],
                                   "\0" + "x" * (2 << 20)], ids=range(18))
def test_a_hostile_row_is_a_miss_computed_and_replaced(value, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    session = _session(cache)
    try:
        expected = _facts(session, RELEASE)
    finally:
        session.close()
    rows = _fact_rows(cache)
    assert len(rows) == len({k for k, _, _ in rows}) > 0
    victim = rows[0][0]
    with sqlite3.connect(cache / DB_NAME) as db:
        db.execute("UPDATE facts SET value = ? WHERE key = ?", (value, victim))
    Extracted.count = 0
    session = _session(cache)
    try:
        again = _facts(session, RELEASE)
    finally:
        session.close()
    assert repr(again) == repr(expected)
    assert Extracted.count == 1  # that paragraph only, and its row is whole again
    assert {k: v for k, _, v in _fact_rows(cache)}[victim] == {k: v for k, _, v in rows}[victim]


def test_no_cache_neither_reads_nor_writes(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    session = _session(cache, cache=False)
    try:
        assert session._facts is None
        session.check_folder(RELEASE, root=RELEASE)
    finally:
        session.close()
    assert not (cache / DB_NAME).exists()
    # Facts stored by an earlier run are not read either.
    session = _session(cache)
    try:
        _facts(session, RELEASE)
    finally:
        session.close()
    Extracted.count = 0
    session = _session(cache, cache=False)
    try:
        session.check_folder(RELEASE, root=RELEASE)
    finally:
        session.close()
    assert Extracted.count > 0


def test_cache_clear_empties_the_memo(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    session = _session(cache)
    try:
        _facts(session, RELEASE)
    finally:
        session.close()
    assert _fact_rows(cache)
    clear_cache(cache)
    opened = open_cache(cache)
    opened.close()
    assert _fact_rows(cache) == []


def test_the_memo_is_bounded_and_drops_another_codes_rows(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from langcheck.embed import cache as cache_module

    monkeypatch.setattr(cache_module, "MAX_FACTS", 5)
    opened = open_cache(tmp_path)
    try:
        opened.put_facts([(bytes([i]) * 32, b"[]") for i in range(20)], "old code")
        assert len(opened.get_facts([bytes([i]) * 32 for i in range(20)], 100)) == 20  # pruned before a write only
        opened._facts_pruned = False  # as a new process would
        opened.put_facts([(b"n" * 32, b"[]")], "old code")
        # The newest five (or fewer) before the write, and the new row.
        assert 2 <= len(_fact_rows(tmp_path)) <= 6
        assert opened.get_facts([b"n" * 32], 100) == {b"n" * 32: b"[]"}
        opened._facts_pruned = False
        opened.put_facts([(b"m" * 32, b"[]")], "new code")
        assert [(k, c) for k, c, _ in _fact_rows(tmp_path)] == [(b"m" * 32, "new code")]
    finally:
        opened.close()


def test_a_look_up_of_many_paragraphs_is_chunked(tmp_path: Path) -> None:
    opened = open_cache(tmp_path)
    try:
        keys = [i.to_bytes(32, "big") for i in range(1234)]
        opened.put_facts([(k, b"[]") for k in keys[::2]], "code")
        assert set(opened.get_facts(keys, 100)) == set(keys[::2])
        opened.put_facts([(keys[0], b"[" + b" " * 200 + b"]")], "code")
        assert keys[0] not in opened.get_facts(keys, 100)  # a value over the bound is not read
    finally:
        opened.close()


def test_a_database_error_mid_run_disables_the_memo_not_the_check(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    session = _session(tmp_path / "cache")
    try:
        def broken(*args, **kwargs):
            raise sqlite3.DatabaseError("database disk image is malformed")

        monkeypatch.setattr(session._cache, "get_facts", broken)
        facts = _facts(session, RELEASE)
        assert session._facts.cache is None
        assert repr(facts) == repr(pipeline._extract(session._load(RELEASE, RELEASE), session.glossary))
    finally:
        session.close()
