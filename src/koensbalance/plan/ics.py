"""The årshjul as a calendar file (icalendar, the same library as the workshop planner): one all-day
event per deadline in the plan and per coming date of the follow-up ("Følg op"), and the dates the
sources give for status and reporting as yearly all-day events with their source in the
description. The calendar is in Europe/Copenhagen time.

Only this module imports icalendar; bridge imports it when "plan.ics" is called, so the rest of the
plan builder loads without it."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from datetime import date, datetime, timedelta

import icalendar

from koensbalance.plan.aarshjul import MAX_YEARS, Line, deadline_text, followup_lines, next_occurrence
from koensbalance.plan.config import EntryInfo, ReportingDate
from koensbalance.plan.model import FIELD_LABELS, Item, Plan
from koensbalance.text import danish_date

TIMEZONE = "Europe/Copenhagen"
FILE_NAME = "handlingsplan-aarshjul.ics"
UID_DOMAIN = "koensbalance.plan"


def _uid(*parts: str) -> str:
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:24]
    return f"{digest}@{UID_DOMAIN}"


def _all_day(event: icalendar.Event, day: date) -> None:
    event.add("dtstart", day)
    event.add("dtend", day + timedelta(days=1))
    event.add("transp", "TRANSPARENT")  # a reminder, not a meeting: the day stays free


def _deadline_event(item: Item, entries: Mapping[str, EntryInfo], plan_title: str,
                    stamp: datetime) -> icalendar.Event:
    assert item.frist is not None
    entry = entries.get(item.id)
    event = icalendar.Event()
    event.add("uid", _uid("frist", plan_title, item.id, item.frist.isoformat()))
    event.add("dtstamp", stamp)
    _all_day(event, item.frist)
    event.add("summary", deadline_text(item, entries))
    lines = [f"{plan_title}: frist {danish_date(item.frist)}."]
    for key in ("maalsaetning", "handlinger", "indikator"):
        text = (item.text(key) or "").strip()
        if text:
            lines += ["", f"{FIELD_LABELS[key]}:", text]
    if entry and entry.kilde:
        lines += ["", f"Kilde: {entry.kilde}"]
    event.add("description", "\n".join(lines))
    return event


def _followup_event(line: Line, plan_title: str, stamp: datetime) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", _uid("opfoelgning", plan_title, line.day.isoformat(), line.text))
    event.add("dtstamp", stamp)
    _all_day(event, line.day)
    event.add("summary", line.text)
    event.add("description", f"{plan_title}: {line.text}.")
    return event


def _reporting_event(r: ReportingDate, first: date, stamp: datetime) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", _uid("indberetning", r.id, str(first.year)))
    event.add("dtstamp", stamp)
    _all_day(event, first)
    event.add("rrule", {"freq": "yearly"})
    event.add("summary", r.titel)
    event.add("description", f"{r.tekst}\n\nKilde: {r.kilde}")
    return event


def ics(plan: Plan, entries: Mapping[str, EntryInfo], reporting: Sequence[ReportingDate],
        today: date, stamp: datetime) -> str:
    """The calendar file: the plan's deadlines, and each reporting date every year from its next
    occurrence after `today` (the same day the årshjul on the page starts with)."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Kønsbalance i ledelse//Min handlingsplan//DA")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", f"Årshjul: {plan.display_title}")
    calendar.add("x-wr-timezone", TIMEZONE)
    years = [today.year, *(item.frist.year for item in plan.indsatser if item.frist)]
    calendar.add_component(icalendar.Timezone.from_tzid(
        TIMEZONE, first_date=date(min(years), 1, 1), last_date=date(max(years) + MAX_YEARS, 1, 1)))
    for item in plan.indsatser:
        if item.frist:
            calendar.add_component(_deadline_event(item, entries, plan.display_title, stamp))
    for line in followup_lines(plan, today):
        calendar.add_component(_followup_event(line, plan.display_title, stamp))
    for r in reporting:
        calendar.add_component(_reporting_event(r, next_occurrence(r, today), stamp))
    data: bytes = calendar.to_ical()
    return data.decode("utf-8")
