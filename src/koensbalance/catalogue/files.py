"""Read the catalogue folder from disk (the only I/O in the catalogue package)."""

from __future__ import annotations

from pathlib import Path

from koensbalance.catalogue import loading
from koensbalance.catalogue.model import Catalogue


def read(project_root: Path) -> Catalogue:
    """Load and validate `<project_root>/catalogue`; raises CatalogueError on any problem."""
    base = project_root / loading.ROOT
    files = {p.relative_to(project_root).as_posix(): p.read_bytes()
             for p in sorted(base.rglob("*.yaml")) if p.is_file()}
    files.update({p.relative_to(project_root).as_posix(): p.read_bytes()
                  for p in sorted(base.rglob("*.yml")) if p.is_file()})
    schemas = {p.name: p.read_bytes() for p in sorted((base / "schema").glob("*.json"))}
    return loading.load(files, schemas)
