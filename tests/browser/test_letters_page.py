"""The letters page in Chromium, in both languages: the builder one step at a time, check your answers,
the letter (English, plus a Spanish copy on the Spanish page), errors by the field in the page's
language, downloads and the calendar, print, privacy, keyboard, axe."""
from __future__ import annotations

from datetime import date
from pathlib import Path
from urllib.parse import urlparse

import icalendar
import pytest

from ..axe import axe_violations
from ..waits import settled
from tests.site.pages import language_folder

ANSWERS = {"patient_name": "Ana López", "patient_birth_date": "1980-03-04",
           "patient_address": "12 Pine St\nTacoma, WA 98402", "provider_name": "Rainier Clinic",
           "provider_address": "400 Main St\nTacoma, WA 98402",
           "records": "All visit notes and lab results since January 2024."}
WORDS = {
    "en": {"required": "Please fill in “Your full name”.", "due": "Thursday, July 9, 2026",
           "birth_after": "The date of birth must be before the date of the letter.",
           "too_early": "The provider still has time: it must answer by July 9, 2026. Send a follow-up letter after that date."},
    "es": {"required": "Por favor, complete “Su nombre completo”.", "due": "jueves 9 de julio de 2026",
           "birth_after": "La fecha de nacimiento debe ser antes de la fecha de la carta.",
           "too_early": "El proveedor todavía tiene tiempo: debe responder a más tardar el 9 de julio de 2026. Envíe una carta de seguimiento después de esa fecha."},
}
LETTER_TIMEOUT_MS = 60000


def letters_url(base: str, lang: str) -> str:
    return base + language_folder(lang) + "letters.html"


@pytest.fixture(params=["en", "es"])
def letters(request, browser, site_url):
    """A fresh letters page over http in one language, with every request it makes recorded."""
    context = browser.new_context()
    page = context.new_page()
    requested, errors = [], []
    page.on("request", lambda req: requested.append(req.url))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(letters_url(site_url, request.param))
    yield request.param, page, requested, errors
    context.close()


def next_step(page):
    page.click("#letter-form [data-action=next]")


def fill_you_and_provider(page):
    for field in ("patient_name", "patient_birth_date", "patient_address"):
        page.fill(f"#{field}", ANSWERS[field])
    next_step(page)
    for field in ("provider_name", "provider_address"):
        page.fill(f"#{field}", ANSWERS[field])
    next_step(page)


def write_access_letter(page, received="2026-06-16", purpose="own-copy"):
    page.click("label[for=type-access]")
    next_step(page)
    fill_you_and_provider(page)
    page.fill("#records", ANSWERS["records"])
    page.select_option("#purpose", purpose)
    next_step(page)
    page.fill("#sent_date", "2026-06-12")
    page.fill("#received_date", received)
    next_step(page)
    page.click("#letter-form [data-action=make]")
    page.wait_for_selector("#letter-output:not([hidden])", timeout=LETTER_TIMEOUT_MS)


def test_the_builder_shows_and_python_waits_for_the_first_answer(letters):
    _, page, requested, errors = letters
    page.wait_for_selector("#letter-app:not([hidden])")
    page.wait_for_load_state("networkidle")  # everything the page fetches by itself has been asked for
    assert not any("pyodide" in url for url in requested), "Pyodide must not load for every visitor"
    page.click("label[for=type-access]")
    page.wait_for_function("document.getElementById('letter-app').dataset.state", timeout=5000)
    assert errors == []


def test_a_full_access_letter_with_its_dates_in_the_pages_language(letters):
    lang, page, requested, errors = letters
    write_access_letter(page, purpose="ssa-appeal")
    english = page.inner_text("#letter-english")
    assert english.startswith("June 12, 2026") and "Dear Medical Records Office:" in english
    assert "Under RCW 70.02.030(2)(b), please give me this copy free of charge." in english
    assert "due by Thursday, July 9, 2026" in english
    assert WORDS[lang]["due"] in page.inner_text("#letter-dates")
    if lang == "es":
        copy = page.inner_text("#letter-translation")
        assert copy.startswith("COPIA EN ESPAÑOL") and "Estimada oficina de expedientes médicos:" in copy
        assert "All visit notes and lab results since January 2024." in copy  # typed text as typed
    else:
        assert page.locator("#letter-translation").count() == 0
    assert page.evaluate("document.activeElement.id") == "letter-output-heading"
    origin = "{0.scheme}://{0.netloc}/".format(urlparse(page.url))
    assert [url for url in requested if not url.startswith((origin, "blob:", "data:"))] == []
    assert errors == []


