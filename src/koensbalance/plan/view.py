"""What the plan page shows, as plain values: the normalized plan, its groups, the policy draft
(Markdown and blocks), the share link and the årshjul. The browser calls them through
koensbalance.bridge; the unit tests call the same functions in CPython.

The calendar file (ics.py, icalendar) is not imported here; bridge loads it for "plan.ics" only."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime
from typing import Any

from koensbalance.errors import FieldError, InputError
from koensbalance.plan import aarshjul, codec, config, document, files, target
from koensbalance.plan.config import Area, CheckItem, EntryInfo, ReportingDate
from koensbalance.plan.model import FIRST_YEAR, LAST_YEAR, Plan, blank_plan, parse_plan
from koensbalance.plan.prefill import drop_unknown_checks, group_dicts, prefill
from koensbalance.text import danish_date


def share_link(plan: Plan, entries: Mapping[str, EntryInfo], base_url: str) -> str:
    """base_url + "#plan=" + token; "" without a base or when the plan is too long for a link."""
    base = base_url.split("#", 1)[0]
    if not base:
        return ""
    token = codec.encode(plan, {entry_id: e.forslag for entry_id, e in entries.items()})
    return f"{base}#{codec.LINK_KEY}={token}" if codec.fits(token) else ""


def normalize(plan: Plan, entries: Mapping[str, EntryInfo], checklist: Sequence[CheckItem]) -> Plan:
    """Prefill missing fields and drop ticks of checklist items that do not exist."""
    return drop_unknown_checks(prefill(plan, entries), [c.id for c in checklist])


def view(plan: Plan, entries: Mapping[str, EntryInfo], areas: Sequence[Area], checklist: Sequence[CheckItem],
         reporting: Sequence[ReportingDate], base_url: str, today: date) -> dict[str, Any]:
    """Everything the plan page shows for one plan; the årshjul runs from `today`."""
    plan = normalize(plan, entries, checklist)
    wheel = aarshjul.wheel(plan, entries, reporting, today)
    blocks = document.blocks(plan, entries, areas, checklist, reporting, wheel)
    link = share_link(plan, entries, base_url)
    groups = group_dicts(plan, entries, areas)
    for group in groups:
        for item in group["items"]:
            item.update(item_texts(item))
    return {
        "plan": plan.to_dict(),
        "groups": groups,
        "markdown": document.markdown(blocks),
        "document": [block.to_dict() for block in blocks],
        "link": link,
        "link_besked": codec.TOO_LONG if base_url and not link else "",
        "aarshjul": [{**line.to_dict(), "line": f"{danish_date(line.day)}: {line.text}"}
                     for line in wheel],
    }


def item_texts(item: Mapping[str, Any]) -> dict[str, Any]:
    """The words around one plan item's editor: its type, source, remove button and field hints."""
    sources = item.get("forslag_kilder") or {}
    return {
        "type_text": f"({item['type_label'].lower()})" if item.get("type_label") else "",
        "source_text": f"Kilde: {item['kilde']}" if item.get("kilde") else "",
        "remove_label": f"Fjern fra planen: {item['titel']}",
        "removed_text": f"»{item['titel']}« er fjernet fra planen.",
        "hints": {name: f"Forslag fra kataloget ({sources.get(name) or 'kilden'}) – ret det til."
                  for name in item.get("prefilled") or ()},
    }


# ---- bridge handlers: JSON-shaped payload in, plain values out -------------------------------------

def _today(payload: Mapping[str, Any]) -> date:
    """The day the årshjul starts from: the browser's own date ("i_dag", 2026-12-01), or 1 January
    of a given year ("aar"), else the clock's date."""
    raw_day, raw_year = payload.get("i_dag"), payload.get("aar")
    if isinstance(raw_day, str) and raw_day:
        try:
            day = date.fromisoformat(raw_day)
        except ValueError:
            day = None
        if day is None or len(raw_day) != 10 or not FIRST_YEAR <= day.year <= LAST_YEAR:
            raise InputError([FieldError("i_dag", "Dagens dato skal være en dato som 2026-12-01.")])
        return day
    if raw_year is None or raw_year == "":
        return date.today()
    if isinstance(raw_year, bool) or not isinstance(raw_year, int) or not FIRST_YEAR <= raw_year <= LAST_YEAR:
        raise InputError([FieldError("aar", f"Året skal være mellem {FIRST_YEAR} og {LAST_YEAR}.")])
    return date(raw_year, 1, 1)


def handle_view(payload: Mapping[str, Any]) -> dict[str, Any]:
    plan = parse_plan(payload.get("plan"))
    return view(plan, config.parse_entries(payload.get("entries")), config.parse_areas(payload.get("areas")),
                config.parse_checklist(payload.get("checklist")),
                config.parse_reporting(payload.get("reporting")), str(payload.get("base_url") or ""),
                _today(payload))


def handle_ics(payload: Mapping[str, Any]) -> dict[str, Any]:
    from koensbalance.plan import ics  # icalendar: loaded only when a calendar file is asked for

    plan = parse_plan(payload.get("plan"))
    entries = config.parse_entries(payload.get("entries"))
    plan = prefill(plan, entries)
    text = ics.ics(plan, entries, config.parse_reporting(payload.get("reporting")), _today(payload),
                   datetime.now(UTC).replace(microsecond=0))
    return {"ics": text, "name": ics.FILE_NAME}


