"""Precompressed copies (.gz and, when the brotli module is available, .br) of the site's text and
wasm files, so a server like nginx (gzip_static / brotli_static) sends them without compressing on
every request. The large Pyodide files are compressed once per runtime version and cached."""

from __future__ import annotations

import gzip
import hashlib
import shutil
from pathlib import Path

try:
    import brotli
except ImportError:  # pragma: no cover - brotli is pinned in the site dependencies
    brotli = None

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "build" / "precompressed"
SUFFIXES = {".html", ".css", ".js", ".mjs", ".json", ".svg", ".xml", ".wasm", ".txt", ".map"}
MIN_SIZE = 1024
CACHE_FROM = 256 * 1024  # files this large (Pyodide's) are compressed once and cached by content hash


def _compress(data: bytes, best: bool = False) -> dict[str, bytes]:
    out = {".gz": gzip.compress(data, compresslevel=9, mtime=0)}
    if brotli is not None:
        # Quality 9: within a few per cent of 11 for our pages, at a fraction of the time. Quality 11
        # with a 16 MB window (`best`) for the large files every widget page's first visit moves,
        # cached by content: −11 % on Pyodide's wasm (3,103 -> 2,767 kB) and the stdlib zip.
        out[".br"] = brotli.compress(data, quality=11, lgwin=24) if best else brotli.compress(data, quality=9)
    return out


def cached(data: bytes, best: bool = True) -> dict[str, bytes]:
    """.gz and .br of `data`, made once per content (build/precompressed/)."""
    key = hashlib.sha256(data).hexdigest()[:24] + ("-best" if best else "")
    folder = CACHE / key
    wanted = {".gz", ".br"} if brotli is not None else {".gz"}
    if folder.is_dir() and all((folder / f"x{s}").exists() for s in wanted):
        return {s: (folder / f"x{s}").read_bytes() for s in wanted}
    result = _compress(data, best)
    tmp = CACHE / f".tmp-{key}-{id(data)}"
    tmp.mkdir(parents=True, exist_ok=True)
    for suffix, blob in result.items():
        (tmp / f"x{suffix}").write_bytes(blob)
    try:
        tmp.rename(folder)
    except OSError:  # another build cached it first
        shutil.rmtree(tmp, ignore_errors=True)
    return result


def site(site_dir: Path) -> None:
    for path in sorted(site_dir.rglob("*")):
        if not path.is_file() or path.suffix not in SUFFIXES or path.stat().st_size < MIN_SIZE:
            continue
        data = path.read_bytes()
        variants = cached(data, best=path.suffix != ".map") if len(data) >= CACHE_FROM else _compress(data)
        for suffix, blob in variants.items():
            if len(blob) < len(data):
                path.with_name(path.name + suffix).write_bytes(blob)
