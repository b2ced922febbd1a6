"""Concept words (begreber) found in an entry's text, so the entry page can link them and show their
definition as a tooltip. Pure: catalogue in, matches out."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from koensbalance.catalogue import Catalogue, Entry

SKIP_FIELDS = {"id", "kilde", "relaterede", "indsatsomraader", "maalgrupper", "sektorer", "noegletal",
               "soegeord"}
WORD = re.compile(r"\w+")


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


def _words(text: str) -> set[str]:
    return set(WORD.findall(text.casefold()))


@dataclass(frozen=True)
class ConceptIndex:
    """Every concept's terms, compiled once and filed under their first word (case-folded).

    A term can only occur as a whole word where each of its words occurs as a whole word, so an
    entry's text is searched only for the terms whose words it all contains: matching one page costs
    the same however many concepts the catalogue holds."""

    concepts: tuple[Entry, ...]
    patterns: Mapping[str, re.Pattern[str]]  # term -> whole-word, case-insensitive pattern
    by_word: Mapping[str, tuple[tuple[int, frozenset[str]], ...]]  # first word -> (concept, words)
    always: frozenset[int]  # concepts with a term without letters or digits (searched every time)

    @classmethod
    def of(cls, catalogue: Catalogue) -> ConceptIndex:
        concepts = tuple(catalogue.of_type("begreb"))
        patterns: dict[str, re.Pattern[str]] = {}
        by_word: dict[str, list[tuple[int, frozenset[str]]]] = {}
        always: set[int] = set()
        for position, concept in enumerate(concepts):
            for term in terms(concept):
                if term not in patterns:
                    patterns[term] = re.compile(rf"(?<!\w){re.escape(term)}(?!\w)", re.IGNORECASE)
                words = WORD.findall(term.casefold())
                if words:
                    by_word.setdefault(words[0], []).append((position, frozenset(words)))
                else:
                    always.add(position)
        return cls(concepts, patterns, {w: tuple(t) for w, t in by_word.items()}, frozenset(always))

    def candidates(self, text: str) -> list[Entry]:
        """Concepts that may occur in the text, in catalogue order (a superset of those that do)."""
        words = _words(text)
        positions = set(self.always)
        for word in words:
            positions.update(p for p, needed in self.by_word.get(word, ()) if needed <= words)
        return [self.concepts[p] for p in sorted(positions)]


_index: list[tuple[Catalogue, ConceptIndex]] = []  # the last catalogue's index (one build, one catalogue)


def concept_index(catalogue: Catalogue) -> ConceptIndex:
    if not _index or _index[0][0] is not catalogue:
        _index[:] = [(catalogue, ConceptIndex.of(catalogue))]
    return _index[0][1]


def concepts_in(entry: Entry, catalogue: Catalogue) -> list[tuple[Entry, list[str]]]:
    """Concepts whose term occurs as a whole word in the entry's text, with the forms as written."""
    index = concept_index(catalogue)
    text = entry_text(entry)
    found = []
    for concept in index.candidates(text):
        if concept.id == entry.id:
            continue
        forms: list[str] = []
        for term in terms(concept):
            forms += [m.group(0) for m in index.patterns[term].finditer(text) if m.group(0) not in forms]
        if forms:
            found.append((concept, forms))
    return sorted(found, key=lambda item: item[0].title.lower())


def abbreviations(concepts: list[tuple[Entry, list[str]]]) -> dict[str, str]:
    """form -> tooltip for Markdown's abbr definitions; a form two concepts share gets the later
    concept's tooltip (as Markdown would: its last definition wins), so each form is defined once."""
    return {form: tooltip(concept) for concept, forms in concepts for form in forms}


def tooltip(concept: Entry, limit: int = 220) -> str:
    """The definition, shortened at a word boundary, on one line (abbreviation titles are one line)."""
    text = " ".join(str(concept.data["definition"]).split())
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " …"
