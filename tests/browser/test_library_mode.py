"""Library mode without a build, in Chromium (issue 26, item 1): staff switch it in site-settings.js, every
page reads it at run time, and the offline zip starts with it on. In library mode no "keep" control shows,
every field of every form has autocomplete="off", the letters page clears after the idle time (warning
first), on leaving and on Back/Forward, and nothing is in any storage. From a folder a case is never kept
in the browser. And "Clear everything" / "Leave this page" ask once, in the page's language, before they
delete a case kept on this computer (item 5).

The idle tests use the page's clock (Playwright's page.clock): time jumps only once the page is in the
state the test wants, so a slow start cannot race the timer.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ..conftest import set_library_mode
from .test_case_file import CASE, NOTHING_KEPT, STORAGE, fresh, open_case  # noqa: F401  fresh: a fixture
from .test_letters_page import letters_url

FIELDS_WITHOUT_OFF = """() => Array.from(document.querySelectorAll('form, input, select, textarea'))
  .filter((field) => field.getAttribute('autocomplete') !== 'off')
  .map((field) => field.id || field.name || field.className || field.tagName)"""
LIBRARY = "() => ({ on: window.GuideLibrary.on, idleMinutes: window.GuideLibrary.idleMinutes })"


@pytest.fixture
def folder_copy(offline_copy, tmp_path) -> Path:
    """The unzipped offline folder, copied, so a test may edit its site-settings.js."""
    copy = tmp_path / "copy"
    shutil.copytree(offline_copy, copy)
    return copy


@pytest.fixture
def phone(fresh):
    """A page at a phone's width (360 px) in a context of its own (its own storage), with no page error:
    test_case_file's `fresh`, without its error list."""
    page, _errors = fresh
    return page


def type_answers(page):
    """Choose the access letter and type a name and an address as a person would (real key presses)."""
    page.check("#type-access")
    page.click("#letter-form [data-action=next]")
    page.locator("[data-field=patient_name]").press_sequentially("Ana Ruiz")
    page.locator("[data-field=patient_address]").press_sequentially("1 Main St")
    assert page.input_value("[data-field=patient_name]") == "Ana Ruiz"


def test_the_offline_copy_starts_in_library_mode_and_clears_the_letters_page_when_idle(phone, folder_copy):
    page = phone
    page.clock.install()
    page.goto((folder_copy / "letters.html").as_uri())
    assert page.evaluate(LIBRARY) == {"on": True, "idleMinutes": 10}
    assert page.is_hidden("#case-keep-row") and page.is_hidden("#case-folder-note")
    assert page.is_visible("#case-library-note")
    assert page.evaluate(FIELDS_WITHOUT_OFF) == []
    type_answers(page)
    assert page.evaluate(STORAGE) == NOTHING_KEPT
    page.clock.fast_forward("09:01")
    page.wait_for_function("() => document.getElementById('case-error').dataset.idle === 'yes'")
    assert page.is_visible("#case-error") and page.input_value("[data-field=patient_name]") == "Ana Ruiz"
    page.clock.fast_forward("01:00")
    page.wait_for_function("() => document.querySelector('[data-field=patient_name]').value === ''")
    assert page.input_value("[data-field=patient_address]") == ""
    assert page.inner_text("#case-status") == "Your answers were cleared after 10 minutes without use."
    assert page.evaluate(STORAGE) == NOTHING_KEPT
    # Every form of every page: the calculator's too, in both languages.
    for name in ("calculator.html", "es/calculator.html", "es/letters.html"):
        page.goto((folder_copy / name).as_uri())
        assert page.evaluate(FIELDS_WITHOUT_OFF) == [], name


def test_staff_switch_library_mode_off_in_the_settings_file_and_a_folder_never_keeps_a_case(phone, folder_copy):
    set_library_mode(folder_copy, on=False)
    page = phone
    for lang in ("en", "es"):
        page.goto((folder_copy / ("es/" if lang == "es" else "") / "letters.html").as_uri())
        assert page.evaluate(LIBRARY) == {"on": False, "idleMinutes": 10}
        assert page.is_hidden("#case-library-note") and page.get_attribute("[data-field=patient_name]", "autocomplete") == "name"
        # From a folder every local file shares the browser's storage: no keep switch, and a note says why.
        assert page.is_hidden("#case-keep-row") and page.is_visible("#case-folder-note")
        assert {"en": "Other files on this computer could read it there.",
                "es": "Otros archivos de esta computadora podrían leerlo ahí."}[lang] in page.inner_text("#case-folder-note")
    open_case(page, CASE)
    assert page.evaluate(STORAGE) == NOTHING_KEPT


THROWS = 'get library_mode() { throw new Error("no"); }'


