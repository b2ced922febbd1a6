"""The kit's catalogue data (catalogue/mobilitet/*.yaml) as small typed values. The catalogue check
has already held every text to the entry it comes from (its JSON Schemas, and
koensbalance.catalogue.data_checks: template points word for word and in the source's order, quoted
sentences as excerpts of the entry, months the numbers of their excerpt, ids once); this only adapts.

The page embeds `KitConfig.to_config()` as JSON and passes it back with every call; `from_config`
reads it defensively (a wrong shape is one Danish message: the page's own data, so reload)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from koensbalance.errors import FieldError, InputError
from koensbalance.workshop.forms import Form

FOLDER = "mobilitet"
KEYS = {"analysis": f"{FOLDER}/jobanalyse", "expectations": f"{FOLDER}/forventninger",
        "conversations": f"{FOLDER}/samtaler", "onboarding": f"{FOLDER}/forloeb"}
SOURCE = "ledermobilitet"
BROKEN = "Sidens oplysninger om værktøjet kan ikke læses. Genindlæs siden."


@dataclass(frozen=True)
class Cited:
    """Where a part of the kit comes from: the source, its section and the catalogue entry."""

    source: str
    section: str
    entry: str

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> Cited:
        return cls(_str(data["kilde"]["dokument"]), _str(data["kilde"]["afsnit"]), _str(data["post"]))

    def to_data(self) -> dict[str, Any]:
        return {"kilde": {"dokument": self.source, "afsnit": self.section}, "post": self.entry}


@dataclass(frozen=True)
class Topic:
    id: str
    label: str  # the template's point, word for word ("ledelsesrum")


@dataclass(frozen=True)
class Side:
    id: str  # "organisation" | "kandidat"
    name: str  # "Kandidaten"
    genitive: str  # "Kandidatens"


@dataclass(frozen=True)
class Expectations:
    id: str
    title: str
    cited: Cited
    template: str
    topics: tuple[Topic, ...]
    guidance: str  # the source's advice to give percentages
    sides: tuple[Side, Side]
    threshold: int  # OURS: topics this many points apart or more are marked

    def side(self, side_id: str) -> Side:
        return next(s for s in self.sides if s.id == side_id)

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> Expectations:
        sides = tuple(Side(_str(s["id"]), _str(s["navn"]), _str(s["ejefald"])) for s in data["sider"])
        if len(sides) != 2:
            raise ValueError("two sides")
        return cls(_str(data["id"]), _str(data["titel"]), Cited.from_data(data), _str(data["skabelon"]),
                   tuple(Topic(_str(t["id"]), _str(t["punkt"])) for t in data["emner"]),
                   _str(data["vejledning"]), (sides[0], sides[1]), _int(data["markering"]["point"]))

    def to_data(self) -> dict[str, Any]:
        return {"id": self.id, "titel": self.title, **self.cited.to_data(), "skabelon": self.template,
                "emner": [{"id": t.id, "punkt": t.label} for t in self.topics],
                "vejledning": self.guidance,
                "sider": [{"id": s.id, "navn": s.name, "ejefald": s.genitive} for s in self.sides],
                "markering": {"point": self.threshold}}


@dataclass(frozen=True)
class Theme:
    """The source's themes for the earlier or the later conversations (a template of the entry)."""

    template: str
    points: tuple[str, ...]

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> Theme:
        return cls(_str(data["skabelon"]), tuple(_str(p) for p in data["punkter"]))

    def to_data(self) -> dict[str, Any]:
        return {"skabelon": self.template, "punkter": list(self.points)}


@dataclass(frozen=True)
class Conversations:
    id: str
    title: str
    cited: Cited
    months: tuple[int, ...]  # the source's example: 1, 3, 6 and 12 months after the start
    months_excerpt: str
    question_frame: str  # "Overvej at sætte samtalerne … i system ved at udvikle en spørgeramme."
    early: Theme
    early_until: int  # OURS: conversations up to this month are the earlier ones
    later: Theme
    wonder_title: str  # OURS: heading of the new leader's list
    wonder_text: str  # the source's advice to keep the list
    preparation: str
    clock: str  # OURS: default time of day "10:00"
    minutes: int  # OURS: default length
    days_off: bool  # OURS: also move conversations off 1 May, 5 June, 24 and 31 December

    def theme(self, month: int) -> Theme:
        return self.early if month <= self.early_until else self.later

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> Conversations:
        when = data["tidspunkt"]
        return cls(
            _str(data["id"]), _str(data["titel"]), Cited.from_data(data),
            tuple(_int(m) for m in data["maaneder"]), _str(data["maaneder_uddrag"]),
            _str(data["spoergeramme"]), Theme.from_data(data["tidlige"]),
            _int(data["tidlige"]["til_og_med_maaned"]), Theme.from_data(data["senere"]),
            _str(data["undren"]["titel"]), _str(data["undren"]["tekst"]), _str(data["forberedelse"]),
            _str(when["klokken"]), _int(when["minutter"]), _bool(data["flyt_fra_fridage"]))

    def to_data(self) -> dict[str, Any]:
        return {"id": self.id, "titel": self.title, **self.cited.to_data(), "maaneder": list(self.months),
                "maaneder_uddrag": self.months_excerpt, "spoergeramme": self.question_frame,
                "tidlige": {**self.early.to_data(), "til_og_med_maaned": self.early_until},
                "senere": self.later.to_data(),
                "undren": {"titel": self.wonder_title, "tekst": self.wonder_text},
                "forberedelse": self.preparation,
                "tidspunkt": {"klokken": self.clock, "minutter": self.minutes},
                "flyt_fra_fridage": self.days_off}


