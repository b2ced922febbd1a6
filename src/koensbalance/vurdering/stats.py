"""Statistics for comparing women and men, in pure Python (no numpy/scipy: it runs in Pyodide).

Every function names its method and a reference. Exact where the method is exact: the two tests sum
exact probabilities (no sampling, no normal approximation); the intervals are score intervals.
Probabilities are computed in log space with Loader's saddle-point expansion, so counts up to tens
of millions neither overflow nor lose precision; the edges of the rejection region are found by
binary search, and the probabilities are summed by the ratio of neighbours only as far as the terms
matter (outward from the edges, or across the middle when the edges are close to the mode), so
populations of 10 million take milliseconds.

These methods are the project's own choice, not the sources' (the page says so in "Sådan regner vi").
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

Z95 = 1.959963984540054  # the 97.5th percentile of the standard normal distribution
REL_TOLERANCE = 1e-7  # "as probable as the observed table", as R's fisher.test and binom.test do
_NEGLIGIBLE = 1e-17  # a tail sum stops when the next terms cannot change it any more
_LOG_SQRT_2PI = 0.5 * math.log(2 * math.pi)


# ---- the inverse normal distribution ---------------------------------------------------------------

_A = (-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02,
      -3.066479806614716e+01, 2.506628277459239e+00)
_B = (-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01,
      -1.328068155288572e+01)
_C = (-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00,
      4.374664141464968e+00, 2.938163982698783e+00)
_D = (7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00)
_P_LOW = 0.02425


def norm_cdf(x: float) -> float:
    """The standard normal distribution function, Φ(x) = erfc(−x/√2)/2 (math.erfc is exact to a few
    units in the last place)."""
    return 0.5 * math.erfc(-x / math.sqrt(2))


def norm_ppf(p: float) -> float:
    """The inverse of the standard normal distribution function, Φ⁻¹(p) for 0 < p < 1.

    Method: P. J. Acklam's rational approximation (relative error below 1.15e-9), "An algorithm for
    computing the inverse normal cumulative distribution function" (2003, web.archive.org/web/
    20151030215612/http://home.online.no/~pjacklam/notes/invnorm/), refined by one step of Halley's
    method on Φ, which brings it to full double precision."""
    if not 0.0 < p < 1.0:
        raise ValueError("p must be strictly between 0 and 1")
    if p < _P_LOW or p > 1 - _P_LOW:
        q = math.sqrt(-2 * math.log(p if p < _P_LOW else 1 - p))
        x = (((((_C[0] * q + _C[1]) * q + _C[2]) * q + _C[3]) * q + _C[4]) * q + _C[5]) / \
            ((((_D[0] * q + _D[1]) * q + _D[2]) * q + _D[3]) * q + 1)
        if p > 1 - _P_LOW:
            x = -x
    else:
        q = p - 0.5
        r = q * q
        x = (((((_A[0] * r + _A[1]) * r + _A[2]) * r + _A[3]) * r + _A[4]) * r + _A[5]) * q / \
            (((((_B[0] * r + _B[1]) * r + _B[2]) * r + _B[3]) * r + _B[4]) * r + 1)
    # Halley's step: e = Φ(x) − p, u = e·√(2π)·exp(x²/2); the tail form avoids cancellation.
    e = 0.5 * math.erfc(-x / math.sqrt(2)) - p if p < 0.5 else (1 - p) - 0.5 * math.erfc(x / math.sqrt(2))
    u = e * math.sqrt(2 * math.pi) * math.exp(x * x / 2)
    return x - u / (1 + x * u / 2)


# ---- intervals ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Interval:
    low: float
    high: float  # math.inf when unbounded (a ratio with a zero denominator)


def wilson(successes: int, trials: int, z: float = Z95) -> Interval:
    """Wilson score interval for a binomial proportion successes/trials (trials ≥ 1).

    Method: E. B. Wilson, "Probable inference, the law of succession, and statistical inference",
    Journal of the American Statistical Association 22 (1927) 209–212; method 3 in R. G. Newcombe,
    "Two-sided confidence intervals for the single proportion: comparison of seven methods",
    Statistics in Medicine 17 (1998) 857–872. Never outside [0, 1]; at 0 successes the lower end is
    0, at all successes the upper end is 1."""
    if trials < 1 or not 0 <= successes <= trials:
        raise ValueError("need 0 <= successes <= trials and trials >= 1")
    p = successes / trials
    z2 = z * z
    denominator = 1 + z2 / trials
    centre = (p + z2 / (2 * trials)) / denominator
    half = z / denominator * math.sqrt(p * (1 - p) / trials + z2 / (4 * trials * trials))
    low = 0.0 if successes == 0 else max(0.0, centre - half)
    high = 1.0 if successes == trials else min(1.0, centre + half)
    return Interval(low, high)


def newcombe_difference(x1: int, n1: int, x2: int, n2: int, z: float = Z95) -> Interval:
    """Confidence interval for the difference of two independent proportions x1/n1 − x2/n2.

    Method: the hybrid score interval, method 10 in R. G. Newcombe, "Interval estimation for the
    difference between independent proportions: comparison of eleven methods", Statistics in
    Medicine 17 (1998) 873–890: with Wilson intervals (l1, u1) and (l2, u2) and d = p1 − p2,
    L = d − √((p1 − l1)² + (u2 − p2)²) and U = d + √((u1 − p1)² + (p2 − l2)²)."""
    p1, p2 = x1 / n1, x2 / n2
    w1, w2 = wilson(x1, n1, z), wilson(x2, n2, z)
    d = p1 - p2
    low = d - math.sqrt((p1 - w1.low) ** 2 + (w2.high - p2) ** 2)
    high = d + math.sqrt((w1.high - p1) ** 2 + (p2 - w2.low) ** 2)
    return Interval(max(-1.0, low), min(1.0, high))


def rate_ratio_interval(count1: int, exposure1: int, count2: int, exposure2: int,
                        z: float = Z95) -> Interval:
    """Confidence interval for the ratio of two rates (count1/exposure1) / (count2/exposure2).

    Method: given the total count n = count1 + count2, count1 is binomial with π = ρ·e1/(ρ·e1 + e2)
    for the rate ratio ρ; the Wilson score interval for π, mapped back by ρ = π/(1 − π) · e2/e1, is
    the score interval of P. L. Graham, K. Mengersen and A. P. Morton, "Confidence limits for the
    ratio of two rates based on likelihood scores: non-iterative method", Statistics in Medicine 22
    (2003) 2071–2083. The upper end is infinite when count2 is 0; needs n ≥ 1."""
    n = count1 + count2
    interval = wilson(count1, n, z)

    def ratio(pi: float) -> float:
        return math.inf if pi >= 1.0 else pi / (1 - pi) * exposure2 / exposure1

    return Interval(ratio(interval.low), ratio(interval.high))


# ---- exact probabilities in log space ------------------------------------------------------------

def _stirlerr(n: int) -> float:
    """log(n!) − log(√(2π n)·(n/e)ⁿ), the error of Stirling's formula (C. Loader, see _log_dbinom)."""
    if n <= 15:
        return math.lgamma(n + 1) - (n + 0.5) * math.log(n) + n - _LOG_SQRT_2PI
    nn = float(n) * n
    return (1 / 12 - (1 / 360 - (1 / 1260 - (1 / 1680 - 1 / (1188 * nn)) / nn) / nn) / nn) / n


