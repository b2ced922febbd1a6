"""Form input of "Sæt måltal": valid scenarios never raise; invalid ones raise InputError with a
Danish message naming the field; the page's sentences, table and CSV come from the projection."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from macros.maaltal_macros import default_scenario, duty_data

from koensbalance import bridge
from koensbalance.catalogue import Catalogue, files
from koensbalance.errors import InputError
from koensbalance.maaltal.balance import BalanceRule
from koensbalance.maaltal.obligations import DutyRules
from koensbalance.maaltal.scenario import LABELS, parse_scenario
from koensbalance.maaltal.targets import evaluate_form
from tests.support.build import ROOT

KINDS = ["stat", "region", "kommune", "anden"]


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return files.read(ROOT)


@pytest.fixture(scope="module")
def setup(catalogue: Catalogue) -> tuple[BalanceRule, DutyRules, dict[str, Any]]:
    data = duty_data(catalogue, "../../")
    return BalanceRule.from_data(catalogue.balance), DutyRules.from_data(data), data


def scenario(**changes: str) -> dict[str, str]:
    return {**default_scenario(date(2025, 6, 1)), **changes}


def errors_of(raw: dict[str, str]) -> dict[str, str]:
    with pytest.raises(InputError) as caught:
        parse_scenario(raw, KINDS)
    return {e.field: e.message for e in caught.value.errors}


def test_default_scenario_reads_as_the_page_says(setup: Any) -> None:
    rule, duties, _ = setup
    result = evaluate_form(scenario(), rule, duties)
    assert result["title"] == "Status og måltal pr. 31. december 2024"
    assert result["recruit"] == ("Andel kvinder blandt nye ledere: 45 pct. – det samme som på "
                                 "niveauet under (18 af 40).")
    assert result["headline"].startswith("Nej – I når ikke 40 pct. kvinder i 2029 med 80 pct. sandsynlighed")
    assert result["inverse"].startswith("For at nå 40 pct. kvinder senest i 2029 med 80 pct. "
                                        "sandsynlighed skal mindst ")
    assert len(result["rows"]) == 11 and result["rows"][0][:3] == ["2024", "3,0", "25 pct."]
    # Issue 21, items 6 and 10: the assumptions first, then one line of numbers per year.
    lines = result["csv"].splitlines()
    assumptions = dict(line.split(";") for line in lines[1:lines.index("")])
    assert assumptions == {
        "Status pr. 31. december (år)": "2024", "Kvinder i den øverste ledelse (personer)": "3",
        "Mænd i den øverste ledelse (personer)": "9", "Afgang pr. år (pct.)": "15",
        "Andel kvinder blandt nye ledere (pct.)": "45", "Måltal for andelen af kvinder (pct.)": "40",
        "Måltallet skal være nået i (år)": "2029", "Sandsynlighed (pct.)": "80",
        "Antal år i fremskrivningen (år)": "10"}
    table = lines[lines.index("") + 1:]
    assert table[0].split(";")[:3] == ["År", "Forventet antal kvinder (personer)",
                                       "Forventet andel kvinder (pct.)"]
    assert len(table) == 12 and table[1] == "2024;3,0;25,0;3;3;0,0;0,0"
    assert result["assumptions"] == (
        "Beregningen bygger på: status pr. 31. december 2024 med 3 kvinder af 12 i den øverste ledelse; "
        "afgang 15 pct. om året; 45 pct. kvinder blandt nye ledere (som på niveauet under); måltal "
        "mindst 40 pct. kvinder senest i 2029 med 80 pct. sandsynlighed; fremskrivning over 10 år.")


def test_headline_matches_the_issue_example_form(setup: Any) -> None:
    rule, duties, _ = setup
    result = evaluate_form(scenario(kvinder="3", maend="7", afgang="30", rekruttering="60",
                                    horisont="10", maalaar="2030"), rule, duties)
    # Issue 21, item 5: the answer for the chosen target and year first, then the horizon.
    assert result["headline"].startswith("Ja – I når 40 pct. kvinder senest i 2030 med 80 pct. "
                                         "sandsynlighed (med 60 pct. kvinder blandt nye ledere er "
                                         "sandsynligheden ")
    assert result["headline"].endswith(" Med 80 pct. sandsynlighed sker det allerede i 2027.")


def test_headline_says_first_that_the_chosen_year_is_missed(setup: Any) -> None:
    rule, duties, _ = setup
    result = evaluate_form(scenario(maalaar="2029", horisont="10"), rule, duties)
    p_2029 = result["rows"][2029 - 2024][5]
    assert result["headline"] == (
        f"Nej – I når ikke 40 pct. kvinder i 2029 med 80 pct. sandsynlighed (med 45 pct. kvinder blandt "
        f"nye ledere er sandsynligheden {p_2029}). Heller ikke inden for fremskrivningens 10 år (til 2034).")
    later = evaluate_form(scenario(maalaar="2026", afgang="30", rekruttering="60"), rule, duties)
    assert later["headline"].startswith("Nej – I når ikke 40 pct. kvinder i 2026")
    assert later["headline"].endswith(" Med 80 pct. sandsynlighed når I 40 pct. i 2028.")


def test_already_balanced_and_unreachable_cases(setup: Any) -> None:
    rule, duties, _ = setup
    done = evaluate_form(scenario(kvinder="6", maend="6"), rule, duties)
    assert done["headline"] == ("I har allerede mindst 40 pct. kvinder i den øverste ledelse "
                                "(status pr. 31. december 2024).")
    stuck = evaluate_form(scenario(kvinder="0", maend="20", afgang="2", maalaar="2026"), rule, duties)
    assert stuck["inverse"].startswith("Selv hvis alle nye ledere er kvinder, når I ikke 40 pct.")
    men = evaluate_form(scenario(kvinder="8", maend="2", pipeline_kvinder="10", pipeline_maend="30"),
                        rule, duties)
    assert men["noun"] == "mænd" and "75 pct. mænd blandt nye ledere" in men["headline"]


@pytest.mark.parametrize(("changes", "field", "message"), [
    ({"kvinder": "x"}, "kvinder", "Antallet af kvinder i den øverste ledelse skal være et helt tal, fx 3."),
    ({"kvinder": "-2"}, "kvinder", "Antallet af kvinder i den øverste ledelse kan ikke være negativt."),
    ({"kvinder": "0", "maend": "0"}, "kvinder", "Den øverste ledelse skal have mindst én person."),
    ({"kvinder": "150", "maend": "51"}, "kvinder",
     "Beregningen kan højst regne på 200 personer i den øverste ledelse."),
    ({"afgang": "120"}, "afgang", "Afgangen pr. år skal være mellem 0 og 100 pct."),
    ({"afgang": ""}, "afgang", "Skriv afgangen pr. år, fx 15 eller 12,5."),
    ({"rekruttering": "1e3"}, "rekruttering",
     "Andelen af det underrepræsenterede køn blandt nye ledere skal være et tal mellem 0 og 100 pct., "
     "fx 45 eller 12,5."),
    ({"horisont": "31"}, "horisont", "Antallet af år i fremskrivningen skal være mellem 1 og 30 år."),
    ({"horisont": "0"}, "horisont", "Antallet af år i fremskrivningen skal være mellem 1 og 30 år."),
    ({"maalaar": "2040"}, "maalaar",
     "Måltallet skal være nået i et år fra 2025 til 2034 (inden for fremskrivningen)."),
    # Issue #21, item 9: an empty target year, a target with decimals, a count with a thousands point.
    ({"maalaar": ""}, "maalaar", "Skriv det år, måltallet skal være nået i, fx 2030."),
    ({"maal": "40,5"}, "maal", "Måltallet skal være et helt antal procent uden decimaler, fx 40."),
    ({"medarbejdere": "1,5"}, "medarbejdere",
     "Antallet af medarbejdere skal være et helt tal, fx 250 eller 1.200."),
    ({"medarbejdere": "20000000"}, "medarbejdere",
     "Antallet af medarbejdere skal være mellem 0 og 10.000.000."),
    ({"aar": "20x5"}, "aar", "Statusåret skal være et årstal, fx 2025."),
    ({"maal": "0"}, "maal", "Måltallet skal være mellem 1 og 100 pct."),
    ({"sikkerhed": "100"}, "sikkerhed", "Sandsynligheden skal være mellem 1 og 99 pct."),
    ({"institution": "<script>"}, "institution", "Vælg typen af institution på listen."),
    ({"pipeline_kvinder": "", "pipeline_maend": ""}, "rekruttering",
     "Skriv andelen af det underrepræsenterede køn blandt nye ledere – eller antallet af kvinder og "
     "mænd på niveauet under."),
    ({"pipeline_maend": ""}, "pipeline_maend",
     "Skriv antallet af mænd på niveauet under – eller lad begge felter om niveauet under stå tomme."),
    ({"bestyrelse": "ja"}, "bestyrelse_kvinder", "Skriv antallet af kvinder i bestyrelsen, fx 3."),
    ({"medarbejdere": "9" * 50}, "medarbejdere", "Antallet af medarbejdere er for langt til at være et tal."),
])
def test_each_problem_has_a_danish_message_naming_the_field(changes: dict[str, str], field: str,
                                                            message: str) -> None:
    assert errors_of(scenario(**changes)).get(field) == message


@pytest.mark.parametrize(("field", "text", "value"), [
    ("medarbejdere", "1.200", 1200), ("medarbejdere", "20.000", 20000), ("medarbejdere", "1 200", 1200),
    ("afgang", "12,5", 0.125), ("afgang", "12.5", 0.125), ("afgang", "12,5 %", 0.125),
    ("maal", "40 pct.", 40),
])
def test_danish_number_forms_are_accepted(field: str, text: str, value: float) -> None:
    parsed = parse_scenario(scenario(**{field: text}), KINDS)
    attribute = {"medarbejdere": "employees", "afgang": "turnover", "maal": "target_pct"}[field]
    assert getattr(parsed, attribute) == pytest.approx(value)


def test_all_problems_are_reported_together() -> None:
    found = errors_of(scenario(kvinder="x", afgang="200", horisont="99"))
    assert set(found) == {"kvinder", "afgang", "horisont"}


def test_board_numbers_are_ignored_without_a_board(setup: Any) -> None:
    rule, duties, _ = setup
    result = evaluate_form(scenario(bestyrelse="nej", bestyrelse_kvinder="x"), rule, duties)
    assert result["board"] is None


PCT = st.one_of(st.integers(0, 100).map(str),
                st.decimals(0, 100, places=2).map(lambda d: str(d).replace(".", ",")))


@st.composite
def valid_forms(draw: st.DrawFn) -> dict[str, str]:
    size = draw(st.integers(1, 200))
    women = draw(st.integers(0, size))
    year = draw(st.integers(2000, 2070))
    horizon = draw(st.integers(1, 30))
    pipeline = draw(st.one_of(st.none(), st.tuples(st.integers(0, 500), st.integers(0, 500))))
    recruit = draw(PCT) if pipeline is None or sum(pipeline) == 0 else draw(st.one_of(st.just(""), PCT))
    board = draw(st.sampled_from(["ja", "nej"]))
    return {
        "institution": draw(st.sampled_from(KINDS)), "medarbejdere": str(draw(st.integers(0, 10**6))),
        "bestyrelse": board, "bestyrelse_kvinder": str(draw(st.integers(0, 9))),
        "bestyrelse_maend": str(draw(st.integers(1, 9))), "kvinder": str(women),
        "maend": str(size - women),
        "pipeline_kvinder": "" if pipeline is None else str(pipeline[0]),
        "pipeline_maend": "" if pipeline is None else str(pipeline[1]),
        "afgang": draw(PCT), "rekruttering": recruit, "maal": str(draw(st.integers(1, 100))),
        "sikkerhed": str(draw(st.integers(1, 99))), "aar": str(year),
        "maalaar": str(year + draw(st.integers(1, horizon))), "horisont": str(horizon),
    }


@given(raw=valid_forms())
def test_valid_input_never_raises(setup: Any, raw: dict[str, str]) -> None:
    rule, duties, _ = setup
    result = evaluate_form(raw, rule, duties)
    assert len(result["rows"]) == int(raw["horisont"]) + 1
    json.dumps(result)  # plain values only: what the browser receives


@given(raw=valid_forms(), field=st.sampled_from(sorted(set(LABELS) - {"rekruttering", "pipeline_kvinder",
                                                                      "pipeline_maend", "bestyrelse_kvinder",
                                                                      "bestyrelse_maend"})),
       junk=st.one_of(st.just(""), st.just("-1"), st.just("abc"), st.just("<img src=x>"),
                      st.text(min_size=41, max_size=60), st.just("12,5,5")))
def test_invalid_input_raises_the_typed_error_naming_the_field(setup: Any, raw: dict[str, str],
                                                               field: str, junk: str) -> None:
    rule, duties, _ = setup
    broken = {**raw, field: junk}
    with pytest.raises(InputError) as caught:
        evaluate_form(broken, rule, duties)
    messages = {e.field: e.message for e in caught.value.errors}
    # The broken field (or, for a year, the field that depends on it) carries a Danish message.
    named = messages.get(field) or messages.get("maalaar")
    assert named, messages
    assert any(word in named for word in ("skal", "Skriv", "Vælg", "kan ikke", "for langt"))


def test_bridge_returns_json_with_result_or_field_errors(setup: Any) -> None:
    rule, _, data = setup
    small = [{"gruppestoerrelse": n, "mindst": m} for n, m in rule.small_groups]
    rules = {"balance": {"mindste_andel_pct": rule.min_share_pct, "smaa_grupper": small}, "duties": data}
    ok = json.loads(bridge.call("maaltal.evaluate", json.dumps({"rules": rules, "input": scenario()})))
    assert ok["ok"] is True and ok["result"]["title"].startswith("Status og måltal pr. 31. december")
    bad = json.loads(bridge.call("maaltal.evaluate",
                                 json.dumps({"rules": rules, "input": scenario(afgang="x")})))
    assert bad == {"ok": False, "errors": [{"field": "afgang", "message": (
        "Afgangen pr. år skal være et tal mellem 0 og 100 pct., fx 15 eller 12,5.")}]}
