"""Bytes of Pyodide's python_stdlib.zip against the trimmed one (macros/pyodide_stdlib.py), raw and
brotli (quality 9, as macros/precompress.py), stored and deflated. Run after `make build`:
    .venv/bin/python -m benchmarks.explore.stdlib_size [STAGED_FOLDER]"""

from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path

import brotli
from macros import pyodide_assets, pyodide_stdlib


def _rezip(data: bytes, compression: int) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", compression) as dst:
        for info in src.infolist():
            copy = zipfile.ZipInfo(info.filename, date_time=info.date_time)
            dst.writestr(copy, src.read(info), compress_type=compression, compresslevel=9)
    return out.getvalue()


def main() -> None:
    stages = sorted((p for p in pyodide_assets.STAGES.glob("*") if not p.name.startswith(".")),
                    key=lambda p: p.stat().st_mtime)
    stage = Path(sys.argv[1]) if len(sys.argv) > 1 else stages[-1]
    full = (pyodide_assets.RUNTIME / "python_stdlib.zip").read_bytes()
    trimmed, reach = pyodide_stdlib.trim(full, sorted(stage.glob("*.whl")))
    with zipfile.ZipFile(io.BytesIO(full)) as a, zipfile.ZipFile(io.BytesIO(trimmed)) as b:
        counts = (len(a.namelist()), len(b.namelist()))
    rows = [
        ("Pyodide's zip (deflated), as shipped today", full),
        ("Pyodide's zip, stored", _rezip(full, zipfile.ZIP_STORED)),
        ("trimmed, stored (what the build writes)", trimmed),
        ("trimmed, deflated", _rezip(trimmed, zipfile.ZIP_DEFLATED)),
    ]
    print(f"members: full {counts[0]}, trimmed {counts[1]}; modules kept {len(reach.keep)}")
    print(f"{'variant':<45}{'raw':>12}{'brotli':>12}")
    for label, data in rows:
        print(f"{label:<45}{len(data):>12,}{len(brotli.compress(data, quality=9)):>12,}")


if __name__ == "__main__":
    main()