def _bd0(x: float, m: float) -> float:
    """x·log(x/m) + m − x without cancellation when x is close to m (Loader's deviance term)."""
    if abs(x - m) < 0.1 * (x + m):
        v = (x - m) / (x + m)
        s = (x - m) * v
        ej = 2 * x * v
        v2 = v * v
        j = 1
        while True:
            ej *= v2
            s1 = s + ej / (2 * j + 1)
            if s1 == s:
                return s1
            s = s1
            j += 1
    return x * math.log(x / m) + m - x


def _log_dbinom(x: int, n: int, p: float) -> float:
    """log P(X = x) for X ~ Binomial(n, p), accurate to about 1e-14 relative for any n.

    Method: C. Loader, "Fast and accurate computation of binomial probabilities" (2000), the
    saddle-point expansion used by R's dbinom."""
    q = 1 - p
    if p == 0.0:
        return 0.0 if x == 0 else -math.inf
    if q == 0.0:
        return 0.0 if x == n else -math.inf
    if x == 0:
        return n * math.log1p(-p)
    if x == n:
        return n * math.log(p)
    lc = _stirlerr(n) - _stirlerr(x) - _stirlerr(n - x) - _bd0(x, n * p) - _bd0(n - x, n * q)
    return lc - 0.5 * (math.log(2 * math.pi) + math.log(x) + math.log1p(-x / n))


def _log_dhyper(x: int, white: int, black: int, drawn: int) -> float:
    """log P(X = x) for the number of white balls among `drawn` balls drawn without replacement.

    Method: the product of three binomial probabilities at p = drawn/(white + black), as R's dhyper
    (C. Loader 2000)."""
    total = white + black
    p = drawn / total
    return (_log_dbinom(x, white, p) + _log_dbinom(drawn - x, black, p)
            - _log_dbinom(drawn, total, p))


# The ratio of neighbouring probabilities of both distributions has the form
# k·(a0 + a1·x)(b0 + b1·x) / ((c0 + c1·x)(d0 + d1·x)); kept as coefficients, so the summing loops
# (tens of thousands of steps for populations of millions) make no function calls.
Ratio = tuple[float, int, int, int, int, int, int, int, int]
CENTRAL_SDS = 3.0  # edges closer to the mode than this: sum the middle and subtract it from 1


