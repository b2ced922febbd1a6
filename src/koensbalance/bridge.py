"""The one entry point the browser calls: JSON in, JSON out.

The page's worker configures each widget once with the page's static data (`configure`), then posts a
function name and the user's input only (`call`); this module merges the two, looks the name up in a
fixed registry (nothing else is callable), runs the domain function and returns plain values or the
Danish field errors. The same call works in CPython, which is how tests compare both runtimes.

One registration style: REGISTRY maps a name to a typed function taking the merged payload. The
planner's and the plan builder's handlers import their modules inside the function, because those
pull in icalendar and segno, which only their pages load into Pyodide (data-kb-packages).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any

from koensbalance.errors import InputError
from koensbalance.maaltal import view as maaltal_view
from koensbalance.workshop import forms

Handler = Callable[[Mapping[str, Any]], Any]
UNKNOWN = "Ukendt beregning."

_PAGES: dict[str, dict[str, Any]] = {}  # static data of each configured widget, parsed once


def _workshop_plan(payload: Mapping[str, Any]) -> Any:
    from koensbalance.workshop import view

    return view.handle_plan(payload)


def _workshop_open_link(payload: Mapping[str, Any]) -> Any:
    from koensbalance.workshop import view

    return view.handle_open_link(payload)


def _workshop_import(payload: Mapping[str, Any]) -> Any:
    from koensbalance.workshop import view

    return view.handle_import(payload)


def _workshop_export(payload: Mapping[str, Any]) -> Any:
    from koensbalance.workshop import view

    return view.handle_export(payload)


def _workshop_run(payload: Mapping[str, Any]) -> Any:
    from koensbalance.workshop import view

    return view.handle_run(payload)


def _plan_view(payload: Mapping[str, Any]) -> Any:
    from koensbalance.plan import view

    return view.handle_view(payload)


def _plan_ics(payload: Mapping[str, Any]) -> Any:
    from koensbalance.plan import view

    return view.handle_ics(payload)


def _plan_open_link(payload: Mapping[str, Any]) -> Any:
    from koensbalance.plan import view

    return view.handle_open_link(payload)


def _plan_import(payload: Mapping[str, Any]) -> Any:
    from koensbalance.plan import view

    return view.handle_import(payload)


def _plan_export(payload: Mapping[str, Any]) -> Any:
    from koensbalance.plan import view

    return view.handle_export(payload)


def _plan_target(payload: Mapping[str, Any]) -> Any:
    from koensbalance.plan import view

    return view.handle_target(payload)


REGISTRY: dict[str, Handler] = {
    "balance.assess": maaltal_view.handle_balance,
    "workshop.plan": _workshop_plan,
    "workshop.open_link": _workshop_open_link,
    "workshop.import": _workshop_import,
    "workshop.export": _workshop_export,
    "workshop.run": _workshop_run,
    "workshop.form_markdown": forms.handle_markdown,
    "workshop.form_export": forms.handle_export,
    "workshop.form_import": forms.handle_import,
    "maaltal.evaluate": maaltal_view.handle_maaltal,
    "plan.view": _plan_view,
    "plan.ics": _plan_ics,
    "plan.open_link": _plan_open_link,
    "plan.import": _plan_import,
    "plan.export": _plan_export,
    "plan.target": _plan_target,
}


def configure(page: str, data_json: str) -> None:
    """Keep a widget's static page data (rules, catalogue entries, templates) for its later calls."""
    data = json.loads(data_json)
    _PAGES[page] = data if isinstance(data, dict) else {}


def call(name: str, payload_json: str, page: str = "") -> str:
    """Run a registered function on the user's input merged over the page's static data; always
    returns a JSON object with "ok"."""
    handler = REGISTRY.get(name)
    if handler is None:
        return json.dumps({"ok": False, "errors": [{"field": "", "message": UNKNOWN}]}, ensure_ascii=False)
    try:
        payload = json.loads(payload_json)
        merged = {**_PAGES.get(page, {}), **payload} if isinstance(payload, dict) else payload
        result = handler(merged)
    except InputError as exc:
        errors = [{"field": e.field, "message": e.message} for e in exc.errors]
        return json.dumps({"ok": False, "errors": errors}, ensure_ascii=False)
    return json.dumps({"ok": True, "result": result}, ensure_ascii=False)
