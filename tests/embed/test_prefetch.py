"""CachedEmbedder.prefetch: the model call encode would make, made early in a thread."""

from __future__ import annotations

import importlib.util
import threading
from pathlib import Path

import numpy as np
import pytest

from langcheck.embed import EmbedderError
from langcheck.embed.cache import CachedEmbedder, open_cache

_spec = importlib.util.spec_from_file_location("fake_embedder", Path(__file__).parents[1] / "fake_embedder.py")
_fake = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_fake)

TEXTS = [
    "Die Ministerin eröffnete am 3. März das neue Forschungszentrum in Leipzig.",
    "The minister opened the new research centre in Leipzig on 3 March.",
    "La ministra inauguró el 3 de marzo el nuevo centro de investigación de Leipzig.",
    "La ministre a inauguré le 3 mars le nouveau centre de recherche de Leipzig.",
    "3 марта министр открыла новый исследовательский центр в Лейпциге.",
]


class Recording(_fake.FakeEmbedder):
    """The fake model, declaring itself safe in a thread, recording each call and its thread."""

    background = True

    def __init__(self, fail: BaseException | None = None, gate: threading.Event | None = None) -> None:
        self.calls: list[tuple[str, list[str] | None]] = []
        self.fail = fail
        self.gate = gate

    def load(self) -> None:
        self.calls.append((threading.current_thread().name, None))
        if self.fail is not None:
            raise self.fail

    def encode(self, texts):
        if self.gate is not None:
            self.gate.wait(5)
        self.calls.append((threading.current_thread().name, list(texts)))
        if self.fail is not None and texts:
            raise self.fail
        return super().encode(texts)


@pytest.fixture(params=[True, False], ids=["cache", "no-cache"])
def cache(request, tmp_path: Path):
    return open_cache(tmp_path) if request.param else None


def test_encode_takes_the_prefetched_call_and_gives_the_same_vectors(cache) -> None:
    model = Recording()
    embedder = CachedEmbedder(model, cache)
    assert embedder.prefetch(TEXTS + TEXTS[:2])
    vectors = embedder.encode(TEXTS + TEXTS[:2])
    assert np.array_equal(vectors, _fake.FakeEmbedder().encode(TEXTS + TEXTS[:2]))
    # One model call, in the thread, of the unique texts in encode's order; none in the caller's.
    assert model.calls == [("langcheck-embed-prefetch", TEXTS)]
    assert embedder.computed == len(TEXTS)


def test_the_prefetched_vectors_are_stored_by_the_calling_thread(tmp_path: Path) -> None:
    embedder = CachedEmbedder(Recording(), open_cache(tmp_path))
    embedder.prefetch(TEXTS)
    embedder.encode(TEXTS)
    again = CachedEmbedder(Recording(), open_cache(tmp_path))
    assert not again.prefetch(TEXTS)  # nothing missing: no thread, no model
    again.encode(TEXTS)
    assert again.computed == 0 and again.embedder.calls == []


def test_only_what_the_cache_lacks_is_prefetched(tmp_path: Path) -> None:
    CachedEmbedder(Recording(), open_cache(tmp_path)).encode(TEXTS[:3])
    model = Recording()
    embedder = CachedEmbedder(model, open_cache(tmp_path))
    assert embedder.prefetch(TEXTS)
    embedder.encode(TEXTS)
    assert model.calls == [("langcheck-embed-prefetch", TEXTS[3:])]


def test_another_first_call_discards_the_prefetch_and_computes_its_own(cache) -> None:
    # The model's vectors may depend on the call's other texts (its batches): only the very
    # call that was prefetched may be answered by it.
    model = Recording()
    embedder = CachedEmbedder(model, cache)
    embedder.prefetch(TEXTS)
    vectors = embedder.encode(TEXTS[1:3])
    assert model.calls == [("langcheck-embed-prefetch", TEXTS), ("MainThread", TEXTS[1:3])]
    assert np.array_equal(vectors, _fake.FakeEmbedder().encode(TEXTS[1:3]))


def test_a_load_only_prefetch_loads_in_the_thread_and_encode_computes(cache) -> None:
    model = Recording()
    embedder = CachedEmbedder(model, cache)
    assert embedder.prefetch(TEXTS, exact=False)
    embedder.encode(TEXTS[:2])
    assert model.calls == [("langcheck-embed-prefetch", None), ("MainThread", TEXTS[:2])]


def test_the_caller_waits_for_the_thread_before_using_the_model() -> None:
    gate = threading.Event()
    model = Recording(gate=gate)
    embedder = CachedEmbedder(model, None)
    embedder.prefetch(TEXTS)
    threading.Timer(0.2, gate.set).start()
    embedder.encode(["Ein anderer Satz."])  # must not run beside the prefetch
    assert [name for name, _ in model.calls] == ["langcheck-embed-prefetch", "MainThread"]


