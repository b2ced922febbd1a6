"""Macros of »Vurdér en ydelse« (docs/vurdering/): the six-step assessment with the labelled example's
result rendered at build time by the same Python the browser calls (koensbalance.vurdering.view),
the catalogue data it needs (nøgletal, the source's questions, criteria and tools) embedded as JSON,
and the "Sådan regner vi" section as Markdown from koensbalance.vurdering.methods."""

from __future__ import annotations

from datetime import date
from typing import Any

from markupsafe import Markup

from koensbalance.catalogue import Catalogue
from koensbalance.vurdering import methods, page, texts
from koensbalance.vurdering.analysis import GENDERS, KINDS
from koensbalance.vurdering.config import PROJECT_FORM, WORKSHOP_TEMPLATE, build_config
from koensbalance.vurdering.model import example_numbers_text
from koensbalance.workshop import forms as workshop_forms
from koensbalance.workshop import view as workshop_view
from macros import maaltal_macros, render


def _project_keys(catalogue: Catalogue) -> list[str]:
    form = next(f for f in catalogue.data[workshop_forms.DATA_KEY]["formularer"] if f["id"] == PROJECT_FORM)
    return [field["id"] for field in form["felter"]]


def how_we_compute() -> Markup:
    """»Sådan regner vi« as Markdown headings and paragraphs (in the page's table of contents)."""
    section: dict[str, Any] = methods.how_we_compute()
    lines = [f"## {render.escape(section['overskrift'])}", "", render.escape(section["indledning"]), ""]
    for part in section["afsnit"]:
        lines += [f"### {render.escape(part['overskrift'])}", "", render.escape(part["tekst"]), ""]
    lines += ["### Litteratur", ""] + [f"- {render.escape(ref)}" for ref in section["litteratur"]]
    return Markup("\n".join(lines) + "\n")


def register(env: Any, catalogue: Catalogue) -> None:
    config = build_config(catalogue)  # a missing or changed entry stops the build with one line
    keys = _project_keys(catalogue)

    @env.macro
    def vurdering_widget() -> Markup:
        prefix = maaltal_macros._page_prefix(env)
        workshop_url = f"{prefix}workshop/{WORKSHOP_TEMPLATE}/"
        embedded = page.page_config(config, workshop_url, f"{prefix}workshop/{PROJECT_FORM}/", keys,
                                    workshop_view.FORM_STORAGE_VERSION)
        result = page.example_view(config, date.today())
        return render.html_block(
            "widgets/vurdering.html", embedded=embedded, view=result, cfg=config, texts=texts.page_texts(),
            kinds=KINDS, genders=GENDERS, prefix=prefix, workshop_url=workshop_url,
            example_text=example_numbers_text())

    @env.macro
    def vurdering_metode() -> Markup:
        return how_we_compute()
