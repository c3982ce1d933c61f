"""The organisation containment table (`terms._containment`), kept prepared between runs.

Which organisations a glossary organisation's names contain (`UN General Assembly`: the UN) is
found by stemming every organisation form of every language and looking up every run of their
words: about 10 ms of each process for the shipped glossary, paid by any release (the acronym
facts and rules ask for it on the first organisation named), even a re-check of one edited
paragraph in one language. With a prepared folder (the one the pipeline gives
`langcheck.extract.patterns`, the cache's `models/` folder; none with --no-cache) the table is
kept there as one small JSON file per glossary (`containment-<digest>.json`), which a later
process reads in well under a millisecond.

The key is what the table depends on: the organisation entries' fact keys and forms, in order
(their SHA-256 is also the file's name), and langcheck's code fingerprint
(`langcheck.result_cache.code_fingerprint`: this code, the stemmer's version, Python's). A copy
whose key differs, that does not decode, or whose content is not exactly a table of this
glossary's organisations (each key an organisation of the glossary, each value a list of other
organisations of it, no repeats) is recomputed and replaced, never used in part. JSON only (the
cache folder may come from someone else's run): like the result cache beside it, whoever can
write the folder can change which organisations count as parts of others, nothing more.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

from langcheck.extract import patterns
from langcheck.glossary import Glossary
from langcheck.prepared import read_keyed, write_keyed

__all__ = ["kept_containment"]

FORMAT = "langcheck-containment/1"  # bumped when the file's layout changes
_MAX_BYTES = 4 << 20  # the shipped glossary's copy is about 2 kB

Table = dict[str, frozenset[str]]


def kept_containment(glossary: Glossary, compute: Callable[[Glossary], Table]) -> Table:
    """`compute(glossary)`, from the prepared copy where a valid one is kept (see module); the
    table computed is kept for the next process. The dict's order is `compute`'s."""
    folder = patterns.prepared_dir()
    if folder is None:
        return compute(glossary)
    organisations = [e.key for e in glossary.of_type("organisation")]
    digest = _glossary_digest(glossary)
    path = folder / f"containment-{digest[:32]}.json"
    key = _key(digest)
    table = read_keyed(path, key, "table", lambda value: _decode(value, frozenset(organisations)),
                       what="containment table", max_bytes=_MAX_BYTES)
    if table is None:
        table = compute(glossary)
        write_keyed(path, key, "table", {child: sorted(parents) for child, parents in table.items()},
                    what="containment table")
    return table


def _glossary_digest(glossary: Glossary) -> str:
    """SHA-256 of the organisation entries as the table reads them: fact keys and forms, in order
    (their `repr`, tuples of strings: exact, and a tenth of what a first `json.dumps` costs)."""
    rows = repr(tuple((e.key, e.forms) for e in glossary.of_type("organisation")))
    return hashlib.sha256(rows.encode("utf-8", "surrogatepass")).hexdigest()


def _key(digest: str) -> list[str]:
    # Computed once per process (a check computes it anyway, for the result cache's key).
    from langcheck.result_cache import code_fingerprint

    return [FORMAT, digest, code_fingerprint()]


def _decode(value: Any, organisations: frozenset[str]) -> Table:
    """The table of its JSON form; ValueError (TypeError: not a mapping) unless it is exactly a
    table of `organisations`."""
    if not isinstance(value, dict):
        raise TypeError("not a table")
    table: Table = {}
    for child, parents in value.items():
        if child not in organisations or not isinstance(parents, list) or not parents:
            raise ValueError("not an organisation's parts")
        if not all(type(p) is str and p in organisations and p != child for p in parents):
            raise ValueError("a part that is not another organisation")
        if len(set(parents)) != len(parents):
            raise ValueError("a part named twice")
        table[child] = frozenset(parents)
    return table


