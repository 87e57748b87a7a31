"""Legal facts as ready-to-print strings, for the guide's pages (overrides/hooks/legal_facts.py).

`page_facts(lang)` maps a name such as "fee.clerical" to text such as "$28.00". Pages write
{{ fee.clerical }} and the build fills it in, so no number the law can change is typed into Markdown.
Blocks (names ending in "table" or "list") are Markdown tables or lists.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from html import escape
from datetime import date, timedelta
from decimal import Decimal

from .deadlines import deadline
from .fee_answer import fee_answer
from .fees import copy_fee
from .languages import languages, letter_language
from .law import law, load_data, messages
from .letters import LETTER_TYPES, sample_letter
from .legal_holidays import is_working_day, observed_holidays
from .words import fill, long_date, money, short_date
from .writers import writers


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
        "reviewed_year": str(data.reviewed.year),
    }
    for line in ("clear", "king_county", "clear_senior"):
        facts[f"help.{line}.phone"] = data.legal_help[line]["phone"]
    facts["help.clear.hours"] = data.legal_help["clear"]["hours"][lang]
    facts["help.clear_senior.min_age"] = str(data.legal_help["clear_senior"]["min_age"])
    facts["help.law_help.url"] = data.legal_help["law_help"]["url"]
    facts["complaint.hhs-ocr.days"] = str(data.complaints["hhs-ocr"]["days"])
    facts["complaint.hhs-ocr.citation"] = data.complaints["hhs-ocr"]["citation"]
    # The one gap between a fee rule's own end date and the next rule (July 2015): named on the costs page.
    for row, following in zip(data.schedules, data.schedules[1:]):
        if row.rule_text_until:
            facts["fee.gap.first_day"] = short_date(row.rule_text_until + timedelta(days=1), lang)
            facts["fee.gap.last_day"] = short_date(following.starts - timedelta(days=1), lang)
            facts["fee.gap.rule_text_until"] = short_date(row.rule_text_until, lang)
            facts["fee.gap.next_from"] = short_date(following.starts, lang)
            facts["fee.gap.rule_from"] = short_date(row.starts, lang)
    for purpose, rule in data.free_copies.items():
        facts[f"free.{purpose}.from"] = short_date(rule.in_force_from, lang)
        if rule.lookback_years:
            facts[f"free.{purpose}.lookback_years"] = str(rule.lookback_years)
    pfml = data.pfml
    facts.update({"pfml.from": short_date(pfml.in_force_from, lang), "pfml.no_fee_citation": pfml.no_fee_citation,
                  "pfml.documentation_citation": pfml.documentation_citation,
                  "pfml.copy_fee_citation": pfml.copy_fee_citation})
    court = data.rights["court"]
    facts.update({"court.citation": court["citation"], "court.fees_citation": court["fees_citation"],
                  "court.limit_years": str(court["limit_years"]), "court.limit_citation": court["limit_citation"]})
    review = data.rights["second-review"]
    facts["second_review.citation"] = review["citation"]
    facts["correction_sent_on.citation"] = data.rights["correction-sent-on"]["citation"]
    for rule in data.rules.values():
        facts[f"deadline.{rule.id}.citation"] = rule.citation
        facts[f"deadline.{rule.id}.days"] = str(rule.days)
        facts[f"deadline.{rule.id}.from"] = short_date(rule.in_force_from, lang)
        if rule.extended_days:
            facts[f"deadline.{rule.id}.extended_days"] = str(rule.extended_days)
    for unit_name, unit in data.units.items():
        facts[f"deadline.unit.{unit_name}.citation"] = unit["citation"]
    # Who may write for a patient (writers.toml): the age a parent's letter stops, the age a teen
    # controls each kind of care ("0" for any age).
    facts["writers.parent.adult_age"] = str(writers()["parent"]["adult_age"])
    for care in writers()["minor_care"]:
        facts[f"writers.minor_care.{care['id']}.age"] = str(care["age"])
    facts.update(_place_facts(lang))
    facts.update(_blocks(lang))
    bill = load_data("letters.toml")["sample_bill"]
    facts["bill_example.pages"] = bill["bill_pages"]
    for name in ("per_page", "clerical", "total"):
        facts[f"bill_example.{name}"] = money(Decimal(bill[f"bill_{name}"]))
    for letter_type in LETTER_TYPES:
        # A <pre> that wraps (guide.css): the letter keeps its lines and reads as a letter, not as page
        # prose, and fits a phone's width.
        facts[f"letter.{letter_type}.sample"] = _letter_block(sample_letter(letter_type, lang), letter_language(lang))
        if languages()[lang].copy:
            facts[f"letter.{letter_type}.sample_copy"] = _letter_block(sample_letter(letter_type, lang, True), lang)
    return facts


def _place_facts(lang: str) -> dict[str, str]:
    """The numbers of places.toml (records kept, closed practices, prisons, information blocking, Part 2)
    as "places.<row>.<field>": whole numbers as digits, dates in `lang`'s words. The citation and
    confidence of each row stay in the data; the pages cite the rule in their text."""
    facts = {}
    for row_name, row in load_data("places.toml").items():
        for field, value in row.items():
            if field in ("citation", "confidence"):
                continue
            facts[f"places.{row_name}.{field}"] = short_date(value, lang) if isinstance(value, date) else str(value)
        facts[f"places.{row_name}.citation"] = row["citation"]
    return facts


def _letter_block(text: str, lang: str) -> str:
    return f'<pre class="letter-sample" lang="{lang}">{escape(text.rstrip())}</pre>'


def site_words(lang: str, publisher: dict | None) -> dict[str, str]:
    """The words around every page in `lang`: the footer (review date, not legal advice, publisher and
    how to report a mistake) and the page-not-found page. `publisher` is mkdocs.yml's
    `extra.publisher` ({"name", "contact"}), which a library or legal aid office hosting a copy sets.
    "published-by-template" keeps its {publisher} for the page's script (site-settings.js can change it)."""
    words = {name: text[lang] for name, text in messages()["site"].items()}
    publisher = publisher or {}
    words["reviewed"] = fill(messages()["common"]["reviewed"][lang], reviewed=short_date(law().reviewed, lang))
    words["published-by-template"] = words["published-by"]
    words["published-by"] = words["published-by"].format(publisher=setting_text(publisher.get("name")))
    words["contact"], words["contact-shown"] = footer_contact(publisher.get("contact"))
    return words


