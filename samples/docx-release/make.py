"""Build the Word sample releases: samples/docx-release/ and its defect variant.

    python samples/docx-release/make.py

Each version is a real .docx made with python-docx: a title, a heading, body paragraphs, a
table of two columns, a page break, a header and a footer (page chrome, which langcheck leaves
out), and Word's language tag on the document defaults. The French version carries a tracked
change (``septembre`` deleted, ``octobre`` inserted), which reads as accepted: ``octobre``, as
the other versions say. The defect variant (samples/defects/docx-number-es/) differs in one
table cell of the Spanish version. The zip entries get a fixed date, so a rebuild from the same
text gives the same bytes. The tests read the committed files and never run this script.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
from docx.oxml.ns import qn
from lxml import etree

HERE = Path(__file__).resolve().parent
DEFECT = HERE.parent / "defects" / "docx-number-es"

# Per version: Word's language tag, the header and footer (left out when read), the title, the
# first paragraph, the heading, the paragraph before the table, the table's rows, the paragraph
# with the consultations' month ("{month}" marks where the French tracked change goes), and the
# paragraph after the page break.
TEXT: dict[str, dict] = {
    "en": {
        "tag": "en-GB", "header": "Ministry of Foreign Affairs · Press Office", "footer": "Press release no. 112/2024",
        "title": "Foreign Minister meets UN High Commissioner for Refugees in Geneva",
        "lead": "Foreign Minister Jonas Berger met the UN High Commissioner for Refugees in Geneva on 14 March 2024. "
                "They discussed the situation of refugees in the Sahel region and the financing of UNHCR's "
                "emergency programmes.",
        "heading": "Humanitarian aid",
        "before_table": "The minister announced a further contribution of 25 million euros for 2024, "
                        "divided between two programmes:",
        "rows": [("Programme", "Contribution"), ("Emergency shelter", "15 million euros"),
                 ("Schooling for refugee children", "10 million euros")],
        "month": "The next round of consultations will take place in Berlin in {month} 2024.",
        "months": ("October", None),
        "after_break": "In 2023 the ministry supported 1,200 projects in 48 countries together with the OSCE "
                       "and the United Nations.",
    },
    "de": {
        "tag": "de-DE", "header": "Auswärtiges Ministerium · Pressestelle", "footer": "Pressemitteilung Nr. 112/2024",
        "title": "Außenminister trifft UN-Hochkommissar für Flüchtlinge in Genf",
        "lead": "Außenminister Jonas Berger ist am 14. März 2024 in Genf mit dem UN-Hochkommissar für Flüchtlinge "
                "zusammengetroffen. Sie erörterten die Lage der Flüchtlinge in der Sahelzone und die Finanzierung "
                "der Nothilfeprogramme des UNHCR.",
        "heading": "Humanitäre Hilfe",
        "before_table": "Der Minister kündigte für 2024 einen weiteren Beitrag von 25 Millionen Euro an, "
                        "der auf zwei Programme verteilt wird:",
        "rows": [("Programm", "Beitrag"), ("Notunterkünfte", "15 Millionen Euro"),
                 ("Schulbildung für Flüchtlingskinder", "10 Millionen Euro")],
        "month": "Die nächste Konsultationsrunde findet im {month} 2024 in Berlin statt.",
        "months": ("Oktober", None),
        "after_break": "Im Jahr 2023 unterstützte das Ministerium gemeinsam mit der OSZE und den Vereinten "
                       "Nationen 1.200 Projekte in 48 Ländern.",
    },
    "es": {
        "tag": "es-ES", "header": "Ministerio de Asuntos Exteriores · Oficina de Prensa",
        "footer": "Comunicado de prensa n.º 112/2024",
        "title": "El ministro de Asuntos Exteriores se reúne en Ginebra con el Alto Comisionado de la ONU "
                 "para los Refugiados",
        "lead": "El ministro de Asuntos Exteriores, Jonas Berger, se reunió el 14 de marzo de 2024 en Ginebra con "
                "el Alto Comisionado de las Naciones Unidas para los Refugiados. Abordaron la situación de los "
                "refugiados en la región del Sahel y la financiación de los programas de emergencia del ACNUR.",
        "heading": "Ayuda humanitaria",
        "before_table": "El ministro anunció una nueva contribución de 25 millones de euros para 2024, "
                        "repartida entre dos programas:",
        "rows": [("Programa", "Contribución"), ("Alojamiento de emergencia", "15 millones de euros"),
                 ("Escolarización de niños refugiados", "10 millones de euros")],
        "month": "La próxima ronda de consultas se celebrará en Berlín en {month} de 2024.",
        "months": ("octubre", None),
        "after_break": "En 2023 el ministerio apoyó 1.200 proyectos en 48 países junto con la OSCE "
                       "y las Naciones Unidas.",
    },
    "fr": {
        "tag": "fr-FR", "header": "Ministère des Affaires étrangères · Service de presse",
        "footer": "Communiqué de presse no 112/2024",
        "title": "Le ministre des Affaires étrangères rencontre le Haut-Commissaire des Nations unies pour "
                 "les réfugiés à Genève",
        "lead": "Le ministre des Affaires étrangères, Jonas Berger, a rencontré le 14 mars 2024 à Genève le "
                "Haut-Commissaire des Nations unies pour les réfugiés. Ils ont évoqué la situation des réfugiés "
                "dans la région du Sahel et le financement des programmes d’urgence du HCR.",
        "heading": "Aide humanitaire",
        "before_table": "Le ministre a annoncé une nouvelle contribution de 25 millions d’euros pour 2024, "
                        "répartie entre deux programmes\u00a0:",
        "rows": [("Programme", "Contribution"), ("Hébergement d’urgence", "15 millions d’euros"),
                 ("Scolarisation des enfants réfugiés", "10 millions d’euros")],
        "month": "Le prochain cycle de consultations aura lieu à Berlin en {month} 2024.",
        "months": ("octobre", "septembre"),  # inserted, deleted: a tracked change
        "after_break": "En 2023, le ministère a soutenu 1\u00a0200 projets dans 48 pays avec l’OSCE "
                       "et les Nations unies.",
    },
    "ru": {
        "tag": "ru-RU", "header": "Министерство иностранных дел · Пресс-служба", "footer": "Пресс-релиз № 112/2024",
        "title": "Министр иностранных дел встретился в Женеве с Верховным комиссаром ООН по делам беженцев",
        "lead": "14 марта 2024 года министр иностранных дел Йонас Бергер встретился в Женеве с Верховным "
                "комиссаром ООН по делам беженцев. Стороны обсудили положение беженцев в регионе Сахеля и "
                "финансирование чрезвычайных программ УВКБ ООН.",
        "heading": "Гуманитарная помощь",
        "before_table": "Министр объявил о новом взносе в размере 25 миллионов евро на 2024 год, "
                        "который будет распределён между двумя программами:",
        "rows": [("Программа", "Взнос"), ("Временное жильё", "15 миллионов евро"),
                 ("Обучение детей беженцев", "10 миллионов евро")],
        "month": "Следующий раунд консультаций состоится в Берлине в {month} 2024 года.",
        "months": ("октябре", None),
        "after_break": "В 2023 году министерство совместно с ОБСЕ и Организацией Объединённых Наций "
                       "поддержало 1200 проектов в 48 странах.",
    },
}
# The defect: Spanish says 18 million euros for emergency shelter where the others say 15.
DEFECT_CELL = ("es", "15 millones de euros", "18 millones de euros")


def build(lang: str, text: dict, cell_change: tuple[str, str] | None = None) -> bytes:
    """The .docx bytes of one version; `cell_change` (old, new) replaces a table cell's text."""
    document = docx.Document()
    _tag_language(document, text["tag"])
    section = document.sections[0]
    section.header.paragraphs[0].text = text["header"]
    section.footer.paragraphs[0].text = text["footer"]
    document.add_heading(text["title"], level=0)
    document.add_paragraph(text["lead"])
    document.add_heading(text["heading"], level=1)
    document.add_paragraph(text["before_table"])
    table = document.add_table(rows=len(text["rows"]), cols=2)
    for row, cells in zip(table.rows, text["rows"]):
        for cell, value in zip(row.cells, cells):
            if cell_change and value == cell_change[0]:
                value = cell_change[1]
            cell.text = value
    inserted, deleted = text["months"]
    before, after = text["month"].split("{month}")
    paragraph = document.add_paragraph(before)
    if deleted is None:
        paragraph.add_run(inserted)
    else:
        _tracked_replacement(paragraph, deleted, inserted)
    paragraph.add_run(after)
    document.add_page_break()
    document.add_paragraph(text["after_break"])
    buffer = io.BytesIO()
    document.save(buffer)
    return _fixed_dates(buffer.getvalue())


