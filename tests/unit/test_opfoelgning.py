""""Følg op", the history: what is accepted (gaps, a group that shrinks or grows, form strings or JSON
numbers) and what is refused with a Danish message on the right field (a year recorded twice, years
before the start or not yet over, half-filled appointments, hostile values)."""

from __future__ import annotations

import json
import math
from datetime import date
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from macros import site_data
from macros.maaltal_macros import default_scenario, duty_data

from koensbalance.errors import InputError
from koensbalance.maaltal.balance import BalanceRule
from koensbalance.maaltal.obligations import DutyRules
from koensbalance.maaltal.opfoelgning import MAX_RECORDS, RECORD_FIELDS, History, parse_history, record_labels
from koensbalance.maaltal.projection import MAX_YEARS

CATALOGUE = site_data.catalogue()
RULE = BalanceRule.from_data(CATALOGUE.balance)
DUTY_DATA = duty_data(CATALOGUE, "")
DUTIES = DutyRules.from_data(DUTY_DATA)
KINDS = [kind.id for kind in DUTIES.kinds]
RULES = {"balance": dict(CATALOGUE.balance), "duties": DUTY_DATA}

# The example of the report: target set on the status per 31 December 2021 of the default scenario
# (3 women, 9 men; 15 pct. turnover; 45 pct. women on the level below; 40 pct. by 2026). Then a good
# year, a bad one, a gap (2024 not recorded) and a group grown to 14 with strong recruitment.
SCENARIO = default_scenario(date(2022, 6, 1))
EXAMPLE_RECORDS: list[dict[str, Any]] = [
    {"aar": 2022, "kvinder": 4, "maend": 8, "nye_ledere": 2, "heraf": 1, "politik": "nej"},
    {"aar": 2023, "kvinder": 1, "maend": 11, "nye_ledere": 3, "heraf": 0, "politik": "ja"},
    {"aar": 2025, "kvinder": 8, "maend": 6, "nye_ledere": 6, "heraf": 6, "politik": "ja"},
]
EXAMPLE: dict[str, Any] = {"scenarie": SCENARIO, "status": EXAMPLE_RECORDS}


def history(records: list[dict[str, Any]] | None = None, this_year: int | None = 2027,
            **scenario: str) -> History:
    raw = {"scenarie": {**SCENARIO, **scenario}, "status": EXAMPLE_RECORDS if records is None else records}
    return parse_history(raw, KINDS, this_year)


def errors_of(raw: object, this_year: int | None = 2027) -> dict[str, str]:
    with pytest.raises(InputError) as caught:
        parse_history(raw, KINDS, this_year)
    assert caught.value.errors, "an InputError always names at least one problem"
    return {e.field: e.message for e in caught.value.errors}


def with_records(*records: dict[str, Any]) -> dict[str, Any]:
    return {"scenarie": SCENARIO, "status": list(records)}


def test_the_example_parses_with_its_assumptions_and_years() -> None:
    h = history()
    s = h.scenario
    assert (s.status_year, s.women, s.men, s.turnover, s.recruit, s.target_pct, s.target_year) == \
        (2021, 3, 9, 0.15, 0.45, 40, 2026)
    assert h.gender == "kvinder" and [r.year for r in h.records] == [2022, 2023, 2025]
    assert h.records[2].size == 14 and h.records[2].appointed_followed == 6 and h.records[2].policy == "ja"


def test_form_strings_and_json_numbers_give_the_same_history_and_to_dict_round_trips() -> None:
    as_strings = [{key: str(value) for key, value in record.items()} for record in EXAMPLE_RECORDS]
    assert history(as_strings) == history()
    again = parse_history(json.loads(json.dumps(history().to_dict())), KINDS, 2027)
    assert again == history()


def test_gaps_and_a_shrinking_or_growing_group_are_accepted() -> None:
    h = history([{"aar": 2024, "kvinder": 2, "maend": 5}, {"aar": 2022, "kvinder": 5, "maend": 15},
                 {"aar": 2031, "kvinder": 1, "maend": 1}], this_year=2037)
    assert [r.year for r in h.sorted_records()] == [2022, 2024, 2031]
    assert [r.size for r in h.sorted_records()] == [20, 7, 2]
    assert h.records[0].appointed is None and h.records[0].policy == ""


