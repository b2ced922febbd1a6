"""The built site's content: no leftover PDF hyphenation, every entry cited, charts with text
alternatives and tables, the glossary and the rules page with its caveat. Personal contact data:
test_personal_data.py (every file and archive member the site ships)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from koensbalance.catalogue import files
from tests.support.build import ROOT

pytestmark = pytest.mark.build

# "kønssammensæt- ningen" is PDF hyphenation; "samarbejds- og MED-udvalg" is a Danish suspended compound.
SUSPENDED_COMPOUND_NEXT = {"og", "eller", "samt", "til", "som", "hhv", "men", "end", "&"}
HYPHEN_BREAK = re.compile(r"\b(\w{2,})- (\w+)")


class _Text(HTMLParser):
    """Visible text of <article> (the page content), without scripts and SVG internals."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.skip = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "article":
            self.depth += 1
        if tag in ("script", "style", "svg"):
            self.skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self.depth -= 1
        if tag in ("script", "style", "svg"):
            self.skip -= 1

    def handle_data(self, data: str) -> None:
        if self.depth > 0 and not self.skip:
            self.parts.append(data)


def article_text(page: Path) -> str:
    parser = _Text()
    parser.feed(page.read_text(encoding="utf-8"))
    return " ".join(" ".join(parser.parts).split())


def all_pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if "assets" not in p.parts)


def test_no_leftover_pdf_hyphenation_in_running_text(built_site: Path) -> None:
    leftovers = []
    for page in all_pages(built_site):
        for match in HYPHEN_BREAK.finditer(article_text(page)):
            if match.group(2).lower() not in SUSPENDED_COMPOUND_NEXT:
                leftovers.append((page.relative_to(built_site).as_posix(), match.group(0)))
    assert leftovers == []


def test_every_entry_page_cites_its_source_and_section(built_site: Path) -> None:
    catalogue = files.read(ROOT)
    for entry in catalogue.entries:
        text = article_text(built_site / entry.url / "index.html")
        source = catalogue.source(entry.citation.source)
        assert source.title in text and f"Afsnit: {' '.join(entry.citation.section.split())}" in text, \
            entry.id


def test_comparisons_are_charts_with_text_alternative_and_table(built_site: Path) -> None:
    catalogue = files.read(ROOT)
    charted = [e for e in catalogue.of_type("noegletal") if e.data["diagram"]]
    assert len(charted) >= 8
    for figure in charted:
        html = (built_site / figure.url / "index.html").read_text(encoding="utf-8")
        assert '<svg xmlns="http://www.w3.org/2000/svg" role="img"' in html
        desc = re.search(r'<desc id="[^"]+">([^<]+)</desc>', html)
        assert desc, figure.id
        for value in figure.data["vaerdier"]:
            assert value["etiket"] in desc.group(1)  # every bar is in the text alternative
        assert html.count("<rect class=\"kb-chart__bar\"") == len(figure.data["vaerdier"])
        assert "<table>" in html  # the numbers as a table next to the chart


def test_glossary_lists_every_concept_and_entry_pages_link_them(built_site: Path) -> None:
    catalogue = files.read(ROOT)
    glossary = article_text(built_site / "begreber" / "index.html")
    for concept in catalogue.of_type("begreb"):
        assert concept.title in glossary
    page = (built_site / "initiativer" / "styrk-koensdiversitet-i-udvaelgelsen-af-kandidater" /
            "index.html").read_text(encoding="utf-8")
    assert 'href="../../begreber/bias/"' in page and "<abbr title=\"Bias er mønstre" in page


def test_rules_page_says_where_to_check_the_current_rules(built_site: Path) -> None:
    text = article_text(built_site / "regler" / "index.html")
    assert "lov nr. 1470 af 10. december 2024" in text
    assert "ikke juridisk rådgivning" in text
    for rule in files.read(ROOT).of_type("regel"):
        assert rule.title in text
        rule_text = article_text(built_site / rule.url / "index.html")
        assert "Tjek de gældende regler" in rule_text and "lov nr. 1470" in rule_text
