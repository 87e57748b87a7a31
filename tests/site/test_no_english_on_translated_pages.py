"""A reader of a translation is never handed English instructions: no English sentence on a translated page
(outside a block marked lang="en") or in a translated string of the calculator's data, in every language
the guide is translated into."""
import re

import pytest

from calculator.languages import languages, source_language

from .html_text import read_article
from .pages import PAGE_NAMES, built_path
from .test_spelling import COMMAND  # the command line's own words: the computer's, not a language's
from .test_translation_parity import PLACEHOLDER, data_pairs

TRANSLATED = [code for code in languages() if code != source_language()]
ENGLISH_WORDS = {"the", "and", "you", "your", "to", "of", "is", "are", "for", "with", "this", "that", "if",
                 "or", "not", "can", "may", "must", "will", "have", "what", "how", "when", "it", "in", "on",
                 "be", "by", "from", "page", "being", "written", "ask", "records", "provider", "copy"}
# The commonest short words of each translation. Russian needs no list: a word in Cyrillic letters is Russian.
NATIVE_WORDS = {
    "es": {"el", "la", "de", "que", "y", "en", "los", "las", "su", "usted", "por", "para", "con", "no",
           "una", "un", "es", "se", "del", "al", "lo", "le", "si", "o", "más", "puede", "debe", "sus"},
    "vi": {"và", "của", "là", "có", "không", "các", "quý", "vị", "được", "cho", "một", "này", "để", "trong",
           "với", "y", "tế", "hồ", "sơ", "nhà", "cung", "cấp", "phải", "nếu", "khi", "những", "bản", "sao",
           "thư", "ngày", "về", "từ", "hoặc", "đã", "sẽ", "thể", "người", "bạn", "tôi"},
}
CYRILLIC = re.compile(r"[а-яё]")
# Words that are English and also words of the language: Vietnamese "in" (print), "to" (big), "may"
# (sew; lucky), "can" (need), "be" (small), "on" (fine).
NOT_ENGLISH_IN = {"vi": {"in", "to", "may", "can", "be", "on"}}
# Names of offices and tools kept in English on purpose (a reader meets them so on forms and websites);
# the translation gives their meaning beside them.
KEPT_NAMES = re.compile(r"Office for Civil Rights|Office of the National Coordinator for Health IT|"
                        r"Assistant Secretary for Technology Policy|Report Information Blocking Portal")
MATERIAL_SEARCH = {"es": ("Búsqueda", "Buscar"), "vi": ("Tìm kiếm",), "ru": ("Поиск",)}


# A sentence ends at ".", "!", "?", ":" or ";" before a space. Shorter than this, a run of words is a name or a
# quoted term ("retrieval fee"), not a sentence.
SENTENCE_END = re.compile(r"(?<=[.!?:;])\s+")
SENTENCE_WORDS = 5


def english_sentences(text: str, lang: str) -> list[str]:
    """The sentences of `text` (placeholders taken out) that are more English than `lang`."""
    sentences = SENTENCE_END.split(PLACEHOLDER.sub(" ", text))
    return [sentence for sentence in sentences if len(sentence.split()) >= SENTENCE_WORDS
            and english_share(sentence, lang) > 0.5]


def english_share(text: str, lang: str) -> float:
    """The share of English among the words of `text` that are known English or `lang` words."""
    words = re.findall(r"[^\W\d_]+", COMMAND.sub(" ", KEPT_NAMES.sub(" ", text)).lower())
    english = sum(word in ENGLISH_WORDS - NOT_ENGLISH_IN.get(lang, set()) for word in words)
    native = sum(bool(CYRILLIC.search(word)) if lang == "ru" else word in NATIVE_WORDS[lang] for word in words)
    return english / (english + native) if english + native else 0.0


def test_the_detector_tells_english_from_each_language():
    assert english_share("Ask the provider in writing for a copy of your records.", "es") > 0.8
    assert english_share("Pida al proveedor por escrito una copia de su expediente.", "es") < 0.2
    assert english_share("Ask the provider in writing for a copy of your records.", "vi") > 0.8
    assert english_share("Quý vị hãy yêu cầu nhà cung cấp gửi bản sao hồ sơ y tế bằng văn bản.", "vi") < 0.2
    assert english_share("Ask the provider in writing for a copy of your records.", "ru") > 0.8
    assert english_share("Попросите поставщика в письменной форме прислать копию записей.", "ru") < 0.2


def test_the_sentence_finder_finds_one_english_sentence_among_others():
    assert english_sentences("Pida su expediente por escrito. Ask the provider for a copy of your records. "
                             "Guarde una copia. Vea el “retrieval fee”.", "es") == [
        "Ask the provider for a copy of your records."]
    assert english_sentences("Сохраните копию письма. Ask the provider for a copy of your records. "
                             "Смотрите «retrieval fee».", "ru") == ["Ask the provider for a copy of your records."]


@pytest.mark.parametrize("lang", TRANSLATED)
@pytest.mark.parametrize("name", PAGE_NAMES)
def test_no_paragraph_of_a_translated_page_is_english(built_site, name, lang):
    paragraphs = read_article(built_path(built_site, lang, name)).paragraphs
    english = [text for text in paragraphs if len(text.split()) >= 4 and english_share(text, lang) > 0.5]
    assert english == []


@pytest.mark.parametrize("lang", TRANSLATED)
@pytest.mark.parametrize("name", PAGE_NAMES)
def test_no_sentence_of_a_translated_page_is_english(built_site, name, lang):
    paragraphs = read_article(built_path(built_site, lang, name)).paragraphs
    assert [sentence for text in paragraphs for sentence in english_sentences(text, lang)] == []


@pytest.mark.parametrize("lang", TRANSLATED)
def test_no_sentence_of_a_translated_string_in_the_data_is_english(lang):
    english = [f"{where}: {sentence}" for where, texts in data_pairs()
               for sentence in english_sentences(texts[lang], lang)]
    assert not english, "\n".join(english)


@pytest.mark.parametrize("lang", TRANSLATED)
@pytest.mark.parametrize("name", PAGE_NAMES)
def test_materials_own_words_are_in_the_pages_language(built_site, name, lang):
    html = built_path(built_site, lang, name).read_text(encoding="utf-8")
    assert any(f'placeholder="{word}"' in html for word in MATERIAL_SEARCH[lang])
    assert 'placeholder="Search"' not in html
