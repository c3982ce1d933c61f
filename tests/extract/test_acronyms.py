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
    # A name that spells out another organisation names both (the inner one spans its words).
    ("en", "the UN Security Council", ["org:unsc", "org:un"]),
    ("ru", "реформу Совета Безопасности ООН", ["org:unsc", "org:un"]),
    ("de", "vor der UN-Generalversammlung", ["org:unga", "org:un"]),
    ("es", "ante la Asamblea General de la ONU", ["org:unga", "org:un"]),
    ("fr", "devant l'Assemblée générale de l'ONU", ["org:unga", "org:un"]),
    ("en", "the Security Council met", ["org:unsc"]),
    ("es", "las acciones de EE.UU. y de EEUU", ["org:usa", "org:usa"]),
    ("en", "the actions of the US", ["org:usa"]),
    ("en", "let us go", []),
    # Dotted and spaced abbreviations are read without their dots.
    ("en", "the U.S. and the U.N. agreed", ["org:usa", "org:un"]),
    ("es", "los EE. UU. y la ONU", ["org:usa", "org:un"]),
    ("fr", "les É.-U. et l'UE", ["org:usa", "org:eu"]),
    ("ru", "С.Ш.А. и ООН", ["org:usa", "org:un"]),
    ("de", "die U.S.A. und die UNO", ["org:usa", "org:un"]),
    ("en", "an F.B.I. inquiry", ["org:fbi"]),
    ("en", "the N.R.C.C. said", ["acr:NRCC"]),
    ("ru", "по данным Ф.Б.Р.", ["org:fbi"]),
    # Look-alikes: EU is not É.-U., initials before a name are no acronym, nor is "Plan B. A".
    ("fr", "l'UE et les É.-U.", ["org:eu", "org:usa"]),
    ("en", "author J. R. Smith said", []),
    ("de", "Autor J. R. Schmidt sagte", []),
    ("en", "Plan B. A new idea", []),
    # Localised forms and adjectives of a country written as an acronym elsewhere.
    ("de", "US-Präsident und US-Senat", ["org:usa", "org:usa"]),
    ("fr", "le président américain", ["org:usa"]),
    ("es", "el presidente estadounidense", ["org:usa"]),
    ("ru", "американские санкции", ["org:usa"]),
    ("en", "American sanctions", ["org:usa"]),
    ("de", "amerikanische Sanktionen", ["org:usa"]),
    ("ru", "из Северной Кореи в КНДР", ["org:dprk", "org:dprk"]),
    ("fr", "la Corée du Nord", ["org:dprk"]),
    ("en", "the UK and Britain", ["org:uk", "org:uk"]),
    ("es", "el Reino Unido", ["org:uk"]),
    # Agencies across scripts.
    ("en", "the FBI and the CIA", ["org:fbi", "org:cia"]),
    ("ru", "ФБР и ЦРУ", ["org:fbi", "org:cia"]),
    ("de", "eine FBI-Untersuchung", ["org:fbi"]),
    ("en", "the IMF and the World Bank", ["org:imf", "org:world-bank"]),
    ("de", "der IWF und die Weltbank", ["org:imf", "org:world-bank"]),
    ("es", "el FMI y el Banco Mundial", ["org:imf", "org:world-bank"]),
    ("fr", "le FMI et la Banque mondiale", ["org:imf", "org:world-bank"]),
    ("ru", "МВФ и Всемирный банк", ["org:imf", "org:world-bank"]),
    ("ru", "Всемирной организацией здравоохранения (ВОЗ)", ["org:who", "org:who"]),
    # Currencies, Roman numerals, headings, shouting, IT: not organisations.
    ("de", "16,2 Milliarden US-Dollar", []),
    ("ru", "35 млн долларов США", []),
    ("es", "35 millones de dólares EE.UU.", []),
    ("en", "the World Health Organization (WHO)", ["org:who", "org:who"]),
    ("en", "the Eastern Fisheries Board (EFB)", ["acr:EFB"]),
    ("fr", "la Commission des pêches de l'Est (CPE)", ["acr:CPE"]),
    ("en", "World War II and the XXI century", []),
    ("fr", "au XXIe siècle, Louis XIV", []),
    ("en", "PRESS RELEASE ON THE VISIT OF THE MINISTER", []),
    ("en", 'The crowd chanted "THANK YOU FOR STANDING UP" at the NRA rally', ["acr:NRA"]),
    ("ru", "Толпа кричала «СПАСИБО ЗА ВСЁ ЭТО» на митинге НКО", ["acr:НКО"]),
    ("de", "Sie riefen „DANKE FÜR ALLES HEUTE“ vor der BVG-Zentrale", ["acr:BVG"]),
    ("es", "gritaban «GRACIAS POR TODO AMIGOS» ante la sede del PSOE", ["acr:PSOE"]),
    ("de", "die ÖVP und die ÖBB", ["acr:ÖVP", "acr:ÖBB"]),
    ("fr", "À PARIS, une ÉTAPE", []),
    ("en", "IT security", ["acr:IT"]),
    ("en", "the title of MWPs and NGOs", ["acr:MWP", "acr:NGO"]),
    ("fr", "sur la banderole, « MERCI D'AVOIR TENU TÊTE À LA FOULE », signée par le groupe TPUSA", ["acr:TPUSA"]),
    ("de", "Vertreter von NATO, OSZE, ASEM und EU nahmen an dem Treffen teil", ["org:nato", "org:osce", "acr:ASEM", "org:eu"]),
    ("es", "la OTAN y el FBI", ["org:nato", "org:fbi"]),
    ("it", "la sicurezza IT", ["acr:IT"]),
]


@pytest.mark.parametrize(("lang", "text", "expected"), [pytest.param(*c, id=f"{c[0]}-{c[1][:30]}") for c in CASES])
def test_acronyms(lang: str, text: str, expected: list[str], glossary) -> None:
    facts = [f for f in extract_facts(text, lang, glossary) if f.kind == "acronym"]
    assert [f.key for f in facts] == expected
    for fact in facts:
        assert text[fact.start : fact.end] == fact.surface
