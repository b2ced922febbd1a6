"""The årshjul: the plan's deadlines plus the dates the sources give for status and reporting
(catalogue/plan/indberetning.yaml), as dated lines for the page and the policy draft. The calendar
file with the same content is ics.py."""

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


def first_year(plan: Plan, this_year: int) -> int:
    """The cycle starts in the year of the earliest deadline, else in `this_year`."""
    deadlines = [item.frist.year for item in plan.indsatser if item.frist]
    return min(deadlines) if deadlines else this_year


def cycle_years(plan: Plan, start: int) -> range:
    """From `start` to the year of the last deadline (at least one year, at most MAX_YEARS)."""
    last = max([start, *(item.frist.year for item in plan.indsatser if item.frist)])
    return range(start, min(last, start + MAX_YEARS - 1) + 1)


@dataclass(frozen=True)
class Line:
    day: date
    text: str

    def to_dict(self) -> dict[str, str]:
        return {"dato": self.day.isoformat(), "maaned": month_name(self.day.month),
                "dato_tekst": danish_date(self.day), "tekst": self.text}


def wheel(plan: Plan, entries: Mapping[str, EntryInfo], reporting: Sequence[ReportingDate],
          start: int) -> list[Line]:
    """Every deadline, and each reporting date in every year of the cycle, sorted by date."""
    lines = [Line(item.frist, deadline_text(item, entries)) for item in plan.indsatser if item.frist]
    for year in cycle_years(plan, start):
        lines += [Line(r.on(year), r.titel) for r in reporting]
    return sorted(lines, key=lambda line: (line.day, line.text))
