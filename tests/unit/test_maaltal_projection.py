"""The projection (an exact Markov chain over counts) and its inverse.

Checked against two independent computations written here: the transition matrix of the chain as the
page describes it (binomial departures, binomial replacements) multiplied year by year, and a Monte
Carlo simulation of the same process."""

from __future__ import annotations

import random
from math import comb

import pytest
from hypothesis import given
from hypothesis import strategies as st

from koensbalance.maaltal.inverse import earliest_year, probability_at, required_share
from koensbalance.maaltal.projection import (
    distribution,
    probability_at_least,
    project,
    tail_at_least,
    target_count,
)


def _pmf(n: int, p: float, k: int) -> float:
    return comb(n, k) * p**k * (1 - p) ** (n - k) if 0 <= k <= n else 0.0


def transition_matrix(size: int, turnover: float, recruit: float) -> list[list[float]]:
    """P(x -> y): departures D_u ~ Bin(x, r), D_o ~ Bin(size - x, r), replacements R ~ Bin(D, p)."""
    matrix = [[0.0] * (size + 1) for _ in range(size + 1)]
    for x in range(size + 1):
        for du in range(x + 1):
            for do in range(size - x + 1):
                pd = _pmf(x, turnover, du) * _pmf(size - x, turnover, do)
                for r in range(du + do + 1):
                    matrix[x][x - du + r] += pd * _pmf(du + do, recruit, r)
    return matrix


def by_matrix(under: int, size: int, turnover: float, recruit: float, years: int) -> list[float]:
    matrix = transition_matrix(size, turnover, recruit)
    dist = [1.0 if k == under else 0.0 for k in range(size + 1)]
    for _ in range(years):
        dist = [sum(dist[x] * matrix[x][y] for x in range(size + 1)) for y in range(size + 1)]
    return dist


def simulate(under: int, size: int, turnover: float, recruit: float, years: int, runs: int,
             seed: int) -> list[float]:
    rng = random.Random(seed)
    counts = [0] * (size + 1)
    for _ in range(runs):
        x = under
        for _ in range(years):
            leaving_under = sum(rng.random() < turnover for _ in range(x))
            leaving_other = sum(rng.random() < turnover for _ in range(size - x))
            hired_under = sum(rng.random() < recruit for _ in range(leaving_under + leaving_other))
            x = x - leaving_under + hired_under
        counts[x] += 1
    return [c / runs for c in counts]


@pytest.mark.parametrize(("under", "size", "turnover", "recruit", "years"), [
    (3, 12, 0.15, 0.35, 5), (0, 7, 0.3, 0.5, 3), (5, 5, 0.2, 0.0, 4), (2, 9, 1.0, 0.4, 2),
    (4, 10, 0.0, 0.9, 6), (1, 6, 0.5, 1.0, 1),
])
def test_equals_the_transition_matrix_of_the_chain(under: int, size: int, turnover: float,
                                                   recruit: float, years: int) -> None:
    expected = by_matrix(under, size, turnover, recruit, years)
    got = distribution(under, size, turnover, recruit, years)
    assert got == pytest.approx(expected, abs=1e-12)


def test_matches_a_monte_carlo_simulation_within_tolerance() -> None:
    under, size, turnover, recruit, years, runs = 3, 12, 0.2, 0.45, 6, 20_000
    exact = distribution(under, size, turnover, recruit, years)
    simulated = simulate(under, size, turnover, recruit, years, runs, seed=7)
    # Four standard errors per cell: fails if the model differs, not by chance (p < 1e-4 per cell).
    for p_exact, p_sim in zip(exact, simulated, strict=True):
        assert abs(p_exact - p_sim) <= 4 * (p_exact * (1 - p_exact) / runs) ** 0.5 + 1e-3
    mean_sim = sum(k * p for k, p in enumerate(simulated))
    assert mean_sim == pytest.approx(sum(k * p for k, p in enumerate(exact)), abs=0.05)


@given(size=st.integers(1, 200), data=st.data(), turnover=st.floats(0, 1), recruit=st.floats(0, 1),
       years=st.integers(0, 30))
