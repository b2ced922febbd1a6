"""The Danish sentences and table rows of "Følg op", from the numbers of opfoelgning_track."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from koensbalance.maaltal.opfoelgning import History
from koensbalance.maaltal.opfoelgning_track import (
    INSIDE,
    Outlook,
    Recruitment,
    Tracking,
    Turnover,
    YearCheck,
)
from koensbalance.maaltal.targets import NOUNS, share_text
from koensbalance.text import format_pct, plural

EXPLANATION = (
    "Placeringen viser, hvor jeres faktiske antal ligger i den fordeling, som fremskrivningen gav for "
    "året, da måltallet blev sat. »Så lavt« er sandsynligheden for samme antal eller færre, »så højt« "
    "for samme antal eller flere. Ligger antallet mellem 10- og 90-procent-fraktilen (båndet i "
    "figuren), er det inden for det forventede. Har den øverste ledelse skiftet størrelse, "
    "sammenlignes andelen: antallet regnes om til gruppens størrelse ved udgangspunktet."
)


def period(text: str) -> str:
    """End a sentence with one full stop (a share already ends with "pct.")."""
    return text if text.endswith(".") else f"{text}."


def chance(probability: float) -> str:
    """A probability in whole percent for tables; 'under 1 pct.' / 'over 99 pct.' near the ends."""
    pct = 100 * probability
    if pct <= 1e-10:
        return "0 pct."
    if pct >= 100 - 1e-10:
        return "100 pct."
    if pct < 0.5:
        return "under 1 pct."
    if pct > 99.5:
        return "over 99 pct."
    return format_pct(math.floor(pct + 0.5))


def count_of(count: int, size: int) -> str:
    return f"{count} af {size}"


def decimal(value: float, decimals: int = 1) -> str:
    """3,4 (decimal comma, no thousands separator: for tables and spreadsheet cells alike)."""
    return f"{value:.{decimals}f}".replace(".", ",")


def and_list(items: Sequence[str]) -> str:
    """'2025', '2025 og 2026', '2025, 2026 og 2028'."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " og " + items[-1]


def status_text(women: int, men: int) -> str:
    return f"{plural(women, 'kvinde', 'kvinder')} og {plural(men, 'mand', 'mænd')}"


def goal_text(history: History, size: int, need: int) -> str:
    s = history.scenario
    return (f"mindst {format_pct(s.target_pct)} {NOUNS[history.gender]} ({need} af {size}) senest i "
            f"{s.target_year}")


def assumptions(tracking: Tracking) -> list[str]:
    history = tracking.history
    s = history.scenario
    noun = NOUNS[history.gender]
    source = " (jeres eget skøn)" if s.recruit_input is not None else " (som på niveauet under)"
    original_need = tracking.original.target_count
    return [
        f"Udgangspunkt pr. 31. december {s.status_year}: {status_text(s.women, s.men)} i den øverste "
        f"ledelse ({share_text(s.under_count / s.size)} {noun}).",
        f"Antaget afgang: {share_text(s.turnover)} om året.",
        f"Antaget andel {noun} blandt nye ledere: {share_text(s.recruit)}{source}.",
        f"Måltal: {goal_text(history, s.size, original_need)}, med {share_text(s.probability)} "
        f"sandsynlighed.",
        f"Fremskrivningen gav dengang {chance(tracking.outlook.original_probability)} sandsynlighed for "
        f"at nå måltallet i {s.target_year}.",
    ]


def columns(history: History) -> list[str]:
    noun = NOUNS[history.gender]
    return ["År", f"Antal {noun}", "Forventet (oprindelig fremskrivning)", "Forventet interval (10–90 pct.)",
            "Så lavt eller lavere", "Så højt eller højere", "Placering", f"Nye ledere (heraf {noun})"]


def size_note(check: YearCheck, original_size: int) -> str:
    if not check.size_changed:
        return ""
    return (f"Sammenlignet på andel: den øverste ledelse havde {check.size} personer "
            f"({original_size} ved udgangspunktet).")


def placement_text(check: YearCheck, original_size: int) -> str:
    text = check.placement.text
    note = size_note(check, original_size)
    return f"{text[0].upper()}{text[1:]}." + (f" {note}" if note else "")


def appointments_text(check: YearCheck, noun: str) -> str:
    r = check.record
    if r.appointed is None or r.appointed_followed is None:
        return "–"
    if r.appointed == 0:
        return "0"
    share = share_text(r.appointed_followed / r.appointed)
    return f"{r.appointed_followed} af {r.appointed} {noun} ({share})"


def row(check: YearCheck, original_size: int, noun: str) -> list[str]:
    p = check.placement
    return [str(check.record.year), f"{count_of(check.count, check.size)} ({share_text(check.share)})",
            f"{decimal(check.expected_count)} af {original_size}", f"{p.low}–{p.high} af {original_size}",
            chance(p.at_most), chance(p.at_least), placement_text(check, original_size),
            appointments_text(check, noun)]


def year_dict(check: YearCheck, original_size: int) -> dict[str, Any]:
    """One recorded year as plain values (numbers and the words), for the page."""
    p = check.placement
    return {"aar": check.record.year, "antal": check.count, "i_alt": check.size,
            "andel": check.share, "forventet": check.expected_count, "fraktil_10": p.low,
            "fraktil_90": p.high, "saa_lavt": p.at_most, "saa_hoejt": p.at_least,
            "placering": p.verdict, "inden_for": p.verdict == INSIDE, "tekst": p.text,
            "note": size_note(check, original_size), "maal_naaet": check.reached}


