"""The question data (calculator/data/questions.toml) is whole and agrees with the law data and the
letter builder: every question has its words in both languages, names only letters, forms, steps and
questions that exist, offers the choices the calculator accepts, and each letter reads exactly the
questions declared for it."""
from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from calculator.bill_check import OTHER_KINDS
from calculator.inputs import FORMS, PURPOSES
from calculator.law import LANGUAGES, law
from calculator.letters import LETTER_TYPES, build_letter
from calculator.questions import KINDS, questions, read_answers, required_questions
from calculator.errors import CalculatorError

DATA = Path(__file__).resolve().parents[2] / "calculator" / "data" / "questions.toml"
QUESTIONS = list(questions().questions.values())


def _both(words) -> bool:
    return isinstance(words, dict) and set(words) == set(LANGUAGES) and all(words[lang].strip() for lang in LANGUAGES)


def test_a_question_declared_twice_is_an_error_not_a_silent_override():
    text = DATA.read_text(encoding="utf-8")
    with pytest.raises(tomllib.TOMLDecodeError):
        tomllib.loads(text + '\n[question.patient_name]\nkind = "text"\n')


@pytest.mark.parametrize("question", QUESTIONS, ids=lambda question: question.name)
def test_every_question_is_whole_in_both_languages(question):
    assert question.kind in KINDS
    assert _both(question.label) and _both(question.called)
    assert question.hint is None or _both(question.hint)
    assert all(_both(choice.label) for choice in question.choices)
    if question.kind in ("text", "long-text"):
        assert question.limit and question.limit > 0
    if question.kind == "choice" and question.filled_from:  # its choices are the open case's providers
        assert not question.choices and question.filled_from == "case-providers"
    elif question.kind == "choice":
        values = [choice.value for choice in question.choices]
        assert values and len(values) == len(set(values))
        assert question.default is None or question.default in values


@pytest.mark.parametrize("question", QUESTIONS, ids=lambda question: question.name)
def test_every_question_names_only_letters_forms_steps_and_questions_that_exist(question):
    data = questions()
    assert question.letters or question.forms, "asked nowhere"
    assert set(question.letters) <= set(data.letters) and set(question.forms) <= set(data.forms)
    assert set(question.required) <= set(question.letters) | set(question.forms)
    if question.letters:
        assert question.step in data.steps
    for condition in [question.shown_if, question.required_if] + [choice.fits for choice in question.choices]:
        for name, values in (condition or {}).items():
            other = data.questions[name]
            assert other.kind == "choice" and set(values) <= {choice.value for choice in other.choices}, name


def test_every_step_and_letter_has_its_words_and_every_form_names_its_questions():
    data = questions()
    assert data.steps[0] == "type" and data.steps[-1] == "check"
    assert set(data.steps) == set(data.step_titles) and all(_both(title) for title in data.step_titles.values())
    assert tuple(data.letters) == LETTER_TYPES and all(_both(letter["label"]) for letter in data.letters.values())
    for name, form in data.forms.items():
        assert _both(form["submit"]) and form["questions"]
        assert all(name in data.questions[question].forms for question in form["questions"])


def test_the_choices_are_those_the_calculator_accepts():
    choices = {name: [choice.value for choice in question.choices]
               for name, question in questions().questions.items() if question.kind == "choice"}
    assert choices["purpose"] == list(PURPOSES)
    assert choices["rule"] == list(law().rules)
    assert choices["form"] == [""] + list(FORMS)
    assert choices["copy_form"] == list(FORMS)
    assert choices["type"] == list(LETTER_TYPES)
    assert choices["bill_other_kind"] == list(OTHER_KINDS)


@pytest.mark.parametrize("letter_type", LETTER_TYPES)
def test_each_letter_reads_exactly_the_questions_declared_for_it(letter_type):
    asked = {question.name for question in questions().for_letter(letter_type)} - {"type"}
    full = {question.name: _an_answer(question) for question in questions().for_letter(letter_type)}
    assert set(read_answers(letter_type, full)) - {"type"} == asked
    # An answer to a question the letter does not ask changes nothing.
    others = {name: "Something else" for name in questions().questions if name not in asked}
    assert read_answers(letter_type, {**full, **others}) == read_answers(letter_type, full)


