"""The offline zip's staff sheet promises a newer copy only where the copy's site-settings.js has an address,
and the footer says where to ask when it has none (issue 31, item 7)."""
from __future__ import annotations

import json
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "overrides"))
sys.path.insert(0, str(ROOT / "overrides" / "hooks"))
sys.path.insert(0, str(ROOT))

from offline_copy import FOLDER, staff_sheet_parts, write_offline_zip  # noqa: E402
from calculator.languages import languages, source_language  # noqa: E402
from site_settings import FILE_NAME, settings_script  # noqa: E402

PUBLISHERS = {"en": {"name": "A library", "contact": ""}, "es": {"name": "Una biblioteca", "contact": ""}}
ADDRESS = "https://guide.example.org/"


def zipped(site: Path, target: Path) -> tuple[str, dict]:
    """The staff sheet and the settings, both read from the zip."""
    with zipfile.ZipFile(write_offline_zip(site, target)) as archive:
        sheet = archive.read(f"{FOLDER}/README-LIBRARY-STAFF.txt").decode("utf-8")
        text = archive.read(f"{FOLDER}/{FILE_NAME}").decode("utf-8")
    return sheet, json.loads(text[text.index("{"):text.rindex("}") + 1])


@pytest.mark.parametrize("project", ["", ADDRESS])
def test_the_staff_sheet_names_a_newer_copy_only_where_the_settings_have_one(tmp_path, project):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text('<!DOCTYPE html><meta http-equiv="Content-Security-Policy" content="default-src \'none\'"><title>x</title>',
                                      encoding="utf-8")
    (site / FILE_NAME).write_text(settings_script(PUBLISHERS, project), encoding="utf-8")
    sheet, settings = zipped(site, tmp_path / "offline.zip")
    english, spanish = sheet.split("\nEspañol\n")
    assert settings["project"] == project
    if project:
        assert f"get a newer copy at {project}" in english and f"consiga una copia más nueva en {project}" in spanish
    else:
        assert "Ask whoever gave you this copy for a newer one" in english
        assert "Pida una copia más nueva a quien le dio esta" in spanish
        assert "project's address, which is at the foot" not in english


@pytest.mark.parametrize("name, words", [
    ("letters.html", "For a newer copy of this guide, ask the library or office that gave it to you."),
    ("es/letters.html", "Para una copia más nueva de esta guía, pregunte a la biblioteca u oficina que se la dio."),
])
def test_a_footer_without_a_project_address_says_where_to_ask(built_site, name, words):
    html = (built_site / name).read_text(encoding="utf-8")
    assert f'<p data-setting="no-project">{words}</p>' in html  # mkdocs.yml has no project_url nor site_url
    assert '<p data-setting="project" hidden>' in html


def test_the_zip_starts_in_library_mode_and_the_sheet_says_how_to_switch_it_in_three_steps(tmp_path):
    """Issue 26 item 1: the zip's site-settings.js says library mode is on, and so does each page's fallback
    for a broken settings file; the staff sheet says how to switch it off, in both languages."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text('<!DOCTYPE html><meta http-equiv="Content-Security-Policy" content="default-src \'none\'">'
                                     '<title>x</title><script src="page-tools.js" data-library-mode="off" '
                                     'data-library-idle-minutes="10"></script>', encoding="utf-8")
    (site / FILE_NAME).write_text(settings_script(PUBLISHERS, ADDRESS), encoding="utf-8")
    sheet, settings = zipped(site, tmp_path / "offline.zip")
    assert settings["library_mode"] is True and settings["library_idle_minutes"] == 10
    assert settings["publisher"] == PUBLISHERS and settings["project"] == ADDRESS
    with zipfile.ZipFile(tmp_path / "offline.zip") as archive:
        assert 'data-library-mode="on"' in archive.read(f"{FOLDER}/index.html").decode("utf-8")
    english, spanish = sheet.split("\nEspañol\n")
    for text, steps, words in [
            (english, ("1. Open site-settings.js", '2. Change "library_mode": true to "library_mode": false', "3. Save the file"),
             ("guest profile", "close the browser between people", "is a program that every page runs: only staff may change it")),
            (spanish, ("1. Abra site-settings.js", '2. Cambie "library_mode": true por "library_mode": false', "3. Guarde el archivo"),
             ("perfil de invitado", "cierre el navegador entre una persona y otra", "es un programa que corre en cada página: solo el personal puede cambiarlo"))]:
        flat = " ".join(text.split())
        assert all(step in flat for step in steps) and all(word in flat for word in words), flat
        assert "mkdocs.yml and build again" not in flat and "build again" not in flat


def test_every_language_has_its_part_of_the_staff_sheet_with_the_same_places_to_fill():
    """A language in the table without its staff-sheet file would leave that language's staff nothing to read."""
    parts = staff_sheet_parts()
    assert list(parts) == list(languages())
    for code, part in parts.items():
        assert part["sheet"].count("{newer_copy}") == 1 and "{project}" in part["newer_with"], code
        assert ("title" in part) == (code == source_language()), code
