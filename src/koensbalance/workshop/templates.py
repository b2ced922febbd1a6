"""Agenda templates from the catalogue (catalogue/workshop/skabeloner.yaml): the sources' formats as
starting agendas. The items, group sizes and advice are cited; the durations are the site's suggestion
(the data file's `varighed_note` says so on the page)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from koensbalance.workshop.model import Agenda, Block, BlockKind, parse_clock

DATA_KEY = "workshop/skabeloner"


@dataclass(frozen=True)
class Template:
    id: str
    title: str
    description: str
    source: str  # source document id
    section: str
    entry: str  # catalogue entry the template is built from
    source_duration: str
    participants_text: str
    preparation_from_source: bool
    advice: tuple[str, ...]
    agenda: Agenda

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> Template:
        start, _ = parse_clock(data["starttid"], "starttid", "Starttidspunktet")
        blocks = tuple(Block(title=b["titel"], minutes=int(b["minutter"]), kind=BlockKind(b["type"]),
                             note=b.get("note", ""), from_source=bool(b["fra_kilden"]))
                       for b in data["blokke"])
        agenda = Agenda(title=data["titel"], start=start or 0, blocks=blocks,
                        planned_minutes=int(data["planlagt_minutter"]), template=data["id"],
                        group_min=data.get("deltagere_min"), group_max=data.get("deltagere_max"),
                        requires=tuple(BlockKind(k) for k in data["kraever"]),
                        preparation=data["forberedelse"])
        return cls(id=data["id"], title=data["titel"], description=data["beskrivelse"],
                   source=data["kilde"]["dokument"], section=data["kilde"]["afsnit"], entry=data["post"],
                   source_duration=data["kildens_varighed"], participants_text=data["deltagere_tekst"],
                   preparation_from_source=bool(data["forberedelse_fra_kilden"]),
                   advice=tuple(data["raad"]), agenda=agenda)


def load_templates(data: Mapping[str, Any]) -> tuple[Template, ...]:
    """All templates of the data file, in its order."""
    return tuple(Template.from_data(item) for item in data["skabeloner"])


def blank_agenda() -> Agenda:
    """An empty plan: the workshop advice's two closing items are still checked for."""
    return Agenda(title="", start=9 * 60, blocks=(), requires=(BlockKind.ACTION_PLAN, BlockKind.FOLLOW_UP))
