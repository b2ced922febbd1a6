"""»Ansæt en sektorskifter« in headless Chromium: the candidate fills in their half on the tool's own
page in one browser context and sends it by link; the organisation, in another context, has the
whole kit's page, where the link's numbers land beside its own (asking before it overwrites). Then
the conversations and the checklist get dates (moved off the Christmas days, said on the page), and
the kit survives a reload and comes back out of the .ics, .docx, Markdown and JSON files. Every
state is checked with axe; a hostile link or file changes nothing.

The two contexts load Pyodide once each (module-scoped: a cold start is some 15 s on a loaded
machine) and the tests run in order on them, as the hiring leader and the candidate would."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import docx
import icalendar
import pytest

from tests.browser.test_plan_builder import download
from tests.browser.test_workshop_planner import wait_until
from tests.support.axe import assert_clean
from tests.support.mobilitet import CANDIDATE, ORGANISATION, config

pytestmark = pytest.mark.browser
ROOT = "[data-kb-widget='mobilitet']"
ANSWERED = f"{ROOT}[data-kb-answered='true']"
READY = 90_000  # a cold Pyodide start on a busy machine
TOPICS = [t.id for t in config().expectations.topics]


class Browser:
    """One browser context (one person's device) with its page, failing on console errors."""

    def __init__(self, chromium: Any, url: str) -> None:
        self.context = chromium.new_context(service_workers="block")
        self.errors: list[str] = []
        self.page = self.context.new_page()
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(f"pageerror: {e}"))
        self.page.goto(url)  # Pyodide starts; `ready` waits for its first answer

    def stored(self) -> dict[str, Any]:
        return dict(json.loads(self.page.evaluate("localStorage.getItem('kb-mobilitet')"))["kit"])

    def close(self) -> None:
        self.context.close()
        assert self.errors == [], f"console errors: {self.errors}"


@pytest.fixture(scope="module")
def people(chromium: Any, site_url: str) -> Iterator[tuple[Browser, Browser]]:
    """The candidate's and the organisation's devices, both on the tool's own page (where the
    candidate's link leads; the organisation goes on to the kit's page later). Both start together."""
    both = (Browser(chromium, site_url + "mobilitet/forventningsafstemning/"),
            Browser(chromium, site_url + "mobilitet/forventningsafstemning/"))
    for person in both:
        person.page.wait_for_selector(ANSWERED, timeout=READY)
    yield both
    for person in both:
        person.close()


@pytest.fixture
def candidate(people: tuple[Browser, Browser]) -> Browser:
    return people[0]


@pytest.fixture
def organisation(people: tuple[Browser, Browser]) -> Browser:
    return people[1]


def axe(page: Any, state: str) -> None:
    try:
        assert_clean(page)
    except AssertionError as exc:
        raise AssertionError(f"{state}: {exc}") from None


def type_side(page: Any, side: str, values: list[int]) -> None:
    """Keyboard only: focus the side's first number, then type and Tab along its column (each row
    has the organisation's field, then the candidate's)."""
    page.focus(f"#kb-mob-{side}-{TOPICS[0]}")
    for index, value in enumerate(values):
        if index:
            page.keyboard.press("Tab")
            page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.id") == f"kb-mob-{side}-{TOPICS[index]}"
        page.keyboard.press("Control+A")
        page.keyboard.type(str(value))


def wait_for_text(page: Any, selector: str, text: str) -> None:
    page.wait_for_function("([s, t]) => (document.querySelector(s)?.textContent || '').includes(t)",
                           arg=[selector, text], polling=50, timeout=15_000)


def message(page: Any, side: str) -> str:
    return str(page.inner_text(f"[data-kb-side-message='{side}']"))


