"""The words of the shared widget runtime (overrides/assets/js/runtime.js).

The runtime shows these before Python has loaded in the browser (and when it fails to), so they are
written into each widget's embedded config at build time (`runtime_texts`, a Jinja global); widget
views add their own words to the same `texts` mapping.
"""

from __future__ import annotations

CALCULATOR_STATUS = {
    "status_starting": "Beregneren indlæses … Første gang kan det tage nogle sekunder.",
    "status_package": "Beregneren indlæses … næsten klar.",
    "status_ready": "Beregneren er klar. Resultatet opdateres, mens du skriver.",
    "status_failed": ("Beregneren kunne ikke indlæses. Prøv at genindlæse siden. "
                      "Eksemplet og tabellen på siden gælder stadig."),
}

FORM_STATUS = {
    "status_starting": "Markdown og filer bliver klar om et øjeblik … Du kan skrive imens.",
    "status_package": "Markdown og filer bliver klar om et øjeblik … Du kan skrive imens.",
    "status_ready": "",
    "status_failed": ("Markdown og filer kunne ikke indlæses. Det, du skriver, gemmes stadig i browseren, "
                      "og du kan udskrive det."),
}

COMMON = {
    "call_failed": ("Det kunne ikke lade sig gøre, fordi beregneren ikke er indlæst. "
                    "Genindlæs siden, og prøv igen."),
    "call_error": "Det kunne ikke lade sig gøre på grund af en fejl på siden. Genindlæs siden, og prøv igen.",
    "copy_selected": "Teksten er markeret – kopiér den med Ctrl+C.",
    "file_opened": "Filen er åbnet.",
}


def runtime_texts(kind: str = "calculator") -> dict[str, str]:
    """The runtime's texts for a widget: `calculator` (status while Python loads, results wait for
    it) or `form` (the user can write before Python is ready)."""
    status = FORM_STATUS if kind == "form" else CALCULATOR_STATUS
    return {**status, **COMMON}


def stored_work_texts(work: str, own: str) -> dict[str, str]:
    """Texts of a widget that stores the user's work: `work` names it ("dagsorden"), `own` with its
    article ("din egen dagsorden"). The plan builder's wording, for every widget alike."""
    return {
        "link_other": f"Linket indeholder en anden {work} end den, du har gemt i denne browser.",
        "link_kept": f"{own.capitalize()} er beholdt.",
        "link_opened": f"{work.capitalize()}en fra linket er åbnet.",
        "work_unchanged": f"{own.capitalize()} er uændret.",
        "storage_failed": (f"{work.capitalize()}en kunne ikke gemmes i din browser. "
                           "Gem den som fil eller link, så du ikke mister den."),
    }
