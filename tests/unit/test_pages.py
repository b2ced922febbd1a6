"""Page generation is a pure function of the catalogue: one page per entry and per source."""

from __future__ import annotations

from pathlib import Path

from macros import pages

from koensbalance.catalogue import files
from tests.support.fixtures import make_catalogue


def test_one_page_per_entry_and_source_with_stable_paths(tmp_path: Path) -> None:
    catalogue = files.read(make_catalogue(tmp_path))
    generated = {p.path: p.markdown for p in pages.generate(catalogue)}
    assert "initiativer/eksempel-initiativ.md" in generated
    assert "begreber/eksempel-begreb.md" in generated
    assert {f"kilder/{s.id}.md" for s in catalogue.sources} <= set(generated)
    assert len(generated) == len(catalogue.entries) + len(catalogue.sources)


def test_entry_page_cites_its_source_and_links_related(tmp_path: Path) -> None:
    catalogue = files.read(make_catalogue(tmp_path))
    page = next(p for p in pages.generate(catalogue) if p.path == "initiativer/eksempel-initiativ.md")
    assert "render_macros: false" in page.markdown
    assert "Afsnit: 4. Hvad kan en handlingsorienteret politik indeholde?" in page.markdown
    assert "](../kilder/koensbalance-i-ledelse.md)" in page.markdown
    assert "[Eksempelbegreb](../begreber/eksempel-begreb.md)" in page.markdown


def test_catalogue_text_is_escaped_never_markup(tmp_path: Path) -> None:
    catalogue = files.read(make_catalogue(tmp_path))
    page = next(p for p in pages.generate(catalogue) if p.path == "initiativer/eksempel-initiativ.md")
    assert "<script>" not in page.markdown
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.markdown


def test_generation_is_deterministic(tmp_path: Path) -> None:
    catalogue = files.read(make_catalogue(tmp_path))
    assert pages.generate(catalogue) == pages.generate(catalogue)
