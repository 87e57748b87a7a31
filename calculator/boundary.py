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
from .inputs import nesting_depth, read_json  # nesting_depth: also this module's, as before
from .law import LANGUAGES

# A fee or deadline request is one flat object of under 200 characters; a letter's answers are at most
# its text questions at their limits (data/questions.toml: about 24,000 characters for the longest
# letter), under 200,000 even with every character written as a \uXXXX escape (a test checks each
# letter); a case file's text (at most case.MAX_CASE_CHARS, 400,000) sent as one JSON string at most
# doubles when every quote and line break is escaped. Anything bigger or deeper is refused before
# json.loads sees it: inside Pyodide, a few thousand nested brackets overflow the wasm stack, which
# kills the interpreter for good instead of raising RecursionError as CPython does.
MAX_REQUEST_CHARS = 1_000_000
MAX_NESTING_DEPTH = 8
# Only to word a refused request in the page's language and for its kind: the page writes "lang" and
# "kind" first. A case too big for a request is refused as a case too big, as parse_case would.
_LANG_HINT = re.compile(r'"lang"\s*:\s*"([a-z]{2})"')
_CASE_HINT = re.compile(r'"kind"\s*:\s*"case"')


def _refused_before_parsing(request_json: str) -> bool:
    return len(request_json) > MAX_REQUEST_CHARS or nesting_depth(request_json) > MAX_NESTING_DEPTH


def handle_json(request_json: str) -> str:
    """Answer one JSON request (see answers.answer for its fields); returns a JSON string, never raises."""
    lang = "en"
    try:
        if not isinstance(request_json, str):
            raise CalculatorError("request-malformed")
        if _refused_before_parsing(request_json):
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
