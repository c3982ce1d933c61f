"""One release: load -> segment -> embed -> align -> extract -> compare.

`Session(config).check_folder(folder)` loads and checks one release folder with what a run
shares between releases (model, cache, glossary, rules). Reading files happens in `load`, the
model runs behind `encode`; `check_release` in between is pure given those two. Which releases
there are and where each runs is `langcheck.batch`'s; `langcheck.api.check` sits on both.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from langcheck.config import Config
from langcheck.load import InputError, load_release
from langcheck.model import Facts, Finding, Group, Release, ReleaseReport

if TYPE_CHECKING:  # imported where used: `langcheck --help` and a result-cache hit load none
    import numpy as np

    from langcheck.embed.cache import CachedEmbedder, EmbeddingCache
    from langcheck.fact_cache import FactMemo, Identify, VersionLanguages
    from langcheck.glossary import Glossary
    from langcheck.rules.base import RuleLike

log = logging.getLogger(__name__)

Encode = Callable[[Sequence[str]], "np.ndarray"]
# What check_release extracts the facts with: (release, glossary) -> facts of every paragraph.
Extract = Callable[[Release, "Glossary | None"], Facts]


class Session:
    """What one run shares between releases: config, glossary, model, rules and caches.

    Built lazily: the model, the language identifier's background load, the rules and (where
    the result cache knows the glossary loads) the glossary come on the first release that is
    not in the result cache (`langcheck.result_cache`), so a run of stored results reads files,
    hashes their bytes and reads one row per release (it parses none).
    """

    def __init__(self, config: Config) -> None:
        self.config = config
        self._embedder: CachedEmbedder | None = None
        self._glossary: Glossary | None = None
        self._rules: tuple[RuleLike, ...] | None = None
        self._cache = _open_cache(config)
        self._results = None
        self._facts: FactMemo | None = None
        from langcheck import glossary

        # The glossaries' prepared copy lives in the cache folder (none with --no-cache).
        glossary.use_prepared_dir(_prepared_dir(self._cache))
        if self._cache is not None:
            from langcheck import fact_cache
            from langcheck.result_cache import ResultCache

            self._results = ResultCache(self._cache, config)
            # Keyed by the glossary files read for the result cache's key, before the glossary
            # loads from them (below, or on the first release computed).
            self._facts = fact_cache.FactMemo(self._cache, self._results.code, self._results.glossary_files)
        # A glossary with problems is the error of the run, before any release is looked at;
        # only one known to load (it is part of every stored result's key) may wait.
        if self._results is None or not self._results.glossary_known():
            self._glossary = self._load_keyed_glossary()

    @property
    def embedder(self) -> CachedEmbedder:
        """The configured model behind the embeddings cache, made on first use."""
        if self._embedder is None:
            # On a cold run the identifier is decompressed while the model works (langcheck.language).
            from langcheck.language import load_in_background

            self._embedder = self._embedder_on(self.config, self._cache)
            load_in_background()
        return self._embedder

    @property
    def glossary(self) -> Glossary:
        if self._glossary is None:
            self._glossary = self._load_keyed_glossary()
        return self._glossary

    def _load_keyed_glossary(self) -> Glossary:
        """The configured glossary, refused when its files are no longer those the result
        cache's and the fact memo's keys were made from (read when the session opened).

        Why: the glossary may load long after the keys were made (on an archive's first release
        not in the result cache). A file saved in between would have its facts and reports
        stored under the old bytes' key, and a later run of the old bytes would be served them.
        The files are read again after the load: unchanged then, the load read the keyed bytes.
        """
        glossary = _load_glossary(self.config)
        if self._results is not None:
            from langcheck.glossary import GlossaryError
            from langcheck.result_cache import glossary_fingerprint

            for before, after in zip(self._results.glossary_files, glossary_fingerprint(self.config)):
                if before != after:
                    # The run's error, not one release's: every later release would meet it.
                    raise GlossaryError(f"{before[0]}: changed while the check ran; run the check again")
        return glossary

    @property
    def rules(self) -> tuple[RuleLike, ...]:
        if self._rules is None:
            self._rules = _active_rules(self.config)
        return self._rules

    def close(self) -> None:
        """Close the cache now (its last write-ahead log is merged here, not at some later GC)."""
        if self._cache is not None:
            self._cache.close()
            self._cache = None
            if self._embedder is not None:
                self._embedder.cache = None
            if self._results is not None:
                self._results.cache = None
            if self._facts is not None:
                self._facts.cache = None

    @staticmethod
    def embedder_for(config: Config) -> CachedEmbedder:
        """The configured model behind the configured cache (CachedEmbedder)."""
        return Session._embedder_on(config, _open_cache(config))

    @staticmethod
    def _embedder_on(config: Config, cache: EmbeddingCache | None) -> CachedEmbedder:
        from langcheck import glossary, language
        from langcheck.embed import CachedEmbedder, load_embedder
        from langcheck.extract import locale_words, patterns, russian_dictionary, word_frequency

        # Prepared model weights live beside the embeddings (and not at all with --no-cache);
        # the language identifier, word lists, compiled patterns, glossaries, CLDR words and the Russian
        # dictionary's tag tables keep theirs there too.
        prepared = _prepared_dir(cache)
        for keeper in (language, word_frequency, patterns, glossary, locale_words, russian_dictionary):
            keeper.use_prepared_dir(prepared)
        return CachedEmbedder(load_embedder(config.model, prepared_dir=prepared), cache)

    def check_folder(self, folder: str | Path, root: str | Path | None = None,
                     required: tuple[str, ...] | None = None) -> ReleaseReport:
        """Load and check one release folder; raises InputError when it cannot be read.

        `root` is the checked path the folder was found under (links may not lead out of it);
        `required` the versions the release must have (`langcheck.batch` counts them in the tree).
        A release whose inputs were checked before is answered from the result cache.
        """
        results = self._results
        # Asked before loading: a release whose files are unchanged is not parsed at all.
        hashed = None
        files_key = None
        if results is not None:
            from langcheck.result_cache import HashedFiles

            hashed = HashedFiles()
            files_key = results.files_key(folder, root, required, self.config.max_file_bytes, hashed)
        if files_key is not None:
            stored = results.get(files_key, None)
            if stored is not None:
                return stored
        # The load parses the bytes that were hashed, so a file saved in between (an editor, a
        # checkout) cannot be stored under the other bytes' key.
        release = self._load(folder, root, hashed.read if files_key is not None else None)
        if files_key is not None and not hashed.loaded_exactly():
            # A document was added or removed between the hashing and the load: what was loaded
            # is not what was hashed, so it must not be stored under those files.
            files_key = None
        hashed = None  # the files' bytes are not kept while the release is checked
        key = results.key(release, required) if results is not None else None
        if key is not None:
            stored = results.get(key, release)
            if stored is not None:
                if files_key is not None:  # the files changed but not what was loaded of them
                    results.put(key, stored, release, files_key=files_key)
                return stored
        glossary = self.glossary  # before the model starts: a glossary that cannot load ends the run
        if self._embedder is None:
            # The session's first release to compute: the model loads (and embeds its first
            # call's texts) in a thread while check_release extracts the facts (CachedEmbedder.prefetch).
            first_call = _first_model_call(release)
            exact = first_call is not None
            self.embedder.prefetch(first_call if exact else _sentence_units(release, labels=True), exact=exact)
        # One embedding call per release (align_release): repeated texts are served from its
        # composed vectors, so no memo is needed in front of the cache.
        report = check_release(release, self.embedder.encode, self.config, glossary, self.rules,
                               required_languages=required, extract=self._extract, identify=self._identify)
        # Stored only under the model that computed it: a key names the configured model, and a
        # stand-in embedder (tests, a backend whose name was not foreseen) must not answer for it.
        if key is not None and self.embedder.name == results.model:
            results.put(key, report, release, files_key=files_key)
        return report

    def _extract(self, release: Release, glossary: Glossary | None) -> Facts:
        """The facts of every paragraph: those extracted before read from the fact memo."""
        if self._facts is None or self._facts.cache is None:
            return _extract(release, glossary)
        return self._facts.extract(release, glossary, _extract)

    def _identify(self, release: Release, wanted: Sequence[str]) -> dict[str, VersionLanguages]:
        """The versions' languages: those identified before read from the fact memo."""
        if self._facts is None or self._facts.cache is None:
            return _identify(release, wanted)
        return self._facts.languages(release, _identify)

    def is_stored(self, folder: str | Path, root: str | Path | None = None,
                  required: tuple[str, ...] | None = None) -> bool:
        """Whether checking `folder` would be answered from the result cache (False where the
        folder cannot be read). `langcheck.batch` asks it of a run's first release before it
        readies the model for its workers."""
        if self._results is None:
            return False
        files_key = self._results.files_key(folder, root, required, self.config.max_file_bytes)
        if files_key is not None and self._results.get(files_key, None) is not None:
            return True
        try:
            release = self._load(folder, root)
        except InputError:
            return False
        key = self._results.key(release, required)
        return key is not None and self._results.get(key, release) is not None

    def _load(self, folder: str | Path, root: str | Path | None,
              read: Callable[[Path, int], bytes] | None = None) -> Release:
        return load_release(folder, self.config.languages, max_file_bytes=self.config.max_file_bytes,
                            furniture=self.config.furniture == "drop", root=root, read=read)


