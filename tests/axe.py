"""axe-core (the pinned npm package `axe-core`) run in a page by browser tests: what it finds against
WCAG 2.2 A and AA, on the page as it is at that moment."""
from __future__ import annotations

import functools
from pathlib import Path

AXE = Path(__file__).resolve().parents[1] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_AA_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# Only violations are gathered in full: axe then stops at the first node of each rule that passes or
# does not apply, which is most of its time on a long page, and no test reads those.
RUN = """(only) => axe.run(document, { runOnly: only, resultTypes: ["violations"] })
    .then((result) => result.violations.map((violation) => ({
        id: violation.id, impact: violation.impact,
        targets: violation.nodes.slice(0, 5).map((node) => node.target) })))"""


@functools.cache
def _axe_source() -> str:
    return AXE.read_text(encoding="utf-8")


def axe_violations(page, rules: list[str] | None = None) -> list[dict]:
    """Each rule axe finds broken on `page` now: its "id", "impact" and the first five "targets" (CSS
    selectors). Every WCAG 2.2 A and AA rule, or only the named `rules`. axe is evaluated by the test
    driver, not added as a <script>: the pages' policy refuses inline scripts."""
    page.evaluate(_axe_source() + "\n;0")
    only = {"type": "rule", "values": rules} if rules else {"type": "tag", "values": WCAG_AA_TAGS}
    return page.evaluate(RUN, only)
