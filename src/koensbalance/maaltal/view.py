"""View models of the måltal widgets: what `balance.assess` and `maaltal.evaluate` return to the
browser and what the templates render at build time (the same dicts)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from koensbalance.maaltal import balance, targets
from koensbalance.maaltal.obligations import DutyRules

APPLIES_CODE = {True: "ja", False: "nej"}  # data-kb-applies; the shown words are Duty.status


def balance_view(values: Mapping[str, Any], rule: balance.BalanceRule) -> dict[str, Any]:
    data = balance.assess_form(values, rule).to_dict()
    data["balanced_code"] = "ja" if data["balanced"] else "nej"
    return data


def maaltal_view(values: Mapping[str, Any], rule: balance.BalanceRule, duties: DutyRules) -> dict[str, Any]:
    data = targets.evaluate_form(values, rule, duties)
    for duty in data["obligations"]["duties"]:
        duty["applies_code"] = APPLIES_CODE[bool(duty["applies"])]
    year = str(values.get("maalaar", "")).strip()
    # The target year's row is marked so that the one-page print keeps it (maaltal.css, @media print).
    data["csv_saved"] = f"Tabellen er hentet som {data['csv_name']}."
    data["target_row"] = next((i for i, row in enumerate(data["rows"]) if row[0] == year), -1)
    return data


def handle_balance(payload: Mapping[str, Any]) -> dict[str, Any]:
    return balance_view(payload["input"], balance.BalanceRule.from_data(payload["rule"]))


def handle_maaltal(payload: Mapping[str, Any]) -> dict[str, Any]:
    rule = balance.BalanceRule.from_data(payload["rules"]["balance"])
    return maaltal_view(payload["input"], rule, DutyRules.from_data(payload["rules"]["duties"]))


MAALTAL_TEXTS = {
    "link_refused": ("Linket indeholdt værdier, der ikke kan bruges. "
                     "Ret de markerede felter, eller tryk Nulstil."),
    "reset_done": "Eksemplet er sat ind igen.",
    "link_copied": "Linket er kopieret. Det åbner siden med de samme tal.",
    "copy_selected": "Kopiér linket i feltet ovenfor (Ctrl+C).",
}
MAX_VALUE_LENGTH = 40  # longer values from a URL or storage are cut in the browser (parsing rejects them)


def maaltal_config(rules: Mapping[str, Any], defaults: Mapping[str, str],
                   runtime_texts: Mapping[str, str]) -> dict[str, Any]:
    """The embedded config of "Sæt måltal": the rules for the worker, the example, the texts."""
    return {"page": {"rules": dict(rules)}, "defaults": dict(defaults), "max_value_length": MAX_VALUE_LENGTH,
            "board_value": "ja",  # the value of "bestyrelse" that shows the board fields
            "texts": {**runtime_texts, **MAALTAL_TEXTS}}
