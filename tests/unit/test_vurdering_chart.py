"""The assessment's chart (plain SVG shapes for the build and the browser) and its text alternative,
and the Danish number formats the assessment's sentences use."""

from __future__ import annotations

import pytest

from koensbalance.vurdering.analysis import analyse
from koensbalance.vurdering.chart import TAGS, WIDTH, chart
from koensbalance.vurdering.numbers import decimal, p_value, parse_whole, per_100

HOME_CARE = {"kvinder": 25.0, "maend": 14.0, "titel": "Ældre, der får hjemmepleje",
             "kilde": "Ligestillingsvurdering (2015), afsnit Køn og kerneydelse – Ældre"}


def result(wa: int, wp: int, ma: int, mp: int) -> dict[str, object]:
    return analyse({"type": "modtagere", "kvinder": {"antal": wa, "population": wp},
                    "maend": {"antal": ma, "population": mp}})


def test_bars_whiskers_and_reference_marks_are_placed_by_the_shares() -> None:
    figure = chart(result(120, 600, 60, 500), HOME_CARE)
    assert figure is not None
    assert {s["tag"] for s in figure["shapes"]} <= set(TAGS)
    bars = [s for s in figure["shapes"] if s["tag"] == "rect"]
    assert [b["attrs"]["class"] for b in bars] == ["kb-vchart__bar kb-vchart__bar--kvinder",
                                                   "kb-vchart__bar kb-vchart__bar--maend"]
    women, men = (float(b["attrs"]["width"]) for b in bars)
    assert women / men == pytest.approx(0.20 / 0.12, rel=1e-2)
    references = [s for s in figure["shapes"] if s["attrs"].get("class") == "kb-vchart__reference"]
    assert len(references) == 2
    assert all(0 <= float(s["attrs"]["x1"]) <= WIDTH for s in figure["shapes"] if "x1" in s["attrs"])


def test_the_text_alternative_says_every_value_and_the_source() -> None:
    figure = chart(result(120, 600, 60, 500), HOME_CARE)
    assert figure is not None
    assert figure["description"] == (
        "Kvinder: 20,0 pr. 100 (95 pct.-interval 17,0 til 23,4); til sammenligning 25 pct. i kilden; "
        "Mænd: 12,0 pr. 100 (95 pct.-interval 9,4 til 15,1); til sammenligning 14 pct. i kilden. "
        "Den lodrette streg ved hver søjle viser tallet fra kilden: Ældre, der får hjemmepleje "
        "(Ligestillingsvurdering (2015), afsnit Køn og kerneydelse – Ældre).")
    assert figure["title"].startswith("Hvem modtager ydelsen?")


def test_a_gender_without_numbers_is_said_not_drawn() -> None:
    figure = chart(result(0, 0, 3, 10))
    assert figure is not None
    assert figure["description"].startswith("Kvinder: kan ikke beregnes; Mænd: 30,0 pr. 100")
    assert [s["attrs"]["class"] for s in figure["shapes"] if s["tag"] == "rect"] == [
        "kb-vchart__bar kb-vchart__bar--maend"]
    assert chart(result(0, 0, 0, 0)) is None


@pytest.mark.parametrize(("p", "text"), [
    (0.0, "p < 0,001"), (0.00049, "p < 0,001"), (0.003, "p = 0,003"), (0.0496, "p < 0,05"),
    (0.0504, "p = 0,050"), (0.42, "p = 0,42"), (1.0, "p = 1,00"),
])
def test_p_values_are_written_the_danish_way_and_never_round_to_significance(p: float, text: str) -> None:
    assert p_value(p) == text


def test_numbers_are_danish() -> None:
    assert decimal(-3.25, 1) == "−3,2" and decimal(-0.01, 1) == "0,0" and decimal(1234.5) == "1.234,5"
    assert per_100(0.0005) == "0,05" and per_100(0.25) == "25,0"
    assert parse_whole("1.200", "f", "Tallet") == (1200, None)
    assert parse_whole("10 000 000", "f", "Tallet") == (10_000_000, None)
    value, error = parse_whole("12,000", "f", "Tallet")
    assert value is None and error is not None and error.message == "Tallet skal være et helt tal, fx 3."


def test_the_page_gets_every_label_from_python() -> None:
    from koensbalance.vurdering.texts import page_texts

    texts = page_texts()
    assert [step["overskrift"] for step in texts["trin"]] == [
        "Ydelsen", "Data opdelt på køn", "Hypoteser", "Kønsspecifikke succeskriterier",
        "Metode og næste skridt", "Ligestillingsvurdering"]
    assert texts["tal"]["modtagere"] == {
        "kvinder.population": "Antal kvinder i målgruppen", "kvinder.antal": "Antal kvindelige modtagere",
        "maend.population": "Antal mænd i målgruppen", "maend.antal": "Antal mandlige modtagere"}
    assert set(texts["tal"]["resultat"]) == {"kvinder.gennemfoert", "kvinder.opnaaet", "maend.gennemfoert",
                                             "maend.opnaaet"}
    assert texts["knapper"]["workshop"] == "Planlæg en workshop om resultaterne"