def _open_cache(config: Config) -> EmbeddingCache | None:
    from langcheck.embed.cache import open_cache

    return open_cache(Path(config.cache_dir) if config.cache_dir else None) if config.cache else None


def _prepared_dir(cache: EmbeddingCache | None) -> Path | None:
    return cache.path.parent / "models" if cache is not None else None


def check_release(
    release: Release,
    encode: Encode,
    config: Config,
    glossary: Glossary | None = None,
    rules: Sequence[RuleLike] | None = None,
    *,
    required_languages: tuple[str, ...] | None = None,
    extract: Extract | None = None,
    identify: Identify | None = None,
) -> ReleaseReport:
    """Align, extract and compare one loaded release. No I/O besides `encode`, `extract` and `identify`.

    `required_languages`: the versions the release must have; None: the configured `languages`
    when they were set, else none (a release alone has nothing to be compared with).
    `extract`: what gives the facts of every paragraph (a Session's reads its fact memo);
    None: `langcheck.extract.extract_facts` on each. `identify`: what gives the versions'
    languages (a Session's reads its fact memo); None: `identify_version_languages` on each.
    """
    from langcheck.load.furniture import confirm_labels
    from langcheck.rules.base import RuleContext

    rules = _active_rules(config) if rules is None else rules
    # Interface labels need the other versions to be told from content (nothing there is like them).
    release = confirm_labels(release, encode)
    # The facts and languages before the alignment: they need no vectors, so on a cold run they
    # are found while a prefetch loads the model (Session.check_folder).
    facts = (extract or _extract)(release, glossary)
    langs = release.languages
    # One pass of the identifier over each version: its paragraphs, the sentences of each
    # paragraph of several (LC503) and the whole text (LC502) from the same n-gram counts.
    paragraph_language: dict[tuple[str, int], str | None] = {}
    document_language: dict[str, str | None] = {}
    sentence_language: dict[tuple[str, int], tuple[str | None, ...]] = {}
    identified = (identify or _identify)(release, langs)
    for lang, doc in release.documents.items():
        whole, paragraphs, sentences = identified[lang]
        document_language[lang] = whole
        for p, found, in_sentences in zip(doc.paragraphs, paragraphs, sentences):
            paragraph_language[(lang, p.index)] = found
            if in_sentences:
                sentence_language[(lang, p.index)] = in_sentences
    groups, sentence_embeddings = align_release(release, encode, source=config.source)
    ctx = RuleContext(
        release=release, groups=groups, source=config.source, facts=facts,
        paragraph_language=paragraph_language, document_language=document_language,
        sentence_embeddings=sentence_embeddings, glossary=glossary,
        required_languages=_required(required_languages, config),
        required_by="languages" if config.languages_configured else "tree",
        sentence_language=sentence_language,
    )
    found = _root_causes_only([finding for active in rules for finding in active.check(ctx)])
    # Suppressions apply after root causes: ignoring LC501 on a paragraph must not bring back
    # the findings it explained.
    findings = [_with_severity(f, config) for f in found if not _suppressed(f, release)]
    return ReleaseReport(release=release, groups=groups, findings=tuple(sorted(findings, key=_finding_order)))


