"""The documented assessment, "Ligestillingsvurdering af <ydelse>", as one flat list of blocks (the
page turns it into print and .docx, like the plan builder) and as Markdown from the same blocks.
Block and markdown() are the plan builder's (koensbalance.plan.document), so both documents look
and escape alike.

Order: the service; the numbers for each comparison with the verdict, the sample size and the
source's figure; the hypotheses; the success criteria with their status; the chosen methods and next
steps; a short "Sådan regner vi"."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from koensbalance.plan.document import Block, markdown
from koensbalance.text import danish_date
from koensbalance.vurdering import methods
from koensbalance.vurdering.analysis import KINDS
from koensbalance.vurdering.config import Config
from koensbalance.vurdering.model import (
    EXAMPLE_LABEL,
    Assessment,
    criterion_status,
    criterion_target_text,
    measured_text,
)
from koensbalance.vurdering.texts import CRITERION_FIELDS, FIELDS

DEFAULT_SERVICE = "ydelsen"
EMPTY = "(ikke udfyldt)"
NOT_FILLED = "Tallene er ikke udfyldt endnu."

__all__ = ["Block", "blocks", "markdown", "title"]


def title(assessment: Assessment) -> str:
    service = " ".join(assessment.ydelse.split()) or DEFAULT_SERVICE
    return f"Ligestillingsvurdering af {service}"


def _field(label: str, value: str) -> Block:
    return Block("field", value.strip() or EMPTY, label=label)


def _comparison(kind: str, analysis: Mapping[str, Any], config: Config) -> list[Block]:
    out = [Block("subheading", KINDS[kind].heading)]
    if analysis.get("ok") is None:
        return out + [Block("paragraph", NOT_FILLED)]
    if not analysis["ok"]:
        problems = " ".join(e["message"] for e in analysis["errors"])
        return out + [Block("paragraph", f"Tallene kan ikke bruges endnu: {problems}")]
    result = analysis["result"]
    out += [Block("bullet", line) for line in result["linjer"]]
    out.append(Block("paragraph", result["konklusion"]))
    out.append(Block("paragraph", result["stikproeve"]["tekst"]))
    figure = config.figures.get(kind)
    if figure is not None:
        out.append(Block("paragraph", f"Til sammenligning i kilden: {figure.resume} (Kilde: {figure.kilde})"))
    return out


def _hypotheses(a: Assessment, config: Config) -> list[Block]:
    out = [Block("heading", "Hypoteser")]
    asked = {q.id for q in config.questions}
    pairs = [(q.tekst, a.hypoteser.get(q.id, "")) for q in config.questions]
    # Answers to questions the catalogue no longer has are kept, not lost.
    pairs += [(key, text) for key, text in a.hypoteser.items() if key not in asked and text.strip()]
    pairs.append((FIELDS["egne_hypoteser"], a.egne_hypoteser))
    for question, answer in pairs:
        out += [Block("subheading", question), Block("paragraph", answer.strip() or EMPTY)]
    return out


def _criteria(a: Assessment, today: date) -> list[Block]:
    out = [Block("heading", "Kønsspecifikke succeskriterier")]
    if not a.succeskriterier:
        return out + [Block("paragraph", "Der er endnu ingen succeskriterier.")]
    for index, c in enumerate(a.succeskriterier):
        status = criterion_status(c, index, today)
        out.append(Block("subheading", " ".join(c.maal.split()) or f"Succeskriterium {index + 1}"))
        out.append(_field(CRITERION_FIELDS["kvinder"], criterion_target_text(c, "kvinder")))
        out.append(_field(CRITERION_FIELDS["maend"], criterion_target_text(c, "maend")))
        day = danish_date(date.fromisoformat(c.dato)) if c.dato else ""
        out.append(_field(CRITERION_FIELDS["dato"], day))
        for gender in ("kvinder", "maend"):
            if measured_text(c, gender):
                out.append(_field(CRITERION_FIELDS[f"maalt_{gender}"], measured_text(c, gender)))
        out.append(_field(CRITERION_FIELDS["status"], status.tekst))
    return out


def _methods(a: Assessment, config: Config) -> list[Block]:
    out = [Block("heading", "Metode og næste skridt")]
    chosen = [tool for tool in (config.tool(t) for t in a.metoder) if tool is not None]
    if chosen:
        out += [Block("bullet", f"{t.titel} (Kilde: {t.kilde})") for t in chosen]
    else:
        out.append(Block("paragraph", "Der er endnu ikke valgt metoder."))
    out.append(_field(FIELDS["naeste_skridt"], a.naeste_skridt))
    return out


def blocks(a: Assessment, analyses: Mapping[str, Mapping[str, Any]], config: Config,
           today: date) -> list[Block]:
    """`analyses`: per comparison type the bridge-shaped answer ({"ok": True, "result": …} or
    {"ok": False, "errors": […]}), or {} when its numbers are still empty."""
    out = [Block("title", title(a))]
    if a.eksempel:
        out.append(Block("paragraph", f"{EXAMPLE_LABEL}. Tallene er opdigtede, ikke fra kilderne."))
    out.append(Block("heading", "Ydelsen"))
    out += [_field(FIELDS[key], getattr(a, key)) for key in ("ydelse", "maalgruppe", "spoergsmaal")]
    out.append(Block("heading", "Data opdelt på køn"))
    for kind in KINDS:
        out += _comparison(kind, analyses.get(kind, {}), config)
    out += _hypotheses(a, config)
    out += _criteria(a, today)
    out += _methods(a, config)
    out += [Block("heading", methods.HEADING), Block("paragraph", methods.SHORT)]
    return out


def to_markdown(document: Sequence[Block]) -> str:
    return markdown(document)
