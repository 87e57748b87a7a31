"""Print every answer the calculator gives to its documented examples, as one deterministic text stream.

    .venv/bin/python tests/dump_answers.py > /tmp/after.txt

A refactor that must not change a single answer runs this on the commit before and on its own tree and
compares the two files with `cmp` (issue 27 did). Not a test: it asserts nothing, it only prints.

It prints, in order:
1. every `python -m calculator …` line of README.md and MAINTAINING.md (their fenced shell blocks, and
   inline code that starts with it), expanded into every command it describes: each `[optional part]`
   left out and put in, each `a|b` choice, and each stand-in (FILE, YYYY-MM-DD, ID, TYPE, …) replaced
   by the stand-ins below; a path that is not a stand-in is read as written, from the repository's
   root. Each run shows its exit status, stdout and stderr. It runs `calculator.cli.main`, the function
   `python -m calculator` runs, in this process (a thousand interpreters would take minutes);
2. the answer of every request in overrides/snapshot/check_requests.json through calculator.boundary's
   handle_json (what the Pyodide snapshot is checked with);
3. the whole answer to every golden case (tests/calculator/golden_cases.json), and whether it meets
   the case's expectations (tests/calculator/golden.py).
Nothing is skipped silently: every line found is listed with the number of commands it expanded to.
"""
from __future__ import annotations

import contextlib
import io
import json
import os
import re
import shlex
import sys
import tempfile
from itertools import product
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from calculator.boundary import handle_json  # noqa: E402  the repository's own calculator, not an installed one
from calculator.case import provider_ids  # noqa: E402
from calculator.cli import main as cli_main  # noqa: E402
from tests.calculator.golden import CASES, mismatches  # noqa: E402
from tests.calculator.test_letters import ANSWERS  # noqa: E402

GUIDES = ("README.md", "MAINTAINING.md")
COMMAND = "python -m calculator"
SHELL_BLOCK = re.compile(r"^```(?:sh|shell|bash|console)\s*\n(.*?)^```", re.S | re.M)
INLINE = re.compile(r"`(python -m calculator[^`]*)`")
CHECK_REQUESTS = ROOT / "overrides" / "snapshot" / "check_requests.json"

# What a stand-in in the guides' synopses becomes. Letter answers are tests/calculator/test_letters.py's
# own; two bills; two cases (one provider, and two providers), with the day each is read on.
# In the order this dump has always printed them (a case's answers merge them in this order).
LETTER_ANSWERS = {name: ANSWERS[name] for name in ("access", "correction", "disagreement", "follow-up", "second-review",
                                                   "send-copy", "fee-dispute", "reply", "complaint-ocr", "info-blocking",
                                                   "complaint-doh")}
BILLS = {
    "bill-over.json": {"received_date": "2026-10-01", "bill_pages": 60, "bill_per_page": "1.50", "bill_clerical": "$35",
                       "bill_total": "125.00", "bill_other": [{"label": "Rush fee", "amount": "10"}]},
    "bill-within.json": {"received_date": "2026-10-01", "bill_pages": 60, "bill_first_tier_per_page": "1.24",
                         "bill_later_per_page": "0.94", "bill_clerical": "28", "bill_total": "93.40",
                         "bill_for": "someone-else", "copy_form": "electronic", "purpose": "pfml"},
}
# A case's answers hold what every letter asks beyond its log (the log gives the dates it knows).
CASE_ANSWERS = {key: value for answers in LETTER_ANSWERS.values() for key, value in answers.items()
                if not key.endswith("_date") or key in ("patient_birth_date", "sent_date")}
