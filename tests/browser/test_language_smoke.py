"""A smoke flow in Chromium for each language without the full browser flows (those run in English and
Spanish): the calculator answers a fee request in the page's language, the letters page makes a letter in
English with its full copy in the reader's language, and a case opened from a file says what is due, as
the calculator (CPython) says it in that language.

What the page must show is asked of the calculator itself (calculator.boundary), so no sentence of any
language is typed here.
"""
from __future__ import annotations

import json

import pytest

from calculator.boundary import handle_json
from calculator.languages import languages

from tests.calculator.test_letters import ANSWERS
from tests.site.pages import language_folder

from .test_calculator_page import READY, result_text, submit_fee
from .test_case_file import CASE, expected, open_case
from .test_letters_page import LETTER_TIMEOUT_MS
from .test_printed_letters import make_letter

FULL_FLOWS = ("en", "es")
SMOKE = [code for code in languages() if code not in FULL_FLOWS]


def compact(text: str) -> str:
    return "".join(text.split())


@pytest.fixture(params=SMOKE)
def smoke(request, browser):
    """A fresh page in its own context at a phone's width, and the page errors it logs."""
    context = browser.new_context(viewport={"width": 360, "height": 780})
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield request.param, page
    assert errors == []
    context.close()


def test_the_calculator_answers_a_fee_in_the_pages_language(smoke, site_url):
    lang, page = smoke
    page.goto(site_url + language_folder(lang) + "calculator.html")
    page.wait_for_selector(READY, state="attached", timeout=60000)
    assert page.evaluate("document.documentElement.lang") == lang
    submit_fee(page, "2024-07-01", "45")
    text = result_text(page, "fee")
    request = {"kind": "fee", "date": "2024-07-01", "pages": "45", "purpose": "own-copy", "form": ""}
    answer = json.loads(handle_json(json.dumps({**request, "lang": lang})))
    english = json.loads(handle_json(json.dumps({**request, "lang": "en"})))
    assert answer["heading"] != english["heading"]  # the catalog has this language's words
    assert answer["heading"] in text and "$51.30" in text and "$79.30" in text


def test_a_letter_is_made_in_english_with_its_full_copy_in_the_readers_language(smoke, site_url):
    lang, page = smoke
    page.goto(site_url + language_folder(lang) + "letters.html")
    page.wait_for_selector("#letter-app:not([hidden])")
    given = {**ANSWERS["access"], "written_in_spanish": True}
    make_letter(page, "access", given, lang)
    answer = json.loads(handle_json(json.dumps({"kind": "letter", "type": "access", "answers": given, "lang": lang})))
    assert compact(answer["letter"]) in compact(page.text_content("#letter-english"))
    copy = page.text_content("#letter-translation")
    assert compact(answer["translation"]) in compact(copy)
    assert page.get_attribute("#letter-translation", "lang") == lang
    # The English letter says which language some answers are in, by that language's English name.
    assert languages()[lang].english in answer["letter"]


def test_a_case_opened_from_a_file_says_what_is_due_in_the_readers_language(smoke, site_url):
    lang, page = smoke
    page.goto(site_url + language_folder(lang) + "letters.html")
    message = open_case(page, CASE)
    assert message and message == page.evaluate("document.getElementById('case-status').textContent")
    want = expected(page, CASE, lang)["requests"][0]
    english = expected(page, CASE, "en")["requests"][0]
    assert want["headline"] != english["headline"]
    due = page.inner_text("#case-due")
    assert want["headline"] in due and want["next"]["text"] in due
    timeline = page.inner_text("#case-timeline-body")
    assert all(milestone["text"] in timeline for milestone in want["milestones"])
