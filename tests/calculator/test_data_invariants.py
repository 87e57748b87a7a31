"""The law data must be sorted, contiguous, cited and bilingual, or the calculator is wrong silently."""
import re
import string
import tomllib

import pytest

from calculator.facts import page_facts
from calculator.law import DATA_DIR, LANGUAGES, law, load_data, messages

CONFIDENCE_MARKS = {"P", "L", "S", "I"}


def test_fee_schedules_start_in_strictly_increasing_order_with_no_overlap():
    starts = [row.starts for row in law().schedules]
    assert starts == sorted(starts) and len(set(starts)) == len(starts)


def test_the_first_fee_schedule_covers_the_first_covered_day():
    # Rows are contiguous by construction (each runs to the day before the next): the only gap possible
    # is before the first row.
    assert law().schedules[0].starts <= law().covered_from


def test_per_page_rates_fall_after_page_30_and_amounts_are_in_cents():
    for row in law().schedules:
        assert row.later_per_page < row.first_tier_per_page
        for amount in (row.first_tier_per_page, row.later_per_page, row.clerical_fee):
            assert amount > 0 and amount == amount.quantize(amount.__class__("0.01"))


def _cited_rows():
    data = law()
    yield from ((f"fee {row.starts}", row.citation, row.confidence) for row in data.schedules)
    yield from ((f"free {rule.purpose}", rule.citation, rule.confidence) for rule in data.free_copies.values())
    yield ("pfml no fee", data.pfml.no_fee_citation, data.pfml.confidence)
    yield ("pfml documentation", data.pfml.documentation_citation, data.pfml.documentation_confidence)
    yield ("pfml copies", data.pfml.copy_fee_citation, data.pfml.copy_fee_confidence)
    yield from ((f"rule {rule.id}", rule.citation, rule.confidence) for rule in data.rules.values())
    yield from ((f"unit {name}", unit["citation"], unit["confidence"]) for name, unit in data.units.items())
    yield from ((f"places {name}", row["citation"], row["confidence"]) for name, row in load_data("places.toml").items())
    yield ("holidays", data.holiday_citation, "P")
    yield ("tiers", data.tier_citation, "P")


@pytest.mark.parametrize("row", list(_cited_rows()), ids=lambda row: row[0])
def test_every_row_has_a_citation_and_a_confidence_mark(row):
    _, citation, confidence = row
    assert citation.strip() and confidence in CONFIDENCE_MARKS


def test_every_rule_with_an_extension_has_its_citation_and_condition():
    for rule in law().rules.values():
        if rule.extended_days:
            assert rule.extended_days > rule.days and rule.extended_citation and rule.extension
        assert rule.unit in law().units


def _labels():
    data = law()
    for rule in data.rules.values():
        yield f"rule {rule.id}", rule.label
        if rule.extension:
            yield f"rule {rule.id} extension", rule.extension
    for rule in data.free_copies.values():
        yield f"free {rule.purpose}", rule.label
    yield f"purpose {data.pfml.purpose}", data.pfml.label
    for rule in data.holidays:
        yield f"holiday {rule.id}", rule.label


@pytest.mark.parametrize("item", list(_labels()), ids=lambda item: item[0])
def test_every_label_is_in_english_and_spanish(item):
    _, label = item
    assert set(label) == set(LANGUAGES) and all(label[lang].strip() for lang in LANGUAGES)


def _message_entries(tree, path=""):
    for key, value in tree.items():
        if isinstance(value, dict) and set(value) <= set(LANGUAGES) and value:
            yield f"{path}{key}", value
        elif isinstance(value, dict):
            yield from _message_entries(value, f"{path}{key}.")


def _strings(value) -> list[str]:
    """The words in a message: a sentence, a list of them, or a counted message's forms ({one, other})."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [text for form in value.values() for text in _strings(form)]
    return [text for item in value for text in _strings(item)] if isinstance(value, list) else []


MESSAGE_ENTRIES = list(_message_entries(messages()))


@pytest.mark.parametrize("entry", MESSAGE_ENTRIES, ids=lambda entry: entry[0])
def test_every_message_has_both_languages_with_the_same_placeholders(entry):
    _, texts = entry
    assert set(texts) == set(LANGUAGES)
    fields = {lang: {name for text in _strings(texts[lang]) for _, name, _, _ in string.Formatter().parse(text) if name}
              for lang in LANGUAGES}
    assert fields["en"] == fields["es"]


def test_spanish_messages_use_the_glossary_terms_not_their_rivals():
    spanish = " ".join(str(texts["es"]) for _, texts in MESSAGE_ENTRIES).lower()
    for rival in ("historia clínica", "récord", "tarifa", "honorario por copia", "días laborales"):
        assert rival not in spanish


def test_no_holiday_or_rule_id_is_used_twice():
    for ids in ([rule.id for rule in law().holidays], list(law().rules)):
        assert len(ids) == len(set(ids))


def test_every_data_file_parses_and_every_amount_is_written_with_cents():
    amounts = []
    for path in DATA_DIR.glob("*.toml"):
        text = path.read_text(encoding="utf-8")
        tomllib.loads(text)
        amounts += [(path.name, amount) for amount in
                    re.findall(r'^\w+(?:_fee|_per_page|_max) = "([^"]+)"', text, flags=re.M)]
    assert len(amounts) >= 3 * len(law().schedules)
    for name, amount in amounts:
        assert re.fullmatch(r"\d+\.\d\d", amount), f"{name}: {amount}"


def test_every_number_of_the_places_data_reaches_the_pages_in_both_languages():
    # Issue 24: the retention years, the guideline's years, DOC's days and the rule dates are page facts
    # (places.<row>.<field>), a date in each language's words.
    for lang in LANGUAGES:
        facts = page_facts(lang)
        for name, row in load_data("places.toml").items():
            for field, value in row.items():
                if field != "confidence":
                    assert facts[f"places.{name}.{field}"], (lang, name, field)
    assert page_facts("en")["places.information_blocking.applies_from"] == "April 5, 2021"
    assert page_facts("es")["places.part2_rule.compliance_date"] == "16 de febrero de 2026"
