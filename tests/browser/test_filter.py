"""The "Find inspiration" filter page in headless Chromium: facets, counts, URL state, back button,
the no-JavaScript list, hostile URLs and accessibility. Expected results are computed from the
catalogue here, never hard-coded. Every test also fails on console errors or foreign requests."""

from __future__ import annotations

import random
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from macros import browse_macros

from koensbalance.catalogue import Catalogue, Entry, files
from tests.support.axe import assert_clean
from tests.support.build import ROOT

pytestmark = pytest.mark.browser
READY = "[data-kb-filter-ready]"
RESULT_TITLES = "[data-kb-results] [data-kb-title]"


@pytest.fixture(scope="module")
def entries() -> tuple[Entry, ...]:
    return files.read(ROOT).entries


WAIT_MS = 30_000  # generous: a loaded 2-core CI machine once needed more than 10 s for a click


def wait_until(page: Any, expression: str) -> None:
    """Wait for `expression`; on a timeout, fail with what the reader sees instead of a bare timeout."""
    try:
        page.wait_for_function(f"() => {expression}", polling=50, timeout=WAIT_MS)
    except Exception as error:  # playwright's TimeoutError
        seen = page.evaluate("""() => ({
            url: location.href,
            shown: document.querySelectorAll('[data-kb-results] [data-kb-title]').length,
            status: (document.querySelector('[data-kb-result-count]') || {}).textContent,
            checked: [...document.querySelectorAll('[data-kb-filter] input:checked')].map((i) => i.id),
            text: (document.querySelector('[data-kb-filter] input[type=search]') || {}).value,
        })""")
        raise AssertionError(f"waited {WAIT_MS} ms for {expression}; the page shows {seen}") from error


def open_filter(page: Any, site_url: str, query: str = "") -> None:
    page.goto(site_url + "find/" + query)
    page.wait_for_selector(READY, timeout=WAIT_MS)


def shown_titles(page: Any) -> set[str]:
    return set(page.locator(RESULT_TITLES).all_text_contents())


def listed_titles(page: Any) -> list[str]:
    return list(page.locator(RESULT_TITLES).all_text_contents())


def status(page: Any) -> str:
    return str(page.text_content("[data-kb-result-count]"))


def count_label(page: Any, key: str, value: str) -> str:
    return str(page.text_content(f"label[for='kb-f-{key}-{value}'] [data-kb-count]"))


def wait_for_count(page: Any, n: int) -> None:
    wait_until(page, f"document.querySelectorAll('{RESULT_TITLES}').length === {n}")


def test_filter_by_area_and_target_group(page: Any, site_url: str, entries: tuple[Entry, ...]) -> None:
    open_filter(page, site_url)
    assert status(page) == f"Alle {len(entries)} poster vises."
    in_area = [e for e in entries if "rekruttering" in e.areas]
    page.check("#kb-f-omraade-rekruttering")
    wait_for_count(page, len(in_area))
    assert shown_titles(page) == {e.title for e in in_area}
    assert status(page) == f"{len(in_area)} poster passer til filteret (af {len(entries)})."

    both = [e for e in in_area if "hr" in e.target_groups]
    assert 0 < len(both) < len(in_area)
    page.check("#kb-f-maalgruppe-hr")
    wait_for_count(page, len(both))
    assert shown_titles(page) == {e.title for e in both}
    assert status(page).startswith(f"{len(both)} poster passer")
    # Counts say what each value would give alongside the other choices.
    assert count_label(page, "maalgruppe", "ansaettelsesudvalg") == \
        f"({sum(1 for e in in_area if 'ansaettelsesudvalg' in e.target_groups)})"
    assert count_label(page, "sektor", "stat") == f"({sum(1 for e in both if 'stat' in e.sectors)})"
    assert count_label(page, "omraade", "kultur") == \
        f"({sum(1 for e in entries if 'kultur' in e.areas and 'hr' in e.target_groups)})"

    # A result shows title, summary, type, area and source, and links to the entry page.
    first = page.locator("[data-kb-results] li").first
    title = first.locator("[data-kb-title]").text_content()
    entry = next(e for e in both if e.title == title)
    assert first.locator("[data-kb-meta]").text_content().startswith(entry.type.label + " · ")
    assert "Rekruttering" in first.locator("[data-kb-meta]").text_content()
    first.locator("[data-kb-title]").click()
    page.wait_for_url("**/" + entry.url)
    assert page.locator("h1").first.text_content().startswith(entry.title)


