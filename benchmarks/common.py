"""Shared by the benchmark modules: a freshly built site in a temporary folder, and the table printer."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.support.build import mkdocs_build


@contextmanager
def built_site() -> Iterator[Path]:
    """Build the real site into a temporary folder (removed afterwards); raise if the build fails."""
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        result = mkdocs_build(site)
        if result.returncode != 0:
            raise RuntimeError(f"mkdocs build failed:\n{result.stderr[-4000:]}")
        yield site


def print_table(rows: list[tuple[str, str]]) -> None:
    width = max(len(label) for label, _ in rows)
    print(f"{'measure'.ljust(width)} | value")
    print(f"{'-' * width}-|------")
    for label, value in rows:
        print(f"{label.ljust(width)} | {value}")
