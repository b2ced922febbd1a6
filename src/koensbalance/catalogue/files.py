"""Read the catalogue folder from disk (the only I/O in the catalogue package)."""

from __future__ import annotations

from pathlib import Path

from koensbalance.catalogue import loading, yamlfile
from koensbalance.catalogue.model import Catalogue

_CANNOT_OPEN = "filen kan ikke åbnes – tjek, at den findes, og at du har lov til at læse den"


def read(project_root: Path) -> Catalogue:
    """Load and validate `<project_root>/catalogue`; raises CatalogueError on any problem."""
    base = project_root / loading.ROOT
    files: dict[str, bytes] = {}
    schemas: dict[str, bytes] = {}
    unreadable: dict[str, str] = {}
    paths = [*sorted(base.rglob("*.yaml")), *sorted(base.rglob("*.yml")),
             *sorted((base / "schema").glob("*.json"))]
    for path in paths:
        name = path.relative_to(project_root).as_posix()
        try:
            if not path.is_file():
                continue
            size = path.stat().st_size
            if size > yamlfile.MAX_BYTES:  # not even read: it could be gigabytes
                unreadable[name] = yamlfile.too_big(size)
                continue
            content = path.read_bytes()
        except OSError:
            unreadable[name] = _CANNOT_OPEN
            continue
        if path.suffix == ".json":
            schemas[path.name] = content
        else:
            files[name] = content
    return loading.load(files, schemas, unreadable)
