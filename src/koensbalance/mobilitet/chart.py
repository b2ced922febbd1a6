"""The expectation comparison as SVG geometry, as plain values (like koensbalance.maaltal.chart): the
build renders the shapes with a template, the browser builds the same elements with createElementNS.
No markup is produced here.

Per topic: its name (with the difference, and »markeret« when it is marked), then one bar per side on
a fixed 0–100 pct. scale, the share written after the bar. The text alternative says every number."""

from __future__ import annotations

from typing import Any

from koensbalance.mobilitet.expectations import Comparison, points
from koensbalance.text import format_pct

WIDTH = 640
SIDE_LABEL = 120  # room for "Organisationen" left of the bars
VALUE_SPACE = 70
BAR = 16
TOPIC_LINE = 22
GROUP_GAP = 14
PADDING = 8
TAGS = ("text", "rect", "line")  # the only elements the chart uses (the browser may check)
MARK = "markeret"


def _shape(tag: str, text: str | None = None, **attrs: object) -> dict[str, Any]:
    return {"tag": tag, "text": text,
            "attrs": {k.rstrip("_").replace("_", "-"): str(v) for k, v in attrs.items()}}


def _fmt(value: float) -> str:
    return f"{value:.1f}"


def topic_heading(label: str, difference: int | None, marked: bool) -> str:
    if difference is None:
        return label
    text = f"{label} – forskel {points(abs(difference))}"
    return f"{text} ({MARK})" if marked else text


def chart(comparison: Comparison) -> dict[str, Any]:
    """Size, title, description (text alternative) and shapes of the comparison chart."""
    sides = comparison.expectations.sides
    room = WIDTH - SIDE_LABEL - VALUE_SPACE
    shapes: list[dict[str, Any]] = []
    y = float(PADDING)
    for row in comparison.rows:
        css = "kb-fchart__topic kb-fchart__topic--marked" if row.marked else "kb-fchart__topic"
        shapes.append(_shape("text", topic_heading(row.topic.label, row.difference, row.marked),
                             x=0, y=_fmt(y + 15), class_=css))
        y += TOPIC_LINE
        for index, (side, value) in enumerate(zip(sides, (row.first, row.second), strict=True)):
            top = y + index * (BAR + 4)
            width = room * (value or 0) / 100
            shapes.append(_shape("text", side.name, x=SIDE_LABEL - 8, y=_fmt(top + BAR - 4),
                                 text_anchor="end", class_="kb-fchart__side"))
            shapes.append(_shape("rect", x=SIDE_LABEL, y=_fmt(top), width=_fmt(width), height=BAR,
                                 class_=f"kb-fchart__bar kb-fchart__bar--{index + 1}"))
            shapes.append(_shape("text", "–" if value is None else format_pct(value),
                                 x=_fmt(SIDE_LABEL + width + 6), y=_fmt(top + BAR - 4),
                                 class_="kb-fchart__value"))
        y += 2 * BAR + 4 + GROUP_GAP
    height = round(y - GROUP_GAP + PADDING)
    shapes.append(_shape("line", x1=SIDE_LABEL, x2=SIDE_LABEL, y1=PADDING, y2=height - PADDING,
                         class_="kb-fchart__axis"))
    return {"width": WIDTH, "height": height, "title": title(comparison),
            "description": description(comparison), "shapes": shapes}


def title(comparison: Comparison) -> str:
    first, second = comparison.expectations.sides
    return f"Forventet andel af jobbet pr. emne: {first.name.lower()} og {second.name.lower()}"


def description(comparison: Comparison) -> str:
    """The chart in words: per topic both shares and the difference, the marked ones said."""
    first, second = comparison.expectations.sides
    parts = []
    for row in comparison.rows:
        values = ", ".join(f"{side.name.lower()} {'ikke udfyldt' if v is None else format_pct(v)}"
                           for side, v in ((first, row.first), (second, row.second)))
        text = f"{row.topic.label}: {values}"
        if row.difference is not None:
            text += f", forskel {points(abs(row.difference))}" + (f" ({MARK})" if row.marked else "")
        parts.append(text)
    totals = " ".join(t.message for t in comparison.totals)
    return "; ".join(parts) + ". " + totals + " " + comparison.threshold_note
