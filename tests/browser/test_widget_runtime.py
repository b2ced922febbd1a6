"""What the shared widget runtime (overrides/assets/js/runtime.js) gives every widget, driven as a
user would in headless Chromium: keys stay in the widget (issue 21, item 1), stored work is never
replaced without a question (item 2), a link pasted into an open tab is read (item 4), live
regions speak only when their text changed, after a pause (item 8), run mode keeps focus when a
button becomes disabled (item 13), and a bridge call that fails in a loaded Python gives a Danish
message, not an unhandled rejection (issue 15). Every test also fails on console errors and page
errors (conftest)."""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

import pytest

from koensbalance import widget_view
from koensbalance.catalogue import files
from koensbalance.workshop import codec, templates
from tests.browser.test_workshop_planner import ROOT, block_titles, open_planner, wait_until
from tests.support.build import ROOT as ROOT_DIR

pytestmark = pytest.mark.browser
PLANNER = ROOT
STORED = "kb-workshop"


def stored_text(page: Any) -> str:
    return str(page.evaluate(f"localStorage.getItem('{STORED}') || ''"))


def share_link(site_url: str, template_id: str, title: str) -> str:
    data = files.read(ROOT_DIR).data[templates.DATA_KEY]
    template = next(t for t in templates.load_templates(data) if t.id == template_id)
    return f"{site_url}workshop/#plan={codec.encode(replace(template.agenda, title=title))}"


def save_own_agenda(page: Any, site_url: str) -> list[str]:
    """A user's own agenda, stored in this browser: the short workshop with an edited venue."""
    open_planner(page, site_url + "workshop/workshop-kort/")
    page.fill("#kb-ws-sted", "Rådhuset, mødelokale 2")
    wait_until(page, f"(localStorage.getItem('{STORED}') || '').includes('mødelokale 2')")
    return block_titles(page)


# ---- item 1: keys a widget handles never reach Material's shortcuts -----------------------------

def test_run_mode_keys_and_search_keys_stay_in_the_widget(page: Any, site_url: str) -> None:
    page.clock.install(time="2026-03-05T10:30:00")
    open_planner(page, site_url + "workshop/")
    url = page.url
    assert page.locator("link[rel=next]").count() == 1  # where Material's N would go (plan/)
    page.select_option("#kb-ws-skabelon", "workshop-kort")
    page.click("[data-kb-load-template]")
    wait_until(page, "document.querySelectorAll('[data-kb-blocks] > li').length > 0")
    page.click("[data-kb-run-start]")
    wait_until(page, "document.querySelector('[data-kb-run-current]').textContent === 'Velkommen'")
    page.keyboard.press("n")
    wait_until(page, "document.querySelector('[data-kb-run-current]').textContent.startsWith('Oplæg')")
    page.keyboard.press("p")
    wait_until(page, "document.querySelector('[data-kb-run-current]').textContent === 'Velkommen'")
    page.wait_for_timeout(1500)  # a navigation would have started by now
    assert page.url == url
    # Material's search keys do nothing while focus is on a widget's button.
    page.focus("[data-kb-run-stop]")
    for key in ("/", "s", "f"):
        page.keyboard.press(key)
    assert page.evaluate("document.activeElement.matches('[data-kb-run-stop]')")
    assert not page.evaluate("Boolean(document.getElementById('__search')?.checked)")


# ---- item 2: stored work is never replaced without a question --------------------------------------

def test_valid_link_over_stored_work_asks_and_keeps_or_replaces(page: Any, site_url: str) -> None:
    own = save_own_agenda(page, site_url)
    before = stored_text(page)
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    link = share_link(site_url, "nyborg-chefmoede", "Kollegaens chefmøde")
    open_planner(page, link)
    wait_until(page, "!document.querySelector('[data-kb-link-choice]').hidden")
    assert "anden dagsorden" in page.text_content("[data-kb-message]")
    assert block_titles(page) == own and stored_text(page) == before  # nothing replaced yet
    page.click("[data-kb-link-keep]")
    wait_until(page, "document.querySelector('[data-kb-message]').hidden")
    assert block_titles(page) == own and stored_text(page) == before
    open_planner(page, link)
    wait_until(page, "!document.querySelector('[data-kb-link-choice]').hidden")
    page.click("[data-kb-link-replace]")
    wait_until(page, "document.querySelector('#kb-ws-titel').value === 'Kollegaens chefmøde'")
    wait_until(page, f"(localStorage.getItem('{STORED}') || '').includes('Kollegaens chefmøde')")
    assert dialogs == []