@dataclass(frozen=True)
class _Discrete:
    """A unimodal distribution on lo..hi: its log probabilities, standard deviation and the ratios
    P(x + 1)/P(x) ("up") and P(x − 1)/P(x) ("down")."""

    lo: int
    hi: int
    mode: int
    sd: float
    log_pmf: Callable[[int], float]
    up: Ratio
    down: Ratio


def _sum(start: int, end: int, step: int, ratio: Ratio, until_negligible: bool) -> float:
    """Σ P(x)/P(start) for x from start to end (both included) in direction `step`, by the ratio of
    neighbours; `until_negligible` (a tail, where the terms only shrink): stop once the remaining
    terms cannot change the sum."""
    k, a0, a1, b0, b1, c0, c1, d0, d1 = ratio
    term, total, x = 1.0, 1.0, start
    while x != end:
        factor = k * (a0 + a1 * x) * (b0 + b1 * x) / ((c0 + c1 * x) * (d0 + d1 * x))
        term *= factor
        x += step
        total += term
        if until_negligible and term < _NEGLIGIBLE * total and factor < 1 \
                and term / (1 - factor) < _NEGLIGIBLE * total:
            break
    return total


def _two_sided(dist: _Discrete, observed: int) -> float:
    """Σ P(x) over every x with P(x) ≤ P(observed)·(1 + 1e-7): the two-sided exact p-value by the
    "probabilities no larger than the observed one" rule (R's fisher.test and binom.test).

    The edges of that set are found by binary search on the exact log probabilities. When they are
    far from the mode, the two tails are summed outward from the edges (short: the terms fall fast);
    when they are within CENTRAL_SDS standard deviations (p above about 0.003), the middle is summed
    instead and subtracted from 1 (shorter, and still exact to about 1e-10 relative)."""
    if dist.lo == dist.hi:
        return 1.0
    limit = dist.log_pmf(observed) + math.log1p(REL_TOLERANCE)
    if dist.log_pmf(dist.mode) <= limit:
        return 1.0
    # Left of the mode log_pmf increases, right of it it decreases: binary search for the edges.
    a_lo, a_hi = dist.lo - 1, dist.mode  # the largest x < mode with log_pmf(x) <= limit
    while a_hi - a_lo > 1:
        mid = (a_lo + a_hi) // 2
        if dist.log_pmf(mid) <= limit:
            a_lo = mid
        else:
            a_hi = mid
    b_lo, b_hi = dist.mode, dist.hi + 1  # the smallest x > mode with log_pmf(x) <= limit
    while b_hi - b_lo > 1:
        mid = (b_lo + b_hi) // 2
        if dist.log_pmf(mid) <= limit:
            b_hi = mid
        else:
            b_lo = mid
    if max(dist.mode - a_lo - 1, b_hi - 1 - dist.mode) <= CENTRAL_SDS * dist.sd:
        middle = (_sum(dist.mode, b_hi - 1, 1, dist.up, False)
                  + _sum(dist.mode, a_lo + 1, -1, dist.down, False) - 1)  # the mode is in both
        return min(1.0, max(0.0, 1.0 - math.exp(dist.log_pmf(dist.mode)) * middle))
    p = 0.0
    if a_lo >= dist.lo:
        p += math.exp(dist.log_pmf(a_lo)) * _sum(a_lo, dist.lo, -1, dist.down, True)
    if b_hi <= dist.hi:
        p += math.exp(dist.log_pmf(b_hi)) * _sum(b_hi, dist.hi, 1, dist.up, True)
    return min(1.0, max(0.0, p))


def _settle_mode(guess: int, lo: int, hi: int, log_pmf: Callable[[int], float]) -> int:
    mode = min(max(guess, lo), hi)
    while mode < hi and log_pmf(mode + 1) > log_pmf(mode):
        mode += 1
    while mode > lo and log_pmf(mode - 1) > log_pmf(mode):
        mode -= 1
    return mode


