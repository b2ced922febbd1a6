"""»Vurdér en ydelse«, step 2: the two comparisons from a team's numbers to figures and Danish texts,
valid and invalid input, zero counts, all-or-nothing outcomes and populations of 10 million."""

from __future__ import annotations

import json
import time
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from koensbalance import bridge
from koensbalance.errors import InputError
from koensbalance.vurdering import stats
from koensbalance.vurdering.analysis import analyse


def receiving(wa: object, wp: object, ma: object, mp: object, **extra: object) -> dict[str, Any]:
    return {"type": "modtagere", "kvinder": {"antal": wa, "population": wp},
            "maend": {"antal": ma, "population": mp}, **extra}


def outcome(wc: object, wr: object, mc: object, mr: object, **extra: object) -> dict[str, Any]:
    return {"type": "resultat", "kvinder": {"gennemfoert": wc, "opnaaet": wr},
            "maend": {"gennemfoert": mc, "opnaaet": mr}, **extra}


def errors(payload: object) -> dict[str, str]:
    with pytest.raises(InputError) as caught:
        analyse(payload)
    return {e.field: e.message for e in caught.value.errors}


def test_receiving_gives_rates_ratio_difference_test_and_verdict() -> None:
    r = analyse(receiving("250", "1.000", 140, 1000))
    assert r["kvinder"]["andel"] == 0.25 and r["maend"]["andel"] == 0.14
    assert r["forskel"]["kvinder_minus_maend"] == pytest.approx(0.11)
    assert r["forskel"]["interval"] == pytest.approx(list(_newcombe(250, 1000, 140, 1000)))
    assert r["forhold"]["kvinder_pr_maend"] == pytest.approx(0.25 / 0.14)
    assert r["test"]["p"] == stats.rate_comparison_test(250, 1000, 140, 1000) < 0.001
    assert r["kvinder"]["tekst"].startswith("Kvinder: 25,0 pr. 100 (250 af 1.000)")
    assert "11,0 procentpoint flere kvinder end mænd" in r["forskel"]["tekst"]
    assert r["forhold"]["tekst"].startswith("Kvinder modtager ydelsen 1,79 gange så ofte som mænd")
    assert r["konklusion"] == "Forskellen er så stor, at den næppe skyldes tilfældigheder (p < 0,001)."
    assert r["signifikant"] is True
    assert "mindst 221 kvinder og 221 mænd" in r["stikproeve"]["tekst"]


def _newcombe(*args: int) -> tuple[float, float]:
    interval = stats.newcombe_difference(*args)
    return interval.low, interval.high


def test_outcome_uses_fishers_exact_test_and_the_issue_wording() -> None:
    r = analyse(outcome(25, 8, 14, 10))
    assert r["test"]["p"] == stats.fisher_exact(8, 17, 10, 4)
    assert r["test"]["metode"] == "Fishers eksakte test"
    assert r["konklusion"] == "Forskellen er så stor, at den næppe skyldes tilfældigheder (p = 0,024)."
    assert "flere mænd end kvinder nåede målet" in r["forskel"]["tekst"]
    assert r["forhold"] is None
    few = analyse(outcome(10, 4, 10, 6))
    assert few["konklusion"].startswith("Med så få borgere kan forskellen godt skyldes tilfældigheder – "
                                        "saml data for flere")
    assert few["signifikant"] is False


def test_many_citizens_and_no_difference_is_not_called_too_few() -> None:
    r = analyse(outcome(20_000, 10_000, 20_000, 10_050))
    assert r["signifikant"] is False
    assert r["konklusion"].startswith("Forskellen kan godt skyldes tilfældigheder (p = 0,")
    assert "Jeres tal viser, at den sande forskel sandsynligvis ligger mellem −1,2 og 0,7 procentpoint" \
        in r["konklusion"]


def test_the_teams_difference_sets_the_sample_size() -> None:
    r = analyse(outcome(40, 16, 30, 18, forskel="10"))
    assert r["stikproeve"]["forskel_procentpoint"] == pytest.approx(10)
    low, high = r["stikproeve"]["andele"]
    assert high - low == pytest.approx(0.10)
    assert r["stikproeve"]["per_koen"] == stats.sample_size_two_proportions(low, high)
    assert analyse(outcome(40, 16, 30, 18, forskel="12,5"))["stikproeve"]["forskel_procentpoint"] == 12.5


