"""When Python cannot answer, the calculator page says so in its own language: an error inside the
worker comes back as an error (the worker keeps answering), and a request the worker never answers
meets the page's time limit, which stops the worker."""
import io
import zipfile
from pathlib import Path

import pytest

from ..waits import WATCH_SUBMITS, submissions
from .pyodide_files import SAVE_DATA, serve_changed_file, shipped_bytes
from .test_calculator_page import EXPECTED, READY, calculator_url, result_text, submit_fee

ROOT = Path(__file__).resolve().parents[2]
# Appended to calculator/boundary.py in the zip the worker loads: two requests that break it the two
# ways the page must survive (Pyodide itself failing, and Python never returning).
BREAKABLE_BOUNDARY = '''

class _AsIfPyodideFailed(BaseException):
    """Escapes handle_json's `except Exception`, as a failure of Pyodide itself would."""


_answer_json = handle_json


def handle_json(request_json):
    if "explode" in request_json:
        raise _AsIfPyodideFailed("broken on purpose by the test")
    if "hang" in request_json:
        while True:
            pass
    return _answer_json(request_json)
'''
MESSAGES = {
    "en": {"error": "Sorry, the calculator could not answer this.",
           "timeout": "The calculator took too long to answer, so we stopped it."},
    "es": {"error": "Lo sentimos, la calculadora no pudo responder esto.",
           "timeout": "La calculadora tardó demasiado en responder, así que la detuvimos."},
}


def breakable_calculator_zip(site) -> bytes:
    bundle = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(shipped_bytes(site, "calculator.zip"))) as shipped, \
            zipfile.ZipFile(bundle, "w", zipfile.ZIP_DEFLATED) as changed:
        for info in shipped.infolist():
            data = shipped.read(info)
            if info.filename == "calculator/boundary.pyc":  # shipped compiled: its source, changed, instead
                info = zipfile.ZipInfo("calculator/boundary.py", date_time=info.date_time)
                data = (ROOT / "calculator" / "boundary.py").read_bytes() + BREAKABLE_BOUNDARY.encode()
            changed.writestr(info, data)
    return bundle.getvalue()


def calculator_workers(page) -> list:
    return [worker for worker in page.workers if worker.url.endswith("calculator/worker.js")]


@pytest.mark.parametrize("lang", ["en", "es"])
def test_an_error_or_a_hang_in_the_worker_is_said_in_the_pages_language(page, built_site, site_url, lang):
    # A normal start (as for a reader who asks to save data): the snapshot has the shipped boundary imported.
    page.add_init_script(SAVE_DATA)
    page.add_init_script(WATCH_SUBMITS)
    serve_changed_file(page, built_site, "calculator.zip", breakable_calculator_zip(built_site))
    page.clock.install()  # the time limit is then reached by moving the page's clock, not by waiting
    page.goto(calculator_url(site_url, lang))
    page.wait_for_selector(READY, state="attached", timeout=40000)
    by_the_button = page.locator("form[data-kind=fee] .calc-error--form")

    submit_fee(page, "2024-07-01", "explode")
    by_the_button.wait_for(state="visible")
    assert MESSAGES[lang]["error"] in by_the_button.inner_text()
    submit_fee(page, "2024-07-01", "45")  # the worker still answers
    assert EXPECTED[lang]["fee"] in result_text(page, "fee")

    (worker,) = calculator_workers(page)
    submit_fee(page, "2024-07-01", "hang")
    # The request is with the worker: the click dispatched the submission (the third), and the limit's
    # timer is set in the same task. The limit is ten seconds of the page's clock (which also runs on by
    # itself): half of it passes with nothing said, then eleven seconds in all, and it is met.
    assert len(submissions(page)) == 3
    page.clock.fast_forward(5_000)
    assert by_the_button.is_hidden()  # still within the limit
    with worker.expect_event("close", timeout=10000):  # the stopped worker goes away
        page.clock.fast_forward(6_000)
        page.locator("form[data-kind=fee] .calc-error--form", has_text=MESSAGES[lang]["timeout"]).wait_for()
    assert MESSAGES[lang]["timeout"] in page.inner_text("#calc-status")
    assert page.locator("form[data-kind=fee] + .calc-result").is_hidden()
    page.wait_for_function("() => document.querySelector('#calc-app').dataset.state === 'failed'")
    assert calculator_workers(page) == []
    # Asked again, the stopped calculator says so at once instead of waiting another ten seconds (the
    # page's clock runs on by itself, so a wait for the limit would outlast the five seconds given here).
    submit_fee(page, "2024-07-02", "45")
    assert len(submissions(page)) == 4
    answered = page.locator("form[data-kind=fee] .calc-error--form:not(.calc-error--wait)",
                            has_text=MESSAGES[lang]["timeout"])
    answered.wait_for(timeout=5000)
