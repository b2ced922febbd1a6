"""Fill in the service worker (overrides/sw.js, copied to the site root) after the build: its version
is a hash of the built files; its lists are the widget pages and every file they load (PRECACHE, the
"rest" the worker caches when the browser is idle after a first widget page), the styles and scripts
of every page (SHELL), the Pagefind search bundle (SEARCH), which the worker caches only once the
search is used, and Pyodide's runtime files (RUNTIME_FILES), kept in a cache named by their content
(RUNTIME) so that a rebuild of the site does not throw them away (overrides/sw.js)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from macros import search_index

SW = "sw.js"
SKIP_SUFFIXES = {".gz", ".br", ".map"}
# Not in the shell a searched page needs offline: the Python runtime and the plan builder's libraries.
NOT_SHELL = ("assets/pyodide/", "assets/vendor/")
# Pyodide's runtime proper: the same bytes for every build of one Pyodide version. (The trimmed
# standard library and the lock file follow our code, so they belong to the site build.)
RUNTIME_FILES = ("assets/pyodide/pyodide.mjs", "assets/pyodide/pyodide.asm.mjs",
                 "assets/pyodide/pyodide.asm.wasm")


def widget_pages(site_dir: Path) -> list[str]:
    pages = []
    for page in sorted(site_dir.rglob("index.html")):
        if "data-kb-widget=" in page.read_text(encoding="utf-8"):
            rel = page.parent.relative_to(site_dir).as_posix()
            pages.append("./" if rel == "." else f"{rel}/")
    return pages


# Material's instant navigation reads the sitemap on every page to know which links it may follow.
SITEMAP = "sitemap.xml"


def precache(site_dir: Path) -> list[str]:
    assets = sorted(p.relative_to(site_dir).as_posix() for p in (site_dir / "assets").rglob("*")
                    if p.is_file() and p.suffix not in SKIP_SUFFIXES)
    sitemap = [SITEMAP] if (site_dir / SITEMAP).is_file() else []
    return widget_pages(site_dir) + sitemap + assets


def shell(site_dir: Path) -> list[str]:
    return [p for p in precache(site_dir) if p == SITEMAP or
            p.startswith("assets/") and not p.startswith(NOT_SHELL)]


def version(site_dir: Path, files: list[str] | tuple[str, ...]) -> str:
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
    text = text.replace("__KB_RUNTIME__", version(site_dir, RUNTIME_FILES))
    text = text.replace("__KB_RUNTIME_FILES__", json.dumps(list(RUNTIME_FILES), indent=0))
    text = text.replace("__KB_PRECACHE__", json.dumps(files, indent=0))
    text = text.replace("__KB_SHELL__", json.dumps(shell(site_dir), indent=0))
    text = text.replace("__KB_SEARCH__", json.dumps(search, indent=0))
    sw.write_text(text, encoding="utf-8")
    return build_version
