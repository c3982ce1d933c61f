"""Links and contact details of one paragraph: URLs, e-mail addresses, phone numbers, social
handles and hashtags, each with the key that is the same in every language version.

`find_links(text)` is language-neutral and pure; it returns `Fact`s of kind "link" whose `key`
starts with the link's type:

- `url:HOST/PATH?QUERY` - scheme, `www.`, a port of the scheme, the case of the host, a language
  code as the host's first label (`en.kremlin.ru`), language-code path segments (`/en/`,
  `/de-de/`, `/ru_RU/`), language query parameters (`?lang=de`, `hl=`, `locale=`), a trailing
  slash and trailing punctuation of the sentence are left out; percent-escapes and punycode
  host labels (`xn--p1ai` = `рф`) are decoded. A
  bare domain (`example.org/press`) counts when its top-level domain is a generic one or a
  country code (ISO 3166, from CLDR through Babel, read only when such a candidate is seen).
- `email:LOCAL@DOMAIN` - case-folded; addresses in Latin letters only.
- `phone:+E164` for a number written with its country code (`+7 (495) 244-16-06`), parsed with
  `phonenumbers`; `phone:DIGITS` for a national number, only where its shape says phone: area
  code in brackets, or three or more digit groups joined by hyphens, dots or slashes, seven
  digits or more, neither a date (`2020-11-26`, `26.11.2020`), a run of years (`2019/2020/2021`)
  nor a number with thousands separators (`1.200.000`).
- `handle:NAME` - `@mid_rf`, case-folded (the networks ignore case).
- `hashtag:TAG` - `#Belarus`, case-folded; a translated hashtag has another key.

A link inside a URL or an e-mail address is not read again (`@` of an e-mail is no handle, a
URL's `#fragment` no hashtag, its digits no phone number).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple
from urllib.parse import unquote

from langcheck.extract import patterns
from langcheck.extract.numbers import Spans
from langcheck.model import Fact

__all__ = ["find_links", "link_type", "phone_digits", "url_host", "url_key"]

# Sentence punctuation that follows a link without being part of it.
_TRAILING = ".,;:!?'\"’”»)]}…"
_URL = r"(?i)(?<![\w@/.-])(?:(?:https?|ftp)://|www\.)[^\s<>\"«»“”„‘’\[\]{}|\\^`]+"
_EMAIL = r"(?i)(?<![\w.%+-])[a-z0-9][a-z0-9._%+-]*@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,24}(?![\w-])"
# A bare domain: labels of letters, digits and hyphens, a top-level domain in lower case (checked
# against the known ones), an optional path. `U.S.`, `z.B.`, `St.Petersburg` never match.
_DOMAIN = (
    r"(?<![\w@./:-])((?:[^\W_](?:[\w-]{0,61}[^\W_])?\.)+)([a-z]{2,12}|рф)"
    r"(?![\w@-]|\.[A-Za-z0-9])(/[^\s<>\"«»“”„‘’\[\]{}|\\^`]*)?"
)
# What every candidate holds, searched first: a pattern that starts with a lookbehind is tried at
# every position of the text, one that starts with a literal or a class is scanned for in C.
_DOMAIN_HINT = r"\.(?:[a-z]{2}|рф)"
_PHONE_HINT = r"[.\-/(]\d\d"
_HANDLE = r"(?<![\w@.&/])@([A-Za-z0-9_](?:[A-Za-z0-9_.]{0,48}[A-Za-z0-9_])?)(?![\w@])"
_HASHTAG = r"(?<![\w&#/])#(\w{2,80})(?!\w)"
_INTERNATIONAL_PHONE = r"(?<![\w+])\+\d{1,3}(?:[ \u00a0\u202f.\-/]?\(?\d{1,5}\)?){2,8}(?![\w])"
_NATIONAL_PHONE = (
    r"(?<![\w+.,/-])(?:\(\d{2,6}\)[ \u00a0]?\d{2,5}(?:[ \u00a0.\-/]\d{2,5}){0,4}"
    r"|\d{1,6}(?:[.\-/]\d{2,5}){2,5})(?![\w/-]|[.,]\d)"
)
_LAST_GROUP = r"[ \u00a0\u202f.\-/(]+\(?\d+\)?$"
_ISO_DATE = r"\d{4}-\d{1,2}-\d{1,2}$"
_DAY_MONTH_YEAR = r"\d{1,2}[./-]\d{1,2}[./-](?:\d{2}|\d{4})$"
_YEARS = r"[12]\d{3}(?:[.\-/][12]\d{3})+$"  # `2019/2020/2021`
_THOUSANDS = r"\d{1,3}(?:\.\d{3})+$"

_LANGUAGE_SEGMENT = r"(?i)[a-z]{2}(?:[-_][a-z]{2,4})?$"
_LANGUAGE_PARAMETERS = frozenset({"lang", "language", "locale", "hl", "lng", "lc"})
_DEFAULT_PORTS = (":80", ":443")
_GENERIC_TLDS = frozenset({
    "com", "org", "net", "edu", "gov", "int", "mil", "info", "biz", "name", "pro", "aero", "coop",
    "museum", "mobi", "asia", "tel", "travel", "jobs", "app", "dev", "online", "site", "news",
    "media", "world", "global", "eco", "rus", "moscow", "berlin", "paris",
})
# Minimum digits of a national number: shorter digit groups are scores, ranges, references.
_PHONE_DIGITS = 7
_URL_SCHEME = r"(?i)^(?:https?|ftp)://"


class _Patterns(NamedTuple):
    """The compiled patterns (their texts are the module's `_URL`, `_EMAIL`, ...)."""

    url: re.Pattern[str]
    email: re.Pattern[str]
    domain: re.Pattern[str]
    domain_hint: re.Pattern[str]
    phone_hint: re.Pattern[str]
    handle: re.Pattern[str]
    hashtag: re.Pattern[str]
    international_phone: re.Pattern[str]
    national_phone: re.Pattern[str]
    last_group: re.Pattern[str]
    iso_date: re.Pattern[str]
    day_month_year: re.Pattern[str]
    years: re.Pattern[str]
    thousands: re.Pattern[str]
    language_segment: re.Pattern[str]
    url_scheme: re.Pattern[str]


@lru_cache(maxsize=1)
def _patterns() -> _Patterns:
    # Compiled on the first paragraph, not at import (~3 ms of a process that may read no link),
    # through `patterns.compile`: from the prepared copy where the pipeline keeps one.
    return patterns.compiled_table(
        _Patterns,
        url=_URL,
        email=_EMAIL,
        domain=_DOMAIN,
        domain_hint=_DOMAIN_HINT,
        phone_hint=_PHONE_HINT,
        handle=_HANDLE,
        hashtag=_HASHTAG,
        international_phone=_INTERNATIONAL_PHONE,
        national_phone=_NATIONAL_PHONE,
        last_group=_LAST_GROUP,
        iso_date=_ISO_DATE,
        day_month_year=_DAY_MONTH_YEAR,
        years=_YEARS,
        thousands=_THOUSANDS,
        language_segment=_LANGUAGE_SEGMENT,
        url_scheme=_URL_SCHEME,
    )


def find_links(text: str) -> tuple[Fact, ...]:
    """Every link and contact detail of `text` (see the module docstring), sorted by position."""
    if not text:
        return ()
    rx = _patterns()
    taken = Spans(())
    out: list[Fact] = []
    for m in rx.url.finditer(text) if "://" in text or "www." in text or "WWW." in text else ():
        surface = _trim(m.group())
        if "." not in surface.split("//", 1)[-1]:
            continue  # `http://` alone, `www.` alone
        _add(out, taken, "url", url_key(surface), surface, m.start())
    if "@" in text:
        for m in rx.email.finditer(text):
            if taken.free(m.start(), m.end()):
                _add(out, taken, "email", m.group().casefold(), m.group(), m.start())
    if rx.domain_hint.search(text):
        for m in rx.domain.finditer(text):
            if not taken.free(m.start(), m.end()) or not _known_tld(m.group(2)):
                continue
            surface = _trim(m.group())
            if len(m.group(1).split(".")[-2]) < 2:
                continue  # `a.de`: an initial, not a domain
            _add(out, taken, "url", url_key(surface), surface, m.start())
    if "@" in text:
        for m in rx.handle.finditer(text):
            if taken.free(m.start(), m.end()) and any(ch.isalpha() for ch in m.group(1)):
                _add(out, taken, "handle", m.group(1).casefold(), m.group(), m.start())
    if "#" in text:
        for m in rx.hashtag.finditer(text):
            tag = m.group(1)
            if taken.free(m.start(), m.end()) and any(ch.isalpha() for ch in tag) and "_" != tag[0]:
                _add(out, taken, "hashtag", tag.casefold(), m.group(), m.start())
    if "+" in text:
        for m in rx.international_phone.finditer(text):
            if not taken.free(m.start(), m.end()):
                continue
            found = _international(m.group())
            if found is not None:
                _add(out, taken, "phone", found[1], found[0], m.start())
    for m in rx.national_phone.finditer(text) if rx.phone_hint.search(text) else ():
        surface = m.group()
        if not taken.free(m.start(), m.end()) or not _national_shape(surface):
            continue
        _add(out, taken, "phone", "".join(ch for ch in surface if ch.isdigit()), surface, m.start())
    return tuple(sorted(out, key=lambda f: f.start))


def link_type(fact: Fact) -> str:
    """`url`, `email`, `phone`, `handle` or `hashtag`: the part of the key before the colon."""
    return fact.key.split(":", 1)[0]


def phone_digits(fact: Fact) -> str:
    """The digits of a phone number's key, country code included where it was written."""
    return fact.key.split(":", 1)[1].lstrip("+")


def url_key(url: str) -> str:
    """The comparable form of a URL (see the module docstring): `url:` is not included."""
    rx = _patterns()
    rest = rx.url_scheme.sub("", url)
    host, sep, tail = rest.partition("/")
    if not sep:
        host, q, query_only = host.partition("?")
        tail = f"?{query_only}" if q else ""
    host = host.lower().rstrip(".")
    for port in _DEFAULT_PORTS:
        host = host.removesuffix(port)
    host = host.removeprefix("www.")
    labels = [_unicode_label(label) for label in host.split(".")]
    host = ".".join(labels)
    if len(labels) >= 3 and rx.language_segment.match(labels[0]):
        host = ".".join(labels[1:])  # en.kremlin.ru, de-de.example.com
    path, _, fragment = tail.partition("#")
    path, _, query = path.partition("?")
    segments = [s for s in unquote(path).split("/") if s and not rx.language_segment.match(s)]
    params = [p for p in query.split("&") if p and p.split("=", 1)[0].lower() not in _LANGUAGE_PARAMETERS]
    key = host
    if segments:
        key += "/" + "/".join(segments)
    if params:
        key += "?" + "&".join(unquote(p) for p in params)
    if fragment:
        key += "#" + unquote(fragment)
    return key


def url_host(fact: Fact) -> str:
    """The host part of a URL fact's key (`mid.ru`), empty for other links."""
    if link_type(fact) != "url":
        return ""
    return fact.key[4:].split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]