@pytest.mark.parametrize("written, on", [('"yes"', True), ("1", True), (THROWS, True), ('"false"', False)])
def test_a_bad_settings_value_means_the_builds_own(phone, folder_copy, written, on):
    """The offline copy's pages fall back to library mode on (a value that throws when read too); a quoted
    true/false is read as meant; idle minutes that are no number mean 10."""
    settings = folder_copy / "site-settings.js"
    text = settings.read_text(encoding="utf-8")
    setting = written if written == THROWS else f'"library_mode": {written}'
    settings.write_text(text.replace('"library_mode": true', setting)
                        .replace('"library_idle_minutes": 10', '"library_idle_minutes": "ten"'), encoding="utf-8")
    phone.goto((folder_copy / "costs.html").as_uri())
    assert phone.evaluate(LIBRARY) == {"on": on, "idleMinutes": 10}


def test_back_and_forward_bring_back_no_answer_in_library_mode(phone, library_url):
    """Library mode set in site-settings.js alone, over http (a copy of the one build)."""
    page = phone
    page.goto(letters_url(library_url, "en"))
    type_answers(page)
    page.goto(library_url + "costs.html")
    page.go_back()
    page.wait_for_selector("#case-app:not([hidden])")
    assert page.input_value("[data-field=patient_name]") == "" and page.input_value("[data-field=patient_address]") == ""
    type_answers(page)
    page.go_forward()
    page.wait_for_url("**/costs.html")
    page.go_back()
    page.wait_for_selector("#case-app:not([hidden])")
    assert page.input_value("[data-field=patient_name]") == "" and page.input_value("[data-field=patient_address]") == ""
    assert page.evaluate(STORAGE) == NOTHING_KEPT


CONFIRM = {
    "en": {"title": "Delete the case kept on this computer?",
           "what": "This deletes your answers, your log (2 entries) and your list of letters (0 letters) from this page "
                   "and from this computer. A file you saved is not deleted.",
           "yes": "Yes, delete it", "no": "No, keep it", "leave": "Delete it and leave", "stay": "No, stay on this page"},
    "es": {"title": "¿Borrar el caso guardado en esta computadora?",
           "what": "Esto borra sus respuestas, su registro (2 entradas) y su lista de cartas (0 cartas) de esta página "
                   "y de esta computadora. No se borra ningún archivo que usted haya guardado.",
           "yes": "Sí, borrarlo", "no": "No, conservarlo", "leave": "Borrarlo y salir", "stay": "No, quedarme en esta página"},
}


@pytest.mark.parametrize("lang", ["en", "es"])
def test_clearing_or_leaving_asks_once_before_deleting_a_kept_case(phone, site_url, lang):
    page = phone
    words = CONFIRM[lang]
    page.goto(letters_url(site_url, lang))
    open_case(page, CASE)
    page.check("#case-keep")
    page.wait_for_function("() => localStorage.length === 1")
    page.click("#case-app [data-case-action=clear]")
    # The question, under the button, in the page's language, with the focus on what will be deleted.
    assert page.inner_text("#case-confirm-title") == words["title"]
    assert page.inner_text("#case-confirm-what") == words["what"]
    assert page.evaluate("document.activeElement.id") == "case-confirm-what"
    assert page.inner_text("#case-confirm [data-confirm=yes]") == words["yes"]
    assert page.inner_text("#case-confirm [data-confirm=no]") == words["no"]
    page.click("#case-app [data-case-action=clear]")  # asked once: pressing again shows the same question
    assert page.locator("#case-confirm").count() == 1
    page.click("#case-confirm [data-confirm=no]")
    assert page.locator("#case-confirm").count() == 0
    assert page.evaluate("document.activeElement.dataset.caseAction") == "clear"
    assert page.evaluate("localStorage.length") == 1 and page.input_value("[data-field=patient_name]") == "Ana Ruiz"
    # Escape says no as well.
    page.click("#case-app [data-case-action=leave]")
    assert page.inner_text("#case-confirm [data-confirm=yes]") == words["leave"]
    assert page.inner_text("#case-confirm [data-confirm=no]") == words["stay"]
    page.keyboard.press("Escape")
    assert page.locator("#case-confirm").count() == 0 and page.evaluate("localStorage.length") == 1
    # Yes deletes it.
    page.click("#case-app [data-case-action=clear]")
    page.click("#case-confirm [data-confirm=yes]")
    assert page.evaluate(STORAGE) == NOTHING_KEPT and page.input_value("[data-field=patient_name]") == ""
    # Nothing kept: "Clear everything" clears at once, with no question.
    open_case(page, CASE)
    page.click("#case-app [data-case-action=clear]")
    assert page.locator("#case-confirm").count() == 0 and page.input_value("[data-field=patient_name]") == ""
