"""Build hook: render every form into the pages from the question data (calculator/data/questions.toml).

A page writes {{ form.letters }}, {{ form.fee }}, {{ form.deadline }} or {{ form.calculator-start }};
this hook puts the form there, in the page's language, so it is in the HTML before any JavaScript. The
pages hold only prose; the page scripts show steps and choices from the attributes written here
(data-for, data-required-for, data-shown-if, data-required-if, data-fits), so they hold no field list
and no rule. Runs before legal_facts.py, which stops the build on any {{ name }} it does not know.
"""
from __future__ import annotations

import json
import re
import sys
from html import escape
from pathlib import Path

from mkdocs.exceptions import PluginError

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # the project root, for `calculator`

from calculator.case import FORMAT as CASE_FORMAT, MAX_CASE_CHARS, VERSION as CASE_VERSION  # noqa: E402
from calculator.languages import languages, letter_language, source_language  # noqa: E402
from calculator.law import letter_words, messages  # noqa: E402
from calculator.questions import Question, questions  # noqa: E402
from overrides.hooks.site_settings import project_address  # noqa: E402  the footer's address, for paper too

PLACEHOLDER = re.compile(r"\{\{\s*form\.([a-z-]+)\s*\}\}")
ROWS = {"long-text": 3}


def _attr(value) -> str:
    return escape(value if isinstance(value, str) else json.dumps(value, ensure_ascii=False), quote=True)


def _words(section: str, lang: str) -> dict[str, str]:
    return {name: text[lang] for name, text in messages()[section].items()}


def _messages_attrs(words: dict[str, str]) -> str:
    """The page script's words, as data-msg-* attributes (read through element.dataset)."""
    return "".join(f'\n  data-{name}="{_attr(text)}"' for name, text in words.items() if name.startswith("msg-"))


def _saved_names(condition: dict) -> dict:
    """A condition as the page sees it: each question by the name its field carries (data-field)."""
    known = questions().questions
    return {known[name].saved_as if name in known else name: values for name, values in condition.items()}


