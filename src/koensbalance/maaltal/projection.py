"""How will a leadership group's gender composition develop? An exact projection, year by year.

Why: targets must be "ambitiøse og realistiske", and to set realistic ones "kan det være relevant at
se på fx medarbejderomsætningen på de øverste ledelsesniveauer og jeres pipeline til disse
stillinger" (Kønsbalance i ledelse, afsnit 3 "Sådan kommer I godt i gang", punkt 2).

The model (stated the same way on the page "Sæt måltal"):

* The group has a fixed number of seats, ``size``. ``under`` of them are held by the gender that is
  underrepresented today (the one we follow).
* Each year, every person leaves independently with probability ``turnover`` (so the number leaving
  is binomial: Bin(size, turnover)), and every vacated seat is filled the same year.
* Each new appointment is, independently, of the followed gender with probability ``recruit`` (so the
  number of new appointments of that gender is binomial: Bin(departures, recruit)).
* The state is the count of the followed gender; it is a Markov chain on 0..size with
  ``X' = X - D_u + R`` where ``D_u ~ Bin(X, turnover)``, ``D_o ~ Bin(size - X, turnover)``,
  ``R ~ Bin(D_u + D_o, recruit)``.

Computing it exactly: because departures and the gender of a replacement are independent per seat,
each seat is its own two-state chain: a seat held by the followed gender is held by it next year with
probability ``a = 1 - turnover * (1 - recruit)``, a seat held by the other gender switches with
probability ``b = turnover * recruit``. After ``t`` years (eigenvalue ``1 - turnover``)::

    a_t = recruit + (1 - recruit) * (1 - turnover) ** t
    b_t = recruit * (1 - (1 - turnover) ** t)

so the chain's distribution in year ``t`` is exactly ``Bin(under, a_t) * Bin(size - under, b_t)``
(a convolution). That is the same distribution as multiplying the transition matrix ``t`` times (the
unit tests check both, and a Monte Carlo simulation), at O(size^2) per year instead of O(size^3):
fast enough in Pyodide for groups of 200 over 30 years. No sampling, no numpy: plain floats.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from math import comb, sumprod

MAX_SIZE = 200
MAX_YEARS = 30


@dataclass(frozen=True)
class YearState:
    """The exact distribution of the followed gender's count in one year, and figures drawn from it."""

    year: int  # years after the status date (0 = today)
    distribution: tuple[float, ...]  # P(count = k) for k = 0..size
    expected_count: float
    expected_share: float  # 0..1
    low_count: int  # 10th percentile of the count
    high_count: int  # 90th percentile of the count
    p_balanced: float
    p_target: float


@dataclass(frozen=True)
class Projection:
    size: int
    under: int
    turnover: float
    recruit: float
    target_count: int
    balance_minimum: int
    years: tuple[YearState, ...]

    def first_year_reaching(self, probability: float) -> int | None:
        """Years until P(count >= target) first reaches `probability`; None if not within the horizon."""
        return next((s.year for s in self.years if s.p_target >= probability - 1e-12), None)


@cache
def _coefficients(n: int) -> tuple[float, ...]:
    return tuple(float(comb(n, k)) for k in range(n + 1))


def binomial_pmf(n: int, p: float) -> list[float]:
    """P(K = k) for K ~ Bin(n, p), k = 0..n (exact up to float rounding; 0 ** 0 is 1)."""
    q = 1.0 - p
    p_powers, q_powers = [1.0] * (n + 1), [1.0] * (n + 1)
    for k in range(1, n + 1):
        p_powers[k] = p_powers[k - 1] * p
        q_powers[k] = q_powers[k - 1] * q
    return [c * pk * qk for c, pk, qk in zip(_coefficients(n), p_powers, reversed(q_powers), strict=True)]


