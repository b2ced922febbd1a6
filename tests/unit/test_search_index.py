"""The site search's build glue (macros/search_index.py): what an entry page gives Pagefind, the search
words and glossary terms indexed with an entry, the `soegeord` field's validation, and a build that
stops with one Danish line when Pagefind does not index every entry."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from macros import search_index

from koensbalance.catalogue import CatalogueError, files
from tests.support.fixtures import ROOT, make_catalogue

PAGE = """<nav class="kb-breadcrumb"><ol><li>Forside</li></ol></nav>
<h1 id="titel">Titel</h1>
<p class="kb-entry-meta"><a class="kb-badge">Initiativ</a></p>
<div class="kb-plan-toggle" hidden><button>Tilføj til min plan</button></div>
<p class="kb-lead">Resuméet.</p>
<h2 id="hvorfor">Hvorfor</h2><p>Brødtekst.</p>
<h2 id="relaterede-poster">Relaterede poster</h2><ul><li>En anden post</li></ul>
<h2 id="kilde">Kilde</h2><div class="kb-citation">Kildens titel</div>
<h2 id="begreber-i-teksten">Begreber i teksten</h2><ul><li>Bias – definitionen</li></ul>"""


def ignored_parts(html: str) -> list[str]:
    return re.findall(r"<div data-pagefind-ignore>(.*?)</div>\n", html, re.DOTALL)


def test_entry_content_is_the_body_and_weighted_title_summary_body() -> None:
    html = search_index.mark_entry(PAGE, ["mentorordning"], ["bias", "biasbevidst"],
                                   {"type": ["Initiativ"], "omraade": ["Rekruttering", "Kultur"]})
    assert html.startswith("<div data-pagefind-body>") and html.endswith("</div>")
    weights = dict(re.findall(r'<(h1|p class="kb-lead") data-pagefind-weight="([\d.]+)"', html))
    assert float(weights["h1"]) > float(weights['p class="kb-lead"']) > 1.0  # body text weighs 1
    assert '<h2 data-pagefind-weight="2" id="hvorfor">' in html
    # What is about other pages or is a control is left out of the index.
    ignored = " ".join(ignored_parts(html))
    for text in ("En anden post", "Kildens titel", "Bias – definitionen"):
        assert text in ignored
    assert "Brødtekst" not in ignored and "Resuméet" not in ignored
    assert '<p class="kb-entry-meta" data-pagefind-ignore>' in html
    assert '<div class="kb-plan-toggle" data-pagefind-ignore' in html
    # Search words and glossary terms: indexed, never shown.
    assert '<p hidden data-pagefind-weight="3">mentorordning</p>' in html
    assert '<p hidden data-pagefind-weight="1">bias · biasbevidst</p>' in html
    filters = re.findall(r'data-pagefind-filter="([^"]+)"', html)
    assert filters == ["type:Initiativ", "omraade:Rekruttering", "omraade:Kultur"]


def test_catalogue_text_cannot_become_markup_in_the_index() -> None:
    html = search_index.mark_entry("<h1>T</h1>", ['<img src=x onerror="x">'], [],
                                   {"kilde": ['A "quoted" <b>source</b>']})
    assert "<img" not in html and "<b>" not in html
    assert 'data-pagefind-filter="kilde:A &quot;quoted&quot; &lt;b&gt;source&lt;/b&gt;"' in html


def test_search_words_and_glossary_terms_of_real_entries() -> None:
    catalogue = files.read(ROOT)
    entry = catalogue.by_id()["overvej-mentorordninger-netvaerk-eller-ledelseskurser"]
    assert "mentorordning" in search_index.search_words(entry)
    concept = catalogue.by_id()["buddyordning"]
    assert {"Buddyordning", "buddyen"} <= set(search_index.search_words(concept))  # its synonyms
    # An entry whose text uses a concept is indexed with the concept's other terms too.
    users = [e for e in catalogue.entries if "Buddyordning" in search_index.glossary_terms(e, catalogue)]
    assert users and all(e.id != "buddyordning" for e in users)
    terms = search_index.glossary_terms(users[0], catalogue)
    assert len({t.casefold() for t in terms}) == len(terms)  # no repeats


def test_filters_are_the_danish_labels_and_the_entry_id() -> None:
    catalogue = files.read(ROOT)
    entry = catalogue.by_id()["nedsaet-et-lille-men-mangfoldigt-ansaettelsesudvalg"]
    got = search_index.filters(entry, catalogue)
    assert got["type"] == [entry.type.label]
    assert got["omraade"] == [catalogue.term("indsatsomraader", a).label for a in entry.areas]
    assert got["kilde"] == [catalogue.source(entry.citation.source).short_name]
    assert got[search_index.ENTRY_FILTER] == [entry.id]


def test_soegeord_must_be_a_list_of_words(tmp_path: Path) -> None:
    root = make_catalogue(tmp_path)
    path = root / "catalogue" / "initiativer" / "eksempel-initiativ.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "soegeord: mentorordning\n", encoding="utf-8")
    with pytest.raises(CatalogueError) as caught:
        files.read(root)
    assert caught.value.report().splitlines()[1:] == [
        "catalogue/initiativer/eksempel-initiativ.yaml:15 (initiativ 'eksempel-initiativ'): "
        "'soegeord' skal være en liste"]
    path.write_text(path.read_text(encoding="utf-8").replace("soegeord: mentorordning",
                                                             "soegeord: [mentorordning]"), encoding="utf-8")
    assert files.read(root).by_id()["eksempel-initiativ"].data["soegeord"] == ["mentorordning"]


def _site(tmp_path: Path, pages: int) -> Path:
    site = tmp_path / "site"
    for n in range(pages):
        page = site / f"p{n}" / "index.html"
        page.parent.mkdir(parents=True)
        page.write_text(f'<html lang="da"><body><div data-pagefind-body><h1>Side {n}</h1>'
                        "<p>Rollemodeller og rekrutteringen.</p></div></body></html>", encoding="utf-8")
    return site


def test_build_indexes_the_pages_and_ships_no_default_ui(tmp_path: Path) -> None:
    site = _site(tmp_path, 2)
    assert search_index.build(site, expected_pages=2) == 2
    bundle = site / search_index.BUNDLE
    assert (bundle / "pagefind.js").is_file() and (bundle / "wasm.da.pagefind").is_file()
    assert not any((bundle / name).exists() for name in search_index.UNUSED)
    assert search_index.bundle_files(site)[0].startswith("pagefind/")


def test_build_stops_with_one_danish_line_when_an_entry_is_missing(tmp_path: Path) -> None:
    site = _site(tmp_path, 1)
    with pytest.raises(search_index.SearchIndexError) as caught:
        search_index.build(site, expected_pages=3)
    assert str(caught.value) == ("Søgeindekset kunne ikke bygges: Pagefind indekserede 1 sider, "
                                 "men kataloget har 3 poster.")
