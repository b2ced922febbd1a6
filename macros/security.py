"""Content-Security-Policy for the built site: only our own origin, plus 'wasm-unsafe-eval' for
Pyodide and the hashes of the inline scripts Material puts in every page. Computed from the built
HTML (pure functions over text), injected as a <meta> into every page so any static host enforces it,
and reused by the nginx configuration (macros/deploy.py) as a header."""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable
from pathlib import Path

INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)
META_MARK = '<meta http-equiv="Content-Security-Policy"'


def inline_script_hashes(pages: Iterable[str]) -> list[str]:
    """CSP source expressions ('sha256-…') for every distinct inline <script> in the pages."""
    hashes = set()
    for html in pages:
        for body in INLINE_SCRIPT.findall(html):
            digest = hashlib.sha256(body.encode("utf-8")).digest()
            hashes.add(f"'sha256-{base64.b64encode(digest).decode()}'")
    return sorted(hashes)


def policy(script_hashes: Iterable[str], *, for_header: bool = False) -> str:
    directives = [
        "default-src 'self'",
        "script-src 'self' 'wasm-unsafe-eval' " + " ".join(script_hashes),
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "worker-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    ]
    if for_header:  # not allowed in <meta>: only a header can forbid framing
        directives.append("frame-ancestors 'none'")
    return "; ".join(d.strip() for d in directives)


def html_files(site_dir: Path) -> list[Path]:
    return sorted(p for p in site_dir.rglob("*.html") if "pyodide" not in p.parts)


def site_policy(site_dir: Path, *, for_header: bool = False) -> str:
    pages = [p.read_text(encoding="utf-8") for p in html_files(site_dir)]
    return policy(inline_script_hashes(pages), for_header=for_header)


def inject_meta(site_dir: Path) -> str:
    """Put the policy as the first thing after <meta charset> in every page; returns the policy."""
    value = site_policy(site_dir)
    meta = f'{META_MARK} content="{value}">'
    for page in html_files(site_dir):
        html = page.read_text(encoding="utf-8")
        if META_MARK in html:
            continue
        html, count = re.subn(r"(<meta charset=\"utf-8\">)", r"\1" + meta.replace("\\", "\\\\"), html,
                              count=1)
        if count == 0:
            html = html.replace("<head>", "<head>" + meta, 1)
        page.write_text(html, encoding="utf-8")
    return value
