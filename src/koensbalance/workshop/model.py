"""The agenda a trainer edits, and how raw form/JSON values become one (with Danish field errors).

The plain dict form (`Agenda.to_dict`, parsed back by `parse_agenda`) is what the browser keeps in
localStorage, what the JSON export holds and what the share link encodes."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from koensbalance.errors import FieldError, InputError, parse_count

MAX_BLOCKS = 60
MAX_BLOCK_MINUTES = 600
MAX_TITLE = 200
MAX_TEXT = 2000
MAX_PARTICIPANTS = 10_000
DAY_MINUTES = 24 * 60
TIME = re.compile(r"^([01]?\d|2[0-3])[:.]([0-5]\d)$")
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class BlockKind(StrEnum):
    """What a block is: checks look for breaks, lunch, the plan for action and the follow-up."""

    CONTENT = "indhold"
    BREAK = "pause"
    LUNCH = "frokost"
    ACTION_PLAN = "handleplan"
    FOLLOW_UP = "opfoelgning"

    @property
    def label(self) -> str:
        return KIND_LABELS[self]

    @property
    def is_break(self) -> bool:
        return self in (BlockKind.BREAK, BlockKind.LUNCH)


KIND_LABELS = {
    BlockKind.CONTENT: "Indhold",
    BlockKind.BREAK: "Pause",
    BlockKind.LUNCH: "Frokost",
    BlockKind.ACTION_PLAN: "Konkret plan for handlinger",
    BlockKind.FOLLOW_UP: "Aftale om opfølgning",
}
REQUIRABLE = (BlockKind.ACTION_PLAN, BlockKind.FOLLOW_UP)


@dataclass(frozen=True)
class Block:
    title: str
    minutes: int
    kind: BlockKind = BlockKind.CONTENT
    note: str = ""
    from_source: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {"titel": self.title, "minutter": self.minutes, "type": self.kind.value,
                "note": self.note, "fra_kilden": self.from_source}


@dataclass(frozen=True)
class Agenda:
    title: str
    start: int  # minutes after midnight
    blocks: tuple[Block, ...]
    day: date | None = None
    place: str = ""
    participants: int | None = None
    planned_minutes: int | None = None
    template: str = ""
    group_min: int | None = None
    group_max: int | None = None
    requires: tuple[BlockKind, ...] = ()
    preparation: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "titel": self.title,
            "dato": self.day.isoformat() if self.day else "",
            "starttid": format_clock(self.start),
            "sted": self.place,
            "deltagere": "" if self.participants is None else self.participants,
            "planlagt_minutter": "" if self.planned_minutes is None else self.planned_minutes,
            "skabelon": self.template,
            "deltagere_min": self.group_min,
            "deltagere_max": self.group_max,
            "kraever": [kind.value for kind in self.requires],
            "forberedelse": self.preparation,
            "blokke": [block.to_dict() for block in self.blocks],
        }


def format_clock(minutes: int) -> str:
    """Minutes after midnight -> '09:05'."""
    return f"{minutes // 60 % 24:02d}:{minutes % 60:02d}"


def format_duration(minutes: int) -> str:
    """75 -> '1 t. 15 min.'; 45 -> '45 min.'; 120 -> '2 t.'"""
    hours, rest = divmod(abs(minutes), 60)
    parts = ([f"{hours} t."] if hours else []) + ([f"{rest} min."] if rest or not hours else [])
    return ("-" if minutes < 0 else "") + " ".join(parts)


def parse_clock(raw: object, field_name: str, label: str) -> tuple[int | None, FieldError | None]:
    text = raw.strip() if isinstance(raw, str) else ""
    match = TIME.match(text)
    if not match:
        return None, FieldError(field_name, f"{label} skal være et klokkeslæt som 09:30.")
    return int(match.group(1)) * 60 + int(match.group(2)), None


def _text(raw: object, field_name: str, label: str, limit: int, errors: list[FieldError],
          required: bool = False) -> str:
    if raw is None:
        raw = ""
    if not isinstance(raw, str):
        errors.append(FieldError(field_name, f"{label} skal være en tekst."))
        return ""
    text = raw.strip()
    if required and not text:
        errors.append(FieldError(field_name, f"Udfyld {label.lower()}."))
    elif len(text) > limit:
        errors.append(FieldError(field_name, f"{label} må højst være {limit} tegn."))
    return text


def _optional_count(raw: object, field_name: str, label: str, limit: int,
                    errors: list[FieldError]) -> int | None:
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    value, error = parse_count(raw, field_name, label)
    if error is None and value is not None and value > limit:
        error = FieldError(field_name, f"{label} må højst være {limit}.")
    if error:
        errors.append(error)
        return None
    return value


def _day(raw: object, errors: list[FieldError]) -> date | None:
    if raw is None or raw == "":
        return None
    if isinstance(raw, str) and ISO_DATE.match(raw.strip()):
        try:
            return date.fromisoformat(raw.strip())
        except ValueError:
            pass
    errors.append(FieldError("dato", "Datoen skal være en gyldig dato, fx 2026-03-05."))
    return None


def _block(raw: object, index: int, errors: list[FieldError]) -> Block | None:
    where = f"blokke.{index}"
    if not isinstance(raw, Mapping):
        errors.append(FieldError(where, f"Punkt {index + 1} kan ikke læses."))
        return None
    title = _text(raw.get("titel"), f"{where}.titel", "Punktets titel", MAX_TITLE, errors, required=True)
    minutes, error = parse_count(raw.get("minutter"), f"{where}.minutter", "Varigheden")
    if error is None and minutes is not None and not 1 <= minutes <= MAX_BLOCK_MINUTES:
        error = FieldError(f"{where}.minutter",
                           f"Varigheden skal være mellem 1 og {MAX_BLOCK_MINUTES} minutter.")
    if error:
        errors.append(error)
    try:
        kind = BlockKind(raw.get("type", "indhold"))
    except ValueError:
        errors.append(FieldError(f"{where}.type", "Vælg en type for punktet."))
        kind = BlockKind.CONTENT
    note = _text(raw.get("note"), f"{where}.note", "Noten", MAX_TEXT, errors)
    from_source = raw.get("fra_kilden") is True
    if error or not title:
        return None
    return Block(title=title, minutes=minutes or 0, kind=kind, note=note, from_source=from_source)


def parse_agenda(raw: object) -> Agenda:
    """Validate a plain agenda dict (form strings or JSON values); InputError lists every problem."""
    if not isinstance(raw, Mapping):
        raise InputError([FieldError("", "Dagsordenen kan ikke læses.")])
    errors: list[FieldError] = []
    title = _text(raw.get("titel"), "titel", "Titlen", MAX_TITLE, errors)
    start, error = parse_clock(raw.get("starttid"), "starttid", "Starttidspunktet")
    if error:
        errors.append(error)
    place = _text(raw.get("sted"), "sted", "Stedet", MAX_TITLE, errors)
    participants = _optional_count(raw.get("deltagere"), "deltagere", "Antal deltagere",
                                   MAX_PARTICIPANTS, errors)
    planned = _optional_count(raw.get("planlagt_minutter"), "planlagt_minutter", "Den planlagte længde",
                              DAY_MINUTES, errors)
    group_min = _optional_count(raw.get("deltagere_min"), "deltagere_min", "Mindste gruppe",
                                MAX_PARTICIPANTS, errors)
    group_max = _optional_count(raw.get("deltagere_max"), "deltagere_max", "Største gruppe",
                                MAX_PARTICIPANTS, errors)
    template = _text(raw.get("skabelon"), "skabelon", "Skabelonen", 80, errors)
    preparation = _text(raw.get("forberedelse"), "forberedelse", "Forberedelsen", MAX_TEXT, errors)
    requires: list[BlockKind] = []
    raw_requires = raw.get("kraever") or []
    if not isinstance(raw_requires, list):
        raw_requires = ["?"]
    for value in raw_requires:
        try:
            kind = BlockKind(value)
        except ValueError:
            kind = BlockKind.CONTENT
        if kind not in REQUIRABLE:
            errors.append(FieldError("kraever", "Dagsordenens krav kan ikke læses."))
            break
        if kind not in requires:
            requires.append(kind)
    raw_blocks = raw.get("blokke")
    if not isinstance(raw_blocks, list):
        errors.append(FieldError("blokke", "Dagsordenen har ingen liste over punkter."))
        raw_blocks = []
    if len(raw_blocks) > MAX_BLOCKS:
        errors.append(FieldError("blokke", f"Dagsordenen må højst have {MAX_BLOCKS} punkter."))
        raw_blocks = raw_blocks[:MAX_BLOCKS]
    blocks = [_block(item, index, errors) for index, item in enumerate(raw_blocks)]
    total = sum(b.minutes for b in blocks if b)
    if start is not None and start + total > DAY_MINUTES:
        errors.append(FieldError("blokke", "Dagsordenen slutter efter midnat – gør den kortere eller "
                                           "start tidligere."))
    day = _day(raw.get("dato"), errors)
    if errors:
        raise InputError(errors)
    assert start is not None
    return Agenda(title=title, start=start, blocks=tuple(b for b in blocks if b), day=day, place=place,
                  participants=participants, planned_minutes=planned, template=template,
                  group_min=group_min, group_max=group_max, requires=tuple(requires),
                  preparation=preparation)