def test_page_without_javascript_shows_the_tools(chromium: Any, site_url: str) -> None:
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "mobilitet/")
    text = page.inner_text("main")
    for heading in ("Trin 1: Job- og kompetenceanalyse", "Trin 2: Forventningsafstemning",
                    "Trin 3: Preboarding og onboarding", "Trin 4: Opfølgende samtaler"):
        assert heading in text
    assert "Hvad er rammerne for lederjobbet?" in text
    assert "Grænsen på 10 procentpoint er vores eget valg, ikke kildens." in text
    assert "28 dage før første arbejdsdag; dagen er vores forslag" in text
    assert "første arbejdsdag; dagen bygger på kilden" in text
    assert "Opfølgende samtale efter 12 måneder" in text and "De senere samtaler:" in text
    assert "flyttes til næste arbejdsdag" in text
    assert page.locator("[data-kb-row]").count() == len(TOPICS)
    assert page.locator("[data-kb-outputs], .kb-mob-outputs").first.is_hidden()
    # Each tool has its own page; the ledermobilitet entries link to them.
    for tool in ("job-og-kompetenceanalyse", "forventningsafstemning", "preboarding-og-onboarding",
                 "opfoelgende-samtaler"):
        assert page.locator(f".md-content a[href$='mobilitet/{tool}/']").count() >= 1
    page.goto(site_url + "anbefalinger/forventningsafstem-med-kandidaten/")
    assert "Ansæt en sektorskifter" in page.inner_text(".md-content")
    page.click(".md-content a[href$='mobilitet/forventningsafstemning/']")
    assert page.url.endswith("/mobilitet/forventningsafstemning/")
    assert page.locator("h1").inner_text().startswith("Forventningsafstemning")
    context.close()


def test_candidate_fills_in_their_half_by_keyboard_and_shares_it(candidate: Browser, site_url: str) -> None:
    page = candidate.page
    axe(page, "the candidate's page, empty")
    type_side(page, "kandidat", CANDIDATE[:-1])
    wait_for_text(page, "[data-kb-side-message='kandidat']", "95")
    assert message(page, "kandidat") == ("Kandidatens tal giver 95 pct. i alt. De skal give 100 pct. – der "
                                         "mangler 5 pct.")
    assert page.locator("[data-kb-side-message='kandidat'].kb-mob-off").count() == 1
    axe(page, "the candidate's numbers, not yet 100")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.type(str(CANDIDATE[-1]))
    wait_for_text(page, "[data-kb-side-message='kandidat']", "giver 100 pct. i alt")
    assert message(page, "kandidat") == "Kandidatens tal giver 100 pct. i alt."
    assert "Organisationens tal mangler" in page.inner_text("[data-kb-summary]")
    # A wrong number is said next to its field.
    page.fill("#kb-mob-kandidat-bureaukrati", "120")
    wait_until(page, "document.querySelector('#kb-mob-kandidat-bureaukrati-fejl').textContent.length > 0")
    assert "fra 0 til 100" in page.inner_text("#kb-mob-kandidat-bureaukrati-fejl")
    assert page.get_attribute("#kb-mob-kandidat-bureaukrati", "aria-invalid") == "true"
    axe(page, "a number out of range")
    page.fill("#kb-mob-kandidat-bureaukrati", str(CANDIDATE[3]))
    wait_until(page, "!document.querySelector('#kb-mob-kandidat-bureaukrati').hasAttribute('aria-invalid')")
    page.focus("[data-kb-copy-link='kandidat']")
    page.keyboard.press("Enter")
    wait_until(page, "document.querySelector('[data-kb-link=kandidat]').value.includes('#forventning=1.')")
    link = page.input_value("[data-kb-link='kandidat']")
    assert link.startswith(site_url + "mobilitet/forventningsafstemning/#forventning=1.")
    stored = candidate.stored()["forventninger"]["kandidat"]
    assert [int(stored[t]) for t in TOPICS] == CANDIDATE


def open_link(person: Browser, link: str) -> None:
    """Paste a link into the open tab (the page reads it on hashchange, without reloading)."""
    person.page.evaluate("(link) => { location.href = link; }", link)


