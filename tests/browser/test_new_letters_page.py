"""The new letters in Chromium, in both languages: each line of "What happened?" leads to its letter (with
the situation chosen), every letter can be written from its required answers alone, axe finds nothing
with each new letter shown, one is written with the keyboard alone, one from the offline copy, and
nothing typed leaves the page."""
from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

import pytest

from calculator.questions import questions

from ..axe import axe_violations
from .test_letters_page import LETTER_TIMEOUT_MS, letters_url, next_step

NEW_LETTERS = ["send-copy", "reply", "complaint-ocr", "complaint-doh", "fee-dispute"]
DATES = {"patient_birth_date": "1980-03-04", "sent_date": "2026-11-02", "received_date": "2026-10-01",
         "refusal_date": "2026-10-20"}
NUMBERS = {"bill_pages": "60", "bill_total": "125"}


@pytest.fixture(params=["en", "es"])
def lang(request):
    return request.param


@pytest.fixture
def letters(browser, site_url, lang):
    context = browser.new_context(viewport={"width": 360, "height": 780})
    page = context.new_page()
    requested, errors = [], []
    page.on("request", lambda req: requested.append(req.url))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(letters_url(site_url, lang))
    yield page, requested, errors
    context.close()


def fill_required_and_make(page, typed: str = "Typed words") -> None:
    """Answer only what each step requires, step by step, then make the letter."""
    while page.is_hidden("[data-step=check]"):
        step = page.locator(".letter-step:not([hidden])")
        for field in step.locator("[aria-required=true]").all():
            if not field.is_visible() or field.input_value():
                continue
            name = field.get_attribute("data-field")
            if field.evaluate("element => element.tagName") == "SELECT":
                field.select_option(index=1)  # a list that opens on a prompt: the first real choice
            else:
                field.fill(DATES.get(name) or NUMBERS.get(name) or typed)
        next_step(page)
    page.click("#letter-form [data-action=make]")
    page.wait_for_selector("#letter-output:not([hidden])", timeout=LETTER_TIMEOUT_MS)


def choices_listed(page) -> list[tuple[str, dict]]:
    links = page.eval_on_selector_all("#which-letter ~ ul a[href^='?letter=']", "links => links.map(l => l.getAttribute('href'))")
    return [(href, {key: values[0] for key, values in parse_qs(urlparse(href).query).items()}) for href in links]


def test_each_line_of_what_happened_leads_to_its_letter(letters):
    page, _, errors = letters
    listed = choices_listed(page)
    assert {params["letter"] for _, params in listed} == set(questions().letters)
    situations = {choice.value for choice in questions().questions["situation"].choices}
    assert {params["situation"] for _, params in listed if "situation" in params} == situations
    for href, params in listed:
        page.click(f"#which-letter ~ ul a[href='{href}']")
        assert page.is_checked(f"#type-{params['letter']}"), href
        if "situation" in params:
            next_step(page)  # to the details: the situation is already chosen
            while page.is_hidden("#situation"):
                next_step(page)
                if page.is_visible("#letter-form [data-step=you]"):
                    page.fill("#patient_name", "A")
                    page.fill("#patient_birth_date", "1980-03-04")
                    page.fill("#patient_address", "B")
                if page.is_visible("#provider_name"):
                    page.fill("#provider_name", "C")
                    page.fill("#provider_address", "D")
            assert page.input_value("#situation") == params["situation"], href
        page.click("[data-action=clear]")
    assert errors == []


@pytest.mark.parametrize("letter_type", NEW_LETTERS)
def test_a_new_letter_is_written_from_its_required_answers_and_axe_finds_nothing(letters, letter_type):
    page, requested, errors = letters
    page.click(f"label[for=type-{letter_type}]")
    next_step(page)
    fill_required_and_make(page, typed="Words I typed ñ")
    english = page.inner_text("#letter-english")
    assert "Words I typed ñ" in english or letter_type == "fee-dispute"
    assert axe_violations(page) == []
    origin = "{0.scheme}://{0.netloc}/".format(urlparse(page.url))
    assert [url for url in requested if not url.startswith((origin, "blob:", "data:"))] == []
    assert "typed" not in page.url.lower() and errors == []


def test_writing_for_a_family_member_who_died_asks_the_writers_name_and_relationship(letters, lang):
    page, _, _ = letters
    page.click("label[for=type-access]")
    next_step(page)
    assert page.is_hidden("#requester_name") and page.is_visible("#patient_address")
    page.select_option("#requester_role", "next-of-kin")
    assert page.is_visible("#requester_name") and page.is_visible("#requester_relationship")
    assert page.is_hidden("#patient_address")
    assert page.inner_text("label[for=patient_name]") == questions().questions["patient_name"].relabel["label"][lang]
    page.fill("#requester_name", "María Ruiz")
    page.fill("#requester_address", "5 Elm St")
    # The statute's classes, in its order (RCW 7.70.065(1)(a)), as a choice: nothing typed goes into the letter.
    offered = page.eval_on_selector_all("#requester_relationship option", "options => options.map(o => o.value)")
    assert [value for value in offered if value] == [choice.value for choice in
                                                      questions().questions["requester_relationship"].choices]
    assert page.input_value("#requester_relationship") == ""  # opens on a prompt: nothing chosen for them
    page.select_option("#requester_relationship", "adult-child")
    page.fill("#patient_name", "José Ruiz")
    page.fill("#patient_birth_date", "1940-01-02")
    next_step(page)
    fill_required_and_make(page)
    english = page.inner_text("#letter-english")
    assert "I am the patient's adult son or daughter." in english and "RCW 7.70.065(1)" in english
    assert "every available person in my class agrees" in english
    assert "María Ruiz, for José Ruiz" in english


def test_a_new_letter_by_keyboard_alone(letters):
    page, _, _ = letters
    page.focus("#type-complaint-ocr")
    page.keyboard.press("Space")
    for _ in range(8):  # Enter on a field goes on to the next step; type into each required box first
        if page.is_visible("[data-step=check]"):
            break
        for field in page.locator(".letter-step:not([hidden]) [aria-required=true]").all():
            if field.is_visible() and not field.input_value():
                name = field.get_attribute("data-field")
                field.focus()
                if name in DATES:
                    field.fill(DATES[name])  # a date box's own keys differ by locale
                else:
                    page.keyboard.type("What happened, typed")
        page.locator(".letter-step:not([hidden]) input:visible, .letter-step:not([hidden]) textarea:visible").first.focus()
        if page.evaluate("document.activeElement.tagName") == "TEXTAREA":
            page.focus("#letter-form [data-action=next]")
        page.keyboard.press("Enter")
    assert page.is_visible("[data-step=check]")
    page.focus("#letter-form [data-action=make]")
    page.keyboard.press("Enter")
    page.wait_for_selector("#letter-output:not([hidden])", timeout=LETTER_TIMEOUT_MS)
    assert "What happened, typed" in page.inner_text("#letter-english")
    assert page.is_hidden("[data-action=download-ics]")  # no day of the problem given: no last day to keep


def test_a_new_letter_from_the_offline_copy(browser, site_file_url, lang):
    context = browser.new_context()
    page = context.new_page()
    page.goto(letters_url(site_file_url, lang) + "?letter=send-copy#send-copy-letter")
    page.wait_for_function("document.activeElement && document.activeElement.id === 'type-send-copy'")
    next_step(page)
    fill_required_and_make(page)
    assert re.search(r"Date signed: _+", page.inner_text("#letter-english"))
    context.close()
