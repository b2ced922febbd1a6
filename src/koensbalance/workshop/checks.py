"""Checks next to the agenda, with Danish messages.

- The action plan and the agreed follow-up come from the sources' example agenda ("Konkret plan for
  handlinger", "Aftale om et opfølgende møde"; Ligestillingsvurdering, "Workshops med medarbejderne").
- Group sizes come from the formats (action learning 4-6, focus groups 5-8; same source).
- Lunch between 11:00 and 13:30 and a break at least every 90 minutes are the site's rules of thumb.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from koensbalance.workshop.model import Agenda, BlockKind, format_clock, format_duration
from koensbalance.workshop.timing import schedule, total_minutes

LUNCH_EARLIEST = 11 * 60
LUNCH_LATEST = 13 * 60 + 30
MAX_WITHOUT_BREAK = 90


@dataclass(frozen=True)
class Check:
    code: str
    message: str
    block: int | None = None  # index of the block the message is about

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def check(agenda: Agenda) -> tuple[Check, ...]:
    found: list[Check] = []
    if not agenda.blocks:
        return (Check("tom", "Dagsordenen har ingen punkter endnu."),)
    found += _over_length(agenda)
    found += _lunch(agenda)
    found += _breaks(agenda)
    found += _required(agenda)
    found += _group_size(agenda)
    return tuple(found)


def _over_length(agenda: Agenda) -> list[Check]:
    total = total_minutes(agenda)
    if agenda.planned_minutes is None or total <= agenda.planned_minutes:
        return []
    over = total - agenda.planned_minutes
    return [Check("for-lang", f"Dagsordenen varer {format_duration(total)} – {format_duration(over)} "
                              f"mere end den planlagte længde på {format_duration(agenda.planned_minutes)}")]


def _lunch(agenda: Agenda) -> list[Check]:
    return [Check("frokost", f"Frokosten ligger kl. {format_clock(slot.start)}–{format_clock(slot.end)}, "
                             f"uden for {format_clock(LUNCH_EARLIEST)}–{format_clock(LUNCH_LATEST)}.",
                  slot.index)
            for slot in schedule(agenda)
            if slot.block.kind is BlockKind.LUNCH
            and (slot.start < LUNCH_EARLIEST or slot.end > LUNCH_LATEST)]


def _breaks(agenda: Agenda) -> list[Check]:
    found: list[Check] = []
    run: list[int] = []  # indices of consecutive blocks without a break
    slots = schedule(agenda)

    def close() -> None:
        if run and slots[run[-1]].end - slots[run[0]].start > MAX_WITHOUT_BREAK:
            first, last = slots[run[0]], slots[run[-1]]
            found.append(Check("pause", f"Fra kl. {format_clock(first.start)} til {format_clock(last.end)} "
                                        f"går der {format_duration(last.end - first.start)} uden pause "
                                        f"(mere end {MAX_WITHOUT_BREAK} minutter).", first.index))

    for slot in slots:
        if slot.block.kind.is_break:
            close()
            run = []
        else:
            run.append(slot.index)
    close()
    return found


REQUIRED_MESSAGES = {
    BlockKind.ACTION_PLAN: ("handleplan", "Der er intet punkt med en konkret plan for handlinger. Kildens "
                            "eksempel på en dagsorden slutter med en konkret plan for handlinger – giv et "
                            "punkt typen »Konkret plan for handlinger«."),
    BlockKind.FOLLOW_UP: ("opfoelgning", "Der er ikke aftalt nogen opfølgning. Kildens eksempel på en "
                          "dagsorden slutter med en aftale om et opfølgende møde – giv et punkt typen "
                          "»Aftale om opfølgning«."),
}


def _required(agenda: Agenda) -> list[Check]:
    kinds = {block.kind for block in agenda.blocks}
    return [Check(*REQUIRED_MESSAGES[kind]) for kind in agenda.requires if kind not in kinds]


def _group_size(agenda: Agenda) -> list[Check]:
    count, low, high = agenda.participants, agenda.group_min, agenda.group_max
    if count is None or (low is None and high is None):
        return []
    if (low is None or count >= low) and (high is None or count <= high):
        return []
    if low is not None and high is not None:
        size = f"{low}-{high}"
    else:
        size = f"mindst {low}" if low is not None else f"højst {high}"
    return [Check("deltagere", f"Formatet er beregnet til {size} personer; I har planlagt {count}.")]