def test_a_year_recorded_twice_is_refused_on_the_second_line() -> None:
    errors = errors_of(with_records(*EXAMPLE_RECORDS, {"aar": "2023", "kvinder": "2", "maend": "10"}))
    assert errors == {"status.3.aar": "2023 er registreret to gange (linje 2 og 4). Ret eller slet den ene."}


def test_a_year_twice_is_caught_even_when_the_first_has_another_error() -> None:
    errors = errors_of(with_records({"aar": 2022, "kvinder": "x", "maend": 8},
                                    {"aar": 2022, "kvinder": 4, "maend": 8}))
    assert set(errors) == {"status.0.kvinder", "status.1.aar"}
    assert errors["status.0.kvinder"] == ("2022: Antal kvinder i den øverste ledelse skal være et helt tal, "
                                          "fx 3.")


@pytest.mark.parametrize("year", [2021, 2020, 2000])
def test_years_before_the_start_or_the_start_itself_are_refused(year: int) -> None:
    errors = errors_of(with_records({"aar": year, "kvinder": 3, "maend": 9}))
    assert errors == {"status.0.aar": f"Linje 1: {year} er ikke efter udgangspunktet: scenariet har status "
                                      f"pr. 31. december 2021. Registrér årene fra 2022."}


def test_years_not_over_yet_or_beyond_the_projection_are_refused() -> None:
    future = errors_of(with_records({"aar": 2024, "kvinder": 3, "maend": 9}), this_year=2023)
    assert future == {"status.0.aar": "Linje 1: 2024 er ikke slut endnu. Registrér et år fra 2022 til 2023."}
    far = errors_of(with_records({"aar": 2021 + MAX_YEARS + 1, "kvinder": 3, "maend": 9}), this_year=None)
    assert far["status.0.aar"].endswith(f"ligger mere end {MAX_YEARS} år efter udgangspunktet (2021). "
                                        f"Registrér et år fra 2022 til {2021 + MAX_YEARS}.")
    assert history([{"aar": 2021 + MAX_YEARS, "kvinder": 3, "maend": 9}], this_year=None).records
    too_soon = errors_of(with_records({"aar": 2022, "kvinder": 3, "maend": 9}), this_year=2021)
    assert too_soon == {"status.0.aar": "Linje 1: 2022 er ikke slut endnu. Status pr. 31. december 2021 er "
                                        "udgangspunktet; registrér 2022, når året er omme."}


def test_appointments_are_both_or_neither_and_heraf_at_most_the_new_leaders() -> None:
    half = errors_of(with_records({"aar": 2022, "kvinder": 4, "maend": 8, "nye_ledere": 2}))
    assert half == {"status.0.heraf": "2022: Udfyld heraf kvinder (eller lad også antal nye ledere i "
                                      "årets løb stå tomt)."}
    more = errors_of(with_records({"aar": 2022, "kvinder": 4, "maend": 8, "nye_ledere": 2, "heraf": 3}))
    assert more == {"status.0.heraf": "2022: Heraf kvinder kan ikke være flere end antallet af nye "
                                      "ledere (2)."}
    men = errors_of({"scenarie": {**SCENARIO, "kvinder": "9", "maend": "3", "pipeline_kvinder": "30",
                                  "pipeline_maend": "10"},
                     "status": [{"aar": 2022, "kvinder": 4, "maend": 8, "nye_ledere": 1, "heraf": 2}]})
    assert men["status.0.heraf"].startswith("2022: Heraf mænd kan ikke være flere")


def test_the_board_is_read_only_where_there_is_one() -> None:
    board = {"aar": 2022, "kvinder": 4, "maend": 8, "bestyrelse_kvinder": 3, "bestyrelse_maend": 4}
    assert history([board]).records[0].board_women is None  # no board in the scenario: ignored
    with_board = {"bestyrelse": "ja", "bestyrelse_kvinder": "2", "bestyrelse_maend": "5"}
    assert history([board], **with_board).records[0].board_men == 4
    assert history([{"aar": 2022, "kvinder": 4, "maend": 8}], **with_board).records[0].board_women is None
    half = {"scenarie": {**SCENARIO, **with_board},
            "status": [{"aar": 2022, "kvinder": 4, "maend": 8, "bestyrelse_maend": 4}]}
    assert set(errors_of(half)) == {"status.0.bestyrelse_kvinder"}