def test_check_your_answers_lists_each_answer_with_a_change_button(letters):
    lang, page, _, _ = letters
    page.click("label[for=type-access]")
    next_step(page)
    fill_you_and_provider(page)
    page.fill("#records", ANSWERS["records"])
    next_step(page)
    page.fill("#sent_date", "2026-06-12")
    next_step(page)
    check = page.inner_text("#letter-check")
    assert "Ana López" in check and "Rainier Clinic" in check and ("June 12, 2026" in check or "12 de junio de 2026" in check)
    change = page.locator(".letter-check__change", has_text=page.inner_text("label[for=patient_name]"))
    change.first.click()
    assert page.evaluate("document.activeElement.id") == "patient_name"
    assert page.is_visible("#patient_name")


def test_a_missing_answer_is_named_next_to_its_field_in_the_pages_language(letters):
    lang, page, _, _ = letters
    page.click("label[for=type-correction]")
    next_step(page)
    next_step(page)  # nothing filled in
    assert page.inner_text("#patient_name-error") == WORDS[lang]["required"]
    assert page.is_visible("#letter-error-summary")  # three missing: a list at the top too
    assert page.get_attribute("#patient_name", "aria-invalid") == "true"


def test_an_answer_python_refuses_is_shown_at_its_field_on_its_step(letters):
    lang, page, _, _ = letters
    page.click("label[for=type-access]")
    next_step(page)
    fill_you_and_provider(page)
    page.fill("#records", "x")
    next_step(page)
    page.fill("#sent_date", "1975-01-01")  # before the date of birth
    next_step(page)
    page.click("#letter-form [data-action=make]")
    page.wait_for_selector("#patient_birth_date-error:not([hidden])", timeout=LETTER_TIMEOUT_MS)
    assert page.inner_text("#patient_birth_date-error") == WORDS[lang]["birth_after"]
    assert page.evaluate("document.activeElement.id") == "patient_birth_date"


def test_a_follow_up_before_the_deadline_is_refused_with_the_due_date(letters):
    lang, page, _, _ = letters
    page.click("label[for=type-follow-up]")
    next_step(page)
    fill_you_and_provider(page)
    next_step(page)  # the request type has a default
    page.fill("#sent_date", "2026-07-01")
    page.fill("#received_date", "2026-06-16")
    next_step(page)
    page.click("#letter-form [data-action=make]")
    page.wait_for_selector("#sent_date-error:not([hidden])", timeout=LETTER_TIMEOUT_MS)
    assert page.inner_text("#sent_date-error") == WORDS[lang]["too_early"]


def test_downloads_text_html_and_a_calendar_a_standard_parser_reads(letters):
    lang, page, _, _ = letters
    write_access_letter(page)
    with page.expect_download() as text_download:
        page.click("[data-action=download-text]")
    text = Path(text_download.value.path()).read_text(encoding="utf-8")
    assert text.startswith("June 12, 2026") and text_download.value.suggested_filename == "letter-access.txt"
    with page.expect_download() as ics_download:
        page.click("[data-action=download-ics]")
    calendar = icalendar.Calendar.from_ical(Path(ics_download.value.path()).read_bytes())
    starts = sorted(event.decoded("DTSTART") for event in calendar.walk("VEVENT"))
    assert starts == [date(2026, 7, 9), date(2026, 7, 10), date(2026, 7, 17)]
    with page.expect_download() as html_download:
        page.click("[data-action=download-html]")
    assert "<!DOCTYPE html>" in Path(html_download.value.path()).read_text(encoding="utf-8")


def test_nothing_typed_reaches_the_address_or_storage_and_clear_empties_the_form(letters):
    _, page, _, _ = letters
    write_access_letter(page)
    assert "L%C3%B3pez" not in page.url and "Rainier" not in page.url and "?" not in page.url
    stored = page.evaluate("""() => [localStorage, sessionStorage]
        .flatMap(store => Object.keys(store).map(key => key + '=' + store.getItem(key))).join(' ') + document.cookie""")
    assert "López" not in stored and "Rainier" not in stored and "Pine" not in stored
    page.click("[data-action=clear]")
    assert page.is_hidden("#letter-output") and page.input_value("#patient_name") == ""
    assert page.inner_text("#letter-english") == ""


