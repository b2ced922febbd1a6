"""The fillable forms (project plan, logbook): fields are the sources' template points, the Markdown
holds what was written, files round-trip, and bad files or values get Danish messages."""

from __future__ import annotations

import json

import pytest
from macros import site_data

from koensbalance import bridge
from koensbalance.catalogue import Catalogue
from koensbalance.errors import InputError
from koensbalance.workshop import forms


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return site_data.catalogue()


@pytest.fixture(scope="module")
def by_id(catalogue: Catalogue) -> dict[str, forms.Form]:
    names = {s.id: s.short_name for s in catalogue.sources}
    return {f.id: f for f in forms.load_forms(catalogue.data[forms.DATA_KEY], names)}


PLAN_POINTS = ["Projekttitel", "Ansvar for projektet", "Målgruppe", "Kobling til strategisk intention",
               "Kort beskrivelse af projektet", "Beskrivelse af aktioner", "Hvem gør hvad",
               "Læringsmål og succeskriterier", "Tidsplan"]
LOG_POINTS = ["Tilstede (medarbejder og borger)", "Emner berørt i samtalen", "Samtalens udfald",
              "Særlige opmærksomheder ift. køn", "Refleksioner efter samtalen", "Evt. spørgsmål"]


def test_fields_are_the_source_templates_points(by_id: dict[str, forms.Form]) -> None:
    plan, log = by_id["projektplan"], by_id["logbog"]
    assert [f.label for f in plan.fields] == PLAN_POINTS
    assert [f.label for f in log.fields] == LOG_POINTS
    assert plan.template == "Eksempel på projektplan til aktionslærings-projekt"
    assert log.template == "Idé til strukturering af logbog for samtaler med borgeren"
    assert (plan.source, log.source) == ("ligestillingsvurdering", "ligestillingsvurdering")
    assert not plan.repeatable and log.repeatable and log.entry_label(1) == "Samtale 2"


def test_every_form_has_a_page(by_id: dict[str, forms.Form]) -> None:
    from tests.support.build import ROOT

    for form_id in by_id:
        text = (ROOT / "docs" / "workshop" / f"{form_id}.md").read_text(encoding="utf-8")
        assert f'workshop_form_page("{form_id}")' in text


def test_markdown_holds_the_values_and_cites_the_template(by_id: dict[str, forms.Form]) -> None:
    plan = by_id["projektplan"]
    values = {f.id: "" for f in plan.fields} | {"projekttitel": "Køn i kerneydelsen",
                                                 "tidsplan": "Uge 10: start\n# uge 20: evaluering"}
    text = forms.markdown(plan, forms.parse_filled(plan, [values]))
    assert text.startswith("# Projektplan til aktionslæringsprojekt\n")
    assert "## Projekttitel\n\nKøn i kerneydelsen\n" in text
    assert "## Tidsplan\n\nUge 10: start  \n\\# uge 20: evaluering\n" in text  # no heading from the text
    assert "## Målgruppe\n\n_(ikke udfyldt)_\n" in text
    assert [line[3:] for line in text.splitlines() if line.startswith("## ")] == PLAN_POINTS
    assert text.rstrip().endswith("»Eksempel på projektplan til aktionslærings-projekt« fra "
                                  "Ligestillingsvurdering, Værktøjer til arbejdet med "
                                  "ligestillingsvurdering – Aktionslæringsprojekter._")


def test_logbook_markdown_numbers_the_conversations(by_id: dict[str, forms.Form]) -> None:
    log = by_id["logbog"]
    filled = forms.parse_filled(log, [{"tilstede": "Sagsbehandler og borger (mand)"},
                                      {"koen": "Talte mest med ledsageren"}])
    text = forms.markdown(log, filled)
    assert "## Samtale 1\n\n### Tilstede (medarbejder og borger)\n\nSagsbehandler og borger (mand)\n" in text
    assert "## Samtale 2\n" in text and "Talte mest med ledsageren" in text
    assert text.count("### Evt. spørgsmål") == 2


