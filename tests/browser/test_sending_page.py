"""Sending a letter from the letters page (issue 25), in Chromium and both languages: a typed signature,
"Write an email" with the provider's address and the encoded subject and body, the copy buttons, the
fax cover sheet above the letter, and a fax number refused at its field in the page's language; in
library mode the e-mail link stays and nothing opens by itself."""
from __future__ import annotations

from urllib.parse import quote, unquote

import pytest

from .test_letters_page import ANSWERS, LETTER_TIMEOUT_MS, letters_url, next_step

FAX = "(253) 555-0199"
WORDS = {
    "en": {"email": "Write an email", "risk": "not encrypted", "fax": "The fax cover sheet prints first.",
           "bad_fax": "“the provider's fax number” may hold only digits, spaces and these signs: ( ) - +",
           "subject_copied": "The subject is copied."},
    "es": {"email": "Escribir un correo electrónico", "risk": "no está cifrado", "fax": "La hoja de portada del fax se imprime primero.",
           "bad_fax": "“el número de fax del proveedor” solo puede tener números, espacios y estos signos: ( ) - +",
           "subject_copied": "El asunto está copiado."},
}
JS_SAFE = "!*'()"  # what encodeURIComponent leaves as it is, besides what quote() leaves
SUBJECT = "Request to see or get a copy of my health care records (patient: Ana López)"


@pytest.fixture(params=["en", "es"])
def lang(request):
    return request.param


@pytest.fixture
def phone(browser):
    """A fresh page at a phone's width (360 px) that may use the clipboard."""
    context = browser.new_context(viewport={"width": 360, "height": 780},
                                  permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page, errors
    context.close()


def write_letter(page, fax: str = FAX, email: str = "records@rainier.example"):
    """An access letter with a typed signature, the provider's e-mail address and fax number."""
    page.click("label[for=type-access]")
    next_step(page)
    for name in ("patient_name", "patient_birth_date", "patient_address"):
        page.fill(f"#{name}", ANSWERS[name])
    page.select_option("#signature", "typed")
    next_step(page)
    for name in ("provider_name", "provider_address"):
        page.fill(f"#{name}", ANSWERS[name])
    page.fill("#provider_email", email)
    page.fill("#provider_fax", fax)
    next_step(page)
    page.fill("#records", ANSWERS["records"])
    next_step(page)
    page.fill("#sent_date", "2026-06-12")
    next_step(page)
    page.click("#letter-form [data-action=make]")


def test_the_email_and_fax_choices_after_a_letter(phone, site_url, lang):
    page, errors = phone
    page.goto(letters_url(site_url, lang))
    write_letter(page)
    page.wait_for_selector("#letter-output:not([hidden])", timeout=LETTER_TIMEOUT_MS)
    assert "Signature: /s/ Ana López" in page.inner_text("#letter-english")
    if lang == "es":
        assert "Firma: /s/ Ana López" in page.inner_text("#letter-translation")
    link = page.locator("#letter-email-link")
    assert link.inner_text().strip() == WORDS[lang]["email"] and link.is_visible()
    href = link.get_attribute("href")
    assert href.startswith(f"mailto:records@rainier.example?subject={quote(SUBJECT, safe=JS_SAFE)}&body=")
    # textContent, the letter as copied: innerText adds a line where the kept-together ending starts (print CSS)
    assert unquote(href.split("&body=", 1)[1]) == page.text_content("#letter-english").rstrip("\n") + "\n"
    assert WORDS[lang]["risk"] in page.inner_text("#letter-send")
    assert page.is_hidden("#letter-email-long")
    cover = page.inner_text("#letter-fax-cover")
    assert cover.startswith("FAX COVER SHEET") and f"Fax number: {FAX}" in cover and "Please confirm receipt." in cover
    assert WORDS[lang]["fax"] in page.inner_text("#letter-send-fax")
    page.click("[data-action=copy-subject]")
    page.wait_for_function("() => document.getElementById('letter-send-status').textContent !== ''")
    assert page.inner_text("#letter-send-status").startswith(WORDS[lang]["subject_copied"])
    assert page.evaluate("navigator.clipboard.readText()") == SUBJECT
    page.click("[data-action=copy-body]")
    page.wait_for_function("() => !document.getElementById('letter-send-status').textContent.startsWith("
                           f"{WORDS[lang]['subject_copied'][:6]!r})")
    assert page.evaluate("navigator.clipboard.readText()").startswith("June 12, 2026")
    page.click("[data-action=clear]")
    assert page.get_attribute("#letter-email-link", "href") == "mailto:"  # the letter's words are gone
    assert errors == []


def test_a_fax_number_with_letters_is_refused_at_its_field(phone, site_url, lang):
    page, errors = phone
    page.goto(letters_url(site_url, lang))
    write_letter(page, fax="253-555-0199 ext 4")
    page.wait_for_selector("#provider_fax-error:not([hidden])", timeout=LETTER_TIMEOUT_MS)
    assert page.inner_text("#provider_fax-error") == WORDS[lang]["bad_fax"]
    assert page.evaluate("document.activeElement.id") == "provider_fax"
    assert page.is_hidden("#letter-output")
    assert errors == []


def test_in_library_mode_the_email_link_stays_and_opens_nothing_by_itself(browser, library_url):
    context = browser.new_context()
    page = context.new_page()
    opened = []
    context.on("page", lambda new: opened.append(new))
    page.goto(letters_url(library_url, "en"))
    write_letter(page, email="")
    page.wait_for_selector("#letter-output:not([hidden])", timeout=LETTER_TIMEOUT_MS)
    assert page.is_visible("#letter-email-link")
    assert page.get_attribute("#letter-email-link", "href").startswith(f"mailto:?subject={quote(SUBJECT, safe=JS_SAFE)}")
    # Kept as a short bounded wait: this checks that nothing happens (no window, no mail program opened
    # by the page itself), and nothing happening has no state to wait for. A slow machine can only make
    # it pass without having looked long enough, never fail when nothing opened.
    page.wait_for_timeout(500)
    assert opened == [] and page.url.startswith(library_url)
    context.close()
