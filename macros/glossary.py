"""Concept words (begreber) found in an entry's text, so the entry page can link them and show their
definition as a tooltip. Pure: catalogue in, matches out."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from koensbalance.catalogue import Catalogue, Entry

SKIP_FIELDS = {"id", "kilde", "relaterede", "indsatsomraader", "maalgrupper", "sektorer", "noegletal"}


def _texts(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _texts(item)
    elif isinstance(value, list):
        for item in value:
            yield from _texts(item)


def entry_text(entry: Entry) -> str:
    return "\n".join(t for k, v in entry.data.items() if k not in SKIP_FIELDS for t in _texts(v))


def terms(concept: Entry) -> list[str]:
    return [concept.title, *(concept.data.get("synonymer") or [])]


def concepts_in(entry: Entry, catalogue: Catalogue) -> list[tuple[Entry, list[str]]]:
    """Concepts whose term occurs as a whole word in the entry's text, with the forms as written."""
    text = entry_text(entry)
    found = []
    for concept in catalogue.of_type("begreb"):
        if concept.id == entry.id:
            continue
        forms: list[str] = []
        for term in terms(concept):
            pattern = re.compile(rf"(?<!\w){re.escape(term)}(?!\w)", re.IGNORECASE)
            forms += [m.group(0) for m in pattern.finditer(text) if m.group(0) not in forms]
        if forms:
            found.append((concept, forms))
    return sorted(found, key=lambda item: item[0].title.lower())


def tooltip(concept: Entry, limit: int = 220) -> str:
    """The definition, shortened at a word boundary, on one line (abbreviation titles are one line)."""
    text = " ".join(str(concept.data["definition"]).split())
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " …"
