"""LC201: numbers that differ between language versions."""

from __future__ import annotations

import dataclasses
import re
from decimal import Decimal, InvalidOperation
from typing import Iterable, Sequence

from langcheck.extract import patterns
from langcheck.extract.dates import date_parts
from langcheck.extract.number_words import names_small_number
from langcheck.extract.numbers import number_endpoints, number_value
from langcheck.extract.numerals import precision
from langcheck.extract.quantities import (
    convert_key,
    in_fahrenheit_band,
    mentions_dimension,
    parse_quantity_key,
    quantities_agree,
    quantity_dimension,
    quantity_plain_value,
    quantity_ratio,
)
from langcheck.model import Fact, Finding, Group, Severity
from langcheck.rules.base import Rule, RuleContext, rule
from langcheck.rules.fact_compare import (
    Cluster,
    Discrepancy,
    FactPolicy,
    compare_group,
    discrepancy_finding,
    shown_lang,
)

# Integers up to this are often written as words ("three", "drei", "трёх"), which we do not read.
SMALL_INTEGER = 10
# A value stands in for another (`de says A where en says B`) only within this factor: a wrong
# figure is off by a digit or a scale, while `200 miles` and `15 cm` are unrelated statements.
PAIRING_RATIO = 5.0
# Scale figures (`2.8 billion`) agree within the rounding of the shorter mantissa (`2,75 Mrd.`).
ROUNDED_SCALE = Decimal(10) ** 6
_PREFIXED = ("qty", "time", "score", "decade", "century")
# A hedged figure (`about 1.6 km`, `environ 1,5 km`) close to the other is an approximation:
# reported at info only. APPROXIMATE is the largest relative difference that counts as close.
APPROXIMATE = 0.1
_HEDGE = patterns.compile(
    r"(?:about|around|approximately|nearly|almost|roughly|some|circa|ca\.|etwa|rund|ungefähr|fast|knapp|annähernd|"
    r"environ|près\s+de|presque|quelque|autour\s+de|unos|unas|casi|alrededor\s+de|cerca\s+de|aproximadamente|"
    r"около|примерно|почти|порядка|приблизительно)\W{1,3}(?:\w+\W{1,3})?$",
    re.IGNORECASE,
)


@rule("LC201", "number-mismatch", "number", Severity.ERROR)
def number_mismatch(self: Rule, ctx: RuleContext) -> Iterable[Finding]:
    """A number or quantity differs between versions, or one version leaves it out.

    **What it does.** Reads every number by value in each language's own writing (`1,200` =
    `1.200` = `1 200`; `16.2 billion` = `16,2 млрд` = `16.200 millones`; `35 percent` = `35 %`;
    `14th` = `14-й` = `14.` = `14e`; ranges `2020-2021`) and compares the values of aligned
    paragraphs across all versions. The value most versions give is expected (with `--source`,
    the source's value; where all the others agree against the source, the source is reported:
    `check the source`); a version giving another value gets an error naming both. A version
    leaving a figure out gets an error when every other version, three or more, states it, and
    a warning when fewer do, when the figure is a year mentioned alone (translators drop a year
    the context makes clear), a time or a score (often recast in words), or a restatement in
    brackets after another figure (`$200 billion (£150 billion)`: a version may give one). Two writings with the same digits and different values are shown with
    their values: `de says 1,200 (= 1.2) where en, es, fr, ru say 1,200 / 1.200 / 1 200 (= 1200)`.

    Quantities keep their unit and are compared by dimension, so a translator's conversion is
    not a finding (`85 mph` = `137 km/h`, `200 miles` = `320 km`, `80 degrees` = `27 °C`,
    `6-foot-6` = `1,98 m`): the exact conversion must lie within the rounding of the converted
    figure, plus 2.5 % for rounded factors. Times of day (`5.30pm` = `17:30` = `17 h 30`), scores
    (`10-6` = `10:6`), decades (`1980s` = `años 80` = `80-х годов`), centuries (`19th century` =
    `siglo XIX`) and compact money (`£11million`, `$5bn`) are read the same way. Scale figures agree
    within the rounding of the shorter one (`2.8 billion` = `2,75 Milliarden`).

    **Why it matters.** A wrong figure in one language (millions for billions, a swapped digit) is
    the most damaging translation error and the hardest to see by eye. A wrong unit conversion is
    one no other tool checks.

    **Example.** `de says 16,2 Millionen where en, es, fr, ru say 16.2 billion`;
    `de says 320 km where en says 100 miles (= 161 km)`.

    **Limits.** Numbers written as words are read from 11 up (`elf`, `forty-eight`, `сорока
    восьми`) and before a scale word (`dos millones`), so small integers (up to 10) and whole
    hours are never reported as missing. A figure within 10 % of the expected one, where either
    side is hedged (`about`, `rund`, `unos`, `environ`, `около`), is reported at info only. Ordinal and cardinal
    forms of a value count as the same value (`75th anniversary` = `75-летие` = `75 aniversario`).
    A year mentioned alone is a number; a year that is part of a date is checked by LC202 instead.
    Values of unrelated kinds never pair (a time with a count, miles with kilograms, a figure with
    one more than five times larger), so such a change shows as an omission warning. A temperature
    in bare `degrees` may be read as Fahrenheit or Celsius, as a reading or a difference.
    """
    findings: list[Finding] = []
    for group in ctx.groups:
        for d in [*compare_group(ctx, group, NUMBER_POLICY), *_small_number_swaps(ctx, group)]:
            if d.found is None and not d.weak and _restated(ctx, d):
                d = d._replace(weak=True)
            finding = discrepancy_finding(self, ctx, group, d, meaning=_meaning)
            findings.append(_approximation_as_info(ctx, d, _with_conversion(ctx, d, finding)))
    return findings


