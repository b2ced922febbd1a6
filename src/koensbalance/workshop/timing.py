"""Start and end of every block: blocks follow one another without gaps from the start time."""

from __future__ import annotations

from dataclasses import dataclass

from koensbalance.workshop.model import Agenda, Block


@dataclass(frozen=True)
class Slot:
    index: int
    block: Block
    start: int  # minutes after midnight
    end: int


def schedule(agenda: Agenda, start: int | None = None) -> tuple[Slot, ...]:
    """Consecutive slots from `start` (default: the agenda's start time)."""
    clock = agenda.start if start is None else start
    slots: list[Slot] = []
    for index, block in enumerate(agenda.blocks):
        slots.append(Slot(index, block, clock, clock + block.minutes))
        clock += block.minutes
    return tuple(slots)


def total_minutes(agenda: Agenda) -> int:
    return sum(block.minutes for block in agenda.blocks)


def end_time(agenda: Agenda) -> int:
    return agenda.start + total_minutes(agenda)