# --- helpers ------------------------------------------------------------------------------------


def _add(out: list[Fact], taken: Spans, kind: str, key: str, surface: str, start: int) -> None:
    """Record a link whose span is free in `taken` (within a match that was), and take it."""
    end = start + len(surface)
    out.append(Fact(kind="link", key=f"{kind}:{key}", surface=surface, start=start, end=end))
    taken.add(start, end)


def _trim(surface: str) -> str:
    """The link without the sentence's punctuation after it; a closing bracket stays where the
    link opens one (`.../Moscow_(city)`)."""
    while surface and surface[-1] in _TRAILING:
        if surface[-1] == ")" and surface.count("(") >= surface.count(")"):
            break
        surface = surface[:-1]
    return surface


def _unicode_label(label: str) -> str:
    """A host label as people write it: punycode (`xn--p1ai`) decoded (`рф`), with Python's
    own IDNA codec; a label that does not decode is kept as written."""
    if not label.startswith("xn--"):
        return label
    try:
        return label.encode("ascii").decode("idna")
    except UnicodeError:
        return label


def _known_tld(tld: str) -> bool:
    return tld in _GENERIC_TLDS or tld in _country_tlds()


@lru_cache(maxsize=1)
def _country_tlds() -> frozenset[str]:
    """Country-code top-level domains: the two-letter territory codes of CLDR (plus `uk`, `eu`,
    `su`, which are domains but not ISO codes), read on the first bare-domain candidate only."""
    from babel import Locale

    codes = {code.lower() for code in Locale("en").territories if len(code) == 2 and code.isalpha()}
    return frozenset(codes | {"uk", "eu", "su", "рф"})


def _international(surface: str) -> tuple[str, str] | None:
    """The number written with its country code at the start of `surface` and its `+E164`, or
    None: the digit groups are cut from the end until they make a valid number (`+7 495
    244-16-06 2020` is the number and a year)."""
    import phonenumbers  # loaded on the first `+digits` only

    rx = _patterns()
    while True:
        try:
            number = phonenumbers.parse(surface, None)
        except phonenumbers.NumberParseException:
            number = None
        if number is not None and phonenumbers.is_valid_number(number):
            return surface, phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
        cut = rx.last_group.search(surface)
        if cut is None or cut.start() <= 2:
            return None
        surface = surface[: cut.start()]


def _national_shape(surface: str) -> bool:
    rx = _patterns()
    digits = sum(ch.isdigit() for ch in surface)
    if digits < _PHONE_DIGITS:
        return False
    if rx.iso_date.match(surface) or rx.day_month_year.match(surface) or rx.thousands.match(surface):
        return False
    return not rx.years.match(surface)
