"""A trimmed Python standard library for the site's Pyodide (issue #19).

Pyodide mounts `python_stdlib.zip` (2.5 MB, 560 modules) at start-up and imports from it lazily. The
site only ever imports `koensbalance.bridge` (and, through its handlers, the widget modules and the
shipped wheels), so most of the zip is never read. `trim()` writes a zip with only the modules that can
be reached, by static analysis of `import` statements, from Pyodide's own start-up modules and from
`koensbalance.bridge`, through our wheel, the vendored wheels and the standard library itself. The
modules the bridge imports only at a call's first use (its `LATER` table of (module, function)) are
roots too: import_module(name) is invisible to the import statements this follows.

Rules (over-approximate: when in doubt, keep a module):
- every import is followed (module level, in functions, under `if`, guarded by try/except), except
  into DROPPED, modules a widget never needs (test frameworks, debuggers, REPLs, servers, Windows);
- in a module that is surely imported, an unconditional module-level import (not under `if` or
  `try`) of a dropped or non-existent module stops the build with one line naming the importer and
  the module; so does any unguarded import, even inside a function, in our own package (a widget
  handler may run it);
- modules compiled into the runtime (PYODIDE_BUILTINS) need no file.

The result is checked for real by tests/build/test_pyodide_stdlib.py, which starts Pyodide under Node
with the trimmed zip and imports every module the widgets use."""

from __future__ import annotations

import ast
import io
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

# Never shipped: reachable only through lazy imports on code paths a widget does not take (help(),
# the REPL, doctests, debugging, servers, process pools). An eager import of one of these fails the build.
DROPPED = frozenset({
    "__phello__", "_pyrepl", "code", "doctest", "ensurepip", "idlelib", "imaplib", "lib2to3",
    "mailbox", "multiprocessing", "nntplib", "pdb", "pickletools", "poplib", "profile", "cProfile",
    "pstats", "pydoc", "pydoc_data", "smtplib", "ftplib", "tabnanny", "test", "tkinter", "trace",
    "turtle", "turtledemo", "unittest", "venv", "wsgiref", "xmlrpc", "http.server", "socketserver",
    "site-packages", "zipapp", "sqlite3", "curses", "dbm", "timeit", "webbrowser", "tomllib",
    "getpass", "cmd", "bdb", "pty", "tty", "sched", "shelve", "telnetlib", "compileall", "py_compile",
    "pyclbr", "filecmp", "netrc", "rlcompleter", "modulefinder", "runpy", "symtable",
    # Windows-only, and process/interpreter pools (no threads or processes in Pyodide)
    "asyncio.windows_events", "asyncio.windows_utils", "asyncio.proactor_events", "ctypes.wintypes",
    "encodings._win_cp_codecs", "concurrent.interpreters", "concurrent.futures.interpreter",
    "concurrent.futures.process", "encodings.mbcs", "encodings.oem", "pyodide.console",
})
# Pyodide starts these itself; PYODIDE_ROOTS are imported by the runtime before any of our code.
PYODIDE_ROOTS = ("site", "_sysconfigdata__emscripten_wasm32-emscripten", "encodings",
                 "encodings.aliases")
# Pyodide's own packages, kept whole: its JavaScript side imports their modules by name.
PYODIDE_PACKAGES = ("_pyodide", "pyodide")
# Codecs are looked up by name (bytes.decode("cp437"), open(encoding=...)), which no import statement
# shows: trim() keeps every codec named by a string literal in a kept module, and these.
CODECS = ("utf_8", "utf_8_sig", "utf_16", "utf_16_le", "utf_16_be", "utf_32", "latin_1", "ascii",
          "cp1252", "iso8859_15", "charmap", "unicode_escape", "raw_unicode_escape", "idna",
          "punycode", "base64_codec", "hex_codec")