def test_organisation_merges_the_candidates_link_beside_its_own(candidate: Browser,
                                                                organisation: Browser) -> None:
    page = organisation.page
    type_side(page, "organisation", ORGANISATION)
    wait_until(page, "document.querySelector(\"[data-kb-side-message='organisation']\").textContent"
                     ".includes('giver 100 pct. i alt')")
    open_link(organisation, candidate.page.input_value("[data-kb-link='kandidat']"))
    wait_until(page, "document.querySelector('#kb-mob-kandidat-ledelsesrum').value === '25'")
    assert [int(page.input_value(f"#kb-mob-kandidat-{t}")) for t in TOPICS] == CANDIDATE
    assert [int(page.input_value(f"#kb-mob-organisation-{t}")) for t in TOPICS] == ORGANISATION
    assert "#forventning=" not in page.url
    assert page.inner_text("[data-kb-link-status]") == "Kandidatens tal fra linket er hentet ind."
    wait_until(page, "document.querySelectorAll('[data-kb-row].kb-mob-marked').length === 1")
    marked = page.locator("[data-kb-row='ledelsesrum']")
    assert "Kandidaten forventer 10 procentpoint mere end organisationen." in marked.inner_text()
    assert marked.locator("[data-kb-flag]").is_visible()
    assert page.locator("[data-kb-flag]:visible").count() == 1
    assert page.inner_text("[data-kb-summary]") == (
        "I ligger 10 procentpoint eller mere fra hinanden på 1 af 7 emner: »ledelsesrum«. Tal om dem.")
    description = page.text_content("[data-kb-chart] desc") or ""
    assert "ledelsesrum: organisationen 15 pct., kandidaten 25 pct., forskel 10 procentpoint (markeret)" \
        in description
    assert page.locator("[data-kb-shapes] rect").count() == 2 * len(TOPICS)
    assert organisation.stored()["forventninger"]["kandidat"]["ledelsesrum"] == 25
    axe(page, "both halves merged")


def test_a_changed_link_asks_before_it_overwrites(candidate: Browser, organisation: Browser) -> None:
    cand = candidate.page
    cand.fill("#kb-mob-kandidat-opgaver", "10")
    cand.fill("#kb-mob-kandidat-ledelsesrum", "35")
    cand.click("[data-kb-copy-link='kandidat']")
    wait_until(cand, "document.querySelector(\"[data-kb-link='kandidat']\").value !== ''")
    wait_until(cand, "document.querySelector('[data-kb-summary]').textContent.length > 0")
    link = cand.input_value("[data-kb-link='kandidat']")
    page = organisation.page
    before = organisation.stored()
    open_link(organisation, link)
    page.wait_for_selector("[data-kb-link-choice]:not([hidden])")
    question = page.inner_text("[data-kb-message-text]")
    assert "for 2 emner" in question and "»ledelsesrum« (her 25 pct., i linket 35 pct.)" in question
    assert question.endswith("Vil du erstatte kandidatens tal her med tallene fra linket?")
    assert organisation.stored() == before  # nothing overwritten while the question is open
    axe(page, "the question before overwriting")
    page.focus("[data-kb-link-keep]")
    page.keyboard.press("Enter")
    page.wait_for_selector("[data-kb-message]", state="hidden")
    assert page.evaluate("document.activeElement.id") == f"kb-mob-organisation-{TOPICS[0]}"
    assert organisation.stored() == before and page.input_value("#kb-mob-kandidat-ledelsesrum") == "25"
    open_link(organisation, link)
    page.wait_for_selector("[data-kb-link-choice]:not([hidden])")
    page.click("[data-kb-link-replace]")
    wait_until(page, "document.querySelector('#kb-mob-kandidat-ledelsesrum').value === '35'")
    assert organisation.stored()["forventninger"]["organisation"] == before["forventninger"]["organisation"]
    wait_until(page, "document.querySelectorAll('[data-kb-row].kb-mob-marked').length === 2")


