"""The projection chart's line labels stay clear of the expected-share curve (issue 21, item 15)."""

from __future__ import annotations

from typing import Any

import pytest

from koensbalance.maaltal import chart as chart_module
from koensbalance.maaltal.projection import project, target_count


def shapes(under: int, size: int, turnover: float, recruit: float, years: int,
           target: int) -> list[dict[str, Any]]:
    projection = project(under, size, turnover, recruit, years, target_count(size, target), 1)
    return chart_module.chart(projection.years, 2025, 40, target, "kvinder")["shapes"]


@pytest.mark.parametrize(("under", "size", "turnover", "recruit", "years", "target"), [
    (3, 12, 0.15, 0.45, 10, 40),  # the page's example: the curve ends just above 40 pct.
    (3, 12, 0.3, 0.6, 10, 40), (1, 7, 0.25, 0.5, 15, 40), (50, 200, 0.125, 0.4, 30, 35),
    (2, 10, 0.2, 0.4, 5, 45), (9, 12, 0.1, 0.4, 10, 40),
])
def test_line_labels_are_not_crossed_by_the_expected_curve(under: int, size: int, turnover: float,
                                                           recruit: float, years: int, target: int) -> None:
    drawn = shapes(under, size, turnover, recruit, years, target)
    path = next(s for s in drawn if s["attrs"].get("class") == "kb-mchart__expected")
    points = [tuple(map(float, p.strip("ML ").split())) for p in path["attrs"]["d"].split(" L")]
    labels = [s for s in drawn if s["attrs"].get("class", "").endswith("-label")]
    assert labels and drawn[-len(labels):] == labels  # painted last
    for label in labels:
        width = chart_module.CHAR_WIDTH * chart_module.LABEL_SIZE * len(label["text"])
        height = chart_module.LABEL_SIZE * 0.8
        x, y = float(label["attrs"]["x"]), float(label["attrs"]["y"])
        left = x - width if label["attrs"]["text-anchor"] == "end" else x
        assert not chart_module._crosses((left, y - height, left + width, y), points), label["text"]
