"""A calendar file (.ics, RFC 5545) for a letter's dates: the day the provider's answer is due, the
latest day it may answer after a written notice, and a reminder to follow up.

All-day events (DTSTART;VALUE=DATE, DTEND the next day), each with a reminder (VALARM). No clock: the
timestamp (DTSTAMP) is the letter's date at midnight UTC and each UID is made from the event's content,
so the same letter always gives the same file, in CPython and in the browser alike.
"""
from __future__ import annotations

import hashlib
from datetime import date, timedelta

from .law import law, letter_words
from .letters import Letter
from .words import fill

PRODUCT = "-//Your Medical Records in Washington//Letters//EN"
LINE_LIMIT = 75  # octets, not counting the CRLF (RFC 5545, 3.1)


def escape_text(value: str) -> str:
    """A TEXT value with backslashes, semicolons, commas and line breaks escaped (RFC 5545, 3.3.11)."""
    return (value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n"))


def fold(line: str) -> str:
    """`line` folded into pieces of at most 75 octets of UTF-8, never inside a character; each
    continuation starts with one space (RFC 5545, 3.1)."""
    pieces, current, size = [], "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        limit = LINE_LIMIT if not pieces else LINE_LIMIT - 1  # a continuation's leading space counts
        if size + width > limit:
            pieces.append(current)
            current, size = "", 0
        current += char
        size += width
    pieces.append(current)
    return "\r\n ".join(pieces)


def event_lines(day: date, summary: str, description: str, stamp: str, alarm_before: str | None) -> list[str]:
    """One all-day event on `day`, with a reminder `alarm_before` its start (an RFC 5545 duration such
    as "-PT6H"), or none for a date that has passed."""
    uid = hashlib.sha256(f"{day.isoformat()}|{stamp}|{summary}|{description}".encode("utf-8")).hexdigest()[:32]
    lines = ["BEGIN:VEVENT", f"UID:{uid}@medical-records-wa.letters", f"DTSTAMP:{stamp}",
             f"DTSTART;VALUE=DATE:{day:%Y%m%d}", f"DTEND;VALUE=DATE:{day + timedelta(days=1):%Y%m%d}",
             f"SUMMARY:{escape_text(summary)}", f"DESCRIPTION:{escape_text(description)}",
             "TRANSP:TRANSPARENT"]
    if alarm_before:
        lines += ["BEGIN:VALARM", "ACTION:DISPLAY", f"DESCRIPTION:{escape_text(summary)}",
                  f"TRIGGER;RELATED=START:{alarm_before}", "END:VALARM"]
    return lines + ["END:VEVENT"]


def calendar_file(letter: Letter, today: date | None = None) -> str | None:
    """The .ics text for `letter` in the letter's language (None when the letter has no date to keep:
    a complaint draft has its last day to file, every other letter the provider's due date). A date
    before `today` (the browser's date; by default the letter's date) is marked as passed, with no
    reminder: a follow-up letter's due dates have always passed."""
    if letter.due is None and letter.file_by is None:
        return None
    words, lang = letter_words()["calendar"], letter.lang
    today = today or letter.sent

    def say(name: str, **params) -> str:
        return fill(words[name][lang], provider_name=letter.provider_name, **params)

    def _event(day: date, summary: str, description: str, stamp: str, alarm_before: str) -> list[str]:
        if day < today:
            summary = fill(words["passed"][lang], summary=summary)
            description = fill(words["passed-description"][lang], description=description)
            alarm_before = None
        return event_lines(day, summary, description, stamp, alarm_before)

    stamp = f"{letter.sent:%Y%m%d}T000000Z"
    rule = letter.rule
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODUCT}", "CALSCALE:GREGORIAN", "METHOD:PUBLISH"]
    if letter.due is None:  # a complaint: its last day to file, with a reminder a week before
        ocr = law().complaints["hhs-ocr"]
        lines += _event(letter.file_by, say("file-by"),
                        say("file-by-description", days=ocr["days"], citation=ocr["citation"]), stamp, "-P7D")
        lines.append("END:VCALENDAR")
        return "".join(fold(line) + "\r\n" for line in lines)
    # Remind the evening before a deadline (-PT6H from midnight), and on the morning of the follow-up.
    lines += _event(letter.due, say("due"), say("due-description", citation=rule.citation), stamp, "-PT6H")
    if letter.extended_due:
        lines += _event(letter.extended_due, say("extended"),
                        say("extended-description", citation=rule.extended_citation), stamp, "-PT6H")
    reminder = "after-follow-up" if letter.type == "follow-up" else "follow-up"
    lines += _event(letter.follow_up, say(reminder), say(f"{reminder}-description"), stamp, "PT9H")
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
