"""Browse and filter: the facets of the "Find inspiration" page, its build-time JSON index, the
no-JavaScript list of every entry grouped by area, and the overview pages per area.

Everything here is a pure function of the catalogue; the macros only render templates with it.
overrides/assets/js/filter.js reads the same index in the browser (the facet keys below are also the
URL query keys, e.g. find/?omraade=rekruttering)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markupsafe import Markup

from koensbalance.catalogue import Catalogue, Entry
from koensbalance.catalogue.model import ENTRY_TYPES
from macros import pages, render

FIND_PAGE = "find.md"
AREAS_FOLDER = "omraader"
AREAS_INDEX = f"{AREAS_FOLDER}/index.md"
TEXT_KEY = "tekst"  # the free-text box; also a URL query key
TEXT_MAX = 200  # longest free text the page accepts (longer values from a URL are reported, not used)
NO_AREA = "Andre poster"  # heading for entries without an area in the no-JS list
SUMMARY_MAX = 220  # the one-line summary in results


@dataclass(frozen=True)
class FacetValue:
    id: str
    label: str
    count: int  # entries with this value in the whole catalogue (the no-filter count)


@dataclass(frozen=True)
class Facet:
    key: str  # URL query key and form field name (ASCII)
    legend: str  # Danish
    values: tuple[FacetValue, ...]


def area_path(area_id: str) -> str:
    return f"{AREAS_FOLDER}/{area_id}.md"


def filter_href(from_path: str, key: str, value: str) -> str:
    """Markdown link from a page to the filter page filtered on one value (MkDocs checks find.md)."""
    return f"{pages.link(from_path, FIND_PAGE)}?{key}={value}"


def _values(entry: Entry, key: str) -> tuple[str, ...]:
    if key == "omraade":
        return entry.areas
    if key == "maalgruppe":
        return entry.target_groups
    if key == "sektor":
        return entry.sectors
    if key == "type":
        return (entry.type.name,)
    if key == "kilde":
        return (entry.citation.source,)
    raise KeyError(key)


def facets(catalogue: Catalogue) -> tuple[Facet, ...]:
    """The filter's facets in display order; values in taxonomy order, only those in use."""
    candidates: list[tuple[str, str, list[tuple[str, str]]]] = [
        ("omraade", "Indsatsområde", [(t.id, t.label) for t in catalogue.taxonomies["indsatsomraader"]]),
        ("maalgruppe", "Målgruppe", [(t.id, t.label) for t in catalogue.taxonomies["maalgrupper"]]),
        ("sektor", "Sektor", [(t.id, t.label) for t in catalogue.taxonomies["sektorer"]]),
        ("type", "Type", [(t.name, t.label) for t in ENTRY_TYPES]),
        ("kilde", "Kildedokument", [(s.id, s.short_name) for s in catalogue.sources]),
    ]
    result = []
    for key, legend, values in candidates:
        counted = [FacetValue(vid, label, sum(1 for e in catalogue.entries if vid in _values(e, key)))
                   for vid, label in values]
        result.append(Facet(key, legend, tuple(v for v in counted if v.count)))
    return tuple(result)


DANISH_LETTERS = str.maketrans({"æ": "{0", "ø": "{1", "å": "{2"})


def sort_key(title: str) -> str:
    """Danish alphabetical order: æ, ø, å after z."""
    return title.casefold().translate(DANISH_LETTERS)


def one_line(text: str | None, limit: int = SUMMARY_MAX) -> str:
    words = " ".join((text or "").split())
    if len(words) <= limit:
        return words
    return words[: limit - 1].rsplit(" ", 1)[0].rstrip(" –-,;:") + "…"


def sorted_entries(catalogue: Catalogue) -> list[Entry]:
    return sorted(catalogue.entries, key=lambda e: sort_key(e.title))


def filter_index(catalogue: Catalogue) -> dict[str, Any]:
    """The JSON index filter.js filters: labels per facet value and one record per entry.

    `url` is site-relative (the page resolves it against the site root); `text` is what the free-text
    box searches (title, summary and the entry's facet labels, lower-cased)."""
    facet_list = facets(catalogue)
    labels = {f.key: {v.id: v.label for v in f.values} for f in facet_list}
    records = []
    for entry in sorted_entries(catalogue):
        record: dict[str, Any] = {"id": entry.id, "title": entry.title,
                                  "summary": one_line(entry.summary), "url": entry.url}
        words = [entry.title, entry.summary or ""]
        for facet in facet_list:
            values = list(_values(entry, facet.key))
            record[facet.key] = values
            words += [labels[facet.key][v] for v in values]
        record["text"] = " ".join(" ".join(words).split()).casefold()
        records.append(record)
    return {
        "facets": [{"key": f.key, "legend": f.legend,
                    "values": [{"id": v.id, "label": v.label} for v in f.values]} for f in facet_list],
        "textKey": TEXT_KEY,
        "textMax": TEXT_MAX,
        "entries": records,
    }


@dataclass(frozen=True)
class ListedEntry:
    title: Markup
    href: str
    summary: Markup
    meta: str  # "Initiativ · Kønsbalance i ledelse"


