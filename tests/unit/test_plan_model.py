"""The plan's validation: every problem reported with its field and a Danish message; missing fields
stay missing (for prefill) while "" stays "", and a stored plan reads back unchanged."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from koensbalance.errors import InputError
from koensbalance.plan.model import DEFAULT_TITLE, MAX_ITEMS, parse_plan


def fields(raw: Any) -> dict[str, str]:
    with pytest.raises(InputError) as caught:
        parse_plan(raw)
    return {e.field: e.message for e in caught.value.errors}


def test_blank_plan_gets_the_default_title_and_reads_back_unchanged() -> None:
    plan = parse_plan({"indsatser": []})
    assert plan.titel == DEFAULT_TITLE and plan.indsatser == () and plan.maal is None
    stored = {"titel": "Vores plan", "organisation": "Eksempel Kommune", "maal": None,
              "indsatser": [{"id": "a", "maalsaetning": "M", "handlinger": "- H", "indikator": "",
                             "ansvarlig": "HR-chef", "frist": "2026-03-31"}],
              "tjekliste": ["systematisk-opfoelgning"]}
    assert parse_plan(stored).to_dict() == stored


def test_missing_fields_stay_missing_and_cleared_fields_stay_empty() -> None:
    plan = parse_plan({"indsatser": [{"id": "a"}, {"id": "b", "maalsaetning": ""}]})
    first, second = plan.to_dict()["indsatser"]
    assert "maalsaetning" not in first and "handlinger" not in first
    assert first["ansvarlig"] == "" and first["frist"] == ""
    assert second["maalsaetning"] == "" and "indikator" not in second


def test_text_is_kept_as_typed() -> None:
    plan = parse_plan({"indsatser": [{"id": "a", "handlinger": "- Første \n- Anden ", "ansvarlig": "HR "}]})
    assert plan.indsatser[0].handlinger == "- Første \n- Anden " and plan.indsatser[0].ansvarlig == "HR "


@pytest.mark.parametrize("value", ["2026-02-30", "31-12-2026", "2026-1-5", "1999-12-31", "2101-01-01",
                                   "i morgen", 20260101, True])
def test_bad_deadline_is_refused(value: object) -> None:
    errors = fields({"indsatser": [{"id": "a"}, {"id": "b", "frist": value}]})
    assert errors == {"indsatser.1.frist": "Fristen skal være en gyldig dato mellem 2000 og 2100, "
                                           "fx 2026-03-31."}


def test_real_deadline_is_a_date() -> None:
    assert parse_plan({"indsatser": [{"id": "a", "frist": "2028-02-29"}]}).indsatser[0].frist == \
        date(2028, 2, 29)


def test_too_long_values_name_their_field_and_limit() -> None:
    errors = fields({"titel": "x" * 201, "organisation": "o" * 201,
                     "indsatser": [{"id": "a", "maalsaetning": "m" * 4001, "handlinger": "h" * 4000,
                                    "ansvarlig": "a" * 201}]})
    assert errors == {
        "titel": "Titlen må højst være 200 tegn.",
        "organisation": "Organisationen må højst være 200 tegn.",
        "indsatser.0.maalsaetning": "Målsætningen må højst være 4000 tegn.",
        "indsatser.0.ansvarlig": "Ansvarlig må højst være 200 tegn.",
    }


def test_duplicate_and_invalid_ids_are_refused() -> None:
    errors = fields({"indsatser": [{"id": "a"}, {"id": "a"}, {"id": "Ikke gyldig"}, {"id": 7}, "x"]})
    assert errors == {"indsatser.1.id": "Indsats 2 står allerede i planen.",
                      "indsatser.2.id": "Indsats 3 har et ugyldigt id.",
                      "indsatser.3.id": "Indsats 4 har et ugyldigt id.",
                      "indsatser.4": "Indsats 5 kan ikke læses."}


def test_wrong_types_are_refused_together() -> None:
    errors = fields({"titel": 5, "organisation": ["x"], "indsatser": {"id": "a"}, "tjekliste": "alt",
                     "maal": {"i_alt": 3}})
    assert errors == {"titel": "Titlen skal være en tekst.",
                      "organisation": "Organisationen skal være en tekst.",
                      "indsatser": "Planen har ingen liste over indsatser.",
                      "tjekliste": "Tjeklisten kan ikke læses.",
                      "maal": "Måltallet i planen kan ikke læses. Hent det igen fra »Sæt måltal«."}
    assert fields({"indsatser": [{"id": "a", "indikator": 3}]}) == {
        "indsatser.0.indikator": "Indikatoren skal være en tekst."}
    assert fields(["not", "a", "plan"]) == {"": "Planen kan ikke læses."}


def test_too_many_entries() -> None:
    items = [{"id": f"e{i}"} for i in range(MAX_ITEMS + 1)]
    assert fields({"indsatser": items}) == {"indsatser": "Planen må højst have 200 indsatser."}


def test_checklist_ids_must_look_like_ids_and_duplicates_go() -> None:
    assert parse_plan({"tjekliste": ["a", "b", "a"]}).tjekliste == ("a", "b")
    assert fields({"tjekliste": ["<script>"]}) == {"tjekliste": "Tjeklisten kan ikke læses."}


TARGET = {"status_aar": 2025, "i_alt": 12, "kvinder": 3, "maend": 9, "koen": "kvinder", "maaltal_pct": 40,
          "maal_aar": 2030, "status_tekst": "s", "maaltal_tekst": "m", "rekruttering_tekst": "r"}


@pytest.mark.parametrize("change", [{"i_alt": 13}, {"koen": "andre"}, {"maaltal_pct": 0},
                                    {"status_aar": True}, {"status_tekst": None}, {"maal_aar": "2030"}])
def test_inconsistent_target_is_refused(change: dict[str, object]) -> None:
    assert parse_plan({"maal": TARGET}).maal is not None
    assert set(fields({"maal": {**TARGET, **change}})) == {"maal"}
