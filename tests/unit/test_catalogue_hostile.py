"""Hostile catalogue files, as an editor might paste them, through the check the README gives editors
(`python -m koensbalance.catalogue <dir>`): one Danish line each, naming file and line, quickly, and
never a traceback. A file that cannot be read is reported once; what refers to it says so."""

from __future__ import annotations

import codecs
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from koensbalance.catalogue import CatalogueError, files, yamlfile
from koensbalance.catalogue.problems import MAX_PER_FILE
from tests.support.fixtures import ROOT, expected_lines, make_catalogue, problems

# The three kinds of input issue #15 reported (traceback, minutes, English), and two more encodings.
REPORTED = ["deep-nesting", "alias-bomb", "control-character"]
HOSTILE = "catalogue/begreber/indsat-begreb.yaml"  # the pasted file in those fixtures


def check(root: Path, via_env: bool = False) -> tuple[subprocess.CompletedProcess[str], float]:
    """Run the check on the catalogue under root (as an argument, or as the build gets it)."""
    env = {k: v for k, v in os.environ.items() if k != "KB_CATALOGUE_DIR"}
    args = [sys.executable, "-m", "koensbalance.catalogue"]
    if via_env:
        env["KB_CATALOGUE_DIR"] = str(root)
    else:
        args.append(str(root))
    started = time.perf_counter()
    result = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, check=False,
                            timeout=120)
    return result, time.perf_counter() - started


@pytest.mark.parametrize("case", [*REPORTED, "utf16-file"])
def test_the_check_gives_one_danish_line_per_hostile_file(tmp_path: Path, case: str) -> None:
    result, seconds = check(make_catalogue(tmp_path, case))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    head, *lines = result.stderr.splitlines()
    assert head == "Kataloget har 1 fejl – ret dem og byg igen:"
    assert len(lines) == 1 and lines[0].startswith(expected_lines(case)[0]), lines
    assert seconds < 20  # the whole process, on a shared machine; the alias bomb took minutes


def test_the_check_says_when_the_catalogue_is_fine(tmp_path: Path) -> None:
    result, _ = check(make_catalogue(tmp_path))
    assert result.returncode == 0 and result.stdout.startswith("Kataloget er i orden:")


def test_without_an_argument_the_check_reads_the_catalogue_the_build_reads(tmp_path: Path) -> None:
    result, _ = check(make_catalogue(tmp_path, "control-character"), via_env=True)
    assert result.returncode == 1
    assert result.stderr.splitlines()[1].startswith(expected_lines("control-character")[0])


def test_a_folder_without_a_catalogue_is_named(tmp_path: Path) -> None:
    result, _ = check(tmp_path)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr == (f"Der er ingen mappe catalogue/ i {tmp_path} – angiv mappen, der "
                             "indeholder catalogue/.\n")


def test_a_file_that_cannot_be_read_is_reported_once(tmp_path: Path) -> None:
    result, _ = check(make_catalogue(tmp_path, "unreadable-reference"))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    lines = result.stderr.splitlines()[1:]
    broken = "catalogue/begreber/eksempel-begreb.yaml"
    assert sum(line.startswith(broken) for line in lines) == 1
    assert [line for line in lines if "eksempel-begreb" in line and not line.startswith(broken)] == [
        "catalogue/initiativer/eksempel-initiativ.yaml:14 (initiativ 'eksempel-initiativ'): 'relaterede[1]' "
        f"henviser til 'eksempel-begreb', som ikke kunne læses ({broken}) – ret fejlen i den fil først"]
    assert "som ikke findes" not in result.stderr


def test_data_files_referring_to_an_unreadable_entry_say_so(tmp_path: Path) -> None:
    root = make_catalogue(tmp_path)
    path = root / "catalogue" / "vaerktoejer" / "aktionslaeringsprojekter.yaml"
    path.write_bytes(path.read_bytes().replace(b"titel:", b"titel:\x00", 1))
    lines = problems(root)
    assert sum(line.startswith("catalogue/vaerktoejer/aktionslaeringsprojekter.yaml:") for line in lines) == 1
    forms = [line for line in lines if line.startswith("catalogue/workshop/formularer.yaml")]
    assert forms and all("som ikke kunne læses (catalogue/vaerktoejer/aktionslaeringsprojekter.yaml)"
                         in line for line in forms)


