"""Agenda parsing, timing, checks and run mode of the workshop planner (CPython)."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from macros import site_data

from koensbalance import bridge
from koensbalance.errors import InputError
from koensbalance.workshop import runmode, templates
from koensbalance.workshop.checks import check
from koensbalance.workshop.model import parse_agenda
from koensbalance.workshop.timing import schedule


@pytest.fixture(scope="module")
def all_templates() -> dict[str, templates.Template]:
    data = site_data.catalogue().data[templates.DATA_KEY]
    return {t.id: t for t in templates.load_templates(data)}


def short(all_templates: dict[str, templates.Template]) -> dict[str, Any]:
    return copy.deepcopy(all_templates["workshop-kort"].agenda.to_dict())


def codes(raw: dict[str, Any]) -> list[str]:
    return [c.code for c in check(parse_agenda(raw))]


def test_templates_follow_the_sources(all_templates: dict[str, templates.Template]) -> None:
    short_titles = [b.title for b in all_templates["workshop-kort"].agenda.blocks]
    assert short_titles[0] == "Velkommen" and short_titles[3] == "Frokost"
    assert short_titles[-2:] == ["Konkret plan for handlinger", "Aftale om et opfølgende møde"]
    assert all(b.from_source for b in all_templates["workshop-kort"].agenda.blocks)
    aarhus = all_templates["aarhus-workshop-5-timer"].agenda
    assert sum(b.minutes for b in aarhus.blocks) == 300  # "en workshop på 5 timer"
    assert (all_templates["aktionslaering-moede"].agenda.group_min,
            all_templates["aktionslaering-moede"].agenda.group_max) == (4, 6)
    focus_group = all_templates["fokusgruppe"].agenda
    assert (focus_group.group_min, focus_group.group_max) == (5, 8)
    for template in all_templates.values():  # every template passes its own checks as shipped
        assert check(template.agenda) == (), template.id


def test_times_are_computed_from_the_start(all_templates: dict[str, templates.Template]) -> None:
    slots = schedule(all_templates["workshop-kort"].agenda)
    assert [(s.start, s.end) for s in slots][:2] == [(630, 640), (640, 670)]
    assert slots[-1].end == 14 * 60


def test_over_planned_length_lunch_and_breaks(all_templates: dict[str, templates.Template]) -> None:
    raw = short(all_templates)
    raw["blokke"][2]["minutter"] = "120"
    messages = {c.code: c.message for c in check(parse_agenda(raw))}
    assert messages["for-lang"] == ("Dagsordenen varer 4 t. 40 min. – 1 t. 10 min. mere end den planlagte "
                                    "længde på 3 t. 30 min.")
    assert messages["frokost"] == "Frokosten ligger kl. 13:10–13:40, uden for 11:00–13:30."
    assert messages["pause"].startswith("Fra kl. 10:30 til 13:10 går der 2 t. 40 min. uden pause")
    raw = short(all_templates)
    raw["starttid"] = "08:00"  # lunch at 09:30
    assert "frokost" in codes(raw)
    raw = short(all_templates)
    raw["blokke"][2]["minutter"] = "51"  # 91 minutes before lunch
    assert codes(raw) == ["for-lang", "pause"]
    raw["planlagt_minutter"] = ""  # no planned length: no length check
    assert codes(raw) == ["pause"]


def test_action_plan_follow_up_and_group_size(all_templates: dict[str, templates.Template]) -> None:
    raw = short(all_templates)
    raw["blokke"][5]["type"] = "indhold"
    raw["blokke"][6]["type"] = "indhold"
    assert codes(raw) == ["handleplan", "opfoelgning"]
    focus = copy.deepcopy(all_templates["fokusgruppe"].agenda.to_dict())
    for count, expected in (("4", ["deltagere"]), ("5", []), ("8", []), ("9", ["deltagere"]), ("", [])):
        focus["deltagere"] = count
        assert codes(focus) == expected, count
    focus["deltagere"] = "12"
    expected = "Formatet er beregnet til 5-8 personer; I har planlagt 12."
    assert check(parse_agenda(focus))[0].message == expected


def test_bad_input_gets_danish_messages_per_field(all_templates: dict[str, templates.Template]) -> None:
    raw = short(all_templates)
    raw.update(starttid="25:00", deltagere="mange", dato="2026-02-30")
    raw["blokke"][1].update(titel=" ", minutter="0")
    with pytest.raises(InputError) as caught:
        parse_agenda(raw)
    fields = {e.field: e.message for e in caught.value.errors}
    assert fields["starttid"] == "Starttidspunktet skal være et klokkeslæt som 09:30."
    assert fields["deltagere"] == "Antal deltagere skal være et helt tal, fx 3."
    assert fields["dato"].startswith("Datoen skal være en gyldig dato")
    assert fields["blokke.1.titel"] == "Udfyld punktets titel."
    assert fields["blokke.1.minutter"] == "Varigheden skal være mellem 1 og 600 minutter."
    raw = short(all_templates)
    raw["starttid"] = "22:00"
    with pytest.raises(InputError, match="midnat"):
        parse_agenda(raw)


def test_run_mode_moves_the_rest_when_a_block_runs_over(all_templates: dict[str, templates.Template]) -> None:
    agenda = all_templates["workshop-kort"].agenda
    start = 10 * 3600 + 30 * 60
    on_time = runmode.status(agenda, [start], start + 4 * 60)
    assert on_time.current_title == "Velkommen"
    assert (on_time.block_left_text, on_time.next_start) == ("06:00", "10:40")
    assert on_time.projected_end == "14:00" and on_time.delay_minutes == 0
    late = runmode.status(agenda, [start], start + 15 * 60)  # welcome planned 10 min., now 15
    assert late.block_left == -5 * 60 and late.block_left_text == "+05:00"
    assert (late.next_start, late.projected_end, late.delay_minutes) == ("10:45", "14:05", 5)
    assert late.rows[1].start == "10:45" and late.rows[-1].end == "14:05"
    assert "over tid" in late.message
    moved_on = runmode.status(agenda, [start, start + 15 * 60], start + 16 * 60)
    assert moved_on.current_title.startswith("Oplæg") and moved_on.rows[0].state == "faerdig"
    assert moved_on.projected_end == "14:05"
    early = runmode.status(agenda, [start, start + 5 * 60], start + 5 * 60)
    assert early.delay_minutes == -5 and "foran planen" in early.message
    starts = [start + i * 60 for i in range(len(agenda.blocks) + 1)]
    assert runmode.status(agenda, starts, starts[-1]).finished


def test_run_mode_rejects_nonsense_progress(all_templates: dict[str, templates.Template]) -> None:
    payload = {"agenda": short(all_templates), "progress": {"starts": ["x"], "now": 1}}
    answer = bridge.call("workshop.run", json.dumps(payload))
    assert '"ok": false' in answer and "Afviklingen kan ikke læses" in answer


def test_every_template_has_a_stable_page(all_templates: dict[str, templates.Template]) -> None:
    from macros.workshop_macros import template_path

    from tests.support.build import ROOT

    pages = {p.stem for p in (ROOT / "docs" / "workshop").glob("*.md")} - {"index"}
    form_pages = {p.stem for p in (ROOT / "docs" / "workshop").glob("*.md")
                  if "workshop_form_page(" in p.read_text(encoding="utf-8")}  # test_workshop_forms.py
    assert pages - form_pages == set(all_templates)
    for template_id in all_templates:
        text = (ROOT / "docs" / template_path(template_id)).read_text(encoding="utf-8")
        assert f'workshop_template_page("{template_id}")' in text
