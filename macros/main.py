"""mkdocs-macros module: the functions hand-written pages in docs/ call by name.

Each feature registers its macros from its own module (macros/*_macros.py, a `register(env,
catalogue)` function). Macros read the validated catalogue and render templates; none of them
computes a rule (that is the domain package's job)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from macros import (  # noqa: E402
    balance_macros,
    browse_macros,
    catalogue_macros,
    maaltal_macros,
    mobilitet_macros,
    plan_macros,
    site_data,
    vurdering_macros,
    workshop_macros,  # noqa: E402
)

# One line per feature: each module's register(env, catalogue) adds its macros.
FEATURES = (catalogue_macros, balance_macros, browse_macros, maaltal_macros, workshop_macros,
            plan_macros, mobilitet_macros, vurdering_macros)


def define_env(env: Any) -> None:
    catalogue = site_data.catalogue()  # validation errors stop the build here, before any output
    for feature in FEATURES:
        feature.register(env, catalogue)
