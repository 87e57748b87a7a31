"""Command line for legal aid staff. A public contract: keep the options and JSON keys stable.

    python -m calculator fee --pages N --date YYYY-MM-DD [--purpose own-copy|ssa-appeal|pfml]
                             [--form paper|electronic] [--lang en|es] [--json]
    python -m calculator deadline --rule RULE --date YYYY-MM-DD [--lang en|es] [--json]

Exit status: 0 answered, 2 bad input (one line on stderr in the chosen language), 1 internal error.
"""
from __future__ import annotations

import argparse
import json
import sys

from .answers import answer, error_answer
from .errors import CalculatorError
from .law import LANGUAGES
from .words import say


USAGE = {
    "fee": "python -m calculator fee --pages N --date YYYY-MM-DD [--purpose own-copy|ssa-appeal|pfml] "
           "[--form paper|electronic] [--lang en|es] [--json]",
    "deadline": "python -m calculator deadline --rule access|correction|pfml-certification|hipaa-access|"
                "hipaa-amendment --date YYYY-MM-DD [--lang en|es] [--json]",
}


class _UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # argparse would print English usage and exit; we answer in the chosen language
        raise _UsageError(message)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m calculator",
                     description="Washington medical records: copy fees and response deadlines.")
    commands = parser.add_subparsers(dest="kind")
    for kind in ("fee", "deadline"):
        command = commands.add_parser(kind)
        command.add_argument("--date", help="day the provider received the request, YYYY-MM-DD")
        if kind == "fee":
            command.add_argument("--pages", help="number of pages, 1 to 100,000")
            command.add_argument("--purpose", default="own-copy", help="own-copy | ssa-appeal | pfml")
            command.add_argument("--form", help="paper | electronic (optional)")
        else:
            command.add_argument("--rule", help="access | correction | pfml-certification | hipaa-access | "
                                                "hipaa-amendment")
        command.add_argument("--lang", default="en", help="en | es")
        command.add_argument("--json", action="store_true", help="print one JSON object")
    return parser


def _lang_from(argv: list[str]) -> str:
    """The --lang asked for, read before full parsing so even usage errors speak that language."""
    for index, arg in enumerate(argv):
        value = arg.split("=", 1)[1] if arg.startswith("--lang=") else (
            argv[index + 1] if arg == "--lang" and index + 1 < len(argv) else None)
        if value in LANGUAGES:
            return value
    return "en"


def render_text(result: dict) -> str:
    """The plain-language answer: headline, inputs, breakdown or steps, notes, sources, review date."""
    lang = result["inputs"]["lang"]
    out = []
    if result["kind"] == "fee":
        out += [result["heading"], result["inputs_text"], "", say("fee.breakdown", lang)]
        out += [f"  {line['text']}" for line in result["lines"]]
    else:
        out += result["headings"] + [result["inputs_text"], "", say("deadline.steps", lang)]
        out += [f"  {step['text']}" for step in result["steps"]]
    if result["notes"]:
        out += ["", say("common.notes", lang)] + [f"  - {note['text']}" for note in result["notes"]]
    out += ["", say("common.sources", lang)] + [f"  - {source['text']}" for source in result["sources"]]
    out += [""] + [f"! {warning}" for warning in result["warnings"]] + [result["reviewed_text"]]
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    """Run the CLI on `argv`; returns the exit status."""
    argv = sys.argv[1:] if argv is None else argv
    lang, as_json = _lang_from(argv), "--json" in argv
    try:
        if not argv or argv[0] not in USAGE:
            raise CalculatorError("kind-unknown", "kind", value=(argv or ["-"])[0], allowed=", ".join(USAGE))
        try:
            args, extras = _parser().parse_known_args(argv)
        except _UsageError:
            extras = ["?"]
        if extras:
            raise CalculatorError("usage", None, usage=USAGE[argv[0]])
        args = vars(args)
        result = answer({key: value for key, value in args.items() if key != "json"})
    except CalculatorError as error:
        failure = error_answer(error, lang)
        print(failure["error"]["message"], file=sys.stderr)
        if as_json:
            print(json.dumps(failure, ensure_ascii=False))
        return 2
    except Exception:  # noqa: BLE001 - a person must never see a traceback
        failure = error_answer(CalculatorError("internal"), lang)
        print(failure["error"]["message"], file=sys.stderr)
        return 1
    print(json.dumps(result, ensure_ascii=False, indent=2) if as_json else render_text(result))
    return 0
