"""The built site's search: Pagefind's bundle from the build, only entry pages indexed, each with its
filters, search words and the parts left out; no Material search anywhere; a no-JS link in the header."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from macros import search_index

from koensbalance.catalogue import files
from tests.support.build import ROOT

pytestmark = pytest.mark.build


def html(site: Path, rel: str) -> str:
    return (site / rel / "index.html").read_text(encoding="utf-8")


def test_every_entry_and_nothing_else_is_indexed(built_site: Path) -> None:
    catalogue = files.read(ROOT)
    entry = json.loads((built_site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert entry["languages"]["da"]["page_count"] == len(catalogue.entries)  # stemmed as Danish
    for e in catalogue.entries:
        assert html(built_site, e.url).count("data-pagefind-body") == 1, e.id
    for page in ("", "find/", "katalog/", "maaltal/balance/", "kilder/ledermobilitet/",
                 "omraader/rekruttering/"):
        assert "data-pagefind-body" not in html(built_site, page), page


def test_an_entry_page_gives_pagefind_its_filters_and_search_words(built_site: Path) -> None:
    catalogue = files.read(ROOT)
    entry = catalogue.by_id()["overvej-mentorordninger-netvaerk-eller-ledelseskurser"]
    page = html(built_site, entry.url)
    for key, values in search_index.filters(entry, catalogue).items():
        for value in values:
            assert f'data-pagefind-filter="{key}:{value}"' in page, (key, value)
    words = re.search(r'<p hidden data-pagefind-weight="3">([^<]*)</p>', page)
    assert words and "mentorordning" in words.group(1)
    assert re.search(r'<div data-pagefind-ignore>\s*<h2 [^>]*id="kilde"', page)
    assert '<div class="kb-plan-toggle" data-pagefind-ignore ' in page  # a button, not content
    assert '<p class="kb-entry-meta" data-pagefind-ignore>' in page  # the badges are the filters


def test_material_search_is_not_shipped_and_the_header_links_to_the_filter_page(built_site: Path) -> None:
    assert not (built_site / "search").exists()
    assert not list(built_site.glob("assets/javascripts/workers/search.*"))
    assert not (built_site / "assets" / "javascripts" / "lunr").exists()
    page = html(built_site, "katalog")
    assert 'data-md-component="search"' not in page
    link = re.search(r'<a class="[^"]*kb-search__link[^"]*" href="([^"]+)"', page)
    assert link and link.group(1) == "../find/"  # without JavaScript: the list of every entry
    assert re.search(r'<form [^>]*data-kb-search-form hidden', page)
    assert '<script type="module" src="../assets/js/search.js"></script>' in page
