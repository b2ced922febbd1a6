"""What the kit hands out: the calendar file (read back with icalendar, Europe/Copenhagen, 10:00 on
both sides of a summer-time change), the document blocks and their Markdown, the JSON file and
reading it back (hostile files refused with one Danish message), and every bridge registration."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

import icalendar
import pytest

from koensbalance import bridge
from koensbalance.errors import InputError
from koensbalance.mobilitet import document, files, ics, view
from koensbalance.mobilitet.model import Kit, blank_kit, parse_kit
from koensbalance.plan import document as plan_document
from tests.support.mobilitet import config, example_kit, example_raw

STAMP = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)


def events(text: str) -> list[Any]:
    calendar = icalendar.Calendar.from_ical(text)
    return [c for c in calendar.walk() if c.name == "VEVENT"]


def test_ics_has_every_conversation_at_its_working_day_in_copenhagen_time() -> None:
    found = events(ics.ics(example_kit(), config(), STAMP))
    assert [e.decoded("dtstart").date().isoformat() for e in found] == [
        "2026-12-28", "2027-02-24", "2027-05-24", "2027-11-24"]
    for event in found:
        start, end = event.decoded("dtstart"), event.decoded("dtend")
        assert str(start.tzinfo) == "Europe/Copenhagen" and start.hour == 10 and start.minute == 0
        assert end - start == timedelta(minutes=60)
        assert event["dtstart"].params["TZID"] == "Europe/Copenhagen"
    assert str(found[0]["summary"]) == "Opfølgende samtale efter 1 måned: Direktør for Teknik og Miljø"
    first = str(found[0]["description"])
    assert first.startswith("De tidligere samtaler:\n- Den nye leders oplevelser med og perspektiver")
    assert "Torsdag den 24. december 2026 er en fridag (Juleaftensdag)." in first
    assert "Noter:\nAftal, hvem der er buddy fremover." in first
    assert "Det undrer jeg mig over:\n- Hvorfor skal alle sager forbi direktionen?" in first
    assert "Kilde: Ledermobilitet, Anbefaling 03: Udnyt potentialet – Prioriter forankringen" in first
    assert str(found[2]["description"]).startswith("De senere samtaler:")
    assert len({str(e["uid"]) for e in found}) == 4
    assert "BEGIN:VTIMEZONE" in ics.ics(example_kit(), config(), STAMP)


def test_ics_keeps_the_wall_clock_across_summer_time() -> None:
    """Start 28 February 2027: one month is Easter Sunday 28 March (the change to summer time), moved to
    Tuesday 30 March; both it and a winter conversation are at 10:00 local time (09:00 and 08:00 UTC)."""
    kit = parse_kit({"start": "2027-01-28", "maaneder": [1, 2], "klokken": "10:00"}, config())
    winter, summer = events(ics.ics(kit, config(), STAMP))
    assert winter.decoded("dtstart").astimezone(UTC).hour == 9
    kit = parse_kit({"start": "2027-02-28", "maaneder": [1], "klokken": "10:00", "minutter": 90}, config())
    [spring] = events(ics.ics(kit, config(), STAMP))
    start = spring.decoded("dtstart")
    assert start.date().isoformat() == "2027-03-30" and start.hour == 10
    assert start.astimezone(UTC).hour == 8
    assert spring.decoded("dtend") - start == timedelta(minutes=90)
    assert "Påskedag" in str(spring["description"])


def test_ics_needs_a_start_date_and_a_month() -> None:
    for raw, field in (({}, "start"), ({"start": "2027-03-01", "maaneder": []}, "maaneder")):
        with pytest.raises(InputError) as error:
            ics.ics(parse_kit(raw, config()), config(), STAMP)
        assert error.value.errors[0].field == field


def test_document_blocks_are_the_plan_builders_kinds_and_markdown_has_every_part() -> None:
    blocks = document.blocks(example_kit(), config())
    kinds = {"title", "heading", "subheading", "paragraph", "field", "bullet", "check"}
    assert {b.kind for b in blocks} <= kinds
    text = plan_document.markdown(blocks)
    assert text.startswith("# Ansæt en sektorskifter: Direktør for Teknik og Miljø\n")
    for heading in ("## Job- og kompetenceanalyse", "## Forventningsafstemning", "## Opfølgende samtaler",
                    "## Preboarding og onboarding", "### Det undrer jeg mig over", "### Onboarding"):
        assert f"\n{heading}\n" in text
    assert ("### Hvad er rammerne for lederjobbet? Overvej her, hvilke arbejdsvilkår I tilbyder.\n\n"
            "Fuld tid, 37 timer.\nMulighed for hjemmearbejde om fredagen.") in text
    assert ("- ledelsesrum: organisationen 15 pct., kandidaten 25 pct. – forskel 10 procentpoint "
            "(markeret)") in text
    assert "- opgaver: organisationen 20 pct., kandidaten 20 pct. – ingen forskel" in text
    assert "### Opfølgende samtale efter 1 måned: mandag den 28. december 2026 kl. 10:00" in text
    assert "- [x] tirsdag den 27. oktober 2026: En såkaldt buddyordning" in text
    assert "(28 dage før første arbejdsdag; dagen er vores forslag)" in text
    assert "(første arbejdsdag; dagen bygger på kilden)" in text
    assert "Grænsen på 10 procentpoint er vores eget valg, ikke kildens." in text


def test_user_text_cannot_break_the_markdown() -> None:
    raw = example_raw()
    raw["analyse"]["rammer"] = "# Overskrift?\n> citat"
    raw["undren"] = ["- [x] snyd", "## nej"]
    text = plan_document.markdown(document.blocks(parse_kit(raw, config()), config()))
    assert "\n# Overskrift?" not in text and "\\# Overskrift?" in text
    assert "\n## nej" not in text


def test_blank_kit_document_says_what_is_missing() -> None:
    text = plan_document.markdown(document.blocks(blank_kit(config()), config()))
    assert text.count(document.NO_START) == 2  # conversations and checklist
    assert "**Første arbejdsdag:** (ikke udfyldt)" in text
    assert "Kandidatens tal mangler" in text


def test_json_file_round_trips() -> None:
    kit = example_kit()
    text = files.export_file(kit)
    assert json.loads(text)["format"] == "kb-sektorskifter"
    assert files.import_file(text, config()) == kit


@pytest.mark.parametrize(("text", "message"), [
    ("ikke json", files.NOT_OURS),
    ('{"format": "kb-handlingsplan", "version": 1}', files.NOT_OURS),
    ('{"format": "kb-sektorskifter", "version": 2, "kit": {}}', files.OTHER_VERSION),
    ("[" * 100_000, files.NOT_OURS),
    ("x" * (files.MAX_FILE_CHARS + 1), files.NOT_OURS),
    (None, files.NOT_OURS),
])
def test_a_foreign_or_broken_file_is_refused_with_one_message(text: object, message: str) -> None:
    with pytest.raises(InputError) as error:
        files.import_file(text, config())
    assert [(e.field, e.message) for e in error.value.errors] == [("import", message)]


def test_a_file_with_a_bad_value_names_it() -> None:
    raw = example_raw()
    raw["forventninger"]["kandidat"]["opgaver"] = 150
    text = json.dumps({"format": "kb-sektorskifter", "version": 1, "kit": raw})
    with pytest.raises(InputError) as error:
        files.import_file(text, config())
    assert error.value.errors[0].message == ("Filen kan ikke åbnes: Kandidatens tal for »opgaver« skal være "
                                             "et helt tal fra 0 til 100.")


def test_an_older_file_without_new_keys_opens_with_defaults() -> None:
    text = json.dumps({"format": "kb-sektorskifter", "version": 1, "kit": {"stilling": "Chef"}})
    kit: Kit = files.import_file(text, config())
    assert kit.stilling == "Chef" and kit.maaneder == (1, 3, 6, 12) and kit.klokken == "10:00"


def call(name: str, payload: dict[str, Any]) -> dict[str, Any]:
    text = bridge.call(name, json.dumps({"config": config().to_config(), **payload}))
    result: dict[str, Any] = json.loads(text)
    return result


def test_every_registration_answers_through_the_bridge() -> None:
    raw = example_raw()
    shown = call("mobilitet.view", {"kit": raw, "base_url": "https://example.invalid/mobilitet/"})
    assert shown["ok"], shown
    result = shown["result"]
    assert result["markdown"] == plan_document.markdown(document.blocks(example_kit(), config()))
    assert [s["dato"] for s in result["samtaler"]] == ["2026-12-28", "2027-02-24", "2027-05-24", "2027-11-24"]
    assert result["forventninger"]["markerede"] == ["ledelsesrum"]
    assert result["links"]["kandidat"].startswith("https://example.invalid/mobilitet/#forventning=1.")
    assert call("mobilitet.view", {})["result"]["kit"] == blank_kit(config()).to_dict()
    calendar = call("mobilitet.ics", {"kit": raw})["result"]
    assert calendar["name"].endswith(".ics") and len(events(calendar["ics"])) == 4
    saved = call("mobilitet.export", {"kit": raw})["result"]
    opened = call("mobilitet.import", {"text": saved["json"]})["result"]
    assert opened["kit"] == example_kit().to_dict()
    link = call("mobilitet.share", {"kit": raw, "side": "kandidat", "base_url": "https://x.invalid/"})
    merged = call("mobilitet.open_link", {"kit": {}, "token": link["result"]["link"]})["result"]
    assert merged["anvendt"]
    assert merged["kit"]["forventninger"]["kandidat"] == raw["forventninger"]["kandidat"]


def test_bridge_errors_are_danish_field_messages() -> None:
    bad = call("mobilitet.view", {"kit": {"start": "i morgen"}})
    assert not bad["ok"] and bad["errors"][0]["field"] == "start"
    refused = call("mobilitet.import", {"text": "{}"})["errors"]
    assert refused == [{"field": "import", "message": files.NOT_OURS}]
    assert call("mobilitet.share", {"side": "chefen"})["errors"][0]["field"] == "side"
    assert call("mobilitet.open_link", {"token": "1.AAAA", "overwrite": "ja"})["errors"][0]["field"] == "link"
    broken = json.loads(bridge.call("mobilitet.view", json.dumps({"config": {"x": 1}})))
    assert broken["errors"][0]["field"] == "config"


def test_start_on_a_day_off_is_pointed_out() -> None:
    kit = parse_kit({"start": "2027-03-28"}, config())
    assert view.start_note(kit, config()) == (
        "Søndag den 28. marts 2027 er en helligdag (Påskedag). Tjek, at det er lederens første arbejdsdag.")
    assert view.start_note(parse_kit({"start": "2027-03-01"}, config()), config()) == ""
