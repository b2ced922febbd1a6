"""The kit's catalogue data (catalogue/mobilitet/) against the REAL entries it cites: the source's
questions, topics, months, themes and steps word for word; a changed word, a missing point or a
wrong month is a Danish line of the catalogue check (`python -m koensbalance.catalogue`, and so the
build) naming file, line, item and field; adding a question is a YAML edit only; a schema error names
the file and line."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from macros import mobilitet_macros, site_data
from mkdocs.exceptions import PluginError

from koensbalance.catalogue import CatalogueError
from koensbalance.catalogue import files as catalogue_files
from koensbalance.mobilitet import config as kit_config
from koensbalance.mobilitet.config import KitConfig
from koensbalance.mobilitet.model import blank_kit, parse_kit
from koensbalance.workshop import forms
from tests.support.build import ROOT
from tests.support.fixtures import problems
from tests.support.mobilitet import config

SOURCE = (ROOT.parent / "shared" / "seeds" / "004_97f65d8c1a4196a1.txt")
KIT = "catalogue/mobilitet"


def line_of(root: Path, name: str, text: str) -> int:
    """The line of catalogue/mobilitet/<name>.yaml that `text` starts on."""
    whole = (root / KIT / f"{name}.yaml").read_text(encoding="utf-8")
    assert text in whole, f"{name}.yaml no longer has {text!r}: update this test"
    return whole[: whole.index(text)].count("\n") + 1


def edit(root: Path, name: str, old: str, new: str) -> int:
    """Replace `old` (once) in catalogue/mobilitet/<name>.yaml; returns the line `old` started on."""
    line = line_of(root, name, old)
    path = root / KIT / f"{name}.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    return line


def test_real_data_matches_the_entries_word_for_word() -> None:
    catalogue = catalogue_files.read(ROOT)  # raises CatalogueError with every problem
    assert {f"mobilitet/{name}" for name in ("jobanalyse", "forventninger", "samtaler", "forloeb")} \
        <= set(catalogue.data)


def test_the_five_questions_seven_topics_and_four_months_are_the_sources() -> None:
    kit = config()
    questions = [f.label for f in kit.analysis.fields]
    assert len(questions) == 5
    assert questions[0] == "Hvad er rammerne for lederjobbet? Overvej her, hvilke arbejdsvilkår I tilbyder."
    assert [t.label for t in kit.expectations.topics] == [
        "opgaver", "ledelsesrum", "samarbejde på tværs i organisationen", "bureaukrati",
        "strategisk udvikling", "driftsopgaver", "udviklingsopgaver"]
    assert kit.conversations.months == (1, 3, 6, 12)
    assert kit.expectations.threshold == 10
    assert "procentangive" in kit.expectations.guidance
    phases = [p.title for p in kit.onboarding.phases]
    assert phases == ["Preboarding", "Forbered organisationen", "Onboarding"]
    assert len(kit.onboarding.steps) == 12


def test_quoted_texts_are_in_the_source_document_itself() -> None:
    """Beyond the entries: the source's own text (line breaks and hyphenation undone) has them."""
    if not SOURCE.exists():
        pytest.skip("the seeds are not beside the work tree")
    raw = SOURCE.read_text(encoding="utf-8")
    joined = re.sub(r"(?<=\w)-[ \t]*\n\s*(?=[a-zæøå])", "", raw)  # hyphenation at line ends
    text = " ".join(joined.replace("–     ", "").split())
    kit = config()
    for quoted in (kit.expectations.guidance, kit.conversations.months_excerpt, kit.conversations.wonder_text,
                   kit.conversations.question_frame, kit.conversations.preparation,
                   *(f.label for f in kit.analysis.fields)):
        assert " ".join(quoted.split()) in text, quoted


def test_a_changed_word_in_a_topic_is_reported_with_file_line_item_and_field(tmp_path: Path) -> None:
    root = _catalogue_copy(tmp_path)
    line = line_of(root, "forventninger", "emner:")
    edit(root, "forventninger", "{id: bureaukrati, punkt: bureaukrati}",
         "{id: bureaukrati, punkt: bureaukratiet}")
    [report] = problems(root)
    assert report.startswith(f"{KIT}/forventninger.yaml:{line} (forventningsafstemning "
                             "'forventningsafstemning'): 'emner' skal være skabelonens punkter ord for ord")
    assert "bureaukrati; strategisk udvikling" in report


