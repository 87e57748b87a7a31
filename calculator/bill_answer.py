"""The answer to a bill check: each charge of a provider's bill against Washington's limits and, for a
person's own copy, HIPAA's (our reading), with the totals, notes and sources."""
from __future__ import annotations

from decimal import Decimal

from .bill_check import AT_COST_KINDS, BillCheck, BillLine, check_bill
from .explain import (common, free_rule_source, hipaa_electronic_note, hipaa_no_search_source, note,
                      office_visit_note, pfml_certification_note, pfml_source, purpose_name, schedule_sources,
                      source)
from .law import law
from .letters import bill_totals_text
from .words import cents, counted, long_date, money, say


def bill_request_answer(request: dict, lang: str) -> dict:
    """The answer to {"kind": "fee-check", "received_date", "bill_*", …} (bill_check.check_bill reads
    the fields); raises CalculatorError."""
    return bill_check_answer(check_bill(request), lang)


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
    notes, sources = [], schedule_sources(schedule, lang)
    if check.lines_total != check.billed_total:
        notes.append(note("total-differs", say("bill.note-total-differs", lang, total=money(check.billed_total),
                                               lines_total=money(check.lines_total))))
    if any(line.unchecked for line in check.lines):
        notes.append(note("unchecked", say("bill.note-unchecked", lang)))
    if check.free_rule:
        notes.append(note("free", say("bill.note-free", lang, purpose=purpose_name(check.purpose, lang))))
        sources.append(free_rule_source(check.free_rule, lang))
    elif check.hipaa_applies:
        notes.append(note("hipaa-own-copy", say("bill.note-hipaa", lang), reading=True))
        if check.form == "electronic":
            notes.append(hipaa_electronic_note(lang))
        sources.append(hipaa_no_search_source(lang))
        at_cost_kinds = [kind for kind in AT_COST_KINDS if kind in {line.kind for line in check.lines if line.at_cost}]
        if at_cost_kinds:
            notes.append(note("at-cost", say("bill.note-at-cost", lang)))
        for kind in at_cost_kinds:
            sources.append(source(hipaa[f"{kind}_citation"], hipaa["at_cost_confidence"],
                                   say(f"bill.source-{kind}", lang, citation=hipaa[f"{kind}_citation"]), lang))
    else:
        notes.append(note("third-party", say("bill.note-third-party", lang), reading=True))
    if check.purpose == law().pfml.purpose and check.received >= law().pfml.in_force_from:
        notes.append(pfml_certification_note(lang))
        sources.append(pfml_source(lang))
    notes.append(office_visit_note(lang))
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
        **common(check.received, lang),
    }
