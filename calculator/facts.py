"""Legal facts as ready-to-print strings, for the guide's pages (overrides/hooks/legal_facts.py).

`page_facts(lang)` maps a name such as "fee.clerical" to text such as "$28.00". Pages write
{{ fee.clerical }} and the build fills it in, so no number the law can change is typed into Markdown.
Blocks (names ending in "table" or "list") are Markdown tables or lists.
"""
from __future__ import annotations

import functools
from datetime import date
from decimal import Decimal

from .answers import deadline_answer, fee_answer
from .deadlines import deadline
from .fees import copy_fee
from .law import _load, law
from .legal_holidays import holiday_date, observed_date
from .words import long_date, money, say, short_date

_HEADERS = {
    "fee-table": {"en": ["In force from", "Pages 1–{n}, per page", "Page {m} on, per page", "Clerical fee",
                         "Rule"],
                  "es": ["Vigente desde", "Páginas 1 a {n}, por página", "De la página {m} en adelante, por página",
                         "Cargo administrativo", "Norma"]},
    "fee-examples": {"en": ["Pages", "Washington maximum", "Without the clerical fee (HIPAA, our reading)"],
                     "es": ["Páginas", "Máximo en Washington", "Sin el cargo administrativo (HIPAA, nuestra interpretación)"]},
    "deadline-examples": {"en": ["Request received", "Rule", "Answer due", "Later date with a written notice"],
                          "es": ["Solicitud recibida", "Regla", "Fecha límite", "Fecha más tarde con aviso por escrito"]},
    "holiday-table": {"en": ["Holiday", "Day off in {y1}", "Day off in {y2}"],
                      "es": ["Día feriado", "Día libre en {y1}", "Día libre en {y2}"]},
    "deadline-table": {"en": ["What you asked for", "Days", "How days are counted", "Longer deadline", "Law"],
                       "es": ["Lo que usted pidió", "Días", "Cómo se cuentan los días", "Plazo más largo", "Ley"]},
}
_UNIT_WORDS = {"working": {"en": "working days", "es": "días hábiles"},
               "calendar-rolled": {"en": "calendar days (moved to the next working day if the last day is a "
                                         "weekend or holiday)",
                                   "es": "días calendario (si el último día es fin de semana o feriado, pasa al "
                                         "siguiente día hábil)"},
               "calendar": {"en": "calendar days", "es": "días calendario"}}


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
    data, head = law(), {name: cols[lang] for name, cols in _HEADERS.items()}
    n, m = data.first_tier_pages, data.first_tier_pages + 1
    fee_rows = [[short_date(row.starts, lang), money(row.first_tier_per_page), money(row.later_per_page),
                 money(row.clerical_fee), row.citation] for row in data.schedules]
    examples = _load("examples.toml")
    fee_examples = []
    for example in examples["fee"]:
        fee = copy_fee(example["pages"], example["date"])
        fee_examples.append([fee.pages, money(fee.total), money(fee.hipaa_without_clerical)])
    deadline_examples = []
    for example in examples["deadline"]:
        result = deadline_answer(deadline(example["rule"], example["date"]), lang)
        extended = long_date(date.fromisoformat(result["extended_due"]), lang) if result["extended_due"] else "—"
        deadline_examples.append([long_date(example["date"], lang), result["rule"]["label"],
                                  long_date(date.fromisoformat(result["due"]), lang), extended])
    year = data.reviewed.year + 1
    holiday_rows = []
    for rule in data.holidays:
        cells = [rule.label[lang]]
        for y in (year, year + 1):
            actual = holiday_date(rule, y)
            cells.append(long_date(observed_date(actual), lang) if actual else "—")
        holiday_rows.append(cells)
    deadline_rows = [[rule.label[lang], rule.days, _UNIT_WORDS[rule.unit][lang],
                      rule.extended_days or "—", rule.citation] for rule in data.rules.values()]
    first_fee_example = fee_answer(copy_fee(examples["fee"][1]["pages"], examples["fee"][1]["date"]), lang)
    return {
        "fee.table": _table([h.format(n=n, m=m) for h in head["fee-table"]], fee_rows),
        "fee.examples_table": _table(head["fee-examples"], fee_examples),
        "fee.example.pages": str(examples["fee"][1]["pages"]),
        "fee.example.date": short_date(examples["fee"][1]["date"], lang),
        "fee.example.total": money(copy_fee(examples["fee"][1]["pages"], examples["fee"][1]["date"]).total),
        "fee.example.list": "\n".join(f"- {line['text']}" for line in first_fee_example["lines"]),
        "deadline.examples_table": _table(head["deadline-examples"], deadline_examples),
        "deadline.table": _table(head["deadline-table"], deadline_rows),
        "holidays.table": _table([h.format(y1=year, y2=year + 1) for h in head["holiday-table"]], holiday_rows),
        "reviewed_sentence": say("common.reviewed", lang, reviewed=short_date(data.reviewed, lang)),
    }
