"""The user's kit: the answers to the job and competence analysis, both sides' percentages per topic,
the start date and the conversations' months and time, the new leader's list of wonderings, notes
per conversation and the ticked preboarding/onboarding steps.

`parse_kit` reads the page's values (strings from form fields, or the JSON of storage and files) and
raises InputError with every problem, each in Danish on its field. `Kit.to_dict` is the stored shape;
missing keys read as the blank kit's values, so older saved kits still open."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from koensbalance.errors import FieldError, InputError
from koensbalance.mobilitet.config import KitConfig
from koensbalance.workshop import forms

MAX_TEXT = 5000  # characters in one answer, note or wondering
MAX_TITLE = 200
MAX_WONDERINGS = 100
MAX_MONTHS = 24
LAST_MONTH = 60
FIRST_YEAR, LAST_YEAR = 2000, 2100
CLOCK = re.compile(r"^([01]?\d|2[0-3])[:.]([0-5]\d)$")
MIN_MINUTES, MAX_MINUTES = 5, 480

Numbers = Mapping[str, int | None]  # topic id -> percentage (None: not filled in)


@dataclass(frozen=True)
class Kit:
    stilling: str = ""  # the job the kit is for (optional)
    analyse: Mapping[str, str] = field(default_factory=dict)  # question id -> answer
    tal: Mapping[str, Numbers] = field(default_factory=dict)  # side id -> numbers
    start: date | None = None  # the leader's first day
    maaneder: tuple[int, ...] = ()
    klokken: str = "10:00"
    minutter: int = 60
    undren: tuple[str, ...] = ()
    noter: Mapping[int, str] = field(default_factory=dict)  # month -> notes of that conversation
    tjekliste: frozenset[str] = frozenset()  # ids of the steps done

    def numbers(self, side: str) -> Numbers:
        return self.tal.get(side, {})

    def to_dict(self) -> dict[str, Any]:
        return {
            "stilling": self.stilling,
            "analyse": dict(self.analyse),
            "forventninger": {side: dict(values) for side, values in self.tal.items()},
            "start": self.start.isoformat() if self.start else "",
            "maaneder": list(self.maaneder),
            "klokken": self.klokken,
            "minutter": self.minutter,
            "undren": list(self.undren),
            "noter": {str(month): text for month, text in sorted(self.noter.items())},
            "tjekliste": sorted(self.tjekliste),
        }


def blank_kit(config: KitConfig) -> Kit:
    """A new kit: nothing filled in, the source's months and our default time."""
    conv, exp = config.conversations, config.expectations
    return Kit(analyse={f.id: "" for f in config.analysis.fields},
               tal={s.id: {t.id: None for t in exp.topics} for s in exp.sides},
               maaneder=conv.months, klokken=conv.clock, minutter=conv.minutes)


# ---- reading ----------------------------------------------------------------------------------------

def _text(raw: object, name: str, label: str, errors: list[FieldError], limit: int = MAX_TEXT) -> str:
    if raw is None:
        return ""
    if not isinstance(raw, str):
        errors.append(FieldError(name, f"{label} skal være en tekst."))
        return ""
    if len(raw) > limit:
        errors.append(FieldError(name, f"{label} må højst være {limit} tegn."))
        return ""
    return raw.replace("\r\n", "\n").replace("\r", "\n")


def _whole(raw: object) -> int | None:
    """A whole number from a form value ("30", " 30 ", 30, 30.0); None when it is not one."""
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int):
        return raw
    if isinstance(raw, float) and raw.is_integer():
        return int(raw)
    if isinstance(raw, str):
        text = raw.strip().removesuffix("%").strip()
        if text.isascii() and text.isdigit() and len(text) <= 4:
            return int(text)
    return None


def parse_percent(raw: object, name: str, label: str, errors: list[FieldError]) -> int | None:
    """One side's number for one topic: empty is None; otherwise a whole number from 0 to 100."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    value = _whole(raw)
    if value is None or not 0 <= value <= 100:
        errors.append(FieldError(name, f"{label} skal være et helt tal fra 0 til 100."))
        return None
    return value


def parse_numbers(config: KitConfig, side: str, raw: object, errors: list[FieldError],
                  prefix: str = "forventninger") -> dict[str, int | None]:
    """{topic id: value} for one side; unknown topics are refused (the page only has known ones)."""
    exp = config.expectations
    who = exp.side(side)
    if raw is None:
        raw = {}
    if not isinstance(raw, Mapping):
        errors.append(FieldError(f"{prefix}.{side}", f"{who.genitive} tal kan ikke læses."))
        return {t.id: None for t in exp.topics}
    known = {t.id for t in exp.topics}
    for key in raw:
        if key not in known:
            errors.append(FieldError(f"{prefix}.{side}", f"Emnet »{key}« findes ikke i "
                                                        "forventningsafstemningen."))
    return {t.id: parse_percent(raw.get(t.id), f"{prefix}.{side}.{t.id}",
                                f"{who.genitive} tal for »{t.label}«", errors) for t in exp.topics}


def parse_date(raw: object, name: str, label: str, errors: list[FieldError]) -> date | None:
    if raw is None or raw == "":
        return None
    if isinstance(raw, str):
        try:
            day = date.fromisoformat(raw.strip())
        except ValueError:
            day = None
        if day and FIRST_YEAR <= day.year <= LAST_YEAR:
            return day
    errors.append(FieldError(name, f"{label} skal være en dato mellem {FIRST_YEAR} og {LAST_YEAR}, "
                                   "fx 2027-03-01."))
    return None


def parse_months(raw: object, errors: list[FieldError]) -> tuple[int, ...]:
    """The conversations' months: a list, or a text like "1, 3, 6 og 12"; sorted, each once."""
    name = "maaneder"
    if isinstance(raw, str):
        parts: list[object] = [p for p in re.split(r"[\s,;]+|\bog\b", raw) if p.strip()]
    elif isinstance(raw, list):
        parts = list(raw)
    else:
        errors.append(FieldError(name, "Skriv månederne som tal, fx 1, 3, 6 og 12."))
        return ()
    if len(parts) > MAX_MONTHS:
        errors.append(FieldError(name, f"Der kan højst være {MAX_MONTHS} samtaler."))
        return ()
    months: list[int] = []
    for part in parts:
        value = _whole(part)
        if value is None or not 1 <= value <= LAST_MONTH:
            errors.append(FieldError(name, f"»{part}« er ikke et antal måneder fra 1 til {LAST_MONTH}."))
        elif value in months:
            errors.append(FieldError(name, f"Måned {value} står to gange."))
        else:
            months.append(value)
    return tuple(sorted(months))


