"""Macros of "Sæt måltal": the form with the default scenario's result rendered at build time by the
same function the browser calls (koensbalance.maaltal.targets.evaluate_form), and the data the
browser needs (balance rule, duties with their rule texts) embedded as JSON. "Følg op" the same way:
its example history rendered by koensbalance.maaltal.opfoelgning_view.evaluate."""

from __future__ import annotations

from datetime import date
from typing import Any

from markupsafe import Markup

from koensbalance.catalogue import Catalogue
from koensbalance.maaltal import balance, opfoelgning_view, view
from koensbalance.maaltal.obligations import DutyRules, with_rule_texts
from koensbalance.maaltal.opfoelgning import POLICY_TEXT, RECORD_FIELDS
from koensbalance.maaltal.scenario import LABELS
from koensbalance.text import fold_whitespace, sentence
from macros import render


def default_scenario(today: date | None = None) -> dict[str, str]:
    """The example shown before anyone types: status per 31 December of last year."""
    year = (today or date.today()).year - 1
    return {
        "institution": "stat", "medarbejdere": "250", "bestyrelse": "nej",
        "bestyrelse_kvinder": "", "bestyrelse_maend": "",
        "kvinder": "3", "maend": "9", "pipeline_kvinder": "18", "pipeline_maend": "22",
        "afgang": "15", "rekruttering": "", "maal": "40", "sikkerhed": "80",
        "aar": str(year), "maalaar": str(year + 5), "horisont": "10",
    }


# The catalogue entry "Følg op" starts from (its text is shown with its source on the page).
FOLLOW_UP_ADVICE = "implementering-systematisk-opfoelgning"


def example_history(today: date | None = None) -> dict[str, Any]:
    """Our example of a follow-up (not from the sources): the target set five years ago on the
    default scenario of "Sæt måltal" (status per 31 December of that year), then a good year, a bad
    one, a year not recorded, and a group grown to 14 after strong recruitment."""
    start = (today or date.today()).year - 5
    records = [
        {"aar": start + 1, "kvinder": 4, "maend": 8, "nye_ledere": 2, "heraf": 1, "politik": "nej"},
        {"aar": start + 2, "kvinder": 1, "maend": 11, "nye_ledere": 3, "heraf": 0, "politik": "ja"},
        {"aar": start + 4, "kvinder": 8, "maend": 6, "nye_ledere": 6, "heraf": 6, "politik": "ja"},
    ]
    blank = dict.fromkeys(RECORD_FIELDS, "")
    return {"scenarie": default_scenario(date(start + 1, 6, 1)),
            "status": [{**blank, **record} for record in records]}


def _page_prefix(env: Any) -> str:
    """From the current page's directory URL back to the site root (e.g. '../../')."""
    url = str(getattr(env.page, "url", "") or "")
    return "../" * url.strip("/").count("/") + ("../" if url.strip("/") else "")


def rule_texts(catalogue: Catalogue, prefix: str) -> dict[str, dict[str, str]]:
    """Title, quote, source and link of every rule entry, keyed by id (texts come from the entries)."""
    texts = {}
    for entry in catalogue.of_type("regel"):
        source = catalogue.source(entry.citation.source)
        texts[entry.id] = {
            "titel": entry.title,
            "citat": fold_whitespace(str(entry.data["citat"])),
            # A sentence: a section title ending in "mv." gets no second full stop on the page.
            "kilde": sentence(f"{source.title} ({source.year}), afsnit {entry.citation.section}"),
            "beskriver": str(entry.data["beskriver"]),
            "url": prefix + entry.url,
        }
    return texts


def help_texts(catalogue: Catalogue, prefix: str) -> dict[str, dict[str, str]]:
    """Field name -> excerpt of a catalogue entry, its title and link (maaltal/hjaelpetekster.yaml)."""
    index = catalogue.by_id()
    out = {}
    for item in catalogue.data["maaltal/hjaelpetekster"]["hjaelp"]:
        entry = index[item["post"]]
        out[item["felt"]] = {"tekst": fold_whitespace(item["uddrag"]), "titel": entry.title,
                             "url": prefix + entry.url}
    return out


def duty_data(catalogue: Catalogue, prefix: str) -> dict[str, Any]:
    return with_rule_texts(catalogue.data["maaltal/pligter"], rule_texts(catalogue, prefix))


def register(env: Any, catalogue: Catalogue) -> None:
    @env.macro
    def maaltal_widget() -> Markup:
        prefix = _page_prefix(env)
        duties = duty_data(catalogue, prefix)
        rule = balance.BalanceRule.from_data(catalogue.balance)
        values = default_scenario()
        result = view.maaltal_view(values, rule, DutyRules.from_data(duties))
        return render.html_block(
            "widgets/maaltal.html", values=values, result=result, labels=LABELS,
            kinds=DutyRules.from_data(duties).kinds, help=help_texts(catalogue, prefix),
            data=view.maaltal_config({"balance": dict(catalogue.balance), "duties": duties}, values,
                                     render.runtime_texts()))

    @env.macro
    def opfoelgning_widget() -> Markup:
        prefix = _page_prefix(env)
        rules = {"balance": dict(catalogue.balance), "duties": duty_data(catalogue, prefix)}
        example = example_history()
        result = opfoelgning_view.handle_evaluate({"rules": rules, "historik": example})
        advice = catalogue.by_id()[FOLLOW_UP_ADVICE]
        source = catalogue.source(advice.citation.source)
        return render.html_block(
            "widgets/opfoelgning.html", result=result, policy=POLICY_TEXT,
            data=opfoelgning_view.page_config(rules, example),
            advice={"tekst": fold_whitespace(str(advice.data["tekst"])), "titel": advice.title,
                    "url": prefix + advice.url,
                    "kilde": sentence(f"{source.title} ({source.year}), afsnit {advice.citation.section}")},
            maaltal_href=prefix + "maaltal/saet-maaltal/", plan_href=prefix + "plan/")
