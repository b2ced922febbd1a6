"""Fuzzing the catalogue loader with real catalogue files, mutated the ways files go wrong: wrong
types, truncation, deep nesting, alias expansion, control characters, bad encodings, stray bytes,
huge files. Whatever the bytes, the loader answers with placed Danish lines (file, line where known,
entry, field), one per problem, and never raises anything else. A mutation that makes a file
unreadable gives exactly one line for it, and references to it say it could not be read.

Each example loads a real catalogue in memory: every data file and taxonomy, the mutated file, and
the entries these refer to (directly or through other entries), so an unmutated catalogue is clean.
Six examples of each kind of damage, derandomized so the suite is stable; raise max_examples (and
drop derandomize) locally to search further (400 random examples passed when this was written)."""

from __future__ import annotations

import codecs
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from koensbalance.catalogue import Catalogue, CatalogueError, files, loading, yamlfile
from tests.support.fixtures import ROOT

PLACED = re.compile(r"^catalogue/[^:\s]+\.(yaml|yml|json)(:\d+)?( \([^()]+ '[^\n]*'\))?: \S.*$")
# What PyYAML, libyaml or Python say in English; none of it may reach an editor.
ENGLISH = ("while scanning", "while parsing", "while constructing", "unacceptable character",
           "could not determine", "Exceeds the limit", "<unicode string>", "Traceback", "Error:")
CONTROL = [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F, *range(0x80, 0x85),
           *range(0x86, 0xA0), 0xFFFE, 0xFFFF]
ALL = {p.relative_to(ROOT).as_posix(): p.read_bytes()
       for p in sorted((ROOT / "catalogue").rglob("*.yaml"))}
SCHEMAS = {p.name: p.read_bytes() for p in sorted((ROOT / "catalogue" / "schema").glob("*.json"))}


def _referenced(catalogue: Catalogue, ids: set[str]) -> set[str]:
    """The entries `ids` name, and those they name, and so on."""
    index, seen, todo = catalogue.by_id(), set(), list(ids)
    while todo:
        entry_id = todo.pop()
        if entry_id in seen or entry_id not in index:
            continue
        seen.add(entry_id)
        entry = index[entry_id]
        todo += [*entry.related, *(entry.data.get("noegletal") or ())]
    return seen


@dataclass(frozen=True)
class Base:
    files: dict[str, bytes]  # the clean catalogue every example starts from (without the file)
    closure: dict[str, set[str]]  # file -> the entry files it needs to be checked cleanly


def _base() -> Base:
    catalogue = files.read(ROOT)
    by_file = {e.file: e for e in catalogue.entries}
    named = {v for data in catalogue.data.values() for _, v in _values(data) if isinstance(v, str)}
    core = {p for p in ALL if p not in by_file}  # taxonomies and data files
    core |= {catalogue.by_id()[i].file for i in _referenced(catalogue, named & set(catalogue.by_id()))}
    closure = {path: {catalogue.by_id()[i].file for i in _referenced(catalogue, {by_file[path].id})}
               for path in by_file}
    return Base({p: ALL[p] for p in core}, closure)


def _values(data: Any) -> list[tuple[tuple[Any, ...], Any]]:
    """Every value in parsed data with its path (containers too), in document order."""
    out: list[tuple[tuple[Any, ...], Any]] = []
    stack: list[tuple[tuple[Any, ...], Any]] = [((), data)]
    while stack:
        path, value = stack.pop()
        out.append((path, value))
        children = value.items() if isinstance(value, Mapping) else \
            enumerate(value) if isinstance(value, list) else ()
        stack += [((*path, k), v) for k, v in reversed(list(children))]
    return out


BASE = _base()


@dataclass(frozen=True)
class Mutation:
    kind: str
    path: str
    raw: bytes
    unreadable: bool = False  # the loader must refuse the file as a whole: exactly one line for it
    harmless: bool = False  # nothing may be said about the file


def _text(path: str) -> str:
    return ALL[path].decode("utf-8")


KINDS = ["wrong-type", "truncated", "deep", "aliases", "control", "encoding", "stray-bytes", "huge",
         "padded"]


