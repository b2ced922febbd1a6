"""Geometry of simple horizontal bar charts (values written on the bars), drawn as inline SVG at
build time. Pure: numbers in, coordinates and Danish texts out; the template only places them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from koensbalance.text import format_number

WIDTH = 640
LABEL_WIDTH = 200
VALUE_SPACE = 110
BAR_HEIGHT = 28
GAP = 14
PADDING = 10


@dataclass(frozen=True)
class Bar:
    label: str
    value_text: str
    y: float
    width: float
    text_y: float


@dataclass(frozen=True)
class BarChart:
    width: int
    height: int
    label_width: int
    bar_height: int
    bars: tuple[Bar, ...]
    description: str  # text alternative: every value in words


def bar_chart(values: Sequence[tuple[str, float]], unit: str) -> BarChart:
    """One bar per (label, value), scaled to the largest value; negative values are not charted."""
    if not values or any(v < 0 for _, v in values):
        raise ValueError("bar charts need at least one value, none negative")
    largest = max(v for _, v in values) or 1.0
    room = WIDTH - LABEL_WIDTH - VALUE_SPACE
    bars = []
    for index, (label, value) in enumerate(values):
        y = PADDING + index * (BAR_HEIGHT + GAP)
        bars.append(Bar(label=label, value_text=f"{format_number(value)} {unit}".strip(), y=y,
                        width=round(room * value / largest, 1), text_y=round(y + BAR_HEIGHT * 0.68, 1)))
    height = 2 * PADDING + len(values) * BAR_HEIGHT + (len(values) - 1) * GAP
    description = "; ".join(f"{b.label}: {b.value_text}" for b in bars)
    description += "" if description.endswith(".") else "."
    return BarChart(WIDTH, height, LABEL_WIDTH, BAR_HEIGHT, tuple(bars), description)
