"""The calculator page in Chromium, in both languages: answers, errors, fallback, privacy, axe, keyboard."""
import re
from urllib.parse import urlparse

import pytest
from tests.axe import axe_violations
from tests.site.pages import language_folder

READY = "#calc-app[data-state=ready]"
EXPECTED = {
    "en": {"fee": "costs at most $51.30 from a provider covered by HIPAA (our reading), or $79.30 from a provider not covered by HIPAA", "free": "Your copy must be free ($0.00).",
           "pfml": ["$12.40", "$40.40", "filling out your PFML certification is free"],
           "access": ["Wednesday, July 9, 2025", "Thursday, July 17, 2025", "Juneteenth"],
           "correction": "Monday, December 1, 2025", "pages_error": "pages must be from 1 to 100,000",
           "date_error": "on or after January 1, 2015"},
    "es": {"fee": "cuesta como máximo $51.30 si el proveedor está cubierto por HIPAA (nuestra interpretación), o $79.30 si no está cubierto por HIPAA", "free": "Su copia debe ser gratis ($0.00).",
           "pfml": ["$12.40", "$40.40", "llenar su certificación del PFML es gratis"],
           "access": ["miércoles 9 de julio de 2025", "jueves 17 de julio de 2025", "Juneteenth"],
           "correction": "lunes 1 de diciembre de 2025", "pages_error": "páginas debe ser de 1 a 100,000",
           "date_error": "a partir del 1 de enero de 2015"},
}


def calculator_url(base: str, lang: str) -> str:
    return base + language_folder(lang) + "calculator.html"


@pytest.fixture(scope="module", params=[("en", "http"), ("es", "http"), ("en", "file"), ("es", "file")],
                ids=lambda param: "-".join(param))
def loaded(request, browser, site_url, site_file_url):
    """One calculator page per language and way of opening it (a server, or a folder on file://),
    loaded once, with every request it makes recorded."""
    lang, scheme = request.param
    context = browser.new_context()
    page = context.new_page()
    requested = []
    page.on("request", lambda req: requested.append(req.url))
    page.goto(calculator_url(site_url if scheme == "http" else site_file_url, lang))
    page.wait_for_selector(READY, state="attached", timeout=40000)
    yield lang, page, requested
    context.close()


def submit_fee(page, date, pages, purpose="own-copy"):
    page.fill("#fee-date", date)
    page.fill("#fee-pages", pages)
    page.select_option("#fee-purpose", purpose)
    page.click("form[data-kind=fee] button[type=submit]")


def submit_deadline(page, date, rule):
    page.fill("#deadline-date", date)
    page.select_option("#deadline-rule", rule)
    page.click("form[data-kind=deadline] button[type=submit]")


def result_text(page, kind):
    result = page.locator(f"form[data-kind={kind}] + .calc-result")
    result.wait_for(state="visible")
    return result.inner_text()


def test_the_page_starts_with_todays_date_and_says_it_is_ready(loaded):
    lang, page, _ = loaded
    assert page.input_value("#fee-date") and page.input_value("#deadline-date")
    assert page.inner_text("#calc-status") == {"en": "The calculator is ready.",
                                               "es": "La calculadora está lista."}[lang]


def test_pyodide_runs_in_a_worker_over_http_and_from_a_folder(loaded):
    _, page, _ = loaded
    workers = [worker.url for worker in page.workers]
    if page.url.startswith("file:"):
        # From a folder: a blob: worker made by the page (Material's search uses an iframe there).
        assert any(url.startswith("blob:") for url in workers), workers
        assert page.evaluate("typeof self.calculatorFiles") == "undefined"  # base64 copies let go
    else:
        assert any(url.endswith("/assets/calculator/worker.js") for url in workers), workers


def test_fee_answers_in_the_pages_language(loaded):
    lang, page, _ = loaded
    submit_fee(page, "2024-07-01", "45")
    text = result_text(page, "fee")
    assert EXPECTED[lang]["fee"] in text and "WSR 20-10-025" in text
    submit_fee(page, "2019-06-06", "10", "ssa-appeal")
    page.locator("form[data-kind=fee] + .calc-result", has_text=EXPECTED[lang]["free"]).wait_for()
    # Paid leave: the copy costs the usual fee; only completing the certification is free.
    submit_fee(page, "2024-06-06", "10", "pfml")
    answer = page.locator("form[data-kind=fee] + .calc-result", has_text=EXPECTED[lang]["pfml"][2])
    answer.wait_for()
    assert all(part in answer.inner_text() for part in EXPECTED[lang]["pfml"])


