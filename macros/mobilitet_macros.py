"""Build glue of »Ansæt en sektorskifter« (issue 17): the kit's catalogue data (catalogue/mobilitet/)
has been checked word for word against the entries it cites by the catalogue check
(koensbalance.catalogue.data_checks; a difference stops the build there with one Danish line per
problem, before anything is written); its page config and build-time view are made by
koensbalance.mobilitet, the same code the browser runs.

Pages (docs/mobilitet/): the kit's page leads through the four tools in order (`mobilitet_kit()`),
and each tool has its own page (`mobilitet_kit("<tool id>")`, docs/mobilitet/<tool id>.md). Every
page carries the same widget (widgets/mobilitet.html) with its part(s) and the whole kit's outputs;
the work is one kit in the browser. The ledermobilitet recommendations and tools link to the kit
(entries/mobilitet_link.md.html, through the Jinja global `mobilitet_links`)."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from koensbalance.catalogue import Catalogue
from koensbalance.mobilitet import config as kit_config
from koensbalance.mobilitet import view
from koensbalance.mobilitet.chart import MARK
from koensbalance.mobilitet.model import blank_kit
from macros import render

CHART_ID = "kb-forventninger-diagram"
FOLDER = "mobilitet"
LINKED_TYPES = ("anbefaling", "vaerktoej")  # the source's entries that link to the kit


def load(catalogue: Catalogue) -> kit_config.KitConfig:
    """The kit's config from the validated catalogue."""
    return kit_config.load(catalogue.data, {s.id: s.short_name for s in catalogue.sources},
                           {s.id: s.title for s in catalogue.sources})


def chart_svg(chart: dict[str, Any], chart_id: str = CHART_ID) -> Markup:
    """A chart of koensbalance.mobilitet.chart (plain shapes) as an inline SVG figure."""
    return render.html_block("partials/shape_chart.html", chart=chart, chart_id=chart_id)


def tools(kit: kit_config.KitConfig) -> list[dict[str, Any]]:
    """The four tools in the order of hiring: part key (as in the widget), page id, title, citation."""
    parts = (("analyse", kit.analysis.id, kit.analysis.title, kit.analysis.section, kit.analysis.entry),
             ("forventninger", kit.expectations.id, kit.expectations.title, kit.expectations.cited.section,
              kit.expectations.cited.entry),
             ("forloeb", kit.onboarding.id, kit.onboarding.title, kit.onboarding.cited.section,
              kit.onboarding.cited.entry),
             ("samtaler", kit.conversations.id, kit.conversations.title, kit.conversations.cited.section,
              kit.conversations.cited.entry))
    return [{"part": part, "id": page, "title": title, "section": section, "entry": entry, "step": number}
            for number, (part, page, title, section, entry) in enumerate(parts, start=1)]


def _built_on(section: str, tool_section: str) -> bool:
    """An entry's section is one a tool is built on: the same recommendation, and its subsection
    named in the tool's (the checklist's section names three)."""
    head, _, sub = section.partition(" – ")
    tool_head, _, tool_sub = tool_section.partition(" – ")
    return bool(sub) and head == tool_head and sub in tool_sub


def entry_links(catalogue: Catalogue, kit: kit_config.KitConfig) -> dict[str, list[tuple[str, str]]]:
    """Per ledermobilitet recommendation and tool, the kit's tools it is the source of (page id,
    title); the others get the kit itself (an empty list)."""
    out: dict[str, list[tuple[str, str]]] = {}
    listed = tools(kit)
    for entry in catalogue.entries:
        if entry.citation.source != kit_config.SOURCE or entry.type.name not in LINKED_TYPES:
            continue
        out[entry.id] = [(t["id"], t["title"]) for t in listed
                         if entry.id == t["entry"] or _built_on(entry.citation.section, t["section"])]
    return out


def _prefix(env: Any) -> str:
    """From the current page's directory URL back to the site root (e.g. '../../')."""
    url = str(getattr(env.page, "url", "") or "")
    return "../" * url.strip("/").count("/") + ("../" if url.strip("/") else "")


def register(env: Any, catalogue: Catalogue) -> None:
    kit = load(catalogue)
    blank = view.view(blank_kit(kit), kit)
    embedded = view.page_config(kit)
    listed = tools(kit)
    by_id = catalogue.by_id()
    render.environment().globals["mobilitet_links"] = entry_links(catalogue, kit)

    @env.macro
    def mobilitet_kit(tool_id: str = "") -> Markup:
        """The kit's widget: every tool in order (the kit's page), or the one tool of a tool's page."""
        chosen = [t for t in listed if not tool_id or t["id"] == tool_id]
        if not chosen:
            raise ValueError(f"Ukendt værktøj i »Ansæt en sektorskifter«: {tool_id}")
        prefix = _prefix(env)
        pages = {t["part"]: {**t, "href": f"{prefix}{FOLDER}/{t['id']}/",
                             "entry_title": by_id[t["entry"]].title,
                             "entry_href": prefix + by_id[t["entry"]].url} for t in listed}
        return render.html_block("widgets/mobilitet.html", kit=kit, view=blank, embedded=embedded,
                                 parts=[t["part"] for t in chosen], pages=pages, single=bool(tool_id),
                                 chart=chart_svg(blank["diagram"]), mark=MARK,
                                 index_href=f"{prefix}{FOLDER}/")

    @env.macro
    def mobilitet_tools() -> Markup:
        """Markdown list of the tools, each linking to its own page, in the order of hiring."""
        return Markup("\n".join(f"{t['step']}. [{render.escape(t['title'])}]({t['id']}.md)" for t in listed))
