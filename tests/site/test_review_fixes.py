"""What the legal and plain-language review asked for stays true: both fee figures lead, every citation is
on the sources page, no internal ids or jargon reach a reader, every page's footer says when the law was
checked and who publishes it, the 404 pages speak their language, and the Spanish fixes hold."""
from __future__ import annotations

import dataclasses
import json
import re
import statistics
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
import textstat

from calculator import facts
from calculator.law import DATA_DIR, law, messages

from .html_text import read_article
from .pages import ALL_PAGES, PAGE_NAMES, built_path
from .test_readability import NOT_PROSE, body_text

ROOT = Path(__file__).resolve().parents[2]
CITATION = re.compile(r"RCW \d+\.\d+\.\d+|WAC \d+-\d+-\d+|WSR \d+-\d+-\d+|\d+ CFR (?:Part \d+|\d+\.\d+)"
                      r"|\b\d{4} c \d+|\b(?:S?HB|SB) \d+|HHS FAQ \d+|HHS OCR|Ciox Health v\. Azar|Wynn v\. Earin")
INTERNAL_IDS = ("pfml-certification", "hipaa-access", "hipaa-amendment", "ssa-appeal", "own-copy",
                "calendar-rolled", "first-tier")
JARGON = re.compile(r"\bday 0\b|\bd[ií]a 0\b|secondary sources|fuentes secundarias", re.IGNORECASE)


