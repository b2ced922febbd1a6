"""`python -m koensbalance.catalogue [project_root]`: validate the catalogue, print problems or a summary.

Without an argument it checks the catalogue the build would use: $KB_CATALOGUE_DIR (a folder
containing catalogue/, as the tests set it) or the current folder. The folder catalogue/ itself is
accepted too."""

from __future__ import annotations

import os
import sys
from collections import Counter
from pathlib import Path

from koensbalance.catalogue import files, loading
from koensbalance.catalogue.problems import CatalogueError


def _root(argv: list[str]) -> Path:
    root = Path(argv[0] if argv else os.environ.get("KB_CATALOGUE_DIR") or Path.cwd())
    if not (root / loading.ROOT).is_dir() and root.name == loading.ROOT and root.is_dir():
        return root.parent
    return root


def main(argv: list[str]) -> int:
    root = _root(argv)
    if not (root / loading.ROOT).is_dir():
        print(f"Der er ingen mappe {loading.ROOT}/ i {root} – angiv mappen, der indeholder "
              f"{loading.ROOT}/.", file=sys.stderr)
        return 2
    try:
        catalogue = files.read(root)
    except CatalogueError as exc:
        print(exc.report(), file=sys.stderr)
        return 1
    counts = Counter(e.type.label_plural for e in catalogue.entries)
    summary = ", ".join(f"{label}: {n}" for label, n in sorted(counts.items()))
    print(f"Kataloget er i orden: {len(catalogue.entries)} poster ({summary or 'ingen'}).")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
