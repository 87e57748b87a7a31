"""The case file on the letters page, in Chromium: open a case and see what is due first, with the letter to
write next; save it and get the same content back; every malformed file gets its message and changes
nothing; the log form adds to the timeline; nothing is kept in the browser unless the person turns keeping
on, and nothing after "Clear everything" or "Leave this page"; library mode keeps nothing and clears when
idle; the case's calendar reads back; the calculator says when a date has passed and links to the next letter.

What the page must show is asked of the calculator itself (calculator.boundary, in CPython) with the
browser's own date, so no expected sentence is typed here twice.
"""
from __future__ import annotations

import json
from pathlib import Path

import icalendar
import pytest

from calculator.boundary import handle_json
from calculator.case import current_version

from ..axe import axe_violations
from ..waits import settled
from .test_letters_page import LETTER_TIMEOUT_MS, letters_url

FORMAT = "wa-medical-records-case"
ANSWERS = {"patient_name": "Ana Ruiz", "patient_birth_date": "1980-03-04", "patient_address": "1 Main St\nSpokane, WA",
           "provider_name": "Valley Clinic", "provider_address": "2 Oak Ave\nSpokane, WA",
           "records": "All my records from 2025", "sent_date": "2026-10-01"}
LOG = [{"event": "sent", "date": "2026-10-01", "request": "access", "letter": "access", "how": "certified mail"},
       {"event": "received", "date": "2026-10-05", "request": "access"}]
CASE = {"format": FORMAT, "version": 1, "answers": ANSWERS, "log": LOG, "letters": []}
STORAGE = """async () => ({local: localStorage.length, session: sessionStorage.length, cookies: document.cookie,
    databases: indexedDB.databases ? (await indexedDB.databases()).length : 0})"""
NOTHING_KEPT = {"local": 0, "session": 0, "cookies": "", "databases": 0}


@pytest.fixture(params=["en", "es"])
def lang(request):
    return request.param


@pytest.fixture
def fresh(browser):
    """A fresh page at a phone's width (360 px) in its own context (so its own storage)."""
    context = browser.new_context(viewport={"width": 360, "height": 780}, accept_downloads=True)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page, errors
    assert errors == []
    context.close()


def expected(page, case, lang: str) -> dict:
    """The calculator's own timeline for `case`, measured against the browser's date."""
    today = page.evaluate("LetterBuilder.today()")
    return json.loads(handle_json(json.dumps({"kind": "case", "case": case, "today": today, "lang": lang})))


def open_case(page, content) -> str:
    """Choose a file with `content` (a case, or any text) in "Open my case"; the message the page gives."""
    text = content if isinstance(content, str) else json.dumps(content, ensure_ascii=False, indent=2)
    before = page.evaluate("document.getElementById('case-status').textContent + '|' + document.getElementById('case-error').textContent")
    page.evaluate("document.getElementById('case-status').textContent = ''; document.getElementById('case-error').textContent = ''")
    page.set_input_files("#case-file-input", files=[{"name": "case.json", "mimeType": "application/json",
                                                     "buffer": text.encode("utf-8")}])
    page.wait_for_function("""() => { const s = document.getElementById('case-status'), e = document.getElementById('case-error');
        return (!e.hidden && e.textContent) || (!s.hidden && s.textContent && !s.textContent.endsWith('…')); }""",
                           timeout=LETTER_TIMEOUT_MS)
    assert before is not None
    return page.evaluate("(() => { const e = document.getElementById('case-error'); return e.hidden ? "
                         "document.getElementById('case-status').textContent : e.textContent; })()")


def save_case(page) -> dict:
    with page.expect_download() as download:
        page.click("#case-app [data-case-action=save]")
    assert download.value.suggested_filename.endswith(".json")
    return json.loads(Path(download.value.path()).read_text(encoding="utf-8"))


def test_opening_a_case_shows_what_is_due_first_with_the_letter_to_write(fresh, site_url, lang):
    page, _ = fresh
    page.goto(letters_url(site_url, lang))
    message = open_case(page, CASE)
    assert message == {"en": "Your case is open. Your log has 2 entries, and you made 0 letters.",
                       "es": "Su caso está abierto. Su registro tiene 2 entradas, y usted hizo 0 cartas."}[lang]
    want = expected(page, CASE, lang)["requests"][0]
    due = page.inner_text("#case-due")
    assert want["headline"] in due and want["next"]["text"] in due
    # The due panel comes before "What happened?" and the builder: the first thing on return.
    assert page.evaluate("document.getElementById('case-due').compareDocumentPosition("
                         "document.getElementById('which-letter')) & Node.DOCUMENT_POSITION_FOLLOWING")
    assert page.input_value("[data-field=patient_name]") == "Ana Ruiz"
    timeline = page.inner_text("#case-timeline-body")
    for milestone in want["milestones"]:
        assert milestone["text"] in timeline
    # The button says the step in a few words; it opens the builder on that letter, with the log's dates.
    assert page.inner_text("#case-due .md-button--primary") == want["next"]["button"]
    page.click("#case-due .md-button--primary")
    assert page.eval_on_selector("input[name=type]:checked", "radio => radio.value") == want["next"]["letter"]
    for name, value in want["next"]["answers"].items():
        field = page.locator(f"#letter-form [data-field={name}]")
        if isinstance(value, bool):
            assert field.is_checked() is value
        else:
            assert field.input_value() == value


