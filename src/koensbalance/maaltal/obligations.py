"""Which duties under ligestillingslovens § 11 apply to an institution?

The duties and their conditions are data (catalogue/maaltal/pligter.yaml), each pointing at the rule
entry it comes from (catalogue/regler/); the rule's wording and source are read from that entry. The
conditions are exactly those the sources state (Kønsbalance i ledelse, afsnit 2 "Reglerne om måltal og
politikker for kønssammensætningen i bestyrelser og øverste ledelse"; the letter "Indberetning om
måltal og politikker for kønssammensætningen i ledelse", 2024):

* target for the board: institutions with a collective management body whose board is not balanced;
* target for top management and a policy: 50 or more employees and top management not balanced;
* annual reporting of status per 31 December: all institutions covered;
* for municipalities, how they report (the letter).

An entry marked `kontekst` is background, not a duty: the letter's general statement that all
municipalities are covered and "forpligtet til at opstille måltal og politikker" is shown to a
municipality "til orientering", while the conditions above decide whether a target and a policy apply
(issue 20: a municipality with balanced top management must not be told both).

This is guidance from dated sources, not legal advice; the result says so and where to check.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any

from koensbalance.maaltal.balance import BalanceAssessment
from koensbalance.text import format_count


@dataclass(frozen=True)
class RuleText:
    """A rule entry's wording and where it comes from (filled in from catalogue/regler/ by the build)."""

    id: str
    title: str
    quote: str
    source: str  # e.g. "Kønsbalance i ledelse (2023), afsnit 2. Reglerne om …"
    described: str  # "Reglerne som beskrevet i … (2023)"
    url: str  # site-relative link to the rule's page

    @classmethod
    def from_data(cls, rule_id: str, data: Mapping[str, Any]) -> RuleText:
        return cls(id=rule_id, title=str(data["titel"]), quote=str(data["citat"]),
                   source=str(data["kilde"]), described=str(data["beskriver"]), url=str(data["url"]))


@dataclass(frozen=True)
class InstitutionKind:
    id: str
    name: str
    covered: bool
    note: str | None


@dataclass(frozen=True)
class DutyCondition:
    id: str
    rule: str
    needs_board: bool
    min_employees: int | None
    not_balanced: str | None  # "bestyrelse" or "oeverste-ledelse"
    institutions: tuple[str, ...] | None
    context: bool = False  # background for these institutions, never a duty of its own


@dataclass(frozen=True)
class DutyRules:
    title: str
    base_rule: str
    rules_date: str
    changes: str
    check_current: str
    disclaimer: str
    kinds: tuple[InstitutionKind, ...]
    duties: tuple[DutyCondition, ...]
    rules: Mapping[str, RuleText]

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> DutyRules:
        """From catalogue/maaltal/pligter.yaml plus "regler": {rule id: texts} added by the build."""
        kinds = tuple(InstitutionKind(str(k["id"]), str(k["navn"]), bool(k["omfattet"]), k.get("note"))
                      for k in data["institutioner"])
        duties = tuple(
            DutyCondition(id=str(d["id"]), rule=str(d["regel"]),
                          needs_board=bool(d.get("kraever_bestyrelse", False)),
                          min_employees=d.get("mindst_medarbejdere"),
                          not_balanced=d.get("ikke_balanceret"),
                          institutions=tuple(d["institutioner"]) if d.get("institutioner") else None,
                          context=bool(d.get("kontekst", False)))
            for d in data["pligter"])
        rules = {rule_id: RuleText.from_data(rule_id, text) for rule_id, text in data["regler"].items()}
        return cls(title=str(data["titel"]), base_rule=str(data["grundregel"]),
                   rules_date=str(data["regler_dato"]), changes=str(data["aendringer"]),
                   check_current=str(data["tjek_gaeldende"]), disclaimer=str(data["forbehold"]),
                   kinds=kinds, duties=duties, rules=rules)

    def kind(self, kind_id: str) -> InstitutionKind:
        return next(k for k in self.kinds if k.id == kind_id)

    def rule_ids(self) -> list[str]:
        return [self.base_rule, *(d.rule for d in self.duties)]


