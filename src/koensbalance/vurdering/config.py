"""What the assessment page knows about the catalogue, read from the entries (never retyped): the
national figures beside the team's numbers (nøgletal), the source's hypothesis questions, the cases'
questions as examples, the source's examples of gender-specific success criteria and the tools to
choose from. `build_config(catalogue)` runs at build time (a macro embeds the result as JSON);
`parse_config(raw)` reads it back in the browser and refuses a wrong shape with one Danish message.

Which entry says what is kept here as pointers (entry id and field); the words come from the entry."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from koensbalance.errors import FieldError, InputError

if TYPE_CHECKING:  # the browser only parses the config; the build passes the catalogue
    from koensbalance.catalogue.model import Catalogue, Citation, Entry

SOURCE = "ligestillingsvurdering"
# The national figure shown beside each comparison (catalogue/noegletal/).
FIGURES = {"modtagere": "koen-og-kerneydelse-aeldre-der-faar-hjemmepleje",
           "resultat": "odense-kommune-selvhjulpne-efter-traening-som-hjaelp"}
# The source's questions for forming hypotheses: the workshop agenda item "Hypotesedannelse".
QUESTIONS_ENTRY = "workshops-med-medarbejderne-om-ligestillingsvurdering"
QUESTIONS_ITEM = "Hypotesedannelse"
# Questions the cases and the knowledge page ask, as examples of hypotheses to start from.
EXAMPLE_ENTRIES = ("odense-kommune-flere-selvhjulpne-borgere", "koen-og-kerneydelse")
# The source's examples of clear, gender-specific success criteria.
CRITERIA_ENTRY = "opstil-koensspecifikke-succeskriterier"
# Hand-offs: the workshop template whose data and hypothesis blocks carry the assessment's summary
# (catalogue/workshop/skabeloner.yaml), and the project-plan form's fields the assessment prefills
# (catalogue/workshop/formularer.yaml).
WORKSHOP_TEMPLATE = "workshop-kort"
WORKSHOP_DATA_BLOCK = "Oplæg om ligestilling og køn på området"
WORKSHOP_HYPOTHESIS_BLOCK = "Hypotesedannelse"
PROJECT_FORM = "projektplan"
PROJECT_FIELDS = ("projekttitel", "maalgruppe", "beskrivelse", "laeringsmaal")
BROKEN = "Sidens oplysninger om kataloget kan ikke læses. Genindlæs siden."
_QUOTED = re.compile(r"”([^”]+\?)”")
_QUESTION = re.compile(r"[^.:!?–”]*(?:\.(?=\?))?\?")
GENDER_LABELS = {"Kvinder": "kvinder", "Mænd": "maend"}


@dataclass(frozen=True)
class Figure:
    """A nøgletal: its values per gender in pct. and where it comes from."""

    id: str
    titel: str
    resume: str
    kvinder: float
    maend: float
    kvinder_tekst: str
    maend_tekst: str
    population: str
    kilde: str
    url: str


@dataclass(frozen=True)
class Cited:
    """A text from the catalogue with its source and the entry page it is on."""

    id: str
    tekst: str
    kilde: str
    url: str


@dataclass(frozen=True)
class Tool:
    id: str
    titel: str
    resume: str
    kilde: str
    url: str


@dataclass(frozen=True)
class Config:
    figures: Mapping[str, Figure] = field(default_factory=dict)
    questions: Sequence[Cited] = ()
    examples: Sequence[Cited] = ()
    criteria: Sequence[Cited] = ()
    tools: Sequence[Tool] = ()
    workshop: Mapping[str, Any] | None = None  # the template's agenda (workshop.model dict form)

    def tool(self, tool_id: str) -> Tool | None:
        return next((t for t in self.tools if t.id == tool_id), None)

    def to_dict(self) -> dict[str, Any]:
        return {"noegletal": {k: asdict(v) for k, v in self.figures.items()},
                "spoergsmaal": [asdict(q) for q in self.questions],
                "eksempler": [asdict(e) for e in self.examples],
                "kriterier": [asdict(c) for c in self.criteria],
                "metoder": [asdict(t) for t in self.tools],
                "workshop": None if self.workshop is None else dict(self.workshop)}


def slug(text: str) -> str:
    """An ASCII id from Danish text: 'Hvad fortæller data os?' -> 'hvad-fortaeller-data-os'."""
    text = text.lower().replace("æ", "ae").replace("ø", "oe").replace("å", "aa")
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")[:80]


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _cite(catalogue: Catalogue, citation: Citation) -> str:
    """'Ligestillingsvurdering (2015), afsnit …', as the other widgets cite."""
    source = catalogue.source(citation.source)
    return f"{source.title} ({source.year}), afsnit {_one_line(citation.section)}"


def _entry(catalogue: Catalogue, entry_id: str) -> Entry:
    entry = catalogue.by_id().get(entry_id)
    if entry is None:
        raise ValueError(f"Vurdér en ydelse: posten '{entry_id}' findes ikke i kataloget.")
    return entry


def _figure(catalogue: Catalogue, entry_id: str) -> Figure:
    entry = _entry(catalogue, entry_id)
    values = {GENDER_LABELS[v["etiket"]]: v for v in entry.data["vaerdier"] if v["etiket"] in GENDER_LABELS}
    if set(values) != {"kvinder", "maend"} or entry.data.get("enhed") != "pct.":
        raise ValueError(f"Vurdér en ydelse: nøgletallet '{entry_id}' skal have en andel i pct. for "
                         f"kvinder og for mænd.")
    return Figure(id=entry.id, titel=entry.title, resume=_one_line(entry.summary or ""),
                  kvinder=float(values["kvinder"]["vaerdi"]), maend=float(values["maend"]["vaerdi"]),
                  kvinder_tekst=values["kvinder"]["tekst"], maend_tekst=values["maend"]["tekst"],
                  population=_one_line(entry.data.get("population", "")),
                  kilde=_cite(catalogue, entry.citation), url=entry.url)


def _cited(catalogue: Catalogue, entry: Entry, texts: Sequence[str], sentence: bool = True) -> list[Cited]:
    """Texts of `entry` with its citation; `sentence`: a question cut out of a longer sentence starts
    with a capital letter."""
    kilde = _cite(catalogue, entry.citation)
    out = []
    for text in texts:
        text = _one_line(text)
        if sentence:
            text = text[0].upper() + text[1:]
        out.append(Cited(slug(text), text, kilde, entry.url))
    return out


def _source_questions(catalogue: Catalogue) -> list[Cited]:
    entry = _entry(catalogue, QUESTIONS_ENTRY)
    items = [p for s in entry.data.get("skabeloner", []) for p in s.get("punkter", [])
             if _one_line(p).startswith(QUESTIONS_ITEM)]
    questions = [q for item in items for q in _QUOTED.findall(_one_line(item))]
    if not questions:
        raise ValueError(f"Vurdér en ydelse: '{QUESTIONS_ENTRY}' har ikke punktet »{QUESTIONS_ITEM}« "
                         f"med spørgsmål i anførselstegn.")
    return _cited(catalogue, entry, questions)


def _texts(entry: Entry) -> list[str]:
    data = entry.data
    parts = [data.get("tekst", "")] + [f.get("tekst", "") for f in data.get("fokusomraader", [])]
    return [p for p in parts if p]


def _example_questions(catalogue: Catalogue) -> list[Cited]:
    out: list[Cited] = []
    for entry_id in EXAMPLE_ENTRIES:
        entry = _entry(catalogue, entry_id)
        questions = [q.strip() for text in _texts(entry) for q in _QUESTION.findall(_one_line(text))]
        out += _cited(catalogue, entry, [q for q in questions if len(q) > 1])
    return out


def _criteria(catalogue: Catalogue) -> list[Cited]:
    entry = _entry(catalogue, CRITERIA_ENTRY)
    points = [p for e in entry.data.get("eksempler", []) for p in e.get("punkter", [])]
    return _cited(catalogue, entry, [p.strip().strip("”“\"") for p in points], sentence=False)


def _tools(catalogue: Catalogue) -> list[Tool]:
    return [Tool(id=e.id, titel=e.title, resume=_one_line(e.summary or ""),
                 kilde=_cite(catalogue, e.citation), url=e.url)
            for e in catalogue.of_type("vaerktoej") if e.citation.source == SOURCE]


def _workshop(catalogue: Catalogue) -> dict[str, Any]:
    from koensbalance.workshop import forms, templates

    agenda = next((t.agenda for t in templates.load_templates(catalogue.data[templates.DATA_KEY])
                   if t.id == WORKSHOP_TEMPLATE), None)
    titles = [b.title for b in agenda.blocks] if agenda else []
    if agenda is None or not all(any(t.startswith(prefix) for t in titles)
                                 for prefix in (WORKSHOP_DATA_BLOCK, WORKSHOP_HYPOTHESIS_BLOCK)):
        raise ValueError(f"Vurdér en ydelse: workshopskabelonen '{WORKSHOP_TEMPLATE}' mangler eller har "
                         f"ikke punkterne »{WORKSHOP_DATA_BLOCK}« og »{WORKSHOP_HYPOTHESIS_BLOCK}«.")
    form = next((f for f in catalogue.data[forms.DATA_KEY]["formularer"] if f["id"] == PROJECT_FORM), None)
    if form is None or not set(PROJECT_FIELDS) <= {f["id"] for f in form["felter"]}:
        raise ValueError(f"Vurdér en ydelse: formularen '{PROJECT_FORM}' mangler felterne "
                         f"{', '.join(PROJECT_FIELDS)}.")
    return agenda.to_dict()


def build_config(catalogue: Catalogue) -> Config:
    """Everything the page needs from the catalogue; ValueError (one Danish line) if an entry it
    points at is missing or has changed shape."""
    return Config(figures={kind: _figure(catalogue, entry_id) for kind, entry_id in FIGURES.items()},
                  questions=_source_questions(catalogue), examples=_example_questions(catalogue),
                  criteria=_criteria(catalogue), tools=_tools(catalogue), workshop=_workshop(catalogue))


# ---- reading it back (the browser passes the embedded config with every call) ----------------------

def _broken() -> InputError:
    return InputError([FieldError("config", BROKEN)])


def _record(raw: object, cls: type[Any]) -> Any:
    names = list(cls.__dataclass_fields__)
    if not isinstance(raw, Mapping) or set(raw) != set(names):
        raise _broken()
    values = {}
    for name in names:
        value = raw[name]
        expected = float if name in ("kvinder", "maend") else str
        if expected is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if not isinstance(value, expected):
            raise _broken()
        values[name] = value
    return cls(**values)


def _list(raw: object, cls: type[Any]) -> list[Any]:
    if not isinstance(raw, list) or len(raw) > 500:
        raise _broken()
    return [_record(item, cls) for item in raw]


def parse_config(raw: object) -> Config:
    """The Config made by build_config().to_dict(); InputError on field "config" otherwise."""
    if raw is None:
        return Config()
    if not isinstance(raw, Mapping):
        raise _broken()
    figures = raw.get("noegletal", {})
    if not isinstance(figures, Mapping) or not set(figures) <= set(FIGURES):
        raise _broken()
    workshop = raw.get("workshop")
    if workshop is not None:
        from koensbalance.workshop.model import parse_agenda

        try:
            workshop = parse_agenda(workshop).to_dict()
        except InputError:
            raise _broken() from None
    return Config(figures={k: _record(v, Figure) for k, v in figures.items()},
                  questions=_list(raw.get("spoergsmaal", []), Cited),
                  examples=_list(raw.get("eksempler", []), Cited),
                  criteria=_list(raw.get("kriterier", []), Cited),
                  tools=_list(raw.get("metoder", []), Tool), workshop=workshop)
