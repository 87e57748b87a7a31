"""A case carried between browsers by file, in Firefox ESR and WebKitGTK (Safari's engine), over http and from
the unzipped offline copy: each engine opens the file the one before it saved, shows what is due as the
calculator works it out, adds to the log, and saves a file the next engine opens. Nothing is kept in the
browser, no console error, no request to another host. And library mode, set only in the offline copy's
site-settings.js, keeps nothing and clears the letters page after the idle time in both engines; and a
guide link to a letter starts Python while the page is still parsed (letter-start.js), offline too.

The engines' drivers cannot use a file chooser, so the test hands the page a File through the input's
`files` (as a drop would), and catches the saved file as the page makes it (URL.createObjectURL) instead
of letting the browser ask where to save it.
"""
from __future__ import annotations

import json
import shutil

import pytest

from calculator.boundary import handle_json
from calculator.case import current_version

from ..conftest import set_library_mode
from .conftest import console_errors, open_page, requests_elsewhere
from .drivers import DriverError

pytestmark = pytest.mark.engines

READY_LIMIT_MS = 90000
FIRST_CASE = {"format": "wa-medical-records-case", "version": 1,
              "answers": {"patient_name": "Ana Ruiz", "provider_name": "Valley Clinic", "sent_date": "2026-10-01"},
              "log": [{"event": "sent", "date": "2026-10-01", "request": "access", "letter": "access"},
                      {"event": "received", "date": "2026-10-05", "request": "access"}],
              "letters": []}
# The file each visit saves, for the next visit (in the next engine) to open: the case travels by file.
CARRIED = {"text": json.dumps(FIRST_CASE, indent=2), "from": "the test's first case", "trail": []}
CATCH_SAVES = """(() => {
  window.__saved = null;
  const make = URL.createObjectURL;
  URL.createObjectURL = (blob) => { blob.text().then((text) => { window.__saved = text; }); return make.call(URL, blob); };
  HTMLAnchorElement.prototype.click = function () {};  // no save dialog: the text is caught above
})()"""


def hand_file(driver, text: str):
    driver.eval(f"""(() => {{
        const input = document.getElementById('case-file-input');
        const transfer = new DataTransfer();
        transfer.items.add(new File([{json.dumps(text)}], 'my-case.json', {{ type: 'application/json' }}));
        input.files = transfer.files;
        input.dispatchEvent(new Event('change', {{ bubbles: true }}));
    }})()""")


def set_field(driver, selector: str, value: str):
    driver.eval(f"""(() => {{
        const field = document.querySelector({json.dumps(selector)});
        field.value = {json.dumps(value)};
        field.dispatchEvent(new Event('input', {{ bubbles: true }}));
        field.dispatchEvent(new Event('change', {{ bubbles: true }}));
    }})()""")


def test_a_guide_link_starts_the_letter_writer_while_the_page_is_parsed(driver, trap, site_url, site_file_url):
    # From the offline copy a library keeps: letter-start.js starts Python from <head> once the letter's
    # choice is parsed (a folder's start: every file a classic script), and letters.js takes it over.
    visit = open_page(driver, trap, "file", "es", "letters", site_url, site_file_url, query="?letter=access")
    driver.wait("document.getElementById('letter-app')?.dataset.state === 'ready'", READY_LIMIT_MS)
    launched, parsed = driver.eval("""[performance.getEntriesByName('calculator-launch').map((mark) => mark.startTime),
                                       performance.getEntriesByType('navigation')[0].domInteractive]""")
    assert len(launched) == 1 and launched[0] < parsed, (launched, parsed)
    assert driver.eval("document.getElementById('type-access').checked")
    assert console_errors(visit) == [] and requests_elsewhere(visit, site_url) == []


@pytest.mark.parametrize("scheme, lang", [("http", "en"), ("file", "es")], ids=["http-en", "file-es"])
def test_a_case_opens_from_the_last_engines_file_and_goes_on(driver, trap, site_url, site_file_url, screenshot_folder,
                                                            scheme, lang):
    visit = open_page(driver, trap, scheme, lang, "letters", site_url, site_file_url)
    opened_text, opened_from = CARRIED["text"], CARRIED["from"]
    hand_file(driver, opened_text)
    try:
        driver.wait("!document.getElementById('case-due').hidden || !document.getElementById('case-error').hidden",
                    READY_LIMIT_MS)
    except DriverError as waited:
        pytest.fail(f"{visit.name}: the case did not open: {waited}; it says "
                    f"{driver.eval('document.getElementById(`case-status`).textContent')!r}")
    assert driver.eval("document.getElementById('case-error').hidden"), driver.eval(
        "document.getElementById('case-error').textContent")
    opened = json.loads(opened_text)
    today = driver.eval("LetterBuilder.today()")
    want = json.loads(handle_json(json.dumps({"kind": "case", "case": opened, "today": today, "lang": lang})))
    due = driver.eval("document.getElementById('case-due').innerText")
    assert want["requests"][0]["headline"] in due and want["requests"][0]["next"]["text"] in due
    assert driver.eval("document.querySelector('[data-field=patient_name]').value") == "Ana Ruiz"
    driver.screenshot(screenshot_folder / f"case-{visit.name}-opened.png")

    # A new line in the log, as the person adds it: the provider said no.
    entries = len(opened["log"])
    set_field(driver, "#log-log_event", "reply")
    set_field(driver, "#log-log_date", "2026-11-10")
    set_field(driver, "#log-log_situation", "own-form")
    set_field(driver, "#log-log_note", f"Added in {driver.engine}")
    driver.click("#case-log-form button[type=submit]")
    driver.wait(f"document.querySelectorAll('#case-log li').length === {entries + 1}", 30000)
    driver.eval(CATCH_SAVES)
    driver.click("#case-app [data-case-action=save]")
    driver.wait("window.__saved !== null", 10000)
    saved = json.loads(driver.eval("window.__saved"))
    # A file from an older version comes back in this one (version 2: its one provider made from its answers).
    assert saved == {**current_version(opened),
                     "log": [*opened["log"], {"event": "reply", "date": "2026-11-10", "request": "access",
                                              "situation": "own-form", "note": f"Added in {driver.engine}"}]}
    driver.screenshot(screenshot_folder / f"case-{visit.name}-saved.png")
    assert driver.eval("localStorage.length + sessionStorage.length") == 0 and driver.eval("document.cookie") == ""
    assert console_errors(visit) == []
    assert requests_elsewhere(visit, site_url) == []
    CARRIED["trail"].append(f"{visit.name} opened the file from {opened_from}: {want['requests'][0]['headline']}")
    (screenshot_folder / f"case-{visit.name}.json").write_text(driver.eval("window.__saved"), encoding="utf-8")
    (screenshot_folder / "case-trail.txt").write_text("\n".join(CARRIED["trail"]) + "\n", encoding="utf-8")
    CARRIED["text"], CARRIED["from"] = driver.eval("window.__saved"), visit.name


