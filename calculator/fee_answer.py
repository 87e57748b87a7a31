"""The answer to a fee request: what a copy of the records may cost, line by line, with its sources and
notes (HIPAA's limits beside Washington's, paid family and medical leave, a free copy)."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from .explain import (common, free_rule_source, hipaa_electronic_note, hipaa_no_search_source, note,
                      office_visit_note, pfml_certification_note, pfml_source, purpose_name, schedule_sources,
                      source)
from .fees import CopyFee, copy_fee
from .inputs import FORMS, PURPOSES, parse_choice, parse_pages, parse_received_date, require
from .law import law
from .words import cents, long_date, money, say, short_date


def fee_request_answer(request: dict, lang: str) -> dict:
    """The answer to {"kind": "fee", "date", "pages", "purpose"?, "form"?}; raises CalculatorError."""
    require(request, ("date", "pages"))
    received = parse_received_date(request["date"])
    pages = parse_pages(request["pages"])
    purpose = parse_choice(request.get("purpose") or "own-copy", PURPOSES, "purpose", "purpose-unknown")
    form = request.get("form") or None
    if form is not None:
        form = parse_choice(form, FORMS, "form", "form-unknown")
    return fee_answer(copy_fee(pages, received, purpose, form), lang)


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

    sources = schedule_sources(schedule, lang)
    notes = []
    if fee.after_rule_text_end:
        notes.append(note("rule-text-gap", say(
            "fee.note-rule-text-gap", lang, until=short_date(schedule.rule_text_until, lang),
            next_from=short_date(_next_schedule_start(schedule), lang)), reading=True))
    free_rule = fee.free_rule or fee.free_rule_not_yet
    if free_rule:
        sources.append(free_rule_source(free_rule, lang))
    if fee.free_rule_not_yet:
        notes.append(note("free-not-yet", say("fee.note-free-not-yet", lang, purpose=purpose,
                                              in_force_from=short_date(free_rule.in_force_from, lang))))
    if fee.free_rule and free_rule.lookback_years:
        notes.append(note("free-lookback", say("fee.note-free-ssa", lang, years=free_rule.lookback_years)))
    if free_rule and free_rule.in_force_from_confidence == "I":
        notes.append(note("free-start-date", say("fee.note-ssa-start-date", lang,
                                                 in_force_from=short_date(free_rule.in_force_from, lang)),
                          reading=True))
    if fee.purpose == law().pfml.purpose:
        pfml_notes, pfml_sources = _pfml_notes(fee, lang)
        notes.extend(pfml_notes)
        sources.extend(pfml_sources)
    if not fee.free_rule:
        notes.extend(_hipaa_notes(fee, lang))
        notes.append(note("pay-first", say("fee.note-pay-first", lang)))
        notes.append(office_visit_note(lang))
        sources.append(source(hipaa["covered_entity_citation"], hipaa["covered_entity_confidence"],
                               say("fee.source-hipaa-covered", lang, citation=hipaa["covered_entity_citation"]),
                               lang))
        sources.append(hipaa_no_search_source(lang))
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
        **common(fee.received, lang),
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
        return [note("pfml-not-yet", say("fee.note-pfml-not-yet", lang, in_force_from=starts))], []
    seven_days = law().rules["pfml-certification"]
    notes = [
        pfml_certification_note(lang),
        note("pfml-documentation", say("fee.note-pfml-documentation", lang,
                                       citation=rule.documentation_citation), reading=True),
        note("pfml-copies", say("fee.note-pfml-copies", lang, citation=rule.copy_fee_citation)),
        note("pfml-office-visit", say("fee.note-pfml-office-visit", lang, citation=rule.no_fee_citation)),
        note("pfml-seven-days", say("fee.note-pfml-seven-days", lang, days=seven_days.days,
                                    citation=seven_days.citation)),
    ]
    sources = [pfml_source(lang),
               source(rule.copy_fee_citation, rule.copy_fee_confidence,
                       say("fee.source-pfml-copies", lang, citation=rule.copy_fee_citation), lang)]
    return notes, sources


def _hipaa_notes(fee: CopyFee, lang: str) -> list[dict]:
    flat = money(Decimal(law().hipaa["electronic_flat_fee_max"]))
    notes = []
    if fee.form == "electronic":
        notes.append(hipaa_electronic_note(lang))
    else:
        notes.append(note("hipaa-own-copy", say("fee.note-hipaa", lang, clerical=money(fee.clerical_fee),
                                                ceiling=money(fee.hipaa_without_clerical)), reading=True))
        flat_key = "fee.note-hipaa-paper" if fee.form == "paper" else "fee.note-hipaa-flat"
        notes.append(note("hipaa-flat-fee", say(flat_key, lang, flat=flat)))
    notes.append(note("hipaa-third-party", say("fee.note-hipaa-third-party", lang)))
    if fee.received.year < law().hipaa["guidance_year"]:
        notes.append(note("hipaa-guidance-later", say("fee.note-hipaa-guidance-later", lang,
                                                      year=law().hipaa["guidance_year"])))
    return notes
