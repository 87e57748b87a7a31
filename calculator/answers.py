"""Answers as JSON-ready dicts: the facts, their sources, and sentences in the reader's language.

This is the one place that turns a request (a dict, from the CLI or the browser) into an answer.
"""
from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from .bill_check import AT_COST_KINDS, BillCheck, BillLine, check_bill
from .case import days_until, parse_today
from .case_answer import case_answer, case_calendar, render_case_text
from .questions import questions
from .counting import Count
from .deadlines import Deadline, deadline, federal_deadline, ocr_last_day
from .explain import count_steps, source
from .errors import CalculatorError
from .fees import CopyFee, copy_fee
from .ics import calendar_file
from .inputs import FORMS, PURPOSES, hidden_characters, parse_choice, parse_pages, parse_received_date
from .letters import bill_totals_text, build_letter, letter_dates_text, letter_html, letter_json, letter_text
from .law import law
from .words import cents, check_lang, counted, error_message, long_date, money, say, short_date

KINDS = ("fee", "deadline", "letter", "fee-check", "case")
LETTER_FORMATS = ("json", "text", "html", "ics")
CASE_FORMATS = ("json", "text", "ics")
# The letter's JSON contract (MAINTAINING.md, "Letters"): what `--format json` prints and the page reads.
LETTER_JSON_KEYS = ("type", "letter", "translation", "dates", "sources", "email", "fax_cover")


def answer(request: dict) -> dict:
    """Answer a request dict ({"kind": "fee"|"deadline"|"letter", ...}); raises CalculatorError."""
    lang = check_lang(request.get("lang", "en"))
    kind = parse_choice(request.get("kind"), KINDS, "kind", "kind-unknown")
    if kind == "letter":
        return letter_answer(request, lang)
    if kind == "fee-check":
        return bill_check_answer(check_bill(request), lang)
    if kind == "case":
        return case_request_answer(request, lang)
    for name in ("date", "pages") if kind == "fee" else ("date", "rule"):
        if request.get(name) in (None, ""):
            raise CalculatorError("field-missing", name)
    received = parse_received_date(request["date"])
    if kind == "fee":
        pages = parse_pages(request["pages"])
        purpose = parse_choice(request.get("purpose") or "own-copy", PURPOSES, "purpose", "purpose-unknown")
        form = request.get("form") or None
        if form is not None:
            form = parse_choice(form, FORMS, "form", "form-unknown")
        return fee_answer(copy_fee(pages, received, purpose, form), lang)
    rule = parse_choice(request["rule"], tuple(law().rules), "rule", "rule-unknown")
    result = deadline_answer(deadline(rule, received), lang)
    if request.get("today") not in (None, ""):
        result["today"] = today_status(deadline(rule, received), parse_today(request["today"]), lang)
    return result


def _printable_path(path) -> str:
    """The CLI's case file path as its suggested commands print it, or "FILE" when there is none or it
    holds a character a terminal would act on (the page sends none)."""
    return path if isinstance(path, str) and path and not hidden_characters(path) else "FILE"


def case_request_answer(request: dict, lang: str) -> dict:
    """A case's timeline (format "json"), or {"kind", "format", "content"} with its text or .ics. The
    CLI also sends "case_file", the path it read, for the text's suggested commands."""
    output = parse_choice(request.get("format") or "json", CASE_FORMATS, "format", "choice-unknown")
    if output == "ics":
        content = case_calendar(request, lang)
        if content is None:
            raise CalculatorError("case-no-dates", "case")
        return {"kind": "case", "format": "ics", "content": content}
    result = case_answer(request, lang)
    if output == "text":
        content = render_case_text(result, _printable_path(request.get("case_file")), lang)
        return {"kind": "case", "format": "text", "content": content}
    return result


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


def letter_answer(request: dict, lang: str) -> dict:
    """A letter from {"type", "answers", "format"}: with format "json" (the default) the letter's JSON
    contract plus "kind"; otherwise {"kind", "type", "format", "content"} with the text, HTML or .ics."""
    output = parse_choice(request.get("format") or "json", LETTER_FORMATS, "format", "choice-unknown")
    built = build_letter(request.get("type"), request.get("answers"), lang)
    if output == "json":  # the page also shows the dates beside the letter, in its language
        return {"kind": "letter", **letter_json(built), "dates_text": letter_dates_text(built)}
    if output == "ics":
        today = parse_today(request["today"]) if request.get("today") not in (None, "") else None
        content = calendar_file(built, today)
    else:
        content = {"text": letter_text, "html": letter_html}[output](built)
    if content is None:
        raise CalculatorError("no-calendar", "received_date")
    return {"kind": "letter", "type": built.type, "format": output, "content": content}


