"""The target the plan takes over from "Sæt måltal": the user's saved scenario evaluated with the
same rules and function as the måltal widget (koensbalance.maaltal.targets), reduced to the numbers
and sentences the policy draft shows in its first section."""

from __future__ import annotations

from collections.abc import Mapping

from koensbalance import text
from koensbalance.errors import FieldError, InputError
from koensbalance.maaltal import balance, targets
from koensbalance.maaltal.obligations import DutyRules
from koensbalance.maaltal.scenario import parse_scenario
from koensbalance.plan.model import Target

NO_SCENARIO = ("Der er ikke gemt et scenarie i »Sæt måltal« i denne browser endnu. Regn jeres status "
               "og måltal ud dér først.")
NOUNS = {"kvinder": ("kvinde", "kvinder"), "maend": ("mand", "mænd")}


def _count(count: int, gender: str) -> str:
    singular, plural = NOUNS[gender]
    return text.plural(count, singular, plural)


def from_form(raw: object, rule: balance.BalanceRule, duties: DutyRules) -> Target:
    """The target of a saved "Sæt måltal" scenario (its form values); InputError on field "maal"."""
    if not isinstance(raw, Mapping) or not raw:
        raise InputError([FieldError("maal", NO_SCENARIO)])
    try:
        # evaluate_form = parse_scenario + evaluate; parsed here once to keep the numbers as well.
        scenario = parse_scenario(raw, [kind.id for kind in duties.kinds])
    except InputError as exc:
        first = exc.errors[0].message if exc.errors else ""
        raise InputError([FieldError("maal", f"Scenariet i »Sæt måltal« kan ikke bruges: {first} Ret "
                                             f"det under »Sæt måltal«, og hent det igen.")]) from None
    result = targets.evaluate(scenario, rule, duties)
    under = scenario.under_count
    status = (f"{_count(scenario.women, 'kvinder')} og {_count(scenario.men, 'maend')} i den øverste "
              f"ledelse pr. 31. december {scenario.status_year} "
              f"({targets.share_text(under / scenario.size)} {NOUNS[scenario.under][1]})")
    return Target(status_aar=scenario.status_year, i_alt=scenario.size, kvinder=scenario.women,
                  maend=scenario.men, koen=scenario.under, maaltal_pct=scenario.target_pct,
                  maal_aar=scenario.target_year, status_tekst=status,
                  maaltal_tekst=str(result["target_text"]), rekruttering_tekst=str(result["inverse"]))


def from_payload(raw_input: object, rules: object) -> Target:
    """Bridge form: the saved scenario and the rules the måltal widget sends ({"balance", "duties"})."""
    if not isinstance(rules, Mapping) or "balance" not in rules or "duties" not in rules:
        raise InputError([FieldError("config", "Sidens regler for måltal kan ikke læses. Genindlæs "
                                               "siden.")])
    rule = balance.BalanceRule.from_data(rules["balance"])
    duties = DutyRules.from_data(rules["duties"])
    return from_form(raw_input, rule, duties)
