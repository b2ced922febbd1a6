""""Følg op" at its limits: a 30-year horizon with groups of 10, 50 and 200 and a year recorded every
year evaluates correctly and fast. Run as a script to print the timings:

    .venv/bin/python -m tests.unit.test_opfoelgning_timing              # CPython
    .venv/bin/python -m tests.unit.test_opfoelgning_timing --pyodide    # Pyodide (node_modules) in Node
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
import timeit
from pathlib import Path
from typing import Any

import pytest

from koensbalance.maaltal.opfoelgning import History, parse_history
from koensbalance.maaltal.opfoelgning_view import evaluate
from koensbalance.maaltal.projection import MAX_YEARS
from tests.unit.test_opfoelgning import DUTIES, KINDS, RULE, RULES, SCENARIO

SIZES = (10, 50, 200)


def long_history(size: int, recorded: int, appointed: int | None = None) -> History:
    """Status 2000, target 2030, 30-year horizon, 45 pct. assumed; `recorded` years from 2001 on, the
    followed gender growing slowly and a seventh of the group appointed every year."""
    women = size // 4
    scenario: dict[str, Any] = {**SCENARIO, "kvinder": str(women), "maend": str(size - women), "aar": "2000",
                                "horisont": str(MAX_YEARS), "maalaar": "2030", "rekruttering": "45"}
    records = []
    for year in range(2001, 2001 + recorded):
        w = min(size, women + (year - 2000) * size // 60)
        new = max(1, size // 7) if appointed is None else appointed
        records.append({"aar": year, "kvinder": w, "maend": size - w, "nye_ledere": new, "heraf": new // 2})
    return parse_history({"scenarie": scenario, "status": records}, KINDS, None)


@pytest.mark.parametrize("size", SIZES)
def test_thirty_years_recorded_evaluate_within_a_second(size: int) -> None:
    h = long_history(size, MAX_YEARS)
    started = time.perf_counter()
    result = evaluate(h, RULE, DUTIES)
    elapsed = time.perf_counter() - started
    assert len(result["rows"]) == MAX_YEARS and result["next_year"] is None
    assert result["chart"]["title"].endswith("2000–2060")  # recorded to 2030, then a whole horizon more
    assert elapsed < 1.0, f"evaluate took {elapsed:.2f} s for a group of {size}"


ROOT = Path(__file__).resolve().parents[2]
# Loads Pyodide from node_modules, copies the package into its file system and times evaluate there.
PYODIDE_SCRIPT = """
import { loadPyodide } from "%(root)s/node_modules/pyodide/pyodide.mjs";
import fs from "node:fs";
import path from "node:path";
const py = await loadPyodide({ indexURL: "%(root)s/node_modules/pyodide/" });
function copy(dir, target) {
  py.FS.mkdirTree(target);
  for (const name of fs.readdirSync(dir)) {
    const full = path.join(dir, name);
    if (fs.statSync(full).isDirectory()) { if (name !== "__pycache__") copy(full, `${target}/${name}`); }
    else if (name.endsWith(".py")) py.FS.writeFile(`${target}/${name}`, fs.readFileSync(full));
  }
}
copy("%(root)s/src/koensbalance", "/home/pyodide/koensbalance");
py.globals.set("PAYLOADS", fs.readFileSync("%(payloads)s", "utf8"));
console.log(py.runPython(fs.readFileSync("%(code)s", "utf8")));
"""
PYODIDE_CODE = """
import json, sys, timeit
sys.path.insert(0, "/home/pyodide")
from koensbalance.maaltal.balance import BalanceRule
from koensbalance.maaltal.obligations import DutyRules
from koensbalance.maaltal.opfoelgning import parse_history
from koensbalance.maaltal.opfoelgning_view import evaluate
lines = []
for label, payload in json.loads(PAYLOADS).items():
    rule = BalanceRule.from_data(payload["rules"]["balance"])
    duties = DutyRules.from_data(payload["rules"]["duties"])
    h = parse_history(payload["historik"], [k.id for k in duties.kinds], None)
    best = min(timeit.repeat(lambda: evaluate(h, rule, duties), number=1, repeat=10))
    lines.append(f"Pyodide {sys.version.split()[0]}: {label}: evaluate {1000 * best:6.1f} ms (best of 10)")
"\\n".join(lines)
"""


def _label(size: int, recorded: int) -> str:
    return f"group {size:3d}, horizon {MAX_YEARS}, {recorded:2d} years recorded"


def pyodide() -> None:
    payloads = {_label(size, recorded): {"rules": RULES, "historik": long_history(size, recorded).to_dict()}
                for size in SIZES for recorded in (3, MAX_YEARS)}
    with tempfile.TemporaryDirectory() as folder:
        where = Path(folder)
        (where / "payloads.json").write_text(json.dumps(payloads, ensure_ascii=False), encoding="utf-8")
        (where / "code.py").write_text(PYODIDE_CODE, encoding="utf-8")
        script = PYODIDE_SCRIPT % {"root": ROOT, "payloads": where / "payloads.json",
                                   "code": where / "code.py"}
        (where / "time.mjs").write_text(script, encoding="utf-8")
        subprocess.run(["node", str(where / "time.mjs")], check=True)


def test_the_largest_sums_of_appointments_and_group_sizes_are_placed() -> None:
    """Every seat of 200 refilled every year for 30 years: 6000 appointments, 6000 seat-years."""
    result = evaluate(long_history(200, MAX_YEARS, appointed=200), RULE, DUTIES)
    assert result["recruitment"]["appointed"] == 6000 and result["turnover"]["exposed"] == 6000
    assert "lå så højt" in result["turnover"]["text"]  # 100 pct. a year against the assumed 15 pct.


def main() -> None:
    if "--pyodide" in sys.argv:
        pyodide()
        return
    for size in SIZES:
        for recorded in (3, MAX_YEARS):
            h = long_history(size, recorded)
            runs = 10
            best = min(timeit.repeat(lambda h=h: evaluate(h, RULE, DUTIES), number=1, repeat=runs))
            print(f"CPython {sys.version.split()[0]}: {_label(size, recorded)}: evaluate "
                  f"{1000 * best:6.1f} ms (best of {runs})")


if __name__ == "__main__":
    main()
