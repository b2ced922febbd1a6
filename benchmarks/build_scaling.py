"""mkdocs build time for the real catalogue and synthetic catalogues 10x and 100x its size (every
entry copied with a new id, references remapped within each copy), to show growth is linear.

    python -m benchmarks.build_scaling                  # 1x and 10x
    python -m benchmarks.build_scaling --scaling 100    # one factor on its own (minutes)
"""

from __future__ import annotations

import argparse
import re
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

import yaml
from tests.support.build import ROOT, mkdocs_build

from benchmarks.common import print_table
from koensbalance.catalogue.model import TYPES_BY_FOLDER, TYPES_BY_NAME

CONCEPTS = TYPES_BY_NAME["begreb"].folder


def own_terms(text: str, copy: int) -> str:
    """A concept copy gets a term of its own ("Kopi3: Bias", no synonyms). Ten concepts with the
    same term would all match every text that uses it, so each entry page would link ten times as
    many concepts at 10x: a page that grows with the catalogue, which no real catalogue has (it
    defines a term once). The new term's first word ("kopi3") occurs in no text."""
    data = yaml.safe_load(text)
    data["titel"] = f"Kopi{copy}: {data['titel']}"
    data.pop("synonymer", None)
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


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
                if path.parent.name == CONCEPTS:
                    text = own_terms(text, k)
            out = target / "catalogue" / path.parent.name / (f"{path.stem}-x{k}.yaml" if k else path.name)
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(text, encoding="utf-8")
            count += 1
    return count


def _children_cpu() -> float:
    """CPU seconds (user + system) of finished child processes: on a shared machine the build's own
    work, where wall time also counts the other processes' turns."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def rows(factors: tuple[int, ...] = (1, 10, 100)) -> list[tuple[str, str]]:
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        mkdocs_build(Path(tmp) / "warm")  # stage Pyodide and precompressed runtime once
        for factor in factors:
            cat = Path(tmp) / f"cat{factor}"
            entries = synthetic_catalogue(cat, factor)
            started, cpu_before = time.perf_counter(), _children_cpu()
            result = mkdocs_build(Path(tmp) / f"site{factor}", cat)
            elapsed, cpu = time.perf_counter() - started, _children_cpu() - cpu_before
            if result.returncode != 0:
                raise RuntimeError(result.stderr[-2000:])
            out.append((f"mkdocs build, {factor}x catalogue ({entries} entries) (s; ms/entry; CPU s)",
                        f"{elapsed:.1f}; {1000 * elapsed / entries:.1f}; {cpu:.1f}"))
            shutil.rmtree(Path(tmp) / f"site{factor}")
    return out


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description="mkdocs build time per catalogue size")
    parser.add_argument("--scaling", default="1,10", help="catalogue size factors to build, e.g. 1,10")
    args = parser.parse_args(argv)
    print_table(rows(tuple(int(f) for f in args.scaling.split(","))))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
