"""Build hook: the build is dated by the law's review date, not by the clock.

mkdocs dates the sitemap's <lastmod> and the gzip header of sitemap.xml.gz from SOURCE_DATE_EPOCH when
it is set (mkdocs.utils.get_build_date). Unless the caller set it, this sets it to `reviewed` in
calculator/data/coverage.toml: the pages change when the law is reviewed, and two builds of the same
inputs are byte-identical. `make offline` dates the files in its zip the same way (build_epoch).
"""
from __future__ import annotations

import os
import tomllib
from datetime import datetime, timezone
from pathlib import Path

COVERAGE = Path(__file__).resolve().parents[2] / "calculator" / "data" / "coverage.toml"


def review_epoch() -> int:
    """Midnight UTC of the day the law was last reviewed, in seconds since 1970."""
    with open(COVERAGE, "rb") as coverage:
        reviewed = tomllib.load(coverage)["reviewed"]
    return int(datetime(reviewed.year, reviewed.month, reviewed.day, tzinfo=timezone.utc).timestamp())


def build_epoch() -> int:
    """SOURCE_DATE_EPOCH if the caller set it (the reproducible-builds convention), else review_epoch()."""
    return int(os.environ.get("SOURCE_DATE_EPOCH") or review_epoch())


def on_config(config):
    # Before any page exists: mkdocs reads the date when it creates each page.
    os.environ["SOURCE_DATE_EPOCH"] = str(build_epoch())
    return config
