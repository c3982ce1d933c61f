"""Word frequencies (Zipf scale) from wordfreq's bundled *small* word lists, without its import.

`import wordfreq` pulls in ftfy, langcodes and regex (0.1-0.3 s per process) for tokenising
arbitrary text; the name checks only look up single words. The lists are read straight from
wordfreq's package data (its documented cBpack format: a header, then one bucket of words per
centibel below 1), about 10 ms per language, once. If the data cannot be found, wordfreq's own
`zipf_frequency` is used.

Zipf: log10 of the frequency per billion words (3 = once per million words); words rarer
than the list's floor (zipf 3) read 0.
"""

from __future__ import annotations

import gzip
import importlib.util
import logging
import math
from functools import lru_cache
from pathlib import Path

import msgpack

__all__ = ["zipf"]

log = logging.getLogger(__name__)


def zipf(word: str, lang: str) -> float:
    """The Zipf frequency of one word in `lang` (0 when rarer than the list's floor or unknown)."""
    table = _table(lang)
    if table is None:
        from wordfreq import zipf_frequency

        return zipf_frequency(word, lang, wordlist="small")
    parts = [p for p in word.replace("’", "'").split("-") if p]
    if not parts:
        return 0.0
    # A hyphenated word is as rare as its rarest part (wordfreq combines them even lower).
    return min(table.get(p.casefold(), 0.0) for p in parts)


@lru_cache(maxsize=8)
def _table(lang: str) -> dict[str, float] | None:
    spec = importlib.util.find_spec("wordfreq")
    if spec is None or spec.origin is None:
        return None
    path = Path(spec.origin).parent / "data" / f"small_{lang}.msgpack.gz"
    try:
        with gzip.open(path, "rb") as f:
            pack = msgpack.load(f, raw=False)
    except (OSError, ValueError) as error:
        log.debug("wordfreq list %s unreadable (%s); using wordfreq itself", path, error)
        return None
    if not pack or pack[0].get("format") != "cB":
        return None
    table: dict[str, float] = {}
    for centibels, bucket in enumerate(pack[1:]):
        value = round(math.log10(10 ** (-centibels / 100)) + 9, 2)
        for w in bucket:
            table.setdefault(w, value)
    return table
