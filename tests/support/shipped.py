"""Every byte the built site ships, archives and precompressed copies opened: for content scans.

`shipped(site)` yields (label, bytes) for every file under the site and, recursively, for every member
of every archive in it (.whl, .zip, .tar, .tar.gz, .tgz, .tar.bz2, .tar.xz) and the decompressed
content of every .gz and .br copy. A member's label is "<file>!<member>" ("a.whl!pkg/x.py").
"""

from __future__ import annotations

import bz2
import gzip
import io
import lzma
import re
import tarfile
import zipfile
from collections.abc import Iterator
from pathlib import Path

import brotli

ZIP_SUFFIXES = (".whl", ".zip")
TAR_SUFFIXES = (".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tar.xz")
MAX_DEPTH = 4

# Files and archive members that are not ours: the Pyodide runtime and its standard library, the
# third-party wheels the widgets load, npm libraries copied into the site, and the Material theme's
# own assets. Their licence headers carry maintainers' addresses and their code is full of digit runs;
# the generic e-mail/phone scan covers everything else. The scan for the sources' named persons
# (test_personal_data.py) covers these too.
THIRD_PARTY = re.compile(
    r"^(assets/pyodide/(?!koensbalance-|pyodide-lock\.json)"
    r"|assets/vendor/|assets/javascripts/|assets/stylesheets/)"
)


def _unpacked(label: str, data: bytes, depth: int) -> Iterator[tuple[str, bytes]]:
    yield label, data
    if depth >= MAX_DEPTH:
        return
    name = label.rsplit("!", 1)[-1].lower()
    if name.endswith(ZIP_SUFFIXES):
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for member in archive.infolist():
                if not member.is_dir():
                    yield from _unpacked(f"{label}!{member.filename}", archive.read(member), depth + 1)
    elif name.endswith(TAR_SUFFIXES):
        with tarfile.open(fileobj=io.BytesIO(data)) as archive:
            for info in archive.getmembers():
                extracted = archive.extractfile(info) if info.isfile() else None
                if extracted is not None:
                    yield from _unpacked(f"{label}!{info.name}", extracted.read(), depth + 1)
    elif name.endswith(".gz"):
        yield from _unpacked(f"{label}!{name[:-3].rsplit('/', 1)[-1]}", gzip.decompress(data), depth + 1)
    elif name.endswith(".br"):
        yield from _unpacked(f"{label}!{name[:-3].rsplit('/', 1)[-1]}", brotli.decompress(data), depth + 1)
    elif name.endswith(".bz2"):
        yield from _unpacked(f"{label}!{name[:-4].rsplit('/', 1)[-1]}", bz2.decompress(data), depth + 1)
    elif name.endswith(".xz"):
        yield from _unpacked(f"{label}!{name[:-3].rsplit('/', 1)[-1]}", lzma.decompress(data), depth + 1)


def shipped(site: Path) -> Iterator[tuple[str, bytes]]:
    for path in sorted(site.rglob("*")):
        if path.is_file():
            yield from _unpacked(path.relative_to(site).as_posix(), path.read_bytes(), 0)


CONTAINERS = (*ZIP_SUFFIXES, *TAR_SUFFIXES, ".gz", ".br", ".bz2", ".xz")


def is_container(label: str) -> bool:
    """An archive or compressed copy: its members are yielded separately, decompressed."""
    return label.rsplit("!", 1)[-1].lower().endswith(CONTAINERS)


def is_third_party(label: str) -> bool:
    return THIRD_PARTY.match(label) is not None


def without_svg(html: bytes) -> bytes:
    """HTML without inline SVG (path data like "5 9.5 14 14 12 14" is not a phone number)."""
    return re.sub(rb"<svg\b.*?</svg>", b"", html, flags=re.S)
