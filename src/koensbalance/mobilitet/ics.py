"""The follow-up conversations as one calendar file: an event per conversation at the kit's time of day
in Europe/Copenhagen time (wall-clock, so 10:00 stays 10:00 across a change to or from summer time),
made with icalendar like the workshop planner's and the plan builder's calendar files. Each event's
description holds the source's themes for that conversation, the note when it was moved off a day off,
the new leader's list and the source.

Only this module imports icalendar; bridge imports it when "mobilitet.ics" is called."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import icalendar

from koensbalance.errors import FieldError, InputError
from koensbalance.mobilitet.config import KitConfig
from koensbalance.mobilitet.dates import Conversation, conversations
from koensbalance.mobilitet.model import Kit
from koensbalance.plan.ics import TIMEZONE

FILE_NAME = "opfoelgende-samtaler.ics"
UID_DOMAIN = "koensbalance.mobilitet"
NO_START = "Skriv lederens første arbejdsdag for at lave en kalenderfil."
NO_MONTHS = "Der er ingen samtaler at lægge i kalenderen. Skriv mindst én måned."


def _uid(kit: Kit, month: int) -> str:
    assert kit.start is not None
    key = "\x1f".join((kit.stilling, kit.start.isoformat(), str(month)))
    return f"{hashlib.sha256(key.encode('utf-8')).hexdigest()[:24]}@{UID_DOMAIN}"


def _description(talk: Conversation, kit: Kit, config: KitConfig) -> str:
    conv = config.conversations
    lines = [f"{talk.theme.template}:", *(f"- {' '.join(p.split())}" for p in talk.theme.points)]
    if talk.when.moved:
        lines += ["", talk.when.note]
    notes = kit.noter.get(talk.month, "").strip()
    if notes:
        lines += ["", "Noter:", notes]
    lines += ["", f"{conv.wonder_title}:"]
    lines += [f"- {item}" for item in kit.undren] or [" ".join(conv.wonder_text.split())]
    lines += ["", " ".join(conv.question_frame.split()),
              "", f"Kilde: {config.source_name}, {conv.cited.section}"]
    return "\n".join(lines)


def ics(kit: Kit, config: KitConfig, stamp: datetime) -> str:
    """The calendar file; InputError (Danish) without a start date or without conversations."""
    if kit.start is None:
        raise InputError([FieldError("start", NO_START)])
    if not kit.maaneder:
        raise InputError([FieldError("maaneder", NO_MONTHS)])
    talks: Sequence[Conversation] = conversations(kit.start, kit.maaneder, config.conversations)
    zone = ZoneInfo(TIMEZONE)
    hour, minute = (int(part) for part in kit.klokken.split(":"))
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Kønsbalance i ledelse//Ansæt en sektorskifter//DA")
    calendar.add("version", "2.0")
    name = f"Opfølgende samtaler: {kit.stilling}" if kit.stilling else "Opfølgende samtaler"
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", TIMEZONE)
    for talk in talks:
        begin = datetime.combine(talk.when.day, time(hour, minute), tzinfo=zone)
        event = icalendar.Event()
        event.add("uid", _uid(kit, talk.month))
        event.add("dtstamp", stamp)
        event.add("dtstart", begin)
        event.add("dtend", begin + timedelta(minutes=kit.minutter))  # wall-clock, also across DST
        event.add("summary", f"{talk.title}: {kit.stilling}" if kit.stilling else talk.title)
        event.add("description", _description(talk, kit, config))
        calendar.add_component(event)
    calendar.add_missing_timezones()
    data: bytes = calendar.to_ical()
    return data.decode("utf-8")