def test_open_then_save_gives_back_the_same_content(fresh, site_url):
    page, _ = fresh
    page.goto(letters_url(site_url, "en"))
    written = {"format": FORMAT, "version": 1,
               # A choice, a yes/no, an answer only the Spanish page asks, a bill amount as a number, and an
               # answer no field here can show: each comes back as it was written.
               "answers": {**ANSWERS, "copy_form": "electronic", "ssa_appeal": True, "written_in_spanish": True,
                           "bill_total": 125, "patient_birth_date": "1980-02-30", "type": "access"},
               "log": [*LOG, {"event": "refusal", "date": "2026-10-20", "request": "access", "grounds": "harm",
                              "note": "They said it could upset me.\nCalled twice."}],
               "letters": [{"type": "access", "made": "2026-10-01", "letter": "Dear Records Office,\n…",
                            "translation": None}]}
    open_case(page, written)
    assert save_case(page) == current_version(written)  # a version-1 file comes back as version 2


MALFORMED = {
    "broken": '{"format": "wa-medical-records-case", "version": 1, "log": [',
    "another file": '{"name": "my photos", "size": 3}',
    "newer": json.dumps({**CASE, "version": 3}),
    "wrong type": json.dumps({**CASE, "answers": {"patient_name": 42}}),
    "bad date": json.dumps({**CASE, "log": [{"event": "received", "date": "2026-13-01"}]}),
    "too long": json.dumps({**CASE, "log": [{**LOG[1], "note": "x" * 1001}]}),
}


def test_each_malformed_file_gets_its_message_and_loses_nothing(fresh, site_url, lang):
    page, _ = fresh
    page.goto(letters_url(site_url, lang))
    open_case(page, CASE)
    page.check("#type-correction")
    page.fill("#log-log_note", "Typed after opening")
    log_before = page.inner_text("#case-log")
    for name, text in MALFORMED.items():
        message = open_case(page, text)
        refusal = json.loads(handle_json(json.dumps({"kind": "case", "case": text, "today": "2026-12-02", "lang": lang})))
        unchanged = {"en": "Nothing on this page was changed.", "es": "No se cambió nada en esta página."}[lang]
        assert message == f"{refusal['error']['message']} {unchanged}", name
        assert page.input_value("#log-log_note") == "Typed after opening", name
        assert page.is_checked("#type-correction") and page.input_value("[data-field=patient_name]") == "Ana Ruiz", name
        assert page.inner_text("#case-log") == log_before, name


def test_the_log_form_adds_each_entry_and_the_timeline_follows(fresh, site_url, lang):
    page, _ = fresh
    page.goto(letters_url(site_url, lang))
    page.click("#case-log-form button[type=submit]")  # the date is today's: an entry needs what happened only
    page.wait_for_function("() => document.querySelectorAll('#case-log li').length === 1", timeout=LETTER_TIMEOUT_MS)
    page.select_option("#log-log_event", "received")
    page.fill("#log-log_date", "2026-10-05")
    page.fill("#log-log_how", "Certified mail, signed for")
    page.click("#case-log-form button[type=submit]")
    page.wait_for_function("() => document.querySelectorAll('#case-log li').length === 2", timeout=LETTER_TIMEOUT_MS)
    case = {"format": FORMAT, "version": 1, "answers": {}, "letters": [],
            "log": [{"event": "sent", "date": page.evaluate("LetterBuilder.today()"), "request": "access",
                     "letter": "access"},
                    {"event": "received", "date": "2026-10-05", "request": "access", "how": "Certified mail, signed for"}]}
    want = expected(page, case, lang)["requests"][0]
    page.wait_for_function("(text) => document.getElementById('case-timeline-body').innerText.includes(text)",
                           arg=want["headline"], timeout=LETTER_TIMEOUT_MS)
    # Only the questions that apply: the letter sent for "sent", why for a refusal, what was said for a reply.
    assert page.is_hidden("#log-log_grounds") and page.is_visible("#log-log_letter")
    page.select_option("#log-log_event", "refusal")
    assert page.is_visible("#log-log_grounds") and page.is_hidden("#log-log_letter")
    assert save_case(page)["log"] == case["log"]


