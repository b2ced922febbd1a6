""""Følg op": one history in, everything the page shows out (plain values, Danish text), and the
bridge handlers ("opfoelgning.*" in koensbalance.bridge). The build renders the example with the
same function the browser calls.

Payloads: {"rules": {"balance": …, "duties": …}} (the same rules data as "Sæt måltal" embeds),
"historik" (the history's plain dict, see opfoelgning.py), and where they apply "aar" (the year
"Status til indberetningen" is for), "base_url" (for the share link), "aarene" (the plan's årshjul
years), "text" (a JSON file), "token" (a link), "input" (a saved "Sæt måltal" scenario)."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from datetime import date
from typing import Any

from koensbalance import widget_view
from koensbalance.errors import FieldError, InputError
from koensbalance.maaltal import balance
from koensbalance.maaltal.obligations import DutyRules
from koensbalance.maaltal.opfoelgning import (
    MAX_RECORDS,
    POLICY_TEXT,
    RECORD_FIELDS,
    History,
    parse_history,
    record_labels,
)
from koensbalance.maaltal.opfoelgning_chart import chart
from koensbalance.maaltal.opfoelgning_files import (
    LINK_KEY,
    MAX_FILE_CHARS,
    csv_file,
    decode_link,
    export_file,
    import_file,
    share_link,
)
from koensbalance.maaltal.opfoelgning_report import for_plan, report
from koensbalance.maaltal.opfoelgning_text import (
    EXPLANATION,
    assumptions,
    columns,
    headline,
    outlook_texts,
    recruitment_text,
    row,
    turnover_text,
    year_dict,
)
from koensbalance.maaltal.opfoelgning_track import Tracking, track
from koensbalance.maaltal.scenario import MAX_RAW_LENGTH
from koensbalance.maaltal.targets import NOUNS
from koensbalance.maaltal.targets import _columns as projection_columns
from koensbalance.maaltal.targets import _rows as projection_rows

BROKEN_RULES = "Sidens regler for måltal kan ikke læses. Genindlæs siden."
FILE_NAME = "opfoelgning.json"


def evaluate(history: History, rule: balance.BalanceRule, duties: DutyRules, report_year: int | None = None,
             base_url: str = "") -> dict[str, Any]:
    """Everything the page shows for one history."""
    tracking = track(history, rule)
    return view(tracking, rule, duties, report_year, base_url)


def view(tracking: Tracking, rule: balance.BalanceRule, duties: DutyRules, report_year: int | None,
         base_url: str) -> dict[str, Any]:
    history = tracking.history
    s = history.scenario
    o = tracking.outlook
    original_size = tracking.original.size
    noun = NOUNS[history.gender]
    recruit = tracking.recruitment
    if report_year is not None and report_year not in (history.start_year,
                                                       *(r.year for r in history.records)):
        report_year = None  # that year was deleted (or never recorded): the report shows the latest
    files = csv_file(tracking)
    return {
        "historik": history.to_dict(),
        "title": f"Følg op på måltallet: mindst {s.target_pct} pct. {noun} senest i {s.target_year}",
        "noun": noun,
        "labels": record_labels(history.gender),
        "board": s.has_board,  # the board fields of a year are shown only with a board
        "headline": headline(tracking),
        "assumptions": assumptions(tracking),
        "explanation": EXPLANATION,
        "columns": columns(history),
        "rows": [row(c, original_size, noun) for c in tracking.checks],
        "years": [year_dict(c, original_size) for c in tracking.checks],
        "recruitment": {"text": recruitment_text(history, recruit), "observed": recruit.observed,
                        "assumed": recruit.assumed, "appointed": recruit.appointed,
                        "followed": recruit.followed},
        "turnover": {"text": turnover_text(tracking.turnover), "observed": tracking.turnover.observed,
                     "assumed": tracking.turnover.assumed, "departures": tracking.turnover.departures,
                     "exposed": tracking.turnover.exposed},
        "now": {**outlook_texts(tracking), "from_year": o.from_year, "probability": o.probability,
                "original_probability": o.original_probability,
                "required_share": None if o.required is None else o.required.share,
                "already": bool(o.required and o.required.already)},
        # The new projection year by year, in the table format of "Sæt måltal".
        "projection": {"caption": f"Ny fremskrivning fra status pr. 31. december {o.from_year}",
                       "columns": projection_columns(s, noun),
                       "rows": projection_rows(o.projection, o.from_year)},
        "next_year": next_year(history),
        "chart": chart(tracking, rule.min_share_pct),
        "report": report(history, rule, duties, report_year),
        "csv": files["csv"],
        "csv_name": files["name"],
        "link": share_link(history, base_url),
    }


def next_year(history: History) -> int | None:
    """The year a new row starts with: the one after the latest (None when the list is full)."""
    if len(history.records) >= MAX_RECORDS:
        return None
    latest = history.latest()
    return (latest.year if latest else history.start_year) + 1


# ---- bridge handlers ------------------------------------------------------------------------------

def _rules(payload: Mapping[str, Any]) -> tuple[balance.BalanceRule, DutyRules]:
    rules = payload.get("rules")
    if not isinstance(rules, Mapping) or "balance" not in rules or "duties" not in rules:
        raise InputError([FieldError("config", BROKEN_RULES)])
    try:
        return balance.BalanceRule.from_data(rules["balance"]), DutyRules.from_data(rules["duties"])
    except (KeyError, TypeError, ValueError, AttributeError):
        raise InputError([FieldError("config", BROKEN_RULES)]) from None


def _kinds(duties: DutyRules) -> Collection[str]:
    return [kind.id for kind in duties.kinds]


def _history(payload: Mapping[str, Any], duties: DutyRules) -> History:
    return parse_history(payload.get("historik"), _kinds(duties), date.today().year)


def _report_year(raw: object) -> int | None:
    if raw is None or raw == "":
        return None
    if isinstance(raw, str) and raw.strip().isdigit() and len(raw.strip()) == 4:
        return int(raw)
    if isinstance(raw, bool) or not isinstance(raw, int):
        raise InputError([FieldError("aar", "Vælg et af de registrerede år.")])
    return raw


def handle_evaluate(payload: Mapping[str, Any]) -> dict[str, Any]:
    rule, duties = _rules(payload)
    return evaluate(_history(payload, duties), rule, duties, _report_year(payload.get("aar")),
                    str(payload.get("base_url") or ""))


def handle_start(payload: Mapping[str, Any]) -> dict[str, Any]:
    """A new history from a saved "Sæt måltal" scenario (no years recorded yet)."""
    _, duties = _rules(payload)
    raw = payload.get("input")
    if not isinstance(raw, Mapping) or not raw:
        raise InputError([FieldError("scenarie", "Der er ikke gemt et scenarie i »Sæt måltal« i denne "
                                                 "browser endnu. Sæt jeres måltal dér først.")])
    history = parse_history({"scenarie": raw, "status": []}, _kinds(duties), date.today().year)
    return {"historik": history.to_dict()}


def handle_csv(payload: Mapping[str, Any]) -> dict[str, Any]:
    rule, duties = _rules(payload)
    return csv_file(track(_history(payload, duties), rule))


def handle_export(payload: Mapping[str, Any]) -> dict[str, Any]:
    _, duties = _rules(payload)
    return {"json": export_file(_history(payload, duties)), "name": FILE_NAME}


def handle_import(payload: Mapping[str, Any]) -> dict[str, Any]:
    _, duties = _rules(payload)
    return {"historik": import_file(payload.get("text"), _kinds(duties), date.today().year).to_dict()}


def handle_open_link(payload: Mapping[str, Any]) -> dict[str, Any]:
    _, duties = _rules(payload)
    return {"historik": decode_link(payload.get("token"), _kinds(duties), date.today().year).to_dict()}


def _years(raw: object) -> range:
    """The plan's årshjul years: [first, last] within 2000–2100 and at most 10 years."""
    if isinstance(raw, list) and len(raw) == 2 and all(isinstance(v, int) and not isinstance(v, bool)
                                                       for v in raw):
        first, last = raw
        if 2000 <= first <= last <= min(2100, first + 9):
            return range(first, last + 1)
    raise InputError([FieldError("aarene", "Årshjulets år kan ikke læses. Genindlæs siden.")])


