"""Command line for legal aid staff. A public contract: keep the options and JSON keys stable.

    python -m calculator fee --pages N --date YYYY-MM-DD [--purpose own-copy|ssa-appeal|pfml]
                             [--form paper|electronic] [--lang en|es|vi|ru] [--json]
    python -m calculator deadline --rule RULE --date YYYY-MM-DD [--lang en|es|vi|ru] [--json]
    python -m calculator fee-check --bill FILE [--lang en|es|vi|ru] [--json]
    python -m calculator letter --type TYPE (--answers FILE | --case FILE [--today YYYY-MM-DD] [--provider ID])
                                [--lang en|es|vi|ru] [--format FORMAT]
    python -m calculator case --file FILE --today YYYY-MM-DD [--provider ID] [--lang en|es|vi|ru]
                              [--format text|json|ics]
    python -m calculator -h [--lang en|es|vi|ru]

Exit status: 0 answered (or help shown), 2 bad input (one line on stderr in the chosen language; with
--json also {"error": ...} on stdout), 1 internal error or the answer could not be written (a closed
pipe, a full disk). Whatever the arguments and the locale, no traceback: `--json` output is always
UTF-8 and every value repeated in a message goes through inputs.echo.
"""
from __future__ import annotations

import argparse
import json
import os
import sys

from .answers import KINDS, answer, error_answer
from .case import answers_for_provider, answers_from_log, find_provider, parse_case, parse_today, provider_ids
from .case_answer import CASE_FORMATS
from .errors import CalculatorError
from .explain import purpose_name
from .inputs import FORMS, PURPOSES, decode_file, echo, read_json
from .languages import source_language
from .law import LANGUAGES, law
from .letter_answer import LETTER_FORMATS, LETTER_JSON_KEYS
from .letters import LETTER_TYPES
from .words import say

HELP_OPTIONS = ("-h", "--help")
# Said when even the messages cannot be read: a person still gets one plain line in every language.
LAST_RESORT = ("Something went wrong in the calculator. / Algo salió mal en la calculadora. / "
               "Công cụ tính gặp lỗi. / В калькуляторе что-то пошло не так.")


class _UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # argparse would print English usage and exit; we answer in the chosen language
        raise _UsageError(message)


def _parser() -> argparse.ArgumentParser:
    # allow_abbrev=False: `--lan` or `--js` must be an error, not a silent guess at an option.
    # add_help=False: -h is answered by _help_text, in the chosen language.
    parser = _Parser(prog="python -m calculator", add_help=False, allow_abbrev=False)
    commands = parser.add_subparsers(dest="kind")
    for kind in KINDS:
        command = commands.add_parser(kind, add_help=False, allow_abbrev=False)
        if kind == "letter":
            command.add_argument("--type")
            command.add_argument("--answers")
            command.add_argument("--case")
            command.add_argument("--today")
            command.add_argument("--provider")
            command.add_argument("--format", default="text")
            command.add_argument("--lang", default=source_language())
            continue
        if kind == "case":
            command.add_argument("--file")
            command.add_argument("--today")
            command.add_argument("--provider")
            command.add_argument("--format", default="text")
            command.add_argument("--lang", default=source_language())
            continue
        if kind == "fee-check":
            command.add_argument("--bill")
            command.add_argument("--lang", default=source_language())
            command.add_argument("--json", action="store_true")
            continue
        command.add_argument("--date")
        if kind == "fee":
            command.add_argument("--pages")
            command.add_argument("--purpose", default="own-copy")
            command.add_argument("--form")
        else:
            command.add_argument("--rule")
        command.add_argument("--lang", default=source_language())
        command.add_argument("--json", action="store_true")
    return parser


def _readable(arg: str) -> str:
    """An argument as text. Python keeps bytes that are not valid in the locale's encoding as lone
    surrogates, which no encoder accepts: read those bytes as UTF-8, any invalid byte becoming U+FFFD."""
    if any("\ud800" <= char <= "\udfff" for char in arg):
        return os.fsencode(arg).decode("utf-8", "replace")
    return arg


def _options_before_separator(argv: list[str]) -> list[str]:
    return argv[:argv.index("--")] if "--" in argv else argv


def _lang_from(argv: list[str]) -> str:
    """The last --lang given, as argparse reads it, so usage errors and -h speak the same language as
    the answer would. The source language if the last one is missing or not a language we speak."""
    lang = source_language()
    options = _options_before_separator(argv)
    for index, arg in enumerate(options):
        if arg.startswith("--lang="):
            lang = arg.split("=", 1)[1]
        elif arg == "--lang" and index + 1 < len(options):
            lang = options[index + 1]
    return lang if lang in LANGUAGES else source_language()


