"""Build glue of »Ansæt en sektorskifter« (issue 17): the kit's catalogue data (catalogue/mobilitet/)
is checked word for word against the entries it cites before anything is written (a difference stops
the build with one Danish line per problem), and its page config and build-time view are made by
koensbalance.mobilitet, the same code the browser runs. The page itself comes with the shared widget
runtime; until then this only checks and exposes `mobilitet_config`."""

from __future__ import annotations

from typing import Any

from mkdocs.exceptions import PluginError

from koensbalance.catalogue import Catalogue, CatalogueError
from koensbalance.mobilitet import config as kit_config


def load(catalogue: Catalogue) -> kit_config.KitConfig:
    """The kit's config from the validated catalogue; PluginError when a text differs from its entry."""
    kit = kit_config.load(catalogue.data, {s.id: s.short_name for s in catalogue.sources},
                          {s.id: s.title for s in catalogue.sources})
    problems = kit_config.check_against_entries(kit, catalogue.by_id())
    if problems:
        raise PluginError(CatalogueError(problems).report())
    return kit


def register(env: Any, catalogue: Catalogue) -> None:
    env.variables["mobilitet_config"] = load(catalogue).to_config()
