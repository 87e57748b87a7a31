"""A bill for copies, checked line by line against the Washington amounts in force on the day the
request arrived (WAC 246-08-400) and, for a person's own copy, the federal HIPAA limits (our reading).

Amounts are Decimal dollars. Each line gets the most the law allows for it in each column, or None
where the law as our data holds it cannot say (an "other" charge we cannot classify): then the page and
the letter ask rather than assert. Postage and a disc or USB drive the person asked for are neither: for
a person's own copy the HIPAA rule allows them at what they cost (45 CFR 164.524(c)(4)(ii)-(iii)), an
amount we cannot know, so they are judged "at cost" and left out of the totals.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from .errors import CalculatorError
from .fees import ZERO, schedule_on
from .inputs import FORMS, PURPOSES, echo, parse_choice, parse_pages, parse_received_date
from .law import FeeSchedule, law

RECIPIENTS = ("self", "someone-else")
OTHER_KINDS = ("other", "certification", "postage", "media")
# Other charges the HIPAA rule allows for your own copy at what they cost: postage for a copy the person
# asked to have mailed, a disc or USB drive ("portable media") the person asked for.
AT_COST_KINDS = ("postage", "media")
MAX_OTHER_LINES = 10
MAX_AMOUNT = Decimal("100000")
_MONEY = re.compile(r"\$?\s*([0-9]{1,6}(?:,[0-9]{3})*|[0-9]+)(?:\.([0-9]{1,2}))?")


@dataclass(frozen=True)
class BillLine:
    """One charge on the bill. `washington_max` and `hipaa_max` are the most the law allows for it (None:
    we cannot check it; for `hipaa_max` also None when the HIPAA own-copy limit does not apply). `kind` is an
    other charge's kind (OTHER_KINDS); `at_cost`: allowed at what it cost (AT_COST_KINDS, own copy)."""
    id: str
    billed: Decimal
    washington_max: Decimal | None
    hipaa_max: Decimal | None
    pages: int | None = None
    billed_rate: Decimal | None = None
    rate_max: Decimal | None = None
    label: str = ""
    kind: str = ""
    at_cost: bool = False

    @property
    def unchecked(self) -> bool:
        """Neither judged against an amount nor allowed at cost: the page and the letter ask about it."""
        return self.washington_max is None and not self.at_cost


@dataclass(frozen=True)
class BillCheck:
    """The whole check. `hipaa_applies` is False for copies sent to someone else (since Ciox, generally)
    and for a free copy (then both columns are $0)."""
    received: date
    pages: int
    form: str
    recipient: str
    purpose: str
    schedule: FeeSchedule
    lines: tuple[BillLine, ...]
    billed_total: Decimal
    lines_total: Decimal
    free_rule: object | None
    hipaa_applies: bool

    def over(self, column: str) -> Decimal:
        """How much the checkable lines are over the limit in `column` ("washington" or "hipaa")."""
        total = ZERO
        for line in self.lines:
            limit = getattr(line, f"{column}_max")
            if limit is not None and line.billed > limit:
                total += line.billed - limit
        return total

    def checks(self, column: str) -> bool:
        """Whether any line has an amount the law allows in `column`, so the column has a total to give."""
        return any(getattr(line, f"{column}_max") is not None for line in self.lines)

    def allowed(self, column: str) -> Decimal:
        """The most the checked lines may add up to in `column`."""
        return sum((getattr(line, f"{column}_max") for line in self.lines
                    if getattr(line, f"{column}_max") is not None), ZERO)


def parse_amount(value, field: str, required: bool = False) -> Decimal | None:
    """A dollar amount as typed on a bill: "1.50", "$35", "1,200.00"; at most 2 decimals and $100,000."""
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise CalculatorError("field-missing", field)
        return None
    if isinstance(value, bool):
        raise CalculatorError("amount-malformed", field, value=str(value))
    if isinstance(value, (int, float)):
        value = f"{value:.2f}" if isinstance(value, float) else str(value)
    text = str(value).strip()
    match = _MONEY.fullmatch(text)
    if not match:
        raise CalculatorError("amount-malformed", field, value=echo(text))
    amount = Decimal(match.group(1).replace(",", "") + "." + (match.group(2) or "0")).quantize(Decimal("0.01"))
    if amount > MAX_AMOUNT:
        raise CalculatorError("amount-too-large", field, value=echo(text))
    return amount


def parse_other_lines(value) -> list[tuple[str, Decimal, str]]:
    """The bill's other charges: a list of {"label", "amount", "kind"?} (kind: one of OTHER_KINDS)."""
    if value in (None, "", []):
        return []
    if not isinstance(value, list) or len(value) > MAX_OTHER_LINES:
        raise CalculatorError("bill-other-malformed", "bill_other", limit=MAX_OTHER_LINES)
    lines = []
    for item in value:
        if not isinstance(item, dict) or not isinstance(item.get("label", ""), str):
            raise CalculatorError("bill-other-malformed", "bill_other", limit=MAX_OTHER_LINES)
        kind = parse_choice(item.get("kind") or "other", OTHER_KINDS, "bill_other", "choice-unknown")
        label = " ".join(item.get("label", "").split())[:200]
        lines.append((label, parse_amount(item.get("amount"), "bill_other", required=True), kind))
    return lines


