"""What the page »Ansæt en sektorskifter« shows, as plain values, and the bridge handlers. The build
renders `view(blank_kit(config), config)` before any JavaScript runs; the browser calls the same
functions through koensbalance.bridge with the page's embedded config and the user's kit.

The calendar file (ics.py, icalendar) is not imported here; bridge loads it for "mobilitet.ics"."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from koensbalance.errors import FieldError, InputError
from koensbalance.mobilitet import codec, document, files
from koensbalance.mobilitet.chart import TAGS, chart
from koensbalance.mobilitet.config import KitConfig
from koensbalance.mobilitet.dates import (
    checklist,
    conversation_plan,
    day_off,
    early_later_note,
    moving_note,
    weekday_date,
)
from koensbalance.mobilitet.expectations import compare
from koensbalance.mobilitet.model import Kit, blank_kit, parse_kit


def start_note(kit: Kit, config: KitConfig) -> str:
    """A word when the first day itself is not a working day (the dates are counted from it anyway)."""
    if kit.start is None:
        return ""
    reason = day_off(kit.start, config.conversations.days_off)
    return (f"{weekday_date(kit.start).capitalize()} er {reason}. Tjek, at det er lederens første "
            "arbejdsdag." if reason else "")


def links(kit: Kit, config: KitConfig, base_url: str) -> dict[str, str]:
    """Per side, the share link of its numbers ('' without a base URL or before it has numbers)."""
    out = {}
    for side in config.expectations.sides:
        try:
            out[side.id] = codec.share_link(kit, config, side.id, base_url) if base_url else ""
        except InputError:
            out[side.id] = ""
    return out


def view(kit: Kit, config: KitConfig, base_url: str = "") -> dict[str, Any]:
    """Everything the page shows for one kit."""
    conv = config.conversations
    comparison = compare(config.expectations, kit)
    blocks = document.blocks(kit, config)
    return {
        "kit": kit.to_dict(),
        "start_note": start_note(kit, config),
        "forventninger": comparison.to_dict(),
        "diagram": chart(comparison),
        "samtaler": conversation_plan(kit.start, kit.maaneder, conv),
        "samtaler_besked": (document.NO_START if kit.start is None else
                            document.NO_MONTHS if not kit.maaneder else ""),
        "flytning_note": moving_note(conv),
        "tidlige_note": early_later_note(conv),
        "tjekliste": [{"fase": phase.title, "begynder": " ".join(phase.begins.split()),
                       "trin": [{**step.to_dict(), "tid": document.step_timing(step)} for step in steps]}
                      for phase, steps in checklist(kit.start, config.onboarding, kit.tjekliste,
                                                    conv.days_off)],
        "document": [block.to_dict() for block in blocks],
        "markdown": document.markdown(blocks),
        "links": links(kit, config, base_url),
    }


# ---- the page's embedded config ---------------------------------------------------------------------

STORAGE_VERSION = 1
DOCX = {"creator": "Kønsbalance i ledelse", "title": document.TITLE, "font": "Calibri", "size": 22,
        "filename": "ansaet-en-sektorskifter.docx",
        "mime": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}
STATUS = {
    "status_starting": "Værktøjet indlæses … Du kan skrive imens; tal og datoer regnes ud, når det er klar.",
    "status_package": "Værktøjet indlæses … næsten klar.",
    "status_ready": "Værktøjet er klar. Tal, datoer og udskrift opdateres, mens du skriver.",
    "status_failed": ("Værktøjet kunne ikke indlæses. Genindlæs siden. Det, du skriver, gemmes stadig i "
                      "browseren, og spørgsmålene, emnerne og tjeklisten på siden gælder stadig."),
}
TEXTS = {
    "link_other": "",  # the question is Python's, naming the topics (codec.Merged.message)
    "link_kept": "Tallene her er beholdt.",
    "link_replace": "Brug tallene fra linket",
    "work_unchanged": "Det, du har udfyldt her, er uændret.",
    "storage_failed": ("Det, du udfylder, kunne ikke gemmes i din browser. Gem det som fil, så du ikke "
                       "mister det."),
    "link_copied": "Linket er kopieret.",
    "markdown_copied": "Markdown er kopieret.",
    "copy_selected": "Teksten er markeret – kopiér den med Ctrl+C.",
    "checked": "☑",
    "unchecked": "☐",
    "docx_failed": "Word-dokumentet kunne ikke laves. Brug Markdown eller udskriv i stedet.",
    "fix_first": "Ret fejlene ovenfor først.",
    "confirm_import": "Vil du erstatte det, du har udfyldt, med indholdet af filen?",
    "confirm_clear": ("Vil du slette alt, hvad du har udfyldt i værktøjet? Gem det først som fil, hvis du "
                      "vil kunne hente det igen."),
    "cleared": "Værktøjet er tømt.",
    "file_opened": "Filen er åbnet.",
}


def page_config(config: KitConfig) -> dict[str, Any]:
    """The embedded config of the kit's pages: the catalogue data for the worker (sent once), the blank
    kit, the .docx settings, the chart's element names and every text the script shows."""
    from koensbalance import widget_view

    return {"page": {"config": config.to_config()}, "blank": blank_kit(config).to_dict(),
            "storage_version": STORAGE_VERSION, "link_prefix": f"#{codec.LINK_KEY}=",
            "file_bytes": 4 * files.MAX_FILE_CHARS + 4,  # UTF-8: enough bytes for one character more
            "docx": DOCX, "chart_tags": list(TAGS),
            "texts": {**widget_view.runtime_texts(), **STATUS, **TEXTS}}


