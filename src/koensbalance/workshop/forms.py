"""Fillable forms made from two templates in Ligestillingsvurdering (2015), »Værktøjer til arbejdet med
ligestillingsvurdering«: the example project plan of an action learning project and the idea for a
logbook of conversations with citizens (catalogue/workshop/formularer.yaml).

A form adds no fields of its own: its fields are the template's points, word for word and in the
source's order (the catalogue check, koensbalance.catalogue.data_checks, holds the data file to
that). This module reads filled-in values (from the page, the browser's storage or a saved file)
and makes the Markdown to copy and the JSON file; the page calls it through koensbalance.bridge,
the build renders the blank form with it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from koensbalance import portable
from koensbalance.errors import FieldError, InputError
from koensbalance.text import fold_whitespace

DATA_KEY = "workshop/formularer"
FILE_FORMAT = "koensbalance-formular"
FILE_VERSION = 1
MAX_VALUE = 5000  # characters per field
MAX_ENTRIES = 200  # conversations in one logbook
MAX_FILE_CHARS = 2_000_000
EMPTY = "_(ikke udfyldt)_"

Filled = tuple[dict[str, str], ...]  # one {field id: text} per entry; a single form has one


class FieldKind(StrEnum):
    LINE = "linje"  # one line
    TEXT = "tekst"  # a longer text


@dataclass(frozen=True)
class FormField:
    id: str  # key in storage and saved files
    label: str  # the template's point, word for word
    kind: FieldKind


@dataclass(frozen=True)
class Form:
    id: str
    title: str
    source: str  # source document id
    source_name: str  # its short name, for the Markdown's citation
    section: str
    entry: str  # catalogue entry whose template this is
    template: str  # title of that template (the entry's skabeloner[].titel)
    fields: tuple[FormField, ...]
    repeat: str = ""  # "Samtale": filled in once per conversation, numbered

    @property
    def repeatable(self) -> bool:
        return bool(self.repeat)

    @classmethod
    def from_data(cls, data: Mapping[str, Any], source_name: str) -> Form:
        """A form of the data file (validated by catalogue/schema/formularer.schema.json)."""
        fields = tuple(FormField(f["id"], f["punkt"], FieldKind(f["felt"])) for f in data["felter"])
        return cls(id=data["id"], title=data["titel"], source=data["kilde"]["dokument"],
                   source_name=source_name, section=data["kilde"]["afsnit"], entry=data["post"],
                   template=data["skabelon"], fields=fields, repeat=data.get("gentages", ""))

    def to_config(self) -> dict[str, Any]:
        """The form as the page embeds it (the data file's shape plus the source's name)."""
        return {"id": self.id, "titel": self.title,
                "kilde": {"dokument": self.source, "afsnit": self.section},
                "kilde_navn": self.source_name, "post": self.entry, "skabelon": self.template,
                "gentages": self.repeat,
                "felter": [{"id": f.id, "punkt": f.label, "felt": f.kind.value} for f in self.fields]}

    @classmethod
    def from_config(cls, config: object) -> Form:
        if not isinstance(config, Mapping):
            raise InputError([FieldError("formular", "Formularen kan ikke læses.")])
        try:
            return cls.from_data(config, str(config["kilde_navn"]))
        except (KeyError, TypeError, ValueError):
            raise InputError([FieldError("formular", "Formularen kan ikke læses.")]) from None

    def entry_label(self, index: int) -> str:
        """'Samtale 2' for the second entry of a repeated form."""
        return f"{self.repeat} {index + 1}"

    def blank(self) -> Filled:
        return ({f.id: "" for f in self.fields},)


def load_forms(data: Mapping[str, Any], source_names: Mapping[str, str]) -> tuple[Form, ...]:
    """All forms of the data file, in its order; source_names maps source ids to short names."""
    return tuple(Form.from_data(item, source_names[item["kilde"]["dokument"]])
                 for item in data["formularer"])


# ---- filled-in values -----------------------------------------------------------------------------

def _where(form: Form, index: int) -> str:
    return f"{form.entry_label(index)}: " if form.repeatable else ""


def parse_filled(form: Form, raw: object) -> Filled:
    """Validate filled-in values: a list of {field id: text}, one per entry (exactly one for a
    single form). InputError lists every problem in Danish."""
    if not isinstance(raw, list) or not raw:
        raise InputError([FieldError("poster", "Der er ingen udfyldte felter at læse.")])
    if not form.repeatable and len(raw) != 1:
        raise InputError([FieldError("poster", f"»{form.title}« udfyldes én gang, ikke {len(raw)}.")])
    if len(raw) > MAX_ENTRIES:
        raise InputError([FieldError("poster", f"Der må højst være {MAX_ENTRIES} afsnit "
                                               f"({form.entry_label(0)}–{MAX_ENTRIES}).")])
    labels = {f.id: f.label for f in form.fields}
    errors: list[FieldError] = []
    filled: list[dict[str, str]] = []
    for index, item in enumerate(raw):
        where = _where(form, index)
        if not isinstance(item, Mapping):
            errors.append(FieldError(f"poster.{index}", f"{where}Felterne kan ikke læses."))
            continue
        for key in item:
            if key not in labels:
                errors.append(FieldError(f"poster.{index}", f"{where}Feltet »{key}« findes ikke i "
                                                            f"skabelonen."))
        values: dict[str, str] = {}
        for field_id, label in labels.items():
            value = item.get(field_id, "")
            name = f"poster.{index}.{field_id}"
            if value is None:
                value = ""
            if not isinstance(value, str):
                errors.append(FieldError(name, f"{where}»{label}« skal være en tekst."))
            elif len(value) > MAX_VALUE:
                errors.append(FieldError(name, f"{where}»{label}« må højst være {MAX_VALUE} tegn."))
            else:
                values[field_id] = value.replace("\r\n", "\n").replace("\r", "\n")
        filled.append(values)
    if errors:
        raise InputError(errors)
    return tuple(filled)


# ---- outputs ------------------------------------------------------------------------------------

def _md_heading(text: str) -> str:
    return fold_whitespace(text).replace("\\", "\\\\").replace("#", "\\#")


def _md_text(text: str) -> str:
    """The user's text as Markdown: its line breaks kept (hard breaks), and no line of it can start
    a heading and so break the document's structure. Lists and emphasis stay as written."""
    if not text.strip():
        return EMPTY
    lines = [line.rstrip() for line in text.strip("\n").split("\n")]
    out = []
    for index, line in enumerate(lines):
        stripped = line.lstrip()
        if stripped.startswith("#"):
            line = line[: len(line) - len(stripped)] + "\\" + stripped
        following = index + 1 < len(lines) and lines[index + 1].strip()
        out.append(line + "  " if line.strip() and following else line)
    return "\n".join(out)


