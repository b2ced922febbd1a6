"""»Vurdér en ydelse« beyond the statistics, with the REAL catalogue: what the page knows about the
catalogue (cited, word for word), the assessment model and its success criteria, the document and
its Markdown, the share link and the JSON file (broken and hostile ones refused), and every bridge
call as JSON in and out."""

from __future__ import annotations

import json
import re
import time
from datetime import date
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from macros import site_data

from koensbalance import bridge, portable
from koensbalance.catalogue import Catalogue
from koensbalance.vurdering import codec
from koensbalance.vurdering.config import build_config, parse_config
from koensbalance.vurdering.model import EXAMPLE, EXAMPLE_LABEL, Criterion, criterion_status, parse_assessment
from tests.support.build import ROOT

TODAY = "2026-12-01"


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return site_data.catalogue()


@pytest.fixture(scope="module")
def cfg(catalogue: Catalogue) -> dict[str, Any]:
    return build_config(catalogue).to_dict()


def call(name: str, payload: object) -> dict[str, Any]:
    answer: dict[str, Any] = json.loads(bridge.call(name, json.dumps(payload, ensure_ascii=False)))
    return answer


def one_line(text: object) -> str:
    return " ".join(str(text).split())


# ---- the catalogue, cited ----------------------------------------------------------------------------

def test_national_figures_are_the_catalogues_noegletal(catalogue: Catalogue, cfg: dict[str, Any]) -> None:
    home_care = cfg["noegletal"]["modtagere"]
    entry = catalogue.by_id()["koen-og-kerneydelse-aeldre-der-faar-hjemmepleje"]
    assert (home_care["kvinder"], home_care["maend"]) == (25.0, 14.0)
    assert home_care["resume"] == one_line(entry.summary)
    assert home_care["kilde"] == "Ligestillingsvurdering (2015), afsnit Køn og kerneydelse – Ældre"
    odense = cfg["noegletal"]["resultat"]
    assert (odense["kvinder"], odense["maend"]) == (32.0, 71.0)
    assert odense["url"] == "noegletal/odense-kommune-selvhjulpne-efter-traening-som-hjaelp/"


def test_hypothesis_questions_and_examples_come_from_the_entries(catalogue: Catalogue,
                                                                 cfg: dict[str, Any]) -> None:
    questions = [q["tekst"] for q in cfg["spoergsmaal"]]
    assert questions == ["Hvorfor er ligestillingsvurdering vigtigt på vores område?",
                         "Hvad fortæller data os?"]
    workshop = catalogue.by_id()["workshops-med-medarbejderne-om-ligestillingsvurdering"]
    agenda = one_line(json.dumps(workshop.data["skabeloner"], ensure_ascii=False))
    assert all(q in agenda for q in questions)
    examples = [e["tekst"] for e in cfg["eksempler"]]
    assert "Er der forskel på antallet af mænd og kvinder, der bliver selvhjulpne?" in examples
    assert "Hvorfor får flere kvinder hjemmepleje end mænd?" in examples
    for item in cfg["spoergsmaal"] + cfg["eksempler"] + cfg["kriterier"]:
        entry = next(e for e in catalogue.entries if item["url"] == e.url)
        text = item["tekst"]
        assert (text[0].lower() + text[1:]) in one_line(json.dumps(entry.data, ensure_ascii=False)) or \
            text in one_line(json.dumps(entry.data, ensure_ascii=False))
        assert item["kilde"].startswith("Ligestillingsvurdering (2015), afsnit ")
    assert [c["tekst"] for c in cfg["kriterier"]][0] == (
        "vi vil måle på antallet af visiterede mænd/kvinder, der kommer igennem vores program")


