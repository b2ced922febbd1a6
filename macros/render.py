"""One Jinja environment over overrides/, for generated entry pages and widget partials.

Autoescaping is on: catalogue text is data, never markup, so '<' in a YAML file stays text."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from koensbalance import widget_view
from koensbalance.plan import view as plan_view
from koensbalance.plan.suggest import PLAN_TYPES
from koensbalance.text import format_number, sentence

TEMPLATES = Path(__file__).resolve().parent.parent / "overrides"


def _json_attr(value: Any) -> Markup:
    """JSON for a <script type="application/json"> block; '<' escaped so it cannot close the tag."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


@cache
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["json_script"] = _json_attr
    env.filters["number"] = format_number  # Danish: 15.764, 4,4 (koensbalance.text)
    env.filters["sentence"] = sentence  # one full stop at the end, also after "mv."
    env.globals["runtime_texts"] = widget_view.runtime_texts
    env.globals["plan_types"] = PLAN_TYPES  # which entry pages offer »Tilføj til min plan«
    env.globals["plan_store"] = plan_view.store_config()  # the words of that button and the counter
    return env


def runtime_texts(kind: str = "calculator") -> dict[str, str]:
    return widget_view.runtime_texts(kind)


def render(template: str, **context: Any) -> str:
    return environment().get_template(template).render(**context)


def html_block(template: str, **context: Any) -> Markup:
    """Render an HTML partial for use inside Markdown: no blank lines, so it stays one HTML block."""
    text = render(template, **context)
    return Markup("\n".join(line for line in text.splitlines() if line.strip()))


def escape(text: str) -> Markup:
    """HTML-escape catalogue text for direct use in Markdown (also neutralises '[' in link text)."""
    escaped = str(Markup.escape(text))  # str: Markup.replace would escape the entity again
    return Markup(escaped.replace("[", "&#91;").replace("]", "&#93;"))
