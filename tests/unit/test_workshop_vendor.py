"""The browser gets the same versions of icalendar and segno (and their dependencies) as CPython."""

from __future__ import annotations

from macros import pyodide_assets

from tests.support.build import ROOT


def test_browser_wheels_match_the_lock() -> None:
    lock = {}
    for line in (ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines():
        if "==" in line:
            name, version = line.split("==", 1)
            lock[name.strip().lower().replace("-", "_")] = version.strip()
    pins = pyodide_assets.browser_pins()
    assert {"icalendar", "segno", "python_dateutil", "tzdata"} <= set(pins)
    for name, version in pins.items():
        assert lock.get(name) == version, f"{name}: browser {version}, lock {lock.get(name)}"
    assert "--hash=sha256:" in (ROOT / "requirements-browser.txt").read_text(encoding="utf-8")
