"""The calculator page in Firefox ESR and WebKitGTK (Safari's engine), in English and Spanish over http and
from the unzipped offline copy (file://), and in each other language from the offline copy in one of the
two engines: it gets ready without freezing the page, answers a fee and a deadline request in the page's
language, logs no console error and asks no other host for anything.

The form is filled as a person does: a real click into the pages box, real key presses, a real click on the
submit button. The date boxes are the exception: each engine draws its own year/month/day segments and takes
keys in its own order, so the test sets their value from script and sends the `input` and `change` events
a person's typing would.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

import pytest

from calculator.boundary import handle_json
from calculator.languages import languages
from calculator.law import messages
from calculator.words import short_date

from ..site.pages import FULL_LANGUAGES
from .conftest import ENGINES, PageVisit, console_errors, open_page, requests_elsewhere
from .drivers import Driver, DriverError

pytestmark = pytest.mark.engines

# WebKitGTK's Pyodide start takes 12-28 s on this 2-core machine; Firefox's about 4 s.
READY_LIMIT_MS = 60000
ANSWER_LIMIT_MS = 15000
# A page whose main thread stops this long is frozen for the person using it (Pyodide must start in a
# worker); loading Material and the calculator's own scripts stays well under it.
FROZEN_MS = 1500
STATE = "document.getElementById('calc-app')?.dataset.state"

FEE_REQUEST = {"kind": "fee", "pages": "45", "date": "2024-07-01", "purpose": "own-copy", "form": ""}
DEADLINE_REQUEST = {"kind": "deadline", "date": "2025-06-16", "rule": "access"}
# What a reader must see; the whole first line of the answer is compared with the calculator's own in CPython.
# The fee's two amounts, and the answer date written as the language writes a date.
MUST_SAY = {lang: {"fee": ["$51.30", "$79.30"], "deadline": [short_date(date(2025, 7, 9), lang)]} for lang in languages()}
# The full flows run in English and Spanish, over http and from a folder; each other language once, from
# the folder (the offline copy a library keeps), in one engine, the engines taking turns.
OTHER_LANGUAGES = [lang for lang in languages() if lang not in FULL_LANGUAGES]
OPENINGS = [("http", "en"), ("http", "es"), ("file", "en"), ("file", "es"), *(("file", lang) for lang in OTHER_LANGUAGES)]


def opened_in(engine: str, lang: str) -> bool:
    """Whether this engine opens the calculator page in `lang`: English and Spanish in both engines,
    each other language in one of them (vi in Firefox, ru in WebKit)."""
    return lang in FULL_LANGUAGES or OTHER_LANGUAGES.index(lang) % len(ENGINES) == ENGINES.index(engine)


def expected_heading(request: dict, lang: str) -> str:
    return json.loads(handle_json(json.dumps({**request, "lang": lang})))["headings"][0]


@dataclass
class CalculatorPage:
    visit: PageVisit
    state: str | None
    status: str | None
    ready_ms: int | None
    longest_stall_ms: int


@pytest.fixture(scope="module", params=OPENINGS, ids=lambda param: "-".join(param))
def calculator(request, driver, trap, site_url, site_file_url, screenshot_folder):
    """The calculator page opened once per way in and language, given up to READY_LIMIT_MS to start."""
    scheme, lang = request.param
    if not opened_in(driver.engine, lang):
        pytest.skip(f"the calculator page in {lang} is opened in the other engine")
    visit = open_page(driver, trap, scheme, lang, "calculator", site_url, site_file_url)
    try:
        ready_ms = driver.wait(f"['ready', 'failed'].includes({STATE})", READY_LIMIT_MS)
    except DriverError:
        ready_ms = None
    page = CalculatorPage(
        visit=visit, state=driver.eval(STATE), ready_ms=ready_ms,
        status=driver.eval("document.getElementById('calc-status')?.textContent"),
        longest_stall_ms=driver.eval("Math.round(Math.max(window.__engineTestHeartbeat.longestGapMs, "
                                     "performance.now() - window.__engineTestHeartbeat.last))"))
    with open(screenshot_folder / "visits.jsonl", "a", encoding="utf-8") as figures:
        figures.write(json.dumps({"page": visit.name, "state": page.state, "ready_ms": ready_ms,
                                  "longest_stall_ms": page.longest_stall_ms}) + "\n")
    return page


def require_ready(page: CalculatorPage):
    if page.state != "ready":
        pytest.fail(f"the calculator is not ready (data-state={page.state!r}); it says: {page.status!r}")


def set_date(driver: Driver, selector: str, iso_date: str):
    driver.eval(f"""(() => {{
        const input = document.querySelector({json.dumps(selector)});
        input.value = {json.dumps(iso_date)};
        input.dispatchEvent(new Event("input", {{bubbles: true}}));
        input.dispatchEvent(new Event("change", {{bubbles: true}}));
    }})()""")
    assert driver.eval(f"document.querySelector({json.dumps(selector)}).value") == iso_date


def answer_text(driver: Driver, kind: str) -> str:
    """The text of the form's result region once it shows an answer (or its error message, if any)."""
    result = f"document.querySelector('form[data-kind={kind}] + .calc-result')"
    error = f"document.querySelector('form[data-kind={kind}] .calc-error:not([hidden])')"
    try:
        driver.wait(f"!{result}.hidden && {result}.innerText.trim() || "
                    f"({error} && !{error}.classList.contains('calc-error--wait'))", ANSWER_LIMIT_MS)
    except DriverError as waited:
        pytest.fail(f"no answer to the {kind} form in {ANSWER_LIMIT_MS} ms: {waited}")
    shown = driver.eval(f"{result}.hidden ? '' : {result}.innerText")
    if not shown:
        pytest.fail(f"the {kind} form showed an error instead of an answer: {driver.eval(f'{error}.innerText')!r}")
    return shown


