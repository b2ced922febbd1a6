"""Stage the self-hosted Pyodide runtime and our wheels for the built site.

The runtime comes from the npm package `pyodide` (pinned in package-lock.json). Our domain package is
built as a wheel and registered, with any pure-Python dependencies (vendored wheels from PyPI in
build/wheels/vendor/), in a copy of the runtime's pyodide-lock.json via `pyodide lockfile add-wheels`,
so the browser's `loadPackage("koensbalance")` resolves everything from the site's own origin.
Staging is cached under build/pyodide/<fingerprint>/ (one folder per version of the package sources and
runtime, created atomically, so concurrent builds never see a half-staged folder)."""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

from macros import pyodide_stdlib

try:
    import brotli
except ImportError:  # pragma: no cover - brotli is pinned in the site dependencies
    brotli = None

ROOT = Path(__file__).resolve().parent.parent
RUNTIME = ROOT / "node_modules" / "pyodide"
RUNTIME_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip",
                 "pyodide-lock.json")
VENDOR = ROOT / "build" / "wheels" / "vendor"
BROWSER_REQUIREMENTS = ROOT / "requirements-browser.txt"
STAGES = ROOT / "build" / "pyodide"
SITE_DIR = "assets/pyodide"
# "trimmed" (default): python_stdlib.zip holds only the modules our code and wheels can import
# (macros/pyodide_stdlib.py); "full": Pyodide's own zip. Set KOENSBALANCE_STDLIB=full to compare.
STDLIB_ENV = "KOENSBALANCE_STDLIB"


def stdlib_mode() -> str:
    mode = os.environ.get(STDLIB_ENV, "trimmed").strip() or "trimmed"
    if mode not in {"trimmed", "full"}:
        raise PluginError(f"{STDLIB_ENV} skal være 'trimmed' eller 'full', ikke '{mode}'")
    return mode


def browser_pins() -> dict[str, str]:
    """name -> version of every wheel requirements-browser.txt ships to the browser."""
    pins: dict[str, str] = {}
    for line in BROWSER_REQUIREMENTS.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if "==" in line:
            name, version = line.split("\\", 1)[0].strip().split("==", 1)
            pins[name.strip().lower().replace("-", "_")] = version.strip()
    return pins


def _check_vendor() -> None:
    """Every pinned browser wheel must be in build/wheels/vendor/, or the browser cannot import it."""
    present = {tuple(p.name.split("-")[:2]) for p in VENDOR.glob("*.whl")} if VENDOR.exists() else set()
    missing = [f"{name}=={version}" for name, version in browser_pins().items()
               if (name, version) not in {(n.lower(), v) for n, v in present}]
    if missing:
        raise PluginError("Browserens Python-pakker mangler i build/wheels/vendor/ – kør 'make setup'. "
                          f"Mangler: {', '.join(missing)}")


def _fingerprint() -> str:
    digest = hashlib.sha256(stdlib_mode().encode())
    inputs = [ROOT / "macros" / "pyodide_stdlib.py", ROOT / "macros" / "pyodide_assets.py"]
    inputs += [ROOT / "pyproject.toml", ROOT / "package-lock.json"]
    inputs += sorted((ROOT / "src" / "koensbalance").rglob("*.py"))
    inputs += sorted(VENDOR.glob("*.whl")) if VENDOR.exists() else []
    for path in inputs:
        digest.update(path.relative_to(ROOT).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _run(args: list[str], what: str) -> None:
    result = subprocess.run(args, cwd=ROOT, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip().splitlines()[-1:] or ["(intet output)"]
        raise PluginError(f"Pyodide-filerne kunne ikke bygges ({what}): {detail[0]}")


def stage() -> Path:
    """Return a folder with the runtime, our wheels and the extended lock file (built if missing)."""
    missing = [name for name in RUNTIME_FILES if not (RUNTIME / name).exists()]
    if missing:
        raise PluginError("Pyodide-runtimen mangler i node_modules/pyodide – kør 'make setup' "
                          f"(npm ci) først. Mangler: {', '.join(missing)}")
    _check_vendor()
    target = STAGES / _fingerprint()
    if target.exists():
        return target
    STAGES.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=STAGES, prefix=".tmp-") as tmp:
        out = Path(tmp) / "pyodide"
        out.mkdir()
        for name in RUNTIME_FILES:
            if name != "pyodide-lock.json":
                shutil.copy2(RUNTIME / name, out / name)
        _run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
              "--wheel-dir", str(out), str(ROOT)], "wheel af koensbalance")
        for wheel in sorted(VENDOR.glob("*.whl")) if VENDOR.exists() else []:
            shutil.copy2(wheel, out / wheel.name)
        wheels = sorted(str(p) for p in out.glob("*.whl"))
        pyodide_cli = Path(sys.executable).parent / "pyodide"
        _run([str(pyodide_cli), "lockfile", "add-wheels", "--input",
              str(RUNTIME / "pyodide-lock.json"), "--output", str(out / "pyodide-lock.json"),
              "--base-path", str(out), *wheels], "pyodide lockfile add-wheels")
        if stdlib_mode() == "trimmed":
            write_trimmed_stdlib(out)
        lock_path = out / "pyodide-lock.json"
        lock_path.write_text(json.dumps(shipped_lock(json.loads(lock_path.read_text(encoding="utf-8")),
                                                     out), separators=(",", ":")), encoding="utf-8")
        try:
            out.rename(target)
        except OSError:  # another build staged the same fingerprint first: use theirs
            if not target.exists():
                raise
    return target


def shipped_lock(lock: dict[str, Any], folder: Path) -> dict[str, Any]:
    """The lock file with only the packages whose wheel is in `folder` (ours and the vendored ones):
    Pyodide's own 350 entries (120 kB, 25 kB brotli) name packages the site never ships. Small
    enough (2 kB) to inline into the worker as `lockFileContents` later. Every dependency of a kept
    package must be kept too, or the build stops."""
    packages = lock["packages"]
    kept = {name: package for name, package in packages.items()
            if (folder / str(package["file_name"])).is_file()}
    for name, package in kept.items():
        missing = [d for d in package.get("depends", []) if d not in kept]
        if missing:
            raise PluginError(f"Python-pakken {name} kræver {', '.join(missing)}, som ikke ligger i "
                              "build/wheels/vendor/ – tilføj den i requirements-browser.txt.")
    return {**lock, "packages": dict(sorted(kept.items()))}


def write_trimmed_stdlib(folder: Path) -> pyodide_stdlib.Reach:
    """Replace folder/python_stdlib.zip by the trimmed one (stored, with .br and .gz copies that
    nginx's brotli_static/gzip_static send; a stored zip compresses to less than half of Pyodide's
    deflated one). Stops the build with one line if an import cannot be satisfied."""
    try:
        data, reach = pyodide_stdlib.trim((RUNTIME / "python_stdlib.zip").read_bytes(),
                                          sorted(folder.glob("*.whl")))
    except pyodide_stdlib.MissingModule as error:
        raise PluginError(f"Browserens Python mangler et modul: {error}. Tilføj det i "
                          f"macros/pyodide_stdlib.py, eller byg med {STDLIB_ENV}=full.") from None
    target = folder / "python_stdlib.zip"
    target.write_bytes(data)
    (folder / "python_stdlib.zip.gz").write_bytes(gzip.compress(data, compresslevel=9, mtime=0))
    if brotli is not None:
        (folder / "python_stdlib.zip.br").write_bytes(brotli.compress(data, quality=9))
    return reach


def copy_into(site_dir: Path) -> None:
    staged = stage()
    target = site_dir / SITE_DIR
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(staged, target)