def test_tools_are_the_sources_seven_tools_linked(catalogue: Catalogue, cfg: dict[str, Any]) -> None:
    ids = {t["id"] for t in cfg["metoder"]}
    assert ids == {"indsamling-af-koensspecifikke-data-om-maalgruppen",
                   "indsamling-af-koensspecifik-data-i-logbog",
                   "workshops-med-medarbejderne-om-ligestillingsvurdering", "aktionslaeringsprojekter",
                   "fokusgrupper-med-borgeren-sammensat-med-koen-for-oeje",
                   "observation-og-feedback-paa-andres-samtaler",
                   "borgerdreven-innovation-involver-kvinder-og-maend-strategisk"}
    for tool in cfg["metoder"]:
        assert tool["url"] == catalogue.by_id()[tool["id"]].url


def test_the_config_survives_json_and_a_wrong_one_is_refused(cfg: dict[str, Any]) -> None:
    assert parse_config(json.loads(json.dumps(cfg))).to_dict() == cfg
    broken = {**cfg, "metoder": [{"id": 1}]}
    answer = call("vurdering.view", {"vurdering": EXAMPLE.to_dict(), "config": broken})
    assert answer == {"ok": False, "errors": [{"field": "config", "message": (
        "Sidens oplysninger om kataloget kan ikke læses. Genindlæs siden.")}]}


# ---- the whole assessment ------------------------------------------------------------------------

def test_the_example_is_labelled_and_computed_by_the_same_functions(cfg: dict[str, Any]) -> None:
    answer = call("vurdering.view", {"vurdering": EXAMPLE.to_dict(), "config": cfg, "idag": TODAY,
                                     "base_url": "https://example.org/vurdering/"})
    assert answer["ok"]
    view = answer["result"]
    assert view["eksempel"] == EXAMPLE_LABEL == "Eksempel – skriv jeres egne tal"
    receiving = view["analyser"]["modtagere"]["result"]
    direct = call("vurdering.analyse", {**EXAMPLE.payload("modtagere"), "config": cfg})["result"]
    assert receiving == direct
    assert receiving["kvinder"]["andel"] == 0.2 and receiving["maend"]["andel"] == 0.12
    assert receiving["noegletal"]["kvinder"] == 0.25 and receiving["chart"]["description"]
    md = view["markdown"]
    assert md.startswith("# Ligestillingsvurdering af Eksempel: et rehabiliteringsforløb i hjemmeplejen\n")
    for text in ("Eksempel – skriv jeres egne tal", "## Data opdelt på køn", "### Hvem modtager ydelsen?",
                 "### Hvad opnår ydelsen?", "Forskellen er så stor, at den næppe skyldes tilfældigheder",
                 "Med så få borgere kan forskellen godt skyldes tilfældigheder – saml data for flere",
                 "### Hvorfor er ligestillingsvurdering vigtigt på vores område?",
                 "**Mål for kvinder:** mindst 50 borgere",
                 "Ikke målt endnu – måles senest 31. december 2027.",
                 "- Workshops med medarbejderne (Kilde: Ligestillingsvurdering (2015)", "## Sådan regner vi",
                 "Til sammenligning i kilden: 25 pct. af ældre kvinder får hjemmepleje."):
        assert text in md, text
    assert view["link"].startswith("https://example.org/vurdering/#vurdering=1.")
    assert view["overdragelse"]["data"].startswith("Hvem modtager ydelsen? Kvinder: 20,0 pr. 100")
    assert view["overdragelse"]["succeskriterier"].startswith("- Eksempel: antal borgere")


def test_invalid_numbers_stay_in_the_assessment_with_their_messages(cfg: dict[str, Any]) -> None:
    raw = EXAMPLE.to_dict()
    raw["resultat"]["kvinder"]["opnaaet"] = "50"  # more than completed (40)
    view = call("vurdering.view", {"vurdering": raw, "config": cfg, "idag": TODAY})["result"]
    assert view["vurdering"]["resultat"]["kvinder"]["opnaaet"] == "50"
    assert view["analyser"]["resultat"]["ok"] is False
    assert view["analyser"]["resultat"]["errors"][0]["field"] == "kvinder.opnaaet"
    assert "Tallene kan ikke bruges endnu: Der kan ikke være flere kvinder" in view["markdown"]
    empty = call("vurdering.view", {"vurdering": {}, "config": cfg, "idag": TODAY})["result"]
    assert empty["analyser"] == {"modtagere": {}, "resultat": {}}
    assert empty["titel"] == "Ligestillingsvurdering af ydelsen"


