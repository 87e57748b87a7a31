"""The letters page's information-blocking report (issue 24, item 3; shared/legal-facts.md section 16), on the
built pages, in both languages: its sample section `info-blocking-letter` beside the OCR draft's, with the
English draft (and the Spanish copy on the Spanish page) saying "may be information blocking", never "is";
the two doors; and links to the report and to the two new reply situations in the page's list."""
from __future__ import annotations

import pytest

from .pages import built_path
from .test_statute_corrections import section_text

WORDS = {
    "en": {"door": "This is a different door from a complaint to the Office for Civil Rights",
           "both": "You may use both.", "neither": "Neither one gets your records for you (our reading)",
           "deadline": "We found no deadline for this report.", "oig": "OIG will not tell you what it did.",
           "identity": "The law protects information that could identify you."},
    "es": {"door": "Esta es una puerta distinta de una queja ante la Oficina de Derechos Civiles",
           "both": "Puede usar las dos.", "neither": "Ninguna de las dos le consigue su expediente (nuestra interpretación)",
           "deadline": "No encontramos un plazo para este reporte.", "oig": "La OIG no le dirá qué hizo.",
           "identity": "La ley protege la información que podría identificarlo."},
}


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_letters_page_has_the_report_sample_in_both_languages(built_site, lang):
    text = section_text(built_site, lang, "letters", "info-blocking-letter")
    for words in WORDS[lang].values():
        assert words in text, words
    # The English draft on both pages; the Spanish copy on the Spanish page.
    assert "I am reporting a practice that may be information blocking" in text
    assert "45 CFR part 171" in text and "(45 CFR 164.524)" in text
    if lang == "es":
        assert "Reporto una práctica que puede ser bloqueo de información" in text
        assert " es bloqueo de información" not in text.lower()
    assert "is information blocking" not in text.lower()


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_report_sits_beside_the_ocr_draft_and_the_list_links_to_it_and_to_the_new_replies(built_site, lang):
    html = built_path(built_site, lang, "letters").read_text(encoding="utf-8")
    ocr, report, doh = (html.index(f'id="{anchor}"') for anchor in
                        ("complaint-ocr-letter", "info-blocking-letter", "complaint-doh-letter"))
    assert ocr < report < doh
    for link in ("?letter=info-blocking#info-blocking-letter", "?letter=reply&amp;situation=summary-only#reply-letter",
                 "?letter=reply&amp;situation=some-dates#reply-letter"):
        assert link in html, link
    assert 'value="info-blocking"' in html and 'value="summary-only"' in html and 'value="some-dates"' in html
