"""What the planner page shows, as plain values: the timed agenda, the checks, the share link and
the texts to copy. The build renders the default with these functions and the browser calls them
through koensbalance.bridge, so both show the same."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from koensbalance.errors import FieldError, InputError
from koensbalance.workshop import codec, exports, runmode
from koensbalance.workshop.checks import check
from koensbalance.workshop.model import Agenda, format_clock, format_duration, parse_agenda
from koensbalance.workshop.templates import Template
from koensbalance.workshop.timing import end_time, schedule, total_minutes

LINK_KEY = "plan"  # the fragment is "#plan=<token>"


def share_link(agenda: Agenda, base_url: str) -> str:
    base = base_url.split("#", 1)[0]
    return f"{base}#{LINK_KEY}={codec.encode(agenda)}" if base else ""


def token_from_fragment(fragment: str) -> str | None:
    """'#plan=1.abc' -> '1.abc'; None when the fragment is not a share link."""
    text = fragment.lstrip("#")
    prefix = f"{LINK_KEY}="
    return text[len(prefix):] if text.startswith(prefix) else None


def plan(agenda: Agenda, base_url: str = "", duration_note: str = "",
         with_qr: bool = False) -> dict[str, Any]:
    """The timed agenda with checks, link and texts: everything the planner shows."""
    link = share_link(agenda, base_url)
    rows = [{"index": s.index, "start": format_clock(s.start), "slut": format_clock(s.end),
             "titel": s.block.title, "minutter": s.block.minutes, "type": s.block.kind.value,
             "type_navn": s.block.kind.label, "note": s.block.note, "fra_kilden": s.block.from_source}
            for s in schedule(agenda)]
    total = total_minutes(agenda)
    return {
        "agenda": agenda.to_dict(),
        "rows": rows,
        "start": format_clock(agenda.start),
        "slut": format_clock(end_time(agenda)),
        "varighed": format_duration(total),
        "oversigt": exports.summary(agenda),  # date, times and length above the printed agenda
        "planlagt": format_duration(agenda.planned_minutes) if agenda.planned_minutes else "",
        "checks": [c.to_dict() for c in check(agenda)],
        "link": link,
        "link_laengde": len(link),
        "markdown": exports.markdown(agenda, link, duration_note),
        "invitation": exports.invitation(agenda, link),
        "qr": exports.qr_svg_data_uri(link) if with_qr and link else None,
    }


def template_payloads(templates: tuple[Template, ...]) -> list[dict[str, Any]]:
    """The templates as the page embeds them: id, title and the starting agenda dict."""
    return [{"id": t.id, "titel": t.title, "agenda": t.agenda.to_dict()} for t in templates]


# ---- bridge handlers: JSON-shaped payload in, plain values out -------------------------------------

def handle_plan(payload: Mapping[str, Any]) -> dict[str, Any]:
    agenda = parse_agenda(payload.get("agenda"))
    return plan(agenda, str(payload.get("base_url") or ""), str(payload.get("note") or ""),
                bool(payload.get("qr")))


def handle_open_link(payload: Mapping[str, Any]) -> dict[str, Any]:
    token = token_from_fragment(str(payload.get("fragment") or ""))
    if token is None:
        raise InputError([FieldError("link", codec.BROKEN)])
    return {"agenda": codec.decode(token).to_dict()}


def handle_import(payload: Mapping[str, Any]) -> dict[str, Any]:
    return {"agenda": exports.import_file(payload.get("text")).to_dict()}


def handle_export(payload: Mapping[str, Any]) -> dict[str, Any]:
    agenda = parse_agenda(payload.get("agenda"))
    kind = payload.get("format")
    link = share_link(agenda, str(payload.get("base_url") or ""))
    if kind == "ics":
        return {"text": exports.ics(agenda, datetime.now(UTC).replace(microsecond=0), link),
                "filename": _filename(agenda, "ics"), "mime": "text/calendar"}
    if kind == "json":
        return {"text": exports.export_file(agenda), "filename": _filename(agenda, "json"),
                "mime": "application/json"}
    raise InputError([FieldError("format", "Ukendt filformat.")])


def handle_run(payload: Mapping[str, Any]) -> dict[str, Any]:
    agenda = parse_agenda(payload.get("agenda"))
    if not agenda.blocks:
        raise InputError([FieldError("afvikling", "Dagsordenen har ingen punkter at afvikle.")])
    progress = payload.get("progress")
    starts, now = runmode.parse_progress(progress if isinstance(progress, Mapping) else {},
                                         len(agenda.blocks))
    return runmode.status(agenda, starts, now).to_dict()


def _filename(agenda: Agenda, extension: str) -> str:
    stem = "".join(c if c.isalnum() else "-" for c in (agenda.title or "workshop").lower())
    stem = "-".join(part for part in stem.split("-") if part)[:60] or "workshop"
    return f"{stem}.{extension}"