def test_a_file_the_disk_refuses_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_catalogue(tmp_path)
    target = root / "catalogue" / "begreber" / "eksempel-begreb.yaml"
    original = Path.read_bytes

    def refuse(self: Path) -> bytes:
        if self == target:
            raise PermissionError(13, "Permission denied")
        return original(self)

    monkeypatch.setattr(Path, "read_bytes", refuse)
    lines = problems(root)
    assert "catalogue/begreber/eksempel-begreb.yaml: filen kan ikke åbnes – tjek, at den findes, og at " \
           "du har lov til at læse den" in lines


def test_a_missing_data_file_is_named(tmp_path: Path) -> None:
    root = make_catalogue(tmp_path)
    (root / "catalogue" / "workshop" / "formularer.yaml").unlink()
    assert "catalogue/workshop/formularer.yaml: filen mangler – den skal findes, for at kataloget kan " \
           "bygges" in problems(root)


def test_a_huge_file_is_not_even_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_catalogue(tmp_path)
    huge = root / "catalogue" / "begreber" / "kaempe.yaml"
    with huge.open("wb") as out:
        out.truncate(3 * 1024 * 1024 * 1024)  # 3 GB, sparse: the size an accident can have
    lines = problems(root)
    assert "catalogue/begreber/kaempe.yaml: filen er for stor (3145728 kB; højst 512 kB) – del den op i " \
           "flere poster" in lines


def test_a_mangled_file_prints_a_bounded_number_of_lines(tmp_path: Path) -> None:
    root = make_catalogue(tmp_path)
    path = root / "catalogue" / "begreber" / "eksempel-begreb.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "".join(f"felt{i}: x\n" for i in range(500)),
                    encoding="utf-8")
    with pytest.raises(CatalogueError) as caught:
        files.read(root)
    assert len(caught.value.problems) == 500
    lines = [line for line in caught.value.report().splitlines() if "eksempel-begreb.yaml" in line]
    assert len(lines) == MAX_PER_FILE + 1
    assert lines[-1] == ("catalogue/begreber/eksempel-begreb.yaml: … og 480 fejl mere i filen – ret de "
                         "første, og kør tjekket igen")


def test_values_quoted_in_a_line_cannot_break_it(tmp_path: Path) -> None:
    root = make_catalogue(tmp_path)
    path = root / "catalogue" / "initiativer" / "eksempel-initiativ.yaml"
    text = path.read_text(encoding="utf-8").replace("relaterede: [eksempel-begreb]",
                                                    'relaterede: ["to\\nlinjer' + "x" * 5000 + '"]')
    path.write_text(text, encoding="utf-8")
    (line,) = [line for line in problems(root) if "'relaterede[1]' henviser" in line]
    assert "henviser til 'to linjerxxx" in line and line.endswith("…', som ikke findes i kataloget")
    assert len(line) < 300


