"""Run `mkdocs build --strict` the way the README does, optionally against a fixture catalogue."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MKDOCS = Path(sys.executable).parent / "mkdocs"


def mkdocs_build(site_dir: Path, catalogue_dir: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("KB_CATALOGUE_DIR", None)
    if catalogue_dir is not None:
        env["KB_CATALOGUE_DIR"] = str(catalogue_dir)
    return subprocess.run([str(MKDOCS), "build", "--strict", "--site-dir", str(site_dir)], cwd=ROOT,
                          env=env, capture_output=True, text=True, check=False, timeout=600)


def js_constant(script: str, name: str) -> int:
    """A whole-number constant of one of our scripts (`const NAME = 5000;` in overrides/assets/js), so a
    test or the bench that waits on it stays in step with the script."""
    text = (ROOT / "overrides" / "assets" / "js" / script).read_text(encoding="utf-8")
    match = re.search(rf"^const {name} = ([\d_]+);", text, re.MULTILINE)
    if not match:
        raise AssertionError(f"{script} has no whole-number constant {name}")
    return int(match.group(1))
