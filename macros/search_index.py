"""Site search: Pagefind (PyPI `pagefind[bin]`) indexes the built site after every page is written.

Only entry pages are indexed (`data-pagefind-body` around their content); inside them the parts a reader
does not search for are left out (`data-pagefind-ignore`: the plan button, related entries, the source
block, the concept list). The title (h1, Pagefind's default weight 7) weighs more than the summary,
which weighs more than the body; the entry's search words (`soegeord:` in the YAML, just below the
summary's weight) and the glossary terms and synonyms of the concepts its text uses (as body text) are
indexed with it, unseen, so "jobopslag" finds the entry on "stillingsopslag" and a glossary synonym
finds the entries using the term.
Entry type, area, target group, sector and source are Pagefind filters (the header search shows them).

`mark_entry` is pure (HTML in, HTML out) and runs from the MkDocs hook on_page_content; `build` runs
the Pagefind binary over the site (hook on_post_build) and checks that it indexed every entry."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from collections.abc import Mapping, Sequence
from html import escape
from pathlib import Path

from koensbalance.catalogue import Catalogue, Entry
from macros import glossary

BUNDLE = "pagefind"  # the bundle's folder in the site: pagefind/pagefind.js, its worker, wasm, index
LANGUAGE = "da"
TIMEOUT_S = 120
# Pagefind's prebuilt UIs: the site uses its JS API (overrides/assets/js/search.js) instead, so these
# are not shipped (the default UI sets inline styles, which the CSP refuses); nor is the wasm for pages
# without a language (every page is lang="da").
UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-component-ui.js", "pagefind-component-ui.css",
          "pagefind-modular-ui.js", "pagefind-modular-ui.css", "pagefind-highlight.js",
          "wasm.unknown.pagefind")
# Headings' permalink signs (¶) are not words.
EXCLUDE_SELECTORS = (".headerlink",)

TITLE_WEIGHT = 7.0  # the h1 (Pagefind's default for h1, written out so the order below is visible)
SUMMARY_WEIGHT = 4.0
WORDS_WEIGHT = 3.0  # the entry's search words: chosen by an editor, a little below the summary
TERMS_WEIGHT = 1.0  # glossary terms (and synonyms) found in the text: as the body text
HEADING_WEIGHT = 2.0  # the body's own headings (Hvorfor, I kan fx, ...): a little above body text
# Sections of an entry page that are about other pages (h2 ids from the entry template).
IGNORED_SECTIONS = ("relaterede-poster", "cases", "kilde", "begreber-i-teksten")
IGNORED_CLASSES = ('p class="kb-entry-meta', 'div class="kb-plan-toggle')

FILTER_KEYS = ("type", "omraade", "maalgruppe", "sektor", "kilde")  # as on the filter page
# The entry's id as a filter of its own: the filter page's text box asks Pagefind for a text and reads
# the matching entries from the counts per id, without loading any result's data.
ENTRY_FILTER = "post"


def _unique(words: list[str], skip: set[str] | None = None) -> list[str]:
    seen = set(skip or ())
    unique = []
    for word in words:
        if word.casefold() not in seen:
            seen.add(word.casefold())
            unique.append(word)
    return unique


def search_words(entry: Entry) -> list[str]:
    """The entry's own search words (`soegeord` in its YAML; for a concept also its synonyms)."""
    words = [str(w) for w in entry.data.get("soegeord") or ()]
    if entry.type.name == "begreb":
        words += glossary.terms(entry)
    return _unique(words)


def glossary_terms(entry: Entry, catalogue: Catalogue) -> list[str]:
    """The terms (titles and synonyms) of the concepts the entry's text uses, so a synonym finds it."""
    words = [term for concept, _forms in glossary.concepts_in(entry, catalogue)
             for term in glossary.terms(concept)]
    return _unique(words, {w.casefold() for w in search_words(entry)})


def filters(entry: Entry, catalogue: Catalogue) -> dict[str, list[str]]:
    """Pagefind filters of an entry: Danish labels (what a result shows), keys as on the filter page."""
    return {
        "type": [entry.type.label],
        "omraade": [catalogue.term("indsatsomraader", a).label for a in entry.areas],
        "maalgruppe": [catalogue.term("maalgrupper", g).label for g in entry.target_groups],
        "sektor": [catalogue.term("sektorer", s).label for s in entry.sectors],
        "kilde": [catalogue.source(entry.citation.source).short_name],
        ENTRY_FILTER: [entry.id],
    }


def _attr(value: str) -> str:
    return escape(value, quote=True)


def _ignore_sections(html: str, ids: Sequence[str]) -> str:
    """Wrap each h2 section with one of these ids (up to the next h2) in data-pagefind-ignore."""
    for section_id in ids:
        start = html.find(f'<h2 id="{section_id}"')
        if start < 0:
            continue
        end = html.find("<h2", start + 1)
        end = len(html) if end < 0 else end
        html = f"{html[:start]}<div data-pagefind-ignore>{html[start:end]}</div>\n{html[end:]}"
    return html