# ---- bridge handlers: JSON-shaped payload in, plain values out -------------------------------------

def _kit(payload: Mapping[str, Any], config: KitConfig) -> Kit:
    raw = payload.get("kit")
    return blank_kit(config) if raw is None else parse_kit(raw, config)


def handle_view(payload: Mapping[str, Any]) -> dict[str, Any]:
    config = KitConfig.from_config(payload.get("config"))
    return view(_kit(payload, config), config, str(payload.get("base_url") or ""))


def handle_ics(payload: Mapping[str, Any]) -> dict[str, Any]:
    from koensbalance.mobilitet import ics  # icalendar: loaded only when a calendar file is asked for

    config = KitConfig.from_config(payload.get("config"))
    text = ics.ics(_kit(payload, config), config, datetime.now(UTC).replace(microsecond=0))
    return {"ics": text, "name": ics.FILE_NAME}


def handle_export(payload: Mapping[str, Any]) -> dict[str, Any]:
    config = KitConfig.from_config(payload.get("config"))
    return {"json": files.export_file(_kit(payload, config)), "name": files.FILE_NAME}


def handle_import(payload: Mapping[str, Any]) -> dict[str, Any]:
    config = KitConfig.from_config(payload.get("config"))
    return {"kit": files.import_file(payload.get("text"), config).to_dict()}


def handle_open_link(payload: Mapping[str, Any]) -> dict[str, Any]:
    """Decode one side's numbers from a link and merge them into the kit on the page: with conflicts
    and without "overwrite": true, the kit comes back unchanged with the conflicts and the question."""
    config = KitConfig.from_config(payload.get("config"))
    incoming = codec.decode(payload.get("token"), config)
    overwrite = payload.get("overwrite", False)
    if not isinstance(overwrite, bool):
        raise InputError([FieldError("overwrite", "Svaret kan ikke læses.")])
    return codec.merge(_kit(payload, config), incoming, config, overwrite).to_dict()


def handle_share(payload: Mapping[str, Any]) -> dict[str, Any]:
    """The share link of one side's numbers ("side": "kandidat" or "organisation")."""
    config = KitConfig.from_config(payload.get("config"))
    side = payload.get("side")
    if side not in {s.id for s in config.expectations.sides}:
        raise InputError([FieldError("side", "Vælg, hvis tal linket skal indeholde.")])
    assert isinstance(side, str)
    return {"link": codec.share_link(_kit(payload, config), config, side, str(payload.get("base_url") or ""))}
