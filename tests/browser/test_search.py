"""The header search (Pagefind, Danish stemming) in headless Chromium: the query set typed into the real
search box, what a result shows, the keyboard flow, the live region, a phone viewport, axe with the
results open, the page without JavaScript, and what a page loads before anyone searches. Every test
also fails on console errors (CSP violations included) or requests that leave the origin."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from koensbalance.catalogue import Catalogue, Entry, files
from tests.support.axe import assert_clean
from tests.support.build import ROOT

pytestmark = pytest.mark.browser
QUERIES = ROOT / "tests" / "fixtures" / "search_queries.yaml"
REQUIRED_HIT_RATE = 0.95
TOP = 5
BOX = "#kb-search-input"
HITS = "[data-kb-search-results] a.kb-search__hit"


def queries() -> list[dict[str, str]]:
    return list(yaml.safe_load(QUERIES.read_text(encoding="utf-8"))["queries"])


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return files.read(ROOT)


def by_id(catalogue: Catalogue, entry_id: str) -> Entry:
    return catalogue.by_id()[entry_id]


def type_query(page: Any, query: str) -> list[str]:
    """Type into the header search as a reader does; returns the result links' paths, in order."""
    page.fill(BOX, "")
    page.click(BOX)
    page.type(BOX, query, delay=15)
    page.wait_for_function("(q) => document.querySelector('[data-kb-search]').dataset.kbSearchShown === q",
                           arg=query.strip(), polling=20, timeout=20_000)
    return list(page.evaluate(f"""() => [...document.querySelectorAll({json.dumps(HITS)})]
        .map((a) => new URL(a.href).pathname)"""))


def entry_path(entry: Entry) -> str:
    return "/" + entry.url  # the test server serves the site at its root


def test_query_set_is_large_enough_and_names_real_entries(catalogue: Catalogue) -> None:
    found = queries()
    assert len(found) >= 40
    assert len({q["query"] for q in found}) == len(found)
    known = catalogue.by_id()
    assert [q["entry"] for q in found if q["entry"] not in known] == []
    # Each kind of Danish form the issue asks for is in the set.
    assert {"bøjning", "genitiv", "to-ord", "sammensat", "kortere"} <= {q["kind"] for q in found}


def test_query_set_finds_the_entry_in_the_top_five(page: Any, site_url: str, catalogue: Catalogue) -> None:
    page.goto(site_url)
    misses = []
    for item in queries():
        paths = type_query(page, item["query"])
        if entry_path(by_id(catalogue, item["entry"])) not in paths[:TOP]:
            misses.append(f"{item['query']!r} -> {item['entry']} (fik {paths[:TOP]})")
    rate = 1 - len(misses) / len(queries())
    print(f"\nheader search hit rate: {rate:.1%} ({len(queries()) - len(misses)}/{len(queries())})")
    assert rate >= REQUIRED_HIT_RATE, "\n".join(misses)


def test_a_result_shows_title_type_area_and_a_highlighted_excerpt(page: Any, site_url: str,
                                                                  catalogue: Catalogue) -> None:
    entry = by_id(catalogue, "synliggoer-rollemodeller-af-det-underrepraesenterede-koen")
    page.goto(site_url + "katalog/")
    paths = type_query(page, "rollemodellerne")
    assert paths[0] == entry_path(entry)
    hit = page.locator(HITS).first
    assert hit.locator(".kb-search__title").text_content() == entry.title
    area = catalogue.term("indsatsomraader", entry.areas[0]).label
    assert hit.locator(".kb-search__meta").text_content() == f"{entry.type.label} · {area}"
    marks = [m.lower() for m in hit.locator(".kb-search__excerpt mark").all_text_contents()]
    assert any(m.startswith("rollemodel") for m in marks), marks  # the form in the text is marked
    # The excerpt holds text and <mark> only.
    tags = page.evaluate(f"""() => [...document.querySelector({json.dumps(HITS)})
        .querySelectorAll('.kb-search__excerpt *')].map((n) => n.tagName)""")
    assert set(tags) == {"MARK"}
    status = page.text_content("[data-kb-search-status]")
    assert status is not None and status.endswith("fundet.") and status[0].isdigit()


