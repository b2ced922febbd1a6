"""The årshjul: the plan's deadlines plus the dates the sources give for status and reporting
(catalogue/plan/indberetning.yaml) and the follow-up's coming dates (from "Følg op"), as dated
lines for the page and the policy draft. The calendar file with the same content is ics.py."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from koensbalance.plan.config import EntryInfo, ReportingDate
from koensbalance.plan.model import Item, Plan
from koensbalance.text import danish_date, fold_whitespace, month_name

MAX_YEARS = 10  # the reporting dates are listed for at most this many years


def entry_title(item: Item, entries: Mapping[str, EntryInfo]) -> str:
    entry = entries.get(item.id)
    return entry.titel if entry else item.id


def deadline_text(item: Item, entries: Mapping[str, EntryInfo]) -> str:
    role = fold_whitespace(item.ansvarlig)
    return f"Frist: {entry_title(item, entries)}" + (f" (ansvarlig: {role})" if role else "")


def next_occurrence(r: ReportingDate, today: date) -> date:
    """The reporting date's next day from `today` on (today itself counts)."""
    this_year = r.on(today.year)
    return this_year if this_year >= today else r.on(today.year + 1)


def occurrences(plan: Plan, r: ReportingDate, today: date) -> list[date]:
    """From the next occurrence on, once a year up to the year of the plan's last deadline: at least
    once, at most MAX_YEARS times. The årshjul and the calendar file (ics.py) start from the same day."""
    first = next_occurrence(r, today)
    last = max([first.year, *(item.frist.year for item in plan.indsatser if item.frist)])
    return [r.on(year) for year in range(first.year, min(last, first.year + MAX_YEARS - 1) + 1)]


@dataclass(frozen=True)
class Line:
    day: date
    text: str
    source: str = ""  # a reporting date's citation; "" for the plan's own deadlines

    def to_dict(self) -> dict[str, str]:
        return {"dato": self.day.isoformat(), "maaned": month_name(self.day.month),
                "dato_tekst": danish_date(self.day), "tekst": self.text, "kilde": self.source}


def wheel(plan: Plan, entries: Mapping[str, EntryInfo], reporting: Sequence[ReportingDate],
          today: date) -> list[Line]:
    """Every deadline, each reporting date from its next occurrence after `today` and the follow-up's
    lines from `today` on, sorted by date."""
    lines = [Line(item.frist, deadline_text(item, entries)) for item in plan.indsatser if item.frist]
    lines += followup_lines(plan, today)
    for r in reporting:
        lines += [Line(day, r.titel, r.kilde) for day in occurrences(plan, r, today)]
    return sorted(lines, key=lambda line: (line.day, line.text))


def followup_lines(plan: Plan, today: date) -> list[Line]:
    """The follow-up's årshjul lines that are not past."""
    if not plan.opfoelgning:
        return []
    return [Line(day, text) for day, text in plan.opfoelgning.aarshjul if day >= today]
