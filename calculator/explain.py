"""What every kind of answer says the same way: its sources, and the steps of a count of days.

The fee, deadline, bill-check and letter answers (answers.py) and the case timeline (case_answer.py) all
use these, so they sit below both: neither answer module imports the other for them.
"""
from __future__ import annotations

from .counting import Count
from .words import long_date, say


def source(citation: str, confidence: str, text: str, lang: str) -> dict:
    """One source of an answer: its citation, its confidence (P, L, S, I: legal-facts.md) and its text in
    `lang`; an S or I source says so in the text ("generally", "our reading")."""
    if confidence in ("S", "I"):
        text = f"{text.rstrip('.')} {say(f'common.confidence-{confidence}', lang)}."
    return {"citation": citation, "confidence": confidence, "text": text}


def count_steps(count: Count, lang: str, day_zero: dict | None = None) -> list[dict]:
    """The counting steps in `lang`: the day of receipt (day 0), how we count, each holiday skipped,
    day N, any roll. `day_zero` is a rule's own words for the day of receipt, if it has them."""
    received = long_date(count.received, lang)
    steps = [{"kind": "day-zero", "date": count.received.isoformat(),
              "text": day_zero[lang].format(date=received) if day_zero
              else say("deadline.step-day-zero", lang, date=received)},
             {"kind": "count", "text": say(f"deadline.step-count-{count.unit}", lang, days=count.days)}]
    for holiday in count.skipped_holidays:
        key = "deadline.step-skip-holiday-observed" if holiday.shifted else "deadline.step-skip-holiday"
        steps.append({"kind": "skip-holiday", "date": holiday.observed.isoformat(), "holiday": holiday.rule.id,
                      "text": say(key, lang, date=long_date(holiday.observed, lang),
                                  holiday=holiday.rule.label[lang])})
    steps.append({"kind": "day-n", "n": count.days, "date": count.last_counted.isoformat(),
                  "text": say("deadline.step-day-n", lang, n=count.days,
                              date=long_date(count.last_counted, lang))})
    for roll in count.rolls:
        if roll.holiday:
            text = say("deadline.step-not-working-holiday", lang, date=long_date(roll.day, lang),
                       holiday=roll.holiday.rule.label[lang])
        else:
            text = say("deadline.step-not-working-weekend", lang, date=long_date(roll.day, lang))
        steps.append({"kind": "not-working", "date": roll.day.isoformat(),
                      "holiday": roll.holiday.rule.id if roll.holiday else None, "text": text})
    if count.rolls:
        steps.append({"kind": "moved", "date": count.due.isoformat(),
                      "text": say("deadline.step-moved", lang, due=long_date(count.due, lang))})
    return steps
