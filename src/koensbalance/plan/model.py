"""The plan a user builds, and how raw JSON values (localStorage, a file, a link) become one, with
Danish field errors.

The follow-up of the target ("opfoelgning", from "Følg op", koensbalance.maaltal.opfoelgning_report)
is kept as what that page made of it: the paragraphs of the Status og måltal section and dated
årshjul lines, plain texts checked here like the target's.

The plain dict form (`Plan.to_dict`, parsed back by `parse_plan`) is what the browser keeps in
localStorage "kb-plan", what the JSON file holds and what the share link encodes. In an entry a
missing key means "not yet filled" (kept as None here, filled from the entry's suggestion by
prefill.py); "" means the user cleared the field."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from koensbalance.errors import FieldError, InputError
from koensbalance.text import fold_whitespace

DEFAULT_TITLE = "Handlingsplan for kønsbalance i ledelsen"
MAX_TITLE = 200
MAX_TEXT = 4000
MAX_ROLE = 200
MAX_ITEMS = 200
MAX_CHECKS = 100
MAX_TARGET_TEXT = 1000
FOLLOWUP_KINDS = ("subheading", "paragraph", "bullet")  # the block kinds of the follow-up part
MAX_FOLLOWUP_BLOCKS = 100
MAX_FOLLOWUP_LINES = 100
MAX_COUNT = 100_000
FIRST_YEAR, LAST_YEAR = 2000, 2100
ENTRY_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
MAX_ID = 120
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
GENDERS = ("kvinder", "maend")

# The entry fields a suggestion from the catalogue can fill (JSON key -> label for messages).
SUGGESTED = {"maalsaetning": "Målsætningen", "handlinger": "Handlingerne", "indikator": "Indikatoren"}
# Labels of every entry field, the same in the editor (widgets/plan.html), the policy draft, print,
# .docx and the calendar file. The responsible is a role, never a named person.
FIELD_LABELS = {"maalsaetning": "Målsætning", "handlinger": "Handling(er)", "indikator": "Indikator",
                "ansvarlig": "Ansvarlig (rolle)", "frist": "Frist"}


@dataclass(frozen=True)
class Item:
    """One chosen catalogue entry with the user's texts (None: not yet filled)."""

    id: str
    maalsaetning: str | None = None
    handlinger: str | None = None
    indikator: str | None = None
    ansvarlig: str = ""
    frist: date | None = None

    def text(self, key: str) -> str | None:
        """The value of a suggested field by its JSON key ('maalsaetning', 'handlinger', 'indikator')."""
        value: str | None = getattr(self, key)
        return value

    def filled(self, values: Mapping[str, str]) -> Item:
        """The item with its missing suggested fields set from `values` (key -> text)."""
        def pick(key: str) -> str | None:
            current = self.text(key)
            return values.get(key, "") if current is None else current

        return replace(self, maalsaetning=pick("maalsaetning"), handlinger=pick("handlinger"),
                       indikator=pick("indikator"))

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.id}
        data.update({key: self.text(key) for key in SUGGESTED if self.text(key) is not None})
        data["ansvarlig"] = self.ansvarlig
        data["frist"] = self.frist.isoformat() if self.frist else ""
        return data


@dataclass(frozen=True)
class Target:
    """The target taken over from "Sæt måltal" (see target.py): numbers and the sentences shown."""

    status_aar: int
    i_alt: int
    kvinder: int
    maend: int
    koen: str  # the underrepresented gender: "kvinder" or "maend"
    maaltal_pct: int
    maal_aar: int
    status_tekst: str
    maaltal_tekst: str
    rekruttering_tekst: str

    def to_dict(self) -> dict[str, Any]:
        return {"status_aar": self.status_aar, "i_alt": self.i_alt, "kvinder": self.kvinder,
                "maend": self.maend, "koen": self.koen, "maaltal_pct": self.maaltal_pct,
                "maal_aar": self.maal_aar, "status_tekst": self.status_tekst,
                "maaltal_tekst": self.maaltal_tekst, "rekruttering_tekst": self.rekruttering_tekst}


@dataclass(frozen=True)
class FollowUp:
    """The follow-up taken over from "Følg op": its part of the Status og måltal section (block kind
    and text, see document.Block) and its årshjul lines (day and text)."""

    afsnit: tuple[tuple[str, str], ...]
    aarshjul: tuple[tuple[date, str], ...]

    def to_dict(self) -> dict[str, Any]:
        return {"afsnit": [{"kind": kind, "text": text} for kind, text in self.afsnit],
                "aarshjul": [{"dato": day.isoformat(), "tekst": text} for day, text in self.aarshjul]}