# --- numbers ------------------------------------------------------------------------------------

def _meaning(fact: Fact) -> tuple[str, str]:
    """The figure's value in plain digits (`1200`, `1.2`, a range `2020-2021`) and the digits its
    writing shows, trailing zeros dropped (`1,200` and `1.2` both show `12`): equal digits with
    different values are what a reader cannot tell apart without the value. A figure with a scale
    word (`16,2 Millionen`: more digits in the value than written) says its size in words, so it
    shows no digits to confuse."""
    value = quantity_plain_value(fact.key) or number_value(fact.key)
    for prefix in _PREFIXED:
        value = value.removeprefix(prefix + ":")
    written = "".join(ch for ch in fact.surface if ch.isdigit())
    whole = "".join(ch for ch in value.split("..")[0].split(".")[0] if ch.isdigit())
    if len(whole) > len(written):
        return value.replace("..", "-"), ""
    return value.replace("..", "-"), written.rstrip("0")


def _small_number_swaps(ctx: RuleContext, group: Group) -> list[Discrepancy]:
    """`en says 8 where de, es, fr, ru say 6`: small figures, which the main pass never calls missing.

    Reported only when the version writes another figure (under 100) in digits that no other
    version has, and does not write the expected one in words: then it is a changed digit, not
    a style.
    """
    out: list[Discrepancy] = []
    for d in compare_group(ctx, group, _SMALL_POLICY):
        if d.found is None or not d.trusted:
            continue
        expected = _small_value(d.expected.facts()[0].key)
        if expected is None:
            continue
        others = [f for lang in group.present() if lang != d.lang for f in ctx.group_facts(group, lang)]
        if any(f.kind == "number" and _number_same(f, d.found.fact) for f in others):
            continue
        if names_small_number(ctx.group_text(group, d.lang), d.lang, expected):
            continue
        out.append(d)
    return out


def _swappable(key: str) -> bool:
    """What may stand for a changed small figure: an integer (not a year), or a whole hour."""
    value = quantity_plain_value(key) or number_value(key)
    return _small_value(key) is not None or (value.isdigit() and not _is_year(value) and int(value) < 100)


def _small_value(key: str) -> int | None:
    """A figure often written in words: a small integer (`10 miles` too), or a whole hour."""
    value = quantity_plain_value(key) or number_value(key)
    if value.startswith("time:") and value.endswith(":00"):
        return int(value[5:7])
    return int(value) if value.isdigit() and int(value) <= SMALL_INTEGER else None


def _with_conversion(ctx: RuleContext, d: Discrepancy, finding: Finding) -> Finding:
    """A wrong conversion names the right one: `... where en says 100 miles (= 161 km)`."""
    if d.found is None or parse_quantity_key(d.found.fact.key) is None:
        return finding
    shown = d.expected.first(shown_lang(ctx, d.expected.holders, d.lang)).fact
    found_unit = d.found.fact.key.split(":")[2]
    if parse_quantity_key(shown.key) is None or shown.key.split(":")[2] == found_unit:
        return finding
    converted = convert_key(shown.key, found_unit)
    if converted is None:
        return finding
    return dataclasses.replace(finding, message=f"{finding.message} (= {converted})")


