"""SVG geometry of the "Følg op" chart, as plain values in the format of maaltal/chart.py (the same
template loop and the same browser code draw it; only the tags of chart.TAGS are used, no markup is
produced here).

Shapes: the original projection's 10–90 pct. band and expected share from the starting year; the
recorded shares (the start and every recorded year) as points joined by a line; the new projection's
band and expected share from the latest recorded year; the 40 pct. line of the balance rule, the
target line, and a vertical line at the target year. The x axis runs from the starting year to the
end of the longer of the two projections; the y axis is the followed gender's share, 0–100 pct."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from koensbalance.maaltal.chart import BOTTOM, HEIGHT, LEFT, RIGHT, TOP, WIDTH, _fmt, _shape, axes
from koensbalance.maaltal.opfoelgning_text import period
from koensbalance.maaltal.opfoelgning_track import VERDICT_TEXT, Tracking
from koensbalance.maaltal.projection import YearState
from koensbalance.maaltal.targets import NOUNS, share_text
from koensbalance.text import format_pct

# CSS classes: the måltal chart's own, plus the ones of this chart (recorded points, new projection).
CLASSES = {
    "band": "kb-mchart__band", "expected": "kb-mchart__expected", "recorded": "kb-mchart__recorded",
    "recorded_point": "kb-mchart__recorded-point", "new_band": "kb-mchart__band-new",
    "new_expected": "kb-mchart__expected-new", "target_year": "kb-mchart__target-year",
}
LEGEND = (
    ("band", "Oprindelig fremskrivning: 10–90 pct. af udfaldene"),
    ("expected", "Oprindelig fremskrivning: forventet andel"),
    ("recorded", "Registreret status pr. 31. december"),
    ("new_band", "Ny fremskrivning fra seneste status: 10–90 pct. af udfaldene"),
    ("new_expected", "Ny fremskrivning: forventet andel"),
)


def _path(points: Sequence[tuple[float, float]], closed: bool = False) -> str:
    return "M" + " L".join(f"{_fmt(px)} {_fmt(py)}" for px, py in points) + (" Z" if closed else "")


def chart(tracking: Tracking, balance_pct: int) -> dict[str, Any]:
    """Plain description of the chart: size, title, description (text alternative), legend, shapes."""
    history, original, new = tracking.history, tracking.original, tracking.outlook
    s = history.scenario
    start, noun = s.status_year, NOUNS[history.gender]
    offset = new.from_year - start  # the new projection's year 0, in years after the start
    span = max(len(original.years) - 1, offset + len(new.projection.years) - 1, 1)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(t: float) -> float:
        return LEFT + plot_w * t / span

    def y(share_pct: float) -> float:
        return TOP + plot_h * (1 - share_pct / 100)

    shapes = axes(span, start, x, y)

    def band(states: Sequence[YearState], first: int, size: int, css: str) -> None:
        upper = [(x(first + st.year), y(100 * st.high_count / size)) for st in states]
        lower = [(x(first + st.year), y(100 * st.low_count / size)) for st in reversed(states)]
        shapes.append(_shape("path", d=_path(upper + lower, closed=True), **{"class": css}))

    def expected(states: Sequence[YearState], first: int, css: str) -> None:
        shapes.append(_shape("path", d=_path([(x(first + st.year), y(100 * st.expected_share))
                                              for st in states]), **{"class": css}))

    band(original.years, 0, original.size, CLASSES["band"])
    band(new.projection.years, offset, new.size, CLASSES["new_band"])
    lines = [(balance_pct, "kb-mchart__balance", f"{format_pct(balance_pct)} (kønsbalance)")]
    if s.target_pct != balance_pct:
        lines.append((s.target_pct, "kb-mchart__target", f"Måltal {format_pct(s.target_pct)}"))
    for pct, css, label in lines:
        shapes.append(_shape("line", x1=_fmt(LEFT), x2=_fmt(LEFT + plot_w), y1=_fmt(y(pct)),
                             y2=_fmt(y(pct)), **{"class": css}))
        shapes.append(_shape("text", label, x=_fmt(LEFT + plot_w - 4), y=_fmt(y(pct) - 6),
                             text_anchor="end", **{"class": f"{css}-label"}))
    target_t = s.target_year - start
    shapes.append(_shape("line", x1=_fmt(x(target_t)), x2=_fmt(x(target_t)), y1=_fmt(TOP),
                         y2=_fmt(TOP + plot_h), **{"class": CLASSES["target_year"]}))
    shapes.append(_shape("text", f"Måltalsår {s.target_year}", x=_fmt(x(target_t) + 4),
                         y=_fmt(TOP + 12), text_anchor="start",
                         **{"class": f"{CLASSES['target_year']}-label"}))
    expected(original.years, 0, CLASSES["expected"])
    expected(new.projection.years, offset, CLASSES["new_expected"])
    points = [(x(0), y(100 * s.under_count / s.size))]
    points += [(x(c.t), y(100 * c.share)) for c in tracking.checks]
    if len(points) > 1:
        shapes.append(_shape("path", d=_path(points), **{"class": CLASSES["recorded"]}))
    for px, py in points:
        shapes.append(_shape("circle", cx=_fmt(px), cy=_fmt(py), r="4",
                             **{"class": CLASSES["recorded_point"]}))
    end = start + span
    return {"width": WIDTH, "height": HEIGHT,
            "title": f"Andel {noun} i den øverste ledelse: registreret og fremskrevet, {start}–{end}",
            "description": description(tracking, balance_pct),
            "legend": [{"class": CLASSES[key], "text": text} for key, text in LEGEND],
            "shapes": shapes}


def _range(state: YearState, size: int) -> str:
    return f"{format_pct(100 * state.low_count / size)} og {format_pct(100 * state.high_count / size)}"


def description(tracking: Tracking, balance_pct: int) -> str:
    """The chart in words: what the original projection expected, each recorded point and where it
    fell, and what the new projection expects (the text alternative of the SVG)."""
    history, original, new = tracking.history, tracking.original, tracking.outlook
    s = history.scenario
    noun = NOUNS[history.gender]
    at_target = original.years[s.target_year - s.status_year]
    parts = [
        f"Udgangspunkt pr. 31. december {s.status_year}: {share_text(s.under_count / s.size)} {noun} "
        f"({s.under_count} af {s.size}).",
        f"Den oprindelige fremskrivning forventede {share_text(at_target.expected_share)} {noun} i "
        f"{s.target_year}, med 80 pct. af udfaldene mellem {period(_range(at_target, original.size))}",
    ]
    if tracking.checks:
        points = "; ".join(
            f"{c.record.year}: {share_text(c.share)} ({c.count} af {c.size}), "
            f"{VERDICT_TEXT[c.placement.verdict]}" for c in tracking.checks)
        parts.append(f"Registreret: {points}.")
    else:
        parts.append("Der er endnu ikke registreret nogen år.")
    last = new.projection.years[-1]
    end = new.from_year + last.year
    if new.years_left > 0:
        state = new.projection.years[new.years_left]
        parts.append(f"Den nye fremskrivning fra {new.from_year} forventer "
                     f"{share_text(state.expected_share)} {noun} i {s.target_year}, med 80 pct. af "
                     f"udfaldene mellem {period(_range(state, new.size))}")
    else:
        parts.append(f"Den nye fremskrivning fra {new.from_year} forventer "
                     f"{share_text(last.expected_share)} {noun} i {end}, med 80 pct. af udfaldene "
                     f"mellem {period(_range(last, new.size))}")
    parts.append(f"De vandrette linjer viser {format_pct(balance_pct)} (kønsbalance)"
                 + (f" og måltallet {format_pct(s.target_pct)}" if s.target_pct != balance_pct else "")
                 + f"; den lodrette linje måltalsåret {s.target_year}. Tabellerne viser de registrerede "
                   f"år og den nye fremskrivning år for år.")
    return " ".join(parts)