@pytest.mark.parametrize("payload", [
    outcome(0, 0, 10, 10), outcome(0, 0, 0, 0), receiving(0, 0, 0, 10), receiving(0, 5, 0, 10),
    receiving(0, 0, 0, 0),
])
def test_zero_counts_say_why_something_cannot_be_computed(payload: dict[str, Any]) -> None:
    r = analyse(payload)
    assert "kan ikke beregnes, fordi" in r["konklusion"]
    json.dumps(r, allow_nan=False)


@pytest.mark.parametrize(("payload", "p"), [
    (outcome(10, 10, 20, 20), 1.0), (outcome(10, 0, 20, 0), 1.0), (outcome(12, 12, 12, 0), None),
    (receiving(5, 5, 0, 10), None), (receiving(10, 10, 10, 10), 1.0),
])
def test_all_or_nothing_outcomes_give_results(payload: dict[str, Any], p: float | None) -> None:
    r = analyse(payload)
    assert r["test"] is not None and 0 <= r["test"]["p"] <= 1
    if p is not None:
        assert r["test"]["p"] == p
    json.dumps(r, allow_nan=False)  # no Infinity or NaN reaches the page


def test_no_men_receiving_leaves_the_ratio_open() -> None:
    r = analyse(receiving(3, 5, 0, 10))
    assert r["forhold"]["kvinder_pr_maend"] is None and r["forhold"]["interval"][1] is None
    assert "fordi ingen mænd modtager ydelsen" in r["forhold"]["tekst"]


def test_ten_million_populations() -> None:
    start = time.perf_counter()
    r = analyse(receiving("2.500.000", "10.000.000", "2.500.100", "10.000.000"))
    elapsed = time.perf_counter() - start
    assert r["signifikant"] is False and 0.9 < r["test"]["p"] <= 1
    assert r["kvinder"]["tekst"] == ("Kvinder: 25,000 pr. 100 (2.500.000 af 10.000.000) – 95 pct.-interval "
                                     "24,973 til 25,027.")
    far = analyse(receiving("2.500.000", "10.000.000", "1.400.000", "10.000.000"))
    assert far["test"]["p"] == 0.0 and far["konklusion"].endswith("(p < 0,001).")
    big = analyse(outcome("10.000.000", "5.000.000", "10.000.000", "5.001.000"))
    assert 0 < big["test"]["p"] < 1
    assert elapsed < 1.0
    json.dumps([r, far, big], allow_nan=False)


def test_swapping_the_genders_mirrors_the_result() -> None:
    r = analyse(receiving(30, 200, 12, 150))
    s = analyse(receiving(12, 150, 30, 200))
    assert s["forskel"]["kvinder_minus_maend"] == pytest.approx(-r["forskel"]["kvinder_minus_maend"])
    low, high = r["forskel"]["interval"]
    assert s["forskel"]["interval"] == pytest.approx([-high, -low])
    assert s["forhold"]["kvinder_pr_maend"] == pytest.approx(1 / r["forhold"]["kvinder_pr_maend"])
    assert s["test"]["p"] == pytest.approx(r["test"]["p"])
    assert r["forskel"]["tekst"].replace("kvinder end mænd", "X") == \
        s["forskel"]["tekst"].replace("mænd end kvinder", "X")


# ---- invalid input ---------------------------------------------------------------------------------

def test_each_problem_is_named_on_its_field_in_danish() -> None:
    found = errors(outcome("1,5", "x", "-1", "", forskel="0"))
    assert found == {
        "kvinder.gennemfoert": "Antal kvinder med gennemført forløb skal være et helt tal, fx 3.",
        "kvinder.opnaaet": "Antal kvinder med opnået resultat skal være et helt tal, fx 3.",
        "maend.gennemfoert": "Antal mænd med gennemført forløb kan ikke være negativt.",
        "maend.opnaaet": "Udfyld antal mænd med opnået resultat.",
        "forskel": "Den forskel, I vil kunne påvise, skal være større end 0 og højst 100 procentpoint.",
    }