def error_answer(error: CalculatorError, lang: str) -> dict:
    """{"error": {"code", "field", "message"}} with the message in `lang` (English if `lang` is unknown)."""
    lang = lang if lang in ("en", "es") else "en"
    return {"error": {"code": error.code, "field": error.field, "message": error_message(error, lang)}}


def _note(note_id: str, text: str, reading: bool = False) -> dict:
    return {"id": note_id, "reading": reading, "text": text}


def _common(received: date, lang: str) -> dict:
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


def fee_headings(fee: CopyFee, lang: str) -> list[str]:
    """The answer's first lines: what most readers face (a HIPAA-covered provider, our reading) next to
    the Washington maximum for providers not covered by HIPAA, then how to tell which applies."""
    total = money(fee.total)
    if fee.free_rule:
        return [say("fee.heading-free", lang, total=total)]
    flat = money(Decimal(law().hipaa["electronic_flat_fee_max"]))
    if fee.hipaa_own_copy_max is None:
        heading = say("fee.heading-electronic", lang, flat=flat, total=total)
    else:
        heading = say("fee.heading", lang, hipaa=money(fee.hipaa_own_copy_max), total=total)
    return [heading, say("fee.heading-which", lang)]


def fee_answer(fee: CopyFee, lang: str) -> dict:
    """The fee facts with breakdown lines, sources and notes in `lang`."""
    schedule, tiers, hipaa = fee.schedule, law().first_tier_pages, law().hipaa
    purpose = purpose_name(fee.purpose, lang)
    lines = []
    if fee.free_rule:
        lines.append({"id": "free", "amount": cents(fee.total),
                      "text": say("fee.line-free", lang, purpose=purpose, amount=money(fee.total))})
    else:
        lines.append({"id": "first-tier", "pages": fee.first_tier_pages,
                      "rate": cents(schedule.first_tier_per_page), "amount": cents(fee.first_tier_amount),
                      "text": say("fee.line-first-tier", lang, last=tiers, pages=fee.first_tier_pages,
                                  rate=money(schedule.first_tier_per_page),
                                  amount=money(fee.first_tier_amount))})
        if fee.later_pages:
            lines.append({"id": "later", "pages": fee.later_pages, "rate": cents(schedule.later_per_page),
                          "amount": cents(fee.later_amount),
                          "text": say("fee.line-later", lang, first=tiers + 1, pages=fee.later_pages,
                                      rate=money(schedule.later_per_page), amount=money(fee.later_amount))})
        lines.append({"id": "clerical", "amount": cents(fee.clerical_fee),
                      "text": say("fee.line-clerical", lang, amount=money(fee.clerical_fee))})
    lines.append({"id": "total", "amount": cents(fee.total),
                  "text": say("fee.line-total-free" if fee.free_rule else "fee.line-total", lang,
                              amount=money(fee.total))})
    if fee.hipaa_own_copy_max is not None and not fee.free_rule:
        lines.append({"id": "hipaa-own-copy", "amount": cents(fee.hipaa_own_copy_max),
                      "text": say("fee.line-hipaa", lang, amount=money(fee.hipaa_own_copy_max))})

    sources = [source(schedule.citation, schedule.confidence,
                       say("fee.source-schedule", lang, **{"from": short_date(schedule.starts, lang)},
                           citation=schedule.citation), lang),
               source(law().tier_citation, "P",
                       say("fee.source-tiers", lang, citation=law().tier_citation), lang)]
    notes = []
    if fee.after_rule_text_end:
        notes.append(_note("rule-text-gap", say(
            "fee.note-rule-text-gap", lang, until=short_date(schedule.rule_text_until, lang),
            next_from=short_date(_next_schedule_start(schedule), lang)), reading=True))
    free_rule = fee.free_rule or fee.free_rule_not_yet
    if free_rule:
        sources.append(source(free_rule.citation, free_rule.confidence,
                               say("fee.source-free", lang, citation=free_rule.citation), lang))
    if fee.free_rule_not_yet:
        notes.append(_note("free-not-yet", say("fee.note-free-not-yet", lang, purpose=purpose,
                                               in_force_from=short_date(free_rule.in_force_from, lang))))
    if fee.free_rule and free_rule.lookback_years:
        notes.append(_note("free-lookback", say("fee.note-free-ssa", lang, years=free_rule.lookback_years)))
    if free_rule and free_rule.in_force_from_confidence == "I":
        notes.append(_note("free-start-date", say("fee.note-ssa-start-date", lang,
                                                  in_force_from=short_date(free_rule.in_force_from, lang)),
                           reading=True))
    if fee.purpose == law().pfml.purpose:
        pfml_notes, pfml_sources = _pfml_notes(fee, lang)
        notes.extend(pfml_notes)
        sources.extend(pfml_sources)
    if not fee.free_rule:
        notes.extend(_hipaa_notes(fee, lang))
        notes.append(_note("pay-first", say("fee.note-pay-first", lang)))
        notes.append(_note("office-visit", say("fee.note-office-visit", lang,
                                                citation=law().office_visit["citation"])))
        sources.append(source(hipaa["covered_entity_citation"], hipaa["covered_entity_confidence"],
                               say("fee.source-hipaa-covered", lang, citation=hipaa["covered_entity_citation"]),
                               lang))
        sources.append(source(hipaa["no_search_fee_citation"], hipaa["no_search_fee_confidence"],
                               say("fee.source-hipaa", lang, citation=hipaa["no_search_fee_citation"]), lang))
        if fee.form == "electronic":
            sources.append(source(hipaa["electronic_no_per_page_citation"],
                                   hipaa["electronic_no_per_page_confidence"],
                                   say("fee.source-hipaa-electronic", lang,
                                       citation=hipaa["electronic_no_per_page_citation"]), lang))
        sources.append(source(hipaa["flat_fee_citation"], hipaa["flat_fee_confidence"],
                               say("fee.source-hipaa-flat", lang, citation=hipaa["flat_fee_citation"]), lang))
    headings = fee_headings(fee, lang)
    return {
        "kind": "fee",
        "inputs": {"pages": fee.pages, "date": fee.received.isoformat(), "purpose": fee.purpose,
                   "form": fee.form, "lang": lang},
        "total": cents(fee.total),
        "hipaa_own_copy_max": None if fee.hipaa_own_copy_max is None else cents(fee.hipaa_own_copy_max),
        "hipaa_flat_fee_max": None if fee.free_rule or fee.form == "paper" else hipaa["electronic_flat_fee_max"],
        "free": fee.free_rule is not None,
        "heading": headings[0],
        "headings": headings,
        "inputs_text": say("fee.inputs", lang, date=long_date(fee.received, lang), pages=fee.pages,
                           purpose=purpose),
        "schedule": {"from": schedule.starts.isoformat(), "citation": schedule.citation,
                     "confidence": schedule.confidence},
        "lines": lines,
        "hipaa_own_copy": None if fee.free_rule else {
            "reading": True,
            "without_clerical": cents(fee.hipaa_without_clerical),
            "electronic_flat_fee_max": hipaa["electronic_flat_fee_max"],
            "flat_fee_applies": fee.form != "paper",
        },
        "sources": sources,
        "notes": notes,
        **_common(fee.received, lang),
    }


