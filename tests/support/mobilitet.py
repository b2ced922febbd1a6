"""The kit »Ansæt en sektorskifter« from the REAL catalogue, and an example kit the tests share."""

from __future__ import annotations

from functools import cache
from typing import Any

from macros import mobilitet_macros, site_data

from koensbalance.mobilitet.config import KitConfig
from koensbalance.mobilitet.model import Kit, parse_kit

# The organisation's and the candidate's shares, in the data file's topic order:
# opgaver, ledelsesrum, samarbejde, bureaukrati, strategisk-udvikling, driftsopgaver, udviklingsopgaver
ORGANISATION = [20, 15, 20, 10, 15, 10, 10]
CANDIDATE = [20, 25, 15, 5, 20, 10, 5]


@cache
def config() -> KitConfig:
    return mobilitet_macros.load(site_data.catalogue())


def numbers(values: list[int | None]) -> dict[str, Any]:
    return {t.id: v for t, v in zip(config().expectations.topics, values, strict=True)}


def example_raw() -> dict[str, Any]:
    return {
        "stilling": "Direktør for Teknik og Miljø",
        "analyse": {"rammer": "Fuld tid, 37 timer.\nMulighed for hjemmearbejde om fredagen.",
                    "kompetencer": "Strategisk ledelse; erfaring fra staten er en fordel."},
        "forventninger": {"organisation": numbers(list(ORGANISATION)),
                          "kandidat": numbers(list(CANDIDATE))},
        "start": "2026-11-24",
        "maaneder": [1, 3, 6, 12],
        "klokken": "10:00",
        "minutter": 60,
        "undren": ["Hvorfor skal alle sager forbi direktionen?", "Hvem ejer budgetopfølgningen?"],
        "noter": {"1": "Aftal, hvem der er buddy fremover."},
        "tjekliste": ["buddyordning", "introduktion-til-organisationen"],
    }


def example_kit() -> Kit:
    return parse_kit(example_raw(), config())