@pytest.mark.parametrize("fragment", [
    "#forventning=1.%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E",
    "#forventning=2.AAAA",
    "#forventning=1." + "A" * 9000,
    "truncated",
])
def test_a_broken_or_hostile_link_is_refused_and_changes_nothing(candidate: Browser, organisation: Browser,
                                                                 fragment: str) -> None:
    page = organisation.page
    if fragment == "truncated":
        link = candidate.page.input_value("[data-kb-link='kandidat']")
        fragment = "#" + link.split("#", 1)[1][:-12]
    before = organisation.stored()
    open_link(organisation, page.url.split("#", 1)[0] + fragment)
    page.wait_for_selector("[data-kb-message]:not([hidden])")
    text = page.inner_text("[data-kb-message-text]")
    assert "ugyldigt" in text and "uændret" in text
    assert page.locator("[data-kb-message] img").count() == 0
    assert organisation.stored() == before
    axe(page, f"refused link {fragment[:30]}")


def test_conversations_and_checklist_get_working_days(organisation: Browser, tmp_path: Path) -> None:
    page = organisation.page
    page.goto(page.url.split("mobilitet/", 1)[0] + "mobilitet/")  # from the tool's page to the kit's
    page.wait_for_selector(ANSWERED, timeout=READY)
    assert page.input_value("#kb-mob-kandidat-ledelsesrum") == "35"  # the same kit on every page
    page.fill("#kb-mob-stilling", "Direktør for Teknik og Miljø")
    page.fill("#kb-mob-start", "2026-11-24")
    # The holidays package is imported at the first date: wait for the dates, not for a fixed time.
    wait_until(page, "document.querySelector('[data-kb-talks]').textContent.includes('28. december 2026')",
               timeout=READY)
    first = page.locator("[data-kb-talk]").first
    assert first.locator("[data-kb-talk-date]").inner_text() == "mandag den 28. december 2026"
    note = first.locator("[data-kb-talk-note]").inner_text()
    assert note.startswith("Torsdag den 24. december 2026 er en fridag (Juleaftensdag). Samtalen er flyttet")
    assert "fredag den 25. december 2026 er også en helligdag (Juledag)" in note
    assert page.locator("[data-kb-talk]").count() == 4
    # The months are editable: a conversation after 2 months instead of 1.
    page.fill("#kb-mob-maaneder", "2, 3, 6 og 12")
    wait_until(page, "document.querySelector('[data-kb-talk-title]').textContent.endsWith('efter 2 måneder')")
    page.fill("#kb-mob-noter-3", "Aftal, hvem der er buddy fremover.")
    page.focus("#kb-mob-undren")
    page.keyboard.type("Hvorfor skal alle sager forbi direktionen?")
    page.keyboard.press("Enter")
    page.keyboard.type("Hvem ejer budgetopfølgningen?")
    # The checklist: dates from the start day, ticked with the keyboard.
    buddy = page.inner_text("[data-kb-step='buddyordning'] [data-kb-step-date]")
    assert buddy == "tirsdag den 27. oktober 2026"
    page.focus("#kb-mob-trin-buddyordning")
    page.keyboard.press("Space")
    wait_until(page, "document.querySelector('[data-kb-markdown]').value.includes('budgetopfølgningen')")
    wait_until(page, "document.querySelector('[data-kb-markdown]').value.includes("
                     "'- [x] tirsdag den 27. oktober 2026: En såkaldt buddyordning')")
    assert organisation.stored()["tjekliste"] == ["buddyordning"]
    axe(page, "dated conversations and checklist")
    calendar = icalendar.Calendar.from_ical(download(page, "[data-kb-download='ics']", tmp_path))
    events = list(calendar.walk("VEVENT"))
    starts = [e.decoded("DTSTART") for e in events]
    assert [s.date().isoformat() for s in starts] == ["2027-01-25", "2027-02-24", "2027-05-24", "2027-11-24"]
    assert all(isinstance(s, datetime) and s.hour == 10 for s in starts)
    assert {str(s.tzinfo) for s in starts} == {"Europe/Copenhagen"}
    assert "Direktør for Teknik og Miljø" in str(events[0]["SUMMARY"])
    assert "Hvem ejer budgetopfølgningen?" in str(events[0]["DESCRIPTION"])
    assert "Aftal, hvem der er buddy fremover." in str(events[1]["DESCRIPTION"])


