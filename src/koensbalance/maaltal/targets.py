""""Sæt måltal": one scenario in, everything the page shows out (plain values, Danish text).

Combines the balance rule (balance.py), the § 11 duties (obligations.py), the exact projection
(projection.py) and its inverse (inverse.py). The build renders the default scenario with this
function and the browser calls it through koensbalance.bridge ("maaltal.evaluate") on every change.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from koensbalance.maaltal import balance
from koensbalance.maaltal.chart import chart
from koensbalance.maaltal.inverse import required_share
from koensbalance.maaltal.obligations import DutyRules, obligations
from koensbalance.maaltal.projection import Projection, project, target_count
from koensbalance.maaltal.scenario import Scenario, parse_scenario
from koensbalance.text import format_number, format_pct, format_share, spreadsheet_number

NOUNS = {"kvinder": "kvinder", "maend": "mænd"}


share_text = format_share  # a share for sentences: 40 pct., 12,5 pct.


def evaluate_form(raw: Mapping[str, object], rule: balance.BalanceRule,
                  duties: DutyRules) -> dict[str, Any]:
    """Validate raw form values (InputError with Danish messages) and evaluate the scenario."""
    scenario = parse_scenario(raw, [k.id for k in duties.kinds])
    return evaluate(scenario, rule, duties)


def evaluate(s: Scenario, rule: balance.BalanceRule, duties: DutyRules) -> dict[str, Any]:
    top = balance.assess(s.women, s.men, rule)
    board = balance.assess(s.board_women, s.board_men, rule) if s.has_board else None
    duty_result = obligations(duties, s.institution, s.employees, s.has_board, board, top)
    needed = target_count(s.size, s.target_pct)
    minimum = rule.minimum(s.size) if s.size > 1 else 1
    projection = project(s.under_count, s.size, s.turnover, s.recruit, s.horizon, needed, minimum)
    noun = NOUNS[s.under]
    rows = _rows(projection, s.status_year)
    return {
        "title": f"Status og måltal pr. 31. december {s.status_year}",
        "noun": noun,
        "status": top.to_dict(),
        "board": board.to_dict() if board else None,
        "obligations": duty_result.to_dict(),
        "recruit": _recruit_text(s, noun),
        "headline": _headline(s, projection, noun),
        "inverse": _inverse_text(s, needed, noun),
        "expected": _expected_text(s, projection, noun),
        "target_text": f"Måltal: mindst {format_pct(s.target_pct)} {noun} ({needed} af {s.size}) "
                       f"senest i {s.target_year}, med {share_text(s.probability)} sandsynlighed.",
        "columns": _columns(s, noun),
        "rows": rows,
        "chart": chart(projection.years, s.status_year, rule.min_share_pct, s.target_pct, noun),
        "assumptions": _assumptions_text(s, noun),
        "csv": _csv(s, projection, noun),
        "csv_name": f"maaltal-fremskrivning-{s.status_year}.csv",
    }


def _recruit_text(s: Scenario, noun: str) -> str:
    if s.recruit_input is not None:
        return f"Andel {noun} blandt nye ledere: {share_text(s.recruit)} (jeres eget skøn)."
    assert s.pipeline_women is not None and s.pipeline_men is not None
    count = s.pipeline_men if s.under == "maend" else s.pipeline_women
    return (f"Andel {noun} blandt nye ledere: {share_text(s.recruit)} – det samme som på niveauet "
            f"under ({count} af {s.pipeline_women + s.pipeline_men}).")


def _headline(s: Scenario, p: Projection, noun: str) -> str:
    """The answer for the user's own target and year first, then when the horizon reaches it."""
    target = format_pct(s.target_pct)
    chance = share_text(s.probability)
    year = p.first_year_reaching(s.probability)
    if year == 0:
        return (f"I har allerede mindst {target} {noun} i den øverste ledelse "
                f"(status pr. 31. december {s.status_year}).")
    at_target = p.years[s.target_year - s.status_year].p_target
    told = format_pct(100 * at_target)  # as in the table's column for the target
    recruit = f"med {share_text(s.recruit)} {noun} blandt nye ledere"
    if at_target >= s.probability - 1e-12:
        answer = (f"Ja – I når {target} {noun} senest i {s.target_year} med {chance} sandsynlighed "
                  f"({recruit} er sandsynligheden {told}).")
        assert year is not None
        earlier = f" Med {chance} sandsynlighed sker det allerede i {s.status_year + year}." \
            if s.status_year + year < s.target_year else ""
        return answer + earlier
    answer = (f"Nej – I når ikke {target} {noun} i {s.target_year} med {chance} sandsynlighed "
              f"({recruit} er sandsynligheden {told}).")
    if year is None:
        return answer + (f" Heller ikke inden for fremskrivningens {s.horizon} år "
                         f"(til {s.status_year + s.horizon}).")
    return answer + f" Med {chance} sandsynlighed når I {target} i {s.status_year + year}."


