"""Issue #19's table: each widget page against the bare Pyodide page (loadPyodide + our wheel on the
main thread, Pyodide's files as its npm package ships them: the fixed reference), through nginx with
brotli, in one run. A second bare page on the site's own runtime files (trimmed standard library,
bytecode) shows what those files alone give. Per round every page is loaded cold (a new
browser profile) and warm (the same profile again); the ratios are taken within the round, then the
median over the rounds is printed (the machine is shared: only ratios measured side by side mean
anything). Also the time from a click on the menu link to the second widget page's first answer, in
one visit (instant navigation reuses the running Python)."""

from __future__ import annotations

import statistics
import tempfile
from collections.abc import Callable
from typing import Any

from tests.support.build import js_constant

from benchmarks.browser_timing import measure

BARE = ("bare page: loadPyodide + our wheel (Pyodide as shipped)", "bench-bare.html", "body[data-ready]",
        "bare-ready")
BARE_SITE = ("bare page on the site's runtime files", "bench-bare-site.html")
WIDGET_MARK = "kb-widget-first-answer"
PAGES = (("balance", "maaltal/balance/"), ("måltal", "maaltal/saet-maaltal/"),
         ("workshop planner", "workshop/"), ("workshop form", "workshop/projektplan/"),
         ("plan builder", "plan/"), ("follow-up (Følg op)", "maaltal/foelg-op/"),
         ("assessment (Vurdér en ydelse)", "vurdering/"), ("sector-changer kit", "mobilitet/"))
ROUNDS = 3
# After a first visit: time for the service worker's caching (counted apart): the rest of the site is
# asked for once the reader stayed REST_QUIET_MS on the page, then fetched a file at a time.
SETTLE_MS = js_constant("offline.js", "REST_QUIET_MS") + 6000
NAV_FROM, NAV_TO = "maaltal/balance/", "maaltal/saet-maaltal/"
NAV_PAUSES = (0, 4000)  # the click at once after the first answer, or after reading it for 4 s


def _cold_and_warm(launch: Callable[[str], Any], url: str, ready: str,
                   mark: str) -> tuple[dict[str, float], ...]:
    with tempfile.TemporaryDirectory() as profile:
        context = launch(profile)
        page = context.new_page()
        cold = measure(page, url, ready, mark, settle_ms=SETTLE_MS)  # and what the SW caches then
        warm = measure(page, url, ready, mark)
        context.close()
    return cold, warm


def click_to_next_widget_page(page: Any, base: str, pause_ms: int) -> None:
    """Open NAV_FROM, and `pause_ms` after its first answer click on the menu link to NAV_TO (the time
    of the click in `window.kbClicked`); return once NAV_TO's widget answered."""
    page.goto(base + NAV_FROM)
    page.wait_for_selector("[data-kb-answered]", timeout=120_000)
    page.wait_for_timeout(pause_ms)
    page.evaluate("""() => document.addEventListener('click',
        () => { window.kbClicked = performance.now(); }, { capture: true, once: true })""")
    page.click(f"nav.md-nav--primary a.md-nav__link[href$='{NAV_TO}']")
    page.wait_for_selector("[data-kb-widget='maaltal'][data-kb-answered]", timeout=120_000)


def _navigation_ms(launch: Callable[[str], Any], base: str, pause_ms: int) -> float:
    """Click on the menu link to the next widget page -> its first answer (ms), in one visit, the click
    `pause_ms` after the first page's first answer."""
    with tempfile.TemporaryDirectory() as profile:
        context = launch(profile)
        page = context.new_page()
        click_to_next_widget_page(page, base, pause_ms)
        same = page.evaluate("() => typeof window.kbClicked === 'number'")
        ms = float(page.evaluate(f"""() => performance.getEntriesByName('{WIDGET_MARK}').at(-1).startTime
            - window.kbClicked""")) if same else float("nan")  # nan: a full page load happened
        context.close()
    return ms


def rows(base: str, launch: Callable[[str], Any], rounds: int = ROUNDS) -> list[tuple[str, str]]:
    samples: dict[str, list[dict[str, float]]] = {}
    navigation: dict[int, list[float]] = {pause: [] for pause in NAV_PAUSES}
    for _ in range(rounds):  # interleaved: every page once per round
        bare_cold, bare_warm = _cold_and_warm(launch, base + BARE[1], BARE[2], BARE[3])
        samples.setdefault(BARE[0], []).append({
            "cold": bare_cold["ready"], "warm": bare_warm["ready"], "bytes": bare_cold["bytes"],
            "later": bare_cold["later_bytes"], "rc": 1.0, "rw": 1.0, "rb": 1.0})
        pages = [(label, path, "[data-kb-answered]", WIDGET_MARK) for label, path in PAGES]
        for label, path, ready, mark in [(*BARE_SITE, BARE[2], BARE[3]), *pages]:
            cold, warm = _cold_and_warm(launch, base + path, ready, mark)
            samples.setdefault(label, []).append({
                "cold": cold["ready"], "warm": warm["ready"], "bytes": cold["bytes"],
                "later": cold["later_bytes"],
                "rc": cold["ready"] / bare_cold["ready"], "rw": warm["ready"] / bare_warm["ready"],
                "rb": cold["bytes"] / bare_cold["bytes"]})
        for pause in NAV_PAUSES:
            navigation[pause].append(_navigation_ms(launch, base, pause))

    def med(label: str, key: str) -> float:
        return statistics.median(s[key] for s in samples[label])

    out = [(f"issue 19 (nginx, brotli; medians of {rounds} interleaved rounds): "
            "page | ready cold / warm (ms) | first-visit kB until ready (+ cached for offline after)",
            "ratio to bare: cold / warm / bytes")]
    for label in samples:
        out.append((f"  {label} | {med(label, 'cold'):.0f} / {med(label, 'warm'):.0f} | "
                    f"{med(label, 'bytes') / 1e3:.0f} (+{med(label, 'later') / 1e3:.0f})",
                    f"{med(label, 'rc'):.2f}× / {med(label, 'rw'):.2f}× / {med(label, 'rb'):.2f}×"))
    for pause, times in navigation.items():
        out.append((f"  second widget page in the same visit ({NAV_FROM} -> {NAV_TO}): click "
                    f"{pause / 1000:.0f} s after the first answer to the next answer (ms)",
                    f"{statistics.median(times):.0f} (rounds: {', '.join(f'{n:.0f}' for n in times)})"))
    return out