def searchable_text(catalogue: Catalogue, entry: Entry) -> str:
    """What the text box searches: title, summary and the labels of the entry's facet values."""
    labels = [catalogue.term("indsatsomraader", a).label for a in entry.areas]
    labels += [catalogue.term("maalgrupper", g).label for g in entry.target_groups]
    labels += [catalogue.term("sektorer", s).label for s in entry.sectors]
    labels += [entry.type.label, catalogue.source(entry.citation.source).short_name]
    return " ".join([entry.title, entry.summary or "", *labels]).lower()


def pagefind_ids(page: Any, text: str) -> set[str]:
    """The entry ids Pagefind (the header search's engine) finds for a text, asked in the page."""
    return set(page.evaluate("""async (text) => {
      const { pagefindIds } = await import(new URL('../assets/js/filter.js', location.href).href);
      return [...await pagefindIds(text)];
    }""", text))


def wait_for_search(page: Any, text: str) -> None:
    wait_until(page, f"document.querySelector('[data-kb-filter]').dataset.kbFilterSearched === {text!r}")


def test_text_box_narrows_the_filtered_set(page: Any, site_url: str, entries: tuple[Entry, ...]) -> None:
    catalogue = files.read(ROOT)
    open_filter(page, site_url, "?omraade=rekruttering")
    page.fill("#kb-filter-tekst", "Udvalg  KØN")  # every word must occur, in any case and order
    in_text = {e.id for e in entries if all(w in searchable_text(catalogue, e) for w in ("udvalg", "køn"))}
    # ... or Pagefind finds the entry for the text (in any Danish word form, anywhere in the entry).
    expected = [e for e in entries if "rekruttering" in e.areas
                and (e.id in in_text or e.id in pagefind_ids(page, "udvalg køn"))]
    assert 0 < len(expected) < sum(1 for e in entries if "rekruttering" in e.areas)
    wait_for_search(page, "udvalg køn")
    wait_for_count(page, len(expected))
    assert shown_titles(page) == {e.title for e in expected}
    wait_until(page, "location.search.includes('tekst=')")  # written just after the list is painted
    assert parse_qs(urlsplit(page.url).query) == {"omraade": ["rekruttering"], "tekst": ["Udvalg  KØN"]}


def test_text_box_finds_danish_word_forms_as_the_header_search_does(
        page: Any, site_url: str, entries: tuple[Entry, ...]) -> None:
    catalogue = files.read(ROOT)
    target = next(e for e in entries if e.id == "synliggoer-rollemodeller-af-det-underrepraesenterede-koen")
    assert "rollemodellerne" not in searchable_text(catalogue, target)  # only another form is in the text
    open_filter(page, site_url, "?type=initiativ")
    page.fill("#kb-filter-tekst", "rollemodellerne")
    wait_for_search(page, "rollemodellerne")
    found = pagefind_ids(page, "rollemodellerne")
    expected = {e.title for e in entries if e.id in found and e.type.name == "initiativ"}
    assert target.title in expected
    wait_for_count(page, len(expected))
    assert shown_titles(page) == expected
    # A facet click keeps the engine's answer for the text (it is not asked again, nothing is lost).
    page.check("#kb-f-type-anbefaling")
    both = {e.title for e in entries if e.id in found and e.type.name in ("initiativ", "anbefaling")}
    wait_for_count(page, len(both))
    assert shown_titles(page) == both


def test_reload_with_the_url_gives_the_same_view(page: Any, site_url: str) -> None:
    open_filter(page, site_url)
    page.check("#kb-f-omraade-rekruttering")
    page.check("#kb-f-sektor-kommune")
    wait_until(page, "location.search.includes('sektor=kommune')")
    before = shown_titles(page)
    url = page.url
    assert parse_qs(urlsplit(url).query) == {"omraade": ["rekruttering"], "sektor": ["kommune"]}
    page.goto("about:blank")
    open_filter(page, site_url, "?" + urlsplit(url).query)
    assert page.is_checked("#kb-f-omraade-rekruttering") and page.is_checked("#kb-f-sektor-kommune")
    assert not page.is_checked("#kb-f-sektor-stat")
    assert shown_titles(page) == before


