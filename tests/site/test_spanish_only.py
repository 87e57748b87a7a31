"""A Spanish reader is never handed English instructions: no English sentence on a translated page (outside
a block marked lang="en") or in a translated string of the calculator's data."""
import re

import pytest

from .html_text import read_article
from .pages import PAGE_NAMES, built_path
from .test_translation_parity import PLACEHOLDER, data_pairs

ENGLISH_WORDS = {"the", "and", "you", "your", "to", "of", "is", "are", "for", "with", "this", "that", "if",
                 "or", "not", "can", "may", "must", "will", "have", "what", "how", "when", "it", "in", "on",
                 "be", "by", "from", "page", "being", "written", "ask", "records", "provider", "copy"}
SPANISH_WORDS = {"el", "la", "de", "que", "y", "en", "los", "las", "su", "usted", "por", "para", "con", "no",
                 "una", "un", "es", "se", "del", "al", "lo", "le", "si", "o", "más", "puede", "debe", "sus"}


# A sentence ends at ".", "!", "?", ":" or ";" before a space. Shorter than this, a run of words is a name or a
# quoted term ("retrieval fee"), not a sentence.
SENTENCE_END = re.compile(r"(?<=[.!?:;])\s+")
SENTENCE_WORDS = 5


def english_sentences(text: str) -> list[str]:
    """The sentences of `text` (placeholders taken out) that are more English than Spanish."""
    sentences = SENTENCE_END.split(PLACEHOLDER.sub(" ", text))
    return [sentence for sentence in sentences if len(sentence.split()) >= SENTENCE_WORDS
            and english_share(sentence) > 0.5]


def english_share(text: str) -> float:
    words = re.findall(r"[a-záéíóúñü]+", text.lower())
    english = sum(word in ENGLISH_WORDS for word in words)
    spanish = sum(word in SPANISH_WORDS for word in words)
    return english / (english + spanish) if english + spanish else 0.0


def test_the_detector_tells_english_from_spanish():
    assert english_share("Ask the provider in writing for a copy of your records.") > 0.8
    assert english_share("Pida al proveedor por escrito una copia de su expediente.") < 0.2


def test_the_sentence_finder_finds_one_english_sentence_among_spanish_ones():
    assert english_sentences("Pida su expediente por escrito. Ask the provider for a copy of your records. "
                             "Guarde una copia. Vea el “retrieval fee”.") == ["Ask the provider for a copy of your records."]


@pytest.mark.parametrize("name", PAGE_NAMES)
def test_no_paragraph_of_a_spanish_page_is_english(built_site, name):
    paragraphs = read_article(built_path(built_site, "es", name)).paragraphs
    english = [text for text in paragraphs if len(text.split()) >= 4 and english_share(text) > 0.5]
    assert english == []


@pytest.mark.parametrize("name", PAGE_NAMES)
def test_no_sentence_of_a_spanish_page_is_english(built_site, name):
    paragraphs = read_article(built_path(built_site, "es", name)).paragraphs
    assert [sentence for text in paragraphs for sentence in english_sentences(text)] == []


def test_no_sentence_of_a_spanish_string_in_the_data_is_english():
    english = [f"{where}: {sentence}" for where, texts in data_pairs() for sentence in english_sentences(texts["es"])]
    assert not english, "\n".join(english)


@pytest.mark.parametrize("name", PAGE_NAMES)
def test_materials_own_words_are_spanish_on_spanish_pages(built_site, name):
    html = built_path(built_site, "es", name).read_text(encoding="utf-8")
    assert 'placeholder="Búsqueda"' in html or 'placeholder="Buscar"' in html
    assert 'placeholder="Search"' not in html
