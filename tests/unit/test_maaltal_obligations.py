"""§ 11 duties for every combination of inputs, with the rule texts taken from the catalogue's rule
entries; the data files of "Sæt måltal" cite what exists."""

from __future__ import annotations

import itertools

import pytest
from macros.maaltal_macros import duty_data, help_texts, rule_texts

from koensbalance.catalogue import Catalogue, files
from koensbalance.maaltal.balance import BalanceRule, assess
from koensbalance.maaltal.obligations import DutyRules, obligations, with_rule_texts
from tests.support.build import ROOT


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return files.read(ROOT)


@pytest.fixture(scope="module")
def rules(catalogue: Catalogue) -> DutyRules:
    return DutyRules.from_data(duty_data(catalogue, "../../"))


@pytest.fixture(scope="module")
def balance_rule(catalogue: Catalogue) -> BalanceRule:
    return BalanceRule.from_data(catalogue.balance)


BALANCED, UNBALANCED = (3, 4), (1, 6)


@pytest.mark.parametrize(("kind", "employees", "has_board", "board", "top"), list(itertools.product(
    ["stat", "region", "kommune"], [0, 49, 50, 5000], [False, True], [BALANCED, UNBALANCED],
    [BALANCED, UNBALANCED])))
def test_duties_for_each_combination(rules: DutyRules, balance_rule: BalanceRule, kind: str,
                                     employees: int, has_board: bool, board: tuple[int, int],
                                     top: tuple[int, int]) -> None:
    board_assessment = assess(*board, balance_rule) if has_board else None
    result = obligations(rules, kind, employees, has_board, board_assessment, assess(*top, balance_rule))
    applies = {d.id: d.applies for d in result.duties}
    assert applies["maaltal-bestyrelse"] == (has_board and board == UNBALANCED)
    top_duty = employees >= 50 and top == UNBALANCED
    assert applies["maaltal-oeverste-ledelse"] == top_duty
    assert applies["politik"] == top_duty
    assert applies["indberetning"] is True
    assert applies["kommuners-indberetning"] == (kind == "kommune")
    # The letter's "all municipalities ... forpligtet" is background for a kommune, never a duty that
    # contradicts the conditions (issue 20), and not shown to others.
    context = [d for d in result.duties if d.context]
    assert [d.id for d in context] == (["kommuner-omfattet"] if kind == "kommune" else [])
    assert all(not d.applies and d.status == "Til orientering" for d in context)
    for duty in result.duties:
        if not duty.context:
            assert duty.reason.startswith("Gælder for jer" if duty.applies else "Gælder ikke for jer")
            assert duty.status == ("Gælder" if duty.applies else "Gælder ikke")
        assert duty.rule.quote and duty.rule.source and duty.rule.url.startswith("../../regler/")
    assert "1470 af 10. december 2024" in result.changes
    assert "ikke juridisk rådgivning" in result.disclaimer
    assert result.rules_date.startswith("Reglerne som beskrevet i")


def test_a_kommune_with_balanced_top_management_is_not_told_to_set_targets(
        rules: DutyRules, balance_rule: BalanceRule) -> None:
    result = obligations(rules, "kommune", 5000, False, None, assess(4, 4, balance_rule))
    duties = {d.id: d for d in result.duties}
    assert not duties["maaltal-oeverste-ledelse"].applies and not duties["politik"].applies
    background = duties["kommuner-omfattet"]
    assert background.context and not background.applies and background.status == "Til orientering"
    assert background.reason.startswith("Til orientering – ikke en selvstændig pligt")
    assert [d.id for d in result.duties][-1] == "kommuner-omfattet"  # after the duties that decide


def test_reasons_name_the_condition_that_decides(rules: DutyRules, balance_rule: BalanceRule) -> None:
    result = obligations(rules, "stat", 49, False, None, assess(1, 6, balance_rule))
    reasons = {d.id: d.reason for d in result.duties}
    assert reasons["maaltal-bestyrelse"] == ("Gælder ikke for jer: I har ingen bestyrelse eller andet "
                                             "kollektivt ledelsesorgan.")
    assert reasons["maaltal-oeverste-ledelse"] == "Gælder ikke for jer: I har færre end 50 medarbejdere (49)."
    result = obligations(rules, "region", 50, True, assess(3, 4, balance_rule), assess(4, 4, balance_rule))
    reasons = {d.id: d.reason for d in result.duties}
    assert "bestyrelsen er allerede kønsbalanceret (3 kvinder og 4 mænd" in reasons["maaltal-bestyrelse"]
    assert "den øverste ledelse er allerede kønsbalanceret" in reasons["politik"]


def test_no_duties_are_invented_for_institutions_the_sources_do_not_cover(
        rules: DutyRules, balance_rule: BalanceRule) -> None:
    result = obligations(rules, "anden", 5000, True, assess(0, 7, balance_rule), assess(0, 7, balance_rule))
    assert result.covered is False and result.duties == ()
    assert result.note and "kun reglerne for offentlige institutioner" in result.note


def test_rule_texts_are_the_rule_entries_own_words(catalogue: Catalogue, rules: DutyRules) -> None:
    index = catalogue.by_id()
    for duty in rules.duties:
        entry = index[duty.rule]
        assert entry.type.name == "regel"
        text = rules.rules[duty.rule]
        assert text.quote == " ".join(entry.data["citat"].split())
        assert text.title == entry.title
        assert entry.citation.section in text.source


def test_a_duty_naming_an_unknown_rule_is_reported(catalogue: Catalogue) -> None:
    data = dict(catalogue.data["maaltal/pligter"])
    data["pligter"] = [*data["pligter"], {"id": "x", "regel": "findes-ikke"}]
    with pytest.raises(KeyError, match="findes-ikke"):
        with_rule_texts(data, rule_texts(catalogue, ""))


def _words(text: str) -> str:
    return " ".join(text.split())


def test_help_texts_are_verbatim_excerpts_of_the_entries_they_cite(catalogue: Catalogue) -> None:
    index = catalogue.by_id()
    texts = help_texts(catalogue, "../../")
    assert {"afgang", "pipeline_kvinder", "maal", "medarbejdere"} <= set(texts)
    for item in catalogue.data["maaltal/hjaelpetekster"]["hjaelp"]:
        entry = index[item["post"]]
        body = _words(" ".join(_strings(entry.data)))
        assert _words(item["uddrag"]) in body, item["felt"]


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []
