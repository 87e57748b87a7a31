"""`make offline`: a zip of the built site that a library can put on a computer or an intranet server.

Writes dist/medical-records-guide-offline.zip holding site/ and a one-page README for staff in every
language that has its part in overrides/staff-sheet/. Run after `make build` (the Makefile does).

Its Pyodide files are the site's, but those the site packs with xz for slow links are packed with gzip
(folder_pyodide_files). Only this copy relaxes the site's Content-Security-Policy, for file:// (blob:
workers and the hash of the search frame's script, never 'unsafe-inline'). It starts in library mode
(its main home is a library's public computer: private by default): its site-settings.js says so, and
so does every page's fallback for a settings file that is missing or broken. Two runs on the same
build write the same bytes: entries sorted, dated by the build date (SOURCE_DATE_EPOCH or the law's
review date), every file rw-r--r--.
"""
from __future__ import annotations

import json
import sys
import time
import tomllib
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "hooks"))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the project root, for `calculator`
from calculator.languages import languages, source_language  # noqa: E402
from build_date import build_epoch  # noqa: E402
from content_security_policy import META, inline_script_hashes, policy_text  # noqa: E402
from iframe_worker import frame_script_source  # noqa: E402
from site_settings import FILE_NAME, settings_script  # noqa: E402
from vendor_assets import PYODIDE_SITE_DIR, data_bytes, data_script, hashed_name, manifest_script, read_manifest  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SITE = ROOT / "site"
TARGET = ROOT / "dist" / "medical-records-guide-offline.zip"
FOLDER = "medical-records-guide"
# The staff sheet's words, one file per language (README-LIBRARY-STAFF.txt in the zip).
STAFF_SHEET_DIR = Path(__file__).resolve().parent / "staff-sheet"



# What a page opened from a folder needs and a server does not. Pyodide runs in a blob: worker made
# from memory (overrides/assets/calculator/loader.js), and Material's iframe stand-in for workers writes
# one inline script into its frame: the build makes that script the same in every folder
# (hooks/iframe_worker.py), so the policy names it by its hash, as it names the page's own inline
# scripts. No 'unsafe-inline': an injected script cannot run from a folder either.
OFFLINE_RELAXATIONS = {"script-src": [frame_script_source()], "worker-src": ["blob:"]}


def built_settings(site: Path) -> dict:
    """The settings the build wrote into the site's site-settings.js."""
    text = (site / FILE_NAME).read_text(encoding="utf-8")
    return json.loads(text[text.index("{"):text.rindex("}") + 1])


def settings_project(site: Path) -> str:
    """The "project" address in the built site's site-settings.js ("" when it has none)."""
    return built_settings(site).get("project") or ""


def library_settings(site: Path) -> str:
    """The zip's site-settings.js: the build's, with library mode on (the idle minutes as built)."""
    settings = built_settings(site)
    minutes = settings.get("library_idle_minutes")
    return settings_script(settings.get("publisher") or {}, settings.get("project") or "", library=True,
                           **({"minutes": minutes} if isinstance(minutes, (int, float)) else {}))


# Every page's fallback for a missing or broken site-settings.js (main.html): library mode on here too.
BUILT_LIBRARY_MODE = 'data-library-mode="off"'


def staff_sheet_parts() -> dict[str, dict]:
    """Each language's part of the staff sheet (staff-sheet/<code>.toml), in the languages table's order;
    a language without a file has no part yet."""
    files = {code: STAFF_SHEET_DIR / f"{code}.toml" for code in languages()}
    return {code: tomllib.loads(path.read_text(encoding="utf-8")) for code, path in files.items() if path.is_file()}


def staff_sheet(project: str) -> str:
    """The staff README: the source language's title, then each language's part, each promising a newer
    copy at `project` only when there is one."""
    parts = staff_sheet_parts()
    title = parts[source_language()]["title"]
    sections = (part["sheet"].replace("{newer_copy}", (part["newer_with"] if project else part["newer_without"])
                                       .format(project=project)) for part in parts.values())
    return f"{title}\n{'=' * len(title)}\n\n" + "\n".join(sections)