# A footer setting is shown, never typed into a letter: a hidden character (Unicode Cc, Cf, Zl, Zp: a
# bidi override that would show the name reversed, a line break that would stretch the footer) is
# dropped rather than refused, so the publisher's name still shows; a line break counts as a space.
# Longer than SETTING_LIMIT, a name is cut and an address is no address at all (no footer fills up).
# overrides/assets/javascripts/page-tools.js reads site-settings.js by the same rules.
SETTING_LIMIT = 200
_EMAIL = re.compile(r"[^\s@<>\"'(),;:\\]+@[^\s@<>\"'(),;:\\]+\.[^\s@<>\"'(),;:\\]+")
_PHONE = re.compile(r"\+?[0-9][0-9 ()./-]{5,}[0-9]")
_WEB = re.compile(r"https?://\S+", re.IGNORECASE)


def setting_text(value) -> str:
    """A footer setting as the page shows it: text only, hidden characters dropped (a line break
    becomes a space), spaces collapsed, at most SETTING_LIMIT characters."""
    if not isinstance(value, str):
        return ""
    kept = "".join(" " if unicodedata.category(char) in ("Zl", "Zp") or char in "\n\r\t\v\f\x85"
                   else "" if unicodedata.category(char) in ("Cc", "Cf") else char for char in value)
    return " ".join(kept.split())[:SETTING_LIMIT]


