"""Tests for claimledger.ingest.clean: chrome lines out, article lines kept, nothing else changed."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimledger.ingest.clean import clean_text, split_lines


def removed_texts(raw: str) -> list[str]:
    return [line.text for line in clean_text(raw)[1]]


def kept_lines(raw: str) -> list[str]:
    return [line.rstrip("\r\n") for line in split_lines(clean_text(raw)[0])]


def assert_cleaned(raw: str, chrome: list[str]) -> None:
    """Exactly the `chrome` lines are removed; every other line is kept as it was."""
    text, removed = clean_text(raw)
    assert sorted(line.text for line in removed) == sorted(chrome)
    expected = [line for line in split_lines(raw) if line.rstrip("\r\n") not in chrome]
    assert text == "".join(expected)


# --- the sample story (acceptance) -------------------------------------------


def test_clean_text_seeds_meet_gold_boilerplate(seeds_dir, seeds_gold):
    """All gold chrome lines removed, 100% of the other non-empty lines kept."""
    chrome_total = chrome_removed = body_total = body_kept = 0
    for article in seeds_gold["articles"]:
        raw = (seeds_dir / article["file"]).read_text(encoding="utf-8")
        gold = article["boilerplate"]
        text, removed = clean_text(raw)
        removed_set = {line.text for line in removed}
        kept = {line.rstrip("\r\n") for line in split_lines(text)}
        body = [line.rstrip("\r\n") for line in split_lines(raw) if line.strip() and line.rstrip("\r\n") not in gold]
        chrome_total += len(gold)
        chrome_removed += sum(line in removed_set for line in gold)
        body_total += len(body)
        body_kept += sum(line in kept for line in body)
        assert [line for line in gold if line not in removed_set] == [], article["file"]
        assert [line for line in body if line not in kept] == [], article["file"]
    assert (chrome_removed, body_kept) == (chrome_total, body_total)
    assert chrome_total == 13


def test_clean_text_seeds_change_nothing_but_whole_lines(seeds_dir):
    for path in sorted(seeds_dir.glob("*.txt")):
        raw = path.read_text(encoding="utf-8")
        text, removed = clean_text(raw)
        lines = split_lines(raw)
        gone = {line.line_no for line in removed}
        assert text == "".join(line for n, line in enumerate(lines) if n not in gone)
        assert all(lines[r.line_no].rstrip("\r\n") == r.text for r in removed)


# --- chrome in other languages (made up for these tests) ----------------------

GERMAN = """\
Scholz: Wir werden die Ukraine weiter unterstützen
Zum Inhalt springen
Scholz: Wir werden die Ukraine weiter unterstützen
Abonnieren
Bundeskanzler Olaf Scholz hat am Montag weitere Hilfen für die Ukraine angekündigt.
„Wir stehen an der Seite der Ukraine“, sagte Scholz in Berlin.
Lesen Sie auch: Habeck warnt vor Engpässen beim Gas
Die Opposition kritisierte die Ankündigung als unzureichend.
Kritik aus München.
Teilen
Ihre E-Mail-Adresse wird nicht veröffentlicht. Erforderliche Felder sind mit * markiert.
Anzeige
Nach oben
"""
GERMAN_CHROME = [
    "Zum Inhalt springen",
    "Abonnieren",
    "Lesen Sie auch: Habeck warnt vor Engpässen beim Gas",
    "Teilen",
    "Ihre E-Mail-Adresse wird nicht veröffentlicht. Erforderliche Felder sind mit * markiert.",
    "Anzeige",
    "Nach oben",
]

SPANISH = """\
El Gobierno niega haber vendido drones a Rusia

Suscríbete

El ministro de Exteriores negó el martes que su país haya vendido drones a Moscú.

"No hemos vendido armas para esta guerra", declaró en rueda de prensa.

Lee también: La UE amplía las sanciones contra Teherán

Portavoz: "Las acusaciones carecen de pruebas"

La oposición pidió explicaciones.

