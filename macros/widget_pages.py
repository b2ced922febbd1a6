"""Which pages carry a widget, and which extra Python packages their widgets name: read from a page's
rendered content (the `data-kb-widget` roots and their `data-kb-packages`), so the page's head
(overrides/main.html) can start the Pyodide worker before the theme's scripts load. A page without a
widget gets nothing and loads nothing of Pyodide."""

from __future__ import annotations

import re

ROOT = re.compile(r"<[a-z][a-z0-9]*\s[^>]*\bdata-kb-widget=\"[^\"]*\"[^>]*>", re.IGNORECASE)
PACKAGES = re.compile(r"\bdata-kb-packages=\"([^\"]*)\"")
META_KEY = "kb_pyodide"  # page.meta key the hook sets: the page's packages, space-separated


def pyodide_packages(html: str) -> str | None:
    """None for a page without a widget; else the packages its widgets name (sorted, deduplicated,
    space-separated; "" when they need only our own wheel)."""
    roots = ROOT.findall(html)
    if not roots:
        return None
    names = {name for root in roots for found in PACKAGES.findall(root) for name in found.split()}
    return " ".join(sorted(names))
