"""Turn the catalogue's files (path -> bytes) into a validated Catalogue, or raise CatalogueError
with every problem found. Pure: the caller reads the files (see files.py). Everything under
catalogue/ is checked here, entries and data files alike (data_checks.py holds the data files'
rules); the macros only adapt what this accepted."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from pathlib import PurePosixPath
from typing import Any

from koensbalance.catalogue import data_checks, yamlfile
from koensbalance.catalogue.model import (
    TAXONOMY_FIELDS,
    TYPES_BY_FOLDER,
    Catalogue,
    Citation,
    Entry,
    EntryType,
    Source,
    Term,
)
from koensbalance.catalogue.problems import CatalogueError, Problem, shown, unknown_value
from koensbalance.catalogue.schema_check import SchemaProblem, SchemaSet, field_name

ROOT = "catalogue"
TAXONOMY_DIR = f"{ROOT}/taksonomier"
SOURCES_FILE = f"{TAXONOMY_DIR}/kilder.yaml"
BALANCE_FILE = f"{ROOT}/maaltal/balance.yaml"
# Data files (not entries) live in these folders; catalogue/<folder>/<name>.yaml is validated against
# catalogue/schema/<name>.schema.json and exposed as Catalogue.data["<folder>/<name>"].
DATA_FOLDERS = ("maaltal", "workshop", "plan", "mobilitet")
REQUIRED_FILES = [*(f"{TAXONOMY_DIR}/{name}.yaml" for name in TAXONOMY_FIELDS), SOURCES_FILE,
                  BALANCE_FILE]
# Personal contact data is never published (seeds/README.md): e-mail addresses and phone numbers.
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
# Danish numbers as written: four pairs of digits separated by spaces, eight digits in a row, either
# with a leading "+45" (not two years such as "2025 2026"). No example number here: this file ships.
PHONE = re.compile(r"(?<![\d.,])(?:\+45 ?)?(?:\d{2} \d{2} \d{2} \d{2}|\d{8})(?![\d.,])")

# The data files the site loads (their rules are in data_checks.CHECKS); a missing one is a problem.
REQUIRED_DATA = [path for path in (f"{ROOT}/{key}.yaml" for key in data_checks.CHECKS)
                 if path not in REQUIRED_FILES]
# EMAIL may only start where a run of address characters starts: on a long word without '@' a plain
# search tries every position and takes minutes.
_EMAIL_SCAN = re.compile(r"(?<![\w.+-])" + EMAIL.pattern)
_MISSING = "filen mangler – den skal findes, for at kataloget kan bygges"


class _Collector:
    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, file: str, line: int | None, message: str, entry: tuple[str, str] | None = None,
            field: str | None = None) -> None:
        etype, eid = entry if entry else (None, None)
        self.problems.append(Problem(file, line, message, etype, eid, field))


def load(files: Mapping[str, bytes], schemas: Mapping[str, bytes],
         unreadable: Mapping[str, str] | None = None) -> Catalogue:
    """Validate everything, then build the catalogue. Raises CatalogueError listing all problems.
    `unreadable`: files the caller could not read (path -> Danish reason), reported once each."""
    out = _Collector()
    unreadable = unreadable or {}
    for path, reason in unreadable.items():
        out.add(path, None, reason)
    schema_set = _schemas(schemas, out)
    if any(PurePosixPath(p).suffix == ".json" for p in unreadable):
        schema_set = None
    for required in (*REQUIRED_FILES, *REQUIRED_DATA):
        if required not in files and required not in unreadable:
            out.add(required, None, _MISSING)
    parsed = _parse_all(files, out)
    failed = set(unreadable) | (set(files) - set(parsed))
    if schema_set is None:
        raise CatalogueError(out.problems)

    taxonomies = {name: _taxonomy(parsed, f"{TAXONOMY_DIR}/{name}.yaml", "taksonomi.schema.json",
                                  schema_set, out) for name in TAXONOMY_FIELDS}
    source_terms = _taxonomy(parsed, SOURCES_FILE, "kilder.schema.json", schema_set, out)
    records = _entries(parsed, schema_set, out)
    known = data_checks.Known(
        entries={r.id: (r.etype.name, r.data) for r in records},
        unreadable={PurePosixPath(p).stem: p for p in sorted(failed) if _entry_type(p)},
        sources=frozenset(t.id for t in source_terms),
        invalid=frozenset(r.id for r in records if not r.valid))
    data = _data_files(parsed, schema_set, known, out)
    _check_references(records, taxonomies, known, out)
    labels = {r.path: r.label for r in records}
    for path, result in parsed.items():
        _check_personal_data(path, result, out, labels.get(path))
    if out.problems:
        raise CatalogueError(out.problems)
    sources = tuple(_source(d) for d in parsed[SOURCES_FILE].data["vaerdier"])
    entries = tuple(_entry(r, schema_set.properties(r.etype.schema)) for r in records)
    return Catalogue(entries=entries, taxonomies=taxonomies,
                     sources=sources, balance=data["maaltal/balance"], data=data)


def _parse_all(files: Mapping[str, bytes], out: _Collector) -> dict[str, yamlfile.ParsedFile]:
    """Every file that parses; the others are reported (once: nothing else looks into them)."""
    parsed: dict[str, yamlfile.ParsedFile] = {}
    for path in sorted(files):
        result = yamlfile.parse(files[path])
        for line, message in result.problems:
            out.add(path, line, message)
        if not result.problems:
            parsed[path] = result
    return parsed


def _schemas(raw: Mapping[str, bytes], out: _Collector) -> SchemaSet | None:
    """The schemas, or None (after saying why) if one of them cannot be used."""
    before = len(out.problems)
    loaded: dict[str, dict[str, Any]] = {}
    for name, content in raw.items():
        path = f"{ROOT}/schema/{name}"
        if len(content) > yamlfile.MAX_BYTES:
            out.add(path, None, yamlfile.too_big(len(content)))
            continue
        try:
            schema = json.loads(content.decode("utf-8"))
        except UnicodeDecodeError as exc:
            out.add(path, content[: exc.start].count(b"\n") + 1, "skemaet er ikke gemt som UTF-8")
            continue
        except json.JSONDecodeError as exc:
            out.add(path, exc.lineno, f"skemaet er ikke gyldig JSON (fejl ved tegn {exc.colno} i linjen)")
            continue
        except RecursionError:
            out.add(path, None, "skemaet er ikke gyldig JSON (for mange niveauer inden i hinanden)")
            continue
        problem = SchemaSet.problem(schema)
        if problem:
            out.add(path, None, problem)
        else:
            loaded[name] = schema
    return None if len(out.problems) > before else SchemaSet(loaded)


def _check(path: str, schema: str, parsed: yamlfile.ParsedFile, schema_set: SchemaSet,
           out: _Collector, entry: tuple[str, str] | None = None) -> bool:
    if schema not in schema_set:
        out.add(f"{ROOT}/schema/{schema}", None, _MISSING)
        return False
    ok = True
    names: dict[str, tuple[str | int, ...]] | None = None  # field name -> path, built when needed
    try:
        for data_path, field, message in schema_set.check(schema, parsed.data):
            line = parsed.lines.get(data_path, 1)
            if field and field != field_name(data_path):  # required/unknown field: the child's line
                if names is None:
                    names = {}
                    for known_path in parsed.lines:
                        names.setdefault(field_name(known_path), known_path)
                child = names.get(field)
                line = parsed.lines.get(child, line) if child else line
            out.add(path, line, message, entry, field or None)
            ok = False
    except SchemaProblem as exc:
        out.add(f"{ROOT}/schema/{schema}", None, str(exc))
        ok = False
    return ok


def _taxonomy(parsed: Mapping[str, yamlfile.ParsedFile], path: str, schema: str,
              schema_set: SchemaSet, out: _Collector) -> tuple[Term, ...]:
    if path not in parsed or not _check(path, schema, parsed[path], schema_set, out):
        return ()
    terms: list[Term] = []
    seen: set[str] = set()
    for index, value in enumerate(parsed[path].data["vaerdier"]):
        if value["id"] in seen:
            out.add(path, parsed[path].lines.get(("vaerdier", index)),
                    f"id '{value['id']}' står to gange", field="id")
        seen.add(value["id"])
        terms.append(Term(value["id"], value["navn"], value.get("beskrivelse")))
    return tuple(terms)


def _source(data: Mapping[str, Any]) -> Source:
    return Source(id=data["id"], short_name=data["navn"], title=data["titel"],
                  publisher=data["udgiver"], year=data["aar"], subtitle=data.get("undertitel"),
                  description=data.get("beskrivelse"), year_note=data.get("aar_note"))


def _data_path(path: str, schema_set: SchemaSet) -> tuple[str, str] | None:
    """("workshop", "skabeloner") for catalogue/workshop/skabeloner.yaml: a file in a data folder, or
    in any other folder that is not an entry type's, if a schema has its name."""
    parts = PurePosixPath(path).parts
    if len(parts) != 3 or parts[0] != ROOT or parts[1] in TYPES_BY_FOLDER or path.startswith(TAXONOMY_DIR):
        return None
    stem = PurePosixPath(parts[2]).stem
    if parts[1] in DATA_FOLDERS or f"{stem}.schema.json" in schema_set:
        return parts[1], stem
    return None


