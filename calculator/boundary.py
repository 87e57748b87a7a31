"""The one JSON boundary between the browser (Pyodide) and the calculator.

`handle_json` takes a JSON request string and always returns a JSON response string: an answer, or
{"error": {"code", "field", "message"}}. No exception escapes, so no stack trace reaches a person.
"""
from __future__ import annotations

import json

from .answers import answer, error_answer
from .errors import CalculatorError
from .law import LANGUAGES


def handle_json(request_json: str) -> str:
    """Answer one JSON request (see answers.answer for its fields); returns a JSON string, never raises."""
    lang = "en"
    try:
        request = json.loads(request_json)
        if not isinstance(request, dict):
            raise CalculatorError("request-malformed")
        if request.get("lang") in LANGUAGES:
            lang = request["lang"]
        response = answer(request)
    except (TypeError, ValueError, RecursionError) as error:
        if not isinstance(error, CalculatorError):
            error = CalculatorError("request-malformed")
        response = error_answer(error, lang)
    except Exception:  # noqa: BLE001 - the page shows a message and its static tables instead
        response = error_answer(CalculatorError("internal"), lang)
    return json.dumps(response, ensure_ascii=False)
