"""Questions are data: every form on the built pages comes from calculator/data/questions.toml. No
Markdown page holds form markup, no page script or template holds a question's words or names, and for
each letter the letters page asks exactly the questions the letter builder reads, in both languages."""
from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from urllib.parse import parse_qs
from pathlib import Path

import pytest

from calculator.letters import LETTER_TYPES
from calculator.questions import questions

from .pages import DOCS, built_path

ROOT = Path(__file__).resolve().parents[2]
FORM_MARKUP = re.compile(r"<\s*(form|input|select|option|textarea|label|fieldset|legend|button|progress)\b|"
                         r"data-(field|msg-[a-z-]+)=", re.IGNORECASE)


def test_no_markdown_page_holds_form_markup():
    pages = sorted(DOCS.glob("*.md"))
    assert len(pages) >= 20
    assert [page.name for page in pages if FORM_MARKUP.search(page.read_text(encoding="utf-8"))] == []


def test_no_script_or_template_holds_a_questions_words_or_its_name():
    sources = [path for folder in ("overrides/assets", "overrides")
               for path in (ROOT / folder).glob("**/*") if path.suffix in (".js", ".html")]
    assert any(path.name == "letters.js" for path in sources)
    found = []
    for path in sources:
        text = path.read_text(encoding="utf-8")
        for question in questions().questions.values():
            words = [question.label[lang] for lang in ("en", "es")]
            # A script that picks a field by its name would be a field list in disguise.
            names = "|".join(sorted({re.escape(question.name), re.escape(question.saved_as)}))
            by_name = (rf"getElementById\(\s*[\"'`]({names})[\"'`]|data-field=\\?[\"']({names})\b|"
                       rf"field\s*===?\s*[\"'`]({names})[\"'`]|#({names})\b")
            if any(word in text for word in words) or re.search(by_name, text):
                found.append(f"{path.name}: {question.name}")
    # "type" is the builder's own step, read by name from the attributes like any other.
    assert [item for item in found if not item.endswith(": type")] == []


class _Fields(HTMLParser):
    """Each data-field on the letters page, with the letters its group is for and the languages."""

    def __init__(self):
        super().__init__()
        self.groups: list[str | None] = []
        self.fields: dict[str, str | None] = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("div", "p", "fieldset"):
            self.groups.append(attrs.get("data-for"))
        if "data-field" in attrs and attrs["data-field"] != "type":
            inner = next((group for group in reversed(self.groups) if group), None)
            self.fields[attrs["data-field"]] = inner

    def handle_endtag(self, tag):
        if tag in ("div", "p", "fieldset") and self.groups:
            self.groups.pop()


def asked_on_page(site: Path, lang: str, letter_type: str) -> set[str]:
    parser = _Fields()
    html = built_path(site, lang, "letters").read_text(encoding="utf-8")
    parser.feed(re.search(r'<form id="letter-form".*?</form>', html, re.S).group(0))  # not the case log's form
    return {name for name, letters in parser.fields.items() if letters is None or letter_type in letters.split()}


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("letter_type", LETTER_TYPES)
def test_the_page_asks_exactly_the_questions_the_builder_reads(built_site, lang, letter_type):
    builder = {question.name for question in questions().for_letter(letter_type)
               if question.name != "type" and lang in question.page_langs}
    assert asked_on_page(built_site, lang, letter_type) == builder


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_calculator_forms_ask_the_questions_their_form_declares(built_site, lang):
    html = built_path(built_site, lang, "calculator").read_text(encoding="utf-8")
    for form in ("fee", "deadline"):
        block = re.search(rf'<form[^>]*data-kind="{form}".*?</form>', html, re.S).group(0)
        assert re.findall(r'data-field="([^"]+)"', block) == questions().forms[form]["questions"]
        label = questions().questions["date"].label[lang]
        assert label in block


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_case_log_form_asks_the_questions_a_log_entry_holds(built_site, lang):
    html = built_path(built_site, lang, "letters").read_text(encoding="utf-8")
    block = re.search(r'<form id="case-log-form".*?</form>', html, re.S).group(0)
    asked = questions().for_form("log")
    assert re.findall(r'data-field="([^"]+)"', block) == [question.saved_as for question in asked]
    assert [question.saved_as for question in asked][:4] == ["provider", "event", "date", "request"]  # the README's format
    for question in asked:
        assert question.label[lang] in block
    # Which provider: its options are the open case's, so the build writes none.
    assert re.search(r'<select [^>]*data-field="provider"[^>]*data-filled-from="case-providers"[^>]*></select>', block)
    providers = re.search(r'<form id="case-provider-form".*?</form>', html, re.S).group(0)
    assert re.findall(r'data-field="([^"]+)"', providers) == ["name", "address", "fax", "email"]