def test_back_button_restores_the_previous_view(page: Any, site_url: str,
                                                 entries: tuple[Entry, ...]) -> None:
    open_filter(page, site_url)
    page.check("#kb-f-omraade-kultur")
    in_area = {e.title for e in entries if "kultur" in e.areas}
    wait_for_count(page, len(in_area))
    # The page writes the URL just after it has painted the results; a reader who goes back does so
    # after that, as the test does.
    wait_until(page, "location.search.includes('omraade=kultur')")
    page.check("#kb-f-type-initiativ")
    narrowed = {e.title for e in entries if "kultur" in e.areas and e.type.name == "initiativ"}
    wait_for_count(page, len(narrowed))
    wait_until(page, "location.search.includes('type=initiativ')")
    page.go_back()
    wait_for_count(page, len(in_area))
    assert shown_titles(page) == in_area
    assert listed_titles(page) == sorted(in_area, key=browse_macros.sort_key)  # in catalogue order
    assert page.is_checked("#kb-f-omraade-kultur") and not page.is_checked("#kb-f-type-initiativ")
    page.go_back()
    wait_until(page, "!document.querySelector('#kb-f-omraade-kultur').checked")
    assert status(page) == f"Alle {len(entries)} poster vises."
    page.go_forward()
    wait_for_count(page, len(in_area))


def test_quick_changes_are_each_a_step_back(page: Any, site_url: str, entries: tuple[Entry, ...]) -> None:
    open_filter(page, site_url)
    # Two changes within one frame: the page writes the URL after the paint, and must not merge them.
    page.evaluate("""() => {
      for (const id of ['kb-f-omraade-kultur', 'kb-f-type-initiativ']) {
        const box = document.getElementById(id);
        box.checked = true;
        box.dispatchEvent(new Event('change', { bubbles: true }));
      }
    }""")
    wait_until(page, "location.search.includes('type=initiativ')")
    assert parse_qs(urlsplit(page.url).query) == {"omraade": ["kultur"], "type": ["initiativ"]}
    page.go_back()
    wait_until(page, "!document.querySelector('#kb-f-type-initiativ').checked")
    assert page.is_checked("#kb-f-omraade-kultur")
    assert shown_titles(page) == {e.title for e in entries if "kultur" in e.areas}
    assert parse_qs(urlsplit(page.url).query) == {"omraade": ["kultur"]}


def test_result_followed_right_after_a_change_keeps_the_change_in_history(
        page: Any, site_url: str, entries: tuple[Entry, ...]) -> None:
    open_filter(page, site_url)
    first = min((e for e in entries if "kultur" in e.areas), key=lambda e: browse_macros.sort_key(e.title))
    page.evaluate("() => { document.getElementById('kb-f-omraade-kultur').click(); "
                  "document.querySelector('[data-kb-results] [data-kb-title]').click(); }")
    page.wait_for_url("**/" + first.url)
    page.go_back()
    page.wait_for_selector(READY)
    assert parse_qs(urlsplit(page.url).query) == {"omraade": ["kultur"]}
    assert page.is_checked("#kb-f-omraade-kultur")


def test_result_count_is_read_out_once_the_user_pauses(page: Any, site_url: str,
                                                       entries: tuple[Entry, ...]) -> None:
    open_filter(page, site_url)
    region = page.locator("[data-kb-announce]")
    assert region.get_attribute("role") == "status" and region.get_attribute("aria-live") == "polite"
    page.evaluate("""() => {
      window.kbReadOut = [];
      const region = document.querySelector('[data-kb-announce]');
      new MutationObserver(() => window.kbReadOut.push(region.textContent))
        .observe(region, { childList: true, characterData: true, subtree: true });
    }""")
    # Typing a word letter by letter, then ticking a box, at a brisk typist's pace.
    page.evaluate("""async () => {
      const box = document.getElementById('kb-filter-tekst');
      for (const n of [1, 2, 3, 4, 5, 6, 7]) {
        box.value = 'ledelse'.slice(0, n);
        box.dispatchEvent(new Event('input', { bubbles: true }));
        await new Promise((resolve) => setTimeout(resolve, 150));
      }
      document.getElementById('kb-f-omraade-rekruttering').click();
    }""")
    wait_until(page, "window.kbReadOut.length > 0")
    final = status(page)
    assert final.endswith(f"til filteret (af {len(entries)}).")
    assert page.evaluate("window.kbReadOut") == [final]  # the result it settled on, not every step
    # A change that ends in the same result is not read out again.
    page.locator("#kb-filter-tekst").press("End")
    page.keyboard.type(" ")
    page.wait_for_timeout(1500)  # longer than the pause filter.js waits for before reading out
    assert status(page) == final and page.evaluate("window.kbReadOut") == [final]