def _data_files(parsed: Mapping[str, yamlfile.ParsedFile], schema_set: SchemaSet,
                known: data_checks.Known, out: _Collector) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for path, result in parsed.items():
        where = _data_path(path, schema_set)
        if where is None:
            continue
        folder, name = where
        schema = f"{name}.schema.json"
        if schema not in schema_set:
            out.add(path, None, f"der findes intet skema til filen – opret {ROOT}/schema/{schema}")
        elif _check(path, schema, result, schema_set, out):
            data_checks.check(f"{folder}/{name}", path, result, known, out.add)
            found[f"{folder}/{name}"] = result.data
    return found


def _entry_type(path: str) -> EntryType | None:
    parts = PurePosixPath(path).parts
    if len(parts) == 3 and parts[0] == ROOT and parts[2].endswith(".yaml"):
        return TYPES_BY_FOLDER.get(parts[1])
    return None


class _Record:
    """One entry file while it is checked: raw data, its type, and how to name it in messages."""

    def __init__(self, path: str, etype: EntryType, parsed: yamlfile.ParsedFile) -> None:
        self.path, self.etype, self.parsed = path, etype, parsed
        data = parsed.data if isinstance(parsed.data, Mapping) else {}
        raw_id = data.get("id")
        self.data: Mapping[str, Any] = data
        self.id = raw_id if isinstance(raw_id, str) else PurePosixPath(path).stem
        self.label = (etype.name, self.id)
        self.valid = True  # set by the schema check

    def line(self, *path: str | int) -> int | None:
        return self.parsed.lines.get(path)

    def ids(self, fieldname: str) -> list[str]:
        """The field's list of ids, ignoring anything the schema check already reported."""
        value = self.data.get(fieldname)
        return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def _entries(parsed: Mapping[str, yamlfile.ParsedFile], schema_set: SchemaSet,
             out: _Collector) -> list[_Record]:
    records: list[_Record] = []
    for path, result in parsed.items():
        if path in REQUIRED_FILES or _data_path(path, schema_set) is not None:
            continue
        etype = _entry_type(path)
        if etype is None:
            folders = ", ".join(sorted(TYPES_BY_FOLDER))
            hint = ("filen skal have endelsen .yaml" if path.endswith(".yml") else
                    f"filen ligger i en ukendt mappe – poster skal ligge i en af: {folders} "
                    f"(under {ROOT}/)")
            out.add(path, None, hint)
            continue
        record = _Record(path, etype, result)
        record.valid = _check(path, etype.schema, result, schema_set, out, record.label)
        stem = PurePosixPath(path).stem
        if isinstance(record.data.get("id"), str) and record.id != stem:
            out.add(path, record.line("id"), f"skal være det samme som filnavnet ('{stem}')",
                    record.label, "id")
        records.append(record)
    return records