def footer_contact(value) -> tuple[str, str]:
    """The footer's way to report a mistake: (the link's address, the words shown for it), or ("", "")
    when `value` is none of: a web page (https://…), an e-mail address (plain or mailto:…) or a phone
    number (plain, with at least 7 digits, or tel:…). Over SETTING_LIMIT characters it is none."""
    text = setting_text(value) if isinstance(value, str) and len(value) <= SETTING_LIMIT else ""
    scheme, _, rest = text.partition(":")
    if _WEB.fullmatch(text):
        return text, text
    if scheme.lower() == "mailto" and _EMAIL.fullmatch(rest):
        return text, rest
    if _EMAIL.fullmatch(text):
        return f"mailto:{text}", text
    number = rest if scheme.lower() == "tel" else text
    if _PHONE.fullmatch(number) and sum(char.isdigit() for char in number) >= 7:
        return "tel:" + "".join(char for char in number if char.isdigit() or char == "+"), number
    return "", ""


def example_date(month: int, day: int) -> date:
    """`month`/`day` in the year of the last legal review, moved to the next working day if needed."""
    example = date(law().reviewed.year, month, day)
    while not is_working_day(example):
        example += timedelta(days=1)
    return example


def _holiday_cell(rule, year: int, lang: str) -> str:
    """Every day off in `year` for `rule` (New Year's Day can give two: January 1 and, when next
    January 1 is a Saturday, December 31), marked "(observed)" where the day off is not the date."""
    cells = []
    for observed, holiday in sorted(observed_holidays(year).items()):
        if holiday.rule.id == rule.id:
            mark = ""
            if holiday.actual.year != year:
                mark = " " + messages()["table"]["observed-other-year"][lang].format(year=holiday.actual.year)
            elif holiday.shifted:
                mark = " " + messages()["table"]["observed"][lang]
            cells.append(long_date(observed, lang) + mark)
    return "; ".join(cells) or "—"


def _blocks(lang: str) -> dict[str, str]:
    data, words = law(), messages()["table"]
    head = {name: words[name][lang] for name in
            ("fee-table", "fee-examples", "deadline-examples", "holiday-table", "deadline-table")}
    n, m = data.first_tier_pages, data.first_tier_pages + 1
    fee_rows = [[short_date(row.starts, lang), money(row.first_tier_per_page), money(row.later_per_page),
                 money(row.clerical_fee), row.citation] for row in data.schedules]
    examples = load_data("examples.toml")
    fee_day = example_date(data.reviewed.month, data.reviewed.day)
    fee_examples = [copy_fee(example["pages"], fee_day) for example in examples["fee"]]
    fee_example_rows = [[fee.pages, money(fee.hipaa_own_copy_max), money(fee.total)] for fee in fee_examples]
    deadline_example_rows = []
    for example in examples["deadline"]:
        result = deadline(example["rule"], example_date(example["month"], example["day"]))
        extended = long_date(result.extended_due, lang) if result.extended_due else "—"
        deadline_example_rows.append([long_date(result.received, lang), result.rule.label[lang],
                                      long_date(result.due, lang), extended])
    year = data.reviewed.year
    holiday_rows = [[rule.label[lang], _holiday_cell(rule, year, lang), _holiday_cell(rule, year + 1, lang)]
                    for rule in data.holidays]
    deadline_rows = [[rule.label[lang], rule.days, words[f"unit-{rule.unit}"][lang],
                      rule.extended_days or "—", rule.citation] for rule in data.rules.values()]
    prose = next(fee for fee, example in zip(fee_examples, examples["fee"]) if example.get("prose"))
    return {
        "fee.table": _table([h.format(n=n, m=m) for h in head["fee-table"]], fee_rows),
        "fee.examples_table": _table(head["fee-examples"], fee_example_rows),
        "fee.example.pages": str(prose.pages),
        "fee.example.date": short_date(prose.received, lang),
        "fee.example.total": money(prose.total),
        "fee.example.hipaa": money(prose.hipaa_own_copy_max),
        "fee.example.clerical": money(prose.clerical_fee),
        "fee.example.list": "\n".join(f"- {line['text']}" for line in fee_answer(prose, lang)["lines"]),
        "deadline.examples_table": _table(head["deadline-examples"], deadline_example_rows),
        "deadline.table": _table(head["deadline-table"], deadline_rows),
        "holidays.table": _table([h.format(y1=year, y2=year + 1) for h in head["holiday-table"]], holiday_rows),
    }