# sys.builtin_module_names of Pyodide 314.0.7 (stdlib_check.mjs prints them): modules
# compiled into pyodide.asm.wasm, importable without the zip (its test modules left out).
PYODIDE_BUILTINS = frozenset({
    "_abc", "_ast", "_asyncio", "_bisect", "_blake2", "_bz2", "_codecs", "_codecs_cn", "_codecs_hk",
    "_codecs_iso2022", "_codecs_jp", "_codecs_kr", "_codecs_tw", "_collections", "_contextvars",
    "_csv", "_ctypes", "_datetime", "_decimal", "_elementtree", "_functools", "_heapq", "_hmac",
    "_imp", "_io", "_json", "_locale", "_lsprof", "_lzma", "_md5", "_multibytecodec", "_opcode",
    "_operator", "_pickle", "_posixsubprocess", "_pyodide_core", "_queue", "_random",
    "_remote_debugging", "_sha1", "_sha2", "_sha3", "_signal", "_socket", "_sqlite3", "_sre", "_stat",
    "_statistics", "_string", "_struct", "_suggestions", "_symtable", "_sysconfig", "_thread",
    "_tokenize", "_tracemalloc", "_types", "_typing", "_warnings", "_weakref", "_zoneinfo", "_zstd",
    "array", "atexit", "binascii", "builtins", "cmath", "errno", "faulthandler", "fcntl", "gc",
    "itertools", "marshal", "math", "mmap", "posix", "pyexpat", "select", "sys", "termios", "time",
    "unicodedata", "zlib",
})
# Frozen into the runtime or provided by the JavaScript side (not in sys.builtin_module_names).
PYODIDE_PROVIDED = frozenset({"_frozen_importlib", "_frozen_importlib_external", "zipimport", "js",
                              "pyodide_js", "__main__"})
# Modules that exist only as entries in sys.modules, set by their parent package.
# (six.moves.* is a virtual package six builds at import time.)
ALIASES = {"collections.abc": "_collections_abc", "os.path": "posixpath", "six.moves": "six"}
OWN_PACKAGE = "koensbalance"
ENTRY = "koensbalance.bridge"


class MissingModule(Exception):
    """An import the trimmed standard library (or the shipped wheels) cannot satisfy."""


@dataclass(frozen=True)
class Import:
    module: str       # absolute dotted name as written (`import a.b` -> "a.b")
    names: tuple[str, ...]  # `from module import names` (submodules, maybe)
    eager: bool       # runs when the importing module is imported (module level, not in a function)
    guarded: bool     # inside try/except ImportError (or a broader except): optional by design
    line: int


@dataclass
class Source:
    """Every importable module: name -> (is_package, source text), from the zip and the wheels."""

    modules: dict[str, tuple[bool, str]] = field(default_factory=dict)
    stdlib: set[str] = field(default_factory=set)

    def add_zip(self, data: bytes, *, stdlib: bool) -> None:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for name in archive.namelist():
                module = _module_name(name)
                if module is None:
                    continue
                dotted, is_package = module
                self.modules[dotted] = (is_package, archive.read(name).decode("utf-8", "replace"))
                if stdlib:
                    self.stdlib.add(dotted)

    def exists(self, dotted: str) -> bool:
        return dotted in self.modules


def _module_name(member: str) -> tuple[str, bool] | None:
    path = PurePosixPath(member)
    if path.suffix != ".py" or any(".dist-info" in p or ".data" in p for p in path.parts):
        return None
    parts = list(path.with_suffix("").parts)
    is_package = parts[-1] == "__init__"
    if is_package:
        parts = parts[:-1]
    if not parts or not all(p.replace("-", "_").isidentifier() or p.startswith("_sysconfigdata")
                            for p in parts):
        return None
    return ".".join(parts), is_package


_GUARD_EXCEPTIONS = {"ImportError", "ModuleNotFoundError", "Exception", "BaseException"}


def _guards(handler: ast.ExceptHandler) -> bool:
    if handler.type is None:
        return True
    types = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
    return any(isinstance(t, ast.Name) and t.id in _GUARD_EXCEPTIONS or
               isinstance(t, ast.Attribute) and t.attr in _GUARD_EXCEPTIONS for t in types)


