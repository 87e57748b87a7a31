"""The answer to a deadline request: the day a provider must answer by, counted step by step, with its
sources and notes, HIPAA's own date beside Washington's, and (given today) whether it has passed and
which letter comes next."""
from __future__ import annotations

from datetime import date, timedelta

from .case import days_until, parse_today
from .counting import Count
from .deadlines import Deadline, deadline, federal_deadline, ocr_last_day
from .explain import common, count_steps, note, source
from .inputs import parse_choice, parse_received_date, require
from .law import law
from .questions import questions
from .words import counted, fill, long_date, say


def deadline_request_answer(request: dict, lang: str) -> dict:
    """The answer to {"kind": "deadline", "date", "rule", "today"?}; raises CalculatorError."""
    require(request, ("date", "rule"))
    received = parse_received_date(request["date"])
    rule = parse_choice(request["rule"], tuple(law().rules), "rule", "rule-unknown")
    result = deadline_answer(deadline(rule, received), lang)
    if request.get("today") not in (None, ""):
        result["today"] = today_status(deadline(rule, received), parse_today(request["today"]), lang)
    return result


def _skipped(count: Count, lang: str) -> list[dict]:
    return [{"date": h.observed.isoformat(), "holiday": h.rule.id, "name": h.rule.label[lang],
             "observed": h.shifted} for h in count.skipped_holidays]


def deadline_answer(result: Deadline, lang: str) -> dict:
    """The deadline facts with counting steps, sources and notes in `lang`."""
    rule, unit = result.rule, law().units[result.rule.unit]
    due = long_date(result.due, lang)
    headings = [fill(rule.heading[lang], due=due) if rule.heading else say("deadline.heading", lang, due=due)]
    if result.extended_count:
        headings.append(say("deadline.heading-extended", lang, condition=rule.extension[lang].format(days=rule.days),
                            extended_due=long_date(result.extended_due, lang)))
    else:
        headings.append(say("deadline.heading-no-extension", lang))
    federal = None
    if rule.federal:  # HIPAA's date beside Washington's: both bind the provider (legal-facts.md section 8)
        federal_result = deadline(rule.federal, result.received)
        federal = {"rule": rule.federal, "due": federal_result.due.isoformat(),
                   "extended_due": federal_result.extended_due.isoformat(), "citation": federal_result.rule.citation}
        headings.append(say("deadline.heading-federal", lang, federal_due=long_date(federal_result.due, lang),
                            federal_extended_due=long_date(federal_result.extended_due, lang),
                            days=federal_result.rule.days, citation=federal_result.rule.citation))
    sources = [source(rule.citation, rule.confidence, say("deadline.source-rule", lang, citation=rule.citation),
                       lang)]
    if federal:
        sources.append(source(federal["citation"], "P",
                               say("deadline.source-federal", lang, citation=federal["citation"]), lang))
    if rule.extended_citation:
        sources.append(source(rule.extended_citation, rule.confidence,
                               say("deadline.source-extended", lang, citation=rule.extended_citation), lang))
    sources.append(source(unit["citation"], unit["confidence"],
                           say("deadline.source-unit", lang, citation=unit["citation"]), lang))
    notes = []
    if rule.starts_when:
        notes.append(note("starts-when", rule.starts_when[lang].format(days=rule.days)))
    if rule.unit != "calendar":
        sources.append(source(law().holiday_citation, "P",
                               say("deadline.source-holidays", lang, citation=law().holiday_citation), lang))
    if rule.unit == "working":
        notes.append(note("working-day-reading", say("deadline.note-working-reading", lang), reading=True))
    if rule.unit == "calendar-rolled":
        notes.append(note("weekend-roll-reading", say("deadline.note-calendar-rolled-reading", lang,
                                                      citation=unit["citation"]), reading=True))
    if rule.unit == "calendar":
        notes.append(note("calendar-reading", say("deadline.note-calendar-reading", lang), reading=True))
        notes.append(note("hipaa-state-law", say("deadline.note-hipaa-state-law", lang)))
    extended = None
    if result.extended_count:
        extended = {"due": result.extended_due.isoformat(), "days": rule.extended_days,
                    "condition": rule.extension[lang].format(days=rule.days),
                    "skipped_holidays": _skipped(result.extended_count, lang),
                    "steps": count_steps(result.extended_count, lang, rule.day_zero)}
    return {
        "kind": "deadline",
        "inputs": {"rule": rule.id, "date": result.received.isoformat(), "lang": lang},
        "rule": {"id": rule.id, "label": rule.label[lang], "days": rule.days, "unit": rule.unit,
                 "extended_days": rule.extended_days, "citation": rule.citation},
        "due": result.due.isoformat(),
        "extended_due": result.extended_due.isoformat() if result.extended_due else None,
        "headings": headings,
        "inputs_text": say("deadline.inputs", lang, rule=rule.label[lang],
                           date=long_date(result.received, lang)),
        "skipped_holidays": _skipped(result.count, lang),
        "steps": count_steps(result.count, lang, rule.day_zero),
        "extended": extended,
        "federal": federal,
        "sources": sources,
        "notes": notes,
        **common(result.received, lang),
    }


