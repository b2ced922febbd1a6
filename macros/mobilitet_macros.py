"""Build glue of »Ansæt en sektorskifter« (issue 17): the kit's catalogue data (catalogue/mobilitet/)
has been checked word for word against the entries it cites by the catalogue check
(koensbalance.catalogue.data_checks; a difference stops the build there with one Danish line per
problem, before anything is written); its page config and build-time view are made by
koensbalance.mobilitet, the same code the browser runs. The page itself comes with the shared widget
runtime; until then this exposes `mobilitet_config` (the page's embedded config), `mobilitet_view`
(the blank kit as the page shows it before JavaScript) and `comparison_chart` (the comparison chart
as inline SVG, rendered from the same geometry the browser draws)."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from koensbalance.catalogue import Catalogue
from koensbalance.mobilitet import config as kit_config
from koensbalance.mobilitet import view
from koensbalance.mobilitet.model import blank_kit
from macros import render

CHART_ID = "kb-forventninger-diagram"


def load(catalogue: Catalogue) -> kit_config.KitConfig:
    """The kit's config from the validated catalogue."""
    return kit_config.load(catalogue.data, {s.id: s.short_name for s in catalogue.sources},
                           {s.id: s.title for s in catalogue.sources})


def chart_svg(chart: dict[str, Any], chart_id: str = CHART_ID) -> Markup:
    """A chart of koensbalance.mobilitet.chart (plain shapes) as an inline SVG figure."""
    return render.html_block("partials/shape_chart.html", chart=chart, chart_id=chart_id)


def register(env: Any, catalogue: Catalogue) -> None:
    kit = load(catalogue)
    blank = view.view(blank_kit(kit), kit)
    env.variables["mobilitet_config"] = kit.to_config()
    env.variables["mobilitet_view"] = blank

    @env.macro
    def comparison_chart() -> Markup:
        """The expectation comparison of a blank kit, drawn at build time."""
        return chart_svg(blank["diagram"])