def _next_schedule_start(schedule) -> date:
    later = [row.starts for row in law().schedules if row.starts > schedule.starts]
    return later[0]


def _pfml_notes(fee: CopyFee, lang: str) -> tuple[list[dict], list[dict]]:
    """Paid family and medical leave: the copy costs the usual fee; completing the leave certification is
    free from the rule's first day (2024 c 150 § 1(3)); an office visit may be billed; the 7-day rule."""
    rule = law().pfml
    starts = short_date(rule.in_force_from, lang)
    if fee.received < rule.in_force_from:
        return [_note("pfml-not-yet", say("fee.note-pfml-not-yet", lang, in_force_from=starts))], []
    seven_days = law().rules["pfml-certification"]
    notes = [
        _note("pfml-certification-free", say("fee.note-pfml-certification", lang, in_force_from=starts,
                                             citation=rule.no_fee_citation)),
        _note("pfml-documentation", say("fee.note-pfml-documentation", lang,
                                        citation=rule.documentation_citation), reading=True),
        _note("pfml-copies", say("fee.note-pfml-copies", lang, citation=rule.copy_fee_citation)),
        _note("pfml-office-visit", say("fee.note-pfml-office-visit", lang, citation=rule.no_fee_citation)),
        _note("pfml-seven-days", say("fee.note-pfml-seven-days", lang, days=seven_days.days,
                                     citation=seven_days.citation)),
    ]
    sources = [source(rule.no_fee_citation, rule.confidence,
                       say("fee.source-pfml", lang, citation=rule.no_fee_citation), lang),
               source(rule.copy_fee_citation, rule.copy_fee_confidence,
                       say("fee.source-pfml-copies", lang, citation=rule.copy_fee_citation), lang)]
    return notes, sources