@dataclass(frozen=True)
class Plan:
    titel: str = DEFAULT_TITLE
    organisation: str = ""
    maal: Target | None = None
    indsatser: tuple[Item, ...] = ()
    tjekliste: tuple[str, ...] = ()  # ids of the checklist items the user ticked
    opfoelgning: FollowUp | None = None

    @property
    def display_title(self) -> str:
        return fold_whitespace(self.titel) or DEFAULT_TITLE

    def to_dict(self) -> dict[str, Any]:
        return {"titel": self.titel, "organisation": self.organisation,
                "maal": self.maal.to_dict() if self.maal else None,
                "indsatser": [item.to_dict() for item in self.indsatser],
                "tjekliste": list(self.tjekliste),
                **({"opfoelgning": self.opfoelgning.to_dict()} if self.opfoelgning else {})}


def blank_plan() -> Plan:
    return Plan()


# ---- parsing ------------------------------------------------------------------------------------

def _text(raw: object, field: str, label: str, limit: int, errors: list[FieldError]) -> str:
    """A free text as typed (not stripped: the page stores the value while the user types)."""
    if raw is None:
        return ""
    if not isinstance(raw, str):
        errors.append(FieldError(field, f"{label} skal være en tekst."))
        return ""
    if len(raw) > limit:
        errors.append(FieldError(field, f"{label} må højst være {limit} tegn."))
    return raw


def parse_deadline(raw: object, field: str, errors: list[FieldError]) -> date | None:
    """'' -> None; 'YYYY-MM-DD' -> a real date between 2000 and 2100; anything else is an error."""
    if raw is None or raw == "":
        return None
    if isinstance(raw, str) and ISO_DATE.match(raw.strip()):
        try:
            day = date.fromisoformat(raw.strip())
        except ValueError:
            day = None
        if day is not None and FIRST_YEAR <= day.year <= LAST_YEAR:
            return day
    errors.append(FieldError(field, f"Fristen skal være en gyldig dato mellem {FIRST_YEAR} og "
                                    f"{LAST_YEAR}, fx 2026-03-31."))
    return None


def valid_id(value: object) -> bool:
    return isinstance(value, str) and len(value) <= MAX_ID and bool(ENTRY_ID.match(value))


def _item(raw: object, index: int, seen: set[str], errors: list[FieldError]) -> Item | None:
    where = f"indsatser.{index}"
    if not isinstance(raw, Mapping):
        errors.append(FieldError(where, f"Indsats {index + 1} kan ikke læses."))
        return None
    entry_id = raw.get("id")
    if not valid_id(entry_id):
        errors.append(FieldError(f"{where}.id", f"Indsats {index + 1} har et ugyldigt id."))
        return None
    assert isinstance(entry_id, str)
    if entry_id in seen:
        errors.append(FieldError(f"{where}.id", f"Indsats {index + 1} står allerede i planen."))
        return None
    seen.add(entry_id)
    texts: dict[str, str | None] = {}
    for key, label in SUGGESTED.items():
        # A missing key stays None: prefill fills it from the entry's suggestion.
        texts[key] = _text(raw[key], f"{where}.{key}", label, MAX_TEXT, errors) if key in raw else None
    role = _text(raw.get("ansvarlig"), f"{where}.ansvarlig", "Ansvarlig", MAX_ROLE, errors)
    deadline = parse_deadline(raw.get("frist"), f"{where}.frist", errors)
    return Item(id=entry_id, maalsaetning=texts["maalsaetning"], handlinger=texts["handlinger"],
                indikator=texts["indikator"], ansvarlig=role, frist=deadline)


def _int(raw: Mapping[str, Any], key: str, low: int, high: int) -> int | None:
    value = raw.get(key)
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        return None
    return value


