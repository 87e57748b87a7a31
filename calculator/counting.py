"""The three ways the law counts days. Day 0 is always the day the request was received."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from .legal_holidays import ObservedHoliday, holiday_on, is_working_day


@dataclass(frozen=True)
class Roll:
    """The last day could not be the deadline: `day` was a weekend day or `holiday`."""
    day: date
    holiday: ObservedHoliday | None


@dataclass(frozen=True)
class Count:
    """The result of counting `days` after `received`: `last_counted` before any roll, then `due`."""
    received: date
    days: int
    unit: str
    last_counted: date
    due: date
    skipped_holidays: tuple[ObservedHoliday, ...] = ()
    rolls: tuple[Roll, ...] = field(default=())


def add_working_days(received: date, days: int) -> Count:
    """The `days`-th working day after `received` (day 0). Working days are Monday–Friday that are
    not observed Washington legal holidays; holidays passed on the way are listed."""
    day, counted, skipped = received, 0, []
    while counted < days:
        day += timedelta(days=1)
        if is_working_day(day):
            counted += 1
        elif (holiday := holiday_on(day)) is not None:
            skipped.append(holiday)
    return Count(received, days, "working", day, day, tuple(skipped))


def add_calendar_days_rolled(received: date, days: int) -> Count:
    """`days` calendar days after `received` (day 0); a last day on a Saturday, Sunday or legal holiday
    moves to the next day that is none of these (RCW 1.12.040)."""
    last = received + timedelta(days=days)
    due, rolls = last, []
    while not is_working_day(due):
        rolls.append(Roll(due, holiday_on(due)))
        due += timedelta(days=1)
    return Count(received, days, "calendar-rolled", last, due, rolls=tuple(rolls))


def add_calendar_days(received: date, days: int) -> Count:
    """`days` calendar days after `received` (day 0), with no roll-forward (federal deadlines)."""
    last = received + timedelta(days=days)
    return Count(received, days, "calendar", last, last)


def next_working_day(day: date) -> date:
    """The first working day after `day` (a weekend day or legal holiday is skipped)."""
    day += timedelta(days=1)
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


COUNTERS = {"working": add_working_days, "calendar-rolled": add_calendar_days_rolled,
            "calendar": add_calendar_days}


def count_days(received: date, days: int, unit: str) -> Count:
    """Count `days` after `received` in `unit` ("working", "calendar-rolled" or "calendar")."""
    return COUNTERS[unit](received, days)