def test_a_changed_question_a_dropped_theme_and_a_wrong_month_are_each_reported(tmp_path: Path) -> None:
    root = _catalogue_copy(tmp_path)
    edit(root, "jobanalyse", "hvilke arbejdsvilkår I tilbyder", "hvilke vilkår I tilbyder")
    edit(root, "samtaler", "    - Den nye leder har mere fodfæste og legitimitet i organisationen.\n", "")
    months = edit(root, "samtaler", "maaneder: [1, 3, 6, 12]", "maaneder: [1, 3, 6, 9]")
    fields = line_of(root, "jobanalyse", "felter:")
    lines = problems(root)
    assert any(line.startswith(f"{KIT}/jobanalyse.yaml:{fields} (jobanalyse 'job-og-kompetenceanalyse'): "
                               "'felter' skal være skabelonens punkter") for line in lines), lines
    assert any(line.startswith(f"{KIT}/samtaler.yaml:") and "(samtaler 'opfoelgende-samtaler'): "
               "'senere.punkter' skal være skabelonens punkter" in line for line in lines), lines
    assert f"{KIT}/samtaler.yaml:{months} (samtaler 'opfoelgende-samtaler'): 'maaneder' skal være tallene " \
           "i 'maaneder_uddrag' i samme rækkefølge: 1, 3, 6, 12" in lines
    assert len(lines) == 3, lines


def test_an_excerpt_that_is_not_in_the_entry_is_reported(tmp_path: Path) -> None:
    root = _catalogue_copy(tmp_path)
    begins = edit(root, "forloeb", "begynder: Onboardingen begynder på den nye leders første dag i jobbet.",
                  "begynder: Onboardingen begynder på den nye leders anden dag i jobbet.")
    edit(root, "forventninger", "kan I for eksempel procentangive", "kan I procentangive")
    lines = problems(root)
    assert len(lines) == 2, lines
    assert f"{KIT}/forloeb.yaml:{begins} (forloeb 'preboarding-og-onboarding'): 'faser[3].begynder' står " \
           "ikke ordret i posten 'preboarding-og-onboarding-af-en-sektorskifter' – et uddrag skal være " \
           "postens egne ord" in lines
    assert any(line.startswith(f"{KIT}/forventninger.yaml:") and "'vejledning' står ikke ordret i posten "
               "'emner-til-forventningsafstemning-med-kandidaten'" in line for line in lines), lines


def test_a_step_id_twice_and_a_day_excerpt_not_in_the_entry_are_reported(tmp_path: Path) -> None:
    """Step ids are keys in saved files across all phases; a day's source words are the entry's."""
    root = _catalogue_copy(tmp_path)
    edit(root, "forloeb", "- id: noeglepersoner", "- id: buddyordning")
    excerpt = edit(root, "forloeb", "          - Første step i en god onboardingproces er en klar "
                   "forventningsafstemning.", "          - Første step er en forventningsafstemning.")
    lines = problems(root)
    assert any(line.startswith(f"{KIT}/forloeb.yaml:") and line.endswith(
        "(forloeb 'preboarding-og-onboarding'): 'trin' har det samme id flere gange: buddyordning")
        for line in lines), lines
    assert any(line.startswith(f"{KIT}/forloeb.yaml:{excerpt} ") and
               "'faser[3].trin[1].dag_uddrag[2]' står ikke ordret i posten" in line for line in lines), lines
    assert len(lines) == 2, lines


def test_the_build_stops_with_the_danish_report(tmp_path: Path) -> None:
    """The build loads the catalogue through the same check (one line per problem: a missing entry
    named by every template and excerpt of the file is said once)."""
    root = _catalogue_copy(tmp_path)
    line = edit(root, "samtaler", "post: opfoelgende-samtaler-med-en-ny-leder-fra-en-anden-sektor",
                "post: findes-ikke")
    with pytest.raises(PluginError) as error:
        site_data.catalogue(root)
    message = str(error.value)
    assert message.splitlines() == [
        "Kataloget har 1 fejl – ret dem og byg igen:",
        f"{KIT}/samtaler.yaml:{line} (samtaler 'opfoelgende-samtaler'): 'post' henviser til 'findes-ikke', "
        "som ikke findes i kataloget"]


