"""Danish formatting and number reading (koensbalance.text), the one module for both."""

from __future__ import annotations

from datetime import date

import pytest

from koensbalance import text


@pytest.mark.parametrize(("value", "decimals", "shown"), [
    (20000, None, "20.000"), (8000, None, "8.000"), (1234567, None, "1.234.567"), (999, None, "999"),
    (4.4, None, "4,4"), (12.345, 1, "12,3"), (7, 1, "7,0"), (1200.5, 1, "1.200,5"),
])
def test_numbers_have_thousands_points_and_a_decimal_comma(value: float, decimals: int | None,
                                                           shown: str) -> None:
    assert text.format_number(value, decimals) == shown


def test_percentages_shares_and_plurals() -> None:
    assert text.format_pct(42.94, 1) == "42,9 pct."
    assert text.format_share(0.125) == "12,5 pct."
    assert text.format_share(0.4) == "40 pct."
    assert text.plural(1, "punkt", "punkter") == "1 punkt"
    assert text.plural(1200, "medarbejder", "medarbejdere") == "1.200 medarbejdere"


def test_spreadsheet_numbers_have_a_decimal_comma_and_no_grouping() -> None:
    assert text.spreadsheet_number(1200.25, 1) == "1200,2"
    assert text.spreadsheet_number(35.0) == "35"


def test_dates_and_months() -> None:
    assert text.danish_date(date(2026, 3, 5)) == "5. marts 2026"
    assert text.long_date(date(2026, 3, 5)) == "torsdag den 5. marts 2026"
    assert text.day_and_month(12, 31) == "31. december"
    assert text.month_name(5) == "maj"


def test_whitespace_and_sentence_ends() -> None:
    assert text.fold_whitespace("  a\n\t b  ") == "a b"
    assert text.sentence("Anmodning om kontaktoplysninger mv.") == "Anmodning om kontaktoplysninger mv."
    assert text.sentence("Reglerne om måltal") == "Reglerne om måltal."


@pytest.mark.parametrize(("typed", "value"), [
    ("1200", 1200), ("1.200", 1200), ("20.000", 20000), ("1.234.567", 1234567), ("1 200", 1200),
    ("1\u00a0200", 1200), (" 3 ", 3), ("0", 0),
    ("1,5", None), ("1.20", None), ("1.2000", None), ("-3", None), ("", None), ("١٢", None),
    ("1.200 300", None), ("12,5,5", None), ("1e3", None),
])
def test_whole_numbers_as_danes_write_them(typed: str, value: int | None) -> None:
    assert text.parse_whole(typed) == value


@pytest.mark.parametrize(("typed", "value"), [
    ("15", 15.0), ("12,5", 12.5), ("12.5", 12.5), ("1.200", 1200.0), ("1.200,5", 1200.5),
    ("0,25", 0.25), ("12,5,5", None), ("x", None), ("", None), ("1,200.5", None),
])
def test_decimals_as_danes_write_them(typed: str, value: float | None) -> None:
    assert text.parse_decimal(typed) == value