def sample_anchor(letter_type: str) -> str:
    """The letters page's section for `letter_type` (its sample), where a link to the letter lands."""
    return questions().letters[letter_type]["sample"]

def today_status(result: Deadline, today: date, lang: str) -> dict:
    """Whether the due date (and the extended one) has passed on `today`, and if so the next steps: the
    follow-up letter, and once HIPAA's own date has passed too, a complaint to HHS OCR, with its last day
    (deadlines.ocr_last_day: our count, from the first day after HIPAA's date). OCR acts only on HIPAA's
    dates, so before then it is not offered (legal-facts.md section 8, our reading). A rule with no
    follow-up letter (the PFML certification, or a federal rule asked about by itself) gets no letter."""
    rule = result.rule
    latest = result.due
    if today <= latest:
        n = days_until(latest, today, rule.unit)
        if n == 0:
            text = say("case.due-today", lang)
        elif n == 1 and rule.unit != "working":  # one working day away may be Monday, not tomorrow
            text = say("case.tomorrow" if rule.unit == "calendar" else "case.due-tomorrow", lang)
        else:
            text = counted("case.in-days" if rule.unit == "calendar" else f"case.due-in-{rule.unit}", lang, n)
        return {"passed": False, "text": text, "next": [], "ocr_last_day": None}
    passed = "deadline.today-passed" if result.extended_due else "deadline.today-passed-no-extension"
    texts = [say(passed, lang, due=long_date(latest, lang))]
    if result.extended_due and today <= result.extended_due:
        texts.append(say("deadline.today-extended-open", lang, extended_due=long_date(result.extended_due, lang)))
    if not rule.follow_up or not rule.federal:  # no letter and no complaint to offer from here
        return {"passed": True, "text": " ".join(texts), "next": [], "ocr_last_day": None}
    next_steps = [{"letter": "follow-up", "answers": {"request_type": rule.follow_up},
                   "sample": sample_anchor("follow-up"), "text": say("deadline.today-next-follow-up", lang)}]
    federal = federal_deadline(rule.follow_up, result.received)
    if today <= federal.due:
        texts.append(say("deadline.today-federal-open", lang, federal_due=long_date(federal.due, lang),
                         citation=federal.rule.citation))
        return {"passed": True, "text": " ".join(texts), "next": next_steps, "ocr_last_day": None}
    last_day = ocr_last_day(federal.due + timedelta(days=1))
    texts.append(say("deadline.today-federal-passed", lang, federal_due=long_date(federal.due, lang),
                     federal_extended_due=long_date(federal.extended_due, lang), days=federal.rule.days,
                     citation=federal.rule.citation))
    if rule.follow_up == "access":
        next_steps.append({"letter": "complaint-ocr", "answers": {}, "sample": sample_anchor("complaint-ocr"),
                           "text": say("deadline.today-next-complaint", lang)})
    ocr = law().complaints["hhs-ocr"]
    texts.append(say("deadline.today-ocr", lang, date=long_date(last_day, lang), days=ocr["days"],
                     citation=ocr["citation"]))
    return {"passed": True, "text": " ".join(texts), "next": next_steps, "ocr_last_day": last_day.isoformat()}