CASES_READ = {  # file name: (the case, the day it is read on)
    "case-one-provider.json": ({
        "format": "wa-medical-records-case", "version": 1, "answers": CASE_ANSWERS,
        "log": [{"event": "sent", "date": "2026-10-01", "request": "access", "letter": "access"},
                {"event": "received", "date": "2026-10-05", "request": "access"},
                {"event": "delay-notice", "date": "2026-11-03", "request": "access"}], "letters": []}, "2026-12-02"),
    "case-two-providers.json": ({
        "format": "wa-medical-records-case", "version": 2,
        "providers": [{"id": "clinic", "name": "Valley Clinic", "address": "2 Oak Ave\nSpokane, WA 99201"},
                      {"id": "lab", "name": "Valley Lab", "address": "9 Elm St\nSpokane, WA 99201",
                       "fax": "(509) 555-0100"}],
        "answers": {**CASE_ANSWERS, "provider_name": "Valley Clinic", "provider_address": "2 Oak Ave\nSpokane, WA 99201"},
        "log": [{"event": "received", "date": "2026-10-05", "request": "access"},
                {"event": "received", "date": "2026-11-02", "request": "access", "provider": "lab"},
                {"event": "refusal", "date": "2026-11-10", "request": "access", "provider": "lab", "grounds": "other"}],
        "letters": []}, "2026-11-20"),
}
LETTER_FORMATS = ("text", "json", "html", "ics")
STAND_IN = re.compile(r"^(FILE|YYYY-MM-DD|ID|TYPE|N|RULE|FORMAT|…)$")


def guide_lines() -> list[tuple[str, str]]:
    """Every `python -m calculator` line of the guides, as ("README.md:450", "fee --pages 45 …")."""
    found = []
    for name in GUIDES:
        path = ROOT / name
        if not path.exists():
            continue
        text = path.read_text(encoding="utf-8")
        for block in SHELL_BLOCK.finditer(text):
            first_line = text.count("\n", 0, block.start(1)) + 1
            for offset, line in enumerate(block.group(1).splitlines()):
                line = line.removeprefix("$ ").split(" #")[0].strip()
                if line.startswith(COMMAND):
                    found.append((f"{name}:{first_line + offset}", line[len(COMMAND):].strip()))
        for span in INLINE.finditer(text):
            line_number = text.count("\n", 0, span.start()) + 1
            found.append((f"{name}:{line_number} (inline)", span.group(1)[len(COMMAND):].strip()))
    return found


def _parts(synopsis: str) -> list[list[list[str]]]:
    """The synopsis as parts, each a list of the token lists it may stand for: `[--lang en|es]` is
    [[], ["--lang", "en"], ["--lang", "es"]]; `--type a|b` is [["--type", "a"], ["--type", "b"]]."""
    tokens, parts, index = shlex.split(synopsis), [], 0
    while index < len(tokens):
        if tokens[index].startswith("["):
            end = next(i for i in range(index, len(tokens)) if tokens[i].endswith("]"))
            inside = " ".join(tokens[index:end + 1])[1:-1].split()
            parts.append([[]] + _choices(inside))
            index = end + 1
        else:
            end = index + 2 if tokens[index].startswith("--") and index + 1 < len(tokens) else index + 1
            parts.append(_choices(tokens[index:end]))
            index = end
    return parts


def _choices(tokens: list[str]) -> list[list[str]]:
    return [list(chosen) for chosen in product(*(token.split("|") for token in tokens))]


def _stand_ins(argv: list[str], index: int) -> list[str]:
    """What the stand-in at argv[index] becomes, given the option before it and the rest of argv."""
    option, options = argv[index - 1], dict(zip(argv, argv[1:]))
    if option == "--answers":
        return [f"answers-{options.get('--type', 'access')}.json"]
    if option == "--bill":
        return list(BILLS)
    if option in ("--file", "--case"):
        return list(CASES_READ)
    if option == "--today":
        chosen = options.get("--file") or options.get("--case")
        return [CASES_READ[chosen][1]] if chosen in CASES_READ else ["2026-12-02"]
    if option == "--provider":
        chosen = options.get("--file") or options.get("--case")
        return provider_ids(CASES_READ[chosen][0]) if chosen in CASES_READ else ["clinic"]
    if option == "--type":
        return list(LETTER_ANSWERS)
    if option == "--format":
        return list(LETTER_FORMATS)
    raise SystemExit(f"dump_answers.py: no stand-in for {argv[index]} after {option}")