def _tag_language(document, tag: str) -> None:
    """Set Word's language tag of the document defaults (the template says en-US)."""
    defaults = document.styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
    lang = defaults.find(qn("w:lang"))
    if lang is None:
        lang = etree.SubElement(defaults, qn("w:lang"))
    lang.set(qn("w:val"), tag)


def _tracked_replacement(paragraph, deleted: str, inserted: str) -> None:
    """Append `deleted` as a tracked deletion and `inserted` as a tracked insertion, as Word
    writes them with Track Changes on (python-docx has no API for revisions)."""
    stamp = {qn("w:author"): "Reviewer", qn("w:date"): "2024-03-12T10:00:00Z"}
    removal = etree.SubElement(paragraph._p, qn("w:del"), {qn("w:id"): "1", **stamp})
    etree.SubElement(etree.SubElement(removal, qn("w:r")), qn("w:delText")).text = deleted
    insertion = etree.SubElement(paragraph._p, qn("w:ins"), {qn("w:id"): "2", **stamp})
    etree.SubElement(etree.SubElement(insertion, qn("w:r")), qn("w:t")).text = inserted


def _fixed_dates(data: bytes) -> bytes:
    """The same zip with every entry dated 1980-01-01, so rebuilding changes no byte."""
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(fixed, source.read(info))
    return buffer.getvalue()


def main() -> None:
    DEFECT.mkdir(parents=True, exist_ok=True)
    for lang, text in TEXT.items():
        (HERE / f"{lang}.docx").write_bytes(build(lang, text))
        change = DEFECT_CELL[1:] if lang == DEFECT_CELL[0] else None
        (DEFECT / f"{lang}.docx").write_bytes(build(lang, text, change))


if __name__ == "__main__":
    main()
