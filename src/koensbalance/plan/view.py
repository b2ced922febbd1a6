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
from koensbalance.plan.model import FIRST_YEAR, LAST_YEAR, Plan, parse_plan
from koensbalance.plan.prefill import drop_unknown_checks, group_dicts, prefill


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
    return {
        "plan": plan.to_dict(),
        "groups": group_dicts(plan, entries, areas),
        "markdown": document.markdown(blocks),
        "document": [block.to_dict() for block in blocks],
        "link": link,
        "link_besked": codec.TOO_LONG if base_url and not link else "",
        "aarshjul": [line.to_dict() for line in wheel],
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