def _usage(kind: str, lang: str) -> str:
    return say(f"cli.usage-{kind}", lang, langs="|".join(LANGUAGES), purposes="|".join(PURPOSES), forms="|".join(FORMS),
               rules="|".join(law().rules), types="|".join(LETTER_TYPES), formats="|".join(LETTER_FORMATS),
               case_formats="|".join(CASE_FORMATS))


def _wants_json(argv: list[str]) -> bool:
    """--json, or a letter's --format json: then errors are also printed as JSON on stdout."""
    options = _options_before_separator(argv)
    return "--json" in options or "--format=json" in options or any(
        arg == "--format" and index + 1 < len(options) and options[index + 1] == "json"
        for index, arg in enumerate(options))


def _read_text(path: str | None, field: str) -> str:
    """The text of the file at `path`, or of stdin for "-", read as a browser reads a chosen file
    (inputs.decode_file: UTF-8, a byte order mark skipped; anything else refused in plain words)."""
    if not path:
        raise CalculatorError("field-missing", field)
    try:
        if path == "-":
            data = sys.stdin.buffer.read() if hasattr(sys.stdin, "buffer") else sys.stdin.read().encode()
        else:
            with open(path, "rb") as chosen_file:
                data = chosen_file.read()
    except OSError as error:
        raise CalculatorError("answers-unreadable", field, detail=echo(error.strerror or "")) from None
    return decode_file(data, field)


def _read_answers(path: str | None, field: str = "answers"):
    """The letter's answers (or a bill): a JSON object read from the file at `path`, or from stdin for "-"."""
    text = _read_text(path, field)
    try:
        return read_json(text)
    except (ValueError, RecursionError):
        raise CalculatorError("answers-not-json", field) from None


def _help_text(lang: str) -> str:
    """-h: what the command does, how to call it, each option and its values, the exit statuses."""
    def choices(labelled: dict[str, str]) -> str:
        return "\n".join(f"      {value}: {label}" for value, label in labelled.items())

    return say("cli.help", lang, langs="|".join(LANGUAGES), usage_fee=_usage("fee", lang), usage_deadline=_usage("deadline", lang),
               usage_letter=_usage("letter", lang), usage_fee_check=_usage("fee-check", lang),
               usage_case=_usage("case", lang),
               purposes=choices({purpose: purpose_name(purpose, lang) for purpose in PURPOSES}),
               forms=choices({form: say(f"form.{form}", lang) for form in FORMS}),
               rules=choices({rule.id: rule.label[lang] for rule in law().rules.values()}),
               types=", ".join(LETTER_TYPES)).rstrip("\n")


def render_text(result: dict) -> str:
    """The plain-language answer: headline, inputs, breakdown or steps, notes, sources, review date."""
    lang = result["inputs"]["lang"]
    out = []
    if result["kind"] == "fee":
        out += result["headings"] + [result["inputs_text"], "", say("fee.breakdown", lang)]
        out += [f"  {line['text']}" for line in result["lines"]]
    elif result["kind"] == "fee-check":
        out += result["headings"] + [result["inputs_text"], "", say("bill.lines", lang)]
        out += [f"  - {line['text']}" for line in result["lines"]]
    else:
        out += result["headings"] + [result["inputs_text"], "", say("deadline.steps", lang)]
        out += [f"  {step['text']}" for step in result["steps"]]
    if result["notes"]:
        out += ["", say("common.notes", lang)] + [f"  - {note['text']}" for note in result["notes"]]
    out += ["", say("common.sources", lang)] + [f"  - {source['text']}" for source in result["sources"]]
    out += [""] + [f"! {warning}" for warning in result["warnings"]] + [result["reviewed_text"]]
    return "\n".join(out)


def _prepare_streams(as_json: bool) -> None:
    """JSON is UTF-8 whatever the locale (it is data for a program); text follows the terminal's
    encoding, and a character it cannot show becomes "?" instead of an exception."""
    for stream, encoding in ((sys.stdout, "utf-8" if as_json else None), (sys.stderr, None)):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace", **({"encoding": encoding} if encoding else {}))


def _write(stream, text: str) -> Exception | None:
    """Write one block of text and flush it; the error if it could not be written (never raised)."""
    try:
        stream.write(text + "\n")
        stream.flush()
        return None
    except (OSError, AttributeError, ValueError) as error:  # closed pipe, full disk, no stream at all
        _discard_unwritten(stream)
        return error


def _discard_unwritten(stream) -> None:
    # What is left in the buffer would be flushed again at exit and fail there, printing
    # "Exception ignored ...": point the stream's file descriptor at /dev/null so that flush succeeds.
    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), stream.fileno())
    except (OSError, AttributeError, ValueError):
        pass


