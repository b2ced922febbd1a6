"""The data files (måltal rules, plan checklist and dates, workshop templates and forms) are checked
by the catalogue check itself, like entries: what they name must exist, excerpts must be the entry's
own words, forms must be their template point for point. The macros only adapt what passed."""

from __future__ import annotations

from pathlib import Path

import pytest

from koensbalance.catalogue import files
from tests.support.fixtures import make_catalogue, problems

# (file, text to replace once, replacement, what the line must say after "<file>:<line> ")
BREAKAGES = [
    ("maaltal/pligter.yaml", "regel: pligt-til-at-opstille-maaltal-for-bestyrelsen", "regel: findes-ikke",
     "(pligt 'maaltal-bestyrelse'): 'regel' henviser til 'findes-ikke', som ikke findes i kataloget"),
    ("maaltal/pligter.yaml", "grundregel: ligelig-koenssammensaetning-i-bestyrelser-og-oeverste-ledelse",
     "grundregel: aktionslaeringsprojekter",
     "'grundregel' henviser til 'aktionslaeringsprojekter', som ikke er en regel"),
    ("maaltal/pligter.yaml", "institutioner: [kommune]", "institutioner: [kommuner]",
     "(pligt 'kommuner-omfattet'): 'institutioner[1]' har den ukendte værdi 'kommuner'"),
    ("maaltal/hjaelpetekster.yaml", "Institutioner med 50 eller flere", "Institutioner med 60 eller flere",
     "(hjælpetekst 'medarbejdere'): 'uddrag' står ikke ordret i posten "
     "'pligt-til-at-opstille-maaltal-for-den-oeverste-ledelse' – et uddrag skal være postens egne ord"),
    ("maaltal/balance.yaml", "  dokument: koensbalance-i-ledelse", "  dokument: ukendt-kilde",
     "'kilde.dokument' har den ukendte værdi 'ukendt-kilde'"),
    ("plan/tjekliste.yaml", "- id: systematisk-opfoelgning", "- id: forankring-i-topledelsen",
     "(punkt 'forankring-i-topledelsen'): 'id' står to gange"),
    ("workshop/skabeloner.yaml", "    deltagere_min: 4\n", "    deltagere_min: 8\n",
     "(skabelon 'aktionslaering-moede'): 'deltagere_min' er større end 'deltagere_max' (6)"),
    ("workshop/skabeloner.yaml", "    post: aarhus-kommune-koen-i-kerneydelsen",
     "    post: aarhus-kommune",
     "(skabelon 'aarhus-workshop-5-timer'): 'post' henviser til 'aarhus-kommune', som ikke findes"),
    ("workshop/formularer.yaml", "{id: ansvar, punkt: Ansvar for projektet, felt: linje}",
     "{id: ansvar, punkt: Ansvar for projektet, felt: linje}\n"
     "      - {id: budget, punkt: Budget, felt: tekst}",
     "(formular 'projektplan'): 'felter' skal være skabelonens punkter ord for ord og i kildens rækkefølge"),
    ("workshop/formularer.yaml", "    post: indsamling-af-koensspecifik-data-i-logbog",
     "    post: findes-ikke",
     "(formular 'logbog'): 'post' henviser til 'findes-ikke', som ikke findes i kataloget"),
    ("workshop/formularer.yaml", "{id: udfald, punkt: Samtalens udfald",
     "{id: emner, punkt: Samtalens udfald",
     "(formular 'logbog'): 'felter' har det samme id flere gange: emner"),
]


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """Every breakage at once (the check reports all problems together)."""
    root = make_catalogue(tmp_path_factory.mktemp("cat"))
    for name, old, new, _ in BREAKAGES:
        path = root / "catalogue" / name
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{name} no longer has {old!r}: update this test"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return problems(root)


@pytest.mark.parametrize(("name", "says"), [(b[0], b[3]) for b in BREAKAGES])
def test_each_broken_data_file_gives_its_placed_line(report: list[str], name: str, says: str) -> None:
    found = [line for line in report if line.startswith(f"catalogue/{name}:") and says in line]
    assert len(found) == 1, f"{says!r} for {name} not in:\n" + "\n".join(report)


def test_the_real_data_files_pass(tmp_path: Path) -> None:
    catalogue = files.read(make_catalogue(tmp_path))
    assert {"maaltal/balance", "maaltal/pligter", "maaltal/hjaelpetekster", "plan/tjekliste",
            "plan/indberetning", "workshop/skabeloner", "workshop/formularer", "mobilitet/jobanalyse",
            "mobilitet/forventninger", "mobilitet/samtaler", "mobilitet/forloeb"} <= set(catalogue.data)
    assert catalogue.balance is catalogue.data["maaltal/balance"]


def test_a_new_data_folder_needs_only_a_schema(tmp_path: Path) -> None:
    """catalogue/<new folder>/<name>.yaml with catalogue/schema/<name>.schema.json is a data file."""
    root = make_catalogue(tmp_path)
    (root / "catalogue" / "schema" / "eksempeldata.schema.json").write_text(
        '{"type": "object", "required": ["id"], "properties": {"id": {"type": "string"}}}', encoding="utf-8")
    (root / "catalogue" / "nyt").mkdir()
    (root / "catalogue" / "nyt" / "eksempeldata.yaml").write_text("id: 12\n", encoding="utf-8")
    assert problems(root) == ["catalogue/nyt/eksempeldata.yaml:1: 'id' skal være en tekst"]
    (root / "catalogue" / "nyt" / "eksempeldata.yaml").write_text("id: eksempel\n", encoding="utf-8")
    assert files.read(root).data["nyt/eksempeldata"] == {"id": "eksempel"}


def test_personal_data_in_a_data_file_is_refused(tmp_path: Path) -> None:
    root = make_catalogue(tmp_path)
    path = root / "catalogue" / "plan" / "tjekliste.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "id2: skriv til a@b.dk\n", encoding="utf-8")
    assert any(line.startswith("catalogue/plan/tjekliste.yaml:") and "'id2' indeholder en e-mailadresse"
               in line for line in problems(root))
