""""Følg op": the history of a target, year after year (issue 18).

A history is the scenario the target was set with in "Sæt måltal" (the same form values the måltal
widget keeps in localStorage "kb-maaltal-scenario", checked by scenario.parse_scenario: turnover,
recruitment share, target, target year, probability, starting status and year) plus, for years after
the starting year, the status per 31 December: women and men in top management, the board where
there is one, optionally the year's appointments (new leaders, and how many of them of the gender
the target follows) and whether a policy exists.

The plain dict form (`History.to_dict`, read back by `parse_history`) is what the page keeps in
localStorage, what the JSON file holds and what the share link encodes::

    {"scenarie": {<"Sæt måltal" form values>},
     "status": [{"aar": 2025, "kvinder": 4, "maend": 8, "bestyrelse_kvinder": "", "bestyrelse_maend": "",
                 "nye_ledere": 2, "heraf": 1, "politik": "ja"}, ...]}

Rules (Danish field errors, all reported together): years after the starting year only, each at most
once, at most MAX_YEARS after it (the projection's reach) and not after `this_year` when given; gaps
are allowed; the group may shrink or grow (see opfoelgning_track for how a changed size is compared);
appointments are both given or both empty, and "heraf" is at most "nye_ledere". Anything that is not
a plain value of the expected kind is refused with a message, never evaluated or echoed back.

Field names of errors: "scenarie.<name>" for the scenario, "status" for the list, and
"status.<index>.<name>" for a year's fields (index in the list as given).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any

from koensbalance.errors import FieldError, InputError, parse_count
from koensbalance.maaltal.projection import MAX_SIZE, MAX_YEARS
from koensbalance.maaltal.scenario import FIELDS, LAST_YEAR, MAX_RAW_LENGTH, Scenario, parse_scenario
from koensbalance.maaltal.targets import NOUNS

MAX_RECORDS = MAX_YEARS  # one record per year within the projection's reach
POLICY_CHOICES = ("ja", "nej", "")
POLICY_TEXT = {"ja": "Ja", "nej": "Nej", "": "Ikke oplyst"}
# A year's fields, as the page names its inputs (see record_labels).
RECORD_FIELDS = ("aar", "kvinder", "maend", "bestyrelse_kvinder", "bestyrelse_maend", "nye_ledere",
                 "heraf", "politik")
BROKEN = "Opfølgningen kan ikke læses."


def record_labels(gender: str) -> dict[str, str]:
    """Labels of a year's fields; "heraf" names the gender the target follows."""
    return {
        "aar": "Året (status pr. 31. december)",
        "kvinder": "Antal kvinder i den øverste ledelse",
        "maend": "Antal mænd i den øverste ledelse",
        "bestyrelse_kvinder": "Antal kvinder i bestyrelsen",
        "bestyrelse_maend": "Antal mænd i bestyrelsen",
        "nye_ledere": "Antal nye ledere i årets løb",
        "heraf": f"Heraf {NOUNS[gender]}",
        "politik": "Politik for kønsfordelingen",
    }


@dataclass(frozen=True)
class YearRecord:
    """The status per 31 December of one year, and optionally the year's appointments."""

    year: int
    women: int
    men: int
    board_women: int | None  # None: not given (or no board)
    board_men: int | None
    appointed: int | None  # new leaders in top management during the year; None: not given
    appointed_followed: int | None  # of them, of the gender the target follows
    policy: str  # "ja", "nej" or "" (not given)

    @property
    def size(self) -> int:
        return self.women + self.men

    def count(self, gender: str) -> int:
        return self.men if gender == "maend" else self.women

    def to_dict(self) -> dict[str, Any]:
        def blank(value: int | None) -> int | str:
            return "" if value is None else value

        return {"aar": self.year, "kvinder": self.women, "maend": self.men,
                "bestyrelse_kvinder": blank(self.board_women), "bestyrelse_maend": blank(self.board_men),
                "nye_ledere": blank(self.appointed), "heraf": blank(self.appointed_followed),
                "politik": self.policy}


@dataclass(frozen=True)
class History:
    scenario: Scenario
    scenario_values: Mapping[str, str]  # the form values as given (kept for storage and export)
    records: tuple[YearRecord, ...]  # in the order given

    @property
    def gender(self) -> str:
        """The gender the target follows: the one underrepresented at the start (fixed from then on)."""
        return self.scenario.under

    @property
    def start_year(self) -> int:
        return self.scenario.status_year

    def sorted_records(self) -> list[YearRecord]:
        return sorted(self.records, key=lambda r: r.year)

    def latest(self) -> YearRecord | None:
        return max(self.records, key=lambda r: r.year, default=None)

    def to_dict(self) -> dict[str, Any]:
        return {"scenarie": dict(self.scenario_values), "status": [r.to_dict() for r in self.records]}