def _entry(record: _Record, fields: tuple[str, ...]) -> Entry:
    data: dict[str, Any] = {name: record.data.get(name) for name in fields}  # absent ones are None
    cite: Mapping[str, Any] = data["kilde"]
    page = cite.get("side")
    return Entry(
        type=record.etype, id=data["id"], title=data["titel"], file=record.path,
        citation=Citation(cite["dokument"], cite["afsnit"], None if page is None else str(page)),
        summary=data.get("resume"),
        areas=tuple(data.get("indsatsomraader") or ()),
        target_groups=tuple(data.get("maalgrupper") or ()),
        sectors=tuple(data.get("sektorer") or ()),
        related=tuple(data.get("relaterede") or ()),
        data=data,
    )


def _check_personal_data(path: str, parsed: yamlfile.ParsedFile, out: _Collector,
                         label: tuple[str, str] | None) -> None:
    for data_path, text in data_checks.strings_in(parsed.data):
        if ("@" in text and _EMAIL_SCAN.search(text)) or PHONE.search(text):
            out.add(path, parsed.lines.get(data_path), "indeholder en e-mailadresse eller et "
                    "telefonnummer – personlige kontaktdata må ikke offentliggøres; henvis til "
                    "afdelingen i stedet", label, field_name(data_path))


def _check_references(records: list[_Record], taxonomies: Mapping[str, tuple[Term, ...]],
                      known: data_checks.Known, out: _Collector) -> None:
    first: dict[str, str] = {}
    by_id = {r.id: r for r in records}
    sources = set(known.sources)
    for record in records:
        if record.id in first:
            out.add(record.path, record.line("id"), f"findes allerede i {first[record.id]} – "
                    "id'er skal være unikke i hele kataloget", record.label, "id")
        first.setdefault(record.id, record.path)
        cite = record.data.get("kilde")
        source = cite.get("dokument") if isinstance(cite, Mapping) else None
        if isinstance(source, str) and sources and source not in sources:
            out.add(record.path, record.line("kilde", "dokument"), unknown_value(source, sources),
                    record.label, "kilde.dokument")
        for fieldname in TAXONOMY_FIELDS.values():
            terms = {t.id for t in taxonomies.get(fieldname, ())}
            for index, value in enumerate(record.ids(fieldname)):
                if terms and value not in terms:
                    out.add(record.path, record.line(fieldname, index), unknown_value(value, terms),
                            record.label, f"{fieldname}[{index + 1}]")
        for fieldname, wanted in (("relaterede", None), ("noegletal", "noegletal")):
            for index, ref in enumerate(record.ids(fieldname)):
                where, name = record.line(fieldname, index), f"{fieldname}[{index + 1}]"
                missing = data_checks.missing_entry(ref, known)
                target = by_id.get(ref)
                if missing or target is None:
                    out.add(record.path, where, missing or "", record.label, name)
                elif target is record:
                    out.add(record.path, where, "henviser til posten selv", record.label, name)
                elif wanted and target.etype.name != wanted:
                    out.add(record.path, where, f"henviser til '{shown(ref)}', som ikke er et nøgletal",
                            record.label, name)

