"""The share link: the whole plan in the URL fragment ("#plan=<token>"), compact, versioned, validated.

Format (version 1): "1." + base64url (no padding) of raw-deflated compact JSON, an array
[version, title, organisation, target, [[id, objective, actions, indicator, responsible, deadline],
...], [checklist ids]], where target is null or [status year, total, women, men, gender code, target
pct, target year, status text, target text, recruitment text]; a seventh element, when the plan has
a follow-up from "Følg op", is [[[block kind, text], ...], [[ISO date, text], ...]]. A text field
that still holds the entry's suggestion is sent as null and filled from the catalogue again on
opening, which keeps links short. Decoding never evaluates anything: it checks the length and
alphabet, inflates with a hard output limit, parses JSON and runs the same validation as every plan
(model.parse_plan). Any failure gives one Danish message."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

from koensbalance import portable
from koensbalance.errors import FieldError, InputError
from koensbalance.plan.model import DEFAULT_TITLE, GENDERS, SUGGESTED, Item, Plan, parse_plan

VERSION = 1
LINK_KEY = "plan"  # the fragment is "#plan=<token>"
MAX_LINK_CHARS = 16_000
MAX_JSON_BYTES = 1_000_000
BROKEN = ("Linket til handlingsplanen er ugyldigt eller ufuldstændigt. Kopiér hele linket, og prøv "
          "igen.")
UNKNOWN = ("Linket indeholder indsatser, som ikke findes i kataloget (linket kan være lavet med en "
           "ældre udgave af sitet). Planen fra linket kan ikke åbnes.")
TOO_LONG = ("Planen er for lang til et link. Gem den som fil (.json) i stedet, og del filen.")


def _text_or_null(item: Item, key: str, suggestion: Mapping[str, str]) -> str | None:
    value = item.text(key)
    return None if value is None or value == suggestion.get(key) else value


def encode(plan: Plan, suggestions: Mapping[str, Mapping[str, str]]) -> str:
    """The token for a plan; `suggestions` (entry id -> forslag) lets unchanged suggestions be left out."""
    target = plan.maal
    compact: list[Any] = [
        VERSION, None if plan.titel == DEFAULT_TITLE else plan.titel, plan.organisation,
        None if target is None else [
            target.status_aar, target.i_alt, target.kvinder, target.maend, GENDERS.index(target.koen),
            target.maaltal_pct, target.maal_aar, target.status_tekst, target.maaltal_tekst,
            target.rekruttering_tekst],
        [[item.id, *(_text_or_null(item, key, suggestions.get(item.id, {})) for key in SUGGESTED),
          item.ansvarlig, item.frist.isoformat() if item.frist else ""] for item in plan.indsatser],
        list(plan.tjekliste),
    ]
    if plan.opfoelgning:
        compact.append([[list(block) for block in plan.opfoelgning.afsnit],
                        [[day.isoformat(), text] for day, text in plan.opfoelgning.aarshjul]])
    return portable.pack(VERSION, compact)


def fits(token: str) -> bool:
    return len(token) <= MAX_LINK_CHARS


def _broken() -> InputError:
    return InputError([FieldError("link", BROKEN)])


def _target(raw: Any) -> dict[str, Any] | None:
    if raw is None:
        return None
    if not (isinstance(raw, list) and len(raw) == 10 and raw[4] in (0, 1) and not isinstance(raw[4], bool)):
        raise _broken()
    keys = ("status_aar", "i_alt", "kvinder", "maend", "koen", "maaltal_pct", "maal_aar", "status_tekst",
            "maaltal_tekst", "rekruttering_tekst")
    return {**dict(zip(keys, raw, strict=True)), "koen": GENDERS[raw[4]]}


def _item(raw: Any) -> dict[str, Any]:
    if not (isinstance(raw, list) and len(raw) == 6):
        raise _broken()
    data = {"id": raw[0], "ansvarlig": raw[4], "frist": raw[5]}
    data.update({key: value for key, value in zip(SUGGESTED, raw[1:4], strict=True) if value is not None})
    return data


def _followup(raw: Any) -> dict[str, Any]:
    if not (isinstance(raw, list) and len(raw) == 2 and all(isinstance(part, list) for part in raw)
            and all(isinstance(pair, list) and len(pair) == 2 for part in raw for pair in part)):
        raise _broken()
    return {"afsnit": [{"kind": kind, "text": text} for kind, text in raw[0]],
            "aarshjul": [{"dato": day, "tekst": text} for day, text in raw[1]]}


def decode(token: object, known: Collection[str]) -> Plan:
    """The plan in a share link (suggested fields left out are missing, for prefill), or InputError
    on field "link"; entry ids not in `known` are refused."""
    data = portable.unpack(token, VERSION, MAX_LINK_CHARS, MAX_JSON_BYTES, _broken())
    if not (isinstance(data, list) and len(data) in (6, 7) and data[0] == VERSION
            and isinstance(data[4], list) and isinstance(data[5], list)):
        raise _broken()
    raw: dict[str, Any] = {"organisation": data[2], "maal": _target(data[3]),
                           "indsatser": [_item(item) for item in data[4]], "tjekliste": data[5]}
    if len(data) == 7:
        raw["opfoelgning"] = _followup(data[6])
    if data[1] is not None:
        raw["titel"] = data[1]
    try:
        plan = parse_plan(raw)
    except InputError:
        raise _broken() from None
    if any(item.id not in known for item in plan.indsatser):
        raise InputError([FieldError("link", UNKNOWN)])
    return plan
