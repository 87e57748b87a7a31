"""Reading help, in Chromium and both languages: Listen with on-device voices only (speechSynthesis replaced
by a recording stub), plain-word explanations that open by keyboard and touch and print as text, "Before
you start" from the question data, 44 px targets at a phone's width, and a high-contrast switch that
passes the 7:1 contrast rule and lasts only for the visit."""
from __future__ import annotations

import json

import pytest

from calculator.questions import questions

from ..axe import axe_violations
from ..waits import changes_over_frames, settled

from .test_letters_page import LETTER_TIMEOUT_MS, letters_url
from .test_new_letters_page import fill_required_and_make

# The browser's speech replaced by a recorder: voices as the test gives them (window.__voices), each
# utterance kept in window.__spoken with its voice and language; an utterance ends when the test says.
SPEECH_STUB = """(() => {
  window.__voices = window.__voices || [
    { name: "Cloud English", lang: "en-US", localService: false, default: true },
    { name: "Local English", lang: "en-US", localService: true, default: false },
    { name: "Cloud Spanish", lang: "es-US", localService: false, default: false },
    { name: "Local Spanish", lang: "es_MX", localService: true, default: false },
  ];
  window.__spoken = [];
  let current = null;
  class Utterance extends EventTarget {
    constructor(text) { super(); this.text = text; this.lang = ""; this.voice = null; }
  }
  const synth = new EventTarget();
  synth.getVoices = () => window.__voices;
  synth.speak = (utterance) => {
    current = utterance;
    window.__spoken.push({ text: utterance.text, lang: utterance.lang, voice: utterance.voice && utterance.voice.name });
  };
  synth.cancel = () => { current = null; };
  synth.pause = () => {};
  synth.resume = () => {};
  window.__word = (index, length) => {
    const event = new Event("boundary");
    Object.assign(event, { name: "word", charIndex: index, charLength: length });
    current.dispatchEvent(event);
  };
  window.__finishAll = () => { let n = 0; while (current && n++ < 5000) { const done = current; current = null; done.dispatchEvent(new Event("end")); } };
  Object.defineProperty(window, "speechSynthesis", { value: synth, configurable: true });
  window.SpeechSynthesisUtterance = Utterance;
})()"""
NO_LOCAL_VOICE = """window.__voices = [{ name: "Cloud English", lang: "en-US", localService: false, default: true },
                                       { name: "Cloud Spanish", lang: "es-US", localService: false, default: false }];"""


@pytest.fixture(params=["en", "es"])
def lang(request):
    return request.param


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport={"width": 360, "height": 780})
    context.add_init_script(SPEECH_STUB)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    assert errors == []
    context.close()


def base(site_url: str, lang: str) -> str:
    return site_url + ("es/" if lang == "es" else "")


def normal(text: str) -> str:
    return " ".join(text.split())


def read_all(page) -> list[dict]:
    page.evaluate("window.__finishAll()")
    return page.evaluate("window.__spoken")


def test_listen_reads_the_pages_shown_text_with_a_local_voice_only(phone, site_url, lang):
    page = phone
    page.goto(base(site_url, lang) + "costs.html")
    listen = page.locator(".page-tools .listen")
    assert listen.is_visible()
    listen.locator("[data-listen-action=play]").click()
    assert page.inner_text(".page-tools .listen__status") == {
        "en": "Reading aloud. The voice is on this computer: nothing is sent.",
        "es": "Leyendo en voz alta. La voz está en esta computadora: no se envía nada."}[lang]
    spoken = read_all(page)
    assert {item["voice"] for item in spoken} == {{"en": "Local English", "es": "Local Spanish"}[lang]}
    assert {item["lang"] for item in spoken} == {{"en": "en-US", "es": "es_MX"}[lang]}
    shown = page.evaluate("""() => { const article = document.querySelector('article');
        const tools = article.querySelector('.page-tools'); tools.style.display = 'none';
        const text = article.innerText; tools.style.display = ''; return text; }""")
    assert normal(" ".join(item["text"] for item in spoken)) == normal(shown)
    assert page.inner_text(".page-tools .listen__status") in ("Done reading.", "Terminó la lectura.")


def test_listen_never_reads_a_hidden_explanation_until_it_is_shown(phone, site_url):
    page = phone
    page.goto(site_url + "get-your-records.html")
    tip = page.locator(".glossary__tip").first
    explanation = normal(tip.inner_text() if tip.is_visible() else page.evaluate(
        "document.querySelector('.glossary__tip').textContent"))
    page.click(".page-tools [data-listen-action=play]")
    assert explanation not in normal(" ".join(item["text"] for item in read_all(page)))
    page.click(".glossary__term >> nth=0")
    page.evaluate("window.__spoken = []")
    page.click(".page-tools [data-listen-action=play]")
    assert explanation in normal(" ".join(item["text"] for item in read_all(page)))


