"""What every kind of answer says the same way: its sources and notes, the steps of a count of days,
the review date that closes it, and the sentences two kinds share (the fee and the bill check name the
same purposes, rules and sources).

The answer of each kind (fee_answer.py, deadline_answer.py, bill_answer.py, letter_answer.py,
case_answer.py) uses these, so they sit below all of them: no kind imports another for them.
"""
from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from .counting import Count
from .law import law
from .words import fill, long_date, money, say, short_date


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
              "text": fill(day_zero[lang], date=received) if day_zero
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


def note(note_id: str, text: str, reading: bool = False) -> dict:
    """One note of an answer: {"id", "reading", "text"}; `reading` is true where the note is our reading
    of the law rather than its words."""
    return {"id": note_id, "reading": reading, "text": text}


def common(received: date, lang: str) -> dict:
    """What ends every fee, deadline and bill answer: the day the law was last reviewed (an ISO date and
    a sentence), and a warning when `received` is more than law().stale_after_days after that day."""
    reviewed = law().reviewed
    warnings = []
    if received > reviewed + timedelta(days=law().stale_after_days):
        warnings.append(say("common.stale", lang, reviewed=short_date(reviewed, lang),
                            url=law().official_fee_rule_url))
    return {"reviewed": reviewed.isoformat(),
            "reviewed_text": say("common.reviewed", lang, reviewed=short_date(reviewed, lang)),
            "warnings": warnings}


def purpose_name(purpose: str, lang: str) -> str:
    """How a purpose reads in a sentence: 'your own copy', 'paid family and medical leave (PFML)'."""
    if purpose in law().free_copies:
        return law().free_copies[purpose].label[lang]
    if purpose == law().pfml.purpose:
        return law().pfml.label[lang]
    return say(f"purpose.{purpose}", lang)


def schedule_sources(schedule, lang: str) -> list[dict]:
    """The two sources of every per-page amount: the fee schedule in force (a law().schedules row) and
    the rule that splits the pages into two tiers."""
    return [source(schedule.citation, schedule.confidence,
                   say("fee.source-schedule", lang, **{"from": short_date(schedule.starts, lang)},
                       citation=schedule.citation), lang),
            source(law().tier_citation, "P", say("fee.source-tiers", lang, citation=law().tier_citation), lang)]


def free_rule_source(rule, lang: str) -> dict:
    """The source of a free-copy rule (a law().free_copies row)."""
    return source(rule.citation, rule.confidence, say("fee.source-free", lang, citation=rule.citation), lang)


def hipaa_no_search_source(lang: str) -> dict:
    """The source of HIPAA's limit on a fee for your own copy: no search or retrieval fee."""
    hipaa = law().hipaa
    return source(hipaa["no_search_fee_citation"], hipaa["no_search_fee_confidence"],
                  say("fee.source-hipaa", lang, citation=hipaa["no_search_fee_citation"]), lang)


def hipaa_electronic_note(lang: str) -> dict:
    """The note that HIPAA allows no per-page fee for an electronic copy, only its flat fee (dollars)."""
    flat = money(Decimal(law().hipaa["electronic_flat_fee_max"]))
    return note("hipaa-electronic", say("fee.note-hipaa-electronic", lang, flat=flat))


def office_visit_note(lang: str) -> dict:
    """The note that a provider may bill an office visit to go over the records."""
    return note("office-visit", say("fee.note-office-visit", lang, citation=law().office_visit["citation"]))


def pfml_certification_note(lang: str) -> dict:
    """The note that completing the paid-leave (PFML) certification is free from the rule's first day."""
    rule = law().pfml
    return note("pfml-certification-free", say("fee.note-pfml-certification", lang,
                                               in_force_from=short_date(rule.in_force_from, lang),
                                               citation=rule.no_fee_citation))


def pfml_source(lang: str) -> dict:
    """The source of the free PFML certification."""
    rule = law().pfml
    return source(rule.no_fee_citation, rule.confidence, say("fee.source-pfml", lang, citation=rule.no_fee_citation),
                  lang)
