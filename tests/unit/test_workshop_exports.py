"""Exports: calendar file (parsed back with icalendar), Markdown, invitation, JSON file, QR code."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, date, datetime

import icalendar
import pytest
from macros import site_data

from koensbalance import bridge
from koensbalance.errors import InputError
from koensbalance.workshop import exports, templates


@pytest.fixture(scope="module")
def short() -> templates.Template:
    data = site_data.catalogue().data[templates.DATA_KEY]
    return next(t for t in templates.load_templates(data) if t.id == "workshop-kort")


STAMP = datetime(2026, 1, 2, 8, 0, tzinfo=UTC)


@pytest.mark.parametrize(("day", "offset"), [(date(2026, 3, 5), "+01:00"), (date(2026, 6, 4), "+02:00")])
def test_ics_parses_back_with_copenhagen_times(short: templates.Template, day: date, offset: str) -> None:
    agenda = replace(short.agenda, day=day, place="Rådhuset")
    calendar = icalendar.Calendar.from_ical(exports.ics(agenda, STAMP, "https://x.test/workshop/#plan=1.a"))
    event = calendar.walk("VEVENT")[0]
    start, end = event.decoded("dtstart"), event.decoded("dtend")
    assert start.isoformat() == f"{day.isoformat()}T10:30:00{offset}"
    assert end.isoformat() == f"{day.isoformat()}T14:00:00{offset}"
    assert str(start.tzinfo) == "Europe/Copenhagen"
    assert event["dtstart"].params["TZID"] == "Europe/Copenhagen"
    assert calendar.walk("VTIMEZONE")[0]["tzid"] == "Europe/Copenhagen"
    description = str(event["description"])
    assert "10:30–10:40  Velkommen" in description and "Forberedelse: Forbered dig" in description
    assert str(event["summary"]) == "Workshop om ligestilling – kort version"


def test_ics_needs_a_date(short: templates.Template) -> None:
    with pytest.raises(InputError, match="Vælg en dato"):
        exports.ics(short.agenda, STAMP)


def test_markdown_and_invitation(short: templates.Template) -> None:
    agenda = replace(short.agenda, day=date(2026, 3, 5), place="Rådhuset | sal 2")
    markdown = exports.markdown(agenda, "https://x.test/#plan=1.a", "Varighederne er vores forslag.")
    assert "| 13:50–14:00 | Aftale om et opfølgende møde |  |" in markdown
    assert "Rådhuset \\| sal 2" in markdown and "_Varighederne er vores forslag._" in markdown
    invitation = exports.invitation(agenda, "https://x.test/#plan=1.a")
    assert "torsdag den 5. marts 2026 kl. 10:30–14:00, Rådhuset | sal 2" in invitation
    assert "Forberedelse:\nForbered dig inden workshoppen på, hvor du i dit daglige arbejde ser" in invitation


def test_json_file_round_trip_and_rejection(short: templates.Template) -> None:
    text = exports.export_file(short.agenda)
    assert exports.import_file(text) == short.agenda
    wrong_agenda = {"format": "koensbalance-workshop", "version": 1, "dagsorden": {"blokke": 3}}
    for bad in ("", "[]", "{", json.dumps({"format": "x"}), json.dumps(wrong_agenda)):
        with pytest.raises(InputError):
            exports.import_file(bad)
    answer = json.loads(bridge.call("workshop.import", json.dumps({"text": "{}"})))
    assert answer == {"ok": False, "errors": [{"field": "fil", "message":
                                                "Filen er ikke en dagsorden fra workshopplanlæggeren."}]}


def test_qr_code_encodes_the_link() -> None:
    link = "https://x.test/workshop/#plan=1." + "A" * 700
    uri = exports.qr_svg_data_uri(link)
    assert uri is not None and uri.startswith("data:image/svg+xml")
    assert exports.qr_svg_data_uri("x" * 5000) is None  # too long for any QR code: no image


def test_bridge_plan_answers_like_the_build(short: templates.Template) -> None:
    payload = {"agenda": short.agenda.to_dict(), "base_url": "http://127.0.0.1:8000/workshop/", "qr": True}
    answer = json.loads(bridge.call("workshop.plan", json.dumps(payload)))
    assert answer["ok"] and answer["result"]["slut"] == "14:00" and answer["result"]["checks"] == []
    assert answer["result"]["link"].startswith("http://127.0.0.1:8000/workshop/#plan=1.")
    assert answer["result"]["qr"].startswith("data:image/svg+xml")


def test_summary_line_above_the_printed_agenda_has_the_date() -> None:
    from datetime import date

    from koensbalance.workshop.exports import summary
    from koensbalance.workshop.model import Agenda, Block, BlockKind

    blocks = (Block(title="Velkommen", minutes=30, kind=BlockKind.CONTENT),)
    agenda = Agenda(title="", start=9 * 60, blocks=blocks, day=date(2026, 3, 5), place="Lokale 2")
    assert summary(agenda) == "Torsdag den 5. marts 2026 kl. 09:00–09:30 (30 min.), Lokale 2"
    assert summary(Agenda(title="", start=9 * 60, blocks=blocks)) == "Kl. 09:00–09:30 (30 min.)"
    assert summary(Agenda(title="", start=9 * 60, blocks=())) == "Ingen punkter endnu."
