""""Følg op" at its limits: a 30-year horizon with groups of 10, 50 and 200 and a year recorded every
year evaluates correctly and fast. Run as a script to print the timings:

    .venv/bin/python -m tests.unit.test_opfoelgning_timing
"""

from __future__ import annotations

import time
import timeit
from typing import Any

import pytest

from koensbalance.maaltal.opfoelgning import History, parse_history
from koensbalance.maaltal.opfoelgning_view import evaluate
from koensbalance.maaltal.projection import MAX_YEARS
from tests.unit.test_opfoelgning import DUTIES, KINDS, RULE, SCENARIO

SIZES = (10, 50, 200)


def long_history(size: int, recorded: int) -> History:
    """Status 2000, target 2030, 30-year horizon, 45 pct. assumed; `recorded` years from 2001 on, the
    followed gender growing slowly and a seventh of the group appointed every year."""
    women = size // 4
    scenario: dict[str, Any] = {**SCENARIO, "kvinder": str(women), "maend": str(size - women), "aar": "2000",
                                "horisont": str(MAX_YEARS), "maalaar": "2030", "rekruttering": "45"}
    records = []
    for year in range(2001, 2001 + recorded):
        w = min(size, women + (year - 2000) * size // 60)
        appointed = max(1, size // 7)
        records.append({"aar": year, "kvinder": w, "maend": size - w, "nye_ledere": appointed,
                        "heraf": appointed // 2})
    return parse_history({"scenarie": scenario, "status": records}, KINDS, None)


@pytest.mark.parametrize("size", SIZES)
def test_thirty_years_recorded_evaluate_within_a_second(size: int) -> None:
    h = long_history(size, MAX_YEARS)
    started = time.perf_counter()
    result = evaluate(h, RULE, DUTIES)
    elapsed = time.perf_counter() - started
    assert len(result["rows"]) == MAX_YEARS and result["next_year"] is None
    assert result["chart"]["title"].endswith("2000–2060")  # recorded to 2030, then a whole horizon more
    assert elapsed < 1.0, f"evaluate took {elapsed:.2f} s for a group of {size}"


def main() -> None:
    for size in SIZES:
        for recorded in (3, MAX_YEARS):
            h = long_history(size, recorded)
            runs = 10
            best = min(timeit.repeat(lambda h=h: evaluate(h, RULE, DUTIES), number=1, repeat=runs))
            print(f"group {size:3d}, horizon {MAX_YEARS}, {recorded:2d} years recorded: "
                  f"evaluate {1000 * best:6.1f} ms (best of {runs})")


if __name__ == "__main__":
    main()
