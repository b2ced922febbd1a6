"""SVG geometry of the comparison chart, as plain values (as maaltal/chart.py): the build renders the
shapes with a template and the browser builds the same elements with createElementNS. No markup here.

One horizontal bar per gender: the share (per 100 or pct.), a whisker for its 95 pct. interval and,
when the catalogue has one, a marker for the national figure (nøgletal) to compare with."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from koensbalance.vurdering.analysis import GENDERS, TITLE
from koensbalance.vurdering.numbers import decimal, per_100

WIDTH, HEIGHT = 640, 190
LEFT, RIGHT, TOP, BOTTOM = 90, 24, 16, 40
BAR = 34
GAP = 30
TAGS = ("line", "rect", "text")  # the only elements the chart uses (the browser checks)


def _fmt(value: float) -> str:
    return f"{value:.1f}"


def _shape(tag: str, text: str | None = None, **attrs: str) -> dict[str, Any]:
    return {"tag": tag, "attrs": {k.replace("_", "-"): v for k, v in attrs.items()}, "text": text}


def chart(result: Mapping[str, Any], reference: Mapping[str, Any] | None = None) -> dict[str, Any] | None:
    """The chart for one analysis result (analysis.compute); None when no share can be computed.
    `reference`: the nøgletal (config.Figure as a dict) drawn as a marker per gender."""
    shares = {g: result[g] for g in GENDERS if result[g]["andel"] is not None}
    if not shares:
        return None
    unit = result["enhed"]
    plot_w = WIDTH - LEFT - RIGHT

    def x(fraction: float) -> float:
        return LEFT + plot_w * fraction

    shapes: list[dict[str, Any]] = []
    for pct in range(0, 101, 20):
        shapes.append(_shape("line", x1=_fmt(x(pct / 100)), x2=_fmt(x(pct / 100)), y1=_fmt(TOP),
                             y2=_fmt(HEIGHT - BOTTOM), **{"class": "kb-vchart__grid"}))
        shapes.append(_shape("text", str(pct), x=_fmt(x(pct / 100)), y=_fmt(HEIGHT - BOTTOM + 18),
                             text_anchor="middle", **{"class": "kb-vchart__label"}))
    parts = []
    for index, gender in enumerate(GENDERS):
        y = TOP + index * (BAR + GAP)
        shapes.append(_shape("text", TITLE[gender], x=_fmt(LEFT - 10), y=_fmt(y + BAR * 0.65),
                             text_anchor="end", **{"class": "kb-vchart__label"}))
        group = result[gender]
        if group["andel"] is None:
            shapes.append(_shape("text", "kan ikke beregnes", x=_fmt(LEFT + 6), y=_fmt(y + BAR * 0.65),
                                 **{"class": "kb-vchart__label"}))
            parts.append(f"{TITLE[gender]}: kan ikke beregnes")
            continue
        share = group["andel"]
        low, high = group["interval"]
        shapes.append(_shape("rect", x=_fmt(LEFT), y=_fmt(y), width=_fmt(max(plot_w * share, 1.0)),
                             height=_fmt(BAR), **{"class": f"kb-vchart__bar kb-vchart__bar--{gender}"}))
        middle = y + BAR / 2
        shapes.append(_shape("line", x1=_fmt(x(low)), x2=_fmt(x(high)), y1=_fmt(middle), y2=_fmt(middle),
                             **{"class": "kb-vchart__interval"}))
        for end in (low, high):
            shapes.append(_shape("line", x1=_fmt(x(end)), x2=_fmt(x(end)), y1=_fmt(middle - 7),
                                 y2=_fmt(middle + 7), **{"class": "kb-vchart__interval"}))
        text_x = min(x(high) + 6, WIDTH - RIGHT - 40)
        shapes.append(_shape("text", per_100(share), x=_fmt(text_x), y=_fmt(y - 4),
                             **{"class": "kb-vchart__value"}))
        part = (f"{TITLE[gender]}: {per_100(share)} {unit} (95 pct.-interval {per_100(low)} til "
                f"{per_100(high)})")
        if reference is not None:
            value = float(reference[gender]) / 100
            shapes.append(_shape("line", x1=_fmt(x(value)), x2=_fmt(x(value)), y1=_fmt(y - 4),
                                 y2=_fmt(y + BAR + 4), **{"class": "kb-vchart__reference"}))
            part += f"; til sammenligning {decimal(float(reference[gender]), 0)} pct. i kilden"
        parts.append(part)
    description = "; ".join(parts) + "."
    if reference is not None:
        description += (f" Den lodrette streg ved hver søjle viser tallet fra kilden: {reference['titel']} "
                        f"({reference['kilde']}).")
    title = f"{result['overskrift']} Andel {unit} for kvinder og mænd med 95 pct.-interval"
    return {"width": WIDTH, "height": HEIGHT, "title": title, "description": description,
            "shapes": shapes, "tags": list(TAGS)}
