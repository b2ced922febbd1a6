"""The assessment's statistics against published worked values, an independent exact computation
(fractions over math.comb) and properties that must hold for any counts."""

from __future__ import annotations

import math
from fractions import Fraction
from statistics import NormalDist

import pytest
from hypothesis import given
from hypothesis import strategies as st

from koensbalance.vurdering import stats

# ---- published values ------------------------------------------------------------------------------

@pytest.mark.parametrize(("table", "expected"), [
    # R's ?fisher.test: Fisher's tea-tasting experiment, two-sided p-value = 0.4857.
    ((3, 1, 1, 3), 0.4857),
    # R's ?fisher.test: Convictions of like-sex twins (Fisher 1962), rows [2, 15] and [10, 3].
    ((2, 15, 10, 3), 0.0005367),
    # Wikipedia "Fisher's exact test" (dieting by sex), [[1, 9], [11, 3]]: p ≈ 0.002759.
    ((1, 9, 11, 3), 0.002759),
])
def test_fisher_exact_matches_textbook_tables(table: tuple[int, int, int, int], expected: float) -> None:
    assert stats.fisher_exact(*table) == pytest.approx(expected, abs=5e-5 if expected > 0.01 else 5e-7)


@pytest.mark.parametrize(("x", "n", "p0", "expected"), [
    # R's ?binom.test (Mendel's peas, 682 giant and 243 dwarf, p = 3/4): p-value = 0.3825;
    # scipy's test suite gives 0.38249155957481695 and, below, binom_test(100, 250), (201, 405).
    (682, 925, 0.75, 0.38249155957481695),
    (100, 250, 0.5, 0.0018833009350757682),
    (201, 405, 0.5, 0.92085205962670713),
])
def test_binomial_test_matches_published_values(x: int, n: int, p0: float, expected: float) -> None:
    assert stats.binomial_two_sided(x, n, p0) == pytest.approx(expected, rel=1e-9)


@pytest.mark.parametrize(("x1", "n1", "x2", "n2", "low", "high"), [
    # Newcombe (1998), Statistics in Medicine 17:873–890, Table II, method 10, examples (a) and (b)
    # (the same figures are the expected values of the R package propint's tests).
    (56, 70, 48, 80, 0.0524, 0.3339),
    (9, 10, 3, 10, 0.1705, 0.8090),
    # Examples with zero counts, where the Wilson ends are closed-form (z²/(n + z²)):
    # (e) 0/10 − 0/20, (f) 0/10 − 0/10, (g) 10/10 − 0/20, (h) 10/10 − 0/10.
    (0, 10, 0, 20, -0.1611, 0.2775),
    (0, 10, 0, 10, -0.2775, 0.2775),
    (10, 10, 0, 20, 0.6791, 1.0),
    (10, 10, 0, 10, 0.6075, 1.0),
])
def test_newcombe_hybrid_score_interval_matches_newcombe_1998(x1: int, n1: int, x2: int, n2: int,
                                                              low: float, high: float) -> None:
    interval = stats.newcombe_difference(x1, n1, x2, n2)
    assert (round(interval.low, 4), round(interval.high, 4)) == (low, high)


@pytest.mark.parametrize(("x", "n", "low", "high"), [
    # Newcombe (1998), Statistics in Medicine 17:857–872, Table I, method 3 (Wilson score).
    (81, 263, 0.2553, 0.3662),
    (15, 148, 0.0624, 0.1605),
    (0, 20, 0.0, 0.1611),
    (1, 29, 0.0061, 0.1718),
])
def test_wilson_interval_matches_newcombe_1998(x: int, n: int, low: float, high: float) -> None:
    interval = stats.wilson(x, n)
    assert (round(interval.low, 4), round(interval.high, 4)) == (low, high)


def test_wilson_interval_equals_the_closed_form_of_the_score_equation() -> None:
    # |p̂ − π| = z·√(π(1 − π)/n) at both ends: the defining property of the score interval.
    for x, n in ((3, 7), (81, 263), (999, 1000)):
        interval = stats.wilson(x, n)
        for pi in (interval.low, interval.high):
            assert abs(x / n - pi) == pytest.approx(stats.Z95 * math.sqrt(pi * (1 - pi) / n), rel=1e-9)


