"""Run mode: where the workshop is on the day, and the rest of the schedule recomputed from now.

The facilitator's progress is a list of the actual start times (seconds after midnight) of the blocks
begun so far; one more start than there are blocks means the workshop is over. When the current block
runs over its planned length, the remaining blocks move back by the overrun."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from koensbalance.errors import FieldError, InputError
from koensbalance.workshop.model import Agenda, format_clock
from koensbalance.workshop.timing import end_time, schedule

DAY_SECONDS = 24 * 3600


@dataclass(frozen=True)
class RunRow:
    index: int
    title: str
    start: str
    end: str
    state: str  # "faerdig", "nu", "senere"

    def to_dict(self) -> dict[str, Any]:
        return {"index": self.index, "titel": self.title, "start": self.start, "slut": self.end,
                "status": self.state}


@dataclass(frozen=True)
class RunStatus:
    started: bool
    finished: bool
    current: int | None
    current_title: str
    block_left: int  # seconds left of the current block (negative when it runs over)
    block_left_text: str
    total_left: int  # seconds until the projected end
    total_left_text: str
    next_title: str
    next_start: str
    projected_end: str
    planned_end: str
    delay_minutes: int
    message: str
    rows: tuple[RunRow, ...]

    def to_dict(self) -> dict[str, Any]:
        data = {name: getattr(self, name) for name in self.__dataclass_fields__ if name != "rows"}
        data["rows"] = [row.to_dict() for row in self.rows]
        return data


def parse_progress(raw: Mapping[str, Any], blocks: int) -> tuple[list[int], int]:
    """(starts, now) from the browser's plain values; InputError if they make no sense."""
    starts, now = raw.get("starts"), raw.get("now")
    if not (isinstance(starts, list) and len(starts) <= blocks + 1 and all(map(_second, starts))
            and _second(now) and starts == sorted(starts)):
        raise InputError([FieldError("afvikling", "Afviklingen kan ikke læses – start den forfra.")])
    assert isinstance(now, int)
    return [int(s) for s in starts], now


def _second(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value < DAY_SECONDS


def clock_seconds(seconds: int) -> str:
    return format_clock(seconds // 60)


def countdown(seconds: int) -> str:
    """Seconds -> '12:05' (mm:ss), '1:02:05' past an hour; overrun as '+03:10'."""
    sign = "+" if seconds < 0 else ""
    hours, rest = divmod(abs(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    return f"{sign}{hours}:{minutes:02d}:{secs:02d}" if hours else f"{sign}{minutes:02d}:{secs:02d}"


def status(agenda: Agenda, starts: Sequence[int], now: int) -> RunStatus:
    blocks = agenda.blocks
    planned_end = end_time(agenda) * 60
    if not starts:
        plan = tuple(RunRow(s.index, s.block.title, format_clock(s.start), format_clock(s.end), "senere")
                     for s in schedule(agenda))
        first = blocks[0].title if blocks else ""
        return RunStatus(False, False, None, "", 0, "", planned_end - agenda.start * 60, "", first,
                         format_clock(agenda.start), clock_seconds(planned_end), clock_seconds(planned_end),
                         0, "Afviklingen er ikke startet.", plan)
    current = len(starts) - 1
    finished = current >= len(blocks)
    rows: list[RunRow] = []
    for index in range(min(current, len(blocks))):
        rows.append(RunRow(index, blocks[index].title, clock_seconds(starts[index]),
                           clock_seconds(starts[index + 1]), "faerdig"))
    if finished:
        end = starts[-1]
        delay = (end - planned_end) // 60
        return RunStatus(True, True, None, "", 0, "", 0, "", "", "", clock_seconds(end),
                         clock_seconds(planned_end), delay, "Workshoppen er slut.", tuple(rows))
    block = blocks[current]
    block_end = starts[current] + block.minutes * 60
    left = block_end - now
    # The rest follows the current block's planned end, or now if the block has run over.
    clock = max(block_end, now)
    rows.append(RunRow(current, block.title, clock_seconds(starts[current]), clock_seconds(clock), "nu"))
    next_start = clock
    for index in range(current + 1, len(blocks)):
        rows.append(RunRow(index, blocks[index].title, clock_seconds(clock),
                           clock_seconds(clock + blocks[index].minutes * 60), "senere"))
        clock += blocks[index].minutes * 60
    delay = (clock - planned_end) // 60 if clock >= planned_end else -((planned_end - clock) // 60)
    return RunStatus(True, False, current, block.title, left, countdown(left), clock - now,
                     countdown(clock - now),
                     blocks[current + 1].title if current + 1 < len(blocks) else "",
                     clock_seconds(next_start) if current + 1 < len(blocks) else "",
                     clock_seconds(clock), clock_seconds(planned_end), delay,
                     _message(left, delay), tuple(rows))


def _message(left: int, delay: int) -> str:
    parts = []
    if left < 0:
        parts.append("Punktet er over tid – resten af programmet er rykket.")
    if delay > 0:
        parts.append(f"I slutter {delay} min. senere end planlagt.")
    elif delay < 0:
        parts.append(f"I er {-delay} min. foran planen.")
    else:
        parts.append("I følger planen.")
    return " ".join(parts)