def test_calculator_gets_ready(calculator):
    require_ready(calculator)
    assert calculator.status == messages()["calculator-page"]["msg-ready"][calculator.visit.lang]
    assert calculator.visit.lang == "en" or calculator.status != messages()["calculator-page"]["msg-ready"]["en"]


def test_calculator_never_freezes_the_page_while_it_starts(calculator):
    # The longest the page's main thread went without running a 50 ms timer, from the first script to
    # ready: more than FROZEN_MS means Python ran on the page, where nobody can scroll or type meanwhile.
    assert calculator.longest_stall_ms < FROZEN_MS, (
        f"the page was frozen for {calculator.longest_stall_ms} ms while the calculator started")


def test_fee_answer_in_the_pages_language(calculator, screenshot_folder):
    require_ready(calculator)
    driver, lang = calculator.visit.driver, calculator.visit.lang
    set_date(driver, "#fee-date", FEE_REQUEST["date"])
    driver.type("#fee-pages", FEE_REQUEST["pages"])
    assert driver.eval("document.getElementById('fee-pages').value") == FEE_REQUEST["pages"]
    driver.click("form[data-kind=fee] button[type=submit]")
    shown = answer_text(driver, "fee")
    driver.screenshot(screenshot_folder / f"{calculator.visit.name}-fee.png")
    heading = expected_heading(FEE_REQUEST, lang)
    assert all(figure in heading for figure in MUST_SAY[lang]["fee"]), heading
    assert heading in shown


def test_deadline_answer_in_the_pages_language(calculator, screenshot_folder):
    require_ready(calculator)
    driver, lang = calculator.visit.driver, calculator.visit.lang
    set_date(driver, "#deadline-date", DEADLINE_REQUEST["date"])
    driver.click("form[data-kind=deadline] button[type=submit]")
    shown = answer_text(driver, "deadline")
    driver.screenshot(screenshot_folder / f"{calculator.visit.name}-deadline.png")
    heading = expected_heading(DEADLINE_REQUEST, lang)
    assert all(date in heading for date in MUST_SAY[lang]["deadline"]), heading
    assert heading in shown


# These two run after the answers, so they also cover what the page and its worker did to answer.
def test_calculator_page_logs_no_console_error(calculator):
    assert console_errors(calculator.visit) == []


def test_calculator_page_asks_no_other_host(calculator, site_url):
    if calculator.visit.scheme == "http":  # the request log works (Firefox reports no file:// request)
        assert calculator.visit.url in calculator.visit.settled_log()["requests"]
    assert requests_elsewhere(calculator.visit, site_url) == []
