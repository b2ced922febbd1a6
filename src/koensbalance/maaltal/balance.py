"""Is a leadership group gender-balanced?

Rule: "det underrepræsenterede køn skal udgøre mindst 40 pct." (Kønsbalance i ledelse, afsnit 2,
"Reglerne om måltal og politikker for kønssammensætningen i bestyrelser og øverste ledelse"), applied
to every group size in whole persons: at least 40 pct. of the group, rounded up. Official exceptions
per group size would come from the catalogue (catalogue/maaltal/balance.yaml, `smaa_grupper`, each
with its source); there are none today, because no official table for § 11 could be found. The rule is
passed in as data, so it can be corrected without touching code. A group in which no composition
reaches the minimum for both genders (1 or 3 persons at 40 pct.) cannot be balanced, and says so.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any

from koensbalance.errors import FieldError, InputError, parse_count
from koensbalance.text import format_pct, plural

MAX_GROUP_SIZE = 100_000
GENDER_NOUNS = {"kvinder": ("kvinde", "kvinder"), "maend": ("mand", "mænd")}


@dataclass(frozen=True)
class BalanceRule:
    min_share_pct: int
    small_groups: tuple[tuple[int, int], ...]

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> BalanceRule:
        """Build the rule from the catalogue's balance entry (plain dict, as parsed from YAML/JSON)."""
        table = tuple(
            sorted((int(row["gruppestoerrelse"]), int(row["mindst"])) for row in data["smaa_grupper"])
        )
        return cls(min_share_pct=int(data["mindste_andel_pct"]), small_groups=table)

    def minimum(self, size: int) -> int:
        """Fewest members of the underrepresented gender a group of `size` needs to be balanced."""
        if size < 1:
            raise ValueError("group size must be at least 1")
        table = dict(self.small_groups)
        if size in table:
            return table[size]
        # At least min_share_pct of the group, in whole persons (rounded up).
        return -(-size * self.min_share_pct // 100)

    def achievable(self, size: int) -> bool:
        """Can a group of `size` be balanced at all (both genders at least the minimum)?"""
        return 2 * self.minimum(size) <= size

    def basis(self, size: int) -> str:
        """How the minimum for `size` is found, in Danish, for tables and answers."""
        if self.from_table(size):
            return "officiel tabel for små grupper"
        return f"mindst {self.min_share_pct} pct., rundet op til hele personer"

    def from_table(self, size: int) -> bool:
        return size in dict(self.small_groups)


@dataclass(frozen=True)
class BalanceAssessment:
    women: int
    men: int
    size: int
    underrepresented: str | None  # "kvinder", "maend", or None when equal
    under_count: int
    share_pct: float
    minimum: int
    missing: int
    balanced: bool
    achievable: bool
    rounded_by_table: bool
    group: str
    headline: str
    details: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["details"] = list(self.details)
        return data


def _noun(gender: str, count: int) -> str:
    singular, plural_form = GENDER_NOUNS[gender]
    return plural(count, singular, plural_form)


def assess(women: int, men: int, rule: BalanceRule) -> BalanceAssessment:
    """Assess a group of `women` and `men` against the balance rule."""
    size = women + men
    if size < 1:
        raise InputError([FieldError("kvinder", "Gruppen skal have mindst én person.")])
    if size > MAX_GROUP_SIZE:
        raise InputError([FieldError("kvinder", "Gruppen er urealistisk stor.")])
    minimum = rule.minimum(size)
    achievable = rule.achievable(size)
    if women == men:
        under, under_count = None, women
    else:
        under = "kvinder" if women < men else "maend"
        under_count = min(women, men)
    share = 100.0 * under_count / size
    balanced = achievable and under_count >= minimum
    missing = max(0, minimum - under_count) if achievable else 0
    headline, details = _describe(women, men, size, under, under_count, share, minimum, missing,
                                  balanced, achievable, rule)
    group = f"{_noun('kvinder', women)} og {_noun('maend', men)}, i alt {size}"
    return BalanceAssessment(women, men, size, under, under_count, round(share, 6), minimum, missing,
                             balanced, achievable, rule.from_table(size), group, headline, details)


def _describe(women: int, men: int, size: int, under: str | None, under_count: int, share: float,
              minimum: int, missing: int, balanced: bool, achievable: bool,
              rule: BalanceRule) -> tuple[str, tuple[str, ...]]:
    if not achievable and size == 1:
        return (
            "En gruppe på én person kan ikke være kønsbalanceret.",
            ("Der skal være mindst to personer i gruppen, før begge køn kan være repræsenteret.",),
        )
    if not achievable:
        most = size // 2
        return (
            f"En gruppe på {size} personer kan ikke blive kønsbalanceret efter "
            f"{rule.min_share_pct} pct.-grænsen.",
            (f"Det underrepræsenterede køn kan højst være {most} af {size} "
             f"({format_pct(100.0 * most / size, 0)}), og det er under {rule.min_share_pct} pct. "
             f"Sitet runder ikke ned for små grupper – se noten på siden "
             f"»Er ledelsen kønsbalanceret?«.",),
        )
    rule_text = f"I en gruppe på {size} skal det underrepræsenterede køn være mindst {minimum}" \
                f" ({rule.basis(size)})."
    if under is None:
        return (
            "Ja – gruppen er kønsbalanceret.",
            (f"Der er lige mange kvinder og mænd: {women} af hver.", rule_text),
        )
    status = f"Det underrepræsenterede køn er {under.replace('maend', 'mænd')}: " \
             f"{_noun(under, under_count)} af {size} ({format_pct(share, 1)})."
    if balanced:
        return ("Ja – gruppen er kønsbalanceret.", (status, rule_text))
    more = f"Der mangler {_noun(under, missing)}, for at gruppen er kønsbalanceret " \
           f"med samme størrelse."
    return ("Nej – gruppen er ikke kønsbalanceret.", (status, rule_text, more))


def assess_form(raw: Mapping[str, object], rule: BalanceRule) -> BalanceAssessment:
    """Validate raw form values (strings from the page) and assess them."""
    women, err_w = parse_count(raw.get("kvinder", ""), "kvinder", "Antal kvinder")
    men, err_m = parse_count(raw.get("maend", ""), "maend", "Antal mænd")
    errors = [e for e in (err_w, err_m) if e is not None]
    if errors:
        raise InputError(errors)
    assert women is not None and men is not None
    return assess(women, men, rule)


def table(rule: BalanceRule, sizes: range) -> list[dict[str, Any]]:
    """Rows for the printed table: group size, minimum, the other gender's maximum, share, basis.
    A size that cannot be balanced has no minimum; its row says why instead."""
    rows: list[dict[str, Any]] = []
    for n in sizes:
        if not rule.achievable(n):
            most = n // 2
            why = "én person kan kun være af ét køn" if n == 1 else \
                f"det underrepræsenterede køn er højst {most} af {n} ({format_pct(100.0 * most / n, 0)})"
            rows.append({"size": n, "achievable": False, "minimum": None, "maximum_other": None,
                         "share": None, "from_table": rule.from_table(n),
                         "basis": f"Kan ikke blive kønsbalanceret: {why}"})
            continue
        rows.append({"size": n, "achievable": True, "minimum": rule.minimum(n),
                     "maximum_other": n - rule.minimum(n),
                     "share": format_pct(100.0 * rule.minimum(n) / n, 0),
                     "from_table": rule.from_table(n), "basis": rule.basis(n).capitalize()})
    return rows