def test_inverse_normal_matches_the_standard_library_and_known_quantiles() -> None:
    normal = NormalDist()  # Python's statistics module implements Wichura's AS241 independently
    assert stats.norm_ppf(0.975) == pytest.approx(1.959963984540054, abs=1e-15)
    assert stats.norm_ppf(0.80) == pytest.approx(0.8416212335729143, abs=1e-15)
    for i in range(1, 2000):
        p = i / 2000
        assert stats.norm_ppf(p) == pytest.approx(normal.inv_cdf(p), abs=1e-14)
    for p in (1e-300, 1e-20, 1e-10, 1 - 1e-10):
        assert stats.norm_ppf(p) == pytest.approx(normal.inv_cdf(p), rel=1e-13)


def test_sample_size_follows_fleiss_formula_with_continuity_correction() -> None:
    # Independent evaluation of Fleiss, Levin & Paik (2003) formulas 4.14 and 4.19 with the standard
    # library's normal quantiles: p1 = 0.25, p2 = 0.50 gives n' = 57.67 and n = 65.43 -> 66 per group.
    z_a, z_b = NormalDist().inv_cdf(0.975), NormalDist().inv_cdf(0.80)
    n0 = (z_a * math.sqrt(2 * 0.375 * 0.625) + z_b * math.sqrt(0.25 * 0.75 + 0.5 * 0.5)) ** 2 / 0.25 ** 2
    assert round(n0, 2) == 57.67
    corrected = n0 / 4 * (1 + math.sqrt(1 + 4 / (n0 * 0.25))) ** 2
    assert stats.sample_size_two_proportions(0.25, 0.50) == math.ceil(corrected) == 66
    assert stats.sample_size_two_proportions(0.50, 0.25) == 66
    # Smaller differences need more people; a difference of 1 percentage point needs tens of thousands.
    assert stats.sample_size_two_proportions(0.40, 0.50) > stats.sample_size_two_proportions(0.30, 0.50)
    assert stats.sample_size_two_proportions(0.245, 0.255) > 20_000


# ---- an independent exact computation --------------------------------------------------------------

def exact_fisher(a: int, b: int, c: int, d: int) -> Fraction:
    row1, col1, total = a + b, a + c, a + b + c + d

    def prob(x: int) -> Fraction:
        return Fraction(math.comb(col1, x) * math.comb(total - col1, row1 - x), math.comb(total, row1))

    observed = prob(a)
    support = range(max(0, row1 + col1 - total), min(row1, col1) + 1)
    return sum((prob(x) for x in support if prob(x) <= observed * Fraction(10_000_001, 10_000_000)),
               Fraction(0))


def exact_binomial(x: int, n: int, p0: Fraction) -> Fraction:
    def prob(k: int) -> Fraction:
        return math.comb(n, k) * p0 ** k * (1 - p0) ** (n - k)

    observed = prob(x)
    return sum((prob(k) for k in range(n + 1) if prob(k) <= observed * Fraction(10_000_001, 10_000_000)),
               Fraction(0))


counts = st.integers(min_value=0, max_value=40)


@given(counts, counts, counts, counts)
def test_fisher_exact_equals_exact_rational_arithmetic(a: int, b: int, c: int, d: int) -> None:
    expected = float(exact_fisher(a, b, c, d))
    assert stats.fisher_exact(a, b, c, d) == pytest.approx(expected, rel=1e-10, abs=1e-300)


@given(st.integers(min_value=0, max_value=60), st.integers(min_value=1, max_value=60),
       st.integers(min_value=1, max_value=20), st.integers(min_value=1, max_value=20))
def test_rate_test_equals_exact_rational_arithmetic(x: int, extra: int, e1: int, e2: int) -> None:
    n = x + extra
    p = stats.rate_comparison_test(x, e1, n - x, e2)
    assert p == pytest.approx(float(exact_binomial(x, n, Fraction(e1, e1 + e2))), rel=1e-10, abs=1e-300)


def test_fisher_exact_with_large_tables_matches_exact_arithmetic() -> None:
    for table in ((300, 200, 250, 260), (1000, 10, 980, 30), (0, 500, 3, 497)):
        assert stats.fisher_exact(*table) == pytest.approx(float(exact_fisher(*table)), rel=1e-9)


# ---- properties ----------------------------------------------------------------------------------

pairs = st.integers(min_value=1, max_value=5000).flatmap(
    lambda n: st.tuples(st.integers(min_value=0, max_value=n), st.just(n)))


@given(pairs, pairs)
def test_p_values_are_probabilities_and_symmetric_in_the_genders(g1: tuple[int, int],
                                                                 g2: tuple[int, int]) -> None:
    (x1, n1), (x2, n2) = g1, g2
    p = stats.fisher_exact(x1, n1 - x1, x2, n2 - x2)
    assert 0.0 <= p <= 1.0
    assert stats.fisher_exact(x2, n2 - x2, x1, n1 - x1) == pytest.approx(p, rel=1e-9, abs=1e-300)
    if x1 + x2 > 0:
        q = stats.rate_comparison_test(x1, n1, x2, n2)
        assert 0.0 <= q <= 1.0
        assert stats.rate_comparison_test(x2, n2, x1, n1) == pytest.approx(q, rel=1e-9, abs=1e-300)