def commands(synopsis: str) -> list[list[str]]:
    """Every argv the synopsis describes, stand-ins replaced (in order, so --type is known before --answers)."""
    pending = [sum(chosen, []) for chosen in product(*_parts(synopsis))]
    done = []
    while pending:
        argv = pending.pop(0)
        index = next((i for i, token in enumerate(argv) if STAND_IN.match(token)), None)
        if index is None:
            done.append(argv)
            continue
        pending[:0] = [argv[:index] + [value] + argv[index + 1:] for value in _stand_ins(argv, index)]
    return done


def run_cli(argv: list[str]) -> tuple[int, str, str]:
    """`python -m calculator *argv`: its exit status, stdout and stderr (UTF-8, as under a UTF-8 locale)."""
    out, err = io.BytesIO(), io.BytesIO()
    stdout, stderr = io.TextIOWrapper(out, encoding="utf-8"), io.TextIOWrapper(err, encoding="utf-8")
    with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        status = cli_main(argv)
    stdout.flush()
    stderr.flush()
    return status, out.getvalue().decode("utf-8"), err.getvalue().decode("utf-8")


@contextlib.contextmanager
def stand_in_folder():
    """A temporary working folder holding the stand-in files, with the repository's top-level entries
    linked into it so a path in a guide resolves as from the root. Relative names keep the output the
    same wherever it runs."""
    previous = Path.cwd()
    with tempfile.TemporaryDirectory() as folder:
        here = Path(folder)
        for entry in ROOT.iterdir():
            (here / entry.name).symlink_to(entry)
        for letter_type, answers in LETTER_ANSWERS.items():
            (here / f"answers-{letter_type}.json").write_text(json.dumps(answers, ensure_ascii=False), "utf-8")
        for name, bill in BILLS.items():
            (here / name).write_text(json.dumps(bill, ensure_ascii=False), "utf-8")
        for name, (case, _) in CASES_READ.items():
            (here / name).write_text(json.dumps(case, ensure_ascii=False, indent=2), "utf-8")
        os.chdir(here)
        try:
            yield
        finally:
            os.chdir(previous)


def dump_cli(write) -> tuple[int, int]:
    lines, runs = guide_lines(), 0
    write(f"# 1. CLI examples: {len(lines)} lines in {', '.join(g for g in GUIDES if (ROOT / g).exists())}\n")
    with stand_in_folder():
        for where, synopsis in lines:
            expanded = commands(synopsis)
            write(f"\n## {where}: {COMMAND} {synopsis}  ->  {len(expanded)} commands\n")
            for argv in expanded:
                status, out, err = run_cli(argv)
                write(f"\n$ {COMMAND} {shlex.join(argv)}\nexit {status}\n--- stdout\n{out}--- stderr\n{err}")
            runs += len(expanded)
    return len(lines), runs


def dump_requests(write) -> int:
    requests = json.loads(CHECK_REQUESTS.read_text(encoding="utf-8"))
    write(f"\n# 2. Pyodide check requests: {len(requests)} in {CHECK_REQUESTS.relative_to(ROOT)}\n")
    for number, request in enumerate(requests, 1):
        request_json = request if isinstance(request, str) else json.dumps(request, ensure_ascii=False)
        write(f"\n## request {number}: {request_json[:200]}\n{handle_json(request_json)}\n")
    return len(requests)


def dump_golden(write) -> int:
    write(f"\n# 3. Golden cases: {len(CASES)}\n")
    for number, case in enumerate(CASES, 1):
        answer = json.loads(handle_json(json.dumps(case["request"], ensure_ascii=False)))
        write(f"\n## case {number}: {case['name']}\n{json.dumps(answer, ensure_ascii=False, indent=1)}\n"
              f"mismatches: {mismatches(case, answer)}\n")
    return len(CASES)


def main() -> None:
    """Write the whole dump to stdout (UTF-8), with the counts at the end."""
    out = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", newline="\n")
    lines, runs = dump_cli(out.write)
    requests = dump_requests(out.write)
    cases = dump_golden(out.write)
    out.write(f"\n# covered: {lines} guide lines ({runs} commands), {requests} check requests, {cases} golden cases\n")
    out.flush()


if __name__ == "__main__":
    main()
