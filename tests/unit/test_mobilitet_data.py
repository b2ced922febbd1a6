"""The kit's catalogue data (catalogue/mobilitet/) against the REAL entries it cites: the source's
questions, topics, months, themes and steps word for word; a changed word, a missing point or a
wrong month stops the build with a Danish line naming file, item and field; adding a question is a
YAML edit only; a schema error names the file and line."""

from __future__ import annotations

import re
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from macros import mobilitet_macros, site_data
from mkdocs.exceptions import PluginError

from koensbalance.catalogue import Catalogue, CatalogueError
from koensbalance.catalogue import files as catalogue_files
from koensbalance.mobilitet import config as kit_config
from koensbalance.mobilitet.config import KitConfig, Topic, check_against_entries
from koensbalance.mobilitet.model import blank_kit, parse_kit
from koensbalance.workshop import forms
from tests.support.build import ROOT
from tests.support.mobilitet import config

SOURCE = (ROOT.parent / "shared" / "seeds" / "004_97f65d8c1a4196a1.txt")


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return site_data.catalogue()


def problems_of(kit: KitConfig, catalogue: Catalogue) -> list[str]:
    return [p.format() for p in check_against_entries(kit, catalogue.by_id())]


def test_real_data_matches_the_entries_word_for_word(catalogue: Catalogue) -> None:
    assert problems_of(config(), catalogue) == []


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


def test_a_changed_word_in_a_topic_is_reported_with_file_item_and_field(catalogue: Catalogue) -> None:
    kit = config()
    topics = list(kit.expectations.topics)
    topics[3] = Topic("bureaukrati", "bureaukratiet")
    changed = replace(kit, expectations=replace(kit.expectations, topics=tuple(topics)))
    [line] = problems_of(changed, catalogue)
    assert line.startswith("catalogue/mobilitet/forventninger.yaml (forventningsafstemning "
                           "'forventningsafstemning'): 'emner' skal være skabelonens punkter ord for ord")
    assert "bureaukrati; strategisk udvikling" in line


def test_a_changed_question_a_dropped_theme_and_a_wrong_month_are_each_reported(catalogue: Catalogue) -> None:
    kit = config()
    fields = list(kit.analysis.fields)
    fields[0] = replace(fields[0], label=fields[0].label.replace("arbejdsvilkår", "vilkår"))
    conv = kit.conversations
    changed = replace(kit, analysis=replace(kit.analysis, fields=tuple(fields)),
                      conversations=replace(conv, months=(1, 3, 6, 9),
                                            later=replace(conv.later, points=conv.later.points[:1])))
    lines = problems_of(changed, catalogue)
    assert any(line.startswith("catalogue/mobilitet/jobanalyse.yaml (jobanalyse 'job-og-kompetenceanalyse'): "
                               "'felter' skal være skabelonens punkter") for line in lines)
    assert any("samtaler.yaml" in line and "'senere.punkter'" in line for line in lines)
    assert any("'maaneder' skal være tallene i 'maaneder_uddrag' i samme rækkefølge: 1, 3, 6, 12" in line
               for line in lines)
    assert len(lines) == 3


def test_an_excerpt_that_is_not_in_the_entry_is_reported(catalogue: Catalogue) -> None:
    kit = config()
    flow = kit.onboarding
    phase = replace(flow.phases[2], begins="Onboardingen begynder på den nye leders anden dag i jobbet.")
    changed = replace(kit, onboarding=replace(flow, phases=(*flow.phases[:2], phase)),
                      expectations=replace(kit.expectations, guidance="I kan procentangive opgaverne."))
    lines = problems_of(changed, catalogue)
    assert len(lines) == 2
    assert any("'faser[3].begynder' skal være et ordret uddrag af posten "
               "'preboarding-og-onboarding-af-en-sektorskifter'" in line for line in lines)
    assert any("'vejledning' skal være et ordret uddrag" in line for line in lines)


def test_the_build_stops_with_the_danish_report(catalogue: Catalogue) -> None:
    data = dict(catalogue.data)
    data["mobilitet/samtaler"] = {**data["mobilitet/samtaler"], "post": "findes-ikke"}
    with pytest.raises(PluginError) as error:
        mobilitet_macros.load(replace(catalogue, data=data))
    message = str(error.value)
    assert message.startswith("Kataloget har")
    assert "catalogue/mobilitet/samtaler.yaml (samtaler 'opfoelgende-samtaler'): 'post' henviser til en " \
           "post, der ikke findes: 'findes-ikke'" in message
    assert "Traceback" not in message


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
    with pytest.raises(PluginError, match="'felter' skal være skabelonens punkter ord for ord"):
        mobilitet_macros.load(catalogue_files.read(root))


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