def test_listen_shows_only_with_an_on_device_voice(driver, trap, site_url, site_file_url, screenshot_folder):
    """What voices each engine has here (written to voices-ENGINE.json for the record), and that the Listen
    control follows them: shown only when a local voice speaks the page's language."""
    visit = open_page(driver, trap, "http", "es", "costs", site_url, site_file_url)
    driver.wait("document.readyState === 'complete'", 10000)
    voices = driver.eval("window.speechSynthesis ? speechSynthesis.getVoices().map(v => ({name: v.name, lang: v.lang, "
                         "local: v.localService})) : null")
    (screenshot_folder / f"voices-{driver.engine}.json").write_text(json.dumps(voices), encoding="utf-8")
    local_spanish = any(v["local"] and v["lang"].lower().startswith("es") for v in voices or [])
    assert driver.eval("document.querySelector('.page-tools .listen').hidden") is (not local_spanish)
    assert console_errors(visit) == []


FIELDS_WITHOUT_OFF = """Array.from(document.querySelectorAll('form, input, select, textarea'))
  .filter((field) => field.getAttribute('autocomplete') !== 'off').map((field) => field.id || field.tagName)"""
# Whether the idle warning showed before the page cleared itself (watched, so no poll can miss it).
WATCH_WARNING = """(() => {
  window.__warned = false;
  const box = document.getElementById('case-error');
  new MutationObserver(() => { if (box.dataset.idle === 'yes' && !box.hidden) window.__warned = true; })
    .observe(box, { attributes: true, childList: true });
})()"""


def test_library_mode_from_the_settings_file_in_a_folder(driver, trap, site_url, offline_copy, tmp_path,
                                                         screenshot_folder):
    """The offline copy as shipped (library mode on in its site-settings.js), with a short idle time set in
    that file: no keep control, autocomplete="off" on every field, what was typed cleared after the idle
    time with a warning first, nothing in any storage. The fields are set and read back in one step, and
    the test then waits for states (warned, cleared), so a slow engine cannot race the timer."""
    folder = tmp_path / "copy"
    shutil.copytree(offline_copy, folder)
    set_library_mode(folder, on=True, minutes=0.05)  # 3 s: the warning at 1.5 s
    visit = open_page(driver, trap, "file", "en", "letters", site_url, folder.as_uri() + "/")
    driver.wait("window.GuideLibrary && !document.getElementById('case-app').hidden", 30000)
    assert driver.eval("[GuideLibrary.on, GuideLibrary.idleMinutes]") == [True, 0.05]
    assert driver.eval("document.getElementById('case-keep-row').hidden") is True
    assert driver.eval("document.getElementById('case-library-note').hidden") is False
    assert driver.eval(FIELDS_WITHOUT_OFF) == []
    driver.eval(WATCH_WARNING)
    typed = driver.eval("""(() => {
        window.__warned = false;  // only a warning after this typing counts
        for (const [name, value] of [['patient_name', 'Ana Ruiz'], ['patient_address', '1 Main St']]) {
          const field = document.querySelector(`[data-field=${name}]`);
          field.value = value;
          field.dispatchEvent(new Event('input', { bubbles: true }));
        }
        return document.querySelector('[data-field=patient_name]').value;
    })()""")
    assert typed == "Ana Ruiz"
    driver.wait("document.querySelector('[data-field=patient_name]').value === ''", 60000)
    assert driver.eval("window.__warned") is True
    assert driver.eval("document.querySelector('[data-field=patient_address]').value") == ""
    driver.screenshot(screenshot_folder / f"library-{driver.engine}-cleared.png")
    assert driver.eval("localStorage.length + sessionStorage.length") == 0 and driver.eval("document.cookie") == ""
    assert console_errors(visit) == []
