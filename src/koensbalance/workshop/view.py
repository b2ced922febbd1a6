"""What the planner page shows, as plain values: the timed agenda, the checks, the share link and
the texts to copy. The build renders the default with these functions and the browser calls them
through koensbalance.bridge, so both show the same."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from koensbalance import widget_view
from koensbalance.errors import FieldError, InputError
from koensbalance.workshop import codec, exports, forms, runmode
from koensbalance.workshop.checks import LUNCH_EARLIEST, LUNCH_LATEST, MAX_WITHOUT_BREAK, check
from koensbalance.workshop.model import Agenda, format_clock, format_duration, parse_agenda
from koensbalance.workshop.templates import Template
from koensbalance.workshop.timing import end_time, schedule, total_minutes

LINK_KEY = "plan"  # the fragment is "#plan=<token>"
STORAGE_VERSION = 1
UNTITLED_PRINT = "Dagsorden"
NO_BLOCKS = "Ingen punkter endnu."
RUN_STATE = {"faerdig": "Færdig", "nu": "Nu", "senere": "Senere"}
FINISHED = "Workshoppen er slut."
# What »Tilføj punkt« and »Tilføj pause« add: our defaults, not the source's.
NEW_BLOCKS = {
    "indhold": {"titel": "Nyt punkt", "minutter": "30", "type": "indhold", "note": ""},
    "pause": {"titel": "Pause", "minutter": "15", "type": "pause", "note": ""},
}
PLANNER_TEXTS = {
    "block_number": "Punkt {n}",
    "block_unnamed": "punkt {n}",
    "move_up": "Flyt »{name}« op",
    "move_down": "Flyt »{name}« ned",
    "remove": "Slet »{name}«",
    "added": "Punkt {n} er tilføjet.",
    "moved": "»{name}« er flyttet til nummer {n}.",
    "removed": "»{name}« er slettet.",
    "template_loaded": "Skabelonen er indlæst.",
    "link_copied": "Linket er kopieret.",
    "copy_selected": "Linket er markeret – kopiér det med Ctrl+C.",
    "checks_ok": "Ingen bemærkninger.",
    "from_source": "(fra kilden)",
    "confirm_clear": ("Vil du tømme dagsordenen? Gem den først som fil eller link, "
                      "hvis du vil kunne hente den igen."),
    "confirm_template": "Vil du erstatte din dagsorden med skabelonen?",
    "confirm_import": "Vil du erstatte din dagsorden med dagsordenen fra filen?",
    "link_replace": "Erstat min dagsorden med dagsordenen fra linket",
    "link_keep": "Behold min dagsorden",
}


def checks_note() -> str:
    """The page's note on the planner's own rules of thumb (the thresholds of checks.py)."""
    return (f"Tjekket af frokost ({format_clock(LUNCH_EARLIEST)}–{format_clock(LUNCH_LATEST)}) og pauser "
            f"(højst {MAX_WITHOUT_BREAK} minutter uden pause) er vores tommelfingerregler; planen for "
            "handlinger og den aftalte opfølgning er kildens råd.")


def planner_config(template_id: str, note: str, templates: tuple[Template, ...],
                   blank: Agenda) -> dict[str, Any]:
    """The planner's embedded config: static data for the worker, the editor's texts and defaults."""
    return {
        "page": {"note": note},
        "template": template_id,
        "templates": template_payloads(templates),
        "blank": blank.to_dict(),
        "checks_note": checks_note(),
        "new_blocks": NEW_BLOCKS,
        "storage_version": STORAGE_VERSION,
        "link_prefix": f"#{LINK_KEY}=",
        "file_bytes": 4 * exports.MAX_FILE_CHARS + 4,  # UTF-8: enough bytes for one character more
        "texts": {**widget_view.runtime_texts(), **PLANNER_TEXTS,
                  **widget_view.stored_work_texts("dagsorden", "din egen dagsorden")},
    }


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
             "tid": f"{format_clock(s.start)}–{format_clock(s.end)}",
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
        "summary": exports.summary(agenda) if agenda.blocks else NO_BLOCKS,  # date, times, place
        "print_title": agenda.title or UNTITLED_PRINT,
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
    progress = dict(payload.get("progress") or {}) if isinstance(payload.get("progress"), Mapping) else {}
    progress["now"] = _clock_seconds(progress.get("now"))
    starts, now = runmode.parse_progress(progress, len(agenda.blocks))
    step = payload.get("step")
    # A block starts now, or when the one before it started if the clock went back (run-mode order).
    if step == "start":
        starts = [now]
    elif step == "next" and starts and len(starts) <= len(agenda.blocks):
        starts = [*starts, max(now, starts[-1])]
    elif step == "prev" and len(starts) > 1:
        starts = starts[:-1]
    status = runmode.status(agenda, starts, now)
    data = status.to_dict()
    for row in data["rows"]:
        row["status_text"] = RUN_STATE.get(row["status"], "")
    data.update(starts=starts, can_prev=len(starts) > 1,
                step_key="slut" if status.finished else str(status.current),
                current_text=FINISHED if status.finished else status.current_title,
                announce=FINISHED if status.finished else f"Nu: {status.current_title}.")
    return data


def _clock_seconds(raw: object) -> object:
    """The browser's local clock "HH:MM:SS" -> seconds after midnight (anything else is passed on
    for parse_progress to refuse)."""
    if not isinstance(raw, str):
        return raw
    parts = raw.split(":")
    if len(parts) != 3 or not all(p.isdigit() for p in parts):
        return raw
    hours, minutes, seconds = (int(p) for p in parts)
    return hours * 3600 + minutes * 60 + seconds


def _filename(agenda: Agenda, extension: str) -> str:
    stem = "".join(c if c.isalnum() else "-" for c in (agenda.title or "workshop").lower())
    stem = "-".join(part for part in stem.split("-") if part)[:60] or "workshop"
    return f"{stem}.{extension}"


# ---- the fillable forms (projektplan, logbog): their page config ------------------------------------

FORM_STORAGE_VERSION = 1


def form_config(form: forms.Form) -> dict[str, Any]:
    """A form's embedded config: the form for the worker, its field keys and texts for the editor."""
    unit = form.repeat or ""
    return {
        "page": {"formular": form.to_config()},
        "id": form.id,
        "keys": [f.id for f in form.fields],
        "repeat": bool(form.repeat),
        "storage_version": FORM_STORAGE_VERSION,
        "file_bytes": 4 * forms.MAX_FILE_CHARS + 4,  # UTF-8: enough bytes for one character more
        "texts": {
            **widget_view.runtime_texts("form"),
            "entry_label": f"{unit} {{n}}",
            "remove_entry": f"Slet {unit.lower()} {{n}}",
            "added": f"{unit} {{n}} er tilføjet.",
            "removed": f"{unit} {{n}} er slettet.",
            "markdown_copied": "Markdown er kopieret.",
            "copy_selected": "Teksten er markeret – kopiér den med Ctrl+C.",
            "storage_failed": ("Det, du skriver, kunne ikke gemmes i din browser. "
                               "Gem det som fil, så du ikke mister det."),
        },
    }
