"""Washington legal holidays (RCW 1.16.050) and the days they are observed."""
from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import date, timedelta

from .law import HolidayRule, law

WEEKDAY_NUMBERS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4,
                   "saturday": 5, "sunday": 6}


@dataclass(frozen=True)
class ObservedHoliday:
    """A holiday as the state keeps it: `actual` is the calendar date, `observed` the day off."""
    rule: HolidayRule
    actual: date
    observed: date

    @property
    def shifted(self) -> bool:
        return self.actual != self.observed


def holiday_date(rule: HolidayRule, year: int) -> date | None:
    """The calendar date of `rule` in `year`, or None if the holiday was not yet law that year."""
    if rule.first_year is not None and year < rule.first_year:
        return None
    if rule.day is not None:
        day = date(year, rule.month, rule.day)
    elif rule.nth > 0:
        first = date(year, rule.month, 1)
        day = first + timedelta(days=(WEEKDAY_NUMBERS[rule.weekday] - first.weekday()) % 7
                                + 7 * (rule.nth - 1))
    else:  # the last such weekday of the month
        next_month = date(year + rule.month // 12, rule.month % 12 + 1, 1)
        last = next_month - timedelta(days=1)
        day = last - timedelta(days=(last.weekday() - WEEKDAY_NUMBERS[rule.weekday]) % 7)
    return day + timedelta(days=rule.offset_days)


def observed_date(actual: date) -> date:
    """The day a holiday falling on `actual` is observed: Saturday → Friday before, Sunday → Monday after."""
    shift = {5: law().observed_shift["saturday"], 6: law().observed_shift["sunday"]}
    return actual + timedelta(days=shift.get(actual.weekday(), 0))


@functools.cache
def observed_holidays(year: int) -> dict[date, ObservedHoliday]:
    """Every holiday observed in `year`, by observed date.

    Looks at the neighbouring years too: New Year's Day on a Saturday is observed on December 31 of
    the year before.
    """
    found: dict[date, ObservedHoliday] = {}
    for source_year in (year - 1, year, year + 1):
        for rule in law().holidays:
            actual = holiday_date(rule, source_year)
            if actual is None:
                continue
            observed = observed_date(actual)
            if observed.year == year:
                found[observed] = ObservedHoliday(rule, actual, observed)
    return dict(sorted(found.items()))


def holiday_on(day: date) -> ObservedHoliday | None:
    """The legal holiday observed on `day`, if any."""
    return observed_holidays(day.year).get(day)


def is_working_day(day: date) -> bool:
    """Monday to Friday and not an observed Washington legal holiday."""
    return day.weekday() < 5 and holiday_on(day) is None
