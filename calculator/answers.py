"""Answers as JSON-ready dicts: the facts, their sources, and sentences in the reader's language.

The one door every request comes through (the JSON boundary for the browser, the CLI): it checks the
language and the kind, hands the request to that kind's module, and words an error for the reader.
"""
from __future__ import annotations

from .bill_answer import bill_request_answer
from .case_answer import case_request_answer
from .deadline_answer import deadline_request_answer
from .errors import CalculatorError
from .fee_answer import fee_request_answer
from .inputs import parse_choice
from .languages import source_language
from .law import LANGUAGES
from .letter_answer import letter_answer
from .words import check_lang, error_message

# Each kind of request and the function that answers it, (request, lang) -> answer dict.
ANSWERERS = {"fee": fee_request_answer, "deadline": deadline_request_answer, "letter": letter_answer,
             "fee-check": bill_request_answer, "case": case_request_answer}
KINDS = tuple(ANSWERERS)


def answer(request: dict) -> dict:
    """Answer a request dict ({"kind": one of KINDS, "lang"?, ...}: each kind's module reads its
    fields); raises CalculatorError."""
    lang = check_lang(request.get("lang", source_language()))
    kind = parse_choice(request.get("kind"), KINDS, "kind", "kind-unknown")
    return ANSWERERS[kind](request, lang)


def error_answer(error: CalculatorError, lang: str) -> dict:
    """{"error": {"code", "field", "message"}} with the message in `lang` (the source language if we do
    not speak `lang`)."""
    lang = lang if lang in LANGUAGES else source_language()
    return {"error": {"code": error.code, "field": error.field, "message": error_message(error, lang)}}