def test_deadline_answers_name_the_skipped_holiday(loaded):
    lang, page, _ = loaded
    submit_deadline(page, "2025-06-16", "access")
    text = result_text(page, "deadline")
    assert all(part in text for part in EXPECTED[lang]["access"])
    submit_deadline(page, "2025-11-17", "correction")
    page.locator("form[data-kind=deadline] + .calc-result", has_text=EXPECTED[lang]["correction"]).wait_for()


def test_bad_input_shows_a_localized_error_next_to_the_field(loaded):
    lang, page, _ = loaded
    submit_fee(page, "2024-07-01", "0")
    error = page.locator("#fee-pages-error")
    error.wait_for(state="visible")
    assert EXPECTED[lang]["pages_error"] in error.inner_text()
    assert page.get_attribute("#fee-pages", "aria-invalid") == "true"
    assert "fee-pages-error" in page.get_attribute("#fee-pages", "aria-describedby")
    assert page.evaluate("document.activeElement.id") == "fee-pages"
    submit_fee(page, "2014-12-31", "10")
    page.locator("#fee-date-error").wait_for(state="visible")
    assert EXPECTED[lang]["date_error"] in page.inner_text("#fee-date-error")
    assert page.locator("#fee-pages-error").is_hidden()


FORM_WORDS = {
    "en": {"summary": "Please fix these 2 things:", "pages": "Please answer “How many pages?”",
           "date_missing": "Fill in the whole date in the date box: the month, the day and the year.",
           "date_incomplete": "This date is not complete, or it does not exist.", "heading": "Your answer"},
    "es": {"summary": "Por favor, corrija estas 2 cosas:", "pages": "Por favor, responda “¿Cuántas páginas?”",
           "date_missing": "Complete la fecha entera en la casilla de fecha: el mes, el día y el año.",
           "date_incomplete": "Esta fecha está incompleta o no existe.", "heading": "Su respuesta"},
}


def test_several_errors_get_a_summary_that_links_to_each_field(loaded):
    lang, page, _ = loaded
    words = FORM_WORDS[lang]
    page.fill("#fee-date", "")
    page.fill("#fee-pages", "")
    page.click("form[data-kind=fee] button[type=submit]")
    summary = page.locator("form[data-kind=fee] .calc-error-summary")
    summary.wait_for(state="visible")
    assert page.evaluate("document.activeElement.classList.contains('calc-error-summary')")
    assert summary.locator(".calc-error-summary__title").inner_text() == words["summary"]
    assert summary.locator("a").all_inner_texts() == [words["date_missing"], words["pages"]]
    assert page.inner_text("#fee-pages-error") == words["pages"]
    # The reader's words, never the calculator's names for things.
    assert not re.search(r"[“\"](date|pages|purpose|form)[”\"]|field-missing|YYYY|AAAA|year-month-day",
                         page.inner_text("form[data-kind=fee]"))
    summary.locator("a").nth(1).click()
    assert page.evaluate("document.activeElement.id") == "fee-pages"
    assert "#" not in page.url


def test_a_half_typed_date_is_described_as_the_reader_sees_it(loaded):
    lang, page, _ = loaded
    page.fill("#deadline-date", "")
    page.focus("#deadline-date")
    page.keyboard.type("07")  # the month only
    page.click("form[data-kind=deadline] button[type=submit]")
    error = page.locator("#deadline-date-error")
    error.wait_for(state="visible")
    assert error.inner_text().startswith(FORM_WORDS[lang]["date_incomplete"])
    assert page.evaluate("document.activeElement.id") == "deadline-date"
    assert page.locator("form[data-kind=deadline] .calc-error-summary").count() == 0  # one error: no summary


def test_an_answer_is_a_region_with_a_heading_and_gets_the_focus(loaded):
    lang, page, _ = loaded
    submit_deadline(page, "2025-06-16", "access")
    result_text(page, "deadline")
    result = "form[data-kind=deadline] + .calc-result"
    assert page.get_attribute(result, "role") == "region"
    labelled_by = page.get_attribute(result, "aria-labelledby")
    assert page.inner_text(f"{result} h3#{labelled_by}") == FORM_WORDS[lang]["heading"]
    assert page.evaluate(f"document.activeElement === document.querySelector({result!r})")


def test_axe_finds_no_violation_with_a_result_on_screen(loaded):
    _, page, _ = loaded
    submit_deadline(page, "2025-06-16", "access")
    result_text(page, "deadline")
    assert axe_violations(page) == []


