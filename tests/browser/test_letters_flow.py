"""The letter builder's flow, GOV.UK style, in Chromium and both languages: guide links open the builder
with their letter chosen; each step shows only the controls that apply (no Back on the first, one
forward button, a count that does not change, the calendar only with dates); "Change" comes back to
check your answers; choices fit together; the Spanish page says where its typed words go; the printed
letter keeps its dates and the Spanish copy its signature; the download shows progress on a slow link;
"Back to top" never covers a phone's text; search finds the words people type."""
from __future__ import annotations

import re
from urllib.parse import quote

import pytest

from calculator.questions import questions

from ..axe import axe_violations
from ..site.pages import page_url, search_result_links
from .pyodide_files import manifest
from .test_calculator_start import PROGRESS, SO_FAR, progress_texts
from .test_letters_page import (ANSWERS, LETTER_TIMEOUT_MS, fill_you_and_provider, letters_url, next_step,
                                write_access_letter)

GUIDE_LINKS = [("get-your-records", "access"), ("correct-your-records", "correction"),
               ("correct-your-records", "disagreement"), ("if-the-law-is-not-followed", "follow-up"),
               ("if-they-say-no", "second-review")]


@pytest.fixture(params=["en", "es"])
def lang(request):
    return request.param


@pytest.fixture
def fresh(browser):
    """A fresh page at a phone's width (360 px) in its own context."""
    context = browser.new_context(viewport={"width": 360, "height": 780})
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page, errors
    context.close()


def in_view(page, selector: str) -> bool:
    return page.evaluate("""selector => { const box = document.querySelector(selector).getBoundingClientRect();
        return box.top < innerHeight && box.bottom > 0; }""", selector)


def visible_forward_buttons(page) -> list[str]:
    return page.eval_on_selector_all("#letter-form button[type=submit]",
                                     "buttons => buttons.filter(b => b.offsetParent !== null).map(b => b.dataset.action)")


@pytest.mark.parametrize("guide, letter_type", GUIDE_LINKS)
def test_a_guide_link_opens_the_builder_with_its_letter_chosen(fresh, site_url, lang, guide, letter_type):
    page, errors = fresh
    page.goto(page_url(site_url, lang, guide))
    sample = questions().letters[letter_type]["sample"]
    page.locator(f'a[href*="letters.html?letter={letter_type}#{sample}"]').first.click()
    page.wait_for_load_state("load")
    page.wait_for_function("document.activeElement && document.activeElement.name === 'type'")
    assert page.is_checked(f"#type-{letter_type}")
    assert page.evaluate("document.activeElement.id") == f"type-{letter_type}"
    assert in_view(page, "#letter-form") and not in_view(page, f"#{sample}")
    assert "?letter=" in page.url and "López" not in page.url
    assert errors == []


def test_a_guide_link_starts_python_while_the_page_is_still_parsed(fresh, site_url, lang):
    # letter-start.js starts Python from <head> once the letter's choice is parsed; letters.js (deferred)
    # takes that start over. It used to start only after the whole page and Material's scripts had run.
    page, errors = fresh
    page.goto(letters_url(site_url, lang) + "?letter=access")
    page.wait_for_selector("#letter-app[data-state=ready]", state="attached", timeout=40000)
    launched, parsed = page.evaluate("""[performance.getEntriesByName("calculator-launch").map((mark) => mark.startTime),
                                          performance.getEntriesByType("navigation")[0].domInteractive]""")
    assert len(launched) == 1 and launched[0] < parsed, (launched, parsed)  # one start, begun before parsing ended
    assert page.is_checked("#type-access")
    write_access_letter(page)
    assert ANSWERS["patient_name"] in page.inner_text("#letter-output") and errors == []


@pytest.mark.parametrize("named", ["nonsense", 'acc"ess]'])
def test_an_address_naming_no_letter_of_the_page_starts_nothing(fresh, site_url, named):
    page, errors = fresh
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(letters_url(site_url, "en") + "?letter=" + quote(named))
    page.wait_for_load_state("networkidle")
    assert not any("pyodide" in url for url in requested), "Pyodide must not load for a letter the page does not have"
    assert page.evaluate("performance.getEntriesByName('calculator-launch').length") == 0
    assert page.get_attribute("#letter-app", "data-state") is None and errors == []