def _hidden_words(words: Sequence[str], weight: float) -> str:
    # Not shown (hidden) and not read out; Pagefind reads the HTML, not the rendering.
    if not words:
        return ""
    return f'<p hidden data-pagefind-weight="{weight:g}">{escape(" · ".join(words))}</p>'


def mark_entry(html: str, words: Sequence[str], terms: Sequence[str],
               entry_filters: Mapping[str, Sequence[str]]) -> str:
    """An entry page's content HTML, marked up for Pagefind (see the module docstring): `words` are the
    entry's own search words, `terms` the glossary terms found in it."""
    html = _ignore_sections(html, IGNORED_SECTIONS)
    html = re.sub(r"<h1(?=[ >])", f'<h1 data-pagefind-weight="{TITLE_WEIGHT:g}"', html, count=1)
    html = re.sub(r"<h([2-6])(?=[ >])", rf'<h\1 data-pagefind-weight="{HEADING_WEIGHT:g}"', html)
    lead = f'<p class="kb-lead" data-pagefind-weight="{SUMMARY_WEIGHT:g}">'
    html = html.replace('<p class="kb-lead">', lead, 1)
    for marked in IGNORED_CLASSES:  # the type and area badges are filters; the plan button is a button
        html = html.replace(f'<{marked}"', f'<{marked}" data-pagefind-ignore')
    tags = [f'<span data-pagefind-filter="{_attr(key)}:{_attr(value)}"></span>'
            for key in (*FILTER_KEYS, ENTRY_FILTER) for value in entry_filters.get(key, ())]
    return (f"<div data-pagefind-body>{html}{_hidden_words(words, WORDS_WEIGHT)}"
            f"{_hidden_words(terms, TERMS_WEIGHT)}"
            f'<div hidden data-pagefind-ignore>{"".join(tags)}</div></div>')


_pages: list[tuple[Catalogue, dict[str, Entry]]] = []  # the last catalogue's entries by page path


def entry_for_page(catalogue: Catalogue, src_uri: str) -> Entry | None:
    """The entry a generated page shows (its path is <type folder>/<id>.md), or None."""
    if not _pages or _pages[0][0] is not catalogue:
        _pages[:] = [(catalogue, {f"{e.type.folder}/{e.id}.md": e for e in catalogue.entries})]
    return _pages[0][1].get(src_uri)


class SearchIndexError(Exception):
    """The index could not be built; the message is one Danish line."""


def build(site_dir: Path, expected_pages: int) -> int:
    """Run Pagefind over the built site into site/pagefind/; returns the number of pages indexed.
    Raises SearchIndexError (a Danish line) when Pagefind fails or indexes another number of pages."""
    bundle = site_dir / BUNDLE
    shutil.rmtree(bundle, ignore_errors=True)
    command = [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--output-subdir", BUNDLE,
               "--force-language", LANGUAGE, "--silent"]
    for selector in EXCLUDE_SELECTORS:
        command += ["--exclude-selectors", selector]
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT_S, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise SearchIndexError(f"Søgeindekset kunne ikke bygges: Pagefind kunne ikke køre ({exc}).") from None
    if result.returncode != 0 or not (bundle / "pagefind.js").is_file():
        last = (result.stderr or result.stdout).strip().splitlines()[-1:] or ["ingen besked"]
        raise SearchIndexError(f"Søgeindekset kunne ikke bygges: Pagefind stoppede ({last[0]}).")
    for name in UNUSED:
        (bundle / name).unlink(missing_ok=True)
    indexed = page_count(site_dir)
    if indexed != expected_pages:
        raise SearchIndexError(f"Søgeindekset kunne ikke bygges: Pagefind indekserede {indexed} sider, "
                               f"men kataloget har {expected_pages} poster.")
    return indexed


def remove_material_search(site_dir: Path) -> None:
    """Material copies its search worker and lunr's language files into every site; nothing loads them
    without its search plugin, so they are not shipped."""
    scripts = site_dir / "assets" / "javascripts"
    for worker in (scripts / "workers").glob("search.*"):
        worker.unlink()
    shutil.rmtree(scripts / "lunr", ignore_errors=True)


def page_count(site_dir: Path) -> int:
    entry = json.loads((site_dir / BUNDLE / "pagefind-entry.json").read_text(encoding="utf-8"))
    return sum(int(lang.get("page_count", 0)) for lang in entry.get("languages", {}).values())


def bundle_files(site_dir: Path) -> list[str]:
    """Every file of the search bundle, site-relative (the service worker caches them on first use)."""
    bundle = site_dir / BUNDLE
    if not bundle.is_dir():
        return []
    return sorted(p.relative_to(site_dir).as_posix() for p in bundle.rglob("*")
                  if p.is_file() and p.suffix not in {".gz", ".br"})