def _opened(plan: Plan, entries: Mapping[str, EntryInfo]) -> dict[str, Any]:
    return {"plan": prefill(plan, entries).to_dict()}


def handle_open_link(payload: Mapping[str, Any]) -> dict[str, Any]:
    entries = config.parse_entries(payload.get("entries"))
    return _opened(codec.decode(payload.get("token"), entries), entries)


def handle_import(payload: Mapping[str, Any]) -> dict[str, Any]:
    entries = config.parse_entries(payload.get("entries"))
    return _opened(files.import_file(payload.get("text")), entries)


def handle_export(payload: Mapping[str, Any]) -> dict[str, Any]:
    return {"json": files.export_file(parse_plan(payload.get("plan"))), "name": files.FILE_NAME}


def handle_target(payload: Mapping[str, Any]) -> dict[str, Any]:
    return {"maal": target.from_payload(payload.get("input"), payload.get("rules")).to_dict()}


# ---- the plan builder's page config and the words of its editor -----------------------------------

STORAGE_VERSION = 1
DOCX = {"creator": "Kønsbalance i ledelse", "title": "Handlingsplan", "font": "Calibri", "size": 22,
        "filename": "handlingsplan.docx",
        "mime": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}
PLAN_TEXTS = {
    "group_fallback": "Indsatser",
    "type": "({type})",
    "source": "Kilde: {source}",
    "hint": "Forslag fra kataloget ({source}) – ret det til.",
    "hint_source": "kilden",
    "remove": "Fjern fra planen: {title}",
    "removed": "»{title}« er fjernet fra planen.",
    "wheel_line": "{date}: {text}",
    "checked": "☑",
    "unchecked": "☐",
    "link_copied": "Linket er kopieret.",
    "copy_selected": "Linket er markeret – kopiér det med Ctrl+C.",
    "no_scenario": ("Der er ikke gemt et scenarie i »Sæt måltal« i denne browser endnu. "
                    "Udfyld jeres tal dér, og kom så tilbage."),
    "target_fetched": "Status og måltal er hentet ind i planen.",
    "docx_errors": "Ret fejlene i planen, før du henter den som Word-dokument.",
    "docx_failed": "Word-dokumentet kunne ikke laves. Brug Markdown eller udskriv planen i stedet.",
    "confirm_clear": ("Vil du tømme planen? Gem den først som fil eller link, "
                      "hvis du vil kunne hente den igen."),
    "confirm_import": "Vil du erstatte din nuværende plan med planen fra filen?",
    "cleared": "Planen er tømt.",
    "file_opened": "Planen fra filen er åbnet.",
    "link_other": "Linket indeholder en anden plan end den, du har gemt i denne browser.",
    "link_kept": "Din egen plan er beholdt.",
    "link_opened": "Planen fra linket er åbnet.",
    "work_unchanged": "Din egen plan er uændret.",
    "storage_failed": ("Planen kunne ikke gemmes i din browser. Gem den som fil eller link, "
                       "så du ikke mister den."),
}


# The header counter and the entry pages' button (plan-store.js) work on every page without Python:
# the page carries these words and the blank plan in its header (partials/header.html, store_config).
STORE_TEXTS = {
    "counter": "Min plan",
    "unit_one": "post",
    "unit_many": "poster",
    "add": "Tilføj til min plan",
    "remove": "Fjern fra min plan",
    "see_plan": "Se min handlingsplan",
    "added": "»{title}« er tilføjet til din plan ({count}).",
    "removed": "»{title}« er fjernet fra din plan ({count}).",
    "entry_fallback": "Posten",
    "storage_failed": "Planen kunne ikke gemmes i din browser (lagringen er slået fra eller fuld).",
}


def store_config() -> dict[str, Any]:
    """The header's embedded config for plan-store.js: the plan an entry is added to when there is
    none yet (the plan package's blank plan, with its default title) and the words it shows."""
    return {"blank": blank_plan().to_dict(), "texts": STORE_TEXTS}


def plan_config(data: Mapping[str, Any]) -> dict[str, Any]:
    """The embedded config of the plan page: the catalogue data for the worker (sent once), the
    blank plan, the item fields, the .docx settings and every text the editor shows."""
    from koensbalance import widget_view
    from koensbalance.plan.model import FIELD_LABELS

    page = {key: data[key] for key in ("entries", "areas", "checklist", "reporting")}
    fallback = {entry_id: item_texts({**entry, "titel": entry.get("titel") or entry_id})
                for entry_id, entry in data["entries"].items()}  # before Python has answered
    page["rules"] = data["maaltal_rules"]
    return {"page": page, "blank": data["blank"], "fields": list(FIELD_LABELS), "fallback": fallback,
            "storage_version": STORAGE_VERSION, "link_prefix": f"#{codec.LINK_KEY}=",
            "file_bytes": 4 * files.MAX_FILE_CHARS + 4,  # UTF-8: enough bytes for one character more
            "docx": DOCX, "texts": {**widget_view.runtime_texts(), **PLAN_TEXTS}}
