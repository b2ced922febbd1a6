"""The follow-up "Følg op" hands to the plan: what for_plan makes is accepted and kept by the plan's
own check, placed after the target in "Status og måltal", its coming dates in the årshjul and the
calendar file, carried by the share link (old links without it still open), and anything else in
its place refused with one Danish message."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from typing import Any

import icalendar
import pytest
from hypothesis import given
from hypothesis import strategies as st

from koensbalance.errors import InputError
from koensbalance.maaltal.opfoelgning_report import for_plan
from koensbalance.maaltal.opfoelgning_track import track
from koensbalance.plan import aarshjul, codec, document, ics
from koensbalance.plan.model import FOLLOWUP_KINDS, MAX_TARGET_TEXT, FollowUp, Plan, parse_plan
from tests.unit.test_opfoelgning import RULE, history
from tests.unit.test_plan_codec import ENTRIES, SUGGESTIONS, plans

TAKEN = for_plan(track(history(), RULE), range(2026, 2036))  # the example, handed over in 2026


def taken_plan() -> Plan:
    return parse_plan({"indsatser": [], **TAKEN})


def test_what_the_follow_up_hands_over_is_kept_as_it_was() -> None:
    plan = taken_plan()
    assert plan.opfoelgning is not None and plan.maal is not None
    assert plan.to_dict()["opfoelgning"] == TAKEN["opfoelgning"]
    assert parse_plan(plan.to_dict()) == plan
    assert "opfoelgning" not in parse_plan({"indsatser": []}).to_dict()  # no follow-up, no key


def test_status_og_maaltal_holds_the_target_then_the_recorded_years() -> None:
    plan = taken_plan()
    blocks = document.blocks(plan, {}, [], [], [], [])
    kinds_texts = [(b.kind, b.text) for b in blocks]
    at = kinds_texts.index(("heading", document.TARGET_HEADING))
    assert kinds_texts[at + 1] == ("paragraph", TAKEN["maal"]["status_tekst"])
    assert kinds_texts[at + 4] == ("subheading", "Opfølgning på måltallet")
    assert kinds_texts[at + 5][1].startswith("2022: 4 af 12 kvinder (33,3 pct.). Inden for det forventede")
    markdown = document.markdown(blocks)
    assert "### Opfølgning på måltallet\n\n- 2022: 4 af 12 kvinder" in markdown
    assert "- 2025: 8 af 14 kvinder (57,1 pct.). Højere end forventet" in markdown


def test_aarshjul_and_calendar_hold_the_coming_dates_only() -> None:
    plan = taken_plan()
    lines = aarshjul.wheel(plan, {}, [], date(2026, 6, 1))
    assert [(line.day.isoformat(), line.text) for line in lines] == [
        ("2026-12-31", "Følg op: registrér status pr. 31. december 2026 i »Følg op«"),
        ("2026-12-31", "Måltallet skal være nået: mindst 40 pct. kvinder i den øverste ledelse"),
    ]
    assert aarshjul.wheel(plan, {}, [], date(2027, 1, 1)) == []  # past dates are dropped
    text = ics.ics(plan, {}, [], date(2026, 6, 1), datetime(2026, 6, 1, 8, 0, tzinfo=UTC))
    events = icalendar.Calendar.from_ical(text).walk("VEVENT")
    assert sorted(str(e["summary"]) for e in events) == sorted(line.text for line in lines)
    assert all(e.decoded("dtstart") == date(2026, 12, 31) and "rrule" not in e for e in events)
    assert len({str(e["uid"]) for e in events}) == 2


texts = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=40).filter(str.strip)
followups = st.builds(
    FollowUp, afsnit=st.lists(st.tuples(st.sampled_from(FOLLOWUP_KINDS), texts), max_size=5).map(tuple),
    aarshjul=st.lists(st.tuples(st.dates(date(2000, 1, 1), date(2100, 12, 31)), texts),
                      max_size=4).map(tuple))


@given(plans, followups)
def test_the_link_carries_the_follow_up(plan: Plan, followup: FollowUp) -> None:
    with_followup = replace(plan, opfoelgning=followup)
    assert codec.decode(codec.encode(with_followup, SUGGESTIONS), ENTRIES).opfoelgning == followup
    assert codec.decode(codec.encode(plan, SUGGESTIONS), ENTRIES).opfoelgning is None


@pytest.mark.parametrize("raw", [
    "x", [], {"afsnit": [], "aarshjul": "2026-12-31"}, {"afsnit": [{"kind": "title", "text": "Ny titel"}],
                                                        "aarshjul": []},
    {"afsnit": [{"kind": "paragraph", "text": "<script>alert(1)</script>" * 100}], "aarshjul": []},
    {"afsnit": [{"kind": "paragraph", "text": ["liste"]}], "aarshjul": []},
    {"afsnit": [{"kind": "paragraph", "text": " "}], "aarshjul": []},
    {"afsnit": [], "aarshjul": [{"dato": "2026-02-30", "tekst": "Frist"}]},
    {"afsnit": [], "aarshjul": [{"dato": "1999-12-31", "tekst": "Frist"}]},
    {"afsnit": [], "aarshjul": [{"dato": 20261231, "tekst": "Frist"}]},
    {"afsnit": [{"kind": "paragraph", "text": "a"}] * 101, "aarshjul": []},
    {"afsnit": [], "aarshjul": [{"dato": "2026-12-31", "tekst": "a"}] * 101},
])
def test_anything_else_in_its_place_is_one_danish_message(raw: Any) -> None:
    with pytest.raises(InputError) as caught:
        parse_plan({"indsatser": [], "opfoelgning": raw})
    assert [(e.field, e.message) for e in caught.value.errors] == [
        ("opfoelgning", "Opfølgningen i planen kan ikke læses. Læg den ind igen fra »Følg op«.")]
    assert len("<script>alert(1)</script>" * 100) > MAX_TARGET_TEXT


def test_a_link_with_a_broken_follow_up_is_refused() -> None:
    from koensbalance import portable

    token = codec.encode(taken_plan(), SUGGESTIONS)
    compact = portable.unpack(token, codec.VERSION, codec.MAX_LINK_CHARS, codec.MAX_JSON_BYTES,
                              InputError([]))
    for broken in ("x", [[["title", "Ny"]], []], [[["paragraph"]], []], [[], [["2026-12-31"]]]):
        bad = portable.pack(codec.VERSION, [*compact[:6], broken])
        with pytest.raises(InputError) as caught:
            codec.decode(bad, ENTRIES)
        assert caught.value.errors[0].field == "link"
