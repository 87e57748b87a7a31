"""Several providers in one case on the letters page, in Chromium at 360 px (issue 25, item 5): each
provider's part of the timeline under its name, with its own next step and button, in English and
Spanish; the log form asks which provider; a provider added on the page; "make this letter for another
provider"; a version-1 file opened and saved as version 2. What the page must show is asked of the
calculator itself (calculator.boundary), as in test_case_file.py, whose fixtures these reuse."""
from __future__ import annotations

import json
import os

from calculator.boundary import handle_json
from calculator.case import current_version

from .test_case_file import CASE, FORMAT, LOG, expected, fresh, lang, open_case, save_case  # noqa: F401
from .test_letters_page import LETTER_TIMEOUT_MS, letters_url

CLINIC = {"id": "clinic", "name": "Valley Clinic", "address": "2 Oak Ave\nSpokane, WA"}
LAB = {"id": "lab", "name": "Valley Lab", "address": "9 Elm St\nSpokane, WA"}
TWO = {"format": FORMAT, "version": 2, "providers": [CLINIC, LAB], "answers": CASE["answers"],
       "log": [*LOG, {"event": "received", "date": "2026-11-02", "request": "access", "provider": "lab"},
               {"event": "refusal", "date": "2026-11-10", "request": "access", "provider": "lab", "grounds": "other"}],
       "letters": [{"type": "access", "made": "2026-10-01", "letter": "Dear Records Office,\n…", "translation": None,
                    "provider": "clinic"}]}
SHOTS = os.environ.get("PROVIDER_SHOTS")  # a folder: the 360 px screenshots for the report


def test_each_provider_has_its_part_with_its_own_next_step(fresh, site_url, lang):
    page, _ = fresh
    page.goto(letters_url(site_url, lang))
    open_case(page, TWO)
    want = expected(page, TWO, lang)
    assert [part["id"] for part in want["providers"]] == ["clinic", "lab"]
    # What is due: a heading with each provider's name, then its own next step and button.
    headings = page.locator("#case-due-list .case-provider__name").all_inner_texts()
    assert headings == ["Valley Clinic", "Valley Lab"]
    for index, part in enumerate(want["providers"]):
        section = page.locator("#case-due-list .case-provider").nth(index)
        text = section.inner_text()
        assert part["requests"][0]["headline"] in text and part["next"]["text"] in text
        assert section.locator(".md-button--primary").inner_text() == part["next"]["button"]
    timeline = page.locator("#case-timeline-body .case-provider__name").all_inner_texts()
    assert timeline == ["Valley Clinic", "Valley Lab"]
    if SHOTS:
        page.locator("#case-due").screenshot(path=f"{SHOTS}/two-providers-due-{lang}.png")
        page.locator("#case-timeline").screenshot(path=f"{SHOTS}/two-providers-timeline-{lang}.png")
    # The lab's button writes to the lab: its name and address fill the letter, with its own dates.
    page.locator("#case-due-list .case-provider").nth(1).locator(".md-button--primary").click()
    lab = want["providers"][1]
    assert page.eval_on_selector("input[name=type]:checked", "radio => radio.value") == lab["next"]["letter"]
    assert page.input_value("#letter-form [data-field=provider_name]") == "Valley Lab"
    assert page.input_value("#letter-form [data-field=provider_address]") == LAB["address"]
    assert page.input_value("#letter-form [data-field=problem_date]") == "2026-11-10"


def test_the_log_asks_which_provider_and_a_provider_can_be_added(fresh, site_url):
    page, _ = fresh
    page.goto(letters_url(site_url, "es"))
    open_case(page, CASE)  # a version-1 file: one provider, so the log does not ask which
    assert page.is_hidden("#log-log_provider")
    page.fill("#add-case_provider_name", "Laboratorio del Valle")
    page.fill("#add-case_provider_address", "9 Elm St\nSpokane, WA")
    page.click("#case-provider-form button[type=submit]")
    page.wait_for_function("() => document.getElementById('case-status').textContent.includes('Laboratorio del Valle')",
                           timeout=LETTER_TIMEOUT_MS)
    # Now the log form asks, its options the case's providers.
    assert page.is_visible("#log-log_provider")
    assert page.eval_on_selector_all("#log-log_provider option", "options => options.map(o => o.textContent)") == [
        "Valley Clinic", "Laboratorio del Valle"]
    page.select_option("#log-log_provider", "provider-2")
    page.select_option("#log-log_event", "received")
    page.fill("#log-log_date", "2026-11-02")
    page.click("#case-log-form button[type=submit]")
    page.wait_for_function("() => document.querySelectorAll('#case-due-list .case-provider').length === 2",
                           timeout=LETTER_TIMEOUT_MS)
    saved = save_case(page)
    assert saved["version"] == 2
    assert saved["providers"] == [{"id": "provider-1", "name": "Valley Clinic", "address": "2 Oak Ave\nSpokane, WA"},
                                  {"id": "provider-2", "name": "Laboratorio del Valle", "address": "9 Elm St\nSpokane, WA"}]
    assert saved["log"][-1] == {"provider": "provider-2", "event": "received", "date": "2026-11-02", "request": "access"}
    # A provider already in the case is not added twice: the field says so, and the case stays as it was.
    page.fill("#add-case_provider_name", "valley clinic")
    page.click("#case-provider-form button[type=submit]")
    assert page.inner_text("#add-case_provider_name-error") == "“valley clinic” ya está en su caso."
    assert len(save_case(page)["providers"]) == 2


def test_make_this_letter_for_another_provider(fresh, site_url):
    page, _ = fresh
    page.goto(letters_url(site_url, "en"))
    open_case(page, TWO)
    button = page.locator("#case-letters-list button")
    assert button.all_inner_texts() == ["Make this letter for Valley Lab"]
    button.click()
    assert page.eval_on_selector("input[name=type]:checked", "radio => radio.value") == "access"
    assert page.input_value("#letter-form [data-field=provider_name]") == "Valley Lab"
    assert page.input_value("#letter-form [data-field=provider_address]") == LAB["address"]
    assert page.input_value("#letter-form [data-field=patient_name]") == "Ana Ruiz"


def test_a_version_1_file_opens_and_is_saved_as_version_2(fresh, site_url, lang):
    page, _ = fresh
    page.goto(letters_url(site_url, lang))
    open_case(page, CASE)
    saved = save_case(page)
    assert saved == current_version(CASE) and saved["version"] == 2
    assert saved["providers"] == [{"id": "provider-1", "name": "Valley Clinic", "address": "2 Oak Ave\nSpokane, WA"}]
    # Saved as version 2, it opens again with the same timeline.
    again = json.loads(handle_json(json.dumps({"kind": "case", "case": saved, "today": "2026-12-02", "lang": lang})))
    first = json.loads(handle_json(json.dumps({"kind": "case", "case": CASE, "today": "2026-12-02", "lang": lang})))
    assert again["requests"] == first["requests"]


def test_an_unknown_provider_is_refused_naming_its_entry_and_changes_nothing(fresh, site_url, lang):
    page, _ = fresh
    page.goto(letters_url(site_url, lang))
    case = json.loads(json.dumps(TWO))
    case["log"][3]["provider"] = "imaging"
    message = open_case(page, case)
    assert message.startswith({"en": "In log entry 4", "es": "En la entrada 4 del registro"}[lang])
    assert page.input_value("[data-field=patient_name]") == ""