def convolve(left: list[float], right: list[float]) -> list[float]:
    """Distribution of the sum of two independent counts with these distributions.

    out[c] = sum_i left[i] * right[c - i], each as one math.sumprod over slices: the products and
    the sum run in C, which keeps a group of 200 over 30 years fast in Pyodide."""
    if len(left) > len(right):
        left, right = right, left
    width = len(left)
    padded = [0.0] * (width - 1) + right + [0.0] * (width - 1)
    backwards = left[::-1]
    return [sumprod(backwards, padded[c:c + width]) for c in range(len(left) + len(right) - 1)]


def seat_probabilities(turnover: float, recruit: float, t: int) -> tuple[float, float]:
    """(a_t, b_t): P(followed gender holds a seat after t years | it held it / did not hold it)."""
    stay = (1.0 - turnover) ** t
    return recruit + (1.0 - recruit) * stay, recruit * (1.0 - stay)


def distribution(under: int, size: int, turnover: float, recruit: float, t: int) -> list[float]:
    """Exact P(count = k), k = 0..size, after t years (see the module docstring)."""
    a_t, b_t = seat_probabilities(turnover, recruit, t)
    return convolve(binomial_pmf(under, a_t), binomial_pmf(size - under, b_t))


def probability_at_least(under: int, size: int, turnover: float, recruit: float, t: int,
                         count: int) -> float:
    """P(count after t years >= `count`), in O(size) without the whole distribution:
    sum over i of P(X = i) * P(Y >= count - i) for the two binomial parts X and Y."""
    a_t, b_t = seat_probabilities(turnover, recruit, t)
    left, right = binomial_pmf(under, a_t), binomial_pmf(size - under, b_t)
    at_least = [0.0] * (len(right) + 1)  # at_least[j] = P(Y >= j)
    for j in range(len(right) - 1, -1, -1):
        at_least[j] = at_least[j + 1] + right[j]
    total = 0.0
    for i, x in enumerate(left):
        need = count - i
        total += x * (1.0 if need <= 0 else at_least[min(need, len(right))])
    return min(1.0, total)


def tail_at_least(dist: list[float] | tuple[float, ...], count: int) -> float:
    return min(1.0, sum(dist[max(count, 0):]))


def _percentile(dist: list[float], level: float) -> int:
    """Smallest k with P(count <= k) >= level."""
    total = 0.0
    for k, p in enumerate(dist):
        total += p
        if total >= level - 1e-12:
            return k
    return len(dist) - 1


def year_state(year: int, dist: list[float], target_count: int, balance_minimum: int) -> YearState:
    size = len(dist) - 1
    expected = sumprod(range(size + 1), dist)
    # Balanced: both genders hold at least the minimum (the balance rule is symmetric).
    balanced = sum(dist[balance_minimum:size - balance_minimum + 1]) if 2 * balance_minimum <= size \
        else 0.0
    return YearState(year=year, distribution=tuple(dist), expected_count=expected,
                     expected_share=expected / size, low_count=_percentile(dist, 0.1),
                     high_count=_percentile(dist, 0.9), p_balanced=min(1.0, balanced),
                     p_target=tail_at_least(dist, target_count))


def project(under: int, size: int, turnover: float, recruit: float, years: int, target_count: int,
            balance_minimum: int) -> Projection:
    """Year 0 (today) to `years`: distribution, expected share, P(balanced), P(count >= target).

    Arguments are assumed valid (see scenario.parse_scenario, which checks form input):
    0 <= under <= size <= MAX_SIZE, 0 <= turnover, recruit <= 1, 1 <= years <= MAX_YEARS."""
    states = tuple(
        year_state(t, distribution(under, size, turnover, recruit, t), target_count, balance_minimum)
        for t in range(years + 1)
    )
    return Projection(size=size, under=under, turnover=turnover, recruit=recruit,
                      target_count=target_count, balance_minimum=balance_minimum, years=states)


def target_count(size: int, target_pct: int) -> int:
    """Fewest persons that make at least `target_pct` pct. of the group (rounded up to whole persons)."""
    return -(-size * target_pct // 100)