def check_bill(bill: dict) -> BillCheck:
    """Check `bill` (the keys of MAINTAINING.md's fee-check: received_date, bill_pages, bill_per_page or
    bill_first_tier_per_page and bill_later_per_page, bill_clerical, bill_other, bill_other_label,
    bill_other_amount, bill_other_kind, bill_total, copy_form, bill_for, purpose). The day the request
    arrived is day 0 of nothing here: it only picks the fee row."""
    try:
        received = parse_received_date(bill.get("received_date"))
    except CalculatorError as error:
        raise CalculatorError(error.code, "received_date", **error.params) from None
    try:
        pages = parse_pages(bill.get("bill_pages"))
    except CalculatorError as error:
        raise CalculatorError(error.code, "bill_pages", **error.params) from None
    form = parse_choice(bill.get("copy_form") or "paper", FORMS, "copy_form", "choice-unknown")
    recipient = parse_choice(bill.get("bill_for") or "self", RECIPIENTS, "bill_for", "choice-unknown")
    purpose = parse_choice(bill.get("purpose") or "own-copy", PURPOSES, "purpose", "purpose-unknown")
    single = parse_amount(bill.get("bill_per_page"), "bill_per_page")
    first_rate = parse_amount(bill.get("bill_first_tier_per_page"), "bill_first_tier_per_page")
    later_rate = parse_amount(bill.get("bill_later_per_page"), "bill_later_per_page")
    clerical = parse_amount(bill.get("bill_clerical"), "bill_clerical")
    others = parse_other_lines(bill.get("bill_other"))
    if bill.get("bill_other_amount") not in (None, ""):  # the page's one "other charge" box
        others.append((" ".join(str(bill.get("bill_other_label") or "").split())[:200],
                       parse_amount(bill.get("bill_other_amount"), "bill_other_amount"),
                       parse_choice(bill.get("bill_other_kind") or "other", OTHER_KINDS, "bill_other_kind",
                                    "choice-unknown")))
    billed_total = parse_amount(bill.get("bill_total"), "bill_total", required=True)

    schedule = schedule_on(received)
    rule = law().free_copies.get(purpose)
    free_rule = rule if rule and rule.in_force_from <= received and recipient == "self" else None
    # HIPAA's own-copy limit: for your own copy only (Ciox); a free copy is $0 in both columns anyway.
    hipaa_applies = recipient == "self" and not free_rule
    electronic_own = hipaa_applies and form == "electronic"
    tier = law().first_tier_pages
    first_pages, later_pages = min(pages, tier), max(0, pages - tier)

    def capped(washington: Decimal, hipaa: Decimal | None):
        """The limits of one line: $0 for a free copy; no HIPAA column where its limit does not apply."""
        if free_rule:
            return ZERO, ZERO
        return washington, (hipaa if hipaa_applies else None)

    lines = []
    first_billed = first_rate if first_rate is not None else single
    later_billed = later_rate if later_rate is not None else single
    for line_id, count, billed_rate, rate_max in (("first-tier", first_pages, first_billed, schedule.first_tier_per_page),
                                                  ("later", later_pages, later_billed, schedule.later_per_page)):
        if not count or billed_rate is None:
            continue
        washington = count * rate_max
        # HIPAA, our reading: the Washington per-page amounts cap a cost-based charge; for an electronic
        # copy of electronic records no per-page fee at all.
        washington_max, hipaa_max = capped(washington, ZERO if electronic_own else washington)
        lines.append(BillLine(line_id, count * billed_rate, washington_max, hipaa_max, pages=count,
                              billed_rate=billed_rate, rate_max=rate_max))
    if clerical is not None:
        washington_max, hipaa_max = capped(schedule.clerical_fee, ZERO)
        lines.append(BillLine("clerical", clerical, washington_max, hipaa_max))
    pfml = law().pfml
    for index, (label, amount, kind) in enumerate(others, start=1):
        if free_rule or (kind == "certification" and purpose == pfml.purpose and received >= pfml.in_force_from):
            limits = ZERO, ZERO  # a free copy; no fee for the PFML certification (2024 c 150 § 1(3))
        else:  # no amount: postage or media for your own copy is allowed at cost; the rest we cannot check
            limits = None, None
        lines.append(BillLine(f"other-{index}", amount, *limits, label=label, kind=kind,
                              at_cost=kind in AT_COST_KINDS and hipaa_applies))
    if not lines:
        # Only a total: check it against the most for the whole copy (the HIPAA column cannot say for an
        # electronic copy, whose cost is labor or a flat fee, not pages).
        whole = first_pages * schedule.first_tier_per_page + later_pages * schedule.later_per_page
        washington_max, hipaa_max = capped(whole + schedule.clerical_fee, None if electronic_own else whole)
        lines.append(BillLine("total", billed_total, washington_max, hipaa_max, pages=pages))
    return BillCheck(received=received, pages=pages, form=form, recipient=recipient, purpose=purpose,
                     schedule=schedule, lines=tuple(lines), billed_total=billed_total,
                     lines_total=sum((line.billed for line in lines), ZERO), free_rule=free_rule,
                     hipaa_applies=hipaa_applies)