def field(question: Question, lang: str, id_prefix: str = "", letters: tuple[str, ...] | None = None,
          hint_extra: str = "") -> str:
    """One question as a labelled field with its hint and its error line. `letters`: the letters that ask
    it (the builder hides it for the others); `id_prefix` keeps ids apart where one question sits in two
    forms ("fee-date", "deadline-date")."""
    ident = f"{id_prefix}{question.name}"
    described = []
    hints = [text for text in ((question.hint or {}).get(lang), hint_extra) if text]
    hint_html = ""
    if hints:
        described.append(f"{ident}-hint")
        hint_html = f'<p class="calc-hint" id="{ident}-hint">{escape(" ".join(hints))}</p>'
    described.append(f"{ident}-error")
    attrs = [f'id="{ident}"', f'data-field="{question.saved_as}"']
    if letters is None:  # a calculator form: required where the form asks it at all
        if question.required:
            attrs.append("required")
    elif set(question.required) >= set(letters) and not question.shown_if:
        attrs.append("required")
    elif question.required:
        attrs.append(f'data-required-for="{" ".join(question.required)}"')
    if question.required_if:
        attrs.append(f'data-required-if="{_attr(_saved_names(question.required_if))}"')
    if question.required_unless:
        attrs.append(f'data-required-unless="{" ".join(known_name(name) for name in question.required_unless)}"')
    if question.today:
        attrs.append("data-today")
    if question.autocomplete:
        attrs.append(f'autocomplete="{question.autocomplete}"')
    if question.limit:
        attrs.append(f'maxlength="{question.limit}"')
    attrs.append(f'aria-describedby="{" ".join(described)}"')
    relabel = ""
    if question.relabel:  # the other label, shown while its condition holds (letters.js)
        relabel = (f' data-label="{_attr(question.label[lang])}" data-relabel="{_attr(question.relabel["label"][lang])}"'
                   f' data-relabel-when="{_attr(question.relabel["when"])}"')
    label = f'<label for="{ident}"{relabel}>{escape(question.label[lang])}</label>'
    error = f'<p class="calc-error" id="{ident}-error" role="alert" hidden></p>'
    kind = question.kind
    if kind == "choices":  # a group of check boxes: its own legend, not a label for one control
        return _choices_field(question, lang, ident, attrs, hint_html, error, letters)
    if kind == "long-text":
        control = f'<textarea {" ".join(attrs)} rows="{ROWS[kind]}"></textarea>'
    elif kind == "choice":
        # A list without a prompt always has a choice made (it has no empty first option): `required`
        # would add nothing, and HTML does not allow it there. A list with a prompt opens on an empty
        # option, so the person must pick (the page and the builder both say so at the field).
        if question.prompt:
            options = f'<option value="" selected>{escape(question.prompt[lang])}</option>'
        else:
            attrs = [attr for attr in attrs if attr != "required"]
            options = ""
        options += "".join(
            f'<option value="{_attr(choice.value)}"'
            + (f' data-fits="{_attr(_saved_names(choice.fits))}"' if choice.fits else "")
            + (" selected" if choice.value == question.default else "")
            + f">{escape(choice.label[lang])}</option>" for choice in question.choices)
        if question.filled_from:  # its options are the open case's own (case.js fills them)
            attrs.append(f'data-filled-from="{question.filled_from}"')
        control = f'<select {" ".join(attrs)}>{options}</select>'
    elif kind == "yes-no":
        control = f'<input {" ".join(attrs)} type="checkbox">'
    else:
        kind_attrs = {"date": 'type="date"', "number": 'type="text" inputmode="numeric" autocomplete="off"',
                      "money": 'type="text" inputmode="decimal" autocomplete="off"',
                      "text": f'type="{question.input or "text"}"'}[kind]
        control = f'<input {" ".join(attrs)} {kind_attrs}>'
    group = ["calc-field"] + (["letter-choice"] if kind == "yes-no" else [])
    inside = f"{control} {label}{hint_html}{error}" if kind == "yes-no" else f"{label}{control}{hint_html}{error}"
    return f'<div {_group_attrs(question, group, letters)}>{inside}</div>'


def _group_attrs(question: Question, classes: list[str], letters: tuple[str, ...] | None) -> str:
    """The attributes of a question's group: which letters ask it (data-for) and when (data-shown-if)."""
    group_attrs = [f'class="{" ".join(classes)}"']
    if letters is not None and set(question.letters) != set(letters):
        group_attrs.append(f'data-for="{" ".join(question.letters)}"')
    if question.shown_if:
        group_attrs.append(f'data-shown-if="{_attr(_saved_names(question.shown_if))}"')
    return " ".join(group_attrs)


def known_name(name: str) -> str:
    """A question's name as its field carries it (data-field)."""
    known = questions().questions
    return known[name].saved_as if name in known else name


def _choices_field(question: Question, lang: str, ident: str, attrs: list[str], hint_html: str, error: str,
                   letters: tuple[str, ...] | None) -> str:
    """A several-choice question: a fieldset (the answer's element, data-kind="choices") with its legend and
    one check box for each choice, each with data-fits when it is offered only with other answers. The
    page script reads the ticked values as a list; nothing is ticked for the person."""
    boxes = "".join(
        f'<p class="letter-choice"><input type="checkbox" id="{ident}-{choice.value}" value="{_attr(choice.value)}"'
        + (f' data-fits="{_attr(_saved_names(choice.fits))}"' if choice.fits else "")
        + f'> <label for="{ident}-{choice.value}">{escape(choice.label[lang])}</label></p>'
        for choice in question.choices)
    # A fieldset takes no `required` or `maxlength`: where it is required, data-required-for says so.
    attrs = [attr for attr in attrs if attr != "required" and not attr.startswith("maxlength")]
    if question.required and "data-required-for" not in " ".join(attrs):
        attrs.append(f'data-required-for="{" ".join(question.required)}"')
    control = (f'<fieldset {" ".join(attrs)} data-kind="choices" tabindex="-1">'
               f'<legend id="{ident}-legend">{escape(question.label[lang])}</legend>{boxes}</fieldset>')
    return f'<div {_group_attrs(question, ["calc-field", "calc-choices"], letters)}>{control}{hint_html}{error}</div>'


