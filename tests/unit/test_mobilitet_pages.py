"""The kit's pages at build time: the conversations are listed with their themes before a start date
is given, the embedded config carries what the script needs, and the ledermobilitet entries that a
tool is built on link to that tool (the others to the kit)."""

from __future__ import annotations

from macros import mobilitet_macros, site_data

from koensbalance.mobilitet import view
from koensbalance.mobilitet.model import blank_kit, parse_kit
from tests.support.mobilitet import config


def test_conversations_are_listed_with_their_themes_before_there_is_a_start_date() -> None:
    shown = view.view(blank_kit(config()), config())
    talks = shown["samtaler"]
    assert [t["maaned"] for t in talks] == [1, 3, 6, 12]
    assert all(t["dato"] == "" and not t["flyttet"] for t in talks)
    assert [t["tema"] for t in talks] == ["De tidligere samtaler"] * 2 + ["De senere samtaler"] * 2
    assert talks[0]["noter_label"] == "Noter til samtalen efter 1 måned"
    assert shown["samtaler_besked"].startswith("Skriv lederens første arbejdsdag")
    dated = view.view(parse_kit({"start": "2026-11-24"}, config()), config())["samtaler"]
    assert [t["dato"] for t in dated] == ["2026-12-28", "2027-02-24", "2027-05-24", "2027-11-24"]
    assert {k for k in dated[0]} == {k for k in talks[0]}  # the page renders both alike


def test_checklist_steps_say_when_and_whether_the_day_is_ours() -> None:
    phases = view.view(blank_kit(config()), config())["tjekliste"]
    steps = {s["id"]: s for phase in phases for s in phase["trin"]}
    assert steps["buddyordning"]["tid"] == "28 dage før første arbejdsdag; dagen er vores forslag"
    assert steps["hvorfor-valgt"]["tid"] == "første arbejdsdag; dagen bygger på kilden"


def test_the_page_config_has_the_data_the_blank_kit_and_the_words() -> None:
    embedded = view.page_config(config())
    assert embedded["page"]["config"] == config().to_config()
    assert embedded["blank"] == blank_kit(config()).to_dict()
    assert embedded["link_prefix"] == "#forventning="
    assert embedded["chart_tags"] == ["text", "rect", "line"]
    texts = embedded["texts"]
    for key in ("status_starting", "status_ready", "status_failed", "call_failed", "link_kept",
                "work_unchanged", "storage_failed", "confirm_import", "confirm_clear", "docx_failed",
                "fix_first", "checked", "unchecked", "link_copied", "markdown_copied"):
        assert texts[key], key


def test_ledermobilitet_entries_link_to_the_tools_built_on_them() -> None:
    catalogue = site_data.catalogue()
    links = mobilitet_macros.entry_links(catalogue, config())
    expectations = [("forventningsafstemning", "Forventningsafstemning")]
    assert links["forventningsafstem-med-kandidaten"] == expectations
    assert links["emner-til-forventningsafstemning-med-kandidaten"] == expectations
    for entry in ("preboard-lederen-til-en-ny-sektor", "forbered-organisationen-til-en-sektorskifter",
                  "onboard-lederen-til-den-nye-sektor", "preboarding-og-onboarding-af-en-sektorskifter"):
        assert [page for page, _ in links[entry]] == ["preboarding-og-onboarding"], entry
    assert [p for p, _ in links["prioriter-forankringen-af-nye-perspektiver"]] == ["opfoelgende-samtaler"]
    assert [p for p, _ in links["foretag-en-job-og-kompetenceanalyse"]] == ["job-og-kompetenceanalyse"]
    assert links["skriv-aabne-og-konkrete-stillingsopslag"] == []  # the kit itself, no tool of its own
    ledermobilitet = {e.id for e in catalogue.entries if e.citation.source == "ledermobilitet"
                      and e.type.name in ("anbefaling", "vaerktoej")}
    assert set(links) == ledermobilitet and len(ledermobilitet) == 18
