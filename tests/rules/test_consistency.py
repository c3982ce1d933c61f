"""LC404's reading of two spellings: inflection (one rendering), a spelling variant, another
wording, or no evidence. One line per case, in all five languages."""

from __future__ import annotations

import pytest

from langcheck.model import Document, Fact, Paragraph, Release
from langcheck.rules.base import RuleContext
from langcheck.rules.consistency import _strength, inconsistent_rendering


@pytest.mark.parametrize(
    ("lang", "a", "b", "entry_type", "strength"),
    [
        # inflection and declension: one rendering
        ("de", "Lukaschenko", "Lukaschenkos", "person", None),
        ("de", "Vereinigte Königreich", "Vereinigten Königreich", "organisation", None),
        ("en", "collegium", "collegia", "term", None),
        ("en", "Macedonia", "Macedonians", None, None),
        ("es", "Estado Unidos", "Estados Unidos", "organisation", None),
        ("fr", "État de l'Union", "État de l’Union", "term", None),
        ("ru", "Лукашенко", "Лукашенка", "person", None),
        ("ru", "Макей", "Макея", "person", None),
        ("ru", "Менга", "Менге", None, None),
        ("ru", "Союзное государство", "Союзного государства", "term", None),
        # a spelling variant of one glossary key: strong
        ("de", "Lukaschenko", "Lukaschenka", "person", "strong"),
        ("en", "colour revolution", "color revolution", "term", "strong"),
        ("ru", "Гутерриш", "Гутерреш", "person", "strong"),
        ("fr", "Union économique eurasiatique", "Union économique eurasiatiques", "organisation", None),
        ("es", "Unión Económica Euroasiática", "Unión Económica Eurasiática", "organisation", "strong"),
        # another wording: strong for a term, ordinary for the names of a state or organisation
        ("fr", "maîtrise des armements", "contrôle des armements", "term", "strong"),
        ("es", "control de armamentos", "control de armas", "term", "strong"),
        ("de", "Großbritannien", "Vereinigtes Königreich", "organisation", None),
        ("ru", "Евросоюз", "Европейский союз", "organisation", None),
        # short forms and acronyms: one rendering
        ("en", "UN Security Council", "Security Council", "organisation", None),
        ("de", "Vereinte Nationen", "UN", "organisation", None),
        ("ru", "ООН", "Организация Объединенных Наций", "organisation", None),
        # weak: case, accents or punctuation only; two acronyms; a name outside the glossary
        ("de", "NATO", "Nato", "organisation", "weak"),
        ("fr", "États-Unis", "Etats-Unis", "organisation", "weak"),
        ("de", "UN", "UNO", "organisation", "weak"),
        ("ru", "Лондондерри", "Лондонберри", None, "weak"),
        ("en", "Kowalczyk", "Kowalczik", None, "weak"),
        # two names that only look alike: no evidence
        ("en", "Austria", "Australia", None, None),
        ("es", "Yuan", "Yunnan", None, None),
    ],
)
def test_two_spellings_read_as(lang: str, a: str, b: str, entry_type: str | None, strength: str | None) -> None:
    assert _strength(a, b, lang, entry_type) == strength
    assert _strength(b, a, lang, entry_type) == strength


def test_thousands_of_names_in_one_version_are_read_in_linear_time(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each new spelling is compared with a bounded number of known ones (hostile input): 4,000
    names of one first two letters cost at most `_BUCKET` comparisons each, not 4,000."""
    from langcheck.rules import consistency

    compared = []
    real = consistency.same_name
    monkeypatch.setattr(consistency, "same_name", lambda a, b: compared.append(1) or real(a, b))
    words = [f"Kor{chr(97 + i % 26)}{chr(97 + i // 26 % 26)}{chr(97 + i // 676 % 26)}ski" for i in range(4000)]
    paragraphs = tuple(Paragraph(index=i, text=w, line=i + 1) for i, w in enumerate(words))
    facts = {("en", i): (Fact("name", f"proper:{w.lower()}", w, 0, len(w)),) for i, w in enumerate(words)}
    release = Release("x", {"en": Document(lang="en", path="en.txt", paragraphs=paragraphs)})
    findings = list(inconsistent_rendering.check(RuleContext(release=release, groups=(), facts=facts)))
    assert all(f.rule == "LC404" and f.severity.value == "info" for f in findings)
    assert 0 < len(compared) <= consistency._BUCKET * len(words)


def _read_use_by_use(ctx: RuleContext, lang: str) -> dict[str, list[tuple[str, list[int]]]]:
    """`_Version.read` the long way: every use looked up among its identity's renderings."""
    from langcheck.rules import consistency

    identities: dict[str, list] = {}
    names = consistency._Names()
    read: dict[tuple[str, str, str], tuple[str | None, str]] = {}
    for paragraph in ctx.release.documents[lang].paragraphs:
        for fact in ctx.facts.get((lang, paragraph.index), ()):
            seen = (fact.kind, fact.key, fact.surface)
            if seen not in read:
                read[seen] = consistency._identity(fact, lang, {}, names)
            identity, text = read[seen]
            if identity is None:
                continue
            renderings = identities.setdefault(identity, [])
            same = next((r for r in renderings if r[0] == text or consistency._inflected(r[0], text, lang)), None)
            if same is None:
                if len(renderings) >= consistency._RENDERINGS:
                    continue
                same = (text, [])
                renderings.append(same)
            same[1].append(paragraph.index)
    return {k: v for k, v in identities.items() if len(v) >= 2}


@pytest.mark.parametrize(
    ("lang", "spellings"),
    [
        # a spelling, another one, an inflected form of the first, then both again
        ("de", ["Kowalczyk", "Kowalczik", "Kowalczyks", "Kowalczyk", "Kowalczik", "Merz"]),
        ("en", ["Kowalczyk", "Kowalczik", "Kowalczyk", "Kowalczik", "Kowalczyk", "Harris"]),
        ("es", ["Kowalczyk", "Kowalczik", "Kowalczyk", "Harris", "Kowalczik", "Kowalczyk"]),
        ("fr", ["Kowalczik", "Kowalczyk", "Kowalczik", "Kowalczyk", "Dupont", "Kowalczik"]),
        ("ru", ["Ковальчик", "Ковальчику", "Ковальчек", "Ковальчика", "Ковальчек", "Ковальчик"]),
        # more spellings of one name than a version is read for: the ones past the limit stay out
        ("en", [f"Kowalczy{c}" for c in "abcdefghijk"] + ["Kowalczya", "Kowalczyk"]),
    ],
)
def test_each_use_joins_the_rendering_it_joins_when_read_use_by_use(lang: str, spellings: list[str]) -> None:
    # One spelling is looked up once per version (its rendering is kept): it must land where
    # looking up every use among the renderings known by then puts it.
    from langcheck.rules.consistency import _Version

    paragraphs = tuple(Paragraph(index=i, text=f"{w} sagte.", line=i + 1) for i, w in enumerate(spellings))
    facts = {(lang, i): (Fact("name", f"proper:{w.lower()}", w, 0, len(w)),) for i, w in enumerate(spellings)}
    release = Release("x", {lang: Document(lang=lang, path=f"{lang}.txt", paragraphs=paragraphs)})
    ctx = RuleContext(release=release, groups=(), facts=facts)
    version = _Version.read(ctx, lang, {})
    got = {k: [(r.text, [u.paragraph for u in r.uses]) for r in v] for k, v in version.identities.items()}
    assert got == _read_use_by_use(ctx, lang)
    assert got  # each case spells one name at least two ways
