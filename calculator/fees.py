"""The most a Washington provider may charge for copies of health care records (WAC 246-08-400)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from .errors import CalculatorError
from .law import FeeSchedule, FreeCopyRule, law

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class CopyFee:
    """Facts of one fee calculation. Amounts are Decimal dollars.

    `total` is the Washington maximum (what a provider not covered by HIPAA may charge).
    `hipaa_own_copy_max` is our reading of the most a HIPAA-covered provider may charge for your own
    copy: the Washington amount without the clerical fee, $0 for a free copy, and None for an electronic
    copy, where per-page fees are not allowed at all (labor cost or the flat fee instead).
    `after_rule_text_end` is True when the schedule's own text had ended but the next one had not begun
    (July 1-26, 2015): we still apply it, as our reading.
    """
    pages: int
    received: date
    purpose: str
    form: str | None
    schedule: FeeSchedule
    first_tier_pages: int
    later_pages: int
    first_tier_amount: Decimal
    later_amount: Decimal
    clerical_fee: Decimal
    standard_total: Decimal
    free_rule: FreeCopyRule | None
    free_rule_not_yet: FreeCopyRule | None
    total: Decimal
    hipaa_without_clerical: Decimal
    hipaa_own_copy_max: Decimal | None
    after_rule_text_end: bool


def schedule_on(received: date) -> FeeSchedule:
    """The fee row in force on `received`; each row runs until the day before the next one starts."""
    in_force = [row for row in law().schedules if row.starts <= received]
    if not in_force:
        raise CalculatorError("date-before-coverage", "date", covered_from=law().covered_from)
    return in_force[-1]


def copy_fee(pages: int, received: date, purpose: str = "own-copy", form: str | None = None) -> CopyFee:
    """The Washington maximum for `pages` pages of a request received on `received`.

    Pages 1–30 at the first-tier rate, the rest at the later rate, plus the clerical fee; $0 when
    `purpose` is a free-copy purpose that was law on that date.
    """
    schedule = schedule_on(received)
    first_pages = min(pages, law().first_tier_pages)
    later_pages = pages - first_pages
    first_amount = first_pages * schedule.first_tier_per_page
    later_amount = later_pages * schedule.later_per_page
    standard_total = first_amount + later_amount + schedule.clerical_fee
    rule = law().free_copies.get(purpose)
    free_rule = rule if rule and rule.in_force_from <= received else None
    free_rule_not_yet = rule if rule and not free_rule else None
    hipaa_max = first_amount + later_amount
    if free_rule:
        hipaa_max = ZERO
    elif form == "electronic":
        hipaa_max = None
    return CopyFee(
        pages=pages, received=received, purpose=purpose, form=form, schedule=schedule,
        first_tier_pages=first_pages, later_pages=later_pages,
        first_tier_amount=first_amount, later_amount=later_amount,
        clerical_fee=schedule.clerical_fee, standard_total=standard_total,
        free_rule=free_rule, free_rule_not_yet=free_rule_not_yet,
        total=ZERO if free_rule else standard_total,
        hipaa_without_clerical=first_amount + later_amount,
        hipaa_own_copy_max=hipaa_max,
        after_rule_text_end=bool(schedule.rule_text_until and received > schedule.rule_text_until),
    )