def calculator_form(name: str, lang: str) -> str:
    """A calculator form ("fee" or "deadline") and the empty region its answer goes into."""
    form = questions().forms[name]
    fields = "\n".join("  " + field(question, lang, id_prefix=f"{name}-") for question in questions().for_form(name))
    return (f'<form class="calc-form" data-kind="{name}" novalidate aria-labelledby="{form["heading"]}">\n'
            f"{fields}\n"
            '  <p class="calc-error calc-error--form" role="alert" hidden></p>\n'
            f'  <button type="submit" class="md-button md-button--primary">{escape(form["submit"][lang])}</button>\n'
            "</form>\n"
            f'<div class="calc-result" id="{name}-result" tabindex="-1" hidden></div>\n'
            + listen_control(f"#{name}-result", lang, lang, "listen-answer"))


def listen_control(target: str, listen_lang: str, page_lang: str, label: str = "listen") -> str:
    """A "Listen" control that reads `target` (a CSS selector) aloud in `listen_lang`, with pause, go on
    and stop, in the page's words. Hidden until page-tools.js finds an on-device voice for that language."""
    words = _words("site", page_lang)
    states = "".join(f' data-msg-{state}="{_attr(words[f"listen-{state}"])}"'
                     for state in ("reading", "paused", "stopped", "done"))
    buttons = "".join(f'<button type="button" class="md-button" data-listen-action="{action}"{"" if action == "play" else " hidden"}>'
                      f'{escape(words[label if action == "play" else f"listen-{action}"])}</button>'
                      for action in ("play", "pause", "resume", "stop"))
    return (f'<div class="listen" data-listen="{_attr(target)}" data-listen-lang="{listen_lang}" data-listen-skip hidden{states}>'
            f'{buttons}<span class="listen__status" role="status"></span></div>')


def start_block(words: dict[str, str], element_id: str) -> str:
    """The status line, the download's progress and "try again": the same on every page that runs Python."""
    return (f'<p id="{element_id}-status" class="calc-status" role="status" tabindex="-1"></p>\n'
            f'<div id="{element_id}-progress" class="calc-progress" hidden>'
            f'<progress id="{element_id}-progress-bar" max="100" value="0" aria-label="{_attr(words["progress-label"])}"></progress>'
            f'<span id="{element_id}-progress-text"></span></div>\n'
            f'<p id="{element_id}-failed-actions" class="calc-failed-actions" hidden>'
            f'<button id="{element_id}-retry" type="button" class="md-button md-button--primary">{escape(words["retry"])}</button>'
            f' <a href="#{words["fallback-anchor"]}">{escape(words["fallback-link"])}</a></p>')


def skip_link(target: str, section: str, name: str, lang: str) -> str:
    """A link past a run of controls to the heading `target` (focusable: tabindex="-1" on the page), its
    words `name` from messages.toml [`section`]. Hidden until a keyboard reaches it (letters.css)."""
    return f'<a class="letters-skip" href="#{target}">{escape(_words(section, lang)[name])}</a>'


def calculator_start(lang: str) -> str:
    words = _words("calculator-page", lang)
    # data-letters-url: the letters page beside this one, where a passed date's next steps link to.
    return (f'<div id="calc-words" hidden data-letters-url="letters.html"{_messages_attrs(words)}></div>\n'
            + start_block(words, "calc"))


