"""Dates of the kit: the follow-up conversations from the leader's first day (Ledermobilitet,
»Anbefaling 03: Udnyt potentialet – Prioriter forankringen af nye perspektiver«: »samtaler efter for
eksempel 1, 3, 6 og 12 måneder«) and the dated preboarding/onboarding checklist.

A date on a Saturday, a Sunday or a Danish public holiday (helligdag) moves to the next working day,
and a Danish note says so. The holidays come from the `holidays` package (pure Python, shipped to the
browser as a wheel); with `days_off` (OUR choice, catalogue/mobilitet/samtaler.yaml) 1. maj,
grundlovsdag, juleaftensdag and nytårsaftensdag, which the package lists as Denmark's optional
holidays, are skipped too."""

from __future__ import annotations

import calendar
import importlib.util
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache, lru_cache
from pathlib import Path
from typing import Any, cast

from koensbalance.mobilitet.config import Conversations, Onboarding, Phase, Step, Theme
from koensbalance.text import WEEKDAYS, danish_date, long_date, plural

MAX_SHIFT = 14  # no run of days off in Denmark is this long; a guard, not a rule


def weekday_date(day: date) -> str:
    """2027-03-30 -> 'tirsdag den 30. marts 2027' (text.long_date)."""
    return long_date(day)


def add_months(day: date, months: int) -> date:
    """The same day `months` later; the month's last day where it is shorter (31 January + 1 -> 28/29
    February)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


Calendar = Callable[..., Mapping[date, str]]


@cache
def _denmark() -> Calendar:
    """The package's Denmark class. `holidays.countries` imports every country (some 300 modules,
    seconds in the browser), so Denmark's own module is loaded alone where the package has it; if its
    layout ever changes, the package's normal lookup is used. Imported here, not at the top: only the
    kit's page loads the wheel into Pyodide, and koensbalance.bridge imports this module on every page."""
    import holidays

    origin = importlib.util.find_spec("holidays")
    folder = Path(origin.origin).parent / "countries" if origin and origin.origin else None
    # denmark.py as installed from PyPI; denmark.pyc in the browser, whose wheels hold bytecode only
    candidates = [folder / f"denmark{suffix}" for suffix in (".py", ".pyc")] if folder else []
    path = next((candidate for candidate in candidates if candidate.is_file()), None)
    spec = importlib.util.spec_from_file_location("koensbalance_holidays_dk", path) if path else None
    if spec is None or spec.loader is None or path is None:
        return lambda **options: holidays.country_holidays("DK", **options)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return cast(Calendar, module.Denmark)


@lru_cache(maxsize=64)
def _holidays(year: int, days_off: bool) -> tuple[dict[date, str], dict[date, str]]:
    denmark = _denmark()
    public = dict(denmark(years=year, language="da").items())
    optional = dict(denmark(years=year, language="da", categories=("optional",)).items()) if days_off else {}
    return public, optional


def day_off(day: date, days_off: bool = True) -> str:
    """Why `day` is not a working day ('en helligdag (Skærtorsdag)', 'en lørdag' …), or ''."""
    public, optional = _holidays(day.year, days_off)
    if day in public:
        return f"en helligdag ({public[day]})"
    if day in optional:
        return f"en fridag ({optional[day]})"
    if day.weekday() >= 5:
        return f"en {WEEKDAYS[day.weekday()]}"
    return ""


@dataclass(frozen=True)
class Shifted:
    planned: date
    day: date  # the next working day from `planned` (the same day when it is one)
    note: str  # Danish, '' when not moved

    @property
    def moved(self) -> bool:
        return self.day != self.planned


def next_working_day(planned: date, days_off: bool = True, what: str = "Samtalen",
                     brief: bool = False) -> Shifted:
    """`planned`, or the first working day after it, with a note naming why and, for holidays on the
    way, which further days were skipped (brief: only where it was moved from, for checklists)."""
    reason = day_off(planned, days_off)
    if not reason:
        return Shifted(planned, planned, "")
    day, skipped = planned, []
    for _ in range(MAX_SHIFT):
        day += timedelta(days=1)
        why = day_off(day, days_off)
        if not why:
            break
        if "(" in why:  # a holiday on the way is worth saying; a weekend is not
            skipped.append(f"{weekday_date(day)} er også {why}")
    planned_text = f"den {danish_date(planned)}" if "(" not in reason else weekday_date(planned)
    if brief:
        return Shifted(planned, day, f"Flyttet fra {planned_text}, som er {reason}.")
    note = (f"{planned_text[0].upper()}{planned_text[1:]} er {reason}. {what} er flyttet til næste "
            f"arbejdsdag, {weekday_date(day)}" + ("; " + "; ".join(skipped) if skipped else "") + ".")
    return Shifted(planned, day, note)


