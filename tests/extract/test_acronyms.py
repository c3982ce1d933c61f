"""Organisations by acronym or full name, and unknown acronyms: (language, text, expected keys)."""

from __future__ import annotations

import pytest

from langcheck.extract import extract_facts

CASES = [
    ("en", "at the UN and the OSCE", ["org:un", "org:osce"]),
    ("ru", "в ООН и ОБСЕ", ["org:un", "org:osce"]),
    ("de", "in der UNO und der OSZE", ["org:un", "org:osce"]),
    ("de", "die VN und die Vereinten Nationen", ["org:un", "org:un"]),
    ("fr", "à l'ONU et à l'OSCE", ["org:un", "org:osce"]),
    ("es", "en la ONU y la OSCE", ["org:un", "org:osce"]),
    ("en", "within the EAEU and CSTO", ["org:eaeu", "org:csto"]),
    ("ru", "в рамках ЕАЭС и ОДКБ", ["org:eaeu", "org:csto"]),
    ("de", "im Rahmen der EAWU und der OVKS", ["org:eaeu", "org:csto"]),
    ("fr", "au sein de l'UEEA et de l'OTSC", ["org:eaeu", "org:csto"]),
    ("es", "en el marco de la UEEA y la OTSC", ["org:eaeu", "org:csto"]),
    ("en", "relations with the European Union", ["org:eu"]),
    ("ru", "отношения с Европейским союзом", ["org:eu"]),
    ("en", "the UN Security Council", ["org:unsc"]),
    ("ru", "реформу Совета Безопасности ООН", ["org:unsc"]),
    ("es", "las acciones de EE.UU. y de EEUU", ["org:usa", "org:usa"]),
    ("en", "the actions of the US", ["org:usa"]),
    ("en", "let us go", []),
    ("ru", "Всемирной организацией здравоохранения (ВОЗ)", ["org:who", "org:who"]),
    ("de", "16,2 Milliarden US-Dollar", []),
    ("ru", "35 млн долларов США", []),
    ("en", "the World Food Programme (WFP)", ["acr:WFP"]),
    ("fr", "le Programme alimentaire mondial (PAM)", ["acr:PAM"]),
    ("en", "World War II and the XXI century", []),
    ("en", "PRESS RELEASE ON THE VISIT OF THE MINISTER", []),
]


@pytest.mark.parametrize(("lang", "text", "expected"), [pytest.param(*c, id=f"{c[0]}-{c[1][:30]}") for c in CASES])
def test_acronyms(lang: str, text: str, expected: list[str], glossary) -> None:
    facts = [f for f in extract_facts(text, lang, glossary) if f.kind == "acronym"]
    assert [f.key for f in facts] == expected
    for fact in facts:
        assert text[fact.start : fact.end] == fact.surface
