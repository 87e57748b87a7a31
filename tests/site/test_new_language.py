"""A new language is data, not code (issue 27): in a temporary copy of the project, a fake third language
("fr", its words copied from the last language's catalogs and pages) is added by a row in languages.toml,
its code in mkdocs.yml's i18n list, its catalogs, its staff-sheet part and its pages. With no change to
any .py, .js or template, the strict build, the command line and the JSON boundary all take it; a word its
catalog lacks is then named, and the answer still comes."""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from calculator.languages import languages

from .pages import copy_project

CODE = "fr"
BOUNDARY = ("import json, sys; from calculator.boundary import handle_json; "
            "print(handle_json(json.dumps({'kind': 'fee', 'lang': sys.argv[1], 'pages': 3, 'date': '2026-06-16'})))")
# Every data file loaded (what a build or an answer reads), then the words the new language lacks.
MISSING = ("from calculator.catalogs import missing_words; from calculator.law import DATA_DIR, load_data; "
           "[load_data(path.name) for path in DATA_DIR.glob('*.toml')]; print(' '.join(missing_words('fr')))")


def _add_language(copy: Path, model: str) -> None:
    """Add CODE to the copy as a twin of the language `model`: its table row, its i18n entry, its
    catalogs, its staff-sheet part and its pages, all copied from `model`'s."""
    table = copy / "calculator" / "data" / "languages.toml"
    text = table.read_text(encoding="utf-8")
    row = "[[language]]" + text.split("[[language]]")[list(languages()).index(model) + 1]
    row = (row.replace(f'code = "{model}"', f'code = "{CODE}"').replace(languages()[model].name, "Français")
           .replace(f'english = "{languages()[model].english}"', 'english = "French"')
           .replace(f'locale = "{languages()[model].locale}"', 'locale = "fr-US"')
           .replace(f'search = "{languages()[model].search}"', 'search = "fr"'))
    table.write_text(text.rstrip("\n") + "\n\n" + row.strip("\n") + "\n", encoding="utf-8")
    config = copy / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "  - offline\n", f"        - locale: {CODE}\n          name: Français\n          build: true\n  - offline\n", 1),
        encoding="utf-8")
    shutil.copytree(copy / "calculator" / "locale" / model, copy / "calculator" / "locale" / CODE)
    sheets = copy / "overrides" / "staff-sheet"
    shutil.copyfile(sheets / f"{model}.toml", sheets / f"{CODE}.toml")
    for page in (copy / "docs").rglob(f"*.{model}.md"):
        shutil.copyfile(page, page.with_name(page.name[:-len(f".{model}.md")] + f".{CODE}.md"))


@pytest.fixture(scope="module")
def project_with_a_new_language(tmp_path_factory) -> Path:
    copy = copy_project(tmp_path_factory.mktemp("new-language") / "project")
    _add_language(copy, model=list(languages())[-1])
    return copy


def _run(copy: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, *args], cwd=copy, capture_output=True, text=True, timeout=300)


def test_the_strict_build_makes_every_page_in_the_new_language_with_no_code_change(project_with_a_new_language):
    copy = project_with_a_new_language
    site = copy / "site"
    built = subprocess.run([str(Path(sys.executable).parent / "mkdocs"), "build", "--strict", "-d", str(site)],
                           cwd=copy, capture_output=True, text=True, timeout=900,
                           env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert built.returncode == 0, built.stderr[-3000:]
    english_pages = sorted(path.relative_to(site).as_posix() for path in site.glob("*.html"))
    assert english_pages and all((site / CODE / name).is_file() for name in english_pages)
    home = (site / CODE / "index.html").read_text(encoding="utf-8")
    assert re.search(rf'<html[^>]*\blang="{CODE}"', home) and '<meta name="guide-locale" content="fr-US">' in home
    assert 'hreflang="fr"' in (site / "index.html").read_text(encoding="utf-8")  # the switcher offers it
    letters = (site / CODE / "letters.html").read_text(encoding="utf-8")
    assert f'id="letter-translation" lang="{CODE}"' in letters  # a language with a copy gets its copy
    assert (site / CODE / "sitemap.xml").is_file()


def test_the_command_line_and_the_json_boundary_answer_in_the_new_language(project_with_a_new_language):
    copy = project_with_a_new_language
    model = list(languages())[-1]
    fee = _run(copy, "-m", "calculator", "fee", "--pages", "3", "--date", "2026-06-16", "--lang", CODE)
    model_fee = _run(copy, "-m", "calculator", "fee", "--pages", "3", "--date", "2026-06-16", "--lang", model)
    assert fee.returncode == 0 and fee.stdout == model_fee.stdout  # the twin's words, not English
    answer = json.loads(_run(copy, "-c", BOUNDARY, CODE).stdout)
    model_answer = json.loads(_run(copy, "-c", BOUNDARY, model).stdout)
    assert "error" not in answer and answer["inputs"].pop("lang") == CODE and model_answer["inputs"].pop("lang") == model
    assert answer == model_answer
    assert _run(copy, "-c", MISSING).stdout.split() == []


def test_a_word_the_new_catalog_lacks_is_named_and_the_answer_still_comes(project_with_a_new_language):
    copy = project_with_a_new_language
    catalog = copy / "calculator" / "locale" / CODE / "LC_MESSAGES" / "messages.po"
    text = catalog.read_text(encoding="utf-8")
    entry = re.search(r'\nmsgctxt "(fee\.[^"]+)"\nmsgid ".*"\nmsgstr ".+"\n', text)
    assert entry, "no fee sentence in the catalog"
    catalog.write_text(text.replace(entry.group(0), "\n"), encoding="utf-8")
    compiled = _run(copy, "-c", "from pathlib import Path; import sys; from overrides.catalogs import compiled; "
                    f"p = Path('{catalog}'); p.with_suffix('.mo').write_bytes(compiled(p, '{CODE}', 'messages'))")
    assert compiled.returncode == 0, compiled.stderr
    assert _run(copy, "-c", MISSING).stdout.split() == [f"messages:{entry.group(1)}"]
    answer = json.loads(_run(copy, "-c", BOUNDARY, CODE).stdout)
    assert "error" not in answer and answer["kind"] == "fee"