def parse_clock(raw: object, errors: list[FieldError]) -> str:
    match = CLOCK.match(raw.strip()) if isinstance(raw, str) else None
    if not match:
        errors.append(FieldError("klokken", "Skriv klokkeslættet som tt:mm, fx 10:00."))
        return ""
    return f"{int(match.group(1)):02d}:{match.group(2)}"


def parse_kit(raw: object, config: KitConfig) -> Kit:
    """Validate a kit (see the module docstring); InputError lists every problem."""
    if not isinstance(raw, Mapping):
        raise InputError([FieldError("kit", "Værktøjets indhold kan ikke læses.")])
    blank = blank_kit(config)
    errors: list[FieldError] = []
    stilling = " ".join(_text(raw.get("stilling"), "stilling", "Stillingen", errors, MAX_TITLE).split())

    analyse = dict(blank.analyse)
    raw_answers = raw.get("analyse")
    if raw_answers is not None:
        try:
            analyse = dict(forms.parse_filled(config.analysis, [raw_answers])[0])
        except InputError as exc:
            errors += [FieldError(e.field.replace("poster.0", "analyse"), e.message) for e in exc.errors]

    raw_numbers = raw.get("forventninger") or {}
    if not isinstance(raw_numbers, Mapping):
        errors.append(FieldError("forventninger", "Tallene kan ikke læses."))
        raw_numbers = {}
    tal = {s.id: parse_numbers(config, s.id, raw_numbers.get(s.id), errors)
           for s in config.expectations.sides}
    for key in raw_numbers:
        if key not in tal:
            errors.append(FieldError("forventninger", f"Siden »{key}« findes ikke."))

    start = parse_date(raw.get("start"), "start", "Startdatoen", errors)
    months = parse_months(raw["maaneder"], errors) if "maaneder" in raw else blank.maaneder
    clock = parse_clock(raw["klokken"], errors) if "klokken" in raw else blank.klokken
    minutes = blank.minutter
    if "minutter" in raw:
        value = _whole(raw["minutter"])
        if value is None or not MIN_MINUTES <= value <= MAX_MINUTES:
            errors.append(FieldError("minutter", f"Samtalens længde skal være et helt antal minutter fra "
                                                 f"{MIN_MINUTES} til {MAX_MINUTES}."))
        else:
            minutes = value

    wonderings: list[str] = []
    raw_list = raw.get("undren") or []
    if not isinstance(raw_list, list) or len(raw_list) > MAX_WONDERINGS:
        errors.append(FieldError("undren", f"Listen kan højst have {MAX_WONDERINGS} punkter."))
    else:
        for index, item in enumerate(raw_list):
            text = _text(item, f"undren.{index}", f"Punkt {index + 1} på listen", errors).strip()
            if text:
                wonderings.append(text)

    notes: dict[int, str] = {}
    raw_notes = raw.get("noter") or {}
    if not isinstance(raw_notes, Mapping):
        errors.append(FieldError("noter", "Noterne kan ikke læses."))
    else:
        for key, value in raw_notes.items():
            month = _whole(key)
            if month is None or not 1 <= month <= LAST_MONTH:
                errors.append(FieldError("noter", f"Noterne hører til en ukendt samtale (»{key}«)."))
                continue
            text = _text(value, f"noter.{month}", f"Noterne til samtalen efter {month} måneder", errors)
            if text.strip():
                notes[month] = text

    raw_ticks = raw.get("tjekliste") or []
    if not isinstance(raw_ticks, list) or not all(isinstance(t, str) for t in raw_ticks):
        errors.append(FieldError("tjekliste", "Tjeklisten kan ikke læses."))
        raw_ticks = []
    known_steps = {s.id for s in config.onboarding.steps}
    ticks = frozenset(t for t in raw_ticks if t in known_steps)  # a step that is gone is dropped

    if errors:
        raise InputError(errors)
    return Kit(stilling=stilling, analyse=analyse, tal=tal, start=start, maaneder=months, klokken=clock,
               minutter=minutes, undren=tuple(wonderings), noter=notes, tjekliste=ticks)
