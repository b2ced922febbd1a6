"""What the plan hands out: the policy draft (Markdown and document blocks), the årshjul as a
calendar file parsed back with icalendar, and the JSON file (export, import, bad files)."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from typing import Any

import icalendar
import pytest
from macros import plan_macros, site_data

from koensbalance.errors import InputError
from koensbalance.plan import aarshjul, config, files, ics, view
from koensbalance.plan.model import Plan, parse_plan
from koensbalance.plan.prefill import prefill

PLAN = "region-nordjylland-koensligestilling-i-ledelseslagene"
WITH_TRIN = "naa-ud-til-potentielle-ansoegere"
FOLLOW_UP = "implementering-systematisk-opfoelgning"
TARGET = {"status_aar": 2025, "i_alt": 12, "kvinder": 3, "maend": 9, "koen": "kvinder", "maaltal_pct": 40,
          "maal_aar": 2030,
          "status_tekst": "3 kvinder og 9 mænd i den øverste ledelse pr. 31. december 2025 (25 pct. kvinder)",
          "maaltal_tekst": "Måltal: mindst 40 pct. kvinder (5 af 12) senest i 2030.",
          "rekruttering_tekst": "Mindst 68 pct. af de nye ledere skal være kvinder."}
PLAN_DATA: dict[str, Any] = {
    "titel": "Handlingsplan 2026", "organisation": "Eksempel Kommune", "maal": TARGET,
    "indsatser": [
        {"id": PLAN},
        {"id": WITH_TRIN, "ansvarlig": "HR-chef", "frist": "2026-09-30"},
        {"id": FOLLOW_UP, "maalsaetning": "Direktionen følger op hvert kvartal.",
         "handlinger": "- Fast punkt på direktionsmødet\n- Drøftelse i MED-udvalget",
         "indikator": "Status drøftet fire gange om året.", "ansvarlig": "Kommunaldirektør",
         "frist": "2027-01-15"},
    ],
    "tjekliste": ["systematisk-opfoelgning"],
}


@pytest.fixture(scope="module")
def cfg() -> dict[str, Any]:
    return plan_macros.plan_config(site_data.catalogue())


def shown(cfg: dict[str, Any], plan: dict[str, Any] = PLAN_DATA) -> dict[str, Any]:
    return view.view(parse_plan(plan), config.parse_entries(cfg["entries"]), config.parse_areas(cfg["areas"]),
                     config.parse_checklist(cfg["checklist"]), config.parse_reporting(cfg["reporting"]),
                     "https://eksempel.test/plan/", date(2026, 1, 2))


def test_markdown_holds_target_entries_fields_checklist_and_aarshjul(cfg: dict[str, Any]) -> None:
    md = shown(cfg)["markdown"]
    assert md.startswith("# Handlingsplan 2026\n\n**Organisation:** Eksempel Kommune\n\n"
                         "## Status og måltal\n")
    assert TARGET["status_tekst"] in md and TARGET["maaltal_tekst"] in md
    assert "### Systematisk opfølgning" in md
    assert "**Målsætning:** Direktionen følger op hvert kvartal." in md
    assert "**Handling(er):**\n\n- Fast punkt på direktionsmødet\n- Drøftelse i MED-udvalget" in md
    assert "**Indikator:** Status drøftet fire gange om året." in md
    assert "**Ansvarlig (rolle):** Kommunaldirektør" in md and "**Frist:** 15. januar 2027" in md
    assert "- Kvinder motiveres via ledelsespipeline og regionens talentprogrammer." in md  # prefilled
    assert "Kilde: Kønsbalance i ledelse (2023), afsnit 5. Tre gode råd" in md
    assert "- [x] Systematisk opfølgning: Allerede når I udarbejder jeres måltal" in md
    assert "- [ ] Forankring i topledelsen:" in md
    assert "- 30. september 2026: Frist: Nå ud til potentielle ansøgere (ansvarlig: HR-chef)" in md
    assert "- 31. december 2026: Status pr. 31. december" in md
    # the areas in taxonomy order: måltal/politik, rekruttering, karriereudvikling
    assert md.index("## Måltal, politik og opfølgning") < md.index("## Rekruttering") < \
        md.index("## Karriereudvikling og leadership pipeline") < md.index("## Tjekliste fra kilderne")


def test_plan_without_target_points_to_saet_maaltal(cfg: dict[str, Any]) -> None:
    result = shown(cfg, {**PLAN_DATA, "maal": None})
    assert "Planen har endnu ikke et måltal. Regn jeres status og måltal ud under »Sæt måltal«" in \
        result["markdown"]


def test_user_text_cannot_add_headings_to_the_markdown(cfg: dict[str, Any]) -> None:
    plan = {"titel": "# Titel", "indsatser": [{"id": FOLLOW_UP, "maalsaetning": "## Ikke en overskrift"}]}
    md = shown(cfg, plan)["markdown"]
    assert md.startswith("# \\# Titel\n") and "**Målsætning:** \\## Ikke en overskrift" in md


def test_document_blocks_for_docx(cfg: dict[str, Any]) -> None:
    blocks = shown(cfg)["document"]
    assert blocks[0] == {"kind": "title", "text": "Handlingsplan 2026"}
    assert blocks[1] == {"kind": "field", "label": "Organisation", "text": "Eksempel Kommune"}
    assert blocks[2] == {"kind": "heading", "text": "Status og måltal"}
    assert {"kind": "paragraph", "text": TARGET["status_tekst"]} in blocks
    start = blocks.index({"kind": "subheading", "text": "Nå ud til potentielle ansøgere"})
    fields = [(b["label"], b["text"][:12]) for b in blocks[start + 2:start + 7]]
    assert fields == [("Målsætning", "(ikke udfyld"), ("Handling(er)", "- Annoncere "),
                      ("Indikator", "(ikke udfyld"), ("Ansvarlig (rolle)", "HR-chef"),
                      ("Frist", "30. septembe")]
    checks = [b for b in blocks if b["kind"] == "check"]
    assert len(checks) == 5 and [b["checked"] for b in checks] == [False, True, False, False, False]
    assert all("(Kilde: " in b["text"] for b in checks)
    assert {b["kind"] for b in blocks} <= {"title", "heading", "subheading", "paragraph", "field", "bullet",
                                           "check"}


def test_aarshjul_lists_deadlines_and_reporting_dates_in_order(cfg: dict[str, Any]) -> None:
    wheel = shown(cfg)["aarshjul"]
    assert [(w["dato"], w["maaned"]) for w in wheel] == [
        ("2026-05-31", "maj"), ("2026-09-30", "september"), ("2026-12-31", "december"),
        ("2027-01-15", "januar"), ("2027-05-31", "maj"), ("2027-12-31", "december")]
    assert wheel[3]["tekst"] == "Frist: Systematisk opfølgning (ansvarlig: Kommunaldirektør)"


def calendar(cfg: dict[str, Any], plan: dict[str, Any] = PLAN_DATA, year: int = 2026) -> icalendar.Calendar:
    entries = config.parse_entries(cfg["entries"])
    reporting = config.parse_reporting(cfg["reporting"])
    text = ics.ics(prefill(parse_plan(plan), entries), entries, reporting, date(year, 1, 2),
                   datetime(2026, 1, 2, 8, 0, tzinfo=UTC))
    return icalendar.Calendar.from_ical(text)


def test_ics_has_all_day_deadlines_and_yearly_reporting_in_copenhagen(cfg: dict[str, Any]) -> None:
    cal = calendar(cfg)
    assert str(cal["x-wr-timezone"]) == "Europe/Copenhagen"
    assert cal.walk("VTIMEZONE")[0]["tzid"] == "Europe/Copenhagen"
    events = {str(e["summary"]): e for e in cal.walk("VEVENT")}
    deadline = events["Frist: Nå ud til potentielle ansøgere (ansvarlig: HR-chef)"]
    start, end = deadline.decoded("dtstart"), deadline.decoded("dtend")
    assert type(start) is date and start == date(2026, 9, 30) and end == date(2026, 10, 1)
    assert "rrule" not in deadline and "Kilde: Kønsbalance i ledelse" in str(deadline["description"])
    assert "Handling(er):\n- Annoncere bredt." in str(deadline["description"])
    status = events["Status pr. 31. december"]
    assert status.decoded("dtstart") == date(2026, 12, 31)
    assert status["rrule"]["FREQ"] == ["YEARLY"]
    assert "Der skal indberettes om status pr. 31. december årligt." in str(status["description"])
    assert "Kilde: Kønsbalance i ledelse (2023), afsnit 2." in str(status["description"])
    may = next(e for name, e in events.items() if name.startswith("Kommunernes indberetning"))
    assert may.decoded("dtstart") == date(2026, 5, 31) and may["rrule"]["FREQ"] == ["YEARLY"]
    assert "Kilde: Indberetning om måltal og politikker" in str(may["description"])
    assert len(events) == 4 and len({str(e["uid"]) for e in cal.walk("VEVENT")}) == 4


def test_ics_of_a_plan_without_deadlines_still_holds_the_reporting_dates(cfg: dict[str, Any]) -> None:
    cal = calendar(cfg, {"indsatser": [{"id": PLAN}]}, 2030)
    starts = sorted(e.decoded("dtstart") for e in cal.walk("VEVENT"))
    assert starts == [date(2030, 5, 31), date(2030, 12, 31)]


def test_json_file_round_trip(cfg: dict[str, Any]) -> None:
    plan = shown(cfg)["plan"]
    text = files.export_file(parse_plan(plan))
    document = json.loads(text)
    assert document["format"] == "kb-handlingsplan" and document["version"] == 1
    assert files.import_file(text) == parse_plan(plan)


@pytest.mark.parametrize(("text", "message"), [
    ("ikke json", files.NOT_A_PLAN),
    ("[]", files.NOT_A_PLAN),
    (json.dumps({"format": "koensbalance-workshop", "version": 1, "plan": {}}), files.NOT_A_PLAN),
    (json.dumps({"format": "kb-handlingsplan", "version": 2, "plan": {}}), files.OTHER_VERSION),
    (json.dumps({"format": "kb-handlingsplan", "version": 1,
                 "plan": {"indsatser": [{"id": "a", "frist": "2026-13-01"}]}}),
     "Filen indeholder en ugyldig plan: Fristen skal være en gyldig dato mellem 2000 og 2100, "
     "fx 2026-03-31."),
    (json.dumps({"format": "kb-handlingsplan", "version": 1, "plan": "x"}),
     "Filen indeholder en ugyldig plan: Planen kan ikke læses."),
    ("[" * 100_000, files.NOT_A_PLAN),
    (" " * (files.MAX_FILE_CHARS + 1), files.NOT_A_PLAN),
])
def test_import_rejects_bad_files_in_danish(text: str, message: str) -> None:
    with pytest.raises(InputError) as caught:
        files.import_file(text)
    assert [(e.field, e.message) for e in caught.value.errors] == [("import", message)]


def test_imported_file_keeps_entries_no_longer_in_the_catalogue(cfg: dict[str, Any]) -> None:
    text = files.export_file(Plan(indsatser=parse_plan({"indsatser": [{"id": "fjernet"}]}).indsatser))
    assert [i.id for i in files.import_file(text).indsatser] == ["fjernet"]


def test_aarshjul_and_ics_start_at_the_next_occurrence_from_today(cfg: dict[str, Any]) -> None:
    """Issue 21, item 7: on 1 December 2026 the coming 31 December 2026 comes first, then 31 May
    2027, with or without deadlines in 2027; the calendar file starts on the same days."""
    entries = config.parse_entries(cfg["entries"])
    reporting = config.parse_reporting(cfg["reporting"])
    today = date(2026, 12, 1)
    for plan in ({"indsatser": [{"id": PLAN}]},
                 {"indsatser": [{"id": PLAN, "frist": "2027-03-01"},
                                {"id": WITH_TRIN, "frist": "2027-10-01"}]}):
        parsed = parse_plan(plan)
        wheel = [line.to_dict() for line in aarshjul.wheel(parsed, entries, reporting, today)]
        reporting_days = [w["dato"] for w in wheel if not w["tekst"].startswith("Frist")]
        assert reporting_days[:2] == ["2026-12-31", "2027-05-31"], wheel
        assert wheel[0]["dato_tekst"] == "31. december 2026"
        text = ics.ics(prefill(parsed, entries), entries, reporting, today, datetime(2026, 12, 1, tzinfo=UTC))
        yearly = sorted(str(e.decoded("dtstart")) for e in icalendar.Calendar.from_ical(text).walk("VEVENT")
                        if "rrule" in e)
        assert yearly == ["2026-12-31", "2027-05-31"]
    # Today's own date counts: on 31 May the reporting date of that day is listed.
    first = aarshjul.wheel(parse_plan({"indsatser": []}), entries, reporting, date(2027, 5, 31))[0]
    assert first.day == date(2027, 5, 31)