def test_broken_link_keeps_the_stored_agenda_on_screen_and_in_storage(page: Any, site_url: str) -> None:
    own = save_own_agenda(page, site_url)
    before = stored_text(page)
    open_planner(page, site_url + "workshop/#plan=1.AAAA")
    assert page.locator("[data-kb-message]").is_visible()
    assert "ugyldigt" in page.text_content("[data-kb-message]")
    assert "uændret" in page.text_content("[data-kb-message]")
    assert block_titles(page) == own
    assert stored_text(page) == before
    page.focus("#kb-ws-titel")
    page.keyboard.press("End")
    page.keyboard.type("!")  # the first keystroke edits the stored agenda, it does not empty it
    wait_until(page, f"(localStorage.getItem('{STORED}') || '') !== {json.dumps(before)}")
    saved = json.loads(stored_text(page))
    assert len(saved["agenda"]["blokke"]) == len(own)
    assert saved["agenda"]["sted"] == "Rådhuset, mødelokale 2"


def test_blank_and_template_buttons_ask_before_replacing_stored_work(page: Any, site_url: str) -> None:
    own = save_own_agenda(page, site_url)
    before = stored_text(page)
    dialogs: list[str] = []

    def refuse(dialog: Any) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", refuse)
    page.click("[data-kb-clear]")
    page.select_option("#kb-ws-skabelon", "nyborg-chefmoede")
    page.click("[data-kb-load-template]")
    page.wait_for_timeout(500)
    assert len(dialogs) == 2 and all("dagsorden" in d for d in dialogs)
    assert block_titles(page) == own and stored_text(page) == before
    page.remove_listener("dialog", refuse)
    page.once("dialog", lambda d: d.accept())
    page.click("[data-kb-clear]")
    wait_until(page, "document.querySelectorAll('[data-kb-blocks] > li').length === 0")


def test_unreadable_stored_agenda_is_set_aside_not_overwritten(page: Any, site_url: str) -> None:
    page.goto(site_url + "workshop/")
    page.evaluate(f"localStorage.setItem('{STORED}', '{{not json')")
    open_planner(page, site_url + "workshop/workshop-kort/")
    page.fill("#kb-ws-sted", "Et andet sted")
    wait_until(page, f"(localStorage.getItem('{STORED}') || '').includes('Et andet sted')")
    assert page.evaluate(f"localStorage.getItem('{STORED}-ulaeselig')") == "{not json"


# ---- item 4: a share link pasted into a tab already on the planner ---------------------------------

def test_link_pasted_into_an_open_planner_is_opened(page: Any, site_url: str) -> None:
    open_planner(page, site_url + "workshop/")
    link = share_link(site_url, "nyborg-chefmoede", "Indsat i samme fane")
    page.evaluate("(fragment) => { location.hash = fragment; }", link.split("#", 1)[1])
    wait_until(page, "document.querySelector('#kb-ws-titel').value === 'Indsat i samme fane'")
    assert page.evaluate("location.hash") == ""


# ---- item 13: run mode keeps focus when a button becomes disabled ----------------------------------

def test_run_mode_focus_stays_in_the_panel_when_a_button_is_disabled(page: Any, site_url: str) -> None:
    page.clock.install(time="2026-03-05T10:30:00")
    open_planner(page, site_url + "workshop/nyborg-chefmoede/")
    page.click("[data-kb-run-start]")
    page.wait_for_selector("[data-kb-run-panel]:not([hidden])")
    page.focus("[data-kb-run-next-button]")
    for _ in range(3):  # three blocks: the third press finishes the workshop
        page.keyboard.press("Enter")
        page.wait_for_timeout(300)
    wait_until(page, "document.querySelector('[data-kb-run-next-button]').disabled")
    assert page.evaluate("document.activeElement.closest('[data-kb-run-panel]') !== null")
    page.focus("[data-kb-run-prev]")
    for _ in range(3):
        page.keyboard.press("Enter")
        page.wait_for_timeout(300)
    wait_until(page, "document.querySelector('[data-kb-run-prev]').disabled")
    assert page.evaluate("document.activeElement.closest('[data-kb-run-panel]') !== null")


# ---- item 8: live regions speak when their text changed, after a pause -----------------------------