# ---- parsing ------------------------------------------------------------------------------------

def _scenario_values(raw: object, errors: list[FieldError]) -> dict[str, str] | None:
    """The scenario's form values as strings; only the known fields, only short plain values."""
    if not isinstance(raw, Mapping):
        errors.append(FieldError("scenarie", "Opfølgningen har ikke noget scenarie fra »Sæt måltal«. "
                                             "Hent det fra »Sæt måltal«."))
        return None
    values: dict[str, str] = {}
    for name in FIELDS:
        value = raw.get(name, "")
        if isinstance(value, bool) or not isinstance(value, str | int) \
                or len(str(value)) > MAX_RAW_LENGTH:
            errors.append(FieldError(f"scenarie.{name}", "Scenariet fra »Sæt måltal« indeholder en "
                                                         "værdi, der ikke kan bruges. Hent det igen."))
            continue
        values[name] = str(value)
    return values


def _parse_scenario(raw: object, institutions: Collection[str],
                    errors: list[FieldError]) -> tuple[Scenario | None, dict[str, str] | None]:
    values = _scenario_values(raw, errors)
    if values is None or any(e.field.startswith("scenarie.") for e in errors):
        return None, values
    try:
        return parse_scenario(values, institutions), values
    except InputError as exc:
        errors += [FieldError(f"scenarie.{e.field}", e.message) for e in exc.errors]
        return None, values


def _optional_count(raw: Mapping[str, Any], name: str, where: str, label: str, high: int,
                    errors: list[FieldError]) -> int | None:
    value = raw.get(name, "")
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return _required_count(value, name, where, label, high, errors)


def _required_count(value: object, name: str, where: str, label: str, high: int,
                    errors: list[FieldError]) -> int | None:
    if isinstance(value, str) and len(value) > MAX_RAW_LENGTH:
        errors.append(FieldError(f"{where}.{name}", f"{label} er for langt til at være et tal."))
        return None
    count, error = parse_count("" if value is None else value, f"{where}.{name}", label)
    if error:
        errors.append(error)
        return None
    assert count is not None
    if count > high:
        errors.append(FieldError(f"{where}.{name}", f"{label} kan højst være {high}."))
        return None
    return count


def _both_or_neither(first: int | None, second: int | None, names: tuple[str, str], where: str,
                     labels: Mapping[str, str], errors: list[FieldError]) -> bool:
    """True when both are given; an error when exactly one is (and the other had no error already)."""
    if (first is None) == (second is None):
        return first is not None
    missing = names[1] if second is None else names[0]
    if not any(e.field in (f"{where}.{n}" for n in names) for e in errors):
        other = labels[names[0] if missing == names[1] else names[1]].lower()
        errors.append(FieldError(f"{where}.{missing}", f"Udfyld {labels[missing].lower()} (eller lad "
                                                       f"også {other} stå tomt)."))
    return False


def _year_problem(year: int, start: int, this_year: int | None) -> str | None:
    """Why `year` cannot be recorded (None when it can): at or before the start, not over yet, or
    beyond the projection's reach."""
    last = min(start + MAX_YEARS, LAST_YEAR, LAST_YEAR if this_year is None else this_year)
    if year <= start:
        return (f"{year} er ikke efter udgangspunktet: scenariet har status pr. 31. december {start}. "
                f"Registrér årene fra {start + 1}.")
    if year <= last:
        return None
    if this_year is not None and last == this_year:
        if last <= start:
            return (f"{year} er ikke slut endnu. Status pr. 31. december {start} er udgangspunktet; "
                    f"registrér {start + 1}, når året er omme.")
        return f"{year} er ikke slut endnu. Registrér et år fra {start + 1} til {last}."
    return (f"{year} ligger mere end {MAX_YEARS} år efter udgangspunktet ({start}). Registrér et år "
            f"fra {start + 1} til {last}.")


