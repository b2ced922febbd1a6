"""Fixture catalogues: the real catalogue (its data files name real entries, and the loader checks
that they exist) plus two example entries, optionally with a broken overlay from
tests/fixtures/broken/<case>/."""

from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
BROKEN = FIXTURES / "broken"


def broken_cases() -> list[str]:
    return sorted(p.name for p in BROKEN.iterdir() if p.is_dir())


def expected_lines(case: str) -> list[str]:
    return (BROKEN / case / "expected.txt").read_text(encoding="utf-8").splitlines()


def problems(root: Path) -> list[str]:
    """The lines the catalogue check prints for the catalogue under root (after the count); fails
    the test if it loads."""
    from koensbalance.catalogue import CatalogueError, files

    try:
        files.read(root)
    except CatalogueError as exc:
        return exc.report().splitlines()[1:]
    raise AssertionError(f"the catalogue under {root} loaded without problems")


def make_catalogue(target: Path, broken_case: str | None = None) -> Path:
    """Assemble a catalogue under target/catalogue; returns target (use as KB_CATALOGUE_DIR)."""
    shutil.copytree(ROOT / "catalogue", target / "catalogue")
    shutil.copytree(FIXTURES / "catalogue-base" / "catalogue", target / "catalogue",
                    dirs_exist_ok=True)
    if broken_case:
        shutil.copytree(BROKEN / broken_case, target, dirs_exist_ok=True,
                        ignore=shutil.ignore_patterns("expected.txt"))
    return target