class _VisibleText(HTMLParser):
    """All text a reader can see on a page (not scripts, styles or attribute values)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.hidden = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "template"):
            self.hidden += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style", "template") and self.hidden:
            self.hidden -= 1

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data)


def visible_text(path: Path) -> str:
    return html_visible_text(path.read_text(encoding="utf-8"))


# A term explained in place (overrides/hooks/glossary.py) reads as the word alone until it is opened.
GLOSSARY = re.compile(r'<span class="glossary"><button[^>]*>(.*?)</button><span class="glossary__tip".*?</span></span></span>', re.S)


def html_visible_text(html: str) -> str:
    """The text a reader sees in `html`, white space folded."""
    parser = _VisibleText()
    # <wbr> is a place to wrap inside a word or citation (hooks/line_breaks.py): no space in the text.
    parser.feed(GLOSSARY.sub(r"\1", html).replace("<wbr>", ""))
    return " ".join(" ".join(parser.parts).split())


def every_built_page(site: Path) -> list[Path]:
    return sorted(site.glob("*.html")) + sorted(site.glob("es/*.html"))


def cli_first_line(*args: str) -> str:
    result = subprocess.run([sys.executable, "-m", "calculator", *args], cwd=ROOT, capture_output=True,
                            text=True, encoding="utf-8")
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()[0]


# The fee answer leads with what applies to most people.

def test_the_fee_headline_names_the_hipaa_figure_and_the_washington_maximum():
    line = cli_first_line("fee", "--pages", "45", "--date", "2024-07-01")
    assert "$51.30" in line and "$79.30" in line and "HIPAA" in line
    assert line.index("$51.30") < line.index("$79.30")


def test_the_electronic_fee_headline_names_the_flat_fee_and_the_washington_maximum():
    for lang, no_per_page in (("en", "may not charge per page"), ("es", "no puede cobrar por página")):
        line = cli_first_line("fee", "--pages", "45", "--date", "2024-07-01", "--form", "electronic",
                              "--lang", lang)
        assert "$6.50" in line and "$79.30" in line and no_per_page in line and "$51.30" not in line


def test_the_json_answer_keeps_total_and_adds_the_hipaa_reading_as_data():
    def fee(**request):
        out = subprocess.run([sys.executable, "-m", "calculator", "fee", "--json",
                              *[f"--{key}={value}" for key, value in request.items()]],
                             cwd=ROOT, capture_output=True, text=True, encoding="utf-8").stdout
        return json.loads(out)
    paper = fee(pages=45, date="2024-07-01", form="paper")
    assert (paper["total"], paper["hipaa_own_copy_max"], paper["hipaa_flat_fee_max"]) == ("79.30", "51.30", None)
    electronic = fee(pages=45, date="2024-07-01", form="electronic")
    assert (electronic["total"], electronic["hipaa_own_copy_max"], electronic["hipaa_flat_fee_max"]) == \
        ("79.30", None, "6.50")
    free = fee(pages=45, date="2024-07-01", purpose="ssa-appeal")
    assert (free["total"], free["hipaa_own_copy_max"]) == ("0.00", "0.00")


def test_the_costs_page_leads_with_the_hipaa_figure(built_site):
    for lang in ("en", "es"):
        fast_facts = read_article(built_path(built_site, lang, "costs")).paragraphs[2:4]
        text = " ".join(fast_facts)
        assert "$51.30" in text and "$79.30" in text and text.index("$51.30") < text.index("$79.30")


# Every citation is on the sources page.

def _citations_in_data() -> set[str]:
    return {match for path in DATA_DIR.glob("*.toml")
            for match in CITATION.findall(path.read_text(encoding="utf-8"))}


def test_the_citation_finder_finds_each_kind_of_citation():
    text = ("RCW 70.02.080(1); WAC 246-08-400, WSR 20-10-025; 45 CFR 164.524(c)(4); 42 CFR Part 2; "
            "2024 c 150 § 1; HB 1239 (2018); SHB 2102; SB 5254; HHS FAQ 2030")
    assert len(set(CITATION.findall(text))) == 10


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_sources_page_lists_every_citation_in_the_data_and_on_every_page(built_site, lang):
    sources = visible_text(built_path(built_site, lang, "sources"))
    cited = _citations_in_data()
    for name in PAGE_NAMES:
        cited |= set(CITATION.findall(visible_text(built_path(built_site, lang, name))))
    assert len(cited) > 25
    assert sorted(citation for citation in cited if citation not in sources) == []


# No internal ids or jargon in anything a reader sees.

def test_no_page_shows_an_internal_rule_id_or_jargon(built_site):
    found = []
    for page in every_built_page(built_site):
        text = visible_text(page)
        found += [f"{page.name}: {word}" for word in INTERNAL_IDS if word in text]
        found += [f"{page.name}: {match}" for match in JARGON.findall(text)]
    assert found == []


def test_no_calculator_sentence_uses_jargon_or_an_internal_id():
    found = []
    for section, entries in messages().items():
        # "error" and "cli" echo what was typed or list the command line's choices; "plural" holds the
        # counting rules, not words.
        if section in ("error", "cli", "plural"):
            continue
        for name, texts in entries.items():
            for text in texts.values() if isinstance(texts, dict) else []:
                if isinstance(text, dict):  # a counted sentence: its forms ("one", "other")
                    text = " ".join(text.values())
                text = " ".join(text) if isinstance(text, list) else str(text)
                if JARGON.search(text) or any(word in text for word in INTERNAL_IDS):
                    found.append(f"{section}.{name}")
    assert found == []


# Every page says when it was checked, that it is not legal advice, and who publishes it.

@pytest.mark.parametrize("lang, reviewed, not_advice, published", [
    ("en", "Legal facts last reviewed: December 6, 2026.", "General information, not legal advice.", "Published by"),
    ("es", "Datos legales revisados por última vez: 6 de diciembre de 2026.",
     "Información general, no es asesoría legal.", "Publicado por"),
])
def test_every_page_footer_has_the_review_date_and_the_publisher(built_site, lang, reviewed, not_advice, published):
    assert law().reviewed.isoformat() == "2026-12-06"  # the expected text above is for this review date
    pages = [p for p in every_built_page(built_site) if (p.parent.name == "es") == (lang == "es")]
    assert len(pages) >= len(PAGE_NAMES) + 1  # every guide page and the 404 page
    for page in pages:
        footer = page.read_text(encoding="utf-8").split('class="md-copyright legal-footer"', 1)
        assert len(footer) == 2, f"no footer on {page}"
        text = " ".join(re.sub(r"<[^>]+>", " ", footer[1].split("</footer>")[0]).split())
        assert reviewed in text and not_advice in text and published in text, page


def test_the_publisher_and_contact_are_settings_a_host_can_change():
    words = facts.site_words("en", {"name": "Spokane Public Library", "contact": "mailto:help@example.org"})
    assert words["published-by"] == "Published by Spokane Public Library." and words["contact"].startswith("mailto:")
    assert facts.site_words("es", {"name": "X"})["contact"] == ""


# 404 pages, each fully in its language.

@pytest.mark.parametrize("path, lang, title, home", [
    ("404.html", "en", "We could not find this page", "/index.html"),
    ("es/404.html", "es", "No encontramos esta página", "/es/index.html"),
])
def test_each_language_has_its_own_404_page(built_site, path, lang, title, home):
    html = (built_site / path).read_text(encoding="utf-8")
    assert re.search(rf'<html[^>]*\blang="{lang}"', html)
    assert f"<h1>{title}</h1>" in html and f'href="{home}"' in html
    other = "No encontramos" if lang == "en" else "We could not find"
    assert other not in html
    switcher = re.findall(r'<a href="([^"]+)" hreflang="(en|es)"', html)
    other_home = "/es/index.html" if lang == "en" else "/index.html"
    assert switcher and all(link == other_home for link, _ in switcher)


# Dates move with the review date.

def test_examples_and_holiday_tables_follow_the_review_year(monkeypatch):
    moved = dataclasses.replace(law(), reviewed=law().reviewed.replace(year=2031))
    monkeypatch.setattr(facts, "law", lambda: moved)
    blocks = facts._blocks("en")
    assert "Day off in 2031" in blocks["holidays.table"] and "Day off in 2032" in blocks["holidays.table"]
    example_rows = blocks["deadline.examples_table"].splitlines()[2:]
    assert example_rows and all(", 2031 |" in row.split("|")[1] + "|" for row in example_rows)
    assert blocks["fee.example.date"].endswith("2031")


def test_observed_holidays_are_marked_in_the_tables():
    # 2027: Independence Day is a Sunday (observed Monday July 5), New Year's Day 2028 a Saturday
    # (observed Friday December 31, 2027).
    rule = {rule.id: rule for rule in law().holidays}
    assert facts._holiday_cell(rule["independence-day"], 2027, "en") == "Monday, July 5, 2027 (observed)"
    assert facts._holiday_cell(rule["new-years-day"], 2027, "en") == \
        "Friday, January 1, 2027; Friday, December 31, 2027 (observed, for the 2028 holiday)"
    assert facts._holiday_cell(rule["labor-day"], 2027, "es") == "lunes 6 de septiembre de 2027"


# Spanish wording from the review.

SPANISH_NOT_WANTED = [r"Nombre la ley", r"servicio de referencia", r"¿Pudieron", r"Jr\.\.", r"\bla forma que",
                      r"extensi[oó]n", r"\bcorreo\b(?! (?:electr[oó]nico|postal|certificado))"]


def test_spanish_pages_and_messages_avoid_the_wording_the_review_found(built_site):
    texts = {f"es/{page.name}": visible_text(page) for page in sorted(built_site.glob("es/*.html"))}
    texts["messages.toml"] = " ".join(str(texts_["es"]) for section in messages().values()
                                      for texts_ in section.values() if isinstance(texts_, dict) and "es" in texts_)
    found = [f"{where}: {match.group(0)}" for where, text in texts.items() for pattern in SPANISH_NOT_WANTED
             for match in re.finditer(pattern, text)]
    assert found == []
    assert sum(text.count("historia clínica") for where, text in texts.items() if where != "messages.toml") >= 1


def test_spanish_pages_say_when_a_link_goes_to_an_english_only_site(built_site):
    for name in PAGE_NAMES:
        html = built_path(built_site, "es", name).read_text(encoding="utf-8")
        outside = [link for link in re.findall(r'href="(https?://[^"]+)"', html)
                   if "washingtonlawhelp.org" not in link]  # that site has Spanish pages
        if outside:
            assert "inglés" in visible_text(built_path(built_site, "es", name)), name


# Readability across the guide: median English grade ≤ 6, no page above 8.

def test_english_readability_median_is_at_most_grade_6(built_site):
    textstat.set_lang("en")
    grades = [textstat.flesch_kincaid_grade(body_text(read_article(built_path(built_site, "en", name)).paragraphs))
              for lang, name in ALL_PAGES if lang == "en" and name not in NOT_PROSE]
    assert statistics.median(grades) <= 6 and max(grades) <= 8
