"""Share link: round trip (property test), and broken or hostile links rejected with a message."""

from __future__ import annotations

import base64
import json
import zlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from koensbalance.errors import InputError
from koensbalance.workshop import codec, view
from koensbalance.workshop.model import Agenda, Block, BlockKind, parse_agenda

text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40).map(str.strip)
blocks = st.builds(Block, title=text.filter(bool), minutes=st.integers(1, 20),
                   kind=st.sampled_from(list(BlockKind)), note=text, from_source=st.booleans())
agendas = st.builds(
    Agenda, title=text, start=st.integers(0, 18 * 60), blocks=st.lists(blocks, max_size=12).map(tuple),
    day=st.one_of(st.none(), st.dates()), place=text, participants=st.one_of(st.none(), st.integers(0, 500)),
    planned_minutes=st.one_of(st.none(), st.integers(0, 600)), template=text.map(lambda t: t[:20]),
    group_min=st.one_of(st.none(), st.integers(1, 9)), group_max=st.one_of(st.none(), st.integers(1, 9)),
    requires=st.lists(st.sampled_from([BlockKind.ACTION_PLAN, BlockKind.FOLLOW_UP]), unique=True).map(tuple),
    preparation=text)


@given(agendas)
def test_round_trip(agenda: Agenda) -> None:
    agenda = parse_agenda(agenda.to_dict())  # normalised as the planner keeps it
    token = codec.encode(agenda)
    assert token.startswith("1.") and all(c.isalnum() or c in "._-" for c in token)
    assert codec.decode(token) == agenda


def pack(value: object) -> str:
    data = json.dumps(value).encode()
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    return "1." + base64.urlsafe_b64encode(packer.compress(data) + packer.flush()).decode().rstrip("=")


def valid_token() -> str:
    return codec.encode(Agenda(title="Test", start=600, blocks=(Block("Velkommen", 10),)))


@pytest.mark.parametrize("token", [
    "", "1.", "2.abc", "1.@@@", "1.<script>alert(1)</script>", "1." + "A" * 9000,
    valid_token()[:-6],  # truncated
    pack({"not": "a list"}), pack([2] + [""] * 12), pack([1, "x"]),
    pack([1, "t", "", "10:00", "", "", "", "", None, None, [], "", [["a", 10, 99, "", 0]]]),  # bad kind
    pack([1, "t", "", "99:99", "", "", "", "", None, None, [], "", []]),  # bad time
    pack([1, "t", "", "10:00", "", "", "", "", None, None, [], "", [["a", 10**9, 0, "", 0]]]),
    pack([1, "t", "", "10:00", "", "", "", "", None, None, [], "", [["a", 10, 0, "", 0]] * 500]),
])
def test_broken_or_hostile_links_are_rejected(token: str) -> None:
    with pytest.raises(InputError) as caught:
        codec.decode(token)
    assert caught.value.errors[0].message == codec.BROKEN


def test_decompression_bomb_is_stopped() -> None:
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    bomb = packer.compress(b"[" + b" " * 5_000_000 + b"]") + packer.flush()
    token = "1." + base64.urlsafe_b64encode(bomb).decode().rstrip("=")
    assert len(token) < codec.MAX_LINK_CHARS
    with pytest.raises(InputError):
        codec.decode(token)


def test_fragment_parsing() -> None:
    token = valid_token()
    assert view.token_from_fragment(f"#plan={token}") == token
    assert view.token_from_fragment("#noget-andet") is None
    link = view.share_link(codec.decode(token), "http://127.0.0.1:8000/workshop/#old")
    assert link == f"http://127.0.0.1:8000/workshop/#plan={token}"
