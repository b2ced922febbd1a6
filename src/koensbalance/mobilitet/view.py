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
from koensbalance.mobilitet.chart import chart
from koensbalance.mobilitet.config import KitConfig
from koensbalance.mobilitet.dates import (
    checklist,
    conversations,
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
    talks = conversations(kit.start, kit.maaneder, conv) if kit.start else []
    blocks = document.blocks(kit, config)
    return {
        "kit": kit.to_dict(),
        "start_note": start_note(kit, config),
        "forventninger": comparison.to_dict(),
        "diagram": chart(comparison),
        "samtaler": [talk.to_dict() for talk in talks],
        "samtaler_besked": (document.NO_START if kit.start is None else
                            document.NO_MONTHS if not kit.maaneder else ""),
        "flytning_note": moving_note(conv),
        "tidlige_note": early_later_note(conv),
        "tjekliste": [{"fase": phase.title, "begynder": " ".join(phase.begins.split()),
                       "trin": [step.to_dict() for step in steps]}
                      for phase, steps in checklist(kit.start, config.onboarding, kit.tjekliste,
                                                    conv.days_off)],
        "document": [block.to_dict() for block in blocks],
        "markdown": document.markdown(blocks),
        "links": links(kit, config, base_url),
    }


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
