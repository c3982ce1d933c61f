"""Sentences inside a paragraph (sentencex), with repairs for press-release typography.

sentencex splits after every period followed by a space. In these texts that is wrong after
German ordinals ("Das 14. Treffen"), initials ("С.В. Лавров") and abbreviations followed by
lower case ("т.е. обсудили"); such pieces are joined back to their sentence.
"""

from __future__ import annotations

import re
from functools import lru_cache

_ORDINAL_END = re.compile(r"\b\d{1,3}\.\s*$")  # ordinals, not years: "im Jahr 2021."
_INITIAL_END = re.compile(r"(?:^|\s)(?:[A-ZА-ЯЁ]\.){1,3}\s*$")
# Both patterns end at the end of the text and match at most this many characters before its
# trailing white space (` A.B.C.`), so each is searched from there on: searched over the whole
# sentence, every position was tried (a third of loading a release). `^` still matches only at
# the real start (a search from `pos` does not take `pos` for it), so the answer is the same.
_END_REACH = 8


def split_sentences(text: str, lang: str) -> tuple[str, ...]:
    """Sentences of one paragraph, stripped, in order; joining them gives back the words."""
    pieces = [piece for piece in (raw.strip() for raw in _segment()(lang, text)) if piece]
    sentences: list[str] = []
    for piece in pieces:
        if sentences and _continues(sentences[-1], piece, lang):
            sentences[-1] = f"{sentences[-1]} {piece}"
        else:
            sentences.append(piece)
    return tuple(sentences)


# Imported on first use (a run that checks nothing never loads it), then kept: an import
# statement here would run for every paragraph.
@lru_cache(maxsize=1)
def _segment():  # -> sentencex.segment
    from sentencex import segment

    return segment


def _continues(previous: str, piece: str, lang: str) -> bool:
    first = piece[0]
    if first.islower() or first in ",;:)»”":
        return True
    tail = max(0, len(previous.rstrip()) - _END_REACH)  # str.isspace is what \s matches
    if _INITIAL_END.search(previous, tail):  # "С.В. Лавров", "A. Guterres"
        return True
    return lang == "de" and bool(_ORDINAL_END.search(previous, tail))
