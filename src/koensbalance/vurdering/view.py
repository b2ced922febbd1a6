"""What the assessment page shows, as plain values; the bridge handlers ("vurdering.*") call these.

- analyse: one comparison (analysis.py) with its chart and the source's figure to compare with;
- view: the whole assessment: both analyses, the status of each success criterion, the document
  blocks and their Markdown, the share link and the summaries the workshop and project-plan
  hand-offs carry;
- export / import / open_link: the JSON file and the share link (codec.py);
- example: the page's default example, labelled as made up, with the page's words (texts.py).
The build renders the example with the same functions (a correct result before any JavaScript)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from koensbalance.errors import FieldError, InputError
from koensbalance.text import danish_date
from koensbalance.vurdering import analysis, codec, document, methods, texts
from koensbalance.vurdering.chart import chart
from koensbalance.vurdering.config import (
    PROJECT_FIELDS,
    WORKSHOP_DATA_BLOCK,
    WORKSHOP_HYPOTHESIS_BLOCK,
    Config,
    parse_config,
)
from koensbalance.vurdering.model import (
    EXAMPLE,
    EXAMPLE_LABEL,
    Assessment,
    criterion_status,
    criterion_target_text,
    parse_assessment,
    without_unknown_tools,
)


def _errors(exc: InputError) -> list[dict[str, str]]:
    return [{"field": e.field, "message": e.message} for e in exc.errors]


def analyse(payload: Mapping[str, Any], config: Config) -> dict[str, Any]:
    """One comparison, its chart and the cited figure to compare with (InputError on bad input)."""
    result = analysis.analyse(payload)
    figure = config.figures.get(result["type"])
    reference = None if figure is None else {
        "kvinder": figure.kvinder, "maend": figure.maend, "titel": figure.titel, "kilde": figure.kilde}
    result["chart"] = chart(result, reference)
    result["noegletal"] = None if figure is None else {
        "id": figure.id, "titel": figure.titel, "tekst": figure.resume, "population": figure.population,
        "kvinder": figure.kvinder / 100, "maend": figure.maend / 100, "kilde": figure.kilde,
        "url": figure.url}
    return result


def _analyses(a: Assessment, config: Config) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for kind in analysis.KINDS:
        if not a.filled(kind):
            out[kind] = {}
            continue
        try:
            out[kind] = {"ok": True, "result": analyse(a.payload(kind), config)}
        except InputError as exc:
            out[kind] = {"ok": False, "errors": _errors(exc)}
    return out


def share_link(a: Assessment, base_url: str) -> str:
    """base_url + "#vurdering=" + token; "" without a base or when the assessment is too long."""
    base = base_url.split("#", 1)[0]
    if not base:
        return ""
    token = codec.encode(a)
    return f"{base}#{codec.LINK_KEY}={token}" if codec.fits(token) else ""


# The planner's fragment key, workshop.view.LINK_KEY (that module imports icalendar, which only the
# planner page loads into Pyodide; a unit test holds the two equal).
WORKSHOP_LINK_KEY = "plan"


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def workshop_link(summary: Mapping[str, str], config: Config, workshop_url: str) -> str:
    """A share link of the workshop planner ("#plan=<token>") with the template whose data block
    carries step 2 and whose hypothesis block carries step 3; "" without a template or a URL."""
    base = workshop_url.split("#", 1)[0]
    if config.workshop is None or not base:
        return ""
    from koensbalance.workshop import codec as workshop_codec
    from koensbalance.workshop.model import MAX_TEXT, parse_agenda

    agenda = dict(config.workshop)
    notes = {WORKSHOP_DATA_BLOCK: summary["data"], WORKSHOP_HYPOTHESIS_BLOCK: summary["hypoteser"]}
    blocks = []
    for block in agenda["blokke"]:
        block = dict(block)
        for prefix, text in notes.items():
            if block["titel"].startswith(prefix) and text:
                joined = f"{block['note']}\n\n{text}".strip() if block["note"] else text
                block["note"] = _cut(joined, MAX_TEXT)
        blocks.append(block)
    title = f"Workshop om resultaterne: {summary['ydelse']}" if summary["ydelse"] else agenda["titel"]
    agenda.update(blokke=blocks, titel=_cut(title, 200))
    token = workshop_codec.encode(parse_agenda(agenda))
    return f"{base}#{WORKSHOP_LINK_KEY}={token}" if len(token) <= workshop_codec.MAX_LINK_CHARS else ""


def _handoff(a: Assessment, analyses: Mapping[str, Mapping[str, Any]], config: Config,
             today: date) -> dict[str, str]:
    """Summaries for "Planlæg en workshop om resultaterne" (data and hypothesis blocks) and "Lav en
    projektplan" (the success criteria), as plain text the receiving widget puts in its fields."""
    data = []
    for kind, answer in analyses.items():
        if answer.get("ok"):
            result = answer["result"]
            data.append(f"{analysis.KINDS[kind].heading} " + " ".join(result["linjer"]) + " "
                        + result["konklusion"])
    questions = {q.id: q.tekst for q in config.questions}
    hypotheses = [f"{questions.get(k, k)} {v.strip()}" for k, v in a.hypoteser.items() if v.strip()]
    if a.egne_hypoteser.strip():
        hypotheses.append(a.egne_hypoteser.strip())
    criteria = []
    for index, c in enumerate(a.succeskriterier):
        status = criterion_status(c, index, today)
        targets = ", ".join(part for part in (
            f"kvinder {criterion_target_text(c, 'kvinder')}" if c.kvinder.strip() else "",
            f"mænd {criterion_target_text(c, 'maend')}" if c.maend.strip() else "") if part)
        criteria.append(f"- {c.maal.strip() or f'Succeskriterium {index + 1}'}"
                        f"{': ' + targets if targets else ''}"
                        f"{' senest ' + danish_date(date.fromisoformat(c.dato)) if c.dato else ''}"
                        f" ({status.tekst})")
    return {"ydelse": a.ydelse.strip(), "data": "\n".join(data), "hypoteser": "\n".join(hypotheses),
            "succeskriterier": "\n".join(criteria)}