# ---- the follow-up conversations ------------------------------------------------------------------

@dataclass(frozen=True)
class Conversation:
    month: int
    when: Shifted
    theme: Theme
    early: bool

    @property
    def title(self) -> str:
        return conversation_title(self.month)

    def to_dict(self) -> dict[str, Any]:
        return {**undated(self.month, self.theme, self.early), "dato": self.when.day.isoformat(),
                "dato_tekst": weekday_date(self.when.day), "planlagt": self.when.planned.isoformat(),
                "flyttet": self.when.moved, "note": self.when.note}


def conversation_title(month: int) -> str:
    return f"Opfølgende samtale efter {plural(month, 'måned', 'måneder')}"


def undated(month: int, theme: Theme, early: bool) -> dict[str, Any]:
    """A conversation's month, title and themes, without a date (no start date given yet)."""
    return {"maaned": month, "titel": conversation_title(month),
            "noter_label": f"Noter til samtalen efter {plural(month, 'måned', 'måneder')}",
            "dato": "", "dato_tekst": "",
            "planlagt": "", "flyttet": False, "note": "", "tidlig": early, "tema": theme.template,
            "punkter": list(theme.points)}


def conversation_plan(start: date | None, months: Sequence[int],
                      config: Conversations) -> list[dict[str, Any]]:
    """The conversations as the page lists them: dated from `start`, or without dates before it is
    given (the months and the source's themes are shown either way)."""
    if start is not None:
        return [talk.to_dict() for talk in conversations(start, months, config)]
    return [undated(month, config.theme(month), month <= config.early_until) for month in sorted(set(months))]


def conversations(start: date, months: Sequence[int], config: Conversations) -> list[Conversation]:
    """One conversation per month after `start`, each on a working day, with the source's themes for
    the earlier or the later conversations (which are which is OUR choice: config.early_until)."""
    out = []
    for month in sorted(set(months)):
        when = next_working_day(add_months(start, month), config.days_off)
        out.append(Conversation(month, when, config.theme(month), month <= config.early_until))
    return out


def early_later_note(config: Conversations) -> str:
    return (f"Kilden siger ikke, hvilke samtaler der er de tidligere og de senere. Vi regner samtalerne "
            f"til og med {plural(config.early_until, 'måned', 'måneder')} som de tidligere.")


def moving_note(config: Conversations) -> str:
    """What the page says about moving dates (the days off are named)."""
    extra = (" Vi flytter også datoer fra 1. maj, grundlovsdag, juleaftensdag og nytårsaftensdag; det er "
             "vores valg." if config.days_off else "")
    return ("En dato, der falder på en lørdag, en søndag eller en helligdag, flyttes til næste arbejdsdag."
            + extra)


# ---- the dated checklist --------------------------------------------------------------------------

@dataclass(frozen=True)
class DatedStep:
    phase: str  # the phase's title
    step: Step
    when: Shifted | None  # None without a start date
    done: bool

    def to_dict(self) -> dict[str, Any]:
        when = self.when
        return {"id": self.step.id, "fase": self.phase, "tekst": self.step.label, "dag": self.step.day,
                "dag_tekst": relative_day(self.step.day), "dag_fra_kilden": self.step.day_from_source,
                "dag_kilde": " ".join(self.step.day_excerpts),
                "dato": when.day.isoformat() if when else "",
                "dato_tekst": weekday_date(when.day) if when else "",
                "flyttet": bool(when and when.moved), "note": when.note if when else "", "udfoert": self.done}


def relative_day(offset: int) -> str:
    """-14 -> '14 dage før første arbejdsdag'; 0 -> 'første arbejdsdag'."""
    if offset == 0:
        return "første arbejdsdag"
    days = plural(abs(offset), "dag", "dage")
    return f"{days} før første arbejdsdag" if offset < 0 else f"{days} efter første arbejdsdag"


def checklist(start: date | None, flow: Onboarding, done: Iterable[str],
              days_off: bool = True) -> list[tuple[Phase, list[DatedStep]]]:
    """Per phase, its steps in date order (the source's order for the same day) with their day
    relative to the start and, given a start date, the date (on a working day; the step's day is the
    source's only where it cites the source's words)."""
    ticked = set(done)
    return [(phase, [
        DatedStep(phase.title, step,
                  None if start is None else next_working_day(start + timedelta(days=step.day), days_off,
                                                              "Trinnet", brief=True),
                  step.id in ticked)
        for step in sorted(phase.steps, key=lambda s: s.day)]) for phase in flow.phases]