def fisher_exact(a: int, b: int, c: int, d: int) -> float:
    """Two-sided p-value of Fisher's exact test for the 2×2 table [[a, b], [c, d]].

    Method: R. A. Fisher, Statistical Methods for Research Workers (5th ed., 1934, § 21.02); A.
    Agresti, Categorical Data Analysis (3rd ed., 2013, § 3.5). Conditional on the margins, a is
    hypergeometric; the p-value is the sum of the probabilities of all tables no more probable than
    the observed one (relative tolerance 1e-7, as R's fisher.test). Exact probabilities in log
    space (Loader's expansion), summed from the edge of the rejection region outward."""
    if min(a, b, c, d) < 0:
        raise ValueError("counts must be >= 0")
    row1, col1, total = a + b, a + c, a + b + c + d
    if total == 0:
        return 1.0
    lo, hi = max(0, row1 + col1 - total), min(row1, col1)
    rest = total - row1 - col1

    def log_pmf(x: int) -> float:
        return _log_dhyper(x, col1, total - col1, row1)

    if lo == hi:
        return 1.0
    # P(x+1)/P(x) = (row1 − x)(col1 − x) / ((x + 1)(rest + x + 1)), and its inverse step down.
    up: Ratio = (1.0, row1, -1, col1, -1, 1, 1, rest + 1, 1)
    down: Ratio = (1.0, 0, 1, rest, 1, row1 + 1, -1, col1 + 1, -1)
    variance = row1 * col1 * (total - row1) * (total - col1) / (total * total * max(total - 1, 1))
    mode = _settle_mode((row1 + 1) * (col1 + 1) // (total + 2), lo, hi, log_pmf)
    return _two_sided(_Discrete(lo, hi, mode, math.sqrt(variance), log_pmf, up, down), a)


def binomial_two_sided(x: int, n: int, p0: float) -> float:
    """Two-sided p-value of the exact binomial test of X = x for X ~ Binomial(n, p0).

    Method: C. J. Clopper and E. S. Pearson's exact binomial test, two-sided by summing every
    outcome no more probable than the observed one (relative tolerance 1e-7), as R's binom.test;
    A. Agresti, Categorical Data Analysis (3rd ed., 2013, § 1.4). Exact probabilities in log space."""
    if not 0 <= x <= n:
        raise ValueError("need 0 <= x <= n")
    if n == 0:
        return 1.0
    if p0 <= 0.0 or p0 >= 1.0:  # only one outcome is possible
        return 1.0 if x == (0 if p0 <= 0.0 else n) else 0.0
    odds = p0 / (1 - p0)

    def log_pmf(k: int) -> float:
        return _log_dbinom(k, n, p0)

    # P(k+1)/P(k) = odds·(n − k)/(k + 1), and its inverse step down.
    up: Ratio = (odds, n, -1, 1, 0, 1, 1, 1, 0)
    down: Ratio = (1 / odds, 0, 1, 1, 0, n + 1, -1, 1, 0)
    mode = _settle_mode(int((n + 1) * p0), 0, n, log_pmf)
    return _two_sided(_Discrete(0, n, mode, math.sqrt(n * p0 * (1 - p0)), log_pmf, up, down), x)


def rate_comparison_test(count1: int, exposure1: int, count2: int, exposure2: int) -> float:
    """Two-sided p-value for equal rates count1/exposure1 and count2/exposure2.

    Method: the exact conditional test: given n = count1 + count2, count1 ~ Binomial(n, p0) with
    p0 = exposure1/(exposure1 + exposure2) under equal rates (J. Przyborowski and H. Wilenski,
    "Homogeneity of results in testing samples from Poisson series", Biometrika 31 (1940) 313–323;
    R's poisson.test for two samples). Two-sided as binomial_two_sided."""
    return binomial_two_sided(count1, count1 + count2, exposure1 / (exposure1 + exposure2))


# ---- sample size -----------------------------------------------------------------------------------

def sample_size_two_proportions(p1: float, p2: float, alpha: float = 0.05, power: float = 0.80) -> int:
    """Persons per group needed to detect p1 ≠ p2 with a two-sided test at level alpha and the given
    power (equal groups).

    Method: the normal-approximation formula with Fleiss' continuity correction, J. L. Fleiss, A.
    Tytun and H. K. Ury, "A simple approximation for calculating sample sizes for comparing
    independent proportions", Biometrics 36 (1980) 343–346; J. L. Fleiss, B. Levin and M. C. Paik,
    Statistical Methods for Rates and Proportions (3rd ed., 2003, formulas 4.14 and 4.19):
    n' = (z₁₋α/₂·√(2·p̄q̄) + z₁₋β·√(p1q1 + p2q2))² / Δ², n = n'/4·(1 + √(1 + 4/(n'·Δ)))², rounded
    up. Needs p1 ≠ p2, both in [0, 1]."""
    delta = abs(p1 - p2)
    if delta == 0 or not (0 <= p1 <= 1 and 0 <= p2 <= 1):
        raise ValueError("need two different proportions in [0, 1]")
    z_a, z_b = norm_ppf(1 - alpha / 2), norm_ppf(power)
    mean = (p1 + p2) / 2
    root = z_a * math.sqrt(2 * mean * (1 - mean)) + z_b * math.sqrt(p1 * (1 - p1) + p2 * (1 - p2))
    n0 = root * root / (delta * delta)
    n = n0 / 4 * (1 + math.sqrt(1 + 4 / (n0 * delta))) ** 2
    return math.ceil(n - 1e-9)
