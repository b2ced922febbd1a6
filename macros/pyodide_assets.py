"""Stage the self-hosted Pyodide runtime and our wheels for the built site.

The runtime comes from the npm package `pyodide` (pinned in package-lock.json). Our domain package is
built as a wheel and registered, with any pure-Python dependencies (vendored wheels from PyPI in
build/wheels/vendor/), in a copy of the runtime's pyodide-lock.json via `pyodide lockfile add-wheels`, so
the browser's `loadPackage("koensbalance")` resolves everything from the site's own origin. The standard
library is trimmed to what our code imports (macros/pyodide_stdlib.py), and it and every wheel hold
bytecode instead of sources (macros/pyodide_bytecode.py). Staging is cached under
build/pyodide/<fingerprint>/ (one folder per version of the package sources and runtime, created
atomically, so concurrent builds never see a half-staged folder)."""

from __future__ import annotations

import fnmatch
import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

from macros import precompress, pyodide_bytecode, pyodide_stdlib

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


# Files of vendored wheels the browser never needs, as (dropped, kept) glob patterns: holidays ships
# every country's rules and translations (1.7 MB of 1.74 MB); the kit needs Denmark's only, which
# koensbalance.mobilitet.dates loads by path (tests/build/test_pyodide_stdlib.py asks it for a date).
WHEEL_TRIM: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "holidays": (("holidays/countries/*", "holidays/financial/*", "holidays/locale/*"),
                 ("holidays/countries/__init__.py", "holidays/countries/denmark.py",
                  "holidays/financial/__init__.py", "holidays/locale/*/LC_MESSAGES/DK.mo")),
}


def trim_wheel(data: bytes, dropped: tuple[str, ...], kept: tuple[str, ...]) -> bytes:
    """The wheel without the files matching `dropped` (unless they match `kept`); its RECORD is
    rewritten when the wheel is compiled (macros/pyodide_bytecode.py)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            name = info.filename
            if any(fnmatch.fnmatchcase(name, p) for p in dropped) and \
                    not any(fnmatch.fnmatchcase(name, p) for p in kept):
                continue
            target.writestr(info, source.read(info))
    return out.getvalue()


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
    digest = hashlib.sha256(f"{stdlib_mode()} {pyodide_bytecode.mode()}".encode())
    inputs = [ROOT / "macros" / name for name in ("pyodide_stdlib.py", "pyodide_assets.py",
                                                  "pyodide_bytecode.py", "pyodide_bytecode.mjs")]
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


def own_wheel(folder: Path) -> Path:
    """Build koensbalance's wheel (sources) into `folder`; returns its path."""
    _run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
          "--wheel-dir", str(folder), str(ROOT)], "wheel af koensbalance")
    return next(folder.glob("koensbalance-*.whl"))


def write_lock(target: Path, wheels: list[Path]) -> None:
    """Pyodide's lock file with `wheels` (in target's folder) added, written to `target`."""
    _run([str(Path(sys.executable).parent / "pyodide"), "lockfile", "add-wheels", "--input",
          str(RUNTIME / "pyodide-lock.json"), "--output", str(target), "--base-path", str(target.parent),
          *map(str, wheels)], "pyodide lockfile add-wheels")


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
        own_wheel(out)
        for wheel in sorted(VENDOR.glob("*.whl")) if VENDOR.exists() else []:
            trim = WHEEL_TRIM.get(wheel.name.split("-")[0].lower())
            data = wheel.read_bytes()
            (out / wheel.name).write_bytes(trim_wheel(data, *trim) if trim else data)
        if stdlib_mode() == "trimmed":  # from the wheels' sources: before they are compiled
            write_trimmed_stdlib(out)
        wheels = sorted(p.name for p in out.glob("*.whl"))
        if pyodide_bytecode.mode() == "on":
            write_bytecode(out, wheels)
        lock_path = out / "pyodide-lock.json"
        write_lock(lock_path, [out / w for w in wheels])
        lock_path.write_text(json.dumps(shipped_lock(json.loads(lock_path.read_text(encoding="utf-8")),
                                                     out), separators=(",", ":")), encoding="utf-8")
        for name in ("python_stdlib.zip", *wheels):
            _compressed_copies(out / name)
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
    package must be kept too, or the build stops. `imports` is filled in from the wheels."""
    packages = lock["packages"]
    kept = {name: {**package, "imports": _top_level(folder / str(package["file_name"]))}
            for name, package in packages.items() if (folder / str(package["file_name"])).is_file()}
    for name, package in kept.items():
        missing = [d for d in package.get("depends", []) if d not in kept]
        if missing:
            raise PluginError(f"Python-pakken {name} kræver {', '.join(missing)}, som ikke ligger i "
                              "build/wheels/vendor/ – tilføj den i requirements-browser.txt.")
    return {**lock, "packages": dict(sorted(kept.items()))}


def _top_level(wheel: Path) -> list[str]:
    """The names a wheel makes importable (its top-level packages and modules): the lock file's
    `imports`, which `pyodide lockfile add-wheels` leaves empty and Pyodide's loadPackagesFromImports
    needs (the worker installs a package a call turns out to need by its import name)."""
    names = set()
    for name in zipfile.ZipFile(wheel).namelist():
        first, _, rest = name.partition("/")
        if first.endswith((".dist-info", ".data")):
            continue
        module = first if rest else first.rsplit(".", 1)[0] if first.endswith((".py", ".pyc")) else ""
        if module.isidentifier():
            names.add(module)
    return sorted(names)


def write_trimmed_stdlib(folder: Path) -> pyodide_stdlib.Reach:
    """Replace folder/python_stdlib.zip by the trimmed one (stored: with its .br, written at the end
    of staging, it is less than half of Pyodide's deflated one). Stops the build with one line if an
    import cannot be satisfied."""
    try:
        data, reach = pyodide_stdlib.trim((RUNTIME / "python_stdlib.zip").read_bytes(),
                                          sorted(folder.glob("*.whl")))
    except pyodide_stdlib.MissingModule as error:
        raise PluginError(f"Browserens Python mangler et modul: {error}. Tilføj det i "
                          f"macros/pyodide_stdlib.py, eller byg med {STDLIB_ENV}=full.") from None
    (folder / "python_stdlib.zip").write_bytes(data)
    return reach


def write_bytecode(folder: Path, wheels: list[str]) -> None:
    """Replace folder's python_stdlib.zip and wheels by their bytecode versions (stored zips:
    their .br, not deflate, is what travels). Stops the build with one line if Pyodide cannot
    compile them."""
    try:
        pyodide_bytecode.compile_folder(folder, RUNTIME / "python_stdlib.zip", ["python_stdlib.zip", *wheels])
    except (RuntimeError, OSError, subprocess.TimeoutExpired) as error:
        raise PluginError(f"Pyodide-filerne kunne ikke bygges (bytekode): {error}. Byg med "
                          f"{pyodide_bytecode.ENV}=off for at bruge kildekoden.") from None


def _compressed_copies(path: Path) -> None:
    """.gz and .br next to a stored zip (the stdlib, a wheel), which nginx's gzip_static/brotli_static
    send; precompress.py leaves archives alone. Cached by content (the bytecode is reproducible);
    brotli's best quality for the two that every widget page's first visit moves."""
    best = path.name == "python_stdlib.zip" or path.name.startswith("koensbalance-")
    for suffix, blob in precompress.cached(path.read_bytes(), best).items():
        Path(f"{path}{suffix}").write_bytes(blob)


def copy_into(site_dir: Path) -> None:
    staged = stage()
    target = site_dir / SITE_DIR
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(staged, target)
