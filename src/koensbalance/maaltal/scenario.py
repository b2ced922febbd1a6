"""The "Sæt måltal" scenario: raw form values (strings from the page, the URL or localStorage) are
checked here and turned into typed values. Every problem gets a Danish message naming its field, and
all problems are reported together (InputError)."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass

from koensbalance.errors import FieldError, InputError
from koensbalance.maaltal.projection import MAX_SIZE, MAX_YEARS
from koensbalance.text import format_count, format_number, parse_decimal, parse_whole, sentence

MAX_EMPLOYEES = 10_000_000
FIRST_YEAR, LAST_YEAR = 2000, 2100
MAX_RAW_LENGTH = 40  # longer values (from a URL, say) are rejected before any parsing

# Field name -> label used in messages and on the page (the template shows the same labels).
LABELS = {
    "institution": "Type af institution",
    "medarbejdere": "Antal medarbejdere",
    "bestyrelse": "Bestyrelse eller andet kollektivt ledelsesorgan",
    "bestyrelse_kvinder": "Antal kvinder i bestyrelsen",
    "bestyrelse_maend": "Antal mænd i bestyrelsen",
    "kvinder": "Antal kvinder i den øverste ledelse",
    "maend": "Antal mænd i den øverste ledelse",
    "pipeline_kvinder": "Antal kvinder på niveauet under",
    "pipeline_maend": "Antal mænd på niveauet under",
    "afgang": "Afgang pr. år",
    "rekruttering": "Andel af det underrepræsenterede køn blandt nye ledere",
    "maal": "Måltal",
    "sikkerhed": "Sandsynlighed",
    "aar": "Status pr. 31. december",
    "maalaar": "Måltallet skal være nået i",
    "horisont": "Antal år i fremskrivningen",
}
FIELDS = tuple(LABELS)

# Each field as the subject of a message: every message is a sentence about its field.
SUBJECTS = {
    "institution": "Typen af institution",
    "medarbejdere": "Antallet af medarbejdere",
    "bestyrelse": "Bestyrelsen",
    "bestyrelse_kvinder": "Antallet af kvinder i bestyrelsen",
    "bestyrelse_maend": "Antallet af mænd i bestyrelsen",
    "kvinder": "Antallet af kvinder i den øverste ledelse",
    "maend": "Antallet af mænd i den øverste ledelse",
    "pipeline_kvinder": "Antallet af kvinder på niveauet under",
    "pipeline_maend": "Antallet af mænd på niveauet under",
    "afgang": "Afgangen pr. år",
    "rekruttering": "Andelen af det underrepræsenterede køn blandt nye ledere",
    "maal": "Måltallet",
    "sikkerhed": "Sandsynligheden",
    "aar": "Statusåret",
    "maalaar": "Måltalsåret",
    "horisont": "Antallet af år i fremskrivningen",
}
OBJECTS = {"aar": "året for status pr. 31. december", "maalaar": "det år, måltallet skal være nået i"}
EXAMPLES = {
    "medarbejdere": "250 eller 1.200", "bestyrelse_kvinder": "3", "bestyrelse_maend": "4",
    "kvinder": "3", "maend": "9", "pipeline_kvinder": "18", "pipeline_maend": "22",
    "afgang": "15 eller 12,5", "rekruttering": "45 eller 12,5", "maal": "40", "sikkerhed": "80",
    "aar": "2025", "maalaar": "2030", "horisont": "10",
}
WHOLE_KINDS = {"maal": "et helt antal procent uden decimaler", "aar": "et årstal",
               "maalaar": "et årstal"}
YEAR_FIELDS = ("aar", "maalaar")
CHOICE_MESSAGES = {
    "institution": "Vælg typen af institution på listen.",
    "bestyrelse": "Vælg på listen, om institutionen har en bestyrelse eller et andet kollektivt "
                  "ledelsesorgan.",
}


@dataclass(frozen=True)
class Scenario:
    institution: str
    employees: int
    has_board: bool
    board_women: int
    board_men: int
    women: int
    men: int
    pipeline_women: int | None  # None when the level below is not given
    pipeline_men: int | None
    turnover: float  # 0..1 per year
    recruit_input: float | None  # 0..1, None: use the pipeline share
    target_pct: int  # 1..100
    probability: float  # 0.01..0.99
    status_year: int
    target_year: int
    horizon: int  # 1..MAX_YEARS

    @property
    def size(self) -> int:
        return self.women + self.men

    @property
    def under(self) -> str:
        """The followed gender: the underrepresented one today (women when equal)."""
        return "maend" if self.men < self.women else "kvinder"

    @property
    def under_count(self) -> int:
        return self.men if self.under == "maend" else self.women

    @property
    def pipeline_share(self) -> float | None:
        if self.pipeline_women is None or self.pipeline_men is None:
            return None
        total = self.pipeline_women + self.pipeline_men
        if total == 0:
            return None
        return (self.pipeline_men if self.under == "maend" else self.pipeline_women) / total

    @property
    def recruit(self) -> float:
        """Share of the followed gender among new appointments: given, or the pipeline's share."""
        if self.recruit_input is not None:
            return self.recruit_input
        share = self.pipeline_share
        assert share is not None  # parse_scenario guarantees one of the two
        return share


