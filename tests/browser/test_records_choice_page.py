"""Which records in the letter builder (issue 24, items 1 and 4), in Chromium at a phone's width, in both
languages: ticking records makes the typed box optional, check your answers lists the ticked choices in
the page's words, and the letter names them; after an authorization the builder offers the
psychotherapy-notes-only letter with the other answers kept, and that letter builds."""
from __future__ import annotations

import pytest

from calculator.questions import questions

from .test_letters_page import LETTER_TIMEOUT_MS, fill_you_and_provider, letters_url, next_step


@pytest.fixture(params=["en", "es"])
def builder(request, browser, site_url):
    context = browser.new_context(viewport={"width": 360, "height": 780})
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(letters_url(site_url, request.param))
    yield request.param, page, errors
    context.close()


def _label(question: str, value: str, lang: str) -> str:
    return next(choice.label[lang] for choice in questions().questions[question].choices if choice.value == value)


def _to_details(page, letter_type: str) -> None:
    page.click(f"label[for=type-{letter_type}]")
    next_step(page)
    fill_you_and_provider(page)


def _make(page) -> None:
    page.click("#letter-form [data-action=make]")
    page.wait_for_selector("#letter-output:not([hidden])", timeout=LETTER_TIMEOUT_MS)


def test_ticked_records_need_no_typed_words_and_are_listed_in_the_pages_words_and_the_letter(builder):
    lang, page, errors = builder
    _to_details(page, "access")
    assert page.get_attribute("#records", "aria-required") == "true"  # nothing ticked yet
    page.click("label[for=records_kinds-images]")
    page.click("label[for=records_kinds-ehi-export]")
    assert page.get_attribute("#records", "aria-required") is None
    next_step(page)  # no typed records: no error, on to the dates
    page.fill("#sent_date", "2026-06-12")
    next_step(page)
    check = page.inner_text("#letter-check")
    assert f'{_label("records_kinds", "images", lang)}; {_label("records_kinds", "ehi-export", lang)}' in check
    _make(page)
    english = page.inner_text("#letter-english")
    assert "- The images themselves, not only the report" in english
    assert "(for example an EHI export)" in english and "(45 CFR 164.524(c)(2)(ii))" in english
    if lang == "es":
        assert "- Las imágenes mismas, no solo el informe" in page.inner_text("#letter-translation")
    assert errors == []


def test_psychotherapy_notes_are_refused_beside_other_records_and_offered_as_a_second_letter(builder):
    lang, page, errors = builder
    _to_details(page, "send-copy")
    page.click("label[for=records_kinds-visit-notes]")
    page.click("label[for=special_records-psychotherapy-notes]")
    page.select_option("#copy_form", "paper")
    page.fill("#recipient_name", "Dr. Lee")
    page.fill("#recipient_affiliation", "Lee Clinic")
    page.fill("#recipient_address", "3 Oak St, Tacoma")
    page.select_option("#expiration_kind", "one-year")
    next_step(page)
    page.fill("#sent_date", "2026-06-12")
    next_step(page)
    page.click("#letter-form [data-action=make]")
    page.wait_for_selector("#special_records-error:not([hidden])", timeout=LETTER_TIMEOUT_MS)
    assert ("Haga dos cartas" if lang == "es" else "Make two letters") in page.inner_text("#special_records-error")
    # The first letter without psychotherapy notes, then the offered second one.
    page.click("label[for=special_records-psychotherapy-notes]")
    page.click("label[for=special_records-mental-health]")
    next_step(page)
    next_step(page)
    _make(page)
    assert "- Mental health records." in page.inner_text("#letter-english")
    offer = page.locator("[data-offer-for=send-copy]")
    assert offer.is_visible()
    offer.locator("button").click()
    assert page.is_visible("[data-step=check]")
    check = page.inner_text("#letter-check")
    assert _label("special_records", "psychotherapy-notes", lang) in check and "Dr. Lee" in check
    assert _label("special_records", "mental-health", lang) not in check
    _make(page)
    english = page.inner_text("#letter-english")
    assert "This authorization is only for psychotherapy notes." in english and "Visit notes" not in english
    if lang == "es":
        assert "Esta autorización es solo para notas de psicoterapia." in page.inner_text("#letter-translation")
    assert offer.is_hidden()  # this letter is the second one
    assert errors == []
