"""Legal facts as ready-to-print strings, for the guide's pages (overrides/hooks/legal_facts.py).

`page_facts(lang)` maps a name such as "fee.clerical" to text such as "$28.00". Pages write
{{ fee.clerical }} and the build fills it in, so no number the law can change is typed into Markdown.
Blocks (names ending in "table" or "list") are Markdown tables or lists.
"""
from __future__ import annotations

import functools
from decimal import Decimal

from .answers import fee_answer
from .deadlines import deadline
from .fees import copy_fee
from .law import law, load_data, messages
from .legal_holidays import holiday_date, observed_date
from .words import long_date, money, short_date

def _table(header: list[str], rows: list[list]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


@functools.cache
def page_facts(lang: str) -> dict[str, str]:
    """Every fact a page may print, as text in `lang`."""
    data = law()
    current = data.schedules[-1]
    facts = {
        "reviewed": short_date(data.reviewed, lang),
        "covered_from": short_date(data.covered_from, lang),
        "official_fee_rule_url": data.official_fee_rule_url,
        "fee.first_tier_pages": str(data.first_tier_pages),
        "fee.later_first_page": str(data.first_tier_pages + 1),
        "fee.first_tier_per_page": money(current.first_tier_per_page),
        "fee.later_per_page": money(current.later_per_page),
        "fee.clerical": money(current.clerical_fee),
        "fee.current_from": short_date(current.starts, lang),
        "fee.current_citation": current.citation,
        "hipaa.flat_fee": money(Decimal(data.hipaa["electronic_flat_fee_max"])),
    }
    for purpose, rule in data.free_copies.items():
        facts[f"free.{purpose}.from"] = short_date(rule.in_force_from, lang)
        if rule.lookback_years:
            facts[f"free.{purpose}.lookback_years"] = str(rule.lookback_years)
    for rule in data.rules.values():
        facts[f"deadline.{rule.id}.days"] = str(rule.days)
        facts[f"deadline.{rule.id}.from"] = short_date(rule.in_force_from, lang)
        if rule.extended_days:
            facts[f"deadline.{rule.id}.extended_days"] = str(rule.extended_days)
    facts.update(_blocks(lang))
    return facts


def _blocks(lang: str) -> dict[str, str]:
    data, words = law(), messages()["table"]
    head = {name: words[name][lang] for name in
            ("fee-table", "fee-examples", "deadline-examples", "holiday-table", "deadline-table")}
    n, m = data.first_tier_pages, data.first_tier_pages + 1
    fee_rows = [[short_date(row.starts, lang), money(row.first_tier_per_page), money(row.later_per_page),
                 money(row.clerical_fee), row.citation] for row in data.schedules]
    examples = load_data("examples.toml")
    fee_examples = [copy_fee(example["pages"], example["date"]) for example in examples["fee"]]
    fee_example_rows = [[fee.pages, money(fee.total), money(fee.hipaa_without_clerical)] for fee in fee_examples]
    deadline_example_rows = []
    for example in examples["deadline"]:
        result = deadline(example["rule"], example["date"])
        extended = long_date(result.extended_due, lang) if result.extended_due else "—"
        deadline_example_rows.append([long_date(result.received, lang), result.rule.label[lang],
                                      long_date(result.due, lang), extended])
    year = data.reviewed.year + 1
    holiday_rows = []
    for rule in data.holidays:
        cells = [rule.label[lang]]
        for y in (year, year + 1):
            actual = holiday_date(rule, y)
            cells.append(long_date(observed_date(actual), lang) if actual else "—")
        holiday_rows.append(cells)
    deadline_rows = [[rule.label[lang], rule.days, words[f"unit-{rule.unit}"][lang],
                      rule.extended_days or "—", rule.citation] for rule in data.rules.values()]
    # The worked example in the prose: the second fee example (the legal-facts one, 45 pages).
    example = fee_examples[1]
    return {
        "fee.table": _table([h.format(n=n, m=m) for h in head["fee-table"]], fee_rows),
        "fee.examples_table": _table(head["fee-examples"], fee_example_rows),
        "fee.example.pages": str(example.pages),
        "fee.example.date": short_date(example.received, lang),
        "fee.example.total": money(example.total),
        "fee.example.list": "\n".join(f"- {line['text']}" for line in fee_answer(example, lang)["lines"]),
        "deadline.examples_table": _table(head["deadline-examples"], deadline_example_rows),
        "deadline.table": _table(head["deadline-table"], deadline_rows),
        "holidays.table": _table([h.format(y1=year, y2=year + 1) for h in head["holiday-table"]], holiday_rows),
    }
