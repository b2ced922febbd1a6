"""Danish text, the one place for it: numbers (20.000, 12,5), percentages (12,5 pct.), dates
(5. marts 2026, torsdag den 5. marts 2026), month names, plurals, whitespace folding and sentence
ends; and reading numbers as Danes write them ("1.200", "20 000", "12,5"). Build-time rendering and
the browser (Pyodide) use the same functions, so the page says the same before and after JavaScript.
"""

from __future__ import annotations

import re
from datetime import date

MONTHS = ("januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september",
          "oktober", "november", "december")
WEEKDAYS = ("mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag")

# Thousands are grouped with '.' (or a space, as many Danes type them); the decimal mark is ','.
# A '.' followed by exactly three digits is a thousands separator ("1.200" is 1200); any other '.'
# before the end is read as a decimal point ("12.5"), which is unambiguous because Danish never
# groups fewer than three digits.
_GROUPED = re.compile(r"^[0-9]{1,3}([. \u00a0\u202f])[0-9]{3}(?:\1[0-9]{3})*$")
_PLAIN = re.compile(r"^[0-9]+$")
_DECIMAL = re.compile(r"^([0-9]+)[,.]([0-9]+)$")
_GROUPED_DECIMAL = re.compile(r"^([0-9]{1,3}(?:\.[0-9]{3})+),([0-9]+)$")


def format_number(value: float, decimals: int | None = None) -> str:
    """Danish number: 15.764 (thousands with '.'), 4,4 (decimal comma). Integers print without decimals."""
    if decimals is None:
        decimals = 0 if float(value).is_integer() else len(repr(float(value)).split(".")[1])
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def format_count(value: int) -> str:
    """A whole number for sentences: 8.000, 20.000 (years are not counts: print them with str())."""
    return format_number(value, 0)


def format_pct(value: float, decimals: int = 0) -> str:
    """Format a percentage the Danish way: 42,9 pct. (decimal comma)."""
    return f"{format_number(value, decimals)} pct."


def format_share(fraction: float) -> str:
    """A share (0..1) for sentences: whole percent, or one decimal when it is not whole (12,5 pct.)."""
    pct = round(100 * fraction, 1)
    return format_pct(pct, 0 if pct.is_integer() else 1)


def spreadsheet_number(value: float, decimals: int = 0) -> str:
    """A number as a cell of a Danish spreadsheet (CSV): decimal comma, no thousands separator, so
    that Excel in Danish reads it as a number (12,5; 1200)."""
    return f"{value:.{decimals}f}".replace(".", ",")


def plural(count: int, singular: str, plural_form: str) -> str:
    """'1 punkt', '3 punkter', '1.200 medarbejdere'."""
    return f"{format_count(count)} {singular if count == 1 else plural_form}"


def danish_date(day: date) -> str:
    """2026-03-05 -> '5. marts 2026'."""
    return f"{day.day}. {MONTHS[day.month - 1]} {day.year}"


def long_date(day: date) -> str:
    """2026-03-05 -> 'torsdag den 5. marts 2026'."""
    return f"{WEEKDAYS[day.weekday()]} den {danish_date(day)}"


def day_and_month(month: int, day: int) -> str:
    """(12, 31) -> '31. december'."""
    return f"{day}. {MONTHS[month - 1]}"


def month_name(month: int) -> str:
    return MONTHS[month - 1]


def fold_whitespace(text: str) -> str:
    """Runs of spaces, tabs and line breaks become one space; no space at either end."""
    return " ".join(text.split())


def sentence(text: str) -> str:
    """The text ending in exactly one full stop (a title that ends in 'mv.' gets no second one)."""
    text = text.rstrip()
    return text if text.endswith((".", "!", "?")) else f"{text}."


def parse_whole(text: str) -> int | None:
    """A whole number >= 0 as Danes write it: '1200', '1.200', '20.000', '1 200'; None otherwise
    (also for '1,5', '-3', '1.20' or an empty text)."""
    text = text.strip()
    if _PLAIN.match(text):
        return int(text)
    if _GROUPED.match(text):
        return int(re.sub(r"[^0-9]", "", text))
    return None


def parse_decimal(text: str) -> float | None:
    """A number >= 0 as Danes write it: '15', '12,5', '1.200', '1.200,5' (and '12.5', which cannot
    be a thousands separator); None otherwise."""
    text = text.strip()
    whole = parse_whole(text)
    if whole is not None:
        return float(whole)
    if match := _GROUPED_DECIMAL.match(text):
        return float(f"{match.group(1).replace('.', '')}.{match.group(2)}")
    if match := _DECIMAL.match(text):
        return float(f"{match.group(1)}.{match.group(2)}")
    return None
