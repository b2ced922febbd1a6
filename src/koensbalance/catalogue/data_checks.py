"""Rules for the data files (catalogue/<folder>/<name>.yaml that are not entries) beyond their JSON
Schemas: what they name exists (entries, sources, rules), excerpts are the entry's own words, ids are
unique, dates exist every year, forms and the sector-changer kit (catalogue/mobilitet/) are their
template point for point. Each check gets the data its schema has already accepted; the macros and
the domain package only adapt it.

A data file the site needs is in CHECKS; `python -m koensbalance.catalogue` and the build report a
missing one (a new data file: add its check here, an empty one if its schema says all)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol

from koensbalance.catalogue.problems import shown, unknown_value
from koensbalance.catalogue.yamlfile import ParsedFile

Path_ = tuple[str | int, ...]
_STEP = re.compile(r"([^.\[\]]+)|\[(\d+)\]")  # "faser[3].trin" -> faser, 3, trin


class Add(Protocol):
    def __call__(self, file: str, line: int | None, message: str, entry: tuple[str, str] | None = None,
                 field: str | None = None) -> None: ...


@dataclass(frozen=True)
class Known:
    """What a data file may name: the entries (id -> type name and data), the entry files that could
    not be read (id -> path, so a reference says so instead of "findes ikke"), the source ids, and
    the entries that failed their own schema (their content is not looked into: no second report)."""

    entries: Mapping[str, tuple[str, Mapping[str, Any]]]
    unreadable: Mapping[str, str]
    sources: frozenset[str]
    invalid: frozenset[str] = frozenset()


def strings_in(value: Any, path: Path_ = ()) -> list[tuple[Path_, str]]:
    """Every text in a value with its path, in document order."""
    if isinstance(value, str):
        return [(path, value)]
    if isinstance(value, Mapping):
        return [item for k, v in value.items() for item in strings_in(v, (*path, str(k)))]
    if isinstance(value, list):
        return [item for i, v in enumerate(value) for item in strings_in(v, (*path, i))]
    return []


def one_line(text: object) -> str:
    return " ".join(str(text).split())


def path_of(field: str) -> Path_:
    """The data path of a field as messages show it: "faser[3].trin" -> ("faser", 2, "trin")."""
    return tuple(int(number) - 1 if number else name for name, number in _STEP.findall(field))


def value_at(data: Any, field: str) -> Any:
    """The value of `field` (as path_of reads it) in data."""
    for step in path_of(field):
        data = data[step]
    return data


def missing_entry(ref: str, known: Known) -> str | None:
    """The message for a reference to an entry that is not in the catalogue, or None if it is."""
    if ref in known.entries:
        return None
    if ref in known.unreadable:
        return (f"henviser til '{shown(ref)}', som ikke kunne læses ({known.unreadable[ref]}) – ret fejlen i "
                "den fil først")
    return f"henviser til '{shown(ref)}', som ikke findes i kataloget"


class _File:
    """One data file while it is checked: its path, parsed lines, and the problem sink."""

    def __init__(self, path: str, parsed: ParsedFile, known: Known, add: Add) -> None:
        self.path, self.parsed, self.known, self._add = path, parsed, known, add

    def items(self, key: str, kind: str, id_field: str = "id") -> Iterator[tuple[_Item, Mapping[str, Any]]]:
        """The items of the list `key` (each named by its `id_field`), reporting repeated names."""
        seen: set[str] = set()
        for index, item in enumerate(self.parsed.data[key]):
            named = _Item(self, (key, index), (kind, str(item[id_field])))
            if item[id_field] in seen:
                named.add(f"står to gange – hvert punkt skal have sit eget {id_field}", id_field)
            seen.add(item[id_field])
            yield named, item


class _Item:
    """A part of a data file (an item of one of its lists, or the whole file) that problems name."""

    def __init__(self, file: _File, path: Path_, label: tuple[str, str] | None) -> None:
        self.file, self.path, self.label = file, path, label

    def add(self, message: str, field: str | None = None, *at: str | int) -> None:
        """Report on `field` (as shown), at the line of `at` (default: the field's own path)."""
        lines = self.file.parsed.lines
        where = at or (path_of(field) if field else ())
        line = lines.get((*self.path, *where), lines.get(self.path))
        self.file._add(self.file.path, line, message, self.label, field)

    def entry(self, ref: str, field: str = "post", of_type: str | None = None) -> Mapping[str, Any] | None:
        """The entry `ref` names, or None after saying what is wrong with the reference (nothing more
        to say if the entry's own file has problems: those are reported there)."""
        known = self.file.known
        problem = missing_entry(ref, known)
        if problem:
            self.add(problem, field)
            return None
        etype, data = known.entries[ref]
        if of_type and etype != of_type:
            self.add(f"henviser til '{shown(ref)}', som ikke er en {of_type}", field)
            return None
        return None if ref in known.invalid else data

    def source(self, cite: Mapping[str, Any]) -> None:
        sources = self.file.known.sources
        if sources and cite["dokument"] not in sources:
            self.add(unknown_value(cite["dokument"], sources), "kilde.dokument")

    def excerpt(self, ref: str, text: str, field: str) -> Mapping[str, Any] | None:
        """`text` (at `field`) is words of entry `ref` as they stand there (line breaks aside);
        returns the entry (None if there is none to look into)."""
        entry = self.entry(ref)
        if entry is not None and one_line(text) not in one_line(" ".join(s for _, s in strings_in(entry))):
            self.add(f"står ikke ordret i posten '{shown(ref)}' – et uddrag skal være postens egne ord",
                     field)
        return entry

    def cited_excerpt(self, item: Mapping[str, Any], text_field: str) -> None:
        """An excerpt of entry `item['post']`: the entry's own words, cited to the entry's source."""
        if "kilde" in item:
            self.source(item["kilde"])
        entry = self.excerpt(item["post"], item[text_field], text_field)
        if entry is not None and "kilde" in item and isinstance(entry.get("kilde"), Mapping) and \
                entry["kilde"].get("dokument") != item["kilde"]["dokument"]:
            self.add(f"skal være den samme kilde som postens ('{shown(entry['kilde'].get('dokument'))}')",
                     "kilde.dokument")

    def made_from_template(self, cited: Mapping[str, Any], title: str, points: list[str], points_field: str,
                           title_field: str = "skabelon") -> None:
        """`points` are the points of the template titled `title` in entry cited['post'], word for
        word (line breaks aside), none left out, none added, in the source's order; and
        cited['kilde'] cites the same source and section as the entry. (For every data file made
        from an entry's template: the forms, the sector-changer kit.)"""
        self.source(cited["kilde"])
        entry = self.entry(cited["post"])
        if entry is None:
            return
        cite, own = entry.get("kilde") or {}, cited["kilde"]
        if (cite.get("dokument"), cite.get("afsnit")) != (own["dokument"], own["afsnit"]):
            self.add(f"skal henvise til samme kilde og afsnit som posten '{shown(cited['post'])}'", "kilde")
        templates = {t["titel"]: list(t["punkter"]) for t in entry.get("skabeloner") or ()}
        wanted = templates.get(title)
        if wanted is None:
            self.add(f"posten '{shown(cited['post'])}' har ingen skabelon med titlen »{shown(title)}«",
                     title_field)
        elif list(map(one_line, points)) != list(map(one_line, wanted)):
            self.add("skal være skabelonens punkter ord for ord og i kildens rækkefølge: "
                     + "; ".join(map(str, wanted)), points_field)

    def unique(self, ids: list[str], field: str, *at: str | int) -> None:
        """The ids of a list inside this part (keys in saved files and links) are each there once."""
        twice = sorted({i for i in ids if ids.count(i) > 1})
        if twice:
            self.add("har det samme id flere gange: " + ", ".join(map(shown, twice)), field, *at)


def _checklist(file: _File) -> None:
    for item, data in file.items("punkter", "punkt"):
        item.cited_excerpt(data, "tekst")


def _reporting(file: _File) -> None:
    for item, data in file.items("datoer", "dato"):
        item.cited_excerpt(data, "tekst")
        try:
            date(2001, data["maaned"], data["dag"])  # a date every year has (2001: no leap day)
        except ValueError:
            item.add(f"{data['dag']}/{data['maaned']} er ikke en dato, der findes hvert år", "dag")


def _help_texts(file: _File) -> None:
    for item, data in file.items("hjaelp", "hjælpetekst", id_field="felt"):
        item.cited_excerpt(data, "uddrag")


def _duties(file: _File) -> None:
    data = file.parsed.data
    top = _Item(file, (), ("pligter", str(data["id"])))
    top.entry(data["grundregel"], "grundregel", of_type="regel")
    kinds = {str(kind["id"]) for _, kind in file.items("institutioner", "institution")}
    for item, duty in file.items("pligter", "pligt"):
        item.entry(duty["regel"], "regel", of_type="regel")
        for index, kind in enumerate(duty.get("institutioner") or ()):
            if kind not in kinds:
                item.add(unknown_value(kind, kinds), f"institutioner[{index + 1}]")


def _templates(file: _File) -> None:
    for item, data in file.items("skabeloner", "skabelon"):
        item.source(data["kilde"])
        item.entry(data["post"])
        low, high = data.get("deltagere_min"), data.get("deltagere_max")
        if low is not None and high is not None and low > high:
            item.add(f"er større end 'deltagere_max' ({high})", "deltagere_min")


def _form(item: _Item, form: Mapping[str, Any]) -> None:
    """A form (of workshop/formularer, or the kit's job analysis): its template's points as fields."""
    item.unique([f["id"] for f in form["felter"]], "felter")
    item.made_from_template(form, form["skabelon"], [f["punkt"] for f in form["felter"]], "felter")


def _forms(file: _File) -> None:
    for item, form in file.items("formularer", "formular"):
        _form(item, form)


def _whole(file: _File, kind: str) -> tuple[_Item, Mapping[str, Any]]:
    """A data file that is one item (named by its id), and its data."""
    data = file.parsed.data
    return _Item(file, (), (kind, str(data["id"]))), data


def _job_analysis(file: _File) -> None:
    _form(*_whole(file, "jobanalyse"))


def _expectations(file: _File) -> None:
    top, data = _whole(file, "forventningsafstemning")
    top.made_from_template(data, data["skabelon"], [t["punkt"] for t in data["emner"]], "emner")
    top.unique([t["id"] for t in data["emner"]], "emner")
    top.unique([s["id"] for s in data["sider"]], "sider")
    top.excerpt(data["post"], data["vejledning"], "vejledning")


def _conversations(file: _File) -> None:
    top, data = _whole(file, "samtaler")
    for theme in ("tidlige", "senere"):
        top.made_from_template(data, data[theme]["skabelon"], data[theme]["punkter"], f"{theme}.punkter",
                               f"{theme}.skabelon")
    for field in ("maaneder_uddrag", "spoergeramme", "undren.tekst", "forberedelse"):
        top.excerpt(data["post"], value_at(data, field), field)
    said = [int(n) for n in re.findall(r"\d+", data["maaneder_uddrag"])]
    if said != list(data["maaneder"]):
        top.add("skal være tallene i 'maaneder_uddrag' i samme rækkefølge: " + ", ".join(map(str, said)),
                "maaneder")


def _onboarding(file: _File) -> None:
    top, data = _whole(file, "forloeb")
    for number, phase in enumerate(data["faser"], start=1):
        where = f"faser[{number}]"
        top.made_from_template(data, phase["skabelon"], [s["punkt"] for s in phase["trin"]], f"{where}.trin",
                               f"{where}.skabelon")
        if "begynder" in phase:
            top.excerpt(data["post"], phase["begynder"], f"{where}.begynder")
        for step_number, step in enumerate(phase["trin"], start=1):
            for index, excerpt in enumerate(step.get("dag_uddrag") or (), start=1):
                top.excerpt(data["post"], excerpt, f"{where}.trin[{step_number}].dag_uddrag[{index}]")
    top.unique([p["id"] for p in data["faser"]], "faser")
    top.unique([s["id"] for p in data["faser"] for s in p["trin"]], "trin", "faser")  # keys across phases


def _balance(file: _File) -> None:
    data = file.parsed.data
    top = _Item(file, (), None)
    top.source(data["kilde"])
    sizes = [row["gruppestoerrelse"] for row in data["smaa_grupper"]]
    if len(set(sizes)) != len(sizes):
        top.add("har den samme gruppestørrelse flere gange", "smaa_grupper")
    for index, row in enumerate(data["smaa_grupper"]):
        if 2 * row["mindst"] > row["gruppestoerrelse"]:
            top.add("kan ikke kræve flere af det underrepræsenterede køn end halvdelen af gruppen",
                    f"smaa_grupper[{index + 1}]")


# "<folder>/<name>" of every data file the site loads -> its check (run after its schema passed).
CHECKS: dict[str, Callable[[_File], None]] = {
    "maaltal/balance": _balance,
    "maaltal/pligter": _duties,
    "maaltal/hjaelpetekster": _help_texts,
    "plan/tjekliste": _checklist,
    "plan/indberetning": _reporting,
    "workshop/skabeloner": _templates,
    "workshop/formularer": _forms,
    "mobilitet/jobanalyse": _job_analysis,
    "mobilitet/forventninger": _expectations,
    "mobilitet/samtaler": _conversations,
    "mobilitet/forloeb": _onboarding,
}


def check(key: str, path: str, parsed: ParsedFile, known: Known, add: Add) -> None:
    """Run the rules of data file `key` (schema-valid data in `parsed`), reporting through `add`."""
    rule = CHECKS.get(key)
    if rule is not None:
        rule(_File(path, parsed, known, add))
