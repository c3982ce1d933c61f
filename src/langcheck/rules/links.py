"""LC601: links and contact details that differ between language versions."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

from rapidfuzz import fuzz

from langcheck.extract import patterns
from langcheck.extract.links import find_links, link_type, phone_digits, url_host
from langcheck.model import Fact, Finding, Group, Severity
from langcheck.rules.base import Rule, RuleContext, rule
from langcheck.rules.fact_compare import (
    Cluster,
    Discrepancy,
    FactPolicy,
    compare_group,
    discrepancy_finding,
)

# Two handles this alike (rapidfuzz ratio of the case-folded names) are one account misspelt
# (`@mid_rf` / `@mid_fr`); less alike, a version names its own language's account (`@MFA_Russia`
# for `@MID_RF`), which is not a finding.
HANDLE_SIMILARITY = 75.0
# A national number and one written with its country code are the same number when the longer
# one ends with the shorter's digits, of at least this many (`8 (495) 244-16-06` = `+7 495 244-16-06`).
PHONE_SUFFIX_DIGITS = 7
_DIGIT = patterns.compile(r"\d+")
# Two URLs of one host whose paths are this alike (rapidfuzz ratio) are one address mistyped;
# less alike, the version links its own language's page.
PATH_SIMILARITY = 80.0
# Versions whose hyperlinks' targets are not read (only the link text is): a URL they lack may
# be in an `href` (`<a href="https://…">the website</a>`, `[the website](https://…)`).
_LINKED_FORMATS = frozenset({"html", "markdown", "docx", "xliff"})


@rule("LC601", "link-mismatch", "link", Severity.ERROR)
def link_mismatch(self: Rule, ctx: RuleContext) -> Iterable[Finding]:
    """A URL, e-mail address, phone number, social handle or hashtag differs between versions.

    **What it does.** Reads the links and contact details of every paragraph
    (`langcheck.extract.links`) and compares them across the versions of each aligned group,
    as the fact rules compare numbers: the value most versions write is expected (with
    `--source`, the source's). A link counts as the same in every version when only its
    localisation differs: scheme, `www.`, the case of the host, a language-code first label
    (`en.kremlin.ru`), language-code path segments (`/en/`, `/ru/`, `/de-de/`), a language query
    parameter (`?lang=de`), a trailing slash or the sentence's punctuation. E-mail addresses are
    case-folded; phone numbers are compared as E.164 (`+7 (495) 244-16-06` = `+74952441606`,
    parsed with `phonenumbers`), a national writing equal to the international one where the
    digits agree (`8 (495) 244-16-06`). A version is reported when it
    - writes another address, number or URL of the same kind where the others agree (error:
      `de says presse@example.org where en, es, fr, ru say press@example.org`); a URL on the
      same host with a path that reads alike (`/4512` for `/4521`) is a warning, one with a
      path that reads otherwise is info (a site gives a translated page its own address), and
      a domain of the same name (`example.ru` for `example.org`) a warning;
    - writes a handle spelled differently (`@mid_fr` for `@mid_rf`: error);
    - leaves out a link the majority write (warning).
    Where no value has a majority (two versions, or a tie without `--source`), an e-mail or
    phone number one side writes is a warning, a URL or handle info.

    **Why it matters.** A reader calls the number and writes to the address of the version in
    their language: a wrong digit or letter there sends them nowhere, and nobody proofreads an
    address.

    **Example.** `fr says +7 495 244-16-07 where de, en, es, ru say +7 495 244-16-06`.

    **Limits.** Not reported as left out:
    - a hashtag the version translates (`#Беларусь` for `#Belarus`: a hashtag is never called
      replaced) or writes without its sign (`MeToo`), or where it writes as many hashtags as
      the versions that have it;
    - a handle unlike the expected one (`@MFA_Russia` for `@MID_RF`: the account of the
      version's language), or where the version writes as many handles of its own;
    - a phone number whose digits the version writes in a shape not read as a phone (`8 495 244
      16 06`, spaces only): national numbers without a country code are read only with an area
      code in brackets or three or more groups joined by hyphens, dots or slashes;
    - a URL where the version names the site (`Example-Club` for `Example-Club.com`), and any URL
      in an HTML, Markdown, Word or XLIFF version, whose hyperlink targets are not read (only
      the link text is).
    A bare domain needs a known top-level domain (`example.org`, not `node.js`). Omissions are
    warnings: a translator may leave out a link the context makes redundant.
    """
    links = {
        (lang, paragraph.index): find_links(paragraph.text)
        for lang, doc in ctx.release.documents.items()
        for paragraph in doc.paragraphs
    }
    if not any(links.values()):
        return []
    linked = dataclasses.replace(ctx, facts=links)
    findings: list[Finding] = []
    for group in ctx.groups:
        if not any(links.get((lang, i)) for lang, idx in group.paragraphs.items() for i in idx):
            continue
        for d in compare_group(linked, group, _policy(linked, group)):
            finding = discrepancy_finding(self, linked, group, d)
            severity = _severity(d, finding.severity)
            if severity is not finding.severity:
                finding = dataclasses.replace(finding, severity=severity)
            findings.append(finding)
    return findings


def _severity(d: Discrepancy, severity: Severity) -> Severity:
    """How sure a replaced URL or handle is (see the docstring): another page of the same site
    is a warning when its path reads alike (`4512` for `4521`), info when it reads otherwise (a
    translated page's own address); another domain of the same name (`example.ru` for
    `example.org`) is a warning; a URL or handle without a majority behind either side is info."""
    if d.found is None:
        return severity
    kind = link_type(d.found.fact)
    if kind not in ("url", "handle"):
        return severity
    if not d.trusted:
        return Severity.INFO
    if kind == "handle":
        return severity
    site = _same_site(d.found.fact, d.expected)
    if site is not None:
        return Severity.WARNING if site >= PATH_SIMILARITY else Severity.INFO
    if _site_name(d.found.fact) and any(_site_name(f) == _site_name(d.found.fact) for f in d.expected.facts()):
        return Severity.WARNING
    return severity


def _policy(ctx: RuleContext, group: Group) -> FactPolicy:
    """The comparison of links in one group: `counts[lang][type]` is how many distinct handles and
    hashtags each version writes there (a translated hashtag or a localised account stands in
    for the one it lacks)."""
    counts: dict[str, dict[str, int]] = {}
    for lang in group.present():
        keys = {f.key for f in ctx.group_facts(group, lang)}
        counts[lang] = {kind: sum(k.startswith(kind + ":") for k in keys) for kind in ("handle", "hashtag")}

    def present_in(cluster: Cluster, facts: Sequence[Fact], text: str, lang: str) -> bool:
        fact = cluster.facts()[0]
        kind = link_type(fact)
        if kind == "phone":
            digits = _digits(text)
            return any(_national(f.key) in digits for f in cluster.facts())
        if kind == "url":
            return _names_the_site(fact, text)
        if kind not in ("handle", "hashtag"):
            return False
        if _written_bare(fact, text):
            return True  # `MeToo` for `#MeToo`
        if kind == "handle" and any(_similar_handles(f, cluster) for f in facts if link_type(f) == "handle"):
            return False  # a misspelt handle: paired with the expected one
        least = min(counts[h][kind] for h in cluster.holders if h in counts)
        return counts.get(lang, {}).get(kind, 0) >= least

    def report_omission(cluster: Cluster, lang: str, present: Sequence[str], text: str) -> bool:
        doc = ctx.release.documents.get(lang)
        return not (link_type(cluster.facts()[0]) == "url" and doc is not None and doc.format in _LINKED_FORMATS)

    def explains(fact: Fact, cluster: Cluster) -> bool:
        kind = link_type(fact)
        if kind != link_type(cluster.facts()[0]):
            return False
        return kind == "hashtag" or (kind == "handle" and not _similar_handles(fact, cluster))

    return FactPolicy(
        kind="link",
        same=_same,
        present_in=present_in,
        explains=explains,
        pairable=_pairable,
        report_omission=report_omission,
        weak_omission=lambda cluster, facts, text, lang: True,
    )


def _same(a: Fact, b: Fact) -> bool:
    """One value: equal keys, or two writings of one phone number (the same number without
    country code and trunk prefix, or one's digits ending the other's)."""
    if a.key == b.key:
        return True
    if link_type(a) != "phone" or link_type(b) != "phone":
        return False
    if _national(a.key) == _national(b.key):
        return True
    short, long = sorted((phone_digits(a), phone_digits(b)), key=len)
    return len(short) >= PHONE_SUFFIX_DIGITS and long.endswith(short)


def _pairable(cluster: Cluster, fact: Fact) -> bool:
    """Whether `fact` may stand where the cluster's value should be: a link of the same type, a
    handle only when spelled alike, a hashtag never (it may be translated)."""
    kind = link_type(fact)
    if kind != link_type(cluster.facts()[0]) or kind == "hashtag":
        return False
    return kind != "handle" or _similar_handles(fact, cluster)


def _similar_handles(fact: Fact, cluster: Cluster) -> bool:
    name = fact.key.split(":", 1)[1]
    return any(
        f.key != fact.key and fuzz.ratio(name, f.key.split(":", 1)[1]) >= HANDLE_SIMILARITY
        for f in cluster.facts()
    )


def _same_site(found: Fact, expected: Cluster) -> float | None:
    """For a URL on the host the expected URL is on: how alike the two paths read (rapidfuzz
    ratio, 0-100); None for another host or another kind of link."""
    host = url_host(found)
    if not host:
        return None
    scores = [fuzz.ratio(found.key, f.key) for f in expected.facts() if url_host(f) == host]
    return max(scores) if scores else None


def _digits(text: str) -> str:
    return "".join(_DIGIT.findall(text))


@lru_cache(maxsize=256)
def _national(key: str) -> str:
    """A phone key's number without country code or trunk prefix (`4952441606`), as any
    writing shows it."""
    if not key.startswith("phone:+"):
        return key[6:].lstrip("0")
    import phonenumbers

    try:
        return str(phonenumbers.parse(key[6:], None).national_number)
    except phonenumbers.NumberParseException:
        return key[7:]


def _site_name(fact: Fact) -> str:
    """The host's label before the top-level domain (`example` for `www.example.org`)."""
    labels = url_host(fact).split(".")
    return labels[-2] if len(labels) >= 2 else ""


def _names_the_site(fact: Fact, text: str) -> bool:
    """Whether the text names the URL's site by its name (`Amazon` for `Amazon.com`, `the
    LiverpoolFC website`): the host's label before the top-level domain, as a word."""
    name = _site_name(fact)
    return len(name) >= 3 and re.search(rf"(?<![\w.@/-]){re.escape(name)}(?![\w-]|\.\w)", text, re.IGNORECASE) is not None


def _written_bare(fact: Fact, text: str) -> bool:
    """A handle or hashtag written without its sign (`MeToo` for `#MeToo`)."""
    name = fact.key.split(":", 1)[1]
    return re.search(rf"(?<![\w@#]){re.escape(name)}(?!\w)", text, re.IGNORECASE) is not None
