"""The plan builder's configuration from the REAL catalogue: suggestions per entry type, the checklist
and the reporting dates (word for word from the entries they cite), and prefill and grouping."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from macros import plan_macros, site_data

from koensbalance.catalogue import Catalogue
from koensbalance.errors import InputError
from koensbalance.plan import config, view
from koensbalance.plan.model import parse_plan
from koensbalance.plan.prefill import REMOVED_LABEL

PLAN = "region-nordjylland-koensligestilling-i-ledelseslagene"
PLAN_MANY_GOALS = "region-nordjylland-balance-mellem-arbejds-og-privatliv"
WITH_TRIN = "naa-ud-til-potentielle-ansoegere"
WITHOUT_TRIN = "implementering-forankring-i-topledelsen"
TOOL = "aktionslaeringsprojekter"


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return site_data.catalogue()


@pytest.fixture(scope="module")
def cfg(catalogue: Catalogue) -> dict[str, Any]:
    return plan_macros.plan_config(catalogue)


def one_line(text: object) -> str:
    return " ".join(str(text).split())


def entry_texts(catalogue: Catalogue, entry_id: str) -> str:
    data = catalogue.by_id()[entry_id].data
    parts = [data.get(k) for k in ("tekst", "citat", "resume")] + list(data.get("punkter") or [])
    return one_line(" ".join(str(p) for p in parts if p))


def test_every_plan_entry_type_is_offered_with_its_page_and_area(catalogue: Catalogue,
                                                                 cfg: dict[str, Any]) -> None:
    types = ("initiativ", "anbefaling", "vaerktoej", "plan")
    wanted = {e.id for e in catalogue.entries if e.type.name in types}
    assert set(cfg["entries"]) == wanted
    areas = [a["id"] for a in cfg["areas"]]
    assert areas == [t.id for t in catalogue.taxonomies["indsatsomraader"]]
    for entry_id, item in cfg["entries"].items():
        entry = catalogue.by_id()[entry_id]
        assert item["url"] == f"{entry.type.folder}/{entry_id}/"
        assert item["omraade"] == entry.areas[0] and item["omraade"] in areas
        assert item["type_label"] == entry.type.label and item["kilde"].startswith(
            catalogue.source(entry.citation.source).title)
        assert set(item["forslag"]) == {"maalsaetning", "handlinger", "indikator"}
        assert set(item["forslag_kilder"]) == {k for k, v in item["forslag"].items() if v}


def test_regional_plan_suggests_its_first_goal_actions_and_indicators(catalogue: Catalogue,
                                                                      cfg: dict[str, Any]) -> None:
    goal = catalogue.by_id()[PLAN].data["maal"][0]
    forslag = cfg["entries"][PLAN]["forslag"]
    assert forslag["maalsaetning"] == one_line(goal["maalsaetning"])
    assert forslag["handlinger"].split("\n") == [f"- {one_line(h)}" for h in goal["handlinger"]]
    assert forslag["indikator"].split("\n") == [f"- {one_line(i)}" for i in goal["indikatorer"]]
    notes = cfg["entries"][PLAN]["forslag_kilder"]
    assert all("Region Nordjyllands" in note for note in notes.values())
    assert "Planen har 3 målsætninger" in cfg["entries"][PLAN_MANY_GOALS]["forslag_kilder"]["maalsaetning"]


def test_initiative_with_trin_suggests_actions_only(catalogue: Catalogue, cfg: dict[str, Any]) -> None:
    item = cfg["entries"][WITH_TRIN]
    trin = catalogue.by_id()[WITH_TRIN].data["trin"]
    assert item["forslag"]["handlinger"].split("\n") == [f"- {one_line(t)}" for t in trin]
    assert item["forslag"]["maalsaetning"] == "" and item["forslag"]["indikator"] == ""
    assert list(item["forslag_kilder"]) == ["handlinger"]
    assert "I kan fx" in item["forslag_kilder"]["handlinger"]


@pytest.mark.parametrize("entry_id", [WITHOUT_TRIN, TOOL])
def test_entries_without_actions_suggest_nothing(cfg: dict[str, Any], entry_id: str) -> None:
    assert cfg["entries"][entry_id]["forslag"] == {"maalsaetning": "", "handlinger": "", "indikator": ""}
    assert cfg["entries"][entry_id]["forslag_kilder"] == {}


def test_checklist_items_are_the_sources_words_with_citation_and_link(catalogue: Catalogue,
                                                                      cfg: dict[str, Any]) -> None:
    items = catalogue.data["plan/tjekliste"]["punkter"]
    assert [c["id"] for c in cfg["checklist"]] == [
        "forankring-i-topledelsen", "systematisk-opfoelgning", "involvering-af-hele-organisationen",
        "droeftet-i-samarbejds-og-med-udvalg", "status-pr-31-december-indberettet"]
    for item, shown in zip(items, cfg["checklist"], strict=True):
        entry = catalogue.by_id()[item["post"]]
        assert one_line(item["tekst"]) in entry_texts(catalogue, item["post"])
        assert item["kilde"]["dokument"] == entry.citation.source
        assert shown["url"] == entry.url
        assert shown["kilde"].startswith(catalogue.source(item["kilde"]["dokument"]).title)
        assert item["kilde"]["afsnit"] in shown["kilde"]
        assert one_line(item["tekst"]) in shown["tekst"]
    assert "MED-udvalg" in cfg["checklist"][3]["tekst"]
    assert "status pr. 31. december" in cfg["checklist"][4]["tekst"]


def test_reporting_dates_are_only_those_the_sources_state(catalogue: Catalogue, cfg: dict[str, Any]) -> None:
    assert [(r["id"], r["maaned"], r["dag"]) for r in cfg["reporting"]] == [
        ("status-pr-31-december", 12, 31), ("kommunernes-indberetning-31-maj", 5, 31)]
    for item in catalogue.data["plan/indberetning"]["datoer"]:
        assert one_line(item["tekst"]) in entry_texts(catalogue, item["post"])
        assert item["kilde"]["dokument"] == catalogue.by_id()[item["post"]].citation.source
    may = cfg["reporting"][1]
    assert "31. maj 2024" in may["tekst"] and "kun fristen for indberetningen for 2023" in may["tekst"]


def run_view(cfg: dict[str, Any], plan: dict[str, Any]) -> dict[str, Any]:
    return view.view(parse_plan(plan), config.parse_entries(cfg["entries"]), config.parse_areas(cfg["areas"]),
                     config.parse_checklist(cfg["checklist"]), config.parse_reporting(cfg["reporting"]),
                     "", date(2026, 1, 2))


def test_prefill_fills_missing_fields_and_marks_unchanged_suggestions(cfg: dict[str, Any]) -> None:
    plan = {"indsatser": [{"id": PLAN}, {"id": WITH_TRIN, "handlinger": "Vores egne handlinger"},
                          {"id": TOOL}, {"id": WITHOUT_TRIN, "maalsaetning": ""}],
            "tjekliste": ["systematisk-opfoelgning", "findes-ikke"]}
    result = run_view(cfg, plan)
    stored = result["plan"]["indsatser"]
    assert stored[0]["maalsaetning"] == cfg["entries"][PLAN]["forslag"]["maalsaetning"]
    assert stored[1]["handlinger"] == "Vores egne handlinger"  # the user's text is kept
    assert stored[2] == {"id": TOOL, "maalsaetning": "", "handlinger": "", "indikator": "",
                         "ansvarlig": "", "frist": ""}
    assert stored[3]["maalsaetning"] == ""  # cleared by the user: not filled again
    assert result["plan"]["tjekliste"] == ["systematisk-opfoelgning"]  # unknown ticks dropped
    prefilled = {item["id"]: item["prefilled"] for group in result["groups"] for item in group["items"]}
    assert prefilled == {PLAN: ["maalsaetning", "handlinger", "indikator"], WITH_TRIN: [], TOOL: [],
                         WITHOUT_TRIN: []}
    # the normalized plan, stored and shown again, keeps its suggestions marked
    again = run_view(cfg, result["plan"])
    assert again["plan"] == result["plan"] and again["groups"] == result["groups"]


def test_groups_follow_the_area_order_and_removed_entries_come_last(cfg: dict[str, Any]) -> None:
    plan = {"indsatser": [{"id": WITH_TRIN}, {"id": "fjernet-post"}, {"id": PLAN}, {"id": WITHOUT_TRIN},
                          {"id": "skriv-stillingsannoncer-der-appellerer-til-alle-koen"}]}
    groups = run_view(cfg, plan)["groups"]
    assert [(g["id"], [i["index"] for i in g["items"]]) for g in groups] == [
        ("maaltal-og-politik", [3]), ("rekruttering", [0, 4]), ("karriereudvikling", [2]), ("", [1])]
    assert groups[1]["label"] == "Rekruttering"
    assert groups[-1]["label"] == REMOVED_LABEL
    removed = groups[-1]["items"][0]
    assert removed["titel"] == "fjernet-post" and removed["url"] == "" and removed["prefilled"] == []
    first = groups[1]["items"][0]
    assert first["url"] == f"initiativer/{WITH_TRIN}/" and first["type_label"] == "Initiativ"


def test_blank_view(cfg: dict[str, Any]) -> None:
    blank = view.handle_view({"plan": cfg["blank"], "entries": {}, "areas": cfg["areas"],
                              "checklist": cfg["checklist"], "reporting": cfg["reporting"],
                              "i_dag": "2026-01-02"})
    assert blank["plan"] == cfg["blank"] and blank["groups"] == [] and blank["link"] == ""
    assert "Planen har endnu ikke et måltal" in blank["markdown"]
    assert [line["tekst"] for line in blank["aarshjul"]] == [r["titel"] for r in reversed(cfg["reporting"])]
    december = view.handle_view({"plan": cfg["blank"], "entries": {}, "areas": cfg["areas"],
                                 "checklist": cfg["checklist"], "reporting": cfg["reporting"],
                                 "i_dag": "2026-12-01"})
    assert [line["dato"] for line in december["aarshjul"]] == ["2026-12-31", "2027-05-31"]
    with pytest.raises(InputError):
        view.handle_view({"plan": cfg["blank"], "i_dag": "1. december"})