def before_you_start(lang: str, letter_type: str | None = None) -> str:
    """What to have at hand and about how long it takes: for one letter (from the questions it asks),
    or for every letter on the page."""
    data, words = questions(), _words("letters-page", lang)
    items = "".join(f"<li>{escape(have[lang])}</li>" for have in data.to_have(letter_type))
    if letter_type:
        time = words["before-time"].format(minutes=data.minutes(letter_type))
    else:
        times = [data.minutes(each) for each in data.letters]
        time = words["before-time-range"].format(fewest=min(times), most=max(times))
    return (f'<p class="letter-before__title">{escape(words["before-title"])}</p>'
            f'<ul class="letter-before__list">{items}</ul><p class="letter-before__time">{escape(time)}</p>')


def letter_builder(lang: str, config) -> str:
    """The whole letter builder: the steps, each with its questions, check your answers, the letter; its
    printed dates end with the guide's address when the copy has one (paper cannot say "this page")."""
    data, words = questions(), _words("letters-page", lang)
    letter_types = tuple(data.letters)
    steps = []
    for step in data.steps:
        title = escape(data.step_titles[step][lang])
        count = '<span class="letter-step__count"></span>'
        if step == "type":
            choices = "".join(
                f'<p class="letter-choice"><input type="radio" name="type" id="type-{key}" value="{key}" '
                f'data-field="type" data-sample="{letter["sample"]}"> <label for="type-{key}">'
                f'{escape(letter["label"][lang])}</label></p>' for key, letter in data.letters.items())
            # Each letter's "Before you start", shown once it is chosen (letters.js, from data-before-for).
            before = "".join(f'<div class="letter-before" data-before-for="{key}" hidden>{before_you_start(lang, key)}</div>'
                             for key in data.letters)
            steps.append(f'<fieldset class="letter-step" data-step="type">\n<legend>{count} {title}</legend>\n'
                         f'<div class="calc-field letter-choices" id="letter-type-field">{choices}'
                         '<p class="calc-error" id="type-error" role="alert" hidden></p></div>\n'
                         f'<div class="letter-befores" aria-live="polite">{before}</div>\n</fieldset>')
        elif step == "check":
            steps.append('<section class="letter-step" data-step="check" hidden aria-labelledby="letter-check-heading">\n'
                         f'<h3 id="letter-check-heading" tabindex="-1">{count} {title}</h3>\n'
                         '<dl id="letter-check" class="letter-check"></dl>\n</section>')
        else:
            asked = [q for q in data.questions.values() if q.step == step and lang in q.page_langs]
            fields = "\n".join(field(q, lang, letters=letter_types,
                                     hint_extra=words["in-letter-hint"] if q.in_letter and languages()[lang].copy else "")
                      for q in asked)
            steps.append(f'<fieldset class="letter-step" data-step="{step}" hidden>\n<legend>{count} {title}</legend>\n'
                         f"{fields}\n</fieldset>")
    translation = ""
    if languages()[lang].copy:  # the letter goes out in English; the reader gets a copy in their language
        translation = ('<div class="letter-pair__item"><p class="letter-pair__title">'
                       f'{escape(words["copy-title"])}</p><pre class="letter-sample" id="letter-translation" lang="{lang}"></pre>'
                       + listen_control("#letter-translation", lang, lang, "listen-copy") + "</div>\n")
    actions = "\n".join(
        f'<button type="button" class="md-button{" md-button--primary" if action == "print" else ""}" '
        f'data-action="{action}">{escape(words[f"button-{action}"])}</button>'
        for action in ("print", "copy", "download-text", "download-html", "download-ics", "edit"))
    return (f'<div id="letter-app" class="letter-app" hidden{_messages_attrs(words)}>\n'
            f'<p class="letter-privacy">{words["privacy"]}</p>\n'
            '<div class="calc-error calc-error--summary" id="letter-error-summary" role="alert" tabindex="-1" hidden></div>\n'
            '<form id="letter-form" class="calc-form letter-form" novalidate>\n'
            + "\n".join(steps) + "\n"
            '<div class="letter-nav calc-actions">\n'
            f'<button type="button" class="md-button" data-action="back" hidden>{escape(words["button-back"])}</button>\n'
            f'<button type="submit" class="md-button md-button--primary" data-action="next">{escape(words["button-next"])}</button>\n'
            f'<button type="submit" class="md-button md-button--primary" data-action="make" hidden>{escape(words["button-make"])}</button>\n'
            "</div>\n</form>\n"
            + start_block(words, "letter") + "\n"
            '<section id="letter-output" class="letter-output" hidden aria-labelledby="letter-output-heading">\n'
            f'<h3 id="letter-output-heading" tabindex="-1">{escape(words["output-heading"])}</h3>\n'
            '<ul id="letter-dates" class="letter-dates"></ul>\n'
            + fax_cover_block(words) +
            '<div class="letter-pair">\n'
            f'<div class="letter-pair__item"><p class="letter-pair__title">{escape(words["letter-title"])}</p>'
            f'<pre class="letter-sample" id="letter-english" lang="{letter_language(lang)}"></pre>'
            + listen_control("#letter-english", letter_language(lang), lang, "listen-letter") + "</div>\n"
            f"{translation}</div>\n"
            # Printed after the letter, on the person's own page: the dates are for them, not the provider.
            f'<section class="letter-dates-print" aria-hidden="true"><p class="letter-dates-print__title">{escape(words["dates-title"])}</p>'
            '<ul id="letter-dates-print"></ul>'
            + (f'<p class="letter-dates-print__where">{escape(words["dates-where"].format(address=address))}</p>'
               if (address := project_address(config)) else "") + '</section>\n'
            f'<div class="calc-actions letter-actions">\n{actions}\n</div>\n'
            + send_block(words) + offers(lang) +
            '<p id="letter-copy-status" role="status" aria-live="polite"></p>\n'
            "</section>\n"
            f'<p class="calc-actions"><button type="button" class="md-button" data-action="clear">{escape(words["button-clear"])}</button></p>\n'
            "</div>")


