"""The JSON file of "Gem som fil" and reading it back: versioned, checked, one Danish message."""

from __future__ import annotations

from koensbalance import portable
from koensbalance.errors import FieldError, InputError
from koensbalance.plan.model import Plan, parse_plan

FILE_FORMAT = "kb-handlingsplan"
FILE_VERSION = 1
FILE_NAME = "handlingsplan.json"
MAX_FILE_CHARS = 5_000_000
NOT_A_PLAN = "Filen er ikke en handlingsplan fra »Min handlingsplan«."
OTHER_VERSION = "Filen er fra en anden version af »Min handlingsplan« og kan ikke læses."


def export_file(plan: Plan) -> str:
    return portable.write_file(FILE_FORMAT, FILE_VERSION, {"plan": plan.to_dict()})


def import_file(text: object) -> Plan:
    """Read a file made by export_file (missing fields stay missing, for prefill); InputError on
    field "import" with a Danish message on anything else."""
    document = portable.read_file(text, FILE_FORMAT, FILE_VERSION, MAX_FILE_CHARS, "import",
                                  NOT_A_PLAN, OTHER_VERSION)
    try:
        return parse_plan(document.get("plan"))
    except InputError as exc:
        message = f"Filen indeholder en ugyldig plan: {portable.first_message(exc)}"
        raise InputError([FieldError("import", message)]) from None