def test_an_excerpt_is_never_parsed_as_markup(page: Any, site_url: str) -> None:
    page.goto(site_url)
    result = page.evaluate("""async () => {
      const { excerptNodes } = await import(new URL('assets/js/search.js', location.href).href);
      window.kbHacked = false;
      const nodes = excerptNodes('<img src=x onerror="window.kbHacked=true">&lt;b&gt; &amp; <mark>ord</mark>'
                                 + '<script>window.kbHacked=true</script> &#229;');
      const holder = document.createElement('div');
      holder.append(...nodes);
      document.body.append(holder);
      await new Promise((r) => setTimeout(r, 100));
      return { html: holder.innerHTML, text: holder.textContent, hacked: window.kbHacked,
               tags: [...holder.querySelectorAll('*')].map((n) => n.tagName) };
    }""")
    assert result["hacked"] is False
    assert result["tags"] == ["MARK"]
    assert result["text"] == ('<img src=x onerror="window.kbHacked=true"><b> & ord'
                              '<script>window.kbHacked=true</script> å')


def test_keyboard_type_arrow_enter_escape(page: Any, site_url: str, catalogue: Catalogue) -> None:
    page.goto(site_url + "katalog/")
    page.keyboard.press("Tab")  # skip link, then the header's controls: reach the box by keyboard
    for _ in range(12):
        if page.evaluate("document.activeElement.id") == "kb-search-input":
            break
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "kb-search-input"
    page.keyboard.type("barslen", delay=15)
    page.wait_for_function("() => document.querySelector('[data-kb-search]').dataset.kbSearchShown === "
                           "'barslen'", polling=20, timeout=20_000)
    assert page.is_visible(HITS)
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.classList.contains('kb-search__hit')")
    first = page.evaluate("document.activeElement.href")
    page.keyboard.press("ArrowUp")
    assert page.evaluate("document.activeElement.id") == "kb-search-input"
    page.keyboard.press("Escape")
    assert page.is_hidden("[data-kb-search-panel]")
    assert page.evaluate("document.activeElement.id") == "kb-search-input"
    page.keyboard.type("e")  # typing again opens the results again
    page.keyboard.press("Backspace")
    page.wait_for_selector("[data-kb-search-panel]", state="visible")
    page.keyboard.press("ArrowDown")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == first
    entry = by_id(catalogue, "forebyg-ulighed-relateret-til-barsel")
    assert page.url.endswith("/" + entry.url)


def test_enter_in_the_box_opens_the_first_result(page: Any, site_url: str) -> None:
    page.goto(site_url)
    paths = type_query(page, "måltallene")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith(paths[0])


def test_the_count_is_read_out_once_typing_pauses(page: Any, site_url: str) -> None:
    page.goto(site_url)
    region = page.locator("[data-kb-search-announce]")
    assert region.get_attribute("role") == "status" and region.get_attribute("aria-live") == "polite"
    page.evaluate("""() => {
      window.kbReadOut = [];
      const region = document.querySelector('[data-kb-search-announce]');
      new MutationObserver(() => window.kbReadOut.push(region.textContent))
        .observe(region, { childList: true, characterData: true, subtree: true });
    }""")
    type_query(page, "stillingsannoncerne")  # letter by letter: every step shows results
    page.wait_for_function("() => window.kbReadOut.length > 0", polling=50, timeout=10_000)
    status = page.text_content("[data-kb-search-status]")
    page.wait_for_timeout(1200)
    assert page.evaluate("window.kbReadOut") == [status]  # once, the result it settled on
    # Typing on to the same result is not read out again.
    page.keyboard.type(" ")
    page.wait_for_timeout(1500)
    assert page.text_content("[data-kb-search-status]") == status
    assert page.evaluate("window.kbReadOut") == [status]