def test_print_shows_only_the_letter(letters):
    lang, page, _, _ = letters
    write_access_letter(page)
    page.emulate_media(media="print")  # the browser's own Print, or the button: the same
    hidden = page.evaluate("""() => ['.md-header', '.md-sidebar--primary', '.md-footer', '#letter-form',
        '#letter-dates', '.letter-actions', 'h1', '#access-letter']
        .map(selector => [selector, getComputedStyle(document.querySelector(selector)).display])""")
    assert all(display == "none" for _, display in hidden), hidden
    assert page.is_visible("#letter-english")
    assert page.is_visible("#letter-translation") == (lang == "es")
    page.emulate_media(media="screen")
    page.click("[data-action=clear]")  # no letter on show: the page prints as a handout, builder left out
    page.emulate_media(media="print")
    assert page.evaluate("getComputedStyle(document.getElementById('letter-app')).display") == "none"
    assert page.is_visible("#access-letter")


def tab_to_button(page, action: str) -> None:
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.dataset.action") == action:
            return
    raise AssertionError(f"Tab never reached the {action} button")


def test_the_keyboard_alone_writes_a_letter(letters):
    lang, page, _, _ = letters
    page.focus("#type-access")
    page.keyboard.press("Space")
    page.keyboard.press("Enter")  # Next
    for field in ("patient_name", "patient_address"):
        page.focus(f"#{field}")
        page.keyboard.type(ANSWERS[field].replace("\n", " "))
    page.focus("#patient_birth_date")
    page.fill("#patient_birth_date", ANSWERS["patient_birth_date"])  # the date box's own keys differ by locale
    page.focus("#patient_name")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "provider_name"
    page.keyboard.type("Rainier Clinic")
    page.keyboard.press("Tab")
    page.keyboard.type("400 Main St")
    page.focus("#provider_name")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "records_dates"  # the step's first question
    for _ in range(12):  # past the dates and the records' check boxes to the typed box, by Tab alone
        if page.evaluate("document.activeElement.id") == "records":
            break
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "records"
    page.keyboard.type("Lab results")
    tab_to_button(page, "next")  # the last field here is a list: Enter would open it, not go on
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "sent_date"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "letter-check-heading"
    tab_to_button(page, "make")
    page.keyboard.press("Enter")
    page.wait_for_selector("#letter-output:not([hidden])", timeout=LETTER_TIMEOUT_MS)
    assert "Lab results" in page.inner_text("#letter-english")


def focused(page, selector: str) -> bool:
    return page.evaluate("selector => document.activeElement.matches(selector)", selector)


def assert_shown_on_focus(page):
    """The focused skip link can be seen: a real box, inside the window."""
    box = page.evaluate("""() => { const r = document.activeElement.getBoundingClientRect();
        return [r.left, r.top, r.width, r.height, innerWidth, innerHeight]; }""")
    left, top, width, height, window_width, window_height = box
    assert width > 40 and height >= 24 and 0 <= left and left + width <= window_width and 0 <= top < window_height, box


def test_a_keyboard_reaches_the_letter_writer_in_five_tabs(letters):
    """From load, Tab to "Skip to the letter writer" (right after the site's own skip link), Enter, Tab:
    the first choice of the builder. The case bar and the "What happened?" list each have a skip link too."""
    lang, page, _, _ = letters
    page.wait_for_selector("#letter-app:not([hidden])")
    tabs = 0
    while not focused(page, "#type-access") and tabs < 5:
        page.keyboard.press("Tab")
        tabs += 1
        if focused(page, "a.letters-skip[href='#builder']"):
            assert tabs == 2, "the letters page's skip link comes right after the site's own"
            assert_shown_on_focus(page)
            page.keyboard.press("Enter")
            assert focused(page, "#builder")
    assert focused(page, "#type-access"), f"not at the builder's first choice after {tabs} Tabs"
    page.focus("#case-app a.letters-skip")
    assert_shown_on_focus(page)
    page.keyboard.press("Enter")
    assert focused(page, "#which-letter")
    page.keyboard.press("Tab")  # the list's own skip link, before its sixteen links
    assert focused(page, "a.letters-skip[href='#builder']")
    assert_shown_on_focus(page)
    page.keyboard.press("Enter")
    assert focused(page, "#builder")


def test_axe_finds_no_violation_with_a_letter_shown(letters):
    _, page, _, _ = letters
    write_access_letter(page)
    # The pointer off the buttons: measure what a reader sees. Motion is off (tests/conftest.py), so the
    # colours are final once the next frame is drawn: no fade to wait out.
    page.mouse.move(0, 0)
    settled(page)
    assert axe_violations(page) == []


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_letter_from_the_offline_copy_on_file_urls(browser, site_file_url, lang):
    context = browser.new_context()
    page = context.new_page()
    page.goto(letters_url(site_file_url, lang))
    write_access_letter(page)
    assert "due by Thursday, July 9, 2026" in page.inner_text("#letter-english")
    context.close()
