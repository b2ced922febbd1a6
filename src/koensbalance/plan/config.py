"""What the page knows about the catalogue (macros/plan_macros.py `plan_config`, embedded as JSON and
passed back by the browser): the entries a plan can hold with their suggestions, the areas, the
checklist and the reporting dates. Parsed here into small typed values; a wrong shape is one Danish
error (the page's own data, so the fix is to reload it)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from koensbalance.errors import FieldError, InputError
from koensbalance.plan.model import SUGGESTED

BROKEN = "Sidens oplysninger om kataloget kan ikke læses. Genindlæs siden."
MAX_CONFIG_ITEMS = 5000


@dataclass(frozen=True)
class EntryInfo:
    """A catalogue entry as the plan shows it, with the texts it suggests for the plan's fields."""

    id: str
    titel: str
    type_label: str = ""
    omraade: str = ""
    url: str = ""
    kilde: str = ""
    forslag: Mapping[str, str] = field(default_factory=dict)  # "maalsaetning"/"handlinger"/"indikator"
    forslag_kilder: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Area:
    id: str
    label: str


@dataclass(frozen=True)
class CheckItem:
    id: str
    tekst: str
    kilde: str
    url: str = ""


@dataclass(frozen=True)
class ReportingDate:
    """A date the sources give for status or reporting, repeated every year in the årshjul."""

    id: str
    titel: str
    maaned: int
    dag: int
    tekst: str
    kilde: str

    def on(self, year: int) -> date:
        return date(year, self.maaned, self.dag)


def _broken() -> InputError:
    return InputError([FieldError("config", BROKEN)])


def _str(raw: Mapping[str, Any], key: str) -> str:
    value = raw.get(key, "")
    if not isinstance(value, str):
        raise _broken()
    return value


def _strings(raw: object) -> dict[str, str]:
    if raw is None:
        return {}
    if not isinstance(raw, Mapping):
        raise _broken()
    return {key: _str(raw, key) for key in SUGGESTED if key in raw}


def _records(raw: object) -> list[Mapping[str, Any]]:
    if raw is None:
        return []
    if not isinstance(raw, list) or len(raw) > MAX_CONFIG_ITEMS \
            or not all(isinstance(r, Mapping) for r in raw):
        raise _broken()
    return list(raw)


def parse_entries(raw: object) -> dict[str, EntryInfo]:
    """{id: config entry} -> {id: EntryInfo}."""
    if raw is None:
        return {}
    if not isinstance(raw, Mapping) or len(raw) > MAX_CONFIG_ITEMS:
        raise _broken()
    entries = {}
    for entry_id, data in raw.items():
        if not isinstance(entry_id, str) or not isinstance(data, Mapping):
            raise _broken()
        entries[entry_id] = EntryInfo(
            id=entry_id, titel=_str(data, "titel") or entry_id, type_label=_str(data, "type_label"),
            omraade=_str(data, "omraade"), url=_str(data, "url"), kilde=_str(data, "kilde"),
            forslag=_strings(data.get("forslag")), forslag_kilder=_strings(data.get("forslag_kilder")))
    return entries


def parse_areas(raw: object) -> list[Area]:
    return [Area(_str(r, "id"), _str(r, "label")) for r in _records(raw)]


def parse_checklist(raw: object) -> list[CheckItem]:
    return [CheckItem(_str(r, "id"), _str(r, "tekst"), _str(r, "kilde"), _str(r, "url"))
            for r in _records(raw)]


def parse_reporting(raw: object) -> list[ReportingDate]:
    dates = []
    for r in _records(raw):
        month, day = r.get("maaned"), r.get("dag")
        if not isinstance(month, int) or not isinstance(day, int) or isinstance(month, bool):
            raise _broken()
        try:
            date(2001, month, day)  # a date every year has (no 29 February)
        except ValueError:
            raise _broken() from None
        dates.append(ReportingDate(_str(r, "id"), _str(r, "titel"), month, day, _str(r, "tekst"),
                                   _str(r, "kilde")))
    return dates
