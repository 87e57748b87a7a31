"""The law as data: loads calculator/data/*.toml into small frozen records.

Nothing here decides anything; it only reads the cited rows so the rest of the package (and the build
hook that writes the guide's tables) reads one source.
"""
from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from .catalogs import translated
from .languages import languages

DATA_DIR = Path(__file__).parent / "data"
# Every language code, in the table's order (data/languages.toml); the first is the source language.
LANGUAGES = tuple(languages())


def load_data(name: str) -> dict:
    """One file of calculator/data, parsed (TOML dates become datetime.date), with each unit's words in
    every language: the English from the file, the others from its catalogs (calculator/catalogs.py)."""
    with open(DATA_DIR / name, "rb") as data_file:
        return translated(tomllib.load(data_file), Path(name).stem)


@dataclass(frozen=True)
class FeeSchedule:
    """One row of WAC 246-08-400 amounts, in force from `starts` until the next row starts."""
    starts: date
    first_tier_per_page: Decimal
    later_per_page: Decimal
    clerical_fee: Decimal
    citation: str
    confidence: str
    rule_text_until: date | None = None


@dataclass(frozen=True)
class FreeCopyRule:
    """A purpose for which the copy must be free, from `in_force_from` on."""
    purpose: str
    in_force_from: date
    citation: str
    confidence: str
    label: dict
    lookback_years: int | None = None
    in_force_from_confidence: str | None = None


@dataclass(frozen=True)
class CertificationRule:
    """Paid family and medical leave: from `in_force_from` on, completing the leave certification is free
    (`no_fee_citation`); copies of the record keep the usual fee (`copy_fee_citation`)."""
    purpose: str
    in_force_from: date
    no_fee_citation: str
    confidence: str
    documentation_citation: str
    documentation_confidence: str
    copy_fee_citation: str
    copy_fee_confidence: str
    label: dict


@dataclass(frozen=True)
class DeadlineRule:
    """A deadline: `days` (and `extended_days`) counted in `unit` from day 0, the day of receipt.
    `follow_up`: the request type the follow-up letter asks about once the date has passed (or None);
    `federal`: the id of the HIPAA rule that binds the same request beside this Washington one (or None)."""
    id: str
    days: int
    unit: str
    in_force_from: date
    citation: str
    confidence: str
    label: dict
    extended_days: int | None = None
    extended_citation: str | None = None
    extension: dict | None = None
    starts_when: dict | None = None
    heading: dict | None = None
    day_zero: dict | None = None
    follow_up: str | None = None
    federal: str | None = None


@dataclass(frozen=True)
class HolidayRule:
    """A Washington legal holiday: a fixed month/day, or the nth weekday of a month (nth -1 = last)."""
    id: str
    month: int
    label: dict
    day: int | None = None
    weekday: str | None = None
    nth: int | None = None
    offset_days: int = 0
    first_year: int | None = None
    first_year_citation: str | None = None


@dataclass(frozen=True)
class Law:
    """Everything the calculator knows, as read from the data files."""
    schedules: tuple[FeeSchedule, ...]
    first_tier_pages: int
    tier_citation: str
    free_copies: dict[str, FreeCopyRule]
    pfml: CertificationRule
    hipaa: dict
    office_visit: dict
    rules: dict[str, DeadlineRule]
    units: dict[str, dict]
    holidays: tuple[HolidayRule, ...]
    holiday_citation: str
    observed_shift: dict
    covered_from: date
    covered_until: date
    reviewed: date
    stale_after_days: int
    official_fee_rule_url: str
    legal_help: dict
    complaints: dict
    rights: dict


@functools.cache
def law() -> Law:
    """Read and return the law data (cached: the files are read once per process)."""
    fees, deadlines, holidays, coverage = (
        load_data(name) for name in ("fees.toml", "deadlines.toml", "holidays.toml", "coverage.toml"))
    schedules = tuple(
        FeeSchedule(starts=row["from"],
                    first_tier_per_page=Decimal(row["first_tier_per_page"]),
                    later_per_page=Decimal(row["later_per_page"]),
                    clerical_fee=Decimal(row["clerical_fee"]),
                    citation=row["citation"], confidence=row["confidence"],
                    rule_text_until=row.get("rule_text_until"))
        for row in fees["schedule"])
    free_copies = {row["purpose"]: FreeCopyRule(**row) for row in fees["free_copy"]}
    rules = {row["id"]: DeadlineRule(**row) for row in deadlines["rule"]}
    return Law(
        schedules=schedules,
        first_tier_pages=fees["first_tier_pages"],
        tier_citation=fees["tier_citation"],
        free_copies=free_copies,
        pfml=CertificationRule(**fees["pfml"]),
        hipaa=fees["hipaa"],
        office_visit=fees["office_visit"],
        rules=rules,
        units=deadlines["unit"],
        holidays=tuple(HolidayRule(**row) for row in holidays["holiday"]),
        holiday_citation=holidays["citation"],
        observed_shift=holidays["observed_shift"],
        covered_from=coverage["covered_from"],
        covered_until=coverage["covered_until"],
        reviewed=coverage["reviewed"],
        stale_after_days=coverage["stale_after_days"],
        official_fee_rule_url=coverage["official_fee_rule_url"],
        legal_help=load_data("help.toml"),
        complaints=deadlines["complaint"],
        rights=load_data("rights.toml"),
    )


@functools.cache
def messages() -> dict:
    """Every sentence the calculator says, keyed by section and name, then language."""
    return load_data("messages.toml")


@functools.cache
def letter_words() -> dict:
    """Every sentence of the letters, keyed by letter type (or "common"/"calendar") and name, then language."""
    return load_data("letters.toml")
