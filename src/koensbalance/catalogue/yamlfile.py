"""Parse one YAML file into plain data plus a map from field path to line number.

Build-time only (imports PyYAML). Dates stay strings, duplicate keys are problems, and YAML's
English syntax errors are put into words an editor can act on. Hostile input is refused before it
can hurt: files over MAX_BYTES, text that is not UTF-8, control characters, nesting deeper than
MAX_DEPTH, more than MAX_NODES values (counting what aliases expand to, so an alias bomb is cheap to
refuse) and numbers longer than MAX_NUMBER_CHARS. Every outcome is data, never an exception.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from koensbalance.catalogue.problems import shown

Path_ = tuple[str | int, ...]
MAX_BYTES = 512 * 1024
MAX_DEPTH = 20  # lists and groups inside each other; the catalogue uses at most 5
MAX_NODES = 20_000  # values in one file after expanding aliases; the largest file has under 800
MAX_NUMBER_CHARS = 30  # a number longer than this is a mistake (and huge ones are slow to convert)

_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when available: much faster

# What YAML accepts in a file (PyYAML's reader, YAML 1.1 "printable"); anything else is refused.
_NOT_PRINTABLE = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_CHAR_NAMES = {0x00: "NUL", 0x08: "tilbage-tegn", 0x0B: "lodret tabulator", 0x0C: "sideskift",
               0x1B: "ESC", 0x7F: "DEL"}
_WIDE_BOMS = ((codecs.BOM_UTF32_LE, "UTF-32"), (codecs.BOM_UTF32_BE, "UTF-32"),
              (codecs.BOM_UTF16_LE, "UTF-16"), (codecs.BOM_UTF16_BE, "UTF-16"))
_KEY_TAGS = ("tag:yaml.org,2002:str", "tag:yaml.org,2002:merge")  # field names; '<<' merges
_SAVE_AS_UTF8 = "gem den igen med tegnsæt UTF-8 i din editor"


class _Refused(Exception):
    """Input the loader will not process further, with the line and the Danish reason."""

    def __init__(self, line: int | None, message: str) -> None:
        super().__init__(message)
        self.line, self.message = line, message


class _Loader(_Base):  # type: ignore[misc, valid-type]
    """SafeLoader that keeps dates as text (a schema says 'tekst', and the source says '2023') and
    refuses over-long numbers (Python's int() of 5,000 digits raises; a base-60 one takes minutes)."""


_Loader.yaml_implicit_resolvers = {
    key: [r for r in resolvers if r[0] != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _short_number(construct: Any) -> Any:
    def checked(loader: Any, node: yaml.ScalarNode) -> Any:
        if len(str(node.value)) > MAX_NUMBER_CHARS:
            raise _Refused(node.start_mark.line + 1, f"et tal er længere end {MAX_NUMBER_CHARS} tegn "
                           "– sæt det i anførselstegn, hvis det er en tekst")
        return construct(loader, node)
    return checked


_Loader.add_constructor("tag:yaml.org,2002:int", _short_number(yaml.SafeLoader.construct_yaml_int))
_Loader.add_constructor("tag:yaml.org,2002:float", _short_number(yaml.SafeLoader.construct_yaml_float))

# (words in PyYAML's or libyaml's English message, what to tell the editor); the first match wins.
_SYNTAX_HINTS = (
    ("'\\t'", "der er brugt tabulator-tegn; ryk ind med mellemrum"),
    ("tab character", "der er brugt tabulator-tegn; ryk ind med mellemrum"),
    ("mapping values are not allowed", "et kolon står et sted, hvor det ikke må – sæt teksten i "
     "anførselstegn, hvis den selv indeholder ': '"),
    ("cannot start any token", "en linje begynder med et tegn, YAML ikke tillader her (fx tabulator, "
     "@ eller `) – sæt teksten i anførselstegn"),
    ("could not find expected ':'", "der mangler et kolon efter et feltnavn"),
    ("expected key", "indrykningen passer ikke – felter på samme niveau skal stå lige under hinanden"),
    ("expected <block end>", "indrykningen passer ikke – felter på samme niveau skal stå lige under "
     "hinanden"),
    ("expected '-' indicator", "et punkt i en liste mangler sin bindestreg, eller indrykningen passer "
     "ikke"),
    ("',' or ']'", "en liste i [ ] er ikke lukket – mangler der et ] eller et komma?"),
    ("',' or '}'", "en gruppe i { } er ikke lukket – mangler der et } eller et komma?"),
    ("unexpected end of stream", "filen slutter midt i en tekst – mangler et afsluttende "
     "anførselstegn?"),
    ("undefined alias", "der henvises til et YAML-alias (*navn), som ikke findes"),
    ("duplicate anchor", "det samme YAML-anker (&navn) står to gange – giv dem hvert sit navn"),
    ("another document", "filen har flere YAML-dokumenter (adskilt af ---) – en fil må kun have ét"),
    ("could not determine a constructor", "et YAML-mærke (!navn) står i filen; kataloget bruger ikke "
     "mærker – fjern det, eller sæt teksten i anførselstegn"),
    ("unhashable key", "et feltnavn er en liste eller en gruppe – feltnavne skal være tekst"),
    ("for merging", "'<<' (YAML-fletning) skal efterfølges af et alias til en gruppe af felter"),
    ("escape", "en tekst i dobbelte anførselstegn har en ukendt \\-kode – skriv \\\\ for en "
     "omvendt skråstreg, eller brug enkelte anførselstegn"),
    ("directive", "en linje begynder med %, som YAML læser som et direktiv – sæt teksten i "
     "anførselstegn"),
    ("indentation indicator", "en blok-tekst (| eller >) har et ugyldigt tal efter | eller >"),
    *((word, "et YAML-anker eller -alias (&navn, *navn) har et ugyldigt navn – sæt teksten i "
       "anførselstegn, hvis & eller * skal stå i den") for word in ("anchor", "alias")),
)
_UNKNOWN_SYNTAX = ("filen kan ikke læses her – tjek indrykning, kolon, bindestreger og anførselstegn "
                   "omkring linjen")


@dataclass
class ParsedFile:
    data: Any = None
    lines: dict[Path_, int] = field(default_factory=dict)
    problems: list[tuple[int | None, str]] = field(default_factory=list)  # (line, message)


def too_big(size: int) -> str:
    return (f"filen er for stor ({size // 1024} kB; højst {MAX_BYTES // 1024} kB) – del den op i "
            "flere poster")


def parse(raw: bytes) -> ParsedFile:
    """Never raises: whatever the bytes are, the result holds data or problems (Danish, placed)."""
    result = ParsedFile()
    try:
        if len(raw) > MAX_BYTES:
            raise _Refused(None, too_big(len(raw)))
        _parse(_text(raw), result)
    except _Refused as refused:
        return ParsedFile(problems=[(refused.line, refused.message)])
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        return ParsedFile(problems=[(mark.line + 1 if mark else None, _syntax_message(exc))])
    except Exception:  # noqa: BLE001 - a last guard: an editor sees a line, never a traceback
        return ParsedFile(problems=[(None, "YAML-syntaksfejl: filen kan ikke læses – tjek indrykning, "
                                           "kolon, bindestreger og anførselstegn")])
    if result.data is None and not result.problems:
        result.problems.append((None, "filen er tom – den skal indeholde en post"))
    return result


def _text(raw: bytes) -> str:
    """The file's text; refuses other encodings than UTF-8 (a UTF-8 BOM is harmless and dropped)."""
    wide = next((name for bom, name in _WIDE_BOMS if raw.startswith(bom)), None)
    if wide is None and raw.count(b"\x00") * 4 > len(raw) > 0:
        wide = "UTF-16"
    if wide:
        raise _Refused(1, f"filen er gemt som {wide} – {_SAVE_AS_UTF8}")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        if exc.end >= len(raw) and exc.reason == "unexpected end of data":
            raise _Refused(line, "filen slutter midt i et tegn – er den blevet afkortet? Gem den "
                                 "igen med tegnsæt UTF-8") from None
        raise _Refused(line, f"filen er ikke gemt som UTF-8 – {_SAVE_AS_UTF8}") from None
    bad = _NOT_PRINTABLE.search(text)
    if bad:
        code = ord(bad.group())
        name = f"U+{code:04X}" + (f" ({_CHAR_NAMES[code]})" if code in _CHAR_NAMES else "")
        raise _Refused(text.count("\n", 0, bad.start()) + 1,
                       f"filen indeholder kontroltegnet {name}, som ikke må stå i en YAML-fil – slet "
                       "det (det kommer ofte med, når tekst kopieres fra et andet program)")
    return text


def _parse(text: str, result: ParsedFile) -> None:
    _check_shape(text)  # first, cheaply: the composer recurses and aliases multiply
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is not None:
            _walk(node, (), result)
            result.data = loader.construct_document(node)  # safe: a SafeLoader subclass
    finally:
        loader.dispose()


def _check_shape(text: str) -> None:
    """Walk the event stream once (no recursion, aliases counted, not expanded): refuse nesting
    deeper than MAX_DEPTH and more than MAX_NODES values, with the line where the limit was passed."""
    loader = _Loader(text)
    # One frame per open list or group: [anchor, values so far, deepest nesting below it].
    frames: list[list[Any]] = [[None, 0, 0]]
    anchors: dict[str, tuple[int, int]] = {}  # anchor -> (values, nesting) of what it names
    total, aliased = 0, False
    try:
        while loader.check_event():
            event = loader.get_event()
            line = event.start_mark.line + 1
            if isinstance(event, yaml.AliasEvent):
                aliased = True
                count, depth = anchors.get(str(event.anchor), (1, 0))
            elif isinstance(event, yaml.ScalarEvent):
                count, depth = 1, 0
            elif isinstance(event, yaml.CollectionStartEvent):
                if len(frames) > MAX_DEPTH:
                    raise _Refused(line, f"lister og felter står inden i hinanden i mere end {MAX_DEPTH} "
                                         "niveauer – kataloget bruger kun få; tjek indrykning og [ ]")
                frames.append([event.anchor, 1, 1])
                total += 1
                continue
            elif isinstance(event, yaml.CollectionEndEvent):
                anchor, count, depth = frames.pop()
                if anchor is not None:
                    anchors[str(anchor)] = (count, depth)
                frames[-1][1] += count
                frames[-1][2] = max(frames[-1][2], depth + 1)
                continue
            else:
                continue
            if isinstance(event, yaml.ScalarEvent) and event.anchor is not None:
                anchors[str(event.anchor)] = (1, 0)
            total += count
            frames[-1][1] += count
            frames[-1][2] = max(frames[-1][2], depth)
            if total > MAX_NODES:
                raise _Refused(line, _too_many(aliased))
            if len(frames) - 1 + depth > MAX_DEPTH:
                raise _Refused(line, f"et YAML-alias (*navn) giver lister og felter inden i hinanden "
                                     f"i mere end {MAX_DEPTH} niveauer")
        if total > MAX_NODES:
            raise _Refused(None, _too_many(aliased))
    finally:
        loader.dispose()


def _too_many(aliased: bool) -> str:
    if aliased:
        return (f"YAML-aliasserne (*navn) udfolder filen til mere end {MAX_NODES:,} værdier – skriv "
                "værdierne ud i stedet for at henvise til dem").replace(",", ".")
    return (f"filen har mere end {MAX_NODES:,} værdier – del den op i flere filer").replace(",", ".")


def _syntax_message(exc: yaml.MarkedYAMLError) -> str:
    words = f"{exc.context or ''} {exc.problem or ''}"
    hint = next((h for key, h in _SYNTAX_HINTS if key in words), _UNKNOWN_SYNTAX)
    return f"YAML-syntaksfejl: {hint}"


def _walk(node: yaml.Node, path: Path_, result: ParsedFile) -> None:
    result.lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = str(key_node.value)
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in _KEY_TAGS:
                result.problems.append((key_node.start_mark.line + 1,
                                        f"feltnavnet '{shown(key)}' skal være en tekst – sæt det i "
                                        "anførselstegn"))
            elif key in seen:
                result.problems.append((key_node.start_mark.line + 1,
                                        f"feltet '{shown(key)}' står to gange – slet det ene"))
            seen.add(key)
            result.lines[(*path, key)] = key_node.start_mark.line + 1
            _walk(value_node, (*path, key), result)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, (*path, index), result)