@st.composite
def mutations(draw: st.DrawFn, kind: str) -> Mutation:  # noqa: C901 - one branch per kind of damage
    path = draw(st.sampled_from(sorted(ALL)))
    raw, text = ALL[path], _text(path)
    if kind == "wrong-type":
        data = yamlfile.parse(raw).data
        at, _ = draw(st.sampled_from(_values(data)[1:]))
        new = draw(st.one_of(st.integers(-10**6, 10**6), st.booleans(), st.none(), st.floats(),
                             st.lists(st.integers(0, 9), max_size=3), st.just({"x": 1}), st.just("")))
        parent = data
        for part in at[:-1]:
            parent = parent[part]
        parent[at[-1]] = new
        return Mutation(kind, path, yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode())
    if kind == "truncated":
        return Mutation(kind, path, raw[: draw(st.integers(0, len(raw) - 1))])
    if kind == "deep":
        depth = draw(st.integers(yamlfile.MAX_DEPTH, 100_000))
        flow = draw(st.booleans())
        nested = "[" * depth + "]" * depth if flow else "".join(
            "\n" + "  " * (i + 1) + "-" for i in range(min(depth, 300)))
        damaged = text.rstrip("\n") + "\ndybt: " + nested + "\n"
        return Mutation(kind, path, damaged.encode(), unreadable=True)
    if kind == "aliases":
        levels, width = draw(st.integers(6, 30)), draw(st.integers(9, 12))
        bomb = f"a0: &a0 [{', '.join(['lol'] * width)}]\n" + "".join(
            f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * width)}]\n" for i in range(1, levels))
        return Mutation(kind, path, (text.rstrip("\n") + "\n" + bomb).encode(), unreadable=True)
    if kind == "control":
        at = draw(st.integers(0, len(text)))
        char = chr(draw(st.sampled_from(CONTROL)))
        return Mutation(kind, path, (text[:at] + char + text[at:]).encode(), unreadable=True)
    if kind == "encoding":
        codec = draw(st.sampled_from(["utf-16", "utf-16-le", "utf-16-be", "utf-32", "cp1252",
                                      "latin-1"]))
        encoded = text.encode(codec, errors="replace")
        try:
            encoded.decode("utf-8")
        except UnicodeDecodeError:
            return Mutation(kind, path, encoded, unreadable=True)
        return Mutation(kind, path, encoded)  # an ASCII-only file is the same in Latin-1
    if kind == "stray-bytes":
        spots = draw(st.lists(st.tuples(st.integers(0, len(raw) - 1), st.integers(0, 255)),
                              min_size=1, max_size=5))
        damaged = bytearray(raw)
        for at, value in spots:
            damaged[at] = value
        return Mutation(kind, path, bytes(damaged))
    if kind == "huge":
        size = draw(st.integers(yamlfile.MAX_BYTES + 1, 4 * yamlfile.MAX_BYTES))
        return Mutation(kind, path, raw + b"\n#" + b"x" * (size - len(raw)), unreadable=True)
    # padded: a long comment at the end, just under the limit, changes nothing
    room = yamlfile.MAX_BYTES - len(raw) - 3
    return Mutation(kind, path, raw + b"\n#" + b"x" * draw(st.integers(0, room)) + b"\n", harmless=True)


def _catalogue_for(mutation: Mutation) -> dict[str, bytes]:
    needed = BASE.closure.get(mutation.path, set())
    return {**BASE.files, **{p: ALL[p] for p in needed}, mutation.path: mutation.raw}


def test_the_catalogue_the_examples_start_from_is_clean() -> None:
    for path in (next(iter(BASE.closure)), "catalogue/taksonomier/kilder.yaml"):
        loading.load(_catalogue_for(Mutation("none", path, ALL[path])), SCHEMAS)


@pytest.mark.parametrize("kind", KINDS)
@settings(max_examples=6, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=st.data())
def test_any_damage_gives_placed_danish_lines_and_nothing_else(kind: str, data: st.DataObject) -> None:
    mutation = data.draw(mutations(kind))
    try:
        loading.load(_catalogue_for(mutation), SCHEMAS)
        lines: list[str] = []
    except CatalogueError as exc:
        head, *lines = exc.report().split("\n")
        assert re.match(r"^Kataloget har \d+ fejl – ret dem og byg igen:$", head), head
    for line in lines:
        assert PLACED.match(line), f"{mutation.kind}: not a placed line: {line[:300]!r}"
        assert not any(word in line for word in ENGLISH), f"{mutation.kind}: English: {line[:300]!r}"
    mine = [line for line in lines if re.match(re.escape(mutation.path) + r"[: ]", line)]
    if mutation.unreadable:
        assert len(mine) == 1, f"{mutation.kind}: {mine}"
        stem = PurePosixPath(mutation.path).stem
        assert not any(f"'{stem}', som ikke findes" in line for line in lines), mutation.kind
    if mutation.harmless:
        assert mine == [], f"{mutation.kind}: {mine}"


def test_a_utf8_bom_is_harmless() -> None:
    path = "catalogue/taksonomier/kilder.yaml"
    loading.load(_catalogue_for(Mutation("bom", path, codecs.BOM_UTF8 + ALL[path])), SCHEMAS)
