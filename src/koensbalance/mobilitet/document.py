"""The whole kit as one flat list of document blocks (the blocks of koensbalance.plan.document, so the
page prints them and makes the .docx with the plan builder's code) and as Markdown rendered from the
same blocks.

Order (that of hiring, as on the page): title, job and start date; the job and competence analysis;
the expectations side by side; the dated preboarding/onboarding checklist; the follow-up
conversations with their themes, the new leader's list and the preparation. Every part names its
source section; our own choices are said."""

from __future__ import annotations

from koensbalance.mobilitet.config import KitConfig
from koensbalance.mobilitet.dates import (
    DatedStep,
    checklist,
    conversations,
    early_later_note,
    moving_note,
    relative_day,
    weekday_date,
)
from koensbalance.mobilitet.expectations import Comparison, compare, points
from koensbalance.mobilitet.model import Kit
from koensbalance.plan.document import EMPTY_FIELD, Block, markdown
from koensbalance.text import format_pct

TITLE = "Ansæt en sektorskifter"
NO_START = "Skriv lederens første arbejdsdag, så får samtalerne og tjeklisten datoer."
NO_MONTHS = "Der er ingen opfølgende samtaler. Skriv de måneder, samtalerne skal holdes efter."
OUR_DAY = "dagen er vores forslag"
SOURCE_DAY = "dagen bygger på kilden"

__all__ = ["blocks", "markdown", "step_timing"]


def _words(text: str) -> str:
    return " ".join(text.split())


def _source(config: KitConfig, section: str) -> Block:
    return Block("paragraph", f"Kilde: {config.source_name}, {section}.")


def _analysis(kit: Kit, config: KitConfig) -> list[Block]:
    form = config.analysis
    out = [Block("heading", form.title)]
    for question in form.fields:  # a question ends in "?" or ".", so it is a heading, not "label:"
        out += [Block("subheading", _words(question.label)),
                Block("paragraph", kit.analyse.get(question.id, "").strip() or EMPTY_FIELD)]
    out.append(_source(config, form.section))
    return out


def _row_text(comparison: Comparison, index: int) -> str:
    row = comparison.rows[index]
    first, second = comparison.expectations.sides
    shares = ", ".join(f"{side.name.lower()} {'ikke udfyldt' if v is None else format_pct(v)}"
                       for side, v in ((first, row.first), (second, row.second)))
    text = f"{row.topic.label}: {shares}"
    if row.difference is not None:
        text += (" – ingen forskel" if row.difference == 0 else
                 f" – forskel {points(abs(row.difference))}" + (" (markeret)" if row.marked else ""))
    return text


def _expectations(kit: Kit, config: KitConfig) -> list[Block]:
    exp = config.expectations
    comparison = compare(exp, kit)
    out = [Block("heading", exp.title), Block("paragraph", _words(exp.guidance))]
    out += [Block("bullet", _row_text(comparison, i)) for i in range(len(comparison.rows))]
    out += [Block("paragraph", " ".join(t.message for t in comparison.totals)),
            Block("paragraph", comparison.summary), Block("paragraph", comparison.threshold_note),
            _source(config, exp.cited.section)]
    return out


def _conversations(kit: Kit, config: KitConfig) -> list[Block]:
    conv = config.conversations
    out = [Block("heading", conv.title)]
    if kit.start is None:
        out.append(Block("paragraph", NO_START))
    elif not kit.maaneder:
        out.append(Block("paragraph", NO_MONTHS))
    else:
        out.append(Block("paragraph", f"{moving_note(conv)} {early_later_note(conv)}"))
        for talk in conversations(kit.start, kit.maaneder, conv):
            out.append(Block("subheading", f"{talk.title}: {weekday_date(talk.when.day)} kl. {kit.klokken}"))
            if talk.when.moved:
                out.append(Block("paragraph", talk.when.note))
            out.append(Block("paragraph", f"{talk.theme.template}:"))
            out += [Block("bullet", _words(point)) for point in talk.theme.points]
            notes = kit.noter.get(talk.month, "").strip()
            if notes:
                out.append(Block("field", notes, label="Noter"))
    out += [Block("subheading", conv.wonder_title), Block("paragraph", _words(conv.wonder_text))]
    out += [Block("bullet", item) for item in kit.undren] or [Block("paragraph", EMPTY_FIELD)]
    out += [Block("paragraph", _words(conv.preparation)), Block("paragraph", _words(conv.question_frame)),
            _source(config, conv.cited.section)]
    return out


def step_timing(dated: DatedStep) -> str:
    """'21 dage før første arbejdsdag; dagen er vores forslag' (or '…; dagen bygger på kilden')."""
    return f"{relative_day(dated.step.day)}; {SOURCE_DAY if dated.step.day_from_source else OUR_DAY}"


def _checklist(kit: Kit, config: KitConfig) -> list[Block]:
    flow = config.onboarding
    out = [Block("heading", flow.title)]
    if kit.start is None:
        out.append(Block("paragraph", NO_START))
    for phase, steps in checklist(kit.start, flow, kit.tjekliste, config.conversations.days_off):
        out.append(Block("subheading", phase.title))
        if phase.begins:
            out.append(Block("paragraph", _words(phase.begins)))
        for dated in steps:
            when = weekday_date(dated.when.day) if dated.when else ""
            how = step_timing(dated)
            label = _words(dated.step.label)
            text = f"{when}: {label} ({how})" if when else f"{label} ({how})"
            if dated.when and dated.when.moved:
                text += f" {dated.when.note}"
            out.append(Block("check", text, checked=dated.done))
    out.append(_source(config, flow.cited.section))
    return out


def blocks(kit: Kit, config: KitConfig) -> list[Block]:
    title = f"{TITLE}: {kit.stilling}" if kit.stilling else TITLE
    out = [Block("title", title)]
    if kit.stilling:
        out.append(Block("field", kit.stilling, label="Stilling"))
    first_day = weekday_date(kit.start) if kit.start else EMPTY_FIELD
    out.append(Block("field", first_day, label="Første arbejdsdag"))
    for part in (_analysis, _expectations, _checklist, _conversations):  # the order of hiring
        out += part(kit, config)
    if config.source_title:
        out.append(Block("paragraph", f"Alle tekster fra kilden er fra »{config.source_title}«."))
    return out
