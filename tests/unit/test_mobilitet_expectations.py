"""Forventningsafstemning: each side's total must be 100 (said in Danish while it is not), the sides
side by side with their differences, topics 10 points apart or more marked (our threshold, said),
the chart and its text alternative, and bad numbers refused next to their field."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any

import pytest

from koensbalance.errors import InputError
from koensbalance.mobilitet.chart import TAGS, chart
from koensbalance.mobilitet.expectations import compare
from koensbalance.mobilitet.model import parse_kit
from tests.support.mobilitet import CANDIDATE, ORGANISATION, config, numbers


def comparison(first: list[Any], second: list[Any]) -> Any:
    both = {"organisation": numbers(first), "kandidat": numbers(second)}
    kit = parse_kit({"forventninger": both}, config())
    return compare(config().expectations, kit)


def test_a_side_that_adds_up_to_100_says_so_and_one_that_does_not_says_how_far_off() -> None:
    result = comparison(ORGANISATION, [20, 25, 15, 5, 20, 10, None])  # 95
    org, cand = result.totals
    assert (org.total, org.complete) == (100, True)
    assert org.message == "Organisationens tal giver 100 pct. i alt."
    assert (cand.total, cand.complete, cand.filled) == (95, False, 6)
    assert cand.message == "Kandidatens tal giver 95 pct. i alt. De skal give 100 pct. – der mangler 5 pct."
    over = comparison([50, 50, 10, 0, 0, 0, 0], CANDIDATE).totals[0]
    assert over.message == ("Organisationens tal giver 110 pct. i alt. De skal give 100 pct. – det er "
                            "10 pct. for meget.")
    assert not comparison([50, 50, 10, 0, 0, 0, 0], CANDIDATE).final


def test_differences_and_marks_at_exactly_the_threshold() -> None:
    result = comparison([30, 20, 20, 10, 10, 5, 5], [20, 29, 20, 10, 10, 5, 6])
    rows = {r.topic.id: r for r in result.rows}
    assert rows["opgaver"].difference == -10 and rows["opgaver"].marked  # 10 points: marked
    assert rows["ledelsesrum"].difference == 9 and not rows["ledelsesrum"].marked  # 9: not
    assert rows["samarbejde"].difference == 0 and not rows["samarbejde"].marked
    assert [r.topic.id for r in result.marked] == ["opgaver"]
    sides = config().expectations.sides
    assert rows["opgaver"].text(sides) == "Organisationen forventer 10 procentpoint mere end kandidaten."
    assert rows["ledelsesrum"].text(sides) == "Kandidaten forventer 9 procentpoint mere end organisationen."
    assert result.summary == ("I ligger 10 procentpoint eller mere fra hinanden på 1 af 7 emner: »opgaver«. "
                              "Tal om dem.")


def test_the_threshold_is_said_to_be_ours() -> None:
    note = comparison(ORGANISATION, CANDIDATE).threshold_note
    assert "10 procentpoint" in note and "vores eget valg, ikke kildens" in note


def test_no_differences_before_both_sides_have_started_and_preliminary_until_both_are_100() -> None:
    waiting = comparison(ORGANISATION, [None] * 7)
    assert not waiting.compared and all(r.difference is None and not r.marked for r in waiting.rows)
    assert waiting.summary.startswith("Kandidatens tal mangler.")
    assert waiting.totals[1].message == "Kandidatens tal er ikke udfyldt endnu."
    preliminary = comparison(ORGANISATION, [20, 25, 15, 5, 20, 10, None])
    assert preliminary.compared and not preliminary.final
    assert preliminary.summary.endswith(
        "Forskellene er foreløbige, indtil begge siders tal giver 100 pct. i alt.")
    # an empty topic counts as 0 once the side has started
    assert {r.topic.id: r.difference for r in preliminary.rows}["udviklingsopgaver"] == -10


def test_all_within_the_threshold_says_so() -> None:
    result = comparison(ORGANISATION, ORGANISATION)
    assert result.final and result.marked == ()
    assert result.summary == "I ligger mindre end 10 procentpoint fra hinanden på alle emner."


@pytest.mark.parametrize("value", ["abc", "101", "-5", "12,5", 12.5, True, [], "1e2"])
def test_a_bad_number_is_refused_next_to_its_field(value: object) -> None:
    values: list[Any] = list(ORGANISATION)
    values[1] = value
    with pytest.raises(InputError) as error:
        parse_kit({"forventninger": {"organisation": numbers(values)}}, config())
    [problem] = error.value.errors
    assert problem.field == "forventninger.organisation.ledelsesrum"
    assert problem.message == "Organisationens tal for »ledelsesrum« skal være et helt tal fra 0 til 100."


def test_numbers_as_typed_are_read() -> None:
    values: list[Any] = [" 20 ", "15%", 20.0, "10", 15, "", None]
    kit = parse_kit({"forventninger": {"kandidat": numbers(values)}}, config())
    assert list(kit.numbers("kandidat").values()) == [20, 15, 20, 10, 15, None, None]


def test_an_unknown_topic_or_side_is_refused() -> None:
    with pytest.raises(InputError) as error:
        parse_kit({"forventninger": {"kandidat": {"loen": 50}, "chefen": {}}}, config())
    messages = [e.message for e in error.value.errors]
    assert "Emnet »loen« findes ikke i forventningsafstemningen." in messages
    assert "Siden »chefen« findes ikke." in messages


def test_chart_has_two_bars_per_topic_on_a_fixed_scale_and_says_every_number() -> None:
    result = comparison([30, 20, 20, 10, 10, 5, 5], [20, 29, 20, 10, 10, 5, 6])
    drawn = chart(result)
    bars = [s for s in drawn["shapes"] if s["tag"] == "rect"]
    assert len(bars) == 14
    widths = [float(b["attrs"]["width"]) for b in bars]
    assert widths[0] == pytest.approx(widths[2] * 30 / 20)  # 30 pct. vs 20 pct., same scale
    texts = [s["text"] for s in drawn["shapes"] if s["tag"] == "text"]
    assert "opgaver – forskel 10 procentpoint (markeret)" in texts
    assert "ledelsesrum – forskel 9 procentpoint" in texts
    assert {s["tag"] for s in drawn["shapes"]} <= set(TAGS)
    description = drawn["description"]
    assert description.startswith("opgaver: organisationen 30 pct., kandidaten 20 pct., forskel 10 "
                                  "procentpoint (markeret); ledelsesrum: organisationen 20 pct., kandidaten "
                                  "29 pct., forskel 9 procentpoint;")
    assert "Kandidatens tal giver 100 pct. i alt." in description and "vores eget valg" in description
    # the geometry makes a well-formed SVG, every shape inside the view box
    box = f"0 0 {drawn['width']} {drawn['height']}"
    svg = ET.Element("svg", xmlns="http://www.w3.org/2000/svg", viewBox=box)
    ET.SubElement(svg, "title").text = drawn["title"]
    ET.SubElement(svg, "desc").text = drawn["description"]
    for shape in drawn["shapes"]:
        ET.SubElement(svg, shape["tag"], shape["attrs"]).text = shape["text"]
    ET.fromstring(ET.tostring(svg))
    for bar in bars:
        assert float(bar["attrs"]["x"]) + float(bar["attrs"]["width"]) <= drawn["width"]
        assert float(bar["attrs"]["y"]) + float(bar["attrs"]["height"]) <= drawn["height"]


def test_chart_of_a_blank_kit_says_nothing_is_filled_in() -> None:
    drawn = chart(comparison([None] * 7, [None] * 7))
    assert "opgaver: organisationen ikke udfyldt, kandidaten ikke udfyldt" in drawn["description"]
    assert all(float(s["attrs"]["width"]) == 0 for s in drawn["shapes"] if s["tag"] == "rect")


def test_build_time_svg_of_the_comparison() -> None:
    """The build renders the same geometry as inline SVG with its title and text alternative."""
    from macros import mobilitet_macros

    drawn = chart(comparison(ORGANISATION, CANDIDATE))
    svg_text = str(mobilitet_macros.chart_svg(drawn, "test-diagram"))
    figure = ET.fromstring(svg_text)
    ns = {"svg": "http://www.w3.org/2000/svg"}
    svg = figure.find("svg:svg", ns)
    assert svg is not None and svg.get("role") == "img"
    assert svg.get("aria-labelledby") == "test-diagram-titel test-diagram-beskrivelse"
    assert svg.findtext("svg:title", namespaces=ns) == drawn["title"]
    assert svg.findtext("svg:desc", namespaces=ns) == drawn["description"]
    assert len(svg.findall(".//svg:rect", ns)) == 14
    labels = [t.text for t in svg.findall(".//svg:text", ns)]
    assert "ledelsesrum – forskel 10 procentpoint (markeret)" in labels


def test_build_time_svg_escapes_text() -> None:
    from macros import mobilitet_macros

    drawn = chart(comparison(ORGANISATION, CANDIDATE))
    drawn["shapes"][0]["text"] = "<script>alert(1)</script>"
    svg_text = str(mobilitet_macros.chart_svg(drawn))
    assert "<script>" not in svg_text and "&lt;script&gt;" in svg_text