Compartir
Artículos relacionados
Por favor ingrese su comentario!
© 2023 Diario Ejemplo. Todos los derechos reservados.
"""
SPANISH_CHROME = [
    "Suscríbete",
    "Lee también: La UE amplía las sanciones contra Teherán",
    "Compartir",
    "Artículos relacionados",
    "Por favor ingrese su comentario!",
    "© 2023 Diario Ejemplo. Todos los derechos reservados.",
]

FRENCH = """\
Le ministre dément toute livraison de drones\r
Aller au contenu\r
Le ministre des Affaires étrangères a démenti samedi toute livraison de drones à la Russie.\r
« Nous n'avons vendu aucune arme », a-t-il déclaré.\r
Lire aussi : Les sanctions européennes s'étendent\r
Il a appelé à une réunion d'experts.\r
S’abonner\r
Votre adresse e-mail ne sera pas publiée. Les champs obligatoires sont indiqués avec *\r
Partager\r
Retour en haut"""
FRENCH_CHROME = [
    "Aller au contenu",
    "Lire aussi : Les sanctions européennes s'étendent",
    "S’abonner",
    "Votre adresse e-mail ne sera pas publiée. Les champs obligatoires sont indiqués avec *",
    "Partager",
    "Retour en haut",
]

TURKISH = """\
Dışişleri Bakanı: Rusya'ya İHA satmadık
Abone Ol
Dışişleri Bakanı Cumartesi günü yaptığı açıklamada Rusya'ya savaşta kullanılmak üzere İHA satılmadığını söyledi.
"Bu savaşta kullanılmak üzere silah satmadık ve satmayacağız" dedi.
Ayrıca okuyun: Kremlin'den İHA açıklaması
Bakan, kanıt sunulması çağrısında bulundu.
Paylaş
İlgili Haberler
E-posta adresiniz yayınlanmayacak. Gerekli alanlar * ile işaretlenmişlerdir
BAŞA DÖN
"""
TURKISH_CHROME = [
    "Abone Ol",
    "Ayrıca okuyun: Kremlin'den İHA açıklaması",
    "Paylaş",
    "İlgili Haberler",
    "E-posta adresiniz yayınlanmayacak. Gerekli alanlar * ile işaretlenmişlerdir",
    "BAŞA DÖN",
]


@pytest.mark.parametrize(
    ("raw", "chrome"),
    [(GERMAN, GERMAN_CHROME), (SPANISH, SPANISH_CHROME), (FRENCH, FRENCH_CHROME), (TURKISH, TURKISH_CHROME)],
    ids=["de", "es", "fr", "tr"],
)
def test_clean_text_removes_chrome_in_other_languages(raw, chrome):
    assert_cleaned(raw, chrome)


def test_clean_text_keeps_repeated_title_line():
    # A headline repeated under the title is article text, even word for word.
    assert kept_lines(GERMAN).count("Scholz: Wir werden die Ukraine weiter unterstützen") == 2


def test_clean_text_records_line_numbers_and_reasons():
    _, removed = clean_text(GERMAN)
    assert [(line.line_no, line.reason) for line in removed][:3] == [
        (1, "call-to-action"),
        (3, "call-to-action"),
        (6, "link-label"),
    ]
    assert {line.reason for line in removed} == {"call-to-action", "link-label", "site-notice"}


# --- precision: article lines that look a little like chrome -------------------

TRICKY = """\
Blinken: Iran-Russia military relations growing concern
US Special Envoy Robert Malley: 'Iran has military personnel in occupied Ukraine'
Blinken: Iran-Russia military relations growing concern
He denied it.
Share prices fell sharply on Monday.
'We use cookies to track everyone,' the chief executive admitted.
Subscribers complained about the outage.
More than 300 drones were delivered, the report said.
Home Secretary Suella Braverman said the plan would go ahead.
Advertisement revenue rose 5% in the quarter.
Top officials met in Doha
Read the full statement on the ministry's website.
Related talks are expected in Vienna next week.
The talks continue.
"""


def test_clean_text_keeps_article_lines_that_resemble_chrome():
    assert_cleaned(TRICKY, [])


def test_clean_text_removes_menu_labels_glued_together():
    raw = (
        "Ministry rejects drone claims\n"
        "StartseitePolitik Wirtschaft\n"
        "The ministry rejected the claims about drone deliveries on Tuesday.\n"
        "Officials said no evidence had been provided.\n"
    )
    assert_cleaned(raw, ["StartseitePolitik Wirtschaft"])
    assert clean_text(raw)[1][0].reason == "menu-glue"


def test_clean_text_keeps_glued_brand_names_the_article_is_about():
    raw = (
        "Sony raises prices\n"
        "Sony PlayStation Prices\n"
        "Sony raised PlayStation prices in Europe on Thursday.\n"
        "Retailers said demand was still strong.\n"
    )
    assert_cleaned(raw, [])


def test_clean_text_removes_repeated_labels_in_unknown_languages():
    raw = (
        "Minister denies sales\n"
        "Zobacz wideo\n"
        "The minister denied that any drones had been sold.\n"
        "Zobacz wideo\n"
        "He called the reports false.\n"
    )
    assert_cleaned(raw, ["Zobacz wideo", "Zobacz wideo"])


def test_clean_text_removes_isolated_labels_in_a_chrome_trailer():
    raw = (
        "Minister denies sales\n"
        "The minister denied that any drones had been sold.\n"
        "He called the reports false.\n"
        "Iran Russia drones\n"
        "Subscribe\n"
        "Udostępnij artykuł\n"
    )
    # The tag line shares words with the article and stays.
    assert_cleaned(raw, ["Subscribe", "Udostępnij artykuł"])
    assert [line.reason for line in clean_text(raw)[1]] == ["call-to-action", "trailer"]


def test_clean_text_removes_staff_bio_and_credits_at_the_end():
    raw = (
        "Envoy warns of complicity\n"
        "The ministry warned of complicity with Moscow.\n"
        "Reporting by Jane Roe; Editing by John Doe\n"
        "The Example Wire Staff is a team of journalists in Kyiv.\n"
    )
    assert_cleaned(raw, ["Reporting by Jane Roe; Editing by John Doe", "The Example Wire Staff is a team of journalists in Kyiv."])


def test_clean_text_keeps_staff_like_sentences_before_the_end():
    raw = (
        "Newsroom cuts\n"
        "The Example Wire Staff is a team of journalists in Kyiv.\n"
        "It lost a third of its reporters this year.\n"
        "The union said more cuts would follow.\n"
        "Managers declined to comment.\n"
    )
    assert_cleaned(raw, [])


def test_clean_text_keeps_blank_lines_and_terminators():
    raw = "Title\r\n\r\n\r\nBody sentence one.\r\nSubscribe\r\n\r\nBody sentence two."
    text, removed = clean_text(raw)
    assert text == "Title\r\n\r\n\r\nBody sentence one.\r\n\r\nBody sentence two."
    assert [(r.line_no, r.text) for r in removed] == [(4, "Subscribe")]


def test_clean_text_empty_and_chrome_only():
    assert clean_text("") == ("", [])
    text, removed = clean_text("Subscribe\nShare\n")
    assert text == ""
    assert len(removed) == 2


# --- properties ------------------------------------------------------------------

_POOL = [
    "Subscribe", "Abone Ol", "Read next: Something happened", "Please enter your comment!",
    "The minister said the talks would continue.", "Blinken: Iran-Russia relations", "",
    "Related Articles", "He denied it.", "Teilen", "Back to top button", "NewsÖne Çıkan",
]
_lines = st.lists(
    st.tuples(
        st.one_of(st.sampled_from(_POOL), st.text(st.characters(blacklist_characters="\r\n"), max_size=40)),
        st.sampled_from(["\n", "\r\n", "\r"]),
    ),
    max_size=25,
)


@given(_lines, st.booleans())
def test_clean_text_only_ever_removes_whole_lines(pairs, final_newline):
    if pairs and not final_newline:
        pairs[-1] = (pairs[-1][0], "")
    raw = "".join(text + end for text, end in pairs)
    text, removed = clean_text(raw)
    lines = split_lines(raw)
    gone = {r.line_no for r in removed}
    assert text == "".join(line for n, line in enumerate(lines) if n not in gone)
    assert all(lines[r.line_no].rstrip("\r\n") == r.text and r.text.strip() for r in removed)


@given(st.text(max_size=200))
def test_split_lines_round_trips(raw):
    assert "".join(split_lines(raw)) == raw
