"""`mkdocs build --strict` on a hostile catalogue file (issue #15's reported cases): the build stops
with the same one Danish line as `python -m koensbalance.catalogue`, no traceback, nothing written."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.build import mkdocs_build
from tests.support.fixtures import expected_lines, make_catalogue


@pytest.mark.parametrize("case", ["alias-bomb", "deep-nesting"])
def test_hostile_file_stops_the_build_with_one_danish_line(tmp_path: Path, case: str) -> None:
    site = tmp_path / "site"
    result = mkdocs_build(site, make_catalogue(tmp_path / "cat", case))
    assert result.returncode != 0
    assert "Traceback" not in result.stderr + result.stdout
    lines = result.stderr.splitlines()
    start = next(i for i, line in enumerate(lines) if "Kataloget har" in line)
    assert lines[start].endswith("Kataloget har 1 fejl – ret dem og byg igen:")
    assert lines[start + 1].startswith(expected_lines(case)[0]), lines[start:]
    assert not any(line.startswith("catalogue/") for line in lines[start + 2:]), lines[start:]
    assert not site.exists(), "a site was produced from a broken catalogue"


def test_a_data_file_error_stops_the_build_like_an_entry_error(tmp_path: Path) -> None:
    """The plan checklist naming a missing entry: the catalogue check's line, not a macro's own error."""
    site = tmp_path / "site"
    result = mkdocs_build(site, make_catalogue(tmp_path / "cat", "checklist-unknown-entry"))
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert expected_lines("checklist-unknown-entry")[0] in result.stderr.splitlines()
    assert not site.exists()
