"""What the planner hands out: Markdown to copy, an invitation, a calendar file, a QR code, and the
JSON file for export/import. The calendar file is made with the icalendar library and the QR code
with segno (both pure Python, shipped to the browser as wheels); both are imported only when a file
or a QR code is made, because only the planner's page loads them into Pyodide (data-kb-packages)."""

from __future__ import annotations

import hashlib
import json
from datetime import datetime, time, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from koensbalance import portable
from koensbalance.errors import FieldError, InputError
from koensbalance.text import long_date
from koensbalance.workshop.model import Agenda, format_clock, format_duration, parse_agenda
from koensbalance.workshop.timing import end_time, schedule, total_minutes

if TYPE_CHECKING:
    import segno

TIMEZONE = "Europe/Copenhagen"
FILE_FORMAT = "koensbalance-workshop"
FILE_VERSION = 1
MAX_FILE_CHARS = 500_000
UNTITLED = "Workshop"




def _title(agenda: Agenda) -> str:
    return agenda.title or UNTITLED


def _when(agenda: Agenda) -> str:
    times = f"kl. {format_clock(agenda.start)}–{format_clock(end_time(agenda))}"
    return f"{long_date(agenda.day)} {times}" if agenda.day else times


def summary(agenda: Agenda) -> str:
    """The line above the printed agenda: 'Torsdag den 5. marts 2026 kl. 09:00–13:00 (4 t.), Lokale 2'."""
    if not agenda.blocks:
        return "Ingen punkter endnu."
    when = _when(agenda)
    place = f", {agenda.place}" if agenda.place else ""
    return f"{when[0].upper()}{when[1:]} ({format_duration(total_minutes(agenda))}){place}"


def agenda_lines(agenda: Agenda) -> list[str]:
    """'10:30–10:40  Velkommen' lines (notes indented below), for texts without tables."""
    lines = []
    for slot in schedule(agenda):
        lines.append(f"{format_clock(slot.start)}–{format_clock(slot.end)}  {slot.block.title}")
        if slot.block.note:
            lines.append(f"    {slot.block.note}")
    return lines


def _md_cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def markdown(agenda: Agenda, link: str = "", duration_note: str = "") -> str:
    out = [f"# {_md_cell(_title(agenda))}", ""]
    facts = [f"- **Tid:** {_when(agenda)} ({format_duration(total_minutes(agenda))})"]
    if agenda.place:
        facts.append(f"- **Sted:** {_md_cell(agenda.place)}")
    if agenda.participants is not None:
        facts.append(f"- **Deltagere:** {agenda.participants}")
    out += [*facts, "", "| Tid | Punkt | Noter |", "|---|---|---|"]
    for slot in schedule(agenda):
        out.append(f"| {format_clock(slot.start)}–{format_clock(slot.end)} | {_md_cell(slot.block.title)} "
                   f"| {_md_cell(slot.block.note)} |")
    if agenda.preparation:
        out += ["", f"**Forberedelse:** {_md_cell(agenda.preparation)}"]
    if duration_note:
        out += ["", f"_{_md_cell(duration_note)}_"]
    if link:
        out += ["", f"Dagsordenen online: <{link}>"]
    return "\n".join(out) + "\n"


def invitation(agenda: Agenda, link: str = "") -> str:
    where = f", {agenda.place}" if agenda.place else ""
    out = ["Kære deltagere", "", f"I inviteres hermed til {_title(agenda)} {_when(agenda)}{where}.", ""]
    if agenda.preparation:
        out += ["Forberedelse:", agenda.preparation, ""]
    out += ["Program:", *agenda_lines(agenda), ""]
    if link:
        out += [f"Se dagsordenen her: {link}", ""]
    out += ["Vi glæder os til at se jer.", "", "Venlig hilsen"]
    return "\n".join(out) + "\n"


def ics(agenda: Agenda, stamp: datetime, link: str = "") -> str:
    """A calendar file with one event in Europe/Copenhagen time; the agenda is in its description."""
    import icalendar

    if agenda.day is None:
        raise InputError([FieldError("dato", "Vælg en dato for at lave en kalenderfil.")])
    zone = ZoneInfo(TIMEZONE)
    start = datetime.combine(agenda.day, time(agenda.start // 60, agenda.start % 60), tzinfo=zone)
    end = start + timedelta(minutes=total_minutes(agenda))  # wall-clock arithmetic, also across DST
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Kønsbalance i ledelse//Workshopplanlægger//DA")
    calendar.add("version", "2.0")
    event = icalendar.Event()
    digest = hashlib.sha256(json.dumps(agenda.to_dict(), sort_keys=True).encode()).hexdigest()[:24]
    event.add("uid", f"{digest}@koensbalance.workshop")
    event.add("dtstamp", stamp)
    event.add("dtstart", start)
    event.add("dtend", end)
    event.add("summary", _title(agenda))
    if agenda.place:
        event.add("location", agenda.place)
    description = ["Program:", *agenda_lines(agenda)]
    if agenda.preparation:
        description += ["", f"Forberedelse: {agenda.preparation}"]
    if link:
        description += ["", f"Dagsordenen online: {link}"]
        event.add("url", link)
    event.add("description", "\n".join(description))
    calendar.add_component(event)
    calendar.add_missing_timezones()
    data: bytes = calendar.to_ical()
    return data.decode("utf-8")


def qr(link: str) -> segno.QRCode:
    """The QR code of a share link (error correction at least L, raised where the size allows)."""
    import segno

    code: segno.QRCode = segno.make(link, error="l", micro=False)
    return code


def qr_svg_data_uri(link: str) -> str | None:
    """An SVG data URI for an <img>, or None when the link is too long for a QR code."""
    import segno

    try:
        code = qr(link)
    except segno.DataOverflowError:
        return None
    uri: str = code.svg_data_uri(scale=4, border=4, dark="#000", light="#fff")
    return uri


def export_file(agenda: Agenda) -> str:
    """The JSON file of 'Gem som fil'."""
    return portable.write_file(FILE_FORMAT, FILE_VERSION, {"dagsorden": agenda.to_dict()})


def import_file(text: object) -> Agenda:
    """Read a file made by export_file; InputError with a Danish message on anything else."""
    document = portable.read_file(
        text, FILE_FORMAT, FILE_VERSION, MAX_FILE_CHARS, "fil",
        "Filen er ikke en dagsorden fra workshopplanlæggeren.",
        "Filen er fra en anden version af planlæggeren og kan ikke læses.")
    try:
        return parse_agenda(document.get("dagsorden"))
    except InputError as exc:
        message = f"Filen indeholder en ugyldig dagsorden: {portable.first_message(exc)}"
        raise InputError([FieldError("fil", message)]) from None
