"""The trimmed standard library: what it keeps, what it drops and when it stops the build."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from macros import pyodide_assets, pyodide_stdlib
from macros.pyodide_stdlib import MissingModule, Source, imports, reachable, trim
from mkdocs.exceptions import PluginError


def _zip(files: dict[str, str]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return out.getvalue()


def _source(stdlib: dict[str, str], wheel: dict[str, str] | None = None) -> Source:
    source = Source()
    source.add_zip(_zip(wheel or {}), stdlib=False)
    source.add_zip(_zip(stdlib), stdlib=True)
    return source


def test_imports_tell_eager_lazy_and_guarded_apart() -> None:
    found = imports(
        "import json\n"
        "from . import sibling\n"
        "from .sub import thing\n"
        "try:\n    import fast\nexcept ImportError:\n    import slow\n"
        "if WINDOWS:\n    import nt\n"
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    import only_for_types\n"
        "def handler():\n    import lazy\n",
        "pkg.mod", is_package=False)
    by_name = {i.module: i for i in found}
    assert by_name["json"].eager and not by_name["json"].guarded
    assert by_name["pkg"].names == ("sibling",)
    assert "pkg.sub" in by_name
    assert by_name["fast"].guarded and by_name["slow"].guarded and by_name["nt"].guarded
    assert not by_name["lazy"].eager
    assert "only_for_types" not in by_name


def test_relative_import_in_a_package_resolves_against_the_package_itself() -> None:
    found = imports("from .a import b\nfrom .. import c\n", "pkg.sub", is_package=True)
    assert [(i.module, i.names) for i in found] == [("pkg.sub.a", ("b",)), ("pkg", ("c",))]


def test_keeps_what_is_reached_through_wheels_and_drops_the_rest() -> None:
    source = _source(
        {"json/__init__.py": "from json import decoder\n", "json/decoder.py": "import re\n",
         "re/__init__.py": "", "unused.py": "", "unittest/__init__.py": ""},
        {"app/__init__.py": "", "app/bridge.py": "import json\nimport dep\n",
         "dep.py": "def f():\n    import unittest\n"})
    reach = reachable(source, ["app.bridge"])
    assert {"app", "app.bridge", "dep", "json", "json.decoder", "re"} <= reach.keep
    assert "unused" not in reach.keep and "unittest" not in reach.keep
    assert reach.tolerated == ["dep:2 -> unittest"]


def test_an_eager_import_of_a_dropped_module_stops_with_one_line() -> None:
    source = _source({"unittest/__init__.py": "", "helper.py": "import unittest\n"},
                     {"app.py": "import helper\n"})
    with pytest.raises(MissingModule) as error:
        reachable(source, ["app"])
    assert str(error.value) == ("helper (linje 1) importerer unittest, som er fjernet fra "
                                "browserens Python-standardbibliotek")
    assert "\n" not in str(error.value)


def test_our_own_package_must_resolve_even_inside_a_function() -> None:
    source = _source({}, {"koensbalance/__init__.py": "",
                          "koensbalance/view.py": "def handler():\n    import sqlite4\n"})
    with pytest.raises(MissingModule, match=r"koensbalance.view \(linje 2\) importerer sqlite4, "
                                            r"som findes ikke i"):
        reachable(source, ["koensbalance.view"])


def test_a_third_party_lazy_or_guarded_import_of_a_missing_module_is_tolerated() -> None:
    source = _source({}, {"dep.py": "try:\n    import missing_a\nexcept ImportError:\n    pass\n"
                                    "def f():\n    import missing_b\n"})
    assert sorted(reachable(source, ["dep"]).tolerated) == ["dep:2 -> missing_a", "dep:6 -> missing_b"]


def test_a_module_reached_only_by_a_guarded_import_need_not_resolve_its_own_imports() -> None:
    source = _source({"winonly.py": "import _winapi\n", "os.py": "if NT:\n    import winonly\n"},
                     {"app.py": "import os\n"})
    reach = reachable(source, ["app"])
    assert "winonly" in reach.keep  # kept in case, but its failing import is not ours to fix


def test_builtins_and_aliases_need_no_file() -> None:
    source = _source({"_collections_abc.py": ""},
                     {"app.py": "import sys, math, js\nfrom collections.abc import Mapping\n"})
    assert "_collections_abc" in reachable(source, ["app"]).keep


def test_trim_writes_a_stored_zip_of_only_the_kept_modules(tmp_path: Path) -> None:
    stdlib = {name: "" for name in ("site.py", "encodings/__init__.py", "encodings/aliases.py",
                                    "encodings/utf_8.py", "encodings/cp437.py",
                                    "_sysconfigdata__emscripten_wasm32-emscripten.py",
                                    "pyodide/__init__.py", "pyodide/console.py", "_pyodide/__init__.py",
                                    "json/__init__.py", "tkinter/__init__.py")}
    wheel = tmp_path / "koensbalance-0.1.0-py3-none-any.whl"
    wheel.write_bytes(_zip({"koensbalance/__init__.py": "", "koensbalance/bridge.py": "import json\n",
                            "koensbalance-0.1.0.dist-info/METADATA": ""}))
    data, _ = trim(_zip(stdlib), [wheel])
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = set(archive.namelist())
        assert {i.compress_type for i in archive.infolist()} == {zipfile.ZIP_STORED}
    assert {"site.py", "encodings/utf_8.py", "pyodide/__init__.py", "_pyodide/__init__.py",
            "json/__init__.py"} <= names
    assert not names & {"encodings/cp437.py", "pyodide/console.py", "tkinter/__init__.py",
                        "koensbalance/bridge.py"}


def test_the_dropped_list_names_no_module_our_code_imports_directly() -> None:
    src = Path(pyodide_stdlib.__file__).resolve().parent.parent / "src" / "koensbalance"
    for path in src.rglob("*.py"):
        module = "koensbalance." + ".".join(path.relative_to(src).with_suffix("").parts)
        for imp in imports(path.read_text(encoding="utf-8"), module, path.name == "__init__.py"):
            assert not pyodide_stdlib._dropped(imp.module), f"{path}: {imp.module}"


def test_the_shipped_lock_file_keeps_only_the_wheels_the_site_ships(tmp_path: Path) -> None:
    (tmp_path / "koensbalance-0.1.0-py3-none-any.whl").write_bytes(
        _zip({"koensbalance/__init__.pyc": "", "koensbalance-0.1.0.dist-info/RECORD": ""}))
    (tmp_path / "six-1.17.0-py2.py3-none-any.whl").write_bytes(_zip({"six.py": ""}))
    lock = {"info": {"abi_version": "x"}, "packages": {
        "koensbalance": {"file_name": "koensbalance-0.1.0-py3-none-any.whl", "depends": ["six"]},
        "six": {"file_name": "six-1.17.0-py2.py3-none-any.whl", "depends": []},
        "numpy": {"file_name": "numpy-2.0-cp314-pyodide.whl", "depends": []}}}
    small = pyodide_assets.shipped_lock(lock, tmp_path)
    assert small["info"] == lock["info"] and sorted(small["packages"]) == ["koensbalance", "six"]
    # what each makes importable (Pyodide installs by import name: loadPackagesFromImports)
    assert [small["packages"][n]["imports"] for n in ("koensbalance", "six")] == [["koensbalance"], ["six"]]
    (tmp_path / "six-1.17.0-py2.py3-none-any.whl").unlink()
    with pytest.raises(PluginError, match="Python-pakken koensbalance kræver six"):
        pyodide_assets.shipped_lock(lock, tmp_path)


def test_the_bridges_later_modules_are_roots_and_must_resolve() -> None:
    bridge = ('from importlib import import_module\n'
              'LATER: dict[str, tuple[str, str]] = {"x.view": ("koensbalance.x", "handle")}\n')
    wheel = {"koensbalance/__init__.py": "", "koensbalance/bridge.py": bridge,
             "koensbalance/x.py": "import json\ndef handle(p):\n    import csv\n"}
    stdlib = {"json/__init__.py": "", "csv.py": "", "importlib/__init__.py": "", "unittest/__init__.py": ""}
    source = _source(stdlib, wheel)
    assert pyodide_stdlib.later_modules(source) == ["koensbalance.x"]
    reach = reachable(source, ["koensbalance.bridge", *pyodide_stdlib.later_modules(source)])
    assert {"koensbalance.x", "json", "csv"} <= reach.certain  # found only through LATER
    broken = _source(stdlib, {**wheel, "koensbalance/x.py": "import unittest\n"})
    with pytest.raises(MissingModule, match=r"^koensbalance.x \(linje 1\) importerer unittest"):
        reachable(broken, ["koensbalance.bridge", *pyodide_stdlib.later_modules(broken)])
    gone = _source(stdlib, {k: v for k, v in wheel.items() if k != "koensbalance/x.py"})
    with pytest.raises(MissingModule, match="startmodulet koensbalance.x findes ikke"):
        reachable(gone, ["koensbalance.bridge", *pyodide_stdlib.later_modules(gone)])
