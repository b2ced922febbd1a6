"""Pure page generation: catalogue model -> list of pages (path + Markdown).

Nothing here knows about MkDocs; the hook hands the result to MkDocs as generated files, and a
move to another static generator only needs another thin adapter."""

from __future__ import annotations

from dataclasses import dataclass
from posixpath import relpath

from markupsafe import Markup

from koensbalance.catalogue import Catalogue, Entry
from koensbalance.catalogue.model import ENTRY_TYPES
from koensbalance.charts import bar_chart
from macros import glossary, render

SOURCES_FOLDER = "kilder"


@dataclass(frozen=True)
class GeneratedPage:
    path: str  # e.g. "initiativer/mentorordninger.md" (the URL is initiativer/mentorordninger/)
    markdown: str


def entry_path(entry: Entry) -> str:
    return f"{entry.type.folder}/{entry.id}.md"


def source_path(source_id: str) -> str:
    return f"{SOURCES_FOLDER}/{source_id}.md"


def link(from_path: str, to_path: str) -> str:
    """Relative Markdown link between two pages, so MkDocs checks it and it works offline."""
    return relpath(to_path, start=from_path.rsplit("/", 1)[0] if "/" in from_path else ".")


def chart(figure: Entry) -> Markup:
    """Inline SVG bar chart of a nøgletal entry (only those marked `diagram: true`)."""
    data = figure.data
    values = [(v["etiket"], float(v["vaerdi"])) for v in data["vaerdier"]]
    caption = f"{data['population']}, {data['aar']}"
    return render.html_block("partials/bar_chart.html", chart=bar_chart(values, data["enhed"]),
                             title=figure.title, caption=caption, chart_id=f"diagram-{figure.id}")


def _charts(catalogue: Catalogue, entry: Entry) -> list[Markup]:
    by_id = catalogue.by_id()
    figures = [entry] if entry.type.name == "noegletal" else \
        [by_id[i] for i in entry.data.get("noegletal") or ()]
    return [chart(f) for f in figures if f.type.name == "noegletal" and f.data.get("diagram")]


def _entry_page(catalogue: Catalogue, entry: Entry) -> GeneratedPage:
    path = entry_path(entry)
    related = catalogue.related_to(entry)
    by_id = catalogue.by_id()
    markdown = render.render(
        "entries/page.md.html",
        entry=entry,
        data=entry.data,
        source=catalogue.source(entry.citation.source),
        source_link=link(path, source_path(entry.citation.source)),
        root=link(path, "index.md").removesuffix("index.md"),  # for links to site pages
        areas=[catalogue.term("indsatsomraader", a) for a in entry.areas],
        target_groups=[catalogue.term("maalgrupper", g) for g in entry.target_groups],
        sectors=[catalogue.term("sektorer", s) for s in entry.sectors],
        related=[(r, link(path, entry_path(r))) for r in related],
        figures=[(by_id[i], link(path, entry_path(by_id[i]))) for i in entry.data.get("noegletal") or ()],
        charts=_charts(catalogue, entry),
    )
    concepts = glossary.concepts_in(entry, catalogue)
    markdown += render.render("entries/concepts.md.html",
                              concepts=[(c, link(path, entry_path(c))) for c, _ in concepts],
                              abbreviations=glossary.abbreviations(concepts), tooltip=glossary.tooltip)
    return GeneratedPage(path, markdown)


def _source_page(catalogue: Catalogue, source_id: str) -> GeneratedPage:
    path = source_path(source_id)
    groups = []
    for etype in ENTRY_TYPES:
        entries = [e for e in catalogue.of_type(etype.name) if e.citation.source == source_id]
        if entries:
            groups.append((etype, [(e, link(path, entry_path(e))) for e in entries]))
    markdown = render.render("entries/source.md.html", source=catalogue.source(source_id),
                             groups=groups)
    return GeneratedPage(path, markdown)


def generate(catalogue: Catalogue) -> list[GeneratedPage]:
    """Every page generated from the catalogue: one per entry, one per source document."""
    pages = [_entry_page(catalogue, entry) for entry in catalogue.entries]
    pages += [_source_page(catalogue, source.id) for source in catalogue.sources]
    return pages
