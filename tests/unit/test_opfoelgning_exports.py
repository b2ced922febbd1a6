""""Følg op" hands out: the page's table and texts, the chart (geometry and text alternative), "Status
til indberetningen", the CSV file read back with the csv module as Danish Excel would read it, the
JSON file and link (and bad ones), what "Min handlingsplan" takes over, and the bridge calls."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest

from koensbalance import bridge, portable
from koensbalance.errors import InputError
from koensbalance.maaltal.chart import TAGS
from koensbalance.maaltal.opfoelgning import parse_history
from koensbalance.maaltal.opfoelgning_files import (
    BOM,
    csv_file,
    decode_link,
    encode_link,
    export_file,
    import_file,
    share_link,
)
from koensbalance.maaltal.opfoelgning_report import for_plan, plan_target, plan_wheel, report
from koensbalance.maaltal.opfoelgning_track import track
from koensbalance.maaltal.opfoelgning_view import evaluate
from koensbalance.plan.document import Block
from koensbalance.plan.model import parse_plan, parse_target
from tests.unit.test_opfoelgning import DUTIES, DUTY_DATA, EXAMPLE, KINDS, RULE, RULES, SCENARIO, history

# The attributes the måltal widget's browser code accepts on chart shapes (widget-maaltal.js).
SVG_ATTRS = {"x", "y", "x1", "x2", "y1", "y2", "cx", "cy", "r", "d", "class", "text-anchor"}


@pytest.fixture(scope="module")
def shown() -> dict[str, Any]:
    return evaluate(history(), RULE, DUTIES, base_url="https://eksempel.test/maaltal/foelg-op/")


def test_the_example_on_track_table(shown: dict[str, Any]) -> None:
    assert shown["columns"] == ["År", "Antal kvinder", "Forventet (oprindelig fremskrivning)",
                                "Forventet interval (10–90 pct.)", "Så lavt eller lavere",
                                "Så højt eller højere", "Placering", "Nye ledere (heraf kvinder)"]
    assert shown["rows"] == [
        ["2022", "4 af 12 (33,3 pct.)", "3,4 af 12", "2–4 af 12", "90 pct.", "39 pct.",
         "Inden for det forventede (10–90 pct.).", "1 af 2 kvinder (50 pct.)"],
        ["2023", "1 af 12 (8,3 pct.)", "3,7 af 12", "2–5 af 12", "2 pct.", "over 99 pct.",
         "Lavere end forventet: kun 2 pct. af udfaldene lå så lavt.", "0 af 3 kvinder (0 pct.)"],
        ["2025", "8 af 14 (57,1 pct.)", "4,1 af 12", "2–6 af 12", "95 pct.", "5 pct.",
         "Højere end forventet: kun 5 pct. af udfaldene lå så højt. Sammenlignet på andel: den øverste "
         "ledelse havde 14 personer (12 ved udgangspunktet).", "6 af 6 kvinder (100 pct.)"],
    ]
    assert shown["headline"] == ("3 år registreret, 2 uden for det forventede (2023 og 2025). Senest pr. "
                                 "31. december 2025 var antallet højere end forventet: kun 5 pct. af "
                                 "udfaldene lå så højt.")
    one = evaluate(history(EXAMPLE["status"][:1]), RULE, DUTIES)["headline"]
    assert one == ("1 år registreret. Pr. 31. december 2022 var antallet inden for det forventede "
                   "(10–90 pct.).")
    assert [y["placering"] for y in shown["years"]] == ["inden", "lavere", "hoejere"]
    assert shown["next_year"] == 2026 and shown["historik"] == history().to_dict()
    new = shown["projection"]
    assert new["caption"] == "Ny fremskrivning fra status pr. 31. december 2025"
    assert [row[0] for row in new["rows"]] == [str(year) for year in range(2025, 2032)]
    assert new["rows"][0][1:4] == ["8,0", "57 pct.", "8–8 af 14"] and len(new["columns"]) == 6


def test_the_example_recruitment_and_outlook_texts(shown: dict[str, Any]) -> None:
    assert shown["recruitment"]["text"] == (
        "Blandt de nye ledere i 2022, 2023 og 2025 var 7 af 11 kvinder (63,6 pct.); I antog 45 pct. Med "
        "den antagne andel er det inden for det forventede (10–90 pct.).")
    assert shown["turnover"]["text"] == (
        "I 2022 og 2023 stoppede 5 af de i alt 24 ledere, der sad ved årets begyndelse (20,8 pct. om året, "
        "regnet som nye ledere minus gruppens vækst); I antog 15 pct. afgang. Med den antagne afgang er "
        "det inden for det forventede (10–90 pct.).")
    now = shown["now"]
    assert now["sandsynlighed"] == (
        "Fra status pr. 31. december 2025 (8 af 14 kvinder) er sandsynligheden for at nå mindst 40 pct. "
        "kvinder (6 af 14) senest i 2026 nu 98 pct. med 45 pct. kvinder blandt nye ledere. Da måltallet "
        "blev sat, var den 44 pct.")
    assert now["krav"] == ("I når mindst 40 pct. kvinder (6 af 14) senest i 2026 med 80 pct. "
                           "sandsynlighed, uanset hvem der ansættes fra nu af.")
    assert now["stoerrelse"].startswith("Den nye fremskrivning regner med 14 personer")
    assert shown["assumptions"][0] == ("Udgangspunkt pr. 31. december 2021: 3 kvinder og 9 mænd i den "
                                       "øverste ledelse (25 pct. kvinder).")


def test_needed_share_and_missing_appointments_in_words() -> None:
    behind = evaluate(history([{"aar": 2022, "kvinder": 2, "maend": 10},
                               {"aar": 2023, "kvinder": 2, "maend": 10}]), RULE, DUTIES)
    assert behind["now"]["krav"].startswith("For at nå mindst 40 pct. kvinder (5 af 12) senest i 2026 "
                                            "med 80 pct. sandsynlighed skal mindst ")
    assert behind["now"]["krav"].endswith(" af de nye ledere fra nu af være kvinder (I antog 45 pct.).")
    assert behind["now"]["required_share"] > 0.45 and behind["now"]["med_faktisk"] == ""
    assert behind["recruitment"]["text"].startswith("I har ikke registreret nye ledere for noget år.")
    stuck = evaluate(history([{"aar": 2025, "kvinder": 0, "maend": 12}], afgang="5"), RULE, DUTIES)
    assert stuck["now"]["krav"].startswith("Selv hvis alle nye ledere fra nu af er kvinder, når I ikke")
    passed = evaluate(history([{"aar": 2026, "kvinder": 4, "maend": 8}]), RULE, DUTIES)
    assert passed["now"]["sandsynlighed"] == (
        "Måltalsåret 2026 er passeret: pr. 31. december 2026 var 4 af 12 kvinder (33,3 pct.): måltallet er "
        "ikke nået. Sæt et nyt måltal under »Sæt måltal«, og følg op på det.")
    empty = evaluate(history([]), RULE, DUTIES)
    assert empty["headline"] == ("Der er endnu ikke registreret nogen år efter udgangspunktet (2021). "
                                 "Tilføj status pr. 31. december 2022, når året er omme.")


def test_the_chart_uses_only_the_maaltal_shapes_and_shows_every_recorded_point(shown: dict[str, Any]) -> None:
    chart = shown["chart"]
    assert (chart["width"], chart["height"]) == (640, 300)
    assert all(shape["tag"] in TAGS and set(shape["attrs"]) <= SVG_ATTRS for shape in chart["shapes"])
    points = [s for s in chart["shapes"] if s["attrs"].get("class") == "kb-mchart__recorded-point"]
    assert len(points) == 4  # the start and the three recorded years
    # y of a point is its share: 8 of 14 in 2025 sits at 57,1 pct. of the plot's height (top 16, height 240)
    assert float(points[-1]["attrs"]["cy"]) == pytest.approx(16 + 240 * (1 - 8 / 14), abs=0.06)
    classes = {s["attrs"].get("class") for s in chart["shapes"]}
    assert {"kb-mchart__band", "kb-mchart__band-new", "kb-mchart__expected", "kb-mchart__expected-new",
            "kb-mchart__balance", "kb-mchart__target-year"} <= classes
    assert chart["title"] == "Andel kvinder i den øverste ledelse: registreret og fremskrevet, 2021–2031"
    assert chart["description"] == (
        "Udgangspunkt pr. 31. december 2021: 25 pct. kvinder (3 af 12). Den oprindelige fremskrivning "
        "forventede 36,1 pct. kvinder i 2026, med 80 pct. af udfaldene mellem 17 pct. og 50 pct. "
        "Registreret: 2022: 33,3 pct. (4 af 12), inden for det forventede (10–90 pct.); 2023: 8,3 pct. "
        "(1 af 12), lavere end forventet; 2025: 57,1 pct. (8 af 14), højere end forventet. Den nye "
        "fremskrivning fra 2025 forventer 55,3 pct. kvinder i 2026, med 80 pct. af udfaldene mellem 50 "
        "pct. og 64 pct. De vandrette linjer viser 40 pct. (kønsbalance); den lodrette linje måltalsåret "
        "2026. Tabellerne viser de registrerede år og den nye fremskrivning år for år.")
    assert [item["text"] for item in chart["legend"]][2] == "Registreret status pr. 31. december"


def test_the_chart_reaches_recorded_years_beyond_the_original_horizon() -> None:
    late = history([{"aar": 2037, "kvinder": 6, "maend": 6}], this_year=2042)
    chart = evaluate(late, RULE, DUTIES)["chart"]
    assert chart["title"].endswith("2021–2047")
    xs = [float(s["attrs"]["cx"]) for s in chart["shapes"] if s["tag"] == "circle"
          and s["attrs"]["class"] == "kb-mchart__recorded-point"]
    assert xs == sorted(xs) and max(xs) < 640 - 20


def test_status_for_the_reporting_with_the_rules_caveat_from_the_data() -> None:
    data = report(history(), RULE, DUTIES)
    assert data["aar"] == 2025 and data["aarene"] == [2021, 2022, 2023, 2025]
    md = data["markdown"]
    assert md.startswith("## Status til indberetningen pr. 31. december 2025\n")
    assert "**Den øverste ledelse:** 8 kvinder og 6 mænd, i alt 14 (57,1 pct. kvinder). Ja – gruppen er " \
           "kønsbalanceret." in md
    assert "**Måltal for den øverste ledelse:** Mindst 40 pct. kvinder (6 af 14) senest i 2026" in md
    assert "**Politik for kønsfordelingen:** Ja" in md and "Bestyrelsen" not in md
    # The rule's words and the caveat are the catalogue's, not retyped: read them from the data.
    rule_text = DUTY_DATA["regler"]["pligt-til-at-indberette-koensfordeling-og-maaltal-aarligt"]
    assert " ".join(rule_text["citat"].split()) in md and f"(Kilde: {rule_text['kilde']})" in md
    assert "..)" not in md  # the source's own full stop ends the citation
    assert "### Reglernes dato – tjek de gældende regler" in md
    for key in ("regler_dato", "aendringer", "tjek_gaeldende", "forbehold"):
        assert " ".join(str(DUTY_DATA[key]).split()) in md
    assert "lov nr. 1470" in md and "retsinformation.dk" in md
    first = report(history(), RULE, DUTIES, 2022)["markdown"]
    assert "**Politik for kønsfordelingen:** Nej" in first and "4 kvinder og 8 mænd" in first
    # Whether the policy duty applies comes from the § 11 check of "Sæt måltal" on that year's status.
    assert "**Pligt til en politik:** Gælder for jer: I har 50 eller flere medarbejdere" in first
    assert "**Pligt til en politik:** Gælder ikke for jer: den øverste ledelse er allerede " \
           "kønsbalanceret" in md
    small = report(history([], medarbejdere="20"), RULE, DUTIES)["markdown"]
    assert "**Pligt til en politik:** Gælder ikke for jer: I har færre end 50 medarbejdere" in small
    other = report(history([], institution="anden"), RULE, DUTIES)["markdown"]
    assert "Pligt til en politik" not in other
    board = report(history([{"aar": 2022, "kvinder": 4, "maend": 8, "bestyrelse_kvinder": 2,
                             "bestyrelse_maend": 5}], bestyrelse="ja", bestyrelse_kvinder="1",
                           bestyrelse_maend="6"), RULE, DUTIES)["markdown"]
    assert "**Bestyrelsen:** 2 kvinder og 5 mænd, i alt 7. Nej – gruppen er ikke kønsbalanceret." in board
    start = report(history([]), RULE, DUTIES)["markdown"]
    assert "pr. 31. december 2021" in start and "**Politik for kønsfordelingen:** Ikke oplyst" in start
    # A year without a status (the gap, or a deleted row) gives the latest; "aar" says which it is.
    assert evaluate(history(), RULE, DUTIES, report_year=2024)["report"]["aar"] == 2025
    assert evaluate(history(), RULE, DUTIES, report_year=2023)["report"]["aar"] == 2023


def test_csv_opens_as_danish_excel_reads_it(shown: dict[str, Any]) -> None:
    text = shown["csv"]
    assert text.startswith(BOM) and not text.startswith(BOM * 2) and "\r\n" in text
    raw = text.encode("utf-8")
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";"))
    header, *body = rows
    assert header[0] == "År" and header[4] == "Andel kvinder (pct.)" and header[-1] == "Placering"
    assert all(len(row) == len(header) for row in body) and [row[0] for row in body] == \
        ["2021", "2022", "2023", "2025"]
    as_dicts = [dict(zip(header, row, strict=True)) for row in body]

    def number(cell: str) -> float:
        assert "pct" not in cell and " " not in cell and "." not in cell  # a bare Danish number
        return float(cell.replace(",", "."))

    grown = as_dicts[3]
    assert number(grown["Kvinder i den øverste ledelse (antal)"]) == 8
    assert number(grown["Den øverste ledelse i alt (antal)"]) == 14
    assert grown["Andel kvinder (pct.)"] == "57,1" and number(grown["Andel kvinder (pct.)"]) == 57.1
    assert number(grown["Så højt eller højere (pct.)"]) == 5.5
    assert grown["Heraf kvinder (antal)"] == "6" and grown["Politik for kønsfordelingen (ja/nej)"] == "ja"
    assert grown["Placering"] == "højere end forventet" and as_dicts[0]["Placering"] == "Udgangspunkt"
    assert all(unit in column for column in header[1:-2] for unit in ["("])  # every number has its unit
    assert csv_file(track(history(), RULE))["name"] == "opfoelgning-2021-2025.csv"


def test_json_file_round_trips_and_bad_files_are_refused_with_one_message() -> None:
    h = history()
    text = export_file(h)
    assert json.loads(text)["format"] == "kb-opfoelgning" and import_file(text, KINDS, 2027) == h

    def refused(content: object) -> str:
        with pytest.raises(InputError) as caught:
            import_file(content, KINDS, 2027)
        assert [e.field for e in caught.value.errors] == ["import"]
        return caught.value.errors[0].message

    assert refused("{not json") == "Filen er ikke en opfølgning fra »Følg op«."
    assert refused(portable.write_file("kb-handlingsplan", 1, {"plan": {}})).startswith("Filen er ikke")
    assert refused(portable.write_file("kb-opfoelgning", 2, {})).startswith("Filen er fra en anden version")
    doubled = {**h.to_dict(), "status": [*h.to_dict()["status"], h.to_dict()["status"][0]]}
    assert refused(portable.write_file("kb-opfoelgning", 1, {"opfoelgning": doubled})) == (
        "Filen indeholder en ugyldig opfølgning: 2022 er registreret to gange (linje 1 og 4). Ret eller "
        "slet den ene.")
    assert refused("[" * 100_000).startswith("Filen er ikke")
    assert refused(" " * 300_000).startswith("Filen er ikke")


def test_link_round_trips_and_broken_links_are_refused() -> None:
    h = history()
    assert decode_link(encode_link(h), KINDS, 2027) == h
    link = share_link(h, "https://eksempel.test/foelg-op/?x=1#old")
    assert link.startswith("https://eksempel.test/foelg-op/?x=1#opfoelgning=1.")
    for token in ("", "1.", "2." + encode_link(h)[2:], encode_link(h)[:-5], "1.<svg onload=x>", None, 5):
        with pytest.raises(InputError) as caught:
            decode_link(token, KINDS, 2027)
        assert caught.value.errors[0].field == "link"


def test_what_the_plan_takes_over() -> None:
    t = track(history(), RULE)
    target = plan_target(t)
    assert parse_target(target.to_dict()) == target  # the plan's own check accepts it
    assert (target.status_aar, target.i_alt, target.kvinder, target.maend, target.koen) == \
        (2025, 14, 8, 6, "kvinder")
    assert target.status_tekst == ("8 kvinder og 6 mænd i den øverste ledelse pr. 31. december 2025 "
                                   "(57,1 pct. kvinder)")
    assert target.maaltal_tekst == ("Måltal: mindst 40 pct. kvinder (6 af 14) senest i 2026, med 80 pct. "
                                    "sandsynlighed.")
    wheel = plan_wheel(track(history([{"aar": 2022, "kvinder": 4, "maend": 8}]), RULE), range(2022, 2028))
    assert [(line.day.isoformat(), line.text) for line in wheel] == [
        ("2023-12-31", "Følg op: registrér status pr. 31. december 2023 i »Følg op«"),
        ("2024-12-31", "Følg op: registrér status pr. 31. december 2024 i »Følg op«"),
        ("2025-12-31", "Følg op: registrér status pr. 31. december 2025 i »Følg op«"),
        ("2026-12-31", "Følg op: registrér status pr. 31. december 2026 i »Følg op«"),
        ("2026-12-31", "Måltallet skal være nået: mindst 40 pct. kvinder i den øverste ledelse"),
    ]
    data = for_plan(t, range(2023, 2027))
    blocks = [Block(**b) for b in data["opfoelgning"]["afsnit"]]
    assert blocks[0] == Block("subheading", "Opfølgning på måltallet")
    assert blocks[2].text == "2023: 1 af 12 kvinder (8,3 pct.). Lavere end forventet: kun 2 pct. af " \
                             "udfaldene lå så lavt."
    assert [line["dato"] for line in data["opfoelgning"]["aarshjul"]] == ["2024-12-31", "2026-12-31",
                                                                          "2026-12-31"]
    # The plan's own check accepts what it is handed, and keeps it as it was.
    plan = parse_plan({"maal": data["maal"], "opfoelgning": data["opfoelgning"]})
    assert plan.to_dict()["opfoelgning"] == data["opfoelgning"] and plan.maal == target


def call(name: str, payload: dict[str, Any]) -> dict[str, Any]:
    answer: dict[str, Any] = json.loads(bridge.call(name, json.dumps(payload)))
    return answer


def test_bridge_calls_answer_with_results_or_danish_field_errors() -> None:
    ok = call("opfoelgning.evaluate", {"rules": RULES, "historik": EXAMPLE})
    assert ok["ok"] and ok["result"]["rows"][1][0] == "2023"
    started = call("opfoelgning.start", {"rules": RULES, "input": SCENARIO})
    assert started["ok"] and started["result"]["historik"] == {"scenarie": SCENARIO, "status": []}
    doubled = {"scenarie": SCENARIO, "status": [EXAMPLE["status"][0], EXAMPLE["status"][0]]}
    bad = call("opfoelgning.evaluate", {"rules": RULES, "historik": doubled})
    assert bad == {"ok": False, "errors": [{"field": "status.1.aar", "message": "2022 er registreret to "
                                            "gange (linje 1 og 2). Ret eller slet den ene."}]}
    assert call("opfoelgning.evaluate", {"rules": {}, "historik": EXAMPLE})["errors"][0]["field"] == "config"
    exported = call("opfoelgning.export", {"rules": RULES, "historik": EXAMPLE})["result"]
    assert exported["name"] == "opfoelgning.json"
    imported = call("opfoelgning.import", {"rules": RULES, "text": exported["json"]})["result"]
    assert imported["historik"] == history().to_dict()
    csv_answer = call("opfoelgning.csv", {"rules": RULES, "historik": EXAMPLE})["result"]
    assert csv_answer["csv"].startswith(BOM) and csv_answer["type"] == "text/csv;charset=utf-8"
    opened = call("opfoelgning.open_link", {"rules": RULES, "token": encode_link(history())})
    assert opened["result"]["historik"] == history().to_dict()
    plan = call("opfoelgning.plan", {"rules": RULES, "historik": EXAMPLE, "aarene": [2026, 2027]})
    assert plan["result"]["maal"]["status_aar"] == 2025
    assert call("opfoelgning.plan", {"rules": RULES, "historik": EXAMPLE, "aarene": "x"})["errors"][0][
        "field"] == "aarene"
    assert call("opfoelgning.start", {"rules": RULES, "input": None})["errors"][0]["field"] == "scenarie"


def test_the_page_example_is_the_example_of_these_tests_in_its_year() -> None:
    """The page shows our example relative to the build year; built in 2026 it is this file's."""
    from datetime import date

    from macros.maaltal_macros import example_history

    from koensbalance.maaltal.opfoelgning_view import page_config

    assert parse_history(example_history(date(2026, 6, 1)), KINDS, 2026) == history()
    later = parse_history(example_history(date(2030, 1, 1)), KINDS, 2030)
    assert (later.start_year, [r.year for r in later.records]) == (2025, [2026, 2027, 2029])
    config = page_config(RULES, example_history(date(2026, 6, 1)))
    assert config["page"] == {"rules": RULES} and config["link_prefix"] == "#opfoelgning="
    assert config["fields"] == ["aar", "kvinder", "maend", "bestyrelse_kvinder", "bestyrelse_maend",
                                "nye_ledere", "heraf", "politik"]
    assert config["texts"]["link_other"].startswith("Linket indeholder en anden opfølgning")