def fax_cover_block(words: dict[str, str]) -> str:
    """The fax cover sheet (English, from the letter's answer), shown above the letter when the person gave
    a fax number and printed as the page before it (letters.css: .letter-fax-cover)."""
    return ('<div id="letter-fax-cover-block" class="letter-fax-cover" hidden>'
            f'<p class="letter-pair__title">{escape(words["fax-title"])}</p>'
            f'<pre class="letter-sample letter-fax-cover__text" id="letter-fax-cover" lang="{source_language()}"></pre></div>\n')


def send_block(words: dict[str, str]) -> str:
    """Sending the letter by e-mail: a mailto: link (filled in by letters.js from the letter's `email`
    answer, opened only when the person clicks it), copy buttons for the subject and the body, and what
    e-mail means for privacy; then, with a fax number, where the cover sheet is."""
    copy = "".join(f'<button type="button" class="md-button" data-action="copy-{part}">'
                   f'{escape(words[f"button-copy-{part}"])}</button>\n' for part in ("subject", "body"))
    longest = letter_words()["sending"]["mailto_max_chars"]
    return (f'<section id="letter-send" class="letter-send" aria-labelledby="letter-send-heading" data-mailto-max="{longest}">\n'
            f'<h4 id="letter-send-heading">{escape(words["send-heading"])}</h4>\n'
            f'<p class="letter-send__risk">{escape(words["send-email-risk"])}</p>\n'
            '<div class="calc-actions letter-send__actions">\n'
            f'<a id="letter-email-link" class="md-button md-button--primary" href="mailto:">{escape(words["button-email"])}</a>\n'
            f"{copy}</div>\n"
            f'<p id="letter-email-long" class="calc-hint" hidden>{escape(words["send-email-long"])}</p>\n'
            f'<p id="letter-send-fax" class="letter-send__fax" hidden>{escape(words["send-fax"])}</p>\n'
            '<p id="letter-send-status" role="status" aria-live="polite"></p>\n'
            "</section>\n")


