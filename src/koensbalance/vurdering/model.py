"""The assessment a team builds, step by step: the service, the numbers for the two comparisons (as
typed, so nothing is lost while a field is still wrong), answers to the hypothesis questions, the
gender-specific success criteria and the chosen tools.

The plain dict form (`Assessment.to_dict`, read back by `parse_assessment`) is what the browser keeps
in localStorage, what the JSON file holds and what the share link encodes. Reading checks every type
and length and refuses anything else with one Danish message on the given field; numbers are only
checked when they are used (analysis.py, `criterion_status`), each problem on its own field."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from koensbalance.errors import FieldError, InputError
from koensbalance.text import danish_date
from koensbalance.vurdering.analysis import GENDERS, KINDS
from koensbalance.vurdering.numbers import parse_amount
from koensbalance.vurdering.texts import CRITERION_FIELDS

MAX_TEXT = 4000
MAX_SHORT = 300
MAX_NUMBER_TEXT = 40
MAX_CRITERIA = 20
MAX_TOOLS = 50
MAX_ANSWERS = 50
ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
DIRECTIONS = {"mindst": "mindst", "hoejst": "højst"}
INVALID = "Vurderingen kan ikke læses: {reason}"
EXAMPLE_LABEL = "Eksempel – skriv jeres egne tal"


@dataclass(frozen=True)
class Criterion:
    """A gender-specific success criterion: what is measured, a number to reach per gender by a
    date, and (later) what was measured. Numbers are kept as typed."""

    maal: str = ""
    enhed: str = ""
    retning: str = "mindst"  # "mindst": at least the number; "hoejst": at most
    kvinder: str = ""
    maend: str = ""
    dato: str = ""  # ISO date or ""
    maalt_kvinder: str = ""
    maalt_maend: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"maal": self.maal, "enhed": self.enhed, "retning": self.retning, "kvinder": self.kvinder,
                "maend": self.maend, "dato": self.dato, "maalt_kvinder": self.maalt_kvinder,
                "maalt_maend": self.maalt_maend}


def _empty_numbers(kind: str) -> dict[str, dict[str, str]]:
    fields = (KINDS[kind].part, KINDS[kind].whole)
    return {gender: {f: "" for f in fields} for gender in GENDERS}


@dataclass(frozen=True)
class Assessment:
    ydelse: str = ""
    maalgruppe: str = ""
    spoergsmaal: str = ""
    modtagere: Mapping[str, Mapping[str, str]] = field(default_factory=lambda: _empty_numbers("modtagere"))
    resultat: Mapping[str, Mapping[str, str]] = field(default_factory=lambda: _empty_numbers("resultat"))
    forskel: str = ""  # the difference (percentage points) the team wants to be able to detect
    hypoteser: Mapping[str, str] = field(default_factory=dict)  # question id -> answer
    egne_hypoteser: str = ""
    succeskriterier: tuple[Criterion, ...] = ()
    metoder: tuple[str, ...] = ()  # tool ids from the catalogue
    naeste_skridt: str = ""
    eksempel: bool = False  # the page's example, not the team's own numbers

    def numbers(self, kind: str) -> Mapping[str, Mapping[str, str]]:
        return self.modtagere if kind == "modtagere" else self.resultat

    def payload(self, kind: str) -> dict[str, Any]:
        """The analysis payload (analysis.analyse) for one comparison."""
        numbers = self.numbers(kind)
        return {"type": kind, **{g: dict(numbers[g]) for g in GENDERS}, "forskel": self.forskel}

    def filled(self, kind: str) -> bool:
        return any(v.strip() for g in GENDERS for v in self.numbers(kind)[g].values())

    def to_dict(self) -> dict[str, Any]:
        return {
            "ydelse": self.ydelse, "maalgruppe": self.maalgruppe, "spoergsmaal": self.spoergsmaal,
            "modtagere": {g: dict(self.modtagere[g]) for g in GENDERS},
            "resultat": {g: dict(self.resultat[g]) for g in GENDERS},
            "forskel": self.forskel, "hypoteser": dict(self.hypoteser), "egne_hypoteser": self.egne_hypoteser,
            "succeskriterier": [c.to_dict() for c in self.succeskriterier], "metoder": list(self.metoder),
            "naeste_skridt": self.naeste_skridt, "eksempel": self.eksempel,
        }


def _bad(where: str, reason: str) -> InputError:
    return InputError([FieldError(where, INVALID.format(reason=reason))])


def _text(raw: Mapping[str, Any], key: str, limit: int, where: str) -> str:
    value = raw.get(key, "")
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise _bad(where, f"feltet »{key}« skal være tekst.")
    text = str(value)
    if len(text) > limit:
        raise _bad(where, f"feltet »{key}« er længere end {limit} tegn.")
    return text


def _numbers(raw: object, kind: str, where: str) -> dict[str, dict[str, str]]:
    out = _empty_numbers(kind)
    if raw is None:
        return out
    if not isinstance(raw, Mapping):
        raise _bad(where, f"tallene i »{kind}« har en forkert form.")
    for gender in GENDERS:
        values = raw.get(gender) or {}
        if not isinstance(values, Mapping):
            raise _bad(where, f"tallene i »{kind}« har en forkert form.")
        for key in out[gender]:
            out[gender][key] = _text(values, key, MAX_NUMBER_TEXT, where)
    return out


def _criterion(raw: object, where: str) -> Criterion:
    if not isinstance(raw, Mapping):
        raise _bad(where, "et succeskriterium har en forkert form.")
    direction = _text(raw, "retning", 10, where) or "mindst"
    if direction not in DIRECTIONS:
        raise _bad(where, "et succeskriterium har en ukendt retning.")
    day = _text(raw, "dato", 10, where)
    if day and not _valid_date(day):
        raise _bad(where, f"datoen »{day}« er ikke en gyldig dato.")
    return Criterion(maal=_text(raw, "maal", MAX_SHORT, where), enhed=_text(raw, "enhed", 40, where),
                     retning=direction, kvinder=_text(raw, "kvinder", MAX_NUMBER_TEXT, where),
                     maend=_text(raw, "maend", MAX_NUMBER_TEXT, where), dato=day,
                     maalt_kvinder=_text(raw, "maalt_kvinder", MAX_NUMBER_TEXT, where),
                     maalt_maend=_text(raw, "maalt_maend", MAX_NUMBER_TEXT, where))


def _valid_date(text: str) -> bool:
    if not ISO_DATE.match(text):
        return False
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def parse_assessment(raw: object, where: str = "vurdering") -> Assessment:
    """An Assessment from its dict form; InputError on field `where` with a Danish message."""
    if raw is None:
        return Assessment()
    if not isinstance(raw, Mapping):
        raise _bad(where, "den har en forkert form.")
    answers = raw.get("hypoteser") or {}
    if not isinstance(answers, Mapping) or len(answers) > MAX_ANSWERS or \
            not all(isinstance(k, str) and ID.match(k) for k in answers):
        raise _bad(where, "svarene på spørgsmålene har en forkert form.")
    criteria = raw.get("succeskriterier") or []
    if not isinstance(criteria, list) or len(criteria) > MAX_CRITERIA:
        raise _bad(where, f"der kan højst være {MAX_CRITERIA} succeskriterier.")
    tools = raw.get("metoder") or []
    if not isinstance(tools, list) or len(tools) > MAX_TOOLS or \
            not all(isinstance(t, str) and len(t) <= 120 and ID.match(t) for t in tools):
        raise _bad(where, "de valgte metoder har en forkert form.")
    example = raw.get("eksempel", False)
    if not isinstance(example, bool):
        raise _bad(where, "feltet »eksempel« skal være sand eller falsk.")
    return Assessment(
        ydelse=_text(raw, "ydelse", MAX_SHORT, where), maalgruppe=_text(raw, "maalgruppe", MAX_SHORT, where),
        spoergsmaal=_text(raw, "spoergsmaal", MAX_TEXT, where),
        modtagere=_numbers(raw.get("modtagere"), "modtagere", where),
        resultat=_numbers(raw.get("resultat"), "resultat", where),
        forskel=_text(raw, "forskel", MAX_NUMBER_TEXT, where),
        hypoteser={k: _text(answers, k, MAX_TEXT, where) for k in answers},
        egne_hypoteser=_text(raw, "egne_hypoteser", MAX_TEXT, where),
        succeskriterier=tuple(_criterion(c, where) for c in criteria),
        metoder=tuple(dict.fromkeys(tools)), naeste_skridt=_text(raw, "naeste_skridt", MAX_TEXT, where),
        eksempel=example)


def without_unknown_tools(assessment: Assessment, known: set[str]) -> Assessment:
    """Tools no longer in the catalogue are dropped (a link from an older site), not an error."""
    return replace(assessment, metoder=tuple(t for t in assessment.metoder if t in known))


# ---- success criteria: met or not ----------------------------------------------------------------

@dataclass(frozen=True)
class CriterionStatus:
    status: str  # "ikke_maalt" | "opfyldt" | "delvist" | "ikke_opfyldt" | "fejl"
    tekst: str
    kvinder: bool | None  # met for women (None: not measured)
    maend: bool | None
    fejl: tuple[FieldError, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"status": self.status, "tekst": self.tekst, "kvinder": self.kvinder, "maend": self.maend,
                "fejl": [{"field": e.field, "message": e.message} for e in self.fejl]}


NOUNS = {"kvinder": "kvinder", "maend": "mænd"}
NUMBER_KEYS = ("kvinder", "maend", "maalt_kvinder", "maalt_maend")


def criterion_status(c: Criterion, index: int, today: date) -> CriterionStatus:
    """Whether a criterion is met for each gender, from the numbers measured later."""
    errors: list[FieldError] = []
    values: dict[str, float | None] = {}
    for key in NUMBER_KEYS:
        label = CRITERION_FIELDS[key]
        raw = getattr(c, key)
        if not raw.strip():
            values[key] = None
            continue
        value, error = parse_amount(raw, f"succeskriterier.{index}.{key}", label)
        if error:
            errors.append(error)
        values[key] = value
    if errors:
        return CriterionStatus("fejl", "Ret tallene i kriteriet.", None, None, tuple(errors))
    met: dict[str, bool | None] = {}
    for gender in GENDERS:
        target, measured = values[gender], values[f"maalt_{gender}"]
        if target is None or measured is None:
            met[gender] = None
        else:
            met[gender] = measured >= target if c.retning == "mindst" else measured <= target
    return CriterionStatus(*_status_text(c, met, today), met["kvinder"], met["maend"])


def _status_text(c: Criterion, met: Mapping[str, bool | None], today: date) -> tuple[str, str]:
    measured = [g for g in GENDERS if met[g] is not None]
    if not measured:
        if c.dato and date.fromisoformat(c.dato) < today:
            return "ikke_maalt", f"Ikke målt endnu – fristen var {danish_date(date.fromisoformat(c.dato))}."
        when = f" – måles senest {danish_date(date.fromisoformat(c.dato))}" if c.dato else ""
        return "ikke_maalt", f"Ikke målt endnu{when}."
    yes = [NOUNS[g] for g in measured if met[g]]
    no = [NOUNS[g] for g in measured if not met[g]]
    if not no:
        who = "både kvinder og mænd" if len(yes) == 2 else f"{yes[0]} (ikke målt for de øvrige)"
        return ("opfyldt" if len(yes) == 2 else "delvist"), f"Opfyldt for {who}."
    if not yes:
        who = "hverken kvinder eller mænd" if len(no) == 2 else no[0]
        return "ikke_opfyldt", f"Ikke opfyldt for {who}."
    return "delvist", f"Opfyldt for {yes[0]}, ikke for {no[0]}."


def criterion_target_text(c: Criterion, gender: str) -> str:
    raw = getattr(c, gender).strip()
    if not raw:
        return ""
    unit = f" {c.enhed.strip()}" if c.enhed.strip() else ""
    return f"{DIRECTIONS[c.retning]} {raw}{unit}"


def measured_text(c: Criterion, gender: str) -> str:
    raw = getattr(c, f"maalt_{gender}").strip()
    unit = f" {c.enhed.strip()}" if c.enhed.strip() else ""
    return f"{raw}{unit}" if raw else ""


# ---- the page's example ------------------------------------------------------------------------------

EXAMPLE = Assessment(
    ydelse="Eksempel: et rehabiliteringsforløb i hjemmeplejen",
    maalgruppe="Eksempel: borgere over 65 år, der er visiteret til hjemmepleje",
    spoergsmaal="Eksempel: Får kvinder og mænd lige meget ud af forløbet?",
    modtagere={"kvinder": {"antal": "120", "population": "600"},
               "maend": {"antal": "60", "population": "500"}},
    resultat={"kvinder": {"gennemfoert": "40", "opnaaet": "16"},
              "maend": {"gennemfoert": "30", "opnaaet": "18"}},
    forskel="20",
    succeskriterier=(Criterion(maal="Eksempel: antal borgere, der kommer igennem forløbet", enhed="borgere",
                               kvinder="50", maend="40", dato="2027-12-31"),),
    metoder=("indsamling-af-koensspecifikke-data-om-maalgruppen",
             "workshops-med-medarbejderne-om-ligestillingsvurdering"),
    eksempel=True,
)


def example_numbers_text() -> str:
    return f"{EXAMPLE_LABEL}. Tallene er opdigtede og runde, ikke fra kilderne."

