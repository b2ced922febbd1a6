"""The one entry point the browser calls: JSON in, JSON out.

The page's worker configures each widget once with the page's static data (`configure`), then posts a
function name and the user's input only (`call`); this module merges the two, looks the name up in a
fixed registry (nothing else is callable), runs the domain function and returns plain values or the
Danish field errors. The same call works in CPython, which is how tests compare both runtimes.

REGISTRY maps a name to a typed domain function taking the merged payload. Every call is listed in
LATER as (module, function) and its module imported at the call's first use, so a page's Python
imports only what its own widget uses.
icalendar, segno and holidays are imported inside the functions that make a calendar file, a QR code
or a date: a page's Python starts without them. When a call needs one that is not installed yet, the
answer names it (`missing`); the browser's worker installs that package from the site's lock file and
makes the same call again (the calls are pure functions of their input).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from importlib import import_module
from typing import Any

from koensbalance.errors import InputError

Handler = Callable[[Mapping[str, Any]], Any]
UNKNOWN = "Ukendt beregning."
MISSING = "Beregningen mangler Python-pakken {name}, som ikke kunne hentes."

_PAGES: dict[str, dict[str, Any]] = {}  # static data of each configured widget, parsed once


# Every domain call, imported at its first use: importing all the views at start-up took the worker
# 150-500 ms on each widget page (their dataclasses are built at import, which bytecode does not
# save). macros/pyodide_stdlib.py reads this table (string literals only) for the modules the browser
# needs; tests/unit/test_widget_js.py checks each entry resolves.
LATER: dict[str, tuple[str, str]] = {
    "balance.assess": ("koensbalance.maaltal.view", "handle_balance"),
    "maaltal.evaluate": ("koensbalance.maaltal.view", "handle_maaltal"),
    "workshop.plan": ("koensbalance.workshop.view", "handle_plan"),
    "workshop.open_link": ("koensbalance.workshop.view", "handle_open_link"),
    "workshop.import": ("koensbalance.workshop.view", "handle_import"),
    "workshop.export": ("koensbalance.workshop.view", "handle_export"),
    "workshop.run": ("koensbalance.workshop.view", "handle_run"),
    "workshop.form_markdown": ("koensbalance.workshop.forms", "handle_markdown"),
    "workshop.form_export": ("koensbalance.workshop.forms", "handle_export"),
    "workshop.form_import": ("koensbalance.workshop.forms", "handle_import"),
    "plan.view": ("koensbalance.plan.view", "handle_view"),
    "plan.ics": ("koensbalance.plan.view", "handle_ics"),
    "plan.open_link": ("koensbalance.plan.view", "handle_open_link"),
    "plan.import": ("koensbalance.plan.view", "handle_import"),
    "plan.export": ("koensbalance.plan.view", "handle_export"),
    "plan.target": ("koensbalance.plan.view", "handle_target"),
    "opfoelgning.evaluate": ("koensbalance.maaltal.opfoelgning_view", "handle_evaluate"),
    "opfoelgning.start": ("koensbalance.maaltal.opfoelgning_view", "handle_start"),
    "opfoelgning.csv": ("koensbalance.maaltal.opfoelgning_view", "handle_csv"),
    "opfoelgning.export": ("koensbalance.maaltal.opfoelgning_view", "handle_export"),
    "opfoelgning.import": ("koensbalance.maaltal.opfoelgning_view", "handle_import"),
    "opfoelgning.open_link": ("koensbalance.maaltal.opfoelgning_view", "handle_open_link"),
    "opfoelgning.plan": ("koensbalance.maaltal.opfoelgning_view", "handle_plan"),
    "mobilitet.view": ("koensbalance.mobilitet.view", "handle_view"),
    "mobilitet.ics": ("koensbalance.mobilitet.view", "handle_ics"),
    "mobilitet.export": ("koensbalance.mobilitet.view", "handle_export"),
    "mobilitet.import": ("koensbalance.mobilitet.view", "handle_import"),
    "mobilitet.share": ("koensbalance.mobilitet.view", "handle_share"),
    "mobilitet.open_link": ("koensbalance.mobilitet.view", "handle_open_link"),
    "vurdering.analyse": ("koensbalance.vurdering.view", "handle_analyse"),
    "vurdering.view": ("koensbalance.vurdering.view", "handle_view"),
    "vurdering.export": ("koensbalance.vurdering.view", "handle_export"),
    "vurdering.import": ("koensbalance.vurdering.view", "handle_import"),
    "vurdering.open_link": ("koensbalance.vurdering.view", "handle_open_link"),
    "vurdering.example": ("koensbalance.vurdering.view", "handle_example"),
}


def _later(module: str, function: str) -> Handler:
    def handler(payload: Mapping[str, Any]) -> Any:
        return getattr(import_module(module), function)(payload)

    return handler


REGISTRY: dict[str, Handler] = {name: _later(*where) for name, where in LATER.items()}


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
    except ModuleNotFoundError as exc:  # a package the page has not installed yet (see the docstring)
        name = (exc.name or "").split(".")[0]
        errors = [{"field": "", "message": MISSING.format(name=name)}]
        return json.dumps({"ok": False, "missing": name, "errors": errors}, ensure_ascii=False)
    return json.dumps({"ok": True, "result": result}, ensure_ascii=False)