@dataclass(frozen=True)
class Step:
    id: str
    label: str  # the template's point, word for word
    day: int  # relative to the leader's first day (0); negative is before it
    day_excerpts: tuple[str, ...] = ()  # the source's words the day rests on; none: OUR suggestion

    @property
    def day_from_source(self) -> bool:
        return bool(self.day_excerpts)


@dataclass(frozen=True)
class Phase:
    id: str
    title: str
    template: str
    begins: str  # the source's words on when the phase begins ("" when it says nothing)
    steps: tuple[Step, ...]


@dataclass(frozen=True)
class Onboarding:
    id: str
    title: str
    cited: Cited
    phases: tuple[Phase, ...]

    @property
    def steps(self) -> tuple[Step, ...]:
        return tuple(step for phase in self.phases for step in phase.steps)

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> Onboarding:
        phases = tuple(
            Phase(_str(p["id"]), _str(p["titel"]), _str(p["skabelon"]), _str(p.get("begynder", "")),
                  tuple(Step(_str(s["id"]), _str(s["punkt"]), _int(s["dag"]),
                             tuple(_str(x) for x in s.get("dag_uddrag") or ())) for s in p["trin"]))
            for p in data["faser"])
        return cls(_str(data["id"]), _str(data["titel"]), Cited.from_data(data), phases)

    def to_data(self) -> dict[str, Any]:
        def step(s: Step) -> dict[str, Any]:
            out: dict[str, Any] = {"id": s.id, "punkt": s.label, "dag": s.day}
            if s.day_excerpts:
                out["dag_uddrag"] = list(s.day_excerpts)
            return out

        return {"id": self.id, "titel": self.title, **self.cited.to_data(),
                "faser": [{"id": p.id, "titel": p.title, "skabelon": p.template,
                           **({"begynder": p.begins} if p.begins else {}),
                           "trin": [step(s) for s in p.steps]} for p in self.phases]}


@dataclass(frozen=True)
class KitConfig:
    analysis: Form  # the job and competence analysis: the workshop forms' model, reused
    expectations: Expectations
    conversations: Conversations
    onboarding: Onboarding
    source_name: str  # "Ledermobilitet", for citations in the exports
    source_title: str = ""

    def to_config(self) -> dict[str, Any]:
        """The kit's data as the page embeds it (the data files' shapes plus the source's name)."""
        return {"jobanalyse": self.analysis.to_config(), "forventninger": self.expectations.to_data(),
                "samtaler": self.conversations.to_data(), "forloeb": self.onboarding.to_data(),
                "kilde_navn": self.source_name, "kilde_titel": self.source_title}

    @classmethod
    def from_config(cls, raw: object) -> KitConfig:
        if not isinstance(raw, Mapping):
            raise _broken()
        try:
            name = _str(raw["kilde_navn"])
            return cls(Form.from_config(raw["jobanalyse"]), Expectations.from_data(raw["forventninger"]),
                       Conversations.from_data(raw["samtaler"]), Onboarding.from_data(raw["forloeb"]),
                       name, _str(raw.get("kilde_titel", "")))
        except (KeyError, TypeError, ValueError, AttributeError, IndexError, InputError):
            raise _broken() from None


def load(data: Mapping[str, Any], source_names: Mapping[str, str],
         source_titles: Mapping[str, str] | None = None) -> KitConfig:
    """The kit from Catalogue.data (the four files, validated by the catalogue check)."""
    analysis = data[KEYS["analysis"]]
    name = source_names[analysis["kilde"]["dokument"]]
    return KitConfig(Form.from_data(analysis, name), Expectations.from_data(data[KEYS["expectations"]]),
                     Conversations.from_data(data[KEYS["conversations"]]),
                     Onboarding.from_data(data[KEYS["onboarding"]]), name,
                     (source_titles or {}).get(analysis["kilde"]["dokument"], ""))


# ---- defensive reading of the page's copy ----------------------------------------------------------

def _broken() -> InputError:
    return InputError([FieldError("config", BROKEN)])


def _str(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError("text expected")
    return value


def _int(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError("whole number expected")
    return value


def _bool(value: object) -> bool:
    if not isinstance(value, bool):
        raise TypeError("true/false expected")
    return value