def test_pause_go_on_and_stop_are_said_and_the_word_read_is_marked(phone, site_url):
    page = phone
    page.goto(site_url + "index.html")
    tools = ".page-tools .listen"
    page.click(f"{tools} [data-listen-action=play]")
    page.evaluate("window.__word(0, 4)")
    assert page.evaluate("CSS.highlights.has('listen-word')")
    page.click(f"{tools} [data-listen-action=pause]")
    assert page.inner_text(f"{tools} .listen__status") == "Paused."
    assert page.is_visible(f"{tools} [data-listen-action=resume]") and page.is_hidden(f"{tools} [data-listen-action=pause]")
    page.click(f"{tools} [data-listen-action=resume]")
    page.click(f"{tools} [data-listen-action=stop]")
    assert page.inner_text(f"{tools} .listen__status") == "Stopped."
    assert not page.evaluate("CSS.highlights.has('listen-word')")
    assert page.is_visible(f"{tools} [data-listen-action=play]")


def test_listen_works_from_the_keyboard(phone, site_url):
    page = phone
    page.goto(site_url + "index.html")
    page.focus(".page-tools [data-listen-action=play]")
    page.keyboard.press("Enter")
    assert len(page.evaluate("window.__spoken")) == 1


def test_no_listen_button_without_a_local_voice(browser, site_url, lang):
    context = browser.new_context()
    context.add_init_script(NO_LOCAL_VOICE)
    context.add_init_script(SPEECH_STUB)
    page = context.new_page()
    page.goto(base(site_url, lang) + "costs.html")
    assert page.locator(".listen").count() == 1 and page.is_hidden(".listen")
    context.close()


def test_the_letter_and_its_spanish_copy_are_read_each_in_its_language(phone, site_url):
    page = phone
    page.goto(letters_url(site_url, "es"))
    page.check("#type-follow-up")
    page.click("#letter-form [data-action=next]")
    fill_required_and_make(page)
    letter, copy = "#letter-output .listen[data-listen='#letter-english']", "#letter-output .listen[data-listen='#letter-translation']"
    assert page.is_visible(letter) and page.is_visible(copy)
    page.click(f"{letter} [data-listen-action=play]")
    english = read_all(page)
    assert {item["voice"] for item in english} == {"Local English"}
    assert normal(" ".join(item["text"] for item in english)) == normal(page.inner_text("#letter-english"))
    page.evaluate("window.__spoken = []")
    page.click(f"{copy} [data-listen-action=play]")
    spanish = read_all(page)
    assert {item["voice"] for item in spanish} == {"Local Spanish"}
    assert normal(" ".join(item["text"] for item in spanish)) == normal(page.inner_text("#letter-translation"))


def test_the_calculator_answer_can_be_heard(phone, site_url, lang):
    page = phone
    page.goto(base(site_url, lang) + "calculator.html")
    assert page.is_hidden("#fee-result + .listen")  # nothing to read before an answer
    page.wait_for_function("() => document.getElementById('calc-app').dataset.state === 'ready'", timeout=LETTER_TIMEOUT_MS)
    page.fill("form[data-kind=fee] [data-field=pages]", "45")
    page.click("form[data-kind=fee] button[type=submit]")
    page.wait_for_selector("#fee-result:not([hidden])", timeout=LETTER_TIMEOUT_MS)
    page.click("#fee-result + .listen [data-listen-action=play]")
    spoken = normal(" ".join(item["text"] for item in read_all(page)))
    # Everything the answer shows but its buttons (Print, Start again): controls are not read.
    shown = page.evaluate("""() => { const actions = document.querySelector('#fee-result .calc-actions');
        actions.style.display = 'none'; const text = document.getElementById('fee-result').innerText;
        actions.style.display = ''; return text; }""")
    assert spoken == normal(shown)


# ---- Plain words ----

def test_a_term_opens_by_keyboard_and_escape_closes_it(phone, site_url, lang):
    page = phone
    page.goto(base(site_url, lang) + "get-your-records.html")
    term = page.locator(".glossary__term").first
    tip = "#" + term.get_attribute("aria-controls")
    assert page.is_hidden(tip)
    term.focus()
    page.keyboard.press("Enter")
    assert page.is_visible(tip) and term.get_attribute("aria-expanded") == "true"
    page.keyboard.press("Escape")
    assert page.is_hidden(tip) and term.get_attribute("aria-expanded") == "false"


def test_a_term_opens_by_touch(browser, site_url):
    context = browser.new_context(viewport={"width": 360, "height": 780}, has_touch=True, is_mobile=True)
    page = context.new_page()
    page.goto(site_url + "costs.html")
    term = page.locator(".glossary__term").first
    term.tap()
    assert page.is_visible("#" + term.get_attribute("aria-controls"))
    context.close()