def test_analysis_docx_print_and_json_round_trip(organisation: Browser, tmp_path: Path) -> None:
    page = organisation.page
    page.fill("#kb-mob-analyse-rammer", "Fuld tid, 37 timer.")
    page.fill("#kb-mob-analyse-kompetencer", "Strategisk ledelse; erfaring fra staten er en fordel.")
    wait_until(page, "document.querySelector('[data-kb-markdown]').value.includes('erfaring fra staten')")
    document = docx.Document(io.BytesIO(download(page, "[data-kb-download='docx']", tmp_path)))
    paragraphs = [p.text for p in document.paragraphs]
    text = "\n".join(paragraphs)
    assert paragraphs[0] == "Ansæt en sektorskifter: Direktør for Teknik og Miljø"
    assert "Fuld tid, 37 timer." in text and "Strategisk ledelse; erfaring fra staten er en fordel." in text
    assert ("ledelsesrum: organisationen 15 pct., kandidaten 35 pct. – forskel 20 procentpoint "
            "(markeret)") in text
    assert "☑ tirsdag den 27. oktober 2026: En såkaldt buddyordning" in text
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert "Forventningsafstemning" in headings
    assert "Opfølgende samtale efter 2 måneder: mandag den 25. januar 2027 kl. 10:00" in headings
    page.emulate_media(media="print")
    printed = page.inner_text("[data-kb-print-document]")
    assert "Job- og kompetenceanalyse" in printed and "Fuld tid, 37 timer." in printed
    assert page.locator("[data-kb-form]").is_hidden()
    page.emulate_media(media="screen")
    # JSON out; a bad file changes nothing; emptying asks; the saved file brings it all back.
    saved = download(page, "[data-kb-download='json']", tmp_path)
    before = organisation.stored()
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "kb-sektorskifter", "version": 1, "kit": {"start": "<b>i går</b>"}}')
    page.set_input_files("[data-kb-import]", str(bad))
    wait_until(page, "document.querySelector('[data-kb-import-error]').textContent.length > 0")
    assert page.inner_text("[data-kb-import-error]").startswith("Filen kan ikke åbnes: Startdatoen")
    assert organisation.stored() == before
    axe(page, "a refused file")
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("[data-kb-clear]")
    wait_until(page, "document.querySelector('#kb-mob-analyse-rammer').value === ''")
    assert organisation.stored()["forventninger"]["organisation"]["opgaver"] is None
    good = tmp_path / "ansaet-en-sektorskifter.json"
    good.write_bytes(saved)
    page.set_input_files("[data-kb-import]", str(good))
    wait_until(page, "document.querySelector('#kb-mob-analyse-rammer').value === 'Fuld tid, 37 timer.'")
    assert page.input_value("#kb-mob-kandidat-ledelsesrum") == "35"


def test_reload_keeps_the_whole_kit(organisation: Browser) -> None:
    """The stored kit is back in the fields at once after a reload, before Python has loaded (the
    tool's page already showed the merged numbers on a fresh load of the kit's page above)."""
    page = organisation.page
    page.reload()
    wait_until(page, "document.querySelector('#kb-mob-stilling').value !== ''")
    assert page.input_value("#kb-mob-stilling") == "Direktør for Teknik og Miljø"
    assert page.input_value("#kb-mob-start") == "2026-11-24"
    assert page.input_value("#kb-mob-analyse-rammer") == "Fuld tid, 37 timer."
    assert page.input_value("#kb-mob-organisation-ledelsesrum") == "15"
    assert page.input_value("#kb-mob-kandidat-ledelsesrum") == "35"
    assert page.input_value("#kb-mob-maaneder") == "2, 3, 6, 12"
    assert page.input_value("#kb-mob-undren").splitlines() == [
        "Hvorfor skal alle sager forbi direktionen?", "Hvem ejer budgetopfølgningen?"]
    assert page.is_checked("#kb-mob-trin-buddyordning")
    assert page.input_value("#kb-mob-noter-3") == "Aftal, hvem der er buddy fremover."
    axe(page, "after reload")