@dataclass(frozen=True)
class Duty:
    id: str
    applies: bool
    reason: str
    rule: RuleText
    context: bool = False
    status: str = ""  # "Gælder", "Gælder ikke" or "Til orientering", as shown

    def __post_init__(self) -> None:
        if not self.status:
            object.__setattr__(self, "status", "Gælder" if self.applies else "Gælder ikke")

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Obligations:
    institution: str
    covered: bool
    note: str | None
    duties: tuple[Duty, ...]
    base_rule: RuleText
    rules_date: str
    changes: str
    check_current: str
    disclaimer: str

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["duties"] = [d.to_dict() for d in self.duties]
        return data


GROUP_NAMES = {"bestyrelse": "bestyrelsen", "oeverste-ledelse": "den øverste ledelse"}


def _check(duty: DutyCondition, kind: str, employees: int, has_board: bool,
           groups: Mapping[str, BalanceAssessment | None]) -> tuple[bool, str]:
    """(applies, reason in Danish). Conditions are checked in the order the rule states them."""
    reasons: list[str] = []
    if duty.institutions is not None:
        if kind not in duty.institutions:
            return False, "Gælder ikke for jer: reglen gælder kun for kommuner." \
                if duty.institutions == ("kommune",) else "Gælder ikke for jeres type institution."
        reasons.append("I er en kommune" if duty.institutions == ("kommune",) else
                       "reglen gælder for jeres type institution")
    if duty.needs_board:
        if not has_board:
            return False, "Gælder ikke for jer: I har ingen bestyrelse eller andet kollektivt " \
                          "ledelsesorgan."
        reasons.append("I har en bestyrelse eller et andet kollektivt ledelsesorgan")
    if duty.min_employees is not None:
        if employees < duty.min_employees:
            return False, f"Gælder ikke for jer: I har færre end {format_count(duty.min_employees)} " \
                          f"medarbejdere ({format_count(employees)})."
        reasons.append(f"I har {format_count(duty.min_employees)} eller flere medarbejdere "
                       f"({format_count(employees)})")
    if duty.not_balanced is not None:
        group = groups.get(duty.not_balanced)
        name = GROUP_NAMES[duty.not_balanced]
        if group is not None and group.balanced:
            return False, f"Gælder ikke for jer: {name} er allerede kønsbalanceret ({group.group})."
        detail = f" ({group.group})" if group is not None else ""
        reasons.append(f"{name} er ikke kønsbalanceret{detail}")
    if not reasons:
        return True, "Gælder for jer: alle institutioner, der er omfattet af reglerne."
    return True, "Gælder for jer: " + " og ".join(reasons) + "."


CONTEXT_REASON = ("Til orientering – ikke en selvstændig pligt. Om I skal opstille måltal og "
                  "udarbejde en politik, afgøres af pligterne ovenfor og deres betingelser.")


def obligations(rules: DutyRules, kind_id: str, employees: int, has_board: bool,
                board: BalanceAssessment | None, top: BalanceAssessment) -> Obligations:
    """The duties for one institution, each with its rule text and source, applying or not and why;
    then the background statements for its type of institution (`kontekst`), which decide nothing."""
    kind = rules.kind(kind_id)
    duties: tuple[Duty, ...] = ()
    if kind.covered:
        groups = {"bestyrelse": board, "oeverste-ledelse": top}
        duties = tuple(
            Duty(d.id, *_check(d, kind.id, employees, has_board, groups), rule=rules.rules[d.rule])
            for d in rules.duties if not d.context
        ) + tuple(
            Duty(d.id, False, CONTEXT_REASON, rule=rules.rules[d.rule], context=True,
                 status="Til orientering")
            for d in rules.duties
            if d.context and (d.institutions is None or kind.id in d.institutions)
        )
    return Obligations(institution=kind.name, covered=kind.covered, note=kind.note, duties=duties,
                       base_rule=rules.rules[rules.base_rule], rules_date=rules.rules_date,
                       changes=rules.changes, check_current=rules.check_current,
                       disclaimer=rules.disclaimer)


def with_rule_texts(data: Mapping[str, Any], texts: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
    """The duties data with the texts of the rules it names (texts: rule id -> RuleText fields in
    Danish: titel, citat, kilde, beskriver, url). Raises KeyError naming a rule that does not exist."""
    needed = [str(data["grundregel"]), *(str(d["regel"]) for d in data["pligter"])]
    missing = [rule for rule in needed if rule not in texts]
    if missing:
        raise KeyError(f"catalogue/maaltal/pligter.yaml names unknown rules: {', '.join(missing)}")
    return {**data, "regler": {rule: dict(texts[rule]) for rule in needed}}
