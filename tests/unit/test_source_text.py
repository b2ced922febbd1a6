"""What the catalogue presents as the source's own words is in the cited source (issue 20).

- Every workshop block marked `fra_kilden: true` (and every preparation marked
  `forberedelse_fra_kilden`): its title, or, where the title is ours, its `kildens_ord` (the source's
  words it is derived from), occurs in the cited section of the cited document.
- Every case title occurs in its cited section (the source's heading).

"The cited section" is the text of the cited document that follows the section's heading (its most
specific part that occurs in the document), up to SECTION_LENGTH characters on. Words are compared
without case, punctuation or line breaks (the seeds are text extracted from PDFs). Runs when
../shared/seeds is beside the project; skipped with a message otherwise.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
import yaml

from koensbalance.catalogue import files
from tests.support.build import ROOT

SEEDS = ROOT.parent / "shared" / "seeds"
SECTION_LENGTH = 12_000
SUSPENDED = {"og", "eller", "samt", "til"}  # "social- og sundhed…" keeps its hyphen


def words(text: str) -> str:
    """Lower-case words separated by single spaces; PDF line-break hyphenation joined."""
    def join(match: re.Match[str]) -> str:
        left, right = match.group(1), match.group(2)
        return f"{left} {right}" if right.lower() in SUSPENDED else f"{left}{right}"
    text = re.sub(r"(\w)-[ \t]*\n\s*(\w+)", join, text)
    return " ".join(re.sub(r"[^\w]+", " ", text.lower()).split())


def seed_documents() -> dict[str, str]:
    if not (SEEDS / "README.md").exists():
        pytest.skip("../shared/seeds is not beside the project: the source texts cannot be checked")
    readme = (SEEDS / "README.md").read_text(encoding="utf-8")
    table = re.findall(r"^\| `([\w-]+)` \| `([\w.]+)` \|", readme, flags=re.M)
    assert table, "seeds/README.md no longer lists the documents"
    return {doc: words((SEEDS / name).read_text(encoding="utf-8")) for doc, name in table}


def heading(document: str, section: str) -> str | None:
    """The section's most specific part (after the last " – "s) that occurs in the document."""
    parts = [p for p in re.split(r"\s+[–-]\s+", section) if p.strip()]
    for start in range(len(parts)):
        candidate = words(" – ".join(parts[start:]))
        if candidate and candidate in document:
            return candidate
    return None


def all_sections() -> list[tuple[str, str]]:
    """(document, section) of every citation in the catalogue and the workshop templates."""
    catalogue = files.read(Path(ROOT))
    cited = [(e.citation.source, e.citation.section) for e in catalogue.entries]
    cited += [(t["kilde"]["dokument"], t["kilde"]["afsnit"]) for t in templates()]
    return [(doc, " ".join(section.split())) for doc, section in cited]


def section_windows(document: str, section: str, others: list[str]) -> list[str]:
    """The text after each occurrence of the section's heading, up to the next occurrence of another
    cited section's heading (or SECTION_LENGTH characters)."""
    own = heading(document, section)
    if own is None:
        return []
    windows = []
    for match in re.finditer(re.escape(own), document):
        start, end = match.start(), min(len(document), match.start() + SECTION_LENGTH)
        for other in others:
            if other != own and own not in other:
                found = document.find(other, match.end(), end)
                end = found if found != -1 else end
        windows.append(document[start:end])
    return windows


def source_problems(documents: Mapping[str, str], citation: Mapping[str, Any],
                    texts: list[tuple[str, str]]) -> list[str]:
    """(label, text) pairs that do not occur in the cited section; [] when all do."""
    document = documents[citation["dokument"]]
    own = " ".join(str(citation["afsnit"]).split())
    # Headings of other cited sections end this one; its own subsections and parents do not.
    others = [h for doc, section in cited_sections() if doc == citation["dokument"]
              and not section.startswith(own) and not own.startswith(section)
              for h in [heading(document, section)]
              if h and (len(h.split()) > 1 or len(h) >= 15)]  # a word like "sundhed" is no heading
    windows = section_windows(document, own, others)
    if not windows:
        return [f"afsnittet »{citation['afsnit']}« findes ikke i {citation['dokument']}"]
    return [f"{label}: »{text}«" for label, text in texts
            if not any(words(text) in window for window in windows)]


def template_texts(template: Mapping[str, Any]) -> list[tuple[str, str]]:
    texts = []
    if template["forberedelse_fra_kilden"]:
        texts.append((f"{template['id']} forberedelse",
                      template.get("forberedelse_kildens_ord") or template["forberedelse"]))
    for block in template["blokke"]:
        if block["fra_kilden"]:
            texts.append((f"{template['id']} blok »{block['titel']}«",
                          block.get("kildens_ord") or block["titel"]))
    return texts


@functools.cache
def cited_sections() -> tuple[tuple[str, str], ...]:
    return tuple(all_sections())


def templates() -> list[dict[str, Any]]:
    data = yaml.safe_load((ROOT / "catalogue" / "workshop" / "skabeloner.yaml").read_text(encoding="utf-8"))
    return list(data["skabeloner"])


def test_every_block_from_the_source_is_in_the_cited_section() -> None:
    documents = seed_documents()
    problems = [p for t in templates() for p in source_problems(documents, t["kilde"], template_texts(t))]
    assert problems == []


def test_every_case_title_is_the_heading_of_its_cited_section() -> None:
    documents = seed_documents()
    catalogue = files.read(Path(ROOT))
    problems = [p for case in catalogue.of_type("case")
                for p in source_problems(documents, case.data["kilde"], [(case.id, case.title)])]
    assert problems == []


def test_the_check_catches_words_the_source_does_not_have() -> None:
    documents = seed_documents()
    aarhus = next(t for t in templates() if t["id"] == "aarhus-workshop-5-timer")
    planted = {**aarhus, "blokke": [{"titel": "Konkrete handleplaner udarbejdes på workshoppen",
                                     "fra_kilden": True}]}
    assert len(source_problems(documents, aarhus["kilde"], template_texts(planted))) == 1
    # A title the source has, but in another section, is not enough either.
    elsewhere = {**aarhus["kilde"], "afsnit": "Cases fra tre kommuner – Case 3: Køn på et strategisk "
                                              "niveau – Nyborg Kommune"}
    assert source_problems(documents, elsewhere, [("x", "Dokumentation gennem logbøger – den videre "
                                                        "proces")]) != []