def test_more_results_page_by_page(page: Any, site_url: str, entries: tuple[Entry, ...]) -> None:
    page_size = 50  # filter.js PAGE_SIZE
    ordered = sorted((e.title for e in entries), key=browse_macros.sort_key)
    assert len(ordered) > page_size, "the catalogue is too small to need a second page"
    open_filter(page, site_url)
    assert listed_titles(page) == ordered[:page_size]
    more = page.locator("[data-kb-more]")
    assert more.text_content() == f"Vis flere ({len(ordered) - page_size} mere)"
    more.click()
    wait_for_count(page, min(2 * page_size, len(ordered)))
    assert listed_titles(page) == ordered[: 2 * page_size]
    assert page.evaluate("document.activeElement.textContent") == ordered[page_size]  # first new one
    while more.is_visible():
        more.click()
    assert listed_titles(page) == ordered
    # A new choice starts from the first page again.
    page.check("#kb-f-type-initiativ")
    chosen = sorted((e.title for e in entries if e.type.name == "initiativ"), key=browse_macros.sort_key)
    wait_for_count(page, min(page_size, len(chosen)))
    assert listed_titles(page) == chosen[:page_size]


def rules(index: dict[str, Any], chosen: dict[str, list[str]], text: str) -> dict[str, Any]:
    """The filter's rules written out plainly: every word in the entry's text; within a facet any chosen
    value, across facets all; a value's count is what choosing it would give next to the other facets."""
    words = text.lower().split()
    keys = [f["key"] for f in index["facets"]]

    def passes(entry: dict[str, Any], skip: str | None = None) -> bool:
        return all(w in entry["text"] for w in words) and all(
            not chosen[k] or set(entry[k]) & set(chosen[k]) for k in keys if k != skip)

    entries = index["entries"]
    return {"matches": [i for i, e in enumerate(entries) if passes(e)],
            "counts": {f["key"]: [sum(1 for e in entries if v["id"] in e[f["key"]] and passes(e, f["key"]))
                                  for v in f["values"]] for f in index["facets"]}}


def test_matches_and_counts_follow_the_rules_at_scale(page: Any, site_url: str) -> None:
    from benchmarks.filter_bench import synthetic_catalogue

    index = browse_macros.filter_index(synthetic_catalogue(files.read(ROOT), size=700))
    rng = random.Random(6)
    texts = ["", "l", "le", "led", "ledelse", "ledelse kø", "køn", "UD  valg", "zzz"]
    states = [{"text": rng.choice(texts) if rng.random() < 0.5 else texts[n % len(texts)],
               "chosen": {f["key"]: [v["id"] for v in f["values"] if rng.random() < 0.15]
                          for f in index["facets"]}} for n in range(60)]
    open_filter(page, site_url)
    got = page.evaluate("""async ({ index, states }) => {
      const { createMatcher } = await import(new URL('../assets/js/filter.js', location.href).href);
      const matcher = createMatcher(index);
      return states.map(({ text, chosen }) => {
        const state = { text };
        for (const [key, ids] of Object.entries(chosen)) state[key] = new Set(ids);
        const found = matcher.run(state);
        const counts = Object.entries(matcher.counts).map(([key, c]) => [key, Array.from(c)]);
        return { matches: Array.from(matcher.matches.slice(0, found)), counts: Object.fromEntries(counts) };
      });
    }""", {"index": index, "states": states})
    assert len({len(r["matches"]) for r in got}) > 10  # the states give many different results
    for state, result in zip(states, got, strict=True):
        assert result == rules(index, state["chosen"], state["text"]), state


def test_without_javascript_every_entry_is_listed_by_area(chromium: Any, site_url: str,
                                                         entries: tuple[Entry, ...]) -> None:
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "find/")
    assert page.locator("[data-kb-filter-form]").is_hidden()  # no dead form without JavaScript
    hrefs = page.eval_on_selector_all("[data-kb-static] li > a", "links => links.map(a => a.href)")
    assert {urlsplit(h).path.lstrip("/") for h in hrefs} == {e.url for e in entries}
    headings = page.locator("[data-kb-static] h2").all_text_contents()
    assert "Rekruttering" in "".join(headings) and "Kultur i hverdagen" in "".join(headings)
    rekruttering = page.locator("#omraade-rekruttering + ul > li")
    assert rekruttering.count() == sum(1 for e in entries if "rekruttering" in e.areas)
    page.click("#omraade-rekruttering + ul > li > a")  # the links work
    assert page.locator("h1").count() == 1 and "404" not in page.title()
    context.close()


