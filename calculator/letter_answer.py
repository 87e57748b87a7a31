"""The answer to a letter request: the letter built from the person's answers, as the page's JSON (the
letter, its copy in the reader's language, dates, sources, e-mail and fax cover) or as text, HTML or a calendar file."""
from __future__ import annotations

from .case import parse_today
from .errors import CalculatorError
from .ics import calendar_file
from .inputs import parse_choice
from .letters import build_letter, letter_dates_text, letter_html, letter_json, letter_text

LETTER_FORMATS = ("json", "text", "html", "ics")
# The letter's JSON contract (MAINTAINING.md): what `--format json` prints and the page reads.
LETTER_JSON_KEYS = ("type", "letter", "translation", "dates", "sources", "email", "fax_cover")


def letter_answer(request: dict, lang: str) -> dict:
    """A letter from {"type", "answers", "format"}: with format "json" (the default) the letter's JSON
    contract plus "kind"; otherwise {"kind", "type", "format", "content"} with the text, HTML or .ics."""
    output = parse_choice(request.get("format") or "json", LETTER_FORMATS, "format", "choice-unknown")
    built = build_letter(request.get("type"), request.get("answers"), lang)
    if output == "json":  # the page also shows the dates beside the letter, in its language
        return {"kind": "letter", **letter_json(built), "dates_text": letter_dates_text(built)}
    if output == "ics":
        today = parse_today(request["today"]) if request.get("today") not in (None, "") else None
        content = calendar_file(built, today)
    else:
        content = {"text": letter_text, "html": letter_html}[output](built)
    if content is None:
        raise CalculatorError("no-calendar", "received_date")
    return {"kind": "letter", "type": built.type, "format": output, "content": content}
