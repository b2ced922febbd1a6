"""Typed catalogue entries. Common fields are attributes; type-specific fields stay in `data`,
whose shape the entry type's JSON Schema (catalogue/schema/) guarantees."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any


@dataclass(frozen=True)
class EntryType:
    name: str  # identifier, e.g. "initiativ"
    folder: str  # folder under catalogue/ and in the site's URL, e.g. "initiativer"
    schema: str  # file under catalogue/schema/
    label: str  # Danish, singular
    label_plural: str  # Danish, plural


ENTRY_TYPES: tuple[EntryType, ...] = (
    EntryType("initiativ", "initiativer", "initiativ.schema.json", "Initiativ", "Initiativer"),
    EntryType("anbefaling", "anbefalinger", "initiativ.schema.json", "Anbefaling", "Anbefalinger"),
    EntryType("vaerktoej", "vaerktoejer", "vaerktoej.schema.json", "Værktøj", "Værktøjer"),
    EntryType("case", "cases", "case.schema.json", "Case", "Cases"),
    EntryType("regel", "regler", "regel.schema.json", "Regel", "Regler"),
    EntryType("noegletal", "noegletal", "noegletal.schema.json", "Nøgletal", "Nøgletal"),
    EntryType("begreb", "begreber", "begreb.schema.json", "Begreb", "Begreber"),
    EntryType("citat", "citater", "citat.schema.json", "Citat", "Citater"),
    EntryType("plan", "planer", "plan.schema.json", "Ligestillingsplan", "Ligestillingsplaner"),
    EntryType("viden", "viden", "viden.schema.json", "Forskning og viden", "Forskning og viden"),
)
TYPES_BY_FOLDER = {t.folder: t for t in ENTRY_TYPES}
TYPES_BY_NAME = {t.name: t for t in ENTRY_TYPES}

# Taxonomy files under catalogue/taksonomier/ and the entry field that uses each.
TAXONOMY_FIELDS = {"indsatsomraader": "indsatsomraader", "maalgrupper": "maalgrupper",
                   "sektorer": "sektorer"}


@dataclass(frozen=True)
class Term:
    """A taxonomy value: id and Danish label."""

    id: str
    label: str
    description: str | None = None


@dataclass(frozen=True)
class Source:
    id: str
    short_name: str
    title: str
    publisher: str
    year: str
    subtitle: str | None = None
    description: str | None = None
    year_note: str | None = None


@dataclass(frozen=True)
class Citation:
    source: str
    section: str
    page: str | None = None


@dataclass(frozen=True)
class Entry:
    type: EntryType
    id: str
    title: str
    citation: Citation
    file: str  # path relative to the project root, for messages
    summary: str | None = None
    areas: tuple[str, ...] = ()
    target_groups: tuple[str, ...] = ()
    sectors: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    data: Mapping[str, Any] = field(default_factory=dict)

    @property
    def url(self) -> str:
        """Stable site-relative URL of the entry page."""
        return f"{self.type.folder}/{self.id}/"


@dataclass(frozen=True)
class Catalogue:
    entries: tuple[Entry, ...]
    taxonomies: Mapping[str, tuple[Term, ...]]
    sources: tuple[Source, ...]
    balance: Mapping[str, Any]
    data: Mapping[str, Any] = field(default_factory=dict)  # "<folder>/<name>" -> parsed data file

    @cached_property
    def _index(self) -> dict[str, Entry]:
        return {e.id: e for e in self.entries}

    @cached_property
    def _linked_from(self) -> dict[str, list[str]]:
        reverse: dict[str, list[str]] = {}
        for entry in self.entries:
            for target in entry.related:
                reverse.setdefault(target, []).append(entry.id)
        return reverse

    def by_id(self) -> dict[str, Entry]:
        return self._index

    def of_type(self, name: str) -> list[Entry]:
        return [e for e in self.entries if e.type.name == name]

    def term(self, taxonomy: str, term_id: str) -> Term:
        return next(t for t in self.taxonomies[taxonomy] if t.id == term_id)

    def source(self, source_id: str) -> Source:
        return next(s for s in self.sources if s.id == source_id)

    def related_to(self, entry: Entry) -> list[Entry]:
        """Entries linked from `entry` or linking to it (references work both ways)."""
        index = self._index
        ids = list(entry.related)
        ids += [i for i in self._linked_from.get(entry.id, []) if i not in ids]
        return [index[i] for i in ids if i in index and i != entry.id]