@pytest.mark.parametrize(("criterion", "status", "text"), [
    (Criterion(maal="m", kvinder="50", maend="40", dato="2027-12-31"), "ikke_maalt",
     "Ikke målt endnu – måles senest 31. december 2027."),
    (Criterion(maal="m", kvinder="50", maend="40", dato="2026-01-31"), "ikke_maalt",
     "Ikke målt endnu – fristen var 31. januar 2026."),
    (Criterion(kvinder="50", maend="40", maalt_kvinder="55", maalt_maend="40"), "opfyldt",
     "Opfyldt for både kvinder og mænd."),
    (Criterion(kvinder="50", maend="40", maalt_kvinder="49", maalt_maend="41"), "delvist",
     "Opfyldt for mænd, ikke for kvinder."),
    (Criterion(kvinder="50", maend="40", maalt_kvinder="1.049,5", maalt_maend="12,5"), "delvist",
     "Opfyldt for kvinder, ikke for mænd."),
    (Criterion(retning="hoejst", kvinder="10", maend="10", maalt_kvinder="12", maalt_maend="11"),
     "ikke_opfyldt", "Ikke opfyldt for hverken kvinder eller mænd."),
    (Criterion(kvinder="50", maalt_kvinder="50"), "delvist",
     "Opfyldt for kvinder (ikke målt for de øvrige)."),
])
def test_success_criteria_are_met_or_not_from_later_data(criterion: Criterion, status: str,
                                                         text: str) -> None:
    result = criterion_status(criterion, 0, date(2026, 12, 1))
    assert (result.status, result.tekst) == (status, text)


def test_a_wrong_criterion_number_is_named_on_its_field() -> None:
    result = criterion_status(Criterion(kvinder="mange", maalt_maend="1,2,3"), 2, date(2026, 12, 1))
    assert result.status == "fejl"
    assert {e.field for e in result.fejl} == {"succeskriterier.2.kvinder", "succeskriterier.2.maalt_maend"}
    assert all(e.message.endswith("fx 50 eller 12,5.") for e in result.fejl)


# ---- link and file ---------------------------------------------------------------------------------

def test_link_and_file_round_trip_the_whole_assessment() -> None:
    own = {**EXAMPLE.to_dict(), "eksempel": False, "hypoteser": {"hvad-fortaeller-data-os": "At mænd <b>"},
           "egne_hypoteser": "Mænd bliver spurgt om andet.\n- og kvinder", "naeste_skridt": "# Workshop"}
    token = codec.encode(parse_assessment(own))
    opened = call("vurdering.open_link", {"token": token})
    assert opened == {"ok": True, "result": {"vurdering": parse_assessment(own).to_dict()}}
    exported = call("vurdering.export", {"vurdering": own})["result"]
    assert exported["name"] == "ligestillingsvurdering.json"
    imported = call("vurdering.import", {"text": exported["json"]})
    assert imported["result"]["vurdering"] == opened["result"]["vurdering"]


@pytest.mark.parametrize("token", [
    "", "2.abc", "1.", "1.***", "1." + "A" * 20_000, None, 17,
    portable.pack(1, [1, 2, 3]), portable.pack(1, {"ydelse": ["x"]}),
    portable.pack(1, {"metoder": ["<script>"]}),
    portable.pack(1, {"succeskriterier": [{"dato": "2027-02-30"}]}),
    codec.encode(EXAMPLE)[:-12],
])
def test_a_broken_or_hostile_link_gives_one_danish_message(token: object) -> None:
    assert call("vurdering.open_link", {"token": token}) == {"ok": False, "errors": [
        {"field": "link", "message": codec.BROKEN}]}