def test_nothing_typed_leaves_the_page(loaded):
    _, page, requested = loaded
    origin = urlparse(page.url)
    assert any("pyodide.asm.wasm" in url for url in requested)
    elsewhere = [url for url in requested if not url.startswith(("blob:", "data:"))
                 and (urlparse(url).scheme, urlparse(url).netloc) != (origin.scheme, origin.netloc)]
    assert elsewhere == []
    typed = ("2024-07-01", "2025-06-16", "45")
    # Whole query values: on file:// the search worker's iframe shim adds a timestamp (?1795…45…).
    assert [url for url in requested if set(typed) & set(re.split(r"[&=]", urlparse(url).query))] == []
    assert page.evaluate("localStorage.length + sessionStorage.length") == 0 and page.evaluate("document.cookie") == ""
    assert "?" not in page.url


def tab_to(page, is_target: str, most: int = 6):
    """Press Tab until the focused element matches the JS test `is_target` (a date field has 3 stops)."""
    for _ in range(most):
        page.keyboard.press("Tab")
        if page.evaluate(f"(el => {is_target})(document.activeElement)"):
            return
    raise AssertionError(f"Tab never reached {is_target}")


def test_the_whole_form_works_from_the_keyboard(loaded):
    lang, page, _ = loaded
    page.focus("#fee-date")
    page.keyboard.type("07012024")  # the date field as a US-English browser shows it: mm/dd/yyyy
    tab_to(page, "el.id === 'fee-pages'")
    page.keyboard.press("Control+A")
    page.keyboard.type("45")
    tab_to(page, "el.type === 'submit' && el.form.dataset.kind === 'fee'")  # past reason and form of copy
    page.keyboard.press("Enter")
    page.locator("form[data-kind=fee] + .calc-result", has_text=EXPECTED[lang]["fee"]).wait_for()
    assert page.evaluate("document.activeElement.classList.contains('calc-result')")
    tab_to(page, "el.textContent === %r" % {"en": "Start again", "es": "Empezar de nuevo"}[lang])
    page.keyboard.press("Enter")
    page.locator("form[data-kind=fee] + .calc-result").wait_for(state="hidden")
    assert page.evaluate("document.activeElement.id") == "fee-date"


TABLES_WORDS = {"en": "use the tables lower on this page", "es": "use las tablas más abajo"}
COULD_NOT_START = {"en": "could not start on this computer", "es": "no pudo iniciar en esta computadora"}


@pytest.mark.parametrize("lang", ["en", "es"])
def test_when_pyodide_fails_the_page_points_to_the_tables(page, site_url, lang):
    page.route("**/assets/pyodide/pyodide.asm.wasm.*.js", lambda route: route.abort())
    page.goto(calculator_url(site_url, lang))
    # Said at once, as a start that could not be made (not after the 30 s a stalled download is given).
    page.wait_for_selector("#calc-app[data-state=failed]", state="attached", timeout=15000)
    assert TABLES_WORDS[lang] in page.inner_text("#calc-status")
    assert COULD_NOT_START[lang] in page.inner_text("#calc-status")
    assert page.is_visible("#calc-retry") and page.is_visible("#calc-failed-actions a[href='#tables']")
    assert page.locator("#fee-table + * table, #tables ~ .md-typeset__scrollwrap table, article table").first.is_visible()
    # Someone who fills in the form anyway is told by the button, not only at the top of the page.
    submit_fee(page, "2024-07-01", "45")
    by_the_button = page.locator("form[data-kind=fee] .calc-error--form")
    by_the_button.wait_for(state="visible")
    assert TABLES_WORDS[lang] in by_the_button.inner_text()


def test_from_a_folder_a_browser_that_refuses_a_blob_worker_is_pointed_to_the_tables(page, site_file_url):
    # Python never runs on the page itself, where it would freeze it for seconds: without a worker the
    # page says so at once and points to the tables, which give the same answers.
    page.add_init_script("""(() => {
        const Native = self.Worker;
        self.Worker = function (url, options) {
            if (String(url).startsWith("blob:")) throw new DOMException("refused", "SecurityError");
            return new Native(url, options);
        };
    })();""")
    page.goto(calculator_url(site_file_url, "en"))
    page.wait_for_selector("#calc-app[data-state=failed]", state="attached", timeout=40000)
    assert TABLES_WORDS["en"] in page.inner_text("#calc-status")
    assert page.is_visible("#calc-retry")