def _hipaa_notes(fee: CopyFee, lang: str) -> list[dict]:
    flat = money(Decimal(law().hipaa["electronic_flat_fee_max"]))
    notes = []
    if fee.form == "electronic":
        notes.append(_note("hipaa-electronic", say("fee.note-hipaa-electronic", lang, flat=flat)))
    else:
        notes.append(_note("hipaa-own-copy", say("fee.note-hipaa", lang, clerical=money(fee.clerical_fee),
                                                 ceiling=money(fee.hipaa_without_clerical)), reading=True))
        flat_key = "fee.note-hipaa-paper" if fee.form == "paper" else "fee.note-hipaa-flat"
        notes.append(_note("hipaa-flat-fee", say(flat_key, lang, flat=flat)))
    notes.append(_note("hipaa-third-party", say("fee.note-hipaa-third-party", lang)))
    if fee.received.year < law().hipaa["guidance_year"]:
        notes.append(_note("hipaa-guidance-later", say("fee.note-hipaa-guidance-later", lang,
                                                       year=law().hipaa["guidance_year"])))
    return notes


def _skipped(count: Count, lang: str) -> list[dict]:
    return [{"date": h.observed.isoformat(), "holiday": h.rule.id, "name": h.rule.label[lang],
             "observed": h.shifted} for h in count.skipped_holidays]


def deadline_answer(result: Deadline, lang: str) -> dict:
    """The deadline facts with counting steps, sources and notes in `lang`."""
    rule, unit = result.rule, law().units[result.rule.unit]
    due = long_date(result.due, lang)
    headings = [rule.heading[lang].format(due=due) if rule.heading else say("deadline.heading", lang, due=due)]
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
        notes.append(_note("starts-when", rule.starts_when[lang].format(days=rule.days)))
    if rule.unit != "calendar":
        sources.append(source(law().holiday_citation, "P",
                               say("deadline.source-holidays", lang, citation=law().holiday_citation), lang))
    if rule.unit == "working":
        notes.append(_note("working-day-reading", say("deadline.note-working-reading", lang), reading=True))
    if rule.unit == "calendar-rolled":
        notes.append(_note("weekend-roll-reading", say("deadline.note-calendar-rolled-reading", lang,
                                                       citation=unit["citation"]), reading=True))
    if rule.unit == "calendar":
        notes.append(_note("calendar-reading", say("deadline.note-calendar-reading", lang), reading=True))
        notes.append(_note("hipaa-state-law", say("deadline.note-hipaa-state-law", lang)))
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
        **_common(result.received, lang),
    }


def _limit_text(column: str, billed: Decimal, limit: Decimal | None, lang: str) -> str:
    if limit is None:
        return ""
    if billed > limit:
        key = f"bill.{column}-none" if limit == 0 else f"bill.{column}-over"
        return say(key, lang, limit=money(limit), over=money(billed - limit))
    return say(f"bill.{column}-within", lang, limit=money(limit))


def bill_line_text(check: BillCheck, line: BillLine, lang: str) -> str:
    """One line of the bill check in words: what was billed, and each limit with the amount over."""
    tiers = law().first_tier_pages
    if line.id == "first-tier":
        text = say("bill.line-first-tier", lang, last=tiers, pages=line.pages, rate=money(line.billed_rate),
                   amount=money(line.billed))
    elif line.id == "later":
        text = say("bill.line-later", lang, first=tiers + 1, pages=line.pages, rate=money(line.billed_rate),
                   amount=money(line.billed))
    elif line.id == "clerical":
        text = say("bill.line-clerical", lang, amount=money(line.billed))
    elif line.id == "total":
        text = say("bill.line-total", lang, pages=counted("count.pages", lang, line.pages), amount=money(line.billed))
    else:
        text = say("bill.line-other", lang, label=line.label or say(f"bill.{line.kind}-label", lang),
                   amount=money(line.billed))
    if line.at_cost or (line.unchecked and line.kind in AT_COST_KINDS):
        # Postage or a disc: for your own copy the rule that allows it at cost, no amount; else ask the cost.
        judged = (say(f"bill.hipaa-{line.kind}", lang, citation=law().hipaa[f"{line.kind}_citation"])
                  if line.at_cost else say("bill.ask-cost", lang))
        return " ".join([text, say(f"bill.washington-{line.kind}", lang), judged])
    if line.unchecked:
        return f"{text} {say('bill.cannot-check', lang)}"
    parts = [text, _limit_text("washington", line.billed, line.washington_max, lang)]
    if check.hipaa_applies and line.hipaa_max is not None:
        parts.append(_limit_text("hipaa", line.billed, line.hipaa_max, lang))
    return " ".join(part for part in parts if part)


