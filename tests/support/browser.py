"""Headless Chromium for the browser tests: Debian's chromium (or $CHROMIUM), else Playwright's own."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-gpu"]


def executable() -> str | None:
    for candidate in (os.environ.get("CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser"):
        if candidate and Path(candidate).exists():
            return candidate
    return None  # fall back to Playwright's downloaded browser where that works


def _options() -> dict[str, Any]:
    options: dict[str, Any] = {"headless": True, "args": ARGS}
    path = executable()
    if path:
        options["executable_path"] = path
    return options


def launch(playwright: Any) -> Any:
    return playwright.chromium.launch(**_options())


def launch_persistent(playwright: Any, user_data_dir: str) -> Any:
    """A browser with a real on-disk profile (HTTP cache, code cache), as a returning visitor has."""
    return playwright.chromium.launch_persistent_context(user_data_dir, **_options())
