"""Two builds of the same inputs give the same site, and `make offline` the same zip, byte for byte.
The build is dated by the law's review date (calculator/data/coverage.toml) or SOURCE_DATE_EPOCH,
never by the clock, and no file's time or mode on disk reaches the zip."""
import gzip
import stat
import sys
import time
import tomllib
import zipfile
from datetime import datetime, timezone
from pathlib import Path

import pytest

from ..conftest import build_site

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "overrides"))
from offline_copy import FOLDER, write_offline_zip  # noqa: E402

REVIEWED = tomllib.loads((ROOT / "calculator" / "data" / "coverage.toml").read_text(encoding="utf-8"))["reviewed"]


@pytest.fixture(scope="module")
def two_builds(built_site, tmp_path_factory):
    """The same inputs built twice, at different times and under different umasks: the tests' own build
    (tests/conftest.py, made at the start of the run, under the run's umask) and one under umask 077."""
    time.sleep(max(0.0, built_site.stat().st_mtime + 1.1 - time.time()))  # every file's time differs
    second = build_site(tmp_path_factory.mktemp("build") / "second", umask=0o077)
    return built_site, second


def files_of(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in site.rglob("*") if path.is_file()}


def test_two_builds_write_the_same_files_byte_for_byte(two_builds):
    first, second = (files_of(site) for site in two_builds)
    assert sorted(first) == sorted(second)
    assert [name for name in first if first[name] != second[name]] == []


def test_make_offline_writes_the_same_zip_twice(two_builds, tmp_path):
    first, second = two_builds
    zips = [write_offline_zip(first, tmp_path / "a.zip"), write_offline_zip(second, tmp_path / "b.zip"),
            write_offline_zip(second, tmp_path / "c.zip")]
    assert zips[0].read_bytes() == zips[1].read_bytes() == zips[2].read_bytes()


def test_the_zip_has_sorted_entries_dated_by_the_review_date_all_rw_r__r__(two_builds, tmp_path):
    with zipfile.ZipFile(write_offline_zip(two_builds[1], tmp_path / "offline.zip")) as archive:
        entries = archive.infolist()
    names = [entry.filename for entry in entries]
    assert names[0] == f"{FOLDER}/README-LIBRARY-STAFF.txt" and names[1:] == sorted(names[1:])
    assert all(name.startswith(f"{FOLDER}/") for name in names)
    assert {entry.date_time for entry in entries} == {(REVIEWED.year, REVIEWED.month, REVIEWED.day, 0, 0, 0)}
    assert {stat.filemode(entry.external_attr >> 16) for entry in entries} == {"-rw-r--r--"}


def test_the_sitemap_is_dated_by_the_review_date_not_the_clock(two_builds):
    site = two_builds[0]
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert sitemap.count("<lastmod>") >= 9
    assert sitemap.count("<lastmod>") == sitemap.count(f"<lastmod>{REVIEWED.isoformat()}</lastmod>")
    review_midnight = datetime(REVIEWED.year, REVIEWED.month, REVIEWED.day, tzinfo=timezone.utc).timestamp()
    header = (site / "sitemap.xml.gz").read_bytes()
    assert int.from_bytes(header[4:8], "little") == review_midnight  # the gzip header's modification time
    assert gzip.decompress(header).decode("utf-8") == sitemap


def test_source_date_epoch_wins_when_it_is_set(tmp_path):
    site = build_site(tmp_path / "site", SOURCE_DATE_EPOCH="1893456000")  # 2030-01-01
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "<lastmod>2030-01-01</lastmod>" in sitemap and REVIEWED.isoformat() not in sitemap
