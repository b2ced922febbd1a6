"""Browse pages in the built site: the filter page's no-JS list and JSON index, area overview pages,
entry-page links to the filtered view and breadcrumb, and the front page's ways in."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest
from macros import browse_macros, render

from koensbalance.catalogue import files
from tests.support.build import ROOT
from tests.support.fixtures import make_catalogue

pytestmark = pytest.mark.build


def html(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def links(page_html: str, base: str) -> list[str]:
    """Site-relative targets of every <a href> on a page served at `base` (e.g. 'find/')."""
    hrefs = re.findall(r'<a [^>]*href="([^"]+)"', page_html)
    return [urlsplit(urljoin("http://x/" + base, h)).path.lstrip("/") +
            ("?" + urlsplit(h).query if urlsplit(h).query else "")
            for h in hrefs if not h.startswith(("http", "#", "mailto:"))]


def exists(site: Path, target: str) -> bool:
    path = urlsplit(target).path
    return (site / path / "index.html").exists() or (site / path).is_file()


def test_filter_page_lists_every_entry_by_area_with_working_links(built_site: Path) -> None:
    catalogue = files.read(ROOT)
    page = html(built_site, "find")
    static = page.split("data-kb-static", 1)[1]
    targets = {t for t in links(static, "find/") if not t.startswith("find")}
    assert {e.url for e in catalogue.entries} <= targets
    assert all(exists(built_site, t) for t in targets)
    for term in catalogue.taxonomies["indsatsomraader"]:
        if any(term.id in e.areas for e in catalogue.entries):
            assert f'id="omraade-{term.id}"' in static
    # The form is there for JavaScript to reveal, hidden without it; fieldsets have legends.
    assert re.search(r"<form [^>]*data-kb-filter-form[^>]*hidden", page)
    assert page.count("<fieldset") == page.count("<legend>") == 5
    # The result is read out from its own polite live region; the visible count line, which changes
    # with every keystroke, is not live.
    assert re.search(r'<p [^>]*data-kb-announce role="status" aria-live="polite"', page)
    assert re.search(r"<p [^>]*data-kb-result-count>", page)


def test_json_index_matches_the_catalogue(built_site: Path) -> None:
    catalogue = files.read(ROOT)
    page = html(built_site, "find")
    raw = page.split('id="kb-filter-index">', 1)[1].split("</script>", 1)[0]
    index = json.loads(raw)
    assert len(index["entries"]) == len(catalogue.entries)
    assert [f["key"] for f in index["facets"]] == ["omraade", "maalgruppe", "sektor", "type", "kilde"]
    assert all(exists(built_site, e["url"]) for e in index["entries"])
    entry = next(e for e in catalogue.entries if e.areas and e.target_groups)
    record = next(r for r in index["entries"] if r["id"] == entry.id)
    assert record["omraade"] == list(entry.areas) and record["maalgruppe"] == list(entry.target_groups)


def test_catalogue_text_cannot_break_out_of_the_index(tmp_path: Path) -> None:
    base = files.read(make_catalogue(tmp_path))
    hostile = "</script><script>alert(1)</script> [x](javascript:alert(2))"
    catalogue = replace(base, entries=tuple(replace(e, title=hostile + e.title, summary=hostile)
                                            for e in base.entries))
    out = render.render("browse/filter.html", facets=browse_macros.facets(catalogue),
                        index=browse_macros.filter_index(catalogue),
                        groups=browse_macros.grouped_by_area(catalogue, "find.md"),
                        total=len(catalogue.entries), text_key="tekst", text_max=200,
                        site_root="../", script="../assets/js/filter.js")
    assert "<script>alert" not in out
    static = out.split("data-kb-static", 1)[1]
    assert "](javascript:" not in static and "&#91;x&#93;(javascript:" in static
    assert out.count("</script>") == 2  # the index's own and the module's


def test_area_overview_pages(built_site: Path) -> None:
    catalogue = files.read(ROOT)
    for term in catalogue.taxonomies["indsatsomraader"]:
        page = html(built_site, f"omraader/{term.id}")
        targets = links(page, f"omraader/{term.id}/")
        members = {e.url for e in catalogue.entries if term.id in e.areas}
        assert members <= set(targets), term.id
        assert f"find/?omraade={term.id}" in targets
    overview = html(built_site, "omraader")
    assert all(f"omraader/{t.id}/" in links(overview, "omraader/")
               for t in catalogue.taxonomies["indsatsomraader"])


def test_entry_pages_link_values_to_the_filtered_view(built_site: Path) -> None:
    catalogue = files.read(ROOT)
    facet_values = {f.key: {v.id for v in f.values} for f in browse_macros.facets(catalogue)}
    for entry in catalogue.entries:
        page = html(built_site, entry.url)
        targets = links(page, entry.url)
        filtered = [t for t in targets if t.startswith("find/?")]
        for target in filtered:  # every filter link names a known facet value
            for key, values in parse_qs(urlsplit(target).query).items():
                assert set(values) <= facet_values[key], (entry.id, target)
        expected = {f"find/?type={entry.type.name}"}
        expected |= {f"find/?omraade={a}" for a in entry.areas}
        expected |= {f"find/?maalgruppe={g}" for g in entry.target_groups}
        expected |= {f"find/?sektor={s}" for s in entry.sectors}
        assert expected <= set(filtered), entry.id
        crumbs = page.split('class="kb-breadcrumb"', 1)[1].split("</nav>", 1)[0]
        assert links(crumbs, entry.url)[:2] == ["", "find/"]
        for other in catalogue.related_to(entry):  # related both ways
            assert other.url in targets, (entry.id, other.id)


def test_front_page_ways_in(built_site: Path) -> None:
    page = html(built_site, "")
    targets = links(page.split("Hvor vil du starte?", 1)[1], "")
    assert {"find/", "maaltal/balance/", "maaltal/saet-maaltal/", "workshop/", "plan/", "omraader/"} \
        <= set(targets)
    assert all(exists(built_site, t) for t in links(page, ""))
    catalogue = files.read(ROOT)
    steps = [e for e in catalogue.entries if e.data.get("tema") == "Sådan kommer I godt i gang"]
    assert len(steps) == 3 and all(e.url in targets for e in steps)
    assert all(f"kilder/{s.id}/" in targets for s in catalogue.sources)


def test_print_layout_hides_navigation_and_shows_link_targets(built_site: Path) -> None:
    css = (built_site / "assets" / "css" / "browse.css").read_text(encoding="utf-8")
    printed = css.split("@media print", 1)[1]
    assert ".md-sidebar" in printed and ".md-header" in printed and "attr(href)" in printed
    assert 'href="../../assets/css/browse.css"' in html(built_site, files.read(ROOT).entries[0].url)
