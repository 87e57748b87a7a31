"""Wording a legal read of the calculator found: no internal rule id in an error, the 2016 federal guidance
not given as in force for an earlier request, and the Ciox note as sure as its source (S: "generally")."""
import json

import pytest

from calculator.boundary import handle_json


def ask(**request) -> dict:
    return json.loads(handle_json(json.dumps(request)))


@pytest.mark.parametrize("lang, label", [
    ("en", "Washington: fill out a paid family and medical leave (PFML) certification"),
    ("es", "Washington: llenar una certificación para el Permiso Familiar y Médico Pagado (PFML)")])
def test_a_rule_not_yet_in_force_is_named_in_words_not_by_its_id(lang, label):
    error = ask(kind="deadline", rule="pfml-certification", date="2024-06-05", lang=lang)["error"]
    assert error["code"] == "rule-not-in-force" and error["field"] == "rule"
    assert label in error["message"] and "pfml-certification" not in error["message"]


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_request_before_the_2016_guidance_is_told_it_came_later(lang):
    def note_ids(date):
        return [note["id"] for note in ask(kind="fee", pages=10, date=date, lang=lang)["notes"]]
    assert "hipaa-guidance-later" in note_ids("2015-12-31")
    assert "hipaa-guidance-later" not in note_ids("2016-01-01")


@pytest.mark.parametrize("lang, word", [("en", "Generally"), ("es", "En general")])
def test_the_third_party_note_says_generally(lang, word):
    notes = {note["id"]: note["text"] for note in ask(kind="fee", pages=10, date="2024-07-01", lang=lang)["notes"]}
    assert notes["hipaa-third-party"].startswith(word)
