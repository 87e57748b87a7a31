"""The one JSON boundary between the browser (Pyodide) and the calculator.

`handle_json` takes a JSON request string and always returns a JSON response string: an answer, or
{"error": {"code", "field", "message"}}. No exception escapes, so no stack trace reaches a person.
"""
from __future__ import annotations

import json
import re

from .answers import answer, error_answer
from .case import MAX_CASE_CHARS
from .errors import CalculatorError
from .inputs import MAX_REQUEST_CHARS, read_json, refused_before_parsing
from .languages import source_language
from .law import LANGUAGES

# Only to word a refused request in the page's language and for its kind: the page writes "lang" and
# "kind" first. A case too big for a request is refused as a case too big, as parse_case would.
_LANG_HINT = re.compile(r'"lang"\s*:\s*"([a-z]{2})"')
_CASE_HINT = re.compile(r'"kind"\s*:\s*"case"')


def handle_json(request_json: str) -> str:
    """Answer one JSON request (see answers.answer for its fields); returns a JSON string, never raises."""
    lang = source_language()
    try:
        if not isinstance(request_json, str):
            raise CalculatorError("request-malformed")
        if refused_before_parsing(request_json):
            hint = _LANG_HINT.search(request_json[:200])
            if hint and hint.group(1) in LANGUAGES:
                lang = hint.group(1)
            if _CASE_HINT.search(request_json[:200]) and len(request_json) > MAX_REQUEST_CHARS:
                raise CalculatorError("case-too-big", "case", limit=f"{MAX_CASE_CHARS:,}")
            raise CalculatorError("request-malformed")
        request = read_json(request_json)
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
