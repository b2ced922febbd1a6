"""The catalogue as the build sees it: loaded once per build, errors turned into MkDocs' PluginError
(printed as one line per problem, no traceback, non-zero exit)."""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.exceptions import PluginError

from koensbalance.catalogue import Catalogue, CatalogueError
from koensbalance.catalogue import files as catalogue_files

PROJECT = Path(__file__).resolve().parent.parent
# Tests point the build at fixture catalogues: KB_CATALOGUE_DIR is a folder containing catalogue/.
ROOT = Path(os.environ.get("KB_CATALOGUE_DIR") or PROJECT).resolve()
_cache: dict[str, tuple[tuple[tuple[str, float, int], ...], Catalogue]] = {}


def _fingerprint(root: Path) -> tuple[tuple[str, float, int], ...]:
    paths = sorted(p for p in (root / "catalogue").rglob("*") if p.is_file())
    return tuple((str(p), p.stat().st_mtime, p.stat().st_size) for p in paths)


def catalogue(root: Path = ROOT) -> Catalogue:
    """Load and validate the catalogue (cached while no file changed)."""
    key = str(root)
    fingerprint = _fingerprint(root)
    cached = _cache.get(key)
    if cached and cached[0] == fingerprint:
        return cached[1]
    try:
        loaded = catalogue_files.read(root)
    except CatalogueError as exc:
        raise PluginError(exc.report()) from None
    _cache[key] = (fingerprint, loaded)
    return loaded