def test_the_start_from_a_guide_link_says_how_it_goes_once_the_builder_shows(fresh, site_url, built_site):
    # The start from the address began before letters.js: its status and progress lines stay shown.
    page, errors = fresh
    held, wasm_url = [], f"**/assets/pyodide/{manifest(built_site)['files']['pyodide.asm.wasm']['url']}"
    page.route(wasm_url, lambda route: held.append(route))
    page.goto(letters_url(site_url, "es") + "?letter=access")
    page.wait_for_function("document.activeElement && document.activeElement.id === 'type-access'")
    assert page.get_attribute("#letter-app", "data-state") == "loading"
    assert page.is_visible("#letter-status") and page.is_visible("#letter-progress")
    assert page.inner_text("#letter-status").startswith(page.get_attribute("#letter-app", "data-msg-loading"))
    for route in held:
        route.continue_()
    page.unroute(wasm_url)
    page.wait_for_selector("#letter-app[data-state=ready]", state="attached", timeout=40000)
    assert page.is_hidden("#letter-progress") and errors == []


def test_the_which_letter_list_on_the_page_opens_the_builder_without_a_reload(fresh, site_url, lang):
    page, _ = fresh
    page.goto(letters_url(site_url, lang))
    page.evaluate("window.notReloaded = true")
    page.click('#which-letter ~ ul a[href^="?letter=follow-up"]')
    assert page.is_checked("#type-follow-up") and page.evaluate("window.notReloaded") is True
    assert in_view(page, "#letter-form")


def test_without_javascript_a_guide_link_lands_on_the_sample(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "letters.html?letter=access#access-letter")
    assert page.is_visible("#access-letter") and page.is_hidden("#letter-app")
    context.close()


def test_each_step_shows_only_the_controls_that_apply(fresh, site_url, lang):
    page, _ = fresh
    page.goto(letters_url(site_url, lang))
    assert page.is_hidden("#letter-form [data-action=back]")  # step 1: nowhere to go back to
    assert visible_forward_buttons(page) == ["next"]
    assert page.inner_text("#letter-form [data-step=type] .letter-step__count") == ""  # no count before a choice
    page.click("label[for=type-second-review]")
    counts = [page.inner_text("[data-step=type] .letter-step__count")]
    next_step(page)
    while page.is_hidden("[data-step=check]"):
        step = page.locator(".letter-step:not([hidden])")
        counts.append(step.locator(".letter-step__count").inner_text())
        assert page.is_visible("#letter-form [data-action=back]") and visible_forward_buttons(page) == ["next"]
        # Only this letter's questions: nothing meant for the access or correction letters.
        for name in ("copy_form", "delivery", "purpose", "correction_entry", "received_date", "delay_notice"):
            assert page.is_hidden(f"#{name}")
        dates = {"patient_birth_date": "1980-03-04", "sent_date": "2026-08-10", "refusal_date": "2026-08-03"}
        for field in step.locator("[aria-required=true]").all():
            field.fill(dates.get(field.get_attribute("id"), "Dr. Lee"))
        next_step(page)
    counts.append(page.inner_text("[data-step=check] .letter-step__count"))
    assert visible_forward_buttons(page) == ["make"]
    totals = {re.search(r"(\d+)\D*$", count).group(1) for count in counts}
    assert len(totals) == 1 and len(counts) == int(totals.pop())  # "of 6" on every step, and 6 steps
    page.click("#letter-form [data-action=make]")
    page.wait_for_selector("#letter-output:not([hidden])", timeout=LETTER_TIMEOUT_MS)
    assert page.is_hidden("[data-action=download-ics]")  # a second review has no deadline to put in a calendar