def test_reached_at_most_completed_and_receiving_at_most_population() -> None:
    assert errors(outcome(10, 11, 5, 5)) == {
        "kvinder.opnaaet": "Der kan ikke være flere kvinder, der nåede målet, end kvinder, der har "
                           "gennemført forløbet."}
    assert errors(receiving(5, 5, 11, 10)) == {
        "maend.antal": "Der kan ikke være flere mænd, der modtager ydelsen, end mænd i målgruppen."}


def test_more_than_ten_million_and_unknown_types_are_refused() -> None:
    assert errors(receiving(1, "10.000.001", 1, 10)) == {
        "kvinder.population": "Antal kvinder i målgruppen kan højst være 10.000.000."}
    assert set(errors({"type": "andet"})) == {"type"}
    assert set(errors([1, 2])) == {"type"}
    assert set(errors({"type": "modtagere"})) == {"kvinder.antal", "kvinder.population", "maend.antal",
                                                  "maend.population"}


def test_danish_thousands_are_read_and_ambiguous_numbers_refused() -> None:
    assert analyse(receiving("1 200", "12.000", "1.200", "12 000"))["kvinder"]["del"] == 1200
    assert set(errors(receiving("1.20", "100", "1", "10"))) == {"kvinder.antal"}
    assert set(errors(receiving("1.200.00", "100000", "1", "10"))) == {"kvinder.antal"}
    assert set(errors(receiving(True, "100", 1.5, "10"))) == {"kvinder.antal", "maend.antal"}


raw_value = st.one_of(st.integers(min_value=-5, max_value=10_000_100), st.text(max_size=12), st.none(),
                      st.booleans(), st.floats(allow_nan=True), st.sampled_from(["1.200", "12,5", " 7 "]))


@given(st.sampled_from(["modtagere", "resultat"]), raw_value, raw_value, raw_value, raw_value,
       st.one_of(st.none(), st.text(max_size=6), st.sampled_from(["10", "12,5", "100"])))
def test_any_input_gives_a_result_or_field_errors_never_an_exception(kind: str, a: object, b: object,
                                                                     c: object, d: object,
                                                                     forskel: object) -> None:
    keys = ("antal", "population") if kind == "modtagere" else ("opnaaet", "gennemfoert")
    payload = {"type": kind, "kvinder": {keys[0]: a, keys[1]: b}, "maend": {keys[0]: c, keys[1]: d},
               "forskel": forskel}
    answer = json.loads(bridge.call("vurdering.analyse", json.dumps(payload)))
    if answer["ok"]:
        result = answer["result"]
        for gender in ("kvinder", "maend"):
            share = result[gender]["andel"]
            assert share is None or 0 <= share <= 1
        assert result["test"] is None or 0 <= result["test"]["p"] <= 1
        assert result["konklusion"]
    else:
        assert answer["errors"] and all(e["field"] and e["message"].endswith(".") for e in answer["errors"])


@given(st.integers(min_value=0, max_value=300), st.integers(min_value=0, max_value=300),
       st.integers(min_value=0, max_value=300), st.integers(min_value=0, max_value=300))
def test_valid_counts_always_give_a_verdict(w: int, wextra: int, m: int, mextra: int) -> None:
    for payload in (receiving(w, w + wextra, m, m + mextra), outcome(w + wextra, w, m + mextra, m)):
        r = analyse(payload)
        assert r["konklusion"]
        if r["forskel"] is not None:
            low, high = r["forskel"]["interval"]
            assert low <= r["forskel"]["kvinder_minus_maend"] <= high


def test_no_women_receiving_says_so_and_bounds_the_ratio() -> None:
    r = analyse(receiving(0, 50, 10, 50))
    assert r["forhold"]["kvinder_pr_maend"] == 0 and r["forhold"]["interval"][0] == 0
    assert r["forhold"]["tekst"].startswith("Ingen kvinder modtager ydelsen, så forholdet mellem kvinder og "
                                            "mænd er 0 (95 pct.-interval 0 til 0,")
