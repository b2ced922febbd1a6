"""Kønsbalance i ledelse: domain rules and catalogue model.

Pure Python with no I/O and no DOM: the same functions run in the site build (CPython)
and in the browser (Pyodide). Build-only helpers (YAML parsing, schema validation) import
their dependencies lazily, so the browser never needs them.
"""

__version__ = "0.1.0"