def _hedged(ctx: RuleContext, lang: str, paragraph: int, fact: Fact) -> bool:
    text = ctx.release.paragraph(lang, paragraph).text
    return bool(_HEDGE.search(text[max(0, fact.start - 30) : fact.start]))


def _approximation_as_info(ctx: RuleContext, d: Discrepancy, finding: Finding) -> Finding:
    """`about 1.6 km` against `environ 1,5 km`: close figures, one hedged, are not an error."""
    if d.found is None:
        return finding
    found = d.found.fact
    expected = [o for occs in d.expected.members.values() for o in occs]
    hedged = _hedged(ctx, d.lang, d.found.paragraph, found) or any(_hedged(ctx, o.lang, o.paragraph, o.fact) for o in expected)
    if not hedged:
        return finding
    for o in expected:
        ratio = quantity_ratio(found.key, o.fact.key)
        if ratio is None and _family(found.key) == _family(o.fact.key) == "plain":
            x, y = _magnitude(found.key), _magnitude(o.fact.key)
            ratio = x / y if x and y else None
        if ratio is not None and abs(ratio - 1) <= APPROXIMATE:
            return dataclasses.replace(finding, severity=Severity.INFO, message=f"{finding.message} (approximately)")
    return finding


def _family(key: str) -> str:
    head = key.split(":", 1)[0]
    return head if head in _PREFIXED else "plain"


def _plain_decimal(key: str) -> Decimal | None:
    value = number_value(key)
    if _family(key) != "plain" or ".." in value or value.endswith("%"):
        return None
    try:
        return Decimal(value)
    except InvalidOperation:
        return None


def _scale_rounding_agree(a: str, b: str) -> bool:
    x, y = _plain_decimal(a), _plain_decimal(b)
    if x is None or y is None or min(x, y) < ROUNDED_SCALE:
        return False
    coarse = max((x, y), key=lambda v: v.normalize().as_tuple().exponent)  # type: ignore[arg-type, return-value]
    return abs(x - y) <= precision(coarse)


def _number_same(a: Fact, b: Fact) -> bool:
    if number_value(a.key) == number_value(b.key):
        return True
    fa, fb = _family(a.key), _family(b.key)
    if fa == fb == "qty":
        return quantities_agree(a.key, b.key)
    if {fa, fb} == {"qty", "plain"}:
        # A version that does not name the unit (or names one we do not read) states the figure.
        qty, plain = (a, b) if fa == "qty" else (b, a)
        return quantity_plain_value(qty.key) == number_value(plain.key)
    return fa == fb == "plain" and _scale_rounding_agree(a.key, b.key)


def _is_year(value: str) -> bool:
    return value.isdigit() and 1900 <= int(value) <= 2100


def _number_present(cluster: Cluster, facts: Sequence[Fact], text: str, lang: str) -> bool:
    # One fact per key: a paragraph may repeat a value thousands of times.
    members = list({f.key: f for f in cluster.facts()}.values())
    if any(_small_value(f.key) is not None for f in members):
        return True
    numbers = list({f.key: f for f in facts if f.kind == "number"}.values())
    if any(_number_same(f, m) for f in numbers for m in members):
        return True
    dimension = next((d for d in map(quantity_dimension, (m.key for m in members)) if d), None)
    if dimension and not any(quantity_dimension(f.key) == dimension for f in numbers) and mentions_dimension(text, dimension):
        return True  # the quantity in words (`dos metros`, `двухметровый`), and no figure against it
    if dimension == "temperature":
        bands = [int(f.surface[:2]) for f in numbers if f.key.startswith("decade:") and re.fullmatch(r"\d0s", f.surface)]
        if any(in_fahrenheit_band(m.key, band) for m in members for band in bands):
            return True  # `widespread 80s` for `27 °C`
    have: set[str] = set()
    years: set[str] = set()
    for fact in numbers:
        plain = quantity_plain_value(fact.key) or fact.key
        if plain.startswith("decade:"):
            plain = plain[7:]  # `the 1950s` for `1950`: a looser statement, not a contradiction
        have.update(number_endpoints(plain))
        have.add(number_value(plain))
    for fact in facts:
        if fact.kind == "date":
            years.update(str(y) for y, _, _ in date_parts(fact.key) if y is not None)
    for member in members:
        value = quantity_plain_value(member.key) or number_value(member.key)
        if _family(member.key) in ("score", "time"):
            # `18 victorias y 7 derrotas` for `18-7`, `1 - Rangers 0` for `1-0`
            parts = re.findall(r"\d+", value)
            if all(p.lstrip("0") in have or (p.strip("0") == "" and "0" in have) for p in parts):
                return True
            continue
        if _family(member.key) not in ("plain", "qty"):
            continue
        if value in have or (_is_year(value) and value in years):
            return True
        ends = number_endpoints(value)
        if len(ends) > 1 and all(e in have or e in years for e in ends):
            return True
    return False


