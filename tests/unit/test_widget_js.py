"""The widget JavaScript read as text: every bridge name it calls is registered in koensbalance.bridge
and every registered name is called (the contract), and no Danish sentence or domain number is
written in it (words and numbers belong to the Python view models, issue 15)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from koensbalance import bridge

JS = Path(__file__).resolve().parents[2] / "overrides" / "assets" / "js"
# Not the widgets' code: the search helper's filter page, search and offline scripts.
OTHERS = {"filter.js", "search.js", "offline.js"}
# Widgets not yet moved onto the shared runtime (issue 15); each leaves this set when it moves.
PENDING: set[str] = set()
# The numbers JS may write, each a timing of the page, never a rule: (file, literal) -> why.
ALLOWED_NUMBERS = {
    ("runtime.js", "150"): "recompute after a typing pause of 150 ms",
    ("runtime.js", "1000"): "a live region speaks after 1 s of calm; a blob: URL is released after 1 s",
    ("pyodide-client.js", "120_000"): "a Python that neither loads nor fails in 2 minutes counts as failed",
    ("widget-workshop.js", "800"): "the QR code follows typing 0.8 s later",
    ("workshop-run.js", "1000"): "the run-mode clock ticks once a second",
    ("widget-workshop-form.js", "200"): "the Markdown follows typing 0.2 s later",
    ("widgets.js", "3000"): "the other widgets' modules load when idle, 3 s after the first answer",
}
DANISH_LETTERS = re.compile(r"[æøåÆØÅ]")
# Common Danish words that any sentence of the site's texts contains at least one of.
DANISH_WORDS = re.compile(r"\b(og|er|ikke|til|med|af|den|det|som|på|kan|din|dit|du|jeres|skal|eller|"
                          r"punkt|planen|linket|filen|gemt|tilføj|slet|flyt)\b", re.IGNORECASE)
CALL = re.compile(r"""(?:\b(?:call|latest|act|output)\(\s*|\bonImport\(\s*\w+,\s*|\bcall:\s*)"""
                  r"""["']([a-z_]+\.[a-z_]+)["']""")


def widget_files() -> list[Path]:
    return sorted(p for p in JS.glob("*.js") if p.name not in OTHERS)


def split_js(text: str) -> tuple[str, list[str]]:
    """(code without comments and strings, the string literals' texts). Template literals keep the
    code of their ${…} parts; regular expression literals are treated as code."""
    code: list[str] = []
    strings: list[str] = []
    i, depth = 0, [0]  # depth: brace depth inside each open template substitution
    while i < len(text):
        c, pair = text[i], text[i:i + 2]
        if pair == "//":
            i = text.find("\n", i) if "\n" in text[i:] else len(text)
        elif pair == "/*":
            i = text.index("*/", i) + 2
        elif c in "\"'`" or (c == "}" and len(depth) > 1 and depth[-1] == 0):
            quote = "`" if c == "}" else c
            if c == "}":
                depth.pop()
            j, literal = i + 1, []
            while text[j] != quote:
                if quote == "`" and text[j:j + 2] == "${":
                    break
                literal.append(text[j:j + 2] if text[j] == "\\" else text[j])
                j += 2 if text[j] == "\\" else 1
            strings.append("".join(literal))
            code.append(' "" ')
            if text[j] == "$":
                depth.append(0)
                i = j + 2
            else:
                i = j + 1
        else:
            if c == "{" and len(depth) > 1:
                depth[-1] += 1
            elif c == "}" and len(depth) > 1:
                depth[-1] -= 1
            code.append(c)
            i += 1
    return "".join(code), strings


def test_splitter_sees_strings_comments_and_templates() -> None:
    source = 'const a = "Hej og farvel"; // 42 i en kommentar\nx(`Punkt ${n + 2} er ${"her"}`);'
    code, strings = split_js(source)
    assert strings == ["Hej og farvel", "Punkt ", " er ", "her", ""]
    assert "42" not in code and "2" in code


@pytest.mark.parametrize("path", [p for p in widget_files() if p.name not in PENDING], ids=lambda p: p.name)
def test_no_danish_sentence_and_no_domain_number(path: Path) -> None:
    code, strings = split_js(path.read_text(encoding="utf-8"))
    danish = [s for s in strings if DANISH_LETTERS.search(s)
              or (" " in s.strip() and DANISH_WORDS.search(s.replace("-", " ").replace("_", " ")))]
    assert danish == [], f"{path.name}: Danish text belongs in the Python view model: {danish}"
    numbers = re.findall(r"(?<![\w$.])(\d[\d_]*(?:\.\d+)?)(?![\w$])", code)
    extra = sorted({n for n in numbers if n not in {"0", "1"} and (path.name, n) not in ALLOWED_NUMBERS})
    assert extra == [], f"{path.name}: numbers belong in the Python view model: {extra}"


def test_every_bridge_name_in_js_is_registered_and_every_registered_name_is_used() -> None:
    used = {name for path in widget_files() for name in CALL.findall(path.read_text(encoding="utf-8"))}
    assert used - set(bridge.REGISTRY) == set(), "called from JS but not registered in bridge.py"
    assert set(bridge.REGISTRY) - used == set(), "registered in bridge.py but no widget calls it"


def test_the_contract_reader_finds_each_kind_of_call() -> None:
    sample = ('ctx.latest("workshop.plan", {}); ctx.call(\n "a.b", x); '
              'call: "balance.assess", output("plan.ics"); onImport(ctx, "plan.import", open, null)')
    assert CALL.findall(sample) == ["workshop.plan", "a.b", "balance.assess", "plan.ics", "plan.import"]


def test_the_bridge_loads_neither_icalendar_nor_segno_until_asked() -> None:
    """A page's Python starts without them: the planner names segno for its QR code
    (data-kb-packages); a calendar file or a date installs its package at the first call that needs it
    (the `missing` answer below); no page loads the catalogue's yaml/jsonschema."""
    import subprocess
    import sys

    code = ("import json, sys; from koensbalance import bridge; "
            "agenda = {'starttid': '09:00', 'blokke': []}; "
            "r = json.loads(bridge.call('workshop.plan', json.dumps({'agenda': agenda}))); "
            "assert r['ok'], r; "
            "print(sorted({'icalendar', 'segno', 'holidays', 'yaml', 'jsonschema'} & set(sys.modules)))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_a_call_needing_an_uninstalled_package_names_it(monkeypatch: pytest.MonkeyPatch) -> None:
    """The worker installs the named package and calls again (pyodide-worker.js MISSING reads the
    answer's first bytes, so their format is part of the contract)."""
    def needs_a_package(_payload: object) -> object:
        import koensbalance_no_such_package.sub  # type: ignore[import-not-found]  # noqa: F401
        return None

    monkeypatch.setitem(bridge.REGISTRY, "test.needs", needs_a_package)
    answer = bridge.call("test.needs", "{}")
    assert answer.startswith('{"ok": false, "missing": "koensbalance_no_such_package"')
    assert json.loads(answer)["errors"] == [{"field": "", "message": "Beregningen mangler Python-pakken "
                                             "koensbalance_no_such_package, som ikke kunne hentes."}]
    worker = (JS / "pyodide-worker.js").read_text(encoding="utf-8")
    assert r'/^\{"ok": false, "missing": "([A-Za-z_][A-Za-z0-9_]*)"/' in worker


def test_each_widget_module_and_the_runtime_stay_small() -> None:
    """A widget module declares fields, one bridge call and slots; when it grows past a screen or two,
    the shared runtime is missing a piece (issue 15: widget modules ≤ 150 lines, the runtime ≤ 300)."""
    sizes = {p.name: len(p.read_text(encoding="utf-8").splitlines()) for p in JS.glob("widget-*.js")}
    assert len(sizes) >= 5
    assert {name: n for name, n in sizes.items() if n > 150} == {}
    assert len((JS / "runtime.js").read_text(encoding="utf-8").splitlines()) <= 300


def test_calls_imported_at_first_use_name_real_functions_and_stay_out_of_start_up() -> None:
    import importlib
    import subprocess
    import sys

    for name, (module, function) in bridge.LATER.items():
        assert callable(getattr(importlib.import_module(module), function)), name
    code = ("import sys; from koensbalance import bridge; "
            "print(sorted(m for m in sys.modules if m.startswith(('koensbalance.vurdering', "
            "'koensbalance.mobilitet', 'koensbalance.maaltal.opfoelgning'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
