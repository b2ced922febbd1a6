// Start Pyodide with a given python_stdlib.zip (stdLibURL), load our packages, import every module
// named on the command line and call every bridge handler once with an empty payload. Prints one JSON
// object: {builtins, import_errors, handler_import_errors, example_ok, called, later,
// later_import_errors, holiday, denmark_module}. Used by
// tests/build/test_pyodide_stdlib.py to check the trimmed standard library for real.
//   node stdlib_check.mjs --stage DIR --stdlib ZIP --modules '["a","b"]'
import { loadPyodideFrom, option, stagedFolder } from "./common.mjs";

const stage = stagedFolder();
const stdLibURL = option("--stdlib", stage + "python_stdlib.zip");
const modules = JSON.parse(option("--modules", "[]"));
const packages = JSON.parse(option("--packages", '["koensbalance"]'));
const py = await loadPyodideFrom(stage, { stdLibURL });
const loadErrors = [];
await py.loadPackage(packages, { messageCallback: () => {}, errorCallback: (m) => loadErrors.push(m) });
if (loadErrors.length) { console.log(JSON.stringify({ load_errors: loadErrors })); process.exit(1); }
py.globals.set("MODULES", JSON.stringify(modules));
const out = py.runPython(`
import importlib, json, sys
failed = {}
for name in json.loads(MODULES):
    try:
        importlib.import_module(name)
    except ImportError as error:  # what a missing module looks like
        failed[name] = repr(error)
    except Exception as error:  # not ours to judge here (e.g. a module that needs a browser)
        pass
from koensbalance import bridge
handler_failed = {}
called = []
for name, handler in bridge.REGISTRY.items():  # the LATER calls too: each imports its module first
    called.append(name)
    try:
        handler({})
    except ImportError as error:
        handler_failed[name] = repr(error)
    except Exception:
        pass
later_failed = {}
for name, (module, function) in bridge.LATER.items():
    try:
        getattr(importlib.import_module(module), function)
    except (ImportError, AttributeError) as error:
        later_failed[name] = repr(error)
example = json.loads(bridge.call("vurdering.example", "{}"))
from datetime import date
from koensbalance.mobilitet import dates
holiday = dates.day_off(date(2026, 12, 25))  # holidays' Denmark, loaded by path from the trimmed wheel
denmark = getattr(dates._denmark(), "__module__", "")
json.dumps({"builtins": sorted(sys.builtin_module_names), "import_errors": failed,
            "handler_import_errors": handler_failed, "example_ok": example.get("ok") is True,
            "called": called, "later": sorted(bridge.LATER), "later_import_errors": later_failed,
            "holiday": holiday, "denmark_module": denmark})
`);
console.log(out);
