"""What the page »Vurdér en ydelse« embeds at build time: the config its script reads (the catalogue
data the worker receives once, the example and the blank assessment, storage and link settings, the
hand-off targets, the .docx settings and every text the script shows) and the example's view, made
by the same function the browser calls (view.view), so the page shows a correct result before and
without JavaScript."""

from __future__ import annotations

from datetime import date
from typing import Any

from koensbalance import widget_view
from koensbalance.vurdering import codec, view
from koensbalance.vurdering.config import PROJECT_FORM, Config
from koensbalance.vurdering.document import NOT_FILLED
from koensbalance.vurdering.model import EXAMPLE, Assessment, Criterion
from koensbalance.vurdering.texts import BUTTONS

STORAGE_VERSION = 1
# The project-plan form keeps its work in localStorage as {version, poster: [{field id: text}]}
# (overrides/assets/js/widget-workshop-form.js, workshop.view.FORM_STORAGE_VERSION); the hand-off
# writes that format, so the form needs no change to receive it.
PROJECT_STORAGE_KEY = f"kb-formular-{PROJECT_FORM}"
DOCX = {"creator": "Kønsbalance i ledelse", "title": "Ligestillingsvurdering", "font": "Calibri", "size": 22,
        "filename": "ligestillingsvurdering.docx",
        "mime": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}
MARKDOWN_MIME = "text/markdown"

TEXTS = {
    "not_filled": NOT_FILLED,
    "fix_numbers": "Ret tallene ovenfor, så regner siden igen.",
    "criterion": "Succeskriterium {n}",
    "remove_criterion": BUTTONS["fjern_kriterium"] + " (succeskriterium {n})",  # the visible words first
    "criterion_added": "Succeskriterium {n} er tilføjet.",
    "criterion_removed": "Succeskriterium {n} er fjernet.",
    "confirm_example": "Vil du erstatte din vurdering med eksemplet? Det, du har skrevet, forsvinder.",
    "confirm_blank": "Vil du starte med en tom vurdering? Det, du har skrevet, forsvinder.",
    "confirm_import": "Vil du erstatte din vurdering med vurderingen fra filen?",
    "confirm_project": ("Der er allerede en projektplan i denne browser. Vil du erstatte den med en ny, "
                        "udfyldt ud fra vurderingen?"),
    "example_loaded": "Eksemplet er indlæst.",
    "blank_loaded": "Vurderingen er tom. Skriv jeres egne tal.",
    "link_copied": "Linket er kopieret.",
    "markdown_saved": "Markdown-filen er hentet.",
    "docx_failed": "Word-filen kunne ikke laves. Prøv igen, eller hent vurderingen som Markdown.",
    "stored_unreadable": ("Den vurdering, der var gemt i browseren, kunne ikke læses. Den er lagt til side, "
                          "og siden viser eksemplet."),
}


def blank() -> Assessment:
    return Assessment()


def page_config(config: Config, workshop_url: str, project_url: str, project_keys: list[str],
                project_version: int) -> dict[str, Any]:
    """The page's embedded config (<script data-kb-config>). `workshop_url` and `project_url` are
    page-relative links to the workshop template's planner and the project-plan form;
    `project_keys`/`project_version` the form's field ids and storage version."""
    return {
        "page": {"config": config.to_dict()},
        "example": EXAMPLE.to_dict(),
        "blank": blank().to_dict(),
        "blank_criterion": Criterion().to_dict(),
        "storage_key": codec.STORAGE_KEY,
        "storage_version": STORAGE_VERSION,
        "link_prefix": f"#{codec.LINK_KEY}=",
        "file_bytes": 4 * codec.MAX_FILE_CHARS + 4,  # UTF-8: enough bytes for one character more
        "workshop_url": workshop_url,
        "project": {"url": project_url, "key": PROJECT_STORAGE_KEY, "keys": project_keys,
                    "version": project_version},
        "docx": DOCX,
        "markdown_mime": MARKDOWN_MIME,
        "texts": {**widget_view.runtime_texts(),
                  **widget_view.stored_work_texts("vurdering", "din egen vurdering"), **TEXTS},
    }


def example_view(config: Config, today: date) -> dict[str, Any]:
    """The example as the browser's first answer shows it (no share link: that needs the page's URL)."""
    return view.view(EXAMPLE, config, "", today)