def project_plan(a: Assessment, summary: Mapping[str, str]) -> dict[str, str]:
    """The action-learning project plan's fields (catalogue/workshop/formularer.yaml, "projektplan")
    prefilled from the assessment: the form's own {field id: text} shape."""
    values = {"projekttitel": a.ydelse.strip(), "maalgruppe": a.maalgruppe.strip(),
              "beskrivelse": a.spoergsmaal.strip(), "laeringsmaal": summary["succeskriterier"]}
    return {key: values[key] for key in PROJECT_FIELDS}


def field_errors(analyses: Mapping[str, Mapping[str, Any]],
                 statuses: list[dict[str, Any]]) -> list[dict[str, str]]:
    """Every problem with the numbers, each on the page's field: "modtagere.kvinder.antal",
    "forskel" (shared by both comparisons, said once), "succeskriterier.0.kvinder"."""
    out: list[dict[str, str]] = []
    for kind, answer in analyses.items():
        for error in answer.get("errors", []) if answer.get("ok") is False else []:
            name = error["field"] if error["field"] == "forskel" else f"{kind}.{error['field']}"
            if all(e["field"] != name for e in out):
                out.append({"field": name, "message": error["message"]})
    return out + [error for status in statuses for error in status["fejl"]]


def view(a: Assessment, config: Config, base_url: str, today: date, workshop_url: str = "") -> dict[str, Any]:
    a = without_unknown_tools(a, {t.id for t in config.tools}) if config.tools else a
    analyses = _analyses(a, config)
    statuses = [criterion_status(c, i, today).to_dict() for i, c in enumerate(a.succeskriterier)]
    blocks = document.blocks(a, analyses, config, today)
    link = share_link(a, base_url)
    summary = _handoff(a, analyses, config, today)
    return {
        "vurdering": a.to_dict(),
        "titel": document.title(a),
        "eksempel": EXAMPLE_LABEL if a.eksempel else "",
        "analyser": analyses,
        "succeskriterier": statuses,
        "fejl": field_errors(analyses, statuses),
        "document": [block.to_dict() for block in blocks],
        "markdown": document.markdown(blocks),
        "markdown_name": "ligestillingsvurdering.md",
        "link": link,
        "link_besked": codec.TOO_LONG if base_url and not link else "",
        "overdragelse": summary,
        "workshop_link": workshop_link(summary, config, workshop_url),
        "projektplan": project_plan(a, summary),
    }


# ---- bridge handlers: JSON-shaped payload in, plain values out ------------------------------------

def _today(raw: object) -> date:
    if raw in (None, ""):
        return date.today()
    try:
        if isinstance(raw, str) and len(raw) == 10:
            return date.fromisoformat(raw)
    except ValueError:
        pass
    raise InputError([FieldError("idag", "Datoen skal skrives som ÅÅÅÅ-MM-DD.")])


def handle_analyse(payload: Mapping[str, Any]) -> dict[str, Any]:
    return analyse(payload, parse_config(payload.get("config")))


def handle_view(payload: Mapping[str, Any]) -> dict[str, Any]:
    return view(parse_assessment(payload.get("vurdering")), parse_config(payload.get("config")),
                str(payload.get("base_url") or ""), _today(payload.get("idag")),
                str(payload.get("workshop_url") or ""))


def handle_export(payload: Mapping[str, Any]) -> dict[str, Any]:
    return {"json": codec.export_file(parse_assessment(payload.get("vurdering"))), "name": codec.FILE_NAME}


def handle_import(payload: Mapping[str, Any]) -> dict[str, Any]:
    return {"vurdering": codec.import_file(payload.get("text")).to_dict()}


def handle_open_link(payload: Mapping[str, Any]) -> dict[str, Any]:
    return {"vurdering": codec.decode(payload.get("token")).to_dict()}


def handle_example(payload: Mapping[str, Any]) -> dict[str, Any]:
    """The page's default: the made-up example and the "Sådan regner vi" section."""
    return {"vurdering": EXAMPLE.to_dict(), "etiket": EXAMPLE_LABEL, "metode": methods.how_we_compute(),
            "tekster": texts.page_texts(), "lager": codec.STORAGE_KEY}
