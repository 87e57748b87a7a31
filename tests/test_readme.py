"""The front door and its two guides stay true (issue 27): README.md is short, every relative link and
#anchor in README.md, HOSTING.md and MAINTAINING.md reaches a file and a heading that exist, and every
`python -m calculator …` example runs from the repository root as the text says it does.

How the guides show a command: a ```console block holds `$ python -m calculator …` lines, each followed
by the part of its output shown (stdout, then stderr). A line `…` stands for lines left out; without one
at the start (or end), the shown lines are the first (or last) lines of the output. The exit status is 0
unless the paragraph right before the block says "exits N". A command with a placeholder (FILE, TYPE,
YYYY-MM-DD, […], a|b) is a usage line, not an example: each option it names must be one the calculator's
help lists. Any other `python -m calculator …` in backticks must run and exit 0."""
import re
import shlex
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
GUIDES = ("README.md", "HOSTING.md", "MAINTAINING.md")
README_MAX_LINES = 150

FENCE = re.compile(r"^```(\w*)\n(.*?)^```$", re.MULTILINE | re.DOTALL)
LINK = re.compile(r"\[(?:[^\]]*)\]\(([^)\s]+)\)")
INLINE_COMMAND = re.compile(r"`(python -m calculator[^`]*)`")
PLACEHOLDER = re.compile(r"[\[\]|…]|\b(?:FILE|TYPE|ID|N|YYYY-MM-DD)\b")
STATED_EXIT = re.compile(r"\bexits (\d)\b")
ELLIPSIS = "…"


def _text(name: str) -> str:
    return (ROOT / name).read_text(encoding="utf-8")


def _prose(text: str) -> str:
    """`text` with its fenced blocks blanked out (a link or a heading inside code is not one)."""
    return FENCE.sub(lambda block: "\n" * block.group(0).count("\n"), text)


def github_slug(heading: str) -> str:
    """The anchor GitHub gives a Markdown heading: lower case, inline-code backticks and punctuation
    dropped (letters, digits, `-`, `_` and spaces kept), each space a `-`. Repeats are not numbered here:
    a guide with two headings alike is refused by `test_headings_are_unique`."""
    kept = "".join(char for char in heading.strip().lower()
                    if char in "-_ " or unicodedata.category(char)[0] in "LN")
    return kept.replace(" ", "-")


def headings(text: str) -> list[str]:
    """The text of every ATX heading of `text` outside fenced blocks."""
    return [match.group(1) for match in re.finditer(r"^#{1,6} +(.+?) *#*$", _prose(text), re.MULTILINE)]


def anchors(name: str) -> set[str]:
    return {github_slug(heading) for heading in headings(_text(name))}


def relative_links(name: str) -> list[str]:
    """Every link target in `name`'s prose that is not a full address (https:, mailto:)."""
    return [target for target in LINK.findall(_prose(_text(name)))
            if not re.match(r"^[a-z][a-z0-9+.-]*:", target)]


def broken_links(name: str) -> list[str]:
    """The relative links of `name` whose file does not exist or whose #anchor is no heading of it."""
    broken = []
    for target in relative_links(name):
        path, _, fragment = target.partition("#")
        file = (ROOT / name).parent / path if path else ROOT / name
        if not file.exists():
            broken.append(target)
        elif fragment and file.suffix == ".md" and fragment not in anchors(str(file.relative_to(ROOT))):
            broken.append(target)
    return broken


def console_examples(name: str) -> list[tuple[str, list[str], int]]:
    """Each `$ python -m calculator …` of a ```console block in `name`: the command, the output lines
    shown under it, and the exit status the paragraph before the block states (0 if none)."""
    text = _text(name)
    examples = []
    for block in FENCE.finditer(text):
        if block.group(1) != "console":
            continue
        before = text[:block.start()].rstrip().rpartition("\n\n")[2]
        stated = STATED_EXIT.search(before)
        status = int(stated.group(1)) if stated else 0
        for chunk in re.split(r"^\$ ", block.group(2), flags=re.MULTILINE)[1:]:
            command, *shown = chunk.rstrip("\n").split("\n")
            examples.append((command, shown, status))
    return examples


def usage_lines(name: str) -> list[str]:
    """Every `python -m calculator …` written with a placeholder: in a ```sh or ```text block, or in
    backticks in the prose."""
    text = _text(name)
    found = [line.strip() for block in FENCE.finditer(text) if block.group(1) != "console"
             for line in block.group(2).splitlines() if line.strip().startswith("python -m calculator")]
    found += INLINE_COMMAND.findall(_prose(text))
    return [line for line in found if PLACEHOLDER.search(line)]