def bill_check_answer(check: BillCheck, lang: str) -> dict:
    """The bill check with each line's limits, the totals, notes and sources in `lang`."""
    schedule, hipaa = check.schedule, law().hipaa
    washington_allowed, washington_over = check.allowed("washington"), check.over("washington")
    hipaa_allowed, hipaa_over = check.allowed("hipaa"), check.over("hipaa")
    hipaa_totals = check.hipaa_applies and check.checks("hipaa")
    lines = [{"id": line.id, "kind": line.kind or None, "at_cost": line.at_cost, "billed": cents(line.billed),
              "washington_max": None if line.washington_max is None else cents(line.washington_max),
              "hipaa_max": None if line.hipaa_max is None else cents(line.hipaa_max),
              "over_washington": line.washington_max is not None and line.billed > line.washington_max,
              "over_hipaa": line.hipaa_max is not None and line.billed > line.hipaa_max,
              "text": bill_line_text(check, line, lang)} for line in check.lines]
    notes, sources = [], [
        source(schedule.citation, schedule.confidence,
                say("fee.source-schedule", lang, **{"from": short_date(schedule.starts, lang)},
                    citation=schedule.citation), lang),
        source(law().tier_citation, "P", say("fee.source-tiers", lang, citation=law().tier_citation), lang)]
    if check.lines_total != check.billed_total:
        notes.append(_note("total-differs", say("bill.note-total-differs", lang, total=money(check.billed_total),
                                                lines_total=money(check.lines_total))))
    if any(line.unchecked for line in check.lines):
        notes.append(_note("unchecked", say("bill.note-unchecked", lang)))
    if check.free_rule:
        notes.append(_note("free", say("bill.note-free", lang, purpose=purpose_name(check.purpose, lang))))
        sources.append(source(check.free_rule.citation, check.free_rule.confidence,
                               say("fee.source-free", lang, citation=check.free_rule.citation), lang))
    elif check.hipaa_applies:
        notes.append(_note("hipaa-own-copy", say("bill.note-hipaa", lang), reading=True))
        if check.form == "electronic":
            notes.append(_note("hipaa-electronic", say("fee.note-hipaa-electronic", lang,
                                                       flat=money(Decimal(hipaa["electronic_flat_fee_max"])))))
        sources.append(source(hipaa["no_search_fee_citation"], hipaa["no_search_fee_confidence"],
                               say("fee.source-hipaa", lang, citation=hipaa["no_search_fee_citation"]), lang))
        at_cost_kinds = [kind for kind in AT_COST_KINDS if kind in {line.kind for line in check.lines if line.at_cost}]
        if at_cost_kinds:
            notes.append(_note("at-cost", say("bill.note-at-cost", lang)))
        for kind in at_cost_kinds:
            sources.append(source(hipaa[f"{kind}_citation"], hipaa["at_cost_confidence"],
                                   say(f"bill.source-{kind}", lang, citation=hipaa[f"{kind}_citation"]), lang))
    else:
        notes.append(_note("third-party", say("bill.note-third-party", lang), reading=True))
    if check.purpose == law().pfml.purpose and check.received >= law().pfml.in_force_from:
        notes.append(_note("pfml-certification-free", say("fee.note-pfml-certification", lang,
                                                          in_force_from=short_date(law().pfml.in_force_from, lang),
                                                          citation=law().pfml.no_fee_citation)))
        sources.append(source(law().pfml.no_fee_citation, law().pfml.confidence,
                               say("fee.source-pfml", lang, citation=law().pfml.no_fee_citation), lang))
    notes.append(_note("office-visit", say("fee.note-office-visit", lang, citation=law().office_visit["citation"])))
    return {
        "kind": "fee-check",
        "inputs": {"date": check.received.isoformat(), "pages": check.pages, "form": check.form,
                   "bill_for": check.recipient, "purpose": check.purpose, "lang": lang},
        "headings": bill_totals_text(check, lang),
        "inputs_text": say("bill.inputs", lang, date=long_date(check.received, lang), pages=check.pages,
                           total=money(check.billed_total)),
        "lines": lines,
        "totals": {"billed": cents(check.billed_total), "lines": cents(check.lines_total),
                   "washington_max": cents(washington_allowed), "over_washington": cents(washington_over),
                   # null where the HIPAA limit does not apply or no charge has an amount under it
                   "hipaa_max": cents(hipaa_allowed) if hipaa_totals else None,
                   "over_hipaa": cents(hipaa_over) if hipaa_totals else None},
        "sources": sources,
        "notes": notes,
        **_common(check.received, lang),
    }
