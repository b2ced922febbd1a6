"""Share link of the plan: round trip (property test), unchanged suggestions left out of the link,
and broken, truncated, oversized or hostile links rejected with one Danish message."""

from __future__ import annotations

import base64
import json
import zlib
from dataclasses import replace
from datetime import date
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from koensbalance.errors import InputError
from koensbalance.plan import codec
from koensbalance.plan.config import EntryInfo
from koensbalance.plan.model import GENDERS, Item, Plan, Target, parse_plan
from koensbalance.plan.prefill import prefill

IDS = ("plan-a", "initiativ-b", "vaerktoej-c", "anbefaling-d", "initiativ-e")
ENTRIES = {
    "plan-a": EntryInfo("plan-a", "Plan A", forslag={"maalsaetning": "Mål A", "handlinger": "- H1\n- H2",
                                                     "indikator": "- I1"}),
    "initiativ-b": EntryInfo("initiativ-b", "Initiativ B",
                             forslag={"maalsaetning": "", "handlinger": "- Trin", "indikator": ""}),
    "vaerktoej-c": EntryInfo("vaerktoej-c", "Værktøj C"),
    "anbefaling-d": EntryInfo("anbefaling-d", "Anbefaling D"),
    "initiativ-e": EntryInfo("initiativ-e", "Initiativ E"),
}
SUGGESTIONS = {entry_id: e.forslag for entry_id, e in ENTRIES.items()}

text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=60)
suggested_text = st.one_of(st.none(), text, st.sampled_from(["Mål A", "- H1\n- H2", "- Trin", ""]))
items = st.builds(Item, id=st.sampled_from(IDS), maalsaetning=suggested_text, handlinger=suggested_text,
                  indikator=suggested_text, ansvarlig=text,
                  frist=st.one_of(st.none(), st.dates(date(2000, 1, 1), date(2100, 12, 31))))
targets = st.builds(
    lambda women, men, gender, pct, year, texts: Target(year, women + men, women, men, gender, pct, year + 5,
                                                         *texts),
    st.integers(0, 50), st.integers(1, 50), st.sampled_from(GENDERS), st.integers(1, 100),
    st.integers(2000, 2095), st.tuples(text, text, text))
plans = st.builds(
    Plan, titel=st.one_of(st.just("Handlingsplan for kønsbalance i ledelsen"), text), organisation=text,
    maal=st.one_of(st.none(), targets),
    indsatser=st.lists(items, max_size=5, unique_by=lambda i: i.id).map(tuple),
    tjekliste=st.lists(st.sampled_from(["a", "b-c", "d"]), unique=True).map(tuple))


@given(plans)
def test_round_trip(plan: Plan) -> None:
    token = codec.encode(plan, SUGGESTIONS)
    assert token.startswith("1.") and all(c.isalnum() or c in "._-" for c in token)
    opened = codec.decode(token, ENTRIES)
    assert prefill(opened, ENTRIES) == prefill(plan, ENTRIES)
    # no field is missing or equal to its suggestion: the link holds the plan exactly
    changed = [replace(i, maalsaetning=f"!{i.maalsaetning or ''}", handlinger=f"!{i.handlinger or ''}",
                       indikator=f"!{i.indikator or ''}") for i in plan.indsatser]
    exact = replace(plan, indsatser=tuple(changed))
    assert codec.decode(codec.encode(exact, SUGGESTIONS), ENTRIES) == exact


def test_unchanged_suggestions_are_left_out_of_the_link() -> None:
    long = "Lang tekst fra kataloget. " * 100
    suggestions = {"plan-a": {"maalsaetning": long, "handlinger": long, "indikator": long}}
    plan = parse_plan({"indsatser": [{"id": "plan-a", "maalsaetning": long, "handlinger": long,
                                      "indikator": long}]})
    assert len(codec.encode(plan, suggestions)) < 100
    assert len(codec.encode(plan, {})) > len(codec.encode(plan, suggestions))


def pack(value: object) -> str:
    data = json.dumps(value).encode()
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    return "1." + base64.urlsafe_b64encode(packer.compress(data) + packer.flush()).decode().rstrip("=")


def valid_token() -> str:
    item = {"id": "plan-a", "ansvarlig": "HR", "frist": "2026-05-01"}
    plan = parse_plan({"titel": "Test", "indsatser": [item]})
    return codec.encode(plan, SUGGESTIONS)


def bomb() -> str:
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    data = b'[1,"' + b"a" * 3_000_000 + b'","",null,[],[]]'
    return "1." + base64.urlsafe_b64encode(packer.compress(data) + packer.flush()).decode().rstrip("=")


ITEM = ["plan-a", None, None, None, "", ""]
HOSTILE: list[Any] = [
    "", "1.", "2.abc", "1.@@@", "1.<script>alert(1)</script>", "1." + "A" * 20_000, None, 5,
    valid_token()[:-6],  # truncated
    bomb(),  # small link, huge once inflated
    pack({"not": "a list"}), pack([2, None, "", None, [], []]), pack([1, "x"]),
    pack([1, None, "", None, [["plan-a", None, None, None, "", "2026-02-30"]], []]),  # bad date
    pack([1, None, "", None, [ITEM, ITEM], []]),  # duplicate entry
    pack([1, None, "", None, [["plan-a", 5, None, None, "", ""]], []]),  # wrong type
    pack([1, None, "", None, [["plan-a"]], []]),
    pack([1, None, "", None, [ITEM] * 300, []]),
    pack([1, None, "", None, [ITEM], ["<script>"]]),
    pack([1, None, "", [2025, 12, 3, 9, 7, 40, 2030, "", "", ""], [], []]),  # bad gender code
    pack([1, None, "", [2025, 13, 3, 9, 0, 40, 2030, "", "", ""], [], []]),  # numbers disagree
    pack([1, "x" * 5000, "", None, [], []]),
]


@pytest.mark.parametrize("token", HOSTILE)
def test_broken_or_hostile_links_are_rejected(token: Any) -> None:
    with pytest.raises(InputError) as caught:
        codec.decode(token, ENTRIES)
    assert [(e.field, e.message) for e in caught.value.errors] == [("link", codec.BROKEN)]


def test_link_with_entries_missing_from_the_catalogue_is_rejected() -> None:
    token = pack([1, None, "", None, [["findes-ikke", None, None, None, "", ""]], []])
    with pytest.raises(InputError) as caught:
        codec.decode(token, ENTRIES)
    assert [(e.field, e.message) for e in caught.value.errors] == [("link", codec.UNKNOWN)]
