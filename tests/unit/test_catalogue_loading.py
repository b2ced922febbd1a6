"""Loading and validating catalogue files: every problem found, each in one Danish line that names
the file, the line, the entry and the field."""

from __future__ import annotations

from pathlib import Path

import pytest

from koensbalance.catalogue import CatalogueError, files
from tests.support.fixtures import ROOT, broken_cases, expected_lines, make_catalogue


def test_the_real_catalogue_is_valid() -> None:
    catalogue = files.read(ROOT)
    assert len(catalogue.entries) > 0
    assert {s.id for s in catalogue.sources} == {
        "koensbalance-i-ledelse", "ligestillingsvurdering", "indberetning-maaltal",
        "region-nordjylland-ligestillingsplan", "ledermobilitet"}


def test_fixture_catalogue_loads_with_typed_entries(tmp_path: Path) -> None:
    catalogue = files.read(make_catalogue(tmp_path))
    entry = catalogue.by_id()["eksempel-initiativ"]
    assert entry.type.name == "initiativ" and entry.url == "initiativer/eksempel-initiativ/"
    assert entry.areas == ("rekruttering",) and entry.citation.source == "koensbalance-i-ledelse"
    assert entry.data["hvorfor"] is None  # every schema field is present, absent ones are None
    # related entries work both ways
    begreb = catalogue.by_id()["eksempel-begreb"]
    assert [e.id for e in catalogue.related_to(begreb)] == ["eksempel-initiativ"]


@pytest.mark.parametrize("case", broken_cases())
def test_broken_file_gives_the_expected_line(tmp_path: Path, case: str) -> None:
    with pytest.raises(CatalogueError) as caught:
        files.read(make_catalogue(tmp_path, case))
    lines = caught.value.report().splitlines()
    assert lines[0].startswith("Kataloget har")
    for expected in expected_lines(case):
        assert any(expected in line for line in lines[1:]), f"{expected!r} not in {lines}"
    assert all("Traceback" not in line for line in lines)


def test_all_problems_are_reported_together(tmp_path: Path) -> None:
    root = make_catalogue(tmp_path, "unknown-taxonomy")
    (root / "catalogue" / "begreber" / "eksempel-begreb.yaml").write_text("", encoding="utf-8")
    with pytest.raises(CatalogueError) as caught:
        files.read(root)
    assert len(caught.value.problems) >= 3


def test_huge_file_is_rejected_without_parsing(tmp_path: Path) -> None:
    root = make_catalogue(tmp_path)
    huge = root / "catalogue" / "begreber" / "kaempe.yaml"
    huge.write_text("id: kaempe\ndefinition: " + "x" * 600_000 + "\n", encoding="utf-8")
    with pytest.raises(CatalogueError) as caught:
        files.read(root)
    assert "catalogue/begreber/kaempe.yaml: filen er for stor (585 kB; højst 512 kB)" in \
        caught.value.report()


def test_duplicate_keys_are_problems(tmp_path: Path) -> None:
    root = make_catalogue(tmp_path)
    path = root / "catalogue" / "begreber" / "eksempel-begreb.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "titel: Igen\n", encoding="utf-8")
    with pytest.raises(CatalogueError) as caught:
        files.read(root)
    assert "eksempel-begreb.yaml:8: feltet 'titel' står to gange" in caught.value.report()


def test_missing_taxonomy_file_is_named(tmp_path: Path) -> None:
    root = make_catalogue(tmp_path)
    (root / "catalogue" / "taksonomier" / "maalgrupper.yaml").unlink()
    with pytest.raises(CatalogueError) as caught:
        files.read(root)
    assert "catalogue/taksonomier/maalgrupper.yaml: filen mangler" in caught.value.report()