def offline_page(html: str) -> str:
    """A built page with its policy swapped for the offline one: the site's, with the hashes of the
    page's own inline scripts, plus OFFLINE_RELAXATIONS."""
    relaxations = {**OFFLINE_RELAXATIONS,
                   "script-src": [*inline_script_hashes(html), *OFFLINE_RELAXATIONS["script-src"]]}
    offline_meta = f'<meta http-equiv="Content-Security-Policy" content="{policy_text(relaxations)}">'
    relaxed, count = META.subn(lambda _: offline_meta, html, count=1)
    if count != 1:
        raise SystemExit("a built page has no Content-Security-Policy: rebuild the site")
    return relaxed.replace(BUILT_LIBRARY_MODE, 'data-library-mode="on"', 1)


# A site file's script → its gzip script and prefix, kept for the process (for its latest builds).
_repacked: dict[str, tuple[str, int]] = {}


def folder_pyodide_files(site: Path) -> dict[str, bytes | None]:
    """The copy's Pyodide files that differ from the site's, by their path in the site: each file the
    site packs with xz (for a slow link) packed with gzip instead, and the manifest that names them;
    None for a site file the copy leaves out. From a folder no byte travels, and the browser unpacks
    gzip itself, sooner than the worker's xz decoder (a library's older computer most of all)."""
    changed: dict[str, bytes | None] = {}
    if not (site / PYODIDE_SITE_DIR / "manifest.js").is_file():
        return changed  # a site without the calculator (the staff sheet's tests build one)
    manifest = read_manifest(site)
    for name, entry in manifest["files"].items():
        if entry.get("packing") != "xz":
            continue
        script = (site / PYODIDE_SITE_DIR / entry["url"]).read_text(encoding="ascii")
        if script not in _repacked:  # the same build zipped again (tests do) is repacked once
            data = data_bytes(script, entry)
            if len(_repacked) >= 6:  # two builds' files at most
                _repacked.clear()
            _repacked[script] = data_script(name, data, packed_with="gzip")
        gzipped, prefix = _repacked[script]
        url = hashed_name(name, gzipped)
        changed[f"{PYODIDE_SITE_DIR}/{entry['url']}"] = None
        changed[f"{PYODIDE_SITE_DIR}/{url}"] = gzipped.encode("ascii")
        # "wire" (bytes a server would send) means nothing in a folder; kept as the packed size.
        manifest["files"][name] = {**entry, "url": url, "chars": len(gzipped), "prefix": prefix, "packing": "gzip",
                                   "wire": (len(gzipped) - prefix) * 3 // 4}
    changed[f"{PYODIDE_SITE_DIR}/manifest.js"] = manifest_script(manifest).encode("ascii")
    return changed


def _entry(name: str) -> zipfile.ZipInfo:
    """A zip entry that depends on nothing but its name: build date, Unix, a regular rw-r--r-- file."""
    date_time = time.gmtime(max(build_epoch(), 315532800))[:6]  # a zip cannot hold a date before 1980
    entry = zipfile.ZipInfo(name, date_time=date_time)
    entry.create_system = 3
    entry.external_attr = 0o100644 << 16
    entry.compress_type = zipfile.ZIP_DEFLATED
    return entry


def write_offline_zip(site: Path, target: Path) -> Path:
    """Zip the built `site` into `target`, under one folder, with the staff README beside index.html."""
    if not (site / "index.html").exists():
        raise SystemExit(f"{site} is not built: run `make build` first")
    target.parent.mkdir(parents=True, exist_ok=True)
    files = {path.relative_to(site).as_posix(): path for path in site.rglob("*") if path.is_file()}
    pyodide_files = folder_pyodide_files(site)
    with zipfile.ZipFile(target, "w") as archive:
        archive.writestr(_entry(f"{FOLDER}/README-LIBRARY-STAFF.txt"), staff_sheet(settings_project(site)).encode("utf-8"))
        for name in sorted(files.keys() | pyodide_files.keys()):
            if name in pyodide_files:
                if pyodide_files[name] is not None:
                    archive.writestr(_entry(f"{FOLDER}/{name}"), pyodide_files[name])
                continue
            data = files[name].read_bytes()
            if name.endswith(".html"):
                data = offline_page(data.decode("utf-8")).encode("utf-8")
            elif name == FILE_NAME:
                data = library_settings(site).encode("utf-8")
            archive.writestr(_entry(f"{FOLDER}/{name}"), data)
    return target


def main() -> None:
    target = write_offline_zip(SITE, TARGET)
    print(f"wrote {target.relative_to(ROOT)} ({target.stat().st_size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
