"""The two comparisons the sources make, from a team's own numbers to figures and plain Danish.

"modtagere" (who receives the service): women and men receiving it and women and men in the
population it is meant for; rates per 100 with Wilson intervals, the rate ratio (score interval),
the difference in percentage points (Newcombe's hybrid score interval) and the exact conditional
binomial test. "resultat" (what the service achieves): women and men who completed it and how many
of each reached the outcome; shares with Wilson intervals, the difference (Newcombe) and Fisher's
exact test. Both give the sample size a small project needs (Fleiss, 80 pct. power, 5 pct. level).

Payload (the bridge's "vurdering.analyse"): {"type": "modtagere", "kvinder": {"antal": ..,
"population": ..}, "maend": {..}} or {"type": "resultat", "kvinder": {"gennemfoert": ..,
"opnaaet": ..}, "maend": {..}}, optionally "forskel": the difference in percentage points the team
cares about (for the sample size; without it the observed difference). Numbers may be strings as
typed ("1.200"). Every problem is an InputError naming its field ("kvinder.antal", …); anything
that cannot be computed from valid numbers (nobody in a group, no difference) is a result with a
"kan ikke beregnes, fordi …" sentence, never an exception."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from koensbalance.errors import FieldError, InputError
from koensbalance.vurdering import stats
from koensbalance.vurdering.numbers import count, decimal, p_value, parse_points, parse_whole, per_100, places

ALPHA = 0.05
POWER = 0.80
GENDERS = ("kvinder", "maend")
NOUN = {"kvinder": "kvinder", "maend": "mænd"}
ADJECTIVE = {"kvinder": "kvindelige", "maend": "mandlige"}
TITLE = {"kvinder": "Kvinder", "maend": "Mænd"}


@dataclass(frozen=True)
class Kind:
    """One comparison type: its two fields per gender (part, whole) and its Danish words."""

    id: str
    part: str  # the count that is a share of `whole`
    whole: str
    labels: Mapping[str, str]  # field -> label with {noun}
    too_many: str  # message when part > whole, with {noun}
    empty: str  # why nothing can be computed when whole is 0, with {noun}
    share_word: str  # "pr. 100" or "pct."
    verb: str  # "modtager ydelsen" / "nåede målet"
    heading: str


KINDS = {
    "modtagere": Kind(
        "modtagere", "antal", "population",
        {"antal": "Antal {adjective} modtagere",
         "population": "Antal {noun} i målgruppen"},
        "Der kan ikke være flere {noun}, der modtager ydelsen, end {noun} i målgruppen.",
        "der ikke er nogen {noun} i målgruppen",
        "pr. 100", "modtager ydelsen", "Hvem modtager ydelsen?"),
    "resultat": Kind(
        "resultat", "opnaaet", "gennemfoert",
        {"gennemfoert": "Antal {noun} med gennemført forløb",
         "opnaaet": "Antal {noun} med opnået resultat"},
        "Der kan ikke være flere {noun}, der nåede målet, end {noun}, der har gennemført forløbet.",
        "ingen {noun} har gennemført forløbet",
        "pct.", "nåede målet", "Hvad opnår ydelsen?"),
}
TYPE_ERROR = "Vælg, hvad I vil sammenligne: hvem der modtager ydelsen, eller hvad den opnår."
FORSKEL_LABEL = "Den forskel, I vil kunne påvise,"
FEW_WIDTH = 0.10  # an interval for the difference wider than this: "saml data for flere"


@dataclass(frozen=True)
class Group:
    part: int
    whole: int


@dataclass(frozen=True)
class Comparison:
    kind: Kind
    women: Group
    men: Group
    forskel: float | None = None  # percentage points the team cares about

    def group(self, gender: str) -> Group:
        return self.women if gender == "kvinder" else self.men


def label(kind: Kind, field: str, gender: str) -> str:
    return kind.labels[field].format(noun=NOUN[gender], adjective=ADJECTIVE[gender])


def parse(payload: object) -> Comparison:
    """Check the payload; InputError listing every problem, each on its field."""
    if not isinstance(payload, Mapping):
        raise InputError([FieldError("type", TYPE_ERROR)])
    kind = KINDS.get(str(payload.get("type", "")))
    if kind is None:
        raise InputError([FieldError("type", TYPE_ERROR)])
    errors: list[FieldError] = []
    groups: dict[str, Group] = {}
    for gender in GENDERS:
        raw = payload.get(gender)
        raw = raw if isinstance(raw, Mapping) else {}
        values: dict[str, int | None] = {}
        for field in (kind.whole, kind.part):
            name = f"{gender}.{field}"
            value, error = parse_whole(raw.get(field, ""), name, label(kind, field, gender))
            if error:
                errors.append(error)
            values[field] = value
        part, whole = values[kind.part], values[kind.whole]
        if part is not None and whole is not None:
            if part > whole:
                errors.append(FieldError(f"{gender}.{kind.part}", kind.too_many.format(noun=NOUN[gender])))
            else:
                groups[gender] = Group(part, whole)
    forskel = None
    raw_forskel = payload.get("forskel")
    if raw_forskel not in (None, ""):
        forskel, error = parse_points(raw_forskel, "forskel", FORSKEL_LABEL)
        if error:
            errors.append(FieldError("forskel", error.message))
    if errors:
        raise InputError(errors)
    return Comparison(kind, groups["kvinder"], groups["maend"], forskel)


# ---- computing -----------------------------------------------------------------------------------

def _interval(interval: stats.Interval) -> list[float | None]:
    """JSON-safe interval ends (an unbounded end is null)."""
    return [interval.low, None if interval.high == float("inf") else interval.high]


def _group(c: Comparison, gender: str) -> dict[str, Any]:
    g = c.group(gender)
    kind = c.kind
    base: dict[str, Any] = {"del": g.part, "i_alt": g.whole, "andel": None, "interval": None}
    if g.whole == 0:
        base["tekst"] = f"{TITLE[gender]}: kan ikke beregnes, fordi {kind.empty.format(noun=NOUN[gender])}."
        return base
    share = g.part / g.whole
    interval = stats.wilson(g.part, g.whole)
    base.update(andel=share, interval=_interval(interval))
    n = places(100 * interval.low, 100 * interval.high)
    base["tekst"] = (f"{TITLE[gender]}: {per_100(share, n)} {kind.share_word} ({count(g.part)} af "
                     f"{count(g.whole)}) – 95 pct.-interval {per_100(interval.low, n)} til "
                     f"{per_100(interval.high, n)}.")
    return base


def _lead(c: Comparison, women_minus_men: float) -> tuple[str, str]:
    """The gender with the larger share first ("kvinder", "mænd"), for sentences."""
    return ("kvinder", "maend") if women_minus_men >= 0 else ("maend", "kvinder")


def _difference(c: Comparison) -> dict[str, Any] | None:
    w, m = c.women, c.men
    if w.whole == 0 or m.whole == 0:
        return None
    d = w.part / w.whole - m.part / m.whole
    interval = stats.newcombe_difference(w.part, w.whole, m.part, m.whole)
    first, second = _lead(c, d)
    low, high = (interval.low, interval.high) if first == "kvinder" else (-interval.high, -interval.low)
    n = places(100 * low, 100 * high)
    if d == 0:
        text = (f"Ingen forskel: andelen er den samme for kvinder og mænd (95 pct.-interval for "
                f"forskellen {decimal(100 * interval.low, n)} til {decimal(100 * interval.high, n)} "
                f"procentpoint).")
    else:
        what = "pr. 100" if c.kind.id == "modtagere" else "nåede målet"
        text = (f"Forskel: {decimal(100 * abs(d), n)} procentpoint flere {NOUN[first]} end "
                f"{NOUN[second]} {what} (95 pct.-interval {decimal(100 * low, n)} til "
                f"{decimal(100 * high, n)} procentpoint).")
    return {"kvinder_minus_maend": d, "procentpoint": 100 * d, "interval": _interval(interval),
            "tekst": text}


def _ratio(c: Comparison) -> dict[str, Any] | None:
    """The rate ratio women/men with its score interval (receiving only)."""
    w, m = c.women, c.men
    if w.whole == 0 or m.whole == 0 or w.part + m.part == 0:
        return None
    interval = stats.rate_ratio_interval(w.part, w.whole, m.part, m.whole)
    if m.part == 0:
        return {"kvinder_pr_maend": None, "interval": _interval(interval),
                "tekst": "Forholdet mellem kvinder og mænd kan ikke beregnes, fordi ingen mænd modtager "
                         "ydelsen."}
    ratio = (w.part / w.whole) / (m.part / m.whole)
    n = places(100 * interval.low, 100 * interval.high) + 1
    if w.part == 0:
        text = (f"Ingen kvinder modtager ydelsen, så forholdet mellem kvinder og mænd er 0 (95 pct.-interval "
                f"0 til {decimal(interval.high, n)}).")
    else:
        text = (f"Kvinder modtager ydelsen {decimal(ratio, n)} gange så ofte som mænd (95 pct.-interval "
                f"{decimal(interval.low, n)} til {decimal(interval.high, n)}).")
    return {"kvinder_pr_maend": ratio, "interval": _interval(interval), "tekst": text}


def _test(c: Comparison) -> dict[str, Any] | None:
    w, m = c.women, c.men
    if w.whole == 0 or m.whole == 0:
        return None
    if c.kind.id == "modtagere":
        if w.part + m.part == 0:
            return None
        p = stats.rate_comparison_test(w.part, w.whole, m.part, m.whole)
        method = "eksakt betinget binomialtest"
    else:
        p = stats.fisher_exact(w.part, w.whole - w.part, m.part, m.whole - m.part)
        method = "Fishers eksakte test"
    return {"p": p, "metode": method, "tekst": f"{p_value(p)} ({method}, tosidet)"}


def _sample_shares(c: Comparison) -> tuple[float, float] | None:
    """The two shares the sample size is for: the team's difference around the pooled share, or
    the observed shares."""
    w, m = c.women, c.men
    if c.forskel is None:
        pw, pm = w.part / w.whole, m.part / m.whole
        return None if pw == pm else (pw, pm)
    pooled = (w.part + m.part) / (w.whole + m.whole)
    half = c.forskel / 200
    low = min(max(pooled - half, 0.0), 1.0 - 2 * half)
    return low, low + 2 * half


def _sample_size(c: Comparison) -> dict[str, Any]:
    empty = next((g for g in GENDERS if c.group(g).whole == 0), None)
    if empty is not None:
        return {"per_koen": None, "andele": None,
                "tekst": f"Stikprøvens størrelse kan ikke beregnes, fordi "
                         f"{c.kind.empty.format(noun=NOUN[empty])}."}
    shares = _sample_shares(c)
    if shares is None:
        return {"per_koen": None, "andele": None,
                "tekst": "Stikprøvens størrelse kan ikke beregnes, fordi andelen er den samme for kvinder "
                         "og mænd. Skriv den forskel, I vil kunne påvise."}
    n = stats.sample_size_two_proportions(shares[0], shares[1], ALPHA, POWER)
    points = c.forskel if c.forskel is not None else abs(shares[0] - shares[1]) * 100
    who = "i målgruppen" if c.kind.id == "modtagere" else "i forløbet"
    own = "" if c.forskel is not None else " (den forskel, jeres tal viser)"
    unit = c.kind.share_word
    return {"per_koen": n, "andele": [shares[0], shares[1]], "forskel_procentpoint": points,
            "tekst": f"For at kunne påvise en forskel på {decimal(points)} procentpoint{own} – fx "
                     f"{per_100(min(shares))} mod {per_100(max(shares))} {unit} – med 80 pct. sandsynlighed "
                     f"skal et projekt følge mindst {count(n)} kvinder og {count(n)} mænd {who} "
                     f"(Fleiss' formel med kontinuitetskorrektion, tosidet test på 5 pct.-niveau)."}


def _verdict(c: Comparison, difference: dict[str, Any] | None, test: dict[str, Any] | None,
             sample: dict[str, Any]) -> tuple[str, bool | None]:
    w, m = c.women, c.men
    if difference is None or test is None:
        return _why_not(c), None
    p = test["p"]
    if p < ALPHA:
        return f"Forskellen er så stor, at den næppe skyldes tilfældigheder ({p_value(p)}).", True
    # Too few: fewer than needed for the team's own difference, or (without one) an interval wider
    # than 10 percentage points, i.e. the numbers cannot tell a large difference from none.
    needed = sample["per_koen"]
    if c.forskel is not None and needed is not None:
        few = min(w.whole, m.whole) < needed
    else:
        few = (difference["interval"][1] - difference["interval"][0]) > FEW_WIDTH
    if few:
        return (f"Med så få borgere kan forskellen godt skyldes tilfældigheder – saml data for flere "
                f"({p_value(p)})."), False
    low, high = (100 * v for v in difference["interval"])
    n = places(low, high)
    return (f"Forskellen kan godt skyldes tilfældigheder ({p_value(p)}). Jeres tal viser, at den sande "
            f"forskel sandsynligvis ligger mellem {decimal(low, n)} og {decimal(high, n)} procentpoint "
            f"(kvinder minus mænd)."), False


def _why_not(c: Comparison) -> str:
    for gender in GENDERS:
        if c.group(gender).whole == 0:
            return f"Forskellen kan ikke beregnes, fordi {c.kind.empty.format(noun=NOUN[gender])}."
    return "Testen kan ikke beregnes, fordi hverken kvinder eller mænd modtager ydelsen."


def compute(c: Comparison) -> dict[str, Any]:
    difference = _difference(c)
    test = _test(c)
    sample = _sample_size(c)
    verdict, significant = _verdict(c, difference, test, sample)
    result: dict[str, Any] = {
        "type": c.kind.id,
        "overskrift": c.kind.heading,
        "enhed": c.kind.share_word,
        "kvinder": _group(c, "kvinder"),
        "maend": _group(c, "maend"),
        "forskel": difference,
        "forhold": _ratio(c) if c.kind.id == "modtagere" else None,
        "test": test,
        "konklusion": verdict,
        "signifikant": significant,
        "stikproeve": sample,
        "forskel_input": c.forskel,
    }
    result["linjer"] = [text for text in (
        result["kvinder"]["tekst"], result["maend"]["tekst"],
        difference["tekst"] if difference else None,
        result["forhold"]["tekst"] if result["forhold"] else None,
        test["tekst"] if test else None) if text]
    return result


def analyse(payload: object) -> dict[str, Any]:
    """The bridge's "vurdering.analyse": validate, then every figure as numbers and Danish text."""
    return compute(parse(payload))