def _record(raw: object, index: int, scenario: Scenario, this_year: int | None,
            errors: list[FieldError]) -> tuple[int | None, YearRecord | None]:
    """(the year, when it is valid; the record, when all of it is valid)."""
    where = f"status.{index}"
    if not isinstance(raw, Mapping):
        errors.append(FieldError(where, f"Linje {index + 1} i opfølgningen kan ikke læses."))
        return None, None
    labels = record_labels(scenario.under)
    before = len(errors)
    year = _required_count(raw.get("aar", ""), "aar", where, labels["aar"], 10**7, errors)
    message = None if year is None else _year_problem(year, scenario.status_year, this_year)
    if message:
        errors.append(FieldError(f"{where}.aar", message))
        year = None
    women = _required_count(raw.get("kvinder", ""), "kvinder", where, labels["kvinder"], MAX_SIZE, errors)
    men = _required_count(raw.get("maend", ""), "maend", where, labels["maend"], MAX_SIZE, errors)
    if women is not None and men is not None:
        if women + men < 1:
            errors.append(FieldError(f"{where}.kvinder", "Den øverste ledelse skal have mindst én "
                                                         "person."))
        elif women + men > MAX_SIZE:
            errors.append(FieldError(f"{where}.kvinder", f"Beregningen kan højst regne på {MAX_SIZE} "
                                                         f"personer i den øverste ledelse."))
    board_women = board_men = None
    if scenario.has_board:  # without a board the board fields are ignored (as in "Sæt måltal")
        board_women = _optional_count(raw, "bestyrelse_kvinder", where, labels["bestyrelse_kvinder"],
                                      100_000, errors)
        board_men = _optional_count(raw, "bestyrelse_maend", where, labels["bestyrelse_maend"],
                                    100_000, errors)
        if _both_or_neither(board_women, board_men, ("bestyrelse_kvinder", "bestyrelse_maend"), where,
                            labels, errors) and (board_women or 0) + (board_men or 0) < 1:
            errors.append(FieldError(f"{where}.bestyrelse_kvinder", "Bestyrelsen skal have mindst én "
                                                                    "person."))
    appointed = _optional_count(raw, "nye_ledere", where, labels["nye_ledere"], MAX_SIZE, errors)
    followed = _optional_count(raw, "heraf", where, labels["heraf"], MAX_SIZE, errors)
    if _both_or_neither(appointed, followed, ("nye_ledere", "heraf"), where, labels, errors):
        assert appointed is not None and followed is not None
        if followed > appointed:
            errors.append(FieldError(f"{where}.heraf", f"{labels['heraf']} kan ikke være flere end "
                                                       f"antallet af nye ledere ({appointed})."))
    policy = raw.get("politik", "")
    if policy is None:
        policy = ""
    if not isinstance(policy, str) or policy.strip() not in POLICY_CHOICES:
        errors.append(FieldError(f"{where}.politik", f"Vælg {labels['politik'].lower()} på listen "
                                                     f"(ja, nej eller ikke oplyst)."))
        policy = ""
    if len(errors) > before:
        _name_the_year(errors, before, year, index)
        return year, None
    assert year is not None and women is not None and men is not None
    both_board = board_women is not None and board_men is not None
    both_appointed = appointed is not None and followed is not None
    return year, YearRecord(year=year, women=women, men=men,
                            board_women=board_women if both_board else None,
                            board_men=board_men if both_board else None,
                            appointed=appointed if both_appointed else None,
                            appointed_followed=followed if both_appointed else None,
                            policy=policy.strip())


def _name_the_year(errors: list[FieldError], since: int, year: int | None, index: int) -> None:
    """Prefix this record's messages with its year (or line), so a message read alone says where."""
    where = f"{year}" if year is not None else f"Linje {index + 1}"
    for i in range(since, len(errors)):
        errors[i] = FieldError(errors[i].field, f"{where}: {errors[i].message}")


def parse_history(raw: object, institutions: Collection[str], this_year: int | None = None) -> History:
    """Validate a plain history dict (JSON values or form strings); InputError lists every problem.

    `institutions`: the institution kinds of the duties data; `this_year`: when given, years after it
    are refused (their status per 31 December does not exist yet)."""
    if not isinstance(raw, Mapping):
        raise InputError([FieldError("", BROKEN)])
    errors: list[FieldError] = []
    scenario, values = _parse_scenario(raw.get("scenarie"), institutions, errors)
    raw_records = raw.get("status", [])
    if raw_records is None:
        raw_records = []
    if not isinstance(raw_records, list):
        errors.append(FieldError("status", "Opfølgningen har ingen liste over år."))
        raw_records = []
    if len(raw_records) > MAX_RECORDS:
        errors.append(FieldError("status", f"Opfølgningen kan højst have {MAX_RECORDS} år."))
        raw_records = raw_records[:MAX_RECORDS]
    if scenario is None:
        raise InputError(errors)
    records: list[YearRecord] = []
    seen: dict[int, int] = {}
    for index, item in enumerate(raw_records):
        year, record = _record(item, index, scenario, this_year, errors)
        if year is not None and year in seen:
            errors.append(FieldError(f"status.{index}.aar", f"{year} er registreret to gange (linje "
                                                            f"{seen[year] + 1} og {index + 1}). Ret "
                                                            f"eller slet den ene."))
            continue
        if year is not None:
            seen[year] = index
        if record is not None:
            records.append(record)
    if errors:
        raise InputError(errors)
    assert values is not None
    return History(scenario=scenario, scenario_values=values, records=tuple(records))
