"""The questions the guide's forms ask, read from data/questions.toml, and the checking of a letter's
answers against them.

Each question is declared once there: its kind, length limit, which letters (or calculator forms) ask it,
where it is required, the conditions that show it or make it required, its choices, and its words in
both languages. The letter builder checks answers here; the build renders the forms from the same
definitions (overrides/hooks/forms.py), so the page and the builder cannot disagree.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import date

from .errors import CalculatorError
from .bill_check import parse_amount, parse_other_lines
from .inputs import echo, parse_choice, parse_pages, parse_received_date, plain_text, read_iso_date
from .languages import languages
from .law import LANGUAGES, law, load_data

KINDS = ("text", "long-text", "date", "choice", "choices", "yes-no", "number", "money", "lines")
# What an answer is when it was not given (text "", yes/no False, choices none ticked, anything else None).
NOT_GIVEN = {"text": "", "long-text": "", "yes-no": False, "choices": ()}


@dataclass(frozen=True)
class Choice:
    """One answer a choice question offers; `fits` ({question: [values]}) limits when it is offered."""
    value: str
    label: dict
    fits: dict | None = None


@dataclass(frozen=True)
class Question:
    """One question, as declared in data/questions.toml (its comments say what each field means)."""
    name: str
    kind: str
    label: dict
    called: dict
    letters: tuple[str, ...] = ()
    forms: tuple[str, ...] = ()
    required: tuple[str, ...] = ()
    step: str | None = None
    limit: int | None = None
    choices: tuple[Choice, ...] = ()
    default: str | None = None
    shown_if: dict | None = None
    required_if: dict | None = None
    required_unless: tuple[str, ...] = ()
    hint: dict | None = None
    in_letter: bool = False
    page_langs: tuple[str, ...] = LANGUAGES
    autocomplete: str | None = None
    input: str | None = None
    today: bool = False
    relabel: dict | None = None
    key: str | None = None
    have: dict | None = None
    prompt: dict | None = None
    default_if_given: dict | None = None
    filled_from: str | None = None  # "case-providers": choices filled in at run time (data/questions.toml)
    fills: str | None = None  # a case provider's part: the letter answer it gives (data/questions.toml)
    characters: str | None = None

    @property
    def saved_as(self) -> str:
        """The answer's name where it is saved (a case file's log entry): `key`, else the question's name."""
        return self.key or self.name

    def asked_by(self, letter_type: str) -> bool:
        return letter_type in self.letters

    def fitting_choices(self, answers: dict) -> tuple[Choice, ...]:
        """The choices on offer given the other answers (raw values, as the person gave them)."""
        return tuple(choice for choice in self.choices if _meets(choice.fits, answers, set(answers)))


