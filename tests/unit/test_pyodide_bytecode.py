"""Bytecode instead of sources in the browser's zips and wheels (macros/pyodide_bytecode.py). The
compiler runs in CPython here (host bytecode), so the result can be imported here; the build runs the
same function inside Pyodide, and tests/build/test_pyodide_stdlib.py runs the staged result there."""

from __future__ import annotations

import base64
import hashlib
import importlib
import io
import sys
import zipfile
from pathlib import Path

import pytest
from macros import pyodide_assets, pyodide_bytecode
from mkdocs.exceptions import PluginError

WHEEL = {
    "demo_pkg/__init__.py": '"""Doc."""\nVALUE = 41\n',
    "demo_pkg/calc.py": "from demo_pkg import VALUE\n\ndef answer():\n    return VALUE + 1\n",
    "demo_pkg/broken.py": "def oops(:\n",
    "demo_pkg/data.txt": "kept as it is",
    "demo_pkg-1.0.dist-info/METADATA": "Name: demo_pkg\n",
    "demo_pkg-1.0.dist-info/RECORD": "stale",
}


def _zip(files: dict[str, str]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return out.getvalue()


def test_sources_become_bytecode_and_the_record_matches(tmp_path: Path) -> None:
    data, compiled, kept = pyodide_bytecode.to_bytecode(_zip(WHEEL), "/site/")
    archive = zipfile.ZipFile(io.BytesIO(data))
    names = set(archive.namelist())
    assert compiled == 2 and kept == ["demo_pkg/broken.py"]
    assert names == {"demo_pkg/__init__.pyc", "demo_pkg/calc.pyc", "demo_pkg/broken.py", "demo_pkg/data.txt",
                     "demo_pkg-1.0.dist-info/METADATA", "demo_pkg-1.0.dist-info/RECORD"}
    assert all(info.compress_type == zipfile.ZIP_STORED for info in archive.infolist())
    assert archive.read("demo_pkg/data.txt") == b"kept as it is"
    record = archive.read("demo_pkg-1.0.dist-info/RECORD").decode().splitlines()
    assert record[-1] == "demo_pkg-1.0.dist-info/RECORD,,"
    for line in record[:-1]:
        name, digest, size = line.split(",")
        body = archive.read(name)
        assert int(size) == len(body)
        expected = base64.urlsafe_b64encode(hashlib.sha256(body).digest()).rstrip(b"=").decode()
        assert digest == f"sha256={expected}"
    assert len(record) == len(names)

    # the interpreter that compiled it imports it without a source, and tracebacks name prefix + path
    wheel = tmp_path / "demo.zip"
    wheel.write_bytes(data)
    sys.path.insert(0, str(wheel))
    try:
        calc = importlib.import_module("demo_pkg.calc")
        assert calc.answer() == 42
        assert calc.answer.__code__.co_filename == "/site/demo_pkg/calc.py"
        assert importlib.import_module("demo_pkg").__doc__ == "Doc."  # docstrings are kept
    finally:
        sys.path.remove(str(wheel))
        for name in [m for m in sys.modules if m.startswith("demo_pkg")]:
            del sys.modules[name]


def test_a_failed_compile_stops_the_build_with_one_line(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*_args: object) -> dict[str, dict[str, object]]:
        raise RuntimeError("PythonError: no such file")

    monkeypatch.setattr(pyodide_bytecode, "compile_folder", fail)
    with pytest.raises(PluginError) as error:
        pyodide_assets.write_bytecode(tmp_path, ["x.whl"])
    message = str(error.value)
    assert message.startswith("Pyodide-filerne kunne ikke bygges (bytekode): PythonError: no such file.")
    assert "KOENSBALANCE_BYTECODE=off" in message and "\n" not in message


def test_the_switch_takes_on_or_off_only(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(pyodide_bytecode.ENV, "off")
    assert pyodide_bytecode.mode() == "off"
    monkeypatch.setenv(pyodide_bytecode.ENV, "maybe")
    with pytest.raises(PluginError, match="KOENSBALANCE_BYTECODE skal være 'on' eller 'off'"):
        pyodide_bytecode.mode()


def test_a_vendored_wheel_keeps_only_what_the_browser_needs() -> None:
    files = {"holidays/__init__.py": "", "holidays/countries/__init__.py": "",
             "holidays/countries/denmark.py": "", "holidays/countries/france.py": "",
             "holidays/locale/da/LC_MESSAGES/DK.mo": "x",
             "holidays/locale/fr/LC_MESSAGES/FR.mo": "x", "holidays-0.1.dist-info/RECORD": ""}
    trimmed = pyodide_assets.trim_wheel(_zip(files), *pyodide_assets.WHEEL_TRIM["holidays"])
    assert sorted(zipfile.ZipFile(io.BytesIO(trimmed)).namelist()) == [
        "holidays-0.1.dist-info/RECORD", "holidays/__init__.py", "holidays/countries/__init__.py",
        "holidays/countries/denmark.py", "holidays/locale/da/LC_MESSAGES/DK.mo"]