def parse_target(raw: object) -> Target:
    """The plan's target as stored (numbers checked against each other); InputError on field "maal"."""
    bad = InputError([FieldError("maal", "Måltallet i planen kan ikke læses. Hent det igen fra "
                                         "»Sæt måltal«.")])
    if not isinstance(raw, Mapping):
        raise bad
    numbers = {
        "status_aar": _int(raw, "status_aar", FIRST_YEAR, LAST_YEAR),
        "i_alt": _int(raw, "i_alt", 1, MAX_COUNT),
        "kvinder": _int(raw, "kvinder", 0, MAX_COUNT),
        "maend": _int(raw, "maend", 0, MAX_COUNT),
        "maaltal_pct": _int(raw, "maaltal_pct", 1, 100),
        "maal_aar": _int(raw, "maal_aar", FIRST_YEAR, LAST_YEAR),
    }
    texts = {key: raw.get(key) for key in ("status_tekst", "maaltal_tekst", "rekruttering_tekst")}
    if any(v is None for v in numbers.values()) or raw.get("koen") not in GENDERS \
            or any(not isinstance(t, str) or len(t) > MAX_TARGET_TEXT for t in texts.values()):
        raise bad
    counts = {key: value for key, value in numbers.items() if value is not None}
    if counts["kvinder"] + counts["maend"] != counts["i_alt"]:
        raise bad
    return Target(koen=str(raw["koen"]), status_tekst=str(texts["status_tekst"]),
                  maaltal_tekst=str(texts["maaltal_tekst"]),
                  rekruttering_tekst=str(texts["rekruttering_tekst"]), **counts)


def _plain_text(value: object) -> str | None:
    return value if isinstance(value, str) and value.strip() and len(value) <= MAX_TARGET_TEXT else None


def parse_followup(raw: object) -> FollowUp:
    """The follow-up as stored (kinds, texts and dates checked); InputError on field "opfoelgning"."""
    bad = InputError([FieldError("opfoelgning", "Opfølgningen i planen kan ikke læses. Læg den ind "
                                                "igen fra »Følg op«.")])
    if not isinstance(raw, Mapping):
        raise bad
    blocks, lines = raw.get("afsnit"), raw.get("aarshjul")
    if not isinstance(blocks, list) or not isinstance(lines, list) or len(blocks) > MAX_FOLLOWUP_BLOCKS \
            or len(lines) > MAX_FOLLOWUP_LINES:
        raise bad
    afsnit = []
    for block in blocks:
        text = _plain_text(block.get("text")) if isinstance(block, Mapping) else None
        if text is None or block.get("kind") not in FOLLOWUP_KINDS:
            raise bad
        afsnit.append((str(block["kind"]), text))
    aarshjul = []
    for line in lines:
        text = _plain_text(line.get("tekst")) if isinstance(line, Mapping) else None
        errors: list[FieldError] = []
        day = parse_deadline(line.get("dato"), "opfoelgning", errors) if isinstance(line, Mapping) else None
        if text is None or day is None:
            raise bad
        aarshjul.append((day, text))
    return FollowUp(afsnit=tuple(afsnit), aarshjul=tuple(aarshjul))


def _checks(raw: object, errors: list[FieldError]) -> tuple[str, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list) or len(raw) > MAX_CHECKS or not all(valid_id(v) for v in raw):
        errors.append(FieldError("tjekliste", "Tjeklisten kan ikke læses."))
        return ()
    return tuple(dict.fromkeys(str(v) for v in raw))  # duplicates dropped, order kept


def _optional[T](parse: Callable[[object], T], raw: object, errors: list[FieldError]) -> T | None:
    """A part the plan may lack (None); its problems join the plan's."""
    if raw is None:
        return None
    try:
        return parse(raw)
    except InputError as exc:
        errors += exc.errors
        return None


def parse_plan(raw: object) -> Plan:
    """Validate a plain plan dict (JSON values); InputError lists every problem with its field."""
    if not isinstance(raw, Mapping):
        raise InputError([FieldError("", "Planen kan ikke læses.")])
    errors: list[FieldError] = []
    title = _text(raw["titel"], "titel", "Titlen", MAX_TITLE, errors) if "titel" in raw else DEFAULT_TITLE
    organisation = _text(raw.get("organisation"), "organisation", "Organisationen", MAX_TITLE, errors)
    target = _optional(parse_target, raw.get("maal"), errors)
    raw_items = raw.get("indsatser", [])
    if not isinstance(raw_items, list):
        errors.append(FieldError("indsatser", "Planen har ingen liste over indsatser."))
        raw_items = []
    if len(raw_items) > MAX_ITEMS:
        errors.append(FieldError("indsatser", f"Planen må højst have {MAX_ITEMS} indsatser."))
        raw_items = raw_items[:MAX_ITEMS]
    seen: set[str] = set()
    items = [_item(value, index, seen, errors) for index, value in enumerate(raw_items)]
    checks = _checks(raw.get("tjekliste"), errors)
    followup = _optional(parse_followup, raw.get("opfoelgning"), errors)
    if errors:
        raise InputError(errors)
    return Plan(titel=title, organisation=organisation, maal=target,
                indsatser=tuple(i for i in items if i), tjekliste=checks, opfoelgning=followup)
