"""Material's built-in search (lang: da) in headless Chromium: typed into the search box, results read
from the page. Material appends a trailing wildcard to every query word, so a word finds its longer
Danish inflected forms ("rekruttering" finds "rekrutteringen")."""

from __future__ import annotations

from typing import Any

import pytest

from koensbalance.catalogue import files
from tests.support.build import ROOT

pytestmark = pytest.mark.browser
ENTRY_ID = "nedsaet-et-lille-men-mangfoldigt-ansaettelsesudvalg"


def search(page: Any, site_url: str, query: str) -> None:
    page.goto(site_url)
    page.click("input.md-search__input")
    page.type("input.md-search__input", query, delay=10)
    page.wait_for_function(
        "() => { const m = document.querySelector('.md-search-result__meta');"
        " return m && /resultat/.test(m.textContent); }", polling=50, timeout=20_000)


def result_for(page: Any, entry_id: str) -> Any:
    return page.locator(".md-search-result__item", has=page.locator(f"a[href*='/{entry_id}/']"))


def test_the_entry_says_rekrutteringen_not_rekruttering() -> None:
    entry = files.read(ROOT).by_id()[ENTRY_ID]
    words = " ".join([entry.title, entry.summary or "", str(entry.data.get("hvorfor", ""))]).lower().split()
    assert any(w.startswith("rekrutteringen") for w in words)
    assert "rekruttering" not in {w.strip(".,") for w in words}


def test_search_for_rekruttering_finds_the_entry_that_says_rekrutteringen(page: Any, site_url: str) -> None:
    search(page, site_url, "rekruttering mangfoldigt")
    result = result_for(page, ENTRY_ID)
    result.first.wait_for(timeout=10_000)
    marked = [m.strip(".,").lower() for m in result.first.locator("mark").all_text_contents()]
    assert "rekrutteringen" in marked, marked  # the inflected form in the text matched the query


def test_search_for_the_inflected_form_finds_the_entry(page: Any, site_url: str) -> None:
    search(page, site_url, "rekrutteringen")
    assert result_for(page, ENTRY_ID).count() == 1
    assert "Ingen resultater" not in page.text_content(".md-search-result__meta")
