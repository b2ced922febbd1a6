"""The JSON file of "Gem som fil" and reading it back: versioned, checked, one Danish message."""

from __future__ import annotations

import json
from typing import Any

from koensbalance.errors import FieldError, InputError
from koensbalance.plan.model import Plan, parse_plan

FILE_FORMAT = "kb-handlingsplan"
FILE_VERSION = 1
FILE_NAME = "handlingsplan.json"
MAX_FILE_CHARS = 5_000_000
NOT_A_PLAN = "Filen er ikke en handlingsplan fra »Min handlingsplan«."
OTHER_VERSION = "Filen er fra en anden version af »Min handlingsplan« og kan ikke læses."


def export_file(plan: Plan) -> str:
    document = {"format": FILE_FORMAT, "version": FILE_VERSION, "plan": plan.to_dict()}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def import_file(text: object) -> Plan:
    """Read a file made by export_file (missing fields stay missing, for prefill); InputError on
    field "import" with a Danish message on anything else."""
    bad = InputError([FieldError("import", NOT_A_PLAN)])
    if not isinstance(text, str) or len(text) > MAX_FILE_CHARS:
        raise bad
    try:
        document: Any = json.loads(text)
    except (ValueError, RecursionError):
        raise bad from None
    if not (isinstance(document, dict) and document.get("format") == FILE_FORMAT):
        raise bad
    if document.get("version") != FILE_VERSION:
        raise InputError([FieldError("import", OTHER_VERSION)])
    try:
        return parse_plan(document.get("plan"))
    except InputError as exc:
        first = exc.errors[0].message if exc.errors else ""
        raise InputError([FieldError("import", f"Filen indeholder en ugyldig plan: {first}")]) from None
