"""Danish number formatting shared by build-time rendering and the browser."""

from __future__ import annotations


def format_pct(value: float, decimals: int = 0) -> str:
    """Format a percentage the Danish way: 42,9 pct. (decimal comma)."""
    text = f"{value:.{decimals}f}".replace(".", ",")
    return f"{text} pct."


def plural(count: int, singular: str, plural_form: str) -> str:
    return f"{count} {singular if count == 1 else plural_form}"


def format_number(value: float, decimals: int | None = None) -> str:
    """Danish number: 15.764 (thousands with '.'), 4,4 (decimal comma). Integers print without decimals."""
    if decimals is None:
        decimals = 0 if float(value).is_integer() else len(repr(float(value)).split(".")[1])
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