def test_a_link_that_inflates_to_too_much_is_refused() -> None:
    bomb = portable.pack(1, {"ydelse": "a" * 3_000_000})
    assert codec.fits(bomb)
    assert call("vurdering.open_link", {"token": bomb})["errors"][0]["field"] == "link"


@pytest.mark.parametrize(("text", "message"), [
    ("not json", codec.NOT_OURS), ("[]", codec.NOT_OURS),
    (json.dumps({"format": "kb-handlingsplan", "version": 1}), codec.NOT_OURS),
    (json.dumps({"format": codec.FILE_FORMAT, "version": 2}), codec.OTHER_VERSION),
])
def test_a_wrong_file_gives_one_danish_message(text: str, message: str) -> None:
    assert call("vurdering.import", {"text": text}) == {"ok": False, "errors": [
        {"field": "import", "message": message}]}


def test_a_file_with_an_invalid_assessment_says_what_is_wrong() -> None:
    text = json.dumps({"format": codec.FILE_FORMAT, "version": 1, "vurdering": {"ydelse": "x" * 301}})
    message = call("vurdering.import", {"text": text})["errors"][0]["message"]
    assert message == ("Filen indeholder en ugyldig vurdering. Vurderingen kan ikke læses: feltet »ydelse« "
                       "er længere end 300 tegn.")


def test_a_too_long_assessment_gets_no_link_but_a_message(cfg: dict[str, Any]) -> None:
    import random

    rng = random.Random(4)

    def noise(length: int) -> str:  # fresh random text for every field, so deflate cannot shrink it
        return "".join(rng.choice("abcdefghijklmnopqrstuvwxyzæøå ") for _ in range(length))

    raw = {**EXAMPLE.to_dict(), "spoergsmaal": noise(3900), "egne_hypoteser": noise(3900),
           "naeste_skridt": noise(3900), "hypoteser": {q["id"]: noise(3900) for q in cfg["spoergsmaal"]}}
    view = call("vurdering.view", {"vurdering": raw, "config": cfg, "base_url": "https://x/", "idag": TODAY})
    assert view["result"]["link"] == "" and view["result"]["link_besked"] == codec.TOO_LONG


def test_tools_no_longer_in_the_catalogue_are_dropped_not_an_error(cfg: dict[str, Any]) -> None:
    raw = {**EXAMPLE.to_dict(), "metoder": ["aktionslaeringsprojekter", "findes-ikke-mere"]}
    view = call("vurdering.view", {"vurdering": raw, "config": cfg, "idag": TODAY})["result"]
    assert view["vurdering"]["metoder"] == ["aktionslaeringsprojekter"]


@given(st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=20),
                    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner,
                                                                                max_size=4), max_leaves=20))
def test_any_json_as_an_assessment_gives_a_view_or_one_message(raw: object) -> None:
    answer = call("vurdering.view", {"vurdering": raw, "idag": TODAY})
    assert answer["ok"] or answer["errors"][0]["field"] == "vurdering"


def test_the_example_handler_and_the_method_section() -> None:
    answer = call("vurdering.example", {})["result"]
    assert answer["vurdering"] == EXAMPLE.to_dict() and answer["etiket"] == EXAMPLE_LABEL
    assert answer["metode"]["overskrift"] == "Sådan regner vi"
    assert "sitets egne, ikke kildernes" in answer["metode"]["indledning"]


# ---- timing --------------------------------------------------------------------------------------

def test_analyse_is_fast_enough_for_every_keystroke(cfg: dict[str, Any]) -> None:
    typical = {**EXAMPLE.payload("resultat"), "config": cfg}
    huge = {"type": "modtagere", "kvinder": {"antal": "2.500.000", "population": "10.000.000"},
            "maend": {"antal": "2.500.100", "population": "10.000.000"}, "config": cfg}
    for payload, limit in ((typical, 0.05), (huge, 0.5)):
        text = json.dumps(payload)
        start = time.perf_counter()
        for _ in range(5):
            assert json.loads(bridge.call("vurdering.analyse", text))["ok"]
        assert (time.perf_counter() - start) / 5 < limit