def _required(required_languages: tuple[str, ...] | None, config: Config) -> tuple[str, ...]:
    if required_languages is not None:
        return required_languages
    return tuple(config.languages) if config.languages_configured else ()


# Findings that explain everything else found in the same place: text in the wrong language
# also "lacks" the dates and names the extractors look for in the right language.
_ROOT_CAUSES = ("LC501", "LC502")


def _root_causes_only(findings: list[Finding]) -> list[Finding]:
    """Drop findings that follow from a wrong-language version or an untranslated paragraph."""
    from langcheck.rules.order import explained, is_explained

    wrong_versions = {f.lang for f in findings if f.rule == "LC502"}
    untranslated = {(f.lang, f.paragraph_index) for f in findings if f.rule == "LC501"}
    # A paragraph out of order (LC106) is no missing paragraph plus an extra one.
    moved = explained(findings)
    return [
        f for f in findings
        if f.rule in _ROOT_CAUSES
        or (f.lang not in wrong_versions and (f.lang, f.paragraph_index) not in untranslated
            and not is_explained(f, moved))
    ]


def align_release(
    release: Release, encode: Encode, *, source: str | None = None
) -> tuple[tuple[Group, ...], dict[tuple[str, int], np.ndarray]]:
    """Paragraph groups of a loaded release, and the sentence vectors they were built from.

    The model embeds each sentence once; a paragraph is the normalised sum of its sentences and
    a window of paragraphs the sum of those (`compose_windows` in the aligner), so the model
    reads every token of the release once.
    """
    import numpy as np

    from langcheck.align.groups import align_versions

    sentence_embeddings = _sentence_embeddings(release, encode)
    known = _composed_vectors(release, sentence_embeddings)

    def encode_known(batch: Sequence[str]) -> np.ndarray:
        # Paragraphs and sentences are known; anything else (nothing, with the current aligner)
        # goes to the model.
        unknown = [t for t in dict.fromkeys(batch) if t not in known]
        if unknown:
            known.update(zip(unknown, encode(unknown)))
        return np.stack([known[t] for t in batch]) if batch else encode([])

    texts = {lang: [p.text for p in doc.paragraphs] for lang, doc in release.documents.items()}
    sentences = {lang: [p.sentences for p in doc.paragraphs] for lang, doc in release.documents.items()}
    groups = align_versions(texts, encode_known, pivot=source, sentences=sentences)
    return groups, sentence_embeddings