@pytest.mark.parametrize("exact", [True, False], ids=["embed", "load-only"])
def test_an_error_in_the_thread_is_raised_by_the_encode_that_waits_for_it(exact: bool) -> None:
    error = EmbedderError("cannot load model 'usem3': the weights file is damaged")
    embedder = CachedEmbedder(Recording(fail=error), None)
    embedder.prefetch(TEXTS, exact=exact)
    with pytest.raises(EmbedderError) as raised:
        embedder.encode(TEXTS)
    assert raised.value is error  # the one-line message, unchanged


def test_a_model_that_does_not_declare_itself_thread_safe_is_never_prefetched() -> None:
    model = _fake.FakeEmbedder()
    embedder = CachedEmbedder(model, None)
    assert not embedder.prefetch(TEXTS)
    assert embedder.encode(TEXTS).shape == (len(TEXTS), 32)


def test_a_second_prefetch_while_one_runs_starts_nothing() -> None:
    gate = threading.Event()
    model = Recording(gate=gate)
    embedder = CachedEmbedder(model, None)
    assert embedder.prefetch(TEXTS)
    assert not embedder.prefetch(TEXTS[:1])
    gate.set()
    embedder.encode(TEXTS)
    assert model.calls == [("langcheck-embed-prefetch", TEXTS)]


# --- the Session's first release: its first model call prefetched, the same report -----------------

VERSIONS = {
    "de": ["Neues Forschungszentrum in Leipzig eröffnet", TEXTS[0] + " Es kostete 120 Millionen Euro.",
           "Dort sollen ab 2027 rund 400 Menschen arbeiten."],
    "en": ["New research centre opens in Leipzig", TEXTS[1] + " It cost 120 million euros.",
           "Around 400 people are to work there from 2027."],
    "es": ["Se inaugura un nuevo centro de investigación en Leipzig", TEXTS[2] + " Costó 120 millones de euros.",
           "A partir de 2027 trabajarán allí unas 400 personas."],
    "fr": ["Un nouveau centre de recherche ouvre à Leipzig", TEXTS[3] + " Il a coûté 120 millions d'euros.",
           "Environ 400 personnes doivent y travailler à partir de 2027."],
    "ru": ["В Лейпциге открылся новый исследовательский центр", TEXTS[4] + " Он обошёлся в 120 млн евро.",
           "С 2027 года там будут работать около 400 человек."],
}


def _release(folder: Path, label: str | None = None) -> Path:
    folder.mkdir()
    for lang, paragraphs in VERSIONS.items():
        # An interface label copied with one version's page makes confirm_labels embed first.
        extra = [label] if label and lang == "en" else []
        (folder / f"{lang}.txt").write_text("\n\n".join(paragraphs + extra), encoding="utf-8")
    return folder


@pytest.mark.parametrize("label", [None, "Print"], ids=["first-call-known", "label-candidate"])
def test_a_sessions_first_release_is_checked_as_without_a_prefetch(tmp_path: Path, monkeypatch, label) -> None:
    from langcheck import pipeline
    from langcheck.config import Config
    from langcheck.load import load_release

    model = Recording()
    monkeypatch.setattr(pipeline.Session, "_embedder_on",
                        staticmethod(lambda config, cache: CachedEmbedder(model, cache)))
    folder = _release(tmp_path / "r", label)
    config = Config(cache_dir=str(tmp_path / "cache"))
    report = pipeline.Session(config).check_folder(folder)

    plain: list[list[str]] = []

    def encode(texts):
        plain.append(list(texts))
        return _fake.FakeEmbedder().encode(texts)

    release = load_release(folder, config.languages)
    expected = pipeline.check_release(release, encode, config)
    assert report.findings == expected.findings and report.groups == expected.groups
    first_thread, first_texts = model.calls[0]
    assert first_thread == "langcheck-embed-prefetch"
    if label is None:  # the thread made check_release's first call itself, and nothing else ran
        assert first_texts == list(dict.fromkeys(plain[0])) and len(model.calls) == 1
    else:  # the texts confirm_labels picks are its own: the thread only loaded the model
        assert first_texts is None
        assert model.calls[1] == ("MainThread", list(dict.fromkeys(plain[0])))


# --- Ctrl-C: the process never waits for a prefetch ----------------------------------------------

PREFETCH_NEVER_ENDS = """
import threading, sys
from langcheck.embed.cache import CachedEmbedder

class Stuck:
    name, background = "stuck", True
    def load(self): threading.Event().wait()      # a model that never finishes loading
    def encode(self, texts): threading.Event().wait()

assert CachedEmbedder(Stuck(), None).prefetch(["x"], exact=False)
raise KeyboardInterrupt  # what the CLI's main thread meets on Ctrl-C, mid-run
"""


def test_an_interrupted_process_exits_without_waiting_for_the_prefetch(tmp_path: Path) -> None:
    # The prefetch writes nothing (the caller's thread stores the vectors), so nothing is lost by
    # not waiting: with a non-daemon thread, Ctrl-C on a cold run waited for the model's load.
    import subprocess
    import sys

    try:
        done = subprocess.run([sys.executable, "-c", PREFETCH_NEVER_ENDS], capture_output=True, text=True, timeout=60)
    except subprocess.TimeoutExpired:
        pytest.fail("the process waited at exit for a prefetch that never ends")
    assert "KeyboardInterrupt" in done.stderr
