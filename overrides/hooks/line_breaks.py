"""Build hook: places where a long legal citation or web address may wrap, so nothing breaks mid-word.

At 200 % text on a 360 px phone a line holds about fifteen letters. A citation such as
"164.524(a)(3)(i))." or a name such as "WashingtonLawHelp.org" is one unbreakable run for the browser,
wider than the line: it either pushed the page sideways or, with overflow-wrap, was cut at any letter.
This puts a <wbr> (an invisible place to wrap, never copied or read aloud) before each "(" of a
citation's subdivisions and between the parts of a run-together web name, in the page's text only:
never inside a tag, an attribute, <pre> (but a sample letter's), <code>, <script>, <style> or
<textarea>. letters.js does the same for the letter it writes.
"""
from __future__ import annotations

import re

# "(a)", "(3)", "(iii)" right after a section number or another subdivision: 70.02.080(1)(c)
SUBDIVISION = re.compile(r"(?<=[0-9a-z)])(?=\((?:\d{1,3}|[a-z]{1,4})\))")
# A web name written as run-together words, WashingtonLawHelp.org: wrap before each inner capital
# and before the dot of the ending.
WEB_NAME = re.compile(r"\b(?:[A-Z][a-z]+){2,}\.(?:org|gov|com|net)\b")
_INNER = re.compile(r"(?<=[a-z])(?=[A-Z])|(?=\.(?:org|gov|com|net)\b)")
# Markup (a tag or a comment) and the elements whose text is left exactly as written.
# A sample letter's <pre class="letter-sample"> is body text and may wrap like it.
_PIECES = re.compile(r"(<!--.*?-->|<(pre(?![^>]*\bletter-sample\b)|code|script|style|textarea)\b.*?</\2\s*>|<[^>]*>)",
                     re.S | re.I)


def with_wrap_points(text: str) -> str:
    """`text` (plain text, no markup) with <wbr> where a citation or web name may wrap."""
    text = SUBDIVISION.sub("<wbr>", text)
    return WEB_NAME.sub(lambda match: _INNER.sub("<wbr>", match.group(0)), text)


def wrap_points(html: str) -> str:
    """`html` with with_wrap_points applied to its text between tags, markup left untouched."""
    pieces = _PIECES.split(html)
    out = []
    index = 0
    while index < len(pieces):
        out.append(with_wrap_points(pieces[index]))  # text
        if index + 1 < len(pieces):
            out.append(pieces[index + 1])  # markup, as written (its group 2 is skipped below)
        index += 3
    return "".join(out)


def on_page_content(html, page, config, files):
    return wrap_points(html)