def markdown(form: Form, filled: Filled) -> str:
    """The filled-in form as Markdown: one heading per template point, the values below."""
    out = [f"# {_md_heading(form.title)}", ""]
    level = "###" if form.repeatable else "##"
    for index, values in enumerate(filled):
        if form.repeatable:
            out += [f"## {form.entry_label(index)}", ""]
        for field in form.fields:
            out += [f"{level} {_md_heading(field.label)}", "", _md_text(values.get(field.id, "")), ""]
    out.append(f"_Skabelon: »{_md_heading(form.template)}« fra {form.source_name}, {form.section}._")
    return "\n".join(out) + "\n"


def export_file(form: Form, filled: Filled) -> str:
    """The JSON file of 'Gem som fil'."""
    return portable.write_file(FILE_FORMAT, FILE_VERSION,
                               {"formular": form.id, "poster": [dict(values) for values in filled]})


def import_file(form: Form, text: object) -> Filled:
    """Read a file made by export_file for this form; InputError with a Danish message otherwise."""
    document = portable.read_file(
        text, FILE_FORMAT, FILE_VERSION, MAX_FILE_CHARS, "fil",
        f"Filen er ikke en gemt »{form.title}« fra dette site.",
        "Filen er fra en anden version af formularen og kan ikke læses.")
    if document.get("formular") != form.id:
        raise InputError([FieldError("fil", f"Filen hører til en anden formular end »{form.title}« og "
                                            "kan ikke åbnes her.")])
    try:
        return parse_filled(form, document.get("poster"))
    except InputError as exc:
        message = f"Filen kan ikke åbnes: {portable.first_message(exc)}"
        raise InputError([FieldError("fil", message)]) from None


# ---- bridge handlers: JSON-shaped payload in, plain values out -------------------------------------

def handle_markdown(payload: Mapping[str, Any]) -> dict[str, Any]:
    form = Form.from_config(payload.get("formular"))
    return {"markdown": markdown(form, parse_filled(form, payload.get("poster")))}


def handle_export(payload: Mapping[str, Any]) -> dict[str, Any]:
    form = Form.from_config(payload.get("formular"))
    return {"text": export_file(form, parse_filled(form, payload.get("poster"))),
            "filename": f"{form.id}.json", "mime": "application/json"}


def handle_import(payload: Mapping[str, Any]) -> dict[str, Any]:
    form = Form.from_config(payload.get("formular"))
    return {"poster": list(import_file(form, payload.get("text")))}