# ---- hand-offs to the workshop planner and the project plan ---------------------------------------

def test_the_workshop_link_opens_the_template_with_the_summary_in_its_blocks(cfg: dict[str, Any]) -> None:
    raw = {**EXAMPLE.to_dict(), "hypoteser": {"hvad-fortaeller-data-os": "Flere mænd bliver selvhjulpne."}}
    view = call("vurdering.view", {"vurdering": raw, "config": cfg, "idag": TODAY,
                                   "workshop_url": "https://example.org/workshop/"})["result"]
    link = view["workshop_link"]
    assert link.startswith("https://example.org/workshop/#plan=1.")
    opened = call("workshop.open_link", {"fragment": "#" + link.split("#", 1)[1]})
    assert opened["ok"], opened
    agenda = opened["result"]["agenda"]
    assert agenda["skabelon"] == "workshop-kort"
    assert agenda["titel"] == "Workshop om resultaterne: Eksempel: et rehabiliteringsforløb i hjemmeplejen"
    notes = {b["titel"].split(":")[0]: b["note"] for b in agenda["blokke"]}
    assert notes["Oplæg om ligestilling og køn på området"].startswith(
        "Hvem modtager ydelsen? Kvinder: 20,0 pr. 100 (120 af 600)")
    assert notes["Hypotesedannelse"] == "Hvad fortæller data os? Flere mænd bliver selvhjulpne."
    assert call("vurdering.view", {"vurdering": raw, "config": cfg})["result"]["workshop_link"] == ""


def test_the_project_plan_is_prefilled_with_the_success_criteria(catalogue: Catalogue,
                                                                 cfg: dict[str, Any]) -> None:
    view = call("vurdering.view", {"vurdering": EXAMPLE.to_dict(), "config": cfg, "idag": TODAY})["result"]
    plan = view["projektplan"]
    form = next(f for f in catalogue.data["workshop/formularer"]["formularer"] if f["id"] == "projektplan")
    assert set(plan) <= {f["id"] for f in form["felter"]}
    assert plan["projekttitel"] == EXAMPLE.ydelse and plan["maalgruppe"] == EXAMPLE.maalgruppe
    assert plan["laeringsmaal"] == (
        "- Eksempel: antal borgere, der kommer igennem forløbet: kvinder mindst 50 borgere, mænd mindst 40 "
        "borgere senest 31. december 2027 (Ikke målt endnu – måles senest 31. december 2027.)")
    answer = call("workshop.form_markdown", {"formular": _form_config(catalogue), "poster": [plan]})
    assert answer["ok"] and "Eksempel: antal borgere" in answer["result"]["markdown"]


def _form_config(catalogue: Catalogue) -> dict[str, Any]:
    from koensbalance.workshop import forms

    names = {s.id: s.short_name for s in catalogue.sources}
    form = next(f for f in forms.load_forms(catalogue.data[forms.DATA_KEY], names) if f.id == "projektplan")
    return form.to_config()


def test_the_workshop_fragment_key_is_the_planners() -> None:
    from koensbalance.vurdering.view import WORKSHOP_LINK_KEY
    from koensbalance.workshop.view import LINK_KEY

    assert WORKSHOP_LINK_KEY == LINK_KEY