def handle_plan(payload: Mapping[str, Any]) -> dict[str, Any]:
    rule, duties = _rules(payload)
    return for_plan(track(_history(payload, duties), rule), _years(payload.get("aarene")))


# ---- the page's embedded config ------------------------------------------------------------------

STORAGE_VERSION = 1  # localStorage "kb-opfoelgning": {version, historik}
WHEEL_YEARS = 10  # the årshjul years handed to the plan (from this year; handle_plan takes at most 10)
PAGE_TEXTS = {
    "row_legend": "Status pr. 31. december {year}",
    "row_legend_blank": "Nyt år",
    "remove_year": "Slet {year}",
    "remove_blank": "Slet det nye år",
    "year_added": "Et nyt år er tilføjet ({year}). Skriv status pr. 31. december.",
    "year_added_blank": "Et nyt år er tilføjet. Skriv året og status pr. 31. december.",
    "year_removed": "{year} er slettet.",
    "list_full": f"Opfølgningen kan højst have {MAX_RECORDS} år.",
    "started": ("Opfølgningen er startet fra dit scenarie i »Sæt måltal«. Tilføj status pr. 31. december "
                "for årene efter."),
    "confirm_start": ("Vil du starte en ny opfølgning fra dit scenarie i »Sæt måltal«? De år, du har "
                      "registreret, bliver slettet. Gem dem først som fil, hvis du vil beholde dem."),
    "confirm_import": "Vil du erstatte din opfølgning med opfølgningen fra filen?",
    "file_opened": "Opfølgningen fra filen er åbnet.",
    "csv_saved": "Tabellen er hentet som {name}.",
    "json_saved": "Opfølgningen er gemt som {name}.",
    "markdown_copied": "Teksten er kopieret.",
    "link_copied": "Linket er kopieret. Det åbner siden med den samme opfølgning.",
    "plan_done": ("Opfølgningen er lagt i din handlingsplan: status og måltal, de registrerede år og "
                  "årshjulet."),
    "plan_failed": ("Din handlingsplan kunne ikke gemmes i browseren (lagringen er slået fra eller fuld). "
                    "Gem opfølgningen som fil i stedet."),
}


def page_config(rules: Mapping[str, Any], example: Mapping[str, Any]) -> dict[str, Any]:
    """The embedded config of "Følg op": the rules for the worker (sent once), the example history,
    the year fields, limits and every text the page's script shows."""
    from koensbalance.plan.model import blank_plan

    return {"page": {"rules": dict(rules)}, "example": dict(example), "fields": list(RECORD_FIELDS),
            "storage_version": STORAGE_VERSION, "link_prefix": f"#{LINK_KEY}=",
            "max_value_length": MAX_RAW_LENGTH, "max_records": MAX_RECORDS, "wheel_years": WHEEL_YEARS,
            "file_bytes": 4 * MAX_FILE_CHARS + 4,  # UTF-8: enough bytes for one character more
            "blank_plan": blank_plan().to_dict(), "policy": POLICY_TEXT,
            "texts": {**widget_view.runtime_texts(), **widget_view.stored_work_texts(
                "opfølgning", "din egen opfølgning"), **PAGE_TEXTS}}