def test_file_round_trip(by_id: dict[str, forms.Form]) -> None:
    log = by_id["logbog"]
    filled = forms.parse_filled(log, [{"emner": "Bolig"}, {"udfald": "Aftale om nyt møde"}])
    text = forms.export_file(log, filled)
    assert json.loads(text)["format"] == "koensbalance-formular"
    assert forms.import_file(log, text) == filled


@pytest.mark.parametrize(("text", "message"), [
    ("ikke json", "Filen er ikke en gemt »Logbog for samtaler med borgeren« fra dette site."),
    ('{"format": "koensbalance-workshop", "version": 1}', "ikke en gemt »Logbog"),
    ('{"format": "koensbalance-formular", "version": 2, "formular": "logbog", "poster": []}',
     "anden version"),
    ('{"format": "koensbalance-formular", "version": 1, "formular": "projektplan", "poster": [{}]}',
     "hører til en anden formular"),
    ('{"format": "koensbalance-formular", "version": 1, "formular": "logbog", "poster": []}',
     "Der er ingen udfyldte felter"),
    ('{"format": "koensbalance-formular", "version": 1, "formular": "logbog", "poster": [{"budget": "1"}]}',
     "Samtale 1: Feltet »budget« findes ikke i skabelonen."),
    ('{"format": "koensbalance-formular", "version": 1, "formular": "logbog", "poster": [{"emner": 3}]}',
     "»Emner berørt i samtalen« skal være en tekst."),
])
def test_bad_files_get_a_danish_message(by_id: dict[str, forms.Form], text: str, message: str) -> None:
    with pytest.raises(InputError) as caught:
        forms.import_file(by_id["logbog"], text)
    assert caught.value.errors[0].field == "fil"
    assert message in caught.value.errors[0].message


def test_limits(by_id: dict[str, forms.Form]) -> None:
    plan, log = by_id["projektplan"], by_id["logbog"]
    with pytest.raises(InputError, match="udfyldes én gang, ikke 2"):
        forms.parse_filled(plan, [{}, {}])
    with pytest.raises(InputError, match="højst være 5000 tegn"):
        forms.parse_filled(plan, [{"tidsplan": "x" * 5001}])
    with pytest.raises(InputError, match=r"højst være 200 afsnit \(Samtale 1–200\)"):
        forms.parse_filled(log, [{}] * 201)
    assert forms.parse_filled(log, [{"emner": "a\r\nb"}])[0]["emner"] == "a\nb"


def test_bridge_calls_the_forms_with_the_page_config(by_id: dict[str, forms.Form]) -> None:
    config = by_id["projektplan"].to_config()
    answer = json.loads(bridge.call("workshop.form_markdown", json.dumps(
        {"formular": config, "poster": [{"projekttitel": "Drenge og læsning"}]})))
    assert answer["ok"] and "## Projekttitel\n\nDrenge og læsning\n" in answer["result"]["markdown"]
    saved = json.loads(bridge.call("workshop.form_export", json.dumps(
        {"formular": config, "poster": [{"projekttitel": "Drenge og læsning"}]})))["result"]
    assert saved["filename"] == "projektplan.json"
    opened = json.loads(bridge.call("workshop.form_import", json.dumps({"formular": config,
                                                                         "text": saved["text"]})))
    assert opened["result"]["poster"][0]["projekttitel"] == "Drenge og læsning"
    refused = json.loads(bridge.call("workshop.form_import", json.dumps({"formular": config, "text": "{"})))
    assert refused == {"ok": False, "errors": [{"field": "fil", "message": "Filen er ikke en gemt "
                                                "»Projektplan til aktionslæringsprojekt« fra dette site."}]}
    broken = json.loads(bridge.call("workshop.form_markdown", json.dumps({"formular": {}, "poster": []})))
    assert broken["errors"][0]["message"] == "Formularen kan ikke læses."