def test_the_browser_calls_need_none_of_the_build_or_planner_libraries(cfg: dict[str, Any]) -> None:
    """Pyodide loads only our wheel for this page: the vurdering calls must not import yaml,
    jsonschema, icalendar or segno (a fresh interpreter where they cannot be imported)."""
    import subprocess
    import sys

    payloads = [("vurdering.analyse", {**EXAMPLE.payload("resultat"), "config": cfg}),
                ("vurdering.view", {"vurdering": EXAMPLE.to_dict(), "config": cfg, "idag": TODAY,
                                    "base_url": "https://x/", "workshop_url": "https://x/w/"}),
                ("vurdering.example", {}), ("vurdering.export", {"vurdering": EXAMPLE.to_dict()}),
                ("vurdering.import", {"text": "{}"}), ("vurdering.open_link", {"token": "1.x"})]
    script = (
        "import json, sys\n"
        "for name in ('yaml', 'jsonschema', 'icalendar', 'segno', 'mkdocs'):\n"
        "    sys.modules[name] = None\n"
        "from koensbalance import bridge\n"
        "for name, payload in json.loads(sys.stdin.read()):\n"
        "    answer = json.loads(bridge.call(name, json.dumps(payload)))\n"
        "    print(name, answer['ok'])\n")
    done = subprocess.run([sys.executable, "-c", script], input=json.dumps(payloads), capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == ["vurdering.analyse", "True", "vurdering.view", "True", "vurdering.example",
                                   "True", "vurdering.export", "True", "vurdering.import", "False",
                                   "vurdering.open_link", "False"]


# ---- what the page embeds --------------------------------------------------------------------------

def test_every_number_problem_is_named_on_the_pages_field(cfg: dict[str, Any]) -> None:
    """The page puts each message next to its field: "modtagere.kvinder.antal", "forskel" once,
    "succeskriterier.0.maalt_maend"."""
    raw = EXAMPLE.to_dict()
    raw["modtagere"]["kvinder"]["antal"] = "x"
    raw["resultat"]["maend"]["opnaaet"] = "31"
    raw["forskel"] = "0"
    raw["succeskriterier"][0]["maalt_maend"] = "mange"
    view = call("vurdering.view", {"vurdering": raw, "config": cfg, "idag": TODAY})["result"]
    fields = [e["field"] for e in view["fejl"]]
    assert fields == ["modtagere.kvinder.antal", "forskel", "resultat.maend.opnaaet",
                      "succeskriterier.0.maalt_maend"]
    assert all(e["message"] for e in view["fejl"])
    assert call("vurdering.view", {"vurdering": EXAMPLE.to_dict(), "config": cfg})["result"]["fejl"] == []


def test_the_page_config_carries_the_words_the_script_shows(catalogue: Catalogue) -> None:
    from koensbalance.vurdering import page
    from koensbalance.vurdering.config import build_config

    embedded = page.page_config(build_config(catalogue), "../workshop/workshop-kort/",
                                "../workshop/projektplan/", ["projekttitel"], 1)
    assert embedded["example"] == EXAMPLE.to_dict() and embedded["blank"]["eksempel"] is False
    assert embedded["storage_key"] == "kb-vurdering" and embedded["link_prefix"] == "#vurdering="
    scripts = (ROOT / "overrides" / "assets" / "js").glob("*vurdering*.js")
    script = "".join(p.read_text(encoding="utf-8") for p in scripts)
    used = set(re.findall(r"texts\.(\w+)", script)) | set(re.findall(r'ctx\.text\("(\w+)"', script))
    used |= {f"confirm_{c}" for c in ("example", "blank")} | {f"{c}_loaded" for c in ("example", "blank")}
    assert used - set(embedded["texts"]) == set()
    assert json.loads(json.dumps(embedded)) == embedded


def test_the_build_time_example_is_the_browsers_first_answer(catalogue: Catalogue,
                                                             cfg: dict[str, Any]) -> None:
    from koensbalance.vurdering import page
    from koensbalance.vurdering.config import build_config

    built = page.example_view(build_config(catalogue), date(2026, 12, 1))
    asked = call("vurdering.view", {"vurdering": EXAMPLE.to_dict(), "config": cfg, "idag": TODAY})["result"]
    assert built == asked
