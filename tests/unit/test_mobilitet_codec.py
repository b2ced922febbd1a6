"""The share link of one side's numbers: it round-trips any numbers (property test); a truncated,
tampered, foreign or oversized link is refused with one Danish message; merging it beside the other
side's numbers takes what is new and asks before overwriting anything."""

from __future__ import annotations

import base64
import zlib
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from koensbalance import portable
from koensbalance.errors import InputError
from koensbalance.mobilitet import codec
from koensbalance.mobilitet.model import blank_kit, parse_kit
from tests.support.mobilitet import CANDIDATE, ORGANISATION, config, example_kit, numbers

TOPICS = len(ORGANISATION)
shares = st.lists(st.one_of(st.none(), st.integers(0, 100)), min_size=TOPICS, max_size=TOPICS).filter(
    lambda values: any(v is not None for v in values))


def kit_with(side: str, values: list[int | None]) -> Any:
    return parse_kit({"forventninger": {side: numbers(values)}}, config())


@settings(max_examples=200, deadline=None)
@given(values=shares, side=st.sampled_from(["organisation", "kandidat"]))
def test_any_sides_numbers_round_trip(values: list[int | None], side: str) -> None:
    token = codec.encode(kit_with(side, values), config(), side)
    decoded = codec.decode(token, config())
    assert decoded.side.id == side
    assert decoded.numbers == {k: v for k, v in numbers(values).items() if v is not None}
    assert len(token) < codec.MAX_LINK_CHARS
    merged = codec.merge(blank_kit(config()), decoded, config())
    assert merged.applied and dict(merged.kit.numbers(side)) == numbers(values)


def test_a_whole_link_can_be_pasted() -> None:
    link = codec.share_link(example_kit(), config(), "kandidat", "https://x.invalid/mobilitet/#gammelt")
    assert link.startswith("https://x.invalid/mobilitet/#forventning=1.")
    assert codec.decode(link, config()).numbers == numbers(list(CANDIDATE))


def test_a_side_without_numbers_has_no_link() -> None:
    with pytest.raises(InputError) as error:
        codec.encode(blank_kit(config()), config(), "kandidat")
    assert error.value.errors[0].message == codec.EMPTY


def refused(token: object) -> str:
    with pytest.raises(InputError) as error:
        codec.decode(token, config())
    [problem] = error.value.errors
    assert problem.field == "link"
    return problem.message


def test_every_truncation_of_a_link_is_refused() -> None:
    token = codec.encode(example_kit(), config(), "organisation")
    for end in range(len(token)):
        assert refused(token[:end]) == codec.BROKEN, end


def raw_token(data: object, version: int = 1) -> str:
    return portable.pack(version, data)


@pytest.mark.parametrize("data", [
    [1, "chefen", [["opgaver", 10]]],  # unknown side
    [1, "kandidat", []],  # nothing in it
    [1, "kandidat", [["opgaver", 101]]],
    [1, "kandidat", [["opgaver", -1]]],
    [1, "kandidat", [["opgaver", "50"]]],  # a text, not a number
    [1, "kandidat", [["opgaver", True]]],
    [1, "kandidat", [["opgaver", 12.5]]],
    [1, "kandidat", [["opgaver", 10], ["opgaver", 20]]],  # a topic twice
    [1, "kandidat", [["opgaver"]]],
    [1, "kandidat", [[["opgaver"], 10]]],
    [1, "kandidat", [["opgaver", 10]] * 8],
    [2, "kandidat", [["opgaver", 10]]],
    [True, "kandidat", [["opgaver", 10]]],
    {"side": "kandidat"},
    "<script>alert(1)</script>",
    None,
])
def test_a_tampered_link_is_refused(data: object) -> None:
    assert refused(raw_token(data)) == codec.BROKEN


def test_a_link_with_an_unknown_topic_says_so() -> None:
    assert refused(raw_token([1, "kandidat", [["loen", 10]]])) == codec.UNKNOWN


@pytest.mark.parametrize("token", [
    None, 17, "", "1.", "2." + codec.encode(example_kit(), config(), "kandidat")[2:], "1.!!!!",
    "1.<img src=x onerror=alert(1)>", "1." + "A" * (codec.MAX_LINK_CHARS + 1), "1.AAAA",
    "javascript:alert(1)",
])
def test_a_foreign_link_is_refused(token: object) -> None:
    assert refused(token) == codec.BROKEN


def test_a_deflate_bomb_is_refused_before_it_is_inflated() -> None:
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    bomb = packer.compress(b"[" + b" " * 2_000_000 + b"]") + packer.flush()
    token = "1." + base64.urlsafe_b64encode(bomb).decode("ascii").rstrip("=")
    assert len(token) < codec.MAX_LINK_CHARS
    assert refused(token) == codec.BROKEN


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_random_text_never_raises_anything_but_a_danish_message(token: str) -> None:
    try:
        codec.decode(token, config())
    except InputError as error:
        assert error.errors[0].message in (codec.BROKEN, codec.UNKNOWN)


def test_merging_into_an_empty_side_takes_the_numbers_and_leaves_the_other_side() -> None:
    organisation = kit_with("organisation", list(ORGANISATION))
    token = codec.encode(kit_with("kandidat", list(CANDIDATE)), config(), "kandidat")
    incoming = codec.decode(token, config())
    merged = codec.merge(organisation, incoming, config())
    assert merged.applied and merged.conflicts == ()
    assert dict(merged.kit.numbers("kandidat")) == numbers(list(CANDIDATE))
    assert dict(merged.kit.numbers("organisation")) == numbers(list(ORGANISATION))
    assert merged.message == "Kandidatens tal fra linket er hentet ind."


def test_different_numbers_are_conflicts_and_nothing_is_overwritten_until_asked() -> None:
    here = example_kit()
    changed: list[int | None] = list(CANDIDATE)
    changed[0], changed[6] = 10, None  # opgaver 20 -> 10; udviklingsopgaver 5 -> empty
    incoming = codec.decode(codec.encode(kit_with("kandidat", changed), config(), "kandidat"), config())
    asked = codec.merge(here, incoming, config())
    assert not asked.applied and asked.kit == here
    assert [(c.topic.id, c.current, c.incoming) for c in asked.conflicts] == [
        ("opgaver", 20, 10), ("udviklingsopgaver", 5, None)]
    assert asked.message == (
        "Kandidatens tal i linket er ikke de samme som dem, der allerede står her, for 2 emner: »opgaver« "
        "(her 20 pct., i linket 10 pct.), »udviklingsopgaver« (her 5 pct., i linket intet tal). Vil du "
        "erstatte kandidatens tal her med tallene fra linket?")
    done = codec.merge(here, incoming, config(), overwrite=True)
    assert done.applied and dict(done.kit.numbers("kandidat")) == numbers(changed)
    assert done.kit.numbers("organisation") == here.numbers("organisation")
    assert done.kit.analyse == here.analyse and done.kit.start == here.start


def test_the_same_numbers_again_are_no_conflict() -> None:
    here = example_kit()
    incoming = codec.decode(codec.encode(here, config(), "kandidat"), config())
    merged = codec.merge(here, incoming, config())
    assert merged.applied and merged.conflicts == () and merged.kit == here