def test_nothing_is_kept_unless_keeping_is_on_and_clear_everything_removes_it(fresh, site_url, lang):
    page, _ = fresh
    page.goto(letters_url(site_url, lang))
    open_case(page, CASE)
    page.check("#type-access")
    page.click("#letter-form [data-action=next]")
    page.fill("[data-field=requester_role] ~ input, #patient_phone", "555-0100")
    page.click("#case-log-form button[type=submit]")
    page.wait_for_function("() => document.querySelectorAll('#case-log li').length === 3", timeout=LETTER_TIMEOUT_MS)
    assert page.evaluate(STORAGE) == NOTHING_KEPT
    page.check("#case-keep")
    page.wait_for_function("() => localStorage.length === 1")
    kept = json.loads(page.evaluate("localStorage.getItem('wa-medical-records-case')"))
    assert kept["answers"]["patient_phone"] == "555-0100" and len(kept["log"]) == 3
    # On return the kept case opens by itself, with what is due first.
    page.reload()
    page.wait_for_selector("#case-due:not([hidden])", timeout=LETTER_TIMEOUT_MS)
    assert page.is_checked("#case-keep") and page.input_value("[data-field=patient_phone]") == "555-0100"
    assert expected(page, kept, lang)["requests"][0]["headline"] in page.inner_text("#case-due")
    page.click("#case-app [data-case-action=clear]")
    page.click("#case-confirm [data-confirm=yes]")  # a kept case: asked once (test_library_mode.py)
    assert page.evaluate(STORAGE) == NOTHING_KEPT
    assert page.input_value("[data-field=patient_phone]") == "" and page.locator("#case-log li").count() == 0
    assert page.inner_text("#case-status") == {"en": "Everything is cleared from this page and from this computer.",
                                               "es": "Se borró todo de esta página y de esta computadora."}[lang]
    page.reload()
    assert page.is_hidden("#case-due") and not page.is_checked("#case-keep")


def test_leave_this_page_clears_everything_and_goes_to_a_blank_page(fresh, site_url):
    page, _ = fresh
    page.goto(letters_url(site_url, "en"))
    open_case(page, CASE)
    page.check("#case-keep")
    page.wait_for_function("() => localStorage.length === 1")
    page.click("#case-app [data-case-action=leave]")
    page.click("#case-confirm [data-confirm=yes]")
    page.wait_for_url("about:blank")
    page.goto(letters_url(site_url, "en"))
    assert page.evaluate(STORAGE) == NOTHING_KEPT
    assert page.input_value("[data-field=patient_name]") == "" and page.is_hidden("#case-due")