@dataclass(frozen=True)
class Questions:
    """The whole questions file: letters (in order, with their words), builder steps, questions, forms."""
    letters: dict[str, dict]
    steps: tuple[str, ...]
    step_titles: dict[str, dict]
    questions: dict[str, Question]
    forms: dict[str, dict]
    minutes_per_question: float = 0.5

    def for_letter(self, letter_type: str) -> list[Question]:
        """The questions `letter_type` asks, in the order the builder shows them."""
        return [question for question in self.questions.values() if question.asked_by(letter_type)]

    def for_form(self, form: str) -> list[Question]:
        return [self.questions[name] for name in self.forms[form]["questions"]]

    def to_have(self, letter_type: str | None = None) -> list[dict]:
        """What to have at hand ({en, es}) before writing `letter_type` (or any letter), in the order
        the builder asks, each once."""
        asked = self.for_letter(letter_type) if letter_type else [q for q in self.questions.values() if q.letters]
        found = []
        for question in asked:
            if question.have and question.have not in found:
                found.append(question.have)
        return found

    def minutes(self, letter_type: str) -> int:
        """About how long `letter_type` takes: minutes_per_question for each question, rounded up to 5."""
        asked = len([q for q in self.for_letter(letter_type) if q.name != "type"])
        return max(5, -(-int(asked * self.minutes_per_question) // 5) * 5)


def _meets(condition: dict | None, answers: dict, asked: set[str] | None = None, unasked: bool = True) -> bool:
    """True when every question named in `condition` has one of its listed values in `answers`. A
    question the letter does not ask (not in `asked`) counts as `unasked`: a question shown only if
    another says so is still shown, one required only if another says so is not required."""
    return not condition or all(answers.get(name) in values if asked is None or name in asked else unasked
                                for name, values in condition.items())



def _page_langs(value) -> tuple[str, ...]:
    """The language pages that ask a question: "all", "copy" (the languages whose reader gets a copy of
    an English letter, languages.toml) or a list of codes (empty: asked on no page, only in JSON and the CLI)."""
    if value == "all":
        return LANGUAGES
    if value == "copy":
        return tuple(code for code, language in languages().items() if language.copy)
    return tuple(value)

@functools.cache
def questions() -> Questions:
    """Read and check data/questions.toml (cached)."""
    data = load_data("questions.toml")
    letter_types = tuple(data["letter"])
    parsed = {}
    for name, row in data["question"].items():
        row = dict(row)
        for key in ("letters", "required"):
            value = row.get(key, ())
            if value == "all":
                value = letter_types if key == "letters" else row.get("letters", ()) or row.get("forms", ())
                if value == "all":
                    value = letter_types
            row[key] = tuple(value)
        row["forms"] = tuple(row.get("forms", ()))
        row["required_unless"] = tuple(row.get("required_unless", ()))
        row["page_langs"] = _page_langs(row.get("page_langs", "all"))
        source = row.pop("choices_from", None)
        if source == "case-providers":  # the case's own providers: no choices written here
            row["filled_from"] = source
        elif source == "letters":
            row["choices"] = [{"value": key, "label": letter["label"]} for key, letter in data["letter"].items()]
        elif source:  # another question's choices, so their words are written once
            row["choices"] = data["question"][source]["choices"]
        row["choices"] = tuple(Choice(**choice) for choice in row.get("choices", ()))
        parsed[name] = Question(name=name, **row)
    return Questions(letters=data["letter"], steps=tuple(data["builder"]["steps"]),
                     step_titles={name: step["title"] for name, step in data["step"].items()},
                     questions=parsed, forms=data["form"],
                     minutes_per_question=data["builder"]["minutes_per_question"])


def letter_types() -> tuple[str, ...]:
    """The letters the builder writes, in the order it offers them."""
    return tuple(questions().letters)


def required_questions(letter_type: str) -> list[str]:
    """The questions `letter_type` requires when every choice is left at its default (a question that
    another answer shows is counted as that answer's default has it)."""
    asked = questions().for_letter(letter_type)
    names = {question.name for question in asked}
    defaults = {"type": letter_type}
    for question in asked:
        if question.kind == "choice" and question.name != "type" and question.choices:
            defaults[question.name] = question.default or question.choices[0].value
    return [q.name for q in asked if letter_type in q.required and _meets(q.shown_if, defaults, names)]


def read_answers(letter_type: str, answers: dict) -> dict:
    """Every answer `letter_type` asks for, checked against its question: text through inputs.plain_text
    (hidden characters dropped, a line break in a one-line answer refused) and at most its limit, dates
    as datetime.date (YYYY-MM-DD), choices among those that fit the other answers (else the default),
    yes/no as bool. A question that is not shown is read as not given.
    Raises CalculatorError naming the first missing or malformed answer, in the builder's order."""
    if not isinstance(answers, dict):
        raise CalculatorError("answers-not-object", "answers")
    asked = [question for question in questions().for_letter(letter_type) if question.name != "type"]
    names = {question.name for question in asked}
    values: dict = {"type": letter_type}
    errors: dict[str, CalculatorError] = {}
    # A condition may name a later question (your email is required if the copy comes by email), so
    # answers are read in the order their conditions allow; errors are still reported in the builder's
    # order, the order the person meets them.
    pending = list(asked)
    while pending:
        ready = [question for question in pending
                 if all(name in values or name not in names for name in _condition_names(question))]
        if not ready:
            raise RuntimeError(f"questions.toml: conditions that wait on each other: {[q.name for q in pending]}")
        for question in ready:
            pending.remove(question)
            shown = _meets(question.shown_if, values, names)
            required = shown and (letter_type in question.required or
                                  (question.required_if is not None and
                                   _meets(question.required_if, values, names, unasked=False)))
            # Not required when another answer already says it (a records box when records are ticked).
            required = required and all(_blank(values.get(other)) for other in question.required_unless)
            if not shown:  # a question not asked is read as not given, whatever came in
                values[question.name] = NOT_GIVEN.get(question.kind)
                continue
            try:
                values[question.name] = _read(question, _given_or_default(question, answers), required, values)
            except CalculatorError as error:
                errors[question.name] = error
                values[question.name] = None
    for question in asked:
        if question.name in errors:
            raise errors[question.name]
    return values


def _given_or_default(question: Question, answers: dict):
    """The answer to `question`, or, when it is blank and the question named in its `default_if_given`
    has an answer, the value given there (answers written before the question was asked)."""
    value = answers.get(question.name)
    for other, default in (question.default_if_given or {}).items():
        if _blank(value) and not _blank(answers.get(other)):
            return default
    return value


def _condition_names(question: Question) -> set[str]:
    names = set(question.shown_if or ()) | set(question.required_if or ()) | set(question.required_unless)
    for choice in question.choices:
        names |= set(choice.fits or ())
    return names


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip()) or value in ((), [])


def _read(question: Question, value, required: bool, values: dict):
    name, kind = question.name, question.kind
    if kind == "yes-no":
        if value in (None, ""):
            return False
        if not isinstance(value, bool):
            raise CalculatorError("field-not-yes-no", name)
        return value
    if kind == "lines":
        return parse_other_lines(value)
    if kind == "choices":
        return _read_choices(question, value, required, values)
    fitting = tuple(choice.value for choice in question.fitting_choices(values)) if kind == "choice" else ()
    if _blank(value):
        if required:
            raise CalculatorError("field-missing", name)
        if kind == "choice" and fitting:
            return question.default if question.default in fitting else fitting[0]
        return NOT_GIVEN.get(kind)
    if kind in ("text", "long-text"):
        if not isinstance(value, str):
            raise CalculatorError("field-not-text", name)
        text = plain_text(value, name, one_line=kind == "text")
        if len(text) > question.limit:
            raise CalculatorError("text-too-long", name, limit=f"{question.limit:,}")
        if question.characters and text and not only_characters(text, question.characters):
            raise CalculatorError("field-bad-characters", name)
        return text
    if kind == "date":
        return parse_date(name, value)
    if kind == "number":
        try:
            return parse_pages(value)
        except CalculatorError as error:
            raise CalculatorError(error.code, name, **error.params) from None
    if kind == "money":
        return parse_amount(value, name, required)
    return parse_choice(value, fitting, name, "choice-unknown")


def only_characters(text: str, allowed: str) -> bool:
    """True when `text` holds only characters from `allowed` and at least one digit (a fax number)."""
    return all(char in allowed for char in text) and any(char.isdigit() for char in text)


def _read_choices(question: Question, value, required: bool, values: dict) -> tuple[str, ...]:
    """The ticked choices of a several-choice question: a list of values, each one that fits the other
    answers, returned once each in the order the question lists them (so the letter's order is the
    data's, not the order they were ticked)."""
    if _blank(value):
        if required:
            raise CalculatorError("field-missing", question.name)
        return ()
    if not isinstance(value, list):
        raise CalculatorError("field-not-list", question.name)
    fitting = tuple(choice.value for choice in question.fitting_choices(values))
    for item in value:
        parse_choice(item, fitting, question.name, "choice-unknown")
    return tuple(choice for choice in fitting if choice in value)


def parse_date(name: str, value) -> date:
    """The answer `name` as a date (YYYY-MM-DD), no later than the calculator's last year (a birth date
    may be earlier than its first); the day a provider received a request must be inside the
    calculator's coverage, like any date the calculator counts from."""
    text = value.strip() if isinstance(value, str) else echo(value)
    day = read_iso_date(text, name)
    last = date(law().covered_until.year, 12, 31)
    if day > last:  # a letter counts on from its dates: past the calculator's years it has no holidays
        raise CalculatorError("field-date-out-of-years", name, value=text, first=date(law().covered_from.year, 1, 1),
                              last=last)
    if name == "received_date":
        try:
            parse_received_date(text)
        except CalculatorError as error:
            raise CalculatorError(error.code, name, **error.params) from None
    return day
