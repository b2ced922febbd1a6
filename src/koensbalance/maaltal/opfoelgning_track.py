"""On track or not? Each recorded year against the projection the target was set with, the observed
recruitment share against the assumed one, and a new projection from the latest status.

All distributions come from projection.py (the same exact model as "Sæt måltal"); nothing here is
sampled or re-derived.

Where a count falls in a distribution ("placering")
    For a recorded count x and the original projection's distribution of the count X in that year,
    two probabilities are given: P(X <= x), "så lavt" (as low or lower), and P(X >= x), "så højt"
    (as high or higher). Both include x itself, so they add up to 1 + P(X = x). The count is

    * "lavere end forventet" when x is below the year's 10 pct. fractile (the smallest k with
      P(X <= k) >= 0.1, projection.YearState.low_count). Then P(X <= x) < 10 pct.: "kun 7 pct. af
      udfaldene lå så lavt" quotes P(X <= x);
    * "højere end forventet" when x is above the 90 pct. fractile (high_count). Then P(X >= x)
      <= 10 pct.: "kun 4 pct. af udfaldene lå så højt" quotes P(X >= x);
    * otherwise "inden for det forventede (10–90 pct.)": x lies in the band the chart and the table
      of "Sæt måltal" show.

A changed group size
    The projection assumes a fixed number of seats. When a year's group has n persons and the
    projection N, the recorded count is compared by share: x is put on the projection's scale as
    x * N / n (exact fractions, no rounding), P(X <= x*N/n) and P(X >= x*N/n) are read off the
    original distribution (so a non-whole value lies between two counts), and the row says that the
    size changed. The new projection starts from the latest status with the latest size, and assumes
    that size from then on; its target count is recomputed for that size (rounded up).

Observed recruitment share
    From the recorded appointments only: the sum over the years that have them of "heraf" over the
    sum of "nye_ledere". It is placed in Bin(appointments, assumed share) the same way as above.
    When no year has appointments, there is no observed share: the status alone cannot tell how many
    left and who replaced them, so nothing is estimated and the text says what to record.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction

from koensbalance.maaltal.balance import BalanceRule
from koensbalance.maaltal.inverse import RequiredShare, probability_at, required_share
from koensbalance.maaltal.opfoelgning import History, YearRecord
from koensbalance.maaltal.projection import (
    Projection,
    _percentile,
    binomial_pmf,
    project,
    tail_at_least,
    target_count,
)

LOW_LEVEL, HIGH_LEVEL = 0.1, 0.9  # the band of "Sæt måltal": 10th to 90th percentile
INSIDE, LOWER, HIGHER = "inden", "lavere", "hoejere"
VERDICT_TEXT = {INSIDE: "inden for det forventede (10–90 pct.)", LOWER: "lavere end forventet",
                HIGHER: "højere end forventet"}


@dataclass(frozen=True)
class Placement:
    """Where a value falls in a distribution of counts 0..len(dist)-1 (see the module docstring)."""

    value: Fraction  # on the distribution's scale
    at_most: float  # P(X <= value)
    at_least: float  # P(X >= value)
    low: int  # 10 pct. fractile
    high: int  # 90 pct. fractile
    verdict: str  # INSIDE, LOWER or HIGHER

    @property
    def text(self) -> str:
        if self.verdict == LOWER:
            return f"lavere end forventet: {_few(self.at_most)} af udfaldene lå så lavt"
        if self.verdict == HIGHER:
            return f"højere end forventet: {_few(self.at_least)} af udfaldene lå så højt"
        return VERDICT_TEXT[INSIDE]


def place(dist: list[float] | tuple[float, ...], value: Fraction,
          fractiles: tuple[int, int] | None = None) -> Placement:
    """Place `value` (a count on the distribution's scale; may be a fraction) in `dist`.

    `fractiles`: the 10 and 90 pct. fractiles when already known (a YearState's low_count and
    high_count); otherwise computed here with the same function."""
    below, above = math.floor(value), math.ceil(value)
    at_most = min(1.0, sum(dist[:below + 1])) if below >= 0 else 0.0
    at_least = tail_at_least(dist, above)
    # The fractiles exactly as projection.YearState computes low_count and high_count.
    low, high = fractiles or (_percentile(list(dist), LOW_LEVEL), _percentile(list(dist), HIGH_LEVEL))
    verdict = LOWER if value < low else HIGHER if value > high else INSIDE
    return Placement(value=value, at_most=at_most, at_least=at_least, low=low, high=high, verdict=verdict)


MAX_EXACT = 1000  # projection.binomial_pmf's float coefficients hold up to here (comb(1000, 500) < 1e300)


def binomial(n: int, p: float) -> list[float]:
    """P(K = k), K ~ Bin(n, p): projection.binomial_pmf where its float coefficients hold, in log
    space beyond (the years' appointments or group sizes can add up to 30 * 200 = 6000)."""
    if n <= MAX_EXACT:
        return binomial_pmf(n, p)
    if p <= 0.0 or p >= 1.0:
        point = [0.0] * (n + 1)
        point[0 if p <= 0.0 else n] = 1.0
        return point
    log_p, log_q, log_n = math.log(p), math.log1p(-p), math.lgamma(n + 1)
    return [math.exp(log_n - math.lgamma(k + 1) - math.lgamma(n - k + 1) + k * log_p + (n - k) * log_q)
            for k in range(n + 1)]


def _few(probability: float) -> str:
    """A small probability for "… af udfaldene": 'kun 7 pct.', 'kun 9,6 pct.', 'under 1 pct.', 'ingen'
    (9,5–9,99 pct. keep a decimal, so that "kun 10 pct." never stands for less than 10 pct.)."""
    pct = 100 * probability
    if probability <= 0.0:  # exactly none (or below what a float holds)
        return "ingen"
    if pct < 0.5:
        return "under 1 pct."
    whole = math.floor(pct + 0.5)
    if whole >= 10:  # would read as the band's edge: show the decimal (9,6 pct.)
        return "kun " + f"{math.floor(pct * 10) / 10:.1f}".replace(".", ",") + " pct."
    return f"kun {whole} pct."


@dataclass(frozen=True)
class YearCheck:
    """One recorded year against the original projection."""

    record: YearRecord
    t: int  # years after the start
    count: int  # of the followed gender
    size: int
    expected_count: float  # the original projection's, out of its own size
    placement: Placement
    size_changed: bool
    reached: bool  # count >= the target count for this year's size

    @property
    def share(self) -> float:
        return self.count / self.size


@dataclass(frozen=True)
class Recruitment:
    appointed: int  # over the years with appointments recorded
    followed: int
    years: tuple[int, ...]  # the years with appointments recorded
    assumed: float
    placement: Placement | None  # in Bin(appointed, assumed); None without appointments

    @property
    def observed(self) -> float | None:
        return self.followed / self.appointed if self.appointed else None


@dataclass(frozen=True)
class Outlook:
    """The new projection from the latest status (or the start, when nothing is recorded yet)."""

    from_year: int
    under: int
    size: int
    target_count: int
    projection: Projection  # from from_year, for `projection.years` years
    years_left: int  # to the target year (<= 0: the target year has passed)
    probability: float | None  # P(count >= target) in the target year; None when it has passed
    original_probability: float  # the same, as the original projection gave it
    required: RequiredShare | None  # share needed now (at the scenario's probability); None: passed
    with_observed: float | None  # the probability with the observed share instead of the assumed


@dataclass(frozen=True)
class Turnover:
    """The turnover the recorded appointments imply, against the assumed one.

    In the model every vacated seat is filled the same year, so a year's departures are its new
    leaders minus the growth of the group: appointed - (size - size the year before). A year counts
    when its appointments are recorded and the year before has a status (the start or a recorded
    year); a year whose group grew by more than it appointed is left out (its figures do not add up
    under the model). Departures in such years are Bin(size the year before, turnover), so their sum
    is placed in Bin(sum of those sizes, assumed turnover)."""

    departures: int
    exposed: int  # sum of the group sizes the year before
    years: tuple[int, ...]
    assumed: float
    placement: Placement | None  # None when no year counts

    @property
    def observed(self) -> float | None:
        return self.departures / self.exposed if self.exposed else None


@dataclass(frozen=True)
class Tracking:
    history: History
    original: Projection
    checks: tuple[YearCheck, ...]  # sorted by year
    recruitment: Recruitment
    outlook: Outlook
    turnover: Turnover


def original_projection(history: History, rule: BalanceRule) -> Projection:
    """The projection the target was set with, long enough to reach every recorded year."""
    s = history.scenario
    last = max((r.year - s.status_year for r in history.records), default=0)
    return project(s.under_count, s.size, s.turnover, s.recruit, max(s.horizon, last),
                   target_count(s.size, s.target_pct), _minimum(rule, s.size))


def _minimum(rule: BalanceRule, size: int) -> int:
    return rule.minimum(size) if size > 1 else 1  # as targets.evaluate does


def check_year(original: Projection, record: YearRecord, start: int, gender: str,
               target_pct: int) -> YearCheck:
    t = record.year - start
    state = original.years[t]
    count, size = record.count(gender), record.size
    value = Fraction(count * original.size, size)
    return YearCheck(record=record, t=t, count=count, size=size, expected_count=state.expected_count,
                     placement=place(state.distribution, value, (state.low_count, state.high_count)),
                     size_changed=size != original.size,
                     reached=count >= target_count(size, target_pct))


def recruitment(history: History) -> Recruitment:
    given = [r for r in history.sorted_records() if r.appointed is not None]
    appointed = sum(r.appointed or 0 for r in given)
    followed = sum(r.appointed_followed or 0 for r in given)
    assumed = history.scenario.recruit
    placement = place(binomial(appointed, assumed), Fraction(followed)) if appointed else None
    return Recruitment(appointed=appointed, followed=followed, years=tuple(r.year for r in given),
                       assumed=assumed, placement=placement)


def turnover(history: History) -> Turnover:
    s = history.scenario
    size_by_year = {s.status_year: s.size, **{r.year: r.size for r in history.records}}
    departures = exposed = 0
    years = []
    for r in history.sorted_records():
        before = size_by_year.get(r.year - 1)
        if r.appointed is None or before is None or r.appointed < r.size - before:
            continue
        departures += r.appointed - (r.size - before)
        exposed += before
        years.append(r.year)
    placement = place(binomial(exposed, s.turnover), Fraction(departures)) if exposed else None
    return Turnover(departures=departures, exposed=exposed, years=tuple(years), assumed=s.turnover,
                    placement=placement)


def outlook_years(history: History, from_year: int) -> int:
    """Years of the new projection: to the end of the original horizon, or a whole horizon more
    when the latest status is at or past that end."""
    s = history.scenario
    remaining = s.status_year + s.horizon - from_year
    return remaining if remaining >= 1 else s.horizon


def outlook(history: History, rule: BalanceRule, original: Projection,
            observed: float | None) -> Outlook:
    s = history.scenario
    latest = history.latest()
    if latest is None:
        from_year, under, size = s.status_year, s.under_count, s.size
    else:
        from_year, under, size = latest.year, latest.count(history.gender), latest.size
    need = target_count(size, s.target_pct)
    years = outlook_years(history, from_year)
    fresh = project(under, size, s.turnover, s.recruit, years, need, _minimum(rule, size))
    years_left = s.target_year - from_year
    original_probability = original.years[s.target_year - s.status_year].p_target
    if years_left <= 0:
        return Outlook(from_year, under, size, need, fresh, years_left, None, original_probability, None,
                       None)
    probability = probability_at(under, size, s.turnover, s.recruit, years_left, need)
    required = required_share(under, size, s.turnover, years_left, need, s.probability)
    with_observed = None if observed is None else \
        probability_at(under, size, s.turnover, observed, years_left, need)
    return Outlook(from_year, under, size, need, fresh, years_left, probability, original_probability,
                   required, with_observed)


def track(history: History, rule: BalanceRule) -> Tracking:
    """Everything "Følg op" computes for a history (numbers; the texts are in opfoelgning_view)."""
    original = original_projection(history, rule)
    s = history.scenario
    checks = tuple(check_year(original, r, s.status_year, history.gender, s.target_pct)
                   for r in history.sorted_records())
    recruit = recruitment(history)
    return Tracking(history=history, original=original, checks=checks, recruitment=recruit,
                    outlook=outlook(history, rule, original, recruit.observed), turnover=turnover(history))
