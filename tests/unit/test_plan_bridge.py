"""The plan builder through koensbalance.bridge, as the browser calls it: JSON in, JSON out, Danish
field errors; and plan.target gives the same numbers as "Sæt måltal" itself."""

from __future__ import annotations

import json
from typing import Any

import icalendar
import pytest
from macros import plan_macros, site_data

from koensbalance import bridge
from koensbalance.maaltal import balance, targets
from koensbalance.maaltal.obligations import DutyRules

PLAN = "region-nordjylland-koensligestilling-i-ledelseslagene"
WITH_TRIN = "naa-ud-til-potentielle-ansoegere"
SCENARIO = {"institution": "kommune", "medarbejdere": "250", "bestyrelse": "nej", "bestyrelse_kvinder": "",
            "bestyrelse_maend": "", "kvinder": "3", "maend": "9", "pipeline_kvinder": "18",
            "pipeline_maend": "22", "afgang": "15", "rekruttering": "", "maal": "40", "sikkerhed": "80",
            "aar": "2025", "maalaar": "2030", "horisont": "10"}


@pytest.fixture(scope="module")
def cfg() -> dict[str, Any]:
    return plan_macros.plan_config(site_data.catalogue())


def call(name: str, payload: dict[str, Any]) -> dict[str, Any]:
    answer: dict[str, Any] = json.loads(bridge.call(name, json.dumps(payload)))
    return answer


def ok(name: str, payload: dict[str, Any]) -> dict[str, Any]:
    answer = call(name, payload)
    assert answer["ok"], answer
    result: dict[str, Any] = answer["result"]
    return result


def errors(name: str, payload: dict[str, Any]) -> list[tuple[str, str]]:
    answer = call(name, payload)
    assert not answer["ok"]
    return [(e["field"], e["message"]) for e in answer["errors"]]


def view_payload(cfg: dict[str, Any], plan: dict[str, Any]) -> dict[str, Any]:
    ids = {item["id"] for item in plan["indsatser"]}
    return {"plan": plan, "entries": {i: e for i, e in cfg["entries"].items() if i in ids},
            "areas": cfg["areas"], "checklist": cfg["checklist"], "reporting": cfg["reporting"],
            "base_url": "https://eksempel.test/plan/#gammelt"}


def test_target_matches_saet_maaltal(cfg: dict[str, Any]) -> None:
    maal = ok("plan.target", {"input": SCENARIO, "rules": cfg["maaltal_rules"]})["maal"]
    rules = cfg["maaltal_rules"]
    direct = targets.evaluate_form(SCENARIO, balance.BalanceRule.from_data(rules["balance"]),
                                   DutyRules.from_data(rules["duties"]))
    assert maal == {
        "status_aar": 2025, "i_alt": 12, "kvinder": 3, "maend": 9, "koen": "kvinder", "maaltal_pct": 40,
        "maal_aar": 2030,
        "status_tekst": "3 kvinder og 9 mænd i den øverste ledelse pr. 31. december 2025 (25 pct. kvinder)",
        "maaltal_tekst": direct["target_text"], "rekruttering_tekst": direct["inverse"]}
    assert maal["maaltal_tekst"] == "Måltal: mindst 40 pct. kvinder (5 af 12) senest i 2030, med 80 pct. " \
                                    "sandsynlighed."


def test_target_follows_the_underrepresented_gender(cfg: dict[str, Any]) -> None:
    scenario = {**SCENARIO, "kvinder": "7", "maend": "1"}
    maal = ok("plan.target", {"input": scenario, "rules": cfg["maaltal_rules"]})["maal"]
    assert maal["koen"] == "maend"
    assert maal["status_tekst"].startswith("7 kvinder og 1 mand i den øverste ledelse")
    assert maal["status_tekst"].endswith("(12,5 pct. mænd)")


def test_target_errors_are_danish_on_the_maal_field(cfg: dict[str, Any]) -> None:
    [(field, message)] = errors("plan.target", {"input": {**SCENARIO, "kvinder": "tre"},
                                                "rules": cfg["maaltal_rules"]})
    assert field == "maal" and "Antallet af kvinder i den øverste ledelse skal være et helt tal" in message
    [(field, message)] = errors("plan.target", {"input": None, "rules": cfg["maaltal_rules"]})
    assert field == "maal" and message.startswith("Der er ikke gemt et scenarie i »Sæt måltal«")


