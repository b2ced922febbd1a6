"""`mkdocs build --strict`: the real catalogue builds; a broken one stops the build with one clear
line per problem, no traceback, and no site folder."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from koensbalance.catalogue import files
from tests.support.build import ROOT, mkdocs_build
from tests.support.fixtures import broken_cases, expected_lines, make_catalogue

pytestmark = pytest.mark.build


def test_real_catalogue_builds_every_entry_page(built_site: Path) -> None:
    catalogue = files.read(ROOT)
    for entry in catalogue.entries:
        page = built_site / entry.url / "index.html"
        assert page.exists(), f"no page for {entry.id}"
    for source in catalogue.sources:
        assert (built_site / "kilder" / source.id / "index.html").exists()


def test_pages_are_danish_and_load_no_google_fonts(built_site: Path) -> None:
    html = (built_site / "index.html").read_text(encoding="utf-8")
    assert '<html lang="da"' in html
    for page in built_site.rglob("*.html"):
        assert "fonts.googleapis.com" not in page.read_text(encoding="utf-8"), page


def test_widget_page_has_build_time_result_and_table(built_site: Path) -> None:
    html = (built_site / "maaltal" / "balance" / "index.html").read_text(encoding="utf-8")
    assert "Nej – gruppen er ikke kønsbalanceret." in html  # default 2 women, 5 men
    rows = re.findall(r'<tr><th scope="row">(\d+)</th><td>(\d+)</td>', html)
    # One rule for every size (issue 20): at least 40 pct., rounded up; 1 and 3 cannot be balanced.
    assert [(int(a), int(b)) for a, b in rows][:8] == [(2, 1), (4, 2), (5, 2), (6, 3), (7, 3),
                                                       (8, 4), (9, 4), (10, 4)]
    assert len(rows) == 18
    assert re.findall(r'<tr data-kb-unachievable><th scope="row">(\d+)</th>', html) == ["1", "3"]


def test_pyodide_runtime_and_our_wheel_are_self_hosted(built_site: Path) -> None:
    base = built_site / "assets" / "pyodide"
    for name in ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip"):
        assert (base / name).stat().st_size > 0
    lock = json.loads((base / "pyodide-lock.json").read_text(encoding="utf-8"))
    ours = lock["packages"]["koensbalance"]
    # Every widget loads koensbalance: it must stay light (the planner loads its libraries itself).
    assert (base / ours["file_name"]).exists() and ours["depends"] == []
    shipped = {p.name for p in base.glob("*.whl")}
    for name in ("icalendar", "segno", "python-dateutil", "tzdata"):
        package = lock["packages"][name]
        assert package["file_name"] in shipped, f"{name} is in the lock file but not in the site"
        assert all(lock["packages"][d]["file_name"] in shipped for d in package["depends"])


@pytest.mark.parametrize("case", broken_cases())
def test_broken_catalogue_stops_the_build(tmp_path: Path, case: str) -> None:
    site = tmp_path / "site"
    result = mkdocs_build(site, make_catalogue(tmp_path / "cat", case))
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    for expected in expected_lines(case):
        assert any(expected in line for line in result.stderr.splitlines()), \
            f"{expected!r} not in:\n{result.stderr[-3000:]}"
    assert not site.exists(), "a site was produced from a broken catalogue"


def test_macro_error_leaves_no_half_built_site(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# Forside\n\n{{ findes_ikke() }}\n", encoding="utf-8")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("docs_dir: docs", f"docs_dir: {docs}")
    config = config.replace("custom_dir: overrides", f"custom_dir: {ROOT / 'overrides'}")
    config = config.replace("module_name: macros/main", f"module_name: {ROOT / 'macros' / 'main'}")
    config = config.replace("  - macros/hooks.py", f"  - {ROOT / 'macros' / 'hooks.py'}")
    config = re.sub(r"\nnav:\n(  - .*\n)+", "\n", config)
    config_file = tmp_path / "mkdocs.yml"
    config_file.write_text(config, encoding="utf-8")
    site = tmp_path / "site"
    import os
    import subprocess

    from tests.support.build import MKDOCS

    result = subprocess.run([str(MKDOCS), "build", "--strict", "-f", str(config_file), "-d", str(site)],
                            cwd=ROOT, capture_output=True, text=True, check=False,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode != 0
    assert not site.exists(), "a half-built site was left behind"
