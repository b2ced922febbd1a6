"""Every word the assessment page shows that is not computed: the steps, the field labels and the
buttons. The page (template and JavaScript) takes them from here (view.handle_example returns them),
and the document uses the same labels, so there is one copy of each."""

from __future__ import annotations

from typing import Any

from koensbalance.vurdering.analysis import FORSKEL_LABEL, GENDERS, KINDS, label

PAGE_TITLE = "Vurdér en ydelse"

# (id, heading, intro) in the order of the page; the flow of issue #16, in the source's words where
# the source has them ("Kønsspecifikke succeskriterier", "Hypoteser").
STEPS: tuple[tuple[str, str, str], ...] = (
    ("ydelsen", "Ydelsen", "Hvilken ydelse vil I se på, hvem er den til, og hvad vil I gerne vide?"),
    ("data", "Data opdelt på køn",
     "Skriv jeres egne tal for kvinder og mænd. I kan udfylde den ene sammenligning eller begge."),
    ("hypoteser", "Hypoteser",
     "Hvorfor er der en forskel – eller hvorfor ikke? Skriv jeres svar på kildens spørgsmål."),
    ("succeskriterier", "Kønsspecifikke succeskriterier",
     "Hvad skal ydelsen opnå for kvinder og for mænd, og hvornår? Skriv tallene, når I har målt."),
    ("metode", "Metode og næste skridt", "Vælg de værktøjer fra kataloget, I vil bruge."),
    ("output", "Ligestillingsvurdering", "Udskriv vurderingen, gem den som fil, eller del et link."),
)

FIELDS = {
    "ydelse": "Ydelse",
    "maalgruppe": "Målgruppe",
    "spoergsmaal": "Spørgsmål",
    "forskel": FORSKEL_LABEL.rstrip(",") + " (procentpoint)",
    "egne_hypoteser": "Vores hypoteser",
    "naeste_skridt": "Næste skridt",
}
CRITERION_FIELDS = {
    "maal": "Det måler vi på",
    "enhed": "Enhed (fx borgere eller pct.)",
    "retning": "Målet er",
    "kvinder": "Mål for kvinder",
    "maend": "Mål for mænd",
    "dato": "Dato",
    "maalt_kvinder": "Målt for kvinder",
    "maalt_maend": "Målt for mænd",
    "status": "Status",
}
DIRECTION_OPTIONS = {"mindst": "Mindst", "hoejst": "Højst"}
BUTTONS = {
    "tilfoej_kriterium": "Tilføj et succeskriterium",
    "fjern_kriterium": "Fjern kriteriet",
    "workshop": "Planlæg en workshop om resultaterne",
    "projektplan": "Lav en projektplan",
    "udskriv": "Udskriv",
    "markdown": "Hent som Markdown",
    "docx": "Hent som Word-fil",
    "gem": "Gem som fil",
    "aabn": "Åbn en gemt fil",
    "link": "Kopiér link",
    "eksempel": "Start forfra med eksemplet",
    "tom": "Start med en tom vurdering",
}


def number_fields() -> dict[str, dict[str, str]]:
    """Per comparison type the label of each number field, keyed "kvinder.antal" etc. (the
    field names of analysis.py's errors)."""
    return {kind.id: {f"{g}.{f}": label(kind, f, g) for g in GENDERS for f in (kind.whole, kind.part)}
            for kind in KINDS.values()}


def page_texts() -> dict[str, Any]:
    return {"titel": PAGE_TITLE,
            "trin": [{"id": i, "overskrift": h, "tekst": t} for i, h, t in STEPS],
            "felter": FIELDS, "tal": number_fields(),
            "overskrifter": {kind.id: kind.heading for kind in KINDS.values()},
            "kriterie_felter": CRITERION_FIELDS, "retninger": DIRECTION_OPTIONS, "knapper": BUTTONS}
