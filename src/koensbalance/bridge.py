"""The one entry point the browser calls: JSON in, JSON out.

The page's worker configures each widget once with the page's static data (`configure`), then posts a
function name and the user's input only (`call`); this module merges the two, looks the name up in a
fixed registry (nothing else is callable), runs the domain function and returns plain values or the
Danish field errors. The same call works in CPython, which is how tests compare both runtimes.

REGISTRY maps a name to a typed domain function taking the merged payload; the calls of the three
later pages ("Vurdér en ydelse", "Ansæt en sektorskifter", "Følg op") are listed in LATER as
(module, function) and imported at their first use.
icalendar and segno, which only the planner's and the plan builder's pages load into Pyodide
(data-kb-packages), are imported inside the functions that make a calendar file or a QR code.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from importlib import import_module
from typing import Any

from koensbalance.errors import InputError
from koensbalance.maaltal import view as maaltal_view
from koensbalance.plan import view as plan_view
from koensbalance.workshop import forms
from koensbalance.workshop import view as workshop_view

Handler = Callable[[Mapping[str, Any]], Any]
UNKNOWN = "Ukendt beregning."

_PAGES: dict[str, dict[str, Any]] = {}  # static data of each configured widget, parsed once


# The domain calls of "Vurdér en ydelse", "Ansæt en sektorskifter" and "Følg op" (issues 16-18):
# imported at their first call, so their modules stay out of every other widget page's start-up
# (they doubled the bridge's import time). tests/unit/test_widget_js.py checks each resolves.
LATER: dict[str, tuple[str, str]] = {
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


REGISTRY: dict[str, Handler] = {
    "balance.assess": maaltal_view.handle_balance,
    "workshop.plan": workshop_view.handle_plan,
    "workshop.open_link": workshop_view.handle_open_link,
    "workshop.import": workshop_view.handle_import,
    "workshop.export": workshop_view.handle_export,
    "workshop.run": workshop_view.handle_run,
    "workshop.form_markdown": forms.handle_markdown,
    "workshop.form_export": forms.handle_export,
    "workshop.form_import": forms.handle_import,
    "maaltal.evaluate": maaltal_view.handle_maaltal,
    "plan.view": plan_view.handle_view,
    "plan.ics": plan_view.handle_ics,
    "plan.open_link": plan_view.handle_open_link,
    "plan.import": plan_view.handle_import,
    "plan.export": plan_view.handle_export,
    "plan.target": plan_view.handle_target,
    **{name: _later(*where) for name, where in LATER.items()},
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
