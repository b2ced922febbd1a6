"""The history outside the page: the CSV table (Danish Excel), the JSON file and the share link.

CSV: UTF-8 with a byte order mark (the text returned starts with U+FEFF, so the page must not add
another), ';' between cells, CRLF line ends, decimal comma, no thousands separator. Every number is
a bare number in its own column (no "pct." or "af 12" in a cell); the unit is in the column's
header. Cells are written by the csv module, so a text cell with ';' or '"' would be quoted; no cell
holds user-typed text (only numbers, "ja"/"nej" and the site's own words), so nothing can start a
spreadsheet formula.

JSON file and link: the history's plain dict (opfoelgning.History.to_dict) in portable.py's file and
token formats, read back through the same validation as every history (parse_history)."""

from __future__ import annotations

import csv
import io
from collections.abc import Collection, Sequence

from koensbalance import portable
from koensbalance.errors import FieldError, InputError
from koensbalance.maaltal.opfoelgning import History, parse_history
from koensbalance.maaltal.opfoelgning_text import decimal
from koensbalance.maaltal.opfoelgning_track import VERDICT_TEXT, Tracking
from koensbalance.maaltal.targets import NOUNS

BOM = "\ufeff"
FILE_FORMAT = "kb-opfoelgning"
FILE_VERSION = 1
MAX_FILE_CHARS = 200_000
LINK_KEY = "opfoelgning"  # the fragment is "#opfoelgning=<token>"
LINK_VERSION = 1
MAX_LINK_CHARS = 8_000
MAX_LINK_BYTES = 200_000
NOT_OURS = "Filen er ikke en opfølgning fra »Følg op«."
OTHER_VERSION = "Filen er fra en anden version af »Følg op« og kan ikke læses."
BROKEN_LINK = "Linket til opfølgningen er ugyldigt eller ufuldstændigt. Kopiér hele linket, og prøv igen."


def _number(value: float | int | None, decimals: int = 1) -> str:
    """A bare number for Danish Excel: 3, 33,3 (decimal comma); '' when missing."""
    if value is None:
        return ""
    if isinstance(value, int):
        return str(value)
    return decimal(value, decimals)


def csv_columns(history: History) -> list[str]:
    noun = NOUNS[history.gender]
    return ["År", "Kvinder i den øverste ledelse (antal)", "Mænd i den øverste ledelse (antal)",
            "Den øverste ledelse i alt (antal)", f"Andel {noun} (pct.)",
            "Kvinder i bestyrelsen (antal)", "Mænd i bestyrelsen (antal)", "Nye ledere i året (antal)",
            f"Heraf {noun} (antal)", "Politik for kønsfordelingen (ja/nej)",
            f"Forventet antal {noun}, oprindelig fremskrivning (antal)",
            "Oprindelig fremskrivning i alt (antal)", "10 pct.-fraktil (antal)", "90 pct.-fraktil (antal)",
            "Så lavt eller lavere (pct.)", "Så højt eller højere (pct.)", "Placering"]


def csv_rows(tracking: Tracking) -> list[list[str]]:
    """The start (the scenario's status) and every recorded year, sorted by year."""
    history, original = tracking.history, tracking.original
    s = history.scenario
    n = original.size
    start = [str(s.status_year), str(s.women), str(s.men), str(s.size),
             _number(100 * s.under_count / s.size),
             *((str(s.board_women), str(s.board_men)) if s.has_board else ("", "")), "", "", "",
             _number(original.years[0].expected_count), str(n), "", "", "", "", "Udgangspunkt"]
    rows = [start]
    for c in tracking.checks:
        r, p = c.record, c.placement
        rows.append([str(r.year), str(r.women), str(r.men), str(r.size), _number(100 * c.share),
                     _number(r.board_women), _number(r.board_men), _number(r.appointed),
                     _number(r.appointed_followed), r.policy, _number(c.expected_count), str(n),
                     str(p.low), str(p.high), _number(100 * p.at_most), _number(100 * p.at_least),
                     VERDICT_TEXT[p.verdict]])
    return rows


def csv_text(columns: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(columns)
    writer.writerows(rows)
    return BOM + out.getvalue()


def csv_file(tracking: Tracking) -> dict[str, str]:
    history = tracking.history
    last = max([history.start_year, *(r.year for r in history.records)])
    return {"csv": csv_text(csv_columns(history), csv_rows(tracking)),
            "name": f"opfoelgning-{history.start_year}-{last}.csv", "type": "text/csv;charset=utf-8"}


# ---- JSON file and link ---------------------------------------------------------------------------

def export_file(history: History) -> str:
    return portable.write_file(FILE_FORMAT, FILE_VERSION, {"opfoelgning": history.to_dict()})


def import_file(text: object, institutions: Collection[str], this_year: int | None = None) -> History:
    """Read a file made by export_file; InputError on field "import" with one Danish message."""
    document = portable.read_file(text, FILE_FORMAT, FILE_VERSION, MAX_FILE_CHARS, "import", NOT_OURS,
                                  OTHER_VERSION)
    try:
        return parse_history(document.get("opfoelgning"), institutions, this_year)
    except InputError as exc:
        message = f"Filen indeholder en ugyldig opfølgning: {portable.first_message(exc)}"
        raise InputError([FieldError("import", message)]) from None


def encode_link(history: History) -> str:
    return portable.pack(LINK_VERSION, history.to_dict())


def share_link(history: History, base_url: str) -> str:
    """base_url + "#opfoelgning=" + token; "" without a base or when too long for a link."""
    base = base_url.split("#", 1)[0]
    token = encode_link(history)
    return f"{base}#{LINK_KEY}={token}" if base and len(token) <= MAX_LINK_CHARS else ""


def decode_link(token: object, institutions: Collection[str], this_year: int | None = None) -> History:
    bad = InputError([FieldError("link", BROKEN_LINK)])
    data = portable.unpack(token, LINK_VERSION, MAX_LINK_CHARS, MAX_LINK_BYTES, bad)
    try:
        return parse_history(data, institutions, this_year)
    except InputError as exc:
        message = f"Linket indeholder en ugyldig opfølgning: {portable.first_message(exc)}"
        raise InputError([FieldError("link", message)]) from None
