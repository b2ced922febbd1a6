"""The policy draft a leader can take to a meeting, as one flat list of blocks (the page turns it into
.docx and print) and as Markdown rendered from the same blocks.

Order: title and organisation; "Status og måltal" (the target from "Sæt måltal" or "Følg op", or a
sentence pointing there, then the follow-up of the recorded years when there is one); one section
per area with each entry's title, source and five fields; the checklist with ticks and sources; the
årshjul."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from koensbalance.plan.aarshjul import Line
from koensbalance.plan.config import Area, CheckItem, EntryInfo, ReportingDate
from koensbalance.plan.model import FIELD_LABELS, Item, Plan
from koensbalance.plan.prefill import groups
from koensbalance.text import danish_date, day_and_month, fold_whitespace

TARGET_HEADING = "Status og måltal"
NO_TARGET = ("Planen har endnu ikke et måltal. Regn jeres status og måltal ud under »Sæt måltal«, "
             "og hent dem ind i planen.")
NO_ITEMS = ("Planen har endnu ingen indsatser. Vælg »Tilføj til min plan« på siderne om initiativer, "
            "anbefalinger og værktøjer.")
EMPTY_FIELD = "(ikke udfyldt)"
CHECKLIST_HEADING = "Tjekliste fra kilderne"
WHEEL_HEADING = "Årshjul"
SOURCE_DATES_HEADING = "Datoer fra kilderne"


@dataclass(frozen=True)
class Block:
    kind: str  # title | heading | subheading | paragraph | field | bullet | check
    text: str
    label: str = ""  # for "field"
    checked: bool = False  # for "check"

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"kind": self.kind, "text": self.text}
        if self.kind == "field":
            data["label"] = self.label
        if self.kind == "check":
            data["checked"] = self.checked
        return data


def _one_line(text: str) -> str:
    return fold_whitespace(text)


def _field(key: str, value: str) -> Block:
    return Block("field", value.strip() or EMPTY_FIELD, label=FIELD_LABELS[key])


def _item_blocks(item: Item, entry: EntryInfo | None) -> list[Block]:
    blocks = [Block("subheading", _one_line(entry.titel if entry else item.id))]
    if entry and (entry.type_label or entry.kilde):
        about = " · ".join(part for part in (entry.type_label, f"Kilde: {entry.kilde}" if entry.kilde else "")
                           if part)
        blocks.append(Block("paragraph", about))
    blocks += [_field(key, item.text(key) or "") for key in ("maalsaetning", "handlinger", "indikator")]
    blocks.append(_field("ansvarlig", item.ansvarlig))
    blocks.append(_field("frist", danish_date(item.frist) if item.frist else ""))
    return blocks


def blocks(plan: Plan, entries: Mapping[str, EntryInfo], areas: Sequence[Area],
           checklist: Sequence[CheckItem], reporting: Sequence[ReportingDate],
           wheel: Sequence[Line]) -> list[Block]:
    out = [Block("title", plan.display_title)]
    if plan.organisation.strip():
        out.append(Block("field", _one_line(plan.organisation), label="Organisation"))
    out.append(Block("heading", TARGET_HEADING))
    if plan.maal:
        out += [Block("paragraph", text) for text in
                (plan.maal.status_tekst, plan.maal.maaltal_tekst, plan.maal.rekruttering_tekst) if text]
    else:
        out.append(Block("paragraph", NO_TARGET))
    if plan.opfoelgning:
        out += [Block(kind, text) for kind, text in plan.opfoelgning.afsnit]
    for group in groups(plan, entries, areas):
        out.append(Block("heading", group.label))
        for index in group.indices:
            item = plan.indsatser[index]
            out += _item_blocks(item, entries.get(item.id))
    if not plan.indsatser:
        out += [Block("heading", "Indsatser"), Block("paragraph", NO_ITEMS)]
    if checklist:
        out.append(Block("heading", CHECKLIST_HEADING))
        out += [Block("check", f"{c.tekst} (Kilde: {c.kilde})", checked=c.id in plan.tjekliste)
                for c in checklist]
    out.append(Block("heading", WHEEL_HEADING))
    out += [Block("bullet", f"{danish_date(line.day)}: {line.text}") for line in wheel]
    if reporting:
        out.append(Block("subheading", SOURCE_DATES_HEADING))
        out += [Block("bullet", f"{day_and_month(r.maaned, r.dag)} – {r.titel}: {r.tekst} (Kilde: {r.kilde})")
                for r in reporting]
    return out


def _md_line(text: str) -> str:
    """One line of text that Markdown shows as written (user text starts no heading, list or quote)."""
    text = text.replace("\\", "\\\\")
    for marker in ("#", ">", "- ", "+ ", "* ", "=", "|"):
        if text.startswith(marker):
            return "\\" + text
    return text


def _md_text(text: str) -> str:
    """Multi-line text: lines kept; a line starting with '- ' stays a list item (as handlinger are)."""
    lines = []
    for line in text.strip().splitlines():
        stripped = line.strip()
        if stripped.startswith("- ") or stripped.startswith("* "):
            lines.append("- " + _md_line(stripped[2:].strip()))
        else:
            lines.append(_md_line(stripped))
    return "\n".join(lines)


def markdown(document: Sequence[Block]) -> str:
    out: list[str] = []
    previous = ""
    for block in document:
        listy = block.kind in ("bullet", "check")
        if out and not (listy and previous == block.kind):
            out.append("")
        if block.kind == "title":
            out.append(f"# {_md_line(block.text)}")
        elif block.kind == "heading":
            out.append(f"## {_md_line(block.text)}")
        elif block.kind == "subheading":
            out.append(f"### {_md_line(block.text)}")
        elif block.kind == "field":
            text = _md_text(block.text)
            out.append(f"**{block.label}:**\n\n{text}" if "\n" in text or text.startswith("- ")
                       else f"**{block.label}:** {text}")
        elif block.kind == "check":
            out.append(f"- [{'x' if block.checked else ' '}] {_md_line(_one_line(block.text))}")
        elif block.kind == "bullet":
            out.append(f"- {_md_line(_one_line(block.text))}")
        else:
            out.append(_md_text(block.text))
        previous = block.kind
    return "\n".join(out) + "\n"
