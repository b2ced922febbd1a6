"""The share link of the expectation alignment: ONE side's numbers in the URL fragment
("#forventning=<token>"), so the candidate can fill in their half on their own device and send it.

Format (version 1): "1." + base64url (no padding) of raw-deflated compact JSON (koensbalance.portable),
an array [1, side, [[topic id, share], ...]] where side is the side's id and only filled-in topics
are listed. Decoding never evaluates anything: portable.unpack checks length and alphabet and inflates
with a hard limit; then the shape, the side, every topic id and every share (0–100) are checked. Any
failure is one Danish message and changes nothing.

Opening a link beside the other side's numbers merges them (`merge`): the link is that side's whole
half; where the page already has a different number for that side, that is a conflict, and nothing
is overwritten until the page has asked and calls again with overwrite."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from koensbalance import portable
from koensbalance.errors import FieldError, InputError
from koensbalance.mobilitet.config import KitConfig, Side, Topic
from koensbalance.mobilitet.model import Kit, parse_percent
from koensbalance.text import format_pct

VERSION = 1
LINK_KEY = "forventning"
MAX_LINK_CHARS = 4000
MAX_JSON_BYTES = 20_000
BROKEN = ("Linket med tallene til forventningsafstemningen er ugyldigt eller ufuldstændigt. Kopiér "
          "hele linket, og prøv igen. Intet er ændret.")
UNKNOWN = ("Linket indeholder emner, som ikke findes i forventningsafstemningen (det kan være lavet med "
           "en ældre udgave af sitet). Intet er ændret.")
EMPTY = "Der er ingen tal at dele endnu. Udfyld mindst ét emne."


@dataclass(frozen=True)
class SideNumbers:
    side: Side
    numbers: Mapping[str, int]  # topic id -> share, filled-in topics only


def encode(kit: Kit, config: KitConfig, side_id: str) -> str:
    """The token for one side's numbers; InputError when the side has none."""
    numbers = kit.numbers(side_id)
    pairs = [[t.id, numbers[t.id]] for t in config.expectations.topics if numbers.get(t.id) is not None]
    if not pairs:
        raise InputError([FieldError(f"forventninger.{side_id}", EMPTY)])
    return portable.pack(VERSION, [VERSION, side_id, pairs])


def share_link(kit: Kit, config: KitConfig, side_id: str, base_url: str) -> str:
    """base_url (without its fragment) + "#forventning=" + token."""
    return f"{base_url.split('#', 1)[0]}#{LINK_KEY}={encode(kit, config, side_id)}"


def _broken() -> InputError:
    return InputError([FieldError("link", BROKEN)])


def decode(token: object, config: KitConfig) -> SideNumbers:
    """One side's numbers from a token (or a whole link); InputError on field "link" otherwise."""
    if isinstance(token, str) and f"#{LINK_KEY}=" in token:
        token = token.split(f"#{LINK_KEY}=", 1)[1]
    data = portable.unpack(token, VERSION, MAX_LINK_CHARS, MAX_JSON_BYTES, _broken())
    exp = config.expectations
    sides = {s.id: s for s in exp.sides}
    if not (isinstance(data, list) and len(data) == 3 and data[0] == VERSION and not isinstance(data[0], bool)
            and isinstance(data[1], str) and data[1] in sides and isinstance(data[2], list)
            and 0 < len(data[2]) <= len(exp.topics)):
        raise _broken()
    known = {t.id for t in exp.topics}
    numbers: dict[str, int] = {}
    errors: list[FieldError] = []
    for pair in data[2]:
        if not (isinstance(pair, list) and len(pair) == 2 and isinstance(pair[0], str)) or pair[0] in numbers:
            raise _broken()
        if pair[0] not in known:
            raise InputError([FieldError("link", UNKNOWN)])
        if isinstance(pair[1], str):  # the link carries numbers, not texts
            raise _broken()
        value = parse_percent(pair[1], "link", "link", errors)
        if value is None:
            raise _broken()
        numbers[pair[0]] = value
    return SideNumbers(sides[data[1]], numbers)


@dataclass(frozen=True)
class Conflict:
    topic: Topic
    current: int
    incoming: int | None  # None: the link leaves the topic empty


@dataclass(frozen=True)
class Merged:
    kit: Kit  # the merged kit (unchanged when there are conflicts and no overwrite)
    side: Side
    conflicts: tuple[Conflict, ...]
    applied: bool

    @property
    def message(self) -> str:
        who = self.side.genitive
        if not self.applied:
            listed = ", ".join(
                f"»{c.topic.label}« (her {format_pct(c.current)}, i linket "
                f"{'intet tal' if c.incoming is None else format_pct(c.incoming)})" for c in self.conflicts)
            count = len(self.conflicts)
            return (f"{who} tal i linket er ikke de samme som dem, der allerede står her, for {count} "
                    f"{'emne' if count == 1 else 'emner'}: {listed}. Vil du erstatte {who.lower()} tal "
                    "her med tallene fra linket?")
        return f"{who} tal fra linket er hentet ind."

    def to_dict(self) -> dict[str, Any]:
        return {"kit": self.kit.to_dict(), "side": self.side.id, "anvendt": self.applied,
                "konflikter": [{"emne": c.topic.id, "punkt": c.topic.label, "her": c.current,
                                "link": c.incoming} for c in self.conflicts],
                "besked": self.message}


def merge(kit: Kit, incoming: SideNumbers, config: KitConfig, overwrite: bool = False) -> Merged:
    """Put one side's numbers from a link into the kit: the link is that side's whole half (a topic
    it leaves out is empty). Where the kit already has a different number for a topic (or a number
    the link leaves empty) that is a conflict: the kit is left unchanged and the conflicts reported,
    unless overwrite. The other side's numbers are never touched."""
    side = incoming.side
    current = kit.numbers(side.id)
    new = {t.id: incoming.numbers.get(t.id) for t in config.expectations.topics}
    conflicts = tuple(Conflict(t, value, new[t.id]) for t in config.expectations.topics
                      if (value := current.get(t.id)) is not None and new[t.id] != value)
    if conflicts and not overwrite:
        return Merged(kit, side, conflicts, applied=False)
    return Merged(replace(kit, tal={**kit.tal, side.id: new}), side, conflicts, applied=True)
