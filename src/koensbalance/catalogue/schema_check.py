"""Validate parsed data against the catalogue's JSON Schemas and say what is wrong in Danish."""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Mapping
from typing import Any

from jsonschema import Draft7Validator, SchemaError, ValidationError
from referencing import Registry, Resource
from referencing.exceptions import Unresolvable
from referencing.jsonschema import DRAFT7

BASE = "https://koensbalance.invalid/catalogue/schema/"
TYPE_WORDS = {
    "string": "en tekst", "integer": "et helt tal", "number": "et tal", "array": "en liste",
    "object": "en gruppe af felter (navn: værdi)", "boolean": "ja eller nej (true/false)",
    "null": "tom",
}


def field_name(path: tuple[str | int, ...]) -> str:
    """('kilde', 'afsnit') -> 'kilde.afsnit'; ('trin', 2) -> 'trin[3]' (counted from 1 for editors)."""
    name = ""
    for part in path:
        name += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if name else part)
    return name


class SchemaProblem(Exception):
    """A schema that cannot be used to check a file (the message is Danish, about the schema)."""


def _sort_key(error: ValidationError) -> list[tuple[int, int | str]]:
    # A YAML mapping may have keys of several types (1:, ja:, titel:); compare them as text.
    return [(0, part) if isinstance(part, int) else (1, str(part)) for part in error.path]


class SchemaSet:
    """All schemas of the catalogue, with $ref between files resolved."""

    @staticmethod
    def problem(schema: object) -> str | None:
        """Why a parsed schema file cannot be used (Danish), or None."""
        if not isinstance(schema, dict):
            return "skemaet skal være et JSON-objekt ({ … }) øverst"
        try:
            Draft7Validator.check_schema(schema)
        except SchemaError as exc:
            where = "/".join(map(str, exc.path)) or "øverst"
            return f"skemaet er ikke et gyldigt JSON Schema (draft 7) – fejlen står ved '{where}'"
        except RecursionError:
            return "skemaet har for mange niveauer inden i hinanden"
        return None

    def __init__(self, schemas: Mapping[str, dict[str, Any]]) -> None:
        resources: list[tuple[str, Resource[Any]]] = [
            (BASE + name, DRAFT7.create_resource({**schema, "$id": BASE + name}))
            for name, schema in schemas.items()
        ]
        self._registry: Registry[Any] = Registry().with_resources(resources)
        self._validators = {
            name: Draft7Validator({**_inlined(schema, name, schemas), "$id": BASE + name},
                                  registry=self._registry)
            for name, schema in schemas.items()
        }

    def properties(self, name: str) -> tuple[str, ...]:
        """The fields a schema allows, so templates can ask for any of them (absent ones are None)."""
        return tuple(self._validators[name].schema.get("properties", {}))

    def __contains__(self, name: str) -> bool:
        return name in self._validators

    def check(self, name: str, data: Any) -> Iterator[tuple[tuple[str | int, ...], str, str]]:
        """Yield (path, field, Danish message) for every problem, parent path first. Raises
        SchemaProblem if the schema refers to something that does not exist."""
        try:
            errors = sorted(self._validators[name].iter_errors(data), key=_sort_key)
        except Unresolvable as exc:
            raise SchemaProblem(f"skemaet henviser til noget, der ikke findes ('$ref': {exc})") from None
        for error in errors:
            yield from _explain(error)


def _inlined(node: Any, file: str, schemas: Mapping[str, Any], seen: tuple[str, ...] = ()) -> Any:
    """The schema with each "$ref" to a definition (in its own or another file) replaced by the
    definition: the same checks (draft 7 ignores a $ref's siblings), without resolving a reference
    for every value checked (most of the time on a large file). Cycles and odd refs stay $refs."""
    if isinstance(node, list):
        return [_inlined(item, file, schemas, seen) for item in node]
    if not isinstance(node, dict):
        return node
    ref = node.get("$ref")
    if isinstance(ref, str) and "#" in ref:
        target_file, pointer = ref.split("#", 1)
        target_file = target_file or file
        key = f"{target_file}#{pointer}"
        target = _pointed(schemas.get(target_file), pointer)
        if target is not None and key not in seen:
            return _inlined(target, target_file, schemas, (*seen, key))
    return {k: _inlined(v, file, schemas, seen) for k, v in node.items()}


def _pointed(document: Any, pointer: str) -> Any:
    """The part of a JSON document a JSON pointer ("/$defs/id") names, or None."""
    for part in [p.replace("~1", "/").replace("~0", "~") for p in pointer.split("/")[1:]]:
        if not isinstance(document, dict) or part not in document:
            return None
        document = document[part]
    return document if isinstance(document, dict) else None


def _explain(error: ValidationError) -> Iterator[tuple[tuple[str | int, ...], str, str]]:
    path = tuple(error.absolute_path)
    kind, value, schema, instance = error.validator, error.validator_value, error.schema, error.instance
    custom = schema.get("x-fejl") if isinstance(schema, Mapping) else None
    if kind == "required":
        for name in value:
            if isinstance(instance, Mapping) and name not in instance:
                yield path, field_name((*path, name)), "mangler – feltet skal udfyldes"
        return
    if kind == "additionalProperties":
        known = sorted(schema.get("properties", {}))
        for name in instance:
            if name not in known:
                close = difflib.get_close_matches(str(name), known, n=1)
                hint = f"mente du '{close[0]}'?" if close else "kendte felter: " + ", ".join(known)
                yield path, field_name((*path, str(name))), f"er ikke et kendt felt – {hint}"
        return
    label = field_name(path) or "filen"
    if kind == "type":
        types = value if isinstance(value, list) else [value]
        words = " eller ".join(TYPE_WORDS.get(str(t), str(t)) for t in types)
        if not path:
            yield path, "", f"filen skal indeholde {words} øverst"
        else:
            yield path, label, f"skal være {words}"
    elif kind in ("pattern", "minLength"):
        if custom:
            yield path, label, custom
        else:
            yield path, label, "må ikke være tom"
    elif kind == "minItems":
        yield path, label, ("må ikke være en tom liste" if not instance
                            else f"skal have mindst {value} punkter")
    elif kind == "maxLength":
        yield path, label, f"må højst være {value} tegn lang"
    elif kind == "uniqueItems":
        yield path, label, "har den samme værdi flere gange"
    elif kind == "minimum":
        yield path, label, f"skal være mindst {value}"
    elif kind == "maximum":
        yield path, label, f"må højst være {value}"
    elif kind == "enum":
        yield path, label, "skal være en af: " + ", ".join(map(str, value))
    else:  # a keyword we do not use yet: still name the field
        yield path, label, f"er ugyldig ({error.message})"