def test_the_calendar_button_shows_when_the_letter_has_dates(fresh, site_url):
    page, _ = fresh
    page.goto(letters_url(site_url, "en"))
    write_access_letter(page)
    assert page.is_visible("[data-action=download-ics]")


def to_check_your_answers(page, base: str, lang: str) -> None:
    """An access letter's answers, up to check your answers (the date on the letter is today)."""
    page.goto(letters_url(base, lang))
    page.click("label[for=type-access]")
    next_step(page)
    fill_you_and_provider(page)
    page.fill("#records", ANSWERS["records"])
    next_step(page)
    next_step(page)


def test_change_on_check_your_answers_comes_back_to_it(fresh, site_url, lang):
    page, _ = fresh
    to_check_your_answers(page, site_url, lang)
    assert page.is_visible("#letter-check")
    page.locator(".letter-check__change", has_text=page.inner_text("label[for=provider_name]")).click()
    assert page.evaluate("document.activeElement.id") == "provider_name"
    page.fill("#provider_name", "Tacoma Family Clinic")
    next_step(page)
    assert page.is_visible("#letter-check") and page.evaluate("document.activeElement.id") == "letter-check-heading"
    assert "Tacoma Family Clinic" in page.inner_text("#letter-check")


def test_choosing_another_letter_from_check_your_answers_asks_its_new_questions(fresh, site_url):
    page, _ = fresh
    to_check_your_answers(page, site_url, "en")
    page.locator(".letter-check__change").first.click()  # the letter itself
    page.click("label[for=type-correction]")
    next_step(page)
    assert page.is_visible("#correction_entry")  # not straight back to a check with questions unanswered


def test_the_answers_fit_together(fresh, site_url, lang):
    page, _ = fresh
    page.goto(letters_url(site_url, lang))
    page.click("label[for=type-access]")
    next_step(page)
    fill_you_and_provider(page)
    offered = lambda: page.eval_on_selector_all("#delivery option", "options => options.filter(o => !o.disabled).map(o => o.value)")
    assert offered() == ["mail", "pickup"] and page.input_value("#delivery") == "mail"
    page.select_option("#copy_form", "electronic")
    assert offered() == ["portal", "email", "pickup"] and page.input_value("#delivery") == "portal"
    page.select_option("#access_kind", "inspect")  # only to look: no copy to send
    assert page.is_hidden("#copy_form") and page.is_hidden("#delivery")
    page.select_option("#access_kind", "both")
    assert page.is_visible("#copy_form") and page.is_visible("#delivery")


def test_email_delivery_needs_an_email_address(fresh, site_url):
    page, _ = fresh
    page.goto(letters_url(site_url, "en"))
    page.click("label[for=type-access]")
    next_step(page)
    fill_you_and_provider(page)
    page.fill("#records", "x")
    page.select_option("#copy_form", "electronic")
    page.select_option("#delivery", "email")
    next_step(page)
    page.click("#letter-form [data-action=next]")
    page.click("#letter-form [data-action=make]")
    page.wait_for_selector("#patient_email-error:not([hidden])", timeout=LETTER_TIMEOUT_MS)
    assert page.evaluate("document.activeElement.id") == "patient_email"


def test_spanish_free_text_boxes_say_the_words_go_into_the_english_letter(fresh, site_url):
    page, _ = fresh
    page.goto(letters_url(site_url, "es"))
    page.click("label[for=type-correction]")
    next_step(page)
    fill_you_and_provider(page)
    for name in ("correction_entry", "reason", "correction_should_say", "notify_others"):
        hint = page.locator(f"#{name}-hint")
        assert hint.is_visible() and "va en la carta en inglés tal como lo escriba" in hint.inner_text()
        assert f"{name}-hint" in page.get_attribute(f"#{name}", "aria-describedby")
        page.fill(f"#{name}", "Dice que soy alérgica a la penicilina.")
    page.check("#written_in_spanish")
    next_step(page)
    page.fill("#sent_date", "2026-11-16")
    next_step(page)
    page.click("#letter-form [data-action=make]")
    page.wait_for_selector("#letter-output:not([hidden])", timeout=LETTER_TIMEOUT_MS)
    english = page.inner_text("#letter-english")
    assert "Some of my answers in this letter are written in Spanish" in english
    assert "Dice que soy alérgica a la penicilina." in english