def inline_examples(name: str) -> list[str]:
    """Every `python -m calculator …` in backticks in the prose that has no placeholder: it must run."""
    return [command for command in INLINE_COMMAND.findall(_prose(_text(name))) if not PLACEHOLDER.search(command)]


def run(command: str) -> subprocess.CompletedProcess:
    """Run a documented command from the repository root with this test's Python in place of `python`."""
    words = shlex.split(command)
    assert words[:3] == ["python", "-m", "calculator"], command
    return subprocess.run([sys.executable, *words[1:]], cwd=ROOT, capture_output=True, text=True,
                          encoding="utf-8", timeout=60)


def shown_output_matches(shown: list[str], output: list[str]) -> bool:
    """Whether `output` holds the `shown` lines: the runs between `…` lines in order, each run of lines
    in a row; the first run at the start unless `shown` starts with `…`, the last at the end unless it
    ends with `…`."""
    runs, current = [], []
    for line in shown:
        if line == ELLIPSIS:
            runs.append(current)
            current = []
        else:
            current.append(line)
    runs.append(current)
    position = 0
    for index, lines in enumerate(runs):
        if not lines:
            continue
        at_start = index == 0
        at_end = index == len(runs) - 1
        if at_start:
            starts = [0]
        elif at_end:
            starts = [len(output) - len(lines)]
        else:
            starts = range(position, len(output) - len(lines) + 1)
        found = next((start for start in starts if start >= position and output[start:start + len(lines)] == lines),
                     None)
        if found is None or (at_end and found + len(lines) != len(output)):
            return False
        position = found + len(lines)
    return True


CONSOLE = [(name, *example) for name in GUIDES for example in console_examples(name)]


def test_the_readme_is_a_front_door_of_at_most_150_lines():
    assert len(_text("README.md").splitlines()) <= README_MAX_LINES


@pytest.mark.parametrize("name", GUIDES)
def test_headings_are_unique(name):
    slugs = [github_slug(heading) for heading in headings(_text(name))]
    assert sorted({slug for slug in slugs if slugs.count(slug) > 1}) == []


@pytest.mark.parametrize("name", GUIDES)
def test_every_relative_link_and_anchor_resolves(name):
    assert relative_links(name), f"{name} links to nothing: the link reader is broken"
    assert broken_links(name) == []


def test_the_guides_show_runnable_examples():
    assert len(CONSOLE) >= 5 and any(status for *_, status in CONSOLE)


@pytest.mark.parametrize("name, command, shown, status", CONSOLE, ids=[example[1] for example in CONSOLE])
def test_each_console_example_runs_as_shown(name, command, shown, status):
    result = run(command)
    assert result.returncode == status, result.stderr
    output = (result.stdout + result.stderr).splitlines()
    assert shown_output_matches(shown, output), "\n".join(output)


@pytest.mark.parametrize("name", GUIDES)
def test_each_inline_command_runs(name):
    failed = [command for command in inline_examples(name) if run(command).returncode != 0]
    assert failed == []


@pytest.mark.parametrize("name", GUIDES)
def test_each_usage_line_names_only_commands_and_options_the_calculator_has(name):
    help_text = run("python -m calculator -h").stdout
    lines = usage_lines(name)
    named = {option for line in lines for option in re.findall(r"--[a-z-]+", line)}
    named |= {f"python -m calculator {line.split()[3]} " for line in lines}  # the command itself
    assert sorted(option for option in named if option not in help_text) == []


def test_the_output_matcher_refuses_what_is_not_there():
    output = ["one", "two", "three", "four"]
    assert shown_output_matches(["one", ELLIPSIS, "three", ELLIPSIS], output)
    assert shown_output_matches([ELLIPSIS, "four"], output)
    assert not shown_output_matches(["two", ELLIPSIS], output)      # not the first line
    assert not shown_output_matches([ELLIPSIS, "three"], output)    # not the last line
    assert not shown_output_matches(["one", ELLIPSIS, "three", "two", ELLIPSIS], output)


def test_github_slugs_follow_githubs_rules():
    assert github_slug("The loader's API (for a new page that runs Python)") == \
        "the-loaders-api-for-a-new-page-that-runs-python"
    assert github_slug("The case file (`wa-medical-records-case`, version 2)") == \
        "the-case-file-wa-medical-records-case-version-2"
    assert github_slug("site-settings.js") == "site-settingsjs"
