"""SVG geometry of the projection chart, as plain values: the build renders them with a template and
the browser builds the same elements with createElementNS. No markup is produced here.

Shapes: the expected share per year (line and points), the range from the 10th to the 90th
percentile (a band), the 40 pct. line of the balance rule and, when it differs, the target line."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from koensbalance.maaltal.projection import YearState
from koensbalance.text import format_pct

WIDTH, HEIGHT = 640, 300
LEFT, RIGHT, TOP, BOTTOM = 64, 20, 16, 44
TAGS = ("line", "path", "text", "circle")  # the only elements the chart uses (the browser checks)


def _fmt(value: float) -> str:
    return f"{value:.1f}"


def _shape(tag: str, text: str | None = None, **attrs: str) -> dict[str, Any]:
    return {"tag": tag, "attrs": {k.replace("_", "-"): v for k, v in attrs.items()}, "text": text}


def chart(states: Sequence[YearState], first_year: int, balance_pct: int, target_pct: int,
          noun: str) -> dict[str, Any]:
    """Plain description of the chart: size, title, description (text alternative) and shapes."""
    size_years = max(len(states) - 1, 1)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(year: int) -> float:
        return LEFT + plot_w * year / size_years

    def y(share_pct: float) -> float:
        return TOP + plot_h * (1 - share_pct / 100)

    size = len(states[0].distribution) - 1
    shapes: list[dict[str, Any]] = []
    for pct in range(0, 101, 20):
        shapes.append(_shape("line", x1=_fmt(LEFT), x2=_fmt(LEFT + plot_w), y1=_fmt(y(pct)),
                             y2=_fmt(y(pct)), **{"class": "kb-mchart__grid"}))
        shapes.append(_shape("text", format_pct(pct), x=_fmt(LEFT - 8), y=_fmt(y(pct) + 4),
                             text_anchor="end", **{"class": "kb-mchart__label"}))
    step = max(1, -(-size_years // 10))
    for state in states[::step]:
        shapes.append(_shape("text", str(first_year + state.year), x=_fmt(x(state.year)),
                             y=_fmt(TOP + plot_h + 20), text_anchor="middle",
                             **{"class": "kb-mchart__label"}))
    upper = [(x(s.year), y(100 * s.high_count / size)) for s in states]
    lower = [(x(s.year), y(100 * s.low_count / size)) for s in reversed(states)]
    band = "M" + " L".join(f"{_fmt(px)} {_fmt(py)}" for px, py in upper + lower) + " Z"
    shapes.append(_shape("path", d=band, **{"class": "kb-mchart__band"}))
    lines = [(balance_pct, "kb-mchart__balance", f"{format_pct(balance_pct)} (kønsbalance)")]
    if target_pct != balance_pct:
        lines.append((target_pct, "kb-mchart__target", f"Måltal {format_pct(target_pct)}"))
    for pct, css, label in lines:
        shapes.append(_shape("line", x1=_fmt(LEFT), x2=_fmt(LEFT + plot_w), y1=_fmt(y(pct)),
                             y2=_fmt(y(pct)), **{"class": css}))
        shapes.append(_shape("text", label, x=_fmt(LEFT + plot_w - 4), y=_fmt(y(pct) - 6),
                             text_anchor="end", **{"class": f"{css}-label"}))
    points = [(x(s.year), y(100 * s.expected_share)) for s in states]
    shapes.append(_shape("path", d="M" + " L".join(f"{_fmt(px)} {_fmt(py)}" for px, py in points),
                         **{"class": "kb-mchart__expected"}))
    for px, py in points:
        shapes.append(_shape("circle", cx=_fmt(px), cy=_fmt(py), r="3",
                             **{"class": "kb-mchart__point"}))
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