def test_the_english_page_does_not_offer_the_spanish_line(fresh, site_url):
    page, _ = fresh
    page.goto(letters_url(site_url, "en"))
    assert page.locator("#written_in_spanish").count() == 0 and page.locator(".calc-hint", has_text="inglés").count() == 0


def _pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page\b", pdf))


def test_the_printed_letter_keeps_its_dates_and_each_letter_stays_on_its_page(browser, site_url, lang):
    context = browser.new_context()
    page = context.new_page()
    page.goto(letters_url(site_url, lang))
    write_access_letter(page, purpose="pfml")  # the longest access letter
    page.emulate_media(media="print")
    dates = page.locator("#letter-dates-print")
    assert page.evaluate("getComputedStyle(document.querySelector('.letter-dates-print')).display") != "none"
    assert {"en": "Thursday, July 9, 2026", "es": "jueves 9 de julio de 2026"}[lang] in dates.inner_text()
    pages = _pdf_pages(page.pdf(format="Letter"))
    # English: the letter, then the dates on the person's own page. Spanish: the letter, the copy with
    # its signature, then the dates.
    assert pages == {"en": 2, "es": 3}[lang]
    context.close()


def test_the_letters_page_shows_the_download_on_a_slow_link(page, site_url):
    page.add_init_script(progress_texts("letter-progress-text"))
    session = page.context.new_cdp_session(page)
    session.send("Network.enable")
    session.send("Network.emulateNetworkConditions", {"offline": False, "latency": 150,
                                                      "downloadThroughput": 4e6 / 8, "uploadThroughput": 750e3 / 8})
    page.goto(letters_url(site_url, "es"))
    page.click("label[for=type-access]")  # Python starts when a person starts a letter
    page.wait_for_selector("#letter-progress:not([hidden])", timeout=10000)
    page.wait_for_function("() => document.getElementById('letter-progress-bar').value >= 5", timeout=60000)
    assert re.fullmatch(r"Descargado: [\d.]+ MB de [\d.]+ MB \(\d+ %\)\.", page.inner_text("#letter-progress-text"))
    assert page.inner_text("#letter-status").startswith("Preparando el programa de cartas")
    page.wait_for_selector("#letter-app[data-state=ready]", state="attached", timeout=120000)
    assert page.is_hidden("#letter-progress")
    # Every line it showed was in Spanish: the bytes so far while the link was measured, then the total.
    seen = page.evaluate("self.progressTexts")
    assert seen and all(PROGRESS["es"].match(text) or SO_FAR["es"].match(text) for text in seen), seen


def test_back_to_top_never_covers_a_phones_text(fresh, site_url, lang):
    page, _ = fresh
    page.goto(page_url(site_url, lang, "costs"))
    page.mouse.wheel(0, 3000)
    page.wait_for_function("() => scrollY > 1000")
    page.mouse.wheel(0, -400)  # scrolling back up is what shows Material's button
    # The state the test is about: Material has shown its button (no longer `hidden`), and it still takes
    # no room on a phone's screen.
    page.wait_for_selector(".md-top:not([hidden])", state="attached")
    assert page.evaluate("getComputedStyle(document.querySelector('.md-top')).display") == "none"


def test_a_guide_link_opens_the_builder_in_the_offline_copy(browser, site_file_url, lang):
    context = browser.new_context()
    page = context.new_page()
    page.goto(letters_url(site_file_url, lang) + "?letter=correction#correction-letter")
    page.wait_for_function("document.activeElement && document.activeElement.id === 'type-correction'")
    assert page.is_checked("#type-correction")
    context.close()


def test_axe_finds_no_violation_on_check_your_answers(fresh, site_url, lang):
    page, _ = fresh
    to_check_your_answers(page, site_url, lang)
    assert axe_violations(page) == []