def test_every_explanation_prints_as_text(phone, site_url, lang):
    page = phone
    page.goto(base(site_url, lang) + "get-your-records.html")
    page.emulate_media(media="print")
    tips = page.locator(".glossary__tip")
    assert tips.count() > 2
    for index in range(tips.count()):
        shown = tips.nth(index).inner_text()
        assert tips.nth(index).is_visible() and shown.strip().startswith("(") and shown.strip().endswith(")")
    assert page.is_hidden(".page-tools")


def test_axe_finds_nothing_with_an_explanation_open_and_on_the_glossary_page(phone, site_url, lang):
    page = phone
    for name in ("get-your-records", "glossary"):
        page.goto(base(site_url, lang) + f"{name}.html")
        if name != "glossary":
            page.click(".glossary__term >> nth=0")
        assert axe_violations(page) == [], name


# ---- Before you start ----

def test_each_letter_says_what_to_have_at_hand_and_how_long_from_its_questions(phone, site_url, lang):
    page = phone
    page.goto(letters_url(site_url, lang))
    data = questions()
    for letter_type in data.letters:
        page.check(f"#type-{letter_type}")
        before = page.locator(f"[data-before-for='{letter_type}']")
        assert before.is_visible()
        assert before.locator("li").all_inner_texts() == [have[lang] for have in data.to_have(letter_type)]
        assert str(data.minutes(letter_type)) in before.locator(".letter-before__time").inner_text()
        assert page.locator(".letter-before:visible").count() == 1
    general = page.locator("#before-you-start + .letter-before__title + ul li").all_inner_texts()
    assert general == [have[lang] for have in data.to_have()]


# ---- Easier to hit and to see ----

TARGETS = """() => Array.from(document.querySelectorAll('button, input, select, textarea, summary, .md-button'))
  .filter((el) => el.checkVisibility() && el.getAttribute('aria-hidden') !== 'true'
                  && !el.closest('.glossary, .md-header, .md-sidebar, .md-footer, .md-search'))
  .map((el) => { const r = el.getBoundingClientRect();
                 return { what: (el.id || el.dataset.action || el.dataset.caseAction || el.textContent.trim()).slice(0, 40),
                          width: Math.round(r.width), height: Math.round(r.height) }; })
  .filter((box) => box.width < 44 || box.height < 44)"""


@pytest.mark.parametrize("name", ["calculator", "letters"])
def test_controls_are_at_least_44_px_at_a_phones_width(phone, site_url, lang, name):
    page = phone
    page.goto(base(site_url, lang) + f"{name}.html")
    small = page.evaluate(TARGETS)
    if name == "letters":  # each step of a letter, and the log form's questions
        page.check("#type-fee-dispute")
        while page.is_hidden("[data-step=check]"):
            small += page.evaluate(TARGETS)
            page.evaluate("document.querySelectorAll('#letter-form [aria-required=true]').forEach(f => { if (!f.value) f.value = f.type === 'date' ? '2026-10-01' : (f.dataset.field.startsWith('bill') ? '10' : 'x'); })")
            page.click("#letter-form [data-action=next]")
        page.select_option("#log-log_event", "refusal")
        small += page.evaluate(TARGETS)
    assert "\n".join(sorted({json.dumps(box) for box in small})) == ""


def test_high_contrast_meets_7_to_1_and_lasts_only_for_the_visit(browser, site_url, lang):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(base(site_url, lang) + "calculator.html")
    assert page.evaluate("sessionStorage.length + localStorage.length") == 0
    page.click("[data-contrast-toggle]")
    assert page.get_attribute("[data-contrast-toggle]", "aria-pressed") == "true"
    for name in ("calculator", "letters", "get-your-records"):
        page.goto(base(site_url, lang) + f"{name}.html")
        assert page.evaluate("document.documentElement.classList.contains('high-contrast')"), name
        assert axe_violations(page, rules=["color-contrast-enhanced"]) == [], name
    assert page.evaluate("localStorage.length") == 0
    page.click("[data-contrast-toggle]")
    assert page.evaluate("sessionStorage.length") == 0
    # Another visit (a new browser session) starts without it.
    context.close()
    fresh = browser.new_context().new_page()
    fresh.goto(base(site_url, lang) + "calculator.html")
    assert not fresh.evaluate("document.documentElement.classList.contains('high-contrast')")
    fresh.context.close()


@pytest.mark.parametrize("name", ["costs", "letters"])
def test_a_page_at_rest_changes_nothing_on_every_frame(page, site_url, name):
    # The Listen controls follow what is shown; once the page is still, nothing is rewritten (a control
    # set hidden again and again kept a phone's processor busy on every frame).
    # At rest: loaded, nothing left to fetch, and the frame after that drawn. Then watched over frames
    # (not seconds): a rewrite on every frame shows however slowly the machine draws them.
    page.goto(f"{site_url}{name}.html", wait_until="networkidle")
    settled(page)
    assert changes_over_frames(page, 60) == 0