def _sentence_embeddings(release: Release, encode: Encode) -> dict[tuple[str, int], np.ndarray]:
    """Vectors of every sentence, by (lang, paragraph index): shape (n_sentences, dim) each.

    One model call for the whole release: the model reads every sentence once, and nothing else
    (paragraph and window vectors are composed from these), which is the floor of this design.
    """
    # The same texts in the same order as _sentence_units, which a prefetch hands the model ahead.
    vectors = encode(_sentence_units(release))
    out: dict[tuple[str, int], np.ndarray] = {}
    row = 0
    for lang, doc in sorted(release.documents.items()):
        for paragraph in doc.paragraphs:
            count = len(paragraph.sentences) or 1
            out[(lang, paragraph.index)] = vectors[row : row + count]
            row += count
    return out


def _sentence_units(release: Release, *, labels: bool = False) -> list[str]:
    """The texts `_sentence_embeddings` hands the model, in its order; with `labels`, also the
    interface-label candidates' whole texts (what `confirm_labels` may embed besides)."""
    units = [u for _, doc in sorted(release.documents.items()) for p in doc.paragraphs
             for u in (p.sentences or (p.text,))]
    if labels:
        units += [release.paragraph(lang, i).text for lang, doc in sorted(release.documents.items())
                  for i in doc.label_candidates]
    return units


def _first_model_call(release: Release) -> list[str] | None:
    """The texts of check_release's first `encode` call, or None when it cannot be told ahead
    (interface-label candidates: `confirm_labels` embeds first, its own selection)."""
    if any(doc.label_candidates for doc in release.documents.values()):
        return None
    return _sentence_units(release)


def _composed_vectors(release: Release, sentence_embeddings: dict[tuple[str, int], np.ndarray]) -> dict[str, np.ndarray]:
    """Text -> vector for every sentence and paragraph; a paragraph is its sentences' normalised sum."""
    import numpy as np

    known: dict[str, np.ndarray] = {}
    for lang, doc in release.documents.items():
        for paragraph in doc.paragraphs:
            vectors = sentence_embeddings[(lang, paragraph.index)]
            known.update(zip(paragraph.sentences, vectors))
            total = vectors.sum(axis=0)
            known.setdefault(paragraph.text, total / max(float(np.linalg.norm(total)), 1e-12))
    return known


