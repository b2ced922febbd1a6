"""Input errors for widgets: a field name and a Danish message the page shows next to the field."""

from __future__ import annotations

from dataclasses import dataclass


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
    """Parse a whole number >= 0 from a form value (str) or a number; Danish message on failure."""
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
        if not (text.isascii() and text.lstrip("-").isdigit()):
            return None, FieldError(field, f"{label} skal være et helt tal, fx 3.")
        if len(text) > 7:
            return None, FieldError(field, f"{label} er for stort.")
        value = int(text)
    else:
        return None, FieldError(field, f"{label} skal være et helt tal.")
    if value < 0:
        return None, FieldError(field, f"{label} kan ikke være negativt.")
    return value, None
