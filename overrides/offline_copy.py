"""`make offline`: a zip of the built site that a library can put on a computer or an intranet server.

Writes dist/medical-records-guide-offline.zip holding site/ and a one-page README for staff in English
and Spanish. Run after `make build` (the Makefile does).

Only this copy relaxes the site's Content-Security-Policy, for file:// (blob: workers and the hash of
the search frame's script, never 'unsafe-inline'). It starts in library mode (its main home is a
library's public computer: private by default): its site-settings.js says so, and so does every page's
fallback for a settings file that is missing or broken. Two runs on the same build
write the same bytes: entries sorted, dated by the build date (SOURCE_DATE_EPOCH or the law's review
date), every file rw-r--r--.
"""
from __future__ import annotations

import json
import sys
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "hooks"))
from build_date import build_epoch  # noqa: E402
from content_security_policy import META, inline_script_hashes, policy_text  # noqa: E402
from iframe_worker import frame_script_source  # noqa: E402
from site_settings import FILE_NAME, settings_script  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SITE = ROOT / "site"
TARGET = ROOT / "dist" / "medical-records-guide-offline.zip"
FOLDER = "medical-records-guide"

STAFF_README = """\
YOUR MEDICAL RECORDS IN WASHINGTON - OFFLINE COPY
=================================================

English
-------
This folder is a complete copy of the guide, in English and Spanish, with its fee and deadline
calculator. It needs no internet connection and sends nothing anywhere: what a person types stays
in the browser.

On one computer
  1. Unzip this file to a folder, for example C:\\Guides\\medical-records-guide.
  2. Open index.html in Google Chrome, Microsoft Edge, Chromium, Firefox or Safari. Make a
     desktop shortcut to it.
  3. The Spanish guide starts at es/index.html (or use the language button on any page).
  The guide and the calculator work in all of them (we test Chromium, Firefox ESR and WebKit,
  Safari's engine). On a slow computer the calculator takes a few seconds to get ready; the page
  says so, and its tables work at once.

On an intranet or web server
  Copy the folder to the server as it is. It is static: no database, no server code, and no
  server setting: the calculator's files are ordinary .js files. A server that compresses .js
  files makes the calculator page download about a quarter less. Library mode is on in this copy
  (see "A person's case, and shared computers" below).

What works where
  - Guide pages, tables, print, calculator: everywhere.
  - Search: on any server; from a folder in Chromium-based browsers (others may not search there).

The legal facts were last reviewed on the date shown at the foot of every page. Laws change:
[NEWER-COPY-EN]

Your library's name on the pages
  Every page's footer says who publishes the copy and how a reader reports a mistake. To show
  your library or office, open site-settings.js (in this folder) in a text editor such as
  Notepad or TextEdit. Change the words between the quotes: "name" and "contact" under "en" for
  the English pages, under "es" for the Spanish ones. A contact is an e-mail address
  (reference@example.org), a phone number (509-444-5300) or a web page (https://...); the footer
  shows it as written, at most 200 characters. Save the file and reload any
  page. Keep the quotes and commas as they are: if the file is broken, the pages show what they
  said before. Without a contact, the footer asks readers to tell whoever gave them the guide.
  If you publish the guide yourself, put your own address in "project".

Listen (reading a page aloud)
  Every page has a "Listen" button when the computer has a voice of its own for the page's
  language; the words never leave the computer. If there is no button, add a voice:
  - Windows 10 and 11: Settings > Time & language > Speech > Add voices: English (United States)
    and Spanish (Mexico or United States). Then restart the browser.
  - ChromeOS: Settings > Accessibility > Text-to-Speech > Text-to-Speech voice settings: add an
    English and a Spanish voice.
  - Android: Settings > Accessibility > Text-to-speech output > the engine's settings > Install
    voice data: English and Spanish.
  - iPhone and iPad: Settings > Accessibility > Spoken Content > Voices: download an English and
    a Spanish voice.
  The "High contrast" button (every page) makes the text black on white; it lasts for this visit.

A person's case, and shared computers
  On the letters page a person can save their case (answers, log, letters) to a file they keep,
  and open it again on any copy of the guide. Nothing is kept in the browser unless the person
  switches on "Keep my case on this computer" (offered only on a web server or intranet: from a
  folder, every file on the computer could read what the browser keeps); "Clear everything"
  removes it, after asking once.
  This copy starts in library mode, for a shared computer: the switch is not shown and nothing is
  ever kept; the browser does not remember what is typed in any field; the letters page clears
  what was typed when the person leaves it or comes back to it with Back or Forward, and after the
  minutes in "library_idle_minutes" without use (10 unless changed), with a warning one minute
  before. Remind people to save their case to a file (a USB stick, or e-mail it to themselves)
  before they go.
  To switch library mode off (a one-person computer) or change the minutes:
    1. Open site-settings.js (in this folder) in a text editor such as Notepad or TextEdit.
    2. Change "library_mode": true to "library_mode": false (no quotes around true or false), or
       change the number after "library_idle_minutes" (minutes without use, at most 1440).
    3. Save the file, then close the browser and open the guide again.
  If the pages cannot read a value, they use the one this copy came with (library mode on).
  site-settings.js is a program that every page runs: only staff may change it. Keep the folder
  where patrons cannot save or change files.
  On a shared computer, also use the browser's guest profile (Chrome and Edge: "Guest"; Firefox: a
  private window), and close the browser between people: its other tabs and the history of other
  pages stay until then.
  "Leave this page" (on the letters page) clears the page and anything kept, then opens a blank
  page in the same tab (extra.leave_url in mkdocs.yml sets another).

Español
-------
Esta carpeta es una copia completa de la guía, en inglés y en español, con su calculadora de
cargos y plazos. No necesita internet y no envía nada: lo que una persona escribe se queda en el
navegador.

En una computadora
  1. Descomprima este archivo en una carpeta, por ejemplo C:\\Guias\\medical-records-guide.
  2. Abra index.html en Google Chrome, Microsoft Edge, Chromium, Firefox o Safari. Cree un
     acceso directo en el escritorio.
  3. La guía en español empieza en es/index.html (o use el botón de idioma en cualquier página).
  La guía y la calculadora funcionan en todos ellos (probamos Chromium, Firefox ESR y WebKit, el
  motor de Safari). En una computadora lenta, la calculadora tarda unos segundos en estar lista;
  la página lo dice y sus tablas funcionan de inmediato.

En una intranet o un servidor web
  Copie la carpeta al servidor tal como está. Es estática: no tiene base de datos ni código de
  servidor, y no necesita ningún ajuste del servidor: los archivos de la calculadora son archivos
  .js comunes. Un servidor que comprime los archivos .js hace que la página de la calculadora
  descargue alrededor de una cuarta parte menos. El modo de biblioteca está encendido en esta
  copia (vea "El caso de una persona, y las computadoras compartidas" más abajo).

Qué funciona dónde
  - Páginas de la guía, tablas, impresión, calculadora: en todas partes.
  - Búsqueda: en cualquier servidor; desde una carpeta en navegadores basados en Chromium (en
    otros es posible que no busque).

Los datos legales se revisaron por última vez en la fecha que muestra el pie de cada página. Las
leyes cambian:
[NEWER-COPY-ES]

El nombre de su biblioteca en las páginas
  El pie de cada página dice quién publica la copia y cómo avisar de un error. Para mostrar su
  biblioteca u oficina, abra site-settings.js (en esta carpeta) con un editor de texto como el
  Bloc de notas o TextEdit. Cambie las palabras entre comillas: "name" (nombre) y "contact"
  (contacto) bajo "en" para las páginas en inglés, bajo "es" para las páginas en español. Un
  contacto es un correo electrónico (referencia@example.org), un número de teléfono
  (509-444-5300) o una página web (https://...); el pie lo muestra tal como está escrito, con
  200 caracteres como máximo. Guarde el archivo y vuelva a cargar cualquier página. Deje las comillas y las
  comas como están: si el archivo se daña, las páginas muestran lo que decían antes. Sin
  contacto, el pie pide a los lectores que avisen a quien les dio la guía. Si usted publica la
  guía, ponga su propia dirección en "project".

Escuchar (leer una página en voz alta)
  Cada página tiene un botón "Escuchar" cuando la computadora tiene una voz propia para el idioma
  de la página; las palabras nunca salen de la computadora. Si no hay botón, agregue una voz:
  - Windows 10 y 11: Configuración > Hora e idioma > Voz > Agregar voces: inglés (Estados Unidos)
    y español (México o Estados Unidos). Luego reinicie el navegador.
  - ChromeOS: Configuración > Accesibilidad > Texto a voz > Configuración de voz: agregue una voz
    en inglés y otra en español.
  - Android: Configuración > Accesibilidad > Salida de texto a voz > la configuración del motor >
    Instalar datos de voz: inglés y español.
  - iPhone y iPad: Configuración > Accesibilidad > Contenido leído > Voces: descargue una voz en
    inglés y otra en español.
  El botón "Alto contraste" (en cada página) pone el texto negro sobre blanco; dura esta visita.

El caso de una persona, y las computadoras compartidas
  En la página de cartas, una persona puede guardar su caso (respuestas, registro, cartas) en un
  archivo que conserva, y abrirlo otra vez en cualquier copia de la guía. No se guarda nada en el
  navegador a menos que la persona encienda "Guardar mi caso en esta computadora" (solo en un
  servidor web o una intranet: desde una carpeta, cualquier archivo de la computadora podría leer
  lo que guarda el navegador); "Borrar todo" lo quita, después de preguntar una vez.
  Esta copia empieza en modo de biblioteca, para una computadora compartida: esa opción no se
  muestra y nunca se guarda nada; el navegador no recuerda lo que se escribe en ningún campo; la
  página de cartas borra lo que se escribió cuando la persona sale de ella o vuelve a ella con
  Atrás o Adelante, y después de los minutos de "library_idle_minutes" sin uso (10 si no se
  cambia), con un aviso un minuto antes. Recuerde a las personas que guarden su caso en un
  archivo (una memoria USB, o un correo electrónico a sí mismas) antes de irse.
  Para apagar el modo de biblioteca (una computadora de una sola persona) o cambiar los minutos:
    1. Abra site-settings.js (en esta carpeta) con un editor de texto como el Bloc de notas o
       TextEdit.
    2. Cambie "library_mode": true por "library_mode": false (sin comillas alrededor de true o
       false), o cambie el número después de "library_idle_minutes" (minutos sin uso, 1440 como
       máximo).
    3. Guarde el archivo, cierre el navegador y vuelva a abrir la guía.
  Si las páginas no pueden leer un valor, usan el que traía esta copia (modo de biblioteca
  encendido).
  site-settings.js es un programa que corre en cada página: solo el personal puede cambiarlo.
  Deje la carpeta donde los usuarios no puedan guardar ni cambiar archivos.
  En una computadora compartida, use también el perfil de invitado del navegador (Chrome y Edge:
  "Invitado"; Firefox: una ventana privada), y cierre el navegador entre una persona y otra: sus
  demás pestañas y el historial de otras páginas se quedan hasta entonces.
  "Salir de esta página" (en la página de cartas) borra la página y lo que se haya guardado, y
  abre una página en blanco en la misma pestaña (extra.leave_url en mkdocs.yml pone otra).
"""


