"""The fixes to Material's instant navigation apply to the installed Material bundle, each exactly
once; a bundle they do not fit stops the build with one line (macros/instant_nav.py)."""

from __future__ import annotations

from pathlib import Path

import material
import pytest
from macros import instant_nav
from mkdocs.exceptions import PluginError

SCRIPTS = Path(material.__file__).parent / "templates" / "assets" / "javascripts"
BUNDLE = next(SCRIPTS.glob("bundle.*.min.js"))


def test_every_fix_applies_to_the_installed_material() -> None:
    source = BUNDLE.read_text(encoding="utf-8")
    patched = instant_nav.patch(source)
    assert "port=t.port" in patched and "port=t.port" not in source
    assert "(module|(text|application)\\/(java|ecma)script)" in patched  # data blocks stay as they are
    assert 'ne("pathname"),g((_,i)=>i>0)' in patched
    assert "pathname===location.pathname&&o.search===location.search)return y;" in patched


def test_a_bundle_the_fixes_do_not_fit_stops_the_build_with_one_line() -> None:
    with pytest.raises(PluginError) as error:
        instant_nav.patch("function fi(e,t){return e}")
    assert "macros/instant_nav.py" in str(error.value) and "\n" not in str(error.value)


def test_nothing_changes_without_instant_navigation(tmp_path: Path) -> None:
    instant_nav.apply(tmp_path, ["navigation.sections"])  # no bundle there: not even looked for
    with pytest.raises(PluginError):
        instant_nav.apply(tmp_path, ["navigation.instant"])