def md_text(text: str) -> Markup:
    """Catalogue text for Markdown: HTML-escaped, and '[' ']' as entities so it cannot form a link."""
    return Markup(str(Markup.escape(text)).replace("[", "&#91;").replace("]", "&#93;"))


def _listed(catalogue: Catalogue, here: str, entry: Entry) -> ListedEntry:
    source = catalogue.source(entry.citation.source)
    return ListedEntry(md_text(entry.title), pages.link(here, pages.entry_path(entry)),
                       md_text(one_line(entry.summary)), f"{entry.type.label} · {source.short_name}")


def grouped_by_area(catalogue: Catalogue, here: str) -> list[tuple[str, str, list[ListedEntry]]]:
    """(anchor id, heading, entries) per area in taxonomy order, then entries without an area.
    An entry with several areas is listed under each of them."""
    entries = sorted_entries(catalogue)
    groups = []
    for term in catalogue.taxonomies["indsatsomraader"]:
        members = [_listed(catalogue, here, e) for e in entries if term.id in e.areas]
        if members:
            groups.append((f"omraade-{term.id}", term.label, members))
    rest = [_listed(catalogue, here, e) for e in entries if not e.areas]
    if rest:
        groups.append(("uden-omraade", NO_AREA, rest))
    return groups


def area_pages(catalogue: Catalogue) -> list[pages.GeneratedPage]:
    """One overview page per area (omraader/<id>.md): its description and entries by type."""
    result = []
    ordered = sorted_entries(catalogue)
    for term in catalogue.taxonomies["indsatsomraader"]:
        path = area_path(term.id)
        groups = []
        for etype in ENTRY_TYPES:
            members = [e for e in ordered if e.type == etype and term.id in e.areas]
            if members:
                groups.append((etype, [_listed(catalogue, path, e) for e in members]))
        markdown = render.render("browse/area.md.html", term=term, groups=groups,
                                 filter_link=filter_href(path, "omraade", term.id),
                                 areas_link=pages.link(path, AREAS_INDEX))
        result.append(pages.GeneratedPage(path, markdown))
    return result


def current_page(env: Any) -> str:
    return str(env.page.file.src_uri)


def served_as(src: str) -> str:
    """The page's place in the built site (directory URLs): find.md is served as find/index.html,
    so links written into raw HTML (not checked by MkDocs) are relative to find/."""
    if src == "index.md" or src.endswith("/index.md"):
        return src
    return src.removesuffix(".md") + "/index.md"


def register(env: Any, catalogue: Catalogue) -> None:
    @env.macro
    def filter_page() -> Markup:
        """The filter form (shown by filter.js), its JSON index, and the no-JS list by area."""
        here = current_page(env)
        return Markup(render.render(
            "browse/filter.html", facets=facets(catalogue), index=filter_index(catalogue),
            groups=grouped_by_area(catalogue, here), total=len(catalogue.entries),
            text_key=TEXT_KEY, text_max=TEXT_MAX,
            site_root=pages.link(served_as(here), "index.md").removesuffix("index.md"),
            script=pages.link(served_as(here), "assets/js/filter.js")))

    @env.macro
    def area_list() -> Markup:
        """Markdown list of the areas, each linking to its overview page, with its description."""
        here = current_page(env)
        counts = {v.id: v.count for v in facets(catalogue)[0].values}
        lines = [f"- [{md_text(t.label)}]({pages.link(here, area_path(t.id))}) "
                 f"({counts.get(t.id, 0)} poster)"
                 + (f" – {md_text(t.description)}" if t.description else "")
                 for t in catalogue.taxonomies["indsatsomraader"]]
        return Markup("\n".join(lines))

    @env.macro
    def entry_summaries(type: str | None = None, source: str | None = None,
                        tema: str | None = None) -> Markup:
        """Markdown list of entries with their summaries (numbered entries in their own order)."""
        here = current_page(env)
        chosen = [e for e in catalogue.entries
                  if (type is None or e.type.name == type)
                  and (source is None or e.citation.source == source)
                  and (tema is None or e.data.get("tema") == tema)]
        numbered = all("nummer" in e.data for e in chosen)
        if numbered:
            chosen.sort(key=lambda e: int(e.data["nummer"]))
        marker = "1." if numbered else "-"
        lines = [f"{marker} [{md_text(e.title)}]({pages.link(here, pages.entry_path(e))})"
                 + (f" – {md_text(one_line(e.summary, 400))}" if e.summary else "")
                 for e in chosen]
        return Markup("\n".join(lines) if lines else "*Ingen poster endnu.*")

    @env.macro
    def page_exists(path: str) -> bool:
        """Whether docs/<path> exists, so a page can link to a page another feature is still building."""
        return (Path(env.conf["docs_dir"]) / path).is_file()

    @env.macro
    def find_link(key: str | None = None, value: str | None = None) -> str:
        """Relative link to the filter page, optionally filtered on one value."""
        here = current_page(env)
        if key is None or value is None:
            return pages.link(here, FIND_PAGE)
        return filter_href(here, key, value)