LISTEN = """() => {
  // Every change inside a live region is a possible announcement: record each with its text.
  window.kbSpoken = [];
  const live = document.querySelectorAll(["[aria-live]:not([aria-live=off])", "[role=status]", "[role=alert]"]
    .map((s) => `[data-kb-widget] ${s}`).join(", "));
  const fold = (el) => el.textContent.replace(/\\s+/g, " ").trim();
  live.forEach((region, index) => {
    let last = fold(region);
    new MutationObserver(() => {
      const text = fold(region);
      window.kbSpoken.push({ index, same: text === last, text, at: performance.now() });
      last = text;
    }).observe(region, { childList: true, subtree: true, characterData: true });
  });
}"""


def spoken(page: Any) -> list[dict[str, Any]]:
    return list(page.evaluate("window.kbSpoken"))


def test_live_regions_do_not_repeat_identical_text(page: Any, site_url: str) -> None:
    page.goto(site_url + "maaltal/saet-maaltal/")
    page.wait_for_selector("[data-kb-widget='maaltal'][data-kb-answered]", timeout=90_000)
    page.evaluate(LISTEN)
    page.fill("#kb-maaltal-medarbejdere", "")
    page.type("#kb-maaltal-medarbejdere", "600", delay=400)  # the summary's text does not change
    page.wait_for_timeout(1800)
    assert [s for s in spoken(page) if s["same"]] == []
    open_planner(page, site_url + "workshop/workshop-kort/")
    page.evaluate(LISTEN)
    page.type("[data-kb-blocks] > li:nth-child(1) [data-kb-field='note']", "Kaffe og te", delay=250)
    page.wait_for_timeout(1800)
    assert [s for s in spoken(page) if s["same"]] == []


def test_a_result_is_spoken_once_after_typing_pauses(page: Any, site_url: str) -> None:
    page.goto(site_url + "maaltal/balance/")
    page.wait_for_selector("[data-kb-widget='balance'][data-kb-answered]", timeout=90_000)
    page.evaluate(LISTEN)
    page.fill("#kb-balance-maend", "")
    page.type("#kb-balance-maend", "123", delay=400)  # each digit a new result, a pause of 0.4 s
    page.wait_for_timeout(2000)
    said = [s for s in spoken(page) if s["text"]]
    assert len(said) == 1, said
    assert "i alt 125" in said[0]["text"]


# ---- issue 15: the failure path of a bridge call after Python has loaded --------------------------

REJECTIONS = """window.kbRejections = [];
window.addEventListener("unhandledrejection", (event) => window.kbRejections.push(String(event.reason)));"""


def test_a_call_that_fails_in_loaded_python_shows_a_danish_message(page: Any, site_url: str) -> None:
    """The plan page's måltal rules are broken in its embedded config (as a bad build would leave
    them): the plan itself works, but "Hent status og måltal" makes Python raise in the worker. The
    user sees the runtime's Danish message by the button; nothing is rejected unhandled; the plan
    stays as it was."""
    def broken_rules(route: Any) -> None:
        response = route.fetch()
        body = response.text()
        broken = body.replace('"mindste_andel_pct":', '"mindste_andel_pct_ukendt":')
        assert broken != body, "the plan page's embedded måltal rules were not found"
        route.fulfill(response=response, body=broken)

    page.add_init_script(REJECTIONS)
    page.route(site_url + "plan/", broken_rules)
    page.goto(site_url + "katalog/")
    page.evaluate("localStorage.setItem('kb-maaltal-scenario', JSON.stringify({kvinder: '3', maend: '9'}))")
    page.goto(site_url + "plan/")
    page.wait_for_selector("[data-kb-widget='plan'][data-kb-answered='true']", timeout=90_000)
    assert page.get_attribute("[data-kb-widget='plan']", "data-kb-state") == "ready"
    page.click("[data-kb-target-fetch]")
    slot = "[data-kb-error-for='maal']"
    wait_until(page, f"document.querySelector(\"{slot}\").textContent.length > 0")
    assert page.inner_text(slot) == widget_view.COMMON["call_error"]
    assert page.locator("[data-kb-target-view]").is_hidden()
    stored = json.loads(page.evaluate("localStorage.getItem('kb-plan') || '{}'"))
    assert stored.get("plan", {}).get("maal") is None
    page.wait_for_timeout(500)  # a rejection would be reported by now
    assert page.evaluate("window.kbRejections") == []
    # Python still answers: the page's other calls work after the failed one.
    page.fill("#kb-plan-titel", "Plan efter fejlen")
    wait_until(page, "document.querySelector('[data-kb-markdown]').value.startsWith('# Plan efter fejlen')")
