"""SVG geometry of the projection chart, as plain values: the build renders them with a template and
the browser builds the same elements with createElementNS. No markup is produced here.

Shapes: the expected share per year (line and points), the range from the 10th to the 90th
percentile (a band), the 40 pct. line of the balance rule and, when it differs, the target line."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from koensbalance.maaltal.projection import YearState
from koensbalance.text import format_pct

WIDTH, HEIGHT = 640, 300
# Room on the left for "100 pct." in the print size of the labels (maaltal.css: 19 user units, about
# 7 pt when the chart is printed 8 cm wide).
LEFT, RIGHT, TOP, BOTTOM = 100, 20, 16, 44
LABEL_SIZE = 19  # the largest label size (print), used to keep line labels clear of the curve
CHAR_WIDTH = 0.56  # average width of a character, in font sizes
TAGS = ("line", "path", "text", "circle")  # the only elements the chart uses (the browser checks)


def _fmt(value: float) -> str:
    return f"{value:.1f}"


Box = tuple[float, float, float, float]  # left, top, right, bottom


def _crosses(box: Box, points: Sequence[tuple[float, float]]) -> bool:
    """Does the polyline through `points` pass through the box (with a 3-unit margin)?"""
    left, top, right, bottom = box[0] - 3, box[1] - 3, box[2] + 3, box[3] + 3
    for (x0, y0), (x1, y1) in zip(points, points[1:], strict=False):
        lo, hi = max(left, min(x0, x1)), min(right, max(x0, x1))
        if lo > hi:
            continue
        def at(px: float, x0: float = x0, y0: float = y0, x1: float = x1, y1: float = y1) -> float:
            return y0 if x1 == x0 else y0 + (y1 - y0) * (px - x0) / (x1 - x0)
        if min(at(lo), at(hi)) <= bottom and max(at(lo), at(hi)) >= top:
            return True
    return False


def _overlaps(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _label_place(label: str, line_y: float, points: Sequence[tuple[float, float]], taken: Sequence[Box],
                 plot_w: float) -> tuple[Box, float, float, str]:
    """Where a horizontal line's label goes: right or left end, above or below the line, the first
    place the expected-share curve and the other label leave free (else above at the right end)."""
    width, height = CHAR_WIDTH * LABEL_SIZE * len(label), LABEL_SIZE * 0.8
    places = []
    for anchor, tx in (("end", LEFT + plot_w - 4), ("start", LEFT + 4)):
        for ty in (line_y - 6, line_y + 6 + height):
            left = tx - width if anchor == "end" else tx
            places.append(((left, ty - height, left + width, ty), tx, ty, anchor))
    for box, tx, ty, anchor in places:
        inside = box[1] >= TOP and box[3] <= HEIGHT - BOTTOM
        if inside and not _crosses(box, points) and not any(_overlaps(box, t) for t in taken):
            return box, tx, ty, anchor
    return places[0]


def _shape(tag: str, text: str | None = None, **attrs: str) -> dict[str, Any]:
    return {"tag": tag, "attrs": {k.replace("_", "-"): v for k, v in attrs.items()}, "text": text}


def axes(span: int, first_year: int, x: Callable[[float], float],
         y: Callable[[float], float]) -> list[dict[str, Any]]:
    """The share grid (0–100 pct. every 20) and at most about ten year labels under it: the frame of
    the projection chart and of the follow-up chart (opfoelgning_chart)."""
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    shapes: list[dict[str, Any]] = []
    for pct in range(0, 101, 20):
        shapes.append(_shape("line", x1=_fmt(LEFT), x2=_fmt(LEFT + plot_w), y1=_fmt(y(pct)),
                             y2=_fmt(y(pct)), **{"class": "kb-mchart__grid"}))
        shapes.append(_shape("text", format_pct(pct), x=_fmt(LEFT - 8), y=_fmt(y(pct) + 4),
                             text_anchor="end", **{"class": "kb-mchart__label"}))
    step = max(1, -(-span // 10))
    for t in range(0, span + 1, step):
        shapes.append(_shape("text", str(first_year + t), x=_fmt(x(t)), y=_fmt(TOP + plot_h + 20),
                             text_anchor="middle", **{"class": "kb-mchart__label"}))
    return shapes


def chart(states: Sequence[YearState], first_year: int, balance_pct: int, target_pct: int,
          noun: str) -> dict[str, Any]:
    """Plain description of the chart: size, title, description (text alternative) and shapes."""
    size_years = max(len(states) - 1, 1)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(year: float) -> float:
        return LEFT + plot_w * year / size_years

    def y(share_pct: float) -> float:
        return TOP + plot_h * (1 - share_pct / 100)

    size = len(states[0].distribution) - 1
    shapes = axes(size_years, first_year, x, y)
    upper = [(x(s.year), y(100 * s.high_count / size)) for s in states]
    lower = [(x(s.year), y(100 * s.low_count / size)) for s in reversed(states)]
    band = "M" + " L".join(f"{_fmt(px)} {_fmt(py)}" for px, py in upper + lower) + " Z"
    shapes.append(_shape("path", d=band, **{"class": "kb-mchart__band"}))
    lines = [(balance_pct, "kb-mchart__balance", f"{format_pct(balance_pct)} (kønsbalance)")]
    if target_pct != balance_pct:
        lines.append((target_pct, "kb-mchart__target", f"Måltal {format_pct(target_pct)}"))
    points = [(x(s.year), y(100 * s.expected_share)) for s in states]
    labels: list[dict[str, Any]] = []
    taken: list[tuple[float, float, float, float]] = []
    for pct, css, label in lines:
        shapes.append(_shape("line", x1=_fmt(LEFT), x2=_fmt(LEFT + plot_w), y1=_fmt(y(pct)),
                             y2=_fmt(y(pct)), **{"class": css}))
        box, tx, ty, anchor = _label_place(label, y(pct), points, taken, plot_w)
        taken.append(box)
        labels.append(_shape("text", label, x=_fmt(tx), y=_fmt(ty), text_anchor=anchor,
                             **{"class": f"{css}-label"}))
    shapes.append(_shape("path", d="M" + " L".join(f"{_fmt(px)} {_fmt(py)}" for px, py in points),
                         **{"class": "kb-mchart__expected"}))
    for px, py in points:
        shapes.append(_shape("circle", cx=_fmt(px), cy=_fmt(py), r="3",
                             **{"class": "kb-mchart__point"}))
    shapes += labels  # drawn last: nothing is painted over a label
    first, last = states[0], states[-1]
    low, high = 100 * last.low_count / size, 100 * last.high_count / size
    description = (
        f"Forventet andel {noun} i {first_year}: {format_pct(100 * first.expected_share)}; "
        f"i {first_year + last.year}: {format_pct(100 * last.expected_share)} Med mindst 80 pct. "
        f"sandsynlighed ligger andelen i {first_year + last.year} mellem {format_pct(low)} og "
        f"{format_pct(high)} Den vandrette linje viser {format_pct(balance_pct)} Tabellen nedenfor "
        f"viser tallene år for år."
    )
    return {"width": WIDTH, "height": HEIGHT,
            "title": f"Forventet andel {noun} år for år, {first_year}–{first_year + last.year}",
            "description": description, "shapes": shapes}
