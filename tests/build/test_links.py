"""Gate: no broken internal link or anchor anywhere in the built site."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.support.html_index import broken_links, parse_site

pytestmark = pytest.mark.build


def test_no_broken_internal_links_or_anchors(built_site: Path) -> None:
    pages = parse_site(built_site)
    assert len(pages) > 100
    assert broken_links(built_site, pages) == []


def test_the_gate_catches_a_planted_broken_link_and_anchor(built_site: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(built_site, site, ignore=shutil.ignore_patterns("pyodide"))
    page = site / "katalog" / "index.html"
    html = page.read_text(encoding="utf-8")
    page.write_text(html.replace("</article>", '<a href="../findes-ikke/">x</a>'
                                 '<a href="../regler/#intet-anker">y</a></article>', 1),
                    encoding="utf-8")
    problems = broken_links(site, parse_site(site))
    assert any("findes-ikke" in p for p in problems)
    assert any("#intet-anker" in p for p in problems)
