"""Carrying an assessment outside the page: the share link ("#vurdering=<token>") and the JSON file
of "Gem som fil", both through koensbalance.portable (as the workshop planner and the plan builder).

Link format (version 1): "1." + base64url of raw-deflated compact JSON of the assessment's dict
form (model.Assessment.to_dict). Reading either never evaluates anything and runs the same checks as
every assessment (model.parse_assessment); any failure is one Danish message on "link" or
"import", and nothing the user has is overwritten (the page only replaces its state on success)."""

from __future__ import annotations

from koensbalance import portable
from koensbalance.errors import FieldError, InputError
from koensbalance.vurdering.model import Assessment, parse_assessment

VERSION = 1
LINK_KEY = "vurdering"
STORAGE_KEY = "kb-vurdering"  # where the page keeps the assessment in localStorage (dict form)
MAX_LINK_CHARS = 16_000
MAX_JSON_BYTES = 1_000_000
BROKEN = "Linket til vurderingen er ugyldigt eller ufuldstændigt. Kopiér hele linket, og prøv igen."
TOO_LONG = "Vurderingen er for lang til et link. Gem den som fil (.json) i stedet, og del filen."

FILE_FORMAT = "kb-ligestillingsvurdering"
FILE_VERSION = 1
FILE_NAME = "ligestillingsvurdering.json"
MAX_FILE_CHARS = 2_000_000
NOT_OURS = "Filen er ikke en ligestillingsvurdering fra »Vurdér en ydelse«."
OTHER_VERSION = "Filen er fra en anden version af »Vurdér en ydelse« og kan ikke læses."


def encode(assessment: Assessment) -> str:
    return portable.pack(VERSION, assessment.to_dict())


def fits(token: str) -> bool:
    return len(token) <= MAX_LINK_CHARS


def decode(token: object) -> Assessment:
    """The assessment in a share link; InputError on field "link" otherwise."""
    broken = InputError([FieldError("link", BROKEN)])
    data = portable.unpack(token, VERSION, MAX_LINK_CHARS, MAX_JSON_BYTES, broken)
    try:
        return parse_assessment(data, "link")
    except InputError:
        raise broken from None


def export_file(assessment: Assessment) -> str:
    return portable.write_file(FILE_FORMAT, FILE_VERSION, {"vurdering": assessment.to_dict()})


def import_file(text: object) -> Assessment:
    """Read a file made by export_file; InputError on field "import" otherwise."""
    document = portable.read_file(text, FILE_FORMAT, FILE_VERSION, MAX_FILE_CHARS, "import", NOT_OURS,
                                  OTHER_VERSION)
    try:
        return parse_assessment(document.get("vurdering"), "import")
    except InputError as exc:
        message = f"Filen indeholder en ugyldig vurdering. {portable.first_message(exc)}"
        raise InputError([FieldError("import", message)]) from None