def test_no_result_says_so_and_offers_the_filter_page(page: Any, site_url: str) -> None:
    page.goto(site_url)
    assert type_query(page, "xylofonkvartet") == []
    assert page.text_content("[data-kb-search-status]") == \
        "Ingen poster fundet. Prøv et andet ord eller en anden bøjning."
    link = page.locator("[data-kb-search-all]")
    assert link.is_visible() and link.get_attribute("href").endswith("find/?tekst=xylofonkvartet")
    # Enter with nothing found goes to the filter page with the text (where filters can widen it).
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_selector("[data-kb-filter-ready]")
    assert page.url == site_url + "find/?tekst=xylofonkvartet"
    assert page.input_value("#kb-filter-tekst") == "xylofonkvartet"


def test_phone_full_width_results_and_large_targets(chromium: Any, site_url: str) -> None:
    context = chromium.new_context(viewport={"width": 360, "height": 740}, service_workers="block",
                                   has_touch=True, is_mobile=True)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(site_url + "katalog/")
    assert page.is_hidden(BOX)  # on a phone the box opens from the header button
    opener = page.locator("[data-kb-search-open]")
    assert opener.get_attribute("aria-expanded") == "false"
    opener.click()
    assert opener.get_attribute("aria-expanded") == "true"
    assert page.evaluate("document.activeElement.id") == "kb-search-input"
    type_query(page, "hjemmeplejens")
    panel = page.locator("[data-kb-search-panel]").bounding_box()
    assert panel["width"] >= 360 - 2 * 12  # full width, less the form's padding
    targets = [page.locator(HITS).nth(i) for i in range(page.locator(HITS).count())]
    targets += [page.locator("[data-kb-search-close]"), page.locator("[data-kb-search-all]")]
    for target in targets:
        box = target.bounding_box()
        assert box["width"] >= 24 and box["height"] >= 24, (target, box)
    assert_clean(page)
    page.locator("[data-kb-search-close]").click()
    assert page.is_hidden(BOX) and page.evaluate("document.activeElement.dataset.kbSearchOpen") == ""
    context.close()
    assert errors == []


def test_no_accessibility_violations_with_results_open(page: Any, site_url: str) -> None:
    page.goto(site_url + "katalog/")
    assert_clean(page)
    type_query(page, "ledernetværket")
    assert page.is_visible(HITS)
    assert_clean(page)


def test_without_javascript_the_search_box_is_a_link_to_the_filter_page(chromium: Any, site_url: str) -> None:
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "katalog/")
    link = page.locator("[data-kb-search-link]")
    assert link.is_visible() and link.text_content().strip() == "Søg"
    assert page.is_hidden("[data-kb-search-form]")
    link.click()
    page.wait_for_load_state()
    assert page.url == site_url + "find/"
    assert page.locator(".kb-browse-list li > a").count() >= len(files.read(ROOT).entries)  # every entry
    context.close()


def test_a_page_loads_no_search_index_until_someone_searches(page: Any, site_url: str,
                                                             page_log: Any) -> None:
    page.goto(site_url + "katalog/")
    page.wait_for_load_state("networkidle")
    loaded = [u for u in page_log.requests if "/pagefind/" in u or "search_index" in u or "lunr" in u
              or "/workers/search" in u]
    assert loaded == []
    type_query(page, "barslen")
    assert any(u.endswith("/pagefind/pagefind.js") for u in page_log.requests)
    assert any(".pf_index" in u for u in page_log.requests)


def test_material_search_is_gone_and_pagefind_is_served_from_the_site(built_site: Path) -> None:
    assert not (built_site / "search" / "search_index.json").exists()
    assert not list((built_site / "assets" / "javascripts" / "workers").glob("search*.js"))
    bundle = built_site / "pagefind"
    assert (bundle / "pagefind.js").is_file() and (bundle / "wasm.da.pagefind").is_file()
    assert not (bundle / "pagefind-ui.js").exists()  # the default UI (inline styles) is not shipped
