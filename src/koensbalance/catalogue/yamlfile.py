"""Parse one YAML file into plain data plus a map from field path to line number.

Build-time only (imports PyYAML). Dates stay strings, duplicate keys are problems, and YAML's
English syntax errors are put into words an editor can act on.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

Path_ = tuple[str | int, ...]
MAX_BYTES = 512 * 1024


_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when available: much faster


class _Loader(_Base):  # type: ignore[misc, valid-type]
    """SafeLoader that keeps dates as text (a schema says 'tekst', and the source says '2023')."""


_Loader.yaml_implicit_resolvers = {
    key: [r for r in resolvers if r[0] != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

_SYNTAX_HINTS = {
    "mapping values are not allowed": "et kolon står et sted, hvor det ikke må – sæt teksten i "
    "anførselstegn, hvis den selv indeholder ': '",
    "found a tab character": "der er brugt tabulator-tegn; ryk ind med mellemrum",
    "found character": "en linje begynder med et tegn, YAML ikke tillader her (fx tabulator, @ eller `) "
    "– sæt teksten i anførselstegn",
    "could not find expected ':'": "der mangler et kolon efter et feltnavn",
    "did not find expected key": "indrykningen passer ikke – felter på samme niveau skal stå lige "
    "under hinanden",
    "did not find expected '-' indicator": "et punkt i en liste mangler sin bindestreg, eller "
    "indrykningen passer ikke",
    "found unexpected end of stream": "filen slutter midt i en tekst – mangler et afsluttende "
    "anførselstegn?",
    "found undefined alias": "der henvises til et YAML-alias (*navn), som ikke findes",
}


@dataclass
class ParsedFile:
    data: Any = None
    lines: dict[Path_, int] = field(default_factory=dict)
    problems: list[tuple[int | None, str]] = field(default_factory=list)  # (line, message)


def parse(raw: bytes) -> ParsedFile:
    result = ParsedFile()
    if len(raw) > MAX_BYTES:
        result.problems.append((None, f"filen er for stor ({len(raw) // 1024} kB; højst "
                                      f"{MAX_BYTES // 1024} kB) – del den op i flere poster"))
        return result
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        result.problems.append((line, "filen er ikke gemt som UTF-8 – gem den igen med tegnsæt "
                                      "UTF-8 i din editor"))
        return result
    try:
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
            if node is not None:
                _walk(node, (), result)
                result.data = loader.construct_document(node)  # safe: a SafeLoader subclass
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        error_line = mark.line + 1 if mark is not None else None
        problem = (exc.problem or "").strip()
        hint = next((h for key, h in _SYNTAX_HINTS.items() if problem.startswith(key)), None)
        result.problems.append((error_line, f"YAML-syntaksfejl: {hint or problem}"))
        return result
    except yaml.YAMLError as exc:  # pragma: no cover - unmarked errors are rare
        result.problems.append((None, f"YAML-syntaksfejl: {exc}"))
        return result
    if result.data is None:
        result.problems.append((None, "filen er tom – den skal indeholde en post"))
    return result


def _walk(node: yaml.Node, path: Path_, result: ParsedFile) -> None:
    result.lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = str(key_node.value)
            if key in seen:
                result.problems.append((key_node.start_mark.line + 1,
                                        f"feltet '{key}' står to gange – slet det ene"))
            seen.add(key)
            result.lines[(*path, key)] = key_node.start_mark.line + 1
            _walk(value_node, (*path, key), result)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, (*path, index), result)