def _inverse_text(s: Scenario, needed: int, noun: str) -> str:
    years = s.target_year - s.status_year
    goal = f"{format_pct(s.target_pct)} {noun} senest i {s.target_year} med {share_text(s.probability)} " \
           f"sandsynlighed"
    answer = required_share(s.under_count, s.size, s.turnover, years, needed, s.probability)
    if answer.already:
        return f"I når {goal}, uanset hvem der ansættes."
    if answer.share is None:
        return (f"Selv hvis alle nye ledere er {noun}, når I ikke {goal}: med "
                f"{share_text(s.turnover)} afgang om året bliver for få stillinger ledige. "
                f"Vælg et senere år, et lavere måltal eller en lavere sandsynlighed.")
    whole = math.ceil(100 * answer.share - 1e-9)
    return f"For at nå {goal} skal mindst {format_pct(whole)} af de nye ledere være {noun}."


def _expected_text(s: Scenario, p: Projection, noun: str) -> str:
    state = p.years[s.target_year - s.status_year]
    return (f"Forventet andel {noun} i {s.target_year}: {format_pct(100 * state.expected_share)} "
            f"(med mindst 80 pct. sandsynlighed mellem {state.low_count} og {state.high_count} "
            f"af {s.size}). Sandsynligheden for kønsbalance i {s.target_year} er "
            f"{format_pct(100 * state.p_balanced)}")


def _columns(s: Scenario, noun: str) -> list[str]:
    return ["År", f"Forventet antal {noun}", f"Forventet andel {noun}", "Interval (10–90 pct.)",
            "Sandsynlighed for kønsbalance", f"Sandsynlighed for mindst {format_pct(s.target_pct)} {noun}"]


def _rows(p: Projection, first_year: int) -> list[list[str]]:
    return [
        [str(first_year + st.year), format_number(st.expected_count, 1),
         format_pct(100 * st.expected_share), f"{st.low_count}–{st.high_count} af {p.size}",
         format_pct(100 * st.p_balanced), format_pct(100 * st.p_target)]
        for st in p.years
    ]


def _assumptions(s: Scenario, noun: str) -> list[tuple[str, str, float, int]]:
    """(label, unit, value, decimals) of every input the projection rests on: the printout and the
    CSV file carry them, so a result can be checked and reproduced."""
    other = "mænd" if noun == "kvinder" else "kvinder"
    other_count = s.size - s.under_count
    return [
        ("Status pr. 31. december", "år", s.status_year, 0),
        (f"{noun.capitalize()} i den øverste ledelse", "personer", s.under_count, 0),
        (f"{other.capitalize()} i den øverste ledelse", "personer", other_count, 0),
        ("Afgang pr. år", "pct.", 100 * s.turnover, _decimals(s.turnover)),
        (f"Andel {noun} blandt nye ledere", "pct.", 100 * s.recruit, _decimals(s.recruit)),
        (f"Måltal for andelen af {noun}", "pct.", s.target_pct, 0),
        ("Måltallet skal være nået i", "år", s.target_year, 0),
        ("Sandsynlighed", "pct.", 100 * s.probability, _decimals(s.probability)),
        ("Antal år i fremskrivningen", "år", s.horizon, 0),
    ]


def _decimals(fraction: float) -> int:
    """As typed: 15 or 12,5 (the form takes percentages with decimals)."""
    return 0 if round(100 * fraction, 1).is_integer() else 1


def _assumptions_text(s: Scenario, noun: str) -> str:
    source = "jeres eget skøn" if s.recruit_input is not None else "som på niveauet under"
    return (f"Beregningen bygger på: status pr. 31. december {s.status_year} med {s.under_count} {noun} "
            f"af {s.size} i den øverste ledelse; afgang {share_text(s.turnover)} om året; "
            f"{share_text(s.recruit)} {noun} blandt nye ledere ({source}); måltal mindst "
            f"{format_pct(s.target_pct)} {noun} senest i {s.target_year} med {share_text(s.probability)} "
            f"sandsynlighed; fremskrivning over {s.horizon} år.")


def _csv(s: Scenario, p: Projection, noun: str) -> str:
    """For Danish spreadsheets: semicolons, decimal comma, one number per cell with its unit in the
    header. First the assumptions (one per line), an empty line, then one line per year."""
    def cell(value: float, decimals: int = 1) -> str:
        return spreadsheet_number(value, decimals)

    lines = [["Forudsætning", "Værdi"]]
    lines += [[f"{label} ({unit})", cell(value, decimals)]
              for label, unit, value, decimals in _assumptions(s, noun)]
    lines += [[], ["År", f"Forventet antal {noun} (personer)", f"Forventet andel {noun} (pct.)",
                   f"Antal {noun}, 10 pct.-fraktil (personer)", f"Antal {noun}, 90 pct.-fraktil (personer)",
                   "Sandsynlighed for kønsbalance (pct.)",
                   f"Sandsynlighed for mindst {s.target_pct} pct. {noun} (pct.)"]]
    lines += [[str(s.status_year + st.year), cell(st.expected_count), cell(100 * st.expected_share),
               str(st.low_count), str(st.high_count), cell(100 * st.p_balanced), cell(100 * st.p_target)]
              for st in p.years]
    return "\r\n".join(";".join(cells) for cells in lines) + "\r\n"
