"""May this writer send this letter for this patient on this date? One answer for the CLI, the page and
the case (they all build letters through letters.build_letter, which asks here before writing a word).

Who may write for a patient is law (data/writers.toml, legal-facts.md section 13); when a letter's time
has come follows from the deadlines (deadlines.toml): a follow-up only after the provider's last day, an
OCR complaint about a late answer only after HIPAA's date (section 8, our reading); a report of possible
information blocking on any day (section 16: no deadline was found, and the rule sets no fixed number of
days). Each refusal is a CalculatorError at the field the person can change, whose message names what works
instead.
"""
from __future__ import annotations

import functools
from datetime import date

from .errors import CalculatorError
from .law import load_data


@functools.cache
def writers() -> dict:
    """data/writers.toml: the parent rule, the care a minor controls, the next-of-kin classes in order."""
    return load_data("writers.toml")


def age_on(birth: date, day: date) -> int:
    """Whole years from `birth` to `day` (a person born on February 29 turns a year older on March 1
    in a year without one)."""
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def next_of_kin_class(value: str) -> dict:
    """The RCW 7.70.065(1)(a) class of a `requester_relationship` choice (its row of writers.toml)."""
    return next(row for row in writers()["next_of_kin"] if row["value"] == value)


def check_may_send(letter_type: str, facts: dict) -> None:
    """Raise CalculatorError when the law does not let this writer send `letter_type` for this patient on
    the letter's date (`facts["sent"]`), or when its time has not come. `facts` are a letter's checked
    answers with its dates worked out (letters._facts): `due`, `extended_due`, `received` and
    `federal_latest` (HIPAA's last day) when known."""
    role, sent = facts.get("requester_role", "self"), facts["sent"]
    if role == "parent":
        adult_age = writers()["parent"]["adult_age"]
        age = age_on(facts["birth"], sent)
        if age >= adult_age:
            raise CalculatorError("parent-of-adult", "requester_role", age=age, adult_age=adult_age)
    if letter_type == "follow-up":
        latest = facts["extended_due"] if facts["delay_notice"] else facts["due"]
        if sent <= latest:
            raise CalculatorError("follow-up-too-early", "sent_date", due=latest)
    if letter_type == "complaint-ocr" and facts.get("received") and not facts.get("problem_date"):
        # A late answer breaks HIPAA only after HIPAA's own date (legal-facts.md section 8, our reading).
        latest = facts["federal_latest"]
        if sent <= latest:
            raise CalculatorError("complaint-ocr-too-early", "sent_date", federal_due=latest,
                                  first_date=facts["federal_due"])
