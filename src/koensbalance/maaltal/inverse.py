"""The projection the other way round: what recruitment share is needed, and by when is a target met?

Both questions rest on one fact about the model in projection.py: in every year, the probability of
reaching the target grows with the share of the followed gender among new appointments (each seat's
probabilities a_t and b_t grow with it, so the count grows stochastically). So the smallest sufficient
share can be found by bisection, and it is unique.
"""

from __future__ import annotations

from dataclasses import dataclass

from koensbalance.maaltal.projection import probability_at_least

TOLERANCE = 1e-6  # on the recruitment share (0..1); far below the whole percentages shown
_EPS = 1e-12  # probabilities computed in floats: treat this close as reached


@dataclass(frozen=True)
class RequiredShare:
    """Smallest recruitment share that reaches the target by the year with the probability.

    `share` is None when not even 100 pct. is enough (turnover too low for the time); `already` is
    True when 0 pct. is enough (the target is reached whoever is appointed)."""

    share: float | None
    already: bool


def probability_at(under: int, size: int, turnover: float, recruit: float, t: int,
                   target_count: int) -> float:
    """P(count >= target_count) after t years."""
    return probability_at_least(under, size, turnover, recruit, t, target_count)


def required_share(under: int, size: int, turnover: float, t: int, target_count: int,
                   probability: float) -> RequiredShare:
    """Smallest recruitment share (within TOLERANCE, rounded up) with P(count >= target) >= probability
    after t years."""

    def enough(share: float) -> bool:
        return probability_at(under, size, turnover, share, t, target_count) >= probability - _EPS

    if enough(0.0):
        return RequiredShare(share=0.0, already=True)
    if not enough(1.0):
        return RequiredShare(share=None, already=False)
    low, high = 0.0, 1.0  # invariant: not enough at low, enough at high
    while high - low > TOLERANCE:
        middle = (low + high) / 2
        if enough(middle):
            high = middle
        else:
            low = middle
    return RequiredShare(share=high, already=False)


def earliest_year(under: int, size: int, turnover: float, recruit: float, target_count: int,
                  probability: float, horizon: int) -> int | None:
    """First year t in 0..horizon with P(count >= target) >= probability; None if none."""
    for t in range(horizon + 1):
        if probability_at(under, size, turnover, recruit, t, target_count) >= probability - _EPS:
            return t
    return None
