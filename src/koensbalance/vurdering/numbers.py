"""Reading the numbers a team types (strings from the page, a file or a link) and writing them back
the Danish way. Whole numbers go through koensbalance.errors.parse_count, the helper every widget
uses; this module only adds what the assessment needs on top: Danish thousands separators
("1.200", "1 200") and counts up to 10 million (populations of a region or the whole country)."""

from __future__ import annotations

import re

from koensbalance.errors import FieldError, parse_count
from koensbalance.text import format_number

MAX_COUNT = 10_000_000
MAX_RAW_LENGTH = 40  # longer values (from a URL, say) are refused before any parsing
_THOUSANDS = re.compile(r"^\d{1,3}(?:([. \u00a0])\d{3})(?:\1\d{3})*$")
_DECIMAL = re.compile(r"^(\d{1,3})(?:[.,](\d{1,2}))?$")


def parse_whole(raw: object, field: str, label: str) -> tuple[int | None, FieldError | None]:
    """A whole number from 0 to 10.000.000; "1.200" and "1 200" are read as 1200 (Danish
    thousands), "1,5" is refused. Danish message naming the field on failure."""
    if isinstance(raw, str):
        text = raw.strip()
        if len(text) > MAX_RAW_LENGTH:
            return None, FieldError(field, f"{label} er for langt til at være et tal.")
        if _THOUSANDS.match(text):
            text = re.sub(r"[. \u00a0]", "", text)
        # parse_count checks the rest; its length limit is meant for small groups, so pass an int
        raw = int(text) if text.isascii() and text.isdigit() else text
    value, error = parse_count(raw, field, label)
    if error:
        return None, error
    assert value is not None
    if value > MAX_COUNT:
        return None, FieldError(field, f"{label} kan højst være {format_number(MAX_COUNT)}.")
    return value, None


_AMOUNT_THOUSANDS = re.compile(r"^\d{1,3}(?:\.\d{3})+(?:,\d+)?$")
_AMOUNT = re.compile(r"^\d+(?:[.,]\d+)?$")


def parse_amount(raw: object, field: str, label: str) -> tuple[float | None, FieldError | None]:
    """A number ≥ 0 as a team types it for a success criterion: "50", "12,5", "1.200", "1.200,5"."""
    text = raw.strip() if isinstance(raw, str) else ""
    text = text.replace("\u00a0", "").replace(" ", "").removesuffix("%")
    if len(text) > MAX_RAW_LENGTH:
        return None, FieldError(field, f"{label} er for langt til at være et tal.")
    if _AMOUNT_THOUSANDS.match(text):
        text = text.replace(".", "")
    if not _AMOUNT.match(text):
        return None, FieldError(field, f"{label} skal være et tal, fx 50 eller 12,5.")
    value = float(text.replace(",", "."))
    if value > 1e12:
        return None, FieldError(field, f"{label} er for stort.")
    return value, None


def parse_points(raw: object, field: str, label: str) -> tuple[float | None, FieldError | None]:
    """A difference in percentage points above 0 and at most 100, like "10" or "12,5"."""
    text = raw.strip() if isinstance(raw, str) else ("" if raw is None or isinstance(raw, bool) else str(raw))
    text = text.removesuffix("procentpoint").removesuffix("pct.-point").strip()
    match = _DECIMAL.match(text) if len(text) <= MAX_RAW_LENGTH else None
    if not match:
        return None, FieldError(field, f"{label} skal være et tal i procentpoint, fx 10 eller 12,5.")
    value = float(f"{match.group(1)}.{match.group(2) or 0}")
    if not 0 < value <= 100:
        return None, FieldError(field, f"{label} skal være større end 0 og højst 100 procentpoint.")
    return value, None


def decimal(value: float, decimals: int = 1) -> str:
    """A Danish decimal number: 25,0; 1.234,5; −3,2 (a real minus sign)."""
    text = format_number(abs(value), decimals)
    return f"−{text}" if value < 0 and text.strip("0,.") else text


def count(value: int) -> str:
    return format_number(value)


def places(low: float, high: float) -> int:
    """Decimals that keep the two ends of an interval (in pct. or percentage points) apart: one
    normally, up to three for the narrow intervals of very large populations."""
    width = abs(high - low)
    return 1 if width >= 1 else 2 if width >= 0.1 else 3


def per_100(fraction: float, decimals: int = 1) -> str:
    """A share as a number per 100 (or in pct.); at least two decimals below 1, so small rates show."""
    value = 100 * fraction
    return decimal(value, max(decimals, 2) if 0 < value < 1 else decimals)


def p_value(p: float) -> str:
    """"p = 0,003", "p = 0,42", "p < 0,001"; never shows a significant p as "0,050"."""
    if p < 0.001:
        return "p < 0,001"
    if p < 0.1:
        text = f"{p:.3f}"
        if p < 0.05 and text == "0.050":
            return "p < 0,05"
        return "p = " + text.replace(".", ",")
    return "p = " + f"{p:.2f}".replace(".", ",")
