"""`python -m koensbalance.catalogue [project_root]`: validate the catalogue, print problems or a summary."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from koensbalance.catalogue import files
from koensbalance.catalogue.problems import CatalogueError


def main(argv: list[str]) -> int:
    root = Path(argv[0]) if argv else Path.cwd()
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
