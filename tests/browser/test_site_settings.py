"""A copy branded without a build: library staff edit site-settings.js in the offline folder and every
page's footer says who publishes the copy, how to report a mistake and where the newest copy is, in
the page's language (overrides/hooks/site_settings.py, assets/javascripts/page-tools.js)."""
from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "overrides" / "hooks"))
from site_settings import FILE_NAME, project_address, settings_script  # noqa: E402

EDITED = {
    "en": {"name": "the Spokane Public Library", "contact": "mailto:reference@example.org"},
    "es": {"name": "la Biblioteca Pública de Spokane", "contact": "https://library.example.org/ayuda"},
}
PROJECT = "https://guide.example.org/"


class _Config(dict):
    """What the hook reads of mkdocs.yml: `extra` as an attribute, the rest as keys."""

    def __init__(self, extra: dict, **settings):
        super().__init__(**settings)
        self.extra = extra


def test_the_project_address_is_project_url_else_site_url_else_nothing():
    # The footer (partials/copyright.html) and site-settings.js both ask this one function.
    assert project_address(_Config({"project_url": PROJECT}, site_url="https://library.example.org/")) == PROJECT
    assert project_address(_Config({"project_url": ""}, site_url="https://library.example.org/")) == \
        "https://library.example.org/"
    assert project_address(_Config({}, site_url="")) == ""


@pytest.fixture
def folder_copy(offline_copy, tmp_path) -> Path:
    """The unzipped offline folder, copied, so a test may edit its settings file."""
    copy = tmp_path / "copy"
    shutil.copytree(offline_copy, copy)
    return copy


def footer(page) -> dict:
    return page.evaluate("""() => {
      const footer = document.querySelector('.legal-footer');
      const shown = (name) => { const part = footer.querySelector(`[data-setting="${name}"]`); return part.hidden ? null : part; };
      return { published: shown('published-by')?.textContent ?? null,
               contact: shown('contact')?.querySelector('a').getAttribute('href') ?? null,
               noContact: shown('no-contact')?.textContent ?? null,
               project: shown('project')?.querySelector('a').getAttribute('href') ?? null,
               text: footer.innerText };
    }""")


def test_the_build_writes_both_languages_publisher_into_the_settings_file(built_site):
    text = (built_site / FILE_NAME).read_text(encoding="utf-8")
    settings = json.loads(text[text.index("{"):text.rindex("}") + 1])
    assert settings["publisher"]["en"]["name"].startswith("the “Your Medical Records in Washington”")
    assert settings["publisher"]["es"]["name"].startswith("el proyecto de la guía")
    assert settings["project"] == ""  # mkdocs.yml sets neither project_url nor site_url
    for name in ("index.html", "es/costs.html", "es/404.html", "letters.html"):
        assert f"{FILE_NAME}\"></script>" in (built_site / name).read_text(encoding="utf-8"), name


@pytest.mark.parametrize("lang, page_name, published, report", [
    ("en", "costs.html", "Published by the Spokane Public Library.", "Found a mistake? Tell us"),
    ("es", "es/costs.html", "Publicado por la Biblioteca Pública de Spokane.", "¿Encontró un error? Avísenos"),
])
def test_an_edited_settings_file_names_the_library_on_every_page_from_a_folder(page, folder_copy, lang, page_name, published, report):
    (folder_copy / FILE_NAME).write_text(settings_script(EDITED, PROJECT), encoding="utf-8")
    for name in (page_name, page_name.replace("costs", "index"), page_name.replace("costs", "calculator")):
        page.goto((folder_copy / name).as_uri())
        shown = footer(page)
        assert shown["published"] == published, name
        assert shown["contact"] == EDITED[lang]["contact"] and f"{published} {report}" in shown["text"]
        assert shown["noContact"] is None
        assert shown["project"] == PROJECT and PROJECT in shown["text"]


def test_a_settings_file_cannot_put_a_script_in_a_link_or_markup_in_the_page(page, folder_copy):
    unsafe = {"en": {"name": "<img src=x onerror=alert(1)>", "contact": "javascript:alert(1)"}, "es": {}}
    (folder_copy / FILE_NAME).write_text(settings_script(unsafe, "javascript:alert(2)"), encoding="utf-8")
    page.goto((folder_copy / "costs.html").as_uri())
    shown = footer(page)
    assert shown["published"] == "Published by <img src=x onerror=alert(1)>."  # as text, not markup
    assert page.locator(".legal-footer img").count() == 0
    assert shown["contact"] is None and shown["project"] is None
    assert shown["noContact"] == "Found a mistake? Tell the library or office that gave you this guide."


def test_a_broken_settings_file_leaves_the_footer_the_build_wrote(page, folder_copy):
    (folder_copy / FILE_NAME).write_text('self.guideSettings = { "publisher": { "en": { "name": "Half', encoding="utf-8")
    page.goto((folder_copy / "costs.html").as_uri())
    shown = footer(page)
    assert shown["published"].startswith("Published by the “Your Medical Records in Washington” guide project")
    assert shown["noContact"] and shown["project"] is None


def test_the_staff_sheet_says_how_to_edit_the_settings_file_in_both_languages():
    sys.path.insert(0, str(ROOT / "overrides"))
    from offline_copy import staff_sheet_parts
    english, spanish = staff_sheet_parts()["en"]["sheet"], staff_sheet_parts()["es"]["sheet"]
    assert "open site-settings.js" in english and "Notepad" in english
    assert "abra site-settings.js" in spanish and "Bloc de notas" in spanish


def test_the_footer_prints_its_links_in_black_with_the_contact_address(moving_page, folder_copy):
    # Motion on (a reader's browser without a reduced-motion setting): the colours are read at once after
    # the switch to print, and must already be final, which is what this test checks.
    page = moving_page
    (folder_copy / FILE_NAME).write_text(settings_script(EDITED, PROJECT), encoding="utf-8")
    page.goto((folder_copy / "es" / "costs.html").as_uri())
    page.emulate_media(media="print")
    printed = page.evaluate("""() => Array.from(document.querySelectorAll('.legal-footer a'))
      .map((a) => [getComputedStyle(a).color, getComputedStyle(a, '::after').content, a.textContent,
                   getComputedStyle(a).transitionDuration])""")
    assert [color for color, _, _, _ in printed] == ["rgb(0, 0, 0)", "rgb(0, 0, 0)"]  # on white paper
    # Black at once: a colour transition left on would print the screen's grey half-way to black.
    assert [duration for _, _, _, duration in printed] == ["0s", "0s"]
    # Each link's words are its address, printed once (no "(address)" after it).
    assert printed[0][2] == EDITED["es"]["contact"] and printed[1][2] == PROJECT
    assert [after for _, after, _, _ in printed] == ["none", "none"]
