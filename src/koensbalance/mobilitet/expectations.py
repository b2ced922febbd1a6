"""Forventningsafstemning: for each topic the organisation and the candidate each give the share of
the job they expect it to take (Ledermobilitet, »Anbefaling 02: Udvid talentpuljen – Forventningsafstem
med kandidaten«: »kan I for eksempel procentangive, hvor meget I tror, de forskellige opgaver vil
fylde«). Each side's shares must add up to 100; the two sides are shown side by side with the
difference per topic, and topics that differ by the threshold or more are marked. The threshold
(10 points, catalogue/mobilitet/forventninger.yaml) is OUR choice, and the texts say so."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from koensbalance.mobilitet.config import Expectations, Side, Topic
from koensbalance.mobilitet.model import Kit, Numbers
from koensbalance.text import format_pct

TOTAL = 100


def points(value: int) -> str:
    """5 -> '5 procentpoint' (a difference of percentages)."""
    return f"{value} procentpoint"


@dataclass(frozen=True)
class SideTotal:
    side: Side
    total: int  # the sum of the filled-in shares (empty ones count as 0)
    filled: int  # how many topics have a number
    topics: int

    @property
    def started(self) -> bool:
        return self.filled > 0

    @property
    def complete(self) -> bool:
        return self.total == TOTAL

    @property
    def message(self) -> str:
        """What the page says next to the side's numbers (Danish); '' is never returned."""
        who = self.side.genitive
        if not self.started:
            return f"{who} tal er ikke udfyldt endnu."
        if self.total < TOTAL:
            return (f"{who} tal giver {format_pct(self.total)} i alt. De skal give {format_pct(TOTAL)} "
                    f"– der mangler {format_pct(TOTAL - self.total)}")
        if self.total > TOTAL:
            return (f"{who} tal giver {format_pct(self.total)} i alt. De skal give {format_pct(TOTAL)} "
                    f"– det er {format_pct(self.total - TOTAL)} for meget.")
        return f"{who} tal giver {format_pct(TOTAL)} i alt."

    def to_dict(self) -> dict[str, Any]:
        return {"side": self.side.id, "navn": self.side.name, "i_alt": self.total,
                "i_alt_tekst": format_pct(self.total), "udfyldt": self.filled, "emner": self.topics,
                "startet": self.started, "giver_100": self.complete, "besked": self.message}


@dataclass(frozen=True)
class Row:
    topic: Topic
    first: int | None  # the first side's share (the organisation's)
    second: int | None  # the second side's (the candidate's)
    difference: int | None  # second - first; None until both sides have started
    marked: bool

    def text(self, sides: tuple[Side, Side]) -> str:
        """'Kandidaten forventer 15 procentpoint mere end organisationen.' and the like."""
        if self.difference is None:
            return ""
        if self.difference == 0:
            return "Samme forventning."
        more, less = (sides[1], sides[0]) if self.difference > 0 else (sides[0], sides[1])
        return f"{more.name} forventer {points(abs(self.difference))} mere end {less.name.lower()}."


@dataclass(frozen=True)
class Comparison:
    expectations: Expectations
    totals: tuple[SideTotal, SideTotal]
    rows: tuple[Row, ...]

    @property
    def compared(self) -> bool:
        """Both sides have given at least one number: the differences mean something."""
        return all(t.started for t in self.totals)

    @property
    def final(self) -> bool:
        return all(t.complete for t in self.totals)

    @property
    def marked(self) -> tuple[Row, ...]:
        return tuple(r for r in self.rows if r.marked)

    @property
    def threshold_note(self) -> str:
        n = points(self.expectations.threshold)
        return (f"Emner, hvor jeres tal ligger {n} eller mere fra hinanden, er markeret. Grænsen på {n} "
                "er vores eget valg, ikke kildens.")

    @property
    def summary(self) -> str:
        if not self.compared:
            missing = [t.side.genitive for t in self.totals if not t.started]
            return (f"{' og '.join(missing)} tal mangler. Når begge sider har udfyldt deres tal, vises "
                    "forskellene her.")
        n = points(self.expectations.threshold)
        marked = self.marked
        if marked:
            names = ", ".join(f"»{r.topic.label}«" for r in marked)
            text = (f"I ligger {n} eller mere fra hinanden på {len(marked)} af {len(self.rows)} emner: "
                    f"{names}. Tal om dem.")
        else:
            text = f"I ligger mindre end {n} fra hinanden på alle emner."
        if not self.final:
            text += f" Forskellene er foreløbige, indtil begge siders tal giver {format_pct(TOTAL)} i alt."
        return text

    def to_dict(self) -> dict[str, Any]:
        sides = self.expectations.sides
        return {
            "sider": [t.to_dict() for t in self.totals],
            "raekker": [{"emne": r.topic.id, "punkt": r.topic.label,
                         "vaerdier": [r.first, r.second],
                         "tekster": ["" if v is None else format_pct(v) for v in (r.first, r.second)],
                         "forskel": r.difference,
                         "forskel_tekst": "" if r.difference is None else points(abs(r.difference)),
                         "forklaring": r.text(sides), "markeret": r.marked} for r in self.rows],
            "sammenlignet": self.compared, "endelig": self.final,
            "markerede": [r.topic.id for r in self.marked],
            "graense": self.expectations.threshold, "graense_tekst": self.threshold_note,
            "opsummering": self.summary,
        }


def side_total(side: Side, topics: tuple[Topic, ...], numbers: Numbers) -> SideTotal:
    values = [numbers.get(t.id) for t in topics]
    return SideTotal(side, sum(v or 0 for v in values), sum(v is not None for v in values), len(topics))


def compare(expectations: Expectations, kit: Kit) -> Comparison:
    """Both sides' totals, and per topic the two shares, the difference and whether it is marked.
    A topic one side left empty counts as 0 for that side once the side has started."""
    first, second = expectations.sides
    topics = expectations.topics
    totals = (side_total(first, topics, kit.numbers(first.id)), side_total(second, topics,
                                                                             kit.numbers(second.id)))
    both = all(t.started for t in totals)
    rows = []
    for topic in topics:
        a, b = kit.numbers(first.id).get(topic.id), kit.numbers(second.id).get(topic.id)
        difference = (b or 0) - (a or 0) if both else None
        marked = difference is not None and abs(difference) >= expectations.threshold
        rows.append(Row(topic, a, b, difference, marked))
    return Comparison(expectations, totals, tuple(rows))
