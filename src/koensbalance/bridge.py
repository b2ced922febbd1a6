"""The one entry point the browser calls: JSON in, JSON out.

The page's JavaScript posts a function name and plain values; this module looks the name up in a
fixed registry (nothing else is callable), runs the domain function and returns plain values or
the Danish field errors. The same call works in CPython, which is how tests compare both runtimes.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any

from koensbalance.errors import InputError
from koensbalance.maaltal import balance

Handler = Callable[[Mapping[str, Any]], Any]


def _balance(payload: Mapping[str, Any]) -> Any:
    rule = balance.BalanceRule.from_data(payload["rule"])
    return balance.assess_form(payload["input"], rule).to_dict()


REGISTRY: dict[str, Handler] = {
    "balance.assess": _balance,
}


def call(name: str, payload_json: str) -> str:
    """Run a registered function; always returns a JSON object with "ok"."""
    handler = REGISTRY.get(name)
    if handler is None:
        return json.dumps({"ok": False, "errors": [{"field": "", "message": "Ukendt beregning."}]})
    try:
        payload = json.loads(payload_json)
        result = handler(payload)
    except InputError as exc:
        errors = [{"field": e.field, "message": e.message} for e in exc.errors]
        return json.dumps({"ok": False, "errors": errors}, ensure_ascii=False)
    return json.dumps({"ok": True, "result": result}, ensure_ascii=False)
