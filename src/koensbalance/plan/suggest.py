"""What a catalogue entry suggests for the plan's fields, and a Danish note on where each suggestion
comes from. Only fields the entry genuinely has are suggested (everything else stays ""):

- a regional plan's focus area (planer, plan.schema.json `maal`): its first målsætning, the
  handlinger and the indikatorer that belong to it, as in Region Nordjyllands ligestillingsplan;
- an initiative or recommendation with `trin` (initiativ.schema.json: the source's concrete points,
  "I kan fx: …"): those points as handlinger.

Tools (værktøjer) describe how to run a method – their `trin` are steps or descriptions, not actions
of a policy – so they suggest nothing; neither do `hvorfor`, `resume` or `eksempler`, which are
reasons and examples, not objectives or indicators."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from koensbalance.catalogue import Entry
from koensbalance.plan.model import SUGGESTED
from koensbalance.text import fold_whitespace

PLAN_TYPES = ("initiativ", "anbefaling", "vaerktoej", "plan")  # entry types a plan can hold


@dataclass(frozen=True)
class Suggestion:
    values: dict[str, str]  # every suggested field, "" where the entry has nothing
    sources: dict[str, str] = field(default_factory=dict)  # only the fields with a suggestion


def _one_line(text: object) -> str:
    return fold_whitespace(str(text))


def as_lines(items: Iterable[object]) -> str:
    """['A', 'B'] -> '- A\\n- B' (one line per item, as the plan's text fields hold lists)."""
    return "\n".join(f"- {_one_line(item)}" for item in items)


def suggest(entry: Entry, citation: str) -> Suggestion:
    """The entry's suggestion; `citation` is the entry's source as text (document, section)."""
    values = dict.fromkeys(SUGGESTED, "")
    sources: dict[str, str] = {}
    if entry.type.name == "plan":
        goals = list(entry.data.get("maal") or [])
        if goals:
            first = goals[0]
            values["maalsaetning"] = _one_line(first["maalsaetning"])
            values["handlinger"] = as_lines(first["handlinger"])
            values["indikator"] = as_lines(first["indikatorer"])
            more = (f" Planen har {len(goals)} målsætninger; her er den første, de øvrige står på "
                    f"postens side." if len(goals) > 1 else "")
            sources = {
                "maalsaetning": f"Målsætningen fra {citation}.{more}",
                "handlinger": f"Handlingerne til målsætningen fra {citation}.",
                "indikator": f"Indikatorerne til målsætningen fra {citation}.",
            }
    elif entry.type.name in ("initiativ", "anbefaling") and entry.data.get("trin"):
        values["handlinger"] = as_lines(entry.data["trin"])
        sources["handlinger"] = f"Kildens konkrete forslag (»I kan fx: …«) fra {citation}."
    return Suggestion(values, sources)