# Worst cases up to the size limit: each is parsed and checked in a few seconds (the check's
# figures are in the report of issue #15; here the bound is loose for a shared test machine).
def _worst_cases() -> dict[str, bytes]:
    limit = yamlfile.MAX_BYTES
    head = b"id: worst\ntitel: Worst\nkilde: {dokument: koensbalance-i-ledelse, afsnit: x}\n"
    many = yamlfile.MAX_NODES - 100  # just under the limit of values
    return {
        "one long text": head + b"definition: " + b"a" * (limit - len(head) - 20) + b"\n",
        "long word with @": head + b"definition: " + b"a" * (limit // 2) + b"@" + b"b" * (limit // 3) + b"\n",
        "many values": head + b"relaterede: [" + b"x," * many + b"]\n",
        "many unknown fields": head + b"".join(b"f%d: 1\n" % i for i in range(many // 2)),
        "many long values": head + b"relaterede:\n" + (b"  - " + b"y" * 40 + b"\n") * (limit // 50),
        "long number-like text": head + b"definition: 1" + b":00" * (limit // 4) + b"\n",
    }


@pytest.mark.parametrize("name", list(_worst_cases()))
def test_the_check_is_quick_on_the_worst_file_up_to_the_limit(tmp_path: Path, name: str) -> None:
    root = make_catalogue(tmp_path)
    raw = _worst_cases()[name]
    assert len(raw) <= yamlfile.MAX_BYTES
    (root / "catalogue" / "begreber" / "worst.yaml").write_bytes(raw)
    started = time.perf_counter()
    try:
        files.read(root)
    except CatalogueError as exc:
        assert all(line.startswith("catalogue/") for line in exc.report().splitlines()[1:])
    assert time.perf_counter() - started < 15


# What an editor may type, and the line they get (PyYAML's and libyaml's English never reaches them).
SYNTAX = [
    (b"a: [1, 2\n", 2, "en liste i [ ] er ikke lukket"),
    (b"a: {b: 1\n", 2, "en gruppe i { } er ikke lukket"),
    (b'a: "x\n', 2, "filen slutter midt i en tekst"),
    (b"a: b: c\n", 1, "et kolon står et sted, hvor det ikke må"),
    (b"- a\nb: 1\n", 2, "et punkt i en liste mangler sin bindestreg"),
    (b"a:\n  b: 1\n c: 2\n", 3, "indrykningen passer ikke"),
    (b"a: *y\n", 1, "der henvises til et YAML-alias (*navn), som ikke findes"),
    (b"a: &x 1\nb: &x 2\n", 2, "det samme YAML-anker (&navn) står to gange"),
    (b"a: 1\n---\nb: 1\n", 2, "filen har flere YAML-dokumenter"),
    (b"a: !!python/object:os.system 1\n", 1, "et YAML-mærke (!navn) står i filen"),
    (b"? [1]\n: 2\n", 1, "et feltnavn er en liste eller en gruppe"),
    (b"1: a\n", 1, "feltnavnet '1' skal være en tekst"),
    (b'a: "\\q"\n', 1, "ukendt \\-kode"),
    (b"@a\n", 1, "en linje begynder med et tegn, YAML ikke tillader her"),
    (b"a:\tb\n\tc: 1\n", 2, "tabulator"),
    (b"<<: 1\n", 1, "'<<' (YAML-fletning)"),
    (b"id: " + b"9" * 40 + b"\n", 1, "et tal er længere end 30 tegn"),
    (b"id: 1" + b":00" * 2000 + b"\n", 1, "et tal er længere end 30 tegn"),
    ("titel: Kønsbalance\n".encode("latin-1"), 1, "filen er ikke gemt som UTF-8"),
    ("titel: Kø".encode()[:-1], 1, "filen slutter midt i et tegn – er den blevet afkortet?"),
    ("id: x\n".encode("utf-32"), 1, "filen er gemt som UTF-32"),
    (b"id: x\ntitel: a\x1bb\n", 2, "kontroltegnet U+001B (ESC)"),
    (b"# kun en kommentar\n", None, "filen er tom"),
]


@pytest.mark.parametrize(("raw", "line", "says"), SYNTAX)
def test_each_yaml_mistake_gets_one_placed_danish_line(raw: bytes, line: int | None, says: str) -> None:
    problems = yamlfile.parse(raw).problems
    assert len(problems) == 1 and problems[0][0] == line and says in problems[0][1], problems
    assert not any(word in problems[0][1] for word in ("expected", "found", "while", "could not"))


def test_a_utf8_bom_and_yaml_aliases_within_the_limits_are_fine() -> None:
    parsed = yamlfile.parse(codecs.BOM_UTF8 + b"a: &x {b: 1}\nc:\n  <<: *x\n  d: [*x, *x]\n")
    assert parsed.problems == [] and parsed.data == {"a": {"b": 1}, "c": {"b": 1, "d": [{"b": 1}] * 2}}
