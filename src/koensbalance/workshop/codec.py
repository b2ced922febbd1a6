"""The share link: the whole agenda in the URL fragment, compact, versioned and validated.

Format (version 1): "1." + base64url (no padding) of raw-deflated compact JSON, an array
[version, title, date, start, place, participants, planned, template, min, max, requires,
preparation, [[title, minutes, kind, note, from_source], ...]]. Decoding never evaluates anything:
it checks the length, the alphabet, inflates with a hard output limit, parses JSON and then runs the
same validation as every other agenda (model.parse_agenda). Any failure gives one Danish message."""

from __future__ import annotations

from typing import Any

from koensbalance import portable
from koensbalance.errors import FieldError, InputError
from koensbalance.workshop.model import Agenda, BlockKind, parse_agenda

VERSION = 1
MAX_LINK_CHARS = 8_000
MAX_JSON_BYTES = 200_000
KIND_CODES = {kind: code for code, kind in enumerate(BlockKind)}
BROKEN = "Linket til dagsordenen er ugyldigt eller ufuldstændigt. Planlæggeren er startet tom."


def encode(agenda: Agenda) -> str:
    data = agenda.to_dict()
    compact: list[Any] = [
        VERSION, data["titel"], data["dato"], data["starttid"], data["sted"], data["deltagere"],
        data["planlagt_minutter"], data["skabelon"], data["deltagere_min"], data["deltagere_max"],
        [KIND_CODES[BlockKind(k)] for k in data["kraever"]], data["forberedelse"],
        [[b.title, b.minutes, KIND_CODES[b.kind], b.note, 1 if b.from_source else 0] for b in agenda.blocks],
    ]
    return portable.pack(VERSION, compact)


def _broken() -> InputError:
    return InputError([FieldError("link", BROKEN)])


def decode(token: str) -> Agenda:
    """The agenda in a share link, or InputError with a Danish message."""
    data = portable.unpack(token, VERSION, MAX_LINK_CHARS, MAX_JSON_BYTES, _broken())
    if not (isinstance(data, list) and len(data) == 13 and data[0] == VERSION
            and isinstance(data[10], list) and isinstance(data[12], list)):
        raise _broken()
    kinds = list(BlockKind)

    def kind(code: Any) -> str:
        valid = isinstance(code, int) and not isinstance(code, bool) and 0 <= code < len(kinds)
        return kinds[code].value if valid else "?"

    blocks = []
    for item in data[12]:
        if not (isinstance(item, list) and len(item) == 5):
            raise _broken()
        blocks.append({"titel": item[0], "minutter": item[1], "type": kind(item[2]), "note": item[3],
                       "fra_kilden": item[4] == 1})
    raw = {"titel": data[1], "dato": data[2], "starttid": data[3], "sted": data[4], "deltagere": data[5],
           "planlagt_minutter": data[6], "skabelon": data[7], "deltagere_min": data[8],
           "deltagere_max": data[9], "kraever": [kind(c) for c in data[10]], "forberedelse": data[11],
           "blokke": blocks}
    try:
        return parse_agenda(raw)
    except InputError:
        raise _broken() from None
