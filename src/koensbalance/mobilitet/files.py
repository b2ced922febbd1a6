"""The JSON file of "Gem som fil" for the whole kit and reading it back: versioned, checked, one
Danish message (koensbalance.portable, as every saved file of the site)."""

from __future__ import annotations

from koensbalance import portable
from koensbalance.errors import FieldError, InputError
from koensbalance.mobilitet.config import KitConfig
from koensbalance.mobilitet.model import Kit, parse_kit

FILE_FORMAT = "kb-sektorskifter"
FILE_VERSION = 1
FILE_NAME = "ansaet-en-sektorskifter.json"
MAX_FILE_CHARS = 2_000_000
NOT_OURS = "Filen er ikke gemt fra »Ansæt en sektorskifter«."
OTHER_VERSION = "Filen er fra en anden version af »Ansæt en sektorskifter« og kan ikke læses."


def export_file(kit: Kit) -> str:
    return portable.write_file(FILE_FORMAT, FILE_VERSION, {"kit": kit.to_dict()})


def import_file(text: object, config: KitConfig) -> Kit:
    """Read a file made by export_file; InputError on field "import" with one Danish message otherwise
    (the kit on the page is left as it is)."""
    document = portable.read_file(text, FILE_FORMAT, FILE_VERSION, MAX_FILE_CHARS, "import", NOT_OURS,
                                  OTHER_VERSION)
    try:
        return parse_kit(document.get("kit"), config)
    except InputError as exc:
        message = f"Filen kan ikke åbnes: {portable.first_message(exc)}"
        raise InputError([FieldError("import", message)]) from None
