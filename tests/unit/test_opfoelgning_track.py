""""Følg op", the numbers: placement of a recorded year in the original projection's distribution
(checked against projection.py), the observed recruitment share, and the new projection (equal to a
fresh projection from the latest status), for the example and for random histories."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from koensbalance.errors import InputError
from koensbalance.maaltal.inverse import probability_at, required_share
from koensbalance.maaltal.opfoelgning import parse_history
from koensbalance.maaltal.opfoelgning_text import chance
from koensbalance.maaltal.opfoelgning_track import (
    HIGHER,
    INSIDE,
    LOWER,
    MAX_EXACT,
    _few,
    binomial,
    place,
    track,
)
from koensbalance.maaltal.opfoelgning_view import evaluate
from koensbalance.maaltal.projection import (
    binomial_pmf,
    distribution,
    probability_at_least,
    project,
    target_count,
)
from tests.unit.test_opfoelgning import DUTIES, KINDS, RULE, SCENARIO, history

TOL = 1e-9


def test_the_example_years_fall_where_the_projection_puts_them() -> None:
    t = track(history(), RULE)
    assert [(c.record.year, c.t, c.placement.verdict) for c in t.checks] == \
        [(2022, 1, INSIDE), (2023, 2, LOWER), (2025, 4, HIGHER)]
    assert [c.placement.text for c in t.checks] == [
        "inden for det forventede (10–90 pct.)",
        "lavere end forventet: kun 2 pct. af udfaldene lå så lavt",
        "højere end forventet: kun 5 pct. af udfaldene lå så højt",
    ]
    # 2023, same size: P(X <= 1) two years on, straight from projection.py.
    dist = distribution(3, 12, 0.15, 0.45, 2)
    assert t.checks[1].placement.at_most == pytest.approx(dist[0] + dist[1], abs=1e-15)
    assert t.checks[1].placement.at_least == pytest.approx(probability_at_least(3, 12, 0.15, 0.45, 2, 1))
    # 2025, grown to 14: 8 of 14 is compared as 8 * 12 / 14 = 6 6/7 of 12.
    grown = t.checks[2]
    assert grown.size_changed and grown.placement.value == Fraction(48, 7)
    assert grown.placement.at_least == pytest.approx(probability_at_least(3, 12, 0.15, 0.45, 4, 7))
    assert grown.placement.at_most == pytest.approx(1 - probability_at_least(3, 12, 0.15, 0.45, 4, 7))


@given(size=st.integers(1, 40), data=st.data(), turnover=st.floats(0, 1), recruit=st.floats(0, 1),
       t=st.integers(0, 30))
def test_placement_is_consistent_with_the_projection(size: int, data: st.DataObject, turnover: float,
                                                      recruit: float, t: int) -> None:
    under = data.draw(st.integers(0, size))
    x = data.draw(st.integers(0, size))
    state = project(under, size, turnover, recruit, max(t, 1), 1, 1).years[t]
    p = place(state.distribution, Fraction(x))
    assert (p.low, p.high) == (state.low_count, state.high_count)
    assert p.at_least == pytest.approx(probability_at_least(under, size, turnover, recruit, t, x), abs=TOL)
    assert p.at_most == pytest.approx(1 - probability_at_least(under, size, turnover, recruit, t, x + 1),
                                      abs=TOL)
    assert p.at_most + p.at_least == pytest.approx(1 + state.distribution[x], abs=TOL)
    # The words follow the band, and the quoted probability is below 10 pct. where they say so.
    assert p.verdict == (LOWER if x < state.low_count else HIGHER if x > state.high_count else INSIDE)
    if p.verdict == LOWER:
        assert p.at_most < 0.1 + TOL and "lå så lavt" in p.text
    elif p.verdict == HIGHER:
        assert p.at_least <= 0.1 + TOL and "lå så højt" in p.text
    else:
        assert p.at_most >= 0.1 - TOL and p.at_least > 0.1 - TOL


@pytest.mark.parametrize(("probability", "text"), [
    (0.0, "ingen"), (1e-300, "under 1 pct."), (0.003, "under 1 pct."), (0.07, "kun 7 pct."),
    (0.0949, "kun 9 pct."),
    (0.096, "kun 9,6 pct."), (0.0999, "kun 9,9 pct."), (0.1, "kun 10,0 pct."),
])
def test_small_probabilities_in_words(probability: float, text: str) -> None:
    assert _few(probability) == text


def test_table_chances_near_the_ends() -> None:
    assert [chance(p) for p in (0.0, 0.004, 0.5, 0.996, 1.0)] == \
        ["0 pct.", "under 1 pct.", "50 pct.", "over 99 pct.", "100 pct."]


def test_the_new_projection_equals_a_fresh_one_from_the_latest_status() -> None:
    t = track(history(), RULE)
    o = t.outlook
    assert (o.from_year, o.under, o.size, o.target_count, o.years_left) == (2025, 8, 14, 6, 1)
    fresh = project(8, 14, 0.15, 0.45, 2031 - 2025, target_count(14, 40), RULE.minimum(14))
    assert o.projection == fresh
    assert o.probability == probability_at(8, 14, 0.15, 0.45, 1, 6) == pytest.approx(fresh.years[1].p_target)
    assert o.required == required_share(8, 14, 0.15, 1, 6, 0.8)
    assert o.original_probability == t.original.years[5].p_target


def test_without_records_the_new_projection_is_the_original() -> None:
    t = track(history([]), RULE)
    assert t.checks == () and t.outlook.projection == t.original and t.outlook.from_year == 2021
    assert t.outlook.probability == pytest.approx(t.original.years[5].p_target)


def test_observed_recruitment_share_sums_the_years_with_appointments() -> None:
    t = track(history(), RULE)
    r = t.recruitment
    assert (r.appointed, r.followed, r.years, r.assumed) == (11, 7, (2022, 2023, 2025), 0.45)
    assert r.observed == 7 / 11
    assert r.placement is not None and r.placement.at_least == pytest.approx(sum(binomial_pmf(11, 0.45)[7:]))
    assert t.outlook.with_observed == probability_at(8, 14, 0.15, 7 / 11, 1, 6)
    partly = track(history([{"aar": 2022, "kvinder": 4, "maend": 8, "nye_ledere": 3, "heraf": 0},
                            {"aar": 2023, "kvinder": 4, "maend": 8}]), RULE).recruitment
    assert (partly.appointed, partly.followed, partly.years, partly.observed) == (3, 0, (2022,), 0.0)
    assert partly.placement is not None and partly.placement.at_most == pytest.approx(0.55 ** 3)


def test_observed_turnover_counts_new_leaders_minus_growth_in_years_with_a_status_before() -> None:
    t = track(history(), RULE).turnover
    # 2022 and 2023 follow a known status (2021, 2022); 2025 follows the gap of 2024 and is left out.
    assert (t.departures, t.exposed, t.years, t.assumed) == (2 + 3, 12 + 12, (2022, 2023), 0.15)
    assert t.placement is not None
    assert t.placement.at_least == pytest.approx(sum(binomial_pmf(24, 0.15)[5:]))
    grown = track(history([{"aar": 2022, "kvinder": 5, "maend": 9, "nye_ledere": 3, "heraf": 2},
                           {"aar": 2023, "kvinder": 8, "maend": 9, "nye_ledere": 1, "heraf": 1},
                           {"aar": 2024, "kvinder": 4, "maend": 8, "nye_ledere": 0, "heraf": 0}]), RULE)
    # 2022: 3 new, grew by 2 -> 1 left; 2023: grew by 3 with 1 new (does not add up) -> left out;
    # 2024: shrank by 5 with no one new -> 5 left, of the 17 of 2023.
    assert (grown.turnover.departures, grown.turnover.exposed, grown.turnover.years) == (6, 12 + 17,
                                                                                         (2022, 2024))
    assert track(history([{"aar": 2022, "kvinder": 4, "maend": 8}]), RULE).turnover.placement is None


@pytest.mark.parametrize("p", [0.0, 0.003, 0.15, 0.45, 0.999, 1.0])
def test_binomial_beyond_the_float_coefficients(p: float) -> None:
    exact = binomial_pmf(MAX_EXACT, p)
    logs = binomial(MAX_EXACT + 1, p)  # the log-space branch, one step beyond
    assert sum(logs) == pytest.approx(1.0, abs=1e-9)
    mean = sum(k * q for k, q in enumerate(logs))
    assert mean == pytest.approx((MAX_EXACT + 1) * p, abs=1e-6)
    # Bin(n + 1, p) from Bin(n, p) by one more trial: the same numbers both ways.
    stepped = [exact[k] * (1 - p) + (exact[k - 1] * p if k else 0.0) for k in range(MAX_EXACT)]
    stepped.append(exact[-1] * (1 - p) + exact[-2] * p)
    stepped.append(exact[-1] * p)
    assert logs == pytest.approx(stepped, abs=1e-12)
    big = binomial(6000, p)
    assert len(big) == 6001 and sum(big) == pytest.approx(1.0, abs=1e-9)


def test_without_appointments_there_is_no_observed_share() -> None:
    t = track(history([{"aar": 2022, "kvinder": 4, "maend": 8}]), RULE)
    assert t.recruitment.observed is None and t.recruitment.placement is None
    assert t.outlook.with_observed is None
    zero = track(history([{"aar": 2022, "kvinder": 4, "maend": 8, "nye_ledere": 0, "heraf": 0}]), RULE)
    assert zero.recruitment.observed is None and zero.recruitment.years == (2022,)


def test_once_the_target_year_has_passed_there_is_no_probability_to_give() -> None:
    t = track(history([{"aar": 2026, "kvinder": 5, "maend": 7}]), RULE)
    assert t.outlook.years_left == 0 and t.outlook.probability is None and t.outlook.required is None
    assert t.checks[0].reached and len(t.outlook.projection.years) == 6  # to the horizon's end, 2031
    late = track(history([{"aar": 2031, "kvinder": 4, "maend": 8}], this_year=2037), RULE)
    assert late.outlook.from_year == 2031 and len(late.outlook.projection.years) == 11  # 10 years more


# ---- random histories -----------------------------------------------------------------------------

@st.composite
def histories(draw: st.DrawFn) -> tuple[dict[str, Any], list[dict[str, Any]], bool]:
    """A valid scenario and a year list with gaps, sizes that shrink or grow and, sometimes, a year
    recorded twice; returns (scenario, records, has a duplicate)."""
    size = draw(st.integers(1, 60))
    women = draw(st.integers(0, size))
    horizon = draw(st.integers(1, 30))
    start = 2017
    scenario = {**SCENARIO, "kvinder": str(women), "maend": str(size - women),
                "afgang": str(draw(st.integers(0, 100))), "rekruttering": str(draw(st.integers(0, 100))),
                "maal": str(draw(st.integers(1, 100))), "sikkerhed": str(draw(st.integers(1, 99))),
                "aar": str(start), "horisont": str(horizon),
                "maalaar": str(start + draw(st.integers(1, horizon)))}
    years = draw(st.lists(st.integers(start + 1, start + 30), unique=True, max_size=8))
    duplicate = bool(years) and draw(st.booleans())
    if duplicate:
        years.insert(draw(st.integers(0, len(years))), draw(st.sampled_from(years)))
    records = []
    for year in years:
        n = draw(st.integers(1, 80))
        w = draw(st.integers(0, n))
        record: dict[str, Any] = {"aar": year, "kvinder": w, "maend": n - w}
        if draw(st.booleans()):
            appointed = draw(st.integers(0, 10))
            record.update(nye_ledere=appointed, heraf=draw(st.integers(0, appointed)))
        records.append(record)
    return scenario, records, duplicate


@given(histories())
def test_random_histories_are_tracked_consistently(drawn: tuple[dict[str, Any], list[dict[str, Any]],
                                                               bool]) -> None:
    scenario, records, duplicate = drawn
    raw = {"scenarie": scenario, "status": records}
    if duplicate:
        with pytest.raises(InputError) as caught:
            parse_history(raw, KINDS, 2047)
        assert [e.message for e in caught.value.errors if "er registreret to gange" in e.message]
        return
    h = parse_history(raw, KINDS, 2047)
    t = track(h, RULE)
    s = h.scenario
    assert [c.record.year for c in t.checks] == sorted(r["aar"] for r in records)
    n0 = s.size
    for c in t.checks:
        state = t.original.years[c.t]
        under = s.under_count
        value = Fraction(c.count * n0, c.size)
        assert c.placement.value == value and c.size_changed == (c.size != n0)
        lo, hi = int(value), -(-value.numerator // value.denominator)  # floor, ceil
        assert c.placement.at_least == pytest.approx(
            probability_at_least(under, n0, s.turnover, s.recruit, c.t, hi), abs=TOL)
        assert c.placement.at_most == pytest.approx(
            1 - probability_at_least(under, n0, s.turnover, s.recruit, c.t, lo + 1), abs=TOL)
        assert c.placement.verdict == (LOWER if value < state.low_count else
                                       HIGHER if value > state.high_count else INSIDE)
    given_years = [r for r in records if "nye_ledere" in r]
    appointed = sum(r["nye_ledere"] for r in given_years)
    followed = sum(r["heraf"] for r in given_years)
    assert t.recruitment.appointed == appointed and t.recruitment.followed == followed
    assert t.recruitment.observed == (followed / appointed if appointed else None)
    latest = max(records, key=lambda r: r["aar"], default=None)
    under, size = (s.under_count, s.size) if latest is None else \
        (latest["maend" if s.under == "maend" else "kvinder"], latest["kvinder"] + latest["maend"])
    from_year = latest["aar"] if latest else s.status_year
    o = t.outlook
    assert (o.from_year, o.under, o.size) == (from_year, under, size)
    minimum = RULE.minimum(size) if size > 1 else 1
    assert o.projection == project(under, size, s.turnover, s.recruit, len(o.projection.years) - 1,
                                   target_count(size, s.target_pct), minimum)
    if s.target_year > from_year:
        assert o.probability == pytest.approx(o.projection.years[s.target_year - from_year].p_target,
                                              abs=TOL)
        assert o.required == required_share(under, size, s.turnover, s.target_year - from_year,
                                            target_count(size, s.target_pct), s.probability)
    else:
        assert o.probability is None
    # Everything the page shows can be made for any valid history: one row and one point per year.
    shown = evaluate(h, RULE, DUTIES)
    assert len(shown["rows"]) == len(records) and len(shown["csv"].splitlines()) == len(records) + 2
    points = [s for s in shown["chart"]["shapes"] if s["attrs"].get("class") == "kb-mchart__recorded-point"]
    assert len(points) == len(records) + 1
    assert all(0 <= float(p["attrs"]["cy"]) <= 300 and 0 <= float(p["attrs"]["cx"]) <= 640 for p in points)