def _catalogue_copy(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "catalogue", tmp_path / "catalogue")
    return tmp_path


def test_adding_a_question_is_a_yaml_edit(tmp_path: Path) -> None:
    """A sixth question in the tool's template and in jobanalyse.yaml: no code changes, and the form,
    the kit and its Markdown have it."""
    root = _catalogue_copy(tmp_path)
    question = "Hvilke resultater skal lederen skabe det første år?"
    tool = root / "catalogue" / "vaerktoejer" / "saadan-kan-du-lave-en-job-og-kompetenceanalyse.yaml"
    text = tool.read_text(encoding="utf-8")
    anchor = "      - Hvilken adfærd ønskes i forhold til samarbejder, kolleger og medarbejdere?\n"
    assert anchor in text
    tool.write_text(text.replace(anchor, anchor + f"      - {question}\n"), encoding="utf-8")
    data = root / "catalogue" / "mobilitet" / "jobanalyse.yaml"
    data.write_text(data.read_text(encoding="utf-8")
                    + f"  - {{id: resultater, punkt: \"{question}\", felt: tekst}}\n", encoding="utf-8")
    edited = catalogue_files.read(root)
    kit = mobilitet_macros.load(edited)
    assert kit.analysis.fields[-1].label == question
    filled = parse_kit({"analyse": {"resultater": "Ny klimaplan."}}, kit)
    from koensbalance.mobilitet import document
    assert f"### {question}\n\nNy klimaplan." in document.markdown(document.blocks(filled, kit))
    assert blank_kit(kit).analyse["resultater"] == ""


def test_a_question_only_in_the_data_file_stops_the_build(tmp_path: Path) -> None:
    root = _catalogue_copy(tmp_path)
    data = root / "catalogue" / "mobilitet" / "jobanalyse.yaml"
    invented = "  - {id: ny, punkt: Et opfundet spørgsmål?, felt: tekst}\n"
    data.write_text(data.read_text(encoding="utf-8") + invented, encoding="utf-8")
    [line] = problems(root)
    assert line.startswith(f"{KIT}/jobanalyse.yaml:{line_of(root, 'jobanalyse', 'felter:')} (jobanalyse "
                           "'job-og-kompetenceanalyse'): 'felter' skal være skabelonens punkter ord for ord")


def test_a_schema_error_names_file_line_and_field(tmp_path: Path) -> None:
    root = _catalogue_copy(tmp_path)
    data = root / "catalogue" / "mobilitet" / "forventninger.yaml"
    text = data.read_text(encoding="utf-8")
    data.write_text(text.replace("  point: 10", "  point: ti"), encoding="utf-8")
    line = text.splitlines().index("  point: 10") + 1
    with pytest.raises(CatalogueError) as error:
        catalogue_files.read(root)
    [problem] = error.value.problems
    assert (problem.file, problem.line) == ("catalogue/mobilitet/forventninger.yaml", line)
    assert problem.format().startswith(f"catalogue/mobilitet/forventninger.yaml:{line}: 'markering.point'")


def test_config_round_trips_through_the_page_and_a_tampered_one_is_one_message() -> None:
    kit = config()
    assert KitConfig.from_config(kit.to_config()) == kit
    broken = kit.to_config()
    broken["forventninger"]["markering"]["point"] = "10"
    for raw in (broken, None, [], {"jobanalyse": {}}):
        with pytest.raises(Exception) as error:
            KitConfig.from_config(raw)
        assert str(error.value) == f"config: {kit_config.BROKEN}"


def test_the_form_is_the_workshop_forms_model() -> None:
    assert isinstance(config().analysis, forms.Form)
    assert config().analysis.entry == "saadan-kan-du-lave-en-job-og-kompetenceanalyse"
