"""Input errors for widgets: a field name and a Danish message the page shows next to the field."""

from __future__ import annotations

from dataclasses import dataclass

from koensbalance.text import parse_whole

MAX_COUNT = 9_999_999


@dataclass(frozen=True)
class FieldError:
    field: str
    message: str


class InputError(ValueError):
    """Raised by domain functions on invalid input; carries every problem found, not just the first."""

    def __init__(self, errors: list[FieldError]) -> None:
        super().__init__("; ".join(f"{e.field}: {e.message}" for e in errors))
        self.errors = errors


def parse_count(raw: object, field: str, label: str) -> tuple[int | None, FieldError | None]:
    """Parse a whole number >= 0 from a form value (str, Danish forms like "1.200" accepted) or a
    number; Danish message on failure."""
    if isinstance(raw, bool):
        return None, FieldError(field, f"{label} skal være et helt tal.")
    if isinstance(raw, int):
        value = raw
    elif isinstance(raw, float) and raw.is_integer():
        value = int(raw)
    elif isinstance(raw, str):
        text = raw.strip()
        if not text:
            return None, FieldError(field, f"Udfyld {label.lower()}.")
        if text.startswith("-") and parse_whole(text[1:]) is not None:
            return None, FieldError(field, f"{label} kan ikke være negativt.")
        parsed = parse_whole(text)  # Danish forms too: "1.200", "20.000"
        if parsed is None:
            return None, FieldError(field, f"{label} skal være et helt tal, fx 3.")
        if parsed > MAX_COUNT:
            return None, FieldError(field, f"{label} er for stort.")
        value = parsed
    else:
        return None, FieldError(field, f"{label} skal være et helt tal.")
    if value < 0:
        return None, FieldError(field, f"{label} kan ikke være negativt.")
    return value, None