SEARCHES = {
    "en": [("overcharge", "costs.html"), ("retrieval fee", "costs.html"), ("copy service", "costs.html"),
           ("lawyer", "if-the-law-is-not-followed.html"), ("deceased", "special-cases.html"),
           ("father", "special-cases.html"), ("parent", "special-cases.html"),
           # A parent's words (issue 31, item 9).
           ("daughter", "special-cases.html"), ("son", "special-cases.html"), ("teen", "special-cases.html"),
           ("counseling", "special-cases.html"), ("counselor", "special-cases.html"), ("died", "special-cases.html"),
           ("passed away", "special-cases.html")],
    "es": [("cobro excesivo", "costs.html"), ("cargo por búsqueda", "costs.html"),
           ("empresa de copias", "costs.html"), ("abogado", "if-the-law-is-not-followed.html"),
           ("fallecida", "special-cases.html"), ("padre", "special-cases.html"), ("madre", "special-cases.html"),
           ("hija", "special-cases.html"), ("hijo", "special-cases.html"), ("adolescente", "special-cases.html"),
           ("terapia", "special-cases.html"), ("terapeuta", "special-cases.html"), ("murió", "special-cases.html"),
           ("falleció", "special-cases.html")],
}


def test_search_finds_the_words_people_type(browser, site_url, lang):
    context = browser.new_context()
    page = context.new_page()
    missing = []
    for word, expected in SEARCHES[lang]:
        page.goto(page_url(site_url, lang, "index"))
        links = search_result_links(page, word)[:6]
        if not any(expected in link for link in links):
            missing.append((word, links))
    assert missing == []
    context.close()


def test_a_bill_over_the_limit_becomes_a_letter_naming_each_charge(fresh, site_url, lang):
    page, errors = fresh
    page.goto(letters_url(site_url, lang) + "?letter=fee-dispute#fee-dispute-letter")
    page.wait_for_function("document.activeElement && document.activeElement.id === 'type-fee-dispute'")
    next_step(page)
    fill_you_and_provider(page)
    assert page.is_visible("#copy_form") and page.is_visible("#bill_for") and page.is_hidden("#delivery")
    next_step(page)
    assert page.is_visible("#bill_pages") and page.is_hidden("#bill_first_tier_per_page") is True
    page.fill("#bill_pages", "60")
    page.fill("#bill_per_page", "1.50")
    page.fill("#bill_clerical", "35")
    page.fill("#bill_total", "125")
    next_step(page)
    page.fill("#sent_date", "2026-11-02")
    page.fill("#received_date", "2026-10-01")
    next_step(page)
    page.click("#letter-form [data-action=make]")
    page.wait_for_selector("#letter-output:not([hidden])", timeout=LETTER_TIMEOUT_MS)
    english = page.inner_text("#letter-english")
    assert "the most is $93.40" in english and "the most would then be $65.40" in english
    assert "you charged $35.00; the most is $28.00, so $7.00 over." in english
    assert page.is_hidden("[data-action=download-ics]")
    if lang == "es":
        assert "lo máximo es $93.40" in page.inner_text("#letter-translation")
    assert axe_violations(page) == [] and errors == []


def test_a_bill_amount_typed_wrong_is_named_at_its_field(fresh, site_url):
    page, _ = fresh
    page.goto(letters_url(site_url, "es") + "?letter=fee-dispute")
    next_step(page)
    fill_you_and_provider(page)
    next_step(page)
    page.fill("#bill_pages", "60")
    page.fill("#bill_per_page", "uno cincuenta")
    page.fill("#bill_total", "125")
    next_step(page)
    page.fill("#received_date", "2026-10-01")
    next_step(page)
    page.click("#letter-form [data-action=make]")
    page.wait_for_selector("#bill_per_page-error:not([hidden])", timeout=LETTER_TIMEOUT_MS)
    assert page.inner_text("#bill_per_page-error").startswith("“el cargo por cada página”: escriba una cantidad en dólares")
    assert page.evaluate("document.activeElement.id") == "bill_per_page"