@pytest.mark.parametrize("lang", ["en", "es"])
def test_each_letter_choice_names_the_sample_its_guide_links_land_on(built_site, lang):
    html = built_path(built_site, lang, "letters").read_text(encoding="utf-8")
    for letter_type, letter in questions().letters.items():
        assert f'value="{letter_type}" data-field="type" data-sample="{letter["sample"]}"' in html
        assert f'id="{letter["sample"]}"' in html  # the sample, for readers without JavaScript
        assert f'href="?letter={letter_type}#{letter["sample"]}"' in html  # "Which letter do I need?"


def test_every_guide_link_to_a_letter_names_it_in_the_address():
    samples = {letter["sample"]: letter_type for letter_type, letter in questions().letters.items()}
    links = []
    for page in DOCS.glob("*.md"):
        for target, anchor in re.findall(r"\]\((letters\.md[^)#]*|[?][^)#]*|)#([a-z-]+-letter)\)", page.read_text(encoding="utf-8")):
            links.append((page.name, target, anchor))
    assert len(links) >= 10
    assert [(page, target, anchor) for page, target, anchor in links
            if anchor in samples and parse_qs(target.split("?", 1)[-1]).get("letter") != [samples[anchor]]] == []


@pytest.mark.parametrize("lang", ["en", "es"])
def test_spanish_free_text_boxes_say_their_words_go_into_the_english_letter(built_site, lang):
    # Without the wrap points inside citations (hooks/line_breaks.py), so a hint reads as one run of text.
    html = built_path(built_site, lang, "letters").read_text(encoding="utf-8").replace("<wbr>", "")
    hint = "Lo que escriba aquí va en la carta en inglés tal como lo escriba."
    for question in questions().questions.values():
        if question.in_letter:
            described = re.search(rf'id="{question.name}"[^>]*aria-describedby="([^"]+)"', html).group(1)
            # A box with its own hint has it in both languages; the Spanish page adds the sentence to it.
            assert (f"{question.name}-hint" in described) == (lang == "es" or bool(question.hint))
            own = re.search(rf'id="{question.name}-hint">([^<]*)</p>', html)
            assert bool(own and hint in own.group(1)) == (lang == "es"), question.name
    assert (hint in html) == (lang == "es")
    assert ('id="written_in_spanish"' in html) == (lang == "es")


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_reply_situation_list_opens_on_a_prompt_not_on_a_choice(built_site, lang):
    """The person picks what the provider said: nothing is chosen for them (no "use our own form" by
    default), and the builder says so at the field when it is left on the prompt."""
    html = built_path(built_site, lang, "letters").read_text(encoding="utf-8")
    for ident in ("situation", "log-log_situation"):
        select = re.search(rf'<select id="{ident}"[^>]*>(.*?)</select>', html, re.S)
        assert select, ident
        options = re.findall(r'<option value="([^"]*)"([^>]*)>', select.group(1))
        prompt = questions().questions[ident.removeprefix("log-")].prompt[lang]
        assert options[0] == ("", " selected") and f">{prompt}</option>" in select.group(1), ident
        assert [value for value, attrs in options if "selected" in attrs] == [""], ident
    assert 'data-required-for="reply"' in re.search(r'<select id="situation"[^>]*>', html).group(0)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_conditions_reach_the_page_as_the_data_says(built_site, lang):
    from html import unescape
    html = unescape(built_path(built_site, lang, "letters").read_text(encoding="utf-8"))
    data = questions().questions
    for question in data.values():
        if question.shown_if and lang in question.page_langs:
            group = re.search(rf'<div class="calc-field"[^>]*data-shown-if=\'?"?(\{{[^}}]*\}})"?[^>]*>(?:(?!</div>).)*'
                              rf'data-field="{question.saved_as}"', html, re.S)
            # The page names each question by its field's name (a log entry's key, where it has one).
            condition = {data[name].saved_as: values for name, values in question.shown_if.items()}
            assert group and json.loads(group.group(1)) == condition, question.name
        for choice in question.choices:
            if choice.fits:
                option = re.search(rf'<option value="{choice.value}" data-fits="(\{{[^}}]*\}})"', html)
                assert option and json.loads(option.group(1)) == choice.fits, choice.value