# What a page opened from a folder needs and a server does not. Pyodide runs in a blob: worker made
# from memory (overrides/assets/calculator/loader.js), and Material's iframe stand-in for workers writes
# one inline script into its frame: the build makes that script the same in every folder
# (hooks/iframe_worker.py), so the policy names it by its hash, as it names the page's own inline
# scripts. No 'unsafe-inline': an injected script cannot run from a folder either.
OFFLINE_RELAXATIONS = {"script-src": [frame_script_source()], "worker-src": ["blob:"]}

# Where a newer copy is: the sheet names the address only when site-settings.js has one ("project").
NEWER_COPY = {
    "with": {"en": """get a newer copy at {project}
That address is also at the foot of every page and in the file site-settings.js ("project").
Tell the guide's authors about a mistake there too.""",
             "es": """consiga una copia más nueva en {project}
Esa dirección está también al pie de cada página y en el archivo site-settings.js ("project").
Ahí también puede avisar de un error a los autores de la guía."""},
    "without": {"en": """this copy has no address for a newer one ("project" in site-settings.js is
empty). Ask whoever gave you this copy for a newer one; the foot of every page tells readers the
same. If you know the guide's address, put it in "project": then every page shows it.""",
                "es": """esta copia no tiene una dirección para conseguir una más nueva ("project" en
site-settings.js está vacío). Pida una copia más nueva a quien le dio esta; el pie de cada página
les dice lo mismo a los lectores. Si sabe la dirección de la guía, póngala en "project": así la
muestran todas las páginas."""},
}


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


def staff_sheet(project: str) -> str:
    """The staff README, promising a newer copy at `project` only when there is one."""
    words = NEWER_COPY["with" if project else "without"]
    return (STAFF_README.replace("[NEWER-COPY-EN]", words["en"].format(project=project))
            .replace("[NEWER-COPY-ES]", words["es"].format(project=project)))


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
    files = sorted((path.relative_to(site).as_posix(), path) for path in site.rglob("*") if path.is_file())
    with zipfile.ZipFile(target, "w") as archive:
        archive.writestr(_entry(f"{FOLDER}/README-LIBRARY-STAFF.txt"), staff_sheet(settings_project(site)).encode("utf-8"))
        for name, path in files:
            data = path.read_bytes()
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
