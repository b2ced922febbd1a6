"""What "Følg op" hands to others: "Status til indberetningen" (document blocks and Markdown, in the
block format of the plan's policy draft, plan.document) and what "Min handlingsplan" takes over (its
Status og måltal section and årshjul lines).

"Status til indberetningen" gives the figures the yearly reporting asks for, as the rule entry states
them ("Institutionerne skal årligt indberette om kønsfordelingen og måltal, samt hvorvidt de har
udarbejdet en politik. Der skal indberettes om status pr. 31. december årligt."): the status per 31
December (top management, and the board where there is one), the target and its year, and whether
a policy exists. The rule's wording and source, and the caveat about the date of the rules and where
to check, are read from the duties data (catalogue/maaltal/pligter.yaml and the rule entries), as the
rules box of "Sæt måltal" shows them; nothing is retyped here.

What the plan takes over ("Læg i min handlingsplan" on the page, `for_plan`):

* `plan_target(tracking)` is a plan.model.Target for the latest status: it replaces the plan's
  target exactly as "Hent fra Sæt måltal" does (parse_target accepts it);
* `plan_blocks(tracking)` are the blocks of a "Opfølgning på måltallet" part, placed after the
  target's paragraphs in the Status og måltal section (plan.model.FollowUp.afsnit);
* `plan_wheel(tracking, years)` are årshjul lines (plan.aarshjul.Line) for the years of the plan's
  cycle: registering each coming status per 31 December up to the target year, and the target
  year's deadline (plan.model.FollowUp.aarshjul). Only these dates: the statuses are the source's
  date, the deadline the user's own.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from koensbalance.maaltal import balance
from koensbalance.maaltal.obligations import DutyRules, obligations
from koensbalance.maaltal.opfoelgning import POLICY_TEXT, History
from koensbalance.maaltal.opfoelgning_text import (
    count_of,
    goal_text,
    outlook_texts,
    period,
    placement_text,
    recruitment_text,
    status_text,
    turnover_text,
)
from koensbalance.maaltal.opfoelgning_track import Tracking
from koensbalance.maaltal.projection import target_count
from koensbalance.maaltal.scenario import Scenario
from koensbalance.maaltal.targets import NOUNS, share_text
from koensbalance.plan.aarshjul import Line
from koensbalance.plan.document import Block, markdown
from koensbalance.plan.model import FollowUp, Target
from koensbalance.text import format_pct

REPORTING_DUTY = "indberetning"  # the duty in pligter.yaml whose rule states what is reported
POLICY_DUTY = "politik"  # the duty to have a policy
RULES_HEADING = "Reglernes dato – tjek de gældende regler"  # as in the rules box of "Sæt måltal"
PLAN_HEADING = "Opfølgning på måltallet"


@dataclass(frozen=True)
class Status:
    """The status per 31 December of one year: a recorded year, or the scenario's starting status."""

    year: int
    women: int
    men: int
    board: tuple[int, int] | None  # None: no board, or not recorded that year
    policy: str


def status_of(history: History, year: int | None) -> Status:
    """The status of `year` (the latest recorded when None; the start when nothing is recorded)."""
    s = history.scenario
    record = next((r for r in history.records if r.year == year), None) if year is not None \
        else history.latest()
    if record is None:
        board = (s.board_women, s.board_men) if s.has_board else None
        return Status(s.status_year, s.women, s.men, board, "")
    board = None
    if record.board_women is not None and record.board_men is not None:
        board = (record.board_women, record.board_men)
    return Status(record.year, record.women, record.men, board, record.policy)


def report_years(history: History) -> list[int]:
    """The years "Status til indberetningen" can be made for: the start and every recorded year."""
    return [history.start_year, *(r.year for r in history.sorted_records())]


def report_blocks(history: History, rule: balance.BalanceRule, duties: DutyRules,
                  year: int | None = None) -> list[Block]:
    s = history.scenario
    st = status_of(history, year)
    noun = NOUNS[history.gender]
    top = balance.assess(st.women, st.men, rule)
    under = st.men if history.gender == "maend" else st.women
    size = st.women + st.men
    duty = next((d for d in duties.duties if d.id == REPORTING_DUTY), None)
    out = [Block("heading", f"Status til indberetningen pr. 31. december {st.year}")]
    if duty is not None:
        text = duties.rules[duty.rule]
        out.append(Block("paragraph", f"»{text.quote}« (Kilde: {period(text.source)})"))
    out.append(Block("field", f"{top.group} ({share_text(under / size)} {noun}). {top.headline}",
                     label="Den øverste ledelse"))
    if s.has_board:
        if st.board is None:
            board_text = f"Ikke registreret for {st.year}."
        else:
            board = balance.assess(st.board[0], st.board[1], rule)
            board_text = f"{board.group}. {board.headline}"
        out.append(Block("field", board_text, label="Bestyrelsen"))
    need = target_count(size, s.target_pct)
    out.append(Block("field", f"Mindst {format_pct(s.target_pct)} {noun} ({need} af {size}) senest i "
                              f"{s.target_year}", label="Måltal for den øverste ledelse"))
    out.append(Block("field", POLICY_TEXT[st.policy], label="Politik for kønsfordelingen"))
    policy = _policy_duty(s, duties, top)
    if policy is not None:
        out.append(Block("field", policy, label="Pligt til en politik"))
    out.append(Block("subheading", RULES_HEADING))
    out.append(Block("paragraph", f"{duties.rules_date}. {duties.changes} {duties.check_current}"))
    out.append(Block("paragraph", duties.disclaimer))
    return out