def _extract(release: Release, glossary: Glossary | None,
             wanted: Sequence[tuple[str, int]] | None = None) -> Facts:
    """The facts of every paragraph by (lang, index), or of the `wanted` (lang, index) only."""
    from langcheck.extract import extract_facts

    only = None if wanted is None else set(wanted)
    return {
        (lang, p.index): extract_facts(p.text, lang, glossary) if glossary is not None else extract_facts(p.text, lang)
        for lang, doc in release.documents.items() for p in doc.paragraphs
        if only is None or (lang, p.index) in only
    }


def _identify(release: Release, wanted: Sequence[str]) -> dict[str, VersionLanguages]:
    """Each `wanted` version's languages (`identify_version_languages`), among the release's."""
    from langcheck.language import identify_version_languages

    languages = release.languages
    return {lang: identify_version_languages([(p.text, p.sentences) for p in release.documents[lang].paragraphs], languages)
            for lang in wanted}


def _load_glossary(config: Config) -> Glossary:
    from langcheck.glossary import configured_glossary

    # The user's files overlay the shipped ones (an entry with a shipped id replaces it).
    return configured_glossary(config)


def _active_rules(config: Config) -> tuple[RuleLike, ...]:
    """The built-in rules, then the config's own checks (X001...), less those ignored."""
    from langcheck.rules import ALL_RULES

    rules: tuple[RuleLike, ...] = ALL_RULES
    if config.checks:
        from langcheck.rules.custom import custom_rules

        rules = (*ALL_RULES, *custom_rules(config.checks))
    ignored = set(config.ignore)
    return tuple(r for r in rules if r.code not in ignored and r.name not in ignored)


def _with_severity(finding: Finding, config: Config) -> Finding:
    level = config.severity.get(finding.rule) or config.severity.get(finding.name)
    if level is None or level == finding.severity:
        return finding
    from dataclasses import replace

    return replace(finding, severity=level)


def _suppressed(finding: Finding, release: Release) -> bool:
    if finding.paragraph_index is None:
        return False
    ignored = release.paragraph(finding.lang, finding.paragraph_index).ignored_rules
    return "*" in ignored or finding.rule in ignored or finding.name in ignored


def _finding_order(finding: Finding) -> tuple:
    return (finding.lang, finding.paragraph_index if finding.paragraph_index is not None else -1,
            finding.rule, finding.message)


def align_release_groups(path: str | Path, config: Config) -> ReleaseReport:
    """Load and align one release without running the rules (for `langcheck align`)."""
    from langcheck.load.furniture import confirm_labels

    session_embedder = Session.embedder_for(config)
    release = load_release(path, config.languages, max_file_bytes=config.max_file_bytes,
                           furniture=config.furniture == "drop")
    release = confirm_labels(release, session_embedder.encode)
    # The same alignment as check_release, so `langcheck align` shows the groups the rules see.
    groups, _ = align_release(release, session_embedder.encode, source=config.source)
    return ReleaseReport(release=release, groups=groups, findings=())


def align_line_files(source_file: str | Path, target_file: str | Path, config: Config) -> tuple:
    """Beads between two files of one unit per line (the format of sentence-alignment gold sets)."""
    from langcheck.align.beads import align_beads
    from langcheck.load import MAX_SENTENCE_CHARS
    from langcheck.load.encoding import decode_bytes
    from langcheck.load.files import read_bounded

    sides = []
    for file in (source_file, target_file):
        text, _ = decode_bytes(read_bounded(file, config.max_file_bytes), str(file))
        # Units are lines as gold files number them: "\n"-separated only (str.splitlines would
        # also break at U+2028 and friends and shift every id after them).
        lines = [line.removesuffix("\r") for line in text.split("\n")]
        if lines and lines[-1] == "":
            lines.pop()
        for number, line in enumerate(lines, start=1):
            if len(line) > MAX_SENTENCE_CHARS:
                raise InputError(str(file), f"line {number}: line too long ({len(line):,} characters; "
                                 f"the limit is {MAX_SENTENCE_CHARS:,})")
        sides.append(lines)
    return align_beads(sides[0], sides[1], Session.embedder_for(config).encode)
