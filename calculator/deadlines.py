"""When a provider must answer: Washington and federal deadlines counted from the day of receipt."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from .counting import Count, count_days
from .errors import CalculatorError
from .law import DeadlineRule, law


@dataclass(frozen=True)
class Deadline:
    """Facts of one deadline: the rule, the count to `due`, and the longer count if the rule has one."""
    rule: DeadlineRule
    received: date
    count: Count
    extended_count: Count | None

    @property
    def due(self) -> date:
        return self.count.due

    @property
    def extended_due(self) -> date | None:
        return self.extended_count.due if self.extended_count else None


def deadline(rule_id: str, received: date) -> Deadline:
    """The due date (and extended due date) under `rule_id` for a request received on `received`
    (day 0). Raises rule-not-in-force for a rule that was not yet law on that date."""
    rule = law().rules[rule_id]
    if received < rule.in_force_from:
        raise CalculatorError("rule-not-in-force", "rule", rule=rule.label,
                              in_force_from=rule.in_force_from, date=received)
    count = count_days(received, rule.days, rule.unit)
    extended = count_days(received, rule.extended_days, rule.unit) if rule.extended_days else None
    return Deadline(rule, received, count, extended)


def federal_deadline(request: str, received: date) -> Deadline:
    """The HIPAA deadline beside Washington's for `request` ("access" or "correction") received on
    `received` (day 0): 30 (60) calendar days for a copy, 60 (90) for a correction, no roll-forward."""
    return deadline(law().rules[request].federal, received)


def federal_latest(request: str, received: date, noticed: bool) -> date:
    """The last day HIPAA allows: the extended date only when the provider gave a written notice of the
    reasons and the date within the first period (`noticed`), else the first date (our reading,
    legal-facts.md section 8). OCR's complaint step opens the day after."""
    result = federal_deadline(request, received)
    return result.extended_due if noticed else result.due


def ocr_last_day(learned: date) -> date:
    """The last day to complain to HHS OCR: 180 calendar days after `learned` (day 0), the day the person
    knew or should have known of the problem; no roll to a working day (our count, legal-facts.md
    section 7). For a late answer, `learned` is the day after the HIPAA date."""
    return learned + timedelta(days=law().complaints["hhs-ocr"]["days"])