def test_view_link_opens_the_same_plan(cfg: dict[str, Any]) -> None:
    maal = ok("plan.target", {"input": SCENARIO, "rules": cfg["maaltal_rules"]})["maal"]
    plan = {"titel": "Plan", "organisation": "Eksempel Kommune", "maal": maal,
            "indsatser": [{"id": PLAN}, {"id": WITH_TRIN, "handlinger": "Egne handlinger",
                                         "ansvarlig": "HR", "frist": "2026-04-01"}],
            "tjekliste": ["forankring-i-topledelsen"]}
    result = ok("plan.view", view_payload(cfg, plan))
    assert set(result) >= {"plan", "groups", "markdown", "document", "link", "aarshjul"}
    assert result["link"].startswith("https://eksempel.test/plan/#plan=1.")
    token = result["link"].split("#plan=", 1)[1]
    opened = ok("plan.open_link", {"token": token, "entries": cfg["entries"]})
    assert opened["plan"] == result["plan"]
    assert opened["plan"]["indsatser"][0]["maalsaetning"] == cfg["entries"][PLAN]["forslag"]["maalsaetning"]


def test_plan_too_long_for_a_link_says_so(cfg: dict[str, Any]) -> None:
    import hashlib

    def noise(seed: int) -> str:  # text deflate cannot shrink
        return "".join(hashlib.sha256(f"{seed}-{i}".encode()).hexdigest() for i in range(60))

    ids = list(cfg["entries"])[:8]
    plan = {"indsatser": [{"id": i, "maalsaetning": noise(n)} for n, i in enumerate(ids)]}
    result = ok("plan.view", view_payload(cfg, plan))
    assert result["link"] == "" and result["link_besked"].startswith("Planen er for lang til et link")
    assert ok("plan.view", view_payload(cfg, {"indsatser": [{"id": ids[0]}]}))["link_besked"] == ""


def test_view_errors_name_their_fields(cfg: dict[str, Any]) -> None:
    plan = {"titel": "x" * 300, "indsatser": [{"id": PLAN, "frist": "2026-02-30"}, {"id": PLAN}]}
    assert errors("plan.view", view_payload(cfg, plan)) == [
        ("titel", "Titlen må højst være 200 tegn."),
        ("indsatser.0.frist", "Fristen skal være en gyldig dato mellem 2000 og 2100, fx 2026-03-31."),
        ("indsatser.1.id", "Indsats 2 står allerede i planen."),
    ]


def test_broken_link_and_bad_config(cfg: dict[str, Any]) -> None:
    [(field, message)] = errors("plan.open_link", {"token": "1.ødelagt", "entries": cfg["entries"]})
    assert field == "link" and message.startswith("Linket til handlingsplanen er ugyldigt")
    [(field, _)] = errors("plan.view", {**view_payload(cfg, {"indsatser": []}), "areas": "x"})
    assert field == "config"


def test_export_and_import_round_trip(cfg: dict[str, Any]) -> None:
    plan = ok("plan.view", view_payload(cfg, {"indsatser": [{"id": WITH_TRIN}]}))["plan"]
    exported = ok("plan.export", {"plan": plan})
    assert exported["name"] == "handlingsplan.json"
    assert json.loads(exported["json"])["plan"] == plan
    assert ok("plan.import", {"text": exported["json"], "entries": cfg["entries"]})["plan"] == plan
    # a file written by hand with missing fields is filled from the catalogue on import
    by_hand = {"format": "kb-handlingsplan", "version": 1, "plan": {"indsatser": [{"id": WITH_TRIN}]}}
    imported = ok("plan.import", {"text": json.dumps(by_hand), "entries": cfg["entries"]})["plan"]
    assert imported["indsatser"] == plan["indsatser"]
    assert errors("plan.import", {"text": "{}", "entries": cfg["entries"]}) == [
        ("import", "Filen er ikke en handlingsplan fra »Min handlingsplan«.")]


def test_ics_through_the_bridge(cfg: dict[str, Any]) -> None:
    plan = {"indsatser": [{"id": WITH_TRIN, "frist": "2027-03-01"}]}
    result = ok("plan.ics", {"plan": plan, "entries": cfg["entries"], "reporting": cfg["reporting"],
                             "aar": 2027})
    assert result["name"] == "handlingsplan-aarshjul.ics"
    events = icalendar.Calendar.from_ical(result["ics"]).walk("VEVENT")
    assert sorted(str(e.decoded("dtstart")) for e in events) == ["2027-03-01", "2027-05-31", "2027-12-31"]
    assert errors("plan.ics", {"plan": plan, "entries": {}, "reporting": [], "aar": 1800}) == [
        ("aar", "Året skal være mellem 2000 og 2100.")]


def test_plan_view_does_not_load_icalendar() -> None:
    import subprocess
    import sys

    code = ("import json, sys; from koensbalance import bridge; "
            "r = json.loads(bridge.call('plan.view', json.dumps({'plan': {'indsatser': []}}))); "
            "assert r['ok'], r; print('icalendar' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
