"""Build hook: site-settings.js, the one small file a host edits to put its name on a copy, no build needed.

It sits at the top of the site folder (and of the offline zip's folder). Every page loads it, and
page-tools.js writes what it says into the page's footer: who publishes this copy and how a reader
reports a mistake to them (in each language of the guide), and the project's own address, for a newer copy
and for telling the guide's authors about a mistake. The build writes it from mkdocs.yml
(`extra.publisher`, each other language's under the i18n plugin's language, and `extra.project_url`,
or `site_url` when that is empty), and the footer in each page's HTML already says the same, so a page
without scripts says what the build said.

It also says whether this copy runs in library mode (`library_mode`: a shared computer, where nothing
is kept and the letters page clears itself) and after how many minutes without use
(`library_idle_minutes`), from `extra.library_mode` and `extra.library_idle_minutes`; page-tools.js
reads both on every page at run time, so staff switch library mode without a build. The offline zip
writes its own copy with library mode on (overrides/offline_copy.py).

It is a script, not JSON, because pages opened from a folder (file://) may load a script but not fetch
a file. The staff sheet in the zip (overrides/offline_copy.py) says how to edit it. Being a script, it
runs on every page: only staff may change it.
"""
from __future__ import annotations

import json
from pathlib import Path

FILE_NAME = "site-settings.js"
HEADER = """\
// Who publishes this copy of the guide. Library and legal aid staff: change the words between the
// quotes, save this file, and reload any page of the guide. "contact" is an e-mail address
// (name@example.org), a phone number (509-444-5300) or a web page (https://...); leave it "" and the pages ask readers to tell
// whoever gave them the guide. "project" is where to get a newer copy of the guide.
// "library_mode": true on a shared computer (nothing is kept; the letters page clears itself when a
// person leaves it and after "library_idle_minutes" without use), false on a one-person computer.
// Quién publica esta copia de la guía. Personal de bibliotecas y de ayuda legal: cambie las palabras
// entre comillas, guarde este archivo y vuelva a cargar cualquier página. "es" es el texto en español.
// "library_mode": true en una computadora compartida, false en una computadora de una sola persona.
// Ai xuất bản bản sao hướng dẫn này. Nhân viên thư viện và trợ giúp pháp lý: hãy đổi chữ giữa các dấu
// ngoặc kép, lưu tệp này và tải lại bất kỳ trang nào. "vi" là chữ bằng tiếng Việt.
// "library_mode": true trên máy tính dùng chung, false trên máy tính của một người.
// Кто публикует эту копию руководства. Сотрудники библиотек и юридической помощи: измените слова в
// кавычках, сохраните этот файл и перезагрузите любую страницу. "ru" — текст на русском языке.
// "library_mode": true на общем компьютере, false на компьютере одного человека.
"""
DEFAULT_IDLE_MINUTES = 10  # page-tools.js uses the same when a value is not a number of minutes
MAX_IDLE_MINUTES = 1440    # a day: browsers run a longer timer at once (page-tools.js refuses more too)
_publishers: dict[str, dict] = {}  # language → its publisher, gathered over the i18n plugin's builds


def settings_script(publishers: dict[str, dict], project: str, library: bool = False,
                    minutes: float = DEFAULT_IDLE_MINUTES) -> str:
    """The text of site-settings.js: `publishers` maps each language's code to {"name", "contact"}; `library`
    is library mode, `minutes` its minutes without use before the letters page clears itself."""
    settings = {"publisher": {lang: {"name": (found or {}).get("name") or "", "contact": (found or {}).get("contact") or ""}
                              for lang, found in sorted(publishers.items())},
                "project": project,
                "library_mode": bool(library),
                "library_idle_minutes": int(minutes) if float(minutes).is_integer() else minutes}
    return HEADER + f"self.guideSettings = {json.dumps(settings, ensure_ascii=False, indent=2)};\n"


def project_address(config) -> str:
    """Where a newer copy is: mkdocs.yml `extra.project_url`, else `site_url`, else ""."""
    return config.extra.get("project_url") or config.get("site_url") or ""


def library_mode(config) -> bool:
    """mkdocs.yml `extra.library_mode`: the build's default, also written into every page (main.html)."""
    return bool((config.get("extra") or {}).get("library_mode", False))


def idle_minutes(config) -> float:
    """mkdocs.yml `extra.library_idle_minutes` as a number of minutes (10 when missing or not a number > 0)."""
    value = (config.get("extra") or {}).get("library_idle_minutes", DEFAULT_IDLE_MINUTES)
    try:
        minutes = float(value)
    except (TypeError, ValueError):
        return DEFAULT_IDLE_MINUTES
    return minutes if 0 < minutes <= MAX_IDLE_MINUTES else DEFAULT_IDLE_MINUTES


def on_env(env, config, files):
    # The footer (partials/copyright.html) asks the same function, so the page and the file agree.
    env.globals["project_address"] = project_address
    env.globals["library_mode"] = library_mode
    env.globals["idle_minutes"] = idle_minutes
    return env


def on_post_build(config):
    _publishers[config.theme["language"]] = dict(config.extra.get("publisher") or {})
    (Path(config["site_dir"]) / FILE_NAME).write_text(settings_script(_publishers, project_address(config),
                                                                          library_mode(config), idle_minutes(config)), encoding="utf-8")