def _text(raw: Mapping[str, object], name: str) -> str:
    value = raw.get(name, "")
    if isinstance(value, bool):
        return "x"  # never a valid number or choice
    return value.strip() if isinstance(value, str) else str(value)


def _object(name: str) -> str:
    """The field as the object of a sentence: 'Skriv antallet af medarbejdere, fx 250.'"""
    subject = SUBJECTS[name]
    return OBJECTS.get(name, subject[0].lower() + subject[1:])


def _missing(name: str) -> FieldError:
    return FieldError(name, f"Skriv {_object(name)}, fx {EXAMPLES[name]}.")


def _decimal(text: str, name: str, low: float, high: float,
                  unit: str = "pct.") -> tuple[float | None, FieldError | None]:
    """A number like '15', '12,5' or '12.5' between low and high; Danish message on failure."""
    subject = SUBJECTS[name]
    value = parse_decimal(text.removesuffix("%").removesuffix("pct.").strip())
    if value is None:
        return None, FieldError(name, f"{subject} skal være et tal mellem {format_number(low)} og "
                                      f"{format_number(high)} {unit}, fx {EXAMPLES[name]}.")
    if not low <= value <= high:
        return None, FieldError(name, sentence(f"{subject} skal være mellem {format_number(low)} og "
                                               f"{format_number(high)} {unit}"))
    return value, None


def _count(raw: Mapping[str, object], name: str, errors: list[FieldError],
           required: bool = True) -> int | None:
    """A whole number >= 0, also as Danes write it ("1.200", "20.000"); the target may carry its unit."""
    text = _text(raw, name)
    if name == "maal":
        text = text.removesuffix("%").removesuffix("pct.").strip()
    if not text:
        if required:
            errors.append(_missing(name))
        return None
    subject = SUBJECTS[name]
    if len(text) > MAX_RAW_LENGTH:
        errors.append(FieldError(name, f"{subject} er for langt til at være et tal."))
        return None
    if text.startswith("-") and parse_decimal(text[1:]) is not None:
        errors.append(FieldError(name, f"{subject} kan ikke være negativt."))
        return None
    value = parse_whole(text)
    if value is None:
        kind = WHOLE_KINDS.get(name, "et helt tal")
        errors.append(FieldError(name, f"{subject} skal være {kind}, fx {EXAMPLES[name]}."))
        return None
    return value


def _bounded_int(raw: Mapping[str, object], name: str, low: int, high: int, errors: list[FieldError],
                 unit: str = "") -> int | None:
    value = _count(raw, name, errors)
    if value is not None and not low <= value <= high:
        numbers = (str(low), str(high)) if name in YEAR_FIELDS else (format_count(low), format_count(high))
        errors.append(FieldError(name, sentence(f"{SUBJECTS[name]} skal være mellem {numbers[0]} og "
                                                f"{numbers[1]}" + (f" {unit}" if unit else ""))))
        return None
    return value


def _percent(raw: Mapping[str, object], name: str, low: float, high: float, errors: list[FieldError],
             required: bool = True) -> float | None:
    text = _text(raw, name)
    if not text:
        if required:
            errors.append(_missing(name))
        return None
    if len(text) > MAX_RAW_LENGTH:
        errors.append(FieldError(name, f"{SUBJECTS[name]} er for langt til at være et tal."))
        return None
    value, error = _decimal(text, name, low, high)
    if error:
        errors.append(error)
    return value


