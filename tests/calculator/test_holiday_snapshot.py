"""The computed holiday calendar for 2015–2040, kept as a reviewed JSON snapshot.

A change to holidays.toml or to the observed-day rules shows up here as a readable diff of dates.
After reviewing it, refresh with: UPDATE_SNAPSHOTS=1 .venv/bin/python -m pytest tests/calculator
"""
import json
import os
from pathlib import Path

from calculator.legal_holidays import observed_holidays

SNAPSHOT = Path(__file__).with_name("holiday_calendar_2015_2040.json")


def computed_calendar() -> dict:
    return {str(year): {day.isoformat(): holiday.rule.id + (" (observed)" if holiday.shifted else "")
                        for day, holiday in observed_holidays(year).items()}
            for year in range(2015, 2041)}


def test_the_holiday_calendar_matches_the_reviewed_snapshot():
    calendar = computed_calendar()
    if os.environ.get("UPDATE_SNAPSHOTS") == "1":
        SNAPSHOT.write_text(json.dumps(calendar, indent=1) + "\n", encoding="utf-8")
    assert calendar == json.loads(SNAPSHOT.read_text(encoding="utf-8"))
