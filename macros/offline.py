"""Fill in the service worker (overrides/sw.js, copied to the site root) after the build: its version
is a hash of the built files; its lists are the widget pages and every file they load (PRECACHE), the
styles and scripts of every page (SHELL) and the Pagefind search bundle (SEARCH), which the worker
caches only once the search is used (overrides/sw.js)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from macros import search_index

SW = "sw.js"
SKIP_SUFFIXES = {".gz", ".br", ".map"}
# Not in the shell a searched page needs offline: the Python runtime and the plan builder's libraries.
NOT_SHELL = ("assets/pyodide/", "assets/vendor/")


def widget_pages(site_dir: Path) -> list[str]:
    pages = []
    for page in sorted(site_dir.rglob("index.html")):
        if "data-kb-widget=" in page.read_text(encoding="utf-8"):
            rel = page.parent.relative_to(site_dir).as_posix()
            pages.append("./" if rel == "." else f"{rel}/")
    return pages


def precache(site_dir: Path) -> list[str]:
    assets = sorted(p.relative_to(site_dir).as_posix() for p in (site_dir / "assets").rglob("*")
                    if p.is_file() and p.suffix not in SKIP_SUFFIXES)
    return widget_pages(site_dir) + assets


def shell(site_dir: Path) -> list[str]:
    return [p for p in precache(site_dir) if p.startswith("assets/") and not p.startswith(NOT_SHELL)]


def version(site_dir: Path, files: list[str]) -> str:
    digest = hashlib.sha256()
    for rel in files:
        path = site_dir / (rel + "index.html" if rel.endswith("/") else rel)
        digest.update(rel.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def write_service_worker(site_dir: Path) -> str:
    """Fill in sw.js in place; returns the version."""
    files = precache(site_dir)
    search = search_index.bundle_files(site_dir)
    sw = site_dir / SW
    text = sw.read_text(encoding="utf-8")
    build_version = version(site_dir, files + search)
    text = text.replace("__KB_VERSION__", build_version)
    text = text.replace("__KB_PRECACHE__", json.dumps(files, indent=0))
    text = text.replace("__KB_SHELL__", json.dumps(shell(site_dir), indent=0))
    text = text.replace("__KB_SEARCH__", json.dumps(search, indent=0))
    sw.write_text(text, encoding="utf-8")
    return build_version