def _fail(error: CalculatorError, lang: str, as_json: bool, status: int) -> int:
    try:
        failure = error_answer(error, lang)
        message = failure["error"]["message"]
    except Exception:  # noqa: BLE001 - the messages themselves could not be read
        failure, message = {"error": {"code": error.code, "field": error.field, "message": LAST_RESORT}}, LAST_RESORT
    _write(sys.stderr, message)
    if as_json and _write(sys.stdout, json.dumps(failure, ensure_ascii=False)) is not None:
        return 1
    return status


def _run(argv: list[str], lang: str, as_json: bool) -> int:
    if any(option in HELP_OPTIONS for option in _options_before_separator(argv)):
        return 0 if _write(sys.stdout, _help_text(lang)) is None else 1
    if not argv or argv[0] not in KINDS:
        raise CalculatorError("kind-unknown", "kind", value=echo(argv[0] if argv else ""),
                              allowed=", ".join(KINDS))
    try:
        args = vars(_parser().parse_args(argv))
    except _UsageError:
        raise CalculatorError("usage", None, usage=_usage(argv[0], lang)) from None
    args.pop("json", None)
    if args["lang"] not in LANGUAGES:
        raise CalculatorError("lang-unknown", "lang", value=echo(args["lang"]), allowed=", ".join(LANGUAGES))
    if args["kind"] == "case":
        result = answer({"kind": "case", "case": _read_text(args["file"], "case"), "today": args["today"],
                         "lang": args["lang"], "format": args["format"], "case_file": args["file"],
                         "provider": args["provider"]})
        text = (json.dumps(result, ensure_ascii=False, indent=2) if args["format"] == "json"
                else result["content"].rstrip("\n") if args["format"] == "text" else result["content"])
    elif args["kind"] == "letter":
        if args["case"] and args["answers"]:
            raise CalculatorError("usage", None, usage=_usage("letter", lang))
        if args["case"]:  # the case's answers, then what its log says for this letter, then the letter's date
            case = parse_case(_read_text(args["case"], "case"))
            provider = _chosen_provider(case, args["provider"])
            letter_answers = {**case.get("answers", {}), **answers_from_log(case, args["type"], provider)}
            if len(provider_ids(case)) > 1:  # the letter goes to the chosen provider
                letter_answers = answers_for_provider(letter_answers, find_provider(case, provider))
            if args["today"]:  # checked as a case's today is: a real date inside the calculator's years
                letter_answers["sent_date"] = parse_today(args["today"]).isoformat()
        elif args["today"] or args["provider"]:
            raise CalculatorError("usage", None, usage=_usage("letter", lang))
        else:
            letter_answers = _read_answers(args["answers"])
        result = answer({"kind": "letter", "type": args["type"], "answers": letter_answers,
                         "lang": args["lang"], "format": args["format"]})
        if args["format"] == "json":
            text = json.dumps({key: result[key] for key in LETTER_JSON_KEYS}, ensure_ascii=False, indent=2)
        else:
            text = result["content"].rstrip("\n")
    elif args["kind"] == "fee-check":
        bill = _read_answers(args["bill"], "bill")
        if not isinstance(bill, dict):
            raise CalculatorError("answers-not-object", "bill")
        result = answer({**bill, "kind": "fee-check", "lang": args["lang"]})
        text = json.dumps(result, ensure_ascii=False, indent=2) if as_json else render_text(result)
    else:
        result = answer(args)
        text = json.dumps(result, ensure_ascii=False, indent=2) if as_json else render_text(result)
    failure = _write(sys.stdout, text)
    if failure is None:
        return 0
    if not isinstance(failure, BrokenPipeError):  # a reader that went away needs no word; a full disk does
        _write(sys.stderr, say("error.output-failed", lang))
    return 1


def _chosen_provider(case: dict, chosen: str | None) -> str:
    """The id of the provider `letter --case` writes to: --provider, which a case with several providers
    needs (refused, naming the ids, when missing or not one of them); else the case's one provider."""
    ids = provider_ids(case)
    if chosen is None and len(ids) > 1:
        raise CalculatorError("case-provider-needed", "provider", ids=", ".join(ids), first=ids[0])
    return find_provider(case, chosen)["id"] if chosen is not None else ids[0]


def main(argv: list[str] | None = None) -> int:
    """Run the CLI on `argv`; returns the exit status."""
    argv = [_readable(arg) for arg in (sys.argv[1:] if argv is None else argv)]
    lang, as_json = _lang_from(argv), _wants_json(argv)
    _prepare_streams(as_json)
    try:
        return _run(argv, lang, as_json)
    except CalculatorError as error:
        return _fail(error, lang, as_json, 2)
    except KeyboardInterrupt:
        return 130
    except Exception:  # noqa: BLE001 - a person must never see a traceback
        return _fail(CalculatorError("internal"), lang, as_json, 1)