def test_hostile_url_is_shown_as_text_never_run(page: Any, site_url: str,
                                                entries: tuple[Entry, ...]) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    script = "<script>window.kbPwned=1</script><img src=x onerror=\"window.kbPwned=2\">"
    huge = "x" * 20_000  # the test server refuses request lines over 64 kB
    query = ("?område=" + script + "&maalgruppe=ingen-saadan&omraade=rekruttering&kilde=" + huge
             + "&tekst=" + huge + "&ukendt=1")
    open_filter(page, site_url, query.replace("#", "%23"))
    assert page.evaluate("window.kbPwned") is None and dialogs == []
    notice = page.locator("[data-kb-unknown]")
    assert notice.is_visible()
    shown = notice.locator("code").all_text_contents()
    assert "område=" + script in shown  # as text, exactly
    assert "maalgruppe=ingen-saadan" in shown and "ukendt=1" in shown
    assert all(len(text) <= 81 for text in shown)  # huge values are cut when shown
    assert notice.locator("script, img").count() == 0
    # The recognised value is applied; the rest is ignored.
    in_area = {e.title for e in entries if "rekruttering" in e.areas}
    assert shown_titles(page) == in_area
    assert page.input_value("#kb-filter-tekst") == ""


def test_danish_query_key_from_the_issue_is_understood(page: Any, site_url: str,
                                                       entries: tuple[Entry, ...]) -> None:
    open_filter(page, site_url, "?område=rekruttering")
    assert page.is_checked("#kb-f-omraade-rekruttering")
    assert shown_titles(page) == {e.title for e in entries if "rekruttering" in e.areas}
    assert page.locator("[data-kb-unknown]").is_hidden()


def test_keyboard_only(page: Any, site_url: str, entries: tuple[Entry, ...]) -> None:
    open_filter(page, site_url)
    page.focus("#kb-filter-tekst")
    page.keyboard.press("Tab")  # the first area checkbox
    first_area = page.evaluate("document.activeElement.value")
    page.keyboard.press("Space")
    expected = {e.title for e in entries if first_area in e.areas}
    wait_for_count(page, len(expected))
    assert shown_titles(page) == expected
    page.keyboard.press("Space")
    wait_until(page, f"document.querySelector('[data-kb-result-count]').textContent === "
               f"'Alle {len(entries)} poster vises.'")
    assert not page.is_checked(f"#kb-f-omraade-{first_area}")


def test_entry_page_values_link_to_the_filtered_view(page: Any, site_url: str,
                                                     entries: tuple[Entry, ...]) -> None:
    entry = next(e for e in entries if e.target_groups and e.sectors and e.areas)
    page.goto(site_url + entry.url)
    link = page.locator(f"a[href$='find/?maalgruppe={entry.target_groups[0]}']")
    link.click()
    page.wait_for_selector(READY)
    assert page.is_checked(f"#kb-f-maalgruppe-{entry.target_groups[0]}")
    assert entry.title in shown_titles(page)
    page.go_back()
    page.locator(f".kb-entry-meta a[href$='find/?omraade={entry.areas[0]}']").click()
    page.wait_for_selector(READY)
    assert page.is_checked(f"#kb-f-omraade-{entry.areas[0]}")


def settled(page: Any) -> None:
    """Wait for CSS transitions to end (Material's back-to-top button fades in as the page scrolls;
    axe would measure its contrast half-way)."""
    wait_until(page, "document.getAnimations().length === 0")


def test_no_accessibility_violations_initial_and_filtered(page: Any, site_url: str) -> None:
    open_filter(page, site_url)
    settled(page)
    assert_clean(page)
    page.check("#kb-f-omraade-rekruttering")
    page.check("#kb-f-maalgruppe-hr")
    page.fill("#kb-filter-tekst", "ingen post har dette ord")
    wait_for_count(page, 0)
    assert "Ingen poster" in status(page)
    settled(page)
    assert_clean(page)
    open_filter(page, site_url, "?omraade=ingen&kilde=<b>x</b>")
    settled(page)
    assert_clean(page)
