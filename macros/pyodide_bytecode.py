"""Precompiled bytecode for the browser's Python (issue #19).

Pyodide 314.0.7 ships its standard library as .py sources, and wheels are sources too, so every
start in the browser compiled every module it imported: about three quarters of the start-up under
Node (benchmarks/explore/pyc.mjs: 3.4 s -> 0.7 s). The build therefore replaces, in the staged
python_stdlib.zip and in every wheel, each `x.py` by `x.pyc` (unchecked-hash bytecode next to where
the source was, which the zip and file importers load without a source), and rewrites a wheel's
RECORD to match. The bytecode must come from the very interpreter that runs it (CPython 3.14.2
inside Pyodide; the host's CPython is another version), so `compile_folder` runs `to_bytecode` inside
Pyodide under Node (macros/pyodide_bytecode.mjs). A file that does not compile keeps its source.
KOENSBALANCE_BYTECODE=off builds with sources, to compare.

`to_bytecode` is plain Python (it runs in CPython too, which is how the unit tests check it)."""

from __future__ import annotations

import base64
import hashlib
import importlib.util
import io
import json
import os
import subprocess
import zipfile
from importlib._bootstrap_external import _code_to_hash_pyc  # type: ignore[attr-defined]
from pathlib import Path

ENV = "KOENSBALANCE_BYTECODE"


def mode() -> str:
    value = os.environ.get(ENV, "on").strip() or "on"
    if value not in {"on", "off"}:
        from mkdocs.exceptions import PluginError

        raise PluginError(f"{ENV} skal være 'on' eller 'off', ikke '{value}'")
    return value


def _record_line(name: str, data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{name},sha256={digest},{len(data)}"


def to_bytecode(data: bytes, prefix: str) -> tuple[bytes, int, list[str]]:
    """A stored zip like `data` with every compilable `.py` replaced by its `.pyc` (code objects name
    `prefix + path`, the file's place in Pyodide's file system). Returns the zip, the number of
    modules compiled and the files kept as source because they did not compile. A wheel's
    `*.dist-info/RECORD` is rewritten for the new files."""
    members: list[tuple[zipfile.ZipInfo, bytes]] = []
    kept: list[str] = []
    compiled = 0
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        for info in source.infolist():
            body = source.read(info)
            name = info.filename
            if name.endswith(".py") and ".dist-info/" not in name:
                try:
                    code = compile(body, prefix + name, "exec", dont_inherit=True)
                except (SyntaxError, ValueError):
                    kept.append(name)
                else:
                    body = bytes(_code_to_hash_pyc(code, importlib.util.source_hash(body), False))
                    name += "c"
                    compiled += 1
            out = zipfile.ZipInfo(name, date_time=info.date_time)
            out.external_attr = info.external_attr
            members.append((out, body))
    records = [i for i, (info, _) in enumerate(members) if info.filename.endswith(".dist-info/RECORD")]
    for index in records:
        info, _ = members[index]
        lines = [_record_line(m.filename, body) for m, body in members if m.filename != info.filename]
        members[index] = (info, ("\n".join([*lines, f"{info.filename},,"]) + "\n").encode())
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as target:
        for info, body in members:
            target.writestr(info, body)
    return buffer.getvalue(), compiled, kept


def compile_folder(folder: Path, full_stdlib: Path, names: list[str]) -> dict[str, dict[str, object]]:
    """Replace each of `names` (python_stdlib.zip, wheels) in `folder` by its bytecode version, by
    running `to_bytecode` in the Pyodide staged in `folder` (started with `full_stdlib`, which has
    every module the compiler needs). Raises RuntimeError with Node's last line on failure."""
    here = Path(__file__)  # not at import: the module also runs inside Pyodide, which has no __file__
    result = subprocess.run(
        ["node", str(here.with_suffix(".mjs")), str(folder), str(full_stdlib), str(here), *names],
        capture_output=True, text=True, timeout=900, check=False)
    lines = result.stdout.strip().splitlines()
    if result.returncode != 0 or not lines:
        detail = (result.stderr or result.stdout).strip().splitlines()[-1:] or ["(intet output)"]
        raise RuntimeError(detail[0])
    report: dict[str, dict[str, object]] = json.loads(lines[-1])
    return report