def test_group_size_limits_and_policy_choices() -> None:
    errors = errors_of(with_records({"aar": 2022, "kvinder": 0, "maend": 0},
                                    {"aar": 2023, "kvinder": 150, "maend": 51},
                                    {"aar": 2024, "kvinder": 4, "maend": 8, "politik": "måske"}))
    assert errors == {
        "status.0.kvinder": "2022: Den øverste ledelse skal have mindst én person.",
        "status.1.kvinder": "2023: Beregningen kan højst regne på 200 personer i den øverste ledelse.",
        "status.2.politik": "2024: Vælg politik for kønsfordelingen på listen (ja, nej eller ikke oplyst).",
    }


def test_the_scenario_is_checked_by_the_maaltal_rules_with_its_fields_prefixed() -> None:
    errors = errors_of({"scenarie": {**SCENARIO, "afgang": "150", "maalaar": "2047"}, "status": []})
    assert set(errors) == {"scenarie.afgang", "scenarie.maalaar"}
    assert errors["scenarie.afgang"] == "Afgangen pr. år skal være mellem 0 og 100 pct."
    assert set(errors_of({"status": []})) == {"scenarie"}


@pytest.mark.parametrize("raw", [
    None, [], "historik", 7, {"scenarie": [], "status": []}, {"scenarie": SCENARIO, "status": "2022"},
    {"scenarie": SCENARIO, "status": [1, None, "x"]},
    {"scenarie": {**SCENARIO, "kvinder": {"$gt": ""}}, "status": []},
    {"scenarie": {**SCENARIO, "kvinder": True}, "status": []},
    {"scenarie": {**SCENARIO, "kvinder": "3" * 5000}, "status": []},
    {"scenarie": SCENARIO, "status": [{"aar": 2022, "kvinder": math.nan, "maend": 8}]},
    {"scenarie": SCENARIO, "status": [{"aar": 2022, "kvinder": math.inf, "maend": 8}]},
    {"scenarie": SCENARIO, "status": [{"aar": 2022, "kvinder": 10**400, "maend": 8}]},
    {"scenarie": SCENARIO, "status": [{"aar": 2022, "kvinder": -1, "maend": 8}]},
    {"scenarie": SCENARIO, "status": [{"aar": 2022, "kvinder": 4.5, "maend": 8}]},
    {"scenarie": SCENARIO, "status": [{"aar": [2022], "kvinder": 4, "maend": 8}]},
    {"scenarie": SCENARIO, "status": [{"aar": 2022, "kvinder": "<script>", "maend": 8}]},
    {"scenarie": SCENARIO, "status": [{"aar": 2022, "kvinder": 4, "maend": 8, "politik": ["ja"]}]},
    {"scenarie": SCENARIO, "status": [{"aar": 2022 + i, "kvinder": 4, "maend": 8} for i in range(40)]},
])
def test_hostile_input_is_refused_with_a_message_and_never_echoed(raw: object) -> None:
    errors = errors_of(raw, this_year=None)
    for message in errors.values():
        assert message and "<script>" not in message and "$gt" not in message and "33333" not in message


def test_more_than_the_maximum_of_years_is_one_message_on_the_list() -> None:
    records = [{"aar": 2022 + i, "kvinder": 4, "maend": 8} for i in range(MAX_RECORDS + 1)]
    errors = errors_of(with_records(*records), this_year=None)
    assert errors["status"] == f"Opfølgningen kan højst have {MAX_RECORDS} år."


JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=12),
                    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                                max_size=4), max_leaves=20)
RECORD_KEYS = st.sampled_from(["aar", "kvinder", "maend", "nye_ledere", "heraf", "politik",
                               "bestyrelse_kvinder", "bestyrelse_maend"])


@given(st.lists(st.dictionaries(RECORD_KEYS, JSON, max_size=8), max_size=5) | JSON)
def test_any_json_value_as_the_year_list_gives_a_history_or_an_input_error(records: Any) -> None:
    try:
        h = parse_history({"scenarie": SCENARIO, "status": records}, KINDS, 2027)
    except InputError as exc:
        assert exc.errors and all(isinstance(e.message, str) and e.message for e in exc.errors)
    else:
        assert all(2021 < r.year <= 2027 and 1 <= r.size <= 200 for r in h.records)


def test_a_years_fields_labels_and_stored_keys_agree() -> None:
    assert tuple(record_labels("kvinder")) == RECORD_FIELDS == tuple(history().records[0].to_dict())
    assert record_labels("maend")["heraf"] == "Heraf mænd"
