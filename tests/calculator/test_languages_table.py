"""The languages table (calculator/data/languages.toml) is whole and agrees with itself: each plural rule
list ends in the rest (a category with no rule: "other", or Russian's "many"), and the gettext Plural-Forms header picks the form its categories name."""
import gettext

import pytest

from calculator.languages import languages, letter_language, plural_category, source_language

FIELDS = ("code", "name", "english", "locale", "copy", "search", "joining_words", "readability", "plural", "plural_forms")


@pytest.mark.parametrize("code", list(languages()))
def test_every_language_fills_every_field(code):
    language = languages()[code]
    assert all(getattr(language, name) not in ("", None, ()) for name in FIELDS if name != "copy")
    assert language.locale.split("-")[0] == code and list(language.plural[-1]) == ["category"]


@pytest.mark.parametrize("code", list(languages()))
def test_the_plural_forms_header_picks_the_category_the_rules_pick(code):
    language = languages()[code]
    categories = [rule["category"] for rule in language.plural]
    nplurals, expression = (part.split("=", 1)[1].strip() for part in language.plural_forms.rstrip(";").split(";"))
    pick = gettext.c2py(expression)
    assert int(nplurals) == len(categories)
    assert [categories[pick(n)] for n in range(1000)] == [plural_category(n, code) for n in range(1000)]


def test_the_source_language_sends_its_own_letters_and_a_copy_language_sends_the_sources():
    source = source_language()
    assert not languages()[source].copy and letter_language(source) == source
    for code, language in languages().items():
        assert letter_language(code) == (source if language.copy else code)


def test_a_russian_rule_picks_one_few_and_many():
    """The rule form is rich enough for the languages coming next (issue 29): Russian's three forms."""
    rules = ({"category": "one", "mod": 10, "in": [1], "unless_mod": 100, "unless_in": [11]},
             {"category": "few", "mod": 10, "in": [2, 3, 4], "unless_mod": 100, "unless_in": [12, 13, 14]},
             {"category": "other"})
    languages.cache_clear()
    try:
        table = languages()
        table["xx"] = table["en"].__class__(**{**table["en"].__dict__, "code": "xx", "plural": rules})
        assert [plural_category(n, "xx") for n in (1, 2, 5, 11, 12, 21, 22, 25, 111)] == [
            "one", "few", "other", "other", "other", "one", "few", "other", "other"]
    finally:
        languages.cache_clear()