def offers(lang: str) -> str:
    """After a letter, the second letter its data offers ([letter.x] offer: the same letter with these
    answers in place of the person's, such as an authorization for psychotherapy notes only). Hidden until
    a letter of that type is on show whose answers are not already these (letters.js)."""
    blocks = []
    for letter_type, letter in questions().letters.items():
        offer = letter.get("offer")
        if not offer:
            continue
        answers = {known_name(name): value for name, value in offer["answers"].items()}
        blocks.append(f'<div class="letter-offer" data-offer-for="{letter_type}" data-offer-answers="{_attr(answers)}" hidden>'
                      f'<p class="calc-hint" id="offer-{letter_type}-hint">{escape(offer["hint"][lang])}</p>'
                      f'<button type="button" class="md-button" data-offer-open="{letter_type}" '
                      f'aria-describedby="offer-{letter_type}-hint">{escape(offer["label"][lang])}</button></div>')
    return "".join(f"{block}\n" for block in blocks)


def _case_settings(config) -> str:
    """The case file's format and size limit, and where "Leave this page" goes (mkdocs.yml `extra`), as
    attributes the page script reads. Library mode is not among them: every page reads it from
    site-settings.js at run time (overrides/hooks/site_settings.py, page-tools.js)."""
    extra = config.get("extra") or {}
    leave = str(extra.get("leave_url") or "about:blank")
    return (f' data-case-format="{CASE_FORMAT}" data-case-version="{CASE_VERSION}" data-case-max-chars="{MAX_CASE_CHARS}"'
            f' data-providers-limit="{questions().forms["provider"]["limit"]}"'
            f' data-leave-url="{_attr(leave)}"')


def case_bar(lang: str, config) -> str:
    """Open, save and keep a case; leave the page; and, once a case is open, what is due first."""
    words = _words("case-page", lang)
    button = lambda action, extra="": (f'<button type="button" class="md-button{extra}" data-case-action="{action}">'
                                       f'{escape(words[f"button-{action}"])}</button>')
    return (f'<div id="case-app" class="case-app" hidden{_case_settings(config)}{_messages_attrs(words)}>\n'
            f'{skip_link("which-letter", "case-page", "skip-case", lang)}\n'
            f'<p class="case-intro">{escape(words["intro"])}</p>\n'
            '<div class="calc-actions case-actions">\n'
            f'{button("open")}\n{button("save")}\n{button("leave", " case-leave")}\n'
            '<input type="file" id="case-file-input" class="letter-visually-hidden" accept=".json,application/json" '
            f'tabindex="-1" aria-hidden="true">\n</div>\n'
            '<div id="case-error" class="calc-error case-error" role="alert" tabindex="-1" hidden></div>\n'
            '<p id="case-status" class="calc-status case-status" role="status" tabindex="-1" hidden></p>\n'
            '<div class="case-keep" id="case-keep-row">'
            '<p class="calc-field letter-choice"><input type="checkbox" id="case-keep" aria-describedby="case-keep-hint"> '
            f'<label for="case-keep">{escape(words["keep-label"])}</label></p>'
            f'<p class="calc-hint" id="case-keep-hint">{escape(words["keep-hint"])}</p></div>\n'
            f'<p class="calc-actions">{button("clear")}</p>\n'
            '<p class="case-library" id="case-library-note" hidden></p>\n'  # case.js: the minutes are the host's
            f'<p class="case-library" id="case-folder-note" hidden>{escape(words["folder-note"])}</p>\n'
            '<section id="case-due" class="case-due" hidden aria-labelledby="case-due-heading">\n'
            f'<h3 id="case-due-heading" tabindex="-1">{escape(words["due-heading"])}</h3>\n'
            '<div id="case-due-list"></div>\n'
            f'<p><a href="#your-case">{escape(words["see-timeline"])}</a></p>\n</section>\n'
            "</div>")


