"""One error type for every catalogue problem, and the one formatter that prints it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import groupby

MAX_PER_FILE = 20  # lines printed for one file; the rest are counted (a mangled file has thousands)
MAX_SHOWN = 60  # characters of a value from a file quoted in a message
_BREAKS = re.compile(r"[\s\x00-\x1f\x7f-\x9f\u2028\u2029]+")  # anything that could break the line


def shown(value: object) -> str:
    """A value from a file as a message quotes it: on one line, and cut if it is long."""
    text = _BREAKS.sub(" ", str(value)).strip()
    return text if len(text) <= MAX_SHOWN else text[: MAX_SHOWN - 1] + "…"


def unknown_value(value: object, known: set[str] | frozenset[str]) -> str:
    return f"har den ukendte værdi '{shown(value)}' (kendte værdier: {', '.join(sorted(known))})"


@dataclass(frozen=True, order=True)
class Problem:
    """A problem in one catalogue file, in words an editor can act on (Danish)."""

    file: str
    line: int | None
    message: str
    entry_type: str | None = None
    entry_id: str | None = None
    field: str | None = None

    def format(self) -> str:
        """One line: file, line, entry and field (values from the file are shortened by shown())."""
        file = self.file.encode("utf-8", "replace").decode("utf-8")  # a name that is not UTF-8
        place = file if self.line is None else f"{file}:{self.line}"
        if self.entry_id:
            place += f" ({self.entry_type or 'post'} '{shown(self.entry_id)}')"
        if self.field:
            return _BREAKS.sub(" ", f"{place}: '{shown(self.field)}' {self.message}")
        return _BREAKS.sub(" ", f"{place}: {self.message}")


class CatalogueError(Exception):
    """Raised with every problem found while loading; the build prints them one per line."""

    def __init__(self, problems: list[Problem]) -> None:
        unique = list(dict.fromkeys(problems))  # minLength and pattern can say the same
        self.problems = sorted(unique, key=lambda p: (p.file, p.line or 0, p.message))
        super().__init__(self.report())

    def report(self) -> str:
        count = len(self.problems)
        head = f"Kataloget har {count} fejl" if count != 1 else "Kataloget har 1 fejl"
        lines: list[str] = []
        for file, group in groupby(self.problems, key=lambda p: p.file):
            found = list(group)
            lines += [p.format() for p in found[:MAX_PER_FILE]]
            if len(found) > MAX_PER_FILE:
                lines.append(f"{file}: … og {len(found) - MAX_PER_FILE} fejl mere i filen – ret de "
                             "første, og kør tjekket igen")
        return head + " – ret dem og byg igen:\n" + "\n".join(lines)