def _an_answer(question):
    """A valid answer to `question`, for a letter sent 2026-06-12."""
    dates = {"patient_birth_date": "1980-03-04", "sent_date": "2026-06-12", "refusal_date": "2026-06-01",
             "received_date": "2026-05-01", "bill_date": "2026-06-01", "reply_date": "2026-06-01",
             "problem_date": "2026-06-01", "expiration_date": "2026-12-31", "records_from": "2025-01-01",
             "records_to": "2025-12-31"}
    if question.kind == "date":
        return dates[question.name]
    if question.kind in ("number", "money"):
        return "12"
    if question.kind == "lines":
        return [{"label": "Postage", "amount": "2.50"}]
    if question.kind == "choice":
        return question.default or question.choices[0].value
    if question.kind == "choices":
        return [question.choices[0].value]
    if question.kind == "yes-no":
        return False
    if question.characters:  # a fax number
        return "(206) 555-0100"
    return "x@example.org" if question.name == "patient_email" else "Some words"


@pytest.mark.parametrize("letter_type", LETTER_TYPES)
def test_a_letter_builds_from_its_required_answers_alone(letter_type):
    answers = {name: _an_answer(questions().questions[name]) for name in required_questions(letter_type)}
    if letter_type == "access":
        answers["copy_form"] = "paper"  # required whenever a copy is asked for (the default)
    built = build_letter(letter_type, answers)
    assert built.english.startswith("June 12, 2026")


@pytest.mark.parametrize("copy_form, allowed, default", [
    ("paper", ["mail", "pickup"], "mail"), ("electronic", ["portal", "email", "pickup"], "portal")])
def test_the_delivery_choices_fit_a_paper_or_an_electronic_copy(copy_form, allowed, default):
    base = {"patient_name": "A", "patient_birth_date": "1980-03-04", "patient_address": "B", "provider_name": "C",
            "provider_address": "D", "records": "E", "sent_date": "2026-06-12", "copy_form": copy_form,
            "patient_email": "a@example.org"}
    assert read_answers("access", base)["delivery"] == default
    for delivery in ("mail", "pickup", "email", "portal"):
        if delivery in allowed:
            assert read_answers("access", {**base, "delivery": delivery})["delivery"] == delivery
        else:
            with pytest.raises(CalculatorError) as refused:
                read_answers("access", {**base, "delivery": delivery})
            assert (refused.value.code, refused.value.field) == ("choice-unknown", "delivery")


def test_inspecting_only_asks_neither_the_form_nor_the_delivery():
    answers = {"patient_name": "A", "patient_birth_date": "1980-03-04", "patient_address": "B",
               "provider_name": "C", "provider_address": "D", "records": "E", "sent_date": "2026-06-12",
               "access_kind": "inspect", "copy_form": "fax", "delivery": "pigeon"}
    values = read_answers("access", answers)
    assert values["copy_form"] is None and values["delivery"] is None
    assert "Please give me" not in build_letter("access", answers).english


def test_the_spanish_page_line_goes_into_the_english_letter():
    answers = {"patient_name": "A", "patient_birth_date": "1980-03-04", "patient_address": "B",
               "provider_name": "C", "provider_address": "D", "records": "expediente", "sent_date": "2026-06-12",
               "copy_form": "paper", "written_in_spanish": True}
    built = build_letter("access", answers, "es")
    assert "Some of my answers in this letter are written in Spanish, my language." in built.english
    assert "Algunas de mis respuestas en esta carta están escritas en español" in built.translation
    assert "written in Spanish" not in build_letter("access", {**answers, "written_in_spanish": False}).english


def test_no_letter_code_keeps_its_own_list_of_fields():
    source = (DATA.parents[1] / "letters.py").read_text(encoding="utf-8")
    assert not re.search(r"REQUIRED\s*=|TEXT_FIELDS\s*=|DELIVERIES\s*=|ACCESS_KINDS\s*=", source)
