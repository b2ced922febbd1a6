"""Macros that list catalogue entries and sources on hand-written pages."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from koensbalance.catalogue import Catalogue
from koensbalance.catalogue.model import ENTRY_TYPES
from macros import pages, render


def current_page(env: Any) -> str:
    """Source path of the page being rendered, for relative links that MkDocs checks."""
    return str(env.page.file.src_uri)


def register(env: Any, catalogue: Catalogue) -> None:
    env.variables["entry_types"] = ENTRY_TYPES

    @env.macro
    def entry_list(type: str | None = None, source: str | None = None) -> Markup:
        """Markdown list of entries (optionally of one type / from one source) linking to their pages."""
        entries = [e for e in catalogue.entries
                   if (type is None or e.type.name == type)
                   and (source is None or e.citation.source == source)]
        here = current_page(env)
        lines = [f"- [{render.escape(e.title)}]({pages.link(here, pages.entry_path(e))})"
                 for e in sorted(entries, key=lambda e: e.title)]
        return Markup("\n".join(lines) if lines else "*Ingen poster endnu.*")

    @env.macro
    def source_list() -> Markup:
        here = current_page(env)
        lines = [f"- [{render.escape(s.title)}]({pages.link(here, pages.source_path(s.id))}) – "
                 f"{render.escape(s.publisher)}, {render.escape(s.year)}"
                 for s in catalogue.sources]
        return Markup("\n".join(lines))

    @env.macro
    def entry_count(type: str | None = None) -> int:
        return sum(1 for e in catalogue.entries if type is None or e.type.name == type)

    @env.macro
    def glossary_list() -> Markup:
        """Every concept with its definition and a link to its page (Markdown definition list)."""
        here = current_page(env)
        concepts = sorted(catalogue.of_type("begreb"), key=lambda c: c.title.lower())
        return Markup(render.render("entries/glossary.md.html", concepts=[
            (c, pages.link(here, pages.entry_path(c)), catalogue.source(c.citation.source))
            for c in concepts]))
