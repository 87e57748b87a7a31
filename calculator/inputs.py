"""Turning what a person typed into checked values, or a CalculatorError that says what is allowed."""
from __future__ import annotations

import json
import math
import re
import unicodedata
from datetime import date

from .errors import CalculatorError
from .law import LANGUAGES, law, messages

MAX_PAGES = 100_000
PURPOSES = ("own-copy", "ssa-appeal", "pfml")
FORMS = ("paper", "electronic")
# ASCII digits only: \d would also take Arabic-Indic or full-width digits, which int() then accepts.
# A fee or deadline request is one flat object of under 200 characters; a letter's answers are at most
# its text questions at their limits (data/questions.toml: about 24,000 characters for the longest
# letter), under 200,000 even with every character written as a \uXXXX escape (a test checks each
# letter); a case file's text (at most case.MAX_CASE_CHARS, 400,000) sent as one JSON string at most
# doubles when every quote and line break is escaped. Anything bigger or deeper is refused before
# json.loads sees it: inside Pyodide, a few thousand nested brackets overflow the wasm stack, which
# kills the interpreter for good instead of raising RecursionError as CPython does.
MAX_REQUEST_CHARS = 1_000_000
MAX_NESTING_DEPTH = 8
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_WHOLE_NUMBER = re.compile(r"[0-9]+")
ECHO_LIMIT = 40
# Characters no answer keeps: controls (Cc), invisible format characters (Cf: U+FEFF, U+2060, U+00AD,
# U+061C, the bidi overrides U+202A–202E and isolates U+2066–2069, which could show a name reversed) and
# the Unicode line and paragraph separators (Zl, Zp). A one-line answer holding a line break is refused,
# not mended: "Ana Ruiz\n\nP.S. …" would put words of someone else's on lines of their own.
HIDDEN_CATEGORIES = ("Cc", "Cf", "Zl", "Zp")
LINE_BREAKS = "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"
# The Byte Order Mark Notepad writes at the start of a UTF-8 file; browsers skip it, so do we.
UTF8_BOM = b"\xef\xbb\xbf"
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def echo(value) -> str:
    """What a person typed, safe to repeat in a message: one line, no control or format characters
    (a terminal escape or a bidi override could disguise the message), at most ECHO_LIMIT characters."""
    typed, kept = str(value), []
    for char in typed[:ECHO_LIMIT * 4]:  # enough for the message, however long the input
        if char.isspace():
            kept.append(" ")
        elif "\ud800" <= char <= "\udfff":  # a byte that was not UTF-8, kept by surrogateescape
            kept.append("\ufffd")
        elif char.isprintable():
            kept.append(char)
    text = " ".join("".join(kept).split())
    if len(text) > ECHO_LIMIT or len(typed) > ECHO_LIMIT * 4:
        text = text[:ECHO_LIMIT - 1].rstrip() + "…"
    return text


def hidden_characters(text: str, keep: str = "") -> list[str]:
    """The characters of `text` in HIDDEN_CATEGORIES, except those in `keep`, in order."""
    return [char for char in text if char not in keep and unicodedata.category(char) in HIDDEN_CATEGORIES]


def plain_text(value: str, field: str, one_line: bool) -> str:
    """Typed text as a letter may print it, stripped of spaces at both ends. A one-line answer: a line
    break is refused (CalculatorError "field-one-line"), a tab becomes a space, every other hidden
    character is dropped. A long answer keeps its line breaks (\\r\\n, \\r, U+2028 and U+2029 become
    \\n), a tab becomes a space, and the other hidden characters are dropped."""
    if one_line and any(char in LINE_BREAKS for char in value.strip()):
        raise CalculatorError("field-one-line", field)
    text = value.replace("\r\n", "\n")
    for separator in "\r\u2028\u2029":
        text = text.replace(separator, "\n")
    text = text.replace("\t", " ")
    return "".join(char for char in text if char == "\n" or unicodedata.category(char) not in HIDDEN_CATEGORIES).strip()


def _refuse_constant(name: str):
    raise ValueError(f"not a JSON number: {name}")


def _finite(text: str) -> float:
    number = float(text)
    if not math.isfinite(number):  # 1e400 reads as infinity
        raise ValueError("number too big")
    return number


