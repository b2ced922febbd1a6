"""Follow-up conversations from the start date at the configured months, moved off weekends and Danish
public holidays (from the `holidays` package) to the next working day with a Danish note; the dated
preboarding/onboarding checklist; across changes to and from summer time."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from koensbalance.errors import InputError
from koensbalance.mobilitet.dates import (
    add_months,
    checklist,
    conversations,
    day_off,
    next_working_day,
    weekday_date,
)
from koensbalance.mobilitet.model import parse_kit
from tests.support.mobilitet import config

# (planned day, its name in the note, the next working day)
HOLIDAYS = [
    (date(2027, 3, 25), "Skærtorsdag", date(2027, 3, 30)),  # then langfredag, weekend, 2. påskedag
    (date(2026, 4, 3), "Langfredag", date(2026, 4, 7)),
    (date(2026, 4, 6), "Anden påskedag", date(2026, 4, 7)),
    (date(2026, 5, 14), "Kristi himmelfartsdag", date(2026, 5, 15)),
    (date(2026, 5, 25), "Anden pinsedag", date(2026, 5, 26)),
    (date(2026, 12, 25), "Juledag", date(2026, 12, 28)),
    (date(2025, 12, 26), "Anden juledag", date(2025, 12, 29)),
    (date(2027, 1, 1), "Nytårsdag", date(2027, 1, 4)),
]


@pytest.mark.parametrize(("planned", "name", "expected"), HOLIDAYS)
def test_a_public_holiday_moves_to_the_next_working_day_and_the_note_names_it(
        planned: date, name: str, expected: date) -> None:
    shifted = next_working_day(planned)
    assert shifted.day == expected and shifted.moved
    assert shifted.note.startswith(f"{weekday_date(planned).capitalize()} er en helligdag ({name}). "
                                   f"Samtalen er flyttet til næste arbejdsdag, {weekday_date(expected)}")


def test_holidays_on_the_way_are_said_too() -> None:
    note = next_working_day(date(2027, 3, 25)).note
    assert "fredag den 26. marts 2027 er også en helligdag (Langfredag)" in note
    assert "mandag den 29. marts 2027 er også en helligdag (Anden påskedag)" in note
    assert "lørdag den 27. marts 2027" not in note  # a weekend on the way is not worth a word


def test_weekends_move_to_monday_and_working_days_stay() -> None:
    saturday = next_working_day(date(2026, 8, 29))
    assert saturday.day == date(2026, 8, 31)
    assert saturday.note == ("Den 29. august 2026 er en lørdag. Samtalen er flyttet til næste arbejdsdag, "
                             "mandag den 31. august 2026.")
    assert next_working_day(date(2026, 8, 30)).day == date(2026, 8, 31)
    tuesday = next_working_day(date(2026, 9, 1))
    assert (tuesday.day, tuesday.moved, tuesday.note) == (date(2026, 9, 1), False, "")


def test_store_bededag_is_no_longer_a_holiday_but_was_in_2023() -> None:
    assert day_off(date(2023, 5, 5)) == "en helligdag (Store bededag)"
    assert day_off(date(2024, 4, 26)) == ""


def test_our_days_off_are_skipped_only_when_configured() -> None:
    assert next_working_day(date(2026, 12, 24)).day == date(2026, 12, 28)  # juleaftensdag, jul, weekend
    assert day_off(date(2026, 12, 24)) == "en fridag (Juleaftensdag)"
    assert day_off(date(2027, 6, 5)) == "en fridag (Grundlovsdag)"  # a Saturday, but named for what it is
    assert day_off(date(2026, 12, 31)) == "en fridag (Nytårsaften)"
    assert next_working_day(date(2026, 12, 24), days_off=False).day == date(2026, 12, 24)
    assert day_off(date(2026, 5, 1), days_off=False) == ""


def test_months_are_added_to_the_start_keeping_the_day_or_the_months_last() -> None:
    assert add_months(date(2027, 1, 31), 1) == date(2027, 2, 28)
    assert add_months(date(2028, 1, 31), 1) == date(2028, 2, 29)
    assert add_months(date(2026, 11, 30), 3) == date(2027, 2, 28)
    assert add_months(date(2026, 8, 15), 12) == date(2027, 8, 15)
    assert add_months(date(2026, 12, 1), 1) == date(2027, 1, 1)


def test_conversations_at_the_source_months_with_the_early_and_later_themes() -> None:
    conv = config().conversations
    talks = conversations(date(2026, 11, 24), conv.months, conv)
    assert [t.month for t in talks] == [1, 3, 6, 12]
    assert [t.when.day for t in talks] == [date(2026, 12, 28), date(2027, 2, 24), date(2027, 5, 24),
                                           date(2027, 11, 24)]
    assert talks[0].when.note.startswith("Torsdag den 24. december 2026 er en fridag (Juleaftensdag).")
    assert [t.theme.template for t in talks] == ["De tidligere samtaler", "De tidligere samtaler",
                                                 "De senere samtaler", "De senere samtaler"]
    assert talks[0].title == "Opfølgende samtale efter 1 måned"
    assert talks[3].title == "Opfølgende samtale efter 12 måneder"


def test_the_months_are_editable() -> None:
    kit = parse_kit({"start": "2026-09-01", "maaneder": "2, 4 og 9"}, config())
    assert kit.maaneder == (2, 4, 9)
    talks = conversations(kit.start or date.min, kit.maaneder, config().conversations)
    assert [t.when.day for t in talks] == [date(2026, 11, 2), date(2027, 1, 4), date(2027, 6, 1)]
    assert [t.early for t in talks] == [True, False, False]
    later = replace(config().conversations, early_until=4)
    assert [t.early for t in conversations(date(2026, 9, 1), (2, 4, 9), later)] == [True, True, False]


@pytest.mark.parametrize(("raw", "message"), [
    ("1, 3, 3", "Måned 3 står to gange."),
    ("1, 0", "»0« er ikke et antal måneder fra 1 til 60."),
    ([1, "x"], "»x« er ikke et antal måneder fra 1 til 60."),
    (7, "Skriv månederne som tal, fx 1, 3, 6 og 12."),
])
def test_bad_months_are_refused(raw: object, message: str) -> None:
    with pytest.raises(InputError) as error:
        parse_kit({"maaneder": raw}, config())
    assert [(e.field, e.message) for e in error.value.errors] == [("maaneder", message)]


@pytest.mark.parametrize("raw", ["2026-02-30", "1. marts", "1899-01-01", 20260301])
def test_a_bad_start_date_is_refused(raw: object) -> None:
    with pytest.raises(InputError) as error:
        parse_kit({"start": raw}, config())
    assert error.value.errors[0].field == "start"
    assert error.value.errors[0].message.startswith("Startdatoen skal være en dato")


def test_across_summer_time_the_dates_are_calendar_days() -> None:
    """28 March 2027 is both the change to summer time and Easter Sunday; 25 October 2026 the change
    back: the conversations land on the next working day all the same."""
    conv = config().conversations
    [spring] = conversations(date(2027, 2, 28), [1], conv)
    assert spring.when.planned == date(2027, 3, 28) and spring.when.day == date(2027, 3, 30)
    [autumn] = conversations(date(2026, 9, 25), [1], conv)
    assert autumn.when.planned == date(2026, 10, 25) and autumn.when.day == date(2026, 10, 26)


def test_checklist_dates_relative_to_the_start_with_their_provenance() -> None:
    flow = config().onboarding
    phases = checklist(date(2027, 3, 1), flow, {"buddyordning"})
    assert [phase.title for phase, _ in phases] == ["Preboarding", "Forbered organisationen", "Onboarding"]
    steps = {s.step.id: s for _, group in phases for s in group}
    buddy = steps["buddyordning"]
    assert (buddy.step.day, buddy.when and buddy.when.day, buddy.done) == (-28, date(2027, 2, 1), True)
    first = steps["hvorfor-valgt"]
    assert first.step.day == 0 and first.step.day_from_source
    assert first.to_dict()["dag_tekst"] == "første arbejdsdag"
    assert "Onboardingen begynder på den nye leders første dag i jobbet." in first.to_dict()["dag_kilde"]
    social = steps["sociale-arrangementer"].to_dict()
    assert (social["dag_tekst"], social["dag_fra_kilden"]) == ("14 dage før første arbejdsdag", False)
    assert social["dato"] == "2027-02-15"
    later = steps["saerlige-opgaver"]  # day 30 = 31 March 2027, a Wednesday
    assert later.when is not None and later.when.day == date(2027, 3, 31) and not later.when.moved


def test_a_checklist_step_on_a_day_off_moves_with_a_short_note() -> None:
    phases = checklist(date(2027, 3, 16), config().onboarding, ())
    steps = {s.step.id: s for _, group in phases for s in group}
    moved = steps["ekspliciter-valget"].when  # 14 days before: 2 March 2027 is a Tuesday
    assert moved is not None and not moved.moved
    intro = steps["introduktion-til-organisationen"].when  # 21 days before: Tuesday 23 February
    assert intro is not None and intro.day == date(2027, 2, 23)
    sunday = {s.step.id: s for _, g in checklist(date(2027, 3, 14), config().onboarding, ()) for s in g}
    when = sunday["hvorfor-valgt"].when
    assert when is not None and when.day == date(2027, 3, 15)
    assert when.note == "Flyttet fra den 14. marts 2027, som er en søndag."


def test_without_a_start_date_the_checklist_has_no_dates() -> None:
    phases = checklist(None, config().onboarding, ())
    assert all(s.when is None and s.to_dict()["dato"] == "" for _, group in phases for s in group)


def test_holidays_is_shipped_to_the_browser_at_the_locked_version() -> None:
    """The browser computes the same holidays: `holidays` and what it needs are pinned wheels."""
    from macros import pyodide_assets

    from tests.support.build import ROOT

    lock = dict(line.split("==", 1) for line in (ROOT / "requirements.lock").read_text().splitlines()
                if "==" in line)
    pins = pyodide_assets.browser_pins()
    for name in ("holidays", "python_dateutil", "six"):
        assert pins[name] == lock[name.replace("_", "-")].strip()
    import holidays

    assert holidays.__version__ == pins["holidays"]


def test_denmark_loaded_alone_gives_the_packages_own_holidays(monkeypatch: pytest.MonkeyPatch) -> None:
    """dates.py loads the package's Denmark module without importing every country; it must give
    exactly what holidays.country_holidays("DK") gives, and fall back to it if the layout changes."""
    import importlib.util

    import holidays

    from koensbalance.mobilitet import dates

    for year in range(2020, 2036):
        public, optional = dates._holidays(year, True)
        assert public == dict(holidays.country_holidays("DK", years=year))
        assert optional == dict(holidays.country_holidays("DK", years=year, categories=("optional",)))
    dates._denmark.cache_clear()
    dates._holidays.cache_clear()
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: None)
    try:
        assert dates.day_off(date(2027, 3, 25)) == "en helligdag (Skærtorsdag)"
    finally:
        monkeypatch.undo()
        dates._denmark.cache_clear()
        dates._holidays.cache_clear()


def test_checklist_steps_are_in_date_order_within_each_phase() -> None:
    for phase, steps in checklist(date(2027, 3, 1), config().onboarding, ()):
        days = [s.step.day for s in steps]
        assert days == sorted(days), phase.id
        same_day = [s.step.id for s in steps if s.step.day == 0]
        source_order = [s.id for s in phase.steps if s.day == 0]
        assert same_day == source_order