@given(pairs, pairs)
def test_intervals_contain_the_estimate_and_mirror_when_the_genders_swap(g1: tuple[int, int],
                                                                         g2: tuple[int, int]) -> None:
    (x1, n1), (x2, n2) = g1, g2
    w = stats.wilson(x1, n1)
    assert 0.0 <= w.low <= x1 / n1 <= w.high <= 1.0
    d = stats.newcombe_difference(x1, n1, x2, n2)
    assert -1.0 <= d.low <= x1 / n1 - x2 / n2 <= d.high <= 1.0
    mirrored = stats.newcombe_difference(x2, n2, x1, n1)
    assert (mirrored.low, mirrored.high) == pytest.approx((-d.high, -d.low), abs=1e-12)
    if x1 > 0 and x2 > 0:
        r = stats.rate_ratio_interval(x1, n1, x2, n2)
        ratio = (x1 / n1) / (x2 / n2)
        assert r.low <= ratio * (1 + 1e-12) and ratio <= r.high * (1 + 1e-12)
        swapped = stats.rate_ratio_interval(x2, n2, x1, n1)
        assert (swapped.low, swapped.high) == pytest.approx((1 / r.high, 1 / r.low), rel=1e-9)


@given(st.integers(min_value=1, max_value=50), st.integers(min_value=1, max_value=50),
       st.integers(min_value=2, max_value=50))
def test_more_data_narrows_the_interval(k: int, m: int, factor: int) -> None:
    n = k + m
    small = stats.newcombe_difference(k, n, m, n)
    large = stats.newcombe_difference(k * factor, n * factor, m * factor, n * factor)
    assert large.high - large.low < small.high - small.low
    assert stats.wilson(k * factor, n * factor).high - stats.wilson(k * factor, n * factor).low < \
        stats.wilson(k, n).high - stats.wilson(k, n).low


# ---- 10 million ------------------------------------------------------------------------------------

def test_ten_million_populations_give_finite_results_quickly() -> None:
    import time

    start = time.perf_counter()
    far = stats.rate_comparison_test(2_500_000, 10_000_000, 1_400_000, 10_000_000)
    near = stats.rate_comparison_test(2_500_000, 10_000_000, 2_501_000, 10_000_000)
    same = stats.fisher_exact(5_000_000, 5_000_000, 5_000_000, 5_000_000)
    close = stats.fisher_exact(5_000_000, 5_000_000, 5_002_000, 4_998_000)
    elapsed = time.perf_counter() - start
    assert far == 0.0  # far below the smallest double: the difference is certain
    assert 0.5 < near < 0.8 and same == 1.0 and 0.3 < close < 0.45
    assert elapsed < 2.0, f"{elapsed:.2f} s"
    # The normal approximation agrees with the exact test when counts are this large.
    z = (5_001_000 / 2 - 2_500_000) / math.sqrt(5_001_000 * 0.25)
    assert near == pytest.approx(2 * (1 - NormalDist().cdf(z)), abs=2e-3)
    assert stats.sample_size_two_proportions(0.14, 0.25) == stats.sample_size_two_proportions(0.25, 0.14)


@pytest.mark.parametrize("deviation", [0.3, 1.0, 2.0, 2.9, 3.0])
def test_summing_the_middle_agrees_with_summing_the_tails(deviation: float,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """Near the mode the p-value is 1 minus the middle; it must equal the sum of the tails."""
    n = 2_000_000
    k = int(n / 2 - deviation * math.sqrt(n / 4))
    rows = 500_000  # [[m, rows − m], [rows − m, m]]: a hypergeometric with sd ≈ √(rows/8) = 250
    m = int(rows / 2 - deviation * 250)

    def both() -> list[float]:
        return [stats.rate_comparison_test(k, 5_000_000, n - k, 5_000_000),
                stats.fisher_exact(m, rows - m, rows - m, m)]

    middle = both()
    monkeypatch.setattr(stats, "CENTRAL_SDS", -1.0)  # always the tails
    tails = both()
    assert middle == pytest.approx(tails, rel=1e-9)
    assert middle[0] == pytest.approx(2 * NormalDist().cdf(-deviation), rel=0.02)
