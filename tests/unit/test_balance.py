"""The balance rule: at least 40 pct. in whole persons (rounded up) for every group size, official
exceptions as data, groups that cannot be balanced, Danish answers and errors."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from koensbalance import bridge
from koensbalance.catalogue import files
from koensbalance.errors import InputError
from koensbalance.maaltal.balance import BalanceRule, assess, assess_form, table
from tests.support.fixtures import make_catalogue


@pytest.fixture(scope="module")
def rule_data(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """The real balance rule from catalogue/maaltal/balance.yaml, loaded and validated."""
    return dict(files.read(make_catalogue(tmp_path_factory.mktemp("cat"))).balance)


@pytest.fixture(scope="module")
def rule(rule_data: dict[str, object]) -> BalanceRule:
    return BalanceRule.from_data(rule_data)


def test_every_group_size_needs_40_pct_rounded_up(rule: BalanceRule) -> None:
    # One rule for 1-20 (issue 20): 3 of 6, 4 of 8 and 2 of 3 (the last cannot be met: not achievable).
    expected = {1: 1, 2: 1, 3: 2, 4: 2, 5: 2, 6: 3, 7: 3, 8: 4, 9: 4, 10: 4,
                11: 5, 12: 5, 13: 6, 14: 6, 15: 6, 16: 7, 17: 7, 18: 8, 19: 8, 20: 8}
    assert {n: rule.minimum(n) for n in range(1, 21)} == expected
    assert [n for n in range(1, 301) if not rule.achievable(n)] == [1, 3]
    assert rule.small_groups == ()  # no official table found: no exceptions


def test_larger_groups_need_at_least_40_pct_rounded_up(rule: BalanceRule) -> None:
    assert [rule.minimum(n) for n in (11, 12, 15, 20, 21, 50, 200)] == [5, 5, 6, 8, 9, 20, 80]
    for n in range(1, 300):
        assert rule.minimum(n) * 100 >= 40 * n > (rule.minimum(n) - 1) * 100


def test_an_official_table_would_be_data_and_change_the_answer(rule_data: dict) -> None:
    corrected = {**rule_data, "smaa_grupper": [{"gruppestoerrelse": 6, "mindst": 2}]}
    assert BalanceRule.from_data(corrected).minimum(6) == 2
    assert assess(2, 4, BalanceRule.from_data(corrected)).balanced
    assert not assess(2, 4, BalanceRule.from_data(rule_data)).balanced


def test_unbalanced_group_says_how_many_more(rule: BalanceRule) -> None:
    result = assess(women=1, men=6, rule=rule)
    assert not result.balanced
    assert (result.underrepresented, result.minimum, result.missing) == ("kvinder", 3, 2)
    assert result.headline.startswith("Nej")
    assert "Der mangler 2 kvinder" in result.details[-1]


def test_balanced_and_equal_groups(rule: BalanceRule) -> None:
    assert assess(4, 6, rule).balanced
    assert not assess(3, 5, rule).balanced and assess(3, 5, rule).missing == 1  # 37,5 pct. < 40
    assert assess(5, 3, rule).underrepresented == "maend"
    equal = assess(2, 2, rule)
    assert equal.balanced and equal.underrepresented is None and equal.missing == 0


def test_share_is_written_the_danish_way(rule: BalanceRule) -> None:
    assert "(37,5 pct.)" in assess(3, 5, rule).details[0]


def test_a_single_person_cannot_be_balanced(rule: BalanceRule) -> None:
    result = assess(1, 0, rule)
    assert not result.balanced and not result.achievable and result.missing == 0
    assert "én person" in result.headline


def test_a_group_of_three_cannot_reach_40_pct_and_is_told_why(rule: BalanceRule) -> None:
    result = assess(1, 2, rule)
    assert not result.balanced and not result.achievable and result.missing == 0
    assert result.headline == "En gruppe på 3 personer kan ikke blive kønsbalanceret efter 40 pct.-grænsen."
    assert "højst være 1 af 3 (33 pct.)" in result.details[0]


@pytest.mark.parametrize(("raw", "field", "message"), [
    ({"kvinder": "", "maend": "3"}, "kvinder", "Udfyld antal kvinder."),
    ({"kvinder": "2", "maend": "abc"}, "maend", "Antal mænd skal være et helt tal, fx 3."),
    ({"kvinder": "-1", "maend": "3"}, "kvinder", "Antal kvinder kan ikke være negativt."),
    ({"kvinder": "1.5", "maend": "3"}, "kvinder", "Antal kvinder skal være et helt tal, fx 3."),
    ({"kvinder": "0", "maend": "0"}, "kvinder", "Gruppen skal have mindst én person."),
    ({"kvinder": "<script>", "maend": "1"}, "kvinder", "Antal kvinder skal være et helt tal, fx 3."),
])
def test_bad_input_gives_a_danish_message_naming_the_field(rule: BalanceRule, raw: dict, field: str,
                                                          message: str) -> None:
    with pytest.raises(InputError) as caught:
        assess_form(raw, rule)
    assert [(e.field, e.message) for e in caught.value.errors] == [(field, message)]


def test_table_rows(rule: BalanceRule) -> None:
    rows = table(rule, range(1, 21))
    assert [r["size"] for r in rows] == list(range(1, 21))
    assert rows[6] == {"size": 7, "achievable": True, "minimum": 3, "maximum_other": 4, "share": "43 pct.",
                       "from_table": False, "basis": "Mindst 40 pct., rundet op til hele personer"}
    assert rows[2]["achievable"] is False and rows[2]["minimum"] is None
    assert rows[2]["basis"] == ("Kan ikke blive kønsbalanceret: det underrepræsenterede køn er højst "
                                "1 af 3 (33 pct.)")
    assert [r["size"] for r in rows if not r["achievable"]] == [1, 3]
    assert rows[0]["basis"] == "Kan ikke blive kønsbalanceret: én person kan kun være af ét køn"


@given(women=st.integers(0, 500), men=st.integers(0, 500))
def test_any_valid_group_gets_a_consistent_answer(rule: BalanceRule, women: int, men: int) -> None:
    if women + men == 0:
        return
    result = assess(women, men, rule)
    assert result.balanced == (result.achievable and min(women, men) >= rule.minimum(women + men))
    assert result.balanced == (result.missing == 0 and result.achievable)


@given(raw=st.dictionaries(st.sampled_from(["kvinder", "maend"]),
                           st.one_of(st.text(max_size=12), st.integers(-5, 10**8))))
def test_bridge_never_raises_on_any_input(rule_data: dict, raw: dict) -> None:
    answer = json.loads(bridge.call("balance.assess", json.dumps({"rule": rule_data, "input": raw})))
    assert answer["ok"] or all(e["field"] in ("kvinder", "maend") and e["message"]
                               for e in answer["errors"])


def test_bridge_only_calls_registered_functions() -> None:
    answer = json.loads(bridge.call("os.system", "{}"))
    assert answer == {"ok": False, "errors": [{"field": "", "message": "Ukendt beregning."}]}
