"""Concept links on entry pages: which concepts an entry's text uses, and their tooltips."""

from __future__ import annotations

import re
from typing import Any

from macros import glossary

from koensbalance.catalogue import Catalogue, Entry, files
from koensbalance.catalogue.model import TYPES_BY_NAME, Citation
from tests.support.fixtures import ROOT


def entry(type_name: str, entry_id: str, title: str, **data: Any) -> Entry:
    return Entry(type=TYPES_BY_NAME[type_name], id=entry_id, title=title,
                 citation=Citation("koensbalance-i-ledelse", "1"), file=f"{entry_id}.yaml",
                 data={"id": entry_id, **data})


def concept(entry_id: str, title: str, definition: str, *synonyms: str) -> Entry:
    return entry("begreb", entry_id, title, definition=definition, synonymer=list(synonyms))


def catalogue(*entries: Entry) -> Catalogue:
    return Catalogue(entries=entries, taxonomies={}, sources=(), balance={})


def naive(entry: Entry, catalogue: Catalogue) -> list[tuple[Entry, list[str]]]:
    """The rule written plainly: every concept's every term searched in the text."""
    text = glossary.entry_text(entry)
    found = []
    for candidate in catalogue.of_type("begreb"):
        forms: list[str] = []
        for term in glossary.terms(candidate):
            pattern = re.compile(rf"(?<!\w){re.escape(term)}(?!\w)", re.IGNORECASE)
            forms += [m.group(0) for m in pattern.finditer(text) if m.group(0) not in forms]
        if forms and candidate.id != entry.id:
            found.append((candidate, forms))
    return sorted(found, key=lambda item: item[0].title.lower())


def test_every_real_entry_links_the_concepts_its_text_uses() -> None:
    real = files.read(ROOT)
    assert sum(1 for e in real.entries if glossary.concepts_in(e, real)) > 10
    for item in real.entries:
        assert glossary.concepts_in(item, real) == naive(item, real), item.id


def test_whole_words_any_case_and_every_word_of_a_term() -> None:
    bias = concept("bias", "Bias", "Skævvridning.", "biasbevidst")
    desk = concept("desk-research", "Desk research", "Skrivebordsundersøgelse.")
    text = entry("initiativ", "i", "I", tekst="BIAS og kønsbias; biasbevidst ledelse ved et desk.")
    cat = catalogue(bias, desk, text)
    assert glossary.concepts_in(text, cat) == [(bias, ["BIAS", "biasbevidst"])]


def test_a_form_two_concepts_share_gets_one_tooltip_the_later_one() -> None:
    first = concept("a", "Onboarding", "Den første.")
    second = concept("b", "Introforløb", "Den anden.", "onboarding")
    text = entry("initiativ", "i", "I", tekst="God onboarding.")
    found = glossary.concepts_in(text, catalogue(first, second, text))
    assert [c.id for c, _ in found] == ["b", "a"]  # by title
    assert glossary.abbreviations(found) == {"onboarding": "Den første."}
