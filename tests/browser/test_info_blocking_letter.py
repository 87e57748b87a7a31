"""The information-blocking report in Chromium (issue 24, item 3): picked from the builder's list in English and
in Spanish, written from its required answers alone, it says "may be information blocking" (and the Spanish
copy "puede ser bloqueo de información"), with the two doors beside it and no date to file by."""
from __future__ import annotations

from .test_new_letters_page import fill_required_and_make, lang, letters  # noqa: F401  (the fixtures)
from .test_letters_page import next_step

BESIDE = {"en": "You may use both.", "es": "Puede usar los dos."}


def test_the_report_is_picked_and_written_in_both_languages(letters, lang):  # noqa: F811
    page, _, errors = letters
    page.click("label[for=type-info-blocking]")
    next_step(page)
    fill_required_and_make(page, typed="They hold my lab results ñ")
    english = page.inner_text("#letter-english")
    assert "may be information blocking" in english and "They hold my lab results ñ" in english
    assert "is information blocking" not in english.lower()
    if lang == "es":
        assert "puede ser bloqueo de información" in page.inner_text("#letter-translation")
    assert BESIDE[lang] in page.inner_text("#letter-output")
    assert errors == []
