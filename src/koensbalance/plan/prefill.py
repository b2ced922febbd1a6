"""Prefill and grouping: missing fields take the entry's suggestion from the catalogue, and the page
shows the entries grouped by area (taxonomy order), marking which fields still hold the unchanged
suggestion."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from koensbalance.plan.config import Area, EntryInfo
from koensbalance.plan.model import SUGGESTED, Item, Plan

REMOVED_LABEL = "Poster, der ikke længere findes i kataloget"
OTHER_LABEL = "Øvrige indsatser"


def prefill(plan: Plan, entries: Mapping[str, EntryInfo]) -> Plan:
    """Fill every missing suggested field from its entry's suggestion ("" when there is none)."""
    items = tuple(item.filled(entries[item.id].forslag if item.id in entries else {})
                  for item in plan.indsatser)
    return replace(plan, indsatser=items)


def drop_unknown_checks(plan: Plan, known: Sequence[str]) -> Plan:
    return replace(plan, tjekliste=tuple(c for c in plan.tjekliste if c in known))


def prefilled(item: Item, entry: EntryInfo | None) -> list[str]:
    """Field names whose value is still the (non-empty) suggestion, unchanged."""
    if entry is None:
        return []
    return [key for key in SUGGESTED
            if entry.forslag.get(key) and item.text(key) == entry.forslag[key]]


@dataclass(frozen=True)
class Group:
    id: str  # area id; "" for entries no longer in the catalogue
    label: str
    indices: tuple[int, ...]  # positions in plan.indsatser


def groups(plan: Plan, entries: Mapping[str, EntryInfo], areas: Sequence[Area]) -> list[Group]:
    """The plan's entries by their area, areas in taxonomy order, each in the order added; entries
    with an area the taxonomy does not know next, then those no longer in the catalogue."""
    by_area: dict[str, list[int]] = {}
    removed: list[int] = []
    for index, item in enumerate(plan.indsatser):
        entry = entries.get(item.id)
        if entry is None:
            removed.append(index)
        else:
            by_area.setdefault(entry.omraade, []).append(index)
    known = [a.id for a in areas]
    result = [Group(a.id, a.label, tuple(by_area[a.id])) for a in areas if a.id in by_area]
    result += [Group(area, OTHER_LABEL, tuple(indices)) for area, indices in by_area.items()
               if area not in known]
    if removed:
        result.append(Group("", REMOVED_LABEL, tuple(removed)))
    return result


def group_dicts(plan: Plan, entries: Mapping[str, EntryInfo], areas: Sequence[Area]) -> list[dict[str, Any]]:
    """The groups as the page renders them."""
    out = []
    for group in groups(plan, entries, areas):
        items = []
        for index in group.indices:
            item = plan.indsatser[index]
            entry = entries.get(item.id)
            items.append({
                "index": index, "id": item.id,
                "titel": entry.titel if entry else item.id,
                "type_label": entry.type_label if entry else "",
                "url": entry.url if entry else "",
                "kilde": entry.kilde if entry else "",
                "prefilled": prefilled(item, entry),
                "forslag_kilder": dict(entry.forslag_kilder) if entry else {},
            })
        out.append({"id": group.id, "label": group.label, "items": items})
    return out