def _policy_duty(s: Scenario, duties: DutyRules, top: balance.BalanceAssessment) -> str | None:
    """Whether and why the policy duty applies this year (the § 11 check of "Sæt måltal" on this
    year's top management and the scenario's institution and number of employees); None when the
    institution is not covered. The board is not among the policy duty's conditions."""
    result = obligations(duties, s.institution, s.employees, s.has_board, None, top)
    duty = next((d for d in result.duties if d.id == POLICY_DUTY), None)
    return duty.reason if duty is not None else None


def report(history: History, rule: balance.BalanceRule, duties: DutyRules,
           year: int | None = None) -> dict[str, Any]:
    blocks = report_blocks(history, rule, duties, year)
    return {"aar": status_of(history, year).year, "aarene": report_years(history),
            "document": [b.to_dict() for b in blocks], "markdown": markdown(blocks)}


# ---- "Min handlingsplan" --------------------------------------------------------------------------

def plan_target(tracking: Tracking) -> Target:
    history, o = tracking.history, tracking.outlook
    s = history.scenario
    st = status_of(history, None)
    noun = NOUNS[history.gender]
    size = st.women + st.men
    status = (f"{status_text(st.women, st.men)} i den øverste ledelse pr. 31. december {st.year} "
              f"({share_text(o.under / size)} {noun})")
    texts = outlook_texts(tracking)
    recruit = texts["krav"] or texts["sandsynlighed"]
    return Target(status_aar=st.year, i_alt=size, kvinder=st.women, maend=st.men, koen=history.gender,
                  maaltal_pct=s.target_pct, maal_aar=s.target_year, status_tekst=status,
                  maaltal_tekst=f"Måltal: {goal_text(history, size, o.target_count)}, med "
                                f"{share_text(s.probability)} sandsynlighed.",
                  rekruttering_tekst=recruit)


def plan_blocks(tracking: Tracking) -> list[Block]:
    history = tracking.history
    noun = NOUNS[history.gender]
    out = [Block("subheading", PLAN_HEADING)]
    for check in tracking.checks:
        out.append(Block("bullet", f"{check.record.year}: {count_of(check.count, check.size)} {noun} "
                                   f"({share_text(check.share)}). "
                                   f"{placement_text(check, tracking.original.size)}"))
    if not tracking.checks:
        out.append(Block("paragraph", f"Der er endnu ikke registreret nogen år efter "
                                      f"{history.start_year}."))
    texts = outlook_texts(tracking)
    out += [Block("paragraph", texts[key]) for key in ("sandsynlighed", "med_faktisk", "krav", "stoerrelse")
            if texts[key]]
    out.append(Block("paragraph", recruitment_text(history, tracking.recruitment)))
    out.append(Block("paragraph", turnover_text(tracking.turnover)))
    return out


def plan_wheel(tracking: Tracking, years: Iterable[int]) -> list[Line]:
    history = tracking.history
    s = history.scenario
    recorded = {r.year for r in history.records}
    noun = NOUNS[history.gender]
    lines = []
    for year in years:
        if history.start_year < year <= s.target_year and year not in recorded:
            lines.append(Line(date(year, 12, 31), f"Følg op: registrér status pr. 31. december {year} i "
                                                  f"»Følg op«"))
        if year == s.target_year:
            lines.append(Line(date(year, 12, 31), f"Måltallet skal være nået: mindst "
                                                  f"{format_pct(s.target_pct)} {noun} i den øverste "
                                                  f"ledelse"))
    return lines


def for_plan(tracking: Tracking, years: Iterable[int]) -> dict[str, Any]:
    """The plan's target and follow-up, in the plan's own stored form (plan.model)."""
    followup = FollowUp(afsnit=tuple((b.kind, b.text) for b in plan_blocks(tracking)),
                        aarshjul=tuple((line.day, line.text) for line in plan_wheel(tracking, years)))
    return {"maal": plan_target(tracking).to_dict(), "opfoelgning": followup.to_dict()}