def test_library_mode_keeps_nothing_and_clears_the_page_when_idle(browser, library_url):
    """Library mode set in site-settings.js alone (tests/conftest.py `library_site`), 10 minutes as built.
    The page's clock is the test's: it jumps only once the case is open, so a slow start cannot race it."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.clock.install()
    page.goto(letters_url(library_url, "en"))
    assert page.is_hidden("#case-keep") and page.is_visible("#case-library-note")
    assert "after 10 minutes without use" in page.inner_text("#case-library-note")
    open_case(page, CASE)
    assert page.input_value("[data-field=patient_name]") == "Ana Ruiz"
    assert page.evaluate(STORAGE) == NOTHING_KEPT
    # Nine minutes without use: a warning first; one more minute and everything is cleared.
    page.clock.fast_forward("09:01")
    page.wait_for_function("() => document.getElementById('case-error').dataset.idle === 'yes'")
    assert page.input_value("[data-field=patient_name]") == "Ana Ruiz"
    page.clock.fast_forward("01:00")
    page.wait_for_function("() => document.querySelector('[data-field=patient_name]').value === ''")
    assert page.locator("#case-log li").count() == 0
    assert page.inner_text("#case-status") == "Your answers were cleared after 10 minutes without use."
    # Leaving the page clears it too: back from another page, nothing is there.
    open_case(page, CASE)
    page.goto(library_url + "costs.html")
    page.go_back()
    page.wait_for_selector("#case-app:not([hidden])")
    assert page.input_value("[data-field=patient_name]") == "" and page.locator("#case-log li").count() == 0
    assert page.evaluate(STORAGE) == NOTHING_KEPT
    context.close()


def test_the_case_calendar_holds_every_date_of_the_ladder(fresh, site_url, lang):
    page, _ = fresh
    page.goto(letters_url(site_url, lang))
    open_case(page, CASE)
    with page.expect_download() as download:
        page.click("[data-case-action=download-ics]")
    calendar = icalendar.Calendar.from_ical(Path(download.value.path()).read_bytes())
    today = page.evaluate("LetterBuilder.today()")
    want = json.loads(handle_json(json.dumps({"kind": "case", "case": CASE, "today": today, "lang": lang,
                                              "format": "ics"})))["content"]
    assert sorted(e["DTSTART"].dt.isoformat() for e in calendar.walk("VEVENT")) == \
        sorted(e["DTSTART"].dt.isoformat() for e in icalendar.Calendar.from_ical(want).walk("VEVENT"))
    assert download.value.suggested_filename.endswith(".ics")


def test_axe_finds_nothing_with_a_case_open(fresh, site_url, lang):
    page, _ = fresh
    page.goto(letters_url(site_url, lang))
    open_case(page, CASE)
    page.mouse.move(0, 0)  # the pointer off the buttons; motion is off, so colours are final once drawn
    settled(page)
    assert axe_violations(page) == []


def test_a_passed_deadline_says_so_and_links_to_the_follow_up_letter(fresh, site_url, lang):
    page, _ = fresh
    page.goto(site_url + ("es/" if lang == "es" else "") + "calculator.html")
    page.wait_for_function("() => document.getElementById('calc-app').dataset.state === 'ready'", timeout=LETTER_TIMEOUT_MS)
    form = "form[data-kind=deadline]"
    page.fill(f"{form} [data-field=date]", "2026-10-05")
    page.click(f"{form} button[type=submit]")
    page.wait_for_selector(f"{form} + .calc-result .calc-result__today", timeout=LETTER_TIMEOUT_MS)
    today = page.evaluate("(() => { const n = new Date(); return n.getFullYear() + '-' + String(n.getMonth() + 1).padStart(2, '0') + '-' + String(n.getDate()).padStart(2, '0'); })()")
    want = json.loads(handle_json(json.dumps({"kind": "deadline", "rule": "access", "date": "2026-10-05",
                                              "today": today, "lang": lang})))["today"]
    shown = page.inner_text(f"{form} + .calc-result .calc-result__today")
    assert want["text"] in shown and want["passed"] is True
    link = page.locator(f"{form} + .calc-result .calc-result__today a").first
    assert link.get_attribute("href") == "letters.html?letter=follow-up&request_type=access#follow-up-letter"
    link.click()
    page.wait_for_function("() => document.querySelector('input[name=type]:checked')?.value === 'follow-up'")
    assert page.input_value("#letter-form [data-field=request_type]") == "access"


def test_a_case_opens_and_saves_in_the_offline_copy(fresh, site_file_url):
    page, _ = fresh
    page.goto(site_file_url + "es/letters.html")
    open_case(page, CASE)
    want = expected(page, CASE, "es")["requests"][0]
    assert want["headline"] in page.inner_text("#case-due")
    assert save_case(page) == current_version(CASE)  # a version-1 file is saved as version 2


def test_a_letter_opened_from_what_happened_counts_from_the_cases_days(fresh, site_url, lang):
    """With a case open, the OCR draft opened from "What happened?" (not the case's own button) takes the
    log's dates, so its last day to file is the timeline's (issue 23: April 28 against April 25)."""
    page, _ = fresh
    page.goto(letters_url(site_url, lang))
    log = [{"event": "received", "date": "2026-06-01", "request": "access"},
           {"event": "delay-notice", "date": "2026-06-20", "request": "access"}]
    the_case = {**CASE, "log": log}
    open_case(page, the_case)
    want = {m["id"]: m for m in expected(page, the_case, lang)["requests"][0]["milestones"]}
    page.locator("#which-letter ~ ul a[href*='letter=complaint-ocr']").first.click()
    page.wait_for_function("() => document.querySelector('input[name=type]:checked')?.value === 'complaint-ocr'")
    assert page.input_value("#letter-form [data-field=received_date]") == "2026-06-01"
    assert page.is_checked("#letter-form [data-field=delay_notice]")
    for _ in range(8):  # through the steps to "check your answers", answering what the case does not
        if page.is_visible("#complaint_what"):
            page.fill("#complaint_what", "No answer to my request.")
        if page.is_visible("#letter-form [data-action=make]"):
            break
        page.click("#letter-form [data-action=next]")
    page.click("#letter-form [data-action=make]")
    page.wait_for_selector("#letter-output:not([hidden])", timeout=LETTER_TIMEOUT_MS)
    file_by = page.evaluate("iso => LetterBuilder.dateInWords(iso)", want["ocr-last-day"]["date"])
    assert file_by in page.inner_text("#letter-dates"), (file_by, page.inner_text("#letter-dates"))