def case_log(lang: str, config) -> str:
    """The log of what happened (its form from [form.log]), the timeline worked out from it, the letters made."""
    words, form = _words("case-page", lang), questions().forms["log"]
    fields = "\n".join("  " + field(question, lang, id_prefix="log-") for question in questions().for_form("log"))
    button = lambda action, extra="": (f'<button type="button" class="md-button{extra}" data-case-action="{action}">'
                                       f'{escape(words[f"button-{action}"])}</button>')
    return ('<div id="case-log-app" class="case-log-app" hidden>\n'
            f'<h3 id="case-log-heading">{escape(words["log-heading"])}</h3>\n'
            f'<p id="case-log-empty">{escape(words["log-empty"])}</p>\n'
            '<ol id="case-log" class="case-log" aria-labelledby="case-log-heading"></ol>\n'
            f'<form id="case-log-form" class="calc-form case-log-form" novalidate aria-labelledby="case-log-form-heading">\n'
            f'<h3 id="case-log-form-heading">{escape(words["log-form-heading"])}</h3>\n{fields}\n'
            f'<button type="submit" class="md-button md-button--primary">{escape(form["submit"][lang])}</button>\n'
            "</form>\n"
            f'{case_provider_form(lang)}\n'
            '<section id="case-timeline" class="case-timeline" aria-labelledby="case-timeline-heading">\n'
            f'<h3 id="case-timeline-heading" tabindex="-1">{escape(words["timeline-heading"])}</h3>\n'
            f'<div id="case-timeline-body"><p>{escape(words["msg-timeline-empty"])}</p></div>\n'
            f'<p class="calc-actions">{button("download-ics")}</p>\n</section>\n'
            '<section id="case-letters" class="case-letters" hidden aria-labelledby="case-letters-heading">\n'
            f'<h3 id="case-letters-heading">{escape(words["letters-heading"])}</h3>\n'
            '<ul id="case-letters-list"></ul>\n</section>\n'
            f'<p class="calc-actions">{button("save")}\n{button("clear")}\n{button("leave", " case-leave")}</p>\n'
            "</div>")


def case_provider_form(lang: str) -> str:
    """The form that adds a provider to the case (its questions from [form.provider])."""
    words, form = _words("case-page", lang), questions().forms["provider"]
    fields = "\n".join("  " + field(question, lang, id_prefix="add-") for question in questions().for_form("provider"))
    return (f'<form id="case-provider-form" class="calc-form case-provider-form" novalidate '
            'aria-labelledby="case-provider-form-heading">\n'
            f'<h3 id="case-provider-form-heading">{escape(words["provider-form-heading"])}</h3>\n'
            f'<p class="calc-hint">{escape(words["provider-form-hint"])}</p>\n{fields}\n'
            f'<button type="submit" class="md-button">{escape(form["submit"][lang])}</button>\n</form>')


RENDERERS = {"before-you-start": before_you_start,
             "skip-to-builder": lambda lang: skip_link("builder", "letters-page", "skip-to-builder", lang), "fee": lambda lang: calculator_form("fee", lang),
             "deadline": lambda lang: calculator_form("deadline", lang), "calculator-start": calculator_start}
# These also read the host's settings (mkdocs.yml `extra`).
CONFIGURED = {"letters": letter_builder, "case-bar": case_bar, "case": case_log}


def on_env(env, config, files):
    # Every page's "Listen" (overrides/partials/page-tools.html) is the same control as the letter's.
    env.globals["listen_control"] = listen_control
    # The letters page's first skip link, right after the site's own (overrides/letters.html).
    env.globals["skip_link"] = skip_link
    return env


def on_page_markdown(markdown, page, config, files):
    lang = getattr(page.file, "locale", None) or source_language()

    def replace(match: re.Match) -> str:
        name = match.group(1)
        if name in CONFIGURED:
            return CONFIGURED[name](lang, config)
        if name not in RENDERERS:
            raise PluginError(f"{page.file.src_uri}: unknown form {{{{ form.{name} }}}}")
        return RENDERERS[name](lang)

    return PLACEHOLDER.sub(replace, markdown)