def imports(source: str, module: str, is_package: bool) -> list[Import]:
    """Every import statement in `source` (the module `module`), with relative names resolved."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return []
    found: list[Import] = []
    package = module if is_package else module.rpartition(".")[0]

    def visit(node: ast.AST, eager: bool, guarded: bool) -> None:  # noqa: C901
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            for child in node.orelse:
                visit(child, eager, guarded)
            return
        if isinstance(node, ast.If):  # platform branches (`if os.name == "nt": import nt`)
            for branch in ast.iter_child_nodes(node):
                visit(branch, eager, True)
            return
        if isinstance(node, ast.Try | ast.TryStar):
            guard = guarded or any(_guards(h) for h in node.handlers)
            for child in node.body:
                visit(child, eager, guard)
            for handler in node.handlers:  # a fallback runs only when the body failed
                visit(handler, eager, True)
            for part in (node.orelse, node.finalbody):
                for child in part:
                    visit(child, eager, guarded)
            return
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            eager = False
        if isinstance(node, ast.Import):
            for alias in node.names:
                found.append(Import(alias.name, (), eager, guarded, node.lineno))
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".") if package else []
                anchor = anchor[:len(anchor) - (node.level - 1)] if node.level > 1 else anchor
                base = ".".join([*anchor, base] if base else anchor)
            if base:
                names = tuple(a.name for a in node.names if a.name != "*")
                found.append(Import(base, names, eager, guarded, node.lineno))
        for inner in ast.iter_child_nodes(node):
            visit(inner, eager, guarded)

    visit(tree, True, False)
    return found


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or \
        (isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _alias(dotted: str) -> str:
    for name, real in ALIASES.items():
        if dotted == name or dotted.startswith(name + "."):
            return real
    return dotted


def _dropped(dotted: str) -> bool:
    parts = dotted.split(".")
    return any(".".join(parts[:i]) in DROPPED for i in range(1, len(parts) + 1))


def _known_elsewhere(dotted: str) -> bool:
    top = dotted.split(".")[0]
    return top in PYODIDE_BUILTINS or top in PYODIDE_PROVIDED


@dataclass
class Reach:
    keep: set[str]            # modules (dotted) to keep from the zip and wheels
    certain: set[str]         # of those, the ones surely imported (their imports all resolved)
    tolerated: list[str]      # lazy or guarded imports of dropped/missing modules (not an error)


def reachable(source: Source, roots: Iterable[str]) -> Reach:
    """Modules reachable from `roots`; raises MissingModule for an import that would fail.

    A module is *certain* when it is surely imported: a root, or reached from a certain module by an
    unguarded import that runs (module level, or anywhere in our own package). Only a certain
    module's imports must resolve; the rest is kept in case, but may fail as it does everywhere."""
    missing_roots = [r for r in roots if not source.exists(r) and not _known_elsewhere(r)]
    if missing_roots:
        raise MissingModule(f"startmodulet {missing_roots[0]} findes ikke")
    certain: set[str] = set()
    seen: set[str] = set()
    tolerated: list[str] = []
    todo = [(r, True) for r in roots if source.exists(r)]
    while todo:
        module, sure = todo.pop()
        if module in certain or (module in seen and not sure):
            continue
        seen.add(module)
        if sure:
            certain.add(module)
        # importing a.b.c imports a and a.b first
        parts = module.split(".")
        todo += [(".".join(parts[:i]), sure) for i in range(1, len(parts))
                 if source.exists(".".join(parts[:i]))]
        is_package, text = source.modules[module]
        own = module == OWN_PACKAGE or module.startswith(OWN_PACKAGE + ".")
        for imp in imports(text, module, is_package):
            strict = sure and not imp.guarded and (imp.eager or own)
            targets = [imp.module] + [f"{imp.module}.{n}" for n in imp.names
                                      if source.exists(f"{imp.module}.{n}")]
            for target in targets:
                target = _alias(target)
                if source.exists(target) and not _dropped(target):
                    todo.append((target, strict))
                    continue
                if not source.exists(target) and _known_elsewhere(target):
                    continue
                if strict:
                    why = "er fjernet fra" if _dropped(target) else "findes ikke i"
                    raise MissingModule(f"{module} (linje {imp.line}) importerer {target}, som {why} "
                                        "browserens Python-standardbibliotek")
                tolerated.append(f"{module}:{imp.line} -> {target}")
    return Reach(seen, certain, tolerated)


