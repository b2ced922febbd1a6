"""axe-core (from npm, node_modules/axe-core) against a page in its current state: WCAG 2.1 A/AA."""

from __future__ import annotations

from typing import Any

from tests.support.build import ROOT

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def violations(page: Any, context: str | None = None) -> list[dict[str, Any]]:
    """Run axe on the page (or a CSS selector within it); returns the violations, [] when clean."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        # Evaluated through the DevTools protocol, not as a <script> element: the site's
        # Content-Security-Policy (rightly) refuses inline scripts, and must stay on during the test.
        page.evaluate(AXE.read_text(encoding="utf-8") + "\n;undefined")
    result = page.evaluate(
        "async ([context, tags]) => await axe.run(context || document, "
        "{ runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] })",
        [context, TAGS],
    )
    return list(result["violations"])


def describe(found: list[dict[str, Any]]) -> str:
    lines = []
    for v in found:
        targets = ", ".join(str(n["target"]) for n in v["nodes"][:3])
        lines.append(f"{v['id']} ({v['impact']}): {v['help']} – {targets}")
    return "\n".join(lines)


def assert_clean(page: Any, context: str | None = None) -> None:
    found = violations(page, context)
    assert not found, "axe-core found accessibility violations:\n" + describe(found)
