"""`make verify`: rebuild the offline zip from a clean checkout and compare it with a published one.

    python overrides/verify_build.py [PUBLISHED.zip]

Clones this repository's last commit (HEAD) into a scratch folder twice, builds each clone with
`mkdocs build --strict` and writes its offline zip as `make offline` does. Nothing cached is reused: each
clone gets its own node_modules/ of links to this checkout's packages (the ones package-lock.json pins)
without node_modules/.cache, so the Pyodide snapshot and the xz-packed files are made again. The two zips
must be identical; with PUBLISHED.zip given, they must also be identical to it. Prints each sha256 and
exits 1 on any difference, naming the entries that differ. Takes a few minutes (two full builds).

The build is dated by SOURCE_DATE_EPOCH when it is set, else by the law's review date: verify a zip
built with SOURCE_DATE_EPOCH under the same value.
"""
from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NODE_MODULES = ROOT / "node_modules"
CACHE_NAME = ".cache"  # what no clean checkout has: the snapshot and xz caches
ZIP_PATH = Path("dist") / "medical-records-guide-offline.zip"


def sha256(path: Path) -> str:
    """The hex sha256 of the file at `path`."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def clean_clone(target: Path) -> Path:
    """A `git clone` of HEAD at `target`, with .venv linked and node_modules/ holding links to every
    installed package but none to node_modules/.cache."""
    subprocess.run(["git", "clone", "--quiet", "--no-hardlinks", str(ROOT), str(target)], check=True)
    (target / ".venv").symlink_to(ROOT / ".venv")
    packages = target / "node_modules"
    packages.mkdir()
    for entry in NODE_MODULES.iterdir():
        if entry.name != CACHE_NAME:
            (packages / entry.name).symlink_to(entry.resolve())
    return target


def build_offline_zip(clone: Path) -> Path:
    """Build the site in `clone` and write its offline zip there; the zip's path."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    python = str(clone / ".venv" / "bin" / "python")
    for command in ([python, "-m", "mkdocs", "build", "--strict", "--quiet"], [python, "overrides/offline_copy.py"]):
        result = subprocess.run(command, cwd=clone, env=env, capture_output=True, text=True)
        if result.returncode != 0:
            raise SystemExit(f"{' '.join(command[1:])} failed in {clone}:\n{result.stdout}\n{result.stderr}")
    return clone / ZIP_PATH


def differing_entries(first: Path, second: Path) -> list[str]:
    """Names of the entries whose bytes, date or mode differ between two zips (or that only one has)."""
    def entries(path: Path) -> dict[str, tuple]:
        with zipfile.ZipFile(path) as archive:
            return {info.filename: (info.CRC, info.file_size, info.date_time, info.external_attr)
                    for info in archive.infolist()}
    one, other = entries(first), entries(second)
    return sorted(name for name in one.keys() | other.keys() if one.get(name) != other.get(name))


def verify(published: Path | None, scratch: Path) -> list[str]:
    """Build two clean clones in `scratch`; the problems found (empty when every zip is the same)."""
    zips = [build_offline_zip(clean_clone(scratch / name)) for name in ("cloneA", "cloneB")]
    if published is not None:
        zips.append(published)
    for path in zips:
        print(f"{sha256(path)}  {path}")
    return [f"{zips[0]} and {other} differ in: {', '.join(differing_entries(zips[0], other)[:20]) or 'zip layout'}"
            for other in zips[1:] if sha256(other) != sha256(zips[0])]


def main() -> None:
    published = Path(sys.argv[1]).resolve() if len(sys.argv) > 1 else None
    if published is not None and not published.is_file():
        raise SystemExit(f"{published} is not a file")
    with tempfile.TemporaryDirectory(prefix="verify-build-") as scratch:
        problems = verify(published, Path(scratch))
    if problems:
        raise SystemExit("\n".join(problems))
    print("the same zip, byte for byte" + (", as the published one" if published else ""))


if __name__ == "__main__":
    main()
