"""Links and contact details read from one paragraph, in all five languages, and look-alikes."""

from __future__ import annotations

import pytest

from langcheck.extract.links import find_links, url_key

FOUND = [
    # (text, [(key, surface)])
    ("en", "Accreditation requests go to press@example.org by Friday.",
     [("email:press@example.org", "press@example.org")]),
    ("de", "Anfragen bitte an Presse@Example.ORG richten.",
     [("email:presse@example.org", "Presse@Example.ORG")]),
    ("es", "Más información en https://www.example.org/es/prensa/comunicados/?lang=es.",
     [("url:example.org/prensa/comunicados", "https://www.example.org/es/prensa/comunicados/?lang=es")]),
    ("fr", "Le texte intégral est publié sur le site du ministère (www.example.gouv.fr/fr-fr/actualites).",
     [("url:example.gouv.fr/actualites", "www.example.gouv.fr/fr-fr/actualites")]),
    ("ru", "Полный текст опубликован на сайте мид.рф/новости и на en.example.ru/press/123/.",
     [("url:мид.рф/новости", "мид.рф/новости"), ("url:example.ru/press/123", "en.example.ru/press/123/")]),
    ("en", "Call the press office on +7 (495) 244-16-06 or +7 495 244 16 06.",
     [("phone:+74952441606", "+7 (495) 244-16-06"), ("phone:+74952441606", "+7 495 244 16 06")]),
    ("de", "Telefon: +49 30 1817-0 (Zentrale), Fax: +49 30 1817-3402.",
     [("phone:+493018170", "+49 30 1817-0"), ("phone:+493018173402", "+49 30 1817-3402")]),
    ("fr", "Le standard répond au 01.43.17.53.53 du lundi au vendredi.",
     [("phone:0143175353", "01.43.17.53.53")]),
    ("ru", "Справки по телефону 8 (495) 244-16-06 в 2020 году.",
     [("phone:4952441606", "(495) 244-16-06")]),
    ("es", "Teléfono de contacto: +34 913 79 97 00 a partir de 2021.",
     [("phone:+34913799700", "+34 913 79 97 00")]),
    ("en", "Follow @mid_rf and #Belarus for updates.",
     [("handle:mid_rf", "@mid_rf"), ("hashtag:belarus", "#Belarus")]),
    ("ru", "Подписывайтесь на @MID_RF, хештег #Беларусь.",
     [("handle:mid_rf", "@MID_RF"), ("hashtag:беларусь", "#Беларусь")]),
    ("en", "In an interview with Example-FC.com the striker said.",
     [("url:example-fc.com", "Example-FC.com")]),
    ("de", "Siehe https://de.example.org/wiki/Moskau_(Stadt).",
     [("url:example.org/wiki/Moskau_(Stadt)", "https://de.example.org/wiki/Moskau_(Stadt)")]),
]

NOT_LINKS = [
    ("en", "The U.S. and the U.K. agreed, i.e. both sides, at 10:30 a.m. on 2020-11-26."),
    ("de", "Das sind z.B. 1.200.000 Euro, am 26.11.2020, Artikel 5-3-1, Nr. 12/2020."),
    ("es", "Creció un +5% en 2019-2020, con +1 000 000 usuarios y 1.200.000 euros."),
    ("fr", "Le score était de 3-1 ; C# et #1 sont cités, ainsi que &#171; et St.Petersburg."),
    ("ru", "Т.е. в г.Москва 26.11.2020 было 1 200 000 человек, матч 2:1, счёт 116 123."),
    ("en", "Seasons 2019/2020/2021 and 1941-1945-1950 were long."),
    ("en", "They use node.js and write to someone @ home; the email@ sign alone."),
]


@pytest.mark.parametrize(("lang", "text", "wanted"), FOUND, ids=[f"{c[0]}-{i}" for i, c in enumerate(FOUND)])
def test_links_found(lang: str, text: str, wanted: list[tuple[str, str]]) -> None:
    got = find_links(text)
    assert [(f.key, f.surface) for f in got] == wanted
    for f in got:
        assert text[f.start : f.end] == f.surface and f.kind == "link"


@pytest.mark.parametrize(("lang", "text"), NOT_LINKS, ids=[f"{c[0]}-{i}" for i, c in enumerate(NOT_LINKS)])
def test_look_alikes_are_not_links(lang: str, text: str) -> None:
    assert [(f.key, f.surface) for f in find_links(text)] == []


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("https://www.example.org/en/news/", "http://example.org/ru/news"),
        ("example.org/news?lang=de&id=5", "www.EXAMPLE.org/news?id=5&hl=fr"),
        ("https://en.example.org/news", "https://example.org/de-DE/news"),
        ("https://example.org:443/news", "example.org/news/"),
        ("http://xn--d1abbgf6aiiy.xn--p1ai/news", "президент.рф/news"),
    ],
)
def test_localised_urls_share_a_key(a: str, b: str) -> None:
    assert url_key(a) == url_key(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("example.org/news/123", "example.org/news/124"),
        ("example.org/press", "example.com/press"),
        ("example.org/News", "example.org/news"),  # paths are case-sensitive
    ],
)
def test_other_urls_differ(a: str, b: str) -> None:
    assert url_key(a) != url_key(b)
