"""Macros of "Min handlingsplan" (docs/plan/): the plan builder with its configuration (the entries a
plan can hold with their suggestions, the areas, the checklist and the reporting dates from
catalogue/plan/, the måltal rules) embedded as JSON, and the blank plan rendered at build time by the
same function the browser calls (koensbalance.plan.view)."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from koensbalance.catalogue import Catalogue
from koensbalance.catalogue.model import Citation
from koensbalance.plan import view as plan_view
from koensbalance.plan.model import FIELD_LABELS, blank_plan
from koensbalance.plan.suggest import PLAN_TYPES, suggest
from koensbalance.text import fold_whitespace
from macros import maaltal_macros, render

CHECKLIST_KEY = "plan/tjekliste"
REPORTING_KEY = "plan/indberetning"
MAALTAL_PAGE = "maaltal/saet-maaltal/"
FIND_PAGE = "find/"


def citation_text(catalogue: Catalogue, citation: Citation) -> str:
    """'Kønsbalance i ledelse (2023), afsnit 3. Sådan kommer I godt i gang – …' (as on the måltal page)."""
    source = catalogue.source(citation.source)
    return f"{source.title} ({source.year}), afsnit {citation.section}"


def _cited(catalogue: Catalogue, item: dict[str, Any]) -> tuple[str, str]:
    """The citation text and the entry URL of a checklist item or reporting date (both name a `post`;
    the catalogue check has made sure the entry and the source exist)."""
    cite = item["kilde"]
    return citation_text(catalogue, Citation(cite["dokument"], cite["afsnit"])), \
        catalogue.by_id()[item["post"]].url


def checklist(catalogue: Catalogue) -> list[dict[str, str]]:
    items = []
    for item in catalogue.data[CHECKLIST_KEY]["punkter"]:
        kilde, url = _cited(catalogue, item)
        text = fold_whitespace(item["tekst"])
        heading = item.get("overskrift")
        items.append({"id": item["id"], "tekst": f"{heading}: {text}" if heading else text,
                      "kilde": kilde, "url": url})
    return items


def reporting(catalogue: Catalogue) -> list[dict[str, Any]]:
    dates = []
    for item in catalogue.data[REPORTING_KEY]["datoer"]:
        kilde, _ = _cited(catalogue, item)
        text = fold_whitespace(item["tekst"])
        note = fold_whitespace(str(item.get("bemaerkning") or ""))
        dates.append({"id": item["id"], "titel": item["titel"], "maaned": item["maaned"],
                      "dag": item["dag"], "tekst": f"{text} {note}" if note else text, "kilde": kilde})
    return dates


def entries(catalogue: Catalogue) -> dict[str, dict[str, Any]]:
    """Every entry a plan can hold, with its suggestion for the plan's fields (koensbalance.plan.suggest)."""
    out = {}
    for entry in catalogue.entries:
        if entry.type.name not in PLAN_TYPES:
            continue
        kilde = citation_text(catalogue, entry.citation)
        suggestion = suggest(entry, kilde)
        out[entry.id] = {
            "titel": entry.title, "type": entry.type.name, "type_label": entry.type.label,
            "omraade": entry.areas[0] if entry.areas else "", "url": entry.url, "kilde": kilde,
            "forslag": suggestion.values, "forslag_kilder": suggestion.sources,
        }
    return out


def plan_config(catalogue: Catalogue) -> dict[str, Any]:
    """Everything the plan page needs from the catalogue, as plain JSON values (URLs site-root-relative)."""
    return {
        "areas": [{"id": t.id, "label": t.label} for t in catalogue.taxonomies["indsatsomraader"]],
        "entries": entries(catalogue),
        "checklist": checklist(catalogue),
        "reporting": reporting(catalogue),
        "maaltal_rules": {"balance": dict(catalogue.balance),
                          "duties": maaltal_macros.duty_data(catalogue, "")},
        "blank": blank_plan().to_dict(),
    }


def register(env: Any, catalogue: Catalogue) -> None:
    config = plan_config(catalogue)

    @env.macro
    def plan_builder() -> Markup:
        prefix = maaltal_macros._page_prefix(env)
        # The template links the checklist from this page: href is the page-relative form of url.
        page_config = {**config, "checklist": [{**item, "href": prefix + item["url"] if item["url"] else ""}
                                               for item in config["checklist"]]}
        embedded = plan_view.plan_config(config)
        # The blank plan's view as the browser's first answer will show it (its årshjul from today).
        blank_view = plan_view.handle_view({**embedded["page"], "plan": config["blank"]})
        return render.html_block("widgets/plan.html", config=page_config, embedded=embedded,
                                 labels=FIELD_LABELS, wheel=blank_view["aarshjul"],
                                 maaltal_href=prefix + MAALTAL_PAGE, find_href=prefix + FIND_PAGE)
