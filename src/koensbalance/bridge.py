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
from koensbalance.maaltal import balance, targets
from koensbalance.maaltal.obligations import DutyRules
from koensbalance.workshop import forms

Handler = Callable[[Mapping[str, Any]], Any]


def _balance(payload: Mapping[str, Any]) -> Any:
    rule = balance.BalanceRule.from_data(payload["rule"])
    return balance.assess_form(payload["input"], rule).to_dict()


def _maaltal(payload: Mapping[str, Any]) -> Any:
    rule = balance.BalanceRule.from_data(payload["rules"]["balance"])
    duties = DutyRules.from_data(payload["rules"]["duties"])
    return targets.evaluate_form(payload["input"], rule, duties)


def _workshop(name: str) -> Handler:
    """The planner's handlers import icalendar and segno, which only the planner page loads into
    Pyodide (data-kb-packages); importing them lazily keeps the other widgets light."""

    def handler(payload: Mapping[str, Any]) -> Any:
        from koensbalance.workshop import view

        return getattr(view, name)(payload)

    return handler


def _vurdering(name: str) -> Handler:
    """The assessment page's handlers ("Vurdér en ydelse"), imported when first called."""

    def handler(payload: Mapping[str, Any]) -> Any:
        from koensbalance.vurdering import view

        return getattr(view, name)(payload)

    return handler


def _plan(name: str) -> Handler:
    """The plan builder's handlers; plan.view imports icalendar only inside "plan.ics"."""

    def handler(payload: Mapping[str, Any]) -> Any:
        from koensbalance.plan import view

        return getattr(view, name)(payload)

    return handler


def _opfoelgning(name: str) -> Handler:
    """The "Følg op" handlers (koensbalance.maaltal.opfoelgning_view), imported when first called."""

    def handler(payload: Mapping[str, Any]) -> Any:
        from koensbalance.maaltal import opfoelgning_view

        return getattr(opfoelgning_view, name)(payload)

    return handler


def _mobilitet(name: str) -> Handler:
    """»Ansæt en sektorskifter«: mobilitet.view imports holidays (its page loads the wheel) and
    icalendar only inside "mobilitet.ics"."""

    def handler(payload: Mapping[str, Any]) -> Any:
        from koensbalance.mobilitet import view

        return getattr(view, name)(payload)

    return handler


REGISTRY: dict[str, Handler] = {
    "balance.assess": _balance,
    "workshop.plan": _workshop("handle_plan"),
    "workshop.open_link": _workshop("handle_open_link"),
    "workshop.import": _workshop("handle_import"),
    "workshop.export": _workshop("handle_export"),
    "workshop.run": _workshop("handle_run"),
    "workshop.form_markdown": forms.handle_markdown,
    "workshop.form_export": forms.handle_export,
    "workshop.form_import": forms.handle_import,
    "maaltal.evaluate": _maaltal,
    "plan.view": _plan("handle_view"),
    "plan.ics": _plan("handle_ics"),
    "plan.open_link": _plan("handle_open_link"),
    "plan.import": _plan("handle_import"),
    "plan.export": _plan("handle_export"),
    "plan.target": _plan("handle_target"),
    "opfoelgning.evaluate": _opfoelgning("handle_evaluate"),
    "opfoelgning.start": _opfoelgning("handle_start"),
    "opfoelgning.csv": _opfoelgning("handle_csv"),
    "opfoelgning.export": _opfoelgning("handle_export"),
    "opfoelgning.import": _opfoelgning("handle_import"),
    "opfoelgning.open_link": _opfoelgning("handle_open_link"),
    "opfoelgning.plan": _opfoelgning("handle_plan"),
    "mobilitet.view": _mobilitet("handle_view"),
    "mobilitet.ics": _mobilitet("handle_ics"),
    "mobilitet.export": _mobilitet("handle_export"),
    "mobilitet.import": _mobilitet("handle_import"),
    "mobilitet.share": _mobilitet("handle_share"),
    "mobilitet.open_link": _mobilitet("handle_open_link"),
    "vurdering.analyse": _vurdering("handle_analyse"),
    "vurdering.view": _vurdering("handle_view"),
    "vurdering.export": _vurdering("handle_export"),
    "vurdering.import": _vurdering("handle_import"),
    "vurdering.open_link": _vurdering("handle_open_link"),
    "vurdering.example": _vurdering("handle_example"),
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