def nesting_depth(text: str) -> int:
    """The deepest level of [ and { in JSON `text`, ignoring brackets inside strings."""
    depth = deepest = 0
    in_string = escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth -= 1
    return deepest


def refused_before_parsing(request_json: str) -> bool:
    """Whether a JSON request is too long (MAX_REQUEST_CHARS characters) or too deep (MAX_NESTING_DEPTH
    levels of brackets) to be read at all."""
    return len(request_json) > MAX_REQUEST_CHARS or nesting_depth(request_json) > MAX_NESTING_DEPTH


def read_json(text: str):
    """`text` as strict JSON: NaN, Infinity and numbers too big for a float (1e400) are refused with
    ValueError, as a browser's JSON.parse refuses the first two; Python's json would accept all three."""
    return json.loads(text, parse_constant=_refuse_constant, parse_float=_finite)


def decode_file(data: bytes, field: str) -> str:
    """A file's bytes as a browser reads them: UTF-8, a leading byte order mark skipped. UTF-16 and
    bytes that are not UTF-8 raise CalculatorError "file-not-utf8" (no exception name in the message)."""
    if data.startswith(UTF8_BOM):
        data = data[len(UTF8_BOM):]
    if data.startswith(UTF16_BOMS):
        raise CalculatorError("file-not-utf8", field)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise CalculatorError("file-not-utf8", field) from None


def parse_pages(value) -> int:
    """A page count: a whole number from 1 to 100,000, given as an int or a string of digits."""
    if value is None or (isinstance(value, str) and not value.strip()):
        raise CalculatorError("field-missing", "pages")
    if isinstance(value, bool):
        raise CalculatorError("pages-not-whole-number", "pages", value=str(value))
    if isinstance(value, int):
        pages = value
    else:
        text = str(value).strip()
        if not _WHOLE_NUMBER.fullmatch(text) or len(text) > 12:
            raise CalculatorError("pages-not-whole-number", "pages", value=echo(text))
        pages = int(text)
    if not 1 <= pages <= MAX_PAGES:
        raise CalculatorError("pages-out-of-range", "pages", value=f"{pages:,}"[:40])
    return pages


def parse_received_date(value) -> date:
    """The day the provider received the request, as YYYY-MM-DD, inside the calculator's coverage."""
    text = str(value).strip() if value is not None else ""
    if not text:
        raise CalculatorError("field-missing", "date")
    received = read_iso_date(text, "date", "")
    if received < law().covered_from:
        raise CalculatorError("date-before-coverage", "date",
                              covered_from=law().covered_from)
    if received > law().covered_until:
        raise CalculatorError("date-after-coverage", "date",
                              covered_until=law().covered_until)
    return received


def read_iso_date(text: str, field: str, prefix: str = "field-") -> date:
    """`text` as a date (YYYY-MM-DD), or the error `{prefix}date-…` at `field` that says what is wrong:
    not written as year-month-day, no such month, or no such day in that month ("February 2026 has no
    day 30")."""
    if not _ISO_DATE.fullmatch(text):
        raise CalculatorError(f"{prefix}date-malformed", field, value=echo(text))
    year, month, day = (int(part) for part in text.split("-"))
    if not 1 <= month <= 12:
        raise CalculatorError(f"{prefix}date-no-month", field, month=month, value=echo(text))
    try:
        return date(year, month, day)
    except ValueError:  # year 0, or a day the month does not have
        if year < 1:
            raise CalculatorError(f"{prefix}date-impossible", field, value=echo(text)) from None
        month_name = {lang: messages()["date"]["months"][lang][month - 1] for lang in LANGUAGES}
        raise CalculatorError(f"{prefix}date-no-day", field, month=month_name, year=year, day=day,
                              value=echo(text)) from None


def require(request: dict, names: tuple[str, ...]) -> None:
    """Raise field-missing for the first of `names` that `request` lacks or leaves empty."""
    for name in names:
        if request.get(name) in (None, ""):
            raise CalculatorError("field-missing", name)


def parse_choice(value, allowed: tuple[str, ...], field: str, code: str) -> str:
    """`value` if it is one of `allowed`, else the error `code` listing what is allowed."""
    if value not in allowed:
        raise CalculatorError(code, field, value=echo(value), allowed=", ".join(allowed))
    return value