def recruitment_text(history: History, r: Recruitment) -> str:
    noun = NOUNS[history.gender]
    assumed = share_text(r.assumed)
    if r.placement is None or r.observed is None:
        zero = " (eller kun år uden nye ledere)" if r.years else ""
        return (f"I har ikke registreret nye ledere for noget år{zero}. Status pr. 31. december viser "
                f"ikke, hvor mange der er stoppet, og hvem der er ansat i stedet, så den faktiske andel "
                f"{noun} blandt nye ledere kan ikke beregnes ud fra den. Registrér årets nye ledere og "
                f"hvor mange af dem der er {noun}, så sammenlignes andelen med de antagne {assumed}.")
    years = and_list([str(y) for y in r.years])
    return (f"Blandt de nye ledere i {years} var {r.followed} af {r.appointed} {noun} "
            f"({share_text(r.observed)}); I antog {period(assumed)} Med den antagne andel er det "
            f"{period(r.placement.text)}")


def turnover_text(t: Turnover) -> str:
    assumed = share_text(t.assumed)
    if t.placement is None or t.observed is None:
        return (f"Den faktiske afgang kan ikke beregnes endnu: det kræver årets nye ledere for et år, "
                f"hvor også året før har en status. I antog {assumed} afgang om året.")
    return (f"I {and_list([str(y) for y in t.years])} stoppede {t.departures} af de i alt {t.exposed} "
            f"ledere, der sad ved årets begyndelse ({share_text(t.observed)} om året, regnet som nye "
            f"ledere minus gruppens vækst); I antog {assumed} afgang. Med den antagne afgang er det "
            f"{period(t.placement.text)}")


def required_text(history: History, o: Outlook) -> str:
    s = history.scenario
    noun = NOUNS[history.gender]
    goal = f"{goal_text(history, o.size, o.target_count)} med {share_text(s.probability)} sandsynlighed"
    required = o.required
    if required is None:
        return ""
    if required.already:
        return f"I når {goal}, uanset hvem der ansættes fra nu af."
    if required.share is None:
        return (f"Selv hvis alle nye ledere fra nu af er {noun}, når I ikke {goal}: med "
                f"{share_text(s.turnover)} afgang om året bliver for få stillinger ledige inden "
                f"{s.target_year}. Overvej et nyt måltal under »Sæt måltal«.")
    whole = math.ceil(100 * required.share - 1e-9)
    return (f"For at nå {goal} skal mindst {format_pct(whole)} af de nye ledere fra nu af være {noun} "
            f"(I antog {share_text(s.recruit)}).")


def outlook_texts(tracking: Tracking) -> dict[str, str]:
    history, o = tracking.history, tracking.outlook
    s = history.scenario
    noun = NOUNS[history.gender]
    base = (f"status pr. 31. december {o.from_year} ({o.under} af {o.size} {noun})" if history.records
            else f"udgangspunktet pr. 31. december {o.from_year}")
    size = "" if o.size == s.size else (
        f" Den nye fremskrivning regner med {o.size} personer i den øverste ledelse fra nu af "
        f"({s.size} ved udgangspunktet); måltallet svarer til {o.target_count} af {o.size}.")
    if o.probability is None:
        record = next((c for c in tracking.checks if c.record.year == s.target_year), None)
        if record is None:
            result = f"status pr. 31. december {s.target_year} er ikke registreret."
        else:
            done = "måltallet er nået" if record.reached else "måltallet er ikke nået"
            result = (f"pr. 31. december {s.target_year} var {count_of(record.count, record.size)} "
                      f"{noun} ({share_text(record.share)}): {done}.")
        return {"sandsynlighed": f"Måltalsåret {s.target_year} er passeret: {result} Sæt et nyt måltal "
                                 f"under »Sæt måltal«, og følg op på det.",
                "med_faktisk": "", "krav": "", "stoerrelse": size.strip()}
    observed = tracking.recruitment.observed
    with_observed = "" if o.with_observed is None or observed is None else (
        f"Med den andel, I faktisk har ansat ({share_text(observed)}), er sandsynligheden "
        f"{period(chance(o.with_observed))}")
    return {
        "sandsynlighed": f"Fra {base} er sandsynligheden for at nå "
                         f"{goal_text(history, o.size, o.target_count)} nu {chance(o.probability)} med "
                         f"{share_text(s.recruit)} {noun} blandt nye ledere. Da måltallet blev sat, var "
                         f"den {period(chance(o.original_probability))}",
        "med_faktisk": with_observed,
        "krav": required_text(history, o),
        "stoerrelse": size.strip(),
    }


def headline(tracking: Tracking) -> str:
    history = tracking.history
    s = history.scenario
    if not tracking.checks:
        return (f"Der er endnu ikke registreret nogen år efter udgangspunktet ({s.status_year}). "
                f"Tilføj status pr. 31. december {s.status_year + 1}, når året er omme.")
    latest = tracking.checks[-1]
    last = f"pr. 31. december {latest.record.year} var antallet {period(latest.placement.text)}"
    if len(tracking.checks) == 1:
        return f"1 år registreret. {last[0].upper()}{last[1:]}"
    off = [c for c in tracking.checks if c.placement.verdict != INSIDE]
    summary = "alle inden for det forventede" if not off else (
        f"{len(off)} uden for det forventede ({and_list([str(c.record.year) for c in off])})")
    return f"{len(tracking.checks)} år registreret, {summary}. Senest {last}"
