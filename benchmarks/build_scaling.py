"""mkdocs build time for the real catalogue and synthetic catalogues 10x and 100x its size (every
entry copied with a new id, references remapped within each copy), to show growth is linear."""

from __future__ import annotations

import re
import shutil
import tempfile
import time
from pathlib import Path

from tests.support.build import ROOT, mkdocs_build

from koensbalance.catalogue.model import TYPES_BY_FOLDER

ID_LINE = re.compile(r"^id: (\S+)$", re.MULTILINE)


def synthetic_catalogue(target: Path, copies: int) -> int:
    """Write a catalogue with `copies` copies of every entry under target/catalogue; returns entries."""
    source = ROOT / "catalogue"
    shutil.copytree(source, target / "catalogue",
                    ignore=lambda d, names: [n for n in names if n in TYPES_BY_FOLDER])
    entry_files = [p for folder in TYPES_BY_FOLDER for p in sorted((source / folder).glob("*.yaml"))]
    ids = [p.stem for p in entry_files]
    pattern = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, sorted(ids, key=len, reverse=True)))
                         + r")(?![\w-])")
    count = 0
    for k in range(copies):
        for path in entry_files:
            text = path.read_text(encoding="utf-8")
            if k:  # copy 0 keeps the real ids
                text = pattern.sub(rf"\1-x{k}", text)
            out = target / "catalogue" / path.parent.name / (f"{path.stem}-x{k}.yaml" if k else path.name)
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(text, encoding="utf-8")
            count += 1
    return count


def rows(factors: tuple[int, ...] = (1, 10, 100)) -> list[tuple[str, str]]:
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        mkdocs_build(Path(tmp) / "warm")  # stage Pyodide and precompressed runtime once
        base = None
        for factor in factors:
            cat = Path(tmp) / f"cat{factor}"
            entries = synthetic_catalogue(cat, factor)
            started = time.perf_counter()
            result = mkdocs_build(Path(tmp) / f"site{factor}", cat)
            elapsed = time.perf_counter() - started
            if result.returncode != 0:
                raise RuntimeError(result.stderr[-2000:])
            base = base or elapsed / entries
            out.append((f"mkdocs build, {factor}x catalogue ({entries} entries) (s; ms/entry)",
                        f"{elapsed:.1f}; {1000 * elapsed / entries:.1f}"))
            shutil.rmtree(Path(tmp) / f"site{factor}")
    return out


if __name__ == "__main__":
    for label, value in rows((1, 10)):
        print(label, "|", value)