def _number_explains(fact: Fact, cluster: Cluster) -> bool:
    if _family(fact.key) != "plain":
        return False
    mine = set(number_endpoints(fact.key))
    return any(
        _family(f.key) == "plain" and len(number_endpoints(f.key)) > 1 and mine <= set(number_endpoints(f.key))
        for f in cluster.facts()
    )


def _magnitude(key: str) -> float | None:
    value = quantity_plain_value(key) or number_value(key)
    try:
        return abs(float(value.split("..")[0].rstrip("%")))
    except ValueError:
        return None


def _number_pairable(cluster: Cluster, fact: Fact) -> bool:
    other = cluster.facts()[0].key
    fo, ff = _family(other), _family(fact.key)
    if fo == ff == "qty":
        ratio = quantity_ratio(other, fact.key)
        return ratio is not None and 1 / PAIRING_RATIO <= ratio <= PAIRING_RATIO
    if other.endswith("%") != fact.key.endswith("%"):
        return False
    if {fo, ff} == {"qty", "plain"}:
        x, y = _magnitude(other), _magnitude(fact.key)
        return bool(x and y) and 1 / PAIRING_RATIO <= x / y <= PAIRING_RATIO  # type: ignore[operator]
    return fo == ff


def _number_affinity(cluster: Cluster, fact: Fact) -> int:
    other = cluster.facts()[0].key
    shape = lambda key: (_family(key), key.endswith("%"), ".." in key, _is_year(number_value(key)))  # noqa: E731
    return sum(x == y for x, y in zip(shape(other), shape(fact.key)))


def _present_unless_small(cluster: Cluster, facts: Sequence[Fact], text: str, lang: str) -> bool:
    """The presence test of the small-figure pass: only small plain figures can be missing."""
    if all(_small_value(f.key) is None for f in cluster.facts()):
        return True
    numbers = [f for f in facts if f.kind == "number"]
    return any(_number_same(f, m) for f in numbers for m in cluster.facts()[:1])


def _weak_omission(cluster: Cluster, facts: Sequence[Fact], text: str, lang: str) -> bool:
    """Figures whose absence is weak evidence: a year mentioned alone (`in 2021`: translators drop
    a year the context makes clear), a time or a score (`a one-nil win`, `in der 28. Minute` for
    `on 27:37`: recast in words, which are not read)."""
    families = {_family(f.key) for f in cluster.facts()}
    if families & {"time", "score"}:
        return True
    return all(_family(f.key) == "plain" and _is_year(number_value(f.key)) for f in cluster.facts())


_RESTATEMENT = patterns.compile(r"\d[^()]{0,40}\(\s*[^\w\s()]?\s*$")  # `$200 billion (£`


def _restated(ctx: RuleContext, d: Discrepancy) -> bool:
    """Whether the versions holding the value give it in brackets right after another figure, as
    a restatement (`$200 billion (£150 billion)`, `385 miles (620 km)`): a version may give one."""
    for occurrences in d.expected.members.values():
        o = occurrences[0]
        before = ctx.release.paragraph(o.lang, o.paragraph).text[max(0, o.fact.start - 42) : o.fact.start]
        if not _RESTATEMENT.search(before):
            return False
    return True


NUMBER_POLICY = FactPolicy(
    kind="number",
    same=_number_same,
    present_in=_number_present,
    explains=_number_explains,
    pairable=_number_pairable,
    affinity=_number_affinity,
    weak_omission=_weak_omission,
)
_SMALL_POLICY = dataclasses.replace(
    NUMBER_POLICY,
    present_in=_present_unless_small,
    pairable=lambda c, f: _swappable(f.key) and _number_pairable(c, f),
)