def _choice(raw: Mapping[str, object], name: str, allowed: Collection[str],
            errors: list[FieldError]) -> str | None:
    text = _text(raw, name)
    if text not in allowed:
        errors.append(FieldError(name, CHOICE_MESSAGES[name]))
        return None
    return text


def parse_scenario(raw: Mapping[str, object], institutions: Collection[str]) -> Scenario:
    """Check every field; raise InputError listing all problems, or return the typed scenario.

    `institutions` are the institution kinds the duties data knows (catalogue/maaltal/pligter.yaml)."""
    errors: list[FieldError] = []
    institution = _choice(raw, "institution", institutions, errors)
    employees = _bounded_int(raw, "medarbejdere", 0, MAX_EMPLOYEES, errors)
    board = _choice(raw, "bestyrelse", ("ja", "nej"), errors)
    has_board = board == "ja"
    # The board's numbers only count when there is a board (hidden fields are ignored otherwise).
    board_women = (_count(raw, "bestyrelse_kvinder", errors) or 0) if has_board else 0
    board_men = (_count(raw, "bestyrelse_maend", errors) or 0) if has_board else 0
    if has_board and not _has_error(errors, "bestyrelse_kvinder", "bestyrelse_maend") \
            and board_women + board_men < 1:
        errors.append(FieldError("bestyrelse_kvinder", "Bestyrelsen skal have mindst én person."))
    women = _count(raw, "kvinder", errors)
    men = _count(raw, "maend", errors)
    if women is not None and men is not None:
        if women + men < 1:
            errors.append(FieldError("kvinder", "Den øverste ledelse skal have mindst én person."))
        elif women + men > MAX_SIZE:
            errors.append(FieldError("kvinder", f"Beregningen kan højst regne på {MAX_SIZE} personer i "
                                                f"den øverste ledelse."))
    pipeline_women = _count(raw, "pipeline_kvinder", errors, required=False)
    pipeline_men = _count(raw, "pipeline_maend", errors, required=False)
    if (pipeline_women is None) != (pipeline_men is None) and \
            not _has_error(errors, "pipeline_kvinder", "pipeline_maend"):
        missing = "pipeline_maend" if pipeline_men is None else "pipeline_kvinder"
        errors.append(FieldError(missing, f"Skriv {_object(missing)} – eller lad begge felter om "
                                          f"niveauet under stå tomme."))
    turnover = _percent(raw, "afgang", 0, 100, errors)
    recruit = _percent(raw, "rekruttering", 0, 100, errors, required=False)
    pipeline_given = pipeline_women is not None and pipeline_men is not None \
        and pipeline_women + pipeline_men > 0
    if recruit is None and not pipeline_given and not _has_error(errors, "rekruttering"):
        errors.append(FieldError("rekruttering", f"Skriv {_object('rekruttering')} – eller antallet af "
                                                 f"kvinder og mænd på niveauet under."))
    target = _bounded_int(raw, "maal", 1, 100, errors, "pct.")
    probability = _percent(raw, "sikkerhed", 1, 99, errors)
    status_year = _bounded_int(raw, "aar", FIRST_YEAR, LAST_YEAR, errors)
    horizon = _bounded_int(raw, "horisont", 1, MAX_YEARS, errors, "år")
    target_year = _count(raw, "maalaar", errors)
    if None not in (target_year, status_year, horizon):
        assert target_year is not None and status_year is not None and horizon is not None
        if not status_year < target_year <= status_year + horizon:
            errors.append(FieldError("maalaar", f"Måltallet skal være nået i et år fra "
                                                f"{status_year + 1} til {status_year + horizon} "
                                                f"(inden for fremskrivningen)."))
    if errors:
        raise InputError(errors)
    assert institution is not None and employees is not None and women is not None
    assert men is not None and turnover is not None and target is not None
    assert probability is not None and status_year is not None and horizon is not None
    assert target_year is not None
    return Scenario(institution=institution, employees=employees, has_board=has_board,
                    board_women=board_women, board_men=board_men, women=women, men=men,
                    pipeline_women=pipeline_women, pipeline_men=pipeline_men,
                    turnover=turnover / 100, recruit_input=None if recruit is None else recruit / 100,
                    target_pct=target, probability=probability / 100, status_year=status_year,
                    target_year=target_year, horizon=horizon)


def _has_error(errors: list[FieldError], *names: str) -> bool:
    return any(e.field in names for e in errors)
