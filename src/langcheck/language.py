"""Language identification (py3langid, restricted to the configured languages).

It abstains (returns None) on short or ambiguous text: datelines, names and acronym lists
look alike in every language, and a wrong guess there would be a false alarm.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Sequence

MIN_LETTERS = 25
MIN_CONFIDENCE = 0.9
_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)


def identify_language(text: str, languages: Sequence[str]) -> str | None:
    """The language of `text` among `languages`, or None when unsure."""
    if len(_LETTER.findall(text)) < MIN_LETTERS:
        return None
    lang, confidence = _identifier(tuple(sorted(languages))).classify(text)
    return lang if confidence >= MIN_CONFIDENCE else None


@lru_cache(maxsize=4)
def _identifier(languages: tuple[str, ...]):
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    known = [lang for lang in languages if lang in identifier.nb_classes]
    identifier.set_languages(known or None)
    return identifier
