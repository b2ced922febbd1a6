"""The trimmed python_stdlib.zip, compiled to bytecode like every wheel, works in the real runtime: Pyodide
starts under Node with it, installs our wheels, imports every module the trimming found surely imported
and runs every bridge handler (those of bridge.LATER, imported at first use, included) without an
ImportError; a module the trimming dropped stops the build with one line."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from macros import pyodide_assets, pyodide_bytecode, pyodide_stdlib
from mkdocs.exceptions import PluginError

from koensbalance import bridge
from tests.support.build import ROOT

pytestmark = pytest.mark.build

CHECK = ROOT / "benchmarks" / "explore" / "stdlib_check.mjs"
PACKAGES = ["koensbalance", "icalendar", "segno", "holidays"]


def _check(stage: Path, stdlib: Path, modules: list[str]) -> dict[str, object]:
    result = subprocess.run(
        ["node", str(CHECK), "--stage", str(stage), "--stdlib", str(stdlib),
         "--modules", json.dumps(modules), "--packages", json.dumps(PACKAGES)],
        capture_output=True, text=True, timeout=600, check=False)
    assert result.returncode == 0, (result.stdout + result.stderr)[-2000:]
    report: dict[str, object] = json.loads(result.stdout.strip().splitlines()[-1])
    return report


@pytest.mark.skipif(shutil.which("node") is None, reason="needs Node.js (make setup installs npm)")
def _source_wheels(folder: Path) -> list[Path]:
    """Our wheel and the vendored ones as sources (the staged ones hold bytecode), as trimming saw them."""
    return sorted([pyodide_assets.own_wheel(folder), *pyodide_assets.VENDOR.glob("*.whl")])


def test_pyodide_runs_every_widget_module_with_the_trimmed_stdlib(monkeypatch: pytest.MonkeyPatch,
                                                                  tmp_path: Path) -> None:
    monkeypatch.setenv(pyodide_assets.STDLIB_ENV, "trimmed")
    monkeypatch.setenv(pyodide_bytecode.ENV, "on")
    stage = pyodide_assets.stage()
    full = (pyodide_assets.RUNTIME / "python_stdlib.zip").read_bytes()
    data, reach = pyodide_stdlib.trim(full, _source_wheels(tmp_path))
    trimmed = zipfile.ZipFile(io.BytesIO(data)).namelist()
    staged = zipfile.ZipFile(stage / "python_stdlib.zip").namelist()
    # the same modules, as bytecode (macros/pyodide_bytecode.py): x.py -> x.pyc
    assert staged == [name + "c" if name.endswith(".py") else name for name in trimmed]
    assert len(data) < len(full) * 3  # stored, but far fewer modules: the .br is what travels
    assert len((stage / "python_stdlib.zip.br").read_bytes()) < len(full)
    for wheel in stage.glob("*.whl"):  # every wheel holds bytecode only
        assert not [n for n in zipfile.ZipFile(wheel).namelist() if n.endswith(".py")], wheel.name
    report = _check(stage, stage / "python_stdlib.zip", sorted(reach.certain))
    assert report["import_errors"] == {}
    assert report["handler_import_errors"] == {}
    assert report["example_ok"] is True
    # the holidays wheel keeps Denmark's rules and Danish names only (pyodide_assets.WHEEL_TRIM)
    assert report["holiday"] == "en helligdag (Juledag)"
    assert report["denmark_module"] == "koensbalance_holidays_dk"  # by path, not every country
    # the calls imported at first use (bridge.LATER) were called too, and their modules are roots
    later = report["later"]
    assert later == sorted(bridge.LATER) and set(later) <= set(report["called"])  # type: ignore[arg-type]
    assert report["later_import_errors"] == {}
    assert {module for module, _ in bridge.LATER.values()} <= reach.certain
    # every module the trimming trusts to need no file is compiled into this runtime
    builtins = set(report["builtins"])  # type: ignore[arg-type]
    assert builtins >= pyodide_stdlib.PYODIDE_BUILTINS


def test_an_import_the_trimmed_stdlib_cannot_satisfy_stops_the_build(tmp_path: Path) -> None:
    wheel = tmp_path / "koensbalance-0.1.0-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as archive:
        archive.writestr("koensbalance/__init__.py", "")
        archive.writestr("koensbalance/bridge.py", "import json\nimport unittest\n")
    with pytest.raises(PluginError) as error:
        pyodide_assets.write_trimmed_stdlib(tmp_path)
    message = str(error.value)
    assert message.startswith("Browserens Python mangler et modul: koensbalance.bridge (linje 2) "
                              "importerer unittest, som er fjernet fra")
    assert "\n" not in message
    assert not (tmp_path / "python_stdlib.zip").exists()