def test_probabilities_sum_to_one_and_the_mean_is_the_closed_form(size: int, data: st.DataObject,
                                                                  turnover: float, recruit: float,
                                                                  years: int) -> None:
    under = data.draw(st.integers(0, size))
    dist = distribution(under, size, turnover, recruit, years)
    assert len(dist) == size + 1
    assert all(p >= 0 for p in dist)
    assert sum(dist) == pytest.approx(1.0, abs=1e-9)
    stay = (1 - turnover) ** years
    mean = under * (recruit + (1 - recruit) * stay) + (size - under) * recruit * (1 - stay)
    assert sum(k * p for k, p in enumerate(dist)) == pytest.approx(mean, abs=1e-7)


def test_year_states_give_share_band_and_probabilities() -> None:
    p = project(3, 12, 0.15, 0.35, 10, target_count(12, 40), 5)
    assert [s.year for s in p.years] == list(range(11))
    assert p.years[0].expected_share == 0.25 and p.years[0].p_target == 0.0
    assert p.years[0].low_count == p.years[0].high_count == 3
    for state in p.years:
        assert state.low_count <= state.expected_count <= state.high_count + 1
        assert 0 <= state.p_balanced <= state.p_target + 1e-12  # 5 of 12 is both thresholds here
    shares = [s.expected_share for s in p.years]
    assert shares == sorted(shares)  # 35 pct. recruitment pulls 25 pct. upwards, year by year
    assert shares[-1] < 0.35


def test_target_count_rounds_up_to_whole_persons() -> None:
    assert [target_count(n, 40) for n in (5, 7, 10, 12, 200)] == [2, 3, 4, 5, 80]
    assert target_count(3, 100) == 3 and target_count(3, 1) == 1


@given(size=st.integers(2, 120), data=st.data(), turnover=st.floats(0.01, 1),
       years=st.integers(1, 30), target_pct=st.integers(1, 100), probability=st.floats(0.01, 0.99))
def test_inverse_is_consistent_with_the_projection(size: int, data: st.DataObject, turnover: float,
                                                   years: int, target_pct: int,
                                                   probability: float) -> None:
    under = data.draw(st.integers(0, size // 2))
    needed = target_count(size, target_pct)
    answer = required_share(under, size, turnover, years, needed, probability)
    full = tail_at_least(distribution(under, size, turnover, 1.0, years), needed)
    if answer.share is None:
        assert full < probability
        return
    reached = tail_at_least(distribution(under, size, turnover, answer.share, years), needed)
    assert reached >= probability - 1e-9
    if not answer.already:
        below = max(0.0, answer.share - 2e-6)
        assert tail_at_least(distribution(under, size, turnover, below, years), needed) < probability


@given(size=st.integers(1, 80), data=st.data(), turnover=st.floats(0, 1), years=st.integers(0, 30),
       shares=st.lists(st.floats(0, 1), min_size=2, max_size=6))
def test_probability_of_reaching_the_target_grows_with_the_recruitment_share(
        size: int, data: st.DataObject, turnover: float, years: int, shares: list[float]) -> None:
    under = data.draw(st.integers(0, size))
    needed = data.draw(st.integers(0, size))
    probabilities = [probability_at(under, size, turnover, s, years, needed) for s in sorted(shares)]
    assert all(b >= a - 1e-12 for a, b in zip(probabilities, probabilities[1:], strict=False))
    # The O(size) tail used by the inverse equals the tail of the full distribution.
    for share in shares:
        full = tail_at_least(distribution(under, size, turnover, share, years), needed)
        assert probability_at_least(under, size, turnover, share, years, needed) == \
            pytest.approx(full, abs=1e-9)


def test_earliest_year_agrees_with_the_projection() -> None:
    needed = target_count(20, 40)
    p = project(4, 20, 0.2, 0.6, 15, needed, 8)
    first = p.first_year_reaching(0.8)
    assert first is not None and first > 0
    assert earliest_year(4, 20, 0.2, 0.6, needed, 0.8, 15) == first
    assert p.years[first].p_target >= 0.8 > p.years[first - 1].p_target
    assert earliest_year(4, 20, 0.0, 0.6, needed, 0.8, 15) is None  # nobody leaves: nothing changes


def test_large_group_long_horizon_is_exact_and_finite() -> None:
    p = project(50, 200, 0.12, 0.45, 30, target_count(200, 40), 80)
    assert len(p.years) == 31
    assert all(sum(s.distribution) == pytest.approx(1.0, abs=1e-9) for s in p.years)
    assert p.years[-1].expected_share == pytest.approx(0.45 + (0.25 - 0.45) * 0.88**30, abs=1e-9)