def _codec_key(text: str) -> str:
    return text.strip().lower().replace("-", "_").replace(" ", "_")


def named_codecs(source: Source, modules: Iterable[str]) -> set[str]:
    """encodings.* modules named (directly or by an alias in encodings.aliases) by a string literal
    in one of `modules`."""
    available = {m.split(".", 1)[1] for m in source.stdlib if m.startswith("encodings.")}
    aliases: dict[str, str] = {}
    if source.exists("encodings.aliases"):
        for node in ast.walk(ast.parse(source.modules["encodings.aliases"][1])):
            if isinstance(node, ast.Dict):
                for key, value in zip(node.keys, node.values, strict=True):
                    if isinstance(key, ast.Constant) and isinstance(value, ast.Constant):
                        aliases[str(key.value)] = str(value.value)
    found: set[str] = set()
    for module in modules:
        try:
            tree = ast.parse(source.modules[module][1])
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and len(node.value) < 30:
                key = _codec_key(node.value)
                codec = aliases.get(key, key)
                if codec in available and not _dropped(f"encodings.{codec}"):
                    found.add(f"encodings.{codec}")
    return found


def wheel_sources(wheels: Iterable[Path]) -> Source:
    source = Source()
    for wheel in wheels:
        source.add_zip(wheel.read_bytes(), stdlib=False)
    return source


def later_modules(source: Source, module: str = ENTRY) -> list[str]:
    """The modules named in `module`'s `LATER = {name: (module, function), ...}` table (the bridge's
    calls imported at first use), read from its source: each is a root of the trimming."""
    if not source.exists(module):
        return []
    found: list[str] = []
    for node in ast.walk(ast.parse(source.modules[module][1])):
        if isinstance(node, ast.AnnAssign):
            target, value = node.target, node.value
        elif isinstance(node, ast.Assign) and len(node.targets) == 1:
            target, value = node.targets[0], node.value
        else:
            continue
        if not (isinstance(target, ast.Name) and target.id == "LATER" and isinstance(value, ast.Dict)):
            continue
        for entry in value.values:
            if isinstance(entry, ast.Tuple) and entry.elts and isinstance(entry.elts[0], ast.Constant):
                found.append(str(entry.elts[0].value))
    return sorted(set(found))


def trim(stdlib_zip: bytes, wheels: Iterable[Path], roots: Iterable[str] = (ENTRY,)
         ) -> tuple[bytes, Reach]:
    """The trimmed python_stdlib.zip (stored, not deflated: the server's brotli compresses it far
    better than zip's deflate) and what was reached. Raises MissingModule."""
    source = wheel_sources(wheels)
    source.add_zip(stdlib_zip, stdlib=True)
    codecs = [f"encodings.{c}" for c in CODECS if source.exists(f"encodings.{c}")]
    own = sorted(m for m in source.stdlib if m.split(".")[0] in PYODIDE_PACKAGES and not _dropped(m))
    roots = list(roots)
    later = [m for r in roots for m in later_modules(source, r)]
    start = [*PYODIDE_ROOTS, *own, *codecs, *roots, *later]
    reach = reachable(source, start)
    named = sorted(named_codecs(source, reach.keep) - reach.keep)
    if named:
        reach = reachable(source, [*start, *named])
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(stdlib_zip)) as full, \
            zipfile.ZipFile(out, "w", compression=zipfile.ZIP_STORED) as trimmed:
        for info in full.infolist():
            module = _module_name(info.filename)
            if module is not None and module[0] in reach.keep:
                copy = zipfile.ZipInfo(info.filename, date_time=info.date_time)
                copy.external_attr = info.external_attr
                trimmed.writestr(copy, full.read(info))
    return out.getvalue(), reach
