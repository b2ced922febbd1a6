"""Stage the self-hosted Pyodide runtime and our wheels for the built site.

The runtime comes from the npm package `pyodide` (pinned in package-lock.json). Our domain package is
built as a wheel and registered, with any pure-Python dependencies (vendored wheels from PyPI in
build/wheels/vendor/), in a copy of the runtime's pyodide-lock.json via `pyodide lockfile add-wheels`,
so the browser's `loadPackage("koensbalance")` resolves everything from the site's own origin.
Staging is cached under build/pyodide/<fingerprint>/ (one folder per version of the package sources and
runtime, created atomically, so concurrent builds never see a half-staged folder)."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from mkdocs.exceptions import PluginError

ROOT = Path(__file__).resolve().parent.parent
RUNTIME = ROOT / "node_modules" / "pyodide"
RUNTIME_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip",
                 "pyodide-lock.json")
VENDOR = ROOT / "build" / "wheels" / "vendor"
BROWSER_REQUIREMENTS = ROOT / "requirements-browser.txt"
STAGES = ROOT / "build" / "pyodide"
SITE_DIR = "assets/pyodide"


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
    digest = hashlib.sha256()
    inputs = [ROOT / "pyproject.toml", ROOT / "package-lock.json"]
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
        try:
            out.rename(target)
        except OSError:  # another build staged the same fingerprint first: use theirs
            if not target.exists():
                raise
    return target


def copy_into(site_dir: Path) -> None:
    staged = stage()
    target = site_dir / SITE_DIR
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(staged, target)
